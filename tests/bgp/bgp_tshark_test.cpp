// What os-ken lacks (large communities, ADD-PATH, AIGP, confederation segments, 4-byte AS,
// extended messages, ...), checked against an independent implementation: the test writes BGP
// messages built with wirekit into a pcap (Ethernet/IPv4/TCP 179), runs tshark's BGP dissector
// on it (`tshark -T fields`) and compares its fields with wirekit's decode of the same bytes.
// Skipped when tshark is not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/bgp/app.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

bytes frame_with(const bytes& bgp_bytes) { return test::tcp_frame(bgp_bytes, 179, 40000, 1000, 2000); }

// tshark's values of the fields, per frame: field -> list of occurrences.
using fields = test::tshark_fields;

std::vector<fields> run_tshark(const fs::path& pcap, const std::vector<std::string>& names,
                               const std::string& extra = "") {
  return test::run_tshark_fields(pcap, "-o bgp.asn_len:\"4 octet\" " + extra, names);
}

std::vector<std::string> strs(const std::vector<std::uint64_t>& v) {
  std::vector<std::string> s;
  for (auto x : v) s.push_back(std::to_string(x));
  return s;
}

class BgpTshark : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
    dir_ = fs::temp_directory_path() / ("wirekit_bgp_tshark_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  fs::path write(const std::vector<bytes>& msgs) {
    fs::path p = dir_ / "bgp.pcap";
    auto w = pcap::writer::create(p.string());
    EXPECT_TRUE(w.ok());
    for (const auto& m : msgs) EXPECT_TRUE(w->write(frame_with(m)).ok());
    EXPECT_TRUE(w->close().ok());
    return p;
  }
  fs::path dir_;
};

TEST_F(BgpTshark, OpenCapabilities) {
  bgp::open_msg o;
  o.my_as = bgp::as_trans;
  o.hold_time = 90;
  o.bgp_identifier = *ipv4_addr::parse("192.0.2.1");
  bgp::cap_multiprotocol mp;
  mp.afi = 2;
  mp.safi = 1;
  o.opt_param.push_back(mp);
  bgp::cap_four_octet_as as4;
  as4.as_number = 4200000000u;
  as4.grouped = true;
  o.opt_param.push_back(as4);
  o.opt_param.push_back(bgp::make_add_path_capability({{1, 1, 3}, {2, 1, 1}}));
  bgp::cap_graceful_restart gr;
  gr.flags = 8;
  gr.time = 120;
  gr.tuples = {{1, 1, 0x80}};
  o.opt_param.push_back(gr);
  o.opt_param.push_back(bgp::make_extended_message_capability());
  auto b = bgp::encode_message(o, {});
  ASSERT_TRUE(b.ok());
  auto f = run_tshark(write({*b}), {"bgp.open.myas", "bgp.open.holdtime", "bgp.open.identifier", "bgp.cap.type",
                                    "bgp.cap.mp.afi", "bgp.cap.4as", "bgp.cap.ap.afi", "bgp.cap.ap.safi",
                                    "bgp.cap.ap.sendreceive", "bgp.cap.gr.timers.restart_time", "bgp.cap.gr.afi",
                                    "bgp.open.opt.param.len"});
  ASSERT_EQ(f.size(), 1u);
  auto m = bgp::decode_message(*b, {});
  ASSERT_TRUE(m.ok());
  const auto& d = std::get<bgp::open_msg>(*m);
  EXPECT_EQ(f[0]["bgp.open.myas"], strs({d.my_as}));
  EXPECT_EQ(f[0]["bgp.open.holdtime"], strs({d.hold_time}));
  EXPECT_EQ(f[0]["bgp.open.identifier"], std::vector<std::string>{d.bgp_identifier.to_string()});
  std::vector<std::uint64_t> codes;
  for (const auto& p : d.opt_param) codes.push_back(std::visit([](const auto& x) -> std::uint64_t {
      if constexpr (requires { x.cap_code; }) return x.cap_code; else return 0; }, p));
  EXPECT_EQ(f[0]["bgp.cap.type"], strs(codes));
  EXPECT_EQ(f[0]["bgp.cap.4as"], strs({d.as_number()}));
  auto ap = d.add_path();
  ASSERT_EQ(ap.size(), 2u);
  EXPECT_EQ(f[0]["bgp.cap.ap.afi"], strs({ap[0].afi, ap[1].afi}));
  EXPECT_EQ(f[0]["bgp.cap.ap.safi"], strs({ap[0].safi, ap[1].safi}));
  EXPECT_EQ(f[0]["bgp.cap.ap.sendreceive"], strs({ap[0].send_receive, ap[1].send_receive}));
  auto* g = d.find_capability<bgp::cap_graceful_restart>();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(f[0]["bgp.cap.gr.timers.restart_time"], strs({g->time}));
  EXPECT_EQ(f[0]["bgp.cap.gr.afi"], strs({g->tuples[0].afi}));
  // MP and 4-octet AS share one parameter (grouped), the others have their own
  EXPECT_EQ(f[0]["bgp.open.opt.param.len"].size(), 4u);
}

TEST_F(BgpTshark, UpdateAttributesOskenLacks) {
  bgp::update_msg u;
  u.path_attributes.push_back(bgp::attr_origin{});
  bgp::attr_as_path ap;
  ap.value = {{bgp::as_path_segment::as_confed_sequence, {65001, 65002}},
              {bgp::as_path_segment::as_sequence, {4200000000u, 65000}},
              {bgp::as_path_segment::as_set, {7, 5}}};
  u.path_attributes.push_back(ap);
  bgp::attr_next_hop nh;
  nh.value = *ipv4_addr::parse("192.0.2.1");
  u.path_attributes.push_back(nh);
  bgp::attr_aggregator ag;
  ag.as_number = 4200000001u;
  ag.addr = *ipv4_addr::parse("192.0.2.9");
  u.path_attributes.push_back(ag);
  bgp::attr_communities cm;
  cm.communities = {0xfde80001u, 0x00010002u};  // (tshark names well-known ones instead)
  u.path_attributes.push_back(cm);
  bgp::attr_originator_id oid;
  oid.value = *ipv4_addr::parse("10.0.0.1");
  u.path_attributes.push_back(oid);
  bgp::attr_cluster_list cl;
  cl.value = {*ipv4_addr::parse("1.1.1.1"), *ipv4_addr::parse("2.2.2.2")};
  u.path_attributes.push_back(cl);
  bgp::attr_large_communities lc;
  lc.communities = {{65000, 1, 2}, {4200000000u, 3, 4294967295u}};
  u.path_attributes.push_back(lc);
  u.path_attributes.push_back(bgp::attr_aigp::make(1234567890123ull));
  u.nlri.push_back(bgp::prefix_nlri::make(*ip_prefix::parse("198.51.100.0/24")));
  bgp::context four;
  four.as = bgp::context::as_width::four;
  auto b = bgp::encode_message(u, four);
  ASSERT_TRUE(b.ok()) << b.err().to_string();
  auto f = run_tshark(write({*b}),
                      {"bgp.update.path_attribute.as_path_segment.type", "bgp.update.path_attribute.as_path_segment.as4",
                       "bgp.update.path_attribute.aggregator_as", "bgp.update.path_attribute.community_as",
                       "bgp.update.path_attribute.community_value", "bgp.update.path_attribute.originator_id",
                       "bgp.path_attribute.cluster_id", "bgp.large_communities.ga", "bgp.large_communities.ldp1",
                       "bgp.large_communities.ldp2", "bgp.update.attribute.aigp.accu_igp_metric", "bgp.nlri_prefix",
                       "bgp.prefix_length"});
  ASSERT_EQ(f.size(), 1u);
  auto m = bgp::decode_message(*b, four);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const auto& d = std::get<bgp::update_msg>(*m);
  auto* p = d.find<bgp::attr_as_path>();
  ASSERT_NE(p, nullptr);
  std::vector<std::uint64_t> types, asns;
  for (const auto& s : p->value) {
    types.push_back(s.type);
    asns.insert(asns.end(), s.asns.begin(), s.asns.end());
  }
  EXPECT_EQ(f[0]["bgp.update.path_attribute.as_path_segment.type"], strs(types));
  EXPECT_EQ(f[0]["bgp.update.path_attribute.as_path_segment.as4"], strs(asns));
  EXPECT_EQ(f[0]["bgp.update.path_attribute.aggregator_as"], strs({d.find<bgp::attr_aggregator>()->as_number}));
  auto* c = d.find<bgp::attr_communities>();
  EXPECT_EQ(f[0]["bgp.update.path_attribute.community_as"], strs({c->communities[0] >> 16, c->communities[1] >> 16}));
  EXPECT_EQ(f[0]["bgp.update.path_attribute.community_value"],
            strs({c->communities[0] & 0xffff, c->communities[1] & 0xffff}));
  EXPECT_EQ(f[0]["bgp.update.path_attribute.originator_id"],
            std::vector<std::string>{d.find<bgp::attr_originator_id>()->value.to_string()});
  auto* cls = d.find<bgp::attr_cluster_list>();
  EXPECT_EQ(f[0]["bgp.path_attribute.cluster_id"],
            (std::vector<std::string>{cls->value[0].to_string(), cls->value[1].to_string()}));
  auto* l = d.find<bgp::attr_large_communities>();
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(f[0]["bgp.large_communities.ga"], strs({l->communities[0].global_admin, l->communities[1].global_admin}));
  EXPECT_EQ(f[0]["bgp.large_communities.ldp1"], strs({l->communities[0].local_data1, l->communities[1].local_data1}));
  EXPECT_EQ(f[0]["bgp.large_communities.ldp2"], strs({l->communities[0].local_data2, l->communities[1].local_data2}));
  auto* ai = d.find<bgp::attr_aigp>();
  ASSERT_NE(ai, nullptr);
  EXPECT_EQ(f[0]["bgp.update.attribute.aigp.accu_igp_metric"], strs({*ai->metric()}));
  EXPECT_EQ(f[0]["bgp.nlri_prefix"], std::vector<std::string>{d.nlri[0].addr.to_string()});
  EXPECT_EQ(f[0]["bgp.prefix_length"], strs({d.nlri[0].length}));
}

TEST_F(BgpTshark, MpReachIpv6LinkLocalAndVpn) {
  bgp::update_msg u;
  u.path_attributes.push_back(bgp::attr_origin{});
  u.path_attributes.push_back(bgp::attr_as_path{});
  bgp::attr_mp_reach_nlri mp;
  mp.afi = 2;
  mp.safi = 1;
  mp.set_next_hops({*ip_addr::parse("2001:db8::1"), *ip_addr::parse("fe80::1")});
  mp.nlri = std::vector<bgp::prefix_nlri>{bgp::prefix_nlri::make(*ip_prefix::parse("2001:db8:1::/48")),
                                          bgp::prefix_nlri::make(*ip_prefix::parse("2001:db8:2:8000::/49"))};
  u.path_attributes.push_back(mp);
  auto b = bgp::encode_message(u, {});
  ASSERT_TRUE(b.ok()) << b.err().to_string();
  auto f = run_tshark(write({*b}), {"bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
                                    "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local",
                                    "bgp.mp_reach_nlri_ipv6_prefix", "bgp.prefix_length"});
  ASSERT_EQ(f.size(), 1u);
  auto m = bgp::decode_message(*b, {});
  ASSERT_TRUE(m.ok());
  auto* r = std::get<bgp::update_msg>(*m).find<bgp::attr_mp_reach_nlri>();
  auto hops = r->next_hops();
  ASSERT_EQ(hops.size(), 2u);
  EXPECT_EQ(f[0]["bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6"], std::vector<std::string>{hops[0].to_string()});
  EXPECT_EQ(f[0]["bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local"],
            std::vector<std::string>{hops[1].to_string()});
  auto& v = std::get<std::vector<bgp::prefix_nlri>>(r->nlri);
  EXPECT_EQ(f[0]["bgp.mp_reach_nlri_ipv6_prefix"],
            (std::vector<std::string>{v[0].prefix().addr.to_string(), v[1].prefix().addr.to_string()}));
  EXPECT_EQ(f[0]["bgp.prefix_length"], strs({v[0].length, v[1].length}));
}

TEST_F(BgpTshark, AddPathIdentifiers) {
  // tshark detects ADD-PATH NLRI heuristically; the prefixes are chosen so that only the
  // ADD-PATH reading is valid.
  bgp::context ctx;
  ctx.add_path = {{1, 1}};
  bgp::update_msg u;
  u.path_attributes.push_back(bgp::attr_origin{});
  u.path_attributes.push_back(bgp::attr_as_path{});
  bgp::attr_next_hop nh;
  nh.value = *ipv4_addr::parse("192.0.2.1");
  u.path_attributes.push_back(nh);
  for (std::uint32_t id : {1u, 2u, 300u}) {
    auto p = bgp::prefix_nlri::make(*ip_prefix::parse("203.0.113.0/24"));
    p.path_id = id;
    u.nlri.push_back(p);
  }
  auto b = bgp::encode_message(u, ctx);
  ASSERT_TRUE(b.ok()) << b.err().to_string();
  auto f = run_tshark(write({*b}), {"bgp.nlri_path_id", "bgp.nlri_prefix"});
  ASSERT_EQ(f.size(), 1u);
  auto m = bgp::decode_message(*b, ctx);
  ASSERT_TRUE(m.ok());
  const auto& d = std::get<bgp::update_msg>(*m);
  std::vector<std::uint64_t> ids;
  std::vector<std::string> pfx;
  for (const auto& n : d.nlri) {
    ids.push_back(*n.path_id);
    pfx.push_back(n.addr.to_string());
  }
  if (f[0]["bgp.nlri_path_id"].empty()) GTEST_SKIP() << "this tshark does not detect ADD-PATH NLRI";
  EXPECT_EQ(f[0]["bgp.nlri_path_id"], strs(ids));
  EXPECT_EQ(f[0]["bgp.nlri_prefix"], pfx);
}

}  // namespace
