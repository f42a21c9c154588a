#include "support/tshark.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.hpp"
#include "wirekit/packet/packet.hpp"

namespace wirekit::test {

using json = nlohmann::json;

std::vector<tshark_fields> run_tshark_fields(const std::filesystem::path& pcap, const std::string& options,
                                             const std::vector<std::string>& names) {
  std::string cmd = "tshark -r '" + pcap.string() + "' " + options +
                    " -T fields -E separator=/t -E occurrence=a -E aggregator=,";
  for (const auto& n : names) cmd += " -e " + n;
  cmd += " 2>/dev/null";
  std::string out;
  EXPECT_EQ(run_command(cmd, out), 0) << cmd;
  std::vector<tshark_fields> frames;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    tshark_fields f;
    std::size_t pos = 0;
    for (const auto& n : names) {
      std::size_t tab = line.find('\t', pos);
      std::string v = line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos);
      pos = tab == std::string::npos ? line.size() : tab + 1;
      std::vector<std::string> vals;
      std::size_t s = 0;
      while (!v.empty() && s <= v.size()) {
        std::size_t c = v.find(',', s);
        vals.push_back(v.substr(s, c == std::string::npos ? std::string::npos : c - s));
        if (c == std::string::npos) break;
        s = c + 1;
      }
      f[n] = vals;
    }
    frames.push_back(std::move(f));
  }
  return frames;
}

bytes tcp_frame(const bytes& payload, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq,
                std::uint32_t ack) {
  json frame = json::array(
      {json::parse(R"({"ethernet": {"dst": "00:00:5e:00:53:02", "src": "00:00:5e:00:53:01", "ethertype": 2048}})"),
       json::parse(R"({"ipv4": {"version": 4, "header_length": 5, "tos": 0, "total_length": 0, "identification": 1,
           "flags": 2, "offset": 0, "ttl": 64, "proto": 6, "csum": 0, "src": "192.0.2.1", "dst": "192.0.2.2", "option": null}})"),
       json{{"tcp", {{"src_port", src_port}, {"dst_port", dst_port}, {"seq", seq}, {"ack", ack}, {"offset", 0}, {"bits", 24},
                     {"window_size", 65535}, {"csum", 0}, {"urgent", 0}, {"option", nullptr}}}},
       json{{"payload", base64_encode(payload)}}});
  auto pk = packet::from_json(frame);
  EXPECT_TRUE(pk.ok()) << (pk.ok() ? "" : pk.err().to_string());
  if (!pk.ok()) return {};
  auto out = pk->serialize();
  EXPECT_TRUE(out.ok());
  return out.ok() ? *out : bytes{};
}

}  // namespace wirekit::test
