// Nicira actions with irregular bodies: nat (optional ranges), learn (flow specs), controller2
// (properties), and their JSON in os-ken's form (nx_actions.py).
#include "json_detail.hpp"
#include "wirekit/core/json_wide.hpp"

namespace wirekit::openflow {
namespace {
enum : std::uint16_t { ipv4_min = 1, ipv4_max = 2, ipv6_min = 4, ipv6_max = 8, proto_min = 16, proto_max = 32 };
std::size_t round4(std::size_t n) { return (n + 3) / 4 * 4; }
std::size_t spec_src_len(std::uint16_t n_bits) { return (n_bits + 15u) / 16u * 2u; }
}  // namespace

status nx_nat::ranges_codec::decode(reader& r, nx_nat& o, const char* p) {
  if (!r.has(2)) return truncated_error(p, "range_present", r.offset(), 2, r.remaining());
  const std::uint16_t present = r.u16();
  auto addr = [&](auto& dst, std::uint16_t bit, const char* what) -> status {
    dst.v.reset();
    if (!(present & bit)) return {};
    using A = typename std::remove_cvref_t<decltype(*dst.v)>;
    if (!r.has(A::size)) return truncated_error(p, what, r.offset(), A::size, r.remaining());
    dst.v.emplace();
    r.copy(dst.v->b.data(), A::size);
    return {};
  };
  auto port = [&](std::optional<std::uint16_t>& dst, std::uint16_t bit, const char* what) -> status {
    dst.reset();
    if (!(present & bit)) return {};
    if (!r.has(2)) return truncated_error(p, what, r.offset(), 2, r.remaining());
    dst = r.u16();
    return {};
  };
  WIREKIT_TRY(addr(o.range_ipv4_min, ipv4_min, "range_ipv4_min"));
  WIREKIT_TRY(addr(o.range_ipv4_max, ipv4_max, "range_ipv4_max"));
  WIREKIT_TRY(addr(o.range_ipv6_min, ipv6_min, "range_ipv6_min"));
  WIREKIT_TRY(addr(o.range_ipv6_max, ipv6_max, "range_ipv6_max"));
  WIREKIT_TRY(port(o.range_proto_min, proto_min, "range_proto_min"));
  WIREKIT_TRY(port(o.range_proto_max, proto_max, "range_proto_max"));
  r.skip(r.remaining());  // padding to 8
  return {};
}
status nx_nat::ranges_codec::encode(writer& w, const nx_nat& o, std::size_t) {
  std::uint16_t present = 0;
  if (o.range_ipv4_min.v) present |= ipv4_min;
  if (o.range_ipv4_max.v) present |= ipv4_max;
  if (o.range_ipv6_min.v) present |= ipv6_min;
  if (o.range_ipv6_max.v) present |= ipv6_max;
  if (o.range_proto_min) present |= proto_min;
  if (o.range_proto_max) present |= proto_max;
  w.u16(present);
  if (o.range_ipv4_min.v) w.put(o.range_ipv4_min.v->b.data(), 4);
  if (o.range_ipv4_max.v) w.put(o.range_ipv4_max.v->b.data(), 4);
  if (o.range_ipv6_min.v) w.put(o.range_ipv6_min.v->b.data(), 16);
  if (o.range_ipv6_max.v) w.put(o.range_ipv6_max.v->b.data(), 16);
  if (o.range_proto_min) w.u16(*o.range_proto_min);
  if (o.range_proto_max) w.u16(*o.range_proto_max);
  return {};
}

// Specs follow the fixed part up to the end of the action; a zero header is padding.
status nx_learn::specs_codec::decode(reader& r, nx_learn& o, const char* p) {
  o.specs.clear();
  while (r.has(2)) {
    const std::size_t at = r.offset();
    const std::uint16_t hdr = r.u16();
    if (hdr == 0) continue;
    if (hdr & 0xc400) return make_error(p, "NXFlowSpec.header", at, "reserved bits set");
    nx_flow_spec s;
    s.src_immediate = (hdr >> 13) & 1;
    s.dst_type = (hdr >> 11) & 3;
    s.n_bits = hdr & 0x3ff;
    if (s.dst_type == 3) return make_error(p, "NXFlowSpec.header", at, "unknown destination type 3");
    if (s.src_immediate) {
      const std::size_t n = spec_src_len(s.n_bits);
      if (!r.has(n)) return truncated_error(p, "NXFlowSpec.src", r.offset(), n, r.remaining());
      auto b = r.take(n);
      s.src_value.assign(b.begin(), b.end());
    } else {
      if (!r.has(6)) return truncated_error(p, "NXFlowSpec.src", r.offset(), 6, r.remaining());
      s.src_field.hdr = r.u32();
      s.src_ofs = r.u16();
    }
    if (s.dst_type != 2) {
      if (!r.has(6)) return truncated_error(p, "NXFlowSpec.dst", r.offset(), 6, r.remaining());
      s.dst_field.hdr = r.u32();
      s.dst_ofs = r.u16();
    }
    o.specs.push_back(std::move(s));
  }
  r.skip(r.remaining());  // a last odd padding byte
  return {};
}
status nx_learn::specs_codec::encode(writer& w, const nx_learn& o, std::size_t) {
  for (const auto& s : o.specs) {
    if (s.n_bits > 0x3ff) return make_error(proto_name, "NXFlowSpec.n_bits", w.size(), "more than 1023 bits");
    if (s.dst_type > 2) return make_error(proto_name, "NXFlowSpec", w.size(), "unknown destination type");
    w.u16((s.src_immediate ? 0x2000u : 0u) | (std::uint32_t(s.dst_type) << 11) | s.n_bits);
    if (s.src_immediate) {
      if (s.src_value.size() != spec_src_len(s.n_bits))
        return make_error(proto_name, "NXFlowSpec.src", w.size(), "immediate value size does not match n_bits");
      w.put(s.src_value);
    } else {
      w.u32(s.src_field.hdr);
      w.u16(s.src_ofs);
    }
    if (s.dst_type != 2) {
      w.u32(s.dst_field.hdr);
      w.u16(s.dst_ofs);
    }
  }
  return {};
}

// Properties (type, length, value) as os-ken reads them: max_len, controller_id and reason take 4
// bytes after the header whatever the length says; userdata its length, padded as os-ken pads it.
status nx_controller2::props_codec::decode(reader& r, nx_controller2& o, const char* p) {
  o.max_len.reset();
  o.controller_id.reset();
  o.reason.reset();
  o.userdata.reset();
  o.pause = false;
  while (r.has(4)) {
    const std::size_t at = r.offset();
    const std::uint16_t type = r.u16(), length = r.u16();
    if (type == 0 && length == 0) break;  // padding (after an empty userdata property)
    auto need = [&](std::size_t n) -> status {
      if (!r.has(n)) return truncated_error(p, "NXActionController2 property", r.offset(), n, r.remaining());
      return {};
    };
    switch (type) {
      case 0:
        WIREKIT_TRY(need(4));
        o.max_len = r.u16();
        r.skip(2);
        break;
      case 1:
        WIREKIT_TRY(need(4));
        o.controller_id = r.u16();
        r.skip(2);
        break;
      case 2:
        WIREKIT_TRY(need(4));
        o.reason = r.u8();
        r.skip(3);
        break;
      case 3: {
        if (length < 4) return make_error(p, "NXActionController2 userdata length", at + 2, "length below 4");
        const std::size_t n = length - 4u;
        WIREKIT_TRY(need(n));
        auto b = r.take(n);
        o.userdata.emplace();
        for (auto x : b) o.userdata->push_back(std::to_integer<std::uint8_t>(x));
        std::size_t size = round4(n);
        if (size > 4 && size % 8 == 0) size += 4;
        r.skip(std::min(size - n, r.remaining()));
        break;
      }
      case 4:
        o.pause = true;
        r.skip(std::min<std::size_t>(4, r.remaining()));
        break;
      default:
        return make_error(p, "NXActionController2 property type", at, "unknown type " + std::to_string(type));
    }
  }
  r.skip(r.remaining());
  return {};
}
status nx_controller2::props_codec::encode(writer& w, const nx_controller2& o, std::size_t) {
  if (o.max_len) {
    w.u16(0), w.u16(8), w.u16(*o.max_len);
    w.zeros(2);
  }
  if (o.controller_id) {
    w.u16(1), w.u16(8), w.u16(*o.controller_id);
    w.zeros(2);
  }
  if (o.reason) {
    w.u16(2), w.u16(5), w.u8(*o.reason);
    w.zeros(3);
  }
  if (o.userdata) {
    const std::size_t n = o.userdata->size();
    if (n > 0xffff - 4) return make_error(proto_name, "userdata", w.size(), "longer than 65531 bytes");
    w.u16(3), w.u16(4 + n);
    for (auto x : *o.userdata) w.u8(x);
    std::size_t size = round4(n);
    if (n > 4 && size % 8 == 0) size += 4;
    w.zeros(size - n);
  }
  if (o.pause) {
    w.u16(4), w.u16(4);
    w.zeros(4);
  }
  return {};
}

}  // namespace wirekit::openflow

namespace wirekit::json_glue {
using openflow::nx_controller2;
using openflow::nx_reg_load2;
using openflow::nx_flow_spec;

namespace {
json subfield_json(std::uint32_t hdr, std::uint16_t ofs) {
  json f;
  to_json_value(f, openflow::nxm_header{hdr});
  return json::array({f, ofs});
}
status subfield_from(const json& j, std::uint32_t& hdr, std::uint16_t& ofs, const path& p) {
  if (!j.is_array() || j.size() != 2) return type_error(p, "[field, offset]", j);
  openflow::nxm_header h;
  WIREKIT_TRY(from_json_value(j[0], h, p[0L]));
  WIREKIT_TRY(from_json_value(j[1], ofs, p[1L]));
  hdr = h.hdr;
  return {};
}
}  // namespace

void json_traits<nx_flow_spec>::to(json& j, const nx_flow_spec& v) {
  json in = json::object();
  in["n_bits"] = v.n_bits;
  if (v.src_immediate) {
    // An integer as os-ken shows it (beyond 64 bits: a wide integer, see core/json_wide.hpp).
    in["src"] = json_glue::wide_integer(v.src_value);
  } else {
    in["src"] = subfield_json(v.src_field.hdr, v.src_ofs);
  }
  if (v.dst_type == 2)
    in["dst"] = "";
  else
    in["dst"] = subfield_json(v.dst_field.hdr, v.dst_ofs);
  j = json::object();
  j[nx_flow_spec::names[v.dst_type < 3 ? v.dst_type : 0]] = std::move(in);
}

status json_traits<nx_flow_spec>::from(const json& j, nx_flow_spec& v, const path& p0) {
  if (!j.is_object() || j.size() != 1) return type_error(p0, "{\"NXFlowSpecMatch|Load|Output\": {...}}", j);
  const std::string& key = j.begin().key();
  v = nx_flow_spec{};
  bool found = false;
  for (std::uint8_t i = 0; i < 3; ++i)
    if (key == nx_flow_spec::names[i]) v.dst_type = i, found = true;
  if (!found) return json_error(p0.str(), "unknown flow spec class '" + key + "'");
  const json& in = j.begin().value();
  auto p = p0[key.c_str()];
  if (!in.is_object()) return type_error(p, "an object", in);
  if (auto it = in.find("n_bits"); it != in.end()) WIREKIT_TRY(from_json_value(*it, v.n_bits, p["n_bits"]));
  if (v.n_bits > 0x3ff) return type_error(p["n_bits"], "at most 1023", in["n_bits"]);
  const std::size_t n = (v.n_bits + 15u) / 16u * 2u;
  auto src = in.find("src");
  if (src == in.end()) return json_error(p.str(), "missing src");
  if (src->is_array()) {
    WIREKIT_TRY(subfield_from(*src, v.src_field.hdr, v.src_ofs, p["src"]));
  } else if (src->is_string() || json_glue::is_wide_integer(*src)) {
    v.src_immediate = true;
    if (!json_glue::integer_bytes(*src, n, v.src_value))
      return type_error(p["src"], "an integer that fits n_bits", *src);
  } else {
    v.src_immediate = true;
    std::uint64_t x = 0;
    WIREKIT_TRY(from_json_value(*src, x, p["src"]));
    if (n < 8 && (x >> (8 * n)) != 0) return type_error(p["src"], "a value that fits n_bits", *src);
    v.src_value.assign(n, std::byte{0});
    for (std::size_t i = 0; i < n && i < 8; ++i) v.src_value[n - 1 - i] = static_cast<std::byte>(x >> (8 * i));
  }
  if (v.dst_type != 2) {
    auto dst = in.find("dst");
    if (dst == in.end()) return json_error(p.str(), "missing dst");
    WIREKIT_TRY(subfield_from(*dst, v.dst_field.hdr, v.dst_ofs, p["dst"]));
  }
  return {};
}

void json_traits<nx_reg_load2>::to(json& j, const nx_reg_load2& v) {
  json in;
  fields_to_json(in, v);
  json tlv = std::move(in["field"]);
  in.erase("field");
  if (tlv.is_object() && tlv.contains("OXMTlv")) {
    json& t = tlv["OXMTlv"];
    in["dst"] = std::move(t["field"]);
    in["value"] = std::move(t["value"]);
    if (t.contains("mask") && !t["mask"].is_null()) in["mask"] = std::move(t["mask"]);
  }
  j = json::object();
  j[nx_reg_load2::name] = std::move(in);
}
status json_traits<nx_reg_load2>::from(const json& j, nx_reg_load2& v, const path& p0) {
  if (!j.is_object() || j.size() != 1 || !j.contains(nx_reg_load2::name)) return type_error(p0, nx_reg_load2::name, j);
  const json& in = j[nx_reg_load2::name];
  auto p = p0[nx_reg_load2::name];
  WIREKIT_TRY(fields_from_json(in, v, p));
  if (!in.contains("dst") || !in.contains("value")) return json_error(p.str(), "needs dst and value");
  json t = json::object();
  t["field"] = in["dst"];
  t["value"] = in["value"];
  t["mask"] = in.contains("mask") ? in["mask"] : json(nullptr);
  return from_json_value(json{{"OXMTlv", std::move(t)}}, v.field, p["dst"]);
}

void json_traits<nx_controller2>::to(json& j, const nx_controller2& v) {
  json in;
  fields_to_json(in, v);
  for (const char* k : {"max_len", "controller_id", "reason", "userdata"})
    if (in[k].is_null()) in.erase(k);
  if (!v.pause) in.erase("pause");
  j = json::object();
  j[nx_controller2::name] = std::move(in);
}
status json_traits<nx_controller2>::from(const json& j, nx_controller2& v, const path& p) {
  if (!j.is_object() || j.size() != 1 || !j.contains(nx_controller2::name)) return type_error(p, nx_controller2::name, j);
  const json& in = j[nx_controller2::name];
  WIREKIT_TRY(fields_from_json(in, v, p[nx_controller2::name]));
  v.pause = in.contains("pause");  // os-ken writes the pause property whenever the key is there
  return {};
}

}  // namespace wirekit::json_glue
