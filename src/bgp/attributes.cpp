// Path attributes on the wire (include/wirekit/bgp/attributes.hpp), with the RFC 4271 §6.3 /
// RFC 7606 error classification.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "detail.hpp"

namespace wirekit::bgp {

using detail::dstate;
using detail::proto;

std::uint8_t type_of(const path_attribute& a) {
  return std::visit([](const auto& x) { return x.type; }, a);
}
std::uint8_t flags_of(const path_attribute& a) {
  return std::visit([](const auto& x) { return x.flags; }, a);
}
const char* class_name(const path_attribute& a) {
  return std::visit([](const auto& x) -> const char* { return std::remove_cvref_t<decltype(x)>::name; }, a);
}

std::optional<std::uint64_t> attr_aigp::metric() const {
  for (const auto& t : tlvs)
    if (t.type == 1 && t.value.size() == 8) return load_be64(t.value.data());
  return std::nullopt;
}

attr_aigp attr_aigp::make(std::uint64_t metric) {
  attr_aigp a;
  aigp_tlv t;
  t.type = 1;
  t.value.resize(8);
  store_be(t.value.data(), metric, 8);
  a.tlvs.push_back(std::move(t));
  return a;
}

// ---- MP_REACH next hops --------------------------------------------------------------------

namespace {

ip_addr v4_at(const std::byte* p) {
  ipv4_addr a;
  std::memcpy(a.b.data(), p, 4);
  return ip_addr{a};
}
ip_addr v6_at(const std::byte* p) {
  ipv6_addr a;
  std::memcpy(a.b.data(), p, 16);
  return ip_addr{a};
}

bool vpn_family(family f) { return (f.afi == afi::ipv4 || f.afi == afi::ipv6) && f.safi == safi::mpls_vpn; }

// os-ken's units: (size of one next hop incl. RD, address size) or {0,0} for "none".
std::pair<std::size_t, std::size_t> osken_units(family f, std::size_t nhlen) {
  if (f.afi == afi::ipv4 && f.safi == safi::mpls_vpn) return {12, 4};
  if (f.afi == afi::ipv6 && f.safi == safi::mpls_vpn) return {24, 16};
  if (f.afi == afi::ipv4 || (f.afi == afi::l2vpn && f.safi == safi::evpn && nhlen < 16)) return {4, 4};
  if (f.afi == afi::ipv6 || (f.afi == afi::l2vpn && f.safi == safi::evpn)) return {16, 16};
  return {0, 0};
}

}  // namespace

std::optional<ip_addr> attr_mp_reach_nlri::first_next_hop() const {
  auto [unit, asz] = osken_units(fam(), next_hop.size());
  if (unit == 0 || next_hop.size() < unit) return std::nullopt;
  const std::byte* p = next_hop.data() + unit - asz;  // os-ken takes the last bytes of the unit
  return asz == 4 ? v4_at(p) : v6_at(p);
}

std::vector<ip_addr> attr_mp_reach_nlri::next_hops() const {
  std::vector<ip_addr> v;
  const std::size_t n = next_hop.size();
  const std::byte* p = next_hop.data();
  const bool is_vpn = vpn_family(fam());
  const std::size_t rd = is_vpn ? 8 : 0;
  auto add_all = [&](std::size_t asz) {
    const std::size_t unit = rd + asz;
    for (std::size_t i = 0; i + unit <= n; i += unit) v.push_back(asz == 4 ? v4_at(p + i + rd) : v6_at(p + i + rd));
  };
  if (n == 4 + rd || (n % (4 + rd) == 0 && n < 16 + rd))
    add_all(4);
  else if (n == 16 + rd || n == 32 + 2 * rd)
    add_all(16);
  else if (n % (16 + rd) == 0)
    add_all(16);
  else if (n % (4 + rd) == 0)
    add_all(4);
  return v;
}

void attr_mp_reach_nlri::set_next_hops(const std::vector<ip_addr>& hops) {
  next_hop.clear();
  const bool is_vpn = vpn_family(fam());
  for (const auto& h : hops) {
    if (is_vpn) next_hop.insert(next_hop.end(), 8, std::byte{0});
    if (afi == afi::ipv6 && h.is_v4()) {
      // os-ken: str(netaddr.IPAddress(v4).ipv6()) is the IPv4-mapped address.
      std::byte m[16] = {};
      m[10] = m[11] = std::byte{0xff};
      std::memcpy(m + 12, std::get<ipv4_addr>(h.v).b.data(), 4);
      next_hop.insert(next_hop.end(), m, m + 16);
    } else if (h.is_v4()) {
      auto& b = std::get<ipv4_addr>(h.v).b;
      for (auto x : b) next_hop.push_back(std::byte{x});
    } else {
      auto& b = std::get<ipv6_addr>(h.v).b;
      for (auto x : b) next_hop.push_back(std::byte{x});
    }
  }
}

namespace detail {

// ---- errors --------------------------------------------------------------------------------

status fail(dstate& ds, error e, std::uint8_t code, std::uint8_t subcode, action act, bytes data,
            std::uint8_t attr_type) {
  e.protocol = proto;
  e.reason += fmt::format(" (NOTIFICATION {}/{}, {})", code, subcode, action_name(act));
  if (ds.report) {
    decode_error de;
    de.err = e;
    de.code = code;
    de.subcode = subcode;
    de.act = act;
    de.data = std::move(data);
    de.attr_type = attr_type;
    ds.report->error = std::move(de);
  }
  return e;
}

status fail(dstate& ds, std::string field, std::size_t offset, std::string reason, std::uint8_t code,
            std::uint8_t subcode, action act, bytes data, std::uint8_t attr_type) {
  return fail(ds, make_error(proto, std::move(field), offset, std::move(reason)), code, subcode, act, std::move(data),
              attr_type);
}

void finding(dstate& ds, std::string field, std::size_t offset, std::string reason, std::uint8_t code,
             std::uint8_t subcode, action act, bytes data, std::uint8_t attr_type) {
  if (!ds.report) return;
  decode_error de;
  de.err = make_error(proto, std::move(field), offset, std::move(reason));
  de.code = code;
  de.subcode = subcode;
  de.act = act;
  de.data = std::move(data);
  de.attr_type = attr_type;
  ds.report->findings.push_back(std::move(de));
}

std::size_t as_path_width(const std::vector<as_path_segment>& segs, std::uint8_t decoded, const context& ctx) {
  if (ctx.as == context::as_width::two) return 2;
  if (ctx.as == context::as_width::four) return 4;
  if (decoded == 2 || decoded == 4) return decoded;
  for (const auto& s : segs)
    for (auto a : s.asns)
      if (a > 0xffff) return 4;
  return 2;
}

}  // namespace detail

namespace {

using detail::fail;
using detail::finding;

// How a malformed attribute of each type is handled (RFC 7606 §7, RFC 6793, 8092, 9234, 7311).
action malformed_action(std::uint8_t type) {
  switch (type) {
    case attr_type::atomic_aggregate:
    case attr_type::aggregator:
    case attr_type::as4_path:
    case attr_type::as4_aggregator:
    case attr_type::aigp: return action::attribute_discard;
    case attr_type::mp_reach_nlri:
    case attr_type::mp_unreach_nlri: return action::session_reset;
    default: return action::treat_as_withdraw;
  }
}

// Optional/Transitive bits each known attribute must have (RFC 4271 §5 and the defining RFCs).
int expected_ot(std::uint8_t type) {
  switch (type) {
    case attr_type::origin:
    case attr_type::as_path:
    case attr_type::next_hop:
    case attr_type::local_pref:
    case attr_type::atomic_aggregate: return attr_flag::transitive;
    case attr_type::multi_exit_disc:
    case attr_type::originator_id:
    case attr_type::cluster_list:
    case attr_type::mp_reach_nlri:
    case attr_type::mp_unreach_nlri:
    case attr_type::aigp: return attr_flag::optional;
    case attr_type::aggregator:
    case attr_type::communities:
    case attr_type::extended_communities:
    case attr_type::as4_path:
    case attr_type::as4_aggregator:
    case attr_type::pmsi_tunnel:
    case attr_type::large_community:
    case attr_type::only_to_customer: return attr_flag::optional | attr_flag::transitive;
    default: return -1;
  }
}

// A value-level problem found while decoding an attribute's value.
struct bad_value {
  std::uint8_t subcode = err_sub::attribute_length_error;
  std::string field;
  std::size_t offset = 0;
  std::string reason;
};

struct attr_ctx {
  dstate& ds;
  std::uint8_t flags, type;
  std::uint16_t length;
  std::size_t start;       // offset of the attribute's first byte
  bytes_view whole;        // the whole attribute (flags .. value)
  std::optional<bad_value> bad;

  status problem(std::uint8_t subcode, std::string field, std::size_t offset, std::string reason) {
    bad = bad_value{subcode, std::move(field), offset, std::move(reason)};
    return make_error(proto, "", 0, "");  // marker: the caller turns `bad` into the failure
  }
  status length_problem(const char* what) {
    return problem(err_sub::attribute_length_error, "path_attributes.length", start + 2,
                   fmt::format("attribute type {} has length {}, {}", type, length, what));
  }
};

template <class A>
void set_head(A& a, const attr_ctx& c) {
  a.flags = c.flags;
  a.type = c.type;
  a.length = c.length;
}

// Segments of an AS_PATH/AS4_PATH value with ASNs of `width` bytes. allowed_max: highest
// segment type accepted (2 = os-ken's rule, 4 = confederations too). zero_ok: accept empty
// segments (os-ken's 2-byte test does).
bool parse_segments(bytes_view v, std::size_t width, std::uint8_t allowed_max, bool zero_ok,
                    std::vector<as_path_segment>* out) {
  std::size_t pos = 0, k = 0;
  while (pos < v.size()) {
    if (pos + 2 > v.size()) return false;
    std::uint8_t t = std::to_integer<std::uint8_t>(v[pos]);
    std::uint8_t n = std::to_integer<std::uint8_t>(v[pos + 1]);
    pos += 2;
    if (t < 1 || t > allowed_max) return false;
    if (n == 0 && !zero_ok) return false;
    if (v.size() - pos < std::size_t(n) * width) return false;
    if (out) {
      if (k == out->size()) out->emplace_back();
      auto& s = (*out)[k++];
      s.type = t;
      s.asns.resize(n);
      for (std::size_t i = 0; i < n; ++i) s.asns[i] = static_cast<std::uint32_t>(load_be(v.data() + pos + i * width, width));
    }
    pos += std::size_t(n) * width;
  }
  if (out) out->resize(k);
  return true;
}

status decode_as_path_value(attr_ctx& c, bytes_view v, bool as4, std::vector<as_path_segment>& segs,
                            std::uint8_t& as_size) {
  std::size_t width = 0;
  if (as4) {
    width = 4;
  } else if (c.ds.ctx.as == context::as_width::two) {
    width = 2;
  } else if (c.ds.ctx.as == context::as_width::four) {
    width = 4;
  } else if (parse_segments(v, 2, 2, true, nullptr)) {  // os-ken's test
    width = 2;
  } else if (parse_segments(v, 4, 4, false, nullptr)) {
    width = 4;
  } else {
    width = 2;
  }
  if (!parse_segments(v, width, 4, false, &segs))
    return c.problem(err_sub::malformed_as_path, "path_attributes.value", c.start,
                     fmt::format("malformed {} ({}-byte ASNs): a segment overruns the attribute, has an unknown "
                                 "type or no ASN",
                                 as4 ? "AS4_PATH" : "AS_PATH", width));
  as_size = static_cast<std::uint8_t>(width);
  return {};
}

status decode_as_path(attr_ctx& c, reader& v, bool as4, std::vector<as_path_segment>& segs, std::uint8_t& as_size) {
  bytes_view all = v.rest();
  v.skip(all.size());
  return decode_as_path_value(c, all, as4, segs, as_size);
}

template <class A>
status decode_fixed(attr_ctx& c, reader& v, A& a) {
  if (v.remaining() != wire::min_size<A>) return c.length_problem(fmt::format("not {}", wire::min_size<A>).c_str());
  set_head(a, c);
  return wire::decode_fields(a, v, proto);
}

status decode_value(attr_ctx& c, reader& v, path_attribute& slot) {
  dstate& ds = c.ds;
  switch (c.type) {
    case attr_type::origin: {
      auto& a = slot.emplace<attr_origin>();
      WIREKIT_TRY(decode_fixed(c, v, a));
      if (a.value > 2)
        finding(ds, "path_attributes.value", c.start + 3, fmt::format("ORIGIN {} is undefined", a.value),
                err_code::update_message, err_sub::invalid_origin_attribute, action::treat_as_withdraw,
                bytes(c.whole.begin(), c.whole.end()), c.type);
      return {};
    }
    case attr_type::as_path: {
      auto& a = slot.emplace<attr_as_path>();
      set_head(a, c);
      return decode_as_path(c, v, false, a.value, a.as_size);
    }
    case attr_type::as4_path: {
      auto& a = slot.emplace<attr_as4_path>();
      set_head(a, c);
      std::uint8_t w = 0;
      return decode_as_path(c, v, true, a.value, w);
    }
    case attr_type::next_hop: return decode_fixed(c, v, slot.emplace<attr_next_hop>());
    case attr_type::multi_exit_disc: return decode_fixed(c, v, slot.emplace<attr_multi_exit_disc>());
    case attr_type::local_pref: return decode_fixed(c, v, slot.emplace<attr_local_pref>());
    case attr_type::atomic_aggregate: return decode_fixed(c, v, slot.emplace<attr_atomic_aggregate>());
    case attr_type::originator_id: return decode_fixed(c, v, slot.emplace<attr_originator_id>());
    case attr_type::as4_aggregator: return decode_fixed(c, v, slot.emplace<attr_as4_aggregator>());
    case attr_type::aggregator: {
      auto& a = slot.emplace<attr_aggregator>();
      set_head(a, c);
      std::size_t want = 0;
      if (ds.ctx.as == context::as_width::two)
        want = 6;
      else if (ds.ctx.as == context::as_width::four)
        want = 8;
      else
        want = v.remaining() == 8 ? 8 : 6;  // os-ken: by the length
      if (v.remaining() != want) return c.length_problem(fmt::format("not {}", want).c_str());
      a.as_size = static_cast<std::uint8_t>(want - 4);
      a.as_number = static_cast<std::uint32_t>(v.uint(want - 4));
      v.copy(a.addr.b.data(), 4);
      return {};
    }
    case attr_type::communities: {
      auto& a = slot.emplace<attr_communities>();
      set_head(a, c);
      if (v.remaining() % 4) return c.length_problem("not a multiple of 4");
      if (v.empty())
        finding(ds, "path_attributes.length", c.start + 2, "COMMUNITIES with no community", err_code::update_message,
                err_sub::attribute_length_error, action::treat_as_withdraw, bytes(c.whole.begin(), c.whole.end()),
                c.type);
      a.communities.resize(v.remaining() / 4);
      for (auto& x : a.communities) x = v.u32();
      return {};
    }
    case attr_type::cluster_list: {
      auto& a = slot.emplace<attr_cluster_list>();
      set_head(a, c);
      if (v.remaining() % 4) return c.length_problem("not a multiple of 4");
      if (v.empty())
        finding(ds, "path_attributes.length", c.start + 2, "CLUSTER_LIST with no cluster id",
                err_code::update_message, err_sub::attribute_length_error, action::treat_as_withdraw,
                bytes(c.whole.begin(), c.whole.end()), c.type);
      a.value.resize(v.remaining() / 4);
      for (auto& x : a.value) v.copy(x.b.data(), 4);
      return {};
    }
    case attr_type::mp_reach_nlri: {
      auto& a = slot.emplace<attr_mp_reach_nlri>();
      set_head(a, c);
      if (ds.opt.mrt_abbreviated_mp_reach) {
        a.afi = ds.opt.mrt_afi;
        a.safi = ds.opt.mrt_safi;
        if (!v.has(1)) return c.length_problem("too short for the next hop length");
        std::uint8_t nhlen = v.u8();
        if (v.remaining() != nhlen)
          return c.problem(err_sub::optional_attribute_error, "path_attributes.next_hop", v.offset() - 1,
                           fmt::format("next hop length {} but {} bytes follow", nhlen, v.remaining()));
        auto nh = v.take(nhlen);
        a.next_hop.assign(nh.begin(), nh.end());
        a.reserved = 0;
        a.nlri = empty_nlri(a.fam());
        return {};
      }
      if (!v.has(5)) return c.length_problem("too short for AFI, SAFI, next hop length and reserved byte");
      a.afi = v.u16();
      a.safi = v.u8();
      std::uint8_t nhlen = v.u8();
      if (!v.has(std::size_t(nhlen) + 1))
        return c.problem(err_sub::optional_attribute_error, "path_attributes.next_hop", v.offset() - 1,
                         fmt::format("next hop length {} overruns the attribute", nhlen));
      auto nh = v.take(nhlen);
      a.next_hop.assign(nh.begin(), nh.end());
      a.reserved = v.u8();
      if (auto st = decode_nlri(v, a.fam(), ds.ctx, a.nlri); !st) {
        error e = st.take_error();
        return c.problem(err_sub::optional_attribute_error, e.field, e.offset, "MP_REACH_NLRI: " + e.reason);
      }
      return {};
    }
    case attr_type::mp_unreach_nlri: {
      auto& a = slot.emplace<attr_mp_unreach_nlri>();
      set_head(a, c);
      if (!v.has(3)) return c.length_problem("too short for AFI and SAFI");
      a.afi = v.u16();
      a.safi = v.u8();
      if (auto st = decode_nlri(v, a.fam(), ds.ctx, a.withdrawn_routes); !st) {
        error e = st.take_error();
        return c.problem(err_sub::optional_attribute_error, e.field, e.offset, "MP_UNREACH_NLRI: " + e.reason);
      }
      return {};
    }
    case attr_type::extended_communities: {
      auto& a = slot.emplace<attr_extended_communities>();
      set_head(a, c);
      if (v.remaining() % 8) return c.length_problem("not a multiple of 8");
      a.communities.resize(v.remaining() / 8);
      for (auto& x : a.communities) {
        if (auto st = decode_ext_community(v, x); !st) {
          error e = st.take_error();
          return c.problem(err_sub::optional_attribute_error, e.field, e.offset, e.reason);
        }
      }
      return {};
    }
    case attr_type::pmsi_tunnel: {
      auto& a = slot.emplace<attr_pmsi_tunnel>();
      set_head(a, c);
      if (!v.has(5)) return c.length_problem("shorter than 5");
      a.pmsi_flags = v.u8();
      a.tunnel_type = v.u8();
      a.label = static_cast<std::uint32_t>(v.uint(3));
      reader id = v.sub(v.remaining());
      if (auto st = decode_pmsi_tunnel_id(id, a.tunnel_type, a.tunnel_id); !st) {
        error e = st.take_error();
        return c.problem(err_sub::optional_attribute_error, e.field, e.offset, e.reason);
      }
      return {};
    }
    default: break;
  }
  return {};
}

// The attributes os-ken shows as BGPPathAttributeUnknown: typed when well formed, else raw
// (in either mode: the JSON is the same), with a finding.
bool decode_extra(attr_ctx& c, reader& v, path_attribute& slot) {
  dstate& ds = c.ds;
  auto malformed = [&](const char* why) {
    finding(ds, "path_attributes.value", c.start, fmt::format("attribute type {}: {}", c.type, why),
            err_code::update_message,
            c.type == attr_type::aigp ? err_sub::optional_attribute_error : err_sub::attribute_length_error,
            malformed_action(c.type), bytes(c.whole.begin(), c.whole.end()), c.type);
    return false;
  };
  switch (c.type) {
    case attr_type::large_community: {
      if (v.empty() || v.remaining() % 12) return malformed("LARGE_COMMUNITY length is not a non-zero multiple of 12");
      auto& a = slot.emplace<attr_large_communities>();
      set_head(a, c);
      a.communities.resize(v.remaining() / 12);
      for (auto& x : a.communities) {
        x.global_admin = v.u32();
        x.local_data1 = v.u32();
        x.local_data2 = v.u32();
      }
      return true;
    }
    case attr_type::only_to_customer: {
      if (v.remaining() != 4) return malformed("ONLY_TO_CUSTOMER length is not 4");
      auto& a = slot.emplace<attr_only_to_customer>();
      set_head(a, c);
      a.as_number = v.u32();
      return true;
    }
    case attr_type::aigp: {
      // TLVs: type (1), length (2, including these 3 bytes), value.
      std::vector<aigp_tlv> tlvs;
      reader t(v.rest(), v.offset());
      while (!t.empty()) {
        if (!t.has(3)) return malformed("AIGP TLV header truncated");
        aigp_tlv x;
        x.type = t.u8();
        std::uint16_t l = t.u16();
        if (l < 3 || !t.has(l - 3u)) return malformed("AIGP TLV length is below 3 or overruns the attribute");
        if (x.type == 1 && l != 11) return malformed("AIGP metric TLV is not 11 bytes");
        auto b = t.take(l - 3u);
        x.value.assign(b.begin(), b.end());
        tlvs.push_back(std::move(x));
      }
      auto& a = slot.emplace<attr_aigp>();
      set_head(a, c);
      a.tlvs = std::move(tlvs);
      return true;
    }
    default: return false;
  }
}

void keep_raw(const attr_ctx& c, bytes_view value, path_attribute& slot) {
  auto& u = slot.emplace<attr_unknown>();
  u.flags = c.flags;
  u.type = c.type;
  u.length = c.length;
  u.value.assign(value.begin(), value.end());
}

bool is_known(std::uint8_t t) {
  switch (t) {
    case attr_type::origin:
    case attr_type::as_path:
    case attr_type::next_hop:
    case attr_type::multi_exit_disc:
    case attr_type::local_pref:
    case attr_type::atomic_aggregate:
    case attr_type::aggregator:
    case attr_type::communities:
    case attr_type::originator_id:
    case attr_type::cluster_list:
    case attr_type::mp_reach_nlri:
    case attr_type::mp_unreach_nlri:
    case attr_type::extended_communities:
    case attr_type::as4_path:
    case attr_type::as4_aggregator:
    case attr_type::pmsi_tunnel: return true;
    default: return false;
  }
}

}  // namespace

namespace detail {

status decode_attributes(reader& r, dstate& ds, std::vector<path_attribute>& out) {
  std::size_t k = 0;
  while (!r.empty()) {
    const std::size_t start = r.offset();
    const std::byte* head = r.data();
    if (!r.has(3))
      return fail(ds, "path_attributes", start,
                  fmt::format("{} bytes left, too few for an attribute header", r.remaining()),
                  err_code::update_message, err_sub::malformed_attribute_list, action::treat_as_withdraw);
    const std::uint8_t flags = r.u8(), type = r.u8();
    std::uint16_t length = 0;
    if (flags & attr_flag::extended_length) {
      if (!r.has(2))
        return fail(ds, "path_attributes.length", r.offset(), "extended length truncated", err_code::update_message,
                    err_sub::malformed_attribute_list, action::treat_as_withdraw);
      length = r.u16();
    } else {
      length = r.u8();
    }
    if (!r.has(length))
      return fail(ds, "path_attributes.length", start + 2,
                  fmt::format("attribute type {} has length {}, beyond the {} bytes left", type, length,
                              r.remaining()),
                  err_code::update_message, err_sub::malformed_attribute_list, action::treat_as_withdraw);
    reader v = r.sub(length);
    attr_ctx c{ds, flags, type, length, start, bytes_view(head, r.offset() - start), std::nullopt};
    if (k == out.size()) out.emplace_back();
    path_attribute& slot = out[k++];

    int ot = expected_ot(type);
    if (ot >= 0 && (flags & 0xc0) != ot)
      finding(ds, "path_attributes.flags", start,
              fmt::format("attribute type {} has flags {:#04x}: Optional/Transitive must be {:#04x}", type, flags, ot),
              err_code::update_message, err_sub::attribute_flags_error, malformed_action(type),
              bytes(c.whole.begin(), c.whole.end()), type);

    if (!is_known(type)) {
      if (!decode_extra(c, v, slot)) {
        keep_raw(c, v.rest(), slot);
        if (!(flags & attr_flag::optional) && ot < 0)
          finding(ds, "path_attributes.type", start + 1,
                  fmt::format("unrecognized well-known attribute type {}", type), err_code::update_message,
                  err_sub::unrecognized_well_known_attribute, action::session_reset,
                  bytes(c.whole.begin(), c.whole.end()), type);
      }
      continue;
    }
    status st = decode_value(c, v, slot);
    if (st && !v.empty() && !c.bad) {
      // A fixed-size value decoded with bytes to spare cannot happen (lengths are checked);
      // a variable one must consume its value.
      st = c.problem(err_sub::attribute_length_error, "path_attributes.length", start + 2,
                     fmt::format("attribute type {}: {} bytes left over", type, v.remaining()));
    }
    if (st) continue;
    if (!c.bad) {  // an error of a helper (e.g. a truncated NLRI): an optional attribute error
      error e = st.take_error();
      c.bad = bad_value{err_sub::optional_attribute_error, e.field, e.offset, e.reason};
    }
    const action act = malformed_action(type);
    bytes data(c.whole.begin(), c.whole.end());
    if (ds.opt.revised_error_handling && act != action::session_reset) {
      finding(ds, c.bad->field, c.bad->offset, c.bad->reason, err_code::update_message, c.bad->subcode, act,
              std::move(data), type);
      keep_raw(c, c.whole.subspan(c.whole.size() - length), slot);
      continue;
    }
    return fail(ds, c.bad->field, c.bad->offset, c.bad->reason, err_code::update_message, c.bad->subcode, act,
                std::move(data), type);
  }
  out.resize(k);
  return {};
}

void check_update(dstate& ds, const update_msg& u, std::size_t attrs_offset) {
  if (!ds.report) return;
  // Duplicates (RFC 7606 §3.g): MP_REACH/MP_UNREACH twice is a session reset, others keep the first.
  bool seen[256] = {};
  bool has_reach = !u.nlri.empty();
  for (const auto& a : u.path_attributes) {
    std::uint8_t t = type_of(a);
    if (seen[t]) {
      bool mp = t == attr_type::mp_reach_nlri || t == attr_type::mp_unreach_nlri;
      finding(ds, "path_attributes.type", attrs_offset, fmt::format("attribute type {} appears more than once", t),
              err_code::update_message, err_sub::malformed_attribute_list,
              mp ? action::session_reset : action::attribute_discard, {}, t);
    }
    seen[t] = true;
    if (auto* m = std::get_if<attr_mp_reach_nlri>(&a))
      if (nlri_count(m->nlri) > 0) has_reach = true;
  }
  if (!has_reach) return;
  // Missing well-known mandatory attributes (RFC 4271 §6.3, RFC 7606 §3.d).
  auto missing = [&](std::uint8_t t, const char* what) {
    if (seen[t]) return;
    finding(ds, "path_attributes", attrs_offset, fmt::format("missing well-known attribute {} ({})", t, what),
            err_code::update_message, err_sub::missing_well_known_attribute, action::treat_as_withdraw,
            bytes{std::byte{t}}, t);
  };
  missing(attr_type::origin, "ORIGIN");
  missing(attr_type::as_path, "AS_PATH");
  if (!u.nlri.empty()) missing(attr_type::next_hop, "NEXT_HOP");
}

}  // namespace detail

status decode_path_attributes(reader& r, const context& ctx, std::vector<path_attribute>& out) {
  decode_options opt;
  return decode_path_attributes(r, ctx, opt, out, nullptr);
}

status decode_path_attributes(reader& r, const context& ctx, const decode_options& opt,
                              std::vector<path_attribute>& out, decode_report* report) {
  dstate ds{ctx, opt, report};
  return detail::decode_attributes(r, ds, out);
}

// ---- encode --------------------------------------------------------------------------------

namespace {

status encode_segments(writer& w, const std::vector<as_path_segment>& segs, std::size_t width) {
  for (const auto& s : segs) {
    if (s.asns.empty()) continue;  // os-ken skips empty segments (RFC 7606: they are malformed)
    if (s.type < 1 || s.type > 4)
      return make_error(proto, "path_attributes.value", w.size(), fmt::format("AS_PATH segment type {}", s.type));
    const bool is_set = s.type == as_path_segment::as_set || s.type == as_path_segment::as_confed_set;
    if (is_set && s.asns.size() > 255)
      return make_error(proto, "path_attributes.value", w.size(), "an AS_SET of more than 255 ASNs");
    for (std::size_t i = 0; i < s.asns.size(); i += 255) {
      std::size_t n = std::min<std::size_t>(255, s.asns.size() - i);
      w.u8(s.type);
      w.u8(n);
      for (std::size_t j = i; j < i + n; ++j) {
        std::uint32_t a = s.asns[j];
        if (width == 2 && a > 0xffff)
          return make_error(proto, "path_attributes.value", w.size(),
                            fmt::format("AS {} does not fit a 2-byte AS_PATH (use AS_TRANS and AS4_PATH)", a));
        w.uint(a, width);
      }
    }
  }
  return {};
}

template <class A>
constexpr bool forced_flags = !std::is_same_v<A, attr_unknown> && !std::is_same_v<A, attr_large_communities> &&
                              !std::is_same_v<A, attr_only_to_customer> && !std::is_same_v<A, attr_aigp>;

template <class A>
status encode_value(writer& w, const A& a, const context& ctx, const decode_options& opt) {
  if constexpr (std::is_same_v<A, attr_as_path>) {
    return encode_segments(w, a.value, detail::as_path_width(a.value, a.as_size, ctx));
  } else if constexpr (std::is_same_v<A, attr_as4_path>) {
    return encode_segments(w, a.value, 4);
  } else if constexpr (std::is_same_v<A, attr_aggregator>) {
    std::size_t width = ctx.as == context::as_width::two    ? 2
                        : ctx.as == context::as_width::four ? 4
                        : (a.as_size == 2 || a.as_size == 4) ? a.as_size
                        : a.as_number > 0xffff              ? 4
                                                            : 2;
    if (width == 2 && a.as_number > 0xffff)
      return make_error(proto, "path_attributes.as_number", w.size(),
                        fmt::format("AS {} does not fit a 2-byte AGGREGATOR", a.as_number));
    w.uint(a.as_number, width);
    w.put(a.addr.b.data(), 4);
    return {};
  } else if constexpr (std::is_same_v<A, attr_communities>) {
    for (auto c : a.communities) w.u32(c);
    return {};
  } else if constexpr (std::is_same_v<A, attr_cluster_list>) {
    for (const auto& c : a.value) w.put(c.b.data(), 4);
    return {};
  } else if constexpr (std::is_same_v<A, attr_mp_reach_nlri>) {
    if (a.next_hop.size() > 255)
      return make_error(proto, "path_attributes.next_hop", w.size(), "a next hop field longer than 255 bytes");
    if (opt.mrt_abbreviated_mp_reach) {
      w.u8(a.next_hop.size());
      w.put(a.next_hop);
      return {};
    }
    w.u16(a.afi);
    w.u8(a.safi);
    w.u8(a.next_hop.size());
    w.put(a.next_hop);
    w.u8(a.reserved);
    return encode_nlri(w, a.fam(), ctx, a.nlri);
  } else if constexpr (std::is_same_v<A, attr_mp_unreach_nlri>) {
    w.u16(a.afi);
    w.u8(a.safi);
    return encode_nlri(w, a.fam(), ctx, a.withdrawn_routes);
  } else if constexpr (std::is_same_v<A, attr_extended_communities>) {
    for (const auto& c : a.communities) {
      const std::size_t at = w.size();
      WIREKIT_TRY(encode_ext_community(w, c));
      if (w.size() - at != 8)
        return make_error(proto, "path_attributes.communities", at, "an extended community is not 8 bytes");
    }
    return {};
  } else if constexpr (std::is_same_v<A, attr_pmsi_tunnel>) {
    if (a.label > 0xffffff) return make_error(proto, "path_attributes.label", w.size(), "label field beyond 24 bits");
    w.u8(a.pmsi_flags);
    w.u8(a.tunnel_type);
    w.uint(a.label, 3);
    return encode_pmsi_tunnel_id(w, a.tunnel_id);
  } else if constexpr (std::is_same_v<A, attr_large_communities>) {
    for (const auto& c : a.communities) {
      w.u32(c.global_admin);
      w.u32(c.local_data1);
      w.u32(c.local_data2);
    }
    return {};
  } else if constexpr (std::is_same_v<A, attr_only_to_customer>) {
    w.u32(a.as_number);
    return {};
  } else if constexpr (std::is_same_v<A, attr_aigp>) {
    for (const auto& t : a.tlvs) {
      if (t.value.size() > 0xffff - 3)
        return make_error(proto, "path_attributes.value", w.size(), "an AIGP TLV longer than 65535 bytes");
      w.u8(t.type);
      w.u16(t.value.size() + 3);
      w.put(t.value);
    }
    return {};
  } else {
    // Described fixed layouts (origin, next hop, MED, local pref, atomic aggregate, originator
    // id, AS4 aggregator) and attr_unknown: the value fields.
    return wire::encode_fields(a, w, proto);
  }
}

}  // namespace

status encode_path_attribute(writer& w, const path_attribute& pa, const context& ctx, const decode_options& opt) {
  return std::visit(
      [&](const auto& a) -> status {
        using A = std::remove_cvref_t<decltype(a)>;
        std::uint8_t flags = a.flags;
        if constexpr (forced_flags<A>) flags = static_cast<std::uint8_t>((flags & ~0xc0) | A::default_flags);
        const std::size_t start = w.size();
        w.u8(flags);
        w.u8(a.type);
        w.u16(0);  // length placeholder (2 bytes; shrunk below if 1 byte suffices)
        WIREKIT_TRY(encode_value(w, a, ctx, opt));
        const std::size_t len = w.size() - start - 4;
        if (len > 0xffff)
          return make_error(proto, "path_attributes.length", start,
                            fmt::format("attribute type {} value is {} bytes, beyond 65535", a.type, len));
        if ((flags & attr_flag::extended_length) || len > 255) {
          w.patch_u8(start, flags | attr_flag::extended_length);
          w.patch_u16(start + 2, len);
        } else {
          auto& b = w.buffer();
          b.erase(b.begin() + static_cast<std::ptrdiff_t>(start + 3));
          w.patch_u8(start + 2, len);
        }
        return {};
      },
      pa);
}

namespace detail {

status encode_attribute_value(writer& w, const path_attribute& pa, const context& ctx) {
  decode_options opt;
  return std::visit([&](const auto& a) { return encode_value(w, a, ctx, opt); }, pa);
}

bool typed_from_unknown(const attr_unknown& u, path_attribute& out) {
  if (u.type != attr_type::large_community && u.type != attr_type::only_to_customer && u.type != attr_type::aigp)
    return false;
  context ctx;
  decode_options opt;
  dstate ds{ctx, opt, nullptr};
  attr_ctx c{ds, u.flags, u.type, u.length, 0, bytes_view(u.value), std::nullopt};
  reader v(u.value);
  path_attribute tmp;
  if (!decode_extra(c, v, tmp)) return false;
  out = std::move(tmp);
  return true;
}

}  // namespace detail

status encode_path_attributes(writer& w, const std::vector<path_attribute>& attrs, const context& ctx,
                              const decode_options& opt) {
  for (const auto& a : attrs) WIREKIT_TRY(encode_path_attribute(w, a, ctx, opt));
  return {};
}

}  // namespace wirekit::bgp
