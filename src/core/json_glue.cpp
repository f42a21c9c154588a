#include "wirekit/core/json_glue.hpp"

#include <fmt/format.h>

namespace wirekit::json_glue {

std::string path::str() const {
  std::string s = parent ? parent->str() : std::string("$");
  if (key) {
    s += '.';
    s += key;
  } else if (index >= 0) {
    s += fmt::format("[{}]", index);
  }
  return s;
}

status type_error(const path& p, const char* want, const json& got) {
  std::string g = got.dump();
  if (g.size() > 60) g = g.substr(0, 57) + "...";
  return json_error(p.str(), fmt::format("expected {}, got {}", want, g));
}

}  // namespace wirekit::json_glue
