// FlowSpec NLRI (RFC 8955, RFC 8956 as os-ken writes IPv6 prefixes, FlowSpec L2VPN draft) in
// os-ken's model (_FlowSpecNLRIBase, _FlowSpecComponentBase and subclasses).
#include <algorithm>
#include <cstring>

#include "families_detail.hpp"

namespace wirekit::bgp {

using namespace fam;

namespace {

enum class ckind : std::uint8_t { prefix4, prefix6, mac, op, unknown };

struct cdesc {
  std::uint16_t afi;
  std::uint8_t type;
  ckind kind;
  const char* name;
};
constexpr cdesc classes[] = {
    {1, 1, ckind::prefix4, "FlowSpecDestPrefix"},      {1, 2, ckind::prefix4, "FlowSpecSrcPrefix"},
    {1, 3, ckind::op, "FlowSpecIPProtocol"},           {1, 4, ckind::op, "FlowSpecPort"},
    {1, 5, ckind::op, "FlowSpecDestPort"},             {1, 6, ckind::op, "FlowSpecSrcPort"},
    {1, 7, ckind::op, "FlowSpecIcmpType"},             {1, 8, ckind::op, "FlowSpecIcmpCode"},
    {1, 9, ckind::op, "FlowSpecTCPFlags"},             {1, 10, ckind::op, "FlowSpecPacketLen"},
    {1, 11, ckind::op, "FlowSpecDSCP"},                {1, 12, ckind::op, "FlowSpecFragment"},
    {2, 1, ckind::prefix6, "FlowSpecIPv6DestPrefix"},  {2, 2, ckind::prefix6, "FlowSpecIPv6SrcPrefix"},
    {2, 3, ckind::op, "FlowSpecNextHeader"},           {2, 4, ckind::op, "FlowSpecPort"},
    {2, 5, ckind::op, "FlowSpecDestPort"},             {2, 6, ckind::op, "FlowSpecSrcPort"},
    {2, 7, ckind::op, "FlowSpecIcmpType"},             {2, 8, ckind::op, "FlowSpecIcmpCode"},
    {2, 9, ckind::op, "FlowSpecTCPFlags"},             {2, 10, ckind::op, "FlowSpecPacketLen"},
    {2, 11, ckind::op, "FlowSpecDSCP"},                {2, 12, ckind::op, "FlowSpecIPv6Fragment"},
    {2, 13, ckind::op, "FlowSpecIPv6FlowLabel"},       {25, 14, ckind::op, "FlowSpecEtherType"},
    {25, 15, ckind::mac, "FlowSpecSourceMac"},         {25, 16, ckind::mac, "FlowSpecDestinationMac"},
    {25, 17, ckind::op, "FlowSpecLLCDSAP"},            {25, 18, ckind::op, "FlowSpecLLCSSAP"},
    {25, 19, ckind::op, "FlowSpecLLCControl"},         {25, 20, ckind::op, "FlowSpecSNAP"},
    {25, 21, ckind::op, "FlowSpecVLANID"},             {25, 22, ckind::op, "FlowSpecVLANCoS"},
    {25, 23, ckind::op, "FlowSpecInnerVLANID"},        {25, 24, ckind::op, "FlowSpecInnerVLANCoS"},
};
constexpr const char* unknown_class = "FlowSpecComponentUnknown";

const cdesc* lookup(std::uint16_t afi, std::uint8_t type) {
  for (const auto& c : classes)
    if (c.afi == afi && c.type == type) return &c;
  return nullptr;
}
// By class name: the entry of the family's AFI first (FlowSpecPort exists for AFI 1 and 2).
const cdesc* lookup(std::uint16_t afi, const std::string& name) {
  const cdesc* any = nullptr;
  for (const auto& c : classes) {
    if (name != c.name) continue;
    if (c.afi == afi) return &c;
    if (!any) any = &c;
  }
  return any;
}

const char* nlri_class(family f) {
  if (f.safi == safi::flowspec) return f.afi == afi::ipv6 ? "FlowSpecIPv6NLRI" : "FlowSpecIPv4NLRI";
  if (f.afi == afi::l2vpn) return "FlowSpecL2VPNNLRI";
  return f.afi == afi::ipv6 ? "FlowSpecVPNv6NLRI" : "FlowSpecVPNv4NLRI";
}

unsigned width_code(std::uint64_t v) {
  if (v <= 0xff) return 0;
  if (v <= 0xffff) return 1;
  if (v <= 0xffffffffu) return 2;
  return 3;
}

template <std::size_t N>
void mask(std::array<std::uint8_t, N>& b, unsigned len) {
  for (std::size_t i = 0; i < N; ++i) {
    const unsigned bit = unsigned(i) * 8;
    if (bit >= len)
      b[i] = 0;
    else if (len - bit < 8)
      b[i] &= std::uint8_t(0xff00 >> (len - bit));
  }
}

// RFC 8956 patterns: `nbits` bits of `pat` (from its first bit) placed at address bit `offset`
// on, and back; bits that would land beyond bit 127 (padding only) are dropped.
void put_bits(ipv6_addr& a, unsigned offset, const std::array<std::uint8_t, 16>& pat, std::size_t nbits) {
  for (std::size_t i = 0; i < nbits && offset + i < 128; ++i)
    if ((pat[i / 8] >> (7 - i % 8)) & 1) a.b[(offset + i) / 8] |= std::uint8_t(0x80 >> ((offset + i) % 8));
}
std::array<std::uint8_t, 16> get_bits(const ipv6_addr& a, unsigned offset, std::size_t nbits) {
  std::array<std::uint8_t, 16> pat{};
  for (std::size_t i = 0; i < nbits && offset + i < 128; ++i)
    if ((a.b[(offset + i) / 8] >> (7 - (offset + i) % 8)) & 1) pat[i / 8] |= std::uint8_t(0x80 >> (i % 8));
  return pat;
}

status decode_rules(reader& b, std::uint16_t afi, bool rfc8956, std::vector<flowspec_component>& rules) {
  while (!b.empty()) {
    const std::size_t tat = b.offset();
    const std::uint8_t type = b.u8();
    if (b.empty()) return make_error(proto, "nlri.flowspec.component", tat, fmt::format("component type {} without a value", type));
    const cdesc* d = lookup(afi, type);
    if (!d) {
      auto s = b.take(b.remaining());
      rules.emplace_back(flowspec_unknown{type, bytes(s.begin(), s.end())});
      return {};
    }
    while (!b.empty()) {
      switch (d->kind) {
        case ckind::prefix4: {
          flowspec_prefix x;
          x.type = type;
          const std::size_t at = b.offset();
          x.length = b.u8();
          if (x.length > 32)
            return make_error(proto, "nlri.flowspec.prefix_length", at, fmt::format("IPv4 prefix length {} > 32", x.length));
          const std::size_t nb = (x.length + 7u) / 8u;
          WIREKIT_TRY(need(b, nb, "nlri.flowspec.prefix"));
          b.copy(x.addr.b.data(), nb);
          rules.emplace_back(x);
          break;
        }
        case ckind::prefix6: {
          flowspec_ipv6_prefix x;
          x.type = type;
          WIREKIT_TRY(need(b, 2, "nlri.flowspec.prefix_length"));
          const std::size_t at = b.offset();
          x.length = b.u8();
          x.offset = b.u8();
          if (x.length > 128)
            return make_error(proto, "nlri.flowspec.prefix_length", at, fmt::format("IPv6 prefix length {} > 128", x.length));
          if (rfc8956 && x.offset != 0) {
            // RFC 8956 §3.1: the pattern holds bits offset..length-1, padded to an octet.
            if (x.offset >= x.length)
              return make_error(proto, "nlri.flowspec.prefix_offset", at + 1,
                                fmt::format("IPv6 prefix offset {} not below its length {} (RFC 8956 §3.1)", x.offset, x.length));
            const std::size_t nb = (x.length - x.offset + 7u) / 8u;
            WIREKIT_TRY(need(b, nb, "nlri.flowspec.prefix"));
            std::array<std::uint8_t, 16> pat{};
            b.copy(pat.data(), nb);
            put_bits(x.addr, x.offset, pat, nb * 8);
            x.rfc8956 = true;
          } else {
            const std::size_t nb = (x.length + 7u) / 8u;
            WIREKIT_TRY(need(b, nb, "nlri.flowspec.prefix"));
            b.copy(x.addr.b.data(), nb);
          }
          rules.emplace_back(x);
          break;
        }
        case ckind::mac: {
          flowspec_mac x;
          x.type = type;
          WIREKIT_TRY(need(b, 7, "nlri.flowspec.mac"));
          x.length = b.u8();
          b.copy(x.addr.b.data(), 6);
          rules.emplace_back(x);
          break;
        }
        case ckind::op: {
          flowspec_operator x;
          x.type = type;
          x.op = b.u8();
          const std::size_t w = std::size_t(1) << ((x.op >> 4) & 3);
          WIREKIT_TRY(need(b, w, "nlri.flowspec.value"));
          x.value = b.uint(w);
          rules.emplace_back(x);
          if (!(x.op & flowspec_operator::end_of_list)) continue;  // the component goes on
          break;
        }
        case ckind::unknown: break;
      }
      break;
    }
  }
  return {};
}

// The rules' bytes: a type octet starts each component; an operator run followed by another
// type gets its end-of-list bit (a decoded run that ends the NLRI without one is kept so).
status encode_rules(writer& w, bool rfc8956, const std::vector<flowspec_component>& rules) {
  bool open = false;
  std::uint8_t prev = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const flowspec_component& c = rules[i];
    const std::uint8_t t = component_type(c);
    if (!(open && t == prev)) w.u8(t);
    open = false;
    prev = t;
    WIREKIT_TRY(std::visit(
        [&](const auto& x) -> status {
          using T = std::remove_cvref_t<decltype(x)>;
          if constexpr (std::is_same_v<T, flowspec_prefix>) {
            if (x.length > 32) return make_error(proto, "nlri.flowspec.prefix_length", w.size(), "IPv4 prefix length > 32");
            w.u8(x.length);
            w.put(x.addr.b.data(), (x.length + 7u) / 8u);
          } else if constexpr (std::is_same_v<T, flowspec_ipv6_prefix>) {
            if (x.length > 128) return make_error(proto, "nlri.flowspec.prefix_length", w.size(), "IPv6 prefix length > 128");
            w.u8(x.length);
            w.u8(x.offset);
            if ((x.rfc8956 || rfc8956) && x.offset != 0) {
              if (x.offset >= x.length)
                return make_error(proto, "nlri.flowspec.prefix_offset", w.size() - 1,
                                  fmt::format("IPv6 prefix offset {} not below its length {} (RFC 8956 §3.1)", x.offset, x.length));
              const std::size_t nb = (x.length - x.offset + 7u) / 8u;
              w.put(get_bits(x.addr, x.offset, nb * 8).data(), nb);
            } else {
              w.put(x.addr.b.data(), (x.length + 7u) / 8u);
            }
          } else if constexpr (std::is_same_v<T, flowspec_mac>) {
            w.u8(x.length);
            w.put(x.addr.b.data(), 6);
          } else if constexpr (std::is_same_v<T, flowspec_operator>) {
            const unsigned code = std::max<unsigned>((x.op >> 4) & 3, width_code(x.value));
            std::uint8_t op = std::uint8_t((x.op & ~flowspec_operator::len_mask) | (code << 4));
            const bool next_other = i + 1 < rules.size() && component_type(rules[i + 1]) != t;
            if (next_other) op |= flowspec_operator::end_of_list;
            w.u8(op);
            w.uint(x.value, std::size_t(1) << code);
            open = !(op & flowspec_operator::end_of_list);
          } else {
            w.put(x.buf);
          }
          return {};
        },
        c));
  }
  return {};
}

status encode_body(writer& w, family f, bool rfc8956, const flowspec_nlri& in) {
  if (f.safi == safi::vpn_flowspec) {
    if (!in.rd) return make_error(proto, "nlri.flowspec.route_dist", w.size(), "VPN FlowSpec NLRI without a route distinguisher");
    w.put(in.rd->b.data(), 8);
  } else if (in.rd) {
    return make_error(proto, "nlri.flowspec.route_dist", w.size(), "a route distinguisher in a non-VPN FlowSpec NLRI");
  }
  return encode_rules(w, rfc8956, in.rules);
}

}  // namespace

std::uint8_t component_type(const flowspec_component& c) {
  return std::visit([](const auto& x) { return x.type; }, c);
}

status decode_flowspec_nlri(reader& r, family f, const context& ctx, flowspec_nlri& out) {
  WIREKIT_TRY(need(r, 1, "nlri.flowspec.length"));
  std::size_t len = r.peek8(0), hdr = 1;
  if (len >= 0xf0) {  // RFC 8955 §4.1: 0xfnnn, 12-bit length
    WIREKIT_TRY(need(r, 2, "nlri.flowspec.length"));
    len = ((len & 0x0f) << 8) | r.peek8(1);
    hdr = 2;
  }
  if (!r.has(hdr + len)) return truncated_error(proto, "nlri.flowspec.length", r.offset(), hdr + len, r.remaining());
  r.skip(hdr);
  reader b = r.sub(len);
  out.long_length = hdr == 2 && len < 0xf0;
  out.rules.clear();
  out.rd.reset();
  out.afi = f.afi;
  if (f.safi == safi::vpn_flowspec) {
    WIREKIT_TRY(need(b, 8, "nlri.flowspec.route_dist"));
    b.copy(out.rd.emplace().b.data(), 8);
  }
  return decode_rules(b, f.afi, ctx.flowspec_ipv6 == context::flowspec_ipv6_encoding::rfc8956, out.rules);
}

status encode_flowspec_nlri(writer& w, family f, const context& ctx, const flowspec_nlri& in) {
  bytes body;
  writer bw(body);
  WIREKIT_TRY(encode_body(bw, f, ctx.flowspec_ipv6 == context::flowspec_ipv6_encoding::rfc8956, in));
  if (body.size() > 0xfff)
    return make_error(proto, "nlri.flowspec.length", w.size(), fmt::format("FlowSpec NLRI of {} bytes (max 4095)", body.size()));
  if (body.size() < 0xf0 && !in.long_length)
    w.u8(body.size());
  else
    w.u16(0xf000 | body.size());
  w.put(body);
  return {};
}

status decode_flowspec_nlri(reader& r, family f, flowspec_nlri& out) { return decode_flowspec_nlri(r, f, context{}, out); }
status encode_flowspec_nlri(writer& w, family f, const flowspec_nlri& in) { return encode_flowspec_nlri(w, f, context{}, in); }

// ---- JSON ---------------------------------------------------------------------------------------
namespace {

json component_json(const flowspec_component& c, std::uint16_t afi) {
  return std::visit(
      [&](const auto& x) -> json {
        using T = std::remove_cvref_t<decltype(x)>;
        const cdesc* d = lookup(afi, x.type);
        json in = json::object();
        in["type"] = x.type;
        if constexpr (std::is_same_v<T, flowspec_prefix>) {
          ipv4_addr a = x.addr;
          mask(a.b, x.length);
          in["addr"] = a.to_string();
          in["length"] = x.length;
        } else if constexpr (std::is_same_v<T, flowspec_ipv6_prefix>) {
          ipv6_addr a = x.addr;
          mask(a.b, x.length);
          in["addr"] = a.to_string();
          in["length"] = x.length;
          in["offset"] = x.offset;
          if (x.rfc8956) in["rfc8956"] = true;
        } else if constexpr (std::is_same_v<T, flowspec_mac>) {
          in["addr"] = base64_encode(as_bytes(x.addr.to_string()));
          in["length"] = x.length;
        } else if constexpr (std::is_same_v<T, flowspec_operator>) {
          in["operator"] = x.op;
          in["value"] = x.value;
        } else {
          in["buf"] = base64_encode(x.buf);
          return json{{unknown_class, std::move(in)}};
        }
        return json{{d ? d->name : unknown_class, std::move(in)}};
      },
      c);
}

status component_from_json(const json& wrapped, std::uint16_t afi, flowspec_component& out, const path& p) {
  std::string cls;
  const json* inp = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, inp, p));
  const json& in = *inp;
  const path pi = p[cls.c_str()];
  if (cls == unknown_class) {
    flowspec_unknown x;
    WIREKIT_TRY(opt(in, "type", x.type, pi));
    WIREKIT_TRY(opt(in, "buf", x.buf, pi));
    out = std::move(x);
    return {};
  }
  const cdesc* d = lookup(afi, cls);
  if (!d) return json_error(p.str(), "unknown FlowSpec component class '" + cls + "'");
  std::uint8_t type = d->type;
  WIREKIT_TRY(opt(in, "type", type, pi));
  switch (d->kind) {
    case ckind::prefix4: {
      flowspec_prefix x;
      x.type = type;
      WIREKIT_TRY(opt(in, "length", x.length, pi));
      WIREKIT_TRY(opt(in, "addr", x.addr, pi));
      if (x.length > 32) return json_error(pi["length"].str(), "IPv4 prefix length > 32");
      mask(x.addr.b, x.length);
      out = x;
      return {};
    }
    case ckind::prefix6: {
      flowspec_ipv6_prefix x;
      x.type = type;
      WIREKIT_TRY(opt(in, "length", x.length, pi));
      WIREKIT_TRY(opt(in, "offset", x.offset, pi));
      WIREKIT_TRY(opt(in, "addr", x.addr, pi));
      WIREKIT_TRY(opt(in, "rfc8956", x.rfc8956, pi));
      if (x.length > 128) return json_error(pi["length"].str(), "IPv6 prefix length > 128");
      mask(x.addr.b, x.length);
      out = x;
      return {};
    }
    case ckind::mac: {
      flowspec_mac x;
      x.type = type;
      WIREKIT_TRY(opt(in, "length", x.length, pi));
      bytes text;
      WIREKIT_TRY(opt(in, "addr", text, pi));  // base64 of the MAC text (os-ken)
      auto m = mac_addr::parse(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
      if (!m) return json_error(pi["addr"].str(), "not base64 of a MAC address text");
      x.addr = *m;
      out = x;
      return {};
    }
    case ckind::op: {
      flowspec_operator x;
      x.type = type;
      WIREKIT_TRY(opt(in, "operator", x.op, pi));
      WIREKIT_TRY(opt(in, "value", x.value, pi));
      out = x;
      return {};
    }
    case ckind::unknown: break;
  }
  return json_error(p.str(), "unknown FlowSpec component class '" + cls + "'");
}

std::uint16_t afi_of_class(const std::string& cls) {
  if (cls == "FlowSpecIPv6NLRI" || cls == "FlowSpecVPNv6NLRI") return afi::ipv6;
  if (cls == "FlowSpecL2VPNNLRI") return afi::l2vpn;
  return afi::ipv4;
}
bool vpn_class(const std::string& cls) {
  return cls == "FlowSpecVPNv4NLRI" || cls == "FlowSpecVPNv6NLRI" || cls == "FlowSpecL2VPNNLRI";
}

}  // namespace

void to_json(json& j, const flowspec_nlri& v) {
  // The family is not passed: it follows from the RD and the components (IPv6 prefixes, MAC and
  // L2 types), as os-ken's class would; the core calls this with the NLRI of one family.
  std::uint16_t a = afi::ipv4;
  for (const auto& c : v.rules) {
    if (std::holds_alternative<flowspec_ipv6_prefix>(c)) a = afi::ipv6;
    if (std::holds_alternative<flowspec_mac>(c) || component_type(c) >= 14) a = afi::l2vpn;
  }
  if (v.afi) a = v.afi;
  family f{a, v.rd ? safi::vpn_flowspec : safi::flowspec};
  bytes body;
  writer bw(body);
  (void)encode_body(bw, f, false, v);  // RFC 8956 components carry their own flag
  json in = json::object();
  in["length"] = body.size();
  if (v.rd) in["route_dist"] = base64_encode(as_bytes(rd_text(*v.rd)));
  json rules = json::array();
  for (const auto& c : v.rules) rules.push_back(component_json(c, a));
  in["rules"] = std::move(rules);
  j = json{{nlri_class(f), std::move(in)}};
}

status from_json(const json& wrapped, family f, flowspec_nlri& v, const path& p) {
  std::string cls;
  const json* inp = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, inp, p));
  const json& in = *inp;
  const path pi = p[cls.c_str()];
  if (cls.rfind("FlowSpec", 0) != 0 || cls.size() < 12 || cls.compare(cls.size() - 4, 4, "NLRI") != 0)
    return json_error(p.str(), "unknown FlowSpec NLRI class '" + cls + "'");
  v = flowspec_nlri{};
  v.afi = f.afi;
  if (f.safi == safi::vpn_flowspec || vpn_class(cls)) {
    auto it = in.find("route_dist");
    if (it == in.end() || it->is_null()) return json_error(pi.str(), "needs 'route_dist'");
    bytes text;
    WIREKIT_TRY(json_glue::from_json_value(*it, text, pi["route_dist"]));  // base64 of the RD text
    auto rd = rd_from_text(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
    if (!rd) return json_error(pi["route_dist"].str(), "not base64 of a route distinguisher text \"admin:assigned\"");
    v.rd = *rd;
  }
  (void)afi_of_class;
  auto it = in.find("rules");
  if (it != in.end() && !it->is_null()) {
    if (!it->is_array()) return json_glue::type_error(pi["rules"], "a list of components", *it);
    const path pr = pi["rules"];
    for (std::size_t i = 0; i < it->size(); ++i)
      WIREKIT_TRY(component_from_json((*it)[i], f.afi, v.rules.emplace_back(), pr[long(i)]));
  }
  // os-ken's serialize: rules sorted by type (stably), end-of-list on the last of each type.
  std::stable_sort(v.rules.begin(), v.rules.end(),
                   [](const auto& a, const auto& b) { return component_type(a) < component_type(b); });
  for (std::size_t i = 0; i < v.rules.size(); ++i) {
    const bool last = i + 1 == v.rules.size() || component_type(v.rules[i + 1]) != component_type(v.rules[i]);
    if (auto* o = std::get_if<flowspec_operator>(&v.rules[i]); o && last) o->op |= flowspec_operator::end_of_list;
  }
  return {};
}

}  // namespace wirekit::bgp
