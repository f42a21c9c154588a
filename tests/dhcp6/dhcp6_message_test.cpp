// DHCPv6 codec: os-ken's encode rules, relays, frames, hostile input.
// Expected bytes and JSON come from os-ken 2.5 (/usr/bin/python3, os_ken.lib.packet.dhcp6);
// the Python that produced each is quoted next to it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "support/hex.hpp"
#include "support/fixtures.hpp"
#include "wirekit/dhcp6/app.hpp"
#include "wirekit/dhcp6/message.hpp"
#include "wirekit/packet/packet.hpp"

using json = nlohmann::json;
using namespace wirekit;

namespace {

dhcp6::option opt(std::uint16_t code, bytes data, std::uint16_t length = 0) {
  dhcp6::option o;
  o.code = code;
  o.data = std::move(data);
  o.length = length;
  return o;
}

std::string encode_hex(const dhcp6::message& m) {
  auto b = dhcp6::encode(m);
  EXPECT_TRUE(b.ok()) << b.err().to_string();
  return b.ok() ? to_hex(*b) : "";
}

// D(1, OS([O(1, b'\x01\x02\x03', 5), O(2, b'\xaa\xbb\xcc\xdd', 2), O(8, b'\x00\x10')]),
//   transaction_id=0x123456).serialize()
TEST(Dhcp6Encode, OptionLengthPadsOrTruncatesData) {
  dhcp6::message m;
  m.msg_type = dhcp6::msg_type::solicit;
  m.transaction_id = 0x123456;
  m.options.option_list = {opt(1, to_bytes({1, 2, 3}), 5), opt(2, to_bytes({0xaa, 0xbb, 0xcc, 0xdd}), 2),
                           opt(8, to_bytes({0x00, 0x10}))};
  EXPECT_EQ(encode_hex(m), "0112345600010005010203000000020002aabb000800020010");
}

// D(3, OS([O(8, b'\x00\x10')], options_len=10), transaction_id=1)
// D(3, OS([O(8, b'\x00\x10'), O(14, b'')], options_len=7), transaction_id=1)
TEST(Dhcp6Encode, OptionsLenPadsOrTruncates) {
  dhcp6::message m;
  m.msg_type = dhcp6::msg_type::request;
  m.transaction_id = 1;
  m.options.option_list = {opt(8, to_bytes({0x00, 0x10}))};
  m.options.options_len = 10;
  EXPECT_EQ(encode_hex(m), "0300000100080002001000000000");
  m.options.option_list.push_back(opt(14, {}));
  m.options.options_len = 7;
  EXPECT_EQ(encode_hex(m), "0300000100080002001000");
}

// D(7, OS([O(13, b'\x00\x00ok')]), transaction_id=0xffffff, hop_count=9,
//   link_address='2001:db8::1', peer_address='::1'): the relay fields are not written.
TEST(Dhcp6Encode, NonRelayIgnoresRelayFields) {
  dhcp6::message m;
  m.msg_type = dhcp6::msg_type::reply;
  m.transaction_id = 0xffffff;
  m.hop_count = 9;
  m.link_address = *ipv6_addr::parse("2001:db8::1");
  m.peer_address = *ipv6_addr::parse("::1");
  m.options.option_list = {opt(13, to_bytes({0, 0, 'o', 'k'}))};
  EXPECT_EQ(encode_hex(m), "07ffffff000d000400006f6b");
}

// inner = D(1, OS([O(8, b'\x00\x00')]), transaction_id=0xabcdef).serialize()
// m = D(12, OS([O(9, inner), O(18, b'eth0')]), transaction_id=77, hop_count=3,
//       link_address='2001:db8::1', peer_address='fe80::1')
// m.serialize() and D.parser(m.serialize())[0].to_jsondict()
constexpr const char* kRelayHex =
    "0c0320010db8000000000000000000000001fe8000000000000000000000000000010009000a01abcdef0008000200000012000465746830";
constexpr const char* kRelayJson =
    R"({"dhcp6": {"hop_count": 3, "link_address": "MjAwMTpkYjg6OjE=", "msg_type": 12, "options": {"options":
       {"option_list": [{"option": {"code": 9, "data": "AavN7wAIAAIAAA==", "length": 10}},
                        {"option": {"code": 18, "data": "ZXRoMA==", "length": 4}}], "options_len": 22}},
       "peer_address": "ZmU4MDo6MQ==", "transaction_id": 0}})";

TEST(Dhcp6Relay, EncodeIgnoresTransactionId) {
  dhcp6::message inner;
  inner.msg_type = dhcp6::msg_type::solicit;
  inner.transaction_id = 0xabcdef;
  inner.options.option_list = {opt(8, to_bytes({0, 0}))};
  dhcp6::message m;
  m.msg_type = dhcp6::msg_type::relay_forw;
  m.transaction_id = 77;
  m.hop_count = 3;
  m.link_address = *ipv6_addr::parse("2001:db8::1");
  m.peer_address = *ipv6_addr::parse("fe80::1");
  m.options.option_list = {opt(9, *dhcp6::encode(inner)), opt(18, to_bytes({'e', 't', 'h', '0'}))};
  EXPECT_EQ(encode_hex(m), kRelayHex);
}

TEST(Dhcp6Relay, DecodeAsOsKen) {
  auto m = dhcp6::decode(test::from_hex(kRelayHex));
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_EQ(test::json_diff(json::parse(kRelayJson), dhcp6::to_json(*m)), "");
  EXPECT_TRUE(m->relay());
  EXPECT_EQ(m->hop_count, 3);
  EXPECT_EQ(m->peer_address.to_string(), "fe80::1");
  ASSERT_NE(m->find(dhcp6::option_code::relay_msg), nullptr);
  // The inner message is raw option data (os-ken's form); it decodes on its own.
  auto inner = dhcp6::decode(m->find(dhcp6::option_code::relay_msg)->data);
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->transaction_id, 0xabcdefu);
  auto back = dhcp6::from_json(json::parse(kRelayJson));
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(encode_hex(*back), kRelayHex);
}

TEST(Dhcp6Decode, OptionlessMessageDecodesOnItsOwn) {
  auto m = dhcp6::decode(test::from_hex("0b123456"));
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_EQ(m->transaction_id, 0x123456u);
  EXPECT_TRUE(m->options.option_list.empty());
  EXPECT_EQ(m->options.options_len, 0u);
  EXPECT_EQ(encode_hex(*m), "0b123456");
}

TEST(Dhcp6Decode, HostileInputIsAnError) {
  struct bad {
    const char* hex;
    const char* field;
    std::size_t offset;
  } cases[] = {
      {"", "msg_type", 0},
      {"0b12", "transaction_id", 1},
      {"0c01" "00112233445566778899", "link_address", 2},
      {"0d01" "00000000000000000000000000000000" "0000", "peer_address", 18},
      {"0b123456" "0008000500ff", "option.length", 6},  // option-len beyond the message
      {"0b123456" "000800", "option", 4},               // option header cut short
      {"0b123456" "00080002ffff" "ffff", "option", 10},
      {"0b123456" "00080002ffff" "0001ffff0000", "option.length", 12},
  };
  for (const auto& c : cases) {
    auto m = dhcp6::decode(test::from_hex(c.hex), 100);
    ASSERT_FALSE(m.ok()) << c.hex;
    EXPECT_EQ(m.err().protocol, "dhcp6") << c.hex;
    EXPECT_EQ(m.err().field, c.field) << c.hex << ": " << m.err().to_string();
    EXPECT_EQ(m.err().offset, 100 + c.offset) << c.hex << ": " << m.err().to_string();
  }
}

// os-ken drops the top byte of a transaction id beyond 24 bits; wirekit refuses it.
TEST(Dhcp6Encode, RefusesWhatDoesNotFit) {
  dhcp6::message m;
  m.msg_type = dhcp6::msg_type::reply;
  m.transaction_id = 0x1abcdef;
  auto r = dhcp6::encode(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "transaction_id");

  m.transaction_id = 1;
  m.options.options_len = 70000;
  r = dhcp6::encode(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "options_len");

  // 2000 options each padded to option-len 65535 would be 131 MB: refused once past 64 KiB.
  m.options.options_len = 0;
  m.options.option_list.assign(2000, opt(1, {}, 65535));
  r = dhcp6::encode(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "options_len");
  // ... but with options_len given, what lies beyond it is dropped (os-ken truncates):
  // D(7, OS([O(1, b"", 65535)] * 3, options_len=8), transaction_id=1).serialize()
  m.options.options_len = 8;
  r = dhcp6::encode(m);
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(to_hex(*r), "07000001" "0001ffff" "00000000");

  m.options.options_len = 0;
  m.options.option_list = {opt(1, bytes(70000))};
  r = dhcp6::encode(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "option.data");
}

TEST(Dhcp6Json, Errors) {
  auto r = dhcp6::from_json(json::parse(R"({"dhcp6": {"options": {"options": {"option_list": []}}}})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "$.dhcp6.msg_type");
  r = dhcp6::from_json(json::parse(R"({"dhcp6": {"msg_type": 12, "link_address": "2001:db8::1"}})"));
  ASSERT_FALSE(r.ok());  // the text itself, not base64 of it
  EXPECT_EQ(r.err().field, "$.dhcp6.link_address");
  r = dhcp6::from_json(json::parse(R"({"dhcp6": {"msg_type": 12, "hop_count": 256}})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "$.dhcp6.hop_count");
  r = dhcp6::from_json(json::parse(R"({"dhcp6": {"msg_type": 1, "options": {"options": {"option_list":
      [{"option": {"code": 1, "data": "!!"}}]}}}})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "$.dhcp6.options.options.option_list[0].option.data");
  r = dhcp6::from_json(json::parse(R"({"dhcp": {"msg_type": 1}})"));
  ASSERT_FALSE(r.ok());
  // Absent keys take os-ken's defaults; "options_len" and "length" are computed.
  r = dhcp6::from_json(json::parse(R"({"dhcp6": {"msg_type": 11, "transaction_id": 4660, "options":
      {"options": {"option_list": [{"option": {"code": 8, "data": "AAA="}}]}}}})"));
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(encode_hex(*r), "0b001234" "000800020000");
}

TEST(Dhcp6Names, Table) {
  EXPECT_STREQ(dhcp6::message_type_name(12), "RELAY-FORW");
  EXPECT_STREQ(dhcp6::message_type_name(21), "DHCPV4-RESPONSE");
  EXPECT_EQ(dhcp6::message_type_name(0), nullptr);
  EXPECT_EQ(dhcp6::message_type_name(200), nullptr);
  ASSERT_NE(dhcp6::find_option_def(25), nullptr);
  EXPECT_STREQ(dhcp6::find_option_def(25)->name, "IA_PD");
  EXPECT_EQ(dhcp6::find_option_def(10), nullptr);
  auto t = dhcp6::option_table();
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.code < b.code; }));
}

// Any bytes that decode encode back to themselves, and survive JSON.
TEST(Dhcp6Decode, MutatedFixturesRoundTrip) {
  WIREKIT_REQUIRE_SHARED(shared);
  auto dir = shared / "fixtures" / "generated" / "dhcp6";
  std::mt19937 rng(5);
  std::size_t decoded = 0, failed = 0;
  dhcp6::message reused;
  for (const auto& name : test::case_names(dir)) {
    bytes orig = test::read_file(dir / (name + ".bin"));
    for (int k = 0; k < 200; ++k) {
      bytes b = orig;
      const int edits = 1 + int(rng() % 3);
      for (int e = 0; e < edits && !b.empty(); ++e) {
        switch (rng() % 3) {
          case 0: b[rng() % b.size()] = static_cast<std::byte>(rng()); break;
          case 1: b.resize(rng() % (b.size() + 1)); break;
          default: b.push_back(static_cast<std::byte>(rng())); break;
        }
      }
      auto m = dhcp6::decode(b, 7);
      status again = dhcp6::decode_into(reused, b, 7);
      ASSERT_EQ(m.ok(), again.ok());
      if (!m) {
        ++failed;
        EXPECT_EQ(m.err().protocol, "dhcp6");
        EXPECT_LE(m.err().offset, 7 + b.size());
        EXPECT_EQ(m.err().to_string(), again.err().to_string());
        continue;
      }
      ++decoded;
      EXPECT_EQ(reused, *m);
      auto out = dhcp6::encode(*m);
      ASSERT_TRUE(out.ok()) << out.err().to_string();
      ASSERT_EQ(to_hex(*out), to_hex(b));
      auto back = dhcp6::from_json(dhcp6::to_json(*m));
      ASSERT_TRUE(back.ok()) << back.err().to_string();
      ASSERT_EQ(*back, *m);
    }
  }
  EXPECT_GT(decoded, 100u);
  EXPECT_GT(failed, 100u);
}

// ---- frames ---------------------------------------------------------------------------------
// os-ken: e = ethernet('00:00:00:00:00:02', '00:00:00:00:00:01', 0x86dd);
// i = ipv6(src='fe80::1', dst='ff02::1:2', nxt=17, hop_limit=1); u = udp(SP, DP);
// Packet of e, i, u, PAYLOAD bytes; serialize; then Packet(data).protocols.
struct frame_case {
  const char* name;
  const char* hex;
  const char* json;
};

const frame_case kFrames[] = {
    {"547_547",
     "00000000000200000000000186dd6000000000121101fe800000000000000000000000000001ff0200000000000000000000000100020223"
     "02230012bd8b0b1234560008000200ff",
     R"([{"ethernet": {"dst": "00:00:00:00:00:02", "ethertype": 34525, "src": "00:00:00:00:00:01"}}, {"ipv6": {"dst":
      "ff02::1:2", "ext_hdrs": [], "flow_label": 0, "hop_limit": 1, "nxt": 17, "payload_length": 18, "src": "fe80::1",
      "traffic_class": 0, "version": 6}}, {"udp": {"csum": 48523, "dst_port": 547, "src_port": 547, "total_length":
      18}}, {"dhcp6": {"hop_count": 0, "link_address": "Ojo=", "msg_type": 11, "options": {"options": {"option_list":
      [{"option": {"code": 8, "data": "AP8=", "length": 2}}], "options_len": 6}}, "peer_address": "Ojo=",
      "transaction_id": 1193046}}])"},
    {"546_to_1000 (not dhcp6 for os-ken)",
     "00000000000200000000000186dd6000000000121101fe800000000000000000000000000001ff0200000000000000000000000100020222"
     "03e80012bbc70b1234560008000200ff",
     R"([{"ethernet": {"dst": "00:00:00:00:00:02", "ethertype": 34525, "src": "00:00:00:00:00:01"}}, {"ipv6": {"dst":
      "ff02::1:2", "ext_hdrs": [], "flow_label": 0, "hop_limit": 1, "nxt": 17, "payload_length": 18, "src": "fe80::1",
      "traffic_class": 0, "version": 6}}, {"udp": {"csum": 48071, "dst_port": 1000, "src_port": 546, "total_length":
      18}}, {"payload": "CxI0VgAIAAIA/w=="}])"},
    {"546_546 (not dhcp6 for os-ken)",
     "00000000000200000000000186dd6000000000121101fe800000000000000000000000000001ff0200000000000000000000000100020222"
     "02220012bd8d0b1234560008000200ff",
     R"([{"ethernet": {"dst": "00:00:00:00:00:02", "ethertype": 34525, "src": "00:00:00:00:00:01"}}, {"ipv6": {"dst":
      "ff02::1:2", "ext_hdrs": [], "flow_label": 0, "hop_limit": 1, "nxt": 17, "payload_length": 18, "src": "fe80::1",
      "traffic_class": 0, "version": 6}}, {"udp": {"csum": 48525, "dst_port": 546, "src_port": 546, "total_length":
      18}}, {"payload": "CxI0VgAIAAIA/w=="}])"},
};

TEST(Dhcp6Frames, DecodeWhereOsKenDoes) {
  for (const auto& c : kFrames) {
    bytes wire = test::from_hex(c.hex);
    auto pk = packet::parse(wire);
    ASSERT_TRUE(pk.ok()) << c.name << ": " << pk.err().to_string();
    EXPECT_EQ(test::json_diff(json::parse(c.json), pk->to_json()), "") << c.name;
    auto back = packet::from_json(json::parse(c.json));
    ASSERT_TRUE(back.ok()) << c.name << ": " << back.err().to_string();
    auto out = back->serialize();
    ASSERT_TRUE(out.ok()) << c.name << ": " << out.err().to_string();
    EXPECT_EQ(to_hex(*out), c.hex) << c.name;
  }
}

// A message without options stays a payload, as in os-ken. os-ken's payload has the msg-type
// byte replaced by 0 (dhcp6.parser returns its b'\x00' + buf[1:] copy: "ABI0Vg==" here);
// wirekit keeps the bytes of the frame.
TEST(Dhcp6Frames, OptionlessMessageStaysPayload) {
  bytes wire = test::from_hex(
      "00000000000200000000000186dd60000000000c1101fe800000000000000000000000000001ff020000000000000000000000010002"
      "02220223000cbea10b123456");
  auto pk = packet::parse(wire);
  ASSERT_TRUE(pk.ok()) << pk.err().to_string();
  json j = pk->to_json();
  ASSERT_EQ(j.size(), 4u) << j.dump();
  EXPECT_EQ(j[3], json::parse(R"({"payload": "CxI0Vg=="})"));
  EXPECT_EQ(dhcp6::find_message(*pk), nullptr);
  auto out = pk->serialize();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(to_hex(*out), to_hex(wire));
}

TEST(Dhcp6Frames, ErrorsNameFrameOffsets) {
  // The 547->547 frame with option-len 2 changed to 5: the message starts at byte 62.
  std::string hex = kFrames[0].hex;
  hex.replace(hex.size() - 8, 4, "0005");
  auto pk = packet::parse(test::from_hex(hex));
  ASSERT_FALSE(pk.ok());
  EXPECT_EQ(pk.err().protocol, "dhcp6");
  EXPECT_EQ(pk.err().field, "option.length");
  EXPECT_EQ(pk.err().offset, 62u + 6u);
}

TEST(Dhcp6Frames, BuildAndFind) {
  auto pk = packet::parse(test::from_hex(kFrames[0].hex));
  ASSERT_TRUE(pk.ok());
  dhcp6::message* m = dhcp6::find_message(*pk);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->msg_type, dhcp6::msg_type::information_request);
  EXPECT_EQ(pk->protocols.size(), 4u);
  EXPECT_EQ(header_name(pk->protocols[3]), "dhcp6");
  packet copy = *pk;  // app_ptr clones
  EXPECT_EQ(copy, *pk);
  dhcp6::find_message(copy)->transaction_id = 7;
  EXPECT_FALSE(copy == *pk);

  // Build [ethernet, ipv6, udp, dhcp6] by hand: udp length and checksum are computed.
  packet built;
  ethernet e;
  e.dst = *mac_addr::parse("00:00:00:00:00:02");
  e.src = *mac_addr::parse("00:00:00:00:00:01");
  e.ethertype = 0x86dd;
  ipv6 i;
  i.src = *ipv6_addr::parse("fe80::1");
  i.dst = *ipv6_addr::parse("ff02::1:2");
  i.nxt = 17;
  i.hop_limit = 1;
  udp u;
  u.src_port = 547;
  u.dst_port = 547;
  dhcp6::message msg;
  msg.msg_type = dhcp6::msg_type::information_request;
  msg.transaction_id = 0x123456;
  msg.options.option_list = {opt(8, to_bytes({0x00, 0xff}))};
  built.add_protocol(e).add_protocol(i).add_protocol(u).add_protocol(
      app_ptr(std::make_unique<dhcp6_message_app>(msg)));
  auto out = built.serialize();
  ASSERT_TRUE(out.ok()) << out.err().to_string();
  EXPECT_EQ(to_hex(*out), kFrames[0].hex);
}

}  // namespace
