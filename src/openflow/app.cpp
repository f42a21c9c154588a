// OpenFlow inside frames: the app_message wrapper and the TCP 6653/6633 decoder (registered by
// register_openflow_app(), called from src/packet/applications.cpp).
#include "wirekit/openflow/app.hpp"

#include <nlohmann/json.hpp>

#include "../packet/layer_ops.hpp"

namespace wirekit {

void openflow_message_app::to_json(nlohmann::json& wrapped) const {
  wrapped = nlohmann::json{{"openflow", {{"msg", openflow::to_json(msg)}}}};
}

status openflow_message_app::encode(bytes& out) const { return openflow::encode(msg, out); }

std::unique_ptr<app_message> openflow_message_app::clone() const { return std::make_unique<openflow_message_app>(*this); }

bool openflow_message_app::equals(const app_message& o) const {
  const auto* p = dynamic_cast<const openflow_message_app*>(&o);
  if (p == nullptr) return false;
  auto a = openflow::encode(msg);
  auto b = openflow::encode(p->msg);
  return a.ok() && b.ok() && *a == *b;
}

namespace packet_detail {

namespace {

status decode_frame_app(bytes_view data, std::size_t, std::vector<header>& out) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    const bytes_view rest = data.subspan(pos);
    const std::size_t len = rest.size() >= 4 ? load_be16(rest.data() + 2) : 0;
    if (len < openflow::header_size || len > rest.size()) break;
    auto m = openflow::decode(rest.first(len));
    if (!m) break;
    out.emplace_back(app_ptr(std::make_unique<openflow_message_app>(std::move(*m))));
    pos += len;
  }
  if (pos < data.size()) out.emplace_back(payload{bytes(data.begin() + static_cast<std::ptrdiff_t>(pos), data.end())});
  return {};
}

}  // namespace

void register_openflow_app() {
  register_tcp_app(openflow::tcp_port, decode_frame_app);
  register_tcp_app(openflow::tcp_port_old, decode_frame_app);
}

}  // namespace packet_detail

}  // namespace wirekit
