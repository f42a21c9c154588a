// MRT input: plain, gzip or bzip2 (detected by content; concatenated members/streams are read
// on), from a file, stdin or memory. Decompression runs on its own thread and hands blocks to
// the reader through a bounded queue, so parsing and decompression overlap and memory stays
// bounded. A truncated or damaged compressed stream ends the data where it breaks (what was
// decompressed so far is delivered); truncated() and error() say so.
// bzip2 is decoded in parallel: the compressed input is cut at its block boundaries, the blocks
// are decoded by libbz2 on worker threads and delivered strictly in order, with the same bytes,
// the same end and the same error as the sequential decoder (docs/bgpstream.md, "Input:
// compression, parallel bzip2").
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace wirekit::mrt {

enum class compression : std::uint8_t { none, gzip, bzip2 };
const char* compression_name(compression c);
compression detect_compression(bytes_view first_bytes);

struct source_options {
  // Worker threads for bzip2. -1: automatic (the environment variable WIREKIT_BZIP2_THREADS if
  // set, else the hardware threads less one for the parser, at most 8, and the sequential
  // decoder when that leaves fewer than 2); 0: the sequential decoder (one libbz2 stream on the
  // producer thread); n > 0: n workers (at most 64).
  int bzip2_threads = -1;
  // For tests: extra, false block-boundary candidates, as absolute bit offsets into the
  // compressed input (bit 63 set: an end-of-stream candidate). Blocks cut there fail to decode
  // and are merged with the next candidate, as a block magic occurring by chance would be.
  std::vector<std::uint64_t> bzip2_extra_splits;
};

class byte_source {
 public:
  struct impl;
  ~byte_source();
  byte_source(const byte_source&) = delete;
  byte_source& operator=(const byte_source&) = delete;

  // path "-" is stdin. Fails only if the file cannot be opened.
  static result<std::unique_ptr<byte_source>> open(const std::string& path);
  static result<std::unique_ptr<byte_source>> open(const std::string& path, const source_options& opt);
  static std::unique_ptr<byte_source> from_memory(bytes data);
  static std::unique_ptr<byte_source> from_memory(bytes data, const source_options& opt);

  // Up to n bytes into dst; 0 only at the end of the data.
  std::size_t read(std::byte* dst, std::size_t n);
  // The next decompressed block, without copying (valid until the next call); empty at the end.
  bytes_view next_block();
  // The unread rest of the current block (what read() copies next), and skipping n of it
  // (n <= buffered().size()): the record reader hands out records that lie inside one block
  // without copying them. Valid until the next read() or next_block().
  bytes_view buffered() const { return cur_.subspan(cur_pos_); }
  void skip(std::size_t n) { cur_pos_ += n; }

  compression kind() const;            // known once the first bytes were read
  bool truncated() const;              // the compressed stream ended or broke before its end
  std::string error() const;           // why, if truncated (or a read error)
  std::uint64_t input_bytes() const;   // compressed bytes consumed so far
  std::uint64_t output_bytes() const;  // decompressed bytes delivered so far

 private:
  explicit byte_source(std::unique_ptr<impl> p);
  std::unique_ptr<impl> p_;
  bytes_view cur_{};
  std::size_t cur_pos_ = 0;
};

// A record as read: header and body bytes (views valid until the next call to next()).
struct raw_record {
  header hdr;
  bytes_view whole;  // header + body
  bytes_view body;
  std::uint64_t offset = 0;  // absolute offset of the record in the decompressed data
};

// Cuts the data into records. Never allocates from an unchecked length: a record's buffer
// grows only as its bytes arrive, and a record longer than max_record is skipped (read and
// dropped) and reported as corrupted.
class record_reader {
 public:
  enum class outcome : std::uint8_t {
    ok,         // out is a complete record
    end,        // no more data (clean end)
    truncated,  // the data ended inside a record's header or body (end of input)
    oversized,  // a record longer than max_record was skipped; reading goes on
  };
  explicit record_reader(std::unique_ptr<byte_source> src, std::size_t max_record = std::size_t{64} << 20);
  outcome next(raw_record& out);
  byte_source& source() { return *src_; }
  std::uint64_t records() const { return records_; }
  std::uint64_t position() const { return consumed_; }  // decompressed bytes consumed so far

 private:
  bool fill(std::size_t n);  // ensures buf_ holds n bytes from pos_; false at end of data
  std::unique_ptr<byte_source> src_;
  std::size_t max_record_;
  bytes buf_;
  std::size_t pos_ = 0;  // start of the unread data in buf_
  std::size_t end_ = 0;  // end of valid data in buf_
  std::uint64_t consumed_ = 0;
  std::uint64_t records_ = 0;
};

}  // namespace wirekit::mrt
