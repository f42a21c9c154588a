// FlowSpec IPv6 prefix components with an offset, RFC 8956 §3.1 form (context::flowspec_ipv6 =
// rfc8956), against the two NLRI examples of RFC 8956 §3.8 (bytes and meaning copied from the
// RFC's tables). The draft form (os-ken's, the default) is covered by os-ken's own capture in
// bgp_osken_pcap_test.cpp. tshark 4.0's dissector reports these RFC examples as malformed (it
// reads the draft form), so it cannot serve as a second source here.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "support/fixtures.hpp"
#include "support/hex.hpp"
#include "wirekit/bgp/bgp.hpp"

using json = nlohmann::json;
using namespace wirekit;
namespace fs = std::filesystem;

namespace {

using test::from_hex;

// RFC 8956 §3.8 example 1: destination 2001:db8::/32, source ::1234:5678:9a00:0/64-104,
// upper-layer protocol tcp.
const char* const example1 = "12" "012000" "20010db8" "026840" "123456789a" "038106";
// Example 2: destination 2001:db8::/32, source ::1234:5678:9a00:0/65-104 (39 pattern bits and
// one bit of padding).
const char* const example2 = "0f" "012000" "20010db8" "026841" "2468acf134";

// An UPDATE (RFC 4271 §4.3) whose only NLRI is `nlri` in MP_REACH_NLRI (RFC 4760) for AFI 2 /
// SAFI 133, with ORIGIN IGP and an empty AS_PATH.
bytes update_with(const bytes& nlri) {
  bytes mp = from_hex("0002" "85" "00" "00");  // AFI 2, SAFI 133, next hop length 0, reserved
  mp.insert(mp.end(), nlri.begin(), nlri.end());
  bytes attrs = from_hex("40010100" "400200");
  attrs.push_back(std::byte{0x90});  // optional, extended length
  attrs.push_back(std::byte{14});
  attrs.push_back(std::byte(mp.size() >> 8));
  attrs.push_back(std::byte(mp.size() & 0xff));
  attrs.insert(attrs.end(), mp.begin(), mp.end());
  bytes m(16, std::byte{0xff});
  const std::size_t len = 19 + 4 + attrs.size();
  m.push_back(std::byte(len >> 8));
  m.push_back(std::byte(len & 0xff));
  m.push_back(std::byte{2});
  for (int i = 0; i < 4; ++i) m.push_back(std::byte{0});
  m[19 + 2] = std::byte(attrs.size() >> 8);
  m[19 + 3] = std::byte(attrs.size() & 0xff);
  m.insert(m.end(), attrs.begin(), attrs.end());
  return m;
}

bgp::context rfc_ctx() {
  bgp::context c;
  c.flowspec_ipv6 = bgp::context::flowspec_ipv6_encoding::rfc8956;
  return c;
}

const json* find_key(const json& j, const std::string& key) {
  if (j.is_object()) {
    if (j.contains(key)) return &j[key];
    for (const auto& [k, v] : j.items())
      if (const json* r = find_key(v, key)) return r;
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (const json* r = find_key(v, key)) return r;
  }
  return nullptr;
}

bgp::flowspec_nlri decode_nlri(const char* hex, const bgp::context& ctx) {
  bytes b = from_hex(hex);
  reader r(b);
  bgp::flowspec_nlri n;
  auto st = bgp::decode_flowspec_nlri(r, {bgp::afi::ipv6, bgp::safi::flowspec}, ctx, n);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.err().to_string());
  EXPECT_TRUE(r.empty());
  return n;
}

TEST(BgpFlowSpecRfc8956, Example1) {
  const auto n = decode_nlri(example1, rfc_ctx());
  ASSERT_EQ(n.rules.size(), 3u);
  const auto& dst = std::get<bgp::flowspec_ipv6_prefix>(n.rules[0]);
  EXPECT_EQ(dst.type, 1);
  EXPECT_EQ(dst.length, 32);
  EXPECT_EQ(dst.offset, 0);
  EXPECT_EQ(dst.addr.to_string(), "2001:db8::");
  EXPECT_FALSE(dst.rfc8956);  // offset 0: both forms are the same bytes
  const auto& src = std::get<bgp::flowspec_ipv6_prefix>(n.rules[1]);
  EXPECT_EQ(src.type, 2);
  EXPECT_EQ(src.length, 104);
  EXPECT_EQ(src.offset, 64);
  EXPECT_EQ(src.addr.to_string(), "::1234:5678:9a00:0");
  EXPECT_TRUE(src.rfc8956);
  const auto& proto = std::get<bgp::flowspec_operator>(n.rules[2]);
  EXPECT_EQ(proto.type, 3);
  EXPECT_EQ(proto.op, 0x81);
  EXPECT_EQ(proto.value, 6u);
  bytes out;
  writer w(out);
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w, {bgp::afi::ipv6, bgp::safi::flowspec}, rfc_ctx(), n).ok());
  EXPECT_EQ(to_hex(out), example1);
}

TEST(BgpFlowSpecRfc8956, Example2WithPadding) {
  const auto n = decode_nlri(example2, rfc_ctx());
  ASSERT_EQ(n.rules.size(), 2u);
  const auto& src = std::get<bgp::flowspec_ipv6_prefix>(n.rules[1]);
  EXPECT_EQ(src.length, 104);
  EXPECT_EQ(src.offset, 65);
  EXPECT_EQ(src.addr.to_string(), "::1234:5678:9a00:0");  // bit 64 (not matched) is 0
  bytes out;
  writer w(out);
  // The component carries its form: even a draft-form context writes it back as read.
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w, {bgp::afi::ipv6, bgp::safi::flowspec}, bgp::context{}, n).ok());
  EXPECT_EQ(to_hex(out), example2);
}

TEST(BgpFlowSpecRfc8956, DraftFormReadsTheExamplesDifferently) {
  // os-ken's form reads (104 + 7) / 8 = 13 pattern bytes for the source prefix: example 2 is
  // then cut short, which is why the form must be chosen by context.
  bytes b = from_hex(example2);
  reader r(b);
  bgp::flowspec_nlri n;
  auto st = bgp::decode_flowspec_nlri(r, {bgp::afi::ipv6, bgp::safi::flowspec}, bgp::context{}, n);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.err().field, "nlri.flowspec.prefix");
  // And a draft-form source prefix with an offset stays draft-form through encode.
  bytes draft = from_hex("17" "012000" "20010db8" "026840" "00000000000000001234567890");
  reader r2(draft);
  ASSERT_TRUE(bgp::decode_flowspec_nlri(r2, {bgp::afi::ipv6, bgp::safi::flowspec}, bgp::context{}, n).ok());
  const auto& src = std::get<bgp::flowspec_ipv6_prefix>(n.rules[1]);
  EXPECT_FALSE(src.rfc8956);
  EXPECT_EQ(src.addr.to_string(), "::1234:5678:9000:0");
  bytes out;
  writer w(out);
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w, {bgp::afi::ipv6, bgp::safi::flowspec}, bgp::context{}, n).ok());
  EXPECT_EQ(to_hex(out), to_hex(draft));
  // The same component sent to an RFC 8956 peer: only bits 64..103.
  out.clear();
  writer w2(out);
  ASSERT_TRUE(bgp::encode_flowspec_nlri(w2, {bgp::afi::ipv6, bgp::safi::flowspec}, rfc_ctx(), n).ok());
  EXPECT_EQ(to_hex(out), "0f" "012000" "20010db8" "026840" "1234567890");
}

TEST(BgpFlowSpecRfc8956, OffsetNotBelowLengthIsMalformed) {
  // RFC 8956 §3.1: "length MUST be in the range offset < length < 129" (unless both are 0).
  for (const char* hex : {"04" "02" "4040" "00", "04" "02" "4041" "00"}) {
    bytes b = from_hex(hex);
    reader r(b);
    bgp::flowspec_nlri n;
    auto st = bgp::decode_flowspec_nlri(r, {bgp::afi::ipv6, bgp::safi::flowspec}, rfc_ctx(), n);
    ASSERT_FALSE(st.ok()) << hex;
    EXPECT_EQ(st.err().protocol, "bgp");
    EXPECT_EQ(st.err().field, "nlri.flowspec.prefix_offset");
    EXPECT_EQ(st.err().offset, 3u);  // the offset octet
  }
  bytes ok = from_hex("03" "02" "0000");  // length 0, offset 0: matches every address
  reader r(ok);
  bgp::flowspec_nlri n;
  EXPECT_TRUE(bgp::decode_flowspec_nlri(r, {bgp::afi::ipv6, bgp::safi::flowspec}, rfc_ctx(), n).ok());
}

TEST(BgpFlowSpecRfc8956, WholeUpdateThroughJson) {
  const bytes wire = update_with(from_hex(example1));
  auto m = bgp::decode_message(wire, rfc_ctx());
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  const json j = bgp::to_json(*m);
  const json* nlri = find_key(j, "FlowSpecIPv6NLRI");
  ASSERT_NE(nlri, nullptr) << j.dump();
  EXPECT_EQ((*nlri)["length"], 18);
  const json& rules = (*nlri)["rules"];
  ASSERT_EQ(rules.size(), 3u);
  const json& src = rules[1]["FlowSpecIPv6SrcPrefix"];
  EXPECT_EQ(src["addr"], "::1234:5678:9a00:0");
  EXPECT_EQ(src["length"], 104);
  EXPECT_EQ(src["offset"], 64);
  EXPECT_EQ(src["rfc8956"], true);
  EXPECT_FALSE(rules[0]["FlowSpecIPv6DestPrefix"].contains("rfc8956"));
  // Back from JSON: the key keeps the form, whatever the encoding context.
  auto back = bgp::message_from_json(j);
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  bytes out;
  ASSERT_TRUE(bgp::encode_message(*back, out, bgp::context{}).ok());
  EXPECT_EQ(to_hex(out), to_hex(wire));
}

TEST(BgpFlowSpecRfc8956, CliOption) {
  const fs::path bin = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
  if (!fs::exists(bin)) GTEST_SKIP() << bin << " was not built";
  const fs::path in = fs::temp_directory_path() / "wirekit-fs8956.bin";
  const fs::path out = fs::temp_directory_path() / "wirekit-fs8956.json";
  {
    const bytes wire = update_with(from_hex(example2));
    std::ofstream f(in, std::ios::binary);
    f.write(reinterpret_cast<const char*>(wire.data()), std::streamsize(wire.size()));
  }
  const std::string base = test::shell_quote(bin.string()) + " decode --proto bgp ";
  int st = std::system((base + "--flowspec-ipv6 rfc8956 " + test::shell_quote(in.string()) + " >" +
                        test::shell_quote(out.string()) + " 2>&1").c_str());
  ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  std::ifstream f(out);
  const json j = json::parse(f);
  const json* nlri = find_key(j, "FlowSpecIPv6NLRI");
  ASSERT_NE(nlri, nullptr) << j.dump();
  EXPECT_EQ((*nlri)["rules"][1]["FlowSpecIPv6SrcPrefix"]["offset"], 65);
  EXPECT_EQ((*nlri)["rules"][1]["FlowSpecIPv6SrcPrefix"]["addr"], "::1234:5678:9a00:0");
  // Without the option the draft form is read, which cuts the example short: exit status 1.
  st = std::system((base + test::shell_quote(in.string()) + " >/dev/null 2>&1").c_str());
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 1);
  st = std::system((base + "--flowspec-ipv6 rfc9999 " + test::shell_quote(in.string()) + " >/dev/null 2>&1").c_str());
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 2);
  std::error_code ec;
  fs::remove(in, ec);
  fs::remove(out, ec);
}

}  // namespace
