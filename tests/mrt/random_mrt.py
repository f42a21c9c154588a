#!/usr/bin/env python3
# Random MRT files for the differential test against bgpdump (tests/mrt/bgpdump_compare_test.cpp,
# MrtBgpdump.RandomRecordsMatchBgpdump):
#   random_mrt.py updates SEED COUNT OUT   COUNT BGP4MP / BGP4MP_ET records: UPDATEs with random
#                                          attributes (AS paths of every segment type, AS4_PATH,
#                                          aggregators, communities incl. well-known ones, MED,
#                                          LOCAL_PREF, extended and large communities, MP_REACH /
#                                          MP_UNREACH IPv6, unknown attributes, extended lengths),
#                                          state changes, 2- and 4-byte AS, IPv4/IPv6 peers, LOCAL
#   random_mrt.py rib SEED COUNT OUT       a TABLE_DUMP_V2 PEER_INDEX_TABLE and COUNT RIB_IPV4/IPV6
#                                          unicast records with 1-4 entries each
# Attribute order is the usual one and each attribute appears once: bgpdump aborts on other
# orders (its AS4_AGGREGATOR assertion), so such records would not compare.
import random, struct, sys
mode, seed, count, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
R = random.Random(seed)
def attr(flags, code, val):
    if len(val) > 255 or R.random() < 0.1:
        flags |= 0x10
        return struct.pack('!BBH', flags, code, len(val)) + val
    return struct.pack('!BBB', flags, code, len(val)) + val
def asn(w):
    c = R.random()
    if c < 0.3: v = R.randint(1, 65535)
    elif c < 0.4: v = 23456
    elif c < 0.5: v = 0
    else: v = R.randint(65536, 2**32 - 1)
    if w == 2: v &= 0xffff
    return struct.pack('!I' if w == 4 else '!H', v)
def aspath(w):
    b = b''
    for _ in range(R.randint(0, 4)):
        t = R.choice([1, 2, 2, 2, 3, 4])
        n = R.randint(1, 6)
        b += struct.pack('!BB', t, n) + b''.join(asn(w) for _ in range(n))
    return b
def pfx4():
    l = R.choice([0, 8, 16, 19, 24, 24, 25, 32])
    n = (l + 7) // 8
    return bytes([l]) + bytes(R.randint(0, 255) for _ in range(n))
def pfx6():
    l = R.choice([0, 32, 48, 56, 64, 127, 128])
    n = (l + 7) // 8
    return bytes([l]) + bytes([0x20, 0x01] + [R.randint(0, 255) for _ in range(max(0, n - 2))])[:n]
def v6addr():
    c = R.random()
    if c < 0.3: return bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [R.randint(0, 255)])
    if c < 0.5: return bytes([0xfe, 0x80] + [0] * 6 + [R.randint(0, 255) for _ in range(8)])
    if c < 0.6: return bytes(10) + b'\xff\xff' + bytes(R.randint(0, 255) for _ in range(4))
    return bytes(R.randint(0, 255) for _ in range(16))
def attrs(w, v6, rib=False):
    a = []
    if R.random() < 0.95: a.append(attr(0x40, 1, bytes([R.choice([0, 1, 2, 2, 3])])))
    if R.random() < 0.95: a.append(attr(0x40, 2, aspath(w)))
    if R.random() < 0.9: a.append(attr(0x40, 3, bytes(R.randint(0, 255) for _ in range(4))))
    if R.random() < 0.5: a.append(attr(0x80, 4, struct.pack('!I', R.choice([0, 1, 100, 2**31, 2**32 - 1, R.randint(0, 2**32 - 1)]))))
    if R.random() < 0.5: a.append(attr(0x40, 5, struct.pack('!I', R.choice([0, 100, 2**31 + 5, R.randint(0, 2**32 - 1)]))))
    if R.random() < 0.3: a.append(attr(0x40, 6, b''))
    if R.random() < 0.3:
        aw = w
        a.append(attr(0xc0, 7, asn(aw) + bytes(R.randint(0, 255) for _ in range(4))))
    if R.random() < 0.5:
        cs = b''
        for _ in range(R.randint(1, 6)):
            cs += struct.pack('!I', R.choice([0xFFFFFF01, 0xFFFFFF02, 0xFFFFFF03, 0xFFFFFF04, 0xFFFF0000, R.randint(0, 2**32 - 1), R.randint(0, 2**32 - 1)]))
        a.append(attr(0xc0, 8, cs))
    if R.random() < 0.2: a.append(attr(0x80, 9, bytes(R.randint(0, 255) for _ in range(4))))
    if R.random() < 0.2: a.append(attr(0x80, 10, bytes(R.randint(0, 255) for _ in range(4 * R.randint(1, 3)))))
    if R.random() < 0.3: a.append(attr(0xc0, 16, b''.join(bytes(R.randint(0, 255) for _ in range(8)) for _ in range(R.randint(1, 3)))))
    if w == 2 and R.random() < 0.4: a.append(attr(0xc0, 17, aspath(4)))
    if w == 2 and R.random() < 0.2: a.append(attr(0xc0, 18, asn(4) + bytes(R.randint(0, 255) for _ in range(4))))
    if R.random() < 0.3: a.append(attr(0xc0, 32, b''.join(struct.pack('!III', R.randint(0, 2**32 - 1), R.randint(0, 9), R.randint(0, 2**32 - 1)) for _ in range(R.randint(1, 3)))))
    if R.random() < 0.1: a.append(attr(0xc0, R.choice([99, 200, 255]), bytes(R.randint(0, 255) for _ in range(R.randint(0, 9)))))
    if not rib and (v6 or R.random() < 0.2):
        nh = v6addr() + (v6addr() if R.random() < 0.4 else b'')
        nl = b''.join(pfx6() for _ in range(R.randint(0, 4)))
        a.append(attr(0x80, 14, struct.pack('!HBB', 2, 1, len(nh)) + nh + b'\x00' + nl))
    if not rib and R.random() < 0.2:
        a.append(attr(0x80, 15, struct.pack('!HB', 2, 1) + b''.join(pfx6() for _ in range(R.randint(0, 3)))))
    return b''.join(a)
def update(w, v6):
    wd = b''.join(pfx4() for _ in range(R.randint(0, 3))) if R.random() < 0.4 else b''
    at = attrs(w, v6) if R.random() < 0.9 else b''
    nl = b''.join(pfx4() for _ in range(R.randint(0, 4))) if R.random() < 0.8 else b''
    body = struct.pack('!H', len(wd)) + wd + struct.pack('!H', len(at)) + at + nl
    return b'\xff' * 16 + struct.pack('!HB', 19 + len(body), 2) + body


def rib(path, n):
    peers = []
    for i in range(R.randint(1, 6)):
        v6 = R.random() < 0.3; a4 = R.random() < 0.6
        peers.append((v6, a4))
    pit = bytes(R.randint(0, 255) for _ in range(4)) + struct.pack('!H', 4) + b'test' + struct.pack('!H', len(peers))
    for v6, a4 in peers:
        pit += bytes([(1 if v6 else 0) | (2 if a4 else 0)]) + bytes(R.randint(0, 255) for _ in range(4))
        pit += (v6addr() if v6 else bytes(R.randint(0, 255) for _ in range(4)))
        pit += asn(4 if a4 else 2)
    recs = [struct.pack('!IHHI', 1400000000, 13, 1, len(pit)) + pit]
    for seq in range(n):
        v6 = R.random() < 0.3
        p = pfx6() if v6 else pfx4()
        ents = b''
        ne = R.randint(1, 4)
        for _ in range(ne):
            at = attrs(4, False, True)
            if v6:
                nh = v6addr() + (v6addr() if R.random() < 0.4 else b'')
                at += attr(0x80, 14, bytes([len(nh)]) + nh)
            ents += struct.pack('!HIH', R.randrange(len(peers)), 1400000000 - R.randint(0, 99999), len(at)) + at
        body = struct.pack('!I', seq) + p + struct.pack('!H', ne) + ents
        recs.append(struct.pack('!IHHI', 1400000000, 13, 4 if v6 else 2, len(body)) + body)
    open(path, 'wb').write(b''.join(recs))

if mode == 'rib':
    rib(out, count)
else:
    recs = []
    t = 1400000000
    for i in range(count):
        t += R.randint(0, 3)
        w = R.choice([2, 4])
        v6peer = R.random() < 0.3
        sub = (4 if w == 4 else 1) if R.random() < 0.9 else (7 if w == 4 else 6)  # MESSAGE(_AS4)(_LOCAL)
        peer = asn(w) + asn(w) + struct.pack('!HH', R.randint(0, 5), 2 if v6peer else 1)
        peer += (v6addr() + v6addr()) if v6peer else bytes(R.randint(0, 255) for _ in range(8))
        if R.random() < 0.1:
            body = peer + struct.pack('!HH', R.randint(1, 6), R.randint(1, 6))
            sub = 5 if w == 4 else 0
        else:
            body = peer + update(w, R.random() < 0.3)
        ty = 16
        if R.random() < 0.15:
            ty = 17
            body = struct.pack('!I', R.randint(0, 999999)) + body
        recs.append(struct.pack('!IHHI', t, ty, sub, len(body)) + body)
    open(out, 'wb').write(b''.join(recs))
