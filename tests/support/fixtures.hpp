// Test support: locating ../shared/fixtures and the project's own fixtures, reading files,
// comparing JSON as data.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/core/bytes.hpp"

namespace wirekit::test {

// ../shared beside the checkout (or $WIREKIT_SHARED), if present.
std::optional<std::filesystem::path> shared_dir();
// The project's own test data: tests/data.
std::filesystem::path data_dir();

bytes read_file(const std::filesystem::path& p);
nlohmann::json read_json(const std::filesystem::path& p);

// Path of the first difference between two JSON values ("" if equal), as fixture_compare.py.
std::string json_diff(const nlohmann::json& expect, const nlohmann::json& got, const std::string& path = "$");

// Case names (file stems) of <dir>/*.bin, sorted.
std::vector<std::string> case_names(const std::filesystem::path& dir);

// Runs a command, capturing stdout; returns the exit status (-1 if it could not run).
int run_command(const std::string& cmd, std::string& out);
bool have_program(const std::string& name);

}  // namespace wirekit::test

#define WIREKIT_REQUIRE_SHARED(var)                                                                   \
  auto var##_opt = ::wirekit::test::shared_dir();                                                     \
  if (!var##_opt) GTEST_SKIP() << "../shared/fixtures is absent (set WIREKIT_SHARED to use it); skipped"; \
  const std::filesystem::path var = *var##_opt

namespace wirekit::test {
// The first os-ken class in j that only the typed EVPN / FlowSpec / extended-community / PMSI
// models produce (issue 3 part B; src/bgp/families_raw.cpp keeps these raw until then), or "".
std::string bgp_typed_family_class(const nlohmann::json& j);
}  // namespace wirekit::test
