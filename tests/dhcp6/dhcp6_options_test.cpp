// Typed DHCPv6 options against the RFC layouts: the hand-built options of dhcp6_samples.hpp
// (each built from its RFC section's figure) decode to the values they were built from, encode
// back to the same bytes (also through typed JSON), and malformed data is reported with option,
// field and offset while the option stays raw and the message still decodes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "wirekit/dhcp6/validate.hpp"

#include "dhcp6/dhcp6_samples.hpp"
#include "wirekit/dhcp6/options.hpp"

using namespace wirekit;
using json = nlohmann::json;
namespace s6 = wirekit::test::dhcp6s;
using s6::cat;
using s6::opt;
using s6::u16;
using s6::u32;
using s6::u8;

namespace {

dhcp6::typed_message typed(const bytes& b) {
  auto m = dhcp6::decode(b);
  EXPECT_TRUE(m.ok()) << m.err().to_string();
  return dhcp6::to_typed(*m);
}

std::string reencoded(const dhcp6::typed_message& t) {
  auto m = dhcp6::from_typed(t);
  EXPECT_TRUE(m.ok()) << m.err().to_string();
  if (!m.ok()) return {};
  auto b = dhcp6::encode(*m);
  EXPECT_TRUE(b.ok());
  return b.ok() ? to_hex(*b) : "";
}

std::string addr(const dhcp6::typed_option& o, const char* f) { return o.field(f)->address.to_string(); }

TEST(Dhcp6Options, TableIsSortedAndLayoutsEndWithRest) {
  for (auto space : {dhcp6::option_space::dhcp6, dhcp6::option_space::ntp_server}) {
    auto t = dhcp6::option_table(space);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (i) {
        EXPECT_LT(t[i - 1].code, t[i].code);
      }
      EXPECT_EQ(dhcp6::find_option_def(t[i].code, space), &t[i]);
      for (std::size_t k = 0; k + 1 < t[i].fields.size(); ++k)
        EXPECT_FALSE(dhcp6::takes_rest(t[i].fields[k].kind)) << t[i].name << ": only the last field takes the rest";
    }
  }
  EXPECT_EQ(dhcp6::option_table().size(), 43u);  // the options issue 5 lists
}

TEST(Dhcp6Options, SolicitFieldsAsBuilt) {
  auto t = typed(s6::solicit());
  ASSERT_EQ(t.options.size(), 13u);
  for (const auto& o : t.options) EXPECT_FALSE(o.is_raw()) << o.code;
  const auto* cid = t.find(1);  // DUID-LLT, RFC 8415 §11.2
  EXPECT_EQ(cid->field("duid_type")->number, 1u);
  EXPECT_EQ(cid->field("hardware_type")->number, 1u);
  EXPECT_EQ(cid->field("time")->number, 0x2b3c4d5eu);
  EXPECT_EQ(to_hex(cid->field("link_layer_address")->data), "001122334455");
  EXPECT_EQ(t.find(8)->field("elapsed_time")->number, 100u);
  EXPECT_EQ(t.find(6)->field("requested_options")->numbers, (std::vector<std::uint64_t>{23, 24, 31, 56}));
  const auto* ia = t.find(3);
  EXPECT_EQ(ia->field("iaid")->number, 10u);
  EXPECT_EQ(ia->field("t1")->number, 3600u);
  EXPECT_EQ(ia->field("t2")->number, 5400u);
  ASSERT_EQ(ia->options.size(), 1u);
  const auto& iaaddr = ia->options[0];
  EXPECT_EQ(addr(iaaddr, "address"), "2001:db8::10");
  EXPECT_EQ(iaaddr.field("preferred_lifetime")->number, 7200u);
  EXPECT_EQ(iaaddr.field("valid_lifetime")->number, 10800u);
  ASSERT_EQ(iaaddr.options.size(), 1u);
  EXPECT_EQ(iaaddr.options[0].field("status_code")->number, 0u);
  EXPECT_EQ(iaaddr.options[0].field("status_message")->text, "ok");
  EXPECT_EQ(t.find(4)->field("iaid")->number, 11u);
  const auto& pfx = t.find(25)->options.at(0);
  EXPECT_EQ(pfx.field("prefix_length")->number, 56u);
  EXPECT_EQ(addr(pfx, "prefix"), "2001:db8:aa00::");
  EXPECT_EQ(pfx.options.at(0).field("prefix_length")->number, 64u);
  EXPECT_EQ(to_hex(pfx.options.at(0).field("subnet_id")->data), "05");
  EXPECT_TRUE(t.find(14)->fields.empty());
  ASSERT_EQ(t.find(15)->field("user_class_data")->items.size(), 2u);
  EXPECT_EQ(to_hex(t.find(15)->field("user_class_data")->items[1]), "7879");
  EXPECT_EQ(t.find(16)->field("enterprise_number")->number, 4491u);
  EXPECT_EQ(t.find(17)->field("enterprise_number")->number, 9u);
  ASSERT_EQ(t.find(17)->options.size(), 1u);
  EXPECT_TRUE(t.find(17)->options[0].is_raw());  // vendor space: no definitions
  EXPECT_EQ(t.find(39)->field("flags")->number, 1u);
  EXPECT_EQ(t.find(39)->field("domain_name")->text, "host.example.com.");
  EXPECT_EQ(t.find(11)->field("replay_detection")->number, 1u);
  EXPECT_EQ(reencoded(t), to_hex(s6::solicit()));
}

TEST(Dhcp6Options, ServerOptionsAsBuilt) {
  auto t = typed(s6::advertise());
  for (const auto& o : t.options) EXPECT_FALSE(o.is_raw()) << o.code;
  EXPECT_EQ(t.find(2)->field("enterprise_number")->number, 9u);  // DUID-EN, RFC 8415 §11.3
  EXPECT_EQ(to_hex(t.find(2)->field("identifier")->data), "0102030405");
  EXPECT_EQ(t.find(1)->field("duid_type")->number, 3u);  // DUID-LL, §11.4
  EXPECT_EQ(t.find(7)->field("preference")->number, 255u);
  EXPECT_EQ(addr(*t.find(12), "server_address"), "2001:db8::1");
  EXPECT_EQ(t.find(23)->field("dns_servers")->addresses.size(), 2u);
  EXPECT_EQ(t.find(24)->field("domain_search_list")->names, (std::vector<std::string>{"example.com.", "corp.example."}));
  const auto* ntp = t.find(56);
  ASSERT_EQ(ntp->options.size(), 3u);
  EXPECT_STREQ(ntp->options[0].def->name, "NTP_SUBOPTION_SRV_ADDR");
  EXPECT_EQ(addr(ntp->options[1], "address"), "ff05::101");
  EXPECT_EQ(ntp->options[2].field("fqdn")->text, "ntp.example.com.");
  EXPECT_EQ(t.find(82)->field("sol_max_rt")->number, 3600u);
  EXPECT_EQ(reencoded(t), to_hex(s6::advertise()));

  auto r = typed(s6::reply());
  EXPECT_EQ(to_hex(r.find(2)->field("uuid")->data), "00112233445566778899aabbccddeeff");  // §11.5
  EXPECT_EQ(r.find(1)->field("duid_type")->number, 0xffu);  // unassigned type: data kept
  EXPECT_EQ(to_hex(r.find(1)->field("data")->data), "cafe");
  EXPECT_EQ(r.find(32)->field("information_refresh_time")->number, 86400u);
  EXPECT_EQ(r.find(83)->field("inf_max_rt")->number, 7200u);
  EXPECT_EQ(r.find(39)->field("domain_name")->text, "myhost");  // partial: no root label
  EXPECT_EQ(reencoded(r), to_hex(s6::reply()));

  auto c = typed(s6::reconfigure());
  EXPECT_EQ(c.find(19)->field("msg_type")->number, 5u);
  EXPECT_EQ(c.find(11)->field("protocol")->number, 3u);
  EXPECT_EQ(to_hex(c.find(11)->field("authentication_information")->data), "020f0e0d0c0b0a09080706050403020100");
}

TEST(Dhcp6Options, RelayNestingAndRelayAgentOptions) {
  auto t = typed(s6::relay_forw());
  EXPECT_EQ(t.hop_count, 1u);
  EXPECT_EQ(t.link_address.to_string(), "2001:db8:1::1");
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(t.find(18)->field("interface_id")->data.data()), 4), "eth0");
  EXPECT_EQ(t.find(37)->field("enterprise_number")->number, 3561u);
  EXPECT_EQ(to_hex(t.find(38)->field("subscriber_id")->data), to_hex(s6::str("sub-42")));
  EXPECT_EQ(t.find(79)->field("link_layer_type")->number, 1u);  // RFC 6939 §4
  EXPECT_EQ(to_hex(t.find(79)->field("link_layer_address")->data), "001122334455");
  const auto* rm = t.find(9);
  ASSERT_TRUE(rm && rm->message);
  EXPECT_EQ(rm->message->msg_type, 12u);
  EXPECT_EQ(rm->message->peer_address.to_string(), "fe80::2");
  const auto* inner = rm->message->find(9);
  ASSERT_TRUE(inner && inner->message);
  EXPECT_EQ(inner->message->msg_type, 1u);
  EXPECT_EQ(inner->message->transaction_id, 0xabcdefu);
  EXPECT_EQ(inner->message->find(1)->field("duid_type")->number, 3u);
  EXPECT_EQ(reencoded(t), to_hex(s6::relay_forw()));
}

// Relays nested far beyond max_nesting: no deep recursion, the deepest part stays raw with an
// error, the bytes round-trip.
TEST(Dhcp6Options, DeepRelayNestingIsBounded) {
  bytes m = s6::msg(1, 1, {opt(8, u16(0))});
  for (int i = 0; i < 200; ++i) m = s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(9, m)});
  auto t = typed(m);
  const dhcp6::typed_message* cur = &t;
  unsigned depth = 0;
  const dhcp6::typed_option* last = nullptr;
  while (cur) {
    last = cur->find(9);
    if (!last || !last->message) break;
    cur = last->message.get();
    ++depth;
  }
  EXPECT_LE(depth, dhcp6::max_nesting + 1);
  ASSERT_TRUE(last && last->problem);
  EXPECT_NE(last->problem->reason.find("deeper"), std::string::npos) << last->problem->to_string();
  EXPECT_EQ(reencoded(t), to_hex(m));
  auto back = dhcp6::from_typed_json(json::parse(dhcp6::to_typed_json(t).dump()));
  ASSERT_TRUE(back.ok()) << back.err().to_string();
  EXPECT_EQ(to_hex(*dhcp6::encode(*back)), to_hex(m));
}

TEST(Dhcp6Options, TypedJsonBothWays) {
  for (const auto& b : s6::all_samples()) {
    auto t = typed(b);
    json j = dhcp6::to_typed_json(t);
    auto back = dhcp6::from_typed_json(json::parse(j.dump()));
    ASSERT_TRUE(back.ok()) << back.err().to_string() << "\n" << j.dump();
    EXPECT_EQ(to_hex(*dhcp6::encode(*back)), to_hex(b)) << j.dump();
  }
}

// The leasequery (RFC 5007 §4.1.2, RFC 5460 §5.4.1), RSOO (RFC 6422 §3), LINK_ADDRESS (RFC 6977 §5)
// and DHCPv4-over-DHCPv6 (RFC 7341 §7) samples decode to the values they were built from.
TEST(Dhcp6Options, LeasequeryReconfigureRequestDhcp4o6AsBuilt) {
  auto q = typed(s6::leasequery());
  const auto* lq = q.find(44);
  ASSERT_TRUE(lq && !lq->is_raw());
  EXPECT_EQ(lq->field("query_type")->number, 1u);
  EXPECT_EQ(addr(*lq, "link_address"), "2001:db8:1::1");
  ASSERT_EQ(lq->options.size(), 2u);
  EXPECT_EQ(addr(lq->options[0], "address"), "2001:db8::10");
  EXPECT_EQ(lq->options[1].field("requested_options")->numbers, (std::vector<std::uint64_t>{47, 23}));
  EXPECT_EQ(reencoded(q), to_hex(s6::leasequery()));

  auto r = typed(s6::leasequery_reply());
  const auto* cd = r.find(45);
  ASSERT_TRUE(cd && !cd->is_raw());
  ASSERT_EQ(cd->options.size(), 4u);
  EXPECT_EQ(cd->find(46)->field("client_last_transaction_time")->number, 3600u);
  const auto* rd = cd->find(47);
  ASSERT_TRUE(rd && !rd->is_raw() && rd->message);
  EXPECT_EQ(addr(*rd, "peer_address"), "fe80::1");
  EXPECT_EQ(rd->message->msg_type, 12u);
  EXPECT_EQ(rd->message->link_address.to_string(), "2001:db8:1::1");
  EXPECT_EQ(rd->message->peer_address.to_string(), "fe80::2");
  EXPECT_EQ(rd->message->find(53)->field("enterprise_number")->number, 9u);  // RELAY_ID: a DUID-EN
  EXPECT_EQ(reencoded(r), to_hex(s6::leasequery_reply()));

  auto l = typed(s6::leasequery_reply_links());
  const auto& links = l.find(48)->field("link_addresses")->addresses;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[1].to_string(), "2001:db8::20");

  auto rr = typed(s6::reconfigure_request_relayed());
  EXPECT_EQ(to_hex(rr.find(53)->field("uuid")->data), "00112233445566778899aabbccddeeff");
  const auto* rsoo = rr.find(66);
  ASSERT_TRUE(rsoo && !rsoo->is_raw());
  ASSERT_EQ(rsoo->options.size(), 1u);
  EXPECT_TRUE(rsoo->options[0].is_raw());  // option 65: no definition
  EXPECT_FALSE(rsoo->options[0].problem);
  const auto& req = *rr.find(9)->message;
  EXPECT_EQ(req.msg_type, 18u);
  EXPECT_EQ(addr(*req.find(80), "link_address"), "2001:db8:1::1");
  EXPECT_EQ(req.find(53)->field("time")->number, 0x2b3c4d5eu);  // RELAY_ID: a DUID-LLT
  EXPECT_EQ(reencoded(rr), to_hex(s6::reconfigure_request_relayed()));

  auto v = typed(s6::dhcpv4_query());
  EXPECT_EQ(v.transaction_id, 0x800000u);  // RFC 7341 §6.3: the flags, unicast bit set
  EXPECT_EQ(to_hex(v.find(87)->field("dhcpv4_message")->data), to_hex(s6::dhcpv4_discover()));
  auto w = typed(s6::reply_4o6());
  EXPECT_EQ(w.find(88)->field("dhcp4o6_servers")->addresses.at(0).to_string(), "2001:db8::53");
  auto e = typed(s6::advertise_4o6_empty());
  ASSERT_FALSE(e.find(88)->is_raw());  // §7.2: "Minimal length of this option is 0"
  EXPECT_TRUE(e.find(88)->field("dhcp4o6_servers")->addresses.empty());
  EXPECT_EQ(reencoded(e), to_hex(s6::advertise_4o6_empty()));

  // os-ken's form is unchanged: CLIENT_DATA stays one option with its data (base64), undecoded.
  json j = dhcp6::to_json(*dhcp6::decode(s6::leasequery_reply()));
  const json& o = j["dhcp6"]["options"]["options"]["option_list"][2]["option"];
  EXPECT_EQ(o["code"], 45);
  const bytes lqr = s6::leasequery_reply();
  bytes raw(lqr.begin() + 4 + 15 + 14 + 4, lqr.end());  // after the header, SERVERID, CLIENTID, option header
  EXPECT_EQ(o["data"], base64_encode(raw));
  EXPECT_EQ(o["length"], raw.size());
}

// Hand-written typed JSON for the leasequery options encodes to the RFC 5007 layouts.
TEST(Dhcp6Options, HandWrittenLeasequeryTypedJson) {
  json j = json::parse(R"({"dhcp6_typed": {"msg_type": 15, "transaction_id": 1, "options": [
      {"code": 45, "name": "CLIENT_DATA", "options": [
        {"code": 46, "fields": {"client_last_transaction_time": 30}},
        {"code": 47, "fields": {"peer_address": "fe80::1"},
         "message": {"msg_type": 12, "hop_count": 0, "link_address": "2001:db8:1::1", "peer_address": "fe80::2",
                     "options": [{"code": 18, "fields": {"interface_id": "65746830"}}]}}]},
      {"code": 48, "fields": {"link_addresses": ["2001:db8:1::1", "2001:db8::20"]}},
      {"code": 80, "fields": {"link_address": "2001:db8:1::1"}},
      {"code": 88, "fields": {"dhcp4o6_servers": []}}]}})");
  auto m = dhcp6::from_typed_json(j);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  bytes relayed = s6::relay(12, 0, s6::a_2001_db8_1__1(), s6::a_fe80__2(), {opt(18, s6::str("eth0"))});
  bytes want = s6::msg(15, 1,
                       {opt(45, cat({opt(46, u32(30)), opt(47, cat({s6::a_fe80__1(), relayed}))})),
                        opt(48, cat({s6::a_2001_db8_1__1(), s6::a_2001_db8__20()})), opt(80, s6::a_2001_db8_1__1()),
                        opt(88, {})});
  EXPECT_EQ(to_hex(*dhcp6::encode(*m)), to_hex(want));
  // LQ_RELAY_DATA needs its message; a missing peer_address is an error with its path.
  auto bad = dhcp6::from_typed_json(json::parse(
      R"({"dhcp6_typed": {"msg_type": 15, "options": [{"code": 47, "fields": {"peer_address": "::"}}]}})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.err().to_string().find("message"), std::string::npos) << bad.err().to_string();
}

// A malformed option inside LQ_RELAY_DATA's relay message (inside CLIENT_DATA): named by its path,
// at its absolute offset; the enclosing options stay typed.
TEST(Dhcp6Options, MalformedInsideLqRelayData) {
  bytes relayed = s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(8, u8(1))});  // ELAPSED_TIME of 1 byte
  bytes m = s6::msg(15, 1, {opt(45, opt(47, cat({s6::a_zero(), relayed})))});
  auto t = typed(m);
  const auto& rd = t.options.at(0).options.at(0);
  ASSERT_TRUE(!rd.problem && rd.message);
  const auto& e = rd.message->options.at(0);
  ASSERT_TRUE(e.problem);
  EXPECT_EQ(e.problem->field, "CLIENT_DATA/LQ_RELAY_DATA/ELAPSED_TIME.elapsed_time");
  EXPECT_EQ(e.problem->offset, 4u + 4 + 4 + 16 + 34 + 4);  // header, CLIENT_DATA, LQ_RELAY_DATA, peer, relay, option
  EXPECT_EQ(reencoded(t), to_hex(m));
}

// Typed JSON written by hand in the documented form (docs/dhcp6.md) encodes to the RFC layout.
TEST(Dhcp6Options, HandWrittenTypedJson) {
  json j = json::parse(R"({"dhcp6_typed": {"msg_type": 1, "transaction_id": 4660, "options": [
      {"code": 1, "name": "CLIENTID", "fields": {"duid_type": 3, "hardware_type": 1, "link_layer_address": "001122334455"}},
      {"code": 3, "name": "IA_NA", "fields": {"iaid": 10, "t1": 0, "t2": 0}, "options": [
        {"code": 5, "name": "IAADDR", "fields": {"address": "2001:db8::10", "preferred_lifetime": 1, "valid_lifetime": 2}}]},
      {"code": 24, "fields": {"domain_search_list": ["example.com.", "a\\.b.example"]}},
      {"code": 39, "fields": {"flags": 0, "domain_name": "myhost"}},
      {"code": 14},
      {"code": 65000, "data": "abcd"}]}})");
  auto m = dhcp6::from_typed_json(j);
  ASSERT_TRUE(m.ok()) << m.err().to_string();
  bytes want = s6::msg(1, 0x1234,
                       {opt(1, s6::duid_ll()),
                        opt(3, cat({u32(10), u32(0), u32(0), opt(5, cat({s6::a_2001_db8__10(), u32(1), u32(2)}))})),
                        opt(24, cat({s6::name({"example", "com"}), s6::name({"a.b", "example"})})),
                        opt(39, cat({u8(0), s6::name({"myhost"}, false)})), opt(14, {}), opt(65000, s6::hexb("abcd"))});
  EXPECT_EQ(to_hex(*dhcp6::encode(*m)), to_hex(want));
  // and back: the label with a dot is written escaped
  auto t = typed(want);
  EXPECT_EQ(t.find(24)->field("domain_search_list")->names.at(1), "a\\046b.example.");
}

TEST(Dhcp6Options, TypedJsonErrors) {
  auto err = [](const char* text) {
    auto m = dhcp6::from_typed_json(json::parse(text));
    return m.ok() ? std::string("ok") : m.err().to_string();
  };
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 8, "fields": {"elapsed_time": 70000}}]}})")
                .find("elapsed_time"),
            std::string::npos);
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 8, "fields": {}}]}})").find("missing"),
            std::string::npos);
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 8, "fields": {"elapsed_time": 1, "x": 2}}]}})")
                .find("no field 'x'"),
            std::string::npos);
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 65000, "fields": {}}]}})").find("no definition"),
            std::string::npos);
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 8, "name": "IA_NA", "fields": {}}]}})")
                .find("ELAPSED_TIME"),
            std::string::npos);
  EXPECT_NE(err(R"({"dhcp6_typed": {"msg_type": 1, "options": [{"code": 24, "fields": {"domain_search_list": ["a..b"]}}]}})")
                .find("domain name"),
            std::string::npos);
}

struct malformed_case {
  const char* what;
  bytes option;             // one option (code, len, data)
  const char* field;        // expected error field
  std::size_t offset;       // expected absolute offset (message starts at 0; the option at 4)
};

// Malformed data: the option stays raw with an error naming option, field and offset; the
// message decodes and encodes back unchanged.
TEST(Dhcp6Options, MalformedStaysRaw) {
  const std::vector<malformed_case> cases = {
      {"IA_NA cut inside T2", opt(3, cat({u32(1), u32(2), u16(3)})), "IA_NA.t2", 16},
      {"IAADDR cut inside valid-lifetime", opt(3, cat({u32(1), u32(2), u32(3), opt(5, cat({s6::a_2001_db8__10(), u32(1)}))})),
       "IA_NA/IAADDR.valid_lifetime", 44},
      {"IA_NA sub-option beyond", opt(3, cat({u32(1), u32(2), u32(3), u16(5), u16(40)})), "IA_NA.options", 22},
      {"ELAPSED_TIME of 3 bytes", opt(8, cat({u16(1), u8(0)})), "ELAPSED_TIME", 10},
      {"RAPID_COMMIT with data", opt(14, u8(1)), "RAPID_COMMIT", 8},
      {"ORO of odd length", opt(6, cat({u16(23), u8(1)})), "ORO.requested_options", 8},
      {"DNS_SERVERS not a multiple of 16", opt(23, bytes(20)), "DNS_SERVERS.dns_servers", 8},
      {"DOMAIN_LIST with a compression pointer", opt(24, cat({u8(1), s6::str("a"), u8(0xc0), u8(0x0c)})),
       "DOMAIN_LIST.domain_search_list", 10},
      {"DOMAIN_LIST name not terminated", opt(24, cat({u8(1), s6::str("a")})), "DOMAIN_LIST.domain_search_list", 10},
      {"DOMAIN_LIST label beyond", opt(24, cat({u8(9), s6::str("ab")})), "DOMAIN_LIST.domain_search_list", 9},
      {"DUID-UUID of 15 bytes", opt(1, cat({u16(4), bytes(15)})), "CLIENTID.uuid", 10},
      {"DUID of one byte", opt(2, u8(1)), "SERVERID.duid_type", 8},
      {"STATUS_CODE not UTF-8", opt(13, cat({u16(0), u8(0xff), u8(0xfe)})), "STATUS_CODE.status_message", 10},
      {"USER_CLASS item beyond", opt(15, cat({u16(5), s6::str("ab")})), "USER_CLASS.user_class_data", 10},
      {"RELAY_MSG truncated inner header", opt(9, cat({u8(1), u8(0)})), "RELAY_MSG.message.transaction_id", 9},
      {"NTP sub-option beyond", opt(56, cat({u16(1), u16(16), bytes(4)})), "NTP_SERVER.options", 10},
      {"IAPREFIX cut", opt(26, cat({u32(1), u32(2), u8(64)})), "IAPREFIX.prefix", 17},
      // RFC 5007 §4.1.2, RFC 5460 §5.4.1, RFC 6422 §3, RFC 6977 §5, RFC 7341 §7.2
      {"LQ_QUERY cut inside link-address", opt(44, cat({u8(1), bytes(10)})), "LQ_QUERY.link_address", 9},
      {"LQ_QUERY query-option beyond", opt(44, cat({u8(2), bytes(16), u16(1), u16(30)})), "LQ_QUERY.options", 27},
      {"CLIENT_DATA sub-option beyond", opt(45, cat({u16(46), u16(4), u16(0)})), "CLIENT_DATA.options", 10},
      {"CLT_TIME of 2 bytes inside CLIENT_DATA", opt(45, opt(46, u16(1))),
       "CLIENT_DATA/CLT_TIME.client_last_transaction_time", 12},
      {"CLT_TIME of 5 bytes", opt(46, cat({u32(1), u8(0)})), "CLT_TIME", 12},
      {"LQ_RELAY_DATA cut inside peer-address", opt(47, bytes(10)), "LQ_RELAY_DATA.peer_address", 8},
      {"LQ_RELAY_DATA relay message cut", opt(47, cat({bytes(16), u8(12), u8(0), bytes(10)})),
       "LQ_RELAY_DATA.message.link_address", 26},
      {"LQ_CLIENT_LINK not a multiple of 16", opt(48, bytes(24)), "LQ_CLIENT_LINK.link_addresses", 8},
      {"RELAY_ID of one byte", opt(53, u8(0)), "RELAY_ID.duid_type", 8},
      {"RSOO sub-option header cut", opt(66, u16(65)), "RSOO.options", 8},
      {"LINK_ADDRESS of 15 bytes", opt(80, bytes(15)), "LINK_ADDRESS.link_address", 8},
      {"LINK_ADDRESS of 17 bytes", opt(80, bytes(17)), "LINK_ADDRESS", 24},
      {"DHCP4_O_DHCP6_SERVER of 17 bytes", opt(88, bytes(17)), "DHCP4_O_DHCP6_SERVER.dhcp4o6_servers", 8},
  };
  for (const auto& c : cases) {
    bytes m = s6::msg(1, 7, {c.option});
    auto t = typed(m);
    ASSERT_EQ(t.options.size(), 1u) << c.what;
    // the malformed option: the message's, or the nested one (its parent stays typed)
    const auto& o = t.options[0].problem || t.options[0].options.empty() ? t.options[0] : t.options[0].options[0];
    ASSERT_TRUE(o.problem.has_value()) << c.what;
    EXPECT_TRUE(o.is_raw());
    EXPECT_EQ(o.problem->protocol, "dhcp6") << c.what;
    EXPECT_EQ(o.problem->field, c.field) << c.what << ": " << o.problem->to_string();
    EXPECT_EQ(o.problem->offset, c.offset) << c.what << ": " << o.problem->to_string();
    EXPECT_EQ(reencoded(t), to_hex(m)) << c.what;
    json j = dhcp6::to_typed_json(t);
    const json& oj = &o == &t.options[0] ? j["dhcp6_typed"]["options"][0] : j["dhcp6_typed"]["options"][0]["options"][0];
    EXPECT_TRUE(oj.contains("error") && oj.contains("data")) << j.dump();
    auto back = dhcp6::from_typed_json(json::parse(j.dump()));
    ASSERT_TRUE(back.ok()) << back.err().to_string();
    EXPECT_EQ(to_hex(*dhcp6::encode(*back)), to_hex(m)) << c.what;
  }
}

// A malformed option inside a relayed message: only that option is raw; the offset is the
// absolute one in the outer message.
TEST(Dhcp6Options, MalformedInsideRelayHasAbsoluteOffset) {
  bytes inner = s6::msg(1, 1, {opt(8, u8(1))});  // ELAPSED_TIME of 1 byte
  bytes m = s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(9, inner)});
  auto t = typed(m);
  const auto* rm = t.find(9);
  ASSERT_TRUE(rm && rm->message && !rm->problem);
  const auto& e = rm->message->options.at(0);
  ASSERT_TRUE(e.problem);
  EXPECT_EQ(e.problem->field, "RELAY_MSG/ELAPSED_TIME.elapsed_time");
  EXPECT_EQ(e.problem->offset, 34u + 4 + 4 + 4);  // relay header, RELAY_MSG header, inner header, option header
  EXPECT_EQ(reencoded(t), to_hex(m));
}

TEST(Dhcp6Options, UnknownOptionsRoundTripRaw) {
  bytes m = s6::msg(3, 9, {opt(65000, s6::hexb("0102")), opt(3, cat({u32(1), u32(0), u32(0), opt(4242, s6::hexb("ff"))}))});
  auto t = typed(m);
  EXPECT_TRUE(t.options[0].is_raw());
  EXPECT_FALSE(t.options[0].problem);
  EXPECT_FALSE(t.options[1].is_raw());
  EXPECT_TRUE(t.options[1].options.at(0).is_raw());
  EXPECT_EQ(reencoded(t), to_hex(m));
}

TEST(Dhcp6Options, NameText) {
  bytes b;
  ASSERT_TRUE(dhcp6::name_from_text("example.com.", b));
  EXPECT_EQ(to_hex(b), to_hex(s6::name({"example", "com"})));
  b.clear();
  ASSERT_TRUE(dhcp6::name_from_text("host", b));
  EXPECT_EQ(to_hex(b), to_hex(s6::name({"host"}, false)));
  b.clear();
  ASSERT_TRUE(dhcp6::name_from_text(".", b));
  EXPECT_EQ(to_hex(b), "00");
  b.clear();
  EXPECT_FALSE(dhcp6::name_from_text("a..b", b));
  b.clear();
  EXPECT_FALSE(dhcp6::name_from_text(std::string(64, 'a'), b));
  bool ok = false;
  EXPECT_EQ(dhcp6::name_to_text(s6::name({"a b", "c"}), ok), "a\\032b.c.");
  EXPECT_TRUE(ok);
}

TEST(Dhcp6Options, EncodeRangeErrors) {
  auto t = typed(s6::msg(1, 1, {opt(7, u8(1))}));
  t.options[0].fields[0].number = 256;
  auto m = dhcp6::from_typed(t);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.err().field, "PREFERENCE.preference");
}

// Mutations of the samples (byte changes, cuts): whatever decodes keeps the typed invariants of
// tests/fuzz/dhcp6_fuzz.cpp — typed view and typed JSON encode back to the input, errors inside
// the input, validate runs.
TEST(Dhcp6Options, MutatedSamplesRoundTripTyped) {
  std::mt19937 rng(5);
  std::size_t decoded = 0, with_problems = 0;
  for (const auto& sample : s6::all_samples()) {
    for (int i = 0; i < 600; ++i) {
      bytes b = sample;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < edits; ++k) b[rng() % b.size()] = static_cast<std::byte>(rng());
      if (rng() % 4 == 0) b.resize(1 + rng() % b.size());
      auto m = dhcp6::decode(b);
      if (!m) continue;
      ++decoded;
      auto t = dhcp6::to_typed(*m);
      bool problem = false;
      for (const auto& o : t.options)
        if (o.problem) {
          problem = true;
          EXPECT_LE(o.problem->offset, b.size());
        }
      with_problems += problem;
      ASSERT_EQ(reencoded(t), to_hex(b));
      auto back = dhcp6::from_typed_json(json::parse(dhcp6::to_typed_json(t).dump()));
      ASSERT_TRUE(back.ok()) << back.err().to_string();
      ASSERT_EQ(to_hex(*dhcp6::encode(*back)), to_hex(b));
      (void)dhcp6::validate(t);
    }
  }
  EXPECT_GT(decoded, 500u);
  EXPECT_GT(with_problems, 50u);
}

}  // namespace
