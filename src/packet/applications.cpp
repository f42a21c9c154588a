// The application families linked into the library register their frame decoders and JSON
// readers here (BGP on TCP 179, OpenFlow on TCP 6633/6653, DHCPv6 on UDP 546/547, ANCP on
// TCP 6068). Each family issue adds its line.
#include "layer_ops.hpp"

namespace wirekit::packet_detail {

void register_dhcp6_app();  // src/dhcp6/app.cpp
void register_bgp_app();    // src/bgp/app.cpp
void register_ancp_app();   // src/ancp/app.cpp
void register_openflow_app();  // src/openflow/app.cpp

void register_builtin_apps() {
  register_dhcp6_app();
  register_bgp_app();
  register_ancp_app();
  register_openflow_app();
}

}  // namespace wirekit::packet_detail
