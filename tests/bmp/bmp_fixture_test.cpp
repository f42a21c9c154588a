// The os-ken-generated BMP cases in ../shared/fixtures/generated/bmp both ways, one test case
// per file: decode(.bin) equals .json as data; a decoded message re-encodes to .bin;
// encode(.json) and encode(.zero.json, the computed lengths removed) equal .bin unless the meta
// file says "encode": false. Each .bin is one BMP message, as `wirekit decode --proto bmp`
// reads it (default options: AS width from the A flag, guessed as os-ken does when it is clear).
#include <gtest/gtest.h>

#include <algorithm>

#include "support/codec_fixture.hpp"
#include "support/fixtures.hpp"
#include "wirekit/bmp/bmp.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

class BmpFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BmpFixture, BothWays) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path dir = shared / "fixtures" / "generated" / "bmp";
  const std::string name = GetParam();
  if (name == "absent") GTEST_SKIP() << dir << " has no cases; skipped";
  test::check_codec_case(
      dir, name, /*reencode=*/true, [](bytes_view b) { return bmp::decode(b); },
      [](const bmp::message& m) { return bmp::to_json(m); }, [](const json& j) { return bmp::from_json(j); },
      [](const bmp::message& m) { return bmp::encode(m); });
}

INSTANTIATE_TEST_SUITE_P(Generated, BmpFixture, ::testing::ValuesIn(test::generated_cases("bmp")),
                         test::case_test_name{});

}  // namespace
