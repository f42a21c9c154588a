// Internal to src/session/: what the four session helpers (ANCP, BGP, OpenFlow, BMP) share on
// Boost.Asio — endpoint text, the listen sequence, read-error wording.
#pragma once
#include <utility>  // before Boost.Asio (Boost 1.74 with g++ 12 in C++20)

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "wirekit/core/error.hpp"

namespace wirekit::session_detail {

using boost::asio::ip::tcp;

// "192.0.2.1:179" / "[2001:db8::1]:179"; IPv4-mapped IPv6 addresses as IPv4.
std::string endpoint_text(const tcp::endpoint& ep);
// The address alone, IPv4-mapped IPv6 addresses as IPv4.
boost::asio::ip::address plain_address(const boost::asio::ip::address& a);
std::string address_text(const boost::asio::ip::address& a);

// Why a read ended: "connection closed by peer" (EOF), "connection reset by peer (TCP RST)",
// else "read error: <system message>".
std::string read_error_text(const boost::system::error_code& ec);

// Opens `acceptor` on address:port and listens (SO_REUSEADDR; an unspecified IPv6 address also
// accepts IPv4). On success `bound` is the endpoint listened on (the port chosen when port is
// 0). Errors name `proto` and field `address_field` for an address that does not parse, else
// field "listen" with the step that failed and the system's message; the acceptor is closed.
status listen_on(tcp::acceptor& acceptor, const std::string& address, std::uint16_t port, const char* proto,
                 const char* address_field, tcp::endpoint& bound);

}  // namespace wirekit::session_detail
