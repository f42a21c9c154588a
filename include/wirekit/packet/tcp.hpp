// TCP (RFC 9293) with its options (os-ken's TCPOption classes).
//
// JSON as os-ken's `tcp`: `option` is null when the header has no options, else the list of
// options in wire order (padding zeros show up as TCPOptionEndOfOptionList), or — when the
// option bytes are malformed — their raw bytes as one base64 string (os-ken's own fallback).
// Unlike os-ken, `bits` keeps all nine flag bits (NS, CWR, ECE as well: RFC 3168/3540).
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace tcp_flag {
inline constexpr std::uint16_t fin = 0x001, syn = 0x002, rst = 0x004, psh = 0x008, ack = 0x010, urg = 0x020,
                               ece = 0x040, cwr = 0x080, ns = 0x100;
}

namespace tcp_option_kind {
inline constexpr std::uint8_t eol = 0, nop = 1, mss = 2, window_scale = 3, sack_permitted = 4, sack = 5,
                              timestamps = 8, user_timeout = 28, authentication = 29;
}

// Single-byte options: no length byte on the wire; `length` (1) is shown in JSON only.
struct tcp_option_eol {
  static constexpr const char* name = "TCPOptionEndOfOptionList";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::eol, cls_length = 1;
  std::uint8_t kind = cls_kind, length = cls_length;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_eol::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_eol::length>("length", wire::json_only));
  bool operator==(const tcp_option_eol&) const = default;
};
struct tcp_option_nop {
  static constexpr const char* name = "TCPOptionNoOperation";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::nop, cls_length = 1;
  std::uint8_t kind = cls_kind, length = cls_length;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_nop::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_nop::length>("length", wire::json_only));
  bool operator==(const tcp_option_nop&) const = default;
};

// Fixed-size options: kind, length as given, then the body.
struct tcp_option_mss {
  static constexpr const char* name = "TCPOptionMaximumSegmentSize";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::mss, cls_length = 4;
  std::uint8_t kind = cls_kind, length = cls_length;
  std::uint16_t max_seg_size = 0;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_mss::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_mss::length>("length", wire::u8),
                                            wire::field<&tcp_option_mss::max_seg_size>("max_seg_size", wire::be16));
  bool operator==(const tcp_option_mss&) const = default;
};
struct tcp_option_window_scale {
  static constexpr const char* name = "TCPOptionWindowScale";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::window_scale, cls_length = 3;
  std::uint8_t kind = cls_kind, length = cls_length;
  std::uint8_t shift_cnt = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&tcp_option_window_scale::kind>("kind", wire::u8),
                   wire::field<&tcp_option_window_scale::length>("length", wire::u8),
                   wire::field<&tcp_option_window_scale::shift_cnt>("shift_cnt", wire::u8));
  bool operator==(const tcp_option_window_scale&) const = default;
};
struct tcp_option_sack_permitted {
  static constexpr const char* name = "TCPOptionSACKPermitted";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::sack_permitted, cls_length = 2;
  std::uint8_t kind = cls_kind, length = cls_length;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_sack_permitted::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_sack_permitted::length>("length", wire::u8));
  bool operator==(const tcp_option_sack_permitted&) const = default;
};
struct tcp_option_timestamps {
  static constexpr const char* name = "TCPOptionTimestamps";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::timestamps, cls_length = 10;
  std::uint8_t kind = cls_kind, length = cls_length;
  std::uint32_t ts_val = 0, ts_ecr = 0;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_timestamps::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_timestamps::length>("length", wire::u8),
                                            wire::field<&tcp_option_timestamps::ts_val>("ts_val", wire::be32),
                                            wire::field<&tcp_option_timestamps::ts_ecr>("ts_ecr", wire::be32));
  bool operator==(const tcp_option_timestamps&) const = default;
};
struct tcp_option_user_timeout {  // RFC 5482
  static constexpr const char* name = "TCPOptionUserTimeout";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::user_timeout, cls_length = 4;
  std::uint8_t kind = cls_kind, length = cls_length;
  std::uint8_t granularity = 0;
  std::uint16_t user_timeout = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&tcp_option_user_timeout::kind>("kind", wire::u8),
                   wire::field<&tcp_option_user_timeout::length>("length", wire::u8),
                   wire::bits(wire::be16, wire::bit<&tcp_option_user_timeout::granularity>("granularity", 15, 1),
                              wire::bit<&tcp_option_user_timeout::user_timeout>("user_timeout", 0, 15)));
  bool operator==(const tcp_option_user_timeout&) const = default;
};

// Variable-size options: `length` is recomputed from the content on encode.
struct tcp_sack_block {  // JSON: [left, right]
  std::uint32_t left = 0, right = 0;
  bool operator==(const tcp_sack_block&) const = default;
};
struct tcp_sack_blocks_codec;
struct tcp_option_sack {
  static constexpr const char* name = "TCPOptionSACK";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::sack, cls_length = 2;  // without blocks
  std::uint8_t kind = cls_kind, length = cls_length;
  std::vector<tcp_sack_block> blocks;
  static constexpr auto wire =
      wire::fields(wire::field<&tcp_option_sack::kind>("kind", wire::u8),
                   wire::field<&tcp_option_sack::length>("length", wire::u8),
                   wire::field<&tcp_option_sack::blocks>("blocks", wire::hook<tcp_sack_blocks_codec>));
  bool operator==(const tcp_option_sack&) const = default;
};
struct tcp_option_authentication {  // TCP-AO, RFC 5925
  static constexpr const char* name = "TCPOptionAuthentication";
  static constexpr std::uint8_t cls_kind = tcp_option_kind::authentication, cls_length = 4;  // without MAC
  std::uint8_t kind = cls_kind, length = cls_length;
  std::uint8_t key_id = 0, r_next_key_id = 0;
  bytes mac;
  static constexpr auto wire =
      wire::fields(wire::field<&tcp_option_authentication::kind>("kind", wire::u8),
                   wire::field<&tcp_option_authentication::length>("length", wire::u8),
                   wire::field<&tcp_option_authentication::key_id>("key_id", wire::u8),
                   wire::field<&tcp_option_authentication::r_next_key_id>("r_next_key_id", wire::u8),
                   wire::field<&tcp_option_authentication::mac>("mac", wire::rest));
  bool operator==(const tcp_option_authentication&) const = default;
};
struct tcp_option_unknown {
  static constexpr const char* name = "TCPOptionUnknown";
  static constexpr std::uint8_t cls_length = 2;  // without value
  std::uint8_t kind = 0, length = cls_length;
  bytes value;
  static constexpr auto wire = wire::fields(wire::field<&tcp_option_unknown::kind>("kind", wire::u8),
                                            wire::field<&tcp_option_unknown::length>("length", wire::u8),
                                            wire::field<&tcp_option_unknown::value>("value", wire::rest));
  bool operator==(const tcp_option_unknown&) const = default;
};

using tcp_option = std::variant<tcp_option_eol, tcp_option_nop, tcp_option_mss, tcp_option_window_scale,
                                tcp_option_sack_permitted, tcp_option_sack, tcp_option_timestamps,
                                tcp_option_user_timeout, tcp_option_authentication, tcp_option_unknown>;
using tcp_options = std::vector<tcp_option>;

struct tcp_options_codec;

struct tcp {
  static constexpr const char* name = "tcp";
  // The parsed options, or the raw option bytes when they do not parse.
  using option_data = std::variant<tcp_options, bytes>;

  std::uint16_t src_port = 1, dst_port = 1;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t offset = 0;  // data offset in 32-bit words; 0: computed on encode
  std::uint16_t bits = 0;   // the nine flag bits, NS (0x100) to FIN (0x001): see tcp_flag
  std::uint16_t window_size = 0, csum = 0, urgent = 0;  // csum 0: computed on encode
  std::optional<option_data> option;                    // null: no options

  static constexpr auto wire = wire::fields(
      wire::field<&tcp::src_port>("src_port", wire::be16), wire::field<&tcp::dst_port>("dst_port", wire::be16),
      wire::field<&tcp::seq>("seq", wire::be32), wire::field<&tcp::ack>("ack", wire::be32),
      // Data offset (4 bits), reserved (3 bits, written as 0), NS, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN.
      wire::bits(wire::be16, wire::bit<&tcp::offset>("offset", 12, 4), wire::bit<&tcp::bits>("bits", 0, 9)),
      wire::field<&tcp::window_size>("window_size", wire::be16), wire::field<&tcp::csum>("csum", wire::be16),
      wire::field<&tcp::urgent>("urgent", wire::be16),
      wire::field<&tcp::option>("option", wire::hook<tcp_options_codec>));
  bool operator==(const tcp&) const = default;

  bool has_flags(std::uint16_t flags) const { return (bits & flags) == flags; }
};

struct tcp_sack_blocks_codec {
  static status decode(reader& r, tcp_option_sack& o, const char* proto);
  static status encode(writer& w, const tcp_option_sack& o, std::size_t start);
};

// Decodes the options after the fixed header (as many bytes as `offset` says) and, on encode,
// writes them zero-padded to 4 bytes (and up to `offset` words), computing `offset` if 0.
struct tcp_options_codec {
  // A header without options (and no option list left from a reused object) is decided
  // inline; decode_options does the rest.
  static status decode(reader& r, tcp& h, const char* proto) {
    if (h.offset == 5 && !h.option) [[likely]]
      return {};
    return decode_options(r, h, proto);
  }
  static status decode_options(reader& r, tcp& h, const char* proto);
  static status encode(writer& w, const tcp& h, std::size_t start);
};

// Decodes a TCP option area (the bytes after the 20-byte header) as os-ken does: the option
// list, or the raw bytes if an option is truncated or has an impossible length.
tcp::option_data decode_tcp_options(bytes_view area);
// The same into `out`, reusing the capacity of the list it holds (no allocation in steady state).
void decode_tcp_options_into(bytes_view area, tcp::option_data& out);
// Appends the encoding of one option (lengths of SACK/Authentication/Unknown recomputed).
status encode_tcp_option(writer& w, const tcp_option& o);

}  // namespace wirekit
