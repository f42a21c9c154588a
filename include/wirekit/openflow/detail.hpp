// OpenFlow wire machinery shared by every version: elements bounded by their own length field,
// TLV lists whose element class is picked by the on-wire type (and experimenter id / subtype),
// fixed-width NUL-padded strings, integer arrays. All of it is field-description hooks
// (core/fields.hpp), so a structure stays "a struct and its field list".
//
// Conventions a structure declares with static members:
//   name                       os-ken class name (JSON wrapper key)
//   len_at = N                 a 16-bit length of the whole element at byte N: decode bounds the
//                              element by it, encode always recomputes it
//   pad8 = true                the length excludes trailing padding to a multiple of 8
//   tlv_type / tlv_match(t)    the wire type(s) this alternative of a TLV variant decodes
//   tlv_experimenter, tlv_subtype   further selection for experimenter TLVs (be32 at 4, be16 at 8)
//   tlv_unknown = true         the catch-all alternative (raw bytes)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

// F(member, encoding): a field whose JSON name is the member's name (inside a struct with
// `using self = ...`).
#define WKOF_F(m, enc) ::wirekit::wire::field<&self::m>(#m, ::wirekit::wire::enc)
#define WKOF_FN(m, jname, enc) ::wirekit::wire::field<&self::m>(jname, ::wirekit::wire::enc)

namespace wirekit::openflow {

inline constexpr const char* proto_name = "openflow";

// A fixed-width NUL-padded name (port, table, description): the bytes with trailing NULs removed.
// JSON: text when the bytes are UTF-8, else base64 of them (os-ken's form).
struct ofp_name {
  std::string v;
  bool operator==(const ofp_name&) const = default;
};

// Packet-out data: the frame's bytes, or null (os-ken's data=None). JSON: base64 or null; on
// input also os-ken's {"Packet": {"protocols": [...]}} (a frame built with its packet library),
// serialized with wirekit's packet library.
struct packet_out_data : std::optional<bytes> {
  using std::optional<bytes>::optional;
  using std::optional<bytes>::operator=;
  static constexpr const char* names[] = {"Packet"};
};

namespace detail {

template <class T>
concept has_len_at = requires { T::len_at; };
template <class T>
concept self_coded = requires(reader& r, T& t, writer& w, const T& c) {
  { T::wire_decode(r, t) } -> std::same_as<status>;
  { T::wire_encode(w, c) } -> std::same_as<status>;
};
template <class T>
constexpr bool pad8_of() {
  if constexpr (requires { T::pad8; })
    return T::pad8;
  else
    return false;
}
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};

error bad_length(const char* what, std::size_t at, std::size_t len, std::size_t min, std::size_t avail);
error unknown_tlv(const char* what, std::size_t at, unsigned type);

// One element: bounded by its length field, or of fixed size, or self-coded.
template <class T>
status decode_elem(reader& r, T& out) {
  if constexpr (self_coded<T>) {
    return T::wire_decode(r, out);
  } else if constexpr (has_len_at<T>) {
    constexpr std::size_t need = T::len_at + 2;
    if (!r.has(need)) return truncated_error(proto_name, std::string(T::name) + ".len", r.offset(), need, r.remaining());
    std::size_t len = load_be16(r.data() + T::len_at);
    if (len < need || len > r.remaining()) return bad_length(T::name, r.offset() + T::len_at, len, need, r.remaining());
    reader sub = r.sub(len);
    WIREKIT_TRY(wire::decode_fields(out, sub, proto_name));
    if constexpr (pad8_of<T>()) {
      std::size_t p = (8 - len % 8) % 8;
      r.skip(p < r.remaining() ? p : r.remaining());
    }
    return {};
  } else {
    return wire::decode_fields(out, r, proto_name);
  }
}

template <class T>
status encode_elem(writer& w, const T& v) {
  if constexpr (self_coded<T>) {
    return T::wire_encode(w, v);
  } else {
    const std::size_t start = w.size();
    WIREKIT_TRY(wire::encode_fields(v, w, proto_name));
    if constexpr (requires { T::align8; }) w.pad_to(start, 8);
    if constexpr (has_len_at<T>) {
      std::size_t n = w.size() - start;
      if (n > 0xffff) return make_error(proto_name, T::name, start, "element longer than 65535 bytes");
      w.patch_u16(start + T::len_at, n);
      if constexpr (pad8_of<T>()) w.pad_to(start, 8);
    }
    return {};
  }
}

template <class T>
bool tlv_matches(std::uint16_t type, const reader& r) {
  if constexpr (requires { T::tlv_unknown; }) {
    (void)type, (void)r;
    return true;
  } else {
    bool m;
    if constexpr (requires { T::tlv_match(type); })
      m = T::tlv_match(type);
    else
      m = type == T::tlv_type;
    if (!m) return false;
    if constexpr (requires { T::tlv_experimenter; }) {
      if (!r.has(8) || load_be32(r.data() + 4) != T::tlv_experimenter) return false;
    }
    if constexpr (requires { T::tlv_subtype; }) {
      if (!r.has(10) || load_be16(r.data() + 8) != T::tlv_subtype) return false;
    }
    return true;
  }
}

// A TLV whose class is chosen by its 16-bit type at byte 0 (first matching alternative).
template <class V>
status decode_variant(reader& r, V& out, const char* what) {
  if (!r.has(4)) return truncated_error(proto_name, what, r.offset(), 4, r.remaining());
  const std::uint16_t type = load_be16(r.data());
  status st;
  bool done = false;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&](auto tag) {
      using T = typename decltype(tag)::type;
      if (done || !tlv_matches<T>(type, r)) return;
      done = true;
      T x{};
      st = decode_elem(r, x);
      if (st) out = std::move(x);
    };
    (one(std::type_identity<std::variant_alternative_t<I, V>>{}), ...);
  }(std::make_index_sequence<std::variant_size_v<V>>{});
  if (!done) return unknown_tlv(what, r.offset(), type);
  return st;
}

template <class X>
status decode_list(reader& r, std::vector<X>& out, const char* what) {
  out.clear();
  while (!r.empty()) {
    std::size_t before = r.remaining();
    X x{};
    if constexpr (is_variant<X>::value)
      WIREKIT_TRY(decode_variant(r, x, what));
    else
      WIREKIT_TRY(decode_elem(r, x));
    out.push_back(std::move(x));
    if (r.remaining() >= before) return make_error(proto_name, what, r.offset(), "element of length 0");
  }
  return {};
}

template <class X>
status encode_list(writer& w, const std::vector<X>& v) {
  for (const auto& x : v) {
    if constexpr (is_variant<X>::value)
      WIREKIT_TRY(std::visit([&](const auto& a) { return encode_elem(w, a); }, x));
    else
      WIREKIT_TRY(encode_elem(w, x));
  }
  return {};
}

// ---- hooks --------------------------------------------------------------------------------
// A list that fills the rest of the enclosing structure.
template <auto M>
struct rest_list {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    return decode_list(r, o.*M, p);
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    return encode_list(w, o.*M);
  }
};
// One nested structure.
template <auto M>
struct one_obj {
  template <class T>
  static status decode(reader& r, T& o, const char*) {
    using X = wire::member_t<M>;
    if constexpr (is_variant<X>::value)
      return decode_variant(r, o.*M, "object");
    else
      return decode_elem(r, o.*M);
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    using X = wire::member_t<M>;
    if constexpr (is_variant<X>::value)
      return std::visit([&](const auto& a) { return encode_elem(w, a); }, o.*M);
    else
      return encode_elem(w, o.*M);
  }
};
// N bytes of NUL-padded text into an ofp_name (trailing NULs removed, as os-ken does).
template <auto M, std::size_t N>
struct cstr {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    if (!r.has(N)) return truncated_error(p, "name", r.offset(), N, r.remaining());
    auto s = r.take(N);
    std::size_t n = N;
    while (n > 0 && s[n - 1] == std::byte{0}) --n;
    (o.*M).v.assign(reinterpret_cast<const char*>(s.data()), n);
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    const std::string& s = (o.*M).v;
    if (s.size() > N) return make_error(proto_name, "name", w.size(), "longer than " + std::to_string(N) + " bytes");
    w.put(s.data(), s.size());
    w.zeros(N - s.size());
    return {};
  }
};
// Big-endian unsigned integers of W bytes into a std::vector: exactly N of them, or (N == 0)
// as many as remain.
template <auto M, std::size_t W, std::size_t N = 0>
struct uints {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    auto& v = o.*M;
    v.clear();
    if constexpr (N > 0) {
      if (!r.has(N * W)) return truncated_error(p, "array", r.offset(), N * W, r.remaining());
      for (std::size_t i = 0; i < N; ++i) v.push_back(static_cast<typename wire::member_t<M>::value_type>(r.uint(W)));
    } else {
      while (r.has(W)) v.push_back(static_cast<typename wire::member_t<M>::value_type>(r.uint(W)));
      if (!r.empty()) return make_error(p, "array", r.offset(), "trailing bytes");
    }
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    const auto& v = o.*M;
    if (N > 0 && v.size() != N) return make_error(proto_name, "array", w.size(), "must have " + std::to_string(N) + " elements");
    for (auto x : v) {
      if (W < 8 && static_cast<std::uint64_t>(x) >> (W * 8)) return make_error(proto_name, "array", w.size(), "value too large");
      w.uint(static_cast<std::uint64_t>(x), W);
    }
    return {};
  }
};
// One nested structure followed by zero padding up to a multiple of 8 bytes from the start of
// the enclosing structure (set-field actions); decode skips the rest of the structure.
template <auto M>
struct one_obj_pad8 {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    WIREKIT_TRY(one_obj<M>::decode(r, o, p));
    r.skip(r.remaining());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t start) {
    WIREKIT_TRY(one_obj<M>::encode(w, o, start));
    w.pad_to(start, 8);
    return {};
  }
};

}  // namespace detail

// Field-list helpers.
template <auto M>
constexpr auto list_of(const char* n) {
  return wire::field<M>(n, wire::hook<detail::rest_list<M>>);
}
template <auto M>
constexpr auto obj(const char* n) {
  return wire::field<M>(n, wire::hook<detail::one_obj<M>>);
}
template <auto M, std::size_t N>
constexpr auto str(const char* n) {
  return wire::field<M>(n, wire::hook<detail::cstr<M, N>>);
}
template <auto M, std::size_t W, std::size_t N = 0>
constexpr auto uints(const char* n) {
  return wire::field<M>(n, wire::hook<detail::uints<M, W, N>>);
}
template <auto M>
constexpr auto obj_pad8(const char* n) {
  return wire::field<M>(n, wire::hook<detail::one_obj_pad8<M>>);
}

}  // namespace wirekit::openflow
