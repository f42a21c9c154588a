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

namespace {
// Sorted by code. Issue 5 adds each option's layout here (typed decode/encode/JSON/docs).
constexpr option_def kOptions[] = {
    {option_code::clientid, "CLIENTID"},
    {option_code::serverid, "SERVERID"},
    {option_code::ia_na, "IA_NA"},
    {option_code::ia_ta, "IA_TA"},
    {option_code::iaaddr, "IAADDR"},
    {option_code::oro, "ORO"},
    {option_code::preference, "PREFERENCE"},
    {option_code::elapsed_time, "ELAPSED_TIME"},
    {option_code::relay_msg, "RELAY_MSG"},
    {option_code::auth, "AUTH"},
    {option_code::unicast, "UNICAST"},
    {option_code::status_code, "STATUS_CODE"},
    {option_code::rapid_commit, "RAPID_COMMIT"},
    {option_code::user_class, "USER_CLASS"},
    {option_code::vendor_class, "VENDOR_CLASS"},
    {option_code::vendor_opts, "VENDOR_OPTS"},
    {option_code::interface_id, "INTERFACE_ID"},
    {option_code::reconf_msg, "RECONF_MSG"},
    {option_code::reconf_accept, "RECONF_ACCEPT"},
    {option_code::dns_servers, "DNS_SERVERS"},
    {option_code::domain_list, "DOMAIN_LIST"},
    {option_code::ia_pd, "IA_PD"},
    {option_code::iaprefix, "IAPREFIX"},
    {option_code::sntp_servers, "SNTP_SERVERS"},
    {option_code::information_refresh_time, "INFORMATION_REFRESH_TIME"},
    {option_code::remote_id, "REMOTE_ID"},
    {option_code::subscriber_id, "SUBSCRIBER_ID"},
    {option_code::client_fqdn, "CLIENT_FQDN"},
    {option_code::ntp_server, "NTP_SERVER"},
    {option_code::pd_exclude, "PD_EXCLUDE"},
    {option_code::client_linklayer_addr, "CLIENT_LINKLAYER_ADDR"},
    {option_code::sol_max_rt, "SOL_MAX_RT"},
    {option_code::inf_max_rt, "INF_MAX_RT"},
};
}  // namespace

std::span<const option_def> option_table() { return kOptions; }

const option_def* find_option_def(std::uint16_t code) {
  auto it = std::lower_bound(std::begin(kOptions), std::end(kOptions), code,
                             [](const option_def& d, std::uint16_t c) { return d.code < c; });
  return it != std::end(kOptions) && it->code == code ? &*it : nullptr;
}

}  // namespace wirekit::dhcp6
