// ancp_client [--address A] [--port P] [--timer SECONDS]: what PyANCP's README example does, as
// an access node: connect to the NAS (IPv4 or IPv6), port up two subscribers, keep the session
// until Ctrl-C (SIGINT / SIGTERM) or until the adjacency is lost, then port down and disconnect.
//
//   ./examples/ancp_nas --port 6068 &
//   ./examples/ancp_client --address ::1
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <string>
#include <thread>

#include "wirekit/session/ancp.hpp"

namespace ancp = wirekit::ancp;

namespace {

int usage() {
  std::fputs("usage: ancp_client [--address A (default 127.0.0.1)] [--port P] [--timer SECONDS (default 25)]\n",
             stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  ancp::client_options opts;
  opts.address = "127.0.0.1";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    try {
      if (a == "--address") {
        opts.address = v;
      } else if (a == "--port") {
        const unsigned long p = std::stoul(v);
        if (p == 0 || p > 65535) return usage();
        opts.port = static_cast<std::uint16_t>(p);
      } else if (a == "--timer") {
        const double t = std::stod(v);
        if (!(t >= 0.1 && t <= 25.5)) return usage();
        opts.timer = static_cast<std::uint8_t>(t * 10 + 0.5);  // 100 ms units
      } else {
        return usage();
      }
    } catch (const std::exception&) {
      return usage();
    }
  }

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  std::atomic<bool> stop{false};
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) stop = true;
  });

  ancp::client client(io, opts);
  client.on_log([](ancp::log_level l, const std::string& line) {
    if (l != ancp::log_level::debug) std::cerr << "[" << ancp::to_string(l) << "] " << line << std::endl;
  });
  client.on_state([](ancp::adjacency_state s, const std::string& why) {
    std::cerr << "adjacency " << ancp::to_string(s) << ": " << why << std::endl;
  });
  std::thread runner([&] { io.run(); });

  int rc = 0;
  client.connect();
  if (client.wait_established(std::chrono::seconds(6))) {
    ancp::subscriber s1, s2;
    s1.aci = "0.0.0.0 eth 1";
    s1.up = 1024;
    s1.down = 16000;
    s2.aci = "0.0.0.0 eth 2";
    s2.up = 2048;
    s2.down = 32000;
    client.port_up({s1, s2});
    std::cerr << "port up sent for 2 subscribers; Ctrl-C ends the session" << std::endl;
    while (!stop && client.established()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (client.established()) {
      client.port_down({s1, s2});
      std::promise<void> closed;
      client.disconnect([&] { closed.set_value(); });
      closed.get_future().wait_for(std::chrono::seconds(3));
    } else {
      std::cerr << "adjacency lost: " << client.last_reason() << std::endl;
      rc = 1;
    }
  } else {
    std::cerr << "no adjacency with " << opts.address << ": " << client.last_reason() << std::endl;
    rc = 1;
  }
  signals.cancel();
  work.reset();
  io.stop();
  runner.join();
  return rc;
}
