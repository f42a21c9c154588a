// The invariants a decoded Ethernet frame must satisfy, shared by the libFuzzer target
// (tests/fuzz/frame_fuzz.cpp) and the regression test that replays saved inputs
// (tests/packet/fuzz_regressions_test.cpp).
//
// check_frame(bytes) returns "" when every invariant holds, else a description of the first one
// that does not. The invariants, for any input bytes:
//   1. packet::parse never crashes; an error names an offset inside the input.
//   2. parse_into into a packet that was used before gives the same result as a fresh parse
//      (every decoder sets every member: objects are reused across parses); so does
//      packet_view::parse_into into a packet_view used before: the same error, or the same
//      headers with the same fields (its to_packet() equals the packet); so does
//      wire_view::parse_into into a wire_view used before, and then its entries are the
//      packet's headers in order, each at its place (one after the other, the last ending the
//      input), every fixed field read from the wire (read_field) equals the decoded struct's,
//      and its TCP option lists have the packet's options (or are malformed where the packet
//      kept raw bytes).
//   3. If parse succeeds:
//      a. to_json succeeds and its text is valid JSON (dump does not throw);
//      b. from_json of our own to_json succeeds and gives back the same JSON;
//      c. serialize succeeds for the parsed packet and for the packet read back from JSON, and
//         both give the same bytes (the JSON loses nothing the wire needs).
//   4. If no field that serialize computes when it is 0 (json-conventions.md §8) is 0 in the
//      frame, then serialize only rewrites what os-ken always rewrites (the IPv4 header checksum,
//      Ethernet padding to 60 bytes, reserved bits as zero), so:
//      a. parsing the serialized bytes succeeds and gives the same JSON (for inputs shorter than
//         60 bytes: the JSON of the input zero-padded to 60, as serialize pads it), apart from
//         ipv4.csum and trailing zero bytes of a final payload;
//      b. serializing that again gives the same bytes (our output is a fixed point).
//   When a computed field is 0, 4 does not hold in general (e.g. an IPv6 payload_length of 0 is
//   computed to cover the bytes that followed, which then decode as an upper layer).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "wirekit/packet/packet.hpp"
#include "wirekit/packet/packet_view.hpp"
#include "wirekit/packet/wire_view.hpp"

namespace wirekit::fuzz {

namespace check_detail {

using json = nlohmann::json;

inline std::string clip(const std::string& s, std::size_t n = 1500) {
  return s.size() <= n ? s : s.substr(0, n) + "...";
}

inline std::string show(const json& j) {
  try {
    return clip(j.dump());
  } catch (const std::exception& e) {
    return std::string("<dump failed: ") + e.what() + ">";
  }
}

inline bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

// Keys that serialize computes when they are 0 (json-conventions.md §8), by os-ken class.
inline bool has_computed_zero(const json& inner, const std::string& cls) {
  auto zero = [&](const char* key) {
    auto it = inner.find(key);
    return it != inner.end() && it->is_number_integer() && it->get<long long>() == 0;
  };
  auto any = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (zero(k)) return true;
    return false;
  };
  if (cls == "ipv4") return any({"total_length"});
  if (cls == "ipv6") return any({"payload_length"});
  if (cls == "routing_type3") return any({"size"});
  if (cls == "tcp") return any({"offset", "csum"});
  if (cls == "udp") return any({"total_length", "csum"});
  // os-ken serializes an icmp whose data is empty with a zero echo body (4 bytes): a header-only
  // ICMP message cannot be written back as it was (docs/json.md).
  if (cls == "icmp" && inner.contains("data") && inner["data"] == "") return true;
  if (cls == "icmp" || cls == "icmpv6" || cls == "sctp") return any({"csum"});
  if (cls == "nd_option_sla" || cls == "nd_option_tla") {
    // As os-ken, `data` is every byte after the address up to the end of the message, and
    // serialize pads the option to a multiple of 8 bytes: bytes beyond the option's length
    // then come back as padding.
    auto d = inner.find("data");
    if (d != inner.end() && d->is_string()) {
      const std::string& b64 = d->get_ref<const std::string&>();
      std::size_t n = b64.size() / 4 * 3;
      if (!b64.empty() && b64.back() == '=') --n;
      if (b64.size() > 1 && b64[b64.size() - 2] == '=') --n;
      if ((8 + n) % 8 != 0) return true;
    }
    return any({"length"});
  }
  if (cls == "nd_option_pi") return any({"length"});
  if (cls == "mldv2_query") return any({"num"});
  if (cls == "mldv2_report") return any({"record_num"});
  if (cls == "mldv2_report_group") return any({"num", "aux_len"});
  if (cls == "cause_missing_param") return any({"length", "num"});
  if (starts_with(cls, "chunk_") || starts_with(cls, "param_") || starts_with(cls, "cause_"))
    return any({"length"});
  if (cls == "dhcp6") return any({"options_len"});
  if (cls == "option") return any({"length"});  // dhcp6 option (IPv6 options use "len")
  if (cls == "options") return any({"options_len"});
  return false;
}

// True if any wrapped object anywhere in j has a computed-when-0 field that is 0.
inline bool any_computed_zero(const json& j) {
  if (j.is_array()) {
    for (const auto& e : j)
      if (any_computed_zero(e)) return true;
    return false;
  }
  if (!j.is_object()) return false;
  if (j.size() == 1 && j.begin().value().is_object() && has_computed_zero(j.begin().value(), j.begin().key()))
    return true;
  for (const auto& [k, v] : j.items())
    if (any_computed_zero(v)) return true;
  return false;
}

// The frame JSON without what serialize always rewrites: ipv4.csum, and trailing zero bytes of
// the last payload element (Ethernet padding; an all-zero last payload disappears).
inline json normalise(json j) {
  if (!j.is_array()) return j;
  for (auto& h : j)
    if (h.is_object() && h.contains("ipv4") && h["ipv4"].is_object()) h["ipv4"].erase("csum");
  while (!j.empty() && j.back().is_object() && j.back().contains("payload") && j.back()["payload"].is_string()) {
    bytes raw;
    if (!base64_decode(j.back()["payload"].get<std::string>(), raw)) break;
    while (!raw.empty() && raw.back() == std::byte{0}) raw.pop_back();
    if (!raw.empty()) {
      j.back()["payload"] = base64_encode(raw);
      break;
    }
    j.erase(j.size() - 1);
  }
  return j;
}

// The member a field or bit descriptor describes.
template <class D>
struct desc_member {};
template <auto M, class E>
struct desc_member<wire::field_d<M, E>> {
  static constexpr auto value = M;
  static constexpr bool bytes_on_wire = !std::is_same_v<E, wire::json_only_t>;
};
template <auto M>
struct desc_member<wire::bit_d<M>> {
  static constexpr auto value = M;
  static constexpr bool bytes_on_wire = true;
};

// Every field in the leading fixed part of T's description, read from the wire at p, equals
// the member of h (the struct T's decoder gave); "" or the first that does not.
template <class T>
std::string fixed_fields_match(const T& h, const std::byte* p) {
  using Tuple = std::remove_cv_t<decltype(T::wire)>;
  std::string bad;
  auto one_member = [&](const auto& d) {
    using M = desc_member<std::remove_cvref_t<decltype(d)>>;
    if constexpr (requires { M::value; }) {
      if constexpr (M::bytes_on_wire)
        if (!(wire::read_field<M::value>(p) == h.*(M::value)) && bad.empty()) bad = std::string(T::name) + "." + d.name;
    }
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&](const auto& d) {
      if constexpr (requires { d.parts; })
        std::apply([&](const auto&... b) { (one_member(b), ...); }, d.parts);
      else
        one_member(d);
    };
    (one(std::get<I>(T::wire)), ...);
  }(std::make_index_sequence<wire::detail::leading_fixed_count<Tuple>::value>{});
  return bad;
}

// Invariant 2 for wire_view (p1: packet::parse of data).
inline std::string check_wire_view(bytes_view data, const result<packet>& p1, wire_view& wv) {
  status s = wire_view::parse_into(wv, data);
  if (s.ok() != p1.ok())
    return "wire_view::parse_into " + std::string(s.ok() ? "succeeds" : "fails: " + s.err().to_string()) +
           " but packet::parse " + (p1.ok() ? "succeeds" : "fails: " + p1.err().to_string());
  if (!s.ok()) {
    if (s.err().to_string() != p1.err().to_string())
      return "wire_view::parse_into and packet::parse report different errors: " + s.err().to_string() + " | " +
             p1.err().to_string();
    return "";
  }
  packet back;
  wv.to_packet(back);
  if (!(back == *p1))
    return "wire_view::to_packet differs from packet::parse: " + show(back.to_json()) + " vs " + show(p1->to_json());
  if (wv.size() != p1->protocols.size()) return "wire_view has another number of entries than packet::parse";
  std::size_t at = 0;  // where the next entry must start
  for (std::size_t i = 0; i < wv.size(); ++i) {
    const wire_view::entry& e = wv[i];
    const header& h = p1->protocols[i];
    if (static_cast<std::size_t>(e.kind) != h.index()) return "wire_view entry " + std::to_string(i) + " has another kind";
    if (e.offset + std::size_t(e.size) > e.end || e.end > data.size())
      return "wire_view entry " + std::to_string(i) + " lies outside its layer or the input";
    if (e.from_app) {
      // An application decoder's entries all name the bytes it was given.
      if (e.offset != at && !(i > 0 && wv[i - 1].from_app && wv[i - 1].offset == e.offset))
        return "wire_view application entry " + std::to_string(i) + " is not where its bytes are";
      at = e.offset + e.size;
      continue;
    }
    if (e.offset != at) return "wire_view entry " + std::to_string(i) + " does not follow the one before it";
    at = e.offset + e.size;
    const std::byte* p = data.data() + e.offset;
    std::string bad = std::visit(
        [&](const auto& x) -> std::string {
          using T = std::remove_cvref_t<decltype(x)>;
          if constexpr (requires { T::wire; }) {
            if (e.size < wire::min_size<T>) return "an entry shorter than its fixed fields";
            std::string f = fixed_fields_match(x, p);
            if (!f.empty()) return "field " + f + " read from the wire differs from the decoded one";
          }
          if constexpr (std::is_same_v<T, tcp>) {
            const tcp_option_list ol = wv.tcp_options(i);
            const bool raw = x.option && std::holds_alternative<bytes>(*x.option);
            if (ol.malformed() != raw) return "tcp option list malformed() disagrees with the decoder";
            const std::size_t n = x.option && !raw ? std::get<tcp_options>(*x.option).size() : 0;
            if (!raw && ol.size() != n) return "tcp option list has another number of options";
            for (std::size_t k = 0; k < ol.size(); ++k) {
              const auto& o = std::get<tcp_options>(*x.option)[k];
              const std::uint8_t kind = std::visit([](const auto& v) { return v.kind; }, o);
              if (ol[k].kind != kind) return "tcp option " + std::to_string(k) + " has another kind";
            }
          }
          return "";
        },
        h);
    if (!bad.empty()) return "wire_view entry " + std::to_string(i) + ": " + bad;
  }
  if (at != data.size()) return "wire_view entries do not end where the input ends";
  return "";
}

}  // namespace check_detail

// Checks the invariants above for one input. If `reused` is given, it is a packet that earlier
// inputs were parsed into; the input is also parsed into it (invariant 2). The same for
// `reused_view` (a fresh packet_view when it is null).
inline std::string check_frame(bytes_view data, packet* reused = nullptr, packet_view* reused_view = nullptr,
                               wire_view* reused_wire = nullptr) {
  using namespace check_detail;
  try {
    auto p1 = packet::parse(data);
    {
      wire_view fresh;
      std::string w = check_wire_view(data, p1, reused_wire ? *reused_wire : fresh);
      if (!w.empty()) return w;
    }
    {
      packet_view fresh;
      packet_view& pv = reused_view ? *reused_view : fresh;
      status s = packet_view::parse_into(pv, data);
      if (s.ok() != p1.ok())
        return "packet_view::parse_into " + std::string(s.ok() ? "succeeds" : "fails: " + s.err().to_string()) +
               " but packet::parse " + (p1.ok() ? "succeeds" : "fails: " + p1.err().to_string());
      if (!s.ok() && s.err().to_string() != p1.err().to_string())
        return "packet_view::parse_into and packet::parse report different errors: " + s.err().to_string() +
               " | " + p1.err().to_string();
      if (s.ok()) {
        packet back = pv.to_packet();
        if (!(back == *p1))
          return "packet_view::parse_into differs from packet::parse: " + show(back.to_json()) + " vs " +
                 show(p1->to_json());
      }
    }
    if (reused) {
      status s = packet::parse_into(*reused, data);
      if (s.ok() != p1.ok())
        return "parse_into (reused packet) " + std::string(s.ok() ? "succeeds" : "fails: " + s.err().to_string()) +
               " but parse " + (p1.ok() ? "succeeds" : "fails: " + p1.err().to_string());
      if (!s.ok() && s.err().to_string() != p1.err().to_string())
        return "parse_into (reused packet) and parse report different errors: " + s.err().to_string() + " | " +
               p1.err().to_string();
      if (s.ok() && !(*reused == *p1))
        return "parse_into into a reused packet differs from a fresh parse (a decoder leaves a member unset): " +
               show(reused->to_json()) + " vs " + show(p1->to_json());
    }
    if (!p1) {
      const error& e = p1.err();
      if (e.offset > data.size())
        return "parse error names offset " + std::to_string(e.offset) + " beyond the " +
               std::to_string(data.size()) + "-byte input: " + e.to_string();
      if (e.protocol.empty() || e.reason.empty()) return "parse error without protocol or reason: " + e.to_string();
      return "";
    }

    // 3a
    json j1 = p1->to_json();
    std::string text;
    try {
      text = j1.dump();
    } catch (const std::exception& ex) {
      return std::string("to_json produced JSON that cannot be written: ") + ex.what();
    }
    if (json::parse(text) != j1) return "to_json text does not read back as the same JSON: " + clip(text);

    // 3b
    auto p2 = packet::from_json(j1);
    if (!p2) return "from_json of our own to_json fails: " + p2.err().to_string() + "; json " + clip(text);
    json j2 = p2->to_json();
    if (j2 != j1) return "to_json(from_json(j)) != j: " + clip(text) + " vs " + show(j2);

    // 3c (computed lengths cannot exceed 65535 for inputs of this size)
    if (data.size() > 65000) return "";
    auto b1 = p1->serialize();
    if (!b1) return "serialize of a parsed frame fails: " + b1.err().to_string() + "; json " + clip(text);
    auto b2 = p2->serialize();
    if (!b2) return "serialize of from_json(to_json(parsed)) fails: " + b2.err().to_string() + "; json " + clip(text);
    if (*b1 != *b2)
      return "serialize(parsed) != serialize(from_json(to_json(parsed))): " + clip(to_hex(*b1), 400) + " vs " +
             clip(to_hex(*b2), 400) + "; json " + clip(text);

    // 4. Serialize pads what follows the Ethernet header to 46 bytes: a shorter input is
    // compared as it would have been read with that padding.
    if (any_computed_zero(j1)) return "";
    json jref = j1;
    if (data.size() < 60) {
      bytes padded(data.begin(), data.end());
      padded.resize(60, std::byte{0});
      auto pp = packet::parse(padded);
      if (!pp) return "";
      jref = pp->to_json();
      if (any_computed_zero(jref)) return "";
    }
    auto p3 = packet::parse(*b1);
    if (!p3)
      return "parse of our own serialization fails: " + p3.err().to_string() + "; bytes " + clip(to_hex(*b1), 400) +
             "; json " + clip(text);
    json j3 = p3->to_json();
    if (normalise(j3) != normalise(jref))
      return "parse(serialize(p)) has other JSON: " + show(jref) + " vs " + show(j3);
    auto b3 = p3->serialize();
    if (!b3) return "serialize of parse(serialize(p)) fails: " + b3.err().to_string();
    if (*b3 != *b1)
      return "serialize is not a fixed point: " + clip(to_hex(*b1), 400) + " then " + clip(to_hex(*b3), 400);
    return "";
  } catch (const std::exception& ex) {
    return std::string("exception escaped: ") + ex.what();
  }
}

}  // namespace wirekit::fuzz
