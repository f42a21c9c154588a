// OpenFlow 1.0 JSON glue shared by of10.cpp and of10_nx.cpp (private to src/openflow).
#pragma once
#include "json_detail.hpp"
#include "wirekit/openflow/of10.hpp"

namespace wirekit::json_glue {
template <>
struct json_traits<openflow::of10::action_strip_vlan> {
  static void to(json& j, const openflow::of10::action_strip_vlan&) {
    j = json::object();
    j["OFPActionStripVlan"] = json::object();
  }
  static status from(const json& j, openflow::of10::action_strip_vlan&, const path& p) {
    if (!j.is_object() || !j.contains("OFPActionStripVlan")) return type_error(p, "OFPActionStripVlan", j);
    return {};
  }
};
// Nicira actions in 1.0: the 1.2-1.5 JSON with "experimenter" named "vendor" and no type/len.
template <class T>
struct json_traits<openflow::of10::nx10<T>> {
  static void to(json& j, const openflow::of10::nx10<T>& v) {
    to_json_value(j, static_cast<const T&>(v));
    if (!j.is_object() || !j.contains(T::name)) return;
    json& in = j[T::name];
    in.erase("type");
    in.erase("len");
    if (auto it = in.find("experimenter"); it != in.end()) {
      json e = std::move(*it);
      in.erase(it);
      in["vendor"] = std::move(e);
    }
  }
  static status from(const json& j, openflow::of10::nx10<T>& v, const path& p) {
    if (!j.is_object() || j.size() != 1 || !j.contains(T::name)) return type_error(p, T::name, j);
    json c = j;
    json& in = c[T::name];
    if (in.is_object()) {
      in.erase("experimenter");
      if (auto it = in.find("vendor"); it != in.end()) {
        json e = std::move(*it);
        in.erase(it);
        in["experimenter"] = std::move(e);
      }
    }
    return from_json_value(c, static_cast<T&>(v), p);
  }
};
}  // namespace wirekit::json_glue
