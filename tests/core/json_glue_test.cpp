// core/json_glue.hpp: the os-ken JSON form derived from field descriptions, and the errors
// (with JSON paths) for values of the wrong type or out of range.
#include <gtest/gtest.h>

#include "wirekit/core/json_glue.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace jg = wirekit::json_glue;

namespace {

struct inner_a {
  static constexpr const char* name = "inner_a";
  std::uint8_t x = 0;
  static constexpr auto wire = wire::fields(wire::field<&inner_a::x>("x", wire::u8));
  bool operator==(const inner_a&) const = default;
};
struct inner_b {
  static constexpr const char* name = "inner_b";
  ipv4_addr ip{};
  bytes data;
  static constexpr auto wire =
      wire::fields(wire::field<&inner_b::ip>("ip", wire::addr), wire::field<&inner_b::data>("data", wire::rest));
  bool operator==(const inner_b&) const = default;
};

struct outer {
  static constexpr const char* name = "outer";
  std::uint8_t small = 1;
  std::uint16_t mid = 7;
  std::int32_t sval = 0;
  std::uint64_t big = 0;
  bool flag = false;
  double ts = 0;
  std::string label;
  mac_addr mac{};
  ipv4_addr v4{};
  ipv6_addr v6{};
  ip_addr any{};
  bytes blob;
  std::optional<bytes> opt;
  std::optional<std::uint32_t> optn;
  std::vector<std::uint16_t> nums;
  std::vector<std::variant<inner_a, inner_b>> items;
  inner_a single;
  static constexpr auto wire = wire::fields(
      wire::field<&outer::small>("small", wire::u8), wire::field<&outer::mid>("mid", wire::be16),
      wire::field<&outer::sval>("sval", wire::json_only), wire::field<&outer::big>("big", wire::be64),
      wire::bits(wire::u8, wire::bit<&outer::flag>("flag", 0, 1)), wire::field<&outer::ts>("ts", wire::json_only),
      wire::field<&outer::label>("label", wire::json_only), wire::field<&outer::mac>("mac", wire::addr),
      wire::field<&outer::v4>("v4", wire::addr), wire::field<&outer::v6>("v6", wire::addr),
      wire::field<&outer::any>("any", wire::json_only), wire::field<&outer::blob>("blob", wire::json_only),
      wire::field<&outer::opt>("opt", wire::json_only), wire::field<&outer::optn>("optn", wire::json_only),
      wire::field<&outer::nums>("nums", wire::json_only), wire::field<&outer::items>("items", wire::json_only),
      wire::field<&outer::single>("single", wire::json_only));
};

json to_json(const outer& o) {
  json j;
  jg::to_json_value(j, o);
  return j;
}

status from(const json& j, outer& o) { return jg::from_json_value(j, o, jg::path{}); }

// Parses {"outer": inner} into a fresh outer and returns the error text ("" if none).
std::string error_of(const json& inner, outer* out = nullptr) {
  outer o;
  status st = from(json{{"outer", inner}}, o);
  if (out) *out = o;
  if (st) return "";
  EXPECT_TRUE(st.err().json);
  EXPECT_EQ(st.err().protocol, "json");
  return st.err().field + " | " + st.err().reason;
}

TEST(JsonGlue, PathText) {
  jg::path root;
  EXPECT_EQ(root.str(), "$");
  auto a = root[long(0)];
  auto b = a["ipv4"];
  auto c = b["option"];
  auto d = c[long(12)];
  EXPECT_EQ(a.str(), "$[0]");
  EXPECT_EQ(b.str(), "$[0].ipv4");
  EXPECT_EQ(d.str(), "$[0].ipv4.option[12]");
}

TEST(JsonGlue, ToJsonWrapsAndNamesEveryField) {
  outer o;
  o.small = 200;
  o.mid = 65535;
  o.sval = -5;
  o.big = 18446744073709551615ull;
  o.flag = true;
  o.ts = 1234.5678;
  o.label = "eth0";
  o.mac = *mac_addr::parse("aa:bb:cc:00:01:02");
  o.v4 = *ipv4_addr::parse("192.0.2.1");
  o.v6 = *ipv6_addr::parse("2001:db8::1");
  o.any = *ip_addr::parse("::ffff:1.2.3.4");
  o.blob = to_bytes({'f', 'o', 'o', 'b'});
  o.opt.reset();
  o.optn = 9;
  o.nums = {1, 2, 3};
  o.items = {inner_a{5}, inner_b{*ipv4_addr::parse("10.0.0.1"), to_bytes({0xff})}};
  o.single.x = 1;
  json want = json::parse(R"({"outer": {
      "small": 200, "mid": 65535, "sval": -5, "big": 18446744073709551615, "flag": true,
      "ts": 1234.5678, "label": "eth0", "mac": "aa:bb:cc:00:01:02", "v4": "192.0.2.1",
      "v6": "2001:db8::1", "any": "::ffff:1.2.3.4", "blob": "Zm9vYg==", "opt": null, "optn": 9,
      "nums": [1, 2, 3],
      "items": [{"inner_a": {"x": 5}}, {"inner_b": {"ip": "10.0.0.1", "data": "/w=="}}],
      "single": {"inner_a": {"x": 1}}}})");
  json got = to_json(o);
  EXPECT_EQ(got, want) << got.dump();
  EXPECT_TRUE(got["outer"]["big"].is_number_unsigned());
  EXPECT_TRUE(got["outer"]["flag"].is_boolean());

  // And back.
  outer back;
  ASSERT_TRUE(from(want, back));
  EXPECT_EQ(back.small, 200);
  EXPECT_EQ(back.big, 18446744073709551615ull);
  EXPECT_EQ(back.sval, -5);
  EXPECT_DOUBLE_EQ(back.ts, 1234.5678);
  EXPECT_EQ(back.any.to_string(), "::ffff:1.2.3.4");
  EXPECT_TRUE(back.any.is_v6());
  EXPECT_EQ(to_hex(back.blob), "666f6f62");
  EXPECT_FALSE(back.opt);
  ASSERT_TRUE(back.optn);
  EXPECT_EQ(*back.optn, 9u);
  ASSERT_EQ(back.items.size(), 2u);
  EXPECT_EQ(std::get<inner_a>(back.items[0]).x, 5);
  EXPECT_EQ(std::get<inner_b>(back.items[1]).ip.to_string(), "10.0.0.1");
  EXPECT_EQ(to_json(back), want);
}

TEST(JsonGlue, IntegersOutOfRange) {
  EXPECT_EQ(error_of({{"small", 256}}), "$.outer.small | expected an integer in range, got 256");
  EXPECT_EQ(error_of({{"small", -1}}), "$.outer.small | expected a non-negative integer, got -1");
  EXPECT_EQ(error_of({{"mid", 65536}}), "$.outer.mid | expected an integer in range, got 65536");
  EXPECT_EQ(error_of({{"mid", 1.5}}), "$.outer.mid | expected an integer, got 1.5");
  EXPECT_EQ(error_of({{"mid", "7"}}), "$.outer.mid | expected an integer, got \"7\"");
  EXPECT_EQ(error_of({{"mid", nullptr}}), "$.outer.mid | expected an integer, got null");
  EXPECT_EQ(error_of({{"sval", 2147483648ll}}), "$.outer.sval | expected an integer in range, got 2147483648");
  EXPECT_EQ(error_of({{"sval", -2147483649ll}}), "$.outer.sval | expected an integer in range, got -2147483649");
  EXPECT_EQ(error_of({{"sval", 18446744073709551615ull}}),
            "$.outer.sval | expected an integer in range, got 18446744073709551615");
  EXPECT_EQ(error_of({{"big", -1}}), "$.outer.big | expected a non-negative integer, got -1");
  outer o;
  EXPECT_EQ(error_of({{"sval", -2147483648ll}, {"big", 18446744073709551615ull}, {"small", 255}}, &o), "");
  EXPECT_EQ(o.sval, -2147483647 - 1);
  EXPECT_EQ(o.big, 18446744073709551615ull);
  EXPECT_EQ(o.small, 255);
  // Python bools are ints: true reads as 1.
  EXPECT_EQ(error_of({{"small", true}}, &o), "");
  EXPECT_EQ(o.small, 1);
}

TEST(JsonGlue, OtherTypeErrors) {
  EXPECT_EQ(error_of({{"flag", "yes"}}), "$.outer.flag | expected true or false, got \"yes\"");
  outer o;
  EXPECT_EQ(error_of({{"flag", 1}}, &o), "");
  EXPECT_TRUE(o.flag);
  EXPECT_EQ(error_of({{"ts", "x"}}), "$.outer.ts | expected a number, got \"x\"");
  EXPECT_EQ(error_of({{"ts", 3}}, &o), "");
  EXPECT_EQ(o.ts, 3.0);
  EXPECT_EQ(error_of({{"label", 5}}), "$.outer.label | expected a string, got 5");
  EXPECT_EQ(error_of({{"mac", "zz"}}), "$.outer.mac | expected a valid address, got \"zz\"");
  EXPECT_EQ(error_of({{"v4", 5}}), "$.outer.v4 | expected an address string, got 5");
  EXPECT_EQ(error_of({{"v4", "2001:db8::1"}}), "$.outer.v4 | expected a valid address, got \"2001:db8::1\"");
  EXPECT_EQ(error_of({{"v6", "10.0.0.1"}}), "$.outer.v6 | expected a valid address, got \"10.0.0.1\"");
  EXPECT_EQ(error_of({{"any", "10.0.0"}}), "$.outer.any | expected a valid address, got \"10.0.0\"");
  EXPECT_EQ(error_of({{"nums", 5}}), "$.outer.nums | expected an array, got 5");
  EXPECT_EQ(error_of({{"nums", {1, 70000}}}), "$.outer.nums[1] | expected an integer in range, got 70000");
}

TEST(JsonGlue, Base64Errors) {
  EXPECT_EQ(error_of({{"blob", "@@@@"}}), "$.outer.blob | expected valid base64, got \"@@@@\"");
  EXPECT_EQ(error_of({{"blob", "Zg="}}), "$.outer.blob | expected valid base64, got \"Zg=\"");
  EXPECT_EQ(error_of({{"blob", 5}}), "$.outer.blob | expected a base64 string, got 5");
  EXPECT_EQ(error_of({{"opt", "!"}}), "$.outer.opt | expected valid base64, got \"!\"");
  std::string long_bad(200, '*');
  std::string e = error_of({{"blob", long_bad}});
  EXPECT_LT(e.size(), 120u) << "long values are shortened in messages";
  outer o;
  EXPECT_EQ(error_of({{"blob", ""}}, &o), "");
  EXPECT_TRUE(o.blob.empty());
}

TEST(JsonGlue, OptionalNull) {
  outer o;
  o.opt = to_bytes({1});
  o.optn = 5;
  ASSERT_TRUE(from(json::parse(R"({"outer": {"opt": null, "optn": null}})"), o));
  EXPECT_FALSE(o.opt);
  EXPECT_FALSE(o.optn);
  ASSERT_TRUE(from(json::parse(R"({"outer": {"opt": "AQI=", "optn": 4294967295}})"), o));
  ASSERT_TRUE(o.opt);
  EXPECT_EQ(to_hex(*o.opt), "0102");
  EXPECT_EQ(*o.optn, 4294967295u);
  EXPECT_EQ(error_of({{"optn", 4294967296ll}}), "$.outer.optn | expected an integer in range, got 4294967296");
  // null for a list is an empty list (os-ken writes None for absent lists).
  o.nums = {1};
  ASSERT_TRUE(from(json::parse(R"({"outer": {"nums": null}})"), o));
  EXPECT_TRUE(o.nums.empty());
}

TEST(JsonGlue, UnknownKeysIgnoredMissingKeysKeepDefaults) {
  outer o;
  EXPECT_EQ(error_of({{"zzz", 1}, {"small", 3}, {"eor_sent", true}}, &o), "");
  EXPECT_EQ(o.small, 3);
  EXPECT_EQ(o.mid, 7);  // default kept
  EXPECT_EQ(o.v4.to_string(), "0.0.0.0");
  EXPECT_TRUE(o.items.empty());
  EXPECT_EQ(error_of(json::object(), &o), "");
  EXPECT_EQ(o.small, 1);
}

TEST(JsonGlue, WrappersAndVariants) {
  // The wrapper must be a one-key object naming the class.
  outer o;
  status st = from(json::array(), o);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "$");
  st = from(json{{"other", json::object()}}, o);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "$");
  EXPECT_EQ(st.err().reason, "expected outer, got {\"other\":{}}");
  st = from(json{{"outer", 5}}, o);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "$.outer");
  EXPECT_EQ(st.err().reason, "expected an object, got 5");

  EXPECT_EQ(error_of({{"single", {{"inner_b", json::object()}}}}),
            "$.outer.single | expected inner_a, got {\"inner_b\":{}}");
  EXPECT_EQ(error_of({{"single", {{"inner_a", {{"x", 256}}}}}}),
            "$.outer.single.inner_a.x | expected an integer in range, got 256");
  EXPECT_EQ(error_of(json::parse(R"({"items": [{"inner_a": {"x": 1}}, {"nope": {}}]})")),
            "$.outer.items[1] | unknown class 'nope'");
  EXPECT_EQ(error_of(json::parse(R"({"items": [{"inner_b": {"ip": "1.2.3.4"}}, {"inner_a": {"x": -3}}]})")),
            "$.outer.items[1].inner_a.x | expected a non-negative integer, got -3");
  EXPECT_EQ(error_of(json::parse(R"({"items": [{"inner_a": {}, "inner_b": {}}]})")),
            "$.outer.items[0] | expected a one-key object naming the class, got {\"inner_a\":{},\"inner_b\":{}}");
  EXPECT_EQ(error_of(json::parse(R"({"items": [[]]})")),
            "$.outer.items[0] | expected a one-key object naming the class, got []");
  outer v;
  EXPECT_EQ(error_of(json::parse(R"({"items": [{"inner_b": {"data": "AA=="}}, {"inner_a": {"x": 2}}]})"), &v), "");
  ASSERT_EQ(v.items.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<inner_b>(v.items[0]));
  EXPECT_EQ(to_hex(std::get<inner_b>(v.items[0]).data), "00");
  EXPECT_EQ(std::get<inner_a>(v.items[1]).x, 2);
}

TEST(JsonGlue, ErrorTextIsOneLine) {
  std::string e = error_of({{"label", "a\nb"}, {"mid", "x\ny"}});
  EXPECT_EQ(e.find('\n'), std::string::npos) << e;
}

}  // namespace
