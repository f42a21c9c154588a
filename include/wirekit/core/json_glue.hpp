// JSON glue: os-ken's to_jsondict() form derived from the field descriptions.
//
// Include only from compiled parts (src/), never from public headers: nlohmann's templates are
// heavy. The JSON form of a field follows from its member type:
//   integers -> numbers; bool -> true/false; double -> number; mac/ipv4/ipv6/ip addresses ->
//   text; bytes -> base64; std::optional<X> -> null or X; std::vector<X> -> array; a described
//   struct (with `name` and `wire`) -> {"name": {fields...}}; std::variant of described structs
//   -> the wrapped object of the alternative held.
// A type whose JSON is irregular specialises json_traits<T>.
#pragma once
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "wirekit/core/addr.hpp"
#include "wirekit/core/bytes.hpp"
#include "wirekit/core/error.hpp"
#include "wirekit/core/fields.hpp"

namespace wirekit::json_glue {

using json = nlohmann::json;

// Path of the value being read, for errors: "$[2].ipv4.src".
struct path {
  const path* parent = nullptr;
  const char* key = nullptr;
  long index = -1;
  std::string str() const;
  path operator[](const char* k) const { return path{this, k, -1}; }
  path operator[](long i) const { return path{this, nullptr, i}; }
};

status type_error(const path& p, const char* want, const json& got);

template <class T, class = void>
struct json_traits;

template <class T>
concept described = requires {
  T::name;
  T::wire;
};

template <class T>
void to_json_value(json& j, const T& v) {
  json_traits<T>::to(j, v);
}
template <class T>
status from_json_value(const json& j, T& v, const path& p) {
  return json_traits<T>::from(j, v, p);
}

// Integers (and enums stored as integers).
template <class T>
struct json_traits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static void to(json& j, const T& v) { j = v; }
  static status from(const json& j, T& v, const path& p) {
    if (j.is_number_unsigned()) {
      auto x = j.get<std::uint64_t>();
      if (x > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
        return type_error(p, "an integer in range", j);
      v = static_cast<T>(x);
      return {};
    }
    if (j.is_number_integer()) {
      auto x = j.get<std::int64_t>();
      if constexpr (std::is_unsigned_v<T>) {
        if (x < 0) return type_error(p, "a non-negative integer", j);
        if (static_cast<std::uint64_t>(x) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
          return type_error(p, "an integer in range", j);
      } else {
        if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
          return type_error(p, "an integer in range", j);
      }
      v = static_cast<T>(x);
      return {};
    }
    if (j.is_boolean()) {  // Python bools are ints
      v = j.get<bool>() ? 1 : 0;
      return {};
    }
    return type_error(p, "an integer", j);
  }
};

template <>
struct json_traits<bool> {
  static void to(json& j, const bool& v) { j = v; }
  static status from(const json& j, bool& v, const path& p) {
    if (j.is_boolean()) {
      v = j.get<bool>();
      return {};
    }
    if (j.is_number_integer()) {
      v = j.get<std::int64_t>() != 0;
      return {};
    }
    return type_error(p, "true or false", j);
  }
};

template <>
struct json_traits<double> {
  static void to(json& j, const double& v) { j = v; }
  static status from(const json& j, double& v, const path& p) {
    if (!j.is_number()) return type_error(p, "a number", j);
    v = j.get<double>();
    return {};
  }
};

template <>
struct json_traits<std::string> {
  static void to(json& j, const std::string& v) { j = v; }
  static status from(const json& j, std::string& v, const path& p) {
    if (!j.is_string()) return type_error(p, "a string", j);
    v = j.get<std::string>();
    return {};
  }
};

template <class A>
struct addr_traits {
  static void to(json& j, const A& v) { j = v.to_string(); }
  static status from(const json& j, A& v, const path& p) {
    if (!j.is_string()) return type_error(p, "an address string", j);
    auto a = A::parse(j.get_ref<const std::string&>());
    if (!a) return type_error(p, "a valid address", j);
    v = *a;
    return {};
  }
};
template <>
struct json_traits<mac_addr> : addr_traits<mac_addr> {};
template <>
struct json_traits<ipv4_addr> : addr_traits<ipv4_addr> {};
template <>
struct json_traits<ipv6_addr> : addr_traits<ipv6_addr> {};
template <>
struct json_traits<ip_addr> : addr_traits<ip_addr> {};

template <>
struct json_traits<bytes> {
  static void to(json& j, const bytes& v) { j = base64_encode(v); }
  static status from(const json& j, bytes& v, const path& p) {
    if (!j.is_string()) return type_error(p, "a base64 string", j);
    v.clear();
    if (!base64_decode(j.get_ref<const std::string&>(), v)) return type_error(p, "valid base64", j);
    return {};
  }
};

template <class X>
struct json_traits<std::optional<X>> {
  static void to(json& j, const std::optional<X>& v) {
    if (v)
      to_json_value(j, *v);
    else
      j = nullptr;
  }
  static status from(const json& j, std::optional<X>& v, const path& p) {
    if (j.is_null()) {
      v.reset();
      return {};
    }
    v.emplace();
    return from_json_value(j, *v, p);
  }
};

template <class X>
struct json_traits<std::vector<X>, std::enable_if_t<!std::is_same_v<X, std::byte>>> {
  static void to(json& j, const std::vector<X>& v) {
    j = json::array();
    for (const auto& x : v) {
      json e;
      to_json_value(e, x);
      j.push_back(std::move(e));
    }
  }
  static status from(const json& j, std::vector<X>& v, const path& p) {
    if (j.is_null()) {
      v.clear();
      return {};
    }
    if (!j.is_array()) return type_error(p, "an array", j);
    v.clear();
    v.resize(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) WIREKIT_TRY(from_json_value(j[i], v[i], p[long(i)]));
    return {};
  }
};

// The inner object of a described struct: {"field": value, ...}.
template <class T>
void fields_to_json(json& j, const T& obj) {
  j = json::object();
  wire::for_each_member(obj, [&](const char* name, const auto& m) { to_json_value(j[name], m); });
}

// Reads the fields present in j; absent keys keep the struct's defaults (os-ken's constructor
// defaults); keys the struct does not have are ignored, as os-ken's from_jsondict does.
template <class T>
status fields_from_json(const json& j, T& obj, const path& p) {
  if (!j.is_object()) return type_error(p, "an object", j);
  status st;
  wire::for_each_member(obj, [&](const char* name, auto& m) {
    if (!st) return;
    auto it = j.find(name);
    if (it == j.end()) return;
    st = from_json_value(*it, m, p[name]);
  });
  return st;
}

template <described T>
struct json_traits<T> {
  static void to(json& j, const T& v) {
    j = json::object();
    fields_to_json(j[T::name], v);
  }
  static status from(const json& j, T& v, const path& p) {
    if (!j.is_object() || j.size() != 1 || !j.contains(T::name)) return type_error(p, T::name, j);
    return fields_from_json(j[T::name], v, p[T::name]);
  }
};

// A variant of described structs: the wrapped object of the alternative held; on input, the
// wrapper key picks the alternative.
template <class... A>
struct json_traits<std::variant<A...>> {
  static void to(json& j, const std::variant<A...>& v) {
    std::visit([&](const auto& x) { to_json_value(j, x); }, v);
  }
  static status from(const json& j, std::variant<A...>& v, const path& p) {
    if (!j.is_object() || j.size() != 1) return type_error(p, "a one-key object naming the class", j);
    const std::string& key = j.begin().key();
    status st = json_error(p.str(), "unknown class '" + key + "'");
    bool found = false;
    auto try_one = [&](auto tag) {
      using X = typename decltype(tag)::type;
      if (found || key != X::name) return;
      found = true;
      X x{};
      st = from_json_value(j, x, p);
      if (st) v = std::move(x);
    };
    (try_one(std::type_identity<A>{}), ...);
    return st;
  }
};

}  // namespace wirekit::json_glue
