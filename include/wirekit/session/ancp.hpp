// ANCP sessions on Boost.Asio (RFC 6320 §3.5): the access-node client (what PyANCP's Client
// does, plus IPv6 and loss detection) and the NAS side (a server that accepts access nodes).
//
// Both run the adjacency protocol state machine (SYNSENT / SYNRCVD / ESTAB, conditions A, B, C of
// RFC 6320 §3.5.2.2), send SYN / SYNACK / ACK when the adjacency timer expires, answer the peer's
// adjacency messages, and end the adjacency with an RSTACK when the peer breaks the protocol
// (a bad encapsulation identifier, a message that does not decode, one larger than the limit)
// or goes silent for three timer periods. Timers are in the wire unit, 100 ms (250 = 25 s).
//
// Threading: every handler runs on the io_context (serialised by a strand); the public member
// functions may be called from any thread. Set the handlers before connect() / listen().
// Destroy a client / nas_server before its io_context. docs/ancp_sessions.md has the details.
//
//   boost::asio::io_context io;
//   ancp::client c(io, {.address = "192.0.2.1"});
//   c.on_state([](ancp::adjacency_state s, const std::string& why) { ... });
//   c.connect();
//   std::thread t([&] { io.run(); });
//   if (c.wait_established(std::chrono::seconds(6))) c.port_up({s1, s2});
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/ancp/ancp.hpp"
#include "wirekit/ancp/subscriber.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/error.hpp"

namespace boost::asio {
class io_context;
}

namespace wirekit::ancp {

// RFC 6320 §3.5.2.2; idle: no TCP connection (before connect(), after a close).
enum class adjacency_state : std::uint8_t { idle, synsent, synrcvd, estab };
const char* to_string(adjacency_state s);  // "IDLE", "SYNSENT", "SYNRCVD", "ESTAB"

enum class log_level : std::uint8_t { debug, info, warning, error };
const char* to_string(log_level l);  // "debug", ...
// One line without a newline, e.g.
// "ancp nas peer 127.0.0.1:40312: ancp: field identifier at byte 0: 0x4745 is not ...; sending RSTACK".
using log_handler = std::function<void(log_level, const std::string&)>;

// The other end of an adjacency: its TCP endpoint and what its adjacency messages said.
struct peer_info {
  std::uint64_t id = 0;     // nas_server: one number per accepted connection (1, 2, ...)
  std::string address;      // "127.0.0.1", "::1"
  std::uint16_t port = 0;   // TCP port
  mac_addr name{};          // its Sender Name
  std::uint32_t sender_port = 0;
  std::uint32_t instance = 0;  // its Sender Instance
  std::uint8_t partition_id = 0;
  std::uint8_t timer = 0;   // negotiated: the larger of both Timer values (100 ms units)
  std::vector<std::uint16_t> capabilities;  // the capabilities both sides support
};

struct client_options {
  std::string address;                    // NAS: an IPv4 or IPv6 address or a host name
  std::uint16_t port = tcp_port;          // 6068
  std::uint8_t tech_type = tech_type::dsl;  // in Port Up / Port Down: tech_type::any, pon or dsl
  std::uint8_t timer = 250;               // adjacency timer, 100 ms units (25 s)
  std::optional<std::string> source_address;  // bind the TCP socket to this address
  // Sender Name; default as PyANCP: the IPv4 source address and two zero bytes (IPv6: its last
  // six bytes), or 01:02:03:04:05:06.
  std::optional<mac_addr> sender_name;
  std::uint32_t sender_port = 0;
  std::vector<std::uint16_t> capabilities{capability::dsl_topology_discovery};
  std::size_t max_message_size = ancp::max_message_size;  // larger messages end the adjacency
  std::size_t max_send_queue = 4u << 20;  // bytes waiting to be written; beyond: the session is closed
};

// The access node's end (PyANCP's Client).
class client {
 public:
  client(boost::asio::io_context& io, client_options options);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Every state change, with the reason ("SYNACK received", "peer lost: no ANCP message for
  // 1500 ms (3 timer periods)", "connection reset by peer", ...).
  void on_state(std::function<void(adjacency_state, const std::string& reason)> fn);
  // Every non-adjacency message received in ESTAB (Port Management, Provisioning, ...).
  void on_message(std::function<void(const message&)> fn);
  void on_log(log_handler fn);

  // Opens the TCP connection (IPv4 or IPv6) and starts the adjacency (sends SYN). Asynchronous;
  // a failure is reported through on_state (idle) and on_log. Also reconnects after a close.
  void connect();
  adjacency_state state() const;
  bool established() const { return state() == adjacency_state::estab; }
  // Blocks until ESTAB or the timeout (do not call it on the io_context's thread).
  bool wait_established(std::chrono::milliseconds timeout) const;
  // Blocks until the state is `s` or the timeout.
  bool wait_state(adjacency_state s, std::chrono::milliseconds timeout) const;
  peer_info peer() const;  // the NAS, once the adjacency messages told who it is
  std::string last_reason() const;

  // One Port Up / Port Down message per subscriber (RFC 6320 §6.3: result 0, transaction ID 0,
  // the client's tech type), all in one TCP write. False when not in ESTAB or nothing encodes.
  bool port_up(const std::vector<subscriber>& subscribers);
  bool port_down(const std::vector<subscriber>& subscribers);
  // Sends any message (encoded as is) when in ESTAB.
  bool send(const message& m);

  // Sends RSTACK, waits up to one second for the NAS's answer (any message, or the connection
  // closing), then closes the connection. `done` runs on the io_context when it is closed.
  void disconnect(std::function<void()> done = {});

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

struct nas_options {
  std::string address = "::";      // "::" accepts IPv4 too (dual stack) where the system allows
  std::uint16_t port = tcp_port;   // 0: an ephemeral port (local_port() tells it)
  std::uint8_t timer = 250;        // 100 ms units
  mac_addr name{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};  // Sender Name
  std::uint32_t sender_port = 0;
  std::vector<std::uint16_t> capabilities{capability::dsl_topology_discovery, capability::dsl_line_configuration,
                                          capability::dsl_remote_line_connectivity_testing};
  std::size_t max_message_size = ancp::max_message_size;
  std::size_t max_send_queue = 4u << 20;
  std::size_t max_connections = 1024;  // more are accepted and closed at once (logged)
};

// The NAS's end: accepts access nodes and runs one adjacency per connection (M flag 1).
class nas_server {
 public:
  nas_server(boost::asio::io_context& io, nas_options options);
  ~nas_server();
  nas_server(const nas_server&) = delete;
  nas_server& operator=(const nas_server&) = delete;

  void on_adjacency_up(std::function<void(const peer_info&)> fn);
  // reason: "RSTACK received", "connection closed by peer", "peer lost: ...", a decode error, ...
  void on_adjacency_down(std::function<void(const peer_info&, const std::string& reason)> fn);
  // A Port Up / Port Down from an established peer, and its TLVs read as a subscriber.
  void on_port_up(std::function<void(const peer_info&, const message&, const subscriber&)> fn);
  void on_port_down(std::function<void(const peer_info&, const message&, const subscriber&)> fn);
  // Every other non-adjacency message from an established peer.
  void on_message(std::function<void(const peer_info&, const message&)> fn);
  void on_log(log_handler fn);

  // Binds and listens (synchronously), then accepts on the io_context.
  status listen();
  std::uint16_t local_port() const;
  std::size_t established_count() const;
  // Sends a message to an established peer (by peer_info::id).
  bool send(std::uint64_t peer_id, const message& m);
  // Stops accepting and ends every adjacency (RSTACK, then close).
  void stop();

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace wirekit::ancp
