// ANCP, the Access Node Control Protocol (RFC 6320, multicast extensions RFC 7256), both ways.
//
// An ANCP message on TCP port 6068 is the 4-byte encapsulation (identifier 0x880C, length of
// what follows) and a GSMPv3-derived message:
//   - Adjacency (type 10): version, type, timer, M flag + code, sender/receiver name, port and
//     instance, partition, then capability TLVs (RFC 6320 §3.5).
//   - every other type: the general header (RFC 6320 §3.6.1: result, result code, partition ID,
//     transaction ID, I flag, submessage number, length), then
//       * Port Management (32), Port Up (80), Port Down (81): the port fields and an extension
//         block (flags, message type, tech type, number of TLVs, block length) with its TLVs;
//       * Adjacency Update (85), Generic Response (91), Provisioning (93) and the RFC 7256
//         multicast messages (144-150): TLVs up to the message length;
//       * any other type: its body kept raw.
// TLVs are kept as their type and raw value (plus any non-zero or cut padding), so every TLV —
// known or not — round-trips byte for byte; the TLV definition table (tlv_table()) gives the
// typed view used by the JSON form (docs/ancp.md) and by `subscriber` (subscriber.hpp).
//
// Counts and lengths (encapsulation length, general length, number of TLVs, block length) are
// std::optional: empty means "computed on encode"; decode leaves them empty when the wire value
// equals the computed one and keeps the wire value otherwise, so malformed messages round-trip too.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::ancp {

inline constexpr std::uint16_t tcp_port = 6068;
inline constexpr std::uint16_t encapsulation_id = 0x880c;  // the GSMP ethertype, first on the wire
inline constexpr std::uint8_t version_rfc6320 = 50;        // 0x32, "MUST be set to 50" (RFC 6320 §3.1)
inline constexpr std::size_t encapsulation_size = 4;
inline constexpr std::size_t general_header_size = 12;  // after the encapsulation
inline constexpr std::size_t max_message_size = encapsulation_size + 0xffff;

// Message types (IANA "ANCP Message Types").
namespace msg {
inline constexpr std::uint8_t adjacency = 10, port_management = 32, port_up = 80, port_down = 81,
                              adjacency_update = 85, generic_response = 91, provisioning = 93,
                              multicast_replication_control = 144, multicast_admission_control = 145,
                              bandwidth_reallocation_request = 146, bandwidth_transfer = 147,
                              delegated_bandwidth_query = 148, multicast_flow_query = 149,
                              committed_bandwidth_report = 150;
}
// Adjacency message codes (RFC 6320 §3.5.2).
namespace adj_code {
inline constexpr std::uint8_t syn = 1, synack = 2, ack = 3, rstack = 4;
}
// Result field values (RFC 6320 §3.6.1.2).
namespace result_field {
inline constexpr std::uint8_t ignore = 0, nack = 1, ackall = 2, success = 3, failure = 4;
}
// Technology types (IANA "ANCP Technology Types").
namespace tech_type {
inline constexpr std::uint8_t any = 0, pon = 1, dsl = 5;
}
// Capability types (IANA "ANCP Capability Types").
namespace capability {
inline constexpr std::uint16_t dsl_topology_discovery = 1, dsl_line_configuration = 2,
                               nas_initiated_multicast_replication = 3, dsl_remote_line_connectivity_testing = 4,
                               committed_bandwidth_reporting = 5, conditional_access_white_black = 6,
                               conditional_access_grey = 7, bandwidth_delegation = 8;
}
// TLV types (IANA "ANCP TLV Types", RFC 6320, RFC 7256, and the PON/DSL extension TLVs
// draft-lihawi-ancp-protocol-access-extension allocates).
namespace tlv_type {
inline constexpr std::uint16_t access_loop_circuit_id = 0x0001, access_loop_remote_id = 0x0002,
                               access_aggregation_circuit_id_ascii = 0x0003, dsl_line_attributes = 0x0004,
                               service_profile_name = 0x0005, access_aggregation_circuit_id_binary = 0x0006,
                               oam_loopback_test_parameters = 0x0007, opaque_data = 0x0008,
                               oam_loopback_test_response_string = 0x0009, command = 0x0011,
                               pon_access_line_attributes = 0x0012, multicast_service_profile = 0x0013,
                               bandwidth_allocation = 0x0015, bandwidth_request = 0x0016,
                               multicast_service_profile_name = 0x0018, multicast_flow = 0x0019,
                               list_action = 0x0021, sequence_number = 0x0022, white_list_cac = 0x0024,
                               mrepctl_cac = 0x0025, actual_net_data_rate_upstream = 0x0081,
                               actual_net_data_rate_downstream = 0x0082, minimum_net_data_rate_upstream = 0x0083,
                               minimum_net_data_rate_downstream = 0x0084,
                               attainable_net_data_rate_upstream = 0x0085,
                               attainable_net_data_rate_downstream = 0x0086,
                               maximum_net_data_rate_upstream = 0x0087, maximum_net_data_rate_downstream = 0x0088,
                               minimum_net_low_power_data_rate_upstream = 0x0089,
                               minimum_net_low_power_data_rate_downstream = 0x008a,
                               maximum_interleaving_delay_upstream = 0x008b,
                               actual_interleaving_delay_upstream = 0x008c,
                               maximum_interleaving_delay_downstream = 0x008d,
                               actual_interleaving_delay_downstream = 0x008e, dsl_line_state = 0x008f,
                               access_loop_encapsulation = 0x0090, dsl_type = 0x0091, request_source_ip = 0x0092,
                               request_source_mac = 0x0093, report_buffering_time = 0x0094,
                               committed_bandwidth = 0x0095, request_source_device_id = 0x0096,
                               pon_access_type = 0x0097, etr_upstream = 0x009b, etr_downstream = 0x009c,
                               attetr_upstream = 0x009d, attetr_downstream = 0x009e, gdr_upstream = 0x009f,
                               gdr_downstream = 0x00a0, attgdr_upstream = 0x00a1, attgdr_downstream = 0x00a2,
                               ont_onu_average_data_rate_downstream = 0x00b0,
                               ont_onu_peak_data_rate_downstream = 0x00b1,
                               ont_onu_maximum_data_rate_upstream = 0x00b2,
                               ont_onu_assured_data_rate_upstream = 0x00b3,
                               pon_tree_maximum_data_rate_upstream = 0x00b4,
                               pon_tree_maximum_data_rate_downstream = 0x00b5, status_info = 0x0106,
                               target = 0x1000;
}

// One TLV: Type (16), Length (16), Value, zero padding to a multiple of 4 bytes.
struct tlv {
  std::uint16_t type = 0;
  bytes value;                // the Length bytes of value, without padding
  std::optional<bytes> pad;   // the padding as on the wire when it is not the usual zeros (or cut short)
  bool operator==(const tlv&) const = default;
};

// Adjacency message fields after version and type (RFC 6320 §3.5.2).
struct adjacency_fields {
  std::uint8_t timer = 250;  // in units of 100 ms (250 = 25 s)
  bool m_flag = false;       // set by the NAS (the master), clear from the access node
  std::uint8_t code = adj_code::syn;  // 7 bits
  mac_addr sender_name{};
  mac_addr receiver_name{};
  std::uint32_t sender_port = 0;
  std::uint32_t receiver_port = 0;
  std::uint8_t partition_type = 0;   // PType, 4 bits
  std::uint8_t partition_flag = 0;   // PFlag, 4 bits
  std::uint32_t sender_instance = 0;  // 24 bits
  std::uint8_t partition_id = 0;
  std::uint32_t receiver_instance = 0;  // 24 bits
  std::uint8_t reserved = 0;
  std::optional<std::uint8_t> num_tlvs;        // capability count; empty: computed
  std::optional<std::uint16_t> total_length;   // bytes of capability TLVs; empty: computed
  std::vector<tlv> capabilities;               // Capability TLVs (types in `capability`)
  bool operator==(const adjacency_fields&) const = default;
};

// The general message header after version and type (RFC 6320 §3.6.1).
struct general_header {
  std::uint8_t result = result_field::ignore;  // 4 bits
  std::uint16_t result_code = 0;               // 12 bits
  std::uint8_t partition_id = 0;
  std::uint32_t transaction_id = 0;  // 24 bits
  bool i_flag = true;
  std::uint16_t submessage_number = 1;  // 15 bits
  std::optional<std::uint16_t> length;  // the header's Length; empty: computed (= encapsulation length)
  bool operator==(const general_header&) const = default;
};

// The 28 fixed bytes of Port Up / Port Down (RFC 6320 §6.3) and Port Management (§7.3, §8.3)
// messages. RFC 6320 calls the first 20 "Unused" (a GSMP leftover); the names here are GSMP's
// (RFC 3292) and RFC 7256 Figure 24's. Bytes 22-23 of a Port Management message are "Reserved"
// in RFC 6320 but Tech Type and a length in RFC 7256's example: they are kept as tech_type and
// extension_reserved either way.
struct port_fields {
  std::uint32_t port = 0;
  std::uint32_t port_session_number = 0;
  std::uint32_t event_sequence_number = 0;
  // Port Up / Port Down: the 8-byte label.
  std::uint64_t label = 0;
  // Port Management, in place of the label:
  std::uint8_t flags = 0;  // R flag (0x80) and reserved bits
  std::uint8_t duration = 0;
  std::uint8_t function = 0;
  std::uint8_t x_function = 0;
  std::uint16_t event_flags = 0;
  std::uint16_t flow_control_flags = 0;
  // Extension block header.
  std::uint8_t extension_flags = 0;
  std::optional<std::uint8_t> extension_message_type;  // empty: the message type
  std::uint8_t tech_type = tech_type::dsl;
  std::uint8_t extension_reserved = 0;
  std::optional<std::uint16_t> num_tlvs;      // empty: computed
  std::optional<std::uint16_t> block_length;  // bytes of TLVs; empty: computed
  bool operator==(const port_fields&) const = default;
};

enum class body_kind : std::uint8_t { adjacency, port, tlvs, raw };
// How a message type's body is laid out.
body_kind body_of(std::uint8_t message_type);

struct message {
  std::uint8_t version = version_rfc6320;
  std::uint8_t message_type = msg::adjacency;
  std::optional<std::uint16_t> length;  // encapsulation length; empty: computed
  adjacency_fields adjacency;           // type 10
  general_header header;                // every other type
  port_fields port;                     // types 32, 80, 81
  std::vector<tlv> tlvs;                // the extension block's TLVs, or the TLVs of a TLV message
  bytes trailing;  // bytes after the extension block / capabilities inside the message length
  bytes body;      // a message of unknown type: everything after the general header
  bool operator==(const message&) const = default;

  body_kind kind() const { return body_of(message_type); }
  // The first top-level TLV of this type, or nullptr.
  const tlv* find(std::uint16_t type) const;
};

// ---- framing ------------------------------------------------------------------------------

// The size of the message that starts at data[0] (encapsulation included) when its first 4
// bytes are there, 0 when fewer than 4 bytes are available; an error when the identifier is
// not 0x880C. For cutting a TCP stream into messages.
result<std::size_t> frame_size(bytes_view data, std::size_t base = 0);

// ---- codec --------------------------------------------------------------------------------

// Decodes one whole message (encapsulation included; exactly frame_size bytes, trailing bytes
// are an error). base is the absolute offset of msg[0], used in errors, which name protocol
// "ancp", the field and the byte offset.
result<message> decode(bytes_view msg, std::size_t base = 0);
status decode_into(message& out, bytes_view msg, std::size_t base = 0);
// Decodes every message of a stream of whole messages (a TCP payload, a file).
result<std::vector<message>> decode_stream(bytes_view data, std::size_t base = 0);

// The counts and lengths encode computes for m: what an empty optional stands for. length is
// the encapsulation length; num_tlvs and block_length are the capabilities' or the extension
// block's (0 for other messages); message_length is the general header's (0 for adjacency).
struct sizes {
  std::size_t length = 0, message_length = 0, num_tlvs = 0, block_length = 0;
};
sizes computed_sizes(const message& m);

// Empties every count and length of m that equals the value encode would compute (decode and
// from_json leave messages in this form, so equal bytes mean equal messages).
void normalize(message& m);

// Appends the wire bytes of m. Errors: a value beyond its field width, a message longer than
// the 16-bit length can say, a TLV value longer than 65535 bytes.
status encode(const message& m, bytes& out);
result<bytes> encode(const message& m);

// TLV lists: decode a TLV area (the whole of `area`), encode TLVs with padding.
result<std::vector<tlv>> decode_tlvs(bytes_view area, std::size_t base = 0);
status encode_tlvs(std::span<const tlv> tlvs, bytes& out);
// The encoded size of a TLV list (padding included).
std::size_t tlvs_size(std::span<const tlv> tlvs);

// ---- TLV definitions (typed view) -------------------------------------------------------

enum class tlv_kind : std::uint8_t {
  raw,           // opaque bytes
  text,          // ASCII/UTF-8 text (circuit IDs, profile names, response strings)
  u32,           // a 32-bit unsigned integer (rates in kbit/s, delays in ms, states, types)
  u32_list,      // 32-bit values (Access-Aggregation-Circuit-ID-Binary: one or two VLAN IDs)
  tlvs,          // nested TLVs (DSL-Line-Attributes, PON-Access-Line-Attributes, Target, ...)
  empty,         // no value (White-List-CAC, MRepCtl-CAC)
  mac,           // a MAC address (Request-Source-MAC)
  ip,            // an IPv4 or IPv6 address by length (Request-Source-IP)
  loop_encapsulation,  // data link, encapsulation 1, encapsulation 2 (3 bytes)
  loopback_parameters, // count, timeout (2 bytes)
  status_info,   // reserved, message type, error message length, message (padded), TLVs
  command,       // command code, accounting, reserved, TLVs (RFC 7256 §4.3)
  multicast_flow,  // flow type, address family, number of sources, group, sources (RFC 7256 §5.12)
  bandwidth_request,    // required and preferred amount, kbit/s (RFC 7256 §5.8)
  committed_bandwidth,  // committed multicast bandwidth, then TLVs (a Target) (RFC 7256 §5.14)
  list_action,   // operation, list type, reserved, per-family lists of flow prefixes (RFC 7256 §5.3)
};
const char* tlv_kind_name(tlv_kind k);
// TLVs nest (Target in Committed-Bandwidth in ..., every level costs only 4 bytes): the typed
// JSON decodes at most this many levels and shows deeper values raw ("data"); from_json refuses
// deeper nesting. Bounds the recursion on hostile input.
inline constexpr unsigned max_tlv_nesting = 16;

struct tlv_def {
  std::uint16_t type;
  const char* name;  // the IANA name: "Access-Loop-Circuit-ID"
  tlv_kind kind;
  const char* reference;  // "RFC 6320 §5.1.2"
};
std::span<const tlv_def> tlv_table();  // by type
const tlv_def* find_tlv_def(std::uint16_t type);
const char* message_type_name(std::uint8_t type);       // "Port Up" or nullptr
const char* capability_name(std::uint16_t type);        // "Dynamic-Topology-Discovery" or nullptr
const char* adjacency_code_name(std::uint8_t code);     // "SYN" or nullptr

// Typed TLV construction and access.
tlv make_tlv(std::uint16_t type, bytes_view value);
tlv make_text_tlv(std::uint16_t type, std::string_view text);
tlv make_u32_tlv(std::uint16_t type, std::uint32_t v);
tlv make_tlvs_tlv(std::uint16_t type, std::span<const tlv> inner);
std::optional<std::uint32_t> tlv_u32(const tlv& t);     // when the value is 4 bytes
std::optional<std::string> tlv_text(const tlv& t);      // the value as text
std::optional<std::vector<tlv>> tlv_inner(const tlv& t);  // nested TLVs when they parse

// ---- JSON (docs/ancp.md) --------------------------------------------------------------------

// {"ancp": {...}}.
nlohmann::json to_json(const message& m);
result<message> from_json(const nlohmann::json& wrapped);
nlohmann::json tlv_to_json(const tlv& t);
result<tlv> tlv_from_json(const nlohmann::json& j);

}  // namespace wirekit::ancp
