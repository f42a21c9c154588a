// SKELETON: to be completed.
#include "wirekit/packet/icmpv6.hpp"

#include "layer_defaults.hpp"

namespace wirekit {

namespace packet_detail {

status decode_layer(icmpv6& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = next_kind::none;
  return {};
}
status encode_layer(const icmpv6& h, writer& w) { return default_encode(h, w); }
status finish_layer(const icmpv6&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(icmpv6)

}  // namespace packet_detail
}  // namespace wirekit
