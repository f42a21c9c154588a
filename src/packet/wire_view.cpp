#include "wirekit/packet/wire_view.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "layer_ops.hpp"
#include "walk.hpp"

namespace wirekit {
namespace packet_detail {

// Where wire_view::parse_into puts the headers walk_frame finds: one index entry each.
//
// For the usual case of the common headers, decode<T> checks a few fields from the wire bytes
// and records where the header is, without building the struct. Each fast path is taken only
// when those checks prove that T's decoder (decode_layer, layer_decode.hpp) would succeed,
// consume the same bytes and say the same of what follows; in every other case the decoder
// itself runs (into a scratch object), so that the errors and the unusual headers (options,
// extension headers, the rarer protocols) are exactly packet::parse's. The differential test
// (tests/packet/wire_view_test.cpp) and the frame fuzzer hold the two to that.
struct wire_sink {
  // The next entry to write (room was made before the walk). The sink's address never leaves
  // the walk (the slow paths below are static), so the compiler keeps cur in a register: the
  // entries' byte-wide stores cannot make it reload.
  wire_view::entry* cur;
  const std::byte* base;
  wire_view* wv;

  [[gnu::always_inline]] void push(header_kind k, std::size_t offset, std::size_t size, std::size_t end) {
    *cur++ = {static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(end), k,
              false};
  }
  // A header of n bytes at the front of r, followed by what nx says (layer: r's size).
  [[gnu::always_inline]] void took(header_kind k, std::size_t at, std::size_t layer, std::size_t n,
                                   const next_layer& nx) {
    push(k, at, n, at + std::min(layer, n + std::min(nx.limit, layer)));
  }
  template <class T>
  [[gnu::always_inline]] status fast(reader& r, std::size_t n, const next_layer& nx) {
    took(header_kind_of<T>, r.offset(), r.remaining(), n, nx);
    r.skip(n);
    return {};
  }
  // The decoder itself, into the view's scratch object of type T.
  template <class T>
  [[gnu::noinline]] static status full_decode(wire_view& wv, reader& r, next_layer& nx) {
    return decode_layer(std::get<T>(wv.scratch_), r, nx);
  }
  template <class T>
  [[gnu::always_inline]] status full(reader& r, next_layer& nx) {
    const std::size_t at = r.offset(), layer = r.remaining();
    WIREKIT_TRY(full_decode<T>(*wv, r, nx));
    took(header_kind_of<T>, at, layer, r.position(), nx);
    return {};
  }

  template <class T>
  [[gnu::always_inline]] status decode(reader& r, next_layer& nx) {
    const std::byte* p = r.data();
    const std::size_t left = r.remaining();
    if constexpr (std::is_same_v<T, ethernet>) {
      if (left >= 14) [[likely]] {
        nx.kind = kind_of_ethertype(wire::read_field<&ethernet::ethertype>(p));
        return fast<T>(r, 14, nx);
      }
    } else if constexpr (std::is_same_v<T, vlan>) {
      if (left >= 4) [[likely]] {
        nx.kind = kind_of_ethertype(wire::read_field<&vlan::ethertype>(p));
        return fast<T>(r, 4, nx);
      }
    } else if constexpr (std::is_same_v<T, svlan>) {
      if (left >= 4) [[likely]] {
        nx.kind = next_after_svlan(wire::read_field<&svlan::ethertype>(p));
        return fast<T>(r, 4, nx);
      }
    } else if constexpr (std::is_same_v<T, mpls>) {
      if (left >= 4) [[likely]] {
        nx.kind = next_after_mpls(wire::read_field<&mpls::bsb>(p), p + 4, left - 4);
        return fast<T>(r, 4, nx);
      }
    } else if constexpr (std::is_same_v<T, ipv4>) {
      // No options, and a total length that covers the header and fits what is there.
      if (left >= 20) [[likely]] {
        const std::size_t total = wire::read_field<&ipv4::total_length>(p);
        if (wire::read_field<&ipv4::header_length>(p) == 5 && total >= 20 && total <= left) [[likely]] {
          nx.limit = total - 20;
          nx.kind = kind_of_ip_proto(wire::read_field<&ipv4::proto>(p));
          return fast<T>(r, 20, nx);
        }
      }
    } else if constexpr (std::is_same_v<T, ipv6>) {
      // No extension header, and a payload length that fits what is there.
      if (left >= 40) [[likely]] {
        const std::uint8_t nxt = wire::read_field<&ipv6::nxt>(p);
        const std::size_t payload = wire::read_field<&ipv6::payload_length>(p);
        if (!ipv6_is_ext_hdr(nxt) && payload <= left - 40) [[likely]] {
          nx.limit = payload;
          nx.kind = kind_of_ip_proto(nxt);
          return fast<T>(r, 40, nx);
        }
      }
    } else if constexpr (std::is_same_v<T, tcp>) {
      // A data offset of at least 5 words that fits what is there (options never fail: options
      // that do not parse are kept as raw bytes).
      if (left >= 20) [[likely]] {
        const std::size_t words = wire::read_field<&tcp::offset>(p);
        if (words >= 5 && words * 4 <= left) [[likely]] {
          nx.kind = next_kind::tcp_app;
          nx.src_port = wire::read_field<&tcp::src_port>(p);
          nx.dst_port = wire::read_field<&tcp::dst_port>(p);
          return fast<T>(r, words * 4, nx);
        }
      }
    } else if constexpr (std::is_same_v<T, udp>) {
      if (left >= 8) [[likely]] {
        const std::size_t total = wire::read_field<&udp::total_length>(p);
        if (total >= 8 && total <= left) [[likely]] {
          nx.limit = total - 8;
          nx.kind = next_kind::udp_app;
          nx.src_port = wire::read_field<&udp::src_port>(p);
          nx.dst_port = wire::read_field<&udp::dst_port>(p);
          return fast<T>(r, 8, nx);
        }
      }
    } else if constexpr (std::is_same_v<T, icmp>) {
      // The body takes every byte. The typed bodies (echo, destination unreachable, time
      // exceeded) need 4 bytes if there are any; other types are raw bytes.
      if (left >= 4) [[likely]] {
        const std::uint8_t type = wire::read_field<&icmp::type>(p);
        const bool typed = type == icmp_type::echo_reply || type == icmp_type::echo_request ||
                           type == icmp_type::dest_unreach || type == icmp_type::time_exceeded;
        if (left == 4 || left >= 8 || !typed) [[likely]] {
          nx.kind = next_kind::none;
          return fast<T>(r, left, nx);
        }
      }
    } else if constexpr (std::is_same_v<T, icmpv6>) {
      // Echo request and reply (a 4-byte body and data), or no body: every byte. (Neighbour
      // discovery, MLD and the raw types take the decoder.)
      if (left >= 4) [[likely]] {
        const std::uint8_t type = wire::read_field<&icmpv6::type>(p);
        if (left == 4 || (left >= 8 && (type == icmpv6_type::echo_request || type == icmpv6_type::echo_reply))) {
          nx.kind = next_kind::none;
          return fast<T>(r, left, nx);
        }
      }
    }
    return full<T>(r, nx);
  }

  [[gnu::always_inline]] void payload(bytes_view b) {
    const std::size_t at = static_cast<std::size_t>(b.data() - base);
    push(header_kind::payload, at, b.size(), at + b.size());
  }

  // Runs an application decoder; returns where the next entry goes (the index may have grown).
  [[gnu::noinline]] static wire_view::entry* run_app(wire_view& wv, wire_view::entry* cur, app_decoder dec,
                                                     bytes_view data, std::size_t at, status& st) {
    const std::size_t first = wv.app_out_.size();
    st = dec(data, at, wv.app_out_);
    // Room for the decoder's output and a trailer payload after it.
    std::size_t used = static_cast<std::size_t>(cur - wv.index_.data());
    const std::size_t want = used + (wv.app_out_.size() - first) + 2;
    if (wv.index_.size() < want) wv.index_.resize(std::max(want, wv.index_.size() * 2));
    cur = wv.index_.data() + used;
    for (std::size_t k = first; k < wv.app_out_.size(); ++k)
      *cur++ = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(data.size()),
                static_cast<std::uint32_t>(at + data.size()), static_cast<header_kind>(wv.app_out_[k].index()), true};
    return cur;
  }
  status app(app_decoder dec, bytes_view data, std::size_t at) {
    status st;
    cur = run_app(*wv, cur, dec, data, at, st);
    return st;
  }
};

// The usual frames in one pass of straight-line code: Ethernet, any VLAN / S-VLAN / MPLS tags,
// IPv4 without options or IPv6 without extension headers, TCP, UDP or ICMP, then payload (no
// application decoder for the ports). It is walk_frame (walk.hpp) specialised to that shape:
// the same rules, in the same order (a layer that is only zero bytes is a payload up to the
// end of the frame; bytes after the last header's length are a trailer), recording the same
// entries. Anything else (an unusual header, a header that does not pass the checks of the
// sink's fast paths, an application decoder to run) returns false before anything is final,
// and the caller walks the frame with walk_frame instead; the differential tests
// (tests/packet/wire_view_test.cpp, the frame fuzzer) hold the two to the same result.
// The usual-case conditions of IPv4, IPv6, TCP, UDP and ICMP are written here and in
// wire_sink::decode<T> above: factoring them into shared predicates cost 19 instructions per
// frame on the benchmark mix (291 -> 310), so both stay written out, and the differential
// tests check both paths (the mutated frames take each). The tag rules (S-VLAN, MPLS) are
// layer_decode.hpp's, shared with the decoders.
// Returns where its entries end (starting at cur), or nullptr if the frame is not of the usual
// shape. A function of its own, on locals only, so that everything stays in registers.
[[gnu::always_inline]] inline wire_view::entry* usual_frame(wire_view::entry* cur, const std::byte* p, std::size_t size,
                                                const parse_options& opt) {
  if (size < 14) return nullptr;
  auto push = [&](header_kind k, std::size_t offset, std::size_t n, std::size_t end) __attribute__((always_inline)) {
    *cur++ = {static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(end), k,
              false};
  };
  push(header_kind::ethernet, 0, 14, size);
  std::size_t pos = 14, end = size;
  next_kind k = kind_of_ethertype(wire::read_field<&ethernet::ethertype>(p));
  // A layer of zero bytes only (Ethernet padding) is a payload, as is what no header claims.
  auto zero_layer = [&]() __attribute__((always_inline)) { return p[pos] == std::byte{0} && all_zero(bytes_view(p + pos, end - pos)); };
  auto rest_is_payload = [&]() __attribute__((always_inline)) {
    push(header_kind::payload, pos, size - pos, size);
    return cur;
  };
  auto trailer = [&]() __attribute__((always_inline)) {
    if (end < size) push(header_kind::payload, end, size - end, size);
    return cur;
  };

  // Tags.
  for (;;) {
    if (pos >= end) return trailer();
    if (k == next_kind::none || zero_layer()) return rest_is_payload();
    if (k != next_kind::vlan && k != next_kind::svlan && k != next_kind::mpls) break;
    if (end - pos < 4) return nullptr;
    const std::byte* h = p + pos;
    if (k == next_kind::vlan) {
      push(header_kind::vlan, pos, 4, end);
      k = kind_of_ethertype(wire::read_field<&vlan::ethertype>(h));
    } else if (k == next_kind::svlan) {
      push(header_kind::svlan, pos, 4, end);
      k = next_after_svlan(wire::read_field<&svlan::ethertype>(h));
    } else {
      push(header_kind::mpls, pos, 4, end);
      k = next_after_mpls(wire::read_field<&mpls::bsb>(h), h + 4, end - pos - 4);
    }
    pos += 4;
  }

  // IPv4 or IPv6.
  {
    const std::byte* h = p + pos;
    const std::size_t left = end - pos;
    if (k == next_kind::ipv4) {
      if (left < 20) return nullptr;
      const std::size_t total = wire::read_field<&ipv4::total_length>(h);
      if (wire::read_field<&ipv4::header_length>(h) != 5 || total < 20 || total > left) return nullptr;
      push(header_kind::ipv4, pos, 20, pos + total);
      k = kind_of_ip_proto(wire::read_field<&ipv4::proto>(h));
      end = pos + total;
      pos += 20;
    } else if (k == next_kind::ipv6) {
      if (left < 40) return nullptr;
      const std::uint8_t nxt = wire::read_field<&ipv6::nxt>(h);
      const std::size_t payload = wire::read_field<&ipv6::payload_length>(h);
      if (ipv6_is_ext_hdr(nxt) || payload > left - 40) return nullptr;
      push(header_kind::ipv6, pos, 40, pos + 40 + payload);
      k = kind_of_ip_proto(nxt);
      end = pos + 40 + payload;
      pos += 40;
    } else {
      return nullptr;
    }
  }

  // TCP, UDP or ICMP.
  if (pos >= end) return trailer();
  if (k == next_kind::none || zero_layer()) return rest_is_payload();
  std::uint16_t src_port, dst_port;
  {
    const std::byte* h = p + pos;
    const std::size_t left = end - pos;
    if (k == next_kind::tcp) {
      if (left < 20) return nullptr;
      const std::size_t n = std::size_t(wire::read_field<&tcp::offset>(h)) * 4;
      if (n < 20 || n > left) return nullptr;
      push(header_kind::tcp, pos, n, end);
      src_port = wire::read_field<&tcp::src_port>(h);
      dst_port = wire::read_field<&tcp::dst_port>(h);
      k = next_kind::tcp_app;
      pos += n;
    } else if (k == next_kind::udp) {
      if (left < 8) return nullptr;
      const std::size_t total = wire::read_field<&udp::total_length>(h);
      if (total < 8 || total > left) return nullptr;
      push(header_kind::udp, pos, 8, pos + total);
      src_port = wire::read_field<&udp::src_port>(h);
      dst_port = wire::read_field<&udp::dst_port>(h);
      k = next_kind::udp_app;
      end = pos + total;
      pos += 8;
    } else if (k == next_kind::icmp) {
      if (left < 4) return nullptr;
      const std::uint8_t type = wire::read_field<&icmp::type>(h);
      const bool typed = type == icmp_type::echo_reply || type == icmp_type::echo_request ||
                         type == icmp_type::dest_unreach || type == icmp_type::time_exceeded;
      if (typed && left > 4 && left < 8) return nullptr;
      push(header_kind::icmp, pos, left, end);  // the body takes every byte
      return trailer();
    } else {
      return nullptr;
    }
  }

  // What TCP or UDP carries: an application's (not here), or a payload.
  if (pos >= end) return trailer();
  if (zero_layer()) return rest_is_payload();
  if (opt.applications &&
      (k == next_kind::tcp_app ? find_tcp_app(src_port, dst_port) : find_udp_app(src_port, dst_port)))
    return nullptr;
  push(header_kind::payload, pos, end - pos, end);
  return trailer();
}

}  // namespace packet_detail

namespace packet_detail {
// Any frame, through walk_frame (out of line: the usual frames do not pay for its registers).
[[gnu::noinline]] status walk_any_frame(wire_view& out, wire_view::entry* first, bytes_view frame,
                                        const parse_options& opt, std::size_t& entries) {
  wire_sink sink{first, frame.data(), &out};
  status st = walk_frame(sink, frame, opt);
  entries = static_cast<std::size_t>(sink.cur - first);
  return st;
}
}  // namespace packet_detail

status wire_view::parse_into(wire_view& out, bytes_view frame, const parse_options& opt) {
  out.frame_ = frame;
  if (!out.app_out_.empty()) [[unlikely]]
    out.app_out_.clear();
  // Every header walk_frame finds takes at least 4 bytes, and it adds at most two payloads:
  // room for them all here instead of a test per header (application decoders make room for
  // theirs).
  const std::size_t most = frame.size() / 4 + 2;
  if (out.index_.size() < most) [[unlikely]]
    out.index_.resize(std::max(most, out.index_.size() * 2));
  entry* first = out.index_.data();
  if (entry* e = packet_detail::usual_frame(first, frame.data(), frame.size(), opt)) [[likely]] {
    out.entries_ = static_cast<std::size_t>(e - first);
    return {};
  }
  return packet_detail::walk_any_frame(out, first, frame, opt, out.entries_);
}

namespace {
template <class T>
bool redecode(bytes_view frame, const wire_view::entry& e, void* out) {
  reader r(frame.subspan(e.offset, e.end - e.offset), e.offset);
  packet_detail::next_layer nx;
  return static_cast<bool>(packet_detail::decode_layer(*static_cast<T*>(out), r, nx));
}
}  // namespace

bool wire_view::decode_entry(const entry& e, void* out) const {
  switch (e.kind) {
    case header_kind::ethernet: return redecode<ethernet>(frame_, e, out);
    case header_kind::vlan: return redecode<vlan>(frame_, e, out);
    case header_kind::svlan: return redecode<svlan>(frame_, e, out);
    case header_kind::mpls: return redecode<mpls>(frame_, e, out);
    case header_kind::arp: return redecode<arp>(frame_, e, out);
    case header_kind::ipv4: return redecode<ipv4>(frame_, e, out);
    case header_kind::ipv6: return redecode<ipv6>(frame_, e, out);
    case header_kind::icmp: return redecode<icmp>(frame_, e, out);
    case header_kind::icmpv6: return redecode<icmpv6>(frame_, e, out);
    case header_kind::tcp: return redecode<tcp>(frame_, e, out);
    case header_kind::udp: return redecode<udp>(frame_, e, out);
    case header_kind::sctp: return redecode<sctp>(frame_, e, out);
    case header_kind::payload:
      static_cast<wirekit::payload*>(out)->data.assign(frame_.begin() + e.offset, frame_.begin() + e.offset + e.size);
      return true;
    case header_kind::app: break;
  }
  return false;
}

void wire_view::wrong_kind(const entry& e, const char* want) const {
  throw std::invalid_argument(
      fmt::format("wire_view: entry {} is not a {} entry", static_cast<std::size_t>(&e - index_.data()), want));
}

const header& wire_view::app_header(const entry& e) const {
  const entry* first = index_.data();
  const std::less<const entry*> before;  // (defined for pointers into unrelated objects too)
  if (before(&e, first) || !before(&e, first + entries_))
    throw std::invalid_argument("wire_view::app_header: the entry is not one of this view's");
  if (!e.from_app) wrong_kind(e, "application decoder's");
  // The application entries are app_out_ in order: e's index there is the number before it.
  std::size_t k = 0;
  for (const entry* x = first; x != &e; ++x) k += x->from_app;
  return app_out_[k];
}

void wire_view::to_packet(packet& out) const {
  out.protocols.clear();
  out.protocols.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) {
    const entry& e = index_[i];
    if (e.from_app) {
      out.protocols.push_back(app_header(e));
      continue;
    }
    header& h = out.protocols.emplace_back();
    switch (e.kind) {
#define WIREKIT_WV_CASE(T)   \
  case header_kind::T:       \
    decode(i, h.emplace<T>()); \
    break;
      WIREKIT_WV_CASE(ethernet)
      WIREKIT_WV_CASE(vlan)
      WIREKIT_WV_CASE(svlan)
      WIREKIT_WV_CASE(mpls)
      WIREKIT_WV_CASE(arp)
      WIREKIT_WV_CASE(ipv4)
      WIREKIT_WV_CASE(ipv6)
      WIREKIT_WV_CASE(icmp)
      WIREKIT_WV_CASE(icmpv6)
      WIREKIT_WV_CASE(tcp)
      WIREKIT_WV_CASE(udp)
      WIREKIT_WV_CASE(sctp)
#undef WIREKIT_WV_CASE
      case header_kind::payload: decode(i, h.emplace<wirekit::payload>()); break;
      case header_kind::app: break;
    }
  }
}

}  // namespace wirekit
