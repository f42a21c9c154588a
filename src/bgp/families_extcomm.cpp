// BGP extended communities (RFC 4360, 7153, 7432 §7, 8955 §7, 9012, FlowSpec L2VPN draft) in
// os-ken's model (_ExtendedCommunity and subclasses), and PMSI tunnel identifiers (RFC 6514 §5,
// os-ken's _PmsiTunnelId).
#include <bit>
#include <cmath>
#include <limits>
#include <cstring>

#include "families_detail.hpp"

namespace wirekit::bgp {

using namespace fam;

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

float ec_traffic_rate::rate_info() const { return std::bit_cast<float>(rate_bits); }
void ec_traffic_rate::set_rate_info(float v) { rate_bits = std::bit_cast<std::uint32_t>(v); }

std::uint8_t ext_community::type() const {
  return std::visit([](const auto& x) { return x.type; }, value);
}

ext_community ext_community::from_bytes(const std::array<std::uint8_t, 8>& b) {
  ext_community out;
  const std::uint8_t type = b[0], sub = b[1], tl = type & 0xbf;
  const std::uint8_t* v = b.data() + 2;  // after type and subtype
  auto set = [&](auto x) {
    x.type = type;
    if constexpr (requires { x.subtype; }) x.subtype = sub;
    return x;
  };
  if (tl == 3 && sub == 0x0c) {
    auto x = set(ec_encapsulation{});
    x.reserved = std::uint32_t(be(v, 4));
    x.tunnel_type = std::uint16_t(be(v + 4, 2));
    out.value = x;
  } else if (tl == 6 && sub == 0) {
    auto x = set(ec_mac_mobility{});
    x.flags = v[0];
    x.reserved = v[1];
    x.sequence_number = std::uint32_t(be(v + 2, 4));
    out.value = x;
  } else if (tl == 6 && sub == 1) {
    auto x = set(ec_esi_label{});
    x.flags = v[0];
    x.reserved = std::uint16_t(be(v + 1, 2));
    x.label = std::uint32_t(be(v + 3, 3));
    out.value = x;
  } else if (tl == 6 && sub == 2) {
    auto x = set(ec_es_import_rt{});
    std::memcpy(x.es_import.b.data(), v, 6);
    out.value = x;
  } else if (tl == 0x80 && sub == 6) {
    auto x = set(ec_traffic_rate{});
    x.as_number = std::uint16_t(be(v, 2));
    x.rate_bits = std::uint32_t(be(v + 2, 4));
    out.value = x;
  } else if (tl == 0x80 && sub == 7) {
    auto x = set(ec_traffic_action{});
    x.reserved = be(v, 5);
    x.action = v[5];
    out.value = x;
  } else if (tl == 0x80 && sub == 8) {
    auto x = set(ec_redirect{});
    x.as_number = std::uint16_t(be(v, 2));
    x.local_administrator = std::uint32_t(be(v + 2, 4));
    out.value = x;
  } else if (tl == 0x80 && sub == 9) {
    auto x = set(ec_traffic_marking{});
    x.reserved = be(v, 5);
    x.dscp = v[5];
    out.value = x;
  } else if (tl == 8 && sub == 0x0a) {
    auto x = set(ec_vlan_action{});
    x.actions_1 = v[0];
    x.actions_2 = v[1];
    const auto w1 = std::uint16_t(be(v + 2, 2)), w2 = std::uint16_t(be(v + 4, 2));
    x.vlan_1 = w1 >> 4;
    x.cos_1 = (w1 >> 1) & 7;
    x.vlan_2 = w2 >> 4;
    x.cos_2 = (w2 >> 1) & 7;
    x.reserved = std::uint8_t(((w1 & 1) << 1) | (w2 & 1));
    out.value = x;
  } else if (tl == 8 && sub == 0x0b) {
    auto x = set(ec_tpid_action{});
    x.actions = std::uint16_t(be(v, 2));
    x.tpid_1 = std::uint16_t(be(v + 2, 2));
    x.tpid_2 = std::uint16_t(be(v + 4, 2));
    out.value = x;
  } else if (tl == 0) {
    auto x = set(ec_two_octet_as{});
    x.as_number = std::uint16_t(be(v, 2));
    x.local_administrator = std::uint32_t(be(v + 2, 4));
    out.value = x;
  } else if (tl == 1) {
    auto x = set(ec_ipv4_address{});
    std::memcpy(x.ipv4_address.b.data(), v, 4);
    x.local_administrator = std::uint16_t(be(v + 4, 2));
    out.value = x;
  } else if (tl == 2) {
    auto x = set(ec_four_octet_as{});
    x.as_number = std::uint32_t(be(v, 4));
    x.local_administrator = std::uint16_t(be(v + 4, 2));
    out.value = x;
  } else if (tl == 3) {
    auto x = set(ec_opaque{});
    std::memcpy(x.opaque.data(), v, 6);
    out.value = x;
  } else {
    ec_unknown x;
    x.type = type;
    std::memcpy(x.value.data(), b.data() + 1, 7);
    out.value = x;
  }
  return out;
}

std::array<std::uint8_t, 8> ext_community::to_bytes() const {
  std::array<std::uint8_t, 8> b{};
  std::uint8_t* v = b.data() + 2;
  std::visit(
      [&](const auto& x) {
        using T = std::remove_cvref_t<decltype(x)>;
        b[0] = x.type;
        if constexpr (requires { x.subtype; }) b[1] = x.subtype;
        if constexpr (std::is_same_v<T, ec_two_octet_as> || std::is_same_v<T, ec_redirect>) {
          put_be(v, x.as_number, 2);
          put_be(v + 2, x.local_administrator, 4);
        } else if constexpr (std::is_same_v<T, ec_ipv4_address>) {
          std::memcpy(v, x.ipv4_address.b.data(), 4);
          put_be(v + 4, x.local_administrator, 2);
        } else if constexpr (std::is_same_v<T, ec_four_octet_as>) {
          put_be(v, x.as_number, 4);
          put_be(v + 4, x.local_administrator, 2);
        } else if constexpr (std::is_same_v<T, ec_opaque>) {
          std::memcpy(v, x.opaque.data(), 6);
        } else if constexpr (std::is_same_v<T, ec_encapsulation>) {
          put_be(v, x.reserved, 4);
          put_be(v + 4, x.tunnel_type, 2);
        } else if constexpr (std::is_same_v<T, ec_mac_mobility>) {
          v[0] = x.flags;
          v[1] = x.reserved;
          put_be(v + 2, x.sequence_number, 4);
        } else if constexpr (std::is_same_v<T, ec_esi_label>) {
          v[0] = x.flags;
          put_be(v + 1, x.reserved, 2);
          put_be(v + 3, x.label & 0xffffff, 3);
        } else if constexpr (std::is_same_v<T, ec_es_import_rt>) {
          std::memcpy(v, x.es_import.b.data(), 6);
        } else if constexpr (std::is_same_v<T, ec_traffic_rate>) {
          put_be(v, x.as_number, 2);
          put_be(v + 2, x.rate_bits, 4);
        } else if constexpr (std::is_same_v<T, ec_traffic_action>) {
          put_be(v, x.reserved, 5);
          v[5] = x.action;
        } else if constexpr (std::is_same_v<T, ec_traffic_marking>) {
          put_be(v, x.reserved, 5);
          v[5] = x.dscp;
        } else if constexpr (std::is_same_v<T, ec_vlan_action>) {
          v[0] = x.actions_1;
          v[1] = x.actions_2;
          put_be(v + 2, ((x.vlan_1 & 0xfffu) << 4) | ((x.cos_1 & 7u) << 1) | ((x.reserved >> 1) & 1u), 2);
          put_be(v + 4, ((x.vlan_2 & 0xfffu) << 4) | ((x.cos_2 & 7u) << 1) | (x.reserved & 1u), 2);
        } else if constexpr (std::is_same_v<T, ec_tpid_action>) {
          put_be(v, x.actions, 2);
          put_be(v + 2, x.tpid_1, 2);
          put_be(v + 4, x.tpid_2, 2);
        } else {
          std::memcpy(b.data() + 1, x.value.data(), 7);
        }
      },
      value);
  return b;
}

status decode_ext_community(reader& r, ext_community& out) {
  WIREKIT_TRY(need(r, 8, "extended_community"));
  std::array<std::uint8_t, 8> b;
  r.copy(b.data(), 8);
  out = ext_community::from_bytes(b);
  return {};
}

status encode_ext_community(writer& w, const ext_community& in) {
  // Fields wider than their wire bits (VLAN ids, COS, labels, reserved) are errors, not cut.
  if (auto* x = std::get_if<ec_vlan_action>(&in.value)) {
    if (x->vlan_1 > 0xfff || x->vlan_2 > 0xfff || x->cos_1 > 7 || x->cos_2 > 7 || x->reserved > 3)
      return make_error(proto, "extended_community.vlan", w.size(), "VLAN id beyond 12 bits or COS beyond 3 bits");
  } else if (auto* l = std::get_if<ec_esi_label>(&in.value)) {
    if (l->label > 0xffffff) return make_error(proto, "extended_community.label", w.size(), "ESI label field beyond 24 bits");
  } else if (auto* a = std::get_if<ec_traffic_action>(&in.value)) {
    if (a->reserved >> 40) return make_error(proto, "extended_community.reserved", w.size(), "reserved beyond 5 bytes");
  } else if (auto* m = std::get_if<ec_traffic_marking>(&in.value)) {
    if (m->reserved >> 40) return make_error(proto, "extended_community.reserved", w.size(), "reserved beyond 5 bytes");
  }
  auto b = in.to_bytes();
  w.put(b.data(), 8);
  return {};
}

// ---- JSON ---------------------------------------------------------------------------------------
void to_json(json& j, const ext_community& c) {
  std::visit(
      [&](const auto& x) {
        using T = std::remove_cvref_t<decltype(x)>;
        json in = json::object();
        in["type"] = x.type;
        if constexpr (requires { x.subtype; }) in["subtype"] = x.subtype;
        if constexpr (std::is_same_v<T, ec_two_octet_as> || std::is_same_v<T, ec_redirect> ||
                      std::is_same_v<T, ec_four_octet_as>) {
          in["as_number"] = x.as_number;
          in["local_administrator"] = x.local_administrator;
        } else if constexpr (std::is_same_v<T, ec_ipv4_address>) {
          in["ipv4_address"] = x.ipv4_address.to_string();
          in["local_administrator"] = x.local_administrator;
        } else if constexpr (std::is_same_v<T, ec_opaque>) {
          in["opaque"] = base64_encode(bytes_view(reinterpret_cast<const std::byte*>(x.opaque.data()), 6));
        } else if constexpr (std::is_same_v<T, ec_encapsulation>) {
          in["tunnel_type"] = x.tunnel_type;
        } else if constexpr (std::is_same_v<T, ec_mac_mobility>) {
          in["flags"] = x.flags;
          in["sequence_number"] = x.sequence_number;
        } else if constexpr (std::is_same_v<T, ec_esi_label>) {
          in["flags"] = x.flags;
        } else if constexpr (std::is_same_v<T, ec_es_import_rt>) {
          in["es_import"] = x.es_import.to_string();
        } else if constexpr (std::is_same_v<T, ec_traffic_rate>) {
          in["as_number"] = x.as_number;
          // JSON has no NaN/infinity (Python writes bare NaN / Infinity tokens): strings.
          const double r = x.rate_info();
          if (std::isnan(r))
            in["rate_info"] = "NaN";
          else if (std::isinf(r))
            in["rate_info"] = r > 0 ? "Infinity" : "-Infinity";
          else
            in["rate_info"] = r;
        } else if constexpr (std::is_same_v<T, ec_traffic_action>) {
          in["action"] = x.action;
        } else if constexpr (std::is_same_v<T, ec_traffic_marking>) {
          in["dscp"] = x.dscp;
        } else if constexpr (std::is_same_v<T, ec_vlan_action>) {
          in["actions_1"] = x.actions_1;
          in["actions_2"] = x.actions_2;
          in["vlan_1"] = x.vlan_1;
          in["vlan_2"] = x.vlan_2;
          in["cos_1"] = x.cos_1;
          in["cos_2"] = x.cos_2;
        } else if constexpr (std::is_same_v<T, ec_tpid_action>) {
          in["actions"] = x.actions;
          in["tpid_1"] = x.tpid_1;
          in["tpid_2"] = x.tpid_2;
        } else {
          in["value"] = base64_encode(bytes_view(reinterpret_cast<const std::byte*>(x.value.data()), 7));
        }
        j = json{{T::name, std::move(in)}};
      },
      c.value);
}

namespace {

template <std::size_t N>
status fixed_bytes(const json& in, const char* key, std::array<std::uint8_t, N>& out, const path& p) {
  bytes b;
  WIREKIT_TRY(opt(in, key, b, p));
  out.fill(0);  // struct.pack 'Ns': shorter is padded with zeros, longer cut
  if (!b.empty()) std::memcpy(out.data(), b.data(), std::min(N, b.size()));
  return {};
}

template <class T>
status ec_from_json(const json& in, T& x, const path& p) {
  WIREKIT_TRY(opt(in, "type", x.type, p));
  // os-ken forces the subtype of the FlowSpec action classes; the others take the JSON's.
  constexpr bool forced = std::is_same_v<T, ec_traffic_rate> || std::is_same_v<T, ec_traffic_action> ||
                          std::is_same_v<T, ec_redirect> || std::is_same_v<T, ec_traffic_marking> ||
                          std::is_same_v<T, ec_vlan_action> || std::is_same_v<T, ec_tpid_action>;
  if constexpr (requires { x.subtype; })
    if constexpr (!forced) WIREKIT_TRY(opt(in, "subtype", x.subtype, p));
  if constexpr (std::is_same_v<T, ec_two_octet_as> || std::is_same_v<T, ec_redirect> ||
                std::is_same_v<T, ec_four_octet_as>) {
    WIREKIT_TRY(opt(in, "as_number", x.as_number, p));
    WIREKIT_TRY(opt(in, "local_administrator", x.local_administrator, p));
  } else if constexpr (std::is_same_v<T, ec_ipv4_address>) {
    WIREKIT_TRY(opt(in, "ipv4_address", x.ipv4_address, p));
    WIREKIT_TRY(opt(in, "local_administrator", x.local_administrator, p));
  } else if constexpr (std::is_same_v<T, ec_opaque>) {
    WIREKIT_TRY(fixed_bytes(in, "opaque", x.opaque, p));
  } else if constexpr (std::is_same_v<T, ec_encapsulation>) {
    WIREKIT_TRY(opt(in, "tunnel_type", x.tunnel_type, p));
  } else if constexpr (std::is_same_v<T, ec_mac_mobility>) {
    WIREKIT_TRY(opt(in, "flags", x.flags, p));
    WIREKIT_TRY(opt(in, "sequence_number", x.sequence_number, p));
  } else if constexpr (std::is_same_v<T, ec_esi_label>) {
    WIREKIT_TRY(opt(in, "flags", x.flags, p));
    // os-ken's constructor arguments: label (bytes), else mpls_label (bottom of stack), else vni.
    bytes raw;
    std::uint32_t mpls = 0, vni = 0;
    WIREKIT_TRY(opt(in, "label", raw, p));
    WIREKIT_TRY(opt(in, "mpls_label", mpls, p));
    WIREKIT_TRY(opt(in, "vni", vni, p));
    if (!raw.empty()) {
      raw.resize(3);
      x.label = std::uint32_t(load_be(raw.data(), 3));
    } else if (mpls) {
      if (mpls > 0xfffff) return json_error(p["mpls_label"].str(), "label beyond 20 bits");
      x.label = (mpls << 4) | 1;
    } else {
      x.label = vni;
    }
  } else if constexpr (std::is_same_v<T, ec_es_import_rt>) {
    WIREKIT_TRY(opt(in, "es_import", x.es_import, p));
  } else if constexpr (std::is_same_v<T, ec_traffic_rate>) {
    WIREKIT_TRY(opt(in, "as_number", x.as_number, p));
    double rate = 0;
    if (auto it = in.find("rate_info"); it != in.end() && it->is_string()) {
      const std::string& t = it->get_ref<const std::string&>();
      if (t == "NaN")
        rate = std::numeric_limits<double>::quiet_NaN();
      else if (t == "Infinity" || t == "-Infinity")
        rate = t[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      else
        return json_glue::type_error(p["rate_info"], "a number, \"NaN\", \"Infinity\" or \"-Infinity\"", *it);
    } else {
      WIREKIT_TRY(opt(in, "rate_info", rate, p));
    }
    if (std::isfinite(rate) && std::fabs(rate) > double(std::numeric_limits<float>::max()))
      return json_error(p["rate_info"].str(), "rate_info beyond the float32 range");
    x.set_rate_info(float(rate));
  } else if constexpr (std::is_same_v<T, ec_traffic_action>) {
    WIREKIT_TRY(opt(in, "action", x.action, p));
  } else if constexpr (std::is_same_v<T, ec_traffic_marking>) {
    WIREKIT_TRY(opt(in, "dscp", x.dscp, p));
  } else if constexpr (std::is_same_v<T, ec_vlan_action>) {
    WIREKIT_TRY(opt(in, "actions_1", x.actions_1, p));
    WIREKIT_TRY(opt(in, "actions_2", x.actions_2, p));
    WIREKIT_TRY(opt(in, "vlan_1", x.vlan_1, p));
    WIREKIT_TRY(opt(in, "vlan_2", x.vlan_2, p));
    WIREKIT_TRY(opt(in, "cos_1", x.cos_1, p));
    WIREKIT_TRY(opt(in, "cos_2", x.cos_2, p));
  } else if constexpr (std::is_same_v<T, ec_tpid_action>) {
    WIREKIT_TRY(opt(in, "actions", x.actions, p));
    WIREKIT_TRY(opt(in, "tpid_1", x.tpid_1, p));
    WIREKIT_TRY(opt(in, "tpid_2", x.tpid_2, p));
  } else {
    WIREKIT_TRY(fixed_bytes(in, "value", x.value, p));
  }
  return {};
}

}  // namespace

status from_json(const json& wrapped, ext_community& v, const path& p) {
  std::string cls;
  const json* in = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, in, p));
  bool found = false;
  status st;
  auto try_one = [&](auto tag) {
    using T = typename decltype(tag)::type;
    if (found || cls != T::name) return;
    found = true;
    T x{};
    st = ec_from_json(*in, x, p[T::name]);
    if (st) v.value = x;
  };
  std::apply([&](auto... t) { (try_one(t), ...); },
             std::tuple<std::type_identity<ec_two_octet_as>, std::type_identity<ec_ipv4_address>,
                        std::type_identity<ec_four_octet_as>, std::type_identity<ec_opaque>,
                        std::type_identity<ec_encapsulation>, std::type_identity<ec_mac_mobility>,
                        std::type_identity<ec_esi_label>, std::type_identity<ec_es_import_rt>,
                        std::type_identity<ec_traffic_rate>, std::type_identity<ec_traffic_action>,
                        std::type_identity<ec_redirect>, std::type_identity<ec_traffic_marking>,
                        std::type_identity<ec_vlan_action>, std::type_identity<ec_tpid_action>,
                        std::type_identity<ec_unknown>>{});
  if (!found) return json_error(p.str(), "unknown extended community class '" + cls + "'");
  return st;
}

// ---- PMSI tunnel identifier -------------------------------------------------------------------
status decode_pmsi_tunnel_id(reader& r, std::uint8_t tunnel_type, pmsi_tunnel_id& out) {
  auto s = r.take(r.remaining());
  out.hidden.clear();
  if (tunnel_type == 0) {
    out.id = std::monostate{};
    out.hidden.assign(s.begin(), s.end());
  } else if (tunnel_type == 6 && (s.size() == 4 || s.size() == 16)) {
    auto& x = out.id.emplace<pmsi_ingress_replication>();
    if (s.size() == 4)
      std::memcpy(x.tunnel_endpoint_ip.v.emplace<ipv4_addr>().b.data(), s.data(), 4);
    else
      std::memcpy(x.tunnel_endpoint_ip.v.emplace<ipv6_addr>().b.data(), s.data(), 16);
  } else {
    out.id.emplace<pmsi_unknown>().value.assign(s.begin(), s.end());
  }
  return {};
}

status encode_pmsi_tunnel_id(writer& w, const pmsi_tunnel_id& in) {
  if (auto* x = std::get_if<pmsi_ingress_replication>(&in.id)) {
    if (x->tunnel_endpoint_ip.is_v4())
      w.put(std::get<ipv4_addr>(x->tunnel_endpoint_ip.v).b.data(), 4);
    else
      w.put(std::get<ipv6_addr>(x->tunnel_endpoint_ip.v).b.data(), 16);
  } else if (auto* u = std::get_if<pmsi_unknown>(&in.id)) {
    w.put(u->value);
  } else {
    w.put(in.hidden);
  }
  return {};
}

void to_json(json& j, const pmsi_tunnel_id& v) {
  if (auto* x = std::get_if<pmsi_ingress_replication>(&v.id))
    j = json{{pmsi_ingress_replication::name, {{"tunnel_endpoint_ip", x->tunnel_endpoint_ip.to_string()}}}};
  else if (auto* u = std::get_if<pmsi_unknown>(&v.id))
    j = json{{pmsi_unknown::name, {{"value", base64_encode(u->value)}}}};
  else
    j = nullptr;
}

status from_json(const json& wrapped, std::uint8_t, pmsi_tunnel_id& v, const path& p) {
  v = pmsi_tunnel_id{};
  if (wrapped.is_null()) return {};
  std::string cls;
  const json* in = nullptr;
  WIREKIT_TRY(unwrap(wrapped, cls, in, p));
  const path pi = p[cls.c_str()];
  if (cls == pmsi_ingress_replication::name) {
    auto& x = v.id.emplace<pmsi_ingress_replication>();
    auto it = in->find("tunnel_endpoint_ip");
    if (it == in->end()) return json_error(pi.str(), "needs 'tunnel_endpoint_ip'");
    return json_glue::from_json_value(*it, x.tunnel_endpoint_ip, pi["tunnel_endpoint_ip"]);
  }
  if (cls == pmsi_unknown::name) return opt(*in, "value", v.id.emplace<pmsi_unknown>().value, pi);
  return json_error(p.str(), "unknown PMSI tunnel id class '" + cls + "'");
}

}  // namespace wirekit::bgp
