// Errors are values: every decoder returns either a value or an error naming the protocol, the
// field, the byte offset and the reason. Nothing on the decode path throws.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace wirekit {

struct error {
  std::string protocol;    // "ipv4", "tcp", "json", ...
  std::string field;       // "total_length", or a JSON path such as "$[1].ipv4.src"
  std::size_t offset = 0;  // absolute byte offset in the input (0 for JSON errors)
  std::string reason;      // "truncated: need 20 bytes, have 7"
  bool json = false;       // a JSON input error: `field` is a JSON path and offset is meaningless

  // One line, e.g. "ipv4: field total_length at byte 16: 9 is smaller than the header (20)".
  std::string to_string() const;
};

error make_error(std::string protocol, std::string field, std::size_t offset, std::string reason);
error truncated_error(std::string protocol, std::string field, std::size_t offset, std::size_t need,
                      std::size_t have);
error json_error(std::string path, std::string reason);

// The success-or-error of an operation with no value. Costs one pointer; allocates only on error.
class [[nodiscard]] status {
 public:
  status() = default;
  status(error e) : e_(std::make_unique<error>(std::move(e))) {}  // NOLINT(implicit)
  status(status&&) noexcept = default;
  status& operator=(status&&) noexcept = default;
  status(const status& o) : e_(o.e_ ? std::make_unique<error>(*o.e_) : nullptr) {}
  status& operator=(const status& o) {
    e_ = o.e_ ? std::make_unique<error>(*o.e_) : nullptr;
    return *this;
  }
  bool ok() const { return !e_; }
  explicit operator bool() const { return !e_; }
  const error& err() const { return *e_; }
  error& err() { return *e_; }
  error take_error() { return std::move(*e_); }

 private:
  std::unique_ptr<error> e_;
};

inline status ok() { return {}; }

template <class T>
class [[nodiscard]] result {
 public:
  result(T v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT
  result(error e) : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT
  result(status s) : v_(std::in_place_index<1>, s.take_error()) {}  // NOLINT: s must hold an error
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const error& err() const { return std::get<1>(v_); }
  error take_error() { return std::move(std::get<1>(v_)); }

 private:
  std::variant<T, error> v_;
};

// Thrown only by convenience wrappers (e.g. value_or_throw) for callers that prefer exceptions.
struct decode_failure : std::exception {
  explicit decode_failure(error e) : err(std::move(e)), what_(err.to_string()) {}
  const char* what() const noexcept override { return what_.c_str(); }
  error err;
  std::string what_;
};

template <class T>
T value_or_throw(result<T> r) {
  if (!r) throw decode_failure(r.take_error());
  return std::move(r).value();
}

}  // namespace wirekit

#define WIREKIT_TRY(expr)              \
  do {                                 \
    if (auto _wk_st = (expr); !_wk_st) \
      return _wk_st;                   \
  } while (0)
