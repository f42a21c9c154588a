// ANCP inside frames: the app_message wrapper, the TCP 6068 decoder and the JSON family
// (registered by register_ancp_app(), called from src/packet/applications.cpp).
#include "wirekit/ancp/app.hpp"

#include <nlohmann/json.hpp>

#include "../packet/layer_ops.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit {

void ancp_message_app::to_json(nlohmann::json& wrapped) const { wrapped = ancp::to_json(msg); }

status ancp_message_app::encode(bytes& out) const { return ancp::encode(msg, out); }

namespace packet_detail {

namespace {

status decode_frame_app(bytes_view data, std::size_t base, std::vector<header>& out) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    bytes_view rest = data.subspan(pos);
    auto n = ancp::frame_size(rest, base + pos);
    if (!n || *n == 0 || *n > rest.size()) {
      out.emplace_back(payload{bytes(rest.begin(), rest.end())});
      return {};
    }
    auto m = ancp::decode(rest.first(*n), base + pos);
    if (!m) return m.take_error();
    out.emplace_back(app_ptr(std::make_unique<ancp_message_app>(std::move(*m))));
    pos += *n;
  }
  return {};
}

bool claims_json(const std::string& cls) { return cls == "ancp"; }

status app_json(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p) {
  auto m = ancp::from_json(wrapped);
  if (!m) {
    error e = m.take_error();
    if (e.json && e.field.rfind('$', 0) == 0) e.field = p.str() + e.field.substr(1);
    return e;
  }
  out = app_ptr(std::make_unique<ancp_message_app>(std::move(*m)));
  return {};
}

}  // namespace

void register_ancp_app() {
  register_tcp_app(ancp::tcp_port, decode_frame_app);
  register_app_json(claims_json, app_json);
}

}  // namespace packet_detail

}  // namespace wirekit
