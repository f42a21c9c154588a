// Internal to the EVPN / FlowSpec / extended-community / PMSI part: shared helpers.
#pragma once
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "families_json.hpp"
#include "wirekit/bgp/nlri.hpp"

namespace wirekit::bgp::fam {

using json = nlohmann::json;
using json_glue::path;
inline constexpr const char* proto = "bgp";

inline status need(const reader& r, std::size_t n, const char* field) {
  if (r.has(n)) return {};
  return truncated_error(proto, field, r.offset(), n, r.remaining());
}

// Decimal digits only (no sign, no spaces).
bool parse_uint(std::string_view s, std::uint64_t& v);

// "admin:assigned" as os-ken formats an RD.
std::string rd_text(const rd_bytes& rd);
// os-ken's _RouteDistinguisher.from_str: "a.b.c.d:n" -> type 1, admin > 65536 -> type 2, else
// type 0.
std::optional<rd_bytes> rd_from_text(std::string_view s);

// Reads key from obj when present (absent keys keep the value).
template <class T>
status opt(const json& obj, const char* key, T& v, const path& p) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  return json_glue::from_json_value(*it, v, p[key]);
}

// The class name and inner object of a wrapped object {"Class": {...}}.
status unwrap(const json& wrapped, std::string& cls, const json*& inner, const path& p);

}  // namespace wirekit::bgp::fam
