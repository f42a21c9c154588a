#include "wirekit/pcap/pcap.hpp"

#include <fmt/format.h>
#include <pcap/pcap.h>

#include <cstring>

namespace wirekit::pcap {

bool is_capture(bytes_view h) {
  if (h.size() < 4) return false;
  std::uint32_t m = load_be32(h.data());
  return m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d || m == 0x4d3cb2a1 || m == 0x0a0d0d0a;
}

struct reader::impl {
  pcap_t* p = nullptr;
  bytes mem;           // backing store for open_memory
  FILE* f = nullptr;   // fmemopen stream, owned by libpcap after pcap_fopen_offline
  ~impl() {
    if (p) pcap_close(p);
  }
};

reader::reader() : p_(std::make_unique<impl>()) {}
reader::reader(reader&&) noexcept = default;
reader& reader::operator=(reader&&) noexcept = default;
reader::~reader() = default;

result<reader> reader::open(const std::string& path) {
  reader r;
  char eb[PCAP_ERRBUF_SIZE] = {0};
  r.p_->p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, eb);
  if (!r.p_->p) return make_error("pcap", "file", 0, fmt::format("{}: {}", path, eb));
  return r;
}

result<reader> reader::open_memory(bytes data) {
  reader r;
  r.p_->mem = std::move(data);
  if (r.p_->mem.empty()) return make_error("pcap", "file", 0, "empty input");
  r.p_->f = fmemopen(r.p_->mem.data(), r.p_->mem.size(), "rb");
  if (!r.p_->f) return make_error("pcap", "file", 0, "fmemopen failed");
  char eb[PCAP_ERRBUF_SIZE] = {0};
  r.p_->p = pcap_fopen_offline_with_tstamp_precision(r.p_->f, PCAP_TSTAMP_PRECISION_MICRO, eb);
  if (!r.p_->p) {
    std::fclose(r.p_->f);
    return make_error("pcap", "file", 0, eb);
  }
  return r;
}

int reader::linktype() const { return pcap_datalink(p_->p); }

result<bool> reader::next(frame& f) {
  pcap_pkthdr* h = nullptr;
  const u_char* d = nullptr;
  int rc = pcap_next_ex(p_->p, &h, &d);
  if (rc == PCAP_ERROR_BREAK) return false;
  if (rc != 1)
    return make_error("pcap", fmt::format("frame {}", count_ + 1), 0, pcap_geterr(p_->p));
  ++count_;
  f.ts_sec = h->ts.tv_sec;
  f.ts_usec = static_cast<std::uint32_t>(h->ts.tv_usec);
  f.orig_len = h->len;
  auto b = reinterpret_cast<const std::byte*>(d);
  f.data.assign(b, b + h->caplen);
  return true;
}

struct writer::impl {
  pcap_t* p = nullptr;
  pcap_dumper_t* d = nullptr;
  ~impl() {
    if (d) pcap_dump_close(d);
    if (p) pcap_close(p);
  }
};

writer::writer() : p_(std::make_unique<impl>()) {}
writer::writer(writer&&) noexcept = default;
writer& writer::operator=(writer&&) noexcept = default;
writer::~writer() = default;

result<writer> writer::create(const std::string& path, int linktype, std::uint32_t snaplen) {
  writer w;
  w.p_->p = pcap_open_dead(linktype, static_cast<int>(snaplen));
  if (!w.p_->p) return make_error("pcap", "file", 0, "pcap_open_dead failed");
  w.p_->d = pcap_dump_open(w.p_->p, path.c_str());
  if (!w.p_->d) return make_error("pcap", "file", 0, fmt::format("{}: {}", path, pcap_geterr(w.p_->p)));
  return w;
}

status writer::write(bytes_view data, std::int64_t ts_sec, std::uint32_t ts_usec) {
  if (!p_->d) return make_error("pcap", "file", 0, "writer is closed");
  pcap_pkthdr h{};
  h.ts.tv_sec = ts_sec;
  h.ts.tv_usec = ts_usec;
  h.caplen = h.len = static_cast<bpf_u_int32>(data.size());
  pcap_dump(reinterpret_cast<u_char*>(p_->d), &h, reinterpret_cast<const u_char*>(data.data()));
  return {};
}

status writer::close() {
  if (p_->d) {
    if (pcap_dump_flush(p_->d) != 0) return make_error("pcap", "file", 0, "flush failed");
    pcap_dump_close(p_->d);
    p_->d = nullptr;
  }
  return {};
}

}  // namespace wirekit::pcap
