// OpenFlow: the version-independent front door.
//
//   auto m = openflow::decode(bytes);          // header read, the body of the right version
//   if (auto* fm = m->get<openflow::of13::flow_mod>()) ...
//   auto out = openflow::encode(*m);           // lengths recomputed
//   openflow::to_json(*m) / openflow::from_json(j, version, xid)   (os-ken's to_jsondict form)
//   openflow::framer f; f.feed(chunk); while (auto msg = f.next()) ...   (TCP stream)
//
// Each version has a registry (src/openflow/registry.cpp) keyed by (type, multipart type) that
// holds the os-ken class name and the decode/encode/JSON operations of each message struct.
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit {
class packet;
}

namespace wirekit::openflow {

inline constexpr std::size_t header_size = 8;
inline constexpr std::uint8_t OFP10 = 1, OFP12 = 3, OFP13 = 4, OFP14 = 5, OFP15 = 6;

struct header {
  std::uint8_t version = 0, type = 0;
  std::uint16_t length = 0;
  std::uint32_t xid = 0;
};
// The 8-byte header at the start of b (no checks beyond its size).
result<header> peek_header(bytes_view b);

namespace detail {
struct msg_ops;  // the registry entry of one message class (src/openflow)
}

// One decoded OpenFlow message: header fields and the typed body of its class.
struct message {
  std::uint8_t version = OFP13;
  std::uint8_t type = 0;
  std::uint32_t xid = 0;
  const detail::msg_ops* ops = nullptr;  // which class `body` holds
  std::shared_ptr<void> body;
  // Set by decode_truncated: the body is what could be read of a message cut short. JSON wraps
  // it as os-ken's {"OFPTruncatedMessage": {...}}; encode refuses it (its cut parts are unknown).
  bool truncated = false;

  const char* class_name() const;      // os-ken's class name, e.g. "OFPFlowMod"
  const std::type_info& body_type() const;
  template <class T>
  T* get() {
    return ops && body_type() == typeid(T) ? static_cast<T*>(body.get()) : nullptr;
  }
  template <class T>
  const T* get() const {
    return ops && body_type() == typeid(T) ? static_cast<const T*>(body.get()) : nullptr;
  }
};

// Builds a message of the given version from a body struct (e.g. of13::flow_mod); error if that
// version has no such message.
template <class T>
result<message> make(std::uint8_t version, T body, std::uint32_t xid = 0);
result<message> make_erased(std::uint8_t version, const std::type_info& t, std::shared_ptr<void> body, std::uint32_t xid);
template <class T>
result<message> make(std::uint8_t version, T body, std::uint32_t xid) {
  return make_erased(version, typeid(T), std::make_shared<T>(std::move(body)), xid);
}

// Decodes exactly one message (the header's length must equal b.size(), or be shorter: then only
// `length` bytes are read).
result<message> decode(bytes_view b);
// A message cut short (b holds fewer bytes than its header's length), read as far as os-ken's
// OF1.3 parser reads one before it raises OFPTruncatedMessage: a 1.3 FLOW_MOD with the OXM
// fields, instructions and actions that are complete; the match length and the cut
// instruction's len stay as on the wire. The result has `truncated` set. Only OF1.3 FLOW_MOD is
// read so (os-ken reports no partial message for anything else): otherwise, and when even the
// fixed part or the match header is cut, the error decode() gives. A complete message is
// decoded as by decode().
result<message> decode_truncated(bytes_view b);
// Encodes a message; the header length and every nested len/length are computed.
status encode(const message& m, bytes& out);
result<bytes> encode(const message& m);

// os-ken's JSON: {"OFPClassName": {...}} (no header fields). Integers beyond 64 bits (128-bit
// OXM values and masks: xxreg0-3, ct_label) are wide integers (core/json_wide.hpp: print with
// json_glue::dump to get os-ken's numbers); from_json reads them, and strings of decimal digits.
nlohmann::json to_json(const message& m);
result<message> from_json(const nlohmann::json& j, std::uint8_t version, std::uint32_t xid = 0);
// Parses JSON text such as os-ken's, keeping integer literals beyond 64 bits exactly as wide
// integers (a plain JSON parser turns them into inexact floating-point numbers).
result<nlohmann::json> parse_json(std::string_view text);

// Whether this build has a class for (version, type[, multipart type]).
bool known(std::uint8_t version, std::uint8_t type, int mp_type = -1);
// All message class names registered for a version (for coverage reports).
std::vector<std::string> class_names(std::uint8_t version);
// Every class name (messages and the structures inside them) wirekit implements for a version.
std::vector<std::string> known_classes(std::uint8_t version);

// Cuts a TCP byte stream into messages by the header's length field. Buffers at most
// `max_buffer` bytes; a length below 8 is an error (the stream cannot be resynchronised).
class framer {
 public:
  explicit framer(std::size_t max_buffer = 1 << 20) : max_(max_buffer) {}
  status feed(bytes_view chunk);
  // The next complete message's bytes, if any (valid until the next feed/next call).
  result<std::optional<bytes>> next();
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  bytes buf_;
  std::size_t pos_ = 0;
  std::size_t max_;
};

// PACKET_IN helpers (src/openflow/packet_in.cpp). The frame a PACKET_IN carries (its data
// field) parsed by wirekit's packet library (include wirekit/packet/packet.hpp to use it); an
// error when m is not a PACKET_IN or the frame does not parse.
result<wirekit::packet> packet_in_frame(const message& m);
// The data bytes of a PACKET_IN (nullopt when m is not one); valid while m lives.
std::optional<bytes_view> packet_in_data(const message& m);
// The ingress port of a PACKET_IN: OF1.0's in_port (OFPP_* values widened to 32 bits, 0xfff8 ->
// 0xfffffff8), 1.2+'s in_port OXM. nullopt when m is not a PACKET_IN or has no in_port.
std::optional<std::uint32_t> packet_in_port(const message& m);

}  // namespace wirekit::openflow
