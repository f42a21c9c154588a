// ICMPv6 (os_ken/lib/packet/icmpv6.py): typed bodies for echo, MLD/MLDv2 and neighbor
// discovery, raw bytes for other types. ICMPv6 consumes everything after it.
//
// Which ND options each message decodes follows os-ken's registrations: NS/NA the source and
// target link-layer address options, RS the source one, RA the source one, prefix information
// and MTU; any other option is kept raw (NS/NA/RS: every remaining byte, as os-ken; RA: the
// option's length * 8 bytes). Truncated bodies (where os-ken gives up and shows the message as
// payload) are errors here.
#include "wirekit/packet/icmpv6.hpp"

#include <fmt/format.h>

#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"
#include "wirekit/packet/ipv6.hpp"

// ---- JSON: an ND option or a body is a wrapped typed object or base64 raw bytes --------------
namespace wirekit::json_glue {

namespace {
template <class V, class... Typed>
status raw_or_typed(const json& j, V& v, const path& p) {
  if (j.is_null()) {
    v = bytes{};
    return {};
  }
  if (j.is_string()) {
    bytes raw;
    WIREKIT_TRY(from_json_value(j, raw, p));
    v = std::move(raw);
    return {};
  }
  std::variant<Typed...> typed;
  WIREKIT_TRY(from_json_value(j, typed, p));
  std::visit([&](auto& x) { v = std::move(x); }, typed);
  return {};
}
}  // namespace

template <>
struct json_traits<nd_option> {
  static void to(json& j, const nd_option& v) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, v);
  }
  static status from(const json& j, nd_option& v, const path& p) {
    return raw_or_typed<nd_option, nd_option_sla, nd_option_tla, nd_option_pi, nd_option_mtu>(j, v, p);
  }
};

template <>
struct json_traits<icmpv6::body> {
  static void to(json& j, const icmpv6::body& v) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, v);
  }
  static status from(const json& j, icmpv6::body& v, const path& p) {
    return raw_or_typed<icmpv6::body, icmpv6_echo, nd_neighbor, nd_router_solicit, nd_router_advert, mld,
                        mldv2_query, mldv2_report>(j, v, p);
  }
};

}  // namespace wirekit::json_glue

namespace wirekit {
namespace icmpv6_detail {

namespace {

constexpr const char* kProto = "icmpv6";

status need(reader& r, std::size_t n, const char* field) {
  if (!r.has(n)) return truncated_error(kProto, field, r.offset(), n, r.remaining());
  return {};
}

// Decodes a typed option of at least `min` bytes into the variant slot.
template <class T>
status decode_typed(reader& r, nd_option& slot, std::size_t min, const char* field) {
  WIREKIT_TRY(need(r, min, field));
  T& o = slot.emplace<T>();
  return wire::decode_fields(o, r, kProto);
}

status decode_raw(reader& r, nd_option& slot, std::size_t n) {
  auto s = r.take(n);
  slot.emplace<bytes>(s.begin(), s.end());
  return {};
}

// The option type and length, checked as os-ken checks them.
status option_head(reader& r, std::uint8_t& type, std::uint8_t& length, const char* field) {
  WIREKIT_TRY(need(r, 2, field));
  type = r.peek8(0);
  length = r.peek8(1);
  if (length == 0) return make_error(kProto, field, r.offset() + 1, fmt::format("option type {} has length 0", type));
  return {};
}

// NS/NA (neighbor = true) and RS: one option, which takes every remaining byte.
status decode_one_option(reader& r, std::optional<nd_option>& opt, bool neighbor) {
  if (r.empty()) {
    opt.reset();
    return {};
  }
  std::uint8_t type = 0, length = 0;
  WIREKIT_TRY(option_head(r, type, length, "option"));
  nd_option& slot = opt.emplace();
  if (type == nd_option_type::sla) return decode_typed<nd_option_sla>(r, slot, 8, "option");
  if (type == nd_option_type::tla && neighbor) return decode_typed<nd_option_tla>(r, slot, 8, "option");
  return decode_raw(r, slot, r.remaining());
}

status encode_option(writer& w, const nd_option& o) {
  return std::visit(
      [&](const auto& x) -> status {
        using T = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bytes>) {
          w.put(x);
          return {};
        } else {
          return wire::encode_fields(x, w, kProto);
        }
      },
      o);
}

template <class LA>
status la_data_encode(writer& w, const LA& o, std::size_t start) {
  if (o.data) w.put(*o.data);
  w.pad_to(start, 8);
  if (o.length == 0) {
    std::size_t units = (w.size() - start) / 8;
    if (units > 255) return make_error(kProto, "data", start + 8, "link-layer address option longer than 2040 bytes");
    w.patch_u8(start + 1, units);
  }
  return {};
}

status read_addrs(reader& r, std::vector<ipv6_addr>& out, std::size_t num, const char* field) {
  out.clear();
  if (!r.has(num * 16))
    return make_error(kProto, field, r.offset(),
                      fmt::format("{} addresses announced, {} bytes left", num, r.remaining()));
  out.resize(num);
  for (auto& a : out) r.copy(a.b.data(), 16);
  return {};
}

void write_addrs(writer& w, const std::vector<ipv6_addr>& v) {
  for (const auto& a : v) w.put(a.b.data(), 16);
}

}  // namespace

// ---- ND options
status la_data_codec::decode(reader& r, nd_option_sla& o, const char*) {
  wire::take_rest(r, o.data);
  return {};
}
status la_data_codec::encode(writer& w, const nd_option_sla& o, std::size_t start) { return la_data_encode(w, o, start); }
status la_data_codec::decode(reader& r, nd_option_tla& o, const char*) {
  wire::take_rest(r, o.data);
  return {};
}
status la_data_codec::encode(writer& w, const nd_option_tla& o, std::size_t start) { return la_data_encode(w, o, start); }

status mtu_head_codec::decode(reader& r, nd_option_mtu& o, const char*) {
  r.skip(4);     // type, length (1), reserved (0): checked by the caller
  o.length = 0;  // as os-ken
  return {};
}
status mtu_head_codec::encode(writer& w, const nd_option_mtu&, std::size_t) {
  w.u8(nd_option_type::mtu);
  w.u8(1);
  w.u16(0);
  return {};
}

status one_option_codec::decode(reader& r, nd_neighbor& b, const char*) { return decode_one_option(r, b.option, true); }
status one_option_codec::decode(reader& r, nd_router_solicit& b, const char*) {
  return decode_one_option(r, b.option, false);
}
status one_option_codec::encode(writer& w, const nd_neighbor& b, std::size_t) {
  return b.option ? encode_option(w, *b.option) : status{};
}
status one_option_codec::encode(writer& w, const nd_router_solicit& b, std::size_t) {
  return b.option ? encode_option(w, *b.option) : status{};
}

status option_list_codec::decode(reader& r, nd_router_advert& b, const char*) {
  b.options.clear();
  while (!r.empty()) {
    std::uint8_t type = 0, length = 0;
    WIREKIT_TRY(option_head(r, type, length, "options"));
    nd_option& slot = b.options.emplace_back();
    switch (type) {
      case nd_option_type::sla:  // takes every remaining byte (os-ken)
        WIREKIT_TRY(decode_typed<nd_option_sla>(r, slot, 8, "options"));
        break;
      case nd_option_type::pi:  // 32 bytes whatever its length says (os-ken)
        WIREKIT_TRY(decode_typed<nd_option_pi>(r, slot, 32, "options"));
        break;
      case nd_option_type::mtu:
        // os-ken's parser fails on an RA with an MTU option; here it decodes. An MTU option
        // that the typed form cannot write back identically is kept raw.
        if (length == 1 && r.has(8) && r.peek8(2) == 0 && r.peek8(3) == 0) {
          WIREKIT_TRY(decode_typed<nd_option_mtu>(r, slot, 8, "options"));
          break;
        }
        [[fallthrough]];
      default: WIREKIT_TRY(decode_raw(r, slot, std::min<std::size_t>(std::size_t(length) * 8, r.remaining())));
    }
  }
  return {};
}
status option_list_codec::encode(writer& w, const nd_router_advert& b, std::size_t) {
  for (const auto& o : b.options) WIREKIT_TRY(encode_option(w, o));
  return {};
}

// ---- MLDv2
status query_srcs_codec::decode(reader& r, mldv2_query& b, const char*) {
  return read_addrs(r, b.srcs, b.num, "srcs");
}
status query_srcs_codec::encode(writer& w, const mldv2_query& b, std::size_t start) {
  write_addrs(w, b.srcs);
  if (b.num == 0) {
    if (b.srcs.size() > 0xffff) return make_error(kProto, "num", start + 22, "too many sources");
    w.patch_u16(start + 22, b.srcs.size());
  }
  return {};
}

status group_srcs_codec::decode(reader& r, mldv2_report_group& g, const char*) {
  return read_addrs(r, g.srcs, g.num, "srcs");
}
status group_srcs_codec::encode(writer& w, const mldv2_report_group& g, std::size_t start) {
  write_addrs(w, g.srcs);
  if (g.num == 0) {
    if (g.srcs.size() > 0xffff) return make_error(kProto, "num", start + 2, "too many sources");
    w.patch_u16(start + 2, g.srcs.size());
  }
  return {};
}

status group_aux_codec::decode(reader& r, mldv2_report_group& g, const char*) {
  if (g.aux_len == 0) {
    g.aux.reset();
    return {};
  }
  const std::size_t n = std::size_t(g.aux_len) * 4;
  WIREKIT_TRY(need(r, n, "aux"));
  auto s = r.take(n);
  g.aux.emplace(s.begin(), s.end());
  return {};
}
status group_aux_codec::encode(writer& w, const mldv2_report_group& g, std::size_t start) {
  if (!g.aux) return {};
  const std::size_t at = w.size();
  w.put(*g.aux);
  w.pad_to(at, 4);
  if (g.aux_len == 0) {
    std::size_t words = (w.size() - at) / 4;
    if (words > 255) return make_error(kProto, "aux_len", start + 1, "auxiliary data longer than 1020 bytes");
    w.patch_u8(start + 1, words);
  }
  return {};
}

status records_codec::decode(reader& r, mldv2_report& b, const char*) {
  b.records.clear();
  // As os-ken: records until record_num or the end of the message; both must agree.
  while (!r.empty() && b.records.size() < b.record_num)
    WIREKIT_TRY(wire::decode_fields(b.records.emplace_back(), r, kProto));
  if (b.records.size() != b.record_num)
    return make_error(kProto, "record_num", r.offset(),
                      fmt::format("{} records announced, {} present", b.record_num, b.records.size()));
  return {};
}
status records_codec::encode(writer& w, const mldv2_report& b, std::size_t start) {
  for (const auto& g : b.records) WIREKIT_TRY(wire::encode_fields(g, w, kProto));
  if (b.record_num == 0) {
    if (b.records.size() > 0xffff) return make_error(kProto, "record_num", start + 2, "too many records");
    w.patch_u16(start + 2, b.records.size());
  }
  return {};
}

}  // namespace icmpv6_detail

// ---- the body
namespace {
template <class T>
status decode_body(reader& r, icmpv6& h, const char* proto) {
  T* b = std::get_if<T>(&h.data);
  if (!b) b = &h.data.emplace<T>();
  // Bytes after a complete body (os-ken drops them) stay in r: the packet keeps them as the
  // payload that follows this header, so that nothing is lost.
  return wire::decode_fields(*b, r, proto);
}
}  // namespace

status icmpv6_body_codec::decode(reader& r, icmpv6& h, const char* proto) {
  if (!r.empty()) {
    switch (h.type) {
      case icmpv6_type::echo_request:
      case icmpv6_type::echo_reply: return decode_body<icmpv6_echo>(r, h, proto);
      case icmpv6_type::neighbor_solicit:
      case icmpv6_type::neighbor_advert: return decode_body<nd_neighbor>(r, h, proto);
      case icmpv6_type::router_solicit: return decode_body<nd_router_solicit>(r, h, proto);
      case icmpv6_type::router_advert: return decode_body<nd_router_advert>(r, h, proto);
      case icmpv6_type::mld_query:
      case icmpv6_type::mld_report:
      case icmpv6_type::mld_done:
        // As os-ken: a body longer than MLDv1's 20 bytes is an MLDv2 query.
        if (r.remaining() > 20) return decode_body<mldv2_query>(r, h, proto);
        return decode_body<mld>(r, h, proto);
      case icmpv6_type::mldv2_report: return decode_body<mldv2_report>(r, h, proto);
      default: break;
    }
  }
  // Other types, or nothing after the header (os-ken's data=b''): raw bytes.
  auto s = r.take(r.remaining());
  bytes* raw = std::get_if<bytes>(&h.data);
  if (!raw) raw = &h.data.emplace<bytes>();
  raw->assign(s.begin(), s.end());
  return {};
}

status icmpv6_body_codec::encode(writer& w, const icmpv6& h, std::size_t) {
  return std::visit(
      [&](const auto& b) -> status {
        using T = std::remove_cvref_t<decltype(b)>;
        if constexpr (std::is_same_v<T, bytes>) {
          w.put(b);
          return {};
        } else {
          return wire::encode_fields(b, w, icmpv6::name);
        }
      },
      h.data);
}

namespace packet_detail {

status decode_layer(icmpv6& h, reader& r, next_layer& nx) {
  WIREKIT_TRY(default_decode(h, r));
  nx.kind = next_kind::none;  // what the body leaves (if anything) is payload
  return {};
}

status encode_layer(const icmpv6& h, writer& w) { return default_encode(h, w); }

status finish_layer(const icmpv6& h, bytes& out, std::size_t start, std::size_t, const header* prev) {
  if (h.csum != 0) return {};
  std::size_t len = out.size() - start;
  // A trailer after the IPv6 payload (an explicit payload header) is not part of the message.
  if (const ipv6* ip = prev ? std::get_if<ipv6>(prev) : nullptr; ip && ip->payload_length) {
    std::size_t ext = ipv6_ext_hdrs_length(*ip);
    if (ip->payload_length >= ext + 4 && ip->payload_length - ext < len) len = ip->payload_length - ext;
  }
  std::uint64_t sum = 0;
  // RFC 4443 §2.3: the pseudo-header carries the upper-layer protocol (58) and the final
  // destination. Without an IP header before it there is nothing to sum: csum stays 0.
  if (!pseudo_header_sum(prev, ip_proto::icmpv6, len, sum)) return {};
  sum = csum_add(bytes_view(out).subspan(start, len), sum);
  writer(out).patch_u16(start + 2, csum_fold(sum));
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(icmpv6)

}  // namespace packet_detail
}  // namespace wirekit
