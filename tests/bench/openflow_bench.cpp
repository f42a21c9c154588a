// OpenFlow decoding (bytes -> typed message), decoding + os-ken JSON, and encoding, in
// messages/s, over os-ken-written messages: every .bin of a directory (default
// ../shared/fixtures/generated/of13, or --dir=DIR) that wirekit decodes. The os-ken side
// (ofproto_parser.msg on the same files) is openflow_osken_bench.py; measure_openflow.sh runs both.
//   ninja -C build-bench openflow_bench && build-bench/tests/bench/openflow_bench --dir=../shared/fixtures/generated/of13
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

std::string g_dir = "../shared/fixtures/generated/of13";
std::string g_list;  // --list=FILE: only these file names (openflow_osken_bench.py writes it)

std::vector<bytes> load() {
  std::vector<bytes> out;
  std::error_code ec;
  std::vector<fs::path> files;
  std::set<std::string> only;
  if (!g_list.empty()) {
    std::ifstream l(g_list);
    for (std::string n; std::getline(l, n);)
      if (!n.empty()) only.insert(n);
  }
  for (const auto& e : fs::directory_iterator(g_dir, ec))
    if (e.path().extension() == ".bin" && (only.empty() || only.count(e.path().filename().string())))
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream f(p, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    bytes b(reinterpret_cast<const std::byte*>(s.data()), reinterpret_cast<const std::byte*>(s.data()) + s.size());
    if (openflow::decode(b)) out.push_back(std::move(b));
  }
  return out;
}

void report(benchmark::State& st, std::size_t n_msgs) {
  st.counters["messages"] = double(n_msgs);
  st.counters["messages/s"] = benchmark::Counter(double(st.iterations() * n_msgs), benchmark::Counter::kIsRate);
}

void BM_Decode(benchmark::State& st) {
  const auto msgs = load();
  if (msgs.empty()) return st.SkipWithError("no messages: pass --dir=DIR (os-ken-written .bin files)");
  for (auto _ : st)
    for (const auto& b : msgs) {
      auto m = openflow::decode(b);
      benchmark::DoNotOptimize(m);
    }
  report(st, msgs.size());
}
BENCHMARK(BM_Decode);

void BM_DecodeToJson(benchmark::State& st) {
  const auto msgs = load();
  if (msgs.empty()) return st.SkipWithError("no messages");
  for (auto _ : st)
    for (const auto& b : msgs) {
      auto m = openflow::decode(b);
      auto j = openflow::to_json(*m);
      benchmark::DoNotOptimize(j);
    }
  report(st, msgs.size());
}
BENCHMARK(BM_DecodeToJson);

void BM_Encode(benchmark::State& st) {
  const auto raw = load();
  std::vector<openflow::message> msgs;
  for (const auto& b : raw) msgs.push_back(*openflow::decode(b));
  if (msgs.empty()) return st.SkipWithError("no messages");
  bytes out;
  for (auto _ : st)
    for (const auto& m : msgs) {
      out.clear();
      if (!openflow::encode(m, out)) st.SkipWithError("encode");
      benchmark::DoNotOptimize(out.data());
    }
  report(st, msgs.size());
}
BENCHMARK(BM_Encode);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--dir=", 6) == 0)
      g_dir = argv[i] + 6;
    else if (std::strncmp(argv[i], "--list=", 7) == 0)
      g_list = argv[i] + 7;
    else
      rest.push_back(argv[i]);
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
