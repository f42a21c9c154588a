// os-ken JSON of BMP messages (json-conventions.md §6; docs/bmp.md for the forms os-ken lacks).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "wirekit/bmp/bmp.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::bmp {

using json = nlohmann::json;
using json_glue::path;
using json_glue::type_error;

namespace {

// ---- to JSON -----------------------------------------------------------------------------------

std::uint8_t osken_flags(const peer_header& h) {
  return std::uint8_t((h.flags & (peer_flag::l | peer_flag::o)) | (h.peer_address.is_v6() ? peer_flag::v : 0));
}

void header_to(json& j, const message& m, std::uint32_t len) {
  j["version"] = version;
  j["len"] = len;
  j["type"] = type_of(m);
}

void peer_to(json& j, const peer_header& h) {
  j["peer_type"] = h.peer_type;
  j["is_post_policy"] = h.is_post_policy();
  j["is_adj_rib_out"] = h.is_adj_rib_out();
  j["peer_distinguisher"] = h.peer_distinguisher;
  j["peer_address"] = h.peer_address.to_string();
  j["peer_as"] = h.peer_as;
  j["peer_bgp_id"] = h.peer_bgp_id.to_string();
  j["timestamp"] = h.timestamp();
  if (h.timestamp_usec > 999999) {  // not a microsecond count: the float cannot say it, the raw fields do
    j["timestamp_sec"] = h.timestamp_sec;
    j["timestamp_usec"] = h.timestamp_usec;
  }
  // os-ken's keys say L, O and (by the address form) V; for Loc-RIB peers (RFC 9069) bit 0x80
  // is the F flag, shown explicitly.
  if (h.flags != osken_flags(h) || (h.peer_type >= peer_type::loc_rib && h.flags != 0)) j["peer_flags"] = h.flags;
}

json b64(bytes_view b) { return base64_encode(b); }

json tlvs_to(const std::vector<tlv>& v, bool termination) {
  json a = json::array();
  for (const auto& t : v) {
    json e;
    e["type"] = t.type;
    e["len"] = t.len;
    if (termination && t.type == term_type::reason && t.value.size() == 2)
      e["value"] = load_be16(t.value.data());
    else
      e["value"] = b64(t.value);
    a.push_back(std::move(e));
  }
  return a;
}

// os-ken reads these stat types as integers (4 or 8 bytes); the others stay base64.
std::size_t osken_stat_width(std::uint16_t type) {
  if (type <= stat_type::as_confed_loop) return 4;
  if (type == stat_type::adj_rib_in || type == stat_type::loc_rib || type == stat_type::adj_rib_out_pre ||
      type == stat_type::adj_rib_out_post)
    return 8;
  return 0;
}

struct to_visitor {
  json& j;
  const message& m;
  void operator()(const route_monitoring& x) {
    header_to(j, m, x.len);
    peer_to(j, x.peer);
    j["bgp_update"] = bgp::to_json(x.bgp_update);
  }
  void operator()(const statistics_report& x) {
    header_to(j, m, x.len);
    peer_to(j, x.peer);
    json a = json::array();
    for (const auto& s : x.stats) {
      json e;
      e["type"] = s.type;
      e["len"] = s.len;
      const std::size_t w = osken_stat_width(s.type);
      if (w && s.value.size() == w)
        e["value"] = load_be(s.value.data(), w);
      else
        e["value"] = b64(s.value);
      a.push_back(std::move(e));
    }
    j["stats"] = std::move(a);
  }
  void operator()(const peer_down& x) {
    header_to(j, m, x.len);
    peer_to(j, x.peer);
    j["reason"] = x.reason;
    switch (x.reason) {
      case peer_down_reason::local_notification:
      case peer_down_reason::remote_notification:
        j["data"] = x.notification ? bgp::to_json(*x.notification) : json(nullptr);
        break;
      case peer_down_reason::local_no_notification: j["data"] = json::array({x.fsm_event}); break;
      case peer_down_reason::remote_no_notification: j["data"] = nullptr; break;
      case peer_down_reason::local_closed: j["data"] = tlvs_to(x.info, false); break;
      default: j["data"] = b64(x.data);
    }
  }
  void operator()(const peer_up& x) {
    header_to(j, m, x.len);
    peer_to(j, x.peer);
    j["local_address"] = base64_encode(as_bytes(x.local_address.to_string()));  // os-ken: base64 of the text
    j["local_port"] = x.local_port;
    j["remote_port"] = x.remote_port;
    j["sent_open_message"] = bgp::to_json(x.sent_open_message);
    j["received_open_message"] = bgp::to_json(x.received_open_message);
    if (!x.info.empty()) j["info"] = tlvs_to(x.info, false);
  }
  void operator()(const initiation& x) {
    header_to(j, m, x.len);
    j["info"] = tlvs_to(x.info, false);
  }
  void operator()(const termination& x) {
    header_to(j, m, x.len);
    j["info"] = tlvs_to(x.info, true);
  }
  void operator()(const route_mirroring& x) {
    header_to(j, m, x.len);
    peer_to(j, x.peer);
    json a = json::array();
    for (const auto& t : x.tlvs) {
      json e;
      e["type"] = t.type;
      e["len"] = t.len;
      if (t.message)
        e["value"] = bgp::to_json(*t.message);
      else if (auto c = t.code())
        e["value"] = *c;
      else
        e["value"] = b64(t.value);
      a.push_back(std::move(e));
    }
    j["tlvs"] = std::move(a);
  }
  void operator()(const unknown_msg& x) {
    header_to(j, m, x.len);
    j["data"] = b64(x.data);
  }
};

// ---- from JSON -----------------------------------------------------------------------------------

template <class T>
status get(const json& o, const char* key, T& v, const path& p) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return {};
  return json_glue::from_json_value(*it, v, p[key]);
}

status bgp_from(const json& j, bgp::message& out, const path& p) {
  auto m = bgp::message_from_json(j);
  if (!m) {
    error e = m.take_error();
    if (e.json && e.field.rfind('$', 0) == 0) e.field = p.str() + e.field.substr(1);
    return e;
  }
  out = std::move(*m);
  return {};
}

status bgp_member(const json& o, const char* key, bgp::message& out, const path& p) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return json_error(p[key].str(), "missing (a wrapped BGP message)");
  return bgp_from(*it, out, p[key]);
}

status timestamp_from(const json& j, peer_header& h, const path& p) {
  if (!j.is_number()) return type_error(p, "a number (seconds)", j);
  if (j.is_number_integer() || j.is_number_unsigned()) {
    std::uint32_t s = 0;
    WIREKIT_TRY(json_glue::from_json_value(j, s, p));
    h.timestamp_sec = s;
    h.timestamp_usec = 0;
    return {};
  }
  const double d = j.get<double>();
  if (!(d >= 0) || d >= 4294967296.0) return type_error(p, "a timestamp between 0 and 2^32", j);
  // os-ken: "%.6f" % timestamp, split at the dot.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", d);
  char* dot = nullptr;
  const unsigned long long sec = std::strtoull(buf, &dot, 10);
  const unsigned long long usec = (dot && *dot == '.') ? std::strtoull(dot + 1, nullptr, 10) : 0;
  if (sec > 0xffffffffull) return type_error(p, "a timestamp between 0 and 2^32", j);
  h.timestamp_sec = std::uint32_t(sec);
  h.timestamp_usec = std::uint32_t(usec);
  return {};
}

status peer_from(const json& o, peer_header& h, const path& p) {
  h = peer_header{};
  WIREKIT_TRY(get(o, "peer_type", h.peer_type, p));
  bool post = false, out = false;
  WIREKIT_TRY(get(o, "is_post_policy", post, p));
  WIREKIT_TRY(get(o, "is_adj_rib_out", out, p));
  WIREKIT_TRY(get(o, "peer_distinguisher", h.peer_distinguisher, p));
  h.peer_address.v = ipv4_addr{};
  WIREKIT_TRY(get(o, "peer_address", h.peer_address, p));
  WIREKIT_TRY(get(o, "peer_as", h.peer_as, p));
  WIREKIT_TRY(get(o, "peer_bgp_id", h.peer_bgp_id, p));
  if (o.contains("timestamp_sec") && o.contains("timestamp_usec")) {
    WIREKIT_TRY(get(o, "timestamp_sec", h.timestamp_sec, p));
    WIREKIT_TRY(get(o, "timestamp_usec", h.timestamp_usec, p));
  } else if (auto it = o.find("timestamp"); it != o.end() && !it->is_null()) {
    WIREKIT_TRY(timestamp_from(*it, h, p["timestamp"]));
  }
  if (auto it = o.find("peer_flags"); it != o.end() && !it->is_null()) {
    WIREKIT_TRY(json_glue::from_json_value(*it, h.flags, p["peer_flags"]));
    if (bool(h.flags & peer_flag::v) != h.peer_address.is_v6())
      return json_error(p["peer_flags"].str(), fmt::format("flag 0x80 (V) disagrees with peer_address {}",
                                                           h.peer_address.to_string()));
  } else {
    h.flags = std::uint8_t((post ? peer_flag::l : 0) | (out ? peer_flag::o : 0) |
                           (h.peer_address.is_v6() ? peer_flag::v : 0));
  }
  return {};
}

status value_bytes(const json& j, bytes& out, const path& p) { return json_glue::from_json_value(j, out, p); }

// A 16-bit number value (a termination reason, a route mirroring information code) as its 2 bytes.
status u16_value(const json& v, bytes& out, const path& p) {
  std::uint16_t x = 0;
  WIREKIT_TRY(json_glue::from_json_value(v, x, p));
  out.resize(2);
  store_be16(out.data(), x);
  return {};
}

// The TLV list o[key] in os-ken's form [{"type", "len", "value"}, ...] ("len" is recomputed):
// value(v, t, path) reads one element's value into t.value (or t's typed member), given the
// element's type in t.type. A value longer than 65535 bytes is an error.
template <class Tlv, class Value>
status tlv_list_from(const json& o, const char* key, std::vector<Tlv>& out, const path& p, Value value) {
  out.clear();
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return {};
  const path pl = p[key];
  if (!it->is_array()) return type_error(pl, "a list of {\"type\", \"len\", \"value\"}", *it);
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    const path pe = pl[long(i)];
    if (!e.is_object()) return type_error(pe, "an object {\"type\", \"len\", \"value\"}", e);
    Tlv t;
    WIREKIT_TRY(get(e, "type", t.type, pe));
    auto v = e.find("value");
    if (v == e.end()) return json_error(pe["value"].str(), "missing");
    WIREKIT_TRY(value(*v, t, pe["value"]));
    if (t.value.size() > 0xffff) return json_error(pe["value"].str(), "more than 65535 bytes");
    t.len = std::uint16_t(t.value.size());  // a BGP message's is known once encoded
    out.push_back(std::move(t));
  }
  return {};
}

status tlvs_from(const json& o, const char* key, std::vector<tlv>& out, bool termination, const path& p) {
  return tlv_list_from(o, key, out, p, [&](const json& v, tlv& t, const path& pv) -> status {
    if (termination && t.type == term_type::reason && v.is_number()) return u16_value(v, t.value, pv);
    return value_bytes(v, t.value, pv);
  });
}

status stats_from(const json& o, std::vector<stat_tlv>& out, const path& p) {
  return tlv_list_from(o, "stats", out, p, [&](const json& v, stat_tlv& t, const path& pv) -> status {
    if (!v.is_number()) return value_bytes(v, t.value, pv);
    std::size_t w = osken_stat_width(t.type);
    if (!w && t.type >= stat_type::updates_treated_as_withdraw && t.type <= stat_type::duplicate_updates) w = 4;
    if (!w) return json_error(pv.str(), fmt::format("stat type {} has no integer form: give base64", t.type));
    std::uint64_t x = 0;
    WIREKIT_TRY(json_glue::from_json_value(v, x, pv));
    if (w == 4 && x > 0xffffffffull) return type_error(pv, "a 32-bit counter", v);
    t.value.resize(w);
    store_be(t.value.data(), x, w);
    return {};
  });
}

// local_address: os-ken's base64 of the text; plain address text is accepted too.
status local_address_from(const json& o, peer_up& m, const path& p) {
  auto it = o.find("local_address");
  m.local_address.v = ipv4_addr{};
  if (it == o.end() || it->is_null()) return {};
  const path pa = p["local_address"];
  if (!it->is_string()) return type_error(pa, "base64 of an address text", *it);
  std::string text = it->get<std::string>();
  if (text.find_first_of(".:") == std::string::npos) {
    bytes b;
    if (!base64_decode(text, b)) return type_error(pa, "base64 of an address text", *it);
    text.assign(reinterpret_cast<const char*>(b.data()), b.size());
  }
  auto a = ip_addr::parse(text);
  if (!a) return json_error(pa.str(), fmt::format("'{}' is not an IPv4 or IPv6 address", text));
  m.local_address = *a;
  return {};
}

status mirror_from(const json& o, std::vector<mirror_tlv>& out, const path& p) {
  return tlv_list_from(o, "tlvs", out, p, [&](const json& v, mirror_tlv& t, const path& pv) -> status {
    if (v.is_object()) {
      t.message.emplace();
      return bgp_from(v, *t.message, pv);
    }
    if (v.is_number()) return u16_value(v, t.value, pv);
    return value_bytes(v, t.value, pv);
  });
}

status peer_down_from(const json& o, peer_down& m, const path& p) {
  WIREKIT_TRY(get(o, "reason", m.reason, p));
  auto it = o.find("data");
  const bool absent = it == o.end() || it->is_null();
  const path pd = p["data"];
  switch (m.reason) {
    case peer_down_reason::local_notification:
    case peer_down_reason::remote_notification:
      m.notification.emplace();
      if (absent) return json_error(pd.str(), "missing (a wrapped BGPNotification)");
      return bgp_from(*it, *m.notification, pd);
    case peer_down_reason::local_no_notification:
      if (absent) return {};
      if (it->is_array()) {  // os-ken's one-element tuple
        if (it->size() != 1) return type_error(pd, "[FSM event code]", *it);
        return json_glue::from_json_value((*it)[0], m.fsm_event, pd[0L]);
      }
      return json_glue::from_json_value(*it, m.fsm_event, pd);
    case peer_down_reason::remote_no_notification: return {};
    case peer_down_reason::local_closed: return tlvs_from(o, "data", m.info, false, p);
    default:
      if (absent) return {};
      return value_bytes(*it, m.data, pd);
  }
}

template <class M>
status peer_msg_from(const json& inner, M& m, const path& p) {
  return peer_from(inner, m.peer, p);
}

}  // namespace

json to_json(const message& m) {
  json inner = json::object();
  std::visit(to_visitor{inner, m}, m);
  json j;
  j[class_name(m)] = std::move(inner);
  return j;
}

result<message> from_json(const json& wrapped) {
  const path root;
  if (!wrapped.is_object() || wrapped.size() != 1)
    return type_error(root, "a one-key object naming the BMP class", wrapped);
  const std::string& cls = wrapped.begin().key();
  const json& inner = wrapped.begin().value();
  const path p = root[cls.c_str()];
  if (!inner.is_object()) return type_error(p, "an object", inner);
  if (auto it = inner.find("version"); it != inner.end() && !it->is_null()) {
    unsigned v = 0;
    WIREKIT_TRY(json_glue::from_json_value(*it, v, p["version"]));
    if (v != version) return json_error(p["version"].str(), fmt::format("BMP version {} is not 3", v));
  }
  if (cls == route_monitoring::name) {
    route_monitoring m;
    WIREKIT_TRY(peer_msg_from(inner, m, p));
    WIREKIT_TRY(bgp_member(inner, "bgp_update", m.bgp_update, p));
    return message{std::move(m)};
  }
  if (cls == statistics_report::name) {
    statistics_report m;
    WIREKIT_TRY(peer_msg_from(inner, m, p));
    WIREKIT_TRY(stats_from(inner, m.stats, p));
    return message{std::move(m)};
  }
  if (cls == peer_down::name) {
    peer_down m;
    WIREKIT_TRY(peer_msg_from(inner, m, p));
    WIREKIT_TRY(peer_down_from(inner, m, p));
    return message{std::move(m)};
  }
  if (cls == peer_up::name) {
    peer_up m;
    WIREKIT_TRY(peer_msg_from(inner, m, p));
    WIREKIT_TRY(local_address_from(inner, m, p));
    WIREKIT_TRY(get(inner, "local_port", m.local_port, p));
    WIREKIT_TRY(get(inner, "remote_port", m.remote_port, p));
    WIREKIT_TRY(bgp_member(inner, "sent_open_message", m.sent_open_message, p));
    WIREKIT_TRY(bgp_member(inner, "received_open_message", m.received_open_message, p));
    WIREKIT_TRY(tlvs_from(inner, "info", m.info, false, p));
    return message{std::move(m)};
  }
  if (cls == initiation::name) {
    initiation m;
    WIREKIT_TRY(tlvs_from(inner, "info", m.info, false, p));
    return message{std::move(m)};
  }
  if (cls == termination::name) {
    termination m;
    WIREKIT_TRY(tlvs_from(inner, "info", m.info, true, p));
    return message{std::move(m)};
  }
  if (cls == route_mirroring::name) {
    route_mirroring m;
    WIREKIT_TRY(peer_msg_from(inner, m, p));
    WIREKIT_TRY(mirror_from(inner, m.tlvs, p));
    return message{std::move(m)};
  }
  if (cls == unknown_msg::name) {
    unknown_msg m;
    WIREKIT_TRY(get(inner, "type", m.type, p));
    if (m.type <= msg_type::route_mirroring)
      return json_error(p["type"].str(), fmt::format("type {} has its own class", m.type));
    WIREKIT_TRY(get(inner, "data", m.data, p));
    return message{std::move(m)};
  }
  return json_error(root.str(), fmt::format("unknown BMP class '{}'", cls));
}

}  // namespace wirekit::bmp
