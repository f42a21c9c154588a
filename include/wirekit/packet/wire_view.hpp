// A frame's headers located and checked in place: the fastest way to read a frame with wirekit.
//
// wire_view::parse_into walks a frame with the same decoders and the same rules as
// packet::parse (it accepts exactly the frames packet::parse accepts, with the same error, and
// finds the same headers at the same offsets), but for the common headers it does not copy
// the fields into structs: it records where each header is, and fields are read from the
// frame's bytes when asked for, through the header's one description (core/field_read.hpp).
// What libtins does with its PDU objects, without their allocations.
//
//   wirekit::wire_view v;                              // reuse it: no allocation in steady state
//   wirekit::ipv4 h4;
//   for (bytes_view f : frames) {
//     if (auto st = wirekit::wire_view::parse_into(v, f); !st) { ... st.err() ... }
//     for (std::size_t i = 0; i < v.size(); ++i) {
//       if (v[i].kind == wirekit::header_kind::tcp) {
//         std::uint16_t port = v.field<&wirekit::tcp::dst_port>(i);
//         for (const auto& o : v.tcp_options(i)) use(o.kind, o.bytes);
//       }
//       if (v.decode(i, h4)) use(h4);                  // an IPv4 entry: the whole struct
//     }
//   }
//
// Entries point into the parsed bytes: they are valid while those bytes are. After a failed
// parse_into the view's content is unspecified. See docs/performance.md for what it costs
// against packet_view and packet.
#pragma once
#include <array>
#include <cassert>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "wirekit/core/field_read.hpp"
#include "wirekit/packet/packet_view.hpp"

namespace wirekit {

namespace packet_detail {
struct wire_sink;
}

// The size of the TCP option at the front of p[0, left) (left > 0) by the rules wirekit decodes
// options with: packet::parse (src/packet/tcp.cpp) takes its option sizes from here, and
// keeps the whole option area as raw bytes if any option breaks them: 1 for NOP and EOL; else kind, length with 2 <= length <= left, and the length a
// fixed-size kind must have (MSS 4, window scale 3, SACK permitted 2, timestamps 10, user
// timeout 4), SACK 2 + 8n, TCP-AO at least 4. 0 if the option is malformed.
[[gnu::always_inline]] inline std::size_t tcp_option_size(const std::byte* p, std::size_t left) {
  namespace k = tcp_option_kind;
  const std::uint8_t kind = std::to_integer<std::uint8_t>(p[0]);
  if (kind == k::nop || kind == k::eol) return 1;
  if (left < 2) return 0;
  const std::size_t len = std::to_integer<std::uint8_t>(p[1]);
  if (len < 2 || len > left) return 0;
  switch (kind) {
    case k::timestamps: return len == tcp_option_timestamps::cls_length ? len : 0;
    case k::mss: return len == tcp_option_mss::cls_length ? len : 0;
    case k::window_scale: return len == tcp_option_window_scale::cls_length ? len : 0;
    case k::sack_permitted: return len == tcp_option_sack_permitted::cls_length ? len : 0;
    case k::user_timeout: return len == tcp_option_user_timeout::cls_length ? len : 0;
    case k::sack: return (len - tcp_option_sack::cls_length) % 8 == 0 ? len : 0;
    case k::authentication: return len >= tcp_option_authentication::cls_length ? len : 0;
    default: return len;
  }
}

// One pass over the options of one TCP header, each located as it is reached:
//
//   tcp_option_cursor c = v.tcp_option_cursor_at(i);
//   for (tcp_option_cursor::option o; c.next(o);) use(o.kind, o.bytes);
//   if (c.malformed()) ...   // packet::parse keeps these option bytes raw instead
//
// next() stops at the end of the option area or at the first malformed option; only then
// does malformed() say which. tcp_option_list (below) checks the whole area first.
class tcp_option_cursor {
 public:
  struct option {
    std::uint8_t kind;
    bytes_view bytes;  // the whole option: kind, length (if any) and body
  };
  explicit tcp_option_cursor(bytes_view area) : area_(area) {}
  bool next(option& o) {
    if (at_ >= area_.size()) return false;
    const std::byte* p = area_.data() + at_;
    const std::size_t n = tcp_option_size(p, area_.size() - at_);
    if (n == 0) [[unlikely]] {
      malformed_ = true;
      at_ = area_.size();
      return false;
    }
    o = {std::to_integer<std::uint8_t>(*p), bytes_view(p, n)};
    at_ += n;
    return true;
  }
  bool malformed() const { return malformed_; }
  bytes_view area() const { return area_; }

 private:
  bytes_view area_;
  std::size_t at_ = 0;
  bool malformed_ = false;
};

// The options of one TCP header, located: up to 40 options of the at most 40 option bytes.
// If any option is malformed, packet::parse keeps the area as raw bytes: then malformed() is
// true and the list is empty (area() still gives the bytes). An area longer than a TCP header
// can hold (40 bytes) is malformed too.
class tcp_option_list {
 public:
  using option = tcp_option_cursor::option;
  class iterator {
   public:
    iterator(const tcp_option_list* l, std::size_t i) : l_(l), i_(i) {}
    option operator*() const { return (*l_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }

   private:
    const tcp_option_list* l_;
    std::size_t i_;
  };

  tcp_option_list() = default;
  static constexpr std::size_t max_area = 40;
  explicit tcp_option_list(bytes_view area) : area_(area) {
    if (area.size() > max_area) [[unlikely]] {
      malformed_ = true;
      return;
    }
    tcp_option_cursor c(area);
    for (option o; c.next(o);) at_[n_++] = static_cast<std::uint8_t>(o.bytes.data() - area.data());
    if (c.malformed()) [[unlikely]] {
      n_ = 0;
      malformed_ = true;
      return;
    }
    at_[n_] = static_cast<std::uint8_t>(area.size());  // where the last one ends
  }

  bool malformed() const { return malformed_; }
  bytes_view area() const { return area_; }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  option operator[](std::size_t i) const {
    return {std::to_integer<std::uint8_t>(area_[at_[i]]), area_.subspan(at_[i], at_[i + 1] - at_[i])};
  }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, n_}; }

 private:
  bytes_view area_;
  std::array<std::uint8_t, max_area + 1> at_;  // at_[0..n_]: where each option starts, then where the last ends
  std::uint8_t n_ = 0;
  bool malformed_ = false;
};

class wire_view {
 public:
  // One header (or payload, or what an application decoder gave) in wire order.
  struct entry {
    std::uint32_t offset;  // its first byte in the frame
    std::uint32_t size;    // its bytes (a header: with options and extension headers)
    std::uint32_t end;     // the end of its layer: it and what it carries (without a trailer)
    header_kind kind;
    bool from_app;         // an application decoder's output: see app_header()
  };

  wire_view() = default;
  // Not copyable; moving keeps the entries (they point into the parsed bytes, not into the
  // view) and leaves o empty, ready for reuse.
  wire_view(const wire_view&) = delete;
  wire_view& operator=(const wire_view&) = delete;
  wire_view(wire_view&& o) noexcept { *this = std::move(o); }
  wire_view& operator=(wire_view&& o) noexcept {
    if (this == &o) return *this;
    frame_ = std::exchange(o.frame_, bytes_view{});
    index_ = std::move(o.index_);
    entries_ = std::exchange(o.entries_, 0);
    app_out_ = std::move(o.app_out_);
    scratch_ = std::move(o.scratch_);
    o.index_.clear();
    o.app_out_.clear();
    return *this;
  }

  // Locates the headers of a frame into out, reusing out's storage. Errors are packet::parse's.
  static status parse_into(wire_view& out, bytes_view frame, const parse_options& opt = {});

  // The entries in wire order (the headers of packet::parse, one to one).
  std::size_t size() const { return entries_; }
  const entry& operator[](std::size_t i) const { return index_[i]; }
  const entry* begin() const { return index_.data(); }
  const entry* end() const { return index_.data() + entries_; }
  // The frame parsed last.
  bytes_view frame() const { return frame_; }

  // Entry i's bytes (a payload's bytes; a header's own bytes; for an application decoder's
  // output, all the bytes that decoder was given).
  bytes_view bytes(std::size_t i) const { return frame_.subspan(index_[i].offset, index_[i].size); }
  // What entry i carries: the bytes after its header, up to the end of its layer.
  bytes_view carried(std::size_t i) const {
    const entry& e = index_[i];
    return frame_.subspan(e.offset + e.size, e.end - e.offset - e.size);
  }
  // The first payload (bytes no decoder claims), or an empty view.
  bytes_view payload() const {
    for (const entry& e : *this)
      if (e.kind == header_kind::payload && !e.from_app) return frame_.subspan(e.offset, e.size);
    return {};
  }

  // Field M (a member in the leading fixed part of a header type T's description, e.g.
  // &tcp::dst_port, &ipv4::src) of entry i, which must be a T not from an application decoder
  // (else std::invalid_argument).
  template <auto M>
  wire::member_t<M> field(std::size_t i) const {
    return field<M>(index_[i]);
  }
  template <auto M>
  wire::member_t<M> field(const entry& e) const {
    using T = typename wire::member_traits<decltype(M)>::cls;
    if (e.kind != header_kind_of<T> || e.from_app) [[unlikely]]
      wrong_kind(e, T::name);
    return wire::read_field<M>(frame_.data() + e.offset);
  }
  // Entry i decoded into out (a T: the header packet::parse gives), by T's decoder. False
  // if entry i is not a T.
  template <class T>
  bool decode(std::size_t i, T& out) const {
    const entry& e = index_[i];
    if (e.kind != header_kind_of<T>) return false;
    if (e.from_app) {
      out = std::get<T>(app_header(e));
      return true;
    }
    return decode_entry(e, &out);
  }
  // The located options of TCP entry i (which must be a TCP header, else std::invalid_argument).
  tcp_option_list tcp_options(std::size_t i) const { return tcp_options(index_[i]); }
  tcp_option_list tcp_options(const entry& e) const {
    if (e.kind != header_kind::tcp || e.from_app) [[unlikely]]
      wrong_kind(e, "tcp");
    return tcp_option_list(frame_.subspan(e.offset + 20, e.size - 20));
  }
  // A cursor over the options of TCP entry i (else std::invalid_argument): see tcp_option_cursor.
  tcp_option_cursor tcp_option_cursor_at(std::size_t i) const { return tcp_option_cursor_at(index_[i]); }
  tcp_option_cursor tcp_option_cursor_at(const entry& e) const {
    if (e.kind != header_kind::tcp || e.from_app) [[unlikely]]
      wrong_kind(e, "tcp");
    return tcp_option_cursor(frame_.subspan(e.offset + 20, e.size - 20));
  }
  // What an application decoder gave: entry i (which must be from_app, else
  // std::invalid_argument) as the decoder gave it. e must be one of this view's entries
  // (a reference from operator[] or iteration), else std::invalid_argument.
  const header& app_header(std::size_t i) const { return app_header(index_[i]); }
  const header& app_header(const entry& e) const;
  // How many entries an application decoder gave.
  std::size_t app_headers() const { return app_out_.size(); }

  // The same frame as a packet: what packet::parse gives.
  void to_packet(packet& out) const;

 private:
  friend struct packet_detail::wire_sink;
  bool decode_entry(const entry& e, void* out) const;
  [[noreturn, gnu::cold]] void wrong_kind(const entry& e, const char* want) const;

  bytes_view frame_;
  std::vector<entry> index_;  // index_[0..entries_) is the frame's; index_ only grows
  std::size_t entries_ = 0;
  std::vector<header> app_out_;  // the application decoders' output
  // One object per header type the fast path does not cover (ARP, ICMP, ICMPv6, SCTP, and any
  // header that is not the usual case), decoded into and left: reused across parses.
  std::tuple<ethernet, vlan, svlan, mpls, arp, ipv4, ipv6, icmp, icmpv6, tcp, udp, sctp> scratch_;
};

}  // namespace wirekit
