// Capture files: pcap and pcapng read through libpcap; pcap written.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::pcap {

inline constexpr int linktype_ethernet = 1;

struct frame {
  std::int64_t ts_sec = 0;
  std::uint32_t ts_usec = 0;    // microseconds (nanosecond files are read at microsecond precision)
  std::uint32_t orig_len = 0;   // length on the wire (may exceed data.size() when snapped)
  bytes data;
};

// True if the bytes start like a pcap (either byte order, µs or ns) or pcapng file.
bool is_capture(bytes_view head);

class reader {
 public:
  // Opens a file ("-" for standard input) or a capture held in memory.
  static result<reader> open(const std::string& path);
  static result<reader> open_memory(bytes data);
  reader(reader&&) noexcept;
  reader& operator=(reader&&) noexcept;
  ~reader();
  int linktype() const;
  // Reads the next frame into f; false at the end of the file. Errors name the frame number.
  result<bool> next(frame& f);
  std::uint64_t frames_read() const { return count_; }

 private:
  reader();
  struct impl;
  std::unique_ptr<impl> p_;
  std::uint64_t count_ = 0;
};

class writer {
 public:
  static result<writer> create(const std::string& path, int linktype = linktype_ethernet,
                               std::uint32_t snaplen = 262144);
  writer(writer&&) noexcept;
  writer& operator=(writer&&) noexcept;
  ~writer();
  status write(bytes_view data, std::int64_t ts_sec = 0, std::uint32_t ts_usec = 0);
  status close();

 private:
  writer();
  struct impl;
  std::unique_ptr<impl> p_;
};

}  // namespace wirekit::pcap
