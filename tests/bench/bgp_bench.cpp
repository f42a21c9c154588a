// BGP UPDATE decoding: wirekit's bgp::decode_message over a mix of whole messages written by
// os-ken (tests/bench/make_bgp_mix.py); the os-ken side is tests/bench/bgp_osken_bench.py, on
// the same file, and tests/bench/measure_bgp.sh runs both.
//
// Google Benchmark mode (any --benchmark_* flag, or no file argument):
//   bgp_bench --mix=FILE [--benchmark_filter=...]       (or the file in $WIREKIT_BGP_MIX)
//     BM_wirekit_update        context as_width::four (a session with the 4-byte AS capability)
//     BM_wirekit_update_guess  context as_width::guess (os-ken's width guess, as os-ken decodes)
//   items_per_second = messages/s; counters prefixes_per_s, allocs_per_message (heap allocations
//   per decoded message, one pass outside the timed loop), bytes_per_message, messages.
//
// Standalone mode:
//   bgp_bench FILE [--repeat R] [--guess] [--cpu]   decodes every message of FILE R times
//     (default 1); prints "messages=N prefixes=P ns_per_message=X messages_per_s=Y
//     prefixes_per_s=Z" (N, P: in the file; X, Y, Z over all N*R decodes), the line
//     bgp_osken_bench.py prints. Wall-clock time, or the process's CPU time with --cpu.
//
// "Decode" is bgp::decode_message(bytes, ctx): a new bgp::message holding every attribute and
// every NLRI (body and MP_REACH/MP_UNREACH) in its typed structs; then a walk counting prefixes.
// Heap allocations are counted by replacing the global operator new/delete of this program.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "wirekit/bgp/bgp.hpp"

#include "alloc_counter.hpp"

namespace {

namespace bgp = wirekit::bgp;
using message_list = std::vector<wirekit::bytes_view>;

std::string g_mix_path;
std::vector<std::byte> g_file;  // the messages point into it

// Reads FILE and cuts it into messages by their length field.
bool load(const std::string& path, message_list& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", path.c_str());
    return false;
  }
  std::vector<char> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  g_file.resize(raw.size());
  if (!raw.empty()) std::memcpy(g_file.data(), raw.data(), raw.size());
  out.clear();
  std::size_t off = 0;
  while (off < g_file.size()) {
    if (g_file.size() - off < bgp::header_size) {
      std::fprintf(stderr, "%s: %zu trailing bytes\n", path.c_str(), g_file.size() - off);
      return false;
    }
    std::size_t len = std::to_integer<std::size_t>(g_file[off + 16]) << 8 | std::to_integer<std::size_t>(g_file[off + 17]);
    if (len < bgp::header_size || len > g_file.size() - off) {
      std::fprintf(stderr, "%s: bad length %zu at %zu\n", path.c_str(), len, off);
      return false;
    }
    out.push_back(wirekit::bytes_view(g_file).subspan(off, len));
    off += len;
  }
  if (out.empty()) std::fprintf(stderr, "%s: no messages\n", path.c_str());
  return !out.empty();
}

bgp::context make_context(bool guess) {
  bgp::context ctx;
  ctx.as = guess ? bgp::context::as_width::guess : bgp::context::as_width::four;
  return ctx;
}

// Prefixes of a decoded message: withdrawn routes, NLRI, MP_REACH and MP_UNREACH NLRI.
std::size_t prefixes_of(const bgp::message& m) {
  const auto* u = std::get_if<bgp::update_msg>(&m);
  if (!u) return 0;
  std::size_t n = u->withdrawn_routes.size() + u->nlri.size();
  for (const auto& a : u->path_attributes) {
    if (const auto* r = std::get_if<bgp::attr_mp_reach_nlri>(&a))
      n += bgp::nlri_count(r->nlri);
    else if (const auto* w = std::get_if<bgp::attr_mp_unreach_nlri>(&a))
      n += bgp::nlri_count(w->withdrawn_routes);
  }
  return n;
}

// One full decode; returns the message's prefix count, or SIZE_MAX when it fails.
inline std::size_t decode(wirekit::bytes_view msg, const bgp::context& ctx) {
  auto m = bgp::decode_message(msg, ctx);
  if (!m) return SIZE_MAX;
  return prefixes_of(*m);
}

// Decodes everything once; false (and a message) if anything fails.
bool count_prefixes(const message_list& msgs, const bgp::context& ctx, std::size_t& prefixes) {
  prefixes = 0;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    auto m = bgp::decode_message(msgs[i], ctx);
    if (!m) {
      std::fprintf(stderr, "message %zu: %s\n", i, m.err().to_string().c_str());
      return false;
    }
    prefixes += prefixes_of(*m);
  }
  return true;
}

void BM_wirekit(benchmark::State& state, bool guess) {
  message_list msgs;
  if (g_mix_path.empty()) {
    state.SkipWithError("no mix: pass --mix=FILE or set WIREKIT_BGP_MIX (tests/bench/make_bgp_mix.py)");
    return;
  }
  if (!load(g_mix_path, msgs)) {
    state.SkipWithError("cannot read the mix");
    return;
  }
  const bgp::context ctx = make_context(guess);
  std::size_t prefixes = 0;
  if (!count_prefixes(msgs, ctx, prefixes)) {  // also the warm-up
    state.SkipWithError("a message failed to decode");
    return;
  }
  std::size_t acc = 0;
  for (auto _ : state) {
    for (const auto& m : msgs) acc += decode(m, ctx);
    benchmark::DoNotOptimize(acc);
  }
  const auto iters = static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(msgs.size()));
  state.counters["prefixes_per_s"] = benchmark::Counter(iters * static_cast<double>(prefixes), benchmark::Counter::kIsRate);
  // Allocations per message in one more pass, outside the timed loop.
  std::uint64_t a0 = g_allocs.load();
  for (const auto& m : msgs) acc += decode(m, ctx);
  std::uint64_t a1 = g_allocs.load();
  benchmark::DoNotOptimize(acc);
  const auto n = static_cast<double>(msgs.size());
  state.counters["allocs_per_message"] = static_cast<double>(a1 - a0) / n;
  state.counters["bytes_per_message"] = static_cast<double>(g_file.size()) / n;
  state.counters["messages"] = n;
}
BENCHMARK_CAPTURE(BM_wirekit, update, false)->Name("BM_wirekit_update");
BENCHMARK_CAPTURE(BM_wirekit, update_guess, true)->Name("BM_wirekit_update_guess");

// ---- standalone mode ------------------------------------------------------------------------
int usage() {
  std::fprintf(stderr,
               "usage: bgp_bench FILE [--repeat R] [--guess] [--cpu]\n"
               "       bgp_bench --mix=FILE [--benchmark_* flags]   (or WIREKIT_BGP_MIX=FILE)\n"
               "FILE: concatenated BGP messages (tests/bench/make_bgp_mix.py)\n");
  return 2;
}

double now_ns(bool cpu) {
  if (cpu) {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
  }
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int standalone(const std::string& path, long repeat, bool guess, bool cpu) {
  message_list msgs;
  if (!load(path, msgs)) return 1;
  const bgp::context ctx = make_context(guess);
  std::size_t prefixes = 0;
  if (!count_prefixes(msgs, ctx, prefixes)) return 1;  // also the warm-up
  std::size_t acc = 0;
  const double t0 = now_ns(cpu);
  for (long i = 0; i < repeat; ++i)
    for (const auto& m : msgs) acc += decode(m, ctx);
  const double ns = now_ns(cpu) - t0;
  benchmark::DoNotOptimize(acc);
  double decodes = static_cast<double>(msgs.size()) * static_cast<double>(repeat);
  double s = ns * 1e-9;
  std::printf("messages=%zu prefixes=%zu ns_per_message=%.2f messages_per_s=%.0f prefixes_per_s=%.0f\n", msgs.size(),
              prefixes, ns / decodes, decodes / s, static_cast<double>(prefixes) * static_cast<double>(repeat) / s);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]).rfind("--", 0) != 0) {
    long repeat = 1;
    bool guess = false, cpu = false;
    for (int i = 2; i < argc; ++i) {
      std::string_view a = argv[i];
      if (a == "--repeat" && i + 1 < argc)
        repeat = std::strtol(argv[++i], nullptr, 10);
      else if (a == "--guess")
        guess = true;
      else if (a == "--cpu")
        cpu = true;
      else
        return usage();
    }
    if (repeat < 1) return usage();
    return standalone(argv[1], repeat, guess, cpu);
  }
  // Google Benchmark mode: take --mix=FILE out of the arguments.
  if (const char* env = std::getenv("WIREKIT_BGP_MIX")) g_mix_path = env;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.rfind("--mix=", 0) == 0)
      g_mix_path = std::string(a.substr(6));
    else if (i > 0 && a.rfind("--benchmark", 0) != 0)
      return usage();
    else
      args.push_back(argv[i]);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
