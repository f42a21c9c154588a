// OpenFlow 1.0 (wire 0x01) messages and structures, with os-ken's class names. OF1.0 actions
// show no type/len in os-ken's JSON: the type is a constant of the class and the length is
// computed, both written by the hook of the action's first field.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/openflow/of13.hpp"

namespace wirekit::openflow::of10 {

namespace detail {
// Type (constant) and length (patched by encode_elem, len_at = 2) before member M of W bytes.
template <auto M, std::uint16_t Type, std::size_t W>
struct tl_then {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    if (!r.has(4 + W)) return truncated_error(p, "action", r.offset(), 4 + W, r.remaining());
    r.skip(4);
    auto& m = o.*M;
    if constexpr (requires { m.b; })
      r.copy(m.b.data(), W);
    else
      m = static_cast<std::remove_cvref_t<decltype(m)>>(r.uint(W));
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    w.u16(Type);
    w.u16(0);
    const auto& m = o.*M;
    if constexpr (requires { m.b; })
      w.put(m.b.data(), W);
    else {
      if (W < 8 && (static_cast<std::uint64_t>(m) >> (8 * W)) != 0)
        return make_error(proto_name, "action", w.size(), "value does not fit");
      w.uint(static_cast<std::uint64_t>(m), W);
    }
    return {};
  }
};
}  // namespace detail
template <auto M, std::uint16_t Type, std::size_t W>
constexpr auto tl_field(const char* n) {
  return wire::field<M>(n, wire::hook<detail::tl_then<M, Type, W>>);
}

template <std::uint16_t Type>
struct action10 {
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
};
struct action_output : action10<0> {
  using self = action_output;
  static constexpr const char* name = "OFPActionOutput";
  std::uint16_t port = 0, max_len = 0xffe5;
  static constexpr auto wire = wire::fields(tl_field<&self::port, 0, 2>("port"), WKOF_F(max_len, be16));
};
struct action_vlan_vid : action10<1> {
  using self = action_vlan_vid;
  static constexpr const char* name = "OFPActionVlanVid";
  std::uint16_t vlan_vid = 0;
  static constexpr auto wire = wire::fields(tl_field<&self::vlan_vid, 1, 2>("vlan_vid"), wire::pad<2>);
};
struct action_vlan_pcp : action10<2> {
  using self = action_vlan_pcp;
  static constexpr const char* name = "OFPActionVlanPcp";
  std::uint8_t vlan_pcp = 0;
  static constexpr auto wire = wire::fields(tl_field<&self::vlan_pcp, 2, 1>("vlan_pcp"), wire::pad<3>);
};
// OFPActionStripVlan has no JSON fields: coded by hand.
struct action_strip_vlan : action10<3> {
  static constexpr const char* name = "OFPActionStripVlan";
  static status wire_decode(reader& r, action_strip_vlan&);
  static status wire_encode(writer& w, const action_strip_vlan&);
};
#define WKOF_DL_ACTION(cls, num, jname)                                                                 \
  struct cls : action10<num> {                                                                          \
    using self = cls;                                                                                   \
    static constexpr const char* name = jname;                                                          \
    mac_addr dl_addr;                                                                                   \
    static constexpr auto wire = wire::fields(tl_field<&self::dl_addr, num, 6>("dl_addr"), wire::pad<6>); \
  };
WKOF_DL_ACTION(action_set_dl_src, 4, "OFPActionSetDlSrc")
WKOF_DL_ACTION(action_set_dl_dst, 5, "OFPActionSetDlDst")
#define WKOF_NW_ACTION(cls, num, jname)                                                    \
  struct cls : action10<num> {                                                             \
    using self = cls;                                                                      \
    static constexpr const char* name = jname;                                             \
    ipv4_addr nw_addr;                                                                     \
    static constexpr auto wire = wire::fields(tl_field<&self::nw_addr, num, 4>("nw_addr")); \
  };
WKOF_NW_ACTION(action_set_nw_src, 6, "OFPActionSetNwSrc")
WKOF_NW_ACTION(action_set_nw_dst, 7, "OFPActionSetNwDst")
struct action_set_nw_tos : action10<8> {
  using self = action_set_nw_tos;
  static constexpr const char* name = "OFPActionSetNwTos";
  std::uint8_t tos = 0;
  static constexpr auto wire = wire::fields(tl_field<&self::tos, 8, 1>("tos"), wire::pad<3>);
};
#define WKOF_TP_ACTION(cls, num, jname)                                                             \
  struct cls : action10<num> {                                                                      \
    using self = cls;                                                                               \
    static constexpr const char* name = jname;                                                      \
    std::uint16_t tp = 0;                                                                           \
    static constexpr auto wire = wire::fields(tl_field<&self::tp, num, 2>("tp"), wire::pad<2>);      \
  };
WKOF_TP_ACTION(action_set_tp_src, 9, "OFPActionSetTpSrc")
WKOF_TP_ACTION(action_set_tp_dst, 10, "OFPActionSetTpDst")
struct action_enqueue : action10<11> {
  using self = action_enqueue;
  static constexpr const char* name = "OFPActionEnqueue";
  std::uint16_t port = 0;
  std::uint32_t queue_id = 0;
  static constexpr auto wire = wire::fields(tl_field<&self::port, 11, 2>("port"), wire::pad<6>, WKOF_F(queue_id, be32));
};
// Nicira actions in OpenFlow 1.0: the 1.2-1.5 structs of nx.hpp (the same wire form: vendor
// action 0xffff, vendor 0x2320, subtype); os-ken's 1.0 JSON names the vendor id "vendor" and shows
// no "type"/"len" (json_traits<of10::nx10<T>> in src/openflow/of10.cpp).
template <class T>
struct nx10 : T {};
using action = std::variant<
    action_output, action_vlan_vid, action_vlan_pcp, action_strip_vlan, action_set_dl_src, action_set_dl_dst,
    action_set_nw_src, action_set_nw_dst, action_set_nw_tos, action_set_tp_src, action_set_tp_dst, action_enqueue,
    nx10<nx_resubmit>, nx10<nx_reg_move>, nx10<nx_reg_load>, nx10<nx_note>, nx10<nx_resubmit_table>,
    nx10<nx_fin_timeout>, nx10<nx_controller>, nx10<nx_dec_ttl_cnt_ids>, nx10<nx_stack_push>, nx10<nx_stack_pop>,
    nx10<nx_sample>, nx10<nx_conjunction>, nx10<nx_sample2>, nx10<nx_output_trunc>, nx10<nx_ct_clear>, nx10<nx_ct>,
    nx10<nx_nat>, nx10<nx_learn>, nx10<nx_controller2>, nx10<nx_pop_queue>, nx10<nx_exit>, nx10<nx_dec_ttl>,
    nx10<nx_dec_mpls_ttl>, nx10<nx_dec_nsh_ttl>, nx10<nx_set_tunnel>, nx10<nx_set_queue>, nx10<nx_set_tunnel64>,
    nx10<nx_multipath>, nx10<nx_bundle>, nx10<nx_bundle_load>, nx10<nx_output_reg>, nx10<nx_push_mpls>,
    nx10<nx_pop_mpls>, nx10<nx_set_mpls_ttl>, nx10<nx_set_mpls_label>, nx10<nx_set_mpls_tc>, nx10<nx_output_reg2>,
    nx10<nx_encap_ether>, nx10<nx_reg_load2>, nx10<nx_unknown>>;

struct match {  // ofp_match, 40 bytes; every field always present in JSON
  using self = match;
  static constexpr const char* name = "OFPMatch";
  std::uint32_t wildcards = 0x3fffff;
  std::uint16_t in_port = 0;
  mac_addr dl_src, dl_dst;
  std::uint16_t dl_vlan = 0;
  std::uint8_t dl_vlan_pcp = 0;
  std::uint16_t dl_type = 0;
  std::uint8_t nw_tos = 0, nw_proto = 0;
  ipv4_addr nw_src, nw_dst;
  std::uint16_t tp_src = 0, tp_dst = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(wildcards, be32), WKOF_F(in_port, be16), WKOF_F(dl_src, addr), WKOF_F(dl_dst, addr), WKOF_F(dl_vlan, be16),
      WKOF_F(dl_vlan_pcp, u8), wire::pad<1>, WKOF_F(dl_type, be16), WKOF_F(nw_tos, u8), WKOF_F(nw_proto, u8),
      wire::pad<2>, WKOF_F(nw_src, addr), WKOF_F(nw_dst, addr), WKOF_F(tp_src, be16), WKOF_F(tp_dst, be16));
};

struct barrier_request {
  WKOF_MSG(barrier_request, 18, "OFPBarrierRequest")
  static constexpr auto wire = wire::fields(wire::pad<0>);
};
struct barrier_reply {
  WKOF_MSG(barrier_reply, 19, "OFPBarrierReply")
  static constexpr auto wire = wire::fields(wire::pad<0>);
};
struct hello {
  WKOF_MSG(hello, 0, "OFPHello")
  static constexpr auto wire = wire::fields(wire::pad<0>);
};
struct error_msg {
  WKOF_MSG(error_msg, 1, "OFPErrorMsg")
  std::uint16_t type = 0, code = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(code, be16), WKOF_F(data, rest));
};
struct vendor_msg {
  WKOF_MSG(vendor_msg, 4, "OFPVendor")
  std::uint32_t vendor = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(vendor, be32), WKOF_F(data, rest));
};
struct phy_port {
  using self = phy_port;
  static constexpr const char* name = "OFPPhyPort";
  std::uint16_t port_no = 0;
  mac_addr hw_addr;
  ofp_name name_;
  std::uint32_t config = 0, state = 0, curr = 0, advertised = 0, supported = 0, peer = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be16), WKOF_F(hw_addr, addr), str<&self::name_, 16>("name"),
                                            WKOF_F(config, be32), WKOF_F(state, be32), WKOF_F(curr, be32),
                                            WKOF_F(advertised, be32), WKOF_F(supported, be32), WKOF_F(peer, be32));
};
// os-ken shows the ports of a features reply as an object keyed by port number (text).
struct port_map {
  std::vector<phy_port> ports;
};
struct switch_features {
  WKOF_MSG(switch_features, 6, "OFPSwitchFeatures")
  std::uint64_t datapath_id = 0;
  std::uint32_t n_buffers = 0;
  std::uint8_t n_tables = 0;
  std::uint32_t capabilities = 0, actions = 0;
  port_map ports;
  struct ports_codec {
    static status decode(reader& r, switch_features& o, const char* p) {
      return openflow::detail::decode_list(r, o.ports.ports, p);
    }
    static status encode(writer& w, const switch_features& o, std::size_t) {
      return openflow::detail::encode_list(w, o.ports.ports);
    }
  };
  static constexpr auto wire =
      wire::fields(WKOF_F(datapath_id, be64), WKOF_F(n_buffers, be32), WKOF_F(n_tables, u8), wire::pad<3>,
                   WKOF_F(capabilities, be32), WKOF_F(actions, be32), WKOF_F(ports, hook<ports_codec>));
};
struct packet_in {
  WKOF_MSG(packet_in, 10, "OFPPacketIn")
  std::uint32_t buffer_id = 0;
  std::uint16_t total_len = 0, in_port = 0;
  std::uint8_t reason = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(buffer_id, be32), WKOF_F(total_len, be16), WKOF_F(in_port, be16),
                                            WKOF_F(reason, u8), wire::pad<1>, WKOF_F(data, rest));
};
struct packet_out {
  WKOF_MSG(packet_out, 13, "OFPPacketOut")
  std::uint32_t buffer_id = 0xffffffff;
  std::uint16_t in_port = 0;
  std::vector<action> actions;
  packet_out_data data;
  struct actions_codec {  // actions_len (not in os-ken's JSON), then the actions
    static status decode(reader& r, packet_out& o, const char* p) {
      if (!r.has(2)) return truncated_error(p, "actions_len", r.offset(), 2, r.remaining());
      std::size_t n = r.u16();
      if (!r.has(n)) return truncated_error(p, "actions", r.offset(), n, r.remaining());
      reader sub = r.sub(n);
      return openflow::detail::decode_list(sub, o.actions, "action");
    }
    static status encode(writer& w, const packet_out& o, std::size_t) {
      std::size_t at = w.size();
      w.u16(0);
      WIREKIT_TRY(openflow::detail::encode_list(w, o.actions));
      w.patch_u16(at, w.size() - at - 2);
      return {};
    }
  };
  static constexpr auto wire = wire::fields(WKOF_F(buffer_id, be32), WKOF_F(in_port, be16),
                                            WKOF_F(actions, hook<actions_codec>), WKOF_F(data, rest_or_null));
};
struct flow_mod {
  WKOF_MSG(flow_mod, 14, "OFPFlowMod")
  of10::match match;
  std::uint64_t cookie = 0;
  std::uint16_t command = 0, idle_timeout = 0, hard_timeout = 0, priority = 0x8000;
  std::uint32_t buffer_id = 0xffffffff;
  std::uint16_t out_port = 0xffff, flags = 0;
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(obj<&self::match>("match"), WKOF_F(cookie, be64), WKOF_F(command, be16),
                                            WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(priority, be16),
                                            WKOF_F(buffer_id, be32), WKOF_F(out_port, be16), WKOF_F(flags, be16),
                                            list_of<&self::actions>("actions"));
};

// ---- asynchronous -------------------------------------------------------------------------
struct flow_removed {
  WKOF_MSG(flow_removed, 11, "OFPFlowRemoved")
  of10::match match;
  std::uint64_t cookie = 0;
  std::uint16_t priority = 0;
  std::uint8_t reason = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t idle_timeout = 0;
  std::uint64_t packet_count = 0, byte_count = 0;
  static constexpr auto wire = wire::fields(obj<&self::match>("match"), WKOF_F(cookie, be64), WKOF_F(priority, be16),
                                            WKOF_F(reason, u8), wire::pad<1>, WKOF_F(duration_sec, be32),
                                            WKOF_F(duration_nsec, be32), WKOF_F(idle_timeout, be16), wire::pad<2>,
                                            WKOF_F(packet_count, be64), WKOF_F(byte_count, be64));
};
struct port_status {
  WKOF_MSG(port_status, 12, "OFPPortStatus")
  std::uint8_t reason = 0;
  phy_port desc;
  static constexpr auto wire = wire::fields(WKOF_F(reason, u8), wire::pad<7>, obj<&self::desc>("desc"));
};

// ---- controller-to-switch -----------------------------------------------------------------
struct port_mod {
  WKOF_MSG(port_mod, 15, "OFPPortMod")
  std::uint16_t port_no = 0;
  mac_addr hw_addr;
  std::uint32_t config = 0, mask = 0, advertise = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be16), WKOF_F(hw_addr, addr), WKOF_F(config, be32),
                                            WKOF_F(mask, be32), WKOF_F(advertise, be32), wire::pad<4>);
};

// Queue configuration (properties: os-ken's OFPQueuePropNone and OFPQueuePropMinRate).
struct queue_prop_none : of13::queue_prop_head<0> {
  using self = queue_prop_none;
  static constexpr const char* name = "OFPQueuePropNone";
  static constexpr auto wire = wire::fields(WKOF_F(property, be16), WKOF_F(len, be16), wire::pad<4>);
};
struct queue_prop_min_rate : of13::queue_prop_head<1> {
  using self = queue_prop_min_rate;
  static constexpr const char* name = "OFPQueuePropMinRate";
  std::uint16_t rate = 0;
  static constexpr auto wire = wire::fields(WKOF_F(property, be16), WKOF_F(len, be16), wire::pad<4>, WKOF_F(rate, be16), wire::pad<6>);
};
using queue_prop = std::variant<queue_prop_none, queue_prop_min_rate>;
struct packet_queue {
  using self = packet_queue;
  static constexpr const char* name = "OFPPacketQueue";
  static constexpr std::size_t len_at = 4;
  std::uint32_t queue_id = 0;
  std::uint16_t len = 0;
  std::vector<queue_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(queue_id, be32), WKOF_F(len, be16), wire::pad<2>,
                                            list_of<&self::properties>("properties"));
};
struct queue_get_config_request {
  WKOF_MSG(queue_get_config_request, 20, "OFPQueueGetConfigRequest")
  std::uint16_t port = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port, be16), wire::pad<2>);
};
struct queue_get_config_reply {
  WKOF_MSG(queue_get_config_reply, 21, "OFPQueueGetConfigReply")
  std::uint16_t port = 0;
  std::vector<packet_queue> queues;
  static constexpr auto wire = wire::fields(WKOF_F(port, be16), wire::pad<6>, list_of<&self::queues>("queues"));
};

// ---- statistics (OFPT_STATS_REQUEST 16 / OFPT_STATS_REPLY 17: type and flags, no padding) ----
#define WKOF10_STATS(cls, num, st, jname)      \
  WKOF_MSG(cls, num, jname)                    \
  static constexpr std::uint16_t mp_type = st; \
  std::uint16_t type = st, flags = 0;
#define WKOF10_STATS_HEAD WKOF_F(type, be16), WKOF_F(flags, be16)
#define WKOF10_EMPTY_REQ(cls, st, jname)                          \
  struct cls {                                                    \
    WKOF10_STATS(cls, 16, st, jname)                              \
    static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD); \
  };
// A reply whose body is one structure (B) or a list of them (std::vector<B>), as os-ken has it.
#define WKOF10_REPLY(cls, st, jname, B)                                                                          \
  struct cls {                                                                                                   \
    WKOF10_STATS(cls, 17, st, jname)                                                                             \
    B body{};                                                                                                    \
    static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD, ::wirekit::openflow::of13::body_field<&self::body>("body")); \
  };

using of13::desc_stats;
WKOF10_EMPTY_REQ(desc_stats_request, 0, "OFPDescStatsRequest")
WKOF10_REPLY(desc_stats_reply, 0, "OFPDescStatsReply", desc_stats)

#define WKOF10_FLOW_REQ(cls, st, jname)                                                                     \
  struct cls {                                                                                              \
    WKOF10_STATS(cls, 16, st, jname)                                                                        \
    of10::match match;                                                                                      \
    std::uint8_t table_id = 0xff;                                                                           \
    std::uint16_t out_port = 0xffff;                                                                        \
    static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD, obj<&self::match>("match"), WKOF_F(table_id, u8), \
                                              wire::pad<1>, WKOF_F(out_port, be16));                        \
  };
WKOF10_FLOW_REQ(flow_stats_request, 1, "OFPFlowStatsRequest")
WKOF10_FLOW_REQ(aggregate_stats_request, 2, "OFPAggregateStatsRequest")
#undef WKOF10_FLOW_REQ

struct flow_stats {
  using self = flow_stats;
  static constexpr const char* name = "OFPFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  of10::match match;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0;
  std::uint64_t cookie = 0, packet_count = 0, byte_count = 0;
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, obj<&self::match>("match"), WKOF_F(duration_sec, be32),
      WKOF_F(duration_nsec, be32), WKOF_F(priority, be16), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16),
      wire::pad<6>, WKOF_F(cookie, be64), WKOF_F(packet_count, be64), WKOF_F(byte_count, be64),
      list_of<&self::actions>("actions"));
};
WKOF10_REPLY(flow_stats_reply, 1, "OFPFlowStatsReply", std::vector<flow_stats>)
using of13::aggregate_stats;
WKOF10_REPLY(aggregate_stats_reply, 2, "OFPAggregateStatsReply", std::vector<aggregate_stats>)

struct table_stats {
  using self = table_stats;
  static constexpr const char* name = "OFPTableStats";
  std::uint8_t table_id = 0;
  ofp_name name_;
  std::uint32_t wildcards = 0, max_entries = 0, active_count = 0;
  std::uint64_t lookup_count = 0, matched_count = 0;
  static constexpr auto wire = wire::fields(WKOF_F(table_id, u8), wire::pad<3>, str<&self::name_, 32>("name"),
                                            WKOF_F(wildcards, be32), WKOF_F(max_entries, be32), WKOF_F(active_count, be32),
                                            WKOF_F(lookup_count, be64), WKOF_F(matched_count, be64));
};
WKOF10_EMPTY_REQ(table_stats_request, 3, "OFPTableStatsRequest")
WKOF10_REPLY(table_stats_reply, 3, "OFPTableStatsReply", std::vector<table_stats>)

struct port_stats_request {
  WKOF10_STATS(port_stats_request, 16, 4, "OFPPortStatsRequest")
  std::uint16_t port_no = 0xffff;
  static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD, WKOF_F(port_no, be16), wire::pad<6>);
};
struct port_stats {
  using self = port_stats;
  static constexpr const char* name = "OFPPortStats";
  std::uint16_t port_no = 0;
  std::uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0, rx_dropped = 0, tx_dropped = 0,
                rx_errors = 0, tx_errors = 0, rx_frame_err = 0, rx_over_err = 0, rx_crc_err = 0, collisions = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(port_no, be16), wire::pad<6>, WKOF_F(rx_packets, be64), WKOF_F(tx_packets, be64), WKOF_F(rx_bytes, be64),
      WKOF_F(tx_bytes, be64), WKOF_F(rx_dropped, be64), WKOF_F(tx_dropped, be64), WKOF_F(rx_errors, be64),
      WKOF_F(tx_errors, be64), WKOF_F(rx_frame_err, be64), WKOF_F(rx_over_err, be64), WKOF_F(rx_crc_err, be64),
      WKOF_F(collisions, be64));
};
WKOF10_REPLY(port_stats_reply, 4, "OFPPortStatsReply", std::vector<port_stats>)

struct queue_stats_request {
  WKOF10_STATS(queue_stats_request, 16, 5, "OFPQueueStatsRequest")
  std::uint16_t port_no = 0xfffc;
  std::uint32_t queue_id = 0xffffffff;
  static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD, WKOF_F(port_no, be16), wire::pad<2>, WKOF_F(queue_id, be32));
};
struct queue_stats {
  using self = queue_stats;
  static constexpr const char* name = "OFPQueueStats";
  std::uint16_t port_no = 0;
  std::uint32_t queue_id = 0;
  std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be16), wire::pad<2>, WKOF_F(queue_id, be32),
                                            WKOF_F(tx_bytes, be64), WKOF_F(tx_packets, be64), WKOF_F(tx_errors, be64));
};
WKOF10_REPLY(queue_stats_reply, 5, "OFPQueueStatsReply", std::vector<queue_stats>)

// Vendor statistics stay raw: the request's vendor and data, and the reply's whole body after
// type and flags (vendor id included), as os-ken's OFPVendorStats shows it.
struct vendor_stats_request {
  WKOF10_STATS(vendor_stats_request, 16, 0xffff, "OFPVendorStatsRequest")
  std::uint32_t vendor = 0;
  bytes specific_data;
  static constexpr auto wire = wire::fields(WKOF10_STATS_HEAD, WKOF_F(vendor, be32), WKOF_F(specific_data, rest));
};
struct vendor_stats {
  using self = vendor_stats;
  static constexpr const char* name = "OFPVendorStats";
  bytes specific_data;
  static constexpr auto wire = wire::fields(WKOF_F(specific_data, rest));
};
WKOF10_REPLY(vendor_stats_reply, 0xffff, "OFPVendorStatsReply", vendor_stats)
#undef WKOF10_EMPTY_REQ
#undef WKOF10_REPLY

}  // namespace wirekit::openflow::of10
