// `wirekit bgpreader`: BGPStream's bgpreader over MRT files (plain, gzip, bzip2, stdin), with the
// stream API (include/wirekit/mrt/stream.hpp) for its filters and data interfaces.
//   wirekit bgpreader --format bgpdump -d singlefile -o rib-file=F [-o upd-file=F]
//   wirekit bgpreader --format bgpreader -d directory -o path=DIR -w START,END -j 3356
#include <unistd.h>

#include <atomic>
#include <csignal>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wirekit/mrt/bgpdump.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/mrt/mrt.hpp"
#include "wirekit/mrt/stream.hpp"
#include "wirekit/session/bmp.hpp"

namespace wirekit::cli {

namespace {

namespace bs = mrt::bgpstream;

const char* kHelp =
    "usage: wirekit bgpreader [--format bgpdump|bgpreader|json|mrt-json] -d INTERFACE -o OPTION=VALUE...\n"
    "                         [-w START[,END]] [-p PROJECT] [-c COLLECTOR] [-t ribs|updates] [-P PERIOD]\n"
    "                         [-j PEER_ASN] [-J PEER_ASN] [-a ORIGIN_ASN] [-k PREFIX] [-y COMMUNITY]\n"
    "\n"
    "Reads MRT files (plain, gzip or bzip2, detected by content; '-' is stdin).\n"
    "  --format bgpdump    exactly what `bgpdump -m FILE` prints (the default)\n"
    "  --format bgpreader  bgpreader's elem lines: <rec-type>|<elem-type>|<rec-ts-sec>.<rec-ts-usec>|\n"
    "                      <project>|<collector>|<router-name>|<router-ip>|<peer-ASN>|<peer-IP>|<prefix>|\n"
    "                      <next-hop-IP>|<AS-path>|<origin-AS>|<communities>|<old-state>|<new-state>\n"
    "  --format json       one elem per line, a JSON object (docs/bgpstream.md)\n"
    "  --format mrt-json   one os-ken mrtlib JSON record per line (singlefile only, no filters)\n"
    "  --format count      only 'records=R elems=E' (without filters: the parser alone, no elem objects)\n"
    "  --format bmp-json   -d bmp only, no filters: every BMP message as one os-ken JSON line\n"
    "  -d singlefile       -o rib-file=FILE (a RIB dump) and/or -o upd-file=FILE (an updates dump)\n"
    "  -d directory        -o path=DIR: a RouteViews/RIS-like tree (docs/bgpstream.md), merged in time order\n"
    "  -d bmp              a live BMP station (docs/bmp_station.md): -o port=N (default 11019, 0: any),\n"
    "                      -o address=IP (default ::), -o project=NAME -o collector=NAME (default bmp),\n"
    "                      -o max-records=N, -o duration=SECONDS (else it runs until interrupted)\n"
    "  -w START[,END]      records in this time window (epoch seconds or 'YYYY-MM-DD [HH:MM[:SS]]', UTC)*\n"
    "  -p PROJECT          files of this project (routeviews, ris, singlefile)*\n"
    "  -c COLLECTOR        files of this collector (route-views.jinx, rrc06, ...)*\n"
    "  -t ribs|updates     files of this type*\n"
    "  -P PERIOD           one RIB dump per collector every PERIOD seconds\n"
    "  -j PEER_ASN         elems from this peer ASN*;  -J PEER_ASN: not from this peer ASN*\n"
    "  -a ORIGIN_ASN       elems whose AS path ends in this ASN*\n"
    "  -k PREFIX           elems for this prefix or a more specific one*\n"
    "  -y COMMUNITY        elems carrying this community, asn:value, either half may be '*'*\n"
    "  * may be given more than once: values of one option are OR-ed, different options AND-ed.\n"
    "A progress line (bytes read, records/s, elems/s) goes to stderr when it is a terminal.\n"
    "Exit status: 0; 1 if a file cannot be read or is damaged; 2 on usage errors.\n";

[[noreturn]] void usage(const std::string& msg) {
  fmt::print(stderr, "wirekit bgpreader: {}\n{}", msg, kHelp);
  std::exit(2);
}

void write_out(std::string& out) {
  if (!out.empty()) std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

// A progress line on stderr, at most once a second, when stderr is a terminal.
class progress {
 public:
  progress() : on_(isatty(2) == 1), start_(clock::now()), last_(start_) {}
  void tick(const bs::stream_stats& s, bool final = false) {
    tick(s.bytes_read, s.files_opened, s.records, s.elems, final);
  }
  void tick(std::uint64_t bytes, std::uint64_t files, std::uint64_t records, std::uint64_t elems, bool final = false) {
    if (!on_) return;
    if (!final && (++calls_ & 1023) != 0) return;
    const auto now = clock::now();
    if (!final && now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double div = secs > 0 ? secs : 1;
    fmt::print(stderr, "\r{:.1f} MB read, {} files, {:.0f} records/s, {:.0f} elems/s{}", bytes / 1e6, files,
               records / div, elems / div, final ? "\n" : "   ");
  }

 private:
  using clock = std::chrono::steady_clock;
  bool on_;
  clock::time_point start_, last_;
  std::uint64_t calls_ = 0;
};

int run_bgpdump(const std::string& path) {
  auto src = mrt::byte_source::open(path);
  if (!src) {
    fmt::print(stderr, "wirekit bgpreader: {}\n", src.err().to_string());
    return 1;
  }
  mrt::record_reader rd(std::move(*src));
  mrt::bgpdump_printer pr;
  std::string out;
  out.reserve(std::size_t{1} << 20);
  mrt::raw_record r;
  progress prog;
  for (;;) {
    auto o = rd.next(r);
    if (o == mrt::record_reader::outcome::oversized) continue;
    if (o != mrt::record_reader::outcome::ok) break;
    if (!pr.print(r.hdr, r.body, out)) break;
    if (out.size() >= (std::size_t{1} << 20)) write_out(out);
    prog.tick(rd.source().input_bytes(), 1, rd.records(), pr.lines());
  }
  write_out(out);
  prog.tick(rd.source().input_bytes(), 1, rd.records(), pr.lines(), true);
  return 0;
}

// Decode only: the elems the parser finds (bgpdump_printer::for_each_elem_view), counted: no
// text, no elem objects.
struct count_sink final : mrt::elem_view_sink {
  std::uint64_t elems = 0;
  void on_elem(const mrt::elem_view&) override { ++elems; }
};

int run_count(const std::vector<std::string>& files) {
  std::uint64_t records = 0, elems = 0;
  int rc = 0;
  for (const auto& path : files) {
    auto src = mrt::byte_source::open(path);
    if (!src) {
      fmt::print(stderr, "wirekit bgpreader: {}\n", src.err().to_string());
      rc = 1;
      continue;
    }
    mrt::record_reader rd(std::move(*src));
    mrt::bgpdump_printer pr;
    count_sink sink;
    mrt::raw_record r;
    for (;;) {
      auto o = rd.next(r);
      if (o == mrt::record_reader::outcome::oversized) continue;
      if (o != mrt::record_reader::outcome::ok) break;
      ++records;
      if (!pr.for_each_elem_view(r.hdr, r.body, sink)) break;
    }
    elems += sink.elems;
  }
  fmt::print("records={} elems={}\n", records, elems);
  return rc;
}

int run_mrt_json(const std::string& path) {
  auto src = mrt::byte_source::open(path);
  if (!src) {
    fmt::print(stderr, "wirekit bgpreader: {}\n", src.err().to_string());
    return 1;
  }
  mrt::record_reader rd(std::move(*src));
  mrt::raw_record r;
  std::string out;
  for (;;) {
    auto o = rd.next(r);
    if (o == mrt::record_reader::outcome::oversized) {
      out += "{\"error\":\"record longer than the limit, skipped\"}\n";
      continue;
    }
    if (o != mrt::record_reader::outcome::ok) break;
    auto rec = mrt::decode(r.whole, r.offset);
    if (rec)
      out += mrt::to_json(*rec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    else
      out += nlohmann::json{{"error", rec.err().to_string()}, {"offset", r.offset}}.dump();
    out.push_back('\n');
    if (out.size() >= (std::size_t{1} << 20)) write_out(out);
  }
  write_out(out);
  return 0;
}

// SIGINT / SIGTERM end a live (-d bmp) run cleanly: what was read is written out.
std::atomic<bs::stream*> g_live{nullptr};
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop = true;
  if (bs::stream* s = g_live.load()) s->interrupt();
}
void catch_stop_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

// -d bmp --format bmp-json: the station's messages as os-ken JSON lines, flushed as they come.
int run_bmp_json(const std::vector<std::pair<std::string, std::string>>& opts) {
  bmp::station_options o;
  std::uint64_t max_records = 0;
  std::uint32_t duration = 0;
  for (const auto& [k, v] : opts) {
    std::uint64_t n = 0;
    const bool numeric = std::from_chars(v.data(), v.data() + v.size(), n).ptr == v.data() + v.size() && !v.empty();
    if (k == "address") {
      o.address = v;
    } else if (k == "port" && numeric && n <= 0xffff) {
      o.port = static_cast<std::uint16_t>(n);
    } else if (k == "max-records" && numeric) {
      max_records = n;
    } else if (k == "duration" && numeric && n <= 0xffffffffu) {
      duration = static_cast<std::uint32_t>(n);
    } else if (k != "project" && k != "collector") {
      usage("bad -o " + k + "=" + v);
    }
  }
  bmp::station st(o);
  st.on_log([](bmp::log_level l, const std::string& line) {
    if (l != bmp::log_level::debug) fmt::print(stderr, "wirekit bgpreader: {}\n", line);
  });
  if (auto r = st.listen(); !r) {
    fmt::print(stderr, "wirekit bgpreader: {}\n", r.err().to_string());
    return 1;
  }
  catch_stop_signals();
  using clock = std::chrono::steady_clock;
  const auto deadline = duration ? clock::now() + std::chrono::seconds(duration) : clock::time_point::max();
  std::uint64_t n = 0;
  std::string out;
  while (!g_stop && (!max_records || n < max_records) && clock::now() < deadline) {
    auto ev = st.next(std::chrono::milliseconds(100));
    if (!ev || ev->type != bmp::station_event::kind::message) continue;
    if (ev->msg)
      out = bmp::to_json(*ev->msg).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    else
      out = nlohmann::json{{"error", ev->error}, {"router", ev->router.to_string()}, {"offset", ev->offset}}.dump();
    out.push_back('\n');
    write_out(out);
    std::fflush(stdout);
    ++n;
  }
  st.stop();
  return 0;
}

int run_stream(bs::stream& s, const std::string& format) {
  if (format == "bgpdump") s.set_bgpdump_lines(true);
  if (auto st = s.start(); !st) usage(st.err().to_string());
  const bool live = s.bmp_port() != 0;
  if (live) {
    g_live = &s;
    catch_stop_signals();
  }
  std::string out;
  out.reserve(std::size_t{1} << 20);
  progress prog;
  int rc = 0;
  while (const bs::record* r = s.get_next_record()) {
    if (r->status == bs::record_status::corrupted_source) {
      fmt::print(stderr, "wirekit bgpreader: {}: corrupted source: {}\n", r->source, r->error);
      rc = 1;
    }
    if (format == "bgpdump") {
      out += r->bgpdump_lines;
    } else if (format != "count") {
      for (const auto& e : r->elems) {
        if (format == "json")
          bs::append_json_line(*r, e, out);
        else
          bs::append_bgpreader_line(*r, e, out);
        out.push_back('\n');
      }
    }
    if (out.size() >= (std::size_t{1} << 20) || live) write_out(out);
    if (live) std::fflush(stdout);
    prog.tick(s.stats());
  }
  g_live = nullptr;
  if (format == "count") fmt::print("records={} elems={}\n", s.stats().records, s.stats().elems);
  write_out(out);
  prog.tick(s.stats(), true);
  return rc;
}

}  // namespace

int bgpreader_main(int argc, char** argv) {
  std::string format = "bgpdump", iface;
  std::string rib, upd, dir;
  std::vector<std::pair<std::string, std::string>> bmp_opts;  // -d bmp's -o options
  bool filtered = false;  // any filter: the plain bgpdump/mrt-json paths do not apply
  bs::stream s;
  auto filter = [&](const char* type, const std::string& v) {
    if (auto st = s.add_filter(type, v); !st) usage(st.err().to_string());
    filtered = true;
  };
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--format") {
      format = value();
      if (format != "bgpdump" && format != "json" && format != "bgpreader" && format != "mrt-json" &&
          format != "count" && format != "bmp-json")
        usage("--format must be bgpdump, bgpreader, json, mrt-json, count or bmp-json");
    } else if (a == "-d") {
      iface = value();
      if (iface != "singlefile" && iface != "directory" && iface != "bmp")
        usage("-d must be singlefile, directory or bmp");
    } else if (a == "-o") {
      std::string v = value();
      if (v.rfind("rib-file=", 0) == 0)
        rib = v.substr(9);
      else if (v.rfind("upd-file=", 0) == 0)
        upd = v.substr(9);
      else if (v.rfind("path=", 0) == 0)
        dir = v.substr(5);
      else if (auto eq = v.find('='); eq != std::string::npos &&
               (v.compare(0, eq, "port") == 0 || v.compare(0, eq, "address") == 0 ||
                v.compare(0, eq, "max-records") == 0 || v.compare(0, eq, "duration") == 0 ||
                v.compare(0, eq, "project") == 0 || v.compare(0, eq, "collector") == 0))
        bmp_opts.emplace_back(v.substr(0, eq), v.substr(eq + 1));
      else
        usage("unknown -o option '" + v + "'");
    } else if (a == "-w") {
      std::string v = value();
      auto comma = v.find(',');
      auto begin = bs::parse_time(v.substr(0, comma));
      std::optional<std::uint32_t> end = std::uint32_t{0};
      if (comma != std::string::npos) end = bs::parse_time(v.substr(comma + 1));
      if (!begin || !end || (*end && *end < *begin)) usage("bad -w time window '" + v + "'");
      s.add_interval_filter(*begin, *end);
      filtered = true;
    } else if (a == "-P") {
      std::string v = value();
      std::uint32_t period = 0;
      auto r = std::from_chars(v.data(), v.data() + v.size(), period);
      if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size()) usage("bad -P period '" + v + "'");
      s.add_rib_period_filter(period);
      filtered = true;
    } else if (a == "-p") {
      filter("project", value());
    } else if (a == "-c") {
      filter("collector", value());
    } else if (a == "-t") {
      filter("record-type", value());
    } else if (a == "-j") {
      filter("peer-asn", value());
    } else if (a == "-J") {
      filter("not-peer-asn", value());
    } else if (a == "-a") {
      filter("origin-asn", value());
    } else if (a == "-k") {
      filter("prefix", value());
    } else if (a == "-y") {
      filter("community", value());
    } else {
      usage("unknown option '" + a + "'");
    }
  }
  if (iface.empty()) iface = dir.empty() ? "singlefile" : "directory";
  if (iface == "bmp") {
    if (!rib.empty() || !upd.empty() || !dir.empty()) usage("-o rib-file=/upd-file=/path= do not belong to -d bmp");
    if (format == "mrt-json") usage("--format mrt-json is for MRT files; -d bmp has --format bmp-json");
    if (format == "bmp-json") {
      if (filtered) usage("--format bmp-json takes no filters");
      const int rc = run_bmp_json(bmp_opts);
      std::fflush(stdout);
      return rc;
    }
    (void)s.set_data_interface("bmp");
    for (const auto& [k, v] : bmp_opts)
      if (auto st = s.set_data_interface_option("bmp", k, v); !st) usage(st.err().to_string());
    const int rc = run_stream(s, format);
    std::fflush(stdout);
    return rc;
  }
  if (!bmp_opts.empty()) usage("-o " + bmp_opts.front().first + "= belongs to -d bmp");
  if (format == "bmp-json") usage("--format bmp-json needs -d bmp");
  if (iface == "singlefile") {
    if (rib.empty() && upd.empty()) usage("give -o rib-file=FILE and/or -o upd-file=FILE");
    if (!dir.empty()) usage("-o path= belongs to -d directory");
  } else {
    if (dir.empty()) usage("give -o path=DIR");
    if (!rib.empty() || !upd.empty()) usage("-o rib-file=/upd-file= belong to -d singlefile");
  }
  if (format == "mrt-json" && (filtered || iface != "singlefile")) usage("--format mrt-json takes no filters and only -d singlefile");

  // The plain bgpdump -m path: each file whole, the RIB file first, exactly as bgpdump prints it.
  if (iface == "singlefile" && !filtered && (format == "bgpdump" || format == "mrt-json" || format == "count")) {
    std::vector<std::string> files;
    if (!rib.empty()) files.push_back(rib);
    if (!upd.empty()) files.push_back(upd);
    if (format == "count") return run_count(files);
    int rc = 0;
    for (const auto& f : files) {
      int r = format == "mrt-json" ? run_mrt_json(f) : run_bgpdump(f);
      if (r) rc = r;
    }
    std::fflush(stdout);
    return rc;
  }

  (void)s.set_data_interface(iface);
  if (iface == "singlefile") {
    if (!rib.empty()) (void)s.set_data_interface_option("singlefile", "rib-file", rib);
    if (!upd.empty()) (void)s.set_data_interface_option("singlefile", "upd-file", upd);
  } else {
    (void)s.set_data_interface_option("directory", "path", dir);
  }
  int rc = run_stream(s, format);
  std::fflush(stdout);
  return rc;
}

}  // namespace wirekit::cli
