// packet::verify_checksums against a known-good IPv4 header (the widely published example
// 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7, checksum 0xb861).
#include <gtest/gtest.h>

#include "wirekit/packet/packet.hpp"

using namespace wirekit;

namespace {

bytes example_frame(std::uint16_t ip_csum) {
  bytes f = to_bytes({0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00,
                      0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, unsigned(ip_csum >> 8),
                      unsigned(ip_csum & 0xff), 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7});
  // UDP: ports 1000 -> 2000, length 95, no checksum, 87 bytes of data.
  bytes u = to_bytes({0x03, 0xe8, 0x07, 0xd0, 0x00, 0x5f, 0x00, 0x00});
  f.insert(f.end(), u.begin(), u.end());
  for (int i = 0; i < 87; ++i) f.push_back(std::byte(i + 1));
  return f;
}

TEST(VerifyChecksums, KnownGoodIPv4Header) {
  auto p = packet::parse(example_frame(0xb861));
  ASSERT_TRUE(p.ok()) << p.err().to_string();
  auto r = p->verify_checksums();
  ASSERT_EQ(r.size(), 1u);  // UDP checksum 0 = not sent: not listed
  EXPECT_EQ(r[0].protocol, "ipv4");
  EXPECT_EQ(r[0].stored, 0xb861u);
  EXPECT_TRUE(r[0].ok());
}

TEST(VerifyChecksums, MismatchIsReportedNotFatal) {
  auto p = packet::parse(example_frame(0x1234));
  ASSERT_TRUE(p.ok()) << p.err().to_string();  // a bad checksum does not fail the parse
  auto r = p->verify_checksums();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].stored, 0x1234u);
  EXPECT_EQ(r[0].computed, 0xb861u);
}

}  // namespace
