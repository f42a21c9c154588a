// What a BGP session negotiated, needed to decode its messages: shared by the BGP codec, the
// BGP session, BMP (per peer) and MRT.
#pragma once
#include <algorithm>
#include <compare>
#include <cstdint>
#include <vector>

namespace wirekit::bgp {

namespace afi {
inline constexpr std::uint16_t ipv4 = 1, ipv6 = 2, l2vpn = 25;
}
namespace safi {
inline constexpr std::uint8_t unicast = 1, multicast = 2, mpls_label = 4, evpn = 70, mpls_vpn = 128,
                              rtc = 132, flowspec = 133, vpn_flowspec = 134;
}

struct family {
  std::uint16_t afi = afi::ipv4;
  std::uint8_t safi = safi::unicast;
  auto operator<=>(const family&) const = default;
};

struct context {
  // Width of AS numbers in AS_PATH and AGGREGATOR. `guess` is os-ken's behaviour (AS_PATH: 2
  // bytes if the value parses as 2-byte segments, else 4; AGGREGATOR: by its length), for
  // messages seen without their session (captures, fixtures).
  enum class as_width : std::uint8_t { guess, two, four } as = as_width::guess;
  // Families whose NLRI carry a 4-byte path identifier (RFC 7911 ADD-PATH, receive side).
  std::vector<family> add_path;
  // RFC 8654: messages up to 65535 bytes.
  bool extended_message = false;
  // FlowSpec IPv6 prefix components (types 1, 2 of AFI 2) with a non-zero offset. `draft`:
  // the pattern is (length + 7) / 8 bytes of the prefix from bit 0, as os-ken and
  // draft-ietf-idr-flow-spec-v6-08 write it (and os-ken's capture holds it): the default for
  // messages seen without their session. `rfc8956`: RFC 8956 §3.1, the pattern holds only the
  // bits from offset to length, and offset < length is required. Identical when offset is 0.
  enum class flowspec_ipv6_encoding : std::uint8_t { draft, rfc8956 } flowspec_ipv6 = flowspec_ipv6_encoding::draft;

  bool has_add_path(family f) const { return std::find(add_path.begin(), add_path.end(), f) != add_path.end(); }
  std::size_t max_message_size() const { return extended_message ? 65535 : 4096; }
};

}  // namespace wirekit::bgp
