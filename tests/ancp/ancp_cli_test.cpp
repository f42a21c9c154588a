// `wirekit decode|encode --proto ancp` and ANCP inside captures (TCP 6068), on the seed corpus
// (RFC layouts written by tests/fuzz/make_ancp_seeds.py) and PyANCP's Port Up batch.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

class AncpCli : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
    if (!fs::exists(bin_)) GTEST_SKIP() << bin_ << " was not built";
    dir_ = fs::temp_directory_path() / ("wirekit-ancp-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Runs `wirekit ARGS <in >out 2>err`; returns the exit code.
  int run(const std::string& args, const fs::path& in, const fs::path& out) {
    const std::string cmd = "'" + bin_.string() + "' " + args + " <'" + in.string() + "' >'" + out.string() + "' 2>'" +
                            (dir_ / "err").string() + "'";
    const int st = std::system(cmd.c_str());
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  std::string err() const {
    std::ifstream f(dir_ / "err");
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  fs::path bin_, dir_;
};

fs::path seeds() { return fs::path(WIREKIT_SOURCE_DIR) / "tests/fuzz/corpus/ancp"; }

std::vector<json> lines(const fs::path& p) {
  std::ifstream f(p);
  std::vector<json> out;
  for (std::string l; std::getline(f, l);)
    if (!l.empty()) out.push_back(json::parse(l));
  return out;
}

TEST_F(AncpCli, DecodeThenEncodeGivesTheSameBytes) {
  for (const auto& e : fs::directory_iterator(seeds())) {
    SCOPED_TRACE(e.path().filename().string());
    const fs::path jl = dir_ / "out.jsonl", back = dir_ / "back.bin";
    ASSERT_EQ(run("decode --proto ancp -", e.path(), jl), 0) << err();
    auto docs = lines(jl);
    ASSERT_FALSE(docs.empty());
    for (const auto& d : docs) ASSERT_TRUE(d.contains("ancp")) << d.dump();
    ASSERT_EQ(run("encode --proto ancp -", jl, back), 0) << err();
    EXPECT_EQ(to_hex(test::read_file(back)), to_hex(test::read_file(e.path())));
  }
}

TEST_F(AncpCli, DecodeErrorsNameAncpAndTheOffset) {
  bytes b = test::read_file(seeds() / "port-up-dsl");
  b.resize(b.size() - 3);
  const fs::path in = dir_ / "cut.bin";
  {
    std::ofstream f(in, std::ios::binary);
    f.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
  }
  EXPECT_EQ(run("decode --proto ancp -", in, dir_ / "o"), 1);
  EXPECT_NE(err().find("ancp"), std::string::npos) << err();
  EXPECT_NE(err().find("at byte 2"), std::string::npos) << err();
}

TEST_F(AncpCli, CapturesDecodeAncpOnTcp6068) {
  // One frame with the seed stream (SYN + Port Up) towards 6068: [ethernet, ipv4, tcp, ancp, ancp].
  const fs::path pcap_path = dir_ / "ancp.pcap";
  {
    auto w = pcap::writer::create(pcap_path.string());
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write(test::tcp_frame(test::read_file(seeds() / "stream"), 40000, 6068, 1, 1), 1700000000, 0));
    ASSERT_TRUE(w->close());
  }
  const fs::path jl = dir_ / "frames.jsonl", again = dir_ / "again.pcap";
  ASSERT_EQ(run("decode '" + pcap_path.string() + "'", "/dev/null", jl), 0) << err();
  auto frames = lines(jl);
  ASSERT_EQ(frames.size(), 1u);
  const json& f = frames[0];
  ASSERT_EQ(f.size(), 5u) << f.dump();
  EXPECT_EQ(f[3]["ancp"]["message_type"], 10);
  EXPECT_EQ(f[4]["ancp"]["message_type"], 80);
  EXPECT_EQ(f[4]["ancp"]["tlvs"][0]["value"], "dslam1 atm 1/1/01:0.35");
  // ... and back to the same frame.
  ASSERT_EQ(run("encode --pcap '" + again.string() + "' -", jl, dir_ / "o"), 0) << err();
  auto r1 = pcap::reader::open(pcap_path.string());
  auto r2 = pcap::reader::open(again.string());
  ASSERT_TRUE(r1 && r2);
  pcap::frame f1, f2;
  auto n1 = r1->next(f1);
  auto n2 = r2->next(f2);
  ASSERT_TRUE(n1 && n2 && *n1 && *n2);
  EXPECT_EQ(to_hex(f1.data), to_hex(f2.data));
}

}  // namespace
