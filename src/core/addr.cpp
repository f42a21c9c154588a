#include "wirekit/core/addr.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>

namespace wirekit {

std::string mac_addr::to_string() const {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4], b[5]);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<mac_addr> mac_addr::parse(std::string_view s) {
  // aa:bb:cc:dd:ee:ff or aa-bb-..., one or two hex digits per group (netaddr accepts both).
  mac_addr m;
  std::size_t i = 0;
  for (int g = 0; g < 6; ++g) {
    if (g > 0) {
      if (i >= s.size() || (s[i] != ':' && s[i] != '-')) return std::nullopt;
      ++i;
    }
    int v = 0, digits = 0;
    while (i < s.size() && digits < 2 && hexval(s[i]) >= 0) {
      v = v * 16 + hexval(s[i++]);
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    m.b[g] = static_cast<std::uint8_t>(v);
  }
  if (i != s.size()) return std::nullopt;
  return m;
}

std::string ipv4_addr::to_string() const { return fmt::format("{}.{}.{}.{}", b[0], b[1], b[2], b[3]); }

std::optional<ipv4_addr> ipv4_addr::parse(std::string_view s) {
  char buf[INET_ADDRSTRLEN];
  if (s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = 0;
  ipv4_addr a;
  if (inet_pton(AF_INET, buf, a.b.data()) != 1) return std::nullopt;
  return a;
}

std::string ipv6_addr::to_string() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  return buf;
}

std::optional<ipv6_addr> ipv6_addr::parse(std::string_view s) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = 0;
  ipv6_addr a;
  if (inet_pton(AF_INET6, buf, a.b.data()) != 1) return std::nullopt;
  return a;
}

std::string ip_addr::to_string() const {
  return is_v4() ? std::get<0>(v).to_string() : std::get<1>(v).to_string();
}

std::optional<ip_addr> ip_addr::parse(std::string_view s) {
  if (s.find(':') != std::string_view::npos) {
    if (auto a = ipv6_addr::parse(s)) return ip_addr{*a};
    return std::nullopt;
  }
  if (auto a = ipv4_addr::parse(s)) return ip_addr{*a};
  return std::nullopt;
}

std::string ip_prefix::to_string() const { return fmt::format("{}/{}", addr.to_string(), length); }

std::optional<ip_prefix> ip_prefix::parse(std::string_view s) {
  auto slash = s.find('/');
  auto a = ip_addr::parse(s.substr(0, slash));
  if (!a) return std::nullopt;
  unsigned max = a->is_v4() ? 32 : 128;
  unsigned len = max;
  if (slash != std::string_view::npos) {
    auto t = s.substr(slash + 1);
    if (t.empty() || t.size() > 3) return std::nullopt;
    len = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return std::nullopt;
      len = len * 10 + unsigned(c - '0');
    }
    if (len > max) return std::nullopt;
  }
  return ip_prefix{*a, static_cast<std::uint8_t>(len)};
}

bool ip_prefix::contains(const ip_prefix& o) const {
  if (addr.is_v4() != o.addr.is_v4() || o.length < length) return false;
  const std::uint8_t* x = addr.is_v4() ? std::get<0>(addr.v).b.data() : std::get<1>(addr.v).b.data();
  const std::uint8_t* y = o.addr.is_v4() ? std::get<0>(o.addr.v).b.data() : std::get<1>(o.addr.v).b.data();
  unsigned full = length / 8, rem = length % 8;
  if (std::memcmp(x, y, full) != 0) return false;
  if (rem) {
    std::uint8_t mask = static_cast<std::uint8_t>(0xff << (8 - rem));
    if ((x[full] & mask) != (y[full] & mask)) return false;
  }
  return true;
}

}  // namespace wirekit
