// MRT input: content-detected decompression on a producer thread, bounded block queue, and the
// record reader.
#include "wirekit/mrt/input.hpp"

#include <bzlib.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace wirekit::mrt {

const char* compression_name(compression c) {
  switch (c) {
    case compression::gzip: return "gzip";
    case compression::bzip2: return "bzip2";
    default: return "none";
  }
}

compression detect_compression(bytes_view b) {
  auto at = [&](std::size_t i) { return std::to_integer<unsigned>(b[i]); };
  if (b.size() >= 2 && at(0) == 0x1f && at(1) == 0x8b) return compression::gzip;
  if (b.size() >= 4 && at(0) == 'B' && at(1) == 'Z' && at(2) == 'h' && at(3) >= '1' && at(3) <= '9')
    return compression::bzip2;
  return compression::none;
}

namespace {
constexpr std::size_t kInChunk = 256 << 10;   // compressed bytes read at a time
constexpr std::size_t kOutBlock = 1 << 20;    // decompressed block size
constexpr std::size_t kQueueBlocks = 4;       // blocks in flight (bounded memory)

// What one decompression call ended with.
enum class step { ok, end, truncated, error };

// zlib (gzip members, RFC 1952). A member that ends with the input in the middle of it is
// "truncated"; another member follows when the next bytes are the gzip magic.
struct gzip_codec {
  z_stream z{};
  static const char* name() { return "gzip"; }
  bool init() { return inflateInit2(&z, 15 + 32) == Z_OK; }
  bool restart() { return inflateReset(&z) == Z_OK; }
  void finish() { inflateEnd(&z); }
  void input(std::byte* p, std::size_t n) {
    z.next_in = reinterpret_cast<Bytef*>(p);
    z.avail_in = static_cast<uInt>(n);
  }
  std::size_t avail_in() const { return z.avail_in; }
  std::byte* next_in() const { return reinterpret_cast<std::byte*>(z.next_in); }
  bool next_stream_follows() const { return z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b; }
  std::string error() const { return z.msg ? z.msg : "data error"; }
  step run(std::byte* out, std::size_t n, std::size_t& produced, bool input_done) {
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = static_cast<uInt>(n);
    const int rc = inflate(&z, Z_NO_FLUSH);
    produced = n - z.avail_out;
    if (rc == Z_STREAM_END) return step::end;
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && input_done) return step::truncated;
    return rc == Z_OK || rc == Z_BUF_ERROR ? step::ok : step::error;
  }
};

// libbz2 (concatenated .bz2 streams, as pbzip2 writes). bzip2 has no reset: the next stream
// gets a fresh decompressor over the remaining input.
struct bzip2_codec {
  bz_stream z{};
  int last = BZ_OK;
  static const char* name() { return "bzip2"; }
  bool init() { return BZ2_bzDecompressInit(&z, 0, 0) == BZ_OK; }
  bool restart() {
    char* ni = z.next_in;
    const unsigned ai = z.avail_in;
    BZ2_bzDecompressEnd(&z);
    z = bz_stream{};
    if (!init()) return false;
    z.next_in = ni;
    z.avail_in = ai;
    return true;
  }
  void finish() { BZ2_bzDecompressEnd(&z); }
  void input(std::byte* p, std::size_t n) {
    z.next_in = reinterpret_cast<char*>(p);
    z.avail_in = static_cast<unsigned>(n);
  }
  std::size_t avail_in() const { return z.avail_in; }
  std::byte* next_in() const { return reinterpret_cast<std::byte*>(z.next_in); }
  bool next_stream_follows() const { return z.avail_in >= 4 && std::memcmp(z.next_in, "BZh", 3) == 0; }
  std::string error() const { return fmt::format("error {}", last); }
  step run(std::byte* out, std::size_t n, std::size_t& produced, bool input_done) {
    z.next_out = reinterpret_cast<char*>(out);
    z.avail_out = static_cast<unsigned>(n);
    last = BZ2_bzDecompress(&z);
    produced = n - z.avail_out;
    if (last == BZ_STREAM_END) return step::end;
    if (last != BZ_OK) return step::error;
    if (z.avail_in == 0 && input_done && z.avail_out != 0) return step::truncated;
    return step::ok;
  }
};
}  // namespace

struct byte_source::impl {
  source_options opt;

  // input
  int fd = -1;
  bool own_fd = false;
  bytes memory;
  std::size_t memory_pos = 0;
  bool from_memory = false;

  // queue
  std::mutex mu;
  std::condition_variable cv_not_full, cv_not_empty;
  std::deque<bytes> full;
  std::vector<bytes> spare;
  bool done = false;
  bool stop = false;
  bytes current;  // the block the consumer is reading

  std::atomic<compression> kind{compression::none};
  std::atomic<bool> truncated{false};
  std::string error;  // written by the producer before done
  std::atomic<std::uint64_t> in_bytes{0}, out_bytes{0};
  std::thread th;

  // A plain (uncompressed) regular file is not read by the thread: the consumer maps it a window
  // at a time (next_block), so its bytes are never copied. Only one window is mapped at once
  // (bounded memory); it is unmapped when the next one is asked for.
  bool mapped = false;
  std::uint64_t map_size = 0, map_off = 0;
  void* window = nullptr;
  std::size_t window_len = 0;
  void unmap_window() {
    if (window) ::munmap(window, window_len);
    window = nullptr;
    window_len = 0;
  }

  ~impl() {
    unmap_window();
    {
      std::lock_guard<std::mutex> lk(mu);
      stop = true;
    }
    cv_not_full.notify_all();
    if (th.joinable()) th.join();
    if (own_fd && fd >= 0) ::close(fd);
  }

  // Reads raw input; returns bytes read (0 at end), -1 on error.
  long read_raw(std::byte* dst, std::size_t n) {
    if (from_memory) {
      std::size_t k = std::min(n, memory.size() - memory_pos);
      if (k) std::memcpy(dst, memory.data() + memory_pos, k);  // (an empty vector has no data())
      memory_pos += k;
      in_bytes += k;
      return static_cast<long>(k);
    }
    for (;;) {
      ssize_t r = ::read(fd, dst, n);
      if (r < 0 && errno == EINTR) continue;
      if (r > 0) in_bytes += static_cast<std::uint64_t>(r);
      return static_cast<long>(r);
    }
  }

  bytes get_spare() {
    std::lock_guard<std::mutex> lk(mu);
    if (!spare.empty()) {
      bytes b = std::move(spare.back());
      spare.pop_back();
      return b;
    }
    return {};
  }

  // Hands a block to the consumer; false if the consumer went away.
  bool push(bytes&& b) {
    if (b.empty()) return true;
    out_bytes += b.size();
    std::unique_lock<std::mutex> lk(mu);
    cv_not_full.wait(lk, [&] { return stop || full.size() < kQueueBlocks; });
    if (stop) return false;
    full.push_back(std::move(b));
    lk.unlock();
    cv_not_empty.notify_one();
    return true;
  }

  void finish() {
    {
      std::lock_guard<std::mutex> lk(mu);
      done = true;
    }
    cv_not_empty.notify_all();
  }

  void fail(std::string why) {
    error = std::move(why);
    truncated = true;
  }

  void run() {
    bytes in(kInChunk);
    long n = read_raw(in.data(), in.size());
    if (n < 0) {
      fail(std::strerror(errno));
      finish();
      return;
    }
    // Make sure we have a few bytes for detection.
    std::size_t have = static_cast<std::size_t>(n);
    while (n > 0 && have < 4) {
      n = read_raw(in.data() + have, in.size() - have);
      if (n > 0) have += static_cast<std::size_t>(n);
    }
    kind = detect_compression(bytes_view(in.data(), have));
    switch (kind.load()) {
      case compression::none: run_plain(in, have); break;
      case compression::gzip: run_decompress<gzip_codec>(in, have); break;
      case compression::bzip2: run_bzip2(in, have); break;
    }
    finish();
  }

  void run_plain(bytes& in, std::size_t have) {
    bytes first(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(have));
    if (!push(std::move(first))) return;
    for (;;) {
      bytes b = get_spare();
      b.resize(kOutBlock);
      long n = read_raw(b.data(), b.size());
      if (n < 0) return fail(std::strerror(errno));
      if (n == 0) return;
      b.resize(static_cast<std::size_t>(n));
      if (!push(std::move(b))) return;
    }
  }

  // One loop for every compressed format (Codec: gzip_codec, bzip2_codec below): refill the
  // input block, decompress into an output block, hand full blocks to the parser, and after a
  // stream's end go on with the next one when the input holds another (multi-member gzip,
  // concatenated bzip2 streams, as gzread and bzcat do); anything else after a stream ends it.
  // The first `skip` output bytes are dropped (the parallel bzip2 path's fallback: its input
  // starts with a small synthetic block).
  template <class Codec>
  void run_decompress(bytes& in, std::size_t have, std::uint64_t skip = 0) {
    Codec c;
    if (!c.init()) return fail(c.name() + std::string(": init failed"));
    c.input(in.data(), have);
    bool input_done = false;
    bytes out = get_spare();
    out.resize(kOutBlock);
    std::size_t out_used = 0;
    // Reads more input after what is still unread (at most a few bytes: the start of the next
    // stream's magic can lie across two reads).
    auto refill = [&]() -> long {
      const std::size_t left = c.avail_in();
      if (left) std::memmove(in.data(), c.next_in(), left);
      long n = read_raw(in.data() + left, in.size() - left);
      c.input(in.data(), left + (n > 0 ? static_cast<std::size_t>(n) : 0));
      return n;
    };
    for (;;) {
      if (c.avail_in() == 0 && !input_done) {
        long n = refill();
        if (n < 0) {
          fail(std::strerror(errno));
          break;
        }
        if (n == 0) {
          input_done = true;
          c.input(in.data(), 0);
        }
      }
      std::size_t produced = 0;
      const step st = c.run(out.data() + out_used, out.size() - out_used, produced, input_done);
      out_used += produced;
      if (skip && out_used) {
        const std::size_t d = static_cast<std::size_t>(std::min<std::uint64_t>(skip, out_used));
        std::memmove(out.data(), out.data() + d, out_used - d);
        out_used -= d;
        skip -= d;
      }
      if (out_used == out.size()) {
        if (!push(std::move(out))) break;
        out = get_spare();
        out.resize(kOutBlock);
        out_used = 0;
      }
      if (st == step::end) {
        while (c.avail_in() < 4 && !input_done) {
          const long n = refill();
          if (n < 0) fail(std::strerror(errno));
          if (n <= 0) input_done = true;
        }
        if (c.next_stream_follows()) {
          if (!c.restart()) {
            fail(c.name() + std::string(": init failed"));
            break;
          }
          continue;
        }
        break;
      }
      if (st == step::truncated) {
        fail(c.name() + std::string(": stream truncated"));
        break;
      }
      if (st == step::error) {
        fail(c.name() + std::string(": ") + c.error());
        break;
      }
    }
    out.resize(out_used);
    push(std::move(out));
    c.finish();
  }

  void run_bzip2(bytes& in, std::size_t have);
};

// ---- bzip2 in parallel ---------------------------------------------------------------------
//
// A bzip2 stream is "BZh" and the level digit, then blocks, each starting with the 48-bit magic
// 0x314159265359 and its 32-bit CRC at any bit position, then the end magic 0x177245385090, the
// 32-bit stream CRC (each block CRC folded in: c = rotl(c, 1) ^ block_crc) and padding to a
// byte. The producer thread scans the compressed input for the magics and makes each block
// (from its magic to the next magic) a one-block stream of its own that libbz2 decodes on a
// worker thread; the decoded blocks are handed to the reader in order, and the producer checks
// each stream's CRC.
//
// A block is rarely byte-aligned, and shifting its bits would have to pad its last byte, which
// could change how a cut block ends. So the block's bytes are given to libbz2 as they are: its
// first byte's bits before the magic are replaced by a small synthetic block (made once by
// libbz2 itself, of a bit length that makes the real magic fall where it is), whose output is
// dropped; after the block come the end magic and the stream CRC libbz2 expects for the two.
// libbz2 then sees exactly the bits the sequential decoder sees from that block on.
//
// A block whose decoding fails may have been cut at a magic that occurs by chance inside
// compressed data: it is merged with the next candidate and decoded again, as long as the span
// stays within the largest block an encoder can write. If that does not succeed (a damaged or
// cut block), the rest of the input goes to the sequential decoder from that block on, with the
// same synthetic start: the same bytes, end and error as the sequential path. So is everything
// after a stream's end that is not another well-formed stream header.
namespace {
constexpr std::uint64_t kBzBlockMagic = 0x314159265359ULL;
constexpr std::uint64_t kBzEosMagic = 0x177245385090ULL;
constexpr std::uint64_t kMask48 = (std::uint64_t{1} << 48) - 1;
constexpr std::uint64_t kEosFlag = std::uint64_t{1} << 63;
constexpr std::size_t kJobOutCap = std::size_t{8} << 20;  // a worker's output per block

std::uint32_t rotl1(std::uint32_t c) { return (c << 1) | (c >> 31); }

// Bits [bit, bit + n) of p[0, size), most significant first (n <= 56); zeros past the end.
std::uint64_t bits_at(const std::byte* p, std::size_t size, std::uint64_t bit, unsigned n) {
  const std::uint64_t i = bit / 8;
  std::uint64_t w = 0;
  for (std::uint64_t k = 0; k < 8; ++k) w = (w << 8) | (i + k < size ? std::to_integer<std::uint64_t>(p[i + k]) : 0);
  return (w << (bit % 8)) >> (64 - n);
}

// Appends bits, most significant first.
struct bit_writer {
  bytes& out;
  std::uint64_t acc = 0;
  unsigned n = 0;
  void put(std::uint64_t v, unsigned k) {  // k <= 32
    acc = (acc << k) | (v & ((std::uint64_t{1} << k) - 1));
    n += k;
    while (n >= 8) {
      n -= 8;
      out.push_back(static_cast<std::byte>(static_cast<std::uint8_t>(acc >> n)));
    }
  }
  void put48(std::uint64_t v) {
    put(v >> 24, 24);
    put(v, 24);
  }
  void pad() {
    if (n) put(0, 8 - n);
  }
};

// One small block per bit length modulo 8 (1..7), made by libbz2 from a few letters.
struct bz_synth {
  bytes bits;  // the block's bits from its magic on, packed
  std::uint64_t nbits = 0;
  std::uint32_t crc = 0;
  std::size_t out_len = 0;
};
struct bz_synth_table {
  bool ok = false;
  std::array<bz_synth, 8> by_rem;
};
const bz_synth_table& synth_blocks() {
  static const bz_synth_table table = [] {
    bz_synth_table t;
    unsigned have = 0;
    std::vector<char> comp(4096);
    for (unsigned len = 1; len < 400 && have != 0xfe; ++len) {
      std::string src;
      for (unsigned i = 0; i < len; ++i) src.push_back(static_cast<char>('a' + (i * 7 + len * 3) % 26));
      unsigned clen = static_cast<unsigned>(comp.size());
      if (BZ2_bzBuffToBuffCompress(comp.data(), &clen, src.data(), len, 1, 0, 0) != BZ_OK || clen < 14) continue;
      const auto* p = reinterpret_cast<const std::byte*>(comp.data());
      if (bits_at(p, clen, 32, 48) != kBzBlockMagic) continue;
      std::uint64_t eos = 0;
      for (std::uint64_t pad = 0; pad < 8 && !eos; ++pad) {
        const std::uint64_t q = std::uint64_t{clen} * 8 - 80 - pad;
        if (q > 112 && bits_at(p, clen, q, 48) == kBzEosMagic) eos = q;
      }
      if (!eos) continue;
      const std::uint64_t nbits = eos - 32;
      const unsigned rem = static_cast<unsigned>(nbits % 8);
      if (rem == 0 || ((have >> rem) & 1)) continue;
      bz_synth& b = t.by_rem[rem];
      bit_writer w{b.bits};
      for (std::uint64_t k = 0; k < nbits; ++k) w.put(bits_at(p, clen, 32 + k, 1), 1);
      w.pad();
      b.nbits = nbits;
      b.crc = static_cast<std::uint32_t>(bits_at(p, clen, 80, 32));
      b.out_len = len;
      have |= 1u << rem;
    }
    t.ok = have == 0xfe;
    return t;
  }();
  return table;
}

// The second byte of a magic starting at bit s (0..7) of a byte: a quick filter for the scan.
struct magic_filter {
  std::array<bool, 256> may{};
  magic_filter() {
    for (unsigned s = 0; s < 8; ++s) {
      may[(kBzBlockMagic >> (32 + s)) & 0xff] = true;
      may[(kBzEosMagic >> (32 + s)) & 0xff] = true;
    }
  }
};

// The largest span of bits a block can take: level * 100k symbols of at most 20 bits each, with
// room for the tables.
std::uint64_t bz_bound_bits(char level) { return static_cast<std::uint64_t>(level - '0') * 100000 * 20 + 1000000; }

enum class bz_result : std::uint8_t { ok, failed, too_big };

struct bz_item {
  enum class kind : std::uint8_t { block, stream_end, fallback, rest };
  kind k = kind::block;
  std::uint64_t start = 0;  // block, fallback: bit of the block magic; stream_end: of the end magic; rest: byte
  std::uint64_t end = 0;    // block: bit of the next magic
  char level = '9';
  std::uint32_t crc = 0;     // block: its stored CRC; stream_end: the stored stream CRC
  bool trailer_cut = false;  // stream_end: the input ends inside the stream CRC
  bytes feed;                // block: the one-block stream given to libbz2
  std::size_t discard = 0;   // its first output bytes (the synthetic block's)
  std::vector<bytes> out;    // the output, unless longer than kJobOutCap (overflow)
  std::size_t out_total = 0;
  bool overflow = false;
  bz_result res = bz_result::failed;
  bool done = false, cancelled = false;
};

// Decodes a one-block stream, dropping the first `discard` output bytes; output goes to
// emit(bytes&&, used) in buffers from get(); emit returns false to stop (too_big). ok only when
// the stream ends exactly at the end of the feed.
template <class Get, class Emit>
bz_result bz_decode(const bytes& feed, std::size_t discard, Get&& get, Emit&& emit) {
  bz_stream z{};
  if (BZ2_bzDecompressInit(&z, 0, 0) != BZ_OK) return bz_result::failed;
  z.next_in = const_cast<char*>(reinterpret_cast<const char*>(feed.data()));
  z.avail_in = static_cast<unsigned>(feed.size());
  std::vector<char> skipped(discard);
  std::size_t nskipped = 0;
  bytes buf = get();
  buf.resize(kOutBlock);
  std::size_t used = 0;
  bz_result r = bz_result::failed;
  for (;;) {
    char* o;
    std::size_t room;
    if (nskipped < discard) {
      o = skipped.data() + nskipped;
      room = discard - nskipped;
    } else {
      if (used == buf.size()) {
        if (!emit(std::move(buf), used)) {
          r = bz_result::too_big;
          used = 0;
          break;
        }
        buf = get();
        buf.resize(kOutBlock);
        used = 0;
      }
      o = reinterpret_cast<char*>(buf.data() + used);
      room = buf.size() - used;
    }
    z.next_out = o;
    z.avail_out = static_cast<unsigned>(room);
    const unsigned in_before = z.avail_in;
    const int rc = BZ2_bzDecompress(&z);
    const std::size_t produced = room - z.avail_out;
    if (nskipped < discard) {
      nskipped += produced;
    } else {
      used += produced;
    }
    if (rc == BZ_STREAM_END) {
      if (z.avail_in == 0 && nskipped == discard) r = bz_result::ok;
      break;
    }
    if (rc != BZ_OK) break;
    if (produced == 0 && z.avail_in == in_before) break;  // wants more input: the block is cut
  }
  if (used && !emit(std::move(buf), used) && r == bz_result::ok) r = bz_result::too_big;
  BZ2_bzDecompressEnd(&z);
  return r;
}

unsigned bzip2_workers(int t) {
  if (t < 0) {
    if (const char* e = std::getenv("WIREKIT_BZIP2_THREADS"); e && *e) {
      char* endp = nullptr;
      const long v = std::strtol(e, &endp, 10);
      if (endp && *endp == 0 && v >= 0) t = static_cast<int>(std::min(v, 64L));
    }
  }
  // Automatic: one hardware thread stays with the parser; the rest decode blocks. With fewer
  // than 2 left (a 2-core machine) parallel decoding does not pay (measured, docs/bgpstream.md):
  // the sequential decoder's one thread already overlaps with the parser.
  if (t < 0) {
    const unsigned hw = std::thread::hardware_concurrency();
    return hw >= 3 ? std::min(hw - 1, 8u) : 0u;
  }
  return static_cast<unsigned>(std::min(t, 64));
}

struct bz_run {
  using item_ptr = std::shared_ptr<bz_item>;
  enum class scan { found, eof, limit };
  enum class sstate : std::uint8_t { stream_start, in_block, stopped };

  byte_source::impl& s;
  const unsigned nworkers;
  const std::vector<std::uint64_t>& extra;

  // The compressed input from the oldest byte still needed on.
  bytes win;
  std::uint64_t win_base = 0;
  bool eof = false;
  std::string read_error;

  // The splitter: at a stream's header (pos: byte) or in a block (pos: bit of its magic).
  sstate st = sstate::stream_start;
  std::uint64_t pos = 0;
  char level = '9';

  // Everything cut so far, in input order; the front is delivered next.
  std::deque<item_ptr> items;
  std::size_t jobs = 0;
  std::uint32_t combined = 0;
  bool aborted = false;  // the reader went away

  // Workers.
  std::mutex m;
  std::condition_variable cv_work, cv_done;
  std::deque<item_ptr> todo;
  bool quit = false;
  std::vector<std::thread> threads;

  bz_run(byte_source::impl& src, unsigned n, const std::vector<std::uint64_t>& x) : s(src), nworkers(n), extra(x) {}

  std::uint64_t avail_bits() const { return (win_base + win.size()) * 8; }
  std::uint64_t bits(std::uint64_t bit, unsigned n) const { return bits_at(win.data(), win.size(), bit - win_base * 8, n); }
  std::byte byte_at(std::uint64_t b) const { return win[static_cast<std::size_t>(b - win_base)]; }

  bool more() {
    if (eof) return false;
    const std::size_t old = win.size();
    win.resize(old + kInChunk);
    long n = s.read_raw(win.data() + old, kInChunk);
    if (n < 0) {
      read_error = std::strerror(errno);
      n = 0;
    }
    win.resize(old + static_cast<std::size_t>(n));
    if (n == 0) eof = true;
    return n > 0;
  }
  bool ensure_bits(std::uint64_t end) {
    while (avail_bits() < end)
      if (!more()) return false;
    return true;
  }

  // The first magic at a bit position in [from, limit), reading input as needed.
  scan find_magic(std::uint64_t from, std::uint64_t limit, std::uint64_t& at, bool& eos) {
    static const magic_filter filt;
    std::uint64_t p = from;
    scan res;
    for (;;) {
      const std::uint64_t a = avail_bits();
      const std::uint64_t stop = std::min(limit, a >= 47 ? a - 47 : 0);  // positions whose 48 bits are here
      bool found = false;
      while (p < stop) {
        const std::size_t i = static_cast<std::size_t>(p / 8 - win_base);
        unsigned sh = static_cast<unsigned>(p % 8);
        if (sh == 0 && i + 1 < win.size() && !filt.may[std::to_integer<unsigned>(win[i + 1])]) {
          p += 8;
          continue;
        }
        std::uint64_t w = 0;
        for (std::size_t k = 0; k < 8; ++k) w = (w << 8) | (i + k < win.size() ? std::to_integer<std::uint64_t>(win[i + k]) : 0);
        for (; sh < 8 && p < stop; ++sh, ++p) {
          const std::uint64_t v = (w >> (16 - sh)) & kMask48;
          if (v == kBzBlockMagic || v == kBzEosMagic) {
            at = p;
            eos = v == kBzEosMagic;
            found = true;
            break;
          }
        }
        if (found) break;
      }
      if (found) {
        res = scan::found;
        break;
      }
      if (p >= limit) {
        res = scan::limit;
        break;
      }
      if (!more()) {
        res = scan::eof;
        break;
      }
    }
    if (!extra.empty()) {
      std::uint64_t bound = res == scan::found ? at : res == scan::limit ? limit : avail_bits();
      bool picked = false;
      for (std::uint64_t x : extra) {
        const std::uint64_t b = x & ~kEosFlag;
        if (b >= from && b < bound) {
          bound = b;
          at = b;
          eos = (x & kEosFlag) != 0;
          picked = true;
        }
      }
      if (picked) res = scan::found;
    }
    return res;
  }

  // "BZh", the level, and what makes the bits from `start` on fall where they are: the
  // synthetic block, and the rest of start's byte. Returns the input byte that follows.
  std::uint64_t put_prefix(bytes& f, char lvl, std::uint64_t start, std::size_t& discard, std::uint32_t& comb) const {
    for (char c : {'B', 'Z', 'h', lvl}) f.push_back(static_cast<std::byte>(c));
    const unsigned sh = static_cast<unsigned>(start % 8);
    discard = 0;
    comb = 0;
    if (sh == 0) return start / 8;
    const bz_synth& sb = synth_blocks().by_rem[sh];
    bit_writer w{f};
    for (std::uint64_t k = 0; k < sb.nbits; ++k) w.put(bits_at(sb.bits.data(), sb.bits.size(), k, 1), 1);
    w.put(std::to_integer<unsigned>(byte_at(start / 8)), 8 - sh);
    discard = sb.out_len;
    comb = rotl1(sb.crc);
    return start / 8 + 1;
  }

  // The one-block stream for the bits [start, end) of a block whose stored CRC is crc.
  void build_feed(bz_item& it) const {
    bytes& f = it.feed;
    f.clear();
    f.reserve(static_cast<std::size_t>((it.end - it.start) / 8 + 64));
    std::uint32_t comb = 0;
    const std::uint64_t mid = put_prefix(f, it.level, it.start, it.discard, comb);
    const std::uint64_t e = it.end / 8;
    f.insert(f.end(), win.begin() + static_cast<std::ptrdiff_t>(mid - win_base), win.begin() + static_cast<std::ptrdiff_t>(e - win_base));
    bit_writer w{f};
    const unsigned t = static_cast<unsigned>(it.end % 8);
    if (t) w.put(std::to_integer<unsigned>(byte_at(e)) >> (8 - t), t);
    w.put48(kBzEosMagic);
    w.put(comb ^ it.crc, 32);
    w.pad();
  }

  void submit(const item_ptr& it) {
    {
      std::lock_guard<std::mutex> lk(m);
      todo.push_back(it);
    }
    cv_work.notify_one();
  }

  // Decodes a block's feed into r (out, out_total, overflow, res). Output is kept only up to
  // kJobOutCap; a longer block is decoded to its end all the same (is it valid?) and, if it is,
  // decoded again on the producer thread, straight to the reader. Nothing of a block is given to
  // the reader before libbz2 has accepted it whole (its CRC, and the stream's end exactly at the
  // end of the feed): a block cut at a false boundary can decode into wrong bytes first.
  void decode_job(const bz_item& it, bz_item& r) {
    r.res = bz_decode(
        it.feed, it.discard, [&] { return r.overflow ? bytes() : s.get_spare(); },
        [&](bytes&& b, std::size_t n) {
          r.out_total += n;
          if (r.out_total > kJobOutCap) {
            r.overflow = true;
            r.out.clear();
          } else {
            b.resize(n);
            r.out.push_back(std::move(b));
          }
          return true;
        });
  }

  // Hands an accepted block to the reader; false if the reader went away.
  bool deliver_block(const bz_item& it, std::vector<bytes>& out, bool overflow) {
    if (!overflow) return deliver(out);
    std::size_t delivered = 0;
    decode_here(it, delivered);
    return !aborted;
  }

  void worker() {
    for (;;) {
      item_ptr it;
      {
        std::unique_lock<std::mutex> lk(m);
        cv_work.wait(lk, [&] { return quit || !todo.empty(); });
        if (quit) return;
        it = std::move(todo.front());
        todo.pop_front();
      }
      bz_item result;
      decode_job(*it, result);
      {
        std::lock_guard<std::mutex> lk(m);
        it->out = std::move(result.out);
        it->out_total = result.out_total;
        it->overflow = result.overflow;
        it->res = result.res;
        it->done = true;
      }
      cv_done.notify_all();
    }
  }

  void wait_done(bz_item& it) {
    std::unique_lock<std::mutex> lk(m);
    cv_done.wait(lk, [&] { return it.done; });
  }

  // Drops every item after the first `keep`.
  void cancel_from(std::size_t keep) {
    std::lock_guard<std::mutex> lk(m);
    for (std::size_t i = keep; i < items.size(); ++i) items[i]->cancelled = true;
    todo.erase(std::remove_if(todo.begin(), todo.end(), [](const item_ptr& p) { return p->cancelled; }), todo.end());
    items.resize(std::min(keep, items.size()));
    jobs = 0;
    for (const auto& p : items)
      if (p->k == bz_item::kind::block) ++jobs;
  }

  void pop() {
    if (items.front()->k == bz_item::kind::block) --jobs;
    items.pop_front();
  }

  bool deliver(std::vector<bytes>& out) {
    for (bytes& b : out) {
      if (!s.push(std::move(b))) {
        aborted = true;
        return false;
      }
    }
    return true;
  }

  // Decodes a feed on this thread, handing the output to the reader as it comes.
  bz_result decode_here(const bz_item& it, std::size_t& delivered) {
    return bz_decode(
        it.feed, it.discard, [&] { return s.get_spare(); },
        [&](bytes&& b, std::size_t n) {
          b.resize(n);
          delivered += n;
          if (!s.push(std::move(b))) aborted = true;
          return !aborted;
        });
  }

  void add(bz_item::kind k, std::uint64_t start) {
    auto it = std::make_shared<bz_item>();
    it->k = k;
    it->start = start;
    it->level = level;
    items.push_back(std::move(it));
  }

  void after_end_magic(std::uint64_t e) {
    add(bz_item::kind::stream_end, e);
    if (!ensure_bits(e + 80)) {
      items.back()->trailer_cut = true;
      st = sstate::stopped;
      return;
    }
    items.back()->crc = static_cast<std::uint32_t>(bits(e + 48, 32));
    st = sstate::stream_start;
    pos = (e + 80 + 7) / 8;
  }

  // One step of the splitter.
  void produce() {
    if (st == sstate::stream_start) {
      const std::uint64_t q = pos;
      ensure_bits((q + 10) * 8);
      if (avail_bits() < (q + 10) * 8) {
        add(bz_item::kind::rest, q);
        st = sstate::stopped;
        return;
      }
      const auto c = [&](std::uint64_t k) { return std::to_integer<unsigned>(byte_at(q + k)); };
      const std::uint64_t v = bits(q * 8 + 32, 48);
      if (c(0) != 'B' || c(1) != 'Z' || c(2) != 'h' || c(3) < '1' || c(3) > '9' || (v != kBzBlockMagic && v != kBzEosMagic)) {
        add(bz_item::kind::rest, q);
        st = sstate::stopped;
        return;
      }
      level = static_cast<char>(c(3));
      if (v == kBzEosMagic) return after_end_magic(q * 8 + 32);
      st = sstate::in_block;
      pos = q * 8 + 32;
      return;
    }
    const std::uint64_t b = pos;
    std::uint64_t x = 0;
    bool eos = false;
    if (!ensure_bits(b + 80) || find_magic(b + 1, b + bz_bound_bits(level), x, eos) != scan::found) {
      add(bz_item::kind::fallback, b);
      st = sstate::stopped;
      return;
    }
    add(bz_item::kind::block, b);
    bz_item& it = *items.back();
    it.end = x;
    it.crc = static_cast<std::uint32_t>(bits(b + 48, 32));
    ++jobs;
    if (x - b < 80) {
      it.done = true;  // too short to be a block: fails, is merged
    } else {
      build_feed(it);
      submit(items.back());
    }
    if (eos) {
      after_end_magic(x);
    } else {
      pos = x;
    }
  }

  // The rest of the input, from block `start` on, by the sequential decoder.
  bool fallback(std::uint64_t start, char lvl) {
    cancel_from(0);
    st = sstate::stopped;
    bytes in;
    std::size_t discard = 0;
    std::uint32_t comb = 0;
    const std::uint64_t mid = put_prefix(in, lvl, start, discard, comb);
    in.insert(in.end(), win.begin() + static_cast<std::ptrdiff_t>(mid - win_base), win.end());
    bytes().swap(win);
    const std::size_t have = in.size();
    if (in.size() < kInChunk) in.resize(kInChunk);
    s.run_decompress<bzip2_codec>(in, have, discard);
    return true;
  }

  // After a stream: another stream by the sequential decoder if "BZh" follows, else the end (as
  // the sequential path: anything else after a stream is ignored).
  bool rest(std::uint64_t q) {
    cancel_from(0);
    st = sstate::stopped;
    bytes in(win.begin() + static_cast<std::ptrdiff_t>(q - win_base), win.end());
    bytes().swap(win);
    while (in.size() < 4 && !eof) {
      const std::size_t old = in.size();
      in.resize(old + kInChunk);
      const long n = s.read_raw(in.data() + old, kInChunk);
      in.resize(old + static_cast<std::size_t>(std::max(n, 0L)));
      if (n <= 0) eof = true;
    }
    if (in.size() >= 4 && std::memcmp(in.data(), "BZh", 3) == 0) {
      const std::size_t have = in.size();
      if (in.size() < kInChunk) in.resize(kInChunk);
      s.run_decompress<bzip2_codec>(in, have);
    }
    return true;
  }

  // The head block failed: merge it with the following candidates until it decodes.
  bool merge(const item_ptr& h) {
    cancel_from(1);
    st = sstate::stopped;
    const std::uint64_t bound = h->start + bz_bound_bits(h->level);
    std::uint64_t cur = h->end;
    for (;;) {
      std::uint64_t y = 0;
      bool eos = false;
      if (find_magic(cur + 1, bound, y, eos) != scan::found) return fallback(h->start, h->level);
      bz_item mt;
      mt.start = h->start;
      mt.end = y;
      mt.level = h->level;
      mt.crc = h->crc;
      build_feed(mt);
      bz_item r;
      decode_job(mt, r);
      if (r.res == bz_result::ok) {
        combined = rotl1(combined) ^ h->crc;
        level = h->level;
        pop();
        if (!deliver_block(mt, r.out, r.overflow)) return true;
        if (eos) {
          after_end_magic(y);
        } else {
          st = sstate::in_block;
          pos = y;
        }
        return false;
      }
      cur = y;
    }
  }

  // Delivers the front item; true when everything is done.
  bool handle() {
    const item_ptr h = items.front();
    switch (h->k) {
      case bz_item::kind::block: {
        wait_done(*h);
        if (h->res == bz_result::ok) {
          combined = rotl1(combined) ^ h->crc;
          pop();
          return !deliver_block(*h, h->out, h->overflow);
        }
        return merge(h);
      }
      case bz_item::kind::stream_end:
        pop();
        if (h->trailer_cut) {
          s.fail("bzip2: stream truncated");
          return true;
        }
        if (h->crc != combined) {
          s.fail(fmt::format("bzip2: error {}", BZ_DATA_ERROR));
          return true;
        }
        combined = 0;
        return false;
      case bz_item::kind::fallback: return fallback(h->start, h->level);
      case bz_item::kind::rest: return rest(h->start);
    }
    return true;
  }

  // Forgets input no item needs any more.
  void trim() {
    std::uint64_t keep = win_base + win.size();
    if (!items.empty()) {
      const bz_item& f = *items.front();
      keep = f.k == bz_item::kind::rest ? f.start : f.start / 8;
    } else if (st == sstate::stream_start) {
      keep = pos;
    } else if (st == sstate::in_block) {
      keep = pos / 8;
    }
    keep = std::min(keep, win_base + win.size());
    if (keep - win_base >= kInChunk * 4) {
      win.erase(win.begin(), win.begin() + static_cast<std::ptrdiff_t>(keep - win_base));
      win_base = keep;
    }
  }

  void run(bytes& first, std::size_t have) {
    win = std::move(first);
    win.resize(have);
    for (unsigned i = 0; i < nworkers; ++i) threads.emplace_back([this] { worker(); });
    const std::size_t max_jobs = std::size_t{2} * nworkers;
    for (;;) {
      while (st != sstate::stopped && jobs < max_jobs && items.size() < max_jobs + 16) produce();
      if (items.empty() || handle() || aborted) break;
      trim();
    }
    {
      std::lock_guard<std::mutex> lk(m);
      quit = true;
    }
    cv_work.notify_all();
    for (auto& t : threads) t.join();
    if (!read_error.empty() && !s.truncated) s.fail(read_error);
  }
};
}  // namespace

void byte_source::impl::run_bzip2(bytes& in, std::size_t have) {
  const unsigned n = bzip2_workers(opt.bzip2_threads);
  if (n == 0 || !synth_blocks().ok) return run_decompress<bzip2_codec>(in, have);
  bz_run(*this, n, opt.bzip2_extra_splits).run(in, have);
}

byte_source::byte_source(std::unique_ptr<impl> p) : p_(std::move(p)) {}
byte_source::~byte_source() = default;

result<std::unique_ptr<byte_source>> byte_source::open(const std::string& path) { return open(path, source_options{}); }

result<std::unique_ptr<byte_source>> byte_source::open(const std::string& path, const source_options& opt) {
  auto p = std::make_unique<impl>();
  p->opt = opt;
  if (path == "-") {
    p->fd = 0;
  } else {
    p->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (p->fd < 0) return make_error("input", "file", 0, fmt::format("{}: {}", path, std::strerror(errno)));
    p->own_fd = true;
    // A plain regular file is mapped window by window instead of read by the thread.
    struct stat st {};
    if (::fstat(p->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 4) {
      std::byte magic[4];
      if (::pread(p->fd, magic, 4, 0) == 4 && detect_compression(bytes_view(magic, 4)) == compression::none) {
        p->mapped = true;
        p->map_size = static_cast<std::uint64_t>(st.st_size);
        return std::unique_ptr<byte_source>(new byte_source(std::move(p)));
      }
    }
  }
  impl* raw = p.get();
  p->th = std::thread([raw] { raw->run(); });
  return std::unique_ptr<byte_source>(new byte_source(std::move(p)));
}

std::unique_ptr<byte_source> byte_source::from_memory(bytes data) { return from_memory(std::move(data), source_options{}); }

std::unique_ptr<byte_source> byte_source::from_memory(bytes data, const source_options& opt) {
  auto p = std::make_unique<impl>();
  p->opt = opt;
  p->from_memory = true;
  p->memory = std::move(data);
  impl* raw = p.get();
  p->th = std::thread([raw] { raw->run(); });
  return std::unique_ptr<byte_source>(new byte_source(std::move(p)));
}

bytes_view byte_source::next_block() {
  impl& s = *p_;
  if (s.mapped) {
    constexpr std::size_t kWindow = std::size_t{8} << 20;  // a multiple of the page size
    s.unmap_window();
    if (s.map_off >= s.map_size) return {};
    const std::size_t len = static_cast<std::size_t>(std::min<std::uint64_t>(kWindow, s.map_size - s.map_off));
    void* w = ::mmap(nullptr, len, PROT_READ, MAP_PRIVATE, s.fd, static_cast<off_t>(s.map_off));
    if (w == MAP_FAILED) {  // the file shrank or cannot be mapped: the data ends here
      std::lock_guard<std::mutex> lk(s.mu);
      s.error = fmt::format("mmap: {}", std::strerror(errno));
      s.truncated = true;
      s.done = true;
      s.map_off = s.map_size;
      return {};
    }
    ::madvise(w, len, MADV_SEQUENTIAL);
    ::madvise(w, len, MADV_WILLNEED);
    s.window = w;
    s.window_len = len;
    s.map_off += len;
    s.in_bytes += len;
    s.out_bytes += len;
    return bytes_view(static_cast<const std::byte*>(w), len);
  }
  std::unique_lock<std::mutex> lk(s.mu);
  if (!s.current.empty() || s.current.capacity()) {
    if (s.spare.size() < kQueueBlocks + 1) {
      s.spare.push_back(std::move(s.current));
    }
    s.current = bytes();
  }
  s.cv_not_empty.wait(lk, [&] { return s.done || !s.full.empty(); });
  if (s.full.empty()) return {};
  s.current = std::move(s.full.front());
  s.full.pop_front();
  lk.unlock();
  s.cv_not_full.notify_one();
  return s.current;
}

std::size_t byte_source::read(std::byte* dst, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    if (cur_pos_ >= cur_.size()) {
      cur_ = next_block();
      cur_pos_ = 0;
      if (cur_.empty()) break;
    }
    std::size_t k = std::min(n - got, cur_.size() - cur_pos_);
    std::memcpy(dst + got, cur_.data() + cur_pos_, k);
    got += k;
    cur_pos_ += k;
  }
  return got;
}

compression byte_source::kind() const { return p_->kind.load(); }
bool byte_source::truncated() const { return p_->truncated.load(); }
std::string byte_source::error() const {
  std::lock_guard<std::mutex> lk(p_->mu);
  return p_->done ? p_->error : std::string();
}
std::uint64_t byte_source::input_bytes() const { return p_->in_bytes.load(); }
std::uint64_t byte_source::output_bytes() const { return p_->out_bytes.load(); }

// ---- record reader ------------------------------------------------------------------------

record_reader::record_reader(std::unique_ptr<byte_source> src, std::size_t max_record)
    : src_(std::move(src)), max_record_(max_record) {}

bool record_reader::fill(std::size_t n) {
  if (end_ - pos_ >= n) return true;
  if (pos_ > 0) {  // compact
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  while (end_ < n) {
    if (buf_.size() == end_) {
      // The length is not trusted: the buffer grows at most to twice the data present (or
      // 1 MiB), never straight to n.
      std::size_t grow = std::min(n, std::max(end_ * 2, std::size_t{1} << 20));
      buf_.resize(std::max(grow, end_ + 1));
    }
    // Only what the record needs: the rest stays in the source's block, where the next records
    // are read without a copy.
    std::size_t got = src_->read(buf_.data() + end_, std::min(buf_.size(), n) - end_);
    if (got == 0) return false;
    end_ += got;
  }
  return true;
}

namespace {
// The 12 bytes every MRT header starts with (the ET microseconds are read by the caller).
header load_header(const std::byte* p) {
  header h;
  h.timestamp = load_be32(p);
  h.type = load_be16(p + 4);
  h.subtype = load_be16(p + 6);
  h.length = load_be32(p + 8);
  return h;
}
}  // namespace

record_reader::outcome record_reader::next(raw_record& out) {
  if (pos_ == end_) {
    // Nothing carried over: a record that lies whole in the source's current block is handed
    // out in place.
    bytes_view b = src_->buffered();
    if (b.size() >= header_size + 4) {
      const std::byte* p = b.data();
      header h = load_header(p);
      std::size_t hsize = header_size;
      std::uint64_t body_len = h.length;
      if (has_extended_timestamp(h.type)) {
        h.microsecond = load_be32(p + 12);
        hsize += 4;
        body_len = h.length >= 4 ? h.length - 4 : 0;
      }
      const std::uint64_t total = hsize + body_len;
      if (total <= b.size() && total <= max_record_) {
        out.hdr = h;
        out.whole = b.first(static_cast<std::size_t>(total));
        out.body = out.whole.subspan(hsize);
        out.offset = consumed_;
        src_->skip(static_cast<std::size_t>(total));
        consumed_ += total;
        ++records_;
        return outcome::ok;
      }
    }
  }
  if (!fill(header_size)) {
    if (end_ > pos_) {
      consumed_ += end_ - pos_;
      pos_ = end_;
      return outcome::truncated;
    }
    return outcome::end;
  }
  const std::byte* p = buf_.data() + pos_;
  header h = load_header(p);
  std::size_t hsize = header_size;
  std::uint64_t body_len = h.length;
  if (has_extended_timestamp(h.type)) {
    if (!fill(header_size + 4)) {
      consumed_ += end_ - pos_;
      pos_ = end_;
      return outcome::truncated;
    }
    p = buf_.data() + pos_;
    h.microsecond = load_be32(p + 12);
    hsize += 4;
    body_len = h.length >= 4 ? h.length - 4 : 0;
  }
  const std::uint64_t total = hsize + body_len;
  if (total > max_record_) {
    // Skip it without holding it.
    std::uint64_t left = total;
    while (left > 0) {
      std::size_t avail = end_ - pos_;
      if (avail == 0) {
        pos_ = end_ = 0;
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf_.size() ? buf_.size() : 1 << 20));
        if (buf_.size() < want) buf_.resize(want);
        avail = src_->read(buf_.data(), want);
        if (avail == 0) return outcome::truncated;
        end_ = avail;
      }
      std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(left, avail));
      pos_ += k;
      left -= k;
      consumed_ += k;
    }
    return outcome::oversized;
  }
  if (!fill(static_cast<std::size_t>(total))) {
    consumed_ += end_ - pos_;
    pos_ = end_;
    return outcome::truncated;
  }
  p = buf_.data() + pos_;
  out.hdr = h;
  out.whole = bytes_view(p, static_cast<std::size_t>(total));
  out.body = bytes_view(p + hsize, static_cast<std::size_t>(body_len));
  out.offset = consumed_;
  pos_ += static_cast<std::size_t>(total);
  consumed_ += total;
  ++records_;
  return outcome::ok;
}

}  // namespace wirekit::mrt
