// BGP Monitoring Protocol v3 (RFC 7854, with RFC 8671 Adj-RIB-Out and RFC 9069 Loc-RIB) in
// os-ken's model and JSON form (os_ken/lib/packet/bmp.py; json-conventions.md §6; docs/bmp.md
// for what os-ken lacks: route mirroring, Loc-RIB, information TLVs, the A flag, ...).
//
//   auto m = bmp::decode(bytes);                        // one whole BMP message
//   if (auto* rm = std::get_if<bmp::route_monitoring>(&*m)) ... rm->peer ... rm->bgp_update ...
//   bytes out; bmp::encode(*m, out);                    // lengths recomputed
//   nlohmann::json j = bmp::to_json(*m);                // {"BMPRouteMonitoring": {...}}
//   auto back = bmp::from_json(j);
//
//   bmp::stream_parser sp;                              // a TCP byte stream from a router
//   sp.feed(chunk);
//   while (auto r = sp.next()) { if (!*r) break; if (!**r) break; use(***r); }
//
// The BGP PDUs inside are decoded with a bgp::context derived from the per-peer header
// (peer_header::bgp_context): A flag set = 2-byte AS; A clear = os-ken's guess (default) or
// 4-byte AS (options::rfc_as_width, RFC 7854 §4.2).
#pragma once
#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/bgp/bgp.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::bmp {

inline constexpr std::uint8_t version = 3;
inline constexpr std::size_t common_header_size = 6;  // version (1), length (4), type (1)
inline constexpr std::size_t peer_header_size = 42;

namespace msg_type {
inline constexpr std::uint8_t route_monitoring = 0, statistics_report = 1, peer_down = 2, peer_up = 3,
                              initiation = 4, termination = 5, route_mirroring = 6;
}
namespace peer_type {
inline constexpr std::uint8_t global = 0, rd = 1, local = 2, loc_rib = 3;  // 1: RD (L3VPN); 3: RFC 9069
}
// Per-peer header flags (RFC 7854 §4.2, RFC 8671 §4; for peer type 3, RFC 9069 §4.2: bit 0x80
// is the F (filtered) flag).
namespace peer_flag {
inline constexpr std::uint8_t v = 0x80, l = 0x40, a = 0x20, o = 0x10, f = 0x80;
}
// Statistics types (RFC 7854 §4.8, RFC 8671 §5).
namespace stat_type {
inline constexpr std::uint16_t rejected = 0, duplicate_prefix = 1, duplicate_withdraw = 2, cluster_list_loop = 3,
                               as_path_loop = 4, originator_id_loop = 5, as_confed_loop = 6, adj_rib_in = 7,
                               loc_rib = 8, per_afi_safi_adj_rib_in = 9, per_afi_safi_loc_rib = 10,
                               updates_treated_as_withdraw = 11, prefixes_treated_as_withdraw = 12,
                               duplicate_updates = 13, adj_rib_out_pre = 14, adj_rib_out_post = 15,
                               per_afi_safi_adj_rib_out_pre = 16, per_afi_safi_adj_rib_out_post = 17;
}
namespace peer_down_reason {
inline constexpr std::uint8_t unknown = 0, local_notification = 1, local_no_notification = 2,
                              remote_notification = 3, remote_no_notification = 4, deconfigured = 5,
                              local_closed = 6;  // 6: RFC 9069 (Loc-RIB), TLVs follow
}
// Information TLV types (initiation, peer up: RFC 7854 §4.4, RFC 9069 §4.3) and termination
// TLV types (§4.5); route mirroring TLV types (§4.7).
namespace info_type {
inline constexpr std::uint16_t string = 0, sys_descr = 1, sys_name = 2, vrf_table_name = 3;
}
namespace term_type {
inline constexpr std::uint16_t string = 0, reason = 1;
}
namespace mirror_type {
inline constexpr std::uint16_t bgp_message = 0, information = 1;
}

// The per-peer header (RFC 7854 §4.2). JSON: os-ken's keys peer_type, is_post_policy,
// is_adj_rib_out, peer_distinguisher, peer_address, peer_as, peer_bgp_id, timestamp, plus
// "peer_flags" (the whole flags byte) only when the flags hold more than os-ken's keys show
// (A flag, Loc-RIB F flag, reserved bits).
struct peer_header {
  std::uint8_t peer_type = peer_type::global;
  std::uint8_t flags = 0;
  std::uint64_t peer_distinguisher = 0;
  // IPv6 iff flag 0x80 (V; os-ken reads every peer type this way, RFC 9069's F flag included).
  ip_addr peer_address;
  std::uint32_t peer_as = 0;
  ipv4_addr peer_bgp_id;
  std::uint32_t timestamp_sec = 0, timestamp_usec = 0;
  // The 12 bytes before an IPv4 address (zero per RFC 7854), kept so a decoded header
  // re-encodes byte for byte. Not in JSON.
  std::array<std::uint8_t, 12> v4_pad{};

  bool is_post_policy() const { return flags & peer_flag::l; }
  bool is_adj_rib_out() const { return flags & peer_flag::o; }
  bool two_byte_as() const { return peer_type != peer_type::loc_rib && (flags & peer_flag::a); }
  bool is_filtered() const { return peer_type == peer_type::loc_rib && (flags & peer_flag::f); }
  // os-ken's float: seconds + microseconds * 1e-6.
  double timestamp() const { return double(timestamp_sec) + double(timestamp_usec) * 1e-6; }
  // Sets the address and the V flag to match (encode refuses an address whose family
  // disagrees with flag 0x80).
  void set_peer_address(const ip_addr& a) {
    peer_address = a;
    flags = std::uint8_t(a.is_v6() ? (flags | peer_flag::v) : (flags & ~peer_flag::v));
  }
  bool operator==(const peer_header&) const = default;
};

// A TLV kept raw: information TLVs (initiation, peer up, peer down reason 6), termination TLVs
// and statistics. JSON: {"type", "len", "value"}; value is base64 of the bytes (os-ken's
// base64-of-text for string TLVs is the same thing), except the termination reason (type 1,
// 2 bytes) and the statistics os-ken reads as integers, which are numbers.
struct tlv {
  std::uint16_t type = 0;
  std::uint16_t len = 0;  // recomputed on encode
  bytes value;
  bool operator==(const tlv&) const = default;
};

// One statistic (RFC 7854 §4.8). Typed readings (nullopt when the type or length does not fit).
struct stat_tlv : tlv {
  std::optional<std::uint32_t> counter() const;  // 32-bit counters: types 0-6, 11-13
  std::optional<std::uint64_t> gauge() const;    // 64-bit gauges: 7, 8, 14, 15; per AFI/SAFI: 9, 10, 16, 17
  std::optional<bgp::family> family() const;     // per AFI/SAFI gauges: 9, 10, 16, 17
  static stat_tlv make_counter(std::uint16_t type, std::uint32_t v);
  static stat_tlv make_gauge(std::uint16_t type, std::uint64_t v);
  static stat_tlv make_afi_safi_gauge(std::uint16_t type, bgp::family f, std::uint64_t v);
  bool operator==(const stat_tlv&) const = default;
};

// `len` is the common header's length (recomputed on encode); the version is always 3.
struct route_monitoring {
  static constexpr const char* name = "BMPRouteMonitoring";
  std::uint32_t len = 0;
  peer_header peer;
  bgp::message bgp_update = bgp::update_msg{};  // os-ken: any BGP message is read
  bool operator==(const route_monitoring&) const = default;
};

struct statistics_report {
  static constexpr const char* name = "BMPStatisticsReport";
  std::uint32_t len = 0;
  peer_header peer;
  std::vector<stat_tlv> stats;  // the stats count is written as stats.size()
  bool operator==(const statistics_report&) const = default;
};

// Reason 1, 3: the NOTIFICATION (notification); 2: the FSM event code (fsm_event); 6: the
// information TLVs (info); 0, 5 and others: the bytes raw (data); 4: nothing.
struct peer_down {
  static constexpr const char* name = "BMPPeerDownNotification";
  std::uint32_t len = 0;
  peer_header peer;
  std::uint8_t reason = peer_down_reason::remote_no_notification;
  std::optional<bgp::message> notification;
  std::uint16_t fsm_event = 0;
  std::vector<tlv> info;
  bytes data;
  bool operator==(const peer_down&) const = default;
};

struct peer_up {
  static constexpr const char* name = "BMPPeerUpNotification";
  std::uint32_t len = 0;
  peer_header peer;
  // Read as IPv4 (last 4 bytes) iff the peer address text has a '.', as os-ken does.
  ip_addr local_address;
  std::array<std::uint8_t, 12> v4_pad{};  // as peer_header::v4_pad
  std::uint16_t local_port = 0, remote_port = 0;
  bgp::message sent_open_message = bgp::open_msg{};
  bgp::message received_open_message = bgp::open_msg{};
  std::vector<tlv> info;  // information TLVs (RFC 7854 §4.10; type 3 VRF/table name, RFC 9069)
  bool operator==(const peer_up&) const = default;

  // What received_open_message's speaker sends, when both are OPENs (bgp::negotiate).
  std::optional<bgp::context> negotiated() const;
};

struct initiation {
  static constexpr const char* name = "BMPInitiation";
  std::uint32_t len = 0;
  std::vector<tlv> info;
  bool operator==(const initiation&) const = default;
};

struct termination {
  static constexpr const char* name = "BMPTermination";
  std::uint32_t len = 0;
  std::vector<tlv> info;
  bool operator==(const termination&) const = default;
};

// A route mirroring TLV (RFC 7854 §4.7): type 0 holds a BGP PDU (`message` when it decodes —
// an errored PDU may not — else `value` raw), type 1 an information code (0 errored PDU,
// 1 messages lost) in `value`, other types raw in `value`.
struct mirror_tlv {
  std::uint16_t type = mirror_type::bgp_message;
  std::uint16_t len = 0;
  std::optional<bgp::message> message;
  bytes value;
  std::optional<std::uint16_t> code() const;  // type 1 with 2 bytes
  bool operator==(const mirror_tlv&) const = default;
};

// os-ken has no class: JSON {"BMPRouteMirroring": {per-peer keys, "tlvs": [{"type", "len",
// "value"}]}} (docs/bmp.md).
struct route_mirroring {
  static constexpr const char* name = "BMPRouteMirroring";
  std::uint32_t len = 0;
  peer_header peer;
  std::vector<mirror_tlv> tlvs;
  bool operator==(const route_mirroring&) const = default;
};

// A message type this library does not know: {"BMPUnknownMessage": {"version", "len", "type",
// "data": base64 of the bytes after the common header}}.
struct unknown_msg {
  static constexpr const char* name = "BMPUnknownMessage";
  std::uint32_t len = 0;
  std::uint8_t type = 0;
  bytes data;
  bool operator==(const unknown_msg&) const = default;
};

using message = std::variant<route_monitoring, statistics_report, peer_down, peer_up, initiation, termination,
                             route_mirroring, unknown_msg>;

const char* class_name(const message& m);
std::uint8_t type_of(const message& m);
const peer_header* peer_of(const message& m);  // nullptr for initiation, termination, unknown

struct options {
  // false (default, os-ken): A flag clear -> the AS width is guessed as os-ken does (2 bytes if
  // the AS_PATH parses so, else 4). true (RFC 7854): A flag clear -> 4-byte AS. A flag set ->
  // 2-byte AS either way. Loc-RIB peers (type 3) have no A flag: guess / 4-byte.
  bool rfc_as_width = false;
  // Families whose NLRI carry ADD-PATH identifiers (BMP does not signal them).
  std::vector<bgp::family> add_path;
  // Decode UPDATEs in RFC 7606 mode (a malformed attribute is kept raw), as frames do.
  bool revised_error_handling = true;
};

// What each monitored peer's session negotiated, learnt from the BMP stream itself: a peer up
// notification holding both OPENs records the context of that peer's PDUs (RFC 7854 §4.10),
// a peer down forgets it, a termination forgets all. A peer is (peer type, distinguisher,
// address). Pre-/post-policy Adj-RIB-In PDUs are what the peer sent (bgp::negotiate(sent,
// received): its ADD-PATH send, our receive); Adj-RIB-Out PDUs (O flag, RFC 8671) are what
// the monitored router sends (the reverse).
class peer_contexts {
 public:
  // Learns from one decoded message (peer up / peer down / termination; others are ignored).
  void learn(const message& m);
  // The negotiated context for PDUs under this per-peer header, if its peer up was seen.
  const bgp::context* find(const peer_header& h) const;
  std::size_t size() const { return peers_.size(); }
  void clear() { peers_.clear(); }

 private:
  struct entry {
    std::uint8_t peer_type;
    std::uint64_t distinguisher;
    ip_addr address;
    bgp::context in, out;  // Adj-RIB-In PDUs, Adj-RIB-Out PDUs
  };
  std::vector<entry> peers_;  // few peers per station: a linear search is the fastest here
  entry* lookup(const peer_header& h);
};

// The context for the BGP PDUs of a peer's messages (extended messages allowed). AS width:
// the A flag set -> 2 bytes; clear -> with options::rfc_as_width 4 bytes, else the width the
// peer's session negotiated when `known` has its peer up, else os-ken's guess. ADD-PATH: the
// families the session negotiated (when known) and those of options::add_path.
bgp::context bgp_context(const peer_header& h, const options& o = {}, const peer_contexts* known = nullptr);

// Decodes one whole BMP message (common header included; its size must equal the length
// field). Errors name protocol "bmp", the field and the absolute byte offset (base is the
// offset of one_message[0]); an error inside a BGP PDU names the BMP field holding it.
result<message> decode(bytes_view one_message, const options& o = {}, std::size_t base = 0);
// The same, PDUs decoded with what `known` learnt of their peer's session (see bgp_context).
result<message> decode(bytes_view one_message, const options& o, std::size_t base, const peer_contexts* known);
// Appends the wire bytes (all lengths and counts recomputed).
status encode(const message& m, bytes& out, const options& o = {});
result<bytes> encode(const message& m, const options& o = {});

nlohmann::json to_json(const message& m);
result<message> from_json(const nlohmann::json& wrapped);

// Cuts a TCP byte stream into BMP messages by the common header's length. The buffer is
// bounded (feed() refuses more than max_buffered bytes pending). A framing error (version not
// 3, length below 6 or above max_message) is sticky: every later call returns it. next()
// decodes each peer's PDUs with what its peer up notification negotiated (peers()).
class stream_parser {
 public:
  explicit stream_parser(const options& o = {}, std::size_t max_message = 1 << 20,
                         std::size_t max_buffered = 4 << 20);
  status feed(bytes_view data);
  // The next complete message's bytes (valid until the next feed/next call), or nullopt.
  result<std::optional<bytes_view>> next_bytes();
  // The same, decoded (decode errors are not sticky: the stream stays framed).
  result<std::optional<message>> next();
  std::size_t buffered() const { return buf_.size() - pos_; }
  std::size_t consumed() const { return consumed_ + pos_; }  // stream offset of the next message
  bool failed() const { return framing_.has_value(); }
  const peer_contexts& peers() const { return peers_; }

 private:
  options opt_;
  peer_contexts peers_;
  std::size_t max_message_, max_buffered_;
  bytes buf_;
  std::size_t pos_ = 0;
  std::size_t consumed_ = 0;
  std::optional<error> framing_;
};

}  // namespace wirekit::bmp
