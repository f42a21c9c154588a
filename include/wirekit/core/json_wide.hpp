// Integers wider than 64 bits in JSON (OpenFlow's 128-bit OXM fields such as xxreg0-3 and
// ct_label, NXFlowSpec immediates), which os-ken shows as plain Python integers.
//
// nlohmann's json holds at most 64-bit integers, so wirekit keeps such a value as a binary value
// of subtype wide_integer_subtype holding its big-endian bytes without leading zeros (canonical:
// equal numbers compare equal). Use these functions, not json::dump()/json::parse(), where such
// values can occur: dump() prints them as decimal numbers, exactly as os-ken's json.dumps does,
// and parse() reads integer literals beyond 64 bits into them instead of inexact doubles.
//
// Include only from compiled parts (src/, tests), like json_glue.hpp.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::json_glue {

inline constexpr std::uint8_t wide_integer_subtype = 0x57;  // 'W'

// The JSON value of the unsigned big-endian integer `be` (any length): a plain number when it
// fits 64 bits, else a wide integer.
nlohmann::json wide_integer(bytes_view be);
bool is_wide_integer(const nlohmann::json& j);
// The decimal digits of an unsigned big-endian integer ("0" for none or all zero bytes).
std::string decimal_of(bytes_view be);
// The value of j as an unsigned big-endian integer of exactly `size` bytes. j may be a number,
// a wide integer, or a string of decimal digits (the form of earlier wirekit versions). False
// when j is none of these or the value does not fit.
bool integer_bytes(const nlohmann::json& j, std::size_t size, bytes& out);

// Compact JSON text (nlohmann's dump(-1) form, invalid UTF-8 replaced), wide integers as numbers.
std::string dump(const nlohmann::json& j);
void dump_to(const nlohmann::json& j, std::string& out);
// One JSON text; integer literals beyond 64 bits become wide integers.
result<nlohmann::json> parse(std::string_view text);

}  // namespace wirekit::json_glue
