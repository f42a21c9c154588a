// IPv6 and its extension headers. Expectations come from os-ken 2.5 (/usr/bin/python3, snippets
// in the comments), from RFC 8200 / RFC 6554 layouts written out by hand, and from tshark.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/hex.hpp"
#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

using json = nlohmann::json;
using namespace wirekit;

namespace {

const char* kEth = "00005e00530200005e00530186dd";
const char* kSrcDst = "20010db800000000000000000000000120010db8000000000000000000000002";  // 2001:db8::1 -> ::2

// Ethernet + an IPv6 header (2001:db8::1 -> 2001:db8::2, hop limit 64) with the given first next
// header and payload_length (-1: the length of `rest`), then `rest`.
bytes v6frame(unsigned nxt, const std::string& rest, long payload_length = -1) {
  char hdr[32];
  std::snprintf(hdr, sizeof hdr, "60000000%04lx%02x40", payload_length < 0 ? long(rest.size() / 2) : payload_length,
                nxt);
  return test::from_hex(std::string(kEth) + hdr + kSrcDst + rest);
}

json decode_json(const bytes& wire) {
  auto pk = packet::parse(wire);
  EXPECT_TRUE(pk.ok()) << pk.err().to_string();
  return pk.ok() ? pk->to_json() : json();
}

std::string encode_hex(const json& j) {
  auto pk = packet::from_json(j);
  EXPECT_TRUE(pk.ok()) << pk.err().to_string();
  if (!pk) return "";
  auto out = pk->serialize();
  EXPECT_TRUE(out.ok()) << out.err().to_string();
  return out.ok() ? to_hex(*out) : "";
}

// ---- os-ken: routing_type3 (compressed), fragment and auth -----------------------------------
// /usr/bin/python3:
//   ext = [ipv6.routing_type3(nxt=44, size=0, seg=1, cmpi=8, cmpe=8, adrs=['::1:2:3:4', '::5:6:7:8', '::a:b:c:d']),
//          ipv6.fragment(nxt=51, offset=100, more=1, id_=0xdeadbeef),
//          ipv6.auth(nxt=59, size=3, spi=0x1000, seq=7, data=b'\x01\x02\x03\x04\x05\x06\x07\x08')]
//   p = packet.Packet(); p.add_protocol(ethernet.ethernet('00:00:5e:00:53:02', '00:00:5e:00:53:01', 0x86dd))
//   p.add_protocol(ipv6.ipv6(nxt=43, src='2001:db8::1', dst='2001:db8::2', flow_label=0x12345,
//                            traffic_class=0xa0, hop_limit=64, ext_hdrs=ext))
//   p.add_protocol(b'\xaa\xbb\xcc\xdd'); p.serialize()
//   p.data.hex(); [x.to_jsondict() for x in packet.Packet(p.data).protocols]   (raw bytes as "payload")
const char* kRplHex =
    "00005e00530200005e00530186dd6a01234500402b4020010db800000000000000000000000120010db80000000000000000000000"
    "022c0303018800000000010002000300040005000600070008000a000b000c000d33000321deadbeef3b03000000001000000000070102"
    "030405060708aabbccdd";
const char* kRplJson = R"([{"ethernet": {"dst": "00:00:5e:00:53:02", "ethertype": 34525, "src": "00:00:5e:00:53:01"}},
  {"ipv6": {"dst": "2001:db8::2", "ext_hdrs": [
     {"routing_type3": {"adrs": ["::1:2:3:4", "::5:6:7:8", "::a:b:c:d"], "cmpe": 8, "cmpi": 8, "nxt": 44, "seg": 1,
                        "size": 3, "type": 3}},
     {"fragment": {"id": 3735928559, "more": 1, "nxt": 51, "offset": 100}},
     {"auth": {"data": "AQIDBAUGBwg=", "nxt": 59, "seq": 7, "size": 3, "spi": 4096}}],
   "flow_label": 74565, "hop_limit": 64, "nxt": 43, "payload_length": 64, "src": "2001:db8::1",
   "traffic_class": 160, "version": 6}},
  {"payload": "qrvM3Q=="}])";

TEST(Ipv6, RplFragmentAuthAsOsKen) {
  const bytes wire = test::from_hex(kRplHex);
  const json expect = json::parse(kRplJson);
  EXPECT_EQ(test::json_diff(expect, decode_json(wire)), "");
  EXPECT_EQ(encode_hex(expect), to_hex(wire));
  // The fields os-ken computes: payload_length and the routing header size.
  json zero = expect;
  zero[1]["ipv6"]["payload_length"] = 0;
  zero[1]["ipv6"]["ext_hdrs"][0]["routing_type3"]["size"] = 0;
  EXPECT_EQ(encode_hex(zero), to_hex(wire));
  // Defaults when keys are absent, as os-ken's constructors: auth size 2 with 4 zero bytes.
  json dflt = json::parse(R"([{"ipv6": {"nxt": 51, "ext_hdrs": [{"auth": {"nxt": 59}}]}}])");
  std::string h = encode_hex(dflt);
  EXPECT_EQ(h.substr(80), "3b020000000000000000000000000000");
}

// RFC 6554 §3: n = (((Hdr Ext Len * 8) - Pad - (16 - CmprE)) / (16 - CmprI)) + 1 addresses. A
// header whose Pad fills its declared size (here 1 address of 1 byte, Pad 15, Hdr Ext Len 2) is
// written back with that Pad, so a reader finds the same n (the minimal pad would leave 8 zero
// bytes that the formula counts as 8 more addresses).
TEST(Ipv6, RplPadFillingTheDeclaredSizeIsKept) {
  // IPv6 (nxt 43) + routing type 3: nxt 17, len 2, type 3, seg 0, CmprI 15, CmprE 15, Pad 15.
  const std::string rh = "11020300" "fff00000" "62" + std::string(30, '0');  // 24 bytes
  const std::string udp = "00070008000a31c7" "7274";
  const std::string ip6 = "6000000000" + std::string("22") + "2b40" "20010db8000000000000000000000001"
                          "20010db8000000010000000000000002";
  const bytes wire = test::from_hex("020000000002" "020000000001" "86dd" + ip6 + rh + udp);
  auto pk = packet::parse(wire);
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  const auto* v6 = pk->get<ipv6>();
  ASSERT_TRUE(v6);
  const auto& r3 = std::get<ipv6_routing_type3>(v6->ext_hdrs.at(0));
  const std::size_t n_rfc = (2 * 8 - 15 - (16 - 15)) / (16 - 15) + 1;
  EXPECT_EQ(r3.adrs.size(), n_rfc);
  auto out = pk->serialize();
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), to_hex(wire));
}

TEST(Ipv6, EveryPrefixDecodesOrFailsCleanly) {
  const bytes wire = test::from_hex(kRplHex);
  for (std::size_t n = 0; n <= wire.size(); ++n) {
    auto pk = packet::parse(bytes_view(wire).first(n));
    if (n > 14 && n < 14 + 40 + 64) {
      EXPECT_FALSE(pk.ok()) << n;  // payload_length beyond the bytes
    }
  }
}

// Parsing into a used packet reuses its objects: every member must be reset (ext headers of
// other types or counts, options, addresses).
TEST(Ipv6, ParseIntoAUsedPacket) {
  const bytes frames[] = {
      test::from_hex(kRplHex),
      v6frame(0, "3c01050200000108" "0000000000000000" "3b00000103000000" "cafe"),
      v6frame(0, "3b00010400000000" "deadbeef"),
      v6frame(43, "3b0400010000000020010db800000000000000000000000a20010db800000000000000000000000b"),
      test::from_hex(kRplHex),
      v6frame(59, ""),
  };
  packet reused;
  for (const bytes& f : frames) {
    ASSERT_TRUE(packet::parse_into(reused, f).ok());
    auto fresh = packet::parse(f);
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(reused.to_json(), fresh->to_json());
    EXPECT_TRUE(reused == *fresh);
  }
}

// ---- RFC 8200: options headers are (Hdr Ext Len + 1) * 8 bytes ----------------------------------
// §4.3: a hop-by-hop header with Hdr Ext Len 0 is 8 bytes: next header, 0, then 6 bytes of
// options, here PadN (type 1) of 4 data bytes (§4.2). os-ken would read it as 8 + 0 bytes too,
// but with Hdr Ext Len 1 the RFC header is 16 bytes where os-ken reads 9.
TEST(Ipv6, HopByHopLengthIsIn8OctetUnits) {
  const bytes wire = v6frame(0, "3b00010400000000" "deadbeef");
  json j = decode_json(wire);
  EXPECT_EQ(j[1]["ipv6"]["ext_hdrs"], json::parse(R"([{"hop_opts": {"nxt": 59, "size": 0, "data": [
                {"option": {"type": 1, "len": 4, "data": "AAAAAA=="}}]}}])"));
  EXPECT_EQ(j[2], json::parse(R"({"payload": "3q2+7w=="})"));
  EXPECT_EQ(encode_hex(j), to_hex(wire));
  // With no options the encoder fills the 8 bytes with PadN (as os-ken's default option does).
  j[1]["ipv6"]["ext_hdrs"][0]["hop_opts"]["data"] = json::array();
  EXPECT_EQ(encode_hex(j), to_hex(wire));

  // Hdr Ext Len 1: 16 bytes. Router Alert (RFC 2711: type 5, len 2, value 0), PadN of 8, then a
  // destination options header with Pad1 and PadN of 3 (Hdr Ext Len 0).
  const bytes wire2 = v6frame(0, "3c01050200000108" "0000000000000000" "3b00000103000000" "cafe");
  json j2 = decode_json(wire2);
  EXPECT_EQ(j2[1]["ipv6"]["ext_hdrs"], json::parse(R"([
      {"hop_opts": {"nxt": 60, "size": 1, "data": [{"option": {"type": 5, "len": 2, "data": "AAA="}},
                                                    {"option": {"type": 1, "len": 8, "data": "AAAAAAAAAAA="}}]}},
      {"dst_opts": {"nxt": 59, "size": 0, "data": [{"option": {"type": 0, "len": -1, "data": null}},
                                                   {"option": {"type": 1, "len": 3, "data": "AAAA"}}]}}])"));
  EXPECT_EQ(j2[2], json::parse(R"({"payload": "yv4="})"));
  EXPECT_EQ(encode_hex(j2), to_hex(wire2));
  // Only the Router Alert given: the rest of the 16 bytes becomes PadN; size 0 with more than
  // 6 bytes of options is computed.
  j2[1]["ipv6"]["ext_hdrs"][0]["hop_opts"]["data"].erase(1);
  j2[1]["ipv6"]["ext_hdrs"][1]["dst_opts"]["data"] = json::array();
  json j3 = j2;
  EXPECT_EQ(encode_hex(j2), to_hex(v6frame(0, "3c01050200000108" "0000000000000000" "3b00010400000000" "cafe")));
  j3[1]["ipv6"]["ext_hdrs"][0]["hop_opts"]["size"] = 0;
  j3[1]["ipv6"]["ext_hdrs"][0]["hop_opts"]["data"] =
      json::parse(R"([{"option": {"type": 30, "len": 7, "data": "AQIDBAUGBw=="}}])");
  EXPECT_EQ(encode_hex(j3), to_hex(v6frame(0, "3c011e0701020304" "0506070103000000" "3b00010400000000" "cafe")));
}

// The same bytes through tshark: header lengths, the RPL final address, and the ICMPv6 checksum
// computed with the RFC 8200 §8.1 pseudo-header (upper-layer protocol 58, final destination).
TEST(Ipv6Tshark, HopByHopRoutingIcmpv6) {
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
  const json j = json::parse(R"([
    {"ethernet": {"dst": "00:00:5e:00:53:02", "ethertype": 34525, "src": "00:00:5e:00:53:01"}},
    {"ipv6": {"dst": "2001:db8::2", "src": "2001:db8::1", "nxt": 0, "hop_limit": 64, "ext_hdrs": [
      {"hop_opts": {"nxt": 43, "size": 1, "data": [{"option": {"type": 5, "len": 2, "data": "AAA="}}]}},
      {"routing_type3": {"nxt": 60, "seg": 1, "adrs": ["2001:db8::ff"]}},
      {"dst_opts": {"nxt": 58, "size": 0, "data": []}}]}},
    {"icmpv6": {"type": 128, "code": 0, "csum": 0, "data": {"echo": {"id": 4660, "seq": 1, "data": "YWJjZA=="}}}}])");
  auto pk = packet::from_json(j);
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  auto wire = pk->serialize();
  ASSERT_TRUE(wire.ok()) << wire.err().to_string();
  std::string path = ::testing::TempDir() + "wirekit_ipv6_tshark.pcap";
  {
    auto w = pcap::writer::create(path);
    ASSERT_TRUE(w.ok()) << w.err().to_string();
    ASSERT_TRUE(w->write(*wire).ok());
    ASSERT_TRUE(w->close().ok());
  }
  std::string out;
  ASSERT_EQ(test::run_command("tshark -r '" + path + "' -T json --no-duplicate-keys 2>/dev/null", out), 0);
  std::remove(path.c_str());
  json t = json::parse(out);
  const json& layers = t[0]["_source"]["layers"];
  const json& ip = layers["ipv6"];
  EXPECT_EQ(ip["ipv6.plen"], "60");
  EXPECT_EQ(ip["ipv6.hopopts"]["ipv6.hopopts.len_oct"], "16");
  EXPECT_EQ(ip["ipv6.hopopts"]["ipv6.hopopts.nxt"], "43");
  EXPECT_EQ(ip["ipv6.routing"]["ipv6.routing.len_oct"], "24");
  EXPECT_EQ(ip["ipv6.routing"]["ipv6.routing.rpl.full_address"], "2001:db8::ff");
  EXPECT_EQ(ip["ipv6.dstopts"]["ipv6.dstopts.len_oct"], "8");
  EXPECT_EQ(ip["ipv6.dstopts"]["ipv6.dstopts.nxt"], "58");
  EXPECT_EQ(layers["icmpv6"]["icmpv6.echo.identifier"], "0x1234");
  EXPECT_EQ(layers["icmpv6"]["icmpv6.checksum.status"], "1");  // good
}

// ---- payload_length ------------------------------------------------------------------------
TEST(Ipv6, PayloadLengthBoundsThePayload) {
  // payload_length 8 (one dst_opts header) + 2 more bytes: a trailer, not part of the chain.
  json j = decode_json(v6frame(60, "3b00010400000000" "abcd", 8));
  ASSERT_EQ(j.size(), 3u) << j.dump();
  EXPECT_EQ(j[1]["ipv6"]["ext_hdrs"].size(), 1u);
  EXPECT_EQ(j[2], json::parse(R"({"payload": "q80="})"));
}

TEST(Ipv6, PayloadLengthBeyondTheBytesIsAnError) {
  auto pk = packet::parse(v6frame(59, "abcd", 3));
  ASSERT_FALSE(pk.ok());
  EXPECT_EQ(pk.err().protocol, "ipv6");
  EXPECT_EQ(pk.err().field, "payload_length");
  EXPECT_EQ(pk.err().offset, 18u);
}

// ---- other routing types, kept raw ----------------------------------------------------------
TEST(Ipv6, UnknownRoutingTypesAreKeptRaw) {
  // RFC 2460 type 0, segments left 1, two addresses (the last is the final destination).
  const std::string rh0 = "3b0400010000000020010db800000000000000000000000a20010db800000000000000000000000b";
  const bytes wire = v6frame(43, rh0);
  json j = decode_json(wire);
  EXPECT_EQ(j[1]["ipv6"]["ext_hdrs"], json::parse(R"([{"routing": {"nxt": 59, "size": 4, "type": 0, "seg": 1,
      "data": "AAAAACABDbgAAAAAAAAAAAAAAAogAQ24AAAAAAAAAAAAAAAL"}}])"));
  EXPECT_EQ(encode_hex(j), to_hex(wire));
  auto pk = packet::parse(wire);
  ASSERT_TRUE(pk.ok());
  EXPECT_EQ(ipv6_final_destination(*pk->get<ipv6>()).to_string(), "2001:db8::b");
  // size 0 on encode is computed, data zero-padded to 8 bytes.
  json z = json::parse(R"([{"ipv6": {"nxt": 43, "ext_hdrs": [{"routing": {"nxt": 59, "type": 253, "seg": 0,
                           "data": "AQID"}}]}}])");
  EXPECT_EQ(encode_hex(z).substr(80), "3b00fd0001020300");
}

TEST(Ipv6, FinalDestination) {
  auto dst_of = [](unsigned nxt, const std::string& rest) {
    auto pk = packet::parse(v6frame(nxt, rest));
    EXPECT_TRUE(pk.ok()) << pk.err().to_string();
    return pk.ok() ? ipv6_final_destination(*pk->get<ipv6>()).to_string() : std::string();
  };
  // RFC 8754 SRH (type 4): Segment List[0] is the final destination.
  EXPECT_EQ(dst_of(43, "3b04040101000000" "20010db8000000000000000000000f00" "20010db8000000000000000000000f01"),
            "2001:db8::f00");
  // RFC 6275 type 2: the home address.
  EXPECT_EQ(dst_of(43, "3b02020100000000" "20010db8000000000000000000000ba0"), "2001:db8::ba0");
  // RFC 6554: Address[n] with CmprE = 14 takes its first 14 bytes from the destination; Pad 6.
  EXPECT_EQ(dst_of(43, "3b010301" "0e" "600000" "00ee" "000000000000"), "2001:db8::ee");
  // Segments Left 0: the destination field already holds the final destination.
  EXPECT_EQ(dst_of(43, "3b02030000000000" "20010db80000000000000000000000ff"), "2001:db8::2");
  EXPECT_EQ(dst_of(59, ""), "2001:db8::2");
}

// ---- hostile input: errors, never crashes ----------------------------------------------------
TEST(Ipv6, HostileChainsAreErrors) {
  struct bad {
    unsigned nxt;
    std::string rest;
    const char* why;
  };
  std::string long_chain;
  for (int i = 0; i < 33; ++i) long_chain += "3c00010400000000";
  const bad cases[] = {
      {0, "3b00", "hop_opts truncated (2 of 8 bytes)"},
      {0, "3b01010400000000", "hop_opts Hdr Ext Len 1 (16 bytes), 8 present"},
      {0, "3b00010a00000000", "option length runs past the header"},
      {0, "3b00000000000001", "option type without its length byte"},
      {44, "3b000000", "fragment truncated"},
      {51, "3b00000000000000", "auth size 0"},
      {51, "3b0300000000000000000000", "auth size 3 (20 bytes), 12 present"},
      {43, "3b01030100000000" "20010db800000000", "RPL address runs past the header"},
      {43, "3b00", "routing header truncated"},
      {60, long_chain, "33 extension headers"},
  };
  for (const bad& c : cases) {
    auto pk = packet::parse(v6frame(c.nxt, c.rest));
    EXPECT_FALSE(pk.ok()) << c.why;
  }
  // Extension headers beyond payload_length, although the bytes are there.
  EXPECT_FALSE(packet::parse(v6frame(60, "3b01010c000000000000000000000000", 8)).ok());
  // 32 headers are fine.
  std::string chain32;
  for (int i = 0; i < 31; ++i) chain32 += "3c00010400000000";
  chain32 += "3b00010400000000";
  auto pk = packet::parse(v6frame(60, chain32));
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  EXPECT_EQ(pk->get<ipv6>()->ext_hdrs.size(), 32u);
}

// Deterministic random byte flips of IPv6 frames with extension headers and ICMPv6 bodies:
// every result decodes or fails cleanly, and what decodes encodes (run under ASan/UBSan).
TEST(Ipv6, MutationsNeverCrash) {
  const bytes seeds[] = {
      test::from_hex(kRplHex),
      v6frame(0, "3c01050200000108" "0000000000000000" "3b00000103000000" "cafe"),
      v6frame(43, "3b0400010000000020010db800000000000000000000000a20010db800000000000000000000000b"),
      v6frame(0, "2b0105020000010800000000000000003a0203010000000020010db80000000000000000000000ff80004c4b1234"
                 "000161626364"),
      v6frame(58, "86000000400007080000000000000000030440c000278d0000093a800000000020010db800010000000000000000"
                  "0000010100005e005301"),
      v6frame(58, "8f0000000000000201000001ff05000000000000000000000001000320010db800000000000000000000001004"
                  "020000ff0500000000000000000000000100040102030405060000"),
  };
  std::uint32_t rng = 12345;
  auto next = [&] { return rng = rng * 1103515245u + 12345u, rng >> 8; };
  for (const bytes& seed : seeds) {
    for (int i = 0; i < 3000; ++i) {
      bytes f = seed;
      int flips = 1 + int(next() % 4);
      for (int k = 0; k < flips; ++k) f[14 + next() % (f.size() - 14)] = std::byte(next() & 0xff);
      if (next() % 4 == 0) f.resize(14 + next() % (f.size() - 14));
      auto pk = packet::parse(f);
      if (pk.ok()) (void)pk->serialize();
    }
  }
}

TEST(Ipv6, EncodeErrors) {
  const char* bad[] = {
      // option data longer than len
      R"([{"ipv6": {"nxt": 0, "ext_hdrs": [{"hop_opts": {"nxt": 59, "data": [
          {"option": {"type": 1, "len": 1, "data": "AAA="}}]}}]}}])",
      // options longer than the header size gives
      R"([{"ipv6": {"nxt": 0, "ext_hdrs": [{"hop_opts": {"nxt": 59, "size": 1, "data": [
          {"option": {"type": 30, "len": 20, "data": null}}]}}]}}])",
      // a non-Pad1 option with len -1
      R"([{"ipv6": {"nxt": 60, "ext_hdrs": [{"dst_opts": {"nxt": 59, "data": [{"option": {"type": 1}}]}}]}}])",
      // auth: size 0, and data longer than size allows
      R"([{"ipv6": {"nxt": 51, "ext_hdrs": [{"auth": {"nxt": 59, "size": 0}}]}}])",
      R"([{"ipv6": {"nxt": 51, "ext_hdrs": [{"auth": {"nxt": 59, "size": 1, "data": "AQ=="}}]}}])",
      // RPL: addresses that do not fit the given size; cmpi out of range
      R"([{"ipv6": {"nxt": 43, "ext_hdrs": [{"routing_type3": {"nxt": 59, "size": 1, "adrs": ["::1", "::2"]}}]}}])",
      R"([{"ipv6": {"nxt": 43, "ext_hdrs": [{"routing_type3": {"nxt": 59, "cmpi": 16, "adrs": ["::1"]}}]}}])",
  };
  for (const char* s : bad) {
    auto pk = packet::from_json(json::parse(s));
    if (!pk.ok()) continue;  // rejected while reading JSON: fine too
    EXPECT_FALSE(pk->serialize().ok()) << s;
  }
}

}  // namespace
