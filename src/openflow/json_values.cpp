// JSON values with no plain nlohmann form: integers beyond 64 bits (128-bit OXM fields such as
// xxreg0-3 and ct_label, which os-ken shows as Python integers: core/json_wide.hpp) and
// packet-out data given as os-ken's Packet object.
#include "json_detail.hpp"
#include "wirekit/core/json_wide.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit::openflow {

// Integer literals beyond 64 bits become wide integers (core/json_wide.hpp).
result<nlohmann::json> parse_json(std::string_view text) { return json_glue::parse(text); }

}  // namespace wirekit::openflow

namespace wirekit::json_glue {

void json_traits<openflow::packet_out_data>::to(json& j, const openflow::packet_out_data& v) {
  if (v)
    j = base64_encode(*v);
  else
    j = nullptr;
}
status json_traits<openflow::packet_out_data>::from(const json& j, openflow::packet_out_data& v, const path& p) {
  if (j.is_null()) {
    v.reset();
    return {};
  }
  if (j.is_object() && j.size() == 1 && j.contains("Packet")) {
    // os-ken's Packet: {"Packet": {"protocols": [headers in wire order]}}, serialized as its
    // packet library does (zero lengths and checksums computed).
    const json& in = j["Packet"];
    if (!in.is_object() || !in.contains("protocols")) return type_error(p["Packet"], "{\"protocols\": [...]}", in);
    auto pk = packet::from_json(in["protocols"]);
    if (!pk) {
      error e = pk.take_error();
      return json_error(p["Packet"]["protocols"].str() + e.field.substr(e.field.rfind('$', 0) == 0 ? 1 : 0), e.reason);
    }
    auto b = pk->serialize();
    if (!b) return json_error(p["Packet"].str(), b.err().to_string());
    v = std::move(*b);
    return {};
  }
  bytes b;
  WIREKIT_TRY(from_json_value(j, b, p));
  v = std::move(b);
  return {};
}

}  // namespace wirekit::json_glue
