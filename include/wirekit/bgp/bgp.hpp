// BGP-4 messages (RFC 4271, 4760, 2918, 7313, 8654 and friends) in os-ken's model and JSON
// form (os_ken/lib/packet/bgp.py; json-conventions.md §5; docs/bgp.md for what os-ken lacks).
//
//   bgp::context ctx;                                   // what the session negotiated
//   auto m = bgp::decode_message(bytes, ctx);           // one whole message
//   if (auto* u = std::get_if<bgp::update_msg>(&*m)) ... u->path_attributes ...
//   bytes out; bgp::encode_message(*m, out, ctx);       // lengths recomputed, marker all ones
//   nlohmann::json j = bgp::to_json(*m);                // {"BGPUpdate": {...}}
//
//   bgp::stream_parser sp;                              // a TCP byte stream
//   sp.feed(chunk);
//   while (auto r = sp.next()) { if (!*r) break; use(**r); }   // r: result<optional<message>>
//
// Decoding never uses global state: everything a session negotiated is in the context.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/bgp/attributes.hpp"
#include "wirekit/bgp/context.hpp"
#include "wirekit/bgp/errors.hpp"
#include "wirekit/bgp/families.hpp"
#include "wirekit/bgp/nlri.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit::bgp {

namespace msg_type {
inline constexpr std::uint8_t open = 1, update = 2, notification = 3, keepalive = 4, route_refresh = 5;
}
inline constexpr std::size_t header_size = 19;  // marker (16), length (2), type (1)
inline constexpr std::uint16_t as_trans = 23456;  // RFC 6793

// ---- OPEN optional parameters (RFC 5492 capabilities) ----------------------------------------
namespace cap_code {
inline constexpr std::uint8_t multiprotocol = 1, route_refresh = 2, carrying_label_info = 4, extended_message = 6,
                              graceful_restart = 64, four_octet_as = 65, add_path = 69,
                              enhanced_route_refresh = 70, cisco_route_refresh = 128;
}

// Each capability is its own object, with `type` (2), `length` (cap_length + 2), `cap_code`
// and `cap_length` (both lengths recomputed on encode). `grouped` (not in JSON) records that
// the capability shared one optional parameter with the previous one on the wire; encode puts
// it back there, so a decoded OPEN re-encodes byte for byte. From JSON it is false: each
// capability becomes its own parameter, as os-ken writes them.
#define WIREKIT_BGP_CAP_HEAD(T)                                                                   \
  wire::field<&T::type>("type", wire::json_only), wire::field<&T::length>("length", wire::json_only), \
      wire::field<&T::cap_code>("cap_code", wire::json_only),                                      \
      wire::field<&T::cap_length>("cap_length", wire::json_only)
#define WIREKIT_BGP_CAP_MEMBERS(code_)                                         \
  std::uint8_t type = 2, length = 0, cap_code = code_, cap_length = 0; \
  bool grouped = false

struct cap_multiprotocol {
  static constexpr const char* name = "BGPOptParamCapabilityMultiprotocol";
  WIREKIT_BGP_CAP_MEMBERS(cap_code::multiprotocol);
  std::uint16_t afi = afi::ipv4;
  std::uint8_t reserved = 0;  // written as 0
  std::uint8_t safi = safi::unicast;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_CAP_HEAD(cap_multiprotocol),
                                            wire::field<&cap_multiprotocol::afi>("afi", wire::be16),
                                            wire::field<&cap_multiprotocol::reserved>("reserved", wire::u8),
                                            wire::field<&cap_multiprotocol::safi>("safi", wire::u8));
  bool operator==(const cap_multiprotocol&) const = default;
};
#define WIREKIT_BGP_EMPTY_CAP(T, N, C)                                           \
  struct T {                                                                     \
    static constexpr const char* name = N;                                       \
    WIREKIT_BGP_CAP_MEMBERS(C);                                                  \
    static constexpr auto wire = wire::fields(WIREKIT_BGP_CAP_HEAD(T));          \
    bool operator==(const T&) const = default;                                   \
  }
WIREKIT_BGP_EMPTY_CAP(cap_route_refresh, "BGPOptParamCapabilityRouteRefresh", cap_code::route_refresh);
WIREKIT_BGP_EMPTY_CAP(cap_cisco_route_refresh, "BGPOptParamCapabilityCiscoRouteRefresh",
                      cap_code::cisco_route_refresh);
WIREKIT_BGP_EMPTY_CAP(cap_enhanced_route_refresh, "BGPOptParamCapabilityEnhancedRouteRefresh",
                      cap_code::enhanced_route_refresh);
WIREKIT_BGP_EMPTY_CAP(cap_carrying_label_info, "BGPOptParamCapabilityCarryingLabelInfo",
                      cap_code::carrying_label_info);
#undef WIREKIT_BGP_EMPTY_CAP

struct gr_tuple {  // graceful restart (RFC 4724): JSON [afi, safi, flags]
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  std::uint8_t flags = 0;
  bool operator==(const gr_tuple&) const = default;
};
struct cap_graceful_restart {
  static constexpr const char* name = "BGPOptParamCapabilityGracefulRestart";
  WIREKIT_BGP_CAP_MEMBERS(cap_code::graceful_restart);
  std::uint8_t flags = 0;  // the top 4 bits of the restart word (R, N)
  std::uint16_t time = 0;  // restart time, 12 bits
  std::vector<gr_tuple> tuples;
  static constexpr auto wire =
      wire::fields(WIREKIT_BGP_CAP_HEAD(cap_graceful_restart),
                   wire::field<&cap_graceful_restart::flags>("flags", wire::json_only),
                   wire::field<&cap_graceful_restart::time>("time", wire::json_only),
                   wire::field<&cap_graceful_restart::tuples>("tuples", wire::json_only));
  bool operator==(const cap_graceful_restart&) const = default;
};
struct cap_four_octet_as {
  static constexpr const char* name = "BGPOptParamCapabilityFourOctetAsNumber";
  WIREKIT_BGP_CAP_MEMBERS(cap_code::four_octet_as);
  std::uint32_t as_number = 0;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_CAP_HEAD(cap_four_octet_as),
                                            wire::field<&cap_four_octet_as::as_number>("as_number", wire::be32));
  bool operator==(const cap_four_octet_as&) const = default;
};
// Any other capability — ADD-PATH (69) and extended message (6) included, as os-ken shows them;
// read them typed with add_path_of() / has_extended_message().
struct cap_unknown {
  static constexpr const char* name = "BGPOptParamCapabilityUnknown";
  WIREKIT_BGP_CAP_MEMBERS(0);
  bytes cap_value;
  static constexpr auto wire = wire::fields(WIREKIT_BGP_CAP_HEAD(cap_unknown),
                                            wire::field<&cap_unknown::cap_value>("cap_value", wire::rest));
  bool operator==(const cap_unknown&) const = default;
};
#undef WIREKIT_BGP_CAP_MEMBERS
#undef WIREKIT_BGP_CAP_HEAD

// A non-capability optional parameter, raw.
struct opt_param_unknown {
  static constexpr const char* name = "BGPOptParamUnknown";
  std::uint8_t type = 0, length = 0;
  bytes value;
  static constexpr auto wire = wire::fields(wire::field<&opt_param_unknown::type>("type", wire::json_only),
                                            wire::field<&opt_param_unknown::length>("length", wire::json_only),
                                            wire::field<&opt_param_unknown::value>("value", wire::rest));
  bool operator==(const opt_param_unknown&) const = default;
};

using open_param = std::variant<cap_multiprotocol, cap_route_refresh, cap_cisco_route_refresh, cap_enhanced_route_refresh,
                               cap_carrying_label_info, cap_graceful_restart, cap_four_octet_as, cap_unknown,
                               opt_param_unknown>;

// ADD-PATH capability (RFC 7911), typed. os-ken has no class for it: in JSON it stays a
// BGPOptParamCapabilityUnknown (cap_code 69); these convert.
struct add_path_entry {
  static constexpr std::uint8_t receive = 1, send = 2, both = 3;
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  std::uint8_t send_receive = both;
  bool operator==(const add_path_entry&) const = default;
};
std::optional<std::vector<add_path_entry>> parse_add_path(const cap_unknown& c);  // nullopt if not 69 or malformed
cap_unknown make_add_path_capability(const std::vector<add_path_entry>& entries);
cap_unknown make_extended_message_capability();  // RFC 8654, code 6, empty

// ---- messages ----------------------------------------------------------------------------
// `len` and `type` are the header's length and type (the marker is not shown; encode writes
// 16 x 0xff). `len` and the other length fields are recomputed on encode; `type` is written as
// stored.
struct open_msg {
  static constexpr const char* name = "BGPOpen";
  std::uint16_t len = 0;
  std::uint8_t type = msg_type::open;
  std::uint8_t version = 4;  // written as 4
  std::uint16_t my_as = 0;
  std::uint16_t hold_time = 0;
  ipv4_addr bgp_identifier{};
  std::uint16_t opt_param_len = 0;  // the Optional Parameters Length (RFC 9072: the extended one)
  std::vector<open_param> opt_param;
  // RFC 9072 extended optional parameters (2-byte lengths). Not in JSON; encode also uses
  // them when the parameters exceed 255 bytes.
  bool extended_params = false;
  static constexpr auto wire = wire::fields(
      wire::field<&open_msg::len>("len", wire::json_only), wire::field<&open_msg::type>("type", wire::json_only),
      wire::field<&open_msg::version>("version", wire::json_only),
      wire::field<&open_msg::my_as>("my_as", wire::json_only),
      wire::field<&open_msg::hold_time>("hold_time", wire::json_only),
      wire::field<&open_msg::bgp_identifier>("bgp_identifier", wire::json_only),
      wire::field<&open_msg::opt_param_len>("opt_param_len", wire::json_only),
      wire::field<&open_msg::opt_param>("opt_param", wire::json_only));
  bool operator==(const open_msg&) const = default;

  // Capabilities, typed: the first one of type C, or nullptr.
  template <class C>
  const C* find_capability() const {
    for (const auto& p : opt_param)
      if (auto* c = std::get_if<C>(&p)) return c;
    return nullptr;
  }
  const cap_unknown* find_unknown_capability(std::uint8_t code) const;
  // The AS the speaker has (FOUR_OCTET_AS capability's, else my_as).
  std::uint32_t as_number() const;
  std::vector<family> multiprotocol_families() const;
  std::vector<add_path_entry> add_path() const;  // from the ADD-PATH capability, if any
  bool has_extended_message() const;
  bool has_four_octet_as() const;
};

// The context for decoding what `received` (the peer's OPEN) sends, given our `sent` OPEN:
// 4-byte AS iff both have capability 65; ADD-PATH receive for the families where we can
// receive and the peer can send; extended messages iff both have capability 6.
context negotiate(const open_msg& sent, const open_msg& received);

struct update_msg {
  static constexpr const char* name = "BGPUpdate";
  std::uint16_t len = 0;
  std::uint8_t type = msg_type::update;
  std::uint16_t withdrawn_routes_len = 0;
  std::vector<prefix_nlri> withdrawn_routes;  // IPv4 unicast (BGPWithdrawnRoute)
  std::uint16_t total_path_attribute_len = 0;
  std::vector<path_attribute> path_attributes;
  std::vector<prefix_nlri> nlri;  // IPv4 unicast (BGPNLRI)
  bool operator==(const update_msg&) const = default;

  template <class A>
  const A* find() const {
    return bgp::find<A>(path_attributes);
  }
  // End-of-RIB marker (RFC 4724 §2): empty UPDATE (IPv4 unicast) or one holding only an empty
  // MP_UNREACH_NLRI (its family).
  std::optional<family> end_of_rib() const;
};

struct notification_msg {
  static constexpr const char* name = "BGPNotification";
  std::uint16_t len = 0;
  std::uint8_t type = msg_type::notification;
  std::uint8_t error_code = 0;
  std::uint8_t error_subcode = 0;
  bytes data;
  static constexpr auto wire = wire::fields(
      wire::field<&notification_msg::len>("len", wire::json_only),
      wire::field<&notification_msg::type>("type", wire::json_only),
      wire::field<&notification_msg::error_code>("error_code", wire::u8),
      wire::field<&notification_msg::error_subcode>("error_subcode", wire::u8),
      wire::field<&notification_msg::data>("data", wire::rest));
  bool operator==(const notification_msg&) const = default;
};

struct keepalive_msg {
  static constexpr const char* name = "BGPKeepAlive";
  std::uint16_t len = 0;
  std::uint8_t type = msg_type::keepalive;
  static constexpr auto wire = wire::fields(wire::field<&keepalive_msg::len>("len", wire::json_only),
                                            wire::field<&keepalive_msg::type>("type", wire::json_only));
  bool operator==(const keepalive_msg&) const = default;
};

// ROUTE-REFRESH (RFC 2918); `demarcation` is the RFC 7313 message subtype (0 normal request,
// 1 BoRR, 2 EoRR). `eor_sent` is os-ken's internal flag: always false, ignored on encode.
struct route_refresh_msg {
  static constexpr const char* name = "BGPRouteRefresh";
  static constexpr std::uint8_t request = 0, borr = 1, eorr = 2;
  std::uint16_t len = 0;
  std::uint8_t type = msg_type::route_refresh;
  std::uint16_t afi = afi::ipv4;
  std::uint8_t demarcation = 0;
  std::uint8_t safi = safi::unicast;
  bool eor_sent = false;
  static constexpr auto wire = wire::fields(
      wire::field<&route_refresh_msg::len>("len", wire::json_only),
      wire::field<&route_refresh_msg::type>("type", wire::json_only),
      wire::field<&route_refresh_msg::afi>("afi", wire::be16),
      wire::field<&route_refresh_msg::demarcation>("demarcation", wire::u8),
      wire::field<&route_refresh_msg::safi>("safi", wire::u8),
      wire::field<&route_refresh_msg::eor_sent>("eor_sent", wire::json_only));
  bool operator==(const route_refresh_msg&) const = default;
};

// A message type this library does not know (os-ken cannot decode these), raw:
// {"BGPUnknownMessage": {"len", "type", "data": b64 of the bytes after the header}}.
struct unknown_msg {
  static constexpr const char* name = "BGPUnknownMessage";
  std::uint16_t len = 0;
  std::uint8_t type = 0;
  bytes data;
  static constexpr auto wire = wire::fields(wire::field<&unknown_msg::len>("len", wire::json_only),
                                            wire::field<&unknown_msg::type>("type", wire::json_only),
                                            wire::field<&unknown_msg::data>("data", wire::rest));
  bool operator==(const unknown_msg&) const = default;
};

using message = std::variant<open_msg, update_msg, notification_msg, keepalive_msg, route_refresh_msg, unknown_msg>;

const char* class_name(const message& m);  // "BGPUpdate", ...
std::uint8_t type_of(const message& m);

// ---- decode / encode -----------------------------------------------------------------------
// Decodes one whole message (header included; its size must equal the length field). Errors
// name protocol "bgp", the field and the byte offset; the report overload also gives the
// NOTIFICATION code/subcode, RFC 7606 action and data (decode_report::error) and the findings.
// base is the absolute offset of one_message[0], for errors.
result<message> decode_message(bytes_view one_message, const context& ctx);
result<message> decode_message(bytes_view one_message, const context& ctx, const decode_options& opt,
                               decode_report& report, std::size_t base = 0);

// Appends the wire bytes (marker, recomputed lengths). Errors: a value that does not fit its
// field, a message beyond ctx.max_message_size(), a path_id without ADD-PATH in ctx, ...
status encode_message(const message& m, bytes& out, const context& ctx);
result<bytes> encode_message(const message& m, const context& ctx);

// ---- JSON (os-ken's to_jsondict form) ------------------------------------------------------
nlohmann::json to_json(const message& m);
result<message> message_from_json(const nlohmann::json& wrapped);
nlohmann::json to_json(const path_attribute& a);
result<path_attribute> path_attribute_from_json(const nlohmann::json& wrapped);
// NLRI of family f as the JSON list os-ken shows in MP_REACH/MP_UNREACH.
nlohmann::json to_json(const nlri_list& l, family f);
result<nlri_list> nlri_from_json(const nlohmann::json& list, family f);

// ---- stream parser ------------------------------------------------------------------------
// Cuts a TCP byte stream into messages by the header's length field. The buffer is bounded:
// feed() refuses more than max_buffered bytes pending. A framing error (marker not all ones:
// NOTIFICATION 1/1; length below 19 or above ctx.max_message_size(): 1/2) is sticky: the
// stream cannot be resynchronised, every later call returns it.
class stream_parser {
 public:
  explicit stream_parser(const context& ctx = {}, std::size_t max_buffered = 1 << 20);

  status feed(bytes_view data);
  // The next complete message's bytes (valid until the next feed/next call), or nullopt when
  // more bytes are needed.
  result<std::optional<bytes_view>> next_bytes();
  // The same, decoded with the context (decode errors are not sticky: the stream stays framed).
  result<std::optional<message>> next();
  result<std::optional<message>> next(const decode_options& opt, decode_report& report);

  // After the OPEN exchange: extended messages, 4-byte AS, ADD-PATH.
  void set_context(const context& ctx) {
    ctx_ = ctx;
    if (max_buffered_ < ctx_.max_message_size()) max_buffered_ = ctx_.max_message_size();
  }
  const context& ctx() const { return ctx_; }
  std::size_t buffered() const { return buf_.size() - pos_; }
  // The framing error's NOTIFICATION (1/1 or 1/2 with the length field as data), if any.
  const std::optional<decode_error>& framing_error() const { return framing_; }

 private:
  context ctx_;
  std::size_t max_buffered_;
  bytes buf_;
  std::size_t pos_ = 0;
  std::size_t consumed_ = 0;  // absolute stream offset of buf_[0]
  std::optional<decode_error> framing_;
};

}  // namespace wirekit::bgp
