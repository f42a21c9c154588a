// libFuzzer target: any bytes as MRT data.
// Invariants:
//   1. decode of one record never crashes; an error names protocol "mrt" or "bgp" and an
//      offset inside the input;
//   2. a decoded record encodes; its encoding decodes; encode/decode is then a fixed point (the
//      first encode may normalise, e.g. attribute flag bits to the BGP codec's class defaults);
//   3. from_json(to_json(r)) succeeds and its JSON is the same (a fixed point);
//   4. the bgpdump printer and the record reader take the same bytes as a whole dump without
//      crashing (from memory, through the decompression thread), and never read past a record;
//   5. the zero-copy elem views (for_each_elem_view) give as many elems as extract() and the same
//      return value, and every byte they point at is readable (ASan checks each one);
//   6. bzip2 input: the parallel decoder (blocks cut at their magics, decoded on 2 workers, with
//      two false boundaries injected) gives the same bytes, end and error as the sequential one.
//
//   ninja -C build-fuzz mrt_fuzz && build-fuzz/tests/fuzz/mrt_fuzz -max_total_time=600 CORPUS_DIR tests/fuzz/corpus/mrt
// Seeds: tests/fuzz/corpus/mrt (one record per file, written by os-ken: tests/fuzz/make_mrt_seeds.py;
// bzip2-two-blocks.bin: `bzip2 -dc ../shared/fixtures/mrt/pyasn__rib.20140523.0600_firstMB.bz2 |
// head -c 150000 | bzip2 -1`, two blocks, for invariant 6; bzip2-hello.bin: `printf hello | bzip2
// -9`, whose false boundaries once made the parallel decoder output a block before its CRC check).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "wirekit/mrt/bgpdump.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "mrt_fuzz: invariant violated: %s\n", what);
  std::abort();
}

struct count_sink : wirekit::mrt::elem_sink {
  std::uint64_t n = 0;
  void on_elem(const wirekit::mrt::dump_elem&) override { ++n; }
};

// Reads every byte a view points at and formats its AS path.
struct touch_sink : wirekit::mrt::elem_view_sink {
  std::uint64_t n = 0;
  unsigned sum = 0;
  std::string text;
  void touch(const std::uint8_t* p, std::size_t k) {
    if (p)
      for (std::size_t i = 0; i < k; ++i) sum += p[i];
  }
  void on_elem(const wirekit::mrt::elem_view& e) override {
    ++n;
    touch(e.peer_ip, 16);
    touch(e.prefix, 16);
    touch(e.nexthop, 16);
    touch(e.as_path, e.as_path_size);
    touch(e.communities, std::size_t{4} * e.community_count);
    text.clear();
    if (e.has_as_path) e.append_as_path(text);
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  bytes_view in(reinterpret_cast<const std::byte*>(data), size);

  // One record, when the input is exactly one by its header.
  if (auto h = mrt::peek_header(in)) {
    auto r = mrt::decode(in);
    if (!r) {
      if ((r.err().protocol != "mrt" && r.err().protocol != "bgp") || r.err().offset > in.size())
        fail("error without protocol mrt/bgp or offset beyond the input");
    } else {
      bytes e1;
      if (!mrt::encode(*r, e1)) fail("encode of a decoded record fails");
      auto r2 = mrt::decode(e1);
      if (!r2) fail("decode of an encoded record fails");
      bytes e2;
      if (!mrt::encode(*r2, e2)) fail("second encode fails");
      auto r3 = mrt::decode(e2);
      if (!r3 || mrt::to_json(*r3) != mrt::to_json(*r2) || e2 != e1) fail("encode/decode is not a fixed point");
      const auto j = mrt::to_json(*r);
      auto back = mrt::from_json(j);
      if (!back) fail("from_json(to_json(r)) fails");
      if (mrt::to_json(*back) != j) fail("JSON is not a fixed point");
      bytes e3;
      if (!mrt::encode(*back, e3)) fail("encode of from_json(to_json(r)) fails");
    }
  }

  // bzip2: parallel == sequential.
  if (size >= 4 && std::memcmp(data, "BZh", 3) == 0) {
    // Up to 64 MiB of output each (the reading stops within a block of that); the end and the
    // error are compared when both ended below it.
    constexpr std::size_t cap = std::size_t{64} << 20;
    auto read_all = [&](int threads, std::string& err, bool& cut, bool& whole) {
      mrt::source_options opt;
      opt.bzip2_threads = threads;
      if (threads) opt.bzip2_extra_splits = {33 + size * 3, (33 + size * 5) | (std::uint64_t{1} << 63)};
      auto src = mrt::byte_source::from_memory(bytes(in.begin(), in.end()), opt);
      bytes out;
      whole = false;
      for (;;) {
        const bytes_view b = src->next_block();
        if (b.empty()) {
          whole = true;
          break;
        }
        out.insert(out.end(), b.begin(), b.end());
        if (out.size() >= cap) break;
      }
      err = src->error();
      cut = src->truncated();
      return out;
    };
    std::string e0, e2;
    bool c0 = false, c2 = false, w0 = false, w2 = false;
    const bytes seq = read_all(0, e0, c0, w0);
    const bytes par = read_all(2, e2, c2, w2);
    const std::size_t n = std::min(seq.size(), par.size());
    if (!std::equal(seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(n), par.begin()) ||
        (w0 && w2 && (seq.size() != par.size() || e0 != e2 || c0 != c2)) || (w0 != w2 && std::max(seq.size(), par.size()) < cap))
      fail("parallel bzip2 differs from the sequential decoder");
  }

  // The whole input as a dump: reader + bgpdump printer.
  mrt::record_reader rd(mrt::byte_source::from_memory(bytes(in.begin(), in.end())), std::size_t{1} << 20);
  mrt::bgpdump_printer pr, pe, pv;
  mrt::raw_record rec;
  std::string out;
  for (int k = 0; k < 100000; ++k) {
    auto o = rd.next(rec);
    if (o == mrt::record_reader::outcome::oversized) continue;
    if (o != mrt::record_reader::outcome::ok) break;
    count_sink cs;
    touch_sink ts;
    const bool ex = pe.extract(rec.hdr, rec.body, cs);
    const bool vw = pv.for_each_elem_view(rec.hdr, rec.body, ts);
    if (ex != vw || cs.n != ts.n) fail("elem views and extract() disagree");
    if (!pr.print(rec.hdr, rec.body, out)) break;
    (void)mrt::decode(rec.whole, rec.offset);
  }
  return 0;
}
