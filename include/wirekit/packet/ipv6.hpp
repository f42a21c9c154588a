// IPv6 (RFC 8200) with its extension headers, in os-ken's form (os_ken/lib/packet/ipv6.py):
// hop-by-hop and destination options (with their TLV options), the RPL source route header
// (routing type 3, RFC 6554), the fragment header and the authentication header (RFC 4302).
//
// Wire behaviour follows the RFC where os-ken does not (docs/json.md):
//  - options headers are (size + 1) * 8 bytes, `size` being the Hdr Ext Len byte (os-ken: 8 + size);
//  - `payload_length` covers the extension headers and the upper layer; bytes beyond it are a trailer;
//  - routing headers of types other than 3 are kept raw as `routing` (os-ken fails the frame);
//  - the RPL header is written with its Pad bytes (os-ken leaves them out when Pad is not 0).
// Other next-header values (ESP, No Next Header, mobility, ...) end the chain: what follows is
// the upper layer chosen by the last next header, or payload.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"
#include "wirekit/packet/ipv4.hpp"  // ip_proto

namespace wirekit {

struct ipv6_opts_codec;
struct ipv6_routing_type3_codec;
struct ipv6_routing_codec;
struct ipv6_auth_codec;
struct ipv6_ext_hdrs_codec;

// One TLV option of a hop-by-hop or destination options header. Pad1 is {type 0, len -1,
// data null}; an option with len 0 has data null. The options header codec reads and writes the
// bytes (os-ken: `option`).
struct ipv6_option {
  static constexpr const char* name = "option";
  std::uint8_t type = 0;
  std::int16_t len = -1;       // option data length; -1 for Pad1
  std::optional<bytes> data;   // exactly `len` bytes when len > 0 (shorter data is zero-filled)
  static constexpr auto wire = wire::fields(wire::field<&ipv6_option::type>("type", wire::json_only),
                                            wire::field<&ipv6_option::len>("len", wire::json_only),
                                            wire::field<&ipv6_option::data>("data", wire::json_only));
  bool operator==(const ipv6_option&) const = default;
};

// Hop-by-hop options (next header 0). `size` is the Hdr Ext Len byte: the header is
// (size + 1) * 8 bytes (RFC 8200). Encode: options shorter than that are completed with Pad1 /
// PadN; size 0 with more than 6 bytes of options is computed (the smallest that fits).
struct ipv6_hop_opts {
  static constexpr const char* name = "hop_opts";
  std::uint8_t nxt = 6, size = 0;
  std::vector<ipv6_option> data;
  static constexpr auto wire = wire::fields(wire::field<&ipv6_hop_opts::nxt>("nxt", wire::u8),
                                            wire::field<&ipv6_hop_opts::size>("size", wire::u8),
                                            wire::field<&ipv6_hop_opts::data>("data", wire::hook<ipv6_opts_codec>));
  bool operator==(const ipv6_hop_opts&) const = default;
};

// Destination options (next header 60): as hop-by-hop options.
struct ipv6_dst_opts {
  static constexpr const char* name = "dst_opts";
  std::uint8_t nxt = 6, size = 0;
  std::vector<ipv6_option> data;
  static constexpr auto wire = wire::fields(wire::field<&ipv6_dst_opts::nxt>("nxt", wire::u8),
                                            wire::field<&ipv6_dst_opts::size>("size", wire::u8),
                                            wire::field<&ipv6_dst_opts::data>("data", wire::hook<ipv6_opts_codec>));
  bool operator==(const ipv6_dst_opts&) const = default;
};

// RPL source route header (routing type 3, RFC 6554). Addresses 1..n-1 carry 16 - cmpi bytes,
// address n 16 - cmpe bytes, the elided prefix being zeros (os-ken's reading). Pad and the
// reserved bits are not in the JSON: encode computes Pad; size 0 on encode is computed.
struct ipv6_routing_type3 {
  static constexpr const char* name = "routing_type3";
  std::uint8_t nxt = 6, size = 0, type = 3, seg = 0, cmpi = 0, cmpe = 0;
  std::vector<ipv6_addr> adrs;
  static constexpr auto wire = wire::fields(
      wire::field<&ipv6_routing_type3::nxt>("nxt", wire::u8), wire::field<&ipv6_routing_type3::size>("size", wire::u8),
      wire::field<&ipv6_routing_type3::type>("type", wire::u8), wire::field<&ipv6_routing_type3::seg>("seg", wire::u8),
      wire::bits(wire::u8, wire::bit<&ipv6_routing_type3::cmpi>("cmpi", 4, 4),
                 wire::bit<&ipv6_routing_type3::cmpe>("cmpe", 0, 4)),
      wire::field<&ipv6_routing_type3::adrs>("adrs", wire::hook<ipv6_routing_type3_codec>));
  bool operator==(const ipv6_routing_type3&) const = default;
};

// Any other routing header (wirekit's own class; os-ken cannot parse these): the type-specific
// data after the first four bytes, raw. Encode: data zero-padded to a multiple of 8 bytes; size
// 0 is computed.
struct ipv6_routing {
  static constexpr const char* name = "routing";
  std::uint8_t nxt = 6, size = 0, type = 0, seg = 0;
  bytes data;
  static constexpr auto wire = wire::fields(
      wire::field<&ipv6_routing::nxt>("nxt", wire::u8), wire::field<&ipv6_routing::size>("size", wire::u8),
      wire::field<&ipv6_routing::type>("type", wire::u8), wire::field<&ipv6_routing::seg>("seg", wire::u8),
      wire::field<&ipv6_routing::data>("data", wire::hook<ipv6_routing_codec>));
  bool operator==(const ipv6_routing&) const = default;
};

// Fragment header (next header 44). The reserved byte and bits are not kept.
struct ipv6_fragment {
  static constexpr const char* name = "fragment";
  std::uint8_t nxt = 6;
  std::uint16_t offset = 0;  // in 8-octet units
  std::uint8_t more = 0;
  std::uint32_t id = 0;
  static constexpr auto wire =
      wire::fields(wire::field<&ipv6_fragment::nxt>("nxt", wire::u8), wire::pad<1>,
                   wire::bits(wire::be16, wire::bit<&ipv6_fragment::offset>("offset", 3, 13),
                              wire::bit<&ipv6_fragment::more>("more", 0, 1)),
                   wire::field<&ipv6_fragment::id>("id", wire::be32));
  bool operator==(const ipv6_fragment&) const = default;
};

// Authentication header (next header 51, RFC 4302): (size + 2) * 4 bytes; `data` is the ICV.
// Encode: data shorter than the header calls for is zero-filled.
struct ipv6_auth {
  static constexpr const char* name = "auth";
  std::uint8_t nxt = 6, size = 2;
  std::uint32_t spi = 0, seq = 0;
  bytes data = bytes(4);
  static constexpr auto wire = wire::fields(
      wire::field<&ipv6_auth::nxt>("nxt", wire::u8), wire::field<&ipv6_auth::size>("size", wire::u8), wire::pad<2>,
      wire::field<&ipv6_auth::spi>("spi", wire::be32), wire::field<&ipv6_auth::seq>("seq", wire::be32),
      wire::field<&ipv6_auth::data>("data", wire::hook<ipv6_auth_codec>));
  bool operator==(const ipv6_auth&) const = default;
};

using ipv6_ext_hdr =
    std::variant<ipv6_hop_opts, ipv6_dst_opts, ipv6_routing_type3, ipv6_routing, ipv6_fragment, ipv6_auth>;

struct ipv6 {
  static constexpr const char* name = "ipv6";
  // At most this many extension headers are decoded; a longer chain is an error.
  static constexpr std::size_t max_ext_hdrs = 32;

  std::uint8_t version = 6, traffic_class = 0;
  std::uint32_t flow_label = 0;
  std::uint16_t payload_length = 0;  // 0 on encode: extension headers + payload
  std::uint8_t nxt = 6, hop_limit = 255;
  ipv6_addr src{}, dst{};
  // In wire order, chained by their own nxt; `nxt` above is the first next header.
  std::vector<ipv6_ext_hdr> ext_hdrs;
  static constexpr auto wire = wire::fields(
      wire::bits(wire::be32, wire::bit<&ipv6::version>("version", 28, 4),
                 wire::bit<&ipv6::traffic_class>("traffic_class", 20, 8),
                 wire::bit<&ipv6::flow_label>("flow_label", 0, 20)),
      wire::field<&ipv6::payload_length>("payload_length", wire::be16), wire::field<&ipv6::nxt>("nxt", wire::u8),
      wire::field<&ipv6::hop_limit>("hop_limit", wire::u8), wire::field<&ipv6::src>("src", wire::addr),
      wire::field<&ipv6::dst>("dst", wire::addr),
      wire::field<&ipv6::ext_hdrs>("ext_hdrs", wire::hook<ipv6_ext_hdrs_codec>));
  bool operator==(const ipv6&) const = default;
};

// The upper-layer protocol: the next header of the last extension header, or nxt.
std::uint8_t ipv6_upper_protocol(const ipv6& h);

// The destination an upper-layer checksum uses (RFC 8200 §8.1): with a routing header whose
// Segments Left is not 0, the final destination it names (the last address for types 0, 2 and
// 3; Segment List[0] for type 4, RFC 8754); else dst.
ipv6_addr ipv6_final_destination(const ipv6& h);

// Number of bytes the extension headers take when encoded (with sizes left at 0 computed).
std::size_t ipv6_ext_hdrs_length(const ipv6& h);

struct ipv6_opts_codec {
  template <class T>
  static status decode(reader& r, T& h, const char* proto) {
    return decode_options(r, h.data, proto);
  }
  template <class T>
  static status encode(writer& w, const T& h, std::size_t start) {
    return encode_options(w, h.data, h.size, start, T::name);
  }
  static status decode_options(reader& r, std::vector<ipv6_option>& out, const char* proto);
  static status encode_options(writer& w, const std::vector<ipv6_option>& opts, std::uint8_t size,
                               std::size_t start, const char* proto);
};
struct ipv6_routing_type3_codec {
  static status decode(reader& r, ipv6_routing_type3& h, const char* proto);
  static status encode(writer& w, const ipv6_routing_type3& h, std::size_t start);
};
struct ipv6_routing_codec {
  static status decode(reader& r, ipv6_routing& h, const char* proto);
  static status encode(writer& w, const ipv6_routing& h, std::size_t start);
};
struct ipv6_auth_codec {
  static status decode(reader& r, ipv6_auth& h, const char* proto);
  static status encode(writer& w, const ipv6_auth& h, std::size_t start);
};
// True for the next-header values wirekit decodes as extension headers.
constexpr bool ipv6_is_ext_hdr(std::uint8_t nxt) {
  return nxt == ip_proto::hopopts || nxt == ip_proto::routing || nxt == ip_proto::fragment || nxt == ip_proto::ah ||
         nxt == ip_proto::dstopts;
}

struct ipv6_ext_hdrs_codec {
  // A header with no extension headers (and none left from a reused object) is decided inline;
  // decode_chain does the rest.
  static status decode(reader& r, ipv6& h, const char* proto) {
    if (!ipv6_is_ext_hdr(h.nxt) && h.ext_hdrs.empty() && h.payload_length <= r.remaining()) [[likely]]
      return {};
    return decode_chain(r, h, proto);
  }
  static status decode_chain(reader& r, ipv6& h, const char* proto);
  static status encode(writer& w, const ipv6& h, std::size_t start);
};

}  // namespace wirekit
