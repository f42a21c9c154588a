// A learning switch on wirekit's OpenFlow controller channel (include/wirekit/session/openflow.hpp).
//
//   of_controller [--address ADDR] [--port 6653] [--versions 1,3,4,5,6] [--idle-timeout 60]
//                 [--verbose]
//
// For every switch that connects: on OpenFlow 1.3+ a table-miss flow (priority 0, to the
// controller) is installed through request(). For every PACKET_IN the frame is decoded with the
// packet library, its Ethernet source is learnt on the ingress port, and when the destination is
// known a flow (in_port + eth_dst -> output) is installed and the packet sent out there;
// otherwise the packet is flooded with a PACKET_OUT. Messages are built in os-ken's JSON form
// for the datapath's version and turned into wire messages by openflow::from_json. One line per
// event goes to stderr; SIGINT/SIGTERM stop it.
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "wirekit/openflow/openflow.hpp"
#include "wirekit/packet/packet.hpp"
#include "wirekit/session/openflow.hpp"

using namespace wirekit;
using nlohmann::json;

namespace {

constexpr std::uint32_t no_buffer = 0xffffffff;

std::uint32_t port_const(std::uint8_t v, std::uint32_t p32) {  // OFPP_* in the version's width
  return v == openflow::OFP10 ? (p32 & 0xffff) : p32;
}
constexpr std::uint32_t ofpp_flood = 0xfffffffb, ofpp_controller = 0xfffffffd;

std::string b64(bytes_view b) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  std::size_t i = 0;
  for (; i + 2 < b.size(); i += 3) {
    const unsigned n = (std::to_integer<unsigned>(b[i]) << 16) | (std::to_integer<unsigned>(b[i + 1]) << 8) |
                       std::to_integer<unsigned>(b[i + 2]);
    s += {t[n >> 18], t[(n >> 12) & 63], t[(n >> 6) & 63], t[n & 63]};
  }
  if (i + 1 == b.size()) {
    const unsigned n = std::to_integer<unsigned>(b[i]) << 16;
    s += {t[n >> 18], t[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == b.size()) {
    const unsigned n = (std::to_integer<unsigned>(b[i]) << 16) | (std::to_integer<unsigned>(b[i + 1]) << 8);
    s += {t[n >> 18], t[(n >> 12) & 63], t[(n >> 6) & 63], '='};
  }
  return s;
}

json output_action(std::uint8_t v, std::uint32_t port) {
  return {{"OFPActionOutput", {{"port", port_const(v, port)}, {"max_len", 0xffff}}}};
}

json oxm(const char* field, json value) { return {{"OXMTlv", {{"field", field}, {"value", std::move(value)}, {"mask", nullptr}}}}; }

// A flow_mod ADD in os-ken's JSON for version v: match in_port (when given) and eth_dst (when
// given), actions as listed.
json flow_add(std::uint8_t v, std::uint16_t priority, std::optional<std::uint32_t> in_port,
              const std::string& eth_dst, json actions, std::uint16_t idle) {
  if (v == openflow::OFP10) {
    std::uint32_t wildcards = 0x3fffff;
    if (in_port) wildcards &= ~1U;
    if (!eth_dst.empty()) wildcards &= ~(1U << 3);
    json match = {{"wildcards", wildcards}, {"in_port", in_port.value_or(0)}, {"dl_src", "00:00:00:00:00:00"},
                  {"dl_dst", eth_dst.empty() ? "00:00:00:00:00:00" : eth_dst}, {"dl_vlan", 0}, {"dl_vlan_pcp", 0},
                  {"dl_type", 0}, {"nw_tos", 0}, {"nw_proto", 0}, {"nw_src", "0.0.0.0"}, {"nw_dst", "0.0.0.0"},
                  {"tp_src", 0}, {"tp_dst", 0}};
    return {{"OFPFlowMod",
             {{"match", {{"OFPMatch", match}}}, {"cookie", 0}, {"command", 0}, {"idle_timeout", idle},
              {"hard_timeout", 0}, {"priority", priority}, {"buffer_id", no_buffer & 0xffffffff},
              {"out_port", 0xffff}, {"flags", 0}, {"actions", std::move(actions)}}}};
  }
  json fields = json::array();
  if (in_port) fields.push_back(oxm("in_port", *in_port));
  if (!eth_dst.empty()) fields.push_back(oxm("eth_dst", eth_dst));
  json fm = {{"cookie", 0},
             {"cookie_mask", 0},
             {"table_id", 0},
             {"command", 0},
             {"idle_timeout", idle},
             {"hard_timeout", 0},
             {"priority", priority},
             {"buffer_id", no_buffer},
             {"out_port", 0xffffffff},
             {"out_group", 0xffffffff},
             {"flags", 0},
             {"match", {{"OFPMatch", {{"type", 1}, {"oxm_fields", fields}}}}},
             {"instructions", json::array({{{"OFPInstructionActions", {{"type", 4}, {"actions", std::move(actions)}}}}})}};
  if (v >= openflow::OFP14) fm["importance"] = 0;
  return {{"OFPFlowMod", fm}};
}

json packet_out(std::uint8_t v, std::uint32_t in_port, json actions, bytes_view data) {
  json po = {{"buffer_id", no_buffer}, {"actions", std::move(actions)}, {"data", b64(data)}};
  if (v == openflow::OFP10) {
    po["buffer_id"] = no_buffer;
    po["in_port"] = port_const(v, in_port);
  } else if (v == openflow::OFP15) {
    po["match"] = {{"OFPMatch", {{"type", 1}, {"oxm_fields", json::array({oxm("in_port", in_port)})}}}};
  } else {
    po["in_port"] = in_port;
  }
  return {{"OFPPacketOut", po}};
}

struct learning_switch {
  openflow::controller& ctl;
  std::uint16_t idle;
  std::mutex mtx;
  std::map<std::uint64_t, std::map<std::string, std::uint32_t>> mac_to_port;

  bool send_json(const openflow::datapath_info& d, const json& j, const char* what) {
    auto m = openflow::from_json(j, d.version);
    if (!m) {
      std::fprintf(stderr, "dpid %016llx: cannot build %s: %s\n", static_cast<unsigned long long>(d.datapath_id), what,
                   m.err().to_string().c_str());
      return false;
    }
    return ctl.send(d.datapath_id, *m);
  }

  void up(const openflow::datapath_info& d) {
    std::fprintf(stderr, "datapath %016llx up: OpenFlow wire version %u from %s:%u\n",
                 static_cast<unsigned long long>(d.datapath_id), d.version, d.address.c_str(), d.port);
    if (d.version == openflow::OFP10) return;  // OF1.0 sends table misses to the controller
    // Table-miss flow; confirmed by request() (barrier) on another thread: handlers must not block.
    auto m = openflow::from_json(flow_add(d.version, 0, std::nullopt, "", json::array({output_action(d.version, ofpp_controller)}), 0),
                                 d.version);
    if (!m) {
      std::fprintf(stderr, "cannot build the table-miss flow: %s\n", m.err().to_string().c_str());
      return;
    }
    const auto dpid = d.datapath_id;
    ctl.async_request(dpid, *m, [dpid](result<openflow::request_result> r) {
      if (!r)
        std::fprintf(stderr, "datapath %016llx: table-miss flow: %s\n", static_cast<unsigned long long>(dpid),
                     r.err().to_string().c_str());
      else
        std::fprintf(stderr, "datapath %016llx: table-miss flow %s\n", static_cast<unsigned long long>(dpid),
                     r->ok() ? "installed" : "refused by the switch");
    });
  }

  void packet_in(const openflow::datapath_info& d, const openflow::message& m) {
    const auto in_port = openflow::packet_in_port(m);
    const auto data = openflow::packet_in_data(m);
    auto frame = openflow::packet_in_frame(m);
    if (!in_port || !data || !frame) {
      std::fprintf(stderr, "dpid %016llx: PACKET_IN ignored: %s\n", static_cast<unsigned long long>(d.datapath_id),
                   !frame ? frame.err().to_string().c_str() : "no in_port");
      return;
    }
    const auto* eth = frame->get<ethernet>();
    if (eth == nullptr) return;
    const std::string src = eth->src.to_string(), dst = eth->dst.to_string();
    std::optional<std::uint32_t> out;
    {
      std::lock_guard g(mtx);
      auto& table = mac_to_port[d.datapath_id];
      table[src] = *in_port;
      if (auto it = table.find(dst); it != table.end()) out = it->second;
    }
    std::fprintf(stderr, "dpid %016llx: packet in port %u %s -> %s (%zu bytes): %s\n",
                 static_cast<unsigned long long>(d.datapath_id), *in_port, src.c_str(), dst.c_str(), data->size(),
                 out ? ("output " + std::to_string(*out)).c_str() : "flood");
    const json actions = json::array({output_action(d.version, out ? *out : ofpp_flood)});
    if (out) send_json(d, flow_add(d.version, 1, *in_port, dst, actions, idle), "flow_mod");
    send_json(d, packet_out(d.version, *in_port, actions, *data), "packet_out");
  }
};

}  // namespace

int main(int argc, char** argv) {
  openflow::controller_options opts;
  opts.address = "::";
  std::uint16_t idle = 60;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--address") {
      opts.address = next();
    } else if (a == "--port") {
      opts.port = static_cast<std::uint16_t>(std::stoul(next()));
    } else if (a == "--versions") {
      opts.versions.clear();
      const std::string v = next();
      for (std::size_t p = 0; p < v.size();) {
        const auto c = v.find(',', p);
        opts.versions.push_back(static_cast<std::uint8_t>(std::stoul(v.substr(p, c - p))));
        p = c == std::string::npos ? v.size() : c + 1;
      }
    } else if (a == "--idle-timeout") {
      idle = static_cast<std::uint16_t>(std::stoul(next()));
    } else if (a == "--verbose") {
      verbose = true;
    } else {
      std::fprintf(stderr,
                   "usage: of_controller [--address ADDR] [--port 6653] [--versions 1,3,4,5,6] "
                   "[--idle-timeout 60] [--verbose]\n");
      return 2;
    }
  }
  boost::asio::io_context io;
  openflow::controller ctl(io, opts);
  learning_switch sw{ctl, idle, {}, {}};
  ctl.on_log([verbose](openflow::log_level l, const std::string& line) {
    if (verbose || l >= openflow::log_level::info) std::fprintf(stderr, "[%s] %s\n", openflow::to_string(l), line.c_str());
  });
  ctl.on_datapath_up([&](const openflow::datapath_info& d) { sw.up(d); });
  ctl.on_datapath_down([](const openflow::datapath_info& d, const std::string& why) {
    std::fprintf(stderr, "datapath %016llx down: %s\n", static_cast<unsigned long long>(d.datapath_id), why.c_str());
  });
  ctl.on_message(10, [&](const openflow::datapath_info& d, const openflow::message& m) { sw.packet_in(d, m); });
  if (auto st = ctl.listen(); !st) {
    std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
    return 1;
  }
  std::fprintf(stderr, "listening on port %u\n", ctl.local_port());
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    ctl.stop();
    io.stop();
  });
  io.run();
  return 0;
}
