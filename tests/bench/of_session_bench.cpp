// flow_mods/s through wirekit's OpenFlow controller channel (include/wirekit/session/openflow.hpp).
//
//   of_session_bench [--flows N] [--version V] [--external PORT]
//
// The controller listens; without --external a minimal switch in this process (a thread on a
// plain socket: HELLO, FEATURES_REPLY, BARRIER_REPLY, counts FLOW_MODs; no decoding) connects
// to it, which measures the channel alone ("test switch"). With --external PORT the controller
// listens on PORT and waits for a real switch (Open vSwitch: of_session_bench.sh sets it up and
// also times `ovs-ofctl add-flows` of the same flows as the peer-alone reference).
// Two figures: N flow_mods built (typed struct -> make -> encode) and sent back to back, then one
// barrier; and N request() calls (flow_mod + barrier each, waited for one by one).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "wirekit/openflow/of13.hpp"
#include "wirekit/openflow/of12.hpp"
#include "wirekit/openflow/openflow.hpp"
#include "wirekit/session/openflow.hpp"

using namespace wirekit;
using clk = std::chrono::steady_clock;

namespace {

std::atomic<std::uint64_t> switch_flow_mods{0};

// The in-process switch: speaks version v, answers what the handshake and barriers need.
void test_switch(std::uint16_t port, std::uint8_t v, std::atomic<bool>& stop) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    std::perror("connect");
    ::close(fd);
    return;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval tv{0, 200000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  auto hdr = [&](std::vector<unsigned char>& b, unsigned type, unsigned len, const unsigned char* xid) {
    b.insert(b.end(), {v, static_cast<unsigned char>(type), static_cast<unsigned char>(len >> 8),
                       static_cast<unsigned char>(len & 0xff), xid[0], xid[1], xid[2], xid[3]});
  };
  const unsigned char zero[4] = {0, 0, 0, 1};
  std::vector<unsigned char> out;
  hdr(out, 0, 8, zero);
  ::send(fd, out.data(), out.size(), 0);
  std::vector<unsigned char> buf;
  std::vector<unsigned char> chunk(1 << 16);
  const unsigned barrier_req = v == 1 ? 18 : 20;
  while (!stop) {
    const auto n = ::recv(fd, chunk.data(), chunk.size(), 0);
    if (n == 0) break;
    if (n < 0) continue;
    buf.insert(buf.end(), chunk.begin(), chunk.begin() + n);
    std::size_t pos = 0;
    out.clear();
    while (buf.size() - pos >= 8) {
      const unsigned char* m = buf.data() + pos;
      const std::size_t len = (std::size_t{m[2]} << 8) | m[3];
      if (len < 8) {
        stop = true;
        break;
      }
      if (buf.size() - pos < len) break;
      const unsigned type = m[1];
      if (type == 5) {  // FEATURES_REQUEST
        hdr(out, 6, 32, m + 4);
        const unsigned char body[24] = {0, 0, 0, 0, 0, 0, 0, 0xb2, 0, 0, 1, 0, 254, 0, 0, 0, 0, 0, 0, 0x4f, 0, 0, 0, 0};
        out.insert(out.end(), body, body + 24);
      } else if (type == 2) {  // ECHO_REQUEST
        hdr(out, 3, static_cast<unsigned>(len), m + 4);
        out.insert(out.end(), m + 8, m + len);
      } else if (type == 14) {
        ++switch_flow_mods;
      } else if (type == barrier_req) {
        hdr(out, barrier_req + 1, 8, m + 4);
      }
      pos += len;
    }
    buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(pos));
    if (!out.empty()) ::send(fd, out.data(), out.size(), 0);
  }
  ::close(fd);
}

result<openflow::message> flow_mod(std::uint8_t v, std::uint32_t i) {
  const bytes dst{std::byte{10}, std::byte((i >> 16) & 0xff), std::byte((i >> 8) & 0xff), std::byte(i & 0xff)};
  openflow::oxm_tlv eth{0x8000, 5, false, false, 0, false, 0, bytes{std::byte{0x08}, std::byte{0x00}}, {}};
  openflow::oxm_tlv ip{0x8000, 12, false, false, 0, false, 0, dst, {}};
  openflow::instruction_actions ia;
  ia.type = 4;
  openflow::action_output out;
  out.port = 0xfffffffe;  // LOCAL
  ia.actions.emplace_back(out);
  if (v >= openflow::OFP14) {
    openflow::of14::flow_mod fm;
    fm.priority = 100;
    fm.buffer_id = 0xffffffff;
    fm.out_port = fm.out_group = 0xffffffff;
    fm.match.oxm_fields = {eth, ip};
    fm.instructions.emplace_back(ia);
    return openflow::make(v, std::move(fm));
  }
  openflow::of13::flow_mod fm;
  fm.priority = 100;
  fm.buffer_id = 0xffffffff;
  fm.out_port = fm.out_group = 0xffffffff;
  fm.match.oxm_fields = {eth, ip};
  fm.instructions.emplace_back(ia);
  return openflow::make(v, std::move(fm));
}

}  // namespace

int main(int argc, char** argv) {
  std::uint32_t n = 20000;
  std::uint8_t v = openflow::OFP13;
  int external = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--flows") n = static_cast<std::uint32_t>(std::stoul(argv[i + 1]));
    else if (a == "--version") v = static_cast<std::uint8_t>(std::stoul(argv[i + 1]));
    else if (a == "--external") external = std::stoi(argv[i + 1]);
  }
  if (v < openflow::OFP13) {
    std::fprintf(stderr, "this bench builds OF1.3+ flow_mods (--version 4, 5 or 6)\n");
    return 2;
  }
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  openflow::controller_options o;
  o.address = "127.0.0.1";
  o.port = external >= 0 ? static_cast<std::uint16_t>(external) : 0;
  o.versions = {v};
  o.max_send_queue = 256u << 20;
  openflow::controller ctl(io, o);
  if (auto st = ctl.listen(); !st) {
    std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
    return 1;
  }
  std::thread io_thread([&] { io.run(); });
  std::atomic<bool> stop{false};
  std::thread sw;
  if (external < 0) sw = std::thread([&] { test_switch(ctl.local_port(), v, stop); });
  else std::fprintf(stderr, "waiting for a switch on port %u\n", ctl.local_port());
  auto dp = ctl.wait_datapath(0, std::chrono::seconds(external >= 0 ? 30 : 5));
  int rc = 0;
  if (!dp) {
    std::fprintf(stderr, "no switch connected\n");
    rc = 1;
  } else {
    const char* peer = external >= 0 ? "external switch" : "in-process test switch (no decoding)";
    // 1. N flow_mods back to back, then one barrier.
    const auto t0 = clk::now();
    bytes batch;
    for (std::uint32_t i = 0; i < n; ++i) {
      auto m = flow_mod(v, i);
      if (!m) {
        std::fprintf(stderr, "%s\n", m.err().to_string().c_str());
        rc = 1;
        break;
      }
      m->xid = ctl.next_xid(dp->datapath_id);
      if (auto st = openflow::encode(*m, batch); !st) {
        std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
        rc = 1;
        break;
      }
      if (batch.size() > (256u << 10)) {
        ctl.send_raw(dp->datapath_id, std::move(batch));
        batch.clear();
      }
    }
    if (!batch.empty()) ctl.send_raw(dp->datapath_id, std::move(batch));
    auto barrier = openflow::make(v, openflow::of13::barrier_request{});
    auto r = ctl.request(dp->datapath_id, *barrier, std::chrono::seconds(120));
    const double s1 = std::chrono::duration<double>(clk::now() - t0).count();
    if (!r || !r->ok()) {
      std::fprintf(stderr, "barrier failed: %s\n", r ? "ERROR" : r.err().to_string().c_str());
      rc = 1;
    }
    std::printf("{\"bench\":\"flow_mods_batched\",\"peer\":\"%s\",\"version\":%u,\"flow_mods\":%u,\"seconds\":%.4f,"
                "\"flow_mods_per_s\":%.0f}\n",
                peer, v, n, s1, n / s1);
    // 2. request() one by one (flow_mod + barrier, waited for).
    const std::uint32_t nreq = std::min<std::uint32_t>(n, 5000);
    const auto t1 = clk::now();
    for (std::uint32_t i = 0; i < nreq; ++i) {
      auto m = flow_mod(v, n + i);
      auto rr = ctl.request(dp->datapath_id, *m, std::chrono::seconds(10));
      if (!rr || !rr->ok()) {
        std::fprintf(stderr, "request %u failed\n", i);
        rc = 1;
        break;
      }
    }
    const double s2 = std::chrono::duration<double>(clk::now() - t1).count();
    std::printf("{\"bench\":\"request_one_by_one\",\"peer\":\"%s\",\"version\":%u,\"requests\":%u,\"seconds\":%.4f,"
                "\"requests_per_s\":%.0f}\n",
                peer, v, nreq, s2, nreq / s2);
    if (external < 0)
      std::printf("{\"switch_counted_flow_mods\":%llu}\n", static_cast<unsigned long long>(switch_flow_mods.load()));
  }
  stop = true;
  ctl.stop();
  if (sw.joinable()) sw.join();
  work.reset();
  io.stop();
  io_thread.join();
  return rc;
}
