// Hand-built DHCPv6 messages, byte by byte from the RFC figures, covering every option of the
// definition table (the typed decode is checked against these layouts, against tshark and
// against os-ken). Nothing here is produced by wirekit's encoder.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/core/bytes.hpp"

namespace wirekit::test::dhcp6s {

inline void put16(bytes& b, unsigned v) {
  b.push_back(std::byte(v >> 8));
  b.push_back(std::byte(v));
}
inline void put32(bytes& b, std::uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xffff);
}
inline bytes cat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
inline bytes u8(unsigned v) { return bytes{std::byte(v)}; }
inline bytes u16(unsigned v) {
  bytes b;
  put16(b, v);
  return b;
}
inline bytes u32(std::uint32_t v) {
  bytes b;
  put32(b, v);
  return b;
}
inline bytes str(std::string_view s) { return bytes(as_bytes(s).begin(), as_bytes(s).end()); }
inline bytes hexb(std::string_view h) {
  bytes b;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) b.push_back(std::byte(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return b;
}
// RFC 1035 §3.1 labels (no compression), root label at the end unless partial.
inline bytes name(std::initializer_list<std::string_view> labels, bool full = true) {
  bytes b;
  for (auto l : labels) {
    b.push_back(std::byte(l.size()));
    auto s = str(l);
    b.insert(b.end(), s.begin(), s.end());
  }
  if (full) b.push_back(std::byte{0});
  return b;
}
// RFC 8415 §21.1 (option format): option-code, option-len, option-data.
inline bytes opt(unsigned code, const bytes& data) { return cat({u16(code), u16(data.size()), data}); }
// RFC 8415 §8: msg-type, transaction-id (24 bits), options.
inline bytes msg(unsigned type, std::uint32_t xid, std::initializer_list<bytes> options) {
  bytes b{std::byte(type), std::byte(xid >> 16), std::byte(xid >> 8), std::byte(xid)};
  for (const auto& o : options) b.insert(b.end(), o.begin(), o.end());
  return b;
}
// RFC 8415 §9: msg-type, hop-count, link-address, peer-address, options.
inline bytes relay(unsigned type, unsigned hops, const bytes& link, const bytes& peer, std::initializer_list<bytes> options) {
  bytes b{std::byte(type), std::byte(hops)};
  b.insert(b.end(), link.begin(), link.end());
  b.insert(b.end(), peer.begin(), peer.end());
  for (const auto& o : options) b.insert(b.end(), o.begin(), o.end());
  return b;
}

// Addresses used below, as 16 raw bytes.
inline bytes a_2001_db8__10() { return hexb("20010db8000000000000000000000010"); }
inline bytes a_2001_db8__20() { return hexb("20010db8000000000000000000000020"); }
inline bytes a_2001_db8_aa00__() { return hexb("20010db8aa0000000000000000000000"); }
inline bytes a_2001_db8__1() { return hexb("20010db8000000000000000000000001"); }
inline bytes a_2001_db8__53() { return hexb("20010db8000000000000000000000053"); }
inline bytes a_2001_db8__54() { return hexb("20010db8000000000000000000000054"); }
inline bytes a_2001_db8__123() { return hexb("20010db8000000000000000000000123"); }
inline bytes a_2001_db8__7b() { return hexb("20010db800000000000000000000007b"); }
inline bytes a_ff05__101() { return hexb("ff050000000000000000000000000101"); }
inline bytes a_2001_db8_1__1() { return hexb("20010db8000100000000000000000001"); }
inline bytes a_fe80__1() { return hexb("fe800000000000000000000000000001"); }
inline bytes a_fe80__2() { return hexb("fe800000000000000000000000000002"); }
inline bytes a_zero() { return bytes(16); }

// DUIDs, RFC 8415 §11.2 (LLT), §11.3 (EN), §11.4 (LL), §11.5 (UUID); type 5 is unassigned here and stays raw.
inline bytes duid_llt() { return cat({u16(1), u16(1), u32(0x2b3c4d5e), hexb("001122334455")}); }
inline bytes duid_en() { return cat({u16(2), u32(9), hexb("0102030405")}); }
inline bytes duid_ll() { return cat({u16(3), u16(1), hexb("001122334455")}); }
inline bytes duid_uuid() { return cat({u16(4), hexb("00112233445566778899aabbccddeeff")}); }
inline bytes duid_other() { return cat({u16(0x00ff), hexb("cafe")}); }

// SOLICIT with the client-side options (RFC 8415 sections as named).
inline bytes solicit() {
  return msg(1, 0x123456,
             {opt(1, duid_llt()),                                   // §21.2 CLIENTID
              opt(8, u16(100)),                                     // §21.9 ELAPSED_TIME
              opt(6, cat({u16(23), u16(24), u16(31), u16(56)})),    // §21.7 ORO
              opt(3, cat({u32(10), u32(3600), u32(5400),            // §21.4 IA_NA
                          opt(5, cat({a_2001_db8__10(), u32(7200), u32(10800),  // §21.6 IAADDR
                                      opt(13, cat({u16(0), str("ok")}))}))})),  // §21.13 STATUS_CODE
              opt(4, cat({u32(11), opt(5, cat({a_2001_db8__20(), u32(100), u32(200)}))})),  // §21.5 IA_TA
              opt(25, cat({u32(12), u32(1800), u32(2880),           // §21.21 IA_PD
                           opt(26, cat({u32(3000), u32(4000), u8(56), a_2001_db8_aa00__(),  // §21.22 IAPREFIX
                                        opt(67, cat({u8(64), u8(0x05)}))}))})),  // RFC 6603 §4.2 PD_EXCLUDE
              opt(14, {}),                                           // §21.14 RAPID_COMMIT
              opt(15, cat({u16(4), str("abcd"), u16(2), str("xy")})),  // §21.15 USER_CLASS
              opt(16, cat({u32(4491), u16(5), str("hello")})),       // §21.16 VENDOR_CLASS
              opt(17, cat({u32(9), opt(1, str("abc"))})),            // §21.17 VENDOR_OPTS
              opt(20, {}),                                           // §21.20 RECONF_ACCEPT
              opt(39, cat({u8(0x01), name({"host", "example", "com"})})),  // RFC 4704 §4 CLIENT_FQDN
              opt(11, cat({u8(0), u8(0), u8(0), hexb("0000000000000001"), str("token")}))});  // §21.11 AUTH
}

// ADVERTISE with server-side configuration options.
inline bytes advertise() {
  return msg(2, 0x123456,
             {opt(2, duid_en()),                                    // §21.3 SERVERID
              opt(1, duid_ll()),
              opt(7, u8(255)),                                      // §21.8 PREFERENCE
              opt(12, a_2001_db8__1()),                             // §21.12 UNICAST
              opt(13, cat({u16(0), str("all good")})),
              opt(23, cat({a_2001_db8__53(), a_2001_db8__54()})),   // RFC 3646 §3 DNS_SERVERS
              opt(24, cat({name({"example", "com"}), name({"corp", "example"})})),  // RFC 3646 §4 DOMAIN_LIST
              opt(31, a_2001_db8__123()),                           // RFC 4075 §4 SNTP_SERVERS
              opt(56, cat({opt(1, a_2001_db8__7b()), opt(2, a_ff05__101()),  // RFC 5908 §4 NTP_SERVER
                           opt(3, name({"ntp", "example", "com"}))})),
              opt(82, u32(3600))});                                 // §21.24 SOL_MAX_RT
}

// REPLY to an Information-request.
inline bytes reply() {
  return msg(7, 0x654321,
             {opt(2, duid_uuid()), opt(1, duid_other()),
              opt(32, u32(86400)),                                  // §21.23 INFORMATION_REFRESH_TIME
              opt(83, u32(7200)),                                   // §21.25 INF_MAX_RT
              opt(39, cat({u8(0x04), name({"myhost"}, false)}))});  // RFC 4704: a partial name
}

// RECONFIGURE (RFC 8415 §18.3.11) with the reconfigure key authentication (§20.4).
inline bytes reconfigure() {
  return msg(10, 0, {opt(2, duid_en()), opt(1, duid_llt()), opt(19, u8(5)),  // §21.19 RECONF_MSG
                     opt(11, cat({u8(3), u8(1), u8(0), hexb("0000000000000002"), u8(2),
                                  hexb("0f0e0d0c0b0a09080706050403020100")}))});
}

// RELAY-FORW carrying a RELAY-FORW carrying a SOLICIT, with the relay agent options.
inline bytes relay_forw() {
  bytes inner_solicit = msg(1, 0xabcdef, {opt(1, duid_ll()), opt(8, u16(0))});
  bytes inner_relay = relay(12, 0, a_zero(), a_fe80__2(), {opt(9, inner_solicit)});
  return relay(12, 1, a_2001_db8_1__1(), a_fe80__1(),
               {opt(18, str("eth0")),                             // §21.18 INTERFACE_ID
                opt(37, cat({u32(3561), str("port1")})),           // RFC 4649 §3 REMOTE_ID
                opt(38, str("sub-42")),                            // RFC 4580 §2 SUBSCRIBER_ID
                opt(79, cat({u16(1), hexb("001122334455")})),      // RFC 6939 §4 CLIENT_LINKLAYER_ADDR
                opt(9, inner_relay)});                             // §21.10 RELAY_MSG
}

// LEASEQUERY (RFC 5007 §4.1.1) by address: LQ_QUERY (§4.1.2.1: query-type 1, link-address,
// query-options with the IAADDR asked about and an ORO asking for LQ_RELAY_DATA and DNS_SERVERS).
inline bytes leasequery() {
  return msg(14, 0x010203,
             {opt(1, duid_ll()),
              opt(44, cat({u8(1), a_2001_db8_1__1(),                        // §4.1.2.1 LQ_QUERY
                           opt(5, cat({a_2001_db8__10(), u32(0), u32(0)})),
                           opt(6, cat({u16(47), u16(23)}))}))});
}

// LEASEQUERY-REPLY with the client's data (RFC 5007 §4.4.2): CLIENT_DATA holding CLIENTID, IAADDR,
// CLT_TIME and LQ_RELAY_DATA (§4.1.2.4: the relay's RELAY-FORW, with RELAY_ID (RFC 5460 §5.4.1),
// its innermost RELAY_MSG removed).
inline bytes leasequery_reply() {
  bytes relayed = relay(12, 0, a_2001_db8_1__1(), a_fe80__2(), {opt(18, str("eth0")), opt(53, duid_en())});
  return msg(15, 0x010203,
             {opt(2, duid_en()), opt(1, duid_ll()),
              opt(45, cat({opt(1, duid_ll()),                                // §4.1.2.2 CLIENT_DATA
                           opt(5, cat({a_2001_db8__10(), u32(100), u32(200)})),
                           opt(46, u32(3600)),                               // §4.1.2.3 CLT_TIME
                           opt(47, cat({a_fe80__1(), relayed}))}))});        // §4.1.2.4 LQ_RELAY_DATA
}

// LEASEQUERY-REPLY naming the client's links (RFC 5007 §4.1.2.5 LQ_CLIENT_LINK).
inline bytes leasequery_reply_links() {
  return msg(15, 0x010204, {opt(2, duid_en()), opt(1, duid_ll()), opt(48, cat({a_2001_db8_1__1(), a_2001_db8__20()}))});
}

// RECONFIGURE-REQUEST (RFC 6977 §6.3: Client Identifiers, LINK_ADDRESS (§5), RELAY_ID, RECONF_MSG)
// forwarded by an intermediate relay (§6.4) that adds its own RELAY_ID and an RSOO (RFC 6422 §3)
// holding option 65 (ERP_LOCAL_DOMAIN_NAME, RFC 6440: a name; no definition here, kept raw).
inline bytes reconfigure_request_relayed() {
  bytes rr = msg(18, 0x0a0b0c,
                 {opt(1, duid_ll()), opt(1, duid_en()), opt(80, a_2001_db8_1__1()), opt(53, duid_llt()), opt(19, u8(5))});
  return relay(12, 0, a_2001_db8_1__1(), a_fe80__1(),
               {opt(53, duid_uuid()), opt(66, opt(65, name({"example", "com"}))), opt(9, rr)});
}

// DHCPv4 messages as OPTION_DHCPV4_MSG carries them (RFC 7341 §7.1: no IP/UDP header): RFC 2131
// §2 fixed fields (op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr
// (16), sname (64), file (128)), the magic cookie and options (RFC 2132 §9.6 message type, §9.7
// server identifier, §3.2 end).
inline bytes dhcpv4_discover() {
  return cat({u8(1), u8(1), u8(6), u8(0), u32(0x3903f326), u16(0), u16(0x8000), bytes(16), hexb("001122334455"),
              bytes(10), bytes(64), bytes(128), hexb("63825363"), u8(53), u8(1), u8(1), u8(255)});
}
inline bytes dhcpv4_offer() {
  return cat({u8(2), u8(1), u8(6), u8(0), u32(0x3903f326), u16(0), u16(0), bytes(4), hexb("c000020a"), bytes(8),
              hexb("001122334455"), bytes(10), bytes(64), bytes(128), hexb("63825363"), u8(53), u8(1), u8(2), u8(54),
              u8(4), hexb("c0000201"), u8(255)});
}

// DHCPV4-QUERY with the unicast flag (RFC 7341 §6.2, §6.3: flags 0x800000 where other messages
// have the transaction-id) and DHCPV4-RESPONSE (§6.4), each with one DHCPV4_MSG (§7.1).
inline bytes dhcpv4_query() { return msg(20, 0x800000, {opt(87, dhcpv4_discover())}); }
inline bytes dhcpv4_response() { return msg(21, 0, {opt(87, dhcpv4_offer())}); }

// DHCP 4o6 Server Address (RFC 7341 §7.2) in server replies (§9): two addresses, and none (the
// client then uses All_DHCP_Relay_Agents_and_Servers).
inline bytes reply_4o6() {
  return msg(7, 0x111111, {opt(2, duid_en()), opt(1, duid_ll()), opt(88, cat({a_2001_db8__53(), a_2001_db8__54()}))});
}
inline bytes advertise_4o6_empty() { return msg(2, 0x111112, {opt(2, duid_en()), opt(1, duid_ll()), opt(88, {})}); }

inline std::vector<bytes> all_samples() {
  return {solicit(),         advertise(),      reply(),       reconfigure(),     relay_forw(),
          leasequery(),      leasequery_reply(), leasequery_reply_links(), reconfigure_request_relayed(),
          dhcpv4_query(),    dhcpv4_response(), reply_4o6(),   advertise_4o6_empty()};
}

}  // namespace wirekit::test::dhcp6s
