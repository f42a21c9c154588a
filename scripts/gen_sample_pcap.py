#!/usr/bin/python3
"""Write examples/data/sample.pcap: a small capture built with os-ken's packet library.

The frames come from os-ken (an implementation independent of wirekit), so the demo and any
test that reads this file decode bytes that wirekit did not produce. Run it with Debian's
python3, where python3-os-ken is installed:

    /usr/bin/python3 scripts/gen_sample_pcap.py [OUT]     # default examples/data/sample.pcap

The output is deterministic (fixed timestamps), so re-running it gives the same file.
"""
import os
import sys

from os_ken.lib import pcaplib
from os_ken.lib.packet import (arp, ether_types, ethernet, icmp, icmpv6, in_proto, ipv4,
                               ipv6, mpls, packet, tcp, udp, vlan)

MAC_A = "02:00:00:00:00:0a"
MAC_B = "02:00:00:00:00:0b"


def frame(*layers, payload=None):
    p = packet.Packet()
    for layer in layers:
        p.add_protocol(layer)
    if payload is not None:
        p.add_protocol(payload)
    p.serialize()
    return bytes(p.data)


def frames():
    out = []
    # 1. Ethernet / IPv4 / UDP with a few payload bytes.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="192.0.2.1", dst="198.51.100.7", proto=in_proto.IPPROTO_UDP, ttl=64,
                  identification=0x1234, flags=2),
        udp.udp(src_port=40000, dst_port=5000),
        payload=b"hello wirekit\n"))
    # 2. Ethernet / 802.1Q VLAN 100 / IPv4 / TCP with NOP, NOP, timestamps options and data.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_8021Q),
        vlan.vlan(pcp=3, cfi=0, vid=100, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="10.0.0.1", dst="10.0.0.2", proto=in_proto.IPPROTO_TCP, ttl=63, tos=0x10,
                  identification=7),
        tcp.tcp(src_port=51000, dst_port=8080, seq=1000, ack=2000, bits=tcp.TCP_ACK | tcp.TCP_PSH,
                window_size=501,
                option=[tcp.TCPOptionNoOperation(), tcp.TCPOptionNoOperation(),
                        tcp.TCPOptionTimestamps(ts_val=123456, ts_ecr=654321)]),
        payload=b"GET / HTTP/1.0\r\n\r\n"))
    # 3. Ethernet / QinQ (802.1ad S-VLAN 10 + 802.1Q C-VLAN 20) / IPv6 / UDP.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_8021AD),
        vlan.svlan(pcp=1, cfi=0, vid=10, ethertype=ether_types.ETH_TYPE_8021Q),
        vlan.vlan(pcp=0, cfi=0, vid=20, ethertype=ether_types.ETH_TYPE_IPV6),
        ipv6.ipv6(src="2001:db8::1", dst="2001:db8::2", nxt=in_proto.IPPROTO_UDP, hop_limit=64,
                  flow_label=0x12345),
        udp.udp(src_port=33000, dst_port=9999),
        payload=b"\x00\x01\x02\x03qinq"))
    # 4. Ethernet / MPLS (label 1000, bottom of stack) / IPv4 / ICMP echo request.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_MPLS),
        mpls.mpls(label=1000, exp=0, bsb=1, ttl=64),
        ipv4.ipv4(src="192.0.2.10", dst="192.0.2.20", proto=in_proto.IPPROTO_ICMP, ttl=64),
        icmp.icmp(type_=icmp.ICMP_ECHO_REQUEST, code=0,
                  data=icmp.echo(id_=0x4242, seq=1, data=b"ping over mpls"))))
    # 5. Ethernet / ARP request.
    out.append(frame(
        ethernet.ethernet(dst="ff:ff:ff:ff:ff:ff", src=MAC_A, ethertype=ether_types.ETH_TYPE_ARP),
        arp.arp(opcode=arp.ARP_REQUEST, src_mac=MAC_A, src_ip="192.0.2.1",
                dst_mac="00:00:00:00:00:00", dst_ip="192.0.2.254")))
    # 6. Ethernet / IPv6 / ICMPv6 echo request.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_IPV6),
        ipv6.ipv6(src="fe80::1", dst="fe80::2", nxt=in_proto.IPPROTO_ICMPV6, hop_limit=255),
        icmpv6.icmpv6(type_=icmpv6.ICMPV6_ECHO_REQUEST, code=0,
                      data=icmpv6.echo(id_=7, seq=3, data=b"ping6"))))
    # 7. Ethernet / IPv4 / TCP SYN with MSS, SACK permitted, timestamps, NOP, window scale.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="192.0.2.1", dst="203.0.113.5", proto=in_proto.IPPROTO_TCP, ttl=64,
                  flags=2, identification=0),
        tcp.tcp(src_port=45678, dst_port=443, seq=0x0badcafe, ack=0, bits=tcp.TCP_SYN,
                window_size=64240,
                option=[tcp.TCPOptionMaximumSegmentSize(max_seg_size=1460),
                        tcp.TCPOptionSACKPermitted(),
                        tcp.TCPOptionTimestamps(ts_val=1, ts_ecr=0),
                        tcp.TCPOptionNoOperation(),
                        tcp.TCPOptionWindowScale(shift_cnt=7)])))
    # 8. Ethernet with an ethertype nobody decodes (0x88b5, IEEE local experimental).
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=0x88b5),
        payload=b"opaque experimental payload"))
    # 9. Ethernet / IPv6 / TCP ACK with data.
    out.append(frame(
        ethernet.ethernet(dst=MAC_A, src=MAC_B, ethertype=ether_types.ETH_TYPE_IPV6),
        ipv6.ipv6(src="2001:db8::2", dst="2001:db8::1", nxt=in_proto.IPPROTO_TCP, hop_limit=61),
        tcp.tcp(src_port=443, dst_port=45678, seq=1, ack=0x0badcaff,
                bits=tcp.TCP_ACK | tcp.TCP_PSH, window_size=1024),
        payload=b"\x16\x03\x01\x00\x05hello"))
    # 10. Ethernet / IPv4 / UDP with an empty payload.
    out.append(frame(
        ethernet.ethernet(dst=MAC_B, src=MAC_A, ethertype=ether_types.ETH_TYPE_IP),
        ipv4.ipv4(src="198.51.100.7", dst="192.0.2.1", proto=in_proto.IPPROTO_UDP, ttl=32),
        udp.udp(src_port=5000, dst_port=40000)))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "examples", "data", "sample.pcap")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as f:
        w = pcaplib.Writer(f)
        for i, buf in enumerate(frames()):
            w.write_pkt(buf, ts=1700000000 + i + 0.25)
        del w
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
