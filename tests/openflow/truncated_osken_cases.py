#!/usr/bin/env python3
# OpenFlow 1.3 FLOW_MODs cut at every byte, read by os-ken's parser (run with /usr/bin/python3,
# python3-os-ken). One JSON line per (message, cut): {"name", "hex" (the whole message), "cut",
# "json"}: "json" is the to_jsondict() of the partial message os-ken's OFPTruncatedMessage
# carries, or null when os-ken reports no partial message (any other exception).
# Used by tests/openflow/openflow_truncated_test.cpp.
import json
from os_ken.ofproto import ofproto_v1_3_parser as p, ofproto_v1_3 as o, ofproto_parser
from os_ken import exception


class DP:
    ofproto = o
    ofproto_parser = p
    id = 1


dp = DP()


def messages():
    yield "apply", p.OFPFlowMod(
        dp, cookie=0x1234, table_id=1, priority=7,
        match=p.OFPMatch(in_port=3, eth_type=0x800, ipv4_src=('10.0.0.0', '255.0.0.0'), eth_dst='00:11:22:33:44:55'),
        instructions=[p.OFPInstructionGotoTable(2), p.OFPInstructionWriteMetadata(5, 0xff),
                      p.OFPInstructionActions(o.OFPIT_APPLY_ACTIONS, [
                          p.OFPActionOutput(1, 128), p.OFPActionSetField(vlan_vid=0x1005),
                          p.OFPActionPushVlan(0x8100), p.OFPActionSetField(ipv4_dst='10.1.2.3'),
                          p.OFPActionGroup(4), p.OFPActionSetField(eth_src='00:01:02:03:04:05')]),
                      p.OFPInstructionMeter(9)])
    yield "write_clear", p.OFPFlowMod(
        dp, command=o.OFPFC_MODIFY, out_port=o.OFPP_ANY, out_group=o.OFPG_ANY,
        match=p.OFPMatch(eth_type=0x86dd, ipv6_src='2001:db8::1', ip_proto=17, udp_dst=53),
        instructions=[p.OFPInstructionActions(o.OFPIT_WRITE_ACTIONS, [
                          p.OFPActionSetField(ipv6_dst='2001:db8::2'), p.OFPActionOutput(o.OFPP_CONTROLLER, 0xffff),
                          p.OFPActionDecNwTtl(), p.OFPActionSetQueue(3)]),
                      p.OFPInstructionActions(o.OFPIT_CLEAR_ACTIONS, [])])
    yield "match_only", p.OFPFlowMod(
        dp, match=p.OFPMatch(in_port=1, eth_src=('00:00:00:00:00:01', 'ff:ff:ff:00:00:00'), vlan_vid=0x1064,
                             eth_type=0x800, ip_proto=6, ipv4_dst=('192.168.0.0', '255.255.0.0'), tcp_src=80,
                             metadata=(0x1122334455667788, 0xffff0000ffff0000)),
        instructions=[])


for name, m in messages():
    m.xid = 0x55
    m.serialize()
    w = bytes(m.buf)
    for k in range(8, len(w)):
        try:
            ofproto_parser.msg(dp, 4, 14, len(w), 0x55, w[:k])
            j = None
        except exception.OFPTruncatedMessage as e:
            j = e.ofpmsg.to_jsondict()
        except Exception:
            j = None
        print(json.dumps({"name": name, "hex": w.hex(), "cut": k, "json": j}))
