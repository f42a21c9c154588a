#include "wirekit/core/checksum.hpp"

#include <array>
#include <cstring>

namespace wirekit {

std::uint64_t csum_add(bytes_view data, std::uint64_t sum) {
  const std::byte* p = data.data();
  std::size_t n = data.size();
  // Sum 32-bit big-endian words into a 64-bit accumulator; fold at the end.
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    w = __builtin_bswap64(w);
    sum += (w >> 32) + (w & 0xffffffffu);
    p += 8;
    n -= 8;
  }
  while (n >= 2) {
    sum += load_be16(p);
    p += 2;
    n -= 2;
  }
  if (n) sum += std::to_integer<std::uint64_t>(p[0]) << 8;
  return sum;
}

std::uint16_t csum_fold(std::uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

namespace {
struct crc_tables {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  crc_tables() {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i)
      for (int k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
  }
};
const crc_tables& tables() {
  static const crc_tables t;
  return t;
}
}  // namespace

std::uint32_t crc32c(bytes_view data, std::uint32_t crc) {
  const auto& t = tables().t;
  std::uint32_t c = ~crc;
  const std::byte* p = data.data();
  std::size_t n = data.size();
  while (n >= 8) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    lo ^= c;  // little-endian machine assumed (x86_64, aarch64)
    c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
        t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n--) c = (c >> 8) ^ t[0][(c ^ std::to_integer<std::uint32_t>(*p++)) & 0xff];
  return ~c;
}

}  // namespace wirekit
