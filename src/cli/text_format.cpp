#include "text_format.hpp"

#include <fmt/format.h>

#include "wirekit/core/json_wide.hpp"

namespace wirekit::cli {

using json = nlohmann::json;

namespace {

std::string scalar(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "(none)";
  return json_glue::dump(v);  // integers beyond 64 bits as numbers
}

bool is_wrapped(const json& v) { return v.is_object() && v.size() == 1 && v.begin().value().is_object(); }

void put(std::string& out, const json& v, int depth) {
  std::string ind(static_cast<std::size_t>(depth) * 4, ' ');
  if (is_wrapped(v)) {
    out += fmt::format("{}{}\n", ind, v.begin().key());
    for (const auto& [k, x] : v.begin().value().items()) {
      if (x.is_object() || (x.is_array() && !x.empty() && (x[0].is_object() || x[0].is_array()))) {
        out += fmt::format("{}    {}:\n", ind, k);
        put(out, x, depth + 2);
      } else if (x.is_array()) {
        std::string items;
        for (const auto& e : x) items += (items.empty() ? "" : ", ") + scalar(e);
        out += fmt::format("{}    {}: [{}]\n", ind, k, items);
      } else {
        out += fmt::format("{}    {}: {}\n", ind, k, scalar(x));
      }
    }
  } else if (v.is_array()) {
    for (const auto& e : v) put(out, e, depth);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.items()) {
      if (x.is_structured()) {
        out += fmt::format("{}{}:\n", ind, k);
        put(out, x, depth + 1);
      } else {
        out += fmt::format("{}{}: {}\n", ind, k, scalar(x));
      }
    }
  } else {
    out += fmt::format("{}{}\n", ind, scalar(v));
  }
}

}  // namespace

std::string to_text(const json& j, std::size_t number) {
  std::string out = fmt::format("Frame {}\n", number);
  put(out, j, 1);
  out += '\n';
  return out;
}

}  // namespace wirekit::cli
