// OpenFlow 1.4/1.5 messages of of15.hpp: registry entries, the irregular codecs (OXS TLVs,
// flow updates, embedded messages) and their JSON. Kept apart from versions.cpp so that each
// translation unit stays small enough to build quickly.
#include "registry.hpp"
#include "wirekit/openflow/of15.hpp"

namespace wirekit::openflow {
namespace {

// An embedded message: its header's length bounds it; same version as the enclosing message; no
// bundle add or request forward inside one (the nesting depth stays one).
status decode_embedded(reader& r, embedded_message& e, const char* what) {
  if (!r.has(header_size)) return truncated_error(proto_name, what, r.offset(), header_size, r.remaining());
  const std::uint8_t version = r.peek8(0), type = r.peek8(1);
  const std::size_t len = load_be16(r.data() + 2);
  if (len < header_size || len > r.remaining()) return detail::bad_length(what, r.offset() + 2, len, header_size, r.remaining());
  if (version != detail::decode_version())
    return make_error(proto_name, std::string(what) + ".version", r.offset(), "not the enclosing message's version");
  if (type == of14::bundle_add_msg::msg_type || type == of14::request_forward::msg_type)
    return make_error(proto_name, std::string(what) + ".type", r.offset() + 1, "a bundle add or request forward inside one");
  const std::size_t at = r.offset();
  auto m = openflow::decode(r.take(len));
  if (!m) {
    error err = m.take_error();
    err.offset += at;
    return err;
  }
  e.msg = std::move(*m);
  e.xid_from_wire = true;
  return {};
}
// Written with the enclosing message's version (its header precedes body_start); with its own
// xid when decoded, else (outer_xid) the enclosing message's or (!outer_xid) 0.
status encode_embedded(writer& w, const embedded_message& e, std::size_t body_start, const char* what, bool outer_xid) {
  if (!e.msg.ops || !e.msg.body) return make_error(proto_name, what, w.size(), "no message");
  if (body_start < header_size) return make_error(proto_name, what, w.size(), "not inside a message");
  message m = e.msg;
  const std::byte* hdr = w.buffer().data() + body_start - header_size;
  if (m.version != std::to_integer<std::uint8_t>(hdr[0]))
    return make_error(proto_name, what, w.size(), "not the enclosing message's version");
  if (!e.xid_from_wire) m.xid = outer_xid ? load_be32(hdr + 4) : 0;
  return openflow::encode(m, w.buffer());
}

}  // namespace

namespace of14 {

status flow_monitor_reply::body_codec::decode(reader& r, flow_monitor_reply& o, const char* p) {
  o.body.clear();
  while (!r.empty()) {
    if (!r.has(4)) return truncated_error(p, "OFPFlowUpdate", r.offset(), 4, r.remaining());
    const std::uint16_t event = load_be16(r.data() + 2);
    const std::size_t before = r.remaining();
    status st = make_error(p, "OFPFlowUpdate.event", r.offset() + 2, "unknown event " + std::to_string(event));
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&](auto tag) {
        using T = typename decltype(tag)::type;
        if (!T::event_match(event) || st.ok()) return;
        T x{};
        st = detail::decode_elem(r, x);
        if (st) o.body.emplace_back(std::move(x));
      };
      (one(std::type_identity<std::variant_alternative_t<I, flow_update>>{}), ...);
    }(std::make_index_sequence<std::variant_size_v<flow_update>>{});
    WIREKIT_TRY(st);
    if (r.remaining() >= before) return make_error(p, "OFPFlowUpdate", r.offset(), "element of length 0");
  }
  return {};
}
status flow_monitor_reply::body_codec::encode(writer& w, const flow_monitor_reply& o, std::size_t) {
  return detail::encode_list(w, o.body);
}

status bundle_add_msg::body_codec::decode(reader& r, bundle_add_msg& o, const char*) {
  const std::size_t at = r.offset();
  WIREKIT_TRY(decode_embedded(r, o.message, "message"));
  const std::size_t len = r.offset() - at;
  if (!r.empty()) r.skip(std::min((8 - len % 8) % 8, r.remaining()));  // padding before properties
  return detail::decode_list(r, o.properties, "OFPBundleProp");
}
status bundle_add_msg::body_codec::encode(writer& w, const bundle_add_msg& o, std::size_t start) {
  const std::size_t at = w.size();
  WIREKIT_TRY(encode_embedded(w, o.message, start, "message", true));
  if (!o.properties.empty()) w.pad_to(at, 8);
  return detail::encode_list(w, o.properties);
}

status request_forward::body_codec::decode(reader& r, request_forward& o, const char*) {
  WIREKIT_TRY(decode_embedded(r, o.request, "request"));
  if (!r.empty()) return make_error(proto_name, "request", r.offset(), "bytes after the forwarded request");
  return {};
}
status request_forward::body_codec::encode(writer& w, const request_forward& o, std::size_t start) {
  return encode_embedded(w, o.request, start, "request", false);
}

}  // namespace of14

namespace of15 {

status oxs_tlv::wire_decode(reader& r, oxs_tlv& o) {
  if (!r.has(4)) return truncated_error(proto_name, "OXSTlv", r.offset(), 4, r.remaining());
  const std::uint32_t h = r.u32();
  o.oxs_class = static_cast<std::uint16_t>(h >> 16);
  o.field = (h >> 9) & 0x7f;
  const std::size_t n = h & 0xff;
  if (!r.has(n)) return truncated_error(proto_name, "OXSTlv.value", r.offset(), n, r.remaining());
  auto b = r.take(n);
  o.value.assign(b.begin(), b.end());
  return {};
}
status oxs_tlv::wire_encode(writer& w, const oxs_tlv& o) {
  if (o.value.size() > 0xff) return make_error(proto_name, "OXSTlv.value", w.size(), "longer than 255 bytes");
  w.u32((std::uint32_t(o.oxs_class) << 16) | (std::uint32_t(o.field & 0x7f) << 9) | o.value.size());
  w.put(o.value);
  return {};
}

status aggregate_stats::stats_codec::decode(reader& r, aggregate_stats& o, const char*) {
  WIREKIT_TRY(detail::decode_elem(r, o.stats));
  o.length = static_cast<std::uint16_t>((o.stats.length + 7u) / 8u * 8u);
  return {};
}
status aggregate_stats::stats_codec::encode(writer& w, const aggregate_stats& o, std::size_t) {
  return detail::encode_elem(w, o.stats);
}

status controller_status_prop_uri::uri_codec::decode(reader& r, controller_status_prop_uri& o, const char*) {
  auto b = r.take(r.remaining());
  o.uri.v.assign(reinterpret_cast<const char*>(b.data()), b.size());
  return {};
}
status controller_status_prop_uri::uri_codec::encode(writer& w, const controller_status_prop_uri& o, std::size_t) {
  w.put(o.uri.v.data(), o.uri.v.size());
  return {};
}

}  // namespace of15

namespace onf {

status flow_monitor_request::match_codec::decode(reader& r, flow_monitor_request& o, const char*) {
  if (!r.has(o.match_len)) return detail::bad_length("match_len", r.offset(), o.match_len, 0, r.remaining());
  reader sub = r.sub(o.match_len);
  WIREKIT_TRY(detail::decode_list(sub, o.match.oxm_fields, "OXMTlv"));
  o.match.type = 1;
  o.match.length = static_cast<std::uint16_t>(o.match_len + 4u);
  r.skip(std::min<std::size_t>((8 - o.match_len % 8) % 8, r.remaining()));
  return {};
}
status flow_monitor_request::match_codec::encode(writer& w, const flow_monitor_request& o, std::size_t start) {
  const std::size_t at = w.size();
  WIREKIT_TRY(detail::encode_list(w, o.match.oxm_fields));
  if (w.size() - at > 0xffff - 4) return make_error(proto_name, "match_len", at, "match longer than 65531 bytes");
  w.patch_u16(start + 6, w.size() - at);
  w.pad_to(at, 8);
  return {};
}

}  // namespace onf
}  // namespace wirekit::openflow

namespace wirekit::json_glue {

// OXS: the OpenFlow-basic statistics fields os-ken names, with their value forms.
namespace {
struct oxs_def {
  const char* name;
  std::uint8_t field;
  std::uint8_t size;
  bool pair;  // two 32-bit integers (seconds, nanoseconds)
};
constexpr oxs_def oxs_defs[] = {{"duration", 0, 8, true},
                                {"idle_time", 1, 8, true},
                                {"flow_count", 3, 4, false},
                                {"packet_count", 4, 8, false},
                                {"byte_count", 5, 8, false}};
const oxs_def* oxs_known(const openflow::of15::oxs_tlv& t) {
  if (t.oxs_class != 0x8002) return nullptr;
  for (const auto& d : oxs_defs)
    if (d.field == t.field && d.size == t.value.size()) return &d;
  return nullptr;
}
}  // namespace

template <>
struct json_traits<openflow::of15::oxs_tlv> {
  static void to(json& j, const openflow::of15::oxs_tlv& v) {
    json in = json::object();
    if (const oxs_def* d = oxs_known(v)) {
      in["field"] = d->name;
      if (d->pair)
        in["value"] = json::array({load_be32(v.value.data()), load_be32(v.value.data() + 4)});
      else
        in["value"] = load_be(v.value.data(), v.value.size());
    } else {
      in["field"] = "field_" + std::to_string((std::uint32_t(v.oxs_class) << 7) | v.field);
      in["value"] = base64_encode(v.value);
    }
    j = json::object();
    j["OXSTlv"] = std::move(in);
  }
  static status from(const json& j, openflow::of15::oxs_tlv& v, const path& p0) {
    if (!j.is_object() || !j.contains("OXSTlv")) return type_error(p0, "{\"OXSTlv\": {...}}", j);
    const json& in = j["OXSTlv"];
    auto p = p0["OXSTlv"];
    if (!in.is_object() || !in.contains("field") || !in["field"].is_string() || !in.contains("value"))
      return type_error(p, "an object with a field name and a value", in);
    const std::string& n = in["field"].get_ref<const std::string&>();
    const json& val = in["value"];
    for (const auto& d : oxs_defs) {
      if (n != d.name) continue;
      v.oxs_class = 0x8002;
      v.field = d.field;
      v.value.assign(d.size, std::byte{0});
      if (d.pair) {
        std::uint32_t a = 0, b = 0;
        if (!val.is_array() || val.size() != 2) return type_error(p["value"], "[seconds, nanoseconds]", val);
        WIREKIT_TRY(from_json_value(val[0], a, p["value"][0L]));
        WIREKIT_TRY(from_json_value(val[1], b, p["value"][1L]));
        store_be32(v.value.data(), a);
        store_be32(v.value.data() + 4, b);
      } else if (d.size == 4) {
        std::uint32_t x = 0;
        WIREKIT_TRY(from_json_value(val, x, p["value"]));
        store_be32(v.value.data(), x);
      } else {
        std::uint64_t x = 0;
        WIREKIT_TRY(from_json_value(val, x, p["value"]));
        store_be(v.value.data(), x, 8);
      }
      return {};
    }
    if (n.rfind("field_", 0) == 0 && n.size() > 6 && n.size() <= 13 &&
        n.find_first_not_of("0123456789", 6) == std::string::npos) {
      const unsigned long num = std::stoul(n.substr(6));
      if (num > 0x7fffff) return type_error(p["field"], "an OXS field number below 2^23", in["field"]);
      v.oxs_class = static_cast<std::uint16_t>(num >> 7);
      v.field = num & 0x7f;
      return from_json_value(val, v.value, p["value"]);
    }
    return json_error(p["field"].str(), "unknown OXS field '" + n + "'");
  }
};

// An embedded message: its own {"OFPClassName": {...}} in the enclosing message's version. Keys
// whose value is null take the class's defaults (os-ken's constructor arguments left as None).
template <>
struct json_traits<openflow::embedded_message> {
  static void to(json& j, const openflow::embedded_message& v) { j = openflow::to_json(v.msg); }
  static status from(const json& j, openflow::embedded_message& v, const path& p) {
    if (!j.is_object() || j.size() != 1 || !j.begin().value().is_object())
      return type_error(p, "{\"OFPClassName\": {...}}", j);
    json in = json::object();
    for (auto it = j.begin().value().begin(); it != j.begin().value().end(); ++it)
      if (!it.value().is_null()) in[it.key()] = it.value();
    json one = json::object();
    one[j.begin().key()] = std::move(in);
    auto m = openflow::from_json(one, openflow::detail::json_version(), 0);
    if (!m) {
      error e = m.take_error();
      return json_error(p.str() + e.field.substr(e.field.rfind('$', 0) == 0 ? 1 : 0), e.reason);
    }
    v.msg = std::move(*m);
    v.xid_from_wire = false;
    return {};
  }
};

// OpenFlow 1.2 features reply ports: an object keyed by port number (text), as os-ken shows them.
template <>
struct json_traits<openflow::of12::port_map> {
  static void to(json& j, const openflow::of12::port_map& v) {
    j = json::object();
    for (const auto& p : v.ports) to_json_value(j[std::to_string(p.port_no)], p);
  }
  static status from(const json& j, openflow::of12::port_map& v, const path& p) {
    v.ports.clear();
    if (j.is_null()) return {};
    if (!j.is_object()) return type_error(p, "an object of ports", j);
    for (auto it = j.begin(); it != j.end(); ++it) {
      openflow::of13::port pp;
      WIREKIT_TRY(from_json_value(it.value(), pp, p[it.key().c_str()]));
      v.ports.push_back(std::move(pp));
    }
    return {};
  }
};

}  // namespace wirekit::json_glue

namespace wirekit::openflow::detail {

template <>
struct class_collector<of12::port_map> {
  static void run(std::set<std::string>& s) { collect_classes<of13::port>(s); }
};

void register_of12_more(std::vector<msg_ops>& v, std::uint8_t version) {
  add_all<of12::switch_features>(v, version);
}

void register_of13_more(std::vector<msg_ops>& v, std::uint8_t version) {
  add_all<onf::flow_monitor_stats_request>(v, version);
}

void register_of14_more(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of14;
  add_all<flow_stats_reply, port_stats_reply, queue_stats_reply, queue_desc_stats_request, queue_desc_stats_reply,
          flow_monitor_request, flow_monitor_reply, bundle_add_msg, request_forward>(v, version);
}

void register_of15_more(std::vector<msg_ops>& v, std::uint8_t version) {
  add_all<of14::port_stats_reply, of14::queue_stats_reply, of14::queue_desc_stats_request, of14::queue_desc_stats_reply,
          of14::flow_monitor_request, of14::flow_monitor_reply, of14::bundle_add_msg, of14::request_forward>(v, version);
  using namespace of15;
  add_all<of15::flow_stats_request, of15::flow_stats_reply, flow_desc_stats_request, flow_desc_stats_reply,
          of15::aggregate_stats_reply, of15::flow_removed, of15::group_mod, of15::group_desc_stats_request,
          of15::group_desc_stats_reply, of15::port_desc_stats_request, of15::role_request, of15::role_reply,
          of15::meter_stats_reply, meter_desc_stats_request, meter_desc_stats_reply, of15::meter_features_stats_reply,
          of15::table_features_stats_request, of15::table_features_stats_reply, controller_status,
          controller_status_stats_request, controller_status_stats_reply, bundle_features_stats_request,
          bundle_features_stats_reply>(v, version);
}

}  // namespace wirekit::openflow::detail
