#!/usr/bin/env python3
"""A scripted OpenFlow switch for the wirekit controller-channel tests (tests/session/).

Connects to a controller at HOST:PORT and plays a switch of one OpenFlow version. Every message
the controller sends is parsed with os-ken's parser (an implementation independent of wirekit)
and reported on stdout as one JSON line {"rx": type, "xid": n, "osken": to_jsondict or null}.

  --replay FILE     send the HELLO and FEATURES_REPLY captured from Open vSwitch (FILE holds
                    OVS's switch-to-controller bytes) instead of our own; the FEATURES_REPLY's
                    xid is set to the controller's request's
  --silent          after the handshake answer nothing (no echo replies): liveness timeout
  --no-barrier      never answer BARRIER_REQUEST
  --parts N         answer a flow stats request with N replies (MORE flag on all but the last),
                    flows spread over them
  --packet-in PCAP:IN_PORT:INDEX[:swap]   after the handshake send a PACKET_IN carrying frame
                    INDEX (0-based) of the pcap file, from IN_PORT (swap: MAC addresses swapped);
                    may be repeated, sent 0.3 s apart
  --seconds S       stop after S seconds

Flow mods are kept as a flow table (OF1.0 and OF1.3/1.4 layouts); a flow_mod whose actions
output to port 0 is refused with ERROR BAD_ACTION / BAD_OUT_PORT (type 2, code 4), as Open
vSwitch does. Flow stats replies carry the stored match and actions/instructions."""
import argparse
import json
import socket
import struct
import sys
import time

from os_ken.ofproto import ofproto_parser, ofproto_protocol

ap = argparse.ArgumentParser()
ap.add_argument("host")
ap.add_argument("port", type=int)
ap.add_argument("--version", type=int, default=4)
ap.add_argument("--replay")
ap.add_argument("--silent", action="store_true")
ap.add_argument("--no-barrier", action="store_true")
ap.add_argument("--parts", type=int, default=1)
ap.add_argument("--packet-in", action="append", default=[])
ap.add_argument("--dpid", type=lambda s: int(s, 0), default=0xB2)
ap.add_argument("--seconds", type=float, default=10)
a = ap.parse_args()
V = a.version
DP = ofproto_protocol.ProtocolDesc(V if V in (1, 3, 4, 5, 6) else 1)  # os-ken has no OF1.1
P = DP.ofproto_parser
if V == 1:
    STATS_REQ, STATS_REP, BARRIER_REQ, BARRIER_REP = 16, 17, 18, 19
else:
    STATS_REQ, STATS_REP, BARRIER_REQ, BARRIER_REP = 18, 19, 20, 21


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def hdr(t, ln, xid, v=V):
    return struct.pack("!BBHI", v, t, ln, xid)


def osken_bytes(msg, xid):
    msg.xid = xid
    msg.serialize()
    return bytes(msg.buf)


def pcap_frames(path):
    d = open(path, "rb").read()
    endian = "<" if d[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    pos, frames = 24, []
    while pos + 16 <= len(d):
        _, _, caplen, _ = struct.unpack(endian + "IIII", d[pos:pos + 16])
        frames.append(d[pos + 16:pos + 16 + caplen])
        pos += 16 + caplen
    return frames


def packet_in(frame, in_port, xid):
    if V == 1:
        body = struct.pack("!IHHBx", 0xFFFFFFFF, len(frame), in_port, 0) + frame
    else:
        oxm = struct.pack("!HBBI", 0x8000, 0, 4, in_port)  # OXM in_port
        match = struct.pack("!HH", 1, 4 + len(oxm)) + oxm
        match += b"\0" * ((8 - len(match) % 8) % 8)
        if V == 3:
            body = struct.pack("!IHBB", 0xFFFFFFFF, len(frame), 0, 0) + match + b"\0\0" + frame
        else:
            body = struct.pack("!IHBBQ", 0xFFFFFFFF, len(frame), 0, 0, 0) + match + b"\0\0" + frame
    return hdr(10, 8 + len(body), xid) + body


def read_packet_out(m):
    """PACKET_OUT read by the spec's layout (os-ken only serializes it): in_port, output ports,
    data length."""
    if V == 1:
        _, in_port, alen = struct.unpack("!IHH", m[8:16])
        acts, data = m[16:16 + alen], m[16 + alen:]
    elif V == 6:
        _, alen = struct.unpack("!IH", m[8:14])
        mlen, = struct.unpack("!H", m[18:20])
        mend = 16 + (mlen + 7) // 8 * 8
        in_port = None
        oxm = m[20:16 + mlen]
        p = 0
        while p + 4 <= len(oxm):
            cls, fld, olen = struct.unpack("!HBB", oxm[p:p + 4])
            if cls == 0x8000 and fld >> 1 == 0 and olen == 4:
                in_port, = struct.unpack("!I", oxm[p + 4:p + 8])
            p += 4 + olen
        acts, data = m[mend:mend + alen], m[mend + alen:]
    else:
        _, in_port, alen = struct.unpack("!IIH", m[8:18])
        acts, data = m[24:24 + alen], m[24 + alen:]
    ports, p = [], 0
    while p + 8 <= len(acts):
        t, ln = struct.unpack("!HH", acts[p:p + 4])
        if t == 0:
            ports.append(struct.unpack("!H" if V == 1 else "!I", acts[p + 4:p + 6] if V == 1 else acts[p + 4:p + 8])[0])
        if ln < 8:
            break
        p += ln
    return {"in_port": in_port, "ports": ports, "data_len": len(data), "data": data.hex()}


# Flow table: (priority, match bytes, actions/instructions bytes, table_id, cookie) per flow_mod ADD.
flows = []


def handle_flow_mod(buf):
    """Returns an error (type, code) or None, and stores an ADD."""
    if V == 1:
        match = buf[8:48]
        cookie, command, idle, hard, prio = struct.unpack("!QHHHH", buf[48:64])
        acts = buf[72:]
        table = 0
        pos = 0
        while pos + 8 <= len(acts):
            t, ln = struct.unpack("!HH", acts[pos:pos + 4])
            if t == 0 and struct.unpack("!H", acts[pos + 4:pos + 6])[0] == 0:
                return (2, 4)
            if ln < 8:
                break
            pos += ln
    else:
        cookie, = struct.unpack("!Q", buf[8:16])
        table, command, idle, hard, prio = struct.unpack("!BBHHH", buf[24:32])
        mlen, = struct.unpack("!H", buf[50:52])
        mend = 48 + (mlen + 7) // 8 * 8
        match = buf[48:mend]
        acts = buf[mend:]
        pos = 0
        while pos + 8 <= len(acts):  # instructions
            it, iln = struct.unpack("!HH", acts[pos:pos + 4])
            if iln < 8:
                break
            if it in (3, 4):
                p = pos + 8
                while p + 8 <= pos + iln:
                    t, ln = struct.unpack("!HH", acts[p:p + 4])
                    if t == 0 and struct.unpack("!I", acts[p + 4:p + 8])[0] == 0:
                        return (2, 4)
                    if ln < 8:
                        break
                    p += ln
            pos += iln
    if command == 0:
        flows.append((prio, match, acts, table, cookie, idle, hard))
    elif command in (3, 4):  # delete
        flows.clear()
    return None


def flow_stats_entry(f):
    prio, match, acts, table, cookie, idle, hard = f
    if V == 1:
        body = struct.pack("!B", table) + b"\0" + match + struct.pack("!IIHHH6xQQQ", 1, 0, prio, idle, hard, cookie, 0, 0) + acts
    else:
        body = struct.pack("!Bx", table) + struct.pack("!IIHHHH4xQQQ", 1, 0, prio, idle, hard, 0, cookie, 0, 0) + match + acts
    return struct.pack("!H", 2 + len(body)) + body


def flow_stats_replies(xid):
    parts = max(1, a.parts)
    chunks = [[] for _ in range(parts)]
    for i, f in enumerate(flows):
        chunks[i % parts].append(flow_stats_entry(f))
    msgs = []
    for i, c in enumerate(chunks):
        more = 1 if i + 1 < parts else 0
        head = struct.pack("!HH", 1, more) + (b"" if V == 1 else b"\0" * 4)
        body = head + b"".join(c)
        msgs.append(hdr(STATS_REP, 8 + len(body), xid) + body)
    return msgs


s = socket.create_connection((a.host, a.port), timeout=5)
s.settimeout(0.1)
t_end = time.time() + a.seconds
replay = []
if a.replay:
    d = open(a.replay, "rb").read()
    pos = 0
    while pos + 8 <= len(d):
        ln = struct.unpack("!H", d[pos + 2:pos + 4])[0]
        replay.append(d[pos:pos + ln])
        pos += ln
    s.sendall(replay[0])
else:
    s.sendall(hdr(0, 16, 7) + struct.pack("!HHI", 1, 8, 1 << V) if V >= 4 else hdr(0, 8, 7))
buf = b""
handshake_done = False
pending_pin = list(a.packet_in)
next_pin = 0.0
while time.time() < t_end:
    if handshake_done and pending_pin and time.time() >= next_pin:
        spec = pending_pin.pop(0).split(":")
        frame = pcap_frames(spec[0])[int(spec[2])]
        if len(spec) > 3 and spec[3] == "swap":
            frame = frame[6:12] + frame[0:6] + frame[12:]
        s.sendall(packet_in(frame, int(spec[1]), 0))
        out({"tx": "packet_in", "in_port": int(spec[1]), "data": frame.hex()})
        next_pin = time.time() + 0.3
    try:
        chunk = s.recv(65536)
        if not chunk:
            out({"closed": "by controller"})
            break
        buf += chunk
    except socket.timeout:
        continue
    except OSError as e:
        out({"closed": str(e)})
        break
    while len(buf) >= 8:
        ver, typ, ln, xid = struct.unpack("!BBHI", buf[:8])
        if ln < 8 or len(buf) < ln:
            break
        m, buf = buf[:ln], buf[ln:]
        try:
            parsed = ofproto_parser.msg(DP, ver, typ, ln, xid, m).to_jsondict()
        except Exception:  # os-ken cannot parse every message type of every version
            parsed = None
        ev = {"rx": typ, "xid": xid, "version": ver, "len": ln, "osken": parsed}
        if typ == 13:
            ev["packet_out"] = read_packet_out(m)
        out(ev)
        if ver != V:
            continue
        if typ == 5:  # FEATURES_REQUEST
            if replay:
                r = bytearray(replay[1])
                r[4:8] = struct.pack("!I", xid)
                s.sendall(bytes(r))
            elif V == 1:
                b = struct.pack("!QIB3xII", a.dpid, 256, 1, 0xC7, 0xFFF)
                s.sendall(hdr(6, 8 + len(b), xid) + b)
            else:
                b = struct.pack("!QIBB2xII", a.dpid, 256, 254, 0, 0x4F, 0)
                s.sendall(hdr(6, 8 + len(b), xid) + b)
            handshake_done = True
            next_pin = time.time() + 0.2
            continue
        if a.silent and handshake_done:
            continue
        if typ == 2:  # ECHO_REQUEST
            s.sendall(osken_bytes(P.OFPEchoReply(DP, data=m[8:]), xid))
        elif typ == 14:  # FLOW_MOD
            err = handle_flow_mod(m)
            if err:
                s.sendall(osken_bytes(P.OFPErrorMsg(DP, type_=err[0], code=err[1], data=m[:64]), xid))
        elif typ == STATS_REQ and struct.unpack("!H", m[8:10])[0] == 1:
            for r in flow_stats_replies(xid):
                s.sendall(r)
        elif typ == BARRIER_REQ and not a.no_barrier:
            s.sendall(hdr(BARRIER_REP, 8, xid))
s.close()
out({"end": True, "flows": len(flows)})
