// JSON values with no plain nlohmann form: integers beyond 64 bits (128-bit OXM fields such as
// xxreg0-3 and ct_label, which os-ken shows as Python integers) and packet-out data given as
// os-ken's Packet object.
#include "json_detail.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit::openflow {

// Integer literals beyond 64 bits become strings of their decimal digits; the rest of the text is
// parsed as it stands.
result<nlohmann::json> parse_json(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      ++i;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t j = i + (c == '-' ? 1 : 0);
      const std::size_t digits_at = j;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      const bool integer = j > digits_at && (j >= text.size() || (text[j] != '.' && text[j] != 'e' && text[j] != 'E'));
      std::string_view lit = text.substr(i, j - i);
      std::string_view digits = text.substr(digits_at, j - digits_at);
      // Beyond 64 bits: more than 20 digits, or 20 digits above 18446744073709551615.
      if (integer && c != '-' && (digits.size() > 20 || (digits.size() == 20 && digits > "18446744073709551615"))) {
        out += '"';
        out += lit;
        out += '"';
      } else {
        out += lit;
      }
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  auto j = nlohmann::json::parse(out, nullptr, false);
  if (j.is_discarded()) return json_error("$", "not valid JSON");
  return j;
}

namespace detail {

// Decimal digits of a big-endian unsigned integer.
std::string decimal_of(const bytes& b) {
  std::vector<std::uint32_t> n;  // base 2^32, most significant first
  std::size_t first = b.size() % 4;
  std::size_t i = 0;
  if (first) {
    std::uint32_t w = 0;
    for (; i < first; ++i) w = (w << 8) | std::to_integer<std::uint32_t>(b[i]);
    n.push_back(w);
  }
  for (; i < b.size(); i += 4) n.push_back(load_be32(b.data() + i));
  std::string s;
  auto zero = [&] {
    for (auto x : n)
      if (x) return false;
    return true;
  };
  while (!zero()) {
    std::uint64_t rem = 0;
    for (auto& x : n) {
      const std::uint64_t cur = (rem << 32) | x;
      x = static_cast<std::uint32_t>(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    for (int k = 0; k < 9; ++k) {
      s += static_cast<char>('0' + rem % 10);
      rem /= 10;
    }
  }
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.empty()) s = "0";
  return {s.rbegin(), s.rend()};
}

// The decimal digits s as a big-endian integer of `size` bytes; false if s is not all digits or
// does not fit.
bool bytes_of_decimal(const std::string& s, std::size_t size, bytes& out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out.assign(size, std::byte{0});
  for (char ch : s) {
    std::uint32_t carry = static_cast<std::uint32_t>(ch - '0');
    for (std::size_t k = size; k-- > 0;) {
      const std::uint32_t v = std::to_integer<std::uint32_t>(out[k]) * 10u + carry;
      out[k] = static_cast<std::byte>(v & 0xff);
      carry = v >> 8;
    }
    if (carry) return false;
  }
  return true;
}

}  // namespace detail
}  // namespace wirekit::openflow

namespace wirekit::json_glue {

void json_traits<openflow::packet_out_data>::to(json& j, const openflow::packet_out_data& v) {
  if (v)
    j = base64_encode(*v);
  else
    j = nullptr;
}
status json_traits<openflow::packet_out_data>::from(const json& j, openflow::packet_out_data& v, const path& p) {
  if (j.is_null()) {
    v.reset();
    return {};
  }
  if (j.is_object() && j.size() == 1 && j.contains("Packet")) {
    // os-ken's Packet: {"Packet": {"protocols": [headers in wire order]}}, serialized as its
    // packet library does (zero lengths and checksums computed).
    const json& in = j["Packet"];
    if (!in.is_object() || !in.contains("protocols")) return type_error(p["Packet"], "{\"protocols\": [...]}", in);
    auto pk = packet::from_json(in["protocols"]);
    if (!pk) {
      error e = pk.take_error();
      return json_error(p["Packet"]["protocols"].str() + e.field.substr(e.field.rfind('$', 0) == 0 ? 1 : 0), e.reason);
    }
    auto b = pk->serialize();
    if (!b) return json_error(p["Packet"].str(), b.err().to_string());
    v = std::move(*b);
    return {};
  }
  bytes b;
  WIREKIT_TRY(from_json_value(j, b, p));
  v = std::move(b);
  return {};
}

}  // namespace wirekit::json_glue
