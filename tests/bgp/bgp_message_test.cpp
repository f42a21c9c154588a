// BGP core: messages built byte by byte from the RFCs' layouts (RFC 4271 §4, RFC 5492, RFC
// 7911, RFC 8092, RFC 9234, RFC 7311, RFC 5065, RFC 6793, RFC 7606), decoded and checked field
// by field; the error classification; the stream parser; hostile input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "wirekit/bgp/app.hpp"
#include "wirekit/bgp/bgp.hpp"

using namespace wirekit;
using json = nlohmann::json;

namespace {

bytes hex(std::string h) {
  bytes b;
  std::string s;
  for (char c : h)
    if (std::isxdigit(static_cast<unsigned char>(c))) s += c;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) b.push_back(static_cast<std::byte>(std::stoul(s.substr(i, 2), nullptr, 16)));
  return b;
}

// A whole message: marker, length, type, body.
bytes msg(std::uint8_t type, const bytes& body) {
  bytes b(16, std::byte{0xff});
  std::size_t len = 19 + body.size();
  b.push_back(std::byte(len >> 8));
  b.push_back(std::byte(len & 0xff));
  b.push_back(std::byte{type});
  b.insert(b.end(), body.begin(), body.end());
  return b;
}

// An UPDATE body from withdrawn routes, attributes and NLRI bytes.
bytes update_body(const bytes& withdrawn, const bytes& attrs, const bytes& nlri) {
  bytes b;
  b.push_back(std::byte(withdrawn.size() >> 8));
  b.push_back(std::byte(withdrawn.size() & 0xff));
  b.insert(b.end(), withdrawn.begin(), withdrawn.end());
  b.push_back(std::byte(attrs.size() >> 8));
  b.push_back(std::byte(attrs.size() & 0xff));
  b.insert(b.end(), attrs.begin(), attrs.end());
  b.insert(b.end(), nlri.begin(), nlri.end());
  return b;
}

const bytes kBasicAttrs = hex("40 01 01 00  40 02 04 02 01 fd e8  40 03 04 c0 00 02 01");  // IGP, [65000], 192.0.2.1

bgp::message decode_ok(const bytes& b, const bgp::context& ctx = {}) {
  auto m = bgp::decode_message(b, ctx);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.err().to_string());
  return m.ok() ? *m : bgp::message{};
}

void expect_reencodes(const bytes& b, const bgp::context& ctx = {}) {
  auto m = bgp::decode_message(b, ctx);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  auto out = bgp::encode_message(*m, ctx);
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), to_hex(b));
  // and through JSON: same JSON again
  auto back = bgp::message_from_json(bgp::to_json(*m));
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(bgp::to_json(*back), bgp::to_json(*m));
}

// ---- header ------------------------------------------------------------------------------

TEST(BgpHeader, KeepaliveBothWays) {
  bytes b = msg(4, {});
  auto m = decode_ok(b);
  ASSERT_TRUE(std::holds_alternative<bgp::keepalive_msg>(m));
  EXPECT_EQ(bgp::to_json(m), json::parse(R"({"BGPKeepAlive": {"len": 19, "type": 4}})"));
  expect_reencodes(b);
}

TEST(BgpHeader, BadMarkerIsConnectionNotSynchronized) {
  bytes b = msg(4, {});
  b[3] = std::byte{0};
  bgp::decode_report rep;
  auto m = bgp::decode_message(b, {}, {}, rep);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().field, "marker");
  EXPECT_EQ(m.err().offset, 3u);
  ASSERT_TRUE(rep.error);
  EXPECT_EQ(rep.error->code, 1);
  EXPECT_EQ(rep.error->subcode, 1);
  EXPECT_EQ(rep.error->act, bgp::action::session_reset);
}

TEST(BgpHeader, BadLengthsAreBadMessageLength) {
  bgp::decode_report rep;
  bytes ka = msg(4, hex("00"));  // KEEPALIVE of 20 bytes
  ASSERT_FALSE(bgp::decode_message(ka, {}, {}, rep).ok());
  EXPECT_EQ(rep.error->code, 1);
  EXPECT_EQ(rep.error->subcode, 2);
  EXPECT_EQ(to_hex(rep.error->data), "0014");  // the erroneous length field
  bytes small = msg(4, {});
  small[17] = std::byte{18};
  ASSERT_FALSE(bgp::decode_message(small, {}, {}, rep).ok());
  EXPECT_EQ(rep.error->subcode, 2);
  // 5000 bytes: too long without extended messages (RFC 8654), fine with them.
  bytes big = msg(3, bytes(5000 - 19, std::byte{1}));
  ASSERT_FALSE(bgp::decode_message(big, {}, {}, rep).ok());
  EXPECT_EQ(to_hex(rep.error->data), "1388");
  bgp::context ext;
  ext.extended_message = true;
  EXPECT_TRUE(bgp::decode_message(big, ext).ok());
  // the encoder refuses what the context cannot carry
  auto n = bgp::decode_message(big, ext);
  EXPECT_FALSE(bgp::encode_message(*n, bgp::context{}).ok());
  EXPECT_TRUE(bgp::encode_message(*n, ext).ok());
}

TEST(BgpHeader, UnknownTypeKeptRawWithFinding) {
  bytes b = msg(9, hex("01 02 03"));
  bgp::decode_report rep;
  auto m = bgp::decode_message(b, {}, {}, rep);
  ASSERT_TRUE(m.ok());
  auto* u = std::get_if<bgp::unknown_msg>(&*m);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->type, 9);
  EXPECT_EQ(bgp::to_json(*m), json::parse(R"({"BGPUnknownMessage": {"len": 22, "type": 9, "data": "AQID"}})"));
  ASSERT_EQ(rep.findings.size(), 1u);
  EXPECT_EQ(rep.findings[0].code, 1);
  EXPECT_EQ(rep.findings[0].subcode, 3);
  EXPECT_EQ(to_hex(rep.findings[0].data), "09");
  expect_reencodes(b);
}

TEST(BgpHeader, NotificationAndRouteRefresh) {
  bytes n = msg(3, hex("06 02 41 42"));  // Cease / Administrative Shutdown, data "AB"
  auto m = decode_ok(n);
  EXPECT_EQ(bgp::to_json(m), json::parse(R"({"BGPNotification": {"len": 23, "type": 3, "error_code": 6,
      "error_subcode": 2, "data": "QUI="}})"));
  expect_reencodes(n);
  EXPECT_EQ(bgp::notification_name(6, 2), "Cease / Administrative Shutdown");
  bytes rr = msg(5, hex("00 02 01 80"));  // IPv6 / BoRR / SAFI 128 (RFC 7313)
  m = decode_ok(rr);
  EXPECT_EQ(bgp::to_json(m), json::parse(R"({"BGPRouteRefresh": {"len": 23, "type": 5, "afi": 2,
      "demarcation": 1, "safi": 128, "eor_sent": false}})"));
  expect_reencodes(rr);
  // BoRR with a wrong length: ROUTE-REFRESH Message Error / Invalid Message Length
  bgp::decode_report rep;
  ASSERT_FALSE(bgp::decode_message(msg(5, hex("00 02 01 80 00")), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->code, 7);
  EXPECT_EQ(rep.error->subcode, 1);
}

// ---- OPEN --------------------------------------------------------------------------------

// One optional parameter holding three capabilities (as FRR and BIRD send them), then one
// parameter per capability (as os-ken sends them).
TEST(BgpOpen, GroupedCapabilitiesSplitAndReencode) {
  bytes body = hex(
      "04 fd e8 00 b4 c0 00 02 01"  // version 4, AS 65000, hold 180, id 192.0.2.1
      "1a"                          // opt params length 26
      "02 0e"                       // one capability parameter of 14 bytes:
      "01 04 00 01 00 01"           //   multiprotocol IPv4 unicast
      "02 00"                       //   route refresh
      "41 04 00 01 00 00"           //   4-octet AS 65536
      "02 02 46 00"                 // enhanced route refresh, its own parameter
      "02 04 06 00 45 00");         // ... and a parameter with extended message + an empty ADD-PATH
  bytes b = msg(1, body);
  auto m = decode_ok(b);
  auto& o = std::get<bgp::open_msg>(m);
  ASSERT_EQ(o.opt_param.size(), 6u);
  json j = bgp::to_json(m);
  const json& ps = j["BGPOpen"]["opt_param"];
  EXPECT_EQ(ps[0], json::parse(R"({"BGPOptParamCapabilityMultiprotocol": {"afi": 1, "cap_code": 1,
      "cap_length": 4, "length": 6, "reserved": 0, "safi": 1, "type": 2}})"));
  EXPECT_EQ(ps[1], json::parse(R"({"BGPOptParamCapabilityRouteRefresh": {"cap_code": 2, "cap_length": 0,
      "length": 2, "type": 2}})"));
  EXPECT_EQ(ps[2]["BGPOptParamCapabilityFourOctetAsNumber"]["as_number"], 65536);
  EXPECT_EQ(ps[3].begin().key(), "BGPOptParamCapabilityEnhancedRouteRefresh");
  // os-ken has no classes for extended message (6) and ADD-PATH (69)
  EXPECT_EQ(ps[4], json::parse(R"({"BGPOptParamCapabilityUnknown": {"cap_code": 6, "cap_length": 0,
      "cap_value": "", "length": 2, "type": 2}})"));
  EXPECT_EQ(ps[5].begin().key(), "BGPOptParamCapabilityUnknown");
  EXPECT_EQ(j["BGPOpen"]["opt_param_len"], 26);
  EXPECT_EQ(o.as_number(), 65536u);
  EXPECT_TRUE(o.has_extended_message());
  EXPECT_TRUE(o.has_four_octet_as());
  expect_reencodes(b);
  // From JSON every capability is its own parameter (os-ken's encoding).
  auto fj = bgp::message_from_json(j);
  ASSERT_TRUE(fj.ok());
  auto enc = bgp::encode_message(*fj, {});
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(to_hex(*enc), to_hex(msg(1, hex("04 fd e8 00 b4 c0 00 02 01 20"
                                            "02 06 01 04 00 01 00 01  02 02 02 00  02 06 41 04 00 01 00 00"
                                            "02 02 46 00  02 02 06 00  02 02 45 00"))));
}

TEST(BgpOpen, AddPathAndNegotiation) {
  // RFC 7911 §4: AFI, SAFI, Send/Receive. We receive IPv4 unicast; the peer sends it.
  bgp::open_msg ours, theirs;
  ours.opt_param.push_back(bgp::cap_four_octet_as{});
  ours.opt_param.push_back(bgp::make_add_path_capability({{1, 1, 1}, {2, 1, 3}}));
  ours.opt_param.push_back(bgp::make_extended_message_capability());
  theirs.opt_param.push_back(bgp::cap_four_octet_as{});
  theirs.opt_param.push_back(bgp::make_add_path_capability({{1, 1, 2}, {2, 1, 1}}));
  auto b = bgp::encode_message(theirs, {});
  ASSERT_TRUE(b.ok());
  // cap 69, length 8: 0001 01 02 0002 01 01
  EXPECT_NE(to_hex(*b).find("020a4508000101020002010" "1"), std::string::npos);
  auto d = decode_ok(*b);
  auto ap = std::get<bgp::open_msg>(d).add_path();
  ASSERT_EQ(ap.size(), 2u);
  EXPECT_EQ(ap[0], (bgp::add_path_entry{1, 1, 2}));
  bgp::context ctx = bgp::negotiate(ours, std::get<bgp::open_msg>(d));
  EXPECT_EQ(ctx.as, bgp::context::as_width::four);
  EXPECT_TRUE(ctx.has_add_path({1, 1}));
  EXPECT_FALSE(ctx.has_add_path({2, 1}));  // the peer only receives IPv6
  EXPECT_FALSE(ctx.extended_message);      // only we announced it
}

TEST(BgpOpen, GracefulRestartAndFindings) {
  // GR: flags 8 (R), time 120, IPv4 unicast forwarding preserved (0x80)
  bytes b = msg(1, hex("03 fd e8 00 01 00 00 00 00 0a 02 08 40 06 80 78 00 01 01 80"));
  bgp::decode_report rep;
  auto m = bgp::decode_message(b, {}, {}, rep);
  ASSERT_TRUE(m.ok());
  json j = bgp::to_json(*m);
  EXPECT_EQ(j["BGPOpen"]["opt_param"][0], json::parse(R"({"BGPOptParamCapabilityGracefulRestart": {
      "cap_code": 64, "cap_length": 6, "flags": 8, "length": 8, "time": 120, "tuples": [[1, 1, 128]], "type": 2}})"));
  // version 3, hold time 1, BGP identifier 0: three findings a speaker must act on
  ASSERT_EQ(rep.findings.size(), 3u);
  EXPECT_EQ(rep.findings[0].subcode, 1);
  EXPECT_EQ(to_hex(rep.findings[0].data), "0004");
  EXPECT_EQ(rep.findings[1].subcode, 6);
  EXPECT_EQ(rep.findings[2].subcode, 3);
  // encode writes version 4
  auto out = bgp::encode_message(*m, {});
  EXPECT_EQ(std::to_integer<int>((*out)[19]), 4);
  // a capability overrunning its parameter: OPEN Message Error
  ASSERT_FALSE(bgp::decode_message(msg(1, hex("04 fd e8 00 b4 c0 00 02 01 04 02 02 01 04")), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->code, 2);
}

TEST(BgpOpen, ExtendedOptionalParameters) {
  // RFC 9072: 255, then type 255 and a 2-byte length; parameters with 2-byte lengths.
  bgp::open_msg o;
  o.my_as = 65000;
  for (int i = 0; i < 70; ++i) {
    bgp::cap_multiprotocol c;
    c.afi = 1;
    c.safi = static_cast<std::uint8_t>(i);
    o.opt_param.push_back(c);
  }
  auto b = bgp::encode_message(o, {});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(to_hex(bytes_view(*b).subspan(28, 6)), "ffff02760200");  // 70 * (3 + 6) = 630 = 0x276
  auto m = decode_ok(*b);
  auto& d = std::get<bgp::open_msg>(m);
  EXPECT_TRUE(d.extended_params);
  EXPECT_EQ(d.opt_param.size(), 70u);
  expect_reencodes(*b);
}

// ---- UPDATE ------------------------------------------------------------------------------

TEST(BgpUpdate, Rfc4271Basics) {
  bytes b = msg(2, update_body(hex("18 0a 01 02"), kBasicAttrs, hex("10 ac 10  20 c6 33 64 07")));
  auto m = decode_ok(b);
  EXPECT_EQ(bgp::to_json(m), json::parse(R"({"BGPUpdate": {"len": 53, "type": 2, "withdrawn_routes_len": 4,
      "withdrawn_routes": [{"BGPWithdrawnRoute": {"addr": "10.1.2.0", "length": 24}}],
      "total_path_attribute_len": 18, "path_attributes": [
        {"BGPPathAttributeOrigin": {"flags": 64, "length": 1, "type": 1, "value": 0}},
        {"BGPPathAttributeAsPath": {"flags": 64, "length": 4, "type": 2, "value": [[65000]]}},
        {"BGPPathAttributeNextHop": {"flags": 64, "length": 4, "type": 3, "value": "192.0.2.1"}}],
      "nlri": [{"BGPNLRI": {"addr": "172.16.0.0", "length": 16}}, {"BGPNLRI": {"addr": "198.51.100.7", "length": 32}}]}})"));
  expect_reencodes(b);
  EXPECT_FALSE(std::get<bgp::update_msg>(m).end_of_rib());
  auto eor = decode_ok(msg(2, hex("00 00 00 00")));
  EXPECT_EQ(std::get<bgp::update_msg>(eor).end_of_rib(), (bgp::family{1, 1}));
}

TEST(BgpUpdate, AsPathWidthsAndConfederations) {
  // 4-byte AS_PATH (RFC 6793): AS_SEQUENCE 4200000000 65000, AS_SET {3, 1}
  bytes v4 = hex("02 02 fa 56 ea 00 00 00 fd e8 01 02 00 00 00 03 00 00 00 01");
  bytes attrs = hex("40 01 01 00 40 02 14");
  attrs.insert(attrs.end(), v4.begin(), v4.end());
  bytes b = msg(2, update_body({}, attrs, {}));
  for (auto w : {bgp::context::as_width::guess, bgp::context::as_width::four}) {
    bgp::context ctx;
    ctx.as = w;
    auto m = decode_ok(b, ctx);
    auto* p = std::get<bgp::update_msg>(m).find<bgp::attr_as_path>();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(bgp::to_json(bgp::path_attribute{*p})["BGPPathAttributeAsPath"]["value"],
              json::parse(R"([[4200000000, 65000], {"AS_SET": [1, 3]}])"));
    expect_reencodes(b, ctx);  // the set keeps its wire order
  }
  // Confederation segments (RFC 5065), which os-ken cannot parse: 2-byte ASNs
  bytes conf = msg(2, update_body({}, hex("40 02 0e 03 02 00 01 00 02 04 01 00 07 02 01 fd e8"), {}));
  auto m = decode_ok(conf);
  EXPECT_EQ(bgp::to_json(m)["BGPUpdate"]["path_attributes"][0]["BGPPathAttributeAsPath"]["value"],
            json::parse(R"([{"AS_CONFED_SEQUENCE": [1, 2]}, {"AS_CONFED_SET": [7]}, [65000]])"));
  expect_reencodes(conf);
  // A 2-byte context must not take 4-byte ASNs on encode.
  bgp::context two;
  two.as = bgp::context::as_width::two;
  auto m4 = decode_ok(b);
  EXPECT_FALSE(bgp::encode_message(m4, two).ok());
}

TEST(BgpUpdate, AggregatorWidth) {
  bytes six = msg(2, update_body({}, hex("c0 07 06 fd e8 c0 00 02 01"), {}));
  bytes eight = msg(2, update_body({}, hex("c0 07 08 00 00 00 05 c0 00 02 01"), {}));  // AS 5 as 4 bytes
  auto a = decode_ok(six), b = decode_ok(eight);
  EXPECT_EQ(bgp::to_json(b)["BGPUpdate"]["path_attributes"][0],
            json::parse(R"({"BGPPathAttributeAggregator": {"addr": "192.0.2.1", "as_number": 5, "flags": 192,
                "length": 8, "type": 7}})"));
  expect_reencodes(six);
  expect_reencodes(eight);  // the width read is kept
  bgp::context four;
  four.as = bgp::context::as_width::four;
  bgp::decode_report rep;
  ASSERT_FALSE(bgp::decode_message(six, four, {}, rep).ok());
  EXPECT_EQ(rep.error->subcode, 5);
  EXPECT_EQ(rep.error->act, bgp::action::attribute_discard);
}

TEST(BgpUpdate, ReflectionAttributes) {
  // ORIGINATOR_ID 10.0.0.1, CLUSTER_LIST 1.1.1.1 2.2.2.2, COMMUNITIES NO_EXPORT 65000:1
  bytes b = msg(2, update_body({}, hex("80 09 04 0a 00 00 01 80 0a 08 01 01 01 01 02 02 02 02"
                                        "c0 08 08 ff ff ff 01 fd e8 00 01"),
                               {}));
  auto j = bgp::to_json(decode_ok(b))["BGPUpdate"]["path_attributes"];
  EXPECT_EQ(j[0]["BGPPathAttributeOriginatorId"]["value"], json::parse(R"(["1","0",".","0",".","0",".","1"])"));
  EXPECT_EQ(j[1]["BGPPathAttributeClusterList"]["value"], json::parse(R"(["1.1.1.1","2.2.2.2"])"));
  EXPECT_EQ(j[2]["BGPPathAttributeCommunities"]["communities"], json::parse("[4294967041, 4259840001]"));
  expect_reencodes(b);
}

TEST(BgpUpdate, LargeCommunitiesOnlyToCustomerAigp) {
  // RFC 8092 §3: 12-byte triples; RFC 9234 §5: OTC = an AS; RFC 7311 §3: TLV type 1, length 11.
  bytes attrs = hex(
      "c0 20 18 00 00 fd e8 00 00 00 01 00 00 00 02  00 01 00 00 00 00 00 03 00 00 00 04"
      "c0 23 04 00 00 fd e9"
      "80 1a 0b 01 00 0b 00 00 00 00 00 00 00 64");
  bytes b = msg(2, update_body({}, attrs, {}));
  auto m = decode_ok(b);
  const auto& u = std::get<bgp::update_msg>(m);
  auto* lc = u.find<bgp::attr_large_communities>();
  ASSERT_NE(lc, nullptr);
  ASSERT_EQ(lc->communities.size(), 2u);
  EXPECT_EQ(lc->communities[0], (bgp::large_community{65000, 1, 2}));
  EXPECT_EQ(lc->communities[1], (bgp::large_community{65536, 3, 4}));
  auto* otc = u.find<bgp::attr_only_to_customer>();
  ASSERT_NE(otc, nullptr);
  EXPECT_EQ(otc->as_number, 65001u);
  auto* aigp = u.find<bgp::attr_aigp>();
  ASSERT_NE(aigp, nullptr);
  EXPECT_EQ(aigp->metric(), 100u);
  // JSON: os-ken's BGPPathAttributeUnknown form
  json j = bgp::to_json(m)["BGPUpdate"]["path_attributes"];
  EXPECT_EQ(j[0], json::parse(R"({"BGPPathAttributeUnknown": {"flags": 192, "length": 24, "type": 32,
      "value": "AAD96AAAAAEAAAACAAEAAAAAAAMAAAAE"}})"));
  EXPECT_EQ(j[1], json::parse(R"({"BGPPathAttributeUnknown": {"flags": 192, "length": 4, "type": 35, "value": "AAD96Q=="}})"));
  EXPECT_EQ(j[2]["BGPPathAttributeUnknown"]["type"], 26);
  // ... which reads back typed
  auto back = bgp::message_from_json(bgp::to_json(m));
  ASSERT_TRUE(back.ok());
  EXPECT_NE(std::get<bgp::update_msg>(*back).find<bgp::attr_large_communities>(), nullptr);
  expect_reencodes(b);
  // A malformed LARGE_COMMUNITY stays raw (os-ken shows it the same way) with a finding.
  bgp::decode_report rep;
  auto bad = bgp::decode_message(msg(2, update_body({}, hex("c0 20 05 01 02 03 04 05"), {})), {}, {}, rep);
  ASSERT_TRUE(bad.ok());
  EXPECT_NE(std::get<bgp::update_msg>(*bad).find<bgp::attr_unknown>(), nullptr);
  ASSERT_EQ(rep.findings.size(), 1u);
  EXPECT_EQ(rep.findings[0].act, bgp::action::treat_as_withdraw);
}

TEST(BgpUpdate, AddPathIpv4) {
  // RFC 7911 §3: a 4-byte path identifier before each prefix.
  bytes b = msg(2, update_body(hex("00 00 00 07 18 0a 01 02"), kBasicAttrs, hex("00 00 00 01 10 ac 10 00 00 00 02 10 ac 10")));
  bgp::context ctx;
  ctx.add_path.push_back({1, 1});
  auto m = decode_ok(b, ctx);
  json j = bgp::to_json(m)["BGPUpdate"];
  EXPECT_EQ(j["withdrawn_routes"][0], json::parse(R"({"BGPWithdrawnRoute": {"addr": "10.1.2.0", "length": 24, "path_id": 7}})"));
  EXPECT_EQ(j["nlri"][1], json::parse(R"({"BGPNLRI": {"addr": "172.16.0.0", "length": 16, "path_id": 2}})"));
  expect_reencodes(b, ctx);
  // Without ADD-PATH in the context, a path_id cannot be encoded.
  EXPECT_FALSE(bgp::encode_message(m, bgp::context{}).ok());
  // and the same bytes read without ADD-PATH are a different (wrong) parse or an error
  auto plain = bgp::decode_message(b, bgp::context{});
  if (plain.ok()) {
    EXPECT_NE(bgp::to_json(*plain), bgp::to_json(m));
  }
}

TEST(BgpUpdate, MpReachIpv6WithLinkLocalAndLabels) {
  // MP_REACH IPv6 unicast, next hops 2001:db8::1 + fe80::1 (RFC 2545), 2001:db8:1::/48
  bytes mp = hex("80 0e 2c 00 02 01 20 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"
                 "fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 30 20 01 0d b8 00 01");
  bytes attrs = hex("40 01 01 00 40 02 00");
  attrs.insert(attrs.end(), mp.begin(), mp.end());
  bytes b = msg(2, update_body({}, attrs, {}));
  auto m = decode_ok(b);
  auto* r = std::get<bgp::update_msg>(m).find<bgp::attr_mp_reach_nlri>();
  ASSERT_NE(r, nullptr);
  auto hops = r->next_hops();
  ASSERT_EQ(hops.size(), 2u);
  EXPECT_EQ(hops[1].to_string(), "fe80::1");
  json j = bgp::to_json(bgp::path_attribute{*r});
  EXPECT_EQ(j, json::parse(R"({"BGPPathAttributeMpReachNLRI": {"afi": 2, "flags": 128, "length": 44, "next_hop": "2001:db8::1",
      "nlri": [{"IP6AddrPrefix": {"addr": "2001:db8:1::", "length": 48}}], "safi": 1, "type": 14}})"));
  expect_reencodes(b);  // the link-local next hop is kept
  // Labelled VPNv4 withdraw (RFC 8277 §2.4: compatibility label 0x800000), RD 65000:100
  bytes un = hex("80 0f 12 00 01 80 70 80 00 00 00 00 fd e8 00 00 00 64 0a 01 02");
  bytes b2 = msg(2, update_body({}, un, {}));
  auto m2 = decode_ok(b2);
  EXPECT_EQ(bgp::to_json(m2)["BGPUpdate"]["path_attributes"][0]["BGPPathAttributeMpUnreachNLRI"]["withdrawn_routes"],
            json::parse(R"([{"LabelledVPNIPAddrPrefix": {"addr": [[524288], {"BGPTwoOctetAsRD": {"admin": 65000,
                "assigned": 100, "type": 0}}, "10.1.2.0"], "length": 112}}])"));
  expect_reencodes(b2);
}

TEST(BgpUpdate, RouteTargetMembership) {
  // RFC 4684: origin AS 65000 + route target 0002:fde8:00000064 (96 bits), and the default (0)
  bytes mp = hex("80 0e 17 00 01 84 04 c0 00 02 01 00 60 00 00 fd e8 00 02 fd e8 00 00 00 64 00");
  bytes b = msg(2, update_body({}, mp, {}));
  auto m = decode_ok(b);
  auto* r = std::get<bgp::update_msg>(m).find<bgp::attr_mp_reach_nlri>();
  ASSERT_NE(r, nullptr);
  auto& v = std::get<std::vector<bgp::rt_membership_nlri>>(r->nlri);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].origin_as, 65000u);
  EXPECT_EQ(v[0].length, 96);
  EXPECT_EQ(v[1].length, 0);
  expect_reencodes(b);
}

// ---- RFC 7606 ----------------------------------------------------------------------------

TEST(BgpErrors, MalformedOriginStrictAndRevised) {
  bytes b = msg(2, update_body({}, hex("40 01 02 00 00 40 02 00 40 03 04 c0 00 02 01"), hex("08 0a")));
  bgp::decode_report rep;
  auto strict = bgp::decode_message(b, {}, {}, rep);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(rep.error->code, 3);
  EXPECT_EQ(rep.error->subcode, 5);
  EXPECT_EQ(rep.error->act, bgp::action::treat_as_withdraw);
  EXPECT_EQ(to_hex(rep.error->data), "4001020000");  // the erroneous attribute
  EXPECT_EQ(rep.error->attr_type, 1);
  bgp::decode_options opt;
  opt.revised_error_handling = true;
  auto tolerant = bgp::decode_message(b, {}, opt, rep);
  ASSERT_TRUE(tolerant.ok());
  EXPECT_EQ(rep.worst(), bgp::action::treat_as_withdraw);
  auto& u = std::get<bgp::update_msg>(*tolerant);
  ASSERT_NE(u.find<bgp::attr_unknown>(), nullptr);  // kept raw
  EXPECT_EQ(u.nlri.size(), 1u);                     // the NLRI to withdraw
  auto again = bgp::encode_message(*tolerant, {});
  EXPECT_EQ(to_hex(*again), to_hex(b));
}

TEST(BgpErrors, AttributeListAndNlri) {
  bgp::decode_report rep;
  // attribute length overruns the attribute list: treat-as-withdraw (RFC 7606 §4)
  ASSERT_FALSE(bgp::decode_message(msg(2, update_body({}, hex("40 01 05 00"), {})), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->subcode, 1);
  EXPECT_EQ(rep.error->act, bgp::action::treat_as_withdraw);
  // total path attribute length beyond the message: session reset
  ASSERT_FALSE(bgp::decode_message(msg(2, hex("00 00 00 09 40 01 01 00")), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->act, bgp::action::session_reset);
  // NLRI prefix length 33: Invalid Network Field
  ASSERT_FALSE(bgp::decode_message(msg(2, update_body({}, kBasicAttrs, hex("21 0a 00 00 00 01"))), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->subcode, 10);
  // MP_REACH with a truncated NLRI: session reset, Optional Attribute Error
  ASSERT_FALSE(bgp::decode_message(msg(2, update_body({}, hex("80 0e 07 00 01 01 00 00 18 0a"), {})), {}, {}, rep).ok());
  EXPECT_EQ(rep.error->subcode, 9);
  EXPECT_EQ(rep.error->act, bgp::action::session_reset);
}

TEST(BgpErrors, FindingsOfADecodedUpdate) {
  bgp::decode_report rep;
  // NLRI without NEXT_HOP; ORIGIN with the Optional bit; a duplicate MED
  auto m = bgp::decode_message(msg(2, update_body({}, hex("c0 01 01 00 40 02 00 80 04 04 00 00 00 01 80 04 04 00 00 00 02"),
                                                  hex("08 0a"))),
                               {}, {}, rep);
  ASSERT_TRUE(m.ok());
  std::vector<int> subs;
  for (const auto& f : rep.findings) subs.push_back(f.subcode);
  EXPECT_EQ(subs, (std::vector<int>{4, 1, 3}));  // flags error, duplicate, missing NEXT_HOP
  EXPECT_EQ(rep.findings[2].data, bytes{std::byte{3}});
  EXPECT_EQ(rep.worst(), bgp::action::treat_as_withdraw);
}

// ---- attributes alone (MRT) --------------------------------------------------------------

TEST(BgpAttributes, AloneAndMrtAbbreviatedMpReach) {
  bytes raw = hex("40 01 01 00 80 0e 11 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01");
  reader r(raw);
  std::vector<bgp::path_attribute> attrs;
  bgp::decode_options opt;
  opt.mrt_abbreviated_mp_reach = true;
  opt.mrt_afi = 2;
  opt.mrt_safi = 1;
  bgp::decode_report rep;
  ASSERT_TRUE(bgp::decode_path_attributes(r, {}, opt, attrs, &rep).ok());
  ASSERT_EQ(attrs.size(), 2u);
  auto* mp = std::get_if<bgp::attr_mp_reach_nlri>(&attrs[1]);
  ASSERT_NE(mp, nullptr);
  EXPECT_EQ(mp->first_next_hop()->to_string(), "2001:db8::1");
  bytes out;
  writer w(out);
  ASSERT_TRUE(bgp::encode_path_attributes(w, attrs, {}, opt).ok());
  EXPECT_EQ(to_hex(out), to_hex(raw));
}

// ---- stream parser -----------------------------------------------------------------------

TEST(BgpStream, CutsByLength) {
  bytes s = msg(4, {});
  bytes u = msg(2, update_body({}, kBasicAttrs, hex("10 ac 10")));
  s.insert(s.end(), u.begin(), u.end());
  bytes n = msg(3, hex("06 04"));
  s.insert(s.end(), n.begin(), n.end());
  bgp::stream_parser sp;
  std::vector<std::string> got;
  for (std::size_t i = 0; i < s.size(); i += 7) {  // 7-byte segments
    ASSERT_TRUE(sp.feed(bytes_view(s).subspan(i, std::min<std::size_t>(7, s.size() - i))).ok());
    for (;;) {
      auto m = sp.next();
      ASSERT_TRUE(m.ok()) << m.err().to_string();
      if (!*m) break;
      got.push_back(bgp::class_name(**m));
    }
  }
  EXPECT_EQ(got, (std::vector<std::string>{"BGPKeepAlive", "BGPUpdate", "BGPNotification"}));
  EXPECT_EQ(sp.buffered(), 0u);
}

TEST(BgpStream, FramingErrorsAreStickyAndBufferIsBounded) {
  bgp::stream_parser sp;
  bytes b = msg(4, {});
  b[17] = std::byte{10};  // length 10
  ASSERT_TRUE(sp.feed(b).ok());
  auto m = sp.next();
  ASSERT_FALSE(m.ok());
  ASSERT_TRUE(sp.framing_error());
  EXPECT_EQ(sp.framing_error()->subcode, 2);
  EXPECT_FALSE(sp.next().ok());
  EXPECT_FALSE(sp.feed(msg(4, {})).ok());

  bgp::stream_parser small({}, 4096);
  EXPECT_TRUE(small.feed(bytes(4000, std::byte{0xff})).ok());
  EXPECT_FALSE(small.feed(bytes(200, std::byte{0xff})).ok());
  // a length above 4096 without extended messages: framing error 1/2
  bytes big = msg(3, bytes(5000, std::byte{0}));
  bgp::stream_parser sp2;
  ASSERT_TRUE(sp2.feed(bytes_view(big).first(100)).ok());
  EXPECT_FALSE(sp2.next().ok());
  EXPECT_EQ(to_hex(sp2.framing_error()->data), "139b");
}

// ---- frames ------------------------------------------------------------------------------

TEST(BgpFrames, SplitMessageTailIsPayload) {
  // Ethernet / IPv4 / TCP 179 carrying a KEEPALIVE and the first 10 bytes of the next message.
  bytes payload = msg(4, {});
  bytes tail(10, std::byte{0xff});
  payload.insert(payload.end(), tail.begin(), tail.end());
  json frame = json::array({json::parse(R"({"ethernet": {"dst": "00:00:00:00:00:02", "src": "00:00:00:00:00:01", "ethertype": 2048}})"),
                            json::parse(R"({"ipv4": {"version": 4, "header_length": 5, "tos": 0, "total_length": 0, "identification": 0, "flags": 0,
                                "offset": 0, "ttl": 64, "proto": 6, "csum": 0, "src": "192.0.2.1", "dst": "192.0.2.2", "option": null}})"),
                            json::parse(R"({"tcp": {"src_port": 50000, "dst_port": 179, "seq": 1, "ack": 1, "offset": 0, "bits": 24,
                                "window_size": 1000, "csum": 0, "urgent": 0, "option": null}})"),
                            json{{"payload", base64_encode(payload)}}});
  auto pk = packet::from_json(frame);
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  auto wire = pk->serialize();
  ASSERT_TRUE(wire.ok()) << wire.err().to_string();
  auto back = packet::parse(*wire);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  json j = back->to_json();
  ASSERT_EQ(j.size(), 5u);
  EXPECT_EQ(j[3], json::parse(R"({"BGPKeepAlive": {"len": 19, "type": 4}})"));
  EXPECT_EQ(j[4]["payload"], base64_encode(tail));
  auto again = back->serialize();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(to_hex(*again), to_hex(*wire));
}

// ---- hostile input -----------------------------------------------------------------------

TEST(BgpHostile, RandomMutationsNeverCrash) {
  std::mt19937 rng(12345);
  std::vector<bytes> seeds = {
      msg(2, update_body(hex("18 0a 01 02"), kBasicAttrs, hex("10 ac 10"))),
      msg(1, hex("04 fd e8 00 b4 c0 00 02 01 10 02 0e 01 04 00 01 00 01 02 00 41 04 00 01 00 00")),
      msg(2, update_body({}, hex("80 0e 2c 00 02 01 20 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01"
                                 "fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 30 20 01 0d b8 00 01"
                                 "80 0f 12 00 01 80 70 80 00 00 00 00 fd e8 00 00 00 64 0a 01 02"),
                         {}))};
  bgp::context ctxs[3];
  ctxs[1].as = bgp::context::as_width::four;
  ctxs[2].add_path = {{1, 1}, {2, 1}, {1, 128}};
  for (int iter = 0; iter < 20000; ++iter) {
    bytes b = seeds[iter % seeds.size()];
    int nmut = 1 + rng() % 4;
    for (int k = 0; k < nmut; ++k) b[rng() % b.size()] = std::byte(rng() & 0xff);
    if (rng() % 4 == 0) b.resize(rng() % b.size());
    for (const auto& ctx : ctxs) {
      bgp::decode_report rep;
      bgp::decode_options opt;
      opt.revised_error_handling = iter % 2;
      auto m = bgp::decode_message(b, ctx, opt, rep);
      if (!m) {
        EXPECT_TRUE(rep.error.has_value());
        EXPECT_LE(m.err().offset, b.size());
        continue;
      }
      auto out = bgp::encode_message(*m, ctx);
      if (out) {
        auto again = bgp::decode_message(*out, ctx, opt, rep);
        EXPECT_TRUE(again.ok()) << to_hex(b);
      }
      (void)bgp::message_from_json(bgp::to_json(*m));
    }
  }
}

}  // namespace
