// ANCP codec against an independent decoder: tshark's ANCP dissector. Messages built with
// wirekit (adjacency SYN/SYNACK/ACK/RSTACK, Port Up and Port Down with every DSL attribute,
// Port Management, Generic Response with Status-Info, Provisioning, Adjacency Update) go into a
// pcap (Ethernet/IPv4/TCP towards port 6068, tshark's default ANCP port), then `tshark -T
// fields` must read every field its dissector knows as wirekit's decode of the same bytes
// does. (tshark 4.0 decodes the headers of types 10, 32, 80, 81, 85, 91, 93, the TLVs of DSL and
// PON extension blocks and of Generic Response / Provisioning, DSL-Line-Attributes sub-TLVs.)
// Skipped when tshark is not installed.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/fixtures.hpp"
#include "support/tshark.hpp"
#include "wirekit/ancp/subscriber.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
namespace fs = std::filesystem;

namespace {

using fields = test::tshark_fields;

const std::vector<std::string> names = {
    "ancp.len",         "ancp.ver",           "ancp.mtype",           "ancp.timer",
    "ancp.adjcode",     "ancp.sender_name",   "ancp.receiver_name",   "ancp.sender_port",
    "ancp.receiver_port", "ancp.partition_info", "ancp.sender_instance", "ancp.partition_id",
    "ancp.receiver_instance", "ancp.num_tlvs", "ancp.tot_len",        "ancp.capability",
    "ancp.result",      "ancp.code",          "ancp.transaction_id",  "ancp.i_flag",
    "ancp.submessage_number", "ancp.len2",    "ancp.function",        "ancp.x_function",
    "ancp.tech_type",   "ancp.ext_tlvs.count", "ancp.blk_len",        "ancp.ext_tlv.type",
    "ancp.ext_tlv.len", "ancp.ext_tlv.value", "ancp.sub_tlv_type",    "ancp.sub_tlv_len",
    "ancp.dsl_line_param"};

std::vector<std::string> one(std::uint64_t v) { return {std::to_string(v)}; }

// The occurrences of a field (none when tshark printed none).
std::vector<std::string> vals(const fields& f, const std::string& name) {
  auto it = f.find(name);
  std::vector<std::string> out;
  if (it != f.end())
    for (const auto& v : it->second)
      if (!v.empty()) out.push_back(v);
  return out;
}

ancp::subscriber full_subscriber() {
  ancp::subscriber s;
  s.aci = "dslam1 atm 1/1/01:0.35";
  s.ari = "customer-4711";
  s.aaci_ascii = "eth 7/2 vlan 100";
  s.aaci_bin = std::vector<std::uint32_t>{100, 7};
  s.up = 1024;
  s.down = 16384;
  s.min_up = 64;
  s.min_down = 128;
  s.att_up = 2048;
  s.att_down = 32768;
  s.max_up = 4096;
  s.max_down = 65536;
  s.dsl_type = 5;
  s.state = 1;
  s.data_link = 1;
  s.encap1 = 2;
  s.encap2 = 0;
  return s;
}

ancp::message adjacency(std::uint8_t code, bool m_flag) {
  ancp::message m;
  m.message_type = ancp::msg::adjacency;
  auto& a = m.adjacency;
  a.timer = 250;
  a.code = code;
  a.m_flag = m_flag;
  a.sender_name = *mac_addr::parse(m_flag ? "02:00:00:00:00:02" : "02:00:00:00:00:01");
  a.receiver_name = *mac_addr::parse(m_flag ? "02:00:00:00:00:01" : "00:00:00:00:00:00");
  a.sender_port = m_flag ? 7 : 1;
  a.receiver_port = m_flag ? 1 : 0;
  a.partition_type = 0;
  a.partition_flag = 1;
  a.sender_instance = m_flag ? 0x123456 : 1;
  a.receiver_instance = m_flag ? 1 : 0;
  a.capabilities.push_back(ancp::make_tlv(ancp::capability::dsl_topology_discovery, {}));
  if (m_flag) a.capabilities.push_back(ancp::make_tlv(ancp::capability::dsl_line_configuration, {}));
  return m;
}

std::vector<ancp::message> corpus() {
  std::vector<ancp::message> v;
  v.push_back(adjacency(ancp::adj_code::syn, false));
  v.push_back(adjacency(ancp::adj_code::synack, true));
  v.push_back(adjacency(ancp::adj_code::ack, false));
  v.push_back(ancp::port_event(ancp::msg::port_up, full_subscriber(), ancp::tech_type::dsl, 0));
  ancp::subscriber few = ancp::subscriber::empty();
  few.aci = "dslam1 atm 1/1/01:0.36";
  few.state = 3;
  v.push_back(ancp::port_event(ancp::msg::port_down, few, ancp::tech_type::dsl, 0));
  // Port Management (line configuration, RFC 6320 §7.3): function 8, Service-Profile-Name.
  ancp::message pm;
  pm.message_type = ancp::msg::port_management;
  pm.header.result = ancp::result_field::nack;
  pm.header.transaction_id = 42;
  pm.port.function = 8;
  pm.port.tech_type = 0;
  pm.tlvs.push_back(ancp::make_text_tlv(ancp::tlv_type::access_loop_circuit_id, "dslam1 atm 1/1/01:0.35"));
  pm.tlvs.push_back(ancp::make_text_tlv(ancp::tlv_type::service_profile_name, "gold"));
  v.push_back(pm);
  // Generic Response with the line TLV and a Status-Info (RFC 6320 §4.2, §4.5).
  ancp::message gr;
  gr.message_type = ancp::msg::generic_response;
  gr.header.result = ancp::result_field::failure;
  gr.header.result_code = 0x500;
  gr.header.transaction_id = 42;
  gr.tlvs.push_back(ancp::make_text_tlv(ancp::tlv_type::access_loop_circuit_id, "dslam1 atm 1/1/01:0.35"));
  auto si = ancp::tlv_from_json(nlohmann::json::parse(
      R"({"type": 262, "value": {"message_type": 32, "error_message": "en:no such port", "tlvs": []}})"));
  EXPECT_TRUE(si) << si.err().to_string();
  gr.tlvs.push_back(*si);
  v.push_back(gr);
  // Provisioning (RFC 6320 §4.1) with a Service-Profile-Name.
  ancp::message prov;
  prov.message_type = ancp::msg::provisioning;
  prov.header.transaction_id = 7;
  prov.tlvs.push_back(ancp::make_text_tlv(ancp::tlv_type::service_profile_name, "bronze"));
  v.push_back(prov);
  // Adjacency Update (RFC 6320 §3.5.1): the header alone, the code counting adjacencies.
  ancp::message au;
  au.message_type = ancp::msg::adjacency_update;
  au.header.result_code = 2;
  au.header.partition_id = 0;
  au.header.transaction_id = 0;
  v.push_back(au);
  v.push_back(adjacency(ancp::adj_code::rstack, false));
  return v;
}

std::string hex_code(unsigned v, int width) { return fmt::format("0x{:0{}x}", v, width); }

// What tshark shows for the TLVs of a TLV list it dissects (ext_tlv.* for the top level,
// sub_tlv_* and dsl_line_param for DSL-Line-Attributes sub-TLVs).
void expect_tlvs(const std::vector<ancp::tlv>& tlvs, const fields& f) {
  std::vector<std::string> types, lens, values, sub_types, sub_lens, params;
  for (const auto& t : tlvs) {
    types.push_back(std::to_string(t.type));
    lens.push_back(std::to_string(t.value.size()));
    if (t.type == ancp::tlv_type::dsl_line_attributes) {
      auto inner = ancp::tlv_inner(t);
      ASSERT_TRUE(inner);
      for (const auto& s : *inner) {
        sub_types.push_back(hex_code(s.type, 4));
        sub_lens.push_back(std::to_string(s.value.size()));
        std::uint32_t v = 0;
        for (std::byte b : s.value) v = (v << 8) | std::to_integer<std::uint32_t>(b);
        params.push_back(std::to_string(v));
      }
    } else if (t.type != ancp::tlv_type::access_aggregation_circuit_id_binary &&
               t.type != ancp::tlv_type::status_info) {
      values.push_back(*ancp::tlv_text(t));
    }
  }
  EXPECT_EQ(f.at("ancp.ext_tlv.type"), types);
  EXPECT_EQ(f.at("ancp.ext_tlv.len"), lens);
  // tshark shows every non-DSL TLV value as a string: the text ones must match (the binary
  // ones, which start with a zero byte, show as empty strings and are left out).
  EXPECT_EQ(vals(f, "ancp.ext_tlv.value"), values);
  EXPECT_EQ(vals(f, "ancp.sub_tlv_type"), sub_types);
  EXPECT_EQ(vals(f, "ancp.sub_tlv_len"), sub_lens);
  EXPECT_EQ(vals(f, "ancp.dsl_line_param"), params);
}

TEST(InteropAncpTshark, EveryMessageAgreesFieldByField) {
  if (!test::have_program("tshark")) GTEST_SKIP() << "tshark is not installed";
  const fs::path dir = fs::temp_directory_path() / ("wirekit_ancp_tshark_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path pcap_path = dir / "ancp.pcap";
  const auto msgs = corpus();
  std::vector<bytes> wire;
  {
    auto w = pcap::writer::create(pcap_path.string());
    ASSERT_TRUE(w.ok());
    std::uint32_t seq = 1;
    for (const auto& m : msgs) {
      auto b = ancp::encode(m);
      ASSERT_TRUE(b) << b.err().to_string();
      wire.push_back(*b);
      ASSERT_TRUE(w->write(test::tcp_frame(*b, 40000, ancp::tcp_port, seq, 1)).ok());
      seq += std::uint32_t(b->size());
    }
    ASSERT_TRUE(w->close().ok());
  }
  const auto got = test::run_tshark_fields(pcap_path, "-Y ancp", names);
  ASSERT_EQ(got.size(), msgs.size());
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    SCOPED_TRACE("message " + std::to_string(i));
    auto d = ancp::decode(wire[i]);
    ASSERT_TRUE(d) << d.err().to_string();
    const ancp::message& m = *d;
    const fields& f = got[i];
    EXPECT_EQ(f.at("ancp.len"), one(wire[i].size() - 4));
    EXPECT_EQ(f.at("ancp.ver"), std::vector<std::string>{hex_code(m.version, 2)});
    EXPECT_EQ(f.at("ancp.mtype").at(0), std::to_string(m.message_type));
    if (m.message_type == ancp::msg::adjacency) {
      const auto& a = m.adjacency;
      EXPECT_EQ(f.at("ancp.timer"), one(a.timer));
      EXPECT_EQ(f.at("ancp.adjcode"), one(a.code));
      EXPECT_EQ(f.at("ancp.sender_name"), std::vector<std::string>{a.sender_name.to_string()});
      EXPECT_EQ(f.at("ancp.receiver_name"), std::vector<std::string>{a.receiver_name.to_string()});
      EXPECT_EQ(f.at("ancp.sender_port"), one(a.sender_port));
      EXPECT_EQ(f.at("ancp.receiver_port"), one(a.receiver_port));
      EXPECT_EQ(f.at("ancp.partition_info"),
                std::vector<std::string>{hex_code((a.partition_type << 4) | a.partition_flag, 2)});
      EXPECT_EQ(f.at("ancp.sender_instance"), one(a.sender_instance));
      EXPECT_EQ(f.at("ancp.partition_id"), one(a.partition_id));
      EXPECT_EQ(f.at("ancp.receiver_instance"), one(a.receiver_instance));
      EXPECT_EQ(f.at("ancp.num_tlvs"), one(a.capabilities.size()));
      EXPECT_EQ(f.at("ancp.tot_len"), one(ancp::tlvs_size(a.capabilities)));
      std::vector<std::string> caps;
      for (const auto& c : a.capabilities) caps.push_back(std::to_string(c.type));
      EXPECT_EQ(f.at("ancp.capability"), caps);
      continue;
    }
    const auto& h = m.header;
    EXPECT_EQ(f.at("ancp.result"), one(h.result));
    EXPECT_EQ(f.at("ancp.code"), std::vector<std::string>{hex_code(h.result_code, 4)});
    EXPECT_EQ(f.at("ancp.transaction_id"), one(h.transaction_id));
    EXPECT_EQ(f.at("ancp.i_flag"), one(h.i_flag ? 1 : 0));
    EXPECT_EQ(f.at("ancp.submessage_number"), one(h.submessage_number));
    EXPECT_EQ(f.at("ancp.len2"), one(wire[i].size() - 4));
    if (m.kind() == ancp::body_kind::port) {
      EXPECT_EQ(f.at("ancp.mtype").at(1), std::to_string(m.message_type));  // the extension block's copy
      EXPECT_EQ(f.at("ancp.ext_tlvs.count"), one(m.tlvs.size()));
      EXPECT_EQ(f.at("ancp.blk_len"), one(ancp::tlvs_size(m.tlvs)));
      if (m.message_type == ancp::msg::port_management) {
        EXPECT_EQ(f.at("ancp.function"), one(m.port.function));
        EXPECT_EQ(f.at("ancp.x_function"), one(m.port.x_function));
        EXPECT_TRUE(vals(f, "ancp.ext_tlv.type").empty());  // tshark does not dissect Port Management TLVs
      } else {
        EXPECT_EQ(f.at("ancp.tech_type"), one(m.port.tech_type));
        expect_tlvs(m.tlvs, f);
      }
    } else if (!m.tlvs.empty()) {
      expect_tlvs(m.tlvs, f);
    } else {
      EXPECT_TRUE(vals(f, "ancp.ext_tlv.type").empty());
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
