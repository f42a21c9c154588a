// MRT records as os-ken mrtlib JSON (to_jsondict form), and back. Classes os-ken lacks follow
// its naming (docs/mrt.md).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "wirekit/mrt/mrt.hpp"

namespace wirekit::mrt {

using json = nlohmann::json;

namespace {

const char* record_class(std::uint16_t t) {
  switch (t) {
    case type::table_dump: return "TableDumpMrtRecord";
    case type::table_dump_v2: return "TableDump2MrtRecord";
    case type::bgp4mp: return "Bgp4MpMrtRecord";
    case type::bgp4mp_et: return "Bgp4MpEtMrtRecord";
    default: return "UnknownMrtRecord";
  }
}

const char* table_dump_class(std::uint16_t s) {
  switch (s) {
    case td_subtype::afi_ipv4: return "TableDumpAfiIPv4MrtMessage";
    case td_subtype::afi_ipv6: return "TableDumpAfiIPv6MrtMessage";
    case td_subtype::afi_ipv4_as4: return "TableDumpAfiIPv4As4MrtMessage";
    default: return "TableDumpAfiIPv6As4MrtMessage";
  }
}

const char* rib_class(std::uint16_t s) {
  switch (s) {
    case td2_subtype::rib_ipv4_unicast: return "TableDump2RibIPv4UnicastMrtMessage";
    case td2_subtype::rib_ipv4_multicast: return "TableDump2RibIPv4MulticastMrtMessage";
    case td2_subtype::rib_ipv6_unicast: return "TableDump2RibIPv6UnicastMrtMessage";
    case td2_subtype::rib_ipv6_multicast: return "TableDump2RibIPv6MulticastMrtMessage";
    case td2_subtype::rib_ipv4_unicast_addpath: return "TableDump2RibIPv4UnicastAddPathMrtMessage";
    case td2_subtype::rib_ipv4_multicast_addpath: return "TableDump2RibIPv4MulticastAddPathMrtMessage";
    case td2_subtype::rib_ipv6_unicast_addpath: return "TableDump2RibIPv6UnicastAddPathMrtMessage";
    case td2_subtype::rib_ipv6_multicast_addpath: return "TableDump2RibIPv6MulticastAddPathMrtMessage";
    case td2_subtype::rib_generic_addpath: return "TableDump2RibGenericAddPathMrtMessage";
    default: return "TableDump2RibGenericMrtMessage";
  }
}

const char* bgp4mp_message_class(std::uint16_t s) {
  switch (s) {
    case bgp4mp_subtype::message: return "Bgp4MpMessageMrtMessage";
    case bgp4mp_subtype::message_as4: return "Bgp4MpMessageAs4MrtMessage";
    case bgp4mp_subtype::message_local: return "Bgp4MpMessageLocalMrtMessage";
    case bgp4mp_subtype::message_as4_local: return "Bgp4MpMessageAs4LocalMrtMessage";
    case bgp4mp_subtype::message_addpath: return "Bgp4MpMessageAddPathMrtMessage";
    case bgp4mp_subtype::message_as4_addpath: return "Bgp4MpMessageAs4AddPathMrtMessage";
    case bgp4mp_subtype::message_local_addpath: return "Bgp4MpMessageLocalAddPathMrtMessage";
    default: return "Bgp4MpMessageAs4LocalAddPathMrtMessage";
  }
}

bgp::family rib_family_of(std::uint16_t s) {
  const bool v6 = s == td2_subtype::rib_ipv6_unicast || s == td2_subtype::rib_ipv6_multicast ||
                  s == td2_subtype::rib_ipv6_unicast_addpath || s == td2_subtype::rib_ipv6_multicast_addpath;
  const bool mc = s == td2_subtype::rib_ipv4_multicast || s == td2_subtype::rib_ipv6_multicast ||
                  s == td2_subtype::rib_ipv4_multicast_addpath || s == td2_subtype::rib_ipv6_multicast_addpath;
  return {v6 ? bgp::afi::ipv6 : bgp::afi::ipv4, mc ? bgp::safi::multicast : bgp::safi::unicast};
}

json attrs_json(const std::vector<bgp::path_attribute>& attrs) {
  json a = json::array();
  for (const auto& x : attrs) a.push_back(bgp::to_json(x));
  return a;
}

json rib_entries_json(const std::vector<rib_entry>& es) {
  json a = json::array();
  for (const auto& e : es) {
    json in;
    in["attr_len"] = e.attr_len;
    in["bgp_attributes"] = attrs_json(e.bgp_attributes);
    in["originated_time"] = e.originated_time;
    in["path_id"] = e.path_id ? json(*e.path_id) : json(nullptr);
    in["peer_index"] = e.peer_index;
    a.push_back(json{{"MrtRibEntry", std::move(in)}});
  }
  return a;
}

json one_nlri_json(const bgp::nlri_list& l, bgp::family f) {
  json a = bgp::to_json(l, f);
  if (a.is_array() && a.size() == 1) return a[0];
  return a;
}

std::string b64(const bytes& b) { return base64_encode(b); }

}  // namespace

json to_json(const record& r) {
  const header& h = r.hdr;
  json msg = std::visit(
      [&](const auto& b) -> json {
        using T = std::decay_t<decltype(b)>;
        json in;
        if constexpr (std::is_same_v<T, table_dump>) {
          in["attr_len"] = b.attr_len;
          in["bgp_attributes"] = attrs_json(b.bgp_attributes);
          in["originated_time"] = b.originated_time;
          in["peer_as"] = b.peer_as;
          in["peer_ip"] = b.peer_ip.to_string();
          in["prefix"] = b.prefix.to_string();
          in["prefix_len"] = b.prefix_len;
          in["seq_num"] = b.seq_num;
          in["status"] = b.status;
          in["view_num"] = b.view_num;
          return json{{table_dump_class(h.subtype), std::move(in)}};
        } else if constexpr (std::is_same_v<T, peer_index_table>) {
          in["bgp_id"] = b.bgp_id.to_string();
          in["peer_count"] = b.peer_entries.size();
          json peers = json::array();
          for (const auto& p : b.peer_entries)
            peers.push_back(json{{"MrtPeer",
                                  {{"as_num", p.as_num},
                                   {"bgp_id", p.bgp_id.to_string()},
                                   {"ip_addr", p.ip.to_string()},
                                   {"type", p.type}}}});
          in["peer_entries"] = std::move(peers);
          in["view_name"] = base64_encode(as_bytes(b.view_name));  // os-ken: bytes, so base64
          in["view_name_len"] = b.view_name.size();
          return json{{"TableDump2PeerIndexTableMrtMessage", std::move(in)}};
        } else if constexpr (std::is_same_v<T, rib>) {
          in["entry_count"] = b.rib_entries.size();
          in["prefix"] = one_nlri_json(std::vector<bgp::prefix_nlri>{b.prefix}, rib_family_of(h.subtype));
          in["rib_entries"] = rib_entries_json(b.rib_entries);
          in["seq_num"] = b.seq_num;
          return json{{rib_class(h.subtype), std::move(in)}};
        } else if constexpr (std::is_same_v<T, rib_generic>) {
          in["afi"] = b.afi;
          in["entry_count"] = b.rib_entries.size();
          if (auto* u = std::get_if<bgp::unknown_nlri>(&b.nlri))
            in["nlri"] = json{{"BGPUnknownNLRI", {{"value", b64(u->value)}}}};
          else
            in["nlri"] = one_nlri_json(b.nlri, {b.afi, b.safi});
          in["rib_entries"] = rib_entries_json(b.rib_entries);
          in["safi"] = b.safi;
          in["seq_num"] = b.seq_num;
          return json{{rib_class(h.subtype), std::move(in)}};
        } else if constexpr (std::is_same_v<T, bgp4mp_state_change>) {
          in["afi"] = b.afi;
          in["if_index"] = b.if_index;
          in["local_as"] = b.local_as;
          in["local_ip"] = b.local_ip.to_string();
          in["new_state"] = b.new_state;
          in["old_state"] = b.old_state;
          in["peer_as"] = b.peer_as;
          in["peer_ip"] = b.peer_ip.to_string();
          return json{{h.subtype == bgp4mp_subtype::state_change_as4 ? "Bgp4MpStateChangeAs4MrtMessage"
                                                                     : "Bgp4MpStateChangeMrtMessage",
                       std::move(in)}};
        } else if constexpr (std::is_same_v<T, bgp4mp_message>) {
          in["afi"] = b.afi;
          in["bgp_message"] = bgp::to_json(b.bgp_message);
          in["if_index"] = b.if_index;
          in["local_as"] = b.local_as;
          in["local_ip"] = b.local_ip.to_string();
          in["peer_as"] = b.peer_as;
          in["peer_ip"] = b.peer_ip.to_string();
          return json{{bgp4mp_message_class(h.subtype), std::move(in)}};
        } else {
          return json{{"UnknownMrtMessage", {{"buf", b64(b.data)}}}};
        }
      },
      r.msg);
  json rec;
  rec["length"] = h.length;
  rec["message"] = std::move(msg);
  rec["subtype"] = h.subtype;
  rec["timestamp"] = h.timestamp;
  rec["type"] = h.type;
  if (has_extended_timestamp(h.type)) rec["ms_timestamp"] = h.microsecond;
  return json{{record_class(h.type), std::move(rec)}};
}

// ---- from JSON -----------------------------------------------------------------------------

namespace {

struct jerr {
  std::string path;
};

status jfail(const std::string& path, const std::string& why) { return json_error(path, why); }

template <class T>
status get_uint(const json& o, const char* key, T& out, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number_unsigned())
    return jfail(path + "." + key, "missing or not an unsigned integer");
  auto v = it->get<std::uint64_t>();
  if (v > std::numeric_limits<T>::max()) return jfail(path + "." + key, "out of range");
  out = static_cast<T>(v);
  return {};
}

// An address member from its text (ip_addr, ipv4_addr: what `what` names in the error).
template <class Addr>
status get_addr(const json& o, const char* key, Addr& out, const std::string& path, const char* what) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return jfail(path + "." + key, "missing or not a string");
  auto a = Addr::parse(it->get<std::string>());
  if (!a) return jfail(path + "." + key, std::string("not an ") + what);
  out = *a;
  return {};
}
status get_ip(const json& o, const char* key, ip_addr& out, const std::string& path) {
  return get_addr(o, key, out, path, "IP address");
}
status get_ipv4(const json& o, const char* key, ipv4_addr& out, const std::string& path) {
  return get_addr(o, key, out, path, "IPv4 address");
}

status attrs_from(const json& o, std::vector<bgp::path_attribute>& out, const std::string& path) {
  auto it = o.find("bgp_attributes");
  if (it == o.end() || !it->is_array()) return jfail(path + ".bgp_attributes", "missing or not a list");
  for (std::size_t i = 0; i < it->size(); ++i) {
    auto a = bgp::path_attribute_from_json((*it)[i]);
    if (!a) {
      error e = a.take_error();
      e.field = fmt::format("{}.bgp_attributes[{}]{}", path, i, e.field.size() > 1 ? e.field.substr(1) : "");
      return e;
    }
    out.push_back(std::move(*a));
  }
  return {};
}

status entries_from(const json& o, std::vector<rib_entry>& out, const std::string& path) {
  auto it = o.find("rib_entries");
  if (it == o.end() || !it->is_array()) return jfail(path + ".rib_entries", "missing or not a list");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string p = fmt::format("{}.rib_entries[{}].MrtRibEntry", path, i);
    const json& w = (*it)[i];
    if (!w.is_object() || !w.contains("MrtRibEntry")) return jfail(p, "expected {\"MrtRibEntry\": {...}}");
    const json& e = w["MrtRibEntry"];
    rib_entry r;
    WIREKIT_TRY(get_uint(e, "peer_index", r.peer_index, p));
    WIREKIT_TRY(get_uint(e, "originated_time", r.originated_time, p));
    if (e.contains("path_id") && !e["path_id"].is_null()) {
      std::uint32_t pid = 0;
      WIREKIT_TRY(get_uint(e, "path_id", pid, p));
      r.path_id = pid;
    }
    if (e.contains("attr_len")) WIREKIT_TRY(get_uint(e, "attr_len", r.attr_len, p));
    WIREKIT_TRY(attrs_from(e, r.bgp_attributes, p));
    out.push_back(std::move(r));
  }
  return {};
}

status nlri_from(const json& j, bgp::family f, bgp::nlri_list& out, const std::string& path) {
  auto l = bgp::nlri_from_json(json::array({j}), f);
  if (!l) {
    error e = l.take_error();
    e.field = path + e.field;
    return e;
  }
  out = std::move(*l);
  return {};
}

}  // namespace

result<record> from_json(const json& j) {
  if (!j.is_object() || j.size() != 1) return json_error("$", "expected {\"<Class>MrtRecord\": {...}}");
  const std::string cls = j.begin().key();
  const json& o = j.begin().value();
  const std::string p = "$." + cls;
  record r;
  WIREKIT_TRY(get_uint(o, "type", r.hdr.type, p));
  WIREKIT_TRY(get_uint(o, "subtype", r.hdr.subtype, p));
  WIREKIT_TRY(get_uint(o, "timestamp", r.hdr.timestamp, p));
  if (o.contains("length")) WIREKIT_TRY(get_uint(o, "length", r.hdr.length, p));
  if (has_extended_timestamp(r.hdr.type) && o.contains("ms_timestamp"))
    WIREKIT_TRY(get_uint(o, "ms_timestamp", r.hdr.microsecond, p));
  if (cls != record_class(r.hdr.type)) return json_error(p, "record class does not match the type");
  auto mit = o.find("message");
  if (mit == o.end() || !mit->is_object() || mit->size() != 1) return json_error(p + ".message", "expected one class");
  const std::string mcls = mit->begin().key();
  const json& m = mit->begin().value();
  const std::string mp = p + ".message." + mcls;
  const header& h = r.hdr;
  if (mcls == "UnknownMrtMessage") {
    unknown_body u;
    if (!m.contains("buf") || !m["buf"].is_string() || !base64_decode(m["buf"].get<std::string>(), u.data))
      return json_error(mp + ".buf", "missing or not base64");
    r.msg = std::move(u);
    return r;
  }
  if (h.type == type::table_dump && h.subtype >= 1 && h.subtype <= 4 && mcls == table_dump_class(h.subtype)) {
    table_dump t;
    WIREKIT_TRY(get_uint(m, "view_num", t.view_num, mp));
    WIREKIT_TRY(get_uint(m, "seq_num", t.seq_num, mp));
    WIREKIT_TRY(get_ip(m, "prefix", t.prefix, mp));
    WIREKIT_TRY(get_uint(m, "prefix_len", t.prefix_len, mp));
    WIREKIT_TRY(get_uint(m, "status", t.status, mp));
    WIREKIT_TRY(get_uint(m, "originated_time", t.originated_time, mp));
    WIREKIT_TRY(get_ip(m, "peer_ip", t.peer_ip, mp));
    WIREKIT_TRY(get_uint(m, "peer_as", t.peer_as, mp));
    if (m.contains("attr_len")) WIREKIT_TRY(get_uint(m, "attr_len", t.attr_len, mp));
    WIREKIT_TRY(attrs_from(m, t.bgp_attributes, mp));
    r.msg = std::move(t);
    return r;
  }
  if (h.type == type::table_dump_v2 && mcls == "TableDump2PeerIndexTableMrtMessage") {
    peer_index_table t;
    WIREKIT_TRY(get_ipv4(m, "bgp_id", t.bgp_id, mp));
    bytes vn;
    if (!m.contains("view_name") || !m["view_name"].is_string() || !base64_decode(m["view_name"].get<std::string>(), vn))
      return json_error(mp + ".view_name", "missing or not base64");
    t.view_name.assign(reinterpret_cast<const char*>(vn.data()), vn.size());
    if (!m.contains("peer_entries") || !m["peer_entries"].is_array())
      return json_error(mp + ".peer_entries", "missing or not a list");
    for (std::size_t i = 0; i < m["peer_entries"].size(); ++i) {
      const json& w = m["peer_entries"][i];
      const std::string pp = fmt::format("{}.peer_entries[{}].MrtPeer", mp, i);
      if (!w.is_object() || !w.contains("MrtPeer")) return json_error(pp, "expected {\"MrtPeer\": {...}}");
      const json& e = w["MrtPeer"];
      peer_entry pe;
      WIREKIT_TRY(get_uint(e, "type", pe.type, pp));
      WIREKIT_TRY(get_ipv4(e, "bgp_id", pe.bgp_id, pp));
      WIREKIT_TRY(get_ip(e, "ip_addr", pe.ip, pp));
      WIREKIT_TRY(get_uint(e, "as_num", pe.as_num, pp));
      t.peer_entries.push_back(std::move(pe));
    }
    r.msg = std::move(t);
    return r;
  }
  if (h.type == type::table_dump_v2 && mcls == rib_class(h.subtype) && mcls.find("Generic") == std::string::npos) {
    rib t;
    WIREKIT_TRY(get_uint(m, "seq_num", t.seq_num, mp));
    if (!m.contains("prefix")) return json_error(mp + ".prefix", "missing");
    bgp::nlri_list l;
    WIREKIT_TRY(nlri_from(m["prefix"], rib_family_of(h.subtype), l, mp + ".prefix"));
    auto* v = std::get_if<std::vector<bgp::prefix_nlri>>(&l);
    if (!v || v->size() != 1) return json_error(mp + ".prefix", "expected one prefix");
    t.prefix = (*v)[0];
    WIREKIT_TRY(entries_from(m, t.rib_entries, mp));
    r.msg = std::move(t);
    return r;
  }
  if (h.type == type::table_dump_v2 && mcls == rib_class(h.subtype)) {
    rib_generic t;
    WIREKIT_TRY(get_uint(m, "seq_num", t.seq_num, mp));
    WIREKIT_TRY(get_uint(m, "afi", t.afi, mp));
    WIREKIT_TRY(get_uint(m, "safi", t.safi, mp));
    if (!m.contains("nlri")) return json_error(mp + ".nlri", "missing");
    const json& n = m["nlri"];
    if (n.is_object() && n.contains("BGPUnknownNLRI")) {
      bgp::unknown_nlri u;
      const json& v = n["BGPUnknownNLRI"];
      if (!v.contains("value") || !v["value"].is_string() || !base64_decode(v["value"].get<std::string>(), u.value))
        return json_error(mp + ".nlri", "bad BGPUnknownNLRI");
      t.nlri = std::move(u);
    } else {
      WIREKIT_TRY(nlri_from(n, {t.afi, t.safi}, t.nlri, mp + ".nlri"));
    }
    WIREKIT_TRY(entries_from(m, t.rib_entries, mp));
    r.msg = std::move(t);
    return r;
  }
  if ((h.type == type::bgp4mp || h.type == type::bgp4mp_et) &&
      (mcls == "Bgp4MpStateChangeMrtMessage" || mcls == "Bgp4MpStateChangeAs4MrtMessage")) {
    bgp4mp_state_change t;
    WIREKIT_TRY(get_uint(m, "peer_as", t.peer_as, mp));
    WIREKIT_TRY(get_uint(m, "local_as", t.local_as, mp));
    WIREKIT_TRY(get_uint(m, "if_index", t.if_index, mp));
    WIREKIT_TRY(get_uint(m, "afi", t.afi, mp));
    WIREKIT_TRY(get_ip(m, "peer_ip", t.peer_ip, mp));
    WIREKIT_TRY(get_ip(m, "local_ip", t.local_ip, mp));
    WIREKIT_TRY(get_uint(m, "old_state", t.old_state, mp));
    WIREKIT_TRY(get_uint(m, "new_state", t.new_state, mp));
    r.msg = std::move(t);
    return r;
  }
  if ((h.type == type::bgp4mp || h.type == type::bgp4mp_et) && mcls == bgp4mp_message_class(h.subtype)) {
    bgp4mp_message t;
    WIREKIT_TRY(get_uint(m, "peer_as", t.peer_as, mp));
    WIREKIT_TRY(get_uint(m, "local_as", t.local_as, mp));
    WIREKIT_TRY(get_uint(m, "if_index", t.if_index, mp));
    WIREKIT_TRY(get_uint(m, "afi", t.afi, mp));
    WIREKIT_TRY(get_ip(m, "peer_ip", t.peer_ip, mp));
    WIREKIT_TRY(get_ip(m, "local_ip", t.local_ip, mp));
    if (!m.contains("bgp_message")) return json_error(mp + ".bgp_message", "missing");
    auto bm = bgp::message_from_json(m["bgp_message"]);
    if (!bm) {
      error e = bm.take_error();
      e.field = mp + ".bgp_message" + (e.field.size() > 1 ? e.field.substr(1) : "");
      return e;
    }
    t.bgp_message = std::move(*bm);
    r.msg = std::move(t);
    return r;
  }
  return json_error(mp, "message class does not match the record's type/subtype");
}

}  // namespace wirekit::mrt
