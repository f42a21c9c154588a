// Integers beyond 64 bits in JSON (core/json_wide.hpp): exact both ways, printed as Python's json
// module prints them (checked against /usr/bin/python3 on the os-ken and generated OpenFlow JSON).
#include "wirekit/core/json_wide.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "support/fixtures.hpp"

using namespace wirekit;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
bytes ff(std::size_t n) { return bytes(n, std::byte{0xff}); }
}  // namespace

TEST(JsonWide, KnownValues) {
  // 2^128 - 1 and 2^64 (well-known constants), 2^64 - 1 still a plain number.
  EXPECT_EQ(json_glue::decimal_of(ff(16)), "340282366920938463463374607431768211455");
  bytes b64(9, std::byte{0});
  b64[0] = std::byte{1};
  EXPECT_EQ(json_glue::decimal_of(b64), "18446744073709551616");
  EXPECT_EQ(json_glue::decimal_of(bytes{}), "0");
  const json small = json_glue::wide_integer(ff(8));
  ASSERT_TRUE(small.is_number_unsigned());
  EXPECT_EQ(small.get<std::uint64_t>(), 18446744073709551615u);
  bytes padded(16, std::byte{0});
  padded[15] = std::byte{7};
  EXPECT_EQ(json_glue::wide_integer(padded), json(7));
  const json big = json_glue::wide_integer(b64);
  EXPECT_TRUE(json_glue::is_wide_integer(big));
  EXPECT_EQ(json_glue::dump(json{{"v", big}, {"w", {1, big}}}), R"({"v":18446744073709551616,"w":[1,18446744073709551616]})");
}

TEST(JsonWide, ParseKeepsLiteralsExactly) {
  const std::string text =
      R"({"a":340282366920938463463374607431768211455,"b":-5,"c":"x 123456789012345678901234","d":[18446744073709551615,18446744073709551616],"e":1.5})";
  auto j = json_glue::parse(text);
  ASSERT_TRUE(j.ok()) << j.err().to_string();
  EXPECT_TRUE(json_glue::is_wide_integer((*j)["a"]));
  EXPECT_TRUE((*j)["c"].is_string());
  EXPECT_TRUE((*j)["d"][0].is_number_unsigned());  // 2^64 - 1 still fits
  EXPECT_TRUE(json_glue::is_wide_integer((*j)["d"][1]));
  EXPECT_EQ(json_glue::dump(*j), text);
  // Canonical: leading zero bytes do not matter for equality.
  bytes p(16, std::byte{0});
  p[7] = std::byte{1};
  EXPECT_EQ(json_glue::wide_integer(p), (*json_glue::parse("18446744073709551616")));

  bytes out;
  EXPECT_TRUE(json_glue::integer_bytes((*j)["a"], 16, out));
  EXPECT_EQ(out, ff(16));
  EXPECT_FALSE(json_glue::integer_bytes((*j)["a"], 15, out));  // does not fit
  EXPECT_TRUE(json_glue::integer_bytes(json("340282366920938463463374607431768211455"), 16, out));
  EXPECT_EQ(out, ff(16));
  EXPECT_TRUE(json_glue::integer_bytes(json(258), 2, out));
  EXPECT_EQ(to_hex(out), "0102");
  EXPECT_FALSE(json_glue::integer_bytes(json(65536), 2, out));
  EXPECT_FALSE(json_glue::integer_bytes(json("12a"), 2, out));

  EXPECT_FALSE(json_glue::parse("{\"a\": }").ok());
  EXPECT_FALSE(json_glue::parse("[123456789012345678901234567, ").ok());
  // A string that holds the internal marker cannot pass for a number.
  EXPECT_FALSE(json_glue::parse(R"(["\u0001wirekit-wide-integer:12", 123456789012345678901234567])").ok());
}

// Python's json module (the form os-ken's JSON comes in) prints every os-ken and generated
// OpenFlow fixture exactly as parse() + dump() do.
TEST(JsonWide, SameTextAsPythonOnOpenflowFixtures) {
  WIREKIT_REQUIRE_SHARED(shared);
  if (!test::have_program("python3")) GTEST_SKIP() << "python3 not installed";
  std::vector<fs::path> files;
  for (const char* d : {"os-ken/json/of10", "os-ken/json/of12", "os-ken/json/of13", "os-ken/json/of14", "os-ken/json/of15",
                        "generated/of12", "generated/of13", "generated/of14", "generated/of15"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(shared / "fixtures" / d, ec))
      if (e.path().extension() == ".json" && e.path().stem().extension() != ".meta") files.push_back(e.path());
  }
  ASSERT_GT(files.size(), 300u);
  const fs::path list = fs::temp_directory_path() / "wirekit-json-wide-list.txt";
  const fs::path out = fs::temp_directory_path() / "wirekit-json-wide-python.txt";
  {
    std::ofstream f(list);
    for (const auto& p : files) f << p.string() << "\n";
  }
  const std::string py =
      "import json,sys\n"
      "for p in open(sys.argv[1]).read().split('\\n'):\n"
      "    if p: print(json.dumps(json.load(open(p)), sort_keys=True, separators=(',', ':'), ensure_ascii=False))\n";
  const std::string cmd = "python3 -c " + test::shell_quote(py) + " " + test::shell_quote(list.string()) + " > " +
                          test::shell_quote(out.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(out);
  std::string line;
  std::size_t i = 0, wide = 0;
  while (std::getline(in, line) && i < files.size()) {
    std::ifstream f(files[i]);
    std::stringstream ss;
    ss << f.rdbuf();
    auto j = json_glue::parse(ss.str());
    ASSERT_TRUE(j.ok()) << files[i];
    const std::string ours = json_glue::dump(*j);
    EXPECT_EQ(ours, line) << files[i];
    if (ours != j->dump()) ++wide;  // it holds a wide integer (plain dump() cannot print it)
    ++i;
  }
  EXPECT_EQ(i, files.size());
  EXPECT_GT(wide, 0u) << "no fixture with integers beyond 64 bits was compared";
  std::error_code ec;
  fs::remove(list, ec);
  fs::remove(out, ec);
}
