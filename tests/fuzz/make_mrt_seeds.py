#!/usr/bin/python3
"""Writes the libFuzzer seed corpus tests/fuzz/corpus/mrt/ with os-ken's mrtlib (independent of
wirekit's encoder): one MRT record per file, one of each type/subtype os-ken can write.

    /usr/bin/python3 tests/fuzz/make_mrt_seeds.py [CORPUS_DIR]
"""
import os
import sys

from os_ken.lib import mrtlib
from os_ken.lib.packet import bgp

T = 1500000000


def attrs(as4=False, four=True):
    """four: AS_PATH with 4-byte ASNs (TABLE_DUMP_V2 and the *_AS4 subtypes, RFC 6396 §4.3.4,
    §4.4.3); else 2-byte, with as4 adding AS_TRANS and the real AS in AS4_PATH (RFC 6793)."""
    if four:
        path = bgp.BGPPathAttributeAsPath(value=[[65001, 4200000000 if as4 else 65002], {65010, 65011}],
                                          as_pack_str='!I')
    else:
        path = bgp.BGPPathAttributeAsPath(value=[[65001, 23456 if as4 else 65002], {65010, 65011}])
    a = [
        bgp.BGPPathAttributeOrigin(value=0),
        path,
        bgp.BGPPathAttributeNextHop(value='192.0.2.1'),
        bgp.BGPPathAttributeMultiExitDisc(value=100),
        bgp.BGPPathAttributeCommunities(communities=[0xfde80064, 0xffffff01]),
    ]
    if as4 and not four:
        a.append(bgp.BGPPathAttributeAs4Path(value=[[65001, 4200000000]]))
    return a


def update_v4(as4=False, four=False):
    return bgp.BGPUpdate(withdrawn_routes=[bgp.BGPWithdrawnRoute(length=24, addr='10.1.2.0')],
                         path_attributes=attrs(as4, four),
                         nlri=[bgp.BGPNLRI(length=24, addr='198.51.100.0'), bgp.BGPNLRI(length=16, addr='10.9.0.0')])


def update_v6():
    mp = bgp.BGPPathAttributeMpReachNLRI(afi=2, safi=1, next_hop=['2001:db8::1', 'fe80::1'],
                                         nlri=[bgp.IP6AddrPrefix(48, '2001:db8:1::')])
    return bgp.BGPUpdate(path_attributes=[bgp.BGPPathAttributeOrigin(value=0),
                                          bgp.BGPPathAttributeAsPath(value=[[65001]], as_pack_str='!I'), mp])


def rib_attrs_v6():
    # RFC 6396 §4.3.4: MP_REACH_NLRI in RIB entries carries only the next hop (os-ken writes the
    # full attribute; both forms are good seeds).
    return [bgp.BGPPathAttributeOrigin(value=0),
            bgp.BGPPathAttributeAsPath(value=[[65001, 65002]], as_pack_str='!I'),
            bgp.BGPPathAttributeMpReachNLRI(afi=2, safi=1, next_hop=['2001:db8::1'], nlri=[])]


def seeds():
    s = {}
    peers = [mrtlib.MrtPeer(bgp_id='192.0.2.1', ip_addr='192.0.2.1', as_num=65001),
             mrtlib.MrtPeer(bgp_id='192.0.2.2', ip_addr='2001:db8::2', as_num=4200000000,
                            type_=mrtlib.MrtPeer.IP_ADDR_FAMILY_BIT | mrtlib.MrtPeer.AS_NUMBER_SIZE_BIT)]
    td2 = mrtlib.TableDump2MrtRecord
    s['td2-peer-index'] = td2(message=mrtlib.TableDump2PeerIndexTableMrtMessage(
        bgp_id='192.0.2.100', peer_entries=peers, view_name='view'), timestamp=T)
    e = [mrtlib.MrtRibEntry(peer_index=0, originated_time=T - 10, bgp_attributes=attrs()),
         mrtlib.MrtRibEntry(peer_index=1, originated_time=T - 20, bgp_attributes=attrs(True))]
    s['td2-rib-ipv4-unicast'] = td2(message=mrtlib.TableDump2RibIPv4UnicastMrtMessage(
        seq_num=1, prefix=bgp.IPAddrPrefix(24, '198.51.100.0'), rib_entries=e), timestamp=T)
    s['td2-rib-ipv4-multicast'] = td2(message=mrtlib.TableDump2RibIPv4MulticastMrtMessage(
        seq_num=2, prefix=bgp.IPAddrPrefix(8, '10.0.0.0'), rib_entries=e[:1]), timestamp=T)
    e6 = [mrtlib.MrtRibEntry(peer_index=1, originated_time=T - 5, bgp_attributes=rib_attrs_v6())]
    s['td2-rib-ipv6-unicast'] = td2(message=mrtlib.TableDump2RibIPv6UnicastMrtMessage(
        seq_num=3, prefix=bgp.IP6AddrPrefix(32, '2001:db8::'), rib_entries=e6), timestamp=T)
    s['td2-rib-ipv6-multicast'] = td2(message=mrtlib.TableDump2RibIPv6MulticastMrtMessage(
        seq_num=4, prefix=bgp.IP6AddrPrefix(64, '2001:db8:1:2::'), rib_entries=e6), timestamp=T)
    ea = [mrtlib.MrtRibEntry(peer_index=0, originated_time=T, bgp_attributes=attrs(), path_id=7),
          mrtlib.MrtRibEntry(peer_index=0, originated_time=T, bgp_attributes=attrs(), path_id=8)]
    s['td2-rib-ipv4-unicast-addpath'] = td2(message=mrtlib.TableDump2RibIPv4UnicastAddPathMrtMessage(
        seq_num=5, prefix=bgp.IPAddrPrefix(24, '203.0.113.0'), rib_entries=ea), timestamp=T)
    s['td2-rib-generic'] = td2(message=mrtlib.TableDump2RibGenericMrtMessage(
        seq_num=6, afi=1, safi=1, nlri=bgp.IPAddrPrefix(16, '172.16.0.0'), rib_entries=e[:1]), timestamp=T)
    td = mrtlib.TableDumpMrtRecord
    s['td-ipv4'] = td(message=mrtlib.TableDumpAfiIPv4MrtMessage(
        view_num=0, seq_num=9, prefix='10.20.0.0', prefix_len=16, status=1, originated_time=T - 99,
        peer_ip='192.0.2.9', peer_as=65009, bgp_attributes=attrs(True, four=False)), timestamp=T)
    s['td-ipv6'] = td(message=mrtlib.TableDumpAfiIPv6MrtMessage(
        view_num=0, seq_num=10, prefix='2001:db8:9::', prefix_len=48, status=1, originated_time=T - 99,
        peer_ip='2001:db8::9', peer_as=65009, bgp_attributes=attrs(four=False)), timestamp=T)
    b4 = mrtlib.Bgp4MpMrtRecord
    s['bgp4mp-state-change'] = b4(message=mrtlib.Bgp4MpStateChangeMrtMessage(
        peer_as=65002, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        old_state=5, new_state=6), timestamp=T)
    s['bgp4mp-state-change-as4'] = b4(message=mrtlib.Bgp4MpStateChangeAs4MrtMessage(
        peer_as=4200000000, local_as=65001, if_index=0, peer_ip='2001:db8::2', local_ip='2001:db8::1',
        old_state=6, new_state=1), timestamp=T)
    s['bgp4mp-message'] = b4(message=mrtlib.Bgp4MpMessageMrtMessage(
        peer_as=65002, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        bgp_message=update_v4(True)), timestamp=T)
    s['bgp4mp-message-as4'] = b4(message=mrtlib.Bgp4MpMessageAs4MrtMessage(
        peer_as=4200000000, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        bgp_message=update_v4(True, four=True)), timestamp=T)
    s['bgp4mp-message-as4-v6'] = b4(message=mrtlib.Bgp4MpMessageAs4MrtMessage(
        peer_as=65002, local_as=65001, if_index=3, peer_ip='2001:db8::2', local_ip='2001:db8::1',
        bgp_message=update_v6()), timestamp=T)
    s['bgp4mp-message-local'] = b4(message=mrtlib.Bgp4MpMessageLocalMrtMessage(
        peer_as=65002, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        bgp_message=bgp.BGPKeepAlive()), timestamp=T)
    s['bgp4mp-message-as4-local'] = b4(message=mrtlib.Bgp4MpMessageAs4LocalMrtMessage(
        peer_as=65002, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        bgp_message=bgp.BGPOpen(my_as=65001, bgp_identifier='192.0.2.1')), timestamp=T)
    s['bgp4mp-et-message-as4'] = mrtlib.Bgp4MpEtMrtRecord(message=mrtlib.Bgp4MpMessageAs4MrtMessage(
        peer_as=65002, local_as=65001, if_index=0, peer_ip='192.0.2.2', local_ip='192.0.2.1',
        bgp_message=bgp.BGPNotification(error_code=6, error_subcode=2, data=b'bye')),
        timestamp=T, ms_timestamp=123456)
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), 'corpus', 'mrt')
    os.makedirs(out, exist_ok=True)
    for name, rec in seeds().items():
        b = bytearray(rec.serialize())
        if isinstance(rec, mrtlib.ExtendedTimestampMrtRecord):
            # os-ken's length leaves out the microsecond field; RFC 6396 §3 counts it.
            b[8:12] = (int.from_bytes(b[8:12], 'big') + 4).to_bytes(4, 'big')
        with open(os.path.join(out, name + '.bin'), 'wb') as f:
            f.write(b)
    print(f'{len(seeds())} seeds in {out}')


if __name__ == '__main__':
    main()
