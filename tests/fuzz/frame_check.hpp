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
//      headers with the same fields (its to_packet() equals the packet).
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

}  // namespace check_detail

// Checks the invariants above for one input. If `reused` is given, it is a packet that earlier
// inputs were parsed into; the input is also parsed into it (invariant 2). The same for
// `reused_view` (a fresh packet_view when it is null).
inline std::string check_frame(bytes_view data, packet* reused = nullptr, packet_view* reused_view = nullptr) {
  using namespace check_detail;
  try {
    auto p1 = packet::parse(data);
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
