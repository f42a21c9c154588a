// Typed DHCPv6 options: a view over the raw options of dhcp6::message (message.hpp).
//
// The raw form (code, option-len, option-data) stays the storage and os-ken's JSON; a typed
// option is decoded from a raw one and encodes back to it, byte for byte:
//
//   dhcp6::typed_message t = dhcp6::to_typed(msg);      // never fails
//   for (const dhcp6::typed_option& o : t.options)
//     if (o.problem) ... o.problem->to_string() ...     // malformed: kept raw (o.raw)
//     else if (const auto* f = o.field("iaid")) ... f->number ...
//   dhcp6::message back = *dhcp6::from_typed(t);        // the same bytes
//
// One option definition table (src/dhcp6/names.cpp; message.hpp's option_def) drives typed
// decode, encode, the typed JSON and the table of docs/dhcp6.md, as Kea's libdhcp++ option
// definitions do: each option is a record of fields, the last of which may take the rest of
// the option-data (an array, a name list, a DUID, encapsulated options, a relayed message).
//
// Typed JSON ({"dhcp6_typed": {...}}, docs/dhcp6.md "Typed JSON"): the option name, its
// decoded fields and nested options; options without a definition, and malformed ones, keep
// their data (hex). from_typed_json(to_typed_json(m)) encodes to the bytes of m.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/dhcp6/message.hpp"

namespace wirekit::dhcp6 {

// Options nest (IA_NA → IAADDR → STATUS_CODE, RELAY_MSG → message → RELAY_MSG ...) at most
// this deep; deeper data stays raw with an error.
inline constexpr unsigned max_nesting = 32;

// One decoded field. `def` names it and says which member holds the value.
struct field_value {
  const field_def* def = nullptr;
  std::uint64_t number = 0;             // u8, u16, u32, u64
  ipv6_addr address{};                  // ipv6
  bytes data;                           // binary
  std::string text;                     // text (UTF-8), fqdn (dotted, "." ends a full name)
  std::vector<std::uint64_t> numbers;   // u16_list
  std::vector<ipv6_addr> addresses;     // ipv6_list
  std::vector<std::string> names;       // fqdn_list (each a full name, "example.com.")
  std::vector<bytes> items;             // opaque_list (each an opaque-data item)
  const char* name() const { return def ? def->name : ""; }
  bool operator==(const field_value& o) const;
};

struct typed_message;

struct typed_option {
  std::uint16_t code = 0;
  option_space space = option_space::dhcp6;  // the space the code belongs to
  const option_def* def = nullptr;           // nullptr: no definition (kept raw)
  std::vector<field_value> fields;           // the record (DUIDs: the fields of their type)
  std::vector<typed_option> options;         // encapsulated options (IA_NA, IAADDR, NTP_SERVER, CLIENT_DATA, ...)
  std::shared_ptr<typed_message> message;    // RELAY_MSG: the relayed message; LQ_RELAY_DATA: the relay's RELAY-FORW
  bytes raw;                                 // the option-data as on the wire (decode always sets it)
  std::optional<error> problem;              // why the data did not decode; then it is kept raw

  bool is_raw() const { return def == nullptr || problem.has_value(); }
  const field_value* field(std::string_view name) const;
  const typed_option* find(std::uint16_t code) const;  // first nested option with this code
};

struct typed_message {
  std::uint8_t msg_type = 0;
  std::uint32_t transaction_id = 0;  // non-relay messages
  std::uint8_t hop_count = 0;        // relay messages
  ipv6_addr link_address{};          // relay messages
  ipv6_addr peer_address{};          // relay messages
  std::vector<typed_option> options;
  bool relay() const { return is_relay(msg_type); }
  const typed_option* find(std::uint16_t code) const;
};

// The typed view of one raw option of `space`. data_offset is the absolute offset of the
// option-data (for errors). On malformed data the result's `problem` is an error naming
// protocol "dhcp6", the field ("IA_NA.t2", "IA_NA/IAADDR.valid_lifetime", "CLIENT_FQDN.domain_name")
// and the byte offset; the option keeps its raw data.
typed_option decode_option(const option& o, std::size_t data_offset = 0, option_space space = option_space::dhcp6,
                           unsigned depth = 0);
// Back to a raw option: typed fields encoded (or `raw` when is_raw()). Errors: a value that
// does not fit its field, a bad name, data beyond 65535 bytes.
result<option> encode_option(const typed_option& t);

// The typed view of a message. base is the absolute offset of the message's first byte.
typed_message to_typed(const message& m, std::size_t base = 0, unsigned depth = 0);
result<message> from_typed(const typed_message& t);

// Typed JSON {"dhcp6_typed": {...}} (docs/dhcp6.md).
nlohmann::json to_typed_json(const typed_message& t);
nlohmann::json to_typed_json(const message& m);
result<typed_message> typed_from_json(const nlohmann::json& wrapped);
// typed_from_json then from_typed.
result<message> from_typed_json(const nlohmann::json& wrapped);

// Domain names (RFC 1035 §3.1, no compression) as text: labels joined by '.', a full name ends
// with '.' (the root label), a partial one (CLIENT_FQDN) does not. Bytes other than letters,
// digits, '-' and '_' are written \DDD (decimal), as in master files.
std::string name_to_text(bytes_view label_seq, bool& ok);
bool name_from_text(std::string_view text, bytes& out);

// One line per option of the table for docs/dhcp6.md: "| 3 | IA_NA | iaid u32, t1 u32, ... | RFC 8415 §21.4 |".
std::string layout_text(const option_def& d);

}  // namespace wirekit::dhcp6
