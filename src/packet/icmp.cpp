// ICMP (os_ken/lib/packet/icmp.py): typed bodies for echo, destination unreachable and time
// exceeded; raw bytes for other types. ICMP consumes everything after it.
#include "wirekit/packet/icmp.hpp"

#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"

namespace wirekit {

namespace {
template <class T>
status decode_body(reader& r, icmp& h, const char* proto) {
  T* b = std::get_if<T>(&h.data);
  if (!b) b = &h.data.emplace<T>();
  return wire::decode_fields(*b, r, proto);
}
}  // namespace

status icmp_body_codec::decode(reader& r, icmp& h, const char* proto) {
  if (!r.empty()) {
    switch (h.type) {
      case icmp_type::echo_reply:
      case icmp_type::echo_request: return decode_body<icmp_echo>(r, h, proto);
      case icmp_type::dest_unreach: return decode_body<icmp_dest_unreach>(r, h, proto);
      case icmp_type::time_exceeded: return decode_body<icmp_time_exceeded>(r, h, proto);
      default: break;
    }
  }
  // Other types, or nothing after the header (os-ken's data=b''): raw bytes.
  auto s = r.take(r.remaining());
  bytes* raw = std::get_if<bytes>(&h.data);
  if (!raw) raw = &h.data.emplace<bytes>();
  raw->assign(s.begin(), s.end());
  return {};
}

status icmp_body_codec::encode(writer& w, const icmp& h, std::size_t) {
  return std::visit(
      [&](const auto& b) -> status {
        using T = std::remove_cvref_t<decltype(b)>;
        if constexpr (std::is_same_v<T, bytes>) {
          if (b.empty())
            w.zeros(4);  // os-ken writes an empty echo body (id 0, seq 0) when data is empty
          else
            w.put(b);
          return {};
        } else {
          return wire::encode_fields(b, w, "icmp");
        }
      },
      h.data);
}

}  // namespace wirekit

// ---- JSON: `data` is base64 (raw bytes) or a wrapped typed body; null reads as empty bytes.
namespace wirekit::json_glue {

template <>
struct json_traits<icmp::body> {
  static void to(json& j, const icmp::body& v) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, v);
  }
  static status from(const json& j, icmp::body& v, const path& p) {
    if (j.is_null()) {
      v = bytes{};
      return {};
    }
    if (j.is_string()) {
      bytes raw;
      WIREKIT_TRY(from_json_value(j, raw, p));
      v = std::move(raw);
      return {};
    }
    std::variant<icmp_echo, icmp_dest_unreach, icmp_time_exceeded> typed;
    WIREKIT_TRY(from_json_value(j, typed, p));
    std::visit([&](auto& x) { v = std::move(x); }, typed);
    return {};
  }
};

}  // namespace wirekit::json_glue

namespace wirekit::packet_detail {

status decode_layer(icmp& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = next_kind::none;  // the body took every byte
  return {};
}

status encode_layer(const icmp& h, writer& w) { return default_encode(h, w); }

status finish_layer(const icmp& h, bytes& out, std::size_t start, std::size_t end, const header*) {
  // As os-ken: the checksum of the ICMP message itself (header and body).
  if (h.csum == 0) writer(out).patch_u16(start + 2, internet_checksum(bytes_view(out).subspan(start, end - start)));
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(icmp)

}  // namespace wirekit::packet_detail
