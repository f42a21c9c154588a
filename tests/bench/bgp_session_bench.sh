#!/bin/sh
# Routes/s received into the BGP session (include/wirekit/session/bgp.hpp, every UPDATE fully
# decoded and handed to the update handler) with examples/bgp_speaker --quiet --expect N, from
# the fastest peer available, and the same peer's figure alone as reference:
#   - gobgpd (if installed): N routes injected with `gobgp mrt inject` (padded file, see
#     ../shared/docs/peers.md 1d); wirekit dials it from 127.0.0.2; reference: bgp_peer.py
#     --expect N dialling from 127.0.0.3 (gobgpd -> a Python peer that only counts NLRI);
#   - otherwise ../shared/tools/peers/bgp_peer.py --listen --announce N (500 /24s per UPDATE);
#     reference: bgp_peer.py --expect N receiving from the same announcer.
# Each run is repeated R times (default 3); "from ESTABLISHED to the Nth prefix".
#   tests/bench/bgp_session_bench.sh [BUILD_DIR] [N] [R]    (default build-bgp 100000 3)
set -eu
build=${1:-build-bgp}
n=${2:-100000}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
peers=$here/../../../shared/tools/peers
speaker=$build/examples/bgp_speaker
[ -x "$speaker" ] || { echo "build $speaker first (ninja -C $build bgp_speaker)"; exit 2; }
work=$(mktemp -d)
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name\s*:\s*/cpu: /'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "routes: $n, rounds: $rounds"

if command -v gobgpd >/dev/null && command -v gobgp >/dev/null; then
  echo "== peer: gobgpd $(gobgpd --version 2>&1 | head -1)"
  bgp=$(free_port); api=$(free_port)
  cat > "$work/gobgpd.toml" <<EOF
[global.config]
  as = 65001
  router-id = "127.0.0.1"
  port = $bgp
  local-address-list = ["127.0.0.1"]
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.2"
    peer-as = 65010
  [neighbors.transport.config]
    passive-mode = true
    local-address = "127.0.0.1"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.3"
    peer-as = 65011
  [neighbors.transport.config]
    passive-mode = true
    local-address = "127.0.0.1"
EOF
  gobgpd -f "$work/gobgpd.toml" --api-hosts=127.0.0.1:$api --pprof-disable -p -l warn > "$work/gobgpd.log" 2>&1 &
  pids="$pids $!"
  until gobgp -p $api global >/dev/null 2>&1; do sleep 0.05; done
  python3 "$peers/gen_mrt_rib.py" "$work/rib.mrt" "$n" 11.0.0.0 192.0.2.1 65100 >/dev/null  # origin AS not ours (65010)
  python3 - "$work/rib.mrt" <<'EOF'
import struct, sys; d = open(sys.argv[1], 'rb').read(); offs = []; i = 0
while i < len(d): offs.append(i); i += 12 + struct.unpack('!I', d[i+8:i+12])[0]
open(sys.argv[1] + '.padded', 'wb').write(d + d[offs[-min(2000, len(offs) - 1)]:])
EOF
  gobgp -p $api mrt inject global "$work/rib.mrt.padded"
  until gobgp -p $api global rib -a ipv4 summary | grep -q "Destination: $n,"; do sleep 0.1; done
  for r in $(seq "$rounds"); do
    echo "-- round $r"
    printf 'wirekit session: '
    "$speaker" --local-as 65010 --router-id 127.0.0.2 --peer 127.0.0.1:$bgp --peer-as 65001 --bind 127.0.0.2 \
      --quiet --expect "$n" 2>&1 | grep '^received'
    printf 'peer alone (bgp_peer.py --expect): '
    python3 "$peers/bgp_peer.py" --connect 127.0.0.1:$bgp --bind 127.0.0.3 --asn 65011 --rid 127.0.0.3 \
      --expect "$n" --timeout 300 | grep '^stop' | sed 's/.*prefixes \([0-9]*\).*; \(.*Established to last UPDATE\).*/\1 prefixes, \2/'
  done
else
  echo "== peer: bgp_peer.py --announce $n (gobgpd not installed)"
  for r in $(seq "$rounds"); do
    echo "-- round $r"
    p=$(free_port)
    python3 "$peers/bgp_peer.py" --listen 127.0.0.1:$p --asn 65002 --rid 127.0.0.9 --announce "$n" \
      --base 11.0.0.0 --linger 120 --timeout 300 > "$work/announcer.log" 2>&1 &
    a=$!; pids="$pids $a"
    sleep 0.3
    printf 'wirekit session: '
    "$speaker" --local-as 65001 --router-id 192.0.2.1 --peer 127.0.0.1:$p --peer-as 65002 --quiet --expect "$n" \
      2>&1 | grep '^received'
    kill $a 2>/dev/null || true; wait $a 2>/dev/null || true
    p=$(free_port)
    python3 "$peers/bgp_peer.py" --listen 127.0.0.1:$p --asn 65002 --rid 127.0.0.9 --announce "$n" \
      --base 11.0.0.0 --linger 120 --timeout 300 > "$work/announcer.log" 2>&1 &
    a=$!; pids="$pids $a"
    sleep 0.3
    printf 'peer alone (bgp_peer.py --expect): '
    python3 "$peers/bgp_peer.py" --connect 127.0.0.1:$p --asn 65001 --rid 192.0.2.1 --expect "$n" --timeout 300 \
      | grep '^stop' | sed 's/.*prefixes \([0-9]*\).*; \(.*Established to last UPDATE\).*/\1 prefixes, \2/'
    kill $a 2>/dev/null || true; wait $a 2>/dev/null || true
  done
fi
