// ICMPv6 (RFC 4443) with os-ken's typed bodies (os_ken/lib/packet/icmpv6.py): echo (128, 129),
// MLD (130-132, RFC 2710) and MLDv2 query / report (RFC 3810, type 143), and neighbor
// discovery (RFC 4861): router solicitation (133), router advertisement (134), neighbor
// solicitation / advertisement (135, 136) with their options. Other types (errors, redirect,
// ...) keep the bytes after the 4-byte header raw. ICMPv6 consumes everything after it.
//
// As in os-ken: a source/target link-layer address option's `data` is every byte after the MAC
// address, so it ends an RA's option list; NS/NA/RS carry one option. Unlike os-ken, an RA with
// an MTU option decodes (os-ken's parser fails on it).
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit {

namespace icmpv6_type {
inline constexpr std::uint8_t dst_unreach = 1, packet_too_big = 2, time_exceeded = 3, param_prob = 4,
                              echo_request = 128, echo_reply = 129, mld_query = 130, mld_report = 131,
                              mld_done = 132, router_solicit = 133, router_advert = 134, neighbor_solicit = 135,
                              neighbor_advert = 136, redirect = 137, mldv2_report = 143;
}
namespace nd_option_type {
inline constexpr std::uint8_t sla = 1, tla = 2, pi = 3, rh = 4, mtu = 5;
}

namespace icmpv6_detail {
template <std::uint8_t Type, std::uint8_t Units>
struct nd_head_codec;
struct la_data_codec;
struct mtu_head_codec;
struct one_option_codec;
struct option_list_codec;
struct query_srcs_codec;
struct records_codec;
struct group_srcs_codec;
struct group_aux_codec;
}  // namespace icmpv6_detail

// ---- neighbor discovery options ---------------------------------------------------------------
// Option type and `length` (in 8-octet units; 0 on encode: computed) lead every option.

// Source link-layer address (type 1). `data`: every byte after the MAC address, or null.
struct nd_option_sla {
  static constexpr const char* name = "nd_option_sla";
  std::uint8_t length = 0;
  mac_addr hw_src{};
  std::optional<bytes> data;
  static constexpr auto wire = wire::fields(
      wire::field<&nd_option_sla::length>("length", wire::hook<icmpv6_detail::nd_head_codec<nd_option_type::sla, 0>>),
      wire::field<&nd_option_sla::hw_src>("hw_src", wire::addr),
      wire::field<&nd_option_sla::data>("data", wire::hook<icmpv6_detail::la_data_codec>));
  bool operator==(const nd_option_sla&) const = default;
};

// Target link-layer address (type 2): as nd_option_sla.
struct nd_option_tla {
  static constexpr const char* name = "nd_option_tla";
  std::uint8_t length = 0;
  mac_addr hw_src{};
  std::optional<bytes> data;
  static constexpr auto wire = wire::fields(
      wire::field<&nd_option_tla::length>("length", wire::hook<icmpv6_detail::nd_head_codec<nd_option_type::tla, 0>>),
      wire::field<&nd_option_tla::hw_src>("hw_src", wire::addr),
      wire::field<&nd_option_tla::data>("data", wire::hook<icmpv6_detail::la_data_codec>));
  bool operator==(const nd_option_tla&) const = default;
};

// Prefix information (type 3): 32 bytes. res1 = the L, A, R flag bits.
struct nd_option_pi {
  static constexpr const char* name = "nd_option_pi";
  std::uint8_t length = 0, pl = 0, res1 = 0;
  std::uint32_t val_l = 0, pre_l = 0, res2 = 0;
  ipv6_addr prefix{};
  static constexpr auto wire = wire::fields(
      wire::field<&nd_option_pi::length>("length", wire::hook<icmpv6_detail::nd_head_codec<nd_option_type::pi, 4>>),
      wire::field<&nd_option_pi::pl>("pl", wire::u8),
      wire::bits(wire::u8, wire::bit<&nd_option_pi::res1>("res1", 5, 3)),
      wire::field<&nd_option_pi::val_l>("val_l", wire::be32), wire::field<&nd_option_pi::pre_l>("pre_l", wire::be32),
      wire::field<&nd_option_pi::res2>("res2", wire::be32), wire::field<&nd_option_pi::prefix>("prefix", wire::addr));
  bool operator==(const nd_option_pi&) const = default;
};

// MTU (type 5): 8 bytes, always written with length 1. As in os-ken, `length` is 0 in JSON.
// (An MTU option whose length is not 1 or whose reserved bytes are not 0 is kept raw.)
struct nd_option_mtu {
  static constexpr const char* name = "nd_option_mtu";
  std::uint8_t length = 0;
  std::uint32_t mtu = 1500;
  static constexpr auto wire =
      wire::fields(wire::field<&nd_option_mtu::length>("length", wire::hook<icmpv6_detail::mtu_head_codec>),
                   wire::field<&nd_option_mtu::mtu>("mtu", wire::be32));
  bool operator==(const nd_option_mtu&) const = default;
};

// An ND option: a typed one, or the raw bytes of one the message type does not decode
// (JSON: base64).
using nd_option = std::variant<bytes, nd_option_sla, nd_option_tla, nd_option_pi, nd_option_mtu>;

// ---- bodies ---------------------------------------------------------------------------------
struct icmpv6_echo {
  static constexpr const char* name = "echo";
  std::uint16_t id = 0, seq = 0;
  std::optional<bytes> data;
  static constexpr auto wire = wire::fields(
      wire::field<&icmpv6_echo::id>("id", wire::be16), wire::field<&icmpv6_echo::seq>("seq", wire::be16),
      wire::field<&icmpv6_echo::data>("data", wire::rest_or_null));
  bool operator==(const icmpv6_echo&) const = default;
};

// Neighbor solicitation / advertisement. res = the top 3 bits (R, S, O); one option or null.
struct nd_neighbor {
  static constexpr const char* name = "nd_neighbor";
  std::uint8_t res = 0;
  ipv6_addr dst{};
  std::optional<nd_option> option;
  static constexpr auto wire =
      wire::fields(wire::bits(wire::be32, wire::bit<&nd_neighbor::res>("res", 29, 3)),
                   wire::field<&nd_neighbor::dst>("dst", wire::addr),
                   wire::field<&nd_neighbor::option>("option", wire::hook<icmpv6_detail::one_option_codec>));
  bool operator==(const nd_neighbor&) const = default;
};

// Router solicitation: res = the whole reserved word; one option or null.
struct nd_router_solicit {
  static constexpr const char* name = "nd_router_solicit";
  std::uint32_t res = 0;
  std::optional<nd_option> option;
  static constexpr auto wire =
      wire::fields(wire::field<&nd_router_solicit::res>("res", wire::be32),
                   wire::field<&nd_router_solicit::option>("option", wire::hook<icmpv6_detail::one_option_codec>));
  bool operator==(const nd_router_solicit&) const = default;
};

// Router advertisement. res = the top 2 flag bits (M, O).
struct nd_router_advert {
  static constexpr const char* name = "nd_router_advert";
  std::uint8_t ch_l = 0, res = 0;
  std::uint16_t rou_l = 0;
  std::uint32_t rea_t = 0, ret_t = 0;
  std::vector<nd_option> options;
  static constexpr auto wire = wire::fields(
      wire::field<&nd_router_advert::ch_l>("ch_l", wire::u8),
      wire::bits(wire::u8, wire::bit<&nd_router_advert::res>("res", 6, 2)),
      wire::field<&nd_router_advert::rou_l>("rou_l", wire::be16),
      wire::field<&nd_router_advert::rea_t>("rea_t", wire::be32),
      wire::field<&nd_router_advert::ret_t>("ret_t", wire::be32),
      wire::field<&nd_router_advert::options>("options", wire::hook<icmpv6_detail::option_list_codec>));
  bool operator==(const nd_router_advert&) const = default;
};

// MLD query / report / done (RFC 2710): a 20-byte body.
struct mld {
  static constexpr const char* name = "mld";
  std::uint16_t maxresp = 0;
  ipv6_addr address{};
  static constexpr auto wire = wire::fields(wire::field<&mld::maxresp>("maxresp", wire::be16), wire::pad<2>,
                                            wire::field<&mld::address>("address", wire::addr));
  bool operator==(const mld&) const = default;
};

// MLDv2 query (RFC 3810): an MLD message with a body longer than 20 bytes. num 0 on encode:
// the number of srcs.
struct mldv2_query {
  static constexpr const char* name = "mldv2_query";
  std::uint16_t maxresp = 0;
  ipv6_addr address{};
  std::uint8_t s_flg = 0, qrv = 2, qqic = 0;
  std::uint16_t num = 0;
  std::vector<ipv6_addr> srcs;
  static constexpr auto wire = wire::fields(
      wire::field<&mldv2_query::maxresp>("maxresp", wire::be16), wire::pad<2>,
      wire::field<&mldv2_query::address>("address", wire::addr),
      wire::bits(wire::u8, wire::bit<&mldv2_query::s_flg>("s_flg", 3, 1), wire::bit<&mldv2_query::qrv>("qrv", 0, 3)),
      wire::field<&mldv2_query::qqic>("qqic", wire::u8), wire::field<&mldv2_query::num>("num", wire::be16),
      wire::field<&mldv2_query::srcs>("srcs", wire::hook<icmpv6_detail::query_srcs_codec>));
  bool operator==(const mldv2_query&) const = default;
};

// One multicast address record of an MLDv2 report. num / aux_len 0 on encode: computed (aux is
// zero-padded to 4 bytes).
struct mldv2_report_group {
  static constexpr const char* name = "mldv2_report_group";
  std::uint8_t type = 0, aux_len = 0;
  std::uint16_t num = 0;
  ipv6_addr address{};
  std::vector<ipv6_addr> srcs;
  std::optional<bytes> aux;
  static constexpr auto wire = wire::fields(
      wire::field<&mldv2_report_group::type>("type", wire::u8),
      wire::field<&mldv2_report_group::aux_len>("aux_len", wire::u8),
      wire::field<&mldv2_report_group::num>("num", wire::be16),
      wire::field<&mldv2_report_group::address>("address", wire::addr),
      wire::field<&mldv2_report_group::srcs>("srcs", wire::hook<icmpv6_detail::group_srcs_codec>),
      wire::field<&mldv2_report_group::aux>("aux", wire::hook<icmpv6_detail::group_aux_codec>));
  bool operator==(const mldv2_report_group&) const = default;
};

// MLDv2 report (type 143). record_num 0 on encode: the number of records.
struct mldv2_report {
  static constexpr const char* name = "mldv2_report";
  std::uint16_t record_num = 0;
  std::vector<mldv2_report_group> records;
  static constexpr auto wire =
      wire::fields(wire::pad<2>, wire::field<&mldv2_report::record_num>("record_num", wire::be16),
                   wire::field<&mldv2_report::records>("records", wire::hook<icmpv6_detail::records_codec>));
  bool operator==(const mldv2_report&) const = default;
};

struct icmpv6_body_codec;

struct icmpv6 {
  static constexpr const char* name = "icmpv6";
  // The typed body, or the raw bytes after the header (JSON: base64; "" when there are none).
  using body = std::variant<bytes, icmpv6_echo, nd_neighbor, nd_router_solicit, nd_router_advert, mld, mldv2_query,
                            mldv2_report>;

  std::uint8_t type = 0, code = 0;
  std::uint16_t csum = 0;  // 0 on encode: computed with the IPv6 pseudo-header
  body data;
  static constexpr auto wire =
      wire::fields(wire::field<&icmpv6::type>("type", wire::u8), wire::field<&icmpv6::code>("code", wire::u8),
                   wire::field<&icmpv6::csum>("csum", wire::be16),
                   wire::field<&icmpv6::data>("data", wire::hook<icmpv6_body_codec>));
  bool operator==(const icmpv6&) const = default;
};

// ---- codecs (src/packet/icmpv6.cpp) ---------------------------------------------------------
namespace icmpv6_detail {
// The option type and length bytes (the caller has checked that the option is there). A
// length of 0 is written as Units (fixed-size options) or patched later (Units 0).
template <std::uint8_t Type, std::uint8_t Units>
struct nd_head_codec {
  template <class T>
  static status decode(reader& r, T& o, const char*) {
    r.skip(1);
    o.length = r.u8();
    return {};
  }
  template <class T>
  static status encode(writer& w, const T& o, std::size_t) {
    w.u8(Type);
    w.u8(o.length ? o.length : Units);
    return {};
  }
};
struct la_data_codec {
  static status decode(reader& r, nd_option_sla& o, const char* proto);
  static status encode(writer& w, const nd_option_sla& o, std::size_t start);
  static status decode(reader& r, nd_option_tla& o, const char* proto);
  static status encode(writer& w, const nd_option_tla& o, std::size_t start);
};
struct mtu_head_codec {
  static status decode(reader& r, nd_option_mtu& o, const char* proto);
  static status encode(writer& w, const nd_option_mtu& o, std::size_t start);
};
struct one_option_codec {
  static status decode(reader& r, nd_neighbor& b, const char* proto);
  static status encode(writer& w, const nd_neighbor& b, std::size_t start);
  static status decode(reader& r, nd_router_solicit& b, const char* proto);
  static status encode(writer& w, const nd_router_solicit& b, std::size_t start);
};
struct option_list_codec {
  static status decode(reader& r, nd_router_advert& b, const char* proto);
  static status encode(writer& w, const nd_router_advert& b, std::size_t start);
};
struct query_srcs_codec {
  static status decode(reader& r, mldv2_query& b, const char* proto);
  static status encode(writer& w, const mldv2_query& b, std::size_t start);
};
struct records_codec {
  static status decode(reader& r, mldv2_report& b, const char* proto);
  static status encode(writer& w, const mldv2_report& b, std::size_t start);
};
struct group_srcs_codec {
  static status decode(reader& r, mldv2_report_group& g, const char* proto);
  static status encode(writer& w, const mldv2_report_group& g, std::size_t start);
};
struct group_aux_codec {
  static status decode(reader& r, mldv2_report_group& g, const char* proto);
  static status encode(writer& w, const mldv2_report_group& g, std::size_t start);
};
}  // namespace icmpv6_detail

struct icmpv6_body_codec {
  static status decode(reader& r, icmpv6& h, const char* proto);
  static status encode(writer& w, const icmpv6& h, std::size_t start);
};

}  // namespace wirekit
