// Raw (lossless) handling of EVPN NLRI, FlowSpec NLRI, extended communities and PMSI tunnel
// ids, until their typed models land (issue 3, part B). Every byte round-trips; the JSON uses
// os-ken's unknown forms where os-ken has one (EvpnUnknownNLRI, BGPUnknownExtendedCommunity,
// PmsiTunnelIdUnknown) and a documented raw form for FlowSpec (FlowSpecRawNLRI). The typed
// os-ken classes (EvpnMacIPAdvertisementNLRI, BGPTwoOctetAsSpecificExtendedCommunity, ...) are
// NOT produced yet: fixtures that contain them fail until part B replaces this file.
#include <fmt/format.h>

#include "families_json.hpp"

namespace wirekit::bgp {

using json = nlohmann::json;

status decode_evpn_nlri(reader& r, evpn_nlri& out) {
  if (!r.has(2)) return truncated_error("bgp", "evpn.route_type", r.offset(), 2, r.remaining());
  std::size_t len = r.peek8(1);
  if (!r.has(2 + len)) return truncated_error("bgp", "evpn.length", r.offset() + 1, 2 + len, r.remaining());
  auto s = r.take(2 + len);
  out.raw.assign(s.begin(), s.end());
  return {};
}
status encode_evpn_nlri(writer& w, const evpn_nlri& in) {
  w.put(in.raw);
  return {};
}

status decode_flowspec_nlri(reader& r, family, flowspec_nlri& out) {
  if (!r.has(1)) return truncated_error("bgp", "flowspec.length", r.offset(), 1, r.remaining());
  std::size_t len = r.peek8(0), hdr = 1;
  if (len >= 0xf0) {
    if (!r.has(2)) return truncated_error("bgp", "flowspec.length", r.offset(), 2, r.remaining());
    len = ((len & 0x0f) << 8) | r.peek8(1);
    hdr = 2;
  }
  if (!r.has(hdr + len)) return truncated_error("bgp", "flowspec.length", r.offset(), hdr + len, r.remaining());
  auto s = r.take(hdr + len);
  out.raw.assign(s.begin(), s.end());
  return {};
}
status encode_flowspec_nlri(writer& w, family, const flowspec_nlri& in) {
  w.put(in.raw);
  return {};
}

status decode_ext_community(reader& r, ext_community& out) {
  if (!r.has(8)) return truncated_error("bgp", "extended_community", r.offset(), 8, r.remaining());
  r.copy(out.raw, 8);
  return {};
}
status encode_ext_community(writer& w, const ext_community& in) {
  w.put(in.raw, 8);
  return {};
}

status decode_pmsi_tunnel_id(reader& r, std::uint8_t, pmsi_tunnel_id& out) {
  auto s = r.take(r.remaining());
  out.raw.assign(s.begin(), s.end());
  return {};
}
status encode_pmsi_tunnel_id(writer& w, const pmsi_tunnel_id& in) {
  w.put(in.raw);
  return {};
}

namespace {
status raw_value(const json& wrapped, const char* cls, const char* key, bytes& out, const json_glue::path& p) {
  if (!wrapped.is_object() || !wrapped.contains(cls))
    return json_error(p.str(), fmt::format("only the raw form {} is supported yet", cls));
  const json& inner = wrapped[cls];
  if (!inner.contains(key)) return json_error(p.str(), fmt::format("{} needs '{}'", cls, key));
  return json_glue::from_json_value(inner[key], out, p[cls][key]);
}
}  // namespace

void to_json(json& j, const evpn_nlri& v) {
  bytes body(v.raw.begin() + std::min<std::size_t>(2, v.raw.size()), v.raw.end());
  j = {{"EvpnUnknownNLRI",
        {{"type", v.raw.empty() ? 0 : std::to_integer<int>(v.raw[0])},
         {"length", body.size()},
         {"value", base64_encode(body)}}}};
}
status from_json(const json& wrapped, evpn_nlri& v, const json_glue::path& p) {
  bytes body;
  WIREKIT_TRY(raw_value(wrapped, "EvpnUnknownNLRI", "value", body, p));
  std::uint8_t type = 0;
  if (wrapped["EvpnUnknownNLRI"].contains("type"))
    WIREKIT_TRY(json_glue::from_json_value(wrapped["EvpnUnknownNLRI"]["type"], type, p));
  if (body.size() > 255) return json_error(p.str(), "EVPN NLRI longer than 255 bytes");
  v.raw.clear();
  v.raw.push_back(std::byte(type));
  v.raw.push_back(std::byte(body.size()));
  v.raw.insert(v.raw.end(), body.begin(), body.end());
  return {};
}

void to_json(json& j, const flowspec_nlri& v) { j = {{"FlowSpecRawNLRI", {{"value", base64_encode(v.raw)}}}}; }
status from_json(const json& wrapped, family, flowspec_nlri& v, const json_glue::path& p) {
  return raw_value(wrapped, "FlowSpecRawNLRI", "value", v.raw, p);
}

void to_json(json& j, const ext_community& v) {
  j = {{"BGPUnknownExtendedCommunity",
        {{"type", std::to_integer<int>(std::byte(v.raw[0]))},
         {"value", base64_encode(bytes_view(reinterpret_cast<const std::byte*>(v.raw + 1), 7))}}}};
}
status from_json(const json& wrapped, ext_community& v, const json_glue::path& p) {
  bytes val;
  WIREKIT_TRY(raw_value(wrapped, "BGPUnknownExtendedCommunity", "value", val, p));
  if (val.size() != 7) return json_error(p.str(), "BGPUnknownExtendedCommunity value must be 7 bytes");
  std::uint8_t type = 0;
  if (wrapped["BGPUnknownExtendedCommunity"].contains("type"))
    WIREKIT_TRY(json_glue::from_json_value(wrapped["BGPUnknownExtendedCommunity"]["type"], type, p));
  v.raw[0] = type;
  for (int i = 0; i < 7; ++i) v.raw[i + 1] = std::to_integer<std::uint8_t>(val[i]);
  return {};
}

void to_json(json& j, const pmsi_tunnel_id& v) {
  if (v.raw.empty())
    j = nullptr;
  else
    j = {{"PmsiTunnelIdUnknown", {{"value", base64_encode(v.raw)}}}};
}
status from_json(const json& wrapped, std::uint8_t, pmsi_tunnel_id& v, const json_glue::path& p) {
  if (wrapped.is_null()) {
    v.raw.clear();
    return {};
  }
  return raw_value(wrapped, "PmsiTunnelIdUnknown", "value", v.raw, p);
}

}  // namespace wirekit::bgp
