// BGP decode errors as a speaker sees them: besides protocol/field/offset/reason (wirekit::error),
// the NOTIFICATION a speaker would send (RFC 4271 §6) and the RFC 7606 handling.
//
//   bgp::decode_report rep;
//   auto m = bgp::decode_message(bytes, ctx, {.revised_error_handling = true}, rep);
//   if (!m) send_notification(rep.error->code, rep.error->subcode, rep.error->data);
//   else if (rep.worst() == bgp::action::treat_as_withdraw) ...
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::bgp {

// NOTIFICATION error codes (RFC 4271 §4.5, RFC 7313) and the subcodes this library reports.
namespace err_code {
inline constexpr std::uint8_t message_header = 1, open_message = 2, update_message = 3, hold_timer_expired = 4,
                              fsm = 5, cease = 6, route_refresh = 7;
}
namespace err_sub {
// Message Header Error
inline constexpr std::uint8_t connection_not_synchronized = 1, bad_message_length = 2, bad_message_type = 3;
// OPEN Message Error
inline constexpr std::uint8_t unspecific = 0, unsupported_version = 1, bad_peer_as = 2, bad_bgp_identifier = 3,
                              unsupported_optional_parameter = 4, unacceptable_hold_time = 6,
                              unsupported_capability = 7, role_mismatch = 11;
// UPDATE Message Error
inline constexpr std::uint8_t malformed_attribute_list = 1, unrecognized_well_known_attribute = 2,
                              missing_well_known_attribute = 3, attribute_flags_error = 4,
                              attribute_length_error = 5, invalid_origin_attribute = 6,
                              invalid_next_hop_attribute = 8, optional_attribute_error = 9,
                              invalid_network_field = 10, malformed_as_path = 11;
// ROUTE-REFRESH Message Error (RFC 7313)
inline constexpr std::uint8_t invalid_message_length = 1;
}  // namespace err_sub

// What a speaker does about an error (RFC 7606 §2), from least to most severe.
enum class action : std::uint8_t {
  none,               // informational: nothing to do (e.g. an unknown ROUTE-REFRESH subtype)
  attribute_discard,  // drop the attribute, use the rest of the UPDATE
  treat_as_withdraw,  // the UPDATE's NLRI (body and MP_REACH) are withdrawn
  afi_safi_disable,   // stop the AFI/SAFI (RFC 4760 §7); a speaker may reset instead
  session_reset,      // send the NOTIFICATION and close
};
const char* action_name(action a);  // "attribute-discard", "treat-as-withdraw", ...

struct decode_error {
  error err;                    // protocol "bgp", field, absolute byte offset, reason
  std::uint8_t code = 0;        // NOTIFICATION error code a speaker would send
  std::uint8_t subcode = 0;     // ... and subcode
  action act = action::session_reset;
  bytes data;                   // NOTIFICATION data (the erroneous attribute, length field, type, ...)
  std::uint8_t attr_type = 0;   // the path attribute concerned, 0 if none

  // "bgp: field ... at byte N: reason (NOTIFICATION 3/5, treat-as-withdraw)"
  std::string to_string() const;
};

// The (code, subcode) in words, e.g. "UPDATE Message Error / Attribute Length Error".
std::string notification_name(std::uint8_t code, std::uint8_t subcode);

struct decode_options {
  // RFC 7606 mode for UPDATEs: an attribute whose value is malformed but whose length is
  // intact does not fail the decode; it is kept raw (as attr_unknown, JSON
  // BGPPathAttributeUnknown) and reported in decode_report::findings with its action. Without
  // it, such an attribute fails the decode (the error still carries the action).
  bool revised_error_handling = false;
  // RFC 6396 §4.3.4 (MRT TABLE_DUMP_V2 RIB entries): MP_REACH_NLRI holds only the next hop
  // length and next hop; afi/safi are taken from mrt_family.
  bool mrt_abbreviated_mp_reach = false;
  std::uint16_t mrt_afi = 0;
  std::uint8_t mrt_safi = 0;
};

// What a decode found. `error` is set iff the decode failed; `findings` lists the RFC 4271 /
// RFC 7606 conditions a speaker must act on in a message that did decode (flags that conflict
// with the attribute type, a missing well-known attribute, a duplicate attribute, an
// unsupported OPEN version, an unknown message type, ...).
struct decode_report {
  std::optional<decode_error> error;
  std::vector<decode_error> findings;
  // The most severe action of the error and the findings (action::none if nothing).
  action worst() const;
  void clear() {
    error.reset();
    findings.clear();
  }
};

}  // namespace wirekit::bgp
