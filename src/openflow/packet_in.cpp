// The packet library hook of OpenFlow: a PACKET_IN's data decoded as a frame, and the fields a
// controller needs from it (include/wirekit/openflow/openflow.hpp).
#include "wirekit/openflow/of10.hpp"
#include "wirekit/openflow/of12.hpp"
#include "wirekit/openflow/of13.hpp"
#include "wirekit/openflow/openflow.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit::openflow {

namespace {

const openflow::match* packet_in_match(const message& m) {
  if (const auto* p = m.get<of13::packet_in>()) return &p->match;
  if (const auto* p = m.get<of12::packet_in>()) return &p->match;
  return nullptr;
}

}  // namespace

std::optional<bytes_view> packet_in_data(const message& m) {
  if (const auto* p = m.get<of10::packet_in>()) return bytes_view(p->data);
  if (const auto* p = m.get<of13::packet_in>()) return bytes_view(p->data);
  if (const auto* p = m.get<of12::packet_in>()) return bytes_view(p->data);
  return std::nullopt;
}

result<wirekit::packet> packet_in_frame(const message& m) {
  const auto data = packet_in_data(m);
  if (!data)
    return make_error("openflow", "data", 0,
                      std::string("not a PACKET_IN: ") + (m.ops != nullptr ? m.class_name() : "no message"));
  return wirekit::packet::parse(*data);
}

std::optional<std::uint32_t> packet_in_port(const message& m) {
  if (const auto* p = m.get<of10::packet_in>()) {
    const std::uint32_t port = p->in_port;
    return port >= 0xff00 ? port | 0xffff0000U : port;
  }
  const auto* match = packet_in_match(m);
  if (match == nullptr) return std::nullopt;
  for (const auto& t : match->oxm_fields)
    if (t.oxm_class == 0x8000 && t.field == 0 && !t.hasmask && t.value.size() == 4) return load_be32(t.value.data());
  return std::nullopt;
}

}  // namespace wirekit::openflow
