// core/error.hpp: error values, their one-line text, status and result.
#include <gtest/gtest.h>

#include "wirekit/core/error.hpp"

using namespace wirekit;

namespace {

TEST(Error, ToStringNamesProtocolFieldOffsetReason) {
  error e = make_error("ipv4", "total_length", 16, "9 is smaller than the header length 20");
  EXPECT_EQ(e.protocol, "ipv4");
  EXPECT_EQ(e.field, "total_length");
  EXPECT_EQ(e.offset, 16u);
  EXPECT_FALSE(e.json);
  EXPECT_EQ(e.to_string(), "ipv4: field total_length at byte 16: 9 is smaller than the header length 20");
  EXPECT_EQ(make_error("tcp", "", 3, "x").to_string(), "tcp: field - at byte 3: x");
}

TEST(Error, Truncated) {
  error e = truncated_error("udp", "csum", 40, 8, 7);
  EXPECT_EQ(e.protocol, "udp");
  EXPECT_EQ(e.field, "csum");
  EXPECT_EQ(e.offset, 40u);
  EXPECT_EQ(e.to_string(), "udp: field csum at byte 40: truncated: need 8 bytes, 7 left");
}

TEST(Error, JsonErrorsNameThePath) {
  error e = json_error("$[1].ipv4.src", "expected a valid address, got \"1.2.3\"");
  EXPECT_TRUE(e.json);
  EXPECT_EQ(e.protocol, "json");
  EXPECT_EQ(e.field, "$[1].ipv4.src");
  EXPECT_EQ(e.to_string(), "json: at $[1].ipv4.src: expected a valid address, got \"1.2.3\"");
}

TEST(Error, ToStringIsOneLine) {
  for (const error& e : {make_error("a", "b", 1, "c"), truncated_error("a", "b", 1, 2, 3), json_error("$", "r")})
    EXPECT_EQ(e.to_string().find('\n'), std::string::npos);
}

status fails() { return make_error("p", "f", 7, "bad"); }
status passes() { return ok(); }
status chain(bool fail) {
  WIREKIT_TRY(passes());
  if (fail) WIREKIT_TRY(fails());
  return {};
}

TEST(Status, OkAndError) {
  status s;
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(static_cast<bool>(s));
  status e = fails();
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.err().offset, 7u);
  status copy = e;  // copies the error
  EXPECT_FALSE(copy.ok());
  EXPECT_EQ(copy.err().to_string(), e.err().to_string());
  copy = s;
  EXPECT_TRUE(copy.ok());
  EXPECT_TRUE(chain(false).ok());
  status c = chain(true);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.err().field, "f");
  error taken = c.take_error();
  EXPECT_EQ(taken.reason, "bad");
}

TEST(Result, ValueOrError) {
  result<int> r = 5;
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
  EXPECT_EQ(r.value(), 5);
  result<std::string> s = std::string("abc");
  EXPECT_EQ(s->size(), 3u);
  result<int> bad = make_error("x", "y", 1, "z");
  ASSERT_FALSE(bad.ok());
  EXPECT_FALSE(static_cast<bool>(bad));
  EXPECT_EQ(bad.err().protocol, "x");
  result<int> from_status = status(make_error("q", "w", 2, "e"));
  ASSERT_FALSE(from_status.ok());
  EXPECT_EQ(from_status.err().field, "w");
  EXPECT_EQ(value_or_throw(result<int>(9)), 9);
  try {
    (void)value_or_throw(result<int>(make_error("ipv4", "ttl", 22, "boom")));
    FAIL() << "no exception";
  } catch (const decode_failure& f) {
    EXPECT_STREQ(f.what(), "ipv4: field ttl at byte 22: boom");
    EXPECT_EQ(f.err.offset, 22u);
  }
}

}  // namespace
