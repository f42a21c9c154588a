// ICMP (RFC 792). SKELETON: to be completed (typed bodies).
#pragma once
#include <cstdint>

#include "wirekit/core/fields.hpp"

namespace wirekit {

struct icmp {
  static constexpr const char* name = "icmp";
  std::uint8_t type = 8, code = 0;
  std::uint16_t csum = 0;
  bytes data;
  static constexpr auto wire =
      wire::fields(wire::field<&icmp::type>("type", wire::u8), wire::field<&icmp::code>("code", wire::u8),
                   wire::field<&icmp::csum>("csum", wire::be16), wire::field<&icmp::data>("data", wire::rest));
  bool operator==(const icmp&) const = default;
};

}  // namespace wirekit
