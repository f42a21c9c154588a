#!/usr/bin/python3
"""os-ken-made BGP UPDATEs for every EVPN route / ESI type, FlowSpec family and component,
extended community kind and PMSI tunnel form (tests/bgp/families_osken_test.cpp).

  /usr/bin/python3 tests/bgp/data/gen_families.py > tests/bgp/data/families_osken.json

Needs os-ken (Debian python3-os-ken 2.5). Each case is an UPDATE built with os-ken's classes
and serialized by os-ken (`hex`), os-ken's parse of those bytes in to_jsondict() form (`json`,
converted as tests/data/bgp/gen_osken_pcaps.py does), and `osken_roundtrip`: whether os-ken's
own from_jsondict(json), given that JSON text, serializes back to the same bytes (false where os-ken's JSON drops
labels, reserved bytes or the EVPN IP prefix, or from_jsondict fails), and `json_lossless`:
whether the JSON shows every byte (see LOSSLESS).
"""
import contextlib
import io
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'bgp'))
from gen_osken_pcaps import enc  # noqa: E402

from os_ken.lib.packet import bgp  # noqa: E402

RD = '65000:100'
ESIS = [
    bgp.EvpnArbitraryEsi(b'\x01\x02\x03\x04\x05\x06\x07\x08\x09'),
    bgp.EvpnLACPEsi(mac_addr='aa:bb:cc:dd:ee:ff', port_key=0x1234),
    bgp.EvpnL2BridgeEsi(mac_addr='00:11:22:33:44:55', priority=0x8000),
    bgp.EvpnMacBasedEsi(mac_addr='02:00:00:00:00:01', local_disc=0xabcdef),
    bgp.EvpnRouterIDEsi(router_id='192.0.2.7', local_disc=0x01020304),
    bgp.EvpnASBasedEsi(as_number=4200000000, local_disc=77),
]


def evpn_cases():
    c = []
    for i, esi in enumerate(ESIS):
        c.append(('evpn_eth_ad_esi%d' % esi.type, bgp.EvpnEthernetAutoDiscoveryNLRI(
            route_dist=RD, esi=esi, ethernet_tag_id=100 + i, mpls_label=1000 + i)))
    c += [
        ('evpn_eth_ad_vni', bgp.EvpnEthernetAutoDiscoveryNLRI(
            route_dist='192.0.2.1:5', esi=ESIS[0], ethernet_tag_id=0xffffffff, vni=0x123456)),
        ('evpn_mac_ip_v4', bgp.EvpnMacIPAdvertisementNLRI(
            route_dist=RD, esi=ESIS[1], ethernet_tag_id=7, mac_addr='aa:bb:cc:00:11:22',
            ip_addr='10.1.2.3', mpls_labels=[100])),
        ('evpn_mac_ip_v6_two_labels', bgp.EvpnMacIPAdvertisementNLRI(
            route_dist='4200000000:9', esi=ESIS[4], ethernet_tag_id=8, mac_addr='aa:bb:cc:00:11:23',
            ip_addr='2001:db8::1', mpls_labels=[100, 200])),
        ('evpn_mac_ip_no_ip', bgp.EvpnMacIPAdvertisementNLRI(
            route_dist=RD, esi=ESIS[0], ethernet_tag_id=9, mac_addr='aa:bb:cc:00:11:24',
            ip_addr=None, vni=5000)),
        ('evpn_incl_mcast_v4', bgp.EvpnInclusiveMulticastEthernetTagNLRI(
            route_dist=RD, ethernet_tag_id=10, ip_addr='192.0.2.9')),
        ('evpn_incl_mcast_v6', bgp.EvpnInclusiveMulticastEthernetTagNLRI(
            route_dist='192.0.2.1:65535', ethernet_tag_id=11, ip_addr='2001:db8::9')),
        ('evpn_eth_seg_v4', bgp.EvpnEthernetSegmentNLRI(route_dist=RD, esi=ESIS[5], ip_addr='192.0.2.10')),
        ('evpn_eth_seg_v6', bgp.EvpnEthernetSegmentNLRI(route_dist=RD, esi=ESIS[3], ip_addr='2001:db8::10')),
        ('evpn_ip_prefix_v4', bgp.EvpnIpPrefixNLRI(
            route_dist=RD, esi=ESIS[0], ethernet_tag_id=12, ip_prefix='10.20.0.0/16',
            gw_ip_addr='10.20.0.1', mpls_label=300)),
        ('evpn_ip_prefix_v6', bgp.EvpnIpPrefixNLRI(
            route_dist=RD, esi=ESIS[2], ethernet_tag_id=13, ip_prefix='2001:db8:1::/48', vni=77)),
        ('evpn_unknown_type', bgp.EvpnUnknownNLRI(value=b'\xde\xad\xbe\xef', type_=9)),
    ]
    return [(n, bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(0), bgp.BGPPathAttributeAsPath([[65000]]),
        bgp.BGPPathAttributeMpReachNLRI(25, 70, '192.0.2.254', [x])])) for n, x in c]


def fs(cls, **kw):
    return cls.from_user(**kw)


def flowspec_cases():
    c = [
        ('fs_ipv4_all', 1, 133, fs(bgp.FlowSpecIPv4NLRI, dst_prefix='10.0.0.0/24', src_prefix='20.0.0.1/24',
                                   ip_proto=6, port='80 | 8000', dst_port='>9000 & <9050',
                                   src_port='>=8500 & <=9000', icmp_type=0, icmp_code=6,
                                   tcp_flags='SYN+ACK & !=URGENT', packet_len=1000, dscp='22 | 24',
                                   fragment='LF | ==FF')),
        ('fs_ipv4_wide_values', 1, 133, fs(bgp.FlowSpecIPv4NLRI, port='70000', packet_len='>=300 & <=5000000000')),
        ('fs_ipv6_all', 2, 133, fs(bgp.FlowSpecIPv6NLRI, dst_prefix='2001::2/128/32', src_prefix='3002::3/64',
                                   next_header=6, port='80 | 8000', dst_port='>9000 & <9050',
                                   src_port='>=8500', icmp_type=0, icmp_code=6, tcp_flags='SYN',
                                   packet_len=1000, dscp=22, fragment='LF | ==FF', flow_label=0x12345)),
        ('fs_vpnv4', 1, 134, fs(bgp.FlowSpecVPNv4NLRI, route_dist='65001:250', dst_prefix='30.0.0.0/24',
                                ip_proto=17, dst_port=53)),
        ('fs_vpnv6', 2, 134, fs(bgp.FlowSpecVPNv6NLRI, route_dist='192.0.2.1:1', dst_prefix='2001:db8::/32',
                                next_header=58, icmp_type=128)),
        ('fs_l2vpn_all', 25, 134, fs(bgp.FlowSpecL2VPNNLRI, route_dist='100:100', ether_type='>=2048',
                                     src_mac='BE:EF:CA:FE:1E:AF', dst_mac='00:00:00:00:00:01',
                                     llc_dsap=90, llc_ssap=100, llc_control=200, snap=300, vlan_id='>4000',
                                     vlan_cos=3, inner_vlan_id=20, inner_vlan_cos='<5')),
    ]
    out = []
    for n, afi, safi, nl in c:
        out.append((n, bgp.BGPUpdate(path_attributes=[
            bgp.BGPPathAttributeOrigin(0), bgp.BGPPathAttributeAsPath([]),
            bgp.BGPPathAttributeMpReachNLRI(afi, safi, [], [nl])])))
    return out


def extcomm_cases():
    E = bgp
    comms = [
        ('ec_two_octet_as', [E.BGPTwoOctetAsSpecificExtendedCommunity(subtype=2, as_number=65000, local_administrator=4000000000)]),
        ('ec_two_octet_as_nontransitive', [E.BGPTwoOctetAsSpecificExtendedCommunity(subtype=3, as_number=1, local_administrator=2, type_=0x40)]),
        ('ec_ipv4', [E.BGPIPv4AddressSpecificExtendedCommunity(subtype=2, ipv4_address='192.0.2.1', local_administrator=100)]),
        ('ec_four_octet_as', [E.BGPFourOctetAsSpecificExtendedCommunity(subtype=2, as_number=4200000000, local_administrator=7)]),
        ('ec_opaque', [E.BGPOpaqueExtendedCommunity(subtype=1, opaque=b'\x01\x02\x03\x04\x05\x06')]),
        ('ec_encapsulation', [E.BGPEncapsulationExtendedCommunity(subtype=0x0c, tunnel_type=8)]),
        ('ec_mac_mobility', [E.BGPEvpnMacMobilityExtendedCommunity(subtype=0, flags=1, sequence_number=42)]),
        ('ec_esi_label', [E.BGPEvpnEsiLabelExtendedCommunity(subtype=1, flags=1, mpls_label=1234)]),
        ('ec_es_import_rt', [E.BGPEvpnEsImportRTExtendedCommunity(subtype=2, es_import='aa:bb:cc:dd:ee:ff')]),
        ('ec_traffic_rate', [E.BGPFlowSpecTrafficRateCommunity(as_number=65000, rate_info=12345.5)]),
        ('ec_traffic_action', [E.BGPFlowSpecTrafficActionCommunity(action=3)]),
        ('ec_redirect', [E.BGPFlowSpecRedirectCommunity(as_number=10, local_administrator=20)]),
        ('ec_traffic_marking', [E.BGPFlowSpecTrafficMarkingCommunity(dscp=46)]),
        ('ec_vlan_action', [E.BGPFlowSpecVlanActionCommunity(actions_1=0xc0, actions_2=0x18, vlan_1=4000, vlan_2=100, cos_1=7, cos_2=2)]),
        ('ec_tpid_action', [E.BGPFlowSpecTPIDActionCommunity(actions=0xc000, tpid_1=0x8100, tpid_2=0x88a8)]),
        ('ec_unknown', [E.BGPUnknownExtendedCommunity(type_=0x47, value=b'\x01\x02\x03\x04\x05\x06\x07')]),
        ('ec_unknown_evpn_subtype', [E.BGPUnknownExtendedCommunity(type_=0x06, value=b'\x05\x00\x00\x00\x00\x00\x01')]),
    ]
    return [(n, bgp.BGPUpdate(path_attributes=[bgp.BGPPathAttributeExtendedCommunities(communities=cs)]))
            for n, cs in comms]


def pmsi_cases():
    P = bgp.BGPPathAttributePmsiTunnel
    c = [
        ('pmsi_none', P(pmsi_flags=0, tunnel_type=0)),
        ('pmsi_ingress_v4', P(pmsi_flags=1, tunnel_type=6, vni=5000,
                              tunnel_id=bgp.PmsiTunnelIdIngressReplication('192.0.2.1'))),
        ('pmsi_ingress_v6', P(pmsi_flags=0, tunnel_type=6, mpls_label=300,
                              tunnel_id=bgp.PmsiTunnelIdIngressReplication('2001:db8::1'))),
        ('pmsi_unknown', P(pmsi_flags=0, tunnel_type=3, tunnel_id=bgp.PmsiTunnelIdUnknown(b'\x0a\x00\x00\x01\xe0\x00\x00\x01'))),
    ]
    return [(n, bgp.BGPUpdate(path_attributes=[a])) for n, a in c]


# Cases whose JSON shows every byte (no label, reserved byte or EVPN IP prefix dropped), though
# os-ken's from_jsondict cannot read them back (nested NLRI objects): encode from the JSON must
# give the same bytes.
LOSSLESS = {'evpn_incl_mcast_v4', 'evpn_incl_mcast_v6', 'evpn_eth_seg_v4', 'evpn_eth_seg_v6',
            'evpn_unknown_type'}


def main():
    out = {}
    for name, msg in evpn_cases() + flowspec_cases() + extcomm_cases() + pmsi_cases():
        raw = bytes(msg.serialize())
        parsed, _, _ = bgp.BGPMessage.parser(raw)
        j = enc(parsed)
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # os-ken prints what it cannot read
                again = bgp.BGPUpdate.from_jsondict(json.loads(json.dumps(j))['BGPUpdate'])
                rt = bytes(again.serialize()) == raw
        except Exception:  # noqa: BLE001 - os-ken cannot read its own JSON back
            rt = False
        out[name] = {'hex': raw.hex(), 'json': j, 'osken_roundtrip': rt,
                     'json_lossless': rt or name.startswith('fs_') or name in LOSSLESS}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
