// EVPN NLRI (RFC 7432, route types 1-5, every ESI type), FlowSpec NLRI (RFC 8955/8956 and the
// L2VPN draft as os-ken models them, every component), BGP extended communities (RFC 4360 and
// the kinds os-ken models, FlowSpec actions and EVPN communities included) and PMSI tunnel ids.
//
// INTERFACE CONTRACT between the BGP core (bgp.hpp) and this part: the type names and the
// functions declared here. The struct contents are this part's own.
//
// Every model keeps what os-ken's JSON drops (labels, reserved bytes, RD types, address bits
// beyond a prefix length), so a decoded value re-encodes byte for byte; docs/bgp.md lists what
// the JSON shows and what encode from JSON writes.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/bgp/context.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::bgp {

// The 8 bytes of a route distinguisher as on the wire (type 0-2 and unknown types alike;
// nlri.hpp's route_distinguisher is the typed reading: rd_of(), rd_bytes_of()).
struct rd_bytes {
  std::array<std::uint8_t, 8> b{};
  bool operator==(const rd_bytes&) const = default;
};

// ---- EVPN (AFI 25 / SAFI 70) -----------------------------------------------------------
// Ethernet Segment Identifier (RFC 7432 §5): a type and 9 value bytes. JSON by type:
// 0 EvpnArbitraryEsi {value}, 1 EvpnLACPEsi {mac_addr, port_key}, 2 EvpnL2BridgeEsi {mac_addr,
// priority}, 3 EvpnMacBasedEsi {mac_addr, local_disc (3 bytes)}, 4 EvpnRouterIDEsi {router_id,
// local_disc}, 5 EvpnASBasedEsi {as_number, local_disc}, else EvpnUnknownEsi {type, value}.
// The value bytes are kept as read (reserved octets included).
struct evpn_esi {
  std::uint8_t type = 0;
  std::array<std::uint8_t, 9> value{};
  mac_addr mac() const;            // types 1-3
  std::uint16_t port_key() const;  // type 1 (type 2: priority)
  std::uint32_t local_disc() const;  // types 3 (24 bits), 4, 5
  ipv4_addr router_id() const;     // type 4
  std::uint32_t as_number() const;  // type 5
  bool operator==(const evpn_esi&) const = default;
};

// Route type 1: {"EvpnEthernetAutoDiscoveryNLRI": {route_dist, esi, ethernet_tag_id, ...}}.
struct evpn_eth_ad {
  static constexpr const char* name = "EvpnEthernetAutoDiscoveryNLRI";
  rd_bytes rd;
  evpn_esi esi;
  std::uint32_t ethernet_tag_id = 0;
  bytes label = bytes(3);  // the MPLS label / VNI field (3 bytes; whatever follows, as os-ken)
  bool operator==(const evpn_eth_ad&) const = default;
};
// Route type 2.
struct evpn_mac_ip_adv {
  static constexpr const char* name = "EvpnMacIPAdvertisementNLRI";
  rd_bytes rd;
  evpn_esi esi;
  std::uint32_t ethernet_tag_id = 0;
  std::uint8_t mac_addr_len = 48;
  mac_addr mac;
  std::uint8_t ip_addr_len = 0;  // bits; 0: no address
  std::optional<ip_addr> ip;
  bytes labels = bytes(3);  // MPLS Label1 [+ Label2], as on the wire
  bool operator==(const evpn_mac_ip_adv&) const = default;
};
// Route type 3.
struct evpn_inclusive_multicast {
  static constexpr const char* name = "EvpnInclusiveMulticastEthernetTagNLRI";
  rd_bytes rd;
  std::uint32_t ethernet_tag_id = 0;
  std::uint8_t ip_addr_len = 32;
  ip_addr ip;
  bytes extra;  // bytes after the address (os-ken ignores them)
  bool operator==(const evpn_inclusive_multicast&) const = default;
};
// Route type 4.
struct evpn_eth_segment {
  static constexpr const char* name = "EvpnEthernetSegmentNLRI";
  rd_bytes rd;
  evpn_esi esi;
  std::uint8_t ip_addr_len = 32;
  ip_addr ip;
  bytes extra;
  bool operator==(const evpn_eth_segment&) const = default;
};
// Route type 5 (RFC 9136). os-ken's JSON has no ip_prefix (decode shows gw_ip_addr only).
struct evpn_ip_prefix {
  static constexpr const char* name = "EvpnIpPrefixNLRI";
  rd_bytes rd;
  evpn_esi esi;
  std::uint32_t ethernet_tag_id = 0;
  std::uint8_t ip_prefix_len = 0;
  ip_addr ip_prefix;  // as read
  ip_addr gw_ip_addr;
  bytes label = bytes(3);
  bool operator==(const evpn_ip_prefix&) const = default;
};
// Any other route type, raw: {"EvpnUnknownNLRI": {type, length, value}}.
struct evpn_unknown {
  static constexpr const char* name = "EvpnUnknownNLRI";
  std::uint8_t type = 0;
  bytes value;
  bool operator==(const evpn_unknown&) const = default;
};

struct evpn_nlri {
  std::variant<evpn_eth_ad, evpn_mac_ip_adv, evpn_inclusive_multicast, evpn_eth_segment, evpn_ip_prefix,
               evpn_unknown>
      route;
  std::uint8_t route_type() const;
  bool operator==(const evpn_nlri&) const = default;
};
// Decodes one EVPN NLRI (route type, length, body) from r.
status decode_evpn_nlri(reader& r, evpn_nlri& out);
status encode_evpn_nlri(writer& w, const evpn_nlri& in);

// ---- FlowSpec (SAFI 133/134) -----------------------------------------------------------
// Components: IPv4 prefixes (types 1, 2 of AFI 1), IPv6 prefixes with offset (types 1, 2 of
// AFI 2; with a non-zero offset the pattern is read as context::flowspec_ipv6 says: os-ken's
// draft form or RFC 8956's), MAC addresses (types 15, 16 of AFI 25), operator/value pairs (every other
// known type; numeric and bitmask share the wire form), and an unknown type (its bytes are the
// rest of the NLRI, as os-ken reads it). The JSON class follows from (AFI, type).
struct flowspec_prefix {  // IPv4 FlowSpecDestPrefix / FlowSpecSrcPrefix
  std::uint8_t type = 1;
  std::uint8_t length = 0;
  ipv4_addr addr;  // as read, bits beyond length kept; JSON shows it masked
  bool operator==(const flowspec_prefix&) const = default;
};
struct flowspec_ipv6_prefix {  // FlowSpecIPv6DestPrefix / FlowSpecIPv6SrcPrefix
  std::uint8_t type = 1;
  std::uint8_t length = 0;
  std::uint8_t offset = 0;
  // The address with the matched bits in place (RFC 8956: bits offset..length-1; the bits
  // before offset are 0 when read from the wire).
  ipv6_addr addr;
  // Written in RFC 8956's form (only bits offset..length-1 on the wire). Set by decode when
  // the context reads RFC 8956 and offset is not 0; encode also uses RFC 8956's form when its
  // context asks for it. JSON key `rfc8956` (only when true; not in os-ken's form).
  bool rfc8956 = false;
  bool operator==(const flowspec_ipv6_prefix&) const = default;
};
struct flowspec_mac {  // FlowSpecSourceMac / FlowSpecDestinationMac
  std::uint8_t type = 15;
  std::uint8_t length = 6;
  mac_addr addr;
  bool operator==(const flowspec_mac&) const = default;
};
struct flowspec_operator {  // numeric (FlowSpecPort, ...) and bitmask (FlowSpecTCPFlags, ...)
  std::uint8_t type = 3;
  std::uint8_t op = 0;  // the operator byte (end-of-list, and, length, comparison bits)
  std::uint64_t value = 0;
  static constexpr std::uint8_t end_of_list = 0x80, and_bit = 0x40, len_mask = 0x30;
  bool operator==(const flowspec_operator&) const = default;
};
struct flowspec_unknown {  // FlowSpecComponentUnknown {type, buf}
  std::uint8_t type = 0;
  bytes buf;
  bool operator==(const flowspec_unknown&) const = default;
};
using flowspec_component =
    std::variant<flowspec_prefix, flowspec_ipv6_prefix, flowspec_mac, flowspec_operator, flowspec_unknown>;
std::uint8_t component_type(const flowspec_component& c);

struct flowspec_nlri {
  std::optional<rd_bytes> rd;  // VPN families (SAFI 134)
  std::vector<flowspec_component> rules;  // in wire order; a new component starts after an end-of-list
  bool long_length = false;  // length field written in 2 bytes though below 240 (RFC 8955 allows it)
  // The AFI the NLRI was decoded / read from JSON for (1, 2 or 25): names the JSON classes.
  // 0 (built in C++ without it): guessed from the RD and components.
  std::uint16_t afi = 0;
  bool operator==(const flowspec_nlri&) const = default;
};
status decode_flowspec_nlri(reader& r, family f, flowspec_nlri& out);  // draft form (os-ken)
status encode_flowspec_nlri(writer& w, family f, const flowspec_nlri& in);
status decode_flowspec_nlri(reader& r, family f, const context& ctx, flowspec_nlri& out);
status encode_flowspec_nlri(writer& w, family f, const context& ctx, const flowspec_nlri& in);

// ---- extended communities (8 bytes each) ------------------------------------------------
// One struct per os-ken class, chosen as os-ken does: by (type & ~0x40, subtype), else by
// type & ~0x40 alone, else unknown. `type` is the first octet as on the wire. Octets os-ken
// skips (reserved) are kept in `reserved` members (not in JSON; 0 from JSON).
struct ec_two_octet_as {
  static constexpr const char* name = "BGPTwoOctetAsSpecificExtendedCommunity";
  std::uint8_t type = 0, subtype = 0;
  std::uint16_t as_number = 0;
  std::uint32_t local_administrator = 0;
  bool operator==(const ec_two_octet_as&) const = default;
};
struct ec_ipv4_address {
  static constexpr const char* name = "BGPIPv4AddressSpecificExtendedCommunity";
  std::uint8_t type = 1, subtype = 0;
  ipv4_addr ipv4_address;
  std::uint16_t local_administrator = 0;
  bool operator==(const ec_ipv4_address&) const = default;
};
struct ec_four_octet_as {
  static constexpr const char* name = "BGPFourOctetAsSpecificExtendedCommunity";
  std::uint8_t type = 2, subtype = 0;
  std::uint32_t as_number = 0;
  std::uint16_t local_administrator = 0;
  bool operator==(const ec_four_octet_as&) const = default;
};
struct ec_opaque {
  static constexpr const char* name = "BGPOpaqueExtendedCommunity";
  std::uint8_t type = 3, subtype = 0;
  std::array<std::uint8_t, 6> opaque{};
  bool operator==(const ec_opaque&) const = default;
};
struct ec_encapsulation {  // type 3, subtype 0x0c (RFC 9012)
  static constexpr const char* name = "BGPEncapsulationExtendedCommunity";
  std::uint8_t type = 3, subtype = 0x0c;
  std::uint32_t reserved = 0;
  std::uint16_t tunnel_type = 0;
  bool operator==(const ec_encapsulation&) const = default;
};
struct ec_mac_mobility {  // 6/0 (RFC 7432 §7.7)
  static constexpr const char* name = "BGPEvpnMacMobilityExtendedCommunity";
  std::uint8_t type = 6, subtype = 0, flags = 0, reserved = 0;
  std::uint32_t sequence_number = 0;
  bool operator==(const ec_mac_mobility&) const = default;
};
struct ec_esi_label {  // 6/1 (RFC 7432 §7.5); the label is not in os-ken's JSON
  static constexpr const char* name = "BGPEvpnEsiLabelExtendedCommunity";
  std::uint8_t type = 6, subtype = 1, flags = 0;
  std::uint16_t reserved = 0;
  std::uint32_t label = 0;  // the 3-byte field as on the wire
  bool operator==(const ec_esi_label&) const = default;
};
struct ec_es_import_rt {  // 6/2
  static constexpr const char* name = "BGPEvpnEsImportRTExtendedCommunity";
  std::uint8_t type = 6, subtype = 2;
  mac_addr es_import;
  bool operator==(const ec_es_import_rt&) const = default;
};
struct ec_traffic_rate {  // 0x80/6 (RFC 8955 §7.3)
  static constexpr const char* name = "BGPFlowSpecTrafficRateCommunity";
  std::uint8_t type = 0x80, subtype = 6;
  std::uint16_t as_number = 0;
  std::uint32_t rate_bits = 0;  // IEEE 754 binary32 as on the wire
  float rate_info() const;
  void set_rate_info(float v);
  bool operator==(const ec_traffic_rate&) const = default;
};
struct ec_traffic_action {  // 0x80/7
  static constexpr const char* name = "BGPFlowSpecTrafficActionCommunity";
  std::uint8_t type = 0x80, subtype = 7;
  std::uint64_t reserved = 0;  // 5 bytes
  std::uint8_t action = 0;     // S (2) and T (1) bits
  bool operator==(const ec_traffic_action&) const = default;
};
struct ec_redirect {  // 0x80/8
  static constexpr const char* name = "BGPFlowSpecRedirectCommunity";
  std::uint8_t type = 0x80, subtype = 8;
  std::uint16_t as_number = 0;
  std::uint32_t local_administrator = 0;
  bool operator==(const ec_redirect&) const = default;
};
struct ec_traffic_marking {  // 0x80/9
  static constexpr const char* name = "BGPFlowSpecTrafficMarkingCommunity";
  std::uint8_t type = 0x80, subtype = 9;
  std::uint64_t reserved = 0;  // 5 bytes
  std::uint8_t dscp = 0;
  bool operator==(const ec_traffic_marking&) const = default;
};
struct ec_vlan_action {  // 8/0x0a (FlowSpec L2VPN draft)
  static constexpr const char* name = "BGPFlowSpecVlanActionCommunity";
  std::uint8_t type = 8, subtype = 0x0a, actions_1 = 0, actions_2 = 0;
  std::uint16_t vlan_1 = 0, vlan_2 = 0;  // 12 bits
  std::uint8_t cos_1 = 0, cos_2 = 0;     // 3 bits
  std::uint8_t reserved = 0;             // the low bit of each VLAN/COS word (bit 1: first)
  bool operator==(const ec_vlan_action&) const = default;
};
struct ec_tpid_action {  // 8/0x0b
  static constexpr const char* name = "BGPFlowSpecTPIDActionCommunity";
  std::uint8_t type = 8, subtype = 0x0b;
  std::uint16_t actions = 0, tpid_1 = 0, tpid_2 = 0;
  bool operator==(const ec_tpid_action&) const = default;
};
struct ec_unknown {
  static constexpr const char* name = "BGPUnknownExtendedCommunity";
  std::uint8_t type = 0;
  std::array<std::uint8_t, 7> value{};
  bool operator==(const ec_unknown&) const = default;
};

struct ext_community {
  std::variant<ec_two_octet_as, ec_ipv4_address, ec_four_octet_as, ec_opaque, ec_encapsulation, ec_mac_mobility,
               ec_esi_label, ec_es_import_rt, ec_traffic_rate, ec_traffic_action, ec_redirect, ec_traffic_marking,
               ec_vlan_action, ec_tpid_action, ec_unknown>
      value;
  std::uint8_t type() const;  // the first octet
  std::array<std::uint8_t, 8> to_bytes() const;
  static ext_community from_bytes(const std::array<std::uint8_t, 8>& b);  // os-ken's dispatch
  bool operator==(const ext_community&) const = default;
};
status decode_ext_community(reader& r, ext_community& out);  // reads exactly 8 bytes
status encode_ext_community(writer& w, const ext_community& in);

// ---- PMSI tunnel attribute's tunnel identifier (RFC 6514) -------------------------------
// os-ken: tunnel type 0 has no identifier (JSON null, whatever the bytes), type 6 (ingress
// replication) an address {"PmsiTunnelIdIngressReplication": {"tunnel_endpoint_ip"}}, other
// types raw {"PmsiTunnelIdUnknown": {"value"}} (also type 6 with a length other than 4 or 16).
struct pmsi_ingress_replication {
  static constexpr const char* name = "PmsiTunnelIdIngressReplication";
  ip_addr tunnel_endpoint_ip;
  bool operator==(const pmsi_ingress_replication&) const = default;
};
struct pmsi_unknown {
  static constexpr const char* name = "PmsiTunnelIdUnknown";
  bytes value;
  bool operator==(const pmsi_unknown&) const = default;
};
struct pmsi_tunnel_id {
  std::variant<std::monostate, pmsi_ingress_replication, pmsi_unknown> id;  // monostate: JSON null
  bytes hidden;  // the identifier bytes of tunnel type 0 (os-ken shows null); written back as read
  bool operator==(const pmsi_tunnel_id&) const = default;
};
// tunnel_type selects the form; r holds exactly the identifier bytes.
status decode_pmsi_tunnel_id(reader& r, std::uint8_t tunnel_type, pmsi_tunnel_id& out);
status encode_pmsi_tunnel_id(writer& w, const pmsi_tunnel_id& in);

}  // namespace wirekit::bgp
