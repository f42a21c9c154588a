// `bgpdump -m` text (RIPE NCC bgpdump 1.6.2, the Debian package): the same lines, byte for
// byte, for the same MRT data. bgpdump reads records leniently (a field beyond the end of its
// record reads as zeros, a bad record is skipped silently) and has its own rules for what it
// prints (docs/mrt.md lists them); this printer reproduces them from the record bytes, without
// the strict codec, so that its answers are bgpdump's on damaged and odd input too.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "wirekit/core/bytes.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace wirekit::mrt {

class bgpdump_printer {
 public:
  bgpdump_printer();
  ~bgpdump_printer();
  bgpdump_printer(bgpdump_printer&&) noexcept;
  bgpdump_printer& operator=(bgpdump_printer&&) noexcept;

  // Appends the lines bgpdump -m prints for one record (header as read, body bytes) to out.
  // Returns false when bgpdump would stop reading the file here (a record whose length is 0).
  bool print(const header& h, bytes_view body, std::string& out);

  // Elems (lines) printed so far.
  std::uint64_t lines() const;

  struct state;

 private:
  std::unique_ptr<state> s_;
};

// bgpdump's IPv6 text (its own formatter: a run of one zero group is compressed too, mapped and
// compatible addresses end in dotted quad).
std::string bgpdump_ipv6(const std::uint8_t* a16);

}  // namespace wirekit::mrt
