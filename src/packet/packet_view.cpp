#include "wirekit/packet/packet_view.hpp"

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
  void push(header_kind k, std::uint32_t nth) {
    if (pv.entries_ == pv.index_.size()) [[unlikely]]
      grow(pv.index_);
    pv.index_[pv.entries_++] = {k, nth};
  }
  [[gnu::noinline]] static void grow(std::vector<packet_view::entry>& v) { v.resize(v.size() < 8 ? 8 : v.size() * 2); }

  template <class T>
  T& add() {
    constexpr std::size_t k = packet_view::index_of<T>;
    auto& v = std::get<std::vector<T>>(pv.stores_);
    std::uint32_t& n = pv.counts_[k];
    if (n == pv.built_[k]) [[unlikely]]
      grow(v, pv.built_[k]);
    push(header_kind_of<T>, n);
    return v[n++];
  }
  void payload(bytes_view b) {
    push(header_kind::payload, static_cast<std::uint32_t>(pv.payloads_.size()));
    pv.payloads_.push_back(b);
  }
  status app(app_decoder dec, bytes_view data, std::size_t base) {
    pv.app_out_.clear();
    status st = dec(data, base, pv.app_out_);
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
  out.payloads_.clear();
  if (!out.apps_.empty() || !out.owned_.empty()) [[unlikely]]
    out.clear_apps();
  packet_detail::view_sink sink{out};
  return packet_detail::walk_frame(sink, frame, opt);
}

packet_view& packet_view::operator=(packet_view&& o) noexcept {
  if (this == &o) return *this;
  stores_ = std::move(o.stores_);
  counts_ = o.counts_;
  built_ = o.built_;
  payloads_ = std::move(o.payloads_);
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
