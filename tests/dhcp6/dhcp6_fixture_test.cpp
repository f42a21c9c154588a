// The os-ken-generated DHCPv6 cases in ../shared/fixtures/generated/dhcp6 both ways, one test
// case per file: decode(.bin) equals .json as data; encode(.json) and encode(.zero.json, the
// lengths removed) equal .bin. Each .bin is one DHCPv6 message (a UDP payload), as
// `wirekit decode --proto dhcp6` reads it.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/fixtures.hpp"
#include "wirekit/dhcp6/message.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

class Dhcp6Fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(Dhcp6Fixture, BothWays) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path dir = shared / "fixtures" / "generated" / "dhcp6";
  const std::string name = GetParam();
  if (name == "absent") GTEST_SKIP() << dir << " has no cases; skipped";
  bytes wire = test::read_file(dir / (name + ".bin"));
  json expect = test::read_json(dir / (name + ".json"));
  json meta = test::read_meta(dir, name);
  if (meta.value("decode", true)) {
    auto m = dhcp6::decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    EXPECT_EQ(test::json_diff(expect, dhcp6::to_json(*m)), "") << "decode of " << name;
  }
  if (meta.value("encode", true)) {
    auto m = dhcp6::from_json(expect);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    auto out = dhcp6::encode(*m);
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(wire)) << "encode of " << name;
    fs::path zero = dir / (name + ".zero.json");
    if (fs::exists(zero)) {
      auto mz = dhcp6::from_json(test::read_json(zero));
      ASSERT_TRUE(mz.ok()) << mz.err().to_string();
      auto oz = dhcp6::encode(*mz);
      ASSERT_TRUE(oz.ok()) << oz.err().to_string();
      EXPECT_EQ(to_hex(*oz), to_hex(wire)) << "encode of " << name << ".zero.json";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, Dhcp6Fixture, ::testing::ValuesIn(test::generated_cases("dhcp6")),
                         test::case_test_name{});

}  // namespace
