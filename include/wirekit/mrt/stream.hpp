// A BGPStream-like API over MRT archives (docs/bgpstream.md), with pybgpstream's concepts and
// names: a stream is configured with a data interface and filters, then started; it yields
// records (one per MRT record but PEER_INDEX_TABLE; a file that gives none, or breaks, adds one
// status record), and each record holds its per-prefix elems. Records of all files are merged
// in time order.
//
//   bgpstream::stream s;
//   s.set_data_interface("directory");
//   s.set_data_interface_option("directory", "path", "/data/archive");
//   s.add_filter("peer-asn", "3356");
//   s.add_interval_filter(1427846400, 1427850000);
//   if (auto st = s.start(); !st) ...;
//   while (const bgpstream::record* r = s.get_next_record())
//     for (const bgpstream::elem& e : r->elems) ...;
//
// The "bmp" interface is a live feed instead: a BMP station (include/wirekit/session/bmp.hpp)
// listens for routers, and each route monitoring UPDATE, peer up and peer down becomes a record
// of type update (docs/bmp_station.md). get_next_record() then waits for the next one.
//
// Elems come from the same lenient parser as the `bgpdump -m` printer (bgpdump_printer::extract),
// so both outputs see the same values. Memory is bounded: only the files whose time range has
// been reached are open, each reads through a bounded buffer, and a record holds one MRT record's
// elems.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::bmp {
struct station_event;
}

namespace wirekit::mrt::bgpstream {

enum class record_type : std::uint8_t { rib, update };
enum class record_status : std::uint8_t {
  valid,             // a record read from the file
  filtered_source,   // the file had records, but none passed the record-level filters
  empty_source,      // the file had no records
  corrupted_source,  // the file could not be opened or read to its end (truncated, damaged)
};
enum class dump_position : std::uint8_t { start, middle, end };
enum class elem_type : std::uint8_t { rib, announcement, withdrawal, peerstate };
// BGP FSM states as MRT numbers them (RFC 6396 §4.4.1), with bgpstream's names.
enum class peer_state : std::uint8_t { unknown, idle, connect, active, opensent, openconfirm, established };

const char* to_string(record_type t);    // "rib", "update"
const char* to_string(record_status s);  // "valid", "filtered-source", "empty-source", "corrupted-source"
const char* to_string(dump_position p);  // "start", "middle", "end"
char to_char(elem_type t);               // 'R', 'A', 'W', 'S' (bgpreader)
const char* to_string(peer_state s);     // "IDLE" ... "ESTABLISHED", "" for unknown (bgpreader)

struct community {
  std::uint16_t asn = 0, value = 0;
  bool operator==(const community&) const = default;
};

struct elem {
  elem_type type = elem_type::rib;
  std::uint32_t time_sec = 0, time_usec = 0;  // the record's time
  ip_addr peer_address;
  std::uint32_t peer_asn = 0;
  std::optional<ip_prefix> prefix;  // not for peerstate elems
  std::optional<ip_addr> next_hop;  // rib and announcement elems that have one
  std::string as_path;              // "3356 1299 {64512,64513}" (AS4_PATH merged)
  std::vector<community> communities;
  std::optional<std::uint32_t> path_id;  // add-path records
  peer_state old_state = peer_state::unknown, new_state = peer_state::unknown;

  // The last segment of the AS path: an ASN ("1299") or a set ("{64512,64513}"); "" if none.
  std::string_view origin() const;
  // The origin ASN when the last segment is a single ASN.
  std::optional<std::uint32_t> origin_asn() const;
  double time() const { return time_sec + time_usec / 1e6; }
};

struct record {
  std::string project, collector, router;  // router: "" for MRT; "bmp": the router's address
  std::optional<ip_addr> router_ip;         // "bmp": the BMP router's address
  record_type type = record_type::update;
  record_status status = record_status::valid;
  dump_position position = dump_position::middle;
  std::uint32_t dump_time = 0;              // the file's nominal time (from its name; else its first record's)
  std::uint32_t time_sec = 0, time_usec = 0;  // the MRT header's time (dump_time for status records)
  std::string source;                       // the file's path
  std::string error;                        // why, for corrupted-source
  std::vector<elem> elems;                  // the elems that passed the filters
  std::string bgpdump_lines;                // their `bgpdump -m` lines, if set_bgpdump_lines(true)
  double time() const { return time_sec + time_usec / 1e6; }
};

// Counters, for progress lines and benchmarks.
struct stream_stats {
  std::uint64_t files_opened = 0;
  std::uint64_t bytes_read = 0;  // compressed bytes of the files read so far
  std::uint64_t records = 0;     // records returned
  std::uint64_t elems = 0;       // elems returned (after filtering)
};

class stream {
 public:
  stream();
  ~stream();
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  // "singlefile" (options rib-file, upd-file), "directory" (option path) or "bmp" (options
  // address (default "::"), port (default 11019; 0: ephemeral), project and collector (the
  // names the records carry, default "bmp"), max-records (end after N records), duration (end
  // after N seconds)). Before start().
  status set_data_interface(std::string_view name);
  status set_data_interface_option(std::string_view interface, std::string_view option, std::string_view value);

  // pybgpstream's filter names: project, collector, record-type (ribs|updates), peer-asn,
  // not-peer-asn, origin-asn, prefix (= prefix-more), prefix-exact, prefix-more (the prefix and
  // more specifics), prefix-less (the prefix and less specifics), prefix-any, community
  // ("asn:value", either half may be "*"), elemtype (ribs|announcements|withdrawals|peerstates),
  // ipversion (4|6). Several values of one kind are OR-ed, different kinds AND-ed.
  status add_filter(std::string_view type, std::string_view value);
  // Records whose time lies in [begin, end] (end 0: no end). Several intervals are OR-ed.
  void add_interval_filter(std::uint32_t begin, std::uint32_t end);
  // Of each collector's RIB dumps, only one per `period` seconds (by dump time).
  void add_rib_period_filter(std::uint32_t period);
  // Also keep each passing elem's `bgpdump -m` line in record::bgpdump_lines.
  void set_bgpdump_lines(bool on);

  // Indexes the data interface's files. Errors: no interface, a missing option, an unreadable
  // directory. Files that cannot be read give corrupted-source records later, not errors here.
  status start();

  // The next record, valid until the next call; nullptr at the end.
  const record* get_next_record();

  const stream_stats& stats() const;

  // "bmp": the TCP port the station listens on (after start()), else 0.
  std::uint16_t bmp_port() const;
  // Ends a live ("bmp") stream: get_next_record() returns nullptr within 100 ms. Safe to call
  // from another thread or a signal handler (it only sets an atomic flag).
  void interrupt();
  // "bmp": sees every station event (connections, every BMP message: statistics, initiation,
  // ... too) before it becomes a record, on the thread calling get_next_record(). Before start().
  void set_bmp_observer(std::function<void(const bmp::station_event&)> fn);

  struct impl;

 private:
  std::unique_ptr<impl> p_;
};

// "2015-04-01 00:00:00", "2015-04-01 00:00", "2015-04-01" (UTC) or epoch seconds.
std::optional<std::uint32_t> parse_time(std::string_view s);

// bgpreader's elem line (no newline): <rec-type>|<elem-type>|<rec-ts-sec>.<rec-ts-usec>|
// <project>|<collector>|<router-name>|<router-ip>|<peer-ASN>|<peer-IP>|<prefix>|<next-hop-IP>|
// <AS-path>|<origin-AS>|<communities>|<old-state>|<new-state>
void append_bgpreader_line(const record& r, const elem& e, std::string& out);
// One elem as a JSON object (no newline); docs/bgpstream.md lists the members.
void append_json_line(const record& r, const elem& e, std::string& out);

}  // namespace wirekit::mrt::bgpstream
