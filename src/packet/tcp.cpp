// TCP header and options (os_ken/lib/packet/tcp.py).
//
// Options decode as os-ken's TCPOption classes. os-ken keeps the raw option bytes when an option
// is truncated (its struct.error fallback); wirekit does the same, and also where os-ken would
// loop forever (a length of 0) or silently drop or mis-frame bytes (a length byte that does not
// match the option's fixed size, that runs past the option area, or a SACK whose length is not
// 2 + 8n): the raw bytes always encode back to exactly what was read.
#include "wirekit/packet/tcp.hpp"

#include "wirekit/packet/wire_view.hpp"  // tcp_option_size

#include <fmt/format.h>

#include "layer_decode.hpp"
#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"

namespace wirekit {

// ---- options ----------------------------------------------------------------------------
status tcp_sack_blocks_codec::decode(reader& r, tcp_option_sack& o, const char* proto) {
  if (r.remaining() % 8)
    return make_error(proto, "blocks", r.offset(), fmt::format("{} bytes is not a whole number of 8-byte blocks",
                                                               r.remaining()));
  o.blocks.clear();
  o.blocks.reserve(r.remaining() / 8);
  while (!r.empty()) {
    tcp_sack_block b;
    b.left = r.u32();
    b.right = r.u32();
    o.blocks.push_back(b);
  }
  return {};
}

status tcp_sack_blocks_codec::encode(writer& w, const tcp_option_sack& o, std::size_t) {
  for (const auto& b : o.blocks) {
    w.u32(b.left);
    w.u32(b.right);
  }
  return {};
}

namespace {

// The list is filled in place, through a cursor: the next slot is reused when it already holds
// a T (its buffers too), so a steady stream of similar headers neither allocates nor destroys
// and rebuilds variants. (A plain struct passed by value to the slow path, so that the loop
// keeps it in registers.)
struct option_cursor {
  tcp_option* at;   // the next slot
  tcp_option* end;  // the end of the list
};
template <class T>
struct slot_result {
  T* x;
  option_cursor cur;
};
// Another alternative in the slot, or a new slot at the end (the list may move).
template <class T>
[[gnu::noinline]] slot_result<T> next_slot_slow(tcp_options& list, option_cursor cur) {
  const std::size_t n = static_cast<std::size_t>(cur.at - list.data());
  T* x = cur.at != cur.end ? &list[n].emplace<T>() : &std::get<T>(list.emplace_back(std::in_place_type<T>));
  return {x, {list.data() + n + 1, std::to_address(list.end())}};
}
template <class T>
[[gnu::always_inline]] inline T& next_slot(tcp_options& list, option_cursor& cur) {
  if (cur.at != cur.end) [[likely]] {
    if (T* x = std::get_if<T>(cur.at)) [[likely]] {
      ++cur.at;
      return *x;
    }
  }
  slot_result<T> r = next_slot_slow<T>(list, cur);
  cur = r.cur;
  return *r.x;
}

// An option of fixed size at p (its size checked by tcp_option_size).
template <class T>
[[gnu::always_inline]] inline std::size_t decode_fixed_option(const std::byte* p, tcp_options& list,
                                                              option_cursor& cur) {
  wire::decode_fixed_fields(next_slot<T>(list, cur), p);
  return T::cls_length;
}
// An option of variable size, len bytes at p (2 <= len); false if it is malformed.
template <class T>
[[gnu::noinline]] bool decode_variable_option(const std::byte* p, std::size_t len, tcp_options& list,
                                              option_cursor& cur) {
  reader sub(bytes_view(p, len));
  T& o = next_slot<T>(list, cur);
  return wire::decode_fields(o, sub, "tcp") && sub.empty();
}

// The next option, from the front of p[0, left) (left > 0); its size, or 0 if it is malformed.
// Which options are well formed is tcp_option_size's rule (wire_view.hpp), the one wire_view
// locates options with.
[[gnu::always_inline]] inline std::size_t decode_one_option(const std::byte* p, std::size_t left, tcp_options& list,
                                                            option_cursor& cur) {
  namespace k = tcp_option_kind;
  const std::size_t len = tcp_option_size(p, left);
  if (len == 0) return 0;
  switch (std::to_integer<std::uint8_t>(p[0])) {
    case k::nop: next_slot<tcp_option_nop>(list, cur) = tcp_option_nop{}; return 1;
    case k::eol: next_slot<tcp_option_eol>(list, cur) = tcp_option_eol{}; return 1;
    case k::timestamps: return decode_fixed_option<tcp_option_timestamps>(p, list, cur);
    case k::mss: return decode_fixed_option<tcp_option_mss>(p, list, cur);
    case k::window_scale: return decode_fixed_option<tcp_option_window_scale>(p, list, cur);
    case k::sack_permitted: return decode_fixed_option<tcp_option_sack_permitted>(p, list, cur);
    case k::user_timeout: return decode_fixed_option<tcp_option_user_timeout>(p, list, cur);
    case k::sack: return decode_variable_option<tcp_option_sack>(p, len, list, cur) ? len : 0;
    case k::authentication: return decode_variable_option<tcp_option_authentication>(p, len, list, cur) ? len : 0;
    default: return decode_variable_option<tcp_option_unknown>(p, len, list, cur) ? len : 0;
  }
}

template <class T>
inline constexpr bool recomputed_length_v = std::is_same_v<T, tcp_option_sack> ||
                                            std::is_same_v<T, tcp_option_authentication> ||
                                            std::is_same_v<T, tcp_option_unknown>;

}  // namespace

namespace {
// An option list a header no longer needs (its frame had no options), kept per thread so that
// the next header with options reuses its capacity instead of allocating.
// Reached through a plain thread-local pointer, set on first use: only that first use goes
// through the C++ thread-local initialisation wrapper.
tcp_options& spare_list_storage() {
  thread_local tcp_options list;
  return list;
}
thread_local tcp_options* spare = nullptr;
inline tcp_options& spare_list() {
  if (!spare) [[unlikely]]
    spare = &spare_list_storage();
  return *spare;
}
}  // namespace

namespace {
// Decodes the option area into the list it holds, reusing its capacity (or the spare list's);
// the raw bytes if an option is malformed.
[[gnu::always_inline]] inline void fill_options(bytes_view area, tcp::option_data& out) {
  tcp_options* list = std::get_if<tcp_options>(&out);
  if (!list) [[unlikely]]
    list = &out.emplace<tcp_options>();
  if (!list->capacity()) [[unlikely]] {
    if (tcp_options& sp = spare_list(); sp.capacity()) list->swap(sp);
  }
  option_cursor cur{list->data(), std::to_address(list->end())};
  const std::byte* p = area.data();
  std::size_t left = area.size();
  while (left) {  // every option consumes at least one byte
    const std::size_t used = decode_one_option(p, left, *list, cur);
    if (!used) [[unlikely]] {
      out.emplace<bytes>(area.begin(), area.end());
      return;
    }
    p += used;
    left -= used;
  }
  if (cur.at != cur.end) [[unlikely]]  // drop the slots after the last one used
    list->erase(list->begin() + (cur.at - list->data()), list->end());
}
}  // namespace

void decode_tcp_options_into(bytes_view area, tcp::option_data& out) { fill_options(area, out); }

tcp::option_data decode_tcp_options(bytes_view area) {
  tcp::option_data d;
  decode_tcp_options_into(area, d);
  return d;
}

status encode_tcp_option(writer& w, const tcp_option& o) {
  return std::visit(
      [&](const auto& x) -> status {
        using T = std::remove_cvref_t<decltype(x)>;
        const std::size_t at = w.size();
        if constexpr (std::is_same_v<T, tcp_option_eol> || std::is_same_v<T, tcp_option_nop>) {
          w.u8(T::cls_kind);  // as os-ken: the class decides the kind byte
          return {};
        } else {
          WIREKIT_TRY(wire::encode_fields(x, w, T::name));
          if constexpr (recomputed_length_v<T>) {
            const std::size_t len = w.size() - at;
            if (len > 0xff) return make_error(T::name, "length", at + 1, fmt::format("option of {} bytes", len));
            w.patch_u8(at + 1, len);
          }
          return {};
        }
      },
      o);
}

status tcp_options_codec::decode_options(reader& r, tcp& h, const char* proto) {
  const std::size_t offset_at = r.offset() - 8;  // the data offset is byte 12 of the header
  if (h.offset < 5)
    return make_error(proto, "offset", offset_at, fmt::format("{} is below the minimum of 5 (20 bytes)", h.offset));
  const std::size_t n = std::size_t(h.offset) * 4 - 20;
  if (!r.has(n))
    return make_error(proto, "offset", offset_at,
                      fmt::format("{} ({} bytes) exceeds the {} bytes present", h.offset, 20 + n, 20 + r.remaining()));
  if (n == 0) {
    if (h.option) {
      if (auto* list = std::get_if<tcp_options>(&*h.option); list && list->capacity() > spare_list().capacity())
        list->swap(spare_list());
      h.option.reset();
    }
    return {};
  }
  if (!h.option) h.option.emplace();
  fill_options(r.take(n), *h.option);
  return {};
}

status tcp_options_codec::encode(writer& w, const tcp& h, std::size_t start) {
  const bool any = h.option && std::visit([](const auto& v) { return !v.empty(); }, *h.option);
  if (any) {
    const std::size_t opt_start = w.size();
    if (const auto* list = std::get_if<tcp_options>(&*h.option)) {
      for (const auto& o : *list) WIREKIT_TRY(encode_tcp_option(w, o));
    } else {
      w.put(std::get<bytes>(*h.option));
    }
    w.pad_to(opt_start, 4);
    const std::size_t want = std::size_t(h.offset) * 4;
    if (want > w.size() - start) w.zeros(want - (w.size() - start));
  }
  const std::size_t len = w.size() - start;
  if (len > 60)
    return make_error("tcp", "option", start + 20,
                      fmt::format("{} option bytes exceed the 40 a TCP header can hold", len - 20));
  if (h.offset == 0) {
    auto& b = w.buffer()[start + 12];
    b = static_cast<std::byte>((len / 4) << 4) | (b & std::byte{0x0f});
  }
  return {};
}

}  // namespace wirekit

// ---- JSON: `option` is null, a list of wrapped options or a base64 string; SACK blocks are
// [left, right] pairs.
namespace wirekit::json_glue {

template <>
struct json_traits<tcp_sack_block> {
  static void to(json& j, const tcp_sack_block& b) { j = json::array({b.left, b.right}); }
  static status from(const json& j, tcp_sack_block& b, const path& p) {
    if (!j.is_array() || j.size() != 2) return type_error(p, "a [left, right] pair", j);
    WIREKIT_TRY(from_json_value(j[0], b.left, p[0L]));
    return from_json_value(j[1], b.right, p[1L]);
  }
};

template <>
struct json_traits<tcp::option_data> {
  static void to(json& j, const tcp::option_data& v) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, v);
  }
  static status from(const json& j, tcp::option_data& v, const path& p) {
    if (j.is_string()) {
      bytes raw;
      WIREKIT_TRY(from_json_value(j, raw, p));
      v = std::move(raw);
      return {};
    }
    if (!j.is_array()) return type_error(p, "null, a list of TCP options or a base64 string", j);
    tcp_options list;
    WIREKIT_TRY(from_json_value(j, list, p));
    v = std::move(list);
    return {};
  }
};

}  // namespace wirekit::json_glue

namespace wirekit::packet_detail {

status encode_layer(const tcp& h, writer& w) { return default_encode(h, w); }

status finish_layer(const tcp& h, bytes& out, std::size_t start, std::size_t end, const header* prev) {
  if (h.csum != 0) return {};
  // The segment is everything after the header's start, except a trailer beyond the IP length
  // (e.g. Ethernet padding kept as a final payload).
  std::size_t len = out.size() - start;
  if (const std::size_t given = ip_given_length(prev); given >= end - start && given < len) len = given;
  std::uint64_t sum = 0;
  if (!pseudo_header_sum(prev, ip_proto::tcp, len, sum)) return {};  // not over IP: left as given
  sum = csum_add(bytes_view(out).subspan(start, len), sum);
  writer(out).patch_u16(start + 16, csum_fold(sum));
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(tcp)

}  // namespace wirekit::packet_detail
