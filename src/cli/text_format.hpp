#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace wirekit::cli {
// The `text` output: one indented line per header field, like `tshark -V`.
std::string to_text(const nlohmann::json& frame_or_message, std::size_t number);
}
