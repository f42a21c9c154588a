// UDP (RFC 768).
#pragma once
#include <cstdint>

#include "wirekit/core/fields.hpp"

namespace wirekit {

struct udp {
  static constexpr const char* name = "udp";
  std::uint16_t src_port = 1, dst_port = 1, total_length = 0, csum = 0;
  static constexpr auto wire = wire::fields(
      wire::field<&udp::src_port>("src_port", wire::be16), wire::field<&udp::dst_port>("dst_port", wire::be16),
      wire::field<&udp::total_length>("total_length", wire::be16), wire::field<&udp::csum>("csum", wire::be16));
  bool operator==(const udp&) const = default;
};

}  // namespace wirekit
