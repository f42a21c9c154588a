// SCTP (RFC 9260): the TLV codec shared by chunks, parameters and causes, the hooks of
// include/wirekit/packet/sctp.hpp, and the CRC32c checksum. See the header for where wirekit
// follows the RFC instead of os-ken.
#include "wirekit/packet/sctp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>

#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"

namespace wirekit {

namespace json_glue {
// SACK gap ack blocks are [start, end] pairs, as os-ken keeps them.
template <>
struct json_traits<sctp_gap_ack> {
  static void to(json& j, const sctp_gap_ack& g) { j = json::array({g.start, g.end}); }
  static status from(const json& j, sctp_gap_ack& g, const path& p) {
    if (!j.is_array() || j.size() != 2) return type_error(p, "a [start, end] pair", j);
    WIREKIT_TRY(from_json_value(j[0], g.start, p[0L]));
    return from_json_value(j[1], g.end, p[1L]);
  }
};
}  // namespace json_glue

namespace sctp_detail {
namespace {

constexpr const char* proto_name = "sctp";

// What differs between the three TLV families: the width of the type field and a word for errors.
template <class V>
struct tlv_traits;
template <>
struct tlv_traits<sctp_chunk> {
  static constexpr std::size_t type_size = 1;
  static constexpr const char* what = "chunk";
};
template <>
struct tlv_traits<sctp_param> {
  static constexpr std::size_t type_size = 2;
  static constexpr const char* what = "parameter";
};
template <>
struct tlv_traits<sctp_cause> {
  static constexpr std::size_t type_size = 2;
  static constexpr const char* what = "cause";
};

template <class X>
constexpr bool is_known = requires { X::code; };

// The alternative X of v, reusing the object already there (decoders run on reused packets).
template <class X, class V>
X& reuse(V& v) {
  if (auto* p = std::get_if<X>(&v)) return *p;
  return v.template emplace<X>();
}

template <class V, std::size_t... I>
status decode_alternative(reader& body, V& out, unsigned type, std::size_t len, std::size_t at,
                          std::index_sequence<I...>) {
  constexpr std::size_t ts = tlv_traits<V>::type_size;
  using unknown = std::variant_alternative_t<sizeof...(I) - 1, V>;
  static_assert(!is_known<unknown>, "the last alternative must be the raw 'unknown' one");
  status st;
  bool done = false;
  auto one = [&](auto idx) {
    using X = std::variant_alternative_t<decltype(idx)::value, V>;
    if constexpr (is_known<X>) {
      if (done || X::code != type) return;
      done = true;
      constexpr std::size_t need = ts + wire::min_size<X>;
      if (len < need) {
        st = make_error(proto_name, std::string(X::name) + ".length", at + 2,
                        fmt::format("{} is below the {}-byte minimum of {}", len, need, X::name));
        return;
      }
      reader typed = body;
      typed.skip(ts);
      st = wire::decode_fields(reuse<X>(out), typed, proto_name);
      // Bytes the class has no field for (a length longer than its fields) would be lost: such
      // a TLV is kept whole in the raw form instead.
      if (st && !typed.empty()) done = false;
    }
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  if (!done) st = wire::decode_fields(reuse<unknown>(out), body, proto_name);  // type is in its fields
  return st;
}

// Decodes one TLV at the front of c (the rest of its container) and advances c past it and its
// padding; the padding may be cut short by the end of the container.
template <class V>
status decode_tlv(reader& c, V& out) {
  using tr = tlv_traits<V>;
  const std::size_t at = c.offset();
  if (!c.has(4)) return truncated_error(proto_name, fmt::format("{} header", tr::what), at, 4, c.remaining());
  const unsigned type = tr::type_size == 1 ? c.peek8() : load_be16(c.data());
  const std::size_t len = load_be16(c.data() + 2);
  if (len < 4)
    return make_error(proto_name, fmt::format("{}.length", tr::what), at + 2,
                      fmt::format("{} is below the 4-byte {} header (type {})", len, tr::what, type));
  if (len > c.remaining())
    return make_error(proto_name, fmt::format("{}.length", tr::what), at + 2,
                      fmt::format("{} exceeds the {} bytes left (type {})", len, c.remaining(), type));
  reader body = c.sub(len);
  c.skip(std::min<std::size_t>((4 - len % 4) % 4, c.remaining()));
  return decode_alternative(body, out, type, len, at, std::make_index_sequence<std::variant_size_v<V>>{});
}

// Writes one TLV: type, the described fields, and `length` if 0, without padding: the list
// around it pads (see tlv_list::encode).
template <class V>
status encode_tlv(writer& w, const V& v) {
  return std::visit(
      [&](const auto& x) -> status {
        using X = std::remove_cvref_t<decltype(x)>;
        const std::size_t start = w.size();
        if constexpr (is_known<X>) w.uint(X::code, tlv_traits<V>::type_size);
        WIREKIT_TRY(wire::encode_fields(x, w, proto_name));
        const std::size_t n = w.size() - start;
        if (x.length == 0) {
          if (n > 0xffff)
            return make_error(proto_name, std::string(X::name) + ".length", start + 2,
                              fmt::format("{} bytes do not fit in the 16-bit length", n));
          w.patch_u16(start + 2, n);
        }
        return {};
      },
      v);
}

}  // namespace

// ---- hooks --------------------------------------------------------------------------------
template <auto M>
template <class T>
status tlv_list<M>::decode(reader& r, T& obj, const char*) {
  auto& v = obj.*M;
  std::size_t n = 0;
  while (!r.empty()) {  // every TLV consumes at least 4 bytes
    if (n == v.size()) v.emplace_back();
    WIREKIT_TRY(decode_tlv(r, v[n]));
    ++n;
  }
  v.resize(n);
  return {};
}
// Padding: every chunk is padded to 4 bytes (RFC 9260 §3.2, DATA included). Parameters and causes
// are padded when another one follows; the last one's padding is the enclosing chunk's (or
// cause's) own padding, so that a computed length does not count it, as §3.2 says ("it does
// include any padding of variable-length parameters other than the last parameter") and as
// real stacks write. The bytes are the same either way; os-ken counts that padding in the
// length it computes (both forms are accepted on decode).
template <auto M>
template <class T>
status tlv_list<M>::encode(writer& w, const T& obj, std::size_t) {
  using V = typename std::remove_cvref_t<decltype(obj.*M)>::value_type;
  constexpr bool pad_each = std::is_same_v<V, sctp_chunk>;
  std::size_t prev = 0;
  bool first = true;
  for (const auto& e : obj.*M) {
    if (!pad_each && !first) w.pad_to(prev, 4);
    prev = w.size();
    first = false;
    WIREKIT_TRY(encode_tlv(w, e));
    if (pad_each) w.pad_to(prev, 4);
  }
  return {};
}

// One parameter; bytes after it inside the enclosing TLV are ignored (os-ken reads one).
template <auto M>
template <class T>
status tlv_one<M>::decode(reader& r, T& obj, const char*) {
  auto& m = obj.*M;
  if (r.empty()) {
    m.reset();
    return {};
  }
  if (!m) m.emplace();
  return decode_tlv(r, *m);
}
template <auto M>
template <class T>
status tlv_one<M>::encode(writer& w, const T& obj, std::size_t) {
  if (const auto& m = obj.*M) return encode_tlv(w, *m);
  return {};
}

template <auto M>
template <class T>
status u16_rest<M>::decode(reader& r, T& obj, const char* proto) {
  auto& v = obj.*M;
  if (r.remaining() % 2)
    return make_error(proto, "value", r.offset(), fmt::format("{} bytes is not a whole number of 16-bit values", r.remaining()));
  v.resize(r.remaining() / 2);
  for (auto& x : v) x = r.u16();
  return {};
}
template <auto M>
template <class T>
status u16_rest<M>::encode(writer& w, const T& obj, std::size_t) {
  for (auto x : obj.*M) w.u16(x);
  return {};
}

// SACK gap ack blocks (4 bytes each) and duplicate TSNs (4 bytes each), counted by the fields
// before them; the counts must fit in the chunk.
template <auto M, auto CountM>
template <class T>
status counted<M, CountM>::decode(reader& r, T& obj, const char* proto) {
  auto& v = obj.*M;
  using E = typename std::remove_cvref_t<decltype(v)>::value_type;
  constexpr bool gaps = std::is_same_v<E, sctp_gap_ack>;
  static_assert(gaps || std::is_same_v<E, std::uint32_t>);
  const std::size_t n = obj.*CountM;
  if (n > r.remaining() / 4)
    return make_error(proto, gaps ? "gapack_num" : "duptsn_num", r.offset(),
                      fmt::format("{} entries of 4 bytes exceed the {} bytes left in the chunk", n, r.remaining()));
  v.resize(n);
  for (auto& e : v) {
    if constexpr (gaps) {
      e.start = r.u16();
      e.end = r.u16();
    } else {
      e = r.u32();
    }
  }
  return {};
}
template <auto M, auto CountM>
template <class T>
status counted<M, CountM>::encode(writer& w, const T& obj, std::size_t) {
  for (const auto& e : obj.*M) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(e)>, sctp_gap_ack>) {
      w.u16(e.start);
      w.u16(e.end);
    } else {
      w.u32(e);
    }
  }
  return {};
}

template <class T>
status missing_param_types::decode(reader& r, T& obj, const char* proto) {
  if (obj.num > r.remaining() / 2)
    return make_error(proto, "num", r.offset() - 4,
                      fmt::format("{} parameter types exceed the {} bytes left in the cause", obj.num, r.remaining()));
  obj.types.resize(obj.num);
  for (auto& t : obj.types) t = r.u16();
  return {};
}
template <class T>
status missing_param_types::encode(writer& w, const T& obj, std::size_t start) {
  for (auto t : obj.types) w.u16(t);
  if (obj.num == 0) w.patch_u32(start + 2, obj.types.size());  // num follows the 2-byte length
  return {};
}

}  // namespace sctp_detail

namespace packet_detail {

status decode_layer(sctp& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));  // the chunks take every byte of the packet
  nx.kind = next_kind::none;
  return {};
}

status encode_layer(const sctp& h, writer& w) { return default_encode(h, w); }

namespace {
// Where the last chunk of the packet out[start, end) ends without its padding (end if there is
// no chunk, or the chunks do not add up).
std::size_t unpadded_end(const bytes& out, std::size_t start, std::size_t end) {
  std::size_t at = start + 12, last_end = end;
  while (at + 4 <= end) {
    const std::size_t len = load_be16(out.data() + at + 2);
    if (len < 4) return end;
    last_end = at + len;
    at += (len + 3) & ~std::size_t(3);
  }
  return at == end && last_end <= end ? last_end : end;
}
}  // namespace

status finish_layer(const sctp& h, bytes& out, std::size_t start, std::size_t end, const header* prev) {
  // The IP length kept as read wins over the last chunk's padding: a packet whose IPv4 total
  // length (or IPv6 payload length) ends inside that padding (a sender that left it out, against
  // RFC 9260 §3.2) is written back as it was read. A length of 0 is computed later, over the
  // padded packet.
  const std::size_t given = ip_given_length(prev);  // where the IP header's length says the packet ends
  const std::size_t ip_end = given < end - start ? start + given : end;
  if (ip_end < end && ip_end >= unpadded_end(out, start, end)) {
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(ip_end), out.begin() + static_cast<std::ptrdiff_t>(end));
    end = ip_end;
  }
  if (h.csum != 0) return {};
  // RFC 9260 §6.8 / App. B: CRC32c over the whole packet (not a trailer after it) with a zero
  // checksum field, the CRC's least significant byte first on the wire. (os-ken sums its repr()
  // text instead: not copied.)
  std::byte* f = out.data() + start + 8;
  std::fill(f, f + 4, std::byte{0});
  const std::uint32_t c = crc32c(bytes_view(out).subspan(start, end - start));
  for (int i = 0; i < 4; ++i) f[i] = static_cast<std::byte>(c >> (8 * i));
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(sctp)

}  // namespace packet_detail
}  // namespace wirekit
