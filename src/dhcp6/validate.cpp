// DHCPv6 validation (include/wirekit/dhcp6/validate.hpp). The rules, with their sources, are
// the tables below; docs/dhcp6.md "Validation" lists them.
#include "wirekit/dhcp6/validate.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace wirekit::dhcp6 {

const char* severity_name(severity s) { return s == severity::error ? "error" : "warning"; }

namespace {

namespace oc = option_code;

// Presence of an option in a message type: 'M' must (error when absent), 'S' must per a
// client-behaviour rule that servers do not enforce (warning when absent), 'Y' may, 'N' must
// not (error when present), 'W' should not (warning when present). Options with a definition
// that a type's table does not list draw a warning (RFC 8415 Appendix B and the RFCs of the other
// options), except in types marked "others may" ('*'); in types marked "nothing else" ('0')
// every unlisted option, known or not, draws one.
struct rule {
  std::uint16_t code;
  char p;
  const char* ref;
};

#define WK_CLIENT_COMMON                                                                              \
  {oc::elapsed_time, 'S', "RFC 8415 §21.9"}, {oc::user_class, 'Y', ""}, {oc::vendor_class, 'Y', ""}, \
      {oc::vendor_opts, 'Y', ""}, {oc::auth, 'Y', ""}
#define WK_SERVER_COMMON                                                                               \
  {oc::user_class, 'Y', ""}, {oc::vendor_class, 'Y', ""}, {oc::vendor_opts, 'Y', ""}, {oc::auth, 'Y', ""}, \
      {oc::status_code, 'Y', ""}
#define WK_SERVER_CONFIG                                                                                     \
  {oc::dns_servers, 'Y', ""}, {oc::domain_list, 'Y', ""}, {oc::sntp_servers, 'Y', ""}, {oc::ntp_server, 'Y', ""}, \
      {oc::client_fqdn, 'Y', ""}, {oc::sol_max_rt, 'Y', ""}, {oc::reconf_accept, 'Y', ""}, {oc::unicast, 'Y', ""}
#define WK_IAS {oc::ia_na, 'Y', ""}, {oc::ia_ta, 'Y', ""}, {oc::ia_pd, 'Y', ""}

constexpr rule kSolicit[] = {{oc::clientid, 'M', "RFC 8415 §16.2"}, {oc::serverid, 'N', "RFC 8415 §16.2"},
                             WK_CLIENT_COMMON, WK_IAS, {oc::oro, 'Y', ""}, {oc::rapid_commit, 'Y', ""},
                             {oc::reconf_accept, 'Y', ""}, {oc::client_fqdn, 'Y', ""}};
constexpr rule kAdvertise[] = {{oc::serverid, 'M', "RFC 8415 §16.3"}, {oc::clientid, 'M', "RFC 8415 §16.3"},
                               WK_SERVER_COMMON, WK_SERVER_CONFIG, WK_IAS, {oc::preference, 'Y', ""},
                               {oc::dhcp4o6_server, 'Y', ""}};
constexpr rule kRequest[] = {{oc::clientid, 'M', "RFC 8415 §16.4"}, {oc::serverid, 'M', "RFC 8415 §16.4"},
                             WK_CLIENT_COMMON, WK_IAS, {oc::oro, 'Y', ""}, {oc::reconf_accept, 'Y', ""},
                             {oc::client_fqdn, 'Y', ""}};
constexpr rule kConfirm[] = {{oc::clientid, 'M', "RFC 8415 §16.5"}, {oc::serverid, 'N', "RFC 8415 §16.5"},
                             WK_CLIENT_COMMON, {oc::ia_na, 'Y', ""}, {oc::ia_ta, 'Y', ""}};
constexpr rule kRenew[] = {{oc::clientid, 'M', "RFC 8415 §16.6"}, {oc::serverid, 'M', "RFC 8415 §16.6"},
                           WK_CLIENT_COMMON, WK_IAS, {oc::oro, 'Y', ""}, {oc::reconf_accept, 'Y', ""},
                           {oc::client_fqdn, 'Y', ""}};
constexpr rule kRebind[] = {{oc::clientid, 'M', "RFC 8415 §16.7"}, {oc::serverid, 'N', "RFC 8415 §16.7"},
                            WK_CLIENT_COMMON, WK_IAS, {oc::oro, 'Y', ""}, {oc::reconf_accept, 'Y', ""},
                            {oc::client_fqdn, 'Y', ""}};
constexpr rule kReply[] = {{oc::serverid, 'M', "RFC 8415 §16.10"}, {oc::clientid, 'Y', ""}, WK_SERVER_COMMON,
                           WK_SERVER_CONFIG, WK_IAS, {oc::rapid_commit, 'Y', ""},
                           {oc::information_refresh_time, 'Y', ""}, {oc::inf_max_rt, 'Y', ""},
                           {oc::dhcp4o6_server, 'Y', ""}};
constexpr rule kRelease[] = {{oc::clientid, 'M', "RFC 8415 §16.9"}, {oc::serverid, 'M', "RFC 8415 §16.9"},
                             WK_CLIENT_COMMON, WK_IAS};
constexpr rule kDecline[] = {{oc::clientid, 'M', "RFC 8415 §16.8"}, {oc::serverid, 'M', "RFC 8415 §16.8"},
                             WK_CLIENT_COMMON, {oc::ia_na, 'Y', ""}, {oc::ia_ta, 'Y', ""}};
constexpr rule kReconfigure[] = {{oc::serverid, 'M', "RFC 8415 §16.11"}, {oc::clientid, 'M', "RFC 8415 §16.11"},
                                 {oc::reconf_msg, 'M', "RFC 8415 §16.11"}, {oc::auth, 'M', "RFC 8415 §16.11"},
                                 {oc::oro, 'Y', ""}, {oc::ia_na, 'N', "RFC 8415 §18.3.11"},
                                 {oc::ia_ta, 'N', "RFC 8415 §18.3.11"}, {oc::ia_pd, 'N', "RFC 8415 §18.3.11"}};
constexpr rule kInfoRequest[] = {{oc::ia_na, 'N', "RFC 8415 §16.12"}, {oc::ia_ta, 'N', "RFC 8415 §16.12"},
                                 {oc::ia_pd, 'N', "RFC 8415 §16.12"}, {oc::clientid, 'Y', ""},
                                 {oc::serverid, 'Y', ""}, WK_CLIENT_COMMON, {oc::oro, 'Y', ""},
                                 {oc::reconf_accept, 'Y', ""}, {oc::client_fqdn, 'Y', ""}};
constexpr rule kRelayForw[] = {{oc::relay_msg, 'M', "RFC 8415 §19.1.1"}, {oc::interface_id, 'Y', ""},
                               {oc::remote_id, 'Y', ""}, {oc::subscriber_id, 'Y', ""},
                               {oc::client_linklayer_addr, 'Y', ""}, {oc::vendor_class, 'Y', ""},
                               {oc::vendor_opts, 'Y', ""}, {oc::relay_id, 'Y', ""}, {oc::rsoo, 'Y', ""}};
constexpr rule kRelayRepl[] = {{oc::relay_msg, 'M', "RFC 8415 §19.3"}, {oc::interface_id, 'Y', ""},
                               {oc::vendor_class, 'Y', ""}, {oc::vendor_opts, 'Y', ""}};
// RFC 5007 §4.3.1 (requestor), §4.2.1/§4.2.2 (what receivers discard), §4.4.1; RFC 5460 §5.2.1,
// §6.3; RFC 6977 §6.3, §6.5; RFC 7341 §6.2.
constexpr rule kLeasequery[] = {{oc::clientid, 'M', "RFC 5007 §4.3.1"}, {oc::lq_query, 'M', "RFC 5007 §4.3.1"},
                                {oc::serverid, 'Y', ""}, {oc::oro, 'Y', ""}};
constexpr rule kLeasequeryReply[] = {{oc::serverid, 'M', "RFC 5007 §4.2.2"}, {oc::clientid, 'M', "RFC 5007 §4.2.2"},
                                     {oc::status_code, 'Y', ""}, {oc::client_data, 'Y', ""},
                                     {oc::lq_client_link, 'Y', ""}, {oc::lq_relay_data, 'Y', ""}};
constexpr rule kLeasequeryDone[] = {{oc::status_code, 'Y', ""}, {0, '0', "RFC 5460 §5.2.2"}};
constexpr rule kLeasequeryData[] = {{oc::client_data, 'M', "RFC 5460 §6.3"}, {oc::serverid, 'W', "RFC 5460 §5.2.1"},
                                    {oc::clientid, 'W', "RFC 5460 §5.2.1"}, {oc::status_code, 'W', "RFC 5460 §5.2.1"},
                                    {oc::lq_client_link, 'N', "RFC 5460 §6.3"}, {0, '*', ""}};
constexpr rule kReconfigureRequest[] = {{oc::clientid, 'M', "RFC 6977 §6.3"}, {oc::link_address, 'M', "RFC 6977 §6.3"},
                                        {oc::serverid, 'Y', ""}, {oc::relay_id, 'Y', ""}, {oc::rsoo, 'Y', ""},
                                        {oc::reconf_msg, 'Y', ""}, {oc::interface_id, 'Y', ""}, {0, '*', ""}};
constexpr rule kReconfigureReply[] = {{oc::serverid, 'M', "RFC 6977 §6.5"}, {oc::status_code, 'M', "RFC 6977 §6.5"},
                                      {oc::clientid, 'Y', ""}};
// RFC 7341 §6.2: no DHCPv6 options "related solely to IPv6": the IA options are such (errors).
constexpr rule kDhcpv4Query[] = {{oc::dhcpv4_msg, 'M', "RFC 7341 §6.2"}, {oc::ia_na, 'N', "RFC 7341 §6.2"},
                                 {oc::ia_ta, 'N', "RFC 7341 §6.2"}, {oc::ia_pd, 'N', "RFC 7341 §6.2"}, {0, '*', ""}};
constexpr rule kDhcpv4Response[] = {{oc::dhcpv4_msg, 'M', "RFC 7341 §6.2"}, {oc::ia_na, 'N', "RFC 7341 §6.2"},
                                    {oc::ia_ta, 'N', "RFC 7341 §6.2"}, {oc::ia_pd, 'N', "RFC 7341 §6.2"}, {0, '*', ""}};
#undef WK_CLIENT_COMMON
#undef WK_SERVER_COMMON
#undef WK_SERVER_CONFIG
#undef WK_IAS

std::span<const rule> rules_of(std::uint8_t type) {
  switch (type) {
    case msg_type::solicit: return kSolicit;
    case msg_type::advertise: return kAdvertise;
    case msg_type::request: return kRequest;
    case msg_type::confirm: return kConfirm;
    case msg_type::renew: return kRenew;
    case msg_type::rebind: return kRebind;
    case msg_type::reply: return kReply;
    case msg_type::release: return kRelease;
    case msg_type::decline: return kDecline;
    case msg_type::reconfigure: return kReconfigure;
    case msg_type::information_request: return kInfoRequest;
    case msg_type::relay_forw: return kRelayForw;
    case msg_type::relay_repl: return kRelayRepl;
    case msg_type::leasequery: return kLeasequery;
    case msg_type::leasequery_reply: return kLeasequeryReply;
    case msg_type::leasequery_done: return kLeasequeryDone;
    case msg_type::leasequery_data: return kLeasequeryData;
    case msg_type::reconfigure_request: return kReconfigureRequest;
    case msg_type::reconfigure_reply: return kReconfigureReply;
    case msg_type::dhcpv4_query: return kDhcpv4Query;
    case msg_type::dhcpv4_response: return kDhcpv4Response;
    default: return {};
  }
}

// Options that live only inside other options (Appendix C; RFC 6603 for PD_EXCLUDE).
bool nested_only(std::uint16_t code) {
  return code == oc::iaaddr || code == oc::iaprefix || code == oc::pd_exclude;
}

// Appendix C: what may appear in the options field of the IA options and their addresses.
bool allowed_inside(std::uint16_t parent, std::uint16_t child) {
  switch (parent) {
    case oc::ia_na:
    case oc::ia_ta: return child == oc::iaaddr || child == oc::status_code;
    case oc::ia_pd: return child == oc::iaprefix || child == oc::status_code;
    case oc::iaaddr: return child == oc::status_code;
    case oc::iaprefix: return child == oc::status_code || child == oc::pd_exclude;
    default: return true;
  }
}

// At most once per message (or per enclosing option): RFC 8415 §21 ("only one ... option"),
// RFC 3646, 4075, 4704, 4649, 4580, 6939, 6603.
bool single(std::uint16_t code) {
  switch (code) {
    case oc::clientid: case oc::serverid: case oc::oro: case oc::preference: case oc::elapsed_time:
    case oc::relay_msg: case oc::unicast: case oc::status_code: case oc::rapid_commit: case oc::user_class:
    case oc::interface_id: case oc::reconf_msg: case oc::reconf_accept: case oc::dns_servers:
    case oc::domain_list: case oc::sntp_servers: case oc::information_refresh_time: case oc::remote_id:
    case oc::subscriber_id: case oc::client_fqdn: case oc::pd_exclude: case oc::client_linklayer_addr:
    case oc::sol_max_rt: case oc::inf_max_rt: case oc::lq_query: case oc::client_data: case oc::clt_time:
    case oc::lq_relay_data: case oc::lq_client_link: case oc::link_address:
      return true;
    default: return false;
  }
}

bool client_message(std::uint8_t t) {
  return t == msg_type::solicit || t == msg_type::request || t == msg_type::confirm || t == msg_type::renew ||
         t == msg_type::rebind || t == msg_type::release || t == msg_type::decline ||
         t == msg_type::information_request;
}
// What a relay agent forwards towards servers: client messages, and the leasequery (RFC 5007 §5),
// relayed reconfigure-request (RFC 6977 §6.4) and DHCPv4-query (RFC 7341 §10) messages.
bool toward_server(std::uint8_t t) {
  return client_message(t) || t == msg_type::leasequery || t == msg_type::reconfigure_request ||
         t == msg_type::dhcpv4_query;
}

std::string option_label(std::uint16_t code) {
  if (const option_def* d = find_option_def(code)) return d->name;
  return fmt::format("option {}", code);
}

std::uint64_t num(const typed_option& o, const char* f) {
  const field_value* v = o.field(f);
  return v ? v->number : 0;
}

class validator {
 public:
  std::vector<finding> out;

  void add(severity s, std::uint16_t code, const std::string& where, std::string text) {
    out.push_back({s, code, where, std::move(text)});
  }

  void message(const typed_message& t, const std::string& prefix, unsigned depth) {
    const char* tn = message_type_name(t.msg_type);
    const std::string where = prefix + (tn ? tn : fmt::format("type {}", t.msg_type));
    std::map<std::uint16_t, unsigned> count;
    for (const auto& o : t.options) ++count[o.code];
    const auto rules = rules_of(t.msg_type);
    const bool known_type = !rules.empty();
    bool others_may = false, nothing_else = false;
    for (const rule& r : rules) {
      others_may |= r.p == '*';
      nothing_else |= r.p == '0';
      if (r.code == 0) continue;
      const unsigned n = count.count(r.code) ? count[r.code] : 0;
      if ((r.p == 'M' || r.p == 'S') && n == 0)
        add(r.p == 'M' ? severity::error : severity::warning, r.code, where,
            fmt::format("{} must include {} ({})", tn, option_label(r.code), r.ref));
      if (r.p == 'N' && n > 0)
        add(severity::error, r.code, where, fmt::format("{} must not include {} ({})", tn, option_label(r.code), r.ref));
      if (r.p == 'W' && n > 0)
        add(severity::warning, r.code, where,
            fmt::format("{} should not include {} ({})", tn, option_label(r.code), r.ref));
    }
    // Several Client Identifiers: one per client in a reconfigure-request / -reply (RFC 6977 §6.3,
    // §6.5). Exactly one DHCPv4 message in a DHCPv4-query (RFC 7341 §6.2).
    const bool many_clients = t.msg_type == msg_type::reconfigure_request || t.msg_type == msg_type::reconfigure_reply;
    for (const auto& [code, n] : count) {
      if (n > 1 && single(code) && !(many_clients && code == oc::clientid))
        add(severity::warning, code, where, fmt::format("{} appears {} times (at most once)", option_label(code), n));
      if (n > 1 && code == oc::dhcpv4_msg && t.msg_type == msg_type::dhcpv4_query)
        add(severity::error, code, where,
            fmt::format("DHCPV4-QUERY carries {} DHCPV4_MSG options (exactly one: RFC 7341 §6.2)", n));
      if (code == oc::clt_time) {
        add(severity::warning, code, where, "CLT_TIME belongs inside CLIENT_DATA (RFC 5007 §4.1.2.3), not at the message level");
        continue;
      }
      if (nested_only(code)) {
        add(severity::error, code, where,
            fmt::format("{} belongs inside {} (RFC 8415 Appendix C), not at the message level", option_label(code),
                        code == oc::iaaddr ? "IA_NA or IA_TA" : code == oc::iaprefix ? "IA_PD" : "IAPREFIX"));
        continue;
      }
      bool listed = false;
      for (const rule& r : rules) listed |= r.code == code && r.p != '*' && r.p != '0';
      if (known_type && !listed && nothing_else)
        add(severity::warning, code, where,
            fmt::format("{} should hold no option but STATUS_CODE, not {} (RFC 5460 §5.2.2)", tn, option_label(code)));
      else if (known_type && !listed && !others_may && find_option_def(code))
        add(severity::warning, code, where,
            fmt::format("{} is not expected in {} (RFC 8415 Appendix B and the option's RFC)", option_label(code), tn));
    }
    // RFC 5007 §4.4.1: a reply names the client's links (LQ_CLIENT_LINK) or gives its data, not both.
    if (t.msg_type == msg_type::leasequery_reply && count.count(oc::client_data) && count.count(oc::lq_client_link))
      add(severity::error, oc::lq_client_link, where,
          "LEASEQUERY-REPLY with both CLIENT_DATA and LQ_CLIENT_LINK (RFC 5007 §4.4.1: the server MUST NOT return client "
          "data with the list of links)");
    // RFC 7341 §9: a DHCPv4-query does not request the DHCP 4o6 Server Address option.
    if (t.msg_type == msg_type::dhcpv4_query)
      for (const auto& o : t.options)
        if (o.code == oc::oro && !o.is_raw())
          if (const field_value* v = o.field("requested_options"); v)
            for (auto c : v->numbers)
              if (c == oc::dhcp4o6_server)
                add(severity::error, oc::oro, where,
                    "DHCPV4-QUERY requests DHCP4_O_DHCP6_SERVER (RFC 7341 §9: the client MUST NOT request it here)");
    // IAIDs are unique per IA type (RFC 8415 §21.4, §21.5, §21.21).
    for (std::uint16_t ia : {oc::ia_na, oc::ia_ta, oc::ia_pd}) {
      std::map<std::uint64_t, unsigned> ids;
      for (const auto& o : t.options)
        if (o.code == ia && !o.is_raw() && ++ids[num(o, "iaid")] == 2)
          add(severity::warning, ia, where, fmt::format("two {} options with IAID {}", option_label(ia), num(o, "iaid")));
    }
    std::map<std::uint16_t, unsigned> index;
    for (const auto& o : t.options) option(o, where, index[o.code]++, count[o.code] > 1, t, depth);
  }

  // RFC 5007 §4.1.2.1 and RFC 5460 §5.3: the query-option each query-type needs.
  void lq_query(const typed_option& o, const std::string& where) {
    const auto qt = num(o, "query_type");
    std::uint16_t need = 0;
    const char* name = "";
    const char* ref = "RFC 5007 §4.1.2.1";
    switch (qt) {
      case 1: need = oc::iaaddr, name = "QUERY_BY_ADDRESS"; break;
      case 2: need = oc::clientid, name = "QUERY_BY_CLIENTID"; break;
      case 3: need = oc::relay_id, name = "QUERY_BY_RELAY_ID", ref = "RFC 5460 §5.3.1"; break;
      case 4: break;  // QUERY_BY_LINK_ADDRESS: the link-address is the key (RFC 5460 §5.3.2)
      case 5: need = oc::remote_id, name = "QUERY_BY_REMOTE_ID", ref = "RFC 5460 §5.3.3"; break;
      default:
        add(severity::warning, o.code, where,
            fmt::format("query-type {} is none of RFC 5007/5460's (1-5): a server answers UnknownQueryType "
                        "(RFC 5007 §4.1.2.1)",
                        qt));
        return;
    }
    if (need && !o.find(need))
      add(severity::error, need, where,
          fmt::format("{} must include {} in its query-options ({}: the server answers MalformedQuery)", name,
                      option_label(need), ref));
  }

  // RFC 5007 §4.1.2.4: a (perhaps multi-hop) RELAY-FORW whose innermost RELAY_MSG, the one holding
  // the client's message, has been removed.
  void lq_relay_data(const typed_option& o, const std::string& where) {
    if (!o.message) return;
    if (o.message->msg_type != msg_type::relay_forw) {
      const char* n = message_type_name(o.message->msg_type);
      add(severity::error, o.code, where,
          fmt::format("LQ_RELAY_DATA holds a {}, not a RELAY-FORW (RFC 5007 §4.1.2.4)",
                      n ? n : fmt::format("message of type {}", o.message->msg_type)));
      return;
    }
    const typed_message* cur = o.message.get();
    for (unsigned hops = 0; cur && hops <= max_nesting; ++hops) {
      const typed_option* rm = cur->find(oc::relay_msg);
      if (!rm || !rm->message) return;
      if (!rm->message->relay()) {
        add(severity::error, oc::relay_msg, where,
            "LQ_RELAY_DATA still holds the client's message: the innermost RELAY_MSG must have been removed (RFC 5007 "
            "§4.1.2.4)");
        return;
      }
      cur = rm->message.get();
    }
  }

  void option(const typed_option& o, const std::string& parent, unsigned idx, bool numbered, const typed_message& m,
              unsigned depth) {
    const std::string where = parent + "/" + option_label(o.code) + (numbered ? fmt::format("[{}]", idx) : "");
    if (o.problem) {
      add(severity::error, o.code, where, "malformed: " + o.problem->to_string());
      return;
    }
    if (o.is_raw() || o.space != option_space::dhcp6) return;
    switch (o.code) {
      case oc::ia_na:
      case oc::ia_pd: {
        const auto t1 = num(o, "t1"), t2 = num(o, "t2");
        if (t1 > 0 && t2 > 0 && t1 > t2)
          add(severity::error, o.code, where,
              fmt::format("T1 {} is greater than T2 {} (RFC 8415 §21.{}: the client discards the option)", t1, t2,
                          o.code == oc::ia_na ? 4 : 21));
        break;
      }
      case oc::iaaddr:
      case oc::iaprefix: {
        const auto p = num(o, "preferred_lifetime"), v = num(o, "valid_lifetime");
        if (p > v)
          add(severity::error, o.code, where,
              fmt::format("preferred lifetime {} is greater than valid lifetime {} (RFC 8415 §21.{}: discarded)", p, v,
                          o.code == oc::iaaddr ? 6 : 22));
        if (o.code == oc::iaprefix && num(o, "prefix_length") > 128)
          add(severity::error, o.code, where, fmt::format("prefix length {} is beyond 128", num(o, "prefix_length")));
        if (o.code == oc::iaprefix)
          if (const typed_option* x = o.find(oc::pd_exclude); x && !x->is_raw()) {
            // RFC 6603 §4.2: excluded prefix longer than the delegated one; subnet ID of
            // ceil((excluded - delegated) / 8) bytes.
            const auto plen = num(o, "prefix_length"), xlen = num(*x, "prefix_length");
            const field_value* sid = x->field("subnet_id");
            if (xlen <= plen || xlen > 128)
              add(severity::error, oc::pd_exclude, where + "/PD_EXCLUDE",
                  fmt::format("excluded prefix length {} must be longer than the delegated {} and at most 128 (RFC 6603 §4.2)",
                              xlen, plen));
            else if (sid && sid->data.size() != (xlen - plen + 7) / 8)
              add(severity::error, oc::pd_exclude, where + "/PD_EXCLUDE",
                  fmt::format("subnet ID of {} bytes, RFC 6603 §4.2 wants {} for /{} in /{}", sid->data.size(),
                              (xlen - plen + 7) / 8, xlen, plen));
          }
        break;
      }
      case oc::reconf_msg: {
        const auto t = num(o, "msg_type");
        if (t != msg_type::renew && t != msg_type::rebind && t != msg_type::information_request)
          add(severity::error, o.code, where,
              fmt::format("msg-type {} is not Renew (5), Rebind (6) or Information-request (11) (RFC 8415 §21.19)", t));
        break;
      }
      case oc::relay_msg:
        if (o.message) {
          const std::uint8_t inner = o.message->msg_type;
          const bool fwd = m.msg_type == msg_type::relay_forw;
          if (fwd && !(toward_server(inner) || inner == msg_type::relay_forw))
            add(severity::warning, o.code, where,
                fmt::format("RELAY-FORW relays a {} (expected a client message or RELAY-FORW)",
                            message_type_name(inner) ? message_type_name(inner) : "message of unknown type"));
          if (!fwd && m.msg_type == msg_type::relay_repl && (toward_server(inner) || inner == msg_type::relay_forw))
            add(severity::warning, o.code, where,
                fmt::format("RELAY-REPL relays a {} (expected a server message or RELAY-REPL)", message_type_name(inner)));
          if (depth < max_nesting) message(*o.message, where + "/", depth + 1);
        }
        break;
      case oc::lq_query: lq_query(o, where); break;
      case oc::client_data:
        // RFC 5007 §4.4.2: "MUST minimally contain" the client's identifier, its addresses and/or
        // prefixes and the last transaction time (§4.3.3: without CLT_TIME it is discarded).
        if (!o.find(oc::clientid))
          add(severity::error, oc::clientid, where, "CLIENT_DATA must include CLIENTID (RFC 5007 §4.4.2)");
        if (!o.find(oc::iaaddr) && !o.find(oc::iaprefix))
          add(severity::error, oc::iaaddr, where, "CLIENT_DATA must include IAADDR and/or IAPREFIX (RFC 5007 §4.4.2)");
        if (!o.find(oc::clt_time))
          add(severity::error, oc::clt_time, where,
              "CLIENT_DATA must include CLT_TIME (RFC 5007 §4.4.2; §4.3.3: the requestor discards it)");
        break;
      case oc::lq_relay_data: lq_relay_data(o, where); break;
      case oc::rsoo:
        // RFC 6422 §4-§6: only RSOO-enabled options (IANA's list: ERP_LOCAL_DOMAIN_NAME, 65, which has
        // no definition here); servers discard the others unless configured to accept them.
        for (const auto& s : o.options)
          if (s.def)
            add(severity::warning, s.code, where,
                fmt::format("RSOO carries {}, which is not an RSOO-enabled option (RFC 6422 §4; servers discard it, §6)",
                            option_label(s.code)));
        break;
      default: break;
    }
    if (o.options.empty()) return;
    std::map<std::uint16_t, unsigned> count, index;
    for (const auto& s : o.options) ++count[s.code];
    for (const auto& [code, n] : count) {
      if (o.def && o.def->encapsulates == option_space::dhcp6 && find_option_def(code) && !allowed_inside(o.code, code))
        add(severity::error, code, where,
            fmt::format("{} is not allowed inside {} (RFC 8415 Appendix C)", option_label(code), option_label(o.code)));
      if (n > 1 && single(code) && o.def && o.def->encapsulates == option_space::dhcp6)
        add(severity::warning, code, where, fmt::format("{} appears {} times in {} (at most once)", option_label(code), n,
                                                        option_label(o.code)));
    }
    for (const auto& s : o.options) {
      if (s.space != option_space::dhcp6) {
        if (s.problem)
          add(severity::error, s.code, where + "/" + (s.def ? s.def->name : fmt::format("option {}", s.code)),
              "malformed: " + s.problem->to_string());
        continue;
      }
      option(s, where, index[s.code]++, count[s.code] > 1, m, depth);
    }
  }
};

}  // namespace

std::vector<finding> validate(const typed_message& t) {
  validator v;
  v.message(t, "", 0);
  return std::move(v.out);
}

std::vector<finding> validate(const message& m) { return validate(to_typed(m)); }

nlohmann::json findings_json(const std::vector<finding>& fs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : fs) {
    nlohmann::json j;
    j["severity"] = severity_name(f.level);
    j["code"] = f.option;
    if (f.option) j["option"] = option_label(f.option);
    j["where"] = f.where;
    j["text"] = f.text;
    a.push_back(std::move(j));
  }
  return a;
}

}  // namespace wirekit::dhcp6
