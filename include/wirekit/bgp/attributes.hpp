// BGP path attributes in os-ken's model (json-conventions.md §5.3), plus what os-ken lacks:
// LARGE_COMMUNITY (RFC 8092), ONLY_TO_CUSTOMER (RFC 9234) and AIGP (RFC 7311) are typed here,
// but their JSON stays os-ken's {"BGPPathAttributeUnknown": {"flags", "type", "length",
// "value": b64}} form (os-ken has no class for them); reading that JSON back gives the typed
// attribute again when the value is well formed. See docs/bgp.md.
//
// Every attribute has `flags`, `type` (written as stored) and `length` (the value length as
// read; recomputed on encode). Encode forces the Optional/Transitive flag bits of os-ken's
// classes to the class default (`default_flags`), keeps Partial and the low bits, and uses
// a 2-byte length if Extended-Length is set or the value exceeds 255 bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/bgp/context.hpp"
#include "wirekit/bgp/errors.hpp"
#include "wirekit/bgp/families.hpp"
#include "wirekit/bgp/nlri.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit::bgp {

namespace attr_type {
inline constexpr std::uint8_t origin = 1, as_path = 2, next_hop = 3, multi_exit_disc = 4, local_pref = 5,
                              atomic_aggregate = 6, aggregator = 7, communities = 8, originator_id = 9,
                              cluster_list = 10, mp_reach_nlri = 14, mp_unreach_nlri = 15,
                              extended_communities = 16, as4_path = 17, as4_aggregator = 18, pmsi_tunnel = 22,
                              aigp = 26, large_community = 32, only_to_customer = 35;
}
namespace attr_flag {
inline constexpr std::uint8_t optional = 0x80, transitive = 0x40, partial = 0x20, extended_length = 0x10;
}

#define WIREKIT_BGP_ATTR_HEAD(T)                                                         \
  wire::field<&T::flags>("flags", wire::json_only), wire::field<&T::type>("type", wire::json_only), \
      wire::field<&T::length>("length", wire::json_only)

struct attr_origin {  // ORIGIN: 0 IGP, 1 EGP, 2 INCOMPLETE
  static constexpr const char* name = "BGPPathAttributeOrigin";
  static constexpr std::uint8_t code = attr_type::origin, default_flags = attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint8_t value = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_origin),
                                            wire::field<&attr_origin::value>("value", wire::u8));
  bool operator==(const attr_origin&) const = default;
};

// AS_PATH / AS4_PATH segment. JSON: AS_SEQUENCE a list of ASNs; AS_SET {"AS_SET": [...]}
// (ascending, duplicates merged, json-conventions §9); the confederation segments os-ken cannot
// parse are wirekit's {"AS_CONFED_SEQUENCE": [...]} (in order) and {"AS_CONFED_SET": [...]}
// (ascending). The ASNs are kept in wire order (encode of a decoded set is byte-exact).
struct as_path_segment {
  static constexpr std::uint8_t as_set = 1, as_sequence = 2, as_confed_sequence = 3, as_confed_set = 4;
  std::uint8_t type = as_sequence;
  std::vector<std::uint32_t> asns;
  bool operator==(const as_path_segment&) const = default;
};

struct attr_as_path {
  static constexpr const char* name = "BGPPathAttributeAsPath";
  static constexpr std::uint8_t code = attr_type::as_path, default_flags = attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<as_path_segment> value;
  // AS width found on decode (2 or 4; 0 = not known, e.g. from JSON). Not in JSON. Encode
  // uses context::as (two/four); with as_width::guess it uses this, else 2 bytes when every
  // ASN fits (os-ken) and 4 otherwise.
  std::uint8_t as_size = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_as_path),
                                            wire::field<&attr_as_path::value>("value", wire::json_only));
  bool operator==(const attr_as_path&) const = default;
};
struct attr_as4_path {
  static constexpr const char* name = "BGPPathAttributeAs4Path";
  static constexpr std::uint8_t code = attr_type::as4_path,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<as_path_segment> value;  // always 4-byte ASNs
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_as4_path),
                                            wire::field<&attr_as4_path::value>("value", wire::json_only));
  bool operator==(const attr_as4_path&) const = default;
};

struct attr_next_hop {
  static constexpr const char* name = "BGPPathAttributeNextHop";
  static constexpr std::uint8_t code = attr_type::next_hop, default_flags = attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  ipv4_addr value{};
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_next_hop),
                                            wire::field<&attr_next_hop::value>("value", wire::addr));
  bool operator==(const attr_next_hop&) const = default;
};

struct attr_multi_exit_disc {
  static constexpr const char* name = "BGPPathAttributeMultiExitDisc";
  static constexpr std::uint8_t code = attr_type::multi_exit_disc, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint32_t value = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_multi_exit_disc),
                                            wire::field<&attr_multi_exit_disc::value>("value", wire::be32));
  bool operator==(const attr_multi_exit_disc&) const = default;
};

struct attr_local_pref {
  static constexpr const char* name = "BGPPathAttributeLocalPref";
  static constexpr std::uint8_t code = attr_type::local_pref, default_flags = attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint32_t value = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_local_pref),
                                            wire::field<&attr_local_pref::value>("value", wire::be32));
  bool operator==(const attr_local_pref&) const = default;
};

struct attr_atomic_aggregate {
  static constexpr const char* name = "BGPPathAttributeAtomicAggregate";
  static constexpr std::uint8_t code = attr_type::atomic_aggregate, default_flags = attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_atomic_aggregate));
  bool operator==(const attr_atomic_aggregate&) const = default;
};

struct attr_aggregator {
  static constexpr const char* name = "BGPPathAttributeAggregator";
  static constexpr std::uint8_t code = attr_type::aggregator,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint32_t as_number = 0;
  ipv4_addr addr{};
  // AS width as decoded (2 or 4; 0 = unknown). Not in JSON. Encode: context::as two/four, or
  // with guess this, else 4 bytes iff as_number > 65535 (os-ken).
  std::uint8_t as_size = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_aggregator),
                                            wire::field<&attr_aggregator::as_number>("as_number", wire::json_only),
                                            wire::field<&attr_aggregator::addr>("addr", wire::json_only));
  bool operator==(const attr_aggregator&) const = default;
};
struct attr_as4_aggregator {
  static constexpr const char* name = "BGPPathAttributeAs4Aggregator";
  static constexpr std::uint8_t code = attr_type::as4_aggregator,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint32_t as_number = 0;
  ipv4_addr addr{};
  static constexpr auto wire =
      wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_as4_aggregator),
                   wire::field<&attr_as4_aggregator::as_number>("as_number", wire::be32),
                   wire::field<&attr_as4_aggregator::addr>("addr", wire::addr));
  bool operator==(const attr_as4_aggregator&) const = default;
};

struct attr_communities {
  static constexpr const char* name = "BGPPathAttributeCommunities";
  static constexpr std::uint8_t code = attr_type::communities,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<std::uint32_t> communities;
  static constexpr auto wire = wire::fields(
      WIREKIT_BGP_ATTR_HEAD(attr_communities),
      wire::field<&attr_communities::communities>("communities", wire::json_only));
  bool operator==(const attr_communities&) const = default;
};

// ORIGINATOR_ID's value: os-ken's JSON is the list of the characters of its address text.
struct originator_id_value : ipv4_addr {
  originator_id_value() = default;
  originator_id_value(const ipv4_addr& a) : ipv4_addr(a) {}  // NOLINT(implicit)
  bool operator==(const originator_id_value&) const = default;
};
struct attr_originator_id {
  static constexpr const char* name = "BGPPathAttributeOriginatorId";
  static constexpr std::uint8_t code = attr_type::originator_id, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  originator_id_value value{};
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_originator_id),
                                            wire::field<&attr_originator_id::value>("value", wire::addr));
  bool operator==(const attr_originator_id&) const = default;
};

struct attr_cluster_list {
  static constexpr const char* name = "BGPPathAttributeClusterList";
  static constexpr std::uint8_t code = attr_type::cluster_list, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<ipv4_addr> value;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_cluster_list),
                                            wire::field<&attr_cluster_list::value>("value", wire::json_only));
  bool operator==(const attr_cluster_list&) const = default;
};

// MP_REACH_NLRI (RFC 4760). The next-hop field is kept raw (every next hop, link-local
// addresses and VPN RDs included), so a decoded attribute encodes back byte for byte. os-ken's
// JSON shows only its first next hop, as text, or null (see first_next_hop); from JSON the
// field is rebuilt from that one address as os-ken does (an IPv4 text in an IPv6 family
// becomes ::ffff:a.b.c.d; VPN families get an all-zero RD).
struct attr_mp_reach_nlri {
  static constexpr const char* name = "BGPPathAttributeMpReachNLRI";
  static constexpr std::uint8_t code = attr_type::mp_reach_nlri, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint16_t afi = afi::ipv4;
  std::uint8_t safi = safi::unicast;
  bytes next_hop;              // the Network Address of Next Hop field
  std::uint8_t reserved = 0;   // the reserved (ex-SNPA) byte as read; not in JSON
  nlri_list nlri = std::vector<prefix_nlri>{};

  family fam() const { return {afi, safi}; }
  // os-ken's reading of the next-hop field: VPN families in units of 8 + 4/16 bytes (the RD
  // skipped), IPv4 AFI (and EVPN below 16 bytes) in units of 4, IPv6 AFI (EVPN from 16) in
  // units of 16; the first complete one, or nullopt.
  std::optional<ip_addr> first_next_hop() const;
  // The RFC reading: every next hop (RFC 4760, 2545 global + link-local, RFC 8950 IPv6 next
  // hops for IPv4 NLRI, RFC 4364/4659 VPN next hops with their RD dropped).
  std::vector<ip_addr> next_hops() const;
  // Sets the field from addresses, os-ken's rule (RD 0 for VPN families).
  void set_next_hops(const std::vector<ip_addr>& hops);
  bool operator==(const attr_mp_reach_nlri&) const = default;
};

struct attr_mp_unreach_nlri {
  static constexpr const char* name = "BGPPathAttributeMpUnreachNLRI";
  static constexpr std::uint8_t code = attr_type::mp_unreach_nlri, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint16_t afi = afi::ipv4;
  std::uint8_t safi = safi::unicast;
  nlri_list withdrawn_routes = std::vector<prefix_nlri>{};
  family fam() const { return {afi, safi}; }
  bool operator==(const attr_mp_unreach_nlri&) const = default;
};

struct attr_extended_communities {
  static constexpr const char* name = "BGPPathAttributeExtendedCommunities";
  static constexpr std::uint8_t code = attr_type::extended_communities,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<ext_community> communities;
  bool operator==(const attr_extended_communities&) const = default;
};

// PMSI_TUNNEL (RFC 6514 §5). The MPLS label field is not in os-ken's JSON (encode from JSON
// writes 0); decode keeps it.
struct attr_pmsi_tunnel {
  static constexpr const char* name = "BGPPathAttributePmsiTunnel";
  static constexpr std::uint8_t code = attr_type::pmsi_tunnel,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint8_t pmsi_flags = 0;
  std::uint8_t tunnel_type = 0;
  std::uint32_t label = 0;  // the 3-byte field as on the wire
  pmsi_tunnel_id tunnel_id;
  bool operator==(const attr_pmsi_tunnel&) const = default;
};

// ---- what os-ken lacks: typed in C++, BGPPathAttributeUnknown in JSON ------------------------
struct large_community {  // RFC 8092: global administrator, local data part 1, local data part 2
  std::uint32_t global_admin = 0, local_data1 = 0, local_data2 = 0;
  auto operator<=>(const large_community&) const = default;
};
struct attr_large_communities {
  static constexpr const char* name = "BGPPathAttributeUnknown";  // JSON form (see above)
  static constexpr std::uint8_t code = attr_type::large_community,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<large_community> communities;
  bool operator==(const attr_large_communities&) const = default;
};

struct attr_only_to_customer {  // RFC 9234 OTC: the AS number
  static constexpr const char* name = "BGPPathAttributeUnknown";
  static constexpr std::uint8_t code = attr_type::only_to_customer,
                                default_flags = attr_flag::optional | attr_flag::transitive;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::uint32_t as_number = 0;
  bool operator==(const attr_only_to_customer&) const = default;
};

struct aigp_tlv {  // RFC 7311 §3: type 1 is the AIGP metric (8 bytes)
  std::uint8_t type = 1;
  bytes value;
  bool operator==(const aigp_tlv&) const = default;
};
struct attr_aigp {
  static constexpr const char* name = "BGPPathAttributeUnknown";
  static constexpr std::uint8_t code = attr_type::aigp, default_flags = attr_flag::optional;
  std::uint8_t flags = default_flags, type = code;
  std::uint16_t length = 0;
  std::vector<aigp_tlv> tlvs;
  std::optional<std::uint64_t> metric() const;  // the value of the first type-1 TLV
  static attr_aigp make(std::uint64_t metric);
  bool operator==(const attr_aigp&) const = default;
};

// Any other attribute, and (with decode_options::revised_error_handling) a malformed one.
// Flags are written as given (no class default).
struct attr_unknown {
  static constexpr const char* name = "BGPPathAttributeUnknown";
  std::uint8_t flags = attr_flag::optional | attr_flag::transitive, type = 0;
  std::uint16_t length = 0;
  bytes value;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_ATTR_HEAD(attr_unknown),
                                            wire::field<&attr_unknown::value>("value", wire::rest));
  bool operator==(const attr_unknown&) const = default;
};

#undef WIREKIT_BGP_ATTR_HEAD

using path_attribute =
    std::variant<attr_origin, attr_as_path, attr_next_hop, attr_multi_exit_disc, attr_local_pref,
                 attr_atomic_aggregate, attr_aggregator, attr_communities, attr_originator_id, attr_cluster_list,
                 attr_mp_reach_nlri, attr_mp_unreach_nlri, attr_extended_communities, attr_as4_path,
                 attr_as4_aggregator, attr_pmsi_tunnel, attr_aigp, attr_large_communities, attr_only_to_customer,
                 attr_unknown>;

// The attribute's type code, flags, os-ken class name.
std::uint8_t type_of(const path_attribute& a);
std::uint8_t flags_of(const path_attribute& a);
const char* class_name(const path_attribute& a);

// The first attribute of type A, or nullptr:  bgp::find<bgp::attr_large_communities>(u.path_attributes)
template <class A>
const A* find(const std::vector<path_attribute>& attrs) {
  for (const auto& a : attrs)
    if (auto* p = std::get_if<A>(&a)) return p;
  return nullptr;
}
template <class A>
A* find(std::vector<path_attribute>& attrs) {
  for (auto& a : attrs)
    if (auto* p = std::get_if<A>(&a)) return p;
  return nullptr;
}

// Path attributes alone (MRT RIB entries, BMP): decodes r until it is empty. Errors carry
// protocol "bgp", field, offset; the report (optional) gets the NOTIFICATION code/subcode,
// the RFC 7606 action and findings.
status decode_path_attributes(reader& r, const context& ctx, std::vector<path_attribute>& out);
status decode_path_attributes(reader& r, const context& ctx, const decode_options& opt,
                              std::vector<path_attribute>& out, decode_report* report);
// One attribute (flags, type, length, value) appended to w.
status encode_path_attribute(writer& w, const path_attribute& a, const context& ctx,
                             const decode_options& opt = {});
status encode_path_attributes(writer& w, const std::vector<path_attribute>& attrs, const context& ctx,
                              const decode_options& opt = {});

}  // namespace wirekit::bgp
