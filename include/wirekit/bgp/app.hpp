// BGP messages as elements of a packet's header list (after tcp on port 179), the way os-ken's
// Packet holds them: every message of the TCP payload is its own element.
//
//   packet pk = *packet::parse(frame);   // [..., tcp, BGPKeepAlive, BGPUpdate]
//   if (const bgp::message* m = bgp::find_message(pk)) ...
//   pk.add_protocol(app_ptr(std::make_unique<bgp_message_app>(msg)));
//
// Frames decode with bgp::frame_context() (AS width guessed as os-ken does, no ADD-PATH,
// messages up to 65535 bytes) and RFC 7606 mode (a malformed attribute is kept raw, the frame
// still decodes). Bytes that do not make a whole message (a segment that ends inside one,
// fewer than 19 bytes, a marker that is not all ones, a length below 19) end the list as a
// payload element: a capture's segments need not start or end at message boundaries.
// A whole message that fails to decode is an error for the frame.
#pragma once
#include <memory>
#include <string>

#include "wirekit/bgp/bgp.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit {

class bgp_message_app final : public message_app<bgp_message_app, bgp::message> {
 public:
  using message_app::message_app;

  std::string class_name() const override { return bgp::class_name(msg); }
  void to_json(nlohmann::json& wrapped) const override;
  status encode(bytes& out) const override;
};

namespace bgp {

// The context frames decode and encode with.
const context& frame_context();
// The BGP message held by a header, or nullptr.
inline const message* as_message(const header& h) { return app_message_of<bgp_message_app>(h); }
inline message* as_message(header& h) { return app_message_of<bgp_message_app>(h); }
inline const message* find_message(const packet& p, std::size_t nth = 0) {
  return find_app_message<bgp_message_app>(p, nth);
}
inline message* find_message(packet& p, std::size_t nth = 0) { return find_app_message<bgp_message_app>(p, nth); }

}  // namespace bgp

}  // namespace wirekit
