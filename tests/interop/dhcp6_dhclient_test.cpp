// examples/dhcp6_server against a real client: ISC dhclient -6 (Debian isc-dhcp-client) in a
// pair of network namespaces the test creates, joined by a veth link (nothing leaves them).
// dhclient gets an address (IA_NA) and a delegated prefix (IA_PD) from the server's pools, its
// dhclient-script puts the address on the client's interface, then `dhclient -6 -r` releases
// both and the address goes away. A second check sends a RELAY-FORW (as a relay agent would,
// with an Interface-Id, built by a Python script byte by byte from RFC 8415 §9) and reads the
// RELAY-REPL back. Skipped unless running as root with `ip`, dhclient and the example built.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "support/fixtures.hpp"

namespace fs = std::filesystem;

namespace {

struct run_out {
  int rc = -1;
  std::string out;
};

run_out sh(const std::string& cmd) {
  run_out r;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A RELAY-FORW around a SOLICIT (Client Identifier DUID-LL, IA_NA with IAID 7, Rapid Commit
// not asked), sent from port 547 as relays do; prints what came back as "key=value" lines.
constexpr const char* relay_script = R"PY(
import socket, struct, sys
server = sys.argv[1]
def opt(code, data): return struct.pack("!HH", code, len(data)) + data
solicit = bytes([1]) + b"\x12\x34\x56" + opt(1, struct.pack("!HH", 3, 1) + bytes.fromhex("020000000077")) \
    + opt(3, struct.pack("!III", 7, 0, 0)) + opt(8, b"\x00\x00")
link = socket.inet_pton(socket.AF_INET6, "2001:db8:1::1")
peer = socket.inet_pton(socket.AF_INET6, "fe80::77")
forw = bytes([12, 0]) + link + peer + opt(18, b"port-7/1") + opt(9, solicit)
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 547))
s.settimeout(5)
s.sendto(forw, (server, 547))
data, _ = s.recvfrom(65535)
print("type=%d" % data[0])
print("hop=%d" % data[1])
print("link=%s" % socket.inet_ntop(socket.AF_INET6, data[2:18]))
print("peer=%s" % socket.inet_ntop(socket.AF_INET6, data[18:34]))
at = 34
inner = None
while at + 4 <= len(data):
    code, ln = struct.unpack("!HH", data[at:at + 4]); v = data[at + 4:at + 4 + ln]; at += 4 + ln
    if code == 18: print("interface_id=%s" % v.decode())
    if code == 9: inner = v
print("inner_type=%d" % inner[0])
print("inner_xid=%s" % inner[1:4].hex())
at = 4
while at + 4 <= len(inner):
    code, ln = struct.unpack("!HH", inner[at:at + 4]); v = inner[at + 4:at + 4 + ln]; at += 4 + ln
    if code == 3:
        print("iaid=%d" % struct.unpack("!I", v[0:4])[0])
        sub = v[12:]
        if len(sub) >= 20 and struct.unpack("!H", sub[0:2])[0] == 5:
            print("address=%s" % socket.inet_ntop(socket.AF_INET6, sub[4:20]))
)PY";

class InteropDhclient : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (network namespaces)";
    if (!wirekit::test::have_program("ip")) GTEST_SKIP() << "iproute2 (ip) is not installed";
    if (!wirekit::test::have_program("dhclient"))
      GTEST_SKIP() << "dhclient is not installed (Debian isc-dhcp-client; scripts/test installs it)";
    server_ = fs::path(WIREKIT_BINARY_DIR) / "examples" / "dhcp6_server";
    if (!fs::exists(server_)) GTEST_SKIP() << server_ << " was not built (-DWIREKIT_EXAMPLES=ON)";
    const std::string id = std::to_string(::getpid() % 100000);
    ns_s_ = "wk6s" + id;
    ns_c_ = "wk6c" + id;
    if_s_ = "w6s" + id;
    if_c_ = "w6c" + id;
    dir_ = fs::temp_directory_path() / ("wirekit-dhclient-" + id);
    fs::create_directories(dir_);
    const std::string setup =
        "set -e; ip netns add " + ns_s_ + "; ip netns add " + ns_c_ + "; ip link add " + if_s_ +
        " type veth peer name " + if_c_ + "; ip link set " + if_s_ + " netns " + ns_s_ + "; ip link set " + if_c_ +
        " netns " + ns_c_ + "; for n in " + ns_s_ + " " + ns_c_ +
        "; do ip netns exec $n sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0;"
        " ip -n $n link set lo up; done; ip netns exec " + ns_s_ + " sysctl -qw net.ipv6.conf." + if_s_ +
        ".accept_dad=0; ip netns exec " + ns_c_ + " sysctl -qw net.ipv6.conf." + if_c_ + ".accept_dad=0; ip -n " +
        ns_s_ + " link set " + if_s_ + " up; ip -n " + ns_c_ + " link set " + if_c_ + " up";
    auto r = sh(setup);
    ASSERT_EQ(r.rc, 0) << r.out;
    made_ = true;
    // Both link-local addresses usable (no DAD), the server's known for the relay check.
    for (int i = 0; i < 50 && server_ll_.empty(); ++i) {
      auto a = sh("ip -n " + ns_s_ + " -6 -o addr show dev " + if_s_ + " scope link");
      auto pos = a.out.find("inet6 ");
      if (pos != std::string::npos && a.out.find("tentative") == std::string::npos)
        server_ll_ = a.out.substr(pos + 6, a.out.find('/', pos) - pos - 6);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_FALSE(server_ll_.empty()) << "no link-local address on the server side";
    // The server, in its namespace.
    const fs::path log = dir_ / "server.log";
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      std::freopen(log.c_str(), "w", stderr);
      ::execlp("ip", "ip", "netns", "exec", ns_s_.c_str(), server_.c_str(), "--interface", if_s_.c_str(), "--pool",
               "2001:db8:1::1000-2001:db8:1::10ff", "--pd-pool", "2001:db8:100::/48", "--pd-length", "56", "--dns",
               "2001:db8::53", nullptr);
      std::_Exit(127);
    }
    for (int i = 0; i < 50 && slurp(log).find("listening") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_NE(slurp(log).find("listening"), std::string::npos) << slurp(log);
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int st = 0;
      ::waitpid(pid_, &st, 0);
    }
    if (made_) {
      sh("ip netns pids " + ns_c_ + " | xargs -r kill");
      sh("ip netns del " + ns_s_ + "; ip netns del " + ns_c_);
    }
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  std::string server_log() const { return slurp(dir_ / "server.log"); }
  std::string client_addresses() {
    return sh("ip -n " + ns_c_ + " -6 -o addr show dev " + if_c_ + " scope global").out;
  }

  fs::path server_, dir_;
  std::string ns_s_, ns_c_, if_s_, if_c_, server_ll_;
  bool made_ = false;
  pid_t pid_ = -1;
};

TEST_F(InteropDhclient, GetsAnAddressAndAPrefixThenReleasesThem) {
  const std::string lease = (dir_ / "dhclient.lease").string(), pidf = (dir_ / "dhclient.pid").string();
  auto r = sh("timeout 30 ip netns exec " + ns_c_ + " dhclient -6 -1 -v -N -P -lf " + lease + " -pf " + pidf + " " +
              if_c_);
  ASSERT_EQ(r.rc, 0) << r.out << "\nserver:\n" << server_log();
  EXPECT_NE(client_addresses().find("inet6 2001:db8:1::1000/128"), std::string::npos) << client_addresses();
  const std::string l = slurp(lease);
  EXPECT_NE(l.find("iaaddr 2001:db8:1::1000"), std::string::npos) << l;
  EXPECT_NE(l.find("iaprefix 2001:db8:100::/56"), std::string::npos) << l;
  EXPECT_NE(l.find("option dhcp6.name-servers 2001:db8::53"), std::string::npos) << l;
  const std::string log = server_log();
  EXPECT_NE(log.find("SOLICIT -> 2001:db8:1::1000 -> 2001:db8:100::/56 (ADVERTISE)"), std::string::npos) << log;
  EXPECT_NE(log.find("REQUEST -> 2001:db8:1::1000 -> 2001:db8:100::/56 (REPLY)"), std::string::npos) << log;

  r = sh("timeout 30 ip netns exec " + ns_c_ + " dhclient -6 -r -v -N -P -lf " + lease + " -pf " + pidf + " " + if_c_);
  ASSERT_EQ(r.rc, 0) << r.out;
  EXPECT_EQ(client_addresses().find("2001:db8:1::1000"), std::string::npos) << client_addresses();
  for (int i = 0; i < 30 && server_log().find("RELEASE") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string after = server_log();
  auto rel = after.find("RELEASE");
  ASSERT_NE(rel, std::string::npos) << after;
  const std::string line = after.substr(rel, after.find('\n', rel) - rel);
  EXPECT_NE(line.find("IA_NA"), std::string::npos) << line;
  EXPECT_NE(line.find("IA_PD"), std::string::npos) << line;
  EXPECT_EQ(line.find("unknown"), std::string::npos) << line;  // both bindings were there to release
}

TEST_F(InteropDhclient, AnswersThroughARelay) {
  const fs::path script = dir_ / "relay.py";
  std::ofstream(script) << relay_script;
  auto r = sh("timeout 20 ip netns exec " + ns_c_ + " /usr/bin/python3 " + script.string() + " " + server_ll_ + "%" +
              if_c_);
  ASSERT_EQ(r.rc, 0) << r.out << "\nserver:\n" << server_log();
  EXPECT_NE(r.out.find("type=13\n"), std::string::npos) << r.out;  // RELAY-REPL
  EXPECT_NE(r.out.find("hop=0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("link=2001:db8:1::1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("peer=fe80::77\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("interface_id=port-7/1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("inner_type=2\n"), std::string::npos) << r.out;  // ADVERTISE
  EXPECT_NE(r.out.find("inner_xid=123456\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("iaid=7\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("address=2001:db8:1::1000\n"), std::string::npos) << r.out;
}

}  // namespace
