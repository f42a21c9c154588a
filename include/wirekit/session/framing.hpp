// Cutting a TCP byte stream into messages whose first bytes tell their size (a length field), with
// a buffer that is allocated once and never grows: ANCP (RFC 6320 §3.2), and later BGP, BMP and
// OpenFlow sessions.
//
//   session::stream_framer f(max_size, [](bytes_view d, std::size_t base) { return ancp::frame_size(d, base); });
//   auto space = f.space();                  // read into this
//   f.commit(n);                             // n bytes arrived
//   while (true) {
//     auto r = f.next();                     // error: the stream is garbage, drop the session
//     if (!r) ...; if (!*r) break;           // empty: need more bytes
//     handle(**r, f.frame_offset());         // the view stays valid until the next space()/commit()
//   }
//
// The buffer holds at most max_frame bytes: a frame larger than that is an error (never buffered),
// and a frame that fits always leaves room to read the rest of it.
#pragma once
#include <cstddef>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::session {

class stream_framer {
 public:
  // The whole size of the message that starts at data[0], 0 when more bytes are needed to tell,
  // or an error (a bad identifier). base is the stream offset of data[0] (for errors).
  using sizer = std::function<result<std::size_t>(bytes_view data, std::size_t base)>;

  stream_framer(std::size_t max_frame, sizer size, std::string protocol)
      : buf_(max_frame), size_(std::move(size)), protocol_(std::move(protocol)) {}

  // Where to read the next bytes to; never empty while no error was returned.
  std::span<std::byte> space() {
    compact();
    return {buf_.data() + end_, buf_.size() - end_};
  }
  // n bytes were written to the start of space().
  void commit(std::size_t n) { end_ += n; }

  // The next whole frame, empty when more bytes are needed, or an error that leaves the stream
  // unusable (size() error, a frame larger than max_frame, a size of 0 bytes).
  result<std::optional<bytes_view>> next() {
    const bytes_view have(buf_.data() + begin_, end_ - begin_);
    auto n = size_(have, consumed_);
    if (!n) return n.take_error();
    if (*n == 0) {
      if (have.size() >= buf_.size())
        return make_error(protocol_, "length", consumed_, "the message size is still unknown after the whole buffer");
      return std::optional<bytes_view>{};
    }
    if (*n > buf_.size())
      return make_error(protocol_, "length", consumed_,
                        "a message of " + std::to_string(*n) + " bytes is larger than the limit of " +
                            std::to_string(buf_.size()) + " bytes");
    if (*n > have.size()) return std::optional<bytes_view>{};
    frame_offset_ = consumed_;
    begin_ += *n;
    consumed_ += *n;
    return std::optional<bytes_view>{have.first(*n)};
  }

  // The stream offset of the frame next() returned last.
  std::size_t frame_offset() const { return frame_offset_; }
  // Bytes received and not yet returned as frames.
  std::size_t buffered() const { return end_ - begin_; }
  std::size_t capacity() const { return buf_.size(); }
  // The stream offset of the next byte to be framed.
  std::size_t consumed() const { return consumed_; }

 private:
  void compact() {
    if (begin_ == 0) return;
    if (end_ > begin_) std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }

  bytes buf_;
  sizer size_;
  std::string protocol_;
  std::size_t begin_ = 0, end_ = 0;
  std::size_t consumed_ = 0, frame_offset_ = 0;
};

}  // namespace wirekit::session
