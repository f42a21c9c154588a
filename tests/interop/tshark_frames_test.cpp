// Cross-check against Wireshark's dissectors: frames built with wirekit (packet +
// add_protocol + serialize, with lengths and checksums left at 0 so that wirekit computes
// them) are written to a pcap with pcap::writer and dissected by
//   tshark -r F -T json --no-duplicate-keys -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE
//          -o tcp.check_checksum:TRUE
// Every field tshark shows (addresses, ports, lengths, VLAN/MPLS fields, TCP flags and
// numbers, ICMP type/code/id/seq) is compared with wirekit's own decode of the same bytes,
// and every checksum must have tshark's status "Good" (checksum.status "1" in tshark 4.x
// JSON; "2" is "Unverified", "0" is "Bad").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

mac_addr mac(const char* s) { return *mac_addr::parse(s); }
ipv4_addr v4(const char* s) { return *ipv4_addr::parse(s); }
ipv6_addr v6(const char* s) { return *ipv6_addr::parse(s); }

bytes pattern(std::size_t n, unsigned seed) {
  bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::byte>((seed + i * 7) & 0xff);
  return b;
}

// ICMP/ICMPv6 echo bodies are being reworked into typed bodies; build the header from
// os-ken's JSON form so that this test does not depend on C++ member names. os-ken's form
// for an echo is {"data": {"echo": {...}}}; a raw-bytes body (base64) is the form for types
// without a typed body and is tried if the typed form is not (yet) accepted.
std::string g_icmp_note;
result<header> icmp_header(const char* cls, unsigned type, std::uint16_t id, std::uint16_t seq, const bytes& data) {
  json typed = {{cls, {{"type", type}, {"code", 0}, {"csum", 0},
                       {"data", {{"echo", {{"id", id}, {"seq", seq}, {"data", base64_encode(data)}}}}}}}};
  auto pk = packet::from_json(json::array({typed}));
  if (pk && pk->size() == 1) return pk->protocols[0];
  std::string why = pk ? "wrong header count" : pk.err().to_string();
  bytes raw = to_bytes({unsigned(id >> 8), unsigned(id & 0xff), unsigned(seq >> 8), unsigned(seq & 0xff)});
  raw.insert(raw.end(), data.begin(), data.end());
  json plain = {{cls, {{"type", type}, {"code", 0}, {"csum", 0}, {"data", base64_encode(raw)}}}};
  auto p2 = packet::from_json(json::array({plain}));
  if (!p2) return p2.take_error();
  g_icmp_note += std::string(cls) + ": typed echo body not accepted (" + why + "); built from raw bytes. ";
  return p2->protocols[0];
}

struct built {
  std::string name;
  packet pk;
  std::string error;  // building or serializing failed
  bytes wire;
  json ours;          // wirekit's decode of `wire`
  json layers;        // tshark's "layers" object
};

result<packet> build(const std::string& name) {
  packet p;
  ethernet eth;
  eth.dst = mac("00:1b:21:3a:4f:5e");
  eth.src = mac("52:54:00:12:34:56");
  if (name == "eth_ipv4_udp") {
    eth.ethertype = ether_type::ipv4;
    ipv4 ip;
    ip.src = v4("192.0.2.10");
    ip.dst = v4("198.51.100.20");
    ip.proto = ip_proto::udp;
    ip.ttl = 64;
    ip.tos = 0xb8;
    ip.identification = 0xbeef;
    ip.flags = 2;  // DF
    udp u;
    u.src_port = 49200;
    u.dst_port = 49201;
    p.add_protocol(eth).add_protocol(ip).add_protocol(u).add_protocol(payload{pattern(32, 1)});
  } else if (name == "vlan_ipv4_tcp") {
    eth.ethertype = ether_type::vlan;
    vlan v;
    v.pcp = 6;
    v.cfi = 0;
    v.vid = 123;
    v.ethertype = ether_type::ipv4;
    ipv4 ip;
    ip.src = v4("10.20.30.40");
    ip.dst = v4("10.20.30.41");
    ip.proto = ip_proto::tcp;
    ip.ttl = 128;
    ip.identification = 4321;
    tcp t;
    t.src_port = 49300;
    t.dst_port = 49301;
    t.seq = 0x01020304;
    t.ack = 0xa0b0c0d0;
    t.bits = 0x038;  // URG | ACK | PSH
    t.window_size = 29200;
    t.urgent = 5;
    p.add_protocol(eth).add_protocol(v).add_protocol(ip).add_protocol(t).add_protocol(payload{pattern(20, 2)});
  } else if (name == "vlan_ipv4_tcp_syn") {
    eth.ethertype = ether_type::vlan;
    vlan v;
    v.pcp = 1;
    v.cfi = 1;
    v.vid = 4094;
    v.ethertype = ether_type::ipv4;
    ipv4 ip;
    ip.src = v4("172.31.255.254");
    ip.dst = v4("8.8.8.8");
    ip.proto = ip_proto::tcp;
    tcp t;
    t.src_port = 49302;
    t.dst_port = 49303;
    t.seq = 0xfffffff0;
    t.ack = 0;
    t.bits = 0x0c2;  // CWR | ECE | SYN (kept on the wire: RFC wins over os-ken)
    t.window_size = 65535;
    p.add_protocol(eth).add_protocol(v).add_protocol(ip).add_protocol(t);
  } else if (name == "qinq_ipv6_udp") {
    eth.ethertype = ether_type::svlan;
    svlan s;
    s.pcp = 5;
    s.cfi = 0;
    s.vid = 100;
    s.ethertype = ether_type::vlan;
    vlan v;
    v.pcp = 2;
    v.cfi = 0;
    v.vid = 200;
    v.ethertype = ether_type::ipv6;
    ipv6 ip;
    ip.src = v6("2001:db8:1::10");
    ip.dst = v6("2001:db8:2::20");
    ip.nxt = ip_proto::udp;
    ip.hop_limit = 64;
    ip.flow_label = 0x12345;
    ip.traffic_class = 0x20;
    udp u;
    u.src_port = 49400;
    u.dst_port = 49401;
    p.add_protocol(eth).add_protocol(s).add_protocol(v).add_protocol(ip).add_protocol(u).add_protocol(
        payload{pattern(40, 3)});
  } else if (name == "mpls2_ipv4_icmp") {
    eth.ethertype = ether_type::mpls;
    mpls m1;
    m1.label = 100;
    m1.exp = 1;
    m1.bsb = 0;
    m1.ttl = 64;
    mpls m2;
    m2.label = 1000000;
    m2.exp = 5;
    m2.bsb = 1;
    m2.ttl = 63;
    ipv4 ip;
    ip.src = v4("203.0.113.1");
    ip.dst = v4("203.0.113.2");
    ip.proto = ip_proto::icmp;
    auto ic = icmp_header("icmp", 8, 0x4242, 7, pattern(24, 4));
    if (!ic) return ic.take_error();
    p.add_protocol(eth).add_protocol(m1).add_protocol(m2).add_protocol(ip);
    p.protocols.push_back(std::move(*ic));
  } else if (name == "ipv4_options_udp") {
    eth.ethertype = ether_type::ipv4;
    ipv4 ip;
    ip.header_length = 6;
    ip.option = to_bytes({0x94, 0x04, 0x00, 0x00});  // Router Alert (RFC 2113)
    ip.src = v4("192.168.7.1");
    ip.dst = v4("224.0.0.22");
    ip.proto = ip_proto::udp;
    ip.ttl = 1;
    udp u;
    u.src_port = 49500;
    u.dst_port = 49501;
    p.add_protocol(eth).add_protocol(ip).add_protocol(u).add_protocol(payload{pattern(30, 5)});
  } else if (name == "ipv4_options_rr_udp") {
    eth.ethertype = ether_type::ipv4;
    ipv4 ip;
    ip.header_length = 8;
    // NOP, Record Route (len 11, pointer 4, two slots) : 12 bytes
    ip.option = to_bytes({0x01, 0x07, 0x0b, 0x04, 0, 0, 0, 0, 0, 0, 0, 0});
    ip.src = v4("192.168.7.1");
    ip.dst = v4("192.168.9.9");
    ip.proto = ip_proto::udp;
    udp u;
    u.src_port = 49502;
    u.dst_port = 49503;
    p.add_protocol(eth).add_protocol(ip).add_protocol(u).add_protocol(payload{pattern(30, 6)});
  } else if (name == "arp_reply") {
    eth.ethertype = ether_type::arp;
    arp a;
    a.opcode = 2;
    a.src_mac = mac("52:54:00:12:34:56");
    a.src_ip = v4("192.0.2.1");
    a.dst_mac = mac("00:1b:21:3a:4f:5e");
    a.dst_ip = v4("192.0.2.2");
    p.add_protocol(eth).add_protocol(a);
  } else if (name == "ipv6_icmpv6_echo") {
    eth.ethertype = ether_type::ipv6;
    ipv6 ip;
    ip.src = v6("fe80::5054:ff:fe12:3456");
    ip.dst = v6("2001:db8::1");
    ip.nxt = ip_proto::icmpv6;
    ip.hop_limit = 255;
    auto ic = icmp_header("icmpv6", 128, 0x1234, 0x0102, pattern(16, 7));
    if (!ic) return ic.take_error();
    p.add_protocol(eth).add_protocol(ip);
    p.protocols.push_back(std::move(*ic));
  }
  return p;
}

const std::vector<std::string> kNames = {"eth_ipv4_udp",      "vlan_ipv4_tcp",    "vlan_ipv4_tcp_syn",
                                         "qinq_ipv6_udp",     "mpls2_ipv4_icmp",  "ipv4_options_udp",
                                         "ipv4_options_rr_udp", "arp_reply",      "ipv6_icmpv6_echo"};

struct run_state {
  bool have_tshark = false;
  std::string fatal;
  std::vector<built> frames;
};

const run_state& state() {
  static const run_state s = [] {
    run_state st;
    st.have_tshark = test::have_program("tshark");
    if (!st.have_tshark) return st;
    fs::path dir = fs::temp_directory_path() / ("wirekit-tshark-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / "frames.pcap";
    auto w = pcap::writer::create(file.string());
    if (!w) {
      st.fatal = w.err().to_string();
      return st;
    }
    std::vector<std::size_t> in_pcap;
    for (const auto& n : kNames) {
      built b;
      b.name = n;
      auto pk = build(n);
      if (!pk) {
        b.error = "build: " + pk.err().to_string();
      } else {
        b.pk = std::move(*pk);
        auto out = b.pk.serialize();
        if (!out) {
          b.error = "serialize: " + out.err().to_string();
        } else {
          b.wire = std::move(*out);
          auto back = packet::parse(b.wire);
          if (!back)
            b.error = "wirekit decode: " + back.err().to_string();
          else
            b.ours = back->to_json();
          (void)w->write(b.wire, 1700000000 + std::int64_t(st.frames.size()), 0);
          in_pcap.push_back(st.frames.size());
        }
      }
      st.frames.push_back(std::move(b));
    }
    (void)w->close();
    std::string out;
    int rc = test::run_command("tshark -r '" + file.string() +
                                   "' -T json --no-duplicate-keys -o ip.check_checksum:TRUE "
                                   "-o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE 2>/dev/null",
                               out);
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (rc != 0) {
      st.fatal = "tshark exited with status " + std::to_string(rc);
      return st;
    }
    json all = json::parse(out, nullptr, false);
    if (all.is_discarded() || !all.is_array() || all.size() != in_pcap.size()) {
      st.fatal = "unexpected tshark output: " + out.substr(0, 200);
      return st;
    }
    for (std::size_t i = 0; i < in_pcap.size(); ++i) st.frames[in_pcap[i]].layers = all[i]["_source"]["layers"];
    return st;
  }();
  return s;
}

// The first value of `key` anywhere inside j (tshark nests some fields in *_tree objects).
const json* find(const json& j, const std::string& key) {
  if (j.is_object()) {
    if (auto it = j.find(key); it != j.end()) return &*it;
    for (const auto& [k, v] : j.items())
      if (const json* r = find(v, key)) return r;
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (const json* r = find(v, key)) return r;
  }
  return nullptr;
}

// tshark's text for a field ("" if absent).
std::string ts(const json& layer, const std::string& key) {
  const json* v = find(layer, key);
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_array() && !v->empty() && (*v)[0].is_string()) return (*v)[0].get<std::string>();
  return v->dump();
}
// tshark numbers are decimal or 0x-hex text.
long long num(const std::string& s) { return s.empty() ? -1 : std::stoll(s, nullptr, 0); }

// The n-th (0-based) header named cls in our decode ("null" if absent).
const json& ours(const json& frame, const std::string& cls, std::size_t n = 0) {
  static const json none;
  for (const auto& h : frame)
    if (h.contains(cls) && n-- == 0) return h[cls];
  return none;
}

// The n-th instance of a tshark layer (layers repeat as arrays with --no-duplicate-keys).
const json& layer(const json& layers, const std::string& name, std::size_t n = 0) {
  static const json none = json::object();
  if (!layers.contains(name)) return none;
  const json& l = layers[name];
  if (l.is_array()) return n < l.size() ? l[n] : none;
  return n == 0 ? l : none;
}

#define EXPECT_FIELD(tshark_text, ours_value) EXPECT_EQ(num(tshark_text), (ours_value).get<long long>()) << #tshark_text

void check_ethernet(const json& L, const json& O) {
  const json& e = ours(O, "ethernet");
  const json& t = layer(L, "eth");
  EXPECT_EQ(ts(t, "eth.dst"), e["dst"].get<std::string>());
  EXPECT_EQ(ts(t, "eth.src"), e["src"].get<std::string>());
  EXPECT_FIELD(ts(t, "eth.type"), e["ethertype"]);
}

void check_ipv4(const json& L, const json& O, bool wants_options = false) {
  const json& o = ours(O, "ipv4");
  const json& t = layer(L, "ip");
  ASSERT_FALSE(o.is_null());
  EXPECT_FIELD(ts(t, "ip.version"), o["version"]);
  EXPECT_EQ(num(ts(t, "ip.hdr_len")), o["header_length"].get<long long>() * 4);
  EXPECT_FIELD(ts(t, "ip.dsfield"), o["tos"]);
  EXPECT_FIELD(ts(t, "ip.len"), o["total_length"]);
  EXPECT_FIELD(ts(t, "ip.id"), o["identification"]);
  EXPECT_FIELD(ts(t, "ip.flags"), o["flags"]);
  EXPECT_FIELD(ts(t, "ip.frag_offset"), o["offset"]);
  EXPECT_FIELD(ts(t, "ip.ttl"), o["ttl"]);
  EXPECT_FIELD(ts(t, "ip.proto"), o["proto"]);
  EXPECT_FIELD(ts(t, "ip.checksum"), o["csum"]);
  EXPECT_EQ(ts(t, "ip.checksum.status"), "1") << "IPv4 header checksum not Good";
  EXPECT_EQ(ts(t, "ip.src"), o["src"].get<std::string>());
  EXPECT_EQ(ts(t, "ip.dst"), o["dst"].get<std::string>());
  if (wants_options) {
    EXPECT_TRUE(o["option"].is_string());
  }
}

void check_udp(const json& L, const json& O) {
  const json& o = ours(O, "udp");
  const json& t = layer(L, "udp");
  ASSERT_FALSE(o.is_null());
  EXPECT_FIELD(ts(t, "udp.srcport"), o["src_port"]);
  EXPECT_FIELD(ts(t, "udp.dstport"), o["dst_port"]);
  EXPECT_FIELD(ts(t, "udp.length"), o["total_length"]);
  EXPECT_FIELD(ts(t, "udp.checksum"), o["csum"]);
  EXPECT_EQ(ts(t, "udp.checksum.status"), "1") << "UDP checksum not Good";
}

void check_tcp(const json& L, const json& O) {
  const json& o = ours(O, "tcp");
  const json& t = layer(L, "tcp");
  ASSERT_FALSE(o.is_null());
  EXPECT_FIELD(ts(t, "tcp.srcport"), o["src_port"]);
  EXPECT_FIELD(ts(t, "tcp.dstport"), o["dst_port"]);
  EXPECT_FIELD(ts(t, "tcp.seq_raw"), o["seq"]);
  EXPECT_FIELD(ts(t, "tcp.ack_raw"), o["ack"]);
  EXPECT_EQ(num(ts(t, "tcp.hdr_len")), o["offset"].get<long long>() * 4);
  EXPECT_EQ(num(ts(t, "tcp.flags")) & 0x1ff, o["bits"].get<long long>());
  EXPECT_FIELD(ts(t, "tcp.window_size_value"), o["window_size"]);
  EXPECT_FIELD(ts(t, "tcp.urgent_pointer"), o["urgent"]);
  EXPECT_FIELD(ts(t, "tcp.checksum"), o["csum"]);
  EXPECT_EQ(ts(t, "tcp.checksum.status"), "1") << "TCP checksum not Good";
}

void check_vlan(const json& t, const json& o) {
  ASSERT_FALSE(o.is_null());
  EXPECT_FIELD(ts(t, "vlan.id"), o["vid"]);
  EXPECT_FIELD(ts(t, "vlan.priority"), o["pcp"]);
  EXPECT_FIELD(ts(t, "vlan.dei"), o["cfi"]);
  EXPECT_FIELD(ts(t, "vlan.etype"), o["ethertype"]);
}

void check_echo(const json& o, const json& t, const char* id_key, const char* seq_key, long long id, long long seq) {
  // Our echo id/seq, if the body is typed; tshark's in any case.
  EXPECT_EQ(num(ts(t, id_key)), id);
  EXPECT_EQ(num(ts(t, seq_key)), seq);
  if (o.contains("data") && o["data"].is_object() && o["data"].contains("echo")) {
    EXPECT_FIELD(ts(t, id_key), o["data"]["echo"]["id"]);
    EXPECT_FIELD(ts(t, seq_key), o["data"]["echo"]["seq"]);
  }
}

class TsharkFrames : public ::testing::TestWithParam<std::string> {};

TEST_P(TsharkFrames, FieldsAgree) {
  const run_state& st = state();
  if (!st.have_tshark) GTEST_SKIP() << "tshark is not installed (scripts/test installs it); skipped";
  ASSERT_EQ(st.fatal, "");
  if (!g_icmp_note.empty()) std::cout << "note: " << g_icmp_note << "\n";
  const built* bp = nullptr;
  for (const auto& b : st.frames)
    if (b.name == GetParam()) bp = &b;
  ASSERT_NE(bp, nullptr);
  const built& b = *bp;
  ASSERT_EQ(b.error, "");
  const json& L = b.layers;
  const json& O = b.ours;
  ASSERT_TRUE(L.is_object()) << "no tshark output for this frame";
  EXPECT_EQ(num(ts(layer(L, "frame"), "frame.len")), static_cast<long long>(b.wire.size()));
  EXPECT_GE(b.wire.size(), 60u) << "Ethernet frames are padded to 60 bytes";
  // No expert-info errors (malformed packets) anywhere.
  EXPECT_EQ(find(L, "_ws.malformed"), nullptr) << L.dump().substr(0, 400);
  check_ethernet(L, O);
  const std::string& n = b.name;
  std::string protos = ts(layer(L, "frame"), "frame.protocols");

  if (n == "eth_ipv4_udp") {
    EXPECT_NE(protos.find("eth:ethertype:ip:udp"), std::string::npos) << protos;
    check_ipv4(L, O);
    check_udp(L, O);
    EXPECT_EQ(num(ts(layer(L, "ip"), "ip.flags.df")), 1);
    EXPECT_EQ(num(ts(layer(L, "ip"), "ip.dsfield.dscp")), 0xb8 >> 2);
  } else if (n == "vlan_ipv4_tcp" || n == "vlan_ipv4_tcp_syn") {
    check_vlan(layer(L, "vlan"), ours(O, "vlan"));
    check_ipv4(L, O);
    check_tcp(L, O);
    const json& t = layer(L, "tcp");
    if (n == "vlan_ipv4_tcp") {
      EXPECT_EQ(num(ts(t, "tcp.flags.urg")), 1);
      EXPECT_EQ(num(ts(t, "tcp.flags.ack")), 1);
      EXPECT_EQ(num(ts(t, "tcp.flags.push")), 1);
      EXPECT_EQ(num(ts(t, "tcp.flags.syn")), 0);
      EXPECT_EQ(num(ts(t, "tcp.len")), 20);
    } else {
      EXPECT_EQ(num(ts(t, "tcp.flags.syn")), 1);
      EXPECT_EQ(num(ts(t, "tcp.flags.ece")), 1);
      EXPECT_EQ(num(ts(t, "tcp.flags.cwr")), 1);
      EXPECT_EQ(num(ts(t, "tcp.len")), 0);
    }
  } else if (n == "qinq_ipv6_udp") {
    const json& s = ours(O, "svlan");
    const json& t = layer(L, "ieee8021ad");
    ASSERT_FALSE(s.is_null());
    EXPECT_FIELD(ts(t, "ieee8021ad.id"), s["vid"]);
    EXPECT_FIELD(ts(t, "ieee8021ad.priority"), s["pcp"]);
    EXPECT_FIELD(ts(t, "ieee8021ad.dei"), s["cfi"]);
    check_vlan(layer(L, "vlan"), ours(O, "vlan"));
    const json& o = ours(O, "ipv6");
    const json& i6 = layer(L, "ipv6");
    ASSERT_FALSE(o.is_null());
    EXPECT_EQ(ts(i6, "ipv6.src"), o["src"].get<std::string>());
    EXPECT_EQ(ts(i6, "ipv6.dst"), o["dst"].get<std::string>());
    EXPECT_FIELD(ts(i6, "ipv6.plen"), o["payload_length"]);
    EXPECT_EQ(num(ts(i6, "ipv6.plen")), 8 + 40);
    EXPECT_FIELD(ts(i6, "ipv6.nxt"), o["nxt"]);
    EXPECT_FIELD(ts(i6, "ipv6.hlim"), o["hop_limit"]);
    EXPECT_FIELD(ts(i6, "ipv6.flow"), o["flow_label"]);
    EXPECT_FIELD(ts(i6, "ipv6.tclass"), o["traffic_class"]);
    check_udp(L, O);
  } else if (n == "mpls2_ipv4_icmp") {
    for (std::size_t k = 0; k < 2; ++k) {
      SCOPED_TRACE("mpls " + std::to_string(k));
      const json& o = ours(O, "mpls", k);
      const json& t = layer(L, "mpls", k);
      ASSERT_FALSE(o.is_null());
      EXPECT_FIELD(ts(t, "mpls.label"), o["label"]);
      EXPECT_FIELD(ts(t, "mpls.exp"), o["exp"]);
      EXPECT_FIELD(ts(t, "mpls.bottom"), o["bsb"]);
      EXPECT_FIELD(ts(t, "mpls.ttl"), o["ttl"]);
    }
    check_ipv4(L, O);
    const json& o = ours(O, "icmp");
    const json& t = layer(L, "icmp");
    ASSERT_FALSE(o.is_null());
    EXPECT_FIELD(ts(t, "icmp.type"), o["type"]);
    EXPECT_FIELD(ts(t, "icmp.code"), o["code"]);
    EXPECT_FIELD(ts(t, "icmp.checksum"), o["csum"]);
    EXPECT_EQ(ts(t, "icmp.checksum.status"), "1") << "ICMP checksum not Good";
    check_echo(o, t, "icmp.ident", "icmp.seq", 0x4242, 7);
  } else if (n == "ipv4_options_udp" || n == "ipv4_options_rr_udp") {
    check_ipv4(L, O, true);
    check_udp(L, O);
    const json& ip = layer(L, "ip");
    if (n == "ipv4_options_udp") {
      EXPECT_EQ(num(ts(ip, "ip.hdr_len")), 24);
      EXPECT_EQ(num(ts(ip, "ip.opt.type.number")), 20);  // Router Alert
      EXPECT_EQ(num(ts(ip, "ip.opt.ra")), 0);
    } else {
      EXPECT_EQ(num(ts(ip, "ip.hdr_len")), 32);
      EXPECT_EQ(num(ts(ip, "ip.opt.len")), 11);
      EXPECT_EQ(num(ts(ip, "ip.opt.ptr")), 4);
    }
    EXPECT_EQ(find(ip, "_ws.expert"), nullptr) << "tshark expert info: " << ip.dump().substr(0, 600);
  } else if (n == "arp_reply") {
    const json& o = ours(O, "arp");
    const json& t = layer(L, "arp");
    ASSERT_FALSE(o.is_null());
    EXPECT_FIELD(ts(t, "arp.hw.type"), o["hwtype"]);
    EXPECT_FIELD(ts(t, "arp.proto.type"), o["proto"]);
    EXPECT_FIELD(ts(t, "arp.hw.size"), o["hlen"]);
    EXPECT_FIELD(ts(t, "arp.proto.size"), o["plen"]);
    EXPECT_FIELD(ts(t, "arp.opcode"), o["opcode"]);
    EXPECT_EQ(ts(t, "arp.src.hw_mac"), o["src_mac"].get<std::string>());
    EXPECT_EQ(ts(t, "arp.src.proto_ipv4"), o["src_ip"].get<std::string>());
    EXPECT_EQ(ts(t, "arp.dst.hw_mac"), o["dst_mac"].get<std::string>());
    EXPECT_EQ(ts(t, "arp.dst.proto_ipv4"), o["dst_ip"].get<std::string>());
    EXPECT_EQ(b.wire.size(), 60u);
  } else if (n == "ipv6_icmpv6_echo") {
    const json& o6 = ours(O, "ipv6");
    const json& i6 = layer(L, "ipv6");
    ASSERT_FALSE(o6.is_null());
    EXPECT_EQ(ts(i6, "ipv6.src"), o6["src"].get<std::string>());
    EXPECT_EQ(ts(i6, "ipv6.dst"), o6["dst"].get<std::string>());
    EXPECT_FIELD(ts(i6, "ipv6.plen"), o6["payload_length"]);
    EXPECT_EQ(num(ts(i6, "ipv6.plen")), 8 + 16);
    const json& o = ours(O, "icmpv6");
    const json& t = layer(L, "icmpv6");
    ASSERT_FALSE(o.is_null());
    EXPECT_FIELD(ts(t, "icmpv6.type"), o["type"]);
    EXPECT_FIELD(ts(t, "icmpv6.code"), o["code"]);
    EXPECT_FIELD(ts(t, "icmpv6.checksum"), o["csum"]);
    EXPECT_EQ(ts(t, "icmpv6.checksum.status"), "1") << "ICMPv6 checksum not Good";
    check_echo(o, t, "icmpv6.echo.identifier", "icmpv6.echo.sequence_number", 0x1234, 0x0102);
  } else {
    FAIL() << "no checks for " << n;
  }
}

INSTANTIATE_TEST_SUITE_P(Interop, TsharkFrames, ::testing::ValuesIn(kNames),
                         [](const auto& info) { return info.param; });

}  // namespace
