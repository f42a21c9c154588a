// Typed DHCPv6 options against independent decoders:
//  - tshark's DHCPv6 dissector: the test writes the hand-built messages of dhcp6_samples.hpp
//    (every option of the definition table) as Ethernet/IPv6/UDP 546/547 frames into a pcap,
//    runs `tshark -T fields` and compares its fields with wirekit's typed decode, field by field
//    (skipped when tshark is not installed);
//  - os-ken's dhcp6 parser (/usr/bin/python3): the raw option list (code, length, data) of each
//    message and of each relayed message;
//  - the captures of real exchanges in ../shared/fixtures/peers/dhcpv6-*.pcap: typed decode
//    without a malformed option, typed JSON both ways, and no validation findings.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dhcp6/dhcp6_samples.hpp"
#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/dhcp6/app.hpp"
#include "wirekit/dhcp6/options.hpp"
#include "wirekit/dhcp6/validate.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;
namespace s6 = wirekit::test::dhcp6s;

namespace {

// An Ethernet/IPv6/UDP frame carrying one DHCPv6 message (lengths and the UDP checksum
// computed by the packet encoder, as os-ken's serialize does).
bytes udp6_frame(const bytes& payload, std::uint16_t sport, std::uint16_t dport) {
  json frame = json::array(
      {json::parse(R"({"ethernet": {"dst": "33:33:00:01:00:02", "src": "00:11:22:33:44:55", "ethertype": 34525}})"),
       json::parse(R"({"ipv6": {"version": 6, "traffic_class": 0, "flow_label": 0, "payload_length": 0, "nxt": 17,
           "hop_limit": 1, "src": "fe80::211:22ff:fe33:4455", "dst": "ff02::1:2", "ext_hdrs": []}})"),
       json{{"udp", {{"src_port", sport}, {"dst_port", dport}, {"total_length", 0}, {"csum", 0}}}},
       json{{"payload", base64_encode(payload)}}});
  auto pk = packet::from_json(frame);
  EXPECT_TRUE(pk.ok()) << (pk.ok() ? "" : pk.err().to_string());
  if (!pk.ok()) return {};
  auto out = pk->serialize();
  EXPECT_TRUE(out.ok());
  return out.ok() ? *out : bytes{};
}

std::string hexs(bytes_view b) { return to_hex(b); }

// tshark prints numbers in decimal or 0x-hex, bytes as hex (with or without ':'), names
// without the root dot: one normal form for both sides.
std::string norm(std::string v) {
  std::string s;
  for (char c : v)
    if (c != ':' || v.find('.') != std::string::npos || v.size() < 3) s += c;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    try {
      return std::to_string(std::stoull(s, nullptr, 16));
    } catch (...) {
    }
  }
  if (s.size() > 1 && s.back() == '.') s.pop_back();
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

using field_map = std::map<std::string, std::vector<std::string>>;

// What tshark should show for a typed message: tshark field -> values in dissection order
// (options depth-first, relayed messages inline).
struct expect_builder {
  field_map m;
  void add(const std::string& f, const std::string& v) { m[f].push_back(v); }
  void num(const std::string& f, std::uint64_t v) { add(f, std::to_string(v)); }

  void message(const dhcp6::typed_message& t) {
    num("dhcpv6.msgtype", t.msg_type);
    if (t.relay()) {
      num("dhcpv6.hopcount", t.hop_count);
      add("dhcpv6.linkaddr", t.link_address.to_string());
      add("dhcpv6.peeraddr", t.peer_address.to_string());
    } else {
      num("dhcpv6.xid", t.transaction_id);
    }
    for (const auto& o : t.options) option(o);
  }

  static std::uint64_t n(const dhcp6::typed_option& o, const char* f) { return o.field(f)->number; }
  static const bytes& b(const dhcp6::typed_option& o, const char* f) { return o.field(f)->data; }

  void duid(const dhcp6::typed_option& o) {
    const auto type = n(o, "duid_type");
    num("dhcpv6.duid.type", type);
    if (type == 1) {
      num("dhcpv6.duidllt.hwtype", n(o, "hardware_type"));
      add("dhcpv6.duidllt.link_layer_addr", hexs(b(o, "link_layer_address")));
    } else if (type == 2) {
      num("dhcpv6.duiden.enterprise", n(o, "enterprise_number"));
      add("dhcpv6.duiden.identifier", hexs(b(o, "identifier")));
    } else if (type == 3) {
      num("dhcpv6.duidll.hwtype", n(o, "hardware_type"));
      add("dhcpv6.duidll.link_layer_addr", hexs(b(o, "link_layer_address")));
    } else if (type == 4) {
      add("dhcpv6.duiduuid.bytes", hexs(b(o, "uuid")));
    }
  }

  void option(const dhcp6::typed_option& o) {
    ASSERT_FALSE(o.problem) << "option " << o.code << ": " << o.problem->to_string();
    auto rawlen = dhcp6::encode_option(o);
    ASSERT_TRUE(rawlen.ok());
    num("dhcpv6.option.type", o.code);
    num("dhcpv6.option.length", rawlen->data.size());
    if (!o.def) return;  // no definition (option 65 inside the RSOO sample): type and length only
    namespace oc = dhcp6::option_code;
    switch (o.code) {
      case oc::clientid:
      case oc::serverid: duid(o); break;
      case oc::ia_na:
      case oc::ia_pd:
        num("dhcpv6.iaid.t1", n(o, "t1"));
        num("dhcpv6.iaid.t2", n(o, "t2"));
        break;
      case oc::iaaddr:
        add("dhcpv6.iaaddr.ip", o.field("address")->address.to_string());
        num("dhcpv6.iaaddr.pref_lifetime", n(o, "preferred_lifetime"));
        num("dhcpv6.iaaddr.valid_lifetime", n(o, "valid_lifetime"));
        break;
      case oc::oro:
        for (auto c : o.field("requested_options")->numbers) num("dhcpv6.requested_option_code", c);
        break;
      case oc::preference: num("dhcpv6.option_preference", n(o, "preference")); break;
      case oc::elapsed_time:  // hundredths of a second on the wire (RFC 8415 §21.9); tshark shows ms
        num("dhcpv6.elapsed_time", n(o, "elapsed_time") * 10);
        break;
      case oc::auth:
        num("dhcpv6.auth.protocol", n(o, "protocol"));
        num("dhcpv6.auth.algorithm", n(o, "algorithm"));
        num("dhcpv6.auth.rdm", n(o, "rdm"));
        break;
      case oc::unicast: add("dhcpv6.unicast", o.field("server_address")->address.to_string()); break;
      case oc::status_code:
        num("dhcpv6.status_code", n(o, "status_code"));
        add("dhcpv6.status_msg", o.field("status_message")->text);
        break;
      case oc::user_class:
        for (const auto& it : o.field("user_class_data")->items) {
          num("dhcpv6.userclass.length", it.size());
          add("dhcpv6.userclass.opaque_data", hexs(it));
        }
        break;
      case oc::vendor_class:
        num("dhcpv6.vendorclass.enterprise", n(o, "enterprise_number"));
        break;
      case oc::vendor_opts:
        num("dhcpv6.vendoropts.enterprise", n(o, "enterprise_number"));
        for (const auto& s : o.options) {
          num("dhcpv6.vendoropts.enterprise.option_code", s.code);
          num("dhcpv6.vendoropts.enterprise.option_length", s.raw.size());
          add("dhcpv6.vendoropts.enterprise.option_data", hexs(s.raw));
        }
        return;  // sub-options are not DHCPv6-space options for tshark
      case oc::interface_id: add("dhcpv6.interface_id", hexs(b(o, "interface_id"))); break;
      case oc::reconf_msg: num("dhcpv6.reconf_msg", n(o, "msg_type")); break;
      case oc::dns_servers:
        for (const auto& a : o.field("dns_servers")->addresses) add("dhcpv6.dns_server", a.to_string());
        break;
      case oc::domain_list:
        for (const auto& d : o.field("domain_search_list")->names) add("dhcpv6.search_list_entry", d);
        break;
      case oc::iaprefix:
        num("dhcpv6.iaprefix.pref_lifetime", n(o, "preferred_lifetime"));
        num("dhcpv6.iaprefix.valid_lifetime", n(o, "valid_lifetime"));
        num("dhcpv6.iaprefix.pref_len", n(o, "prefix_length"));
        add("dhcpv6.iaprefix.pref_addr", o.field("prefix")->address.to_string());
        break;
      case oc::sntp_servers:
        for (const auto& a : o.field("sntp_servers")->addresses) add("dhcpv6.sntp_server", a.to_string());
        break;
      case oc::information_refresh_time:
        num("dhcpv6.lifetime", n(o, "information_refresh_time"));
        break;
      case oc::remote_id:
        num("dhcpv6.remoteid.enterprise", n(o, "enterprise_number"));
        add("dhcpv6.remoteid_enterprise_id", hexs(b(o, "remote_id")));
        break;
      case oc::subscriber_id: {
        const bytes& d = b(o, "subscriber_id");
        add("dhcpv6.subscriber_id", std::string(reinterpret_cast<const char*>(d.data()), d.size()));
        break;
      }
      case oc::client_fqdn:
        num("dhcpv6.client_fqdn_flags", n(o, "flags"));
        add("dhcpv6.client_domain", o.field("domain_name")->text);
        break;
      case oc::ntp_server:
        for (const auto& s : o.options) {
          num("dhcpv6.ntpserver.option.type", s.code);
          if (s.code == 1) add("dhcpv6.ntpserver.addr", s.field("address")->address.to_string());
          if (s.code == 2) add("dhcpv6.ntpserver.mc_addr", s.field("address")->address.to_string());
          if (s.code == 3) add("dhcpv6.ntpserver.fqdn", s.field("fqdn")->text);
        }
        return;
      case oc::pd_exclude:
        num("dhcpv6.pd_exclude.pref_len", n(o, "prefix_length"));
        add("dhcpv6.pd_exclude.subnet_id", hexs(b(o, "subnet_id")));
        break;
      case oc::lq_query:  // then the query-options, dissected as options
        num("dhcpv6.lq_query", n(o, "query_type"));
        add("dhcpv6.lq_query_link_address", o.field("link_address")->address.to_string());
        break;
      case oc::clt_time: num("dhcpv6.clt_time", n(o, "client_last_transaction_time")); break;
      case oc::lq_relay_data:
        // tshark 4.0 shows the relay message only as a string (cut at its first zero byte); it is
        // checked against a Python struct decode of the RFC layout (PythonStructNewOptions).
        add("dhcpv6.lq_relay_data_peer_addr", o.field("peer_address")->address.to_string());
        return;
      case oc::lq_client_link:
        for (const auto& a : o.field("link_addresses")->addresses) add("dhcpv6.lq_client_link", a.to_string());
        break;
      case oc::relay_id: duid(o); break;
      case oc::rsoo:           // tshark 4.0 dissects RSOO, LINK_ADDRESS, DHCPV4_MSG and
      case oc::link_address:   // DHCP4_O_DHCP6_SERVER only as type and length (compared above);
      case oc::dhcpv4_msg:     // their values are checked against a Python struct decode of the
      case oc::dhcp4o6_server:  // RFC layouts (PythonStructNewOptions)
        return;
      default: break;
    }
    for (const auto& s : o.options) option(s);
    if (o.message) message(*o.message);
  }
};

const std::vector<std::string> kFields = {
    "dhcpv6.msgtype", "dhcpv6.hopcount", "dhcpv6.linkaddr", "dhcpv6.peeraddr", "dhcpv6.xid", "dhcpv6.option.type",
    "dhcpv6.option.length", "dhcpv6.duid.type", "dhcpv6.duidllt.hwtype", "dhcpv6.duidllt.link_layer_addr",
    "dhcpv6.duiden.enterprise", "dhcpv6.duiden.identifier", "dhcpv6.duidll.hwtype", "dhcpv6.duidll.link_layer_addr",
    "dhcpv6.duiduuid.bytes", "dhcpv6.iaid.t1", "dhcpv6.iaid.t2", "dhcpv6.iaaddr.ip", "dhcpv6.iaaddr.pref_lifetime",
    "dhcpv6.iaaddr.valid_lifetime", "dhcpv6.requested_option_code", "dhcpv6.option_preference", "dhcpv6.elapsed_time",
    "dhcpv6.auth.protocol", "dhcpv6.auth.algorithm", "dhcpv6.auth.rdm", "dhcpv6.unicast", "dhcpv6.status_code",
    "dhcpv6.status_msg", "dhcpv6.userclass.length", "dhcpv6.userclass.opaque_data", "dhcpv6.vendorclass.enterprise",
    "dhcpv6.vendoropts.enterprise", "dhcpv6.vendoropts.enterprise.option_code",
    "dhcpv6.vendoropts.enterprise.option_length", "dhcpv6.vendoropts.enterprise.option_data", "dhcpv6.interface_id",
    "dhcpv6.reconf_msg", "dhcpv6.dns_server", "dhcpv6.search_list_entry", "dhcpv6.iaprefix.pref_lifetime",
    "dhcpv6.iaprefix.valid_lifetime", "dhcpv6.iaprefix.pref_len", "dhcpv6.iaprefix.pref_addr", "dhcpv6.sntp_server", "dhcpv6.lifetime",
    "dhcpv6.remoteid.enterprise", "dhcpv6.remoteid_enterprise_id", "dhcpv6.subscriber_id",
    "dhcpv6.client_fqdn_flags", "dhcpv6.client_domain", "dhcpv6.ntpserver.option.type", "dhcpv6.ntpserver.addr",
    "dhcpv6.ntpserver.mc_addr", "dhcpv6.ntpserver.fqdn", "dhcpv6.pd_exclude.pref_len", "dhcpv6.pd_exclude.subnet_id",
    "dhcpv6.lq_query", "dhcpv6.lq_query_link_address", "dhcpv6.clt_time", "dhcpv6.lq_relay_data_peer_addr",
    "dhcpv6.lq_client_link"};

class InteropDhcp6 : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("wirekit_dhcp6_tshark_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::vector<bytes>& msgs) {
    fs::path p = dir_ / "dhcp6.pcap";
    auto w = pcap::writer::create(p.string());
    EXPECT_TRUE(w.ok());
    for (const auto& m : msgs) {
      const bool relay = std::to_integer<unsigned>(m[0]) == 12;
      EXPECT_TRUE(w->write(udp6_frame(m, relay ? 547 : 546, 547)).ok());
    }
    EXPECT_TRUE(w->close().ok());
    return p;
  }
  fs::path dir_;
};

// Every option of the definition table appears in the samples.
TEST_F(InteropDhcp6, SamplesCoverEveryOption) {
  std::set<std::uint16_t> seen;
  std::function<void(const dhcp6::typed_message&)> walk_msg;
  std::function<void(const dhcp6::typed_option&)> walk = [&](const dhcp6::typed_option& o) {
    if (o.space == dhcp6::option_space::dhcp6) seen.insert(o.code);
    for (const auto& s : o.options) walk(s);
    if (o.message) walk_msg(*o.message);
  };
  walk_msg = [&](const dhcp6::typed_message& t) {
    for (const auto& o : t.options) walk(o);
  };
  for (const auto& b : s6::all_samples()) {
    auto m = dhcp6::decode(b);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    walk_msg(dhcp6::to_typed(*m));
  }
  for (const auto& d : dhcp6::option_table()) EXPECT_TRUE(seen.count(d.code)) << d.name << " is not in a sample";
}

TEST_F(InteropDhcp6, TsharkFieldByField) {
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
  const auto samples = s6::all_samples();
  auto frames = test::run_tshark_fields(write(samples), "-Y dhcpv6", kFields);
  ASSERT_EQ(frames.size(), samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    auto m = dhcp6::decode(samples[i]);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    expect_builder e;
    e.message(dhcp6::to_typed(*m));
    for (const auto& f : kFields) {
      std::vector<std::string> want, got;
      for (const auto& v : e.m[f]) want.push_back(norm(v));
      for (const auto& v : frames[i][f]) got.push_back(norm(v));
      EXPECT_EQ(got, want) << "frame " << i + 1 << " field " << f;
    }
  }
}

// The DUID-LLT time (seconds since 2000-01-01 UTC, RFC 8415 §11.2), which tshark shows only as
// a date in its text tree (-V). tshark 4.0 dissects SOL_MAX_RT, INF_MAX_RT and
// CLIENT_LINKLAYER_ADDR only as type and length (compared above); their values are checked
// against the RFC layouts in dhcp6_options_test.cpp.
TEST_F(InteropDhcp6, TsharkDuidTime) {
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
  fs::path p = write({s6::solicit()});
  std::string out;
  ASSERT_EQ(test::run_command("tshark -r '" + p.string() + "' -V -Y dhcpv6 2>/dev/null", out), 0);
  auto t = dhcp6::to_typed(*dhcp6::decode(s6::solicit()));
  const std::time_t when = static_cast<std::time_t>(946684800 + t.find(1)->field("time")->number);
  std::tm tm{};
  gmtime_r(&when, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%b %d, %Y %H:%M:%S", &tm);
  EXPECT_NE(out.find(std::string("DUID Time: ") + buf), std::string::npos) << buf << "\n" << out;
}

// os-ken's dhcp6.parser on the same bytes: the raw options (code, length, data) of the message
// and of each relayed message agree with wirekit's typed options encoded back.
TEST_F(InteropDhcp6, OskenRawOptions) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is not installed";
  const auto samples = s6::all_samples();
  std::string hexes;
  for (const auto& s : samples) hexes += to_hex(s) + " ";
  const std::string py =
      "import sys\n"
      "from os_ken.lib.packet import dhcp6\n"
      "def walk(buf, out):\n"
      "    m, _, _ = dhcp6.dhcp6.parser(buf)\n"
      "    for o in m.options.option_list:\n"
      "        out.append('%d/%d/%s' % (o.code, o.length, o.data.hex()))\n"
      "        if o.code == 9: walk(o.data, out)\n"
      "for h in sys.argv[1:]:\n"
      "    out = []\n"
      "    walk(bytes.fromhex(h), out)\n"
      "    print(' '.join(out))\n";
  fs::path script = dir_ / "osken_dhcp6.py";
  {
    std::ofstream f(script);
    f << py;
  }
  std::string out;
  if (test::run_command("/usr/bin/python3 -c 'import os_ken' 2>/dev/null", out) != 0)
    GTEST_SKIP() << "os-ken is not importable by /usr/bin/python3";
  ASSERT_EQ(test::run_command("/usr/bin/python3 '" + script.string() + "' " + hexes, out), 0) << out;
  std::istringstream lines(out);
  for (const auto& s : samples) {
    std::string line;
    ASSERT_TRUE(std::getline(lines, line));
    std::vector<std::string> ours;
    std::function<void(const dhcp6::typed_message&)> walk = [&](const dhcp6::typed_message& t) {
      for (const auto& o : t.options) {
        auto raw = dhcp6::encode_option(o);
        ASSERT_TRUE(raw.ok());
        ours.push_back(std::to_string(o.code) + "/" + std::to_string(raw->data.size()) + "/" + to_hex(raw->data));
        if (o.code == dhcp6::option_code::relay_msg && o.message) walk(*o.message);
      }
    };
    walk(dhcp6::to_typed(*dhcp6::decode(s)));
    std::string joined;
    for (const auto& x : ours) joined += (joined.empty() ? "" : " ") + x;
    EXPECT_EQ(joined, line);
  }
}

// The options of RFC 5007 (44-48), RFC 5460 (53), RFC 6422 (66), RFC 6977 (80) and RFC 7341 (87,
// 88) decoded by a Python `struct` walk written from the RFC figures, at any depth (inside
// LQ_QUERY, CLIENT_DATA, RSOO, RELAY_MSG and LQ_RELAY_DATA's relay message), against wirekit's
// typed fields. tshark 4.0 shows RSOO, LINK_ADDRESS, DHCPV4_MSG and DHCP4_O_DHCP6_SERVER only as
// type and length, and LQ_RELAY_DATA's message only as a string: this is their field check.
TEST_F(InteropDhcp6, PythonStructNewOptions) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is not installed";
  const auto samples = s6::all_samples();
  std::string hexes;
  for (const auto& x : samples) hexes += to_hex(x) + " ";
  const std::string py =
      "import struct, sys, ipaddress\n"
      "def a(b):\n"
      "    assert len(b) == 16\n"
      "    return str(ipaddress.IPv6Address(bytes(b)))\n"
      "def alist(d):\n"
      "    assert len(d) % 16 == 0\n"
      "    return ','.join(a(d[k:k + 16]) for k in range(0, len(d), 16))\n"
      "def codes(d):\n"
      "    out, i = [], 0\n"
      "    while i < len(d):\n"
      "        c, n = struct.unpack_from('!HH', d, i)\n"
      "        out.append(str(c))\n"
      "        i += 4 + n\n"
      "    return ','.join(out)\n"
      "def duid(d):\n"  // RFC 8415 §11.2-11.5
      "    t, = struct.unpack_from('!H', d)\n"
      "    if t == 1:\n"
      "        hw, tm = struct.unpack_from('!HI', d, 2)\n"
      "        return '1,%d,%d,%s' % (hw, tm, d[8:].hex())\n"
      "    if t == 2:\n"
      "        en, = struct.unpack_from('!I', d, 2)\n"
      "        return '2,%d,%s' % (en, d[6:].hex())\n"
      "    if t == 3:\n"
      "        hw, = struct.unpack_from('!H', d, 2)\n"
      "        return '3,%d,%s' % (hw, d[4:].hex())\n"
      "    return '%d,%s' % (t, d[2:].hex())\n"
      "def message(m, out):\n"  // RFC 8415 §8, §9
      "    opts(m[34:] if m[0] in (12, 13) else m[4:], out)\n"
      "def opts(buf, out):\n"
      "    i = 0\n"
      "    while i < len(buf):\n"
      "        code, n = struct.unpack_from('!HH', buf, i)\n"
      "        d = buf[i + 4:i + 4 + n]\n"
      "        assert len(d) == n\n"
      "        i += 4 + n\n"
      "        if code == 9:\n"
      "            message(d, out)\n"
      "        elif code == 44:\n"  // RFC 5007 §4.1.2.1
      "            out.append('44:%d,%s' % (d[0], a(d[1:17])))\n"
      "            opts(d[17:], out)\n"
      "        elif code in (45, 66):\n"  // RFC 5007 §4.1.2.2, RFC 6422 §3
      "            out.append('%d:%s' % (code, codes(d)))\n"
      "            opts(d, out)\n"
      "        elif code == 46:\n"  // RFC 5007 §4.1.2.3
      "            assert n == 4\n"
      "            out.append('46:%d' % struct.unpack('!I', d))\n"
      "        elif code == 47:\n"  // RFC 5007 §4.1.2.4: peer-address, then a RELAY-FORW
      "            m = d[16:]\n"
      "            out.append('47:%s,%d,%d,%s,%s' % (a(d[:16]), m[0], m[1], a(m[2:18]), a(m[18:34])))\n"
      "            message(m, out)\n"
      "        elif code in (48, 88):\n"  // RFC 5007 §4.1.2.5, RFC 7341 §7.2
      "            out.append('%d:%s' % (code, alist(d)))\n"
      "        elif code == 53:\n"  // RFC 5460 §5.4.1
      "            out.append('53:' + duid(d))\n"
      "        elif code == 80:\n"  // RFC 6977 §5
      "            assert n == 16\n"
      "            out.append('80:' + a(d))\n"
      "        elif code == 87:\n"  // RFC 7341 §7.1: a DHCPv4 message (RFC 2131 §2)
      "            op, htype, hlen, hops, xid = struct.unpack_from('!BBBBI', d)\n"
      "            out.append('87:%d,%08x,%s,%s,%d' % (op, xid, d[28:28 + hlen].hex(), d[236:240].hex(), n))\n"
      "for h in sys.argv[1:]:\n"
      "    out = []\n"
      "    message(bytes.fromhex(h), out)\n"
      "    print(' '.join(out))\n";
  fs::path script = dir_ / "dhcp6_struct.py";
  {
    std::ofstream f(script);
    f << py;
  }
  std::string out;
  ASSERT_EQ(test::run_command("/usr/bin/python3 '" + script.string() + "' " + hexes, out), 0) << out;
  std::istringstream lines(out);
  namespace oc = dhcp6::option_code;
  std::size_t tokens = 0;
  for (const auto& x : samples) {
    std::string line;
    ASSERT_TRUE(std::getline(lines, line));
    std::vector<std::string> ours;
    std::function<void(const std::vector<dhcp6::typed_option>&)> walk = [&](const std::vector<dhcp6::typed_option>& os) {
      for (const auto& o : os) {
        ASSERT_FALSE(o.problem) << o.problem->to_string();
        auto addr = [&](const char* f) { return o.field(f)->address.to_string(); };
        auto alist = [&](const char* f) {
          std::string r;
          for (const auto& a : o.field(f)->addresses) r += (r.empty() ? "" : ",") + a.to_string();
          return r;
        };
        auto num = [&](const char* f) { return std::to_string(o.field(f)->number); };
        auto codes = [&]() {
          std::string r;
          for (const auto& c : o.options) r += (r.empty() ? "" : ",") + std::to_string(c.code);
          return r;
        };
        switch (o.code) {
          case oc::relay_msg: walk(o.message->options); break;
          case oc::lq_query:
            ours.push_back("44:" + num("query_type") + "," + addr("link_address"));
            walk(o.options);
            break;
          case oc::client_data:
          case oc::rsoo:
            ours.push_back(std::to_string(o.code) + ":" + codes());
            walk(o.options);
            break;
          case oc::clt_time: ours.push_back("46:" + num("client_last_transaction_time")); break;
          case oc::lq_relay_data: {
            const auto& m = *o.message;
            ours.push_back("47:" + addr("peer_address") + "," + std::to_string(m.msg_type) + "," +
                           std::to_string(m.hop_count) + "," + m.link_address.to_string() + "," +
                           m.peer_address.to_string());
            walk(m.options);
            break;
          }
          case oc::lq_client_link: ours.push_back("48:" + alist("link_addresses")); break;
          case oc::dhcp4o6_server: ours.push_back("88:" + alist("dhcp4o6_servers")); break;
          case oc::relay_id: {
            const auto t = o.field("duid_type")->number;
            std::string d = "53:" + std::to_string(t) + ",";
            if (t == 1) d += num("hardware_type") + "," + num("time") + "," + to_hex(o.field("link_layer_address")->data);
            if (t == 2) d += num("enterprise_number") + "," + to_hex(o.field("identifier")->data);
            if (t == 3) d += num("hardware_type") + "," + to_hex(o.field("link_layer_address")->data);
            if (t == 4) d += to_hex(o.field("uuid")->data);
            if (t > 4) d += to_hex(o.field("data")->data);
            ours.push_back(d);
            break;
          }
          case oc::link_address: ours.push_back("80:" + addr("link_address")); break;
          case oc::dhcpv4_msg: {
            const bytes& d = o.field("dhcpv4_message")->data;
            ASSERT_GE(d.size(), 240u);
            const unsigned hlen = std::to_integer<unsigned>(d[2]);
            ours.push_back(fmt::format("87:{},{:08x},{},{},{}", std::to_integer<unsigned>(d[0]), load_be32(&d[4]),
                                       to_hex(bytes_view(d).subspan(28, hlen)), to_hex(bytes_view(d).subspan(236, 4)),
                                       d.size()));
            break;
          }
          default: break;
        }
      }
    };
    auto m = dhcp6::decode(x);
    ASSERT_TRUE(m.ok());
    walk(dhcp6::to_typed(*m).options);
    std::string joined;
    for (const auto& t : ours) joined += (joined.empty() ? "" : " ") + t;
    EXPECT_EQ(joined, line);
    tokens += ours.size();
  }
  EXPECT_EQ(tokens, 14u);  // every occurrence of the new options in the samples
}

// Real exchanges (Kea with ISC dhclient, dnsmasq with WIDE dhcp6c): every DHCPv6 message of the
// captures decodes typed with no malformed option, typed JSON encodes back to its bytes, and
// validation finds nothing.
class InteropDhcp6Peers : public ::testing::TestWithParam<std::string> {};

TEST_P(InteropDhcp6Peers, TypedAndValid) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path p = shared / "fixtures" / "peers" / GetParam();
  if (!fs::exists(p)) GTEST_SKIP() << p << " is absent";
  auto rd = pcap::reader::open_memory(test::read_file(p));
  ASSERT_TRUE(rd.ok()) << rd.err().to_string();
  pcap::frame f;
  std::size_t messages = 0;
  for (;;) {
    auto more = rd->next(f);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    auto pk = packet::parse(f.data);
    ASSERT_TRUE(pk.ok()) << pk.err().to_string();
    const dhcp6::message* m = dhcp6::find_message(*pk);
    if (!m) continue;
    ++messages;
    const auto t = dhcp6::to_typed(*m);
    std::function<void(const dhcp6::typed_option&)> check = [&](const dhcp6::typed_option& o) {
      EXPECT_FALSE(o.problem) << "frame " << rd->frames_read() << ": " << o.problem->to_string();
      EXPECT_NE(o.def, nullptr) << "frame " << rd->frames_read() << ": option " << o.code << " has no definition";
      for (const auto& s : o.options)
        if (s.space == dhcp6::option_space::dhcp6) check(s);
    };
    for (const auto& o : t.options) check(o);
    auto back = dhcp6::from_typed_json(json::parse(dhcp6::to_typed_json(t).dump()));
    ASSERT_TRUE(back.ok()) << back.err().to_string();
    EXPECT_EQ(to_hex(*dhcp6::encode(*back)), to_hex(*dhcp6::encode(*m))) << "frame " << rd->frames_read();
    const auto findings = dhcp6::validate(t);
    EXPECT_TRUE(findings.empty()) << "frame " << rd->frames_read() << ": " << dhcp6::findings_json(findings).dump();
  }
  EXPECT_GT(messages, 3u);
}

INSTANTIATE_TEST_SUITE_P(Captures, InteropDhcp6Peers,
                         ::testing::Values("dhcpv6-kea-dhclient.pcap", "dhcpv6-dnsmasq-dhcp6c-with-release.pcap"),
                         [](const auto& info) {
                           std::string n = info.param.substr(7, info.param.size() - 12);
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
