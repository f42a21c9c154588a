// libFuzzer target: any bytes as one OpenFlow message, and as a stream.
// Invariants:
//   1. decode never crashes; an error names protocol "openflow" and an offset inside the input;
//   2. a decoded message encodes, and the encoding decodes to the same JSON (len/length keys
//      aside: they are recomputed, bytes beyond an element's fields are not kept);
//   3. from_json(to_json(m)) succeeds and encodes to the same bytes as m (unless m has a name that
//      is not UTF-8: os-ken shows it as base64, which reads back as text), or, where os-ken's JSON
//      does not keep the wire order (OF1.0 switch features' `ports` object), to bytes that decode
//      to the same JSON;
//   4. the framer cuts a stream fed byte by byte into messages of the header's length.
//
//   ninja -C build-fuzz openflow_fuzz && build-fuzz/tests/fuzz/openflow_fuzz -max_total_time=600 CORPUS_DIR tests/fuzz/corpus/openflow
// Seeds: tests/fuzz/corpus/openflow (messages from ../shared/fixtures/os-ken/packet_data/of1x).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "wirekit/openflow/openflow.hpp"

namespace {
// len/length are output-only (recomputed on encode): bytes an element's length covered beyond its
// fields are dropped, so only the rest of the JSON must survive a round trip.
nlohmann::json strip_lengths(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "len" && it.key() != "length" && it.key() != "actions_len") o[it.key()] = strip_lengths(it.value());
    return o;
  }
  if (j.is_array()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : j) a.push_back(strip_lengths(e));
    return a;
  }
  return j;
}

// A name os-ken shows as base64 because its bytes are not UTF-8 reads back as text (the form is
// ambiguous), so the JSON round trip is only checked for messages without such a name.
bool utf8_ok(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned c = static_cast<unsigned char>(s[i]);
    std::size_t k = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
    if (k == 9 || s.size() - i - 1 < k) return false;
    for (std::size_t m = 1; m <= k; ++m)
      if ((static_cast<unsigned char>(s[i + m]) >> 6) != 2) return false;
    i += k + 1;
  }
  return true;
}
bool has_base64_name(const nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      if ((k == "name" || k == "mfr_desc" || k == "hw_desc" || k == "sw_desc" || k == "serial_num" || k == "dp_desc") &&
          it.value().is_string()) {
        wirekit::bytes b;
        const std::string& t = it.value().get_ref<const std::string&>();
        if (!t.empty() && wirekit::base64_decode(t, b) && !utf8_ok(std::string(reinterpret_cast<const char*>(b.data()), b.size())))
          return true;
      }
      if (has_base64_name(it.value())) return true;
    }
  } else if (j.is_array()) {
    for (const auto& e : j)
      if (has_base64_name(e)) return true;
  }
  return false;
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "openflow_fuzz: invariant violated: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wirekit;
  bytes_view in(reinterpret_cast<const std::byte*>(data), size);
  auto m = openflow::decode(in);
  if (!m) {
    if (m.err().protocol != "openflow" || m.err().offset > in.size()) fail("error without protocol openflow or offset beyond the input");
  } else {
    auto out = openflow::encode(*m);
    if (!out) fail("decoded message does not encode");
    auto again = openflow::decode(*out);
    if (!again) fail("encoding does not decode");
    if (strip_lengths(openflow::to_json(*again)) != strip_lengths(openflow::to_json(*m))) fail("decode(encode(m)) differs from m");
    if (has_base64_name(openflow::to_json(*m))) return 0;
    auto back = openflow::from_json(openflow::to_json(*m), m->version, m->xid);
    if (!back) fail("from_json(to_json(m)) fails");
    auto out2 = openflow::encode(*back);
    if (!out2) fail("from_json(to_json(m)) does not encode");
    if (*out2 != *out) {
      // The bytes may differ only where os-ken's JSON does not keep the wire order (OF1.0
      // switch features: `ports` is an object keyed by port number); the JSON must not.
      auto again2 = openflow::decode(*out2);
      if (!again2 || strip_lengths(openflow::to_json(*again2)) != strip_lengths(openflow::to_json(*m)))
        fail("from_json(to_json(m)) encodes differently");
    }
  }
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
