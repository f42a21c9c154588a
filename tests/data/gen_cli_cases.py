#!/usr/bin/python3
"""Generates tests/data/cli/*.bin + *.json with os-ken (run with /usr/bin/python3).

Each case is one Ethernet frame built and serialized by os-ken; the .json is os-ken's own
decode of those bytes (to_jsondict() per header, raw bytes as {"payload": <base64>}), i.e.
the expectation comes from os-ken, not from wirekit. Frames are at least 60 bytes long so
that no Ethernet padding is involved. Only headers whose JSON form is settled are used
(ethernet, vlan, svlan, mpls, arp, ipv4, udp).
"""
import base64
import json
import os

from os_ken.lib.packet import arp, ethernet, ipv4, mpls, packet, udp, vlan
from os_ken.lib.packet import ether_types

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli")


def to_json(pkt):
    out = []
    for p in pkt.protocols:
        if isinstance(p, (bytes, bytearray)):
            out.append({"payload": base64.b64encode(bytes(p)).decode()})
        else:
            out.append(p.to_jsondict())
    return out


def build(*hdrs):
    pkt = packet.Packet()
    for h in hdrs:
        pkt.add_protocol(h)
    pkt.serialize()
    return bytes(pkt.data)


PAYLOAD = bytes(range(1, 41))  # 40 non-zero bytes: no trailing zeros, no Ethernet padding

CASES = {
    "udp4": build(
        ethernet.ethernet(dst="00:11:22:33:44:55", src="66:77:88:99:aa:bb", ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="192.0.2.1", dst="198.51.100.7", proto=17, ttl=64, identification=0x1234, flags=2, tos=0x10),
        udp.udp(src_port=40000, dst_port=9999),
        PAYLOAD),
    "arp": build(
        ethernet.ethernet(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:00:01", ethertype=ether_types.ETH_TYPE_ARP),
        arp.arp(opcode=1, src_mac="02:00:00:00:00:01", src_ip="10.1.2.3", dst_mac="00:00:00:00:00:00",
                dst_ip="10.1.2.254"),
        b"\xaa" * 18),
    "vlan_udp4": build(
        ethernet.ethernet(dst="00:11:22:33:44:55", src="66:77:88:99:aa:bb", ethertype=ether_types.ETH_TYPE_8021Q),
        vlan.vlan(pcp=5, cfi=0, vid=100, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="10.0.0.1", dst="10.0.0.2", proto=17),
        udp.udp(src_port=1234, dst_port=5678),
        PAYLOAD),
    "qinq_udp4": build(
        ethernet.ethernet(dst="00:11:22:33:44:55", src="66:77:88:99:aa:bb", ethertype=ether_types.ETH_TYPE_8021AD),
        vlan.svlan(pcp=3, cfi=0, vid=200, ethertype=ether_types.ETH_TYPE_8021Q),
        vlan.vlan(pcp=1, cfi=1, vid=4000, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="172.16.0.1", dst="172.16.0.2", proto=17, ttl=3),
        udp.udp(src_port=5000, dst_port=5001),
        PAYLOAD),
    "mpls_udp4": build(
        ethernet.ethernet(dst="00:11:22:33:44:55", src="66:77:88:99:aa:bb", ethertype=ether_types.ETH_TYPE_MPLS),
        mpls.mpls(label=16, exp=0, bsb=0, ttl=64),
        mpls.mpls(label=1048575, exp=7, bsb=1, ttl=1),
        ipv4.ipv4(src="192.168.1.1", dst="192.168.1.2", proto=17),
        udp.udp(src_port=7, dst_port=7),
        PAYLOAD),
    "ipv4_options_udp": build(
        ethernet.ethernet(dst="00:11:22:33:44:55", src="66:77:88:99:aa:bb", ethertype=ether_types.ETH_TYPE_IP),
        # Record Route (type 7, len 7, pointer 4, one empty slot) + EOL: 8 option bytes.
        ipv4.ipv4(header_length=7, src="192.0.2.9", dst="192.0.2.10", proto=17,
                  option=bytes([7, 7, 4, 0, 0, 0, 0, 0])),
        udp.udp(src_port=3000, dst_port=53000),
        PAYLOAD),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in CASES.items():
        assert len(data) >= 60, name
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(data)
        decoded = packet.Packet(data)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(to_json(decoded), f, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
