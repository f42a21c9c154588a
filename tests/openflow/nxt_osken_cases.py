#!/usr/bin/env python3
# OpenFlow 1.0 Nicira vendor messages (NXT*) and NX vendor statistics from os-ken itself (run with
# /usr/bin/python3, python3-os-ken). One JSON line per case: {"name", "kind", "hex", "json", "py"}.
#  kind "ser":    os-ken builds and serializes the message; "json" is its to_jsondict().
#  kind "parsed": bytes packed here from the layouts of os-ken's nicira_ext.py and read by os-ken's
#                 parser; "json" is the to_jsondict() of what it parsed (for a vendor message, the
#                 NXT object os-ken keeps in OFPVendor.data).
#  kind "packed": bytes packed here that os-ken reads into objects it cannot turn into JSON (an
#                 NXM match becomes nx_match.NXMatch / MFField); "json" is null and "expect" holds
#                 the packed values of the plain fields.
# Also OpenFlow 1.5 OFPActionCopyField in a flow mod (kind "ser", "version": 6): os-ken serializes
# it, but its parser cannot read it back (it reads the ids from `len` bytes *after* the fixed part,
# so padding and the next action become extra ids and its two-id assertion fails).
# Used by tests/openflow/openflow_nxt_osken_test.cpp.
import json, struct, sys
from os_ken.ofproto import ofproto_v1_0_parser as p, ofproto_v1_0 as o, nx_match
from os_ken.ofproto import ofproto_parser
class DP:
    ofproto = o; ofproto_parser = p
    id = 1
dp = DP()
XID = 0x2468ace0
def emit(name, kind, wire, j, py, expect=None, version=1):
    print(json.dumps({"name": name, "kind": kind, "hex": wire.hex(), "json": j, "py": py, "expect": expect, "version": version}))
def ser(name, m, py):
    m.xid = XID; m.serialize(); emit(name, "ser", bytes(m.buf), m.to_jsondict(), py)
def osken_parse(wire):
    v, t, l, x = ofproto_parser.header(wire)
    return ofproto_parser.msg(dp, v, t, l, x, wire)
def vendor_msg(sub, body):
    b = struct.pack('!II', 0x2320, sub) + body
    return struct.pack('!BBHI', 1, o.OFPT_VENDOR, 8 + len(b), XID) + b
def nx_stats_reply(sub, body):
    b = struct.pack('!HHII4x', o.OFPST_VENDOR, 0, 0x2320, sub) + body
    return struct.pack('!BBHI', 1, o.OFPT_STATS_REPLY, 8 + len(b), XID) + b
def pad8(b):
    return b + b'\0' * ((8 - len(b) % 8) % 8)
MAC1, MAC2 = b'\x00\x11\x22\x33\x44\x55', b'\xaa\xbb\xcc\xdd\xee\xff'

# ClsRules covering every field os-ken's serialize_nxm_match writes.
def rule_ip():
    r = nx_match.ClsRule(); r.set_in_port(3); r.set_dl_type(0x800); r.set_nw_src(0x0a000001); return r
def rule_tcp():
    r = nx_match.ClsRule()
    r.set_dl_dst_masked(MAC1, b'\xff\xff\xff\x00\x00\x00'); r.set_dl_src(MAC2); r.set_dl_type(0x800)
    r.set_dl_tci_masked(0x1064, 0x1fff); r.set_nw_dscp(0x28); r.set_nw_ecn(1); r.set_nw_ttl(64); r.set_nw_proto(6)
    r.set_tp_src(80); r.set_tp_dst_masked(0x1000, 0xf000); r.set_tcp_flags(0x12, 0xff)
    r.set_nw_src_masked(0xc0a80000, 0xffff0000); r.set_nw_dst(0xc0a80101); r.set_nw_frag(1)
    r.set_pkt_mark_masked(0x55, 0xff); r.set_tun_id_masked(0x1234, 0xffff); r.set_reg(0, 7); r.set_reg_masked(3, 0x10, 0xf0)
    return r
def rule_udp():
    r = nx_match.ClsRule(); r.set_dl_type(0x800); r.set_nw_proto(17); r.set_tp_src(53); r.set_tp_dst(5353)
    r.set_nw_dst_masked(0x0a000000, 0xff000000); r.set_dl_tci(0x1005); r.set_nw_frag_masked(2, 3); r.set_tun_id(0xabcdef)
    return r
def rule_arp():
    r = nx_match.ClsRule(); r.set_dl_type(0x806); r.set_arp_spa(0x0a000001); r.set_arp_tpa_masked(0x0a000000, 0xffffff00)
    r.set_arp_sha(MAC1); r.set_arp_tha(MAC2); return r
def rule_icmp():
    r = nx_match.ClsRule(); r.set_dl_type(0x800); r.set_nw_proto(1); r.set_icmp_type(8); r.set_icmp_code(0); return r
def rule_ipv6():
    r = nx_match.ClsRule(); r.set_dl_type(0x86dd); r.set_nw_proto(58); r.set_icmpv6_type(135); r.set_icmpv6_code(0)
    r.set_ipv6_src([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]); r.set_ipv6_dst_masked([0x2001, 0xdb8, 1, 0, 0, 0, 0, 0], [0xffff] * 4 + [0] * 4)
    r.set_ipv6_label(0x12345); r.set_nd_target([0x20010db8, 0, 0, 2]); return r
RULES = [("ip", rule_ip), ("tcp", rule_tcp), ("udp", rule_udp), ("arp", rule_arp), ("icmp", rule_icmp), ("ipv6", rule_ipv6)]

# ---- os-ken serializes ----
ser("set_flow_format", p.NXTSetFlowFormat(dp, o.NXFF_NXM), "NXTSetFlowFormat(dp, NXFF_NXM)")
ser("role_request", p.NXTRoleRequest(dp, o.NX_ROLE_MASTER), "NXTRoleRequest(dp, NX_ROLE_MASTER)")
ser("flow_mod_table_id", p.NXTFlowModTableId(dp, 1), "NXTFlowModTableId(dp, 1)")
ser("set_packet_in_format", p.NXTSetPacketInFormat(dp, o.NXPIF_NXM), "NXTSetPacketInFormat(dp, NXPIF_NXM)")
ser("flow_age", p.NXTFlowAge(dp), "NXTFlowAge(dp)")
ser("set_async_config", p.NXTSetAsyncConfig(dp, [1, 2], [3, 4], [5, 6]), "NXTSetAsyncConfig(dp, [1, 2], [3, 4], [5, 6])")
ser("set_controller_id", p.NXTSetControllerId(dp, 7), "NXTSetControllerId(dp, 7)")
for rn, mk in RULES:
    ser("flow_mod_" + rn, p.NXTFlowMod(dp, 0x1122334455667788, 0, idle_timeout=10, hard_timeout=20, priority=100, flags=1,
                                       rule=mk(), actions=[p.OFPActionOutput(2), p.NXActionResubmitTable(in_port=1, table_id=2)]),
        "NXTFlowMod(dp, cookie, ADD, rule=rule_%s(), actions=[output 2, resubmit_table])" % rn)
ser("flow_mod_empty_rule", p.NXTFlowMod(dp, 1, 3, rule=nx_match.ClsRule()), "NXTFlowMod(dp, 1, DELETE, rule=ClsRule())")
ser("flow_stats_request", p.NXFlowStatsRequest(dp, 0, 0xffff, 0xff, rule=rule_tcp()), "NXFlowStatsRequest(dp, 0, OFPP_NONE, 0xff, rule_tcp())")
ser("flow_stats_request_all", p.NXFlowStatsRequest(dp, 0, 0xffff, 0xff), "NXFlowStatsRequest(dp, 0, OFPP_NONE, 0xff) (no rule)")
ser("aggregate_stats_request", p.NXAggregateStatsRequest(dp, 0, 2, 1, rule=rule_arp()), "NXAggregateStatsRequest(dp, 0, 2, 1, rule_arp())")
ser("aggregate_stats_request_all", p.NXAggregateStatsRequest(dp, 0, 0xffff, 0xff), "NXAggregateStatsRequest(dp, 0, OFPP_NONE, 0xff)")

# ---- os-ken parses (bytes from nicira_ext.py's layouts) ----
wire = vendor_msg(o.NXT_ROLE_REPLY, struct.pack(o.NX_ROLE_PACK_STR, o.NX_ROLE_SLAVE))
emit("role_reply", "parsed", wire, osken_parse(wire).data.to_jsondict(), "NXTRoleReply bytes (NX_ROLE_PACK_STR)")
acts = struct.pack('!HHHH', o.OFPAT_OUTPUT, 8, 1, 0xffe5) + struct.pack('!HHH2x', o.OFPAT_SET_VLAN_VID, 8, 100)
def nx_flow_stats(nxm, actions, **k):
    fixed_len = struct.calcsize(o.NX_FLOW_STATS_PACK_STR)
    body = pad8(nxm) + actions
    return struct.pack(o.NX_FLOW_STATS_PACK_STR, fixed_len + len(body), k.get("table_id", 0), 10, 20, 100, 5, 6, len(nxm),
                       7, 8, 0x99, 3, 300) + body
wire = nx_stats_reply(o.NXST_FLOW, nx_flow_stats(b'', acts) + nx_flow_stats(b'', b'', table_id=1))
emit("flow_stats_reply", "parsed", wire, osken_parse(wire).to_jsondict(), "NXFlowStatsReply two NXFlowStats without match")
wire = nx_stats_reply(o.NXST_FLOW, b'')
emit("flow_stats_reply_empty", "parsed", wire, osken_parse(wire).to_jsondict(), "NXFlowStatsReply no flows")
wire = nx_stats_reply(o.NXST_AGGREGATE, struct.pack(o.NX_AGGREGATE_STATS_REPLY_PACK_STR, 10, 1000, 3))
emit("aggregate_stats_reply", "parsed", wire, osken_parse(wire).to_jsondict(), "NXAggregateStatsReply")

# ---- os-ken parses into objects without JSON (an NXM match) ----
def nxm_of(rule):
    b = bytearray(); n = nx_match.serialize_nxm_match(rule, b, 0); return bytes(b[:n])
nxm = nxm_of(rule_tcp())
fr = dict(cookie=0x1122, priority=100, reason=1, duration_sec=10, duration_nsec=20, idle_timeout=30, match_len=len(nxm), packet_count=5, byte_count=500)
wire = vendor_msg(o.NXT_FLOW_REMOVED, struct.pack(o.NX_FLOW_REMOVED_PACK_STR, *fr.values()) + pad8(nxm))
m = osken_parse(wire).data
assert m.cookie == fr["cookie"] and m.match_len == len(nxm) and m.byte_count == 500
emit("flow_removed", "packed", wire, None, "NXTFlowRemoved with rule_tcp()'s NXM match", dict(fr, subtype=o.NXT_FLOW_REMOVED, vendor=0x2320))
frame = bytes(range(64))
pi = dict(buffer_id=0xffffffff, total_len=len(frame), reason=0, table_id=1, cookie=0xabc, match_len=len(nxm_of(rule_ip())))
wire = vendor_msg(o.NXT_PACKET_IN, struct.pack(o.NX_PACKET_IN_PACK_STR, *pi.values()) + pad8(nxm_of(rule_ip())) + frame)
m = osken_parse(wire).data
assert bytes(m.frame) == frame and m.total_len == len(frame)
emit("packet_in", "packed", wire, None, "NXTPacketIn with rule_ip()'s NXM match and a 64-byte frame", dict(pi, subtype=o.NXT_PACKET_IN, vendor=0x2320))
# (os-ken's NXFlowStats parser knows only a few NXM fields: in_port, eth_type and ip_src are among them)
wire = nx_stats_reply(o.NXST_FLOW, nx_flow_stats(nxm_of(rule_ip()), acts))
m = osken_parse(wire)
assert len(m.body) == 1 and m.body[0].match_len == len(nxm_of(rule_ip())) and len(m.body[0].fields) == 3
emit("flow_stats_reply_match", "packed", wire, None, "NXFlowStatsReply with rule_ip()'s NXM match",
     dict(table_id=0, duration_sec=10, duration_nsec=20, priority=100, idle_timeout=5, hard_timeout=6, match_len=len(nxm_of(rule_ip())),
          idle_age=7, hard_age=8, cookie=0x99, packet_count=3, byte_count=300))

# ---- OpenFlow 1.5 copy-field (os-ken serializes only) ----
from os_ken.ofproto import ofproto_v1_5_parser as p15, ofproto_v1_5 as o15
class DP15:
    ofproto = o15; ofproto_parser = p15
    id = 1
for name, n_bits, so, do, ids in [("copy_field", 32, 1, 2, ["eth_src", "reg3"]), ("copy_field_ipv4", 16, 0, 16, ["ipv4_src", "ipv4_dst"])]:
    a = p15.OFPActionCopyField(n_bits=n_bits, src_offset=so, dst_offset=do, oxm_ids=[p15.OFPOxmId(type_=t) for t in ids])
    m = p15.OFPFlowMod(DP15(), cookie=1, table_id=0, command=0, priority=100, buffer_id=0xffffffff, out_port=0xffffffff,
                       out_group=0xffffffff, match=p15.OFPMatch(),
                       instructions=[p15.OFPInstructionActions(o15.OFPIT_APPLY_ACTIONS, [a, p15.OFPActionOutput(1)])])
    m.xid = XID; m.serialize()
    emit(name, "ser", bytes(m.buf), m.to_jsondict(), "OFPFlowMod applying OFPActionCopyField(%d, %d, %d, %s) and output 1" % (n_bits, so, do, ids), version=6)
