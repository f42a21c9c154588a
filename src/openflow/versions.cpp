// OpenFlow 1.2, 1.4 and 1.5: registry entries. Messages whose wire form is OpenFlow 1.3's reuse
// the of13 structs; the others are in of12.hpp (and of15.hpp, registered by of15.cpp).
#include "registry.hpp"
#include "wirekit/openflow/of14.hpp"

namespace wirekit::openflow::detail {

// Instantiated in of13.cpp.
#define WIREKIT_EXTERN_OPS(T) extern template msg_ops ops_of<of13::T>(std::uint8_t);
WIREKIT_OF13_REUSED_MESSAGES(WIREKIT_EXTERN_OPS)
#undef WIREKIT_EXTERN_OPS

void register_of12(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of13;
  add_all<of12::hello, error_msg, echo_request, echo_reply, experimenter_msg, features_request, get_config_request,
          get_config_reply, set_config, of12::packet_in, flow_removed, port_status, packet_out, flow_mod, group_mod,
          port_mod, table_mod, barrier_request, barrier_reply, queue_get_config_request, queue_get_config_reply,
          role_request, role_reply>(v, version);
  add_all<desc_stats_request, flow_stats_request, aggregate_stats_request, table_stats_request, port_stats_request,
          queue_stats_request, group_stats_request, group_desc_stats_request, group_features_stats_request>(v, version);
  add_all<of12::desc_stats_reply, of12::flow_stats_reply, of12::aggregate_stats_reply, of12::table_stats_reply,
          of12::port_stats_reply, of12::queue_stats_reply, of12::group_stats_reply, of12::group_desc_stats_reply,
          of12::group_features_stats_reply>(v, version);
}

void register_of14(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of13;
  add_all<hello, error_msg, echo_request, echo_reply, experimenter_msg, features_request, switch_features,
          get_config_request, get_config_reply, set_config, packet_in, flow_removed, packet_out, of14::flow_mod,
          group_mod, barrier_request, barrier_reply, role_request, role_reply, get_async_request, meter_mod>(v, version);
  add_all<of14::port_status, of14::port_desc_stats_reply, of14::port_mod, of14::table_mod, of14::table_status,
          of14::table_desc_stats_request, of14::table_desc_stats_reply, of14::role_status, of14::get_async_reply,
          of14::set_async, of14::bundle_ctrl_msg>(v, version);
  add_all<desc_stats_request, desc_stats_reply, flow_stats_request, aggregate_stats_request, aggregate_stats_reply,
          table_stats_request, table_stats_reply, port_stats_request, queue_stats_request, group_stats_request,
          group_stats_reply, group_desc_stats_request, group_desc_stats_reply, group_features_stats_request,
          group_features_stats_reply, meter_stats_request, meter_stats_reply, meter_config_stats_request,
          meter_config_stats_reply, meter_features_stats_request, meter_features_stats_reply,
          table_features_stats_request, table_features_stats_reply, port_desc_stats_request,
          experimenter_stats_request, experimenter_stats_reply>(v, version);
}

void register_of15(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of13;
  add_all<hello, error_msg, echo_request, echo_reply, experimenter_msg, features_request, switch_features,
          get_config_request, get_config_reply, set_config, of14::flow_mod, barrier_request, barrier_reply,
          get_async_request, packet_in, of15::packet_out, meter_mod>(v, version);
  add_all<desc_stats_request, desc_stats_reply, aggregate_stats_request, table_stats_request, table_stats_reply,
          port_stats_request, queue_stats_request, group_stats_request, group_stats_reply, group_features_stats_request,
          group_features_stats_reply, meter_stats_request, meter_features_stats_request, experimenter_stats_request,
          experimenter_stats_reply>(v, version);
  add_all<of14::port_status, of14::port_desc_stats_reply, of14::port_mod, of14::table_mod, of14::table_status,
          of14::table_desc_stats_request, of14::table_desc_stats_reply, of14::role_status, of14::get_async_reply,
          of14::set_async, of14::bundle_ctrl_msg>(v, version);
}

}  // namespace wirekit::openflow::detail
