// A small DHCPv6 server (RFC 8415) on wirekit's DHCPv6 codec and Boost.Asio.
//
//   dhcp6_server --interface IF [--pool FIRST-LAST] [--pd-pool PREFIX/LEN] [--pd-length N]
//                [--dns ADDR]... [--preferred S] [--valid S] [--rapid-commit]
//
// Listens on UDP port 547 of the interface (ff02::1:2, All_DHCP_Relay_Agents_and_Servers, and
// unicast), answers SOLICIT (ADVERTISE, or REPLY with Rapid Commit when the client asks and
// --rapid-commit is given), REQUEST, RENEW, REBIND, RELEASE, DECLINE, CONFIRM and
// INFORMATION-REQUEST from an address pool (IA_NA) and a prefix-delegation pool (IA_PD), also
// through relays: a RELAY-FORW (nested to any depth) gets a RELAY-REPL with the relay's
// hop count, link and peer addresses and Interface-Id. Leases are kept in memory by client
// DUID and IAID. One log line per exchange goes to stderr.
//
// Defaults: --pool 2001:db8:1::1000-2001:db8:1::1fff, --pd-pool 2001:db8:100::/48,
// --pd-length 56, --preferred 1800, --valid 3600.
#include <fmt/format.h>
#include <net/if.h>

#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wirekit/dhcp6/message.hpp"

using namespace wirekit;
namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

namespace oc = dhcp6::option_code;
namespace mt = dhcp6::msg_type;

// ---- configuration ----

struct config {
  std::string interface;
  ipv6_addr pool_first = *ipv6_addr::parse("2001:db8:1::1000");
  ipv6_addr pool_last = *ipv6_addr::parse("2001:db8:1::1fff");
  ipv6_addr pd_prefix = *ipv6_addr::parse("2001:db8:100::");
  unsigned pd_prefix_len = 48;
  unsigned pd_length = 56;
  std::vector<ipv6_addr> dns;
  std::uint32_t preferred = 1800, valid = 3600;
  bool rapid_commit = false;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "dhcp6_server: %s\nusage: dhcp6_server --interface IF [--pool FIRST-LAST] [--pd-pool PREFIX/LEN]\n"
               "                    [--pd-length N] [--dns ADDR]... [--preferred S] [--valid S] [--rapid-commit]\n",
               why.c_str());
  std::exit(2);
}

ipv6_addr parse_addr(const std::string& s) {
  auto a = ipv6_addr::parse(s);
  if (!a) usage("not an IPv6 address: " + s);
  return *a;
}

config parse_args(int argc, char** argv) {
  config c;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--interface") {
      c.interface = next();
    } else if (a == "--pool") {
      const std::string v = next();
      const auto dash = v.find('-');
      if (dash == std::string::npos) usage("--pool FIRST-LAST");
      c.pool_first = parse_addr(v.substr(0, dash));
      c.pool_last = parse_addr(v.substr(dash + 1));
    } else if (a == "--pd-pool") {
      const std::string v = next();
      const auto slash = v.find('/');
      if (slash == std::string::npos) usage("--pd-pool PREFIX/LEN");
      c.pd_prefix = parse_addr(v.substr(0, slash));
      c.pd_prefix_len = std::stoul(v.substr(slash + 1));
    } else if (a == "--pd-length") {
      c.pd_length = std::stoul(next());
    } else if (a == "--dns") {
      c.dns.push_back(parse_addr(next()));
    } else if (a == "--preferred") {
      c.preferred = std::stoul(next());
    } else if (a == "--valid") {
      c.valid = std::stoul(next());
    } else if (a == "--rapid-commit") {
      c.rapid_commit = true;
    } else {
      usage("unknown option " + a);
    }
  }
  if (c.interface.empty()) usage("--interface is required");
  if (c.pd_prefix_len > c.pd_length || c.pd_length > 128 || c.pd_length - c.pd_prefix_len > 32)
    usage("--pd-length must be at least the pool's length and at most 32 bits longer");
  return c;
}

// ---- option building ----

void put_option(bytes& out, std::uint16_t code, bytes_view data) {
  writer w(out);
  w.u16(code);
  w.u16(data.size());
  w.put(data);
}

dhcp6::option make_option(std::uint16_t code, bytes data) {
  dhcp6::option o;
  o.code = code;
  o.data = std::move(data);
  return o;
}

bytes status_code(std::uint16_t code, std::string_view text) {
  bytes b;
  writer w(b);
  w.u16(code);
  w.put(text.data(), text.size());
  return b;
}

namespace status {
constexpr std::uint16_t success = 0, no_addrs_avail = 2, no_binding = 3, not_on_link = 4, no_prefix_avail = 6;
}

// ---- leases ----

struct lease {
  ipv6_addr address{};  // IA_NA: the address; IA_PD: the prefix
  unsigned prefix_len = 128;
};

class pools {
 public:
  explicit pools(const config& c) : c_(c) {}

  // The binding of (duid, iaid) for IA_NA (pd = false) or IA_PD, made if `create`.
  std::optional<lease> get(const bytes& duid, std::uint32_t iaid, bool pd, bool create) {
    const key k{duid, iaid, pd};
    if (auto it = bound_.find(k); it != bound_.end()) return it->second;
    if (!create) return std::nullopt;
    auto l = pd ? next_prefix() : next_address();
    if (l) bound_[k] = *l;
    return l;
  }
  bool release(const bytes& duid, std::uint32_t iaid, bool pd) {
    auto it = bound_.find(key{duid, iaid, pd});
    if (it == bound_.end()) return false;
    used_.erase(it->second.address);
    bound_.erase(it);
    return true;
  }
  // CONFIRM: is the address on our link (inside the address pool's range)?
  bool on_link(const ipv6_addr& a) const { return !(a < c_.pool_first) && !(c_.pool_last < a); }

 private:
  struct key {
    bytes duid;
    std::uint32_t iaid;
    bool pd;
    bool operator<(const key& o) const {
      return std::tie(duid, iaid, pd) < std::tie(o.duid, o.iaid, o.pd);
    }
  };
  static ipv6_addr add(ipv6_addr a, std::uint64_t n, unsigned bit_from_end) {
    // a + n << bit_from_end, in 128-bit big-endian arithmetic.
    unsigned carry = 0;
    for (int i = 15; i >= 0; --i) {
      const unsigned bitpos = unsigned(15 - i) * 8;
      std::uint64_t add_byte = 0;
      if (bitpos + 7 >= bit_from_end && bitpos < bit_from_end + 64) {
        const int shift = int(bitpos) - int(bit_from_end);
        add_byte = shift >= 0 ? (n >> shift) & 0xff : (n << -shift) & 0xff;
      }
      const unsigned s = a.b[i] + unsigned(add_byte) + carry;
      a.b[i] = std::uint8_t(s);
      carry = s >> 8;
    }
    return a;
  }
  std::optional<lease> next_address() {
    for (ipv6_addr a = c_.pool_first; !(c_.pool_last < a); a = add(a, 1, 0)) {
      if (used_.count(a)) continue;
      used_.insert(a);
      return lease{a, 128};
    }
    return std::nullopt;
  }
  std::optional<lease> next_prefix() {
    const unsigned bits = c_.pd_length - c_.pd_prefix_len;
    const std::uint64_t count = bits >= 32 ? (1ull << 32) : (1ull << bits);
    for (std::uint64_t i = 0; i < count && i < 65536; ++i) {
      const ipv6_addr p = add(c_.pd_prefix, i, 128 - c_.pd_length);
      if (used_.count(p)) continue;
      used_.insert(p);
      return lease{p, c_.pd_length};
    }
    return std::nullopt;
  }
  const config& c_;
  std::map<key, lease> bound_;
  std::set<ipv6_addr> used_;
};

// ---- the server logic ----

class server {
 public:
  server(const config& c, bytes duid) : c_(c), duid_(std::move(duid)), pools_(c) {}

  // The reply to one received UDP payload, or nothing (messages to drop).
  std::optional<bytes> handle(bytes_view payload, std::string& log) {
    auto m = dhcp6::decode(payload);
    if (!m) {
      log = "dropped: " + m.err().to_string();
      return std::nullopt;
    }
    auto reply = answer(*m, log, 0);
    if (!reply) return std::nullopt;
    auto out = dhcp6::encode(*reply);
    if (!out) {
      log += "; encode failed: " + out.err().to_string();
      return std::nullopt;
    }
    return std::move(*out);
  }

 private:
  std::optional<dhcp6::message> answer(const dhcp6::message& m, std::string& log, unsigned depth) {
    if (m.msg_type == mt::relay_forw) {
      if (depth > 32) return std::nullopt;
      const dhcp6::option* inner = m.find(oc::relay_msg);
      if (!inner) {
        log = "dropped: RELAY-FORW without RELAY_MSG";
        return std::nullopt;
      }
      auto in = dhcp6::decode(inner->data);
      if (!in) {
        log = "dropped: relayed message: " + in.err().to_string();
        return std::nullopt;
      }
      auto r = answer(*in, log, depth + 1);
      if (!r) return std::nullopt;
      auto bytes_r = dhcp6::encode(*r);
      if (!bytes_r) return std::nullopt;
      dhcp6::message repl;
      repl.msg_type = mt::relay_repl;
      repl.hop_count = m.hop_count;
      repl.link_address = m.link_address;
      repl.peer_address = m.peer_address;
      if (const dhcp6::option* iid = m.find(oc::interface_id)) repl.options.option_list.push_back(*iid);
      repl.options.option_list.push_back(make_option(oc::relay_msg, std::move(*bytes_r)));
      log = fmt::format("relay {} hop {}: {}", m.link_address.to_string(), m.hop_count, log);
      return repl;
    }
    const char* name = dhcp6::message_type_name(m.msg_type);
    log = name ? name : fmt::format("type {}", m.msg_type);
    const dhcp6::option* client = m.find(oc::clientid);
    const dhcp6::option* server_id = m.find(oc::serverid);
    const bool ours = server_id && server_id->data == duid_;
    switch (m.msg_type) {
      case mt::solicit:
        if (!client || server_id) return drop(log, "needs a Client Identifier and no Server Identifier");
        break;
      case mt::request:
      case mt::renew:
      case mt::release:
      case mt::decline:
        if (!client || !ours) return drop(log, "needs a Client Identifier and our Server Identifier");
        break;
      case mt::rebind:
      case mt::confirm:
        if (!client || server_id) return drop(log, "needs a Client Identifier and no Server Identifier");
        break;
      case mt::information_request:
        if (server_id && !ours) return drop(log, "for another server");
        break;
      default:
        return drop(log, "not a client message this server answers");
    }

    dhcp6::message r;
    r.transaction_id = m.transaction_id;
    const bool rapid = m.msg_type == mt::solicit && c_.rapid_commit && m.find(oc::rapid_commit);
    r.msg_type = m.msg_type == mt::solicit && !rapid ? mt::advertise : mt::reply;
    auto& opts = r.options.option_list;
    opts.push_back(make_option(oc::serverid, duid_));
    if (client) opts.push_back(*client);
    if (rapid) opts.push_back(make_option(oc::rapid_commit, {}));

    if (m.msg_type == mt::confirm) {
      bool all_on_link = true, any = false;
      for_each_ia_address(m, [&](const ipv6_addr& a) {
        any = true;
        all_on_link = all_on_link && pools_.on_link(a);
      });
      if (!any) return drop(log, "CONFIRM without addresses");
      opts.push_back(make_option(oc::status_code, all_on_link ? status_code(status::success, "all addresses on link")
                                                               : status_code(status::not_on_link, "not on link")));
      log += all_on_link ? " -> REPLY Success" : " -> REPLY NotOnLink";
      return r;
    }
    if (m.msg_type == mt::release || m.msg_type == mt::decline) {
      for (const auto& o : m.options.option_list) {
        if ((o.code != oc::ia_na && o.code != oc::ia_pd) || o.data.size() < 12) continue;
        const std::uint32_t iaid = load_be32(o.data.data());
        const bool released = pools_.release(client->data, iaid, o.code == oc::ia_pd);
        log += fmt::format(" {} {} {}", o.code == oc::ia_pd ? "IA_PD" : "IA_NA", iaid, released ? "released" : "unknown");
      }
      opts.push_back(make_option(oc::status_code, status_code(status::success, "released")));
      return r;
    }
    if (m.msg_type != mt::information_request) {
      // IA_NA and IA_PD: bind (SOLICIT, REQUEST, REBIND) or look up (RENEW) each IA.
      const bool create = m.msg_type != mt::renew;
      for (const auto& o : m.options.option_list) {
        if ((o.code != oc::ia_na && o.code != oc::ia_pd) || o.data.size() < 12) continue;
        const bool pd = o.code == oc::ia_pd;
        const std::uint32_t iaid = load_be32(o.data.data());
        auto l = pools_.get(client->data, iaid, pd, create);
        bytes ia;
        writer w(ia);
        w.u32(iaid);
        if (l) {
          w.u32(c_.preferred / 2);
          w.u32(c_.preferred * 4 / 5);
          bytes inner;
          writer iw(inner);
          if (pd) {
            iw.u32(c_.preferred);
            iw.u32(c_.valid);
            iw.u8(l->prefix_len);
            iw.put(l->address.b.data(), 16);
            put_option(ia, oc::iaprefix, inner);
            log += fmt::format(" -> {}/{}", l->address.to_string(), l->prefix_len);
          } else {
            iw.put(l->address.b.data(), 16);
            iw.u32(c_.preferred);
            iw.u32(c_.valid);
            put_option(ia, oc::iaaddr, inner);
            log += fmt::format(" -> {}", l->address.to_string());
          }
        } else {
          w.u32(0);
          w.u32(0);
          if (!create) {
            put_option(ia, oc::status_code, status_code(status::no_binding, "no binding for this IA"));
            log += " -> NoBinding";
          } else {
            put_option(ia, oc::status_code,
                       pd ? status_code(status::no_prefix_avail, "no prefixes left")
                          : status_code(status::no_addrs_avail, "no addresses left"));
            log += pd ? " -> NoPrefixAvail" : " -> NoAddrsAvail";
          }
        }
        opts.push_back(make_option(o.code, std::move(ia)));
      }
    }
    if (!c_.dns.empty()) {
      bytes d;
      for (const auto& a : c_.dns) d.insert(d.end(), reinterpret_cast<const std::byte*>(a.b.data()),
                                            reinterpret_cast<const std::byte*>(a.b.data()) + 16);
      opts.push_back(make_option(oc::dns_servers, std::move(d)));
    }
    log += r.msg_type == mt::advertise ? " (ADVERTISE)" : " (REPLY)";
    return r;
  }

  template <class F>
  static void for_each_ia_address(const dhcp6::message& m, F f) {
    for (const auto& o : m.options.option_list) {
      if (o.code != oc::ia_na && o.code != oc::ia_ta) continue;
      std::size_t at = o.code == oc::ia_na ? 12 : 4;
      while (at + 4 <= o.data.size()) {
        const std::uint16_t code = load_be16(o.data.data() + at);
        const std::uint16_t len = load_be16(o.data.data() + at + 2);
        if (at + 4 + len > o.data.size()) break;
        if (code == oc::iaaddr && len >= 16) {
          ipv6_addr a;
          std::memcpy(a.b.data(), o.data.data() + at + 4, 16);
          f(a);
        }
        at += 4 + len;
      }
    }
  }

  static std::optional<dhcp6::message> drop(std::string& log, const char* why) {
    log += fmt::format(": dropped ({})", why);
    return std::nullopt;
  }

  const config& c_;
  bytes duid_;
  pools pools_;
};

// DUID-LL (RFC 8415 §11.4) from the interface's MAC address, or DUID-EN when it has none.
bytes server_duid(const std::string& ifname) {
  std::ifstream f("/sys/class/net/" + ifname + "/address");
  std::string text;
  bytes d;
  writer w(d);
  if (f >> text) {
    if (auto mac = mac_addr::parse(text)) {
      w.u16(3);
      w.u16(1);
      w.put(mac->b.data(), 6);
      return d;
    }
  }
  w.u16(2);
  w.u32(32473);  // the documentation enterprise number (RFC 5612)
  w.put("wirekit", 7);
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const config c = parse_args(argc, argv);
  const unsigned ifindex = if_nametoindex(c.interface.c_str());
  if (!ifindex) {
    std::fprintf(stderr, "dhcp6_server: no interface %s\n", c.interface.c_str());
    return 1;
  }
  server srv(c, server_duid(c.interface));
  asio::io_context io;
  udp::socket sock(io);
  try {
    sock.open(udp::v6());
    sock.set_option(asio::socket_base::reuse_address(true));
    sock.bind(udp::endpoint(asio::ip::address_v6::any(), 547));
    sock.set_option(asio::ip::multicast::join_group(asio::ip::make_address_v6("ff02::1:2"), ifindex));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dhcp6_server: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "dhcp6_server: listening on %s (index %u) port 547\n", c.interface.c_str(), ifindex);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });

  std::vector<std::byte> buf(65536);
  udp::endpoint from;
  std::function<void()> receive = [&] {
    sock.async_receive_from(asio::buffer(buf.data(), buf.size()), from, [&](const boost::system::error_code& ec, std::size_t n) {
      if (ec) {
        if (ec != asio::error::operation_aborted) std::fprintf(stderr, "dhcp6_server: receive: %s\n", ec.message().c_str());
        if (ec == asio::error::operation_aborted) return;
      } else {
        std::string log;
        auto reply = srv.handle(bytes_view(buf.data(), n), log);
        if (reply) {
          boost::system::error_code sec;
          sock.send_to(asio::buffer(reply->data(), reply->size()), from, 0, sec);
          if (sec) log += "; send failed: " + sec.message();
        }
        std::fprintf(stderr, "dhcp6_server: [%s]:%u %s\n", from.address().to_string().c_str(), from.port(), log.c_str());
      }
      receive();
    });
  };
  receive();
  io.run();
  return 0;
}
