// wire_view: headers located in place. Checked on frames written byte by byte from the RFCs
// (offsets, sizes and fields as the RFC layouts give them), and differentially against
// packet::parse (the same errors, the same headers, every fixed field read from the wire equal
// to the decoded struct's) on the os-ken seed frames, every truncation and many one-byte
// mutations of them, and the generated frame fixtures.
#include <gtest/gtest.h>

#include <algorithm>

#include "fuzz/frame_check.hpp"
#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/packet/wire_view.hpp"

namespace fs = std::filesystem;
using namespace wirekit;

namespace {

std::vector<header_kind> kinds(const wire_view& v) {
  std::vector<header_kind> k;
  for (const auto& e : v) k.push_back(e.kind);
  return k;
}

// Ethernet (type 0x88a8) / 802.1ad S-tag (PCP 3, VID 200, type 0x8100) / 802.1Q C-tag (PCP 0,
// DEI 1, VID 4094, type 0x86dd) / IPv6 (traffic class 0x2e, flow label 0x12345, payload length
// 12, next header UDP, hop limit 255, 2001:db8::1 -> 2001:db8::2) / UDP (547 -> 546 is DHCPv6:
// here 5000 -> 6000 instead, length 12) / 4 data bytes / 2 trailer bytes.
bytes qinq_ipv6_udp_frame() {
  return to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0xa8,  // ethernet
                   0x60, 0xc8, 0x81, 0x00,                                      // S-tag: 011 0 000011001000
                   0x1f, 0xfe, 0x86, 0xdd,                                      // C-tag: 000 1 111111111110
                   0x62, 0xe1, 0x23, 0x45, 0x00, 0x0c, 0x11, 0xff,              // ipv6
                   0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,  //
                   0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,  //
                   0x13, 0x88, 0x17, 0x70, 0x00, 0x0c, 0x00, 0x00,              // udp
                   0xca, 0xfe, 0xf0, 0x0d,                                      // data
                   0x00, 0x07});                                                // trailer
}

// Ethernet / MPLS (label 16, TC 0, not bottom, TTL 64) / MPLS (label 17, bottom, TTL 63) /
// IPv4 (IHL 5, total length 60, TCP) / TCP 40000 -> 80, data offset 10 (20 option bytes as a
// SYN sends them: MSS 1460, SACK permitted, timestamps 7 and 0, NOP, window scale 7), SYN.
bytes mpls_tcp_syn_frame() {
  return to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0x47,  // ethernet
                   0x00, 0x01, 0x00, 0x40, 0x00, 0x01, 0x11, 0x3f,              // two labels
                   0x45, 0x00, 0x00, 0x3c, 0x00, 0x02, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,  // ipv4
                   0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,                          //
                   0x9c, 0x40, 0x00, 0x50, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00,  // tcp
                   0xa0, 0x02, 0xfa, 0xf0, 0x00, 0x00, 0x00, 0x00,                          //
                   0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x07,  // options
                   0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07});
}

TEST(WireView, LocatesHeadersAndReadsFieldsFromTheWire) {
  bytes f = qinq_ipv6_udp_frame();
  wire_view v;
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::svlan, header_kind::vlan,
                                                header_kind::ipv6, header_kind::udp, header_kind::payload,
                                                header_kind::payload}));
  // Offsets and sizes: 14 + 4 + 4 + 40 + 8, then the 4 data bytes the UDP length covers, then
  // the trailer.
  const std::uint32_t off[] = {0, 14, 18, 22, 62, 70, 74}, size[] = {14, 4, 4, 40, 8, 4, 2};
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i].offset, off[i]) << i;
    EXPECT_EQ(v[i].size, size[i]) << i;
    EXPECT_FALSE(v[i].from_app);
  }
  EXPECT_EQ(v[3].end, 74u);  // the IPv6 payload length ends the layer before the trailer
  EXPECT_EQ(to_hex(v.carried(3)), "13881770000c0000cafef00d");
  EXPECT_EQ(v.field<&ethernet::ethertype>(0), 0x88a8);
  EXPECT_EQ(v.field<&ethernet::src>(0).to_string(), "02:00:00:00:00:01");
  EXPECT_EQ(v.field<&svlan::pcp>(1), 3);
  EXPECT_EQ(v.field<&svlan::vid>(1), 200);
  EXPECT_EQ(v.field<&vlan::cfi>(2), 1);
  EXPECT_EQ(v.field<&vlan::vid>(2), 4094);
  EXPECT_EQ(v.field<&ipv6::traffic_class>(3), 0x2e);
  EXPECT_EQ(v.field<&ipv6::flow_label>(3), 0x12345u);
  EXPECT_EQ(v.field<&ipv6::hop_limit>(3), 255);
  EXPECT_EQ(v.field<&ipv6::dst>(3).to_string(), "2001:db8::2");
  EXPECT_EQ(v.field<&udp::src_port>(4), 5000);
  EXPECT_EQ(v.field<&udp::total_length>(4), 12);
  EXPECT_EQ(to_hex(v.payload()), "cafef00d");
  EXPECT_EQ(to_hex(v.bytes(6)), "0007");
  // The whole structs, by their decoders: what packet::parse gives.
  auto pk = packet::parse(f);
  ASSERT_TRUE(pk.ok());
  ipv6 h6;
  ASSERT_TRUE(v.decode(3, h6));
  EXPECT_TRUE(h6 == *pk->get<ipv6>());
  udp hu;
  EXPECT_FALSE(v.decode(3, hu));  // entry 3 is not a UDP header
  packet back;
  v.to_packet(back);
  EXPECT_TRUE(back == *pk);
}

TEST(WireView, TcpOptionsInPlace) {
  bytes f = mpls_tcp_syn_frame();
  wire_view v;
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::mpls, header_kind::mpls,
                                                header_kind::ipv4, header_kind::tcp}));
  EXPECT_EQ(v.field<&mpls::label>(1), 16u);
  EXPECT_EQ(v.field<&mpls::bsb>(1), 0);
  EXPECT_EQ(v.field<&mpls::label>(2), 17u);
  EXPECT_EQ(v.field<&mpls::ttl>(2), 63);
  EXPECT_EQ(v.field<&ipv4::total_length>(3), 60);
  EXPECT_EQ(v.field<&ipv4::flags>(3), 2);  // DF
  EXPECT_EQ(v.field<&tcp::offset>(4), 10);
  EXPECT_EQ(v.field<&tcp::bits>(4), tcp_flag::syn);
  EXPECT_EQ(v.field<&tcp::seq>(4), 0x1000u);
  EXPECT_EQ(v[4].size, 40u);
  tcp_option_list ol = v.tcp_options(4);
  ASSERT_FALSE(ol.malformed());
  std::vector<std::pair<int, std::size_t>> got;
  for (const auto& o : ol) got.emplace_back(o.kind, o.bytes.size());
  EXPECT_EQ(got, (std::vector<std::pair<int, std::size_t>>{{2, 4}, {4, 2}, {8, 10}, {1, 1}, {3, 3}}));
  EXPECT_EQ(to_hex(ol[2].bytes), "080a0000000700000000");
  EXPECT_EQ(wire::read_field<&tcp_option_mss::max_seg_size>(ol[0].bytes.data()), 1460);
  EXPECT_EQ(wire::read_field<&tcp_option_window_scale::shift_cnt>(ol[4].bytes.data()), 7);

  // A timestamps option of length 9 breaks the list: packet::parse keeps the 20 bytes raw.
  f[62 + 7] = std::byte{0x09};
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  ol = v.tcp_options(4);
  EXPECT_TRUE(ol.malformed());
  EXPECT_TRUE(ol.empty());
  EXPECT_EQ(ol.area().size(), 20u);
  auto pk = packet::parse(f);
  ASSERT_TRUE(pk.ok());
  EXPECT_TRUE(std::holds_alternative<bytes>(*pk->get<tcp>()->option));
}

TEST(WireView, UnusualHeadersGoThroughTheirDecoders) {
  // IPv4 with 4 option bytes (router alert, RFC 2113: 94 04 00 00), then UDP: the entry covers
  // the options; decode() gives packet::parse's struct with its option list.
  bytes f = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,  //
                      0x46, 0x00, 0x00, 0x20, 0x00, 0x03, 0x00, 0x00, 0x01, 0x11, 0x00, 0x00,
                      0xc0, 0x00, 0x02, 0x01, 0xe0, 0x00, 0x00, 0x16, 0x94, 0x04, 0x00, 0x00,  //
                      0x04, 0x00, 0x04, 0x01, 0x00, 0x08, 0x00, 0x00});
  wire_view v;
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[1].size, 24u);
  EXPECT_EQ(v[2].offset, 38u);
  EXPECT_EQ(v.field<&ipv4::header_length>(1), 6);
  auto pk = packet::parse(f);
  ASSERT_TRUE(pk.ok());
  ipv4 h;
  ASSERT_TRUE(v.decode(1, h));
  EXPECT_TRUE(h == *pk->get<ipv4>());
  EXPECT_TRUE(h.option.has_value());

  // IPv6 with a hop-by-hop header (8 bytes: next header ICMPv6, length 0, PadN of 4) before an
  // ICMPv6 echo request: one IPv6 entry of 48 bytes, the ICMPv6 message after it.
  bytes g = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xdd,  //
                      0x60, 0, 0, 0, 0x00, 0x10, 0x00, 0x40,                       //
                      0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,     //
                      0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,     //
                      0x3a, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00,              // hop-by-hop
                      0x80, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x01});            // echo request
  ASSERT_TRUE(wire_view::parse_into(v, g).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::ipv6, header_kind::icmpv6}));
  EXPECT_EQ(v[1].size, 48u);
  EXPECT_EQ(v[2].offset, 62u);
  auto pg = packet::parse(g);
  ASSERT_TRUE(pg.ok());
  packet back;
  v.to_packet(back);
  EXPECT_TRUE(back == *pg);
}

TEST(WireView, ApplicationEntries) {
  // Ethernet / IPv4 / TCP 50000 -> 179 / a BGP KEEPALIVE (RFC 4271 §4.4) / 2 more bytes.
  bytes f = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,  //
                      0x45, 0x00, 0x00, 0x3d, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00,
                      0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,  //
                      0xc3, 0x50, 0x00, 0xb3, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0x01, 0xf5, 0, 0, 0, 0});
  for (int i = 0; i < 16; ++i) f.push_back(std::byte{0xff});
  for (unsigned x : {0x00u, 0x13u, 0x04u, 0xabu, 0xcdu}) f.push_back(std::byte(x));
  wire_view v;
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  EXPECT_EQ(kinds(v), (std::vector<header_kind>{header_kind::ethernet, header_kind::ipv4, header_kind::tcp,
                                                header_kind::app, header_kind::payload}));
  EXPECT_TRUE(v[3].from_app);
  EXPECT_EQ(v[3].offset, 54u);
  EXPECT_EQ(v[3].size, 21u);  // all the bytes the BGP decoder was given
  const auto* msg = std::get_if<app_ptr>(&v.app_header(3));
  ASSERT_NE(msg, nullptr);
  EXPECT_EQ((*msg)->class_name(), "BGPKeepAlive");
  payload rest;
  ASSERT_TRUE(v.decode(4, rest));
  EXPECT_EQ(to_hex(rest.data), "abcd");
  // Without application decoders the bytes after TCP are one payload.
  ASSERT_TRUE(wire_view::parse_into(v, f, parse_options{.applications = false}).ok());
  EXPECT_EQ(kinds(v).back(), header_kind::payload);
  EXPECT_EQ(v.app_headers(), 0u);
  EXPECT_EQ(v.payload().size(), 21u);
  // Moving keeps the entries and the application's output; the moved-from view is empty.
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  wire_view moved = std::move(v);
  EXPECT_EQ(moved.size(), 5u);
  EXPECT_EQ(v.size(), 0u);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(std::get<app_ptr>(moved.app_header(3))->class_name(), "BGPKeepAlive");
  v = std::move(moved);
  // Reused for a frame of another shape: nothing of the last one is left.
  bytes g = qinq_ipv6_udp_frame();
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  ASSERT_TRUE(wire_view::parse_into(v, g).ok());
  EXPECT_EQ(v.size(), 7u);
  EXPECT_EQ(v.app_headers(), 0u);
  EXPECT_FALSE(v[4].from_app);
  EXPECT_THROW(v.app_header(4), std::invalid_argument);
  EXPECT_THROW(v.field<&tcp::src_port>(4), std::invalid_argument);  // entry 4 is UDP
}

// Hostile use of the public pieces: an option area longer than a TCP header holds (41 NOPs
// would overrun a 40-option list), and an entry that is a copy, not one of the view's.
TEST(WireView, GuardsOnOptionAreasAndEntries) {
  const bytes nops(41, std::byte{1});
  tcp_option_list ol(nops);
  EXPECT_TRUE(ol.malformed());
  EXPECT_TRUE(ol.empty());
  const bytes forty(40, std::byte{1});
  EXPECT_EQ(tcp_option_list(forty).size(), 40u);  // 40 NOPs: the most a header can carry
  bytes f = mpls_tcp_syn_frame();
  wire_view v;
  ASSERT_TRUE(wire_view::parse_into(v, f).ok());
  const wire_view::entry copy = v[4];
  EXPECT_THROW(v.app_header(copy), std::invalid_argument);
}

TEST(WireView, ErrorsAreThoseOfPacketParse) {
  bytes f = mpls_tcp_syn_frame();
  wire_view v;
  // Truncated in the TCP options; TCP data offset 4; an IPv4 total length beyond the frame.
  std::vector<bytes> bad = {bytes(f.begin(), f.begin() + 70), f, f};
  bad[1][22 + 20 + 12] = std::byte{0x40};
  bad[2][22 + 2] = std::byte{0x10};
  for (std::size_t i = 0; i < bad.size(); ++i) {
    auto want = packet::parse(bad[i]);
    ASSERT_FALSE(want.ok()) << i;
    status got = wire_view::parse_into(v, bad[i]);
    ASSERT_FALSE(got.ok()) << i;
    EXPECT_EQ(got.err().to_string(), want.err().to_string()) << i;
  }
  status s = wire_view::parse_into(v, bad[1]);
  EXPECT_EQ(s.err().protocol, "tcp");
  EXPECT_EQ(s.err().field, "offset");
  EXPECT_EQ(s.err().offset, 22u + 20u + 12u);
  EXPECT_FALSE(wire_view::parse_into(v, {}).ok());
}

// The differential check (frame_check.hpp, check_wire_view) on the os-ken seed frames, each
// cut at every length up to 160 bytes and with each of its first 160 bytes set to values that
// move lengths, offsets and kinds across their limits (0, 1, 2, 4, 5, 6, 0x40, 0x80, 0xff, the
// value + 1 and - 1): wire_view accepts exactly what packet::parse accepts, with the same
// errors, headers, places and fields.
TEST(WireView, DifferentialOnSeedFramesAndMutations) {
  fs::path dir = fs::path(WIREKIT_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "frames";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 20u);
  wire_view reused;
  std::size_t checked = 0, accepted = 0;
  auto check = [&](const bytes& b, const std::string& what) {
    auto p = packet::parse(b);
    accepted += p.ok();
    ++checked;
    EXPECT_EQ(fuzz::check_detail::check_wire_view(b, p, reused), "") << what;
  };
  for (const auto& file : files) {
    const bytes f = test::read_file(file);
    const std::string name = file.filename().string();
    check(f, name);
    const std::size_t n = std::min<std::size_t>(f.size(), 160);
    for (std::size_t len = 0; len < n; ++len) check(bytes(f.begin(), f.begin() + len), name + " cut at " + std::to_string(len));
    for (std::size_t i = 0; i < n; ++i)
      for (unsigned x : {0x00u, 0x01u, 0x02u, 0x04u, 0x05u, 0x06u, 0x40u, 0x80u, 0xffu,
                         std::to_integer<unsigned>(f[i]) + 1, std::to_integer<unsigned>(f[i]) - 1}) {
        bytes m = f;
        m[i] = std::byte(x);
        check(m, name + " byte " + std::to_string(i));
      }
  }
  // Both outcomes are well represented.
  EXPECT_GT(accepted, checked / 4);
  EXPECT_LT(accepted, checked);
}

// Every value of the length fields the fast paths check (IPv4 total length and header
// length, IPv6 payload length, TCP data offset, UDP length) and of ICMP's type, on frames of
// each usual shape, and each frame cut at every length: the boundaries of every fast-path
// condition, against packet::parse.
TEST(WireView, DifferentialOnEveryLengthField) {
  // Ethernet / IPv4 (total length 36) / ICMP echo request (id 1, seq 2) / 8 data bytes.
  const bytes icmp4 = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,  //
                                0x45, 0x00, 0x00, 0x24, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
                                0xc0, 0x00, 0x02, 0x01, 0xc6, 0x33, 0x64, 0x07,  //
                                0x08, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8});
  // Ethernet / IPv6 (payload length 12) / ICMPv6 echo request (id 1, seq 2) / 4 data bytes.
  bytes icmp6 = to_bytes({0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x86, 0xdd,  //
                          0x60, 0, 0, 0, 0x00, 0x0c, 0x3a, 0x40});
  for (int i = 0; i < 2; ++i)
    for (int b = 0; b < 16; ++b) icmp6.push_back(std::byte(b == 0 ? 0x20 : b == 15 ? i + 1 : 0));
  for (unsigned x : {0x80u, 0x00u, 0x00u, 0x00u, 0x00u, 0x01u, 0x00u, 0x02u, 9u, 9u, 9u, 9u}) icmp6.push_back(std::byte(x));
  const bytes udp6 = qinq_ipv6_udp_frame(), tcp4 = mpls_tcp_syn_frame();

  wire_view reused;
  auto check = [&](const bytes& b, const std::string& what) {
    EXPECT_EQ(fuzz::check_detail::check_wire_view(b, packet::parse(b), reused), "") << what;
  };
  auto sweep = [&](const bytes& base, std::size_t at, std::size_t width, unsigned upto, const std::string& name) {
    for (unsigned v = 0; v <= upto; ++v) {
      bytes m = base;
      if (width == 2) m[at] = std::byte(v >> 8);
      m[at + width - 1] = std::byte(v & 0xff);
      check(m, name + " = " + std::to_string(v));
    }
  };
  struct field_at {
    const bytes* frame;
    std::size_t at, width;
    unsigned upto;
    const char* name;
  };
  for (const field_at& x : {field_at{&icmp4, 16, 2, 64, "icmp4 ipv4 total_length"},
                            field_at{&icmp4, 14, 1, 255, "icmp4 ipv4 version/header_length"},
                            field_at{&icmp4, 34, 1, 255, "icmp4 icmp type"},
                            field_at{&icmp6, 18, 2, 64, "icmp6 ipv6 payload_length"},
                            field_at{&icmp6, 20, 1, 255, "icmp6 next header"},
                            field_at{&icmp6, 54, 1, 255, "icmp6 icmpv6 type"},
                            field_at{&udp6, 26, 2, 64, "udp6 ipv6 payload_length"},
                            field_at{&udp6, 66, 2, 64, "udp6 udp total_length"},
                            field_at{&udp6, 12, 2, 0xffff, "udp6 ethertype"},
                            field_at{&tcp4, 24, 2, 80, "tcp4 ipv4 total_length"},
                            field_at{&tcp4, 54, 1, 255, "tcp4 tcp data offset"},
                            field_at{&tcp4, 20, 1, 255, "tcp4 mpls bottom of stack"}})
    sweep(*x.frame, x.at, x.width, x.upto, x.name);
  for (const bytes* f : std::initializer_list<const bytes*>{&icmp4, &icmp6, &udp6, &tcp4})
    for (std::size_t len = 0; len <= f->size(); ++len) check(bytes(f->begin(), f->begin() + len), "cut");
  // Zero bytes where a header would be: a payload up to the end of the frame, as packet::parse.
  for (const bytes* f : std::initializer_list<const bytes*>{&icmp4, &udp6, &tcp4})
    for (std::size_t from = 14; from < f->size(); ++from) {
      bytes m = *f;
      std::fill(m.begin() + static_cast<std::ptrdiff_t>(from), m.end(), std::byte{0});
      check(m, "zero from " + std::to_string(from));
    }
}

TEST(WireView, DifferentialOnGeneratedFixtures) {
  WIREKIT_REQUIRE_SHARED(shared);
  fs::path dir = shared / "fixtures" / "generated" / "frames";
  auto names = test::case_names(dir);
  if (names.empty()) GTEST_SKIP() << dir << " holds no cases";
  wire_view reused;
  for (const auto& name : names) {
    bytes wire = test::read_file(dir / (name + ".bin"));
    EXPECT_EQ(fuzz::check_detail::check_wire_view(wire, packet::parse(wire), reused), "") << name;
  }
}

}  // namespace
