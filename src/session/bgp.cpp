// BGP session (include/wirekit/session/bgp.hpp) on Boost.Asio: `connection` runs one TCP
// connection from OPENSENT to ESTABLISHED (messages, hold/keepalive timers, NOTIFICATIONs);
// session::impl runs IDLE / CONNECT / ACTIVE (dialling, listening, the connect-retry timer) and
// the application side (handlers, the receive queue, the send-queue bound).
#include <utility>
// (before any Boost.Asio header: Boost 1.74 with gcc 12 in C++20)

#include "wirekit/session/bgp.hpp"

#include <fmt/format.h>

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
#include <mutex>

#include "asio_util.hpp"
#include "wirekit/session/framing.hpp"

namespace wirekit::bgp {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using strand_t = asio::strand<asio::io_context::executor_type>;
using error_code = boost::system::error_code;

const char* to_string(session_state s) {
  switch (s) {
    case session_state::idle: return "IDLE";
    case session_state::connect: return "CONNECT";
    case session_state::active: return "ACTIVE";
    case session_state::opensent: return "OPENSENT";
    case session_state::openconfirm: return "OPENCONFIRM";
    case session_state::established: return "ESTABLISHED";
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

using session_detail::endpoint_text;

std::string family_text(family f) { return fmt::format("{}/{}", f.afi, f.safi); }

std::string families_text(const std::vector<family>& v) {
  std::string s;
  for (auto f : v) s += (s.empty() ? "" : ",") + family_text(f);
  return "[" + s + "]";
}

class connection;

// What a connection tells the session; called on the strand.
struct connection_owner {
  virtual ~connection_owner() = default;
  virtual void conn_state(connection& c, session_state to, const std::string& reason) = 0;
  virtual void conn_negotiated(connection& c, const negotiated& n) = 0;
  // False: the application's queue is full, stop reading.
  virtual bool conn_update(connection& c, update_msg&& u, update_info&& info) = 0;
  virtual void conn_route_refresh(connection& c, const route_refresh_msg& m) = 0;
  virtual void conn_notification(connection& c, const notification_msg& m, bool sent) = 0;
  virtual void conn_app_written(std::size_t n) = 0;
  virtual void conn_count(std::size_t rx_bytes, std::size_t tx_bytes, std::size_t rx_msgs, std::size_t tx_msgs) = 0;
  virtual void conn_log(log_level level, const std::string& line) = 0;
};

open_msg build_open(const session_options& o) {
  open_msg m;
  m.my_as = o.local_as > 0xffff ? as_trans : static_cast<std::uint16_t>(o.local_as);
  m.hold_time = o.hold_time;
  m.bgp_identifier = o.router_id;
  for (auto f : o.families) {
    cap_multiprotocol c;
    c.afi = f.afi;
    c.safi = f.safi;
    m.opt_param.emplace_back(c);
  }
  if (o.route_refresh) m.opt_param.emplace_back(cap_route_refresh{});
  if (o.extended_message) m.opt_param.emplace_back(make_extended_message_capability());
  if (o.four_octet_as) {
    cap_four_octet_as c;
    c.as_number = o.local_as;
    m.opt_param.emplace_back(c);
  }
  if (!o.add_path.empty()) m.opt_param.emplace_back(make_add_path_capability(o.add_path));
  if (o.graceful_restart) m.opt_param.emplace_back(*o.graceful_restart);
  return m;
}

std::size_t announced_count(const update_msg& u) {
  std::size_t n = u.nlri.size();
  for (const auto& a : u.path_attributes)
    if (auto* r = std::get_if<attr_mp_reach_nlri>(&a)) n += nlri_count(r->nlri);
  return n;
}

std::size_t withdrawn_count(const update_msg& u) {
  std::size_t n = u.withdrawn_routes.size();
  for (const auto& a : u.path_attributes)
    if (auto* r = std::get_if<attr_mp_unreach_nlri>(&a)) n += nlri_count(r->withdrawn_routes);
  return n;
}

// RFC 7606 treat-as-withdraw: every NLRI of the update becomes a withdrawn route (body NLRI to
// the withdrawn routes, MP_REACH_NLRI to an MP_UNREACH_NLRI of its family); nothing else stays.
update_msg as_withdraw(const update_msg& u) {
  update_msg w;
  w.withdrawn_routes = u.withdrawn_routes;
  w.withdrawn_routes.insert(w.withdrawn_routes.end(), u.nlri.begin(), u.nlri.end());
  for (const auto& a : u.path_attributes) {
    if (auto* un = std::get_if<attr_mp_unreach_nlri>(&a)) {
      w.path_attributes.emplace_back(*un);
    } else if (auto* r = std::get_if<attr_mp_reach_nlri>(&a)) {
      attr_mp_unreach_nlri x;
      x.afi = r->afi;
      x.safi = r->safi;
      x.withdrawn_routes = r->nlri;
      w.path_attributes.emplace_back(std::move(x));
    }
  }
  return w;
}

// RFC 7606 attribute-discard: a duplicate keeps its first occurrence, a malformed attribute goes.
void discard_attributes(update_msg& u, const decode_error& f) {
  const bool duplicate = f.subcode == err_sub::malformed_attribute_list;
  bool first = true;
  std::erase_if(u.path_attributes, [&](const path_attribute& a) {
    if (type_of(a) != f.attr_type) return false;
    if (duplicate && first) {
      first = false;
      return false;
    }
    return true;
  });
}

struct queued {
  bytes data;
  bool app = false;  // counted against the application's send-queue bound
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(tcp::socket sock, const session_options& opts, std::weak_ptr<connection_owner> owner, std::string peer)
      : sock_(std::move(sock)),
        hold_timer_(sock_.get_executor()),
        ka_timer_(sock_.get_executor()),
        close_timer_(sock_.get_executor()),
        framer_(65535, [this](bytes_view d, std::size_t base) { return frame_size(d, base); }, "bgp"),
        opts_(opts),
        owner_(std::move(owner)),
        peer_(std::move(peer)) {
    sent_open_ = build_open(opts_);
  }

  session_state state() const { return state_; }
  bool closed() const { return closed_; }
  const std::string& peer() const { return peer_; }

  void start() {
    bytes out;
    if (auto st = encode_message(message(sent_open_), out, context{}); !st) {
      log(log_level::error, "cannot encode our OPEN: " + st.err().to_string());
      close("cannot encode our OPEN");
      return;
    }
    queue(std::move(out), false, 1);
    log(log_level::info,
        fmt::format("TCP connected, OPEN sent (AS {}, hold time {}, router ID {}, families {})", opts_.local_as,
                    opts_.hold_time, opts_.router_id.to_string(), families_text(opts_.families)));
    set_state(session_state::opensent, "TCP connected, OPEN sent");
    hold_ = opts_.open_hold;
    last_rx_ = steady::now();
    arm_hold();
    do_read();
  }

  void send_app(bytes b, std::size_t n_msgs) {
    if (closed_ || flush_then_close_ || state_ != session_state::established) {
      if (auto o = owner_.lock()) o->conn_app_written(b.size());
      log(log_level::warning, "not established any more: messages dropped");
      return;
    }
    queue(std::move(b), true, n_msgs);
  }

  // Sends a NOTIFICATION, then closes the connection once it is written.
  void notify(std::uint8_t code, std::uint8_t subcode, bytes data, const std::string& why) {
    if (closed_ || flush_then_close_) return;
    notification_msg n;
    n.error_code = code;
    n.error_subcode = subcode;
    n.data = std::move(data);
    bytes out;
    context big;
    big.extended_message = true;
    if (encode_message(message(n), out, big)) queue(std::move(out), false, 1);
    const std::string reason = fmt::format("{}: NOTIFICATION {}/{} ({}) sent", why, int{code}, int{subcode},
                                           notification_name(code, subcode));
    log(code == err_code::cease ? log_level::info : log_level::warning, reason);
    if (auto o = owner_.lock()) o->conn_notification(*this, n, true);
    close_after_flush(reason);
  }

  void close(const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    error_code ec;
    hold_timer_.cancel();
    ka_timer_.cancel();
    close_timer_.cancel();
    sock_.shutdown(tcp::socket::shutdown_both, ec);
    sock_.close(ec);
    state_ = session_state::idle;
    auto o = owner_.lock();
    // Application bytes still queued are dropped: give their room back (once: the write in
    // flight, if any, must not count its bytes again).
    std::size_t dropped = 0;
    for (auto& q : queue_)
      if (q.app) {
        dropped += q.data.size();
        q.app = false;
      }
    if (o) {
      if (dropped) o->conn_app_written(dropped);
      o->conn_state(*this, session_state::idle, reason);
    }
  }

  // The application took updates from a full queue: read again.
  void resume() {
    if (!paused_ || closed_) return;
    paused_ = false;
    log(log_level::debug, "receive queue has room again: reading resumed");
    process();
  }

  void log(log_level level, const std::string& text) {
    if (auto o = owner_.lock()) o->conn_log(level, "bgp session " + peer_ + ": " + text);
  }

 private:
  // The stream framer's sizer: marker and length checks (RFC 4271 §6.1), remembering the
  // NOTIFICATION they call for.
  result<std::size_t> frame_size(bytes_view d, std::size_t base) {
    if (d.size() < header_size) {
      for (std::size_t i = 0; i < d.size() && i < 16; ++i)
        if (d[i] != std::byte{0xff}) return framing_fail(base + i, err_sub::connection_not_synchronized, {}, "marker");
      return std::size_t{0};
    }
    for (std::size_t i = 0; i < 16; ++i)
      if (d[i] != std::byte{0xff}) return framing_fail(base + i, err_sub::connection_not_synchronized, {}, "marker");
    const std::uint16_t len = load_be16(d.data() + 16);
    if (len < header_size || len > rctx_.max_message_size())
      return framing_fail(base + 16, err_sub::bad_message_length, bytes(d.begin() + 16, d.begin() + 18), "len",
                          fmt::format("length {} is {}", len,
                                      len < header_size ? std::string("below 19")
                                                        : fmt::format("beyond the maximum {}", rctx_.max_message_size())));
    return std::size_t{len};
  }

  error framing_fail(std::size_t at, std::uint8_t sub, bytes data, const char* field,
                     std::string reason = "marker is not all ones") {
    framing_code_ = sub;
    framing_data_ = std::move(data);
    return make_error("bgp", field, at, std::move(reason));
  }

  void set_state(session_state to, const std::string& reason) {
    if (to == state_) return;
    log(log_level::debug, fmt::format("{} -> {}: {}", to_string(state_), to_string(to), reason));
    state_ = to;
    if (auto o = owner_.lock()) o->conn_state(*this, to, reason);
  }

  void queue(bytes b, bool app, std::size_t n_msgs) {
    if (auto o = owner_.lock()) o->conn_count(0, b.size(), 0, n_msgs);
    queue_.push_back({std::move(b), app});
    if (!writing_) do_write();
  }

  // ---- timers ---------------------------------------------------------------------------------

  void arm_hold() {
    if (hold_.count() == 0) {
      hold_timer_.cancel();
      return;
    }
    hold_timer_.expires_at(last_rx_ + hold_);
    hold_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed_) return;
      self->on_hold();
    });
  }

  void on_hold() {
    if (hold_.count() == 0 || flush_then_close_) return;
    if (paused_) last_rx_ = steady::now();  // we are not reading: the silence is ours
    if (steady::now() - last_rx_ >= hold_) {
      notify(err_code::hold_timer_expired, 0, {},
             fmt::format("hold timer expired (no message for {} ms)", hold_.count()));
      return;
    }
    arm_hold();
  }

  void arm_keepalive() {
    if (keepalive_.count() == 0) return;
    ka_timer_.expires_after(keepalive_);
    ka_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->closed_ || self->flush_then_close_) return;
      self->send_keepalive();
      self->arm_keepalive();
    });
  }

  void send_keepalive() {
    bytes out;
    if (encode_message(message(keepalive_msg{}), out, context{})) queue(std::move(out), false, 1);
  }

  // ---- I/O ------------------------------------------------------------------------------------

  void close_after_flush(const std::string& reason) {
    flush_then_close_ = true;
    close_reason_ = reason;
    hold_timer_.cancel();
    ka_timer_.cancel();
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
    asio::async_write(sock_, asio::buffer(queue_.front().data),
                      [self = shared_from_this()](const error_code& ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(const error_code& ec) {
    writing_ = false;
    if (queue_.front().app)
      if (auto o = owner_.lock()) o->conn_app_written(queue_.front().data.size());
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
      const std::string reason = session_detail::read_error_text(ec);
      log(flush_then_close_ ? log_level::info : log_level::warning, reason);
      close(reason);
      return;
    }
    if (auto o = owner_.lock()) o->conn_count(n, 0, 0, 0);
    framer_.commit(n);
    process();
  }

  void process() {
    for (;;) {
      auto r = framer_.next();
      if (!r) {
        notify(err_code::message_header, framing_code_ ? framing_code_ : err_sub::bad_message_length,
               std::move(framing_data_), r.err().to_string());
        return;
      }
      if (!*r) break;
      handle_frame(**r, framer_.frame_offset());
      if (closed_ || flush_then_close_ || paused_) return;
    }
    do_read();
  }

  void fsm_error(const message& m) {
    const std::uint8_t sub = state_ == session_state::opensent      ? 1
                             : state_ == session_state::openconfirm ? 2
                                                                     : 3;
    notify(err_code::fsm, sub, {}, fmt::format("unexpected {} in {}", class_name(m), to_string(state_)));
  }

  void handle_frame(bytes_view frame, std::size_t offset) {
    last_rx_ = steady::now();
    if (auto o = owner_.lock()) o->conn_count(0, 0, 1, 0);
    decode_options opt;
    opt.revised_error_handling = opts_.revised_error_handling;
    decode_report rep;
    auto m = decode_message(frame, rctx_, opt, rep, offset);
    if (!m) {
      decode_error e;
      if (rep.error) {
        e = *rep.error;
      } else {
        e.err = m.err();
        e.code = err_code::message_header;
      }
      if (e.code == err_code::update_message && e.act == action::treat_as_withdraw && opts_.revised_error_handling &&
          state_ == session_state::established && withdraw_undecodable(frame, offset, e))
        return;
      notify(e.code, e.subcode, std::move(e.data), "received a message that does not decode: " + e.to_string());
      return;
    }
    const bool is_update = std::holds_alternative<update_msg>(*m);
    const action worst_allowed = is_update && opts_.revised_error_handling ? action::treat_as_withdraw : action::none;
    for (auto& f : rep.findings)
      if (f.act > worst_allowed && f.act != action::none && f.code != 0) {
        // afi_safi_disable: RFC 4760 §7 lets a speaker reset the session instead.
        notify(f.code, f.subcode, std::move(f.data), "received " + std::string(class_name(*m)) + ": " + f.to_string());
        return;
      }
    std::visit([&](auto& x) { handle(x, offset, rep); }, *m);
  }

  // An UPDATE whose attribute list cannot be parsed (RFC 7606 §4: an attribute overruns the
  // Total Path Attribute Length): the NLRI field is found through that length and withdrawn.
  bool withdraw_undecodable(bytes_view frame, std::size_t offset, const decode_error& e) {
    if (frame.size() < header_size + 4) return false;
    const std::size_t wl = load_be16(frame.data() + header_size);
    if (header_size + 4 + wl > frame.size()) return false;
    const std::size_t al = load_be16(frame.data() + header_size + 2 + wl);
    if (header_size + 4 + wl + al > frame.size()) return false;
    bytes stripped(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(header_size + 2 + wl));
    stripped.push_back(std::byte{0});
    stripped.push_back(std::byte{0});
    stripped.insert(stripped.end(), frame.begin() + static_cast<std::ptrdiff_t>(header_size + 4 + wl + al),
                    frame.end());
    store_be16(stripped.data() + 16, static_cast<std::uint16_t>(stripped.size()));
    auto m = decode_message(stripped, rctx_);
    if (!m || !std::holds_alternative<update_msg>(*m)) return false;
    update_msg u = as_withdraw(std::get<update_msg>(*m));
    update_info info;
    info.offset = offset;
    info.treated_as_withdraw = true;
    info.findings.push_back(e);
    log(log_level::warning, fmt::format("UPDATE at byte {} treated as withdraw (RFC 7606): {}", offset, e.to_string()));
    deliver(std::move(u), std::move(info));
    return true;
  }

  void deliver(update_msg&& u, update_info&& info) {
    auto o = owner_.lock();
    if (o && !o->conn_update(*this, std::move(u), std::move(info))) {
      paused_ = true;
      log(log_level::debug, "receive queue full: reading paused");
    }
  }

  void handle(open_msg& m, std::size_t, decode_report&) {
    if (state_ != session_state::opensent) return fsm_error(message(m));
    const std::uint32_t as = m.as_number();
    if (opts_.peer_as != 0 && as != opts_.peer_as)
      return notify(err_code::open_message, err_sub::bad_peer_as, {},
                    fmt::format("OPEN from AS {}, expected AS {}", as, opts_.peer_as));
    if (m.has_four_octet_as() && m.my_as != as_trans && m.my_as != as)
      return notify(err_code::open_message, err_sub::bad_peer_as, {},
                    fmt::format("OPEN's My AS {} disagrees with its 4-octet AS {}", m.my_as, as));
    negotiated n;
    n.sent = sent_open_;
    n.received = m;
    n.receive_ctx = negotiate(sent_open_, m);
    n.send_ctx = negotiate(m, sent_open_);
    n.receive_ctx.flowspec_ipv6 = n.send_ctx.flowspec_ipv6 = opts_.flowspec_ipv6;
    n.peer_as = as;
    n.peer_router_id = m.bgp_identifier;
    const std::uint16_t ours = opts_.hold_time > 0 && opts_.hold_time < 3 ? 3 : opts_.hold_time;
    n.hold_time = std::min(ours, m.hold_time);
    n.keepalive_time = n.hold_time / 3;
    auto mine = sent_open_.multiprotocol_families(), theirs = m.multiprotocol_families();
    if (mine.empty()) mine.push_back({afi::ipv4, safi::unicast});
    if (theirs.empty()) theirs.push_back({afi::ipv4, safi::unicast});
    for (auto f : mine)
      if (std::find(theirs.begin(), theirs.end(), f) != theirs.end()) n.families.push_back(f);
    n.four_octet_as = n.receive_ctx.as == context::as_width::four;
    n.route_refresh = opts_.route_refresh &&
                      (m.find_capability<cap_route_refresh>() || m.find_capability<cap_cisco_route_refresh>());
    n.extended_message = n.receive_ctx.extended_message;
    n.add_path_receive = n.receive_ctx.add_path;
    n.add_path_send = n.send_ctx.add_path;
    if (auto* gr = m.find_capability<cap_graceful_restart>()) n.peer_graceful_restart = *gr;
    n.peer_endpoint = peer_;
    rctx_ = n.receive_ctx;
    hold_ = std::chrono::seconds(n.hold_time);
    keepalive_ = std::chrono::seconds(n.keepalive_time);
    log(log_level::info,
        fmt::format("OPEN received: AS {}, router ID {}, hold time {} (negotiated {}), families {}, 4-octet AS {}, "
                    "route refresh {}, extended messages {}, ADD-PATH receive {} send {}, graceful restart {}",
                    as, m.bgp_identifier.to_string(), m.hold_time, n.hold_time, families_text(n.families),
                    n.four_octet_as, n.route_refresh, n.extended_message, families_text(n.add_path_receive),
                    families_text(n.add_path_send),
                    n.peer_graceful_restart ? fmt::format("time {}", n.peer_graceful_restart->time) : "no"));
    if (auto o = owner_.lock()) o->conn_negotiated(*this, n);
    send_keepalive();
    set_state(session_state::openconfirm, "OPEN received, KEEPALIVE sent");
    arm_hold();
    arm_keepalive();
  }

  void handle(keepalive_msg& m, std::size_t, decode_report&) {
    if (state_ == session_state::opensent) return fsm_error(message(m));
    if (state_ == session_state::openconfirm) set_state(session_state::established, "KEEPALIVE received");
  }

  void handle(update_msg& m, std::size_t offset, decode_report& rep) {
    if (state_ != session_state::established) return fsm_error(message(m));
    update_info info;
    info.offset = offset;
    action worst = action::none;
    for (const auto& f : rep.findings) worst = std::max(worst, f.act);
    if (worst == action::treat_as_withdraw) {
      m = as_withdraw(m);
      info.treated_as_withdraw = true;
    } else if (worst == action::attribute_discard) {
      for (const auto& f : rep.findings)
        if (f.act == action::attribute_discard) discard_attributes(m, f);
      info.attributes_discarded = true;
    }
    for (const auto& f : rep.findings)
      log(log_level::warning, fmt::format("UPDATE at byte {}: {}{}", offset, f.to_string(),
                                          worst == action::treat_as_withdraw ? ": treated as withdraw" : ""));
    info.findings = std::move(rep.findings);
    deliver(std::move(m), std::move(info));
  }

  void handle(notification_msg& m, std::size_t, decode_report&) {
    const std::string reason = fmt::format("NOTIFICATION {}/{} ({}) received", int{m.error_code},
                                           int{m.error_subcode}, notification_name(m.error_code, m.error_subcode));
    log(m.error_code == err_code::cease ? log_level::info : log_level::warning, reason);
    if (auto o = owner_.lock()) o->conn_notification(*this, m, false);
    close(reason);
  }

  void handle(route_refresh_msg& m, std::size_t, decode_report&) {
    if (state_ != session_state::established) return fsm_error(message(m));
    if (!opts_.route_refresh) {
      log(log_level::info, "ROUTE-REFRESH received without the capability: ignored");
      return;
    }
    if (auto o = owner_.lock()) o->conn_route_refresh(*this, m);
  }

  void handle(unknown_msg& m, std::size_t, decode_report&) {
    // Reached only if the codec reported no finding for it: still a bad type (RFC 4271 §6.1).
    notify(err_code::message_header, err_sub::bad_message_type, bytes{std::byte{m.type}},
           fmt::format("message type {}", int{m.type}));
  }

  tcp::socket sock_;
  asio::steady_timer hold_timer_, ka_timer_, close_timer_;
  ::wirekit::session::stream_framer framer_;
  const session_options opts_;
  std::weak_ptr<connection_owner> owner_;
  std::string peer_;
  open_msg sent_open_;
  context rctx_{};  // before the OPEN: 4096-byte messages, AS width guessed
  std::uint8_t framing_code_ = 0;
  bytes framing_data_;

  session_state state_ = session_state::connect;
  steady::time_point last_rx_{};
  std::chrono::milliseconds hold_{0}, keepalive_{0};
  bool paused_ = false;

  std::deque<queued> queue_;
  bool writing_ = false;
  bool flush_then_close_ = false;
  std::string close_reason_;
  bool closed_ = false;
};

}  // namespace

// ==== session =====================================================================================

struct session::impl : connection_owner, std::enable_shared_from_this<session::impl> {
  impl(asio::io_context& io, session_options o)
      : strand(asio::make_strand(io)), opts(std::move(o)), acceptor(strand), retry(strand) {}

  strand_t strand;
  session_options opts;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  std::shared_ptr<connection> conn;
  std::shared_ptr<tcp::socket> dialing;
  bool stopped = false;
  std::atomic<std::uint16_t> port{0};

  mutable std::mutex mtx;  // st, reason, neg, stats, pending
  mutable std::condition_variable cv;
  session_state st = session_state::idle;
  std::string reason;
  std::optional<negotiated> neg;
  session_stats stats;
  std::size_t pending = 0;  // application bytes queued for writing

  std::mutex qmtx;
  std::condition_variable qcv;
  std::deque<received_update> rxq;
  std::atomic<bool> reader_paused{false};

  std::recursive_mutex cb_mtx;  // held while a handler runs; the destructor takes it to detach
  bool detached = false;
  std::function<void(session_state, session_state, const std::string&)> state_fn;
  std::function<void(const update_msg&, const update_info&)> update_fn;
  std::function<void(const route_refresh_msg&)> rr_fn;
  std::function<void(const notification_msg&, bool)> notif_fn;
  log_handler log_fn;

  template <class F, class... A>
  void call(const F& fn, const A&... a) {
    std::lock_guard g(cb_mtx);
    if (!detached && fn) fn(a...);
  }
  void log(log_level l, const std::string& line) { call(log_fn, l, line); }

  void publish(session_state to, const std::string& why) {
    session_state from;
    {
      std::lock_guard g(mtx);
      from = st;
      if (from == to) return;
      st = to;
      reason = why;
      if (to == session_state::idle || to == session_state::connect || to == session_state::active) neg.reset();
    }
    cv.notify_all();
    call(state_fn, from, to, why);
  }

  // ---- connection_owner -----------------------------------------------------------------------

  void conn_state(connection& c, session_state to, const std::string& why) override {
    if (&c != conn.get()) return;
    if (to != session_state::idle) {
      publish(to, why);
      return;
    }
    publish(session_state::idle, why);
    conn.reset();
    {
      std::lock_guard g(qmtx);
      reader_paused = false;
    }
    schedule_restart();
  }

  void conn_negotiated(connection& c, const negotiated& n) override {
    if (&c != conn.get()) return;
    std::lock_guard g(mtx);
    neg = n;
  }

  bool conn_update(connection&, update_msg&& u, update_info&& info) override {
    {
      std::lock_guard g(mtx);
      ++stats.updates_received;
      stats.prefixes_announced += announced_count(u);
      stats.prefixes_withdrawn += withdrawn_count(u);
    }
    {
      std::lock_guard g(cb_mtx);
      if (detached) return true;
      if (update_fn) {
        update_fn(u, info);
        return true;
      }
    }
    std::lock_guard g(qmtx);
    rxq.push_back({std::move(u), std::move(info)});
    qcv.notify_all();
    if (rxq.size() >= std::max<std::size_t>(opts.max_receive_queue, 1)) {
      reader_paused = true;
      std::lock_guard g2(mtx);
      ++stats.read_pauses;
      return false;
    }
    return true;
  }

  void conn_route_refresh(connection&, const route_refresh_msg& m) override { call(rr_fn, m); }
  void conn_notification(connection&, const notification_msg& m, bool sent) override { call(notif_fn, m, sent); }

  void conn_app_written(std::size_t n) override {
    {
      std::lock_guard g(mtx);
      pending -= std::min(pending, n);
    }
    cv.notify_all();
  }

  void conn_count(std::size_t rx, std::size_t tx, std::size_t rxm, std::size_t txm) override {
    std::lock_guard g(mtx);
    stats.bytes_received += rx;
    stats.bytes_sent += tx;
    stats.messages_received += rxm;
    stats.messages_sent += txm;
  }

  void conn_log(log_level l, const std::string& line) override { log(l, line); }

  // ---- IDLE / CONNECT / ACTIVE ----------------------------------------------------------------

  std::string label() const {
    return opts.passive ? fmt::format("bgp session (passive, peer {})", opts.peer_address.empty() ? "any" : opts.peer_address)
                        : fmt::format("bgp session {}", opts.peer_address);
  }

  void schedule_restart() {
    if (stopped || !opts.restart) return;
    if (opts.passive) {
      publish(session_state::active, "listening for the peer again");
      return;
    }
    publish(session_state::active, fmt::format("connect-retry timer: dialling again in {} ms", opts.connect_retry.count()));
    arm_retry();
  }

  void arm_retry() {
    retry.expires_after(opts.connect_retry);
    retry.async_wait([self = shared_from_this()](const error_code& ec) {
      if (ec || self->stopped || self->conn) return;
      self->dial();
    });
  }

  void dial() {
    if (stopped || conn) return;
    error_code ec;
    const auto addr = asio::ip::make_address(opts.peer_address, ec);
    if (ec) {
      publish(session_state::idle, fmt::format("'{}' is not an IP address", opts.peer_address));
      return;
    }
    const tcp::endpoint ep(addr, opts.peer_port);
    auto sock = std::make_shared<tcp::socket>(strand);
    auto failed = [this](const std::string& why) {
      log(log_level::warning, label() + ": " + why);
      if (stopped) return;
      if (!opts.restart) {
        publish(session_state::idle, why);
        return;
      }
      publish(session_state::active, why + fmt::format("; dialling again in {} ms", opts.connect_retry.count()));
      arm_retry();
    };
    sock->open(ep.protocol(), ec);
    if (ec) return failed(fmt::format("cannot open a socket: {}", ec.message()));
    if (!opts.local_address.empty()) {
      const auto src = asio::ip::make_address(opts.local_address, ec);
      if (!ec) sock->bind(tcp::endpoint(src, opts.local_port), ec);
      if (ec) return failed(fmt::format("cannot bind to {}: {}", opts.local_address, ec.message()));
    }
    publish(session_state::connect, fmt::format("dialling {}", endpoint_text(ep)));
    dialing = sock;
    // The connect-retry timer also bounds the dial.
    retry.expires_after(opts.connect_retry);
    retry.async_wait([self = shared_from_this(), sock](const error_code& e) {
      if (e || self->dialing != sock) return;
      error_code ignore;
      sock->close(ignore);
    });
    sock->async_connect(ep, [self = shared_from_this(), sock, ep, failed](const error_code& e) {
      if (self->dialing != sock) return;
      self->dialing.reset();
      self->retry.cancel();
      if (self->stopped) return;
      if (e) return failed(fmt::format("connect to {} failed: {}", endpoint_text(ep),
                                       e == asio::error::operation_aborted ? "timed out" : e.message()));
      self->connected(std::move(*sock));
    });
  }

  void connected(tcp::socket sock) {
    error_code ec;
    sock.set_option(tcp::no_delay(true), ec);
    const auto ep = sock.remote_endpoint(ec);
    conn = std::make_shared<connection>(std::move(sock), opts, weak_from_this(), endpoint_text(ep));
    conn->start();
  }

  void do_accept() {
    if (stopped) return;
    auto sock = std::make_shared<tcp::socket>(strand);
    acceptor.async_accept(*sock, [self = shared_from_this(), sock](const error_code& ec) {
      if (self->stopped || ec == asio::error::operation_aborted) return;
      if (ec) {
        self->log(log_level::warning, self->label() + ": accept failed: " + ec.message());
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
    if (ec) return;
    if (!opts.peer_address.empty()) {
      const auto want = asio::ip::make_address(opts.peer_address, ec);
      if (!ec && session_detail::plain_address(want) != session_detail::plain_address(ep.address())) {
        log(log_level::warning, fmt::format("{}: connection from {} refused: not the configured peer", label(),
                                            endpoint_text(ep)));
        sock.close(ec);
        return;
      }
    }
    if (conn || (!opts.restart && st == session_state::idle && started_once)) {
      // One session per peer (no collision resolution): Cease / Connection Rejected.
      log(log_level::warning,
          fmt::format("{}: second connection from {} rejected (Cease 6/5)", label(), endpoint_text(ep)));
      notification_msg n;
      n.error_code = err_code::cease;
      n.error_subcode = 5;
      auto b = std::make_shared<bytes>();
      if (!encode_message(message(n), *b, context{})) return;
      auto s = std::make_shared<tcp::socket>(std::move(sock));
      asio::async_write(*s, asio::buffer(*b), [s, b](const error_code&, std::size_t) {
        error_code ignore;
        s->shutdown(tcp::socket::shutdown_both, ignore);
        s->close(ignore);
      });
      return;
    }
    started_once = true;
    log(log_level::info, fmt::format("{}: connection from {}", label(), endpoint_text(ep)));
    connected(std::move(sock));
  }
  bool started_once = false;

  status listen() {
    const std::string where = opts.local_address.empty() ? "::" : opts.local_address;
    tcp::endpoint bound;
    WIREKIT_TRY(session_detail::listen_on(acceptor, where, opts.local_port, "bgp", "local_address", bound));
    port = bound.port();
    log(log_level::info, fmt::format("{}: listening on {}", label(), endpoint_text(bound)));
    return ok();
  }

  void do_stop() {
    stopped = true;
    error_code ec;
    acceptor.close(ec);
    retry.cancel();
    if (dialing) {
      dialing->close(ec);
      dialing.reset();
    }
    if (conn) {
      auto c = conn;
      if (c->state() == session_state::idle || c->closed())
        c->close("stopped");
      else
        c->notify(err_code::cease, 2, {}, "stopped by the application (Administrative Shutdown)");
    } else {
      publish(session_state::idle, "stopped");
    }
  }

  session_state state() const {
    std::lock_guard g(mtx);
    return st;
  }

  std::optional<bytes> encode_for_send(const message& m) {
    context ctx;
    {
      std::lock_guard g(mtx);
      if (st != session_state::established || !neg) return std::nullopt;
      ctx = neg->send_ctx;
    }
    bytes b;
    if (auto s = encode_message(m, b, ctx); !s) {
      log(log_level::error, label() + ": cannot encode: " + s.err().to_string());
      return std::nullopt;
    }
    return b;
  }

  void post_send(bytes b, bool update) {
    asio::post(strand, [self = shared_from_this(), b = std::move(b), update]() mutable {
      if (update) {
        std::lock_guard g(self->mtx);
        ++self->stats.updates_sent;
      }
      if (self->conn)
        self->conn->send_app(std::move(b), 1);
      else
        self->conn_app_written(b.size());
    });
  }
};

session::session(asio::io_context& io, session_options options)
    : impl_(std::make_shared<impl>(io, std::move(options))) {}

session::~session() {
  {
    std::lock_guard g(impl_->cb_mtx);
    impl_->detached = true;
  }
  asio::post(impl_->strand, [i = impl_] {
    i->stopped = true;
    error_code ec;
    i->acceptor.close(ec);
    i->retry.cancel();
    if (i->dialing) i->dialing->close(ec);
    if (auto c = i->conn) c->close("session destroyed");
  });
}

void session::on_state(std::function<void(session_state, session_state, const std::string&)> fn) {
  impl_->state_fn = std::move(fn);
}
void session::on_update(std::function<void(const update_msg&, const update_info&)> fn) {
  impl_->update_fn = std::move(fn);
}
void session::on_route_refresh(std::function<void(const route_refresh_msg&)> fn) { impl_->rr_fn = std::move(fn); }
void session::on_notification(std::function<void(const notification_msg&, bool)> fn) {
  impl_->notif_fn = std::move(fn);
}
void session::on_log(log_handler fn) { impl_->log_fn = std::move(fn); }

status session::start() {
  auto& i = *impl_;
  if (i.opts.hold_time == 1 || i.opts.hold_time == 2)
    return make_error("bgp", "hold_time", 0, "hold time must be 0 or at least 3 seconds");
  if (i.opts.local_as == 0) return make_error("bgp", "local_as", 0, "local AS 0");
  if (i.opts.passive) {
    WIREKIT_TRY(i.listen());
    asio::post(i.strand, [self = impl_] {
      self->stopped = false;
      self->publish(session_state::active, "listening for the peer");
      self->do_accept();
    });
    return ok();
  }
  error_code ec;
  asio::ip::make_address(i.opts.peer_address, ec);
  if (ec) return make_error("bgp", "peer_address", 0, fmt::format("'{}' is not an IP address", i.opts.peer_address));
  asio::post(i.strand, [self = impl_] {
    self->stopped = false;
    self->dial();
  });
  return ok();
}

void session::stop() {
  asio::post(impl_->strand, [i = impl_] { i->do_stop(); });
}

std::uint16_t session::local_port() const { return impl_->port; }
session_state session::state() const { return impl_->state(); }

bool session::wait_state(session_state s, std::chrono::milliseconds timeout) const {
  std::unique_lock lk(impl_->mtx);
  return impl_->cv.wait_for(lk, timeout, [&] { return impl_->st == s; });
}

bool session::wait_state_change_from(session_state s, std::chrono::milliseconds timeout) const {
  std::unique_lock lk(impl_->mtx);
  return impl_->cv.wait_for(lk, timeout, [&] { return impl_->st != s; });
}

std::optional<negotiated> session::negotiation() const {
  std::lock_guard g(impl_->mtx);
  return impl_->neg;
}

std::string session::last_reason() const {
  std::lock_guard g(impl_->mtx);
  return impl_->reason;
}

session_stats session::stats() const {
  std::lock_guard g(impl_->mtx);
  return impl_->stats;
}

bool session::send(const message& m) { return send_wait(m, std::chrono::milliseconds(0)); }

bool session::send_wait(const message& m, std::chrono::milliseconds timeout) {
  auto b = impl_->encode_for_send(m);
  if (!b) return false;
  {
    std::unique_lock lk(impl_->mtx);
    const std::size_t max = impl_->opts.max_send_queue;
    auto room = [&] { return impl_->pending + b->size() <= max || impl_->pending == 0; };
    if (!room()) {
      if (timeout.count() == 0 || !impl_->cv.wait_for(lk, timeout, [&] {
            return room() || impl_->st != session_state::established;
          }))
        return false;
      if (impl_->st != session_state::established) return false;
    }
    impl_->pending += b->size();
  }
  impl_->post_send(std::move(*b), std::holds_alternative<update_msg>(m));
  return true;
}

bool session::flush(std::chrono::milliseconds timeout) const {
  std::unique_lock lk(impl_->mtx);
  return impl_->cv.wait_for(lk, timeout, [&] { return impl_->pending == 0; });
}

bool session::route_refresh(family f) {
  {
    std::lock_guard g(impl_->mtx);
    if (!impl_->neg || !impl_->neg->route_refresh) return false;
  }
  route_refresh_msg m;
  m.afi = f.afi;
  m.safi = f.safi;
  return send(message(m));
}

std::optional<received_update> session::next_update(std::chrono::milliseconds timeout) {
  auto& i = *impl_;
  std::unique_lock lk(i.qmtx);
  if (!i.qcv.wait_for(lk, timeout, [&] { return !i.rxq.empty(); })) return std::nullopt;
  received_update r = std::move(i.rxq.front());
  i.rxq.pop_front();
  if (i.reader_paused && i.rxq.size() <= std::max<std::size_t>(i.opts.max_receive_queue, 1) / 2) {
    i.reader_paused = false;
    asio::post(i.strand, [self = impl_] {
      if (self->conn) self->conn->resume();
    });
  }
  return r;
}

}  // namespace wirekit::bgp
