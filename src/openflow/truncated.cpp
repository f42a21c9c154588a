// os-ken's OFPTruncatedMessage: what its OF1.3 parser reads of a FLOW_MOD cut short
// (ofproto_v1_3_parser OFPFlowMod/OFPMatch/OFPInstructionActions parsers). The complete parts
// are copied into a well-formed message whose lengths cover only them, decoded by the normal
// decoder, and the lengths as read are put back.
#include <algorithm>
#include <optional>

#include "registry.hpp"
#include "wirekit/openflow/of13.hpp"

namespace wirekit::openflow {

namespace {
constexpr std::size_t flow_mod_fixed = 48;  // header + fixed fields: the match starts here
constexpr std::uint8_t flow_mod_type = 14;

void append(bytes& out, bytes_view b, std::size_t from, std::size_t to) {
  out.insert(out.end(), b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(to));
}
void put16(bytes& out, std::size_t at, std::size_t v) {
  out[at] = std::byte(v >> 8 & 0xff);
  out[at + 1] = std::byte(v & 0xff);
}
}  // namespace

result<message> decode_truncated(bytes_view b) {
  auto h = peek_header(b);
  if (!h) return h.take_error();
  if (h->length <= b.size() || h->version != OFP13 || h->type != flow_mod_type || b.size() < flow_mod_fixed + 4)
    return decode(b);
  const std::size_t n = b.size();
  const std::size_t match_len = load_be16(b.data() + flow_mod_fixed + 2);
  const std::size_t match_end = flow_mod_fixed + match_len;

  bytes syn;
  syn.reserve(n + 8);
  append(syn, b, 0, flow_mod_fixed + 4);
  // The OXM fields that are whole (os-ken stops at the first one it cannot unpack).
  std::size_t pos = flow_mod_fixed + 4;
  bool cut = false;
  while (pos < match_end) {
    if (pos + 4 > n || pos + 4 + std::to_integer<std::size_t>(b[pos + 3]) > n) {
      cut = true;
      break;
    }
    pos += 4 + std::to_integer<std::size_t>(b[pos + 3]);
  }
  append(syn, b, flow_mod_fixed + 4, pos);
  if (cut || match_len < 4) put16(syn, flow_mod_fixed + 2, pos - flow_mod_fixed);
  while (syn.size() % 8) syn.push_back(std::byte{0});

  // Instructions after the padded match: the whole ones, then a cut write/apply/clear-actions
  // instruction with the actions that are whole (os-ken keeps it); any other cut one is dropped.
  // A set-field action counts as whole once its OXM is (os-ken does not read its padding).
  std::optional<std::size_t> cut_inst_at;  // offset of the cut instruction in syn
  std::size_t cut_inst_len = 0;
  for (pos = flow_mod_fixed + ((match_len + 7) / 8) * 8; !cut && pos < h->length;) {
    if (pos + 4 > n) {
      cut = true;
      break;
    }
    const std::size_t type = load_be16(b.data() + pos), len = load_be16(b.data() + pos + 2);
    if (len < 4) return decode(b);  // malformed, not cut: os-ken reads no message either
    if (pos + len <= n) {
      append(syn, b, pos, pos + len);
      pos += len;
      continue;
    }
    cut = true;
    if (type < 3 || type > 5 || pos + 8 > n) break;
    cut_inst_at = syn.size();
    cut_inst_len = len;
    append(syn, b, pos, pos + 8);
    for (std::size_t a = pos + 8; a < pos + len && a + 4 <= n;) {
      const std::size_t atype = load_be16(b.data() + a), alen = load_be16(b.data() + a + 2);
      if (alen < 4) return decode(b);
      const bool set_field_whole = atype == 25 && alen >= 8 && a + 8 <= n && a + 8 + std::to_integer<std::size_t>(b[a + 7]) <= n;
      if (a + alen > n && !set_field_whole) break;
      append(syn, b, a, std::min(a + alen, n));
      syn.resize(syn.size() + (a + alen - std::min(a + alen, n)));  // a set-field's unread padding
      a += alen;
    }
    put16(syn, *cut_inst_at + 2, syn.size() - *cut_inst_at);
  }
  if (!cut) return decode(b);  // only padding is missing: os-ken reports no partial message
  put16(syn, 2, syn.size());
  if (syn.size() > 0xffff) return decode(b);
  auto m = decode(syn);
  if (!m) {
    error e = m.take_error();
    e.reason += " (in what could be read of a message cut at byte " + std::to_string(n) + ")";
    return e;
  }
  auto* fm = m->get<of13::flow_mod>();
  if (!fm) return decode(b);
  fm->match.length = static_cast<std::uint16_t>(match_len);
  if (cut_inst_at && !fm->instructions.empty())
    if (auto* ia = std::get_if<instruction_actions>(&fm->instructions.back())) ia->len = static_cast<std::uint16_t>(cut_inst_len);
  m->truncated = true;
  return m;
}

}  // namespace wirekit::openflow
