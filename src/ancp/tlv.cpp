// ANCP TLV definitions and names (include/wirekit/ancp/ancp.hpp): the one table that drives the
// typed JSON form, the subscriber view and the table in docs/ancp.md.
#include <algorithm>
#include <array>

#include "wirekit/ancp/ancp.hpp"

namespace wirekit::ancp {

namespace {

using K = tlv_kind;

// Sorted by type.
constexpr tlv_def defs[] = {
    {0x0001, "Access-Loop-Circuit-ID", K::text, "RFC 6320 §5.1.2.1"},
    {0x0002, "Access-Loop-Remote-ID", K::text, "RFC 6320 §5.1.2.2"},
    {0x0003, "Access-Aggregation-Circuit-ID-ASCII", K::text, "RFC 6320 §5.1.2.4"},
    {0x0004, "DSL-Line-Attributes", K::tlvs, "RFC 6320 §6.5.1"},
    {0x0005, "Service-Profile-Name", K::text, "RFC 6320 §7.5.1"},
    {0x0006, "Access-Aggregation-Circuit-ID-Binary", K::u32_list, "RFC 6320 §5.1.2.3"},
    {0x0007, "OAM-Loopback-Test-Parameters", K::loopback_parameters, "RFC 6320 §8.5.1"},
    {0x0008, "Opaque-Data", K::u32_list, "RFC 6320 §8.5.2"},
    {0x0009, "OAM-Loopback-Test-Response-String", K::text, "RFC 6320 §8.5.3"},
    {0x0011, "Command", K::command, "RFC 6320 §4.4, RFC 7256 §4.3"},
    {0x0012, "PON-Access-Line-Attributes", K::tlvs, "draft-lihawi-ancp-protocol-access-extension"},
    {0x0013, "Multicast-Service-Profile", K::tlvs, "RFC 7256 §5.1"},
    {0x0015, "Bandwidth-Allocation", K::u32, "RFC 7256 §5.5"},
    {0x0016, "Bandwidth-Request", K::bandwidth_request, "RFC 7256 §5.8"},
    {0x0018, "Multicast-Service-Profile-Name", K::text, "RFC 7256 §5.2"},
    {0x0019, "Multicast-Flow", K::multicast_flow, "RFC 7256 §5.12"},
    {0x0021, "List-Action", K::list_action, "RFC 7256 §5.3"},
    {0x0022, "Sequence-Number", K::u32, "RFC 7256 §5.4"},
    {0x0024, "White-List-CAC", K::empty, "RFC 7256 §5.6"},
    {0x0025, "MRepCtl-CAC", K::empty, "RFC 7256 §5.7"},
    {0x0081, "Actual-Net-Data-Rate-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x0082, "Actual-Net-Data-Rate-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x0083, "Minimum-Net-Data-Rate-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x0084, "Minimum-Net-Data-Rate-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x0085, "Attainable-Net-Data-Rate-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x0086, "Attainable-Net-Data-Rate-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x0087, "Maximum-Net-Data-Rate-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x0088, "Maximum-Net-Data-Rate-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x0089, "Minimum-Net-Low-Power-Data-Rate-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x008a, "Minimum-Net-Low-Power-Data-Rate-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x008b, "Maximum-Interleaving-Delay-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x008c, "Actual-Interleaving-Delay-Upstream", K::u32, "RFC 6320 §6.5"},
    {0x008d, "Maximum-Interleaving-Delay-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x008e, "Actual-Interleaving-Delay-Downstream", K::u32, "RFC 6320 §6.5"},
    {0x008f, "DSL-Line-State", K::u32, "RFC 6320 §6.5"},
    {0x0090, "Access-Loop-Encapsulation", K::loop_encapsulation, "RFC 6320 §6.5.18"},
    {0x0091, "DSL-Type", K::u32, "RFC 6320 §6.5"},
    {0x0092, "Request-Source-IP", K::ip, "RFC 7256 §5.9"},
    {0x0093, "Request-Source-MAC", K::mac, "RFC 7256 §5.10"},
    {0x0094, "Report-Buffering-Time", K::u32, "RFC 7256 §5.13"},
    {0x0095, "Committed-Bandwidth", K::committed_bandwidth, "RFC 7256 §5.14"},
    {0x0096, "Request-Source-Device-Id", K::u32, "RFC 7256 §5.11"},
    {0x0097, "PON-Access-Type", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x009b, "ETR-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x009c, "ETR-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x009d, "ATTETR-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x009e, "ATTETR-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x009f, "GDR-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00a0, "GDR-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00a1, "ATTGDR-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00a2, "ATTGDR-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b0, "ONT/ONU-Average-Data-Rate-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b1, "ONT/ONU-Peak-Data-Rate-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b2, "ONT/ONU-Maximum-Data-Rate-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b3, "ONT/ONU-Assured-Data-Rate-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b4, "PON-Tree-Maximum-Data-Rate-Upstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x00b5, "PON-Tree-Maximum-Data-Rate-Downstream", K::u32, "draft-lihawi-ancp-protocol-access-extension"},
    {0x0106, "Status-Info", K::status_info, "RFC 6320 §4.5"},
    {0x1000, "Target", K::tlvs, "RFC 6320 §4.3"},
};

struct named {
  unsigned code;
  const char* name;
};
constexpr named message_names[] = {
    {10, "Adjacency"},
    {32, "Port Management"},
    {80, "Port Up"},
    {81, "Port Down"},
    {85, "Adjacency Update"},
    {91, "Generic Response"},
    {93, "Provisioning"},
    {144, "Multicast Replication Control"},
    {145, "Multicast Admission Control"},
    {146, "Bandwidth Reallocation Request"},
    {147, "Bandwidth Transfer"},
    {148, "Delegated Bandwidth Query"},
    {149, "Multicast Flow Query"},
    {150, "Committed Bandwidth Report"},
};
// RFC 6320 §3.5.1 and RFC 7256 §6 (IANA "ANCP Capability Types").
constexpr named capability_names[] = {
    {1, "DSL Topology Discovery"},
    {2, "DSL Line Configuration"},
    {3, "NAS-Initiated Multicast Replication"},
    {4, "DSL Remote Line Connectivity Testing"},
    {5, "Committed Bandwidth Reporting"},
    {6, "Conditional Access and Admission Control with White and Black Lists"},
    {7, "Conditional Access and Admission Control with Grey Lists"},
    {8, "Bandwidth Delegation"},
};
constexpr named code_names[] = {{1, "SYN"}, {2, "SYNACK"}, {3, "ACK"}, {4, "RSTACK"}};

template <std::size_t N>
const char* lookup(const named (&table)[N], unsigned code) {
  for (const named& n : table)
    if (n.code == code) return n.name;
  return nullptr;
}

}  // namespace

std::span<const tlv_def> tlv_table() { return defs; }

const tlv_def* find_tlv_def(std::uint16_t type) {
  auto it = std::lower_bound(std::begin(defs), std::end(defs), type,
                             [](const tlv_def& d, std::uint16_t t) { return d.type < t; });
  return it != std::end(defs) && it->type == type ? &*it : nullptr;
}

const char* tlv_kind_name(tlv_kind k) {
  switch (k) {
    case K::raw: return "raw";
    case K::text: return "text";
    case K::u32: return "u32";
    case K::u32_list: return "u32-list";
    case K::tlvs: return "tlvs";
    case K::empty: return "empty";
    case K::mac: return "mac";
    case K::ip: return "ip";
    case K::loop_encapsulation: return "loop-encapsulation";
    case K::loopback_parameters: return "loopback-parameters";
    case K::status_info: return "status-info";
    case K::command: return "command";
    case K::multicast_flow: return "multicast-flow";
    case K::bandwidth_request: return "bandwidth-request";
    case K::committed_bandwidth: return "committed-bandwidth";
    case K::list_action: return "list-action";
  }
  return "?";
}

const char* message_type_name(std::uint8_t type) { return lookup(message_names, type); }
const char* capability_name(std::uint16_t type) { return lookup(capability_names, type); }
const char* adjacency_code_name(std::uint8_t code) { return lookup(code_names, code); }

tlv make_tlv(std::uint16_t type, bytes_view value) {
  tlv t;
  t.type = type;
  t.value.assign(value.begin(), value.end());
  return t;
}

tlv make_text_tlv(std::uint16_t type, std::string_view text) {
  return make_tlv(type, bytes_view(reinterpret_cast<const std::byte*>(text.data()), text.size()));
}

tlv make_u32_tlv(std::uint16_t type, std::uint32_t v) {
  std::byte b[4];
  store_be32(b, v);
  return make_tlv(type, bytes_view(b, 4));
}

tlv make_tlvs_tlv(std::uint16_t type, std::span<const tlv> inner) {
  tlv t;
  t.type = type;
  (void)encode_tlvs(inner, t.value);  // inner values are bounded by their own 16-bit lengths
  return t;
}

std::optional<std::uint32_t> tlv_u32(const tlv& t) {
  if (t.value.size() != 4) return std::nullopt;
  return load_be32(t.value.data());
}

std::optional<std::string> tlv_text(const tlv& t) {
  return std::string(reinterpret_cast<const char*>(t.value.data()), t.value.size());
}

std::optional<std::vector<tlv>> tlv_inner(const tlv& t) {
  auto r = decode_tlvs(t.value);
  if (!r) return std::nullopt;
  return std::move(*r);
}

}  // namespace wirekit::ancp
