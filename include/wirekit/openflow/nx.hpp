// Nicira (NX) extension actions as os-ken's nx_actions.py names them, for OpenFlow 1.2-1.5
// (experimenter action type 0xffff, experimenter 0x2320, 16-bit subtype). The action is
// zero-padded to a multiple of 8 bytes. NXM field headers inside actions are JSON field names.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "wirekit/core/addr.hpp"

#include "wirekit/openflow/detail.hpp"

namespace wirekit::openflow {

// A 32-bit NXM/OXM header naming a field (no value). JSON: the field's os-ken name.
struct nxm_header {
  std::uint32_t hdr = 0;
  bool operator==(const nxm_header&) const = default;
};

namespace detail {
template <auto M>
struct nxm_hook {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    if (!r.has(4)) return truncated_error(p, "nxm_header", r.offset(), 4, r.remaining());
    (o.*M).hdr = r.u32();
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    w.u32((o.*M).hdr);
    return {};
  }
};
}  // namespace detail

template <auto M>
constexpr auto nxm(const char* n) {
  return wire::field<M>(n, wire::hook<detail::nxm_hook<M>>);
}

template <std::uint16_t Subtype>
struct nx_head {
  std::uint16_t type = 0xffff, len = 0;
  std::uint32_t experimenter = 0x2320;
  std::uint16_t subtype = Subtype;
  static constexpr bool align8 = true;  // the action is zero-padded to 8 bytes, len included
  static constexpr std::uint16_t tlv_type = 0xffff;
  static constexpr std::uint32_t tlv_experimenter = 0x2320;
  static constexpr std::uint16_t tlv_subtype = Subtype;
  static constexpr std::size_t len_at = 2;
};
#define WKOF_NX_HEAD WKOF_F(type, be16), WKOF_F(len, be16), WKOF_F(experimenter, be32), WKOF_F(subtype, be16)

struct nx_resubmit : nx_head<1> {
  using self = nx_resubmit;
  static constexpr const char* name = "NXActionResubmit";
  std::uint16_t in_port = 0xfff8;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(in_port, be16));
};
struct nx_reg_move : nx_head<6> {
  using self = nx_reg_move;
  static constexpr const char* name = "NXActionRegMove";
  std::uint16_t n_bits = 0, src_ofs = 0, dst_ofs = 0;
  nxm_header src_field, dst_field;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(n_bits, be16), WKOF_F(src_ofs, be16), WKOF_F(dst_ofs, be16),
                                            nxm<&self::src_field>("src_field"), nxm<&self::dst_field>("dst_field"));
};
struct nx_reg_load : nx_head<7> {
  using self = nx_reg_load;
  static constexpr const char* name = "NXActionRegLoad";
  std::uint16_t ofs_nbits = 0;
  nxm_header dst;
  std::uint64_t value = 0;
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, WKOF_F(ofs_nbits, be16), nxm<&self::dst>("dst"), WKOF_F(value, be64));
};
struct nx_note : nx_head<8> {
  using self = nx_note;
  static constexpr const char* name = "NXActionNote";
  std::vector<std::uint8_t> note;  // padding bytes included, as os-ken shows them
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, uints<&self::note, 1>("note"));
};
struct nx_resubmit_table : nx_head<14> {
  using self = nx_resubmit_table;
  static constexpr const char* name = "NXActionResubmitTable";
  std::uint16_t in_port = 0xfff8;
  std::uint8_t table_id = 0xff;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(in_port, be16), WKOF_F(table_id, u8));
};
struct nx_fin_timeout : nx_head<19> {
  using self = nx_fin_timeout;
  static constexpr const char* name = "NXActionFinTimeout";
  std::uint16_t fin_idle_timeout = 0, fin_hard_timeout = 0;
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, WKOF_F(fin_idle_timeout, be16), WKOF_F(fin_hard_timeout, be16));
};
struct nx_controller : nx_head<20> {
  using self = nx_controller;
  static constexpr const char* name = "NXActionController";
  std::uint16_t max_len = 0, controller_id = 0;
  std::uint8_t reason = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(max_len, be16), WKOF_F(controller_id, be16),
                                            WKOF_F(reason, u8));
};
struct nx_dec_ttl_cnt_ids : nx_head<21> {
  using self = nx_dec_ttl_cnt_ids;
  static constexpr const char* name = "NXActionDecTtlCntIds";
  std::vector<std::uint16_t> cnt_ids;
  struct ids_codec {
    template <class T>
    static status decode(reader& r, T& o, const char* p) {
      if (!r.has(6)) return truncated_error(p, "controllers", r.offset(), 6, r.remaining());
      std::size_t n = r.u16();
      r.skip(4);
      if (!r.has(2 * n)) return truncated_error(p, "cnt_ids", r.offset(), 2 * n, r.remaining());
      o.cnt_ids.clear();
      for (std::size_t i = 0; i < n; ++i) o.cnt_ids.push_back(r.u16());
      return {};
    }
    template <class T>
    static status encode(writer& w, const T& o, std::size_t) {
      if (o.cnt_ids.size() > 0xffff) return make_error(proto_name, "cnt_ids", w.size(), "too many ids");
      w.u16(o.cnt_ids.size());
      w.zeros(4);
      for (auto x : o.cnt_ids) w.u16(x);
      return {};
    }
  };
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(cnt_ids, hook<ids_codec>));
};
template <std::uint16_t Subtype>
struct nx_stack_base : nx_head<Subtype> {
  std::uint16_t start = 0, end = 0;
  nxm_header field;
};
struct nx_stack_push : nx_stack_base<27> {
  using self = nx_stack_push;
  static constexpr const char* name = "NXActionStackPush";
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(start, be16), nxm<&self::field>("field"), WKOF_F(end, be16));
};
struct nx_stack_pop : nx_stack_base<28> {
  using self = nx_stack_pop;
  static constexpr const char* name = "NXActionStackPop";
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(start, be16), nxm<&self::field>("field"), WKOF_F(end, be16));
};
struct nx_sample : nx_head<29> {
  using self = nx_sample;
  static constexpr const char* name = "NXActionSample";
  std::uint16_t probability = 0;
  std::uint32_t collector_set_id = 0, obs_domain_id = 0, obs_point_id = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(probability, be16), WKOF_F(collector_set_id, be32),
                                            WKOF_F(obs_domain_id, be32), WKOF_F(obs_point_id, be32));
};
struct nx_conjunction : nx_head<34> {
  using self = nx_conjunction;
  static constexpr const char* name = "NXActionConjunction";
  std::uint8_t clause = 0, n_clauses = 0;
  std::uint32_t id = 0;
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, WKOF_F(clause, u8), WKOF_F(n_clauses, u8), WKOF_F(id, be32));
};
struct nx_sample2 : nx_head<38> {
  using self = nx_sample2;
  static constexpr const char* name = "NXActionSample2";
  std::uint16_t probability = 0;
  std::uint32_t collector_set_id = 0, obs_domain_id = 0, obs_point_id = 0;
  std::uint16_t sampling_port = 0;
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, WKOF_F(probability, be16), WKOF_F(collector_set_id, be32), WKOF_F(obs_domain_id, be32),
                   WKOF_F(obs_point_id, be32), WKOF_F(sampling_port, be16), wire::pad<6>);
};
struct nx_output_trunc : nx_head<39> {
  using self = nx_output_trunc;
  static constexpr const char* name = "NXActionOutputTrunc";
  std::uint16_t port = 0;
  std::uint32_t max_len = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(port, be16), WKOF_F(max_len, be32));
};
struct nx_ct_clear : nx_head<43> {
  using self = nx_ct_clear;
  static constexpr const char* name = "NXActionCTClear";
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<6>);
};
// NAT inside ct(): optional ranges, present as range_present's bits say (an absent address is
// "" in JSON, an absent port null, as os-ken shows them).
template <class A>
struct opt_addr {
  std::optional<A> v;
  bool operator==(const opt_addr&) const = default;
};
struct nx_nat : nx_head<36> {
  using self = nx_nat;
  static constexpr const char* name = "NXActionNAT";
  std::uint16_t flags = 0;
  opt_addr<ipv4_addr> range_ipv4_min, range_ipv4_max;
  opt_addr<ipv6_addr> range_ipv6_min, range_ipv6_max;
  std::optional<std::uint16_t> range_proto_min, range_proto_max;
  struct ranges_codec {
    static status decode(reader& r, nx_nat& o, const char* p);
    static status encode(writer& w, const nx_nat& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(
      WKOF_NX_HEAD, wire::pad<2>, WKOF_F(flags, be16), WKOF_F(range_ipv4_min, hook<ranges_codec>),
      WKOF_F(range_ipv4_max, json_only), WKOF_F(range_ipv6_min, json_only), WKOF_F(range_ipv6_max, json_only),
      WKOF_F(range_proto_min, json_only), WKOF_F(range_proto_max, json_only));
};

// learn(): flow specs. A spec copies n_bits from a source (a field subfield, or an immediate
// value) to a match criterion, a register load or an output port (os-ken's NXFlowSpecMatch /
// NXFlowSpecLoad / NXFlowSpecOutput; a subfield is [field name, offset] in JSON; an immediate
// value is an integer; beyond 64 bits, a string of its decimal digits as in OXM values).
struct nx_flow_spec {
  static constexpr const char* names[] = {"NXFlowSpecMatch", "NXFlowSpecLoad", "NXFlowSpecOutput"};
  std::uint8_t dst_type = 0;  // 0 match, 1 load, 2 output
  bool src_immediate = false;
  std::uint16_t n_bits = 0;
  nxm_header src_field, dst_field;
  std::uint16_t src_ofs = 0, dst_ofs = 0;
  bytes src_value;  // immediate: (n_bits + 15) / 16 * 2 bytes
  bool operator==(const nx_flow_spec&) const = default;
};
struct nx_learn : nx_head<16> {
  using self = nx_learn;
  static constexpr const char* name = "NXActionLearn";
  std::uint16_t idle_timeout = 0, hard_timeout = 0, priority = 0x8000;
  std::uint64_t cookie = 0;
  std::uint16_t flags = 0;
  std::uint8_t table_id = 0;
  std::uint16_t fin_idle_timeout = 0, fin_hard_timeout = 0;
  std::vector<nx_flow_spec> specs;
  struct specs_codec {
    static status decode(reader& r, nx_learn& o, const char* p);
    static status encode(writer& w, const nx_learn& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(
      WKOF_NX_HEAD, WKOF_F(idle_timeout, be16), WKOF_F(hard_timeout, be16), WKOF_F(priority, be16),
      WKOF_F(cookie, be64), WKOF_F(flags, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(fin_idle_timeout, be16),
      WKOF_F(fin_hard_timeout, be16), WKOF_F(specs, hook<specs_codec>));
};

// controller2: properties max_len, controller_id, reason, userdata, pause; JSON has a key for
// each property present (os-ken's form), written in property-type order.
struct nx_controller2 : nx_head<37> {
  using self = nx_controller2;
  static constexpr const char* name = "NXActionController2";
  std::optional<std::uint16_t> max_len, controller_id;
  std::optional<std::uint8_t> reason;
  std::optional<std::vector<std::uint8_t>> userdata;
  bool pause = false;
  struct props_codec {
    static status decode(reader& r, nx_controller2& o, const char* p);
    static status encode(writer& w, const nx_controller2& o, std::size_t);
  };
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, wire::pad<6>, WKOF_F(max_len, hook<props_codec>), WKOF_F(controller_id, json_only),
                   WKOF_F(reason, json_only), WKOF_F(userdata, json_only), WKOF_F(pause, json_only));
};

// Actions with no body but padding, and the small fixed ones (os-ken's nx_actions.py layouts).
#define WKOF_NX_BARE(cls, st, jname)                                               \
  struct cls : nx_head<st> {                                                       \
    using self = cls;                                                              \
    static constexpr const char* name = jname;                                     \
    static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<6>);         \
  };
WKOF_NX_BARE(nx_pop_queue, 5, "NXActionPopQueue")
WKOF_NX_BARE(nx_exit, 17, "NXActionExit")
WKOF_NX_BARE(nx_dec_ttl, 18, "NXActionDecTtl")
WKOF_NX_BARE(nx_dec_mpls_ttl, 26, "NXActionDecMplsTtl")
WKOF_NX_BARE(nx_dec_nsh_ttl, 48, "NXActionDecNshTtl")
#undef WKOF_NX_BARE
struct nx_set_tunnel : nx_head<2> {
  using self = nx_set_tunnel;
  static constexpr const char* name = "NXActionSetTunnel";
  std::uint32_t tun_id = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<2>, WKOF_F(tun_id, be32));
};
struct nx_set_queue : nx_head<4> {
  using self = nx_set_queue;
  static constexpr const char* name = "NXActionSetQueue";
  std::uint32_t queue_id = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<2>, WKOF_F(queue_id, be32));
};
struct nx_set_tunnel64 : nx_head<9> {
  using self = nx_set_tunnel64;
  static constexpr const char* name = "NXActionSetTunnel64";
  std::uint64_t tun_id = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<6>, WKOF_F(tun_id, be64));
};
struct nx_multipath : nx_head<10> {
  using self = nx_multipath;
  static constexpr const char* name = "NXActionMultipath";
  std::uint16_t fields = 0, basis = 0, algorithm = 0, max_link = 0;
  std::uint32_t arg = 0;
  std::uint16_t ofs_nbits = 0;
  nxm_header dst;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(fields, be16), WKOF_F(basis, be16), wire::pad<2>,
                                            WKOF_F(algorithm, be16), WKOF_F(max_link, be16), WKOF_F(arg, be32),
                                            wire::pad<2>, WKOF_F(ofs_nbits, be16), nxm<&self::dst>("dst"));
};
// bundle / bundle_load: n_slaves 16-bit port numbers after the fixed part; the rest is padding.
namespace detail {
template <auto M, auto Count>
struct counted_u16s {
  template <class T>
  static status decode(reader& r, T& o, const char* p) {
    const std::size_t n = o.*Count;
    if (!r.has(2 * n)) return truncated_error(p, "slaves", r.offset(), 2 * n, r.remaining());
    auto& v = o.*M;
    v.clear();
    for (std::size_t i = 0; i < n; ++i) v.push_back(r.u16());
    r.skip(r.remaining());
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    for (auto x : o.*M) w.u16(x);
    return {};
  }
};
}  // namespace detail
template <std::uint16_t Subtype, class Dst>
struct nx_bundle_base : nx_head<Subtype> {
  std::uint16_t algorithm = 0, fields = 0, basis = 0;
  std::uint32_t slave_type = 0;
  std::uint16_t n_slaves = 0, ofs_nbits = 0;
  Dst dst{};
  std::vector<std::uint16_t> slaves;
};
#define WKOF_NX_BUNDLE_FIELDS(dst_field)                                                                        \
  WKOF_NX_HEAD, WKOF_F(algorithm, be16), WKOF_F(fields, be16), WKOF_F(basis, be16), WKOF_F(slave_type, be32), \
      WKOF_F(n_slaves, be16), WKOF_F(ofs_nbits, be16), dst_field, wire::pad<4>,                              \
      wire::field<&self::slaves>("slaves", wire::hook<detail::counted_u16s<&self::slaves, &self::n_slaves>>)
struct nx_bundle : nx_bundle_base<12, std::uint32_t> {  // os-ken shows dst as the number it is (unused)
  using self = nx_bundle;
  static constexpr const char* name = "NXActionBundle";
  static constexpr auto wire = wire::fields(WKOF_NX_BUNDLE_FIELDS(WKOF_F(dst, be32)));
};
struct nx_bundle_load : nx_bundle_base<13, nxm_header> {
  using self = nx_bundle_load;
  static constexpr const char* name = "NXActionBundleLoad";
  static constexpr auto wire = wire::fields(WKOF_NX_BUNDLE_FIELDS(nxm<&self::dst>("dst")));
};
#undef WKOF_NX_BUNDLE_FIELDS
struct nx_output_reg : nx_head<15> {
  using self = nx_output_reg;
  static constexpr const char* name = "NXActionOutputReg";
  std::uint16_t ofs_nbits = 0;
  nxm_header src;
  std::uint16_t max_len = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(ofs_nbits, be16), nxm<&self::src>("src"),
                                            WKOF_F(max_len, be16), wire::pad<6>);
};
template <std::uint16_t Subtype>
struct nx_mpls_ethertype : nx_head<Subtype> {
  std::uint16_t ethertype = 0;
};
struct nx_push_mpls : nx_mpls_ethertype<23> {
  using self = nx_push_mpls;
  static constexpr const char* name = "NXActionPushMpls";
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(ethertype, be16), wire::pad<4>);
};
struct nx_pop_mpls : nx_mpls_ethertype<24> {
  using self = nx_pop_mpls;
  static constexpr const char* name = "NXActionPopMpls";
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(ethertype, be16), wire::pad<4>);
};
struct nx_set_mpls_ttl : nx_head<25> {
  using self = nx_set_mpls_ttl;
  static constexpr const char* name = "NXActionSetMplsTtl";
  std::uint8_t ttl = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(ttl, u8), wire::pad<5>);
};
struct nx_set_mpls_label : nx_head<30> {
  using self = nx_set_mpls_label;
  static constexpr const char* name = "NXActionSetMplsLabel";
  std::uint32_t label = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, wire::pad<2>, WKOF_F(label, be32));
};
struct nx_set_mpls_tc : nx_head<31> {
  using self = nx_set_mpls_tc;
  static constexpr const char* name = "NXActionSetMplsTc";
  std::uint8_t tc = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(tc, u8), wire::pad<5>);
};
struct nx_output_reg2 : nx_head<32> {
  using self = nx_output_reg2;
  static constexpr const char* name = "NXActionOutputReg2";
  std::uint16_t ofs_nbits = 0, max_len = 0;
  nxm_header src;
  static constexpr auto wire =
      wire::fields(WKOF_NX_HEAD, WKOF_F(ofs_nbits, be16), WKOF_F(max_len, be16), nxm<&self::src>("src"));
};
// encap (subtype 46) as os-ken reads it: header size and new packet type; properties that follow
// (NSH encap) are not kept (os-ken has none: its NXActionEncapNsh cannot be built).
struct nx_encap_ether : nx_head<46> {
  using self = nx_encap_ether;
  static constexpr const char* name = "NXActionEncapEther";
  std::uint16_t hdr_size = 0;
  std::uint32_t new_pkt_type = 0;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(hdr_size, be16), WKOF_F(new_pkt_type, be32));
};

// Any other Nicira subtype: raw body (padding included).
struct nx_unknown {
  using self = nx_unknown;
  static constexpr const char* name = "NXActionUnknown";
  static constexpr std::uint16_t tlv_type = 0xffff;
  static constexpr std::uint32_t tlv_experimenter = 0x2320;
  static constexpr std::size_t len_at = 2;
  std::uint16_t type = 0xffff, len = 0;
  std::uint32_t experimenter = 0x2320;
  std::uint16_t subtype = 0;
  bytes data;
  static constexpr bool align8 = true;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(data, rest));
};

}  // namespace wirekit::openflow
