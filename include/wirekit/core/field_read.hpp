// Reading one field of a structure straight from its wire bytes, through the structure's one
// description (T::wire, fields.hpp): the field's offset, width and bit position come from the
// description, so there is no second table of offsets to keep in step.
//
//   std::uint16_t t = wirekit::wire::read_field<&wirekit::ethernet::ethertype>(p);
//
// p points at the structure's first byte and must hold at least min_size<T> bytes (the caller
// checks). Only the leading run of fixed-size fields can be read this way (a field after an
// option list or other variable-size field has no fixed offset): anything else fails to compile.
#pragma once
#include <cstring>
#include <tuple>
#include <type_traits>

#include "wirekit/core/fields.hpp"

namespace wirekit::wire {
namespace detail {

template <auto A, auto B>
constexpr bool same_member() {
  if constexpr (std::is_same_v<decltype(A), decltype(B)>)
    return A == B;
  else
    return false;
}

// Does descriptor D hold member M (itself, or as one of its bits)?
template <auto M, class D>
struct holds_member : std::false_type {};
template <auto M, auto M2, class E>
struct holds_member<M, field_d<M2, E>> : std::bool_constant<same_member<M, M2>()> {};
template <auto M, auto M2>
struct holds_member<M, bit_d<M2>> : std::bool_constant<same_member<M, M2>()> {};
template <auto M, std::size_t N, class... B>
struct holds_member<M, bits_d<N, B...>> : std::bool_constant<(holds_member<M, B>::value || ...)> {};

// The index of the descriptor holding M in Tuple (its size if none does).
template <auto M, class Tuple>
constexpr std::size_t holder_index() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    constexpr bool hit[] = {holds_member<M, std::tuple_element_t<I, Tuple>>::value..., false};
    for (std::size_t i = 0; i < sizeof...(I); ++i)
      if (hit[i]) return i;
    return sizeof...(I);
  }(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

}  // namespace detail

// The value of member M of its structure T, read from T's wire bytes at p.
template <auto M>
[[gnu::always_inline]] inline member_t<M> read_field(const std::byte* p) {
  using T = typename member_traits<decltype(M)>::cls;
  using Tuple = std::remove_cv_t<decltype(T::wire)>;
  constexpr std::size_t i = detail::holder_index<M, Tuple>();
  static_assert(i < std::tuple_size_v<Tuple>, "read_field: the member is not in the structure's description");
  static_assert(i < detail::leading_fixed_count<Tuple>::value,
                "read_field: the member follows a variable-size field (it has no fixed offset)");
  constexpr std::size_t off = detail::offset_of_field<Tuple, i>();
  using D = std::tuple_element_t<i, Tuple>;
  member_t<M> v{};
  if constexpr (requires { std::get<0>(std::get<i>(T::wire).parts); }) {
    // A word of bits: the part that is M.
    const std::uint64_t w = detail::load_uint<fixed_size_of<D>::value>(p + off);
    std::apply(
        [&](const auto&... b) {
          auto one = [&](const auto& part) {
            using B = std::remove_cvref_t<decltype(part)>;
            if constexpr (detail::holds_member<M, B>::value)
              detail::assign_uint(v, (w >> part.shift) & ((std::uint64_t(1) << part.width) - 1));
          };
          (one(b), ...);
        },
        std::get<i>(T::wire).parts);
  } else {
    using E = std::remove_cv_t<decltype(std::get<i>(T::wire).enc)>;
    static_assert(!std::is_same_v<E, json_only_t>, "read_field: the member has no bytes on the wire");
    if constexpr (std::is_same_v<E, addr_t>) {
      std::memcpy(v.b.data(), p + off, member_t<M>::size);
    } else if constexpr (std::is_same_v<E, uint_be<fixed_size_of<D>::value>>) {
      detail::assign_uint(v, detail::load_uint<fixed_size_of<D>::value>(p + off));
    } else {
      // Fixed-size bytes (an array, or a byte vector given exactly N bytes).
      constexpr std::size_t n = fixed_size_of<D>::value;
      if constexpr (requires { v.assign(p, p + n); })
        v.assign(p + off, p + off + n);
      else
        std::memcpy(v.data(), p + off, n);
    }
  }
  return v;
}

}  // namespace wirekit::wire
