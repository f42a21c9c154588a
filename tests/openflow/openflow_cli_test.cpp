// `wirekit encode --proto openflow` reads os-ken JSON whose integers go beyond 64 bits (128-bit
// OXM values and masks such as xxreg0-3 and ct_label) exactly: the generated os-ken cases that
// hold such literals encode through the CLI to os-ken's own bytes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/fixtures.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

TEST(OpenflowCli, WideIntegersEncodeExactly) {
  WIREKIT_REQUIRE_SHARED(shared);
  const fs::path bin = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(bin)) GTEST_SKIP() << bin << " was not built";
  const std::regex wide("[^0-9.\"][0-9]{21,}");  // an integer literal of more than 20 digits
  int checked = 0;
  for (const char* family : {"of13", "of14", "of15"}) {
    const fs::path dir = shared / "fixtures" / "generated" / family;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const fs::path p = e.path();
      if (p.extension() != ".json" || p.stem().extension() == ".zero" || p.stem().extension() == ".meta") continue;
      std::ifstream f(p);
      std::stringstream ss;
      ss << f.rdbuf();
      if (!std::regex_search(ss.str(), wide)) continue;
      const auto meta = test::read_meta(dir, p.stem().string());
      const fs::path out = fs::temp_directory_path() / ("wirekit-of-cli-" + p.stem().string() + ".bin");
      const std::string cmd = test::shell_quote(bin.string()) + " encode --proto openflow --of-version " +
                              std::to_string(meta.value("of_version", 4u)) + " --xid " +
                              std::to_string(meta.value("xid", std::uint64_t{0})) + " " + test::shell_quote(p.string()) + " >" +
                              test::shell_quote(out.string()) + " 2>&1";
      const int st = std::system(cmd.c_str());
      ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << p;
      fs::path want = p;
      want.replace_extension(".bin");
      EXPECT_EQ(to_hex(test::read_file(out)), to_hex(test::read_file(want))) << p;
      fs::remove(out, ec);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0) << "no generated case with integers beyond 64 bits";
}

// `wirekit decode --proto openflow` prints those integers as numbers: the decoded line equals
// os-ken's JSON of the case as data, compared by Python's json module.
TEST(OpenflowCli, WideIntegersDecodeAsNumbers) {
  WIREKIT_REQUIRE_SHARED(shared);
  const fs::path bin = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(bin)) GTEST_SKIP() << bin << " was not built";
  if (!test::have_program("python3")) GTEST_SKIP() << "python3 not installed";
  const std::regex wide("[^0-9.\"][0-9]{21,}");
  const std::string py =
      "import json,sys\n"
      "a = json.loads(open(sys.argv[1]).read()); b = json.load(open(sys.argv[2]))\n"
      "sys.exit(0 if a == b else 1)\n";
  int checked = 0;
  for (const char* family : {"of12", "of13", "of14", "of15"}) {
    const fs::path dir = shared / "fixtures" / "generated" / family;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const fs::path p = e.path();
      if (p.extension() != ".json" || p.stem().extension() == ".zero" || p.stem().extension() == ".meta") continue;
      std::ifstream f(p);
      std::stringstream ss;
      ss << f.rdbuf();
      if (!std::regex_search(ss.str(), wide)) continue;
      fs::path wire = p;
      wire.replace_extension(".bin");
      const fs::path out = fs::temp_directory_path() / ("wirekit-of-cli-" + p.stem().string() + ".jsonl");
      const std::string cmd = test::shell_quote(bin.string()) + " decode --proto openflow " + test::shell_quote(wire.string()) +
                              " >" + test::shell_quote(out.string()) + " 2>/dev/null";
      const int st = std::system(cmd.c_str());
      ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << wire;
      const std::string cmp = "python3 -c " + test::shell_quote(py) + " " + test::shell_quote(out.string()) + " " +
                              test::shell_quote(p.string());
      EXPECT_EQ(std::system(cmp.c_str()), 0) << wire << ": the decoded line differs from " << p;
      fs::remove(out, ec);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0) << "no generated case with integers beyond 64 bits";
}
