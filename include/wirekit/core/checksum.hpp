// Internet checksum (RFC 1071) and CRC32c (Castagnoli, as SCTP uses it).
#pragma once
#include <cstdint>
#include "wirekit/core/bytes.hpp"

namespace wirekit {

// One's-complement sum of 16-bit big-endian words, not yet folded; `odd` data is padded with a
// zero byte. Sums may be chained as long as every chunk but the last has an even length.
std::uint64_t csum_add(bytes_view data, std::uint64_t sum = 0);
std::uint16_t csum_fold(std::uint64_t sum);  // fold and complement
inline std::uint16_t internet_checksum(bytes_view data) { return csum_fold(csum_add(data)); }

std::uint32_t crc32c(bytes_view data, std::uint32_t crc = 0);

}  // namespace wirekit
