// DHCPv6 inside frames: the app_message wrapper, the UDP decoder and the JSON family
// (registered by register_dhcp6_app(), called from src/packet/applications.cpp).
#include "wirekit/dhcp6/app.hpp"

#include <nlohmann/json.hpp>

#include "../packet/layer_ops.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit {

void dhcp6_message_app::to_json(nlohmann::json& wrapped) const { wrapped = dhcp6::to_json(msg); }

status dhcp6_message_app::encode(bytes& out) const { return dhcp6::encode(msg, out); }

namespace packet_detail {

namespace {

// os-ken's udp.get_packet_type: DHCPv6 for 546/547 -> 547 and 547 -> 546/547.
bool dhcp6_ports(std::uint16_t sp, std::uint16_t dp) {
  return ((sp == 546 || sp == 547) && dp == 547) || ((dp == 546 || dp == 547) && sp == 547);
}

status decode_frame_app(bytes_view data, std::size_t base, std::vector<header>& out) {
  bool claim = true;
  if (!out.empty())
    if (const auto* u = std::get_if<udp>(&out.back())) claim = dhcp6_ports(u->src_port, u->dst_port);
  // A message with nothing after its header is not decoded by os-ken (dhcp6.parser returns
  // None): its bytes stay a payload. So do bytes on ports os-ken does not give to dhcp6.
  // (A message shorter than its header is decoded, and is a truncation error.)
  if (claim && !data.empty() && data.size() == dhcp6::header_size(std::to_integer<std::uint8_t>(data[0])))
    claim = false;
  if (!claim) {
    out.emplace_back(payload{bytes(data.begin(), data.end())});
    return {};
  }
  auto app = std::make_unique<dhcp6_message_app>();
  WIREKIT_TRY(dhcp6::decode_into(app->msg, data, base));
  out.emplace_back(app_ptr(std::move(app)));
  return {};
}

bool claims_json(const std::string& cls) { return cls == dhcp6::message::name; }

status app_json(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p) {
  auto m = dhcp6::from_json(wrapped);
  if (!m) {
    error e = m.take_error();
    // dhcp6::from_json names paths from its own root ("$.dhcp6..."): put them under the frame's.
    if (e.json && e.field.rfind('$', 0) == 0) e.field = p.str() + e.field.substr(1);
    return e;
  }
  out = app_ptr(std::make_unique<dhcp6_message_app>(std::move(*m)));
  return {};
}

}  // namespace

void register_dhcp6_app() {
  // Every port pair os-ken gives to dhcp6 has 547 on one side; decode_frame_app checks the pair.
  register_udp_app(547, decode_frame_app);
  register_app_json(claims_json, app_json);
}

}  // namespace packet_detail

}  // namespace wirekit
