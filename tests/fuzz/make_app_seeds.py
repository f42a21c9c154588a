#!/usr/bin/python3
"""Writes the libFuzzer seed corpora tests/fuzz/corpus/bgp/ and tests/fuzz/corpus/dhcp6/ with
os-ken (independent of wirekit's encoder).

BGP seeds start with the context byte bgp_fuzz reads first (AS width, ADD-PATH, extended
messages), then one BGP message. DHCPv6 seeds are one DHCPv6 message (a UDP payload).

    /usr/bin/python3 tests/fuzz/make_app_seeds.py [CORPUS_DIR]
"""
import os
import sys

from os_ken.lib.packet import bgp, dhcp6


def bgp_seeds():
    s = {}
    s['open-caps'] = bgp.BGPOpen(my_as=64512, bgp_identifier='192.0.2.1', opt_param=[
        bgp.BGPOptParamCapabilityMultiprotocol(afi=1, safi=1),
        bgp.BGPOptParamCapabilityMultiprotocol(afi=2, safi=1),
        bgp.BGPOptParamCapabilityRouteRefresh(),
        bgp.BGPOptParamCapabilityEnhancedRouteRefresh(),
        bgp.BGPOptParamCapabilityFourOctetAsNumber(as_number=4200000000),
        bgp.BGPOptParamCapabilityGracefulRestart(flags=0, time=120, tuples=[(1, 1, 0x80)]),
    ])
    s['keepalive'] = bgp.BGPKeepAlive()
    s['notification'] = bgp.BGPNotification(error_code=6, error_subcode=2, data=b'shutdown')
    s['route-refresh'] = bgp.BGPRouteRefresh(afi=1, safi=1, demarcation=1)
    attrs = [
        bgp.BGPPathAttributeOrigin(value=0),
        bgp.BGPPathAttributeAsPath(value=[[64512, 64513], {64600, 64601}]),
        bgp.BGPPathAttributeNextHop(value='192.0.2.254'),
        bgp.BGPPathAttributeMultiExitDisc(value=50),
        bgp.BGPPathAttributeLocalPref(value=100),
        bgp.BGPPathAttributeAtomicAggregate(),
        bgp.BGPPathAttributeAggregator(as_number=64512, addr='192.0.2.9'),
        bgp.BGPPathAttributeCommunities(communities=[0xFFFFFF01, 0x00010002]),
        bgp.BGPPathAttributeOriginatorId(value='10.0.0.1'),
        bgp.BGPPathAttributeClusterList(value=['10.0.0.2', '10.0.0.3']),
    ]
    s['update-v4'] = bgp.BGPUpdate(
        withdrawn_routes=[bgp.BGPWithdrawnRoute(length=24, addr='198.51.100.0')],
        path_attributes=attrs,
        nlri=[bgp.BGPNLRI(length=24, addr='203.0.113.0'), bgp.BGPNLRI(length=32, addr='203.0.113.77')])
    s['update-v6'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(value=1),
        bgp.BGPPathAttributeAsPath(value=[[64512]]),
        bgp.BGPPathAttributeMpReachNLRI(afi=2, safi=1, next_hop='2001:db8::1',
                                        nlri=[bgp.IP6AddrPrefix(64, '2001:db8:1::')]),
    ])
    s['update-v6-withdraw'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeMpUnreachNLRI(afi=2, safi=1, withdrawn_routes=[bgp.IP6AddrPrefix(48, '2001:db8:2::')]),
    ])
    s['update-vpnv4'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(value=2),
        bgp.BGPPathAttributeAsPath(value=[]),
        bgp.BGPPathAttributeExtendedCommunities(communities=[
            bgp.BGPTwoOctetAsSpecificExtendedCommunity(subtype=2, as_number=64512, local_administrator=7),
            bgp.BGPIPv4AddressSpecificExtendedCommunity(subtype=3, ipv4_address='192.0.2.1', local_administrator=9),
        ]),
        bgp.BGPPathAttributeMpReachNLRI(afi=1, safi=128, next_hop='192.0.2.1', nlri=[
            bgp.LabelledVPNIPAddrPrefix(24, '10.1.0.0', route_dist='64512:7', labels=[100])]),
    ])
    s['update-labeled'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(value=0),
        bgp.BGPPathAttributeAsPath(value=[[1]]),
        bgp.BGPPathAttributeMpReachNLRI(afi=1, safi=4, next_hop='192.0.2.1', nlri=[
            bgp.LabelledIPAddrPrefix(24, '10.2.0.0', labels=[16, 17])]),
    ])
    s['update-evpn'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(value=0),
        bgp.BGPPathAttributeAsPath(value=[]),
        bgp.BGPPathAttributeMpReachNLRI(afi=25, safi=70, next_hop='192.0.2.1', nlri=[
            bgp.EvpnMacIPAdvertisementNLRI(route_dist='64512:1', esi=bgp.EvpnArbitraryEsi(b'\x00' * 9), ethernet_tag_id=0,
                                           mac_addr='02:00:00:00:00:01', ip_addr='10.0.0.1', mpls_labels=[100]),
            bgp.EvpnInclusiveMulticastEthernetTagNLRI(route_dist='64512:1', ethernet_tag_id=0, ip_addr='192.0.2.1'),
        ]),
    ])
    s['update-flowspec'] = bgp.BGPUpdate(path_attributes=[
        bgp.BGPPathAttributeOrigin(value=0),
        bgp.BGPPathAttributeAsPath(value=[]),
        bgp.BGPPathAttributeExtendedCommunities(communities=[
            bgp.BGPFlowSpecTrafficRateCommunity(as_number=0, rate_info=100.0)]),
        bgp.BGPPathAttributeMpReachNLRI(afi=1, safi=133, next_hop=[], nlri=[
            bgp.FlowSpecIPv4NLRI.from_user(dst_prefix='10.0.0.0/24', ip_proto='6', port='>=8000&<=9000',
                                           tcp_flags='SYN+ACK')]),
    ])
    out = {}
    for name, msg in s.items():
        data = msg.serialize()
        out['ctx0-' + name] = b'\x00' + data   # guessed AS width
        out['ctx2-' + name] = b'\x02' + data   # 4-byte AS
    out['ctx1-update-v4'] = b'\x01' + s['update-v4'].serialize()   # 2-byte AS
    # ADD-PATH (context bit 0x04): a path identifier before each IPv4 unicast prefix.
    out['ctx4-update-addpath'] = b'\x04' + bytes.fromhex(
        'ffffffffffffffffffffffffffffffff' '0024' '02' '0000' '0009'
        '40010100' '400304c0000201' '00000001' '18cb0071')
    return out


def dhcp6_seeds():
    s = {}
    duid = b'\x00\x01\x00\x01\x2a\x00\x00\x01\x02\x00\x00\x00\x00\x01'
    opts = dhcp6.options(option_list=[
        dhcp6.option(code=1, data=duid, length=len(duid)),
        dhcp6.option(code=8, data=b'\x00\x00', length=2),
        dhcp6.option(code=6, data=b'\x00\x17\x00\x18', length=4),
        dhcp6.option(code=3, data=b'\x00\x00\x00\x01' + b'\x00' * 8, length=12),
    ])
    s['solicit'] = dhcp6.dhcp6(msg_type=1, options=opts, transaction_id=0x123456)
    iaaddr = b'\x00\x05\x00\x18' + bytes.fromhex('20010db8000000000000000000000101') + b'\x00\x00\x0e\x10' * 2
    s['reply'] = dhcp6.dhcp6(msg_type=7, transaction_id=0xabcdef, options=dhcp6.options(option_list=[
        dhcp6.option(code=1, data=duid, length=len(duid)),
        dhcp6.option(code=2, data=duid, length=len(duid)),
        dhcp6.option(code=3, data=b'\x00\x00\x00\x01\x00\x00\x07\x08\x00\x00\x0b\x40' + iaaddr,
                     length=12 + len(iaaddr)),
        dhcp6.option(code=23, data=bytes.fromhex('20014860486000000000000000008888'), length=16),
    ]))
    inner = s['solicit'].serialize()
    s['relay-forw'] = dhcp6.dhcp6(msg_type=12, hop_count=0, link_address='2001:db8::1',
                                  peer_address='fe80::1', options=dhcp6.options(option_list=[
                                      dhcp6.option(code=18, data=b'eth0', length=4),
                                      dhcp6.option(code=9, data=inner, length=len(inner)),
                                  ]))
    out = {name: msg.serialize() for name, msg in s.items()}
    out['cut-solicit'] = out['solicit'][:9]
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
    for family, seeds in (('bgp', bgp_seeds()), ('dhcp6', dhcp6_seeds())):
        out = os.path.join(root, family)
        os.makedirs(out, exist_ok=True)
        for name, data in sorted(seeds.items()):
            with open(os.path.join(out, name + '.bin'), 'wb') as f:
                f.write(bytes(data))
        print(f'{len(seeds)} seeds written to {out}')


if __name__ == '__main__':
    main()
