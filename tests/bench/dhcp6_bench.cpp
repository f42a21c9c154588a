// DHCPv6 decoding, and decoding + validation (RFC 8415 §16 option rules, on the typed view),
// in messages/s, over os-ken-written messages: every .bin of a directory (default
// ../shared/fixtures/generated/dhcp6, or --dir=DIR / $WIREKIT_DHCP6_DIR). The os-ken side
// (dhcp6.parser on the same files) is dhcp6_osken_bench.py; measure_dhcp6.sh runs both.
//   ninja -C build-bench dhcp6_bench && build-bench/tests/bench/dhcp6_bench --dir=../shared/fixtures/generated/dhcp6
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "wirekit/dhcp6/message.hpp"
#include "wirekit/dhcp6/options.hpp"
#include "wirekit/dhcp6/validate.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

std::string g_dir = "../shared/fixtures/generated/dhcp6";

std::vector<bytes> load() {
  std::vector<bytes> out;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(g_dir, ec))
    if (e.path().extension() == ".bin") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream f(p, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    bytes b(reinterpret_cast<const std::byte*>(s.data()), reinterpret_cast<const std::byte*>(s.data()) + s.size());
    if (dhcp6::decode(b)) out.push_back(std::move(b));
  }
  return out;
}

void BM_Decode(benchmark::State& st) {
  const auto msgs = load();
  if (msgs.empty()) {
    st.SkipWithError("no messages: pass --dir=DIR (os-ken-written .bin files)");
    return;
  }
  dhcp6::message m;
  std::uint64_t allocs = 0;
  for (auto _ : st) {
    const auto a0 = g_allocs.load();
    for (const auto& b : msgs)
      if (!dhcp6::decode_into(m, b)) st.SkipWithError("decode");
    allocs += g_allocs.load() - a0;
    benchmark::DoNotOptimize(m.options.option_list.data());
  }
  const double n = double(st.iterations() * msgs.size());
  st.counters["messages"] = double(msgs.size());
  st.counters["messages/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  st.counters["allocs/message"] = double(allocs) / n;
}
BENCHMARK(BM_Decode);

void BM_DecodeValidate(benchmark::State& st) {
  const auto msgs = load();
  if (msgs.empty()) {
    st.SkipWithError("no messages: pass --dir=DIR (os-ken-written .bin files)");
    return;
  }
  dhcp6::message m;
  std::size_t findings = 0;
  for (auto _ : st) {
    for (const auto& b : msgs) {
      if (!dhcp6::decode_into(m, b)) st.SkipWithError("decode");
      findings += dhcp6::validate(m).size();
    }
  }
  benchmark::DoNotOptimize(findings);
  st.counters["messages/s"] = benchmark::Counter(double(st.iterations() * msgs.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeValidate);

}  // namespace

int main(int argc, char** argv) {
  if (const char* env = std::getenv("WIREKIT_DHCP6_DIR")) g_dir = env;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--dir=", 0) == 0)
      g_dir = a.substr(6);
    else
      rest.push_back(argv[i]);
  }
  int n = int(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
