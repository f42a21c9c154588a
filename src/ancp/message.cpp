// ANCP message codec (include/wirekit/ancp/ancp.hpp).
#include <fmt/format.h>

#include "wirekit/ancp/ancp.hpp"

namespace wirekit::ancp {

namespace {

constexpr const char* proto = "ancp";
constexpr std::size_t adjacency_fixed = 36;  // version .. total length of the capability TLVs
constexpr std::size_t port_fixed = 28;       // port .. block length, after the general header

std::size_t padded(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

bool all_zero(bytes_view b) {
  for (std::byte x : b)
    if (x != std::byte{0}) return false;
  return true;
}

status width_error(const char* field, std::size_t at, std::uint64_t v, int bits) {
  return make_error(proto, field, at, fmt::format("{} does not fit in {} bits", v, bits));
}

// TLVs from r until it is empty.
status read_tlvs(reader& r, std::vector<tlv>& out) {
  std::size_t n = 0;
  while (!r.empty()) {
    if (!r.has(4)) return truncated_error(proto, "tlv", r.offset(), 4, r.remaining());
    const std::size_t at = r.offset();
    const std::uint16_t type = r.u16();
    const std::uint16_t len = r.u16();
    if (!r.has(len))
      return make_error(proto, "tlv.length", at + 2,
                        fmt::format("TLV type 0x{:04x} has length {}, beyond the {} bytes left", type, len,
                                    r.remaining()));
    if (n == out.size()) out.emplace_back();
    tlv& t = out[n++];
    t.type = type;
    auto v = r.take(len);
    t.value.assign(v.begin(), v.end());
    const std::size_t want = padded(len) - len;
    const std::size_t have = std::min(want, r.remaining());
    auto p = r.take(have);
    if (have == want && all_zero(p))
      t.pad.reset();
    else
      t.pad.emplace(p.begin(), p.end());
  }
  out.resize(n);
  return {};
}

status write_tlv(writer& w, const tlv& t) {
  if (t.value.size() > 0xffff)
    return make_error(proto, "tlv.value", w.size(),
                      fmt::format("TLV type 0x{:04x} has {} bytes of value, more than its length can say", t.type,
                                  t.value.size()));
  w.u16(t.type);
  w.u16(t.value.size());
  w.put(t.value);
  if (t.pad)
    w.put(*t.pad);
  else
    w.zeros(padded(t.value.size()) - t.value.size());
  return {};
}

status write_tlvs(writer& w, std::span<const tlv> tlvs) {
  for (const tlv& t : tlvs) WIREKIT_TRY(write_tlv(w, t));
  return {};
}

std::size_t tlv_size(const tlv& t) {
  return 4 + t.value.size() + (t.pad ? t.pad->size() : padded(t.value.size()) - t.value.size());
}

template <class T>
void keep_if_differs(std::optional<T>& slot, std::uint64_t wire, std::uint64_t computed) {
  if (wire == computed)
    slot.reset();
  else
    slot = static_cast<T>(wire);
}

status decode_adjacency(reader& r, message& m) {
  adjacency_fields& a = m.adjacency;
  if (!r.has(adjacency_fixed - 2)) return truncated_error(proto, "adjacency", r.offset(), adjacency_fixed - 2, r.remaining());
  a.timer = r.u8();
  const std::uint8_t mc = r.u8();
  a.m_flag = (mc & 0x80) != 0;
  a.code = mc & 0x7f;
  r.copy(a.sender_name.b.data(), 6);
  r.copy(a.receiver_name.b.data(), 6);
  a.sender_port = r.u32();
  a.receiver_port = r.u32();
  const std::uint8_t pinfo = r.u8();
  a.partition_type = pinfo >> 4;
  a.partition_flag = pinfo & 0x0f;
  a.sender_instance = static_cast<std::uint32_t>(r.uint(3));
  a.partition_id = r.u8();
  a.receiver_instance = static_cast<std::uint32_t>(r.uint(3));
  a.reserved = r.u8();
  const std::uint8_t count = r.u8();
  const std::size_t total_at = r.offset();
  const std::uint16_t total = r.u16();
  if (!r.has(total))
    return make_error(proto, "adjacency.total_length", total_at,
                      fmt::format("{} bytes of capability TLVs, beyond the {} bytes left in the message", total,
                                  r.remaining()));
  reader caps = r.sub(total);
  WIREKIT_TRY(read_tlvs(caps, a.capabilities));
  keep_if_differs(a.num_tlvs, count, a.capabilities.size() & 0xff);
  a.total_length.reset();  // the TLVs fill it exactly
  auto rest = r.take(r.remaining());
  m.trailing.assign(rest.begin(), rest.end());
  return {};
}

status decode_general(reader& r, message& m, std::size_t encap_len) {
  general_header& h = m.header;
  if (!r.has(general_header_size - 2))
    return truncated_error(proto, "header", r.offset(), general_header_size - 2, r.remaining());
  const std::uint16_t rc = r.u16();
  h.result = rc >> 12;
  h.result_code = rc & 0x0fff;
  h.partition_id = r.u8();
  h.transaction_id = static_cast<std::uint32_t>(r.uint(3));
  const std::uint16_t sub = r.u16();
  h.i_flag = (sub & 0x8000) != 0;
  h.submessage_number = sub & 0x7fff;
  const std::uint16_t len2 = r.u16();
  keep_if_differs(h.length, len2, encap_len);

  switch (m.kind()) {
    case body_kind::port: {
      port_fields& p = m.port;
      if (!r.has(port_fixed)) return truncated_error(proto, "port", r.offset(), port_fixed, r.remaining());
      p.port = r.u32();
      p.port_session_number = r.u32();
      p.event_sequence_number = r.u32();
      if (m.message_type == msg::port_management) {
        p.label = 0;
        p.flags = r.u8();
        p.duration = r.u8();
        p.function = r.u8();
        p.x_function = r.u8();
        p.event_flags = r.u16();
        p.flow_control_flags = r.u16();
      } else {
        p.label = r.u64();
        p.flags = p.duration = p.function = p.x_function = 0;
        p.event_flags = p.flow_control_flags = 0;
      }
      p.extension_flags = r.u8();
      const std::uint8_t xtype = r.u8();
      if (xtype == m.message_type)
        p.extension_message_type.reset();
      else
        p.extension_message_type = xtype;
      p.tech_type = r.u8();
      p.extension_reserved = r.u8();
      const std::uint16_t count = r.u16();
      const std::size_t blk_at = r.offset();
      const std::uint16_t blk = r.u16();
      if (!r.has(blk))
        return make_error(proto, "block_length", blk_at,
                          fmt::format("an extension block of {} bytes, beyond the {} bytes left in the message", blk,
                                      r.remaining()));
      reader tl = r.sub(blk);
      WIREKIT_TRY(read_tlvs(tl, m.tlvs));
      keep_if_differs(p.num_tlvs, count, m.tlvs.size());
      p.block_length.reset();
      auto rest = r.take(r.remaining());
      m.trailing.assign(rest.begin(), rest.end());
      return {};
    }
    case body_kind::tlvs:
      m.trailing.clear();
      return read_tlvs(r, m.tlvs);
    default: {
      auto rest = r.take(r.remaining());
      m.body.assign(rest.begin(), rest.end());
      return {};
    }
  }
}

}  // namespace

body_kind body_of(std::uint8_t t) {
  switch (t) {
    case msg::adjacency:
      return body_kind::adjacency;
    case msg::port_management:
    case msg::port_up:
    case msg::port_down:
      return body_kind::port;
    case msg::adjacency_update:
    case msg::generic_response:
    case msg::provisioning:
      return body_kind::tlvs;
    default:
      return t >= msg::multicast_replication_control && t <= msg::committed_bandwidth_report ? body_kind::tlvs
                                                                                            : body_kind::raw;
  }
}

const tlv* message::find(std::uint16_t type) const {
  const std::vector<tlv>& list = message_type == msg::adjacency ? adjacency.capabilities : tlvs;
  for (const tlv& t : list)
    if (t.type == type) return &t;
  return nullptr;
}

result<std::size_t> frame_size(bytes_view data, std::size_t base) {
  if (data.size() < encapsulation_size) return std::size_t{0};
  const std::uint16_t id = load_be16(data.data());
  if (id != encapsulation_id)
    return make_error(proto, "identifier", base,
                      fmt::format("0x{:04x} is not the ANCP encapsulation identifier 0x880c", id));
  return encapsulation_size + load_be16(data.data() + 2);
}

status decode_into(message& m, bytes_view msg, std::size_t base) {
  reader r(msg, base);
  if (!r.has(encapsulation_size)) return truncated_error(proto, "encapsulation", base, 4, msg.size());
  const std::uint16_t id = r.u16();
  if (id != encapsulation_id)
    return make_error(proto, "identifier", base,
                      fmt::format("0x{:04x} is not the ANCP encapsulation identifier 0x880c", id));
  const std::uint16_t len = r.u16();
  if (!r.has(len))
    return make_error(proto, "length", base + 2,
                      fmt::format("the message says {} bytes follow, {} do", len, r.remaining()));
  if (r.remaining() > len)
    return make_error(proto, "length", base + 2,
                      fmt::format("{} bytes after the {}-byte message (decode_stream reads several)",
                                  r.remaining() - len, len + encapsulation_size));
  if (len < 2) return truncated_error(proto, "message_type", r.offset(), 2, len);
  m.length.reset();
  m.version = r.u8();
  m.message_type = r.u8();
  m.tlvs.clear();
  m.trailing.clear();
  m.body.clear();
  m.adjacency.capabilities.clear();
  // Parts the type does not use keep their defaults, so equal bytes give equal messages.
  if (m.message_type == msg::adjacency) {
    m.header = general_header{};
    m.port = port_fields{};
    return decode_adjacency(r, m);
  }
  m.adjacency = adjacency_fields{};
  if (m.kind() != body_kind::port) m.port = port_fields{};
  return decode_general(r, m, len);
}

sizes computed_sizes(const message& m) {
  sizes z;
  if (m.message_type == msg::adjacency) {
    z.num_tlvs = m.adjacency.capabilities.size() & 0xff;
    z.block_length = tlvs_size(m.adjacency.capabilities);
    z.length = adjacency_fixed + z.block_length + m.trailing.size();
    return z;
  }
  std::size_t len = general_header_size;
  switch (m.kind()) {
    case body_kind::port:
      z.num_tlvs = m.tlvs.size();
      z.block_length = tlvs_size(m.tlvs);
      len += port_fixed + z.block_length;
      break;
    case body_kind::tlvs:
      len += tlvs_size(m.tlvs);
      break;
    default:
      len += m.body.size();
      break;
  }
  z.length = z.message_length = len + m.trailing.size();
  return z;
}

void normalize(message& m) {
  auto drop = [](auto& slot, std::size_t computed) {
    if (slot && *slot == computed) slot.reset();
  };
  const sizes z = computed_sizes(m);
  if (m.message_type == msg::adjacency) {
    drop(m.adjacency.num_tlvs, z.num_tlvs);
    drop(m.adjacency.total_length, z.block_length);
  } else {
    if (m.kind() == body_kind::port) {
      drop(m.port.num_tlvs, z.num_tlvs);
      drop(m.port.block_length, z.block_length);
      if (m.port.extension_message_type == m.message_type) m.port.extension_message_type.reset();
    }
    drop(m.header.length, z.message_length);
  }
  drop(m.length, z.length);
}

result<message> decode(bytes_view msg, std::size_t base) {
  message m;
  WIREKIT_TRY(decode_into(m, msg, base));
  return m;
}

result<std::vector<message>> decode_stream(bytes_view data, std::size_t base) {
  std::vector<message> out;
  std::size_t at = 0;
  while (at < data.size()) {
    auto n = frame_size(data.subspan(at), base + at);
    if (!n) return n.take_error();
    if (*n == 0 || *n > data.size() - at)
      return make_error(proto, "length", base + at,
                        fmt::format("a message cut short: {} bytes left in the stream", data.size() - at));
    out.emplace_back();
    WIREKIT_TRY(decode_into(out.back(), data.subspan(at, *n), base + at));
    at += *n;
  }
  return out;
}

status encode(const message& m, bytes& out) {
  writer w(out);
  const std::size_t start = w.size();
  w.u16(encapsulation_id);
  w.u16(0);  // patched
  w.u8(m.version);
  w.u8(m.message_type);
  if (m.message_type == msg::adjacency) {
    const adjacency_fields& a = m.adjacency;
    if (a.code > 0x7f) return width_error("adjacency.code", w.size(), a.code, 7);
    if (a.partition_type > 0xf) return width_error("adjacency.partition_type", w.size(), a.partition_type, 4);
    if (a.partition_flag > 0xf) return width_error("adjacency.partition_flag", w.size(), a.partition_flag, 4);
    if (a.sender_instance > 0xffffff) return width_error("adjacency.sender_instance", w.size(), a.sender_instance, 24);
    if (a.receiver_instance > 0xffffff)
      return width_error("adjacency.receiver_instance", w.size(), a.receiver_instance, 24);
    w.u8(a.timer);
    w.u8((a.m_flag ? 0x80 : 0) | a.code);
    w.put(a.sender_name.b.data(), 6);
    w.put(a.receiver_name.b.data(), 6);
    w.u32(a.sender_port);
    w.u32(a.receiver_port);
    w.u8((a.partition_type << 4) | a.partition_flag);
    w.uint(a.sender_instance, 3);
    w.u8(a.partition_id);
    w.uint(a.receiver_instance, 3);
    w.u8(a.reserved);
    w.u8(a.num_tlvs ? *a.num_tlvs : static_cast<std::uint8_t>(a.capabilities.size()));
    if (!a.num_tlvs && a.capabilities.size() > 0xff)
      return make_error(proto, "adjacency.capabilities", w.size(),
                        fmt::format("{} capabilities, more than the 8-bit count can say", a.capabilities.size()));
    const std::size_t total_at = w.size();
    w.u16(0);
    const std::size_t caps_start = w.size();
    WIREKIT_TRY(write_tlvs(w, a.capabilities));
    const std::size_t caps = w.size() - caps_start;
    if (caps > 0xffff) return make_error(proto, "adjacency.total_length", total_at, "capabilities beyond 65535 bytes");
    w.patch_u16(total_at, a.total_length ? *a.total_length : caps);
  } else {
    const general_header& h = m.header;
    if (h.result > 0xf) return width_error("result", w.size(), h.result, 4);
    if (h.result_code > 0xfff) return width_error("result_code", w.size(), h.result_code, 12);
    if (h.transaction_id > 0xffffff) return width_error("transaction_id", w.size(), h.transaction_id, 24);
    if (h.submessage_number > 0x7fff) return width_error("submessage_number", w.size(), h.submessage_number, 15);
    w.u16((h.result << 12) | h.result_code);
    w.u8(h.partition_id);
    w.uint(h.transaction_id, 3);
    w.u16((h.i_flag ? 0x8000 : 0) | h.submessage_number);
    const std::size_t len2_at = w.size();
    w.u16(0);
    switch (m.kind()) {
      case body_kind::port: {
        const port_fields& p = m.port;
        w.u32(p.port);
        w.u32(p.port_session_number);
        w.u32(p.event_sequence_number);
        if (m.message_type == msg::port_management) {
          w.u8(p.flags);
          w.u8(p.duration);
          w.u8(p.function);
          w.u8(p.x_function);
          w.u16(p.event_flags);
          w.u16(p.flow_control_flags);
        } else {
          w.u64(p.label);
        }
        w.u8(p.extension_flags);
        w.u8(p.extension_message_type ? *p.extension_message_type : m.message_type);
        w.u8(p.tech_type);
        w.u8(p.extension_reserved);
        if (!p.num_tlvs && m.tlvs.size() > 0xffff)
          return make_error(proto, "num_tlvs", w.size(), fmt::format("{} TLVs, more than 65535", m.tlvs.size()));
        w.u16(p.num_tlvs ? *p.num_tlvs : m.tlvs.size());
        const std::size_t blk_at = w.size();
        w.u16(0);
        const std::size_t blk_start = w.size();
        WIREKIT_TRY(write_tlvs(w, m.tlvs));
        const std::size_t blk = w.size() - blk_start;
        if (blk > 0xffff) return make_error(proto, "block_length", blk_at, "TLVs beyond 65535 bytes");
        w.patch_u16(blk_at, p.block_length ? *p.block_length : blk);
        break;
      }
      case body_kind::tlvs:
        WIREKIT_TRY(write_tlvs(w, m.tlvs));
        break;
      default:
        w.put(m.body);
        break;
    }
    const std::size_t len = w.size() - start - encapsulation_size + m.trailing.size();
    if (len > 0xffff)
      return make_error(proto, "length", start + 2, fmt::format("a message of {} bytes, beyond 65535", len));
    w.patch_u16(len2_at, h.length ? *h.length : len);
  }
  w.put(m.trailing);
  const std::size_t len = w.size() - start - encapsulation_size;
  if (len > 0xffff)
    return make_error(proto, "length", start + 2, fmt::format("a message of {} bytes, beyond 65535", len));
  w.patch_u16(start + 2, m.length ? *m.length : len);
  return {};
}

result<bytes> encode(const message& m) {
  bytes out;
  WIREKIT_TRY(encode(m, out));
  return out;
}

result<std::vector<tlv>> decode_tlvs(bytes_view area, std::size_t base) {
  std::vector<tlv> out;
  reader r(area, base);
  WIREKIT_TRY(read_tlvs(r, out));
  return out;
}

status encode_tlvs(std::span<const tlv> tlvs, bytes& out) {
  writer w(out);
  return write_tlvs(w, tlvs);
}

std::size_t tlvs_size(std::span<const tlv> tlvs) {
  std::size_t n = 0;
  for (const tlv& t : tlvs) n += tlv_size(t);
  return n;
}

}  // namespace wirekit::ancp
