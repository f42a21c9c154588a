// ANCP codec: checked against bytes from independent sources.
// - The adjacency SYN of ../shared/docs/peers.md, whose fields tshark's ANCP dissector lists
//   there (version 0x31, timer 250, sender 02:00:00:00:00:01, port 1, PFlag 1, instance 1, one
//   Dynamic-Topology-Discovery capability).
// - Messages written by PyANCP (GIC-de/PyANCP, the only open ANCP access-node client), captured
//   from its Client with a fake socket: `port_up([S1, S2])` (two Port Up messages in one write),
//   `port_down([S2])`, `_send_syn()`, `_send_rstack()`, with
//     S1 = Subscriber(aci="0.0.0.0 eth 1", up=1024, down=16000, aaci_bin=128, aaci_ascii="128")
//     S2 = Subscriber(aci="0.0.0.0 eth 2", up=2048, down=32000, aaci_bin=(128, 7), aaci_ascii="128",
//                     ari="remote-2", min_up=1, min_down=2, att_up=3, att_down=4, max_up=5,
//                     max_down=6, dsl_type=5, state=2)
//   Our decode must read the attributes PyANCP was given, and our builders must write the same
//   bytes PyANCP wrote.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

#include "support/tshark.hpp"
#include "wirekit/ancp/app.hpp"
#include "wirekit/ancp/subscriber.hpp"
#include "wirekit/packet/packet.hpp"

using namespace wirekit;
using json = nlohmann::json;

namespace {

bytes hex(std::string_view h) {
  bytes b;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) b.push_back(std::byte(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return b;
}

// ../shared/docs/peers.md, "ANCP example (hand-written pcap)", checked there with tshark.
constexpr std::string_view peers_syn =
    "880c0028310afa01020000000001000000000000000000010000000001000001000000000001000400010000";

// PyANCP output (see the file comment).
constexpr std::string_view pyancp_port_up_batch =
    "880c0078325010000000000180010078000000000000000000000000000000000000000000500500000400500001000d302e302e"
    "302e30206574682031000000000600040000008000030003313238000004002800910004000000000090000301030600008f00"
    "040000000100810004000004000082000400003e80"
    "880c00b83250100000000002800100b800000000000000000000000000000000000000000050050000050090000100"
    "0d302e302e302e302065746820320000000002000872656d6f74652d3200060008000000800000000700030003313238000004"
    "005800910004000000050090000301030600008f000400000002008100040000080000820004000"
    "07d00008300040000000100840004000000020085000400000003008600040000000400870004000000050088000400000006";
constexpr std::string_view pyancp_port_down =
    "880c00b83251100000000003800100b800000000000000000000000000000000000000000051050000050090000100"
    "0d302e302e302e302065746820320000000002000872656d6f74652d3200060008000000800000000700030003313238000004"
    "005800910004000000050090000301030600008f000400000002008100040000080000820004000"
    "07d00008300040000000100840004000000020085000400000003008600040000000400870004000000050088000400000006";
constexpr std::string_view pyancp_syn =
    "880c0028320afa01010203040506000000000000000000000000000001000001000000000001000400010000";
constexpr std::string_view pyancp_rstack =
    "880c0028320afa04010203040506000000000000000000000000000001000001000000000001000400010000";

ancp::subscriber s1() {
  ancp::subscriber s;
  s.aci = "0.0.0.0 eth 1";
  s.up = 1024;
  s.down = 16000;
  s.aaci_bin = std::vector<std::uint32_t>{128};
  s.aaci_ascii = "128";
  return s;
}

ancp::subscriber s2() {
  ancp::subscriber s;
  s.aci = "0.0.0.0 eth 2";
  s.up = 2048;
  s.down = 32000;
  s.aaci_bin = std::vector<std::uint32_t>{128, 7};
  s.aaci_ascii = "128";
  s.ari = "remote-2";
  s.min_up = 1;
  s.min_down = 2;
  s.att_up = 3;
  s.att_down = 4;
  s.max_up = 5;
  s.max_down = 6;
  s.dsl_type = 5;
  s.state = 2;
  return s;
}

// PyANCP's adjacency fields: sender name 01:02:03:04:05:06, sender instance 16777217 (PFlag 1,
// instance 1), capability TOPO, timer 25 s.
ancp::message pyancp_adjacency(std::uint8_t code) {
  ancp::message m;
  m.message_type = ancp::msg::adjacency;
  m.adjacency.timer = 250;
  m.adjacency.code = code;
  m.adjacency.sender_name = *mac_addr::parse("01:02:03:04:05:06");
  m.adjacency.partition_flag = 1;
  m.adjacency.sender_instance = 1;
  m.adjacency.capabilities.push_back(ancp::make_tlv(ancp::capability::dsl_topology_discovery, {}));
  return m;
}

void expect_round_trip(const bytes& wire) {
  auto ms = ancp::decode_stream(wire);
  ASSERT_TRUE(ms) << ms.err().to_string();
  bytes again;
  for (const auto& m : *ms) {
    ASSERT_TRUE(ancp::encode(m, again));
    // ... and through JSON.
    auto back = ancp::from_json(ancp::to_json(m));
    ASSERT_TRUE(back) << back.err().to_string() << "\n" << ancp::to_json(m).dump();
    EXPECT_EQ(*back, m) << ancp::to_json(m).dump();
  }
  EXPECT_EQ(to_hex(again), to_hex(wire));
}

TEST(AncpCodec, PeersMdSynMatchesTsharksReading) {
  const bytes wire = hex(peers_syn);
  auto m = ancp::decode(wire);
  ASSERT_TRUE(m) << m.err().to_string();
  EXPECT_EQ(m->version, 0x31);
  EXPECT_EQ(m->message_type, 10);
  const auto& a = m->adjacency;
  EXPECT_EQ(a.timer, 250);
  EXPECT_EQ(a.code, 1);
  EXPECT_FALSE(a.m_flag);
  EXPECT_EQ(a.sender_name.to_string(), "02:00:00:00:00:01");
  EXPECT_EQ(a.receiver_name.to_string(), "00:00:00:00:00:00");
  EXPECT_EQ(a.sender_port, 1u);
  EXPECT_EQ(a.receiver_port, 0u);
  EXPECT_EQ((a.partition_type << 4) | a.partition_flag, 0x01);
  EXPECT_EQ(a.sender_instance, 1u);
  EXPECT_EQ(a.partition_id, 0);
  EXPECT_EQ(a.receiver_instance, 0u);
  ASSERT_EQ(a.capabilities.size(), 1u);
  EXPECT_EQ(a.capabilities[0].type, 1);
  EXPECT_TRUE(a.capabilities[0].value.empty());
  const json j = ancp::to_json(*m);
  EXPECT_EQ(j["ancp"]["length"], 40);
  EXPECT_EQ(j["ancp"]["num_tlvs"], 1);
  EXPECT_EQ(j["ancp"]["total_length"], 4);
  EXPECT_EQ(j["ancp"]["capabilities"][0]["name"], "DSL Topology Discovery");
  expect_round_trip(wire);
}

TEST(AncpCodec, ReadsPyancpPortUpBatch) {
  auto ms = ancp::decode_stream(hex(pyancp_port_up_batch));
  ASSERT_TRUE(ms) << ms.err().to_string();
  ASSERT_EQ(ms->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& m = (*ms)[i];
    EXPECT_EQ(m.version, ancp::version_rfc6320);
    EXPECT_EQ(m.message_type, ancp::msg::port_up);
    EXPECT_EQ(m.header.result, ancp::result_field::nack);
    EXPECT_EQ(m.header.transaction_id, i + 1);
    EXPECT_TRUE(m.header.i_flag);
    EXPECT_EQ(m.header.submessage_number, 1);
    EXPECT_FALSE(m.header.length);  // consistent with the encapsulation length
    EXPECT_EQ(m.port.tech_type, ancp::tech_type::dsl);
    EXPECT_FALSE(m.port.num_tlvs);
    EXPECT_FALSE(m.port.block_length);
    EXPECT_TRUE(m.trailing.empty());
  }
  EXPECT_EQ(ancp::subscriber_from_tlvs((*ms)[0].tlvs), s1());
  EXPECT_EQ(ancp::subscriber_from_tlvs((*ms)[1].tlvs), s2());
  expect_round_trip(hex(pyancp_port_up_batch));
}

// PyANCP sends its event messages with result Nack and a transaction counter (RFC 6320 §6.3
// says 0 and 0): set those, and the rest must be byte for byte what PyANCP wrote.
ancp::message pyancp_event(std::uint8_t type, const ancp::subscriber& s, std::uint32_t transaction) {
  ancp::message m = ancp::port_event(type, s, ancp::tech_type::dsl, transaction);
  EXPECT_EQ(m.header.result, ancp::result_field::ignore);
  m.header.result = ancp::result_field::nack;
  return m;
}

TEST(AncpCodec, WritesWhatPyancpWrites) {
  bytes out;
  ASSERT_TRUE(ancp::encode(pyancp_event(ancp::msg::port_up, s1(), 1), out));
  ASSERT_TRUE(ancp::encode(pyancp_event(ancp::msg::port_up, s2(), 2), out));
  EXPECT_EQ(to_hex(out), to_hex(hex(pyancp_port_up_batch)));
  auto down = ancp::encode(pyancp_event(ancp::msg::port_down, s2(), 3));
  ASSERT_TRUE(down);
  EXPECT_EQ(to_hex(*down), to_hex(hex(pyancp_port_down)));
  auto syn = ancp::encode(pyancp_adjacency(ancp::adj_code::syn));
  ASSERT_TRUE(syn);
  EXPECT_EQ(to_hex(*syn), to_hex(hex(pyancp_syn)));
  auto rst = ancp::encode(pyancp_adjacency(ancp::adj_code::rstack));
  ASSERT_TRUE(rst);
  EXPECT_EQ(to_hex(*rst), to_hex(hex(pyancp_rstack)));
}

TEST(AncpCodec, TypedTlvJsonOfAPyancpPortDown) {
  auto m = ancp::decode(hex(pyancp_port_down));
  ASSERT_TRUE(m) << m.err().to_string();
  const json j = ancp::to_json(*m)["ancp"];
  EXPECT_EQ(j["message_type"], 81);
  EXPECT_EQ(j["transaction_id"], 3);
  EXPECT_EQ(j["num_tlvs"], 5);
  const json& t = j["tlvs"];
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0], json({{"type", 1}, {"name", "Access-Loop-Circuit-ID"}, {"value", "0.0.0.0 eth 2"}}));
  EXPECT_EQ(t[1], json({{"type", 2}, {"name", "Access-Loop-Remote-ID"}, {"value", "remote-2"}}));
  EXPECT_EQ(t[2], json({{"type", 6}, {"name", "Access-Aggregation-Circuit-ID-Binary"}, {"value", {128, 7}}}));
  EXPECT_EQ(t[3], json({{"type", 3}, {"name", "Access-Aggregation-Circuit-ID-ASCII"}, {"value", "128"}}));
  EXPECT_EQ(t[4]["name"], "DSL-Line-Attributes");
  const json& line = t[4]["tlvs"];
  ASSERT_EQ(line.size(), 11u);
  EXPECT_EQ(line[0], json({{"type", 0x91}, {"name", "DSL-Type"}, {"value", 5}}));
  EXPECT_EQ(line[1], json({{"type", 0x90},
                           {"name", "Access-Loop-Encapsulation"},
                           {"value", {{"data_link", 1}, {"encap1", 3}, {"encap2", 6}}}}));
  EXPECT_EQ(line[2], json({{"type", 0x8f}, {"name", "DSL-Line-State"}, {"value", 2}}));
  EXPECT_EQ(line[3], json({{"type", 0x81}, {"name", "Actual-Net-Data-Rate-Upstream"}, {"value", 2048}}));
  EXPECT_EQ(line[10], json({{"type", 0x88}, {"name", "Maximum-Net-Data-Rate-Downstream"}, {"value", 6}}));
  // The JSON form without counts and lengths encodes to the same bytes (they are computed).
  json bare = ancp::to_json(*m);
  for (const char* k : {"length", "message_length", "num_tlvs", "block_length", "extension_message_type"})
    bare["ancp"].erase(k);
  auto back = ancp::from_json(bare);
  ASSERT_TRUE(back) << back.err().to_string();
  auto wire = ancp::encode(*back);
  ASSERT_TRUE(wire);
  EXPECT_EQ(to_hex(*wire), to_hex(hex(pyancp_port_down)));
}

TEST(AncpCodec, SubscriberAttributesAreRemovable) {
  ancp::subscriber s = s1();
  s.state.reset();
  s.dsl_type.reset();
  s.data_link.reset();
  s.encap1.reset();
  s.encap2.reset();
  s.up.reset();
  s.down.reset();
  auto tl = ancp::to_tlvs(s);
  ASSERT_EQ(tl.size(), 3u);  // ACI, AACI-Binary, AACI-ASCII: no DSL-Line-Attributes left
  EXPECT_EQ(ancp::subscriber_from_tlvs(tl), s);
  s.down = 5;
  tl = ancp::to_tlvs(s);
  ASSERT_EQ(tl.size(), 4u);
  EXPECT_EQ(tl[3].type, ancp::tlv_type::dsl_line_attributes);
  EXPECT_EQ(ancp::subscriber_from_tlvs(tl), s);
}

TEST(AncpCodec, UnknownThingsRoundTripRaw) {
  // A Port Up with an unknown TLV (0x7777, 5 bytes, non-zero padding), trailing bytes after the
  // extension block, counts that disagree with the content; an unknown message type; a Generic
  // Response with a Status-Info TLV.
  ancp::message up = ancp::port_event(ancp::msg::port_up, s1(), ancp::tech_type::dsl, 9);
  ancp::tlv odd = ancp::make_tlv(0x7777, hex("0102030405"));
  odd.pad = hex("aabbcc");
  up.tlvs.push_back(odd);
  up.trailing = hex("deadbeef");
  up.port.num_tlvs = 77;
  up.port.block_length = 20;  // only the first TLV (Access-Loop-Circuit-ID, 4 + 13 + 3 bytes)
  up.header.length = 3;
  ancp::message raw;
  raw.message_type = 200;
  raw.header.transaction_id = 5;
  raw.body = hex("00112233445566");
  bytes wire;
  ASSERT_TRUE(ancp::encode(up, wire));
  ASSERT_TRUE(ancp::encode(raw, wire));
  // The block length leaves the other TLVs as trailing bytes on decode; the bytes stay.
  expect_round_trip(wire);
  auto ms = ancp::decode_stream(wire);
  ASSERT_TRUE(ms);
  EXPECT_EQ((*ms)[0].port.num_tlvs, 77);
  EXPECT_EQ((*ms)[0].header.length, 3);
  EXPECT_EQ(to_hex((*ms)[1].body), "00112233445566");

  // Unknown TLV with clean padding inside a well-formed message.
  ancp::message up2 = ancp::port_event(ancp::msg::port_up, s1(), ancp::tech_type::dsl, 10);
  up2.tlvs.push_back(ancp::make_tlv(0x7777, hex("0102030405")));
  auto w2 = ancp::encode(up2);
  ASSERT_TRUE(w2);
  auto d2 = ancp::decode(*w2);
  ASSERT_TRUE(d2);
  EXPECT_EQ(*d2, up2);
  const json j = ancp::to_json(*d2)["ancp"]["tlvs"].back();
  EXPECT_EQ(j, json({{"type", 0x7777}, {"data", "AQIDBAU="}}));
  EXPECT_EQ(ancp::subscriber_from_tlvs(d2->tlvs).other.size(), 1u);
}

TEST(AncpCodec, HostileInputGivesErrorsWithOffsets) {
  const bytes good = hex(pyancp_port_down);
  // Every truncation is an error naming ancp and an offset inside the input.
  for (std::size_t n = 0; n < good.size(); ++n) {
    auto m = ancp::decode(bytes_view(good).first(n), 100);
    ASSERT_FALSE(m) << n;
    EXPECT_EQ(m.err().protocol, "ancp");
    EXPECT_GE(m.err().offset, 100u);
    EXPECT_LE(m.err().offset, 100u + good.size());
  }
  // A TLV length beyond its block.
  bytes bad = good;
  bad[4 + 12 + 28 + 2] = std::byte{0x7f};  // the first TLV's length high byte
  auto m = ancp::decode(bad);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "tlv.length");
  EXPECT_EQ(m.err().offset, 4u + 12 + 28 + 2);
  // A wrong identifier.
  bad = good;
  bad[0] = std::byte{0x12};
  m = ancp::decode(bad);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "identifier");
  // Bytes after the message.
  bad = good;
  bad.push_back(std::byte{0});
  EXPECT_FALSE(ancp::decode(bad));
  // Every single-byte corruption decodes or fails cleanly, and what decodes re-encodes to the
  // same bytes.
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int v : {0x00, 0xff, 0x03}) {
      bytes c = good;
      c[i] = std::byte(v);
      auto d = ancp::decode(c);
      if (!d) continue;
      auto e = ancp::encode(*d);
      ASSERT_TRUE(e) << i;
      EXPECT_EQ(to_hex(*e), to_hex(c)) << i << " " << v;
    }
  }
}

TEST(AncpCodec, EncodeChecksFieldWidths) {
  ancp::message m = pyancp_adjacency(1);
  m.adjacency.sender_instance = 1u << 24;
  auto e = ancp::encode(m);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.err().field, "adjacency.sender_instance");
  ancp::message g = ancp::port_event(ancp::msg::port_up, s1(), 5, 1);
  g.header.result_code = 0x1000;
  e = ancp::encode(g);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.err().field, "result_code");
  g.header.result_code = 0;
  g.tlvs.push_back(ancp::make_tlv(0x7777, bytes(70000)));
  EXPECT_FALSE(ancp::encode(g));
}

TEST(AncpCodec, JsonErrorsNameThePath) {
  auto m = ancp::from_json(json::parse(R"({"ancp": {"message_type": 80, "tlvs": [{"type": 1, "value": 7}]}})"));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "$.ancp.tlvs[0].value");
  m = ancp::from_json(json::parse(R"({"ancp": {"message_type": 80, "tlvs": [{"type": 4660}]}})"));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "$.ancp.tlvs[0].data");
  m = ancp::from_json(json::parse(R"({"ancp": {"version": 50}})"));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "$.ancp.message_type");
  // A bad prefix deep in a List-Action (json_fuzz found the error path reading a dead path
  // object here; under ASan this was a stack-use-after-scope).
  m = ancp::from_json(json::parse(R"({"ancp": {"message_type": 144, "tlvs": [{"type": 33, "value":
      {"operation": 1, "list_type": 1, "lists": [{"address_family": 1, "flows":
      [{"group": "232.1.2.3/32"}, {"group": "232.124.01/.", "source": "0.0.0.0/0"}]}]}}]}})"));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.err().field, "$.ancp.tlvs[0].value.lists[0].flows[1].group");
}

TEST(AncpCodec, FramesOnTcp6068DecodeAsAncp) {
  // An Ethernet/IPv4/TCP frame towards port 6068 carrying PyANCP's two Port Up messages and the
  // first 10 bytes of a third: two ancp elements, then the cut bytes as payload.
  bytes payload = hex(pyancp_port_up_batch);
  const bytes cut = hex(pyancp_syn);
  payload.insert(payload.end(), cut.begin(), cut.begin() + 10);
  const bytes frame = test::tcp_frame(payload, 40000, ancp::tcp_port, 1, 1);
  auto back = packet::parse(frame);
  ASSERT_TRUE(back) << back.err().to_string();
  const ancp::message* m0 = ancp::find_message(*back, 0);
  const ancp::message* m1 = ancp::find_message(*back, 1);
  ASSERT_TRUE(m0 && m1);
  EXPECT_EQ(ancp::subscriber_from_tlvs(m1->tlvs), s2());
  EXPECT_EQ(ancp::find_message(*back, 2), nullptr);
  auto again = back->serialize();
  ASSERT_TRUE(again);
  EXPECT_EQ(to_hex(*again), to_hex(frame));
}

}  // namespace

// The seed corpus tests/fuzz/corpus/ancp/ is laid out by tests/fuzz/make_ancp_seeds.py with
// Python's struct from the RFC 6320 / RFC 7256 figures (not with wirekit). Every seed decodes,
// every TLV of a known type gets its typed JSON form (no raw "data" fallback), and bytes and
// JSON round-trip; the values are the ones the script wrote.
namespace {

json find_tlv(const json& list, int type) {
  for (const auto& t : list)
    if (t["type"] == type) return t;
  return json();
}

bool has_raw_data(const json& j) {
  if (j.is_object()) {
    if (j.contains("data") && j.contains("type") && !j.contains("name")) return false;  // unknown types are raw by design
    if (j.contains("data") && j.contains("name") && j.contains("type") && j.size() <= 3 && j["data"] != "") return true;
    for (const auto& [k, v] : j.items())
      if (has_raw_data(v)) return true;
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (has_raw_data(v)) return true;
  }
  return false;
}

}  // namespace

TEST(AncpCodec, RfcLayoutSeedsDecodeTyped) {
  const auto dir = std::filesystem::path(WIREKIT_SOURCE_DIR) / "tests/fuzz/corpus/ancp";
  std::map<std::string, std::vector<json>> decoded;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const bytes wire = test::read_file(e.path());
    SCOPED_TRACE(e.path().filename().string());
    auto ms = ancp::decode_stream(wire);
    ASSERT_TRUE(ms) << ms.err().to_string();
    expect_round_trip(wire);
    for (const auto& m : *ms) {
      const json j = ancp::to_json(m);
      EXPECT_FALSE(has_raw_data(j)) << j.dump();
      decoded[e.path().filename().string()].push_back(j["ancp"]);
    }
  }
  ASSERT_GE(decoded.size(), 20u);
  const json adm = decoded.at("mc-admission").at(0);
  EXPECT_EQ(adm["message_type"], 145);
  EXPECT_EQ(find_tlv(adm["tlvs"], 0x1000)["tlvs"][0]["value"], "dslam1 atm 1/1/01:0.35");
  const json cmd = find_tlv(adm["tlvs"], 0x11)["value"];
  EXPECT_EQ(cmd["command_code"], 1);
  const json flow = find_tlv(cmd["tlvs"], 0x19)["value"];
  EXPECT_EQ(flow, json({{"flow_type", 2}, {"address_family", 1}, {"group", "232.1.1.1"}, {"sources", {"10.1.1.1"}}}));
  EXPECT_EQ(find_tlv(cmd["tlvs"], 0x92)["value"], "192.0.2.7");
  EXPECT_EQ(find_tlv(cmd["tlvs"], 0x93)["value"], "02:00:00:00:00:09");
  const json prov = decoded.at("provisioning").at(0);
  const json profile = find_tlv(prov["tlvs"], 0x13)["tlvs"];
  EXPECT_EQ(find_tlv(profile, 0x18)["value"], "profile-1");
  const json la = find_tlv(profile, 0x21)["value"];
  EXPECT_EQ(la["operation"], 1);
  EXPECT_EQ(la["lists"][0]["flows"],
            json::parse(R"([{"group": "232.1.1.0/24", "source": "0.0.0.0/0"}, {"group": "232.1.2.3/32", "source": "10.0.0.0/24"}])"));
  EXPECT_EQ(la["lists"][1]["flows"], json::parse(R"([{"group": "ff3e::/16", "source": "::/0"}])"));
  EXPECT_EQ(find_tlv(prov["tlvs"], 0x94)["value"], 500);
  EXPECT_EQ(find_tlv(decoded.at("bw-realloc").at(0)["tlvs"], 0x16)["value"], json({{"required", 2000}, {"preferred", 1500}}));
  EXPECT_EQ(find_tlv(decoded.at("committed-bw").at(0)["tlvs"], 0x95)["value"]["bandwidth"], 4000);
  const json oam = decoded.at("port-mgmt-oam").at(0);
  EXPECT_EQ(oam["function"], 9);
  EXPECT_EQ(find_tlv(oam["tlvs"], 7)["value"], json({{"count", 5}, {"timeout", 10}}));
  EXPECT_EQ(find_tlv(oam["tlvs"], 8)["value"], json({1, 2}));
  const json pon = decoded.at("port-up-pon").at(0);
  EXPECT_EQ(pon["tech_type"], 1);
  EXPECT_EQ(find_tlv(find_tlv(pon["tlvs"], 0x12)["tlvs"], 0x97)["value"], 4);
  const json gr = decoded.at("generic-response").at(0);
  EXPECT_EQ(gr["result_code"], 0x500);
  EXPECT_EQ(find_tlv(gr["tlvs"], 0x106)["value"]["error_message"], "en:no such port");
  EXPECT_EQ(decoded.at("stream").size(), 2u);
  EXPECT_EQ(decoded.at("unknown-type").at(0)["body"], "AQID");
}

// Hostile nesting: 4000 Target TLVs inside each other (4 bytes a level, built by hand) in a
// Generic Response. The typed JSON stops at max_tlv_nesting levels and shows the rest raw;
// bytes and JSON still round-trip, and the recursion stays shallow.
TEST(AncpCodec, DeepTlvNestingIsBounded) {
  bytes value;
  for (int i = 0; i < 4000; ++i) {
    bytes outer = hex("1000");
    outer.push_back(std::byte(value.size() >> 8));
    outer.push_back(std::byte(value.size()));
    outer.insert(outer.end(), value.begin(), value.end());
    value = std::move(outer);
  }
  // Encapsulation (lengths patched below), version 50, type 91, result/code 0, transaction 1,
  // I flag + submessage 1, length.
  bytes wire = hex("880c0000325b00000000000180010000");
  wire.insert(wire.end(), value.begin(), value.end());
  wire[2] = std::byte((wire.size() - 4) >> 8);
  wire[3] = std::byte(wire.size() - 4);
  wire[14] = wire[2];
  wire[15] = wire[3];
  auto m = ancp::decode(wire);
  ASSERT_TRUE(m) << m.err().to_string();
  const json j = ancp::to_json(*m);
  const json* at = &j["ancp"]["tlvs"][0];
  unsigned levels = 0;
  while (at->contains("tlvs")) {
    ++levels;
    at = &(*at)["tlvs"][0];
  }
  EXPECT_EQ(levels, ancp::max_tlv_nesting);
  EXPECT_TRUE(at->contains("data"));
  expect_round_trip(wire);
}
