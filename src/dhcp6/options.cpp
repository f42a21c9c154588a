// Typed DHCPv6 options (include/wirekit/dhcp6/options.hpp): decode and encode driven by the
// option definition table of names.cpp, and the typed JSON view.
#include "wirekit/dhcp6/options.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "wirekit/core/json_glue.hpp"

namespace wirekit::dhcp6 {

using json = nlohmann::json;

bool field_value::operator==(const field_value& o) const {
  return def == o.def && number == o.number && address == o.address && data == o.data && text == o.text &&
         numbers == o.numbers && addresses == o.addresses && names == o.names && items == o.items;
}

const field_value* typed_option::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.def && n == f.def->name) return &f;
  return nullptr;
}

const typed_option* typed_option::find(std::uint16_t c) const {
  for (const auto& o : options)
    if (o.code == c) return &o;
  return nullptr;
}

const typed_option* typed_message::find(std::uint16_t c) const {
  for (const auto& o : options)
    if (o.code == c) return &o;
  return nullptr;
}

// ---- names ----------------------------------------------------------------------------

namespace {

bool plain_label_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// One name from r: labels until the root label (full, returns true in `full`) or the end of
// the data (partial; only when allow_partial). Errors: a compression pointer or extended label
// type (RFC 8415 §10: no compression), a label beyond the data.
status read_name(reader& r, std::string& out, bool allow_partial, const std::string& field) {
  out.clear();
  bool first = true;
  while (true) {
    if (r.empty()) {
      if (allow_partial) return {};
      return make_error("dhcp6", field, r.offset(), "name not terminated by the root label");
    }
    const std::size_t at = r.offset();
    const unsigned len = r.u8();
    if (len == 0) {
      out += '.';
      return {};
    }
    if (len & 0xc0)
      return make_error("dhcp6", field, at,
                        fmt::format("label length byte {:#04x} (compression is not used in DHCPv6 names)", len));
    if (!r.has(len)) return truncated_error("dhcp6", field, r.offset(), len, r.remaining());
    if (!first) out += '.';
    first = false;
    for (unsigned i = 0; i < len; ++i) {
      const unsigned char c = r.u8();
      if (plain_label_char(c))
        out += static_cast<char>(c);
      else
        out += fmt::format("\\{:03d}", c);
    }
  }
}

}  // namespace

std::string name_to_text(bytes_view seq, bool& ok) {
  reader r(seq);
  std::string out;
  ok = read_name(r, out, true, "name").ok() && r.empty();
  return out;
}

bool name_from_text(std::string_view text, bytes& out) {
  if (text.empty()) return true;  // an empty (partial) name
  if (text == ".") {
    out.push_back(std::byte{0});
    return true;
  }
  std::string label;
  auto flush = [&]() {
    if (label.empty() || label.size() > 63) return false;
    out.push_back(static_cast<std::byte>(label.size()));
    for (char c : label) out.push_back(static_cast<std::byte>(c));
    label.clear();
    return true;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (i + 1 >= text.size()) return false;
      if (i + 3 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
          std::isdigit(static_cast<unsigned char>(text[i + 2])) && std::isdigit(static_cast<unsigned char>(text[i + 3]))) {
        const int v = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
        if (v > 255) return false;
        label += static_cast<char>(v);
        i += 3;
      } else {
        label += text[i + 1];
        ++i;
      }
    } else if (c == '.') {
      if (!flush()) return false;
      if (i + 1 == text.size()) {
        out.push_back(std::byte{0});
        return true;
      }
    } else {
      label += c;
    }
  }
  return flush();  // partial: no root label
}

// ---- decode ---------------------------------------------------------------------------

// decode_option with the path of the enclosing option ("IA_NA") for errors.
typed_option decode_option_in(const option& o, std::size_t data_offset, option_space space, unsigned depth,
                              const std::string& parent);
// to_typed with the path that names the message's options in errors ("RELAY_MSG",
// "CLIENT_DATA/LQ_RELAY_DATA").
typed_message to_typed_in(const message& m, std::size_t base, unsigned depth, const std::string& parent);

namespace {

bool valid_utf8(bytes_view b) {
  std::size_t i = 0;
  const std::size_t n = b.size();
  while (i < n) {
    const unsigned c = std::to_integer<unsigned>(b[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (len > n - i) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned d = std::to_integer<unsigned>(b[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return false;
    i += len;
  }
  return true;
}

std::string fname(const std::string& path, const char* field) { return path + "." + field; }

status decode_layout(std::span<const field_def> layout, reader& r, typed_option& t, const std::string& path,
                     unsigned depth);

// The options of one option's data, each decoded in `space`.
status decode_suboptions(reader& r, typed_option& t, const std::string& path, option_space space, unsigned depth) {
  while (!r.empty()) {
    const std::size_t at = r.offset();
    if (!r.has(4)) return truncated_error("dhcp6", path + ".options", at, 4, r.remaining());
    option o;
    o.code = r.u16();
    o.length = r.u16();
    if (!r.has(o.length))
      return make_error("dhcp6", path + ".options", at + 2,
                        fmt::format("option {} has option-len {}, beyond the {} bytes left in {}", o.code, o.length,
                                    r.remaining(), path));
    auto d = r.take(o.length);
    o.data.assign(d.begin(), d.end());
    t.options.push_back(decode_option_in(o, at + 4, space, depth + 1, path));
  }
  return {};
}

status decode_field(const field_def& f, reader& r, typed_option& t, const std::string& path, unsigned depth) {
  const std::size_t at = r.offset();
  auto need = [&](std::size_t n) -> status {
    if (!r.has(n)) return truncated_error("dhcp6", fname(path, f.name), at, n, r.remaining());
    return {};
  };
  field_value v;
  v.def = &f;
  switch (f.kind) {
    case field_kind::u8: WIREKIT_TRY(need(1)); v.number = r.u8(); break;
    case field_kind::u16: WIREKIT_TRY(need(2)); v.number = r.u16(); break;
    case field_kind::u32: WIREKIT_TRY(need(4)); v.number = r.u32(); break;
    case field_kind::u64: WIREKIT_TRY(need(8)); v.number = r.u64(); break;
    case field_kind::ipv6: WIREKIT_TRY(need(16)); r.copy(v.address.b.data(), 16); break;
    case field_kind::binary: {
      auto d = r.take(r.remaining());
      v.data.assign(d.begin(), d.end());
      break;
    }
    case field_kind::text: {
      auto d = r.take(r.remaining());
      if (!valid_utf8(d)) return make_error("dhcp6", fname(path, f.name), at, "not UTF-8 text");
      v.text.assign(reinterpret_cast<const char*>(d.data()), d.size());
      break;
    }
    case field_kind::u16_list:
      if (r.remaining() % 2)
        return make_error("dhcp6", fname(path, f.name), at,
                          fmt::format("{} bytes is not a whole number of 16-bit values", r.remaining()));
      while (!r.empty()) v.numbers.push_back(r.u16());
      break;
    case field_kind::ipv6_list:
      if (r.remaining() % 16)
        return make_error("dhcp6", fname(path, f.name), at,
                          fmt::format("{} bytes is not a whole number of IPv6 addresses", r.remaining()));
      while (!r.empty()) {
        ipv6_addr a;
        r.copy(a.b.data(), 16);
        v.addresses.push_back(a);
      }
      break;
    case field_kind::fqdn_list:
      while (!r.empty()) {
        std::string n;
        WIREKIT_TRY(read_name(r, n, false, fname(path, f.name)));
        v.names.push_back(std::move(n));
      }
      break;
    case field_kind::fqdn:
      WIREKIT_TRY(read_name(r, v.text, true, fname(path, f.name)));
      break;
    case field_kind::opaque_list:
      while (!r.empty()) {
        const std::size_t iat = r.offset();
        if (!r.has(2)) return truncated_error("dhcp6", fname(path, f.name), iat, 2, r.remaining());
        const std::uint16_t n = r.u16();
        if (!r.has(n)) return truncated_error("dhcp6", fname(path, f.name), iat + 2, n, r.remaining());
        auto d = r.take(n);
        v.items.emplace_back(d.begin(), d.end());
      }
      break;
    case field_kind::duid: {
      // RFC 8415 §11: a 2-byte type, then the fields of the type (DUID-UUID: exactly 16 bytes).
      if (!r.has(2)) return truncated_error("dhcp6", fname(path, "duid_type"), at, 2, r.remaining());
      const std::uint16_t type = load_be16(r.data());
      if (type == 4 && r.remaining() != 18)
        return make_error("dhcp6", fname(path, "uuid"), at + 2,
                          fmt::format("a DUID-UUID has 16 bytes of UUID, not {}", r.remaining() - 2));
      return decode_layout(duid_layout(type), r, t, path, depth);
    }
    case field_kind::options:
      t.fields.push_back(std::move(v));
      return decode_suboptions(r, t, path, t.def->encapsulates, depth);
    case field_kind::message: {
      auto d = r.take(r.remaining());
      auto m = decode(d, at);
      if (!m) {
        error e = m.take_error();
        e.field = path + ".message." + e.field;
        return e;
      }
      // A relayed message's options are named from "RELAY_MSG" at any depth; LQ_RELAY_DATA's
      // from the option's own path.
      t.message = std::make_shared<typed_message>(
          to_typed_in(*m, at, depth + 1, t.code == option_code::relay_msg ? std::string("RELAY_MSG") : path));
      break;
    }
  }
  t.fields.push_back(std::move(v));
  return {};
}

status decode_layout(std::span<const field_def> layout, reader& r, typed_option& t, const std::string& path,
                     unsigned depth) {
  for (const field_def& f : layout) WIREKIT_TRY(decode_field(f, r, t, path, depth));
  if (!r.empty())
    return make_error("dhcp6", path, r.offset(),
                      fmt::format("{} bytes after the last field ({} is {} bytes here)", r.remaining(), path,
                                  r.position()));
  return {};
}

}  // namespace

typed_option decode_option_in(const option& o, std::size_t data_offset, option_space space, unsigned depth,
                              const std::string& parent) {
  typed_option t;
  t.code = o.code;
  t.space = space;
  t.raw = o.data;
  t.def = find_option_def(o.code, space);
  if (!t.def) return t;
  std::string path = parent.empty() ? std::string(t.def->name) : parent + "/" + t.def->name;
  if (depth > max_nesting) {
    t.problem = make_error("dhcp6", path, data_offset, fmt::format("options nest deeper than {}", max_nesting));
    return t;
  }
  reader r(o.data, data_offset);
  status st = decode_layout(t.def->fields, r, t, path, depth);
  if (!st) {
    t.problem = st.take_error();
    t.fields.clear();
    t.options.clear();
    t.message.reset();
  }
  return t;
}

typed_option decode_option(const option& o, std::size_t data_offset, option_space space, unsigned depth) {
  return decode_option_in(o, data_offset, space, depth, "");
}

typed_message to_typed(const message& m, std::size_t base, unsigned depth) {
  return to_typed_in(m, base, depth, depth ? "RELAY_MSG" : "");
}

typed_message to_typed_in(const message& m, std::size_t base, unsigned depth, const std::string& parent) {
  typed_message t;
  t.msg_type = m.msg_type;
  t.transaction_id = m.transaction_id;
  t.hop_count = m.hop_count;
  t.link_address = m.link_address;
  t.peer_address = m.peer_address;
  t.options.reserve(m.options.option_list.size());
  std::size_t at = base + header_size(m.msg_type);
  for (const option& o : m.options.option_list) {
    t.options.push_back(decode_option_in(o, at + 4, option_space::dhcp6, depth, parent));
    at += 4 + o.data.size();
  }
  return t;
}

// ---- encode ---------------------------------------------------------------------------

namespace {

status encode_field(const field_value& v, const typed_option& t, writer& w, const std::string& path);

status encode_options(const std::vector<typed_option>& opts, writer& w, const std::string& path) {
  for (const auto& o : opts) {
    auto raw = encode_option(o);
    if (!raw) return raw.take_error();
    if (raw->data.size() > 0xffff)
      return make_error("dhcp6", path + ".options", w.size(),
                        fmt::format("option {} has {} bytes of data", o.code, raw->data.size()));
    w.u16(o.code);
    w.u16(raw->data.size());
    w.put(raw->data);
  }
  return {};
}

status range(const field_value& v, std::uint64_t max, const std::string& path) {
  if (v.number > max)
    return make_error("dhcp6", fname(path, v.name()), 0, fmt::format("{} does not fit in the field (max {})", v.number, max));
  return {};
}

status encode_field(const field_value& v, const typed_option& t, writer& w, const std::string& path) {
  if (!v.def) return make_error("dhcp6", path, 0, "a field without a definition");
  switch (v.def->kind) {
    case field_kind::u8: WIREKIT_TRY(range(v, 0xff, path)); w.u8(v.number); break;
    case field_kind::u16: WIREKIT_TRY(range(v, 0xffff, path)); w.u16(v.number); break;
    case field_kind::u32: WIREKIT_TRY(range(v, 0xffffffffu, path)); w.u32(v.number); break;
    case field_kind::u64: w.u64(v.number); break;
    case field_kind::ipv6: w.put(v.address.b.data(), 16); break;
    case field_kind::binary: w.put(v.data); break;
    case field_kind::text: w.put(as_bytes(v.text)); break;
    case field_kind::u16_list:
      for (auto n : v.numbers) {
        if (n > 0xffff) return make_error("dhcp6", fname(path, v.name()), 0, fmt::format("{} is not a 16-bit value", n));
        w.u16(n);
      }
      break;
    case field_kind::ipv6_list:
      for (const auto& a : v.addresses) w.put(a.b.data(), 16);
      break;
    case field_kind::fqdn_list:
      for (const auto& n : v.names) {
        bytes b;
        if (!name_from_text(n, b))
          return make_error("dhcp6", fname(path, v.name()), 0, fmt::format("'{}' is not a domain name", n));
        if (b.empty() || b.back() != std::byte{0}) b.push_back(std::byte{0});  // list names are full
        w.put(b);
      }
      break;
    case field_kind::fqdn: {
      bytes b;
      if (!name_from_text(v.text, b))
        return make_error("dhcp6", fname(path, v.name()), 0, fmt::format("'{}' is not a domain name", v.text));
      w.put(b);
      break;
    }
    case field_kind::opaque_list:
      for (const auto& it : v.items) {
        if (it.size() > 0xffff) return make_error("dhcp6", fname(path, v.name()), 0, "an item longer than 65535 bytes");
        w.u16(it.size());
        w.put(it);
      }
      break;
    case field_kind::duid: return make_error("dhcp6", fname(path, v.name()), 0, "a DUID is given by its fields");
    case field_kind::options: return encode_options(t.options, w, path);
    case field_kind::message: {
      if (!t.message) return make_error("dhcp6", fname(path, "message"), 0, path + " without a message");
      auto m = from_typed(*t.message);
      if (!m) return m.take_error();
      WIREKIT_TRY(encode(*m, w.buffer()));
      break;
    }
  }
  return {};
}

}  // namespace

result<option> encode_option(const typed_option& t) {
  option o;
  o.code = t.code;
  if (t.is_raw()) {
    o.data = t.raw;
  } else {
    writer w(o.data);
    for (const auto& v : t.fields) WIREKIT_TRY(encode_field(v, t, w, t.def->name));
  }
  if (o.data.size() > 0xffff)
    return make_error("dhcp6", t.def ? t.def->name : "option", 0,
                      fmt::format("option {} has {} bytes of data, more than option-len can say", t.code, o.data.size()));
  o.length = static_cast<std::uint16_t>(o.data.size());
  return o;
}

result<message> from_typed(const typed_message& t) {
  message m;
  m.msg_type = t.msg_type;
  if (t.relay()) {
    m.hop_count = t.hop_count;
    m.link_address = t.link_address;
    m.peer_address = t.peer_address;
  } else {
    m.transaction_id = t.transaction_id;
  }
  m.options.option_list.reserve(t.options.size());
  for (const auto& o : t.options) {
    auto r = encode_option(o);
    if (!r) return r.take_error();
    m.options.option_list.push_back(std::move(*r));
  }
  return m;
}

// ---- typed JSON -----------------------------------------------------------------------

namespace {

std::string hex(bytes_view b) { return to_hex(b); }

bool unhex(const std::string& s, bytes& out) {
  if (s.size() % 2) return false;
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  out.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int a = nib(s[i]), b = nib(s[i + 1]);
    if (a < 0 || b < 0) return false;
    out.push_back(static_cast<std::byte>(a * 16 + b));
  }
  return true;
}

json field_json(const field_value& v) {
  switch (v.def->kind) {
    case field_kind::u8:
    case field_kind::u16:
    case field_kind::u32:
    case field_kind::u64: return v.number;
    case field_kind::ipv6: return v.address.to_string();
    case field_kind::binary: return hex(v.data);
    case field_kind::text:
    case field_kind::fqdn: return v.text;
    case field_kind::u16_list: return v.numbers;
    case field_kind::ipv6_list: {
      json a = json::array();
      for (const auto& x : v.addresses) a.push_back(x.to_string());
      return a;
    }
    case field_kind::fqdn_list: return v.names;
    case field_kind::opaque_list: {
      json a = json::array();
      for (const auto& x : v.items) a.push_back(hex(x));
      return a;
    }
    default: return nullptr;
  }
}

json message_json(const typed_message& t);

json option_json(const typed_option& o) {
  json j;
  j["code"] = o.code;
  if (o.def) j["name"] = o.def->name;
  if (o.is_raw()) {
    j["data"] = hex(o.raw);
    if (o.problem) j["error"] = o.problem->to_string();
    return j;
  }
  json fields = json::object();
  for (const auto& v : o.fields) {
    if (v.def->kind == field_kind::options) {
      json a = json::array();
      for (const auto& s : o.options) a.push_back(option_json(s));
      j["options"] = std::move(a);
    } else if (v.def->kind == field_kind::message) {
      if (o.message) j["message"] = message_json(*o.message);
    } else {
      fields[v.def->name] = field_json(v);
    }
  }
  if (const auto* dt = o.field("duid_type"))
    if (const char* n = duid_type_name(static_cast<std::uint16_t>(dt->number))) fields["duid_type_name"] = n;
  if (!fields.empty()) j["fields"] = std::move(fields);
  return j;
}

json message_json(const typed_message& t) {
  json j;
  j["msg_type"] = t.msg_type;
  if (const char* n = message_type_name(t.msg_type)) j["name"] = n;
  if (t.relay()) {
    j["hop_count"] = t.hop_count;
    j["link_address"] = t.link_address.to_string();
    j["peer_address"] = t.peer_address.to_string();
  } else {
    j["transaction_id"] = t.transaction_id;
  }
  json a = json::array();
  for (const auto& o : t.options) a.push_back(option_json(o));
  j["options"] = std::move(a);
  return j;
}

using json_glue::path;

// Typed JSON nests at most this deep (what to_typed_json writes for max_nesting, with room).
constexpr unsigned kJsonNesting = 2 * max_nesting + 2;

status want(bool ok, const path& p, const char* what, const json& got) {
  if (ok) return {};
  return json_glue::type_error(p, what, got);
}

status uint_from(const json& j, std::uint64_t max, std::uint64_t& out, const path& p) {
  if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0))
    return json_glue::type_error(p, "a non-negative integer", j);
  out = j.get<std::uint64_t>();
  if (out > max) return json_glue::type_error(p, "an integer in range", j);
  return {};
}

status addr_from(const json& j, ipv6_addr& a, const path& p) {
  if (!j.is_string()) return json_glue::type_error(p, "an IPv6 address string", j);
  auto v = ipv6_addr::parse(j.get_ref<const std::string&>());
  if (!v) return json_glue::type_error(p, "an IPv6 address", j);
  a = *v;
  return {};
}

status hex_from(const json& j, bytes& b, const path& p) {
  if (!j.is_string() || !unhex(j.get_ref<const std::string&>(), b)) return json_glue::type_error(p, "a hex string", j);
  return {};
}

status message_from(const json& j, typed_message& t, const path& p, unsigned depth);

status options_from(const json& j, std::vector<typed_option>& out, option_space space, const path& p, unsigned depth);

status field_from(const field_def& f, const json& fields, field_value& v, const path& fp) {
  v.def = &f;
  const path p = fp[f.name];
  auto it = fields.find(f.name);
  if (it == fields.end()) return json_error(p.str(), "missing");
  const json& j = *it;
  switch (f.kind) {
    case field_kind::u8: return uint_from(j, 0xff, v.number, p);
    case field_kind::u16: return uint_from(j, 0xffff, v.number, p);
    case field_kind::u32: return uint_from(j, 0xffffffffu, v.number, p);
    case field_kind::u64: return uint_from(j, ~std::uint64_t{0}, v.number, p);
    case field_kind::ipv6: return addr_from(j, v.address, p);
    case field_kind::binary: return hex_from(j, v.data, p);
    case field_kind::text:
    case field_kind::fqdn:
      WIREKIT_TRY(want(j.is_string(), p, "a string", j));
      v.text = j.get<std::string>();
      if (f.kind == field_kind::fqdn) {
        bytes b;
        if (!name_from_text(v.text, b)) return json_glue::type_error(p, "a domain name", j);
      }
      return {};
    case field_kind::u16_list:
    case field_kind::ipv6_list:
    case field_kind::fqdn_list:
    case field_kind::opaque_list: {
      WIREKIT_TRY(want(j.is_array(), p, "an array", j));
      long i = 0;
      for (const auto& e : j) {
        const path ep = p[i++];
        if (f.kind == field_kind::u16_list) {
          std::uint64_t n;
          WIREKIT_TRY(uint_from(e, 0xffff, n, ep));
          v.numbers.push_back(n);
        } else if (f.kind == field_kind::ipv6_list) {
          ipv6_addr a;
          WIREKIT_TRY(addr_from(e, a, ep));
          v.addresses.push_back(a);
        } else if (f.kind == field_kind::fqdn_list) {
          bytes b;
          if (!e.is_string() || !name_from_text(e.get_ref<const std::string&>(), b))
            return json_glue::type_error(ep, "a domain name", e);
          v.names.push_back(e.get<std::string>());
        } else {
          bytes b;
          WIREKIT_TRY(hex_from(e, b, ep));
          v.items.push_back(std::move(b));
        }
      }
      return {};
    }
    default: return json_error(p.str(), "not a field");
  }
}

status option_from(const json& j, typed_option& o, option_space space, const path& p, unsigned depth) {
  if (!j.is_object()) return json_glue::type_error(p, "an option object", j);
  if (depth > kJsonNesting) return json_error(p.str(), fmt::format("options nest deeper than {}", kJsonNesting));
  auto c = j.find("code");
  if (c == j.end()) return json_error(p["code"].str(), "missing");
  std::uint64_t code;
  WIREKIT_TRY(uint_from(*c, 0xffff, code, p["code"]));
  o.code = static_cast<std::uint16_t>(code);
  o.space = space;
  const option_def* def = find_option_def(o.code, space);
  if (auto n = j.find("name"); n != j.end() && (!def || !n->is_string() || *n != def->name))
    return json_error(p["name"].str(), def ? fmt::format("option {} is {}", o.code, def->name)
                                           : fmt::format("option {} has no definition (give its data)", o.code));
  if (auto d = j.find("data"); d != j.end()) {  // raw
    o.def = nullptr;
    return hex_from(*d, o.raw, p["data"]);
  }
  if (!def) return json_error(p["data"].str(), fmt::format("missing (option {} has no definition)", o.code));
  o.def = def;
  static const json kEmpty = json::object();
  auto fit = j.find("fields");
  const json& fields = fit == j.end() ? kEmpty : *fit;
  if (!fields.is_object()) return json_glue::type_error(p["fields"], "an object", fields);
  const path fp = p["fields"];
  std::size_t used = 0;
  for (const field_def& f : def->fields) {
    if (f.kind == field_kind::duid) {
      auto dt = fields.find("duid_type");
      if (dt == fields.end()) return json_error(fp["duid_type"].str(), "missing");
      std::uint64_t type;
      WIREKIT_TRY(uint_from(*dt, 0xffff, type, fp["duid_type"]));
      for (const field_def& g : duid_layout(static_cast<std::uint16_t>(type))) {
        field_value v;
        WIREKIT_TRY(field_from(g, fields, v, fp));
        o.fields.push_back(std::move(v));
        ++used;
      }
      if (fields.contains("duid_type_name")) ++used;
    } else if (f.kind == field_kind::options) {
      field_value v;
      v.def = &f;
      o.fields.push_back(std::move(v));
      if (auto a = j.find("options"); a != j.end())
        WIREKIT_TRY(options_from(*a, o.options, def->encapsulates, p["options"], depth + 1));
    } else if (f.kind == field_kind::message) {
      field_value v;
      v.def = &f;
      o.fields.push_back(std::move(v));
      auto m = j.find("message");
      if (m == j.end()) return json_error(p["message"].str(), "missing");
      o.message = std::make_shared<typed_message>();
      WIREKIT_TRY(message_from(*m, *o.message, p["message"], depth + 1));
    } else {
      field_value v;
      WIREKIT_TRY(field_from(f, fields, v, fp));
      o.fields.push_back(std::move(v));
      ++used;
    }
  }
  if (used != fields.size()) {
    for (auto it = fields.begin(); it != fields.end(); ++it)
      if (!std::any_of(o.fields.begin(), o.fields.end(), [&](const field_value& v) { return it.key() == v.name(); }) &&
          it.key() != "duid_type_name")
        return json_error(fp.str() + "." + it.key(), fmt::format("{} has no field '{}'", def->name, it.key()));
  }
  return {};
}

status options_from(const json& j, std::vector<typed_option>& out, option_space space, const path& p, unsigned depth) {
  if (!j.is_array()) return json_glue::type_error(p, "an array of options", j);
  long i = 0;
  for (const auto& e : j) {
    typed_option o;
    WIREKIT_TRY(option_from(e, o, space, p[i++], depth));
    out.push_back(std::move(o));
  }
  return {};
}

status message_from(const json& j, typed_message& t, const path& p, unsigned depth) {
  if (!j.is_object()) return json_glue::type_error(p, "a message object", j);
  if (depth > kJsonNesting) return json_error(p.str(), fmt::format("messages nest deeper than {}", kJsonNesting));
  auto mt = j.find("msg_type");
  if (mt == j.end()) return json_error(p["msg_type"].str(), "missing (msg_type is required)");
  std::uint64_t v;
  WIREKIT_TRY(uint_from(*mt, 0xff, v, p["msg_type"]));
  t.msg_type = static_cast<std::uint8_t>(v);
  if (t.relay()) {
    if (auto h = j.find("hop_count"); h != j.end()) {
      WIREKIT_TRY(uint_from(*h, 0xff, v, p["hop_count"]));
      t.hop_count = static_cast<std::uint8_t>(v);
    }
    if (auto a = j.find("link_address"); a != j.end()) WIREKIT_TRY(addr_from(*a, t.link_address, p["link_address"]));
    if (auto a = j.find("peer_address"); a != j.end()) WIREKIT_TRY(addr_from(*a, t.peer_address, p["peer_address"]));
  } else if (auto x = j.find("transaction_id"); x != j.end()) {
    WIREKIT_TRY(uint_from(*x, 0xffffff, v, p["transaction_id"]));
    t.transaction_id = static_cast<std::uint32_t>(v);
  }
  if (auto o = j.find("options"); o != j.end())
    WIREKIT_TRY(options_from(*o, t.options, option_space::dhcp6, p["options"], depth));
  return {};
}

}  // namespace

json to_typed_json(const typed_message& t) { return json{{"dhcp6_typed", message_json(t)}}; }

json to_typed_json(const message& m) { return to_typed_json(to_typed(m)); }

result<typed_message> typed_from_json(const json& wrapped) {
  path root;
  if (!wrapped.is_object() || wrapped.size() != 1 || !wrapped.contains("dhcp6_typed"))
    return json_glue::type_error(root, "{\"dhcp6_typed\": {...}}", wrapped).take_error();
  typed_message t;
  WIREKIT_TRY(message_from(*wrapped.find("dhcp6_typed"), t, root["dhcp6_typed"], 0));
  return t;
}

result<message> from_typed_json(const json& wrapped) {
  auto t = typed_from_json(wrapped);
  if (!t) return t.take_error();
  return from_typed(*t);
}

std::string layout_text(const option_def& d) {
  std::string s;
  for (const field_def& f : d.fields) {
    if (!s.empty()) s += ", ";
    s += f.name;
    if (std::string_view(f.name) != field_kind_name(f.kind)) {
      s += ' ';
      s += field_kind_name(f.kind);
    }
    if (f.kind == field_kind::options)
      s += d.encapsulates == option_space::ntp_server ? " (NTP sub-options)"
           : d.encapsulates == option_space::vendor   ? " (vendor options, raw)"
                                                      : " (DHCPv6 options)";
  }
  if (s.empty()) s = "(empty)";
  return s;
}

}  // namespace wirekit::dhcp6
