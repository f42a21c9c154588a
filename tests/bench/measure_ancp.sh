#!/bin/sh
# Measures ANCP Port Up batches for docs/performance.md in one run: machine, Google Benchmark of
# wirekit (encode, decode + subscriber view, decode only; messages/s), PyANCP's encoder on the
# same batch, and the encode ratio.
#   tests/bench/measure_ancp.sh [BUILD_DIR] [PYANCP_DIR]   (default build-bench, /tmp/pyancp)
set -eu
build=${1:-build-bench}
pyancp=${2:-/tmp/pyancp}
here=$(dirname "$0")
echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Google Benchmark (wirekit)"
out=$("$build/tests/bench/ancp_bench" --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true)
echo "$out"
if [ -d "$pyancp/ancp" ]; then
  echo "== PyANCP encode (same subscribers)"
  p=$(/usr/bin/python3 "$here/ancp_pyancp_bench.py" --pyancp "$pyancp")
  echo "$p"
  w=$(echo "$out" | awk '/BM_EncodePortUpBatch_median/ { for (i = 1; i <= NF; i++) if ($i ~ /^messages\/s=/) { sub("messages/s=", "", $i); sub("/s$", "", $i); print $i } }')
  pm=$(echo "$p" | sed -n 's/.*messages_per_s=\([0-9.]*\).*/\1/p')
  echo "encode ratio (wirekit / PyANCP messages/s): $(awk -v w="$w" -v p="$pm" 'BEGIN { m = 1; u = substr(w, length(w)); if (u == "k") m = 1e3; if (u == "M") m = 1e6; if (u == "G") m = 1e9; sub(/[kMG]$/, "", w); printf "%.0f", w * m / p }') x"
else
  echo "== PyANCP not found at $pyancp: no peer comparison"
fi
