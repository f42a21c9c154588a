#!/bin/sh
# Measures BGP UPDATE decoding for docs/performance.md in one run: machine, the mix (written by
# make_bgp_mix.py with os-ken), Google Benchmark of wirekit (messages/s, prefixes/s,
# allocations/message), then wirekit and os-ken on the same file, alternately, wall-clock and
# CPU time, and the ratio; callgrind instructions/message for wirekit if valgrind is there.
#   tests/bench/measure_bgp.sh [BUILD_DIR]      (default build-bench; bgp_bench built there)
set -eu
build=${1:-build-bench}
here=$(dirname "$0")
bench=$build/tests/bench/bgp_bench
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mix=$work/mix.bin

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
c++ --version | head -1
$py --version
$py -c 'import os_ken; print("os-ken", getattr(os_ken, "__version__", "?"))' 2>/dev/null || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== mix"
$py "$here/make_bgp_mix.py" "$mix" 2>&1

echo "== Google Benchmark (wirekit)"
"$bench" --mix="$mix" --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo "== standalone, same file (R: wirekit 200, os-ken 3)"
for clock in wall cpu; do
  flag=; [ $clock = cpu ] && flag=--cpu
  for round in 1 2; do
    w=$("$bench" "$mix" --repeat 200 $flag)
    o=$($py "$here/bgp_osken_bench.py" "$mix" --repeat 3 $flag)
    echo "$clock #$round wirekit: $w"
    echo "$clock #$round os-ken:  $o"
    echo "$clock #$round ratio (os-ken ns/message / wirekit ns/message): $(ratio "$(echo "$o" | field ns_per_message)" "$(echo "$w" | field ns_per_message)") x"
  done
done
echo "wirekit, os-ken's AS width guess (--guess, cpu): $("$bench" "$mix" --repeat 200 --guess --cpu)"

if command -v valgrind >/dev/null; then
  echo "== callgrind instructions per message (wirekit): (Ir(R=11) - Ir(R=1)) / (10 * messages)"
  ir() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : //p'
  }
  n=$("$bench" "$mix" | field messages)
  a=$(ir "$bench" "$mix" --repeat 1)
  b=$(ir "$bench" "$mix" --repeat 11)
  echo "wirekit: $(( (b - a) / (10 * n) )) instructions/message ($n messages)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
