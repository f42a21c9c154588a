// OXM TLVs (OpenFlow 1.2-1.5): wire form, os-ken field names and value forms.
#include <cstring>

#include "json_detail.hpp"
#include "wirekit/core/json_wide.hpp"

namespace wirekit::openflow {
namespace {

enum class kind { uint, mac, ipv4, ipv6, raw };
struct oxm_def {
  const char* name;
  unsigned versions;  // bit v set: known in wire version v
  std::uint16_t oxm_class;
  std::uint8_t field;
  std::uint32_t experimenter;
  bool ext256;
  std::uint16_t exp_type;
  std::uint8_t size;
  kind k;
};
// Field names, numbers and value types as os-ken's ofproto_v1_{2,3,4,5}.oxm_types name them
// (OpenFlow basic, ONF experimenter, packet registers, Nicira NXM_0/NXM_1/experimenter).
constexpr oxm_def oxm_defs[] = {
#include "oxm_table.inc"
};

// OpenFlow 1.0 has no OXM, but its Nicira actions name NXM fields: the 1.2 names apply.
std::uint8_t table_version(std::uint8_t version) { return version == 1 ? 3 : version; }
const oxm_def* find_by_wire(std::uint8_t version, const oxm_tlv& t) {
  version = table_version(version);
  for (const auto& d : oxm_defs) {
    if (!(d.versions & (1u << version)) || d.oxm_class != t.oxm_class) continue;
    if (t.oxm_class == 0xffff) {
      if (d.experimenter != t.experimenter || d.ext256 != t.onf_ext256) continue;
      if (d.ext256 ? d.exp_type != t.exp_type : d.field != t.field) continue;
      return &d;
    }
    if (d.field == t.field) return &d;
  }
  return nullptr;
}
const oxm_def* find_by_name(std::uint8_t version, const std::string& n) {
  version = table_version(version);
  for (const auto& d : oxm_defs)
    if ((d.versions & (1u << version)) && n == d.name) return &d;
  return nullptr;
}

}  // namespace

status oxm_tlv::wire_decode(reader& r, oxm_tlv& o) {
  const std::size_t at = r.offset();
  if (!r.has(4)) return truncated_error(proto_name, "oxm_header", at, 4, r.remaining());
  std::uint32_t h = r.u32();
  o.oxm_class = static_cast<std::uint16_t>(h >> 16);
  o.field = static_cast<std::uint8_t>((h >> 9) & 0x7f);
  o.hasmask = (h >> 8) & 1;
  std::size_t len = h & 0xff;
  if (!r.has(len)) return truncated_error(proto_name, "oxm_length", at + 3, len, r.remaining());
  reader body = r.sub(len);
  o.experimenter_hdr = o.oxm_class == 0xffff;
  o.onf_ext256 = false;
  o.experimenter = 0;
  o.exp_type = 0;
  if (o.experimenter_hdr) {
    if (!body.has(4)) return truncated_error(proto_name, "oxm_experimenter", body.offset(), 4, body.remaining());
    o.experimenter = body.u32();
    if (o.experimenter == 0x4f4e4600 && o.field == 0) {
      if (!body.has(2)) return truncated_error(proto_name, "oxm_exp_type", body.offset(), 2, body.remaining());
      o.onf_ext256 = true;
      o.exp_type = body.u16();
    }
  }
  std::size_t n = body.remaining();
  if (n == 0 || (o.hasmask && n % 2)) return make_error(proto_name, "oxm_length", at + 3, "bad OXM payload length " + std::to_string(n));
  if (o.hasmask) n /= 2;
  auto v = body.take(n);
  o.value.assign(v.begin(), v.end());
  if (o.hasmask) {
    auto m = body.take(n);
    o.mask.assign(m.begin(), m.end());
  } else {
    o.mask.clear();
  }
  return {};
}

status oxm_tlv::wire_encode(writer& w, const oxm_tlv& o) {
  std::size_t len = o.value.size() + (o.hasmask ? o.mask.size() : 0);
  if (o.oxm_class == 0xffff) len += o.onf_ext256 ? 6 : 4;
  if (o.hasmask && o.mask.size() != o.value.size())
    return make_error(proto_name, "oxm mask", w.size(), "mask and value differ in size");
  if (len > 0xff) return make_error(proto_name, "oxm_length", w.size(), "OXM payload longer than 255 bytes");
  w.u32((std::uint32_t(o.oxm_class) << 16) | (std::uint32_t(o.field & 0x7f) << 9) | (o.hasmask ? 0x100u : 0u) | len);
  if (o.oxm_class == 0xffff) {
    w.u32(o.experimenter);
    if (o.onf_ext256) w.u16(o.exp_type);
  }
  w.put(o.value.data(), o.value.size());
  if (o.hasmask) w.put(o.mask.data(), o.mask.size());
  return {};
}

std::string oxm_field_name(std::uint8_t version, const oxm_tlv& t) {
  const oxm_def* d = find_by_wire(version, t);
  return d ? d->name : "";
}

namespace detail {

std::uint8_t& json_version() {
  thread_local std::uint8_t v = 4;
  return v;
}

namespace {
using json = nlohmann::json;

bool value_to_json(json& j, kind k, const bytes& b) {
  switch (k) {
    case kind::mac:
      if (b.size() != 6) return false;
      {
        mac_addr a;
        std::memcpy(a.b.data(), b.data(), 6);
        j = a.to_string();
      }
      return true;
    case kind::ipv4:
      if (b.size() != 4) return false;
      {
        ipv4_addr a;
        std::memcpy(a.b.data(), b.data(), 4);
        j = a.to_string();
      }
      return true;
    case kind::ipv6:
      if (b.size() != 16) return false;
      {
        ipv6_addr a;
        std::memcpy(a.b.data(), b.data(), 16);
        j = a.to_string();
      }
      return true;
    case kind::uint:
      j = json_glue::wide_integer(b);  // a number; beyond 64 bits a wide integer (json_wide.hpp)
      return true;
    case kind::raw:
      j = base64_encode(b);
      return true;
  }
  return false;
}

status value_from_json_kind(const json& j, kind k, std::size_t size, bytes& out, const json_glue::path& p);
// A value whose size does not fit its field's type is shown as base64 of its bytes: accept that too.
status value_from_json(const json& j, kind k, std::size_t size, bytes& out, const json_glue::path& p) {
  if (json_glue::is_wide_integer(j)) {
    if (k == kind::uint && json_glue::integer_bytes(j, size, out)) return {};
    return json_glue::type_error(p, "an integer that fits the field", j);
  }
  if (k != kind::raw && j.is_string()) {
    // A wide integer field: decimal digits when beyond 64 bits (earlier wirekit versions wrote
    // them so; base64 of 16 bytes is never all digits; a size-mismatched value is base64).
    if (k == kind::uint && size > 8 && j.get_ref<const std::string&>().size() >= 20 &&
        json_glue::integer_bytes(j, size, out))
      return {};
    if (k == kind::uint || !value_from_json_kind(j, k, size, out, p)) return value_from_json_kind(j, kind::raw, size, out, p);
    return {};
  }
  return value_from_json_kind(j, k, size, out, p);
}
status value_from_json_kind(const json& j, kind k, std::size_t size, bytes& out, const json_glue::path& p) {
  out.clear();
  switch (k) {
    case kind::mac: {
      mac_addr a;
      WIREKIT_TRY(json_glue::from_json_value(j, a, p));
      out.assign(reinterpret_cast<const std::byte*>(a.b.data()), reinterpret_cast<const std::byte*>(a.b.data()) + 6);
      return {};
    }
    case kind::ipv4: {
      ipv4_addr a;
      WIREKIT_TRY(json_glue::from_json_value(j, a, p));
      out.assign(reinterpret_cast<const std::byte*>(a.b.data()), reinterpret_cast<const std::byte*>(a.b.data()) + 4);
      return {};
    }
    case kind::ipv6: {
      ipv6_addr a;
      WIREKIT_TRY(json_glue::from_json_value(j, a, p));
      out.assign(reinterpret_cast<const std::byte*>(a.b.data()), reinterpret_cast<const std::byte*>(a.b.data()) + 16);
      return {};
    }
    case kind::uint: {
      std::uint64_t v = 0;
      WIREKIT_TRY(json_glue::from_json_value(j, v, p));
      if (size < 8 && (v >> (size * 8)) != 0) return json_glue::type_error(p, "an integer that fits the field", j);
      out.assign(size, std::byte{0});
      for (std::size_t i = 0; i < size && i < 8; ++i) out[size - 1 - i] = static_cast<std::byte>(v >> (8 * i));
      return {};
    }
    case kind::raw:
      return json_glue::from_json_value(j, out, p);
  }
  return {};
}
}  // namespace

void oxm_to_json(json& j, const oxm_tlv& t) {
  const oxm_def* d = find_by_wire(json_version(), t);
  json in = json::object();
  kind k = d ? d->k : kind::raw;
  if (d && (t.value.size() != d->size)) k = kind::raw;
  if (d)
    in["field"] = d->name;
  else
    in["field"] = "field_" + std::to_string((std::uint32_t(t.oxm_class) << 7) | t.field);
  if (!d && t.experimenter_hdr) {
    // An unknown experimenter field: its experimenter id (and EXT-256 exp_type) lead the raw value.
    bytes v;
    writer w(v);
    w.u32(t.experimenter);
    if (t.onf_ext256) w.u16(t.exp_type);
    w.put(t.value.data(), t.value.size());
    value_to_json(in["value"], kind::raw, v);
  } else if (!value_to_json(in["value"], k, t.value)) {
    value_to_json(in["value"], kind::raw, t.value);
  }
  if (t.hasmask) {
    if (!value_to_json(in["mask"], k, t.mask)) value_to_json(in["mask"], kind::raw, t.mask);
  } else {
    in["mask"] = nullptr;
  }
  j = json::object();
  j["OXMTlv"] = std::move(in);
}

bool oxm_header_by_name(const std::string& n, oxm_tlv& t) {
  const oxm_def* d = find_by_name(json_version(), n);
  if (d) {
    t.oxm_class = d->oxm_class;
    t.field = d->field;
    t.experimenter_hdr = d->oxm_class == 0xffff;
    t.experimenter = d->experimenter;
    t.onf_ext256 = d->ext256;
    t.exp_type = d->exp_type;
    return true;
  }
  if (n.rfind("field_", 0) == 0) {
    unsigned long num = std::strtoul(n.c_str() + 6, nullptr, 10);
    t.oxm_class = static_cast<std::uint16_t>(num >> 7);
    t.field = num & 0x7f;
    t.experimenter_hdr = t.oxm_class == 0xffff;
    t.onf_ext256 = false;
    return true;
  }
  return false;
}

std::size_t oxm_size_by_name(const std::string& n) {
  const oxm_def* d = find_by_name(json_version(), n);
  return d ? d->size : 0;
}

bool nxm_header_from_name(const std::string& n, std::uint32_t& hdr) {
  const oxm_def* d = find_by_name(json_version(), n);
  if (d) {
    hdr = (std::uint32_t(d->oxm_class) << 16) | (std::uint32_t(d->field) << 9) | d->size;
    return true;
  }
  if (n.rfind("field_", 0) == 0) {
    hdr = static_cast<std::uint32_t>(std::strtoul(n.c_str() + 6, nullptr, 10) << 9);
    return true;
  }
  return false;
}
std::string nxm_header_name(std::uint32_t hdr) {
  oxm_tlv t;
  t.oxm_class = static_cast<std::uint16_t>(hdr >> 16);
  t.field = (hdr >> 9) & 0x7f;
  const oxm_def* d = t.oxm_class == 0xffff ? nullptr : find_by_wire(json_version(), t);
  // The name only when the header is the canonical one for it (no mask, the field's size).
  if (!d || (hdr & 0x1ff) != d->size) return "";
  return d->name;
}

status oxm_from_json(const json& j, oxm_tlv& t, const json_glue::path& p0) {
  if (!j.is_object() || !j.contains("OXMTlv")) return json_glue::type_error(p0, "{\"OXMTlv\": {...}}", j);
  const json& in = j["OXMTlv"];
  auto p = p0["OXMTlv"];
  if (!in.is_object() || !in.contains("field") || !in["field"].is_string())
    return json_glue::type_error(p, "an object with a field name", in);
  const std::string& n = in["field"].get_ref<const std::string&>();
  if (!oxm_header_by_name(n, t)) return json_error(p["field"].str(), "unknown OXM field '" + n + "'");
  const oxm_def* d = find_by_name(json_version(), n);
  kind k = d ? d->k : kind::raw;
  std::size_t size = d ? d->size : 0;
  auto v = in.find("value");
  if (v == in.end()) return json_error(p.str(), "missing value");
  WIREKIT_TRY(value_from_json(*v, k, size, t.value, p["value"]));
  if (!d && t.experimenter_hdr) {  // experimenter id (and EXT-256 exp_type) lead the raw value
    reader r(t.value);
    if (!r.has(4)) return json_error(p["value"].str(), "experimenter field without its experimenter id");
    t.experimenter = r.u32();
    t.onf_ext256 = t.experimenter == 0x4f4e4600 && t.field == 0;
    if (t.onf_ext256) {
      if (!r.has(2)) return json_error(p["value"].str(), "EXT-256 field without its exp_type");
      t.exp_type = r.u16();
    }
    auto rest = r.rest();
    t.value.assign(rest.begin(), rest.end());
  }
  auto m = in.find("mask");
  t.hasmask = m != in.end() && !m->is_null();
  if (t.hasmask)
    WIREKIT_TRY(value_from_json(*m, k, size, t.mask, p["mask"]));
  else
    t.mask.clear();
  return {};
}

}  // namespace detail
}  // namespace wirekit::openflow

namespace wirekit::json_glue {
namespace {
bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t k;
    if (c < 0x80)
      k = 0;
    else if ((c >> 5) == 6)
      k = 1;
    else if ((c >> 4) == 14)
      k = 2;
    else if ((c >> 3) == 30)
      k = 3;
    else
      return false;
    if (n - i - 1 < k) return false;
    for (std::size_t m = 1; m <= k; ++m)
      if ((static_cast<unsigned char>(s[i + m]) >> 6) != 2) return false;
    i += k + 1;
  }
  return true;
}
}  // namespace
status json_traits<openflow::ofp_name>::from(const json& j, openflow::ofp_name& v, const path& p) {
  if (!j.is_string()) return type_error(p, "a string", j);
  // Text (UTF-8 bytes). os-ken's base64 form for a name that is not UTF-8 cannot be told apart
  // from text ("eth0" is valid base64), so it is read as text: such names do not round-trip.
  v.v = j.get<std::string>();
  return {};
}
void json_traits<openflow::ofp_name>::to(json& j, const openflow::ofp_name& v) {
  if (valid_utf8(v.v))
    j = v.v;
  else
    j = base64_encode(bytes_view(reinterpret_cast<const std::byte*>(v.v.data()), v.v.size()));
}
}  // namespace wirekit::json_glue

// ---- OF1.5 copy-field action ----------------------------------------------------------------
namespace wirekit::openflow {
// The wire form is OF1.3's OFPOxmId (table-features properties); only the JSON differs.
status copy_field_oxm_id::wire_decode(reader& r, copy_field_oxm_id& o) {
  of13::oxm_id id;
  WIREKIT_TRY(of13::oxm_id::wire_decode(r, id));
  o.hdr = id.hdr;
  o.length = id.length;
  return {};
}
status copy_field_oxm_id::wire_encode(writer& w, const copy_field_oxm_id& o) {
  return of13::oxm_id::wire_encode(w, of13::oxm_id{o.hdr, o.length});
}
status action_copy_field::ids_codec::decode(reader& r, action_copy_field& o, const char*) {
  o.oxm_ids.assign(2, copy_field_oxm_id{});
  for (auto& id : o.oxm_ids) WIREKIT_TRY(copy_field_oxm_id::wire_decode(r, id));
  r.skip(r.remaining());  // padding
  return {};
}
status action_copy_field::ids_codec::encode(writer& w, const action_copy_field& o, std::size_t) {
  if (o.oxm_ids.size() != 2) return make_error(proto_name, "oxm_ids", w.size(), "OFPActionCopyField needs exactly 2 OXM ids");
  for (const auto& id : o.oxm_ids) WIREKIT_TRY(copy_field_oxm_id::wire_encode(w, id));
  return {};
}
}  // namespace wirekit::openflow

namespace wirekit::json_glue {
void json_traits<openflow::copy_field_oxm_id>::to(json& j, const openflow::copy_field_oxm_id& v) {
  json in = json::object();
  std::string n = openflow::oxm_field_name(openflow::detail::json_version(), v.hdr);
  if (n.empty()) n = "field_" + std::to_string((std::uint32_t(v.hdr.oxm_class) << 7) | v.hdr.field);
  in["type"] = n;
  in["hasmask"] = v.hdr.hasmask;
  in["length"] = v.length;
  if (v.hdr.experimenter_hdr) in["exp_id"] = v.hdr.experimenter;
  j = json::object();
  j["OFPOxmId"] = std::move(in);
}
status json_traits<openflow::copy_field_oxm_id>::from(const json& j, openflow::copy_field_oxm_id& v, const path& p0) {
  if (!j.is_object() || !j.contains("OFPOxmId")) return type_error(p0, "{\"OFPOxmId\": {...}}", j);
  const json& in = j["OFPOxmId"];
  auto p = p0["OFPOxmId"];
  if (!in.is_object() || !in.contains("type") || !in["type"].is_string()) return type_error(p, "an object with a type", in);
  const std::string& n = in["type"].get_ref<const std::string&>();
  v.hdr = openflow::oxm_tlv{};
  if (!openflow::detail::oxm_header_by_name(n, v.hdr)) return json_error(p["type"].str(), "unknown OXM field '" + n + "'");
  if (auto it = in.find("hasmask"); it != in.end()) {
    if (it->is_boolean())
      v.hdr.hasmask = it->get<bool>();
    else
      WIREKIT_TRY(from_json_value(*it, v.hdr.hasmask, p["hasmask"]));
  }
  v.length = 0;
  if (auto it = in.find("length"); it != in.end() && !it->is_null()) WIREKIT_TRY(from_json_value(*it, v.length, p["length"]));
  if (v.length == 0) {  // os-ken 1.5: the field's size, doubled with a mask (an unknown field keeps 0)
    const std::size_t size = openflow::detail::oxm_size_by_name(n);
    if (size != 0) v.length = static_cast<std::uint8_t>(v.hdr.hasmask ? 2 * size : size);
  }
  if (auto it = in.find("exp_id"); it != in.end()) WIREKIT_TRY(from_json_value(*it, v.hdr.experimenter, p["exp_id"]));
  return {};
}
}  // namespace wirekit::json_glue
