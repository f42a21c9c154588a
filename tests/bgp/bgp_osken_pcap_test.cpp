// os-ken's BGP captures (../shared/fixtures/os-ken/packet_data/bgp4/*.pcap): every BGP message
// decodes (inside its frame, and alone) to the JSON os-ken gives for it, and encodes back to the
// same bytes. os-ken's JSON and the messages' bytes were produced with os-ken by
// tests/data/bgp/gen_osken_pcaps.py (tests/data/bgp/osken_pcaps.json; see the README there).
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/hex.hpp"
#include "wirekit/bgp/app.hpp"
#include "wirekit/pcap/pcap.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

using test::from_hex;

// Drops the lengths encode recomputes (message, attribute-list and attribute lengths): what is
// left must survive a trip through os-ken's JSON even where that JSON loses a wire detail (a
// 4-byte AS_PATH is written back with 2-byte ASNs, as os-ken does).
json without_lengths(json j) {
  if (j.is_object()) {
    for (const char* k : {"len", "total_path_attribute_len", "withdrawn_routes_len"}) j.erase(k);
    for (auto& [k, v] : j.items()) {
      if (k.rfind("BGPPathAttribute", 0) == 0 && v.is_object()) v.erase("length");
      v = without_lengths(v);
    }
  } else if (j.is_array()) {
    for (auto& v : j) v = without_lengths(v);
  }
  return j;
}

const json& expectations() {
  static const json j = test::read_json(test::data_dir() / "bgp" / "osken_pcaps.json");
  return j;
}

std::vector<std::string> pcap_names() {
  std::vector<std::string> v;
  for (auto& [k, _] : expectations().items()) v.push_back(k);
  return v;
}

class BgpOskenPcap : public ::testing::TestWithParam<std::string> {};

TEST_P(BgpOskenPcap, DecodesAsOskenAndReencodes) {
  WIREKIT_REQUIRE_SHARED(shared);
  const std::string name = GetParam();
  const json& frames = expectations()[name];
  auto rd = pcap::reader::open((shared / "fixtures" / "os-ken" / "packet_data" / "bgp4" / name).string());
  ASSERT_TRUE(rd.ok()) << rd.err().to_string();
  pcap::frame f;
  std::size_t index = 0, fi = 0;
  for (;; ++index) {
    auto more = rd->next(f);
    ASSERT_TRUE(more.ok()) << more.err().to_string();
    if (!*more) break;
    if (fi >= frames.size() || frames[fi]["frame"].get<std::size_t>() != index) continue;
    const json& msgs = frames[fi++]["messages"];
    auto pk = packet::parse(f.data);
    ASSERT_TRUE(pk.ok()) << pk.err().to_string();
    std::size_t k = 0;
    for (std::size_t i = 0; i < msgs.size(); ++i) {
      const json& want = msgs[i]["json"];
      const bytes raw = from_hex(msgs[i]["hex"].get<std::string>());
      const bgp::message* in_frame = bgp::find_message(*pk, k++);
      ASSERT_NE(in_frame, nullptr) << name << ": message " << i << " not found in the frame";
      EXPECT_EQ(test::json_diff(want, bgp::to_json(*in_frame)), "") << name << " message " << i << " (in the frame)";
      auto alone = bgp::decode_message(raw, bgp::frame_context());
      ASSERT_TRUE(alone.ok()) << alone.err().to_string();
      EXPECT_EQ(*alone, *in_frame);
      // Re-encode of the decoded message: the same bytes.
      auto again = bgp::encode_message(*alone, bgp::frame_context());
      ASSERT_TRUE(again.ok()) << again.err().to_string();
      EXPECT_EQ(to_hex(*again), to_hex(raw)) << name << " message " << i << " re-encoded";
      // From os-ken's JSON: the same bytes unless os-ken's JSON drops something of them.
      auto fromj = bgp::message_from_json(want);
      ASSERT_TRUE(fromj.ok()) << fromj.err().to_string();
      auto enc = bgp::encode_message(*fromj, bgp::frame_context());
      ASSERT_TRUE(enc.ok()) << enc.err().to_string();
      if (to_hex(*enc) != to_hex(raw)) {
        // The JSON of the re-encoded bytes must still be os-ken's (only dropped fields differ).
        auto back = bgp::decode_message(*enc, bgp::frame_context());
        ASSERT_TRUE(back.ok()) << back.err().to_string();
        json a = without_lengths(bgp::to_json(*back)), b = without_lengths(want);
        EXPECT_EQ(test::json_diff(b, a), "") << name << " message " << i << " from JSON";
      }
    }
    // The frame itself re-serializes to the captured bytes.
    auto out = pk->serialize();
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(f.data)) << name << " frame " << index;
  }
  EXPECT_EQ(fi, frames.size()) << name << ": frames missing";
}

INSTANTIATE_TEST_SUITE_P(Osken, BgpOskenPcap, ::testing::ValuesIn(pcap_names()), [](const auto& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

}  // namespace
