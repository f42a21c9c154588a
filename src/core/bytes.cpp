#include "wirekit/core/bytes.hpp"

#include <array>

namespace wirekit {

std::string to_hex(bytes_view b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (auto x : b) {
    auto v = std::to_integer<unsigned>(x);
    s.push_back(digits[v >> 4]);
    s.push_back(digits[v & 15]);
  }
  return s;
}

static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(bytes_view b) {
  std::string s;
  s.reserve((b.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    unsigned v = (std::to_integer<unsigned>(b[i]) << 16) | (std::to_integer<unsigned>(b[i + 1]) << 8) |
                 std::to_integer<unsigned>(b[i + 2]);
    s.push_back(kB64[v >> 18]);
    s.push_back(kB64[(v >> 12) & 63]);
    s.push_back(kB64[(v >> 6) & 63]);
    s.push_back(kB64[v & 63]);
  }
  if (std::size_t left = b.size() - i) {
    unsigned v = std::to_integer<unsigned>(b[i]) << 16;
    if (left == 2) v |= std::to_integer<unsigned>(b[i + 1]) << 8;
    s.push_back(kB64[v >> 18]);
    s.push_back(kB64[(v >> 12) & 63]);
    s.push_back(left == 2 ? kB64[(v >> 6) & 63] : '=');
    s.push_back('=');
  }
  return s;
}

bool base64_decode(std::string_view s, bytes& out) {
  static const std::array<signed char, 256> table = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kB64[i])] = static_cast<signed char>(i);
    return t;
  }();
  // Python's b64decode ignores nothing by default except it requires correct padding; accept
  // missing padding too, reject anything outside the alphabet.
  std::size_t n = s.size();
  while (n > 0 && s[n - 1] == '=') --n;
  if (s.size() - n > 2) return false;
  if (n % 4 == 1) return false;
  if (s.size() % 4 != 0 && s.size() != n) return false;
  unsigned acc = 0;
  int bits = 0;
  out.reserve(out.size() + n * 3 / 4);
  for (std::size_t i = 0; i < n; ++i) {
    int v = table[static_cast<unsigned char>(s[i])];
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::byte>((acc >> bits) & 0xff));
    }
  }
  return true;
}

}  // namespace wirekit
