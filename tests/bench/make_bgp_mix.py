#!/usr/bin/python3
"""Writes the BGP UPDATE mix of the BGP decoding benchmark: concatenated whole BGP messages
(marker, length, type), built with os-ken's encoder (independent of wirekit's), a fixed seed.

    /usr/bin/python3 tests/bench/make_bgp_mix.py OUT [--count N] [--seed S]

The mix (per message, drawn at random; shares approximate):
  72 %  IPv4 unicast announcement: ORIGIN, AS_PATH (one AS_SEQUENCE of 2-6 4-byte ASNs),
        NEXT_HOP, MED (40 %), LOCAL_PREF (50 %), COMMUNITIES (0-8, absent when 0),
        1-20 NLRI prefixes (/8-/32, mostly /24); 10 % of them also withdraw 1-5 prefixes
   8 %  IPv4 withdrawal only (1-20 withdrawn prefixes, no attributes)
   9 %  IPv6 unicast MP_REACH_NLRI (1-10 prefixes, ORIGIN, AS_PATH, MED/LOCAL_PREF sometimes,
        COMMUNITIES sometimes)
   3 %  IPv6 unicast MP_UNREACH_NLRI (1-10 prefixes)
   5 %  VPNv4 MP_REACH_NLRI (1-8 labelled VPN prefixes, RD 0 and 1) with a route-target
        extended community
   3 %  IPv4 unicast announcement with LARGE_COMMUNITY (1-4) and extended communities (1-3)
AS_PATHs are 4-byte (as a session with the 4-byte AS capability sends them); paths that os-ken's
2-byte/4-byte guess would misread are redrawn, so os-ken and wirekit (context as_width::four)
read the same ASNs. Every message is parsed back with os-ken before it is written.
"""
import argparse
import random
import struct
import sys

from os_ken.lib.packet import bgp

AS4 = '!I'


def rand_asn(rng):
    r = rng.random()
    if r < 0.55:
        return rng.randint(1000, 64495)          # public 2-byte range
    if r < 0.85:
        return rng.randint(131072, 401000)       # public 4-byte range
    return rng.randint(4200000000, 4294967294)  # private 4-byte


def as_path(rng, first_as=None):
    for _ in range(100):
        path = [rng.randint(64512, 65534) if first_as is None else first_as]
        path += [rand_asn(rng) for _ in range(rng.randint(1, 5))]
        attr = bgp.BGPPathAttributeAsPath(value=[path], as_pack_str=AS4)
        # os-ken guesses the width on parse: keep only paths it reads as 4-byte.
        val = bytes(attr.serialize_value())
        if not bgp._BGPPathAttributeAsPathCommon._is_valid_16bit_as_path(val):
            return attr
    raise RuntimeError('no unambiguous AS_PATH')


def prefix_len(rng, v6=False):
    if v6:
        return rng.choice([32, 36, 40, 44, 48, 48, 48, 48, 56, 64])
    r = rng.random()
    if r < 0.6:
        return 24
    if r < 0.9:
        return rng.randint(16, 23)
    if r < 0.97:
        return rng.randint(8, 15)
    return rng.choice([25, 26, 27, 28, 29, 30, 32])


def v4_prefix(rng):
    n = prefix_len(rng)
    a = rng.randint(1, 223) << 24 | rng.getrandbits(24)
    a &= (0xffffffff << (32 - n)) & 0xffffffff
    return n, '%d.%d.%d.%d' % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255)


def v6_prefix(rng):
    n = prefix_len(rng, True)
    a = (0x2001 << 112 | rng.getrandbits(112)) if rng.random() < 0.5 else (0x2a00 << 112 | rng.getrandbits(112))
    a &= ((1 << 128) - 1) ^ ((1 << (128 - n)) - 1)
    words = ['%x' % ((a >> (112 - 16 * i)) & 0xffff) for i in range(8)]
    return n, ':'.join(words)


def communities(rng, lo=0, hi=8):
    n = rng.randint(lo, hi)
    if n == 0:
        return []
    return [bgp.BGPPathAttributeCommunities(communities=[
        rng.randint(1, 65535) << 16 | rng.randint(0, 65535) for _ in range(n)])]


def med_lp(rng):
    attrs = []
    if rng.random() < 0.4:
        attrs.append(bgp.BGPPathAttributeMultiExitDisc(value=rng.randint(0, 5000)))
    if rng.random() < 0.5:
        attrs.append(bgp.BGPPathAttributeLocalPref(value=rng.choice([80, 100, 100, 120, 200])))
    return attrs


def next_hop(rng):
    return '192.0.2.%d' % rng.randint(1, 254)


def ipv4_update(rng, withdraw=False):
    attrs = [bgp.BGPPathAttributeOrigin(value=rng.choice([0, 0, 0, 2])), as_path(rng),
             bgp.BGPPathAttributeNextHop(value=next_hop(rng))]
    attrs += med_lp(rng) + communities(rng)
    nlri = [bgp.BGPNLRI(*v4_prefix(rng)) for _ in range(rng.randint(1, 20))]
    wd = [bgp.BGPWithdrawnRoute(*v4_prefix(rng)) for _ in range(rng.randint(1, 5))] if withdraw else []
    return bgp.BGPUpdate(withdrawn_routes=wd, path_attributes=attrs, nlri=nlri)


def ipv4_withdraw(rng):
    wd = [bgp.BGPWithdrawnRoute(*v4_prefix(rng)) for _ in range(rng.randint(1, 20))]
    return bgp.BGPUpdate(withdrawn_routes=wd)


def ipv6_reach(rng):
    nlri = [bgp.IP6AddrPrefix(*v6_prefix(rng)) for _ in range(rng.randint(1, 10))]
    attrs = [bgp.BGPPathAttributeOrigin(value=0), as_path(rng),
             bgp.BGPPathAttributeMpReachNLRI(afi=2, safi=1, next_hop='2001:db8::%x' % rng.randint(1, 0xffff),
                                             nlri=nlri)]
    attrs += med_lp(rng) + communities(rng, 0, 4)
    return bgp.BGPUpdate(path_attributes=attrs)


def ipv6_unreach(rng):
    wd = [bgp.IP6AddrPrefix(*v6_prefix(rng)) for _ in range(rng.randint(1, 10))]
    return bgp.BGPUpdate(path_attributes=[bgp.BGPPathAttributeMpUnreachNLRI(afi=2, safi=1, withdrawn_routes=wd)])


def vpnv4_reach(rng):
    nlri = []
    for _ in range(rng.randint(1, 8)):
        n, a = v4_prefix(rng)
        rd = '65000:%d' % rng.randint(1, 999) if rng.random() < 0.7 else '10.0.0.%d:%d' % (rng.randint(1, 9),
                                                                                          rng.randint(1, 99))
        nlri.append(bgp.LabelledVPNIPAddrPrefix(n, a, labels=[rng.randint(16, 1048575)], route_dist=rd))
    rt = [bgp.BGPTwoOctetAsSpecificExtendedCommunity(subtype=2, as_number=65000,
                                                      local_administrator=rng.randint(1, 999))]
    attrs = [bgp.BGPPathAttributeOrigin(value=0), as_path(rng),
             bgp.BGPPathAttributeMpReachNLRI(afi=1, safi=128, next_hop='10.255.0.%d' % rng.randint(1, 254),
                                             nlri=nlri),
             bgp.BGPPathAttributeLocalPref(value=100),
             bgp.BGPPathAttributeExtendedCommunities(communities=rt)]
    return bgp.BGPUpdate(path_attributes=attrs)


def large_ext(rng):
    u = ipv4_update(rng)
    ext = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.6:
            ext.append(bgp.BGPTwoOctetAsSpecificExtendedCommunity(subtype=2, as_number=rng.randint(1, 65535),
                                                                   local_administrator=rng.randint(0, 1 << 31)))
        else:
            ext.append(bgp.BGPFourOctetAsSpecificExtendedCommunity(subtype=2, as_number=rand_asn(rng),
                                                                    local_administrator=rng.randint(0, 65535)))
    u.path_attributes.append(bgp.BGPPathAttributeExtendedCommunities(communities=ext))
    large = b''.join(struct.pack('!III', rand_asn(rng), rng.randint(0, 1000), rng.randint(0, 100000))
                     for _ in range(rng.randint(1, 4)))
    # os-ken has no LARGE_COMMUNITY class: an unknown attribute, optional transitive, type 32.
    u.path_attributes.append(bgp.BGPPathAttributeUnknown(flags=0xc0, type_=32, value=large))
    return u


KINDS = [(0.72, 'ipv4', lambda r: ipv4_update(r, r.random() < 0.10)),
         (0.08, 'ipv4-withdraw', ipv4_withdraw),
         (0.09, 'ipv6-reach', ipv6_reach),
         (0.03, 'ipv6-unreach', ipv6_unreach),
         (0.05, 'vpnv4', vpnv4_reach),
         (0.03, 'ipv4-large-ext', large_ext)]


def prefixes(m):
    n = len(m.withdrawn_routes) + len(m.nlri)
    for a in m.path_attributes:
        if isinstance(a, bgp.BGPPathAttributeMpReachNLRI):
            n += len(a.nlri)
        elif isinstance(a, bgp.BGPPathAttributeMpUnreachNLRI):
            n += len(a.withdrawn_routes)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--count', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=20261121)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = bytearray()
    tally = {}
    total_prefixes = 0
    for _ in range(args.count):
        x = rng.random()
        for share, kind, make in KINDS:
            if x < share:
                break
            x -= share
        raw = bytes(make(rng).serialize())
        back, _, rest = bgp.BGPMessage.parser(raw)  # os-ken must read what it wrote
        assert not rest and isinstance(back, bgp.BGPUpdate) and bytes(back.serialize()) == raw, kind
        out += raw
        tally[kind] = tally.get(kind, 0) + 1
        total_prefixes += prefixes(back)
    with open(args.out, 'wb') as f:
        f.write(out)
    sys.stderr.write('wrote %d messages (%d bytes, %d prefixes) to %s: %s\n' % (
        args.count, len(out), total_prefixes, args.out,
        ', '.join('%s %d' % kv for kv in sorted(tally.items()))))


if __name__ == '__main__':
    main()
