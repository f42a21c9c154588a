// Internal: the default layer operations for a described header (decode/encode its fields, JSON
// from its description). Header .cpp files call these for the parts that are regular.
#pragma once
#include "layer_ops.hpp"
#include "wirekit/core/json_glue.hpp"

namespace wirekit::packet_detail {

template <class T>
status default_decode(T& h, reader& r) {
  return wire::decode_fields(h, r);
}
template <class T>
status default_encode(const T& h, writer& w) {
  return wire::encode_fields(h, w);
}
template <class T>
void default_to_json(nlohmann::json& j, const T& h) {
  json_glue::to_json_value(j, h);
}
template <class T>
status default_from_json(const nlohmann::json& inner, T& h, const json_glue::path& p) {
  h = T{};
  return json_glue::fields_from_json(inner, h, p);
}

}  // namespace wirekit::packet_detail

// Defines the JSON operations of T from its description.
#define WIREKIT_DEFAULT_LAYER_JSON(T)                                                                \
  void layer_to_json(nlohmann::json& j, const T& h) { default_to_json(j, h); }                       \
  status layer_from_json(const nlohmann::json& inner, T& h, const json_glue::path& p) {              \
    return default_from_json(inner, h, p);                                                           \
  }
