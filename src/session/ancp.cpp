// ANCP sessions (include/wirekit/session/ancp.hpp) on Boost.Asio: one `connection` runs the
// adjacency protocol of RFC 6320 §3.5.2 on a TCP socket for either role; `client` wraps one for
// the access node, `nas_server` accepts them for the NAS.
#include "wirekit/session/ancp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <utility>

#include "asio_util.hpp"
#include "wirekit/session/framing.hpp"

namespace wirekit::ancp {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using strand_t = asio::strand<asio::io_context::executor_type>;
using error_code = boost::system::error_code;

const char* to_string(adjacency_state s) {
  switch (s) {
    case adjacency_state::idle: return "IDLE";
    case adjacency_state::synsent: return "SYNSENT";
    case adjacency_state::synrcvd: return "SYNRCVD";
    case adjacency_state::estab: return "ESTAB";
  }
  return "?";
}

const char* to_string(log_level l) {
  switch (l) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
  }
  return "?";
}

namespace {

enum class role : std::uint8_t { access_node, nas };

class connection;

// What a connection tells its owner (the client or the NAS server); called on the strand.
struct connection_owner {
  virtual ~connection_owner() = default;
  virtual void conn_state(connection& c, adjacency_state from, adjacency_state to, const std::string& reason) = 0;
  virtual void conn_message(connection& c, const message& m) = 0;
  virtual void conn_log(connection& c, log_level level, const std::string& line) = 0;
};

struct conn_config {
  role who = role::access_node;
  std::uint8_t timer = 250;
  mac_addr name{};
  std::uint32_t sender_port = 0;
  std::vector<std::uint16_t> capabilities;
  std::size_t max_message = max_message_size;
  std::size_t max_queue = 4u << 20;
};

// A fresh Sender Instance (24 bits, never 0), different for every adjacency of this process.
std::uint32_t new_instance() {
  static std::atomic<std::uint32_t> next{std::random_device{}()};
  for (;;) {
    const std::uint32_t v = next.fetch_add(1) & 0xffffff;
    if (v != 0) return v;
  }
}

using session_detail::address_text;
using session_detail::endpoint_text;

std::string caps_text(const std::vector<std::uint16_t>& caps) {
  std::string s;
  for (auto c : caps) s += (s.empty() ? "" : ",") + std::to_string(c);
  return "[" + s + "]";
}

// One TCP connection and the adjacency on it. Lives in shared_ptrs held by its owner and by
// its pending handlers; every member runs on the strand.
class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(tcp::socket sock, conn_config cfg, std::weak_ptr<connection_owner> owner, std::string label,
             peer_info base)
      : sock_(std::move(sock)),
        adj_timer_(sock_.get_executor()),
        loss_timer_(sock_.get_executor()),
        close_timer_(sock_.get_executor()),
        disc_timer_(sock_.get_executor()),
        framer_(cfg.max_message, [](bytes_view d, std::size_t base) { return frame_size(d, base); }, "ancp"),
        cfg_(std::move(cfg)),
        owner_(std::move(owner)),
        label_(std::move(label)),
        peer_(std::move(base)) {
    timer_ = std::max<std::uint8_t>(cfg_.timer, 1);
    my_instance_ = new_instance();
    const auto long_ago = steady::now() - std::chrono::hours(1);
    last_ack_[0] = last_ack_[1] = long_ago;
  }

  void start() {
    last_rx_ = steady::now();
    send_adjacency(adj_code::syn);
    set_state(adjacency_state::synsent, "TCP connected, SYN sent");
    arm_adj_timer();
    arm_loss_timer();
    do_read();
  }

  adjacency_state state() const { return state_; }
  bool closed() const { return closed_; }
  const peer_info& peer() const { return peer_; }

  // Queues bytes for one write; false when closing or the queue limit is reached.
  bool send_bytes(bytes b) {
    if (closed_ || flush_then_close_) return false;
    if (queued_ + b.size() > cfg_.max_queue) {
      log(log_level::error, fmt::format("send queue full ({} bytes waiting, limit {}): closing the connection",
                                        queued_, cfg_.max_queue));
      close("send queue full");
      return false;
    }
    queued_ += b.size();
    queue_.push_back(std::move(b));
    if (!writing_) do_write();
    return true;
  }

  // RSTACK, then wait up to 1 s for the peer's answer (a message or the connection closing).
  void disconnect(std::function<void()> done) {
    if (closed_) {
      if (done) done();
      return;
    }
    if (done) done_.push_back(std::move(done));
    if (disconnecting_) return;
    disconnecting_ = true;
    log(log_level::info, "disconnect: RSTACK sent, waiting up to 1 s for the answer");
    send_adjacency(adj_code::rstack);
    disc_timer_.expires_after(std::chrono::seconds(1));
    disc_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed_) return;
      self->close("disconnected (no answer to RSTACK within 1 s)");
    });
  }

  // Ends the adjacency: RSTACK, then close once it is written.
  void abort(const std::string& reason, log_level level = log_level::error) {
    if (closed_ || flush_then_close_) return;
    log(level, reason + "; sending RSTACK and closing the connection");
    send_adjacency(adj_code::rstack);
    close_after_flush(reason);
  }

  void close(const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    error_code ec;
    adj_timer_.cancel();
    loss_timer_.cancel();
    close_timer_.cancel();
    disc_timer_.cancel();
    sock_.shutdown(tcp::socket::shutdown_both, ec);
    sock_.close(ec);
    const auto from = state_;
    state_ = adjacency_state::idle;
    if (auto o = owner_.lock()) o->conn_state(*this, from, adjacency_state::idle, reason);
    auto done = std::move(done_);
    done_.clear();
    for (auto& d : done) d();
  }

  void log(log_level level, const std::string& text) {
    if (auto o = owner_.lock()) o->conn_log(*this, level, label_ + ": " + text);
  }

 private:
  std::chrono::milliseconds period() const { return std::chrono::milliseconds(100 * int{timer_}); }

  // ---- the adjacency protocol ----------------------------------------------------------------

  void set_state(adjacency_state to, const std::string& reason) {
    if (to == state_) return;
    const auto from = state_;
    state_ = to;
    if (to == adjacency_state::estab)
      log(log_level::info, fmt::format("adjacency established with {} (instance {}, timer {} x 100 ms, capabilities {})",
                                       peer_.name.to_string(), peer_.instance, int{timer_}, caps_text(agreed_)));
    else
      log(log_level::debug, fmt::format("{} -> {}: {}", to_string(from), to_string(to), reason));
    if (auto o = owner_.lock()) o->conn_state(*this, from, to, reason);
  }

  void send_adjacency(std::uint8_t code, const message* cause = nullptr) {
    message m;
    m.version = version_;
    m.message_type = msg::adjacency;
    adjacency_fields& a = m.adjacency;
    a.timer = timer_;
    // RFC 6320 wants M=1 in the NAS's SYN only; PyANCP rejects every adjacency message with M=0
    // from the NAS, so the NAS sets it in all of them.
    a.m_flag = cfg_.who == role::nas;
    a.code = code;
    if (cause != nullptr && code == adj_code::rstack) {  // §3.5.2.6.1: the identifiers swapped
      const auto& c = cause->adjacency;
      a.sender_name = c.receiver_name;
      a.sender_port = c.receiver_port;
      a.sender_instance = c.receiver_instance;
      a.receiver_name = c.sender_name;
      a.receiver_port = c.sender_port;
      a.receiver_instance = c.sender_instance;
    } else {
      a.sender_name = cfg_.name;
      a.sender_port = cfg_.sender_port;
      a.sender_instance = my_instance_;
      if (have_peer_) {
        a.receiver_name = peer_.name;
        a.receiver_port = peer_.sender_port;
        a.receiver_instance = peer_.instance;
      }
    }
    a.partition_id = my_partition_;
    a.partition_type = my_partition_ != 0 ? 2 : 0;
    a.partition_flag = pflag_;
    for (std::uint16_t c : have_peer_ ? agreed_ : cfg_.capabilities) a.capabilities.push_back(tlv{c, {}, {}});
    bytes out;
    if (auto st = encode(m, out); !st) {
      log(log_level::error, "cannot encode an adjacency message: " + st.err().to_string());
      return;
    }
    if (code == adj_code::ack) {
      last_ack_[1] = last_ack_[0];
      last_ack_[0] = steady::now();
    }
    send_bytes(std::move(out));
  }

  // At most n ACKs within one timer period (RFC 6320 §3.5.2.2.1, notes 2 and 3). Answering an
  // ACK only when no ACK went out for a whole period also keeps peers that answer every ACK
  // (PyANCP) from looping.
  bool ack_allowed(int n) const { return steady::now() - last_ack_[n - 1] >= period(); }

  // "Record Adjacency State" (§3.5.2.3.2). False when no capability is left.
  bool record(const message& m) {
    const auto& a = m.adjacency;
    have_peer_ = true;
    peer_.name = a.sender_name;
    peer_.sender_port = a.sender_port;
    peer_.instance = a.sender_instance;
    version_ = m.version;
    timer_ = std::max<std::uint8_t>(std::max(a.timer, cfg_.timer), 1);
    pflag_ = std::min<std::uint8_t>(1, a.partition_flag);
    if (cfg_.who == role::nas) my_partition_ = a.partition_id;
    peer_.partition_id = cfg_.who == role::nas ? a.partition_id : my_partition_;
    agreed_.clear();
    for (const tlv& c : a.capabilities)
      if (std::find(cfg_.capabilities.begin(), cfg_.capabilities.end(), c.type) != cfg_.capabilities.end() &&
          std::find(agreed_.begin(), agreed_.end(), c.type) == agreed_.end())
        agreed_.push_back(c.type);
    peer_.timer = timer_;
    peer_.capabilities = agreed_;
    return !agreed_.empty();
  }

  // Condition C (§3.5.2.2): the message is addressed to what we send. Empty: it holds.
  std::string mismatch_c(const message& m) const {
    const auto& a = m.adjacency;
    std::string s;
    auto add = [&](const char* f, const std::string& got, const std::string& want) {
      s += fmt::format("{}{} {} (expected {})", s.empty() ? "" : ", ", f, got, want);
    };
    if (a.receiver_instance != my_instance_)
      add("receiver instance", std::to_string(a.receiver_instance), std::to_string(my_instance_));
    if (a.receiver_port != cfg_.sender_port)
      add("receiver port", std::to_string(a.receiver_port), std::to_string(cfg_.sender_port));
    if (a.receiver_name != cfg_.name) add("receiver name", a.receiver_name.to_string(), cfg_.name.to_string());
    const bool nas_takes_partition =
        cfg_.who == role::nas && (a.code == adj_code::syn || a.code == adj_code::synack);
    if (!nas_takes_partition && a.partition_id != my_partition_)
      add("partition ID", std::to_string(a.partition_id), std::to_string(my_partition_));
    return s;
  }

  // Condition B: the sender is the peer recorded. Empty: it holds.
  std::string mismatch_b(const message& m, bool with_partition = true) const {
    const auto& a = m.adjacency;
    if (!have_peer_) return "no adjacency state recorded";
    std::string s;
    auto add = [&](const char* f, const std::string& got, const std::string& want) {
      s += fmt::format("{}{} {} (expected {})", s.empty() ? "" : ", ", f, got, want);
    };
    if (a.sender_instance != peer_.instance)
      add("sender instance", std::to_string(a.sender_instance), std::to_string(peer_.instance));
    if (a.sender_port != peer_.sender_port)
      add("sender port", std::to_string(a.sender_port), std::to_string(peer_.sender_port));
    if (a.sender_name != peer_.name) add("sender name", a.sender_name.to_string(), peer_.name.to_string());
    if (with_partition && a.partition_id != peer_.partition_id)
      add("partition ID", std::to_string(a.partition_id), std::to_string(peer_.partition_id));
    return s;
  }

  void reply_rstack(const message& m, const std::string& why) {
    log(log_level::warning, why + "; sending RSTACK");
    send_adjacency(adj_code::rstack, &m);
  }

  // "Reset the link" (§3.5.2.2): new instance, forget the peer, SYN, SYNSENT.
  void reset_link(const std::string& reason) {
    my_instance_ = new_instance();
    have_peer_ = false;
    peer_.name = {};
    peer_.sender_port = 0;
    peer_.instance = 0;
    peer_.capabilities.clear();
    agreed_.clear();
    timer_ = std::max<std::uint8_t>(cfg_.timer, 1);
    if (cfg_.who == role::nas) my_partition_ = 0;
    send_adjacency(adj_code::syn);
    set_state(adjacency_state::synsent, reason);
    arm_adj_timer();
  }

  void enter_estab(const std::string& reason) {
    set_state(adjacency_state::estab, reason);
    arm_adj_timer();
  }

  void handle_adjacency(const message& m) {
    const auto& a = m.adjacency;
    if (m.version != version_rfc6320) {
      log(log_level::warning, fmt::format("ignored an adjacency message of version {} (supported: {})",
                                          int{m.version}, int{version_rfc6320}));
      return;
    }
    const char* name = adjacency_code_name(a.code);
    const std::string code_name = name != nullptr ? name : std::to_string(a.code);
    log(log_level::debug, fmt::format("{} received in {}", code_name, to_string(state_)));
    switch (a.code) {
      case adj_code::rstack: {
        const bool A = have_peer_ && a.sender_instance == peer_.instance;
        const auto c = mismatch_c(m);
        if (!A || !c.empty() || state_ == adjacency_state::synsent) {
          log(log_level::info, fmt::format("discarded an RSTACK in {}{}", to_string(state_),
                                           !A ? ": sender instance does not match" : c.empty() ? "" : ": " + c));
          return;
        }
        if (cfg_.who == role::nas) {
          // The access node ends the adjacency (PyANCP's disconnect()): close, it reconnects.
          log(log_level::info, "RSTACK received: the access node ends the adjacency");
          close("RSTACK received");
        } else {
          log(log_level::warning, "RSTACK received: resetting the link");
          reset_link("RSTACK received");
        }
        return;
      }
      case adj_code::syn: {
        const bool want_m = cfg_.who == role::access_node;
        if (a.m_flag != want_m) {
          log(log_level::warning, fmt::format("ignored a SYN with M flag {}: the peer is {}", a.m_flag ? 1 : 0,
                                              want_m ? "not a NAS" : "not an access node"));
          return;
        }
        if (state_ == adjacency_state::estab) {
          if (ack_allowed(2)) send_adjacency(adj_code::ack);
          return;
        }
        if (!record(m)) {
          abort(fmt::format("no capability in common with the peer (ours {}, offered {})",
                            caps_text(cfg_.capabilities), caps_text([&] {
                              std::vector<std::uint16_t> v;
                              for (const tlv& t : a.capabilities) v.push_back(t.type);
                              return v;
                            }())));
          return;
        }
        send_adjacency(adj_code::synack);
        set_state(adjacency_state::synrcvd, "SYN received");
        return;
      }
      case adj_code::synack: {
        if (state_ == adjacency_state::estab) {
          if (ack_allowed(2)) send_adjacency(adj_code::ack);
          return;
        }
        if (auto c = mismatch_c(m); !c.empty()) {
          reply_rstack(m, "SYNACK does not match our SYN: " + c);
          return;
        }
        if (state_ == adjacency_state::synsent) {
          if (!record(m)) {
            abort("no capability in common with the peer");
            return;
          }
        } else {  // SYNRCVD: Verify Adjacency State (the NAS accepts the AN's partition ID)
          if (auto b = mismatch_b(m, cfg_.who != role::nas); !b.empty()) {
            reply_rstack(m, "SYNACK does not match the recorded adjacency state: " + b);
            return;
          }
          if (cfg_.who == role::nas) {
            my_partition_ = a.partition_id;
            peer_.partition_id = a.partition_id;
          }
        }
        send_adjacency(adj_code::ack);
        enter_estab("SYNACK received");
        return;
      }
      case adj_code::ack: {
        if (state_ == adjacency_state::synsent) {
          reply_rstack(m, "ACK received in SYNSENT");
          return;
        }
        auto bc = mismatch_b(m);
        if (auto c = mismatch_c(m); !c.empty()) bc += (bc.empty() ? "" : ", ") + c;
        if (!bc.empty()) {
          reply_rstack(m, "ACK does not match the adjacency: " + bc);
          return;
        }
        if (state_ == adjacency_state::synrcvd) {
          send_adjacency(adj_code::ack);
          enter_estab("ACK received");
          return;
        }
        // ESTAB: the peer tested liveness; reset the timer (§3.5.2.5.2) and answer once a period.
        arm_adj_timer();
        if (ack_allowed(1)) send_adjacency(adj_code::ack);
        return;
      }
      default:
        log(log_level::warning, fmt::format("ignored an adjacency message with unknown code {}", int{a.code}));
        return;
    }
  }

  // ---- timers ---------------------------------------------------------------------------------

  void arm_adj_timer() {
    const auto gen = ++adj_gen_;
    adj_timer_.expires_after(period());
    adj_timer_.async_wait([self = shared_from_this(), gen](const error_code& ec) {
      if (ec || self->closed_ || gen != self->adj_gen_) return;
      self->on_adj_timer();
    });
  }

  void on_adj_timer() {
    if (disconnecting_ || flush_then_close_) return;
    switch (state_) {
      case adjacency_state::synsent: send_adjacency(adj_code::syn); break;
      case adjacency_state::synrcvd: send_adjacency(adj_code::synack); break;
      case adjacency_state::estab: send_adjacency(adj_code::ack); break;
      case adjacency_state::idle: return;
    }
    arm_adj_timer();
  }

  void arm_loss_timer() {
    loss_timer_.expires_at(last_rx_ + 3 * period());
    loss_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed_) return;
      const auto limit = 3 * self->period();
      if (steady::now() - self->last_rx_ >= limit) {
        if (self->disconnecting_ || self->flush_then_close_) return;
        self->abort(fmt::format("peer lost: no ANCP message for {} ms (3 timer periods)", limit.count()),
                    log_level::warning);
        return;
      }
      self->arm_loss_timer();
    });
  }

  // ---- I/O ------------------------------------------------------------------------------------

  void close_after_flush(const std::string& reason) {
    flush_then_close_ = true;
    close_reason_ = reason;
    if (!writing_ && queue_.empty()) {
      close(reason);
      return;
    }
    close_timer_.expires_after(std::chrono::seconds(1));
    close_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed_) return;
      self->close(self->close_reason_);
    });
  }

  void do_write() {
    writing_ = true;
    asio::async_write(sock_, asio::buffer(queue_.front()),
                      [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(const error_code& ec) {
    writing_ = false;
    queued_ -= queue_.front().size();
    queue_.pop_front();
    if (closed_) return;
    if (ec) {
      log(log_level::warning, "write failed: " + ec.message());
      close("write failed: " + ec.message());
      return;
    }
    if (!queue_.empty()) {
      do_write();
    } else if (flush_then_close_) {
      close(close_reason_);
    }
  }

  void do_read() {
    auto space = framer_.space();
    sock_.async_read_some(asio::buffer(space.data(), space.size()),
                          [self = shared_from_this()](const error_code& ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(const error_code& ec, std::size_t n) {
    if (closed_) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      std::string reason = session_detail::read_error_text(ec);
      if (disconnecting_) reason = "disconnected (RSTACK sent; " + reason + ")";
      log(disconnecting_ || flush_then_close_ ? log_level::info : log_level::warning, reason);
      close(reason);
      return;
    }
    framer_.commit(n);
    for (;;) {
      auto r = framer_.next();
      if (!r) {
        abort(r.err().to_string() + " (the stream cannot be framed any more)");
        return;
      }
      if (!*r) break;
      handle_frame(**r, framer_.frame_offset());
      if (closed_ || flush_then_close_) return;
    }
    do_read();
  }

  void handle_frame(bytes_view frame, std::size_t offset) {
    last_rx_ = steady::now();
    auto m = decode(frame, offset);
    if (!m) {
      abort(m.err().to_string());
      return;
    }
    if (disconnecting_) {
      close(fmt::format("disconnected (RSTACK sent; the peer answered with {})",
                        m->message_type == msg::adjacency && adjacency_code_name(m->adjacency.code)
                            ? adjacency_code_name(m->adjacency.code)
                            : "a message"));
      return;
    }
    if (m->message_type == msg::adjacency) {
      handle_adjacency(*m);
      return;
    }
    if (state_ != adjacency_state::estab) {
      log(log_level::info, fmt::format("discarded a message of type {} received in {}", int{m->message_type},
                                       to_string(state_)));
      return;
    }
    if (auto o = owner_.lock()) o->conn_message(*this, *m);
  }

  tcp::socket sock_;
  asio::steady_timer adj_timer_, loss_timer_, close_timer_, disc_timer_;
  session::stream_framer framer_;
  conn_config cfg_;
  std::weak_ptr<connection_owner> owner_;
  std::string label_;
  peer_info peer_;

  adjacency_state state_ = adjacency_state::idle;
  bool have_peer_ = false;
  std::uint32_t my_instance_ = 0;
  std::uint8_t my_partition_ = 0;
  std::uint8_t version_ = version_rfc6320;
  std::uint8_t timer_ = 250;  // negotiated
  std::uint8_t pflag_ = 1;    // new adjacency
  std::vector<std::uint16_t> agreed_;
  steady::time_point last_rx_{};
  steady::time_point last_ack_[2];
  std::uint64_t adj_gen_ = 0;

  std::deque<bytes> queue_;
  std::size_t queued_ = 0;
  bool writing_ = false;
  bool flush_then_close_ = false;
  std::string close_reason_;
  bool closed_ = false;
  bool disconnecting_ = false;
  std::vector<std::function<void()>> done_;
};

// Port Up / Port Down messages for subscribers, concatenated (one TCP write).
bytes port_events(std::uint8_t type, const std::vector<subscriber>& subs, std::uint8_t tech, std::string& errors) {
  bytes out;
  for (const subscriber& s : subs) {
    const std::size_t before = out.size();
    if (auto st = encode(port_event(type, s, tech, 0), out); !st) {
      out.resize(before);
      errors += (errors.empty() ? "" : "; ") + st.err().to_string();
    }
  }
  return out;
}

}  // namespace

// ==== client =====================================================================================

struct client::impl : connection_owner, std::enable_shared_from_this<client::impl> {
  impl(asio::io_context& io, client_options o) : strand(asio::make_strand(io)), opts(std::move(o)) {}

  strand_t strand;
  client_options opts;
  std::shared_ptr<connection> conn;
  std::shared_ptr<tcp::resolver> resolver;

  mutable std::mutex mtx;
  mutable std::condition_variable cv;
  adjacency_state st = adjacency_state::idle;
  peer_info peer;
  std::string reason;

  std::recursive_mutex cb_mtx;  // held while a handler runs; the destructor takes it to detach
  bool detached = false;
  std::function<void(adjacency_state, const std::string&)> state_fn;
  std::function<void(const message&)> message_fn;
  log_handler log_fn;

  void log(log_level l, const std::string& line) {
    std::lock_guard g(cb_mtx);
    if (!detached && log_fn) log_fn(l, line);
  }

  void publish(adjacency_state to, const peer_info* p, const std::string& why) {
    {
      std::lock_guard g(mtx);
      st = to;
      if (p != nullptr) peer = *p;
      reason = why;
    }
    cv.notify_all();
    std::lock_guard g(cb_mtx);
    if (!detached && state_fn) state_fn(to, why);
  }

  void conn_state(connection& c, adjacency_state, adjacency_state to, const std::string& why) override {
    if (&c != conn.get()) return;
    publish(to, &c.peer(), why);
  }
  void conn_message(connection&, const message& m) override {
    std::lock_guard g(cb_mtx);
    if (!detached && message_fn) message_fn(m);
  }
  void conn_log(connection&, log_level l, const std::string& line) override { log(l, line); }

  void fail(const std::string& why) {
    log(log_level::error, "ancp client: " + why);
    publish(adjacency_state::idle, nullptr, why);
  }

  mac_addr sender_name() const {
    if (opts.sender_name) return *opts.sender_name;
    if (opts.source_address) {
      error_code ec;
      const auto a = asio::ip::make_address(*opts.source_address, ec);
      if (!ec && a.is_v4()) {
        const auto b = a.to_v4().to_bytes();
        return mac_addr{{b[0], b[1], b[2], b[3], 0, 0}};
      }
      if (!ec && a.is_v6()) {
        const auto b = a.to_v6().to_bytes();
        return mac_addr{{b[10], b[11], b[12], b[13], b[14], b[15]}};
      }
    }
    return mac_addr{{1, 2, 3, 4, 5, 6}};
  }

  void do_connect() {
    if (conn && !conn->closed()) {
      log(log_level::warning, "ancp client: connect() while connected: ignored");
      return;
    }
    error_code ec;
    const auto addr = asio::ip::make_address(opts.address, ec);
    if (!ec) {
      connect_to(tcp::endpoint(addr, opts.port));
      return;
    }
    resolver = std::make_shared<tcp::resolver>(strand);
    resolver->async_resolve(opts.address, std::to_string(opts.port),
                            [self = shared_from_this()](const error_code& e, tcp::resolver::results_type results) {
                              if (e || results.empty()) {
                                self->fail(fmt::format("cannot resolve {}: {}", self->opts.address,
                                                       e ? e.message() : "no address"));
                                return;
                              }
                              self->connect_to(results.begin()->endpoint());
                            });
  }

  void connect_to(const tcp::endpoint& ep) {
    auto sock = std::make_shared<tcp::socket>(strand);
    error_code ec;
    sock->open(ep.protocol(), ec);
    if (ec) return fail(fmt::format("cannot open a socket for {}: {}", endpoint_text(ep), ec.message()));
    if (opts.source_address) {
      const auto src = asio::ip::make_address(*opts.source_address, ec);
      if (!ec) sock->bind(tcp::endpoint(src, 0), ec);
      if (ec) return fail(fmt::format("cannot bind to source address {}: {}", *opts.source_address, ec.message()));
    }
    log(log_level::info, fmt::format("ancp client: connecting to {}", endpoint_text(ep)));
    sock->async_connect(ep, [self = shared_from_this(), sock, ep](const error_code& e) {
      if (e) return self->fail(fmt::format("connect to {} failed: {}", endpoint_text(ep), e.message()));
      self->start(std::move(*sock), ep);
    });
  }

  void start(tcp::socket sock, const tcp::endpoint& ep) {
    error_code ec;
    sock.set_option(tcp::no_delay(true), ec);
    conn_config cfg;
    cfg.who = role::access_node;
    cfg.timer = opts.timer;
    cfg.name = sender_name();
    cfg.sender_port = opts.sender_port;
    cfg.capabilities = opts.capabilities;
    cfg.max_message = std::clamp<std::size_t>(opts.max_message_size, 64, max_message_size);
    cfg.max_queue = opts.max_send_queue;
    peer_info base;
    base.address = address_text(ep.address());
    base.port = ep.port();
    conn = std::make_shared<connection>(std::move(sock), std::move(cfg), weak_from_this(),
                                        "ancp client " + endpoint_text(ep), std::move(base));
    conn->start();
  }

  bool send_later(bytes b) {
    if (b.empty()) return false;
    asio::post(strand, [self = shared_from_this(), b = std::move(b)]() mutable {
      if (self->conn && self->conn->state() == adjacency_state::estab)
        self->conn->send_bytes(std::move(b));
      else
        self->log(log_level::warning, "ancp client: not in ESTAB any more: messages dropped");
    });
    return true;
  }

  bool events(std::uint8_t type, const std::vector<subscriber>& subs) {
    if (state() != adjacency_state::estab) {
      log(log_level::warning, "ancp client: port up/down while the adjacency is not established: not sent");
      return false;
    }
    std::string errors;
    bytes b = port_events(type, subs, opts.tech_type, errors);
    if (!errors.empty()) log(log_level::error, "ancp client: subscribers skipped: " + errors);
    return send_later(std::move(b));
  }

  adjacency_state state() const {
    std::lock_guard g(mtx);
    return st;
  }
};

client::client(asio::io_context& io, client_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

client::~client() {
  {
    std::lock_guard g(impl_->cb_mtx);
    impl_->detached = true;
  }
  asio::post(impl_->strand, [i = impl_] {
    if (i->conn) i->conn->close("client destroyed");
    if (i->resolver) i->resolver->cancel();
  });
}

void client::on_state(std::function<void(adjacency_state, const std::string&)> fn) { impl_->state_fn = std::move(fn); }
void client::on_message(std::function<void(const message&)> fn) { impl_->message_fn = std::move(fn); }
void client::on_log(log_handler fn) { impl_->log_fn = std::move(fn); }

void client::connect() {
  asio::post(impl_->strand, [i = impl_] { i->do_connect(); });
}

adjacency_state client::state() const { return impl_->state(); }

bool client::wait_established(std::chrono::milliseconds timeout) const {
  return wait_state(adjacency_state::estab, timeout);
}

bool client::wait_state(adjacency_state s, std::chrono::milliseconds timeout) const {
  std::unique_lock lk(impl_->mtx);
  return impl_->cv.wait_for(lk, timeout, [&] { return impl_->st == s; });
}

peer_info client::peer() const {
  std::lock_guard g(impl_->mtx);
  return impl_->peer;
}

std::string client::last_reason() const {
  std::lock_guard g(impl_->mtx);
  return impl_->reason;
}

bool client::port_up(const std::vector<subscriber>& subscribers) { return impl_->events(msg::port_up, subscribers); }
bool client::port_down(const std::vector<subscriber>& subscribers) {
  return impl_->events(msg::port_down, subscribers);
}

bool client::send(const message& m) {
  if (state() != adjacency_state::estab) return false;
  auto b = encode(m);
  if (!b) {
    impl_->log(log_level::error, "ancp client: cannot encode: " + b.err().to_string());
    return false;
  }
  return impl_->send_later(std::move(*b));
}

void client::disconnect(std::function<void()> done) {
  asio::post(impl_->strand, [i = impl_, done = std::move(done)]() mutable {
    if (!i->conn || i->conn->closed()) {
      if (done) done();
      return;
    }
    i->conn->disconnect(std::move(done));
  });
}

// ==== NAS server =================================================================================

struct nas_server::impl : connection_owner, std::enable_shared_from_this<nas_server::impl> {
  impl(asio::io_context& io, nas_options o)
      : strand(asio::make_strand(io)), opts(std::move(o)), acceptor(strand), retry(strand) {}

  strand_t strand;
  nas_options opts;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  std::map<std::uint64_t, std::shared_ptr<connection>> conns;
  std::uint64_t next_id = 1;
  bool stopped = false;
  std::atomic<std::size_t> n_estab{0};
  std::atomic<std::uint16_t> port{0};

  std::recursive_mutex cb_mtx;
  bool detached = false;
  std::function<void(const peer_info&)> up_fn;
  std::function<void(const peer_info&, const std::string&)> down_fn;
  std::function<void(const peer_info&, const message&, const subscriber&)> port_up_fn, port_down_fn;
  std::function<void(const peer_info&, const message&)> message_fn;
  log_handler log_fn;

  template <class F, class... A>
  void call(const F& fn, const A&... a) {
    std::lock_guard g(cb_mtx);
    if (!detached && fn) fn(a...);
  }
  void log(log_level l, const std::string& line) { call(log_fn, l, line); }

  void conn_state(connection& c, adjacency_state from, adjacency_state to, const std::string& why) override {
    const peer_info p = c.peer();
    if (to == adjacency_state::estab) {
      ++n_estab;
      call(up_fn, p);
    } else if (from == adjacency_state::estab) {
      --n_estab;
      call(down_fn, p, why);
    }
    if (to == adjacency_state::idle) {
      if (from != adjacency_state::estab)
        log(log_level::info, fmt::format("ancp nas: connection from {}:{} closed before an adjacency: {}", p.address,
                                         p.port, why));
      conns.erase(p.id);
    }
  }

  void conn_message(connection& c, const message& m) override {
    const peer_info& p = c.peer();
    if (m.message_type == msg::port_up || m.message_type == msg::port_down) {
      const subscriber s = subscriber_from_tlvs(m.tlvs);
      call(m.message_type == msg::port_up ? port_up_fn : port_down_fn, p, m, s);
    } else {
      call(message_fn, p, m);
    }
  }

  void conn_log(connection&, log_level l, const std::string& line) override { log(l, line); }

  void do_accept() {
    if (stopped) return;
    auto sock = std::make_shared<tcp::socket>(strand);
    acceptor.async_accept(*sock, [self = shared_from_this(), sock](const error_code& ec) {
      if (self->stopped || ec == asio::error::operation_aborted) return;
      if (ec) {
        self->log(log_level::warning, "ancp nas: accept failed: " + ec.message());
        self->retry.expires_after(std::chrono::milliseconds(100));
        self->retry.async_wait([self](const error_code& e) {
          if (!e) self->do_accept();
        });
        return;
      }
      self->accepted(std::move(*sock));
      self->do_accept();
    });
  }

  void accepted(tcp::socket sock) {
    error_code ec;
    const auto ep = sock.remote_endpoint(ec);
    if (ec) return;  // already gone
    if (conns.size() >= opts.max_connections) {
      log(log_level::warning, fmt::format("ancp nas: {} connections open (the limit): closing the one from {}",
                                          conns.size(), endpoint_text(ep)));
      sock.close(ec);
      return;
    }
    sock.set_option(tcp::no_delay(true), ec);
    conn_config cfg;
    cfg.who = role::nas;
    cfg.timer = opts.timer;
    cfg.name = opts.name;
    cfg.sender_port = opts.sender_port;
    cfg.capabilities = opts.capabilities;
    cfg.max_message = std::clamp<std::size_t>(opts.max_message_size, 64, max_message_size);
    cfg.max_queue = opts.max_send_queue;
    peer_info base;
    base.id = next_id++;
    base.address = address_text(ep.address());
    base.port = ep.port();
    log(log_level::info, fmt::format("ancp nas: connection {} from {}", base.id, endpoint_text(ep)));
    auto c = std::make_shared<connection>(std::move(sock), std::move(cfg), weak_from_this(),
                                          "ancp nas peer " + endpoint_text(ep), base);
    conns[base.id] = c;
    c->start();
  }
};

nas_server::nas_server(asio::io_context& io, nas_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

nas_server::~nas_server() {
  {
    std::lock_guard g(impl_->cb_mtx);
    impl_->detached = true;
  }
  asio::post(impl_->strand, [i = impl_] {
    i->stopped = true;
    error_code ec;
    i->acceptor.close(ec);
    i->retry.cancel();
    auto all = i->conns;
    for (auto& [id, c] : all) c->close("NAS server destroyed");
  });
}

void nas_server::on_adjacency_up(std::function<void(const peer_info&)> fn) { impl_->up_fn = std::move(fn); }
void nas_server::on_adjacency_down(std::function<void(const peer_info&, const std::string&)> fn) {
  impl_->down_fn = std::move(fn);
}
void nas_server::on_port_up(std::function<void(const peer_info&, const message&, const subscriber&)> fn) {
  impl_->port_up_fn = std::move(fn);
}
void nas_server::on_port_down(std::function<void(const peer_info&, const message&, const subscriber&)> fn) {
  impl_->port_down_fn = std::move(fn);
}
void nas_server::on_message(std::function<void(const peer_info&, const message&)> fn) {
  impl_->message_fn = std::move(fn);
}
void nas_server::on_log(log_handler fn) { impl_->log_fn = std::move(fn); }

status nas_server::listen() {
  auto& i = *impl_;
  tcp::endpoint bound;
  WIREKIT_TRY(session_detail::listen_on(i.acceptor, i.opts.address, i.opts.port, "ancp", "address", bound));
  i.port = bound.port();
  i.log(log_level::info, fmt::format("ancp nas: listening on {}", endpoint_text(bound)));
  asio::post(i.strand, [self = impl_] { self->do_accept(); });
  return ok();
}

std::uint16_t nas_server::local_port() const { return impl_->port; }
std::size_t nas_server::established_count() const { return impl_->n_estab; }

bool nas_server::send(std::uint64_t peer_id, const message& m) {
  auto b = encode(m);
  if (!b) {
    impl_->log(log_level::error, "ancp nas: cannot encode: " + b.err().to_string());
    return false;
  }
  asio::post(impl_->strand, [i = impl_, peer_id, b = std::move(*b)]() mutable {
    auto it = i->conns.find(peer_id);
    if (it == i->conns.end() || it->second->state() != adjacency_state::estab) {
      i->log(log_level::warning, fmt::format("ancp nas: no established peer {}: message dropped", peer_id));
      return;
    }
    auto c = it->second;
    c->send_bytes(std::move(b));
  });
  return true;
}

void nas_server::stop() {
  asio::post(impl_->strand, [i = impl_] {
    i->stopped = true;
    error_code ec;
    i->acceptor.close(ec);
    i->retry.cancel();
    auto all = i->conns;
    for (auto& [id, c] : all) c->abort("NAS stopping", log_level::info);
  });
}

}  // namespace wirekit::ancp
