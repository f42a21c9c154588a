// OpenFlow JSON glue for the structures whose JSON is not derived from their field list
// (OXM TLVs and ids, error messages). Included by src/openflow/*.cpp only.
#pragma once
#include "wirekit/core/json_glue.hpp"
#include "wirekit/openflow/of13.hpp"

namespace wirekit::openflow::detail {
// The wire version whose OXM names apply while converting a message to/from JSON (set by the
// message-level conversion; OXM field names differ slightly between versions).
std::uint8_t& json_version();
struct version_scope {
  std::uint8_t saved;
  explicit version_scope(std::uint8_t v) : saved(json_version()) { json_version() = v; }
  ~version_scope() { json_version() = saved; }
};
void oxm_to_json(nlohmann::json& j, const oxm_tlv& t);
status oxm_from_json(const nlohmann::json& j, oxm_tlv& t, const json_glue::path& p);
// A 32-bit NXM/OXM header (no value) from a field name, and the name of one.
bool nxm_header_from_name(const std::string& name, std::uint32_t& hdr);
std::string nxm_header_name(std::uint32_t hdr);
// Header fields of the field named `name` for the current version (value/mask untouched).
bool oxm_header_by_name(const std::string& name, oxm_tlv& t);
// The value size in bytes of the field named `name` for the current version (0: unknown).
std::size_t oxm_size_by_name(const std::string& name);
}  // namespace wirekit::openflow::detail

namespace wirekit::json_glue {
template <>
struct json_traits<openflow::oxm_tlv> {
  static void to(json& j, const openflow::oxm_tlv& v) { openflow::detail::oxm_to_json(j, v); }
  static status from(const json& j, openflow::oxm_tlv& v, const path& p) { return openflow::detail::oxm_from_json(j, v, p); }
};
template <>
struct json_traits<openflow::ofp_name> {
  static void to(json& j, const openflow::ofp_name& v);
  static status from(const json& j, openflow::ofp_name& v, const path& p);
};
template <>
struct json_traits<openflow::nxm_header> {
  // The field's name; a header that names no known field (or not canonically) as its integer.
  static void to(json& j, const openflow::nxm_header& v) {
    std::string n = openflow::detail::nxm_header_name(v.hdr);
    if (n.empty())
      j = v.hdr;
    else
      j = n;
  }
  static status from(const json& j, openflow::nxm_header& v, const path& p) {
    if (j.is_number_unsigned()) return from_json_value(j, v.hdr, p);
    if (!j.is_string()) return type_error(p, "a field name", j);
    if (!openflow::detail::nxm_header_from_name(j.get<std::string>(), v.hdr)) return type_error(p, "a known field name", j);
    return {};
  }
};
template <>
struct json_traits<openflow::nxm_header_opt> {  // "" for none
  static void to(json& j, const openflow::nxm_header_opt& v) {
    if (v.hdr == 0)
      j = "";
    else
      json_traits<openflow::nxm_header>::to(j, openflow::nxm_header{v.hdr});
  }
  static status from(const json& j, openflow::nxm_header_opt& v, const path& p) {
    if (j.is_null() || (j.is_string() && j.get_ref<const std::string&>().empty())) {
      v.hdr = 0;
      return {};
    }
    openflow::nxm_header h;
    WIREKIT_TRY(json_traits<openflow::nxm_header>::from(j, h, p));
    v.hdr = h.hdr;
    return {};
  }
};
template <class A>
struct json_traits<openflow::opt_addr<A>> {  // "" when absent
  static void to(json& j, const openflow::opt_addr<A>& v) {
    if (v.v)
      j = v.v->to_string();
    else
      j = "";
  }
  static status from(const json& j, openflow::opt_addr<A>& v, const path& p) {
    if (j.is_null() || (j.is_string() && j.get_ref<const std::string&>().empty())) {
      v.v.reset();
      return {};
    }
    v.v.emplace();
    return from_json_value(j, *v.v, p);
  }
};
template <>
struct json_traits<openflow::packet_out_data> {
  static void to(json& j, const openflow::packet_out_data& v);
  static status from(const json& j, openflow::packet_out_data& v, const path& p);
};
template <>
struct json_traits<openflow::nx_flow_spec> {
  static void to(json& j, const openflow::nx_flow_spec& v);
  static status from(const json& j, openflow::nx_flow_spec& v, const path& p);
};
template <>
struct json_traits<openflow::nx_reg_load2> {
  static void to(json& j, const openflow::nx_reg_load2& v);
  static status from(const json& j, openflow::nx_reg_load2& v, const path& p);
};
template <>
struct json_traits<openflow::nx_controller2> {
  static void to(json& j, const openflow::nx_controller2& v);
  static status from(const json& j, openflow::nx_controller2& v, const path& p);
};
template <>
struct json_traits<openflow::copy_field_oxm_id> {
  static void to(json& j, const openflow::copy_field_oxm_id& v);
  static status from(const json& j, openflow::copy_field_oxm_id& v, const path& p);
};
template <>
struct json_traits<openflow::of13::oxm_id> {
  static void to(json& j, const openflow::of13::oxm_id& v);
  static status from(const json& j, openflow::of13::oxm_id& v, const path& p);
};
template <>
struct json_traits<openflow::of13::error_msg> {
  static void to(json& j, const openflow::of13::error_msg& v);
  static status from(const json& j, openflow::of13::error_msg& v, const path& p);
};
}  // namespace wirekit::json_glue
