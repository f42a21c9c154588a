// packet_view: the same headers as packet::parse (checked against os-ken's decoding of the
// generated frame fixtures, and field by field on frames written byte by byte from the RFCs),
// the payload as a view of the input, objects reused across frames of other shapes.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/packet/packet_view.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

// Ethernet II (dst, src, type 0x8100) / 802.1Q (PCP 5, DEI 0, VID 100, type 0x0800) / IPv4
// (IHL 5, total length 32, id 0x1234, DF, TTL 64, UDP, checksum as given, 192.0.2.1 ->
// 198.51.100.7) / UDP (40000 -> 5001, length 12, checksum 0) / 4 payload bytes / 6 bytes of
// Ethernet padding.
bytes vlan_udp_frame() {
  return to_bytes({0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x81, 0x00,  // ethernet
                   0xa0, 0x64, 0x08, 0x00,                                                          // 802.1Q
                   0x45, 0x00, 0x00, 0x20, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0xab, 0xcd,          // ipv4
                   0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,                                  //
                   0x9c, 0x40, 0x13, 0x89, 0x00, 0x0c, 0x00, 0x00,                                  // udp
                   0xde, 0xad, 0xbe, 0xef,                                                          // data
                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00});                                            // padding
}

// Ethernet / IPv4 (total length 52) / TCP 51000 -> 443, data offset 8 (12 option bytes: NOP,
// NOP, timestamps 1 and 2), flags ACK|PSH / no data.
bytes tcp_ts_frame() {
  return to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,                    // ethernet
                   0x45, 0x00, 0x00, 0x34, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,          // ipv4
                   0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,                                  //
                   0xc7, 0x38, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x09,          // tcp
                   0x80, 0x18, 0x01, 0xf5, 0x1c, 0x2d, 0x00, 0x00,                                  //
                   0x01, 0x01, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02});        // options
}

std::vector<header_kind> kinds(const packet_view& v) {
  std::vector<header_kind> k;
  for (const auto& e : v) k.push_back(e.kind);
  return k;
}

TEST(PacketView, FieldsOfAVlanUdpFrame) {
  bytes f = vlan_udp_frame();
  packet_view v;
  ASSERT_TRUE(packet_view::parse_into(v, f).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::vlan, header_kind::ipv4,
                                                header_kind::udp, header_kind::payload, header_kind::payload}));
  ASSERT_NE(v.get<ethernet>(), nullptr);
  EXPECT_EQ(v.get<ethernet>()->ethertype, 0x8100);
  EXPECT_EQ(v.get<ethernet>()->src.b[5], 0x01);
  const vlan* t = v.get<vlan>();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->pcp, 5);
  EXPECT_EQ(t->cfi, 0);
  EXPECT_EQ(t->vid, 100);
  const ipv4* ip = v.get<ipv4>();
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->total_length, 32);
  EXPECT_EQ(ip->identification, 0x1234);
  EXPECT_EQ(ip->flags, 2);  // DF
  EXPECT_EQ(ip->ttl, 64);
  EXPECT_EQ(ip->proto, 17);
  EXPECT_EQ(ip->csum, 0xabcd);
  EXPECT_EQ(ip->src, (ipv4_addr{{192, 0, 2, 1}}));
  EXPECT_EQ(ip->dst, (ipv4_addr{{198, 51, 100, 7}}));
  EXPECT_FALSE(ip->option.has_value());
  const udp* u = v.get<udp>();
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->src_port, 40000);
  EXPECT_EQ(u->dst_port, 5001);
  EXPECT_EQ(u->total_length, 12);
  // The UDP data, then the bytes beyond the IPv4 total length: views into f itself.
  EXPECT_EQ(v.count<payload>(), 2u);
  EXPECT_EQ(v.payload(0).data(), f.data() + 46);
  EXPECT_EQ(to_hex(v.payload(0)), "deadbeef");
  EXPECT_EQ(v.payload(1).size(), 6u);
  EXPECT_TRUE(v.payload(2).empty());
  EXPECT_EQ(v.get<tcp>(), nullptr);
  EXPECT_EQ(v.get<vlan>(1), nullptr);
  EXPECT_EQ(v.count<vlan>(), 1u);
  EXPECT_EQ(v.count<tcp>(), 0u);
}

TEST(PacketView, VisitsInWireOrder) {
  bytes f = vlan_udp_frame();
  packet_view v;
  ASSERT_TRUE(packet_view::parse_into(v, f).ok());
  std::vector<std::string> names;
  v.visit([&](const auto& h) {
    using T = std::remove_cvref_t<decltype(h)>;
    if constexpr (std::is_same_v<T, bytes_view>)
      names.push_back("payload:" + std::to_string(h.size()));
    else if constexpr (std::is_same_v<T, app_ptr>)
      names.push_back(h->class_name());
    else
      names.push_back(T::name);
  });
  EXPECT_EQ(names, (std::vector<std::string>{"ethernet", "vlan", "ipv4", "udp", "payload:4", "payload:6"}));
}

TEST(PacketView, TcpOptionsAndReuseAcrossShapes) {
  packet_view v;
  bytes a = tcp_ts_frame(), b = vlan_udp_frame();
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(packet_view::parse_into(v, a).ok());
    const tcp* t = v.get<tcp>();
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->src_port, 51000);
    EXPECT_EQ(t->dst_port, 443);
    EXPECT_EQ(t->seq, 7u);
    EXPECT_EQ(t->ack, 9u);
    EXPECT_EQ(t->offset, 8);
    EXPECT_EQ(t->bits, tcp_flag::ack | tcp_flag::psh);
    EXPECT_EQ(t->window_size, 501);
    ASSERT_TRUE(t->option.has_value());
    const auto* opts = std::get_if<tcp_options>(&*t->option);
    ASSERT_NE(opts, nullptr);
    ASSERT_EQ(opts->size(), 3u);
    EXPECT_TRUE(std::holds_alternative<tcp_option_nop>((*opts)[0]));
    EXPECT_TRUE(std::holds_alternative<tcp_option_nop>((*opts)[1]));
    const auto* ts = std::get_if<tcp_option_timestamps>(&(*opts)[2]);
    ASSERT_NE(ts, nullptr);
    EXPECT_EQ(ts->ts_val, 1u);
    EXPECT_EQ(ts->ts_ecr, 2u);
    EXPECT_EQ(v.count<payload>(), 0u);  // the segment has no data
    EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::ipv4, header_kind::tcp}));
    // Another shape: nothing of the TCP frame is left.
    ASSERT_TRUE(packet_view::parse_into(v, b).ok());
    EXPECT_EQ(v.get<tcp>(), nullptr);
    EXPECT_EQ(v.size(), 6u);
    EXPECT_EQ(v.get<ipv4>()->proto, 17);
  }
}

// Ethernet / IPv4 / TCP 1234 -> 80 whose option area is `opts` (a multiple of 4 bytes), no data.
bytes tcp_frame_with_options(std::initializer_list<std::uint8_t> opts) {
  const std::size_t n = opts.size();
  bytes f = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,                       // ethernet
                      0x45, 0x00, 0x00, std::uint8_t(40 + n), 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0, 0,  // ipv4
                      0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,                                     //
                      0x04, 0xd2, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0,                                     // tcp
                      std::uint8_t((5 + n / 4) << 4), 0x02, 0xff, 0xff, 0, 0, 0, 0});
  for (std::uint8_t b : opts) f.push_back(std::byte{b});
  return f;
}

// The option list of a reused TCP object is filled in place (each option into the slot that
// held one of its kind, when there was one): whatever the option layouts before, a frame gives
// the options its bytes say, as a fresh decode does.
TEST(PacketView, TcpOptionListsReusedAcrossLayouts) {
  const bytes syn = tcp_frame_with_options({2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 5, 0, 0, 0, 0, 1, 3, 3, 7});
  const bytes ts = tcp_frame_with_options({1, 1, 8, 10, 0, 0, 0, 6, 0, 0, 0, 9});
  const bytes sack = tcp_frame_with_options({1, 1, 5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4});
  const bytes unknown = tcp_frame_with_options({30, 4, 0xab, 0xcd});
  const bytes eol = tcp_frame_with_options({1, 0, 0, 0});
  const bytes bad = tcp_frame_with_options({8, 10, 0, 0, 0, 6, 0, 0, 0, 9, 3, 4});  // window scale of length 4
  const bytes none = tcp_frame_with_options({});
  const std::vector<const bytes*> order = {&syn, &ts, &sack, &ts, &unknown, &syn, &bad, &ts,   &eol,
                                           &sack, &none, &ts, &syn, &none, &unknown, &eol, &syn};
  packet_view v;
  for (const bytes* f : order) {
    ASSERT_TRUE(packet_view::parse_into(v, *f).ok());
    const tcp* t = v.get<tcp>();
    ASSERT_NE(t, nullptr);
    auto fresh = packet::parse(*f);
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ(*t, *fresh.value().get<tcp>());
  }
  // And the values, read off the bytes above.
  auto options_of = [&](const bytes& f) {
    EXPECT_TRUE(packet_view::parse_into(v, f).ok());
    return v.get<tcp>()->option;
  };
  auto o = options_of(sack);
  ASSERT_TRUE(o && std::holds_alternative<tcp_options>(*o));
  const auto& list = std::get<tcp_options>(*o);
  ASSERT_EQ(list.size(), 3u);
  const auto* s = std::get_if<tcp_option_sack>(&list[2]);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->blocks, (std::vector<tcp_sack_block>{{1, 2}, {3, 4}}));
  o = options_of(syn);
  ASSERT_TRUE(o && std::holds_alternative<tcp_options>(*o));
  ASSERT_EQ(std::get<tcp_options>(*o).size(), 5u);
  EXPECT_EQ(std::get<tcp_option_mss>(std::get<tcp_options>(*o)[0]).max_seg_size, 1460);
  EXPECT_EQ(std::get<tcp_option_timestamps>(std::get<tcp_options>(*o)[2]).ts_val, 5u);
  EXPECT_EQ(std::get<tcp_option_window_scale>(std::get<tcp_options>(*o)[4]).shift_cnt, 7);
  o = options_of(eol);
  ASSERT_TRUE(o && std::holds_alternative<tcp_options>(*o));
  ASSERT_EQ(std::get<tcp_options>(*o).size(), 4u);  // NOP and three EOLs, as os-ken reads them
  EXPECT_TRUE(std::holds_alternative<tcp_option_eol>(std::get<tcp_options>(*o)[1]));
  o = options_of(bad);  // kept as the raw option bytes
  ASSERT_TRUE(o && std::holds_alternative<bytes>(*o));
  EXPECT_EQ(std::get<bytes>(*o).size(), 12u);
  o = options_of(none);
  EXPECT_FALSE(o.has_value());
}

TEST(PacketView, ErrorsAreThoseOfPacketParse) {
  bytes f = vlan_udp_frame();
  // Truncated inside the IPv4 header (byte 30 of 56), an IPv4 total length beyond the frame,
  // an empty input, a UDP length below 8.
  std::vector<bytes> bad = {bytes(f.begin(), f.begin() + 30), f, {}, f};
  bad[1][20] = std::byte{0x01};  // total length 0x0120 = 288
  bad[3][43] = std::byte{0x04};  // UDP length 4
  packet_view v;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    auto want = packet::parse(bad[i]);
    ASSERT_FALSE(want.ok()) << i;
    status got = packet_view::parse_into(v, bad[i]);
    ASSERT_FALSE(got.ok()) << i;
    EXPECT_EQ(got.err().to_string(), want.err().to_string()) << i;
  }
  status s = packet_view::parse_into(v, bad[0]);
  EXPECT_EQ(s.err().protocol, "ipv4");
  EXPECT_EQ(s.err().offset, 18u + 12u);  // src, the first field that does not fit
  s = packet_view::parse_into(v, bad[1]);
  EXPECT_EQ(s.err().field, "total_length");
  EXPECT_EQ(s.err().offset, 20u);
}

TEST(PacketView, ApplicationMessagesAndTheirPayloads) {
  // Ethernet / IPv4 / TCP 179 -> 50000 (no options) / a BGP KEEPALIVE (RFC 4271 §4.4: marker of
  // 16 x 0xff, length 19, type 4) / 3 bytes that are not a BGP message.
  bytes f = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,  //
                      0x45, 0x00, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00,
                      0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,  //
                      0x00, 0xb3, 0xc3, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0x01, 0xf5, 0, 0, 0, 0});
  for (int i = 0; i < 16; ++i) f.push_back(std::byte{0xff});
  for (unsigned x : {0x00u, 0x13u, 0x04u, 0x01u, 0x02u, 0x03u}) f.push_back(std::byte(x));
  packet_view v;
  ASSERT_TRUE(packet_view::parse_into(v, f).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::ipv4, header_kind::tcp,
                                                header_kind::app, header_kind::payload}));
  ASSERT_NE(v.get<app_ptr>(), nullptr);
  EXPECT_EQ((*v.get<app_ptr>())->class_name(), "BGPKeepAlive");
  EXPECT_EQ(to_hex(v.payload()), "010203");
  // The same packet as packet::parse, and the same JSON.
  auto pk = packet::parse(f);
  ASSERT_TRUE(pk.ok());
  EXPECT_TRUE(v.to_packet() == *pk);
  // Moving keeps the views valid (the copied payload stays where it is).
  packet_view moved = std::move(v);
  EXPECT_EQ(to_hex(moved.payload()), "010203");
  EXPECT_TRUE(moved.to_packet() == *pk);
  // The moved-from view is empty and can be parsed into again; so can a view moved onto.
  EXPECT_EQ(v.size(), 0u);  // NOLINT(bugprone-use-after-move)
  ASSERT_TRUE(packet_view::parse_into(v, f).ok());
  EXPECT_TRUE(v.to_packet() == *pk);
  moved = std::move(v);
  bytes g = vlan_udp_frame();
  ASSERT_TRUE(packet_view::parse_into(moved, g).ok());
  EXPECT_EQ(moved.count<app_ptr>(), 0u);
  EXPECT_EQ(moved.get<udp>()->dst_port, 5001);
}

// Every os-ken frame fixture: the view holds what packet::parse gives (same headers, same
// fields, same errors), hence os-ken's JSON wherever packet::parse matches it (FramesFixture).
TEST(PacketView, GeneratedFixturesAsPacketParse) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path dir = shared / "fixtures" / "generated" / "frames";
  auto names = test::case_names(dir);
  if (names.empty()) GTEST_SKIP() << dir << " holds no cases";
  packet_view v;  // reused across all cases, as a capture loop does
  std::size_t same_as_osken = 0;
  for (const auto& name : names) {
    bytes wire = test::read_file(dir / (name + ".bin"));
    auto pk = packet::parse(wire);
    status st = packet_view::parse_into(v, wire);
    ASSERT_EQ(st.ok(), pk.ok()) << name;
    if (!pk.ok()) {
      EXPECT_EQ(st.err().to_string(), pk.err().to_string()) << name;
      continue;
    }
    packet got = v.to_packet();
    EXPECT_TRUE(got == *pk) << name;
    json expect = test::read_json(dir / (name + ".json"));
    json mine = got.to_json();
    EXPECT_EQ(mine, pk->to_json()) << name;
    if (test::json_diff(expect, mine).empty()) ++same_as_osken;
  }
  EXPECT_GT(same_as_osken, names.size() / 2) << "too few cases decode as os-ken does";
}

}  // namespace
