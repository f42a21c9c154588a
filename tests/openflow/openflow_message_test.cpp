// OpenFlow front door: framer over a byte stream, typed access, builders, errors.
// Expected bytes come from os-ken's fixtures (../shared/fixtures/os-ken/packet_data).
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "wirekit/openflow/of13.hpp"
#include "wirekit/openflow/openflow.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

bytes fixture(const fs::path& shared, const char* dir, const char* name) {
  return test::read_file(shared / "fixtures" / "os-ken" / "packet_data" / dir / name);
}

TEST(OpenflowFramer, CutsAStreamFedByteByByte) {
  WIREKIT_REQUIRE_SHARED(shared);
  bytes a = fixture(shared, "of13", "4-2-ofp_flow_mod.packet");
  bytes b = fixture(shared, "of13", "4-10-ofp_hello.packet");
  bytes stream = a;
  stream.insert(stream.end(), b.begin(), b.end());
  openflow::framer f;
  std::vector<bytes> got;
  for (std::byte x : stream) {
    ASSERT_TRUE(f.feed(bytes_view(&x, 1)).ok());
    for (;;) {
      auto n = f.next();
      ASSERT_TRUE(n.ok());
      if (!*n) break;
      got.push_back(std::move(**n));
    }
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], a);
  EXPECT_EQ(got[1], b);
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(OpenflowFramer, RejectsALengthBelowTheHeader) {
  openflow::framer f;
  bytes bad = to_bytes({4, 0, 0, 4, 0, 0, 0, 1});
  ASSERT_TRUE(f.feed(bad).ok());
  EXPECT_FALSE(f.next().ok());
}

TEST(OpenflowDecode, TypedAccessToAFlowMod) {
  WIREKIT_REQUIRE_SHARED(shared);
  auto m = openflow::decode(fixture(shared, "of13", "4-2-ofp_flow_mod.packet"));
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  EXPECT_STREQ(m->class_name(), "OFPFlowMod");
  auto* fm = m->get<openflow::of13::flow_mod>();
  ASSERT_NE(fm, nullptr);
  EXPECT_EQ(m->get<openflow::of13::packet_in>(), nullptr);
  EXPECT_FALSE(fm->instructions.empty());
}

TEST(OpenflowDecode, TruncatedInputIsAnErrorWithAnOffset) {
  WIREKIT_REQUIRE_SHARED(shared);
  bytes full = fixture(shared, "of13", "4-2-ofp_flow_mod.packet");
  for (std::size_t n = 0; n < full.size(); ++n) {
    bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    if (n >= 4) store_be16(cut.data() + 2, static_cast<std::uint16_t>(n));  // a consistent header
    auto m = openflow::decode(cut);
    if (!m) {
      EXPECT_EQ(m.err().protocol, "openflow");
      EXPECT_LE(m.err().offset, n);
    }
  }
}

// Building a message in C++ gives os-ken's bytes for the same message (os-ken's OF1.3
// barrier request and echo request fixtures).
TEST(OpenflowBuild, BarrierAndEchoMatchOsKen) {
  WIREKIT_REQUIRE_SHARED(shared);
  bytes want = fixture(shared, "of13", "4-17-ofp_barrier_request.packet");
  auto m = openflow::make(openflow::OFP13, openflow::of13::barrier_request{}, load_be32(want.data() + 4));
  ASSERT_TRUE(m.ok());
  auto out = openflow::encode(*m);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(to_hex(*out), to_hex(want));

  bytes echo = fixture(shared, "of13", "4-13-ofp_echo_request.packet");
  openflow::of13::echo_request e;
  e.data.assign(echo.begin() + 8, echo.end());
  auto me = openflow::make(openflow::OFP13, e, load_be32(echo.data() + 4));
  ASSERT_TRUE(me.ok());
  auto oe = openflow::encode(*me);
  ASSERT_TRUE(oe.ok());
  EXPECT_EQ(to_hex(*oe), to_hex(echo));
}

TEST(OpenflowDecode, UnknownVersionIsAnError) {
  bytes b = to_bytes({9, 0, 0, 8, 0, 0, 0, 0});
  auto m = openflow::decode(b);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().protocol, "openflow");
}

}  // namespace
