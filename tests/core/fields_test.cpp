// core/fields.hpp: the field-description machinery (wire::decode_fields / encode_fields) on
// small test structures: integers, bit fields, addresses, fixed and rest bytes, pads, hooks,
// truncation errors naming the first missing field at its absolute offset, and encode-time
// range errors.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "wirekit/core/fields.hpp"

using namespace wirekit;

namespace {

// u8 | be16 split 4/12 | IPv4 address | be32 | rest
struct tiny {
  static constexpr const char* name = "tiny";
  std::uint8_t kind = 0;
  std::uint8_t hi = 0;
  std::uint16_t lo = 0;
  ipv4_addr addr{};
  std::uint32_t value = 0;
  bytes tail;
  static constexpr auto wire = wire::fields(
      wire::field<&tiny::kind>("kind", wire::u8),
      wire::bits(wire::be16, wire::bit<&tiny::hi>("hi", 12, 4), wire::bit<&tiny::lo>("lo", 0, 12)),
      wire::field<&tiny::addr>("addr", wire::addr), wire::field<&tiny::value>("value", wire::be32),
      wire::field<&tiny::tail>("tail", wire::rest));
};

// Every fixed-size encoding.
struct wide {
  static constexpr const char* name = "wide";
  std::uint16_t narrow = 0;   // stored in one byte
  std::int8_t small = 0;      // signed member, one byte
  std::uint32_t three = 0;    // be24
  std::uint64_t six = 0;      // be48
  std::uint64_t eight = 0;    // be64
  bytes fix;                  // fixed<3>
  std::array<std::uint8_t, 2> arr{};  // fixed<2> into an array
  bool flag = false;          // a 1-bit field
  std::uint8_t rest7 = 0;     // the other 7 bits
  mac_addr mac{};
  ipv6_addr a6{};
  int shown = 0;              // JSON only: no bytes
  static constexpr auto wire = wire::fields(
      wire::field<&wide::narrow>("narrow", wire::u8), wire::field<&wide::small>("small", wire::u8),
      wire::field<&wide::three>("three", wire::be24), wire::field<&wide::six>("six", wire::be48),
      wire::field<&wide::eight>("eight", wire::be64), wire::field<&wide::fix>("fix", wire::fixed<3>),
      wire::field<&wide::arr>("arr", wire::fixed<2>), wire::pad<2>,
      wire::bits(wire::u8, wire::bit<&wide::flag>("flag", 7, 1), wire::bit<&wide::rest7>("rest7", 0, 7)),
      wire::field<&wide::mac>("mac", wire::addr), wire::field<&wide::a6>("a6", wire::addr),
      wire::field<&wide::shown>("shown", wire::json_only));
};

// A length-prefixed string through a hook, followed by a fixed field.
struct lv_codec;
struct with_hook {
  static constexpr const char* name = "with_hook";
  std::uint8_t tag = 0;
  std::string text;
  std::uint16_t trailer = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&with_hook::tag>("tag", wire::u8),
                   wire::field<&with_hook::text>("text", wire::hook<lv_codec>),
                   wire::field<&with_hook::trailer>("trailer", wire::be16));
};
struct lv_codec {
  static status decode(reader& r, with_hook& h, const char* proto) {
    if (!r.has(1)) return truncated_error(proto, "text_length", r.offset(), 1, r.remaining());
    std::size_t n = r.u8();
    if (!r.has(n)) return truncated_error(proto, "text", r.offset(), n, r.remaining());
    auto s = r.take(n);
    h.text.assign(reinterpret_cast<const char*>(s.data()), s.size());
    return {};
  }
  static status encode(writer& w, const with_hook& h, std::size_t start) {
    if (h.text.size() > 255) return make_error("with_hook", "text", w.size(), "longer than 255 bytes");
    if (w.size() != start + 1) return make_error("with_hook", "text", w.size(), "hook got a wrong start");
    w.u8(h.text.size());
    w.put(h.text.data(), h.text.size());
    return {};
  }
};

struct opt_rest {
  static constexpr const char* name = "opt_rest";
  std::uint8_t a = 0;
  std::optional<bytes> more;
  static constexpr auto wire =
      wire::fields(wire::field<&opt_rest::a>("a", wire::u8), wire::field<&opt_rest::more>("more", wire::rest));
};

static_assert(wire::min_size<tiny> == 11);
static_assert(!wire::is_fixed_size<tiny>);
static_assert(wire::min_size<wide> == 1 + 1 + 3 + 6 + 8 + 3 + 2 + 2 + 1 + 6 + 16);
static_assert(wire::is_fixed_size<wide>);
static_assert(wire::min_size<with_hook> == 1);

bytes hex(std::string_view h) {
  bytes b;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    b.push_back(static_cast<std::byte>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return b;
}

TEST(Fields, DecodeTiny) {
  bytes in = hex("07abcdc0a80001deadbeef0102");
  tiny t;
  t.tail = to_bytes({9, 9, 9, 9, 9, 9});  // decoding replaces, never appends
  reader r(in, 50);
  ASSERT_TRUE(wire::decode_fields(t, r));
  EXPECT_EQ(t.kind, 7);
  EXPECT_EQ(t.hi, 0xa);
  EXPECT_EQ(t.lo, 0xbcd);
  EXPECT_EQ(t.addr.to_string(), "192.168.0.1");
  EXPECT_EQ(t.value, 0xdeadbeefu);
  EXPECT_EQ(to_hex(t.tail), "0102");
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.offset(), 50u + in.size());

  bytes out;
  writer w(out);
  ASSERT_TRUE(wire::encode_fields(t, w));
  EXPECT_EQ(out, in);
}

TEST(Fields, TruncationNamesFirstMissingFieldAtAbsoluteOffset) {
  bytes in = hex("07abcdc0a80001deadbeef");
  struct expect_t {
    std::size_t have;
    const char* field;
    std::size_t offset;
  };
  // The reader starts at absolute byte 40 of some larger input.
  const expect_t cases[] = {{0, "kind", 40}, {1, "hi", 41}, {2, "hi", 41}, {3, "addr", 43},
                            {6, "addr", 43}, {7, "value", 47}, {10, "value", 47}};
  for (const auto& c : cases) {
    tiny t;
    reader r(bytes_view(in).subspan(0, c.have), 40);
    status st = wire::decode_fields(t, r);
    ASSERT_FALSE(st) << c.have;
    EXPECT_EQ(st.err().protocol, "tiny");
    EXPECT_EQ(st.err().field, c.field) << c.have;
    EXPECT_EQ(st.err().offset, c.offset) << c.have;
    EXPECT_EQ(st.err().reason, "truncated: need 11 bytes, " + std::to_string(c.have) + " left");
    EXPECT_FALSE(st.err().json);
  }
  // The protocol name can be overridden (a structure shared by several protocols).
  tiny t;
  reader r(bytes_view(in).subspan(0, 3), 0);
  status st = wire::decode_fields(t, r, "other");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().to_string(), "other: field addr at byte 3: truncated: need 11 bytes, 3 left");
  // Exactly the fixed part, no tail: fine, tail empty.
  reader ok(bytes_view(in), 0);
  t.tail = to_bytes({1});
  ASSERT_TRUE(wire::decode_fields(t, ok));
  EXPECT_TRUE(t.tail.empty());
}

TEST(Fields, WideRoundTrip) {
  bytes in = hex(
      "ff"                                  // narrow
      "80"                                  // small (-128 as int8)
      "010203"                              // three
      "0a0b0c0d0e0f"                        // six
      "1122334455667788"                    // eight
      "aabbcc"                              // fix
      "5a5b"                                // arr
      "0000"                                // pad
      "85"                                  // flag=1, rest7=5
      "020000000001"                        // mac
      "20010db8000000000000000000000001");  // a6
  wide w;
  w.shown = 42;
  reader r(in);
  ASSERT_TRUE(wire::decode_fields(w, r));
  EXPECT_EQ(w.narrow, 0xff);
  EXPECT_EQ(w.small, -128);
  EXPECT_EQ(w.three, 0x010203u);
  EXPECT_EQ(w.six, 0x0a0b0c0d0e0full);
  EXPECT_EQ(w.eight, 0x1122334455667788ull);
  EXPECT_EQ(to_hex(w.fix), "aabbcc");
  EXPECT_EQ(w.arr[0], 0x5a);
  EXPECT_EQ(w.arr[1], 0x5b);
  EXPECT_TRUE(w.flag);
  EXPECT_EQ(w.rest7, 5);
  EXPECT_EQ(w.mac.to_string(), "02:00:00:00:00:01");
  EXPECT_EQ(w.a6.to_string(), "2001:db8::1");
  EXPECT_EQ(w.shown, 42);  // json_only: untouched by decode
  EXPECT_TRUE(r.empty());

  w.small = 0x7f;
  bytes out;
  writer wr(out);
  ASSERT_TRUE(wire::encode_fields(w, wr));
  bytes want = in;
  want[1] = std::byte{0x7f};
  EXPECT_EQ(to_hex(out), to_hex(want));

  // Reserved bytes are written as zeros and skipped on decode whatever they hold.
  bytes junk = in;
  junk[1 + 1 + 3 + 6 + 8 + 3 + 2] = std::byte{0xee};
  wide w2;
  reader r2(junk);
  ASSERT_TRUE(wire::decode_fields(w2, r2));
  EXPECT_EQ(w2.rest7, 5);
}

TEST(Fields, EncodeRejectsValuesTooWide) {
  auto encode = [](const wide& w, std::size_t prefix) {
    bytes out(prefix, std::byte{0});
    writer wr(out);
    return wire::encode_fields(w, wr);
  };
  wide base;
  base.fix = to_bytes({1, 2, 3});
  ASSERT_TRUE(encode(base, 0));

  wide w = base;
  w.narrow = 256;
  status st = encode(w, 5);  // 5 bytes already in the buffer: offsets count them
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().protocol, "wide");
  EXPECT_EQ(st.err().field, "narrow");
  EXPECT_EQ(st.err().offset, 5u);
  EXPECT_EQ(st.err().reason, "value does not fit in 8 bits");

  w = base;
  w.small = -1;
  st = encode(w, 0);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "small");
  EXPECT_EQ(st.err().offset, 1u);

  w = base;
  w.three = 0x1000000;
  st = encode(w, 0);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "three");
  EXPECT_EQ(st.err().offset, 2u);
  EXPECT_EQ(st.err().reason, "value does not fit in 24 bits");
  w.three = 0xffffff;
  EXPECT_TRUE(encode(w, 0));

  w = base;
  w.six = 1ull << 48;
  st = encode(w, 0);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "six");
  EXPECT_EQ(st.err().reason, "value does not fit in 48 bits");

  w = base;
  w.eight = ~0ull;  // a full 64-bit value always fits
  EXPECT_TRUE(encode(w, 0));

  w = base;
  w.fix = to_bytes({1, 2});
  st = encode(w, 0);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "fix");
  EXPECT_EQ(st.err().offset, 19u);
  EXPECT_EQ(st.err().reason, "must be exactly 3 bytes");

  w = base;
  w.rest7 = 128;  // 7-bit field
  st = encode(w, 3);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "rest7");
  EXPECT_EQ(st.err().offset, 3u + 1 + 1 + 3 + 6 + 8 + 3 + 2 + 2);  // the byte holding the bits
  EXPECT_EQ(st.err().reason, "value does not fit in 7 bits");
  w.rest7 = 127;
  EXPECT_TRUE(encode(w, 0));

  tiny t;
  t.hi = 16;  // 4-bit field
  bytes out;
  writer wr(out);
  st = wire::encode_fields(t, wr, "renamed");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().protocol, "renamed");
  EXPECT_EQ(st.err().field, "hi");
  EXPECT_EQ(st.err().offset, 1u);
  EXPECT_EQ(st.err().to_string(), "renamed: field hi at byte 1: value does not fit in 4 bits");
  t.hi = 15;
  t.lo = 4096;  // 12-bit field
  out.clear();
  st = wire::encode_fields(t, wr);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "lo");
}

TEST(Fields, Hook) {
  bytes in = hex("0903616263beef");
  with_hook h;
  reader r(in, 10);
  ASSERT_TRUE(wire::decode_fields(h, r));
  EXPECT_EQ(h.tag, 9);
  EXPECT_EQ(h.text, "abc");
  EXPECT_EQ(h.trailer, 0xbeef);
  bytes out = to_bytes({0xee});
  writer w(out);
  ASSERT_TRUE(wire::encode_fields(h, w));
  EXPECT_EQ(to_hex(out), "ee" + to_hex(in));

  // The hook's own error comes through unchanged.
  bytes bad = hex("0905616263");
  reader rb(bad, 10);
  status st = wire::decode_fields(h, rb);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "text");
  EXPECT_EQ(st.err().offset, 12u);

  h.text.assign(300, 'x');
  st = wire::encode_fields(h, w);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "text");
}

// A fixed field after a variable-length one is outside the leading fixed run that is checked
// up front: it must still be bounds-checked, naming the field and its absolute offset.
TEST(Fields, FixedFieldAfterHookIsBoundsChecked) {
  // The reader sees only the first 5 bytes of a larger buffer, so a missing check would read
  // the bytes beyond its range rather than crash.
  bytes in = hex("0903616263beef");
  with_hook h;
  reader r(bytes_view(in).subspan(0, 5), 100);
  status st = wire::decode_fields(h, r);
  ASSERT_FALSE(st) << "trailer decoded from beyond the input: " << h.trailer;
  EXPECT_EQ(st.err().field, "trailer");
  EXPECT_EQ(st.err().offset, 105u);
  reader r1(bytes_view(in).subspan(0, 6), 100);
  st = wire::decode_fields(h, r1);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.err().field, "trailer");
}

TEST(Fields, OptionalRest) {
  opt_rest o;
  bytes in = hex("01");
  reader r(in);
  ASSERT_TRUE(wire::decode_fields(o, r));
  ASSERT_TRUE(o.more.has_value());  // present but empty
  EXPECT_TRUE(o.more->empty());
  bytes in2 = hex("01aabb");
  reader r2(in2);
  ASSERT_TRUE(wire::decode_fields(o, r2));
  ASSERT_TRUE(o.more);
  EXPECT_EQ(to_hex(*o.more), "aabb");
  o.more.reset();
  bytes out;
  writer w(out);
  ASSERT_TRUE(wire::encode_fields(o, w));
  EXPECT_EQ(to_hex(out), "01");
}

TEST(Fields, ForEachMemberVisitsNamedFieldsInOrder) {
  wide w;
  std::vector<std::string> names;
  wire::for_each_member(w, [&](const char* n, auto&) { names.emplace_back(n); });
  const std::vector<std::string> want = {"narrow", "small", "three", "six", "eight", "fix",
                                         "arr", "flag", "rest7", "mac", "a6", "shown"};
  EXPECT_EQ(names, want);
  tiny t;
  names.clear();
  wire::for_each_member(t, [&](const char* n, auto&) { names.emplace_back(n); });
  EXPECT_EQ(names, (std::vector<std::string>{"kind", "hi", "lo", "addr", "value", "tail"}));
  // Members are reachable by reference.
  wire::for_each_member(t, [&](const char* n, auto& m) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(m)>, std::uint32_t>)
      if (std::string(n) == "value") m = 77;
  });
  EXPECT_EQ(t.value, 77u);
}

}  // namespace
