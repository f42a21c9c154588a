// The os-ken-generated DHCPv6 cases in ../shared/fixtures/generated/dhcp6 both ways, one test
// case per file: decode(.bin) equals .json as data; encode(.json) and encode(.zero.json, the
// lengths removed) equal .bin. Each .bin is one DHCPv6 message (a UDP payload), as
// `wirekit decode --proto dhcp6` reads it.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/codec_fixture.hpp"
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
  test::check_codec_case(
      dir, name, /*reencode=*/false, [](bytes_view b) { return dhcp6::decode(b); },
      [](const dhcp6::message& m) { return dhcp6::to_json(m); }, [](const json& j) { return dhcp6::from_json(j); },
      [](const dhcp6::message& m) { return dhcp6::encode(m); });
}

INSTANTIATE_TEST_SUITE_P(Generated, Dhcp6Fixture, ::testing::ValuesIn(test::generated_cases("dhcp6")),
                         test::case_test_name{});

}  // namespace
