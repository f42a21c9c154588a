// BGP messages on the wire, the OPEN's capabilities, the stream parser
// (include/wirekit/bgp/bgp.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "detail.hpp"

namespace wirekit::bgp {

using detail::dstate;
using detail::fail;
using detail::finding;
using detail::proto;

// ---- errors --------------------------------------------------------------------------------

const char* action_name(action a) {
  switch (a) {
    case action::none: return "none";
    case action::attribute_discard: return "attribute-discard";
    case action::treat_as_withdraw: return "treat-as-withdraw";
    case action::afi_safi_disable: return "AFI/SAFI-disable";
    case action::session_reset: return "session-reset";
  }
  return "?";
}

std::string notification_name(std::uint8_t code, std::uint8_t subcode) {
  static const char* const codes[] = {"",
                                      "Message Header Error",
                                      "OPEN Message Error",
                                      "UPDATE Message Error",
                                      "Hold Timer Expired",
                                      "Finite State Machine Error",
                                      "Cease",
                                      "ROUTE-REFRESH Message Error"};
  static const char* const header[] = {"Unspecific", "Connection Not Synchronized", "Bad Message Length",
                                       "Bad Message Type"};
  static const char* const open[] = {"Unspecific",
                                     "Unsupported Version Number",
                                     "Bad Peer AS",
                                     "Bad BGP Identifier",
                                     "Unsupported Optional Parameter",
                                     "Authentication Failure (deprecated)",
                                     "Unacceptable Hold Time",
                                     "Unsupported Capability",
                                     "Deprecated",
                                     "Deprecated",
                                     "Deprecated",
                                     "Role Mismatch"};
  static const char* const update[] = {"Unspecific",
                                       "Malformed Attribute List",
                                       "Unrecognized Well-known Attribute",
                                       "Missing Well-known Attribute",
                                       "Attribute Flags Error",
                                       "Attribute Length Error",
                                       "Invalid ORIGIN Attribute",
                                       "AS Routing Loop (deprecated)",
                                       "Invalid NEXT_HOP Attribute",
                                       "Optional Attribute Error",
                                       "Invalid Network Field",
                                       "Malformed AS_PATH"};
  static const char* const cease[] = {"Unspecific",
                                      "Maximum Number of Prefixes Reached",
                                      "Administrative Shutdown",
                                      "Peer De-configured",
                                      "Administrative Reset",
                                      "Connection Rejected",
                                      "Other Configuration Change",
                                      "Connection Collision Resolution",
                                      "Out of Resources",
                                      "Hard Reset",
                                      "BFD Down"};
  std::string c = code < std::size(codes) && code ? codes[code] : fmt::format("code {}", code);
  auto pick = [&](const char* const* t, std::size_t n) -> std::string {
    return subcode < n ? t[subcode] : fmt::format("subcode {}", subcode);
  };
  std::string s;
  switch (code) {
    case err_code::message_header: s = pick(header, std::size(header)); break;
    case err_code::open_message: s = pick(open, std::size(open)); break;
    case err_code::update_message: s = pick(update, std::size(update)); break;
    case err_code::cease: s = pick(cease, std::size(cease)); break;
    case err_code::route_refresh: s = subcode == 1 ? "Invalid Message Length" : fmt::format("subcode {}", subcode); break;
    default: s = subcode == 0 ? "Unspecific" : fmt::format("subcode {}", subcode); break;
  }
  return c + " / " + s;
}

std::string decode_error::to_string() const { return err.to_string(); }

action decode_report::worst() const {
  action a = error ? error->act : action::none;
  for (const auto& f : findings) a = std::max(a, f.act);
  return a;
}

const char* class_name(const message& m) {
  return std::visit([](const auto& x) -> const char* { return std::remove_cvref_t<decltype(x)>::name; }, m);
}
std::uint8_t type_of(const message& m) {
  return std::visit([](const auto& x) { return x.type; }, m);
}

// ---- OPEN helpers --------------------------------------------------------------------------

const cap_unknown* open_msg::find_unknown_capability(std::uint8_t code) const {
  for (const auto& p : opt_param)
    if (auto* c = std::get_if<cap_unknown>(&p); c && c->cap_code == code) return c;
  return nullptr;
}

std::uint32_t open_msg::as_number() const {
  if (auto* c = find_capability<cap_four_octet_as>()) return c->as_number;
  return my_as;
}

std::vector<family> open_msg::multiprotocol_families() const {
  std::vector<family> v;
  for (const auto& p : opt_param)
    if (auto* c = std::get_if<cap_multiprotocol>(&p)) v.push_back({c->afi, c->safi});
  return v;
}

std::vector<add_path_entry> open_msg::add_path() const {
  std::vector<add_path_entry> v;
  for (const auto& p : opt_param)
    if (auto* c = std::get_if<cap_unknown>(&p))
      if (auto e = parse_add_path(*c)) v.insert(v.end(), e->begin(), e->end());
  return v;
}

bool open_msg::has_extended_message() const { return find_unknown_capability(cap_code::extended_message) != nullptr; }
bool open_msg::has_four_octet_as() const { return find_capability<cap_four_octet_as>() != nullptr; }

std::optional<std::vector<add_path_entry>> parse_add_path(const cap_unknown& c) {
  if (c.cap_code != cap_code::add_path || c.cap_value.size() % 4) return std::nullopt;
  std::vector<add_path_entry> v;
  for (std::size_t i = 0; i < c.cap_value.size(); i += 4) {
    add_path_entry e;
    e.afi = load_be16(c.cap_value.data() + i);
    e.safi = std::to_integer<std::uint8_t>(c.cap_value[i + 2]);
    e.send_receive = std::to_integer<std::uint8_t>(c.cap_value[i + 3]);
    v.push_back(e);
  }
  return v;
}

cap_unknown make_add_path_capability(const std::vector<add_path_entry>& entries) {
  cap_unknown c;
  c.cap_code = cap_code::add_path;
  writer w(c.cap_value);
  for (const auto& e : entries) {
    w.u16(e.afi);
    w.u8(e.safi);
    w.u8(e.send_receive);
  }
  return c;
}

cap_unknown make_extended_message_capability() {
  cap_unknown c;
  c.cap_code = cap_code::extended_message;
  return c;
}

context negotiate(const open_msg& sent, const open_msg& received) {
  context ctx;
  ctx.as = sent.has_four_octet_as() && received.has_four_octet_as() ? context::as_width::four
                                                                    : context::as_width::two;
  ctx.extended_message = sent.has_extended_message() && received.has_extended_message();
  auto ours = sent.add_path(), theirs = received.add_path();
  for (const auto& t : theirs) {
    if (!(t.send_receive & add_path_entry::send)) continue;
    for (const auto& o : ours)
      if (o.afi == t.afi && o.safi == t.safi && (o.send_receive & add_path_entry::receive)) {
        family f{t.afi, t.safi};
        if (!ctx.has_add_path(f)) ctx.add_path.push_back(f);
      }
  }
  return ctx;
}

std::optional<family> update_msg::end_of_rib() const {
  if (withdrawn_routes.empty() && nlri.empty() && path_attributes.empty()) return family{afi::ipv4, safi::unicast};
  if (withdrawn_routes.empty() && nlri.empty() && path_attributes.size() == 1)
    if (auto* u = std::get_if<attr_mp_unreach_nlri>(&path_attributes[0]); u && nlri_count(u->withdrawn_routes) == 0)
      return u->fam();
  return std::nullopt;
}

// ---- decode --------------------------------------------------------------------------------

namespace {

bytes be16_bytes(std::uint16_t v) { return bytes{std::byte(v >> 8), std::byte(v & 0xff)}; }

status bad_length(dstate& ds, std::size_t base, std::uint16_t len, const char* why) {
  return fail(ds, "len", base + 16, fmt::format("length {} {}", len, why), err_code::message_header,
              err_sub::bad_message_length, action::session_reset, be16_bytes(len));
}

status decode_capabilities(dstate& ds, reader& v, std::vector<open_param>& out) {
  bool first = true;
  while (!v.empty()) {
    const std::size_t at = v.offset();
    if (!v.has(2))
      return fail(ds, "opt_param.cap_code", at, "capability header truncated", err_code::open_message,
                  err_sub::unspecific, action::session_reset);
    const std::uint8_t code = v.u8(), len = v.u8();
    if (!v.has(len))
      return fail(ds, "opt_param.cap_length", at + 1,
                  fmt::format("capability {} has length {}, beyond the {} bytes left in its parameter", code, len,
                              v.remaining()),
                  err_code::open_message, err_sub::unspecific, action::session_reset);
    reader c = v.sub(len);
    auto head = [&](auto& x) {
      x.type = 2;
      x.length = static_cast<std::uint8_t>(len + 2);
      x.cap_code = code;
      x.cap_length = len;
      x.grouped = !first;
    };
    auto typed = [&](auto tag) -> bool {
      using C = typename decltype(tag)::type;
      auto& x = std::get<C>(out.emplace_back(std::in_place_type<C>));
      head(x);
      if (wire::decode_fields(x, c, proto).ok()) return true;
      out.pop_back();
      return false;
    };
    bool done = false;
    switch (code) {
      case cap_code::multiprotocol:
        if (len == 4) done = typed(std::type_identity<cap_multiprotocol>{});
        break;
      case cap_code::route_refresh:
        if (len == 0) done = typed(std::type_identity<cap_route_refresh>{});
        break;
      case cap_code::cisco_route_refresh:
        if (len == 0) done = typed(std::type_identity<cap_cisco_route_refresh>{});
        break;
      case cap_code::enhanced_route_refresh:
        if (len == 0) done = typed(std::type_identity<cap_enhanced_route_refresh>{});
        break;
      case cap_code::carrying_label_info:
        if (len == 0) done = typed(std::type_identity<cap_carrying_label_info>{});
        break;
      case cap_code::four_octet_as:
        if (len == 4) done = typed(std::type_identity<cap_four_octet_as>{});
        break;
      case cap_code::graceful_restart:
        if (len >= 2 && (len - 2) % 4 == 0) {
          auto& x = std::get<cap_graceful_restart>(out.emplace_back(std::in_place_type<cap_graceful_restart>));
          head(x);
          std::uint16_t w = c.u16();
          x.flags = static_cast<std::uint8_t>(w >> 12);
          x.time = w & 0xfff;
          x.tuples.resize((len - 2u) / 4u);
          for (auto& t : x.tuples) {
            t.afi = c.u16();
            t.safi = c.u8();
            t.flags = c.u8();
          }
          done = true;
        }
        break;
      default: break;
    }
    if (!done) {
      // Unknown codes, and known ones whose length does not fit their layout, stay raw.
      c = reader(bytes_view(v.data() - len, len), v.offset() - len);
      auto& x = std::get<cap_unknown>(out.emplace_back(std::in_place_type<cap_unknown>));
      head(x);
      auto b = c.take(len);
      x.cap_value.assign(b.begin(), b.end());
    }
    first = false;
  }
  return {};
}

status decode_open(dstate& ds, reader& b, open_msg& m, std::size_t base) {
  if (!b.has(10)) return bad_length(ds, base, m.len, "is below the OPEN minimum (29)");
  m.version = b.u8();
  m.my_as = b.u16();
  m.hold_time = b.u16();
  b.copy(m.bgp_identifier.b.data(), 4);
  const std::size_t olen_off = b.offset();
  m.opt_param_len = b.u8();
  m.extended_params = false;
  m.opt_param.clear();
  if (m.opt_param_len == 255 && b.has(1) && b.peek8() == 255) {  // RFC 9072
    b.skip(1);
    if (!b.has(2))
      return fail(ds, "opt_param_len", b.offset(), "extended optional parameters length truncated",
                  err_code::open_message, err_sub::unspecific, action::session_reset);
    m.opt_param_len = b.u16();
    m.extended_params = true;
  }
  if (b.remaining() != m.opt_param_len)
    return fail(ds, "opt_param_len", olen_off,
                fmt::format("optional parameters length {} but {} bytes follow", m.opt_param_len, b.remaining()),
                err_code::open_message, err_sub::unspecific, action::session_reset);
  const std::size_t hlen = m.extended_params ? 3 : 2;
  while (!b.empty()) {
    const std::size_t at = b.offset();
    if (!b.has(hlen))
      return fail(ds, "opt_param", at, "optional parameter header truncated", err_code::open_message,
                  err_sub::unspecific, action::session_reset);
    const std::uint8_t type = b.u8();
    const std::uint16_t len = m.extended_params ? b.u16() : b.u8();
    if (!b.has(len))
      return fail(ds, "opt_param.length", at + 1,
                  fmt::format("optional parameter {} has length {}, beyond the {} bytes left", type, len,
                              b.remaining()),
                  err_code::open_message, err_sub::unspecific, action::session_reset);
    reader v = b.sub(len);
    if (type == 2) {
      WIREKIT_TRY(decode_capabilities(ds, v, m.opt_param));
    } else {
      auto& x = std::get<opt_param_unknown>(m.opt_param.emplace_back(std::in_place_type<opt_param_unknown>));
      x.type = type;
      x.length = static_cast<std::uint8_t>(len);
      auto s = v.take(len);
      x.value.assign(s.begin(), s.end());
      finding(ds, "opt_param.type", at, fmt::format("unsupported optional parameter type {}", type),
              err_code::open_message, err_sub::unsupported_optional_parameter, action::session_reset);
    }
  }
  if (m.version != 4)
    finding(ds, "version", base + 19, fmt::format("unsupported version {}", m.version), err_code::open_message,
            err_sub::unsupported_version, action::session_reset, be16_bytes(4));
  if (m.hold_time == 1 || m.hold_time == 2)
    finding(ds, "hold_time", base + 22, fmt::format("hold time {} (must be 0 or at least 3)", m.hold_time),
            err_code::open_message, err_sub::unacceptable_hold_time, action::session_reset);
  if (m.bgp_identifier.to_uint() == 0)
    finding(ds, "bgp_identifier", base + 24, "BGP identifier 0", err_code::open_message,
            err_sub::bad_bgp_identifier, action::session_reset);
  return {};
}

status decode_update(dstate& ds, reader& b, update_msg& m, std::size_t base) {
  if (!b.has(4)) return bad_length(ds, base, m.len, "is below the UPDATE minimum (23)");
  const std::size_t wl_off = b.offset();
  m.withdrawn_routes_len = b.u16();
  if (!b.has(std::size_t(m.withdrawn_routes_len) + 2))
    return fail(ds, "withdrawn_routes_len", wl_off,
                fmt::format("withdrawn routes length {} overruns the message", m.withdrawn_routes_len),
                err_code::update_message, err_sub::malformed_attribute_list, action::session_reset);
  reader wr = b.sub(m.withdrawn_routes_len);
  const family v4uc{afi::ipv4, safi::unicast};
  if (auto st = decode_prefixes(wr, v4uc, ds.ctx, m.withdrawn_routes); !st)
    return fail(ds, st.take_error(), err_code::update_message, err_sub::malformed_attribute_list,
                action::session_reset);
  const std::size_t al_off = b.offset();
  m.total_path_attribute_len = b.u16();
  if (!b.has(m.total_path_attribute_len))
    return fail(ds, "total_path_attribute_len", al_off,
                fmt::format("total path attribute length {} overruns the message", m.total_path_attribute_len),
                err_code::update_message, err_sub::malformed_attribute_list, action::session_reset);
  reader ar = b.sub(m.total_path_attribute_len);
  WIREKIT_TRY(detail::decode_attributes(ar, ds, m.path_attributes));
  if (auto st = decode_prefixes(b, v4uc, ds.ctx, m.nlri); !st)
    return fail(ds, st.take_error(), err_code::update_message, err_sub::invalid_network_field, action::session_reset);
  detail::check_update(ds, m, al_off + 2);
  return {};
}

template <class T>
T& as(message& m) {
  if (auto* p = std::get_if<T>(&m)) return *p;
  return m.emplace<T>();
}

status decode_into(dstate& ds, bytes_view in, std::size_t base, message& out) {
  if (in.size() < header_size)
    return fail(ds, truncated_error(proto, "header", base, header_size, in.size()), err_code::message_header,
                err_sub::bad_message_length, action::session_reset);
  for (std::size_t i = 0; i < 16; ++i)
    if (in[i] != std::byte{0xff})
      return fail(ds, "marker", base + i, "marker is not all ones", err_code::message_header,
                  err_sub::connection_not_synchronized, action::session_reset);
  const std::uint16_t len = load_be16(in.data() + 16);
  const std::uint8_t type = std::to_integer<std::uint8_t>(in[18]);
  if (len < header_size) return bad_length(ds, base, len, "is below 19");
  if (len > ds.ctx.max_message_size())
    return bad_length(ds, base, len, fmt::format("exceeds the maximum message size {}", ds.ctx.max_message_size()).c_str());
  if (len != in.size())
    return bad_length(ds, base, len, fmt::format("but the message has {} bytes", in.size()).c_str());
  reader b(in.subspan(header_size), base + header_size);
  switch (type) {
    case msg_type::open: {
      auto& m = as<open_msg>(out);
      m.len = len;
      m.type = type;
      return decode_open(ds, b, m, base);
    }
    case msg_type::update: {
      auto& m = as<update_msg>(out);
      m.len = len;
      m.type = type;
      return decode_update(ds, b, m, base);
    }
    case msg_type::notification: {
      if (len < 21) return bad_length(ds, base, len, "is below the NOTIFICATION minimum (21)");
      auto& m = as<notification_msg>(out);
      m.len = len;
      m.type = type;
      return wire::decode_fields(m, b, proto);
    }
    case msg_type::keepalive: {
      if (len != 19) return bad_length(ds, base, len, "is not 19 (KEEPALIVE)");
      auto& m = as<keepalive_msg>(out);
      m.len = len;
      m.type = type;
      return {};
    }
    case msg_type::route_refresh: {
      if (len != 23) {
        std::uint8_t sub = len > 21 ? std::to_integer<std::uint8_t>(in[21]) : 0;
        if (sub == route_refresh_msg::borr || sub == route_refresh_msg::eorr)
          return fail(ds, "len", base + 16, fmt::format("ROUTE-REFRESH length {} is not 23", len),
                      err_code::route_refresh, err_sub::invalid_message_length, action::session_reset,
                      bytes(in.begin(), in.end()));
        return bad_length(ds, base, len, "is not 23 (ROUTE-REFRESH)");
      }
      auto& m = as<route_refresh_msg>(out);
      m.len = len;
      m.type = type;
      m.eor_sent = false;
      WIREKIT_TRY(wire::decode_fields(m, b, proto));
      if (m.demarcation > 2)
        finding(ds, "demarcation", base + 21,
                fmt::format("ROUTE-REFRESH subtype {} is unknown (ignored, RFC 7313)", m.demarcation), 0, 0,
                action::none);
      return {};
    }
    default: {
      auto& m = as<unknown_msg>(out);
      m.len = len;
      m.type = type;
      auto s = b.take(b.remaining());
      m.data.assign(s.begin(), s.end());
      finding(ds, "type", base + 18, fmt::format("unknown message type {}", type), err_code::message_header,
              err_sub::bad_message_type, action::session_reset, bytes{std::byte{type}});
      return {};
    }
  }
}

}  // namespace

result<message> decode_message(bytes_view one_message, const context& ctx) {
  decode_options opt;
  dstate ds{ctx, opt, nullptr};
  message m;
  WIREKIT_TRY(decode_into(ds, one_message, 0, m));
  return m;
}

result<message> decode_message(bytes_view one_message, const context& ctx, const decode_options& opt,
                               decode_report& report, std::size_t base) {
  report.clear();
  dstate ds{ctx, opt, &report};
  message m;
  WIREKIT_TRY(decode_into(ds, one_message, base, m));
  return m;
}

// ---- encode --------------------------------------------------------------------------------

namespace {

status encode_open(writer& w, const open_msg& m) {
  w.u8(4);
  w.u16(m.my_as);
  w.u16(m.hold_time);
  w.put(m.bgp_identifier.b.data(), 4);
  // Parameters into a scratch buffer first: their total decides the RFC 9072 form.
  bytes params;
  writer pw(params);
  auto build = [&](bool ext) -> status {
    params.clear();
    const std::size_t hl = ext ? 3 : 2;
    const std::size_t maxlen = ext ? 0xffff : 0xff;
    std::size_t param_start = SIZE_MAX;  // the open capabilities parameter, if any
    for (const auto& p : m.opt_param) {
      status st = std::visit(
          [&](const auto& x) -> status {
            using C = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<C, opt_param_unknown>) {
              if (x.value.size() > maxlen)
                return make_error(proto, "opt_param.value", w.size(), "optional parameter too long");
              pw.u8(x.type);
              pw.uint(x.value.size(), hl - 1);
              pw.put(x.value);
              param_start = SIZE_MAX;
              return {};
            } else {
              bytes cap;
              writer cw(cap);
              cw.u8(x.cap_code);
              cw.u8(0);
              if constexpr (std::is_same_v<C, cap_graceful_restart>) {
                if (x.flags > 0xf || x.time > 0xfff)
                  return make_error(proto, "opt_param.time", w.size(), "graceful restart flags/time beyond 4/12 bits");
                cw.u16((x.flags << 12) | x.time);
                for (const auto& t : x.tuples) {
                  cw.u16(t.afi);
                  cw.u8(t.safi);
                  cw.u8(t.flags);
                }
              } else if constexpr (std::is_same_v<C, cap_multiprotocol>) {
                cw.u16(x.afi);
                cw.u8(0);  // reserved: written as 0
                cw.u8(x.safi);
              } else {
                WIREKIT_TRY(wire::encode_fields(x, cw, proto));
              }
              if (cap.size() - 2 > 255)
                return make_error(proto, "opt_param.cap_length", w.size(), "capability value longer than 255 bytes");
              cap[1] = std::byte(cap.size() - 2);
              if (x.grouped && param_start != SIZE_MAX && params.size() - param_start - hl + cap.size() <= maxlen) {
                pw.put(cap);
                store_be(params.data() + param_start + 1, params.size() - param_start - hl, hl - 1);
              } else {
                param_start = params.size();
                pw.u8(2);
                pw.uint(cap.size(), hl - 1);
                pw.put(cap);
              }
              return {};
            }
          },
          p);
      WIREKIT_TRY(st);
    }
    return {};
  };
  WIREKIT_TRY(build(m.extended_params));
  bool ext = m.extended_params;
  if (!ext && params.size() > 255) {
    ext = true;
    WIREKIT_TRY(build(true));
  }
  if (ext) {
    if (params.size() > 0xffff) return make_error(proto, "opt_param_len", w.size(), "optional parameters too long");
    w.u8(255);
    w.u8(255);
    w.u16(params.size());
  } else {
    w.u8(params.size());
  }
  w.put(params);
  return {};
}

status encode_update(writer& w, const update_msg& m, const context& ctx) {
  const family v4uc{afi::ipv4, safi::unicast};
  std::size_t at = w.size();
  w.u16(0);
  WIREKIT_TRY(encode_prefixes(w, v4uc, ctx, m.withdrawn_routes));
  w.patch_u16(at, w.size() - at - 2);
  at = w.size();
  w.u16(0);
  WIREKIT_TRY(encode_path_attributes(w, m.path_attributes, ctx));
  if (w.size() - at - 2 > 0xffff)
    return make_error(proto, "total_path_attribute_len", at, "path attributes longer than 65535 bytes");
  w.patch_u16(at, w.size() - at - 2);
  return encode_prefixes(w, v4uc, ctx, m.nlri);
}

}  // namespace

status encode_message(const message& m, bytes& out, const context& ctx) {
  const std::size_t start = out.size();
  writer w(out);
  for (int i = 0; i < 16; ++i) w.u8(0xff);
  w.u16(0);
  w.u8(type_of(m));
  status st = std::visit(
      [&](const auto& x) -> status {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, open_msg>)
          return encode_open(w, x);
        else if constexpr (std::is_same_v<T, update_msg>)
          return encode_update(w, x, ctx);
        else
          return wire::encode_fields(x, w, proto);
      },
      m);
  if (!st) {
    out.resize(start);
    return st;
  }
  const std::size_t len = out.size() - start;
  if (len > ctx.max_message_size()) {
    out.resize(start);
    return make_error(proto, "len", start + 16,
                      fmt::format("the message is {} bytes, beyond the maximum {}{}", len, ctx.max_message_size(),
                                  ctx.extended_message ? "" : " (extended messages not negotiated)"));
  }
  w.patch_u16(start + 16, len);
  return {};
}

result<bytes> encode_message(const message& m, const context& ctx) {
  bytes out;
  WIREKIT_TRY(encode_message(m, out, ctx));
  return out;
}

// ---- stream parser -------------------------------------------------------------------------

stream_parser::stream_parser(const context& ctx, std::size_t max_buffered) : ctx_(ctx), max_buffered_(max_buffered) {
  if (max_buffered_ < ctx_.max_message_size()) max_buffered_ = ctx_.max_message_size();
}

status stream_parser::feed(bytes_view data) {
  if (framing_) return framing_->err;
  if (pos_ > 0) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    consumed_ += pos_;
    pos_ = 0;
  }
  if (buf_.size() + data.size() > max_buffered_)
    return make_error(proto, "stream", consumed_ + buf_.size(),
                      fmt::format("{} bytes pending and {} more exceed the buffer bound {}: take messages first",
                                  buf_.size(), data.size(), max_buffered_));
  buf_.insert(buf_.end(), data.begin(), data.end());
  return {};
}

result<std::optional<bytes_view>> stream_parser::next_bytes() {
  if (framing_) return framing_->err;
  const std::size_t have = buf_.size() - pos_;
  if (have < header_size) return std::optional<bytes_view>{};
  const std::byte* p = buf_.data() + pos_;
  decode_options opt;
  decode_report rep;
  dstate ds{ctx_, opt, &rep};
  for (std::size_t i = 0; i < 16; ++i)
    if (p[i] != std::byte{0xff}) {
      status st = fail(ds, "marker", consumed_ + pos_ + i, "marker is not all ones", err_code::message_header,
                       err_sub::connection_not_synchronized, action::session_reset);
      framing_ = std::move(rep.error);
      return st;
    }
  const std::uint16_t len = load_be16(p + 16);
  if (len < header_size || len > ctx_.max_message_size()) {
    status st = bad_length(ds, consumed_ + pos_, len,
                           len < header_size ? "is below 19"
                                             : fmt::format("exceeds the maximum message size {}", ctx_.max_message_size()).c_str());
    framing_ = std::move(rep.error);
    return st;
  }
  if (have < len) return std::optional<bytes_view>{};
  bytes_view v(p, len);
  pos_ += len;
  return std::optional<bytes_view>{v};
}

result<std::optional<message>> stream_parser::next() {
  decode_options opt;
  decode_report rep;
  return next(opt, rep);
}

result<std::optional<message>> stream_parser::next(const decode_options& opt, decode_report& report) {
  report.clear();
  const std::size_t at = consumed_ + pos_;
  auto b = next_bytes();
  if (!b) {
    if (framing_) report.error = framing_;
    return b.take_error();
  }
  if (!*b) return std::optional<message>{};
  auto m = decode_message(**b, ctx_, opt, report, at);
  if (!m) return m.take_error();
  return std::optional<message>{std::move(*m)};
}

}  // namespace wirekit::bgp
