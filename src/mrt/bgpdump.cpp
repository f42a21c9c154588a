// `bgpdump -m` output (bgpdump 1.6.2), reproduced from the record bytes. The rules (learnt by
// reading bgpdump's source and running it; no code taken from it) are listed in docs/mrt.md:
// lenient reads (past the end of a record or attribute: zeros), what is printed for which
// record type, AS4_PATH merging, the community text, bgpdump's own IPv6 text, its quirks.
#include "wirekit/mrt/bgpdump.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <vector>

namespace wirekit::mrt {

namespace {

constexpr int kMaxPrefixes = 2050;
constexpr std::uint32_t kAsTrans = 23456;
constexpr int afi_ip = 1, afi_ip6 = 2;

// bgpdump's byte stream: a read past the end yields zeros and leaves the position at the end.
struct mstream {
  const std::uint8_t* start = nullptr;
  std::uint32_t pos = 0;
  std::uint32_t len = 0;

  std::uint32_t can_read() const { return len - pos; }
  std::uint32_t get(void* d, std::uint32_t n) {
    std::uint32_t room = len - pos;
    if (room >= n) {
      if (d) std::memcpy(d, start + pos, n);
      pos += n;
      return n;
    }
    if (d) {
      if (room) std::memcpy(d, start + pos, room);
      std::memset(static_cast<std::uint8_t*>(d) + room, 0, n - room);
    }
    pos = len;
    return room;
  }
  std::uint8_t getc() {
    if (pos < len) return start[pos++];
    return 0;
  }
  std::uint16_t getw() {
    std::uint8_t b[2];
    if (len - pos >= 2) {
      b[0] = start[pos];
      b[1] = start[pos + 1];
      pos += 2;
    } else {
      get(b, 2);
    }
    return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
  }
  std::uint32_t getl() {
    std::uint8_t b[4];
    if (len - pos >= 4) {
      std::memcpy(b, start + pos, 4);
      pos += 4;
    } else {
      get(b, 4);
    }
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
  }
  mstream copy(std::uint32_t n) {
    mstream c;
    c.start = start + pos;
    c.len = get(nullptr, n);
    return c;
  }
};

struct addr16 {
  std::array<std::uint8_t, 16> b{};
};

struct prefix {
  addr16 address;
  std::uint8_t len = 0;
  std::uint32_t path_id = 0;
};

struct mp_nlri {
  bool present = false;
  std::uint8_t nexthop_len = 0;
  addr16 nexthop;
  std::vector<prefix> nlri;
  void reset() {
    present = false;
    nexthop_len = 0;
    nexthop = {};
    nlri.clear();
  }
};

// An AS path attribute: a view of its bytes in the record (or of `merged`, the AS4_PATH merge);
// bgpdump's text is made only when asked for (text()).
struct aspath {
  bool present = false;
  std::uint8_t asn_len = 2;
  const std::uint8_t* data = nullptr;
  std::uint32_t size = 0;
  std::vector<std::uint8_t> merged;
  mutable bool text_ready = false;
  mutable std::string str;
  mutable std::uint32_t count = 0;  // valid with text_ready
  void set(const std::uint8_t* d, std::uint32_t n, std::uint8_t len) {
    present = true;
    asn_len = len;
    data = d;
    size = n;
    text_ready = false;
  }
};

namespace attr_code {
constexpr int origin = 1, as_path = 2, next_hop = 3, med = 4, local_pref = 5, atomic_aggregate = 6, aggregator = 7,
              communities = 8, mp_reach = 14, mp_unreach = 15, new_as_path = 17, new_aggregator = 18;
}

inline std::uint32_t flag_bit(int type) { return std::uint32_t{1} << ((type - 1) & 31); }

struct attributes {
  std::uint32_t flag = 0;
  int origin = -1;
  std::array<std::uint8_t, 4> nexthop{0xff, 0xff, 0xff, 0xff};
  std::uint32_t med = 0xffffffffu, local_pref = 0xffffffffu;
  std::uint32_t aggregator_as = 0xffffffffu;
  std::array<std::uint8_t, 4> aggregator_addr{0xff, 0xff, 0xff, 0xff};
  std::uint32_t new_aggregator_as = 0xffffffffu;
  std::array<std::uint8_t, 4> new_aggregator_addr{0xff, 0xff, 0xff, 0xff};
  aspath path, new_path;
  bool has_community = false;
  mutable bool community_ready = false;
  mutable std::string community;                 // made only when asked for
  const std::uint8_t* community_data = nullptr;  // the attribute value (valid while its record is)
  std::uint32_t community_count = 0;
  mp_nlri announce[3][4];
  mp_nlri withdraw[3][4];
  std::uint32_t mp_used = 0;  // bit afi*4+safi: announce[afi][safi] set; bit 12+afi*4+safi: withdraw

  void reset() {
    flag = 0;
    origin = -1;
    nexthop = {0xff, 0xff, 0xff, 0xff};
    med = local_pref = aggregator_as = new_aggregator_as = 0xffffffffu;
    aggregator_addr = new_aggregator_addr = {0xff, 0xff, 0xff, 0xff};
    path.present = new_path.present = false;
    path.text_ready = new_path.text_ready = false;
    has_community = false;
    community_ready = false;
    community_data = nullptr;
    community_count = 0;
    for (std::uint32_t m = mp_used; m; m &= m - 1) {
      const int bit = __builtin_ctz(m);
      (bit < 12 ? announce[bit / 4][bit % 4] : withdraw[(bit - 12) / 4][(bit - 12) % 4]).reset();
    }
    mp_used = 0;
  }
  bool has(int type) const { return (flag & flag_bit(type)) != 0; }
};

// ---- text -------------------------------------------------------------------------------
// Lines are written through a raw pointer into a buffer whose room was checked beforehand
// (line_room below): no per-field string appends.

struct digit_pairs {
  char d[200];
  constexpr digit_pairs() : d() {
    for (int i = 0; i < 100; ++i) {
      d[2 * i] = static_cast<char>('0' + i / 10);
      d[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
constexpr digit_pairs kPairs;

// Decimal text of 0..255 ("0", "10", "255"): 3 characters and the length.
struct octet_text {
  char t[256][4];
  constexpr octet_text() : t() {
    for (int i = 0; i < 256; ++i) {
      int n = 0;
      if (i >= 100) t[i][n++] = static_cast<char>('0' + i / 100);
      if (i >= 10) t[i][n++] = static_cast<char>('0' + i / 10 % 10);
      t[i][n++] = static_cast<char>('0' + i % 10);
      t[i][3] = static_cast<char>(n);
    }
  }
};
constexpr octet_text kOctets;

inline unsigned digits10(std::uint64_t v) {
  unsigned n = 1;
  for (;;) {
    if (v < 10) return n;
    if (v < 100) return n + 1;
    if (v < 1000) return n + 2;
    if (v < 10000) return n + 3;
    v /= 10000;
    n += 4;
  }
}

// Writes v at p, returns the end. At most 20 characters.
inline char* put_uint(char* p, std::uint64_t v) {
  const unsigned n = digits10(v);
  char* end = p + n;
  char* q = end;
  while (v >= 100) {
    const unsigned i = static_cast<unsigned>(v % 100) * 2;
    v /= 100;
    q -= 2;
    q[0] = kPairs.d[i];
    q[1] = kPairs.d[i + 1];
  }
  if (v >= 10) {
    q -= 2;
    q[0] = kPairs.d[v * 2];
    q[1] = kPairs.d[v * 2 + 1];
  } else {
    *--q = static_cast<char>('0' + v);
  }
  return end;
}
inline char* put_int(char* p, std::int64_t v) {
  if (v < 0) {
    *p++ = '-';
    return put_uint(p, static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(v));
  }
  return put_uint(p, static_cast<std::uint64_t>(v));
}
inline char* put_str(char* p, const char* s, std::size_t n) {
  std::memcpy(p, s, n);
  return p + n;
}
template <std::size_t N>
inline char* put_lit(char* p, const char (&s)[N]) {
  std::memcpy(p, s, N - 1);
  return p + N - 1;
}

// At most 15 characters.
inline char* put_ipv4(char* p, const std::uint8_t* a) {
  for (int i = 0; i < 4; ++i) {
    const char* t = kOctets.t[a[i]];
    std::memcpy(p, t, 3);  // the slack is overwritten by what follows (or left past the end)
    p += t[3];
    *p++ = '.';
  }
  return p - 1;
}

// bgpdump's IPv6 text. At most 46 characters.
char* put_ipv6(char* p, const std::uint8_t* a) {
  bool zero96 = true;
  for (int i = 0; i < 12 && zero96; ++i) zero96 = a[i] == 0;
  const bool mapped = [&] {
    for (int i = 0; i < 10; ++i)
      if (a[i]) return false;
    return a[10] == 0xff && a[11] == 0xff;
  }();
  bool compat = false;
  if (zero96) {
    std::uint32_t last = (std::uint32_t(a[12]) << 24) | (std::uint32_t(a[13]) << 16) | (std::uint32_t(a[14]) << 8) | a[15];
    compat = last > 1;  // :: and ::1 are not "compatible" addresses
  }
  if (mapped || compat) {
    p = mapped ? put_lit(p, "::ffff:") : put_lit(p, "::");
    return put_ipv4(p, a + 12);
  }
  static const char hex[] = "0123456789abcdef";
  std::uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<std::uint16_t>((a[2 * i] << 8) | a[2 * i + 1]);
  // Zero runs: the longest (the first of equal ones) is written "::", even a single group.
  int zr[8];
  int run = 0;
  for (int i = 7; i >= 0; --i) {
    run = g[i] == 0 ? run + 1 : 0;
    zr[i] = run;
  }
  int best = -1, best_len = 0;
  for (int i = 0; i < 8; ++i)
    if (zr[i] > best_len) {
      best = i;
      best_len = zr[i];
    }
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      if (i == 0) *p++ = ':';
      *p++ = ':';
      i += best_len - 1;
      continue;
    }
    std::uint16_t v = g[i];
    bool started = false;
    for (int s = 12; s >= 0; s -= 4) {
      unsigned d = (v >> s) & 0xf;
      if (d || started || s == 0) {
        *p++ = hex[d];
        started = true;
      }
    }
    if (i != 7) *p++ = ':';
  }
  return p;
}

void put_u32(std::string& out, std::uint64_t v) {
  char buf[24];
  out.append(buf, put_uint(buf, v));
}

// ---- parsing ------------------------------------------------------------------------------

// bgpdump's AS path text, written at p (at most aspath_text_bound(size) characters); count:
// bgpdump's path length (a set counts 1), which the AS4_PATH merge uses.
constexpr std::size_t aspath_text_bound(std::size_t size) { return 7936 + 2 * size; }
char* aspath_text(char* p, const std::uint8_t* data, std::size_t size, unsigned asn_len, std::uint32_t& count) {
  constexpr std::ptrdiff_t kLimit = 8000 - 100;  // bgpdump stops (with "...") past this
  char* const begin = p;
  count = 0;
  std::size_t pos = 0;
  std::uint8_t type = 2;  // AS_SEQUENCE
  bool space = false;
  int last_type = -1;
  auto delim = [](std::uint8_t t, bool start) -> char {
    switch (t) {
      case 1: return start ? '{' : '}';
      case 4: return start ? '[' : ']';
      case 3: return start ? '(' : ')';
      default: return ' ';
    }
  };
  while (pos < size) {
    const std::uint8_t seg_type = data[pos];
    const std::uint8_t seg_len = pos + 1 < size ? data[pos + 1] : 0;
    const std::size_t seg_bytes = std::size_t(seg_len) * asn_len + 2;
    if ((seg_type != 1 && seg_type != 2 && seg_type != 3 && seg_type != 4) || seg_bytes > size - pos) {
      count = 0;
      return put_lit(begin, "! Error !");
    }
    if (type != 2) *p++ = delim(type, false);
    if (space) *p++ = ' ';
    if (seg_type != 2) *p++ = delim(seg_type, true);
    space = false;
    count += (seg_type == 2 || seg_type == 3) ? seg_len : 1u;
    const char sep = seg_type == 1 || seg_type == 4 ? ',' : ' ';
    const std::uint8_t* d = data + pos + 2;
    for (int i = 0; i < seg_len; ++i) {
      if (space)
        *p++ = sep;
      else
        space = true;
      const std::uint32_t asn = asn_len == 2 ? std::uint32_t((d[0] << 8) | d[1])
                                             : (std::uint32_t(d[0]) << 24) | (std::uint32_t(d[1]) << 16) |
                                                   (std::uint32_t(d[2]) << 8) | d[3];
      d += asn_len;
      p = put_uint(p, asn);
      if (p - begin > kLimit) return put_lit(p, "...");
    }
    type = seg_type;
    last_type = seg_type;
    pos += seg_bytes;
  }
  if (last_type >= 0 && last_type != 2) *p++ = delim(static_cast<std::uint8_t>(last_type), false);
  return p;
}

// bgpdump's COMMUNITIES text (each one with a leading space), written at p: at most
// community_text_bound characters.
constexpr std::size_t community_text_bound = 8192 + 32;
char* community_text(char* p, const std::uint8_t* v, std::uint32_t size) {
  constexpr std::ptrdiff_t kBuf = 8192;  // BUFSIZ: what does not fit is dropped
  char* const begin = p;
  for (std::uint32_t i = 0; i < size; ++i) {
    const std::uint8_t* q = v + 4 * i;
    const std::uint32_t c =
        (std::uint32_t(q[0]) << 24) | (std::uint32_t(q[1]) << 16) | (std::uint32_t(q[2]) << 8) | q[3];
    if (c >= 0xFFFFFF01u && c <= 0xFFFFFF03u) {
      static const char* const names[] = {" no-export", " no-advertise", " local-AS"};
      const char* special = names[c - 0xFFFFFF01u];
      const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(std::strlen(special));
      if ((p - begin) + n < kBuf) p = put_str(p, special, static_cast<std::size_t>(n));
      continue;
    }
    const std::ptrdiff_t room = kBuf - 1 - (p - begin);
    if (room >= 12) {  // " 65535:65535" fits whole
      *p++ = ' ';
      p = put_uint(p, c >> 16);
      *p++ = ':';
      p = put_uint(p, c & 0xffff);
    } else {
      char tmp[16];
      tmp[0] = ' ';
      char* t = put_uint(tmp + 1, c >> 16);
      *t++ = ':';
      t = put_uint(t, c & 0xffff);
      p = put_str(p, tmp, static_cast<std::size_t>(std::min<std::ptrdiff_t>(t - tmp, room)));
    }
  }
  return p;
}

}  // namespace

struct bgpdump_printer::state {
  struct peer {
    int afi = afi_ip;
    addr16 ip;
    std::uint32_t as = 0;
    std::string text;  // "ip|asn|" as bgpdump prints it in TABLE_DUMP_V2 lines
  };
  bool have_peer_table = false;
  std::vector<peer> peers;
  std::uint64_t lines = 0;

  // current record
  const std::uint8_t* rec_begin = nullptr;
  const std::uint8_t* rec_end = nullptr;
  header h;
  std::string time_str;
  attributes attr;
  std::vector<attributes> entry_attrs;  // TABLE_DUMP_V2 entries
  struct td2_entry {
    std::uint16_t peer_index = 0;
    std::uint32_t path_id = 0;
  };
  std::vector<td2_entry> rib_entries;

  // BGP4MP message
  std::uint32_t source_as = 0, destination_as = 0;
  addr16 source_ip, destination_ip;
  int address_family = 0;
  std::vector<prefix> withdraw, announce;

  // TABLE_DUMP_V2: the next hop bgpdump prints, kept from one entry to the next as bgpdump does
  // (0: none yet, 4: IPv4, 16: IPv6); formatted only when a line is written.
  std::uint8_t td2_nexthop_len = 0;
  addr16 td2_nexthop;

  // -- lenient parsing, as bgpdump --
  int read_prefix_list(mstream& s, std::vector<prefix>& out, bool addpath) {
    out.clear();
    int count = 0;
    while (s.can_read()) {
      std::uint32_t path_id = addpath ? s.getl() : 0;
      std::uint8_t p_len = s.getc();
      std::uint32_t p_bytes = (p_len + 7u) / 8u;
      if (s.can_read() < p_bytes) break;
      if (count++ > kMaxPrefixes) continue;
      prefix p;
      p.len = p_len;
      p.path_id = path_id;
      std::uint8_t buf[32] = {};
      s.get(buf, p_bytes);
      std::memcpy(p.address.b.data(), buf, 16);
      // Longer than 128 bits: bgpdump's copy runs over into the length and path id fields.
      if (p_bytes > 16) p.len = buf[16];
      if (p_bytes > 20) {
        std::uint8_t le[4];
        std::memcpy(le, &p.path_id, 4);  // host order, as the field in memory
        for (std::uint32_t i = 20; i < std::min<std::uint32_t>(p_bytes, 24); ++i) le[i - 20] = buf[i];
        std::memcpy(&p.path_id, le, 4);
      }
      out.push_back(p);
    }
    if (count > kMaxPrefixes) count = kMaxPrefixes;
    if (out.size() > static_cast<std::size_t>(count)) out.resize(static_cast<std::size_t>(count));
    return count;
  }

  void get_nexthop(mstream& s, mp_nlri& m) {
    m.present = true;
    m.nexthop = {};
    m.nexthop_len = s.getc();
    if (m.nexthop_len == 4) {
      s.get(m.nexthop.b.data(), 4);
    } else if (m.nexthop_len == 16) {
      s.get(m.nexthop.b.data(), 16);
    } else if (m.nexthop_len == 32) {
      s.get(m.nexthop.b.data(), 16);
      s.get(nullptr, 16);
    }
  }

  void mp_announce(mstream& s, attributes& a, bool addpath) {
    // The abbreviated form (RFC 6396 §4.3.4) is recognised by a first byte that is not 0.
    std::uint8_t first = 0;
    if (s.pos < s.len)
      first = s.start[s.pos];
    else if (s.start + s.pos < rec_end && s.start + s.pos >= rec_begin)
      first = s.start[s.pos];
    if (first != 0) {
      a.mp_used |= 1u << (afi_ip6 * 4 + 1);
      get_nexthop(s, a.announce[afi_ip6][1]);
      return;
    }
    std::uint16_t afi = s.getw();
    std::uint8_t safi = s.getc();
    if (afi > 2 || safi > 3) return;
    mp_nlri& m = a.announce[afi][safi];
    if (m.present) return;
    a.mp_used |= 1u << (afi * 4 + safi);
    get_nexthop(s, m);
    std::uint8_t num_snpa = s.getc();
    for (; num_snpa > 0; --num_snpa) s.get(nullptr, s.getc());
    read_prefix_list(s, m.nlri, addpath);
  }

  void mp_withdraw(mstream& s, attributes& a, bool addpath) {
    std::uint16_t afi = s.getw();
    std::uint8_t safi = s.getc();
    if (afi > 2 || safi > 3) return;
    mp_nlri& m = a.withdraw[afi][safi];
    if (m.present) return;
    a.mp_used |= 1u << (12 + afi * 4 + safi);
    m.present = true;
    read_prefix_list(s, m.nlri, addpath);
  }

  static std::uint32_t read_asn(mstream& s, int asn_len) { return asn_len == 4 ? s.getl() : s.getw(); }

  void process_one_attr(mstream& outer, attributes& a, int asn_len, bool addpath) {
    int flag = outer.getc();
    int type = outer.getc();
    std::uint32_t len = (flag & 0x10) ? outer.getw() : outer.getc();
    mstream s = outer.copy(len);
    if (s.can_read() != len) return;  // truncated attribute: ignored
    if (type <= 32) a.flag |= flag_bit(type);
    switch (type) {
      case attr_code::mp_reach: mp_announce(s, a, addpath); break;
      case attr_code::mp_unreach: mp_withdraw(s, a, addpath); break;
      case attr_code::origin: a.origin = s.getc(); break;
      case attr_code::as_path:
        a.path.set(s.start, len, static_cast<std::uint8_t>(asn_len));
        break;
      case attr_code::next_hop: s.get(a.nexthop.data(), 4); break;
      case attr_code::med: a.med = s.getl(); break;
      case attr_code::local_pref: a.local_pref = s.getl(); break;
      case attr_code::atomic_aggregate: break;
      case attr_code::aggregator:
        a.aggregator_as = read_asn(s, asn_len);
        s.get(a.aggregator_addr.data(), 4);
        break;
      case attr_code::communities:
        a.has_community = true;
        a.community_data = s.start;
        a.community_count = len / 4;
        a.community_ready = false;
        break;
      case attr_code::new_as_path:
        a.new_path.set(s.start, len, 4);
        break;
      case attr_code::new_aggregator:
        a.new_aggregator_as = s.getl();
        s.get(a.new_aggregator_addr.data(), 4);
        break;
      default: break;
    }
  }

  // AS_PATH + AS4_PATH (RFC 6793), bgpdump's way (note: it repeats the first segment).
  void asn32_trans(attributes& a, int asn_len) {
    if (asn_len == 4) return;
    if (a.has(attr_code::aggregator) && a.has(attr_code::new_aggregator)) {
      if (a.aggregator_as != kAsTrans) return;
      a.aggregator_as = a.new_aggregator_as;
      a.aggregator_addr = a.new_aggregator_addr;
    }
    if (!a.has(attr_code::new_as_path)) return;
    if (!a.path.present) return;
    path_text(a.path);  // counts both paths
    path_text(a.new_path);
    if (a.path.count < a.new_path.count) return;
    const std::uint32_t target = a.path.count - a.new_path.count;
    std::vector<std::uint8_t> merged;
    std::uint32_t count = 0;
    const std::uint8_t* src = a.path.data;
    const std::size_t src_size = a.path.size;
    std::uint8_t seg_type = src_size > 0 ? src[0] : 0;
    std::uint8_t seg_len = src_size > 1 ? src[1] : 0;
    while (count < target) {
      std::size_t at = merged.size();
      merged.push_back(seg_type);
      merged.push_back(seg_len);
      for (int i = 0; i < seg_len; ++i) {
        std::size_t o = 2 + std::size_t(i) * 2;
        std::uint8_t hi = o < src_size ? src[o] : 0, lo = o + 1 < src_size ? src[o + 1] : 0;
        merged.push_back(0);
        merged.push_back(0);
        merged.push_back(hi);
        merged.push_back(lo);
      }
      if (seg_type == 1 || seg_type == 4) {
        count += 1;
      } else {
        if (seg_len == 0) break;  // bgpdump would loop for ever here
        count += seg_len;
        if (count > target) {
          std::uint32_t over = count - target;
          merged[at + 1] = static_cast<std::uint8_t>(seg_len - over);
          merged.resize(merged.size() - std::size_t(over) * 4);
        }
      }
    }
    merged.insert(merged.end(), a.new_path.data, a.new_path.data + a.new_path.size);
    a.path.merged = std::move(merged);
    a.path.set(a.path.merged.data(), static_cast<std::uint32_t>(a.path.merged.size()), 4);
  }

  // bgpdump's text of an AS path / of the communities, made once per attribute set when asked for.
  std::vector<char> scratch;
  const std::string& path_text(const aspath& p) {
    if (!p.text_ready) {
      const std::size_t need = aspath_text_bound(p.size);
      if (scratch.size() < need) scratch.resize(need);
      char* end = aspath_text(scratch.data(), p.data, p.size, p.asn_len, p.count);
      p.str.assign(scratch.data(), end);
      p.text_ready = true;
    }
    return p.str;
  }
  const std::string& community_str(const attributes& a) {
    if (!a.community_ready) {
      if (scratch.size() < community_text_bound) scratch.resize(community_text_bound);
      char* end = community_text(scratch.data(), a.community_data, a.community_count);
      a.community.assign(scratch.data(), end);
      a.community_ready = true;
    }
    return a.community;
  }

  void process_attributes(mstream& s, attributes& a, int asn_len, bool addpath) {
    a.reset();
    std::uint16_t total = s.getw();
    mstream c = s.copy(total);
    while (c.can_read()) process_one_attr(c, a, asn_len, addpath);
    asn32_trans(a, asn_len);
  }

  // -- printing helpers --
  // community|AG|aggregator|, newline
  char* put_tail(char* p, const attributes& a) {
    if (a.has(attr_code::communities)) {
      const std::string& c = community_str(a);
      if (c.size() > 1) p = put_str(p, c.data() + 1, c.size() - 1);
    }
    *p++ = '|';
    p = a.has(attr_code::atomic_aggregate) ? put_lit(p, "AG|") : put_lit(p, "NAG|");
    if (a.aggregator_addr != std::array<std::uint8_t, 4>{0xff, 0xff, 0xff, 0xff}) {
      p = put_uint(p, a.aggregator_as);
      *p++ = ' ';
      p = put_ipv4(p, a.aggregator_addr.data());
    }
    return put_lit(p, "|\n");
  }
  static std::uint32_t pref_of(const attributes& a) { return a.has(attr_code::local_pref) ? a.local_pref : 0; }
  static std::uint32_t med_of(const attributes& a) { return a.has(attr_code::med) ? a.med : 0; }

  bool receive() const {
    switch (h.subtype) {
      case bgp4mp_subtype::message_local:
      case bgp4mp_subtype::message_as4_local: return false;
      default: return true;
    }
  }
  bool addpath() const { return is_addpath(h.type, h.subtype); }
  const char* bgp4mp_format() const {
    const bool et = h.type == type::bgp4mp_et, local = !receive(), ap = addpath();
    if (et) return local ? (ap ? "BGP4MP_ET_LOCAL_AP" : "BGP4MP_ET_LOCAL") : (ap ? "BGP4MP_ET_AP" : "BGP4MP_ET");
    return local ? (ap ? "BGP4MP_LOCAL_AP" : "BGP4MP_LOCAL") : (ap ? "BGP4MP_AP" : "BGP4MP");
  }
  const addr16& peer_ip() const { return receive() ? source_ip : destination_ip; }
  std::uint32_t peer_as() const { return receive() ? source_as : destination_as; }

  // -- elems: every line goes through emit(); the text sink formats it as bgpdump does --
  enum class shape : std::uint8_t { td1, td2, w4, w6, a4, amp4, amp6, state, bgp_w, bgp_a, bgp_state };
  // How bgpdump writes the current line (which may differ from the values: its quirks).
  struct line_ctx {
    shape form = shape::td1;
    const char* label = "";
    std::size_t label_len = 0;
    const attributes* a = nullptr;
    int peer_index = -1;             // TABLE_DUMP_V2 RIB entries
    const char* peer_text = nullptr;  // td2: "peer|asn|", made once per peer
    std::size_t peer_text_len = 0;
    bool peer_text_v6 = false, prefix_text_v6 = false, nexthop_text_v6 = false;
    bool nexthop_printed = true;  // amp4/amp6: the next hop block is printed only for a valid length
  } lc;
  elem_sink* sink = nullptr;
  dump_elem e;
  void set_label(const char* l) {
    lc.label = l;
    lc.label_len = std::strlen(l);
  }
  // td2: "prefix/len", made once per record
  char td2_prefix_text[64];
  std::size_t td2_prefix_len = 0;

  static void copy_addr(std::array<std::uint8_t, 16>& dst, const addr16& src) { dst = src.b; }
  static void copy_addr4(std::array<std::uint8_t, 16>& dst, const std::uint8_t* src) {
    dst = {};
    std::memcpy(dst.data(), src, 4);
  }
  void set_attrs(const attributes& a) {
    lc.a = &a;
    e.has_as_path = a.has(attr_code::as_path) && a.path.present;
    if (a.has(attr_code::communities) && a.has_community) {
      e.communities = a.community_data;
      e.community_count = a.community_count;
    } else {
      e.communities = nullptr;
      e.community_count = 0;
    }
  }
  void clear_attrs() {
    lc.a = nullptr;
    e.has_as_path = false;
    e.as_path = {};
    e.communities = nullptr;
    e.community_count = 0;
    e.nexthop_afi = 0;
    e.nexthop = {};
  }
  void set_path_id(bool ap, std::uint32_t id) {
    e.has_path_id = ap;
    e.path_id = ap ? id : 0;
  }

  // Where elems go: dump_elem objects to an elem_sink (AS path text made for them), views to
  // an elem_view_sink (nothing formatted), or bgpdump's lines into the text buffer.
  enum class output : std::uint8_t { elems, views, text };
  output mode = output::elems;
  elem_view_sink* view_sink = nullptr;
  std::string* text_out = nullptr;  // text: where the buffer goes (at the end of the record, or
                                    // when it holds 1 MiB)

  // The text buffer: lines are written straight into it, after line_bound() checked the room.
  std::unique_ptr<char[]> tbuf;
  std::size_t tcap = 0, tused = 0;
  char* text_room(std::size_t need) {
    if (tcap - tused < need) {
      std::size_t cap = std::max<std::size_t>(tcap * 2, std::size_t{1} << 16);
      while (cap - tused < need) cap *= 2;
      auto nb = std::make_unique<char[]>(cap);
      if (tused) std::memcpy(nb.get(), tbuf.get(), tused);
      tbuf = std::move(nb);
      tcap = cap;
    }
    return tbuf.get() + tused;
  }
  void flush_text() {
    if (tused) text_out->append(tbuf.get(), tused);
    tused = 0;
  }

  void emit() {
    ++lines;
    e.time = h.timestamp;
    e.usec = h.type == type::bgp4mp_et ? h.microsecond : 0;
    switch (mode) {
      case output::text: {
        char* p = text_room(line_bound());
        tused += static_cast<std::size_t>(format_line(p) - p);
        if (tused >= (std::size_t{1} << 20)) flush_text();
        break;
      }
      case output::views: {
        elem_view v;
        v.type = e.type;
        v.time = e.time;
        v.usec = e.usec;
        v.peer_index = lc.peer_index;
        v.peer_afi = e.peer_afi;
        v.peer_ip = e.peer_ip.data();
        v.peer_as = e.peer_as;
        v.prefix_afi = e.prefix_afi;
        v.prefix = e.prefix.data();
        v.prefix_len = e.prefix_len;
        v.has_path_id = e.has_path_id;
        v.path_id = e.path_id;
        v.nexthop_afi = e.nexthop_afi;
        v.nexthop = e.nexthop.data();
        v.has_as_path = e.has_as_path;
        if (e.has_as_path) {
          v.as_path = lc.a->path.data;
          v.as_path_size = lc.a->path.size;
          v.as_path_asn_len = lc.a->path.asn_len;
        }
        v.communities = e.communities;
        v.community_count = e.community_count;
        v.old_state = e.old_state;
        v.new_state = e.new_state;
        view_sink->on_elem(v);
        break;
      }
      case output::elems:
        e.as_path = e.has_as_path ? std::string_view(path_text(lc.a->path)) : std::string_view();
        sink->on_elem(e);
        break;
    }
  }

  char* put_addr(char* p, const std::array<std::uint8_t, 16>& a, bool v6) const {
    return v6 ? put_ipv6(p, a.data()) : put_ipv4(p, a.data());
  }

  // The room format_line needs for the current elem (its variable parts made first).
  std::size_t line_bound() {
    std::size_t n = 512;
    if (lc.a && lc.form != shape::w4 && lc.form != shape::w6 && lc.form != shape::bgp_w &&
        lc.form != shape::state && lc.form != shape::bgp_state) {
      if (lc.a->path.present) n += path_text(lc.a->path).size();
      if (lc.a->has(attr_code::communities)) n += community_str(*lc.a).size();
    }
    return n;
  }
  char* put_aspath(char* p, const attributes& a) {
    if (a.has(attr_code::as_path) && a.path.present) {
      const std::string& t = path_text(a.path);
      p = put_str(p, t.data(), t.size());
    }
    return p;
  }

  // One line of bgpdump -m for the current elem, written at p (line_bound() characters of room).
  char* format_line(char* p) {
    p = put_str(p, lc.label, lc.label_len);
    *p++ = '|';
    p = put_str(p, time_str.data(), time_str.size());
    *p++ = '|';
    switch (e.type) {
      case dump_elem::kind::rib: p = put_lit(p, "B|"); break;
      case dump_elem::kind::announcement: p = put_lit(p, "A|"); break;
      case dump_elem::kind::withdrawal: p = put_lit(p, "W|"); break;
      case dump_elem::kind::peerstate: p = put_lit(p, "STATE|"); break;
    }
    if (lc.form == shape::bgp_w) {  // bgpdump prints the peer address twice here (one static buffer)
      p = put_ipv4(p, e.peer_ip.data());
      *p++ = '|';
      p = put_uint(p, e.peer_as);
      *p++ = '|';
      p = put_ipv4(p, e.peer_ip.data());
      *p++ = '/';
      p = put_uint(p, e.prefix_len);
      *p++ = '\n';
      return p;
    }
    if (lc.form == shape::td2 && lc.peer_text_len) {  // made once per peer (peer_index_table)
      p = put_str(p, lc.peer_text, lc.peer_text_len);
    } else {
      p = put_addr(p, e.peer_ip, lc.peer_text_v6);
      *p++ = '|';
      p = put_uint(p, e.peer_as);
      *p++ = '|';
    }
    if (lc.form == shape::state || lc.form == shape::bgp_state) {
      p = put_uint(p, e.old_state);
      *p++ = '|';
      p = put_uint(p, e.new_state);
      *p++ = '\n';
      return p;
    }
    if (lc.form == shape::td2) {  // made once per record
      p = put_str(p, td2_prefix_text, td2_prefix_len);
    } else {
      p = put_addr(p, e.prefix, lc.prefix_text_v6);
      *p++ = '/';
      p = put_uint(p, e.prefix_len);
    }
    if (lc.form == shape::w4 || lc.form == shape::w6) {
      if (e.has_path_id) {
        *p++ = '|';
        p = put_uint(p, e.path_id);
      }
      *p++ = '\n';
      return p;
    }
    *p++ = '|';
    if (e.has_path_id) {
      p = put_uint(p, e.path_id);
      *p++ = '|';
    }
    const attributes& a = *lc.a;
    switch (lc.form) {
      case shape::td1:
      case shape::a4:
      case shape::bgp_a:
        p = put_aspath(p, a);
        *p++ = '|';
        p = put_origin(p, a.origin);
        p = put_addr(p, e.nexthop, lc.nexthop_text_v6);
        *p++ = '|';
        p = put_uint(p, pref_of(a));
        *p++ = '|';
        p = put_uint(p, med_of(a));
        if (lc.form == shape::bgp_a) {  // no '|' before the communities in this record type
          return put_tail(p, a);
        }
        *p++ = '|';
        break;
      case shape::td2:
        if (a.path.present) {
          const std::string& t = path_text(a.path);
          p = put_str(p, t.data(), t.size());
        }
        *p++ = '|';
        p = put_origin(p, a.origin);
        if (td2_nexthop_len == 4)  // kept from one entry to the next, as bgpdump does
          p = put_ipv4(p, td2_nexthop.b.data());
        else if (td2_nexthop_len == 16)
          p = put_ipv6(p, td2_nexthop.b.data());
        *p++ = '|';
        p = put_uint(p, pref_of(a));
        *p++ = '|';
        p = put_uint(p, med_of(a));
        *p++ = '|';
        break;
      case shape::amp4:
        p = put_aspath(p, a);
        *p++ = '|';
        p = put_origin(p, a.origin);
        if (lc.nexthop_printed) {
          p = put_addr(p, e.nexthop, lc.nexthop_text_v6);
          *p++ = '|';
          p = put_int(p, static_cast<std::int32_t>(pref_of(a)));  // printed signed here
          *p++ = '|';
          p = put_int(p, static_cast<std::int32_t>(med_of(a)));
          *p++ = '|';
        }
        break;
      case shape::amp6:
        if (lc.nexthop_printed) {
          p = put_aspath(p, a);
          *p++ = '|';
          p = put_origin(p, a.origin);
          p = put_addr(p, e.nexthop, lc.nexthop_text_v6);
          *p++ = '|';
          p = put_uint(p, pref_of(a));
          *p++ = '|';
          p = put_uint(p, med_of(a));
          *p++ = '|';
        }
        break;
      default: break;
    }
    return put_tail(p, a);
  }
  // "IGP|", "EGP|", "INCOMPLETE|"
  static char* put_origin(char* p, int origin) {
    if (origin == 0) return put_lit(p, "IGP|");
    if (origin == 1) return put_lit(p, "EGP|");
    return put_lit(p, "INCOMPLETE|");
  }

  // The peer of a BGP4MP message line: bgpdump writes it as IPv6 only for an IPv6 session.
  void bgp4mp_peer() {
    e.peer_afi = address_family == afi_ip6 ? 2 : 1;
    copy_addr(e.peer_ip, peer_ip());
    e.peer_as = peer_as();
    lc.peer_text_v6 = address_family == afi_ip6;
  }

  void emit_withdraw(const std::vector<prefix>& list, bool v6) {
    lc.form = v6 ? shape::w6 : shape::w4;
    set_label(bgp4mp_format());
    clear_attrs();
    e.type = dump_elem::kind::withdrawal;
    bgp4mp_peer();
    // IPv6 withdrawals of a local IPv4 session: bgpdump formats the local-side address as IPv6.
    if (v6 && address_family != afi_ip6 && !receive()) lc.peer_text_v6 = true;
    e.prefix_afi = v6 ? 2 : 1;
    lc.prefix_text_v6 = v6;
    for (const auto& p : list) {
      copy_addr(e.prefix, p.address);
      if (!v6) std::memset(e.prefix.data() + 4, 0, 12);
      e.prefix_len = p.len;
      set_path_id(addpath(), p.path_id);
      emit();
    }
  }
  void emit_announce4(const std::vector<prefix>& list) {  // body NLRI
    lc.form = shape::a4;
    set_label(bgp4mp_format());
    e.type = dump_elem::kind::announcement;
    set_attrs(attr);
    bgp4mp_peer();
    e.prefix_afi = 1;
    lc.prefix_text_v6 = false;
    copy_addr4(e.nexthop, attr.nexthop.data());
    e.nexthop_afi = attr.has(attr_code::next_hop) ? 1 : 0;
    lc.nexthop_text_v6 = false;
    for (const auto& p : list) {
      copy_addr4(e.prefix, p.address.b.data());
      e.prefix_len = p.len;
      set_path_id(addpath(), p.path_id);
      emit();
    }
  }
  void emit_announce_mp(const mp_nlri& m, bool v6) {
    lc.form = v6 ? shape::amp6 : shape::amp4;
    set_label(bgp4mp_format());
    e.type = dump_elem::kind::announcement;
    set_attrs(attr);
    bgp4mp_peer();
    e.prefix_afi = v6 ? 2 : 1;
    lc.prefix_text_v6 = v6;
    lc.nexthop_printed = m.nexthop_len == 4 || m.nexthop_len == 16 || m.nexthop_len == 32;
    copy_addr(e.nexthop, m.nexthop);
    e.nexthop_afi = lc.nexthop_printed ? (m.nexthop_len == 4 ? 1 : 2) : 0;
    lc.nexthop_text_v6 = m.nexthop_len != 4;
    for (const auto& p : m.nlri) {
      copy_addr(e.prefix, p.address);
      if (!v6) std::memset(e.prefix.data() + 4, 0, 12);
      e.prefix_len = p.len;
      set_path_id(addpath(), p.path_id);
      emit();
    }
  }

  // -- record types --
  void set_time() {
    time_str.clear();
    put_u32(time_str, h.timestamp);
    if (h.type == type::bgp4mp_et) {
      char buf[24];
      std::uint32_t us = h.microsecond;
      auto r = std::to_chars(buf, buf + sizeof buf, us);
      std::size_t n = static_cast<std::size_t>(r.ptr - buf);
      time_str.push_back('.');
      if (n < 6) time_str.append(6 - n, '0');
      time_str.append(buf, n);
    }
  }

  void table_dump(mstream& s) {
    const std::uint16_t sub = h.subtype;
    if (sub < 1 || sub > 4) return;
    s.getw();  // view
    s.getw();  // sequence
    addr16 pfx, peer;
    const bool v6 = sub == td_subtype::afi_ipv6 || sub == td_subtype::afi_ipv6_as4;
    s.get(pfx.b.data(), v6 ? 16 : 4);
    std::uint8_t mask = s.getc();
    s.getc();  // status
    s.getl();  // originated
    s.get(peer.b.data(), v6 ? 16 : 4);
    const int asn_len = (sub == td_subtype::afi_ipv4 || sub == td_subtype::afi_ipv6) ? 2 : 4;
    std::uint32_t pas = read_asn(s, asn_len);
    process_attributes(s, attr, asn_len, false);

    lc.form = shape::td1;
    set_label("TABLE_DUMP");
    e.type = dump_elem::kind::rib;
    set_attrs(attr);
    const bool six = sub == td_subtype::afi_ipv6;  // bgpdump formats IPv6 only for subtype 2
    lc.peer_text_v6 = lc.prefix_text_v6 = six;
    e.peer_afi = e.prefix_afi = v6 ? 2 : 1;
    copy_addr(e.peer_ip, peer);
    e.peer_as = pas;
    copy_addr(e.prefix, pfx);
    e.prefix_len = mask;
    set_path_id(false, 0);
    if (attr.has(attr_code::mp_reach) && attr.announce[afi_ip6][1].present) {
      copy_addr(e.nexthop, attr.announce[afi_ip6][1].nexthop);
      e.nexthop_afi = 2;
      lc.nexthop_text_v6 = true;
    } else {
      copy_addr4(e.nexthop, attr.nexthop.data());
      e.nexthop_afi = attr.has(attr_code::next_hop) ? 1 : 0;
      lc.nexthop_text_v6 = false;
    }
    emit();
  }

  void peer_index_table(mstream& s) {
    peers.clear();
    have_peer_table = true;
    s.get(nullptr, 4);  // collector BGP id
    std::uint16_t view_name_len = s.getw();
    if (view_name_len + 1 <= 255) s.get(nullptr, view_name_len);  // else: not skipped (as bgpdump)
    std::uint16_t count = s.getw();
    peers.resize(count);
    for (auto& p : peers) {
      std::uint8_t t = s.getc();
      p.afi = (t & 1) ? afi_ip6 : afi_ip;
      s.get(nullptr, 4);
      p.ip = {};
      s.get(p.ip.b.data(), p.afi == afi_ip ? 4 : 16);
      p.as = read_asn(s, (t & 2) ? 4 : 2);
      char buf[80];
      char* q = p.afi == afi_ip ? put_ipv4(buf, p.ip.b.data()) : put_ipv6(buf, p.ip.b.data());
      *q++ = '|';
      q = put_uint(q, p.as);
      *q++ = '|';
      p.text.assign(buf, q);
    }
  }

  // Views of a well-formed TABLE_DUMP_V2 RIB record (every entry and attribute inside the record,
  // every peer index in the table, MP_REACH_NLRI only in its abbreviated RIB form), in one pass
  // without the general attribute parser: the values are those rib() gives for such a record.
  // Returns false (nothing emitted) for any other record, which then takes rib().
  struct fast_entry {
    std::uint16_t peer_index;
    std::uint32_t path_id;
    const std::uint8_t* as_path;
    std::uint32_t as_path_size;
    bool has_as_path;
    const std::uint8_t* communities;
    std::uint32_t community_count;
    std::uint8_t nexthop_afi;
    std::array<std::uint8_t, 16> nexthop;
  };
  std::vector<fast_entry> fast_entries;
  bool rib_views_fast(bool v6) {
    const bool ap = addpath();
    const std::uint8_t* const d = rec_begin;
    const std::size_t n = static_cast<std::size_t>(rec_end - rec_begin);
    if (n < 5) return false;
    const std::uint8_t plen = d[4];
    const std::size_t pbytes = (plen + 7u) / 8u;
    if (pbytes > 16 || n < 5 + pbytes + 2) return false;
    std::size_t pos = 5 + pbytes;
    const std::uint16_t count = static_cast<std::uint16_t>((d[pos] << 8) | d[pos + 1]);
    pos += 2;
    if (count == 0 || !have_peer_table) return false;
    if (fast_entries.size() < count) fast_entries.resize(count);
    const std::size_t entry_head = ap ? 12 : 8;
    for (std::uint16_t i = 0; i < count; ++i) {
      if (n - pos < entry_head) return false;
      fast_entry& en = fast_entries[i];
      en.peer_index = static_cast<std::uint16_t>((d[pos] << 8) | d[pos + 1]);
      if (en.peer_index >= peers.size()) return false;
      en.path_id = ap ? load32(d + pos + 6) : 0;
      const std::size_t total = (std::size_t(d[pos + entry_head - 2]) << 8) | d[pos + entry_head - 1];
      pos += entry_head;
      if (n - pos < total) return false;
      en.has_as_path = false;
      en.as_path = nullptr;
      en.as_path_size = 0;
      en.communities = nullptr;
      en.community_count = 0;
      bool has_next_hop = false, has_mp = false;
      std::uint8_t mp_len = 0;
      const std::uint8_t* nh4 = nullptr;
      const std::uint8_t* mp_nh = nullptr;
      const std::size_t end = pos + total;
      while (pos < end) {
        if (end - pos < 3) return false;
        const std::uint8_t flag = d[pos], type = d[pos + 1];
        std::size_t len;
        if (flag & 0x10) {
          if (end - pos < 4) return false;
          len = (std::size_t(d[pos + 2]) << 8) | d[pos + 3];
          pos += 4;
        } else {
          len = d[pos + 2];
          pos += 3;
        }
        if (end - pos < len) return false;
        const std::uint8_t* v = d + pos;
        switch (type) {
          case attr_code::as_path:
            en.has_as_path = true;
            en.as_path = v;
            en.as_path_size = static_cast<std::uint32_t>(len);
            break;
          case attr_code::next_hop:
            if (len < 4) return false;
            has_next_hop = true;
            nh4 = v;
            break;
          case attr_code::communities:
            en.communities = v;
            en.community_count = static_cast<std::uint32_t>(len / 4);
            break;
          case attr_code::mp_reach: {
            if (len == 0 || v[0] == 0) return false;  // not the abbreviated form
            const std::size_t need = v[0] == 4 ? 4 : (v[0] == 16 || v[0] == 32) ? 16 : 0;
            if (len < 1 + need) return false;
            has_mp = true;
            mp_len = v[0];
            mp_nh = v + 1;
            break;
          }
          case attr_code::mp_unreach: return false;
          default: break;
        }
        pos += len;
      }
      en.nexthop = {};
      if (has_mp) {
        en.nexthop_afi = mp_len == 4 ? 1 : (mp_len == 16 || mp_len == 32) ? 2 : 0;
        if (en.nexthop_afi) std::memcpy(en.nexthop.data(), mp_nh, mp_len == 4 ? 4 : 16);
      } else {
        en.nexthop_afi = has_next_hop ? 1 : 0;
        if (has_next_hop)
          std::memcpy(en.nexthop.data(), nh4, 4);
        else
          std::memset(en.nexthop.data(), 0xff, 4);
      }
    }
    std::array<std::uint8_t, 16> pfx{};
    std::memcpy(pfx.data(), d + 5, pbytes);
    if (!v6) std::memset(pfx.data() + 4, 0, 12);
    elem_view v;
    v.type = dump_elem::kind::rib;
    v.time = h.timestamp;
    v.usec = 0;
    v.prefix_afi = v6 ? 2 : 1;
    v.prefix = pfx.data();
    v.prefix_len = plen;
    v.has_path_id = ap;
    v.as_path_asn_len = 4;
    for (std::uint16_t i = 0; i < count; ++i) {
      const fast_entry& en = fast_entries[i];
      const peer& p = peers[en.peer_index];
      ++lines;
      v.peer_index = en.peer_index;
      v.peer_afi = p.afi == afi_ip ? 1 : 2;
      v.peer_ip = p.ip.b.data();
      v.peer_as = p.as;
      v.path_id = en.path_id;
      v.nexthop_afi = en.nexthop_afi;
      v.nexthop = en.nexthop.data();
      v.has_as_path = en.has_as_path;
      v.as_path = en.as_path;
      v.as_path_size = en.as_path_size;
      v.communities = en.communities;
      v.community_count = en.community_count;
      view_sink->on_elem(v);
    }
    return true;
  }
  static std::uint32_t load32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
  }

  // Returns false if bgpdump would abort (a peer index beyond the table).
  bool rib(mstream& s, bool v6) {
    const bool ap = addpath();
    s.getl();  // sequence
    std::uint8_t plen = s.getc();
    std::uint8_t buf[32] = {};
    s.get(buf, (plen + 7u) / 8u);
    addr16 pfx;
    std::memcpy(pfx.b.data(), buf, 16);
    std::uint16_t count = s.getw();
    if (count && !have_peer_table) return true;
    if (rib_entries.size() < count) rib_entries.resize(count);
    if (entry_attrs.size() < count) entry_attrs.resize(count);
    for (std::uint16_t i = 0; i < count; ++i) {
      td2_entry& en = rib_entries[i];
      en.peer_index = s.getw();
      if (en.peer_index >= peers.size()) return false;
      s.getl();  // originated time
      en.path_id = ap ? s.getl() : 0;
      process_attributes(s, entry_attrs[i], 4, ap);
    }
    td2_nexthop_len = 0;
    lc.form = shape::td2;
    set_label(ap ? "TABLE_DUMP2_AP" : "TABLE_DUMP2");
    lc.prefix_text_v6 = v6;
    e.type = dump_elem::kind::rib;
    e.prefix_afi = v6 ? 2 : 1;
    copy_addr(e.prefix, pfx);
    if (!v6) std::memset(e.prefix.data() + 4, 0, 12);
    e.prefix_len = plen;
    {
      char* q = put_addr(td2_prefix_text, e.prefix, v6);
      *q++ = '/';
      q = put_uint(q, plen);
      td2_prefix_len = static_cast<std::size_t>(q - td2_prefix_text);
    }
    for (std::uint16_t i = 0; i < count; ++i) {
      const attributes& a = entry_attrs[i];
      const peer& p = peers[rib_entries[i].peer_index];
      set_attrs(a);
      e.has_as_path = a.path.present;
      lc.peer_index = rib_entries[i].peer_index;
      lc.peer_text = p.text.data();
      lc.peer_text_len = p.text.size();
      e.peer_afi = p.afi == afi_ip ? 1 : 2;
      lc.peer_text_v6 = p.afi != afi_ip;
      copy_addr(e.peer_ip, p.ip);
      e.peer_as = p.as;
      set_path_id(ap, rib_entries[i].path_id);
      const mp_nlri* m = nullptr;
      if (a.has(attr_code::mp_reach) && a.announce[afi_ip6][1].present)
        m = &a.announce[afi_ip6][1];
      else if (a.has(attr_code::mp_reach) && a.announce[afi_ip][1].present)
        m = &a.announce[afi_ip][1];
      if (m) {
        if (m->nexthop_len == 4 || m->nexthop_len == 16 || m->nexthop_len == 32) {
          td2_nexthop = m->nexthop;
          td2_nexthop_len = m->nexthop_len == 4 ? 4 : 16;
          copy_addr(e.nexthop, m->nexthop);
          e.nexthop_afi = m->nexthop_len == 4 ? 1 : 2;
        } else {
          e.nexthop = {};
          e.nexthop_afi = 0;
        }
      } else {
        td2_nexthop = {};
        std::memcpy(td2_nexthop.b.data(), a.nexthop.data(), 4);
        td2_nexthop_len = 4;
        copy_addr4(e.nexthop, a.nexthop.data());
        e.nexthop_afi = a.has(attr_code::next_hop) ? 1 : 0;
      }
      emit();
    }
    return true;
  }

  void emit_state(std::uint16_t old_state, std::uint16_t new_state) {
    e.type = dump_elem::kind::peerstate;
    clear_attrs();
    e.prefix_afi = 0;
    e.prefix = {};
    e.prefix_len = 0;
    set_path_id(false, 0);
    e.old_state = old_state;
    e.new_state = new_state;
    emit();
  }

  void bgp4mp_state_change(mstream& s, int asn_len, std::uint32_t length) {
    source_as = read_asn(s, asn_len);
    destination_as = read_asn(s, asn_len);
    source_ip = {};
    int afi = afi_ip;
    std::uint16_t old_state, new_state;
    if (length == 8) {
      old_state = s.getw();
      new_state = s.getw();
    } else {
      s.getw();  // interface index
      afi = s.getw();
      if (afi == afi_ip) {
        if (length != 20 && length != 24) return;
        s.get(source_ip.b.data(), 4);
        s.get(nullptr, 4);
      } else if (afi == afi_ip6) {
        if (length != 44 && length != 48) return;
        s.get(source_ip.b.data(), 16);
        s.get(nullptr, 16);
      } else {
        return;
      }
      old_state = s.getw();
      new_state = s.getw();
    }
    lc.form = shape::state;
    set_label(h.type == type::bgp4mp_et ? "BGP4MP_ET" : "BGP4MP");
    lc.peer_text_v6 = afi == afi_ip6;
    e.peer_afi = afi == afi_ip6 ? 2 : 1;
    copy_addr(e.peer_ip, source_ip);
    e.peer_as = source_as;
    emit_state(old_state, new_state);
  }

  void bgp4mp_message(mstream& s, int asn_len) {
    const bool local = !receive() || h.subtype == bgp4mp_subtype::message_local_addpath ||
                       h.subtype == bgp4mp_subtype::message_as4_local_addpath;
    if (local) {
      destination_as = read_asn(s, asn_len);
      source_as = read_asn(s, asn_len);
    } else {
      source_as = read_asn(s, asn_len);
      destination_as = read_asn(s, asn_len);
    }
    std::uint16_t if_index = s.getw();
    address_family = s.getw();
    source_ip = {};
    destination_ip = {};
    std::uint8_t marker[16];
    if (address_family == afi_ip || address_family == afi_ip6) {
      const std::uint32_t n = address_family == afi_ip ? 4 : 16;
      if (local) {
        s.get(destination_ip.b.data(), n);
        s.get(source_ip.b.data(), n);
      } else {
        s.get(source_ip.b.data(), n);
        s.get(destination_ip.b.data(), n);
      }
      s.get(marker, 16);
    } else if (address_family == 0xFFFF && if_index == 0xFFFF) {
      std::memset(marker, 0xff, 4);
      s.get(marker + 4, 12);
      address_family = afi_ip;
    } else {
      return;
    }
    for (auto m : marker)
      if (m != 0xff) return;
    std::uint16_t size = s.getw();
    int expected = int(size) - 18;
    mstream c = s.copy(static_cast<std::uint32_t>(expected));
    std::uint8_t msg_type = c.getc();
    if (msg_type != 2) return;  // OPEN, NOTIFICATION, KEEPALIVE: nothing in -m; others: skipped
    const bool ap = addpath();
    mstream w = c.copy(c.getw());
    read_prefix_list(w, withdraw, ap);
    process_attributes(c, attr, asn_len, ap);
    read_prefix_list(c, announce, ap);

    if (!withdraw.empty() || attr.has(attr_code::mp_unreach)) {
      emit_withdraw(withdraw, false);
      for (int safi = 1; safi <= 3; ++safi)
        if (attr.withdraw[afi_ip][safi].present) emit_withdraw(attr.withdraw[afi_ip][safi].nlri, false);
      for (int safi = 1; safi <= 3; ++safi)
        if (attr.withdraw[afi_ip6][safi].present) emit_withdraw(attr.withdraw[afi_ip6][safi].nlri, true);
    }
    if (!announce.empty() || attr.has(attr_code::mp_reach)) {
      emit_announce4(announce);
      for (int safi = 1; safi <= 3; ++safi)
        if (attr.announce[afi_ip][safi].present) emit_announce_mp(attr.announce[afi_ip][safi], false);
      for (int safi = 1; safi <= 3; ++safi)
        if (attr.announce[afi_ip6][safi].present) emit_announce_mp(attr.announce[afi_ip6][safi], true);
    }
  }

  // Deprecated type 5 (BGP): 2-byte AS, IPv4 only.
  void mrtd_bgp(mstream& s) {
    set_label("BGP");
    lc.peer_text_v6 = lc.prefix_text_v6 = lc.nexthop_text_v6 = false;
    if (h.subtype == 1 || h.subtype == 7) {  // UPDATE, KEEPALIVE
      std::uint32_t sas = s.getw();
      std::uint8_t sip[4];
      s.get(sip, 4);
      s.getw();
      s.get(nullptr, 4);
      mstream w = s.copy(s.getw());
      read_prefix_list(w, withdraw, false);
      process_attributes(s, attr, 2, false);
      read_prefix_list(s, announce, false);
      if (h.subtype != 1) return;
      e.peer_afi = 1;
      copy_addr4(e.peer_ip, sip);
      e.peer_as = sas;
      e.prefix_afi = 1;
      set_path_id(false, 0);
      lc.form = shape::bgp_w;
      e.type = dump_elem::kind::withdrawal;
      clear_attrs();
      for (const auto& p : withdraw) {
        copy_addr4(e.prefix, p.address.b.data());
        e.prefix_len = p.len;
        emit();
      }
      lc.form = shape::bgp_a;
      e.type = dump_elem::kind::announcement;
      set_attrs(attr);
      copy_addr4(e.nexthop, attr.nexthop.data());
      e.nexthop_afi = attr.has(attr_code::next_hop) ? 1 : 0;
      for (const auto& p : announce) {
        copy_addr4(e.prefix, p.address.b.data());
        e.prefix_len = p.len;
        emit();
      }
    } else if (h.subtype == 3) {  // STATE_CHANGE
      std::uint32_t das = s.getw();
      std::uint8_t dip[4];
      s.get(dip, 4);
      std::uint16_t old_state = s.getw(), new_state = s.getw();
      lc.form = shape::bgp_state;
      e.peer_afi = 1;
      copy_addr4(e.peer_ip, dip);
      e.peer_as = das;
      emit_state(old_state, new_state);
    }
  }

  // One record, its elems to the output `mode` names. Returns false where bgpdump stops reading.
  bool run(const header& hdr, bytes_view body) {
    std::uint32_t length = has_extended_timestamp(hdr.type) ? hdr.length - 4 : hdr.length;
    if (length == 0 || body.empty()) return false;
    h = hdr;
    lc.peer_index = -1;
    lc.peer_text_len = 0;
    rec_begin = reinterpret_cast<const std::uint8_t*>(body.data());
    rec_end = rec_begin + body.size();
    mstream s;
    s.start = rec_begin;
    s.len = static_cast<std::uint32_t>(body.size());
    switch (h.type) {
      case type::bgp: mrtd_bgp(s); break;
      case type::table_dump: table_dump(s); break;
      case type::table_dump_v2:
        switch (h.subtype) {
          case td2_subtype::peer_index_table: peer_index_table(s); break;
          case td2_subtype::rib_ipv4_unicast:
          case td2_subtype::rib_ipv4_unicast_addpath:
          case td2_subtype::rib_ipv6_unicast:
          case td2_subtype::rib_ipv6_unicast_addpath: {
            const bool v6 =
                h.subtype == td2_subtype::rib_ipv6_unicast || h.subtype == td2_subtype::rib_ipv6_unicast_addpath;
            if (mode == output::views && rib_views_fast(v6)) break;
            if (!rib(s, v6)) return false;  // bgpdump asserts (aborts) here
            break;
          }
          default: break;
        }
        break;
      case type::bgp4mp:
      case type::bgp4mp_et:
        switch (h.subtype) {
          case bgp4mp_subtype::state_change: bgp4mp_state_change(s, 2, length); break;
          case bgp4mp_subtype::state_change_as4: bgp4mp_state_change(s, 4, length); break;
          case bgp4mp_subtype::message:
          case bgp4mp_subtype::message_local:
          case bgp4mp_subtype::message_addpath:
          case bgp4mp_subtype::message_local_addpath: bgp4mp_message(s, 2); break;
          case bgp4mp_subtype::message_as4:
          case bgp4mp_subtype::message_as4_local:
          case bgp4mp_subtype::message_as4_addpath:
          case bgp4mp_subtype::message_as4_local_addpath: bgp4mp_message(s, 4); break;
          default: break;
        }
        break;
      default: break;
    }
    return true;
  }
};

bgpdump_printer::bgpdump_printer() : s_(std::make_unique<state>()) {}
bgpdump_printer::~bgpdump_printer() = default;
bgpdump_printer::bgpdump_printer(bgpdump_printer&&) noexcept = default;
bgpdump_printer& bgpdump_printer::operator=(bgpdump_printer&&) noexcept = default;
std::uint64_t bgpdump_printer::lines() const { return s_->lines; }

bool bgpdump_printer::print(const header& h, bytes_view body, std::string& out) {
  state& st = *s_;
  st.h = h;
  st.set_time();
  st.mode = state::output::text;
  st.text_out = &out;
  st.tused = 0;
  const std::size_t mark = out.size();
  const std::uint64_t lines_before = st.lines;
  const bool go_on = st.run(h, body);
  st.flush_text();
  st.text_out = nullptr;
  if (!go_on) {
    // A record bgpdump aborts on prints nothing (a zero-length record prints nothing anyway).
    out.resize(mark);
    st.lines = lines_before;
    return false;
  }
  return true;
}

void bgpdump_printer::format_current(std::string& out) const {
  state& st = *s_;
  char* p = st.text_room(st.line_bound());
  out.append(p, st.format_line(p));
}

bool bgpdump_printer::extract(const header& h, bytes_view body, elem_sink& sink) {
  state& st = *s_;
  st.h = h;
  st.set_time();
  st.mode = state::output::elems;
  st.sink = &sink;
  return st.run(h, body);
}

bool bgpdump_printer::for_each_elem_view(const header& h, bytes_view body, elem_view_sink& sink) {
  state& st = *s_;
  st.h = h;
  st.mode = state::output::views;
  st.view_sink = &sink;
  return st.run(h, body);
}

void elem_view::append_as_path(std::string& out) const {
  if (!has_as_path) return;
  char buf[1024];
  const std::size_t bound = aspath_text_bound(as_path_size);
  std::uint32_t count = 0;
  if (bound <= sizeof buf) {
    out.append(buf, aspath_text(buf, as_path, as_path_size, as_path_asn_len, count));
  } else {
    std::vector<char> big(bound);
    out.append(big.data(), aspath_text(big.data(), as_path, as_path_size, as_path_asn_len, count));
  }
}

std::string bgpdump_ipv6(const std::uint8_t* a16) {
  char buf[64];
  return std::string(buf, put_ipv6(buf, a16));
}

}  // namespace wirekit::mrt
