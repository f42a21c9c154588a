// SKELETON: to be completed.
#include "wirekit/packet/tcp.hpp"

#include "layer_defaults.hpp"

namespace wirekit {

namespace packet_detail {

status decode_layer(tcp& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = next_kind::tcp_app; nx.src_port = h.src_port; nx.dst_port = h.dst_port;
  return {};
}
status encode_layer(const tcp& h, writer& w) { return default_encode(h, w); }
status finish_layer(const tcp&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(tcp)

}  // namespace packet_detail
}  // namespace wirekit
