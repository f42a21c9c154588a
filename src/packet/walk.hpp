// Internal: the walk over a frame's headers, shared by packet::parse_into and
// packet_view::parse_into so that both decode exactly the same headers with the same decoders
// (decode_layer of each type) and report the same errors. They differ only in where the
// headers go, which the Sink says:
//
//   template <class T> status decode(reader& r, next_layer& nx);
//                                         decode the next header, a T, from r (as decode_layer
//                                         does, with its result and errors) and keep it
//   void payload(bytes_view b);           b is a payload (bytes no decoder claims)
//   status app(app_decoder d, bytes_view data, std::size_t base);
//                                         run an application decoder over data (at offset base)
#pragma once
#include "layer_decode.hpp"

namespace wirekit::packet_detail {

// True if b (not empty) holds only zero bytes (Ethernet padding after the last header). The
// first byte decides for nearly every header, so it is tested before the loop.
inline bool all_zero(bytes_view b) {
  if (b[0] != std::byte{0}) return false;
  for (std::byte x : b)
    if (x != std::byte{0}) return false;
  return true;
}

// Where the walk stands: the next header's offset and kind, the end of the bytes that belong
// to it, and the ports that choose an application.
struct walk_state {
  std::size_t pos, end;
  next_kind kind;
  std::uint16_t src_port, dst_port;

  // After a header of r.position() bytes that said nx of what follows.
  // The bytes of the next header's layer (pos <= end <= the frame's size).
  bytes_view layer(bytes_view frame) const { return {frame.data() + pos, end - pos}; }

  [[gnu::always_inline]] void advance(const reader& r, const next_layer& nx) {
    pos += r.position();
    kind = nx.kind;
    src_port = nx.src_port;
    dst_port = nx.dst_port;
    if (nx.limit < end - pos) end = pos + nx.limit;
  }
};

// Decodes the next header as a T; an error ends the walk. The reader and next_layer are local
// to each step, so that for the inline decoders (layer_decode.hpp) they live in registers.
#define WIREKIT_WALK_STEP(T)                                          \
  case next_kind::T: {                                                \
    reader r(w.layer(frame), w.pos);                                  \
    next_layer nx;                                                    \
    status st = s.template decode<T>(r, nx);                          \
    if (!st) [[unlikely]]                                             \
      return st;                                                      \
    w.advance(r, nx);                                                 \
    break;                                                            \
  }

// An empty input is not a frame: the Ethernet header is missing.
[[gnu::cold, gnu::noinline]] inline status empty_frame_error() { return truncated_error("ethernet", "dst", 0, 14, 0); }

// (Inlined into its two callers, packet::parse_into and packet_view::parse_into.)
template <class Sink>
[[gnu::always_inline]] inline status walk_frame(Sink& s, bytes_view frame, const parse_options& opt) {
  if (frame.empty()) [[unlikely]]
    return empty_frame_error();
  walk_state w{0, frame.size(), next_kind::none, 0, 0};
  {
    reader r(frame, 0);
    next_layer nx;
    status st = s.template decode<ethernet>(r, nx);
    if (!st) [[unlikely]]
      return st;
    w.advance(r, nx);
  }
  while (w.pos < w.end) {
    if (w.kind == next_kind::none || all_zero(w.layer(frame))) {
      // What no header claims, up to the end of the frame (a trailer included): one payload.
      s.payload(frame.subspan(w.pos));
      return {};
    }
    switch (w.kind) {
      WIREKIT_WALK_STEP(ethernet)
      WIREKIT_WALK_STEP(vlan)
      WIREKIT_WALK_STEP(svlan)
      WIREKIT_WALK_STEP(mpls)
      WIREKIT_WALK_STEP(arp)
      WIREKIT_WALK_STEP(ipv4)
      WIREKIT_WALK_STEP(ipv6)
      WIREKIT_WALK_STEP(icmp)
      WIREKIT_WALK_STEP(icmpv6)
      WIREKIT_WALK_STEP(tcp)
      WIREKIT_WALK_STEP(udp)
      WIREKIT_WALK_STEP(sctp)
      case next_kind::tcp_app:
      case next_kind::udp_app: {
        const bytes_view rest = w.layer(frame);
        app_decoder dec = !opt.applications              ? nullptr
                          : w.kind == next_kind::tcp_app ? find_tcp_app(w.src_port, w.dst_port)
                                                         : find_udp_app(w.src_port, w.dst_port);
        if (dec) {
          status st = s.app(dec, rest, w.pos);
          if (!st) return st;
        } else {
          s.payload(rest);
        }
        w.pos = w.end;
        continue;
      }
      case next_kind::none: break;
    }
  }
  // A trailer beyond the length the last header gave (e.g. Ethernet padding): one payload.
  if (w.end < frame.size()) s.payload(frame.subspan(w.end));
  return {};
}

#undef WIREKIT_WALK_STEP

}  // namespace wirekit::packet_detail
