// Prints the elems of one MRT file (plain, gzip or bzip2) that come from one peer ASN, in
// bgpreader's line format, with the BGPStream-like API (docs/bgpstream.md).
//   bgpstream_example FILE PEER_ASN
#include <cstdio>
#include <string>

#include "wirekit/mrt/stream.hpp"

namespace bs = wirekit::mrt::bgpstream;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FILE PEER_ASN\n", argv[0]);
    return 2;
  }
  bs::stream stream;
  (void)stream.set_data_interface("singlefile");
  (void)stream.set_data_interface_option("singlefile", "upd-file", argv[1]);
  if (auto st = stream.add_filter("peer-asn", argv[2]); !st) {
    std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
    return 2;
  }
  if (auto st = stream.start(); !st) {
    std::fprintf(stderr, "%s\n", st.err().to_string().c_str());
    return 1;
  }
  std::string line;
  while (const bs::record* rec = stream.get_next_record()) {
    if (rec->status != bs::record_status::valid) {
      std::fprintf(stderr, "%s: %s %s\n", rec->source.c_str(), bs::to_string(rec->status), rec->error.c_str());
      continue;
    }
    for (const bs::elem& e : rec->elems) {
      line.clear();
      bs::append_bgpreader_line(*rec, e, line);
      std::printf("%s\n", line.c_str());
    }
  }
  return 0;
}
