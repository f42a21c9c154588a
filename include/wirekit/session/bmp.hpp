// A BMP monitoring station on Boost.Asio (RFC 7854 §3.2: the routers connect to it): accepts
// BMP connections from many routers, cuts each TCP stream into BMP messages (session::
// stream_framer), decodes every message with what its peer's Peer Up negotiated
// (bmp::peer_contexts) and hands them to the application through a bounded queue.
//
// Back-pressure: the queue holds at most station_options::max_queue events. While it is full,
// no connection reads from its socket (TCP flow control then slows the routers down); reading
// resumes when the consumer has taken events. Memory is bounded by max_queue events and one
// max_message_size buffer per connection.
//
// A connection whose stream is not BMP (a version other than 3, a length below 6 or above the
// limit) is closed with a log line and a `closed` event; a message that frames but does not
// decode is delivered raw with its error (the stream stays in sync).
//
// Threading: the station runs on an io_context (yours, or its own thread when constructed
// without one); next() may be called from any one thread. docs/bmp_station.md has the details.
//
//   bmp::station st({.address = "127.0.0.1", .port = 0});
//   if (auto s = st.listen(); !s) ...;
//   while (auto ev = st.next(std::chrono::seconds(1)))
//     if (ev->type == bmp::station_event::kind::message && ev->msg) use(*ev->msg);
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "wirekit/bgp/context.hpp"
#include "wirekit/bmp/bmp.hpp"
#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace boost::asio {
class io_context;
}

namespace wirekit::bmp {

enum class log_level : std::uint8_t { debug, info, warning, error };
const char* to_string(log_level l);  // "debug", ...
// One line without a newline, e.g. "bmp station router 127.0.0.1:40312: bmp: field version at
// byte 0: ...; closing the connection".
using log_handler = std::function<void(log_level, const std::string&)>;

struct station_options {
  std::string address = "::";          // "::" accepts IPv4 too (dual stack) where the system allows
  std::uint16_t port = 11019;          // 0: an ephemeral port (local_port() tells it)
  std::size_t max_message_size = 1u << 20;  // larger BMP messages close the connection
  std::size_t max_queue = 4096;        // events waiting for next(); when full, sockets are not read
  std::size_t max_connections = 256;   // more are accepted and closed at once (logged)
  options decode{};                    // how BGP PDUs are decoded (AS width, ADD-PATH)
};

// A connected router: its TCP endpoint.
struct router_info {
  std::uint64_t id = 0;  // one number per accepted connection (1, 2, ...)
  ip_addr address;       // IPv4-mapped IPv6 addresses are given as IPv4
  std::uint16_t port = 0;
  std::string to_string() const;  // "127.0.0.1:40312", "[::1]:40312"
};

struct station_event {
  enum class kind : std::uint8_t { connected, message, closed };
  kind type = kind::message;
  router_info router;
  std::uint32_t received_sec = 0, received_usec = 0;  // wall clock when the station got it
  // message: the whole BMP message as received, its stream offset, and its decoded form (unset
  // when it does not decode: then error says why).
  bytes raw;
  std::size_t offset = 0;
  std::optional<message> msg;
  // The context the message's BGP PDUs were decoded with (bgp_context with what the stream's
  // Peer Up notifications taught); for route monitoring, route mirroring, peer down.
  bgp::context pdu_context;
  // closed: why ("connection closed by peer", a framing error, "station stopped"); message: the
  // decode error, if any.
  std::string error;
};

struct station_stats {
  std::uint64_t connections = 0;  // accepted so far
  std::uint64_t messages = 0;     // BMP messages framed
  std::uint64_t decode_errors = 0;
  std::uint64_t bytes = 0;        // TCP payload received
  std::uint64_t pauses = 0;       // times a connection stopped reading because the queue was full
};

class station {
 public:
  // Runs on `io` (the caller runs it).
  station(boost::asio::io_context& io, station_options options);
  // Runs on an io_context and thread of its own (stopped and joined by the destructor).
  explicit station(station_options options);
  ~station();
  station(const station&) = delete;
  station& operator=(const station&) = delete;

  void on_log(log_handler fn);  // before listen()

  // Binds and listens (synchronously), then accepts on the io_context.
  status listen();
  std::uint16_t local_port() const;

  // The next event, waiting up to `timeout`; nullopt on time-out or once stopped and drained.
  std::optional<station_event> next(std::chrono::milliseconds timeout);
  // Events waiting in the queue.
  std::size_t queued() const;
  std::size_t connection_count() const;
  station_stats stats() const;

  // Stops accepting and closes every connection (asynchronously; queued events stay readable).
  void stop();

  struct impl;

 private:
  struct own_io;
  std::unique_ptr<own_io> own_;
  std::shared_ptr<impl> impl_;
};

}  // namespace wirekit::bmp
