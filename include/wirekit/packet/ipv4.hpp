// IPv4 (RFC 791) with options kept as raw bytes, as os-ken does.
#pragma once
#include <cstdint>
#include <optional>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace ip_proto {
inline constexpr std::uint8_t hopopts = 0, icmp = 1, igmp = 2, tcp = 6, udp = 17, routing = 43, fragment = 44,
                              gre = 47, esp = 50, ah = 51, icmpv6 = 58, none = 59, dstopts = 60, ospf = 89,
                              sctp = 132;
}

struct ipv4_options_codec;

struct ipv4 {
  static constexpr const char* name = "ipv4";
  std::uint8_t version = 4, header_length = 5, tos = 0;
  std::uint16_t total_length = 0, identification = 0;
  std::uint8_t flags = 0;
  std::uint16_t offset = 0;
  std::uint8_t ttl = 255, proto = 0;
  std::uint16_t csum = 0;
  ipv4_addr src{{10, 0, 0, 1}}, dst{{10, 0, 0, 2}};
  // All header bytes after the first 20 (options and their padding), or none.
  std::optional<bytes> option;

  static constexpr auto wire = wire::fields(
      wire::bits(wire::u8, wire::bit<&ipv4::version>("version", 4, 4),
                 wire::bit<&ipv4::header_length>("header_length", 0, 4)),
      wire::field<&ipv4::tos>("tos", wire::u8), wire::field<&ipv4::total_length>("total_length", wire::be16),
      wire::field<&ipv4::identification>("identification", wire::be16),
      wire::bits(wire::be16, wire::bit<&ipv4::flags>("flags", 13, 3), wire::bit<&ipv4::offset>("offset", 0, 13)),
      wire::field<&ipv4::ttl>("ttl", wire::u8), wire::field<&ipv4::proto>("proto", wire::u8),
      wire::field<&ipv4::csum>("csum", wire::be16), wire::field<&ipv4::src>("src", wire::addr),
      wire::field<&ipv4::dst>("dst", wire::addr),
      wire::field<&ipv4::option>("option", wire::hook<ipv4_options_codec>));
  bool operator==(const ipv4&) const = default;
};

struct ipv4_options_codec {
  // The usual header without options is decided inline; decode_options does the rest.
  static status decode(reader& r, ipv4& h, const char* proto) {
    if (h.header_length == 5) [[likely]] {
      h.option.reset();
      return {};
    }
    return decode_options(r, h, proto);
  }
  static status decode_options(reader& r, ipv4& h, const char* proto);
  static status encode(writer& w, const ipv4& h, std::size_t start);
};

}  // namespace wirekit
