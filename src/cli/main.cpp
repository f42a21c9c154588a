// The `wirekit` command: decode captures and messages to os-ken JSON, and encode them back.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "protos.hpp"
#include "text_format.hpp"
#include "wirekit/core/json_wide.hpp"
#include "wirekit/openflow/openflow.hpp"
#include "wirekit/pcap/pcap.hpp"

using namespace wirekit;
using json = nlohmann::json;

namespace {

const char* kUsage =
    "usage: wirekit <command> [options]\n"
    "\n"
    "commands:\n"
    "  decode   bytes -> os-ken JSON (JSON Lines, one line per frame or message)\n"
    "  encode   os-ken JSON -> bytes\n"
    "  bgpreader  MRT files -> bgpdump -m lines or JSON (see 'wirekit bgpreader --help')\n"
    "\n"
    "Run 'wirekit <command> --help' for a command's options.\n";

void proto_list(std::string& s) {
  for (const auto& h : cli::handlers()) s += fmt::format("                   {:<9} {}\n", h.name, h.summary);
}

std::string decode_help() {
  std::string s =
      "usage: wirekit decode [--proto P] [--format json|text] [--keep-going] [FILE|-]\n"
      "\n"
      "Decodes FILE (or standard input) and prints one JSON line per frame or message:\n"
      "a frame is a JSON array of os-ken header objects in wire order, ending in\n"
      "{\"payload\": \"<base64>\"} when bytes are left that no decoder claims.\n"
      "\n"
      "  --proto P        what the input is (default auto):\n";
  proto_list(s);
  s +=
      "  --format F       json (default) or text: one indented line per header field\n"
      "  --keep-going     on a bad frame print {\"error\": ...} and continue (exit status 1 at the end)\n"
      "  --typed          DHCPv6: the typed view {\"dhcp6_typed\": ...} instead of os-ken's (docs/dhcp6.md)\n"
      "  --validate       DHCPv6: add \"findings\" (RFC 8415 option presence and value rules) to each message\n"
      "  --flowspec-ipv6 rfc8956|draft  BGP: FlowSpec IPv6 prefixes with an offset in RFC 8956's form\n"
      "                   or os-ken's draft form (default draft; docs/bgp.md)\n"
      "\n"
      "Exit status: 0 on success; 1 on bad input (one line on stderr naming protocol, field and\n"
      "byte offset); 2 on usage errors.\n";
  return s;
}

std::string encode_help() {
  std::string s =
      "usage: wirekit encode [--proto P] [--pcap OUT] [--of-version N] [--xid X] [FILE|-]\n"
      "\n"
      "Reads one JSON document, or JSON Lines (one document per line), in os-ken's form and\n"
      "writes the wire bytes to standard output (concatenated), or to a pcap file with --pcap.\n"
      "Lengths and checksums that are 0 or absent are computed as os-ken computes them.\n"
      "\n"
      "  --proto P        what the JSON describes (default auto = packet):\n";
  proto_list(s);
  s +=
      "  --pcap OUT       write a pcap file (one frame per document) instead of raw bytes\n"
      "  --of-version N   OpenFlow wire version byte (1, 3, 4, 5, 6)\n"
      "  --xid X          OpenFlow transaction id (default 0)\n"
      "  --flowspec-ipv6 rfc8956|draft  BGP: FlowSpec IPv6 prefixes with an offset in RFC 8956's form\n"
      "                   or os-ken's draft form (default draft; docs/bgp.md)\n"
      "\n"
      "Exit status: 0 on success; 1 on bad input (one line on stderr naming the JSON path); 2 on\n"
      "usage errors.\n";
  return s;
}

[[noreturn]] void usage_error(const std::string& msg) {
  fmt::print(stderr, "wirekit: {}\n", msg);
  std::exit(2);
}

[[noreturn]] void input_error(const error& e) {
  fmt::print(stderr, "wirekit: {}\n", e.to_string());
  std::exit(1);
}

bool read_input(const std::string& path, bytes& out, std::string& why) {
  if (path == "-") {
    std::vector<char> buf(1 << 16);
    for (;;) {
      ssize_t n = ::read(0, buf.data(), buf.size());
      if (n < 0) {
        why = std::strerror(errno);
        return false;
      }
      if (n == 0) break;
      auto b = reinterpret_cast<const std::byte*>(buf.data());
      out.insert(out.end(), b, b + n);
    }
    return true;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    why = fmt::format("{}: {}", path, std::strerror(errno));
    return false;
  }
  std::vector<char> data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto b = reinterpret_cast<const std::byte*>(data.data());
  out.assign(b, b + data.size());
  return true;
}

struct parsed_args {
  cli::options o;
  std::string input = "-";
  bool help = false;
};

parsed_args parse_args(int argc, char** argv, bool encode) {
  parsed_args a;
  bool have_input = false;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](const char* opt) -> std::string {
      if (i + 1 >= argc) usage_error(fmt::format("{} needs a value", opt));
      return argv[++i];
    };
    auto number = [&](const char* opt) -> unsigned long {
      std::string v = value(opt);
      char* end = nullptr;
      errno = 0;
      unsigned long x = std::strtoul(v.c_str(), &end, 0);
      if (v.empty() || *end || errno || v[0] == '-') usage_error(fmt::format("{}: '{}' is not a number", opt, v));
      return x;
    };
    if (s == "-h" || s == "--help") {
      a.help = true;
    } else if (s == "--proto" || s == "-p") {
      a.o.proto = value("--proto");
    } else if (s.rfind("--proto=", 0) == 0) {
      a.o.proto = s.substr(8);
    } else if (!encode && s == "--format") {
      a.o.format = value("--format");
      if (a.o.format != "json" && a.o.format != "text") usage_error("--format must be json or text");
    } else if (!encode && s == "--keep-going") {
      a.o.keep_going = true;
    } else if (!encode && s == "--typed") {
      a.o.typed = true;
    } else if (!encode && s == "--validate") {
      a.o.validate = true;
    } else if (encode && s == "--pcap") {
      a.o.pcap_out = value("--pcap");
    } else if (encode && s == "--of-version") {
      auto v = number("--of-version");
      if (v > 255) usage_error("--of-version must be a wire version byte");
      a.o.of_version = static_cast<unsigned>(v);
    } else if (encode && s == "--xid") {
      auto v = number("--xid");
      if (v > 0xffffffffUL) usage_error("--xid must fit in 32 bits");
      a.o.xid = static_cast<std::uint32_t>(v);
    } else if (s == "--flowspec-ipv6") {
      const std::string v = value("--flowspec-ipv6");
      if (v != "rfc8956" && v != "draft") usage_error("--flowspec-ipv6 must be rfc8956 or draft");
      a.o.flowspec_rfc8956 = v == "rfc8956";
    } else if (s.size() > 1 && s[0] == '-' && s != "-") {
      usage_error(fmt::format("unknown option '{}' (see --help)", s));
    } else {
      if (have_input) usage_error("only one input file may be given");
      a.input = s;
      have_input = true;
    }
  }
  return a;
}

int cmd_decode(int argc, char** argv) {
  auto a = parse_args(argc, argv, false);
  if (a.help) {
    std::fputs(decode_help().c_str(), stdout);
    return 0;
  }
  const cli::proto_handler* h = cli::find_handler(a.o.proto);
  if (!h || !h->decode) usage_error(fmt::format("unknown --proto '{}' (see --help)", a.o.proto));
  bytes in;
  std::string why;
  if (!read_input(a.input, in, why)) usage_error(why);
  std::string line;
  const bool text = a.o.format == "text";
  std::size_t n = 0;
  auto emit = [&](const json& j) {
    if (text) {
      line = cli::to_text(j, ++n);
    } else {
      line.clear();
      json_glue::dump_to(j, line);  // integers beyond 64 bits (OpenFlow) as numbers
      line += '\n';
    }
    std::fwrite(line.data(), 1, line.size(), stdout);
  };
  status st = h->decode(in, a.o, emit);
  std::fflush(stdout);
  if (!st) input_error(st.err());
  return 0;
}

// One JSON text; with wide_integers (OpenFlow), integer literals beyond 64 bits are read exactly
// (core/json_wide.hpp) instead of as inexact numbers. Discarded on error.
json parse_one(std::string_view text, bool wide_integers) {
  if (!wide_integers) return json::parse(text, nullptr, false);
  auto j = json_glue::parse(text);
  return j ? std::move(*j) : json(json::value_t::discarded);
}

// One JSON document, or JSON Lines. A top-level array of arrays is a list of frames.
bool split_documents(const bytes& in, std::vector<json>& docs, error& err, bool wide_integers) {
  std::string_view text(reinterpret_cast<const char*>(in.data()), in.size());
  json whole = parse_one(text, wide_integers);
  if (!whole.is_discarded()) {
    docs.push_back(std::move(whole));
    return true;
  }
  std::size_t lineno = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json j = parse_one(l, wide_integers);
    if (j.is_discarded()) {
      try {
        json tmp = json::parse(l);
        (void)tmp;
      } catch (const json::parse_error& e) {
        err = json_error(fmt::format("line {}", lineno), fmt::format("invalid JSON: {}", e.what()));
        return false;
      }
    }
    docs.push_back(std::move(j));
  }
  if (docs.empty()) {
    err = json_error("$", "no JSON document in the input");
    return false;
  }
  return true;
}

int cmd_encode(int argc, char** argv) {
  auto a = parse_args(argc, argv, true);
  if (a.help) {
    std::fputs(encode_help().c_str(), stdout);
    return 0;
  }
  const cli::proto_handler* h = cli::find_handler(a.o.proto);
  if (!h || !h->encode) usage_error(fmt::format("unknown --proto '{}' (see --help)", a.o.proto));
  bytes in;
  std::string why;
  if (!read_input(a.input, in, why)) usage_error(why);
  std::vector<json> docs;
  error perr;
  if (!split_documents(in, docs, perr, a.o.proto == "openflow")) input_error(perr);
  // A single document holding a list of frames (an array of arrays) is several documents.
  if (docs.size() == 1 && docs[0].is_array() && !docs[0].empty() && docs[0][0].is_array()) {
    json list = std::move(docs[0]);
    docs.clear();
    for (auto& d : list) docs.push_back(std::move(d));
  }
  std::optional<pcap::writer> pw;
  if (!a.o.pcap_out.empty()) {
    auto w = pcap::writer::create(a.o.pcap_out);
    if (!w) input_error(w.err());
    pw.emplace(std::move(*w));
  }
  bytes all, one;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    one.clear();
    status st = h->encode(docs[i], a.o, one);
    if (!st) {
      if (docs.size() > 1 && st.err().json) st.err().field = fmt::format("document {}: {}", i + 1, st.err().field);
      input_error(st.err());
    }
    if (pw) {
      status ws = pw->write(one);
      if (!ws) input_error(ws.err());
    } else {
      all.insert(all.end(), one.begin(), one.end());
    }
  }
  if (pw) {
    status cs = pw->close();
    if (!cs) input_error(cs.err());
  } else {
    std::fwrite(all.data(), 1, all.size(), stdout);
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

namespace wirekit::cli {
int bgpreader_main(int argc, char** argv);  // bgpreader.cpp
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  try {
    if (cmd == "decode") return cmd_decode(argc, argv);
    if (cmd == "encode") return cmd_encode(argc, argv);
    if (cmd == "bgpreader") return wirekit::cli::bgpreader_main(argc, argv);
  } catch (const std::exception& e) {
    // Decoders do not throw; this is a last resort so that no input ends in an abort.
    fmt::print(stderr, "wirekit: internal error: {}\n", e.what());
    return 1;
  }
  fmt::print(stderr, "wirekit: unknown command '{}'\n{}", cmd, kUsage);
  return 2;
}
