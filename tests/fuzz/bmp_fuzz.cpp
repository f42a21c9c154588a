// libFuzzer target: any bytes as one BMP message, and as a stream. The first byte picks the
// options (os-ken's AS guess or RFC 7854's A-flag reading, ADD-PATH families, RFC 7606 mode),
// the rest is the input.
// Invariants:
//   1. decode never crashes; an error names protocol "bmp" and an offset inside the input;
//   2. a decoded message encodes; its encoding decodes; encode/decode is then a fixed point
//      (JSON of the second round equals the third);
//   3. from_json(to_json(m)) succeeds and encodes;
//   4. the stream parser cuts the same bytes into the same message, fed byte by byte.
//
//   ninja -C build-fuzz bmp_fuzz && build-fuzz/tests/fuzz/bmp_fuzz -max_total_time=600 CORPUS_DIR tests/fuzz/corpus/bmp
// Seeds: tests/fuzz/corpus/bmp (../shared/fixtures/generated/bmp/*.bin with a leading options byte).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "wirekit/bmp/bmp.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "bmp_fuzz: invariant violated: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  if (size < 1) return 0;
  bmp::options o;
  const std::uint8_t sel = data[0];
  o.rfc_as_width = sel & 1;
  if (sel & 2) o.add_path = {{1, 1}, {2, 1}, {1, 128}};
  o.revised_error_handling = !(sel & 4);
  bytes_view in(reinterpret_cast<const std::byte*>(data + 1), size - 1);

  auto m = bmp::decode(in, o);
  if (!m) {
    if (m.err().protocol != "bmp" || m.err().offset > in.size()) fail("error without protocol bmp or offset beyond the input");
  } else {
    auto e1 = bmp::encode(*m, o);
    if (!e1) fail("encode of a decoded message fails");
    auto m2 = bmp::decode(*e1, o);
    if (!m2) fail("decode of an encoded message fails");
    auto e2 = bmp::encode(*m2, o);
    if (!e2) fail("second encode fails");
    auto m3 = bmp::decode(*e2, o);
    if (!m3 || bmp::to_json(*m3) != bmp::to_json(*m2)) fail("encode/decode is not a fixed point");
    auto back = bmp::from_json(bmp::to_json(*m));
    if (!back) fail("from_json(to_json(m)) fails");
    if (!bmp::encode(*back, o)) fail("encode of from_json(to_json(m)) fails");
  }

  bmp::stream_parser sp(o);
  for (std::size_t i = 0; i < in.size(); ++i)
    if (!sp.feed(in.subspan(i, 1))) fail("stream feed fails");
  auto s = sp.next();
  if (m && (!s || !*s || !(**s == *m))) fail("the stream parser disagrees with decode");
  for (int k = 0; k < 1000; ++k) {  // the rest of the stream: errors or messages, no crash
    auto t = sp.next();
    if (!t) {
      if (t.err().protocol != "bmp") fail("stream error without protocol bmp");
      if (sp.failed()) break;
      continue;
    }
    if (!*t) break;
  }
  return 0;
}
