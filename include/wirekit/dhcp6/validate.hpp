// DHCPv6 message validation, like DHCPKit's validate(): which options a message of each type
// must, may and must not carry (RFC 8415 §16 and Appendix B), which options may sit inside
// IA_NA / IA_TA / IAADDR / IA_PD / IAPREFIX (Appendix C, RFC 6603), and value rules whose
// violation makes a peer discard the option (T1 > T2, preferred > valid lifetime, ...). Decode
// never rejects a message for these: validate() reports them as findings.
//
//   for (const dhcp6::finding& f : dhcp6::validate(msg))
//     std::cout << dhcp6::severity_name(f.level) << " " << f.where << ": " << f.text << "\n";
//
// The rules are listed in docs/dhcp6.md ("Validation").
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "wirekit/dhcp6/message.hpp"
#include "wirekit/dhcp6/options.hpp"

namespace wirekit::dhcp6 {

enum class severity : std::uint8_t {
  error,    // an RFC MUST / MUST NOT: the receiver discards the message or the option
  warning,  // not where the RFC's tables put it, repeated, or a SHOULD
};
const char* severity_name(severity s);  // "error", "warning"

struct finding {
  severity level = severity::error;
  std::uint16_t option = 0;  // the option's code, 0 for the message itself
  std::string where;         // "SOLICIT", "RELAY-FORW/RELAY_MSG/SOLICIT/IA_NA[1]/IAADDR"
  std::string text;          // what is wrong, with the RFC section
  bool operator==(const finding&) const = default;
};

std::vector<finding> validate(const typed_message& t);
std::vector<finding> validate(const message& m);  // to_typed, then validate

// [{"severity": "error", "code": 2, "option": "SERVERID", "where": "SOLICIT", "text": "..."}]
nlohmann::json findings_json(const std::vector<finding>& f);

}  // namespace wirekit::dhcp6
