// The --proto handlers of `wirekit decode` and `wirekit encode`. Each family adds its handler
// to the table in protos.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"

namespace wirekit::cli {

struct options {
  std::string proto = "auto";
  std::string format = "json";   // json | text
  bool keep_going = false;       // report errors and continue where the input allows it
  std::optional<unsigned> of_version;
  std::uint32_t xid = 0;
  std::string pcap_out;
  bool typed = false;             // dhcp6: the typed JSON view ({"dhcp6_typed": ...}, docs/dhcp6.md)
  bool validate = false;          // dhcp6: add "findings" (RFC 8415 option rules) beside each message
  bool flowspec_rfc8956 = false;  // bgp: FlowSpec IPv6 prefix offsets in RFC 8956's form (else os-ken's)
};

using emit_fn = std::function<void(const nlohmann::json&)>;

struct proto_handler {
  const char* name;
  const char* summary;
  // Decodes the whole input, calling emit once per message/frame.
  status (*decode)(bytes_view in, const options& o, const emit_fn& emit);
  // Encodes one JSON document (a frame or a message), appending its bytes.
  status (*encode)(const nlohmann::json& doc, const options& o, bytes& out);
};

const std::vector<proto_handler>& handlers();
const proto_handler* find_handler(const std::string& name);

// Shared by handlers: the packet decoder's JSON for one frame, or an error.
status decode_frame_json(bytes_view frame, nlohmann::json& out);

}  // namespace wirekit::cli
