// The `wirekit` command run as a subprocess: decode (pcap, raw frame, stdin, text format),
// encode (raw bytes, JSON Lines, --pcap), error reporting (exit 1 with exactly one line on
// stderr naming protocol, field and byte offset or JSON path), usage errors (exit 2), --help.
// Expected JSON comes from os-ken (tests/data/cli/*.json, made by tests/data/gen_cli_cases.py).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/fixtures.hpp"
#include "wirekit/pcap/pcap.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace wirekit;

namespace {

const std::vector<std::string> kCases = {"udp4", "arp", "vlan_udp4", "qinq_udp4", "mpls_udp4", "ipv4_options_udp"};

fs::path case_path(const std::string& name, const char* ext) {
  return test::data_dir() / "cli" / (name + ext);
}

void write_file(const fs::path& p, bytes_view b) {
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}
void write_text(const fs::path& p, const std::string& s) { write_file(p, as_bytes(s)); }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) v.push_back(l);
  return v;
}

struct run_result {
  int rc = -1;
  bytes out;
  std::string err;
  std::string out_text() const { return std::string(reinterpret_cast<const char*>(out.data()), out.size()); }
  std::vector<std::string> err_lines() const { return lines_of(err); }
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = fs::path(WIREKIT_BINARY_DIR) / "wirekit";
    ASSERT_TRUE(fs::exists(bin_)) << bin_ << " was not built";
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("wirekit-cli-test-" + std::to_string(::getpid()) + "-" + info->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path tmp(const std::string& n) const { return dir_ / n; }

  // Runs `wirekit ARGS` with stdin from `in` (or /dev/null).
  run_result run(const std::string& args, const fs::path& in = {}) {
    const fs::path out = tmp("stdout"), err = tmp("stderr");
    std::string cmd = test::shell_quote(bin_.string()) + " " + args + " <" + (in.empty() ? "/dev/null" : test::shell_quote(in.string())) +
                      " >" + test::shell_quote(out.string()) + " 2>" + test::shell_quote(err.string());
    int st = std::system(cmd.c_str());
    run_result r;
    r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = test::read_file(out);
    bytes e = test::read_file(err);
    r.err.assign(reinterpret_cast<const char*>(e.data()), e.size());
    return r;
  }

  // A pcap holding the given frames.
  fs::path make_pcap(const std::string& name, const std::vector<bytes>& frames) {
    fs::path p = tmp(name);
    auto w = pcap::writer::create(p.string());
    EXPECT_TRUE(w);
    std::int64_t t = 1700000000;
    for (const auto& f : frames) EXPECT_TRUE(w->write(f, t++, 0));
    EXPECT_TRUE(w->close());
    return p;
  }

  // Exit 1 and exactly one line on stderr, which contains every `needles` item.
  void expect_input_error(const run_result& r, std::initializer_list<std::string> needles) {
    EXPECT_EQ(r.rc, 1) << r.err;
    auto l = r.err_lines();
    ASSERT_EQ(l.size(), 1u) << "stderr: " << r.err;
    EXPECT_EQ(l[0].rfind("wirekit: ", 0), 0u) << l[0];
    for (const auto& n : needles) EXPECT_NE(l[0].find(n), std::string::npos) << "'" << n << "' not in: " << l[0];
  }

  fs::path bin_, dir_;
};

TEST_F(Cli, DecodePcapGivesOneJsonLinePerFrame) {
  std::vector<bytes> frames;
  for (const auto& c : kCases) frames.push_back(test::read_file(case_path(c, ".bin")));
  fs::path p = make_pcap("all.pcap", frames);
  for (const std::string& args : {test::shell_quote(p.string()), "--proto auto " + test::shell_quote(p.string())}) {
    auto r = run("decode " + args);
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.err, "");
    auto l = lines_of(r.out_text());
    ASSERT_EQ(l.size(), kCases.size());
    for (std::size_t i = 0; i < kCases.size(); ++i) {
      json expect = test::read_json(case_path(kCases[i], ".json"));
      json got = json::parse(l[i], nullptr, false);
      ASSERT_FALSE(got.is_discarded()) << l[i];
      EXPECT_EQ(test::json_diff(expect, got), "") << kCases[i];
    }
  }
  // From standard input, with and without '-'.
  for (const std::string& args : {std::string("decode -"), std::string("decode")}) {
    auto r = run(args, p);
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(lines_of(r.out_text()).size(), kCases.size());
  }
}

TEST_F(Cli, DecodeRawFrameWithProtoPacket) {
  for (const auto& c : kCases) {
    auto r = run("decode --proto packet " + test::shell_quote(case_path(c, ".bin").string()));
    ASSERT_EQ(r.rc, 0) << c << ": " << r.err;
    auto l = lines_of(r.out_text());
    ASSERT_EQ(l.size(), 1u) << c;
    EXPECT_EQ(test::json_diff(test::read_json(case_path(c, ".json")), json::parse(l[0])), "") << c;
  }
  auto r = run("decode -p packet -", case_path("arp", ".bin"));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(test::json_diff(test::read_json(case_path("arp", ".json")), json::parse(r.out_text())), "");
  r = run("decode --proto=packet", case_path("arp", ".bin"));
  ASSERT_EQ(r.rc, 0) << r.err;
}

// os-ken's JSON encodes back to os-ken's bytes; with the computed fields zeroed too.
TEST_F(Cli, EncodeRoundTrip) {
  for (const auto& c : kCases) {
    const bytes want = test::read_file(case_path(c, ".bin"));
    auto r = run("encode " + test::shell_quote(case_path(c, ".json").string()));
    ASSERT_EQ(r.rc, 0) << c << ": " << r.err;
    EXPECT_EQ(to_hex(r.out), to_hex(want)) << c;
    r = run("encode --proto packet -", case_path(c, ".json"));
    ASSERT_EQ(r.rc, 0) << c << ": " << r.err;
    EXPECT_EQ(to_hex(r.out), to_hex(want)) << c;

    json zero = test::read_json(case_path(c, ".json"));
    for (auto& h : zero) {
      if (h.contains("ipv4")) h["ipv4"]["csum"] = 0, h["ipv4"]["total_length"] = 0;
      if (h.contains("udp")) h["udp"].erase("csum"), h["udp"].erase("total_length");
    }
    write_text(tmp("zero.json"), zero.dump());
    r = run("encode " + test::shell_quote(tmp("zero.json").string()));
    ASSERT_EQ(r.rc, 0) << c << ": " << r.err;
    EXPECT_EQ(to_hex(r.out), to_hex(want)) << c << " (zeroed lengths and checksums)";
  }
}

TEST_F(Cli, EncodeJsonLinesAndListsOfFrames) {
  std::string lines;
  bytes want;
  json list = json::array();
  for (const auto& c : kCases) {
    json j = test::read_json(case_path(c, ".json"));
    lines += j.dump() + "\n\n";  // blank lines are skipped
    list.push_back(j);
    bytes b = test::read_file(case_path(c, ".bin"));
    want.insert(want.end(), b.begin(), b.end());
  }
  write_text(tmp("frames.jsonl"), lines);
  auto r = run("encode " + test::shell_quote(tmp("frames.jsonl").string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(to_hex(r.out), to_hex(want));
  write_text(tmp("list.json"), list.dump(2));
  r = run("encode " + test::shell_quote(tmp("list.json").string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(to_hex(r.out), to_hex(want));
}

TEST_F(Cli, EncodePcapOutputIsReadable) {
  std::string lines;
  std::vector<bytes> want;
  for (const auto& c : kCases) {
    lines += test::read_json(case_path(c, ".json")).dump() + "\n";
    want.push_back(test::read_file(case_path(c, ".bin")));
  }
  write_text(tmp("in.jsonl"), lines);
  const fs::path out = tmp("out.pcap");
  auto r = run("encode --pcap " + test::shell_quote(out.string()) + " " + test::shell_quote(tmp("in.jsonl").string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto rd = pcap::reader::open(out.string());
  ASSERT_TRUE(rd) << rd.err().to_string();
  EXPECT_EQ(rd->linktype(), pcap::linktype_ethernet);
  pcap::frame f;
  std::size_t n = 0;
  for (;;) {
    auto more = rd->next(f);
    ASSERT_TRUE(more);
    if (!*more) break;
    ASSERT_LT(n, want.size());
    EXPECT_EQ(to_hex(f.data), to_hex(want[n])) << kCases[n];
    ++n;
  }
  EXPECT_EQ(n, want.size());
  // ...and decodes back to the same JSON.
  r = run("decode " + test::shell_quote(out.string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  auto l = lines_of(r.out_text());
  ASSERT_EQ(l.size(), kCases.size());
  for (std::size_t i = 0; i < l.size(); ++i)
    EXPECT_EQ(test::json_diff(test::read_json(case_path(kCases[i], ".json")), json::parse(l[i])), "");
  if (test::have_program("tshark")) {
    std::string ts;
    ASSERT_EQ(test::run_command("tshark -r " + test::shell_quote(out.string()) + " -T fields -e frame.len 2>/dev/null", ts), 0);
    EXPECT_EQ(lines_of(ts).size(), kCases.size());
  }
}

TEST_F(Cli, TextFormatShowsIndentedFields) {
  auto r = run("decode --proto packet --format text " + test::shell_quote(case_path("udp4", ".bin").string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string t = r.out_text();
  auto l = lines_of(t);
  ASSERT_FALSE(l.empty());
  EXPECT_EQ(l[0], "Frame 1");
  auto has = [&](const std::string& line) { return std::find(l.begin(), l.end(), line) != l.end(); };
  EXPECT_TRUE(has("    ethernet")) << t;
  EXPECT_TRUE(has("        dst: 00:11:22:33:44:55")) << t;
  EXPECT_TRUE(has("        ethertype: 2048")) << t;
  EXPECT_TRUE(has("    ipv4")) << t;
  EXPECT_TRUE(has("        src: 192.0.2.1")) << t;
  EXPECT_TRUE(has("        ttl: 64")) << t;
  EXPECT_TRUE(has("        option: (none)")) << t;
  EXPECT_TRUE(has("    udp")) << t;
  EXPECT_TRUE(has("        dst_port: 9999")) << t;
  EXPECT_NE(t.find("\n    payload: AQIDBAUG"), std::string::npos) << t;
  // Header names come in wire order.
  auto pos = [&](const char* s) { return t.find(s); };
  EXPECT_LT(pos("    ethernet\n"), pos("    ipv4\n"));
  EXPECT_LT(pos("    ipv4\n"), pos("    udp\n"));
  // Several frames are numbered.
  std::vector<bytes> frames = {test::read_file(case_path("udp4", ".bin")), test::read_file(case_path("arp", ".bin"))};
  r = run("decode --format text " + test::shell_quote(make_pcap("two.pcap", frames).string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out_text().find("Frame 2\n"), std::string::npos);
  EXPECT_NE(r.out_text().find("    arp\n"), std::string::npos);
  EXPECT_NE(r.out_text().find("        src_ip: 10.1.2.3\n"), std::string::npos);
}

TEST_F(Cli, TruncatedFrames) {
  const bytes udp4 = test::read_file(case_path("udp4", ".bin"));
  // 10 bytes: the Ethernet source address (bytes 6..11) is cut.
  write_file(tmp("t10.bin"), bytes_view(udp4).subspan(0, 10));
  expect_input_error(run("decode --proto packet " + test::shell_quote(tmp("t10.bin").string())),
                     {"ethernet", "field src", "byte 6", "truncated"});
  // An IPv4 header cut after 10 of its bytes: the checksum (byte 24) is the first missing field.
  write_file(tmp("t24.bin"), bytes_view(udp4).subspan(0, 24));
  expect_input_error(run("decode --proto packet " + test::shell_quote(tmp("t24.bin").string())),
                     {"ipv4", "field csum", "byte 24", "truncated"});
  // A UDP header cut short.
  write_file(tmp("t40.bin"), bytes_view(udp4).subspan(0, 40));
  auto r = run("decode --proto packet " + test::shell_quote(tmp("t40.bin").string()));
  // ipv4.total_length (68) now exceeds the frame: that is reported first.
  expect_input_error(r, {"ipv4", "field total_length", "byte 16"});
}

TEST_F(Cli, BadLengthFields) {
  bytes b = test::read_file(case_path("udp4", ".bin"));
  b[16] = std::byte{0x03};  // ipv4.total_length = 0x0344 > the frame
  write_file(tmp("len.bin"), b);
  expect_input_error(run("decode --proto packet " + test::shell_quote(tmp("len.bin").string())),
                     {"ipv4", "field total_length", "byte 16"});
  b = test::read_file(case_path("udp4", ".bin"));
  b[14] = std::byte{0x44};  // header_length 4 (< 5)
  write_file(tmp("ihl.bin"), b);
  expect_input_error(run("decode --proto packet " + test::shell_quote(tmp("ihl.bin").string())), {"ipv4", "header_length", "byte 14"});
  b = test::read_file(case_path("udp4", ".bin"));
  b[38] = std::byte{0x01};  // udp.total_length = 0x0130 > the datagram
  write_file(tmp("udp.bin"), b);
  expect_input_error(run("decode --proto packet " + test::shell_quote(tmp("udp.bin").string())),
                     {"udp", "field total_length", "byte 38"});
}

TEST_F(Cli, BadFrameInsideAPcap) {
  bytes good = test::read_file(case_path("udp4", ".bin"));
  bytes bad(good.begin(), good.begin() + 24);
  fs::path p = make_pcap("mixed.pcap", {good, bad, good});
  auto r = run("decode " + test::shell_quote(p.string()));
  expect_input_error(r, {"ipv4", "field csum", "byte 24", "frame 2"});
  EXPECT_EQ(lines_of(r.out_text()).size(), 1u) << "the first frame is still printed";

  r = run("decode --keep-going " + test::shell_quote(p.string()));
  EXPECT_EQ(r.rc, 1);
  auto l = lines_of(r.out_text());
  ASSERT_EQ(l.size(), 3u);
  json e = json::parse(l[1]);
  ASSERT_TRUE(e.contains("error")) << l[1];
  EXPECT_EQ(e["frame"], 2);
  EXPECT_NE(e["error"].get<std::string>().find("ipv4"), std::string::npos);
  EXPECT_EQ(test::json_diff(test::read_json(case_path("udp4", ".json")), json::parse(l[2])), "");
}

TEST_F(Cli, GarbageInput) {
  write_text(tmp("garbage.txt"), "this is not a capture file\n");
  expect_input_error(run("decode " + test::shell_quote(tmp("garbage.txt").string())), {"magic", "byte 0"});
  // Captures that are broken or not Ethernet.
  expect_input_error(run("decode " + test::shell_quote((test::data_dir() / "pcap" / "truncated.pcap").string())), {"pcap"});
  expect_input_error(run("decode " + test::shell_quote((test::data_dir() / "pcap" / "raw_ip.pcap").string())),
                     {"pcap", "linktype", "byte 20"});
  bytes fake = to_bytes({0xd4, 0xc3, 0xb2, 0xa1, 0xff, 0xff, 0xff, 0xff});
  write_file(tmp("fake.pcap"), fake);
  expect_input_error(run("decode " + test::shell_quote(tmp("fake.pcap").string())), {"pcap"});
  // Empty input.
  write_text(tmp("empty"), "");
  auto r = run("decode " + test::shell_quote(tmp("empty").string()));
  EXPECT_EQ(r.rc, 1) << r.err;
  EXPECT_EQ(r.err_lines().size(), 1u) << r.err;
}

TEST_F(Cli, BadJson) {
  write_text(tmp("bad.json"), "[{\"ethernet\": {\"dst\": \"ff:ff:ff:ff:ff:ff\"}");
  expect_input_error(run("encode " + test::shell_quote(tmp("bad.json").string())), {"json", "line 1"});
  write_text(tmp("bad2.jsonl"), "[{\"ethernet\": {}}]\n{not json\n");
  expect_input_error(run("encode " + test::shell_quote(tmp("bad2.jsonl").string())), {"json", "line 2"});
  write_text(tmp("empty.json"), "  \n");
  expect_input_error(run("encode " + test::shell_quote(tmp("empty.json").string())), {"json"});
}

TEST_F(Cli, JsonWithWrongTypesNamesThePath) {
  struct c {
    const char* doc;
    std::vector<std::string> needles;
  };
  const c cases[] = {
      {R"([{"ethernet": {"dst": 5}}])", {"$[0].ethernet.dst", "address"}},
      {R"([{"ethernet": {"dst": "ff:ff:ff:ff:ff:zz"}}])", {"$[0].ethernet.dst"}},
      {R"([{"ethernet": {}}, {"ipv4": {"ttl": 300}}])", {"$[1].ipv4.ttl", "300"}},
      {R"([{"ethernet": {}}, {"ipv4": {"ttl": -1}}])", {"$[1].ipv4.ttl"}},
      {R"([{"ethernet": {}}, {"ipv4": {"src": "10.0.0"}}])", {"$[1].ipv4.src"}},
      {R"([{"ethernet": {}}, {"ipv4": {"option": "!!"}}])", {"$[1].ipv4.option", "base64"}},
      {R"([{"ethernet": {}}, {"udp": {"src_port": "80"}}])", {"$[1].udp.src_port"}},
      {R"([{"ethernet": {}}, {"payload": 5}])", {"$[1].payload"}},
      {R"([{"ethernet": {}}, {"nosuchheader": {}}])", {"$[1]", "nosuchheader"}},
      {R"([{"ethernet": {}, "ipv4": {}}])", {"$[0]"}},
      {R"([{"ethernet": 5}])", {"$[0].ethernet"}},
      {R"({"ethernet": {}})", {"$"}},
      {R"(42)", {"$"}},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.doc);
    write_text(tmp("t.json"), k.doc);
    auto r = run("encode " + test::shell_quote(tmp("t.json").string()));
    EXPECT_EQ(r.rc, 1) << r.err;
    auto l = r.err_lines();
    ASSERT_EQ(l.size(), 1u) << r.err;
    EXPECT_NE(l[0].find("json"), std::string::npos) << l[0];
    for (const auto& n : k.needles) EXPECT_NE(l[0].find(n), std::string::npos) << "'" << n << "' not in: " << l[0];
    EXPECT_TRUE(r.out.empty());
  }
  // In JSON Lines the document is named.
  write_text(tmp("multi.jsonl"), "[{\"ethernet\": {}}]\n[{\"ethernet\": {\"src\": 1}}]\n");
  auto r = run("encode " + test::shell_quote(tmp("multi.jsonl").string()));
  expect_input_error(r, {"document 2", "$[0].ethernet.src"});
}

TEST_F(Cli, EncodeErrors) {
  // 8 option bytes do not fit in a 20-byte header.
  write_text(tmp("opt.json"),
             R"([{"ethernet": {}}, {"ipv4": {"header_length": 5, "option": "AQEBAQEBAQE=", "proto": 17}}, {"udp": {}}])");
  expect_input_error(run("encode " + test::shell_quote(tmp("opt.json").string())), {"ipv4", "option"});
  // A 12-bit VLAN id of 4096.
  write_text(tmp("vid.json"), R"([{"ethernet": {"ethertype": 33024}}, {"vlan": {"vid": 4096}}])");
  expect_input_error(run("encode " + test::shell_quote(tmp("vid.json").string())), {"vlan", "vid"});
}

TEST_F(Cli, UsageErrorsExitWith2) {
  const fs::path bin = case_path("udp4", ".bin");
  const std::string cases[] = {
      "",
      "frobnicate",
      "decode --bogus",
      "decode --proto nosuchproto " + test::shell_quote(bin.string()),
      "decode --format xml " + test::shell_quote(bin.string()),
      "decode --proto",
      "decode " + test::shell_quote(bin.string()) + " " + test::shell_quote(bin.string()),
      "decode /nonexistent/file.pcap",
      "decode --pcap x.pcap " + test::shell_quote(bin.string()),
      "encode --pcap",
      "encode --of-version abc",
      "encode --of-version 256",
      "encode --xid -1",
      "encode --format text",
      "encode --keep-going",
  };
  for (const auto& args : cases) {
    auto r = run(args);
    EXPECT_EQ(r.rc, 2) << "'" << args << "': " << r.err;
    EXPECT_FALSE(r.err.empty()) << args;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST_F(Cli, HelpExitsZero) {
  for (const std::string args : {"--help", "-h", "help"}) {
    auto r = run(args);
    EXPECT_EQ(r.rc, 0) << args;
    EXPECT_NE(r.out_text().find("usage: wirekit"), std::string::npos) << args;
    EXPECT_NE(r.out_text().find("decode"), std::string::npos);
    EXPECT_NE(r.out_text().find("encode"), std::string::npos);
  }
  for (const std::string cmd : {"decode", "encode"}) {
    for (const std::string h : {"--help", "-h"}) {
      auto r = run(cmd + " " + h);
      EXPECT_EQ(r.rc, 0) << cmd;
      EXPECT_EQ(r.out_text().rfind("usage: wirekit " + cmd, 0), 0u) << r.out_text();
      EXPECT_NE(r.out_text().find("--proto"), std::string::npos);
      EXPECT_NE(r.out_text().find("packet"), std::string::npos);  // the protocol list
      EXPECT_EQ(r.err, "");
    }
  }
}

}  // namespace
