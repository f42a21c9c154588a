#include "support/fixtures.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace wirekit::test {

namespace fs = std::filesystem;

std::optional<fs::path> shared_dir() {
  if (const char* e = std::getenv("WIREKIT_SHARED")) {
    if (fs::is_directory(fs::path(e) / "fixtures")) return fs::path(e);
    return std::nullopt;
  }
  fs::path p = fs::path(WIREKIT_SOURCE_DIR).parent_path() / "shared";
  if (fs::is_directory(p / "fixtures")) return p;
  return std::nullopt;
}

fs::path data_dir() { return fs::path(WIREKIT_SOURCE_DIR) / "tests" / "data"; }

bytes read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::vector<char> d((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  bytes b(d.size());
  std::transform(d.begin(), d.end(), b.begin(), [](char c) { return static_cast<std::byte>(c); });
  return b;
}

nlohmann::json read_json(const fs::path& p) {
  std::ifstream f(p);
  return nlohmann::json::parse(f);
}

std::string json_diff(const nlohmann::json& a, const nlohmann::json& b, const std::string& path) {
  if (a.is_object() && b.is_object()) {
    std::vector<std::string> keys;
    for (auto& [k, v] : a.items()) keys.push_back(k);
    for (auto& [k, v] : b.items())
      if (!a.contains(k)) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) {
      if (!a.contains(k)) return path + "." + k + ": unexpected key";
      if (!b.contains(k)) return path + "." + k + ": missing key";
      auto d = json_diff(a[k], b[k], path + "." + k);
      if (!d.empty()) return d;
    }
    return "";
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size())
      return path + ": list length " + std::to_string(b.size()) + ", expected " + std::to_string(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto d = json_diff(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  bool same;
  if (a.is_boolean() || b.is_boolean())
    same = a.is_boolean() && b.is_boolean() && a == b;
  else if (a.is_number() && b.is_number())
    same = (a.is_number_float() || b.is_number_float()) ? a.get<double>() == b.get<double>() : a == b;
  else
    same = a == b;
  if (!same) return path + ": got " + b.dump().substr(0, 80) + ", expected " + a.dump().substr(0, 80);
  return "";
}

std::vector<std::string> case_names(const fs::path& dir) {
  std::vector<std::string> v;
  if (!fs::is_directory(dir)) return v;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".bin") v.push_back(e.path().stem().string());
  std::sort(v.begin(), v.end());
  return v;
}

int run_command(const std::string& cmd, std::string& out) {
  out.clear();
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool have_program(const std::string& name) {
  std::string out;
  return run_command("command -v " + name + " >/dev/null 2>&1 && echo yes", out) == 0 && out.find("yes") == 0;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

}  // namespace wirekit::test

namespace wirekit::test {

std::vector<std::string> generated_cases(const std::string& family) {
  auto s = shared_dir();
  std::vector<std::string> v;
  if (s) v = case_names(*s / "fixtures" / "generated" / family);
  if (v.empty()) v.push_back("absent");
  return v;
}

std::string case_test_name::test_name_of(std::string n) {
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

nlohmann::json read_meta(const std::filesystem::path& dir, const std::string& name) {
  auto p = dir / (name + ".meta.json");
  return std::filesystem::exists(p) ? read_json(p) : nlohmann::json::object();
}

}  // namespace wirekit::test
