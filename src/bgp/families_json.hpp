// Internal: JSON of the EVPN / FlowSpec / extended-community / PMSI parts, used by the BGP
// core's JSON (src/bgp/*.cpp). `wrapped` is os-ken's wrapped object, e.g.
// {"EvpnMacIPAdvertisementNLRI": {...}}, {"BGPTwoOctetAsSpecificExtendedCommunity": {...}},
// {"FlowSpecIPv4NLRI": {...}}, {"PmsiTunnelIdIngressReplication": {...}} or null for no id.
#pragma once
#include <nlohmann/json.hpp>

#include "wirekit/bgp/families.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::bgp {

void to_json(nlohmann::json& wrapped, const evpn_nlri& v);
status from_json(const nlohmann::json& wrapped, evpn_nlri& v, const json_glue::path& p);
void to_json(nlohmann::json& wrapped, const flowspec_nlri& v);
status from_json(const nlohmann::json& wrapped, family f, flowspec_nlri& v, const json_glue::path& p);
void to_json(nlohmann::json& wrapped, const ext_community& v);
status from_json(const nlohmann::json& wrapped, ext_community& v, const json_glue::path& p);
void to_json(nlohmann::json& wrapped, const pmsi_tunnel_id& v);
status from_json(const nlohmann::json& wrapped, std::uint8_t tunnel_type, pmsi_tunnel_id& v, const json_glue::path& p);

}  // namespace wirekit::bgp
