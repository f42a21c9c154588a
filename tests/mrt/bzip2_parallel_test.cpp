// The parallel bzip2 input path (src/mrt/input.cpp, "bzip2 in parallel"). The decompressed bytes
// are checked against the bzip2 program (`bzip2 -d`, an independent decoder) where it gives an
// answer, and against the sequential path (one libbz2 stream: source_options::bzip2_threads = 0)
// for the end and the error of cut, damaged and trailing-garbage input, which the parallel path
// must reproduce exactly. Compressed files are made by the bzip2 program; tests skip without it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/mrt/input.hpp"

namespace fs = std::filesystem;
using namespace wirekit;

namespace {

#define REQUIRE_BZIP2() \
  if (!test::have_program("bzip2")) GTEST_SKIP() << "the bzip2 program is missing; skipped"

struct decoded {
  bytes out;
  bool truncated = false;
  std::string error;
  bool operator==(const decoded& o) const { return out == o.out && truncated == o.truncated && error == o.error; }
};

decoded read_all(const bytes& in, int threads, const std::vector<std::uint64_t>& extra = {}) {
  mrt::source_options opt;
  opt.bzip2_threads = threads;
  opt.bzip2_extra_splits = extra;
  auto src = mrt::byte_source::from_memory(in, opt);
  decoded d;
  for (bytes_view b = src->next_block(); !b.empty(); b = src->next_block()) d.out.insert(d.out.end(), b.begin(), b.end());
  d.truncated = src->truncated();
  d.error = src->error();
  return d;
}

std::string describe(const decoded& d) {
  return std::to_string(d.out.size()) + " bytes, truncated=" + std::to_string(d.truncated) + " error='" + d.error + "'";
}

class tmpdir {
 public:
  tmpdir() : p_(fs::temp_directory_path() / ("wirekit_bz2_" + std::to_string(::getpid()))) { fs::create_directories(p_); }
  ~tmpdir() {
    std::error_code ec;
    fs::remove_all(p_, ec);
  }
  fs::path operator/(const std::string& n) const { return p_ / n; }

 private:
  fs::path p_;
};

void write_file(const fs::path& p, const bytes& b) {
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

// `bzip2 -LEVEL -c`.
bytes bzip2_compress(const tmpdir& t, const bytes& data, int level) {
  write_file(t / "in", data);
  std::string out;
  EXPECT_EQ(0, test::run_command("bzip2 -" + std::to_string(level) + " -c " + test::shell_quote((t / "in").string()) + " > " +
                                     test::shell_quote((t / "in.bz2").string()),
                                 out));
  return test::read_file(t / "in.bz2");
}

// What `bzip2 -d -c` writes (it writes what it decoded, also when the input turns out bad).
bytes bzip2_decompress(const tmpdir& t, const bytes& comp, int* status = nullptr) {
  write_file(t / "c.bz2", comp);
  std::string out;
  const int rc = test::run_command("bzip2 -d -c " + test::shell_quote((t / "c.bz2").string()) + " > " +
                                       test::shell_quote((t / "c.out").string()) + " 2>/dev/null; echo $?",
                                   out);
  EXPECT_EQ(0, rc);
  if (status) *status = std::stoi(out.empty() ? "-1" : out);
  return test::read_file(t / "c.out");
}

// What Python's bz2 module decodes (libbz2 driven by CPython: the complete blocks of a cut
// stream; `bzip2 -d` is no reference there, it loses its stdio buffer when it fails).
bytes python_bz2_decompress(const tmpdir& t, const bytes& comp) {
  write_file(t / "p.bz2", comp);
  const std::string py =
      "import bz2, sys\n"
      "data = open(sys.argv[1], 'rb').read()\n"
      "out = bytearray()\n"
      "while data:\n"
      "    d = bz2.BZ2Decompressor()\n"
      "    out += d.decompress(data)\n"
      "    if not d.eof: break\n"
      "    data = d.unused_data\n"
      "    if not data.startswith(b'BZh'): break\n"
      "open(sys.argv[2], 'wb').write(out)\n";
  std::string out;
  EXPECT_EQ(0, test::run_command("/usr/bin/python3 -c " + test::shell_quote(py) + " " + test::shell_quote((t / "p.bz2").string()) + " " +
                                     test::shell_quote((t / "p.out").string()),
                                 out));
  return test::read_file(t / "p.out");
}

// Data that compresses like real data: words, numbers, runs (RLE), binary records, random bytes.
bytes varied_data(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  bytes d;
  d.reserve(n + 64);
  static const char* words[] = {"route", "views", "peer", "prefix", "AS", "path", "community", "origin", "IGP", "next-hop"};
  while (d.size() < n) {
    switch (rng() % 5) {
      case 0:
        for (const char* c = words[rng() % 10]; *c; ++c) d.push_back(static_cast<std::byte>(*c));
        d.push_back(std::byte{' '});
        break;
      case 1: {
        const std::string num = std::to_string(rng() % 70000) + "|";
        for (char c : num) d.push_back(static_cast<std::byte>(c));
        break;
      }
      case 2: d.insert(d.end(), 4 + rng() % 9, static_cast<std::byte>(rng() % 3 == 0 ? 0 : rng() % 256)); break;
      case 3:
        for (int i = 0; i < 12; ++i) d.push_back(static_cast<std::byte>(i < 4 ? 0 : rng() % 16));
        break;
      default:
        for (int i = 0, k = static_cast<int>(rng() % 40); i < k; ++i) d.push_back(static_cast<std::byte>(rng() % 256));
    }
  }
  d.resize(n);
  return d;
}

// Bit offsets of the block magics in a bzip2 file (to place cuts and false boundaries near them).
std::vector<std::uint64_t> block_magics(const bytes& c) {
  std::vector<std::uint64_t> at;
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < c.size() * 8; ++i) {
    w = (w << 1) | ((std::to_integer<unsigned>(c[i / 8]) >> (7 - i % 8)) & 1);
    if (i >= 47 && (w & 0xffffffffffffULL) == 0x314159265359ULL) at.push_back(i - 47);
  }
  return at;
}

bytes concat(std::initializer_list<const bytes*> parts) {
  bytes r;
  for (const bytes* p : parts) r.insert(r.end(), p->begin(), p->end());
  return r;
}

}  // namespace

// Blocks at every level (bzip2 -1 .. -9 of the data): the data back, from 1 to 8 workers; many
// blocks at level 1.
TEST(MrtBzip2Parallel, ManyBlocksEveryLevelEqualBzip2) {
  REQUIRE_BZIP2();
  tmpdir t;
  for (int level = 1; level <= 9; ++level) {
    SCOPED_TRACE("level " + std::to_string(level));
    const std::size_t n = level == 1 ? 1100000 : static_cast<std::size_t>(level) * 125000 + 60000;
    const bytes data = varied_data(n, static_cast<std::uint32_t>(level));
    const bytes comp = bzip2_compress(t, data, level);
    ASSERT_GE(block_magics(comp).size(), level == 1 ? 10u : 2u);
    for (int threads : level == 1 ? std::vector<int>{1, 2, 3, 8} : std::vector<int>{2}) {
      const decoded d = read_all(comp, threads);
      EXPECT_TRUE(d.out == data) << threads << " threads: " << describe(d);
      EXPECT_FALSE(d.truncated);
      EXPECT_EQ("", d.error);
    }
    if (level == 1) {
      EXPECT_TRUE(bzip2_decompress(t, comp) == data);
    }
  }
}

// Concatenated streams (as pbzip2 writes, one stream per block), an empty stream, a tiny one.
TEST(MrtBzip2Parallel, ConcatenatedEmptyAndTinyStreams) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes empty = bzip2_compress(t, {}, 9);
  const bytes_view hello = as_bytes("hello, world\n");
  const bytes tiny_data(hello.begin(), hello.end());
  const bytes tiny = bzip2_compress(t, tiny_data, 5);
  const bytes big1 = bzip2_compress(t, varied_data(250000, 7), 1);
  const bytes big2 = bzip2_compress(t, varied_data(450000, 8), 2);
  EXPECT_TRUE(read_all(empty, 2) == decoded{});
  EXPECT_TRUE(read_all(tiny, 2).out == bzip2_decompress(t, tiny));
  EXPECT_TRUE(read_all(tiny, 2).out == tiny_data);
  for (const bytes& c : {concat({&big1, &empty, &tiny, &big2}), concat({&empty, &empty}), concat({&tiny, &tiny, &tiny}),
                         concat({&big2, &big1, &empty})}) {
    const bytes expect = bzip2_decompress(t, c);
    const decoded d = read_all(c, 2);
    EXPECT_TRUE(d.out == expect) << describe(d);
    EXPECT_TRUE(read_all(c, 0) == d);
    EXPECT_FALSE(d.truncated);
  }
  // Many one-block streams (pbzip2's layout).
  bytes many;
  bytes expect;
  for (std::uint32_t i = 0; i < 12; ++i) {
    const bytes part = varied_data(30000 + i * 997, 100 + i);
    const bytes c = bzip2_compress(t, part, 1 + static_cast<int>(i % 9));
    many.insert(many.end(), c.begin(), c.end());
    expect.insert(expect.end(), part.begin(), part.end());
  }
  const decoded d = read_all(many, 3);
  EXPECT_TRUE(d.out == expect) << describe(d);
  EXPECT_TRUE(d.out == bzip2_decompress(t, many));
  EXPECT_FALSE(d.truncated);
}

// Cut anywhere: the complete blocks (Python's bz2 gives the same bytes), then the same
// "stream truncated" (or error) as the sequential path.
TEST(MrtBzip2Parallel, TruncatedAtManyCutPoints) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes data = varied_data(330000, 11);
  const bytes comp = bzip2_compress(t, data, 1);
  const auto magics = block_magics(comp);
  ASSERT_GE(magics.size(), 3u);
  std::vector<std::size_t> cuts = {0, 1, 3, 4, 5, 9, 10, 13, 14, comp.size() - 1, comp.size() - 2, comp.size() - 4, comp.size() - 5,
                                   comp.size() - 6, comp.size() - 10, comp.size() - 11, comp.size() - 12};
  for (std::uint64_t m : magics)
    for (int d : {-2, -1, 0, 1, 5, 6, 7, 10, 11}) cuts.push_back(static_cast<std::size_t>(static_cast<std::int64_t>(m / 8) + d));
  std::mt19937 rng(5);
  for (int i = 0; i < 15; ++i) cuts.push_back(rng() % comp.size());
  int checked_with_python = 0;
  for (std::size_t cut : cuts) {
    if (cut >= comp.size()) continue;
    SCOPED_TRACE("cut at " + std::to_string(cut));
    const bytes c(comp.begin(), comp.begin() + static_cast<std::ptrdiff_t>(cut));
    const decoded seq = read_all(c, 0);
    const decoded par = read_all(c, 2);
    EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
    if (cut < 4) continue;  // not bzip2 by its magic: plain bytes for both paths
    EXPECT_TRUE(par.truncated);
    if (checked_with_python < 8 && cut % 3 == 0) {
      ++checked_with_python;
      EXPECT_TRUE(par.out == python_bz2_decompress(t, c)) << describe(par);
    }
    // The output is a prefix of the data.
    EXPECT_TRUE(par.out.size() <= data.size() && std::equal(par.out.begin(), par.out.end(), data.begin()));
  }
}

// The real RouteViews sample is a cut bzip2 stream: every complete block, then "truncated"
// (Python's bz2 agrees on the bytes of cut streams in TruncatedAtManyCutPoints).
TEST(MrtBzip2Parallel, RealCutSampleLikeSequential) {
  WIREKIT_REQUIRE_SHARED(shared);
  const fs::path f = shared / "fixtures" / "mrt" / "pyasn__rib.20140523.0600_firstMB.bz2";
  if (!fs::exists(f)) GTEST_SKIP() << f << " is absent";
  const bytes comp = test::read_file(f);
  const decoded seq = read_all(comp, 0);
  const decoded par = read_all(comp, 2);
  EXPECT_GT(par.out.size(), 10u << 20);
  EXPECT_TRUE(par.truncated);
  EXPECT_EQ("bzip2: stream truncated", par.error);
  EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
}

// A changed byte in some block: the same bytes and the same error as the sequential path (no
// data of later blocks after the error).
TEST(MrtBzip2Parallel, CorruptByteLikeSequential) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes data = varied_data(330000, 12);
  const bytes comp = bzip2_compress(t, data, 1);
  const auto magics = block_magics(comp);
  ASSERT_GE(magics.size(), 3u);
  std::mt19937 rng(13);
  std::vector<std::size_t> at;
  for (std::uint64_t m : magics)
    for (int d : {0, 6, 300}) at.push_back(static_cast<std::size_t>(static_cast<std::int64_t>(m / 8) + d));
  for (int i = 0; i < 6; ++i) at.push_back(rng() % comp.size());
  at.push_back(comp.size() - 3);  // the stream CRC
  at.push_back(comp.size() - 8);  // the end magic
  int errors = 0;
  for (std::size_t pos : at) {
    if (pos < 4 || pos >= comp.size()) continue;
    for (unsigned x : {0x01u, 0x5au}) {
      SCOPED_TRACE("byte " + std::to_string(pos) + " ^ " + std::to_string(x));
      bytes c = comp;
      c[pos] ^= static_cast<std::byte>(x);
      const decoded seq = read_all(c, 0);
      const decoded par = read_all(c, 2);
      EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
      errors += seq.truncated;
    }
  }
  EXPECT_GT(errors, 15);
}

// After the end of a stream: garbage is ignored (as bzip2 -d does), "BZh" starts another
// stream (which may be bad): as the sequential path.
TEST(MrtBzip2Parallel, GarbageAfterTheEnd) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes data = varied_data(300000, 14);
  const bytes comp = bzip2_compress(t, data, 1);
  std::mt19937 rng(15);
  bytes noise(5000);
  for (auto& b : noise) b = static_cast<std::byte>(rng() % 256);
  const std::vector<std::string> tails = {"x", "garbage after the end", "BZ", "BZh", "BZh9", "BZh9\x31\x41", "BZhx1234567890",
                                          "BZh91AY&SY", std::string("BZh9\x17\x72\x45\x38\x50\x90\0\0\0\0", 14),
                                          std::string("BZh9\x17\x72\x45\x38\x50\x90\0\0\0\1", 14)};
  for (const std::string& tail : tails) {
    SCOPED_TRACE("tail '" + tail + "'");
    bytes c = comp;
    for (char ch : tail) c.push_back(static_cast<std::byte>(ch));
    const decoded seq = read_all(c, 0);
    const decoded par = read_all(c, 2);
    EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
    EXPECT_TRUE(par.out == data);
  }
  bytes c = concat({&comp, &noise});
  const decoded par = read_all(c, 2);
  EXPECT_TRUE(par == read_all(c, 0));
  EXPECT_TRUE(par.out == bzip2_decompress(t, c));
  EXPECT_FALSE(par.truncated);
}

// A block magic can occur by chance inside compressed data. Such false boundaries are injected
// (source_options::bzip2_extra_splits): the cut blocks fail and are merged with the next
// candidates until they decode; the bytes stay those of bzip2 -d.
TEST(MrtBzip2Parallel, FalseBoundariesAreMerged) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes data = varied_data(560000, 16);
  const bytes comp = bzip2_compress(t, data, 1);
  const auto magics = block_magics(comp);
  ASSERT_GE(magics.size(), 5u);
  const std::uint64_t eos_flag = std::uint64_t{1} << 63;
  const std::uint64_t nbits = comp.size() * 8;
  std::vector<std::vector<std::uint64_t>> cases = {
      {magics[1] + 1000},                                    // one, inside block 1
      {magics[1] + 1000, magics[1] + 2000, magics[1] + 5},   // three in one block (and one overlapping its magic)
      {magics[0] + 100, magics[2] + 7, magics[4] + 40000},   // in several blocks
      {magics[2] - 1, magics[2] + 1, magics[3] - 47},        // around a real boundary
      {(magics[1] + 333) | eos_flag},                        // a false end of stream
      {(magics[3] + 12345) | eos_flag, magics[3] + 20000},
      {nbits - 200, nbits - 100},                            // in the last block
  };
  std::mt19937 rng(17);
  for (int i = 0; i < 6; ++i) {
    std::vector<std::uint64_t> x;
    for (int k = 0; k < 8; ++k) x.push_back((33 + rng() % (nbits - 40)) | (k % 3 == 0 ? eos_flag : 0));
    cases.push_back(x);
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    const decoded d = read_all(comp, 2, cases[i]);
    EXPECT_TRUE(d.out == data) << describe(d);
    EXPECT_FALSE(d.truncated);
    EXPECT_EQ("", d.error);
  }
  // Found by fuzzing: a block cut at a false boundary can decode (libbz2 reads the appended end
  // magic as its last symbols) into wrong bytes that fail its CRC only after they were output;
  // nothing of a block may reach the reader before it is accepted whole.
  {
    const bytes_view hello = as_bytes("hello");
    const bytes tiny = bzip2_compress(t, bytes(hello.begin(), hello.end()), 9);
    ASSERT_EQ(41u, tiny.size());
    const decoded d = read_all(tiny, 2, {33 + tiny.size() * 3, (33 + tiny.size() * 5) | eos_flag});
    EXPECT_TRUE(d.out == bytes(hello.begin(), hello.end())) << describe(d);
    EXPECT_EQ("", d.error);
  }
  // With a cut and with a damaged byte too: as the sequential path.
  for (int i = 0; i < 12; ++i) {
    std::vector<std::uint64_t> x;
    for (int k = 0; k < 4; ++k) x.push_back(33 + rng() % (nbits - 40));
    bytes c = comp;
    if (i % 2) {
      c.resize(rng() % comp.size());
    } else {
      c[4 + rng() % (comp.size() - 4)] ^= std::byte{0x10};
    }
    SCOPED_TRACE("mixed case " + std::to_string(i));
    const decoded seq = read_all(c, 0);
    const decoded par = read_all(c, 2, x);
    EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
  }
}

// Bounded random cuts, flips and false boundaries on several files: parallel == sequential.
TEST(MrtBzip2Parallel, RandomDamageLikeSequential) {
  REQUIRE_BZIP2();
  tmpdir t;
  std::vector<bytes> files;
  for (int level : {1, 2}) files.push_back(bzip2_compress(t, varied_data(static_cast<std::size_t>(level) * 150000, 20 + level), level));
  {
    const bytes a = bzip2_compress(t, varied_data(90000, 30), 1);
    const bytes b = bzip2_compress(t, varied_data(150000, 31), 1);
    files.push_back(concat({&a, &b, &a}));
  }
  std::mt19937 rng(21);
  for (int i = 0; i < 24; ++i) {
    const bytes& f = files[static_cast<std::size_t>(i) % files.size()];
    bytes c = f;
    const unsigned what = rng() % 4;
    if (what == 0 || what == 3) c.resize(rng() % c.size());
    if ((what == 1 || what == 3) && c.size() > 4)
      for (unsigned k = 0, n = 1 + rng() % 3; k < n; ++k) c[4 + rng() % (c.size() - 4)] ^= static_cast<std::byte>(1 + rng() % 255);
    std::vector<std::uint64_t> x;
    if (what == 2 && c.size() > 8)
      for (unsigned k = 0, n = 1 + rng() % 4; k < n; ++k) x.push_back(33 + rng() % (c.size() * 8 - 40));
    SCOPED_TRACE("iteration " + std::to_string(i));
    const decoded seq = read_all(c, 0);
    const decoded par = read_all(c, 1 + static_cast<int>(rng() % 3), x);
    EXPECT_TRUE(par == seq) << "parallel: " << describe(par) << "; sequential: " << describe(seq);
  }
}

// The reader stops early (the consumer goes away mid-file): no hang, no crash.
TEST(MrtBzip2Parallel, ConsumerStopsEarly) {
  REQUIRE_BZIP2();
  tmpdir t;
  const bytes comp = bzip2_compress(t, varied_data(900000, 40), 1);
  for (int k = 0; k < 4; ++k) {
    mrt::source_options opt;
    opt.bzip2_threads = 2;
    auto src = mrt::byte_source::from_memory(comp, opt);
    for (int i = 0; i < k; ++i) (void)src->next_block();
  }
  SUCCEED();
}

// wirekit bgpreader --format bgpdump on a many-block bzip2 MRT file prints what bgpdump -m prints.
TEST(MrtBzip2Parallel, BgpreaderCliManyBlocksEqualBgpdump) {
  WIREKIT_REQUIRE_SHARED(shared);
  REQUIRE_BZIP2();
  if (!test::have_program("bgpdump")) GTEST_SKIP() << "bgpdump is missing; skipped";
  const fs::path cli = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(cli)) GTEST_SKIP() << "the wirekit CLI is not built";
  const fs::path f = shared / "fixtures" / "mrt" / "pyasn__rib.20140523.0600_firstMB.bz2";
  if (!fs::exists(f)) GTEST_SKIP() << f << " is absent";
  tmpdir t;
  // The first ~2.5 MB of the sample cut to whole records (bzip2 -d's output), as bzip2 -1:
  // some 25 blocks.
  std::string out;
  ASSERT_EQ(0, test::run_command("bzip2 -dc " + test::shell_quote(f.string()) + " 2>/dev/null | head -c 3000000 > " +
                                     test::shell_quote((t / "raw").string()),
                                 out));
  const bytes raw = test::read_file(t / "raw");
  ASSERT_EQ(raw.size(), 3000000u);
  std::size_t pos = 0;
  while (pos + 12 <= raw.size() && pos < (std::size_t{5} << 19)) {
    const std::size_t len = load_be32(raw.data() + pos + 8);
    if (pos + 12 + len > raw.size()) break;
    pos += 12 + len;
  }
  const bytes mrt_data(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(pos));
  const bytes comp = bzip2_compress(t, mrt_data, 1);
  ASSERT_GE(block_magics(comp).size(), 20u);
  write_file(t / "rib.bz2", comp);
  std::string expect, got;
  ASSERT_EQ(0, test::run_command("bgpdump -m " + test::shell_quote((t / "rib.bz2").string()) + " 2>/dev/null", expect));
  EXPECT_GT(std::count(expect.begin(), expect.end(), '\n'), 10000);
  EXPECT_EQ(0, test::run_command(test::shell_quote(cli.string()) + " bgpreader --format bgpdump -d singlefile -o rib-file=" +
                                     test::shell_quote((t / "rib.bz2").string()),
                                 got));
  EXPECT_TRUE(expect == got) << expect.size() << " vs " << got.size() << " bytes";
}
