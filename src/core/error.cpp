#include "wirekit/core/error.hpp"

#include <fmt/format.h>

namespace wirekit {

std::string error::to_string() const {
  if (json) return fmt::format("{}: at {}: {}", protocol.empty() ? "json" : protocol, field, reason);
  return fmt::format("{}: field {} at byte {}: {}", protocol, field.empty() ? "-" : field, offset, reason);
}

error make_error(std::string protocol, std::string field, std::size_t offset, std::string reason) {
  return error{std::move(protocol), std::move(field), offset, std::move(reason), false};
}

error truncated_error(std::string protocol, std::string field, std::size_t offset, std::size_t need,
                      std::size_t have) {
  return make_error(std::move(protocol), std::move(field), offset,
                    fmt::format("truncated: need {} bytes, {} left", need, have));
}

error json_error(std::string path, std::string reason) {
  return error{"json", std::move(path), 0, std::move(reason), true};
}

}  // namespace wirekit
