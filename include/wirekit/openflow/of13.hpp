// OpenFlow 1.3 (wire version 0x04) messages and their structures, with os-ken's class names.
// A message is a struct with `msg_type` (and `mp_type` for multipart) and its field list after
// the 8-byte header; the header (version, type, length, xid) lives in openflow::message.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/openflow/common.hpp"

namespace wirekit::openflow::of13 {

using openflow::action;
using openflow::instruction;
using openflow::match;
using openflow::oxm_tlv;

#define WKOF_MSG(cls, num, jname)   \
  using self = cls;                 \
  static constexpr const char* name = jname; \
  static constexpr std::uint8_t msg_type = num;

// ---- symmetric ----------------------------------------------------------------------------
struct hello_elem_versionbitmap {
  using self = hello_elem_versionbitmap;
  static constexpr const char* name = "OFPHelloElemVersionBitmap";
  static constexpr std::uint16_t tlv_type = 1;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t type = 1, length = 0;
  std::vector<std::uint32_t> versions;  // version numbers (JSON); a bitmap on the wire
  struct bitmap_codec {
    static status decode(reader& r, hello_elem_versionbitmap& o, const char* p);
    static status encode(writer& w, const hello_elem_versionbitmap& o, std::size_t);
  };
  static constexpr auto wire =
      wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), WKOF_F(versions, hook<bitmap_codec>));
};
struct hello_elem_unknown {
  using self = hello_elem_unknown;
  static constexpr const char* name = "OFPHelloElemUnknown";
  static constexpr bool tlv_unknown = true;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t type = 0, length = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), WKOF_F(data, rest));
};
using hello_elem = std::variant<hello_elem_versionbitmap, hello_elem_unknown>;

struct hello {
  WKOF_MSG(hello, 0, "OFPHello")
  std::vector<hello_elem> elements;
  static constexpr auto wire = wire::fields(list_of<&self::elements>("elements"));
};

// Error: `code` is null and exp_type/experimenter are present when type is 0xffff.
struct error_msg {
  WKOF_MSG(error_msg, 1, "OFPErrorMsg")
  std::uint16_t type = 0;
  std::uint16_t code = 0;
  std::uint16_t exp_type = 0;
  std::uint32_t experimenter = 0;
  bytes data;
  struct body_codec {
    static status decode(reader& r, error_msg& o, const char* p);
    static status encode(writer& w, const error_msg& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(code, hook<body_codec>));
};

struct echo_request {
  WKOF_MSG(echo_request, 2, "OFPEchoRequest")
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(data, rest));
};
struct echo_reply {
  WKOF_MSG(echo_reply, 3, "OFPEchoReply")
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(data, rest));
};
struct experimenter_msg {
  WKOF_MSG(experimenter_msg, 4, "OFPExperimenter")
  std::uint32_t experimenter = 0, exp_type = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_FN(experimenter, "experimenter", be32), WKOF_F(exp_type, be32), WKOF_F(data, rest));
};

// ---- switch configuration -----------------------------------------------------------------
#define WKOF_EMPTY_MSG(cls, num, jname)                   \
  struct cls {                                            \
    WKOF_MSG(cls, num, jname)                             \
    static constexpr auto wire = wire::fields(wire::pad<0>); \
  };
WKOF_EMPTY_MSG(features_request, 5, "OFPFeaturesRequest")
WKOF_EMPTY_MSG(get_config_request, 7, "OFPGetConfigRequest")
WKOF_EMPTY_MSG(barrier_request, 20, "OFPBarrierRequest")
WKOF_EMPTY_MSG(barrier_reply, 21, "OFPBarrierReply")
WKOF_EMPTY_MSG(get_async_request, 26, "OFPGetAsyncRequest")

struct switch_features {
  WKOF_MSG(switch_features, 6, "OFPSwitchFeatures")
  std::uint64_t datapath_id = 0;
  std::uint32_t n_buffers = 0;
  std::uint8_t n_tables = 0, auxiliary_id = 0;
  std::uint32_t capabilities = 0;
  static constexpr auto wire = wire::fields(WKOF_F(datapath_id, be64), WKOF_F(n_buffers, be32), WKOF_F(n_tables, u8),
                                            WKOF_F(auxiliary_id, u8), wire::pad<2>, WKOF_F(capabilities, be32),
                                            wire::pad<4>);
};
struct get_config_reply {
  WKOF_MSG(get_config_reply, 8, "OFPGetConfigReply")
  std::uint16_t flags = 0, miss_send_len = 0;
  static constexpr auto wire = wire::fields(WKOF_F(flags, be16), WKOF_F(miss_send_len, be16));
};
struct set_config {
  WKOF_MSG(set_config, 9, "OFPSetConfig")
  std::uint16_t flags = 0, miss_send_len = 0;
  static constexpr auto wire = wire::fields(WKOF_F(flags, be16), WKOF_F(miss_send_len, be16));
};

// ---- asynchronous -------------------------------------------------------------------------
struct packet_in {
  WKOF_MSG(packet_in, 10, "OFPPacketIn")
  std::uint32_t buffer_id = 0;
  std::uint16_t total_len = 0;
  std::uint8_t reason = 0, table_id = 0;
  std::uint64_t cookie = 0;
  openflow::match match;
  bytes data;
  static constexpr auto wire =
      wire::fields(WKOF_F(buffer_id, be32), WKOF_F(total_len, be16), WKOF_F(reason, u8), WKOF_F(table_id, u8),
                   WKOF_F(cookie, be64), obj<&self::match>("match"), wire::pad<2>, WKOF_F(data, rest));
};
struct flow_removed {
  WKOF_MSG(flow_removed, 11, "OFPFlowRemoved")
  std::uint64_t cookie = 0;
  std::uint16_t priority = 0;
  std::uint8_t reason = 0, table_id = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t idle_timeout = 0, hard_timeout = 0;
  std::uint64_t packet_count = 0, byte_count = 0;
  openflow::match match;
  static constexpr auto wire = wire::fields(
      WKOF_F(cookie, be64), WKOF_F(priority, be16), WKOF_F(reason, u8), WKOF_F(table_id, u8), WKOF_F(duration_sec, be32),
      WKOF_F(duration_nsec, be32), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(packet_count, be64),
      WKOF_F(byte_count, be64), obj<&self::match>("match"));
};
struct port {  // ofp_port, 64 bytes
  using self = port;
  static constexpr const char* name = "OFPPort";
  std::uint32_t port_no = 0;
  mac_addr hw_addr;
  ofp_name name_;
  std::uint32_t config = 0, state = 0, curr = 0, advertised = 0, supported = 0, peer = 0, curr_speed = 0,
                max_speed = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(port_no, be32), wire::pad<4>, WKOF_F(hw_addr, addr), wire::pad<2>, str<&self::name_, 16>("name"),
      WKOF_F(config, be32), WKOF_F(state, be32), WKOF_F(curr, be32), WKOF_F(advertised, be32),
      WKOF_F(supported, be32), WKOF_F(peer, be32), WKOF_F(curr_speed, be32), WKOF_F(max_speed, be32));
};
struct port_status {
  WKOF_MSG(port_status, 12, "OFPPortStatus")
  std::uint8_t reason = 0;
  port desc;
  static constexpr auto wire = wire::fields(WKOF_F(reason, u8), wire::pad<7>, obj<&self::desc>("desc"));
};

// ---- controller-to-switch -----------------------------------------------------------------
struct packet_out {
  WKOF_MSG(packet_out, 13, "OFPPacketOut")
  std::uint32_t buffer_id = 0xffffffff, in_port = 0;
  std::uint16_t actions_len = 0;
  std::vector<action> actions;
  packet_out_data data;
  struct actions_codec {
    static status decode(reader& r, packet_out& o, const char* p);
    static status encode(writer& w, const packet_out& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_F(buffer_id, be32), WKOF_F(in_port, be32),
                                            WKOF_F(actions_len, hook<actions_codec>), wire::field<&self::actions>("actions", wire::json_only),
                                            WKOF_F(data, rest_or_null));
};
struct flow_mod {
  WKOF_MSG(flow_mod, 14, "OFPFlowMod")
  std::uint64_t cookie = 0, cookie_mask = 0;
  std::uint8_t table_id = 0, command = 0;
  std::uint16_t idle_timeout = 0, hard_timeout = 0, priority = 0x8000;
  std::uint32_t buffer_id = 0xffffffff, out_port = 0, out_group = 0;
  std::uint16_t flags = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(cookie, be64), WKOF_F(cookie_mask, be64), WKOF_F(table_id, u8), WKOF_F(command, u8),
      WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(priority, be16), WKOF_F(buffer_id, be32),
      WKOF_F(out_port, be32), WKOF_F(out_group, be32), WKOF_F(flags, be16), wire::pad<2>,
      obj<&self::match>("match"), list_of<&self::instructions>("instructions"));
};
struct bucket {
  using self = bucket;
  static constexpr const char* name = "OFPBucket";
  static constexpr std::size_t len_at = 0;
  std::uint16_t len = 0, weight = 0;
  std::uint32_t watch_port = 0xffffffff, watch_group = 0xffffffff;
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(WKOF_F(len, be16), WKOF_F(weight, be16), WKOF_F(watch_port, be32),
                                            WKOF_F(watch_group, be32), wire::pad<4>, list_of<&self::actions>("actions"));
};
struct group_mod {
  WKOF_MSG(group_mod, 15, "OFPGroupMod")
  std::uint16_t command = 0;
  std::uint8_t type = 0;
  std::uint32_t group_id = 0;
  std::vector<bucket> buckets;
  static constexpr auto wire = wire::fields(WKOF_F(command, be16), WKOF_F(type, u8), wire::pad<1>, WKOF_F(group_id, be32),
                                            list_of<&self::buckets>("buckets"));
};
struct port_mod {
  WKOF_MSG(port_mod, 16, "OFPPortMod")
  std::uint32_t port_no = 0;
  mac_addr hw_addr;
  std::uint32_t config = 0, mask = 0, advertise = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be32), wire::pad<4>, WKOF_F(hw_addr, addr), wire::pad<2>,
                                            WKOF_F(config, be32), WKOF_F(mask, be32), WKOF_F(advertise, be32), wire::pad<4>);
};
struct table_mod {
  WKOF_MSG(table_mod, 17, "OFPTableMod")
  std::uint8_t table_id = 0;
  std::uint32_t config = 0;
  static constexpr auto wire = wire::fields(WKOF_F(table_id, u8), wire::pad<3>, WKOF_F(config, be32));
};

// Queue configuration.
template <std::uint16_t Type>
struct queue_prop_head {
  std::uint16_t property = Type, len = 0;
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
};
struct queue_prop_min_rate : queue_prop_head<1> {
  using self = queue_prop_min_rate;
  static constexpr const char* name = "OFPQueuePropMinRate";
  std::uint16_t rate = 0;
  static constexpr auto wire = wire::fields(WKOF_F(property, be16), WKOF_F(len, be16), wire::pad<4>, WKOF_F(rate, be16), wire::pad<6>);
};
struct queue_prop_max_rate : queue_prop_head<2> {
  using self = queue_prop_max_rate;
  static constexpr const char* name = "OFPQueuePropMaxRate";
  std::uint16_t rate = 0;
  static constexpr auto wire = wire::fields(WKOF_F(property, be16), WKOF_F(len, be16), wire::pad<4>, WKOF_F(rate, be16), wire::pad<6>);
};
struct queue_prop_experimenter : queue_prop_head<0xffff> {
  using self = queue_prop_experimenter;
  static constexpr const char* name = "OFPQueuePropExperimenter";
  std::uint32_t experimenter = 0;
  std::vector<std::uint8_t> data;
  static constexpr auto wire = wire::fields(WKOF_F(property, be16), WKOF_F(len, be16), wire::pad<4>, WKOF_F(experimenter, be32),
                                            wire::pad<4>, uints<&self::data, 1>("data"));
};
using queue_prop = std::variant<queue_prop_min_rate, queue_prop_max_rate, queue_prop_experimenter>;
struct packet_queue {
  using self = packet_queue;
  static constexpr const char* name = "OFPPacketQueue";
  static constexpr std::size_t len_at = 8;
  std::uint32_t queue_id = 0, port = 0;
  std::uint16_t len = 0;
  std::vector<queue_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(queue_id, be32), WKOF_F(port, be32), WKOF_F(len, be16), wire::pad<6>,
                                            list_of<&self::properties>("properties"));
};
struct queue_get_config_request {
  WKOF_MSG(queue_get_config_request, 22, "OFPQueueGetConfigRequest")
  std::uint32_t port = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port, be32), wire::pad<4>);
};
struct queue_get_config_reply {
  WKOF_MSG(queue_get_config_reply, 23, "OFPQueueGetConfigReply")
  std::uint32_t port = 0;
  std::vector<packet_queue> queues;
  static constexpr auto wire = wire::fields(WKOF_F(port, be32), wire::pad<4>, list_of<&self::queues>("queues"));
};

struct role_request {
  WKOF_MSG(role_request, 24, "OFPRoleRequest")
  std::uint32_t role = 0;
  std::uint64_t generation_id = 0;
  static constexpr auto wire = wire::fields(WKOF_F(role, be32), wire::pad<4>, WKOF_F(generation_id, be64));
};
struct role_reply {
  WKOF_MSG(role_reply, 25, "OFPRoleReply")
  std::uint32_t role = 0;
  std::uint64_t generation_id = 0;
  static constexpr auto wire = wire::fields(WKOF_F(role, be32), wire::pad<4>, WKOF_F(generation_id, be64));
};
#define WKOF_ASYNC_MSG(cls, num, jname)                                                                \
  struct cls {                                                                                         \
    WKOF_MSG(cls, num, jname)                                                                          \
    std::vector<std::uint32_t> packet_in_mask, port_status_mask, flow_removed_mask;                    \
    static constexpr auto wire = wire::fields(uints<&self::packet_in_mask, 4, 2>("packet_in_mask"),    \
                                              uints<&self::port_status_mask, 4, 2>("port_status_mask"), \
                                              uints<&self::flow_removed_mask, 4, 2>("flow_removed_mask")); \
  };
WKOF_ASYNC_MSG(get_async_reply, 27, "OFPGetAsyncReply")
WKOF_ASYNC_MSG(set_async, 28, "OFPSetAsync")

// Meters.
template <std::uint16_t Type>
struct band_head {
  std::uint16_t type = Type, len = 0;
  std::uint32_t rate = 0, burst_size = 0;
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
};
#define WKOF_BAND_HEAD WKOF_F(type, be16), WKOF_F(len, be16), WKOF_F(rate, be32), WKOF_F(burst_size, be32)
struct meter_band_drop : band_head<1> {
  using self = meter_band_drop;
  static constexpr const char* name = "OFPMeterBandDrop";
  static constexpr auto wire = wire::fields(WKOF_BAND_HEAD, wire::pad<4>);
};
struct meter_band_dscp_remark : band_head<2> {
  using self = meter_band_dscp_remark;
  static constexpr const char* name = "OFPMeterBandDscpRemark";
  std::uint8_t prec_level = 0;
  static constexpr auto wire = wire::fields(WKOF_BAND_HEAD, WKOF_F(prec_level, u8), wire::pad<3>);
};
struct meter_band_experimenter : band_head<0xffff> {
  using self = meter_band_experimenter;
  static constexpr const char* name = "OFPMeterBandExperimenter";
  std::uint32_t experimenter = 0;
  static constexpr auto wire = wire::fields(WKOF_BAND_HEAD, WKOF_F(experimenter, be32));
};
using meter_band = std::variant<meter_band_drop, meter_band_dscp_remark, meter_band_experimenter>;
struct meter_mod {
  WKOF_MSG(meter_mod, 29, "OFPMeterMod")
  std::uint16_t command = 0, flags = 0;
  std::uint32_t meter_id = 1;
  std::vector<meter_band> bands;
  static constexpr auto wire = wire::fields(WKOF_F(command, be16), WKOF_F(flags, be16), WKOF_F(meter_id, be32),
                                            list_of<&self::bands>("bands"));
};

// ---- multipart ----------------------------------------------------------------------------
#define WKOF_MP(cls, num, mp, jname) \
  WKOF_MSG(cls, num, jname)          \
  static constexpr std::uint16_t mp_type = mp; \
  std::uint16_t type = mp, flags = 0;
#define WKOF_MP_HEAD WKOF_F(type, be16), WKOF_F(flags, be16), wire::pad<4>
#define WKOF_MP_EMPTY_REQ(cls, mp, jname)                             \
  struct cls {                                                        \
    WKOF_MP(cls, 18, mp, jname)                                       \
    static constexpr auto wire = wire::fields(WKOF_MP_HEAD);          \
  };
// A reply whose body is one structure (B) or a list of them (std::vector<B>).
#define WKOF_MP_REPLY(cls, mp, jname, B)                                                    \
  struct cls {                                                                              \
    WKOF_MP(cls, 19, mp, jname)                                                             \
    B body{};                                                                               \
    static constexpr auto wire = wire::fields(WKOF_MP_HEAD, ::wirekit::openflow::of13::body_field<&self::body>("body")); \
  };
template <auto M>
constexpr auto body_field(const char* n) {
  if constexpr (detail::is_variant<wire::member_t<M>>::value || !requires { wire::member_t<M>{}.size(); })
    return obj<M>(n);
  else
    return list_of<M>(n);
}

struct desc_stats {
  using self = desc_stats;
  static constexpr const char* name = "OFPDescStats";
  ofp_name mfr_desc, hw_desc, sw_desc, serial_num, dp_desc;
  static constexpr auto wire = wire::fields(str<&self::mfr_desc, 256>("mfr_desc"), str<&self::hw_desc, 256>("hw_desc"),
                                            str<&self::sw_desc, 256>("sw_desc"), str<&self::serial_num, 32>("serial_num"),
                                            str<&self::dp_desc, 256>("dp_desc"));
};
WKOF_MP_EMPTY_REQ(desc_stats_request, 0, "OFPDescStatsRequest")
WKOF_MP_REPLY(desc_stats_reply, 0, "OFPDescStatsReply", desc_stats)

#define WKOF_FLOW_REQ(cls, mp, jname)                                                                  \
  struct cls {                                                                                         \
    WKOF_MP(cls, 18, mp, jname)                                                                        \
    std::uint8_t table_id = 0xff;                                                                      \
    std::uint32_t out_port = 0xffffffff, out_group = 0xffffffff;                                       \
    std::uint64_t cookie = 0, cookie_mask = 0;                                                         \
    openflow::match match;                                                                             \
    static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(table_id, u8), wire::pad<3>,        \
                                              WKOF_F(out_port, be32), WKOF_F(out_group, be32), wire::pad<4>, \
                                              WKOF_F(cookie, be64), WKOF_F(cookie_mask, be64),         \
                                              obj<&self::match>("match"));                             \
  };
WKOF_FLOW_REQ(flow_stats_request, 1, "OFPFlowStatsRequest")
WKOF_FLOW_REQ(aggregate_stats_request, 2, "OFPAggregateStatsRequest")

struct flow_stats {
  using self = flow_stats;
  static constexpr const char* name = "OFPFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0, flags = 0;
  std::uint64_t cookie = 0, packet_count = 0, byte_count = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
      WKOF_F(priority, be16), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(flags, be16), wire::pad<4>,
      WKOF_F(cookie, be64), WKOF_F(packet_count, be64), WKOF_F(byte_count, be64), obj<&self::match>("match"),
      list_of<&self::instructions>("instructions"));
};
WKOF_MP_REPLY(flow_stats_reply, 1, "OFPFlowStatsReply", std::vector<flow_stats>)

struct aggregate_stats {
  using self = aggregate_stats;
  static constexpr const char* name = "OFPAggregateStats";
  std::uint64_t packet_count = 0, byte_count = 0;
  std::uint32_t flow_count = 0;
  static constexpr auto wire =
      wire::fields(WKOF_F(packet_count, be64), WKOF_F(byte_count, be64), WKOF_F(flow_count, be32), wire::pad<4>);
};
WKOF_MP_REPLY(aggregate_stats_reply, 2, "OFPAggregateStatsReply", aggregate_stats)

struct table_stats {
  using self = table_stats;
  static constexpr const char* name = "OFPTableStats";
  std::uint8_t table_id = 0;
  std::uint32_t active_count = 0;
  std::uint64_t lookup_count = 0, matched_count = 0;
  static constexpr auto wire = wire::fields(WKOF_F(table_id, u8), wire::pad<3>, WKOF_F(active_count, be32),
                                            WKOF_F(lookup_count, be64), WKOF_F(matched_count, be64));
};
WKOF_MP_EMPTY_REQ(table_stats_request, 3, "OFPTableStatsRequest")
WKOF_MP_REPLY(table_stats_reply, 3, "OFPTableStatsReply", std::vector<table_stats>)

struct port_stats_request {
  WKOF_MP(port_stats_request, 18, 4, "OFPPortStatsRequest")
  std::uint32_t port_no = 0xffffffff;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(port_no, be32), wire::pad<4>);
};
struct port_stats {
  using self = port_stats;
  static constexpr const char* name = "OFPPortStats";
  std::uint32_t port_no = 0;
  std::uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0, rx_dropped = 0, tx_dropped = 0,
                rx_errors = 0, tx_errors = 0, rx_frame_err = 0, rx_over_err = 0, rx_crc_err = 0, collisions = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(port_no, be32), wire::pad<4>, WKOF_F(rx_packets, be64), WKOF_F(tx_packets, be64), WKOF_F(rx_bytes, be64),
      WKOF_F(tx_bytes, be64), WKOF_F(rx_dropped, be64), WKOF_F(tx_dropped, be64), WKOF_F(rx_errors, be64),
      WKOF_F(tx_errors, be64), WKOF_F(rx_frame_err, be64), WKOF_F(rx_over_err, be64), WKOF_F(rx_crc_err, be64),
      WKOF_F(collisions, be64), WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32));
};
WKOF_MP_REPLY(port_stats_reply, 4, "OFPPortStatsReply", std::vector<port_stats>)

struct queue_stats_request {
  WKOF_MP(queue_stats_request, 18, 5, "OFPQueueStatsRequest")
  std::uint32_t port_no = 0xffffffff, queue_id = 0xffffffff;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(port_no, be32), WKOF_F(queue_id, be32));
};
struct queue_stats {
  using self = queue_stats;
  static constexpr const char* name = "OFPQueueStats";
  std::uint32_t port_no = 0, queue_id = 0;
  std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  static constexpr auto wire =
      wire::fields(WKOF_F(port_no, be32), WKOF_F(queue_id, be32), WKOF_F(tx_bytes, be64), WKOF_F(tx_packets, be64),
                   WKOF_F(tx_errors, be64), WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32));
};
WKOF_MP_REPLY(queue_stats_reply, 5, "OFPQueueStatsReply", std::vector<queue_stats>)

struct group_stats_request {
  WKOF_MP(group_stats_request, 18, 6, "OFPGroupStatsRequest")
  std::uint32_t group_id = 0xfffffffc;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(group_id, be32), wire::pad<4>);
};
struct bucket_counter {
  using self = bucket_counter;
  static constexpr const char* name = "OFPBucketCounter";
  std::uint64_t packet_count = 0, byte_count = 0;
  static constexpr auto wire = wire::fields(WKOF_F(packet_count, be64), WKOF_F(byte_count, be64));
};
struct group_stats {
  using self = group_stats;
  static constexpr const char* name = "OFPGroupStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint32_t group_id = 0, ref_count = 0;
  std::uint64_t packet_count = 0, byte_count = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::vector<bucket_counter> bucket_stats;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), wire::pad<2>, WKOF_F(group_id, be32), WKOF_F(ref_count, be32),
                                            wire::pad<4>, WKOF_F(packet_count, be64), WKOF_F(byte_count, be64),
                                            WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
                                            list_of<&self::bucket_stats>("bucket_stats"));
};
WKOF_MP_REPLY(group_stats_reply, 6, "OFPGroupStatsReply", std::vector<group_stats>)

struct group_desc_stats {
  using self = group_desc_stats;
  static constexpr const char* name = "OFPGroupDescStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t type = 0;
  std::uint32_t group_id = 0;
  std::vector<bucket> buckets;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(type, u8), wire::pad<1>, WKOF_F(group_id, be32),
                                            list_of<&self::buckets>("buckets"));
};
WKOF_MP_EMPTY_REQ(group_desc_stats_request, 7, "OFPGroupDescStatsRequest")
WKOF_MP_REPLY(group_desc_stats_reply, 7, "OFPGroupDescStatsReply", std::vector<group_desc_stats>)

struct group_features_stats {
  using self = group_features_stats;
  static constexpr const char* name = "OFPGroupFeaturesStats";
  std::uint32_t types = 0, capabilities = 0;
  std::vector<std::uint32_t> max_groups, actions;
  static constexpr auto wire = wire::fields(WKOF_F(types, be32), WKOF_F(capabilities, be32),
                                            uints<&self::max_groups, 4, 4>("max_groups"), uints<&self::actions, 4, 4>("actions"));
};
WKOF_MP_EMPTY_REQ(group_features_stats_request, 8, "OFPGroupFeaturesStatsRequest")
WKOF_MP_REPLY(group_features_stats_reply, 8, "OFPGroupFeaturesStatsReply", group_features_stats)

#define WKOF_METER_REQ(cls, mp, jname)                                                       \
  struct cls {                                                                               \
    WKOF_MP(cls, 18, mp, jname)                                                              \
    std::uint32_t meter_id = 0xffffffff;                                                     \
    static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(meter_id, be32), wire::pad<4>); \
  };
WKOF_METER_REQ(meter_stats_request, 9, "OFPMeterStatsRequest")
WKOF_METER_REQ(meter_config_stats_request, 10, "OFPMeterConfigStatsRequest")
struct meter_band_stats {
  using self = meter_band_stats;
  static constexpr const char* name = "OFPMeterBandStats";
  std::uint64_t packet_band_count = 0, byte_band_count = 0;
  static constexpr auto wire = wire::fields(WKOF_F(packet_band_count, be64), WKOF_F(byte_band_count, be64));
};
struct meter_stats {
  using self = meter_stats;
  static constexpr const char* name = "OFPMeterStats";
  static constexpr std::size_t len_at = 4;
  std::uint32_t meter_id = 0;
  std::uint16_t len = 0;
  std::uint32_t flow_count = 0;
  std::uint64_t packet_in_count = 0, byte_in_count = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::vector<meter_band_stats> band_stats;
  static constexpr auto wire = wire::fields(WKOF_F(meter_id, be32), WKOF_F(len, be16), wire::pad<6>, WKOF_F(flow_count, be32),
                                            WKOF_F(packet_in_count, be64), WKOF_F(byte_in_count, be64),
                                            WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
                                            list_of<&self::band_stats>("band_stats"));
};
WKOF_MP_REPLY(meter_stats_reply, 9, "OFPMeterStatsReply", std::vector<meter_stats>)
struct meter_config_stats {
  using self = meter_config_stats;
  static constexpr const char* name = "OFPMeterConfigStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0, flags = 0;
  std::uint32_t meter_id = 0;
  std::vector<meter_band> bands;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(flags, be16), WKOF_F(meter_id, be32),
                                            list_of<&self::bands>("bands"));
};
WKOF_MP_REPLY(meter_config_stats_reply, 10, "OFPMeterConfigStatsReply", std::vector<meter_config_stats>)
struct meter_features_stats {
  using self = meter_features_stats;
  static constexpr const char* name = "OFPMeterFeaturesStats";
  std::uint32_t max_meter = 0, band_types = 0, capabilities = 0;
  std::uint8_t max_bands = 0, max_color = 0;
  static constexpr auto wire = wire::fields(WKOF_F(max_meter, be32), WKOF_F(band_types, be32), WKOF_F(capabilities, be32),
                                            WKOF_F(max_bands, u8), WKOF_F(max_color, u8), wire::pad<2>);
};
WKOF_MP_EMPTY_REQ(meter_features_stats_request, 11, "OFPMeterFeaturesStatsRequest")
WKOF_MP_REPLY(meter_features_stats_reply, 11, "OFPMeterFeaturesStatsReply", std::vector<meter_features_stats>)

// Table features.
template <std::uint16_t Type>
struct tfprop_head {
  std::uint16_t type = Type, length = 0;
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
};
struct instruction_id {
  using self = instruction_id;
  static constexpr const char* name = "OFPInstructionId";
  static constexpr std::size_t len_at = 2;
  std::uint16_t type = 0, len = 0;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(len, be16));
};
struct action_id {
  using self = action_id;
  static constexpr const char* name = "OFPActionId";
  static constexpr std::size_t len_at = 2;
  std::uint16_t type = 0, len = 0;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(len, be16));
};
// An OXM header naming a field (no value): JSON {"type": field name, "hasmask", "length"}.
struct oxm_id {
  static constexpr const char* name = "OFPOxmId";
  oxm_tlv hdr;  // value/mask empty
  std::uint8_t length = 0;
  static status wire_decode(reader& r, oxm_id& o);
  static status wire_encode(writer& w, const oxm_id& o);
};
struct tfprop_instructions : tfprop_head<0> {
  using self = tfprop_instructions;
  static constexpr const char* name = "OFPTableFeaturePropInstructions";
  static constexpr bool tlv_match(std::uint16_t t) { return t <= 1; }
  std::vector<instruction_id> instruction_ids;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), list_of<&self::instruction_ids>("instruction_ids"));
};
struct tfprop_next_tables : tfprop_head<2> {
  using self = tfprop_next_tables;
  static constexpr const char* name = "OFPTableFeaturePropNextTables";
  static constexpr bool tlv_match(std::uint16_t t) { return t == 2 || t == 3; }
  std::vector<std::uint8_t> table_ids;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), uints<&self::table_ids, 1>("table_ids"));
};
struct tfprop_actions : tfprop_head<4> {
  using self = tfprop_actions;
  static constexpr const char* name = "OFPTableFeaturePropActions";
  static constexpr bool tlv_match(std::uint16_t t) { return t >= 4 && t <= 7; }
  std::vector<action_id> action_ids;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), list_of<&self::action_ids>("action_ids"));
};
struct tfprop_oxm : tfprop_head<8> {
  using self = tfprop_oxm;
  static constexpr const char* name = "OFPTableFeaturePropOxm";
  static constexpr bool tlv_match(std::uint16_t t) { return t == 8 || t == 10 || (t >= 12 && t <= 15); }
  std::vector<oxm_id> oxm_ids;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), list_of<&self::oxm_ids>("oxm_ids"));
};
struct tfprop_experimenter : tfprop_head<0xfffe> {
  using self = tfprop_experimenter;
  static constexpr const char* name = "OFPTableFeaturePropExperimenter";
  static constexpr bool tlv_match(std::uint16_t t) { return t >= 0xfffe; }
  std::uint32_t experimenter = 0, exp_type = 0;
  std::vector<std::uint32_t> data;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), WKOF_FN(experimenter, "experimenter", be32),
                                            WKOF_F(exp_type, be32), uints<&self::data, 4>("data"));
};
struct tfprop_unknown {
  using self = tfprop_unknown;
  static constexpr const char* name = "OFPTableFeaturePropUnknown";
  static constexpr bool tlv_unknown = true;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t type = 0, length = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), WKOF_F(data, rest));
};
using table_feature_prop =
    std::variant<tfprop_instructions, tfprop_next_tables, tfprop_actions, tfprop_oxm, tfprop_experimenter, tfprop_unknown>;
struct table_features_stats {
  using self = table_features_stats;
  static constexpr const char* name = "OFPTableFeaturesStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  ofp_name name_;
  std::uint64_t metadata_match = 0, metadata_write = 0;
  std::uint32_t config = 0, max_entries = 0;
  std::vector<table_feature_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<5>, str<&self::name_, 32>("name"),
                                            WKOF_F(metadata_match, be64), WKOF_F(metadata_write, be64), WKOF_F(config, be32),
                                            WKOF_F(max_entries, be32), list_of<&self::properties>("properties"));
};
struct table_features_stats_request {
  WKOF_MP(table_features_stats_request, 18, 12, "OFPTableFeaturesStatsRequest")
  std::vector<table_features_stats> body;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, list_of<&self::body>("body"));
};
WKOF_MP_REPLY(table_features_stats_reply, 12, "OFPTableFeaturesStatsReply", std::vector<table_features_stats>)

WKOF_MP_EMPTY_REQ(port_desc_stats_request, 13, "OFPPortDescStatsRequest")
WKOF_MP_REPLY(port_desc_stats_reply, 13, "OFPPortDescStatsReply", std::vector<port>)

struct experimenter_stats_request {
  WKOF_MP(experimenter_stats_request, 18, 0xffff, "OFPExperimenterStatsRequest")
  std::uint32_t experimenter = 0, exp_type = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_FN(experimenter, "experimenter", be32), WKOF_F(exp_type, be32),
                                            WKOF_F(data, rest));
};
struct experimenter_multipart {
  using self = experimenter_multipart;
  static constexpr const char* name = "OFPExperimenterMultipart";
  std::uint32_t experimenter = 0, exp_type = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_FN(experimenter, "experimenter", be32), WKOF_F(exp_type, be32), WKOF_F(data, rest));
};
WKOF_MP_REPLY(experimenter_stats_reply, 0xffff, "OFPExperimenterStatsReply", experimenter_multipart)

}  // namespace wirekit::openflow::of13
