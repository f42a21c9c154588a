// MRT JSON against os-ken's mrtlib: tests/mrt/osken_mrt.py prints os-ken's to_jsondict() of
// every record (run at test time with /usr/bin/python3); wirekit's to_json must be equal, record
// by record, for the os-ken fixtures and the other small fixtures os-ken can read. Records
// os-ken cannot parse or show (its own limits, e.g. CLUSTER_LIST, RIB_GENERIC) are skipped.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/fixtures.hpp"
#include "wirekit/mrt/input.hpp"
#include "wirekit/mrt/mrt.hpp"

namespace fs = std::filesystem;
using namespace wirekit;
using json = nlohmann::json;

namespace {

bool have_osken() {
  std::string out;
  return fs::exists("/usr/bin/python3") &&
         test::run_command("/usr/bin/python3 -c 'import os_ken.lib.mrtlib; print(1)' 2>/dev/null", out) == 0 &&
         out.find('1') == 0;
}

void compare(const fs::path& f, std::size_t& compared) {
  std::string out;
  const fs::path script = fs::path(WIREKIT_SOURCE_DIR) / "tests" / "mrt" / "osken_mrt.py";
  ASSERT_EQ(0, test::run_command("/usr/bin/python3 " + script.string() + " '" + f.string() + "'", out)) << f;
  std::istringstream lines(out);
  auto src = mrt::byte_source::open(f.string());
  ASSERT_TRUE(src.ok());
  mrt::record_reader rd(std::move(*src));
  mrt::raw_record r;
  std::string line;
  std::size_t i = 0;
  while (std::getline(lines, line)) {
    ASSERT_EQ(mrt::record_reader::outcome::ok, rd.next(r)) << f << " record " << i;
    json expect = json::parse(line);
    ++i;
    if (expect.contains("osken_error")) continue;
    auto rec = mrt::decode(r.whole, r.offset);
    ASSERT_TRUE(rec.ok()) << f << " record " << i << ": " << rec.err().to_string();
    json got = mrt::to_json(*rec);
    const std::string d = test::json_diff(expect, got);
    EXPECT_EQ("", d) << f.filename() << " record " << i << "\nos-ken:  " << expect.dump() << "\nwirekit: " << got.dump();
    if (!d.empty()) return;
    ++compared;
  }
}

}  // namespace

TEST(MrtOsken, JsonEqualsOskenMrtlib) {
  WIREKIT_REQUIRE_SHARED(shared);
  if (!have_osken()) GTEST_SKIP() << "os-ken is not installed for /usr/bin/python3; skipped";
  std::size_t compared = 0;
  for (const auto& e : fs::directory_iterator(shared / "fixtures" / "os-ken" / "packet_data" / "mrt")) compare(e.path(), compared);
  for (const char* n : {"mrtparse__quagga_bgp", "mrtparse__quagga_rib", "mrtparse__bird-mrtdump_rib",
                        "mrtparse__bird6-mrtdump_rib", "mrtparse__openbgpd_bgp", "mrtparse__openbgpd_rib_table-v2"}) {
    const fs::path p = shared / "fixtures" / "mrt" / n;
    if (fs::exists(p)) compare(p, compared);
  }
  for (const char* n : {"mrt-gobgpd-bgp4mp-updates.mrt", "mrt-gobgpd-table-dump-v2.mrt"}) {
    const fs::path p = shared / "fixtures" / "peers" / n;
    if (fs::exists(p)) compare(p, compared);
  }
  EXPECT_GT(compared, 2500u);
}
