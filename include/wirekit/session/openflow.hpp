// The OpenFlow controller channel on Boost.Asio: a controller that listens for switches
// (default TCP 6653), runs the handshake (HELLO with version negotiation over OpenFlow 1.0, 1.2,
// 1.3, 1.4 and 1.5, the version bitmap for 1.3+; FEATURES request/reply), answers and sends
// echo requests (a silent switch is dropped after the liveness timeout), keeps a registry of
// datapaths keyed by datapath id, hands every message to per-type callbacks, and offers an
// ofctl-like request(): send a message, collect the replies with its xid (multipart replies
// until the last one), and learn from a barrier that a message without a reply succeeded, or
// from an ERROR with its xid that it failed (os-ken's ofctl.api.send_msg does the same).
//
// Threading: handlers run on the io_context (serialised by a strand); the public member
// functions may be called from any thread, except the blocking ones (request(), wait_*) which
// must not be called from a handler (use async_request() there). Set the handlers before
// listen(). Destroy a controller before its io_context. docs/openflow_sessions.md has details.
//
//   boost::asio::io_context io;
//   openflow::controller ctl(io, {.port = 6653});
//   ctl.on_datapath_up([](const openflow::datapath_info& d) { ... });
//   ctl.on_message(10, [&](const openflow::datapath_info& d, const openflow::message& m) { ... });
//   ctl.listen();
//   std::thread t([&] { io.run(); });
//   auto dp = ctl.wait_datapath(0, std::chrono::seconds(5));   // any datapath
//   auto r = ctl.request(dp->datapath_id, *openflow::from_json(flow_mod_json, dp->version));
//   if (r && r->ok()) ...                                       // the barrier confirmed it
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/core/error.hpp"
#include "wirekit/openflow/openflow.hpp"

namespace boost::asio {
class io_context;
}

namespace wirekit::openflow {

enum class log_level : std::uint8_t { debug, info, warning, error };
const char* to_string(log_level l);  // "debug", ...
using log_handler = std::function<void(log_level, const std::string&)>;

// One switch connection after the handshake.
struct datapath_info {
  std::uint64_t connection = 0;     // one number per accepted connection (1, 2, ...)
  std::uint64_t datapath_id = 0;    // from FEATURES_REPLY
  std::uint8_t version = 0;         // negotiated wire version (1, 3, 4, 5, 6)
  std::string address;              // the switch's TCP endpoint
  std::uint16_t port = 0;
  std::uint32_t n_buffers = 0;
  std::uint8_t n_tables = 0;
  std::uint8_t auxiliary_id = 0;    // OpenFlow 1.3+ (0 for the main connection)
  std::uint32_t capabilities = 0;
  bytes features_reply;             // the whole FEATURES_REPLY message (OF1.0-1.2: with the ports)
};

// What request() learnt.
struct request_result {
  std::uint32_t xid = 0;
  std::vector<message> replies;     // every reply with the request's xid, in order (not ERRORs)
  std::optional<message> error;     // an ERROR with the request's xid: the request failed
  std::vector<bytes> raw;           // the wire bytes of every message with that xid (replies, errors)
  std::vector<std::string> undecoded;  // decode errors of such messages (raw still holds them)
  bool multipart_complete = true;   // false when the last multipart reply still said "more"
  bool ok() const { return !error && undecoded.empty(); }
  // ERROR type and code (OFPET_*, OFPxxC_*), when error is set.
  std::uint16_t error_type = 0, error_code = 0;
};

struct controller_options {
  std::string address = "::";      // "::" accepts IPv4 too (dual stack) where the system allows
  std::uint16_t port = 6653;       // 0: an ephemeral port (local_port() tells it)
  // Versions offered (wire numbers 1, 3, 4, 5, 6); the highest common one is used.
  std::vector<std::uint8_t> versions{OFP10, OFP12, OFP13, OFP14, OFP15};
  std::chrono::milliseconds echo_interval{5000};    // send ECHO_REQUEST after this much silence
  std::chrono::milliseconds liveness_timeout{15000};  // close after this much silence
  std::chrono::milliseconds handshake_timeout{10000};  // HELLO + FEATURES_REPLY within this
  std::chrono::milliseconds request_timeout{10000};   // async_request without answer: timeout error
  std::size_t max_send_queue = 16u << 20;  // bytes waiting to be written; beyond: the channel is closed
  std::size_t max_connections = 1024;      // more are accepted and closed at once (logged)
  std::size_t max_pending_requests = 65536;  // per connection
};

class controller {
 public:
  controller(boost::asio::io_context& io, controller_options options);
  ~controller();
  controller(const controller&) = delete;
  controller& operator=(const controller&) = delete;

  // A datapath finished the handshake (a second connection with the same datapath id replaces
  // the first, which is closed).
  void on_datapath_up(std::function<void(const datapath_info&)> fn);
  // A registered datapath's connection ended (reason: "connection closed by peer", "echo
  // timeout: nothing received for 15000 ms", "replaced by connection 3", ...).
  void on_datapath_down(std::function<void(const datapath_info&, const std::string& reason)> fn);
  // Every message of that OpenFlow type (wire type number of the datapath's version, e.g. 10
  // PACKET_IN) from a registered datapath. Messages that match a pending request go to the
  // request only. Echo requests are answered by the controller (and still reported here).
  void on_message(std::uint8_t type, std::function<void(const datapath_info&, const message&)> fn);
  // Every message no per-type handler took.
  void on_any_message(std::function<void(const datapath_info&, const message&)> fn);
  void on_log(log_handler fn);

  // Binds and listens (synchronously), then accepts on the io_context.
  status listen();
  std::uint16_t local_port() const;
  // Stops accepting and closes every connection.
  void stop();

  std::vector<datapath_info> datapaths() const;
  std::optional<datapath_info> find(std::uint64_t datapath_id) const;
  // Blocks until that datapath (0: any) is registered, or the timeout.
  std::optional<datapath_info> wait_datapath(std::uint64_t datapath_id, std::chrono::milliseconds timeout) const;
  // Blocks until that datapath is no longer registered, or the timeout.
  bool wait_datapath_gone(std::uint64_t datapath_id, std::chrono::milliseconds timeout) const;

  // A fresh xid for that datapath's connection (never 0).
  std::uint32_t next_xid(std::uint64_t datapath_id);
  // Sends a message as is (xid 0: a fresh one is set). False when the datapath is unknown, the
  // message does not encode, or its version is not the negotiated one.
  bool send(std::uint64_t datapath_id, const message& m);
  // Sends already encoded messages in one write (e.g. many flow_mods). False as send().
  bool send_raw(std::uint64_t datapath_id, bytes wire);

  // Sends m (xid 0: a fresh one), then a BARRIER_REQUEST (unless m is one), and completes when
  // the barrier reply arrives: the result holds every reply with m's xid and the ERROR if one
  // came. Errors: unknown datapath, encode failure, timeout, connection lost.
  using request_handler = std::function<void(result<request_result>)>;
  void async_request(std::uint64_t datapath_id, const message& m, request_handler done);
  void async_request(std::uint64_t datapath_id, const message& m, std::chrono::milliseconds timeout,
                     request_handler done);
  // Blocking form (not on the io_context's thread).
  result<request_result> request(std::uint64_t datapath_id, const message& m,
                                 std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  // The same for one already encoded message (e.g. one the codec has no class for); xid 0 in its
  // header: a fresh one is written. Its version must be the datapath's.
  void async_request_raw(std::uint64_t datapath_id, bytes wire, std::chrono::milliseconds timeout,
                         request_handler done);
  result<request_result> request_raw(std::uint64_t datapath_id, bytes wire,
                                     std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

  struct impl;

 private:
  void start_request(std::uint64_t datapath_id, bytes wire, std::uint32_t xid, std::chrono::milliseconds timeout,
                     request_handler done);
  std::shared_ptr<impl> impl_;
};

// Version negotiation of OpenFlow 1.3.1 §6.3.1 / 1.5 §7.1.1: the version both sides use, given
// ours and the peer's HELLO (its header version and its version bitmap, empty when it sent
// none). 0: no common version.
std::uint8_t negotiate_version(const std::vector<std::uint8_t>& ours, std::uint8_t peer_header_version,
                               const std::vector<std::uint8_t>& peer_bitmap);

}  // namespace wirekit::openflow
