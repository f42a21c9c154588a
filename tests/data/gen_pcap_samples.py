#!/usr/bin/python3
"""Writes the capture samples in tests/data/pcap/ by hand, following the file format specs
(pcap: https://www.tcpdump.org/manpages/pcap-savefile.5.html; pcapng:
draft-ietf-opsawg-pcapng), independently of wirekit's and libpcap's writers.

The frames are tests/data/cli/udp4.bin and tests/data/cli/arp.bin (os-ken generated).
Expected values (timestamps, lengths) are restated in tests/pcap/pcap_test.cpp.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pcap")


def frame(name):
    with open(os.path.join(HERE, "cli", name + ".bin"), "rb") as f:
        return f.read()


UDP4 = frame("udp4")
ARP = frame("arp")


def pcap(endian, magic, linktype, records, snaplen=65535):
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for sec, frac, data, orig in records:
        out += struct.pack(endian + "IIII", sec, frac, len(data), orig) + data
    return out


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def option(e, code, value):
    return struct.pack(e + "HH", code, len(value)) + pad4(value)


def block(e, btype, body):
    total = 12 + len(body)
    return struct.pack(e + "II", btype, total) + body + struct.pack(e + "I", total)


def pcapng(e, tsresol_exp):
    shb = block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1)
                + option(e, 4, b"wirekit test generator") + option(e, 0, b""))
    idb_opts = option(e, 2, b"eth0")
    if tsresol_exp is not None:
        idb_opts += option(e, 9, bytes([tsresol_exp]))
    idb_opts += option(e, 0, b"")
    idb = block(e, 1, struct.pack(e + "HHI", 1, 0, 0) + idb_opts)
    units = 10 ** (6 if tsresol_exp is None else tsresol_exp)

    def epb(sec, frac_units, data, comment=None):
        ts = sec * units + frac_units
        body = struct.pack(e + "IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), len(data)) + pad4(data)
        if comment:
            body += option(e, 1, comment) + option(e, 0, b"")
        return block(e, 6, body)

    # An Interface Statistics Block between the packets: readers must skip it.
    isb = block(e, 5, struct.pack(e + "III", 0, 0, 0) + option(e, 0, b""))
    return shb + idb + epb(1700000000, 123456 * (units // 10**6), UDP4, b"first frame") + isb + \
        epb(1700000001, 1 * (units // 10**6), ARP)


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        # little-endian, microseconds
        "le_usec.pcap": pcap("<", 0xA1B2C3D4, 1, [(1700000000, 123456, UDP4, len(UDP4)),
                                                  (1700000001, 1, ARP, len(ARP))]),
        # big-endian, nanoseconds (magic a1b23c4d)
        "be_nsec.pcap": pcap(">", 0xA1B23C4D, 1, [(1700000000, 123456789, UDP4, len(UDP4)),
                                                  (1700000001, 999, ARP, len(ARP))]),
        # one frame snapped to 34 bytes (orig 82)
        "snapped.pcap": pcap("<", 0xA1B2C3D4, 1, [(5, 6, UDP4[:34], len(UDP4))], snaplen=34),
        # record header promises 100 bytes, 10 follow
        "truncated.pcap": pcap("<", 0xA1B2C3D4, 1, [(1, 2, UDP4, len(UDP4))])
                          + struct.pack("<IIII", 3, 4, 100, 100) + UDP4[:10],
        # link type 101 (raw IP) - not Ethernet
        "raw_ip.pcap": pcap("<", 0xA1B2C3D4, 101, [(1, 0, UDP4[14:], len(UDP4) - 14)]),
        "le.pcapng": pcapng("<", None),
        "be_nsec.pcapng": pcapng(">", 9),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
