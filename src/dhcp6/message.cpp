// DHCPv6 message codec and its os-ken JSON (include/wirekit/dhcp6/message.hpp).
#include "wirekit/dhcp6/message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "wirekit/core/json_glue.hpp"

namespace wirekit::json_glue {

// link_address / peer_address: base64 of the address text (os-ken stores the text without an
// `ascii` annotation, so to_jsondict base64-encodes it).
template <>
struct json_traits<dhcp6::relay_address> {
  static void to(json& j, const dhcp6::relay_address& a) {
    std::string text = a.to_string();
    j = base64_encode(as_bytes(text));
  }
  static status from(const json& j, dhcp6::relay_address& a, const path& p) {
    if (!j.is_string()) return type_error(p, "base64 of an IPv6 address text", j);
    bytes raw;
    if (!base64_decode(j.get_ref<const std::string&>(), raw))
      return type_error(p, "valid base64 (of an IPv6 address text)", j);
    std::string_view text(reinterpret_cast<const char*>(raw.data()), raw.size());
    auto v = ipv6_addr::parse(text);
    if (!v) return type_error(p, "base64 of an IPv6 address text (\"Ojo=\" is \"::\")", j);
    a = *v;
    return {};
  }
};

}  // namespace wirekit::json_glue

namespace wirekit::dhcp6 {

using json = nlohmann::json;

// ---- wire -------------------------------------------------------------------------------

status header_codec::decode(reader& r, message& m, const char* proto) {
  if (is_relay(m.msg_type)) {
    // os-ken shows transaction_id 0 for relay messages.
    m.transaction_id = 0;
    if (!r.has(1)) return truncated_error(proto, "hop_count", r.offset(), 1, r.remaining());
    m.hop_count = r.u8();
    if (!r.has(16)) return truncated_error(proto, "link_address", r.offset(), 16, r.remaining());
    r.copy(m.link_address.b.data(), 16);
    if (!r.has(16)) return truncated_error(proto, "peer_address", r.offset(), 16, r.remaining());
    r.copy(m.peer_address.b.data(), 16);
    return {};
  }
  if (!r.has(3)) return truncated_error(proto, "transaction_id", r.offset(), 3, r.remaining());
  m.transaction_id = static_cast<std::uint32_t>(r.uint(3));
  m.hop_count = 0;  // os-ken's defaults for a non-relay message
  m.link_address = relay_address{};
  m.peer_address = relay_address{};
  return {};
}

status header_codec::encode(writer& w, const message& m, std::size_t) {
  if (is_relay(m.msg_type)) {
    w.u8(m.hop_count);
    w.put(m.link_address.b.data(), 16);
    w.put(m.peer_address.b.data(), 16);
    return {};
  }
  if (m.transaction_id > 0xffffff)
    return make_error("dhcp6", "transaction_id", w.size(),
                      fmt::format("{} does not fit in 24 bits", m.transaction_id));
  w.uint(m.transaction_id, 3);
  return {};
}

status options_codec::decode(reader& r, message& m, const char* proto) {
  return wire::decode_fields(m.options, r, proto);
}

status options_codec::encode(writer& w, const message& m, std::size_t) {
  return wire::encode_fields(m.options, w, "dhcp6");
}

status option_list_codec::decode(reader& r, option_set& s, const char* proto) {
  const std::size_t begin = r.position();
  std::size_t n = 0;
  while (!r.empty()) {
    if (!r.has(4)) return truncated_error(proto, "option", r.offset(), 4, r.remaining());
    if (n == s.option_list.size()) s.option_list.emplace_back();
    WIREKIT_TRY(wire::decode_fields(s.option_list[n++], r, proto));  // reuses the option's storage
  }
  s.option_list.resize(n);
  s.options_len = static_cast<std::uint32_t>(r.position() - begin);
  return {};
}

status option_list_codec::encode(writer& w, const option_set& s, std::size_t start) {
  if (s.options_len > max_options_len)
    return make_error("dhcp6", "options_len", w.size(),
                      fmt::format("{} is more than a UDP datagram can carry ({})", s.options_len, max_options_len));
  for (const option& o : s.option_list) {
    // os-ken truncates the option bytes to a non-zero options_len: what lies beyond is dropped.
    if (s.options_len && w.size() - start >= s.options_len) break;
    WIREKIT_TRY(wire::encode_fields(o, w, "dhcp6"));
    if (!s.options_len && w.size() - start > max_options_len)
      return make_error("dhcp6", "options_len", start,
                        fmt::format("the options are longer than {} bytes", max_options_len));
  }
  if (s.options_len) {
    const std::size_t len = w.size() - start;
    if (len > s.options_len)
      w.buffer().resize(start + s.options_len);
    else
      w.zeros(s.options_len - len);
  }
  return {};
}

status option_data_codec::decode(reader& r, option& o, const char* proto) {
  if (!r.has(o.length))
    return make_error(proto, "option.length", r.offset() - 2,
                      fmt::format("option {} has option-len {}, beyond the {} bytes left in the message", o.code,
                                  o.length, r.remaining()));
  auto d = r.take(o.length);
  o.data.assign(d.begin(), d.end());
  return {};
}

status option_data_codec::encode(writer& w, const option& o, std::size_t start) {
  std::size_t n = o.length;
  if (n == 0) {
    if (o.data.size() > 0xffff)
      return make_error("dhcp6", "option.data", w.size(),
                        fmt::format("option {} has {} bytes of data, more than option-len can say", o.code,
                                    o.data.size()));
    n = o.data.size();
    w.patch_u16(start + 2, n);
  }
  // os-ken packs the data with '%ds' % length: zero-padded or truncated to option-len.
  const std::size_t k = std::min(n, o.data.size());
  w.put(o.data.data(), k);
  w.zeros(n - k);
  return {};
}

status decode_into(message& out, bytes_view msg, std::size_t base) {
  reader r(msg, base);
  return wire::decode_fields(out, r, "dhcp6");
}

result<message> decode(bytes_view msg, std::size_t base) {
  message m;
  WIREKIT_TRY(decode_into(m, msg, base));
  return m;
}

status encode(const message& m, bytes& out) {
  writer w(out);
  return wire::encode_fields(m, w, "dhcp6");
}

result<bytes> encode(const message& m) {
  bytes out;
  WIREKIT_TRY(encode(m, out));
  return out;
}

const option* message::find(std::uint16_t code) const {
  for (const option& o : options.option_list)
    if (o.code == code) return &o;
  return nullptr;
}

option* message::find(std::uint16_t code) {
  return const_cast<option*>(static_cast<const message*>(this)->find(code));
}

// ---- JSON -------------------------------------------------------------------------------

json to_json(const message& m) {
  json j;
  json_glue::to_json_value(j, m);
  return j;
}

result<message> from_json(const json& wrapped) {
  json_glue::path root;
  if (!wrapped.is_object() || wrapped.size() != 1 || !wrapped.contains(message::name))
    return json_glue::type_error(root, "{\"dhcp6\": {...}}", wrapped).take_error();
  const json& inner = *wrapped.find(message::name);
  const auto at = root[message::name];
  if (!inner.is_object()) return json_glue::type_error(at, "an object", inner).take_error();
  if (!inner.contains("msg_type")) return json_error(at["msg_type"].str(), "missing (msg_type is required)");
  message m;
  WIREKIT_TRY(json_glue::fields_from_json(inner, m, at));
  return m;
}

}  // namespace wirekit::dhcp6
