// ANCP Port Up batches: encode (subscribers -> one TCP write of Port Up messages, as the
// access-node client sends them) and decode (a TCP payload of Port Up messages -> messages and
// their subscriber view, as the NAS side reads them), in messages/s. The peer in the same run is
// PyANCP's encoder (tests/bench/ancp_pyancp_bench.py, run by measure_ancp.sh); PyANCP has no
// decoder.
//   ninja -C build-bench ancp_bench && build-bench/tests/bench/ancp_bench
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "alloc_counter.hpp"
#include "wirekit/ancp/subscriber.hpp"

using namespace wirekit;

namespace {

// The subscribers of the batch: PyANCP README's attributes plus the optional rates, as in
// ancp_pyancp_bench.py (the same bytes: tests/ancp/ancp_codec_test.cpp checks the encoding).
std::vector<ancp::subscriber> batch(std::size_t n) {
  std::vector<ancp::subscriber> v;
  for (std::size_t i = 0; i < n; ++i) {
    ancp::subscriber s;
    s.aci = "0.0.0.0 eth " + std::to_string(i + 1);
    s.ari = "remote-" + std::to_string(i + 1);
    s.up = 1024 + std::uint32_t(i);
    s.down = 16000 + std::uint32_t(i);
    s.aaci_bin = std::vector<std::uint32_t>{128, std::uint32_t(i % 4096)};
    s.aaci_ascii = "128";
    s.att_up = 2048;
    s.att_down = 32000;
    s.dsl_type = 5;
    v.push_back(std::move(s));
  }
  return v;
}

constexpr std::size_t batch_size = 100;

// The batch as one TCP payload of Port Up messages.
bytes batch_wire() {
  bytes wire;
  for (const auto& s : batch(batch_size))
    if (!ancp::encode(ancp::port_event(ancp::msg::port_up, s, ancp::tech_type::dsl, 0), wire)) std::abort();
  return wire;
}

void BM_EncodePortUpBatch(benchmark::State& st) {
  const auto subs = batch(batch_size);
  bytes out;
  std::uint64_t allocs = 0;
  for (auto _ : st) {
    out.clear();
    const auto a0 = g_allocs.load();
    for (const auto& s : subs) {
      if (!ancp::encode(ancp::port_event(ancp::msg::port_up, s, ancp::tech_type::dsl, 0), out)) st.SkipWithError("encode");
    }
    allocs += g_allocs.load() - a0;
    benchmark::DoNotOptimize(out.data());
  }
  st.counters["messages/s"] = benchmark::Counter(double(st.iterations() * batch_size), benchmark::Counter::kIsRate);
  st.counters["bytes/message"] = double(out.size()) / batch_size;
  st.counters["allocs/message"] = double(allocs) / double(st.iterations() * batch_size);
}
BENCHMARK(BM_EncodePortUpBatch);

void BM_DecodePortUpBatch(benchmark::State& st) {
  const bytes wire = batch_wire();
  ancp::message m;
  std::uint64_t allocs = 0, up_sum = 0;
  for (auto _ : st) {
    const auto a0 = g_allocs.load();
    std::size_t at = 0;
    while (at < wire.size()) {
      auto n = ancp::frame_size(bytes_view(wire).subspan(at));
      if (!n || !*n || !ancp::decode_into(m, bytes_view(wire).subspan(at, *n))) {
        st.SkipWithError("decode");
        break;
      }
      const ancp::subscriber s = ancp::subscriber_from_tlvs(m.tlvs);
      up_sum += s.up.value_or(0);
      at += *n;
    }
    allocs += g_allocs.load() - a0;
  }
  benchmark::DoNotOptimize(up_sum);
  st.counters["messages/s"] = benchmark::Counter(double(st.iterations() * batch_size), benchmark::Counter::kIsRate);
  st.counters["allocs/message"] = double(allocs) / double(st.iterations() * batch_size);
}
BENCHMARK(BM_DecodePortUpBatch);

void BM_DecodePortUpBatchMessageOnly(benchmark::State& st) {
  const bytes wire = batch_wire();
  ancp::message m;
  for (auto _ : st) {
    std::size_t at = 0;
    while (at < wire.size()) {
      auto n = ancp::frame_size(bytes_view(wire).subspan(at));
      if (!n || !*n || !ancp::decode_into(m, bytes_view(wire).subspan(at, *n))) {
        st.SkipWithError("decode");
        break;
      }
      at += *n;
    }
    benchmark::DoNotOptimize(m.tlvs.data());
  }
  st.counters["messages/s"] = benchmark::Counter(double(st.iterations() * batch_size), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodePortUpBatchMessageOnly);

}  // namespace

BENCHMARK_MAIN();
