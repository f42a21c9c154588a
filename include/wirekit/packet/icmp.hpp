// ICMP (RFC 792) with os-ken's typed bodies: echo / echo reply (types 0 and 8), destination
// unreachable (3, with the RFC 1191 next-hop MTU and the RFC 4884 length) and time exceeded (11).
// Other types keep the bytes after the 4-byte header as raw data.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>

#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace icmp_type {
inline constexpr std::uint8_t echo_reply = 0, dest_unreach = 3, src_quench = 4, redirect = 5, echo_request = 8,
                              time_exceeded = 11;
}

struct icmp_echo {
  static constexpr const char* name = "echo";
  std::uint16_t id = 0, seq = 0;
  std::optional<bytes> data;
  static constexpr auto wire =
      wire::fields(wire::field<&icmp_echo::id>("id", wire::be16), wire::field<&icmp_echo::seq>("seq", wire::be16),
                   wire::field<&icmp_echo::data>("data", wire::rest_or_null));
  bool operator==(const icmp_echo&) const = default;
};

struct icmp_dest_unreach {
  static constexpr const char* name = "dest_unreach";
  std::uint8_t data_len = 0;  // RFC 4884 length of the original datagram, in 32-bit words
  std::uint16_t mtu = 0;      // RFC 1191 next-hop MTU (code 4)
  std::optional<bytes> data;  // IP header + leading bytes of the original datagram
  static constexpr auto wire = wire::fields(
      wire::pad<1>, wire::field<&icmp_dest_unreach::data_len>("data_len", wire::u8),
      wire::field<&icmp_dest_unreach::mtu>("mtu", wire::be16),
      wire::field<&icmp_dest_unreach::data>("data", wire::rest_or_null));
  bool operator==(const icmp_dest_unreach&) const = default;
};

struct icmp_time_exceeded {
  static constexpr const char* name = "TimeExceeded";
  std::uint8_t data_len = 0;
  std::optional<bytes> data;
  static constexpr auto wire = wire::fields(
      wire::pad<1>, wire::field<&icmp_time_exceeded::data_len>("data_len", wire::u8), wire::pad<2>,
      wire::field<&icmp_time_exceeded::data>("data", wire::rest_or_null));
  bool operator==(const icmp_time_exceeded&) const = default;
};

struct icmp_body_codec;

struct icmp {
  static constexpr const char* name = "icmp";
  // The typed body, or the raw bytes after the header (JSON: base64) for other types.
  using body = std::variant<bytes, icmp_echo, icmp_dest_unreach, icmp_time_exceeded>;

  std::uint8_t type = icmp_type::echo_request, code = 0;
  std::uint16_t csum = 0;  // 0: computed on encode
  // Encoding empty raw data writes an empty echo body (4 zero bytes), as os-ken does.
  body data;
  static constexpr auto wire =
      wire::fields(wire::field<&icmp::type>("type", wire::u8), wire::field<&icmp::code>("code", wire::u8),
                   wire::field<&icmp::csum>("csum", wire::be16),
                   wire::field<&icmp::data>("data", wire::hook<icmp_body_codec>));
  bool operator==(const icmp&) const = default;
};

struct icmp_body_codec {
  static status decode(reader& r, icmp& h, const char* proto);
  static status encode(writer& w, const icmp& h, std::size_t start);
};

}  // namespace wirekit
