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

// The case names of ../shared/fixtures/generated/<family>, or {"absent"} when there are none
// (the test then skips), for INSTANTIATE_TEST_SUITE_P.
std::vector<std::string> generated_cases(const std::string& family);
// A case's test name: its file stem with '-' made '_' (GoogleTest allows only [A-Za-z0-9_]).
struct case_test_name {
  template <class Info>
  std::string operator()(const Info& info) const {
    return test_name_of(info.param);
  }
  static std::string test_name_of(std::string n);
};

// <dir>/<name>.meta.json, or {} when the case has none.
nlohmann::json read_meta(const std::filesystem::path& dir, const std::string& name);

// Runs a command, capturing stdout; returns the exit status (-1 if it could not run).
int run_command(const std::string& cmd, std::string& out);
bool have_program(const std::string& name);
// s in single quotes for /bin/sh (embedded quotes escaped).
std::string shell_quote(const std::string& s);

}  // namespace wirekit::test

#define WIREKIT_REQUIRE_SHARED(var)                                                                   \
  auto var##_opt = ::wirekit::test::shared_dir();                                                     \
  if (!var##_opt) GTEST_SKIP() << "../shared/fixtures is absent (set WIREKIT_SHARED to use it); skipped"; \
  const std::filesystem::path var = *var##_opt
