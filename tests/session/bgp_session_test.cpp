// BGP session (include/wirekit/session/bgp.hpp) on loopback:
//   - a raw-socket test peer (bytes written by hand from RFC 4271 / 4760 / 6793 / 7606 layouts,
//     not by the codec under test) checks our OPEN, the FSM, and the NOTIFICATION sent for each
//     error class on the wire: 1/1 bad marker, 1/2 bad length, 1/3 bad type, 2/1 version, 2/2 bad
//     peer AS, 2/3 BGP identifier, 2/6 hold time, 3/1 malformed attribute list, 4/0 hold timer
//     expiry, 5/1 unexpected message, 6/2 stop, 6/5 second connection; RFC 7606 treat-as-withdraw;
//     back-pressure (the socket is not read while the receive queue is full);
//   - os-ken's BGPSpeaker (/usr/bin/python3, tests/session/bgp_osken_peer.py), a real peer, both
//     directions: routes it originates arrive decoded as os-ken says it sent them (neighbor_get
//     sent-routes), routes we announce appear in its best-path events and Adj-RIB-In as we sent
//     them, withdrawals remove them;
//   - gobgpd (skipped when not installed): established from a bound 127.0.0.x source, 100,000
//     routes injected with `gobgp mrt inject` arrive decoded (count and a sample compared with
//     `gobgp global rib -j`), our routes appear in `gobgp global rib`, withdrawals remove them,
//     killing gobgpd is noticed within the hold time.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>
// (before Boost.Asio)
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "support/process.hpp"
#include "wirekit/session/bgp.hpp"

using namespace wirekit;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using ms = std::chrono::milliseconds;
using steady = std::chrono::steady_clock;
using wirekit::bgp::session_state;

extern char** environ;

namespace {

using test::io_thread;

using raw = std::vector<std::uint8_t>;

// ---- BGP bytes by hand (RFC 4271 §4) --------------------------------------------------------------

raw msg(std::uint8_t type, const raw& body) {
  raw m(16, 0xff);
  const std::size_t len = 19 + body.size();
  m.push_back(static_cast<std::uint8_t>(len >> 8));
  m.push_back(static_cast<std::uint8_t>(len));
  m.push_back(type);
  m.insert(m.end(), body.begin(), body.end());
  return m;
}

void put16(raw& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void put32(raw& b, std::uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xffff);
}

// OPEN: MP IPv4 unicast, route refresh, 4-octet AS (RFC 5492 capabilities in one parameter).
raw open_bytes(std::uint32_t as, unsigned hold, std::uint32_t id, std::uint8_t version = 4, bool four = true,
               raw extra_caps = {}) {
  raw caps = {1, 4, 0, 1, 0, 1, 2, 0};
  if (four) {
    caps.insert(caps.end(), {65, 4});
    put32(caps, as);
  }
  caps.insert(caps.end(), extra_caps.begin(), extra_caps.end());
  raw b = {version};
  put16(b, as > 0xffff ? 23456 : as);
  put16(b, hold);
  put32(b, id);
  b.push_back(static_cast<std::uint8_t>(caps.size() + 2));
  b.push_back(2);
  b.push_back(static_cast<std::uint8_t>(caps.size()));
  b.insert(b.end(), caps.begin(), caps.end());
  return msg(1, b);
}

const raw keepalive = msg(4, {});

// UPDATE with ORIGIN, AS_PATH (one AS_SEQUENCE, 4-byte ASNs), NEXT_HOP, optional MED and
// COMMUNITIES, and IPv4 NLRI.
raw update_bytes(const std::vector<std::pair<std::uint32_t, int>>& nlri, std::vector<std::uint32_t> path,
                 std::uint32_t nh, std::optional<std::uint32_t> med = {}, std::vector<std::uint32_t> comms = {},
                 std::uint8_t origin = 0, raw withdrawn = {}) {
  raw a = {0x40, 1, 1, origin};
  a.insert(a.end(), {0x40, 2, static_cast<std::uint8_t>(2 + 4 * path.size()), 2,
                     static_cast<std::uint8_t>(path.size())});
  for (auto x : path) put32(a, x);
  a.insert(a.end(), {0x40, 3, 4});
  put32(a, nh);
  if (med) {
    a.insert(a.end(), {0x80, 4, 4});
    put32(a, *med);
  }
  if (!comms.empty()) {
    a.insert(a.end(), {0xc0, 8, static_cast<std::uint8_t>(4 * comms.size())});
    for (auto c : comms) put32(a, c);
  }
  raw b;
  put16(b, withdrawn.size());
  b.insert(b.end(), withdrawn.begin(), withdrawn.end());
  put16(b, a.size());
  b.insert(b.end(), a.begin(), a.end());
  for (auto [p, len] : nlri) {
    b.push_back(static_cast<std::uint8_t>(len));
    for (int i = 0; i < (len + 7) / 8; ++i) b.push_back(static_cast<std::uint8_t>(p >> (24 - 8 * i)));
  }
  return msg(2, b);
}

std::uint32_t ip4(const char* s) {
  in_addr a{};
  inet_pton(AF_INET, s, &a);
  return ntohl(a.s_addr);
}

std::string prefix_text(const bgp::prefix_nlri& p) { return p.addr.to_string() + "/" + std::to_string(p.prefix_length()); }

// ---- a raw TCP peer -------------------------------------------------------------------------------

struct fd_guard {
  int fd = -1;
  explicit fd_guard(int f = -1) : fd(f) {}
  fd_guard(fd_guard&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  fd_guard& operator=(fd_guard&& o) noexcept {
    if (fd >= 0) ::close(fd);
    fd = std::exchange(o.fd, -1);
    return *this;
  }
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

int listen_on(const char* addr, std::uint16_t& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, addr, &sa.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || ::listen(fd, 8) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t sl = sizeof sa;
  getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &sl);
  port = ntohs(sa.sin_port);
  return fd;
}

// A free TCP port on addr (bound and released: good enough for a test on loopback).
std::uint16_t free_port(const char* addr = "127.0.0.1") {
  std::uint16_t p = 0;
  fd_guard f(listen_on(addr, p));
  return p;
}

int accept_within(int lfd, ms timeout) {
  pollfd p{lfd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return -1;
  return ::accept(lfd, nullptr, nullptr);
}

int connect_to(const char* addr, std::uint16_t port, const char* bind_addr = nullptr) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  if (bind_addr) {
    inet_pton(AF_INET, bind_addr, &sa.sin_addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
  }
  sa.sin_port = htons(port);
  inet_pton(AF_INET, addr, &sa.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const raw& b) {
  std::size_t off = 0;
  while (off < b.size()) {
    auto n = ::send(fd, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads exactly n bytes within the deadline; false on EOF / timeout.
bool read_exact(int fd, std::uint8_t* p, std::size_t n, steady::time_point deadline) {
  while (n > 0) {
    const auto left = std::chrono::duration_cast<ms>(deadline - steady::now()).count();
    if (left <= 0) return false;
    pollfd pf{fd, POLLIN, 0};
    if (::poll(&pf, 1, static_cast<int>(left)) <= 0) return false;
    auto r = ::recv(fd, p, n, 0);
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

// One BGP message (header included), or empty on EOF / timeout.
raw read_msg(int fd, ms timeout = 5s) {
  const auto deadline = steady::now() + timeout;
  raw h(19);
  if (!read_exact(fd, h.data(), 19, deadline)) return {};
  const std::size_t len = (h[16] << 8) | h[17];
  if (len < 19) return h;
  h.resize(len);
  if (!read_exact(fd, h.data() + 19, len - 19, deadline)) return {};
  return h;
}

// Reads messages until one of `type` (skipping KEEPALIVEs etc.).
raw read_type(int fd, std::uint8_t type, ms timeout = 5s) {
  const auto deadline = steady::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<ms>(deadline - steady::now());
    if (left.count() <= 0) return {};
    raw m = read_msg(fd, left);
    if (m.empty() || m[18] == type) return m;
  }
}

bool peer_closed(int fd, ms timeout = 3s) {
  const auto deadline = steady::now() + timeout;
  std::uint8_t b[256];
  for (;;) {
    const auto left = std::chrono::duration_cast<ms>(deadline - steady::now()).count();
    if (left <= 0) return false;
    pollfd pf{fd, POLLIN, 0};
    if (::poll(&pf, 1, static_cast<int>(left)) <= 0) return false;
    if (::recv(fd, b, sizeof b, 0) <= 0) return true;
  }
}

// Everything a session reports, for the test thread.
struct events {
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::pair<session_state, std::string>> states;
  std::vector<bgp::received_update> updates;
  std::vector<std::pair<bgp::notification_msg, bool>> notifications;
  std::vector<std::string> logs;

  void attach(bgp::session& s, bool updates_by_callback = true) {
    s.on_state([this](session_state, session_state to, const std::string& why) {
      add([&] { states.emplace_back(to, why); });
    });
    if (updates_by_callback)
      s.on_update([this](const bgp::update_msg& u, const bgp::update_info& i) {
        add([&] { updates.push_back({u, i}); });
      });
    s.on_notification(
        [this](const bgp::notification_msg& n, bool sent) { add([&] { notifications.emplace_back(n, sent); }); });
    s.on_log([this](bgp::log_level, const std::string& line) { add([&] { logs.push_back(line); }); });
  }
  template <class F>
  void add(F f) {
    {
      std::lock_guard g(m);
      f();
    }
    cv.notify_all();
  }
  template <class P>
  bool wait(P pred, ms timeout = 5s) {
    std::unique_lock lk(m);
    return cv.wait_for(lk, timeout, pred);
  }
  std::string all_logs() {
    std::lock_guard g(m);
    std::string s;
    for (auto& l : logs) s += l + "\n";
    return s;
  }
};

bgp::session_options base_options(std::uint16_t peer_port) {
  bgp::session_options o;
  o.local_as = 65001;
  o.router_id = *ipv4_addr::parse("192.0.2.1");
  o.peer_address = "127.0.0.1";
  o.peer_port = peer_port;
  o.peer_as = 65002;
  o.restart = false;
  return o;
}

// Our session dials a raw listening peer; the peer accepts and reads our OPEN.
struct raw_fixture {
  io_thread io;
  std::uint16_t port = 0;
  fd_guard lfd{listen_on("127.0.0.1", port)};
  bgp::session_options opts = base_options(port);
  std::unique_ptr<bgp::session> s;
  events ev;
  fd_guard peer;
  raw our_open;

  void start(bool callbacks = true) {
    s = std::make_unique<bgp::session>(io.io, opts);
    ev.attach(*s, callbacks);
    ASSERT_TRUE(s->start());
    peer = fd_guard(accept_within(lfd.fd, 5s));
    ASSERT_GE(peer.fd, 0) << "the session did not dial";
    our_open = read_msg(peer.fd);
    ASSERT_GE(our_open.size(), 29u);
    ASSERT_EQ(our_open[18], 1) << "first message is not an OPEN";
  }
  // OPEN + KEEPALIVE from the peer; waits for ESTABLISHED.
  void establish(unsigned hold = 90) {
    ASSERT_TRUE(send_all(peer.fd, open_bytes(65002, hold, ip4("192.0.2.2"))));
    raw ka = read_msg(peer.fd);
    ASSERT_EQ(ka.size(), 19u);
    ASSERT_EQ(ka[18], 4) << "no KEEPALIVE after our OPEN was answered";
    ASSERT_TRUE(send_all(peer.fd, keepalive));
    ASSERT_TRUE(s->wait_established(5s)) << ev.all_logs();
  }
  // Expects a NOTIFICATION code/subcode (and data) on the wire, then the close.
  void expect_notification(std::uint8_t code, std::uint8_t sub, std::optional<raw> data = {}) {
    raw n = read_type(peer.fd, 3);
    ASSERT_GE(n.size(), 21u) << "no NOTIFICATION; log:\n" << ev.all_logs();
    EXPECT_EQ(n[19], code);
    EXPECT_EQ(n[20], sub);
    if (data) {
      EXPECT_EQ(raw(n.begin() + 21, n.end()), *data);
    }
    EXPECT_TRUE(peer_closed(peer.fd)) << "the session did not close the connection after its NOTIFICATION";
    EXPECT_TRUE(s->wait_state(session_state::idle, 3s));
  }
  ~raw_fixture() { s.reset(); }
};

}  // namespace

// ---- our OPEN, negotiation, UPDATE both ways --------------------------------------------------------

TEST(BgpSessionRaw, OpenCarriesConfiguredCapabilitiesAndNegotiates) {
  raw_fixture f;
  f.opts.local_as = 4200000001u;  // 4-byte AS: My AS is AS_TRANS (RFC 6793)
  f.opts.families = {{1, 1}, {2, 1}};
  f.opts.extended_message = true;
  f.opts.add_path = {{1, 1, 3}};
  bgp::cap_graceful_restart gr;
  gr.time = 120;
  gr.tuples = {{1, 1, 0x80}};
  f.opts.graceful_restart = gr;
  f.opts.peer_as = 65002;
  f.start();
  const raw& o = f.our_open;
  EXPECT_EQ(o[19], 4);                       // version
  EXPECT_EQ((o[20] << 8) | o[21], 23456);    // AS_TRANS
  EXPECT_EQ((o[22] << 8) | o[23], 90);       // hold time
  EXPECT_EQ(raw(o.begin() + 24, o.begin() + 28), (raw{192, 0, 2, 1}));
  // Walk the optional parameters by hand: every capability code and value.
  std::map<int, std::vector<raw>> caps;
  std::size_t i = 29, end = 29 + o[28];
  ASSERT_EQ(end, o.size());
  while (i + 2 <= end) {
    ASSERT_EQ(o[i], 2);
    std::size_t pe = i + 2 + o[i + 1];
    for (std::size_t j = i + 2; j + 2 <= pe;) {
      caps[o[j]].push_back(raw(o.begin() + j + 2, o.begin() + j + 2 + o[j + 1]));
      j += 2 + o[j + 1];
    }
    i = pe;
  }
  EXPECT_EQ(caps[1], (std::vector<raw>{{0, 1, 0, 1}, {0, 2, 0, 1}}));
  EXPECT_EQ(caps[2], (std::vector<raw>{{}}));
  EXPECT_EQ(caps[6], (std::vector<raw>{{}}));
  EXPECT_EQ(caps[65], (std::vector<raw>{{0xfa, 0x56, 0xea, 0x01}}));  // 4200000001
  EXPECT_EQ(caps[69], (std::vector<raw>{{0, 1, 1, 3}}));
  EXPECT_EQ(caps[64], (std::vector<raw>{{0x00, 120, 0, 1, 1, 0x80}}));

  // The peer: ADD-PATH send for IPv4 unicast, extended messages, graceful restart, hold 30.
  raw extra = {69, 4, 0, 1, 1, 2, 6, 0, 64, 6, 0x80, 90, 0, 1, 1, 0};
  ASSERT_TRUE(send_all(f.peer.fd, open_bytes(65002, 30, ip4("192.0.2.2"), 4, true, extra)));
  ASSERT_EQ(read_msg(f.peer.fd)[18], 4);
  ASSERT_TRUE(send_all(f.peer.fd, keepalive));
  ASSERT_TRUE(f.s->wait_established(5s)) << f.ev.all_logs();
  auto n = f.s->negotiation();
  ASSERT_TRUE(n);
  EXPECT_EQ(n->hold_time, 30);
  EXPECT_EQ(n->keepalive_time, 10);
  EXPECT_EQ(n->peer_as, 65002u);
  EXPECT_TRUE(n->four_octet_as);
  EXPECT_TRUE(n->route_refresh);
  EXPECT_TRUE(n->extended_message);
  EXPECT_EQ(n->families, (std::vector<bgp::family>{{1, 1}}));
  EXPECT_EQ(n->add_path_receive, (std::vector<bgp::family>{{1, 1}}));
  EXPECT_TRUE(n->add_path_send.empty());  // the peer only sends
  ASSERT_TRUE(n->peer_graceful_restart);
  EXPECT_EQ(n->peer_graceful_restart->flags, 8);
  EXPECT_EQ(n->peer_graceful_restart->time, 90);
  EXPECT_EQ(n->receive_ctx.as, bgp::context::as_width::four);
  EXPECT_EQ(n->receive_ctx.max_message_size(), 65535u);

  // An ADD-PATH UPDATE (path ID before each prefix, RFC 7911) decodes with the context.
  raw a = {0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xea, 0x40, 3, 4, 192, 0, 2, 2};
  raw body = {0, 0, 0, static_cast<std::uint8_t>(a.size())};
  body.insert(body.end(), a.begin(), a.end());
  body.insert(body.end(), {0, 0, 0, 7, 24, 10, 9, 8});
  ASSERT_TRUE(send_all(f.peer.fd, msg(2, body)));
  ASSERT_TRUE(f.ev.wait([&] { return !f.ev.updates.empty(); })) << f.ev.all_logs();
  std::lock_guard g(f.ev.m);
  const auto& u = f.ev.updates[0].update;
  ASSERT_EQ(u.nlri.size(), 1u);
  EXPECT_EQ(u.nlri[0].path_id, 7u);
  EXPECT_EQ(prefix_text(u.nlri[0]), "10.9.8.0/24");
  auto* path = u.find<bgp::attr_as_path>();
  ASSERT_TRUE(path);
  ASSERT_EQ(path->value.size(), 1u);
  EXPECT_EQ(path->value[0].asns, (std::vector<std::uint32_t>{65002}));
}

TEST(BgpSessionRaw, UpdatesBothWaysAndKeepalives) {
  raw_fixture f;
  f.start();
  f.establish(3);  // hold 3 s: keepalives every second
  // Received: decoded as the bytes say.
  ASSERT_TRUE(send_all(f.peer.fd, update_bytes({{ip4("10.1.0.0"), 24}, {ip4("10.2.0.0"), 16}}, {65002, 65100},
                                               ip4("192.0.2.2"), 50, {(65002u << 16) | 100})));
  ASSERT_TRUE(f.ev.wait([&] { return !f.ev.updates.empty(); }));
  {
    std::lock_guard g(f.ev.m);
    const auto& u = f.ev.updates[0].update;
    ASSERT_EQ(u.nlri.size(), 2u);
    EXPECT_EQ(prefix_text(u.nlri[0]), "10.1.0.0/24");
    EXPECT_EQ(prefix_text(u.nlri[1]), "10.2.0.0/16");
    ASSERT_TRUE(u.find<bgp::attr_multi_exit_disc>());
    EXPECT_EQ(u.find<bgp::attr_multi_exit_disc>()->value, 50u);
    ASSERT_TRUE(u.find<bgp::attr_next_hop>());
    EXPECT_EQ(u.find<bgp::attr_next_hop>()->value.to_string(), "192.0.2.2");
    EXPECT_EQ(u.find<bgp::attr_as_path>()->value[0].asns, (std::vector<std::uint32_t>{65002, 65100}));
    EXPECT_FALSE(f.ev.updates[0].info.treated_as_withdraw);
  }
  // Sent: the bytes on the wire are the RFC layout (4-byte AS_PATH: 4-octet AS negotiated).
  auto m = bgp::message_from_json(nlohmann::json::parse(R"({"BGPUpdate": {"path_attributes": [
      {"BGPPathAttributeOrigin": {"value": 0}},
      {"BGPPathAttributeAsPath": {"value": [[65001]]}},
      {"BGPPathAttributeNextHop": {"value": "192.0.2.1"}}],
      "nlri": [{"BGPNLRI": {"addr": "10.50.0.0", "length": 24}}]}})"));
  ASSERT_TRUE(m) << m.err().to_string();
  ASSERT_TRUE(f.s->send(*m));
  raw u = read_type(f.peer.fd, 2);
  const raw want = update_bytes({{ip4("10.50.0.0"), 24}}, {65001}, ip4("192.0.2.1"));
  EXPECT_EQ(u, want);
  // Keepalives every hold/3 keep the session up past the hold time.
  const auto t0 = steady::now();
  int kas = 0;
  while (steady::now() - t0 < 4s) {
    raw k = read_msg(f.peer.fd, 2s);
    ASSERT_FALSE(k.empty());
    if (k[18] == 4) {
      ++kas;
      send_all(f.peer.fd, keepalive);
    }
  }
  EXPECT_GE(kas, 3);
  EXPECT_TRUE(f.s->established());
  f.s->stop();
  f.expect_notification(6, 2);  // Cease / Administrative Shutdown
}

// ---- NOTIFICATION for every error class, checked on the wire ------------------------------------------

TEST(BgpSessionRaw, BadMarkerIsConnectionNotSynchronized) {
  raw_fixture f;
  f.start();
  raw b = open_bytes(65002, 90, ip4("192.0.2.2"));
  b[5] = 0xfe;
  send_all(f.peer.fd, b);
  f.expect_notification(1, 1, raw{});
}

TEST(BgpSessionRaw, BadLengthIsBadMessageLength) {
  raw_fixture f;
  f.start();
  raw b(16, 0xff);
  b.insert(b.end(), {0, 18, 4});  // length 18 < 19
  send_all(f.peer.fd, b);
  f.expect_notification(1, 2, raw{0, 18});
}

TEST(BgpSessionRaw, OversizedMessageIsBadMessageLength) {
  raw_fixture f;
  f.start();
  f.establish();
  raw b(16, 0xff);
  b.insert(b.end(), {0x10, 0x01, 2});  // 4097 without extended messages
  send_all(f.peer.fd, b);
  f.expect_notification(1, 2, raw{0x10, 0x01});
}

TEST(BgpSessionRaw, KeepaliveWithBodyIsBadMessageLength) {
  raw_fixture f;
  f.start();
  f.establish();
  send_all(f.peer.fd, msg(4, {0}));
  f.expect_notification(1, 2, raw{0, 20});
}

TEST(BgpSessionRaw, BadTypeIsBadMessageType) {
  raw_fixture f;
  f.start();
  f.establish();
  send_all(f.peer.fd, msg(9, {}));
  f.expect_notification(1, 3, raw{9});
}

TEST(BgpSessionRaw, UnsupportedVersion) {
  raw_fixture f;
  f.start();
  send_all(f.peer.fd, open_bytes(65002, 90, ip4("192.0.2.2"), 3));
  f.expect_notification(2, 1, raw{0, 4});  // data: the largest version we support
}

TEST(BgpSessionRaw, BadPeerAs) {
  raw_fixture f;
  f.start();
  send_all(f.peer.fd, open_bytes(65099, 90, ip4("192.0.2.2")));
  f.expect_notification(2, 2);
}

TEST(BgpSessionRaw, BadPeerAsWithoutFourOctetCapability) {
  raw_fixture f;
  f.opts.peer_as = 4200000002u;  // a 2-octet-only peer can only say AS_TRANS... and says 65002
  f.start();
  send_all(f.peer.fd, open_bytes(65002, 90, ip4("192.0.2.2"), 4, false));
  f.expect_notification(2, 2);
}

TEST(BgpSessionRaw, BgpIdentifierZero) {
  raw_fixture f;
  f.start();
  send_all(f.peer.fd, open_bytes(65002, 90, 0));
  f.expect_notification(2, 3);
}

TEST(BgpSessionRaw, HoldTimeOneOrTwoIsUnacceptable) {
  for (unsigned hold : {1u, 2u}) {
    raw_fixture f;
    f.start();
    send_all(f.peer.fd, open_bytes(65002, hold, ip4("192.0.2.2")));
    f.expect_notification(2, 6);
  }
}

TEST(BgpSessionRaw, OverrunningAttributeLengthIsMalformedAttributeList) {
  raw_fixture f;
  f.start();
  f.establish();
  // Total Path Attribute Length 200 with 4 bytes following (RFC 4271 §6.3: 3/1).
  send_all(f.peer.fd, msg(2, {0, 0, 0, 200, 0x40, 1, 1, 0}));
  f.expect_notification(3, 1);
}

TEST(BgpSessionRaw, WithdrawnLengthOverrunIsMalformedAttributeList) {
  raw_fixture f;
  f.start();
  f.establish();
  send_all(f.peer.fd, msg(2, {0, 50, 24, 10, 0, 0}));
  f.expect_notification(3, 1);
}

TEST(BgpSessionRaw, DuplicateMpReachIsMalformedAttributeList) {
  raw_fixture f;
  f.opts.families = {{1, 1}, {2, 1}};
  f.start();
  f.establish();
  // Two MP_REACH_NLRI (IPv6 unicast, next hop 2001:db8::1, 2001:db8:1::/48): RFC 7606 §3.g reset.
  raw mp = {0x80, 14, 0, 0, 2, 1, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
            48, 0x20, 0x01, 0x0d, 0xb8, 0, 1};
  mp[2] = static_cast<std::uint8_t>(mp.size() - 3);
  raw a = {0x40, 1, 1, 0, 0x40, 2, 0};
  a.insert(a.end(), mp.begin(), mp.end());
  a.insert(a.end(), mp.begin(), mp.end());
  raw b = {0, 0};
  put16(b, a.size());
  b.insert(b.end(), a.begin(), a.end());
  send_all(f.peer.fd, msg(2, b));
  f.expect_notification(3, 1);
}

TEST(BgpSessionRaw, MissingWellKnownWithoutRevisedHandlingResets) {
  raw_fixture f;
  f.opts.revised_error_handling = false;
  f.start();
  f.establish();
  // NLRI without NEXT_HOP: 3/3, data = the missing type (RFC 4271 §6.3).
  raw a = {0x40, 1, 1, 0, 0x40, 2, 0};
  raw b = {0, 0};
  put16(b, a.size());
  b.insert(b.end(), a.begin(), a.end());
  b.insert(b.end(), {24, 10, 3, 3});
  send_all(f.peer.fd, msg(2, b));
  f.expect_notification(3, 3, raw{3});
}

TEST(BgpSessionRaw, Rfc7606TreatAsWithdraw) {
  raw_fixture f;
  f.start();
  f.establish();
  // ORIGIN value 7 (invalid, RFC 7606 §7.1: treat-as-withdraw).
  send_all(f.peer.fd, update_bytes({{ip4("10.7.0.0"), 24}}, {65002}, ip4("192.0.2.2"), {}, {}, 7));
  // An attribute that overruns the attribute list (RFC 7606 §4): NLRI found through the total
  // length, withdrawn. Attributes: ORIGIN, then a MED claiming 9 bytes where 4 remain.
  raw a = {0x40, 1, 1, 0, 0x80, 4, 9, 0, 0, 0, 1};
  raw b = {0, 0};
  put16(b, a.size());
  b.insert(b.end(), a.begin(), a.end());
  b.insert(b.end(), {24, 10, 8, 0});
  send_all(f.peer.fd, msg(2, b));
  ASSERT_TRUE(f.ev.wait([&] { return f.ev.updates.size() >= 2; })) << f.ev.all_logs();
  EXPECT_TRUE(f.s->established()) << "treat-as-withdraw must not reset the session";
  std::lock_guard g(f.ev.m);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& r = f.ev.updates[i];
    EXPECT_TRUE(r.info.treated_as_withdraw);
    EXPECT_TRUE(r.update.nlri.empty());
    ASSERT_EQ(r.update.withdrawn_routes.size(), 1u);
    EXPECT_EQ(prefix_text(r.update.withdrawn_routes[0]), i == 0 ? "10.7.0.0/24" : "10.8.0.0/24");
    ASSERT_FALSE(r.info.findings.empty());
  }
  EXPECT_EQ(f.ev.updates[0].info.findings[0].subcode, 6);  // Invalid ORIGIN
  EXPECT_EQ(f.ev.updates[1].info.findings[0].subcode, 1);  // Malformed Attribute List
}

TEST(BgpSessionRaw, HoldTimerExpiry) {
  raw_fixture f;
  f.start();
  f.establish(3);
  const auto t0 = steady::now();
  // Silence (keepalives from the session are read and not answered).
  raw n = read_type(f.peer.fd, 3, 6s);
  const auto took = steady::now() - t0;
  ASSERT_GE(n.size(), 21u) << f.ev.all_logs();
  EXPECT_EQ(n[19], 4);
  EXPECT_EQ(n[20], 0);
  EXPECT_GE(took, 2500ms);
  EXPECT_LE(took, 4500ms);
  EXPECT_TRUE(f.s->wait_state(session_state::idle, 3s));
}

TEST(BgpSessionRaw, UnexpectedMessageIsFsmError) {
  {
    raw_fixture f;
    f.start();
    send_all(f.peer.fd, keepalive);  // KEEPALIVE in OPENSENT
    f.expect_notification(5, 1);
  }
  {
    raw_fixture f;
    f.start();
    send_all(f.peer.fd, open_bytes(65002, 90, ip4("192.0.2.2")));
    ASSERT_EQ(read_msg(f.peer.fd)[18], 4);
    send_all(f.peer.fd, update_bytes({{ip4("10.1.0.0"), 24}}, {65002}, ip4("192.0.2.2")));  // in OPENCONFIRM
    f.expect_notification(5, 2);
  }
  {
    raw_fixture f;
    f.start();
    f.establish();
    send_all(f.peer.fd, open_bytes(65002, 90, ip4("192.0.2.2")));  // OPEN in ESTABLISHED
    f.expect_notification(5, 3);
  }
}

TEST(BgpSessionRaw, NotificationFromPeerClosesAndRestarts) {
  raw_fixture f;
  f.opts.restart = true;
  f.opts.connect_retry = 300ms;
  f.start();
  f.establish();
  send_all(f.peer.fd, msg(3, {6, 4}));  // Cease / Administrative Reset
  EXPECT_TRUE(peer_closed(f.peer.fd));
  ASSERT_TRUE(f.ev.wait([&] {
    for (auto& [n, sent] : f.ev.notifications)
      if (!sent && n.error_code == 6 && n.error_subcode == 4) return true;
    return false;
  }));
  // connect-retry: it dials again.
  fd_guard again(accept_within(f.lfd.fd, 3s));
  ASSERT_GE(again.fd, 0) << f.ev.all_logs();
  EXPECT_EQ(read_msg(again.fd)[18], 1);
}

TEST(BgpSessionRaw, DialRetriesUntilThePeerListens) {
  io_thread io;
  const std::uint16_t port = free_port();
  auto o = base_options(port);
  o.restart = true;
  o.connect_retry = 200ms;
  events ev;
  bgp::session s(io.io, o);
  ev.attach(s);
  ASSERT_TRUE(s.start());
  ASSERT_TRUE(ev.wait([&] {
    for (auto& [st, why] : ev.states)
      if (st == session_state::active) return true;
    return false;
  }));
  std::uint16_t p = port;
  fd_guard l(listen_on("127.0.0.1", p));
  fd_guard c(accept_within(l.fd, 3s));
  ASSERT_GE(c.fd, 0);
  EXPECT_EQ(read_msg(c.fd)[18], 1);
}

// ---- passive mode --------------------------------------------------------------------------------

TEST(BgpSessionRaw, PassiveAcceptsPeerAndRejectsSecondConnection) {
  io_thread io;
  auto o = base_options(0);
  o.passive = true;
  o.local_address = "127.0.0.1";
  o.local_port = 0;
  o.restart = true;
  events ev;
  bgp::session s(io.io, o);
  ev.attach(s);
  ASSERT_TRUE(s.start());
  ASSERT_NE(s.local_port(), 0);
  ASSERT_TRUE(s.wait_state(session_state::active, 3s));
  fd_guard c(connect_to("127.0.0.1", s.local_port()));
  ASSERT_GE(c.fd, 0);
  raw open = read_msg(c.fd);
  ASSERT_FALSE(open.empty());
  EXPECT_EQ(open[18], 1);
  send_all(c.fd, open_bytes(65002, 90, ip4("192.0.2.2")));
  EXPECT_EQ(read_msg(c.fd)[18], 4);
  send_all(c.fd, keepalive);
  ASSERT_TRUE(s.wait_established(3s));
  fd_guard c2(connect_to("127.0.0.1", s.local_port()));
  raw n = read_msg(c2.fd);
  ASSERT_GE(n.size(), 21u);
  EXPECT_EQ(n[18], 3);
  EXPECT_EQ(n[19], 6);
  EXPECT_EQ(n[20], 5);  // Cease / Connection Rejected
  EXPECT_TRUE(s.established());
}

TEST(BgpSessionRaw, PassiveRefusesOtherSources) {
  io_thread io;
  auto o = base_options(0);
  o.passive = true;
  o.peer_address = "127.0.0.9";
  o.local_address = "127.0.0.1";
  events ev;
  bgp::session s(io.io, o);
  ev.attach(s);
  ASSERT_TRUE(s.start());
  fd_guard c(connect_to("127.0.0.1", s.local_port(), "127.0.0.8"));
  ASSERT_GE(c.fd, 0);
  EXPECT_TRUE(peer_closed(c.fd));
  fd_guard ok(connect_to("127.0.0.1", s.local_port(), "127.0.0.9"));
  raw open = read_msg(ok.fd);
  ASSERT_FALSE(open.empty());
  EXPECT_EQ(open[18], 1);
}

// ---- back-pressure --------------------------------------------------------------------------------

TEST(BgpSessionRaw, BackPressureStopsReadingWhileTheQueueIsFull) {
  raw_fixture f;
  f.opts.max_receive_queue = 8;
  f.start(false);  // pull mode
  f.establish();
  // 3000 UPDATEs of 100 prefixes each (~1.3 MB): more than the socket buffers hold.
  constexpr int n_updates = 3000, per = 100;
  std::thread writer([&] {
    int fl = fcntl(f.peer.fd, F_GETFL);
    fcntl(f.peer.fd, F_SETFL, fl);
    for (int i = 0; i < n_updates; ++i) {
      std::vector<std::pair<std::uint32_t, int>> nlri;
      for (int j = 0; j < per; ++j)
        nlri.emplace_back((10u << 24) | static_cast<std::uint32_t>((i * per + j) << 8), 24);
      if (!send_all(f.peer.fd, update_bytes(nlri, {65002}, ip4("192.0.2.2")))) return;
    }
  });
  // Nobody reads for a while: the session must stop reading (bounded queue), the writer blocks.
  std::this_thread::sleep_for(1500ms);
  auto st = f.s->stats();
  EXPECT_GE(st.read_pauses, 1u);
  EXPECT_LT(st.updates_received, static_cast<std::uint64_t>(n_updates));
  EXPECT_LE(st.updates_received, 8u + 1u) << "the receive queue bound was not kept";
  // Drain: every update arrives, in order.
  std::uint32_t next = 0;
  int got = 0;
  while (got < n_updates) {
    auto r = f.s->next_update(5s);
    ASSERT_TRUE(r) << "stalled after " << got << " updates";
    for (const auto& p : r->update.nlri) {
      ASSERT_EQ(p.addr.to_string(), ipv4_addr::from_uint((10u << 24) | (next << 8)).to_string());
      ++next;
    }
    ++got;
  }
  writer.join();
  EXPECT_EQ(next, static_cast<std::uint32_t>(n_updates * per));
  EXPECT_TRUE(f.s->established());
  EXPECT_EQ(f.s->stats().prefixes_announced, static_cast<std::uint64_t>(n_updates * per));
}

TEST(BgpSessionRaw, SendQueueIsBounded) {
  raw_fixture f;
  f.opts.max_send_queue = 64 * 1024;
  f.start();
  f.establish();
  // The peer does not read: send() refuses once 64 KiB wait.
  auto m = bgp::message_from_json(nlohmann::json::parse(R"({"BGPUpdate": {"path_attributes": [
      {"BGPPathAttributeOrigin": {"value": 0}}, {"BGPPathAttributeAsPath": {"value": [[65001]]}},
      {"BGPPathAttributeNextHop": {"value": "192.0.2.1"}}],
      "nlri": [{"BGPNLRI": {"addr": "10.50.0.0", "length": 24}}]}})"));
  ASSERT_TRUE(m);
  int accepted = 0;
  bool refused = false;
  for (int i = 0; i < 200000 && !refused; ++i) {
    if (f.s->send(*m))
      ++accepted;
    else
      refused = true;
  }
  EXPECT_TRUE(refused) << "send() never refused";
  EXPECT_GT(accepted, 100);
  // Reading frees room: send_wait succeeds.
  std::thread reader([&] {
    std::uint8_t buf[65536];
    const auto end = steady::now() + 3s;
    while (steady::now() < end) {
      pollfd p{f.peer.fd, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0 && ::recv(f.peer.fd, buf, sizeof buf, 0) <= 0) break;
    }
  });
  EXPECT_TRUE(f.s->send_wait(*m, 3s));
  EXPECT_TRUE(f.s->flush(3s));
  reader.join();
}

// ---- os-ken BGPSpeaker (a real peer) ---------------------------------------------------------------

namespace {

// A child process with stdin/stdout pipes; stdout lines collected by a thread; killed in every path.
struct child {
  pid_t pid = -1;
  int in = -1, out = -1;
  std::thread reader;
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> lines;
  bool eof = false;

  bool start(const std::vector<std::string>& argv) {
    int pin[2], pout[2];
    if (pipe(pin) || pipe(pout)) return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
    posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
    posix_spawn_file_actions_addclose(&fa, pin[1]);
    posix_spawn_file_actions_addclose(&fa, pout[0]);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(pin[0]);
    ::close(pout[1]);
    in = pin[1];
    out = pout[0];
    if (rc != 0) {
      pid = -1;
      return false;
    }
    reader = std::thread([this] {
      std::string buf;
      char b[4096];
      for (;;) {
        auto n = ::read(out, b, sizeof b);
        if (n <= 0) break;
        buf.append(b, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = buf.find('\n')) != std::string::npos) {
          std::lock_guard g(m);
          lines.push_back(buf.substr(0, nl));
          buf.erase(0, nl + 1);
          cv.notify_all();
        }
      }
      std::lock_guard g(m);
      eof = true;
      cv.notify_all();
    });
    return true;
  }
  void command(const std::string& c) {
    const std::string l = c + "\n";
    [[maybe_unused]] auto n = ::write(in, l.data(), l.size());
  }
  // The first JSON line (from index `from`) satisfying pred.
  std::optional<nlohmann::json> wait_json(const std::function<bool(const nlohmann::json&)>& pred, ms timeout,
                                          std::size_t from = 0) {
    std::unique_lock lk(m);
    std::optional<nlohmann::json> found;
    cv.wait_for(lk, timeout, [&] {
      for (std::size_t i = from; i < lines.size(); ++i) {
        auto j = nlohmann::json::parse(lines[i], nullptr, false);
        if (!j.is_discarded() && pred(j)) {
          found = j;
          return true;
        }
      }
      return eof;
    });
    return found;
  }
  std::size_t count() {
    std::lock_guard g(m);
    return lines.size();
  }
  ~child() {
    if (in >= 0) ::close(in);
    if (pid > 0) {
      for (int i = 0; i < 30; ++i) {  // up to 3 s to exit after stdin EOF
        if (waitpid(pid, nullptr, WNOHANG) == pid) {
          pid = -1;
          break;
        }
        std::this_thread::sleep_for(100ms);
      }
      if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
    if (reader.joinable()) reader.join();
    if (out >= 0) ::close(out);
  }
};

bool osken_available() {
  return fs::exists("/usr/bin/python3") &&
         std::system("/usr/bin/python3 -c 'import os_ken.services.protocols.bgp.bgpspeaker' >/dev/null 2>&1") == 0;
}

std::string osken_script() { return std::string(WIREKIT_SOURCE_DIR) + "/tests/session/bgp_osken_peer.py"; }

// Our UPDATE for n /24s from base with the given attributes, in os-ken's JSON form.
bgp::message our_update(const std::string& base3, int n, std::uint32_t med, bool withdraw = false) {
  nlohmann::json nlri = nlohmann::json::array();
  for (int i = 0; i < n; ++i)
    nlri.push_back({{"BGPNLRI", {{"addr", base3 + "." + std::to_string(i) + ".0"}, {"length", 24}}}});
  nlohmann::json u;
  if (withdraw) {
    u = {{"BGPUpdate", {{"withdrawn_routes", nlohmann::json::array()}}}};
    for (auto& p : nlri) u["BGPUpdate"]["withdrawn_routes"].push_back({{"BGPWithdrawnRoute", p["BGPNLRI"]}});
  } else {
    u = {{"BGPUpdate",
          {{"path_attributes",
            {{{"BGPPathAttributeOrigin", {{"value", 0}}}},
             {{"BGPPathAttributeAsPath", {{"value", {{65001, 65111}}}}}},
             {{"BGPPathAttributeNextHop", {{"value", "192.0.2.1"}}}},
             {{"BGPPathAttributeMultiExitDisc", {{"value", med}}}},
             {{"BGPPathAttributeCommunities", {{"communities", {(65001u << 16) | 7u}}}}}}},
           {"nlri", nlri}}}};
  }
  auto m = bgp::message_from_json(u);
  if (!m) ADD_FAILURE() << m.err().to_string();
  return m ? *m : bgp::message{};
}

void osken_exchange(bool osken_dials) {
  if (!osken_available()) GTEST_SKIP() << "os-ken not available (/usr/bin/python3 with python3-os-ken)";
  io_thread io;
  auto o = base_options(0);
  o.peer_as = 65005;
  o.restart = true;
  o.connect_retry = 1000ms;
  o.hold_time = 30;
  const std::uint16_t osken_port = free_port("127.0.0.5");
  std::vector<std::string> argv = {"/usr/bin/python3", osken_script(), "--as", "65005", "--rid", "127.0.0.5",
                                   "--listen", "127.0.0.5", "--port", std::to_string(osken_port),
                                   "--originate", "50", "--base", "10.77.0.0", "--med", "33", "--timeout", "90"};
  if (osken_dials) {
    // os-ken dials us (from 127.0.0.1: it does not bind without local_port, peers.md 1e).
    o.passive = true;
    o.local_address = "127.0.0.6";
    o.local_port = free_port("127.0.0.6");
    o.peer_address = "127.0.0.1";
    for (auto& a : std::vector<std::string>{"--neighbor", "127.0.0.6", "--neighbor-as", "65001", "--neighbor-port",
                                            std::to_string(o.local_port), "--mode", "active"})
      argv.push_back(a);
  } else {
    // We dial os-ken (passive) from 127.0.0.1.
    o.peer_address = "127.0.0.5";
    o.peer_port = osken_port;
    o.local_address = "127.0.0.1";
    for (auto& a : std::vector<std::string>{"--neighbor", "127.0.0.1", "--neighbor-as", "65001", "--mode", "passive"})
      argv.push_back(a);
  }
  child py;
  ASSERT_TRUE(py.start(argv));
  ASSERT_TRUE(py.wait_json([](const nlohmann::json& j) { return j["event"] == "ready"; }, 30s))
      << "os-ken did not start";
  events ev;
  bgp::session s(io.io, o);
  ev.attach(s);
  ASSERT_TRUE(s.start());
  ASSERT_TRUE(s.wait_established(40s)) << ev.all_logs();
  ASSERT_TRUE(py.wait_json([](const nlohmann::json& j) { return j["event"] == "peer_up"; }, 10s));

  // (1) os-ken's 50 routes arrive; decoded attributes equal os-ken's own view of what it sent.
  auto prefixes_in = [&] {
    std::map<std::string, const bgp::update_msg*> seen;
    for (auto& r : ev.updates)
      for (auto& p : r.update.nlri) seen[prefix_text(p)] = &r.update;
    return seen;
  };
  ASSERT_TRUE(ev.wait([&] { return prefixes_in().size() >= 50; }, 20s)) << ev.all_logs();
  py.command("sent");
  auto sent = py.wait_json([](const nlohmann::json& j) { return j["event"] == "sent"; }, 10s);
  ASSERT_TRUE(sent);
  {
    std::lock_guard g(ev.m);
    auto seen = prefixes_in();
    ASSERT_EQ(sent->at("routes").size(), 50u) << sent->dump();
    // os-ken's sent-routes shows each path as in its RIB (locally originated: next hop 0.0.0.0,
    // empty AS path); on the wire to an eBGP peer it prepends its AS and sets its own address as
    // the next hop (RFC 4271 §5.1.2, §5.1.3).
    const std::string osken_addr = osken_dials ? "127.0.0.1" : "127.0.0.5";
    for (const auto& entry : sent->at("routes")) {
      const auto& r = entry.at("path");
      const std::string pfx = r.at("nlri").at("prefix");
      ASSERT_TRUE(seen.count(pfx)) << pfx;
      const bgp::update_msg& u = *seen[pfx];
      auto* nh = u.find<bgp::attr_next_hop>();
      ASSERT_TRUE(nh);
      const std::string want_nh = r.at("nexthop") == "0.0.0.0" ? osken_addr : r.at("nexthop").get<std::string>();
      EXPECT_EQ(nh->value.to_string(), want_nh) << r.dump();
      auto* path = u.find<bgp::attr_as_path>();
      ASSERT_TRUE(path);
      std::vector<std::uint32_t> asns;
      for (auto& seg : path->value) asns.insert(asns.end(), seg.asns.begin(), seg.asns.end());
      std::vector<std::uint32_t> want = {65005};
      for (auto& seg : r.at("as_path")) {
        if (seg.is_array())
          for (auto& x : seg) want.push_back(x.get<std::uint32_t>());
        else
          want.push_back(seg.get<std::uint32_t>());
      }
      EXPECT_EQ(asns, want) << r.dump();
      auto* med = u.find<bgp::attr_multi_exit_disc>();
      ASSERT_TRUE(med) << r.dump();
      EXPECT_EQ(med->value, r.at("metric").get<std::uint32_t>());
      auto* origin = u.find<bgp::attr_origin>();
      ASSERT_TRUE(origin);
      EXPECT_EQ(origin->value, r.at("origin").get<int>()) << r.dump();
    }
  }

  // (2) Our 20 routes appear in os-ken (best-path events and its Adj-RIB-In) as we sent them.
  const std::size_t mark = py.count();
  ASSERT_TRUE(s.send(our_update("10.88", 20, 44)));
  std::set<std::string> got;
  auto all_best = [&](bool withdraw) {
    for (int i = 0; i < 20; ++i) {
      const std::string pfx = "10.88." + std::to_string(i) + ".0/24";
      auto j = py.wait_json(
          [&](const nlohmann::json& e) {
            return e["event"] == "best_path" && e["prefix"] == pfx && e["is_withdraw"] == withdraw;
          },
          15s, mark);
      if (!j) return testing::AssertionFailure() << "os-ken did not report " << pfx;
      if (!withdraw) {
        if (j->at("nexthop") != "192.0.2.1" || j->at("med") != 44 ||
            j->at("as_path") != nlohmann::json::parse("[[65001, 65111]]") ||
            j->at("communities") != nlohmann::json::array({(65001u << 16) | 7u}) || j->at("origin") != 0)
          return testing::AssertionFailure() << "os-ken saw " << j->dump();
      }
    }
    return testing::AssertionSuccess();
  };
  EXPECT_TRUE(all_best(false));
  py.command("received");
  auto rec = py.wait_json([](const nlohmann::json& j) { return j["event"] == "received"; }, 10s);
  ASSERT_TRUE(rec);
  int ours = 0;
  for (auto& r : rec->at("routes"))
    if (r.at("path").at("nlri").at("prefix").get<std::string>().rfind("10.88.", 0) == 0) {
      ++ours;
      EXPECT_EQ(r.at("path").at("nexthop"), "192.0.2.1");
      EXPECT_EQ(r.at("path").at("metric"), 44);
      EXPECT_EQ(r.at("path").at("as_path"), nlohmann::json::parse("[[65001, 65111]]"));
    }
  EXPECT_EQ(ours, 20) << rec->dump();

  // (3) Withdrawals remove them.
  ASSERT_TRUE(s.send(our_update("10.88", 20, 0, true)));
  EXPECT_TRUE(all_best(true));

  // (4) os-ken going away is noticed.
  py.command("quit");
  EXPECT_TRUE(s.wait_state_change_from(session_state::established, 15s));
}

}  // namespace

TEST(BgpSessionOsken, WeDialOskenExchangeRoutes) { osken_exchange(false); }
TEST(BgpSessionOsken, OskenDialsUsExchangeRoutes) { osken_exchange(true); }

// ---- gobgpd ---------------------------------------------------------------------------------------

namespace {

std::string which(const char* name) {
  for (const char* d : {"/usr/bin/", "/usr/sbin/", "/usr/local/bin/", "/bin/", "/sbin/"})
    if (fs::exists(std::string(d) + name)) return std::string(d) + name;
  return {};
}

std::string run_capture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char b[65536];
  std::size_t n;
  while ((n = fread(b, 1, sizeof b, p)) > 0) out.append(b, n);
  pclose(p);
  return out;
}


}  // namespace

TEST(BgpSessionGobgpd, EstablishReceive100kAnnounceWithdrawAndNoticeKill) {
  const std::string gobgpd = which("gobgpd"), gobgp = which("gobgp");
  if (gobgpd.empty() || gobgp.empty())
    GTEST_SKIP() << "gobgpd not installed: scripts/test installs Debian package gobgpd";
  const std::string shared = std::string(WIREKIT_SOURCE_DIR) + "/../shared/tools/peers/gen_mrt_rib.py";
  if (!fs::exists(shared)) GTEST_SKIP() << "../shared/tools/peers/gen_mrt_rib.py not found";
  test::temp_dir dir("wk_bgp_");
  const std::uint16_t bgp_port = free_port(), api_port = free_port();
  {
    std::ofstream c(dir.p / "gobgpd.toml");
    c << "[global.config]\n  as = 65001\n  router-id = \"127.0.0.1\"\n  port = " << bgp_port
      << "\n  local-address-list = [\"127.0.0.1\"]\n"
         "[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"127.0.0.2\"\n    peer-as = 65010\n"
         "  [neighbors.transport.config]\n    passive-mode = true\n    local-address = \"127.0.0.1\"\n"
         "  [neighbors.timers.config]\n    hold-time = 9\n    keepalive-interval = 3\n"
         "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"ipv4-unicast\"\n";
  }
  const std::string api = "127.0.0.1:" + std::to_string(api_port);
  child d;
  ASSERT_TRUE(d.start({gobgpd, "-f", (dir.p / "gobgpd.toml").string(), "--api-hosts=" + api, "--pprof-disable", "-p",
                       "-l", "warn"}));
  const std::string cli = gobgp + " -p " + std::to_string(api_port) + " ";
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = std::system((cli + "global >/dev/null 2>&1").c_str()) == 0;
    if (!up) std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(up) << "gobgpd API did not come up";

  // 100,000 routes into gobgpd's global RIB (padded file: gobgp mrt inject loses its tail, peers.md 1d).
  const auto mrt = dir.p / "rib.mrt";
  ASSERT_EQ(std::system(("python3 " + shared + " " + mrt.string() + " 100000 11.0.0.0 192.0.2.1 65100 >/dev/null").c_str()), 0);
  {
    std::ifstream in(mrt, std::ios::binary);
    std::string d((std::istreambuf_iterator<char>(in)), {});
    std::vector<std::size_t> offs;
    for (std::size_t i = 0; i + 12 <= d.size();) {
      offs.push_back(i);
      i += 12 + ((std::uint8_t(d[i + 8]) << 24) | (std::uint8_t(d[i + 9]) << 16) | (std::uint8_t(d[i + 10]) << 8) |
                 std::uint8_t(d[i + 11]));
    }
    ASSERT_GT(offs.size(), 2000u);
    std::ofstream o(mrt.string() + ".padded", std::ios::binary);
    o << d << d.substr(offs[offs.size() - 2000]);
  }
  ASSERT_EQ(std::system((cli + "mrt inject global " + mrt.string() + ".padded >/dev/null 2>&1").c_str()), 0);
  bool all = false;
  for (int i = 0; i < 300 && !all; ++i) {
    all = run_capture(cli + "global rib -a ipv4 summary").find("Destination: 100000,") != std::string::npos;
    if (!all) std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(all) << run_capture(cli + "global rib -a ipv4 summary");

  io_thread io;
  auto o = base_options(bgp_port);
  o.local_as = 65010;
  o.peer_as = 65001;
  o.local_address = "127.0.0.2";
  // Not base_options' 192.0.2.1: the injected routes' MRT peer has that BGP ID, and gobgpd does
  // not send a route back to a peer with the router ID it was learnt from.
  o.router_id = *ipv4_addr::parse("127.0.0.2");
  o.hold_time = 9;
  o.restart = false;
  // (declared before the session: its handlers use them until it is destroyed)
  std::mutex m;
  std::map<std::string, std::shared_ptr<const bgp::update_msg>> routes;  // prefix -> the update that announced it
  std::atomic<std::uint64_t> n_prefixes{0};
  events ev;
  bgp::session s(io.io, o);
  s.on_update([&](const bgp::update_msg& u, const bgp::update_info&) {
    std::lock_guard g(m);
    auto shared = std::make_shared<const bgp::update_msg>(u);
    for (auto& p : u.nlri) routes[prefix_text(p)] = shared;
    n_prefixes += u.nlri.size();
  });
  s.on_log([&](bgp::log_level, const std::string& l) { ev.add([&] { ev.logs.push_back(l); }); });
  const auto t0 = steady::now();
  ASSERT_TRUE(s.start());
  ASSERT_TRUE(s.wait_established(10s)) << ev.all_logs();
  for (int i = 0; i < 600 && n_prefixes < 100000; ++i) std::this_thread::sleep_for(100ms);
  const double secs = std::chrono::duration<double>(steady::now() - t0).count();
  {
    std::lock_guard g(m);
    ASSERT_EQ(routes.size(), 100000u) << "after " << secs << " s";
  }
  std::printf("[ gobgpd ] 100000 routes received and decoded in %.2f s (from start)\n", secs);

  // A sample compared with gobgp global rib -j: origin, AS path (gobgpd prepends its AS 65001
  // towards an eBGP peer), next hop as gobgpd holds it (it keeps the injected routes' 192.0.2.1
  // and puts its own address only in place of 0.0.0.0, the next hop of its own `rib add`s).
  // Every 500th route of the RIB: 200 in all.
  auto rib = nlohmann::json::parse(run_capture(cli + "global rib -a ipv4 -j"), nullptr, false);
  ASSERT_TRUE(rib.is_object()) << "gobgp global rib -j did not print a JSON object";
  int checked = 0, index = 0;
  for (auto it = rib.begin(); it != rib.end(); ++it, ++index) {
    if (index % 500 != 0) continue;
    ++checked;
    const std::string pfx = it.key();
    std::lock_guard g(m);
    ASSERT_TRUE(routes.count(pfx)) << pfx;
    const bgp::update_msg& u = *routes[pfx];
    const auto& path = it.value().at(0);
    std::string rib_next_hop;
    for (const auto& a : path.at("attrs")) {
      const int type = a.at("type");
      if (type == 3) {
        rib_next_hop = a.at("nexthop").get<std::string>();
      } else if (type == 1) {
        ASSERT_TRUE(u.find<bgp::attr_origin>());
        EXPECT_EQ(u.find<bgp::attr_origin>()->value, a.at("value").get<int>()) << pfx;
      } else if (type == 2) {
        std::vector<std::uint32_t> want = {65001}, have;
        for (auto& seg : a.at("as_paths"))
          for (auto& x : seg.at("asns")) want.push_back(x.get<std::uint32_t>());
        for (auto& seg : u.find<bgp::attr_as_path>()->value) have.insert(have.end(), seg.asns.begin(), seg.asns.end());
        EXPECT_EQ(have, want) << pfx;
      } else if (type == 8) {
        auto* c = u.find<bgp::attr_communities>();
        ASSERT_TRUE(c) << pfx;
        std::vector<std::uint32_t> want;
        for (auto& x : a.at("communities")) want.push_back(x.get<std::uint32_t>());
        EXPECT_EQ(c->communities, want) << pfx;
      }
    }
    ASSERT_TRUE(u.find<bgp::attr_next_hop>());
    EXPECT_EQ(u.find<bgp::attr_next_hop>()->value.to_string(), rib_next_hop == "0.0.0.0" ? "127.0.0.1" : rib_next_hop)
        << pfx;
  }
  EXPECT_EQ(checked, 200);

  // Our routes show up in gobgp global rib; withdrawals remove them.
  auto upd = bgp::message_from_json(nlohmann::json::parse(R"({"BGPUpdate": {"path_attributes": [
      {"BGPPathAttributeOrigin": {"value": 0}}, {"BGPPathAttributeAsPath": {"value": [[65010]]}},
      {"BGPPathAttributeNextHop": {"value": "192.0.2.10"}}],
      "nlri": [{"BGPNLRI": {"addr": "172.16.1.0", "length": 24}}, {"BGPNLRI": {"addr": "172.16.2.0", "length": 24}}]}})"));
  ASSERT_TRUE(upd);
  ASSERT_TRUE(s.send(*upd));
  bool seen = false;
  for (int i = 0; i < 50 && !seen; ++i) {
    const auto r = run_capture(cli + "global rib -a ipv4 172.16.2.0/24");
    seen = r.find("172.16.2.0/24") != std::string::npos && r.find("192.0.2.10") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(seen) << "our route is not in gobgp global rib";
  auto wd = bgp::message_from_json(nlohmann::json::parse(R"({"BGPUpdate": {"withdrawn_routes": [
      {"BGPWithdrawnRoute": {"addr": "172.16.1.0", "length": 24}}, {"BGPWithdrawnRoute": {"addr": "172.16.2.0", "length": 24}}]}})"));
  ASSERT_TRUE(wd);
  ASSERT_TRUE(s.send(*wd));
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    gone = run_capture(cli + "global rib -a ipv4 172.16.2.0/24").find("192.0.2.10") == std::string::npos;
    if (!gone) std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(gone) << "withdrawn route still in gobgp global rib";

  // Killing gobgpd is noticed within the hold time (9 s).
  const auto tk = steady::now();
  kill(d.pid, SIGKILL);
  EXPECT_TRUE(s.wait_state_change_from(session_state::established, 10s));
  EXPECT_LE(steady::now() - tk, 9500ms);
}
