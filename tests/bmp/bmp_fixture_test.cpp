// The os-ken-generated BMP cases in ../shared/fixtures/generated/bmp both ways, one test case
// per file: decode(.bin) equals .json as data; a decoded message re-encodes to .bin;
// encode(.json) and encode(.zero.json, the computed lengths removed) equal .bin unless the meta
// file says "encode": false. Each .bin is one BMP message, as `wirekit decode --proto bmp`
// reads it (default options: AS width from the A flag, guessed as os-ken does when it is clear).
#include <gtest/gtest.h>

#include <algorithm>

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
  bytes wire = test::read_file(dir / (name + ".bin"));
  json expect = test::read_json(dir / (name + ".json"));
  json meta = test::read_meta(dir, name);
  if (meta.value("decode", true)) {
    auto m = bmp::decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    EXPECT_EQ(test::json_diff(expect, bmp::to_json(*m)), "") << "decode of " << name;
    auto again = bmp::encode(*m);
    ASSERT_TRUE(again.ok()) << again.err().to_string();
    EXPECT_EQ(to_hex(*again), to_hex(wire)) << "re-encode of the decoded " << name;
  }
  if (meta.value("encode", true)) {
    auto m = bmp::from_json(expect);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    auto out = bmp::encode(*m);
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(wire)) << "encode of " << name;
    fs::path zero = dir / (name + ".zero.json");
    if (fs::exists(zero)) {
      auto mz = bmp::from_json(test::read_json(zero));
      ASSERT_TRUE(mz.ok()) << mz.err().to_string();
      auto oz = bmp::encode(*mz);
      ASSERT_TRUE(oz.ok()) << oz.err().to_string();
      EXPECT_EQ(to_hex(*oz), to_hex(wire)) << "encode of " << name << ".zero.json";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, BmpFixture, ::testing::ValuesIn(test::generated_cases("bmp")),
                         test::case_test_name{});

}  // namespace
