// The front door: header, per-version registries, decode/encode/JSON, the stream framer.
#include "registry.hpp"

#include <array>

namespace wirekit::openflow {
namespace detail {

error bad_length(const char* what, std::size_t at, std::size_t len, std::size_t min, std::size_t avail) {
  return make_error(proto_name, std::string(what) + " length", at,
                    "length " + std::to_string(len) + " outside [" + std::to_string(min) + ", " + std::to_string(avail) + "]");
}
error unknown_tlv(const char* what, std::size_t at, unsigned type) {
  return make_error(proto_name, what, at, "unknown type " + std::to_string(type));
}

std::uint8_t& decode_version() {
  thread_local std::uint8_t v = 0;
  return v;
}

namespace {
const std::vector<msg_ops>& table(std::uint8_t version) {
  static const std::array<std::vector<msg_ops>, 7> all = [] {
    std::array<std::vector<msg_ops>, 7> a;
    register_of10(a[OFP10], OFP10);
    register_of12(a[OFP12], OFP12);
    register_of12_more(a[OFP12], OFP12);
    register_of13(a[OFP13], OFP13);
    register_of13_more(a[OFP13], OFP13);
    register_of14(a[OFP14], OFP14);
    register_of14_more(a[OFP14], OFP14);
    register_of15(a[OFP15], OFP15);
    register_of15_more(a[OFP15], OFP15);
    return a;
  }();
  static const std::vector<msg_ops> none;
  return version < all.size() ? all[version] : none;
}
// The class for (type, multipart type): one whose accepts() takes the body, else the generic one.
const msg_ops* find(std::uint8_t version, std::uint8_t type, int mp, bytes_view body = {}) {
  const msg_ops* generic = nullptr;
  for (const auto& o : table(version)) {
    if (o.type != type || o.mp_type != mp) continue;
    if (!o.accepts) {
      if (!generic) generic = &o;
    } else if (o.accepts(body)) {
      return &o;
    }
  }
  return generic;
}
bool is_multipart(std::uint8_t version, std::uint8_t type) {
  if (version == OFP10) return type == 16 || type == 17;
  return type == 18 || type == 19;
}
}  // namespace
}  // namespace detail

using detail::json;

const char* message::class_name() const { return ops ? ops->name : ""; }
const std::type_info& message::body_type() const { return ops ? *ops->tinfo : typeid(void); }

result<header> peek_header(bytes_view b) {
  if (b.size() < header_size) return truncated_error(proto_name, "header", 0, header_size, b.size());
  header h;
  h.version = std::to_integer<std::uint8_t>(b[0]);
  h.type = std::to_integer<std::uint8_t>(b[1]);
  h.length = load_be16(b.data() + 2);
  h.xid = load_be32(b.data() + 4);
  return h;
}

result<message> make_erased(std::uint8_t version, const std::type_info& t, std::shared_ptr<void> body, std::uint32_t xid) {
  for (const auto& o : detail::table(version))
    if (*o.tinfo == t) {
      message m;
      m.version = version;
      m.type = o.type;
      m.xid = xid;
      m.ops = &o;
      m.body = std::move(body);
      return m;
    }
  return make_error(proto_name, "version", 0, "no such message in wire version " + std::to_string(version));
}

bool known(std::uint8_t version, std::uint8_t type, int mp_type) { return detail::find(version, type, mp_type) != nullptr; }

std::vector<std::string> class_names(std::uint8_t version) {
  std::vector<std::string> v;
  for (const auto& o : detail::table(version)) v.emplace_back(o.name);
  return v;
}

std::vector<std::string> known_classes(std::uint8_t version) {
  std::set<std::string> s;
  for (const auto& o : detail::table(version)) o.classes(s);
  return {s.begin(), s.end()};
}

result<message> decode(bytes_view b) {
  auto h = peek_header(b);
  if (!h) return h.take_error();
  if (h->length < header_size || h->length > b.size())
    return detail::bad_length("header", 2, h->length, header_size, b.size());
  reader r(b.subspan(0, h->length));
  r.skip(header_size);
  int mp = -1;
  if (detail::is_multipart(h->version, h->type)) {
    if (!r.has(2)) return truncated_error(proto_name, "multipart type", r.offset(), 2, r.remaining());
    mp = load_be16(r.data());
  }
  const detail::msg_ops* o = detail::find(h->version, h->type, mp, b.subspan(header_size, h->length - header_size));
  if (!o)
    return make_error(proto_name, "type", 1,
                      "unsupported message: version " + std::to_string(h->version) + " type " + std::to_string(h->type) +
                          (mp >= 0 ? " multipart " + std::to_string(mp) : std::string()));
  message m;
  m.version = h->version;
  m.type = h->type;
  m.xid = h->xid;
  m.ops = o;
  m.body = o->make();
  struct version_guard {
    std::uint8_t saved;
    explicit version_guard(std::uint8_t v) : saved(detail::decode_version()) { detail::decode_version() = v; }
    ~version_guard() { detail::decode_version() = saved; }
  } vg(h->version);
  WIREKIT_TRY(o->decode(r, m.body.get()));
  return m;
}

status encode(const message& m, bytes& out) {
  if (!m.ops || !m.body) return make_error(proto_name, "body", 0, "message has no body");
  if (m.truncated)
    return make_error(proto_name, "body", 0, "a truncated message (OFPTruncatedMessage) cannot be encoded: its cut parts are unknown");
  const std::size_t start = out.size();
  writer w(out);
  w.u8(m.version);
  w.u8(m.ops->type);
  w.u16(0);
  w.u32(m.xid);
  WIREKIT_TRY(m.ops->encode(w, m.body.get()));
  std::size_t n = out.size() - start;
  if (n > 0xffff) return make_error(proto_name, "length", start + 2, "message longer than 65535 bytes");
  w.patch_u16(start + 2, n);
  return {};
}

result<bytes> encode(const message& m) {
  bytes out;
  WIREKIT_TRY(encode(m, out));
  return out;
}

json to_json(const message& m) {
  json j;
  if (!m.ops) return j;
  detail::version_scope vs(m.version);
  m.ops->to_json(j, m.body.get());
  if (m.truncated) return json{{"OFPTruncatedMessage", std::move(j)}};
  return j;
}

result<message> from_json(const json& j, std::uint8_t version, std::uint32_t xid) {
  if (!j.is_object() || j.size() != 1) return json_error("$", "expected {\"OFPClassName\": {...}}");
  const std::string& key = j.begin().key();
  if (key == "OFPTruncatedMessage")
    return json_error("$.OFPTruncatedMessage", "what decoding a cut message reports cannot be encoded: its cut parts are unknown");
  const detail::msg_ops* o = nullptr;
  // Several classes may share a name (OF1.2's OFPStatsReply): the body's "type" picks one.
  int mp = -1;
  if (const auto& in = j.begin().value(); in.is_object() && in.contains("type") && in["type"].is_number_unsigned())
    mp = in["type"].get<int>();
  for (const auto& x : detail::table(version))
    if (key == x.name && (!o || (x.mp_type >= 0 && x.mp_type == mp))) o = &x;
  if (!o) return json_error("$", "unknown OpenFlow class '" + key + "' for wire version " + std::to_string(version));
  detail::version_scope vs(version);
  message m;
  m.version = version;
  m.type = o->type;
  m.xid = xid;
  m.ops = o;
  m.body = o->make();
  json_glue::path root;
  WIREKIT_TRY(o->from_json(j, m.body.get(), root));
  return m;
}

status framer::feed(bytes_view chunk) {
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  if (buffered() + chunk.size() > max_)
    return make_error(proto_name, "stream", 0, "more than " + std::to_string(max_) + " bytes buffered");
  buf_.insert(buf_.end(), chunk.begin(), chunk.end());
  return {};
}

result<std::optional<bytes>> framer::next() {
  if (buffered() < header_size) return std::optional<bytes>{};
  std::size_t len = load_be16(buf_.data() + pos_ + 2);
  if (len < header_size) return detail::bad_length("header", 2, len, header_size, 0xffff);
  if (buffered() < len) return std::optional<bytes>{};
  bytes msg(buf_.begin() + static_cast<std::ptrdiff_t>(pos_), buf_.begin() + static_cast<std::ptrdiff_t>(pos_ + len));
  pos_ += len;
  return std::optional<bytes>{std::move(msg)};
}

}  // namespace wirekit::openflow
