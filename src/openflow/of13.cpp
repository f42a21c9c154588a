// OpenFlow 1.3 (wire 0x04): the registry entries and the few irregular codecs.
#include "registry.hpp"

namespace wirekit::openflow {
namespace of13 {

status hello_elem_versionbitmap::bitmap_codec::decode(reader& r, hello_elem_versionbitmap& o, const char* p) {
  o.versions.clear();
  for (std::uint32_t word = 0; r.has(4); ++word) {
    std::uint32_t bits = r.u32();
    for (std::uint32_t b = 0; b < 32; ++b)
      if (bits & (1u << b)) o.versions.push_back(word * 32 + b);
  }
  if (!r.empty()) return make_error(p, "bitmaps", r.offset(), "not a multiple of 4 bytes");
  return {};
}
status hello_elem_versionbitmap::bitmap_codec::encode(writer& w, const hello_elem_versionbitmap& o, std::size_t) {
  std::uint32_t top = 0;
  for (auto v : o.versions) {
    if (v >= 32 * 64) return make_error(proto_name, "versions", w.size(), "version number too large");
    top = std::max(top, v);
  }
  if (o.versions.empty()) return {};
  std::vector<std::uint32_t> words(top / 32 + 1, 0);
  for (auto v : o.versions) words[v / 32] |= 1u << (v % 32);
  for (auto x : words) w.u32(x);
  return {};
}

status error_msg::body_codec::decode(reader& r, error_msg& o, const char* p) {
  if (o.type == 0xffff) {
    if (!r.has(6)) return truncated_error(p, "exp_type", r.offset(), 6, r.remaining());
    o.exp_type = r.u16();
    o.experimenter = r.u32();
  } else {
    if (!r.has(2)) return truncated_error(p, "code", r.offset(), 2, r.remaining());
    o.code = r.u16();
  }
  wire::take_rest<false>(r, o.data);
  return {};
}
status error_msg::body_codec::encode(writer& w, const error_msg& o, std::size_t) {
  if (o.type == 0xffff) {
    w.u16(o.exp_type);
    w.u32(o.experimenter);
  } else {
    w.u16(o.code);
  }
  w.put(o.data.data(), o.data.size());
  return {};
}

status packet_out::actions_codec::decode(reader& r, packet_out& o, const char* p) {
  if (!r.has(8)) return truncated_error(p, "actions_len", r.offset(), 8, r.remaining());
  o.actions_len = r.u16();
  r.skip(6);
  if (!r.has(o.actions_len)) return detail::bad_length("actions", r.offset() - 8, o.actions_len, 0, r.remaining());
  reader sub = r.sub(o.actions_len);
  return detail::decode_list(sub, o.actions, "action");
}
status packet_out::actions_codec::encode(writer& w, const packet_out& o, std::size_t) {
  std::size_t at = w.size();
  w.u16(0);
  w.zeros(6);
  WIREKIT_TRY(detail::encode_list(w, o.actions));
  std::size_t n = w.size() - at - 8;
  if (n > 0xffff) return make_error(proto_name, "actions_len", at, "actions longer than 65535 bytes");
  w.patch_u16(at, n);
  return {};
}

status oxm_id::wire_decode(reader& r, oxm_id& o) {
  if (!r.has(4)) return truncated_error(proto_name, "OFPOxmId", r.offset(), 4, r.remaining());
  std::uint32_t h = r.u32();
  o.hdr.oxm_class = static_cast<std::uint16_t>(h >> 16);
  o.hdr.field = (h >> 9) & 0x7f;
  o.hdr.hasmask = (h >> 8) & 1;
  o.length = h & 0xff;
  o.hdr.experimenter_hdr = o.hdr.oxm_class == 0xffff;
  if (o.hdr.experimenter_hdr) {
    if (!r.has(4)) return truncated_error(proto_name, "OFPOxmId", r.offset(), 4, r.remaining());
    o.hdr.experimenter = r.u32();
  }
  return {};
}
status oxm_id::wire_encode(writer& w, const oxm_id& o) {
  w.u32((std::uint32_t(o.hdr.oxm_class) << 16) | (std::uint32_t(o.hdr.field & 0x7f) << 9) | (o.hdr.hasmask ? 0x100u : 0u) |
        o.length);
  if (o.hdr.oxm_class == 0xffff) w.u32(o.hdr.experimenter);
  return {};
}

}  // namespace of13

namespace detail {
void register_of13(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of13;
  add_all<hello, error_msg, echo_request, echo_reply, experimenter_msg, features_request, switch_features,
          get_config_request, get_config_reply, set_config, packet_in, flow_removed, port_status, packet_out, flow_mod,
          group_mod, port_mod, table_mod, barrier_request, barrier_reply, queue_get_config_request,
          queue_get_config_reply, role_request, role_reply, get_async_request, get_async_reply, set_async, meter_mod>(
      v, version);
  add_all<desc_stats_request, desc_stats_reply, flow_stats_request, flow_stats_reply, aggregate_stats_request,
          aggregate_stats_reply, table_stats_request, table_stats_reply, port_stats_request, port_stats_reply,
          queue_stats_request, queue_stats_reply, group_stats_request, group_stats_reply, group_desc_stats_request,
          group_desc_stats_reply, group_features_stats_request, group_features_stats_reply, meter_stats_request,
          meter_stats_reply, meter_config_stats_request, meter_config_stats_reply, meter_features_stats_request,
          meter_features_stats_reply, table_features_stats_request, table_features_stats_reply,
          port_desc_stats_request, port_desc_stats_reply, experimenter_stats_request, experimenter_stats_reply>(
      v, version);
}
}  // namespace detail
}  // namespace wirekit::openflow

namespace wirekit::json_glue {
using openflow::of13::error_msg;
using openflow::of13::oxm_id;

void json_traits<oxm_id>::to(json& j, const oxm_id& v) {
  json in = json::object();
  std::string n = openflow::oxm_field_name(openflow::detail::json_version(), v.hdr);
  if (n.empty()) n = "field_" + std::to_string((std::uint32_t(v.hdr.oxm_class) << 7) | v.hdr.field);
  in["type"] = n;
  in["hasmask"] = v.hdr.hasmask ? 1 : 0;
  in["length"] = v.length;
  if (v.hdr.experimenter_hdr) in["exp_id"] = v.hdr.experimenter;
  j = json::object();
  j["OFPOxmId"] = std::move(in);
}
status json_traits<oxm_id>::from(const json& j, oxm_id& v, const path& p0) {
  if (!j.is_object() || !j.contains("OFPOxmId")) return type_error(p0, "{\"OFPOxmId\": {...}}", j);
  const json& in = j["OFPOxmId"];
  auto p = p0["OFPOxmId"];
  if (!in.is_object() || !in.contains("type") || !in["type"].is_string()) return type_error(p, "an object with a type", in);
  const std::string& n = in["type"].get_ref<const std::string&>();
  if (!openflow::detail::oxm_header_by_name(n, v.hdr)) return json_error(p["type"].str(), "unknown OXM field '" + n + "'");
  if (auto it = in.find("hasmask"); it != in.end()) WIREKIT_TRY(from_json_value(*it, v.hdr.hasmask, p["hasmask"]));
  v.length = 0;
  if (auto it = in.find("length"); it != in.end() && !it->is_null()) WIREKIT_TRY(from_json_value(*it, v.length, p["length"]));
  if (auto it = in.find("exp_id"); it != in.end()) WIREKIT_TRY(from_json_value(*it, v.hdr.experimenter, p["exp_id"]));
  return {};
}

void json_traits<error_msg>::to(json& j, const error_msg& v) {
  json in = json::object();
  in["type"] = v.type;
  in["data"] = base64_encode(v.data);
  if (v.type == 0xffff) {
    in["code"] = nullptr;
    in["exp_type"] = v.exp_type;
    in["experimenter"] = v.experimenter;
  } else {
    in["code"] = v.code;
  }
  j = json::object();
  j["OFPErrorMsg"] = std::move(in);
}
status json_traits<error_msg>::from(const json& j, error_msg& v, const path& p0) {
  if (!j.is_object() || !j.contains("OFPErrorMsg")) return type_error(p0, "{\"OFPErrorMsg\": {...}}", j);
  const json& in = j["OFPErrorMsg"];
  auto p = p0["OFPErrorMsg"];
  if (!in.is_object()) return type_error(p, "an object", in);
  auto get = [&](const char* k, auto& m) -> status {
    auto it = in.find(k);
    if (it == in.end() || it->is_null()) return {};
    return from_json_value(*it, m, p[k]);
  };
  WIREKIT_TRY(get("type", v.type));
  WIREKIT_TRY(get("code", v.code));
  WIREKIT_TRY(get("exp_type", v.exp_type));
  WIREKIT_TRY(get("experimenter", v.experimenter));
  WIREKIT_TRY(get("data", v.data));
  return {};
}
}  // namespace wirekit::json_glue

namespace wirekit::openflow::detail {
// The messages versions.cpp registers again for 1.2, 1.4 and 1.5 (declared extern there).
#define WIREKIT_INSTANTIATE_OPS(T) template msg_ops ops_of<of13::T>(std::uint8_t);
WIREKIT_OF13_REUSED_MESSAGES(WIREKIT_INSTANTIATE_OPS)
#undef WIREKIT_INSTANTIATE_OPS
}  // namespace wirekit::openflow::detail
