// SCTP (RFC 9260) with every chunk, parameter and error cause of os-ken's sctp module.
//
// JSON as os-ken's `sctp`: {src_port, dst_port, vtag, csum, chunks}, each chunk, parameter and
// cause wrapped in its os-ken class name (chunk_data, param_ipv4, cause_missing_param, ...).
// Each type below is a described struct (name + wire), so decode/encode/JSON derive from the
// description; the variable parts (parameter/cause lists, SACK blocks, ...) are small hooks in
// src/packet/sctp.cpp. The chunk type / parameter type / cause code is the `code` constant of the
// struct and is written by the TLV codec in front of the described fields.
//
// Wire behaviour follows the RFC where os-ken does not (json-conventions.md §10):
//  - csum 0 on encode: CRC32c (RFC 9260 App. B) over the SCTP packet (common header with a zero
//    checksum + chunks), stored as standard SCTP stores it (the CRC's bytes little-endian). The
//    JSON `csum` is the field read as a big-endian integer, as os-ken shows it; non-zero values
//    are written as given. os-ken's CRC over Python's repr() text is not reproduced.
//  - Every chunk (DATA included), parameter and cause is zero-padded to 4 bytes on encode, and
//    decode advances by the padded length (padding missing at the very end is tolerated).
//  - `length` 0 on encode is computed as RFC 9260 §3.2 defines it: without the TLV's own padding
//    and without the padding of its last parameter/cause (os-ken counts the latter, which tshark
//    flags; the bytes are the same, only the length differs, and both forms decode).
//    cause_missing_param `num` 0 is the number of types; SACK gapack_num/duptsn_num are written
//    as given.
//  - Unknown chunk types, parameter types and cause codes: os-ken ends the list there (an unknown
//    chunk makes the rest of the packet a payload). wirekit keeps them as chunk_unknown /
//    param_unknown / cause_unknown holding the raw bytes, so they round-trip; these classes do
//    not exist in os-ken and never appear in os-ken-generated JSON.
//  - Any known parameter type is decoded wherever parameters occur (os-ken recognises each type
//    only in the chunks/causes RFC 9260 lists it for, and stops at the others).
//  - Bytes inside a TLV's declared length beyond its fixed fields (e.g. a SHUTDOWN chunk with
//    length 12) are ignored, as os-ken ignores them.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace sctp_chunk_type {
inline constexpr std::uint8_t data = 0, init = 1, init_ack = 2, sack = 3, heartbeat = 4, heartbeat_ack = 5,
                              abort = 6, shutdown = 7, shutdown_ack = 8, error = 9, cookie_echo = 10,
                              cookie_ack = 11, ecn_echo = 12, cwr = 13, shutdown_complete = 14;
}
namespace sctp_param_type {
inline constexpr std::uint16_t heartbeat = 1, ipv4 = 5, ipv6 = 6, state_cookie = 7, unrecognized_param = 8,
                               cookie_preserve = 9, host_addr = 11, supported_addr = 12, ecn = 0x8000;
}
namespace sctp_cause_code {
inline constexpr std::uint16_t invalid_stream_id = 1, missing_param = 2, stale_cookie = 3, out_of_resource = 4,
                               unresolvable_addr = 5, unrecognized_chunk = 6, invalid_param = 7,
                               unrecognized_param = 8, no_userdata = 9, cookie_while_shutdown = 10,
                               restart_with_new_addr = 11, user_initiated_abort = 12, protocol_violation = 13;
}

namespace sctp_detail {
// Hooks for the irregular fields. M is the member the hook fills.
// opt_rest: std::optional<bytes>, the rest of the TLV; null when there is none (os-ken's None).
template <auto M>
struct opt_rest {
  template <class T>
  static status decode(reader& r, T& obj, const char*) {
    auto& m = obj.*M;
    if (r.empty()) {
      m.reset();
      return {};
    }
    auto s = r.take(r.remaining());
    if (!m) m.emplace();
    m->assign(s.begin(), s.end());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& obj, std::size_t) {
    if (const auto& m = obj.*M) w.put(*m);
    return {};
  }
};
// Defined in src/packet/sctp.cpp:
template <auto M>
struct tlv_list;  // std::vector<variant>: parameters/causes/chunks up to the end of the TLV
template <auto M>
struct tlv_one;  // std::optional<variant>: one parameter, null when there are no bytes
template <auto M>
struct u16_rest;  // std::vector<uint16_t>: the rest of the TLV as 16-bit values
template <auto M, auto CountM>
struct counted;  // std::vector<X> of obj.*CountM elements (X: uint16_t, uint32_t, sctp_gap_ack)
struct missing_param_types;  // cause_missing_param types; computes `num` when 0

#define WIREKIT_SCTP_HOOK_DECL                                     \
  template <class T>                                               \
  static status decode(reader& r, T& obj, const char* proto);      \
  template <class T>                                               \
  static status encode(writer& w, const T& obj, std::size_t start);
template <auto M>
struct tlv_list {
  WIREKIT_SCTP_HOOK_DECL
};
template <auto M>
struct tlv_one {
  WIREKIT_SCTP_HOOK_DECL
};
template <auto M>
struct u16_rest {
  WIREKIT_SCTP_HOOK_DECL
};
template <auto M, auto CountM>
struct counted {
  WIREKIT_SCTP_HOOK_DECL
};
struct missing_param_types {
  WIREKIT_SCTP_HOOK_DECL
};
#undef WIREKIT_SCTP_HOOK_DECL
}  // namespace sctp_detail

// ---- parameters ---------------------------------------------------------------------------
// Parameters whose value is opaque bytes (base64, null when empty). D makes each a distinct type.
template <class D, std::uint16_t Code>
struct sctp_opaque_param {
  static constexpr std::uint16_t code = Code;
  std::uint16_t length = 0;
  std::optional<bytes> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_opaque_param::length>("length", wire::be16),
      wire::field<&sctp_opaque_param::value>("value", wire::hook<sctp_detail::opt_rest<&sctp_opaque_param::value>>));
  bool operator==(const sctp_opaque_param&) const = default;
};
struct sctp_param_heartbeat : sctp_opaque_param<sctp_param_heartbeat, sctp_param_type::heartbeat> {
  static constexpr const char* name = "param_heartbeat";
  bool operator==(const sctp_param_heartbeat&) const = default;
};
struct sctp_param_state_cookie : sctp_opaque_param<sctp_param_state_cookie, sctp_param_type::state_cookie> {
  static constexpr const char* name = "param_state_cookie";
  bool operator==(const sctp_param_state_cookie&) const = default;
};
struct sctp_param_unrecognized_param
    : sctp_opaque_param<sctp_param_unrecognized_param, sctp_param_type::unrecognized_param> {
  static constexpr const char* name = "param_unrecognized_param";
  bool operator==(const sctp_param_unrecognized_param&) const = default;
};
struct sctp_param_ecn : sctp_opaque_param<sctp_param_ecn, sctp_param_type::ecn> {  // value: null
  static constexpr const char* name = "param_ecn";
  bool operator==(const sctp_param_ecn&) const = default;
};
struct sctp_param_host_addr : sctp_opaque_param<sctp_param_host_addr, sctp_param_type::host_addr> {
  static constexpr const char* name = "param_host_addr";
  bool operator==(const sctp_param_host_addr&) const = default;
};

struct sctp_param_ipv4 {
  static constexpr const char* name = "param_ipv4";
  static constexpr std::uint16_t code = sctp_param_type::ipv4;
  std::uint16_t length = 0;
  ipv4_addr value{{127, 0, 0, 1}};
  static constexpr auto wire = wire::fields(wire::field<&sctp_param_ipv4::length>("length", wire::be16),
                                            wire::field<&sctp_param_ipv4::value>("value", wire::addr));
  bool operator==(const sctp_param_ipv4&) const = default;
};
struct sctp_param_ipv6 {
  static constexpr const char* name = "param_ipv6";
  static constexpr std::uint16_t code = sctp_param_type::ipv6;
  std::uint16_t length = 0;
  ipv6_addr value{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
  static constexpr auto wire = wire::fields(wire::field<&sctp_param_ipv6::length>("length", wire::be16),
                                            wire::field<&sctp_param_ipv6::value>("value", wire::addr));
  bool operator==(const sctp_param_ipv6&) const = default;
};
struct sctp_param_cookie_preserve {  // value: suggested cookie life-span increment (ms)
  static constexpr const char* name = "param_cookie_preserve";
  static constexpr std::uint16_t code = sctp_param_type::cookie_preserve;
  std::uint16_t length = 0;
  std::uint32_t value = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&sctp_param_cookie_preserve::length>("length", wire::be16),
                   wire::field<&sctp_param_cookie_preserve::value>("value", wire::be32));
  bool operator==(const sctp_param_cookie_preserve&) const = default;
};
struct sctp_param_supported_addr {  // value: the address types
  static constexpr const char* name = "param_supported_addr";
  static constexpr std::uint16_t code = sctp_param_type::supported_addr;
  std::uint16_t length = 0;
  std::vector<std::uint16_t> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_param_supported_addr::length>("length", wire::be16),
      wire::field<&sctp_param_supported_addr::value>(
          "value", wire::hook<sctp_detail::u16_rest<&sctp_param_supported_addr::value>>));
  bool operator==(const sctp_param_supported_addr&) const = default;
};
// wirekit only: a parameter type os-ken does not know, kept raw.
struct sctp_param_unknown {
  static constexpr const char* name = "param_unknown";
  std::uint16_t type = 0, length = 0;
  std::optional<bytes> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_param_unknown::type>("type", wire::be16),
      wire::field<&sctp_param_unknown::length>("length", wire::be16),
      wire::field<&sctp_param_unknown::value>("value", wire::hook<sctp_detail::opt_rest<&sctp_param_unknown::value>>));
  bool operator==(const sctp_param_unknown&) const = default;
};

// The unknown alternative is always last.
using sctp_param = std::variant<sctp_param_heartbeat, sctp_param_ipv4, sctp_param_ipv6, sctp_param_state_cookie,
                                sctp_param_unrecognized_param, sctp_param_cookie_preserve, sctp_param_host_addr,
                                sctp_param_supported_addr, sctp_param_ecn, sctp_param_unknown>;

// ---- error causes -------------------------------------------------------------------------
template <class D, std::uint16_t Code>
struct sctp_opaque_cause {
  static constexpr std::uint16_t code = Code;
  std::uint16_t length = 0;
  std::optional<bytes> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_opaque_cause::length>("length", wire::be16),
      wire::field<&sctp_opaque_cause::value>("value", wire::hook<sctp_detail::opt_rest<&sctp_opaque_cause::value>>));
  bool operator==(const sctp_opaque_cause&) const = default;
};
// Causes with no body (os-ken shows only `length`).
template <class D, std::uint16_t Code>
struct sctp_bare_cause {
  static constexpr std::uint16_t code = Code;
  std::uint16_t length = 0;
  static constexpr auto wire = wire::fields(wire::field<&sctp_bare_cause::length>("length", wire::be16));
  bool operator==(const sctp_bare_cause&) const = default;
};

struct sctp_cause_invalid_stream_id {  // value: the stream identifier
  static constexpr const char* name = "cause_invalid_stream_id";
  static constexpr std::uint16_t code = sctp_cause_code::invalid_stream_id;
  std::uint16_t length = 0;
  std::uint16_t value = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&sctp_cause_invalid_stream_id::length>("length", wire::be16),
                   wire::field<&sctp_cause_invalid_stream_id::value>("value", wire::be16), wire::pad<2>);
  bool operator==(const sctp_cause_invalid_stream_id&) const = default;
};
struct sctp_cause_missing_param {
  static constexpr const char* name = "cause_missing_param";
  static constexpr std::uint16_t code = sctp_cause_code::missing_param;
  std::vector<std::uint16_t> types;
  std::uint32_t num = 0;
  std::uint16_t length = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&sctp_cause_missing_param::length>("length", wire::be16),
                   wire::field<&sctp_cause_missing_param::num>("num", wire::be32),
                   wire::field<&sctp_cause_missing_param::types>("types", wire::hook<sctp_detail::missing_param_types>));
  bool operator==(const sctp_cause_missing_param&) const = default;
};
struct sctp_cause_stale_cookie : sctp_opaque_cause<sctp_cause_stale_cookie, sctp_cause_code::stale_cookie> {
  static constexpr const char* name = "cause_stale_cookie";
  bool operator==(const sctp_cause_stale_cookie&) const = default;
};
struct sctp_cause_out_of_resource : sctp_bare_cause<sctp_cause_out_of_resource, sctp_cause_code::out_of_resource> {
  static constexpr const char* name = "cause_out_of_resource";
  bool operator==(const sctp_cause_out_of_resource&) const = default;
};
struct sctp_cause_unresolvable_addr {  // value: one address parameter
  static constexpr const char* name = "cause_unresolvable_addr";
  static constexpr std::uint16_t code = sctp_cause_code::unresolvable_addr;
  std::uint16_t length = 0;
  std::optional<sctp_param> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_cause_unresolvable_addr::length>("length", wire::be16),
      wire::field<&sctp_cause_unresolvable_addr::value>(
          "value", wire::hook<sctp_detail::tlv_one<&sctp_cause_unresolvable_addr::value>>));
  bool operator==(const sctp_cause_unresolvable_addr&) const = default;
};
struct sctp_cause_unrecognized_chunk
    : sctp_opaque_cause<sctp_cause_unrecognized_chunk, sctp_cause_code::unrecognized_chunk> {
  static constexpr const char* name = "cause_unrecognized_chunk";
  bool operator==(const sctp_cause_unrecognized_chunk&) const = default;
};
struct sctp_cause_invalid_param : sctp_bare_cause<sctp_cause_invalid_param, sctp_cause_code::invalid_param> {
  static constexpr const char* name = "cause_invalid_param";
  bool operator==(const sctp_cause_invalid_param&) const = default;
};
struct sctp_cause_unrecognized_param
    : sctp_opaque_cause<sctp_cause_unrecognized_param, sctp_cause_code::unrecognized_param> {
  static constexpr const char* name = "cause_unrecognized_param";
  bool operator==(const sctp_cause_unrecognized_param&) const = default;
};
struct sctp_cause_no_userdata : sctp_opaque_cause<sctp_cause_no_userdata, sctp_cause_code::no_userdata> {
  static constexpr const char* name = "cause_no_userdata";
  bool operator==(const sctp_cause_no_userdata&) const = default;
};
struct sctp_cause_cookie_while_shutdown
    : sctp_bare_cause<sctp_cause_cookie_while_shutdown, sctp_cause_code::cookie_while_shutdown> {
  static constexpr const char* name = "cause_cookie_while_shutdown";
  bool operator==(const sctp_cause_cookie_while_shutdown&) const = default;
};
struct sctp_cause_restart_with_new_addr {  // value: the new address parameters
  static constexpr const char* name = "cause_restart_with_new_addr";
  static constexpr std::uint16_t code = sctp_cause_code::restart_with_new_addr;
  std::uint16_t length = 0;
  std::vector<sctp_param> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_cause_restart_with_new_addr::length>("length", wire::be16),
      wire::field<&sctp_cause_restart_with_new_addr::value>(
          "value", wire::hook<sctp_detail::tlv_list<&sctp_cause_restart_with_new_addr::value>>));
  bool operator==(const sctp_cause_restart_with_new_addr&) const = default;
};
struct sctp_cause_user_initiated_abort
    : sctp_opaque_cause<sctp_cause_user_initiated_abort, sctp_cause_code::user_initiated_abort> {
  static constexpr const char* name = "cause_user_initiated_abort";
  bool operator==(const sctp_cause_user_initiated_abort&) const = default;
};
struct sctp_cause_protocol_violation
    : sctp_opaque_cause<sctp_cause_protocol_violation, sctp_cause_code::protocol_violation> {
  static constexpr const char* name = "cause_protocol_violation";
  bool operator==(const sctp_cause_protocol_violation&) const = default;
};
// wirekit only: a cause code os-ken does not know, kept raw.
struct sctp_cause_unknown {
  static constexpr const char* name = "cause_unknown";
  std::uint16_t cause_code = 0, length = 0;
  std::optional<bytes> value;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_cause_unknown::cause_code>("code", wire::be16),
      wire::field<&sctp_cause_unknown::length>("length", wire::be16),
      wire::field<&sctp_cause_unknown::value>("value", wire::hook<sctp_detail::opt_rest<&sctp_cause_unknown::value>>));
  bool operator==(const sctp_cause_unknown&) const = default;
};

using sctp_cause =
    std::variant<sctp_cause_invalid_stream_id, sctp_cause_missing_param, sctp_cause_stale_cookie,
                 sctp_cause_out_of_resource, sctp_cause_unresolvable_addr, sctp_cause_unrecognized_chunk,
                 sctp_cause_invalid_param, sctp_cause_unrecognized_param, sctp_cause_no_userdata,
                 sctp_cause_cookie_while_shutdown, sctp_cause_restart_with_new_addr,
                 sctp_cause_user_initiated_abort, sctp_cause_protocol_violation, sctp_cause_unknown>;

// ---- chunks -------------------------------------------------------------------------------
struct sctp_chunk_data {
  static constexpr const char* name = "chunk_data";
  static constexpr std::uint8_t code = sctp_chunk_type::data;
  std::uint8_t unordered = 0, begin = 0, end = 0;  // the U, B, E flag bits (os-ken drops the others)
  std::uint16_t length = 0;
  std::uint32_t tsn = 0;
  std::uint16_t sid = 0, seq = 0;
  std::uint32_t payload_id = 0;
  bytes payload_data;
  static constexpr auto wire = wire::fields(
      wire::bits(wire::u8, wire::bit<&sctp_chunk_data::unordered>("unordered", 2, 1),
                 wire::bit<&sctp_chunk_data::begin>("begin", 1, 1), wire::bit<&sctp_chunk_data::end>("end", 0, 1)),
      wire::field<&sctp_chunk_data::length>("length", wire::be16), wire::field<&sctp_chunk_data::tsn>("tsn", wire::be32),
      wire::field<&sctp_chunk_data::sid>("sid", wire::be16), wire::field<&sctp_chunk_data::seq>("seq", wire::be16),
      wire::field<&sctp_chunk_data::payload_id>("payload_id", wire::be32),
      wire::field<&sctp_chunk_data::payload_data>("payload_data", wire::rest));
  bool operator==(const sctp_chunk_data&) const = default;
};

// INIT and INIT ACK.
template <class D, std::uint8_t Code>
struct sctp_init_chunk {
  static constexpr std::uint8_t code = Code;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::uint32_t init_tag = 0, a_rwnd = 0;
  std::uint16_t os = 0, mis = 0;
  std::uint32_t i_tsn = 0;
  std::vector<sctp_param> params;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_init_chunk::flags>("flags", wire::u8), wire::field<&sctp_init_chunk::length>("length", wire::be16),
      wire::field<&sctp_init_chunk::init_tag>("init_tag", wire::be32),
      wire::field<&sctp_init_chunk::a_rwnd>("a_rwnd", wire::be32), wire::field<&sctp_init_chunk::os>("os", wire::be16),
      wire::field<&sctp_init_chunk::mis>("mis", wire::be16), wire::field<&sctp_init_chunk::i_tsn>("i_tsn", wire::be32),
      wire::field<&sctp_init_chunk::params>("params", wire::hook<sctp_detail::tlv_list<&sctp_init_chunk::params>>));
  bool operator==(const sctp_init_chunk&) const = default;
};
struct sctp_chunk_init : sctp_init_chunk<sctp_chunk_init, sctp_chunk_type::init> {
  static constexpr const char* name = "chunk_init";
  bool operator==(const sctp_chunk_init&) const = default;
};
struct sctp_chunk_init_ack : sctp_init_chunk<sctp_chunk_init_ack, sctp_chunk_type::init_ack> {
  static constexpr const char* name = "chunk_init_ack";
  bool operator==(const sctp_chunk_init_ack&) const = default;
};

struct sctp_gap_ack {  // JSON: [start, end]
  std::uint16_t start = 0, end = 0;
  bool operator==(const sctp_gap_ack&) const = default;
};
struct sctp_chunk_sack {
  static constexpr const char* name = "chunk_sack";
  static constexpr std::uint8_t code = sctp_chunk_type::sack;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::uint32_t tsn_ack = 0, a_rwnd = 0;
  std::uint16_t gapack_num = 0, duptsn_num = 0;  // as given: not computed from the lists
  std::vector<sctp_gap_ack> gapacks;
  std::vector<std::uint32_t> duptsns;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_chunk_sack::flags>("flags", wire::u8), wire::field<&sctp_chunk_sack::length>("length", wire::be16),
      wire::field<&sctp_chunk_sack::tsn_ack>("tsn_ack", wire::be32),
      wire::field<&sctp_chunk_sack::a_rwnd>("a_rwnd", wire::be32),
      wire::field<&sctp_chunk_sack::gapack_num>("gapack_num", wire::be16),
      wire::field<&sctp_chunk_sack::duptsn_num>("duptsn_num", wire::be16),
      wire::field<&sctp_chunk_sack::gapacks>(
          "gapacks", wire::hook<sctp_detail::counted<&sctp_chunk_sack::gapacks, &sctp_chunk_sack::gapack_num>>),
      wire::field<&sctp_chunk_sack::duptsns>(
          "duptsns", wire::hook<sctp_detail::counted<&sctp_chunk_sack::duptsns, &sctp_chunk_sack::duptsn_num>>));
  bool operator==(const sctp_chunk_sack&) const = default;
};

// HEARTBEAT and HEARTBEAT ACK: `info` is one parameter (param_heartbeat), null if absent.
template <class D, std::uint8_t Code>
struct sctp_heartbeat_chunk {
  static constexpr std::uint8_t code = Code;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::optional<sctp_param> info;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_heartbeat_chunk::flags>("flags", wire::u8),
      wire::field<&sctp_heartbeat_chunk::length>("length", wire::be16),
      wire::field<&sctp_heartbeat_chunk::info>("info", wire::hook<sctp_detail::tlv_one<&sctp_heartbeat_chunk::info>>));
  bool operator==(const sctp_heartbeat_chunk&) const = default;
};
struct sctp_chunk_heartbeat : sctp_heartbeat_chunk<sctp_chunk_heartbeat, sctp_chunk_type::heartbeat> {
  static constexpr const char* name = "chunk_heartbeat";
  bool operator==(const sctp_chunk_heartbeat&) const = default;
};
struct sctp_chunk_heartbeat_ack : sctp_heartbeat_chunk<sctp_chunk_heartbeat_ack, sctp_chunk_type::heartbeat_ack> {
  static constexpr const char* name = "chunk_heartbeat_ack";
  bool operator==(const sctp_chunk_heartbeat_ack&) const = default;
};

struct sctp_chunk_abort {
  static constexpr const char* name = "chunk_abort";
  static constexpr std::uint8_t code = sctp_chunk_type::abort;
  std::uint8_t tflag = 0;  // the T bit (os-ken drops the other flag bits)
  std::uint16_t length = 0;
  std::vector<sctp_cause> causes;
  static constexpr auto wire = wire::fields(
      wire::bits(wire::u8, wire::bit<&sctp_chunk_abort::tflag>("tflag", 0, 1)),
      wire::field<&sctp_chunk_abort::length>("length", wire::be16),
      wire::field<&sctp_chunk_abort::causes>("causes", wire::hook<sctp_detail::tlv_list<&sctp_chunk_abort::causes>>));
  bool operator==(const sctp_chunk_abort&) const = default;
};

struct sctp_chunk_shutdown {
  static constexpr const char* name = "chunk_shutdown";
  static constexpr std::uint8_t code = sctp_chunk_type::shutdown;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::uint32_t tsn_ack = 0;
  static constexpr auto wire = wire::fields(wire::field<&sctp_chunk_shutdown::flags>("flags", wire::u8),
                                            wire::field<&sctp_chunk_shutdown::length>("length", wire::be16),
                                            wire::field<&sctp_chunk_shutdown::tsn_ack>("tsn_ack", wire::be32));
  bool operator==(const sctp_chunk_shutdown&) const = default;
};

// Chunks with only flags and length: SHUTDOWN ACK, COOKIE ACK.
template <class D, std::uint8_t Code>
struct sctp_ack_chunk {
  static constexpr std::uint8_t code = Code;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  static constexpr auto wire = wire::fields(wire::field<&sctp_ack_chunk::flags>("flags", wire::u8),
                                            wire::field<&sctp_ack_chunk::length>("length", wire::be16));
  bool operator==(const sctp_ack_chunk&) const = default;
};
struct sctp_chunk_shutdown_ack : sctp_ack_chunk<sctp_chunk_shutdown_ack, sctp_chunk_type::shutdown_ack> {
  static constexpr const char* name = "chunk_shutdown_ack";
  bool operator==(const sctp_chunk_shutdown_ack&) const = default;
};
struct sctp_chunk_cookie_ack : sctp_ack_chunk<sctp_chunk_cookie_ack, sctp_chunk_type::cookie_ack> {
  static constexpr const char* name = "chunk_cookie_ack";
  bool operator==(const sctp_chunk_cookie_ack&) const = default;
};

struct sctp_chunk_error {
  static constexpr const char* name = "chunk_error";
  static constexpr std::uint8_t code = sctp_chunk_type::error;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::vector<sctp_cause> causes;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_chunk_error::flags>("flags", wire::u8), wire::field<&sctp_chunk_error::length>("length", wire::be16),
      wire::field<&sctp_chunk_error::causes>("causes", wire::hook<sctp_detail::tlv_list<&sctp_chunk_error::causes>>));
  bool operator==(const sctp_chunk_error&) const = default;
};

struct sctp_chunk_cookie_echo {
  static constexpr const char* name = "chunk_cookie_echo";
  static constexpr std::uint8_t code = sctp_chunk_type::cookie_echo;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::optional<bytes> cookie;  // null when the chunk has no cookie bytes
  static constexpr auto wire = wire::fields(
      wire::field<&sctp_chunk_cookie_echo::flags>("flags", wire::u8),
      wire::field<&sctp_chunk_cookie_echo::length>("length", wire::be16),
      wire::field<&sctp_chunk_cookie_echo::cookie>("cookie", wire::hook<sctp_detail::opt_rest<&sctp_chunk_cookie_echo::cookie>>));
  bool operator==(const sctp_chunk_cookie_echo&) const = default;
};

// ECN Echo and CWR (RFC 9260 App. A).
template <class D, std::uint8_t Code>
struct sctp_ecn_chunk {
  static constexpr std::uint8_t code = Code;
  std::uint8_t flags = 0;
  std::uint16_t length = 0;
  std::uint32_t low_tsn = 0;
  static constexpr auto wire = wire::fields(wire::field<&sctp_ecn_chunk::flags>("flags", wire::u8),
                                            wire::field<&sctp_ecn_chunk::length>("length", wire::be16),
                                            wire::field<&sctp_ecn_chunk::low_tsn>("low_tsn", wire::be32));
  bool operator==(const sctp_ecn_chunk&) const = default;
};
struct sctp_chunk_ecn_echo : sctp_ecn_chunk<sctp_chunk_ecn_echo, sctp_chunk_type::ecn_echo> {
  static constexpr const char* name = "chunk_ecn_echo";
  bool operator==(const sctp_chunk_ecn_echo&) const = default;
};
struct sctp_chunk_cwr : sctp_ecn_chunk<sctp_chunk_cwr, sctp_chunk_type::cwr> {
  static constexpr const char* name = "chunk_cwr";
  bool operator==(const sctp_chunk_cwr&) const = default;
};

struct sctp_chunk_shutdown_complete {
  static constexpr const char* name = "chunk_shutdown_complete";
  static constexpr std::uint8_t code = sctp_chunk_type::shutdown_complete;
  std::uint8_t tflag = 0;
  std::uint16_t length = 0;
  static constexpr auto wire =
      wire::fields(wire::bits(wire::u8, wire::bit<&sctp_chunk_shutdown_complete::tflag>("tflag", 0, 1)),
                   wire::field<&sctp_chunk_shutdown_complete::length>("length", wire::be16));
  bool operator==(const sctp_chunk_shutdown_complete&) const = default;
};

// wirekit only: a chunk type os-ken does not know (os-ken stops there and leaves the rest of the
// packet as payload); kept raw so that it round-trips.
struct sctp_chunk_unknown {
  static constexpr const char* name = "chunk_unknown";
  std::uint8_t type = 0, flags = 0;
  std::uint16_t length = 0;
  bytes data;  // the chunk value, without padding
  static constexpr auto wire = wire::fields(wire::field<&sctp_chunk_unknown::type>("type", wire::u8),
                                            wire::field<&sctp_chunk_unknown::flags>("flags", wire::u8),
                                            wire::field<&sctp_chunk_unknown::length>("length", wire::be16),
                                            wire::field<&sctp_chunk_unknown::data>("data", wire::rest));
  bool operator==(const sctp_chunk_unknown&) const = default;
};

using sctp_chunk =
    std::variant<sctp_chunk_data, sctp_chunk_init, sctp_chunk_init_ack, sctp_chunk_sack, sctp_chunk_heartbeat,
                 sctp_chunk_heartbeat_ack, sctp_chunk_abort, sctp_chunk_shutdown, sctp_chunk_shutdown_ack,
                 sctp_chunk_error, sctp_chunk_cookie_echo, sctp_chunk_cookie_ack, sctp_chunk_ecn_echo, sctp_chunk_cwr,
                 sctp_chunk_shutdown_complete, sctp_chunk_unknown>;

// ---- the common header --------------------------------------------------------------------
struct sctp {
  static constexpr const char* name = "sctp";
  std::uint16_t src_port = 1, dst_port = 1;
  std::uint32_t vtag = 0;
  std::uint32_t csum = 0;  // the checksum field read big-endian (os-ken's value); 0: compute on encode
  std::vector<sctp_chunk> chunks;
  static constexpr auto wire = wire::fields(
      wire::field<&sctp::src_port>("src_port", wire::be16), wire::field<&sctp::dst_port>("dst_port", wire::be16),
      wire::field<&sctp::vtag>("vtag", wire::be32), wire::field<&sctp::csum>("csum", wire::be32),
      wire::field<&sctp::chunks>("chunks", wire::hook<sctp_detail::tlv_list<&sctp::chunks>>));
  bool operator==(const sctp&) const = default;
};

}  // namespace wirekit
