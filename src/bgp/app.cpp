// BGP inside frames: the app_message wrapper, the TCP 179 decoder and the JSON family
// (registered by register_bgp_app(), called from src/packet/applications.cpp).
#include "wirekit/bgp/app.hpp"

#include <nlohmann/json.hpp>

#include "../packet/layer_ops.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit {

void bgp_message_app::to_json(nlohmann::json& wrapped) const { wrapped = bgp::to_json(msg); }

status bgp_message_app::encode(bytes& out) const { return bgp::encode_message(msg, out, bgp::frame_context()); }

namespace bgp {

const context& frame_context() {
  static const context ctx = [] {
    context c;
    c.extended_message = true;
    return c;
  }();
  return ctx;
}

}  // namespace bgp

namespace packet_detail {

namespace {

bool whole_message_at(bytes_view d, std::size_t& len) {
  if (d.size() < bgp::header_size) return false;
  for (std::size_t i = 0; i < 16; ++i)
    if (d[i] != std::byte{0xff}) return false;
  len = load_be16(d.data() + 16);
  return len >= bgp::header_size && len <= d.size();
}

status decode_frame_app(bytes_view data, std::size_t base, std::vector<header>& out) {
  bgp::decode_options opt;
  opt.revised_error_handling = true;
  bgp::decode_report rep;
  std::size_t pos = 0;
  while (pos < data.size()) {
    bytes_view rest = data.subspan(pos);
    std::size_t len = 0;
    if (!whole_message_at(rest, len)) {
      out.emplace_back(payload{bytes(rest.begin(), rest.end())});
      return {};
    }
    auto m = bgp::decode_message(rest.first(len), bgp::frame_context(), opt, rep, base + pos);
    if (!m) return m.take_error();
    out.emplace_back(app_ptr(std::make_unique<bgp_message_app>(std::move(*m))));
    pos += len;
  }
  return {};
}

bool claims_json(const std::string& cls) { return cls.rfind("BGP", 0) == 0; }

status app_json(const nlohmann::json& wrapped, app_ptr& out, const json_glue::path& p) {
  auto m = bgp::message_from_json(wrapped);
  if (!m) {
    error e = m.take_error();
    if (e.json && e.field.rfind('$', 0) == 0) e.field = p.str() + e.field.substr(1);
    return e;
  }
  out = app_ptr(std::make_unique<bgp_message_app>(std::move(*m)));
  return {};
}

}  // namespace

void register_bgp_app() {
  register_tcp_app(179, decode_frame_app);
  register_app_json(claims_json, app_json);
}

}  // namespace packet_detail

}  // namespace wirekit
