// A packet is the list of its headers in wire order, as in os-ken: parse a frame into it, or
// build one with add_protocol() and serialize() it. Lengths and checksums left at 0 are
// computed on serialize as os-ken computes them (where os-ken breaks an RFC, the RFC wins: see
// docs/json.md); on parse they are kept as read.
#pragma once
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/packet/ethernet.hpp"
#include "wirekit/packet/icmp.hpp"
#include "wirekit/packet/icmpv6.hpp"
#include "wirekit/packet/ipv4.hpp"
#include "wirekit/packet/ipv6.hpp"
#include "wirekit/packet/sctp.hpp"
#include "wirekit/packet/tcp.hpp"
#include "wirekit/packet/udp.hpp"

namespace wirekit {

// Bytes no decoder claims ({"payload": "<base64>"} in JSON).
struct payload {
  static constexpr const char* name = "payload";
  bytes data;
  bool operator==(const payload&) const = default;
};

// An application-layer message carried in a frame (BGP, OpenFlow, DHCPv6, ANCP, ...). Each
// family implements this interface for its messages and registers a decoder in the port
// dispatch table (src/packet/dispatch.cpp).
class app_message {
 public:
  virtual ~app_message() = default;
  virtual std::string class_name() const = 0;              // os-ken class, e.g. "BGPUpdate"
  virtual void to_json(nlohmann::json& wrapped) const = 0;  // {"BGPUpdate": {...}}
  virtual status encode(bytes& out) const = 0;             // appends the wire bytes
  virtual std::unique_ptr<app_message> clone() const = 0;
  virtual bool equals(const app_message& o) const = 0;
};

// A copyable owner of an app_message.
class app_ptr {
 public:
  app_ptr() = default;
  explicit app_ptr(std::unique_ptr<app_message> p) : p_(std::move(p)) {}
  app_ptr(const app_ptr& o) : p_(o.p_ ? o.p_->clone() : nullptr) {}
  app_ptr& operator=(const app_ptr& o) {
    p_ = o.p_ ? o.p_->clone() : nullptr;
    return *this;
  }
  app_ptr(app_ptr&&) noexcept = default;
  app_ptr& operator=(app_ptr&&) noexcept = default;
  app_message* get() const { return p_.get(); }
  app_message* operator->() const { return p_.get(); }
  explicit operator bool() const { return bool(p_); }
  bool operator==(const app_ptr& o) const { return p_ && o.p_ ? p_->equals(*o.p_) : p_ == o.p_; }

 private:
  std::unique_ptr<app_message> p_;
};

// The app_message of one family's message type Msg (Derived is the family's final class): copy
// and equality come from Msg; the family supplies class_name, to_json and encode.
template <class Derived, class Msg>
class message_app : public app_message {
 public:
  using message_type = Msg;
  Msg msg;

  message_app() = default;
  explicit message_app(Msg m) : msg(std::move(m)) {}

  std::unique_ptr<app_message> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
  bool equals(const app_message& o) const override {
    const auto* p = dynamic_cast<const Derived*>(&o);
    return p && p->msg == msg;
  }
};

using header = std::variant<ethernet, vlan, svlan, mpls, arp, ipv4, ipv6, icmp, icmpv6, tcp, udp, sctp, payload, app_ptr>;

// The os-ken class name of a header ("ipv4", "BGPUpdate", ...).
std::string header_name(const header& h);

// One checksum of a parsed frame, as read and as computed (see packet::verify_checksums).
struct checksum_report {
  std::size_t index = 0;        // position of the header in packet::protocols
  std::string protocol;         // "ipv4", "tcp", "udp", "icmp", "icmpv6", "sctp"
  std::uint32_t stored = 0;     // the value on the wire
  std::uint32_t computed = 0;   // the value the data calls for
  bool ok() const { return stored == computed; }
};

struct parse_options {
  // What the outermost bytes are. Only Ethernet frames are supported for now.
  enum class link { ethernet } first = link::ethernet;
  // Decode application protocols (BGP, OpenFlow, DHCPv6, ...) above TCP/UDP.
  bool applications = true;
};

struct serialize_options {
  // Leave a UDP checksum given as 0 at 0 ("no checksum") instead of computing it from the
  // pseudo-header. RFC 768 allows that over IPv4; over IPv6 RFC 8200 §8.1 forbids it except for
  // tunnels (RFC 6935), so use it only for tests and such tunnels.
  bool udp_zero_checksum = false;
};

class packet {
 public:
  std::vector<header> protocols;

  packet() = default;

  template <class T>
  packet& add_protocol(T h) {
    protocols.emplace_back(std::move(h));
    return *this;
  }

  // The nth header of type T (0-based), or nullptr.
  template <class T>
  T* get(std::size_t nth = 0) {
    for (auto& h : protocols)
      if (auto* p = std::get_if<T>(&h))
        if (nth-- == 0) return p;
    return nullptr;
  }
  template <class T>
  const T* get(std::size_t nth = 0) const {
    return const_cast<packet*>(this)->get<T>(nth);
  }
  std::size_t size() const { return protocols.size(); }
  auto begin() { return protocols.begin(); }
  auto end() { return protocols.end(); }
  auto begin() const { return protocols.begin(); }
  auto end() const { return protocols.end(); }

  // Parse a frame. Errors name protocol, field and byte offset.
  static result<packet> parse(bytes_view frame, const parse_options& opt = {});
  // Parse into an existing packet, reusing its storage (no allocation in steady state for
  // frames without variable-length options).
  static status parse_into(packet& out, bytes_view frame, const parse_options& opt = {});

  // Wire bytes, computing zero lengths/checksums (UDP, TCP, ICMPv6 and SCTP over IPv6 with
  // the IPv6 pseudo-header, RFC 8200 §8.1).
  result<bytes> serialize() const;
  result<bytes> serialize(const serialize_options& opt) const;
  status serialize_into(bytes& out) const;
  status serialize_into(bytes& out, const serialize_options& opt) const;

  // os-ken JSON: an array of wrapped header objects in wire order.
  nlohmann::json to_json() const;
  static result<packet> from_json(const nlohmann::json& j);

  // Checks every checksum of the packet (IPv4 header, TCP, UDP, ICMP, ICMPv6, SCTP) against
  // its data. Parsing keeps checksums as read and never fails on a mismatch: this is how a
  // mismatch is reported. A UDP checksum of 0 (none sent) is not listed.
  std::vector<checksum_report> verify_checksums() const;

  bool operator==(const packet&) const = default;
};

// The message of the family whose app_message class is App held by header h, or nullptr.
template <class App>
typename App::message_type* app_message_of(header& h) {
  auto* a = std::get_if<app_ptr>(&h);
  if (!a || !*a) return nullptr;
  auto* d = dynamic_cast<App*>(a->get());
  return d ? &d->msg : nullptr;
}
template <class App>
const typename App::message_type* app_message_of(const header& h) {
  return app_message_of<App>(const_cast<header&>(h));
}
// The nth message of that family in a packet (0-based), or nullptr.
template <class App>
typename App::message_type* find_app_message(packet& p, std::size_t nth = 0) {
  for (auto& h : p.protocols)
    if (auto* m = app_message_of<App>(h))
      if (nth-- == 0) return m;
  return nullptr;
}
template <class App>
const typename App::message_type* find_app_message(const packet& p, std::size_t nth = 0) {
  return find_app_message<App>(const_cast<packet&>(p), nth);
}

}  // namespace wirekit
