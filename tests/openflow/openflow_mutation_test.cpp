// Hostile input, deterministically (the fuzz target's invariants on single-byte mutations of
// os-ken's fixture messages): decode never crashes; a message that decodes re-encodes, and the
// encoding decodes to the same JSON; its JSON reads back and encodes to the same bytes.
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "fuzz/openflow_check.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

TEST(OpenflowMutation, SingleByteMutationsOfFixtures) {
  WIREKIT_REQUIRE_SHARED(shared);
  const char* files[] = {"of13/4-2-ofp_flow_mod.packet",       "of13/4-56-ofp_table_features_reply.packet",
                         "of13/4-36-ofp_queue_get_config_reply.packet", "of13/4-12-ofp_flow_stats_reply.packet",
                         "of14/5-52-ofp_port_desc_reply.packet", "of10/1-2-ofp_flow_mod.packet",
                         "of13/ovs-ofctl-of13-match_move_nx_register.packet",
                         // NX actions with irregular bodies, embedded messages, 1.4/1.5 structures
                         "of13/ovs-ofctl-of13-action_learn.packet", "of13/ovs-ofctl-of13-action_ct_nat_v6.packet",
                         "of13/ovs-ofctl-of13-action_controller2.packet", "of15/libofproto-OFP15-bundle_add.packet",
                         "of14/5-71-ofp_requestforward.packet", "of14/5-67-ofp_flow_monitor_reply.packet",
                         "of15/libofproto-OFP15-group_mod.packet", "of15/libofproto-OFP15-flow_stats_reply.packet",
                         "of15/libofproto-OFP15-controller_status.packet", "of14/5-30-ofp_port_stats_reply.packet"};
  for (const char* f : files) {
    fs::path p = shared / "fixtures" / "os-ken" / "packet_data" / f;
    if (!fs::exists(p)) continue;
    bytes b = test::read_file(p);
    // Every byte of the first 64 (headers, fixed fields, first lengths), then every third one up
    // to 600: the sanitizer run of the suite repeats this test, and the fuzz target
    // (tests/fuzz/openflow_fuzz.cpp) covers the rest.
    for (std::size_t i = 0; i < b.size() && i < 600; i += i < 64 ? 1 : 3)
      // (no bytes >= 0x80: a name that is not UTF-8 is shown as base64, which reads back as text)
      for (unsigned v : {0x00u, 0x7fu}) {
        bytes c = b;
        c[i] = static_cast<std::byte>(v);
        EXPECT_EQ(test::check_openflow(c), "") << f << " byte " << i << "=" << v;
      }
  }
}

}  // namespace
