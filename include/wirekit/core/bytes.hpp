// Bounds-checked byte reader and writer over std::span<const std::byte>.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wirekit {

using bytes = std::vector<std::byte>;
using bytes_view = std::span<const std::byte>;

inline bytes_view as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}
inline bytes to_bytes(std::initializer_list<unsigned> il) {
  bytes b;
  b.reserve(il.size());
  for (unsigned v : il) b.push_back(static_cast<std::byte>(v));
  return b;
}

// Big-endian loads/stores on raw pointers (no bounds checks: callers check).
inline std::uint16_t load_be16(const std::byte* p) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(p[0]) << 8) | std::to_integer<unsigned>(p[1]));
}
inline std::uint32_t load_be32(const std::byte* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}
inline std::uint64_t load_be64(const std::byte* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}
inline std::uint64_t load_be(const std::byte* p, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | std::to_integer<std::uint64_t>(p[i]);
  return v;
}
inline void store_be16(std::byte* p, std::uint16_t v) {
  p[0] = static_cast<std::byte>(v >> 8);
  p[1] = static_cast<std::byte>(v);
}
inline void store_be32(std::byte* p, std::uint32_t v) {
  v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
}
inline void store_be(std::byte* p, std::uint64_t v, std::size_t n) {
  for (std::size_t i = n; i-- > 0;) {
    p[i] = static_cast<std::byte>(v & 0xff);
    v >>= 8;
  }
}

// A cursor over an input span. `base` is the absolute offset of the span's first byte in the
// outermost input, so that errors name offsets a user can find in the original bytes.
class reader {
 public:
  reader() = default;
  explicit reader(bytes_view b, std::size_t base = 0) : buf_(b), base_(base) {}

  std::size_t offset() const { return base_ + pos_; }   // absolute offset of the next byte
  std::size_t position() const { return pos_; }         // offset within this reader
  std::size_t remaining() const { return buf_.size() - pos_; }
  bool empty() const { return pos_ >= buf_.size(); }
  bool has(std::size_t n) const { return n <= buf_.size() - pos_; }
  bytes_view rest() const { return buf_.subspan(pos_); }
  bytes_view whole() const { return buf_; }
  const std::byte* data() const { return buf_.data() + pos_; }

  // Unchecked reads: call has() first.
  std::uint8_t u8() { return std::to_integer<std::uint8_t>(buf_[pos_++]); }
  std::uint16_t u16() {
    auto v = load_be16(buf_.data() + pos_);
    pos_ += 2;
    return v;
  }
  std::uint32_t u32() {
    auto v = load_be32(buf_.data() + pos_);
    pos_ += 4;
    return v;
  }
  std::uint64_t u64() {
    auto v = load_be64(buf_.data() + pos_);
    pos_ += 8;
    return v;
  }
  std::uint64_t uint(std::size_t n) {
    auto v = load_be(buf_.data() + pos_, n);
    pos_ += n;
    return v;
  }
  void copy(void* dst, std::size_t n) {
    std::memcpy(dst, buf_.data() + pos_, n);
    pos_ += n;
  }
  bytes_view take(std::size_t n) {
    auto s = buf_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  // A reader over the next n bytes (absolute offsets preserved); advances this one.
  reader sub(std::size_t n) {
    reader r(buf_.subspan(pos_, n), base_ + pos_);
    pos_ += n;
    return r;
  }
  void skip(std::size_t n) { pos_ += n; }
  void seek(std::size_t pos) { pos_ = pos; }
  std::uint8_t peek8(std::size_t at = 0) const { return std::to_integer<std::uint8_t>(buf_[pos_ + at]); }

 private:
  bytes_view buf_{};
  std::size_t pos_ = 0;
  std::size_t base_ = 0;
};

// Appends big-endian values to a byte vector.
class writer {
 public:
  explicit writer(bytes& out) : out_(out) {}
  std::size_t size() const { return out_.size(); }
  bytes& buffer() { return out_; }
  void u8(std::uint64_t v) { out_.push_back(static_cast<std::byte>(v)); }
  void u16(std::uint64_t v) {
    std::byte b[2];
    store_be16(b, static_cast<std::uint16_t>(v));
    out_.insert(out_.end(), b, b + 2);
  }
  void u32(std::uint64_t v) {
    std::byte b[4];
    store_be32(b, static_cast<std::uint32_t>(v));
    out_.insert(out_.end(), b, b + 4);
  }
  void u64(std::uint64_t v) { uint(v, 8); }
  void uint(std::uint64_t v, std::size_t n) {
    std::byte b[8];
    store_be(b, v, n);
    out_.insert(out_.end(), b, b + n);
  }
  void put(bytes_view b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void put(const void* p, std::size_t n) {
    auto b = static_cast<const std::byte*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, std::byte{0}); }
  void pad_to(std::size_t start, std::size_t align) {
    std::size_t len = out_.size() - start;
    if (len % align) zeros(align - len % align);
  }
  void patch_u8(std::size_t at, std::uint64_t v) { out_[at] = static_cast<std::byte>(v); }
  void patch_u16(std::size_t at, std::uint64_t v) { store_be16(out_.data() + at, static_cast<std::uint16_t>(v)); }
  void patch_u32(std::size_t at, std::uint64_t v) { store_be32(out_.data() + at, static_cast<std::uint32_t>(v)); }
  void patch(std::size_t at, std::uint64_t v, std::size_t n) { store_be(out_.data() + at, v, n); }

 private:
  bytes& out_;
};

std::string to_hex(bytes_view b);
std::string base64_encode(bytes_view b);
// Returns false on malformed input (wrong alphabet, bad padding).
bool base64_decode(std::string_view s, bytes& out);

}  // namespace wirekit
