// core/addr.hpp: MAC/IPv4/IPv6 text forms as os-ken writes them (json-conventions.md §1).
// Expected IPv6 texts were produced by os-ken's addrconv.ipv6.bin_to_text (netaddr) under
// /usr/bin/python3, which agrees with glibc inet_ntop in every case listed.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <random>

#include "wirekit/core/addr.hpp"

using namespace wirekit;

namespace {

ipv6_addr v6(std::initializer_list<std::uint16_t> words) {
  ipv6_addr a;
  std::size_t i = 0;
  for (auto w : words) {
    a.b[i++] = static_cast<std::uint8_t>(w >> 8);
    a.b[i++] = static_cast<std::uint8_t>(w);
  }
  return a;
}

std::string glibc_ntop(const ipv6_addr& a) {
  char buf[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, a.b.data(), buf, sizeof buf);
}

TEST(MacAddr, TextForm) {
  mac_addr m{{0xaa, 0xbb, 0xcc, 0x00, 0x01, 0x02}};
  EXPECT_EQ(m.to_string(), "aa:bb:cc:00:01:02");
  EXPECT_EQ(mac_addr{}.to_string(), "00:00:00:00:00:00");
  EXPECT_EQ((mac_addr{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}).to_string(), "ff:ff:ff:ff:ff:ff");
}

TEST(MacAddr, Parse) {
  const mac_addr want{{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}};
  // Forms netaddr (os-ken's parser) accepts.
  for (const char* s : {"aa:bb:cc:dd:ee:ff", "AA:BB:CC:DD:EE:FF", "aa-bb-cc-dd-ee-ff", "Aa:bB:cc:DD:ee:FF"}) {
    auto m = mac_addr::parse(s);
    ASSERT_TRUE(m) << s;
    EXPECT_EQ(*m, want) << s;
  }
  auto m = mac_addr::parse("a:b:c:d:e:f");  // one digit per group: 0a:0b:...
  ASSERT_TRUE(m);
  EXPECT_EQ(m->to_string(), "0a:0b:0c:0d:0e:0f");
  for (const char* s : {"", "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "aa:bb:cc:dd:ee:fg", "aaa:bb:cc:dd:ee:ff",
                        "aa:bb:cc:dd:ee:ff ", " aa:bb:cc:dd:ee:ff", "aa::cc:dd:ee:ff", "aa:bb:cc:dd:ee:",
                        "1.2.3.4"})
    EXPECT_FALSE(mac_addr::parse(s)) << '"' << s << '"';
}

TEST(Ipv4Addr, TextFormAndParse) {
  ipv4_addr a{{192, 168, 0, 1}};
  EXPECT_EQ(a.to_string(), "192.168.0.1");
  EXPECT_EQ(ipv4_addr{}.to_string(), "0.0.0.0");
  EXPECT_EQ((ipv4_addr{{255, 255, 255, 255}}).to_string(), "255.255.255.255");
  EXPECT_EQ(a.to_uint(), 0xc0a80001u);
  EXPECT_EQ(ipv4_addr::from_uint(0x0a000102).to_string(), "10.0.1.2");
  EXPECT_EQ(ipv4_addr::from_uint(0xc0a80001), a);
  auto p = ipv4_addr::parse("198.51.100.7");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to_uint(), 0xc6336407u);
  ASSERT_TRUE(ipv4_addr::parse("0.0.0.0"));
  ASSERT_TRUE(ipv4_addr::parse("255.255.255.255"));
  for (const char* s : {"", "256.0.0.1", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1.2.3.-4",
                        "::1", "1.2.3.4/8", "1.2.3.4444444444444444"})
    EXPECT_FALSE(ipv4_addr::parse(s)) << '"' << s << '"';
  EXPECT_LT(ipv4_addr::from_uint(1), ipv4_addr::from_uint(2));
  EXPECT_LT(ipv4_addr::from_uint(0x0a000000), ipv4_addr::from_uint(0x0b000000));
}

struct v6_case {
  ipv6_addr a;
  const char* text;
};

TEST(Ipv6Addr, TextFormAsOsKen) {
  const v6_case cases[] = {
      {v6({0, 0, 0, 0, 0, 0, 0, 0}), "::"},
      {v6({0, 0, 0, 0, 0, 0, 0, 1}), "::1"},
      {v6({0, 0, 0, 0, 0, 0, 0, 2}), "::2"},
      {v6({1, 0, 0, 0, 0, 0, 0, 0}), "1::"},
      // IPv4-mapped and IPv4-compatible forms keep the dotted tail...
      {v6({0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304}), "::ffff:1.2.3.4"},
      {v6({0, 0, 0, 0, 0, 0xffff, 0, 0}), "::ffff:0.0.0.0"},
      {v6({0, 0, 0, 0, 0, 0, 0x0102, 0x0304}), "::1.2.3.4"},
      {v6({0, 0, 0, 0, 0, 0, 0x0001, 0x0000}), "::0.1.0.0"},
      // ...but not when the high word of the tail is 0 (then it is a plain small address),
      {v6({0, 0, 0, 0, 0, 0, 0, 0xffff}), "::ffff"},
      // nor for other prefixes (NAT64 well-known prefix, ::fffe:, ::ffff:0:).
      {v6({0x64, 0xff9b, 0, 0, 0, 0, 0x0102, 0x0304}), "64:ff9b::102:304"},
      {v6({0, 0, 0, 0, 0, 0xfffe, 0x0102, 0x0304}), "::fffe:102:304"},
      {v6({0, 0, 0, 0, 0xffff, 0, 0x0102, 0x0304}), "::ffff:0:102:304"},
      // Longest zero run is compressed; on a tie the first one.
      {v6({1, 0, 0, 2, 0, 0, 0, 3}), "1:0:0:2::3"},
      {v6({1, 0, 0, 2, 0, 0, 3, 4}), "1::2:0:0:3:4"},
      {v6({1, 0, 0, 2, 2, 0, 0, 3}), "1::2:2:0:0:3"},
      {v6({0x2001, 0xdb8, 0, 0, 1, 0, 0, 1}), "2001:db8::1:0:0:1"},
      // A single zero word is not compressed (RFC 5952 §4.2.2).
      {v6({1, 2, 3, 4, 5, 6, 7, 0}), "1:2:3:4:5:6:7:0"},
      {v6({0, 1, 2, 3, 4, 5, 6, 7}), "0:1:2:3:4:5:6:7"},
      {v6({1, 0, 2, 3, 4, 5, 6, 7}), "1:0:2:3:4:5:6:7"},
      // Lower case, no leading zeros.
      {v6({0x2001, 0x0db8, 0, 0, 0, 0, 0, 0x000a}), "2001:db8::a"},
      {v6({0xfe80, 0, 0, 0, 0x0202, 0xb3ff, 0xfe1e, 0x8329}), "fe80::202:b3ff:fe1e:8329"},
      {v6({0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff}),
       "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.a.to_string(), c.text);
    auto p = ipv6_addr::parse(c.text);
    ASSERT_TRUE(p) << c.text;
    EXPECT_EQ(*p, c.a) << c.text;
  }
}

TEST(Ipv6Addr, ParseAcceptsNonCanonicalForms) {
  const std::pair<const char*, const char*> v[] = {
      {"2001:DB8::A", "2001:db8::a"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"::0:0:1", "::1"},
      {"64:ff9b::1.2.3.4", "64:ff9b::102:304"},
      {"0::0:1.2.3.4", "::1.2.3.4"},
      {"::0.0.255.255", "::ffff"},
      {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
  };
  for (auto [in, out] : v) {
    auto p = ipv6_addr::parse(in);
    ASSERT_TRUE(p) << in;
    EXPECT_EQ(p->to_string(), out) << in;
  }
  for (const char* s : {"", ":", ":::", "1::2::3", "::g", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0",
                        "1.2.3.4", "::1 ", "[::1]", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7"})
    EXPECT_FALSE(ipv6_addr::parse(s)) << '"' << s << '"';
}

// Addresses with random zero runs, checked against glibc's inet_ntop (the reference the
// conventions name) and parsed back.
TEST(Ipv6Addr, MatchesGlibcOnRandomZeroPatterns) {
  std::mt19937 rng(2024);
  for (int n = 0; n < 5000; ++n) {
    ipv6_addr a;
    for (int w = 0; w < 8; ++w) {
      std::uint16_t x = 0;
      switch (rng() % 4) {
        case 0:
        case 1: x = 0; break;
        case 2: x = static_cast<std::uint16_t>(rng() % 16); break;
        default: x = static_cast<std::uint16_t>(rng()); break;
      }
      if (n % 7 == 0 && w == 5) x = 0xffff;  // mapped-looking prefixes now and then
      a.b[2 * w] = static_cast<std::uint8_t>(x >> 8);
      a.b[2 * w + 1] = static_cast<std::uint8_t>(x);
    }
    std::string s = a.to_string();
    ASSERT_EQ(s, glibc_ntop(a));
    auto p = ipv6_addr::parse(s);
    ASSERT_TRUE(p) << s;
    ASSERT_EQ(*p, a) << s;
  }
}

TEST(IpAddr, FamilyByText) {
  auto a = ip_addr::parse("10.1.2.3");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v4());
  EXPECT_FALSE(a->is_v6());
  EXPECT_EQ(a->to_string(), "10.1.2.3");
  auto b = ip_addr::parse("2001:db8::1");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->is_v6());
  EXPECT_EQ(b->to_string(), "2001:db8::1");
  auto c = ip_addr::parse("::ffff:10.1.2.3");  // has ':' -> IPv6 even with a dotted tail
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->is_v6());
  EXPECT_EQ(c->to_string(), "::ffff:10.1.2.3");
  EXPECT_FALSE(ip_addr::parse(""));
  EXPECT_FALSE(ip_addr::parse("10.1.2"));
  EXPECT_FALSE(ip_addr::parse("2001:db8::g"));
  EXPECT_NE(*a, *c);
}

ip_prefix pfx(const char* s) {
  auto p = ip_prefix::parse(s);
  EXPECT_TRUE(p) << s;
  return p ? *p : ip_prefix{};
}

TEST(IpPrefix, ParseAndText) {
  auto p = pfx("10.0.0.0/8");
  EXPECT_TRUE(p.addr.is_v4());
  EXPECT_EQ(p.length, 8);
  EXPECT_EQ(p.to_string(), "10.0.0.0/8");
  EXPECT_EQ(pfx("192.0.2.1").length, 32);  // no length: a host prefix
  EXPECT_EQ(pfx("2001:db8::/32").to_string(), "2001:db8::/32");
  EXPECT_EQ(pfx("2001:DB8:0::/48").to_string(), "2001:db8::/48");
  EXPECT_EQ(pfx("::/0").length, 0);
  EXPECT_EQ(pfx("::1").length, 128);
  EXPECT_EQ(pfx("0.0.0.0/0").to_string(), "0.0.0.0/0");
  for (const char* s : {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/x",
                        "10.0.0/8", "/8", "", "10.0.0.0/0008"})
    EXPECT_FALSE(ip_prefix::parse(s)) << '"' << s << '"';
}

TEST(IpPrefix, Contains) {
  // Same results as Python's ipaddress subnet_of().
  EXPECT_TRUE(pfx("10.0.0.0/8").contains(pfx("10.1.2.0/24")));
  EXPECT_TRUE(pfx("10.0.0.0/8").contains(pfx("10.0.0.0/8")));
  EXPECT_TRUE(pfx("10.0.0.0/8").contains(pfx("10.255.255.255/32")));
  EXPECT_FALSE(pfx("10.0.0.0/8").contains(pfx("11.0.0.0/24")));
  EXPECT_FALSE(pfx("10.0.0.0/8").contains(pfx("10.0.0.0/7")));  // a shorter prefix is wider
  EXPECT_TRUE(pfx("10.128.0.0/9").contains(pfx("10.200.0.0/16")));
  EXPECT_FALSE(pfx("10.128.0.0/9").contains(pfx("10.64.0.0/16")));
  EXPECT_TRUE(pfx("0.0.0.0/0").contains(pfx("203.0.113.0/24")));
  EXPECT_TRUE(pfx("192.0.2.0/31").contains(pfx("192.0.2.1/32")));
  EXPECT_FALSE(pfx("192.0.2.0/31").contains(pfx("192.0.2.2/32")));
  // Host bits set in the containing prefix are ignored beyond its length.
  EXPECT_TRUE(pfx("10.9.9.9/8").contains(pfx("10.1.0.0/16")));
  EXPECT_TRUE(pfx("2001:db8::/32").contains(pfx("2001:db8:1234::/48")));
  EXPECT_FALSE(pfx("2001:db8::/32").contains(pfx("2001:db9::/48")));
  EXPECT_TRUE(pfx("2001:db8::/33").contains(pfx("2001:db8:7fff::/48")));
  EXPECT_FALSE(pfx("2001:db8::/33").contains(pfx("2001:db8:8000::/48")));
  EXPECT_TRUE(pfx("::/0").contains(pfx("::1/128")));
  // Different families never contain each other, even ::/0 and 0.0.0.0/0.
  EXPECT_FALSE(pfx("::/0").contains(pfx("10.0.0.0/8")));
  EXPECT_FALSE(pfx("0.0.0.0/0").contains(pfx("::/0")));
  EXPECT_FALSE(pfx("::ffff:0.0.0.0/96").contains(pfx("1.2.3.4/32")));
}

}  // namespace
