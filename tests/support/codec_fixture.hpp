// The both-ways check of one os-ken-generated case (../shared/fixtures/generated/<family>/NAME)
// for a message codec, shared by the BGP, BMP and DHCPv6 fixture tests:
//   decode(NAME.bin) equals NAME.json as data (unless the meta file says "decode": false) and,
//   with `reencode`, the decoded message encodes to NAME.bin again; encode(from_json(NAME.json))
//   and encode(from_json(NAME.zero.json), lengths removed) equal NAME.bin (unless "encode": false).
// The codec is given as four callables: decode(bytes) -> result<M>, to_json(M) -> json,
// from_json(json) -> result<M>, encode(M) -> result<bytes>.
#pragma once
#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace wirekit::test {

template <class Decode, class ToJson, class FromJson, class Encode>
void check_codec_case(const std::filesystem::path& dir, const std::string& name, bool reencode, Decode decode,
                      ToJson to_json, FromJson from_json, Encode encode) {
  const bytes wire = read_file(dir / (name + ".bin"));
  const nlohmann::json expect = read_json(dir / (name + ".json"));
  const nlohmann::json meta = read_meta(dir, name);
  if (meta.value("decode", true)) {
    auto m = decode(wire);
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    EXPECT_EQ(json_diff(expect, to_json(*m)), "") << "decode of " << name;
    if (reencode) {  // wirekit keeps what os-ken's JSON drops
      auto again = encode(*m);
      ASSERT_TRUE(again.ok()) << again.err().to_string();
      EXPECT_EQ(to_hex(*again), to_hex(wire)) << "re-encode of the decoded " << name;
    }
  }
  if (!meta.value("encode", true)) return;
  for (const char* suffix : {".json", ".zero.json"}) {
    const std::filesystem::path p = dir / (name + suffix);
    if (!std::filesystem::exists(p)) continue;
    auto m = from_json(read_json(p));
    ASSERT_TRUE(m.ok()) << m.err().to_string();
    auto out = encode(*m);
    ASSERT_TRUE(out.ok()) << out.err().to_string();
    EXPECT_EQ(to_hex(*out), to_hex(wire)) << "encode of " << name << suffix;
  }
}

}  // namespace wirekit::test
