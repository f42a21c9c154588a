// os-ken's OFPTruncatedMessage: OpenFlow 1.3 FLOW_MODs cut at every byte, read by
// openflow::decode_truncated and by os-ken's own parser (tests/openflow/truncated_osken_cases.py,
// run at test time with /usr/bin/python3): where os-ken reports a partial message wirekit reports
// the same JSON; where os-ken reports none, wirekit gives the truncation error. The CLI prints
// the partial message with --keep-going.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "openflow/openflow_test_util.hpp"
#include "support/fixtures.hpp"
#include "wirekit/openflow/of13.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {
std::vector<json> osken_cases() { return test::osken_script_lines("truncated_osken_cases.py"); }
}  // namespace

TEST(OpenflowTruncated, EveryCutAsOsken) {
  if (!test::have_osken_module("os_ken.ofproto.ofproto_v1_3_parser")) GTEST_SKIP() << "os-ken is not installed for /usr/bin/python3";
  const auto cases = osken_cases();
  ASSERT_GT(cases.size(), 300u) << "truncated_osken_cases.py gave no cases";
  std::size_t partial = 0, none = 0;
  for (const auto& c : cases) {
    const bytes whole = test::unhex(c["hex"].get<std::string>());
    const std::size_t k = c["cut"].get<std::size_t>();
    const bytes cut(whole.begin(), whole.begin() + static_cast<long>(k));
    SCOPED_TRACE(c["name"].get<std::string>() + " cut at " + std::to_string(k));
    EXPECT_FALSE(openflow::decode(cut).ok());
    auto t = openflow::decode_truncated(cut);
    if (c["json"].is_null()) {
      EXPECT_FALSE(t.ok()) << openflow::to_json(*t).dump();
      ++none;
      continue;
    }
    ASSERT_TRUE(t.ok()) << t.err().to_string();
    EXPECT_TRUE(t->truncated);
    EXPECT_EQ(test::json_diff(json{{"OFPTruncatedMessage", c["json"]}}, openflow::to_json(*t)), "");
    EXPECT_FALSE(openflow::encode(*t).ok());
    ++partial;
  }
  EXPECT_GT(partial, 300u);
  EXPECT_GT(none, 100u);
}

TEST(OpenflowTruncated, WholeMessagesAndOtherVersionsAreNotPartial) {
  openflow::of13::flow_mod fm;
  fm.match.oxm_fields.push_back(openflow::oxm_tlv{0x8000, 0, false, false, 0, false, 0, bytes{std::byte{0}, std::byte{0}, std::byte{0}, std::byte{3}}, {}});
  auto m = openflow::make(openflow::OFP13, fm, 9);
  ASSERT_TRUE(m.ok());
  auto wire = openflow::encode(*m);
  ASSERT_TRUE(wire.ok());
  auto whole = openflow::decode_truncated(*wire);  // not cut: decoded as by decode()
  ASSERT_TRUE(whole.ok()) << whole.err().to_string();
  EXPECT_FALSE(whole->truncated);
  EXPECT_TRUE(openflow::encode(*whole).ok());
  // A cut OF1.4 FLOW_MOD: os-ken's 1.4 parser has no OFPTruncatedMessage, nor has wirekit.
  bytes v14 = *wire;
  v14[0] = std::byte{openflow::OFP14};
  v14.resize(v14.size() - 2);
  EXPECT_FALSE(openflow::decode_truncated(v14).ok());
  // {"OFPTruncatedMessage": ...} is not read back.
  bytes cut = *wire;
  cut.resize(58);  // inside the in_port OXM
  auto t = openflow::decode_truncated(cut);
  ASSERT_TRUE(t.ok()) << t.err().to_string();
  EXPECT_FALSE(openflow::from_json(openflow::to_json(*t), openflow::OFP13).ok());
}

TEST(OpenflowTruncated, CliPrintsThePartialMessageWithKeepGoing) {
  const fs::path bin = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(bin)) GTEST_SKIP() << bin << " was not built";
  openflow::of13::flow_mod fm;
  fm.table_id = 2;
  fm.match.oxm_fields.push_back(openflow::oxm_tlv{0x8000, 0, false, false, 0, false, 0, bytes{std::byte{0}, std::byte{0}, std::byte{0xab}, std::byte{0xcd}}, {}});
  fm.match.oxm_fields.push_back(openflow::oxm_tlv{0x8000, 5, false, false, 0, false, 0, bytes(6, std::byte{0x22}), {}});
  auto wire = openflow::encode(*openflow::make(openflow::OFP13, fm, 1));
  ASSERT_TRUE(wire.ok());
  bytes cut = *wire;
  cut.resize(64);  // the in_port OXM is whole, the eth_src one is cut
  const fs::path in = fs::temp_directory_path() / "wirekit-of-truncated.bin";
  {
    std::ofstream f(in, std::ios::binary);
    f.write(reinterpret_cast<const char*>(cut.data()), static_cast<std::streamsize>(cut.size()));
  }
  auto run = [&](const std::string& flags, std::string& out) {
    const std::string cmd = test::shell_quote(bin.string()) + " decode --proto openflow " + flags + " " + test::shell_quote(in.string()) + " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    return ::pclose(p);
  };
  std::string plain, kept;
  const int st1 = run("", plain);
  const int st2 = run("--keep-going", kept);
  EXPECT_TRUE(WIFEXITED(st1) && WEXITSTATUS(st1) == 1);
  EXPECT_TRUE(WIFEXITED(st2) && WEXITSTATUS(st2) == 1);
  EXPECT_EQ(plain, "");
  ASSERT_FALSE(kept.empty());
  const json j = json::parse(kept);
  const json& fmj = j["OFPTruncatedMessage"]["OFPFlowMod"];
  EXPECT_EQ(fmj["table_id"], 2);
  EXPECT_EQ(fmj["match"]["OFPMatch"]["length"], 4 + 8 + 10);  // as on the wire
  ASSERT_EQ(fmj["match"]["OFPMatch"]["oxm_fields"].size(), 1u);
  EXPECT_EQ(fmj["match"]["OFPMatch"]["oxm_fields"][0]["OXMTlv"]["field"], "in_port");
  std::error_code ec;
  fs::remove(in, ec);
}
