#!/usr/bin/python3
"""Writes the libFuzzer seed corpus tests/fuzz/corpus/frames/*.bin with os-ken (independent of
wirekit's encoder): small valid frames of every header wirekit decodes, plus a few cut short.

    /usr/bin/python3 tests/fuzz/make_seeds.py [OUT_DIR]
"""
import os
import sys

from os_ken.lib.packet import (arp, ethernet, icmp, icmpv6, ipv4, ipv6, mpls, packet, sctp, tcp,
                               udp, vlan)

ETH_IP, ETH_IP6, ETH_ARP, ETH_Q, ETH_AD, ETH_MPLS = 0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x8847
MAC1, MAC2 = '02:00:00:00:00:01', '02:00:00:00:00:02'
V4A, V4B = '192.0.2.1', '198.51.100.7'
V6A, V6B = '2001:db8::1', '2001:db8:0:1::2'


def frame(*layers):
    p = packet.Packet()
    for layer in layers:
        p.add_protocol(layer)
    p.serialize()
    return bytes(p.data)


def eth(t):
    return ethernet.ethernet(dst=MAC2, src=MAC1, ethertype=t)


def v4(proto, **kw):
    return ipv4.ipv4(src=V4A, dst=V4B, proto=proto, ttl=64, identification=0x1234, **kw)


def v6(nxt, ext=None, **kw):
    return ipv6.ipv6(src=V6A, dst=V6B, nxt=nxt, hop_limit=64, ext_hdrs=ext or [], **kw)


def tcp_opts():
    return [tcp.TCPOptionMaximumSegmentSize(max_seg_size=1460), tcp.TCPOptionNoOperation(),
            tcp.TCPOptionWindowScale(shift_cnt=7), tcp.TCPOptionSACKPermitted(),
            tcp.TCPOptionTimestamps(ts_val=1, ts_ecr=2)]


def seeds():
    s = {}
    s['eth-ipv4-udp'] = frame(eth(ETH_IP), v4(17), udp.udp(src_port=5353, dst_port=53), b'query')
    s['eth-ipv4-udp-opts'] = frame(eth(ETH_IP), v4(17, header_length=6, option=b'\x01\x01\x01\x00'),
                                   udp.udp(src_port=1000, dst_port=2000), b'x' * 40)
    s['eth-ipv4-tcp-syn'] = frame(eth(ETH_IP), v4(6), tcp.tcp(src_port=40000, dst_port=80, seq=1, bits=0x02,
                                                             window_size=65535, option=tcp_opts()))
    s['eth-ipv4-tcp-data'] = frame(eth(ETH_IP), v4(6), tcp.tcp(src_port=80, dst_port=40000, seq=7, ack=9,
                                                              bits=0x18, window_size=512), b'HTTP/1.1 200 OK\r\n')
    s['eth-ipv4-tcp-sack'] = frame(eth(ETH_IP), v4(6), tcp.tcp(
        src_port=1, dst_port=2, bits=0x10, option=[tcp.TCPOptionNoOperation(), tcp.TCPOptionNoOperation(),
                                                   tcp.TCPOptionSACK(blocks=[(1, 2), (5, 9)])]))
    s['eth-ipv4-tcp-misc-opts'] = frame(eth(ETH_IP), v4(6), tcp.tcp(
        src_port=3, dst_port=4, bits=0x01, option=[tcp.TCPOptionUserTimeout(granularity=1, user_timeout=30),
                                                   tcp.TCPOptionAuthentication(key_id=1, r_next_key_id=2,
                                                                               mac=b'0123456789ab'),
                                                   tcp.TCPOptionUnknown(value=b'zz', kind=99, length=4),
                                                   tcp.TCPOptionEndOfOptionList()]))
    s['eth-ipv4-icmp-echo'] = frame(eth(ETH_IP), v4(1), icmp.icmp(type_=8, data=icmp.echo(id_=1, seq=2, data=b'abc')))
    s['eth-ipv4-icmp-unreach'] = frame(eth(ETH_IP), v4(1), icmp.icmp(
        type_=3, code=4, data=icmp.dest_unreach(mtu=1400, data=b'E\x00\x00\x1c' + b'\x00' * 24)))
    s['eth-ipv4-icmp-timeex'] = frame(eth(ETH_IP), v4(1), icmp.icmp(type_=11, data=icmp.TimeExceeded(data=b'E' * 28)))
    s['eth-ipv4-icmp-other'] = frame(eth(ETH_IP), v4(1), icmp.icmp(type_=13, data=b'\x00\x01\x00\x02' + b't' * 12))
    s['eth-ipv4-sctp-data'] = frame(eth(ETH_IP), v4(132), sctp.sctp(src_port=9, dst_port=10, vtag=5, chunks=[
        sctp.chunk_data(begin=1, end=1, tsn=1, sid=0, seq=0, payload_id=0, payload_data=b'abcd')]))
    s['eth-ipv4-sctp-init'] = frame(eth(ETH_IP), v4(132), sctp.sctp(chunks=[sctp.chunk_init(
        init_tag=1, a_rwnd=1000, os=1, mis=1, i_tsn=1,
        params=[sctp.param_ipv4('192.0.2.9'), sctp.param_cookie_preserve(value=5), sctp.param_ecn(),
                sctp.param_supported_addr(value=[5, 6])])]))
    s['eth-ipv4-sctp-sack-abort'] = frame(eth(ETH_IP), v4(132), sctp.sctp(chunks=[
        sctp.chunk_sack(tsn_ack=2, a_rwnd=3, gapack_num=1, duptsn_num=1, gapacks=[[1, 2]], duptsns=[9]),
        sctp.chunk_abort(causes=[sctp.cause_invalid_stream_id(value=3), sctp.cause_missing_param(types=[9]),
                                 sctp.cause_user_initiated_abort(value=b'bye!')])]))
    s['eth-ipv4-sctp-misc'] = frame(eth(ETH_IP), v4(132), sctp.sctp(chunks=[
        sctp.chunk_heartbeat(info=sctp.param_heartbeat(value=b'hbhb')), sctp.chunk_shutdown(tsn_ack=4),
        sctp.chunk_cookie_echo(cookie=b'cook'), sctp.chunk_cookie_ack(), sctp.chunk_ecn_echo(low_tsn=5),
        sctp.chunk_cwr(low_tsn=6), sctp.chunk_shutdown_complete(), sctp.chunk_shutdown_ack(),
        sctp.chunk_error(causes=[sctp.cause_stale_cookie(value=b'\x00\x00\x00\x01'), sctp.cause_out_of_resource()])]))
    s['eth-ipv6-udp'] = frame(eth(ETH_IP6), v6(17), udp.udp(src_port=547, dst_port=546), b'\x07\x00\x00\x01')
    s['eth-ipv6-tcp'] = frame(eth(ETH_IP6), v6(6), tcp.tcp(src_port=179, dst_port=40000, bits=0x12,
                                                          option=tcp_opts()))
    s['eth-ipv6-frag-udp'] = frame(eth(ETH_IP6), v6(44, [ipv6.fragment(nxt=17, offset=0, more=1, id_=77)]),
                                   udp.udp(src_port=1, dst_port=2), b'frag')
    s['eth-ipv6-hop-dst-tcp'] = frame(eth(ETH_IP6), v6(0, [
        ipv6.hop_opts(nxt=60, size=0, data=[ipv6.option(type_=5, len_=2, data=b'\x00\x00'),
                                            ipv6.option(type_=1, len_=0, data=None)]),
        ipv6.dst_opts(nxt=6, size=0, data=[ipv6.option(type_=1, len_=4, data=b'\x00' * 4)])]),
        tcp.tcp(src_port=5, dst_port=6))
    s['eth-ipv6-auth-udp'] = frame(eth(ETH_IP6), v6(51, [ipv6.auth(nxt=17, size=3, spi=1, seq=2, data=b'\xaa' * 8)]),
                                   udp.udp(src_port=7, dst_port=8), b'ah')
    s['eth-ipv6-rt3-udp'] = frame(eth(ETH_IP6), v6(43, [ipv6.routing_type3(nxt=17, seg=1, cmpi=0, cmpe=0,
                                                                           adrs=['2001:db8::99'])]),
                                  udp.udp(src_port=7, dst_port=8), b'rt')
    s['eth-ipv6-icmpv6-echo'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=128, data=icmpv6.echo(
        id_=3, seq=4, data=b'ping')))
    s['eth-ipv6-icmpv6-ns'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=135, data=icmpv6.nd_neighbor(
        dst=V6B, option=icmpv6.nd_option_sla(hw_src=MAC1))))
    s['eth-ipv6-icmpv6-na'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=136, data=icmpv6.nd_neighbor(
        res=6, dst=V6A, option=icmpv6.nd_option_tla(hw_src=MAC2))))
    s['eth-ipv6-icmpv6-rs'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=133, data=icmpv6.nd_router_solicit(
        option=icmpv6.nd_option_sla(hw_src=MAC1))))
    s['eth-ipv6-icmpv6-ra'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=134, data=icmpv6.nd_router_advert(
        ch_l=64, res=2, rou_l=1800, rea_t=0, ret_t=0, options=[
            icmpv6.nd_option_pi(pl=64, res1=6, val_l=86400, pre_l=14400, prefix='2001:db8:1::'),
            icmpv6.nd_option_sla(hw_src=MAC1)])))
    s['eth-ipv6-icmpv6-mld'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=131, data=icmpv6.mld(
        maxresp=0, address='ff02::1:ff00:1')))
    s['eth-ipv6-icmpv6-mldv2q'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=130, data=icmpv6.mldv2_query(
        maxresp=10, address='ff02::1', s_flg=1, qrv=2, qqic=125, srcs=[V6A, V6B])))
    s['eth-ipv6-icmpv6-mldv2r'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=143, data=icmpv6.mldv2_report(
        records=[icmpv6.mldv2_report_group(type_=4, address='ff02::fb', srcs=[V6A], aux=b'\x01\x02\x03\x04')])))
    s['eth-ipv6-icmpv6-other'] = frame(eth(ETH_IP6), v6(58), icmpv6.icmpv6(type_=1, code=3, data=b'\x00' * 4 + b'z' * 8))
    s['eth-vlan-ipv4-udp'] = frame(eth(ETH_Q), vlan.vlan(pcp=3, cfi=0, vid=100, ethertype=ETH_IP), v4(17),
                                   udp.udp(src_port=1, dst_port=2), b'v' * 30)
    s['eth-qinq-ipv6-tcp'] = frame(eth(ETH_AD), vlan.svlan(pcp=1, vid=200, ethertype=ETH_Q),
                                   vlan.vlan(vid=300, ethertype=ETH_IP6), v6(6), tcp.tcp(src_port=22, dst_port=5000))
    s['eth-mpls2-ipv4-udp'] = frame(eth(ETH_MPLS), mpls.mpls(label=16, bsb=0, ttl=64), mpls.mpls(label=17, ttl=63),
                                    v4(17), udp.udp(src_port=3784, dst_port=3784), b'bfd!')
    s['eth-vlan-arp'] = frame(eth(ETH_Q), vlan.vlan(vid=1, ethertype=ETH_ARP),
                              arp.arp(opcode=1, src_mac=MAC1, src_ip=V4A, dst_mac='00:00:00:00:00:00', dst_ip=V4B))
    s['eth-arp-reply'] = frame(eth(ETH_ARP), arp.arp(opcode=2, src_mac=MAC2, src_ip=V4B, dst_mac=MAC1, dst_ip=V4A))
    s['eth-lldp-payload'] = frame(eth(0x88cc), b'\x02\x07\x04' + b'\x02' * 6 + b'\x00\x00')
    s['eth-llc-payload'] = frame(eth(46), b'\x42\x42\x03' + b'\x00' * 43)
    s['eth-ipv4-udp-bigger'] = frame(eth(ETH_IP), v4(17), udp.udp(src_port=4789, dst_port=4789), bytes(range(256)) * 2)
    s['eth-ipv4-tcp-bgp-keepalive'] = frame(eth(ETH_IP), v4(6), tcp.tcp(src_port=179, dst_port=50000, bits=0x18),
                                            b'\xff' * 16 + b'\x00\x13\x04')
    s['eth-ipv4-frag'] = frame(eth(ETH_IP), v4(17, flags=1, offset=0), udp.udp(src_port=1, dst_port=2), b'f' * 20)
    # Cut short (truncated headers), and an IPv4 packet followed by a non-zero trailer.
    s['cut-ipv4-tcp'] = s['eth-ipv4-tcp-syn'][:40]
    s['cut-ipv6-hdr'] = s['eth-ipv6-udp'][:30]
    s['cut-eth'] = s['eth-arp-reply'][:9]
    s['trailer-ipv4-udp'] = s['eth-ipv4-udp'] + b'\xde\xad\xbe\xef'
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                             'corpus', 'frames')
    os.makedirs(out, exist_ok=True)
    for name, data in sorted(seeds().items()):
        with open(os.path.join(out, name + '.bin'), 'wb') as f:
            f.write(data)
    print(f'{len(seeds())} seeds written to {out}')


if __name__ == '__main__':
    main()
