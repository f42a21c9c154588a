// What os-ken lacks (route mirroring, RFC 9069 Loc-RIB peers and the VRF/table name TLV,
// RFC 8671 statistics 14-17 and the O flag, the A flag, peer down reasons 5 and 6, information
// TLVs in peer up), checked against an independent implementation: tshark's BMP dissector.
// The test writes BMP messages built with wirekit into a pcap (Ethernet/IPv4/TCP port 11019,
// decoded with `-d tcp.port==11019,bmp`: BMP has no default port), runs `tshark -T fields`
// and compares its fields with wirekit's decode of the same bytes. A second test compares
// wirekit's stream decode of the gobgpd capture (../shared/fixtures/peers) with tshark's.
// Skipped when tshark is not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/bmp/bmp.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

bytes frame_with(const bytes& payload, std::uint32_t seq) { return test::tcp_frame(payload, 40000, 11019, seq, 1); }

using fields = test::tshark_fields;

// tshark's values of the fields per frame (field -> occurrences).
std::vector<fields> run_tshark(const fs::path& pcap, const std::vector<std::string>& names) {
  return test::run_tshark_fields(pcap, "-d tcp.port==11019,bmp -Y bmp", names);
}

std::vector<std::string> strs(const std::vector<std::uint64_t>& v) {
  std::vector<std::string> s;
  for (auto x : v) s.push_back(std::to_string(x));
  return s;
}
std::vector<std::string> one(const std::string& s) { return {s}; }
std::string flags_hex(std::uint8_t f) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%02x", f);
  return b;
}

bmp::peer_header peer(std::uint8_t type, std::uint8_t flags, const char* addr) {
  bmp::peer_header h;
  h.peer_type = type;
  h.flags = flags;
  h.set_peer_address(*ip_addr::parse(addr));
  h.flags = std::uint8_t(flags | (h.peer_address.is_v6() ? bmp::peer_flag::v : 0));
  h.peer_distinguisher = type == bmp::peer_type::global ? 0 : 0x0000fde800000064ull;
  h.peer_as = 4200000001u;
  h.peer_bgp_id = *ipv4_addr::parse("198.51.100.7");
  h.timestamp_sec = 1700000000;
  h.timestamp_usec = 250000;
  return h;
}

bgp::update_msg update4() {
  bgp::update_msg u;
  u.path_attributes.push_back(bgp::attr_origin{});
  bgp::attr_as_path ap;
  ap.value = {{bgp::as_path_segment::as_sequence, {4200000001u, 65000}}};
  u.path_attributes.push_back(ap);
  bgp::attr_next_hop nh;
  nh.value = *ipv4_addr::parse("192.0.2.1");
  u.path_attributes.push_back(nh);
  u.nlri.push_back(bgp::prefix_nlri::make(*ip_prefix::parse("198.51.100.0/24")));
  return u;
}

bmp::tlv tlv(std::uint16_t type, std::string_view text) {
  bmp::tlv t;
  t.type = type;
  bytes_view b = as_bytes(text);
  t.value.assign(b.begin(), b.end());
  t.len = std::uint16_t(t.value.size());
  return t;
}

class InteropBmpTshark : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    dir_ = fs::temp_directory_path() / ("wirekit_bmp_tshark_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  // One frame per message; returns the pcap and keeps the wire bytes.
  fs::path write(const std::vector<bmp::message>& msgs, const bmp::options& o = {}) {
    fs::path p = dir_ / "bmp.pcap";
    auto w = pcap::writer::create(p.string());
    EXPECT_TRUE(w.ok());
    wire_.clear();
    std::uint32_t seq = 1;
    for (const auto& m : msgs) {
      auto b = bmp::encode(m, o);
      EXPECT_TRUE(b.ok()) << b.err().to_string();
      wire_.push_back(*b);
      EXPECT_TRUE(w->write(frame_with(*b, seq)).ok());
      seq += std::uint32_t(b->size());
    }
    EXPECT_TRUE(w->close().ok());
    return p;
  }
  bmp::message decoded(std::size_t i, const bmp::options& o = {}) {
    auto m = bmp::decode(wire_.at(i), o);
    EXPECT_TRUE(m.ok()) << m.err().to_string();
    return m.ok() ? *m : bmp::message{};
  }
  void expect_peer(fields& f, const bmp::peer_header& h) {
    EXPECT_EQ(f["bmp.peer.type"], strs({h.peer_type}));
    EXPECT_EQ(f["bmp.peer.flags"], one(flags_hex(h.flags)));
    if (h.peer_address.is_v6() && h.peer_type != bmp::peer_type::loc_rib) {
      EXPECT_EQ(f["bmp.peer.ipv6.addr"], one(h.peer_address.to_string()));
    } else if (h.peer_address.is_v4()) {
      EXPECT_EQ(f["bmp.peer.ip.addr"], one(h.peer_address.to_string()));
    }
    EXPECT_EQ(f["bmp.peer.asn"], strs({h.peer_as}));
    EXPECT_EQ(f["bmp.peer.id"], one(h.peer_bgp_id.to_string()));
    EXPECT_EQ(f["bmp.peer.timestamp.sec"], strs({h.timestamp_sec}));
    EXPECT_EQ(f["bmp.peer.timestamp.msec"], strs({h.timestamp_usec}));
  }
  fs::path dir_;
  std::vector<bytes> wire_;
};

const std::vector<std::string> kPeerFields = {"bmp.version", "bmp.length", "bmp.type", "bmp.peer.type",
                                              "bmp.peer.flags", "bmp.peer.ip.addr", "bmp.peer.ipv6.addr",
                                              "bmp.peer.asn", "bmp.peer.id", "bmp.peer.timestamp.sec",
                                              "bmp.peer.timestamp.msec", "bmp.peer.flags.loc_rib",
                                              "bmp.peer.flags.adj_rib_out", "bmp.peer.flags.as_path",
                                              "bmp.peer.flags.post_policy"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(InteropBmpTshark, LocRibAdjRibOutAndAsFlags) {
  bmp::route_monitoring loc;
  loc.peer = peer(bmp::peer_type::loc_rib, bmp::peer_flag::f, "::");  // RFC 9069: F flag, zero address
  loc.bgp_update = update4();
  bmp::route_monitoring out;
  out.peer = peer(bmp::peer_type::global, bmp::peer_flag::o | bmp::peer_flag::l, "2001:db8::7");
  out.bgp_update = update4();
  bmp::route_monitoring as2;
  as2.peer = peer(bmp::peer_type::rd, bmp::peer_flag::a, "203.0.113.9");
  bgp::update_msg u2 = update4();
  std::get<bgp::attr_as_path>(u2.path_attributes[1]).value = {{bgp::as_path_segment::as_sequence, {65001, 65002}}};
  as2.bgp_update = u2;
  bmp::options rfc;
  rfc.rfc_as_width = true;
  auto f = run_tshark(write({loc, out, as2}, rfc),
                      with(kPeerFields, {"bgp.type", "bgp.nlri_prefix", "bgp.prefix_length",
                                         "bgp.update.path_attribute.as_path_segment.as4",
                                         "bgp.update.path_attribute.as_path_segment.as2"}));
  ASSERT_EQ(f.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    auto m = decoded(i, rfc);
    const auto& rm = std::get<bmp::route_monitoring>(m);
    EXPECT_EQ(f[i]["bmp.version"], one("3"));
    EXPECT_EQ(f[i]["bmp.length"], strs({rm.len}));
    EXPECT_EQ(f[i]["bmp.type"], one("0"));
    expect_peer(f[i], rm.peer);
    const auto& u = std::get<bgp::update_msg>(rm.bgp_update);
    EXPECT_EQ(f[i]["bgp.type"], one("2"));
    EXPECT_EQ(f[i]["bgp.nlri_prefix"], one(u.nlri.at(0).addr.to_string()));
    EXPECT_EQ(f[i]["bgp.prefix_length"], strs({u.nlri.at(0).length}));
    std::vector<std::uint64_t> asns;
    for (const auto& s : u.find<bgp::attr_as_path>()->value) asns.insert(asns.end(), s.asns.begin(), s.asns.end());
    // tshark reads the AS width from the A flag as RFC 7854 says
    EXPECT_EQ(f[i][rm.peer.two_byte_as() ? "bgp.update.path_attribute.as_path_segment.as2"
                                          : "bgp.update.path_attribute.as_path_segment.as4"],
              strs(asns))
        << i;
  }
  EXPECT_EQ(f[0]["bmp.peer.flags.loc_rib"], one("1"));  // tshark's name for the F bit of type 3
  EXPECT_EQ(f[1]["bmp.peer.flags.adj_rib_out"], one("1"));
  EXPECT_EQ(f[1]["bmp.peer.flags.post_policy"], one("1"));
  EXPECT_EQ(f[2]["bmp.peer.flags.as_path"], one("1"));
}

TEST_F(InteropBmpTshark, StatisticsTypes0To17) {
  bmp::statistics_report s;
  s.peer = peer(bmp::peer_type::global, 0, "192.0.2.33");
  for (std::uint16_t t = 0; t <= 6; ++t) s.stats.push_back(bmp::stat_tlv::make_counter(t, 1000u + t));
  for (std::uint16_t t : {7, 8}) s.stats.push_back(bmp::stat_tlv::make_gauge(t, 0x100000000ull + t));
  for (std::uint16_t t : {9, 10}) s.stats.push_back(bmp::stat_tlv::make_afi_safi_gauge(t, {2, 1}, 500u + t));
  for (std::uint16_t t = 11; t <= 13; ++t) s.stats.push_back(bmp::stat_tlv::make_counter(t, 2000u + t));
  for (std::uint16_t t : {14, 15}) s.stats.push_back(bmp::stat_tlv::make_gauge(t, 3000u + t));
  for (std::uint16_t t : {16, 17}) s.stats.push_back(bmp::stat_tlv::make_afi_safi_gauge(t, {1, 128}, 4000u + t));
  auto f = run_tshark(
      write({s}),
      with(kPeerFields,
           {"bmp.stats.count", "bmp.stats.type", "bmp.stats.length", "bmp.stats.data.prefix_rej",
            "bmp.stats.data.prefix_dup", "bmp.stats.data.withdraw_dup", "bmp.stats.data.cluster_loop",
            "bmp.stats.data.as_loop", "bmp.stats.data.inv_originator", "bmp.stats.data.as_confed_loop",
            "bmp.stats.data.routes_adj_rib_in", "bmp.stats.data.routes_loc_rib",
            "bmp.stats.data.routes_per_adj_rib_in.afi", "bmp.stats.data.routes_per_adj_rib_in.safi",
            "bmp.stats.data.routes_per_adj_rib_in", "bmp.stats.data.routes_per_loc_rib",
            "bmp.stats.data.update_treat", "bmp.stats.data.prefixes_treat", "bmp.stats.data.duplicate_update",
            "bmp.stats.data.routes_pre_adj_rib_out", "bmp.stats.data.routes_post_adj_rib_out",
            "bmp.stats.data.routes_pre_per_adj_rib_out.afi", "bmp.stats.data.routes_pre_per_adj_rib_out.safi",
            "bmp.stats.data.routes_pre_per_adj_rib_out", "bmp.stats.data.routes_post_per_adj_rib_out.afi",
            "bmp.stats.data.routes_post_per_adj_rib_out.safi", "bmp.stats.data.routes_post_per_adj_rib_out"}));
  ASSERT_EQ(f.size(), 1u);
  auto m = decoded(0);
  const auto& r = std::get<bmp::statistics_report>(m);
  expect_peer(f[0], r.peer);
  EXPECT_EQ(f[0]["bmp.stats.count"], strs({r.stats.size()}));
  std::vector<std::uint64_t> types, lens;
  std::map<std::uint16_t, const bmp::stat_tlv*> by;
  for (const auto& t : r.stats) {
    types.push_back(t.type);
    lens.push_back(t.len);
    by[t.type] = &t;
  }
  EXPECT_EQ(f[0]["bmp.stats.type"], strs(types));
  EXPECT_EQ(f[0]["bmp.stats.length"], strs(lens));
  const char* counters[] = {"prefix_rej", "prefix_dup", "withdraw_dup", "cluster_loop", "as_loop", "inv_originator",
                            "as_confed_loop"};
  for (std::uint16_t t = 0; t <= 6; ++t)
    EXPECT_EQ(f[0][std::string("bmp.stats.data.") + counters[t]], strs({*by[t]->counter()})) << t;
  EXPECT_EQ(f[0]["bmp.stats.data.routes_adj_rib_in"], strs({*by[7]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_loc_rib"], strs({*by[8]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_per_adj_rib_in.afi"], strs({by[9]->family()->afi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_per_adj_rib_in.safi"], strs({by[9]->family()->safi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_per_adj_rib_in"], strs({*by[9]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_per_loc_rib"], strs({*by[10]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.update_treat"], strs({*by[11]->counter()}));
  EXPECT_EQ(f[0]["bmp.stats.data.prefixes_treat"], strs({*by[12]->counter()}));
  EXPECT_EQ(f[0]["bmp.stats.data.duplicate_update"], strs({*by[13]->counter()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_pre_adj_rib_out"], strs({*by[14]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_post_adj_rib_out"], strs({*by[15]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_pre_per_adj_rib_out.afi"], strs({by[16]->family()->afi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_pre_per_adj_rib_out.safi"], strs({by[16]->family()->safi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_pre_per_adj_rib_out"], strs({*by[16]->gauge()}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_post_per_adj_rib_out.afi"], strs({by[17]->family()->afi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_post_per_adj_rib_out.safi"], strs({by[17]->family()->safi}));
  EXPECT_EQ(f[0]["bmp.stats.data.routes_post_per_adj_rib_out"], strs({*by[17]->gauge()}));
}

TEST_F(InteropBmpTshark, PeerUpInfoTlvsAndPeerDownReasons) {
  bmp::peer_up up;
  up.peer = peer(bmp::peer_type::loc_rib, 0, "0.0.0.0");
  up.local_address = *ip_addr::parse("192.0.2.1");
  up.local_port = 179;
  up.remote_port = 0;
  bgp::open_msg o;
  o.my_as = bgp::as_trans;
  o.hold_time = 90;
  o.bgp_identifier = *ipv4_addr::parse("192.0.2.1");
  bgp::cap_four_octet_as as4;
  as4.as_number = 4200000001u;
  o.opt_param.push_back(as4);
  up.sent_open_message = o;
  up.received_open_message = o;
  up.info = {tlv(bmp::info_type::vrf_table_name, "global"), tlv(bmp::info_type::string, "loc-rib of r1")};

  std::vector<bmp::message> msgs = {up};
  bgp::notification_msg n;
  n.error_code = 6;
  n.error_subcode = 2;
  for (std::uint8_t reason = 1; reason <= 6; ++reason) {
    bmp::peer_down d;
    d.peer = peer(reason == 6 ? bmp::peer_type::loc_rib : bmp::peer_type::global, 0, "192.0.2.44");
    d.reason = reason;
    if (reason == 1 || reason == 3) d.notification = bgp::message{n};
    if (reason == 2) d.fsm_event = 7;
    if (reason == 6) d.info = {tlv(bmp::info_type::vrf_table_name, "blue")};
    msgs.push_back(d);
  }
  auto f = run_tshark(write(msgs), with(kPeerFields, {"bmp.peer.up.ip.addr", "bmp.peer.up.port.local",
                                                      "bmp.peer.up.port.remote", "bgp.open.myas", "bgp.cap.4as",
                                                      "bmp.peer.down.reason", "bgp.notify.major_error",
                                                      "bgp.notify.minor_error_cease", "bmp.init.type", "bmp.init.length",
                                                      "bmp.init.info"}));
  ASSERT_EQ(f.size(), msgs.size());
  {
    auto m = decoded(0);
    const auto& u = std::get<bmp::peer_up>(m);
    expect_peer(f[0], u.peer);
    EXPECT_EQ(f[0]["bmp.type"], one("3"));
    EXPECT_EQ(f[0]["bmp.peer.up.ip.addr"], one(u.local_address.to_string()));
    EXPECT_EQ(f[0]["bmp.peer.up.port.local"], strs({u.local_port}));
    EXPECT_EQ(f[0]["bmp.peer.up.port.remote"], strs({u.remote_port}));
    const auto& so = std::get<bgp::open_msg>(u.sent_open_message);
    EXPECT_EQ(f[0]["bgp.open.myas"], strs({so.my_as, so.my_as}));
    EXPECT_EQ(f[0]["bgp.cap.4as"], strs({so.as_number(), so.as_number()}));
    ASSERT_EQ(u.info.size(), 2u);
    EXPECT_EQ(f[0]["bmp.length"], strs({u.len}));
    if (f[0]["bmp.init.type"].empty()) {
      // tshark 4.0 does not dissect peer up information TLVs (it reads them as a malformed BGP
      // message); they are checked against the RFC layout in bmp_message_test.cpp instead.
      std::cout << "note: this tshark does not dissect peer up information TLVs\n";
    } else {
      EXPECT_EQ(f[0]["bmp.init.type"], strs({u.info[0].type, u.info[1].type}));
      EXPECT_EQ(f[0]["bmp.init.length"], strs({u.info[0].len, u.info[1].len}));
    }
  }
  for (std::size_t i = 1; i < msgs.size(); ++i) {
    auto m = decoded(i);
    const auto& d = std::get<bmp::peer_down>(m);
    expect_peer(f[i], d.peer);
    EXPECT_EQ(f[i]["bmp.type"], one("2"));
    EXPECT_EQ(f[i]["bmp.peer.down.reason"], strs({d.reason}));
    if (d.notification) {
      const auto& nn = std::get<bgp::notification_msg>(*d.notification);
      EXPECT_EQ(f[i]["bgp.notify.major_error"], strs({nn.error_code}));
      EXPECT_EQ(f[i]["bgp.notify.minor_error_cease"], strs({nn.error_subcode}));
    }
  }
}

TEST_F(InteropBmpTshark, RouteMirroringAndTermination) {
  bmp::route_mirroring rm;
  rm.peer = peer(bmp::peer_type::global, bmp::peer_flag::l, "192.0.2.50");
  bmp::mirror_tlv t0;
  t0.message = bgp::message{update4()};
  bmp::mirror_tlv t1;
  t1.type = bmp::mirror_type::information;
  t1.value = {std::byte{0}, std::byte{1}};
  rm.tlvs = {t0, t1};
  // (tshark 4.0 dissects only the first TLV of a termination message: one each)
  bmp::termination term, term2;
  bmp::tlv reason;
  reason.type = bmp::term_type::reason;
  reason.value = {std::byte{0}, std::byte{2}};
  term.info = {tlv(bmp::term_type::string, "bye")};
  term2.info = {reason};
  bmp::options rfc;
  rfc.rfc_as_width = true;
  auto f = run_tshark(write({rm, term, term2}, rfc),
                      with(kPeerFields, {"bgp.type", "bgp.nlri_prefix", "bmp.term.type", "bmp.term.length",
                                         "bmp.term.info", "bmp.term.reason"}));
  ASSERT_EQ(f.size(), 3u);
  auto m = decoded(0, rfc);
  const auto& r = std::get<bmp::route_mirroring>(m);
  EXPECT_EQ(f[0]["bmp.type"], one("6"));
  EXPECT_EQ(f[0]["bmp.length"], strs({r.len}));
  expect_peer(f[0], r.peer);  // tshark 4.0 dissects the per-peer header of type 6, not its TLVs
  auto mt = decoded(1);
  const auto& t = std::get<bmp::termination>(mt);
  EXPECT_EQ(f[1]["bmp.type"], one("5"));
  EXPECT_EQ(f[1]["bmp.term.type"], strs({t.info[0].type}));
  EXPECT_EQ(f[1]["bmp.term.length"], strs({t.info[0].len}));
  EXPECT_EQ(f[1]["bmp.term.info"], one("bye"));
  auto mt2 = decoded(2);
  const auto& t2 = std::get<bmp::termination>(mt2);
  EXPECT_EQ(f[2]["bmp.term.type"], strs({t2.info[0].type}));
  EXPECT_EQ(f[2]["bmp.term.reason"], strs({load_be16(t2.info[0].value.data())}));
  EXPECT_EQ(bmp::to_json(mt2).at("BMPTermination").at("info")[0].at("value"), 2);
}

// The gobgpd capture: wirekit's stream decode of the TCP payload towards the station, message
// by message, against tshark's dissection of the same capture.
TEST_F(InteropBmpTshark, GobgpdCapture) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path cap = shared / "fixtures" / "peers" / "bgp-bmp-gobgpd.pcap";
  if (!fs::exists(cap)) GTEST_SKIP() << cap << " is absent";
  auto rd = pcap::reader::open(cap.string());
  ASSERT_TRUE(rd.ok()) << rd.err().to_string();
  bmp::stream_parser sp;
  std::vector<bmp::message> msgs;
  pcap::frame fr;
  for (;;) {
    auto more = rd->next(fr);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    auto pk = packet::parse(fr.data);
    if (!pk) continue;
    const tcp* t = nullptr;
    const payload* pl = nullptr;
    for (const auto& h : pk->protocols) {
      if (auto* x = std::get_if<tcp>(&h)) t = x;
      if (auto* x = std::get_if<payload>(&h)) pl = x;
    }
    if (!t || t->dst_port != 11019 || !pl) continue;
    ASSERT_TRUE(sp.feed(pl->data).ok());
    for (;;) {
      auto r = sp.next();
      ASSERT_TRUE(r.ok()) << r.err().to_string();
      if (!*r) break;
      msgs.push_back(std::move(**r));
    }
  }
  ASSERT_FALSE(msgs.empty());
  std::string cmd = "tshark -r '" + cap.string() +
                    "' -d tcp.port==11019,bmp -Y bmp -T fields -E occurrence=a -E aggregator=, -e bmp.type "
                    "-e bmp.peer.type -e bmp.peer.flags -e bmp.peer.asn -e bmp.peer.timestamp.sec "
                    "-e bmp.peer.id -e bmp.peer.down.reason 2>/dev/null";
  std::string out;
  ASSERT_EQ(test::run_command(cmd, out), 0);
  std::vector<std::vector<std::string>> cols(7);
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t pos = 0;
    for (auto& c : cols) {
      std::size_t tab = line.find('\t', pos);
      std::string v = line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos);
      pos = tab == std::string::npos ? line.size() : tab + 1;
      std::size_t s = 0;
      while (!v.empty()) {
        std::size_t k = v.find(',', s);
        c.push_back(v.substr(s, k == std::string::npos ? std::string::npos : k - s));
        if (k == std::string::npos) break;
        s = k + 1;
      }
    }
  }
  std::vector<std::string> types, ptypes, flags, asns, secs, ids, reasons;
  for (const auto& m : msgs) {
    types.push_back(std::to_string(bmp::type_of(m)));
    if (auto* h = bmp::peer_of(m)) {
      ptypes.push_back(std::to_string(h->peer_type));
      flags.push_back(flags_hex(h->flags));
      asns.push_back(std::to_string(h->peer_as));
      secs.push_back(std::to_string(h->timestamp_sec));
      ids.push_back(h->peer_bgp_id.to_string());
    }
    if (auto* d = std::get_if<bmp::peer_down>(&m)) reasons.push_back(std::to_string(d->reason));
  }
  EXPECT_EQ(cols[0], types);
  EXPECT_EQ(cols[1], ptypes);
  EXPECT_EQ(cols[2], flags);
  EXPECT_EQ(cols[3], asns);
  EXPECT_EQ(cols[4], secs);
  EXPECT_EQ(cols[5], ids);
  EXPECT_EQ(cols[6], reasons);
  EXPECT_EQ(cols[0].size(), msgs.size());
}

}  // namespace
