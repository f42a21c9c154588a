// Parses a small Ethernet/IPv4/UDP frame with an installed wirekit, serializes it back and
// checks the round trip. The frame was built with os-ken (an independent implementation).
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <wirekit/packet/packet.hpp>
#include <wirekit/packet/wire_view.hpp>

namespace {

wirekit::bytes from_hex(const std::string& hex) {
  wirekit::bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::byte>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

int fail(const char* what) {
  std::fprintf(stderr, "consumer: %s\n", what);
  return 1;
}

}  // namespace

int main() {
  // ethernet 02:00:00:00:00:0a -> 02:00:00:00:00:0b, ipv4 192.0.2.1 -> 198.51.100.7,
  // udp 40000 -> 5000, payload "consumer check ok!"
  const wirekit::bytes frame = from_hex(
      "02000000000b02000000000a08004500002e0000000040118e83c0000201c63364079c401388001a3f2e"
      "636f6e73756d657220636865636b206f6b21");

  auto pk = wirekit::packet::parse(frame);
  if (!pk) {
    std::fprintf(stderr, "consumer: parse failed: %s\n", pk.err().to_string().c_str());
    return 1;
  }
  const auto* ip = pk->get<wirekit::ipv4>();
  const auto* u = pk->get<wirekit::udp>();
  if (!ip || !u) return fail("missing ipv4 or udp header");
  if (ip->src.to_string() != "192.0.2.1" || ip->dst.to_string() != "198.51.100.7")
    return fail("wrong IPv4 addresses");
  if (u->src_port != 40000 || u->dst_port != 5000 || u->csum != 0x3f2e) return fail("wrong UDP fields");

  // os-ken JSON: one wrapped object per header, in wire order.
  const nlohmann::json j = pk->to_json();
  if (!j.is_array() || j.size() != 4 || !j[0].contains("ethernet") || !j[2].contains("udp") ||
      j[2]["udp"]["dst_port"] != 5000)
    return fail("unexpected JSON");

  auto out = pk->serialize();
  if (!out) {
    std::fprintf(stderr, "consumer: serialize failed: %s\n", out.err().to_string().c_str());
    return 1;
  }
  if (*out != frame) return fail("round trip changed the bytes");

  // The same frame located in place: the UDP header at offset 34, its ports read from the wire.
  wirekit::wire_view wv;
  if (!wirekit::wire_view::parse_into(wv, frame)) return fail("wire_view::parse_into failed");
  if (wv.size() != 4 || wv[2].kind != wirekit::header_kind::udp || wv[2].offset != 34) return fail("wrong wire_view entries");
  if (wv.field<&wirekit::udp::dst_port>(2) != 5000 || wv.payload().size() != 18) return fail("wrong wire_view fields");

  std::printf("consumer: parsed %zu headers, round trip ok\n", pk->size());
  return 0;
}
