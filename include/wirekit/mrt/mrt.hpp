// MRT records (RFC 6396, RFC 8050 add-path, extended timestamps): a codec both ways and os-ken's
// mrtlib JSON (docs/mrt.md). BGP messages and path attributes go through the BGP codec with the
// context the record type implies (2-/4-byte AS, add-path); RIB entries' MP_REACH_NLRI is the
// abbreviated RFC 6396 §4.3.4 form (next hop only). Unknown types and subtypes (the deprecated
// type 5 "BGP" included) are kept raw.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wirekit/bgp/attributes.hpp"
#include "wirekit/bgp/bgp.hpp"
#include "wirekit/bgp/nlri.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::mrt {

namespace type {
inline constexpr std::uint16_t bgp = 5, ospf2 = 11, table_dump = 12, table_dump_v2 = 13, bgp4mp = 16, bgp4mp_et = 17,
                               isis = 32, isis_et = 33, ospf3 = 48, ospf3_et = 49;
}
namespace td_subtype {  // TABLE_DUMP
inline constexpr std::uint16_t afi_ipv4 = 1, afi_ipv6 = 2, afi_ipv4_as4 = 3, afi_ipv6_as4 = 4;
}
namespace td2_subtype {  // TABLE_DUMP_V2
inline constexpr std::uint16_t peer_index_table = 1, rib_ipv4_unicast = 2, rib_ipv4_multicast = 3,
                               rib_ipv6_unicast = 4, rib_ipv6_multicast = 5, rib_generic = 6,
                               rib_ipv4_unicast_addpath = 8, rib_ipv4_multicast_addpath = 9,
                               rib_ipv6_unicast_addpath = 10, rib_ipv6_multicast_addpath = 11,
                               rib_generic_addpath = 12;
}
namespace bgp4mp_subtype {  // BGP4MP / BGP4MP_ET
inline constexpr std::uint16_t state_change = 0, message = 1, message_as4 = 4, state_change_as4 = 5,
                               message_local = 6, message_as4_local = 7, message_addpath = 8,
                               message_as4_addpath = 9, message_local_addpath = 10,
                               message_as4_local_addpath = 11;
}

inline constexpr std::size_t header_size = 12;  // the common header; +4 with an extended timestamp
inline bool has_extended_timestamp(std::uint16_t t) {
  return t == type::bgp4mp_et || t == type::isis_et || t == type::ospf3_et;
}

struct header {
  std::uint32_t timestamp = 0;
  std::uint16_t type = 0;
  std::uint16_t subtype = 0;
  std::uint32_t length = 0;       // as read (with ET types it counts the microsecond field); recomputed on encode
  std::uint32_t microsecond = 0;  // ET types only
  bool operator==(const header&) const = default;
};

// TABLE_DUMP (subtypes 1-4; 3 and 4 carry 4-byte peer AS and AS paths).
struct table_dump {
  std::uint16_t view_num = 0;
  std::uint16_t seq_num = 0;
  ip_addr prefix;
  std::uint8_t prefix_len = 0;
  std::uint8_t status = 1;
  std::uint32_t originated_time = 0;
  ip_addr peer_ip;
  std::uint32_t peer_as = 0;
  std::uint16_t attr_len = 0;
  std::vector<bgp::path_attribute> bgp_attributes;
  bool operator==(const table_dump&) const = default;
};

struct peer_entry {
  static constexpr std::uint8_t ipv6 = 1, as4 = 2;  // peer type bits
  std::uint8_t type = 0;
  ipv4_addr bgp_id{};
  ip_addr ip;
  std::uint32_t as_num = 0;
  bool operator==(const peer_entry&) const = default;
};
struct peer_index_table {
  ipv4_addr bgp_id{};
  std::string view_name;
  std::vector<peer_entry> peer_entries;
  bool operator==(const peer_index_table&) const = default;
};

struct rib_entry {
  std::uint16_t peer_index = 0;
  std::uint32_t originated_time = 0;
  std::optional<std::uint32_t> path_id;  // *_ADDPATH subtypes (RFC 8050)
  std::uint16_t attr_len = 0;
  std::vector<bgp::path_attribute> bgp_attributes;
  bool operator==(const rib_entry&) const = default;
};

// RIB_IPV4/IPV6_UNICAST/MULTICAST and their _ADDPATH forms.
struct rib {
  std::uint32_t seq_num = 0;
  bgp::prefix_nlri prefix;
  std::vector<rib_entry> rib_entries;
  bool operator==(const rib&) const = default;
};

// RIB_GENERIC(_ADDPATH): one NLRI of any family.
struct rib_generic {
  std::uint32_t seq_num = 0;
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  bgp::nlri_list nlri = std::vector<bgp::prefix_nlri>{};
  std::vector<rib_entry> rib_entries;
  bool operator==(const rib_generic&) const = default;
};

struct bgp4mp_state_change {
  std::uint32_t peer_as = 0, local_as = 0;
  std::uint16_t if_index = 0;
  std::uint16_t afi = 1;
  ip_addr peer_ip, local_ip;
  std::uint16_t old_state = 0, new_state = 0;
  bool operator==(const bgp4mp_state_change&) const = default;
};

struct bgp4mp_message {
  std::uint32_t peer_as = 0, local_as = 0;
  std::uint16_t if_index = 0;
  std::uint16_t afi = 1;
  ip_addr peer_ip, local_ip;
  bgp::message bgp_message = bgp::keepalive_msg{};
  bool operator==(const bgp4mp_message&) const = default;
};

struct unknown_body {  // any other type/subtype (and type 5): the body bytes
  bytes data;
  bool operator==(const unknown_body&) const = default;
};

using body = std::variant<table_dump, peer_index_table, rib, rib_generic, bgp4mp_state_change, bgp4mp_message,
                          unknown_body>;

struct record {
  header hdr;
  body msg = unknown_body{};
  bool operator==(const record&) const = default;
};

// The BGP context a record's messages/attributes are decoded with (AS width, add-path).
bgp::context context_for(std::uint16_t type, std::uint16_t subtype);
bool is_addpath(std::uint16_t type, std::uint16_t subtype);

// Reads the header at the front of `in` (12 or 16 bytes): nullopt if too short.
std::optional<header> peek_header(bytes_view in);

// Decodes one whole record (header + body; in.size() must be the header's size plus its
// length). base = absolute offset of in[0], for errors (protocol "mrt" or "bgp").
result<record> decode(bytes_view one_record, std::size_t base = 0);
// Decodes a body for a header already read.
result<body> decode_body(const header& h, bytes_view body_bytes, std::size_t base = 0);

// Appends the record's bytes; the header length is recomputed.
status encode(const record& r, bytes& out);

// os-ken mrtlib JSON: {"TableDump2MrtRecord": {"length", "message": {...}, "subtype", "timestamp", "type"}}.
nlohmann::json to_json(const record& r);
result<record> from_json(const nlohmann::json& j);

}  // namespace wirekit::mrt
