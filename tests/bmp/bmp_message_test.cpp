// BMP codec: hand-assembled messages laid out from RFC 7854 / 8671 / 9069 figures, the real
// gobgpd BMP stream (../shared/fixtures/peers, message counts as recorded in peers.md), and
// hostile input (every truncation and many corruptions: errors, never crashes).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "wirekit/bmp/bmp.hpp"

using namespace wirekit;
using json = nlohmann::json;

namespace {

bytes hex(std::string_view h) {
  bytes b;
  auto nib = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string s;
  for (char c : h)
    if (c != ' ' && c != '\n') s += c;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) b.push_back(std::byte(nib(s[i]) * 16 + nib(s[i + 1])));
  return b;
}

// Common header (RFC 7854 §4.1) + body, the length filled in.
bytes msg(std::uint8_t type, const bytes& body) {
  bytes b = hex("03 00000000");
  b.push_back(std::byte{type});
  b.insert(b.end(), body.begin(), body.end());
  store_be32(b.data() + 1, std::uint32_t(b.size()));
  return b;
}
bytes cat(std::initializer_list<bytes> parts) {
  bytes b;
  for (const auto& p : parts) b.insert(b.end(), p.begin(), p.end());
  return b;
}

// Per-peer header (§4.2): type, flags, distinguisher, address, AS, BGP ID, timestamp.
const bytes kPeerLocRib = hex(
    "03 80 0000000000000064 00000000000000000000000000000000 fdea0000 0a000001 5f5e1000 00000007");
// A BGP UPDATE (RFC 4271) with ORIGIN IGP, a 4-byte AS_PATH (65536 65537), NEXT_HOP, 10.1.0.0/16.
const bytes kUpdate4 = hex(
    "ffffffffffffffffffffffffffffffff 0032 02 0000 0018"
    "40 01 01 00  40 02 0a 02 02 00010000 00010001  40 03 04 c0000201  10 0a01");
// The same with a 2-byte AS_PATH (65000 65001).
const bytes kUpdate2 = hex(
    "ffffffffffffffffffffffffffffffff 002e 02 0000 0014"
    "40 01 01 00  40 02 06 02 02 fde8 fde9  40 03 04 c0000201  10 0a01");

TEST(BmpMessage, LocRibRouteMonitoringFromRfcLayout) {
  bytes wire = msg(0, cat({kPeerLocRib, kUpdate4}));
  bmp::options rfc;
  rfc.rfc_as_width = true;
  auto m = bmp::decode(wire, rfc);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& rm = std::get<bmp::route_monitoring>(*m);
  EXPECT_EQ(rm.peer.peer_type, bmp::peer_type::loc_rib);
  EXPECT_TRUE(rm.peer.is_filtered());
  EXPECT_EQ(rm.peer.peer_distinguisher, 100u);
  EXPECT_EQ(rm.peer.peer_as, 0xfdea0000u);
  EXPECT_EQ(rm.peer.peer_bgp_id.to_string(), "10.0.0.1");
  EXPECT_EQ(rm.peer.timestamp_sec, 1600000000u);
  EXPECT_EQ(rm.peer.timestamp_usec, 7u);
  const auto& u = std::get<bgp::update_msg>(rm.bgp_update);
  auto* ap = u.find<bgp::attr_as_path>();
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->value.at(0).asns, (std::vector<std::uint32_t>{65536, 65537}));
  json j = bmp::to_json(*m);
  const json& in = j.at("BMPRouteMonitoring");
  EXPECT_EQ(in.at("peer_flags"), 128);  // F: more than os-ken's keys say
  EXPECT_EQ(in.at("peer_address"), "::");
  EXPECT_EQ(in.at("len"), wire.size());
  auto back = bmp::from_json(j);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  auto out = bmp::encode(*back, rfc);
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), to_hex(wire));
}

TEST(BmpMessage, AFlagSelectsTwoByteAs) {
  // Global peer, flags A|O (RFC 8671 Adj-RIB-Out), IPv4 peer.
  bytes peer = hex("00 30 0000000000000000 000000000000000000000000 c0000202 0000fde8 c0000202 00000001 00000000");
  bytes wire = msg(0, cat({peer, kUpdate2}));
  bmp::options rfc;
  rfc.rfc_as_width = true;
  auto m = bmp::decode(wire, rfc);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& rm = std::get<bmp::route_monitoring>(*m);
  EXPECT_TRUE(rm.peer.two_byte_as());
  EXPECT_TRUE(rm.peer.is_adj_rib_out());
  EXPECT_EQ(bmp::bgp_context(rm.peer, rfc).as, bgp::context::as_width::two);
  auto* ap = std::get<bgp::update_msg>(rm.bgp_update).find<bgp::attr_as_path>();
  EXPECT_EQ(ap->value.at(0).asns, (std::vector<std::uint32_t>{65000, 65001}));
  json j = bmp::to_json(*m).at("BMPRouteMonitoring");
  EXPECT_EQ(j.at("is_adj_rib_out"), true);
  EXPECT_EQ(j.at("is_post_policy"), false);
  EXPECT_EQ(j.at("peer_flags"), 0x30);
  // Without the A flag, the RFC reading is 4-byte: the same AS_PATH bytes no longer parse.
  bytes no_a = wire;
  no_a[7] = std::byte{0x10};
  rfc.revised_error_handling = false;
  auto m2 = bmp::decode(no_a, rfc);
  ASSERT_FALSE(m2.ok());
  EXPECT_EQ(m2.err().protocol, "bmp");
  EXPECT_EQ(m2.err().field.rfind("bgp_update.", 0), 0u) << m2.err().to_string();
  // (RFC 7606 mode keeps the attribute raw instead)
  rfc.revised_error_handling = true;
  auto m3 = bmp::decode(no_a, rfc);
  ASSERT_TRUE(m3.ok());
  EXPECT_EQ(std::get<bgp::update_msg>(std::get<bmp::route_monitoring>(*m3).bgp_update).find<bgp::attr_as_path>(), nullptr);
  // ... while os-ken's guess (the default) reads it as 2-byte.
  auto m4 = bmp::decode(no_a);
  ASSERT_TRUE(m4.ok());
  EXPECT_NE(std::get<bgp::update_msg>(std::get<bmp::route_monitoring>(*m4).bgp_update).find<bgp::attr_as_path>(), nullptr);
}

TEST(BmpMessage, StatisticsEveryType) {
  bytes peer = hex("00 00 0000000000000000 000000000000000000000000 c0000202 0000fde8 c0000202 00000001 00000000");
  bmp::statistics_report s;
  auto d = bmp::decode(msg(1, cat({peer, hex("00000000")})));
  ASSERT_TRUE(d.ok());
  s = std::get<bmp::statistics_report>(*d);
  for (std::uint16_t t = 0; t <= 6; ++t) s.stats.push_back(bmp::stat_tlv::make_counter(t, 1000u + t));
  for (std::uint16_t t : {7, 8, 14, 15}) s.stats.push_back(bmp::stat_tlv::make_gauge(t, 0x100000000ull + t));
  for (std::uint16_t t : {9, 10, 16, 17}) s.stats.push_back(bmp::stat_tlv::make_afi_safi_gauge(t, {2, 1}, 77u + t));
  for (std::uint16_t t = 11; t <= 13; ++t) s.stats.push_back(bmp::stat_tlv::make_counter(t, 5u + t));
  bmp::stat_tlv unk;
  unk.type = 999;
  unk.value = hex("0102");
  s.stats.push_back(unk);
  auto b = bmp::encode(s);
  ASSERT_TRUE(b.ok());
  // stats count (RFC 7854 §4.8) right after the per-peer header
  EXPECT_EQ(load_be32(b->data() + 6 + 42), s.stats.size());
  auto m = bmp::decode(*b);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& r = std::get<bmp::statistics_report>(*m);
  ASSERT_EQ(r.stats.size(), s.stats.size());
  EXPECT_EQ(r.stats[0].counter(), 1000u);
  EXPECT_EQ(r.stats[7].gauge(), 0x100000007ull);
  EXPECT_EQ(r.stats[11].gauge(), 86u);
  EXPECT_EQ(r.stats[11].family(), (bgp::family{2, 1}));
  EXPECT_EQ(r.stats[15].counter(), 16u);
  json j = bmp::to_json(*m).at("BMPStatisticsReport").at("stats");
  EXPECT_EQ(j[0].at("value"), 1000);          // os-ken: int for 0-8, 14, 15
  EXPECT_EQ(j[9].at("value"), 0x100000000ull + 14);
  EXPECT_TRUE(j[11].at("value").is_string());  // os-ken: raw (base64) for the others
  EXPECT_EQ(j.back().at("value"), "AQI=");
  auto back = bmp::from_json(bmp::to_json(*m));
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(to_hex(*bmp::encode(*back)), to_hex(*b));
}

TEST(BmpMessage, PeerDownEveryReason) {
  bytes peer = hex("00 00 0000000000000000 000000000000000000000000 c0000202 0000fde8 c0000202 00000001 00000000");
  bytes notif = hex("ffffffffffffffffffffffffffffffff 0017 03 06 02 abcd");
  struct c {
    std::uint8_t reason;
    bytes data;
    const char* json_data;
  } cases[] = {
      {1, notif, nullptr}, {2, hex("0005"), "[5]"}, {3, notif, nullptr}, {4, {}, "null"},
      {5, {}, "\"\""},     {6, hex("0003 0004 76726631"), "[{\"type\":3,\"len\":4,\"value\":\"dnJmMQ==\"}]"},
      {0, hex("aabb"), "\"qrs=\""}, {9, hex("01"), "\"AQ==\""},
  };
  for (const auto& k : cases) {
    bytes body = cat({peer, bytes{std::byte{k.reason}}, k.data});
    bytes wire = msg(2, body);
    auto m = bmp::decode(wire);
    ASSERT_TRUE(m.ok()) << int(k.reason) << ": " << m.err().to_string();
    json j = bmp::to_json(*m).at("BMPPeerDownNotification");
    EXPECT_EQ(j.at("reason"), k.reason);
    if (k.json_data)
      EXPECT_EQ(j.at("data"), json::parse(k.json_data)) << int(k.reason);
    else
      EXPECT_EQ(j.at("data").at("BGPNotification").at("error_code"), 6);
    auto back = bmp::from_json(bmp::to_json(*m));
    ASSERT_TRUE(back.ok()) << back.err().to_string();
    auto out = bmp::encode(*back);
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(wire)) << int(k.reason);
  }
  // reason 2 needs exactly the 2-byte FSM event code
  auto bad = bmp::decode(msg(2, cat({peer, hex("02 00")})));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.err().field, "data");
  EXPECT_EQ(bad.err().offset, 6u + 42 + 1);
}

TEST(BmpMessage, PeerUpWithInformationTlvs) {
  bytes peer = hex("00 80 0000000000000000 20010db8000000000000000000000002 0000fde8 c0000202 00000001 00000000");
  bytes open = hex("ffffffffffffffffffffffffffffffff 001d 01 04 fde8 005a c0000201 00");
  bytes body = cat({peer, hex("20010db8000000000000000000000001 00b3 c350"), open, open,
                    hex("0000 0003 616263 0003 0004 76726631")});
  bytes wire = msg(3, body);
  auto m = bmp::decode(wire);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& u = std::get<bmp::peer_up>(*m);
  EXPECT_EQ(u.local_address.to_string(), "2001:db8::1");
  EXPECT_EQ(u.local_port, 179);
  EXPECT_EQ(u.remote_port, 50000);
  ASSERT_EQ(u.info.size(), 2u);
  EXPECT_EQ(u.info[1].type, bmp::info_type::vrf_table_name);
  ASSERT_TRUE(u.negotiated().has_value());
  json j = bmp::to_json(*m).at("BMPPeerUpNotification");
  EXPECT_EQ(j.at("local_address"), "MjAwMTpkYjg6OjE=");  // base64 of "2001:db8::1", as os-ken
  EXPECT_FALSE(j.contains("peer_flags"));
  EXPECT_EQ(j.at("info")[1].at("value"), "dnJmMQ==");
  auto back = bmp::from_json(bmp::to_json(*m));
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(to_hex(*bmp::encode(*back)), to_hex(wire));
}

TEST(BmpMessage, RouteMirroring) {
  bytes peer = hex("00 00 0000000000000000 000000000000000000000000 c0000202 0000fde8 c0000202 00000001 00000000");
  bytes body = cat({peer, hex("0000 002e"), kUpdate2, hex("0001 0002 0001"), hex("0000 0005 0102030405")});
  bytes wire = msg(6, body);
  auto m = bmp::decode(wire);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& r = std::get<bmp::route_mirroring>(*m);
  ASSERT_EQ(r.tlvs.size(), 3u);
  EXPECT_TRUE(r.tlvs[0].message.has_value());
  EXPECT_EQ(r.tlvs[1].code(), 1);
  EXPECT_FALSE(r.tlvs[2].message.has_value());  // an errored PDU stays raw
  json j = bmp::to_json(*m);
  const json& t = j.at("BMPRouteMirroring").at("tlvs");
  EXPECT_TRUE(t[0].at("value").contains("BGPUpdate"));
  EXPECT_EQ(t[1].at("value"), 1);
  EXPECT_EQ(t[2].at("value"), "AQIDBAU=");
  auto back = bmp::from_json(j);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(to_hex(*bmp::encode(*back)), to_hex(wire));
}

TEST(BmpMessage, UnknownTypeAndTlvsRoundTripRaw) {
  bytes wire = msg(42, hex("00010203"));
  auto m = bmp::decode(wire);
  ASSERT_TRUE(m.ok());
  json j = bmp::to_json(*m);
  EXPECT_EQ(j, json::parse(R"({"BMPUnknownMessage": {"version": 3, "len": 10, "type": 42, "data": "AAECAw=="}})"));
  EXPECT_EQ(to_hex(*bmp::encode(*bmp::from_json(j))), to_hex(wire));
  bytes init = msg(4, hex("0000 0002 6869 0007 0001 ff"));
  auto mi = bmp::decode(init);
  ASSERT_TRUE(mi.ok());
  EXPECT_EQ(to_hex(*bmp::encode(*bmp::from_json(bmp::to_json(*mi)))), to_hex(init));
}

TEST(BmpMessage, ErrorsNameProtocolFieldOffset) {
  auto v = bmp::decode(hex("01 00000006 04"));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.err().protocol, "bmp");
  EXPECT_EQ(v.err().field, "version");
  auto l = bmp::decode(hex("03 00000009 04 0000"));
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.err().field, "len");
  EXPECT_EQ(l.err().offset, 1u);
  // an information TLV overrunning the message
  auto t = bmp::decode(msg(4, hex("0000 0010 6869")));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.err().field, "info[0].value");
  EXPECT_EQ(t.err().offset, 10u);
  // a BGP error inside: absolute offset of the bad byte, protocol bmp
  bytes rm = msg(0, cat({kPeerLocRib, kUpdate4}));
  rm[6 + 42 + 3] = std::byte{0};  // marker
  auto b = bmp::decode(rm);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.err().protocol, "bmp");
  EXPECT_GE(b.err().offset, 48u);
  EXPECT_LT(b.err().offset, rm.size());
}

TEST(BmpMessage, HostileTruncationsAndCorruptions) {
  bytes peer = hex("00 00 0000000000000000 000000000000000000000000 c0000202 0000fde8 c0000202 00000001 00000000");
  bytes open = hex("ffffffffffffffffffffffffffffffff 001d 01 04 fde8 005a c0000201 00");
  std::vector<bytes> good = {
      msg(0, cat({kPeerLocRib, kUpdate4})),
      msg(3, cat({peer, hex("00000000000000000000000000000000 00b3 c350"), open, open, hex("0003 0001 61")})),
      msg(2, cat({peer, hex("01"), hex("ffffffffffffffffffffffffffffffff 0015 03 06 02")})),
      msg(6, cat({peer, hex("0000 002e"), kUpdate2, hex("0001 0002 0000")})),
      msg(1, cat({peer, hex("00000001 0009 000b 0001 01 0000000000000005")})),
  };
  for (const auto& g : good) {
    ASSERT_TRUE(bmp::decode(g).ok());
    for (std::size_t n = 0; n < g.size(); ++n) {
      bytes cut(g.begin(), g.begin() + n);
      if (n >= 5) store_be32(cut.data() + 1, std::uint32_t(n));  // consistent length: the body is short
      auto m = bmp::decode(cut);
      if (!m.ok()) {
        EXPECT_EQ(m.err().protocol, "bmp");
        EXPECT_LE(m.err().offset, cut.size()) << m.err().to_string();
      }
    }
    for (std::size_t i = 0; i < g.size(); ++i)
      for (unsigned x : {0x00u, 0xffu, 0x80u, 0x01u}) {
        bytes c = g;
        c[i] = std::byte(x);
        auto m = bmp::decode(c);
        if (m.ok()) {
          auto e = bmp::encode(*m);  // what decodes re-encodes, and decodes again
          ASSERT_TRUE(e.ok()) << e.err().to_string();
          EXPECT_TRUE(bmp::decode(*e).ok());
        } else {
          EXPECT_EQ(m.err().protocol, "bmp");
          EXPECT_LE(m.err().offset, c.size());
        }
      }
  }
}

TEST(BmpStream, GobgpdSampleByteByByte) {
  WIREKIT_REQUIRE_SHARED(shared);
  auto p = shared / "fixtures" / "peers" / "bmp-gobgpd-stream.bin";
  if (!std::filesystem::exists(p)) GTEST_SKIP() << p << " is absent";
  bytes in = test::read_file(p);
  bmp::stream_parser sp;
  std::map<std::string, int> count;
  int loc_rib = 0;
  bytes again;
  for (std::size_t i = 0; i < in.size(); ++i) {
    ASSERT_TRUE(sp.feed(bytes_view(in).subspan(i, 1)).ok());
    for (;;) {
      auto r = sp.next();
      ASSERT_TRUE(r.ok()) << r.err().to_string();
      if (!*r) break;
      ++count[bmp::class_name(**r)];
      if (auto* h = bmp::peer_of(**r); h && h->peer_type == bmp::peer_type::loc_rib) ++loc_rib;
      ASSERT_TRUE(bmp::encode(**r, again).ok());
    }
  }
  EXPECT_EQ(sp.buffered(), 0u);
  // peers.md: Initiation 1, PeerUp 2, RouteMonitoring 83 incl. Loc-RIB, Stats 4, PeerDown 2
  EXPECT_EQ(count["BMPInitiation"], 1);
  EXPECT_EQ(count["BMPPeerUpNotification"], 2);
  EXPECT_EQ(count["BMPRouteMonitoring"], 83);
  EXPECT_EQ(count["BMPStatisticsReport"], 4);
  EXPECT_EQ(count["BMPPeerDownNotification"], 2);
  EXPECT_GT(loc_rib, 0);
  EXPECT_EQ(to_hex(again), to_hex(in));  // byte for byte
}

TEST(BmpStream, FramingErrorsAreSticky) {
  bmp::stream_parser sp({}, 100);
  ASSERT_TRUE(sp.feed(msg(4, {})).ok());
  ASSERT_TRUE(sp.feed(hex("03 00001000 04")).ok());  // above the 100-byte limit
  auto a = sp.next();
  ASSERT_TRUE(a.ok() && *a);
  auto b = sp.next();
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.err().field, "len");
  EXPECT_EQ(b.err().offset, 7u);
  EXPECT_FALSE(sp.next().ok());
  EXPECT_FALSE(sp.feed(hex("00")).ok());
}

}  // namespace

// ---- per-peer context from peer up (RFC 7854 §4.10; ADD-PATH per RFC 7911 §3) ----------------

namespace {
// An OPEN (RFC 4271 §4.2) with one capabilities parameter (RFC 5492): 4-octet AS (RFC 6793,
// code 65) and ADD-PATH (RFC 7911 §4, code 69) for IPv4 unicast with the given send/receive.
bytes open_with_add_path(const char* my_as_hex, const char* as4_hex, const char* id_hex, std::uint8_t sr) {
  bytes caps = cat({hex("41 04"), hex(as4_hex), hex("45 04 0001 01"), bytes{std::byte{sr}}});
  bytes param = cat({hex("02"), bytes{std::byte(caps.size())}, caps});
  bytes body = cat({hex("04"), hex(my_as_hex), hex("005a"), hex(id_hex), bytes{std::byte(param.size())}, param});
  bytes m = cat({hex("ffffffffffffffffffffffffffffffff 0000 01"), body});
  store_be16(m.data() + 16, std::uint16_t(m.size()));
  return m;
}
// Global peer 10.0.0.2, AS 65002, with the given flags.
bytes peer_10_0_0_2(std::uint8_t flags) {
  return cat({hex("00"), bytes{std::byte{flags}},
              hex("0000000000000000 000000000000000000000000 0a000002 0000fdea 0a000002 00000000 00000000")});
}
// An UPDATE whose NLRI carries path identifiers: ORIGIN IGP, AS_PATH [65001] in 4-byte form,
// NEXT_HOP 10.0.0.2; NLRI path id 7 192.168.0.0/24, path id 8 192.168.0.0/24.
bytes add_path_update() {
  bytes attrs = hex("40 01 01 00  40 02 06 02 01 0000fde9  40 03 04 0a000002");
  bytes nlri = hex("00000007 18 c0a800  00000008 18 c0a800");
  bytes m = cat({hex("ffffffffffffffffffffffffffffffff 0000 02 0000"), hex("00"), bytes{std::byte(attrs.size())},
                 attrs, nlri});
  store_be16(m.data() + 16, std::uint16_t(m.size()));
  return m;
}
}  // namespace

TEST(BmpMessage, StreamParserDecodesPduWithPeerUpNegotiation) {
  // The monitored router (AS 65001) can receive, the peer (AS 65002) can send paths: its
  // Adj-RIB-In PDUs carry path identifiers (RFC 7911 §3: "both ... negotiated").
  bytes sent = open_with_add_path("fde9", "0000fde9", "0a000001", 1);      // receive
  bytes received = open_with_add_path("fdea", "0000fdea", "0a000002", 2);  // send
  bytes up = msg(3, cat({peer_10_0_0_2(0), hex("000000000000000000000000 0a000001 00b3 c350"), sent, received}));
  bytes rm = msg(0, cat({peer_10_0_0_2(0), add_path_update()}));
  // Without the peer up, the same route monitoring does not decode as the peer meant it.
  {
    bmp::options strict;
    strict.revised_error_handling = false;
    auto alone = bmp::decode(rm, strict);
    if (alone.ok()) {
      const auto& u = std::get<bgp::update_msg>(std::get<bmp::route_monitoring>(*alone).bgp_update);
      ASSERT_FALSE(u.nlri.empty());
      EXPECT_FALSE(u.nlri[0].path_id.has_value());
    }
  }
  bmp::stream_parser sp;
  ASSERT_TRUE(sp.feed(cat({up, rm})));
  auto a = sp.next();
  ASSERT_TRUE(a.ok() && *a) << (a.ok() ? "no message" : a.err().to_string());
  ASSERT_TRUE(std::holds_alternative<bmp::peer_up>(**a));
  EXPECT_EQ(sp.peers().size(), 1u);
  auto b = sp.next();
  ASSERT_TRUE(b.ok() && *b) << (b.ok() ? "no message" : b.err().to_string());
  const auto& u = std::get<bgp::update_msg>(std::get<bmp::route_monitoring>(**b).bgp_update);
  ASSERT_EQ(u.nlri.size(), 2u);
  EXPECT_EQ(u.nlri[0].path_id, 7u);
  EXPECT_EQ(u.nlri[1].path_id, 8u);
  EXPECT_EQ(u.nlri[1].prefix().to_string(), "192.168.0.0/24");
  auto* ap = u.find<bgp::attr_as_path>();
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->value.at(0).asns, (std::vector<std::uint32_t>{65001}));
  // Adj-RIB-Out PDUs (O flag) go the other way: the router cannot send paths here, so the same
  // NLRI bytes are read without identifiers.
  bmp::peer_contexts known;
  known.learn(**a);
  bmp::peer_header out_hdr = std::get<bmp::route_monitoring>(**b).peer;
  out_hdr.flags |= bmp::peer_flag::o;
  EXPECT_FALSE(bmp::bgp_context(out_hdr, {}, &known).has_add_path({bgp::afi::ipv4, bgp::safi::unicast}));
  EXPECT_TRUE(bmp::bgp_context(std::get<bmp::route_monitoring>(**b).peer, {}, &known)
                  .has_add_path({bgp::afi::ipv4, bgp::safi::unicast}));
  EXPECT_EQ(bmp::bgp_context(out_hdr, {}, &known).as, bgp::context::as_width::four);
  // A peer down forgets the peer: its PDUs are read without the negotiation again.
  bytes down = msg(2, cat({peer_10_0_0_2(0), hex("02 0001")}));
  ASSERT_TRUE(sp.feed(down));
  auto c = sp.next();
  ASSERT_TRUE(c.ok() && *c);
  EXPECT_EQ(sp.peers().size(), 0u);
}
