#!/usr/bin/env python3
# OpenFlow 1.0 messages beyond the os-ken fixture files, from os-ken itself (run with
# /usr/bin/python3, python3-os-ken): controller-to-switch messages as os-ken serializes them,
# switch-to-controller messages (which os-ken only parses) as bytes packed here by the OpenFlow
# 1.0 specification's structure layouts and read by os-ken's parser. One JSON line per case:
# {"name", "hex", "json" (os-ken's to_jsondict()), "py" (what made it)}.
# Used by tests/openflow/openflow_of10_osken_test.cpp.
import json, sys, struct
from os_ken.ofproto import ofproto_v1_0_parser as p, ofproto_v1_0 as o
from os_ken.ofproto import ofproto_parser
class DP:
    ofproto = o; ofproto_parser = p
    id = 1
dp = DP()
XID = 0x12345678
def match():
    return p.OFPMatch(wildcards=0x3820ff, in_port=3, dl_src=b'\x00\x11\x22\x33\x44\x55', dl_dst=b'\xaa\xbb\xcc\xdd\xee\xff', dl_vlan=0x123, dl_vlan_pcp=5, dl_type=0x800, nw_tos=4, nw_proto=6, nw_src=0xc0000201, nw_dst=0xc0000202, tp_src=1234, tp_dst=80)
def match_bytes():
    b = bytearray(); match().serialize(b, 0); return bytes(b)
def emit(name, wire, j, py):
    print(json.dumps({"name": name, "hex": wire.hex(), "json": j, "py": py}))
def ser(name, m, py):
    m.xid = XID; m.serialize(); emit(name, bytes(m.buf), m.to_jsondict(), py)
def parsed(name, typ, body, py):
    wire = struct.pack('!BBHI', 1, typ, 8 + len(body), XID) + body
    v, t, l, x = ofproto_parser.header(wire)
    mm = ofproto_parser.msg(dp, v, t, l, x, wire)
    emit(name, wire, mm.to_jsondict(), py)
mb = match_bytes()
name16 = lambda s, n: s.encode().ljust(n, b'\0')
phy = struct.pack('!H6s16sIIIIII', 2, b'\x02\x00\x00\x00\x00\x02', name16('eth0', 16), 1, 2, 0x2c0, 0x2c0, 0x2ff, 0)
# switch -> controller (os-ken parses only): bytes per OpenFlow 1.0 spec
parsed("flow_removed", 11, mb + struct.pack('!QHBxIIH2xQQ', 0x1122334455667788, 0x8000, 1, 10, 20, 30, 40, 50), "OFPFlowRemoved bytes (spec 5.4.2)")
parsed("port_status", 12, struct.pack('!B7x', 2) + phy, "OFPPortStatus reason=2 (modify)")
desc = name16('Nicira', 256) + name16('Open vSwitch', 256) + name16('3.1.0', 256) + name16('None', 32) + name16('wkbr0', 256)
parsed("desc_stats_reply", 17, struct.pack('!HH', 0, 0) + desc, "OFPDescStatsReply")
acts = struct.pack('!HHHH', 0, 8, 1, 0xffe5) + struct.pack('!HHH2x', 1, 8, 100)
fs = mb + struct.pack('!IIHHH6xQQQ', 5, 6, 100, 10, 20, 0xabcdef, 7, 700) + acts
fs = struct.pack('!HBx', 4 + len(fs), 0) + fs
parsed("flow_stats_reply", 17, struct.pack('!HH', 1, 0) + fs + fs, "OFPFlowStatsReply two OFPFlowStats with output+vlan_vid actions")
parsed("flow_stats_reply_empty", 17, struct.pack('!HH', 1, 0), "OFPFlowStatsReply no flows")
parsed("aggregate_stats_reply", 17, struct.pack('!HH', 2, 0) + struct.pack('!QQI4x', 10, 1000, 3), "OFPAggregateStatsReply")
ts = struct.pack('!B3x32sIIIQQ', 0, name16('classifier', 32), 0x3fffff, 1000000, 2, 30, 20)
parsed("table_stats_reply", 17, struct.pack('!HH', 3, 1) + ts + ts, "OFPTableStatsReply flags=1 (more)")
ps = struct.pack('!H6x12Q', 1, *range(1, 13))
parsed("port_stats_reply", 17, struct.pack('!HH', 4, 0) + ps, "OFPPortStatsReply")
qs = struct.pack('!H2xIQQQ', 1, 7, 100, 10, 1)
parsed("queue_stats_reply", 17, struct.pack('!HH', 5, 0) + qs, "OFPQueueStatsReply")
parsed("vendor_stats_reply", 17, struct.pack('!HH', 0xffff, 0) + struct.pack('!I', 0x00abcdef) + b'\x01\x02\x03\x04', "OFPVendorStatsReply unknown vendor")
q = struct.pack('!IH2x', 7, 8 + 16) + struct.pack('!HH4xH6x', 1, 16, 500)
q2 = struct.pack('!IH2x', 8, 8 + 8) + struct.pack('!HH4x', 0, 8)
parsed("queue_get_config_reply", 21, struct.pack('!H6x', 1) + q + q2, "OFPQueueGetConfigReply min-rate + none properties")
# controller -> switch (os-ken serializes)
ser("port_mod", p.OFPPortMod(dp, 2, '02:00:00:00:00:02', 1, 1, 0x2c0), "OFPPortMod(dp, 2, hw_addr, config=1, mask=1, advertise=0x2c0)")
ser("desc_stats_request", p.OFPDescStatsRequest(dp, 0), "OFPDescStatsRequest(dp, 0)")
ser("flow_stats_request", p.OFPFlowStatsRequest(dp, 0, match(), 0xff, 0xffff), "OFPFlowStatsRequest(dp, 0, match, 0xff, OFPP_NONE)")
ser("aggregate_stats_request", p.OFPAggregateStatsRequest(dp, 0, match(), 1, 3), "OFPAggregateStatsRequest(dp, 0, match, 1, 3)")
ser("table_stats_request", p.OFPTableStatsRequest(dp, 0), "OFPTableStatsRequest(dp, 0)")
ser("port_stats_request", p.OFPPortStatsRequest(dp, 0, 0xffff), "OFPPortStatsRequest(dp, 0, OFPP_NONE)")
ser("queue_stats_request", p.OFPQueueStatsRequest(dp, 0, 0xfffc, 0xffffffff), "OFPQueueStatsRequest(dp, 0, OFPP_ALL, OFPQ_ALL)")
ser("vendor_stats_request", p.OFPVendorStatsRequest(dp, 0, 0x00abcdef, b'\x01\x02\x03\x04'), "OFPVendorStatsRequest(dp, 0, 0xabcdef, b'\\x01\\x02\\x03\\x04')")
ser("queue_get_config_request", p.OFPQueueGetConfigRequest(dp, 1), "OFPQueueGetConfigRequest(dp, 1)")
