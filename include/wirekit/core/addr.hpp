// MAC, IPv4 and IPv6 addresses and prefixes, with os-ken's text forms
// (MAC lower-case colon form, dotted quad, RFC 5952 compressed IPv6 as glibc inet_ntop writes it).
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace wirekit {

struct mac_addr {
  std::array<std::uint8_t, 6> b{};
  static constexpr std::size_t size = 6;
  std::string to_string() const;
  static std::optional<mac_addr> parse(std::string_view s);
  auto operator<=>(const mac_addr&) const = default;
};

struct ipv4_addr {
  std::array<std::uint8_t, 4> b{};
  static constexpr std::size_t size = 4;
  std::uint32_t to_uint() const {
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
  }
  static ipv4_addr from_uint(std::uint32_t v) {
    return {{std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)}};
  }
  std::string to_string() const;
  static std::optional<ipv4_addr> parse(std::string_view s);
  auto operator<=>(const ipv4_addr&) const = default;
};

struct ipv6_addr {
  std::array<std::uint8_t, 16> b{};
  static constexpr std::size_t size = 16;
  std::string to_string() const;
  static std::optional<ipv6_addr> parse(std::string_view s);
  auto operator<=>(const ipv6_addr&) const = default;
};

// Either family, for fields whose family depends on the data (BGP next hops, BMP peers).
struct ip_addr {
  std::variant<ipv4_addr, ipv6_addr> v;
  bool is_v4() const { return v.index() == 0; }
  bool is_v6() const { return v.index() == 1; }
  std::string to_string() const;
  static std::optional<ip_addr> parse(std::string_view s);  // IPv6 iff the text has ':'
  auto operator<=>(const ip_addr&) const = default;
};

struct ip_prefix {
  ip_addr addr;
  std::uint8_t length = 0;
  std::string to_string() const;  // "10.0.0.0/8"
  static std::optional<ip_prefix> parse(std::string_view s);
  // True if `other` lies inside this prefix (same family, longer or equal length, same leading bits).
  bool contains(const ip_prefix& other) const;
  auto operator<=>(const ip_prefix&) const = default;
};

}  // namespace wirekit
