// docs/dhcp6.md's option tables are the definition table (src/dhcp6/names.cpp): this test fails
// when they disagree, and prints the rows the code has.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "wirekit/dhcp6/options.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

std::string rows(dhcp6::option_space space) {
  std::string s;
  for (const auto& d : dhcp6::option_table(space))
    s += "| " + std::to_string(d.code) + " | " + d.name + " | " + dhcp6::layout_text(d) + " | " + d.reference + " |\n";
  return s;
}

// The lines between "<!-- NAME:begin -->" and "<!-- NAME:end -->" that start with "| <digit>".
std::string doc_rows(const std::string& doc, const std::string& name) {
  const std::string b = "<!-- " + name + ":begin -->", e = "<!-- " + name + ":end -->";
  auto i = doc.find(b), j = doc.find(e);
  if (i == std::string::npos || j == std::string::npos || j < i) return "(markers " + name + " not found)";
  std::istringstream in(doc.substr(i + b.size(), j - i - b.size()));
  std::string line, out;
  while (std::getline(in, line))
    if (line.size() > 2 && line[0] == '|' && std::isdigit(static_cast<unsigned char>(line[2]))) out += line + "\n";
  return out;
}

TEST(Dhcp6Doc, OptionTablesMatchTheCode) {
  std::ifstream f(fs::path(WIREKIT_SOURCE_DIR) / "docs" / "dhcp6.md");
  ASSERT_TRUE(f) << "docs/dhcp6.md not found";
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string doc = ss.str();
  EXPECT_EQ(doc_rows(doc, "dhcp6-option-table"), rows(dhcp6::option_space::dhcp6))
      << "docs/dhcp6.md's option table differs from src/dhcp6/names.cpp; the code's rows are above";
  EXPECT_EQ(doc_rows(doc, "dhcp6-ntp-suboption-table"), rows(dhcp6::option_space::ntp_server));
}

}  // namespace
