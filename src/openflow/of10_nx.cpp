// OpenFlow 1.0 Nicira vendor messages and NX vendor statistics: registry entries and the JSON of
// an NXM match as os-ken's ClsRule (nx_match.py: Flow + FlowWildcards).
//
// bytes -> JSON: each NXM entry is stored into the Flow/FlowWildcards model the way the ClsRule
// setter for that field does (set_in_port clears FWW_IN_PORT in wildcards, set_nw_src sets
// nw_src_mask to all ones, a register sets regs_bits, ...). Values are kept as on the wire (no
// masking: os-ken writes masked values already masked).
// JSON -> bytes: the entries os-ken's serialize_nxm_match writes for that model, in its order
// and with its choice of plain or masked header, then any "unknown_fields". Only the longest
// prefix of the entries that comes back exactly so goes into the model; the rest is kept as
// "unknown_fields", so bytes -> JSON -> bytes is exact.
#include <algorithm>
#include <array>

#include "of10_json.hpp"
#include "registry.hpp"
#include "wirekit/openflow/of10_nx.hpp"

namespace wirekit::openflow {
namespace {

using json = nlohmann::json;
using json_glue::path;
using json_glue::type_error;

constexpr std::uint64_t ofpfw_all = (1u << 22) - 1;
constexpr std::uint64_t fww_in_port = 1 << 0, fww_nw_dscp = 1 << 1, fww_nw_ecn = 1 << 2, fww_arp_sha = 1 << 3,
                        fww_dl_type = 1 << 4, fww_nw_proto = 1 << 5, fww_arp_tha = 1 << 6, fww_ipv6_label = 1 << 7,
                        fww_nw_ttl = 1 << 8;
constexpr int n_regs = 8;

json default_flow() {
  json f = json::object();
  for (const char* k : {"in_port", "dl_vlan", "dl_vlan_pcp", "dl_type", "tp_dst", "tp_src", "nw_tos", "vlan_tci", "nw_ttl",
                        "nw_proto", "arp_sha", "arp_tha", "nw_src", "nw_dst", "tun_id", "arp_spa", "arp_tpa", "nw_frag",
                        "ipv6_label", "pkt_mark", "tcp_flags"})
    f[k] = std::uint64_t{0};
  f["dl_src"] = base64_encode(bytes(6));  // mac.DONTCARE
  f["dl_dst"] = base64_encode(bytes(6));
  for (const char* k : {"ipv6_src", "ipv6_dst", "nd_target"}) f[k] = json::array();
  f["regs"] = json::array();
  for (int i = 0; i < n_regs; ++i) f["regs"].push_back(std::uint64_t{0});
  return f;
}
json default_wc() {
  json w = json::object();
  for (const char* k : {"dl_src_mask", "dl_dst_mask", "tp_src_mask", "tp_dst_mask", "nw_src_mask", "nw_dst_mask",
                        "tun_id_mask", "arp_spa_mask", "arp_tpa_mask", "vlan_tci_mask", "nw_frag_mask", "regs_bits",
                        "pkt_mark_mask", "tcp_flags_mask"})
    w[k] = std::uint64_t{0};
  for (const char* k : {"ipv6_src_mask", "ipv6_dst_mask", "nd_target_mask"}) w[k] = json::array();
  w["regs_mask"] = json::array();
  for (int i = 0; i < n_regs; ++i) w["regs_mask"].push_back(std::uint64_t{0});
  w["wildcards"] = ofpfw_all;
  return w;
}

std::uint64_t be_uint(const bytes& b) {
  std::uint64_t v = 0;
  for (auto x : b) v = (v << 8) | std::to_integer<std::uint64_t>(x);
  return v;
}
json words(const bytes& b, std::size_t w) {  // big-endian words of w bytes, as a list
  json a = json::array();
  for (std::size_t i = 0; i + w <= b.size(); i += w) a.push_back(be_uint(bytes(b.begin() + long(i), b.begin() + long(i + w))));
  return a;
}

// Stores one NXM entry the way os-ken's ClsRule setter for its field does; false if a ClsRule
// cannot hold it.
bool apply_entry(const oxm_tlv& t, json& f, json& w) {
  if (t.experimenter_hdr || t.oxm_class > 1) return false;
  const std::size_t n = t.value.size();
  const bool m = t.hasmask;
  const std::uint64_t v = n <= 8 ? be_uint(t.value) : 0;
  const std::uint64_t mk = m && n <= 8 ? be_uint(t.mask) : 0;
  auto clear = [&](std::uint64_t bit) { w["wildcards"] = w["wildcards"].get<std::uint64_t>() & ~bit; };
  auto plain = [&](std::size_t size) { return !m && n == size; };
  auto maskable = [&](std::size_t size) { return n == size; };
  auto full = [&](std::size_t size) { return size >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * size)) - 1; };
  auto uint_masked = [&](const char* fk, const char* wk, std::size_t size) {
    if (!maskable(size)) return false;
    f[fk] = v;
    w[wk] = m ? mk : full(size);
    return true;
  };
  if (t.oxm_class == 0) {
    switch (t.field) {
      case 0:  // in_port
        if (!plain(2)) return false;
        clear(fww_in_port), f["in_port"] = v;
        return true;
      case 1:  // eth_dst
      case 2:  // eth_src
        if (!maskable(6)) return false;
        f[t.field == 1 ? "dl_dst" : "dl_src"] = base64_encode(t.value);
        if (m) w[t.field == 1 ? "dl_dst_mask" : "dl_src_mask"] = base64_encode(t.mask);
        return true;
      case 3:
        if (!plain(2)) return false;
        clear(fww_dl_type), f["dl_type"] = v;
        return true;
      case 4:
        return uint_masked("vlan_tci", "vlan_tci_mask", 2);
      case 5:  // ip_tos: the DSCP bits of nw_tos
        if (!plain(1)) return false;
        clear(fww_nw_dscp), f["nw_tos"] = (f["nw_tos"].get<std::uint64_t>() & ~std::uint64_t(0xfc)) | (v & 0xfc);
        return true;
      case 6:
        if (!plain(1)) return false;
        clear(fww_nw_proto), f["nw_proto"] = v;
        return true;
      case 7:
        return uint_masked("nw_src", "nw_src_mask", 4);
      case 8:
        return uint_masked("nw_dst", "nw_dst_mask", 4);
      case 9:
      case 11:
        return uint_masked("tp_src", "tp_src_mask", 2);
      case 10:
      case 12:
        return uint_masked("tp_dst", "tp_dst_mask", 2);
      case 13:  // icmp_type / icmp_code: set_tp_src / set_tp_dst
        if (!plain(1)) return false;
        f["tp_src"] = v, w["tp_src_mask"] = 0xffff;
        return true;
      case 14:
        if (!plain(1)) return false;
        f["tp_dst"] = v, w["tp_dst_mask"] = 0xffff;
        return true;
      case 16:
        return uint_masked("arp_spa", "arp_spa_mask", 4);
      case 17:
        return uint_masked("arp_tpa", "arp_tpa_mask", 4);
      default:
        return false;
    }
  }
  if (t.field < n_regs) {
    if (!maskable(4)) return false;
    f["regs"][t.field] = v;
    w["regs_mask"][t.field] = m ? mk : 0;
    w["regs_bits"] = w["regs_bits"].get<std::uint64_t>() | (std::uint64_t(1) << t.field);
    return true;
  }
  switch (t.field) {
    case 16:
      return uint_masked("tun_id", "tun_id_mask", 8);
    case 17:
    case 18:
      if (!plain(6)) return false;
      clear(t.field == 17 ? fww_arp_sha : fww_arp_tha);
      f[t.field == 17 ? "arp_sha" : "arp_tha"] = base64_encode(t.value);
      return true;
    case 19:
    case 20:
    case 23: {
      if (!maskable(16)) return false;
      const char* fk = t.field == 19 ? "ipv6_src" : t.field == 20 ? "ipv6_dst" : "nd_target";
      const std::size_t wd = t.field == 23 ? 4 : 2;  // nd_target: '!4I', addresses: '!8H'
      f[fk] = words(t.value, wd);
      if (m) w[std::string(fk) + "_mask"] = words(t.mask, wd);
      return true;
    }
    case 21:
      if (!plain(1)) return false;
      f["tp_src"] = v, w["tp_src_mask"] = 0xffff;
      return true;
    case 22:
      if (!plain(1)) return false;
      f["tp_dst"] = v, w["tp_dst_mask"] = 0xffff;
      return true;
    case 26:  // ip_frag: set_nw_frag ORs the full mask in; the masked form sets it
      if (!maskable(1)) return false;
      f["nw_frag"] = v;
      w["nw_frag_mask"] = m ? mk : (w["nw_frag_mask"].get<std::uint64_t>() | 3);
      return true;
    case 27:
      if (!plain(4)) return false;
      clear(fww_ipv6_label), f["ipv6_label"] = v;
      return true;
    case 28:  // ip_ecn: the ECN bits of nw_tos
      if (!plain(1)) return false;
      clear(fww_nw_ecn), f["nw_tos"] = (f["nw_tos"].get<std::uint64_t>() & ~std::uint64_t(3)) | (v & 3);
      return true;
    case 29:
      if (!plain(1)) return false;
      clear(fww_nw_ttl), f["nw_ttl"] = v;
      return true;
    case 33:
      return uint_masked("pkt_mark", "pkt_mark_mask", 4);
    case 34:
      return uint_masked("tcp_flags", "tcp_flags_mask", 2);
    default:
      return false;
  }
}

// ---- JSON -> entries (serialize_nxm_match) -------------------------------------------------
// A non-negative integer (JSON parsers may store it signed or unsigned).
bool non_negative(const json& x) {
  return x.is_number_unsigned() || (x.is_number_integer() && x.get<std::int64_t>() >= 0);
}
struct rule_reader {  // unsigned integers of Flow/FlowWildcards (absent: the default)
  const path& p;
  status st;
  std::uint64_t u(const json& o, const char* k, const json& defs) {
    auto it = o.find(k);
    const json& x = it != o.end() ? *it : defs[k];
    if (!non_negative(x)) {
      if (st) st = type_error(p[k], "a non-negative integer", x);
      return 0;
    }
    return x.get<std::uint64_t>();
  }
};

bytes be_bytes(std::uint64_t v, std::size_t n) {
  bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[n - 1 - i] = std::byte(static_cast<unsigned char>(v >> (8 * i)));
  return b;
}
oxm_tlv entry(std::uint16_t cls, std::uint8_t field, bytes value, std::optional<bytes> mask = std::nullopt) {
  oxm_tlv t;
  t.oxm_class = cls;
  t.field = field;
  t.value = std::move(value);
  t.hasmask = mask.has_value();
  if (mask) t.mask = std::move(*mask);
  return t;
}

// A MAC-like value of Flow/FlowWildcards: 0 (none, falsy in Python) or base64 of bytes (struct
// '!6s' pads or cuts them to 6).
status mac_value(const json& x, std::optional<bytes>& out, const path& p) {
  out.reset();
  if (non_negative(x) && x.get<std::uint64_t>() == 0) return {};
  if (!x.is_string()) return type_error(p, "0 or base64 bytes", x);
  bytes b;
  if (!base64_decode(x.get_ref<const std::string&>(), b)) return type_error(p, "valid base64", x);
  out = std::move(b);
  return {};
}
bytes mac6(bytes b) {
  b.resize(6);
  return b;
}
status word_list(const json& x, std::size_t wd, std::size_t count, bytes& out, bool& present, const path& p) {
  out.clear();
  present = false;
  if (x.is_null()) return {};
  if (!x.is_array()) return type_error(p, "a list of integers", x);
  if (x.empty()) return {};
  if (x.size() != count) return json_error(p.str(), "must have " + std::to_string(count) + " elements");
  for (const auto& e : x) {
    if (!non_negative(e) || (e.get<std::uint64_t>() >> (8 * wd)) != 0) return type_error(p, "an integer in range", e);
    bytes b = be_bytes(e.get<std::uint64_t>(), wd);
    out.insert(out.end(), b.begin(), b.end());
  }
  present = true;
  return {};
}

status rule_to_entries(const json& in, std::vector<oxm_tlv>& out, const path& p) {
  out.clear();
  static const json fdef = default_flow(), wdef = default_wc();
  if (!in.is_object()) return type_error(p, "an object", in);
  const json empty = json::object();
  auto unwrap = [&](const char* key, const char* cls, const json*& res) -> status {
    res = &empty;
    auto it = in.find(key);
    if (it == in.end() || it->is_null()) return {};
    if (!it->is_object() || !it->contains(cls)) return type_error(p[key], cls, *it);
    res = &(*it)[cls];
    if (!res->is_object()) return type_error(p[key][cls], "an object", *res);
    return {};
  };
  const json *fj, *wj;
  WIREKIT_TRY(unwrap("flow", "Flow", fj));
  WIREKIT_TRY(unwrap("wc", "FlowWildcards", wj));
  const path fp = p["flow"], wp = p["wc"];
  rule_reader fr{fp, {}}, wr{wp, {}};
  auto F = [&](const char* k) { return fr.u(*fj, k, fdef); };
  auto W = [&](const char* k) { return wr.u(*wj, k, wdef); };
  auto raw = [&](const json& o, const json& defs, const char* k) -> const json& {
    return o.contains(k) ? o[k] : defs[k];
  };
  const std::uint64_t wc = W("wildcards");
  auto wild = [&](std::uint64_t bit) { return (wc & bit) != 0; };
  status st;
  auto fits = [&](std::uint64_t v, std::size_t n, const char* k) {
    if (st && n < 8 && (v >> (8 * n)) != 0) st = json_error(fp[k].str(), "does not fit " + std::to_string(n) + " bytes");
    return v;
  };
  // putm(): nothing for mask 0, the value for an all-ones mask, else value and mask. os-ken
  // writes a header without payload for mask 0 or a masked header with only the value: both
  // make a malformed match, refused here.
  auto putm = [&](std::uint8_t cls, std::uint8_t plain_f, std::uint64_t v, std::uint64_t mask, std::size_t n, bool masked_hdr,
                  const char* k) {
    const std::uint64_t all = n >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * n)) - 1;
    if (mask == 0 || (masked_hdr && mask == all)) {
      if (st) st = json_error(p.str(), std::string("os-ken would write a malformed NXM entry for ") + k);
      return;
    }
    if (mask == all)
      out.push_back(entry(cls, plain_f, be_bytes(fits(v, n, k), n)));
    else
      out.push_back(entry(cls, plain_f, be_bytes(fits(v, n, k), n), be_bytes(fits(mask, n, k), n)));
  };

  if (!wild(fww_in_port)) out.push_back(entry(0, 0, be_bytes(fits(F("in_port"), 2, "in_port"), 2)));
  for (auto [fk, wk, field] : {std::tuple{"dl_dst", "dl_dst_mask", 1}, std::tuple{"dl_src", "dl_src_mask", 2}}) {
    std::optional<bytes> v, mk;
    WIREKIT_TRY(mac_value(raw(*fj, fdef, fk), v, fp[fk]));
    WIREKIT_TRY(mac_value(raw(*wj, wdef, wk), mk, wp[wk]));
    if (v && mac6(*v) == bytes(6)) continue;  // mac.DONTCARE
    if (!v) return json_error(fp[fk].str(), "0 cannot be written as a MAC address (os-ken: struct.error)");
    if (mk && !mk->empty())
      out.push_back(entry(0, std::uint8_t(field), mac6(*v), mac6(*mk)));
    else
      out.push_back(entry(0, std::uint8_t(field), mac6(*v)));
  }
  if (!wild(fww_dl_type)) out.push_back(entry(0, 3, be_bytes(fits(F("dl_type"), 2, "dl_type"), 2)));
  if (std::uint64_t m = W("vlan_tci_mask"); m != 0) putm(0, 4, F("vlan_tci"), m, 2, m != 0xffff, "vlan_tci");
  const std::uint64_t tos = F("nw_tos"), proto = F("nw_proto");
  if (!wild(fww_nw_dscp)) out.push_back(entry(0, 5, be_bytes(tos & 0xfc, 1)));
  if (!wild(fww_nw_ecn)) out.push_back(entry(1, 28, be_bytes(tos & 3, 1)));
  if (!wild(fww_nw_ttl)) out.push_back(entry(1, 29, be_bytes(fits(F("nw_ttl"), 1, "nw_ttl"), 1)));
  if (!wild(fww_nw_proto)) out.push_back(entry(0, 6, be_bytes(fits(proto, 1, "nw_proto"), 1)));
  const std::uint64_t tp_src = F("tp_src"), tp_dst = F("tp_dst"), tp_src_m = W("tp_src_mask"), tp_dst_m = W("tp_dst_mask");
  if (!wild(fww_nw_proto) && proto == 1) {
    if (tp_src_m != 0) out.push_back(entry(0, 13, be_bytes(fits(tp_src, 1, "tp_src"), 1)));
    if (tp_dst_m != 0) out.push_back(entry(0, 14, be_bytes(fits(tp_dst, 1, "tp_dst"), 1)));
  }
  if (tp_src != 0 && (proto == 6 || proto == 17))
    putm(0, proto == 6 ? 9 : 11, tp_src, tp_src_m, 2, tp_src_m != 0xffff, "tp_src");
  if (tp_dst != 0 && (proto == 6 || proto == 17))
    putm(0, proto == 6 ? 10 : 12, tp_dst, tp_dst_m, 2, tp_dst_m != 0xffff, "tp_dst");
  if (std::uint64_t fl = F("tcp_flags"); fl != 0) {
    const std::uint64_t dl = F("dl_type"), m = W("tcp_flags_mask");
    if ((dl == 0x0800 || dl == 0x86dd) && proto == 6) putm(1, 34, fl, m, 2, m != 0xffff, "tcp_flags");
  }
  for (auto [fk, wk, field] : {std::tuple{"nw_src", "nw_src_mask", 7}, std::tuple{"nw_dst", "nw_dst_mask", 8}})
    if (std::uint64_t v = F(fk); v != 0) {
      const std::uint64_t m = W(wk);
      putm(0, std::uint8_t(field), v, m, 4, m != 0xffffffff, fk);
    }
  if (!wild(fww_nw_proto) && proto == 58) {
    if (tp_src_m != 0) out.push_back(entry(1, 21, be_bytes(fits(tp_src, 1, "tp_src"), 1)));
    if (tp_dst_m != 0) out.push_back(entry(1, 22, be_bytes(fits(tp_dst, 1, "tp_dst"), 1)));
  }
  if (!wild(fww_ipv6_label)) out.push_back(entry(1, 27, be_bytes(fits(F("ipv6_label"), 4, "ipv6_label"), 4)));
  for (auto [fk, wk, field, wd, cnt] : {std::tuple{"ipv6_src", "ipv6_src_mask", 19, 2, 8}, std::tuple{"ipv6_dst", "ipv6_dst_mask", 20, 2, 8},
                                        std::tuple{"nd_target", "nd_target_mask", 23, 4, 4}}) {
    bytes v, mk;
    bool hv, hm;
    WIREKIT_TRY(word_list(raw(*fj, fdef, fk), std::size_t(wd), std::size_t(cnt), v, hv, fp[fk]));
    WIREKIT_TRY(word_list(raw(*wj, wdef, wk), std::size_t(wd), std::size_t(cnt), mk, hm, wp[wk]));
    if (!hv) continue;
    if (hm)
      out.push_back(entry(1, std::uint8_t(field), v, mk));
    else
      out.push_back(entry(1, std::uint8_t(field), v));
  }
  for (auto [fk, wk, field] : {std::tuple{"arp_spa", "arp_spa_mask", 16}, std::tuple{"arp_tpa", "arp_tpa_mask", 17}})
    if (std::uint64_t v = F(fk); v != 0) {
      const std::uint64_t m = W(wk);
      putm(0, std::uint8_t(field), v, m, 4, m != 0xffffffff, fk);
    }
  for (auto [fk, bit, field] : {std::tuple{"arp_sha", fww_arp_sha, 17}, std::tuple{"arp_tha", fww_arp_tha, 18}}) {
    if (wild(bit)) continue;
    std::optional<bytes> v;
    WIREKIT_TRY(mac_value(raw(*fj, fdef, fk), v, fp[fk]));
    if (!v) return json_error(fp[fk].str(), "0 cannot be written as a MAC address (os-ken: struct.error)");
    out.push_back(entry(1, std::uint8_t(field), mac6(*v)));
  }
  if (std::uint64_t fr_ = F("nw_frag"); fr_ != 0) {
    const std::uint64_t m = W("nw_frag_mask");
    if (m == 3)
      out.push_back(entry(1, 26, be_bytes(fits(fr_, 1, "nw_frag"), 1)));
    else
      out.push_back(entry(1, 26, be_bytes(fits(fr_, 1, "nw_frag"), 1), be_bytes(m & 3, 1)));
  }
  if (std::uint64_t v = F("pkt_mark"); v != 0) {
    const std::uint64_t m = W("pkt_mark_mask");
    putm(1, 33, v, m, 4, m != 0xffffffff, "pkt_mark");
  }
  if (std::uint64_t m = W("tun_id_mask"); m != 0) putm(1, 16, F("tun_id"), m, 8, m != ~std::uint64_t(0), "tun_id");
  const std::uint64_t bits = W("regs_bits");
  const json& regs = raw(*fj, fdef, "regs");
  const json& regs_mask = raw(*wj, wdef, "regs_mask");
  if (bits != 0 && (!regs.is_array() || regs.size() < n_regs || !regs_mask.is_array() || regs_mask.size() < n_regs))
    return json_error(p.str(), "regs and regs_mask must have 8 elements");
  for (int i = 0; i < n_regs; ++i) {
    if (!(bits & (1u << i))) continue;
    const json& rv = regs[std::size_t(i)];
    const json& rm = regs_mask[std::size_t(i)];
    if (!non_negative(rv) || !non_negative(rm)) return type_error(fp["regs"], "integers", regs);
    const std::uint64_t v = rv.get<std::uint64_t>(), m = rm.get<std::uint64_t>();
    if (m != 0)
      putm(1, std::uint8_t(i), v, m, 4, true, "regs");
    else
      out.push_back(entry(1, std::uint8_t(i), be_bytes(fits(v, 4, "regs"), 4)));
  }
  WIREKIT_TRY(fr.st);
  WIREKIT_TRY(wr.st);
  WIREKIT_TRY(st);
  return {};
}

}  // namespace
}  // namespace wirekit::openflow

namespace wirekit::json_glue {
template <>
struct json_traits<openflow::of10::nx_rule> {
  // Lossless: the Flow/FlowWildcards model holds the longest prefix of the entries that os-ken's
  // serialize_nxm_match writes back exactly as they are (same entries, order and form); the rest
  // (a repeated field, a field without its prerequisites, an entry a ClsRule cannot hold, a
  // different order) follows as "unknown_fields", which from_json appends after the model's.
  // A prefix longer than the model's entries can never match, hence the bound.
  static void to(json& j, const openflow::of10::nx_rule& v) {
    static constexpr std::size_t max_model_entries = 64;
    auto model = [](json f, json w) {
      json in = json::object();
      in["flow"]["Flow"] = std::move(f);
      in["wc"]["FlowWildcards"] = std::move(w);
      return in;
    };
    std::size_t best = 0;
    {
      json f = openflow::default_flow(), w = openflow::default_wc();
      std::vector<openflow::oxm_tlv> back;
      for (std::size_t k = 1; k <= std::min(v.fields.size(), max_model_entries); ++k) {
        if (!openflow::apply_entry(v.fields[k - 1], f, w)) break;
        if (openflow::rule_to_entries(model(f, w), back, path{}) && back.size() == k &&
            std::equal(back.begin(), back.end(), v.fields.begin()))
          best = k;
      }
    }
    json f = openflow::default_flow(), w = openflow::default_wc();
    for (std::size_t k = 0; k < best; ++k) openflow::apply_entry(v.fields[k], f, w);
    json unknown = json::array();
    for (std::size_t k = best; k < v.fields.size(); ++k) {
      json e;
      to_json_value(e, v.fields[k]);
      unknown.push_back(std::move(e));
    }
    json in = model(std::move(f), std::move(w));
    if (!unknown.empty()) in["unknown_fields"] = std::move(unknown);
    j = json::object();
    j["ClsRule"] = std::move(in);
  }
  static status from(const json& j, openflow::of10::nx_rule& v, const path& p) {
    if (!j.is_object() || j.size() != 1 || !j.contains("ClsRule")) return type_error(p, "ClsRule", j);
    const json& in = j["ClsRule"];
    const path ip = p["ClsRule"];
    WIREKIT_TRY(openflow::rule_to_entries(in, v.fields, ip));
    if (auto it = in.find("unknown_fields"); it != in.end() && !it->is_null()) {
      std::vector<openflow::oxm_tlv> more;
      WIREKIT_TRY(from_json_value(*it, more, ip["unknown_fields"]));
      v.fields.insert(v.fields.end(), more.begin(), more.end());
    }
    return {};
  }
};
}  // namespace wirekit::json_glue

namespace wirekit::openflow::detail {
void register_of10_nx(std::vector<msg_ops>& v, std::uint8_t version) {
  using namespace of10;
  add_all<nxt_role_request, nxt_role_reply, nxt_set_flow_format, nxt_flow_mod, nxt_flow_removed, nxt_flow_mod_table_id,
          nxt_set_packet_in_format, nxt_packet_in, nxt_flow_age, nxt_set_async_config, nxt_set_controller_id,
          nx_flow_stats_request, nx_aggregate_stats_request, nx_flow_stats_reply, nx_aggregate_stats_reply>(v, version);
}
}  // namespace wirekit::openflow::detail
