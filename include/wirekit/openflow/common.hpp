// Structures shared by OpenFlow 1.2-1.5: the OXM TLV and match, actions, instructions.
// Each is a struct with its field list (see detail.hpp for the conventions).
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "wirekit/openflow/detail.hpp"
#include "wirekit/openflow/nx.hpp"

namespace wirekit::openflow {

// ---- OXM ----------------------------------------------------------------------------------
// One OXM TLV as on the wire. JSON: {"OXMTlv": {"field": name, "value": v, "mask": m|null}}
// with os-ken's field names and value forms for the message's version.
struct oxm_tlv {
  static constexpr const char* name = "OXMTlv";
  std::uint16_t oxm_class = 0x8000;
  std::uint8_t field = 0;
  bool hasmask = false;
  bool experimenter_hdr = false;  // class 0xffff: a 32-bit experimenter id follows the header
  std::uint32_t experimenter = 0;
  bool onf_ext256 = false;        // old ONF EXT-256 form: a 16-bit exp_type follows the id
  std::uint16_t exp_type = 0;
  bytes value, mask;
  static status wire_decode(reader& r, oxm_tlv& o);
  static status wire_encode(writer& w, const oxm_tlv& o);
  bool operator==(const oxm_tlv&) const = default;
};

struct match {  // OFPMatch (OFPMT_OXM)
  using self = match;
  static constexpr const char* name = "OFPMatch";
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t type = 1, length = 0;
  std::vector<oxm_tlv> oxm_fields;
  static constexpr auto wire = wire::fields(WKOF_F(type, be16), WKOF_F(length, be16), list_of<&self::oxm_fields>("oxm_fields"));
};

// ---- actions (1.2-1.5) --------------------------------------------------------------------
template <std::uint16_t Type>
struct action_head {
  std::uint16_t type = Type, len = 0;
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
};
#define WKOF_HEAD WKOF_F(type, be16), WKOF_F(len, be16)

struct action_output : action_head<0> {
  using self = action_output;
  static constexpr const char* name = "OFPActionOutput";
  std::uint32_t port = 0;
  std::uint16_t max_len = 0xffe5;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(port, be32), WKOF_F(max_len, be16), wire::pad<6>);
};
// Actions with no body but 4 bytes of padding.
#define WKOF_BARE_ACTION(cls, num, jname)                         \
  struct cls : action_head<num> {                                 \
    using self = cls;                                             \
    static constexpr const char* name = jname;                    \
    static constexpr auto wire = wire::fields(WKOF_HEAD, wire::pad<4>); \
  };
WKOF_BARE_ACTION(action_copy_ttl_out, 11, "OFPActionCopyTtlOut")
WKOF_BARE_ACTION(action_copy_ttl_in, 12, "OFPActionCopyTtlIn")
WKOF_BARE_ACTION(action_dec_mpls_ttl, 16, "OFPActionDecMplsTtl")
WKOF_BARE_ACTION(action_pop_vlan, 18, "OFPActionPopVlan")
WKOF_BARE_ACTION(action_dec_nw_ttl, 24, "OFPActionDecNwTtl")
WKOF_BARE_ACTION(action_pop_pbb, 27, "OFPActionPopPbb")
// Actions with an ethertype.
#define WKOF_ETH_ACTION(cls, num, jname)                                                     \
  struct cls : action_head<num> {                                                            \
    using self = cls;                                                                        \
    static constexpr const char* name = jname;                                               \
    std::uint16_t ethertype = 0;                                                             \
    static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(ethertype, be16), wire::pad<2>); \
  };
WKOF_ETH_ACTION(action_push_vlan, 17, "OFPActionPushVlan")
WKOF_ETH_ACTION(action_push_mpls, 19, "OFPActionPushMpls")
WKOF_ETH_ACTION(action_pop_mpls, 20, "OFPActionPopMpls")
WKOF_ETH_ACTION(action_push_pbb, 26, "OFPActionPushPbb")

struct action_set_mpls_ttl : action_head<15> {
  using self = action_set_mpls_ttl;
  static constexpr const char* name = "OFPActionSetMplsTtl";
  std::uint8_t mpls_ttl = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(mpls_ttl, u8), wire::pad<3>);
};
struct action_set_nw_ttl : action_head<23> {
  using self = action_set_nw_ttl;
  static constexpr const char* name = "OFPActionSetNwTtl";
  std::uint8_t nw_ttl = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(nw_ttl, u8), wire::pad<3>);
};
struct action_set_queue : action_head<21> {
  using self = action_set_queue;
  static constexpr const char* name = "OFPActionSetQueue";
  std::uint32_t queue_id = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(queue_id, be32));
};
struct action_group : action_head<22> {
  using self = action_group;
  static constexpr const char* name = "OFPActionGroup";
  std::uint32_t group_id = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(group_id, be32));
};
struct action_set_field : action_head<25> {
  using self = action_set_field;
  static constexpr const char* name = "OFPActionSetField";
  oxm_tlv field;
  static constexpr auto wire = wire::fields(WKOF_HEAD, obj_pad8<&self::field>("field"));
};
// OF1.5 meter and copy-field actions.
struct action_meter : action_head<29> {
  using self = action_meter;
  static constexpr const char* name = "OFPActionMeter";
  std::uint32_t meter_id = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(meter_id, be32));
};
// OF1.5 copy-field: n_bits bits from the field of oxm_ids[0] at src_offset to the field of
// oxm_ids[1] at dst_offset; the two OXM headers, then zero padding to 8 (len includes it).
// JSON as os-ken's OFPActionCopyField, the ids as OFPOxmId with a boolean hasmask; an id's
// length left out or 0 is the field's size (doubled with hasmask), as os-ken 1.5 writes it.
struct copy_field_oxm_id {
  static constexpr const char* name = "OFPOxmId";
  oxm_tlv hdr;  // value/mask empty
  std::uint8_t length = 0;
  static status wire_decode(reader& r, copy_field_oxm_id& o);
  static status wire_encode(writer& w, const copy_field_oxm_id& o);
};
struct action_copy_field : action_head<28> {
  using self = action_copy_field;
  static constexpr const char* name = "OFPActionCopyField";
  static constexpr bool align8 = true;
  std::uint16_t n_bits = 0, src_offset = 0, dst_offset = 0;
  std::vector<copy_field_oxm_id> oxm_ids;
  struct ids_codec {  // exactly two ids (os-ken asserts it), then padding
    static status decode(reader& r, action_copy_field& o, const char* p);
    static status encode(writer& w, const action_copy_field& o, std::size_t);
  };
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(n_bits, be16), WKOF_F(src_offset, be16),
                                            WKOF_F(dst_offset, be16), wire::pad<2>, WKOF_F(oxm_ids, hook<ids_codec>));
};
// An experimenter action of an experimenter wirekit does not know: raw data.
struct action_experimenter_unknown : action_head<0xffff> {
  using self = action_experimenter_unknown;
  static constexpr const char* name = "OFPActionExperimenterUnknown";
  std::uint32_t experimenter = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(experimenter, be32), WKOF_F(data, rest));
};
// Any other action type: raw body.
struct action_unknown {
  using self = action_unknown;
  static constexpr const char* name = "OFPActionUnknown";
  static constexpr bool tlv_unknown = true;
  static constexpr std::size_t len_at = 2;
  std::uint16_t type = 0, len = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(data, rest));
};

// Nicira ct(): connection tracking, with the actions it applies (set-field and nat as os-ken
// has them; anything else raw). zone_src "" (no field) means zone_ofs_nbits is an immediate zone.
// The nested actions are one level deep by type: no ct() inside ct().
using ct_action = std::variant<action_set_field, nx_nat, nx_unknown, action_experimenter_unknown, action_unknown>;
struct nxm_header_opt {  // an NXM header, or none (0): JSON the field's name, or ""
  std::uint32_t hdr = 0;
  bool operator==(const nxm_header_opt&) const = default;
};
struct nx_ct : nx_head<35> {
  using self = nx_ct;
  static constexpr const char* name = "NXActionCT";
  std::uint16_t flags = 0;
  nxm_header_opt zone_src;
  std::uint16_t zone_ofs_nbits = 0;
  std::uint8_t recirc_table = 0xff;
  std::uint16_t alg = 0;
  std::vector<ct_action> actions;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, WKOF_F(flags, be16), nxm<&self::zone_src>("zone_src"),
                                            WKOF_F(zone_ofs_nbits, be16), WKOF_F(recirc_table, u8), wire::pad<3>,
                                            WKOF_F(alg, be16), list_of<&self::actions>("actions"));
};

// reg_load2: one OXM TLV (value, optional mask) after the header, padded to 8. JSON as os-ken's
// constructor takes it: {"dst": field name, "value": ..., "mask": ...} (os-ken 2.5 cannot turn
// this action into JSON itself; its bytes are the reference).
struct nx_reg_load2 : nx_head<33> {
  using self = nx_reg_load2;
  static constexpr const char* name = "NXActionRegLoad2";
  oxm_tlv field;
  static constexpr auto wire = wire::fields(WKOF_NX_HEAD, obj_pad8<&self::field>("field"));
};

using action = std::variant<action_output, action_copy_ttl_out, action_copy_ttl_in, action_set_mpls_ttl,
                            action_dec_mpls_ttl, action_push_vlan, action_pop_vlan, action_push_mpls,
                            action_pop_mpls, action_set_queue, action_group, action_set_nw_ttl,
                            action_dec_nw_ttl, action_set_field, action_push_pbb, action_pop_pbb,
                            action_meter, action_copy_field, nx_resubmit, nx_reg_move, nx_reg_load, nx_note, nx_resubmit_table,
                            nx_fin_timeout, nx_controller, nx_dec_ttl_cnt_ids, nx_stack_push, nx_stack_pop, nx_sample,
                            nx_conjunction, nx_sample2, nx_output_trunc, nx_ct_clear, nx_ct, nx_nat, nx_learn,
                            nx_controller2, nx_pop_queue, nx_exit, nx_dec_ttl, nx_dec_mpls_ttl, nx_dec_nsh_ttl,
                            nx_set_tunnel, nx_set_queue, nx_set_tunnel64, nx_multipath, nx_bundle, nx_bundle_load,
                            nx_output_reg, nx_push_mpls, nx_pop_mpls, nx_set_mpls_ttl, nx_set_mpls_label,
                            nx_set_mpls_tc, nx_output_reg2, nx_encap_ether, nx_reg_load2, nx_unknown,
                            action_experimenter_unknown, action_unknown>;

// ---- instructions (1.2-1.5) ---------------------------------------------------------------
struct instruction_goto_table : action_head<1> {
  using self = instruction_goto_table;
  static constexpr const char* name = "OFPInstructionGotoTable";
  std::uint8_t table_id = 0;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(table_id, u8), wire::pad<3>);
};
struct instruction_write_metadata : action_head<2> {
  using self = instruction_write_metadata;
  static constexpr const char* name = "OFPInstructionWriteMetadata";
  std::uint64_t metadata = 0, metadata_mask = 0;
  static constexpr auto wire =
      wire::fields(WKOF_HEAD, wire::pad<4>, WKOF_F(metadata, be64), WKOF_F(metadata_mask, be64));
};
struct instruction_actions : action_head<4> {  // write (3), apply (4), clear (5)
  using self = instruction_actions;
  static constexpr const char* name = "OFPInstructionActions";
  static constexpr bool tlv_match(std::uint16_t t) { return t >= 3 && t <= 5; }
  std::vector<action> actions;
  static constexpr auto wire = wire::fields(WKOF_HEAD, wire::pad<4>, list_of<&self::actions>("actions"));
};
struct instruction_meter : action_head<6> {
  using self = instruction_meter;
  static constexpr const char* name = "OFPInstructionMeter";
  std::uint32_t meter_id = 1;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(meter_id, be32));
};
struct instruction_unknown {
  using self = instruction_unknown;
  static constexpr const char* name = "OFPInstructionUnknown";
  static constexpr bool tlv_unknown = true;
  static constexpr std::size_t len_at = 2;
  std::uint16_t type = 0, len = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_HEAD, WKOF_F(data, rest));
};
using instruction =
    std::variant<instruction_goto_table, instruction_write_metadata, instruction_actions, instruction_meter,
                 instruction_unknown>;

// The os-ken name of an OXM field for a wire version (1.2-1.5), or "" if unknown.
std::string oxm_field_name(std::uint8_t version, const oxm_tlv& t);

}  // namespace wirekit::openflow
