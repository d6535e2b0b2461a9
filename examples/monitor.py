#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# monitor.py [--count N] [--spec FILE] [--ynl DIR]
#
# Follow the acq family's events without libacqctl: subscribe to its
# "monitor" multicast group through the kernel's YNL library, driven by
# schemas/acq.yaml, and print each event on one line as it comes: its
# name, then its attributes as one JSON object, e.g.
#   dev-state-ntf {"id": 0, "name": "acq0", "state": "started", ...}
# Ends after N events with --count, or at SIGINT or SIGTERM, with status 0.
#
# --ynl DIR is the kernel source's tools/net/ynl (6.12's layout, or the
# pyynl/ one of later kernels). The kernel's own CLI does as much, with
# its output at the end rather than line by line:
#   tools/net/ynl/cli.py --spec schemas/acq.yaml --subscribe monitor --sleep N
import argparse
import json
import os
import select
import signal
import sys


def load_ynl(path):
    """The YNL library's YnlFamily, from a kernel tree."""
    sys.path.insert(0, path)
    try:
        from pyynl.lib import YnlFamily
    except ImportError:
        from lib import YnlFamily
    return YnlFamily


def main():
    ap = argparse.ArgumentParser(description="Print acq's events.")
    ap.add_argument("--count", type=int, default=0,
                    help="exit after this many events (0: never)")
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--spec", default=os.path.join(top, "schemas/acq.yaml"))
    ap.add_argument("--ynl", default=os.environ.get("YNL_DIR", ""),
                    help="the kernel source's tools/net/ynl")
    args = ap.parse_args()

    # A clean end for a script's kill, as for an interactive ^C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    ynl = load_ynl(args.ynl)(args.spec, "")
    ynl.ntf_subscribe("monitor")
    p = select.poll()
    p.register(ynl.sock, select.POLLIN)
    left = args.count or -1
    while left:
        p.poll()
        # Reads every datagram waiting, without blocking.
        ynl.check_ntf()
        for ntf in ynl.async_msg_queue[:left if left > 0 else None]:
            print(ntf["name"], json.dumps(ntf["msg"]), flush=True)
            left -= 1
        ynl.async_msg_queue.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
