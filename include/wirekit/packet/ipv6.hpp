// IPv6 (RFC 8200) with its extension headers.
// SKELETON: to be completed (extension headers).
#pragma once
#include <cstdint>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit {

struct ipv6 {
  static constexpr const char* name = "ipv6";
  std::uint8_t version = 6, traffic_class = 0;
  std::uint32_t flow_label = 0;
  std::uint16_t payload_length = 0;
  std::uint8_t nxt = 6, hop_limit = 255;
  ipv6_addr src{}, dst{};
  static constexpr auto wire = wire::fields(
      wire::bits(wire::be32, wire::bit<&ipv6::version>("version", 28, 4),
                 wire::bit<&ipv6::traffic_class>("traffic_class", 20, 8),
                 wire::bit<&ipv6::flow_label>("flow_label", 0, 20)),
      wire::field<&ipv6::payload_length>("payload_length", wire::be16), wire::field<&ipv6::nxt>("nxt", wire::u8),
      wire::field<&ipv6::hop_limit>("hop_limit", wire::u8), wire::field<&ipv6::src>("src", wire::addr),
      wire::field<&ipv6::dst>("dst", wire::addr));
  bool operator==(const ipv6&) const = default;
};

// The destination an upper-layer checksum uses (RFC 8200 §8.1): the last address of a routing
// header if there is one, else dst.
const ipv6_addr& ipv6_final_destination(const ipv6& h);

}  // namespace wirekit
