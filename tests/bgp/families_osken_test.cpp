// EVPN NLRI (route types 1-5, ESI types 0-5, unknown types), FlowSpec NLRI (IPv4, IPv6, VPNv4,
// VPNv6, L2VPN, every component os-ken has), every extended community kind and every PMSI
// tunnel id form, against os-ken: tests/bgp/data/families_osken.json holds UPDATEs built and
// serialized by os-ken and os-ken's JSON of them (made by tests/bgp/data/gen_families.py; see
// tests/bgp/data/README.md). Also: hostile inputs (every byte mutated) never crash.
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/hex.hpp"
#include "wirekit/bgp/app.hpp"

using json = nlohmann::json;
using namespace wirekit;

namespace {

using test::from_hex;

const json& cases() {
  static const json j = test::read_json(test::data_dir().parent_path() / "bgp" / "data" / "families_osken.json");
  return j;
}

std::vector<std::string> case_names() {
  std::vector<std::string> v;
  for (auto& [k, _] : cases().items()) v.push_back(k);
  return v;
}

// Lengths encode recomputes (os-ken's JSON of a route without its label has another length).
json without_lengths(json j) {
  if (j.is_object()) {
    for (const char* k : {"len", "total_path_attribute_len", "length"}) j.erase(k);
    for (auto& [k, v] : j.items()) v = without_lengths(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = without_lengths(v);
  }
  return j;
}

class BgpFamiliesOsken : public ::testing::TestWithParam<std::string> {};

TEST_P(BgpFamiliesOsken, DecodeEncodeAsOsken) {
  const json& c = cases()[GetParam()];
  const bytes wire = from_hex(c["hex"].get<std::string>());
  const json& want = c["json"];
  const auto& ctx = bgp::frame_context();
  auto m = bgp::decode_message(wire, ctx);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_EQ(test::json_diff(want, bgp::to_json(*m)), "");
  // Decoded -> the same bytes (labels, reserved octets, RD types kept).
  auto again = bgp::encode_message(*m, ctx);
  ASSERT_TRUE(again.ok()) << again.err().to_string();
  EXPECT_EQ(to_hex(*again), to_hex(wire));
  // From os-ken's JSON: the same bytes where the JSON shows every byte; else the same JSON.
  auto fj = bgp::message_from_json(want);
  ASSERT_TRUE(fj.ok()) << fj.err().to_string();
  auto enc = bgp::encode_message(*fj, ctx);
  ASSERT_TRUE(enc.ok()) << enc.err().to_string();
  if (c["json_lossless"].get<bool>()) {
    EXPECT_EQ(to_hex(*enc), to_hex(wire)) << "encode of os-ken's JSON";
  } else {
    auto back = bgp::decode_message(*enc, ctx);
    ASSERT_TRUE(back.ok()) << back.err().to_string();
    EXPECT_EQ(test::json_diff(without_lengths(want), without_lengths(bgp::to_json(*back))), "");
  }
}

// Every byte set to 0x00, 0xff and +1 in turn: decode fails cleanly or gives something that
// converts to JSON and encodes (run under ASan/UBSan in the sanitizer build).
TEST_P(BgpFamiliesOsken, HostileMutationsDoNotCrash) {
  const bytes wire = from_hex(cases()[GetParam()]["hex"].get<std::string>());
  const auto& ctx = bgp::frame_context();
  for (std::size_t i = 19; i < wire.size(); ++i) {
    for (int k = 0; k < 3; ++k) {
      bytes b = wire;
      b[i] = k == 0 ? std::byte{0} : k == 1 ? std::byte{0xff} : std::byte(std::to_integer<int>(b[i]) + 1);
      bgp::decode_report rep;
      auto m = bgp::decode_message(b, ctx, {.revised_error_handling = true}, rep);
      if (!m.ok()) {
        EXPECT_EQ(m.err().protocol, "bgp");
        EXPECT_LE(m.err().offset, b.size());
        continue;
      }
      json j = bgp::to_json(*m);
      (void)bgp::encode_message(*m, ctx);
      (void)bgp::message_from_json(j);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Osken, BgpFamiliesOsken, ::testing::ValuesIn(case_names()), [](const auto& info) {
  return info.param;
});

// ---- direct API checks (expected values from os-ken's classes, see the comments) -------------

TEST(BgpFamilies, ExtCommunityDispatchLikeOsken) {
  // os-ken: _ExtendedCommunity.parse looks up (type & ~0x40, subtype), then type & ~0x40.
  auto of = [](std::array<std::uint8_t, 8> b) { return bgp::ext_community::from_bytes(b); };
  EXPECT_TRUE(std::holds_alternative<bgp::ec_two_octet_as>(of({0x40, 2, 0, 1, 0, 0, 0, 2}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_encapsulation>(of({0x43, 0x0c, 0, 0, 0, 0, 0, 8}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_opaque>(of({0x03, 0x0b, 0, 0, 0, 0, 0, 8}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_redirect>(of({0xc0, 8, 0, 1, 0, 0, 0, 2}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_unknown>(of({0x80, 0x0c, 0, 1, 0, 0, 0, 2}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_unknown>(of({0x06, 0x05, 0, 1, 0, 0, 0, 2}).value));
  EXPECT_TRUE(std::holds_alternative<bgp::ec_tpid_action>(of({0x48, 0x0b, 0, 1, 0, 0, 0, 2}).value));
  // Reserved octets os-ken skips survive a decode/encode.
  std::array<std::uint8_t, 8> tm{0x80, 9, 1, 2, 3, 4, 5, 46};
  EXPECT_EQ(of(tm).to_bytes(), tm);
  std::array<std::uint8_t, 8> va{0x08, 0x0a, 0xc0, 0x18, 0xfa, 0x0f, 0x06, 0x45};
  auto v = of(va);
  ASSERT_TRUE(std::holds_alternative<bgp::ec_vlan_action>(v.value));
  EXPECT_EQ(std::get<bgp::ec_vlan_action>(v.value).vlan_1, 4000);
  EXPECT_EQ(std::get<bgp::ec_vlan_action>(v.value).cos_1, 7);
  EXPECT_EQ(v.to_bytes(), va);
}

TEST(BgpFamilies, TruncatedEvpnNamesFieldAndOffset) {
  // Route type 2 cut inside the MAC address: 2 + 8 + 10 + 4 + 1 + 3 bytes of a 28-byte body.
  bytes b = from_hex("021c" "0000fde800000064" "00010203040506070809" "00000007" "30" "aabbcc");
  reader r(b, 100);
  bgp::evpn_nlri n;
  auto st = bgp::decode_evpn_nlri(r, n);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().protocol, "bgp");
  EXPECT_EQ(st.err().offset, 100u + 1);  // the length field that overruns
  bytes b2 = from_hex("0217" "0000fde800000064" "00010203040506070809" "00000007" "30");
  reader r2(b2, 100);
  auto st2 = bgp::decode_evpn_nlri(r2, n);
  ASSERT_FALSE(st2.ok());
  EXPECT_EQ(st2.err().field, "nlri.evpn.mac_addr");
  EXPECT_EQ(st2.err().offset, 100u + 25);
}

TEST(BgpFamilies, FlowSpecTwoByteLength) {
  // RFC 8955 §4.1: 0xf0nn.. is a 12-bit length; a value below 240 in that form is kept so.
  bytes b = from_hex("f003" "0381" "06");
  reader r(b);
  bgp::flowspec_nlri n;
  ASSERT_TRUE(bgp::decode_flowspec_nlri(r, {1, 133}, n).ok());
  EXPECT_TRUE(n.long_length);
  ASSERT_EQ(n.rules.size(), 1u);
  bytes out;
  writer w(out);
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w, {1, 133}, n).ok());
  EXPECT_EQ(to_hex(out), to_hex(b));
  // 301 bytes of rules (one type octet, 150 operator/value pairs): two-byte length 0xf12d.
  bgp::flowspec_nlri big;
  for (int i = 0; i < 150; ++i) big.rules.push_back(bgp::flowspec_operator{3, 0x01, std::uint64_t(i)});
  out.clear();
  writer w2(out);
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w2, {1, 133}, big).ok());
  EXPECT_EQ(std::to_integer<int>(out[0]), 0xf1);
  EXPECT_EQ(std::to_integer<int>(out[1]), 0x2d);
  reader r3(out);
  bgp::flowspec_nlri back;
  ASSERT_TRUE(bgp::decode_flowspec_nlri(r3, {1, 133}, back).ok());
  EXPECT_EQ(back.rules.size(), 150u);
}

}  // namespace

namespace {

TEST(BgpFamilies, UnknownRdTypeRoundTripsThroughJson) {
  // os-ken cannot decode RD types other than 0-2; wirekit shows "type:hex" (BGPUnknownRD's
  // text) and reads it back.
  std::string h = cases()["evpn_incl_mcast_v4"]["hex"].get<std::string>();
  auto at = h.find("0000fde800000064");
  ASSERT_NE(at, std::string::npos);
  h.replace(at, 4, "0007");
  const bytes wire = from_hex(h);
  auto m = bgp::decode_message(wire, bgp::frame_context());
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const json j = bgp::to_json(*m);
  EXPECT_NE(j.dump().find("\"route_dist\":\"7:fde800000064\""), std::string::npos) << j.dump();
  auto back = bgp::message_from_json(j);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  auto enc = bgp::encode_message(*back, bgp::frame_context());
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(to_hex(*enc), to_hex(wire));
}

}  // namespace

namespace {

TEST(BgpFamilies, TrafficRateNonFinite) {
  // A NaN/infinite float32 rate (found by bgp_fuzz): JSON shows Python's token as a string and
  // reads it back.
  bgp::ext_community nan = bgp::ext_community::from_bytes({0x80, 6, 0, 1, 0x7f, 0xc0, 0, 0});
  bgp::ext_community inf = bgp::ext_community::from_bytes({0x80, 6, 0, 1, 0xff, 0x80, 0, 0});
  bgp::update_msg u;
  bgp::attr_extended_communities a;
  a.communities = {nan, inf};
  u.path_attributes.push_back(a);
  bgp::message m = u;
  auto wire = bgp::encode_message(m, bgp::frame_context());
  ASSERT_TRUE(wire.ok()) << wire.err().to_string();
  auto d = bgp::decode_message(*wire, bgp::frame_context());
  ASSERT_TRUE(d.ok());
  const json j = bgp::to_json(*d);
  EXPECT_NE(j.dump().find("\"rate_info\":\"NaN\""), std::string::npos) << j.dump();
  EXPECT_NE(j.dump().find("\"rate_info\":\"-Infinity\""), std::string::npos) << j.dump();
  EXPECT_EQ(j, bgp::to_json(*d));
  auto back = bgp::message_from_json(j);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  auto enc = bgp::encode_message(*back, bgp::frame_context());
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(to_hex(*enc), to_hex(*wire));  // quiet NaN 0x7fc00000 survives the float trip
}

}  // namespace

namespace {

// Adds `extra` to the inner object of the first `cls` in j.
bool add_to(json& j, const std::string& cls, const json& extra) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k == cls && v.is_object()) {
        for (auto& [ek, ev] : extra.items()) v[ek] = ev;
        return true;
      }
      if (add_to(v, cls, extra)) return true;
    }
  } else if (j.is_array()) {
    for (auto& v : j)
      if (add_to(v, cls, extra)) return true;
  }
  return false;
}

// os-ken's JSON drops labels (and the EVPN IP prefix); given back as os-ken's constructor
// arguments (the ones the cases were built with, gen_families.py), encode gives os-ken's bytes.
TEST(BgpFamilies, ConstructorArgumentsRestoreWhatJsonDrops) {
  struct c {
    const char* name;
    const char* cls;
    json extra;
  } all[] = {
      {"evpn_eth_ad_esi0", "EvpnEthernetAutoDiscoveryNLRI", {{"mpls_label", 1000}}},
      {"evpn_eth_ad_vni", "EvpnEthernetAutoDiscoveryNLRI", {{"vni", 0x123456}}},
      {"evpn_mac_ip_v4", "EvpnMacIPAdvertisementNLRI", {{"mpls_labels", {100}}}},
      {"evpn_mac_ip_v6_two_labels", "EvpnMacIPAdvertisementNLRI", {{"mpls_labels", {100, 200}}}},
      {"evpn_mac_ip_no_ip", "EvpnMacIPAdvertisementNLRI", {{"vni", 5000}}},
      {"evpn_ip_prefix_v4", "EvpnIpPrefixNLRI", {{"ip_prefix", "10.20.0.0/16"}, {"mpls_label", 300}}},
      {"evpn_ip_prefix_v6", "EvpnIpPrefixNLRI", {{"ip_prefix", "2001:db8:1::/48"}, {"vni", 77}}},
      {"ec_esi_label", "BGPEvpnEsiLabelExtendedCommunity", {{"mpls_label", 1234}}},
      {"pmsi_ingress_v4", "BGPPathAttributePmsiTunnel", {{"vni", 5000}}},
      {"pmsi_ingress_v6", "BGPPathAttributePmsiTunnel", {{"mpls_label", 300}}},
  };
  for (const auto& x : all) {
    json j = cases()[x.name]["json"];
    ASSERT_TRUE(add_to(j, x.cls, x.extra)) << x.name;
    auto m = bgp::message_from_json(j);
    ASSERT_TRUE(m.ok()) << x.name << ": " << m.err().to_string();
    auto enc = bgp::encode_message(*m, bgp::frame_context());
    ASSERT_TRUE(enc.ok()) << x.name;
    EXPECT_EQ(to_hex(*enc), cases()[x.name]["hex"].get<std::string>()) << x.name;
  }
}


// Empty byte strings for fixed-size fields are padded with zeros as Python's struct.pack('6s' /
// '9s') pads them (json_fuzz found the empty case reaching memcpy with a null source).
TEST(BgpFamilies, EmptyFixedBytesFromJsonArePaddedWithZeros) {
  json j = cases()["ec_opaque"]["json"];
  j["BGPUpdate"]["path_attributes"][0]["BGPPathAttributeExtendedCommunities"]["communities"][0]
   ["BGPOpaqueExtendedCommunity"]["opaque"] = "";
  auto m = bgp::message_from_json(j);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  auto enc = bgp::encode_message(*m, bgp::frame_context());
  ASSERT_TRUE(enc.ok());
  std::string want = cases()["ec_opaque"]["hex"].get<std::string>();
  want.replace(want.size() - 12, 12, "000000000000");  // the 6 opaque bytes
  EXPECT_EQ(to_hex(*enc), want);

  json e = cases()["evpn_mac_ip_v4"]["json"];
  json& route = e["BGPUpdate"]["path_attributes"][2]["BGPPathAttributeMpReachNLRI"]["nlri"][0]["EvpnMacIPAdvertisementNLRI"];
  route["esi"] = json{{"EvpnUnknownEsi", {{"type", 252}, {"value", ""}}}};
  auto m2 = bgp::message_from_json(e);
  ASSERT_TRUE(m2.ok()) << m2.err().to_string();
  auto enc2 = bgp::encode_message(*m2, bgp::frame_context());
  ASSERT_TRUE(enc2.ok());
  EXPECT_NE(to_hex(*enc2).find("fc000000000000000000"), std::string::npos) << to_hex(*enc2);  // type 252 + 9 zero bytes
}

}  // namespace
