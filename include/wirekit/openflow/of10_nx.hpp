// OpenFlow 1.0 Nicira (NX) vendor messages and vendor statistics, with os-ken's class names
// (ofproto_v1_0_parser.py, layouts of nicira_ext.py). A vendor message (type 4) with vendor
// 0x2320 and a known 32-bit subtype is one of the NXT* classes below; any other subtype stays a
// raw OFPVendor. A vendor statistics request/reply with vendor 0x2320 and subtype 0 or 1 is an
// NX flow/aggregate statistics class; any other stays OFPVendorStats*.
//
// NXM matches keep their wire form (a list of NXM entries as oxm_tlv). Their JSON:
//  - NXTFlowMod "rule" and NX{Flow,Aggregate}StatsRequest "rule": os-ken's ClsRule
//    {"ClsRule": {"flow": {"Flow": {...}}, "wc": {"FlowWildcards": {...}}}}, read from the
//    entries as os-ken's ClsRule setters would store them and written back in the order and
//    form of os-ken's serialize_nxm_match (src/openflow/of10_nx.cpp). Entries a ClsRule cannot
//    hold are kept under "unknown_fields" (a list of OXMTlv) inside the ClsRule object.
//  - NXTFlowRemoved/NXTPacketIn "match" and NXFlowStats "fields": a list of OXMTlv with os-ken's
//    NXM field names (os-ken itself keeps these as objects it cannot turn into JSON).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "wirekit/openflow/of10.hpp"

namespace wirekit::openflow::of10 {

inline constexpr std::uint32_t nx_vendor_id = 0x2320;

// An NXM match: its entries in wire order. JSON: os-ken's ClsRule form.
struct nx_rule {
  static constexpr const char* name = "ClsRule";
  static constexpr const char* names[] = {"Flow", "FlowWildcards"};
  std::vector<oxm_tlv> fields;
  bool operator==(const nx_rule&) const = default;
};

namespace detail {
inline bool nx_vendor_body(bytes_view b, std::size_t at, std::uint32_t subtype) {
  return b.size() >= at + 8 && load_be32(b.data() + at) == nx_vendor_id && load_be32(b.data() + at + 4) == subtype;
}
inline std::size_t pad8_len(std::size_t n) { return (8 - n % 8) % 8; }

// NXM entries whose byte length is the member L (decoded before, at byte Off of the enclosing
// structure), then zero padding to a multiple of 8. Encode patches L.
template <auto M, auto L, std::size_t Off>
struct nxm_entries {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    std::size_t n = o.*L;
    if (!r.has(n)) return truncated_error(p, "nxm_match", r.offset(), n, r.remaining());
    reader sub = r.sub(n);
    WIREKIT_TRY(openflow::detail::decode_list(sub, o.*M, "nxm_entry"));
    std::size_t pad = pad8_len(n);
    r.skip(pad < r.remaining() ? pad : r.remaining());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t start) {
    const std::size_t at = w.size();
    WIREKIT_TRY(openflow::detail::encode_list(w, o.*M));
    const std::size_t n = w.size() - at;
    if (n > 0xffff) return make_error(proto_name, "match_len", at, "NXM match longer than 65535 bytes");
    w.patch_u16(start + Off, n);
    w.zeros(pad8_len(n));
    return {};
  }
};
// The same into an nx_rule (RuleOpt: a std::optional one, null when the match is empty).
template <auto M, auto L, std::size_t Off>
struct nxm_rule_after_len {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    auto& m = o.*M;
    std::size_t n = o.*L;
    if constexpr (requires { m.has_value(); }) {
      if (n == 0) {
        m.reset();
        return {};
      }
      m.emplace();
    }
    if (!r.has(n)) return truncated_error(p, "nxm_match", r.offset(), n, r.remaining());
    reader sub = r.sub(n);
    auto& rule = [&]() -> nx_rule& {
      if constexpr (requires { m.has_value(); })
        return *m;
      else
        return m;
    }();
    WIREKIT_TRY(openflow::detail::decode_list(sub, rule.fields, "nxm_entry"));
    std::size_t pad = pad8_len(n);
    r.skip(pad < r.remaining() ? pad : r.remaining());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t start) {
    const auto& m = o.*M;
    const nx_rule* rule;
    if constexpr (requires { m.has_value(); })
      rule = m ? &*m : nullptr;
    else
      rule = &m;
    const std::size_t at = w.size();
    if (rule) WIREKIT_TRY(openflow::detail::encode_list(w, rule->fields));
    const std::size_t n = w.size() - at;
    if (n > 0xffff) return make_error(proto_name, "match_len", at, "NXM match longer than 65535 bytes");
    w.patch_u16(start + Off, n);
    w.zeros(pad8_len(n));
    return {};
  }
};
// NXTFlowMod's match: match_len (be16), 6 zero bytes, the entries, zero padding to 8.
template <auto M>
struct nxm_rule_with_len {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    if (!r.has(8)) return truncated_error(p, "match_len", r.offset(), 8, r.remaining());
    std::size_t n = r.u16();
    r.skip(6);
    if (!r.has(n)) return truncated_error(p, "nxm_match", r.offset(), n, r.remaining());
    reader sub = r.sub(n);
    WIREKIT_TRY(openflow::detail::decode_list(sub, (o.*M).fields, "nxm_entry"));
    std::size_t pad = pad8_len(n);
    r.skip(pad < r.remaining() ? pad : r.remaining());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    const std::size_t at = w.size();
    w.u16(0);
    w.zeros(6);
    WIREKIT_TRY(openflow::detail::encode_list(w, (o.*M).fields));
    const std::size_t n = w.size() - at - 8;
    if (n > 0xffff) return make_error(proto_name, "match_len", at, "NXM match longer than 65535 bytes");
    w.patch_u16(at, n);
    w.zeros(pad8_len(n));
    return {};
  }
};
}  // namespace detail

template <auto M, auto L, std::size_t Off>
constexpr auto nxm_list(const char* n) {
  return wire::field<M>(n, wire::hook<detail::nxm_entries<M, L, Off>>);
}
template <auto M, auto L, std::size_t Off>
constexpr auto nxm_rule_after(const char* n) {
  return wire::field<M>(n, wire::hook<detail::nxm_rule_after_len<M, L, Off>>);
}
template <auto M>
constexpr auto nxm_rule_inline(const char* n) {
  return wire::field<M>(n, wire::hook<detail::nxm_rule_with_len<M>>);
}

// ---- vendor messages (OFPT_VENDOR, vendor 0x2320, 32-bit subtype) ---------------------------
// "data" is os-ken's OFPVendor.data: always null for these classes (JSON only).
#define WKOF10_NXT(cls, sub, jname)                                                               \
  WKOF_MSG(cls, 4, jname)                                                                         \
  static bool accepts(bytes_view b) { return detail::nx_vendor_body(b, 0, sub); }                  \
  std::uint32_t vendor = nx_vendor_id, subtype = sub;                                              \
  std::optional<bytes> data;
#define WKOF10_NXT_HEAD WKOF_F(data, json_only), WKOF_F(vendor, be32), WKOF_F(subtype, be32)

struct nxt_role_request {
  WKOF10_NXT(nxt_role_request, 10, "NXTRoleRequest")
  std::uint32_t role = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, WKOF_F(role, be32));
};
struct nxt_role_reply {
  WKOF10_NXT(nxt_role_reply, 11, "NXTRoleReply")
  std::uint32_t role = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, WKOF_F(role, be32));
};
struct nxt_set_flow_format {
  WKOF10_NXT(nxt_set_flow_format, 12, "NXTSetFlowFormat")
  std::uint32_t format = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, WKOF_F(format, be32));
};
struct nxt_flow_mod {
  WKOF10_NXT(nxt_flow_mod, 13, "NXTFlowMod")
  std::uint64_t cookie = 0;
  std::uint16_t command = 0, idle_timeout = 0, hard_timeout = 0, priority = 0x8000;
  std::uint32_t buffer_id = 0xffffffff;
  std::uint16_t out_port = 0xffff, flags = 0;
  nx_rule rule;
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(
      WKOF10_NXT_HEAD, WKOF_F(cookie, be64), WKOF_F(command, be16), WKOF_F(idle_timeout, be16),
      WKOF_F(hard_timeout, be16), WKOF_F(priority, be16), WKOF_F(buffer_id, be32), WKOF_F(out_port, be16),
      WKOF_F(flags, be16), nxm_rule_inline<&self::rule>("rule"), list_of<&self::actions>("actions"));
};
struct nxt_flow_removed {
  WKOF10_NXT(nxt_flow_removed, 14, "NXTFlowRemoved")
  std::uint64_t cookie = 0;
  std::uint16_t priority = 0;
  std::uint8_t reason = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t idle_timeout = 0, match_len = 0;
  std::uint64_t packet_count = 0, byte_count = 0;
  std::vector<oxm_tlv> match;
  static constexpr auto wire = wire::fields(
      WKOF10_NXT_HEAD, WKOF_F(cookie, be64), WKOF_F(priority, be16), WKOF_F(reason, u8), wire::pad<1>,
      WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32), WKOF_F(idle_timeout, be16), WKOF_F(match_len, be16),
      WKOF_F(packet_count, be64), WKOF_F(byte_count, be64),
      nxm_list<&self::match, &self::match_len, 30>("match"));
};
struct nxt_flow_mod_table_id {
  WKOF10_NXT(nxt_flow_mod_table_id, 15, "NXTFlowModTableId")
  std::uint8_t set = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, WKOF_F(set, u8), wire::pad<7>);
};
struct nxt_set_packet_in_format {
  WKOF10_NXT(nxt_set_packet_in_format, 16, "NXTSetPacketInFormat")
  std::uint32_t format = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, WKOF_F(format, be32));
};
// "frame": every byte after the padded match (os-ken cuts it to total_len; wirekit keeps all).
struct nxt_packet_in {
  WKOF10_NXT(nxt_packet_in, 17, "NXTPacketIn")
  std::uint32_t buffer_id = 0;
  std::uint16_t total_len = 0;
  std::uint8_t reason = 0, table_id = 0;
  std::uint64_t cookie = 0;
  std::uint16_t match_len = 0;
  std::vector<oxm_tlv> match;
  bytes frame;
  static constexpr auto wire = wire::fields(
      WKOF10_NXT_HEAD, WKOF_F(buffer_id, be32), WKOF_F(total_len, be16), WKOF_F(reason, u8), WKOF_F(table_id, u8),
      WKOF_F(cookie, be64), WKOF_F(match_len, be16), wire::pad<6>,
      nxm_list<&self::match, &self::match_len, 24>("match"), WKOF_F(frame, rest));
};
struct nxt_flow_age {
  WKOF10_NXT(nxt_flow_age, 18, "NXTFlowAge")
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD);
};
struct nxt_set_async_config {
  WKOF10_NXT(nxt_set_async_config, 19, "NXTSetAsyncConfig")
  std::vector<std::uint32_t> packet_in_mask{0, 0}, port_status_mask{0, 0}, flow_removed_mask{0, 0};
  static constexpr auto wire =
      wire::fields(WKOF10_NXT_HEAD, uints<&self::packet_in_mask, 4, 2>("packet_in_mask"),
                   uints<&self::port_status_mask, 4, 2>("port_status_mask"),
                   uints<&self::flow_removed_mask, 4, 2>("flow_removed_mask"));
};
struct nxt_set_controller_id {
  WKOF10_NXT(nxt_set_controller_id, 20, "NXTSetControllerId")
  std::uint16_t controller_id = 0;
  static constexpr auto wire = wire::fields(WKOF10_NXT_HEAD, wire::pad<6>, WKOF_F(controller_id, be16));
};
#undef WKOF10_NXT
#undef WKOF10_NXT_HEAD

// ---- NX vendor statistics (OFPST_VENDOR, vendor 0x2320, subtype 0 flow / 1 aggregate) -------
// Requests: type, flags, vendor, subtype, 4 zero bytes, out_port, match_len, table_id, 3 zero
// bytes, the match ("rule": null when match_len is 0), padding to 8. "specific_data" is os-ken's
// OFPVendorStatsRequest.specific_data: always null here (JSON only).
#define WKOF10_NXST_REQ(cls, sub, jname)                                                                      \
  struct cls {                                                                                                \
    WKOF_MSG(cls, 16, jname)                                                                                  \
    static constexpr std::uint16_t mp_type = 0xffff;                                                          \
    static bool accepts(bytes_view b) { return detail::nx_vendor_body(b, 4, sub); }                            \
    std::uint16_t type = 0xffff, flags = 0;                                                                   \
    std::uint32_t vendor = nx_vendor_id, subtype = sub;                                                       \
    std::optional<bytes> specific_data;                                                                       \
    std::uint16_t out_port = 0xffff, match_len = 0;                                                           \
    std::uint8_t table_id = 0xff;                                                                             \
    std::optional<nx_rule> rule;                                                                              \
    static constexpr auto wire = wire::fields(                                                                \
        WKOF_F(type, be16), WKOF_F(flags, be16), WKOF_F(vendor, be32), WKOF_F(subtype, be32), wire::pad<4>,    \
        WKOF_F(specific_data, json_only), WKOF_F(out_port, be16), WKOF_F(match_len, be16), WKOF_F(table_id, u8), \
        wire::pad<3>, nxm_rule_after<&self::rule, &self::match_len, 18>("rule"));      \
  };
WKOF10_NXST_REQ(nx_flow_stats_request, 0, "NXFlowStatsRequest")
WKOF10_NXST_REQ(nx_aggregate_stats_request, 1, "NXAggregateStatsRequest")
#undef WKOF10_NXST_REQ

struct nx_flow_stats {
  using self = nx_flow_stats;
  static constexpr const char* name = "NXFlowStats";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint32_t duration_sec = 0, duration_nsec = 0;
  std::uint16_t priority = 0, idle_timeout = 0, hard_timeout = 0, match_len = 0, idle_age = 0, hard_age = 0;
  std::uint64_t cookie = 0, packet_count = 0, byte_count = 0;
  std::vector<oxm_tlv> fields;
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(
      WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(duration_sec, be32), WKOF_F(duration_nsec, be32),
      WKOF_F(priority, be16), WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(match_len, be16),
      WKOF_F(idle_age, be16), WKOF_F(hard_age, be16), WKOF_F(cookie, be64), WKOF_F(packet_count, be64),
      WKOF_F(byte_count, be64), nxm_list<&self::fields, &self::match_len, 18>("fields"),
      list_of<&self::actions>("actions"));
};
struct nx_aggregate_stats {
  using self = nx_aggregate_stats;
  static constexpr const char* name = "NXAggregateStats";
  std::uint64_t packet_count = 0, byte_count = 0;
  std::uint32_t flow_count = 0;
  static constexpr auto wire =
      wire::fields(WKOF_F(packet_count, be64), WKOF_F(byte_count, be64), WKOF_F(flow_count, be32), wire::pad<4>);
};
namespace detail {
// A reply's vendor (0x2320), subtype and 4 zero bytes (not in os-ken's JSON), then its list.
template <auto M, std::uint32_t Sub>
struct nx_stats_body {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    if (!r.has(12)) return truncated_error(p, "nx_stats_header", r.offset(), 12, r.remaining());
    r.skip(12);
    return openflow::detail::decode_list(r, o.*M, "body");
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    w.u32(nx_vendor_id);
    w.u32(Sub);
    w.zeros(4);
    return openflow::detail::encode_list(w, o.*M);
  }
};
}  // namespace detail
#define WKOF10_NXST_REPLY(cls, sub, jname, B)                                                       \
  struct cls {                                                                                      \
    WKOF_MSG(cls, 17, jname)                                                                        \
    static constexpr std::uint16_t mp_type = 0xffff;                                                \
    static bool accepts(bytes_view b) { return detail::nx_vendor_body(b, 4, sub); }                  \
    std::uint16_t type = 0xffff, flags = 0;                                                         \
    std::vector<B> body;                                                                            \
    static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(flags, be16),              \
                                              ::wirekit::wire::field<&self::body>("body", ::wirekit::wire::hook<detail::nx_stats_body<&self::body, sub>>)); \
  };
WKOF10_NXST_REPLY(nx_flow_stats_reply, 0, "NXFlowStatsReply", nx_flow_stats)
WKOF10_NXST_REPLY(nx_aggregate_stats_reply, 1, "NXAggregateStatsReply", nx_aggregate_stats)
#undef WKOF10_NXST_REPLY

}  // namespace wirekit::openflow::of10
