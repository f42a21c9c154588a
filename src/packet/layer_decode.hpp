// Internal: decode_layer of the headers nearly every frame has (Ethernet, VLAN, S-VLAN, MPLS,
// IPv4, IPv6, TCP, UDP), defined inline so that the walk over a frame (walk.hpp) compiles into
// one function without a call and a returned status per header. Each still decodes through its
// header's one description (decode_fields); the rare paths (options, extension headers, errors)
// stay out of line in the header's .cpp. The other headers' decode_layer are in their .cpp.
#pragma once
#include "layer_ops.hpp"

namespace wirekit::packet_detail {

// The errors of the inline decoders (out of line: the rare path).
[[gnu::cold]] status ipv4_total_length_error(const ipv4& h, std::size_t at, std::size_t hl, std::size_t remaining);
[[gnu::cold]] status udp_total_length_error(const udp& h, std::size_t at, std::size_t remaining);

[[gnu::always_inline]] inline status decode_layer(ethernet& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  nx.kind = kind_of_ethertype(h.ethertype);
  return {};
}

[[gnu::always_inline]] inline status decode_layer(vlan& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  nx.kind = kind_of_ethertype(h.ethertype);
  return {};
}

// What follows an S-tag: only a C-tag (or an I-tag, kept as payload), as in os-ken.
[[gnu::always_inline]] inline next_kind next_after_svlan(std::uint16_t ethertype) {
  return ethertype == ether_type::vlan ? next_kind::vlan : next_kind::none;
}
// What follows an MPLS label: another label, or after the bottom of the stack IPv4 or IPv6 by
// the first nibble of the n bytes that follow (RFC 4182 practice; os-ken always assumes IPv4).
[[gnu::always_inline]] inline next_kind next_after_mpls(bool bsb, const std::byte* rest, std::size_t n) {
  if (!bsb) return next_kind::mpls;
  if (n == 0) return next_kind::none;
  const unsigned nibble = std::to_integer<unsigned>(rest[0]) >> 4;
  return nibble == 4 ? next_kind::ipv4 : nibble == 6 ? next_kind::ipv6 : next_kind::none;
}

// (wire_view's fast paths, src/packet/wire_view.cpp, use the same two rules.)
[[gnu::always_inline]] inline status decode_layer(svlan& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  nx.kind = next_after_svlan(h.ethertype);
  return {};
}

[[gnu::always_inline]] inline status decode_layer(mpls& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  nx.kind = next_after_mpls(h.bsb, r.data(), r.remaining());
  return {};
}

[[gnu::always_inline]] inline status decode_layer(ipv4& h, reader& r, next_layer& nx) {
  const std::size_t at = r.offset();
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  const std::size_t hl = std::size_t(h.header_length) * 4;
  if (h.total_length < hl || h.total_length - hl > r.remaining()) [[unlikely]]
    return ipv4_total_length_error(h, at, hl, r.remaining());
  nx.limit = h.total_length - hl;
  nx.kind = kind_of_ip_proto(h.proto);
  return {};
}

[[gnu::always_inline]] inline status decode_layer(ipv6& h, reader& r, next_layer& nx) {
  const std::size_t at = r.position();
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  const std::size_t ext_len = r.position() - at - 40;
  nx.limit = h.payload_length - ext_len;
  nx.kind = kind_of_ip_proto(h.ext_hdrs.empty() ? h.nxt : ipv6_upper_protocol(h));
  return {};
}

[[gnu::always_inline]] inline status decode_layer(tcp& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  nx.kind = next_kind::tcp_app;
  nx.src_port = h.src_port;
  nx.dst_port = h.dst_port;
  return {};
}

[[gnu::always_inline]] inline status decode_layer(udp& h, reader& r, next_layer& nx) {
  const std::size_t at = r.offset();
  WIREKIT_TRY(wire::decode_fields_inline(h, r));
  if (h.total_length < 8 || h.total_length - 8u > r.remaining()) [[unlikely]]
    return udp_total_length_error(h, at, r.remaining());
  nx.limit = h.total_length - 8u;
  nx.kind = next_kind::udp_app;
  nx.src_port = h.src_port;
  nx.dst_port = h.dst_port;
  return {};
}

}  // namespace wirekit::packet_detail
