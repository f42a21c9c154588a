// docs/ancp.md's TLV table is a copy of ancp::tlv_table(): same rows, same order.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "wirekit/ancp/ancp.hpp"

using namespace wirekit;

TEST(AncpDoc, TlvTableMatchesTheCode) {
  std::ifstream f(std::filesystem::path(WIREKIT_SOURCE_DIR) / "docs/ancp.md");
  ASSERT_TRUE(f) << "docs/ancp.md is missing";
  std::vector<std::string> rows;
  for (std::string l; std::getline(f, l);)
    if (l.rfind("| 0x", 0) == 0) rows.push_back(l);
  std::vector<std::string> want;
  for (const auto& d : ancp::tlv_table())
    want.push_back(fmt::format("| 0x{:04x} | {} | {} | {} |", d.type, d.name, ancp::tlv_kind_name(d.kind), d.reference));
  EXPECT_EQ(rows, want);
}
