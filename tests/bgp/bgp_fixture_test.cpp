// The os-ken-generated BGP cases in ../shared/fixtures/generated/bgp both ways, one test case
// per file: decode(.bin) equals .json as data; encode(.json) and encode(.zero.json, the
// computed lengths removed) equal .bin. Each .bin is one BGP message, as
// `wirekit decode --proto bgp` reads it (decoded with the frames' context: AS width guessed as
// os-ken does).
#include <gtest/gtest.h>

#include <algorithm>

#include "support/codec_fixture.hpp"
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
  const bgp::context& ctx = bgp::frame_context();
  test::check_codec_case(
      dir, name, /*reencode=*/true,
      [&](bytes_view b) {
        bgp::decode_report rep;
        return bgp::decode_message(b, ctx, {}, rep);
      },
      [](const bgp::message& m) { return bgp::to_json(m); }, [](const json& j) { return bgp::message_from_json(j); },
      [&](const bgp::message& m) { return bgp::encode_message(m, ctx); });
}

INSTANTIATE_TEST_SUITE_P(Generated, BgpFixture, ::testing::ValuesIn(test::generated_cases("bgp")),
                         test::case_test_name{});

}  // namespace
