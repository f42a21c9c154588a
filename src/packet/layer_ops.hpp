// Internal: what the packet container asks of each header type. Every header type T in
// `header` has these overloads, defined in src/packet/<family>.cpp:
//
//   status decode_layer(T& h, reader& r, next_layer& nx);
//       Decode T from the front of r (which holds the rest of the frame that belongs to this
//       layer) and say what follows in nx. Must set every member of h: the packet container
//       reuses objects across parses.
//   status encode_layer(const T& h, writer& w);
//       Append T's bytes as given (lengths/checksums as stored, even if 0).
//   status finish_layer(const T& h, bytes& out, std::size_t start, std::size_t end, const header* prev);
//       After every later header is written: h's bytes are out[start, end), what it carries is
//       out[end, out.size()); compute the fields that are 0 (lengths, checksums); may append
//       padding at the end of out (Ethernet). prev is the header before h or nullptr.
//   void layer_to_json(nlohmann::json& wrapped, const T& h);          {"ipv4": {...}}
//   status layer_from_json(const nlohmann::json& inner, T& h, const json_glue::path& p);
#pragma once
#include <atomic>
#include <cstdint>
#include <limits>
#include <nlohmann/json_fwd.hpp>

#include "wirekit/packet/packet.hpp"

namespace wirekit::json_glue {
struct path;
}

namespace wirekit::packet_detail {

enum class next_kind : std::uint8_t {
  none,  // the rest is payload
  ethernet,
  vlan,
  svlan,
  mpls,
  arp,
  ipv4,
  ipv6,
  icmp,
  icmpv6,
  tcp,
  udp,
  sctp,
  tcp_app,  // application over TCP, chosen by port (src_port/dst_port)
  udp_app,  // application over UDP
};

struct next_layer {
  next_kind kind = next_kind::none;
  // How many of the bytes after this header belong to the next layer (e.g. IPv4 total_length
  // minus the header); bytes beyond are a trailer (Ethernet padding) kept as a final payload.
  std::size_t limit = std::numeric_limits<std::size_t>::max();
  std::uint16_t src_port = 0, dst_port = 0;
};

// The dispatch tables: ethertype -> L3, IP protocol -> L4 (ports -> application: dispatch.cpp).
[[gnu::always_inline]] inline next_kind kind_of_ethertype(std::uint16_t t) {
  switch (t) {
    case ether_type::vlan: return next_kind::vlan;
    case ether_type::svlan: return next_kind::svlan;
    case ether_type::mpls: return next_kind::mpls;
    case ether_type::arp: return next_kind::arp;
    case ether_type::ipv4: return next_kind::ipv4;
    case ether_type::ipv6: return next_kind::ipv6;
    default: return next_kind::none;  // LLC (<= 1500), LLDP, slow protocols, CFM, ...: payload
  }
}
[[gnu::always_inline]] inline next_kind kind_of_ip_proto(std::uint8_t p) {
  switch (p) {
    case ip_proto::icmp: return next_kind::icmp;
    case ip_proto::tcp: return next_kind::tcp;
    case ip_proto::udp: return next_kind::udp;
    case ip_proto::sctp: return next_kind::sctp;
    case ip_proto::icmpv6: return next_kind::icmpv6;
    default: return next_kind::none;
  }
}

// The upper-layer pseudo-header sum for a TCP/UDP/ICMPv6/... checksum (RFC 768/793/8200 §8.1).
// prev must be ipv4 or ipv6; returns false if it is neither.
bool pseudo_header_sum(const header* prev, std::uint8_t upper_proto, std::size_t upper_len, std::uint64_t& sum);

// How many bytes the length kept in prev gives to the layer after it (IPv4: total_length minus
// the header; IPv6: payload_length minus the extension headers), or SIZE_MAX if prev is not IP
// or its length is 0 (computed later) or smaller than its own header. Bytes beyond are a
// trailer (Ethernet padding), not part of the upper layer.
std::size_t ip_given_length(const header* prev);

#define WIREKIT_LAYER_OPS(T)                                                                              \
  status encode_layer(const T& h, writer& w);                                                             \
  status finish_layer(const T& h, bytes& out, std::size_t start, std::size_t end, const header* prev);    \
  void layer_to_json(nlohmann::json& wrapped, const T& h);                                                \
  status layer_from_json(const nlohmann::json& inner, T& h, const json_glue::path& p);

WIREKIT_LAYER_OPS(ethernet)
WIREKIT_LAYER_OPS(vlan)
WIREKIT_LAYER_OPS(svlan)
WIREKIT_LAYER_OPS(mpls)
WIREKIT_LAYER_OPS(arp)
WIREKIT_LAYER_OPS(ipv4)
WIREKIT_LAYER_OPS(ipv6)
WIREKIT_LAYER_OPS(icmp)
WIREKIT_LAYER_OPS(icmpv6)
WIREKIT_LAYER_OPS(tcp)
WIREKIT_LAYER_OPS(udp)
WIREKIT_LAYER_OPS(sctp)
#undef WIREKIT_LAYER_OPS

// decode_layer of the rarer headers; the common ones are inline in layer_decode.hpp.
status decode_layer(arp& h, reader& r, next_layer& nx);
status decode_layer(icmp& h, reader& r, next_layer& nx);
status decode_layer(icmpv6& h, reader& r, next_layer& nx);
status decode_layer(sctp& h, reader& r, next_layer& nx);

// Application protocols over TCP/UDP (dispatch.cpp). A decoder appends the messages it finds
// in data to out (and a payload for what it cannot claim); base is data's absolute offset.
using app_decoder = status (*)(bytes_view data, std::size_t base, std::vector<header>& out);
// The ports some application is registered on, tested inline so that the usual frame (no
// application on either port) costs no call; apps_registered says the sets are filled.
struct port_set {
  std::uint64_t bits[65536 / 64] = {};
  void add(std::uint16_t p) { bits[p >> 6] |= std::uint64_t(1) << (p & 63); }
  bool has(std::uint16_t p) const { return (bits[p >> 6] >> (p & 63)) & 1; }
};
extern port_set tcp_app_ports, udp_app_ports;
extern std::atomic<bool> apps_registered;
app_decoder find_tcp_app_slow(std::uint16_t src_port, std::uint16_t dst_port);
app_decoder find_udp_app_slow(std::uint16_t src_port, std::uint16_t dst_port);
[[gnu::always_inline]] inline app_decoder find_tcp_app(std::uint16_t src_port, std::uint16_t dst_port) {
  if (apps_registered.load(std::memory_order_acquire) && !tcp_app_ports.has(src_port) && !tcp_app_ports.has(dst_port))
    [[likely]]
    return nullptr;
  return find_tcp_app_slow(src_port, dst_port);
}
[[gnu::always_inline]] inline app_decoder find_udp_app(std::uint16_t src_port, std::uint16_t dst_port) {
  if (apps_registered.load(std::memory_order_acquire) && !udp_app_ports.has(src_port) && !udp_app_ports.has(dst_port))
    [[likely]]
    return nullptr;
  return find_udp_app_slow(src_port, dst_port);
}
// Decodes {"BGPUpdate": {...}} and the like into an app_ptr; an error if no family claims the class.
status app_from_json(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p);
// Registration, called from register_builtin_apps() (applications.cpp).
void register_tcp_app(std::uint16_t port, app_decoder d);
void register_udp_app(std::uint16_t port, app_decoder d);
void register_app_json(bool (*claims)(const std::string& cls),
                       status (*from_json)(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p));

}  // namespace wirekit::packet_detail
