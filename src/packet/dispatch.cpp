// Dispatch tables: ethertype -> L3, IP protocol -> L4, ports -> application protocol.
#include <nlohmann/json.hpp>

#include "layer_ops.hpp"
#include "wirekit/core/checksum.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::packet_detail {

next_kind kind_of_ethertype(std::uint16_t t) {
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

next_kind kind_of_ip_proto(std::uint8_t p) {
  switch (p) {
    case ip_proto::icmp: return next_kind::icmp;
    case ip_proto::tcp: return next_kind::tcp;
    case ip_proto::udp: return next_kind::udp;
    case ip_proto::sctp: return next_kind::sctp;
    case ip_proto::icmpv6: return next_kind::icmpv6;
    default: return next_kind::none;
  }
}

// ---- applications ----------------------------------------------------------------------
// Filled in by the application families (each issue adds its decoder here):
//   TCP 179 -> BGP, TCP 6633/6653 -> OpenFlow, UDP 546/547 -> DHCPv6, TCP 6068 -> ANCP.
namespace {
struct port_entry {
  std::uint16_t port;
  app_decoder decode;
};
// Application decoders are registered at start-up by the families linked into the library.
std::vector<port_entry>& tcp_table() {
  static std::vector<port_entry> t;
  return t;
}
std::vector<port_entry>& udp_table() {
  static std::vector<port_entry> t;
  return t;
}
app_decoder find(const std::vector<port_entry>& t, std::uint16_t sp, std::uint16_t dp) {
  for (const auto& e : t)
    if (e.port == dp || e.port == sp) return e.decode;
  return nullptr;
}

struct json_family {
  bool (*claims)(const std::string& cls);
  status (*from_json)(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p);
};
std::vector<json_family>& json_families() {
  static std::vector<json_family> t;
  return t;
}
}  // namespace

void register_tcp_app(std::uint16_t port, app_decoder d) { tcp_table().push_back({port, d}); }
void register_udp_app(std::uint16_t port, app_decoder d) { udp_table().push_back({port, d}); }
void register_app_json(bool (*claims)(const std::string&),
                       status (*from_json)(const nlohmann::json&, app_ptr&, const json_glue::path&)) {
  json_families().push_back({claims, from_json});
}

void register_builtin_apps();  // applications.cpp

static void ensure_registered() {
  static const bool once = [] {
    register_builtin_apps();
    return true;
  }();
  (void)once;
}

app_decoder find_tcp_app(std::uint16_t sp, std::uint16_t dp) {
  ensure_registered();
  return find(tcp_table(), sp, dp);
}
app_decoder find_udp_app(std::uint16_t sp, std::uint16_t dp) {
  ensure_registered();
  return find(udp_table(), sp, dp);
}

status app_from_json(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p) {
  ensure_registered();
  const std::string& cls = wrapped.begin().key();
  for (const auto& f : json_families())
    if (f.claims(cls)) return f.from_json(wrapped, out, p);
  return json_error(p.str(), "unknown header class '" + cls + "'");
}

// ---- pseudo-headers ----------------------------------------------------------------------
bool pseudo_header_sum(const header* prev, std::uint8_t upper_proto, std::size_t upper_len, std::uint64_t& sum) {
  if (!prev) return false;
  if (auto* v4 = std::get_if<ipv4>(prev)) {
    sum = csum_add(bytes_view(reinterpret_cast<const std::byte*>(v4->src.b.data()), 4), sum);
    sum = csum_add(bytes_view(reinterpret_cast<const std::byte*>(v4->dst.b.data()), 4), sum);
    sum += upper_proto;
    sum += upper_len;
    return true;
  }
  if (auto* v6 = std::get_if<ipv6>(prev)) {
    sum = csum_add(bytes_view(reinterpret_cast<const std::byte*>(v6->src.b.data()), 16), sum);
    const ipv6_addr& dst = ipv6_final_destination(*v6);
    sum = csum_add(bytes_view(reinterpret_cast<const std::byte*>(dst.b.data()), 16), sum);
    sum += (upper_len >> 16) & 0xffff;
    sum += upper_len & 0xffff;
    sum += upper_proto;
    return true;
  }
  return false;
}

}  // namespace wirekit::packet_detail
