// The OpenFlow controller channel (include/wirekit/session/openflow.hpp) on Boost.Asio: one
// `connection` per switch runs the handshake, echo and request bookkeeping on the controller's
// strand; `controller::impl` accepts switches and keeps the datapath registry.
#include "wirekit/session/openflow.hpp"

#include <fmt/format.h>

#include <utility>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>

#include "wirekit/openflow/of13.hpp"
#include "asio_util.hpp"
#include "wirekit/session/framing.hpp"

namespace wirekit::openflow {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using strand_t = asio::strand<asio::io_context::executor_type>;
using error_code = boost::system::error_code;
using std::chrono::milliseconds;

const char* to_string(log_level l) {
  switch (l) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
  }
  return "?";
}

std::uint8_t negotiate_version(const std::vector<std::uint8_t>& ours, std::uint8_t peer_header_version,
                               const std::vector<std::uint8_t>& peer_bitmap) {
  auto have = [&](std::uint8_t v) { return std::find(ours.begin(), ours.end(), v) != ours.end(); };
  if (!peer_bitmap.empty()) {
    std::uint8_t best = 0;
    for (std::uint8_t v : peer_bitmap)
      if (have(v)) best = std::max(best, v);
    return best;
  }
  if (ours.empty()) return 0;
  const std::uint8_t mine = *std::max_element(ours.begin(), ours.end());
  const std::uint8_t v = std::min(mine, peer_header_version);
  return have(v) ? v : 0;
}

namespace {

constexpr std::uint8_t t_hello = 0, t_error = 1, t_echo_request = 2, t_echo_reply = 3, t_features_request = 5,
                       t_features_reply = 6;
std::uint8_t barrier_request_type(std::uint8_t v) { return v == OFP10 ? 18 : 20; }
std::uint8_t barrier_reply_type(std::uint8_t v) { return v == OFP10 ? 19 : 21; }
std::uint8_t multipart_reply_type(std::uint8_t v) { return v == OFP10 ? 17 : 19; }

// A message that is only a header (plus data).
bytes header_only(std::uint8_t version, std::uint8_t type, std::uint32_t xid, bytes_view data = {}) {
  bytes b(header_size + data.size());
  b[0] = std::byte{version};
  b[1] = std::byte{type};
  const std::size_t len = b.size();
  b[2] = std::byte(len >> 8);
  b[3] = std::byte(len & 0xff);
  for (int i = 0; i < 4; ++i) b[4 + i] = std::byte((xid >> (24 - 8 * i)) & 0xff);
  std::copy(data.begin(), data.end(), b.begin() + header_size);
  return b;
}

// The version bitmap of a HELLO's elements (empty when it has none). Reads at most the message.
std::vector<std::uint8_t> hello_bitmap(bytes_view m) {
  std::vector<std::uint8_t> out;
  std::size_t pos = header_size;
  while (pos + 4 <= m.size()) {
    const std::uint16_t type = load_be16(m.data() + pos), len = load_be16(m.data() + pos + 2);
    if (len < 4 || pos + len > m.size()) break;
    if (type == 1)
      for (std::size_t w = 0; w + 4 <= std::size_t{len} - 4U; w += 4) {
        const std::uint32_t bits = load_be32(m.data() + pos + 4 + w);
        for (unsigned b = 0; b < 32; ++b)
          if ((bits >> b) & 1U) {
            const unsigned v = static_cast<unsigned>(w) * 8 + b;
            if (v < 256) out.push_back(static_cast<std::uint8_t>(v));
          }
      }
    pos += (std::size_t{len} + 7) / 8 * 8;
  }
  return out;
}

using session_detail::address_text;
using session_detail::endpoint_text;

std::string versions_text(const std::vector<std::uint8_t>& v) {
  std::string s;
  for (auto x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
  return "[" + s + "]";
}

class connection;

struct connection_owner {
  virtual ~connection_owner() = default;
  virtual void conn_up(connection& c) = 0;
  virtual void conn_closed(connection& c, const std::string& reason) = 0;
  virtual void conn_message(connection& c, const message& m) = 0;
  virtual void conn_log(log_level level, const std::string& line) = 0;
  virtual std::uint32_t new_xid() = 0;
};

struct pending_request {
  std::uint32_t barrier_xid = 0;
  steady::time_point deadline;
  request_result res;
  controller::request_handler done;
};

enum class phase : std::uint8_t { hello, features, up, closed };

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(tcp::socket sock, const controller_options& opts, std::weak_ptr<connection_owner> owner,
             datapath_info base)
      : sock_(std::move(sock)),
        tick_(sock_.get_executor()),
        framer_(1u << 16, [](bytes_view d, std::size_t base) { return frame_size(d, base); }, "openflow"),
        opts_(opts),
        owner_(std::move(owner)),
        info_(std::move(base)),
        label_(fmt::format("openflow switch {}:{}", info_.address, info_.port)) {}

  static result<std::size_t> frame_size(bytes_view d, std::size_t base) {
    if (d.size() < 4) return std::size_t{0};
    const std::uint16_t len = load_be16(d.data() + 2);
    if (len < header_size)
      return make_error("openflow", "length", base + 2,
                        fmt::format("{} is smaller than the header (8): the stream cannot be framed", len));
    return std::size_t{len};
  }

  void start() {
    started_ = last_rx_ = steady::now();
    send_hello();
    arm_tick();
    do_read();
  }

  const datapath_info& info() const { return info_; }
  bool is_up() const { return phase_ == phase::up; }
  bool closed() const { return phase_ == phase::closed; }

  bool send_bytes(bytes b) {
    if (phase_ == phase::closed || flush_then_close_) return false;
    if (queued_ + b.size() > opts_.max_send_queue) {
      log(log_level::error, fmt::format("send queue full ({} bytes waiting, limit {}): closing the connection",
                                        queued_, opts_.max_send_queue));
      close("send queue full");
      return false;
    }
    queued_ += b.size();
    queue_.push_back(std::move(b));
    if (!writing_) do_write();
    return true;
  }

  void request(bytes wire, std::uint32_t xid, bool is_barrier, milliseconds timeout, controller::request_handler done) {
    if (phase_ != phase::up) return done(make_error("openflow", "datapath", 0, "the channel is not up"));
    if (pending_.size() >= opts_.max_pending_requests)
      return done(make_error("openflow", "request", 0,
                             fmt::format("{} requests pending (the limit)", opts_.max_pending_requests)));
    if (pending_.count(xid) != 0 || barriers_.count(xid) != 0)
      return done(make_error("openflow", "xid", 4, fmt::format("a request with xid {} is already pending", xid)));
    pending_request p;
    p.res.xid = xid;
    p.deadline = steady::now() + timeout;
    p.done = std::move(done);
    if (is_barrier) {
      p.barrier_xid = xid;
    } else {
      p.barrier_xid = owner_.lock() ? owner_.lock()->new_xid() : xid + 1;
      wire_append(wire, header_only(info_.version, barrier_request_type(info_.version), p.barrier_xid));
    }
    barriers_[p.barrier_xid] = xid;
    pending_.emplace(xid, std::move(p));
    if (!send_bytes(std::move(wire))) fail_pending(xid, "the message could not be queued");
  }

  void close(const std::string& reason) {
    if (phase_ == phase::closed) return;
    const bool was_up = phase_ == phase::up;
    phase_ = phase::closed;
    log(was_up ? log_level::warning : log_level::info, "closed: " + reason);
    error_code ec;
    tick_.cancel();
    sock_.shutdown(tcp::socket::shutdown_both, ec);
    sock_.close(ec);
    auto pend = std::move(pending_);
    pending_.clear();
    barriers_.clear();
    for (auto& [xid, p] : pend)
      p.done(make_error("openflow", "request", 0, fmt::format("xid {}: connection lost ({})", xid, reason)));
    if (auto o = owner_.lock()) o->conn_closed(*this, reason);
  }

  // Sends an ERROR (HELLO_FAILED etc.), then closes once it is written.
  void fail_and_close(std::uint16_t type, std::uint16_t code, bytes_view cause, std::uint8_t version,
                      const std::string& reason) {
    bytes body(4);
    body[0] = std::byte(type >> 8);
    body[1] = std::byte(type & 0xff);
    body[2] = std::byte(code >> 8);
    body[3] = std::byte(code & 0xff);
    const std::size_t n = std::min<std::size_t>(cause.size(), 64);
    body.insert(body.end(), cause.begin(), cause.begin() + static_cast<std::ptrdiff_t>(n));
    const std::uint32_t xid = cause.size() >= header_size ? load_be32(cause.data() + 4) : 0;
    log(log_level::error, reason + "; sending ERROR and closing the connection");
    send_bytes(header_only(version, t_error, xid, body));
    flush_then_close_ = true;
    close_reason_ = reason;
    if (!writing_) close(reason);
  }

  void log(log_level level, const std::string& text) {
    if (auto o = owner_.lock()) o->conn_log(level, label_ + ": " + text);
  }

 private:
  static void wire_append(bytes& to, const bytes& more) { to.insert(to.end(), more.begin(), more.end()); }

  std::uint8_t max_version() const {
    return opts_.versions.empty() ? OFP13 : *std::max_element(opts_.versions.begin(), opts_.versions.end());
  }

  void send_hello() {
    const std::uint8_t v = max_version();
    hello_xid_ = owner_.lock() ? owner_.lock()->new_xid() : 1;
    if (v >= OFP13) {
      of13::hello_elem_versionbitmap bm;
      for (auto x : opts_.versions) bm.versions.push_back(x);
      std::sort(bm.versions.begin(), bm.versions.end());
      of13::hello h;
      h.elements.emplace_back(std::move(bm));
      auto m = make(v, std::move(h), hello_xid_);
      if (m) {
        if (auto b = encode(*m); b) {
          send_bytes(std::move(*b));
          return;
        } else {
          log(log_level::error, "cannot encode our HELLO: " + b.err().to_string());
        }
      } else {
        log(log_level::error, "cannot build our HELLO: " + m.err().to_string());
      }
    }
    send_bytes(header_only(v, t_hello, hello_xid_));
  }

  void arm_tick() {
    const auto period = std::clamp<milliseconds>(opts_.echo_interval / 4, milliseconds(10), milliseconds(100));
    tick_.expires_after(period);
    tick_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed()) return;
      self->on_tick();
    });
  }

  void on_tick() {
    const auto now = steady::now();
    const auto silent = std::chrono::duration_cast<milliseconds>(now - last_rx_);
    if (phase_ != phase::up && now - started_ >= opts_.handshake_timeout) {
      close(fmt::format("handshake timeout: no {} within {} ms", phase_ == phase::hello ? "HELLO" : "FEATURES_REPLY",
                        opts_.handshake_timeout.count()));
      return;
    }
    if (silent >= opts_.liveness_timeout) {
      close(fmt::format("echo timeout: nothing received for {} ms", silent.count()));
      return;
    }
    if (phase_ == phase::up && silent >= opts_.echo_interval && now - last_echo_ >= opts_.echo_interval) {
      last_echo_ = now;
      const std::uint32_t x = owner_.lock() ? owner_.lock()->new_xid() : 0;
      log(log_level::debug, fmt::format("silent for {} ms: ECHO_REQUEST xid {}", silent.count(), x));
      send_bytes(header_only(info_.version, t_echo_request, x));
    }
    std::vector<std::uint32_t> expired;
    for (auto& [xid, p] : pending_)
      if (now >= p.deadline) expired.push_back(xid);
    for (auto xid : expired) fail_pending(xid, "timeout: no barrier reply");
    if (closed()) return;
    arm_tick();
  }

  void fail_pending(std::uint32_t xid, const std::string& why) {
    auto it = pending_.find(xid);
    if (it == pending_.end()) return;
    auto p = std::move(it->second);
    pending_.erase(it);
    barriers_.erase(p.barrier_xid);
    p.done(make_error("openflow", "request", 0, fmt::format("xid {}: {}", xid, why)));
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
    if (closed()) return;
    if (ec) {
      close("write failed: " + ec.message());
      return;
    }
    if (!queue_.empty())
      do_write();
    else if (flush_then_close_)
      close(close_reason_);
  }

  void do_read() {
    auto space = framer_.space();
    sock_.async_read_some(asio::buffer(space.data(), space.size()),
                          [self = shared_from_this()](const error_code& ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(const error_code& ec, std::size_t n) {
    if (closed()) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      close(session_detail::read_error_text(ec));
      return;
    }
    framer_.commit(n);
    for (;;) {
      auto r = framer_.next();
      if (!r) {
        close(r.err().to_string());
        return;
      }
      if (!*r) break;
      handle_frame(**r);
      if (closed() || flush_then_close_) return;
    }
    do_read();
  }

  void handle_frame(bytes_view f) {
    last_rx_ = steady::now();
    const std::uint8_t version = std::to_integer<std::uint8_t>(f[0]);
    const std::uint8_t type = std::to_integer<std::uint8_t>(f[1]);
    const std::uint32_t xid = load_be32(f.data() + 4);
    if (phase_ == phase::hello) {
      if (type != t_hello) {
        fail_and_close(0, 0, f, max_version(), fmt::format("expected HELLO, got message type {}", type));
        return;
      }
      const auto bitmap = hello_bitmap(f);
      const std::uint8_t v = negotiate_version(opts_.versions, version, bitmap);
      if (v == 0) {
        fail_and_close(0, 0, f, std::min(version, max_version()),
                       fmt::format("no common OpenFlow version (ours {}, the switch's HELLO version {} bitmap {})",
                                   versions_text(opts_.versions), version, versions_text(bitmap)));
        return;
      }
      info_.version = v;
      log(log_level::info, fmt::format("HELLO version {} (bitmap {}): using wire version {}", version,
                                       versions_text(bitmap), v));
      phase_ = phase::features;
      features_xid_ = owner_.lock() ? owner_.lock()->new_xid() : 2;
      send_bytes(header_only(v, t_features_request, features_xid_));
      return;
    }
    if (version != info_.version) {
      log(log_level::warning, fmt::format("ignored a message of version {} type {} xid {} (negotiated {})", version,
                                          type, xid, info_.version));
      return;
    }
    if (type == t_echo_request) send_bytes(header_only(version, t_echo_reply, xid, f.subspan(header_size)));
    if (phase_ == phase::features) {
      if (type == t_features_reply && xid == features_xid_) {
        if (f.size() < 32) {
          fail_and_close(1, 6, f, version, fmt::format("FEATURES_REPLY of {} bytes (at least 32)", f.size()));
          return;
        }
        info_.datapath_id = load_be64(f.data() + 8);
        info_.n_buffers = load_be32(f.data() + 16);
        info_.n_tables = std::to_integer<std::uint8_t>(f[20]);
        info_.auxiliary_id = version >= OFP13 ? std::to_integer<std::uint8_t>(f[21]) : 0;
        info_.capabilities = load_be32(f.data() + 24);
        info_.features_reply.assign(f.begin(), f.end());
        phase_ = phase::up;
        log(log_level::info, fmt::format("datapath {:016x} up (OpenFlow wire version {}, {} tables)",
                                         info_.datapath_id, version, info_.n_tables));
        if (auto o = owner_.lock()) o->conn_up(*this);
      } else if (type == t_error) {
        log(log_level::warning, fmt::format("ERROR xid {} during the handshake", xid));
      } else if (type != t_echo_request && type != t_echo_reply) {
        log(log_level::debug, fmt::format("ignored message type {} before FEATURES_REPLY", type));
      }
      return;
    }
    // Up: replies to pending requests first.
    if (auto b = barriers_.find(xid); b != barriers_.end() && type == barrier_reply_type(version)) {
      const std::uint32_t req = b->second;
      auto it = pending_.find(req);
      barriers_.erase(b);
      if (it != pending_.end()) {
        auto p = std::move(it->second);
        pending_.erase(it);
        if (req == xid) add_reply(p.res, f, type, version);  // the request was the barrier itself
        p.done(std::move(p.res));
      }
      return;
    }
    if (auto it = pending_.find(xid); it != pending_.end()) {
      add_reply(it->second.res, f, type, version);
      return;
    }
    auto m = decode(f);
    if (!m) {
      log(log_level::warning, fmt::format("message type {} xid {} does not decode: {}", type, xid, m.err().to_string()));
      return;
    }
    if (type == t_error) log(log_level::warning, fmt::format("ERROR xid {} (no request pending with that xid)", xid));
    if (auto o = owner_.lock()) o->conn_message(*this, *m);
  }

  void add_reply(request_result& r, bytes_view f, std::uint8_t type, std::uint8_t version) {
    r.raw.emplace_back(f.begin(), f.end());
    if (type == multipart_reply_type(version) && f.size() >= 12) r.multipart_complete = (load_be16(f.data() + 10) & 1) == 0;
    if (type == t_error && f.size() >= 12) {
      r.error_type = load_be16(f.data() + 8);
      r.error_code = load_be16(f.data() + 10);
    }
    auto m = decode(f);
    if (!m) {
      r.undecoded.push_back(m.err().to_string());
      if (type == t_error && !r.error) r.error.emplace();
      return;
    }
    if (type == t_error)
      r.error = std::move(*m);
    else
      r.replies.push_back(std::move(*m));
  }

  tcp::socket sock_;
  asio::steady_timer tick_;
  session::stream_framer framer_;
  const controller_options& opts_;
  std::weak_ptr<connection_owner> owner_;
  datapath_info info_;
  std::string label_;

  phase phase_ = phase::hello;
  std::uint32_t hello_xid_ = 0, features_xid_ = 0;
  steady::time_point started_{}, last_rx_{}, last_echo_{};
  std::map<std::uint32_t, pending_request> pending_;   // by request xid
  std::map<std::uint32_t, std::uint32_t> barriers_;    // barrier xid -> request xid

  std::deque<bytes> queue_;
  std::size_t queued_ = 0;
  bool writing_ = false;
  bool flush_then_close_ = false;
  std::string close_reason_;
};

}  // namespace

struct controller::impl : connection_owner, std::enable_shared_from_this<controller::impl> {
  impl(asio::io_context& io, controller_options o)
      : strand(asio::make_strand(io)), acceptor(strand), retry(strand), opts(std::move(o)) {}

  strand_t strand;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  controller_options opts;
  std::map<std::uint64_t, std::shared_ptr<connection>> conns;   // by connection number
  std::map<std::uint64_t, std::shared_ptr<connection>> by_dpid;  // registered datapaths
  std::uint64_t next_id = 1;
  bool stopped = false;
  std::atomic<std::uint16_t> port{0};
  std::atomic<std::uint32_t> xid_counter{0x10000};

  mutable std::mutex mtx;  // guards registry (a copy for other threads)
  mutable std::condition_variable cv;
  std::map<std::uint64_t, datapath_info> registry;

  std::recursive_mutex cb_mtx;
  bool detached = false;
  std::function<void(const datapath_info&)> up_fn;
  std::function<void(const datapath_info&, const std::string&)> down_fn;
  std::map<std::uint8_t, std::function<void(const datapath_info&, const message&)>> type_fns;
  std::function<void(const datapath_info&, const message&)> any_fn;
  log_handler log_fn;

  template <class F, class... A>
  void call(const F& fn, const A&... a) {
    std::lock_guard g(cb_mtx);
    if (!detached && fn) fn(a...);
  }
  void conn_log(log_level l, const std::string& line) override { call(log_fn, l, line); }

  std::uint32_t new_xid() override {
    for (;;) {
      const std::uint32_t x = xid_counter.fetch_add(1);
      if (x != 0) return x;
    }
  }

  void conn_up(connection& c) override {
    const datapath_info d = c.info();
    if (auto old = by_dpid.find(d.datapath_id); old != by_dpid.end() && old->second.get() != &c) {
      auto prev = old->second;
      by_dpid.erase(old);
      prev->close(fmt::format("replaced by connection {}", d.connection));
    }
    by_dpid[d.datapath_id] = conns[d.connection];
    {
      std::lock_guard g(mtx);
      registry[d.datapath_id] = d;
    }
    cv.notify_all();
    call(up_fn, d);
  }

  void conn_closed(connection& c, const std::string& reason) override {
    const datapath_info d = c.info();
    auto self_ptr = conns[d.connection];
    conns.erase(d.connection);
    auto it = by_dpid.find(d.datapath_id);
    if (it != by_dpid.end() && it->second.get() == &c) {
      by_dpid.erase(it);
      call(down_fn, d, reason);  // before the registry forgets it: wait_datapath_gone() follows
      {
        std::lock_guard g(mtx);
        registry.erase(d.datapath_id);
      }
      cv.notify_all();
    }
  }

  void conn_message(connection& c, const message& m) override {
    const datapath_info& d = c.info();
    if (auto it = type_fns.find(m.type); it != type_fns.end() && it->second)
      call(it->second, d, m);
    else
      call(any_fn, d, m);
  }

  void do_accept() {
    if (stopped) return;
    auto sock = std::make_shared<tcp::socket>(strand);
    acceptor.async_accept(*sock, [self = shared_from_this(), sock](const error_code& ec) {
      if (self->stopped || ec == asio::error::operation_aborted) return;
      if (ec) {
        self->conn_log(log_level::warning, "openflow controller: accept failed: " + ec.message());
        self->retry.expires_after(milliseconds(100));
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
    if (ec) return;
    if (conns.size() >= opts.max_connections) {
      conn_log(log_level::warning, fmt::format("openflow controller: {} connections open (the limit): closing the one from {}",
                                               conns.size(), endpoint_text(ep)));
      sock.close(ec);
      return;
    }
    sock.set_option(tcp::no_delay(true), ec);
    datapath_info base;
    base.connection = next_id++;
    base.address = address_text(ep.address());
    base.port = ep.port();
    conn_log(log_level::info, fmt::format("openflow controller: connection {} from {}", base.connection, endpoint_text(ep)));
    auto c = std::make_shared<connection>(std::move(sock), opts, weak_from_this(), base);
    conns[base.connection] = c;
    c->start();
  }

  std::shared_ptr<connection> find_up(std::uint64_t dpid) {
    auto it = by_dpid.find(dpid);
    if (it == by_dpid.end() || !it->second->is_up()) return nullptr;
    return it->second;
  }

  std::uint8_t version_of(std::uint64_t dpid) const {
    std::lock_guard g(mtx);
    auto it = registry.find(dpid);
    return it == registry.end() ? 0 : it->second.version;
  }

  // Checks one encoded message against the datapath (version, length) and gives it a fresh xid
  // when it has none.
  result<std::pair<bytes, std::uint32_t>> prepare_raw(std::uint64_t dpid, bytes wire) {
    const std::uint8_t v = version_of(dpid);
    if (v == 0) return make_error("openflow", "datapath", 0, fmt::format("datapath {:016x} is not connected", dpid));
    if (wire.size() < header_size || load_be16(wire.data() + 2) != wire.size())
      return make_error("openflow", "length", 2,
                        fmt::format("not one message: {} bytes, header length {}", wire.size(),
                                    wire.size() >= 4 ? load_be16(wire.data() + 2) : 0));
    if (std::to_integer<std::uint8_t>(wire[0]) != v)
      return make_error("openflow", "version", 0,
                        fmt::format("message version {} but datapath {:016x} uses {}",
                                    std::to_integer<unsigned>(wire[0]), dpid, v));
    std::uint32_t xid = load_be32(wire.data() + 4);
    if (xid == 0) {
      xid = new_xid();
      for (int k = 0; k < 4; ++k) wire[4 + k] = std::byte((xid >> (24 - 8 * k)) & 0xff);
    }
    return std::make_pair(std::move(wire), xid);
  }

  // Encodes m with a fresh xid when it has none; checks its version against the datapath's.
  result<std::pair<bytes, std::uint32_t>> prepare(std::uint64_t dpid, const message& m) {
    const std::uint8_t v = version_of(dpid);
    if (v == 0) return make_error("openflow", "datapath", 0, fmt::format("datapath {:016x} is not connected", dpid));
    if (m.version != v)
      return make_error("openflow", "version", 0,
                        fmt::format("message version {} but datapath {:016x} uses {}", m.version, dpid, v));
    message copy = m;
    if (copy.xid == 0) copy.xid = new_xid();
    auto b = encode(copy);
    if (!b) return b.take_error();
    return std::make_pair(std::move(*b), copy.xid);
  }
};

controller::controller(asio::io_context& io, controller_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

controller::~controller() {
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
    for (auto& [id, c] : all) c->close("controller destroyed");
  });
}

void controller::on_datapath_up(std::function<void(const datapath_info&)> fn) { impl_->up_fn = std::move(fn); }
void controller::on_datapath_down(std::function<void(const datapath_info&, const std::string&)> fn) {
  impl_->down_fn = std::move(fn);
}
void controller::on_message(std::uint8_t type, std::function<void(const datapath_info&, const message&)> fn) {
  impl_->type_fns[type] = std::move(fn);
}
void controller::on_any_message(std::function<void(const datapath_info&, const message&)> fn) {
  impl_->any_fn = std::move(fn);
}
void controller::on_log(log_handler fn) { impl_->log_fn = std::move(fn); }

status controller::listen() {
  auto& i = *impl_;
  for (auto v : i.opts.versions)
    if (v != OFP10 && v != OFP12 && v != OFP13 && v != OFP14 && v != OFP15)
      return make_error("openflow", "versions", 0, fmt::format("wire version {} is not supported (1, 3, 4, 5, 6)", v));
  if (i.opts.versions.empty()) return make_error("openflow", "versions", 0, "no version offered");
  tcp::endpoint bound;
  WIREKIT_TRY(session_detail::listen_on(i.acceptor, i.opts.address, i.opts.port, "openflow", "address", bound));
  i.port = bound.port();
  i.conn_log(log_level::info, fmt::format("openflow controller: listening on {} (versions {})",
                                          endpoint_text(bound), versions_text(i.opts.versions)));
  asio::post(i.strand, [self = impl_] { self->do_accept(); });
  return ok();
}

std::uint16_t controller::local_port() const { return impl_->port; }

void controller::stop() {
  asio::post(impl_->strand, [i = impl_] {
    i->stopped = true;
    error_code ec;
    i->acceptor.close(ec);
    i->retry.cancel();
    auto all = i->conns;
    for (auto& [id, c] : all) c->close("controller stopped");
  });
}

std::vector<datapath_info> controller::datapaths() const {
  std::lock_guard g(impl_->mtx);
  std::vector<datapath_info> out;
  for (auto& [id, d] : impl_->registry) out.push_back(d);
  return out;
}

std::optional<datapath_info> controller::find(std::uint64_t datapath_id) const {
  std::lock_guard g(impl_->mtx);
  auto it = impl_->registry.find(datapath_id);
  if (it == impl_->registry.end()) return std::nullopt;
  return it->second;
}

std::optional<datapath_info> controller::wait_datapath(std::uint64_t datapath_id, milliseconds timeout) const {
  std::unique_lock g(impl_->mtx);
  std::optional<datapath_info> out;
  impl_->cv.wait_for(g, timeout, [&] {
    if (datapath_id == 0) {
      if (!impl_->registry.empty()) out = impl_->registry.begin()->second;
    } else if (auto it = impl_->registry.find(datapath_id); it != impl_->registry.end()) {
      out = it->second;
    }
    return out.has_value();
  });
  return out;
}

bool controller::wait_datapath_gone(std::uint64_t datapath_id, milliseconds timeout) const {
  std::unique_lock g(impl_->mtx);
  return impl_->cv.wait_for(g, timeout, [&] { return impl_->registry.count(datapath_id) == 0; });
}

std::uint32_t controller::next_xid(std::uint64_t) { return impl_->new_xid(); }

bool controller::send(std::uint64_t datapath_id, const message& m) {
  auto p = impl_->prepare(datapath_id, m);
  if (!p) {
    impl_->conn_log(log_level::warning, "openflow controller: send: " + p.err().to_string());
    return false;
  }
  return send_raw(datapath_id, std::move(p->first));
}

bool controller::send_raw(std::uint64_t datapath_id, bytes wire) {
  if (impl_->version_of(datapath_id) == 0) return false;
  asio::post(impl_->strand, [i = impl_, datapath_id, w = std::move(wire)]() mutable {
    auto c = i->find_up(datapath_id);
    if (!c) {
      i->conn_log(log_level::warning, fmt::format("openflow controller: datapath {:016x} gone: message dropped", datapath_id));
      return;
    }
    c->send_bytes(std::move(w));
  });
  return true;
}

void controller::async_request(std::uint64_t datapath_id, const message& m, request_handler done) {
  async_request(datapath_id, m, impl_->opts.request_timeout, std::move(done));
}

void controller::async_request(std::uint64_t datapath_id, const message& m, milliseconds timeout,
                               request_handler done) {
  auto p = impl_->prepare(datapath_id, m);
  if (!p) {
    asio::post(impl_->strand, [d = std::move(done), e = p.take_error()]() mutable { d(std::move(e)); });
    return;
  }
  start_request(datapath_id, std::move(p->first), p->second, timeout, std::move(done));
}

void controller::async_request_raw(std::uint64_t datapath_id, bytes wire, milliseconds timeout, request_handler done) {
  auto p = impl_->prepare_raw(datapath_id, std::move(wire));
  if (!p) {
    asio::post(impl_->strand, [d = std::move(done), e = p.take_error()]() mutable { d(std::move(e)); });
    return;
  }
  start_request(datapath_id, std::move(p->first), p->second, timeout, std::move(done));
}

result<request_result> controller::request_raw(std::uint64_t datapath_id, bytes wire, milliseconds timeout) {
  auto prom = std::make_shared<std::promise<result<request_result>>>();
  auto fut = prom->get_future();
  async_request_raw(datapath_id, std::move(wire), timeout,
                    [prom](result<request_result> r) { prom->set_value(std::move(r)); });
  if (fut.wait_for(timeout + milliseconds(2000)) != std::future_status::ready)
    return make_error("openflow", "request", 0, "timeout: the io_context did not complete the request");
  return fut.get();
}

void controller::start_request(std::uint64_t datapath_id, bytes wire, std::uint32_t xid, milliseconds timeout,
                               request_handler done) {
  const std::uint8_t version = std::to_integer<std::uint8_t>(wire[0]);
  const bool is_barrier = std::to_integer<std::uint8_t>(wire[1]) == barrier_request_type(version);
  asio::post(impl_->strand, [i = impl_, datapath_id, w = std::move(wire), xid, is_barrier, timeout,
                             d = std::move(done)]() mutable {
    auto c = i->find_up(datapath_id);
    if (!c) {
      d(make_error("openflow", "datapath", 0, fmt::format("datapath {:016x} is not connected", datapath_id)));
      return;
    }
    c->request(std::move(w), xid, is_barrier, timeout, std::move(d));
  });
}

result<request_result> controller::request(std::uint64_t datapath_id, const message& m, milliseconds timeout) {
  auto prom = std::make_shared<std::promise<result<request_result>>>();
  auto fut = prom->get_future();
  async_request(datapath_id, m, timeout, [prom](result<request_result> r) { prom->set_value(std::move(r)); });
  // The request's own deadline fires on the io_context; this wait is a safety net.
  if (fut.wait_for(timeout + milliseconds(2000)) != std::future_status::ready)
    return make_error("openflow", "request", 0, "timeout: the io_context did not complete the request");
  return fut.get();
}

}  // namespace wirekit::openflow
