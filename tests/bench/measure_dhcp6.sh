#!/bin/sh
# Measures DHCPv6 decoding for docs/performance.md in one run: machine, Google Benchmark of
# wirekit (decode; decode + typed view + validation), os-ken's dhcp6.parser on the same
# os-ken-written messages, and the ratios.
#   tests/bench/measure_dhcp6.sh [BUILD_DIR] [DIR]   (default build-bench, ../shared/fixtures/generated/dhcp6)
set -eu
build=${1:-build-bench}
dir=${2:-../shared/fixtures/generated/dhcp6}
here=$(dirname "$0")
echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Google Benchmark (wirekit)"
out=$("$build/tests/bench/dhcp6_bench" --dir="$dir" --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true)
echo "$out"
echo "== os-ken dhcp6.parser (same messages)"
o=$(/usr/bin/python3 "$here/dhcp6_osken_bench.py" "$dir")
echo "$o"
om=$(echo "$o" | sed -n 's/.*messages_per_s=\([0-9.]*\).*/\1/p')
rate() { echo "$out" | awk -v name="$1" '$1 == name { for (i = 1; i <= NF; i++) if ($i ~ /^messages\/s=/) { v = $i; sub("messages/s=", "", v); sub("/s$", "", v); m = 1; u = substr(v, length(v)); if (u == "k") m = 1e3; if (u == "M") m = 1e6; if (u == "G") m = 1e9; sub(/[kMG]$/, "", v); printf "%.0f", v * m } }'; }
d=$(rate BM_Decode_median)
v=$(rate BM_DecodeValidate_median)
echo "decode ratio (wirekit / os-ken messages/s): $(awk -v a="$d" -v b="$om" 'BEGIN { printf "%.0f", a / b }') x"
echo "decode+validate ratio (wirekit decode+validate / os-ken decode): $(awk -v a="$v" -v b="$om" 'BEGIN { printf "%.0f", a / b }') x"
