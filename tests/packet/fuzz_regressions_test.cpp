// Replays the inputs the frame fuzzer found (tests/fuzz/regressions/) and its seed corpus
// (tests/fuzz/corpus/frames/, written by os-ken: tests/fuzz/make_seeds.py) through the same
// invariant check as tests/fuzz/frame_fuzz.cpp, with one packet and one packet_view reused
// across inputs as there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fuzz/frame_check.hpp"
#include "support/fixtures.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs(const fs::path& dir) {
  std::vector<fs::path> v;
  if (!fs::is_directory(dir)) return v;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.' && e.path().extension() != ".md")
      v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

void replay(const fs::path& dir) {
  auto files = inputs(dir);
  if (files.empty()) GTEST_SKIP() << dir << " holds no inputs";
  wirekit::packet reused;
  wirekit::packet_view reused_view;
  wirekit::wire_view reused_wire;
  for (const auto& f : files) {
    wirekit::bytes data = wirekit::test::read_file(f);
    EXPECT_EQ(wirekit::fuzz::check_frame(data, &reused, &reused_view, &reused_wire), "") << f.filename();
  }
}

TEST(FuzzRegressions, Replay) { replay(fs::path(WIREKIT_SOURCE_DIR) / "tests" / "fuzz" / "regressions"); }

TEST(FuzzRegressions, SeedCorpus) { replay(fs::path(WIREKIT_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "frames"); }

}  // namespace
