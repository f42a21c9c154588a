#include "wirekit/packet/udp.hpp"

#include <fmt/format.h>

#include "layer_decode.hpp"
#include "layer_defaults.hpp"
#include "wirekit/core/checksum.hpp"

namespace wirekit::packet_detail {

status udp_total_length_error(const udp& h, std::size_t at, std::size_t remaining) {
  if (h.total_length < 8)
    return make_error("udp", "total_length", at + 4, fmt::format("{} is smaller than the 8-byte header", h.total_length));
  return make_error("udp", "total_length", at + 4,
                    fmt::format("{} exceeds the {} bytes present", h.total_length, 8 + remaining));
}

status encode_layer(const udp& h, writer& w) { return default_encode(h, w); }

status finish_layer(const udp& h, bytes& out, std::size_t start, std::size_t, const header* prev) {
  writer w(out);
  std::size_t len = out.size() - start;
  if (h.total_length == 0) {
    if (len > 0xffff) return make_error("udp", "total_length", start + 4, "datagram longer than 65535 bytes");
    w.patch_u16(start + 4, len);
  } else if (h.total_length < len) {
    len = h.total_length < 8 ? 8 : h.total_length;  // a trailer after the datagram is not summed
  }
  if (h.csum == 0) {
    std::uint64_t sum = 0;
    if (pseudo_header_sum(prev, ip_proto::udp, h.total_length ? h.total_length : len, sum)) {
      sum = csum_add(bytes_view(out).subspan(start, len), sum);
      std::uint16_t c = csum_fold(sum);
      w.patch_u16(start + 6, c == 0 ? 0xffff : c);  // RFC 768: a computed 0 is sent as all ones
    }
  }
  return {};
}

WIREKIT_DEFAULT_LAYER_JSON(udp)

}  // namespace wirekit::packet_detail
