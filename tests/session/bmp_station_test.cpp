// The BMP station (include/wirekit/session/bmp.hpp) and the stream's "bmp" data interface, on
// loopback:
//   - the real BMP stream gobgpd exported (../shared/fixtures/peers/bmp-gobgpd-stream.bin) is
//     replayed over TCP into the station; the elems must be what tshark's BMP/BGP dissectors read
//     in the same bytes (prefix, peer, peer ASN, next hop, AS path, communities);
//   - many routers at once, a slow consumer (the queue stays bounded, reading pauses), a garbage
//     stream (the connection is closed with a log line, the station goes on);
//   - `wirekit bgpreader -d bmp` end to end;
//   - os-ken's BGPSpeaker as a live BMP exporter (bmp_server_add) of routes a BGP peer sent it;
//   - gobgpd's BMP export ([[bmp-servers]]): peer up, route monitoring and statistics arrive and
//     the Loc-RIB elems match `gobgp global rib -j` (skipped when gobgpd is not installed).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/tshark.hpp"
#include "wirekit/mrt/stream.hpp"
#include "wirekit/session/bmp.hpp"

using namespace wirekit;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace bs = wirekit::mrt::bgpstream;
using steady = std::chrono::steady_clock;

namespace {

std::optional<bytes> gobgpd_stream() {
  auto dir = test::shared_dir();
  if (!dir) return std::nullopt;
  const fs::path p = *dir / "fixtures/peers/bmp-gobgpd-stream.bin";
  if (!fs::exists(p)) return std::nullopt;
  return test::read_file(p);
}

// The BMP messages of a stream, cut by the common header's length field (RFC 7854 §4.1).
std::vector<bytes> split_bmp(const bytes& s) {
  std::vector<bytes> out;
  std::size_t at = 0;
  while (at + 6 <= s.size()) {
    const std::size_t len = (std::size_t(std::uint8_t(s[at + 1])) << 24) | (std::size_t(std::uint8_t(s[at + 2])) << 16) |
                            (std::size_t(std::uint8_t(s[at + 3])) << 8) | std::size_t(std::uint8_t(s[at + 4]));
    if (len < 6 || at + len > s.size()) break;
    out.emplace_back(s.begin() + static_cast<std::ptrdiff_t>(at), s.begin() + static_cast<std::ptrdiff_t>(at + len));
    at += len;
  }
  return out;
}

// Connects to 127.0.0.1:port (retrying up to `wait`); -1 on failure.
int connect_to(std::uint16_t port, std::chrono::milliseconds wait = 5000ms) {
  const auto end = steady::now() + wait;
  for (;;) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return fd;
    ::close(fd);
    if (steady::now() > end) return -1;
    std::this_thread::sleep_for(50ms);
  }
}

// Sends `data` in chunks of `chunk` bytes, then closes.
bool send_all(int fd, const bytes& data, std::size_t chunk) {
  std::size_t at = 0;
  while (at < data.size()) {
    const std::size_t n = std::min(chunk, data.size() - at);
    const ssize_t w = ::send(fd, data.data() + at, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    at += static_cast<std::size_t>(w);
  }
  return true;
}

// A TCP port that was free a moment ago.
std::uint16_t free_port(const char* addr = "127.0.0.1") {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  ::inet_pton(AF_INET, addr, &a.sin_addr);
  a.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return 0;
  }
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// A child process whose stdout and stderr both go to one log file, killed and reaped in every
// path.
struct child : test::child {
  child(std::vector<std::string> argv, const fs::path& out) : test::child(std::move(argv), out.string(), output::merged) {}
};


// A classic pcap file (Ethernet) holding one frame per payload, a TCP stream to port 11019.
void write_pcap(const fs::path& p, const std::vector<bytes>& payloads) {
  std::ofstream f(p, std::ios::binary);
  auto u32 = [&](std::uint32_t v) { f.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](std::uint16_t v) { f.write(reinterpret_cast<const char*>(&v), 2); };
  u32(0xa1b2c3d4);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(262144);
  u32(1);
  std::uint32_t seq = 1000, ts = 1700000000;
  for (const auto& pl : payloads) {
    const bytes fr = test::tcp_frame(pl, 40000, 11019, seq, 1);
    seq += static_cast<std::uint32_t>(pl.size());
    u32(ts++);
    u32(0);
    u32(static_cast<std::uint32_t>(fr.size()));
    u32(static_cast<std::uint32_t>(fr.size()));
    f.write(reinterpret_cast<const char*>(fr.data()), static_cast<std::streamsize>(fr.size()));
  }
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

const std::vector<std::string>& field(const test::tshark_fields& f, const std::string& name) {
  static const std::vector<std::string> none;
  auto it = f.find(name);
  return it == f.end() ? none : it->second;
}

// The elems tshark's dissectors read in a BMP stream with one message per frame, as keys:
// "A|peer|asn|prefix-address|next-hop|as-path|communities", "W|peer|asn|prefix-address",
// "S|peer|asn|up" / "S|peer|asn|down". Also the number of records (route monitoring UPDATEs,
// peer up, peer down) and of statistics reports.
struct tshark_view {
  std::multiset<std::string> keys;
  std::size_t records = 0, stats = 0, messages = 0;
};

tshark_view tshark_elems(const fs::path& pcap) {
  const std::vector<std::string> names = {
      "bmp.type", "bmp.peer.ip.addr", "bmp.peer.ipv6.addr", "bmp.peer.asn", "bgp.type", "bgp.nlri_prefix",
      "bgp.mp_reach_nlri_ipv4_prefix", "bgp.mp_reach_nlri_ipv6_prefix", "bgp.withdrawn_prefix",
      "bgp.mp_unreach_nlri_ipv4_prefix", "bgp.mp_unreach_nlri_ipv6_prefix", "bgp.update.path_attribute.next_hop",
      "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
      "bgp.update.path_attribute.as_path_segment.as4", "bgp.update.path_attribute.as_path_segment.as2",
      "bgp.update.path_attribute.community_as", "bgp.update.path_attribute.community_value"};
  tshark_view v;
  for (const auto& f : test::run_tshark_fields(pcap, "-d tcp.port==11019,bmp", names)) {
    const auto& type = field(f, "bmp.type");
    if (type.empty()) continue;
    ++v.messages;
    std::string peer = field(f, "bmp.peer.ip.addr").empty() ? "" : field(f, "bmp.peer.ip.addr")[0];
    if (!field(f, "bmp.peer.ipv6.addr").empty()) peer = field(f, "bmp.peer.ipv6.addr")[0];
    const std::string asn = field(f, "bmp.peer.asn").empty() ? "" : field(f, "bmp.peer.asn")[0];
    if (type[0] == "1") ++v.stats;
    if (type[0] == "2" || type[0] == "3") {
      ++v.records;
      v.keys.insert("S|" + peer + "|" + asn + "|" + (type[0] == "3" ? "up" : "down"));
    }
    if (type[0] != "0" || field(f, "bgp.type").empty() || field(f, "bgp.type")[0] != "2") continue;
    ++v.records;
    std::string nh;
    for (const char* n : {"bgp.update.path_attribute.next_hop", "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4",
                          "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6"})
      if (!field(f, n).empty()) nh = field(f, n)[0];
    std::vector<std::string> path = field(f, "bgp.update.path_attribute.as_path_segment.as4");
    if (path.empty()) path = field(f, "bgp.update.path_attribute.as_path_segment.as2");
    std::vector<std::string> comms;
    const auto& ca = field(f, "bgp.update.path_attribute.community_as");
    const auto& cv = field(f, "bgp.update.path_attribute.community_value");
    for (std::size_t i = 0; i < ca.size() && i < cv.size(); ++i) comms.push_back(ca[i] + ":" + cv[i]);
    for (const char* n : {"bgp.nlri_prefix", "bgp.mp_reach_nlri_ipv4_prefix", "bgp.mp_reach_nlri_ipv6_prefix"})
      for (const auto& p : field(f, n))
        v.keys.insert("A|" + peer + "|" + asn + "|" + p + "|" + nh + "|" + join(path, " ") + "|" + join(comms, " "));
    for (const char* n : {"bgp.withdrawn_prefix", "bgp.mp_unreach_nlri_ipv4_prefix", "bgp.mp_unreach_nlri_ipv6_prefix"})
      for (const auto& p : field(f, n)) v.keys.insert("W|" + peer + "|" + asn + "|" + p);
  }
  return v;
}

std::string key_of(const bs::elem& e) {
  const std::string head = e.peer_address.to_string() + "|" + std::to_string(e.peer_asn) + "|";
  switch (e.type) {
    case bs::elem_type::announcement: {
      std::vector<std::string> comms;
      for (const auto& c : e.communities) comms.push_back(std::to_string(c.asn) + ":" + std::to_string(c.value));
      return "A|" + head + (e.prefix ? e.prefix->addr.to_string() : "") + "|" +
             (e.next_hop ? e.next_hop->to_string() : "") + "|" + e.as_path + "|" + join(comms, " ");
    }
    case bs::elem_type::withdrawal: return "W|" + head + (e.prefix ? e.prefix->addr.to_string() : "");
    case bs::elem_type::peerstate:
      return "S|" + head + (e.new_state == bs::peer_state::active ? "up" : e.new_state == bs::peer_state::idle ? "down" : "?");
    default: return "R|" + head;
  }
}

// Replays `data` into 127.0.0.1:port on a thread (chunks of `chunk` bytes).
std::thread replay(std::uint16_t port, bytes data, std::size_t chunk, std::atomic<bool>* ok) {
  return std::thread([port, data = std::move(data), chunk, ok] {
    int fd = connect_to(port);
    bool good = fd >= 0 && send_all(fd, data, chunk);
    if (fd >= 0) ::close(fd);
    if (ok) *ok = good;
  });
}

}  // namespace

// gobgpd's real BMP stream, replayed over TCP in odd-sized chunks into the stream's "bmp"
// interface: the records and elems are those tshark's dissectors find in the same bytes.
TEST(BmpStation, GobgpdStreamElemsMatchTshark) {
  auto data = gobgpd_stream();
  if (!data) GTEST_SKIP() << "../shared/fixtures/peers/bmp-gobgpd-stream.bin not found";
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
  test::temp_dir tmp("wirekit-bmp-");
  const auto msgs = split_bmp(*data);
  ASSERT_GT(msgs.size(), 80u);
  write_pcap(tmp.p / "bmp.pcap", msgs);
  const tshark_view want = tshark_elems(tmp.p / "bmp.pcap");
  ASSERT_EQ(want.messages, msgs.size());
  ASSERT_GT(want.records, 80u);

  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("bmp"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "address", "127.0.0.1"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "port", "0"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "collector", "lab"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "max-records", std::to_string(want.records)));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "duration", "30"));
  std::size_t stats = 0;
  s.set_bmp_observer([&](const bmp::station_event& ev) {
    if (ev.msg && std::holds_alternative<bmp::statistics_report>(*ev.msg)) ++stats;
  });
  ASSERT_TRUE(s.start());
  ASSERT_NE(s.bmp_port(), 0);
  std::atomic<bool> sent{false};
  std::thread t = replay(s.bmp_port(), *data, 777, &sent);
  std::multiset<std::string> got;
  std::size_t records = 0;
  while (const bs::record* r = s.get_next_record()) {
    ++records;
    EXPECT_EQ(r->status, bs::record_status::valid) << r->error;
    EXPECT_EQ(r->type, bs::record_type::update);
    EXPECT_EQ(r->project, "bmp");
    EXPECT_EQ(r->collector, "lab");
    ASSERT_TRUE(r->router_ip);
    EXPECT_EQ(r->router_ip->to_string(), "127.0.0.1");
    for (const auto& e : r->elems) got.insert(key_of(e));
  }
  t.join();
  EXPECT_TRUE(sent);
  EXPECT_EQ(records, want.records);
  EXPECT_EQ(got, want.keys);
  EXPECT_EQ(stats, want.stats);
  EXPECT_GT(std::count_if(got.begin(), got.end(), [](const std::string& k) { return k[0] == 'A'; }), 40);
}

// Three routers at once; each gets its own connection, peer contexts and complete message count.
TEST(BmpStation, ManyRoutersAtOnce) {
  auto data = gobgpd_stream();
  if (!data) GTEST_SKIP() << "../shared/fixtures/peers/bmp-gobgpd-stream.bin not found";
  const auto msgs = split_bmp(*data);
  bmp::station st({.address = "127.0.0.1", .port = 0});
  ASSERT_TRUE(st.listen());
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.push_back(replay(st.local_port(), *data, 100 + 300 * std::size_t(i), nullptr));
  std::map<std::uint64_t, std::size_t> per_router, closed;
  const auto end = steady::now() + 20s;
  while (closed.size() < 3 && steady::now() < end) {
    auto ev = st.next(200ms);
    if (!ev) continue;
    if (ev->type == bmp::station_event::kind::message) {
      EXPECT_TRUE(ev->msg) << ev->error;
      ++per_router[ev->router.id];
    }
    if (ev->type == bmp::station_event::kind::closed) {
      EXPECT_EQ(ev->error, "connection closed by peer");
      closed[ev->router.id] = 1;
    }
  }
  for (auto& t : ts) t.join();
  ASSERT_EQ(per_router.size(), 3u);
  for (const auto& [id, n] : per_router) EXPECT_EQ(n, msgs.size()) << "router " << id;
  EXPECT_EQ(st.stats().connections, 3u);
  EXPECT_EQ(st.stats().decode_errors, 0u);
}

// A consumer that does not read: the queue stays at its cap, the station stops reading the
// socket (TCP holds the rest), and nothing is lost once the consumer catches up.
TEST(BmpStation, SlowConsumerBoundedQueue) {
  auto data = gobgpd_stream();
  if (!data) GTEST_SKIP() << "../shared/fixtures/peers/bmp-gobgpd-stream.bin not found";
  const auto msgs = split_bmp(*data);
  bmp::station st({.address = "127.0.0.1", .port = 0, .max_queue = 4});
  ASSERT_TRUE(st.listen());
  std::atomic<bool> sent{false};
  std::thread t = replay(st.local_port(), *data, 4096, &sent);
  std::this_thread::sleep_for(500ms);
  EXPECT_LE(st.queued(), 4u + 1u);  // 4 messages + the connected event
  EXPECT_GE(st.stats().pauses, 1u);
  std::size_t n = 0;
  std::size_t max_seen = 0;
  const auto end = steady::now() + 20s;
  bool closed = false;
  while (!closed && steady::now() < end) {
    max_seen = std::max(max_seen, st.queued());
    auto ev = st.next(200ms);
    if (!ev) continue;
    if (ev->type == bmp::station_event::kind::message) ++n;
    if (ev->type == bmp::station_event::kind::closed) closed = true;
    std::this_thread::sleep_for(1ms);
  }
  t.join();
  EXPECT_TRUE(sent);
  EXPECT_EQ(n, msgs.size());
  EXPECT_LE(max_seen, 4u + 2u);  // the cap, plus connected/closed events
}

// Garbage (an HTTP request) gets the connection closed with a log line naming the field; the
// station still serves the next router.
TEST(BmpStation, GarbageClosesConnectionNotStation) {
  bmp::station st({.address = "127.0.0.1", .port = 0});
  std::mutex mu;
  std::vector<std::string> logs;
  st.on_log([&](bmp::log_level l, const std::string& line) {
    std::lock_guard lk(mu);
    if (l >= bmp::log_level::warning) logs.push_back(line);
  });
  ASSERT_TRUE(st.listen());
  int fd = connect_to(st.local_port());
  ASSERT_GE(fd, 0);
  const std::string junk = "GET / HTTP/1.0\r\n\r\n";
  ASSERT_TRUE(send_all(fd, bytes(reinterpret_cast<const std::byte*>(junk.data()),
                                 reinterpret_cast<const std::byte*>(junk.data()) + junk.size()),
                       64));
  std::optional<bmp::station_event> closed;
  const auto end = steady::now() + 5s;
  while (!closed && steady::now() < end)
    if (auto ev = st.next(100ms); ev && ev->type == bmp::station_event::kind::closed) closed = ev;
  ASSERT_TRUE(closed);
  EXPECT_NE(closed->error.find("field version at byte 0"), std::string::npos) << closed->error;
  char buf[16];
  EXPECT_LE(::recv(fd, buf, sizeof buf, 0), 0);  // the station closed its end
  ::close(fd);
  {
    std::lock_guard lk(mu);
    ASSERT_FALSE(logs.empty());
    EXPECT_NE(logs.back().find("closing the connection"), std::string::npos) << logs.back();
  }
  // A length of 3 (below the common header) and one above the limit: closed too.
  for (const std::vector<std::uint8_t>& bad : {std::vector<std::uint8_t>{3, 0, 0, 0, 3, 4},
                                               std::vector<std::uint8_t>{3, 0x7f, 0, 0, 0, 4}}) {
    int f2 = connect_to(st.local_port());
    ASSERT_GE(f2, 0);
    ASSERT_TRUE(send_all(f2, bytes(reinterpret_cast<const std::byte*>(bad.data()),
                                   reinterpret_cast<const std::byte*>(bad.data()) + bad.size()),
                         64));
    std::optional<bmp::station_event> c2;
    const auto e2 = steady::now() + 5s;
    while (!c2 && steady::now() < e2)
      if (auto ev = st.next(100ms); ev && ev->type == bmp::station_event::kind::closed) c2 = ev;
    ASSERT_TRUE(c2);
    EXPECT_NE(c2->error.find("field length at byte 1"), std::string::npos) << c2->error;
    ::close(f2);
  }
  // The station still works: a real stream decodes in full.
  auto data = gobgpd_stream();
  if (!data) return;
  std::thread t = replay(st.local_port(), *data, 1000, nullptr);
  std::size_t n = 0;
  const auto e3 = steady::now() + 10s;
  bool done = false;
  while (!done && steady::now() < e3)
    if (auto ev = st.next(100ms)) {
      if (ev->type == bmp::station_event::kind::message && ev->msg) ++n;
      if (ev->type == bmp::station_event::kind::closed) done = true;
    }
  t.join();
  EXPECT_EQ(n, split_bmp(*data).size());
}

// `wirekit bgpreader -d bmp -o port=N` end to end: its bgpreader lines carry the elems tshark
// finds in the replayed stream, with the router in the router-name and router-ip columns.
TEST(BmpStation, BgpreaderCliLiveFeed) {
  auto data = gobgpd_stream();
  if (!data) GTEST_SKIP() << "../shared/fixtures/peers/bmp-gobgpd-stream.bin not found";
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
  const fs::path cli = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(cli)) GTEST_SKIP() << cli << " not built";
  test::temp_dir tmp("wirekit-bmp-");
  write_pcap(tmp.p / "bmp.pcap", split_bmp(*data));
  const tshark_view want = tshark_elems(tmp.p / "bmp.pcap");
  const std::uint16_t port = free_port();
  ASSERT_NE(port, 0);
  child c({cli.string(), "bgpreader", "-d", "bmp", "-o", "address=127.0.0.1", "-o", "port=" + std::to_string(port),
           "-o", "max-records=" + std::to_string(want.records), "-o", "duration=30", "--format", "bgpreader"},
          tmp.p / "out.txt");
  std::atomic<bool> sent{false};
  std::thread t = replay(port, *data, 500, &sent);
  t.join();
  ASSERT_TRUE(sent);
  EXPECT_EQ(c.wait(20000ms), 0);
  std::multiset<std::string> got;
  std::istringstream in(test::file_text(tmp.p / "out.txt"));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t a = 0;
    for (std::size_t b; (b = line.find('|', a)) != std::string::npos; a = b + 1) f.push_back(line.substr(a, b - a));
    f.push_back(line.substr(a));
    ASSERT_EQ(f.size(), 16u) << line;
    EXPECT_EQ(f[0], "U");
    EXPECT_EQ(f[3], "bmp");
    EXPECT_EQ(f[5], "127.0.0.1");
    EXPECT_EQ(f[6], "127.0.0.1");
    const std::string prefix_addr = f[9].substr(0, f[9].find('/'));
    if (f[1] == "A")
      got.insert("A|" + f[8] + "|" + f[7] + "|" + prefix_addr + "|" + f[10] + "|" + f[11] + "|" + f[13]);
    else if (f[1] == "W")
      got.insert("W|" + f[8] + "|" + f[7] + "|" + prefix_addr);
    else if (f[1] == "S")
      got.insert("S|" + f[8] + "|" + f[7] + "|" + (f[15] == "ACTIVE" ? "up" : f[15] == "IDLE" ? "down" : "?"));
  }
  EXPECT_EQ(got, want.keys);
}

// os-ken's BGPSpeaker exports BMP (bmp_server_add) live: a BGP peer (the shared test peer)
// announces five /24s to it, and the station's elems carry them as the peer sent them.
TEST(BmpStation, OsKenBmpExporter) {
  if (!fs::exists("/usr/bin/python3") ||
      std::system("/usr/bin/python3 -c 'import os_ken.services.protocols.bgp.bgpspeaker' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "os-ken not importable by /usr/bin/python3";
  auto dir = test::shared_dir();
  if (!dir || !fs::exists(*dir / "tools/peers/bgp_peer.py")) GTEST_SKIP() << "../shared/tools/peers/bgp_peer.py not found";
  test::temp_dir tmp("wirekit-bmp-");
  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("bmp"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "address", "127.0.0.1"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "port", "0"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "duration", "45"));
  ASSERT_TRUE(s.start());
  const std::uint16_t bgp_port = free_port("127.0.0.11");
  ASSERT_NE(bgp_port, 0);
  {
    std::ofstream py(tmp.p / "exporter.py");
    py << "import sys, time, logging, eventlet\n"
          "logging.basicConfig(level=logging.WARNING)\n"
          "eventlet.monkey_patch()\n"
          "from os_ken.services.protocols.bgp.bgpspeaker import BGPSpeaker\n"
          "sp = BGPSpeaker(as_number=65011, router_id='127.0.0.11', bgp_server_hosts=('127.0.0.11',),\n"
          "                bgp_server_port=" << bgp_port << ")\n"
          "sp.neighbor_add('127.0.0.12', 65012, connect_mode='passive')\n"
          "sp.bmp_server_add('127.0.0.1', " << s.bmp_port() << ")\n"
          "print('ready', flush=True)\n"
          "t0 = time.time()\n"
          "while time.time() - t0 < 40:\n"
          "    eventlet.sleep(0.2)\n"
          "sp.shutdown()\n";
  }
  child exporter({"/usr/bin/python3", (tmp.p / "exporter.py").string()}, tmp.p / "exporter.log");
  // The BGP peer dials os-ken once it listens (bgp_peer.py retries are not assumed: wait for it).
  const auto ready_end = steady::now() + 20s;
  while (test::file_text(tmp.p / "exporter.log").find("ready") == std::string::npos && steady::now() < ready_end &&
         exporter.alive())
    std::this_thread::sleep_for(100ms);
  ASSERT_NE(test::file_text(tmp.p / "exporter.log").find("ready"), std::string::npos) << test::file_text(tmp.p / "exporter.log");
  child peer({"python3", (*dir / "tools/peers/bgp_peer.py").string(), "--connect",
              "127.0.0.11:" + std::to_string(bgp_port), "--bind", "127.0.0.12", "--asn", "65012", "--rid", "127.0.0.12",
              "--announce", "5", "--base", "10.210.0.0", "--linger", "30", "--timeout", "40"},
             tmp.p / "peer.log");
  std::set<std::string> want;
  for (int i = 0; i < 5; ++i)
    want.insert("A|127.0.0.12|65012|10.210." + std::to_string(i) + ".0|192.0.2.2|65012|");
  std::set<std::string> got;
  bool peer_up = false, initiation = false;
  s.set_bmp_observer([&](const bmp::station_event& ev) {
    if (ev.msg && std::holds_alternative<bmp::initiation>(*ev.msg)) initiation = true;
  });
  while (const bs::record* r = s.get_next_record()) {
    for (const auto& e : r->elems) {
      if (e.type == bs::elem_type::peerstate && e.peer_address.to_string() == "127.0.0.12" && e.peer_asn == 65012)
        peer_up = true;
      if (e.type == bs::elem_type::announcement) got.insert(key_of(e));
    }
    if (std::includes(got.begin(), got.end(), want.begin(), want.end()) && peer_up) s.interrupt();
  }
  EXPECT_TRUE(peer_up) << test::file_text(tmp.p / "exporter.log") << test::file_text(tmp.p / "peer.log");
  for (const auto& w : want) EXPECT_TRUE(got.count(w)) << w << "\n" << test::file_text(tmp.p / "peer.log");
  (void)initiation;
}

// gobgpd's BMP export ([[bmp-servers]], ../shared/docs/peers.md 1a/1f) into the station: peer
// up, route monitoring and statistics arrive, and the Loc-RIB announcements are exactly the
// routes `gobgp global rib -j` holds.
TEST(BmpStation, GobgpdBmpExport) {
  if (!test::have_program("gobgpd") || !test::have_program("gobgp"))
    GTEST_SKIP() << "gobgpd not installed: scripts/test installs Debian package gobgpd";
  auto dir = test::shared_dir();
  if (!dir || !fs::exists(*dir / "tools/peers/bgp_peer.py")) GTEST_SKIP() << "../shared/tools/peers/bgp_peer.py not found";
  test::temp_dir tmp("wirekit-bmp-");
  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("bmp"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "address", "127.0.0.1"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "port", "0"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "duration", "60"));
  std::size_t stats = 0, peer_ups = 0;
  s.set_bmp_observer([&](const bmp::station_event& ev) {
    if (ev.msg && std::holds_alternative<bmp::statistics_report>(*ev.msg)) ++stats;
    if (ev.msg && std::holds_alternative<bmp::peer_up>(*ev.msg)) ++peer_ups;
  });
  ASSERT_TRUE(s.start());
  const std::uint16_t bgp_port = free_port(), api_port = free_port();
  {
    std::ofstream f(tmp.p / "gobgpd.toml");
    f << "[global.config]\n  as = 65001\n  router-id = \"127.0.0.1\"\n  port = " << bgp_port
      << "\n  local-address-list = [\"127.0.0.1\"]\n"
         "[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"127.0.0.2\"\n    peer-as = 65003\n"
         "  [neighbors.transport.config]\n    passive-mode = true\n    local-address = \"127.0.0.1\"\n"
         "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"ipv4-unicast\"\n"
         "[[bmp-servers]]\n  [bmp-servers.config]\n    address = \"127.0.0.1\"\n    port = "
      << s.bmp_port() << "\n    route-monitoring-policy = \"all\"\n    statistics-timeout = 15\n";
  }
  child gobgpd({"gobgpd", "-f", (tmp.p / "gobgpd.toml").string(), "--api-hosts=127.0.0.1:" + std::to_string(api_port),
                "--pprof-disable", "-p", "-l", "info"},
               tmp.p / "gobgpd.log");
  const std::string api = "gobgp -p " + std::to_string(api_port) + " ";
  std::string out;
  const auto up_end = steady::now() + 15s;
  while (test::run_command(api + "global >/dev/null 2>&1", out) != 0 && steady::now() < up_end)
    std::this_thread::sleep_for(100ms);
  ASSERT_EQ(test::run_command(api + "global rib add -a ipv4 10.1.0.0/24 origin igp community 65001:100 med 10", out), 0)
      << out;
  ASSERT_EQ(test::run_command(api + "global rib add -a ipv4 10.1.1.0/24 aspath 65010,65020", out), 0) << out;
  child peer({"python3", (*dir / "tools/peers/bgp_peer.py").string(), "--connect",
              "127.0.0.1:" + std::to_string(bgp_port), "--bind", "127.0.0.2", "--asn", "65003", "--rid", "127.0.0.2",
              "--announce", "20", "--linger", "40", "--timeout", "55"},
             tmp.p / "peer.log");
  std::set<std::string> loc_rib;  // prefixes announced in Loc-RIB (peer type 3) monitoring
  std::set<std::string> want;
  const auto rib_end = steady::now() + 30s;
  while (steady::now() < rib_end) {  // until gobgpd holds the 2 local + 20 peer routes
    if (test::run_command(api + "global rib -a ipv4 -j", out) == 0) {
      auto j = nlohmann::json::parse(out, nullptr, false);
      if (j.is_object() && j.size() >= 22) {
        want.clear();
        for (auto it = j.begin(); it != j.end(); ++it) want.insert(it.key());
        break;
      }
    }
    std::this_thread::sleep_for(250ms);
  }
  ASSERT_EQ(want.size(), 22u) << out;
  while (const bs::record* r = s.get_next_record()) {
    for (const auto& e : r->elems)
      if (e.type == bs::elem_type::announcement && e.prefix) loc_rib.insert(e.prefix->to_string());
    if (std::includes(loc_rib.begin(), loc_rib.end(), want.begin(), want.end()) && stats > 0 && peer_ups > 0)
      s.interrupt();
  }
  EXPECT_GE(peer_ups, 1u);
  EXPECT_GE(stats, 1u);
  for (const auto& w : want) EXPECT_TRUE(loc_rib.count(w)) << w;
  for (const auto& g : loc_rib) EXPECT_TRUE(want.count(g)) << "not in gobgp global rib: " << g;
}

// Route monitoring built by hand from RFC 7854 §4.2/§4.6 and RFC 4271 §4.3: with the A flag
// set the AS_PATH is 2-byte (AS 65010, 65020), without it and without a Peer Up the 4-byte
// path (AS 4200000001, 65020) is read as such; the elems carry exactly the encoded values.
TEST(BmpStation, AsWidthFromPeerHeader) {
  auto be = [](std::vector<std::uint8_t>& b, std::uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  auto route_monitoring = [&](std::uint8_t flags, std::uint32_t peer_as, const std::vector<std::uint8_t>& as_path) {
    std::vector<std::uint8_t> upd;  // UPDATE body: no withdrawn, ORIGIN, AS_PATH, NEXT_HOP, NLRI 10.9.0.0/16
    be(upd, 0, 2);
    std::vector<std::uint8_t> attrs = {0x40, 1, 1, 0, 0x40, 2, static_cast<std::uint8_t>(as_path.size())};
    attrs.insert(attrs.end(), as_path.begin(), as_path.end());
    for (std::uint8_t x : {0x40, 3, 4, 192, 0, 2, 9}) attrs.push_back(x);
    be(upd, attrs.size(), 2);
    upd.insert(upd.end(), attrs.begin(), attrs.end());
    for (std::uint8_t x : {16, 10, 9}) upd.push_back(x);
    std::vector<std::uint8_t> pdu(16, 0xff);
    be(pdu, 19 + upd.size(), 2);
    pdu.push_back(2);
    pdu.insert(pdu.end(), upd.begin(), upd.end());
    std::vector<std::uint8_t> m = {3};
    be(m, 6 + 42 + pdu.size(), 4);
    m.push_back(0);                    // route monitoring
    m.push_back(0);                    // peer type global
    m.push_back(flags);
    be(m, 0, 8);                       // distinguisher
    m.insert(m.end(), 12, 0);          // IPv4 address padding
    for (std::uint8_t x : {192, 0, 2, 1}) m.push_back(x);
    be(m, peer_as, 4);
    for (std::uint8_t x : {192, 0, 2, 1}) m.push_back(x);  // BGP ID
    be(m, 1700000000, 4);
    be(m, 250000, 4);
    m.insert(m.end(), pdu.begin(), pdu.end());
    return m;
  };
  // AS_SEQUENCE of 2: 2-byte 65010 65020; 4-byte 4200000001 65020.
  const std::vector<std::uint8_t> path2 = {2, 2, 0xfd, 0xf2, 0xfd, 0xfc};
  const std::vector<std::uint8_t> path4 = {2, 2, 0xfa, 0x56, 0xea, 0x01, 0x00, 0x00, 0xfd, 0xfc};
  std::vector<std::uint8_t> all = route_monitoring(0x20, 65010, path2);
  const auto second = route_monitoring(0x00, 4200000001u, path4);
  all.insert(all.end(), second.begin(), second.end());

  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("bmp"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "address", "127.0.0.1"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "port", "0"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "max-records", "2"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "duration", "10"));
  ASSERT_TRUE(s.start());
  std::thread t = replay(s.bmp_port(), bytes(reinterpret_cast<const std::byte*>(all.data()),
                                             reinterpret_cast<const std::byte*>(all.data()) + all.size()),
                         7, nullptr);
  std::vector<bs::elem> elems;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> times;
  while (const bs::record* r = s.get_next_record()) {
    times.emplace_back(r->time_sec, r->time_usec);
    for (const auto& e : r->elems) elems.push_back(e);
  }
  t.join();
  ASSERT_EQ(elems.size(), 2u);
  EXPECT_EQ(elems[0].type, bs::elem_type::announcement);
  EXPECT_EQ(elems[0].as_path, "65010 65020");
  EXPECT_EQ(elems[0].peer_asn, 65010u);
  EXPECT_EQ(elems[0].prefix->to_string(), "10.9.0.0/16");
  EXPECT_EQ(elems[0].next_hop->to_string(), "192.0.2.9");
  EXPECT_EQ(elems[0].peer_address.to_string(), "192.0.2.1");
  EXPECT_EQ(elems[1].as_path, "4200000001 65020");
  EXPECT_EQ(elems[1].peer_asn, 4200000001u);
  EXPECT_EQ(elems[1].origin_asn(), 65020u);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0], std::make_pair(1700000000u, 250000u));  // the per-peer header's timestamp
}

// Hostile input that still frames: gobgpd's stream with random bytes changed inside the
// messages (common headers kept). Every record is valid or corrupted-source, nothing crashes
// (run under ASan/UBSan too), and the station reads every connection to its end.
TEST(BmpStation, MutatedStreamNeverCrashes) {
  auto data = gobgpd_stream();
  if (!data) GTEST_SKIP() << "../shared/fixtures/peers/bmp-gobgpd-stream.bin not found";
  const auto msgs = split_bmp(*data);
  std::uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto rnd = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  bytes all;
  const int copies = 20;
  for (int c = 0; c < copies; ++c)
    for (const auto& m : msgs) {
      bytes x = m;
      const int flips = 1 + static_cast<int>(rnd() % 4);
      for (int i = 0; i < flips && x.size() > 6; ++i)
        x[6 + rnd() % (x.size() - 6)] = static_cast<std::byte>(rnd() & 0xff);
      all.insert(all.end(), x.begin(), x.end());
    }
  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("bmp"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "address", "127.0.0.1"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "port", "0"));
  ASSERT_TRUE(s.set_data_interface_option("bmp", "duration", "30"));
  std::size_t messages = 0;
  bool closed = false;
  s.set_bmp_observer([&](const bmp::station_event& ev) {
    if (ev.type == bmp::station_event::kind::message) ++messages;
    if (ev.type == bmp::station_event::kind::closed) {
      closed = true;
      s.interrupt();
    }
  });
  ASSERT_TRUE(s.start());
  std::thread t = replay(s.bmp_port(), all, 1500, nullptr);
  std::size_t valid = 0, corrupted = 0;
  while (const bs::record* r = s.get_next_record()) {
    if (r->status == bs::record_status::valid) ++valid;
    else if (r->status == bs::record_status::corrupted_source) ++corrupted;
    else ADD_FAILURE() << bs::to_string(r->status);
  }
  t.join();
  EXPECT_TRUE(closed);
  EXPECT_EQ(messages, msgs.size() * copies);
  EXPECT_GT(valid, 0u);
  EXPECT_GT(corrupted, 0u);
}
