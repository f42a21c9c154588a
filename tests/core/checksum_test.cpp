// core/checksum.hpp: the Internet checksum (RFC 1071) and CRC32c (RFC 3720 B.4 vectors).
#include <gtest/gtest.h>

#include <random>

#include "wirekit/core/checksum.hpp"

using namespace wirekit;

namespace {

bytes hex(std::string_view h) {
  bytes b;
  int hi = -1;
  for (char c : h) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) continue;  // spaces
    if (hi < 0) {
      hi = v;
    } else {
      b.push_back(static_cast<std::byte>(hi * 16 + v));
      hi = -1;
    }
  }
  return b;
}

// Straightforward RFC 1071 reference: 16-bit big-endian words, odd byte padded with zero,
// end-around carry, complement.
std::uint16_t reference_checksum(const bytes& b) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < b.size(); i += 2) {
    std::uint32_t w = std::to_integer<std::uint32_t>(b[i]) << 8;
    if (i + 1 < b.size()) w |= std::to_integer<std::uint32_t>(b[i + 1]);
    sum += w;
    sum = (sum & 0xffff) + (sum >> 16);
  }
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

// RFC 1071 §3, "Numerical Examples": the bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2
// (one's complement), so the checksum is ~ddf2 = 220d.
TEST(InternetChecksum, Rfc1071Example) {
  bytes b = hex("00 01 f2 03 f4 f5 f6 f7");
  EXPECT_EQ(internet_checksum(b), 0x220d);
  EXPECT_EQ(csum_fold(csum_add(b)), 0x220d);
  // Byte order independence example of the same section: the sum is the same whichever
  // way the pairs are chunked.
  bytes head(b.begin(), b.begin() + 4), tail(b.begin() + 4, b.end());
  EXPECT_EQ(csum_fold(csum_add(tail, csum_add(head))), 0x220d);
}

// A real IPv4 header (the classic example: 192.168.0.1 -> 192.168.0.199, UDP, total length
// 115, DF, TTL 64): its checksum field is b861.
TEST(InternetChecksum, Ipv4HeaderExample) {
  bytes with_zero = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
  EXPECT_EQ(internet_checksum(with_zero), 0xb861);
  // A header carrying its correct checksum sums to 0xffff, i.e. checksums to 0.
  bytes full = hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
  EXPECT_EQ(internet_checksum(full), 0x0000);
}

TEST(InternetChecksum, EdgeCases) {
  EXPECT_EQ(internet_checksum({}), 0xffff);
  EXPECT_EQ(internet_checksum(hex("ff")), 0x00ff);            // odd byte is the high half: ~ff00
  EXPECT_EQ(internet_checksum(hex("ffff")), 0x0000);
  EXPECT_EQ(internet_checksum(hex("0001 ffff")), 0xfffe);      // end-around carry: ffff+1 = 1
  EXPECT_EQ(csum_fold(0x1ffff), 0xfffe);
  EXPECT_EQ(csum_fold(0), 0xffff);
  EXPECT_EQ(csum_fold(0xffffffffffffull), 0x0000);
}

TEST(InternetChecksum, MatchesReferenceOnRandomData) {
  std::mt19937 rng(12345);
  for (std::size_t len = 0; len < 200; ++len) {
    bytes b(len);
    for (auto& x : b) x = static_cast<std::byte>(rng());
    ASSERT_EQ(internet_checksum(b), reference_checksum(b)) << "length " << len;
    // Chaining: every chunk but the last has an even length.
    for (std::size_t cut = 0; cut <= len; cut += 2) {
      std::uint64_t s = csum_add(bytes_view(b).subspan(0, cut));
      s = csum_add(bytes_view(b).subspan(cut), s);
      ASSERT_EQ(csum_fold(s), reference_checksum(b)) << "length " << len << " cut " << cut;
    }
  }
  // Large all-ones buffers stress the carries.
  bytes ones(65536 + 7, std::byte{0xff});
  EXPECT_EQ(internet_checksum(ones), reference_checksum(ones));
}

// CRC32c (Castagnoli), as used by SCTP (RFC 9260 appendix B) and iSCSI.
TEST(Crc32c, CheckValue) {
  // The standard "check" value of the CRC-32C catalogue entry.
  EXPECT_EQ(crc32c(as_bytes("123456789")), 0xe3069283u);
  EXPECT_EQ(crc32c({}), 0x00000000u);
}

// RFC 3720 appendix B.4 (CRC is shown there as the bytes of the little-endian value).
TEST(Crc32c, Rfc3720Vectors) {
  EXPECT_EQ(crc32c(bytes(32, std::byte{0x00})), 0x8a9136aau);  // aa 36 91 8a
  EXPECT_EQ(crc32c(bytes(32, std::byte{0xff})), 0x62a8ab43u);  // 43 ab a8 62
  bytes up, down;
  for (int i = 0; i < 32; ++i) up.push_back(static_cast<std::byte>(i));
  for (int i = 31; i >= 0; --i) down.push_back(static_cast<std::byte>(i));
  EXPECT_EQ(crc32c(up), 0x46dd794eu);    // 4e 79 dd 46
  EXPECT_EQ(crc32c(down), 0x113fdb5cu);  // 5c db 3f 11
  // An iSCSI SCSI Read (10) command PDU.
  bytes pdu = hex(
      "01c00000 00000000 00000000 00000000 14000000 00000400 00000014 00000018 "
      "28000000 00000000 02000000 00000000");
  ASSERT_EQ(pdu.size(), 48u);
  EXPECT_EQ(crc32c(pdu), 0xd9963a56u);  // 56 3a 96 d9
}

TEST(Crc32c, ChainsAcrossChunksAndAlignments) {
  std::mt19937 rng(7);
  bytes b(333);
  for (auto& x : b) x = static_cast<std::byte>(rng());
  const std::uint32_t whole = crc32c(b);
  for (std::size_t cut = 0; cut <= b.size(); cut += 13)
    ASSERT_EQ(crc32c(bytes_view(b).subspan(cut), crc32c(bytes_view(b).subspan(0, cut))), whole) << cut;
  // Unaligned starts give the same result as aligned copies.
  for (std::size_t off = 1; off < 8; ++off) {
    bytes copy(b.begin() + off, b.end());
    EXPECT_EQ(crc32c(bytes_view(b).subspan(off)), crc32c(copy));
  }
  bytes digits(as_bytes("123456789").begin(), as_bytes("123456789").end());
  EXPECT_EQ(crc32c(bytes_view(digits).subspan(4), crc32c(bytes_view(digits).subspan(0, 4))), 0xe3069283u);
}

}  // namespace
