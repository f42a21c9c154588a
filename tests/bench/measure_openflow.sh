#!/bin/sh
# Measures OpenFlow decoding for docs/performance.md in one run: machine, os-ken's
# ofproto_parser.msg (and to_jsondict) on the os-ken-written messages it can parse, Google
# Benchmark of wirekit on the same messages, and the ratios.
#   tests/bench/measure_openflow.sh [BUILD_DIR] [DIR]   (default build-bench, ../shared/fixtures/generated/of13)
set -eu
build=${1:-build-bench}
dir=${2:-../shared/fixtures/generated/of13}
here=$(dirname "$0")
list=$(mktemp)
trap 'rm -f "$list"' EXIT
echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== os-ken ofproto_parser.msg (the messages it parses)"
o=$(/usr/bin/python3 "$here/openflow_osken_bench.py" "$dir" "$list")
echo "$o"
echo "== Google Benchmark (wirekit, same messages)"
out=$("$build/tests/bench/openflow_bench" --dir="$dir" --list="$list" --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true)
echo "$out"
od=$(echo "$o" | sed -n 's/.*decode_messages_per_s=\([0-9.]*\).*/\1/p')
oj=$(echo "$o" | sed -n 's/.*decode_json_messages_per_s=\([0-9.]*\).*/\1/p')
rate() { echo "$out" | awk -v name="$1" '$1 == name { for (i = 1; i <= NF; i++) if ($i ~ /^messages\/s=/) { v = $i; sub("messages/s=", "", v); sub("/s$", "", v); m = 1; u = substr(v, length(v)); if (u == "k") m = 1e3; if (u == "M") m = 1e6; if (u == "G") m = 1e9; sub(/[kMG]$/, "", v); printf "%.0f", v * m } }'; }
d=$(rate BM_Decode_median)
j=$(rate BM_DecodeToJson_median)
echo "decode ratio (wirekit / os-ken messages/s): $(awk -v a="$d" -v b="$od" 'BEGIN { printf "%.0f", a / b }') x"
echo "decode+JSON ratio (wirekit decode+to_json / os-ken msg+to_jsondict): $(awk -v a="$j" -v b="$oj" 'BEGIN { printf "%.0f", a / b }') x"
