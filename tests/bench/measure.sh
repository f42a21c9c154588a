#!/bin/sh
# Measures frame decoding for docs/performance.md in one run: machine, Google Benchmark
# (frames/s, allocations/frame), standalone ns/frame, callgrind instructions/frame for wirekit
# (wire_view, packet_view, packet) and libtins, allocations by kind of frame.
#   tests/bench/measure.sh [BUILD_DIR]      (default build-bench; needs valgrind)
set -eu
build=${1:-build-bench}
bench=$build/tests/bench/frames_bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
c++ --version | head -1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Google Benchmark"
"$bench" --benchmark_min_time=1 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo "== standalone (mix written by frames_bench --write-mix)"
"$bench" --write-mix "$work/mix.pcap" >/dev/null
"$bench" --write-mix "$work/noopt.pcap" --no-options >/dev/null
for f in mix noopt; do
  echo "$f wirekit wire_view: $("$bench" "$work/$f.pcap" --repeat 4000 --wire)"
  echo "$f wirekit packet_view: $("$bench" "$work/$f.pcap" --repeat 2000 --view)"
  echo "$f wirekit packet: $("$bench" "$work/$f.pcap" --repeat 1000 --packet)"
  echo "$f libtins: $("$bench" "$work/$f.pcap" --repeat 500 --tins)"
done

echo "== callgrind instructions per frame: (Ir(R=11) - Ir(R=1)) / (10 * frames)"
ir() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : //p'
}
for f in mix noopt; do
  n=$("$bench" "$work/$f.pcap" | sed 's/frames=\([0-9]*\).*/\1/')
  for lib in wire_view packet_view packet libtins; do
    flag=--wire; [ $lib = libtins ] && flag=--tins; [ $lib = packet ] && flag=--packet; [ $lib = packet_view ] && flag=--view
    a=$(ir "$bench" "$work/$f.pcap" --repeat 1 $flag)
    b=$(ir "$bench" "$work/$f.pcap" --repeat 11 $flag)
    echo "$f $lib: $(( (b - a) / (10 * n) )) instructions/frame ($n frames)"
  done
done

echo "== allocations by kind (steady state)"
"$bench" --alloc-report
