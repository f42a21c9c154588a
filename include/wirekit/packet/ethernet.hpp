// Ethernet II, 802.1Q VLAN, 802.1ad S-VLAN, MPLS label stack entries and ARP.
#pragma once
#include <cstdint>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace ether_type {
inline constexpr std::uint16_t ipv4 = 0x0800, arp = 0x0806, vlan = 0x8100, svlan = 0x88a8, ipv6 = 0x86dd,
                               mpls = 0x8847, mpls_mc = 0x8848, lldp = 0x88cc, slow = 0x8809, cfm = 0x8902,
                               itag = 0x88e7;
}

struct ethernet {
  static constexpr const char* name = "ethernet";
  mac_addr dst{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
  mac_addr src{};
  std::uint16_t ethertype = ether_type::ipv4;
  static constexpr auto wire = wire::fields(wire::field<&ethernet::dst>("dst", wire::addr),
                                            wire::field<&ethernet::src>("src", wire::addr),
                                            wire::field<&ethernet::ethertype>("ethertype", wire::be16));
  bool operator==(const ethernet&) const = default;
};

// 802.1Q tag (TPID 0x8100 is the ethertype of the header before it).
struct vlan {
  static constexpr const char* name = "vlan";
  std::uint8_t pcp = 0, cfi = 0;
  std::uint16_t vid = 0;
  std::uint16_t ethertype = ether_type::ipv4;
  static constexpr auto wire =
      wire::fields(wire::bits(wire::be16, wire::bit<&vlan::pcp>("pcp", 13, 3), wire::bit<&vlan::cfi>("cfi", 12, 1),
                              wire::bit<&vlan::vid>("vid", 0, 12)),
                   wire::field<&vlan::ethertype>("ethertype", wire::be16));
  bool operator==(const vlan&) const = default;
};

// 802.1ad service tag (TPID 0x88a8).
struct svlan {
  static constexpr const char* name = "svlan";
  std::uint8_t pcp = 0, cfi = 0;
  std::uint16_t vid = 0;
  std::uint16_t ethertype = ether_type::vlan;
  static constexpr auto wire =
      wire::fields(wire::bits(wire::be16, wire::bit<&svlan::pcp>("pcp", 13, 3), wire::bit<&svlan::cfi>("cfi", 12, 1),
                              wire::bit<&svlan::vid>("vid", 0, 12)),
                   wire::field<&svlan::ethertype>("ethertype", wire::be16));
  bool operator==(const svlan&) const = default;
};

// One MPLS label stack entry (RFC 3032).
struct mpls {
  static constexpr const char* name = "mpls";
  std::uint32_t label = 0;
  std::uint8_t exp = 0, bsb = 1, ttl = 255;
  static constexpr auto wire =
      wire::fields(wire::bits(wire::be32, wire::bit<&mpls::label>("label", 12, 20), wire::bit<&mpls::exp>("exp", 9, 3),
                              wire::bit<&mpls::bsb>("bsb", 8, 1), wire::bit<&mpls::ttl>("ttl", 0, 8)));
  bool operator==(const mpls&) const = default;
};

// ARP for Ethernet/IPv4 (fixed 28-byte layout, as os-ken).
struct arp {
  static constexpr const char* name = "arp";
  std::uint16_t hwtype = 1, proto = ether_type::ipv4;
  std::uint8_t hlen = 6, plen = 4;
  std::uint16_t opcode = 1;
  mac_addr src_mac{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
  ipv4_addr src_ip{};
  mac_addr dst_mac{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
  ipv4_addr dst_ip{};
  static constexpr auto wire = wire::fields(
      wire::field<&arp::hwtype>("hwtype", wire::be16), wire::field<&arp::proto>("proto", wire::be16),
      wire::field<&arp::hlen>("hlen", wire::u8), wire::field<&arp::plen>("plen", wire::u8),
      wire::field<&arp::opcode>("opcode", wire::be16), wire::field<&arp::src_mac>("src_mac", wire::addr),
      wire::field<&arp::src_ip>("src_ip", wire::addr), wire::field<&arp::dst_mac>("dst_mac", wire::addr),
      wire::field<&arp::dst_ip>("dst_ip", wire::addr));
  bool operator==(const arp&) const = default;
};

}  // namespace wirekit
