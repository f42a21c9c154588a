#include "protos.hpp"

#include <fmt/format.h>

#include "wirekit/bgp/app.hpp"
#include "wirekit/bmp/bmp.hpp"
#include "wirekit/dhcp6/message.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/pcap/pcap.hpp"

namespace wirekit::cli {

using json = nlohmann::json;

status decode_frame_json(bytes_view frame, json& out) {
  static thread_local packet pk;  // reused: no allocation per frame in steady state
  WIREKIT_TRY(packet::parse_into(pk, frame));
  out = pk.to_json();
  return {};
}

namespace {

status packet_decode(bytes_view in, const options&, const emit_fn& emit) {
  json j;
  WIREKIT_TRY(decode_frame_json(in, j));
  emit(j);
  return {};
}

status packet_encode(const json& doc, const options&, bytes& out) {
  auto pk = packet::from_json(doc);
  if (!pk) return pk.take_error();
  bytes b;
  WIREKIT_TRY(pk->serialize_into(b));
  out.insert(out.end(), b.begin(), b.end());
  return {};
}

status capture_decode(bytes_view in, const options& o, const emit_fn& emit) {
  auto rd = pcap::reader::open_memory(bytes(in.begin(), in.end()));
  if (!rd) return rd.take_error();
  if (rd->linktype() != pcap::linktype_ethernet)
    return make_error("pcap", "linktype", 20, fmt::format("link type {} is not Ethernet (1)", rd->linktype()));
  pcap::frame f;
  status first_error;
  for (;;) {
    auto more = rd->next(f);
    if (!more) return more.take_error();
    if (!*more) break;
    json j;
    status st = decode_frame_json(f.data, j);
    if (!st) {
      st.err().reason += fmt::format(" (frame {})", rd->frames_read());
      if (!o.keep_going) return st;
      if (first_error) first_error = st;
      json e;
      e["error"] = st.err().to_string();
      e["frame"] = rd->frames_read();
      emit(e);
      continue;
    }
    emit(j);
  }
  return first_error;
}

status auto_decode(bytes_view in, const options& o, const emit_fn& emit) {
  if (pcap::is_capture(in)) return capture_decode(in, o, emit);
  return make_error("input", "magic", 0,
                    "not a pcap or pcapng file; use --proto packet for one raw Ethernet frame, or name the protocol");
}

// One DHCPv6 message (a UDP payload). Unlike frames (and os-ken), a message without options
// is decoded too.
status dhcp6_decode(bytes_view in, const options&, const emit_fn& emit) {
  auto m = dhcp6::decode(in);
  if (!m) return m.take_error();
  emit(dhcp6::to_json(*m));
  return {};
}

status dhcp6_encode(const json& doc, const options&, bytes& out) {
  auto m = dhcp6::from_json(doc);
  if (!m) return m.take_error();
  return dhcp6::encode(*m, out);
}

// BGP: one message or a stream of them (a TCP payload), one JSON line per message; the
// context of frames (AS width guessed as os-ken does, messages up to 65535 bytes).
status bgp_decode(bytes_view in, const options& o, const emit_fn& emit) {
  bgp::stream_parser sp(bgp::frame_context(), in.size() + 1);
  WIREKIT_TRY(sp.feed(in));
  status first_error;
  for (;;) {
    auto m = sp.next();
    if (!m) {
      if (!o.keep_going || sp.framing_error()) return m.take_error();
      status st = m.take_error();
      if (first_error) first_error = st;
      emit(json{{"error", st.err().to_string()}});
      continue;
    }
    if (!*m) break;
    emit(bgp::to_json(**m));
  }
  if (sp.buffered())
    return truncated_error("bgp", "message", in.size() - sp.buffered(), sp.buffered() < bgp::header_size
        ? bgp::header_size : load_be16(in.data() + in.size() - sp.buffered() + 16), sp.buffered());
  return first_error;
}

status bgp_encode(const json& doc, const options&, bytes& out) {
  auto m = bgp::message_from_json(doc);
  if (!m) return m.take_error();
  return bgp::encode_message(*m, out, bgp::frame_context());
}

// BMP: one message or a stream of them (what a router sends a station), one JSON line per
// message; BGP PDUs with the context of their per-peer header (docs/bmp.md).
status bmp_decode(bytes_view in, const options& o, const emit_fn& emit) {
  bmp::stream_parser sp({}, 0xffffffffu, in.size() + 0xffffffffull);  // any length: a short input is truncated
  WIREKIT_TRY(sp.feed(in));
  status first_error;
  for (;;) {
    auto m = sp.next();
    if (!m) {
      if (!o.keep_going || sp.failed()) return m.take_error();
      status st = m.take_error();
      if (first_error) first_error = st;
      emit(json{{"error", st.err().to_string()}});
      continue;
    }
    if (!*m) break;
    emit(bmp::to_json(**m));
  }
  if (sp.buffered()) {
    const std::size_t at = in.size() - sp.buffered();
    return truncated_error("bmp", sp.buffered() < bmp::common_header_size ? "header" : "len", at,
                           sp.buffered() < bmp::common_header_size ? bmp::common_header_size
                                                                    : load_be32(in.data() + at + 1),
                           sp.buffered());
  }
  return first_error;
}

status bmp_encode(const json& doc, const options&, bytes& out) {
  auto m = bmp::from_json(doc);
  if (!m) return m.take_error();
  return bmp::encode(*m, out);
}

status auto_encode(const json& doc, const options& o, bytes& out) { return packet_encode(doc, o, out); }

}  // namespace

const std::vector<proto_handler>& handlers() {
  static const std::vector<proto_handler> h = {
      {"auto", "pcap/pcapng capture (by magic): one JSON line per frame", auto_decode, auto_encode},
      {"packet", "one raw Ethernet frame", packet_decode, packet_encode},
      {"dhcp6", "one DHCPv6 message (a UDP payload)", dhcp6_decode, dhcp6_encode},
      {"bgp", "BGP-4 messages (one, or a stream: one JSON line each)", bgp_decode, bgp_encode},
      {"bmp", "BMP v3 messages (one, or a stream: one JSON line each)", bmp_decode, bmp_encode},
  };
  return h;
}

const proto_handler* find_handler(const std::string& name) {
  for (const auto& h : handlers())
    if (name == h.name) return &h;
  return nullptr;
}

}  // namespace wirekit::cli
