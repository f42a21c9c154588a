// TCP (RFC 9293). SKELETON: to be completed (options).
#pragma once
#include <cstdint>

#include "wirekit/core/fields.hpp"

namespace wirekit {

struct tcp {
  static constexpr const char* name = "tcp";
  std::uint16_t src_port = 1, dst_port = 1;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t offset = 0;
  std::uint16_t bits = 0;
  std::uint16_t window_size = 0, csum = 0, urgent = 0;
  static constexpr auto wire = wire::fields(
      wire::field<&tcp::src_port>("src_port", wire::be16), wire::field<&tcp::dst_port>("dst_port", wire::be16),
      wire::field<&tcp::seq>("seq", wire::be32), wire::field<&tcp::ack>("ack", wire::be32),
      wire::bits(wire::be16, wire::bit<&tcp::offset>("offset", 12, 4), wire::bit<&tcp::bits>("bits", 0, 9)),
      wire::field<&tcp::window_size>("window_size", wire::be16), wire::field<&tcp::csum>("csum", wire::be16),
      wire::field<&tcp::urgent>("urgent", wire::be16));
  bool operator==(const tcp&) const = default;
};

}  // namespace wirekit
