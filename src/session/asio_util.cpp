#include "asio_util.hpp"

#include <fmt/format.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/v6_only.hpp>

namespace wirekit::session_detail {

namespace asio = boost::asio;
using boost::system::error_code;

asio::ip::address plain_address(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  return a;
}

std::string address_text(const asio::ip::address& a) { return plain_address(a).to_string(); }

std::string endpoint_text(const tcp::endpoint& ep) {
  const auto a = plain_address(ep.address());
  if (a.is_v6()) return fmt::format("[{}]:{}", a.to_string(), ep.port());
  return fmt::format("{}:{}", a.to_string(), ep.port());
}

std::string read_error_text(const error_code& ec) {
  if (ec == asio::error::eof) return "connection closed by peer";
  if (ec == asio::error::connection_reset) return "connection reset by peer (TCP RST)";
  return "read error: " + ec.message();
}

status listen_on(tcp::acceptor& acceptor, const std::string& address, std::uint16_t port, const char* proto,
                 const char* address_field, tcp::endpoint& bound) {
  error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return make_error(proto, address_field, 0, fmt::format("'{}' is not an IP address", address));
  const tcp::endpoint ep(addr, port);
  auto fail = [&](const char* what) {
    error_code ignore;
    acceptor.close(ignore);
    return status(make_error(proto, "listen", 0, fmt::format("{} {}: {}", what, endpoint_text(ep), ec.message())));
  };
  acceptor.open(ep.protocol(), ec);
  if (ec) return fail("cannot open a socket for");
  if (addr.is_v6() && addr.is_unspecified()) {
    error_code ignore;
    acceptor.set_option(asio::ip::v6_only(false), ignore);
  }
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  acceptor.bind(ep, ec);
  if (ec) return fail("cannot bind to");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("cannot listen on");
  bound = tcp::endpoint(addr, acceptor.local_endpoint(ec).port());
  if (ec) return fail("cannot read the port of");
  return ok();
}

}  // namespace wirekit::session_detail
