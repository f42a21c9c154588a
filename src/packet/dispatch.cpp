// Dispatch tables: ethertype -> L3, IP protocol -> L4, ports -> application protocol.
#include <atomic>
#include <limits>
#include <nlohmann/json.hpp>

#include "layer_ops.hpp"
#include "wirekit/core/checksum.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::packet_detail {

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

void register_tcp_app(std::uint16_t port, app_decoder d) {
  tcp_table().push_back({port, d});
  tcp_app_ports.add(port);
}
void register_udp_app(std::uint16_t port, app_decoder d) {
  udp_table().push_back({port, d});
  udp_app_ports.add(port);
}
void register_app_json(bool (*claims)(const std::string&),
                       status (*from_json)(const nlohmann::json&, app_ptr&, const json_glue::path&)) {
  json_families().push_back({claims, from_json});
}

void register_builtin_apps();  // applications.cpp

// The ports some decoder is registered for, one bit each: most segments use none of them, and
// the bit test (inline in layer_ops.hpp) answers that without scanning the table.
port_set tcp_app_ports, udp_app_ports;
std::atomic<bool> apps_registered{false};  // a cheap test before the guarded static below

[[gnu::cold, gnu::noinline]] static void register_once() {
  static const bool once = [] {
    register_builtin_apps();
    return true;
  }();
  apps_registered.store(once, std::memory_order_release);
}
static inline void ensure_registered() {
  if (!apps_registered.load(std::memory_order_acquire)) [[unlikely]]
    register_once();
}

app_decoder find_tcp_app_slow(std::uint16_t sp, std::uint16_t dp) {
  ensure_registered();
  if (!tcp_app_ports.has(sp) && !tcp_app_ports.has(dp)) return nullptr;
  return find(tcp_table(), sp, dp);
}
app_decoder find_udp_app_slow(std::uint16_t sp, std::uint16_t dp) {
  ensure_registered();
  if (!udp_app_ports.has(sp) && !udp_app_ports.has(dp)) return nullptr;
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
std::size_t ip_given_length(const header* prev) {
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  if (const auto* v4 = prev ? std::get_if<ipv4>(prev) : nullptr; v4 && v4->total_length) {
    const std::size_t hl = std::size_t(v4->header_length) * 4;
    return v4->total_length >= hl ? v4->total_length - hl : none;
  }
  if (const auto* v6 = prev ? std::get_if<ipv6>(prev) : nullptr; v6 && v6->payload_length) {
    const std::size_t ext = ipv6_ext_hdrs_length(*v6);
    return v6->payload_length >= ext ? v6->payload_length - ext : none;
  }
  return none;
}

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
