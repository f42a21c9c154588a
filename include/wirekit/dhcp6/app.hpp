// A DHCPv6 message as an element of a packet's header list (after udp), the way os-ken's
// Packet holds its dhcp6 object:
//
//   packet pk = *packet::parse(frame);          // [..., udp, dhcp6]
//   if (const dhcp6::message* m = dhcp6::find_message(pk)) ... m->msg_type ...
//
//   pk.add_protocol(app_ptr(std::make_unique<dhcp6_message_app>(msg)));
//
// Frames decode DHCPv6 where os-ken does: UDP 546/547 -> 547 and 547 -> 546/547, only when the
// message has at least one option (otherwise its bytes stay a payload, as in os-ken).
#pragma once
#include <memory>
#include <string>

#include "wirekit/dhcp6/message.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit {

class dhcp6_message_app final : public message_app<dhcp6_message_app, dhcp6::message> {
 public:
  using message_app::message_app;

  std::string class_name() const override { return dhcp6::message::name; }
  void to_json(nlohmann::json& wrapped) const override;
  status encode(bytes& out) const override;
};

namespace dhcp6 {

// The DHCPv6 message held by a header, or nullptr.
inline const message* as_message(const header& h) { return app_message_of<dhcp6_message_app>(h); }
inline message* as_message(header& h) { return app_message_of<dhcp6_message_app>(h); }
inline const message* find_message(const packet& p, std::size_t nth = 0) {
  return find_app_message<dhcp6_message_app>(p, nth);
}
inline message* find_message(packet& p, std::size_t nth = 0) { return find_app_message<dhcp6_message_app>(p, nth); }

}  // namespace dhcp6

}  // namespace wirekit
