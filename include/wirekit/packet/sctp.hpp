// SCTP (RFC 9260). SKELETON: to be completed (chunks).
#pragma once
#include <cstdint>

#include "wirekit/core/fields.hpp"

namespace wirekit {

struct sctp {
  static constexpr const char* name = "sctp";
  std::uint16_t src_port = 1, dst_port = 1;
  std::uint32_t vtag = 0, csum = 0;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp::src_port>("src_port", wire::be16), wire::field<&sctp::dst_port>("dst_port", wire::be16),
      wire::field<&sctp::vtag>("vtag", wire::be32), wire::field<&sctp::csum>("csum", wire::be32));
  bool operator==(const sctp&) const = default;
};

}  // namespace wirekit
