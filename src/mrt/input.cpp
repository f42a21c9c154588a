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
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

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
      case compression::bzip2: run_decompress<bzip2_codec>(in, have); break;
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
  template <class Codec>
  void run_decompress(bytes& in, std::size_t have) {
    Codec c;
    if (!c.init()) return fail(c.name() + std::string(": init failed"));
    c.input(in.data(), have);
    bool input_done = false;
    bytes out = get_spare();
    out.resize(kOutBlock);
    std::size_t out_used = 0;
    auto refill = [&]() -> long {
      long n = read_raw(in.data(), in.size());
      if (n > 0) c.input(in.data(), static_cast<std::size_t>(n));
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
      if (out_used == out.size()) {
        if (!push(std::move(out))) break;
        out = get_spare();
        out.resize(kOutBlock);
        out_used = 0;
      }
      if (st == step::end) {
        if (c.avail_in() == 0 && !input_done && refill() <= 0) break;
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
};

byte_source::byte_source(std::unique_ptr<impl> p) : p_(std::move(p)) {}
byte_source::~byte_source() = default;

result<std::unique_ptr<byte_source>> byte_source::open(const std::string& path) {
  auto p = std::make_unique<impl>();
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

std::unique_ptr<byte_source> byte_source::from_memory(bytes data) {
  auto p = std::make_unique<impl>();
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
