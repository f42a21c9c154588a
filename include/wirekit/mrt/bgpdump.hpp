// `bgpdump -m` text (RIPE NCC bgpdump 1.6.2, the Debian package): the same lines, byte for
// byte, for the same MRT data. bgpdump reads records leniently (a field beyond the end of its
// record reads as zeros, a bad record is skipped silently) and has its own rules for what it
// prints (docs/mrt.md lists them); this printer reproduces them from the record bytes, without
// the strict codec, so that its answers are bgpdump's on damaged and odd input too.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "wirekit/core/bytes.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace wirekit::mrt {

// One elem (one line of `bgpdump -m`) as the lenient parser sees it. bgpdump_printer::print
// formats these; bgpdump_printer::extract hands them to an elem_sink (the stream API builds its
// elems from them), so the text output and the stream read records through one parser.
// Addresses are 16-byte arrays (IPv4 in the first 4 bytes) with their family (1 IPv4, 2 IPv6).
// Views and pointers are valid only during the on_elem call.
struct dump_elem {
  enum class kind : std::uint8_t { rib, announcement, withdrawal, peerstate };
  kind type = kind::rib;
  std::uint32_t time = 0, usec = 0;  // the record header's time (usec: BGP4MP_ET only)
  std::uint8_t peer_afi = 1;
  std::array<std::uint8_t, 16> peer_ip{};
  std::uint32_t peer_as = 0;
  std::uint8_t prefix_afi = 0;  // 0 for peerstate elems
  std::array<std::uint8_t, 16> prefix{};
  std::uint8_t prefix_len = 0;
  bool has_path_id = false;  // add-path records
  std::uint32_t path_id = 0;
  std::uint8_t nexthop_afi = 0;  // 0: none
  std::array<std::uint8_t, 16> nexthop{};
  bool has_as_path = false;
  std::string_view as_path;  // bgpdump's text (AS4_PATH merged): "1 2 {3,4}"
  const std::uint8_t* communities = nullptr;  // COMMUNITIES value, 4 bytes each, network order
  std::uint32_t community_count = 0;
  std::uint16_t old_state = 0, new_state = 0;  // peerstate elems
};

class elem_sink {
 public:
  virtual ~elem_sink() = default;
  virtual void on_elem(const dump_elem& e) = 0;
};

// The same elem without copies or text (bgpdump_printer::for_each_elem_view): addresses point
// at 16-byte arrays (IPv4 in the first 4 bytes), the AS path and the communities at the
// attribute bytes in the record, so nothing is formatted unless asked for. The values are
// those dump_elem carries (bgpdump's lenient reading); views and pointers are valid only during
// the on_elem call.
struct elem_view {
  dump_elem::kind type = dump_elem::kind::rib;
  std::uint32_t time = 0, usec = 0;
  int peer_index = -1;  // TABLE_DUMP_V2 RIB entries: the entry's index in the PEER_INDEX_TABLE
  std::uint8_t peer_afi = 1;
  const std::uint8_t* peer_ip = nullptr;
  std::uint32_t peer_as = 0;
  std::uint8_t prefix_afi = 0;  // 0 for peerstate elems
  const std::uint8_t* prefix = nullptr;
  std::uint8_t prefix_len = 0;
  bool has_path_id = false;
  std::uint32_t path_id = 0;
  std::uint8_t nexthop_afi = 0;  // 0: none
  const std::uint8_t* nexthop = nullptr;
  bool has_as_path = false;
  // The AS_PATH attribute's segments (type, count, ASNs), as_path_asn_len (2 or 4) bytes per ASN;
  // for 2-byte-ASN records with AS4_PATH, the merged path (4-byte ASNs) bgpdump prints.
  const std::uint8_t* as_path = nullptr;
  std::uint32_t as_path_size = 0;
  std::uint8_t as_path_asn_len = 4;
  const std::uint8_t* communities = nullptr;  // COMMUNITIES value, 4 bytes each, network order
  std::uint32_t community_count = 0;
  std::uint16_t old_state = 0, new_state = 0;  // peerstate elems

  // Appends bgpdump's AS path text (dump_elem::as_path): "1 2 {3,4}".
  void append_as_path(std::string& out) const;
};

class elem_view_sink {
 public:
  virtual ~elem_view_sink() = default;
  virtual void on_elem(const elem_view& e) = 0;
};

class bgpdump_printer {
 public:
  bgpdump_printer();
  ~bgpdump_printer();
  bgpdump_printer(bgpdump_printer&&) noexcept;
  bgpdump_printer& operator=(bgpdump_printer&&) noexcept;

  // Appends the lines bgpdump -m prints for one record (header as read, body bytes) to out.
  // Returns false when bgpdump would stop reading the file here (a record whose length is 0).
  bool print(const header& h, bytes_view body, std::string& out);
  // The same record as elems, in the order print() writes its lines; same return value.
  bool extract(const header& h, bytes_view body, elem_sink& sink);
  // The same elems as zero-copy views, nothing formatted (the fastest way to visit a dump's
  // elems); same return value. format_current() is not for these calls.
  bool for_each_elem_view(const header& h, bytes_view body, elem_view_sink& sink);
  // Only inside an elem_sink::on_elem call made by extract(): appends the line print() writes
  // for that elem (so a filtered stream can still print bgpdump's lines).
  void format_current(std::string& out) const;

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
