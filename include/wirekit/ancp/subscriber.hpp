// An access line ("subscriber") as the TLVs of a Port Up / Port Down message carry it, with
// every attribute PyANCP's Subscriber has — each optional, settable and removable — and the
// message builders and readers the access-node client and the NAS side use.
//
//   ancp::subscriber s;
//   s.aci = "0.0.0.0 eth 1"; s.up = 1024; s.down = 16000;
//   s.min_up.reset();                          // removed: not sent
//   auto m = ancp::port_event(ancp::msg::port_up, s, ancp::tech_type::dsl, 1);
//
// Defaults are PyANCP's: state SHOWTIME, up/down 0, DSL type OTHER, data link ETHERNET,
// encapsulation 1 DOUBLE_TAGGED_ETHERNET, encapsulation 2 EOAAL5_LLC; everything else absent.
// The TLVs are written in PyANCP's order: Access-Loop-Circuit-ID, Access-Loop-Remote-ID,
// Access-Aggregation-Circuit-ID-Binary, -ASCII, then DSL-Line-Attributes holding DSL-Type,
// Access-Loop-Encapsulation, DSL-Line-State and the rates that are set.
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wirekit/ancp/ancp.hpp"

namespace wirekit::ancp {

namespace line_state {
inline constexpr std::uint32_t showtime = 1, idle = 2, silent = 3;
}
namespace dsl_type {
inline constexpr std::uint32_t other = 0, adsl = 1, adsl2 = 2, adsl2p = 3, vdsl1 = 4, vdsl2 = 5, sdsl = 6;
}
namespace data_link {
inline constexpr std::uint8_t atm_aal5 = 0, ethernet = 1;
}

struct subscriber {
  std::optional<std::string> aci;          // Access-Loop-Circuit-ID
  std::optional<std::string> ari;          // Access-Loop-Remote-ID
  std::optional<std::vector<std::uint32_t>> aaci_bin;  // Access-Aggregation-Circuit-ID-Binary
  std::optional<std::string> aaci_ascii;   // Access-Aggregation-Circuit-ID-ASCII
  std::optional<std::uint32_t> state = line_state::showtime;  // DSL-Line-State
  std::optional<std::uint32_t> up = 0;     // Actual-Net-Data-Rate-Upstream (kbit/s)
  std::optional<std::uint32_t> down = 0;   // Actual-Net-Data-Rate-Downstream
  std::optional<std::uint32_t> min_up, min_down, att_up, att_down, max_up, max_down;
  std::optional<std::uint32_t> dsl_type = dsl_type::other;  // DSL-Type
  std::optional<std::uint8_t> data_link = data_link::ethernet;  // Access-Loop-Encapsulation
  std::optional<std::uint8_t> encap1 = 3;  // DOUBLE_TAGGED_ETHERNET
  std::optional<std::uint8_t> encap2 = 6;  // EOAAL5_LLC
  // TLVs of a received message that none of the members above covers (line attributes
  // included), kept so that nothing is lost; written after the others.
  std::vector<tlv> other;
  std::vector<tlv> other_line_attributes;
  bool operator==(const subscriber&) const = default;

  // A subscriber with every attribute absent (no PyANCP defaults).
  static subscriber empty();
};

// The top-level TLVs of s (see the order above); the DSL-Line-Attributes TLV only when one of
// its attributes is set.
std::vector<tlv> to_tlvs(const subscriber& s);
// Reads the TLVs of a Port Up / Port Down extension block. Never fails: TLVs that do not fit
// their member (wrong length, an ID that is not printable ASCII, non-zero padding, a repeat,
// an unknown type) go to `other` / `other_line_attributes`.
subscriber subscriber_from_tlvs(std::span<const tlv> tlvs);

// A Port Up / Port Down message (type msg::port_up or msg::port_down) for one subscriber as
// RFC 6320 §6.3 has it: result 0 (Ignore), result code 0, I flag and submessage number 1, the
// unused port fields zero, extension message type = type. RFC 6320 wants transaction ID 0 in
// event messages (PyANCP sends result Nack and a counter instead; set header.result to match it).
message port_event(std::uint8_t type, const subscriber& s, std::uint8_t technology, std::uint32_t transaction_id);

// {"aci": "...", "up": 1024, ...}: the members that are set (for the NAS example's event lines).
nlohmann::json to_json(const subscriber& s);

}  // namespace wirekit::ancp
