// libFuzzer target: any bytes as the JSON input of `wirekit encode` — os-ken-form JSON read by
// json_glue::parse (integers beyond 64 bits kept exactly) and then by every family's from_json
// (frame, DHCPv6 os-ken and typed, BGP, BMP, ANCP, MRT, OpenFlow), each result encoded.
// Invariants:
//   1. nothing crashes, hangs or allocates without bound, whatever the text: JSON values that
//      do not fit a field, wrong types, huge counts and lengths, deep nesting give errors;
//   2. a parsed document dumps (json_glue::dump) to text that parses again to an equal value;
//   3. what from_json accepts and encodes, encodes the same way a second time.
//
//   ninja -C build-san json_fuzz && build-san/tests/fuzz/json_fuzz -max_total_time=300 NEW_DIR tests/fuzz/corpus/json
// Seeds: tests/fuzz/corpus/json (the CLI's decode of the other seed corpora: make_json_seeds.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "wirekit/ancp/ancp.hpp"
#include "wirekit/bgp/bgp.hpp"
#include "wirekit/bmp/bmp.hpp"
#include "wirekit/core/json_wide.hpp"
#include "wirekit/dhcp6/message.hpp"
#include "wirekit/dhcp6/options.hpp"
#include "wirekit/mrt/mrt.hpp"
#include "wirekit/openflow/openflow.hpp"
#include "wirekit/packet/packet.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "json_fuzz: invariant violated: %s\n", what);
  std::abort();
}

// Encodes twice; both must agree.
template <class Encode>
void twice(Encode&& enc, const char* what) {
  wirekit::bytes a, b;
  const bool ok_a = static_cast<bool>(enc(a));
  const bool ok_b = static_cast<bool>(enc(b));
  if (ok_a != ok_b || (ok_a && a != b)) fail(what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = json_glue::parse(text);
  if (!parsed) return 0;
  const nlohmann::json& j = *parsed;
  {
    auto again = json_glue::parse(json_glue::dump(j));
    if (!again || *again != j) fail("dump/parse of a parsed document is not the same value");
  }

  if (auto pk = packet::from_json(j))
    twice([&](bytes& out) { return pk->serialize_into(out); }, "frame encode differs");
  if (auto m = dhcp6::from_json(j)) twice([&](bytes& out) { return dhcp6::encode(*m, out); }, "dhcp6 encode differs");
  if (auto m = dhcp6::from_typed_json(j))
    twice([&](bytes& out) { return dhcp6::encode(*m, out); }, "dhcp6 typed encode differs");
  if (auto m = bgp::message_from_json(j)) {
    bgp::context ctx;
    ctx.extended_message = true;
    twice([&](bytes& out) { return bgp::encode_message(*m, out, ctx); }, "bgp encode differs");
  }
  if (auto m = bmp::from_json(j)) twice([&](bytes& out) { return bmp::encode(*m, out); }, "bmp encode differs");
  if (auto m = ancp::from_json(j)) twice([&](bytes& out) { return ancp::encode(*m, out); }, "ancp encode differs");
  if (auto r = mrt::from_json(j)) twice([&](bytes& out) { return mrt::encode(*r, out); }, "mrt encode differs");
  static constexpr std::uint8_t versions[] = {1, 3, 4, 5, 6};
  if (auto m = openflow::from_json(j, versions[size % 5], 7))
    twice([&](bytes& out) { return openflow::encode(*m, out); }, "openflow encode differs");
  return 0;
}
