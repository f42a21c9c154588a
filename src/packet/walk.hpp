// Internal: the walk over a frame's headers, shared by packet::parse_into and
// packet_view::parse_into so that both decode exactly the same headers with the same decoders
// (decode_layer of each type) and report the same errors. They differ only in where the
// headers go, which the Sink says:
//
//   template <class T> T& add();          the object the next header of type T is decoded into
//   void payload(bytes_view b);           b is a payload (bytes no decoder claims)
//   status app(app_decoder d, bytes_view data, std::size_t base);
//                                         run an application decoder over data (at offset base)
#pragma once
#include "layer_ops.hpp"

namespace wirekit::packet_detail {

// True if b (not empty) holds only zero bytes (Ethernet padding after the last header). The
// first byte decides for nearly every header, so it is tested before the loop.
inline bool all_zero(bytes_view b) {
  if (b[0] != std::byte{0}) return false;
  for (std::byte x : b)
    if (x != std::byte{0}) return false;
  return true;
}

// Decodes the next header as a T; an error ends the walk.
#define WIREKIT_WALK_STEP(T)                                          \
  case next_kind::T: {                                                \
    status st = decode_layer(s.template add<T>(), r, nx);             \
    if (!st) [[unlikely]]                                             \
      return st;                                                      \
    break;                                                            \
  }

// An empty input is not a frame: the Ethernet header is missing.
[[gnu::cold, gnu::noinline]] inline status empty_frame_error() { return truncated_error("ethernet", "dst", 0, 14, 0); }

template <class Sink>
status walk_frame(Sink& s, bytes_view frame, const parse_options& opt) {
  if (frame.empty()) [[unlikely]]
    return empty_frame_error();
  std::size_t pos = 0, end = frame.size();
  next_layer nx;
  {
    reader r(frame, 0);
    status st = decode_layer(s.template add<ethernet>(), r, nx);
    if (!st) [[unlikely]]
      return st;
    pos = r.position();
    if (nx.limit < end - pos) end = pos + nx.limit;
  }
  while (pos < end) {
    bytes_view rest = frame.subspan(pos, end - pos);
    if (nx.kind == next_kind::none || all_zero(rest)) {
      // What no header claims, up to the end of the frame (a trailer included): one payload.
      s.payload(frame.subspan(pos));
      return {};
    }
    reader r(rest, pos);
    const next_kind kind = nx.kind;
    const std::uint16_t sp = nx.src_port, dp = nx.dst_port;
    nx = next_layer{};
    switch (kind) {
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
        app_decoder dec = !opt.applications ? nullptr
                          : kind == next_kind::tcp_app ? find_tcp_app(sp, dp)
                                                       : find_udp_app(sp, dp);
        if (dec) {
          status st = s.app(dec, rest, pos);
          if (!st) return st;
        } else {
          s.payload(rest);
        }
        pos = end;
        continue;
      }
      case next_kind::none: break;
    }
    pos += r.position();
    if (nx.limit < end - pos) end = pos + nx.limit;
  }
  // A trailer beyond the length the last header gave (e.g. Ethernet padding): one payload.
  if (end < frame.size()) s.payload(frame.subspan(end));
  return {};
}

#undef WIREKIT_WALK_STEP

}  // namespace wirekit::packet_detail
