// ICMP with its typed bodies. Expected bytes and JSON come from os-ken 2.5 (/usr/bin/python3); the
// snippet that produced each is quoted.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "support/hex.hpp"
#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"

using json = nlohmann::json;
using namespace wirekit;

namespace {

// Frames below were made with os-ken as
//   E = ethernet.ethernet(dst='02:00:00:00:00:02', src='02:00:00:00:00:01', ethertype=0x0800)
//   I = ipv4.ipv4(src='192.0.2.1', dst='198.51.100.2', proto=1, identification=0x4321, ttl=64)
//   p = packet.Packet(); p.add_protocol(...) for E, I, icmp.icmp(...); p.serialize()
// and their JSON is os-ken's to_jsondict() of packet.Packet(p.data).protocols.
const char* eth_ipv4(int csum, int total) {
  static std::string s;
  s = R"({"ethernet": {"dst": "02:00:00:00:00:02", "ethertype": 2048, "src": "02:00:00:00:00:01"}},
         {"ipv4": {"csum": )" +
      std::to_string(csum) +
      R"(, "dst": "198.51.100.2", "flags": 0, "header_length": 5, "identification": 17185, "offset": 0,
                   "option": null, "proto": 1, "src": "192.0.2.1", "tos": 0, "total_length": )" +
      std::to_string(total) + R"(, "ttl": 64, "version": 4}},)";
  return s.c_str();
}

// wirekit keeps the Ethernet padding after a short IPv4 packet as a final payload, where os-ken
// drops it (json-conventions.md §10, item 7): drop it before comparing.
json without_zero_trailer(const json& expect, json got) {
  if (got.size() == expect.size() + 1 && got.back().contains("payload")) {
    bytes raw;
    if (base64_decode(got.back()["payload"].get<std::string>(), raw) &&
        std::all_of(raw.begin(), raw.end(), [](std::byte b) { return b == std::byte{0}; }))
      got.erase(got.size() - 1);
  }
  return got;
}

// Decode `hex`: JSON equals `expect`; encode `expect`: bytes equal `hex`; with `zero`, the JSON
// with the ipv4 csum/total_length and icmp csum set to 0 must encode to `hex` too.
void both_ways(const std::string& hex, const std::string& expect_text, bool zero = true) {
  const bytes wire = test::from_hex(hex);
  const json expect = json::parse(expect_text);
  auto pk = packet::parse(wire);
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  EXPECT_EQ(test::json_diff(expect, without_zero_trailer(expect, pk->to_json())), "") << pk->to_json().dump();

  auto back = packet::from_json(expect);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  auto out = back->serialize();
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), hex);

  if (!zero) return;
  json z = expect;
  for (auto& h : z) {
    if (h.contains("ipv4")) h["ipv4"]["csum"] = 0, h["ipv4"]["total_length"] = 0;
    if (h.contains("icmp")) h["icmp"]["csum"] = 0;
  }
  auto zp = packet::from_json(z);
  ASSERT_TRUE(zp.ok()) << zp.err().to_string();
  auto zo = zp->serialize();
  ASSERT_TRUE(zo.ok()) << zo.err().to_string();
  EXPECT_EQ(to_hex(*zo), hex) << "from the zeroed JSON";
}

}  // namespace

// icmp.icmp(type_=8, code=0, data=icmp.echo(id_=0x1234, seq=7, data=b'0123456789abcdefghijklmnopqrstuvwxyz'))
TEST(Icmp, EchoRequest) {
  both_ways("0200000000020200000000010800450000404321000040014b65c0000201c63364020800521f1234000730313233343536373839"
            "6162636465666768696a6b6c6d6e6f707172737475767778797a",
            std::string("[") + eth_ipv4(19301, 64) +
                R"({"icmp": {"code": 0, "csum": 21023, "data": {"echo": {
                      "data": "MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6", "id": 4660, "seq": 7}}, "type": 8}}])");
}

// icmp.icmp(type_=0, code=0): no data -> os-ken writes an empty echo body; decoded, its data is null.
// The frame is padded to 60 bytes by ethernet; the zeros after the IPv4 total length are a trailer.
TEST(Icmp, EchoReplyWithoutData) {
  const std::string hex =
      "02000000000202000000000108004500001c4321000040014b89c0000201c63364020000ffff0000000000000000000000000000000000"
      "0000000000";
  const std::string expect = std::string("[") + eth_ipv4(19337, 28) +
                             R"({"icmp": {"code": 0, "csum": 65535, "data": {"echo": {"data": null, "id": 0, "seq": 0}},
                                 "type": 0}}])";
  auto pk = packet::parse(test::from_hex(hex));
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  json got = pk->to_json();
  // wirekit keeps the Ethernet padding as a final payload (json-conventions.md §10, item 7).
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[3], json::parse(R"({"payload": "AAAAAAAAAAAAAAAAAAAAAAAA"})"));
  got.erase(3);
  EXPECT_EQ(test::json_diff(json::parse(expect), got), "");

  for (const char* icmp_json : {R"({"icmp": {"type": 0, "code": 0}})", R"({"icmp": {"type": 0, "data": null}})",
                                R"({"icmp": {"type": 0, "data": ""}})"}) {
    json j = json::parse(expect);
    j[2] = json::parse(icmp_json);
    j[1]["ipv4"]["csum"] = 0;
    j[1]["ipv4"]["total_length"] = 0;
    auto p = packet::from_json(j);
    ASSERT_TRUE(p.ok()) << p.err().to_string();
    auto out = p->serialize();
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), hex) << icmp_json;
  }
}

// os-ken: packet.Packet(frame) where IPv4 carries only the 4-byte ICMP header 08 00 f7 ff gives
//   {'icmp': {'code': 0, 'csum': 63487, 'data': '', 'type': 8}}
// and icmp.icmp(type_=8, csum=0, data=b'').serialize(b'', None) == bytes.fromhex('0800f7ff00000000').
TEST(Icmp, HeaderOnly) {
  auto pk = packet::parse(test::from_hex("0200000000020200000000010800450000184321000040010000c0000201c63364020800f7ff"));
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  json got = pk->to_json();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(test::json_diff(json::parse(R"({"icmp": {"code": 0, "csum": 63487, "data": "", "type": 8}})"), got[2]), "");

  packet p;
  icmp m;
  m.type = 8;
  m.data = bytes{};
  p.add_protocol(ipv4{}).add_protocol(m);
  auto out = p.serialize();
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  ASSERT_EQ(out->size(), 28u);
  EXPECT_EQ(to_hex(bytes_view(*out).subspan(20)), "0800f7ff00000000");
}

// icmp.icmp(type_=3, code=4, data=icmp.dest_unreach(data_len=7, mtu=1400, data=bytes(range(28))))
TEST(Icmp, DestinationUnreachable) {
  both_ways("0200000000020200000000010800450000384321000040014b6dc0000201c6336402030440b800070578000102030405060708"
            "090a0b0c0d0e0f101112131415161718191a1b",
            std::string("[") + eth_ipv4(19309, 56) +
                R"({"icmp": {"code": 4, "csum": 16568, "data": {"dest_unreach": {
                      "data": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==", "data_len": 7, "mtu": 1400}}, "type": 3}}])");
}

// icmp.icmp(type_=11, code=1, data=icmp.TimeExceeded(data_len=2, data=bytes(range(100, 128))))
TEST(Icmp, TimeExceeded) {
  both_ways("0200000000020200000000010800450000384321000040014b6dc0000201c63364020b01c0ba000200006465666768696a6b6c"
            "6d6e6f707172737475767778797a7b7c7d7e7f",
            std::string("[") + eth_ipv4(19309, 56) +
                R"({"icmp": {"code": 1, "csum": 49338, "data": {"TimeExceeded": {
                      "data": "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+fw==", "data_len": 2}}, "type": 11}}])");
}

// icmp.icmp(type_=13, code=0, data=b'\x00\x01\x00\x02' + bytes(12)): a type os-ken has no class for.
TEST(Icmp, OtherTypeIsRaw) {
  both_ways("0200000000020200000000010800450000284321000040014b7dc0000201c63364020d00f2fc000100020000000000000000000000"
            "00000000000000",
            std::string("[") + eth_ipv4(19325, 40) +
                R"({"icmp": {"code": 0, "csum": 62204, "data": "AAEAAgAAAAAAAAAAAAAAAA==", "type": 13}}])");
}

// icmp.icmp(type_=8, code=0, csum=0xbeef, data=icmp.echo(id_=1, seq=2, data=b'abc...789')): a
// non-zero checksum is written as given.
TEST(Icmp, GivenChecksumKept) {
  both_ways("0200000000020200000000010800450000404321000040014b65c0000201c63364020800beef000100026162636465666768696a"
            "6b6c6d6e6f707172737475767778797a30313233343536373839",
            std::string("[") + eth_ipv4(19301, 64) +
                R"({"icmp": {"code": 0, "csum": 48879, "data": {"echo": {
                      "data": "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU2Nzg5", "id": 1, "seq": 2}}, "type": 8}}])",
            false);
}

// Truncated bodies: a typed body needs its 4 bytes (os-ken raises struct.error there); never a crash.
TEST(Icmp, TruncatedBodies) {
  for (const char* body : {"0800f7ff00", "0800f7ff0000", "0800f7ff000000", "0300fcff00", "0b00f4ff0000"}) {
    const std::string b(body);
    const std::size_t n = b.size() / 2;
    char total[17];
    std::snprintf(total, sizeof total, "%04x", static_cast<unsigned>(20 + n));
    auto pk2 = packet::parse(test::from_hex("02000000000202000000000108004500" + std::string(total) +
                                      "4321000040010000c0000201c6336402" + b));
    ASSERT_FALSE(pk2.ok()) << body;
    EXPECT_EQ(pk2.err().protocol, "icmp") << body;
  }
}

TEST(Icmp, JsonErrors) {
  EXPECT_FALSE(packet::from_json(json::parse(R"([{"icmp": {"data": {"bogus": {}}}}])")).ok());
  EXPECT_FALSE(packet::from_json(json::parse(R"([{"icmp": {"data": "%%%"}}])")).ok());
  EXPECT_FALSE(packet::from_json(json::parse(R"([{"icmp": {"data": 3}}])")).ok());
  EXPECT_FALSE(packet::from_json(json::parse(R"([{"icmp": {"data": {"echo": {"id": 70000}}}}])")).ok());
}
