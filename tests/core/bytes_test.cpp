// core/bytes.hpp: the bounds-checked reader, the writer, big-endian helpers, hex and base64
// (RFC 4648 §10 test vectors).
#include <gtest/gtest.h>

#include <limits>

#include "wirekit/core/bytes.hpp"

using namespace wirekit;

namespace {

bytes b64(std::string_view s, bool* ok = nullptr) {
  bytes out;
  bool r = base64_decode(s, out);
  if (ok) *ok = r;
  return out;
}

std::string str(const bytes& b) { return std::string(reinterpret_cast<const char*>(b.data()), b.size()); }

TEST(Bytes, BigEndianLoadsAndStores) {
  bytes b = to_bytes({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
  EXPECT_EQ(load_be16(b.data()), 0x0102u);
  EXPECT_EQ(load_be32(b.data()), 0x01020304u);
  EXPECT_EQ(load_be64(b.data()), 0x0102030405060708ull);
  EXPECT_EQ(load_be(b.data(), 3), 0x010203u);
  EXPECT_EQ(load_be(b.data() + 2, 6), 0x030405060708ull);
  EXPECT_EQ(load_be(b.data(), 0), 0u);

  std::byte o[8]{};
  store_be16(o, 0xabcd);
  EXPECT_EQ(to_hex(bytes_view(o, 2)), "abcd");
  store_be32(o, 0xdeadbeef);
  EXPECT_EQ(to_hex(bytes_view(o, 4)), "deadbeef");
  store_be(o, 0x0a0b0c0d0e0full, 6);
  EXPECT_EQ(to_hex(bytes_view(o, 6)), "0a0b0c0d0e0f");
  store_be(o, 0x1ff, 1);  // only the low byte is stored
  EXPECT_EQ(std::to_integer<unsigned>(o[0]), 0xffu);
}

TEST(Bytes, ReaderValuesAreBigEndianAndOffsetsAbsolute) {
  bytes b = to_bytes({0xff, 0x12, 0x34, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                      0xa0, 0xa1, 0xa2});
  reader r(b, 100);
  EXPECT_EQ(r.offset(), 100u);
  EXPECT_EQ(r.position(), 0u);
  EXPECT_EQ(r.remaining(), b.size());
  EXPECT_FALSE(r.empty());
  EXPECT_EQ(r.peek8(), 0xffu);
  EXPECT_EQ(r.peek8(1), 0x12u);
  EXPECT_EQ(r.u8(), 0xffu);
  EXPECT_EQ(r.u16(), 0x1234u);
  EXPECT_EQ(r.u32(), 0x89abcdefu);
  EXPECT_EQ(r.offset(), 107u);
  EXPECT_EQ(r.u64(), 0x0102030405060708ull);
  EXPECT_EQ(r.uint(3), 0xa0a1a2u);
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.remaining(), 0u);
  EXPECT_EQ(r.offset(), 100u + b.size());
}

TEST(Bytes, ReaderBounds) {
  bytes b = to_bytes({1, 2, 3, 4, 5});
  reader r(b);
  EXPECT_TRUE(r.has(0));
  EXPECT_TRUE(r.has(5));
  EXPECT_FALSE(r.has(6));
  // Huge lengths (from hostile length fields) must not wrap around.
  EXPECT_FALSE(r.has(std::numeric_limits<std::size_t>::max()));
  EXPECT_FALSE(r.has(std::numeric_limits<std::size_t>::max() - 2));
  r.skip(3);
  EXPECT_TRUE(r.has(2));
  EXPECT_FALSE(r.has(3));
  EXPECT_FALSE(r.has(std::numeric_limits<std::size_t>::max()));
  EXPECT_EQ(r.rest().size(), 2u);
  EXPECT_EQ(std::to_integer<unsigned>(r.rest()[0]), 4u);
  EXPECT_EQ(r.whole().size(), 5u);
  EXPECT_EQ(std::to_integer<unsigned>(*r.data()), 4u);
  r.seek(1);
  EXPECT_EQ(r.u8(), 2u);

  reader empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(empty.has(0));
  EXPECT_FALSE(empty.has(1));
}

TEST(Bytes, SubReaderKeepsAbsoluteOffsets) {
  bytes b = to_bytes({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  reader r(b, 1000);
  r.skip(2);
  reader s = r.sub(4);
  EXPECT_EQ(r.offset(), 1006u);  // the parent advanced past the sub-range
  EXPECT_EQ(s.offset(), 1002u);
  EXPECT_EQ(s.remaining(), 4u);
  EXPECT_FALSE(s.has(5));        // the sub-reader cannot see beyond its range
  EXPECT_EQ(s.u16(), 0x0203u);
  EXPECT_EQ(s.offset(), 1004u);
  EXPECT_EQ(s.position(), 2u);
  auto t = s.take(2);
  EXPECT_EQ(to_hex(t), "0405");
  EXPECT_TRUE(s.empty());
  std::uint8_t buf[2];
  r.copy(buf, 2);
  EXPECT_EQ(buf[0], 6u);
  EXPECT_EQ(buf[1], 7u);
}

TEST(Bytes, WriterAppendsBigEndianAndPatches) {
  bytes out;
  writer w(out);
  w.u8(0x1ff);  // truncated to its width
  w.u16(0x0102);
  w.u32(0x03040506);
  w.u64(0x0708090a0b0c0d0eull);
  w.uint(0xabcdef, 3);
  EXPECT_EQ(w.size(), 18u);
  EXPECT_EQ(to_hex(out), "ff01020304050607080" "90a0b0c0d0eabcdef");
  w.patch_u8(0, 0x11);
  w.patch_u16(1, 0x2233);
  w.patch_u32(3, 0x44556677);
  w.patch(7, 0x8899, 2);
  EXPECT_EQ(to_hex(out), "112233445566778899090a0b0c0d0eabcdef");
  EXPECT_EQ(&w.buffer(), &out);
}

TEST(Bytes, WriterPadding) {
  bytes out = to_bytes({0xaa});
  writer w(out);
  const std::size_t start = w.size();
  w.put(as_bytes("abc"));
  w.pad_to(start, 8);
  EXPECT_EQ(out.size(), 9u);
  w.pad_to(start, 8);  // already aligned: nothing added
  EXPECT_EQ(out.size(), 9u);
  w.zeros(3);
  w.put("xy", 2);
  EXPECT_EQ(to_hex(out), "aa616263" "0000000000" "000000" "7879");
}

TEST(Bytes, Hex) {
  EXPECT_EQ(to_hex({}), "");
  EXPECT_EQ(to_hex(to_bytes({0x00, 0x0f, 0xf0, 0xff})), "000ff0ff");
  EXPECT_EQ(to_hex(as_bytes("AZ")), "415a");
}

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> v[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                   {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                   {"foobar", "Zm9vYmFy"}};
  for (auto [plain, enc] : v) {
    EXPECT_EQ(base64_encode(as_bytes(plain)), enc) << plain;
    bool ok = false;
    bytes d = b64(enc, &ok);
    EXPECT_TRUE(ok) << enc;
    EXPECT_EQ(str(d), plain) << enc;
  }
}

TEST(Base64, AllByteValuesRoundTrip) {
  bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
  std::string e = base64_encode(all);
  // Known prefix of base64(0x00 0x01 ... ) and the standard alphabet's use of '+' and '/'.
  EXPECT_EQ(e.substr(0, 8), "AAECAwQF");
  EXPECT_EQ(e.substr(e.size() - 8), "/P3+/w==");
  EXPECT_EQ(base64_encode(to_bytes({0xfb, 0xff})), "+/8=");
  bool ok = false;
  EXPECT_EQ(b64(e, &ok), all);
  EXPECT_TRUE(ok);
}

TEST(Base64, DecodeAppends) {
  bytes out = to_bytes({0x01});
  ASSERT_TRUE(base64_decode("Zm9v", out));
  EXPECT_EQ(to_hex(out), "01666f6f");
}

TEST(Base64, RejectsMalformed) {
  const char* bad[] = {
      "Z",         // a single character cannot encode anything
      "Zm9vY",     // 5 characters: one left over
      "Zg=",       // padding that does not complete a quantum
      "Zg===",     // too much padding
      "Zm9v====",  // padding after a complete quantum
      "Zm=9v",     // '=' inside the data
      "Zm9v!",     // outside the alphabet
      "Zm9v YmFy", // whitespace is not part of the alphabet
      "Zm9-",      // URL-safe alphabet is not the standard one
      "Zm9_",
      "=",
      "====",
  };
  for (const char* s : bad) {
    bytes out;
    EXPECT_FALSE(base64_decode(s, out)) << '"' << s << '"';
  }
  std::string with_nul("Zm\0v", 4);
  bytes out;
  EXPECT_FALSE(base64_decode(with_nul, out));
}

}  // namespace
