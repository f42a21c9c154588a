// Helpers shared by the OpenFlow tests: hex text to bytes, the os-ken JSON with every len/length
// key removed (the "lengths computed on encode" check), and whether os-ken is there.
#pragma once
#include <concepts>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "support/hex.hpp"
#include "support/fixtures.hpp"
#include "wirekit/core/bytes.hpp"

namespace wirekit::test {

inline bytes unhex(std::string_view h) { return from_hex(h); }

template <class J>
  requires std::same_as<J, nlohmann::json>
bytes unhex(const J& j) {  // a JSON string of hex digits (os-ken case files)
  return unhex(std::string_view(j.template get_ref<const std::string&>()));
}

inline nlohmann::json strip_lengths(const nlohmann::json& j) {
  if (j.is_object()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "len" && it.key() != "length") o[it.key()] = strip_lengths(it.value());
    return o;
  }
  if (j.is_array()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : j) a.push_back(strip_lengths(e));
    return a;
  }
  return j;
}

// os-ken importable by /usr/bin/python3 (module: e.g. "os_ken.ofproto.nx_actions").
inline bool have_osken_module(const std::string& module) {
  const std::string cmd = "/usr/bin/python3 -c 'import " + module + "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// The JSON lines a case script in tests/openflow/ prints when run by /usr/bin/python3 with
// `args` (os-ken generates the cases at test time); empty if the script fails.
inline std::vector<nlohmann::json> osken_script_lines(const std::string& script_name, const std::string& args = "") {
  namespace fs = std::filesystem;
  std::vector<nlohmann::json> out;
  const fs::path script = fs::path(WIREKIT_SOURCE_DIR) / "tests" / "openflow" / script_name;
  const fs::path file = fs::temp_directory_path() / ("wirekit-" + script_name + (args.empty() ? "" : "-" + args) + ".jsonl");
  const std::string cmd = "/usr/bin/python3 " + shell_quote(script.string()) + (args.empty() ? "" : " " + args) + " > " +
                          shell_quote(file.string()) + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) return out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  std::error_code ec;
  fs::remove(file, ec);
  return out;
}

}  // namespace wirekit::test
