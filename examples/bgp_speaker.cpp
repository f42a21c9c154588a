// bgp_speaker --local-as A --router-id ID --peer ADDR[:PORT] --peer-as B [--announce FILE]
//             [--bind ADDR] [--passive] [--listen-port P] [--hold-time S] [--family AFI/SAFI]...
//             [--add-path AFI/SAFI/MODE]... [--extended-message] [--no-restart] [--quiet] [--expect N]
//
// Keeps a BGP session with one peer (include/wirekit/session/bgp.hpp): prints one JSON line per
// received UPDATE on stdout in os-ken's BGPUpdate form ({"BGPUpdate": {...}}, bgp::to_json), state
// changes and the log on stderr, and announces the UPDATEs in FILE once the session is
// established (again after every re-establishment). FILE: one os-ken BGPUpdate JSON object per
// line, the form this program prints (bgp::message_from_json reads it); empty lines and lines
// starting with '#' are skipped. A line may also withdraw routes. ADDR may be IPv4, IPv6 or
// [IPv6]:PORT; the port defaults to 179. --passive listens on --bind (default ::) port
// --listen-port (default 179) for the peer instead of dialling it. --quiet prints no UPDATEs;
// --expect N exits 0 once N prefixes were announced by the peer (with a routes/s figure on
// stderr). Ctrl-C sends Cease and exits.
//
//   ./examples/bgp_speaker --local-as 65010 --router-id 192.0.2.10 --peer 127.0.0.1:11179
//       --peer-as 65001 --bind 127.0.0.2 --announce routes.jsonl      (one command line)
#include <utility>
// (before Boost.Asio)
#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "wirekit/session/bgp.hpp"

namespace bgp = wirekit::bgp;
using steady = std::chrono::steady_clock;

namespace {

int usage(const std::string& why = {}) {
  if (!why.empty()) std::fprintf(stderr, "bgp_speaker: %s\n", why.c_str());
  std::fputs(
      "usage: bgp_speaker --local-as A --router-id ID --peer ADDR[:PORT] --peer-as B [--announce FILE]\n"
      "                   [--bind ADDR] [--passive] [--listen-port P] [--hold-time S] [--family AFI/SAFI]...\n"
      "                   [--add-path AFI/SAFI/MODE]... [--extended-message] [--no-restart] [--quiet] [--expect N]\n",
      stderr);
  return 2;
}

bool parse_peer(const std::string& v, std::string& addr, std::uint16_t& port) {
  std::string p;
  if (!v.empty() && v[0] == '[') {
    auto e = v.find(']');
    if (e == std::string::npos) return false;
    addr = v.substr(1, e - 1);
    if (e + 1 < v.size()) {
      if (v[e + 1] != ':') return false;
      p = v.substr(e + 2);
    }
  } else if (std::count(v.begin(), v.end(), ':') == 1) {
    addr = v.substr(0, v.find(':'));
    p = v.substr(v.find(':') + 1);
  } else {
    addr = v;
  }
  if (!p.empty()) {
    const unsigned long n = std::stoul(p);
    if (n == 0 || n > 65535) return false;
    port = static_cast<std::uint16_t>(n);
  }
  return wirekit::ip_addr::parse(addr).has_value();
}

std::vector<unsigned long> numbers(const std::string& v) {
  std::vector<unsigned long> out;
  std::size_t i = 0;
  while (i <= v.size()) {
    auto e = v.find('/', i);
    if (e == std::string::npos) e = v.size();
    out.push_back(std::stoul(v.substr(i, e - i)));
    i = e + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bgp::session_options opts;
  std::string announce_file;
  bool have_family = false, quiet = false;
  unsigned long long expect = 0;
  std::uint16_t listen_port = 179;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
        return argv[++i];
      };
      if (a == "--local-as") {
        opts.local_as = static_cast<std::uint32_t>(std::stoul(value()));
      } else if (a == "--router-id") {
        auto r = wirekit::ipv4_addr::parse(value());
        if (!r) return usage("--router-id needs an IPv4 address");
        opts.router_id = *r;
      } else if (a == "--peer") {
        if (!parse_peer(value(), opts.peer_address, opts.peer_port)) return usage("bad --peer");
      } else if (a == "--peer-as") {
        opts.peer_as = static_cast<std::uint32_t>(std::stoul(value()));
      } else if (a == "--announce") {
        announce_file = value();
      } else if (a == "--bind") {
        opts.local_address = value();
      } else if (a == "--passive") {
        opts.passive = true;
      } else if (a == "--listen-port") {
        listen_port = static_cast<std::uint16_t>(std::stoul(value()));
      } else if (a == "--hold-time") {
        opts.hold_time = static_cast<std::uint16_t>(std::stoul(value()));
      } else if (a == "--family") {
        auto n = numbers(value());
        if (n.size() != 2) return usage("--family AFI/SAFI");
        if (!have_family) opts.families.clear();
        have_family = true;
        opts.families.push_back({static_cast<std::uint16_t>(n[0]), static_cast<std::uint8_t>(n[1])});
      } else if (a == "--add-path") {
        auto n = numbers(value());
        if (n.size() != 3 || n[2] < 1 || n[2] > 3) return usage("--add-path AFI/SAFI/MODE (1 receive, 2 send, 3 both)");
        opts.add_path.push_back(
            {static_cast<std::uint16_t>(n[0]), static_cast<std::uint8_t>(n[1]), static_cast<std::uint8_t>(n[2])});
      } else if (a == "--extended-message") {
        opts.extended_message = true;
      } else if (a == "--no-restart") {
        opts.restart = false;
      } else if (a == "--quiet") {
        quiet = true;
      } else if (a == "--expect") {
        expect = std::stoull(value());
      } else {
        return usage("unknown option " + a);
      }
    }
  } catch (const std::exception& e) {
    return usage(e.what());
  }
  if (opts.local_as == 0 || opts.router_id.to_uint() == 0 || opts.peer_as == 0 || (opts.peer_address.empty() && !opts.passive))
    return usage("--local-as, --router-id, --peer and --peer-as are required");
  if (opts.passive) {
    opts.local_port = listen_port;
    if (opts.local_address.empty()) opts.local_address = "::";
  }

  std::vector<bgp::message> announcements;
  if (!announce_file.empty()) {
    std::ifstream in(announce_file);
    if (!in) return usage("cannot open " + announce_file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty() || line[0] == '#') continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        std::fprintf(stderr, "bgp_speaker: %s line %d: not JSON\n", announce_file.c_str(), n);
        return 2;
      }
      auto m = bgp::message_from_json(j);
      if (!m || !std::holds_alternative<bgp::update_msg>(*m)) {
        std::fprintf(stderr, "bgp_speaker: %s line %d: %s\n", announce_file.c_str(), n,
                     m ? "not a BGPUpdate" : m.err().to_string().c_str());
        return 2;
      }
      announcements.push_back(std::move(*m));
    }
  }

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  bgp::session s(io, opts);
  std::mutex out_mtx;
  std::atomic<bool> up{false}, done{false};
  std::atomic<std::uint64_t> generation{0};
  steady::time_point t_up{};
  s.on_log([&](bgp::log_level l, const std::string& line) {
    if (l == bgp::log_level::debug) return;
    std::lock_guard g(out_mtx);
    std::fprintf(stderr, "%s: %s\n", bgp::to_string(l), line.c_str());
  });
  s.on_state([&](bgp::session_state from, bgp::session_state to, const std::string& why) {
    {
      std::lock_guard g(out_mtx);
      std::fprintf(stderr, "state %s -> %s: %s\n", bgp::to_string(from), bgp::to_string(to), why.c_str());
    }
    if (to == bgp::session_state::established) {
      t_up = steady::now();
      ++generation;
      up = true;
    } else {
      up = false;
    }
  });
  s.on_update([&](const bgp::update_msg& u, const bgp::update_info&) {
    if (quiet) return;
    const std::string line = bgp::to_json(bgp::message(u)).dump();
    std::lock_guard g(out_mtx);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  });
  if (auto st = s.start(); !st) {
    std::fprintf(stderr, "bgp_speaker: %s\n", st.err().to_string().c_str());
    return 1;
  }
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) done = true;
  });
  std::thread t([&] { io.run(); });

  std::uint64_t announced_for = 0;
  int rc = 0;
  while (!done) {
    if (up && generation != announced_for && !announcements.empty()) {
      announced_for = generation;
      std::size_t sent = 0;
      for (const auto& m : announcements)
        if (s.send_wait(m, std::chrono::seconds(30))) ++sent;
      std::lock_guard g(out_mtx);
      std::fprintf(stderr, "announced %zu of %zu UPDATEs from %s\n", sent, announcements.size(),
                   announce_file.c_str());
    }
    if (expect > 0 && s.stats().prefixes_announced >= expect) {
      const double secs = std::chrono::duration<double>(steady::now() - t_up).count();
      const auto st = s.stats();
      std::lock_guard g(out_mtx);
      std::fprintf(stderr, "received %llu prefixes in %llu UPDATEs, %.3f s after ESTABLISHED: %.0f routes/s\n",
                   static_cast<unsigned long long>(st.prefixes_announced),
                   static_cast<unsigned long long>(st.updates_received), secs,
                   static_cast<double>(st.prefixes_announced) / secs);
      break;
    }
    if (!opts.restart && !up && s.state() == bgp::session_state::idle && generation > 0) {
      rc = 1;
      break;
    }
    s.wait_state_change_from(s.state(), std::chrono::milliseconds(expect > 0 ? 2 : 100));
  }
  s.stop();
  s.flush(std::chrono::seconds(1));
  s.wait_state(bgp::session_state::idle, std::chrono::seconds(2));
  std::fflush(stdout);
  work.reset();
  io.stop();
  t.join();
  return rc;
}
