#!/bin/sh
# flow_mods/s through wirekit's OpenFlow controller channel, to Open vSwitch when it is installed
# (with `ovs-ofctl add-flows` of the same flows as the peer-alone reference), else to the
# in-process test switch (reported as such).
#   tests/bench/of_session_bench.sh [BUILD_DIR] [FLOWS]
# BUILD_DIR (default build-bench) must hold libwirekit.a; the bench program is built there by
# CMake (target of_session_bench) or, when that target does not exist, compiled here.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-$SRC/build-bench}
N=${2:-20000}
EXE=$B/tests/bench/of_session_bench
if [ ! -x "$EXE" ]; then
  EXE=$B/of_session_bench
  c++ -std=c++20 -O2 -DNDEBUG -I"$SRC/include" "$SRC/tests/bench/of_session_bench.cpp" "$B/libwirekit.a" \
    -lfmt -lpthread -o "$EXE"
fi

echo "# channel alone: in-process test switch"
"$EXE" --flows "$N" --version 4

if ! command -v ovs-vswitchd >/dev/null 2>&1; then
  echo "# Open vSwitch not installed: no OVS figures"
  exit 0
fi
W=$(mktemp -d /tmp/wk-ofbench.XXXXXX)
export OVS_RUNDIR=$W OVS_LOGDIR=$W OVS_DBDIR=$W OVS_SYSCONFDIR=$W
V="ovs-vsctl --db=unix:$W/db.sock"
cleanup() {
  $V --timeout=5 del-br wkbr0 >/dev/null 2>&1 || true
  ovs-appctl -t "$W/ovs-vswitchd.ctl" exit >/dev/null 2>&1 || true
  ovs-appctl -t "$W/ovsdb-server.ctl" exit >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT INT TERM
ovsdb-tool create "$W/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server "$W/conf.db" --remote=punix:"$W/db.sock" --pidfile="$W/ovsdb-server.pid" \
  --log-file="$W/ovsdb-server.log" --unixctl="$W/ovsdb-server.ctl" --detach --no-chdir -vconsole:off
$V --no-wait init
ovs-vswitchd unix:"$W/db.sock" --pidfile="$W/ovs-vswitchd.pid" --log-file="$W/ovs-vswitchd.log" \
  --unixctl="$W/ovs-vswitchd.ctl" --detach --no-chdir -vconsole:off
$V add-br wkbr0 -- set bridge wkbr0 datapath_type=netdev fail_mode=secure \
  other_config:disable-in-band=true other_config:datapath-id=00000000000000a1 protocols=OpenFlow13

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "# wirekit controller -> Open vSwitch (OpenFlow 1.3)"
"$EXE" --flows "$N" --version 4 --external "$PORT" &
P=$!
sleep 0.3
$V set-controller wkbr0 tcp:127.0.0.1:"$PORT"
wait $P
# What OVS holds afterwards: the batch's N flows and the one-by-one requests' min(N, 5000).
echo "# Open vSwitch now holds: $(ovs-ofctl -O OpenFlow13 dump-aggregate "unix:$W/wkbr0.mgmt" | grep -o 'flow_count=[0-9]*')"
$V del-controller wkbr0
ovs-ofctl -O OpenFlow13 del-flows "unix:$W/wkbr0.mgmt"

echo "# peer alone: ovs-ofctl add-flows of the same $N flows"
python3 -c "
for i in range($N):
    print('priority=100,ip,nw_dst=10.%d.%d.%d,actions=LOCAL' % ((i>>16)&255, (i>>8)&255, i&255))" > "$W/flows.txt"
T0=$(date +%s.%N)
ovs-ofctl -O OpenFlow13 add-flows "unix:$W/wkbr0.mgmt" "$W/flows.txt"
T1=$(date +%s.%N)
python3 -c "s=$T1-$T0; print('{\"bench\":\"ovs-ofctl add-flows\",\"flow_mods\":$N,\"seconds\":%.4f,\"flow_mods_per_s\":%.0f}' % (s, $N/s))"
