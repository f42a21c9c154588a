// One description per wire structure.
//
// A header or message is a plain struct; next to it, `static constexpr auto wire = fields(...)`
// lists its fields in wire order with their encodings and JSON names. decode_fields,
// encode_fields (here) and the JSON glue (core/json_glue.hpp, compiled parts only) walk that
// list, so a new structure costs its struct and its field list.
//
//   struct udp {
//     static constexpr const char* name = "udp";
//     std::uint16_t src_port = 1, dst_port = 1, total_length = 0, csum = 0;
//     static constexpr auto wire = fields(
//         field<&udp::src_port>("src_port", be16), field<&udp::dst_port>("dst_port", be16),
//         field<&udp::total_length>("total_length", be16), field<&udp::csum>("csum", be16));
//   };
//
// Encodings: uint_be<N> (u8, be16, be24, be32, be48, be64) for integers; `addr` for
// mac_addr/ipv4_addr/ipv6_addr members; fixed<N> for N raw bytes; rest for "the remaining bytes"
// (into a byte vector, or a std::optional one, then present even when empty); rest_or_null for
// the remaining bytes into a std::optional one that is null when none remain (os-ken's data=None);
// bit fields inside a big-endian word with bits<Word>(bit<&T::m>("name", shift, width), ...);
// pad<N> for reserved zero bytes; json_only for keys that have no bytes of their own; and
// hook<Codec> for the irregular parts, where Codec has
//   static status decode(reader&, T& whole_object, const char* proto);
//   static status encode(writer&, const T& whole_object, std::size_t struct_start);
// The JSON form of every field follows from its member type (see json_glue.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::wire {

template <class>
struct member_traits;
template <class C, class T>
struct member_traits<T C::*> {
  using cls = C;
  using type = T;
};
template <auto M>
using member_t = typename member_traits<decltype(M)>::type;

// ---- encodings ----------------------------------------------------------------------------
template <std::size_t N>
struct uint_be {
  static constexpr std::size_t size = N;
};
inline constexpr uint_be<1> u8{};
inline constexpr uint_be<2> be16{};
inline constexpr uint_be<3> be24{};
inline constexpr uint_be<4> be32{};
inline constexpr uint_be<6> be48{};
inline constexpr uint_be<8> be64{};

struct addr_t {};  // size taken from the member type (mac_addr, ipv4_addr, ipv6_addr)
inline constexpr addr_t addr{};

template <std::size_t N>
struct fixed_t {
  static constexpr std::size_t size = N;
};
template <std::size_t N>
inline constexpr fixed_t<N> fixed{};

struct rest_t {};  // all remaining bytes of the structure
inline constexpr rest_t rest{};
struct rest_or_null_t {};  // ... into a std::optional<bytes> that is null when none remain
inline constexpr rest_or_null_t rest_or_null{};

template <class Codec>
struct hook_t {};
template <class Codec>
inline constexpr hook_t<Codec> hook{};

struct json_only_t {};
inline constexpr json_only_t json_only{};

// ---- descriptors --------------------------------------------------------------------------
template <auto M, class E>
struct field_d {
  const char* name;
  E enc;
};
template <auto M, class E>
constexpr field_d<M, E> field(const char* name, E enc) {
  return {name, enc};
}

template <auto M>
struct bit_d {
  const char* name;
  unsigned shift;
  unsigned width;
};
template <auto M>
constexpr bit_d<M> bit(const char* name, unsigned shift, unsigned width) {
  return {name, shift, width};
}

template <std::size_t N, class... B>
struct bits_d {
  std::tuple<B...> parts;
};
template <class Word, class... B>
constexpr bits_d<Word::size, B...> bits(Word, B... b) {
  return {std::tuple<B...>(b...)};
}

template <std::size_t N>
struct pad_d {};
template <std::size_t N>
inline constexpr pad_d<N> pad{};

template <class... D>
constexpr std::tuple<D...> fields(D... d) {
  return std::tuple<D...>(d...);
}

// ---- static sizes -------------------------------------------------------------------------
template <class D>
struct fixed_size_of {
  static constexpr std::size_t value = 0;
  static constexpr bool fixed = false;
};
template <auto M, std::size_t N>
struct fixed_size_of<field_d<M, uint_be<N>>> {
  static constexpr std::size_t value = N;
  static constexpr bool fixed = true;
};
template <auto M>
struct fixed_size_of<field_d<M, addr_t>> {
  static constexpr std::size_t value = member_t<M>::size;
  static constexpr bool fixed = true;
};
template <auto M, std::size_t N>
struct fixed_size_of<field_d<M, fixed_t<N>>> {
  static constexpr std::size_t value = N;
  static constexpr bool fixed = true;
};
template <auto M>
struct fixed_size_of<field_d<M, json_only_t>> {
  static constexpr std::size_t value = 0;
  static constexpr bool fixed = true;
};
template <std::size_t N, class... B>
struct fixed_size_of<bits_d<N, B...>> {
  static constexpr std::size_t value = N;
  static constexpr bool fixed = true;
};
template <std::size_t N>
struct fixed_size_of<pad_d<N>> {
  static constexpr std::size_t value = N;
  static constexpr bool fixed = true;
};

// Size of the leading run of fixed-size fields of a description.
template <class Tuple>
struct leading_fixed;
template <>
struct leading_fixed<std::tuple<>> {
  static constexpr std::size_t value = 0;
};
template <class D, class... R>
struct leading_fixed<std::tuple<D, R...>> {
  static constexpr std::size_t value =
      fixed_size_of<D>::fixed ? fixed_size_of<D>::value + leading_fixed<std::tuple<R...>>::value : 0;
};
template <class T>
inline constexpr std::size_t min_size = leading_fixed<std::remove_cv_t<decltype(T::wire)>>::value;

template <class Tuple>
struct all_fixed;
template <class... D>
struct all_fixed<std::tuple<D...>> {
  static constexpr bool value = (fixed_size_of<D>::fixed && ...);
};
template <class T>
inline constexpr bool is_fixed_size = all_fixed<std::remove_cv_t<decltype(T::wire)>>::value;

// ---- decode -------------------------------------------------------------------------------
namespace detail {

template <class V>
inline void assign_uint(V& v, std::uint64_t x) {
  if constexpr (std::is_same_v<V, bool>)
    v = x != 0;
  else
    v = static_cast<V>(x);
}

// A big-endian N-byte integer at p (one load for the usual widths).
template <std::size_t N>
inline std::uint64_t load_uint(const std::byte* p) {
  if constexpr (N == 1)
    return std::to_integer<std::uint64_t>(p[0]);
  else if constexpr (N == 2)
    return load_be16(p);
  else if constexpr (N == 4)
    return load_be32(p);
  else if constexpr (N == 8)
    return load_be64(p);
  else
    return load_be(p, N);
}

template <class T, auto M, std::size_t N>
inline status decode_one(T& obj, reader& r, const field_d<M, uint_be<N>>&, const char*) {
  assign_uint(obj.*M, load_uint<N>(r.data()));
  r.skip(N);
  return {};
}
template <class T, auto M>
inline status decode_one(T& obj, reader& r, const field_d<M, addr_t>&, const char*) {
  r.copy((obj.*M).b.data(), member_t<M>::size);
  return {};
}
template <class T, auto M, std::size_t N>
inline status decode_one(T& obj, reader& r, const field_d<M, fixed_t<N>>&, const char*) {
  auto& m = obj.*M;
  if constexpr (requires { m.resize(N); }) {
    auto s = r.take(N);
    m.assign(s.begin(), s.end());
  } else {
    r.copy(m.data(), N);
  }
  return {};
}
// The remaining bytes of r into m: a byte vector, or an optional one (present even when empty,
// or, with null_when_empty, null when nothing remains: os-ken's `data=None`). m's buffer is
// reused (objects are reused across decodes).
template <bool null_when_empty = true, class Member>
inline void take_rest(reader& r, Member& m) {
  auto s = r.take(r.remaining());
  if constexpr (requires { m.reset(); m.emplace(); }) {
    if (null_when_empty && s.empty()) m.reset();
    else if (m) m->assign(s.begin(), s.end());
    else m.emplace(s.begin(), s.end());
  } else {
    m.assign(s.begin(), s.end());
  }
}
template <class T, auto M>
inline status decode_one(T& obj, reader& r, const field_d<M, rest_t>&, const char*) {
  take_rest<false>(r, obj.*M);
  return {};
}
template <class T, auto M>
inline status decode_one(T& obj, reader& r, const field_d<M, rest_or_null_t>&, const char*) {
  take_rest<true>(r, obj.*M);
  return {};
}
template <class T, auto M>
inline status decode_one(T&, reader&, const field_d<M, json_only_t>&, const char*) {
  return {};
}
template <class T, auto M, class C>
inline status decode_one(T& obj, reader& r, const field_d<M, hook_t<C>>&, const char* proto) {
  return C::decode(r, obj, proto);
}
template <class T, auto M>
inline void decode_bit(T& obj, std::uint64_t w, const bit_d<M>& b) {
  assign_uint(obj.*M, (w >> b.shift) & ((std::uint64_t(1) << b.width) - 1));
}
template <class T, std::size_t N, class... B>
inline status decode_one(T& obj, reader& r, const bits_d<N, B...>& d, const char*) {
  std::uint64_t w = load_uint<N>(r.data());
  r.skip(N);
  std::apply([&](const auto&... b) { ((decode_bit(obj, w, b)), ...); }, d.parts);
  return {};
}

// The leading fixed-size fields, decoded at constant offsets from p once their total size has
// been checked (one bounds check and one reader update for the run).
template <class T, auto M, std::size_t N>
inline void decode_at(T& obj, const std::byte* p, const field_d<M, uint_be<N>>&) {
  assign_uint(obj.*M, load_uint<N>(p));
}
template <class T, auto M>
inline void decode_at(T& obj, const std::byte* p, const field_d<M, addr_t>&) {
  std::memcpy((obj.*M).b.data(), p, member_t<M>::size);
}
template <class T, auto M, std::size_t N>
inline void decode_at(T& obj, const std::byte* p, const field_d<M, fixed_t<N>>&) {
  auto& m = obj.*M;
  if constexpr (requires { m.resize(N); })
    m.assign(p, p + N);
  else
    std::memcpy(m.data(), p, N);
}
template <class T, auto M>
inline void decode_at(T&, const std::byte*, const field_d<M, json_only_t>&) {}
template <class T, std::size_t N, class... B>
inline void decode_at(T& obj, const std::byte* p, const bits_d<N, B...>& d) {
  std::uint64_t w = load_uint<N>(p);
  std::apply([&](const auto&... b) { ((decode_bit(obj, w, b)), ...); }, d.parts);
}
template <class T, std::size_t N>
inline void decode_at(T&, const std::byte*, const pad_d<N>&) {}

// Number of leading fixed-size fields, and the offset of the I-th one.
template <class Tuple>
struct leading_fixed_count;
template <>
struct leading_fixed_count<std::tuple<>> {
  static constexpr std::size_t value = 0;
};
template <class D, class... R>
struct leading_fixed_count<std::tuple<D, R...>> {
  static constexpr std::size_t value =
      fixed_size_of<D>::fixed ? 1 + leading_fixed_count<std::tuple<R...>>::value : 0;
};
template <class Tuple, std::size_t I>
constexpr std::size_t offset_of_field() {
  return []<std::size_t... J>(std::index_sequence<J...>) {
    return (std::size_t(0) + ... + fixed_size_of<std::tuple_element_t<J, Tuple>>::value);
  }(std::make_index_sequence<I>{});
}
template <class T, std::size_t N>
inline status decode_one(T&, reader& r, const pad_d<N>&, const char*) {
  r.skip(N);
  return {};
}

template <class D>
constexpr const char* desc_name(const D& d) {
  if constexpr (requires { d.name; })
    return d.name;
  else if constexpr (requires { std::get<0>(d.parts).name; })
    return std::get<0>(d.parts).name;
  else
    return "reserved";
}

}  // namespace detail

// (for hooks that read "the remaining bytes" into a member themselves)
using detail::take_rest;

// Decodes the fields of T from r. Fixed-size fields are bounds-checked once per run; a
// truncated input names the first field that does not fit.
namespace detail {
// The error for an input shorter than T's leading fixed fields, naming the first field that does
// not fit. Kept out of line: it is the rare path.
template <class T>
[[gnu::cold, gnu::noinline]] status truncated_fields(const reader& r, const char* proto) {
  constexpr std::size_t lead = min_size<T>;
  {
    std::size_t off = 0;
    const char* name = "header";
    std::size_t need = lead;
    bool found = false;
    std::apply(
        [&](const auto&... d) {
          auto visit = [&](const auto& dd) {
            using D = std::remove_cvref_t<decltype(dd)>;
            if (found || !fixed_size_of<D>::fixed) return;
            if (off + fixed_size_of<D>::value > r.remaining()) {
              found = true;
              name = detail::desc_name(dd);
              return;
            }
            off += fixed_size_of<D>::value;
          };
          (visit(d), ...);
        },
        T::wire);
    return truncated_error(proto, name, r.offset() + off, need, r.remaining());
  }
}
}  // namespace detail

// decode_fields, always inlined: for the few hot paths that want no call per structure (the
// common packet headers); everything else calls decode_fields.
template <class T>
[[gnu::always_inline]] inline status decode_fields_inline(T& obj, reader& r, const char* proto = T::name) {
  using Tuple = std::remove_cv_t<decltype(T::wire)>;
  constexpr std::size_t lead = min_size<T>;
  constexpr std::size_t nlead = detail::leading_fixed_count<Tuple>::value;
  constexpr std::size_t nall = std::tuple_size_v<Tuple>;
  if (!r.has(lead)) return detail::truncated_fields<T>(r, proto);
  const std::byte* p = r.data();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (detail::decode_at(obj, p + detail::offset_of_field<Tuple, I>(), std::get<I>(T::wire)), ...);
  }(std::make_index_sequence<nlead>{});
  r.skip(lead);
  if constexpr (nlead == nall) {
    (void)proto;
    return {};
  } else {
    status st;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&](const auto& dd) {
        if (!st) return;
        // A fixed-size field after a variable-length one lies outside the run checked above.
        using D = std::remove_cvref_t<decltype(dd)>;
        if constexpr (fixed_size_of<D>::fixed && fixed_size_of<D>::value > 0) {
          if (!r.has(fixed_size_of<D>::value)) {
            st = truncated_error(proto, detail::desc_name(dd), r.offset(), fixed_size_of<D>::value, r.remaining());
            return;
          }
        }
        st = detail::decode_one(obj, r, dd, proto);
      };
      (one(std::get<nlead + I>(T::wire)), ...);
    }(std::make_index_sequence<nall - nlead>{});
    return st;
  }
}

template <class T>
status decode_fields(T& obj, reader& r, const char* proto = T::name) {
  return decode_fields_inline(obj, r, proto);
}

// For a structure whose fields all have a fixed size: decodes them from p, which the caller
// has checked holds at least min_size<T> bytes (no reader, nothing that can fail).
template <class T>
[[gnu::always_inline]] inline void decode_fixed_fields(T& obj, const std::byte* p) {
  static_assert(is_fixed_size<T>, "decode_fixed_fields: T has a field of variable size");
  using Tuple = std::remove_cv_t<decltype(T::wire)>;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (detail::decode_at(obj, p + detail::offset_of_field<Tuple, I>(), std::get<I>(T::wire)), ...);
  }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

// ---- encode -------------------------------------------------------------------------------
namespace detail {

template <class V>
inline std::uint64_t as_u64(const V& v) {
  if constexpr (std::is_same_v<V, bool>)
    return v ? 1 : 0;
  else
    return static_cast<std::uint64_t>(v);
}
template <class V>
inline bool fits(const V& v, std::size_t bits_) {
  if constexpr (std::is_signed_v<V>) {
    if (v < 0) return false;
  }
  if (bits_ >= 64) return true;
  return as_u64(v) < (std::uint64_t(1) << bits_);
}

template <class T, auto M, std::size_t N>
inline status encode_one(const T& obj, writer& w, const field_d<M, uint_be<N>>& d, std::size_t,
                         const char* proto) {
  const auto& v = obj.*M;
  if constexpr (sizeof(member_t<M>) > N || std::is_signed_v<member_t<M>>) {
    if (!fits(v, N * 8))
      return make_error(proto, d.name, w.size(), "value does not fit in " + std::to_string(N * 8) + " bits");
  }
  w.uint(as_u64(v), N);
  return {};
}
template <class T, auto M>
inline status encode_one(const T& obj, writer& w, const field_d<M, addr_t>&, std::size_t, const char*) {
  w.put((obj.*M).b.data(), member_t<M>::size);
  return {};
}
template <class T, auto M, std::size_t N>
inline status encode_one(const T& obj, writer& w, const field_d<M, fixed_t<N>>& d, std::size_t,
                         const char* proto) {
  const auto& m = obj.*M;
  if (m.size() != N)
    return make_error(proto, d.name, w.size(), "must be exactly " + std::to_string(N) + " bytes");
  w.put(m.data(), N);
  return {};
}
template <class T, auto M, class R>
  requires(std::is_same_v<R, rest_t> || std::is_same_v<R, rest_or_null_t>)
inline status encode_one(const T& obj, writer& w, const field_d<M, R>&, std::size_t, const char*) {
  const auto& m = obj.*M;
  if constexpr (requires { m.has_value(); }) {
    if (m) w.put(m->data(), m->size());
  } else {
    w.put(m.data(), m.size());
  }
  return {};
}
template <class T, auto M>
inline status encode_one(const T&, writer&, const field_d<M, json_only_t>&, std::size_t, const char*) {
  return {};
}
template <class T, auto M, class C>
inline status encode_one(const T& obj, writer& w, const field_d<M, hook_t<C>>&, std::size_t start,
                         const char* proto) {
  (void)proto;
  return C::encode(w, obj, start);
}
template <class T, auto M>
inline status encode_bit(const T& obj, std::uint64_t& word, const bit_d<M>& b, std::size_t at,
                         const char* proto) {
  const auto& v = obj.*M;
  if (!fits(v, b.width))
    return make_error(proto, b.name, at, "value does not fit in " + std::to_string(b.width) + " bits");
  word |= as_u64(v) << b.shift;
  return {};
}
template <class T, std::size_t N, class... B>
inline status encode_one(const T& obj, writer& w, const bits_d<N, B...>& d, std::size_t, const char* proto) {
  std::uint64_t word = 0;
  status st;
  std::apply([&](const auto&... b) { ((st ? void(st = encode_bit(obj, word, b, w.size(), proto)) : void()), ...); },
             d.parts);
  if (!st) return st;
  w.uint(word, N);
  return {};
}
template <class T, std::size_t N>
inline status encode_one(const T&, writer& w, const pad_d<N>&, std::size_t, const char*) {
  w.zeros(N);
  return {};
}

}  // namespace detail

template <class T>
status encode_fields(const T& obj, writer& w, const char* proto = T::name) {
  const std::size_t start = w.size();
  status st;
  std::apply(
      [&](const auto&... d) { ((st ? void(st = detail::encode_one(obj, w, d, start, proto)) : void()), ...); },
      T::wire);
  return st;
}

template <auto M, class E>
constexpr auto member_of(const field_d<M, E>&) {
  return M;
}
template <auto M>
constexpr auto member_of(const bit_d<M>&) {
  return M;
}

// Applies f(name, member) to every described member (bit fields included) — used by equality,
// printing and the JSON glue.
template <class T, class F>
void for_each_member(T& obj, F&& f) {
  std::apply(
      [&](const auto&... d) {
        auto one = [&](const auto& dd) {
          using D = std::remove_cvref_t<decltype(dd)>;
          if constexpr (requires { std::get<0>(dd.parts); }) {
            std::apply([&](const auto&... b) { (f(b.name, obj.*(member_of(b))), ...); }, dd.parts);
          } else if constexpr (requires { dd.name; }) {
            f(dd.name, obj.*(member_of(dd)));
          }
          (void)sizeof(D);
        };
        (one(d), ...);
      },
      std::remove_cvref_t<T>::wire);
}


}  // namespace wirekit::wire
