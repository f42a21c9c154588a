// A deterministic in-memory mix of Ethernet frames for the benchmarks, written as raw bytes (no
// wirekit encoder involved): Ethernet, 802.1Q, QinQ, MPLS, IPv4, IPv6, TCP with and without
// options, UDP, ICMP, ICMPv6; 64 to 1500 bytes.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wirekit::bench {

struct mix_frame {
  std::vector<std::uint8_t> data;
  std::string kind;             // "eth/ipv4/tcp+opts", ...
  bool options = false;         // carries variable-length options (TCP options)
};

namespace mix_detail {

class builder {
 public:
  std::vector<std::uint8_t> b;
  std::size_t size() const { return b.size(); }
  void u8(unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
  void u16(unsigned v) {
    u8(v >> 8);
    u8(v);
  }
  void u32(std::uint32_t v) {
    u16(v >> 16);
    u16(v & 0xffff);
  }
  void put(const std::uint8_t* p, std::size_t n) { b.insert(b.end(), p, p + n); }
  void patch16(std::size_t at, unsigned v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
  }
  void fill(std::size_t n, std::uint32_t& seed) {
    for (std::size_t i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      u8(seed >> 16);
    }
  }
};

inline std::uint16_t ones_sum(const std::uint8_t* p, std::size_t n) {
  std::uint32_t s = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) s += (p[i] << 8) | p[i + 1];
  if (n & 1) s += p[n - 1] << 8;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return static_cast<std::uint16_t>(~s);
}

inline void eth(builder& f, unsigned type) {
  static const std::uint8_t dst[6] = {0x02, 0, 0, 0, 0, 0x02}, src[6] = {0x02, 0, 0, 0, 0, 0x01};
  f.put(dst, 6);
  f.put(src, 6);
  f.u16(type);
}
inline void tag(builder& f, unsigned vid, unsigned type) {
  f.u16((3u << 13) | vid);
  f.u16(type);
}
inline void mpls(builder& f, unsigned label, bool bottom) {
  f.u32((std::uint32_t(label) << 12) | (bottom ? 0x100u : 0u) | 64u);
}
// Returns the header start; ipv4_end fixes total_length and the header checksum.
inline std::size_t ipv4_begin(builder& f, unsigned proto, std::uint32_t id) {
  std::size_t at = f.size();
  f.u8(0x45);
  f.u8(0);
  f.u16(0);
  f.u16(id & 0xffff);
  f.u16(0x4000);
  f.u8(64);
  f.u8(proto);
  f.u16(0);
  f.u32(0xc0000201);
  f.u32(0xc6336407);
  return at;
}
inline void ipv4_end(builder& f, std::size_t at) {
  f.patch16(at + 2, static_cast<unsigned>(f.size() - at));
  f.patch16(at + 10, ones_sum(f.b.data() + at, 20));
}
inline std::size_t ipv6_begin(builder& f, unsigned nxt) {
  std::size_t at = f.size();
  f.u32(0x60012345);
  f.u16(0);
  f.u8(nxt);
  f.u8(64);
  static const std::uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static const std::uint8_t c[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2};
  f.put(a, 16);
  f.put(c, 16);
  return at;
}
inline void ipv6_end(builder& f, std::size_t at) { f.patch16(at + 4, static_cast<unsigned>(f.size() - at - 40)); }

enum class topts { none, timestamps, syn };
inline void tcp(builder& f, topts o, std::uint32_t seq) {
  unsigned optlen = o == topts::none ? 0 : o == topts::timestamps ? 12 : 20;
  f.u16(o == topts::syn ? 51000 : 443);
  f.u16(o == topts::syn ? 443 : 51000);
  f.u32(seq);
  f.u32(seq ^ 0x5a5a5a5a);
  f.u16(((5 + optlen / 4) << 12) | (o == topts::syn ? 0x02 : 0x18));
  f.u16(501);
  f.u16(0x1c2d);  // checksum: not verified by either decoder; non-zero
  f.u16(0);
  if (o == topts::timestamps) {
    f.u8(1), f.u8(1), f.u8(8), f.u8(10), f.u32(seq), f.u32(seq + 7);
  } else if (o == topts::syn) {
    f.u8(2), f.u8(4), f.u16(1460);                    // MSS
    f.u8(4), f.u8(2);                                 // SACK permitted
    f.u8(8), f.u8(10), f.u32(seq), f.u32(0);          // timestamps
    f.u8(1), f.u8(3), f.u8(3), f.u8(7);               // NOP, window scale
  }
}
inline void udp_hdr(builder& f, std::size_t& at) {
  at = f.size();
  f.u16(40000);
  f.u16(5001);
  f.u16(0);
  f.u16(0x3e4f);
}
inline void udp_end(builder& f, std::size_t at) { f.patch16(at + 4, static_cast<unsigned>(f.size() - at)); }

}  // namespace mix_detail

// n frames; the same n always gives the same bytes.
inline std::vector<mix_frame> make_mix(std::size_t n = 1024) {
  using namespace mix_detail;
  // Frame sizes (bytes, without FCS) and kinds are picked by a fixed pseudo-random sequence.
  static const std::array<std::size_t, 10> sizes = {64, 64, 78, 128, 256, 576, 594, 1024, 1500, 1500};
  struct kind_w {
    const char* name;
    unsigned weight;
  };
  static const std::array<kind_w, 11> kinds = {{{"eth/ipv4/tcp+ts", 25},
                                                {"eth/ipv4/tcp+syn", 5},
                                                {"eth/ipv4/tcp", 10},
                                                {"eth/ipv4/udp", 15},
                                                {"eth/vlan/ipv4/tcp", 10},
                                                {"eth/qinq/ipv4/udp", 5},
                                                {"eth/mpls2/ipv4/udp", 5},
                                                {"eth/ipv6/tcp+ts", 10},
                                                {"eth/ipv6/udp", 7},
                                                {"eth/ipv4/icmp", 5},
                                                {"eth/vlan/ipv6/icmpv6", 3}}};
  unsigned total = 0;
  for (const auto& k : kinds) total += k.weight;
  std::vector<mix_frame> out;
  out.reserve(n);
  std::uint32_t seed = 12345;
  auto rnd = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (std::size_t i = 0; i < n; ++i) {
    unsigned pick = rnd() % total, k = 0;
    while (pick >= kinds[k].weight) pick -= kinds[k++].weight;
    std::size_t target = sizes[rnd() % sizes.size()];
    std::string name = kinds[k].name;
    builder f;
    std::size_t l3 = 0, l4 = 0;
    bool v6 = name.find("ipv6") != std::string::npos;
    if (name.rfind("eth/vlan/", 0) == 0) {
      eth(f, 0x8100);
      tag(f, 100 + (i % 50), v6 ? 0x86dd : 0x0800);
    } else if (name.rfind("eth/qinq/", 0) == 0) {
      eth(f, 0x88a8);
      tag(f, 200, 0x8100);
      tag(f, 300 + (i % 50), 0x0800);
    } else if (name.rfind("eth/mpls2/", 0) == 0) {
      eth(f, 0x8847);
      mpls(f, 16 + (i % 100), false);
      mpls(f, 1000, true);
    } else {
      eth(f, v6 ? 0x86dd : 0x0800);
    }
    bool is_tcp = name.find("/tcp") != std::string::npos, is_udp = name.find("/udp") != std::string::npos;
    unsigned proto = is_tcp ? 6 : is_udp ? 17 : v6 ? 58 : 1;
    l3 = v6 ? ipv6_begin(f, proto) : ipv4_begin(f, proto, static_cast<std::uint32_t>(i));
    bool opts = false;
    if (is_tcp) {
      topts o = name.find("+ts") != std::string::npos ? topts::timestamps
                : name.find("+syn") != std::string::npos ? topts::syn
                                                          : topts::none;
      opts = o != topts::none;
      tcp(f, o, static_cast<std::uint32_t>(rnd()));
    } else if (is_udp) {
      udp_hdr(f, l4);
    } else {
      f.u8(v6 ? 128 : 8);  // echo request
      f.u8(0);
      f.u16(0x4d5e);
      f.u16(0x1234);
      f.u16(static_cast<unsigned>(i & 0xffff));
    }
    if (f.size() < target) f.fill(target - f.size(), seed);
    if (is_udp) udp_end(f, l4);
    if (v6)
      ipv6_end(f, l3);
    else
      ipv4_end(f, l3);
    out.push_back({std::move(f.b), name, opts});
  }
  return out;
}

}  // namespace wirekit::bench
