#!/usr/bin/python3
"""os-ken side of the DHCPv6 benchmark: os_ken.lib.packet.dhcp6.dhcp6.parser over every .bin
of DIR (os-ken-written messages, default ../shared/fixtures/generated/dhcp6) for --seconds of process CPU time (Google Benchmark rates are CPU time too).
os-ken has no validation: this is its decode alone. Prints messages_per_s.

    /usr/bin/python3 tests/bench/dhcp6_osken_bench.py [DIR] [--seconds S]
"""
import argparse
import glob
import os
import time

from os_ken.lib.packet import dhcp6

ap = argparse.ArgumentParser()
ap.add_argument("dir", nargs="?", default="../shared/fixtures/generated/dhcp6")
ap.add_argument("--seconds", type=float, default=3.0)
a = ap.parse_args()
msgs = []
for p in sorted(glob.glob(os.path.join(a.dir, "*.bin"))):
    with open(p, "rb") as f:
        b = f.read()
    try:
        dhcp6.dhcp6.parser(b)
        msgs.append(b)
    except Exception:
        pass
parser = dhcp6.dhcp6.parser
n = 0
t0 = time.process_time()
while time.process_time() - t0 < a.seconds:
    for m in msgs:
        parser(m)
    n += len(msgs)
dt = time.process_time() - t0
print("osken_decode messages=%d messages_per_s=%.0f" % (len(msgs), n / dt))
