// tshark as an independent decoder for cross-checks: frames to feed it, and its field values.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "wirekit/core/bytes.hpp"

namespace wirekit::test {

// One frame's field values: field name -> its occurrences, in order.
using tshark_fields = std::map<std::string, std::vector<std::string>>;

// `tshark -r PCAP OPTIONS -T fields -e NAME...`, one entry per frame tshark prints. OPTIONS are
// tshark options as shell text (`-d tcp.port==11019,bmp -Y bmp`, `-o ...`). A failing tshark
// is a test failure.
std::vector<tshark_fields> run_tshark_fields(const std::filesystem::path& pcap, const std::string& options,
                                             const std::vector<std::string>& names);

// An Ethernet/IPv4/TCP frame (192.0.2.1 -> 192.0.2.2, PSH+ACK, lengths and checksums computed)
// carrying `payload`.
bytes tcp_frame(const bytes& payload, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq,
                std::uint32_t ack);

}  // namespace wirekit::test
