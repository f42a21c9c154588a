// `wirekit decode --proto dhcp6 --typed --validate` and `wirekit encode --proto dhcp6` with typed
// JSON, run as a subprocess on the hand-built samples (docs/dhcp6.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "dhcp6/dhcp6_samples.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;
namespace s6 = wirekit::test::dhcp6s;

namespace {

class Dhcp6Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
    if (!fs::exists(bin_)) GTEST_SKIP() << bin_ << " was not built";
    dir_ = fs::temp_directory_path() / ("wirekit-dhcp6-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  fs::path put(const std::string& name, const bytes& b) {
    fs::path p = dir_ / name;
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    return p;
  }
  json decode(const std::string& args, const fs::path& in) {
    std::string out;
    EXPECT_EQ(test::run_command(bin_.string() + " decode " + args + " '" + in.string() + "'", out), 0) << out;
    return json::parse(out, nullptr, false);
  }
  fs::path bin_, dir_;
};

TEST_F(Dhcp6Cli, TypedBothWaysAndValidate) {
  const bytes wire = s6::relay_forw();
  json j = decode("--proto dhcp6 --typed --validate", put("m.bin", wire));
  ASSERT_TRUE(j.is_object()) << j.dump();
  ASSERT_TRUE(j.contains("dhcp6_typed")) << j.dump();
  EXPECT_EQ(j["dhcp6_typed"]["options"][4]["message"]["options"][0]["message"]["name"], "SOLICIT");
  EXPECT_EQ(j["findings"], json::array());
  json typed_only = {{"dhcp6_typed", j["dhcp6_typed"]}};
  fs::path jp = dir_ / "t.json";
  std::ofstream(jp) << typed_only.dump();
  std::string out;
  ASSERT_EQ(test::run_command(bin_.string() + " encode --proto dhcp6 '" + jp.string() + "' > '" +
                                  (dir_ / "back.bin").string() + "'", out), 0);
  EXPECT_EQ(to_hex(test::read_file(dir_ / "back.bin")), to_hex(wire));
}

TEST_F(Dhcp6Cli, ValidateReportsBesideOskenJson) {
  // RFC 8415 §16.2: a Solicit without Client Identifier.
  json j = decode("--proto dhcp6 --validate", put("bad.bin", s6::msg(1, 1, {s6::opt(8, s6::u16(0))})));
  ASSERT_TRUE(j.contains("dhcp6")) << j.dump();
  ASSERT_EQ(j["findings"].size(), 1u) << j.dump();
  EXPECT_EQ(j["findings"][0]["severity"], "error");
  EXPECT_EQ(j["findings"][0]["option"], "CLIENTID");
  // without the flags: os-ken's form only
  json plain = decode("--proto dhcp6", dir_ / "bad.bin");
  EXPECT_EQ(plain.size(), 1u);
  EXPECT_TRUE(plain.contains("dhcp6"));
}

TEST_F(Dhcp6Cli, TypedFramesInCaptures) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path p = shared / "fixtures" / "peers" / "dhcpv6-kea-dhclient.pcap";
  if (!fs::exists(p)) GTEST_SKIP() << p << " is absent";
  std::string out;
  ASSERT_EQ(test::run_command(bin_.string() + " decode --typed --validate '" + p.string() + "'", out), 0);
  std::istringstream lines(out);
  std::size_t typed = 0;
  for (std::string line; std::getline(lines, line);) {
    json frame = json::parse(line);
    for (const auto& h : frame)
      if (h.contains("dhcp6_typed")) {
        ++typed;
        EXPECT_EQ(h["findings"], json::array()) << h.dump();
      }
  }
  EXPECT_GE(typed, 4u);
}

}  // namespace
