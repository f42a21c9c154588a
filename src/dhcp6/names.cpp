// DHCPv6 message type names and the option definition table (IANA "Dynamic Host Configuration
// Protocol for IPv6 (DHCPv6)" registry).
#include <algorithm>

#include "wirekit/dhcp6/message.hpp"

namespace wirekit::dhcp6 {

const char* message_type_name(std::uint8_t type) {
  static constexpr const char* names[] = {
      nullptr,          "SOLICIT",          "ADVERTISE",       "REQUEST",         "CONFIRM",
      "RENEW",          "REBIND",           "REPLY",           "RELEASE",         "DECLINE",
      "RECONFIGURE",    "INFORMATION-REQUEST", "RELAY-FORW",   "RELAY-REPL",      "LEASEQUERY",
      "LEASEQUERY-REPLY", "LEASEQUERY-DONE", "LEASEQUERY-DATA", "RECONFIGURE-REQUEST", "RECONFIGURE-REPLY",
      "DHCPV4-QUERY",   "DHCPV4-RESPONSE"};
  return type < std::size(names) ? names[type] : nullptr;
}

const char* field_kind_name(field_kind k) {
  switch (k) {
    case field_kind::u8: return "u8";
    case field_kind::u16: return "u16";
    case field_kind::u32: return "u32";
    case field_kind::u64: return "u64";
    case field_kind::ipv6: return "ipv6";
    case field_kind::binary: return "binary";
    case field_kind::text: return "text";
    case field_kind::u16_list: return "u16-list";
    case field_kind::ipv6_list: return "ipv6-list";
    case field_kind::fqdn_list: return "fqdn-list";
    case field_kind::fqdn: return "fqdn";
    case field_kind::opaque_list: return "opaque-list";
    case field_kind::duid: return "duid";
    case field_kind::options: return "options";
    case field_kind::message: return "message";
  }
  return "?";
}

namespace {

using K = field_kind;
using S = option_space;

// ---- layouts (records of fields; a field of a "rest" kind comes last) ----
constexpr field_def kDuid[] = {{"duid", K::duid}};
constexpr field_def kIaNa[] = {{"iaid", K::u32}, {"t1", K::u32}, {"t2", K::u32}, {"options", K::options}};
constexpr field_def kIaTa[] = {{"iaid", K::u32}, {"options", K::options}};
constexpr field_def kIaAddr[] = {{"address", K::ipv6}, {"preferred_lifetime", K::u32}, {"valid_lifetime", K::u32},
                                 {"options", K::options}};
constexpr field_def kOro[] = {{"requested_options", K::u16_list}};
constexpr field_def kPreference[] = {{"preference", K::u8}};
constexpr field_def kElapsed[] = {{"elapsed_time", K::u16}};
constexpr field_def kRelayMsg[] = {{"message", K::message}};
constexpr field_def kAuth[] = {{"protocol", K::u8}, {"algorithm", K::u8}, {"rdm", K::u8},
                               {"replay_detection", K::u64}, {"authentication_information", K::binary}};
constexpr field_def kUnicast[] = {{"server_address", K::ipv6}};
constexpr field_def kStatus[] = {{"status_code", K::u16}, {"status_message", K::text}};
constexpr field_def kUserClass[] = {{"user_class_data", K::opaque_list}};
constexpr field_def kVendorClass[] = {{"enterprise_number", K::u32}, {"vendor_class_data", K::opaque_list}};
constexpr field_def kVendorOpts[] = {{"enterprise_number", K::u32}, {"options", K::options}};
constexpr field_def kInterfaceId[] = {{"interface_id", K::binary}};
constexpr field_def kReconfMsg[] = {{"msg_type", K::u8}};
constexpr field_def kDns[] = {{"dns_servers", K::ipv6_list}};
constexpr field_def kDomains[] = {{"domain_search_list", K::fqdn_list}};
constexpr field_def kIaPrefix[] = {{"preferred_lifetime", K::u32}, {"valid_lifetime", K::u32},
                                   {"prefix_length", K::u8}, {"prefix", K::ipv6}, {"options", K::options}};
constexpr field_def kSntp[] = {{"sntp_servers", K::ipv6_list}};
constexpr field_def kRefresh[] = {{"information_refresh_time", K::u32}};
constexpr field_def kRemoteId[] = {{"enterprise_number", K::u32}, {"remote_id", K::binary}};
constexpr field_def kSubscriberId[] = {{"subscriber_id", K::binary}};
constexpr field_def kFqdn[] = {{"flags", K::u8}, {"domain_name", K::fqdn}};
constexpr field_def kPdExclude[] = {{"prefix_length", K::u8}, {"subnet_id", K::binary}};
constexpr field_def kLinkLayer[] = {{"link_layer_type", K::u16}, {"link_layer_address", K::binary}};
constexpr field_def kSolMaxRt[] = {{"sol_max_rt", K::u32}};
constexpr field_def kInfMaxRt[] = {{"inf_max_rt", K::u32}};
// Leasequery (RFC 5007 §4.1.2, RFC 5460 §5.4.1), RSOO (RFC 6422 §3), relay-initiated reconfigure
// (RFC 6977 §5), DHCPv4 over DHCPv6 (RFC 7341 §7).
constexpr field_def kLqQuery[] = {{"query_type", K::u8}, {"link_address", K::ipv6}, {"options", K::options}};
constexpr field_def kOptionsOnly[] = {{"options", K::options}};
constexpr field_def kCltTime[] = {{"client_last_transaction_time", K::u32}};
constexpr field_def kLqRelayData[] = {{"peer_address", K::ipv6}, {"message", K::message}};
constexpr field_def kLqClientLink[] = {{"link_addresses", K::ipv6_list}};
constexpr field_def kLinkAddress[] = {{"link_address", K::ipv6}};
constexpr field_def kDhcpv4Msg[] = {{"dhcpv4_message", K::binary}};
constexpr field_def kDhcp4o6Server[] = {{"dhcp4o6_servers", K::ipv6_list}};
constexpr field_def kNtpAddr[] = {{"address", K::ipv6}};
constexpr field_def kNtpFqdn[] = {{"fqdn", K::fqdn}};

// DUIDs (RFC 8415 §11): duid_type, then the fields of the type.
constexpr field_def kDuidLlt[] = {{"duid_type", K::u16}, {"hardware_type", K::u16}, {"time", K::u32},
                                  {"link_layer_address", K::binary}};
constexpr field_def kDuidEn[] = {{"duid_type", K::u16}, {"enterprise_number", K::u32}, {"identifier", K::binary}};
constexpr field_def kDuidLl[] = {{"duid_type", K::u16}, {"hardware_type", K::u16}, {"link_layer_address", K::binary}};
constexpr field_def kDuidUuid[] = {{"duid_type", K::u16}, {"uuid", K::binary}};  // 16 bytes
constexpr field_def kDuidOther[] = {{"duid_type", K::u16}, {"data", K::binary}};

constexpr std::span<const field_def> kNone{};

// THE option definition table (dhcp6 space), sorted by code. docs/dhcp6.md's option table is
// checked against it (tests/dhcp6/dhcp6_doc_test.cpp).
constexpr option_def kOptions[] = {
    {option_code::clientid, "CLIENTID", kDuid, S::dhcp6, "RFC 8415 §21.2"},
    {option_code::serverid, "SERVERID", kDuid, S::dhcp6, "RFC 8415 §21.3"},
    {option_code::ia_na, "IA_NA", kIaNa, S::dhcp6, "RFC 8415 §21.4"},
    {option_code::ia_ta, "IA_TA", kIaTa, S::dhcp6, "RFC 8415 §21.5"},
    {option_code::iaaddr, "IAADDR", kIaAddr, S::dhcp6, "RFC 8415 §21.6"},
    {option_code::oro, "ORO", kOro, S::dhcp6, "RFC 8415 §21.7"},
    {option_code::preference, "PREFERENCE", kPreference, S::dhcp6, "RFC 8415 §21.8"},
    {option_code::elapsed_time, "ELAPSED_TIME", kElapsed, S::dhcp6, "RFC 8415 §21.9"},
    {option_code::relay_msg, "RELAY_MSG", kRelayMsg, S::dhcp6, "RFC 8415 §21.10"},
    {option_code::auth, "AUTH", kAuth, S::dhcp6, "RFC 8415 §21.11"},
    {option_code::unicast, "UNICAST", kUnicast, S::dhcp6, "RFC 8415 §21.12"},
    {option_code::status_code, "STATUS_CODE", kStatus, S::dhcp6, "RFC 8415 §21.13"},
    {option_code::rapid_commit, "RAPID_COMMIT", kNone, S::dhcp6, "RFC 8415 §21.14"},
    {option_code::user_class, "USER_CLASS", kUserClass, S::dhcp6, "RFC 8415 §21.15"},
    {option_code::vendor_class, "VENDOR_CLASS", kVendorClass, S::dhcp6, "RFC 8415 §21.16"},
    {option_code::vendor_opts, "VENDOR_OPTS", kVendorOpts, S::vendor, "RFC 8415 §21.17"},
    {option_code::interface_id, "INTERFACE_ID", kInterfaceId, S::dhcp6, "RFC 8415 §21.18"},
    {option_code::reconf_msg, "RECONF_MSG", kReconfMsg, S::dhcp6, "RFC 8415 §21.19"},
    {option_code::reconf_accept, "RECONF_ACCEPT", kNone, S::dhcp6, "RFC 8415 §21.20"},
    {option_code::dns_servers, "DNS_SERVERS", kDns, S::dhcp6, "RFC 3646 §3"},
    {option_code::domain_list, "DOMAIN_LIST", kDomains, S::dhcp6, "RFC 3646 §4"},
    {option_code::ia_pd, "IA_PD", kIaNa, S::dhcp6, "RFC 8415 §21.21"},
    {option_code::iaprefix, "IAPREFIX", kIaPrefix, S::dhcp6, "RFC 8415 §21.22"},
    {option_code::sntp_servers, "SNTP_SERVERS", kSntp, S::dhcp6, "RFC 4075 §4"},
    {option_code::information_refresh_time, "INFORMATION_REFRESH_TIME", kRefresh, S::dhcp6, "RFC 8415 §21.23"},
    {option_code::remote_id, "REMOTE_ID", kRemoteId, S::dhcp6, "RFC 4649 §3"},
    {option_code::subscriber_id, "SUBSCRIBER_ID", kSubscriberId, S::dhcp6, "RFC 4580 §2"},
    {option_code::client_fqdn, "CLIENT_FQDN", kFqdn, S::dhcp6, "RFC 4704 §4"},
    {option_code::lq_query, "LQ_QUERY", kLqQuery, S::dhcp6, "RFC 5007 §4.1.2.1"},
    {option_code::client_data, "CLIENT_DATA", kOptionsOnly, S::dhcp6, "RFC 5007 §4.1.2.2"},
    {option_code::clt_time, "CLT_TIME", kCltTime, S::dhcp6, "RFC 5007 §4.1.2.3"},
    {option_code::lq_relay_data, "LQ_RELAY_DATA", kLqRelayData, S::dhcp6, "RFC 5007 §4.1.2.4"},
    {option_code::lq_client_link, "LQ_CLIENT_LINK", kLqClientLink, S::dhcp6, "RFC 5007 §4.1.2.5"},
    {option_code::relay_id, "RELAY_ID", kDuid, S::dhcp6, "RFC 5460 §5.4.1"},
    {option_code::ntp_server, "NTP_SERVER", kOptionsOnly, S::ntp_server, "RFC 5908 §4"},
    {option_code::rsoo, "RSOO", kOptionsOnly, S::dhcp6, "RFC 6422 §3"},
    {option_code::pd_exclude, "PD_EXCLUDE", kPdExclude, S::dhcp6, "RFC 6603 §4.2"},
    {option_code::client_linklayer_addr, "CLIENT_LINKLAYER_ADDR", kLinkLayer, S::dhcp6, "RFC 6939 §4"},
    {option_code::link_address, "LINK_ADDRESS", kLinkAddress, S::dhcp6, "RFC 6977 §5"},
    {option_code::sol_max_rt, "SOL_MAX_RT", kSolMaxRt, S::dhcp6, "RFC 8415 §21.24"},
    {option_code::inf_max_rt, "INF_MAX_RT", kInfMaxRt, S::dhcp6, "RFC 8415 §21.25"},
    {option_code::dhcpv4_msg, "DHCPV4_MSG", kDhcpv4Msg, S::dhcp6, "RFC 7341 §7.1"},
    {option_code::dhcp4o6_server, "DHCP4_O_DHCP6_SERVER", kDhcp4o6Server, S::dhcp6, "RFC 7341 §7.2"},
};

// NTP_SERVER sub-options (RFC 5908 §4.1-4.3).
constexpr option_def kNtpSuboptions[] = {
    {1, "NTP_SUBOPTION_SRV_ADDR", kNtpAddr, S::dhcp6, "RFC 5908 §4.1", S::ntp_server},
    {2, "NTP_SUBOPTION_MC_ADDR", kNtpAddr, S::dhcp6, "RFC 5908 §4.2", S::ntp_server},
    {3, "NTP_SUBOPTION_SRV_FQDN", kNtpFqdn, S::dhcp6, "RFC 5908 §4.3", S::ntp_server},
};

}  // namespace

std::span<const option_def> option_table() { return kOptions; }

std::span<const option_def> option_table(option_space space) {
  switch (space) {
    case option_space::dhcp6: return kOptions;
    case option_space::ntp_server: return kNtpSuboptions;
    case option_space::vendor: return {};
  }
  return {};
}

const option_def* find_option_def(std::uint16_t code, option_space space) {
  auto t = option_table(space);
  auto it = std::lower_bound(t.begin(), t.end(), code, [](const option_def& d, std::uint16_t c) { return d.code < c; });
  return it != t.end() && it->code == code ? &*it : nullptr;
}

std::span<const field_def> duid_layout(std::uint16_t duid_type) {
  switch (duid_type) {
    case 1: return kDuidLlt;
    case 2: return kDuidEn;
    case 3: return kDuidLl;
    case 4: return kDuidUuid;
    default: return kDuidOther;
  }
}

const char* duid_type_name(std::uint16_t duid_type) {
  switch (duid_type) {
    case 1: return "DUID-LLT";
    case 2: return "DUID-EN";
    case 3: return "DUID-LL";
    case 4: return "DUID-UUID";
    default: return nullptr;
  }
}

}  // namespace wirekit::dhcp6
