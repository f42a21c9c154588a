// OpenFlow structures the fixture files cover thinly, both ways against os-ken 2.5
// (/usr/bin/python3, os_ken.ofproto.ofproto_v1_3_parser / ofproto_v1_5_parser): the Python that
// produced each expected message is quoted next to it (msg.serialize(); msg.buf.hex();
// msg.to_jsondict()). Also: integers beyond 64 bits in JSON text, and embedded messages that
// must be refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "openflow/openflow_test_util.hpp"
#include "wirekit/core/json_wide.hpp"
#include "wirekit/openflow/of15.hpp"
#include "wirekit/openflow/openflow.hpp"

using json = nlohmann::json;
using namespace wirekit;

namespace {

using test::unhex;

json parse(std::string_view text) {
  auto j = openflow::parse_json(text);
  EXPECT_TRUE(j.ok());
  return j ? *j : json();
}

// Bytes -> os-ken's JSON (where os-ken has the parser), the decoded message back to the bytes,
// and the JSON to the bytes.
void both_ways(std::uint8_t version, std::string_view hex, std::string_view json_text, bool decode_json = true) {
  const bytes wire = unhex(hex);
  const json expect = parse(json_text);
  {
    auto m = openflow::decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    if (decode_json) {
      EXPECT_EQ(openflow::to_json(*m), expect);
    }
    auto again = openflow::encode(*m);
    ASSERT_TRUE(again.ok()) << again.err().to_string();
    EXPECT_EQ(to_hex(*again), to_hex(wire));
  }
  auto m = openflow::from_json(expect, version, load_be32(wire.data() + 4));
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  auto out = openflow::encode(*m);
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), to_hex(wire));
}

// p.OFPPacketOut(dp, buffer_id=0xffffffff, in_port=1, data=b'',
//                actions=[p.NXActionController2(max_len=128, userdata=list(range(1, n + 1)))])
// os-ken pads userdata of 5-8 bytes to 12 and of 9-12 bytes to 12 (the action stays 8-aligned).
// os-ken has no OFPPacketOut parser: the decoded JSON is not compared (wirekit shows the empty
// data as null, os-ken's data=None), the bytes are.
TEST(OpenflowOskenCases, NxController2UserdataPadding) {
  const char* head = R"({"OFPPacketOut": {"actions": [{"NXActionController2": {"experimenter": 8992, "len": )";
  struct c {
    const char* hex;
    const char* len_and_userdata;
  } cases[] = {
      {"040d003800000000ffffffff000000010020000000000000ffff002000002320002500000000000000000008008000000003000701"
       "020300",
       R"(32, "max_len": 128, "subtype": 37, "type": 65535, "userdata": [1, 2, 3]}}], "actions_len": 32)"},
      {"040d003800000000ffffffff000000010020000000000000ffff002000002320002500000000000000000008008000000003000801"
       "020304",
       R"(32, "max_len": 128, "subtype": 37, "type": 65535, "userdata": [1, 2, 3, 4]}}], "actions_len": 32)"},
      {"040d004000000000ffffffff000000010028000000000000ffff002800002320002500000000000000000008008000000003000901"
       "0203040500000000000000",
       R"(40, "max_len": 128, "subtype": 37, "type": 65535, "userdata": [1, 2, 3, 4, 5]}}], "actions_len": 40)"},
      {"040d004000000000ffffffff000000010028000000000000ffff002800002320002500000000000000000008008000000003000c01"
       "0203040506070800000000",
       R"(40, "max_len": 128, "subtype": 37, "type": 65535, "userdata": [1, 2, 3, 4, 5, 6, 7, 8]}}], "actions_len": 40)"},
      {"040d004000000000ffffffff000000010028000000000000ffff002800002320002500000000000000000008008000000003000d01"
       "0203040506070809000000",
       R"(40, "max_len": 128, "subtype": 37, "type": 65535, "userdata": [1, 2, 3, 4, 5, 6, 7, 8, 9]}}], "actions_len": 40)"},
  };
  for (const auto& x : cases) {
    SCOPED_TRACE(x.hex);
    both_ways(4, x.hex,
              std::string(head) + x.len_and_userdata + R"(, "buffer_id": 4294967295, "data": "", "in_port": 1}})",
              false);
  }
}

// p.NXActionLearn(table_id=5, priority=7, cookie=9, specs=[
//     p.NXFlowSpecLoad(src=(1 << 127) | 12345, dst=('xxreg0', 0), n_bits=128),
//     p.NXFlowSpecOutput(src=('in_port', 0), n_bits=32)]) in an OFPFlowMod's apply-actions.
TEST(OpenflowOskenCases, NxLearnWideImmediate) {
  both_ways(4,
            "040e008000000000000000000000000000000000000000000000000000008000ffffffff0000000000000000000000000001000400"
            "0000000004004800000000ffff0040000023200010000000000007000000000000000900000500000000002880800000000000000"
            "000000000000030390001de1000001020800000040000",
            R"({"OFPFlowMod": {"buffer_id": 4294967295, "command": 0, "cookie": 0, "cookie_mask": 0, "flags": 0, "hard_timeout": 0, "idle_timeout": 0, "instructions": [{"OFPInstructionActions": {"actions": [{"NXActionLearn": {"cookie": 9, "experimenter": 8992, "fin_hard_timeout": 0, "fin_idle_timeout": 0, "flags": 0, "hard_timeout": 0, "idle_timeout": 0, "len": 64, "priority": 7, "specs": [{"NXFlowSpecLoad": {"dst": ["xxreg0", 0], "n_bits": 128, "src": 170141183460469231731687303715884118073}}, {"NXFlowSpecOutput": {"dst": "", "n_bits": 32, "src": ["in_port", 0]}}], "subtype": 16, "table_id": 5, "type": 65535}}], "len": 72, "type": 4}}], "match": {"OFPMatch": {"length": 4, "oxm_fields": [], "type": 1}}, "out_group": 0, "out_port": 0, "priority": 32768, "table_id": 0}})");
}

// p.NXActionCT(flags=1, zone_src='reg0', zone_ofs_nbits=15, recirc_table=3, alg=21, actions=[
//     p.NXActionNAT(flags=3, range_ipv4_min='10.0.0.1', range_ipv4_max='10.0.0.9',
//                   range_ipv6_min='2001:db8::1', range_ipv6_max='2001:db8::9',
//                   range_proto_min=100, range_proto_max=200)]) in an OFPFlowMod's apply-actions.
TEST(OpenflowOskenCases, NxCtWithNatAllRanges) {
  both_ways(4,
            "040e009800000000000000000000000000000000000000000000000000008000ffffffff0000000000000000000000000001000400"
            "0000000004006000000000ffff0058000023200023000100010004000f030000000015ffff004000002320002400000003003f0a00"
            "00010a00000920010db800000000000000000000000120010db8000000000000000000000009006400c800000000",
            R"({"OFPFlowMod": {"buffer_id": 4294967295, "command": 0, "cookie": 0, "cookie_mask": 0, "flags": 0, "hard_timeout": 0, "idle_timeout": 0, "instructions": [{"OFPInstructionActions": {"actions": [{"NXActionCT": {"actions": [{"NXActionNAT": {"experimenter": 8992, "flags": 3, "len": 64, "range_ipv4_max": "10.0.0.9", "range_ipv4_min": "10.0.0.1", "range_ipv6_max": "2001:db8::9", "range_ipv6_min": "2001:db8::1", "range_proto_max": 200, "range_proto_min": 100, "subtype": 36, "type": 65535}}], "alg": 21, "experimenter": 8992, "flags": 1, "len": 88, "recirc_table": 3, "subtype": 35, "type": 65535, "zone_ofs_nbits": 15, "zone_src": "reg0"}}], "len": 96, "type": 4}}], "match": {"OFPMatch": {"length": 4, "oxm_fields": [], "type": 1}}, "out_group": 0, "out_port": 0, "priority": 32768, "table_id": 0}})");
}

// OF1.5: m = p.OFPBundleAddMsg(dp, bundle_id=7, flags=1, message=p.OFPEchoRequest(dp, data=b'abc'),
//     properties=[p.OFPBundlePropExperimenter(type_=0xffff, experimenter=101, exp_type=1, data=[5])])
// m.set_xid(0x01020304): the embedded message carries the same xid and is padded to 8 before the
// properties.
TEST(OpenflowOskenCases, BundleAddPaddingAndXid) {
  both_ways(6, "062200300102030400000007000000010602000b010203046162630000000000ffff0010000000650000000100000005",
            R"({"OFPBundleAddMsg": {"bundle_id": 7, "flags": 1, "message": {"OFPEchoRequest": {"data": "YWJj"}}, "properties": [{"OFPBundlePropExperimenter": {"data": [5], "exp_type": 1, "experimenter": 101, "length": 16, "type": 65535}}]}})");
}

TEST(OpenflowOskenCases, EmbeddedMessagesRefused) {
  // A bundle add inside a bundle add (the nesting depth stays one).
  auto nested = unhex("0522002000000000000000070000000105220010000000000000000700000001");
  auto m = openflow::decode(nested);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().protocol, "openflow");
  EXPECT_EQ(m.err().offset, 17u);
  // An embedded message of another version.
  m = openflow::decode(unhex("052200180000000000000007000000010402000800000000"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().offset, 16u);
  // A truncated embedded message: the error names an offset inside the whole input.
  m = openflow::decode(unhex("05200010000000000502000c00000000"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().offset, 10u);
}

TEST(OpenflowOskenCases, ParseJsonKeepsWideIntegers) {
  // 2^128 - 1 and 2^64 (the first integer beyond 64 bits); 2^64 - 1 stays a number.
  json j = parse(R"({"a": 340282366920938463463374607431768211455, "b": 18446744073709551616,
                     "c": 18446744073709551615, "d": -5, "e": 1.5e3, "s": "123456789012345678901234"})");
  EXPECT_EQ(json_glue::dump(j["a"]), "340282366920938463463374607431768211455");
  EXPECT_EQ(json_glue::dump(j["b"]), "18446744073709551616");
  EXPECT_TRUE(json_glue::is_wide_integer(j["a"]));
  EXPECT_TRUE(j["c"].is_number_unsigned());
  EXPECT_EQ(j["c"].get<std::uint64_t>(), 18446744073709551615u);
  EXPECT_EQ(j["d"], -5);
  EXPECT_TRUE(j["e"].is_number_float());
  EXPECT_EQ(j["s"], "123456789012345678901234");
  EXPECT_FALSE(openflow::parse_json("{\"a\": }").ok());
}

// An xxreg0 OXM value of 2^128 - 1 (16 bytes of 0xff) shows as that number and reads back; the
// decimal digits as a string (what earlier versions wrote) are read too.
TEST(OpenflowOskenCases, WideOxmValueDecimal) {
  json j = parse(R"({"OFPFlowMod": {"match": {"OFPMatch": {"oxm_fields": [{"OXMTlv": {"field": "xxreg0",
                    "mask": null, "value": 340282366920938463463374607431768211455}}]}}}})");
  auto m = openflow::from_json(j, 4);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  auto* fm = m->get<openflow::of13::flow_mod>();
  ASSERT_NE(fm, nullptr);
  ASSERT_EQ(fm->match.oxm_fields.size(), 1u);
  EXPECT_EQ(to_hex(fm->match.oxm_fields[0].value), "ffffffffffffffffffffffffffffffff");
  auto out = openflow::encode(*m);
  ASSERT_TRUE(out.ok());
  auto back = openflow::decode(*out);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(json_glue::dump(openflow::to_json(*back)["OFPFlowMod"]["match"]["OFPMatch"]["oxm_fields"][0]["OXMTlv"]["value"]),
            "340282366920938463463374607431768211455");
  j["OFPFlowMod"]["match"]["OFPMatch"]["oxm_fields"][0]["OXMTlv"]["value"] = "340282366920938463463374607431768211455";
  auto m2 = openflow::from_json(j, 4);
  ASSERT_TRUE(m2.ok()) << m2.err().to_string();
  EXPECT_EQ(to_hex(m2->get<openflow::of13::flow_mod>()->match.oxm_fields[0].value), "ffffffffffffffffffffffffffffffff");
}

}  // namespace
