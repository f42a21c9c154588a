// OpenFlow 1.4 (wire 0x05) structures with properties (ports, port-mod, table-mod/desc/status,
// role status, async config), also used by 1.5 where the wire form is the same.
#pragma once
#include "wirekit/openflow/of12.hpp"

namespace wirekit::openflow::of14 {

template <std::uint16_t Type>
struct prop_head {
  std::uint16_t type = Type, length = 0;
  static constexpr std::uint16_t tlv_type = Type;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
};
#define WKOF_PROP_HEAD WKOF_F(type, be16), WKOF_F(length, be16)
// Experimenter properties: experimenter, exp_type and 32-bit data words.
#define WKOF_EXP_PROP(cls, jname)                                                                          \
  struct cls : prop_head<0xffff> {                                                                         \
    using self = cls;                                                                                      \
    static constexpr const char* name = jname;                                                             \
    static constexpr bool tlv_match(std::uint16_t t) { return t >= 0xfffe; }                               \
    std::uint32_t experimenter = 0, exp_type = 0;                                                          \
    std::vector<std::uint32_t> data;                                                                       \
    static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(experimenter, be32), WKOF_F(exp_type, be32), \
                                              uints<&self::data, 4>("data"));                              \
  };
struct prop_unknown {
  using self = prop_unknown;
  static constexpr const char* name = "OFPPropUnknown";
  static constexpr bool tlv_unknown = true;
  static constexpr std::size_t len_at = 2;
  static constexpr bool pad8 = true;
  std::uint16_t type = 0, length = 0;
  bytes data;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(data, rest));
};

// Ports.
struct port_desc_prop_ethernet : prop_head<0> {
  using self = port_desc_prop_ethernet;
  static constexpr const char* name = "OFPPortDescPropEthernet";
  std::uint32_t curr = 0, advertised = 0, supported = 0, peer = 0, curr_speed = 0, max_speed = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, wire::pad<4>, WKOF_F(curr, be32), WKOF_F(advertised, be32),
                                            WKOF_F(supported, be32), WKOF_F(peer, be32), WKOF_F(curr_speed, be32),
                                            WKOF_F(max_speed, be32));
};
struct port_desc_prop_optical : prop_head<1> {
  using self = port_desc_prop_optical;
  static constexpr const char* name = "OFPPortDescPropOptical";
  std::uint32_t supported = 0, tx_min_freq_lmda = 0, tx_max_freq_lmda = 0, tx_grid_freq_lmda = 0, rx_min_freq_lmda = 0,
                rx_max_freq_lmda = 0, rx_grid_freq_lmda = 0;
  std::uint16_t tx_pwr_min = 0, tx_pwr_max = 0;
  static constexpr auto wire = wire::fields(
      WKOF_PROP_HEAD, wire::pad<4>, WKOF_F(supported, be32), WKOF_F(tx_min_freq_lmda, be32), WKOF_F(tx_max_freq_lmda, be32),
      WKOF_F(tx_grid_freq_lmda, be32), WKOF_F(rx_min_freq_lmda, be32), WKOF_F(rx_max_freq_lmda, be32),
      WKOF_F(rx_grid_freq_lmda, be32), WKOF_F(tx_pwr_min, be16), WKOF_F(tx_pwr_max, be16));
};
WKOF_EXP_PROP(port_desc_prop_experimenter, "OFPPortDescPropExperimenter")
using port_desc_prop = std::variant<port_desc_prop_ethernet, port_desc_prop_optical, port_desc_prop_experimenter, prop_unknown>;
struct port {
  using self = port;
  static constexpr const char* name = "OFPPort";
  static constexpr std::size_t len_at = 4;
  std::uint32_t port_no = 0;
  std::uint16_t length = 0;
  mac_addr hw_addr;
  ofp_name name_;
  std::uint32_t config = 0, state = 0;
  std::vector<port_desc_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be32), WKOF_F(length, be16), wire::pad<2>, WKOF_F(hw_addr, addr),
                                            wire::pad<2>, str<&self::name_, 16>("name"), WKOF_F(config, be32),
                                            WKOF_F(state, be32), list_of<&self::properties>("properties"));
};
struct port_status {
  WKOF_MSG(port_status, 12, "OFPPortStatus")
  std::uint8_t reason = 0;
  port desc;
  static constexpr auto wire = wire::fields(WKOF_F(reason, u8), wire::pad<7>, obj<&self::desc>("desc"));
};
WKOF_MP_REPLY(port_desc_stats_reply, 13, "OFPPortDescStatsReply", std::vector<port>)

struct port_mod_prop_ethernet : prop_head<0> {
  using self = port_mod_prop_ethernet;
  static constexpr const char* name = "OFPPortModPropEthernet";
  std::uint32_t advertise = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(advertise, be32));
};
struct port_mod_prop_optical : prop_head<1> {
  using self = port_mod_prop_optical;
  static constexpr const char* name = "OFPPortModPropOptical";
  std::uint32_t configure = 0, freq_lmda = 0, fl_offset = 0, grid_span = 0, tx_pwr = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(configure, be32), WKOF_F(freq_lmda, be32),
                                            WKOF_F(fl_offset, be32), WKOF_F(grid_span, be32), WKOF_F(tx_pwr, be32));
};
WKOF_EXP_PROP(port_mod_prop_experimenter, "OFPPortModPropExperimenter")
using port_mod_prop = std::variant<port_mod_prop_ethernet, port_mod_prop_optical, port_mod_prop_experimenter, prop_unknown>;
struct port_mod {
  WKOF_MSG(port_mod, 16, "OFPPortMod")
  std::uint32_t port_no = 0;
  mac_addr hw_addr;
  std::uint32_t config = 0, mask = 0;
  std::vector<port_mod_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(port_no, be32), wire::pad<4>, WKOF_F(hw_addr, addr), wire::pad<2>,
                                            WKOF_F(config, be32), WKOF_F(mask, be32), list_of<&self::properties>("properties"));
};

// Tables.
struct table_mod_prop_eviction : prop_head<2> {
  using self = table_mod_prop_eviction;
  static constexpr const char* name = "OFPTableModPropEviction";
  std::uint32_t flags = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(flags, be32));
};
struct table_mod_prop_vacancy : prop_head<3> {
  using self = table_mod_prop_vacancy;
  static constexpr const char* name = "OFPTableModPropVacancy";
  std::uint8_t vacancy_down = 0, vacancy_up = 0, vacancy = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(vacancy_down, u8), WKOF_F(vacancy_up, u8),
                                            WKOF_F(vacancy, u8), wire::pad<1>);
};
WKOF_EXP_PROP(table_mod_prop_experimenter, "OFPTableModPropExperimenter")
using table_mod_prop =
    std::variant<table_mod_prop_eviction, table_mod_prop_vacancy, table_mod_prop_experimenter, prop_unknown>;
struct table_mod {
  WKOF_MSG(table_mod, 17, "OFPTableMod")
  std::uint8_t table_id = 0;
  std::uint32_t config = 0;
  std::vector<table_mod_prop> properties;
  static constexpr auto wire =
      wire::fields(WKOF_F(table_id, u8), wire::pad<3>, WKOF_F(config, be32), list_of<&self::properties>("properties"));
};
struct table_desc {
  using self = table_desc;
  static constexpr const char* name = "OFPTableDesc";
  static constexpr std::size_t len_at = 0;
  std::uint16_t length = 0;
  std::uint8_t table_id = 0;
  std::uint32_t config = 0;
  std::vector<table_mod_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(length, be16), WKOF_F(table_id, u8), wire::pad<1>, WKOF_F(config, be32),
                                            list_of<&self::properties>("properties"));
};
struct table_status {
  WKOF_MSG(table_status, 31, "OFPTableStatus")
  std::uint8_t reason = 0;
  table_desc table;
  static constexpr auto wire = wire::fields(WKOF_F(reason, u8), wire::pad<7>, obj<&self::table>("table"));
};
WKOF_MP_EMPTY_REQ(table_desc_stats_request, 14, "OFPTableDescStatsRequest")
WKOF_MP_REPLY(table_desc_stats_reply, 14, "OFPTableDescStatsReply", std::vector<table_desc>)

// Role status and async configuration.
WKOF_EXP_PROP(role_prop_experimenter, "OFPRolePropExperimenter")
using role_prop = std::variant<role_prop_experimenter, prop_unknown>;
struct role_status {
  WKOF_MSG(role_status, 30, "OFPRoleStatus")
  std::uint32_t role = 0;
  std::uint8_t reason = 0;
  std::uint64_t generation_id = 0;
  std::vector<role_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(role, be32), WKOF_F(reason, u8), wire::pad<3>,
                                            WKOF_F(generation_id, be64), list_of<&self::properties>("properties"));
};
struct async_config_prop_reasons : prop_head<0> {
  using self = async_config_prop_reasons;
  static constexpr const char* name = "OFPAsyncConfigPropReasons";
  static constexpr bool tlv_match(std::uint16_t t) { return t <= 11; }
  std::uint32_t mask = 0;
  static constexpr auto wire = wire::fields(WKOF_PROP_HEAD, WKOF_F(mask, be32));
};
WKOF_EXP_PROP(async_config_prop_experimenter, "OFPAsyncConfigPropExperimenter")
using async_config_prop = std::variant<async_config_prop_reasons, async_config_prop_experimenter, prop_unknown>;
struct get_async_reply {
  WKOF_MSG(get_async_reply, 27, "OFPGetAsyncReply")
  std::vector<async_config_prop> properties;
  static constexpr auto wire = wire::fields(list_of<&self::properties>("properties"));
};
struct set_async {
  WKOF_MSG(set_async, 28, "OFPSetAsync")
  std::vector<async_config_prop> properties;
  static constexpr auto wire = wire::fields(list_of<&self::properties>("properties"));
};

// Bundles (control message; the add message carries a whole message and is not done yet).
WKOF_EXP_PROP(bundle_prop_experimenter, "OFPBundlePropExperimenter")
using bundle_prop = std::variant<bundle_prop_experimenter, prop_unknown>;
struct bundle_ctrl_msg {
  WKOF_MSG(bundle_ctrl_msg, 33, "OFPBundleCtrlMsg")
  std::uint32_t bundle_id = 0;
  std::uint16_t type = 0, flags = 0;
  std::vector<bundle_prop> properties;
  static constexpr auto wire = wire::fields(WKOF_F(bundle_id, be32), WKOF_F(type, be16), WKOF_F(flags, be16),
                                            list_of<&self::properties>("properties"));
};

}  // namespace wirekit::openflow::of14
