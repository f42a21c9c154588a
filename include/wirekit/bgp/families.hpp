// EVPN NLRI (RFC 7432, route types 1-5, every ESI type), FlowSpec NLRI (RFC 8955/8956 and the
// L2VPN draft as os-ken models them, every component), BGP extended communities (RFC 4360 and
// the kinds os-ken models, FlowSpec actions and EVPN communities included) and PMSI tunnel ids.
//
// INTERFACE CONTRACT between the BGP core (bgp.hpp) and this part: the type names and the
// functions declared here. The struct contents are this part's own.
#pragma once
#include <cstdint>
#include <variant>
#include <vector>

#include "wirekit/bgp/context.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::bgp {

// ---- EVPN (AFI 25 / SAFI 70) -----------------------------------------------------------
struct evpn_nlri {  // PLACEHOLDER: replaced by the full model
  bytes raw;
  bool operator==(const evpn_nlri&) const = default;
};
// Decodes one EVPN NLRI (route type, length, body) from r.
status decode_evpn_nlri(reader& r, evpn_nlri& out);
status encode_evpn_nlri(writer& w, const evpn_nlri& in);

// ---- FlowSpec (SAFI 133/134) -----------------------------------------------------------
struct flowspec_nlri {  // PLACEHOLDER
  bytes raw;
  bool operator==(const flowspec_nlri&) const = default;
};
status decode_flowspec_nlri(reader& r, family f, flowspec_nlri& out);
status encode_flowspec_nlri(writer& w, family f, const flowspec_nlri& in);

// ---- extended communities (8 bytes each) ------------------------------------------------
struct ext_community {  // PLACEHOLDER
  std::uint8_t raw[8] = {};
  bool operator==(const ext_community&) const = default;
};
status decode_ext_community(reader& r, ext_community& out);  // reads exactly 8 bytes
status encode_ext_community(writer& w, const ext_community& in);

// ---- PMSI tunnel attribute's tunnel identifier (RFC 6514) -------------------------------
struct pmsi_tunnel_id {  // PLACEHOLDER
  bytes raw;
  bool operator==(const pmsi_tunnel_id&) const = default;
};
// tunnel_type selects the form; r holds exactly the identifier bytes.
status decode_pmsi_tunnel_id(reader& r, std::uint8_t tunnel_type, pmsi_tunnel_id& out);
status encode_pmsi_tunnel_id(writer& w, const pmsi_tunnel_id& in);

}  // namespace wirekit::bgp
