// Frame decoding: wirekit (packet_view::parse_into into a reused packet_view, and
// packet::parse_into into a reused packet) against libtins (Tins::EthernetII), on the same
// in-memory frames, in the same run.
//
// Google Benchmark mode (any --benchmark_* flag, or no argument):
//   frames_bench [--benchmark_filter=...]
//     BM_wirekit_mix / BM_tins_mix            the whole mix (frames/s as items_per_second);
//                                             wirekit: packet_view
//     BM_wirekit_no_options / BM_tins_no_options   only frames without TCP options
//     BM_wirekit_packet_mix / BM_wirekit_packet_no_options   the same with packet
//     BM_wirekit_wire_mix / BM_wirekit_wire_no_options       the same with wire_view (headers
//                                             located and checked in place; the walk reads each
//                                             header's kind and size, and every TCP option's)
//   counters: allocs_per_frame (heap allocations per decoded frame, steady state), bytes_per_frame.
//
// Standalone mode:
//   frames_bench PCAP [--repeat R] [--tins | --view | --packet | --wire]
//                                             decode every frame of PCAP R times (default 1)
//                                             with wire_view (the default, or --wire; libtins,
//                                             packet_view, packet): prints
//                                             "frames=N ns_per_frame=X frames_per_s=Y"
//                                             (N = frames in the file; X, Y over all N*R decodes)
//   frames_bench --alloc-report               heap allocations per frame by kind of frame, in
//                                             steady state, wirekit and libtins, on the mix
//   frames_bench --write-mix PCAP [--count N] [--no-options]
//                                             writes the benchmark's frame mix as a pcap (only the
//                                             frames without TCP options with --no-options)
//
// Heap allocations are counted by replacing the global operator new/delete of this program.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "frame_mix.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/packet/packet_view.hpp"
#include "wirekit/packet/wire_view.hpp"
#include "wirekit/pcap/pcap.hpp"

#if WIREKIT_BENCH_TINS
#include <tins/tins.h>
#endif

#include "alloc_counter.hpp"

namespace {

using wirekit::bytes_view;
using frame_list = std::vector<std::vector<std::uint8_t>>;

bytes_view view(const std::vector<std::uint8_t>& f) {
  return {reinterpret_cast<const std::byte*>(f.data()), f.size()};
}

// Decodes one frame fully with wirekit (every header into its struct); returns something that
// depends on every header and on the payload.
inline std::size_t wirekit_decode(wirekit::packet_view& pv, const std::vector<std::uint8_t>& f) {
  if (!wirekit::packet_view::parse_into(pv, view(f))) return 1000;
  std::size_t acc = pv.size() + pv.payload().size();
  for (const auto& e : pv) acc += static_cast<std::size_t>(e.kind);
  return acc;
}
// The same into a packet (payload copied into its `payload` element).
inline std::size_t wirekit_decode_packet(wirekit::packet& pk, const std::vector<std::uint8_t>& f) {
  if (!wirekit::packet::parse_into(pk, view(f))) return 1000;
  std::size_t acc = pk.protocols.size();
  for (const auto& h : pk.protocols) acc += h.index();
  return acc;
}

// The same with wire_view: the headers located and checked; the walk reads what libtins' walk
// below reads (each header's kind and size) and locates every TCP option, as libtins' TCP
// constructor does.
inline std::size_t wirekit_decode_wire(wirekit::wire_view& wv, const std::vector<std::uint8_t>& f) {
  if (!wirekit::wire_view::parse_into(wv, view(f))) return 1000;
  std::size_t acc = 0;
  for (const auto& e : wv) {
    acc += static_cast<std::size_t>(e.kind) + e.size;
    if (e.kind == wirekit::header_kind::tcp && !e.from_app) {
      wirekit::tcp_option_cursor c = wv.tcp_option_cursor_at(e);
      for (wirekit::tcp_option_cursor::option o; c.next(o);) acc += o.kind + o.bytes.size();
      acc += c.malformed();
    }
  }
  return acc;
}

#if WIREKIT_BENCH_TINS
// The same with libtins: the constructor parses the whole PDU chain; walk it.
inline std::size_t tins_decode(const std::vector<std::uint8_t>& f) {
  try {
    Tins::EthernetII eth(f.data(), static_cast<std::uint32_t>(f.size()));
    std::size_t acc = 0;
    for (const Tins::PDU* p = &eth; p; p = p->inner_pdu()) acc += static_cast<std::size_t>(p->pdu_type()) + p->header_size();
    return acc;
  } catch (const std::exception&) {
    return 1000;
  }
}
#endif

const std::vector<wirekit::bench::mix_frame>& mix() {
  static const auto m = wirekit::bench::make_mix();
  return m;
}
frame_list select_frames(bool only_without_options) {
  frame_list v;
  for (const auto& f : mix())
    if (!only_without_options || !f.options) v.push_back(f.data);
  return v;
}
double mean_size(const frame_list& v) {
  double s = 0;
  for (const auto& f : v) s += static_cast<double>(f.size());
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

template <class Decode>
void run_benchmark(benchmark::State& state, const frame_list& frames, Decode&& decode) {
  std::size_t acc = 0;
  for (const auto& f : frames) acc += decode(f);  // warm up (steady state for reused objects)
  for (auto _ : state) {
    for (const auto& f : frames) acc += decode(f);
    benchmark::DoNotOptimize(acc);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * frames.size()));
  // Allocations per frame in one more pass, outside the timed loop.
  std::uint64_t a0 = g_allocs.load();
  for (const auto& f : frames) acc += decode(f);
  std::uint64_t a1 = g_allocs.load();
  benchmark::DoNotOptimize(acc);
  state.counters["allocs_per_frame"] = static_cast<double>(a1 - a0) / static_cast<double>(frames.size());
  state.counters["bytes_per_frame"] = mean_size(frames);
  state.counters["frames"] = static_cast<double>(frames.size());
}

void BM_wirekit(benchmark::State& state, bool no_options) {
  const frame_list frames = select_frames(no_options);
  wirekit::packet_view pv;
  run_benchmark(state, frames, [&](const std::vector<std::uint8_t>& f) { return wirekit_decode(pv, f); });
}
BENCHMARK_CAPTURE(BM_wirekit, mix, false);
BENCHMARK_CAPTURE(BM_wirekit, no_options, true);

void BM_wirekit_packet(benchmark::State& state, bool no_options) {
  const frame_list frames = select_frames(no_options);
  wirekit::packet pk;
  run_benchmark(state, frames, [&](const std::vector<std::uint8_t>& f) { return wirekit_decode_packet(pk, f); });
}
BENCHMARK_CAPTURE(BM_wirekit_packet, mix, false);
BENCHMARK_CAPTURE(BM_wirekit_packet, no_options, true);

void BM_wirekit_wire(benchmark::State& state, bool no_options) {
  const frame_list frames = select_frames(no_options);
  wirekit::wire_view wv;
  run_benchmark(state, frames, [&](const std::vector<std::uint8_t>& f) { return wirekit_decode_wire(wv, f); });
}
BENCHMARK_CAPTURE(BM_wirekit_wire, mix, false);
BENCHMARK_CAPTURE(BM_wirekit_wire, no_options, true);

#if WIREKIT_BENCH_TINS
void BM_tins(benchmark::State& state, bool no_options) {
  const frame_list frames = select_frames(no_options);
  run_benchmark(state, frames, [](const std::vector<std::uint8_t>& f) { return tins_decode(f); });
}
BENCHMARK_CAPTURE(BM_tins, mix, false);
BENCHMARK_CAPTURE(BM_tins, no_options, true);
#endif

// ---- standalone mode ------------------------------------------------------------------------
int usage() {
  std::fprintf(stderr,
               "usage: frames_bench PCAP [--repeat R] [--tins | --view | --packet | --wire]\n"
               "       frames_bench --alloc-report\n"
               "       frames_bench --write-mix PCAP [--count N] [--no-options]\n"
               "       frames_bench [--benchmark_* flags]\n");
  return 2;
}

// Decodes the mix once to warm up, then once more attributing allocations to each frame's kind.
int alloc_report() {
  const auto& m = mix();
  struct tally {
    std::size_t frames = 0;
    std::uint64_t wk = 0, pk = 0, wire = 0, tins = 0;
  };
  std::vector<std::pair<std::string, tally>> kinds;
  auto find = [&](const std::string& k) -> tally& {
    for (auto& e : kinds)
      if (e.first == k) return e.second;
    return kinds.emplace_back(k, tally{}).second;
  };
  for (const auto& f : m) find(f.kind);  // no allocation below this line but the decoders'
  // One decoder at a time over the whole mix (a warm-up pass, then the counted pass), as the
  // benchmarks run them: packet and packet_view share per-thread spares (TCP option lists),
  // which interleaving the two would make them take from each other.
  wirekit::packet_view pv;
  wirekit::packet pk;
  wirekit::wire_view wv;
  std::size_t acc = 0;
  auto pass = [&](auto&& decode, std::uint64_t tally::*field) {
    for (const auto& f : m) acc += decode(f.data);
    for (const auto& f : m) {
      std::uint64_t a0 = g_allocs.load();
      acc += decode(f.data);
      find(f.kind).*field += g_allocs.load() - a0;
    }
  };
  for (const auto& f : m) ++find(f.kind).frames;
  pass([&](const std::vector<std::uint8_t>& f) { return wirekit_decode(pv, f); }, &tally::wk);
  pass([&](const std::vector<std::uint8_t>& f) { return wirekit_decode_packet(pk, f); }, &tally::pk);
  pass([&](const std::vector<std::uint8_t>& f) { return wirekit_decode_wire(wv, f); }, &tally::wire);
#if WIREKIT_BENCH_TINS
  pass([](const std::vector<std::uint8_t>& f) { return tins_decode(f); }, &tally::tins);
#endif
  benchmark::DoNotOptimize(acc);
  std::printf("%-22s %7s %14s %14s %14s %14s\n", "kind", "frames", "packet_view", "packet", "wire_view", "libtins");
  std::uint64_t wk = 0, pks = 0, wire = 0, tins = 0;
  auto per = [](std::uint64_t a, std::size_t n) { return double(a) / double(n); };
  for (const auto& [k, t] : kinds) {
    std::printf("%-22s %7zu %14.3f %14.3f %14.3f %14.3f\n", k.c_str(), t.frames, per(t.wk, t.frames),
                per(t.pk, t.frames), per(t.wire, t.frames), per(t.tins, t.frames));
    wk += t.wk;
    pks += t.pk;
    wire += t.wire;
    tins += t.tins;
  }
  std::printf("%-22s %7zu %14.3f %14.3f %14.3f %14.3f\n", "all (allocs/frame)", m.size(), per(wk, m.size()),
              per(pks, m.size()), per(wire, m.size()), per(tins, m.size()));
  return 0;
}

int write_mix(const std::string& path, std::size_t count, bool no_options) {
  auto w = wirekit::pcap::writer::create(path);
  if (!w) {
    std::fprintf(stderr, "%s\n", w.err().to_string().c_str());
    return 1;
  }
  auto frames = wirekit::bench::make_mix(count);
  std::int64_t t = 1700000000;
  std::size_t written = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (no_options && frames[i].options) continue;
    ++written;
    if (auto st = w->write(view(frames[i].data), t, static_cast<std::uint32_t>(i % 1000000)); !st) {
      std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
      return 1;
    }
  }
  if (auto st = w->close(); !st) {
    std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
    return 1;
  }
  std::printf("wrote %zu frames to %s\n", written, path.c_str());
  return 0;
}

enum class side { view, packet, wire, tins };

int standalone(const std::string& path, long repeat, side who) {
  auto r = wirekit::pcap::reader::open(path);
  if (!r) {
    std::fprintf(stderr, "%s\n", r.err().to_string().c_str());
    return 1;
  }
  frame_list frames;
  wirekit::pcap::frame fr;
  for (;;) {
    auto more = r->next(fr);
    if (!more) {
      std::fprintf(stderr, "%s\n", more.err().to_string().c_str());
      return 1;
    }
    if (!*more) break;
    frames.emplace_back(reinterpret_cast<const std::uint8_t*>(fr.data.data()),
                        reinterpret_cast<const std::uint8_t*>(fr.data.data()) + fr.data.size());
  }
  if (frames.empty()) {
    std::fprintf(stderr, "%s: no frames\n", path.c_str());
    return 1;
  }
  std::size_t acc = 0;
  wirekit::packet_view pv;
  wirekit::packet pk;
  wirekit::wire_view wv;
  auto t0 = std::chrono::steady_clock::now();
  if (who == side::tins) {
#if WIREKIT_BENCH_TINS
    for (long i = 0; i < repeat; ++i)
      for (const auto& f : frames) acc += tins_decode(f);
#else
    std::fprintf(stderr, "built without libtins\n");
    return 1;
#endif
  } else if (who == side::packet) {
    for (long i = 0; i < repeat; ++i)
      for (const auto& f : frames) acc += wirekit_decode_packet(pk, f);
  } else if (who == side::wire) {
    for (long i = 0; i < repeat; ++i)
      for (const auto& f : frames) acc += wirekit_decode_wire(wv, f);
  } else {
    for (long i = 0; i < repeat; ++i)
      for (const auto& f : frames) acc += wirekit_decode(pv, f);
  }
  auto t1 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(acc);
  double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
  double decodes = static_cast<double>(frames.size()) * static_cast<double>(repeat);
  std::printf("frames=%zu ns_per_frame=%.2f frames_per_s=%.0f\n", frames.size(), ns / decodes,
              decodes / (ns * 1e-9));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]).rfind("--benchmark", 0) != 0) {
    std::string first = argv[1];
    if (first == "--alloc-report") return argc == 2 ? alloc_report() : usage();
    if (first == "--write-mix") {
      if (argc < 3) return usage();
      std::size_t count = 1024;
      bool no_options = false;
      for (int i = 3; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--count" && i + 1 < argc)
          count = std::strtoull(argv[++i], nullptr, 10);
        else if (std::string_view(argv[i]) == "--no-options")
          no_options = true;
        else
          return usage();
      }
      return write_mix(argv[2], count, no_options);
    }
    if (first.rfind("--", 0) == 0) return usage();
    long repeat = 1;
    side who = side::wire;
    for (int i = 2; i < argc; ++i) {
      std::string_view a = argv[i];
      if (a == "--repeat" && i + 1 < argc)
        repeat = std::strtol(argv[++i], nullptr, 10);
      else if (a == "--tins")
        who = side::tins;
      else if (a == "--packet")
        who = side::packet;
      else if (a == "--wire")
        who = side::wire;
      else if (a == "--view")
        who = side::view;
      else
        return usage();
    }
    if (repeat < 1) return usage();
    return standalone(first, repeat, who);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
