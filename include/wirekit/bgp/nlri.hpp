// BGP NLRI of every family (RFC 4271, 4760, 8277, 4364, 4684, 7432, 8955, 7911) and route
// distinguishers, in os-ken's model (os_ken/lib/packet/bgp.py, json-conventions.md §5.4).
//
// Which NLRI a (AFI, SAFI) carries, and its os-ken JSON class:
//   1/1, 1/2   prefix_nlri       IPAddrPrefix      (BGPNLRI / BGPWithdrawnRoute in the UPDATE body)
//   2/1, 2/2   prefix_nlri       IP6AddrPrefix
//   1/4, 2/4   prefix_nlri       LabelledIPAddrPrefix / LabelledIP6AddrPrefix
//   1/128, 2/128 prefix_nlri     LabelledVPNIPAddrPrefix / LabelledVPNIP6AddrPrefix
//   1/132      rt_membership_nlri RouteTargetMembershipNLRI
//   25/70      evpn_route        Evpn*NLRI (families.hpp)
//   1/133, 2/133, 1/134, 2/134, 25/134  flowspec_route  FlowSpec*NLRI (families.hpp)
//   anything else: unknown_nlri (the whole NLRI field, raw)   BGPUnknownNLRI
// Multicast (SAFI 2) has no JSON in os-ken (its to_jsondict fails): wirekit uses the unicast
// classes, the wire form being the same. With ADD-PATH (context::has_add_path) every NLRI
// starts with a 4-byte path identifier, shown as "path_id" in the NLRI's object.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/bgp/context.hpp"
#include "wirekit/bgp/families.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit::bgp {

// ---- route distinguishers (RFC 4364 §4.2) ----------------------------------------------------
struct rd_two_octet_as {
  static constexpr const char* name = "BGPTwoOctetAsRD";
  std::uint16_t type = 0;
  std::uint16_t admin = 0;
  std::uint32_t assigned = 0;
  static constexpr auto wire = wire::fields(wire::field<&rd_two_octet_as::type>("type", wire::be16),
                                            wire::field<&rd_two_octet_as::admin>("admin", wire::be16),
                                            wire::field<&rd_two_octet_as::assigned>("assigned", wire::be32));
  bool operator==(const rd_two_octet_as&) const = default;
};
struct rd_ipv4_address {
  static constexpr const char* name = "BGPIPv4AddressRD";
  std::uint16_t type = 1;
  ipv4_addr admin{};
  std::uint16_t assigned = 0;
  static constexpr auto wire = wire::fields(wire::field<&rd_ipv4_address::type>("type", wire::be16),
                                            wire::field<&rd_ipv4_address::admin>("admin", wire::addr),
                                            wire::field<&rd_ipv4_address::assigned>("assigned", wire::be16));
  bool operator==(const rd_ipv4_address&) const = default;
};
struct rd_four_octet_as {
  static constexpr const char* name = "BGPFourOctetAsRD";
  std::uint16_t type = 2;
  std::uint32_t admin = 0;
  std::uint16_t assigned = 0;
  static constexpr auto wire = wire::fields(wire::field<&rd_four_octet_as::type>("type", wire::be16),
                                            wire::field<&rd_four_octet_as::admin>("admin", wire::be32),
                                            wire::field<&rd_four_octet_as::assigned>("assigned", wire::be16));
  bool operator==(const rd_four_octet_as&) const = default;
};
// An RD type other than 0-2 (os-ken cannot decode these): wirekit's BGPUnknownRD.
struct rd_unknown {
  static constexpr const char* name = "BGPUnknownRD";
  std::uint16_t type = 3;
  bytes value = bytes(6);  // the 6 value bytes
  static constexpr auto wire = wire::fields(wire::field<&rd_unknown::type>("type", wire::be16),
                                            wire::field<&rd_unknown::value>("value", wire::fixed<6>));
  bool operator==(const rd_unknown&) const = default;
};
using route_distinguisher = std::variant<rd_two_octet_as, rd_ipv4_address, rd_four_octet_as, rd_unknown>;

status decode_rd(reader& r, route_distinguisher& out);  // 8 bytes
status encode_rd(writer& w, const route_distinguisher& rd);
// "admin:assigned" (os-ken's formatted_str), e.g. "65000:100", "192.0.2.1:7".
std::string to_string(const route_distinguisher& rd);

// ---- prefixes: unicast, multicast, labelled (SAFI 4), VPN (SAFI 128) -------------------------
struct prefix_nlri {
  std::optional<std::uint32_t> path_id;  // RFC 7911 path identifier (ADD-PATH families only)
  // Bits on the wire: 24 per label + 64 for an RD + the prefix length (os-ken's `length`).
  std::uint8_t length = 0;
  // Labelled and VPN families: the 3-byte label fields as on the wire (label << 4 | TC << 1 | S).
  // JSON shows label values (field >> 4); encode from JSON sets S on the last one unless it is
  // a withdraw label (0x800000 or 0, RFC 8277 §2.4).
  std::vector<std::uint32_t> labels;
  std::optional<route_distinguisher> rd;  // VPN families
  ip_addr addr;                            // the prefix bytes as read, zero-filled (not masked)

  std::uint8_t prefix_length() const;  // length minus labels and RD
  std::vector<std::uint32_t> label_values() const;
  ip_prefix prefix() const;  // addr masked to prefix_length()
  // Sets labels from 20-bit label values, bottom of stack on the last.
  void set_label_values(const std::vector<std::uint32_t>& values);
  // A plain prefix (unicast/multicast); labelled/VPN callers then set labels/rd and length.
  static prefix_nlri make(const ip_prefix& p);
  bool operator==(const prefix_nlri&) const = default;
};

// RFC 4684 route target membership: {"RouteTargetMembershipNLRI": {"length", "origin_as",
// "route_target"}} (os-ken's class cannot parse or serialize; this is wirekit's form).
struct rt_membership_nlri {
  static constexpr const char* name = "RouteTargetMembershipNLRI";
  std::optional<std::uint32_t> path_id;
  std::uint8_t length = 96;    // 0 (default route target) or 32..96 bits
  std::uint32_t origin_as = 0;  // when length >= 32
  ext_community route_target;   // the bits beyond length are zero; JSON null when length <= 32
  bool operator==(const rt_membership_nlri&) const = default;
};

struct evpn_route {
  std::optional<std::uint32_t> path_id;
  evpn_nlri nlri;
  bool operator==(const evpn_route&) const = default;
};
struct flowspec_route {
  std::optional<std::uint32_t> path_id;
  flowspec_nlri nlri;
  bool operator==(const flowspec_route&) const = default;
};
// The NLRI field of a family this library does not know, kept raw: {"BGPUnknownNLRI": {"value": b64}}.
struct unknown_nlri {
  static constexpr const char* name = "BGPUnknownNLRI";
  bytes value;
  bool operator==(const unknown_nlri&) const = default;
};

// The NLRI of one family; the alternative is fixed by the family (kind_of).
using nlri_list = std::variant<std::vector<prefix_nlri>, std::vector<rt_membership_nlri>, std::vector<evpn_route>,
                               std::vector<flowspec_route>, unknown_nlri>;
enum class nlri_kind : std::uint8_t { prefix, rt_membership, evpn, flowspec, unknown };
nlri_kind kind_of(family f);
// An empty list of the right alternative for f.
nlri_list empty_nlri(family f);
std::size_t nlri_count(const nlri_list& l);  // number of NLRI (1 for a non-empty unknown field)

// Decodes NLRI of family f from r until r is empty (ctx: ADD-PATH). Errors name protocol
// "bgp" and field "nlri" (NOTIFICATION 3/10 for the UPDATE body, 3/9 inside MP_* attributes).
status decode_nlri(reader& r, family f, const context& ctx, nlri_list& out);
// Plain IPv4/IPv6 prefixes (the UPDATE body, RFC 4271 §4.3): family f's prefix form.
status decode_prefixes(reader& r, family f, const context& ctx, std::vector<prefix_nlri>& out);
// Writes the NLRI; a path identifier is written iff ctx.has_add_path(f) (0 when absent); a
// path_id without ADD-PATH for f is an error. Prefix bits beyond `length` are cleared.
status encode_nlri(writer& w, family f, const context& ctx, const nlri_list& in);
status encode_prefixes(writer& w, family f, const context& ctx, const std::vector<prefix_nlri>& in);

}  // namespace wirekit::bgp
