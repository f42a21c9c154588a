// The BGPStream-like API (wirekit/mrt/stream.hpp). Filter semantics are checked against
// selections made on `bgpdump -m FILE` output with awk (and Python's ipaddress module for
// prefix containment), never against output of the code under test; the project-owned MRT file
// is checked against the values written into it by hand and the bgpreader line format against
// libbgpstream's documented format.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/mrt/stream.hpp"

namespace fs = std::filesystem;
using namespace wirekit;
namespace bs = wirekit::mrt::bgpstream;

namespace {

const char* kJinx = "libbgpstream__routeviews.route-views.jinx.updates.1427846400.bz2";
const char* kRrc06 = "libbgpstream__ris.rrc06.updates.1427846400.gz";
const char* kOskenRib = "osken__rib.20161101.0000_pick.bz2";
const char* kOskenUpd = "osken__updates.20161101.0000.bz2";

// Lines of `bgpdump -m F | awk -F'|' PROGRAM` (PROGRAM prints the lines it selects).
std::size_t awk_count(const fs::path& f, const std::string& program) {
  std::string out;
  test::run_command("bgpdump -m " + test::shell_quote(f.string()) + " 2>/dev/null | awk -F'|' " + test::shell_quote(program) +
                        " | wc -l",
                    out);
  return static_cast<std::size_t>(std::stoul(out.empty() ? "0" : out));
}

// Lines of bgpdump -m whose prefix (field 6) stands in `relation` to `pfx`, by Python's ipaddress:
// "more" (pfx or inside it), "less" (pfx or containing it), "any" (either). A/B/W lines only.
std::size_t python_prefix_count(const fs::path& f, const std::string& pfx, const std::string& relation) {
  const std::string py =
      "import sys, ipaddress\n"
      "f = ipaddress.ip_network(sys.argv[1])\n"
      "rel = sys.argv[2]\n"
      "n = 0\n"
      "for line in sys.stdin:\n"
      "    p = line.rstrip('\\n').split('|')\n"
      "    if p[2] not in ('A', 'B', 'W'): continue\n"
      "    try: q = ipaddress.ip_network(p[5], strict=False)\n"
      "    except ValueError: continue\n"
      "    if q.version != f.version: continue\n"
      "    more = q.prefixlen >= f.prefixlen and q.supernet(q.prefixlen - f.prefixlen).network_address == f.network_address\n"
      "    less = f.prefixlen >= q.prefixlen and f.supernet(f.prefixlen - q.prefixlen).network_address == q.network_address\n"
      "    if (rel == 'more' and more) or (rel == 'less' and less) or (rel == 'any' and (more or less)): n += 1\n"
      "print(n)\n";
  const fs::path script = fs::temp_directory_path() / "wirekit_stream_prefix.py";
  std::ofstream(script) << py;
  std::string out;
  test::run_command("bgpdump -m " + test::shell_quote(f.string()) + " 2>/dev/null | /usr/bin/python3 " +
                        test::shell_quote(script.string()) + " " + pfx + " " + relation,
                    out);
  return static_cast<std::size_t>(std::stoul(out.empty() ? "0" : out));
}

struct counts {
  std::size_t records = 0, elems = 0;
  std::map<bs::record_status, std::size_t> status;
};

using setup_fn = std::function<void(bs::stream&)>;

counts run_single(const fs::path& f, const setup_fn& setup, bool rib = false) {
  bs::stream s;
  EXPECT_TRUE(s.set_data_interface("singlefile").ok());
  EXPECT_TRUE(s.set_data_interface_option("singlefile", rib ? "rib-file" : "upd-file", f.string()).ok());
  if (setup) setup(s);
  auto st = s.start();
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.err().to_string());
  counts c;
  while (const bs::record* r = s.get_next_record()) {
    ++c.records;
    c.elems += r->elems.size();
    ++c.status[r->status];
  }
  return c;
}

std::size_t single_elems(const fs::path& f, const setup_fn& setup) { return run_single(f, setup).elems; }

#define REQUIRE_BGPDUMP_FIXTURES(dir)                                                            \
  WIREKIT_REQUIRE_SHARED(dir##_shared);                                                          \
  if (!test::have_program("bgpdump")) GTEST_SKIP() << "bgpdump is not installed; skipped";      \
  const fs::path dir = dir##_shared / "fixtures" / "mrt";                                        \
  if (!fs::exists(dir / kJinx)) GTEST_SKIP() << "fixture " << kJinx << " is absent; skipped"

fs::path make_temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("wirekit_stream_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST(MrtStream, NoFilterGivesEveryBgpdumpLine) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  for (const char* name : {kJinx, kRrc06, kOskenUpd}) {
    const fs::path f = mrt / name;
    counts c = run_single(f, {});
    EXPECT_EQ(c.elems, awk_count(f, "{print}")) << name;
    EXPECT_EQ(c.status[bs::record_status::valid], c.records) << name;
  }
  const fs::path rib = mrt / kOskenRib;
  EXPECT_EQ(run_single(rib, {}, true).elems, awk_count(rib, "{print}"));
}

TEST(MrtStream, PeerAsnFilter) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path jinx = mrt / kJinx, rrc06 = mrt / kRrc06, upd = mrt / kOskenUpd;
  EXPECT_EQ(single_elems(jinx, [](bs::stream& s) { (void)s.add_filter("peer-asn", "37105"); }),
            awk_count(jinx, "$5==37105"));
  // Two peer ASNs: OR-ed.
  const std::size_t two = single_elems(jinx, [](bs::stream& s) {
    (void)s.add_filter("peer-asn", "37105");
    (void)s.add_filter("peer-asn", "10474");
  });
  EXPECT_EQ(two, awk_count(jinx, "$5==37105 || $5==10474"));
  EXPECT_GT(two, 100u);
  // State changes count as elems of their peer.
  EXPECT_EQ(single_elems(rrc06, [](bs::stream& s) { (void)s.add_filter("peer-asn", "17697"); }),
            awk_count(rrc06, "$5==17697"));
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("not-peer-asn", "2497"); }),
            awk_count(upd, "$5!=2497"));
}

TEST(MrtStream, PrefixFilters) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path jinx = mrt / kJinx, upd = mrt / kOskenUpd;
  auto with = [](const char* type, const char* value) {
    return [=](bs::stream& s) { ASSERT_TRUE(s.add_filter(type, value).ok()); };
  };
  const std::size_t exact = single_elems(jinx, with("prefix-exact", "199.38.164.0/23"));
  EXPECT_EQ(exact, awk_count(jinx, "$3!=\"STATE\" && $6==\"199.38.164.0/23\""));
  EXPECT_GT(exact, 0u);
  for (const char* pfx : {"199.38.0.0/16", "209.212.8.0/21", "12.0.0.0/8"}) {
    EXPECT_EQ(single_elems(jinx, with("prefix-more", pfx)), python_prefix_count(jinx, pfx, "more")) << pfx;
    EXPECT_EQ(single_elems(jinx, with("prefix", pfx)), python_prefix_count(jinx, pfx, "more")) << pfx;
  }
  for (const char* pfx : {"199.38.164.0/24", "209.212.8.128/25"}) {
    const std::size_t less = single_elems(jinx, with("prefix-less", pfx));
    EXPECT_EQ(less, python_prefix_count(jinx, pfx, "less")) << pfx;
    EXPECT_GT(less, 0u) << pfx;
    EXPECT_EQ(single_elems(jinx, with("prefix-any", pfx)), python_prefix_count(jinx, pfx, "any")) << pfx;
  }
  EXPECT_EQ(single_elems(upd, with("prefix-any", "8.0.0.0/6")), python_prefix_count(upd, "8.0.0.0/6", "any"));
  // IPv6.
  EXPECT_EQ(single_elems(upd, with("prefix-more", "2a00::/12")), python_prefix_count(upd, "2a00::/12", "more"));
  // Two prefixes OR-ed; peer AND prefix.
  EXPECT_EQ(single_elems(jinx,
                         [](bs::stream& s) {
                           (void)s.add_filter("prefix-exact", "199.38.164.0/23");
                           (void)s.add_filter("prefix-exact", "209.212.8.0/24");
                         }),
            awk_count(jinx, "$3!=\"STATE\" && ($6==\"199.38.164.0/23\" || $6==\"209.212.8.0/24\")"));
  EXPECT_EQ(single_elems(jinx,
                         [](bs::stream& s) {
                           (void)s.add_filter("prefix-more", "199.0.0.0/8");
                           (void)s.add_filter("peer-asn", "37105");
                         }),
            awk_count(jinx, "$5==37105 && $6 ~ /^199\\./"));
}

TEST(MrtStream, CommunityFilterWithWildcards) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path jinx = mrt / kJinx;
  // Field 12 holds the communities of A lines (the file has no add-path records and no
  // well-known communities, which bgpdump would print by name).
  ASSERT_EQ(0u, awk_count(jinx, "$3==\"A\" && $12 ~ /no-export|no-advertise|local-AS/"));
  auto comm = [](std::initializer_list<const char*> values) {
    return [=](bs::stream& s) {
      for (const char* v : values) ASSERT_TRUE(s.add_filter("community", v).ok()) << v;
    };
  };
  const std::string has = "$3==\"A\" && (\" \" $12 \" \") ~ ";
  const std::size_t exact = single_elems(jinx, comm({"10474:7100"}));
  EXPECT_EQ(exact, awk_count(jinx, has + "/ 10474:7100 /"));
  EXPECT_GT(exact, 0u);
  const std::size_t asn_any = single_elems(jinx, comm({"37100:*"}));
  EXPECT_EQ(asn_any, awk_count(jinx, has + "/ 37100:[0-9]+ /"));
  EXPECT_GE(asn_any, exact);
  EXPECT_EQ(single_elems(jinx, comm({"*:5000"})), awk_count(jinx, has + "/ [0-9]+:5000 /"));
  EXPECT_EQ(single_elems(jinx, comm({"*:*"})), awk_count(jinx, "$3==\"A\" && $12 != \"\""));
  EXPECT_EQ(single_elems(jinx, comm({"10474:7100", "15399:*"})),
            awk_count(jinx, has + "/ (10474:7100|15399:[0-9]+) /"));
  // Bad values are refused.
  bs::stream s;
  EXPECT_FALSE(s.add_filter("community", "70000:1").ok());
  EXPECT_FALSE(s.add_filter("community", "1").ok());
  EXPECT_FALSE(s.add_filter("community", "a:b").ok());
}

TEST(MrtStream, TimeIntervals) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path jinx = mrt / kJinx, rrc06 = mrt / kRrc06;
  // jinx: records from 1427846430 to 1427847270.
  const std::size_t mid = single_elems(jinx, [](bs::stream& s) { s.add_interval_filter(1427846700, 1427846900); });
  EXPECT_EQ(mid, awk_count(jinx, "int($2)>=1427846700 && int($2)<=1427846900"));
  EXPECT_GT(mid, 0u);
  // Two intervals: OR-ed; an open end.
  EXPECT_EQ(single_elems(jinx,
                         [](bs::stream& s) {
                           s.add_interval_filter(1427846400, 1427846500);
                           s.add_interval_filter(1427847000, 0);
                         }),
            awk_count(jinx, "int($2)<=1427846500 || int($2)>=1427847000"));
  EXPECT_EQ(single_elems(rrc06, [](bs::stream& s) { s.add_interval_filter(1427846500, 1427846600); }),
            awk_count(rrc06, "int($2)>=1427846500 && int($2)<=1427846600"));
  // Nothing in the window: one filtered-source record.
  counts none = run_single(jinx, [](bs::stream& s) { s.add_interval_filter(1500000000, 1500000100); });
  EXPECT_EQ(none.records, 1u);
  EXPECT_EQ(none.status[bs::record_status::filtered_source], 1u);
  EXPECT_EQ(none.elems, 0u);
  // Time parsing: epoch and 'Y-m-d H:M:S' (UTC).
  EXPECT_EQ(bs::parse_time("2015-04-01 00:00:00"), 1427846400u);
  EXPECT_EQ(bs::parse_time("2015-04-01 00:05"), 1427846700u);
  EXPECT_EQ(bs::parse_time("2015-04-01"), 1427846400u);
  EXPECT_EQ(bs::parse_time("1427846400"), 1427846400u);
  EXPECT_FALSE(bs::parse_time("2015-13-01").has_value());
  EXPECT_FALSE(bs::parse_time("yesterday").has_value());
}

TEST(MrtStream, ElemTypeAndIpVersionFilters) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path rrc06 = mrt / kRrc06, upd = mrt / kOskenUpd;
  EXPECT_EQ(single_elems(rrc06, [](bs::stream& s) { (void)s.add_filter("elemtype", "peerstates"); }),
            awk_count(rrc06, "$3==\"STATE\""));
  EXPECT_EQ(single_elems(rrc06,
                         [](bs::stream& s) {
                           (void)s.add_filter("elemtype", "withdrawals");
                           (void)s.add_filter("elemtype", "peerstates");
                         }),
            awk_count(rrc06, "$3==\"STATE\" || $3==\"W\""));
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("ipversion", "6"); }),
            awk_count(upd, "$3!=\"STATE\" && $6 ~ /:/"));
}

TEST(MrtStream, RecordTypeProjectAndCollectorFilters) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path upd = mrt / kOskenUpd;
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("record-type", "ribs"); }), 0u);
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("record-type", "updates"); }),
            awk_count(upd, "{print}"));
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("project", "ris"); }), 0u);
  EXPECT_EQ(single_elems(upd, [](bs::stream& s) { (void)s.add_filter("collector", "singlefile"); }),
            awk_count(upd, "{print}"));
}

namespace {

struct tree {
  fs::path root;
  std::vector<std::pair<fs::path, std::string>> files;  // path, "project/collector/type"
};

// A RouteViews/RIS-like tree of fixture copies.
tree make_tree(const fs::path& mrt) {
  tree t;
  t.root = make_temp_dir("dir");
  auto put = [&](const char* fixture, const std::string& rel, const std::string& what) {
    fs::path p = t.root / rel;
    fs::create_directories(p.parent_path());
    fs::copy_file(mrt / fixture, p, fs::copy_options::overwrite_existing);
    t.files.emplace_back(p, what);
  };
  put(kJinx, "route-views.jinx/bgpdata/2015.04/UPDATES/updates.20150401.0000.bz2", "routeviews/route-views.jinx/update");
  put(kRrc06, "rrc06/2015.04/updates.20150401.0000.gz", "ris/rrc06/update");
  put(kOskenRib, "bgpdata/2016.11/RIBS/rib.20161101.0000.bz2", "routeviews/route-views2/rib");
  put(kOskenUpd, "bgpdata/2016.11/UPDATES/updates.20161101.0000.bz2", "routeviews/route-views2/update");
  // Not archive names: ignored.
  std::ofstream(t.root / "README") << "not an MRT file\n";
  std::ofstream(t.root / "rrc06" / "2015.04" / "updates.2015.gz") << "bad name\n";
  return t;
}

}  // namespace

TEST(MrtStream, DirectoryInterfaceMergesInTimeOrder) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  tree t = make_tree(mrt);
  std::size_t expect_total = 0;
  std::map<std::string, std::size_t> expect_by;
  for (const auto& [p, what] : t.files) {
    const std::size_t n = awk_count(p, "{print}");
    expect_total += n;
    expect_by[what] += n;
  }
  bs::stream s;
  ASSERT_TRUE(s.set_data_interface("directory").ok());
  ASSERT_TRUE(s.set_data_interface_option("directory", "path", t.root.string()).ok());
  ASSERT_TRUE(s.start().ok());
  double last = 0;
  bool ordered = true;
  std::size_t total = 0, starts = 0, ends = 0;
  std::map<std::string, std::size_t> by;
  while (const bs::record* r = s.get_next_record()) {
    EXPECT_EQ(r->status, bs::record_status::valid) << r->source;
    if (r->time() < last) ordered = false;
    last = r->time();
    total += r->elems.size();
    by[r->project + "/" + r->collector + "/" + bs::to_string(r->type)] += r->elems.size();
    starts += r->position == bs::dump_position::start;
    ends += r->position == bs::dump_position::end;
    if (r->project == "ris") {
      EXPECT_EQ(r->dump_time, 1427846400u);
    }
  }
  EXPECT_TRUE(ordered);
  EXPECT_EQ(total, expect_total);
  EXPECT_EQ(by, expect_by);
  EXPECT_EQ(ends, 4u);    // one per file
  EXPECT_EQ(starts, 4u);  // the first of each file
  EXPECT_EQ(s.stats().files_opened, 4u);

  // Record-level filters pick files: collector, project, record type, time window.
  auto count_with = [&](const setup_fn& setup) {
    bs::stream d;
    (void)d.set_data_interface("directory");
    (void)d.set_data_interface_option("directory", "path", t.root.string());
    setup(d);
    EXPECT_TRUE(d.start().ok());
    std::size_t n = 0;
    while (const bs::record* r = d.get_next_record()) n += r->elems.size();
    return std::make_pair(n, d.stats().files_opened);
  };
  EXPECT_EQ(count_with([](bs::stream& d) { (void)d.add_filter("collector", "rrc06"); }),
            std::make_pair(expect_by["ris/rrc06/update"], std::uint64_t{1}));
  EXPECT_EQ(count_with([](bs::stream& d) { (void)d.add_filter("project", "routeviews"); }).first,
            expect_total - expect_by["ris/rrc06/update"]);
  EXPECT_EQ(count_with([](bs::stream& d) { (void)d.add_filter("record-type", "ribs"); }),
            std::make_pair(expect_by["routeviews/route-views2/rib"], std::uint64_t{1}));
  // A window in 2015: the 2016 files are not even opened.
  EXPECT_EQ(count_with([](bs::stream& d) { d.add_interval_filter(1427846400, 1427850000); }),
            std::make_pair(expect_by["routeviews/route-views.jinx/update"] + expect_by["ris/rrc06/update"],
                           std::uint64_t{2}));
  // Peer ASN over the whole tree: the sum of the per-file awk selections.
  std::size_t peer_expect = 0;
  for (const auto& f : t.files) peer_expect += awk_count(f.first, "$5==2497 || $5==25152");
  EXPECT_EQ(count_with([](bs::stream& d) {
              (void)d.add_filter("peer-asn", "2497");
              (void)d.add_filter("peer-asn", "25152");
            }).first,
            peer_expect);
  // RIB period: with two RIB dumps an hour apart, a 2-hour period keeps the first only.
  fs::copy_file(mrt / kOskenRib, t.root / "bgpdata/2016.11/RIBS/rib.20161101.0100.bz2");
  EXPECT_EQ(count_with([](bs::stream& d) { (void)d.add_filter("record-type", "ribs"); }).second, 2u);
  EXPECT_EQ(count_with([](bs::stream& d) {
              (void)d.add_filter("record-type", "ribs");
              d.add_rib_period_filter(7200);
            }).second,
            1u);
  fs::remove_all(t.root);
}

TEST(MrtStream, CorruptedAndEmptySources) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path dir = make_temp_dir("bad");
  // A plain copy cut inside a record, a gzip copy cut in the middle, garbage, an empty file.
  const bytes plain = [&] {
    std::string out;
    test::run_command("bzcat " + test::shell_quote((mrt / kJinx).string()), out);
    return bytes(reinterpret_cast<const std::byte*>(out.data()), reinterpret_cast<const std::byte*>(out.data()) + out.size());
  }();
  ASSERT_GT(plain.size(), 10000u);
  auto write = [&](const fs::path& p, const std::byte* d, std::size_t n) {
    std::ofstream o(p, std::ios::binary);
    o.write(reinterpret_cast<const char*>(d), static_cast<std::streamsize>(n));
  };
  write(dir / "cut.mrt", plain.data(), plain.size() / 2 + 7);
  const bytes gz = test::read_file(mrt / kRrc06);
  write(dir / "cut.gz", gz.data(), gz.size() / 2);
  bytes junk(5000);
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = std::byte(static_cast<std::uint8_t>(i * 131 + 7));
  write(dir / "junk.mrt", junk.data(), junk.size());
  write(dir / "empty.mrt", nullptr, 0);

  for (const char* name : {"cut.mrt", "cut.gz", "junk.mrt"}) {
    counts c = run_single(dir / name, {});
    EXPECT_EQ(c.status[bs::record_status::corrupted_source], 1u) << name;
    EXPECT_EQ(c.status[bs::record_status::valid] + 1, c.records) << name;
  }
  // The valid records before the cut are all there: as many elems as bgpdump prints for the cut file.
  EXPECT_EQ(run_single(dir / "cut.mrt", {}).elems, awk_count(dir / "cut.mrt", "{print}"));
  counts e = run_single(dir / "empty.mrt", {});
  EXPECT_EQ(e.records, 1u);
  EXPECT_EQ(e.status[bs::record_status::empty_source], 1u);
  counts missing = run_single(dir / "no-such-file", {});
  EXPECT_EQ(missing.status[bs::record_status::corrupted_source], 1u);

  // In a directory, a corrupted file gives its records and one corrupted-source record, and
  // the stream goes on with the other files.
  const fs::path tree = make_temp_dir("badtree");
  fs::create_directories(tree / "rrc06/2015.04");
  fs::copy_file(dir / "cut.gz", tree / "rrc06/2015.04/updates.20150401.0000.gz");
  fs::copy_file(mrt / kRrc06, tree / "rrc06/2015.04/updates.20150401.0005.gz");
  fs::create_directories(tree / "rrc07/2015.04");
  fs::copy_file(dir / "junk.mrt", tree / "rrc07/2015.04/updates.20150401.0000.gz");
  bs::stream s;
  (void)s.set_data_interface("directory");
  (void)s.set_data_interface_option("directory", "path", tree.string());
  ASSERT_TRUE(s.start().ok());
  std::size_t corrupted = 0, elems = 0;
  while (const bs::record* r = s.get_next_record()) {
    if (r->status == bs::record_status::corrupted_source) {
      ++corrupted;
      EXPECT_FALSE(r->error.empty());
      EXPECT_TRUE(r->elems.empty());
    }
    elems += r->elems.size();
  }
  EXPECT_EQ(corrupted, 2u);
  EXPECT_GE(elems, awk_count(mrt / kRrc06, "{print}"));
  fs::remove_all(tree);
  fs::remove_all(dir);
}

// ---- a project-owned MRT file: every field checked against the values written into it ----

namespace {

bytes be_n(std::uint64_t v, int n) {
  bytes b;
  writer(b).uint(v, static_cast<std::size_t>(n));
  return b;
}
bytes join(std::initializer_list<bytes> parts) {
  bytes b;
  for (const auto& p : parts) b.insert(b.end(), p.begin(), p.end());
  return b;
}
bytes path_attr(std::uint8_t flags, std::uint8_t type, const bytes& v) {
  return join({to_bytes({flags, type, static_cast<unsigned>(v.size())}), v});
}
void mrt_record(bytes& out, std::uint32_t ts, std::uint16_t type, std::uint16_t subtype, const bytes& body) {
  writer w(out);
  w.u32(ts);
  w.u16(type);
  w.u16(subtype);
  w.u32(body.size());
  w.put(body);
}

bytes own_file() {
  bytes f;
  // PEER_INDEX_TABLE: 192.0.2.1 AS 64500 (2-byte), 2001:db8::1 AS 4200000000 (IPv6, 4-byte).
  mrt_record(f, 1700000000, 13, 1,
             join({to_bytes({10, 0, 0, 254}), be_n(0, 2), be_n(2, 2),                         //
                   to_bytes({0, 1, 1, 1, 1, 192, 0, 2, 1}), be_n(64500, 2),                    //
                   to_bytes({3, 2, 2, 2, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                   be_n(4200000000u, 4)}));
  // RIB_IPV4_UNICAST 198.51.100.0/24, two entries (TABLE_DUMP_V2 paths have 4-byte ASNs).
  const bytes origin = path_attr(0x40, 1, to_bytes({0}));
  const bytes e0 = join({path_attr(0x40, 2, join({to_bytes({2, 2}), be_n(64500, 4), be_n(64501, 4)})),
                         path_attr(0x40, 3, to_bytes({192, 0, 2, 1})),
                         path_attr(0xc0, 8, join({be_n(0xFBF40064u, 4), be_n(0xFFFFFF01u, 4)}))});
  const bytes e1 = join({path_attr(0x40, 2, join({to_bytes({2, 1}), be_n(4200000000u, 4), to_bytes({1, 2}),
                                                   be_n(64510, 4), be_n(64511, 4)})),
                         path_attr(0x40, 3, to_bytes({10, 0, 0, 1}))});
  const bytes a0 = join({origin, e0}), a1 = join({origin, e1});
  mrt_record(f, 1700000000, 13, 2,
             join({be_n(0, 4), to_bytes({24, 198, 51, 100}), be_n(2, 2),  //
                   be_n(0, 2), be_n(1699999000, 4), be_n(a0.size(), 2), a0,  //
                   be_n(1, 2), be_n(1699999000, 4), be_n(a1.size(), 2), a1}));
  // BGP4MP MESSAGE_AS4: withdraw 203.0.113.0/24, announce 10.1.0.0/16.
  const bytes attrs = join({origin, path_attr(0x40, 2, join({to_bytes({2, 2}), be_n(64500, 4), be_n(64502, 4)})),
                            path_attr(0x40, 3, to_bytes({192, 0, 2, 1})), path_attr(0xc0, 8, be_n(0xFBF400C8u, 4))});
  const bytes withdrawn = to_bytes({24, 203, 0, 113});
  const bytes nlri = to_bytes({16, 10, 1});
  bytes upd;
  {
    writer w(upd);
    for (int i = 0; i < 16; ++i) w.u8(0xff);
    w.u16(19 + 2 + withdrawn.size() + 2 + attrs.size() + nlri.size());
    w.u8(2);
    w.u16(withdrawn.size());
    w.put(withdrawn);
    w.u16(attrs.size());
    w.put(attrs);
    w.put(nlri);
  }
  mrt_record(f, 1700000100, 16, 4,
             join({be_n(64500, 4), be_n(64999, 4), be_n(0, 2), be_n(1, 2), to_bytes({192, 0, 2, 1, 192, 0, 2, 254}),
                   upd}));
  // BGP4MP STATE_CHANGE_AS4: Established -> Idle.
  mrt_record(f, 1700000200, 16, 5,
             join({be_n(64500, 4), be_n(64999, 4), be_n(0, 2), be_n(1, 2), to_bytes({192, 0, 2, 1, 192, 0, 2, 254}),
                   be_n(6, 2), be_n(1, 2)}));
  return f;
}

fs::path write_own_file() {
  const fs::path p = make_temp_dir("own") / "own.mrt";
  const bytes f = own_file();
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
  return p;
}

std::vector<std::string> own_lines(const fs::path& p, const setup_fn& setup) {
  bs::stream s;
  (void)s.set_data_interface("singlefile");
  (void)s.set_data_interface_option("singlefile", "rib-file", p.string());
  if (setup) setup(s);
  EXPECT_TRUE(s.start().ok());
  std::vector<std::string> lines;
  while (const bs::record* r = s.get_next_record())
    for (const auto& e : r->elems) {
      std::string l;
      bs::append_bgpreader_line(*r, e, l);
      lines.push_back(l);
    }
  return lines;
}

}  // namespace

TEST(MrtStream, ProjectOwnedFileElemsAndBgpreaderLines) {
  const fs::path p = write_own_file();
  // The record layout is what bgpdump reads too (5 lines), when it is installed.
  if (test::have_program("bgpdump")) {
    EXPECT_EQ(awk_count(p, "{print}"), 5u);
  }

  const std::vector<std::string> expect = {
      "R|R|1700000000.000000|singlefile|singlefile|||64500|192.0.2.1|198.51.100.0/24|192.0.2.1|64500 64501|64501|"
      "64500:100 65535:65281||",
      "R|R|1700000000.000000|singlefile|singlefile|||4200000000|2001:db8::1|198.51.100.0/24|10.0.0.1|"
      "4200000000 {64510,64511}|{64510,64511}|||",
      "R|W|1700000100.000000|singlefile|singlefile|||64500|192.0.2.1|203.0.113.0/24||||||",
      "R|A|1700000100.000000|singlefile|singlefile|||64500|192.0.2.1|10.1.0.0/16|192.0.2.1|64500 64502|64502|"
      "64500:200||",
      "R|S|1700000200.000000|singlefile|singlefile|||64500|192.0.2.1||||||ESTABLISHED|IDLE",
  };
  EXPECT_EQ(own_lines(p, {}), expect);

  // The elem values themselves.
  {
    bs::stream s;
    (void)s.set_data_interface("singlefile");
    (void)s.set_data_interface_option("singlefile", "upd-file", p.string());
    ASSERT_TRUE(s.start().ok());
    const bs::record* r = s.get_next_record();
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->type, bs::record_type::update);
    EXPECT_EQ(r->position, bs::dump_position::start);
    ASSERT_EQ(r->elems.size(), 2u);
    const bs::elem& e = r->elems[1];
    EXPECT_EQ(e.peer_asn, 4200000000u);
    EXPECT_EQ(e.peer_address.to_string(), "2001:db8::1");
    EXPECT_EQ(e.origin_asn(), std::nullopt);  // the origin is a set
    EXPECT_EQ(r->elems[0].origin_asn(), 64501u);
    EXPECT_EQ(r->elems[0].communities, (std::vector<bs::community>{{64500, 100}, {65535, 65281}}));
    r = s.get_next_record();
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->position, bs::dump_position::middle);
    r = s.get_next_record();
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->position, bs::dump_position::end);
    ASSERT_EQ(r->elems.size(), 1u);
    EXPECT_EQ(r->elems[0].old_state, bs::peer_state::established);
    EXPECT_EQ(r->elems[0].new_state, bs::peer_state::idle);
    EXPECT_EQ(s.get_next_record(), nullptr);
  }

  // Filters, by hand from the values above.
  auto n = [&](const setup_fn& f) { return own_lines(p, f).size(); };
  auto one = [](const char* t, const char* v) { return [=](bs::stream& s) { ASSERT_TRUE(s.add_filter(t, v).ok()); }; };
  EXPECT_EQ(n(one("peer-asn", "4200000000")), 1u);
  EXPECT_EQ(n(one("peer-asn", "64500")), 4u);
  EXPECT_EQ(n(one("origin-asn", "64502")), 1u);
  EXPECT_EQ(n(one("community", "*:65281")), 1u);
  EXPECT_EQ(n(one("community", "64500:*")), 2u);
  EXPECT_EQ(n(one("community", "*:*")), 2u);
  EXPECT_EQ(n(one("prefix-exact", "198.51.100.0/24")), 2u);
  EXPECT_EQ(n(one("prefix-exact", "198.51.0.0/16")), 0u);
  EXPECT_EQ(n(one("prefix-more", "198.51.0.0/16")), 2u);
  EXPECT_EQ(n(one("prefix", "10.0.0.0/8")), 1u);
  EXPECT_EQ(n(one("prefix-less", "10.1.2.0/24")), 1u);
  EXPECT_EQ(n(one("prefix-less", "10.0.0.0/8")), 0u);
  EXPECT_EQ(n(one("prefix-any", "203.0.113.128/25")), 1u);
  EXPECT_EQ(n(one("elemtype", "peerstates")), 1u);
  EXPECT_EQ(n(one("ipversion", "6")), 0u);
  EXPECT_EQ(n([](bs::stream& s) {
              (void)s.add_filter("peer-asn", "64500");
              (void)s.add_filter("community", "64500:*");
            }),
            2u);
  EXPECT_EQ(n([](bs::stream& s) {
              (void)s.add_filter("peer-asn", "64500");
              (void)s.add_filter("prefix-exact", "198.51.100.0/24");
            }),
            1u);
  EXPECT_EQ(n([](bs::stream& s) { s.add_interval_filter(1700000100, 1700000100); }), 2u);

  // JSON: one object per elem, parseable, with the fields.
  {
    bs::stream s;
    (void)s.set_data_interface("singlefile");
    (void)s.set_data_interface_option("singlefile", "rib-file", p.string());
    ASSERT_TRUE(s.start().ok());
    const bs::record* r = s.get_next_record();
    ASSERT_NE(r, nullptr);
    std::string j;
    bs::append_json_line(*r, r->elems[0], j);
    auto v = nlohmann::json::parse(j);
    EXPECT_EQ(v["type"], "R");
    EXPECT_EQ(v["peer_asn"], 64500);
    EXPECT_EQ(v["fields"]["prefix"], "198.51.100.0/24");
    EXPECT_EQ(v["fields"]["as-path"], "64500 64501");
    EXPECT_EQ(v["fields"]["communities"], nlohmann::json::parse(R"(["64500:100","65535:65281"])"));
  }
  fs::remove_all(p.parent_path());
}

TEST(MrtStream, ConfigurationErrors) {
  bs::stream s;
  EXPECT_FALSE(s.set_data_interface("broker").ok());
  EXPECT_FALSE(s.add_filter("peer-asn", "x").ok());
  EXPECT_FALSE(s.add_filter("prefix", "10.0.0.0/33").ok());
  EXPECT_FALSE(s.add_filter("record-type", "both").ok());
  EXPECT_FALSE(s.add_filter("colour", "blue").ok());
  EXPECT_FALSE(s.start().ok());  // no data interface
  ASSERT_TRUE(s.set_data_interface("directory").ok());
  EXPECT_FALSE(s.start().ok());  // no path
  EXPECT_FALSE(s.set_data_interface_option("directory", "rib-file", "x").ok());
  bs::stream d;
  (void)d.set_data_interface("directory");
  (void)d.set_data_interface_option("directory", "path", "/nonexistent/wirekit");
  EXPECT_FALSE(d.start().ok());
}

// The CLI: bgpreader lines and bgpdump lines through filters, against bgpdump | awk.
TEST(MrtStream, BgpreaderCliFilters) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  const fs::path cli = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(cli)) GTEST_SKIP() << "the wirekit CLI is not built; skipped";
  const fs::path jinx = mrt / kJinx;
  std::string got, expect;
  // --format bgpdump with a peer filter: exactly bgpdump's lines for that peer.
  EXPECT_EQ(0, test::run_command(test::shell_quote(cli.string()) + " bgpreader --format bgpdump -d singlefile -o upd-file=" +
                                     test::shell_quote(jinx.string()) + " -j 37105 -j 10474",
                                 got));
  test::run_command("bgpdump -m " + test::shell_quote(jinx.string()) + " 2>/dev/null | awk -F'|' '$5==37105 || $5==10474'",
                    expect);
  EXPECT_FALSE(expect.empty());
  EXPECT_TRUE(got == expect);
  // --format bgpreader: one line per selected elem, 16 fields, U records.
  EXPECT_EQ(0, test::run_command(test::shell_quote(cli.string()) + " bgpreader --format bgpreader -d singlefile -o upd-file=" +
                                     test::shell_quote(jinx.string()) + " -y 37100:* -w 1427846400,1427847000",
                                 got));
  std::size_t lines = 0, bad = 0;
  for (std::size_t pos = 0; pos < got.size();) {
    std::size_t nl = got.find('\n', pos);
    if (nl == std::string::npos) nl = got.size();
    const std::string l = got.substr(pos, nl - pos);
    ++lines;
    if (std::count(l.begin(), l.end(), '|') != 15 || l.rfind("U|A|", 0) != 0) ++bad;
    pos = nl + 1;
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_EQ(lines, awk_count(jinx, "$3==\"A\" && int($2)<=1427847000 && (\" \" $12 \" \") ~ / 37100:[0-9]+ /"));
  // -d directory.
  tree t = make_tree(mrt);
  EXPECT_EQ(0, test::run_command(test::shell_quote(cli.string()) + " bgpreader --format json -d directory -o path=" +
                                     test::shell_quote(t.root.string()) + " -c rrc06 | wc -l",
                                 got));
  EXPECT_EQ(std::stoul(got), awk_count(mrt / kRrc06, "{print}"));
  fs::remove_all(t.root);
}

// Hostile input: byte flips and cuts of a real updates file and of the project-owned file never
// crash the stream; every file ends with valid records and at most one status record.
TEST(MrtStream, MutatedInputNeverBreaksTheStream) {
  std::vector<bytes> bases = {own_file()};
  if (auto shared = test::shared_dir()) {
    const fs::path f = *shared / "fixtures" / "mrt" / "mrtparse__quagga_bgp";
    if (fs::exists(f)) bases.push_back(test::read_file(f));
  }
  const fs::path dir = make_temp_dir("mut");
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  std::size_t runs = 0;
  for (const bytes& base : bases) {
    for (int v = 0; v < 150; ++v) {
      bytes b = base;
      const int flips = 1 + static_cast<int>(next() % 8);
      for (int i = 0; i < flips; ++i) b[next() % b.size()] = std::byte(static_cast<std::uint8_t>(next()));
      if (v % 5 == 0) b.resize(next() % b.size());
      const fs::path p = dir / "m.mrt";
      std::ofstream(p, std::ios::binary | std::ios::trunc)
          .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
      bs::stream s;
      (void)s.set_data_interface("singlefile");
      (void)s.set_data_interface_option("singlefile", "upd-file", p.string());
      if (v % 3 == 1) {
        (void)s.add_filter("prefix-any", "10.0.0.0/8");
        (void)s.add_filter("community", "*:100");
      }
      ASSERT_TRUE(s.start().ok());
      std::size_t status_records = 0;
      std::string line;
      while (const bs::record* r = s.get_next_record()) {
        if (r->status != bs::record_status::valid) ++status_records;
        for (const auto& e : r->elems) {
          line.clear();
          bs::append_bgpreader_line(*r, e, line);
          bs::append_json_line(*r, e, line);
        }
      }
      EXPECT_LE(status_records, 1u);
      ++runs;
    }
  }
  EXPECT_GE(runs, 150u);
  fs::remove_all(dir);
}

// The stream's elems are the bgpdump printer's: through the stream (a filter that passes every
// elem, bgpdump lines kept), every fixture file still prints what `bgpdump -m` prints (the
// first 20000 lines of the large ones, as MrtBgpdump does).
TEST(MrtStream, StreamPathPrintsBgpdumpLinesForEveryFixture) {
  REQUIRE_BGPDUMP_FIXTURES(mrt);
  constexpr std::size_t kMax = 20000;
  std::vector<fs::path> files;
  for (const fs::path& d : {mrt, mrt_shared / "fixtures" / "os-ken" / "packet_data" / "mrt"}) {
    if (!fs::exists(d)) continue;
    for (const auto& e : fs::directory_iterator(d)) {
      const std::string n = e.path().filename().string();
      if (e.is_regular_file() && n != "SHA256SUMS" && n.find(".md") == std::string::npos) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 20u);
  for (const auto& f : files) {
    std::string expect;
    test::run_command("bgpdump -m " + test::shell_quote(f.string()) + " 2>/dev/null | head -n " + std::to_string(kMax), expect);
    bs::stream s;
    (void)s.set_data_interface("singlefile");
    (void)s.set_data_interface_option("singlefile", "rib-file", f.string());
    ASSERT_TRUE(s.add_filter("not-peer-asn", "4294967295").ok());
    s.set_bgpdump_lines(true);
    ASSERT_TRUE(s.start().ok());
    std::string got;
    std::size_t lines = 0;
    while (const bs::record* r = s.get_next_record()) {
      got += r->bgpdump_lines;
      lines += static_cast<std::size_t>(std::count(r->bgpdump_lines.begin(), r->bgpdump_lines.end(), '\n'));
      if (lines >= kMax) break;
    }
    if (lines > kMax) {
      std::size_t pos = 0;
      for (std::size_t i = 0; i < kMax; ++i) pos = got.find('\n', pos) + 1;
      got.resize(pos);
    }
    EXPECT_TRUE(got == expect) << f.filename() << ": " << lines << " lines";
  }
}
