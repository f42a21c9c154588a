// The os-ken-generated BGP cases in ../shared/fixtures/generated/bgp both ways, one test case
// per file: decode(.bin) equals .json as data; encode(.json) and encode(.zero.json, the
// computed lengths removed) equal .bin. Each .bin is one BGP message, as
// `wirekit decode --proto bgp` reads it (decoded with the frames' context: AS width guessed as
// os-ken does).
#include <gtest/gtest.h>

#include <algorithm>

#include "support/fixtures.hpp"
#include "wirekit/bgp/app.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

class BgpFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BgpFixture, BothWays) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path dir = shared / "fixtures" / "generated" / "bgp";
  const std::string name = GetParam();
  if (name == "absent") GTEST_SKIP() << dir << " has no cases; skipped";
  bytes wire = test::read_file(dir / (name + ".bin"));
  json expect = test::read_json(dir / (name + ".json"));
  json meta = test::read_meta(dir, name);
  const bgp::context& ctx = bgp::frame_context();
  if (meta.value("decode", true)) {
    bgp::decode_report rep;
    auto m = bgp::decode_message(wire, ctx, {}, rep);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    EXPECT_EQ(test::json_diff(expect, bgp::to_json(*m)), "") << "decode of " << name;
    // A decoded message re-encodes to its bytes (wirekit keeps what os-ken's JSON drops).
    auto again = bgp::encode_message(*m, ctx);
    ASSERT_TRUE(again.ok()) << again.err().to_string();
    EXPECT_EQ(to_hex(*again), to_hex(wire)) << "re-encode of the decoded " << name;
  }
  if (meta.value("encode", true)) {
    auto m = bgp::message_from_json(expect);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    auto out = bgp::encode_message(*m, ctx);
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(wire)) << "encode of " << name;
    fs::path zero = dir / (name + ".zero.json");
    if (fs::exists(zero)) {
      auto mz = bgp::message_from_json(test::read_json(zero));
      ASSERT_TRUE(mz.ok()) << mz.err().to_string();
      auto oz = bgp::encode_message(*mz, ctx);
      ASSERT_TRUE(oz.ok()) << oz.err().to_string();
      EXPECT_EQ(to_hex(*oz), to_hex(wire)) << "encode of " << name << ".zero.json";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, BgpFixture, ::testing::ValuesIn(test::generated_cases("bgp")),
                         test::case_test_name{});

}  // namespace
