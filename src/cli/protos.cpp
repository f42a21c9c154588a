#include "protos.hpp"

#include <fmt/format.h>

#include "wirekit/bgp/app.hpp"
#include "wirekit/bmp/bmp.hpp"
#include "wirekit/ancp/ancp.hpp"
#include "wirekit/dhcp6/message.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/dhcp6/options.hpp"
#include "wirekit/dhcp6/validate.hpp"
#include "wirekit/openflow/openflow.hpp"
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

// --typed / --validate for the DHCPv6 messages of a frame: {"dhcp6": ...} becomes
// {"dhcp6_typed": ...}, and/or gains "findings".
static void dhcp6_frame_views(json& frame, const options& o) {
  if ((!o.typed && !o.validate) || !frame.is_array()) return;
  for (auto& e : frame) {
    if (!e.is_object() || !e.contains("dhcp6")) continue;
    auto m = dhcp6::from_json(e);
    if (!m) continue;
    if (o.typed) e = dhcp6::to_typed_json(*m);
    if (o.validate) e["findings"] = dhcp6::findings_json(dhcp6::validate(*m));
  }
}

namespace {

status packet_decode(bytes_view in, const options& o, const emit_fn& emit) {
  json j;
  WIREKIT_TRY(decode_frame_json(in, j));
  dhcp6_frame_views(j, o);
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
    dhcp6_frame_views(j, o);
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
// --typed: the typed view; --validate: "findings" beside the message (docs/dhcp6.md).
status dhcp6_decode(bytes_view in, const options& o, const emit_fn& emit) {
  auto m = dhcp6::decode(in);
  if (!m) return m.take_error();
  if (!o.typed && !o.validate) {
    emit(dhcp6::to_json(*m));
    return {};
  }
  const dhcp6::typed_message t = dhcp6::to_typed(*m);
  json j = o.typed ? dhcp6::to_typed_json(t) : dhcp6::to_json(*m);
  if (o.validate) j["findings"] = dhcp6::findings_json(dhcp6::validate(t));
  emit(j);
  return {};
}

// os-ken's {"dhcp6": ...} or the typed {"dhcp6_typed": ...}.
status dhcp6_encode(const json& doc, const options&, bytes& out) {
  auto m = doc.is_object() && doc.contains("dhcp6_typed") ? dhcp6::from_typed_json(doc) : dhcp6::from_json(doc);
  if (!m) return m.take_error();
  return dhcp6::encode(*m, out);
}

// BGP: one message or a stream of them (a TCP payload), one JSON line per message; the
// context of frames (AS width guessed as os-ken does, messages up to 65535 bytes).
bgp::context bgp_cli_context(const options& o) {
  bgp::context ctx = bgp::frame_context();
  if (o.flowspec_rfc8956) ctx.flowspec_ipv6 = bgp::context::flowspec_ipv6_encoding::rfc8956;
  return ctx;
}

status bgp_decode(bytes_view in, const options& o, const emit_fn& emit) {
  bgp::stream_parser sp(bgp_cli_context(o), in.size() + 1);
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

status bgp_encode(const json& doc, const options& o, bytes& out) {
  auto m = bgp::message_from_json(doc);
  if (!m) return m.take_error();
  return bgp::encode_message(*m, out, bgp_cli_context(o));
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

// ANCP: one message or a stream of them (a TCP payload), one JSON line each (docs/ancp.md).
status ancp_decode(bytes_view in, const options& o, const emit_fn& emit) {
  status first_error;
  std::size_t at = 0;
  while (at < in.size()) {
    auto n = ancp::frame_size(in.subspan(at), at);
    if (!n) return n.take_error();  // not ANCP: no way to find the next message
    if (*n == 0 || *n > in.size() - at)
      return *n == 0 ? truncated_error("ancp", "encapsulation", at, 4, in.size() - at)
                     : truncated_error("ancp", "length", at + 2, *n, in.size() - at);
    auto m = ancp::decode(in.subspan(at, *n), at);
    if (!m) {
      if (!o.keep_going) return m.take_error();
      status st = m.take_error();
      if (first_error) first_error = st;
      emit(json{{"error", st.err().to_string()}});
    } else {
      emit(ancp::to_json(*m));
    }
    at += *n;
  }
  return first_error;
}

status ancp_encode(const json& doc, const options&, bytes& out) {
  auto m = ancp::from_json(doc);
  if (!m) return m.take_error();
  return ancp::encode(*m, out);
}

status bmp_encode(const json& doc, const options&, bytes& out) {
  auto m = bmp::from_json(doc);
  if (!m) return m.take_error();
  return bmp::encode(*m, out);
}

// MRT: a dump (plain, gzip or bzip2), one JSON line per record (os-ken mrtlib form).
status mrt_decode(bytes_view in, const options& o, const emit_fn& emit) {
  mrt::record_reader rd(mrt::byte_source::from_memory(bytes(in.begin(), in.end())));
  mrt::raw_record r;
  status first_error;
  for (;;) {
    const std::uint64_t at = rd.position();
    auto oc = rd.next(r);
    if (oc == mrt::record_reader::outcome::end) break;
    if (oc != mrt::record_reader::outcome::ok) {
      status st = make_error("mrt", "record", at, oc == mrt::record_reader::outcome::truncated
                                                     ? "the data ends inside a record"
                                                     : "record longer than the reader's limit");
      if (!o.keep_going) return st;
      if (first_error) first_error = st;
      emit(json{{"error", st.err().to_string()}});
      continue;
    }
    auto rec = mrt::decode(r.whole, r.offset);
    if (!rec) {
      if (!o.keep_going) return rec.take_error();
      status st = rec.take_error();
      if (first_error) first_error = st;
      emit(json{{"error", st.err().to_string()}});
      continue;
    }
    emit(mrt::to_json(*rec));
  }
  return first_error;
}

status mrt_encode(const json& doc, const options&, bytes& out) {
  auto r = mrt::from_json(doc);
  if (!r) return r.take_error();
  return mrt::encode(*r, out);
}

status auto_encode(const json& doc, const options& o, bytes& out) { return packet_encode(doc, o, out); }

// OpenFlow: one message or a stream of them (framed by the header length), one JSON line each.
status openflow_decode(bytes_view in, const options& o, const emit_fn& emit) {
  std::size_t at = 0;
  status first_error;
  while (at < in.size()) {
    auto h = openflow::peek_header(in.subspan(at));
    if (!h) return make_error("openflow", "header", at, h.err().reason);
    if (h->length < openflow::header_size || h->length > in.size() - at) {
      // --keep-going: first what could be read of a cut OF1.3 FLOW_MOD, as os-ken's
      // OFPTruncatedMessage reports it.
      if (o.keep_going && h->length > in.size() - at)
        if (auto t = openflow::decode_truncated(in.subspan(at)); t && t->truncated) emit(openflow::to_json(*t));
      return truncated_error("openflow", "length", at + 2, h->length, in.size() - at);
    }
    auto m = openflow::decode(in.subspan(at, h->length));
    if (!m) {
      error e = m.take_error();
      e.offset += at;
      if (!o.keep_going) return e;
      if (first_error) first_error = e;
      emit(json{{"error", e.to_string()}});
    } else {
      emit(openflow::to_json(*m));
    }
    at += h->length;
  }
  return first_error;
}

status openflow_encode(const json& doc, const options& o, bytes& out) {
  auto m = openflow::from_json(doc, static_cast<std::uint8_t>(o.of_version.value_or(4)), o.xid);
  if (!m) return m.take_error();
  return openflow::encode(*m, out);
}

}  // namespace

const std::vector<proto_handler>& handlers() {
  static const std::vector<proto_handler> h = {
      {"auto", "pcap/pcapng capture (by magic): one JSON line per frame", auto_decode, auto_encode},
      {"packet", "one raw Ethernet frame", packet_decode, packet_encode},
      {"dhcp6", "one DHCPv6 message (a UDP payload)", dhcp6_decode, dhcp6_encode},
      {"bgp", "BGP-4 messages (one, or a stream: one JSON line each)", bgp_decode, bgp_encode},
      {"bmp", "BMP v3 messages (one, or a stream: one JSON line each)", bmp_decode, bmp_encode},
      {"ancp", "ANCP messages (one, or a stream such as a TCP payload: one JSON line each)", ancp_decode,
       ancp_encode},
      {"mrt", "MRT dump (plain, gzip or bzip2): one JSON line per record", mrt_decode, mrt_encode},
      {"openflow", "OpenFlow messages (one, or a stream: one JSON line each; encode: --of-version, --xid)",
       openflow_decode, openflow_encode},
  };
  return h;
}

const proto_handler* find_handler(const std::string& name) {
  for (const auto& h : handlers())
    if (name == h.name) return &h;
  return nullptr;
}

}  // namespace wirekit::cli
