// The BGPStream-like API (include/wirekit/mrt/stream.hpp, docs/bgpstream.md). Filter semantics
// and names follow libbgpstream/pybgpstream (learnt from their documentation and source, no
// code taken): record-level filters (project, collector, record type, time intervals, RIB
// period) choose files and records; elem-level filters (peer ASN, origin ASN, prefix,
// community, elem type, IP version) choose elems; values of one kind are OR-ed, kinds AND-ed.
#include <utility>  // before Boost.Asio (via session/bmp.hpp's station)

#include "wirekit/mrt/stream.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <queue>
#include <system_error>

#include "wirekit/mrt/bgpdump.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/session/bmp.hpp"

namespace wirekit::mrt::bgpstream {

namespace fs = std::filesystem;

const char* to_string(record_type t) { return t == record_type::rib ? "rib" : "update"; }
const char* to_string(record_status s) {
  switch (s) {
    case record_status::valid: return "valid";
    case record_status::filtered_source: return "filtered-source";
    case record_status::empty_source: return "empty-source";
    case record_status::corrupted_source: return "corrupted-source";
  }
  return "";
}
const char* to_string(dump_position p) {
  switch (p) {
    case dump_position::start: return "start";
    case dump_position::middle: return "middle";
    case dump_position::end: return "end";
  }
  return "";
}
char to_char(elem_type t) {
  switch (t) {
    case elem_type::rib: return 'R';
    case elem_type::announcement: return 'A';
    case elem_type::withdrawal: return 'W';
    case elem_type::peerstate: return 'S';
  }
  return '?';
}
const char* to_string(peer_state s) {
  switch (s) {
    case peer_state::idle: return "IDLE";
    case peer_state::connect: return "CONNECT";
    case peer_state::active: return "ACTIVE";
    case peer_state::opensent: return "OPENSENT";
    case peer_state::openconfirm: return "OPENCONFIRM";
    case peer_state::established: return "ESTABLISHED";
    default: return "";
  }
}

namespace {

// The last segment of a path in bgpdump's text: a trailing ASN or a trailing {..}/[..]/(..)
// group. Error or cut paths ("! Error !", "... 123...") have none.
std::string_view origin_of(std::string_view p) {
  while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
  if (p.empty()) return {};
  const char c = p.back();
  if (c >= '0' && c <= '9') {
    auto pos = p.rfind(' ');
    std::string_view tok = pos == std::string_view::npos ? p : p.substr(pos + 1);
    for (char d : tok)
      if (d < '0' || d > '9') return {};
    return tok;
  }
  if (c == '}' || c == ']' || c == ')') {
    const char open = c == '}' ? '{' : c == ']' ? '[' : '(';
    auto pos = p.rfind(open);
    if (pos == std::string_view::npos) return {};
    return p.substr(pos);
  }
  return {};
}

std::optional<std::uint32_t> parse_u32(std::string_view s) {
  std::uint32_t v = 0;
  if (s.empty()) return std::nullopt;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::uint32_t> asn_of(std::string_view tok) {
  if (tok.empty() || tok.front() < '0' || tok.front() > '9') return std::nullopt;
  return parse_u32(tok);
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::uint32_t> make_time(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s) {
  if (y < 1970 || y > 2105 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  if (t < 0 || t > 0xffffffffLL) return std::nullopt;
  return static_cast<std::uint32_t>(t);
}

// Fixed-width decimal digits at s[at, at+n).
std::optional<unsigned> digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return std::nullopt;
  unsigned v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + unsigned(s[i] - '0');
  }
  return v;
}

// ---- filters ----------------------------------------------------------------------------

struct prefix_filter {
  enum class match : std::uint8_t { exact, more, less, any };
  std::uint8_t afi = 1;
  std::array<std::uint8_t, 16> addr{};
  std::uint8_t len = 0;
  match how = match::more;
};

struct community_filter {
  bool asn_set = false, value_set = false;  // false: '*'
  std::uint16_t asn = 0, value = 0;
};

// True if prefix (a, alen) covers (b, blen): alen <= blen and the first alen bits agree.
bool covers(const std::uint8_t* a, unsigned alen, const std::uint8_t* b, unsigned blen) {
  if (alen > blen) return false;
  const unsigned full = alen / 8, rem = alen % 8;
  if (std::memcmp(a, b, full) != 0) return false;
  if (rem) {
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - rem));
    if ((a[full] & mask) != (b[full] & mask)) return false;
  }
  return true;
}

struct interval {
  std::uint32_t begin = 0, end = 0xffffffffu;
};

struct filters {
  std::vector<std::string> projects, collectors;
  std::uint8_t record_types = 0;  // bit 0 ribs, bit 1 updates; 0: all
  std::vector<std::uint32_t> peer_asns, not_peer_asns, origin_asns;
  std::vector<prefix_filter> prefixes;
  std::vector<community_filter> communities;
  std::uint8_t elem_types = 0;  // bits by elem_type; 0: all
  std::uint8_t ipversion = 0;   // 0: all, else 4 or 6
  std::vector<interval> intervals;
  std::uint32_t rib_period = 0;

  static bool in(const std::vector<std::uint32_t>& v, std::uint32_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  static bool in(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  bool time_wanted(std::uint32_t t) const {
    if (intervals.empty()) return true;
    for (const auto& i : intervals)
      if (t >= i.begin && t <= i.end) return true;
    return false;
  }
  // Past every interval: nothing later in a time-ordered file can pass.
  bool beyond_intervals(std::uint32_t t) const {
    if (intervals.empty()) return false;
    for (const auto& i : intervals)
      if (t <= i.end) return false;
    return true;
  }
  bool overlaps(std::uint32_t from, std::uint32_t to) const {  // [from, to]
    if (intervals.empty()) return true;
    for (const auto& i : intervals)
      if (from <= i.end && to >= i.begin) return true;
    return false;
  }

  bool prefix_passes(const dump_elem& e) const {
    const unsigned max_bits = e.prefix_afi == 2 ? 128 : 32;
    if (e.prefix_len > max_bits) return false;
    for (const auto& f : prefixes) {
      if (f.afi != e.prefix_afi) continue;
      const bool f_covers = covers(f.addr.data(), f.len, e.prefix.data(), e.prefix_len);
      const bool e_covers = covers(e.prefix.data(), e.prefix_len, f.addr.data(), f.len);
      switch (f.how) {
        case prefix_filter::match::exact:
          if (f_covers && f.len == e.prefix_len) return true;
          break;
        case prefix_filter::match::more:
          if (f_covers) return true;
          break;
        case prefix_filter::match::less:
          if (e_covers) return true;
          break;
        case prefix_filter::match::any:
          if (f_covers || e_covers) return true;
          break;
      }
    }
    return false;
  }

  bool community_passes(const dump_elem& e) const {
    for (std::uint32_t i = 0; i < e.community_count; ++i) {
      const std::uint8_t* p = e.communities + 4 * i;
      const auto asn = static_cast<std::uint16_t>((p[0] << 8) | p[1]);
      const auto value = static_cast<std::uint16_t>((p[2] << 8) | p[3]);
      for (const auto& f : communities)
        if ((!f.asn_set || f.asn == asn) && (!f.value_set || f.value == value)) return true;
    }
    return false;
  }

  bool elem_passes(const dump_elem& e) const {
    const bool peerstate = e.type == dump_elem::kind::peerstate;
    const bool withdrawal = e.type == dump_elem::kind::withdrawal;
    if (elem_types && !(elem_types & (1u << static_cast<unsigned>(e.type)))) return false;
    if (!peer_asns.empty() && !in(peer_asns, e.peer_as)) return false;
    if (!not_peer_asns.empty() && in(not_peer_asns, e.peer_as)) return false;
    if (!origin_asns.empty()) {
      if (peerstate || withdrawal || !e.has_as_path) return false;
      auto o = asn_of(origin_of(e.as_path));
      if (!o || !in(origin_asns, *o)) return false;
    }
    if (ipversion) {
      if (peerstate) return false;
      if ((ipversion == 4) != (e.prefix_afi == 1)) return false;
    }
    if (!prefixes.empty()) {
      if (peerstate || !prefix_passes(e)) return false;
    }
    if (!communities.empty()) {
      if (peerstate || withdrawal || !community_passes(e)) return false;
    }
    return true;
  }
};

ip_addr to_ip(std::uint8_t afi, const std::array<std::uint8_t, 16>& b) {
  if (afi == 2) {
    ipv6_addr a;
    a.b = b;
    return ip_addr{a};
  }
  ipv4_addr a;
  std::memcpy(a.b.data(), b.data(), 4);
  return ip_addr{a};
}

peer_state to_state(std::uint16_t s) { return s >= 1 && s <= 6 ? static_cast<peer_state>(s) : peer_state::unknown; }

// Builds the record's elems from the parser's, keeping those that pass.
struct collect_sink final : elem_sink {
  const filters* f = nullptr;
  record* rec = nullptr;
  const bgpdump_printer* printer = nullptr;  // set: keep bgpdump's lines too
  bool lines = false;
  void on_elem(const dump_elem& d) override {
    if (!f->elem_passes(d)) return;
    if (lines) printer->format_current(rec->bgpdump_lines);
    elem& e = rec->elems.emplace_back();
    switch (d.type) {
      case dump_elem::kind::rib: e.type = elem_type::rib; break;
      case dump_elem::kind::announcement: e.type = elem_type::announcement; break;
      case dump_elem::kind::withdrawal: e.type = elem_type::withdrawal; break;
      case dump_elem::kind::peerstate: e.type = elem_type::peerstate; break;
    }
    e.time_sec = d.time;
    e.time_usec = d.usec;
    e.peer_address = to_ip(d.peer_afi, d.peer_ip);
    e.peer_asn = d.peer_as;
    if (d.prefix_afi) e.prefix = ip_prefix{to_ip(d.prefix_afi, d.prefix), d.prefix_len};
    if (d.type == dump_elem::kind::peerstate) {
      e.old_state = to_state(d.old_state);
      e.new_state = to_state(d.new_state);
      return;
    }
    if (d.type == dump_elem::kind::withdrawal) {
      if (d.has_path_id) e.path_id = d.path_id;
      return;
    }
    if (d.nexthop_afi) e.next_hop = to_ip(d.nexthop_afi, d.nexthop);
    if (d.has_as_path) e.as_path.assign(d.as_path);
    e.communities.reserve(d.community_count);
    for (std::uint32_t i = 0; i < d.community_count; ++i) {
      const std::uint8_t* p = d.communities + 4 * i;
      e.communities.push_back({static_cast<std::uint16_t>((p[0] << 8) | p[1]),
                               static_cast<std::uint16_t>((p[2] << 8) | p[3])});
    }
    if (d.has_path_id) e.path_id = d.path_id;
  }
};

struct null_sink final : elem_sink {
  void on_elem(const dump_elem&) override {}
};

// ---- data interfaces ----------------------------------------------------------------------

struct resource {
  std::string path, project, collector;
  record_type type = record_type::update;
  std::uint32_t initial_time = 0;  // from the file name; 0 if unknown (singlefile)
  std::uint32_t duration = 0;      // updates files: the span they cover
  std::size_t order = 0;
};

// RouteViews: [route-views.X/]bgpdata/YYYY.MM/{RIBS,UPDATES}/{rib,updates}.YYYYMMDD.HHMM[.bz2]
// RIS:        rrcNN/YYYY.MM/{bview,updates}.YYYYMMDD.HHMM[.gz]
std::optional<resource> classify(const fs::path& p) {
  const std::string name = p.filename().string();
  resource r;
  std::size_t at = 0;
  if (name.rfind("rib.", 0) == 0) {
    r.type = record_type::rib;
    at = 4;
  } else if (name.rfind("bview.", 0) == 0) {
    r.type = record_type::rib;
    at = 6;
  } else if (name.rfind("updates.", 0) == 0) {
    r.type = record_type::update;
    at = 8;
  } else {
    return std::nullopt;
  }
  auto y = digits(name, at, 4), mo = digits(name, at + 4, 2), d = digits(name, at + 6, 2);
  auto h = digits(name, at + 9, 2), mi = digits(name, at + 11, 2);
  if (!y || !mo || !d || !h || !mi || name.size() < at + 13 || name[at + 8] != '.') return std::nullopt;
  const std::string_view rest = std::string_view(name).substr(at + 13);
  if (!rest.empty() && rest != ".bz2" && rest != ".gz") return std::nullopt;
  auto t = make_time(*y, *mo, *d, *h, *mi, 0);
  if (!t) return std::nullopt;
  r.initial_time = *t;
  // Project and collector from the directories above the file.
  std::vector<std::string> dirs;
  for (fs::path q = p.parent_path(); !q.empty() && q != q.root_path() && dirs.size() < 8; q = q.parent_path())
    dirs.push_back(q.filename().string());
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    const std::string& c = dirs[i];
    if (c.size() > 3 && c.rfind("rrc", 0) == 0 && parse_u32(std::string_view(c).substr(3))) {
      r.project = "ris";
      r.collector = c;
      r.duration = 300;
      break;
    }
    if (c == "bgpdata") {
      r.project = "routeviews";
      r.collector = i + 1 < dirs.size() && dirs[i + 1].rfind("route-views", 0) == 0 ? dirs[i + 1] : "route-views2";
      r.duration = 900;
      break;
    }
  }
  if (r.project.empty()) return std::nullopt;
  if (r.type == record_type::rib) r.duration = 0;
  r.path = p.string();
  return r;
}

// ---- per-file readers ---------------------------------------------------------------------

struct reader {
  const resource* res = nullptr;
  std::unique_ptr<record_reader> rd;
  bgpdump_printer parser;
  record head;
  bool has_head = false;
  bool finished = false;
  bool first = true;            // the next valid record is the file's first
  bool head_first = false;      // head is the file's first valid record
  std::uint64_t seen = 0;       // MRT records read
  std::uint64_t emitted = 0;    // valid records produced
  std::uint64_t counted_bytes = 0;
  std::uint32_t dump_time = 0;
};

// ---- the "bmp" interface ------------------------------------------------------------------

struct bmp_config {
  std::string address = "::", project = "bmp", collector = "bmp";
  std::uint16_t port = 11019;
  std::uint64_t max_records = 0;  // 0: no limit
  std::uint32_t duration = 0;     // seconds; 0: no limit
};

struct bmp_feed {
  explicit bmp_feed(bmp::station_options o) : station(std::move(o)) {}
  bmp::station station;
  bgpdump_printer parser;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::uint64_t returned = 0;
  bool ended = false;
  std::vector<std::uint8_t> body;
};

void put_be(std::vector<std::uint8_t>& b, std::uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_addr(std::vector<std::uint8_t>& b, const ip_addr& a) {
  if (a.is_v4())
    b.insert(b.end(), std::get<0>(a.v).b.begin(), std::get<0>(a.v).b.end());
  else
    b.insert(b.end(), std::get<1>(a.v).b.begin(), std::get<1>(a.v).b.end());
}

// os-ken's AS width guess for a PDU seen without its session: true when the UPDATE's AS_PATH
// reads as 2-byte segments to its end exactly (pdu: the whole BGP message).
bool as_path_two_byte(const std::uint8_t* p, std::size_t n) {
  if (n < 23) return false;
  std::size_t at = 19;
  const std::size_t wlen = (std::size_t(p[at]) << 8) | p[at + 1];
  at += 2 + wlen;
  if (at + 2 > n) return false;
  const std::size_t alen = (std::size_t(p[at]) << 8) | p[at + 1];
  at += 2;
  const std::size_t end = std::min(n, at + alen);
  while (at + 3 <= end) {
    const std::uint8_t flags = p[at], code = p[at + 1];
    std::size_t len, hdr;
    if (flags & 0x10) {
      if (at + 4 > end) return false;
      len = (std::size_t(p[at + 2]) << 8) | p[at + 3];
      hdr = 4;
    } else {
      len = p[at + 2];
      hdr = 3;
    }
    if (at + hdr + len > end) return false;
    if (code == 2) {
      std::size_t q = at + hdr;
      const std::size_t qe = q + len;
      while (q < qe) {
        if (q + 2 > qe) return false;
        const std::uint8_t seg = p[q];
        if (seg < 1 || seg > 4) return false;
        q += 2 + 2 * std::size_t(p[q + 1]);
      }
      return q == qe;
    }
    at += hdr + len;
  }
  return true;  // no AS_PATH: either width reads the same
}

struct heap_order {
  bool operator()(const reader* a, const reader* b) const {  // true: a after b
    if (a->head.time_sec != b->head.time_sec) return a->head.time_sec > b->head.time_sec;
    if (a->head.time_usec != b->head.time_usec) return a->head.time_usec > b->head.time_usec;
    return a->res->order > b->res->order;
  }
};

}  // namespace

struct stream::impl {
  std::string interface;
  std::string rib_file, upd_file, dir;
  filters f;
  bool started = false;
  std::vector<resource> resources;
  std::size_t next_resource = 0;
  std::vector<std::unique_ptr<reader>> readers;  // open ones
  std::priority_queue<reader*, std::vector<reader*>, heap_order> heap;
  record current;
  stream_stats stats;
  collect_sink sink;
  bmp_config bmpc;
  std::unique_ptr<bmp_feed> feed;
  std::atomic<bool> interrupted{false};
  std::function<void(const bmp::station_event&)> bmp_observer;

  // A BGP4MP_ET record that carries what the BMP message says, so that the elems come from the
  // same parser as the MRT records' (bgpdump_printer::extract). Route monitoring: MESSAGE(_AS4)
  // (_ADDPATH) with the per-peer header's peer; peer up / down: STATE_CHANGE_AS4 with
  // libbgpstream's states (up: -> ACTIVE, down: -> IDLE, old state unknown).
  bool bmp_elems(const bmp::station_event& ev) {
    const bmp::peer_header* ph = ev.msg ? bmp::peer_of(*ev.msg) : nullptr;
    if (!ph) return false;
    std::vector<std::uint8_t>& b = feed->body;
    b.clear();
    header hd;
    hd.type = type::bgp4mp_et;
    const std::uint16_t afi = ph->peer_address.is_v6() ? 2 : 1;
    const ip_addr local = ph->peer_address.is_v6() ? ip_addr{ipv6_addr{}} : ip_addr{ipv4_addr{}};
    if (std::holds_alternative<bmp::route_monitoring>(*ev.msg)) {
      const std::size_t off = bmp::common_header_size + bmp::peer_header_size;
      if (ev.raw.size() < off + 19) return false;
      const auto* pdu = reinterpret_cast<const std::uint8_t*>(ev.raw.data()) + off;
      const std::size_t n = ev.raw.size() - off;
      if (pdu[18] != 2) return false;  // as libbgpstream: UPDATEs only
      const auto w = ev.pdu_context.as;
      const bool as4 = w == bgp::context::as_width::four ||
                       (w == bgp::context::as_width::guess && !as_path_two_byte(pdu, n));
      const bool addpath = !ev.pdu_context.add_path.empty();
      hd.subtype = as4 ? (addpath ? bgp4mp_subtype::message_as4_addpath : bgp4mp_subtype::message_as4)
                       : (addpath ? bgp4mp_subtype::message_addpath : bgp4mp_subtype::message);
      put_be(b, as4 || ph->peer_as <= 0xffff ? ph->peer_as : 23456, as4 ? 4 : 2);  // AS_TRANS
      put_be(b, 0, as4 ? 4 : 2);
      put_be(b, 0, 2);
      put_be(b, afi, 2);
      put_addr(b, ph->peer_address);
      put_addr(b, local);
      b.insert(b.end(), pdu, pdu + n);
    } else if (std::holds_alternative<bmp::peer_up>(*ev.msg) || std::holds_alternative<bmp::peer_down>(*ev.msg)) {
      const bool up = std::holds_alternative<bmp::peer_up>(*ev.msg);
      hd.subtype = bgp4mp_subtype::state_change_as4;
      put_be(b, ph->peer_as, 4);
      put_be(b, 0, 4);
      put_be(b, 0, 2);
      put_be(b, afi, 2);
      put_addr(b, ph->peer_address);
      put_addr(b, local);
      put_be(b, 0, 2);
      put_be(b, up ? 3 : 1, 2);
    } else {
      return false;
    }
    record& h = current;
    h.time_sec = ph->timestamp_sec;
    h.time_usec = ph->timestamp_usec % 1000000;
    if (h.time_sec == 0) {  // no timestamp from the router: when the station got it
      h.time_sec = ev.received_sec;
      h.time_usec = ev.received_usec;
    }
    hd.timestamp = h.time_sec;
    hd.microsecond = h.time_usec;
    hd.length = static_cast<std::uint32_t>(b.size() + 4);
    sink.rec = &h;
    sink.printer = &feed->parser;
    (void)feed->parser.extract(hd, bytes_view(reinterpret_cast<const std::byte*>(b.data()), b.size()), sink);
    return true;
  }

  const record* bmp_next() {
    using clock = std::chrono::steady_clock;
    bmp_feed& fd = *feed;
    for (;;) {
      if (fd.ended || interrupted.load() || (bmpc.max_records && fd.returned >= bmpc.max_records) ||
          clock::now() >= fd.deadline) {
        if (!fd.ended) fd.station.stop();
        fd.ended = true;
        return nullptr;
      }
      auto wait = std::chrono::milliseconds(100);
      if (fd.deadline != clock::time_point::max())
        wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(fd.deadline - clock::now()) +
                                  std::chrono::milliseconds(1));
      auto ev = fd.station.next(wait);
      if (!ev) continue;
      if (bmp_observer) bmp_observer(*ev);
      record& h = current;
      h.elems.clear();
      h.bgpdump_lines.clear();
      h.project = bmpc.project;
      h.collector = bmpc.collector;
      h.router = ev->router.address.to_string();
      h.router_ip = ev->router.address;
      h.type = record_type::update;
      h.status = record_status::valid;
      h.position = dump_position::middle;
      h.source = ev->router.to_string();
      h.error.clear();
      const bool framing_error = ev->type == bmp::station_event::kind::closed && !ev->error.empty() &&
                                 ev->error.rfind("bmp: ", 0) == 0;
      const bool decode_error = ev->type == bmp::station_event::kind::message && !ev->msg;
      if (framing_error || decode_error) {
        h.status = record_status::corrupted_source;
        h.error = ev->error;
        h.time_sec = ev->received_sec;
        h.time_usec = ev->received_usec;
      } else if (ev->type != bmp::station_event::kind::message || !bmp_elems(*ev)) {
        continue;
      }
      h.dump_time = h.time_sec;
      if (!f.projects.empty() && !filters::in(f.projects, h.project)) continue;
      if (!f.collectors.empty() && !filters::in(f.collectors, h.collector)) continue;
      if (f.record_types && !(f.record_types & 2)) continue;
      if (h.status == record_status::valid && !f.time_wanted(h.time_sec)) {
        if (f.beyond_intervals(h.time_sec)) {  // as libbgpstream: the end of the stream
          fd.station.stop();
          fd.ended = true;
          return nullptr;
        }
        continue;
      }
      ++fd.returned;
      ++stats.records;
      stats.elems += h.elems.size();
      return &h;
    }
  }

  void status_record(reader& r, record_status st, std::string why) {
    record& h = r.head;
    h.elems.clear();
    h.bgpdump_lines.clear();
    h.status = st;
    h.error = std::move(why);
    h.time_sec = r.dump_time ? r.dump_time : r.res->initial_time;
    h.time_usec = 0;
    h.dump_time = h.time_sec;
    r.has_head = true;
    r.finished = true;
  }

  void account(reader& r) {
    if (!r.rd) return;
    const std::uint64_t now = r.rd->source().input_bytes();
    stats.bytes_read += now - r.counted_bytes;
    r.counted_bytes = now;
  }

  void close(reader& r) {
    account(r);
    r.rd.reset();
  }

  // Reads the reader's next record into head (has_head false when the file is done).
  void advance(reader& r) {
    r.has_head = false;
    r.head_first = false;
    if (r.finished) return;
    record& h = r.head;
    h.project = r.res->project;
    h.collector = r.res->collector;
    h.router.clear();
    h.type = r.res->type;
    h.source = r.res->path;
    h.error.clear();
    h.position = dump_position::middle;
    if (!r.rd) {
      auto src = byte_source::open(r.res->path);
      if (!src) return status_record(r, record_status::corrupted_source, src.err().to_string());
      r.rd = std::make_unique<record_reader>(std::move(*src));
      ++stats.files_opened;
    }
    raw_record raw;
    null_sink none;
    for (;;) {
      const auto o = r.rd->next(raw);
      if (o == record_reader::outcome::oversized) {
        close(r);
        return status_record(r, record_status::corrupted_source, "a record longer than the limit");
      }
      if (o == record_reader::outcome::truncated) {
        close(r);
        return status_record(r, record_status::corrupted_source, "the data ends inside a record");
      }
      if (o == record_reader::outcome::end) {
        const bool broken = r.rd->source().truncated();
        std::string why = broken ? r.rd->source().error() : std::string();
        close(r);
        if (broken) return status_record(r, record_status::corrupted_source, why.empty() ? "damaged data" : why);
        if (r.emitted == 0)
          return status_record(r, r.seen ? record_status::filtered_source : record_status::empty_source, {});
        r.finished = true;
        return;
      }
      ++r.seen;
      const header& hd = raw.hdr;
      if (hd.type == type::table_dump_v2 && hd.subtype == td2_subtype::peer_index_table) {
        (void)r.parser.extract(hd, raw.body, none);  // the peer table, for the RIB records after it
        continue;
      }
      if (raw.body.empty()) continue;
      if (!f.time_wanted(hd.timestamp)) {
        if (f.beyond_intervals(hd.timestamp)) {  // as bgpstream: the file is done
          close(r);
          if (r.emitted == 0) return status_record(r, record_status::filtered_source, {});
          r.finished = true;
          return;
        }
        continue;
      }
      h.elems.clear();
      h.bgpdump_lines.clear();
      h.status = record_status::valid;
      h.time_sec = hd.timestamp;
      h.time_usec = hd.type == type::bgp4mp_et ? hd.microsecond : 0;
      if (r.first) r.dump_time = r.res->initial_time ? r.res->initial_time : hd.timestamp;
      h.dump_time = r.dump_time;
      sink.rec = &h;
      sink.printer = &r.parser;
      if (!r.parser.extract(hd, raw.body, sink)) {
        close(r);
        return status_record(r, record_status::corrupted_source,
                             "a RIB entry names a peer the PEER_INDEX_TABLE does not have");
      }
      r.head_first = r.first;
      r.first = false;
      ++r.emitted;
      r.has_head = true;
      if ((r.seen & 1023) == 0) account(r);
      return;
    }
  }

  void open_due() {
    while (next_resource < resources.size() &&
           (heap.empty() || resources[next_resource].initial_time <= heap.top()->head.time_sec)) {
      auto r = std::make_unique<reader>();
      r->res = &resources[next_resource++];
      advance(*r);
      if (r->has_head) {
        heap.push(r.get());
        readers.push_back(std::move(r));
      }
    }
  }

  const record* next() {
    if (!started) return nullptr;
    if (feed) return bmp_next();
    open_due();
    if (heap.empty()) return nullptr;
    reader* r = heap.top();
    heap.pop();
    std::swap(current, r->head);
    const bool was_first = r->head_first;
    advance(*r);
    if (current.status != record_status::valid || !r->has_head || r->head.status != record_status::valid)
      current.position = dump_position::end;
    else
      current.position = was_first ? dump_position::start : dump_position::middle;
    if (r->has_head) {
      heap.push(r);
    } else {
      auto it = std::find_if(readers.begin(), readers.end(), [&](const auto& p) { return p.get() == r; });
      if (it != readers.end()) readers.erase(it);
    }
    ++stats.records;
    stats.elems += current.elems.size();
    return &current;
  }

  bool resource_wanted(const resource& r) const {
    if (!f.projects.empty() && !filters::in(f.projects, r.project)) return false;
    if (!f.collectors.empty() && !filters::in(f.collectors, r.collector)) return false;
    if (f.record_types && !(f.record_types & (r.type == record_type::rib ? 1 : 2))) return false;
    if (r.initial_time) {
      if (r.type == record_type::rib) {
        if (!f.time_wanted(r.initial_time)) return false;
      } else {
        const std::uint32_t last = r.initial_time + (r.duration ? r.duration - 1 : 0);
        if (!f.overlaps(r.initial_time, last)) return false;
      }
    }
    return true;
  }
};

stream::stream() : p_(std::make_unique<impl>()) { p_->sink.f = &p_->f; }
stream::~stream() = default;

const stream_stats& stream::stats() const { return p_->stats; }

namespace {
error config_error(std::string field, std::string reason) {
  return make_error("bgpstream", std::move(field), 0, std::move(reason));
}
}  // namespace

status stream::set_data_interface(std::string_view name) {
  if (p_->started) return config_error("data-interface", "the stream has started");
  if (name != "singlefile" && name != "directory" && name != "bmp")
    return config_error("data-interface",
                        "unknown data interface '" + std::string(name) + "' (singlefile, directory, bmp)");
  p_->interface = name;
  return ok();
}

status stream::set_data_interface_option(std::string_view interface, std::string_view option, std::string_view value) {
  if (p_->started) return config_error("data-interface-option", "the stream has started");
  if (interface == "singlefile" && option == "rib-file") {
    p_->rib_file = value;
  } else if (interface == "singlefile" && option == "upd-file") {
    p_->upd_file = value;
  } else if (interface == "directory" && option == "path") {
    p_->dir = value;
  } else if (interface == "bmp" && (option == "address" || option == "project" || option == "collector")) {
    (option == "address" ? p_->bmpc.address : option == "project" ? p_->bmpc.project : p_->bmpc.collector) = value;
  } else if (interface == "bmp" && (option == "port" || option == "max-records" || option == "duration")) {
    auto v = parse_u32(value);
    if (!v || (option == "port" && *v > 0xffff))
      return config_error("data-interface-option",
                          "bad value '" + std::string(value) + "' for bmp option '" + std::string(option) + "'");
    if (option == "port")
      p_->bmpc.port = static_cast<std::uint16_t>(*v);
    else if (option == "max-records")
      p_->bmpc.max_records = *v;
    else
      p_->bmpc.duration = *v;
  } else {
    return config_error("data-interface-option",
                        "unknown option '" + std::string(option) + "' for '" + std::string(interface) + "'");
  }
  return ok();
}

status stream::add_filter(std::string_view type, std::string_view value) {
  filters& f = p_->f;
  if (p_->started) return config_error(std::string(type), "the stream has started");
  auto bad = [&](const char* what) {
    return config_error(std::string(type), std::string("bad value '") + std::string(value) + "': " + what);
  };
  if (type == "project") {
    f.projects.emplace_back(value);
  } else if (type == "collector") {
    f.collectors.emplace_back(value);
  } else if (type == "record-type") {
    if (value == "ribs" || value == "rib")
      f.record_types |= 1;
    else if (value == "updates" || value == "update")
      f.record_types |= 2;
    else
      return bad("ribs or updates");
  } else if (type == "peer-asn" || type == "not-peer-asn" || type == "origin-asn") {
    auto v = parse_u32(value);
    if (!v) return bad("an AS number");
    (type == "peer-asn" ? f.peer_asns : type == "not-peer-asn" ? f.not_peer_asns : f.origin_asns).push_back(*v);
  } else if (type == "prefix" || type == "prefix-more" || type == "prefix-less" || type == "prefix-exact" ||
             type == "prefix-any") {
    auto p = ip_prefix::parse(value);
    if (!p) return bad("a prefix such as 192.0.2.0/24");
    prefix_filter pf;
    pf.afi = p->addr.is_v4() ? 1 : 2;
    if (p->addr.is_v4())
      std::memcpy(pf.addr.data(), std::get<0>(p->addr.v).b.data(), 4);
    else
      pf.addr = std::get<1>(p->addr.v).b;
    pf.len = p->length;
    if (pf.len > (pf.afi == 1 ? 32 : 128)) return bad("prefix length too long");
    pf.how = type == "prefix-exact"  ? prefix_filter::match::exact
             : type == "prefix-less" ? prefix_filter::match::less
             : type == "prefix-any"  ? prefix_filter::match::any
                                     : prefix_filter::match::more;
    f.prefixes.push_back(pf);
  } else if (type == "community") {
    auto colon = value.find(':');
    if (colon == std::string_view::npos) return bad("asn:value, either may be *");
    community_filter cf;
    std::string_view a = value.substr(0, colon), v = value.substr(colon + 1);
    if (a != "*") {
      auto n = parse_u32(a);
      if (!n || *n > 0xffff) return bad("asn:value, either may be *");
      cf.asn_set = true;
      cf.asn = static_cast<std::uint16_t>(*n);
    }
    if (v != "*") {
      auto n = parse_u32(v);
      if (!n || *n > 0xffff) return bad("asn:value, either may be *");
      cf.value_set = true;
      cf.value = static_cast<std::uint16_t>(*n);
    }
    f.communities.push_back(cf);
  } else if (type == "elemtype") {
    if (value == "ribs" || value == "rib")
      f.elem_types |= 1u << static_cast<unsigned>(dump_elem::kind::rib);
    else if (value == "announcements" || value == "announcement")
      f.elem_types |= 1u << static_cast<unsigned>(dump_elem::kind::announcement);
    else if (value == "withdrawals" || value == "withdrawal")
      f.elem_types |= 1u << static_cast<unsigned>(dump_elem::kind::withdrawal);
    else if (value == "peerstates" || value == "peerstate")
      f.elem_types |= 1u << static_cast<unsigned>(dump_elem::kind::peerstate);
    else
      return bad("ribs, announcements, withdrawals or peerstates");
  } else if (type == "ipversion") {
    if (value == "4")
      f.ipversion = 4;
    else if (value == "6")
      f.ipversion = 6;
    else
      return bad("4 or 6");
  } else {
    return config_error(std::string(type), "unknown filter");
  }
  return ok();
}

void stream::add_interval_filter(std::uint32_t begin, std::uint32_t end) {
  p_->f.intervals.push_back({begin, end == 0 ? 0xffffffffu : end});
}

void stream::add_rib_period_filter(std::uint32_t period) { p_->f.rib_period = period; }
void stream::set_bgpdump_lines(bool on) { p_->sink.lines = on; }

status stream::start() {
  impl& m = *p_;
  if (m.started) return config_error("start", "already started");
  std::vector<resource> all;
  if (m.interface == "singlefile") {
    if (m.rib_file.empty() && m.upd_file.empty())
      return config_error("singlefile", "set the rib-file and/or upd-file option");
    if (!m.rib_file.empty()) {
      resource r;
      r.path = m.rib_file;
      r.project = r.collector = "singlefile";
      r.type = record_type::rib;
      all.push_back(r);
    }
    if (!m.upd_file.empty()) {
      resource r;
      r.path = m.upd_file;
      r.project = r.collector = "singlefile";
      r.type = record_type::update;
      all.push_back(r);
    }
  } else if (m.interface == "directory") {
    if (m.dir.empty()) return config_error("directory", "set the path option");
    std::error_code ec;
    fs::recursive_directory_iterator it(m.dir, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) return config_error("directory", "cannot read '" + m.dir + "': " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      if (auto r = classify(it->path())) all.push_back(std::move(*r));
    }
    if (ec) return config_error("directory", "cannot read '" + m.dir + "': " + ec.message());
    std::sort(all.begin(), all.end(), [](const resource& a, const resource& b) {
      if (a.initial_time != b.initial_time) return a.initial_time < b.initial_time;
      if (a.type != b.type) return a.type == record_type::rib;
      return a.path < b.path;
    });
  } else if (m.interface == "bmp") {
    bmp::station_options o;
    o.address = m.bmpc.address;
    o.port = m.bmpc.port;
    auto fd = std::make_unique<bmp_feed>(std::move(o));
    if (auto st = fd->station.listen(); !st) return st;
    if (m.bmpc.duration)
      fd->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(m.bmpc.duration);
    m.feed = std::move(fd);
    m.started = true;
    return ok();
  } else {
    return config_error("data-interface", "no data interface set");
  }
  // Record-level filters on files, then the RIB period (per collector, in time order).
  std::vector<std::pair<std::string, std::uint32_t>> last_rib;
  for (auto& r : all) {
    if (!m.resource_wanted(r)) continue;
    if (r.type == record_type::rib && m.f.rib_period && r.initial_time) {
      const std::string key = r.project + "." + r.collector;
      auto it = std::find_if(last_rib.begin(), last_rib.end(), [&](const auto& p) { return p.first == key; });
      if (it == last_rib.end()) {
        last_rib.emplace_back(key, r.initial_time);
      } else if (r.initial_time < it->second + m.f.rib_period) {
        continue;
      } else {
        it->second = r.initial_time;
      }
    }
    r.order = m.resources.size();
    m.resources.push_back(std::move(r));
  }
  m.started = true;
  return ok();
}

const record* stream::get_next_record() { return p_->next(); }

std::uint16_t stream::bmp_port() const { return p_->feed ? p_->feed->station.local_port() : 0; }
void stream::interrupt() { p_->interrupted = true; }
void stream::set_bmp_observer(std::function<void(const bmp::station_event&)> fn) { p_->bmp_observer = std::move(fn); }

std::optional<std::uint32_t> parse_time(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.find('-') == std::string_view::npos) return parse_u32(s);
  // Y-m-d [H:M[:S]]
  auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  if (!y || !mo || !d || s[4] != '-' || s[7] != '-') return std::nullopt;
  unsigned h = 0, mi = 0, sec = 0;
  if (s.size() > 10) {
    if (s[10] != ' ' && s[10] != 'T') return std::nullopt;
    auto hh = digits(s, 11, 2), mm = digits(s, 14, 2);
    if (!hh || !mm || s.size() < 16 || s[13] != ':') return std::nullopt;
    h = *hh;
    mi = *mm;
    if (s.size() > 16) {
      auto ss = digits(s, 17, 2);
      if (!ss || s[16] != ':' || s.size() != 19) return std::nullopt;
      sec = *ss;
    }
  } else if (s.size() != 10) {
    return std::nullopt;
  }
  return make_time(*y, *mo, *d, h, mi, sec);
}

std::string_view elem::origin() const { return origin_of(as_path); }
std::optional<std::uint32_t> elem::origin_asn() const { return asn_of(origin()); }

namespace {

void put_u(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
void put_time(std::string& out, std::uint32_t sec, std::uint32_t usec) {
  put_u(out, sec);
  out.push_back('.');
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, usec % 1000000);
  const auto n = static_cast<std::size_t>(r.ptr - buf);
  out.append(6 - n, '0');
  out.append(buf, n);
}
void put_communities(std::string& out, const std::vector<community>& cs) {
  bool first = true;
  for (const auto& c : cs) {
    if (!first) out.push_back(' ');
    first = false;
    put_u(out, c.asn);
    out.push_back(':');
    put_u(out, c.value);
  }
}
void put_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c >= 0x7f) {  // paths are not necessarily UTF-8: escape every non-ASCII byte
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

}  // namespace

void append_bgpreader_line(const record& r, const elem& e, std::string& out) {
  out.push_back(r.type == record_type::rib ? 'R' : 'U');
  out.push_back('|');
  out.push_back(to_char(e.type));
  out.push_back('|');
  put_time(out, r.time_sec, r.time_usec);
  out.push_back('|');
  out += r.project;
  out.push_back('|');
  out += r.collector;
  out.push_back('|');
  out += r.router;
  out.push_back('|');
  if (r.router_ip) out += r.router_ip->to_string();
  out.push_back('|');
  put_u(out, e.peer_asn);
  out.push_back('|');
  out += e.peer_address.to_string();
  out.push_back('|');
  switch (e.type) {
    case elem_type::rib:
    case elem_type::announcement:
      if (e.prefix) out += e.prefix->to_string();
      out.push_back('|');
      if (e.next_hop) out += e.next_hop->to_string();
      out.push_back('|');
      out += e.as_path;
      out.push_back('|');
      out += e.origin();
      out.push_back('|');
      put_communities(out, e.communities);
      out += "||";
      break;
    case elem_type::withdrawal:
      if (e.prefix) out += e.prefix->to_string();
      out += "||||||";
      break;
    case elem_type::peerstate:
      out += "|||||";
      out += to_string(e.old_state);
      out.push_back('|');
      out += to_string(e.new_state);
      break;
  }
}

void append_json_line(const record& r, const elem& e, std::string& out) {
  out += "{\"record_type\":\"";
  out += to_string(r.type);
  out += "\",\"project\":";
  put_json_string(out, r.project);
  out += ",\"collector\":";
  put_json_string(out, r.collector);
  if (r.router_ip) {
    out += ",\"router\":";
    put_json_string(out, r.router);
    out += ",\"router_ip\":\"";
    out += r.router_ip->to_string();
    out.push_back('"');
  }
  out += ",\"type\":\"";
  out.push_back(to_char(e.type));
  out += "\",\"time\":";
  put_time(out, e.time_sec, e.time_usec);
  out += ",\"peer_address\":\"";
  out += e.peer_address.to_string();
  out += "\",\"peer_asn\":";
  put_u(out, e.peer_asn);
  out += ",\"fields\":{";
  if (e.type == elem_type::peerstate) {
    out += "\"old-state\":\"";
    out += to_string(e.old_state);
    out += "\",\"new-state\":\"";
    out += to_string(e.new_state);
    out += "\"}}";
    return;
  }
  out += "\"prefix\":\"";
  if (e.prefix) out += e.prefix->to_string();
  out.push_back('"');
  if (e.path_id) {
    out += ",\"path-id\":";
    put_u(out, *e.path_id);
  }
  if (e.type != elem_type::withdrawal) {
    out += ",\"next-hop\":\"";
    if (e.next_hop) out += e.next_hop->to_string();
    out += "\",\"as-path\":";
    put_json_string(out, e.as_path);
    out += ",\"communities\":[";
    bool first = true;
    for (const auto& c : e.communities) {
      if (!first) out.push_back(',');
      first = false;
      out.push_back('"');
      put_u(out, c.asn);
      out.push_back(':');
      put_u(out, c.value);
      out.push_back('"');
    }
    out.push_back(']');
  }
  out += "}}";
}

}  // namespace wirekit::mrt::bgpstream
