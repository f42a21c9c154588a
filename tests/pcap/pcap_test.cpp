// pcap/pcap.hpp: reading pcap and pcapng files (hand-written samples in tests/data/pcap, made by
// tests/data/gen_pcap_samples.py from the format specs), writing pcap files (checked byte by
// byte against the pcap file format, and read back by tshark when installed), and hostile
// input (errors, never crashes).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "support/fixtures.hpp"
#include "wirekit/pcap/pcap.hpp"

namespace fs = std::filesystem;
using namespace wirekit;

namespace {

fs::path sample(const std::string& name) { return test::data_dir() / "pcap" / name; }
bytes frame_bin(const std::string& name) { return test::read_file(test::data_dir() / "cli" / (name + ".bin")); }

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("wirekit-pcap-test-" + std::to_string(::getpid()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& n) const { return path_ / n; }

 private:
  fs::path path_;
};

struct got_frame {
  std::int64_t sec;
  std::uint32_t usec, orig;
  bytes data;
};

// Reads every frame; returns the error text of a failing next() in *err.
std::vector<got_frame> read_all(pcap::reader& r, std::string* err = nullptr) {
  std::vector<got_frame> v;
  pcap::frame f;
  for (int guard = 0; guard < 100000; ++guard) {
    auto more = r.next(f);
    if (!more) {
      if (err) *err = more.err().to_string();
      return v;
    }
    if (!*more) break;
    v.push_back({f.ts_sec, f.ts_usec, f.orig_len, f.data});
  }
  if (err) err->clear();
  return v;
}

void expect_two_sample_frames(const std::vector<got_frame>& v, std::uint32_t second_usec) {
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].sec, 1700000000);
  EXPECT_EQ(v[0].usec, 123456u);
  EXPECT_EQ(v[0].orig, 82u);
  EXPECT_EQ(to_hex(v[0].data), to_hex(frame_bin("udp4")));
  EXPECT_EQ(v[1].sec, 1700000001);
  EXPECT_EQ(v[1].usec, second_usec);
  EXPECT_EQ(v[1].orig, 60u);
  EXPECT_EQ(to_hex(v[1].data), to_hex(frame_bin("arp")));
}

TEST(PcapRead, LittleEndianMicroseconds) {
  auto r = pcap::reader::open(sample("le_usec.pcap").string());
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->linktype(), pcap::linktype_ethernet);
  auto v = read_all(*r);
  expect_two_sample_frames(v, 1);
  EXPECT_EQ(r->frames_read(), 2u);
  pcap::frame f;
  auto again = r->next(f);  // still at the end
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
}

TEST(PcapRead, BigEndianNanosecondsReadAsMicroseconds) {
  auto r = pcap::reader::open(sample("be_nsec.pcap").string());
  ASSERT_TRUE(r) << r.err().to_string();
  expect_two_sample_frames(read_all(*r), 0);  // 999 ns -> 0 µs
}

TEST(PcapRead, Pcapng) {
  for (const char* name : {"le.pcapng", "be_nsec.pcapng"}) {
    SCOPED_TRACE(name);
    auto r = pcap::reader::open(sample(name).string());
    ASSERT_TRUE(r) << r.err().to_string();
    EXPECT_EQ(r->linktype(), pcap::linktype_ethernet);
    std::string err;
    auto v = read_all(*r, &err);
    EXPECT_EQ(err, "");
    expect_two_sample_frames(v, 1);
  }
}

TEST(PcapRead, SnappedFrame) {
  auto r = pcap::reader::open(sample("snapped.pcap").string());
  ASSERT_TRUE(r);
  auto v = read_all(*r);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].data.size(), 34u);
  EXPECT_EQ(v[0].orig, 82u);
  EXPECT_EQ(v[0].sec, 5);
  EXPECT_EQ(v[0].usec, 6u);
  bytes head = frame_bin("udp4");
  head.resize(34);
  EXPECT_EQ(v[0].data, head);
}

TEST(PcapRead, OtherLinkType) {
  auto r = pcap::reader::open(sample("raw_ip.pcap").string());
  ASSERT_TRUE(r);
  // The file says LINKTYPE_RAW (101); libpcap reports link types as DLT_ values, and raw IP
  // is DLT_RAW (12 on Linux). Either way it is not Ethernet.
  EXPECT_NE(r->linktype(), pcap::linktype_ethernet);
  EXPECT_TRUE(r->linktype() == 101 || r->linktype() == 12) << r->linktype();
}

TEST(PcapRead, TruncatedRecordIsAnErrorNamingTheFrame) {
  auto r = pcap::reader::open(sample("truncated.pcap").string());
  ASSERT_TRUE(r);
  std::string err;
  auto v = read_all(*r, &err);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(err, "");
  EXPECT_NE(err.find("pcap"), std::string::npos) << err;
  EXPECT_NE(err.find("frame 2"), std::string::npos) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
}

TEST(PcapRead, OpenMemoryMatchesFile) {
  for (const char* name : {"le_usec.pcap", "le.pcapng", "be_nsec.pcapng"}) {
    SCOPED_TRACE(name);
    auto r = pcap::reader::open_memory(test::read_file(sample(name)));
    ASSERT_TRUE(r) << r.err().to_string();
    EXPECT_EQ(r->linktype(), 1);
    expect_two_sample_frames(read_all(*r), 1);
  }
  auto moved = pcap::reader::open_memory(test::read_file(sample("le_usec.pcap")));
  ASSERT_TRUE(moved);
  pcap::reader r2 = std::move(*moved);
  EXPECT_EQ(read_all(r2).size(), 2u);
}

TEST(PcapRead, BadInputsAreErrors) {
  auto missing = pcap::reader::open("/nonexistent/dir/x.pcap");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().protocol, "pcap");
  EXPECT_EQ(missing.err().field, "file");
  EXPECT_FALSE(pcap::reader::open_memory({}));
  EXPECT_FALSE(pcap::reader::open_memory(to_bytes({0xd4, 0xc3, 0xb2})));
  EXPECT_FALSE(pcap::reader::open_memory(to_bytes({0xd4, 0xc3, 0xb2, 0xa1, 2, 0})));  // header cut short
  bytes text(as_bytes("this is not a capture file at all, just some text").begin(),
             as_bytes("this is not a capture file at all, just some text").end());
  auto t = pcap::reader::open_memory(text);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.err().to_string().find('\n'), std::string::npos);

  // A valid header followed by a record claiming 4 GiB: an error, not an allocation.
  bytes huge = test::read_file(sample("le_usec.pcap"));
  huge.resize(24);
  const std::uint8_t rec[16] = {1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  for (auto x : rec) huge.push_back(std::byte{x});
  huge.resize(huge.size() + 64, std::byte{0x55});
  auto h = pcap::reader::open_memory(huge);
  if (h) {
    std::string err;
    auto v = read_all(*h, &err);
    EXPECT_TRUE(v.empty());
    EXPECT_NE(err, "");
  }

  // Header only: a valid, empty capture.
  bytes empty_cap = test::read_file(sample("le_usec.pcap"));
  empty_cap.resize(24);
  auto e = pcap::reader::open_memory(empty_cap);
  ASSERT_TRUE(e);
  std::string err;
  EXPECT_TRUE(read_all(*e, &err).empty());
  EXPECT_EQ(err, "");
}

// Mutated and cut-off captures: every outcome is a value (frames or an error), never a crash
// (run under ASan/UBSan to make this check meaningful).
TEST(PcapRead, MutatedInputsNeverCrash) {
  std::mt19937 rng(99);
  for (const char* name : {"le_usec.pcap", "le.pcapng", "be_nsec.pcapng", "be_nsec.pcap"}) {
    const bytes orig = test::read_file(sample(name));
    for (int i = 0; i < 400; ++i) {
      bytes b = orig;
      switch (i % 3) {
        case 0:
          b.resize(rng() % (b.size() + 1));
          break;
        case 1:
          for (int k = 0; k < 4; ++k) b[rng() % b.size()] = static_cast<std::byte>(rng());
          break;
        default:
          for (std::size_t k = 24; k < b.size(); ++k)
            if (rng() % 8 == 0) b[k] = static_cast<std::byte>(rng());
          break;
      }
      auto r = pcap::reader::open_memory(b);
      if (!r) continue;
      std::string err;
      auto v = read_all(*r, &err);
      for (const auto& f : v) EXPECT_LE(f.data.size(), b.size());
    }
  }
}

TEST(PcapMagic, IsCapture) {
  auto head = [](std::initializer_list<unsigned> il) { return to_bytes(il); };
  EXPECT_TRUE(pcap::is_capture(head({0xd4, 0xc3, 0xb2, 0xa1})));  // LE µs
  EXPECT_TRUE(pcap::is_capture(head({0xa1, 0xb2, 0xc3, 0xd4})));  // BE µs
  EXPECT_TRUE(pcap::is_capture(head({0x4d, 0x3c, 0xb2, 0xa1})));  // LE ns
  EXPECT_TRUE(pcap::is_capture(head({0xa1, 0xb2, 0x3c, 0x4d})));  // BE ns
  EXPECT_TRUE(pcap::is_capture(head({0x0a, 0x0d, 0x0d, 0x0a})));  // pcapng SHB
  EXPECT_FALSE(pcap::is_capture(head({0xd4, 0xc3, 0xb2})));
  EXPECT_FALSE(pcap::is_capture({}));
  EXPECT_FALSE(pcap::is_capture(head({0x00, 0x11, 0x22, 0x33, 0x44, 0x55})));
  for (const char* n : {"le_usec.pcap", "be_nsec.pcap", "le.pcapng", "be_nsec.pcapng"})
    EXPECT_TRUE(pcap::is_capture(test::read_file(sample(n)))) << n;
  EXPECT_FALSE(pcap::is_capture(frame_bin("udp4")));
}

std::uint32_t le32(const bytes& b, std::size_t at) {
  return std::to_integer<std::uint32_t>(b[at]) | std::to_integer<std::uint32_t>(b[at + 1]) << 8 |
         std::to_integer<std::uint32_t>(b[at + 2]) << 16 | std::to_integer<std::uint32_t>(b[at + 3]) << 24;
}

TEST(PcapWrite, FileLayoutFollowsTheFormat) {
  TempDir tmp;
  const fs::path f = tmp / "w.pcap";
  const bytes a = frame_bin("udp4"), b = frame_bin("arp");
  {
    auto w = pcap::writer::create(f.string());
    ASSERT_TRUE(w) << w.err().to_string();
    ASSERT_TRUE(w->write(a, 1700000000, 123456));
    ASSERT_TRUE(w->write(b, 1700000001, 999999));
    ASSERT_TRUE(w->close());
    ASSERT_TRUE(w->close());  // closing twice is harmless
    EXPECT_FALSE(w->write(a)) << "write after close must fail";
  }
  // pcap-savefile(5), written in the host's (little-endian) byte order.
  bytes raw = test::read_file(f);
  ASSERT_EQ(raw.size(), 24u + 16 + a.size() + 16 + b.size());
  EXPECT_EQ(le32(raw, 0), 0xa1b2c3d4u);                 // magic, microseconds
  EXPECT_EQ(le32(raw, 4), 2u | (4u << 16));             // version 2.4
  EXPECT_EQ(le32(raw, 16), 262144u);                     // snaplen
  EXPECT_EQ(le32(raw, 20), 1u);                          // LINKTYPE_ETHERNET
  EXPECT_EQ(le32(raw, 24), 1700000000u);
  EXPECT_EQ(le32(raw, 28), 123456u);
  EXPECT_EQ(le32(raw, 32), a.size());                    // caplen
  EXPECT_EQ(le32(raw, 36), a.size());                    // len
  EXPECT_EQ(bytes(raw.begin() + 40, raw.begin() + 40 + long(a.size())), a);
  const std::size_t r2 = 40 + a.size();
  EXPECT_EQ(le32(raw, r2), 1700000001u);
  EXPECT_EQ(le32(raw, r2 + 4), 999999u);
  EXPECT_EQ(le32(raw, r2 + 8), b.size());

  auto r = pcap::reader::open(f.string());
  ASSERT_TRUE(r);
  auto v = read_all(*r);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].data, a);
  EXPECT_EQ(v[1].data, b);
  EXPECT_EQ(v[1].usec, 999999u);
}

TEST(PcapWrite, DestructorFlushesAndLinktypeIsKept) {
  TempDir tmp;
  const fs::path f = tmp / "d.pcap";
  {
    // 802.11: LINKTYPE_IEEE802_11 and DLT_IEEE802_11 are both 105.
    auto w = pcap::writer::create(f.string(), 105, 1500);
    ASSERT_TRUE(w);
    pcap::writer moved = std::move(*w);
    ASSERT_TRUE(moved.write(to_bytes({0x45, 0, 0, 20})));
  }
  auto r = pcap::reader::open(f.string());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->linktype(), 105);
  auto v = read_all(*r);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(to_hex(v[0].data), "45000014");
}

TEST(PcapWrite, UnwritablePathIsAnError) {
  auto w = pcap::writer::create("/nonexistent/dir/out.pcap");
  ASSERT_FALSE(w);
  EXPECT_EQ(w.err().protocol, "pcap");
  EXPECT_EQ(w.err().to_string().find('\n'), std::string::npos);
}

// tshark reads what the writer writes, with the same frames and timestamps.
TEST(PcapWrite, ReadableByTshark) {
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed (apt-get install tshark); skipped";
  TempDir tmp;
  const fs::path f = tmp / "t.pcap";
  const bytes a = frame_bin("udp4"), b = frame_bin("vlan_udp4");
  {
    auto w = pcap::writer::create(f.string());
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write(a, 1700000000, 5));
    ASSERT_TRUE(w->write(b, 1700000002, 250000));
    ASSERT_TRUE(w->close());
  }
  std::string out;
  int rc = test::run_command("tshark -r '" + f.string() +
                                 "' -T fields -E separator=, -e frame.time_epoch -e frame.len -e eth.src -e ip.dst "
                                 "-e udp.dstport 2>/dev/null",
                             out);
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(out,
            "1700000000.000005000,82,66:77:88:99:aa:bb,198.51.100.7,9999\n"
            "1700000002.250000000,86,66:77:88:99:aa:bb,10.0.0.2,5678\n");
}

// A pcapng produced by Wireshark's editcap from our pcap reads back identically.
TEST(PcapRead, PcapngFromEditcap) {
  if (!test::have_program("editcap")) GTEST_SKIP() << "editcap (wireshark-common) is not installed; skipped";
  TempDir tmp;
  const fs::path ng = tmp / "e.pcapng";
  std::string out;
  ASSERT_EQ(test::run_command("editcap -F pcapng '" + sample("le_usec.pcap").string() + "' '" + ng.string() +
                                  "' 2>&1",
                              out),
            0)
      << out;
  bytes raw = test::read_file(ng);
  ASSERT_GE(raw.size(), 4u);
  EXPECT_EQ(to_hex(bytes_view(raw).subspan(0, 4)), "0a0d0d0a");
  auto r = pcap::reader::open(ng.string());
  ASSERT_TRUE(r) << r.err().to_string();
  expect_two_sample_frames(read_all(*r), 1);
  auto m = pcap::reader::open_memory(raw);
  ASSERT_TRUE(m);
  expect_two_sample_frames(read_all(*m), 1);
}

}  // namespace
