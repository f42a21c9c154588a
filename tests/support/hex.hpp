// Hex text to bytes for tests (pairs of hex digits; a trailing odd digit is ignored).
#pragma once
#include <string>
#include <string_view>

#include "wirekit/core/bytes.hpp"

namespace wirekit::test {

inline bytes from_hex(std::string_view h) {
  bytes b;
  b.reserve(h.size() / 2);
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    b.push_back(static_cast<std::byte>(std::stoul(std::string(h.substr(i, 2)), nullptr, 16)));
  return b;
}

}  // namespace wirekit::test
