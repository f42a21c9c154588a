// OpenFlow 1.0 Nicira vendor messages (NXT*) and NX vendor statistics, and the OpenFlow 1.5
// copy-field action, both ways against os-ken 2.5: tests/openflow/nxt_osken_cases.py asks os-ken (/usr/bin/python3) at test time for the bytes
// and JSON of each message it can build (NXTFlowMod and the NX statistics requests with ClsRule
// matches over every field os-ken writes), for its parse of switch-side messages, and, where
// os-ken parses an NXM match into objects that have no JSON (NXTFlowRemoved, NXTPacketIn,
// NXFlowStats with a match), for bytes packed from nicira_ext.py's layouts plus the packed values.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "openflow/openflow_test_util.hpp"
#include "support/fixtures.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

using test::strip_lengths;
using test::unhex;

bool have_osken() { return test::have_osken_module("os_ken.ofproto.nx_match"); }

std::vector<json> osken_cases() { return test::osken_script_lines("nxt_osken_cases.py"); }

void encodes_to(const json& j, const bytes& wire) {
  auto f = openflow::from_json(j, std::to_integer<std::uint8_t>(wire[0]), load_be32(wire.data() + 4));
  ASSERT_TRUE(f.ok()) << f.err().to_string() << "\n" << j.dump();
  auto b = openflow::encode(*f);
  ASSERT_TRUE(b.ok()) << b.err().to_string();
  EXPECT_EQ(to_hex(*b), to_hex(wire)) << j.dump();
}

void every_cut_refused_or_decoded(const bytes& wire) {
  for (std::size_t k = 8; k < wire.size(); ++k) {
    bytes cut(wire.begin(), wire.begin() + static_cast<long>(k));
    store_be16(cut.data() + 2, static_cast<std::uint16_t>(k));
    auto m = openflow::decode(cut);
    if (m.ok()) (void)openflow::to_json(*m);
  }
}

}  // namespace

TEST(OpenflowNxtOsken, NiciraVendorMessagesBothWays) {
  if (!have_osken()) GTEST_SKIP() << "os-ken not installed for /usr/bin/python3 (Debian package python3-os-ken)";
  const auto cases = osken_cases();
  ASSERT_EQ(cases.size(), 27u) << "nxt_osken_cases.py failed or changed";
  std::set<std::string> classes;
  for (const json& c : cases) {
    const std::string name = c["name"];
    SCOPED_TRACE(name + " (" + c["py"].get<std::string>() + ")");
    const bytes wire = unhex(c["hex"]);
    auto m = openflow::decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    classes.insert(m->class_name());
    const json got = openflow::to_json(*m);
    if (m->version == 6)
      classes.insert(got["OFPFlowMod"]["instructions"][0]["OFPInstructionActions"]["actions"][0].begin().key());
    auto again = openflow::encode(*m);
    ASSERT_TRUE(again.ok()) << again.err().to_string();
    EXPECT_EQ(to_hex(*again), to_hex(wire));
    if (!c["json"].is_null()) {
      EXPECT_EQ(got, c["json"]);
      encodes_to(c["json"], wire);
      encodes_to(strip_lengths(c["json"]), wire);
    } else {
      // os-ken has no JSON for these: the packed values, and wirekit's own JSON back to the bytes.
      const json& in = got.begin().value();
      const json& body = in.contains("body") ? in["body"][0].begin().value() : in;
      for (auto it = c["expect"].begin(); it != c["expect"].end(); ++it) EXPECT_EQ(body[it.key()], it.value()) << it.key();
      encodes_to(got, wire);
    }
    every_cut_refused_or_decoded(wire);
  }
  for (const char* want :
       {"NXTSetFlowFormat", "NXTRoleRequest", "NXTRoleReply", "NXTFlowModTableId", "NXTSetPacketInFormat", "NXTFlowAge",
        "NXTSetAsyncConfig", "NXTSetControllerId", "NXTFlowMod", "NXTFlowRemoved", "NXTPacketIn", "NXFlowStatsRequest",
        "NXAggregateStatsRequest", "NXFlowStatsReply", "NXAggregateStatsReply", "OFPActionCopyField"})
    EXPECT_TRUE(classes.count(want)) << want;
}

// The NXM match of an NXTFlowRemoved as a list of OXMTlv with os-ken's NXM names: the fields
// os-ken's rule_tcp() in nxt_osken_cases.py set, read from the bytes os-ken's serialize_nxm_match
// wrote (eth_dst masked first, registers last).
TEST(OpenflowNxtOsken, FlowRemovedMatchFields) {
  if (!have_osken()) GTEST_SKIP() << "os-ken not installed for /usr/bin/python3 (Debian package python3-os-ken)";
  for (const json& c : osken_cases()) {
    if (c["name"] != "flow_removed") continue;
    auto m = openflow::decode(unhex(c["hex"]));
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    const json match = openflow::to_json(*m)["NXTFlowRemoved"]["match"];
    ASSERT_TRUE(match.is_array());
    ASSERT_GE(match.size(), 10u) << match.dump();
    EXPECT_EQ(match[0]["OXMTlv"]["field"], "eth_dst_nxm") << match.dump();
    EXPECT_EQ(match[0]["OXMTlv"]["value"], "00:11:22:00:00:00");
    EXPECT_EQ(match[0]["OXMTlv"]["mask"], "ff:ff:ff:00:00:00");
    EXPECT_EQ(match.back()["OXMTlv"]["field"], "reg3");
    EXPECT_EQ(match.back()["OXMTlv"]["value"], 0x10);
    EXPECT_EQ(match.back()["OXMTlv"]["mask"], 0xf0);
    return;
  }
  FAIL() << "no flow_removed case";
}

// Nicira subtypes wirekit (and os-ken) do not know stay raw OFPVendor / OFPVendorStats*.
TEST(OpenflowNxtOsken, UnknownNiciraSubtypesStayRaw) {
  // NXT_PACKET_IN2 (subtype 30) with 4 bytes of properties: OFPVendor, data after the vendor id.
  const bytes pi2 = unhex("0104001400000001000023200000001e01020304");
  auto m = openflow::decode(pi2);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_STREQ(m->class_name(), "OFPVendor");
  auto b = openflow::encode(*m);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(to_hex(*b), to_hex(pi2));
  // NXST_FLOW_MONITOR (2) statistics reply: OFPVendorStatsReply.
  const bytes mon = unhex("011100180000000affff0000000023200000000200000000");
  auto s = openflow::decode(mon);
  ASSERT_TRUE(s.ok()) << s.err().to_string();
  EXPECT_STREQ(s->class_name(), "OFPVendorStatsReply");
  // An NXT message too short for its subtype is an error naming a field, not a crash.
  auto bad = openflow::decode(unhex("0104001000000001000023200000000b"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.err().protocol, "openflow");
}

// A ClsRule cannot hold every NXM field (ct_state, 1.2+ names only): such entries are kept under
// "unknown_fields" and written after the ClsRule's own.
TEST(OpenflowNxtOsken, ClsRuleKeepsUnknownFields) {
  // NXTFlowMod, match: NXM_OF_IN_PORT = 3, NXM_NX_CT_STATE (class 1, field 105) = 0x21/0x21.
  const std::string nxm = "00000002" "0003" "0001d308" "00000021" "00000021";  // 18 bytes
  const bytes wire = unhex(
      "0104004800000007" "000023200000000d" "0000000000000001" "0000" "0000" "0000" "8000" "ffffffff" "ffff" "0000"
      "0012" "000000000000" + nxm + "000000000000");
  auto m = openflow::decode(wire);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const json j = openflow::to_json(*m);
  const json& rule = j["NXTFlowMod"]["rule"]["ClsRule"];
  EXPECT_EQ(rule["flow"]["Flow"]["in_port"], 3);
  EXPECT_EQ(rule["wc"]["FlowWildcards"]["wildcards"], 0x3ffffe);
  ASSERT_EQ(rule["unknown_fields"].size(), 1u) << rule.dump();
  EXPECT_EQ(rule["unknown_fields"][0]["OXMTlv"]["field"], "ct_state");
  encodes_to(j, wire);
}

// Entries os-ken's serialize_nxm_match would not write back as they are (a repeated field, a
// field without its prerequisites, another order) stay out of the ClsRule model: the model holds
// the longest prefix os-ken writes back exactly (its JSON is then os-ken's own for those
// entries), the rest follows under "unknown_fields", and the JSON encodes to the same bytes.
TEST(OpenflowNxtOsken, ClsRuleIsLosslessForWhatOskenWouldRewrite) {
  if (!have_osken()) GTEST_SKIP() << "os-ken not installed for /usr/bin/python3 (Debian package python3-os-ken)";
  json osken_json;
  bytes wire;
  for (const json& c : osken_cases())
    if (c["name"] == "flow_mod_ip") osken_json = c["json"], wire = unhex(c["hex"]);
  ASSERT_FALSE(wire.empty()) << "no flow_mod_ip case";
  // NXTFlowMod: match_len at byte 40, the NXM at 48 padded to 8, then the actions.
  const std::size_t nxm_len = load_be16(wire.data() + 40);
  const bytes nxm(wire.begin() + 48, wire.begin() + 48 + static_cast<long>(nxm_len));
  const bytes actions(wire.begin() + 48 + static_cast<long>(nxm_len + (8 - nxm_len % 8) % 8), wire.end());
  ASSERT_EQ(to_hex(nxm), "00000002000300000602080000000e040a000001");  // rule_ip(): in_port, dl_type, nw_src
  auto with_nxm = [&](const bytes& n) {
    bytes w(wire.begin(), wire.begin() + 48);
    store_be16(w.data() + 40, static_cast<std::uint16_t>(n.size()));
    w.insert(w.end(), n.begin(), n.end());
    w.resize(w.size() + (8 - n.size() % 8) % 8);
    w.insert(w.end(), actions.begin(), actions.end());
    store_be16(w.data() + 2, static_cast<std::uint16_t>(w.size()));
    return w;
  };
  const json& want_rule = osken_json["NXTFlowMod"]["rule"]["ClsRule"];
  struct tamper {
    const char* what;
    std::string extra_hex;       // appended to os-ken's entries
    std::size_t unknown;         // entries expected under unknown_fields
  };
  for (const tamper& t : {tamper{"in_port repeated", "000000020005", 1},
                          tamper{"tcp_flags without TCP", "000144020012", 1},
                          tamper{"both", "000144020012000000020005", 2}}) {
    SCOPED_TRACE(t.what);
    bytes n = nxm;
    const bytes extra = unhex(t.extra_hex);
    n.insert(n.end(), extra.begin(), extra.end());
    const bytes w = with_nxm(n);
    auto m = openflow::decode(w);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    const json j = openflow::to_json(*m);
    const json& rule = j["NXTFlowMod"]["rule"]["ClsRule"];
    EXPECT_EQ(rule["flow"], want_rule["flow"]);
    EXPECT_EQ(rule["wc"], want_rule["wc"]);
    ASSERT_EQ(rule["unknown_fields"].size(), t.unknown) << rule.dump();
    encodes_to(j, w);
  }
  // Another order (dl_type, in_port, nw_src): only dl_type comes back as it is from the model.
  const bytes swapped = unhex("00000602080000000002000300000e040a000001");
  const bytes w = with_nxm(swapped);
  auto m = openflow::decode(w);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const json j = openflow::to_json(*m);
  const json& rule = j["NXTFlowMod"]["rule"]["ClsRule"];
  EXPECT_EQ(rule["flow"]["Flow"]["dl_type"], 0x800);
  EXPECT_EQ(rule["flow"]["Flow"]["in_port"], 0);
  ASSERT_EQ(rule["unknown_fields"].size(), 2u) << rule.dump();
  encodes_to(j, w);
}

// OF1.5 copy-field: exactly two OXM ids (os-ken asserts it); other counts are refused on encode,
// and an action too short for its two ids is a decode error.
TEST(OpenflowNxtOsken, CopyFieldNeedsTwoIds) {
  const json fm = json::parse(R"({"OFPFlowMod": {"instructions": [{"OFPInstructionActions": {"type": 4, "actions": [
      {"OFPActionCopyField": {"n_bits": 8, "src_offset": 0, "dst_offset": 0,
                              "oxm_ids": [{"OFPOxmId": {"type": "reg0", "hasmask": false}}]}}]}}]}})");
  auto m = openflow::from_json(fm, 6, 1);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_FALSE(openflow::encode(*m).ok());
  // An OF1.5 flow mod whose only action is a copy-field of len 16: room for one id only.
  const bytes wire = unhex(
      "060e005000000001" "0000000000000001" "0000000000000000" "0000" "0000" "0000" "0064" "ffffffff" "ffffffff"
      "ffffffff" "0000" "0000" "0001000400000000" "0004001800000000" "001c0010" "0008" "0000" "0000" "0000" "00010004");
  ASSERT_EQ(wire.size(), 0x50u);
  auto d = openflow::decode(wire);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.err().protocol, "openflow");
}
