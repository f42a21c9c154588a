// libFuzzer target: any bytes as one ANCP message (encapsulation included) and as a stream of
// messages. Invariants:
//   1. decode never crashes; an error is protocol "ancp" at an offset inside the input;
//   2. decode_into a message used before gives the same result as a fresh decode;
//   3. a decoded message encodes back to exactly the input bytes, also through JSON
//      (from_json(to_json(m)) == m, after a dump/parse of the JSON text);
//   4. the subscriber view of the TLVs never fails and re-encodes (its TLVs decode again);
//   5. decode_stream agrees with frame_size: a stream that decodes re-encodes to the input.
//
//   ninja -C build-san ancp_fuzz && build-san/tests/fuzz/ancp_fuzz -max_total_time=300 NEW_DIR tests/fuzz/corpus/ancp
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "wirekit/ancp/subscriber.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "ancp_fuzz: invariant violated: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  static ancp::message reused;
  bytes_view in(reinterpret_cast<const std::byte*>(data), size);

  auto stream = ancp::decode_stream(in);
  if (!stream) {
    if (stream.err().protocol != "ancp" || stream.err().offset > size) fail("stream error without protocol ancp or offset beyond the input");
  } else {
    bytes out;
    for (const auto& m : *stream)
      if (!ancp::encode(m, out)) fail("encode of a decoded stream message fails");
    if (out.size() != size || !std::equal(out.begin(), out.end(), in.begin())) fail("encode(decode_stream(x)) != x");
  }

  auto m = ancp::decode(in);
  status again = ancp::decode_into(reused, in);
  if (m.ok() != again.ok()) fail("decode_into (reused) and decode disagree");
  if (!m) {
    if (m.err().protocol != "ancp" || m.err().offset > size) fail("error without protocol ancp or offset beyond the input");
    if (m.err().to_string() != again.err().to_string()) fail("decode_into and decode report different errors");
    return 0;
  }
  if (!(reused == *m)) fail("decode_into a reused message differs from a fresh decode");
  auto out = ancp::encode(*m);
  if (!out) fail("encode of a decoded message fails");
  if (out->size() != size || !std::equal(out->begin(), out->end(), in.begin())) fail("encode(decode(x)) != x");
  const std::string text = ancp::to_json(*m).dump();
  auto back = ancp::from_json(nlohmann::json::parse(text));
  if (!back) fail("from_json(to_json(m)) fails");
  if (!(*back == *m)) fail("from_json(to_json(m)) != m");

  const ancp::subscriber s = ancp::subscriber_from_tlvs(m->tlvs);
  bytes tl;
  if (!ancp::encode_tlvs(ancp::to_tlvs(s), tl)) fail("the subscriber's TLVs do not encode");
  if (!ancp::decode_tlvs(tl)) fail("the subscriber's TLVs do not decode");
  (void)ancp::to_json(s).dump();
  return 0;
}
