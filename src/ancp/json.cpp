// ANCP JSON form (docs/ancp.md): {"ancp": {...}} with typed TLVs, both ways.
#include <fmt/format.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "wirekit/ancp/ancp.hpp"
#include "wirekit/ancp/subscriber.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::ancp {

using json = nlohmann::json;
using json_glue::path;

namespace {

bool printable(bytes_view b) {
  for (std::byte x : b) {
    auto c = std::to_integer<unsigned>(x);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string as_text(bytes_view b) { return std::string(reinterpret_cast<const char*>(b.data()), b.size()); }

json tlv_list_json(const std::vector<tlv>& list, bool capabilities = false);

// Address family (RFC 7256: 1 IPv4, 2 IPv6) -> address size, 0 for others.
std::size_t address_size(unsigned af) { return af == 1 ? 4 : af == 2 ? 16 : 0; }

std::string address_text(const std::byte* p, std::size_t len) {
  if (len == 4) {
    ipv4_addr a;
    std::memcpy(a.b.data(), p, 4);
    return a.to_string();
  }
  ipv6_addr a;
  std::memcpy(a.b.data(), p, 16);
  return a.to_string();
}

// A prefix of `bits` bits stored in (bits+7)/8 bytes: its text, or false when the length is
// beyond the family or unused trailing bits are set (then the TLV stays raw).
bool read_prefix(reader& r, unsigned bits, std::size_t alen, std::string& out) {
  if (bits > alen * 8) return false;
  const std::size_t nb = (bits + 7) / 8;
  if (!r.has(nb)) return false;
  std::byte full[16] = {};
  r.copy(full, nb);
  if (bits % 8 && (std::to_integer<unsigned>(full[nb - 1]) & (0xffu >> (bits % 8)))) return false;
  out = address_text(full, alen) + "/" + std::to_string(bits);
  return true;
}

// List-Action (RFC 7256 §5.3): operation, list type, reserved, then per address family a count
// and that many flow fields (group prefix length, source prefix length, group prefix, source
// prefix), packed without padding.
bool list_action_json(const bytes& v, json& out) {
  reader r(v);
  if (!r.has(4)) return false;
  const unsigned op = r.u8(), type = r.u8(), reserved = r.u16();
  json lists = json::array();
  while (!r.empty()) {
    if (!r.has(4)) return false;
    const unsigned af = r.u16();
    const unsigned count = r.u16();
    const std::size_t alen = address_size(af);
    if (!alen) return false;
    json flows = json::array();
    for (unsigned i = 0; i < count; ++i) {
      if (!r.has(2)) return false;
      const unsigned gl = r.u8(), sl = r.u8();
      std::string g, src;
      if (!read_prefix(r, gl, alen, g) || !read_prefix(r, sl, alen, src)) return false;
      flows.push_back({{"group", g}, {"source", src}});
    }
    lists.push_back({{"address_family", af}, {"flows", std::move(flows)}});
  }
  out = {{"operation", op}, {"list_type", type}, {"reserved", reserved}, {"lists", std::move(lists)}};
  return true;
}

// The typed value of t, or nullopt when its bytes do not fit its definition exactly (then the
// JSON carries "data").
// How deep the typed JSON is inside nested TLVs (per thread), for max_tlv_nesting.
thread_local unsigned nesting = 0;
struct nesting_guard {
  nesting_guard() { ++nesting; }
  ~nesting_guard() { --nesting; }
  nesting_guard(const nesting_guard&) = delete;
  nesting_guard& operator=(const nesting_guard&) = delete;
};

bool nests(tlv_kind k) {
  return k == tlv_kind::tlvs || k == tlv_kind::status_info || k == tlv_kind::command ||
         k == tlv_kind::committed_bandwidth;
}

void typed(json& j, const tlv& t, const tlv_def& d) {
  if (nests(d.kind) && nesting >= max_tlv_nesting) return;  // raw "data" below the limit
  const nesting_guard guard;
  const bytes& v = t.value;
  const std::size_t n = v.size();
  switch (d.kind) {
    case tlv_kind::text:
      if (printable(v)) j["value"] = as_text(v);
      return;
    case tlv_kind::u32:
      if (n == 4) j["value"] = load_be32(v.data());
      return;
    case tlv_kind::u32_list:
      if (n && n % 4 == 0) {
        json a = json::array();
        for (std::size_t i = 0; i < n; i += 4) a.push_back(load_be32(v.data() + i));
        j["value"] = std::move(a);
      }
      return;
    case tlv_kind::tlvs:
      if (auto inner = decode_tlvs(v)) j["tlvs"] = tlv_list_json(*inner);
      return;
    case tlv_kind::empty:
      if (n == 0) j["value"] = nullptr;
      return;
    case tlv_kind::mac:
      if (n == 6) {
        mac_addr a;
        std::memcpy(a.b.data(), v.data(), 6);
        j["value"] = a.to_string();
      }
      return;
    case tlv_kind::ip:
      if (n == 4) {
        ipv4_addr a;
        std::memcpy(a.b.data(), v.data(), 4);
        j["value"] = a.to_string();
      } else if (n == 16) {
        ipv6_addr a;
        std::memcpy(a.b.data(), v.data(), 16);
        j["value"] = a.to_string();
      }
      return;
    case tlv_kind::loop_encapsulation:
      if (n == 3)
        j["value"] = {{"data_link", std::to_integer<unsigned>(v[0])},
                      {"encap1", std::to_integer<unsigned>(v[1])},
                      {"encap2", std::to_integer<unsigned>(v[2])}};
      return;
    case tlv_kind::loopback_parameters:
      if (n == 2) j["value"] = {{"count", std::to_integer<unsigned>(v[0])}, {"timeout", std::to_integer<unsigned>(v[1])}};
      return;
    case tlv_kind::status_info: {
      if (n < 4) return;
      const std::size_t len = load_be16(v.data() + 2);
      const std::size_t padded_len = (len + 3) & ~std::size_t{3};
      if (4 + padded_len > n) return;
      bytes_view msg(v.data() + 4, len);
      bytes_view pad(v.data() + 4 + len, padded_len - len);
      if (!printable(msg)) return;
      for (std::byte b : pad)
        if (b != std::byte{0}) return;
      auto inner = decode_tlvs(bytes_view(v).subspan(4 + padded_len));
      if (!inner) return;
      j["value"] = {{"reserved", std::to_integer<unsigned>(v[0])},
                    {"message_type", std::to_integer<unsigned>(v[1])},
                    {"error_message", as_text(msg)},
                    {"tlvs", tlv_list_json(*inner)}};
      return;
    }
    case tlv_kind::command: {
      if (n < 4) return;
      auto inner = decode_tlvs(bytes_view(v).subspan(4));
      if (!inner) return;
      j["value"] = {{"command_code", std::to_integer<unsigned>(v[0])},
                    {"accounting", std::to_integer<unsigned>(v[1])},
                    {"reserved", load_be16(v.data() + 2)},
                    {"tlvs", tlv_list_json(*inner)}};
      return;
    }
    case tlv_kind::multicast_flow: {
      if (n < 4) return;
      const unsigned af = std::to_integer<unsigned>(v[1]);
      const std::size_t alen = address_size(af);
      const std::size_t count = load_be16(v.data() + 2);
      if (!alen || n != 4 + alen * (count + 1)) return;
      json sources = json::array();
      for (std::size_t i = 0; i < count; ++i) sources.push_back(address_text(v.data() + 4 + alen * (i + 1), alen));
      j["value"] = {{"flow_type", std::to_integer<unsigned>(v[0])},
                    {"address_family", af},
                    {"group", address_text(v.data() + 4, alen)},
                    {"sources", std::move(sources)}};
      return;
    }
    case tlv_kind::bandwidth_request:
      if (n == 8) j["value"] = {{"required", load_be32(v.data())}, {"preferred", load_be32(v.data() + 4)}};
      return;
    case tlv_kind::committed_bandwidth: {
      if (n < 4) return;
      auto inner = decode_tlvs(bytes_view(v).subspan(4));
      if (!inner) return;
      j["value"] = {{"bandwidth", load_be32(v.data())}, {"tlvs", tlv_list_json(*inner)}};
      return;
    }
    case tlv_kind::list_action: {
      json la;
      if (list_action_json(v, la)) j["value"] = std::move(la);
      return;
    }
    case tlv_kind::raw:
      return;
  }
}

json tlv_json(const tlv& t, bool capability) {
  json j = json::object();
  j["type"] = t.type;
  const tlv_def* d = capability ? nullptr : find_tlv_def(t.type);
  const char* name = capability ? capability_name(t.type) : d ? d->name : nullptr;
  if (name) j["name"] = name;
  if (d) typed(j, t, *d);
  if (!j.contains("value") && !j.contains("tlvs")) j["data"] = base64_encode(t.value);
  if (t.pad) j["pad"] = base64_encode(*t.pad);
  return j;
}

json tlv_list_json(const std::vector<tlv>& list, bool capabilities) {
  json a = json::array();
  for (const tlv& t : list) a.push_back(tlv_json(t, capabilities));
  return a;
}

// ---- from JSON ----

template <class T>
status get(const json& o, const char* key, T& out, const path& p) {
  auto it = o.find(key);
  if (it == o.end()) return {};
  return json_glue::from_json_value(*it, out, p[key]);
}

template <class T>
status get_opt(const json& o, const char* key, std::optional<T>& out, const path& p) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    out.reset();
    return {};
  }
  T v{};
  WIREKIT_TRY(json_glue::from_json_value(*it, v, p[key]));
  out = v;
  return {};
}

template <class T>
status require(const json& o, const char* key, T& out, const path& p) {
  if (!o.contains(key)) return json_error(p[key].str(), "missing");
  return get(o, key, out, p);
}

status tlv_list_from(const json& j, std::vector<tlv>& out, const path& p);

status put_prefix(const json& j, writer& w, std::size_t alen, const path& p, std::size_t len_at) {
  if (!j.is_string()) return json_glue::type_error(p, "a prefix \"address/length\"", j);
  auto pf = ip_prefix::parse(j.get_ref<const std::string&>());
  if (!pf) return json_glue::type_error(p, "a prefix \"address/length\"", j);
  const std::size_t have = pf->addr.is_v4() ? 4 : 16;
  if (have != alen) return json_error(p.str(), "the address family of the list says otherwise");
  const std::uint8_t* b = pf->addr.is_v4() ? std::get<ipv4_addr>(pf->addr.v).b.data() : std::get<ipv6_addr>(pf->addr.v).b.data();
  const unsigned bits = pf->length;
  const std::size_t nb = (bits + 7) / 8;
  std::uint8_t tmp[16] = {};
  std::memcpy(tmp, b, nb);
  if (bits % 8) tmp[nb - 1] &= static_cast<std::uint8_t>(0xff << (8 - bits % 8));
  w.patch_u8(len_at, bits);
  w.put(tmp, nb);
  return {};
}

status list_action_from(const json& x, writer& w, const path& p) {
  std::uint8_t op = 0, type = 0;
  std::uint16_t reserved = 0;
  WIREKIT_TRY(require(x, "operation", op, p));
  WIREKIT_TRY(require(x, "list_type", type, p));
  WIREKIT_TRY(get(x, "reserved", reserved, p));
  w.u8(op);
  w.u8(type);
  w.u16(reserved);
  if (!x.contains("lists")) return {};
  const json& lists = x["lists"];
  const auto pl = p["lists"];
  if (!lists.is_array()) return json_glue::type_error(pl, "an array", lists);
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const json& l = lists[i];
    const auto pi = pl[long(i)];
    std::uint16_t af = 0;
    WIREKIT_TRY(require(l, "address_family", af, pi));
    const std::size_t alen = address_size(af);
    if (!alen) return json_error(pi["address_family"].str(), "1 (IPv4) or 2 (IPv6)");
    const json empty = json::array();
    const json& flows = l.contains("flows") ? l["flows"] : empty;
    if (!flows.is_array() || flows.size() > 0xffff) return json_glue::type_error(pi["flows"], "an array of flows", flows);
    w.u16(af);
    w.u16(flows.size());
    const auto pfs = pi["flows"];  // named: a path points at its parent, which must outlive it
    for (std::size_t k = 0; k < flows.size(); ++k) {
      const auto pf = pfs[long(k)];
      const json& f = flows[k];
      if (!f.is_object() || !f.contains("group")) return json_error(pf["group"].str(), "missing");
      const std::size_t at = w.size();
      w.u8(0);
      w.u8(0);
      // Prefix lengths first, then the group and source prefixes.
      bytes tail;
      writer tw(tail);
      tw.u8(0);
      WIREKIT_TRY(put_prefix(f["group"], tw, alen, pf["group"], 0));
      w.patch_u8(at, std::to_integer<unsigned>(tail[0]));
      w.put(bytes_view(tail).subspan(1));
      if (f.contains("source") && !f["source"].is_null()) {
        bytes st;
        writer sw(st);
        sw.u8(0);
        WIREKIT_TRY(put_prefix(f["source"], sw, alen, pf["source"], 0));
        w.patch_u8(at + 1, std::to_integer<unsigned>(st[0]));
        w.put(bytes_view(st).subspan(1));
      }
    }
  }
  return {};
}

status u8_of(const json& o, const char* key, std::uint8_t& v, const path& p) { return require(o, key, v, p); }

status put_addr(const json& j, bytes& out, std::size_t want, const path& p) {
  if (!j.is_string()) return json_glue::type_error(p, "an address string", j);
  auto a = ip_addr::parse(j.get_ref<const std::string&>());
  if (!a) return json_glue::type_error(p, "an IP address", j);
  if (a->is_v4()) {
    if (want && want != 4) return json_error(p.str(), "the address family says IPv6");
    const auto& b = std::get<ipv4_addr>(a->v).b;
    out.insert(out.end(), reinterpret_cast<const std::byte*>(b.data()), reinterpret_cast<const std::byte*>(b.data()) + 4);
  } else {
    if (want && want != 16) return json_error(p.str(), "the address family says IPv4");
    const auto& b = std::get<ipv6_addr>(a->v).b;
    out.insert(out.end(), reinterpret_cast<const std::byte*>(b.data()), reinterpret_cast<const std::byte*>(b.data()) + 16);
  }
  return {};
}

status typed_from(const json& j, tlv& t, const tlv_def& d, const path& p) {
  if (nests(d.kind) && nesting >= max_tlv_nesting)
    return json_error(p.str(), fmt::format("TLVs nested deeper than {} levels (give the value as \"data\")",
                                           max_tlv_nesting));
  const nesting_guard guard;
  bytes& v = t.value;
  writer w(v);
  const auto pv = p["value"];
  auto need_value = [&]() -> const json* { return j.contains("value") ? &j["value"] : nullptr; };
  switch (d.kind) {
    case tlv_kind::text: {
      const json* x = need_value();
      if (!x) return json_error(pv.str(), "missing");
      std::string s;
      WIREKIT_TRY(json_glue::from_json_value(*x, s, pv));
      w.put(s.data(), s.size());
      return {};
    }
    case tlv_kind::u32: {
      std::uint32_t x = 0;
      WIREKIT_TRY(require(j, "value", x, p));
      w.u32(x);
      return {};
    }
    case tlv_kind::u32_list: {
      std::vector<std::uint32_t> xs;
      WIREKIT_TRY(require(j, "value", xs, p));
      for (auto x : xs) w.u32(x);
      return {};
    }
    case tlv_kind::tlvs: {
      if (!j.contains("tlvs")) return json_error(p["tlvs"].str(), "missing");
      std::vector<tlv> inner;
      WIREKIT_TRY(tlv_list_from(j["tlvs"], inner, p["tlvs"]));
      return encode_tlvs(inner, v);
    }
    case tlv_kind::empty:
      if (j.contains("value") && !j["value"].is_null()) return json_error(pv.str(), "this TLV has no value: use null");
      return {};
    case tlv_kind::mac: {
      mac_addr a;
      WIREKIT_TRY(require(j, "value", a, p));
      w.put(a.b.data(), 6);
      return {};
    }
    case tlv_kind::ip: {
      const json* x = need_value();
      if (!x) return json_error(pv.str(), "missing");
      return put_addr(*x, v, 0, pv);
    }
    case tlv_kind::loop_encapsulation: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {data_link, encap1, encap2}");
      std::uint8_t a = 0, b = 0, c = 0;
      WIREKIT_TRY(u8_of(*x, "data_link", a, pv));
      WIREKIT_TRY(u8_of(*x, "encap1", b, pv));
      WIREKIT_TRY(u8_of(*x, "encap2", c, pv));
      w.u8(a);
      w.u8(b);
      w.u8(c);
      return {};
    }
    case tlv_kind::loopback_parameters: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {count, timeout}");
      std::uint8_t count = 0, timeout = 0;
      WIREKIT_TRY(u8_of(*x, "count", count, pv));
      WIREKIT_TRY(u8_of(*x, "timeout", timeout, pv));
      w.u8(count);
      w.u8(timeout);
      return {};
    }
    case tlv_kind::status_info: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {reserved, message_type, error_message, tlvs}");
      std::uint8_t reserved = 0, type = 0;
      std::string text;
      std::vector<tlv> inner;
      WIREKIT_TRY(get(*x, "reserved", reserved, pv));
      WIREKIT_TRY(u8_of(*x, "message_type", type, pv));
      WIREKIT_TRY(get(*x, "error_message", text, pv));
      if (x->contains("tlvs")) WIREKIT_TRY(tlv_list_from((*x)["tlvs"], inner, pv["tlvs"]));
      if (text.size() > 0xffff) return json_error(pv["error_message"].str(), "longer than 65535 bytes");
      w.u8(reserved);
      w.u8(type);
      w.u16(text.size());
      w.put(text.data(), text.size());
      w.pad_to(4, 4);  // the error message is padded to 4 bytes
      return encode_tlvs(inner, v);
    }
    case tlv_kind::command: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {command_code, accounting, reserved, tlvs}");
      std::uint8_t code = 0, accounting = 0;
      std::uint16_t reserved = 0;
      std::vector<tlv> inner;
      WIREKIT_TRY(u8_of(*x, "command_code", code, pv));
      WIREKIT_TRY(get(*x, "accounting", accounting, pv));
      WIREKIT_TRY(get(*x, "reserved", reserved, pv));
      if (x->contains("tlvs")) WIREKIT_TRY(tlv_list_from((*x)["tlvs"], inner, pv["tlvs"]));
      w.u8(code);
      w.u8(accounting);
      w.u16(reserved);
      return encode_tlvs(inner, v);
    }
    case tlv_kind::multicast_flow: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {flow_type, address_family, group, sources}");
      std::uint8_t flow = 0, af = 0;
      WIREKIT_TRY(u8_of(*x, "flow_type", flow, pv));
      WIREKIT_TRY(u8_of(*x, "address_family", af, pv));
      const std::size_t alen = address_size(af);
      if (!alen) return json_error(pv["address_family"].str(), "1 (IPv4) or 2 (IPv6)");
      if (!x->contains("group")) return json_error(pv["group"].str(), "missing");
      const json empty = json::array();
      const json& sources = x->contains("sources") ? (*x)["sources"] : empty;
      if (!sources.is_array()) return json_glue::type_error(pv["sources"], "an array of addresses", sources);
      if (sources.size() > 0xffff) return json_error(pv["sources"].str(), "more than 65535 sources");
      w.u8(flow);
      w.u8(af);
      w.u16(sources.size());
      WIREKIT_TRY(put_addr((*x)["group"], v, alen, pv["group"]));
      for (std::size_t i = 0; i < sources.size(); ++i) WIREKIT_TRY(put_addr(sources[i], v, alen, pv["sources"][long(i)]));
      return {};
    }
    case tlv_kind::bandwidth_request: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {required, preferred}");
      std::uint32_t req = 0, pref = 0;
      WIREKIT_TRY(require(*x, "required", req, pv));
      WIREKIT_TRY(require(*x, "preferred", pref, pv));
      w.u32(req);
      w.u32(pref);
      return {};
    }
    case tlv_kind::committed_bandwidth: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {bandwidth, tlvs}");
      std::uint32_t bw = 0;
      std::vector<tlv> inner;
      WIREKIT_TRY(require(*x, "bandwidth", bw, pv));
      if (x->contains("tlvs")) WIREKIT_TRY(tlv_list_from((*x)["tlvs"], inner, pv["tlvs"]));
      w.u32(bw);
      return encode_tlvs(inner, v);
    }
    case tlv_kind::list_action: {
      const json* x = need_value();
      if (!x || !x->is_object()) return json_error(pv.str(), "an object {operation, list_type, lists}");
      return list_action_from(*x, w, pv);
    }
    case tlv_kind::raw:
      return json_error(p["data"].str(), "missing (this TLV's value is raw bytes: base64 in \"data\")");
  }
  return {};
}

status tlv_from(const json& j, tlv& t, const path& p, bool capability) {
  if (!j.is_object()) return json_glue::type_error(p, "a TLV object {\"type\": N, ...}", j);
  WIREKIT_TRY(require(j, "type", t.type, p));
  t.value.clear();
  t.pad.reset();
  if (j.contains("pad") && !j["pad"].is_null()) {
    bytes pad;
    WIREKIT_TRY(json_glue::from_json_value(j["pad"], pad, p["pad"]));
    t.pad = std::move(pad);
  }
  if (j.contains("data")) return json_glue::from_json_value(j["data"], t.value, p["data"]);
  const tlv_def* d = capability ? nullptr : find_tlv_def(t.type);
  if (!d) {
    if (capability) return {};  // a capability without data
    return json_error(p["data"].str(), fmt::format("missing (TLV type 0x{:04x} is not a known type: give its value "
                                                   "as base64 in \"data\")",
                                                   t.type));
  }
  WIREKIT_TRY(typed_from(j, t, *d, p));
  if (t.value.size() > 0xffff) return json_error(p.str(), "a TLV value longer than 65535 bytes");
  return {};
}

status tlv_list_from(const json& j, std::vector<tlv>& out, const path& p, bool capability) {
  out.clear();
  if (j.is_null()) return {};
  if (!j.is_array()) return json_glue::type_error(p, "an array of TLVs", j);
  out.resize(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) WIREKIT_TRY(tlv_from(j[i], out[i], p[long(i)], capability));
  return {};
}

status tlv_list_from(const json& j, std::vector<tlv>& out, const path& p) { return tlv_list_from(j, out, p, false); }

// The counts and lengths encode writes: the given ones, else the computed ones.
sizes effective(const message& m) {
  sizes s = computed_sizes(m);
  if (m.message_type == msg::adjacency) {
    if (m.adjacency.num_tlvs) s.num_tlvs = *m.adjacency.num_tlvs;
    if (m.adjacency.total_length) s.block_length = *m.adjacency.total_length;
  } else {
    if (m.port.num_tlvs) s.num_tlvs = *m.port.num_tlvs;
    if (m.port.block_length) s.block_length = *m.port.block_length;
    if (m.header.length) s.message_length = *m.header.length;
  }
  if (m.length) s.length = *m.length;
  return s;
}

}  // namespace

json tlv_to_json(const tlv& t) { return tlv_json(t, false); }

result<tlv> tlv_from_json(const json& j) {
  tlv t;
  WIREKIT_TRY(tlv_from(j, t, path{}, false));
  return t;
}

json to_json(const message& m) {
  const sizes s = effective(m);
  json o = json::object();
  o["version"] = m.version;
  o["message_type"] = m.message_type;
  o["length"] = s.length;
  if (m.message_type == msg::adjacency) {
    const adjacency_fields& a = m.adjacency;
    o["timer"] = a.timer;
    o["m_flag"] = a.m_flag;
    o["code"] = a.code;
    o["sender_name"] = a.sender_name.to_string();
    o["receiver_name"] = a.receiver_name.to_string();
    o["sender_port"] = a.sender_port;
    o["receiver_port"] = a.receiver_port;
    o["partition_type"] = a.partition_type;
    o["partition_flag"] = a.partition_flag;
    o["sender_instance"] = a.sender_instance;
    o["partition_id"] = a.partition_id;
    o["receiver_instance"] = a.receiver_instance;
    o["reserved"] = a.reserved;
    o["num_tlvs"] = s.num_tlvs;
    o["total_length"] = s.block_length;
    o["capabilities"] = tlv_list_json(a.capabilities, true);
  } else {
    const general_header& h = m.header;
    o["result"] = h.result;
    o["result_code"] = h.result_code;
    o["partition_id"] = h.partition_id;
    o["transaction_id"] = h.transaction_id;
    o["i_flag"] = h.i_flag;
    o["submessage_number"] = h.submessage_number;
    o["message_length"] = s.message_length;
    if (m.kind() == body_kind::port) {
      const port_fields& p = m.port;
      o["port"] = p.port;
      o["port_session_number"] = p.port_session_number;
      o["event_sequence_number"] = p.event_sequence_number;
      if (m.message_type == msg::port_management) {
        o["flags"] = p.flags;
        o["duration"] = p.duration;
        o["function"] = p.function;
        o["x_function"] = p.x_function;
        o["event_flags"] = p.event_flags;
        o["flow_control_flags"] = p.flow_control_flags;
      } else {
        o["label"] = p.label;
      }
      o["extension_flags"] = p.extension_flags;
      o["extension_message_type"] = p.extension_message_type ? *p.extension_message_type : m.message_type;
      o["tech_type"] = p.tech_type;
      o["extension_reserved"] = p.extension_reserved;
      o["num_tlvs"] = s.num_tlvs;
      o["block_length"] = s.block_length;
    }
    if (m.kind() == body_kind::raw)
      o["body"] = base64_encode(m.body);
    else
      o["tlvs"] = tlv_list_json(m.tlvs);
  }
  if (!m.trailing.empty()) o["trailing"] = base64_encode(m.trailing);
  json j;
  j["ancp"] = std::move(o);
  return j;
}

result<message> from_json(const json& wrapped) {
  path root;
  if (!wrapped.is_object() || wrapped.size() != 1 || !wrapped.contains("ancp"))
    return json_glue::type_error(root, "{\"ancp\": {...}}", wrapped).take_error();
  const json& o = wrapped["ancp"];
  const path p = root["ancp"];
  if (!o.is_object()) return json_glue::type_error(p, "an object", o).take_error();
  message m;
  WIREKIT_TRY(require(o, "message_type", m.message_type, p));
  WIREKIT_TRY(get(o, "version", m.version, p));
  WIREKIT_TRY(get_opt(o, "length", m.length, p));
  if (o.contains("trailing")) WIREKIT_TRY(json_glue::from_json_value(o["trailing"], m.trailing, p["trailing"]));
  if (m.message_type == msg::adjacency) {
    adjacency_fields& a = m.adjacency;
    WIREKIT_TRY(get(o, "timer", a.timer, p));
    WIREKIT_TRY(get(o, "m_flag", a.m_flag, p));
    WIREKIT_TRY(get(o, "code", a.code, p));
    WIREKIT_TRY(get(o, "sender_name", a.sender_name, p));
    WIREKIT_TRY(get(o, "receiver_name", a.receiver_name, p));
    WIREKIT_TRY(get(o, "sender_port", a.sender_port, p));
    WIREKIT_TRY(get(o, "receiver_port", a.receiver_port, p));
    WIREKIT_TRY(get(o, "partition_type", a.partition_type, p));
    WIREKIT_TRY(get(o, "partition_flag", a.partition_flag, p));
    WIREKIT_TRY(get(o, "sender_instance", a.sender_instance, p));
    WIREKIT_TRY(get(o, "partition_id", a.partition_id, p));
    WIREKIT_TRY(get(o, "receiver_instance", a.receiver_instance, p));
    WIREKIT_TRY(get(o, "reserved", a.reserved, p));
    WIREKIT_TRY(get_opt(o, "num_tlvs", a.num_tlvs, p));
    WIREKIT_TRY(get_opt(o, "total_length", a.total_length, p));
    if (o.contains("capabilities"))
      WIREKIT_TRY(tlv_list_from(o["capabilities"], a.capabilities, p["capabilities"], true));
    normalize(m);
    return m;
  }
  general_header& h = m.header;
  WIREKIT_TRY(get(o, "result", h.result, p));
  WIREKIT_TRY(get(o, "result_code", h.result_code, p));
  WIREKIT_TRY(get(o, "partition_id", h.partition_id, p));
  WIREKIT_TRY(get(o, "transaction_id", h.transaction_id, p));
  WIREKIT_TRY(get(o, "i_flag", h.i_flag, p));
  WIREKIT_TRY(get(o, "submessage_number", h.submessage_number, p));
  WIREKIT_TRY(get_opt(o, "message_length", h.length, p));
  if (m.kind() == body_kind::port) {
    port_fields& pf = m.port;
    WIREKIT_TRY(get(o, "port", pf.port, p));
    WIREKIT_TRY(get(o, "port_session_number", pf.port_session_number, p));
    WIREKIT_TRY(get(o, "event_sequence_number", pf.event_sequence_number, p));
    WIREKIT_TRY(get(o, "label", pf.label, p));
    WIREKIT_TRY(get(o, "flags", pf.flags, p));
    WIREKIT_TRY(get(o, "duration", pf.duration, p));
    WIREKIT_TRY(get(o, "function", pf.function, p));
    WIREKIT_TRY(get(o, "x_function", pf.x_function, p));
    WIREKIT_TRY(get(o, "event_flags", pf.event_flags, p));
    WIREKIT_TRY(get(o, "flow_control_flags", pf.flow_control_flags, p));
    WIREKIT_TRY(get(o, "extension_flags", pf.extension_flags, p));
    WIREKIT_TRY(get_opt(o, "extension_message_type", pf.extension_message_type, p));
    if (pf.extension_message_type == m.message_type) pf.extension_message_type.reset();
    WIREKIT_TRY(get(o, "tech_type", pf.tech_type, p));
    WIREKIT_TRY(get(o, "extension_reserved", pf.extension_reserved, p));
    WIREKIT_TRY(get_opt(o, "num_tlvs", pf.num_tlvs, p));
    WIREKIT_TRY(get_opt(o, "block_length", pf.block_length, p));
  }
  if (m.kind() == body_kind::raw) {
    if (o.contains("body")) WIREKIT_TRY(json_glue::from_json_value(o["body"], m.body, p["body"]));
  } else if (o.contains("tlvs")) {
    WIREKIT_TRY(tlv_list_from(o["tlvs"], m.tlvs, p["tlvs"], false));
  }
  normalize(m);
  return m;
}

json to_json(const subscriber& s) {
  json j = json::object();
  auto put = [&](const char* k, const auto& v) {
    if (v) j[k] = *v;
  };
  put("aci", s.aci);
  put("ari", s.ari);
  put("aaci_bin", s.aaci_bin);
  put("aaci_ascii", s.aaci_ascii);
  put("state", s.state);
  put("up", s.up);
  put("down", s.down);
  put("min_up", s.min_up);
  put("min_down", s.min_down);
  put("att_up", s.att_up);
  put("att_down", s.att_down);
  put("max_up", s.max_up);
  put("max_down", s.max_down);
  put("dsl_type", s.dsl_type);
  put("data_link", s.data_link);
  put("encap1", s.encap1);
  put("encap2", s.encap2);
  if (!s.other.empty()) j["other_tlvs"] = tlv_list_json(s.other);
  if (!s.other_line_attributes.empty()) j["other_line_attributes"] = tlv_list_json(s.other_line_attributes);
  return j;
}

}  // namespace wirekit::ancp
