#!/usr/bin/python3
"""Expectation generator for tests/mrt/osken_json_test.cpp: os-ken's mrtlib reads an MRT file
(plain, gzip or bzip2) and prints each record's to_jsondict() as one JSON line.

A Python set (an AS_SET segment) becomes {"AS_SET": [ascending ASNs]}, as
shared/docs/json-conventions.md §9 says. A record os-ken cannot parse or show prints
{"osken_error": "..."} (the test skips that record).

usage: /usr/bin/python3 osken_mrt.py FILE
"""
import bz2
import gzip
import io
import json
import sys

from os_ken.lib import mrtlib


def default(o):
    if isinstance(o, (set, frozenset)):
        return {"AS_SET": sorted(o)}
    raise TypeError(type(o).__name__)


def main():
    data = open(sys.argv[1], "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif data[:3] == b"BZh":
        data = bz2.decompress(data)
    buf = io.BytesIO(data)
    out = sys.stdout
    while True:
        pos = buf.tell()
        hdr = buf.read(12)
        if len(hdr) < 12:
            break
        length = int.from_bytes(hdr[8:12], "big")
        buf.seek(pos)
        raw = buf.read(12 + length)
        if len(raw) < 12 + length:
            break
        try:
            rec, _ = mrtlib.MrtRecord.parse(raw)
            line = json.dumps(rec.to_jsondict(), default=default, sort_keys=True)
        except Exception as e:  # noqa: BLE001 - os-ken's own limits
            line = json.dumps({"osken_error": "%s: %s" % (type(e).__name__, e)})
        out.write(line + "\n")


if __name__ == "__main__":
    main()
