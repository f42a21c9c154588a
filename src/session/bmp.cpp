// The BMP monitoring station (include/wirekit/session/bmp.hpp) on Boost.Asio: an acceptor and
// one `connection` per router, all on one strand; events go to the application through a
// bounded queue, and a full queue stops the sockets from being read (back-pressure).
#include <utility>  // before Boost.Asio (Boost 1.74 with gcc 12 in C++20)

#include "wirekit/session/bmp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "asio_util.hpp"
#include "wirekit/session/framing.hpp"

namespace wirekit::bmp {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using strand_t = asio::strand<asio::io_context::executor_type>;
using error_code = boost::system::error_code;

const char* to_string(log_level l) {
  switch (l) {
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warning: return "warning";
    case log_level::error: return "error";
  }
  return "?";
}

std::string router_info::to_string() const {
  return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), port)
                         : fmt::format("{}:{}", address.to_string(), port);
}

namespace {

ip_addr to_ip(const asio::ip::address& a) {
  if (a.is_v4()) {
    ipv4_addr v;
    v.b = a.to_v4().to_bytes();
    return ip_addr{v};
  }
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) {
    ipv4_addr v;
    v.b = asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_bytes();
    return ip_addr{v};
  }
  ipv6_addr v;
  v.b = v6.to_bytes();
  return ip_addr{v};
}

void now_of(std::uint32_t& sec, std::uint32_t& usec) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  sec = static_cast<std::uint32_t>(us / 1000000);
  usec = static_cast<std::uint32_t>(us % 1000000);
}

// The size of the BMP message at data[0] from its common header (RFC 7854 §4.1).
result<std::size_t> bmp_frame_size(bytes_view d, std::size_t base, std::size_t max) {
  if (d.empty()) return std::size_t{0};
  const auto ver = static_cast<std::uint8_t>(d[0]);
  if (ver != version)
    return make_error("bmp", "version", base, fmt::format("version {} is not 3: not a BMP v3 stream", ver));
  if (d.size() < 5) return std::size_t{0};
  const std::size_t len = (std::size_t(std::uint8_t(d[1])) << 24) | (std::size_t(std::uint8_t(d[2])) << 16) |
                          (std::size_t(std::uint8_t(d[3])) << 8) | std::size_t(std::uint8_t(d[4]));
  if (len < common_header_size)
    return make_error("bmp", "length", base + 1, fmt::format("length {} is below the common header (6)", len));
  if (len > max)
    return make_error("bmp", "length", base + 1,
                      fmt::format("length {} is above the limit of {} bytes", len, max));
  return len;
}

}  // namespace

struct station::impl : std::enable_shared_from_this<impl> {
  class connection;

  impl(asio::io_context& io, station_options o)
      : strand(asio::make_strand(io)), opts(std::move(o)), acceptor(strand) {
    if (opts.max_queue == 0) opts.max_queue = 1;
    if (opts.max_message_size < common_header_size) opts.max_message_size = common_header_size;
  }

  strand_t strand;
  station_options opts;
  tcp::acceptor acceptor;
  std::atomic<std::uint16_t> port{0};
  log_handler log_fn;

  // Strand only.
  std::map<std::uint64_t, std::shared_ptr<connection>> conns;
  std::uint64_t next_id = 0;
  bool stopping = false;

  // Guarded by mu.
  mutable std::mutex mu;
  std::condition_variable cv;
  std::deque<station_event> queue;
  std::size_t message_events = 0;  // message events in the queue (the bounded kind)
  bool stopped = false;
  station_stats st;
  bool any_paused = false;
  std::atomic<std::size_t> conn_count{0};

  void log(log_level l, const std::string& line) {
    if (log_fn) log_fn(l, line);
  }

  // True (and the station remembers that a connection waits) when the queue is full.
  bool pause_if_full() {
    std::lock_guard lk(mu);
    if (message_events < opts.max_queue) return false;
    any_paused = true;
    ++st.pauses;
    return true;
  }

  void push(station_event ev) {
    {
      std::lock_guard lk(mu);
      if (ev.type == station_event::kind::message) ++message_events;
      queue.push_back(std::move(ev));
    }
    cv.notify_one();
  }

  void do_accept();
  void resume_paused();
  void stop_all();
};

class station::impl::connection : public std::enable_shared_from_this<connection> {
 public:
  connection(std::shared_ptr<tcp::socket> s, std::weak_ptr<impl> owner, router_info who)
      : sock_(std::move(s)),
        owner_(std::move(owner)),
        who_(std::move(who)),
        framer_(0, {}, "bmp") {}

  void start(impl& st) {
    const std::size_t max = st.opts.max_message_size;
    framer_ = session::stream_framer(
        max, [max](bytes_view d, std::size_t base) { return bmp_frame_size(d, base, max); }, "bmp");
    opts_ = st.opts.decode;
    station_event ev;
    ev.type = station_event::kind::connected;
    ev.router = who_;
    now_of(ev.received_sec, ev.received_usec);
    st.push(std::move(ev));
    st.log(log_level::info, fmt::format("bmp station: router {} connected", who_.to_string()));
    pump(st);
  }

  // Frames what is buffered, then reads more; stops (paused) while the queue is full.
  void pump(impl& st) {
    if (closed_) return;
    paused_ = false;
    for (;;) {
      if (st.pause_if_full()) {
        paused_ = true;
        return;
      }
      auto r = framer_.next();
      if (!r) {
        const std::string why = r.err().to_string();
        st.log(log_level::warning,
               fmt::format("bmp station router {}: {}; closing the connection", who_.to_string(), why));
        close(st, why);
        return;
      }
      if (!*r) break;
      deliver(st, **r, framer_.frame_offset());
    }
    read(st);
  }

  bool paused() const { return paused_ && !closed_; }

  void close(impl& st, const std::string& why) {
    if (closed_) return;
    closed_ = true;
    error_code ignore;
    sock_->shutdown(tcp::socket::shutdown_both, ignore);
    sock_->close(ignore);
    station_event ev;
    ev.type = station_event::kind::closed;
    ev.router = who_;
    ev.error = why;
    now_of(ev.received_sec, ev.received_usec);
    st.push(std::move(ev));
    st.conns.erase(who_.id);
    st.conn_count = st.conns.size();
  }

 private:
  void read(impl& st) {
    (void)st;
    auto space = framer_.space();
    sock_->async_read_some(asio::buffer(space.data(), space.size()),
                           [self = shared_from_this()](const error_code& ec, std::size_t n) {
                             auto owner = self->owner_.lock();
                             if (!owner || self->closed_) return;
                             if (ec) {
                               const std::string why = ec == asio::error::eof ? "connection closed by peer"
                                                                              : ec.message();
                               if (self->framer_.buffered())
                                 owner->log(log_level::warning,
                                            fmt::format("bmp station router {}: {} inside a message ({} bytes "
                                                        "pending)",
                                                        self->who_.to_string(), why, self->framer_.buffered()));
                               else
                                 owner->log(log_level::info,
                                            fmt::format("bmp station router {}: {}", self->who_.to_string(), why));
                               self->close(*owner, why);
                               return;
                             }
                             {
                               std::lock_guard lk(owner->mu);
                               owner->st.bytes += n;
                             }
                             self->framer_.commit(n);
                             self->pump(*owner);
                           });
  }

  void deliver(impl& st, bytes_view frame, std::size_t offset) {
    station_event ev;
    ev.type = station_event::kind::message;
    ev.router = who_;
    now_of(ev.received_sec, ev.received_usec);
    ev.raw.assign(frame.begin(), frame.end());
    ev.offset = offset;
    auto m = decode(frame, opts_, offset, &peers_);
    if (m) {
      if (const peer_header* h = peer_of(*m)) ev.pdu_context = bgp_context(*h, opts_, &peers_);
      peers_.learn(*m);
      ev.msg = std::move(*m);
    } else {
      ev.error = m.err().to_string();
      st.log(log_level::warning, fmt::format("bmp station router {}: {}", who_.to_string(), ev.error));
    }
    {
      std::lock_guard lk(st.mu);
      ++st.st.messages;
      if (!ev.msg) ++st.st.decode_errors;
    }
    st.push(std::move(ev));
  }

  std::shared_ptr<tcp::socket> sock_;
  std::weak_ptr<impl> owner_;
  router_info who_;
  session::stream_framer framer_;
  options opts_;
  peer_contexts peers_;
  bool paused_ = false;
  bool closed_ = false;
};

void station::impl::do_accept() {
  if (stopping) return;
  auto sock = std::make_shared<tcp::socket>(strand);
  acceptor.async_accept(*sock, [self = shared_from_this(), sock](const error_code& ec) {
    if (self->stopping) return;
    if (ec) {
      if (ec == asio::error::operation_aborted) return;
      self->log(log_level::warning, fmt::format("bmp station: accept failed: {}", ec.message()));
      self->do_accept();
      return;
    }
    error_code e2;
    const auto ep = sock->remote_endpoint(e2);
    router_info who;
    who.id = ++self->next_id;
    if (!e2) {
      who.address = to_ip(ep.address());
      who.port = ep.port();
    }
    if (self->conns.size() >= self->opts.max_connections) {
      self->log(log_level::warning, fmt::format("bmp station: router {} refused: {} connections already",
                                                who.to_string(), self->conns.size()));
      error_code ignore;
      sock->close(ignore);
      self->do_accept();
      return;
    }
    {
      std::lock_guard lk(self->mu);
      ++self->st.connections;
    }
    auto c = std::make_shared<connection>(sock, self->weak_from_this(), who);
    self->conns.emplace(who.id, c);
    self->conn_count = self->conns.size();
    c->start(*self);
    self->do_accept();
  });
}

void station::impl::resume_paused() {
  std::vector<std::shared_ptr<connection>> list;
  for (auto& [id, c] : conns)
    if (c->paused()) list.push_back(c);
  for (auto& c : list) c->pump(*this);
}

void station::impl::stop_all() {
  stopping = true;
  error_code ignore;
  acceptor.close(ignore);
  std::vector<std::shared_ptr<connection>> list;
  for (auto& [id, c] : conns) list.push_back(c);
  for (auto& c : list) c->close(*this, "station stopped");
  {
    std::lock_guard lk(mu);
    stopped = true;
  }
  cv.notify_all();
}

struct station::own_io {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread t;
};

station::station(asio::io_context& io, station_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

station::station(station_options options) : own_(std::make_unique<own_io>()) {
  impl_ = std::make_shared<impl>(own_->io, std::move(options));
  own_->t = std::thread([io = &own_->io] { io->run(); });
}

station::~station() {
  stop();
  if (own_) {
    own_->work.reset();  // run() returns once the close handlers ran
    if (own_->t.joinable()) own_->t.join();
    impl_.reset();
    own_.reset();
  }
}

void station::on_log(log_handler fn) { impl_->log_fn = std::move(fn); }

status station::listen() {
  auto& i = *impl_;
  tcp::endpoint bound;
  WIREKIT_TRY(session_detail::listen_on(i.acceptor, i.opts.address, i.opts.port, "bmp", "address", bound));
  i.port = bound.port();
  i.log(log_level::info, fmt::format("bmp station: listening on {}", session_detail::endpoint_text(bound)));
  asio::post(i.strand, [self = impl_] { self->do_accept(); });
  return ok();
}

std::uint16_t station::local_port() const { return impl_->port; }

std::optional<station_event> station::next(std::chrono::milliseconds timeout) {
  auto& i = *impl_;
  std::optional<station_event> ev;
  bool resume = false;
  {
    std::unique_lock lk(i.mu);
    if (!i.cv.wait_for(lk, timeout, [&] { return !i.queue.empty() || i.stopped; })) return std::nullopt;
    if (i.queue.empty()) return std::nullopt;
    ev.emplace(std::move(i.queue.front()));
    i.queue.pop_front();
    if (ev->type == station_event::kind::message) --i.message_events;
    resume = std::exchange(i.any_paused, false);
  }
  if (resume) asio::post(i.strand, [self = impl_] { self->resume_paused(); });
  return ev;
}

std::size_t station::queued() const {
  std::lock_guard lk(impl_->mu);
  return impl_->queue.size();
}

std::size_t station::connection_count() const { return impl_->conn_count; }

station_stats station::stats() const {
  std::lock_guard lk(impl_->mu);
  return impl_->st;
}

void station::stop() {
  asio::post(impl_->strand, [self = impl_] { self->stop_all(); });
}

}  // namespace wirekit::bmp
