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
  if (auto cls = test::bgp_typed_family_class(expect); !cls.empty())
    GTEST_SKIP() << "needs the typed " << cls << " (issue 3 part B; kept raw until then)";
  json meta = fs::exists(dir / (name + ".meta.json")) ? test::read_json(dir / (name + ".meta.json")) : json::object();
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

std::vector<std::string> bmp_cases() {
  auto s = test::shared_dir();
  std::vector<std::string> v;
  if (s) v = test::case_names(*s / "fixtures" / "generated" / "bmp");
  if (v.empty()) v.push_back("absent");
  return v;
}

INSTANTIATE_TEST_SUITE_P(Generated, BmpFixture, ::testing::ValuesIn(bmp_cases()), [](const auto& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

}  // namespace
