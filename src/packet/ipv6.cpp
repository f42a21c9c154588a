// IPv6 and its extension headers (os_ken/lib/packet/ipv6.py), the RFC winning on the wire: see
// the notes at the top of ipv6.hpp.
#include "wirekit/packet/ipv6.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "layer_decode.hpp"
#include "layer_defaults.hpp"

namespace wirekit {

namespace {

std::uint8_t nxt_of(const ipv6_ext_hdr& e) {
  return std::visit([](const auto& x) { return x.nxt; }, e);
}

ipv6_addr addr_at(const bytes& b, std::size_t at) {
  ipv6_addr a;
  std::memcpy(a.b.data(), b.data() + at, 16);
  return a;
}

}  // namespace

// ---- options headers ----------------------------------------------------------------------
status ipv6_opts_codec::decode_options(reader& r, std::vector<ipv6_option>& out, const char* proto) {
  // r holds exactly the rest of the header: (size + 1) * 8 - 2 bytes. Existing elements are
  // reused (their data buffers too), so steady-state parsing does not allocate.
  std::size_t n = 0;
  while (!r.empty()) {
    const std::size_t at = r.offset();
    ipv6_option& o = n < out.size() ? out[n] : out.emplace_back();
    ++n;
    o.type = r.u8();
    if (o.type == 0) {  // Pad1: a single byte
      o.len = -1;
      o.data.reset();
      continue;
    }
    if (!r.has(1)) return truncated_error(proto, "data", at, 2, 1);
    o.len = r.u8();
    if (!r.has(std::size_t(o.len)))
      return make_error(proto, "data", at,
                        fmt::format("option type {} of length {} runs past the end of the header ({} bytes left)",
                                    o.type, o.len, r.remaining()));
    if (o.len == 0) {
      o.data.reset();
    } else {
      auto s = r.take(std::size_t(o.len));
      if (o.data)
        o.data->assign(s.begin(), s.end());
      else
        o.data.emplace(s.begin(), s.end());
    }
  }
  out.resize(n);
  return {};
}

status ipv6_opts_codec::encode_options(writer& w, const std::vector<ipv6_option>& opts, std::uint8_t size,
                                       std::size_t start, const char* proto) {
  for (std::size_t i = 0; i < opts.size(); ++i) {
    const ipv6_option& o = opts[i];
    if (o.type == 0) {  // Pad1, whatever len says (as os-ken)
      w.u8(0);
      continue;
    }
    if (o.len < 0 || o.len > 255)
      return make_error(proto, fmt::format("data[{}].len", i), w.size(),
                        fmt::format("{} is not an option length (0-255)", o.len));
    w.u8(o.type);
    w.u8(std::uint64_t(o.len));
    std::size_t have = o.data ? o.data->size() : 0;
    if (have > std::size_t(o.len))
      return make_error(proto, fmt::format("data[{}].data", i), w.size(),
                        fmt::format("{} bytes do not fit in len {}", have, o.len));
    if (have) w.put(*o.data);
    w.zeros(std::size_t(o.len) - have);
  }
  std::size_t used = w.size() - start;
  std::size_t hdr = (std::size_t(size) + 1) * 8;
  if (size == 0 && used > 8) {
    std::size_t units = (used + 7) / 8;
    if (units > 256) return make_error(proto, "size", start + 1, fmt::format("{} bytes of options are too many", used));
    w.patch_u8(start + 1, units - 1);
    hdr = units * 8;
  }
  if (used > hdr)
    return make_error(proto, "size", start + 1,
                      fmt::format("options take {} bytes, more than the {} bytes size {} gives", used, hdr, size));
  // RFC 8200 §4.2: fill the rest of the header with Pad1 or PadN.
  std::size_t n = hdr - used;
  if (n == 1) {
    w.u8(0);
  } else if (n >= 2) {
    w.u8(1);
    w.u8(n - 2);
    w.zeros(n - 2);
  }
  return {};
}

// ---- RPL source route header ----------------------------------------------------------------
status ipv6_routing_type3_codec::decode(reader& r, ipv6_routing_type3& h, const char* proto) {
  // r holds the whole header ((size + 1) * 8 bytes); the first 5 are read.
  const std::size_t header_len = r.whole().size();
  if (!r.has(3)) return truncated_error(proto, "pad", r.offset(), 3, r.remaining());
  const std::size_t pad = r.u8() >> 4;
  r.skip(2);
  h.adrs.clear();
  if (h.size) {
    // As os-ken: addresses 1..n-1 while they end before Address[n] and the padding.
    const std::size_t li = 16 - std::size_t(h.cmpi), le = 16 - std::size_t(h.cmpe);
    std::size_t pos = 8;
    auto read_one = [&](std::size_t n, std::size_t elided) -> status {
      if (pos + n > header_len)
        return make_error(proto, "adrs", r.offset(),
                          fmt::format("address {} ({} bytes) runs past the end of the {}-byte header",
                                      h.adrs.size() + 1, n, header_len));
      ipv6_addr a{};
      r.copy(a.b.data() + elided, n);
      h.adrs.push_back(a);
      pos += n;
      return {};
    };
    while (pos + le + pad < header_len) WIREKIT_TRY(read_one(li, h.cmpi));
    WIREKIT_TRY(read_one(le, h.cmpe));
  }
  r.seek(header_len);
  return {};
}

status ipv6_routing_type3_codec::encode(writer& w, const ipv6_routing_type3& h, std::size_t start) {
  const std::size_t n = h.adrs.size();
  const std::size_t li = 16 - std::size_t(h.cmpi), le = 16 - std::size_t(h.cmpe);
  const std::size_t addr_bytes = n ? (n - 1) * li + le : 0;
  std::size_t pad = (8 - addr_bytes % 8) % 8;
  std::size_t size = h.size;
  if (size == 0) {
    size = (addr_bytes + pad) / 8;  // os-ken's formula
    if (size > 255)
      return make_error("routing_type3", "adrs", start + 8, fmt::format("{} addresses are too many", n));
    w.patch_u8(start + 1, size);
  }
  const std::size_t header_len = (size + 1) * 8;
  // A size given larger than the addresses need: the Pad field says how many bytes follow
  // Address[n] when it can (at most 15), so that a reader finds the same addresses (RFC 6554 §3;
  // os-ken writes the minimal pad, and no bytes for the extra room).
  if (size && header_len >= 8 + addr_bytes && header_len - 8 - addr_bytes <= 15) pad = header_len - 8 - addr_bytes;
  w.u8(pad << 4);
  w.u16(0);
  if (size) {
    for (std::size_t i = 0; i + 1 < n; ++i) w.put(h.adrs[i].b.data() + h.cmpi, li);
    if (n) w.put(h.adrs[n - 1].b.data() + h.cmpe, le);
  }
  std::size_t used = w.size() - start;
  if (used > header_len)
    return make_error("routing_type3", "size", start + 1,
                      fmt::format("the addresses take {} bytes, more than the {} bytes size {} gives", used,
                                  header_len, size));
  w.zeros(header_len - used);  // Pad (RFC 6554; os-ken omits it) and any extra room
  return {};
}

// ---- other routing headers, raw ---------------------------------------------------------------
status ipv6_routing_codec::decode(reader& r, ipv6_routing& h, const char*) {
  auto s = r.take(r.remaining());
  h.data.assign(s.begin(), s.end());
  return {};
}

status ipv6_routing_codec::encode(writer& w, const ipv6_routing& h, std::size_t start) {
  w.put(h.data);
  std::size_t used = w.size() - start;
  std::size_t header_len = (std::size_t(h.size) + 1) * 8;
  if (h.size == 0) {
    std::size_t units = (used + 7) / 8;
    if (units > 256) return make_error("routing", "data", start + 4, "data too long for a routing header");
    w.patch_u8(start + 1, units - 1);
    header_len = units * 8;
  }
  if (used > header_len)
    return make_error("routing", "size", start + 1,
                      fmt::format("the header takes {} bytes, more than the {} bytes size {} gives", used,
                                  header_len, h.size));
  w.zeros(header_len - used);
  return {};
}

// ---- authentication header ------------------------------------------------------------------
status ipv6_auth_codec::decode(reader& r, ipv6_auth& h, const char*) {
  auto s = r.take(r.remaining());
  h.data.assign(s.begin(), s.end());
  return {};
}

status ipv6_auth_codec::encode(writer& w, const ipv6_auth& h, std::size_t start) {
  if (h.size < 1)
    return make_error("auth", "size", start + 1, "0 is below the minimum of 1 (a 12-byte header)");
  std::size_t room = (std::size_t(h.size) + 2) * 4 - 12;
  if (h.data.size() > room)
    return make_error("auth", "data", start + 12,
                      fmt::format("{} bytes do not fit in the {} bytes size {} gives", h.data.size(), room, h.size));
  w.put(h.data);
  w.zeros(room - h.data.size());
  return {};
}

// ---- the chain --------------------------------------------------------------------------------
namespace {

// Decodes the nth extension header into out[n], reusing the object there when it has the type.
template <class T>
status decode_ext(reader& hr, std::vector<ipv6_ext_hdr>& out, std::size_t n) {
  T* x = n < out.size() ? std::get_if<T>(&out[n]) : nullptr;
  if (!x) x = n < out.size() ? &out[n].emplace<T>() : &std::get<T>(out.emplace_back(std::in_place_type<T>));
  return wire::decode_fields(*x, hr, T::name);
}

}  // namespace

status ipv6_ext_hdrs_codec::decode_chain(reader& r, ipv6& h, const char* proto) {
  std::size_t n = 0;  // headers decoded; h.ext_hdrs[n..] are stale objects kept for reuse
  const std::size_t pl_at = r.offset() - 36;
  if (h.payload_length > r.remaining())
    return make_error(proto, "payload_length", pl_at,
                      fmt::format("{} exceeds the {} bytes present", h.payload_length, r.remaining()));
  // Extension headers lie inside the payload.
  reader pr(r.rest().first(h.payload_length), r.offset());
  std::uint8_t next = h.nxt;
  status st;
  while (ipv6_is_ext_hdr(next)) {
    if (n == ipv6::max_ext_hdrs) {
      st = make_error(proto, "ext_hdrs", pr.offset(), fmt::format("more than {} extension headers", ipv6::max_ext_hdrs));
      break;
    }
    const std::size_t at = pr.offset();
    if (!pr.has(2)) {
      st = make_error(proto, "ext_hdrs", at,
                      fmt::format("extension header {} (next header {}) truncated: {} of at least 8 bytes within "
                                  "payload_length",
                                  n, next, pr.remaining()));
      break;
    }
    const std::size_t b1 = pr.peek8(1);
    std::size_t len = 8;
    if (next == ip_proto::ah) {
      if (b1 < 1) {
        st = make_error("auth", "size", at + 1, "0 is below the minimum of 1 (a 12-byte header)");
        break;
      }
      len = (b1 + 2) * 4;
    } else if (next != ip_proto::fragment) {
      len = (b1 + 1) * 8;
    }
    if (!pr.has(len)) {
      st = make_error(proto, "ext_hdrs", at,
                      fmt::format("extension header {} (next header {}) needs {} bytes, {} left within "
                                  "payload_length",
                                  n, next, len, pr.remaining()));
      break;
    }
    reader hr = pr.sub(len);
    switch (next) {
      case ip_proto::hopopts: st = decode_ext<ipv6_hop_opts>(hr, h.ext_hdrs, n); break;
      case ip_proto::dstopts: st = decode_ext<ipv6_dst_opts>(hr, h.ext_hdrs, n); break;
      case ip_proto::fragment: st = decode_ext<ipv6_fragment>(hr, h.ext_hdrs, n); break;
      case ip_proto::ah: st = decode_ext<ipv6_auth>(hr, h.ext_hdrs, n); break;
      default:  // routing
        if (hr.peek8(2) == 3)
          st = decode_ext<ipv6_routing_type3>(hr, h.ext_hdrs, n);
        else
          st = decode_ext<ipv6_routing>(hr, h.ext_hdrs, n);
        break;
    }
    if (!st) break;
    next = nxt_of(h.ext_hdrs[n++]);
  }
  h.ext_hdrs.resize(n);  // (only shrinks)
  if (!st) return st;
  r.skip(pr.position());
  return {};
}

status ipv6_ext_hdrs_codec::encode(writer& w, const ipv6& h, std::size_t) {
  for (const auto& e : h.ext_hdrs)
    WIREKIT_TRY(std::visit([&](const auto& x) { return wire::encode_fields(x, w, std::remove_cvref_t<decltype(x)>::name); }, e));
  return {};
}

std::uint8_t ipv6_upper_protocol(const ipv6& h) { return h.ext_hdrs.empty() ? h.nxt : nxt_of(h.ext_hdrs.back()); }

ipv6_addr ipv6_final_destination(const ipv6& h) {
  for (const auto& e : h.ext_hdrs) {
    if (auto* rt3 = std::get_if<ipv6_routing_type3>(&e)) {
      if (rt3->seg == 0 || rt3->adrs.empty()) continue;
      // Address[n] with its elided prefix taken from the destination (RFC 6554 §3).
      ipv6_addr a = rt3->adrs.back();
      std::copy_n(h.dst.b.begin(), std::min<std::size_t>(rt3->cmpe, 16), a.b.begin());
      return a;
    }
    if (auto* rt = std::get_if<ipv6_routing>(&e)) {
      if (rt->seg == 0) continue;
      const bytes& d = rt->data;  // the bytes after the first four
      if (rt->type == 0 && d.size() >= 20) return addr_at(d, 4 + (d.size() - 4) / 16 * 16 - 16);  // RFC 2460
      if ((rt->type == 2 || rt->type == 4) && d.size() >= 20) return addr_at(d, 4);  // RFC 6275; RFC 8754 Segment List[0]
    }
  }
  return h.dst;
}

std::size_t ipv6_ext_hdrs_length(const ipv6& h) {
  bytes scratch;
  writer w(scratch);
  if (!ipv6_ext_hdrs_codec::encode(w, h, 0)) return 0;
  return scratch.size();
}

namespace packet_detail {

status encode_layer(const ipv6& h, writer& w) { return default_encode(h, w); }

status finish_layer(const ipv6& h, bytes& out, std::size_t start, std::size_t, const header*) {
  if (h.payload_length == 0) {
    std::size_t len = out.size() - start - 40;
    if (len > 0xffff)
      return make_error("ipv6", "payload_length", start + 4,
                        fmt::format("{} bytes of payload do not fit (jumbograms are not supported)", len));
    writer(out).patch_u16(start + 4, len);
  }
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(ipv6)

}  // namespace packet_detail
}  // namespace wirekit
