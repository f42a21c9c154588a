// OpenFlow 1.2 (wire 0x03), 1.4 (0x05) and 1.5 (0x06): the messages whose wire form differs from
// OpenFlow 1.3. Every other message of these versions is the of13 struct of the same name (the
// registry maps each version's (type, multipart type) to the struct with that wire form).
#pragma once
#include "wirekit/openflow/of13.hpp"

namespace wirekit::openflow::of12 {

// OpenFlow 1.2's hello has no elements (os-ken shows none).
struct hello {
  WKOF_MSG(hello, 0, "OFPHello")
  static constexpr auto wire = wire::fields(wire::pad<0>);
};
struct packet_in {  // no cookie
  WKOF_MSG(packet_in, 10, "OFPPacketIn")
  std::uint32_t buffer_id = 0;
  std::uint16_t total_len = 0;
  std::uint8_t reason = 0, table_id = 0;
  openflow::match match;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_F(buffer_id, be32), WKOF_F(total_len, be16), WKOF_F(reason, u8),
                                            WKOF_F(table_id, u8), obj<&self::match>("match"), wire::pad<2>,
                                            WKOF_F(data, rest));
};

// OpenFlow 1.2 statistics replies: one class, OFPStatsReply, whose body holds the per-type
// structures (one struct per stats type here, all named OFPStatsReply).
struct flow_stats {
  using self = flow_stats;
  static constexpr const char* name = "OFPFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0;
  std::uint64_t cookie = 0, packet_count = 0, byte_count = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
      WKOF_F(priority, be16), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), wire::pad<6>,
      WKOF_F(cookie, be64), WKOF_F(packet_count, be64), WKOF_F(byte_count, be64), obj<&self::match>("match"),
      list_of<&self::instructions>("instructions"));
};
struct aggregate_stats {
  using self = aggregate_stats;
  static constexpr const char* name = "OFPAggregateStatsReply";
  std::uint64_t packet_count = 0, byte_count = 0;
  std::uint32_t flow_count = 0;
  static constexpr auto wire =
      wire::fields(WKOF_F(packet_count, be64), WKOF_F(byte_count, be64), WKOF_F(flow_count, be32), wire::pad<4>);
};
struct table_stats {
  using self = table_stats;
  static constexpr const char* name = "OFPTableStats";
  std::uint8_t table_id = 0;
  ofp_name name_;
  std::uint64_t match = 0, wildcards = 0;
  std::uint32_t write_actions = 0, apply_actions = 0;
  std::uint64_t write_setfields = 0, apply_setfields = 0, metadata_match = 0, metadata_write = 0;
  std::uint32_t instructions = 0, config = 0, max_entries = 0, active_count = 0;
  std::uint64_t lookup_count = 0, matched_count = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(table_id, u8), wire::pad<7>, str<&self::name_, 32>("name"), WKOF_F(match, be64), WKOF_F(wildcards, be64),
      WKOF_F(write_actions, be32), WKOF_F(apply_actions, be32), WKOF_F(write_setfields, be64),
      WKOF_F(apply_setfields, be64), WKOF_F(metadata_match, be64), WKOF_F(metadata_write, be64),
      WKOF_F(instructions, be32), WKOF_F(config, be32), WKOF_F(max_entries, be32), WKOF_F(active_count, be32),
      WKOF_F(lookup_count, be64), WKOF_F(matched_count, be64));
};
struct port_stats {
  using self = port_stats;
  static constexpr const char* name = "OFPPortStats";
  std::uint32_t port_no = 0;
  std::uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0, rx_dropped = 0, tx_dropped = 0,
                rx_errors = 0, tx_errors = 0, rx_frame_err = 0, rx_over_err = 0, rx_crc_err = 0, collisions = 0;
  static constexpr auto wire = wire::fields(
      WKOF_F(port_no, be32), wire::pad<4>, WKOF_F(rx_packets, be64), WKOF_F(tx_packets, be64), WKOF_F(rx_bytes, be64),
      WKOF_F(tx_bytes, be64), WKOF_F(rx_dropped, be64), WKOF_F(tx_dropped, be64), WKOF_F(rx_errors, be64),
      WKOF_F(tx_errors, be64), WKOF_F(rx_frame_err, be64), WKOF_F(rx_over_err, be64), WKOF_F(rx_crc_err, be64),
      WKOF_F(collisions, be64));
};
struct queue_stats {
  using self = queue_stats;
  static constexpr const char* name = "OFPQueueStats";
  std::uint32_t port_no = 0, queue_id = 0;
  std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be32), WKOF_F(queue_id, be32), WKOF_F(tx_bytes, be64),
                                            WKOF_F(tx_packets, be64), WKOF_F(tx_errors, be64));
};
struct group_stats {
  using self = group_stats;
  static constexpr const char* name = "OFPGroupStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint32_t group_id = 0, ref_count = 0;
  std::uint64_t packet_count = 0, byte_count = 0;
  std::vector<of13::bucket_counter> bucket_counters;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), wire::pad<2>, WKOF_F(group_id, be32),
                                            WKOF_F(ref_count, be32), wire::pad<4>, WKOF_F(packet_count, be64),
                                            WKOF_F(byte_count, be64), list_of<&self::bucket_counters>("bucket_counters"));
};
struct group_features_stats {  // os-ken shows its fixed size as "length"
  using self = group_features_stats;
  static constexpr const char* name = "OFPGroupFeaturesStats";
  std::uint32_t types = 0, capabilities = 0;
  std::vector<std::uint32_t> max_groups, actions;
  std::uint16_t length = 40;
  static constexpr auto wire =
      wire::fields(WKOF_F(types, be32), WKOF_F(capabilities, be32), uints<&self::max_groups, 4, 4>("max_groups"),
                   uints<&self::actions, 4, 4>("actions"), WKOF_F(length, json_only));
};
#define WKOF_STATS_REPLY12(cls, mp, B)                                                      \
  struct cls {                                                                              \
    WKOF_MP(cls, 19, mp, "OFPStatsReply")                                                   \
    B body{};                                                                               \
    static constexpr auto wire = wire::fields(WKOF_MP_HEAD, of13::body_field<&self::body>("body")); \
  };
WKOF_STATS_REPLY12(desc_stats_reply, 0, of13::desc_stats)
WKOF_STATS_REPLY12(flow_stats_reply, 1, std::vector<flow_stats>)
WKOF_STATS_REPLY12(aggregate_stats_reply, 2, aggregate_stats)
WKOF_STATS_REPLY12(table_stats_reply, 3, std::vector<table_stats>)
WKOF_STATS_REPLY12(port_stats_reply, 4, std::vector<port_stats>)
WKOF_STATS_REPLY12(queue_stats_reply, 5, std::vector<queue_stats>)
WKOF_STATS_REPLY12(group_stats_reply, 6, std::vector<group_stats>)
WKOF_STATS_REPLY12(group_desc_stats_reply, 7, std::vector<of13::group_desc_stats>)
WKOF_STATS_REPLY12(group_features_stats_reply, 8, group_features_stats)

}  // namespace wirekit::openflow::of12

namespace wirekit::openflow::of14 {

struct flow_mod {  // 1.4 and 1.5: `importance` where 1.3 has padding
  WKOF_MSG(flow_mod, 14, "OFPFlowMod")
  std::uint64_t cookie = 0, cookie_mask = 0;
  std::uint8_t table_id = 0, command = 0;
  std::uint16_t idle_timeout = 0, hard_timeout = 0, priority = 0x8000;
  std::uint32_t buffer_id = 0xffffffff, out_port = 0, out_group = 0;
  std::uint16_t flags = 0, importance = 0;
  openflow::match match;
  std::vector<instruction> instructions;
  static constexpr auto wire = wire::fields(
      WKOF_F(cookie, be64), WKOF_F(cookie_mask, be64), WKOF_F(table_id, u8), WKOF_F(command, u8),
      WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(priority, be16), WKOF_F(buffer_id, be32),
      WKOF_F(out_port, be32), WKOF_F(out_group, be32), WKOF_F(flags, be16), WKOF_F(importance, be16),
      obj<&self::match>("match"), list_of<&self::instructions>("instructions"));
};

}  // namespace wirekit::openflow::of14

namespace wirekit::openflow::of15 {

struct packet_out {  // 1.5: a match instead of in_port
  WKOF_MSG(packet_out, 13, "OFPPacketOut")
  std::uint32_t buffer_id = 0xffffffff;
  std::uint16_t actions_len = 0;
  openflow::match match;
  std::vector<action> actions;
  packet_out_data data;
  struct body_codec {  // actions_len, pad, match, actions
    static status decode(reader& r, packet_out& o, const char* p) {
      if (!r.has(4)) return truncated_error(p, "actions_len", r.offset(), 4, r.remaining());
      o.actions_len = r.u16();
      r.skip(2);
      WIREKIT_TRY(openflow::detail::decode_elem(r, o.match));
      if (!r.has(o.actions_len)) return truncated_error(p, "actions", r.offset(), o.actions_len, r.remaining());
      reader sub = r.sub(o.actions_len);
      return openflow::detail::decode_list(sub, o.actions, "action");
    }
    static status encode(writer& w, const packet_out& o, std::size_t) {
      std::size_t at = w.size();
      w.u16(0);
      w.zeros(2);
      WIREKIT_TRY(openflow::detail::encode_elem(w, o.match));
      std::size_t a = w.size();
      WIREKIT_TRY(openflow::detail::encode_list(w, o.actions));
      if (w.size() - a > 0xffff) return make_error(proto_name, "actions_len", at, "actions longer than 65535 bytes");
      w.patch_u16(at, w.size() - a);
      return {};
    }
  };
  static constexpr auto wire = wire::fields(WKOF_F(buffer_id, be32), WKOF_F(actions_len, hook<body_codec>),
                                            wire::field<&self::match>("match", wire::json_only),
                                            wire::field<&self::actions>("actions", wire::json_only),
                                            WKOF_F(data, rest_or_null));
};

}  // namespace wirekit::openflow::of15
