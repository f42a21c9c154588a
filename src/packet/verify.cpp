// Checksum verification: recompute each checksum by serializing a copy of the packet with that
// checksum set to 0 (the serializer computes zero checksums), then compare with the stored value.
#include <type_traits>

#include "wirekit/packet/packet.hpp"

namespace wirekit {

namespace {

template <class T>
constexpr bool has_csum = requires(T t) { t.csum; };

// The computed checksum of header i, or false if it cannot be computed.
bool compute(const packet& p, std::size_t i, std::uint32_t& out) {
  packet copy = p;
  bool set = false;
  std::visit(
      [&](auto& h) {
        using T = std::remove_cvref_t<decltype(h)>;
        if constexpr (!std::is_same_v<T, payload> && !std::is_same_v<T, app_ptr>) {
          if constexpr (has_csum<T>) {
            h.csum = 0;
            set = true;
          }
        }
      },
      copy.protocols[i]);
  if (!set) return false;
  bytes wire;
  if (!copy.serialize_into(wire)) return false;
  packet again;
  if (!packet::parse_into(again, wire) || again.protocols.size() <= i) return false;
  bool got = false;
  std::visit(
      [&](const auto& h) {
        using T = std::remove_cvref_t<decltype(h)>;
        if constexpr (!std::is_same_v<T, payload> && !std::is_same_v<T, app_ptr>) {
          if constexpr (has_csum<T>) {
            out = static_cast<std::uint32_t>(h.csum);
            got = true;
          }
        }
      },
      again.protocols[i]);
  return got;
}

}  // namespace

std::vector<checksum_report> packet::verify_checksums() const {
  std::vector<checksum_report> v;
  for (std::size_t i = 0; i < protocols.size(); ++i) {
    std::uint32_t stored = 0;
    std::string name;
    bool present = false;
    std::visit(
        [&](const auto& h) {
          using T = std::remove_cvref_t<decltype(h)>;
          if constexpr (!std::is_same_v<T, payload> && !std::is_same_v<T, app_ptr>) {
            if constexpr (has_csum<T>) {
              stored = static_cast<std::uint32_t>(h.csum);
              name = T::name;
              present = true;
              if constexpr (std::is_same_v<T, udp>) present = h.csum != 0;
            }
          }
        },
        protocols[i]);
    if (!present) continue;
    std::uint32_t computed = 0;
    if (!compute(*this, i, computed)) continue;
    v.push_back({i, name, stored, computed});
  }
  return v;
}

}  // namespace wirekit
