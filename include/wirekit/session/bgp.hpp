// A BGP-4 session with one peer on Boost.Asio (RFC 4271 §8 FSM), using the BGP codec
// (wirekit/bgp/bgp.hpp) for every message.
//
// Active (dials the peer, retries every connect-retry period) or passive (listens, accepts the
// configured peer). OPEN negotiation: multiprotocol families, 4-byte AS (RFC 6793), route refresh
// (RFC 2918), ADD-PATH per family (RFC 7911), extended messages (RFC 8654), graceful restart
// capability advertised and parsed (RFC 4724; no restart procedures). The negotiated
// bgp::context (bgp::negotiate) decodes what the peer sends; the mirror context encodes what we
// send. Errors end the session with the NOTIFICATION the codec names (decode_error code/subcode/
// data): header errors 1/x, OPEN errors 2/x (bad peer AS 2/2 checked here), UPDATE errors 3/x,
// hold timer expiry 4/0, unexpected messages 5/x (RFC 6608), Cease 6/x; RFC 7606 treat-as-withdraw
// and attribute-discard are applied (the update is delivered with its NLRI moved to the withdrawn
// routes / the attribute removed, and logged).
//
// Back-pressure: with on_update() set, the handler runs on the io_context and the socket is not
// read while it runs. Without it, updates go to a bounded queue read by next_update(); while the
// queue is full the socket is not read (the peer's TCP window closes), and the hold timer does not
// count that time against the peer. Sending: a bounded send queue; send() refuses (false) what
// would exceed it, send_wait() blocks until there is room.
//
// Threading: handlers run on the io_context (serialised by a strand); the public member functions
// may be called from any thread (wait_*, next_update and send_wait block: not on the io_context's
// thread). Set the handlers before start(). Destroy a session before its io_context.
//
//   boost::asio::io_context io;
//   bgp::session s(io, {.local_as = 65001, .router_id = *ipv4_addr::parse("192.0.2.1"),
//                       .peer_address = "127.0.0.1", .peer_port = 179, .peer_as = 65002});
//   s.on_update([](const bgp::update_msg& u, const bgp::update_info& i) { ... });
//   s.start();
//   std::thread t([&] { io.run(); });
//   if (s.wait_established(std::chrono::seconds(10))) s.send(update);
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/bgp/bgp.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/error.hpp"

namespace boost::asio {
class io_context;
}

namespace wirekit::bgp {

// RFC 4271 §8.2.2 states, named as BGPStream names them.
enum class session_state : std::uint8_t { idle, connect, active, opensent, openconfirm, established };
const char* to_string(session_state s);  // "IDLE", "CONNECT", "ACTIVE", "OPENSENT", "OPENCONFIRM", "ESTABLISHED"

enum class log_level : std::uint8_t { debug, info, warning, error };
const char* to_string(log_level l);  // "debug", ...
using log_handler = std::function<void(log_level, const std::string&)>;

struct session_options {
  std::uint32_t local_as = 0;
  ipv4_addr router_id{};
  std::string peer_address;        // IPv4 or IPv6 literal
  std::uint16_t peer_port = 179;   // active: the port dialled
  std::uint32_t peer_as = 0;       // 0: any (no 2/2 check)
  bool passive = false;            // listen instead of dialling
  std::string local_address;       // active: bind the source address; passive: listen address ("" = "::")
  std::uint16_t local_port = 0;    // passive: the listen port (0: ephemeral, see local_port())
  std::uint16_t hold_time = 90;    // seconds, 0 or >= 3; the smaller of both OPENs is used
  std::chrono::milliseconds connect_retry{5000};  // between dials / restarts
  bool restart = true;             // after the session went down, start again after connect_retry
  std::chrono::milliseconds open_hold{240000};    // hold timer in OPENSENT (RFC 4271: 4 minutes)
  // Capabilities we advertise.
  std::vector<family> families{{afi::ipv4, safi::unicast}};
  bool four_octet_as = true;
  bool route_refresh = true;
  bool extended_message = false;
  std::vector<add_path_entry> add_path;           // per family: receive (1), send (2), both (3)
  std::optional<cap_graceful_restart> graceful_restart;  // advertised as given (flags, time, tuples)
  // RFC 7606 (revised error handling) for received UPDATEs; false: every error resets.
  bool revised_error_handling = true;
  // FlowSpec IPv6 prefix components with an offset, both ways: RFC 8956's form (what routers
  // implementing the RFC send); `draft` for os-ken and other draft-ietf-idr-flow-spec-v6 peers.
  context::flowspec_ipv6_encoding flowspec_ipv6 = context::flowspec_ipv6_encoding::rfc8956;
  std::size_t max_receive_queue = 4096;   // updates waiting for next_update()
  std::size_t max_send_queue = 8u << 20;  // bytes waiting to be written
};

// What the OPEN exchange gave.
struct negotiated {
  open_msg sent, received;
  context receive_ctx;  // decodes what the peer sends (bgp::negotiate(sent, received))
  context send_ctx;     // encodes what we send (bgp::negotiate(received, sent))
  std::uint32_t peer_as = 0;
  ipv4_addr peer_router_id{};
  std::uint16_t hold_time = 0;       // 0: no hold / keepalive timers
  std::uint16_t keepalive_time = 0;  // hold_time / 3
  std::vector<family> families;      // advertised by both (IPv4 unicast when neither has MP)
  bool four_octet_as = false, route_refresh = false, extended_message = false;
  std::vector<family> add_path_receive, add_path_send;
  std::optional<cap_graceful_restart> peer_graceful_restart;
  std::string peer_endpoint;  // "127.0.0.1:179"
};

// Besides a received UPDATE: what RFC 7606 did to it.
struct update_info {
  std::size_t offset = 0;               // stream offset of the message
  bool treated_as_withdraw = false;     // its NLRI were moved to the withdrawn routes / MP_UNREACH
  bool attributes_discarded = false;    // malformed/duplicate attributes were removed
  std::vector<decode_error> findings;   // what the decode found
};

struct received_update {
  update_msg update;
  update_info info;
};

struct session_stats {
  std::uint64_t messages_received = 0, updates_received = 0, prefixes_announced = 0, prefixes_withdrawn = 0;
  std::uint64_t messages_sent = 0, updates_sent = 0, bytes_received = 0, bytes_sent = 0;
  std::uint64_t read_pauses = 0;  // times the socket was not read because the receive queue was full
};

class session {
 public:
  session(boost::asio::io_context& io, session_options options);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  void on_state(std::function<void(session_state from, session_state to, const std::string& reason)> fn);
  void on_update(std::function<void(const update_msg&, const update_info&)> fn);
  void on_route_refresh(std::function<void(const route_refresh_msg&)> fn);
  // NOTIFICATIONs sent (sent = true) and received.
  void on_notification(std::function<void(const notification_msg&, bool sent)> fn);
  void on_log(log_handler fn);

  // Active: dials (asynchronously). Passive: binds and listens now (the error if that fails).
  status start();
  // Cease / Administrative Shutdown (6/2) if a session is up, close, no restart.
  void stop();
  std::uint16_t local_port() const;  // passive: the listen port

  session_state state() const;
  bool established() const { return state() == session_state::established; }
  bool wait_state(session_state s, std::chrono::milliseconds timeout) const;
  bool wait_established(std::chrono::milliseconds timeout) const {
    return wait_state(session_state::established, timeout);
  }
  // Blocks until the state is not `s` any more (or the timeout).
  bool wait_state_change_from(session_state s, std::chrono::milliseconds timeout) const;
  std::optional<negotiated> negotiation() const;  // set in OPENCONFIRM / ESTABLISHED
  std::string last_reason() const;
  session_stats stats() const;

  // Encodes with the send context and queues. False when not established, the encode fails
  // (logged), or the send queue would exceed max_send_queue.
  bool send(const message& m);
  // The same, waiting up to `timeout` for room in the send queue.
  bool send_wait(const message& m, std::chrono::milliseconds timeout);
  // Blocks until everything queued was written (or the timeout).
  bool flush(std::chrono::milliseconds timeout) const;
  bool route_refresh(family f);

  // Pull mode (no on_update handler): the next received update, waiting up to `timeout`.
  std::optional<received_update> next_update(std::chrono::milliseconds timeout);

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace wirekit::bgp
