#include "wirekit/core/json_wide.hpp"

#include <algorithm>
#include <vector>

namespace wirekit::json_glue {

using json = nlohmann::json;

namespace {

// A string that never comes from the text itself: the scanner below only writes it for integer
// literals, and rejects input whose strings contain it.
constexpr std::string_view marker = "\x01wirekit-wide-integer:";

bool has_wide(const json& j) {
  switch (j.type()) {
    case json::value_t::binary:
      return true;
    case json::value_t::array:
    case json::value_t::object:
      for (const auto& e : j)
        if (has_wide(e)) return true;
      return false;
    default:
      return false;
  }
}

void dump_rec(const json& j, std::string& out) {
  switch (j.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ',';
        first = false;
        out += json(it.key()).dump(-1, ' ', false, json::error_handler_t::replace);
        out += ':';
        dump_rec(it.value(), out);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& e : j) {
        if (!first) out += ',';
        first = false;
        dump_rec(e, out);
      }
      out += ']';
      return;
    }
    case json::value_t::binary:
      if (is_wide_integer(j)) {
        const auto& b = j.get_binary();
        out += decimal_of(bytes_view(reinterpret_cast<const std::byte*>(b.data()), b.size()));
        return;
      }
      [[fallthrough]];
    default:
      out += j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Decimal digits into `size` big-endian bytes; false if they do not fit.
bool bytes_of_decimal(std::string_view s, std::size_t size, bytes& out) {
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

}  // namespace

json wide_integer(bytes_view be) {
  std::size_t lead = 0;
  while (lead < be.size() && be[lead] == std::byte{0}) ++lead;
  be = be.subspan(lead);
  if (be.size() <= 8) {
    std::uint64_t v = 0;
    for (auto b : be) v = (v << 8) | std::to_integer<std::uint64_t>(b);
    return v;
  }
  std::vector<std::uint8_t> v(be.size());
  std::transform(be.begin(), be.end(), v.begin(), [](std::byte b) { return std::to_integer<std::uint8_t>(b); });
  return json::binary(std::move(v), wide_integer_subtype);
}

bool is_wide_integer(const json& j) {
  return j.is_binary() && j.get_binary().has_subtype() && j.get_binary().subtype() == wide_integer_subtype;
}

std::string decimal_of(bytes_view b) {
  std::vector<std::uint32_t> n;  // base 2^32, most significant first
  const std::size_t first = b.size() % 4;
  std::size_t i = 0;
  if (first) {
    std::uint32_t w = 0;
    for (; i < first; ++i) w = (w << 8) | std::to_integer<std::uint32_t>(b[i]);
    n.push_back(w);
  }
  for (; i < b.size(); i += 4) n.push_back(load_be32(b.data() + i));
  std::string s;
  auto zero = [&] { return std::all_of(n.begin(), n.end(), [](std::uint32_t x) { return x == 0; }); };
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
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (s.empty()) return std::string(1, '0');
  return {s.rbegin(), s.rend()};
}

bool integer_bytes(const json& j, std::size_t size, bytes& out) {
  if (j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0)) {
    std::uint64_t v = j.get<std::uint64_t>();
    out.assign(size, std::byte{0});
    for (std::size_t k = size; k-- > 0 && v; v >>= 8) out[k] = static_cast<std::byte>(v & 0xff);
    return v == 0;
  }
  if (is_wide_integer(j)) {
    const auto& b = j.get_binary();
    std::size_t lead = 0;
    while (lead < b.size() && b[lead] == 0) ++lead;
    if (b.size() - lead > size) return false;
    out.assign(size, std::byte{0});
    for (std::size_t k = lead; k < b.size(); ++k) out[size - (b.size() - k)] = static_cast<std::byte>(b[k]);
    return true;
  }
  if (j.is_string() && all_digits(j.get_ref<const std::string&>()))
    return bytes_of_decimal(j.get_ref<const std::string&>(), size, out);
  return false;
}

void dump_to(const json& j, std::string& out) {
  if (!has_wide(j)) {
    out += j.dump(-1, ' ', false, json::error_handler_t::replace);
    return;
  }
  dump_rec(j, out);
}

std::string dump(const json& j) {
  std::string s;
  dump_to(j, s);
  return s;
}

// Calls lit(begin, end, wide) for each integer literal outside strings (wide: beyond 64 bits)
// and other(begin, end) for the text between them.
template <class Lit, class Other>
void scan_literals(std::string_view text, Lit lit, Other other) {
  bool in_string = false;
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      ++i;
      continue;
    }
    if (c < '0' || c > '9') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    const bool integer = j >= text.size() || (text[j] != '.' && text[j] != 'e' && text[j] != 'E');
    const bool negative = i > 0 && text[i - 1] == '-';
    const std::string_view digits = text.substr(i, j - i);
    // Beyond 64 bits: more than 20 digits, or 20 digits above 18446744073709551615.
    const bool wide = integer && !negative && (digits.size() > 20 || (digits.size() == 20 && digits > "18446744073709551615"));
    if (wide) {
      other(text.substr(from, i - from));
      lit(digits);
      from = j;
    }
    i = j;
  }
  other(text.substr(std::min(from, text.size())));
}

result<json> parse(std::string_view text) {
  bool wide = false;
  scan_literals(text, [&](std::string_view) { wide = true; }, [](std::string_view) {});
  if (!wide) {
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return make_error("json", "$", 0, "not valid JSON");
    return j;
  }
  // Wide integer literals become marked strings, turned into wide integers while parsing.
  std::string out;
  out.reserve(text.size() + 256);
  std::size_t written = 0, converted = 0;
  scan_literals(
      text,
      [&](std::string_view digits) {
        ++written;
        out += "\"\\u0001wirekit-wide-integer:";
        out += digits;
        out += '"';
      },
      [&](std::string_view other) { out += other; });
  bool clash = false;
  json::parser_callback_t cb = [&](int, json::parse_event_t ev, json& v) {
    if (ev == json::parse_event_t::value && v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.size() > marker.size() && s.compare(0, marker.size(), marker) == 0) {
        std::string_view digits(s);
        digits.remove_prefix(marker.size());
        if (!all_digits(digits)) {
          clash = true;
          return true;
        }
        // Enough bytes for the digits: 10^d < 2^(4d).
        bytes b;
        bytes_of_decimal(digits, (digits.size() + 1) / 2 + 1, b);
        v = wide_integer(b);
        ++converted;
      } else if (s.find(marker) != std::string::npos) {
        clash = true;
      }
    } else if (ev == json::parse_event_t::key) {
      if (v.is_string() && v.get_ref<const std::string&>().find(marker) != std::string::npos) clash = true;
    }
    return true;
  };
  auto j = json::parse(out, cb, false);
  if (j.is_discarded()) return make_error("json", "$", 0, "not valid JSON");
  // More marked strings than literals written: the text itself held the marker.
  if (clash || converted != written) return make_error("json", "$", 0, "a string holds wirekit's internal wide-integer marker");
  return j;
}

}  // namespace wirekit::json_glue
