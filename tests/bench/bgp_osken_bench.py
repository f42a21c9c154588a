#!/usr/bin/python3
"""os-ken side of the BGP decoding benchmark: decodes every message of FILE (concatenated whole
BGP messages, e.g. from make_bgp_mix.py) with os_ken.lib.packet.bgp.BGPMessage.parser, R times.

    /usr/bin/python3 tests/bench/bgp_osken_bench.py FILE [--repeat R] [--cpu]

Prints "messages=N prefixes=P ns_per_message=X messages_per_s=Y prefixes_per_s=Z" (N, P: in the
file; X, Y, Z over all N*R decodes), the line bgp_bench prints. The file is cut into messages
before timing; the timed loop is only BGPMessage.parser(message) per message. Wall-clock time,
or the process's CPU time with --cpu (as bgp_bench --cpu).
"""
import argparse
import struct
import sys
import time

from os_ken.lib.packet import bgp


def split(data):
    msgs = []
    off = 0
    while off < len(data):
        if len(data) - off < 19:
            sys.exit('trailing %d bytes' % (len(data) - off))
        (length,) = struct.unpack_from('!H', data, off + 16)
        if length < 19 or off + length > len(data):
            sys.exit('bad length %d at %d' % (length, off))
        msgs.append(data[off:off + length])
        off += length
    return msgs


def prefixes(m):
    if not isinstance(m, bgp.BGPUpdate):
        return 0
    n = len(m.withdrawn_routes) + len(m.nlri)
    for a in m.path_attributes:
        if isinstance(a, bgp.BGPPathAttributeMpReachNLRI):
            n += len(a.nlri)
        elif isinstance(a, bgp.BGPPathAttributeMpUnreachNLRI):
            n += len(a.withdrawn_routes)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('file')
    ap.add_argument('--repeat', type=int, default=1)
    ap.add_argument('--cpu', action='store_true')
    args = ap.parse_args()
    with open(args.file, 'rb') as f:
        msgs = split(f.read())
    if not msgs or args.repeat < 1:
        sys.exit('no messages')
    parser = bgp.BGPMessage.parser
    total = sum(prefixes(parser(m)[0]) for m in msgs)  # warm-up pass; counts prefixes
    clock = time.process_time_ns if args.cpu else time.perf_counter_ns
    t0 = clock()
    for _ in range(args.repeat):
        for m in msgs:
            parser(m)
    ns = clock() - t0
    decodes = len(msgs) * args.repeat
    print('messages=%d prefixes=%d ns_per_message=%.2f messages_per_s=%.0f prefixes_per_s=%.0f' % (
        len(msgs), total, ns / decodes, decodes / (ns * 1e-9), total * args.repeat / (ns * 1e-9)))


if __name__ == '__main__':
    main()
