// NLRI and route distinguishers on the wire (include/wirekit/bgp/nlri.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "detail.hpp"

namespace wirekit::bgp {

using detail::proto;

// ---- route distinguishers ------------------------------------------------------------------

status decode_rd(reader& r, route_distinguisher& out) {
  if (!r.has(8)) return truncated_error(proto, "route_dist", r.offset(), 8, r.remaining());
  std::uint16_t t = load_be16(r.data());
  switch (t) {
    case 0: return wire::decode_fields(out.emplace<rd_two_octet_as>(), r, proto);
    case 1: return wire::decode_fields(out.emplace<rd_ipv4_address>(), r, proto);
    case 2: return wire::decode_fields(out.emplace<rd_four_octet_as>(), r, proto);
    default: return wire::decode_fields(out.emplace<rd_unknown>(), r, proto);
  }
}

status encode_rd(writer& w, const route_distinguisher& rd) {
  return std::visit([&](const auto& x) { return wire::encode_fields(x, w, proto); }, rd);
}

std::string to_string(const route_distinguisher& rd) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, rd_ipv4_address>)
          return fmt::format("{}:{}", x.admin.to_string(), x.assigned);
        else if constexpr (std::is_same_v<T, rd_unknown>)
          return fmt::format("{}:{}", x.type, to_hex(x.value));
        else
          return fmt::format("{}:{}", x.admin, x.assigned);
      },
      rd);
}

// ---- families ------------------------------------------------------------------------------

nlri_kind kind_of(family f) {
  if (f.afi == afi::ipv4 || f.afi == afi::ipv6) {
    switch (f.safi) {
      case safi::unicast:
      case safi::multicast:
      case safi::mpls_label:
      case safi::mpls_vpn: return nlri_kind::prefix;
      case safi::flowspec:
      case safi::vpn_flowspec: return nlri_kind::flowspec;
      case safi::rtc: return f.afi == afi::ipv4 ? nlri_kind::rt_membership : nlri_kind::unknown;
      default: return nlri_kind::unknown;
    }
  }
  if (f.afi == afi::l2vpn) {
    if (f.safi == safi::evpn) return nlri_kind::evpn;
    if (f.safi == safi::vpn_flowspec) return nlri_kind::flowspec;
  }
  return nlri_kind::unknown;
}

nlri_list empty_nlri(family f) {
  switch (kind_of(f)) {
    case nlri_kind::prefix: return std::vector<prefix_nlri>{};
    case nlri_kind::rt_membership: return std::vector<rt_membership_nlri>{};
    case nlri_kind::evpn: return std::vector<evpn_route>{};
    case nlri_kind::flowspec: return std::vector<flowspec_route>{};
    case nlri_kind::unknown: break;
  }
  return unknown_nlri{};
}

std::size_t nlri_count(const nlri_list& l) {
  return std::visit(
      [](const auto& x) -> std::size_t {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, unknown_nlri>)
          return x.value.empty() ? 0 : 1;
        else
          return x.size();
      },
      l);
}

// ---- prefixes ------------------------------------------------------------------------------

namespace {

bool is_v6(family f) { return f.afi == afi::ipv6; }
std::size_t addr_bytes(family f) { return is_v6(f) ? 16 : 4; }
bool labelled(family f) { return f.safi == safi::mpls_label || f.safi == safi::mpls_vpn; }
bool vpn(family f) { return f.safi == safi::mpls_vpn; }
bool withdraw_label(std::uint32_t raw) { return raw == 0x800000 || raw == 0; }

void set_addr(ip_addr& a, family f, const std::byte* p, std::size_t n) {
  if (is_v6(f)) {
    ipv6_addr v{};
    std::memcpy(v.b.data(), p, n);
    a.v = v;
  } else {
    ipv4_addr v{};
    std::memcpy(v.b.data(), p, n);
    a.v = v;
  }
}

const std::uint8_t* addr_data(const ip_addr& a) {
  return a.is_v4() ? std::get<ipv4_addr>(a.v).b.data() : std::get<ipv6_addr>(a.v).b.data();
}

status read_path_id(reader& r, family f, const context& ctx, std::optional<std::uint32_t>& path_id) {
  if (!ctx.has_add_path(f)) {
    path_id.reset();
    return {};
  }
  if (!r.has(4)) return truncated_error(proto, "nlri.path_id", r.offset(), 4, r.remaining());
  path_id = r.u32();
  return {};
}

status write_path_id(writer& w, family f, const context& ctx, const std::optional<std::uint32_t>& path_id) {
  if (ctx.has_add_path(f)) {
    w.u32(path_id.value_or(0));
    return {};
  }
  if (path_id)
    return make_error(proto, "nlri.path_id", w.size(),
                      fmt::format("a path_id is given but the context has no ADD-PATH for AFI {} SAFI {}", f.afi,
                                  f.safi));
  return {};
}

// One prefix of a prefix family, the way os-ken's _AddrPrefix.parser reads it.
status decode_one_prefix(reader& r, family f, const context& ctx, prefix_nlri& p) {
  WIREKIT_TRY(read_path_id(r, f, ctx, p.path_id));
  if (!r.has(1)) return truncated_error(proto, "nlri.length", r.offset(), 1, r.remaining());
  const std::size_t len_off = r.offset();
  p.length = r.u8();
  const std::size_t n = (p.length + 7u) / 8u;
  if (!r.has(n))
    return make_error(proto, "nlri.length", len_off,
                      fmt::format("prefix length {} needs {} bytes, {} left", p.length, n, r.remaining()));
  const std::byte* b = r.data();
  r.skip(n);
  p.labels.clear();
  p.rd.reset();
  std::size_t pos = 0;
  if (labelled(f)) {
    // os-ken: labels up to bottom-of-stack or a withdraw label; if the stack runs past the
    // bytes, or leaves none for the prefix, the whole field is the prefix (no labels).
    std::size_t count = 0, q = 0;
    bool no_label = false;
    for (;;) {
      if (q + 3 > n) {
        no_label = true;
        break;
      }
      std::uint32_t raw = static_cast<std::uint32_t>(load_be(b + q, 3));
      q += 3;
      ++count;
      if ((raw & 1) || withdraw_label(raw)) break;
    }
    if (!no_label && !(n > 3 * count)) no_label = true;
    if (!no_label) {
      for (std::size_t i = 0; i < count; ++i) p.labels.push_back(static_cast<std::uint32_t>(load_be(b + 3 * i, 3)));
      pos = 3 * count;
    }
    if (vpn(f)) {
      if (n - pos < 8)
        return make_error(proto, "nlri.route_dist", len_off + 1 + pos,
                          fmt::format("a VPN prefix of length {} has no room for its route distinguisher", p.length));
      reader rr(bytes_view(b + pos, 8), len_off + 1 + pos);
      p.rd.emplace();
      WIREKIT_TRY(decode_rd(rr, *p.rd));
      pos += 8;
    }
  }
  if (n - pos > addr_bytes(f))
    return make_error(proto, "nlri.length", len_off,
                      fmt::format("prefix length {} is longer than an {} prefix can be", p.length,
                                  is_v6(f) ? "IPv6" : "IPv4"));
  set_addr(p.addr, f, b + pos, n - pos);
  return {};
}

status encode_one_prefix(writer& w, family f, const context& ctx, const prefix_nlri& p) {
  WIREKIT_TRY(write_path_id(w, f, ctx, p.path_id));
  if (p.addr.is_v6() != is_v6(f))
    return make_error(proto, "nlri.addr", w.size(),
                      fmt::format("an {} address in an AFI {} NLRI", p.addr.is_v6() ? "IPv6" : "IPv4", f.afi));
  std::byte bin[3 * 16 + 8 + 16];
  std::size_t n = 0;
  if (labelled(f)) {
    if (p.labels.size() > 16) return make_error(proto, "nlri.addr", w.size(), "more than 16 labels");
    for (std::uint32_t l : p.labels) {
      if (l > 0xffffff) return make_error(proto, "nlri.labels", w.size(), fmt::format("label field {:#x} is more than 24 bits", l));
      store_be(bin + n, l, 3);
      n += 3;
    }
    if (vpn(f)) {
      bytes rd;
      writer rw(rd);
      if (p.rd)
        WIREKIT_TRY(encode_rd(rw, *p.rd));
      else
        rw.zeros(8);
      if (rd.size() != 8) return make_error(proto, "nlri.route_dist", w.size(), "a route distinguisher is 8 bytes");
      std::memcpy(bin + n, rd.data(), 8);
      n += 8;
    }
  } else if (!p.labels.empty() || p.rd) {
    return make_error(proto, "nlri.addr", w.size(),
                      fmt::format("labels or a route distinguisher in AFI {} SAFI {}", f.afi, f.safi));
  }
  std::memcpy(bin + n, addr_data(p.addr), addr_bytes(f));
  n += addr_bytes(f);
  const std::size_t nb = (p.length + 7u) / 8u;
  if (nb > n)
    return make_error(proto, "nlri.length", w.size(),
                      fmt::format("length {} is longer than the {} bits of labels, RD and address", p.length, n * 8));
  w.u8(p.length);
  if (p.length % 8 && nb) bin[nb - 1] &= std::byte(0xff00 >> (p.length % 8));
  w.put(bin, nb);
  return {};
}

status decode_one_rtc(reader& r, family f, const context& ctx, rt_membership_nlri& n) {
  WIREKIT_TRY(read_path_id(r, f, ctx, n.path_id));
  if (!r.has(1)) return truncated_error(proto, "nlri.length", r.offset(), 1, r.remaining());
  const std::size_t len_off = r.offset();
  n.length = r.u8();
  if (n.length != 0 && (n.length < 32 || n.length > 96))
    return make_error(proto, "nlri.length", len_off,
                      fmt::format("a route target membership NLRI is 0 or 32-96 bits, not {}", n.length));
  const std::size_t nb = (n.length + 7u) / 8u;
  if (!r.has(nb)) return truncated_error(proto, "nlri", r.offset(), nb, r.remaining());
  std::byte buf[12] = {};
  r.copy(buf, nb);
  n.origin_as = load_be32(buf);
  reader rr(bytes_view(buf + 4, 8), len_off + 5);
  return decode_ext_community(rr, n.route_target);
}

status encode_one_rtc(writer& w, family f, const context& ctx, const rt_membership_nlri& n) {
  WIREKIT_TRY(write_path_id(w, f, ctx, n.path_id));
  if (n.length != 0 && (n.length < 32 || n.length > 96))
    return make_error(proto, "nlri.length", w.size(),
                      fmt::format("a route target membership NLRI is 0 or 32-96 bits, not {}", n.length));
  bytes buf;
  writer bw(buf);
  bw.u32(n.origin_as);
  WIREKIT_TRY(encode_ext_community(bw, n.route_target));
  if (buf.size() != 12) return make_error(proto, "nlri.route_target", w.size(), "an extended community is 8 bytes");
  const std::size_t nb = (n.length + 7u) / 8u;
  if (n.length % 8) buf[nb - 1] &= std::byte(0xff00 >> (n.length % 8));
  w.u8(n.length);
  w.put(buf.data(), nb);
  return {};
}

template <class V, class F>
status decode_each(reader& r, std::vector<V>& out, F&& one) {
  std::size_t k = 0;
  while (!r.empty()) {
    if (k == out.size()) out.emplace_back();
    WIREKIT_TRY(one(out[k]));
    ++k;
  }
  out.resize(k);
  return {};
}

}  // namespace

status decode_prefixes(reader& r, family f, const context& ctx, std::vector<prefix_nlri>& out) {
  return decode_each(r, out, [&](prefix_nlri& p) { return decode_one_prefix(r, f, ctx, p); });
}

status encode_prefixes(writer& w, family f, const context& ctx, const std::vector<prefix_nlri>& in) {
  for (const auto& p : in) WIREKIT_TRY(encode_one_prefix(w, f, ctx, p));
  return {};
}

status decode_nlri(reader& r, family f, const context& ctx, nlri_list& out) {
  switch (kind_of(f)) {
    case nlri_kind::prefix: {
      auto* v = std::get_if<std::vector<prefix_nlri>>(&out);
      if (!v) v = &out.emplace<std::vector<prefix_nlri>>();
      return decode_prefixes(r, f, ctx, *v);
    }
    case nlri_kind::rt_membership: {
      auto* v = std::get_if<std::vector<rt_membership_nlri>>(&out);
      if (!v) v = &out.emplace<std::vector<rt_membership_nlri>>();
      return decode_each(r, *v, [&](rt_membership_nlri& n) { return decode_one_rtc(r, f, ctx, n); });
    }
    case nlri_kind::evpn: {
      auto* v = std::get_if<std::vector<evpn_route>>(&out);
      if (!v) v = &out.emplace<std::vector<evpn_route>>();
      return decode_each(r, *v, [&](evpn_route& e) -> status {
        WIREKIT_TRY(read_path_id(r, f, ctx, e.path_id));
        return decode_evpn_nlri(r, e.nlri);
      });
    }
    case nlri_kind::flowspec: {
      auto* v = std::get_if<std::vector<flowspec_route>>(&out);
      if (!v) v = &out.emplace<std::vector<flowspec_route>>();
      return decode_each(r, *v, [&](flowspec_route& e) -> status {
        WIREKIT_TRY(read_path_id(r, f, ctx, e.path_id));
        return decode_flowspec_nlri(r, f, ctx, e.nlri);
      });
    }
    case nlri_kind::unknown: break;
  }
  auto s = r.take(r.remaining());
  out.emplace<unknown_nlri>().value.assign(s.begin(), s.end());
  return {};
}

status encode_nlri(writer& w, family f, const context& ctx, const nlri_list& in) {
  const nlri_kind k = kind_of(f);
  if (in.index() != static_cast<std::size_t>(k) && !(std::holds_alternative<unknown_nlri>(in)))
    return make_error(proto, "nlri", w.size(),
                      fmt::format("the NLRI list does not match AFI {} SAFI {}", f.afi, f.safi));
  return std::visit(
      [&](const auto& v) -> status {
        using T = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<T, unknown_nlri>) {
          w.put(v.value);
        } else if constexpr (std::is_same_v<T, std::vector<prefix_nlri>>) {
          return encode_prefixes(w, f, ctx, v);
        } else if constexpr (std::is_same_v<T, std::vector<rt_membership_nlri>>) {
          for (const auto& n : v) WIREKIT_TRY(encode_one_rtc(w, f, ctx, n));
        } else if constexpr (std::is_same_v<T, std::vector<evpn_route>>) {
          for (const auto& e : v) {
            WIREKIT_TRY(write_path_id(w, f, ctx, e.path_id));
            WIREKIT_TRY(encode_evpn_nlri(w, e.nlri));
          }
        } else {
          for (const auto& e : v) {
            WIREKIT_TRY(write_path_id(w, f, ctx, e.path_id));
            WIREKIT_TRY(encode_flowspec_nlri(w, f, ctx, e.nlri));
          }
        }
        return {};
      },
      in);
}

// ---- prefix_nlri helpers -------------------------------------------------------------------

std::uint8_t prefix_nlri::prefix_length() const {
  int bits = length - 24 * static_cast<int>(labels.size()) - (rd ? 64 : 0);
  return static_cast<std::uint8_t>(std::max(bits, 0));
}

std::vector<std::uint32_t> prefix_nlri::label_values() const {
  std::vector<std::uint32_t> v;
  v.reserve(labels.size());
  for (auto l : labels) v.push_back(l >> 4);
  return v;
}

void prefix_nlri::set_label_values(const std::vector<std::uint32_t>& values) {
  labels.clear();
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t raw = (values[i] & 0xfffff) << 4;
    if (i + 1 == values.size() && !withdraw_label(raw)) raw |= 1;
    labels.push_back(raw);
  }
}

ip_prefix prefix_nlri::prefix() const {
  ip_prefix p;
  p.addr = addr;
  p.length = prefix_length();
  auto mask = [&](auto& a) {
    const std::size_t bits = a.b.size() * 8;
    for (std::size_t i = 0; i < a.b.size(); ++i) {
      std::size_t lo = i * 8;
      if (lo >= p.length)
        a.b[i] = 0;
      else if (lo + 8 > p.length)
        a.b[i] &= static_cast<std::uint8_t>(0xff00 >> (p.length - lo));
    }
    if (p.length > bits) p.length = static_cast<std::uint8_t>(bits);
  };
  std::visit(mask, p.addr.v);
  return p;
}

prefix_nlri prefix_nlri::make(const ip_prefix& p) {
  prefix_nlri n;
  n.addr = p.addr;
  n.length = p.length;
  return n;
}

}  // namespace wirekit::bgp
