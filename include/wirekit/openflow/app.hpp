// OpenFlow messages as elements of a packet's header list (after tcp on port 6653 or 6633), the
// way os-ken's Packet holds them (os_ken.lib.packet.openflow): every message of the TCP payload
// is its own element, class name "openflow", JSON {"openflow": {"msg": {"OFPHello": {...}}}}.
//
//   packet pk = *packet::parse(frame);   // [..., tcp, openflow, openflow]
//   if (const openflow::message* m = openflow::find_message(pk)) ... m->class_name() ...
//
// Bytes that do not make a whole message (a segment that ends inside one, fewer than 8 bytes, a
// length below 8) and a message wirekit cannot decode (a version it does not speak, such as
// OF1.1, or a class it lacks; os-ken keeps those as OFPUnparseableMsg) end the list as a payload
// element: a capture's segments need not start or end at message boundaries. Reading this form
// back from JSON is not supported: os-ken's JSON of a message has no version.
#pragma once
#include <memory>
#include <string>

#include "wirekit/openflow/openflow.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit {

class openflow_message_app final : public app_message {
 public:
  using message_type = openflow::message;
  openflow::message msg;

  openflow_message_app() = default;
  explicit openflow_message_app(openflow::message m) : msg(std::move(m)) {}

  std::string class_name() const override { return "openflow"; }
  void to_json(nlohmann::json& wrapped) const override;
  status encode(bytes& out) const override;
  std::unique_ptr<app_message> clone() const override;
  // Equal when both encode to the same bytes.
  bool equals(const app_message& o) const override;
};

namespace openflow {

inline constexpr std::uint16_t tcp_port = 6653, tcp_port_old = 6633;

inline const message* find_message(const packet& p, std::size_t nth = 0) {
  return find_app_message<openflow_message_app>(p, nth);
}
inline message* find_message(packet& p, std::size_t nth = 0) {
  return find_app_message<openflow_message_app>(p, nth);
}

}  // namespace openflow

}  // namespace wirekit
