// SKELETON: to be completed.
#include "wirekit/packet/ipv6.hpp"

#include "layer_defaults.hpp"

namespace wirekit {
const ipv6_addr& ipv6_final_destination(const ipv6& h) { return h.dst; }
namespace packet_detail {

status decode_layer(ipv6& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = kind_of_ip_proto(h.nxt);
  return {};
}
status encode_layer(const ipv6& h, writer& w) { return default_encode(h, w); }
status finish_layer(const ipv6&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(ipv6)

}  // namespace packet_detail
}  // namespace wirekit
