// DHCPv6 validation against the rules of RFC 8415 §16 (message validation), Appendix B/C (where
// options appear) and the value rules of §21, on hand-built messages. The real peers' captures
// are checked (no findings) in dhcp6_tshark_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dhcp6/dhcp6_samples.hpp"
#include "wirekit/dhcp6/validate.hpp"

using namespace wirekit;
namespace s6 = wirekit::test::dhcp6s;
using s6::cat;
using s6::opt;
using s6::u16;
using s6::u32;
using s6::u8;

namespace {

std::vector<dhcp6::finding> check(const bytes& b) {
  auto m = dhcp6::decode(b);
  EXPECT_TRUE(m.ok()) << m.err().to_string();
  return m.ok() ? dhcp6::validate(*m) : std::vector<dhcp6::finding>{};
}

std::string dump(const std::vector<dhcp6::finding>& f) { return dhcp6::findings_json(f).dump(); }

// One finding with this severity, option and a text containing `part` (and `where` if given).
bool has(const std::vector<dhcp6::finding>& fs, dhcp6::severity s, std::uint16_t code, const std::string& part,
         const std::string& where = "") {
  for (const auto& f : fs)
    if (f.level == s && f.option == code && f.text.find(part) != std::string::npos &&
        (where.empty() || f.where == where))
      return true;
  return false;
}

const auto E = dhcp6::severity::error;
const auto W = dhcp6::severity::warning;

bytes cid() { return opt(1, s6::duid_ll()); }
bytes sid() { return opt(2, s6::duid_en()); }
bytes elapsed() { return opt(8, u16(0)); }
bytes ia_na(std::uint32_t iaid, std::uint32_t t1, std::uint32_t t2, const bytes& sub = {}) {
  return opt(3, cat({u32(iaid), u32(t1), u32(t2), sub}));
}

TEST(Dhcp6Validate, SamplesAreClean) {
  for (const auto& b : s6::all_samples()) {
    auto f = check(b);
    EXPECT_TRUE(f.empty()) << dump(f);
  }
}

TEST(Dhcp6Validate, ClientAndServerIdentifiers) {
  // §16.2: Solicit without Client Identifier, with Server Identifier.
  auto f = check(s6::msg(1, 1, {sid(), elapsed()}));
  EXPECT_TRUE(has(f, E, 1, "must include CLIENTID (RFC 8415 §16.2)", "SOLICIT")) << dump(f);
  EXPECT_TRUE(has(f, E, 2, "must not include SERVERID")) << dump(f);
  // §16.4 Request, §16.6 Renew, §16.8 Decline, §16.9 Release: both identifiers.
  for (unsigned t : {3u, 5u, 8u, 9u}) {
    auto g = check(s6::msg(t, 1, {cid(), elapsed()}));
    EXPECT_TRUE(has(g, E, 2, "must include SERVERID")) << t << dump(g);
  }
  // §16.5 Confirm, §16.7 Rebind: no Server Identifier.
  for (unsigned t : {4u, 6u}) EXPECT_TRUE(has(check(s6::msg(t, 1, {cid(), sid(), elapsed()})), E, 2, "must not"));
  // §16.3 Advertise and §16.10 Reply: Server Identifier.
  EXPECT_TRUE(has(check(s6::msg(2, 1, {cid()})), E, 2, "§16.3"));
  EXPECT_TRUE(has(check(s6::msg(7, 1, {cid()})), E, 2, "§16.10"));
  EXPECT_TRUE(check(s6::msg(7, 1, {sid()})).empty());  // a Reply may leave out the Client Identifier
}

TEST(Dhcp6Validate, ReconfigureAndInformationRequest) {
  // §16.11: Reconfigure needs Server/Client Identifier, Reconfigure Message and Authentication.
  auto f = check(s6::msg(10, 0, {sid(), cid()}));
  EXPECT_TRUE(has(f, E, 19, "RECONF_MSG")) << dump(f);
  EXPECT_TRUE(has(f, E, 11, "AUTH")) << dump(f);
  // §21.19: the Reconfigure Message option names Renew, Rebind or Information-request.
  EXPECT_TRUE(has(check(s6::msg(10, 0, {sid(), cid(), opt(19, u8(3)), opt(11, bytes(11))})), E, 19, "msg-type 3"));
  // §16.12: Information-request with an IA.
  auto g = check(s6::msg(11, 1, {elapsed(), ia_na(1, 0, 0)}));
  EXPECT_TRUE(has(g, E, 3, "must not include IA_NA (RFC 8415 §16.12)")) << dump(g);
}

TEST(Dhcp6Validate, PresenceWarnings) {
  // §21.9: clients include Elapsed Time (a warning: servers do not discard for it).
  auto f = check(s6::msg(1, 1, {cid()}));
  EXPECT_TRUE(has(f, W, 8, "ELAPSED_TIME")) << dump(f);
  EXPECT_EQ(f.size(), 1u) << dump(f);
  // Appendix B: Preference only in Advertise; DNS servers only from servers.
  auto g = check(s6::msg(1, 1, {cid(), elapsed(), opt(7, u8(1)), opt(23, s6::a_2001_db8__53())}));
  EXPECT_TRUE(has(g, W, 7, "not expected in SOLICIT")) << dump(g);
  EXPECT_TRUE(has(g, W, 23, "not expected in SOLICIT")) << dump(g);
  // Options at most once.
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), cid(), elapsed()})), W, 1, "appears 2 times"));
  // Unknown options draw nothing.
  EXPECT_TRUE(check(s6::msg(1, 1, {cid(), elapsed(), opt(65000, {})})).empty());
  // IAIDs are unique per IA type.
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), ia_na(7, 0, 0), ia_na(7, 0, 0)})), W, 3, "IAID 7"));
}

TEST(Dhcp6Validate, IaLevelRules) {
  const bytes addr_ok = opt(5, cat({s6::a_2001_db8__10(), u32(10), u32(20)}));
  // §21.4: T1 > T2 (both non-zero) makes the client discard the IA_NA.
  auto f = check(s6::msg(1, 1, {cid(), elapsed(), ia_na(1, 200, 100, addr_ok)}));
  EXPECT_TRUE(has(f, E, 3, "T1 200 is greater than T2 100", "SOLICIT/IA_NA")) << dump(f);
  EXPECT_TRUE(check(s6::msg(1, 1, {cid(), elapsed(), ia_na(1, 200, 0, addr_ok)})).empty());
  // §21.6: preferred lifetime beyond valid lifetime.
  auto g = check(s6::msg(1, 1, {cid(), elapsed(), ia_na(1, 0, 0, opt(5, cat({s6::a_2001_db8__10(), u32(30), u32(20)})))}));
  EXPECT_TRUE(has(g, E, 5, "preferred lifetime 30", "SOLICIT/IA_NA/IAADDR")) << dump(g);
  // Appendix C: IAADDR at the message level; CLIENTID inside IA_NA; IAPREFIX inside IA_NA.
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), addr_ok})), E, 5, "inside IA_NA or IA_TA"));
  auto h = check(s6::msg(1, 1, {cid(), elapsed(), ia_na(1, 0, 0, cat({cid(), opt(26, cat({u32(1), u32(2), u8(64), bytes(16)}))}))}));
  EXPECT_TRUE(has(h, E, 1, "not allowed inside IA_NA")) << dump(h);
  EXPECT_TRUE(has(h, E, 26, "not allowed inside IA_NA")) << dump(h);
  // RFC 6603 §4.2: PD_EXCLUDE longer than the delegated prefix, subnet ID sized to match.
  auto pd = [](unsigned plen, unsigned xlen, const bytes& sid) {
    return opt(25, cat({u32(1), u32(0), u32(0),
                        opt(26, cat({u32(1), u32(2), u8(plen), s6::a_2001_db8_aa00__(), opt(67, cat({u8(xlen), sid}))}))}));
  };
  EXPECT_TRUE(check(s6::msg(1, 1, {cid(), elapsed(), pd(48, 64, bytes(2))})).empty());
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), pd(48, 64, bytes(1))})), E, 67, "wants 2"));
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), pd(64, 60, bytes(1))})), E, 67, "must be longer"));
}

TEST(Dhcp6Validate, MalformedAndRelays) {
  auto f = check(s6::msg(1, 1, {cid(), elapsed(), opt(3, u32(1))}));
  EXPECT_TRUE(has(f, E, 3, "malformed: dhcp6: field IA_NA.t1")) << dump(f);
  // §19.1.1: a Relay-forward carries a Relay Message.
  EXPECT_TRUE(has(check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(18, s6::str("x"))})), E, 9, "RELAY_MSG"));
  // The relayed message is validated too, with its path.
  bytes bad = s6::msg(1, 1, {elapsed()});
  auto g = check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(9, bad)}));
  EXPECT_TRUE(has(g, E, 1, "must include CLIENTID", "RELAY-FORW/RELAY_MSG/SOLICIT")) << dump(g);
  // A Relay-reply relaying a client message.
  auto h = check(s6::relay(13, 0, s6::a_zero(), s6::a_zero(), {opt(9, s6::msg(1, 1, {cid(), elapsed()}))}));
  EXPECT_TRUE(has(h, W, 9, "RELAY-REPL relays a SOLICIT")) << dump(h);
  // Relay agent options belong in Relay-forward only.
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), opt(37, cat({u32(1), u8(1)}))})), W, 37, "not expected"));
}

// Leasequery (RFC 5007, 5460), relay-initiated reconfigure (RFC 6977) and DHCPv4 over DHCPv6
// (RFC 7341): the presence rules their RFCs state (section cited in each finding).
TEST(Dhcp6Validate, LeasequeryReconfigureRequestDhcpv4) {
  const bytes lq_query = opt(44, cat({u8(1), bytes(16), opt(5, cat({s6::a_2001_db8__10(), u32(0), u32(0)}))}));
  const bytes client_data = opt(45, cat({cid(), opt(5, cat({s6::a_2001_db8__10(), u32(10), u32(20)})), opt(46, u32(30))}));
  const bytes status_ok = opt(13, u16(0));
  // LEASEQUERY (14): Client Identifier and LQ_QUERY (RFC 5007 §4.3.1).
  EXPECT_TRUE(check(s6::msg(14, 1, {cid(), lq_query})).empty());
  auto f = check(s6::msg(14, 1, {elapsed()}));
  EXPECT_TRUE(has(f, E, 1, "must include CLIENTID (RFC 5007 §4.3.1)", "LEASEQUERY")) << dump(f);
  EXPECT_TRUE(has(f, E, 44, "must include LQ_QUERY (RFC 5007 §4.3.1)")) << dump(f);
  EXPECT_TRUE(has(f, W, 8, "not expected in LEASEQUERY")) << dump(f);
  // LEASEQUERY-REPLY (15): Server and Client Identifier (§4.2.2); client data or links, not both.
  EXPECT_TRUE(check(s6::msg(15, 1, {sid(), cid(), client_data})).empty());
  auto g = check(s6::msg(15, 1, {client_data, opt(48, bytes(16))}));
  EXPECT_TRUE(has(g, E, 2, "must include SERVERID (RFC 5007 §4.2.2)")) << dump(g);
  EXPECT_TRUE(has(g, E, 1, "must include CLIENTID (RFC 5007 §4.2.2)")) << dump(g);
  EXPECT_TRUE(has(g, E, 48, "RFC 5007 §4.4.1")) << dump(g);
  // LEASEQUERY-DONE (16): nothing but a Status Code (RFC 5460 §5.2.2), known option or not.
  EXPECT_TRUE(check(s6::msg(16, 1, {})).empty());
  EXPECT_TRUE(check(s6::msg(16, 1, {status_ok})).empty());
  EXPECT_TRUE(has(check(s6::msg(16, 1, {status_ok, client_data})), W, 45, "RFC 5460 §5.2.2"));
  EXPECT_TRUE(has(check(s6::msg(16, 1, {sid()})), W, 2, "RFC 5460 §5.2.2"));
  // LEASEQUERY-DATA (17): CLIENT_DATA (§6.3); identifiers and status should not be there (§5.2.1);
  // LQ_CLIENT_LINK must not (§6.3); other options may.
  EXPECT_TRUE(check(s6::msg(17, 1, {client_data, opt(23, s6::a_2001_db8__53())})).empty());
  auto h = check(s6::msg(17, 1, {sid(), cid(), status_ok, opt(48, bytes(16))}));
  EXPECT_TRUE(has(h, E, 45, "must include CLIENT_DATA (RFC 5460 §6.3)")) << dump(h);
  EXPECT_TRUE(has(h, W, 2, "should not include SERVERID (RFC 5460 §5.2.1)")) << dump(h);
  EXPECT_TRUE(has(h, W, 1, "should not include CLIENTID")) << dump(h);
  EXPECT_TRUE(has(h, W, 13, "should not include STATUS_CODE")) << dump(h);
  EXPECT_TRUE(has(h, E, 48, "must not include LQ_CLIENT_LINK (RFC 5460 §6.3)")) << dump(h);
  // RECONFIGURE-REQUEST (18): one or more Client Identifiers and a Link Address (RFC 6977 §6.3).
  const bytes cid2 = opt(1, s6::duid_en());
  EXPECT_TRUE(check(s6::msg(18, 1, {cid(), cid2, opt(80, s6::a_2001_db8__10()), opt(19, u8(5))})).empty());
  auto r = check(s6::msg(18, 1, {opt(19, u8(3))}));
  EXPECT_TRUE(has(r, E, 1, "must include CLIENTID (RFC 6977 §6.3)")) << dump(r);
  EXPECT_TRUE(has(r, E, 80, "must include LINK_ADDRESS (RFC 6977 §6.3)")) << dump(r);
  EXPECT_TRUE(has(r, E, 19, "msg-type 3")) << dump(r);
  // RECONFIGURE-REPLY (19): Server Identifier and Status Code (§6.5); 0..n Client Identifiers.
  EXPECT_TRUE(check(s6::msg(19, 1, {sid(), status_ok, cid(), cid2})).empty());
  auto q = check(s6::msg(19, 1, {cid()}));
  EXPECT_TRUE(has(q, E, 2, "RFC 6977 §6.5")) << dump(q);
  EXPECT_TRUE(has(q, E, 13, "RFC 6977 §6.5")) << dump(q);
  // DHCPV4-QUERY (20) / -RESPONSE (21): exactly one DHCPv4 message; no IPv6-only IA options
  // (RFC 7341 §6.2); the query does not ask for the 4o6 server address (§9).
  const bytes v4 = opt(87, bytes(240));
  EXPECT_TRUE(check(s6::msg(20, 0x800000, {v4, opt(23, s6::a_2001_db8__53())})).empty());
  EXPECT_TRUE(check(s6::msg(21, 0, {v4})).empty());
  auto v = check(s6::msg(20, 0, {v4, v4, ia_na(1, 0, 0), opt(6, u16(88))}));
  EXPECT_TRUE(has(v, E, 87, "exactly one: RFC 7341 §6.2")) << dump(v);
  EXPECT_TRUE(has(v, E, 3, "must not include IA_NA (RFC 7341 §6.2)")) << dump(v);
  EXPECT_TRUE(has(v, E, 6, "RFC 7341 §9")) << dump(v);
  EXPECT_TRUE(has(check(s6::msg(21, 0, {})), E, 87, "must include DHCPV4_MSG (RFC 7341 §6.2)"));
  // Relays carry leasequery, reconfigure-request and DHCPv4-query towards servers.
  EXPECT_TRUE(check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(9, s6::msg(14, 1, {cid(), lq_query}))})).empty());
  EXPECT_TRUE(check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(9, s6::msg(20, 0, {v4}))})).empty());
  EXPECT_TRUE(has(check(s6::relay(13, 0, s6::a_zero(), s6::a_zero(), {opt(9, s6::msg(20, 0, {v4}))})), W, 9,
                  "RELAY-REPL relays a DHCPV4-QUERY"));
}

// What the typed leasequery, RSOO, LINK_ADDRESS and 4o6 options carry (RFC 5007 §4.1.2, §4.4.2;
// RFC 5460 §5.3; RFC 6422 §4-§6; RFC 7341 §9).
TEST(Dhcp6Validate, InsideLeasequeryOptions) {
  const bytes iaaddr = opt(5, cat({s6::a_2001_db8__10(), u32(10), u32(20)}));
  auto lq = [&](unsigned qt, const bytes& query_options) {
    return check(s6::msg(14, 1, {cid(), opt(44, cat({u8(qt), bytes(16), query_options}))}));
  };
  // The query-option each query-type needs.
  EXPECT_TRUE(lq(1, iaaddr).empty());
  EXPECT_TRUE(lq(2, cid()).empty());
  EXPECT_TRUE(lq(3, opt(53, s6::duid_en())).empty());
  EXPECT_TRUE(lq(4, {}).empty());
  EXPECT_TRUE(lq(5, opt(37, cat({u32(1), u8(1)}))).empty());
  auto f = lq(2, iaaddr);
  EXPECT_TRUE(has(f, E, 1, "QUERY_BY_CLIENTID must include CLIENTID in its query-options (RFC 5007 §4.1.2.1",
                  "LEASEQUERY/LQ_QUERY"))
      << dump(f);
  EXPECT_TRUE(has(lq(1, cid()), E, 5, "QUERY_BY_ADDRESS must include IAADDR"));
  EXPECT_TRUE(has(lq(3, {}), E, 53, "RFC 5460 §5.3.1"));
  EXPECT_TRUE(has(lq(5, {}), E, 37, "RFC 5460 §5.3.3"));
  EXPECT_TRUE(has(lq(9, {}), W, 44, "UnknownQueryType"));
  // Values inside the query-options are checked too (IAADDR lifetimes).
  EXPECT_TRUE(has(lq(1, opt(5, cat({s6::a_2001_db8__10(), u32(30), u32(20)}))), E, 5, "preferred lifetime 30"));
  // CLIENT_DATA's minimal contents (RFC 5007 §4.4.2).
  auto reply = [&](const bytes& data) { return check(s6::msg(15, 1, {sid(), cid(), opt(45, data)})); };
  EXPECT_TRUE(reply(cat({cid(), opt(26, cat({u32(1), u32(2), u8(56), s6::a_2001_db8_aa00__()})), opt(46, u32(1))})).empty());
  auto g = reply(cat({iaaddr}));
  EXPECT_TRUE(has(g, E, 1, "CLIENT_DATA must include CLIENTID (RFC 5007 §4.4.2)", "LEASEQUERY-REPLY/CLIENT_DATA")) << dump(g);
  EXPECT_TRUE(has(g, E, 46, "must include CLT_TIME")) << dump(g);
  EXPECT_TRUE(has(reply(cat({cid(), opt(46, u32(1))})), E, 5, "IAADDR and/or IAPREFIX"));
  EXPECT_TRUE(has(reply(cat({cid(), iaaddr, opt(46, u32(1)), opt(46, u32(2))})), W, 46, "appears 2 times in CLIENT_DATA"));
  // LQ_RELAY_DATA: a RELAY-FORW (multi-hop allowed) without the client's message (RFC 5007 §4.1.2.4).
  const bytes base = cat({cid(), iaaddr, opt(46, u32(1))});
  auto relay_data = [&](const bytes& msg) { return reply(cat({base, opt(47, cat({s6::a_fe80__1(), msg}))})); };
  const bytes hop1 = s6::relay(12, 0, s6::a_2001_db8_1__1(), s6::a_fe80__2(), {opt(18, s6::str("eth0"))});
  EXPECT_TRUE(relay_data(hop1).empty());
  EXPECT_TRUE(relay_data(s6::relay(12, 1, s6::a_zero(), s6::a_fe80__1(), {opt(9, hop1)})).empty());
  EXPECT_TRUE(has(relay_data(s6::msg(1, 1, {cid()})), E, 47, "not a RELAY-FORW"));
  auto h = relay_data(s6::relay(12, 0, s6::a_zero(), s6::a_fe80__1(), {opt(9, s6::msg(1, 1, {cid(), elapsed()}))}));
  EXPECT_TRUE(has(h, E, 9, "innermost RELAY_MSG must have been removed", "LEASEQUERY-REPLY/CLIENT_DATA/LQ_RELAY_DATA"))
      << dump(h);
  // CLT_TIME outside CLIENT_DATA; two LQ_QUERY options.
  EXPECT_TRUE(has(check(s6::msg(17, 1, {opt(45, base), opt(46, u32(1))})), W, 46, "belongs inside CLIENT_DATA"));
  const bytes q = opt(44, cat({u8(4), bytes(16)}));
  EXPECT_TRUE(has(check(s6::msg(14, 1, {cid(), q, q})), W, 44, "appears 2 times"));
}

TEST(Dhcp6Validate, RelayIdRsooLinkAddressDhcp4o6Server) {
  // RELAY_ID (RFC 5460 §5.4.1) and RSOO (RFC 6422 §5) belong in RELAY-FORW (and RECONFIGURE-REQUEST).
  const bytes relayed = s6::msg(1, 1, {cid(), elapsed()});
  const bytes rsoo_erp = opt(66, opt(65, s6::name({"example", "com"})));
  EXPECT_TRUE(check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(53, s6::duid_ll()), rsoo_erp, opt(9, relayed)}))
                  .empty());
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), opt(53, s6::duid_ll())})), W, 53, "not expected in SOLICIT"));
  // Only RSOO-enabled options in an RSOO (RFC 6422 §4): DNS_SERVERS is not one.
  auto f = check(s6::relay(12, 0, s6::a_zero(), s6::a_zero(), {opt(66, opt(23, s6::a_2001_db8__53())), opt(9, relayed)}));
  EXPECT_TRUE(has(f, W, 23, "not an RSOO-enabled option (RFC 6422 §4", "RELAY-FORW/RSOO")) << dump(f);
  // DHCP4_O_DHCP6_SERVER in server replies (RFC 7341 §9), not in client messages.
  EXPECT_TRUE(check(s6::msg(7, 1, {sid(), opt(88, {})})).empty());
  EXPECT_TRUE(check(s6::msg(2, 1, {sid(), cid(), opt(88, s6::a_2001_db8__53())})).empty());
  EXPECT_TRUE(has(check(s6::msg(1, 1, {cid(), elapsed(), opt(88, {})})), W, 88, "not expected in SOLICIT"));
  // A malformed LINK_ADDRESS is reported where it is.
  auto g = check(s6::msg(18, 1, {cid(), opt(80, bytes(8))}));
  EXPECT_TRUE(has(g, E, 80, "malformed: dhcp6: field LINK_ADDRESS.link_address", "RECONFIGURE-REQUEST/LINK_ADDRESS"))
      << dump(g);
}

TEST(Dhcp6Validate, FindingsJson) {
  auto j = dhcp6::findings_json(check(s6::msg(1, 1, {sid(), elapsed()})));
  ASSERT_EQ(j.size(), 2u) << j.dump();
  EXPECT_EQ(j[0]["severity"], "error");
  EXPECT_EQ(j[0]["option"], "CLIENTID");
  EXPECT_EQ(j[0]["code"], 1);
  EXPECT_EQ(j[0]["where"], "SOLICIT");
}

}  // namespace
