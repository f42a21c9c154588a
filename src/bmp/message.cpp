// BMP v3 messages: decode, encode, stream parser (RFC 7854, 8671, 9069; docs/bmp.md).
#include <fmt/format.h>

#include "wirekit/bmp/bmp.hpp"

namespace wirekit::bmp {

namespace {

constexpr const char* proto = "bmp";

error err(std::string field, std::size_t off, std::string reason) {
  return make_error(proto, std::move(field), off, std::move(reason));
}
error trunc(std::string field, const reader& r, std::size_t need) {
  return truncated_error(proto, std::move(field), r.offset(), need, r.remaining());
}

// ---- decode --------------------------------------------------------------------------------

status decode_peer_header(reader& r, peer_header& h) {
  if (!r.has(peer_header_size)) return trunc("peer_header", r, peer_header_size);
  h.peer_type = r.u8();
  h.flags = r.u8();
  h.peer_distinguisher = r.u64();
  if (h.flags & peer_flag::v) {
    ipv6_addr a;
    r.copy(a.b.data(), 16);
    h.peer_address.v = a;
    h.v4_pad = {};
  } else {
    r.copy(h.v4_pad.data(), 12);
    ipv4_addr a;
    r.copy(a.b.data(), 4);
    h.peer_address.v = a;
  }
  h.peer_as = r.u32();
  r.copy(h.peer_bgp_id.b.data(), 4);
  h.timestamp_sec = r.u32();
  h.timestamp_usec = r.u32();
  return {};
}

// One BGP PDU from r (its length field says how long), decoded with ctx; advances r.
status decode_pdu(reader& r, const std::string& field, const bgp::context& ctx, const options& o, bgp::message& out) {
  if (!r.has(bgp::header_size)) return trunc(field, r, bgp::header_size);
  const std::size_t len = load_be16(r.data() + 16);
  if (len < bgp::header_size)
    return err(field + ".len", r.offset() + 16, fmt::format("BGP length {} is below 19", len));
  if (!r.has(len)) return trunc(field, r, len);
  const std::size_t at = r.offset();
  bgp::decode_options bo;
  bo.revised_error_handling = o.revised_error_handling;
  bgp::decode_report rep;
  auto m = bgp::decode_message(r.take(len), ctx, bo, rep, at);
  if (!m) {
    error e = m.take_error();
    return err(field + "." + e.field, e.offset, "BGP PDU: " + e.reason);
  }
  out = std::move(*m);
  return {};
}

status decode_tlvs(reader& r, const char* field, std::vector<tlv>& out) {
  out.clear();
  while (!r.empty()) {
    if (!r.has(4)) return trunc(fmt::format("{}[{}]", field, out.size()), r, 4);
    tlv t;
    t.type = r.u16();
    t.len = r.u16();
    if (!r.has(t.len)) return trunc(fmt::format("{}[{}].value", field, out.size()), r, t.len);
    bytes_view v = r.take(t.len);
    t.value.assign(v.begin(), v.end());
    out.push_back(std::move(t));
  }
  return {};
}

status expect_end(const reader& r, const char* what) {
  if (!r.empty())
    return err(what, r.offset(), fmt::format("{} bytes after the {}", r.remaining(), what));
  return {};
}

status decode_body(std::uint8_t type, reader& r, const options& o, const peer_contexts* known, message& out) {
  switch (type) {
    case msg_type::route_monitoring: {
      route_monitoring m;
      WIREKIT_TRY(decode_peer_header(r, m.peer));
      WIREKIT_TRY(decode_pdu(r, "bgp_update", bgp_context(m.peer, o, known), o, m.bgp_update));
      WIREKIT_TRY(expect_end(r, "bgp_update"));
      out = std::move(m);
      return {};
    }
    case msg_type::statistics_report: {
      statistics_report m;
      WIREKIT_TRY(decode_peer_header(r, m.peer));
      if (!r.has(4)) return trunc("stats_count", r, 4);
      r.skip(4);  // the count: os-ken reads stats up to the end, and so does wirekit
      while (!r.empty()) {
        if (!r.has(4)) return trunc(fmt::format("stats[{}]", m.stats.size()), r, 4);
        stat_tlv t;
        t.type = r.u16();
        t.len = r.u16();
        if (!r.has(t.len)) return trunc(fmt::format("stats[{}].value", m.stats.size()), r, t.len);
        bytes_view v = r.take(t.len);
        t.value.assign(v.begin(), v.end());
        m.stats.push_back(std::move(t));
      }
      out = std::move(m);
      return {};
    }
    case msg_type::peer_down: {
      peer_down m;
      WIREKIT_TRY(decode_peer_header(r, m.peer));
      if (!r.has(1)) return trunc("reason", r, 1);
      m.reason = r.u8();
      switch (m.reason) {
        case peer_down_reason::local_notification:
        case peer_down_reason::remote_notification:
          m.notification.emplace();
          WIREKIT_TRY(decode_pdu(r, "data", bgp_context(m.peer, o, known), o, *m.notification));
          WIREKIT_TRY(expect_end(r, "data"));
          break;
        case peer_down_reason::local_no_notification:
          if (r.remaining() != 2)
            return err("data", r.offset(), fmt::format("reason 2 needs a 2-byte FSM event code, have {} bytes", r.remaining()));
          m.fsm_event = r.u16();
          break;
        case peer_down_reason::remote_no_notification:
          WIREKIT_TRY(expect_end(r, "reason"));
          break;
        case peer_down_reason::local_closed:
          WIREKIT_TRY(decode_tlvs(r, "data", m.info));
          break;
        default: {
          bytes_view v = r.take(r.remaining());
          m.data.assign(v.begin(), v.end());
        }
      }
      out = std::move(m);
      return {};
    }
    case msg_type::peer_up: {
      peer_up m;
      WIREKIT_TRY(decode_peer_header(r, m.peer));
      if (!r.has(20)) return trunc("local_address", r, 20);
      if (m.peer.peer_address.to_string().find('.') != std::string::npos) {  // os-ken's rule
        r.copy(m.v4_pad.data(), 12);
        ipv4_addr a;
        r.copy(a.b.data(), 4);
        m.local_address.v = a;
      } else {
        ipv6_addr a;
        r.copy(a.b.data(), 16);
        m.local_address.v = a;
      }
      m.local_port = r.u16();
      m.remote_port = r.u16();
      const bgp::context ctx = bgp_context(m.peer, o, known);
      WIREKIT_TRY(decode_pdu(r, "sent_open_message", ctx, o, m.sent_open_message));
      WIREKIT_TRY(decode_pdu(r, "received_open_message", ctx, o, m.received_open_message));
      WIREKIT_TRY(decode_tlvs(r, "info", m.info));
      out = std::move(m);
      return {};
    }
    case msg_type::initiation: {
      initiation m;
      WIREKIT_TRY(decode_tlvs(r, "info", m.info));
      out = std::move(m);
      return {};
    }
    case msg_type::termination: {
      termination m;
      WIREKIT_TRY(decode_tlvs(r, "info", m.info));
      out = std::move(m);
      return {};
    }
    case msg_type::route_mirroring: {
      route_mirroring m;
      WIREKIT_TRY(decode_peer_header(r, m.peer));
      const bgp::context ctx = bgp_context(m.peer, o, known);
      while (!r.empty()) {
        const std::string field = fmt::format("tlvs[{}]", m.tlvs.size());
        if (!r.has(4)) return trunc(field, r, 4);
        mirror_tlv t;
        t.type = r.u16();
        t.len = r.u16();
        if (!r.has(t.len)) return trunc(field + ".value", r, t.len);
        reader v = r.sub(t.len);
        if (t.type == mirror_type::bgp_message) {
          // An errored PDU (information code 0) need not decode: then it is kept raw.
          bgp::message pdu;
          reader v2 = v;
          if (decode_pdu(v2, field + ".value", ctx, o, pdu).ok() && v2.empty()) {
            t.message = std::move(pdu);
            m.tlvs.push_back(std::move(t));
            continue;
          }
        }
        bytes_view b = v.rest();
        t.value.assign(b.begin(), b.end());
        m.tlvs.push_back(std::move(t));
      }
      out = std::move(m);
      return {};
    }
    default: {
      unknown_msg m;
      m.type = type;
      bytes_view v = r.take(r.remaining());
      m.data.assign(v.begin(), v.end());
      out = std::move(m);
      return {};
    }
  }
}

// ---- encode --------------------------------------------------------------------------------

status encode_peer_header(writer& w, const peer_header& h) {
  if (h.peer_address.is_v6() != bool(h.flags & peer_flag::v))
    return err("peer_address", 0,
               fmt::format("{} is IPv{} but flag 0x80 (V) is {}", h.peer_address.to_string(),
                           h.peer_address.is_v6() ? 6 : 4, h.flags & peer_flag::v ? "set" : "clear"));
  w.u8(h.peer_type);
  w.u8(h.flags);
  w.u64(h.peer_distinguisher);
  if (auto* a6 = std::get_if<ipv6_addr>(&h.peer_address.v)) {
    w.put(a6->b.data(), 16);
  } else {
    w.put(h.v4_pad.data(), 12);
    w.put(std::get<ipv4_addr>(h.peer_address.v).b.data(), 4);
  }
  w.u32(h.peer_as);
  w.put(h.peer_bgp_id.b.data(), 4);
  w.u32(h.timestamp_sec);
  w.u32(h.timestamp_usec);
  return {};
}

status put_tlv(writer& w, std::uint16_t type, bytes_view value, const char* field) {
  if (value.size() > 0xffff) return err(field, 0, fmt::format("TLV value of {} bytes exceeds 65535", value.size()));
  w.u16(type);
  w.u16(value.size());
  w.put(value);
  return {};
}

status put_tlvs(writer& w, const std::vector<tlv>& v, const char* field) {
  for (const auto& t : v) WIREKIT_TRY(put_tlv(w, t.type, t.value, field));
  return {};
}

status put_pdu(writer& w, const bgp::message& m, const peer_header& h, const options& o, const char* field) {
  bgp::context ctx = bgp_context(h, o);
  status st = bgp::encode_message(m, w.buffer(), ctx);
  if (!st) {
    error e = st.take_error();
    return err(std::string(field) + "." + e.field, 0, "BGP PDU: " + e.reason);
  }
  return {};
}

struct body_encoder {
  writer& w;
  const options& o;

  status operator()(const route_monitoring& m) {
    WIREKIT_TRY(encode_peer_header(w, m.peer));
    return put_pdu(w, m.bgp_update, m.peer, o, "bgp_update");
  }
  status operator()(const statistics_report& m) {
    WIREKIT_TRY(encode_peer_header(w, m.peer));
    w.u32(m.stats.size());
    for (const auto& s : m.stats) WIREKIT_TRY(put_tlv(w, s.type, s.value, "stats"));
    return {};
  }
  status operator()(const peer_down& m) {
    WIREKIT_TRY(encode_peer_header(w, m.peer));
    w.u8(m.reason);
    switch (m.reason) {
      case peer_down_reason::local_notification:
      case peer_down_reason::remote_notification:
        if (!m.notification) return err("data", 0, fmt::format("reason {} needs a BGP NOTIFICATION", m.reason));
        return put_pdu(w, *m.notification, m.peer, o, "data");
      case peer_down_reason::local_no_notification: w.u16(m.fsm_event); return {};
      case peer_down_reason::remote_no_notification: return {};
      case peer_down_reason::local_closed: return put_tlvs(w, m.info, "data");
      default: w.put(m.data); return {};
    }
  }
  status operator()(const peer_up& m) {
    WIREKIT_TRY(encode_peer_header(w, m.peer));
    if (auto* a6 = std::get_if<ipv6_addr>(&m.local_address.v)) {
      w.put(a6->b.data(), 16);
    } else {
      w.put(m.v4_pad.data(), 12);
      w.put(std::get<ipv4_addr>(m.local_address.v).b.data(), 4);
    }
    w.u16(m.local_port);
    w.u16(m.remote_port);
    WIREKIT_TRY(put_pdu(w, m.sent_open_message, m.peer, o, "sent_open_message"));
    WIREKIT_TRY(put_pdu(w, m.received_open_message, m.peer, o, "received_open_message"));
    return put_tlvs(w, m.info, "info");
  }
  status operator()(const initiation& m) { return put_tlvs(w, m.info, "info"); }
  status operator()(const termination& m) { return put_tlvs(w, m.info, "info"); }
  status operator()(const route_mirroring& m) {
    WIREKIT_TRY(encode_peer_header(w, m.peer));
    for (const auto& t : m.tlvs) {
      if (t.message) {
        const std::size_t at = w.size();
        w.u16(t.type);
        w.u16(0);
        WIREKIT_TRY(put_pdu(w, *t.message, m.peer, o, "tlvs"));
        const std::size_t n = w.size() - at - 4;
        if (n > 0xffff) return err("tlvs", 0, "BGP message TLV exceeds 65535 bytes");
        w.patch_u16(at + 2, n);
      } else {
        WIREKIT_TRY(put_tlv(w, t.type, t.value, "tlvs"));
      }
    }
    return {};
  }
  status operator()(const unknown_msg& m) {
    w.put(m.data);
    return {};
  }
};

}  // namespace

// ---- small accessors -------------------------------------------------------------------------

std::optional<std::uint32_t> stat_tlv::counter() const {
  const bool is_counter = type <= stat_type::as_confed_loop ||
                          (type >= stat_type::updates_treated_as_withdraw && type <= stat_type::duplicate_updates);
  if (!is_counter || value.size() != 4) return std::nullopt;
  return load_be32(value.data());
}

std::optional<std::uint64_t> stat_tlv::gauge() const {
  switch (type) {
    case stat_type::adj_rib_in:
    case stat_type::loc_rib:
    case stat_type::adj_rib_out_pre:
    case stat_type::adj_rib_out_post:
      if (value.size() == 8) return load_be64(value.data());
      return std::nullopt;
    case stat_type::per_afi_safi_adj_rib_in:
    case stat_type::per_afi_safi_loc_rib:
    case stat_type::per_afi_safi_adj_rib_out_pre:
    case stat_type::per_afi_safi_adj_rib_out_post:
      if (value.size() == 11) return load_be64(value.data() + 3);
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<bgp::family> stat_tlv::family() const {
  if (value.size() != 11 || !gauge()) return std::nullopt;
  return bgp::family{load_be16(value.data()), std::to_integer<std::uint8_t>(value[2])};
}

stat_tlv stat_tlv::make_counter(std::uint16_t type, std::uint32_t v) {
  stat_tlv s;
  s.type = type;
  s.len = 4;
  s.value.resize(4);
  store_be32(s.value.data(), v);
  return s;
}

stat_tlv stat_tlv::make_gauge(std::uint16_t type, std::uint64_t v) {
  stat_tlv s;
  s.type = type;
  s.len = 8;
  s.value.resize(8);
  store_be(s.value.data(), v, 8);
  return s;
}

stat_tlv stat_tlv::make_afi_safi_gauge(std::uint16_t type, bgp::family f, std::uint64_t v) {
  stat_tlv s;
  s.type = type;
  s.len = 11;
  s.value.resize(11);
  store_be16(s.value.data(), f.afi);
  s.value[2] = std::byte{f.safi};
  store_be(s.value.data() + 3, v, 8);
  return s;
}

std::optional<std::uint16_t> mirror_tlv::code() const {
  if (type != mirror_type::information || message || value.size() != 2) return std::nullopt;
  return load_be16(value.data());
}

std::optional<bgp::context> peer_up::negotiated() const {
  auto* s = std::get_if<bgp::open_msg>(&sent_open_message);
  auto* r = std::get_if<bgp::open_msg>(&received_open_message);
  if (!s || !r) return std::nullopt;
  return bgp::negotiate(*s, *r);
}

const char* class_name(const message& m) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::name; }, m);
}

std::uint8_t type_of(const message& m) {
  switch (m.index()) {
    case 0: return msg_type::route_monitoring;
    case 1: return msg_type::statistics_report;
    case 2: return msg_type::peer_down;
    case 3: return msg_type::peer_up;
    case 4: return msg_type::initiation;
    case 5: return msg_type::termination;
    case 6: return msg_type::route_mirroring;
    default: return std::get<unknown_msg>(m).type;
  }
}

const peer_header* peer_of(const message& m) {
  return std::visit([](const auto& x) -> const peer_header* {
    if constexpr (requires { x.peer; }) return &x.peer;
    else return nullptr;
  }, m);
}

bgp::context bgp_context(const peer_header& h, const options& o, const peer_contexts* known) {
  bgp::context c;
  c.extended_message = true;
  c.add_path = o.add_path;
  const bgp::context* k = known ? known->find(h) : nullptr;
  if (h.two_byte_as())
    c.as = bgp::context::as_width::two;
  else if (o.rfc_as_width)
    c.as = bgp::context::as_width::four;
  else
    c.as = k ? k->as : bgp::context::as_width::guess;
  if (k)
    for (const auto& f : k->add_path)
      if (!c.has_add_path(f)) c.add_path.push_back(f);
  return c;
}

// ---- peer contexts ---------------------------------------------------------------------------

peer_contexts::entry* peer_contexts::lookup(const peer_header& h) {
  for (auto& e : peers_)
    if (e.peer_type == h.peer_type && e.distinguisher == h.peer_distinguisher && e.address == h.peer_address)
      return &e;
  return nullptr;
}

const bgp::context* peer_contexts::find(const peer_header& h) const {
  auto* e = const_cast<peer_contexts*>(this)->lookup(h);
  if (!e) return nullptr;
  return h.is_adj_rib_out() ? &e->out : &e->in;
}

void peer_contexts::learn(const message& m) {
  if (auto* up = std::get_if<peer_up>(&m)) {
    auto* s = std::get_if<bgp::open_msg>(&up->sent_open_message);
    auto* r = std::get_if<bgp::open_msg>(&up->received_open_message);
    if (!s || !r) return;
    entry* e = lookup(up->peer);
    if (!e) {
      // Bounded by the peers a router monitors; a hostile stream announcing endless peers
      // without peer down messages is capped (the oldest is forgotten).
      if (peers_.size() >= 65536) peers_.erase(peers_.begin());
      e = &peers_.emplace_back(entry{up->peer.peer_type, up->peer.peer_distinguisher, up->peer.peer_address, {}, {}});
    }
    e->in = bgp::negotiate(*s, *r);
    e->out = bgp::negotiate(*r, *s);
  } else if (auto* down = std::get_if<peer_down>(&m)) {
    if (entry* e = lookup(down->peer)) peers_.erase(peers_.begin() + (e - peers_.data()));
  } else if (std::holds_alternative<termination>(m)) {
    peers_.clear();
  }
}

// ---- decode / encode -------------------------------------------------------------------------

result<message> decode(bytes_view in, const options& o, std::size_t base) { return decode(in, o, base, nullptr); }

result<message> decode(bytes_view in, const options& o, std::size_t base, const peer_contexts* known) {
  reader r(in, base);
  if (!r.has(common_header_size)) return trunc("header", r, common_header_size);
  const std::uint8_t ver = r.u8();
  if (ver != version) return err("version", base, fmt::format("version {} is not 3", ver));
  const std::uint32_t len = r.u32();
  if (len < common_header_size)
    return err("len", base + 1, fmt::format("length {} is below the common header (6)", len));
  if (len != in.size())
    return len > in.size() ? truncated_error(proto, "len", base + 1, len, in.size())
                           : err("len", base + 1, fmt::format("length {} but the message has {} bytes", len, in.size()));
  const std::uint8_t type = r.u8();
  message m;
  WIREKIT_TRY(decode_body(type, r, o, known, m));
  std::visit([&](auto& x) { x.len = len; }, m);
  return m;
}

status encode(const message& m, bytes& out, const options& o) {
  const std::size_t start = out.size();
  writer w(out);
  w.u8(version);
  w.u32(0);
  w.u8(type_of(m));
  status st = std::visit(body_encoder{w, o}, m);
  if (!st) {
    out.resize(start);
    return st;
  }
  const std::size_t n = out.size() - start;
  if (n > 0xffffffffu) {
    out.resize(start);
    return err("len", 0, "message exceeds 2^32-1 bytes");
  }
  w.patch_u32(start + 1, n);
  return {};
}

result<bytes> encode(const message& m, const options& o) {
  bytes b;
  WIREKIT_TRY(encode(m, b, o));
  return b;
}

// ---- stream parser ---------------------------------------------------------------------------

stream_parser::stream_parser(const options& o, std::size_t max_message, std::size_t max_buffered)
    : opt_(o), max_message_(max_message < common_header_size ? common_header_size : max_message),
      max_buffered_(max_buffered < max_message_ ? max_message_ : max_buffered) {}

status stream_parser::feed(bytes_view data) {
  if (framing_) return *framing_;
  if (pos_ > 0 && (pos_ >= buf_.size() / 2 || buf_.size() + data.size() > max_buffered_)) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    consumed_ += pos_;
    pos_ = 0;
  }
  if (buf_.size() + data.size() > max_buffered_)
    return make_error(proto, "stream", consumed_ + buf_.size(),
                      fmt::format("more than {} bytes pending", max_buffered_));
  buf_.insert(buf_.end(), data.begin(), data.end());
  return {};
}

result<std::optional<bytes_view>> stream_parser::next_bytes() {
  if (framing_) return *framing_;
  const std::size_t have = buf_.size() - pos_;
  if (have < common_header_size) return std::optional<bytes_view>{};
  const std::byte* p = buf_.data() + pos_;
  const std::size_t at = consumed_ + pos_;
  const std::uint8_t ver = std::to_integer<std::uint8_t>(p[0]);
  const std::uint32_t len = load_be32(p + 1);
  if (ver != version) {
    framing_ = err("version", at, fmt::format("version {} is not 3 (stream out of sync?)", ver));
  } else if (len < common_header_size) {
    framing_ = err("len", at + 1, fmt::format("length {} is below the common header (6)", len));
  } else if (len > max_message_) {
    framing_ = err("len", at + 1, fmt::format("length {} exceeds the limit ({})", len, max_message_));
  }
  if (framing_) return *framing_;
  if (have < len) return std::optional<bytes_view>{};
  bytes_view v(p, len);
  pos_ += len;
  return std::optional<bytes_view>{v};
}

result<std::optional<message>> stream_parser::next() {
  const std::size_t at = consumed_ + pos_;
  auto b = next_bytes();
  if (!b) return b.take_error();
  if (!*b) return std::optional<message>{};
  auto m = decode(**b, opt_, at, &peers_);
  if (!m) return m.take_error();
  peers_.learn(*m);
  return std::optional<message>{std::move(*m)};
}

}  // namespace wirekit::bmp
