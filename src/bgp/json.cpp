// os-ken JSON of BGP messages, attributes and NLRI (json-conventions.md §5, §9; docs/bgp.md).
#include <fmt/format.h>

#include <algorithm>

#include "detail.hpp"
#include "families_json.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::json_glue {

using namespace wirekit::bgp;

// GR tuple: [afi, safi, flags].
template <>
struct json_traits<gr_tuple> {
  static void to(json& j, const gr_tuple& t) { j = json::array({t.afi, t.safi, t.flags}); }
  static status from(const json& j, gr_tuple& t, const path& p) {
    if (!j.is_array() || j.size() != 3) return type_error(p, "[afi, safi, flags]", j);
    WIREKIT_TRY(from_json_value(j[0], t.afi, p[0L]));
    WIREKIT_TRY(from_json_value(j[1], t.safi, p[1L]));
    return from_json_value(j[2], t.flags, p[2L]);
  }
};

// AS_PATH segments: [asn, ...] | {"AS_SET": [...]} | {"AS_CONFED_SEQUENCE": [...]} | {"AS_CONFED_SET": [...]}.
template <>
struct json_traits<as_path_segment> {
  static json sorted(const std::vector<std::uint32_t>& v) {
    std::vector<std::uint32_t> s = v;
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return json(s);
  }
  static void to(json& j, const as_path_segment& s) {
    switch (s.type) {
      case as_path_segment::as_set: j = json{{"AS_SET", sorted(s.asns)}}; break;
      case as_path_segment::as_confed_sequence: j = json{{"AS_CONFED_SEQUENCE", s.asns}}; break;
      case as_path_segment::as_confed_set: j = json{{"AS_CONFED_SET", sorted(s.asns)}}; break;
      default: j = s.asns; break;
    }
  }
  static status from(const json& j, as_path_segment& s, const path& p) {
    if (j.is_array()) {
      s.type = as_path_segment::as_sequence;
      return from_json_value(j, s.asns, p);
    }
    if (!j.is_object() || j.size() != 1)
      return type_error(p, "a list of ASNs or {\"AS_SET\": [...]}", j);
    const std::string& k = j.begin().key();
    if (k == "AS_SET")
      s.type = as_path_segment::as_set;
    else if (k == "AS_CONFED_SEQUENCE")
      s.type = as_path_segment::as_confed_sequence;
    else if (k == "AS_CONFED_SET")
      s.type = as_path_segment::as_confed_set;
    else
      return type_error(p, "AS_SET, AS_CONFED_SEQUENCE or AS_CONFED_SET", j);
    WIREKIT_TRY(from_json_value(j.begin().value(), s.asns, p[k.c_str()]));
    if (s.type != as_path_segment::as_confed_sequence) {
      std::sort(s.asns.begin(), s.asns.end());
      s.asns.erase(std::unique(s.asns.begin(), s.asns.end()), s.asns.end());
    }
    return {};
  }
};

// ORIGINATOR_ID: os-ken's list of the characters of the address text; a plain string is accepted.
template <>
struct json_traits<originator_id_value> {
  static void to(json& j, const originator_id_value& a) {
    j = json::array();
    for (char c : a.to_string()) j.push_back(std::string(1, c));
  }
  static status from(const json& j, originator_id_value& a, const path& p) {
    std::string text;
    if (j.is_string()) {
      text = j.get<std::string>();
    } else if (j.is_array()) {
      for (const auto& c : j) {
        if (!c.is_string()) return type_error(p, "a list of characters of an IPv4 address", j);
        text += c.get<std::string>();
      }
    } else {
      return type_error(p, "a list of characters of an IPv4 address", j);
    }
    auto v = ipv4_addr::parse(text);
    if (!v) return type_error(p, "the characters of an IPv4 address", j);
    a = *v;
    return {};
  }
};

template <>
struct json_traits<ext_community> {
  static void to(json& j, const ext_community& c) { bgp::to_json(j, c); }
  static status from(const json& j, ext_community& c, const path& p) { return bgp::from_json(j, c, p); }
};

}  // namespace wirekit::json_glue

namespace wirekit::bgp {

using json = nlohmann::json;
using json_glue::path;
using json_glue::type_error;

namespace {

// ---- NLRI ----------------------------------------------------------------------------------

const char* prefix_class(family f) {
  const bool v6 = f.afi == afi::ipv6;
  switch (f.safi) {
    case safi::mpls_label: return v6 ? "LabelledIP6AddrPrefix" : "LabelledIPAddrPrefix";
    case safi::mpls_vpn: return v6 ? "LabelledVPNIP6AddrPrefix" : "LabelledVPNIPAddrPrefix";
    default: return v6 ? "IP6AddrPrefix" : "IPAddrPrefix";
  }
}

json prefix_to_json(const prefix_nlri& n, family f, const char* cls) {
  json inner;
  if (f.safi == safi::mpls_label || f.safi == safi::mpls_vpn) {
    json addr = json::array();
    addr.push_back(n.label_values());
    if (f.safi == safi::mpls_vpn) {
      json rd;
      if (n.rd)
        json_glue::to_json_value(rd, *n.rd);
      else
        json_glue::to_json_value(rd, route_distinguisher{});
      addr.push_back(std::move(rd));
    }
    addr.push_back(n.addr.to_string());
    inner["addr"] = std::move(addr);
  } else {
    inner["addr"] = n.addr.to_string();
  }
  inner["length"] = n.length;
  if (n.path_id) inner["path_id"] = *n.path_id;
  json j;
  j[cls] = std::move(inner);
  return j;
}

status read_addr(const json& j, family f, ip_addr& out, const path& p) {
  if (!j.is_string()) return type_error(p, "an address string", j);
  const std::string& s = j.get_ref<const std::string&>();
  if (f.afi == afi::ipv6) {
    auto a = ipv6_addr::parse(s);
    if (!a) return type_error(p, "an IPv6 address", j);
    out.v = *a;
  } else {
    auto a = ipv4_addr::parse(s);
    if (!a) return type_error(p, "an IPv4 address", j);
    out.v = *a;
  }
  return {};
}

status read_path_id(const json& inner, std::optional<std::uint32_t>& pid, const path& p) {
  pid.reset();
  auto it = inner.find("path_id");
  if (it == inner.end() || it->is_null()) return {};
  std::uint32_t v = 0;
  WIREKIT_TRY(json_glue::from_json_value(*it, v, p["path_id"]));
  pid = v;
  return {};
}

status prefix_from_json(const json& wrapped, family f, prefix_nlri& n, const path& p) {
  if (!wrapped.is_object() || wrapped.size() != 1) return type_error(p, "a one-key object naming the class", wrapped);
  const json& inner = wrapped.begin().value();
  const path pi = p[wrapped.begin().key().c_str()];
  if (!inner.is_object()) return type_error(pi, "an object", inner);
  n = prefix_nlri{};
  if (f.afi == afi::ipv6) n.addr.v = ipv6_addr{};
  WIREKIT_TRY(read_path_id(inner, n.path_id, pi));
  if (auto it = inner.find("length"); it != inner.end())
    WIREKIT_TRY(json_glue::from_json_value(*it, n.length, pi["length"]));
  auto it = inner.find("addr");
  if (it == inner.end()) return json_error(pi["addr"].str(), "missing");
  const path pa = pi["addr"];
  if (f.safi == safi::mpls_label || f.safi == safi::mpls_vpn) {
    const std::size_t want = f.safi == safi::mpls_vpn ? 3 : 2;
    if (!it->is_array() || it->size() != want || !(*it)[0].is_array())
      return type_error(pa, f.safi == safi::mpls_vpn ? "[[labels], {RD}, \"prefix\"]" : "[[labels], \"prefix\"]", *it);
    std::vector<std::uint32_t> labels;
    WIREKIT_TRY(json_glue::from_json_value((*it)[0], labels, pa[0L]));
    for (auto l : labels)
      if (l > 0xfffff) return json_error(pa[0L].str(), fmt::format("label {} is more than 20 bits", l));
    n.set_label_values(labels);
    if (f.safi == safi::mpls_vpn) {
      n.rd.emplace();
      WIREKIT_TRY(json_glue::from_json_value((*it)[1], *n.rd, pa[1L]));
    }
    return read_addr((*it)[want - 1], f, n.addr, pa[long(want - 1)]);
  }
  return read_addr(*it, f, n.addr, pa);
}

json rtc_to_json(const rt_membership_nlri& n) {
  json inner;
  inner["length"] = n.length;
  inner["origin_as"] = n.origin_as;
  if (n.length > 32)
    to_json(inner["route_target"], n.route_target);
  else
    inner["route_target"] = nullptr;
  if (n.path_id) inner["path_id"] = *n.path_id;
  return json{{rt_membership_nlri::name, std::move(inner)}};
}

status rtc_from_json(const json& wrapped, rt_membership_nlri& n, const path& p) {
  if (!wrapped.is_object() || !wrapped.contains(rt_membership_nlri::name))
    return type_error(p, rt_membership_nlri::name, wrapped);
  const json& inner = wrapped[rt_membership_nlri::name];
  const path pi = p[rt_membership_nlri::name];
  if (!inner.is_object()) return type_error(pi, "an object", inner);
  n = rt_membership_nlri{};
  WIREKIT_TRY(read_path_id(inner, n.path_id, pi));
  if (auto it = inner.find("length"); it != inner.end())
    WIREKIT_TRY(json_glue::from_json_value(*it, n.length, pi["length"]));
  if (auto it = inner.find("origin_as"); it != inner.end())
    WIREKIT_TRY(json_glue::from_json_value(*it, n.origin_as, pi["origin_as"]));
  if (auto it = inner.find("route_target"); it != inner.end() && !it->is_null())
    WIREKIT_TRY(from_json(*it, n.route_target, pi["route_target"]));
  return {};
}

// Part B's wrapped objects with "path_id" added to / removed from the inner object.
template <class T>
json family_to_json(const T& v, const std::optional<std::uint32_t>& pid) {
  json j;
  to_json(j, v);
  if (pid && j.is_object() && j.size() == 1 && j.begin().value().is_object()) j.begin().value()["path_id"] = *pid;
  return j;
}

status split_path_id(const json& wrapped, json& stripped, std::optional<std::uint32_t>& pid, const path& p) {
  stripped = wrapped;
  pid.reset();
  if (stripped.is_object() && stripped.size() == 1 && stripped.begin().value().is_object()) {
    json& inner = stripped.begin().value();
    WIREKIT_TRY(read_path_id(inner, pid, p[stripped.begin().key().c_str()]));
    inner.erase("path_id");
  }
  return {};
}

}  // namespace

json to_json(const nlri_list& l, family f) {
  json arr = json::array();
  std::visit(
      [&](const auto& v) {
        using T = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<prefix_nlri>>) {
          const char* cls = prefix_class(f);
          for (const auto& n : v) arr.push_back(prefix_to_json(n, f, cls));
        } else if constexpr (std::is_same_v<T, std::vector<rt_membership_nlri>>) {
          for (const auto& n : v) arr.push_back(rtc_to_json(n));
        } else if constexpr (std::is_same_v<T, std::vector<evpn_route>> ||
                             std::is_same_v<T, std::vector<flowspec_route>>) {
          for (const auto& n : v) arr.push_back(family_to_json(n.nlri, n.path_id));
        } else {
          if (!v.value.empty()) arr.push_back(json{{unknown_nlri::name, {{"value", base64_encode(v.value)}}}});
        }
      },
      l);
  return arr;
}

namespace {

status nlri_from_json_at(const json& list, family f, nlri_list& out, const path& p) {
  out = empty_nlri(f);
  if (list.is_null()) return {};
  if (!list.is_array()) return type_error(p, "a list of NLRI", list);
  return std::visit(
      [&](auto& v) -> status {
        using T = std::remove_cvref_t<decltype(v)>;
        for (std::size_t i = 0; i < list.size(); ++i) {
          const path pe = p[long(i)];
          const json& e = list[i];
          if constexpr (std::is_same_v<T, std::vector<prefix_nlri>>) {
            WIREKIT_TRY(prefix_from_json(e, f, v.emplace_back(), pe));
          } else if constexpr (std::is_same_v<T, std::vector<rt_membership_nlri>>) {
            WIREKIT_TRY(rtc_from_json(e, v.emplace_back(), pe));
          } else if constexpr (std::is_same_v<T, std::vector<evpn_route>>) {
            json s;
            auto& r = v.emplace_back();
            WIREKIT_TRY(split_path_id(e, s, r.path_id, pe));
            WIREKIT_TRY(from_json(s, r.nlri, pe));
          } else if constexpr (std::is_same_v<T, std::vector<flowspec_route>>) {
            json s;
            auto& r = v.emplace_back();
            WIREKIT_TRY(split_path_id(e, s, r.path_id, pe));
            WIREKIT_TRY(from_json(s, f, r.nlri, pe));
          } else {
            if (!e.is_object() || !e.contains(unknown_nlri::name)) return type_error(pe, unknown_nlri::name, e);
            const json& inner = e[unknown_nlri::name];
            bytes b;
            if (inner.is_object() && inner.contains("value"))
              WIREKIT_TRY(json_glue::from_json_value(inner["value"], b, pe[unknown_nlri::name]["value"]));
            v.value.insert(v.value.end(), b.begin(), b.end());
          }
        }
        return {};
      },
      out);
}

}  // namespace

result<nlri_list> nlri_from_json(const json& list, family f) {
  nlri_list out;
  WIREKIT_TRY(nlri_from_json_at(list, f, out, path{}));
  return out;
}

}  // namespace wirekit::bgp

// ---- attributes whose JSON is not their field list -------------------------------------------
namespace wirekit::json_glue {

namespace {
template <class A>
void head_to_json(json& inner, const A& a) {
  inner["flags"] = a.flags;
  inner["type"] = a.type;
  inner["length"] = a.length;
}
template <class A>
status head_from_json(const json& inner, A& a, const path& p) {
  if (auto it = inner.find("flags"); it != inner.end()) WIREKIT_TRY(from_json_value(*it, a.flags, p["flags"]));
  if (auto it = inner.find("type"); it != inner.end()) WIREKIT_TRY(from_json_value(*it, a.type, p["type"]));
  if (auto it = inner.find("length"); it != inner.end()) WIREKIT_TRY(from_json_value(*it, a.length, p["length"]));
  return {};
}
template <class A>
status inner_of(const json& j, const path& p, const json*& inner, path& pi) {
  if (!j.is_object() || j.size() != 1 || !j.contains(A::name)) return type_error(p, A::name, j);
  inner = &j[A::name];
  pi = p[A::name];
  if (!inner->is_object()) return type_error(pi, "an object", *inner);
  return {};
}
// The typed attributes os-ken shows as BGPPathAttributeUnknown.
template <class A>
void as_unknown_json(json& j, const A& a) {
  bytes v;
  writer w(v);
  (void)bgp::detail::encode_attribute_value(w, path_attribute{a}, context{});
  json inner;
  head_to_json(inner, a);
  inner["value"] = base64_encode(v);
  j = json{{"BGPPathAttributeUnknown", std::move(inner)}};
}
}  // namespace

template <>
struct json_traits<attr_mp_reach_nlri> {
  static void to(json& j, const attr_mp_reach_nlri& a) {
    json inner;
    head_to_json(inner, a);
    inner["afi"] = a.afi;
    inner["safi"] = a.safi;
    if (auto nh = a.first_next_hop())
      inner["next_hop"] = nh->to_string();
    else
      inner["next_hop"] = nullptr;
    inner["nlri"] = bgp::to_json(a.nlri, a.fam());
    j = json{{attr_mp_reach_nlri::name, std::move(inner)}};
  }
  static status from(const json& j, attr_mp_reach_nlri& a, const path& p) {
    const json* inner = nullptr;
    path pi;
    WIREKIT_TRY(inner_of<attr_mp_reach_nlri>(j, p, inner, pi));
    a = attr_mp_reach_nlri{};
    WIREKIT_TRY(head_from_json(*inner, a, pi));
    if (auto it = inner->find("afi"); it != inner->end()) WIREKIT_TRY(from_json_value(*it, a.afi, pi["afi"]));
    if (auto it = inner->find("safi"); it != inner->end()) WIREKIT_TRY(from_json_value(*it, a.safi, pi["safi"]));
    if (auto it = inner->find("next_hop"); it != inner->end() && !it->is_null()) {
      std::vector<ip_addr> hops;
      if (it->is_array()) {
        WIREKIT_TRY(from_json_value(*it, hops, pi["next_hop"]));
      } else {
        WIREKIT_TRY(from_json_value(*it, hops.emplace_back(), pi["next_hop"]));
      }
      a.set_next_hops(hops);
    }
    json none = json::array();
    auto it = inner->find("nlri");
    return bgp::nlri_from_json_at(it != inner->end() ? *it : none, a.fam(), a.nlri, pi["nlri"]);
  }
};

template <>
struct json_traits<attr_mp_unreach_nlri> {
  static void to(json& j, const attr_mp_unreach_nlri& a) {
    json inner;
    head_to_json(inner, a);
    inner["afi"] = a.afi;
    inner["safi"] = a.safi;
    inner["withdrawn_routes"] = bgp::to_json(a.withdrawn_routes, a.fam());
    j = json{{attr_mp_unreach_nlri::name, std::move(inner)}};
  }
  static status from(const json& j, attr_mp_unreach_nlri& a, const path& p) {
    const json* inner = nullptr;
    path pi;
    WIREKIT_TRY(inner_of<attr_mp_unreach_nlri>(j, p, inner, pi));
    a = attr_mp_unreach_nlri{};
    WIREKIT_TRY(head_from_json(*inner, a, pi));
    if (auto it = inner->find("afi"); it != inner->end()) WIREKIT_TRY(from_json_value(*it, a.afi, pi["afi"]));
    if (auto it = inner->find("safi"); it != inner->end()) WIREKIT_TRY(from_json_value(*it, a.safi, pi["safi"]));
    json none = json::array();
    auto it = inner->find("withdrawn_routes");
    return bgp::nlri_from_json_at(it != inner->end() ? *it : none, a.fam(), a.withdrawn_routes,
                                  pi["withdrawn_routes"]);
  }
};

template <>
struct json_traits<attr_extended_communities> {
  static void to(json& j, const attr_extended_communities& a) {
    json inner;
    head_to_json(inner, a);
    to_json_value(inner["communities"], a.communities);
    j = json{{attr_extended_communities::name, std::move(inner)}};
  }
  static status from(const json& j, attr_extended_communities& a, const path& p) {
    const json* inner = nullptr;
    path pi;
    WIREKIT_TRY(inner_of<attr_extended_communities>(j, p, inner, pi));
    a = attr_extended_communities{};
    WIREKIT_TRY(head_from_json(*inner, a, pi));
    if (auto it = inner->find("communities"); it != inner->end())
      WIREKIT_TRY(from_json_value(*it, a.communities, pi["communities"]));
    return {};
  }
};

template <>
struct json_traits<attr_pmsi_tunnel> {
  static void to(json& j, const attr_pmsi_tunnel& a) {
    json inner;
    head_to_json(inner, a);
    inner["pmsi_flags"] = a.pmsi_flags;
    inner["tunnel_type"] = a.tunnel_type;
    bgp::to_json(inner["tunnel_id"], a.tunnel_id);
    j = json{{attr_pmsi_tunnel::name, std::move(inner)}};
  }
  static status from(const json& j, attr_pmsi_tunnel& a, const path& p) {
    const json* inner = nullptr;
    path pi;
    WIREKIT_TRY(inner_of<attr_pmsi_tunnel>(j, p, inner, pi));
    a = attr_pmsi_tunnel{};
    WIREKIT_TRY(head_from_json(*inner, a, pi));
    if (auto it = inner->find("pmsi_flags"); it != inner->end())
      WIREKIT_TRY(from_json_value(*it, a.pmsi_flags, pi["pmsi_flags"]));
    if (auto it = inner->find("tunnel_type"); it != inner->end())
      WIREKIT_TRY(from_json_value(*it, a.tunnel_type, pi["tunnel_type"]));
    // Not in os-ken's JSON, but os-ken's constructor arguments: label (bytes), else mpls_label
    // (bottom of stack set), else vni; none: 0.
    if (auto it = inner->find("label"); it != inner->end() && !it->is_null()) {
      bytes b;
      WIREKIT_TRY(from_json_value(*it, b, pi["label"]));
      b.resize(3);
      a.label = static_cast<std::uint32_t>(load_be(b.data(), 3));
    } else if (auto m = inner->find("mpls_label"); m != inner->end() && !m->is_null()) {
      std::uint32_t v = 0;
      WIREKIT_TRY(from_json_value(*m, v, pi["mpls_label"]));
      if (v > 0xfffff) return json_error(pi["mpls_label"].str(), "label beyond 20 bits");
      a.label = v ? (v << 4) | 1 : 0;
    } else if (auto x = inner->find("vni"); x != inner->end() && !x->is_null()) {
      WIREKIT_TRY(from_json_value(*x, a.label, pi["vni"]));
      if (a.label > 0xffffff) return json_error(pi["vni"].str(), "VNI beyond 24 bits");
    }
    json null_id;
    auto it = inner->find("tunnel_id");
    return bgp::from_json(it != inner->end() ? *it : null_id, a.tunnel_type, a.tunnel_id, pi["tunnel_id"]);
  }
};

template <>
struct json_traits<attr_large_communities> {
  static void to(json& j, const attr_large_communities& a) { as_unknown_json(j, a); }
};
template <>
struct json_traits<attr_only_to_customer> {
  static void to(json& j, const attr_only_to_customer& a) { as_unknown_json(j, a); }
};
template <>
struct json_traits<attr_aigp> {
  static void to(json& j, const attr_aigp& a) { as_unknown_json(j, a); }
};

template <>
struct json_traits<path_attribute> {
  static void to(json& j, const path_attribute& a) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, a);
  }
  static status from(const json& j, path_attribute& a, const path& p) {
    if (!j.is_object() || j.size() != 1) return type_error(p, "a one-key object naming the attribute class", j);
    const std::string& key = j.begin().key();
    if (key == attr_unknown::name) {
      attr_unknown u;
      WIREKIT_TRY(from_json_value(j, u, p));
      if (!bgp::detail::typed_from_unknown(u, a)) a = std::move(u);
      return {};
    }
    status st = json_error(p.str(), "unknown path attribute class '" + key + "'");
    bool found = false;
    auto try_one = [&](auto tag) {
      using X = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<X, attr_large_communities> && !std::is_same_v<X, attr_only_to_customer> &&
                    !std::is_same_v<X, attr_aigp> && !std::is_same_v<X, attr_unknown>) {
        if (found || key != X::name) return;
        found = true;
        X x{};
        st = from_json_value(j, x, p);
        if (st) a = std::move(x);
      }
    };
    std::apply([&](auto... tags) { (try_one(tags), ...); },
               std::tuple<std::type_identity<attr_origin>, std::type_identity<attr_as_path>,
                          std::type_identity<attr_next_hop>, std::type_identity<attr_multi_exit_disc>,
                          std::type_identity<attr_local_pref>, std::type_identity<attr_atomic_aggregate>,
                          std::type_identity<attr_aggregator>, std::type_identity<attr_communities>,
                          std::type_identity<attr_originator_id>, std::type_identity<attr_cluster_list>,
                          std::type_identity<attr_mp_reach_nlri>, std::type_identity<attr_mp_unreach_nlri>,
                          std::type_identity<attr_extended_communities>, std::type_identity<attr_as4_path>,
                          std::type_identity<attr_as4_aggregator>, std::type_identity<attr_pmsi_tunnel>>{});
    return st;
  }
};

// UPDATE: the body's prefixes are IPv4 unicast, shown as BGPWithdrawnRoute / BGPNLRI.
template <>
struct json_traits<update_msg> {
  static void to(json& j, const update_msg& m) {
    const family v4{afi::ipv4, safi::unicast};
    json inner;
    inner["len"] = m.len;
    inner["type"] = m.type;
    inner["withdrawn_routes_len"] = m.withdrawn_routes_len;
    json w = json::array();
    for (const auto& n : m.withdrawn_routes) w.push_back(bgp::prefix_to_json(n, v4, "BGPWithdrawnRoute"));
    inner["withdrawn_routes"] = std::move(w);
    inner["total_path_attribute_len"] = m.total_path_attribute_len;
    to_json_value(inner["path_attributes"], m.path_attributes);
    json n = json::array();
    for (const auto& x : m.nlri) n.push_back(bgp::prefix_to_json(x, v4, "BGPNLRI"));
    inner["nlri"] = std::move(n);
    j = json{{update_msg::name, std::move(inner)}};
  }
  static status from(const json& j, update_msg& m, const path& p) {
    const json* inner = nullptr;
    path pi;
    WIREKIT_TRY(inner_of<update_msg>(j, p, inner, pi));
    m = update_msg{};
    const family v4{afi::ipv4, safi::unicast};
    auto get = [&](const char* k, auto& v) -> status {
      if (auto it = inner->find(k); it != inner->end()) return from_json_value(*it, v, pi[k]);
      return {};
    };
    WIREKIT_TRY(get("len", m.len));
    WIREKIT_TRY(get("type", m.type));
    WIREKIT_TRY(get("withdrawn_routes_len", m.withdrawn_routes_len));
    WIREKIT_TRY(get("total_path_attribute_len", m.total_path_attribute_len));
    WIREKIT_TRY(get("path_attributes", m.path_attributes));
    auto prefixes = [&](const char* k, std::vector<prefix_nlri>& out) -> status {
      auto it = inner->find(k);
      if (it == inner->end() || it->is_null()) return {};
      if (!it->is_array()) return type_error(pi[k], "a list of prefixes", *it);
      for (std::size_t i = 0; i < it->size(); ++i)
        WIREKIT_TRY(bgp::prefix_from_json((*it)[i], v4, out.emplace_back(), pi[k][long(i)]));
      return {};
    };
    WIREKIT_TRY(prefixes("withdrawn_routes", m.withdrawn_routes));
    return prefixes("nlri", m.nlri);
  }
};

}  // namespace wirekit::json_glue

namespace wirekit::bgp {

json to_json(const message& m) {
  json j;
  json_glue::to_json_value(j, m);
  return j;
}

result<message> message_from_json(const json& wrapped) {
  message m;
  WIREKIT_TRY(json_glue::from_json_value(wrapped, m, path{}));
  if (auto* r = std::get_if<route_refresh_msg>(&m)) r->eor_sent = false;  // os-ken's internal flag
  return m;
}

json to_json(const path_attribute& a) {
  json j;
  json_glue::to_json_value(j, a);
  return j;
}

result<path_attribute> path_attribute_from_json(const json& wrapped) {
  path_attribute a;
  WIREKIT_TRY(json_glue::from_json_value(wrapped, a, path{}));
  return a;
}

}  // namespace wirekit::bgp
