// Test support for the session tests: an io_context on its own thread, a child process the test
// started (signalled and reaped by the test only, killed in every path), scratch directories and
// whole-file text.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>  // before Boost.Asio (Boost 1.74 with g++ 12 in C++20)

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

extern char** environ;

namespace wirekit::test {

// An io_context running on its own thread (declare it before the objects that use it).
struct io_thread {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::thread t{[this] { io.run(); }};
  ~io_thread() {
    work.reset();
    io.stop();
    t.join();
  }
};

// A child process started with posix_spawnp (PATH searched); with out_file, its stdout goes to
// out_file and its stderr to out_file + ".err" (or to out_file too, with output::merged).
// Killed (SIGKILL) and reaped by the destructor if still running.
struct child {
  enum class output { split, merged };
  pid_t pid = -1;
  explicit child(std::vector<std::string> argv, const std::string& out_file = {}, output how = output::split) {
    std::vector<char*> a;
    for (auto& s : argv) a.push_back(s.data());
    a.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (!out_file.empty()) {
      posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (how == output::merged)
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
      else
        posix_spawn_file_actions_addopen(&fa, 2, (out_file + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    if (posix_spawnp(&pid, a[0], &fa, nullptr, a.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  child(const child&) = delete;
  child& operator=(const child&) = delete;
  // Exit status (128 + signal when killed by one), or -1 after `timeout` (then the child is
  // killed) or when there is no child.
  int wait(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (pid > 0) {
      int st = 0;
      if (::waitpid(pid, &st, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
      }
      if (std::chrono::steady_clock::now() > end) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &st, 0);
        pid = -1;
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  bool alive() {
    if (pid <= 0) return false;
    int st = 0;
    if (::waitpid(pid, &st, WNOHANG) == pid) {
      pid = -1;
      return false;
    }
    return true;
  }
  void signal(int sig) {
    if (pid > 0) ::kill(pid, sig);
  }
  ~child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      int st = 0;
      ::waitpid(pid, &st, 0);
    }
  }
};

// A fresh, empty directory <tmp>/<prefix>-<pid>-<name> (left in place for a failing test's
// evidence; the next run of the same test empties it).
inline std::filesystem::path scratch_dir(const std::string& prefix, const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// A new directory /tmp/<prefix>XXXXXX, removed with everything in it at scope end.
struct temp_dir {
  std::filesystem::path p;
  explicit temp_dir(const std::string& prefix) {
    std::string t = "/tmp/" + prefix + "XXXXXX";
    if (::mkdtemp(t.data())) p = t;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    if (!p.empty()) std::filesystem::remove_all(p, ec);
  }
};

// The whole file as text ("" when it cannot be read).
inline std::string file_text(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace wirekit::test
