#!/usr/bin/env python3
# os-ken's side of openflow_bench: ofproto_parser.msg (bytes -> message object) and
# msg.to_jsondict() over the same .bin files, in messages/s. Run with /usr/bin/python3.
# Only the messages os-ken has a parser for (switch-to-controller and symmetric ones) are timed;
# their file names go to LIST when given, so that openflow_bench --list=LIST times the same set.
#   /usr/bin/python3 tests/bench/openflow_osken_bench.py DIR [LIST]
import logging, os, sys, time
from os_ken.ofproto import ofproto_parser, ofproto_protocol

logging.disable(logging.CRITICAL)  # os-ken logs (and returns None for) messages it cannot parse
d = sys.argv[1] if len(sys.argv) > 1 else '../shared/fixtures/generated/of13'
names = []
msgs = []
for n in sorted(os.listdir(d)):
    if not n.endswith('.bin'):
        continue
    b = open(os.path.join(d, n), 'rb').read()
    try:
        v, t, l, x = ofproto_parser.header(b)
        dp = ofproto_protocol.ProtocolDesc(v)
        if ofproto_parser.msg(dp, v, t, l, x, b) is None:
            continue  # os-ken has no parser for it (controller-to-switch messages)
        msgs.append((dp, v, t, l, x, b))
        names.append(n)
    except Exception:
        pass
if len(sys.argv) > 2:
    open(sys.argv[2], 'w').write('\n'.join(names) + '\n')

def rate(fn, seconds=2.0):
    n = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for m in msgs:
            fn(m)
        n += len(msgs)
    return n / (time.perf_counter() - t0)

dec = rate(lambda m: ofproto_parser.msg(*m))
js = rate(lambda m: ofproto_parser.msg(*m).to_jsondict())
print('messages=%d decode_messages_per_s=%.0f decode_json_messages_per_s=%.0f' % (len(msgs), dec, js))
