#!/usr/bin/python3
"""PyANCP's side of the ANCP Port Up batch benchmark: the time its Client takes to write a batch
of 100 Port Up messages (Client.port_up into a socket stand-in that keeps the bytes), with the
subscribers of tests/bench/ancp_bench.cpp. Prints messages/s. PyANCP is not a Debian package and
PyPI is unreachable here: point PYTHONPATH (or --pyancp DIR) at a GIC-de/PyANCP checkout.

    /usr/bin/python3 tests/bench/ancp_pyancp_bench.py --pyancp /tmp/pyancp [--seconds 3]
"""
import argparse
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--pyancp", default=None)
ap.add_argument("--seconds", type=float, default=3.0)
a = ap.parse_args()
if a.pyancp:
    sys.path.insert(0, a.pyancp)
from ancp.client import Client  # noqa: E402
from ancp.subscriber import Subscriber  # noqa: E402


class Sink:
    def __init__(self):
        self.n = 0

    def sendall(self, b):
        self.n += len(b)

    def close(self):
        pass


c = Client(address="127.0.0.1")
c.socket.close()
c.socket = Sink()
c.established.set()
subs = [Subscriber(aci="0.0.0.0 eth %d" % (i + 1), ari="remote-%d" % (i + 1), up=1024 + i, down=16000 + i,
                   aaci_bin=(128, i % 4096), aaci_ascii="128", att_up=2048, att_down=32000, dsl_type=5)
        for i in range(100)]
batches = 0
t0 = time.process_time()
while time.process_time() - t0 < a.seconds:
    c.port_up(subs)
    batches += 1
dt = time.process_time() - t0
print("pyancp_encode messages_per_s=%.0f bytes_per_message=%.1f" % (batches * 100 / dt, c.socket.n / (batches * 100)))
