// Access-line attributes <-> Port Up / Port Down TLVs (include/wirekit/ancp/subscriber.hpp).
#include "wirekit/ancp/subscriber.hpp"

namespace wirekit::ancp {

subscriber subscriber::empty() {
  subscriber s;
  s.state.reset();
  s.up.reset();
  s.down.reset();
  s.dsl_type.reset();
  s.data_link.reset();
  s.encap1.reset();
  s.encap2.reset();
  return s;
}

std::vector<tlv> to_tlvs(const subscriber& s) {
  std::vector<tlv> out;
  if (s.aci) out.push_back(make_text_tlv(tlv_type::access_loop_circuit_id, *s.aci));
  if (s.ari) out.push_back(make_text_tlv(tlv_type::access_loop_remote_id, *s.ari));
  if (s.aaci_bin) {
    bytes v;
    writer w(v);
    for (std::uint32_t x : *s.aaci_bin) w.u32(x);
    out.push_back(make_tlv(tlv_type::access_aggregation_circuit_id_binary, v));
  }
  if (s.aaci_ascii) out.push_back(make_text_tlv(tlv_type::access_aggregation_circuit_id_ascii, *s.aaci_ascii));

  std::vector<tlv> line;
  if (s.dsl_type) line.push_back(make_u32_tlv(tlv_type::dsl_type, *s.dsl_type));
  if (s.data_link || s.encap1 || s.encap2) {
    const std::byte v[3] = {std::byte(s.data_link.value_or(0)), std::byte(s.encap1.value_or(0)),
                            std::byte(s.encap2.value_or(0))};
    line.push_back(make_tlv(tlv_type::access_loop_encapsulation, bytes_view(v, 3)));
  }
  if (s.state) line.push_back(make_u32_tlv(tlv_type::dsl_line_state, *s.state));
  const std::pair<std::uint16_t, const std::optional<std::uint32_t>*> rates[] = {
      {tlv_type::actual_net_data_rate_upstream, &s.up},
      {tlv_type::actual_net_data_rate_downstream, &s.down},
      {tlv_type::minimum_net_data_rate_upstream, &s.min_up},
      {tlv_type::minimum_net_data_rate_downstream, &s.min_down},
      {tlv_type::attainable_net_data_rate_upstream, &s.att_up},
      {tlv_type::attainable_net_data_rate_downstream, &s.att_down},
      {tlv_type::maximum_net_data_rate_upstream, &s.max_up},
      {tlv_type::maximum_net_data_rate_downstream, &s.max_down},
  };
  for (const auto& [type, v] : rates)
    if (*v) line.push_back(make_u32_tlv(type, **v));
  line.insert(line.end(), s.other_line_attributes.begin(), s.other_line_attributes.end());
  if (!line.empty()) out.push_back(make_tlvs_tlv(tlv_type::dsl_line_attributes, line));
  out.insert(out.end(), s.other.begin(), s.other.end());
  return out;
}

namespace {

// Circuit and remote IDs are ASCII strings (RFC 6320 §5.1.2): anything else stays a raw TLV in
// `other`, so the subscriber's strings are always printable text.
bool take_text(const tlv& t, std::optional<std::string>& slot) {
  if (t.pad || slot) return false;
  for (std::byte b : t.value) {
    const auto c = std::to_integer<unsigned>(b);
    if (c < 0x20 || c > 0x7e) return false;
  }
  slot = tlv_text(t);
  return true;
}

bool take_u32(const tlv& t, std::optional<std::uint32_t>& slot) {
  if (t.pad || slot) return false;
  auto v = tlv_u32(t);
  if (!v) return false;
  slot = *v;
  return true;
}

bool take_line_attribute(const tlv& t, subscriber& s) {
  switch (t.type) {
    case tlv_type::dsl_type: return take_u32(t, s.dsl_type);
    case tlv_type::dsl_line_state: return take_u32(t, s.state);
    case tlv_type::actual_net_data_rate_upstream: return take_u32(t, s.up);
    case tlv_type::actual_net_data_rate_downstream: return take_u32(t, s.down);
    case tlv_type::minimum_net_data_rate_upstream: return take_u32(t, s.min_up);
    case tlv_type::minimum_net_data_rate_downstream: return take_u32(t, s.min_down);
    case tlv_type::attainable_net_data_rate_upstream: return take_u32(t, s.att_up);
    case tlv_type::attainable_net_data_rate_downstream: return take_u32(t, s.att_down);
    case tlv_type::maximum_net_data_rate_upstream: return take_u32(t, s.max_up);
    case tlv_type::maximum_net_data_rate_downstream: return take_u32(t, s.max_down);
    case tlv_type::access_loop_encapsulation:
      // 3 bytes, padded with one zero byte (a `pad` means non-zero padding: keep it raw).
      if (t.value.size() != 3 || t.pad || s.data_link || s.encap1 || s.encap2) return false;
      s.data_link = std::to_integer<std::uint8_t>(t.value[0]);
      s.encap1 = std::to_integer<std::uint8_t>(t.value[1]);
      s.encap2 = std::to_integer<std::uint8_t>(t.value[2]);
      return true;
    default:
      return false;
  }
}

}  // namespace

subscriber subscriber_from_tlvs(std::span<const tlv> tlvs) {
  subscriber s = subscriber::empty();
  bool have_line = false;
  for (const tlv& t : tlvs) {
    bool taken = false;
    switch (t.type) {
      case tlv_type::access_loop_circuit_id: taken = take_text(t, s.aci); break;
      case tlv_type::access_loop_remote_id: taken = take_text(t, s.ari); break;
      case tlv_type::access_aggregation_circuit_id_ascii: taken = take_text(t, s.aaci_ascii); break;
      case tlv_type::access_aggregation_circuit_id_binary:
        if (!t.pad && !s.aaci_bin && !t.value.empty() && t.value.size() % 4 == 0) {
          std::vector<std::uint32_t> v;
          for (std::size_t i = 0; i < t.value.size(); i += 4) v.push_back(load_be32(t.value.data() + i));
          s.aaci_bin = std::move(v);
          taken = true;
        }
        break;
      case tlv_type::dsl_line_attributes:
        if (!t.pad && !have_line) {
          if (auto inner = tlv_inner(t)) {
            have_line = true;
            taken = true;
            for (const tlv& a : *inner)
              if (!take_line_attribute(a, s)) s.other_line_attributes.push_back(a);
          }
        }
        break;
      default:
        break;
    }
    if (!taken) s.other.push_back(t);
  }
  return s;
}

message port_event(std::uint8_t type, const subscriber& s, std::uint8_t technology, std::uint32_t transaction_id) {
  message m;
  m.message_type = type;
  m.header.result = result_field::ignore;
  m.header.result_code = 0;
  m.header.transaction_id = transaction_id & 0xffffff;
  m.header.i_flag = true;
  m.header.submessage_number = 1;
  m.port.tech_type = technology;
  m.tlvs = to_tlvs(s);
  return m;
}

}  // namespace wirekit::ancp
