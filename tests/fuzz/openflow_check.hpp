// The invariants a decoded OpenFlow message must satisfy, shared by the libFuzzer target
// (tests/fuzz/openflow_fuzz.cpp) and the mutation test (tests/openflow/openflow_mutation_test.cpp).
//
// check_openflow(bytes) returns "" when every invariant holds, else a description of the first
// one that does not:
//   1. decode never crashes; an error names protocol "openflow" and an offset inside the input;
//   2. a decoded message encodes, and the encoding decodes to the same JSON (len/length keys
//      aside: they are recomputed, bytes beyond an element's fields are not kept);
//   3. from_json(to_json(m)) succeeds and encodes to the same bytes as m (unless m has a name that
//      is not UTF-8: os-ken shows it as base64, which reads back as text), or, where os-ken's JSON
//      does not keep the wire order (OF1.0 switch features' `ports` object), to bytes that decode
//      to the same JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "wirekit/openflow/openflow.hpp"

namespace wirekit::test {

// len/length are output-only (recomputed on encode): bytes an element's length covered beyond its
// fields are dropped, so only the rest of the JSON must survive a round trip.
inline nlohmann::json strip_lengths(const nlohmann::json& j) {
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
inline bool utf8_ok(const std::string& s) {
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
inline bool has_base64_name(const nlohmann::json& j) {
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

inline bool has_key(const nlohmann::json& j, const char* key) {
  if (j.is_object()) {
    if (j.contains(key)) return true;
    for (const auto& v : j) if (has_key(v, key)) return true;
  } else if (j.is_array()) {
    for (const auto& v : j) if (has_key(v, key)) return true;
  }
  return false;
}

// decode_truncated: a partial message only for a cut input (never encodable), else decode()'s
// answer; errors name openflow and an offset inside the input.
inline std::string check_openflow_truncated(bytes_view in) {
  auto t = openflow::decode_truncated(in);
  if (!t) {
    if (t.err().protocol != "openflow" || t.err().offset > in.size())
      return "decode_truncated: error without protocol openflow or offset beyond the input: " + t.err().to_string();
    return "";
  }
  if (!t->truncated) {
    auto m = openflow::decode(in);
    if (!m || openflow::to_json(*m) != openflow::to_json(*t)) return "decode_truncated of a whole message differs from decode";
    return "";
  }
  if (in.size() >= 4 && load_be16(in.data() + 2) <= in.size()) return "decode_truncated: a whole message read as truncated";
  if (!openflow::to_json(*t).contains("OFPTruncatedMessage")) return "decode_truncated: JSON without OFPTruncatedMessage";
  if (openflow::encode(*t)) return "decode_truncated: a truncated message encodes";
  return "";
}

inline std::string check_openflow(bytes_view in) {
  if (std::string v = check_openflow_truncated(in); !v.empty()) return v;
  auto m = openflow::decode(in);
  if (!m) {
    if (m.err().protocol != "openflow" || m.err().offset > in.size())
      return "error without protocol openflow or offset beyond the input: " + m.err().to_string();
    return "";
  }
  auto out = openflow::encode(*m);
  if (!out) return "decoded message does not encode: " + out.err().to_string();
  auto again = openflow::decode(*out);
  if (!again) return "encoding does not decode: " + again.err().to_string();
  const nlohmann::json j = openflow::to_json(*m);
  if (strip_lengths(openflow::to_json(*again)) != strip_lengths(j)) return "decode(encode(m)) differs from m";
  if (has_base64_name(j)) return "";
  auto back = openflow::from_json(j, m->version, m->xid);
  if (!back) return "from_json(to_json(m)) fails: " + back.err().to_string();
  auto out2 = openflow::encode(*back);
  if (!out2) return "from_json(to_json(m)) does not encode: " + out2.err().to_string();
  if (*out2 != *out) {
    auto again2 = openflow::decode(*out2);
    if (!again2 || strip_lengths(openflow::to_json(*again2)) != strip_lengths(j))
      return "from_json(to_json(m)) encodes differently";
  }
  return "";
}

}  // namespace wirekit::test
