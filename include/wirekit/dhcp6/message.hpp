// DHCPv6 messages (RFC 8415), in os-ken's `dhcp6` model and JSON form.
//
//   {"dhcp6": {"msg_type": 1, "transaction_id": 4660, "hop_count": 0,
//              "link_address": "Ojo=", "peer_address": "Ojo=",
//              "options": {"options": {"option_list": [{"option": {"code": 8, "length": 2, "data": "AAA="}}],
//                                      "options_len": 6}}}}
//
// A message is the header (msg-type + transaction-id, or for RELAY-FORW/RELAY-REPL msg-type +
// hop-count + link-address + peer-address) followed by options. Each option is kept as its code,
// its option-len as on the wire and its raw option-data: os-ken's JSON never decodes an option
// further (a RELAY_MSG option's inner message is base64 data too). Typed options (options.hpp,
// driven by the option definition table below: code, name, layout) are a view over this raw
// form, so unknown options always round-trip byte for byte; validate.hpp checks them.
//
// os-ken rules kept here (docs/dhcp6.md):
// - link_address / peer_address are JSON strings holding base64 of the address *text*
//   ("Ojo=" is "::"); non-relay messages show the defaults "::" and never write them.
// - relay messages show transaction_id 0 and never write it.
// - encode: an option `length` of 0 means data.size(); any other value is written as given and
//   the data is zero-padded or truncated to it. `options_len` 0 means the size of the encoded
//   options; any other value zero-pads or truncates the option bytes to it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit::dhcp6 {

// Message types (RFC 8415 §7.3 and the IANA registry).
namespace msg_type {
inline constexpr std::uint8_t solicit = 1, advertise = 2, request = 3, confirm = 4, renew = 5, rebind = 6,
                              reply = 7, release = 8, decline = 9, reconfigure = 10, information_request = 11,
                              relay_forw = 12, relay_repl = 13, leasequery = 14, leasequery_reply = 15,
                              leasequery_done = 16, leasequery_data = 17, reconfigure_request = 18,
                              reconfigure_reply = 19, dhcpv4_query = 20, dhcpv4_response = 21;
}

// Option codes (RFC 8415 §21 and the options issue 5 lists; 44-48 RFC 5007, 53 RFC 5460, 66 RFC 6422,
// 80 RFC 6977, 87-88 RFC 7341).
namespace option_code {
inline constexpr std::uint16_t clientid = 1, serverid = 2, ia_na = 3, ia_ta = 4, iaaddr = 5, oro = 6,
                               preference = 7, elapsed_time = 8, relay_msg = 9, auth = 11, unicast = 12,
                               status_code = 13, rapid_commit = 14, user_class = 15, vendor_class = 16,
                               vendor_opts = 17, interface_id = 18, reconf_msg = 19, reconf_accept = 20,
                               dns_servers = 23, domain_list = 24, ia_pd = 25, iaprefix = 26, sntp_servers = 31,
                               information_refresh_time = 32, remote_id = 37, subscriber_id = 38,
                               client_fqdn = 39, lq_query = 44, client_data = 45, clt_time = 46,
                               lq_relay_data = 47, lq_client_link = 48, relay_id = 53, ntp_server = 56, rsoo = 66,
                               pd_exclude = 67, client_linklayer_addr = 79, link_address = 80, sol_max_rt = 82,
                               inf_max_rt = 83, dhcpv4_msg = 87, dhcp4o6_server = 88;
}

constexpr bool is_relay(std::uint8_t type) { return type == msg_type::relay_forw || type == msg_type::relay_repl; }
// Bytes before the options: 4, or 34 for relay messages.
constexpr std::size_t header_size(std::uint8_t type) { return is_relay(type) ? 34 : 4; }
// The largest option area encode writes (a DHCPv6 message travels in one UDP datagram).
inline constexpr std::size_t max_options_len = 65535;

// The registered name of a message type ("SOLICIT", "RELAY-FORW") or nullptr.
const char* message_type_name(std::uint8_t type);

// The option definition table: one entry per option (code, IANA name, layout) drives typed
// decode, encode and JSON (options.hpp) and the table of docs/dhcp6.md, as Kea's option
// definitions do. A layout is a record of fields; the last field may take the rest of the
// option-data.
enum class field_kind : std::uint8_t {
  u8, u16, u32, u64,  // big-endian unsigned integers
  ipv6,               // 16 bytes
  // The rest of the option-data:
  binary,       // opaque bytes (hex in typed JSON)
  text,         // UTF-8 text (STATUS_CODE's message)
  u16_list,     // 16-bit values (ORO)
  ipv6_list,    // IPv6 addresses (DNS_SERVERS, SNTP_SERVERS)
  fqdn_list,    // RFC 1035 names, each ending with the root label, no compression (DOMAIN_LIST)
  fqdn,         // one RFC 1035 name, full or partial (CLIENT_FQDN, NTP SRV_FQDN)
  opaque_list,  // 16-bit length + data items (USER_CLASS, VENDOR_CLASS)
  duid,         // a DUID (RFC 8415 §11): duid_type then the fields of that type
  options,      // encapsulated options of the definition's `encapsulates` space
  message,      // a whole DHCPv6 message (RELAY_MSG, LQ_RELAY_DATA)
};
const char* field_kind_name(field_kind k);  // "u32", "ipv6", "fqdn-list", ...
constexpr bool takes_rest(field_kind k) { return k >= field_kind::binary; }

struct field_def {
  const char* name;  // typed-JSON key: "iaid", "preferred_lifetime"
  field_kind kind;
};

// Option code spaces: the message level, NTP_SERVER's sub-options (RFC 5908), VENDOR_OPTS's
// vendor options (no definitions: raw).
enum class option_space : std::uint8_t { dhcp6, ntp_server, vendor };

struct option_def {
  std::uint16_t code;
  const char* name;  // IANA name without the OPTION_ prefix: "CLIENTID", "IA_NA", "DNS_SERVERS"
  std::span<const field_def> fields{};
  option_space encapsulates = option_space::dhcp6;  // for a field of kind `options`
  const char* reference = "";                       // "RFC 8415 §21.4"
  option_space space = option_space::dhcp6;         // the space of `code`
};
std::span<const option_def> option_table();                           // the dhcp6 space, by code
std::span<const option_def> option_table(option_space space);         // one space, by code
const option_def* find_option_def(std::uint16_t code, option_space space = option_space::dhcp6);  // or nullptr
// DUID layouts (RFC 8415 §11.2-11.5): for types 1-4, otherwise duid_type + data.
std::span<const field_def> duid_layout(std::uint16_t duid_type);
const char* duid_type_name(std::uint16_t duid_type);  // "DUID-LLT", ... or nullptr

// An IPv6 address whose os-ken JSON is base64 of its text ("Ojo=" is "::"): the relay header's
// link-address and peer-address. Otherwise an ordinary ipv6_addr.
struct relay_address : ipv6_addr {
  relay_address() = default;
  relay_address(const ipv6_addr& a) : ipv6_addr(a) {}  // NOLINT(implicit)
  bool operator==(const relay_address&) const = default;
};

struct option;
struct option_set;
struct message;
struct option_data_codec {  // option-data: option-len bytes (padded/truncated on encode)
  static status decode(reader& r, option& o, const char* proto);
  static status encode(writer& w, const option& o, std::size_t start);
};
struct option_list_codec {  // the options up to the end of the message; options_len rules
  static status decode(reader& r, option_set& s, const char* proto);
  static status encode(writer& w, const option_set& s, std::size_t start);
};
struct header_codec {  // transaction-id, or hop-count + link-address + peer-address for relays
  static status decode(reader& r, message& m, const char* proto);
  static status encode(writer& w, const message& m, std::size_t start);
};
struct options_codec {
  static status decode(reader& r, message& m, const char* proto);
  static status encode(writer& w, const message& m, std::size_t start);
};

// os-ken's `option`: {"option": {"code", "length", "data"}}.
struct option {
  static constexpr const char* name = "option";
  std::uint16_t code = 0;
  std::uint16_t length = 0;  // option-len as on the wire; 0 on encode: data.size()
  bytes data;                // option-data, raw
  static constexpr auto wire =
      wire::fields(wire::field<&option::code>("code", wire::be16), wire::field<&option::length>("length", wire::be16),
                   wire::field<&option::data>("data", wire::hook<option_data_codec>));
  bool operator==(const option&) const = default;
};

// os-ken's `options`: {"options": {"option_list": [...], "options_len": N}}.
struct option_set {
  static constexpr const char* name = "options";
  std::vector<option> option_list;
  std::uint32_t options_len = 0;  // bytes of options; 0 on encode: computed
  static constexpr auto wire =
      wire::fields(wire::field<&option_set::option_list>("option_list", wire::hook<option_list_codec>),
                   wire::field<&option_set::options_len>("options_len", wire::json_only));
  bool operator==(const option_set&) const = default;
};

// os-ken's `dhcp6`.
struct message {
  static constexpr const char* name = "dhcp6";
  std::uint8_t msg_type = 0;
  std::uint32_t transaction_id = 0;  // 24 bits; non-relay messages only (0 when decoding a relay)
  std::uint8_t hop_count = 0;        // relay messages only
  relay_address link_address{};      // relay messages only ("::" otherwise)
  relay_address peer_address{};      // relay messages only ("::" otherwise)
  option_set options;
  static constexpr auto wire =
      wire::fields(wire::field<&message::msg_type>("msg_type", wire::u8),
                   wire::field<&message::transaction_id>("transaction_id", wire::hook<header_codec>),
                   wire::field<&message::hop_count>("hop_count", wire::json_only),
                   wire::field<&message::link_address>("link_address", wire::json_only),
                   wire::field<&message::peer_address>("peer_address", wire::json_only),
                   wire::field<&message::options>("options", wire::hook<options_codec>));
  bool operator==(const message&) const = default;

  bool relay() const { return is_relay(msg_type); }
  // The first option with this code, or nullptr.
  const option* find(std::uint16_t code) const;
  option* find(std::uint16_t code);
};

// Decodes one DHCPv6 message (a whole UDP payload). base is the absolute offset of msg[0],
// used in errors. A message without options decodes (os-ken leaves those undecoded; see
// decode_frame_app in src/dhcp6/app.cpp for frames). Errors name protocol "dhcp6", the field
// and the byte offset: truncated header, option header cut short, option-len beyond the message.
result<message> decode(bytes_view msg, std::size_t base = 0);
// The same into an existing message (every member is set; option storage is reused).
status decode_into(message& out, bytes_view msg, std::size_t base = 0);

// Appends the wire bytes of m to out, applying os-ken's length rules (see above). Errors: a
// transaction_id beyond 24 bits, an option longer than 65535 bytes, options beyond
// max_options_len.
status encode(const message& m, bytes& out);
result<bytes> encode(const message& m);

// os-ken JSON: {"dhcp6": {...}}.
nlohmann::json to_json(const message& m);
// Reads {"dhcp6": {...}}. msg_type is required; other absent keys take os-ken's constructor
// defaults (transaction_id 0 instead of os-ken's random one, "::" addresses, no options).
result<message> from_json(const nlohmann::json& wrapped);

}  // namespace wirekit::dhcp6
