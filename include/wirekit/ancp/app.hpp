// ANCP messages as elements of a packet's header list (after tcp on port 6068): every whole
// message of the TCP payload is its own element, class name "ancp".
//
//   packet pk = *packet::parse(frame);   // [..., tcp, ancp, ancp]
//   if (const ancp::message* m = ancp::find_message(pk)) ... m->message_type ...
//   pk.add_protocol(app_ptr(std::make_unique<ancp_message_app>(msg)));
//
// Bytes that do not make a whole message (a segment that ends inside one, fewer than 4 bytes,
// an identifier other than 0x880C) end the list as a payload element: a capture's segments need
// not start or end at message boundaries. A whole message that fails to decode is an error for
// the frame.
#pragma once
#include <memory>
#include <string>

#include "wirekit/ancp/ancp.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit {

class ancp_message_app final : public message_app<ancp_message_app, ancp::message> {
 public:
  using message_app::message_app;

  std::string class_name() const override { return "ancp"; }
  void to_json(nlohmann::json& wrapped) const override;
  status encode(bytes& out) const override;
};

namespace ancp {

inline const message* as_message(const header& h) { return app_message_of<ancp_message_app>(h); }
inline message* as_message(header& h) { return app_message_of<ancp_message_app>(h); }
inline const message* find_message(const packet& p, std::size_t nth = 0) {
  return find_app_message<ancp_message_app>(p, nth);
}
inline message* find_message(packet& p, std::size_t nth = 0) { return find_app_message<ancp_message_app>(p, nth); }

}  // namespace ancp

}  // namespace wirekit
