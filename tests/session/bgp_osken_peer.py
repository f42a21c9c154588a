#!/usr/bin/python3
"""os-ken BGPSpeaker as the real peer of wirekit's BGP session tests (run with /usr/bin/python3).

usage: bgp_osken_peer.py --as A --rid ID [--listen HOST --port P] --neighbor ADDR --neighbor-as B
                         [--neighbor-port P] [--mode passive|active] [--originate N] [--base 10.77.0.0]
                         [--med M] [--timeout S]

Prints one JSON line per event on stdout: {"event": "peer_up"|"peer_down", ...},
{"event": "best_path", "prefix", "nexthop", "is_withdraw", "remote_as", "origin", "as_path",
"med", "communities"}. Reads commands on stdin, one per line: "sent" / "received" print os-ken's
own view of the routes it sent to / received from the neighbor (neighbor_get), "rib" its RIB
(rib_get), "quit" ends it. Ends on stdin EOF or after --timeout seconds.
"""
import argparse, json, logging, os, sys, time
import eventlet
eventlet.monkey_patch()
from eventlet import hubs
from os_ken.services.protocols.bgp.bgpspeaker import BGPSpeaker
from os_ken.lib.packet import bgp

logging.basicConfig(level=logging.ERROR)


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def attrs(path):
    d = {}
    if path is None:
        return d
    o = path.get_pattr(bgp.BGP_ATTR_TYPE_ORIGIN)
    if o is not None:
        d["origin"] = o.value
    a = path.get_pattr(bgp.BGP_ATTR_TYPE_AS_PATH)
    if a is not None:
        d["as_path"] = [list(s) for s in a.path_seg_list]
    m = path.get_pattr(bgp.BGP_ATTR_TYPE_MULTI_EXIT_DISC)
    if m is not None:
        d["med"] = m.value
    c = path.get_pattr(bgp.BGP_ATTR_TYPE_COMMUNITIES)
    if c is not None:
        d["communities"] = list(c.communities)
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as", dest="asn", type=int, required=True)
    ap.add_argument("--rid", required=True)
    ap.add_argument("--listen", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--neighbor", required=True)
    ap.add_argument("--neighbor-as", type=int, required=True)
    ap.add_argument("--neighbor-port", type=int, default=179)
    ap.add_argument("--mode", default="passive")
    ap.add_argument("--originate", type=int, default=0)
    ap.add_argument("--base", default="10.77.0.0")
    ap.add_argument("--med", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()

    def best(ev):
        d = {"event": "best_path", "prefix": ev.prefix, "nexthop": ev.nexthop, "is_withdraw": ev.is_withdraw,
             "remote_as": ev.remote_as}
        d.update(attrs(ev.path))
        out(d)

    sp = BGPSpeaker(as_number=a.asn, router_id=a.rid, bgp_server_hosts=(a.listen,), bgp_server_port=a.port,
                    best_path_change_handler=best,
                    peer_up_handler=lambda addr, asn: out({"event": "peer_up", "address": addr, "as": asn}),
                    peer_down_handler=lambda addr, asn: out({"event": "peer_down", "address": addr, "as": asn}))
    kw = {}
    if a.med is not None:
        kw["multi_exit_disc"] = a.med
    sp.neighbor_add(a.neighbor, a.neighbor_as, remote_port=a.neighbor_port, connect_mode=a.mode, **kw)
    b = [int(x) for x in a.base.split(".")]
    for i in range(a.originate):
        v = (b[0] << 24) + (b[1] << 16) + (b[2] << 8) + (i << 8)
        sp.prefix_add("%d.%d.%d.0/24" % (v >> 24 & 255, v >> 16 & 255, v >> 8 & 255))
    out({"event": "ready"})

    t0 = time.time()
    buf = b""
    while time.time() - t0 < a.timeout:
        try:
            hubs.trampoline(sys.stdin.fileno(), read=True, timeout=0.2)
        except eventlet.timeout.Timeout:
            continue
        chunk = os.read(sys.stdin.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
        stop = False
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            cmd = line.decode().strip()
            if cmd == "sent":
                out({"event": "sent", "routes": json.loads(sp.neighbor_get("sent-routes", a.neighbor))})
            elif cmd == "received":
                out({"event": "received", "routes": json.loads(sp.neighbor_get("received-routes", a.neighbor))})
            elif cmd == "rib":
                out({"event": "rib", "rib": json.loads(sp.rib_get("ipv4"))})
            elif cmd == "quit":
                stop = True
        if stop:
            break
    sp.shutdown()
    out({"event": "exit"})


if __name__ == "__main__":
    main()
