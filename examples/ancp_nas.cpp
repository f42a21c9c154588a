// ancp_nas [--address A] [--port P] [--timer T]: the NAS end of ANCP (RFC 6320). Accepts access
// nodes (PyANCP, examples/ancp_client, a DSLAM) and prints every event as one JSON line on stdout:
//   {"event":"adjacency_up","peer":{...}}
//   {"event":"port_up","peer":{...},"tech_type":5,"subscriber":{"aci":"0.0.0.0 eth 1","up":1024,...}}
//   {"event":"port_down",...}
//   {"event":"message","peer":{...},"message":{"ancp":{...}}}
//   {"event":"adjacency_down","peer":{...},"reason":"RSTACK received"}
// Log lines go to stderr. Stops on SIGINT / SIGTERM.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "wirekit/session/ancp.hpp"

namespace ancp = wirekit::ancp;

namespace {

nlohmann::json peer_json(const ancp::peer_info& p) {
  return {{"id", p.id},
          {"address", p.address},
          {"port", p.port},
          {"name", p.name.to_string()},
          {"instance", p.instance},
          {"partition_id", p.partition_id},
          {"timer", p.timer},
          {"capabilities", p.capabilities}};
}

void print(const nlohmann::json& j) {
  std::fputs((j.dump() + "\n").c_str(), stdout);
  std::fflush(stdout);
}

int usage() {
  std::fputs("usage: ancp_nas [--address A] [--port P] [--timer T (100 ms units, default 250)]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  ancp::nas_options opts;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    try {
      if (a == "--address") {
        opts.address = v;
      } else if (a == "--port") {
        const unsigned long p = std::stoul(v);
        if (p > 65535) return usage();
        opts.port = static_cast<std::uint16_t>(p);
      } else if (a == "--timer") {
        const unsigned long t = std::stoul(v);
        if (t < 1 || t > 255) return usage();
        opts.timer = static_cast<std::uint8_t>(t);
      } else {
        return usage();
      }
    } catch (const std::exception&) {
      return usage();
    }
  }

  boost::asio::io_context io;
  ancp::nas_server nas(io, opts);
  nas.on_log([](ancp::log_level l, const std::string& line) {
    if (l == ancp::log_level::debug) return;
    std::cerr << "[" << ancp::to_string(l) << "] " << line << std::endl;
  });
  nas.on_adjacency_up([](const ancp::peer_info& p) { print({{"event", "adjacency_up"}, {"peer", peer_json(p)}}); });
  nas.on_adjacency_down([](const ancp::peer_info& p, const std::string& reason) {
    print({{"event", "adjacency_down"}, {"peer", peer_json(p)}, {"reason", reason}});
  });
  auto port_event = [](const char* name) {
    return [name](const ancp::peer_info& p, const ancp::message& m, const ancp::subscriber& s) {
      print({{"event", name}, {"peer", peer_json(p)}, {"tech_type", m.port.tech_type}, {"subscriber", ancp::to_json(s)}});
    };
  };
  nas.on_port_up(port_event("port_up"));
  nas.on_port_down(port_event("port_down"));
  nas.on_message([](const ancp::peer_info& p, const ancp::message& m) {
    print({{"event", "message"}, {"peer", peer_json(p)}, {"message", ancp::to_json(m)}});
  });

  if (auto st = nas.listen(); !st) {
    std::cerr << "ancp_nas: " << st.err().to_string() << std::endl;
    return 1;
  }
  print({{"event", "listening"}, {"address", opts.address}, {"port", nas.local_port()}});

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  boost::asio::steady_timer grace(io);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    nas.stop();  // RSTACK to every peer
    grace.expires_after(std::chrono::milliseconds(300));
    grace.async_wait([&](const boost::system::error_code&) { io.stop(); });
  });
  io.run();
  return 0;
}
