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

class dhcp6_message_app final : public app_message {
 public:
  dhcp6::message msg;

  dhcp6_message_app() = default;
  explicit dhcp6_message_app(dhcp6::message m) : msg(std::move(m)) {}

  std::string class_name() const override { return dhcp6::message::name; }
  void to_json(nlohmann::json& wrapped) const override;
  status encode(bytes& out) const override;
  std::unique_ptr<app_message> clone() const override;
  bool equals(const app_message& o) const override;
};

namespace dhcp6 {

// The DHCPv6 message held by a header, or nullptr.
const message* as_message(const header& h);
message* as_message(header& h);
// The nth DHCPv6 message of a packet (0-based), or nullptr.
const message* find_message(const packet& p, std::size_t nth = 0);
message* find_message(packet& p, std::size_t nth = 0);

}  // namespace dhcp6

}  // namespace wirekit
