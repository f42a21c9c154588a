#!/usr/bin/python3
"""Writes the libFuzzer seed corpus tests/fuzz/corpus/ancp/: ANCP messages laid out by hand with
struct from RFC 6320 / RFC 7256 (independent of wirekit's encoder): adjacency messages, Port Up /
Port Down with DSL and PON attributes, Port Management (line configuration, OAM loopback),
Generic Response with Status-Info, Provisioning with a multicast service profile (List-Action),
the RFC 7256 multicast messages (Command + Multicast-Flow, Bandwidth-Request, Committed-Bandwidth
with a Target), and a two-message stream.

    python3 tests/fuzz/make_ancp_seeds.py [CORPUS_DIR]
"""
import os
import socket
import struct
import sys


def tlv(t, v):
    return struct.pack("!HH", t, len(v)) + v + b"\0" * (-len(v) % 4)


def u32(t, v):
    return tlv(t, struct.pack("!I", v))


def encap(body):
    return struct.pack("!HH", 0x880C, len(body)) + body


def general(mtype, body, result=0, code=0, txid=0, partition=0):
    hdr = struct.pack("!BBH", 50, mtype, (result << 12) | code)
    hdr += struct.pack("!I", (partition << 24) | txid) + struct.pack("!H", 0x8001)
    return encap(hdr + struct.pack("!H", 12 + len(body)) + body)


def adjacency(code, m, caps=(1,), sender=b"\x02\0\0\0\0\x01", receiver=b"\0" * 6):
    capf = b"".join(struct.pack("!HH", c, 0) for c in caps)
    body = struct.pack("!BBBB", 50, 10, 250, (m << 7) | code) + sender + receiver
    body += struct.pack("!II", 1, 0) + struct.pack("!I", (1 << 24) | 1) + struct.pack("!I", 0)
    body += struct.pack("!BBH", 0, len(caps), len(capf)) + capf
    return encap(body)


def port_event(mtype, tlvs, tech=5, ntlvs=None):
    ext = struct.pack("!BBBB", 0, mtype, tech, 0) + struct.pack("!HH", ntlvs or 0, len(tlvs)) + tlvs
    return general(mtype, b"\0" * 20 + ext)


def port_mgmt(function, tlvs, ntlvs):
    fixed = b"\0" * 12 + struct.pack("!BBBB", 0, 0, function, 0) + b"\0" * 4
    ext = struct.pack("!BBBB", 0, 32, 0, 0) + struct.pack("!HH", ntlvs, len(tlvs)) + tlvs
    return general(32, fixed + ext, result=2, txid=5)


def seeds():
    aci = tlv(1, b"dslam1 atm 1/1/01:0.35")
    ari = tlv(2, b"customer-4711")
    line = b"".join([u32(0x91, 5), tlv(0x90, b"\x01\x03\x06"), u32(0x8F, 1)] +
                    [u32(t, 1000 * (t - 0x80)) for t in range(0x81, 0x8F)])
    pon = b"".join([u32(0x97, 4)] + [u32(t, 10000 + t) for t in range(0xB0, 0xB6)])
    s = {}
    s["syn"] = adjacency(1, 0)
    s["synack-nas"] = adjacency(2, 1, caps=(1, 2, 4), sender=b"\x02\0\0\0\0\x02", receiver=b"\x02\0\0\0\0\x01")
    s["ack"] = adjacency(3, 0)
    s["rstack"] = adjacency(4, 0)
    s["port-up-dsl"] = port_event(80, aci + ari + tlv(3, b"eth 7/2") + tlv(6, struct.pack("!II", 100, 7)) + tlv(4, line), ntlvs=5)
    s["port-down"] = port_event(81, aci, ntlvs=1)
    s["port-up-pon"] = port_event(80, aci + tlv(0x12, pon), tech=1, ntlvs=2)
    s["port-mgmt-config"] = port_mgmt(8, aci + tlv(5, b"gold"), 2)
    s["port-mgmt-oam"] = port_mgmt(9, aci + tlv(7, b"\x05\x0a") + tlv(8, struct.pack("!II", 1, 2)), 3)
    status = struct.pack("!BBH", 0, 32, 15) + b"en:no such port" + b"\0" + aci
    s["generic-response"] = general(91, aci + tlv(0x106, status), result=4, code=0x500, txid=5)
    flows4 = struct.pack("!HH", 1, 2) + bytes([24, 0]) + socket.inet_aton("232.1.1.0")[:3] + \
        bytes([32, 24]) + socket.inet_aton("232.1.2.3") + socket.inet_aton("10.0.0.0")[:3]
    flows6 = struct.pack("!HH", 2, 1) + bytes([16, 0]) + socket.inet_pton(socket.AF_INET6, "ff3e::")[:2]
    la = tlv(0x21, struct.pack("!BBH", 1, 1, 0) + flows4 + flows6)
    prof = tlv(0x13, tlv(0x18, b"profile-1") + la)
    s["provisioning"] = general(93, prof + tlv(0x24, b"") + u32(0x94, 500), txid=3)
    target = tlv(0x1000, aci)
    flow = tlv(0x19, struct.pack("!BBH", 2, 1, 1) + socket.inet_aton("232.1.1.1") + socket.inet_aton("10.1.1.1"))
    s["mc-replication"] = general(144, target + tlv(0x11, struct.pack("!BBH", 1, 1, 0) + flow), result=2, txid=9)
    s["mc-admission"] = general(145, target + tlv(0x11, struct.pack("!BBH", 1, 0, 0) + flow + tlv(0x92, socket.inet_aton("192.0.2.7")) +
                                                  tlv(0x93, bytes.fromhex("020000000009"))), txid=10)
    s["bw-realloc"] = general(146, target + tlv(0x16, struct.pack("!II", 2000, 1500)), txid=11)
    s["bw-transfer"] = general(147, target + u32(0x15, 1500), result=3, txid=11)
    s["flow-query"] = general(149, tlv(0x19, struct.pack("!BBH", 1, 2, 0) + socket.inet_pton(socket.AF_INET6, "ff3e::1")), result=2, txid=12)
    s["committed-bw"] = general(150, tlv(0x95, struct.pack("!I", 4000) + target), txid=13)
    s["adjacency-update"] = general(85, b"", code=2)
    s["unknown-type"] = general(200, b"\x01\x02\x03")
    s["stream"] = s["syn"] + s["port-up-dsl"]
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "ancp")
    os.makedirs(out, exist_ok=True)
    for name, data in seeds().items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(seeds())} seeds to {out}")


main()
