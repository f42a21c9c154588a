#include "wirekit/packet/packet_view.hpp"

#include <algorithm>
#include <cassert>

#include "layer_ops.hpp"
#include "walk.hpp"

namespace wirekit {
namespace packet_detail {

// Where packet_view::parse_into puts the headers walk_frame finds: the next unused object of
// each type's store (reused with its buffers), plus one index entry.
struct view_sink {
  packet_view& pv;

  template <class T>
  [[gnu::noinline]] static void grow(std::vector<T>& v, std::uint32_t& built) {
    v.emplace_back();
    built = static_cast<std::uint32_t>(v.size());
  }
  // Makes room for n more index entries and p more payloads, so that push and payload need no
  // test of their own.
  [[gnu::noinline]] static void reserve_slow(packet_view& pv, std::size_t n, std::size_t p) {
    if (pv.index_.size() - pv.entries_ < n) pv.index_.resize(std::max(pv.entries_ + n, pv.index_.size() * 2));
    if (pv.payloads_.size() - pv.npayloads_ < p)
      pv.payloads_.resize(std::max({pv.npayloads_ + p, pv.payloads_.size() * 2, std::size_t(8)}));
  }
  void reserve(std::size_t n, std::size_t p) {
    if (pv.index_.size() - pv.entries_ < n || pv.payloads_.size() - pv.npayloads_ < p) [[unlikely]]
      reserve_slow(pv, n, p);
  }
  [[gnu::always_inline]] void push(header_kind k, std::uint32_t nth) {
    assert(pv.entries_ < pv.index_.size());
    pv.index_[pv.entries_++] = {k, nth};
  }

  template <class T>
  [[gnu::always_inline]] T& add() {
    constexpr std::size_t k = packet_view::index_of<T>;
    auto& v = std::get<std::vector<T>>(pv.stores_);
    const std::uint32_t n = pv.counts_[k];
    if (n == pv.built_[k]) [[unlikely]]
      grow(v, pv.built_[k]);
    T& obj = v[n];  // (read before the index entry's byte store, which may alias anything)
    pv.counts_[k] = n + 1;
    push(header_kind_of<T>, n);
    return obj;
  }
  template <class T>
  [[gnu::always_inline]] status decode(reader& r, next_layer& nx) {
    return decode_layer(add<T>(), r, nx);
  }
  [[gnu::always_inline]] void payload(bytes_view b) {
    assert(pv.npayloads_ < pv.payloads_.size());
    push(header_kind::payload, static_cast<std::uint32_t>(pv.npayloads_));
    pv.payloads_[pv.npayloads_++] = b;
  }
  status app(app_decoder dec, bytes_view data, std::size_t base) {
    pv.app_out_.clear();
    status st = dec(data, base, pv.app_out_);
    // Room for what the decoder found, and for a trailer payload after it.
    reserve(pv.app_out_.size() + 1, pv.app_out_.size() + 1);
    for (auto& h : pv.app_out_) {
      std::visit(
          [&](auto& x) {
            using T = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<T, app_ptr>) {
              push(header_kind::app, static_cast<std::uint32_t>(pv.apps_.size()));
              pv.apps_.push_back(std::move(x));
            } else if constexpr (std::is_same_v<T, wirekit::payload>) {
              pv.owned_.push_back(std::move(x.data));
              payload(pv.owned_.back());
            } else {
              add<T>() = std::move(x);
            }
          },
          h);
    }
    return st;
  }
};

}  // namespace packet_detail

status packet_view::parse_into(packet_view& out, bytes_view frame, const parse_options& opt) {
  out.counts_ = {};
  out.entries_ = 0;
  out.npayloads_ = 0;
  if (!out.apps_.empty() || !out.owned_.empty()) [[unlikely]]
    out.clear_apps();
  packet_detail::view_sink sink{out};
  // Every header walk_frame finds takes at least 4 bytes of the frame, and it adds at most two
  // payloads (what no header claims, a trailer): one test here instead of one per header.
  // Application decoders reserve for what they find (view_sink::app).
  sink.reserve(frame.size() / 4 + 2, 2);
  return packet_detail::walk_frame(sink, frame, opt);
}

packet_view& packet_view::operator=(packet_view&& o) noexcept {
  if (this == &o) return *this;
  stores_ = std::move(o.stores_);
  counts_ = o.counts_;
  built_ = o.built_;
  payloads_ = std::move(o.payloads_);
  npayloads_ = o.npayloads_;
  apps_ = std::move(o.apps_);
  owned_ = std::move(o.owned_);
  app_out_ = std::move(o.app_out_);
  index_ = std::move(o.index_);
  entries_ = o.entries_;
  // The counters describe the vectors, which moved: o starts again from nothing.
  std::apply([](auto&... v) { (v.clear(), ...); }, o.stores_);
  o.counts_ = {};
  o.built_ = {};
  o.payloads_.clear();
  o.npayloads_ = 0;
  o.apps_.clear();
  o.owned_.clear();
  o.app_out_.clear();
  o.index_.clear();
  o.entries_ = 0;
  return *this;
}

void packet_view::clear_apps() {
  apps_.clear();
  owned_.clear();
}

void packet_view::to_packet(packet& out) const {
  out.protocols.clear();
  out.protocols.reserve(size());
  for (const entry& e : *this)
    visit(e, [&](const auto& h) {
      using T = std::remove_cvref_t<decltype(h)>;
      if constexpr (std::is_same_v<T, bytes_view>)
        out.protocols.emplace_back(wirekit::payload{bytes(h.begin(), h.end())});
      else
        out.protocols.emplace_back(h);
    });
}

packet packet_view::to_packet() const {
  packet p;
  to_packet(p);
  return p;
}

}  // namespace wirekit
