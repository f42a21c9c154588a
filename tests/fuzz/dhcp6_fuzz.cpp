// libFuzzer target: any bytes as one DHCPv6 message (a UDP payload). Invariants:
//   1. decode never crashes; an error is protocol "dhcp6" at an offset inside the input;
//   2. decode_into a message used before gives the same result as a fresh decode;
//   3. a decoded message encodes back to exactly the input bytes;
//   4. from_json(to_json(m)) == m;
//   5. the typed view encodes back to the input: from_typed(to_typed(m)), and through typed JSON
//      (from_typed_json(to_typed_json(m)), after a dump/parse); malformed options name protocol
//      "dhcp6" and an offset inside the input;
//   6. validate() runs (its findings are not checked).
//
//   ninja -C build-fuzz dhcp6_fuzz && build-fuzz/tests/fuzz/dhcp6_fuzz -max_total_time=300 CORPUS_DIR
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "wirekit/dhcp6/message.hpp"
#include "wirekit/dhcp6/options.hpp"
#include "wirekit/dhcp6/validate.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "dhcp6_fuzz: invariant violated: %s\n", what);
  std::abort();
}

void check_problems(const wirekit::dhcp6::typed_message& t, std::size_t size);
void check_problems(const wirekit::dhcp6::typed_option& o, std::size_t size) {
  if (o.problem && (o.problem->protocol != "dhcp6" || o.problem->offset > size))
    fail("typed option error without protocol dhcp6 or offset beyond the input");
  for (const auto& s : o.options) check_problems(s, size);
  if (o.message) check_problems(*o.message, size);
}
void check_problems(const wirekit::dhcp6::typed_message& t, std::size_t size) {
  for (const auto& o : t.options) check_problems(o, size);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  static dhcp6::message reused;
  bytes_view in(reinterpret_cast<const std::byte*>(data), size);
  auto m = dhcp6::decode(in);
  status again = dhcp6::decode_into(reused, in);
  if (m.ok() != again.ok()) fail("decode_into (reused) and decode disagree");
  if (!m) {
    if (m.err().protocol != "dhcp6" || m.err().offset > size) fail("error without protocol dhcp6 or offset beyond the input");
    if (m.err().to_string() != again.err().to_string()) fail("decode_into and decode report different errors");
    return 0;
  }
  if (!(reused == *m)) fail("decode_into a reused message differs from a fresh decode");
  auto out = dhcp6::encode(*m);
  if (!out) fail("encode of a decoded message fails");
  if (out->size() != size || !std::equal(out->begin(), out->end(), in.begin())) fail("encode(decode(x)) != x");
  auto back = dhcp6::from_json(dhcp6::to_json(*m));
  if (!back) fail("from_json(to_json(m)) fails");
  if (!(*back == *m)) fail("from_json(to_json(m)) != m");

  const dhcp6::typed_message t = dhcp6::to_typed(*m);
  check_problems(t, size);
  auto same = [&](const result<dhcp6::message>& x) {
    if (!x) return false;
    auto b = dhcp6::encode(*x);
    return b && b->size() == size && std::equal(b->begin(), b->end(), in.begin());
  };
  if (!same(dhcp6::from_typed(t))) fail("from_typed(to_typed(m)) does not encode to the input");
  auto tj = nlohmann::json::parse(dhcp6::to_typed_json(t).dump());
  if (!same(dhcp6::from_typed_json(tj))) fail("from_typed_json(to_typed_json(m)) does not encode to the input");
  (void)dhcp6::validate(t);
  return 0;
}
