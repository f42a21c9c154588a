// MRT record codec (RFC 6396, RFC 8050, RFC 6396 §4.3.4 abbreviated MP_REACH_NLRI).
#include <fmt/format.h>

#include "wirekit/mrt/mrt.hpp"

namespace wirekit::mrt {

namespace {

constexpr const char* P = "mrt";

status need(const reader& r, std::size_t n, const char* field) {
  if (!r.has(n)) return truncated_error(P, field, r.offset(), n, r.remaining());
  return {};
}

status read_ip(reader& r, bool v6, ip_addr& out, const char* field) {
  if (v6) {
    WIREKIT_TRY(need(r, 16, field));
    ipv6_addr a;
    r.copy(a.b.data(), 16);
    out.v = a;
  } else {
    WIREKIT_TRY(need(r, 4, field));
    ipv4_addr a;
    r.copy(a.b.data(), 4);
    out.v = a;
  }
  return {};
}

void write_ip(writer& w, const ip_addr& a) {
  if (a.is_v4())
    w.put(std::get<ipv4_addr>(a.v).b.data(), 4);
  else
    w.put(std::get<ipv6_addr>(a.v).b.data(), 16);
}

status read_as(reader& r, bool four, std::uint32_t& out, const char* field) {
  WIREKIT_TRY(need(r, four ? 4 : 2, field));
  out = four ? r.u32() : r.u16();
  return {};
}

status check_as(std::uint32_t as, bool four, const char* field) {
  if (!four && as > 0xffff) return make_error(P, field, 0, fmt::format("AS {} does not fit in 2 bytes", as));
  return {};
}

bool is_v6(const ip_addr& a) { return a.is_v6(); }

// The peer part both BGP4MP bodies start with (RFC 6396 §4.4.1, §4.4.2): peer AS, local AS
// (2 or 4 bytes), interface index, AFI, peer and local addresses.
template <class Body>
status write_bgp4mp_peer(writer& w, const Body& b, bool as4) {
  WIREKIT_TRY(check_as(b.peer_as, as4, "peer_as"));
  WIREKIT_TRY(check_as(b.local_as, as4, "local_as"));
  if ((b.afi != 1 && b.afi != 2) || is_v6(b.peer_ip) != (b.afi == 2) || is_v6(b.local_ip) != (b.afi == 2))
    return make_error(P, "afi", 0, "afi does not match the addresses");
  w.uint(b.peer_as, as4 ? 4 : 2);
  w.uint(b.local_as, as4 ? 4 : 2);
  w.u16(b.if_index);
  w.u16(b.afi);
  write_ip(w, b.peer_ip);
  write_ip(w, b.local_ip);
  return {};
}

// The RIB entry attributes: abbreviated MP_REACH_NLRI first, the full form if that fails
// (some dumpers write the full attribute).
status decode_attrs(reader& r, const bgp::context& ctx, bgp::family f, std::vector<bgp::path_attribute>& out) {
  bgp::decode_options opt;
  opt.mrt_abbreviated_mp_reach = true;
  opt.mrt_afi = f.afi;
  opt.mrt_safi = f.safi;
  reader save = r;
  status st = bgp::decode_path_attributes(r, ctx, opt, out, nullptr);
  if (st) return st;
  out.clear();
  reader again = save;
  if (bgp::decode_path_attributes(again, ctx, out)) {
    r = again;
    return {};
  }
  out.clear();
  return st;
}

// Whether a decoded attribute list used the abbreviated MP_REACH (to encode it back the same).
bool abbreviated_ok(const std::vector<bgp::path_attribute>& attrs) {
  for (const auto& a : attrs)
    if (auto* m = std::get_if<bgp::attr_mp_reach_nlri>(&a)) return bgp::nlri_count(m->nlri) == 0;
  return true;
}

status decode_rib_entries(reader& r, bool addpath, bgp::family f, std::vector<rib_entry>& out) {
  WIREKIT_TRY(need(r, 2, "entry_count"));
  std::uint16_t n = r.u16();
  const bgp::context ctx = context_for(type::table_dump_v2, td2_subtype::rib_ipv4_unicast);
  for (std::uint16_t i = 0; i < n; ++i) {
    rib_entry e;
    WIREKIT_TRY(need(r, addpath ? 12 : 8, "rib_entry"));
    e.peer_index = r.u16();
    e.originated_time = r.u32();
    if (addpath) e.path_id = r.u32();
    e.attr_len = r.u16();
    WIREKIT_TRY(need(r, e.attr_len, "bgp_attributes"));
    reader a = r.sub(e.attr_len);
    WIREKIT_TRY(decode_attrs(a, ctx, f, e.bgp_attributes));
    out.push_back(std::move(e));
  }
  return {};
}

status encode_attrs(writer& w, const std::vector<bgp::path_attribute>& attrs, const bgp::context& ctx,
                    bgp::family f, bool rib) {
  bgp::decode_options opt;
  if (rib && abbreviated_ok(attrs)) {
    opt.mrt_abbreviated_mp_reach = true;
    opt.mrt_afi = f.afi;
    opt.mrt_safi = f.safi;
  }
  std::size_t at = w.size();
  w.u16(0);
  WIREKIT_TRY(bgp::encode_path_attributes(w, attrs, ctx, opt));
  std::size_t len = w.size() - at - 2;
  if (len > 0xffff) return make_error(P, "attr_len", 0, "attributes exceed 65535 bytes");
  w.patch_u16(at, len);
  return {};
}

status encode_rib_entries(writer& w, const std::vector<rib_entry>& es, bool addpath, bgp::family f) {
  if (es.size() > 0xffff) return make_error(P, "entry_count", 0, "more than 65535 entries");
  w.u16(es.size());
  const bgp::context ctx = context_for(type::table_dump_v2, td2_subtype::rib_ipv4_unicast);
  for (const auto& e : es) {
    w.u16(e.peer_index);
    w.u32(e.originated_time);
    if (addpath) {
      if (!e.path_id) return make_error(P, "path_id", 0, "an ADDPATH RIB entry needs a path_id");
      w.u32(*e.path_id);
    } else if (e.path_id) {
      return make_error(P, "path_id", 0, "path_id in a RIB entry of a non-ADDPATH subtype");
    }
    WIREKIT_TRY(encode_attrs(w, e.bgp_attributes, ctx, f, true));
  }
  return {};
}

bgp::family rib_family(std::uint16_t subtype) {
  switch (subtype) {
    case td2_subtype::rib_ipv4_multicast:
    case td2_subtype::rib_ipv4_multicast_addpath: return {bgp::afi::ipv4, bgp::safi::multicast};
    case td2_subtype::rib_ipv6_unicast:
    case td2_subtype::rib_ipv6_unicast_addpath: return {bgp::afi::ipv6, bgp::safi::unicast};
    case td2_subtype::rib_ipv6_multicast:
    case td2_subtype::rib_ipv6_multicast_addpath: return {bgp::afi::ipv6, bgp::safi::multicast};
    default: return {bgp::afi::ipv4, bgp::safi::unicast};
  }
}

bool is_rib_subtype(std::uint16_t s) {
  return (s >= td2_subtype::rib_ipv4_unicast && s <= td2_subtype::rib_ipv6_multicast) ||
         (s >= td2_subtype::rib_ipv4_unicast_addpath && s <= td2_subtype::rib_ipv6_multicast_addpath);
}
bool is_generic_subtype(std::uint16_t s) {
  return s == td2_subtype::rib_generic || s == td2_subtype::rib_generic_addpath;
}
bool is_bgp4mp_message(std::uint16_t s) {
  return s == bgp4mp_subtype::message || s == bgp4mp_subtype::message_as4 || s == bgp4mp_subtype::message_local ||
         s == bgp4mp_subtype::message_as4_local || (s >= bgp4mp_subtype::message_addpath &&
                                                     s <= bgp4mp_subtype::message_as4_local_addpath);
}
bool bgp4mp_as4(std::uint16_t s) {
  return s == bgp4mp_subtype::message_as4 || s == bgp4mp_subtype::state_change_as4 ||
         s == bgp4mp_subtype::message_as4_local || s == bgp4mp_subtype::message_as4_addpath ||
         s == bgp4mp_subtype::message_as4_local_addpath;
}

// The bytes of one NLRI of family f at the front of r (RIB_GENERIC holds exactly one).
status one_nlri_size(const reader& r, bgp::family f, std::size_t& n) {
  WIREKIT_TRY(need(r, 1, "nlri"));
  const std::uint8_t first = r.peek8();
  switch (bgp::kind_of(f)) {
    case bgp::nlri_kind::evpn:
      WIREKIT_TRY(need(r, 2, "nlri"));
      n = 2 + r.peek8(1);
      break;
    case bgp::nlri_kind::flowspec:
      if (first >= 0xf0) {
        WIREKIT_TRY(need(r, 2, "nlri"));
        n = 2 + (((first & 0x0f) << 8) | r.peek8(1));
      } else {
        n = 1 + first;
      }
      break;
    default: n = 1 + (first + 7u) / 8u; break;
  }
  return need(r, n, "nlri");
}

}  // namespace

bool is_addpath(std::uint16_t t, std::uint16_t s) {
  if (t == type::bgp4mp || t == type::bgp4mp_et)
    return s >= bgp4mp_subtype::message_addpath && s <= bgp4mp_subtype::message_as4_local_addpath;
  if (t == type::table_dump_v2)
    return s >= td2_subtype::rib_ipv4_unicast_addpath && s <= td2_subtype::rib_generic_addpath;
  return false;
}

bgp::context context_for(std::uint16_t t, std::uint16_t s) {
  bgp::context c;
  c.extended_message = true;
  switch (t) {
    case type::table_dump:
      c.as = (s == td_subtype::afi_ipv4_as4 || s == td_subtype::afi_ipv6_as4) ? bgp::context::as_width::four
                                                                               : bgp::context::as_width::two;
      break;
    case type::table_dump_v2: c.as = bgp::context::as_width::four; break;
    case type::bgp4mp:
    case type::bgp4mp_et:
      c.as = bgp4mp_as4(s) ? bgp::context::as_width::four : bgp::context::as_width::two;
      if (is_addpath(t, s))
        c.add_path = {{bgp::afi::ipv4, bgp::safi::unicast},
                      {bgp::afi::ipv4, bgp::safi::multicast},
                      {bgp::afi::ipv6, bgp::safi::unicast},
                      {bgp::afi::ipv6, bgp::safi::multicast},
                      {bgp::afi::ipv4, bgp::safi::mpls_label},
                      {bgp::afi::ipv6, bgp::safi::mpls_label},
                      {bgp::afi::ipv4, bgp::safi::mpls_vpn},
                      {bgp::afi::ipv6, bgp::safi::mpls_vpn}};
      break;
    case type::bgp: c.as = bgp::context::as_width::two; break;
    default: break;
  }
  return c;
}

std::optional<header> peek_header(bytes_view in) {
  if (in.size() < header_size) return std::nullopt;
  header h;
  h.timestamp = load_be32(in.data());
  h.type = load_be16(in.data() + 4);
  h.subtype = load_be16(in.data() + 6);
  h.length = load_be32(in.data() + 8);
  if (has_extended_timestamp(h.type)) {
    if (in.size() < header_size + 4) return std::nullopt;
    h.microsecond = load_be32(in.data() + 12);
  }
  return h;
}

result<record> decode(bytes_view in, std::size_t base) {
  auto h = peek_header(in);
  if (!h) return truncated_error(P, "header", base, header_size, in.size());
  const bool et = has_extended_timestamp(h->type);
  if (et && h->length < 4)
    return make_error(P, "length", base + 8, fmt::format("{} is less than the microsecond field", h->length));
  const std::size_t hsize = header_size + (et ? 4 : 0);
  const std::uint64_t body_len = et ? h->length - 4u : h->length;
  if (in.size() - hsize < body_len) return truncated_error(P, "message", base + hsize, body_len, in.size() - hsize);
  if (in.size() - hsize > body_len)
    return make_error(P, "length", base + 8, fmt::format("{} bytes follow the record", in.size() - hsize - body_len));
  auto b = decode_body(*h, in.subspan(hsize), base + hsize);
  if (!b) return b.take_error();
  return record{*h, std::move(*b)};
}

result<body> decode_body(const header& h, bytes_view in, std::size_t base) {
  reader r(in, base);
  auto trailing = [&](const char* field) -> status {
    if (!r.empty()) return make_error(P, field, r.offset(), fmt::format("{} bytes left over", r.remaining()));
    return {};
  };
  switch (h.type) {
    case type::table_dump: {
      if (h.subtype < 1 || h.subtype > 4) break;
      const bool v6 = h.subtype == td_subtype::afi_ipv6 || h.subtype == td_subtype::afi_ipv6_as4;
      const bool as4 = h.subtype >= td_subtype::afi_ipv4_as4;
      table_dump t;
      WIREKIT_TRY(need(r, 4, "view_num"));
      t.view_num = r.u16();
      t.seq_num = r.u16();
      WIREKIT_TRY(read_ip(r, v6, t.prefix, "prefix"));
      WIREKIT_TRY(need(r, 6, "prefix_len"));
      t.prefix_len = r.u8();
      t.status = r.u8();
      t.originated_time = r.u32();
      WIREKIT_TRY(read_ip(r, v6, t.peer_ip, "peer_ip"));
      WIREKIT_TRY(read_as(r, as4, t.peer_as, "peer_as"));
      WIREKIT_TRY(need(r, 2, "attr_len"));
      t.attr_len = r.u16();
      WIREKIT_TRY(need(r, t.attr_len, "bgp_attributes"));
      reader a = r.sub(t.attr_len);
      WIREKIT_TRY(bgp::decode_path_attributes(a, context_for(h.type, h.subtype), t.bgp_attributes));
      WIREKIT_TRY(trailing("bgp_attributes"));
      return body{std::move(t)};
    }
    case type::table_dump_v2: {
      if (h.subtype == td2_subtype::peer_index_table) {
        peer_index_table t;
        WIREKIT_TRY(need(r, 6, "bgp_id"));
        r.copy(t.bgp_id.b.data(), 4);
        std::uint16_t vlen = r.u16();
        WIREKIT_TRY(need(r, vlen, "view_name"));
        auto v = r.take(vlen);
        t.view_name.assign(reinterpret_cast<const char*>(v.data()), v.size());
        WIREKIT_TRY(need(r, 2, "peer_count"));
        std::uint16_t n = r.u16();
        for (std::uint16_t i = 0; i < n; ++i) {
          peer_entry p;
          WIREKIT_TRY(need(r, 5, "peer_entries"));
          p.type = r.u8();
          r.copy(p.bgp_id.b.data(), 4);
          WIREKIT_TRY(read_ip(r, p.type & peer_entry::ipv6, p.ip, "ip_addr"));
          WIREKIT_TRY(read_as(r, p.type & peer_entry::as4, p.as_num, "as_num"));
          t.peer_entries.push_back(std::move(p));
        }
        WIREKIT_TRY(trailing("peer_entries"));
        return body{std::move(t)};
      }
      if (is_rib_subtype(h.subtype)) {
        const bgp::family f = rib_family(h.subtype);
        rib t;
        WIREKIT_TRY(need(r, 5, "seq_num"));
        t.seq_num = r.u32();
        const std::size_t at = r.offset();
        std::uint8_t plen = r.u8();
        const unsigned maxlen = f.afi == bgp::afi::ipv6 ? 128 : 32;
        if (plen > maxlen) return make_error(P, "prefix", at, fmt::format("prefix length {} exceeds {}", plen, maxlen));
        WIREKIT_TRY(need(r, (plen + 7u) / 8u, "prefix"));
        t.prefix.length = plen;
        if (f.afi == bgp::afi::ipv6) {
          ipv6_addr a;
          r.copy(a.b.data(), (plen + 7u) / 8u);
          t.prefix.addr.v = a;
        } else {
          ipv4_addr a;
          r.copy(a.b.data(), (plen + 7u) / 8u);
          t.prefix.addr.v = a;
        }
        WIREKIT_TRY(decode_rib_entries(r, is_addpath(h.type, h.subtype), f, t.rib_entries));
        WIREKIT_TRY(trailing("rib_entries"));
        return body{std::move(t)};
      }
      if (is_generic_subtype(h.subtype)) {
        rib_generic t;
        WIREKIT_TRY(need(r, 7, "seq_num"));
        t.seq_num = r.u32();
        t.afi = r.u16();
        t.safi = r.u8();
        const bgp::family f{t.afi, t.safi};
        std::size_t n = 0;
        WIREKIT_TRY(one_nlri_size(r, f, n));
        reader nr = r.sub(n);
        if (bgp::kind_of(f) == bgp::nlri_kind::unknown) {
          auto v = nr.take(n);
          t.nlri = bgp::unknown_nlri{bytes(v.begin(), v.end())};
        } else {
          t.nlri = bgp::empty_nlri(f);
          WIREKIT_TRY(bgp::decode_nlri(nr, f, bgp::context{}, t.nlri));
        }
        WIREKIT_TRY(decode_rib_entries(r, is_addpath(h.type, h.subtype), f, t.rib_entries));
        WIREKIT_TRY(trailing("rib_entries"));
        return body{std::move(t)};
      }
      break;
    }
    case type::bgp4mp:
    case type::bgp4mp_et: {
      const bool as4 = bgp4mp_as4(h.subtype);
      if (h.subtype == bgp4mp_subtype::state_change || h.subtype == bgp4mp_subtype::state_change_as4) {
        bgp4mp_state_change t;
        WIREKIT_TRY(read_as(r, as4, t.peer_as, "peer_as"));
        WIREKIT_TRY(read_as(r, as4, t.local_as, "local_as"));
        WIREKIT_TRY(need(r, 4, "afi"));
        t.if_index = r.u16();
        const std::size_t at = r.offset();
        t.afi = r.u16();
        if (t.afi != 1 && t.afi != 2) return make_error(P, "afi", at, fmt::format("unknown AFI {}", t.afi));
        WIREKIT_TRY(read_ip(r, t.afi == 2, t.peer_ip, "peer_ip"));
        WIREKIT_TRY(read_ip(r, t.afi == 2, t.local_ip, "local_ip"));
        WIREKIT_TRY(need(r, 4, "old_state"));
        t.old_state = r.u16();
        t.new_state = r.u16();
        WIREKIT_TRY(trailing("new_state"));
        return body{std::move(t)};
      }
      if (is_bgp4mp_message(h.subtype)) {
        bgp4mp_message t;
        WIREKIT_TRY(read_as(r, as4, t.peer_as, "peer_as"));
        WIREKIT_TRY(read_as(r, as4, t.local_as, "local_as"));
        WIREKIT_TRY(need(r, 4, "afi"));
        t.if_index = r.u16();
        const std::size_t at = r.offset();
        t.afi = r.u16();
        if (t.afi != 1 && t.afi != 2) return make_error(P, "afi", at, fmt::format("unknown AFI {}", t.afi));
        WIREKIT_TRY(read_ip(r, t.afi == 2, t.peer_ip, "peer_ip"));
        WIREKIT_TRY(read_ip(r, t.afi == 2, t.local_ip, "local_ip"));
        bgp::decode_report rep;
        auto m = bgp::decode_message(r.rest(), context_for(h.type, h.subtype), bgp::decode_options{}, rep,
                                     r.offset());
        if (!m) return m.take_error();
        t.bgp_message = std::move(*m);
        return body{std::move(t)};
      }
      break;
    }
    default: break;
  }
  return body{unknown_body{bytes(in.begin(), in.end())}};
}

status encode(const record& rec, bytes& out) {
  const header& h = rec.hdr;
  const std::size_t start = out.size();
  writer w(out);
  w.u32(h.timestamp);
  w.u16(h.type);
  w.u16(h.subtype);
  w.u32(0);
  const bool et = has_extended_timestamp(h.type);
  if (et) w.u32(h.microsecond);
  const std::size_t body_at = out.size();
  const bgp::context ctx = context_for(h.type, h.subtype);
  auto fail = [&](status st) {
    out.resize(start);
    return st;
  };
  status st = std::visit(
      [&](const auto& b) -> status {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, table_dump>) {
          if (h.type != type::table_dump || h.subtype < 1 || h.subtype > 4)
            return make_error(P, "subtype", 6, "a TABLE_DUMP body needs type 12, subtype 1-4");
          const bool v6 = h.subtype == td_subtype::afi_ipv6 || h.subtype == td_subtype::afi_ipv6_as4;
          const bool as4 = h.subtype >= td_subtype::afi_ipv4_as4;
          if (is_v6(b.prefix) != v6 || is_v6(b.peer_ip) != v6)
            return make_error(P, "prefix", 0, "address family does not match the subtype");
          WIREKIT_TRY(check_as(b.peer_as, as4, "peer_as"));
          w.u16(b.view_num);
          w.u16(b.seq_num);
          write_ip(w, b.prefix);
          w.u8(b.prefix_len);
          w.u8(b.status);
          w.u32(b.originated_time);
          write_ip(w, b.peer_ip);
          w.uint(b.peer_as, as4 ? 4 : 2);
          return encode_attrs(w, b.bgp_attributes, ctx, {}, false);
        } else if constexpr (std::is_same_v<T, peer_index_table>) {
          if (h.type != type::table_dump_v2 || h.subtype != td2_subtype::peer_index_table)
            return make_error(P, "subtype", 6, "a PEER_INDEX_TABLE needs type 13, subtype 1");
          if (b.view_name.size() > 0xffff || b.peer_entries.size() > 0xffff)
            return make_error(P, "peer_entries", 0, "too long");
          w.put(b.bgp_id.b.data(), 4);
          w.u16(b.view_name.size());
          w.put(b.view_name.data(), b.view_name.size());
          w.u16(b.peer_entries.size());
          for (const auto& p : b.peer_entries) {
            if (is_v6(p.ip) != bool(p.type & peer_entry::ipv6))
              return make_error(P, "ip_addr", 0, "peer address family does not match its type");
            WIREKIT_TRY(check_as(p.as_num, p.type & peer_entry::as4, "as_num"));
            w.u8(p.type);
            w.put(p.bgp_id.b.data(), 4);
            write_ip(w, p.ip);
            w.uint(p.as_num, (p.type & peer_entry::as4) ? 4 : 2);
          }
          return {};
        } else if constexpr (std::is_same_v<T, rib>) {
          if (h.type != type::table_dump_v2 || !is_rib_subtype(h.subtype))
            return make_error(P, "subtype", 6, "a RIB body needs type 13, subtype 2-5 or 8-11");
          const bgp::family f = rib_family(h.subtype);
          const unsigned maxlen = f.afi == bgp::afi::ipv6 ? 128 : 32;
          if (b.prefix.length > maxlen || is_v6(b.prefix.addr) != (f.afi == bgp::afi::ipv6))
            return make_error(P, "prefix", 0, "prefix does not match the subtype");
          w.u32(b.seq_num);
          w.u8(b.prefix.length);
          const std::uint8_t* a = b.prefix.addr.is_v4() ? std::get<ipv4_addr>(b.prefix.addr.v).b.data()
                                                         : std::get<ipv6_addr>(b.prefix.addr.v).b.data();
          w.put(a, (b.prefix.length + 7u) / 8u);
          return encode_rib_entries(w, b.rib_entries, is_addpath(h.type, h.subtype), f);
        } else if constexpr (std::is_same_v<T, rib_generic>) {
          if (h.type != type::table_dump_v2 || !is_generic_subtype(h.subtype))
            return make_error(P, "subtype", 6, "a RIB_GENERIC body needs type 13, subtype 6 or 12");
          const bgp::family f{b.afi, b.safi};
          w.u32(b.seq_num);
          w.u16(b.afi);
          w.u8(b.safi);
          if (auto* u = std::get_if<bgp::unknown_nlri>(&b.nlri))
            w.put(u->value);
          else
            WIREKIT_TRY(bgp::encode_nlri(w, f, bgp::context{}, b.nlri));
          return encode_rib_entries(w, b.rib_entries, is_addpath(h.type, h.subtype), f);
        } else if constexpr (std::is_same_v<T, bgp4mp_state_change>) {
          if ((h.type != type::bgp4mp && h.type != type::bgp4mp_et) ||
              (h.subtype != bgp4mp_subtype::state_change && h.subtype != bgp4mp_subtype::state_change_as4))
            return make_error(P, "subtype", 6, "a STATE_CHANGE needs type 16/17, subtype 0 or 5");
          WIREKIT_TRY(write_bgp4mp_peer(w, b, bgp4mp_as4(h.subtype)));
          w.u16(b.old_state);
          w.u16(b.new_state);
          return {};
        } else if constexpr (std::is_same_v<T, bgp4mp_message>) {
          if ((h.type != type::bgp4mp && h.type != type::bgp4mp_et) || !is_bgp4mp_message(h.subtype))
            return make_error(P, "subtype", 6, "a BGP4MP message needs type 16/17, subtype 1, 4, 6-11");
          WIREKIT_TRY(write_bgp4mp_peer(w, b, bgp4mp_as4(h.subtype)));
          return bgp::encode_message(b.bgp_message, out, ctx);
        } else {
          w.put(b.data);
          return {};
        }
      },
      rec.msg);
  if (!st) return fail(std::move(st));
  const std::uint64_t len = out.size() - body_at + (et ? 4 : 0);
  if (len > 0xffffffffull) return fail(make_error(P, "length", 8, "record exceeds 4 GiB"));
  store_be32(out.data() + start + 8, static_cast<std::uint32_t>(len));
  return {};
}

}  // namespace wirekit::mrt
