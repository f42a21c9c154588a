// OpenFlow 1.0 (wire 0x01): registry entries and the irregular parts.
#include "of10_json.hpp"
#include "registry.hpp"
#include "wirekit/openflow/of10.hpp"

namespace wirekit::json_glue {
template <>
struct json_traits<openflow::of10::port_map> {
  static void to(json& j, const openflow::of10::port_map& v) {
    j = json::object();
    for (const auto& p : v.ports) to_json_value(j[std::to_string(p.port_no)], p);
  }
  static status from(const json& j, openflow::of10::port_map& v, const path& p) {
    v.ports.clear();
    if (j.is_null()) return {};
    if (!j.is_object()) return type_error(p, "an object of ports", j);
    for (auto it = j.begin(); it != j.end(); ++it) {
      openflow::of10::phy_port pp;
      WIREKIT_TRY(from_json_value(it.value(), pp, p[it.key().c_str()]));
      v.ports.push_back(std::move(pp));
    }
    return {};
  }
};
}  // namespace wirekit::json_glue

namespace wirekit::openflow {
namespace of10 {
status action_strip_vlan::wire_decode(reader& r, action_strip_vlan&) {
  if (!r.has(8)) return truncated_error(proto_name, "OFPActionStripVlan", r.offset(), 8, r.remaining());
  std::size_t len = load_be16(r.data() + 2);
  if (len < 8 || len > r.remaining()) return openflow::detail::bad_length("OFPActionStripVlan", r.offset() + 2, len, 8, r.remaining());
  r.skip(len);
  return {};
}
status action_strip_vlan::wire_encode(writer& w, const action_strip_vlan&) {
  w.u16(3);
  w.u16(8);
  w.zeros(4);
  return {};
}
}  // namespace of10

namespace detail {
template <>
struct class_collector<of10::port_map> {
  static void run(std::set<std::string>& s) { collect_classes<of10::phy_port>(s); }
};

void register_of10(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of10;
  add_all<hello, error_msg, of13::echo_request, of13::echo_reply, vendor_msg, of13::features_request, switch_features,
          of13::get_config_request, of13::get_config_reply, of13::set_config, packet_in, packet_out, flow_mod,
          barrier_request, barrier_reply, flow_removed, port_status, port_mod, queue_get_config_request,
          queue_get_config_reply, desc_stats_request, desc_stats_reply, flow_stats_request, flow_stats_reply,
          aggregate_stats_request, aggregate_stats_reply, table_stats_request, table_stats_reply, port_stats_request,
          port_stats_reply, queue_stats_request, queue_stats_reply, vendor_stats_request, vendor_stats_reply>(v, version);
  register_of10_nx(v, version);
}
}  // namespace detail
}  // namespace wirekit::openflow
