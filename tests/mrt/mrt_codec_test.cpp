// MRT codec: every record of every fixture decodes (or fails with an error naming its field,
// for the records known to be malformed), encodes back to the same bytes, and its JSON reads
// back to the same record. Input: content detection, truncated/garbage data.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixtures.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace fs = std::filesystem;
using namespace wirekit;

namespace {

struct file_stats {
  std::size_t records = 0, decode_errors = 0, encode_mismatch = 0, json_mismatch = 0;
};

file_stats check_file(const fs::path& f, std::size_t json_every) {
  file_stats st;
  auto src = mrt::byte_source::open(f.string());
  EXPECT_TRUE(src.ok());
  if (!src) return st;
  mrt::record_reader rd(std::move(*src));
  mrt::raw_record r;
  while (rd.next(r) == mrt::record_reader::outcome::ok) {
    ++st.records;
    auto rec = mrt::decode(r.whole, r.offset);
    if (!rec) {
      ++st.decode_errors;
      EXPECT_FALSE(rec.err().field.empty());
      continue;
    }
    bytes out;
    auto e = mrt::encode(*rec, out);
    if (!e || out.size() != r.whole.size() || !std::equal(out.begin(), out.end(), r.whole.begin())) {
      ++st.encode_mismatch;
      if (st.encode_mismatch < 3) ADD_FAILURE() << f.filename() << ": record at " << r.offset << " does not re-encode";
    }
    // JSON -> record -> JSON is a fixpoint (not bytes: os-ken's JSON shows only the first
    // MP_REACH next hop, so a link-local next hop is not in it).
    if (json_every && st.records % json_every == 1) {
      const auto j = mrt::to_json(*rec);
      auto back = mrt::from_json(j);
      bytes out2;
      if (!back || !mrt::encode(*back, out2) || mrt::to_json(*back) != j) {
        ++st.json_mismatch;
        if (st.json_mismatch < 3)
          ADD_FAILURE() << f.filename() << ": record at " << r.offset << " JSON round trip: "
                        << (back ? "JSON differs" : back.err().to_string());
      }
    }
  }
  return st;
}

}  // namespace

TEST(MrtCodec, EveryFixtureRecordRoundTrips) {
  WIREKIT_REQUIRE_SHARED(shared);
  // Records known to be malformed (RFC-strict decode fails; bgpdump reads them leniently):
  // BIRD's BGP4MP samples carry ADD-PATH NLRI in plain MESSAGE subtypes (6 each), and the
  // 2000 RIS bview's TABLE_DUMP records declare 4 bytes less than they hold (SOURCES.md).
  const std::map<std::string, std::size_t> known_bad = {
      {"mrtparse__bird_bgp", 6}, {"mrtparse__bird6_bgp", 6}, {"bgpkit__rrc00.bview.20000111.0032.gz", 1}};
  std::size_t total = 0;
  for (const auto& e : fs::directory_iterator(shared / "fixtures" / "mrt")) {
    const auto name = e.path().filename().string();
    if (name == "SOURCES.md" || name == "SHA256SUMS") continue;
    SCOPED_TRACE(name);
    // JSON round trip on a sample of the big files (every 50th record), all of the small ones.
    const bool big = fs::file_size(e.path()) > 100000;
    auto st = check_file(e.path(), big ? 50 : 1);
    total += st.records;
    auto it = known_bad.find(name);
    EXPECT_EQ(it == known_bad.end() ? 0u : it->second, st.decode_errors);
    EXPECT_EQ(0u, st.encode_mismatch);
    EXPECT_EQ(0u, st.json_mismatch);
  }
  EXPECT_GT(total, 400000u);
}

TEST(MrtCodec, PeerFixtures) {
  WIREKIT_REQUIRE_SHARED(shared);
  for (const char* n : {"mrt-gobgpd-bgp4mp-updates.mrt", "mrt-gobgpd-table-dump-v2.mrt"}) {
    auto st = check_file(shared / "fixtures" / "peers" / n, 1);
    EXPECT_GT(st.records, 0u) << n;
    EXPECT_EQ(0u, st.decode_errors + st.encode_mismatch + st.json_mismatch) << n;
  }
}

TEST(MrtCodec, RfcRecordsByHand) {
  // BGP4MP_STATE_CHANGE_AS4 over IPv4 (RFC 6396 §4.4.4) with an extended timestamp (§3).
  const bytes rec = to_bytes({0x5f, 0x5e, 0x10, 0x00, 0, 17, 0, 5, 0, 0, 0, 28,  // header, length 4+24
                              0, 0, 0x01, 0xf4,                                   // microseconds 500
                              0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9,                 // AS 65000, 65001
                              0, 0, 0, 1, 10, 0, 0, 1, 10, 0, 0, 2,               // ifindex, AFI 1, IPs
                              0, 1, 0, 2});                                       // Idle -> Connect
  auto r = mrt::decode(rec);
  ASSERT_TRUE(r.ok()) << r.err().to_string();
  EXPECT_EQ(500u, r->hdr.microsecond);
  auto* sc = std::get_if<mrt::bgp4mp_state_change>(&r->msg);
  ASSERT_NE(nullptr, sc);
  EXPECT_EQ(65000u, sc->peer_as);
  EXPECT_EQ(65001u, sc->local_as);
  EXPECT_EQ("10.0.0.1", sc->peer_ip.to_string());
  EXPECT_EQ(1, sc->old_state);
  EXPECT_EQ(2, sc->new_state);
  auto j = mrt::to_json(*r);
  EXPECT_EQ(500, j["Bgp4MpEtMrtRecord"]["ms_timestamp"]);
  EXPECT_TRUE(j["Bgp4MpEtMrtRecord"]["message"].contains("Bgp4MpStateChangeAs4MrtMessage"));
  bytes out;
  ASSERT_TRUE(mrt::encode(*r, out).ok());
  EXPECT_EQ(rec, out);
  // Errors name the field and the absolute offset.
  bytes cut(rec.begin(), rec.end() - 3);
  auto bad = mrt::decode(cut);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ("mrt", bad.err().protocol);
  // Unknown types are kept raw.
  const bytes unk = to_bytes({0, 0, 0, 1, 0, 99, 0, 7, 0, 0, 0, 3, 1, 2, 3});
  auto u = mrt::decode(unk);
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(std::holds_alternative<mrt::unknown_body>(u->msg));
  out.clear();
  ASSERT_TRUE(mrt::encode(*u, out).ok());
  EXPECT_EQ(unk, out);
}

TEST(MrtInput, DetectionTruncationAndGarbage) {
  EXPECT_EQ(mrt::compression::gzip, mrt::detect_compression(to_bytes({0x1f, 0x8b, 8, 0})));
  EXPECT_EQ(mrt::compression::bzip2, mrt::detect_compression(to_bytes({'B', 'Z', 'h', '9'})));
  EXPECT_EQ(mrt::compression::none, mrt::detect_compression(to_bytes({0, 0, 0, 0})));
  // A header announcing 4 GiB, then 10 bytes: the reader says truncated without allocating 4 GiB.
  bytes b = to_bytes({0, 0, 0, 1, 0, 16, 0, 1, 0xff, 0xff, 0xff, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  mrt::record_reader rd(mrt::byte_source::from_memory(b), std::size_t{1} << 33);
  mrt::raw_record r;
  EXPECT_EQ(mrt::record_reader::outcome::truncated, rd.next(r));
  // A record over the reader's limit is skipped (read and dropped), then reading goes on.
  bytes two = to_bytes({0, 0, 0, 1, 0, 99, 0, 1, 0, 0, 0, 20});
  two.resize(two.size() + 20);
  const bytes small = to_bytes({0, 0, 0, 2, 0, 99, 0, 1, 0, 0, 0, 2, 7, 7});
  two.insert(two.end(), small.begin(), small.end());
  mrt::record_reader rd2(mrt::byte_source::from_memory(two), 16);
  EXPECT_EQ(mrt::record_reader::outcome::oversized, rd2.next(r));
  ASSERT_EQ(mrt::record_reader::outcome::ok, rd2.next(r));
  EXPECT_EQ(2u, r.hdr.timestamp);
  EXPECT_EQ(2u, r.body.size());
  EXPECT_EQ(mrt::record_reader::outcome::end, rd2.next(r));
  // A partial header at the end.
  mrt::record_reader rd3(mrt::byte_source::from_memory(to_bytes({0, 0, 0, 1, 0, 16})));
  EXPECT_EQ(mrt::record_reader::outcome::truncated, rd3.next(r));
  mrt::record_reader rd4(mrt::byte_source::from_memory({}));
  EXPECT_EQ(mrt::record_reader::outcome::end, rd4.next(r));
  // A gzip header followed by garbage: no data, marked truncated, no crash.
  auto src = mrt::byte_source::from_memory(to_bytes({0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef}));
  std::byte buf[64];
  EXPECT_EQ(0u, src->read(buf, sizeof buf));
  EXPECT_TRUE(src->truncated());
  EXPECT_EQ(mrt::compression::gzip, src->kind());
}
