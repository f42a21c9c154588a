#!/usr/bin/env python3
# Nicira (NX) actions from os-ken itself (run with /usr/bin/python3, python3-os-ken): each action in
# a flow mod, serialized by os-ken; "json" is its to_jsondict(), "parsed" what its parser reads back
# from the bytes (OF1.3; os-ken has no OF1.0 flow-mod parser). Cases os-ken cannot build or turn
# into JSON carry "error" (and "hex" when it could serialize). Argument: 13 or 10.
# Used by tests/openflow/openflow_nx_osken_test.cpp.
import json, sys
from os_ken.ofproto import ofproto_v1_3_parser as p13, ofproto_v1_3 as o13, ofproto_v1_0_parser as p10, ofproto_v1_0 as o10
from os_ken.ofproto import ofproto_parser
def dp(o, p):
    class DP: pass
    d = DP(); d.ofproto = o; d.ofproto_parser = p; d.id = 1
    return d
def actions(p):
    return [
        ("bundle", lambda: p.NXActionBundle(algorithm=1, fields=0, basis=0x1234, slave_type=0x00010004, n_slaves=2, ofs_nbits=0, dst=0, slaves=[1, 2])),
        ("bundle_load", lambda: p.NXActionBundleLoad(algorithm=0, fields=1, basis=50, slave_type=0x00010004, n_slaves=3, ofs_nbits=(4 << 6) | 15, dst="reg0", slaves=[4, 8, 9])),
        ("dec_nsh_ttl", lambda: p.NXActionDecNshTtl()),
        ("encap_ether", lambda: p.NXActionEncapEther()),
        ("encap_nsh", lambda: p.NXActionEncapNsh()),
        ("exit", lambda: p.NXActionExit()),
        ("multipath", lambda: p.NXActionMultipath(fields=0, basis=1024, algorithm=2, max_link=3, arg=4, ofs_nbits=(3 << 6) | 15, dst="reg2")),
        ("output_reg", lambda: p.NXActionOutputReg(ofs_nbits=(4 << 6) | 15, src="reg1", max_len=128)),
        ("output_reg2", lambda: p.NXActionOutputReg2(ofs_nbits=(4 << 6) | 15, src="reg1", max_len=128)),
        ("pop_queue", lambda: p.NXActionPopQueue()),
        ("reg_load2", lambda: p.NXActionRegLoad2(dst="reg3", value=0x1234)),
        ("reg_load2_mask", lambda: p.NXActionRegLoad2(dst="eth_dst", value="00:11:22:33:44:55", mask="ff:ff:ff:00:00:00")),
        ("set_queue", lambda: p.NXActionSetQueue(queue_id=7)),
        ("set_tunnel", lambda: p.NXActionSetTunnel(tun_id=0x12345678)),
        ("set_tunnel64", lambda: p.NXActionSetTunnel64(tun_id=0x123456789abcdef0)),
        ("dec_mpls_ttl", lambda: p.NXActionDecMplsTtl()),
        ("push_mpls", lambda: p.NXActionPushMpls(ethertype=0x8847)),
        ("pop_mpls", lambda: p.NXActionPopMpls(ethertype=0x0800)),
        ("set_mpls_ttl", lambda: p.NXActionSetMplsTtl(ttl=64)),
        ("set_mpls_label", lambda: p.NXActionSetMplsLabel(label=0x12345)),
        ("set_mpls_tc", lambda: p.NXActionSetMplsTc(tc=5)),
        ("dec_ttl", lambda: p.NXActionDecTtl()),
        ("resubmit", lambda: p.NXActionResubmit(in_port=3)),
        ("resubmit_table", lambda: p.NXActionResubmitTable(in_port=3, table_id=4)),
        ("reg_load", lambda: p.NXActionRegLoad(ofs_nbits=(4 << 6) | 15, dst="reg0", value=0x1234)),
        ("reg_move", lambda: p.NXActionRegMove(src_field="reg0", dst_field="reg1", n_bits=16, src_ofs=0, dst_ofs=8)),
        ("note", lambda: p.NXActionNote(note=[1, 2, 3, 4, 5, 6])),
        ("fin_timeout", lambda: p.NXActionFinTimeout(fin_idle_timeout=10, fin_hard_timeout=20)),
        ("controller", lambda: p.NXActionController(max_len=128, controller_id=1, reason=0)),
        ("ct_clear", lambda: p.NXActionCTClear()),
        ("conjunction", lambda: p.NXActionConjunction(clause=1, n_clauses=2, id_=3)),
        ("output_trunc", lambda: p.NXActionOutputTrunc(port=1, max_len=100)),
        ("stack_push", lambda: p.NXActionStackPush(field="reg2", start=0, end=16)),
        ("sample", lambda: p.NXActionSample(probability=100, collector_set_id=1, obs_domain_id=2, obs_point_id=3)),
    ]
ver = sys.argv[1]
if ver == "13":
    d = dp(o13, p13)
    for name, mk in actions(p13):
        try:
            a = mk()
        except Exception as e:
            print(json.dumps({"name": name, "version": 4, "error": repr(e)})); continue
        m = p13.OFPFlowMod(d, cookie=1, table_id=0, command=0, priority=100, buffer_id=0xffffffff, out_port=0xffffffff, out_group=0xffffffff,
                           match=p13.OFPMatch(), instructions=[p13.OFPInstructionActions(o13.OFPIT_APPLY_ACTIONS, [a])])
        try:
            m.xid = 0x11; m.serialize(); wire = bytes(m.buf)
        except Exception as e:
            print(json.dumps({"name": name, "version": 4, "error": "serialize: " + repr(e)})); continue
        v, t, l, x = ofproto_parser.header(wire)
        parsed = ofproto_parser.msg(d, v, t, l, x, wire).to_jsondict()
        try:
            print(json.dumps({"name": name, "version": 4, "hex": wire.hex(), "json": m.to_jsondict(), "parsed": parsed}))
        except Exception as e:
            print(json.dumps({"name": name, "version": 4, "hex": wire.hex(), "error": "to_jsondict: " + repr(e)}))
else:
    d = dp(o10, p10)
    for name, mk in actions(p10):
        try:
            a = mk()
            m = p10.OFPFlowMod(d, p10.OFPMatch(), 1, 0, 0, 0, 100, 0xffffffff, 0xffff, 0, [a])
            m.xid = 0x11; m.serialize(); wire = bytes(m.buf)
        except Exception as e:
            print(json.dumps({"name": name, "version": 1, "error": repr(e)})); continue
        try:
            print(json.dumps({"name": name, "version": 1, "hex": wire.hex(), "json": m.to_jsondict(), "parsed": None}))
        except Exception as e:
            print(json.dumps({"name": name, "version": 1, "hex": wire.hex(), "error": "to_jsondict: " + repr(e)}))
