// Hostile input, deterministically (the fuzz target's invariants on single-byte mutations of
// os-ken's fixture messages): decode never crashes; a message that decodes re-encodes, and the
// encoding decodes to the same JSON; its JSON reads back and encodes to the same bytes.
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

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

void check_invariants(const bytes& in, const std::string& what) {
  auto m = openflow::decode(in);
  if (!m) {
    EXPECT_EQ(m.err().protocol, "openflow") << what;
    EXPECT_LE(m.err().offset, in.size()) << what;
    return;
  }
  auto out = openflow::encode(*m);
  ASSERT_TRUE(out.ok()) << what << ": " << out.err().to_string();
  auto again = openflow::decode(*out);
  ASSERT_TRUE(again.ok()) << what << ": " << again.err().to_string();
  EXPECT_EQ(strip_lengths(openflow::to_json(*again)), strip_lengths(openflow::to_json(*m))) << what;
  if (has_base64_name(openflow::to_json(*m))) return;
  auto back = openflow::from_json(openflow::to_json(*m), m->version, m->xid);
  ASSERT_TRUE(back.ok()) << what << ": " << back.err().to_string();
  auto out2 = openflow::encode(*back);
  ASSERT_TRUE(out2.ok()) << what;
  EXPECT_EQ(to_hex(*out2), to_hex(*out)) << what;
}

TEST(OpenflowMutation, SingleByteMutationsOfFixtures) {
  WIREKIT_REQUIRE_SHARED(shared);
  const char* files[] = {"of13/4-2-ofp_flow_mod.packet",       "of13/4-56-ofp_table_features_reply.packet",
                         "of13/4-36-ofp_queue_get_config_reply.packet", "of13/4-12-ofp_flow_stats_reply.packet",
                         "of14/5-52-ofp_port_desc_reply.packet", "of10/1-2-ofp_flow_mod.packet",
                         "of13/ovs-ofctl-of13-match_move_nx_register.packet"};
  for (const char* f : files) {
    fs::path p = shared / "fixtures" / "os-ken" / "packet_data" / f;
    if (!fs::exists(p)) continue;
    bytes b = test::read_file(p);
    // Every byte of the first 64 (headers, fixed fields, first lengths), then every third one up
    // to 600: the sanitizer run of the suite repeats this test, and the fuzz target
    // (tests/fuzz/openflow_fuzz.cpp) covers the rest.
    for (std::size_t i = 0; i < b.size() && i < 600; i += i < 64 ? 1 : 3)
      // (no bytes >= 0x80: a name that is not UTF-8 is shown as base64, which reads back as text)
      for (unsigned v : {0x00u, 0x7fu}) {
        bytes c = b;
        c[i] = static_cast<std::byte>(v);
        check_invariants(c, std::string(f) + " byte " + std::to_string(i) + "=" + std::to_string(v));
        if (HasFatalFailure()) return;
      }
  }
}

}  // namespace
