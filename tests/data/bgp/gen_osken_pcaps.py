#!/usr/bin/python3
"""os-ken's JSON for every BGP message of os-ken's own BGP captures.

  /usr/bin/python3 tests/data/bgp/gen_osken_pcaps.py ../shared/fixtures/os-ken/packet_data/bgp4 \
      > tests/data/bgp/osken_pcaps.json

Needs os-ken (Debian python3-os-ken 2.5). For each capture and frame: the TCP payload is cut
into BGP messages with os-ken's BGPMessage.parser; each message's raw bytes (hex) and
os-ken's to_jsondict() form, converted as json-conventions.md §9 says where os-ken's own
to_jsondict cannot (AS_SET as {"AS_SET": [sorted]}, CLUSTER_LIST as a list of texts, a missing
MP_REACH next hop as null, objects inside tuples wrapped).
"""
import base64
import glob
import json
import os
import sys

from os_ken.lib import pcaplib, stringify
from os_ken.lib.packet import bgp, packet, tcp  # noqa: F401


def enc_value(cls, key, v):
    t = cls._get_type(key) if hasattr(cls, '_get_type') else None
    if v is None:
        return None
    if t is stringify.AsciiStringListType:
        return [str(x) for x in v]
    if t is stringify.AsciiStringType:
        if isinstance(v, list):
            return [str(x) for x in v]
        return str(v)
    return enc(v)


def enc(v):
    if isinstance(v, stringify.StringifyMixin):
        d = {}
        for k, x in stringify.obj_attrs(v):
            d[k] = enc_value(type(v), k, x)
        return {type(v).__name__: d}
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(bytes(v)).decode('ascii')
    if isinstance(v, str):
        return base64.b64encode(v.encode('utf-8')).decode('ascii')
    if isinstance(v, set):
        return {'AS_SET': sorted(v)}
    if isinstance(v, list):
        return [enc(x) for x in v]
    if isinstance(v, tuple):  # text inside tuples stays text
        return [x if isinstance(x, str) else enc(x) for x in v]
    if isinstance(v, dict):
        return {str(k): enc(x) for k, x in v.items()}
    return v


def main(d):
    out = {}
    for f in sorted(glob.glob(os.path.join(d, '*.pcap'))):
        frames = []
        for i, (_, buf) in enumerate(pcaplib.Reader(open(f, 'rb'))):
            p = packet.Packet(buf)
            t = p.get_protocol(tcp.tcp)
            if t is None:
                continue
            # The TCP payload: what follows the tcp header in the frame.
            idx = [type(x) for x in p.protocols].index(tcp.tcp)
            msgs = [x for x in p.protocols[idx + 1:] if isinstance(x, bgp.BGPMessage)]
            # Each message's raw bytes: the messages are contiguous from the first marker.
            pos = bytes(buf).find(b'\xff' * 16)
            entries = []
            for m in msgs:
                entries.append({'hex': bytes(buf[pos:pos + m.len]).hex(), 'json': enc(m)})
                pos += m.len
            frames.append({'frame': i, 'messages': entries})
        out[os.path.basename(f)] = frames
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
