// OpenFlow 1.0 flow-removed, port-status, port-mod, queue configuration and every statistics
// request/reply, both ways against os-ken 2.5: tests/openflow/of10_osken_cases.py asks os-ken
// (/usr/bin/python3) for the bytes and JSON of each case at test time.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "openflow/openflow_test_util.hpp"
#include "support/fixtures.hpp"
#include "wirekit/openflow/of10.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

using test::strip_lengths;
using test::unhex;

bool have_osken() { return test::have_osken_module("os_ken.ofproto.ofproto_v1_0_parser"); }

}  // namespace

TEST(OpenflowOf10Osken, MoreMessagesBothWays) {
  if (!have_osken()) GTEST_SKIP() << "os-ken not installed for /usr/bin/python3 (Debian package python3-os-ken)";
  const fs::path script = fs::path(WIREKIT_SOURCE_DIR) / "tests" / "openflow" / "of10_osken_cases.py";
  const fs::path out = fs::temp_directory_path() / "wirekit-of10-osken-cases.jsonl";
  const std::string cmd = "/usr/bin/python3 " + test::shell_quote(script.string()) + " > " + test::shell_quote(out.string());
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out);
  std::string line;
  std::set<std::string> classes;
  int n = 0;
  while (std::getline(in, line)) {
    const json c = json::parse(line);
    const std::string name = c["name"];
    SCOPED_TRACE(name + " (" + c["py"].get<std::string>() + ")");
    const bytes wire = unhex(c["hex"]);
    const json& expect = c["json"];
    auto m = openflow::decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    EXPECT_EQ(openflow::to_json(*m), expect);
    classes.insert(m->class_name());
    auto again = openflow::encode(*m);
    ASSERT_TRUE(again.ok()) << again.err().to_string();
    EXPECT_EQ(to_hex(*again), to_hex(wire));
    const std::uint32_t xid = load_be32(wire.data() + 4);
    for (const json& j : {expect, strip_lengths(expect)}) {
      auto f = openflow::from_json(j, 1, xid);
      ASSERT_TRUE(f.ok()) << f.err().to_string();
      auto b = openflow::encode(*f);
      ASSERT_TRUE(b.ok()) << b.err().to_string();
      EXPECT_EQ(to_hex(*b), to_hex(wire)) << j.dump();
    }
    // Every cut of the message is refused with an error, never a crash.
    for (std::size_t k = 8; k < wire.size(); ++k) {
      bytes cut(wire.begin(), wire.begin() + static_cast<long>(k));
      store_be16(cut.data() + 2, static_cast<std::uint16_t>(k));
      (void)openflow::decode(cut);
    }
    ++n;
  }
  EXPECT_EQ(n, 20);
  for (const char* want : {"OFPFlowRemoved", "OFPPortStatus", "OFPPortMod", "OFPQueueGetConfigRequest",
                           "OFPQueueGetConfigReply", "OFPDescStatsRequest", "OFPDescStatsReply", "OFPFlowStatsRequest",
                           "OFPFlowStatsReply", "OFPAggregateStatsRequest", "OFPAggregateStatsReply",
                           "OFPTableStatsRequest", "OFPTableStatsReply", "OFPPortStatsRequest", "OFPPortStatsReply",
                           "OFPQueueStatsRequest", "OFPQueueStatsReply", "OFPVendorStatsRequest", "OFPVendorStatsReply"})
    EXPECT_TRUE(classes.count(want)) << want;
  std::error_code ec;
  fs::remove(out, ec);
}
