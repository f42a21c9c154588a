#!/usr/bin/env bash
# MRT benchmark (docs/performance.md, "MRT"): bgpdump -m against wirekit bgpreader --format
# bgpdump on the same large file, plain and bzip2, in one run; elems/s and peak RSS
# (/usr/bin/time -v) for both, the two outputs compared byte for byte; plus wirekit's
# decode-only rate (--format count: the parser finds every elem, no text) and the stream API's
# rate (elem objects built, no text).
#
#   tests/bench/mrt_bench.sh [BUILD_DIR] [COPIES]
#
# The large file: the real RouteViews RIB sample in ../shared/fixtures/mrt
# (pyasn__rib.20140523.0600_firstMB.bz2: the first MB of a bzip2 RIB, 15 MB of MRT), cut to its
# whole records and repeated COPIES times (default 8; each copy starts with its PEER_INDEX_TABLE,
# so the result is a valid TABLE_DUMP_V2 dump).
set -euo pipefail

build=${1:-build}
copies=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
shared=${WIREKIT_SHARED:-$here/../../../shared}
sample=$shared/fixtures/mrt/pyasn__rib.20140523.0600_firstMB.bz2
wirekit=$build/wirekit
for need in bgpdump bzip2 bzcat python3 /usr/bin/time; do
  command -v "$need" > /dev/null || { echo "mrt_bench: $need is missing" >&2; exit 1; }
done
[ -x "$wirekit" ] || { echo "mrt_bench: $wirekit is not built" >&2; exit 1; }
[ -f "$sample" ] || { echo "mrt_bench: $sample is absent" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sample's bzip2 stream is cut, so bzcat complains at its end: what it printed is kept.
bzcat "$sample" > "$work/one.raw" 2> /dev/null || true
python3 - "$work/one.raw" "$work/big.mrt" "$copies" <<'EOF'
import struct, sys
d = open(sys.argv[1], 'rb').read()
pos = 0
while pos + 12 <= len(d):
    length = struct.unpack('>I', d[pos + 8:pos + 12])[0]
    if pos + 12 + length > len(d):
        break
    pos += 12 + length
with open(sys.argv[2], 'wb') as f:
    for _ in range(int(sys.argv[3])):
        f.write(d[:pos])
EOF
head -c "$(( $(stat -c %s "$work/big.mrt") / copies ))" "$work/big.mrt" > "$work/sample.mrt"  # one copy
bzip2 -k -9 "$work/big.mrt"

# run LABEL ELEMS CMD...: wall seconds, CPU seconds (user + system, all threads) and peak RSS
# of CMD (stdout to /dev/null). Rates are per CPU second (the machine may be shared) and per
# wall second.
run() {
  local label=$1 elems=$2
  shift 2
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> /dev/null
  t1=$(date +%s.%N)
  local rss user sys
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  python3 -c "import sys; w=$t1-$t0; c=$user+$sys; print('%-44s wall %7.2f s cpu %7.2f s  %11.0f elems/cpu-s %11.0f elems/wall-s  peak RSS %6.1f MB' % (sys.argv[1], w, c, $elems / max(c, 1e-9), $elems / w, $rss / 1024.0))" "$label"
}

elems=$("$wirekit" bgpreader --format count -d singlefile -o rib-file="$work/big.mrt" | sed 's/.*elems=//')
sample_elems=$("$wirekit" bgpreader --format count -d singlefile -o rib-file="$work/sample.mrt" | sed 's/.*elems=//')
echo "file: $copies copies of the RouteViews RIB sample: $(stat -c %s "$work/big.mrt") bytes plain," \
  "$(stat -c %s "$work/big.mrt.bz2") bytes bzip2, $elems elems"

# Same output? (bgpdump's line count and bytes against wirekit's)
if cmp -s <(bgpdump -m "$work/big.mrt" 2> /dev/null) \
          <("$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt"); then
  echo "outputs: identical (plain)"
else
  echo "outputs: DIFFER (plain)"
fi
if cmp -s <(bgpdump -m "$work/big.mrt.bz2" 2> /dev/null) \
          <("$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt.bz2"); then
  echo "outputs: identical (bzip2)"
else
  echo "outputs: DIFFER (bzip2)"
fi

run "bgpdump -m (plain)" "$elems" bgpdump -m "$work/big.mrt"
run "wirekit bgpreader --format bgpdump (plain)" "$elems" \
  "$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt"
run "bgpdump -m (bzip2)" "$elems" bgpdump -m "$work/big.mrt.bz2"
run "wirekit bgpreader --format bgpdump (bzip2, default threads)" "$elems" \
  "$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt.bz2"
# The same with 2 bzip2 workers, with the sequential decoder (one libbz2 stream on one thread),
# and libbz2 alone.
run "wirekit ... (bzip2, WIREKIT_BZIP2_THREADS=2)" "$elems" \
  env WIREKIT_BZIP2_THREADS=2 "$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt.bz2"
run "wirekit ... (bzip2, WIREKIT_BZIP2_THREADS=0)" "$elems" \
  env WIREKIT_BZIP2_THREADS=0 "$wirekit" bgpreader --format bgpdump -d singlefile -o rib-file="$work/big.mrt.bz2"
run "bzcat (libbz2 alone, one thread)" "$elems" bzcat "$work/big.mrt.bz2"
run "wirekit decode only (plain, --format count)" "$elems" \
  "$wirekit" bgpreader --format count -d singlefile -o rib-file="$work/big.mrt"
run "wirekit decode only (sample, plain)" "$sample_elems" \
  "$wirekit" bgpreader --format count -d singlefile -o rib-file="$work/sample.mrt"
# -J 4294967295 (not that peer AS) passes every elem but takes the stream path: elem objects, no text.
run "wirekit stream API, elems built (plain)" "$elems" \
  "$wirekit" bgpreader --format count -J 4294967295 -d singlefile -o rib-file="$work/big.mrt"
run "wirekit --format bgpreader (plain)" "$elems" \
  "$wirekit" bgpreader --format bgpreader -d singlefile -o rib-file="$work/big.mrt"
