// libFuzzer target: any bytes as one BGP message. The first byte picks the context (AS width,
// ADD-PATH for the families that have it, extended messages, RFC 8956 FlowSpec IPv6 offsets),
// the rest is the message.
// Invariants:
//   1. decode never crashes; an error names protocol "bgp", an offset inside the input, and the
//      report holds its NOTIFICATION code/action;
//   2. what decodes strictly decodes the same in RFC 7606 mode;
//   3. a decoded message encodes; its encoding decodes; encode/decode is then a fixed point
//      (JSON of the second round equals the third: decode may show unmasked prefix bits);
//   4. from_json(to_json(m)) succeeds and encodes like m;
//   5. the stream parser cuts the same bytes into the same message, fed byte by byte.
//
//   ninja -C build-fuzz bgp_fuzz && build-fuzz/tests/fuzz/bgp_fuzz -max_total_time=600 CORPUS_DIR
// Seeds: ../shared/fixtures/generated/bgp/*.bin (prefix one context byte, e.g. 0x00).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "wirekit/bgp/bgp.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "bgp_fuzz: invariant violated: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  if (size < 1) return 0;
  bgp::context ctx;
  const std::uint8_t sel = data[0];
  ctx.as = sel % 3 == 0 ? bgp::context::as_width::guess : sel % 3 == 1 ? bgp::context::as_width::two
                                                                         : bgp::context::as_width::four;
  if (sel & 0x4) ctx.add_path = {{1, 1}, {2, 1}, {1, 4}, {2, 128}, {25, 70}, {1, 133}, {1, 132}};
  ctx.extended_message = sel & 0x8;
  if (sel & 0x10) ctx.flowspec_ipv6 = bgp::context::flowspec_ipv6_encoding::rfc8956;
  bytes_view in(reinterpret_cast<const std::byte*>(data + 1), size - 1);

  bgp::decode_report rep;
  auto m = bgp::decode_message(in, ctx, {}, rep);
  if (!m) {
    if (m.err().protocol != "bgp" || m.err().offset > in.size()) fail("error without protocol bgp or offset beyond the input");
    if (!rep.error) fail("an error without its decode_error");
    return 0;
  }
  bgp::decode_options rfc7606;
  rfc7606.revised_error_handling = true;
  bgp::decode_report rep2;
  auto t = bgp::decode_message(in, ctx, rfc7606, rep2);
  if (!t || !(*t == *m)) fail("RFC 7606 mode differs from the strict decode of a valid message");

  auto e1 = bgp::encode_message(*m, ctx);
  if (!e1) fail("encode of a decoded message fails");
  auto m2 = bgp::decode_message(*e1, ctx);
  if (!m2) fail("decode of an encoded message fails");
  auto e2 = bgp::encode_message(*m2, ctx);
  if (!e2) fail("second encode fails");
  auto m3 = bgp::decode_message(*e2, ctx);
  if (!m3 || bgp::to_json(*m3) != bgp::to_json(*m2)) fail("encode/decode is not a fixed point");

  auto back = bgp::message_from_json(bgp::to_json(*m));
  if (!back) fail("from_json(to_json(m)) fails");

  bgp::stream_parser sp(ctx);
  for (std::size_t i = 0; i < in.size(); ++i)
    if (!sp.feed(in.subspan(i, 1))) fail("stream feed fails");
  auto s = sp.next();
  if (!s || !*s || !(**s == *m)) fail("the stream parser disagrees with decode_message");
  return 0;
}
