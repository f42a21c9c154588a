// A decoded frame for fast reading: the same header structs as `packet`, decoded by the same
// decoders with the same errors, stored per header type instead of in a vector of variants, and
// the payload as a view of the frame's bytes instead of a copy.
//
//   wirekit::packet_view v;                        // reuse it: no allocation in steady state
//   for (bytes_view f : frames) {
//     if (auto st = wirekit::packet_view::parse_into(v, f); !st) { ... st.err() ... }
//     if (const auto* t = v.get<wirekit::tcp>()) use(t->dst_port, v.payload());
//     v.visit([](const auto& h) { ... });        // every header in wire order
//   }
//
// What it holds after a successful parse_into is exactly what packet::parse gives for the same
// bytes (to_packet() builds that packet); the difference is the cost: see docs/performance.md.
// The payload views point into the parsed bytes: they are valid while those bytes are. Header
// objects (and their buffers) are reused by the next parse_into; after a failed parse_into the
// view's content is unspecified.
#pragma once
#include <array>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "wirekit/packet/packet.hpp"

namespace wirekit {

namespace packet_detail {
struct view_sink;
template <class T, class... Ts>
constexpr std::size_t alternative_index(const std::variant<Ts...>*) {
  constexpr bool same[] = {std::is_same_v<T, Ts>...};
  for (std::size_t i = 0; i < sizeof...(Ts); ++i)
    if (same[i]) return i;
  return sizeof...(Ts);
}
}  // namespace packet_detail

// What an entry of a packet_view is: one of the header types (numbered as the alternatives of
// `header`), a payload, or an application message.
enum class header_kind : std::uint8_t {
  ethernet, vlan, svlan, mpls, arp, ipv4, ipv6, icmp, icmpv6, tcp, udp, sctp, payload, app
};
// The kind of a header type (ethernet, ..., sctp, payload, app_ptr).
template <class T>
inline constexpr header_kind header_kind_of =
    static_cast<header_kind>(packet_detail::alternative_index<T>(static_cast<const header*>(nullptr)));
static_assert(header_kind_of<sctp> == header_kind::sctp && header_kind_of<app_ptr> == header_kind::app);

class packet_view {
 public:
  // One header in wire order: its kind and its position among the headers of that kind.
  struct entry {
    header_kind kind;
    std::uint32_t nth;
  };

  packet_view() = default;
  // Not copyable (payloads an application decoder copied are viewed where they are stored):
  // to_packet() makes an owning copy. Moving keeps every view valid.
  packet_view(const packet_view&) = delete;
  packet_view& operator=(const packet_view&) = delete;
  packet_view(packet_view&& o) noexcept { *this = std::move(o); }
  packet_view& operator=(packet_view&& o) noexcept;  // o is left empty, ready for reuse

  // Decodes a frame into out, reusing out's storage. Errors are packet::parse's.
  static status parse_into(packet_view& out, bytes_view frame, const parse_options& opt = {});

  // The headers in wire order.
  std::size_t size() const { return entries_; }
  const entry& operator[](std::size_t i) const { return index_[i]; }
  const entry* begin() const { return index_.data(); }
  const entry* end() const { return index_.data() + entries_; }

  // How many headers of type T (a header type, `payload` or `app_ptr`) the frame holds.
  template <class T>
  std::size_t count() const {
    if constexpr (std::is_same_v<T, wirekit::payload>)
      return npayloads_;
    else if constexpr (std::is_same_v<T, app_ptr>)
      return apps_.size();
    else
      return counts_[index_of<T>];
  }
  // The nth header of type T (0-based, wire order), or nullptr. T is a header type (ethernet,
  // ..., sctp) or app_ptr.
  template <class T>
  const T* get(std::size_t nth = 0) const {
    if constexpr (std::is_same_v<T, app_ptr>) {
      return nth < apps_.size() ? &apps_[nth] : nullptr;
    } else {
      static_assert(!std::is_same_v<T, wirekit::payload>, "payloads are views: use payload(nth)");
      return nth < counts_[index_of<T>] ? &std::get<std::vector<T>>(stores_)[nth] : nullptr;
    }
  }
  // The nth payload (bytes no decoder claims), or an empty view if there is none.
  bytes_view payload(std::size_t nth = 0) const { return nth < npayloads_ ? payloads_[nth] : bytes_view{}; }

  // Calls f with the header of entry e: a const T& for the header types, a bytes_view for a
  // payload, a const app_ptr& for an application message.
  template <class F>
  decltype(auto) visit(const entry& e, F&& f) const {
    switch (e.kind) {
      case header_kind::ethernet: return f(at<ethernet>(e.nth));
      case header_kind::vlan: return f(at<vlan>(e.nth));
      case header_kind::svlan: return f(at<svlan>(e.nth));
      case header_kind::mpls: return f(at<mpls>(e.nth));
      case header_kind::arp: return f(at<arp>(e.nth));
      case header_kind::ipv4: return f(at<ipv4>(e.nth));
      case header_kind::ipv6: return f(at<ipv6>(e.nth));
      case header_kind::icmp: return f(at<icmp>(e.nth));
      case header_kind::icmpv6: return f(at<icmpv6>(e.nth));
      case header_kind::tcp: return f(at<tcp>(e.nth));
      case header_kind::udp: return f(at<udp>(e.nth));
      case header_kind::sctp: return f(at<sctp>(e.nth));
      case header_kind::payload: return f(payloads_[e.nth]);
      case header_kind::app: break;
    }
    return f(apps_[e.nth]);
  }
  // Calls f for every header in wire order (see visit(entry, f)).
  template <class F>
  void visit(F&& f) const {
    for (const entry& e : *this) visit(e, f);
  }

  // The same frame as a packet (owning copies of the payloads): what packet::parse gives.
  packet to_packet() const;
  void to_packet(packet& out) const;

 private:
  friend struct packet_detail::view_sink;

  [[gnu::cold, gnu::noinline]] void clear_apps();
  template <class T>
  static constexpr std::size_t index_of = static_cast<std::size_t>(header_kind_of<T>);
  template <class T>
  const T& at(std::uint32_t i) const {
    return std::get<std::vector<T>>(stores_)[i];
  }

  // The header objects, one vector per type, reused across parses (with their buffers): the
  // first counts_[kind] of each are this frame's.
  std::tuple<std::vector<ethernet>, std::vector<vlan>, std::vector<svlan>, std::vector<mpls>, std::vector<arp>,
             std::vector<ipv4>, std::vector<ipv6>, std::vector<icmp>, std::vector<icmpv6>, std::vector<tcp>,
             std::vector<udp>, std::vector<sctp>>
      stores_;
  std::array<std::uint32_t, 12> counts_{};
  std::array<std::uint32_t, 12> built_{};  // the size of each vector of stores_
  std::vector<bytes_view> payloads_;  // payloads_[0..npayloads_) are the frame's; payloads_ only grows
  std::size_t npayloads_ = 0;
  std::vector<app_ptr> apps_;
  std::vector<bytes> owned_;      // payloads an application decoder copied (payloads_ views them)
  std::vector<header> app_out_;   // an application decoder's output, before it is sorted in
  std::vector<entry> index_;      // index_[0..entries_) is the frame's; index_ only grows
  std::size_t entries_ = 0;
};

}  // namespace wirekit
