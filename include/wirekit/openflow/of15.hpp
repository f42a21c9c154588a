// OpenFlow 1.4 (wire 0x05) and 1.5 (0x06) messages whose wire form is their own: statistics with
// properties, queue descriptions, flow monitors, bundle add and request forward (an embedded
// message), and the 1.5 forms with OXS statistics (OFPStats), bucket properties, short ids,
// controller status and bundle features; and the OpenFlow 1.3 ONF flow monitor request (an
// experimenter multipart) and the OpenFlow 1.2 features reply. Registered by src/openflow/of15.cpp.
#pragma once
#include "wirekit/openflow/of14.hpp"
#include "wirekit/openflow/openflow.hpp"

namespace wirekit::openflow {
namespace detail {
// A list bounded by a 16-bit byte count decoded earlier into member L (at byte LenAt of the
// enclosing structure); encode writes the list and patches that count. After decoding, L holds
// the count the list encodes to (the wire count unless an element's length covered bytes beyond
// its fields, which are not kept), so that the JSON of a decoded message encodes to what it shows.
template <auto L, auto M, std::size_t LenAt>
struct sized_list {
  template <class T>
  static status decode(reader& r, T& o, const char*) {
    const std::size_t n = o.*L;
    if (!r.has(n)) return bad_length("list", r.offset(), n, 0, r.remaining());
    reader sub = r.sub(n);
    WIREKIT_TRY(decode_list(sub, o.*M, "list"));
    bytes again;
    writer w(again);
    if (encode_list(w, o.*M) && again.size() <= 0xffff) o.*L = static_cast<wire::member_t<L>>(again.size());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t start) {
    const std::size_t a = w.size();
    WIREKIT_TRY(encode_list(w, o.*M));
    if (w.size() - a > 0xffff) return make_error(proto_name, "list", a, "longer than 65535 bytes");
    w.patch_u16(start + LenAt, w.size() - a);
    return {};
  }
};
}  // namespace detail
template <auto L, auto M, std::size_t LenAt>
constexpr auto sized_list_of(const char* n) {
  return wire::field<M>(n, wire::hook<detail::sized_list<L, M, LenAt>>);
}

// One whole OpenFlow message inside another (bundle add, request forward): JSON the message's
// own {"OFPClassName": {...}}; on the wire its header and body. Its version is the enclosing
// message's. Its xid is not in os-ken's JSON: a decoded one is kept; from JSON it is 0 in a
// request forward and the enclosing message's in a bundle add (OF1.4.0 7.3.9.2, as os-ken).
struct embedded_message {
  message msg;
  bool xid_from_wire = false;
};

}  // namespace wirekit::openflow

namespace wirekit::openflow::of14 {

using of13::body_field;

// ---- flow statistics (1.4: importance) ----------------------------------------------------
struct flow_stats {
  using self = flow_stats;
  static constexpr const char* name = "OFPFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0, flags = 0, importance = 0;
  std::uint64_t cookie = 0, packet_count = 0, byte_count = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
      WKOF_F(priority, be16), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(flags, be16),
      WKOF_F(importance, be16), wire::pad<2>, WKOF_F(cookie, be64), WKOF_F(packet_count, be64),
      WKOF_F(byte_count, be64), obj<&self::match>("match"), list_of<&self::instructions>("instructions"));
};
WKOF_MP_REPLY(flow_stats_reply, 1, "OFPFlowStatsReply", std::vector<flow_stats>)

// ---- port statistics ----------------------------------------------------------------------
struct port_stats_prop_ethernet : prop_head<0> {
  using self = port_stats_prop_ethernet;
  static constexpr const char* name = "OFPPortStatsPropEthernet";
  std::uint64_t rx_frame_err = 0, rx_over_err = 0, rx_crc_err = 0, collisions = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, wire::pad<4>, WKOF_F(rx_frame_err, be64),
                                            WKOF_F(rx_over_err, be64), WKOF_F(rx_crc_err, be64), WKOF_F(collisions, be64));
};
struct port_stats_prop_optical : prop_head<1> {
  using self = port_stats_prop_optical;
  static constexpr const char* name = "OFPPortStatsPropOptical";
  std::uint32_t flags = 0, tx_freq_lmda = 0, tx_offset = 0, tx_grid_span = 0, rx_freq_lmda = 0, rx_offset = 0,
                rx_grid_span = 0;
  std::uint16_t tx_pwr = 0, rx_pwr = 0, bias_current = 0, temperature = 0;
  static constexpr auto wire = wire::fields(
      WKOF_PROP_HEAD, wire::pad<4>, WKOF_F(flags, be32), WKOF_F(tx_freq_lmda, be32), WKOF_F(tx_offset, be32),
      WKOF_F(tx_grid_span, be32), WKOF_F(rx_freq_lmda, be32), WKOF_F(rx_offset, be32), WKOF_F(rx_grid_span, be32),
      WKOF_F(tx_pwr, be16), WKOF_F(rx_pwr, be16), WKOF_F(bias_current, be16), WKOF_F(temperature, be16));
};
WKOF_EXP_PROP(port_stats_prop_experimenter, "OFPPortStatsPropExperimenter")
using port_stats_prop =
    std::variant<port_stats_prop_ethernet, port_stats_prop_optical, port_stats_prop_experimenter, prop_unknown>;
struct port_stats {
  using self = port_stats;
  static constexpr const char* name = "OFPPortStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint32_t port_no = 0, duration_sec = 0, duration_nsec = 0;
  std::uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0, rx_dropped = 0, tx_dropped = 0,
                rx_errors = 0, tx_errors = 0;
  std::vector<port_stats_prop> properties;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), wire::pad<2>, WKOF_F(port_no, be32), WKOF_F(duration_sec, be32),
      WKOF_F(duration_nsec, be32), WKOF_F(rx_packets, be64), WKOF_F(tx_packets, be64), WKOF_F(rx_bytes, be64),
      WKOF_F(tx_bytes, be64), WKOF_F(rx_dropped, be64), WKOF_F(tx_dropped, be64), WKOF_F(rx_errors, be64),
      WKOF_F(tx_errors, be64), list_of<&self::properties>("properties"));
};
WKOF_MP_REPLY(port_stats_reply, 4, "OFPPortStatsReply", std::vector<port_stats>)

// ---- queue statistics and descriptions ----------------------------------------------------
WKOF_EXP_PROP(queue_stats_prop_experimenter, "OFPQueueStatsPropExperimenter")
using queue_stats_prop = std::variant<queue_stats_prop_experimenter, prop_unknown>;
struct queue_stats {
  using self = queue_stats;
  static constexpr const char* name = "OFPQueueStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint32_t port_no = 0, queue_id = 0;
  std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::vector<queue_stats_prop> properties;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), wire::pad<6>, WKOF_F(port_no, be32), WKOF_F(queue_id, be32), WKOF_F(tx_bytes, be64),
      WKOF_F(tx_packets, be64), WKOF_F(tx_errors, be64), WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
      list_of<&self::properties>("properties"));
};
WKOF_MP_REPLY(queue_stats_reply, 5, "OFPQueueStatsReply", std::vector<queue_stats>)

#define WKOF_QUEUE_RATE_PROP(cls, num, jname)                                                        \
  struct cls : prop_head<num> {                                                                      \
    using self = cls;                                                                                \
    static constexpr const char* name = jname;                                                       \
    std::uint16_t rate = 0;                                                                          \
    static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(rate, be16), wire::pad<2>);     \
  };
WKOF_QUEUE_RATE_PROP(queue_desc_prop_min_rate, 1, "OFPQueueDescPropMinRate")
WKOF_QUEUE_RATE_PROP(queue_desc_prop_max_rate, 2, "OFPQueueDescPropMaxRate")
WKOF_EXP_PROP(queue_desc_prop_experimenter, "OFPQueueDescPropExperimenter")
using queue_desc_prop =
    std::variant<queue_desc_prop_min_rate, queue_desc_prop_max_rate, queue_desc_prop_experimenter, prop_unknown>;
struct queue_desc {
  using self = queue_desc;
  static constexpr const char* name = "OFPQueueDesc";
  static constexpr std::size_t len_at = 8;
  std::uint32_t port_no = 0, queue_id = 0;
  std::uint16_t len = 0;
  std::vector<queue_desc_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be32), WKOF_F(queue_id, be32), WKOF_F(len, be16),
                                            wire::pad<6>, list_of<&self::properties>("properties"));
};
struct queue_desc_stats_request {
  WKOF_MP(queue_desc_stats_request, 18, 15, "OFPQueueDescStatsRequest")
  std::uint32_t port_no = 0xffffffff, queue_id = 0xffffffff;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(port_no, be32), WKOF_F(queue_id, be32));
};
WKOF_MP_REPLY(queue_desc_stats_reply, 15, "OFPQueueDescStatsReply", std::vector<queue_desc>)

// ---- flow monitor -------------------------------------------------------------------------
struct flow_monitor_request {
  WKOF_MP(flow_monitor_request, 18, 16, "OFPFlowMonitorRequest")
  std::uint32_t monitor_id = 0, out_port = 0xffffffff, out_group = 0xffffffff;
  std::uint16_t monitor_flags = 0;
  std::uint8_t table_id = 0xff, command = 0;
  openflow::match match;
  static constexpr auto wire =
      wire::fields(WKOF_MP_HEAD, WKOF_F(monitor_id, be32), WKOF_F(out_port, be32), WKOF_F(out_group, be32),
                   WKOF_F(monitor_flags, be16), WKOF_F(table_id, u8), WKOF_F(command, u8), obj<&self::match>("match"));
};
// Flow updates: the class is chosen by the 16-bit event at byte 2.
struct flow_update_full {
  using self = flow_update_full;
  static constexpr const char* name = "OFPFlowUpdateFull";
  static constexpr std::size_t len_at = 0;
  static constexpr bool event_match(std::uint16_t e) { return e <= 3; }
  std::uint16_t length = 0, event = 0;
  std::uint8_t table_id = 0, reason = 0;
  std::uint16_t idle_timeout = 0, hard_timeout = 0, priority = 0;
  std::uint64_t cookie = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(event, be16), WKOF_F(table_id, u8), WKOF_F(reason, u8), WKOF_F(idle_timeout, be16),
      WKOF_F(hard_timeout, be16), WKOF_F(priority, be16), wire::pad<4>, WKOF_F(cookie, be64),
      obj<&self::match>("match"), list_of<&self::instructions>("instructions"));
};
struct flow_update_abbrev {
  using self = flow_update_abbrev;
  static constexpr const char* name = "OFPFlowUpdateAbbrev";
  static constexpr std::size_t len_at = 0;
  static constexpr bool event_match(std::uint16_t e) { return e == 4; }
  std::uint16_t length = 0, event = 4;
  std::uint32_t xid = 0;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(event, be16), WKOF_F(xid, be32));
};
struct flow_update_paused {
  using self = flow_update_paused;
  static constexpr const char* name = "OFPFlowUpdatePaused";
  static constexpr std::size_t len_at = 0;
  static constexpr bool event_match(std::uint16_t e) { return e == 5 || e == 6; }
  std::uint16_t length = 0, event = 5;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(event, be16), wire::pad<4>);
};
using flow_update = std::variant<flow_update_full, flow_update_abbrev, flow_update_paused>;
struct flow_monitor_reply {
  WKOF_MP(flow_monitor_reply, 19, 16, "OFPFlowMonitorReply")
  std::vector<flow_update> body;
  struct body_codec {
    static status decode(reader& r, flow_monitor_reply& o, const char* p);
    static status encode(writer& w, const flow_monitor_reply& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(body, hook<body_codec>));
};

// ---- bundle add, request forward (an embedded message) ------------------------------------
struct bundle_add_msg {
  WKOF_MSG(bundle_add_msg, 34, "OFPBundleAddMsg")
  std::uint32_t bundle_id = 0;
  std::uint16_t flags = 0;
  embedded_message message;
  std::vector<bundle_prop> properties;
  struct body_codec {  // the message, padding to 8 when properties follow, the properties
    static status decode(reader& r, bundle_add_msg& o, const char* p);
    static status encode(writer& w, const bundle_add_msg& o, std::size_t start);
  };
  static constexpr auto wire = wire::fields(WKOF_F(bundle_id, be32), wire::pad<2>, WKOF_F(flags, be16),
                                            WKOF_F(message, hook<body_codec>), WKOF_F(properties, json_only));
};
struct request_forward {
  WKOF_MSG(request_forward, 32, "OFPRequestForward")
  embedded_message request;
  struct body_codec {
    static status decode(reader& r, request_forward& o, const char* p);
    static status encode(writer& w, const request_forward& o, std::size_t start);
  };
  static constexpr auto wire = wire::fields(WKOF_F(request, hook<body_codec>));
};

}  // namespace wirekit::openflow::of14

namespace wirekit::openflow::of15 {

using namespace of14;

// ---- OXS statistics -----------------------------------------------------------------------
// One OXS TLV: JSON {"OXSTlv": {"field": name, "value": v}}: duration and idle_time as
// [seconds, nanoseconds], the counters as integers; anything else "field_N" (N = class << 7 |
// field) with base64 of the value.
struct oxs_tlv {
  static constexpr const char* name = "OXSTlv";
  std::uint16_t oxs_class = 0x8002;
  std::uint8_t field = 0;
  bytes value;
  static status wire_decode(reader& r, oxs_tlv& o);
  static status wire_encode(writer& w, const oxs_tlv& o);
  bool operator==(const oxs_tlv&) const = default;
};
struct stats {  // OFPStats: like a match, its length excludes the padding to 8
  using self = stats;
  static constexpr const char* name = "OFPStats";
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t length = 0;
  std::vector<oxs_tlv> oxs_fields;
  static constexpr auto wire = wire::fields(wire::pad<2>, WKOF_F(length, be16), list_of<&self::oxs_fields>("oxs_fields"));
};

// ---- flow statistics and descriptions -----------------------------------------------------
WKOF_FLOW_REQ(flow_stats_request, 17, "OFPFlowStatsRequest")
WKOF_FLOW_REQ(flow_desc_stats_request, 1, "OFPFlowDescStatsRequest")
struct flow_stats {
  using self = flow_stats;
  static constexpr const char* name = "OFPFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0, reason = 0;
  std::uint16_t priority = 0;
  openflow::match match;
  of15::stats stats;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), wire::pad<2>, WKOF_F(table_id, u8), WKOF_F(reason, u8),
                                            WKOF_F(priority, be16), obj<&self::match>("match"), obj<&self::stats>("stats"));
};
WKOF_MP_REPLY(flow_stats_reply, 17, "OFPFlowStatsReply", std::vector<of15::flow_stats>)
struct flow_desc {
  using self = flow_desc;
  static constexpr const char* name = "OFPFlowDesc";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0, flags = 0, importance = 0;
  std::uint64_t cookie = 0;
  openflow::match match;
  of15::stats stats;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), wire::pad<2>, WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(priority, be16),
      WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(flags, be16), WKOF_F(importance, be16),
      WKOF_F(cookie, be64), obj<&self::match>("match"), obj<&self::stats>("stats"),
      list_of<&self::instructions>("instructions"));
};
WKOF_MP_REPLY(flow_desc_stats_reply, 1, "OFPFlowDescStatsReply", std::vector<flow_desc>)

// os-ken shows the aggregate's size (its statistics rounded up to 8) as "length".
struct aggregate_stats {
  using self = aggregate_stats;
  static constexpr const char* name = "OFPAggregateStats";
  std::uint16_t length = 0;
  of15::stats stats;
  struct stats_codec {
    static status decode(reader& r, aggregate_stats& o, const char*);
    static status encode(writer& w, const aggregate_stats& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_F(stats, hook<stats_codec>), WKOF_F(length, json_only));
};
WKOF_MP_REPLY(aggregate_stats_reply, 2, "OFPAggregateStatsReply", aggregate_stats)

struct flow_removed {
  WKOF_MSG(flow_removed, 11, "OFPFlowRemoved")
  std::uint8_t table_id = 0, reason = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0;
  std::uint64_t cookie = 0;
  openflow::match match;
  of15::stats stats;
  static constexpr auto wire = wire::fields(WKOF_F(table_id, u8), WKOF_F(reason, u8), WKOF_F(priority, be16),
                                            WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(cookie, be64),
                                            obj<&self::match>("match"), obj<&self::stats>("stats"));
};

// ---- groups (bucket and group properties) -------------------------------------------------
struct group_bucket_prop_weight : prop_head<0> {
  using self = group_bucket_prop_weight;
  static constexpr const char* name = "OFPGroupBucketPropWeight";
  std::uint16_t weight = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(weight, be16), wire::pad<2>);
};
struct group_bucket_prop_watch : prop_head<1> {  // watch port (1) or watch group (2)
  using self = group_bucket_prop_watch;
  static constexpr const char* name = "OFPGroupBucketPropWatch";
  static constexpr bool tlv_match(std::uint16_t t) { return t == 1 || t == 2; }
  std::uint32_t watch = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(watch, be32));
};
WKOF_EXP_PROP(group_bucket_prop_experimenter, "OFPGroupBucketPropExperimenter")
using group_bucket_prop =
    std::variant<group_bucket_prop_weight, group_bucket_prop_watch, group_bucket_prop_experimenter, prop_unknown>;
WKOF_EXP_PROP(group_prop_experimenter, "OFPGroupPropExperimenter")
using group_prop = std::variant<group_prop_experimenter, prop_unknown>;
struct bucket {
  using self = bucket;
  static constexpr const char* name = "OFPBucket";
  static constexpr std::size_t len_at = 0;
  std::uint16_t len = 0, action_array_len = 0;
  std::uint32_t bucket_id = 0;
  std::vector<action> actions;
  std::vector<group_bucket_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(len, be16), WKOF_F(action_array_len, be16), WKOF_F(bucket_id, be32),
                                            sized_list_of<&self::action_array_len, &self::actions, 2>("actions"),
                                            list_of<&self::properties>("properties"));
};
struct group_mod {
  WKOF_MSG(group_mod, 15, "OFPGroupMod")
  std::uint16_t command = 0;
  std::uint8_t type = 0;
  std::uint32_t group_id = 0;
  std::uint16_t bucket_array_len = 0;
  std::uint32_t command_bucket_id = 0xffffffff;
  std::vector<bucket> buckets;
  std::vector<group_prop> properties;
  static constexpr auto wire = wire::fields(
      WKOF_F(command, be16), WKOF_F(type, u8), wire::pad<1>, WKOF_F(group_id, be32), WKOF_F(bucket_array_len, be16),
      wire::pad<2>, WKOF_F(command_bucket_id, be32), sized_list_of<&self::bucket_array_len, &self::buckets, 8>("buckets"),
      list_of<&self::properties>("properties"));
};
struct group_desc_stats {
  using self = group_desc_stats;
  static constexpr const char* name = "OFPGroupDescStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t type = 0;
  std::uint32_t group_id = 0;
  std::uint16_t bucket_array_len = 0;
  std::vector<bucket> buckets;
  std::vector<group_prop> properties;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(type, u8), wire::pad<1>, WKOF_F(group_id, be32), WKOF_F(bucket_array_len, be16),
      wire::pad<6>, sized_list_of<&self::bucket_array_len, &self::buckets, 8>("buckets"),
      list_of<&self::properties>("properties"));
};
struct group_desc_stats_request {
  WKOF_MP(group_desc_stats_request, 18, 7, "OFPGroupDescStatsRequest")
  std::uint32_t group_id = 0xfffffffc;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(group_id, be32), wire::pad<4>);
};
WKOF_MP_REPLY(group_desc_stats_reply, 7, "OFPGroupDescStatsReply", std::vector<group_desc_stats>)

// ---- ports, roles -------------------------------------------------------------------------
struct port_desc_stats_request {
  WKOF_MP(port_desc_stats_request, 18, 13, "OFPPortDescStatsRequest")
  std::uint32_t port_no = 0xffffffff;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(port_no, be32), wire::pad<4>);
};
#define WKOF_ROLE15(cls, num, jname)                                                                         \
  struct cls {                                                                                               \
    WKOF_MSG(cls, num, jname)                                                                                \
    std::uint32_t role = 0;                                                                                  \
    std::uint16_t short_id = 0;                                                                              \
    std::uint64_t generation_id = 0;                                                                         \
    static constexpr auto wire =                                                                             \
        wire::fields(WKOF_F(role, be32), WKOF_F(short_id, be16), wire::pad<2>, WKOF_F(generation_id, be64)); \
  };
WKOF_ROLE15(role_request, 24, "OFPRoleRequest")
WKOF_ROLE15(role_reply, 25, "OFPRoleReply")

// ---- meters -------------------------------------------------------------------------------
struct meter_stats {
  using self = meter_stats;
  static constexpr const char* name = "OFPMeterStats";
  static constexpr std::size_t len_at = 4;
  std::uint32_t meter_id = 0;
  std::uint16_t len = 0;
  std::uint32_t ref_count = 0;
  std::uint64_t packet_in_count = 0, byte_in_count = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::vector<of13::meter_band_stats> band_stats;
  static constexpr auto wire = wire::fields(WKOF_F(meter_id, be32), WKOF_F(len, be16), wire::pad<6>, WKOF_F(ref_count, be32),
                                            WKOF_F(packet_in_count, be64), WKOF_F(byte_in_count, be64),
                                            WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
                                            list_of<&self::band_stats>("band_stats"));
};
WKOF_MP_REPLY(meter_stats_reply, 9, "OFPMeterStatsReply", std::vector<meter_stats>)
WKOF_METER_REQ(meter_desc_stats_request, 10, "OFPMeterDescStatsRequest")
struct meter_desc_stats {
  using self = meter_desc_stats;
  static constexpr const char* name = "OFPMeterDescStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0, flags = 0;
  std::uint32_t meter_id = 0;
  std::vector<of13::meter_band> bands;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(flags, be16), WKOF_F(meter_id, be32),
                                            list_of<&self::bands>("bands"));
};
WKOF_MP_REPLY(meter_desc_stats_reply, 10, "OFPMeterDescStatsReply", std::vector<meter_desc_stats>)
struct meter_features_stats {
  using self = meter_features_stats;
  static constexpr const char* name = "OFPMeterFeaturesStats";
  std::uint32_t max_meter = 0, band_types = 0, capabilities = 0;
  std::uint8_t max_bands = 0, max_color = 0;
  std::uint32_t features = 0;
  static constexpr auto wire =
      wire::fields(WKOF_F(max_meter, be32), WKOF_F(band_types, be32), WKOF_F(capabilities, be32), WKOF_F(max_bands, u8),
                   WKOF_F(max_color, u8), wire::pad<2>, WKOF_F(features, be32), wire::pad<4>);
};
WKOF_MP_REPLY(meter_features_stats_reply, 11, "OFPMeterFeaturesStatsReply", std::vector<meter_features_stats>)

// ---- table features (1.5 header; copy-field, table-sync and packet-type properties) ---------
struct tfprop_next_tables : of13::tfprop_next_tables {
  static constexpr bool tlv_match(std::uint16_t t) { return t == 2 || t == 3 || t == 16; }
};
struct tfprop_oxm : of13::tfprop_oxm {
  static constexpr bool tlv_match(std::uint16_t t) { return t == 8 || t == 10 || (t >= 12 && t <= 15) || (t >= 18 && t <= 21); }
};
struct tfprop_oxm_values : of13::tfprop_head<22> {
  using self = tfprop_oxm_values;
  static constexpr const char* name = "OFPTableFeaturePropOxmValues";
  std::vector<oxm_tlv> oxm_values;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), list_of<&self::oxm_values>("oxm_values"));
};
using table_feature_prop = std::variant<of13::tfprop_instructions, tfprop_next_tables, of13::tfprop_actions, tfprop_oxm,
                                        tfprop_oxm_values, of13::tfprop_experimenter, of13::tfprop_unknown>;
struct table_features_stats {
  using self = table_features_stats;
  static constexpr const char* name = "OFPTableFeaturesStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0, command = 0;
  std::uint32_t features = 0;
  ofp_name name_;
  std::uint64_t metadata_match = 0, metadata_write = 0;
  std::uint32_t capabilities = 0, max_entries = 0;
  std::vector<table_feature_prop> properties;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), WKOF_F(command, u8), WKOF_F(features, be32),
      str<&self::name_, 32>("name"), WKOF_F(metadata_match, be64), WKOF_F(metadata_write, be64),
      WKOF_F(capabilities, be32), WKOF_F(max_entries, be32), list_of<&self::properties>("properties"));
};
struct table_features_stats_request {
  WKOF_MP(table_features_stats_request, 18, 12, "OFPTableFeaturesStatsRequest")
  std::vector<table_features_stats> body;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, list_of<&self::body>("body"));
};
WKOF_MP_REPLY(table_features_stats_reply, 12, "OFPTableFeaturesStatsReply", std::vector<table_features_stats>)

// ---- controller status --------------------------------------------------------------------
struct controller_status_prop_uri : prop_head<0> {
  using self = controller_status_prop_uri;
  static constexpr const char* name = "OFPControllerStatusPropUri";
  ofp_name uri;  // the bytes the property's length covers
  struct uri_codec {
    static status decode(reader& r, controller_status_prop_uri& o, const char*);
    static status encode(writer& w, const controller_status_prop_uri& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(uri, hook<uri_codec>));
};
WKOF_EXP_PROP(controller_status_prop_experimenter, "OFPControllerStatusPropExperimenter")
using controller_status_prop = std::variant<controller_status_prop_uri, controller_status_prop_experimenter, prop_unknown>;
struct controller_status_stats {
  using self = controller_status_stats;
  static constexpr const char* name = "OFPControllerStatusStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0, short_id = 0;
  std::uint32_t role = 0;
  std::uint8_t reason = 0, channel_status = 0;
  std::vector<controller_status_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(short_id, be16), WKOF_F(role, be32),
                                            WKOF_F(reason, u8), WKOF_F(channel_status, u8), wire::pad<6>,
                                            list_of<&self::properties>("properties"));
};
struct controller_status {
  WKOF_MSG(controller_status, 35, "OFPControllerStatus")
  controller_status_stats status;
  static constexpr auto wire = wire::fields(obj<&self::status>("status"));
};
WKOF_MP_EMPTY_REQ(controller_status_stats_request, 18, "OFPControllerStatusStatsRequest")
WKOF_MP_REPLY(controller_status_stats_reply, 18, "OFPControllerStatusStatsReply", std::vector<controller_status_stats>)

// ---- bundle features ----------------------------------------------------------------------
struct time {
  using self = time;
  static constexpr const char* name = "OFPTime";
  std::uint64_t seconds = 0;
  std::uint32_t nanoseconds = 0;
  static constexpr auto wire = wire::fields(WKOF_F(seconds, be64), WKOF_F(nanoseconds, be32), wire::pad<4>);
};
struct bundle_features_prop_time : prop_head<1> {
  using self = bundle_features_prop_time;
  static constexpr const char* name = "OFPBundleFeaturesPropTime";
  of15::time sched_accuracy, sched_max_future, sched_max_past, timestamp;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, wire::pad<4>, obj<&self::sched_accuracy>("sched_accuracy"),
                                            obj<&self::sched_max_future>("sched_max_future"),
                                            obj<&self::sched_max_past>("sched_max_past"), obj<&self::timestamp>("timestamp"));
};
WKOF_EXP_PROP(bundle_features_prop_experimenter, "OFPBundleFeaturesPropExperimenter")
using bundle_features_prop = std::variant<bundle_features_prop_time, bundle_features_prop_experimenter, prop_unknown>;
struct bundle_features_stats_request {
  WKOF_MP(bundle_features_stats_request, 18, 19, "OFPBundleFeaturesStatsRequest")
  std::uint32_t feature_request_flags = 0;
  std::vector<bundle_features_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(feature_request_flags, be32), wire::pad<4>,
                                            list_of<&self::properties>("properties"));
};
struct bundle_features_stats {
  using self = bundle_features_stats;
  static constexpr const char* name = "OFPBundleFeaturesStats";
  std::uint16_t capabilities = 0;
  std::vector<bundle_features_prop> properties;
  static constexpr auto wire =
      wire::fields(WKOF_F(capabilities, be16), wire::pad<6>, list_of<&self::properties>("properties"));
};
WKOF_MP_REPLY(bundle_features_stats_reply, 19, "OFPBundleFeaturesStatsReply", bundle_features_stats)

}  // namespace wirekit::openflow::of15

// ---- ONF flow monitor (OpenFlow 1.3 experimenter multipart, os-ken's ONF* classes) -----------
namespace wirekit::openflow::onf {

inline constexpr std::uint32_t experimenter_id = 0x4f4e4600;
inline constexpr std::uint32_t flow_monitor_exp_type = 1870;

// The match is its OXM fields only (no OFPMatch header), match_len bytes padded to 8; os-ken shows
// it as an OFPMatch whose length is match_len + 4.
struct flow_monitor_request {
  using self = flow_monitor_request;
  static constexpr const char* name = "ONFFlowMonitorRequest";
  std::uint32_t id = 0;
  std::uint16_t flags = 0, match_len = 0;
  std::uint32_t out_port = 0xffffffff;
  std::uint8_t table_id = 0xff;
  openflow::match match;
  struct match_codec {
    static status decode(reader& r, flow_monitor_request& o, const char* p);
    static status encode(writer& w, const flow_monitor_request& o, std::size_t start);
  };
  static constexpr auto wire =
      wire::fields(WKOF_F(id, be32), WKOF_F(flags, be16), WKOF_F(match_len, be16), WKOF_F(out_port, be32),
                   WKOF_F(table_id, u8), wire::pad<3>, WKOF_F(match, hook<match_codec>));
};
struct flow_monitor_stats_request {
  WKOF_MP(flow_monitor_stats_request, 18, 0xffff, "ONFFlowMonitorStatsRequest")
  std::uint32_t experimenter = experimenter_id, exp_type = flow_monitor_exp_type;
  std::vector<flow_monitor_request> body;
  // Chosen over the generic experimenter request when the body names ONF's flow monitor.
  static bool accepts(bytes_view body) {
    return body.size() >= 16 && load_be32(body.data() + 8) == experimenter_id &&
           load_be32(body.data() + 12) == flow_monitor_exp_type;
  }
  static constexpr auto wire = wire::fields(WKOF_MP_HEAD, WKOF_F(experimenter, be32), WKOF_F(exp_type, be32),
                                            list_of<&self::body>("body"));
};

}  // namespace wirekit::openflow::onf

// ---- OpenFlow 1.2 features reply (its ports; os-ken shows them keyed by port number) ----------
namespace wirekit::openflow::of12 {

struct port_map {
  std::vector<of13::port> ports;
};
struct switch_features {
  WKOF_MSG(switch_features, 6, "OFPSwitchFeatures")
  std::uint64_t datapath_id = 0;
  std::uint32_t n_buffers = 0;
  std::uint8_t n_tables = 0;
  std::uint32_t capabilities = 0;
  port_map ports;
  struct ports_codec {
    static status decode(reader& r, switch_features& o, const char*) {
      return openflow::detail::decode_list(r, o.ports.ports, "OFPPort");
    }
    static status encode(writer& w, const switch_features& o, std::size_t) {
      return openflow::detail::encode_list(w, o.ports.ports);
    }
  };
  static constexpr auto wire =
      wire::fields(WKOF_F(datapath_id, be64), WKOF_F(n_buffers, be32), WKOF_F(n_tables, u8), wire::pad<3>,
                   WKOF_F(capabilities, be32), wire::pad<4>, WKOF_F(ports, hook<ports_codec>));
};

}  // namespace wirekit::openflow::of12
