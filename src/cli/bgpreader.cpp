// `wirekit bgpreader`: MRT files (plain, gzip, bzip2, stdin) as bgpdump -m lines or JSON.
//   wirekit bgpreader --format bgpdump -d singlefile -o rib-file=F [-o upd-file=F]
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wirekit/mrt/bgpdump.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace wirekit::cli {

namespace {

const char* kHelp =
    "usage: wirekit bgpreader [--format bgpdump|json] -d singlefile -o rib-file=FILE [-o upd-file=FILE]\n"
    "\n"
    "Reads MRT files (plain, gzip or bzip2, detected by content; '-' is stdin).\n"
    "  --format bgpdump  exactly what `bgpdump -m FILE` prints (the default)\n"
    "  --format json     one os-ken mrtlib JSON record per line\n"
    "  -d singlefile     the data interface (the only one so far)\n"
    "  -o rib-file=FILE  a RIB dump; -o upd-file=FILE an updates dump (read after the RIB file)\n"
    "Exit status: 0; 1 if a file cannot be read; 2 on usage errors.\n";

[[noreturn]] void usage(const std::string& msg) {
  fmt::print(stderr, "wirekit bgpreader: {}\n{}", msg, kHelp);
  std::exit(2);
}

void write_out(std::string& out) {
  if (!out.empty()) std::fwrite(out.data(), 1, out.size(), stdout);
  out.clear();
}

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
  for (;;) {
    auto o = rd.next(r);
    if (o == mrt::record_reader::outcome::oversized) continue;
    if (o != mrt::record_reader::outcome::ok) break;
    if (!pr.print(r.hdr, r.body, out)) break;
    if (out.size() >= (std::size_t{1} << 20)) write_out(out);
  }
  write_out(out);
  return 0;
}

int run_json(const std::string& path) {
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

}  // namespace

int bgpreader_main(int argc, char** argv) {
  std::string format = "bgpdump", iface;
  std::vector<std::string> files;  // rib-file first, then upd-file
  std::string rib, upd;
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
      if (format != "bgpdump" && format != "json") usage("--format must be bgpdump or json");
    } else if (a == "-d") {
      iface = value();
      if (iface != "singlefile") usage("only -d singlefile is supported");
    } else if (a == "-o") {
      std::string v = value();
      if (v.rfind("rib-file=", 0) == 0)
        rib = v.substr(9);
      else if (v.rfind("upd-file=", 0) == 0)
        upd = v.substr(9);
      else
        usage("unknown -o option '" + v + "'");
    } else {
      usage("unknown option '" + a + "'");
    }
  }
  if (rib.empty() && upd.empty()) usage("give -o rib-file=FILE and/or -o upd-file=FILE");
  if (!rib.empty()) files.push_back(rib);
  if (!upd.empty()) files.push_back(upd);
  int rc = 0;
  for (const auto& f : files) {
    int r = format == "json" ? run_json(f) : run_bgpdump(f);
    if (r) rc = r;
  }
  std::fflush(stdout);
  return rc;
}

}  // namespace wirekit::cli
