// libFuzzer target: any bytes as an Ethernet frame, checked against the invariants of
// frame_check.hpp. A violation aborts, so libFuzzer saves the input as a crash reproducer.
//
//   build-fuzz/tests/fuzz/frame_fuzz -max_total_time=600 -rss_limit_mb=2048 \
//       -dict=tests/fuzz/frames.dict corpus-dir tests/fuzz/corpus/frames
//
// Saved reproducers go to tests/fuzz/regressions/ (replayed by tests/packet/fuzz_regressions_test.cpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "fuzz/frame_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One packet and one packet_view reused across inputs, as parse_into's users do: a decoder
  // that leaves a member unset shows up as a difference from a fresh parse.
  static wirekit::packet reused;
  static wirekit::packet_view reused_view;
  static wirekit::wire_view reused_wire;
  static std::vector<std::uint8_t> previous;
  std::string failure = wirekit::fuzz::check_frame(wirekit::bytes_view(reinterpret_cast<const std::byte*>(data), size),
                                                   &reused, &reused_view, &reused_wire);
  if (!failure.empty()) {
    std::fprintf(stderr, "frame_fuzz: invariant violated: %s\n", failure.c_str());
    if (failure.find("parse_into") != std::string::npos && !previous.empty()) {
      // The stale member may come from an earlier input: keep the one before for reproduction.
      if (std::FILE* f = std::fopen("reuse-previous-input.bin", "wb")) {
        std::fwrite(previous.data(), 1, previous.size(), f);
        std::fclose(f);
        std::fprintf(stderr, "frame_fuzz: previous input written to reuse-previous-input.bin\n");
      }
    }
    std::abort();
  }
  previous.assign(data, data + size);
  return 0;
}
