// Internal to src/bgp: the decode state (context, options, where failures and findings go).
#pragma once
#include <string>

#include "wirekit/bgp/bgp.hpp"

namespace wirekit::bgp::detail {

inline constexpr const char* proto = "bgp";

struct dstate {
  const context& ctx;
  const decode_options& opt;
  decode_report* report = nullptr;  // may be null
};

// Records the failure in the report and returns it as a status.
status fail(dstate& ds, error e, std::uint8_t code, std::uint8_t subcode, action act, bytes data = {},
            std::uint8_t attr_type = 0);
status fail(dstate& ds, std::string field, std::size_t offset, std::string reason, std::uint8_t code,
            std::uint8_t subcode, action act, bytes data = {}, std::uint8_t attr_type = 0);
// Adds a finding (a condition the message decoded with).
void finding(dstate& ds, std::string field, std::size_t offset, std::string reason, std::uint8_t code,
             std::uint8_t subcode, action act, bytes data = {}, std::uint8_t attr_type = 0);

// Attribute decoding for the UPDATE (and decode_path_attributes).
status decode_attributes(reader& r, dstate& ds, std::vector<path_attribute>& out);
// After the whole UPDATE is known: RFC 7606 checks that need the NLRI (missing mandatory
// attributes, duplicates).
void check_update(dstate& ds, const update_msg& u, std::size_t attrs_offset);

// The value bytes of an attribute (no header), as encode writes them.
status encode_attribute_value(writer& w, const path_attribute& a, const context& ctx);
// BGPPathAttributeUnknown of type 26/32/35 with a well-formed value -> the typed attribute.
bool typed_from_unknown(const attr_unknown& u, path_attribute& out);

// as_path wire width for encode.
std::size_t as_path_width(const std::vector<as_path_segment>& segs, std::uint8_t decoded, const context& ctx);

}  // namespace wirekit::bgp::detail
