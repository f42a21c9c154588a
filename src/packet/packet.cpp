#include "wirekit/packet/packet.hpp"

#include <algorithm>
#include <utility>

#include "layer_defaults.hpp"
#include "layer_ops.hpp"
#include "walk.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit {

using namespace packet_detail;
using json = nlohmann::json;

std::string header_name(const header& h) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, app_ptr>)
          return x ? x->class_name() : std::string("null");
        else
          return T::name;
      },
      h);
}

namespace {

// Headers a parse no longer needs (displaced by a header of another type, or beyond the end of
// the new frame) are kept per thread, one per type, with their buffers (payload bytes, option
// lists, extension headers): when a later frame needs a header of that type it takes the spare
// instead of constructing one, so that a stream mixing frame shapes decodes with no allocation
// in steady state.
template <class T, class... Ts>
constexpr std::size_t index_in(const std::variant<Ts...>*) {
  constexpr bool same[] = {std::is_same_v<T, Ts>...};
  for (std::size_t i = 0; i < sizeof...(Ts); ++i)
    if (same[i]) return i;
  return sizeof...(Ts);
}
template <class T>
constexpr std::size_t index_of = index_in<T>(static_cast<const header*>(nullptr));

// Up to spare_depth spares per type (a frame may hold several payloads or IPv4 headers).
constexpr std::size_t spare_depth = 4;
struct spare_headers {
  struct stack {
    header h[spare_depth];
    std::size_t n = 0;
  };
  stack of[std::variant_size_v<header>];
};
thread_local spare_headers spares;

// Moves h's content aside as a spare of its type (h keeps a moved-from husk without buffers).
inline void keep(header& h) {
  auto& st = spares.of[h.index()];
  if (st.n < spare_depth) st.h[st.n++] = std::move(h);
}

// Makes h hold a T: a spare T if there is one, else a new one.
template <class T>
T& become(header& h) {
  keep(h);
  auto& st = spares.of[index_of<T>];
  if (st.n) h = std::move(st.h[--st.n]);
  else h.template emplace<T>();
  return *std::get_if<T>(&h);
}

// The next header object: reuses out[n] when it already holds a T.
template <class T>
T& slot(std::vector<header>& v, std::size_t& n) {
  if (n < v.size()) {
    header& h = v[n++];
    if (auto* p = std::get_if<T>(&h)) return *p;
    return become<T>(h);
  }
  ++n;
  header& h = v.emplace_back();
  return become<T>(h);
}

void put_payload(std::vector<header>& v, std::size_t& n, bytes_view b) {
  auto& p = slot<payload>(v, n);
  p.data.assign(b.begin(), b.end());
}

// Drops v[n..], keeping them as spares for later parses.
void trim(std::vector<header>& v, std::size_t n) {
  if (n >= v.size()) return;
  for (std::size_t i = n; i < v.size(); ++i) keep(v[i]);
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
}

// Where packet::parse_into puts the headers walk_frame finds: the slots of out.protocols,
// in order, reusing each slot's object when it already holds the right type.
struct packet_sink {
  std::vector<header>& v;
  std::size_t n = 0;
  template <class T>
  T& add() {
    return slot<T>(v, n);
  }
  template <class T>
  [[gnu::always_inline]] status decode(reader& r, next_layer& nx) {
    return decode_layer(add<T>(), r, nx);
  }
  void payload(bytes_view b) { put_payload(v, n, b); }
  status app(app_decoder dec, bytes_view data, std::size_t base) {
    trim(v, n);
    status st = dec(data, base, v);
    n = v.size();
    return st;
  }
};

}  // namespace

status packet::parse_into(packet& out, bytes_view frame, const parse_options& opt) {
  packet_sink sink{out.protocols};
  WIREKIT_TRY(walk_frame(sink, frame, opt));
  trim(out.protocols, sink.n);
  return {};
}

result<packet> packet::parse(bytes_view frame, const parse_options& opt) {
  packet p;
  WIREKIT_TRY(parse_into(p, frame, opt));
  return p;
}

status packet::serialize_into(bytes& out) const { return serialize_into(out, serialize_options{}); }

status packet::serialize_into(bytes& out, const serialize_options& opt) const {
  out.clear();
  writer w(out);
  const std::size_t n = protocols.size();
  std::size_t starts_small[16];
  std::vector<std::size_t> starts_big;
  std::size_t* starts = starts_small;
  if (n + 1 > 16) {
    starts_big.resize(n + 1);
    starts = starts_big.data();
  }
  for (std::size_t i = 0; i < n; ++i) {
    starts[i] = out.size();
    status st = std::visit(
        [&](const auto& h) -> status {
          using T = std::remove_cvref_t<decltype(h)>;
          if constexpr (std::is_same_v<T, payload>) {
            w.put(h.data);
            return {};
          } else if constexpr (std::is_same_v<T, app_ptr>) {
            if (!h) return make_error("packet", "protocols", 0, "empty application message");
            return h->encode(out);
          } else {
            return encode_layer(h, w);
          }
        },
        protocols[i]);
    if (!st) {
      if (!st.err().json && st.err().protocol != "packet") st.err().field += " (header " + std::to_string(i) + ")";
      return st;
    }
  }
  starts[n] = out.size();
  for (std::size_t i = n; i-- > 0;) {
    const header* prev = i ? &protocols[i - 1] : nullptr;
    status st = std::visit(
        [&](const auto& h) -> status {
          using T = std::remove_cvref_t<decltype(h)>;
          if constexpr (std::is_same_v<T, payload> || std::is_same_v<T, app_ptr>)
            return {};
          else
            return finish_layer(h, out, starts[i], starts[i + 1], prev);
        },
        protocols[i]);
    if (!st) return st;
  }
  if (opt.udp_zero_checksum)
    for (std::size_t i = 0; i < n; ++i)
      if (const auto* u = std::get_if<udp>(&protocols[i]); u && u->csum == 0 && starts[i] + 8 <= out.size())
        writer(out).patch_u16(starts[i] + 6, 0);
  return {};
}

result<bytes> packet::serialize() const { return serialize(serialize_options{}); }

result<bytes> packet::serialize(const serialize_options& opt) const {
  bytes out;
  WIREKIT_TRY(serialize_into(out, opt));
  return out;
}

json packet::to_json() const {
  json arr = json::array();
  for (const auto& h : protocols) {
    json j;
    std::visit(
        [&](const auto& x) {
          using T = std::remove_cvref_t<decltype(x)>;
          if constexpr (std::is_same_v<T, payload>)
            j["payload"] = base64_encode(x.data);
          else if constexpr (std::is_same_v<T, app_ptr>) {
            if (x) x->to_json(j);
          } else
            layer_to_json(j, x);
        },
        h);
    arr.push_back(std::move(j));
  }
  return arr;
}

namespace {
template <class T>
status read_layer(const json& inner, std::vector<header>& out, const json_glue::path& p) {
  T h{};
  WIREKIT_TRY(layer_from_json(inner, h, p));
  out.emplace_back(std::move(h));
  return {};
}
}  // namespace

result<packet> packet::from_json(const json& j) {
  json_glue::path root;
  if (!j.is_array()) return json_error("$", "a frame must be a JSON array of header objects");
  packet pk;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto p = root[long(i)];
    const json& e = j[i];
    if (!e.is_object() || e.size() != 1)
      return json_error(p.str(), "each header must be an object with one key naming its class");
    const std::string& k = e.begin().key();
    const json& inner = e.begin().value();
    auto pi = p[k.c_str()];
    status st;
    if (k == "payload") {
      payload pl;
      st = json_glue::from_json_value(inner, pl.data, pi);
      if (st) pk.protocols.emplace_back(std::move(pl));
    } else if (k == ethernet::name) st = read_layer<ethernet>(inner, pk.protocols, pi);
    else if (k == vlan::name) st = read_layer<vlan>(inner, pk.protocols, pi);
    else if (k == svlan::name) st = read_layer<svlan>(inner, pk.protocols, pi);
    else if (k == mpls::name) st = read_layer<mpls>(inner, pk.protocols, pi);
    else if (k == arp::name) st = read_layer<arp>(inner, pk.protocols, pi);
    else if (k == ipv4::name) st = read_layer<ipv4>(inner, pk.protocols, pi);
    else if (k == ipv6::name) st = read_layer<ipv6>(inner, pk.protocols, pi);
    else if (k == icmp::name) st = read_layer<icmp>(inner, pk.protocols, pi);
    else if (k == icmpv6::name) st = read_layer<icmpv6>(inner, pk.protocols, pi);
    else if (k == tcp::name) st = read_layer<tcp>(inner, pk.protocols, pi);
    else if (k == udp::name) st = read_layer<udp>(inner, pk.protocols, pi);
    else if (k == sctp::name) st = read_layer<sctp>(inner, pk.protocols, pi);
    else {
      app_ptr a;
      st = app_from_json(e, a, p);
      if (st) pk.protocols.emplace_back(std::move(a));
    }
    if (!st) return st;
  }
  return pk;
}

}  // namespace wirekit
