// ICMPv6 (RFC 4443). SKELETON: to be completed (typed bodies).
#pragma once
#include <cstdint>

#include "wirekit/core/fields.hpp"

namespace wirekit {

struct icmpv6 {
  static constexpr const char* name = "icmpv6";
  std::uint8_t type = 0, code = 0;
  std::uint16_t csum = 0;
  bytes data;
  static constexpr auto wire =
      wire::fields(wire::field<&icmpv6::type>("type", wire::u8), wire::field<&icmpv6::code>("code", wire::u8),
                   wire::field<&icmpv6::csum>("csum", wire::be16), wire::field<&icmpv6::data>("data", wire::rest));
  bool operator==(const icmpv6&) const = default;
};

}  // namespace wirekit
