// libFuzzer target: any bytes as one OpenFlow message, and as a stream.
// Invariants: those of fuzz/openflow_check.hpp (decode, encode, JSON round trip), and
//   the framer cuts a stream fed byte by byte into messages of the header's length.
//
//   ninja -C build-fuzz openflow_fuzz && build-fuzz/tests/fuzz/openflow_fuzz -max_total_time=600 CORPUS_DIR tests/fuzz/corpus/openflow
// Seeds: tests/fuzz/corpus/openflow (os-ken-generated messages of ../shared/fixtures/generated/of1x,
// and OF1.0 messages of tests/openflow/of10_osken_cases.py).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/openflow_check.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "openflow_fuzz: invariant violated: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  bytes_view in(reinterpret_cast<const std::byte*>(data), size);
  if (std::string v = test::check_openflow(in); !v.empty()) fail(v.c_str());
  openflow::framer f(1 << 17);
  std::size_t consumed = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (!f.feed(in.subspan(i, 1))) return 0;
    for (;;) {
      auto n = f.next();
      if (!n) return 0;  // bad length: the stream cannot continue
      if (!*n) break;
      if ((*n)->size() < openflow::header_size || load_be16((*n)->data() + 2) != (*n)->size()) fail("framer cut a message of the wrong size");
      consumed += (*n)->size();
    }
  }
  if (consumed + f.buffered() != size) fail("framer lost bytes");
  return 0;
}
