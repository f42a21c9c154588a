// DHCPv6 inside UDP 546/547 inside IPv6 inside Ethernet, with and without an 802.1Q tag: the
// UDP checksum is computed from the IPv6 pseudo-header on encode (RFC 8200 §8.1), left at zero
// on request (serialize_options::udp_zero_checksum), and verified on decode
// (packet::verify_checksums). The independent check is tshark with UDP checksum validation on:
// it must call every checksum we compute "Good" and a corrupted one "Bad", and decode the
// DHCPv6 message (by the ports) through the VLAN tag. The messages are the hand-built samples
// of dhcp6_samples.hpp. Skipped when tshark is not installed (the wirekit-side checks run).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "dhcp6/dhcp6_samples.hpp"
#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/dhcp6/app.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

packet frame_of(const bytes& msg, bool tagged) {
  auto m = dhcp6::decode(msg);
  EXPECT_TRUE(m) << m.err().to_string();
  const bool relay = std::to_integer<unsigned>(msg[0]) == dhcp6::msg_type::relay_forw;
  packet p;
  ethernet e;
  e.dst = *mac_addr::parse("33:33:00:01:00:02");
  e.src = *mac_addr::parse("02:11:22:33:44:55");
  e.ethertype = tagged ? 0x8100 : 0x86dd;
  p.add_protocol(e);
  if (tagged) {
    vlan v;
    v.vid = 100;
    v.pcp = 5;
    v.ethertype = 0x86dd;
    p.add_protocol(v);
  }
  ipv6 i;
  i.src = *ipv6_addr::parse("fe80::11:22ff:fe33:4455");
  i.dst = *ipv6_addr::parse("ff02::1:2");
  i.nxt = 17;
  i.hop_limit = 1;
  p.add_protocol(i);
  udp u;
  u.src_port = relay ? 547 : 546;
  u.dst_port = 547;
  p.add_protocol(u);
  p.add_protocol(app_ptr(std::make_unique<dhcp6_message_app>(*m)));
  return p;
}

std::size_t udp_offset(bool tagged) { return 14 + (tagged ? 4 : 0) + 40; }

TEST(Dhcp6Layering, ChecksumsComputedVerifiedAndZeroedOnRequest) {
  std::vector<bytes> frames;
  for (bool tagged : {false, true}) {
    for (const bytes& msg : test::dhcp6s::all_samples()) {
      packet p = frame_of(msg, tagged);
      auto out = p.serialize();
      ASSERT_TRUE(out) << out.err().to_string();
      const std::size_t uo = udp_offset(tagged);
      EXPECT_NE(load_be16(out->data() + uo + 6), 0);  // computed
      // Decoding finds the message again (through the tag) and the checksum verifies.
      auto back = packet::parse(*out);
      ASSERT_TRUE(back) << back.err().to_string();
      ASSERT_NE(dhcp6::find_message(*back), nullptr);
      auto rep = back->verify_checksums();
      ASSERT_EQ(rep.size(), 1u);
      EXPECT_EQ(rep[0].protocol, "udp");
      EXPECT_TRUE(rep[0].ok());
      // A corrupted DHCPv6 byte is a mismatch.
      bytes bad = *out;
      bad[uo + 8 + 1] ^= std::byte{0x01};  // inside the transaction id / hop count
      auto bad_pk = packet::parse(bad);
      ASSERT_TRUE(bad_pk);
      auto bad_rep = bad_pk->verify_checksums();
      ASSERT_EQ(bad_rep.size(), 1u);
      EXPECT_FALSE(bad_rep[0].ok());
      // Zero on request: no checksum, which verify_checksums does not list.
      serialize_options zero;
      zero.udp_zero_checksum = true;
      auto z = p.serialize(zero);
      ASSERT_TRUE(z);
      EXPECT_EQ(load_be16(z->data() + uo + 6), 0);
      EXPECT_EQ(to_hex(bytes_view(*z).subspan(0, uo + 6)), to_hex(bytes_view(*out).subspan(0, uo + 6)));
      auto zp = packet::parse(*z);
      ASSERT_TRUE(zp);
      EXPECT_TRUE(zp->verify_checksums().empty());
      frames.push_back(*out);
      frames.push_back(bad);
    }
  }

  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed: the tshark cross-check is skipped";
  const fs::path dir = fs::temp_directory_path() / ("wirekit_dhcp6_layering_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path pcap_path = dir / "layering.pcap";
  {
    auto w = pcap::writer::create(pcap_path.string());
    ASSERT_TRUE(w.ok());
    for (const auto& f : frames) ASSERT_TRUE(w->write(f).ok());
    ASSERT_TRUE(w->close().ok());
  }
  auto got = test::run_tshark_fields(pcap_path, "-o udp.check_checksum:TRUE",
                                     {"udp.checksum.status", "vlan.id", "dhcpv6.msgtype"});
  ASSERT_EQ(got.size(), frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    SCOPED_TRACE("frame " + std::to_string(i));
    const bool tagged = i >= frames.size() / 2;
    // tshark's checksum status: 1 Good, 0 Bad.
    EXPECT_EQ(got[i].at("udp.checksum.status"), std::vector<std::string>{i % 2 == 0 ? "1" : "0"});
    if (tagged) {
      EXPECT_EQ(got[i].at("vlan.id"), std::vector<std::string>{"100"});
    }
    EXPECT_FALSE(got[i].at("dhcpv6.msgtype").empty());
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
