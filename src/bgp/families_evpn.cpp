// EVPN NLRI (RFC 7432 §7, RFC 9136 route type 5) in os-ken's model (EvpnNLRI and subclasses,
// EvpnEsi and subclasses in os_ken/lib/packet/bgp.py), plus the RD helpers of this part.
#include <charconv>
#include <cstring>

#include "families_detail.hpp"

namespace wirekit::bgp {

using namespace fam;

// ---- RD helpers ---------------------------------------------------------------------------
namespace fam {

std::string rd_text(const rd_bytes& rd) {
  reader r(bytes_view(reinterpret_cast<const std::byte*>(rd.b.data()), 8));
  route_distinguisher x;
  if (!decode_rd(r, x)) return "";
  return to_string(x);
}

bool parse_uint(std::string_view s, std::uint64_t& v) {
  if (s.empty() || s.size() > 19) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<rd_bytes> rd_from_text(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || s.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
  std::string_view first = s.substr(0, colon), second = s.substr(colon + 1);
  std::uint64_t assigned = 0, admin = 0;
  rd_bytes out;
  auto* b = out.b.data();
  auto put = [&](std::size_t at, std::uint64_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) b[at + i] = std::uint8_t(v >> (8 * (n - 1 - i)));
  };
  // An RD type os-ken does not know, as to_string(route_distinguisher) writes it: "type:12 hex
  // digits" (no type 0-2 RD has a 12-digit second part).
  if (second.size() == 12 && parse_uint(first, admin) && admin >= 3 && admin <= 0xffff) {
    put(0, admin, 2);
    for (std::size_t i = 0; i < 6; ++i) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int hi = hex(second[2 * i]), lo = hex(second[2 * i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      b[2 + i] = std::uint8_t(hi * 16 + lo);
    }
    return out;
  }
  if (!parse_uint(second, assigned)) return std::nullopt;
  if (first.find('.') != std::string_view::npos) {
    auto a = ipv4_addr::parse(first);
    if (!a || assigned > 0xffff) return std::nullopt;
    put(0, 1, 2);
    std::memcpy(b + 2, a->b.data(), 4);
    put(6, assigned, 2);
  } else {
    if (!parse_uint(first, admin)) return std::nullopt;
    if (admin > 0xffff) {  // (os-ken tests > 65536 and then cannot pack 65536 in 2 bytes)
      if (admin > 0xffffffffu || assigned > 0xffff) return std::nullopt;
      put(0, 2, 2);
      put(2, admin, 4);
      put(6, assigned, 2);
    } else {
      if (admin > 0xffff || assigned > 0xffffffffu) return std::nullopt;
      put(0, 0, 2);
      put(2, admin, 2);
      put(4, assigned, 4);
    }
  }
  return out;
}

status unwrap(const json& wrapped, std::string& cls, const json*& inner, const path& p) {
  if (!wrapped.is_object() || wrapped.size() != 1 || !wrapped.begin().value().is_object())
    return json_glue::type_error(p, "a one-key object naming the class", wrapped);
  cls = wrapped.begin().key();
  inner = &wrapped.begin().value();
  return {};
}

}  // namespace fam

// ---- ESI ------------------------------------------------------------------------------------
namespace {
std::uint64_t be(const std::uint8_t* p, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}
void put_be(std::uint8_t* p, std::uint64_t v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) p[i] = std::uint8_t(v >> (8 * (n - 1 - i)));
}
}  // namespace

mac_addr evpn_esi::mac() const {
  mac_addr m;
  std::memcpy(m.b.data(), value.data(), 6);
  return m;
}
std::uint16_t evpn_esi::port_key() const { return std::uint16_t(be(value.data() + 6, 2)); }
std::uint32_t evpn_esi::local_disc() const {
  if (type == 3) return std::uint32_t(be(value.data() + 6, 3));
  return std::uint32_t(be(value.data() + 4, 4));
}
ipv4_addr evpn_esi::router_id() const {
  ipv4_addr a;
  std::memcpy(a.b.data(), value.data(), 4);
  return a;
}
std::uint32_t evpn_esi::as_number() const { return std::uint32_t(be(value.data(), 4)); }

namespace {

const char* esi_class(std::uint8_t t) {
  static const char* const names[] = {"EvpnArbitraryEsi", "EvpnLACPEsi",     "EvpnL2BridgeEsi",
                                      "EvpnMacBasedEsi",  "EvpnRouterIDEsi", "EvpnASBasedEsi"};
  return t < 6 ? names[t] : "EvpnUnknownEsi";
}

json esi_to_json(const evpn_esi& e) {
  json in = json::object();
  in["type"] = e.type;
  switch (e.type) {
    case 1:
      in["mac_addr"] = e.mac().to_string();
      in["port_key"] = e.port_key();
      break;
    case 2:
      in["mac_addr"] = e.mac().to_string();
      in["priority"] = e.port_key();
      break;
    case 3:
      in["mac_addr"] = e.mac().to_string();
      in["local_disc"] = e.local_disc();
      break;
    case 4:
      in["router_id"] = e.router_id().to_string();
      in["local_disc"] = e.local_disc();
      break;
    case 5:
      in["as_number"] = e.as_number();
      in["local_disc"] = e.local_disc();
      break;
    default:
      in["value"] = base64_encode(bytes_view(reinterpret_cast<const std::byte*>(e.value.data()), 9));
      break;
  }
  return json{{esi_class(e.type), std::move(in)}};
}

status esi_from_json(const json& wrapped, evpn_esi& e, const path& p) {
  std::string cls;
  const json* in = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, in, p));
  const path pi = p[cls.c_str()];
  e = evpn_esi{};
  int t = -1;
  for (int i = 0; i < 6; ++i)
    if (cls == esi_class(std::uint8_t(i))) t = i;
  if (t < 0 && cls != "EvpnUnknownEsi") return json_error(p.str(), "unknown ESI class '" + cls + "'");
  if (t < 0) {
    WIREKIT_TRY(opt(*in, "type", e.type, pi));
  } else {
    e.type = std::uint8_t(t);
  }
  auto* v = e.value.data();
  if (t == 1 || t == 2 || t == 3) {
    mac_addr m;
    WIREKIT_TRY(opt(*in, "mac_addr", m, pi));
    std::memcpy(v, m.b.data(), 6);
  }
  std::uint32_t disc = 0;
  switch (t) {
    case 1:
    case 2: {
      std::uint16_t k = 0;
      WIREKIT_TRY(opt(*in, t == 1 ? "port_key" : "priority", k, pi));
      put_be(v + 6, k, 2);
      break;
    }
    case 3:
      WIREKIT_TRY(opt(*in, "local_disc", disc, pi));
      if (disc > 0xffffff) return json_error(pi["local_disc"].str(), "local_disc does not fit in 24 bits");
      put_be(v + 6, disc, 3);
      break;
    case 4: {
      ipv4_addr a;
      WIREKIT_TRY(opt(*in, "router_id", a, pi));
      std::memcpy(v, a.b.data(), 4);
      WIREKIT_TRY(opt(*in, "local_disc", disc, pi));
      put_be(v + 4, disc, 4);
      break;
    }
    case 5: {
      std::uint32_t as = 0;
      WIREKIT_TRY(opt(*in, "as_number", as, pi));
      put_be(v, as, 4);
      WIREKIT_TRY(opt(*in, "local_disc", disc, pi));
      put_be(v + 4, disc, 4);
      break;
    }
    default: {  // arbitrary / unknown: 9 value bytes (shorter padded with zeros, as struct.pack '9s')
      bytes b;
      WIREKIT_TRY(opt(*in, "value", b, pi));
      if (!b.empty()) std::memcpy(v, b.data(), std::min<std::size_t>(9, b.size()));
      break;
    }
  }
  return {};
}

// ---- decode -----------------------------------------------------------------------------------
status read_rd(reader& b, rd_bytes& rd) {
  WIREKIT_TRY(need(b, 8, "nlri.evpn.route_dist"));
  b.copy(rd.b.data(), 8);
  return {};
}
status read_esi(reader& b, evpn_esi& e) {
  WIREKIT_TRY(need(b, 10, "nlri.evpn.esi"));
  e.type = b.u8();
  b.copy(e.value.data(), 9);
  return {};
}
status read_u32(reader& b, std::uint32_t& v, const char* field) {
  WIREKIT_TRY(need(b, 4, field));
  v = b.u32();
  return {};
}
// IP address length (bits) and address: length / 8 must be 4 or 16 bytes (os-ken's ip.bin_to_text).
status read_ip(reader& b, std::uint8_t& len, ip_addr& a) {
  WIREKIT_TRY(need(b, 1, "nlri.evpn.ip_addr_len"));
  const std::size_t at = b.offset();
  len = b.u8();
  const std::size_t n = len / 8u;
  if (n != 4 && n != 16)
    return make_error(proto, "nlri.evpn.ip_addr_len", at, fmt::format("IP address length {} is not 32 or 128", len));
  WIREKIT_TRY(need(b, n, "nlri.evpn.ip_addr"));
  if (n == 4)
    b.copy(a.v.emplace<ipv4_addr>().b.data(), 4);
  else
    b.copy(a.v.emplace<ipv6_addr>().b.data(), 16);
  return {};
}
void rest_to(reader& b, bytes& out) {
  auto s = b.take(b.remaining());
  out.assign(s.begin(), s.end());
}

status decode_body(reader& b, std::uint8_t type, evpn_nlri& out) {
  switch (type) {
    case 1: {
      auto& x = out.route.emplace<evpn_eth_ad>();
      WIREKIT_TRY(read_rd(b, x.rd));
      WIREKIT_TRY(read_esi(b, x.esi));
      WIREKIT_TRY(read_u32(b, x.ethernet_tag_id, "nlri.evpn.ethernet_tag_id"));
      rest_to(b, x.label);
      return {};
    }
    case 2: {
      auto& x = out.route.emplace<evpn_mac_ip_adv>();
      WIREKIT_TRY(read_rd(b, x.rd));
      WIREKIT_TRY(read_esi(b, x.esi));
      WIREKIT_TRY(read_u32(b, x.ethernet_tag_id, "nlri.evpn.ethernet_tag_id"));
      WIREKIT_TRY(need(b, 1, "nlri.evpn.mac_addr_len"));
      const std::size_t at = b.offset();
      x.mac_addr_len = b.u8();
      if (x.mac_addr_len / 8 != 6)
        return make_error(proto, "nlri.evpn.mac_addr_len", at, fmt::format("MAC address length {} is not 48", x.mac_addr_len));
      WIREKIT_TRY(need(b, 6, "nlri.evpn.mac_addr"));
      b.copy(x.mac.b.data(), 6);
      WIREKIT_TRY(need(b, 1, "nlri.evpn.ip_addr_len"));
      if (b.peek8() == 0) {
        x.ip_addr_len = b.u8();
        x.ip.reset();
      } else {
        WIREKIT_TRY(read_ip(b, x.ip_addr_len, x.ip.emplace()));
      }
      rest_to(b, x.labels);
      return {};
    }
    case 3: {
      auto& x = out.route.emplace<evpn_inclusive_multicast>();
      WIREKIT_TRY(read_rd(b, x.rd));
      WIREKIT_TRY(read_u32(b, x.ethernet_tag_id, "nlri.evpn.ethernet_tag_id"));
      WIREKIT_TRY(read_ip(b, x.ip_addr_len, x.ip));
      rest_to(b, x.extra);
      return {};
    }
    case 4: {
      auto& x = out.route.emplace<evpn_eth_segment>();
      WIREKIT_TRY(read_rd(b, x.rd));
      WIREKIT_TRY(read_esi(b, x.esi));
      WIREKIT_TRY(read_ip(b, x.ip_addr_len, x.ip));
      rest_to(b, x.extra);
      return {};
    }
    case 5: {
      auto& x = out.route.emplace<evpn_ip_prefix>();
      WIREKIT_TRY(read_rd(b, x.rd));
      WIREKIT_TRY(read_esi(b, x.esi));
      WIREKIT_TRY(read_u32(b, x.ethernet_tag_id, "nlri.evpn.ethernet_tag_id"));
      WIREKIT_TRY(need(b, 1, "nlri.evpn.ip_prefix_len"));
      x.ip_prefix_len = b.u8();
      // os-ken: the two addresses share what is left after a 3-byte label.
      const std::size_t n = b.remaining() >= 3 ? (b.remaining() - 3) / 2 : 0;
      if (n != 4 && n != 16)
        return make_error(proto, "nlri.evpn.ip_prefix", b.offset(),
                          fmt::format("{} bytes left for IP prefix, gateway and label (want 11 or 35)", b.remaining()));
      if (n == 4) {
        b.copy(x.ip_prefix.v.emplace<ipv4_addr>().b.data(), 4);
        b.copy(x.gw_ip_addr.v.emplace<ipv4_addr>().b.data(), 4);
      } else {
        b.copy(x.ip_prefix.v.emplace<ipv6_addr>().b.data(), 16);
        b.copy(x.gw_ip_addr.v.emplace<ipv6_addr>().b.data(), 16);
      }
      rest_to(b, x.label);
      return {};
    }
    default: {
      auto& x = out.route.emplace<evpn_unknown>();
      x.type = type;
      rest_to(b, x.value);
      return {};
    }
  }
}

void put_ip(writer& w, const ip_addr& a) {
  if (a.is_v4())
    w.put(std::get<ipv4_addr>(a.v).b.data(), 4);
  else
    w.put(std::get<ipv6_addr>(a.v).b.data(), 16);
}
std::uint8_t ip_len_bits(std::uint8_t stored, const ip_addr& a) {
  const unsigned n = a.is_v4() ? 4 : 16;
  return stored / 8u == n ? stored : std::uint8_t(n * 8);
}

status encode_body(writer& w, const evpn_nlri& in) {
  return std::visit(
      [&](const auto& x) -> status {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, evpn_unknown>) {
          w.put(x.value);
        } else {
          w.put(x.rd.b.data(), 8);
          if constexpr (!std::is_same_v<T, evpn_inclusive_multicast>) {
            w.u8(x.esi.type);
            w.put(x.esi.value.data(), 9);
          }
          if constexpr (std::is_same_v<T, evpn_eth_ad>) {
            w.u32(x.ethernet_tag_id);
            w.put(x.label);
          } else if constexpr (std::is_same_v<T, evpn_mac_ip_adv>) {
            w.u32(x.ethernet_tag_id);
            w.u8(x.mac_addr_len / 8 == 6 ? x.mac_addr_len : 48);
            w.put(x.mac.b.data(), 6);
            if (x.ip) {
              w.u8(ip_len_bits(x.ip_addr_len, *x.ip));
              put_ip(w, *x.ip);
            } else {
              w.u8(0);
            }
            w.put(x.labels);
          } else if constexpr (std::is_same_v<T, evpn_inclusive_multicast>) {
            w.u32(x.ethernet_tag_id);
            w.u8(ip_len_bits(x.ip_addr_len, x.ip));
            put_ip(w, x.ip);
            w.put(x.extra);
          } else if constexpr (std::is_same_v<T, evpn_eth_segment>) {
            w.u8(ip_len_bits(x.ip_addr_len, x.ip));
            put_ip(w, x.ip);
            w.put(x.extra);
          } else {
            w.u32(x.ethernet_tag_id);
            w.u8(x.ip_prefix_len);
            if (x.ip_prefix.is_v4() != x.gw_ip_addr.is_v4())
              return make_error(proto, "nlri.evpn.gw_ip_addr", w.size(),
                                "IP prefix and gateway address are of different families");
            put_ip(w, x.ip_prefix);
            put_ip(w, x.gw_ip_addr);
            w.put(x.label);
          }
        }
        return {};
      },
      in.route);
}

}  // namespace

std::uint8_t evpn_nlri::route_type() const {
  if (auto* u = std::get_if<evpn_unknown>(&route)) return u->type;
  return std::uint8_t(route.index() + 1);
}

status decode_evpn_nlri(reader& r, evpn_nlri& out) {
  WIREKIT_TRY(need(r, 2, "nlri.evpn.route_type"));
  const std::uint8_t type = r.u8();
  const std::size_t len = r.peek8();
  if (!r.has(1 + len)) return truncated_error(proto, "nlri.evpn.length", r.offset(), 1 + len, r.remaining());
  r.skip(1);
  reader b = r.sub(len);
  return decode_body(b, type, out);
}

status encode_evpn_nlri(writer& w, const evpn_nlri& in) {
  const std::size_t start = w.size();
  w.u8(in.route_type());
  w.u8(0);
  WIREKIT_TRY(encode_body(w, in));
  const std::size_t len = w.size() - start - 2;
  if (len > 255) return make_error(proto, "nlri.evpn.length", start + 1, fmt::format("EVPN NLRI body of {} bytes (max 255)", len));
  w.patch_u8(start + 1, len);
  return {};
}

// ---- JSON ---------------------------------------------------------------------------------------
void to_json(json& j, const evpn_nlri& v) {
  bytes body;
  writer bw(body);
  (void)encode_body(bw, v);
  json in = json::object();
  in["type"] = v.route_type();
  in["length"] = body.size();
  std::visit(
      [&](const auto& x) {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, evpn_unknown>) {
          in["value"] = base64_encode(x.value);
          in["route_dist"] = nullptr;  // os-ken's EvpnNLRI.__init__ sets it to None
        } else {
          in["route_dist"] = rd_text(x.rd);
          if constexpr (!std::is_same_v<T, evpn_inclusive_multicast>) in["esi"] = esi_to_json(x.esi);
          if constexpr (std::is_same_v<T, evpn_eth_ad>) {
            in["ethernet_tag_id"] = x.ethernet_tag_id;
          } else if constexpr (std::is_same_v<T, evpn_mac_ip_adv>) {
            in["ethernet_tag_id"] = x.ethernet_tag_id;
            in["mac_addr_len"] = x.mac_addr_len;
            in["mac_addr"] = x.mac.to_string();
            in["ip_addr_len"] = x.ip_addr_len;
            in["ip_addr"] = x.ip ? json(x.ip->to_string()) : json(nullptr);
          } else if constexpr (std::is_same_v<T, evpn_inclusive_multicast>) {
            in["ethernet_tag_id"] = x.ethernet_tag_id;
            in["ip_addr_len"] = x.ip_addr_len;
            in["ip_addr"] = x.ip.to_string();
          } else if constexpr (std::is_same_v<T, evpn_eth_segment>) {
            in["ip_addr_len"] = x.ip_addr_len;
            in["ip_addr"] = x.ip.to_string();
          } else {
            in["ethernet_tag_id"] = x.ethernet_tag_id;
            in["gw_ip_addr"] = x.gw_ip_addr.to_string();
          }
        }
      },
      v.route);
  j = json{{std::visit([](const auto& x) { return std::remove_cvref_t<decltype(x)>::name; }, v.route), std::move(in)}};
}

namespace {

// os-ken's constructor arguments for the label field: `label` (bytes) wins, then `mpls_label`
// (bottom of stack set), then `vni`; none: 3 zero bytes.
status label_from_json(const json& in, const path& p, bytes& out) {
  bytes raw;
  WIREKIT_TRY(opt(in, "label", raw, p));
  std::uint32_t mpls = 0, vni = 0;
  WIREKIT_TRY(opt(in, "mpls_label", mpls, p));
  WIREKIT_TRY(opt(in, "vni", vni, p));
  out.assign(3, std::byte{0});
  if (!raw.empty()) {
    out = raw;
  } else if (mpls) {
    if (mpls > 0xfffff) return json_error(p["mpls_label"].str(), "label beyond 20 bits");
    store_be(out.data(), (std::uint64_t(mpls) << 4) | 1, 3);
  } else if (vni) {
    if (vni > 0xffffff) return json_error(p["vni"].str(), "VNI beyond 24 bits");
    store_be(out.data(), vni, 3);
  }
  return {};
}
status labels_from_json(const json& in, const path& p, bytes& out) {
  bytes raw;
  WIREKIT_TRY(opt(in, "labels", raw, p));
  std::vector<std::uint32_t> mpls;
  std::uint32_t vni = 0;
  WIREKIT_TRY(opt(in, "mpls_labels", mpls, p));
  WIREKIT_TRY(opt(in, "vni", vni, p));
  out.assign(3, std::byte{0});
  if (!raw.empty()) {
    out = raw;
  } else if (!mpls.empty()) {
    if (mpls.size() <= 2) {
      out.assign(3 * mpls.size(), std::byte{0});
      for (std::size_t i = 0; i < mpls.size(); ++i) {
        if (mpls[i] > 0xfffff) return json_error(p["mpls_labels"].str(), "label beyond 20 bits");
        store_be(out.data() + 3 * i, (std::uint64_t(mpls[i]) << 4) | (i + 1 == mpls.size() ? 1 : 0), 3);
      }
    }
  } else if (vni) {
    if (vni > 0xffffff) return json_error(p["vni"].str(), "VNI beyond 24 bits");
    store_be(out.data(), vni, 3);
  }
  return {};
}

status ip_from_json(const json& in, const char* key, ip_addr& a, std::uint8_t& len, const path& p) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return json_error(p.str(), fmt::format("needs '{}'", key));
  WIREKIT_TRY(json_glue::from_json_value(*it, a, p[key]));
  len = a.is_v4() ? 32 : 128;  // os-ken recomputes it
  return {};
}

template <class T>
status common_from_json(const json& in, T& x, const path& p) {
  auto it = in.find("route_dist");
  if (it == in.end() || !it->is_string()) return json_error(p.str(), "needs 'route_dist' (\"admin:assigned\")");
  auto r = rd_from_text(it->get_ref<const std::string&>());
  if (!r) return json_glue::type_error(p["route_dist"], "a route distinguisher \"admin:assigned\"", *it);
  x.rd = *r;
  if constexpr (!std::is_same_v<T, evpn_inclusive_multicast>) {
    if (auto e = in.find("esi"); e != in.end() && !e->is_null()) WIREKIT_TRY(esi_from_json(*e, x.esi, p["esi"]));
  }
  if constexpr (!std::is_same_v<T, evpn_eth_segment>) WIREKIT_TRY(opt(in, "ethernet_tag_id", x.ethernet_tag_id, p));
  return {};
}

}  // namespace

status from_json(const json& wrapped, evpn_nlri& v, const path& p) {
  std::string cls;
  const json* inp = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, inp, p));
  const json& in = *inp;
  const path pi = p[cls.c_str()];
  if (cls == evpn_eth_ad::name) {
    auto& x = v.route.emplace<evpn_eth_ad>();
    WIREKIT_TRY(common_from_json(in, x, pi));
    return label_from_json(in, pi, x.label);
  }
  if (cls == evpn_mac_ip_adv::name) {
    auto& x = v.route.emplace<evpn_mac_ip_adv>();
    WIREKIT_TRY(common_from_json(in, x, pi));
    WIREKIT_TRY(opt(in, "mac_addr", x.mac, pi));
    x.mac_addr_len = 48;
    if (auto it = in.find("ip_addr"); it != in.end() && !it->is_null()) {
      WIREKIT_TRY(ip_from_json(in, "ip_addr", x.ip.emplace(), x.ip_addr_len, pi));
    } else {
      x.ip.reset();
      x.ip_addr_len = 0;
    }
    return labels_from_json(in, pi, x.labels);
  }
  if (cls == evpn_inclusive_multicast::name) {
    auto& x = v.route.emplace<evpn_inclusive_multicast>();
    WIREKIT_TRY(common_from_json(in, x, pi));
    return ip_from_json(in, "ip_addr", x.ip, x.ip_addr_len, pi);
  }
  if (cls == evpn_eth_segment::name) {
    auto& x = v.route.emplace<evpn_eth_segment>();
    WIREKIT_TRY(common_from_json(in, x, pi));
    return ip_from_json(in, "ip_addr", x.ip, x.ip_addr_len, pi);
  }
  if (cls == evpn_ip_prefix::name) {
    auto& x = v.route.emplace<evpn_ip_prefix>();
    WIREKIT_TRY(common_from_json(in, x, pi));
    // os-ken's JSON has no ip_prefix (a property): when absent, the unspecified prefix /0 of
    // the gateway's family (docs/bgp.md). An "ip_prefix" ("addr/len", os-ken's argument) is used.
    std::optional<ip_addr> gw;
    WIREKIT_TRY(opt(in, "gw_ip_addr", gw, pi));
    if (auto it = in.find("ip_prefix"); it != in.end() && !it->is_null()) {
      if (!it->is_string()) return json_glue::type_error(pi["ip_prefix"], "\"addr/len\"", *it);
      const std::string& s = it->get_ref<const std::string&>();
      auto slash = s.rfind('/');
      auto a = ip_addr::parse(s.substr(0, slash == std::string::npos ? s.size() : slash));
      std::uint64_t len = 0;
      if (!a || slash == std::string::npos || !parse_uint(s.substr(slash + 1), len) || len > 255)
        return json_glue::type_error(pi["ip_prefix"], "\"addr/len\"", *it);
      x.ip_prefix = *a;
      x.ip_prefix_len = std::uint8_t(len);
    } else {
      x.ip_prefix = gw ? *gw : ip_addr{};
      x.ip_prefix.v = x.ip_prefix.is_v4() ? decltype(x.ip_prefix.v)(ipv4_addr{}) : decltype(x.ip_prefix.v)(ipv6_addr{});
      x.ip_prefix_len = 0;
    }
    if (gw)
      x.gw_ip_addr = *gw;
    else
      x.gw_ip_addr.v = x.ip_prefix.is_v4() ? decltype(x.gw_ip_addr.v)(ipv4_addr{}) : decltype(x.gw_ip_addr.v)(ipv6_addr{});
    return label_from_json(in, pi, x.label);
  }
  if (cls == evpn_unknown::name) {
    auto& x = v.route.emplace<evpn_unknown>();
    WIREKIT_TRY(opt(in, "type", x.type, pi));
    WIREKIT_TRY(opt(in, "value", x.value, pi));
    if (x.value.size() > 255) return json_error(pi["value"].str(), "EVPN NLRI longer than 255 bytes");
    return {};
  }
  return json_error(p.str(), "unknown EVPN NLRI class '" + cls + "'");
}

}  // namespace wirekit::bgp
