// The per-version message registry (private to src/openflow).
#pragma once
#include <optional>
#include <set>
#include <string>
#include <typeinfo>
#include <variant>
#include <vector>

#include "json_detail.hpp"
#include "wirekit/openflow/openflow.hpp"

namespace wirekit::openflow::detail {

using json = nlohmann::json;

struct msg_ops {
  std::uint8_t version;
  std::uint8_t type;
  int mp_type;  // -1: not a multipart message
  const char* name;
  const std::type_info* tinfo;
  std::shared_ptr<void> (*make)();
  status (*decode)(reader&, void*);
  status (*encode)(writer&, const void*);
  void (*to_json)(json&, const void*);
  status (*from_json)(const json&, void*, const json_glue::path&);
  void (*classes)(std::set<std::string>&);  // every class name inside this message
  // For a class sharing (type, multipart type) with a generic one (an experimenter multipart of
  // a known experimenter): whether the body (the bytes after the header) is one of its own.
  bool (*accepts)(bytes_view body) = nullptr;
};

// The class names of a type and of everything it holds.
template <class T>
void collect_classes(std::set<std::string>& s);
template <class T>
struct class_collector {
  static void run(std::set<std::string>& s) {
    if constexpr (requires { T::name; }) s.insert(T::name);
    if constexpr (requires { T::names; })
      for (const char* n : T::names) s.insert(n);
    if constexpr (requires { T::wire; }) {
      T obj{};
      wire::for_each_member(obj, [&](const char*, auto& m) { collect_classes<std::remove_cvref_t<decltype(m)>>(s); });
    }
  }
};
template <class X>
struct class_collector<std::vector<X>> {
  static void run(std::set<std::string>& s) { collect_classes<X>(s); }
};
template <class X>
struct class_collector<std::optional<X>> {
  static void run(std::set<std::string>& s) { collect_classes<X>(s); }
};
template <class... A>
struct class_collector<std::variant<A...>> {
  static void run(std::set<std::string>& s) { (collect_classes<A>(s), ...); }
};
template <>
struct class_collector<bytes> {
  static void run(std::set<std::string>&) {}
};
template <class T>
void collect_classes(std::set<std::string>& s) {
  class_collector<T>::run(s);
}

template <class T>
constexpr auto accepts_of() -> bool (*)(bytes_view) {
  if constexpr (requires(bytes_view b) { T::accepts(b); })
    return &T::accepts;
  else
    return nullptr;
}

template <class T>
msg_ops ops_of(std::uint8_t version) {
  int mp = -1;
  if constexpr (requires { T::mp_type; }) mp = T::mp_type;
  return msg_ops{
      version,
      T::msg_type,
      mp,
      T::name,
      &typeid(T),
      []() -> std::shared_ptr<void> { return std::make_shared<T>(); },
      [](reader& r, void* p) -> status { return wire::decode_fields(*static_cast<T*>(p), r, proto_name); },
      [](writer& w, const void* p) -> status { return wire::encode_fields(*static_cast<const T*>(p), w, proto_name); },
      [](json& j, const void* p) { json_glue::json_traits<T>::to(j, *static_cast<const T*>(p)); },
      [](const json& j, void* p, const json_glue::path& path) -> status {
        return json_glue::json_traits<T>::from(j, *static_cast<T*>(p), path);
      },
      [](std::set<std::string>& s) { collect_classes<T>(s); },
      accepts_of<T>(),
  };
}

template <class... T>
void add_all(std::vector<msg_ops>& v, std::uint8_t version) {
  (v.push_back(ops_of<T>(version)), ...);
}

// The OpenFlow 1.3 messages that 1.2, 1.4 and 1.5 reuse (versions.cpp registers them again).
// ops_of<T> of each is instantiated once, in of13.cpp, and declared extern in versions.cpp:
// each instantiation (decoder, encoder, JSON both ways) costs compile time.
#define WIREKIT_OF13_REUSED_MESSAGES(X) X(aggregate_stats_reply) X(aggregate_stats_request) X(barrier_reply) \
  X(barrier_request) X(desc_stats_reply) X(desc_stats_request) X(echo_reply) X(echo_request) X(error_msg) \
  X(experimenter_msg) X(experimenter_stats_reply) X(experimenter_stats_request) X(features_request) \
  X(flow_mod) X(flow_removed) X(flow_stats_request) X(get_async_request) X(get_config_reply) \
  X(get_config_request) X(group_desc_stats_reply) X(group_desc_stats_request) X(group_features_stats_reply) \
  X(group_features_stats_request) X(group_mod) X(group_stats_reply) X(group_stats_request) X(hello) \
  X(meter_config_stats_reply) X(meter_config_stats_request) X(meter_features_stats_reply) \
  X(meter_features_stats_request) X(meter_mod) X(meter_stats_reply) X(meter_stats_request) X(packet_in) \
  X(packet_out) X(port_desc_stats_request) X(port_mod) X(port_stats_request) X(port_status) \
  X(queue_get_config_reply) X(queue_get_config_request) X(queue_stats_request) X(role_reply) X(role_request) \
  X(set_config) X(switch_features) X(table_features_stats_reply) X(table_features_stats_request) \
  X(table_mod) X(table_stats_reply) X(table_stats_request)

// Filled by each version's source file (of13.cpp registers 1.3, ...).
void register_of13(std::vector<msg_ops>& v, std::uint8_t version);
void register_of10(std::vector<msg_ops>& v, std::uint8_t version);
// OpenFlow 1.0 Nicira vendor messages and NX statistics (of10_nx.cpp), called by register_of10.
void register_of10_nx(std::vector<msg_ops>& v, std::uint8_t version);
void register_of12(std::vector<msg_ops>& v, std::uint8_t version);
void register_of14(std::vector<msg_ops>& v, std::uint8_t version);
void register_of15(std::vector<msg_ops>& v, std::uint8_t version);
// The messages of of15.cpp: 1.4/1.5 (statistics with properties or OXS, monitors, bundles, ...)
// 1.3's ONF flow monitor request and 1.2's switch features.
void register_of12_more(std::vector<msg_ops>& v, std::uint8_t version);
void register_of13_more(std::vector<msg_ops>& v, std::uint8_t version);
void register_of14_more(std::vector<msg_ops>& v, std::uint8_t version);
void register_of15_more(std::vector<msg_ops>& v, std::uint8_t version);
// The wire version of the message being decoded (an embedded message must have the same one).
std::uint8_t& decode_version();

}  // namespace wirekit::openflow::detail
