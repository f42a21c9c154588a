// ethernet, vlan, svlan, mpls, arp: regular headers, described once in ethernet.hpp (decode_layer
// of all but arp: layer_decode.hpp).
#include "wirekit/packet/ethernet.hpp"

#include "layer_decode.hpp"
#include "layer_defaults.hpp"

namespace wirekit::packet_detail {

// ---- ethernet
status encode_layer(const ethernet& h, writer& w) { return default_encode(h, w); }
status finish_layer(const ethernet&, bytes& out, std::size_t, std::size_t end, const header*) {
  // As os-ken: what follows the Ethernet header is zero-padded to the 46-byte minimum.
  if (out.size() - end < 46) out.resize(end + 46, std::byte{0});
  return {};
}
WIREKIT_DEFAULT_LAYER_JSON(ethernet)

// ---- vlan
status encode_layer(const vlan& h, writer& w) { return default_encode(h, w); }
status finish_layer(const vlan&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(vlan)

// ---- svlan
status encode_layer(const svlan& h, writer& w) { return default_encode(h, w); }
status finish_layer(const svlan&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(svlan)

// ---- mpls
status encode_layer(const mpls& h, writer& w) { return default_encode(h, w); }
status finish_layer(const mpls&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(mpls)

// ---- arp
status decode_layer(arp& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = next_kind::none;
  return {};
}
status encode_layer(const arp& h, writer& w) { return default_encode(h, w); }
status finish_layer(const arp&, bytes&, std::size_t, std::size_t, const header*) { return {}; }
WIREKIT_DEFAULT_LAYER_JSON(arp)

}  // namespace wirekit::packet_detail
