#include "wirekit/packet/ipv4.hpp"

#include <fmt/format.h>

#include "layer_decode.hpp"
#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"

namespace wirekit {

status ipv4_options_codec::decode_options(reader& r, ipv4& h, const char* proto) {
  if (h.header_length < 5)
    return make_error(proto, "header_length", r.offset() - 20,
                      fmt::format("{} is below the minimum of 5 (20 bytes)", h.header_length));
  std::size_t n = std::size_t(h.header_length) * 4 - 20;
  if (n == 0) {
    h.option.reset();
    return {};
  }
  if (!r.has(n)) return truncated_error(proto, "option", r.offset(), n, r.remaining());
  auto s = r.take(n);
  if (!h.option) h.option.emplace();
  h.option->assign(s.begin(), s.end());
  return {};
}

status ipv4_options_codec::encode(writer& w, const ipv4& h, std::size_t start) {
  std::size_t hl = std::size_t(h.header_length) * 4;
  std::size_t have = w.size() - start;  // 20
  std::size_t opt = h.option ? h.option->size() : 0;
  if (hl < have + opt)
    return make_error("ipv4", "option", start + have,
                      fmt::format("{} option bytes do not fit in header_length {}", opt, h.header_length));
  if (opt) w.put(*h.option);
  w.zeros(hl - have - opt);
  return {};
}

namespace packet_detail {

status ipv4_total_length_error(const ipv4& h, std::size_t at, std::size_t hl,
                                                       std::size_t remaining) {
  if (h.total_length < hl)
    return make_error("ipv4", "total_length", at + 2,
                      fmt::format("{} is smaller than the header length {}", h.total_length, hl));
  return make_error("ipv4", "total_length", at + 2,
                    fmt::format("{} exceeds the {} bytes present", h.total_length, hl + remaining));
}

status encode_layer(const ipv4& h, writer& w) { return default_encode(h, w); }

status finish_layer(const ipv4& h, bytes& out, std::size_t start, std::size_t end, const header*) {
  writer w(out);
  if (h.total_length == 0) {
    std::size_t total = out.size() - start;
    if (total > 0xffff) return make_error("ipv4", "total_length", start + 2, "packet longer than 65535 bytes");
    w.patch_u16(start + 2, total);
  }
  // os-ken always recomputes the header checksum.
  w.patch_u16(start + 10, 0);
  w.patch_u16(start + 10, internet_checksum(bytes_view(out).subspan(start, end - start)));
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(ipv4)

}  // namespace packet_detail
}  // namespace wirekit
