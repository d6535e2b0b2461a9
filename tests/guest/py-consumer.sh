#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The ring without libacqctl: examples/ring_consumer.py, Python and the
# kernel's YNL library alone (doc/ring.md), attaches a ring to an acq_sim
# device of two channels of different geometries, maps it, starts it and
# verifies 300 frames against acq_sim's payload, waiting on an eventfd;
# it stops and detaches. The kernel must count no protocol error (the
# consumer index stored whole), every frame produced must be delivered or
# dropped, and the ring's memory must come back. examples/monitor.py,
# started beside it, must print a change and the device's removal. And
# the trap doc/ring.md warns of, shown: a consumer index stored with
# struct.pack_into() makes the kernel count protocol errors.
. "$(dirname "$0")/lib.sh"

ynl=${ACQ_CACHE:?}/linux-source-6.12/tree/tools/net/ynl
[ -f "$ynl/lib/ynl.py" ] || skip "no YNL library in $ynl (run tests/vm/deps)"
# As genl-ynl-interop: Python under KASAN and emulation takes minutes.
case $(uname -r) in
*-acq-debug) skip "Python runs on Debian's kernels, not the debug one" ;;
esac
# Debian's python3 has yaml; another may come first in PATH.
py=/usr/bin/python3
export YNL_DIR=$ynl

acq_sim_load
# The monitor first: its start takes seconds, the device's setup meanwhile.
"$py" "$ACQ_TOP/examples/monitor.py" > /tmp/pymon.txt 2> /tmp/pymon.err &
mon=$!
trap 'reap "$mon"; "$ACQCTL" sim del 0 2>/dev/null; rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 2 > /dev/null || fail "sim add"
# 200 frames a second on each channel: 4 KiB frames of 256-byte lines,
# and 2 KiB ones of 128-byte lines.
"$ACQCTL" chan set acq0 0 enabled on lines 16 line-bytes 256 \
	lines-per-chunk 8 line-rate 3200 || fail "chan set 0"
"$ACQCTL" chan set acq0 1 enabled on lines 16 line-bytes 128 \
	lines-per-chunk 16 line-rate 3200 || fail "chan set 1"

# One Python for both runs (each start costs seconds under emulation):
# the example as its command line runs it, then the trap doc/ring.md
# warns of, shown: struct.pack_into() zeroes the consumer index before
# it stores it, and the kernel, reading it at each frame meanwhile,
# counts protocol errors. 20 frames consumed, then the same index stored
# so again and again for a second (the ring fills up): 20 to 40 errors
# a second were counted on 6.12.
out=$("$py" - "$ACQ_TOP" <<'EOF'
import os, struct, sys, time
top = sys.argv[1]
sys.path.insert(0, os.path.join(top, "examples"))
import ring_consumer as rc
sys.argv = ["ring_consumer.py", "acq0", "--frames", "300",
            "--desc-count", "32", "--eventfd", "--verify"]
if rc.main():
    sys.exit(1)
ynl = rc.load_ynl(os.environ["YNL_DIR"])[0](
    os.path.join(top, "schemas/acq.yaml"), "")
h = os.open("/dev/acq0", os.O_RDWR)
ring = rc.Ring(h, ynl.do("ring-attach", {"dev-id": 0, "handle": h}))
ynl.do("dev-start", {"id": 0, "handle": h})
rc.consume(ring, h, False, 20, None,
           dict(frames=0, dropped=0, flagged=0, bad=0))
end = time.monotonic() + 1
while time.monotonic() < end:
    for _ in range(1000):
        struct.pack_into("I", ring.hdr_map, 0x80, ring.consumer)
print("pack_into-protocol-errors", ring.words[rc.PROTOCOL_ERRORS])
ring.close()
os.close(h)
EOF
) || fail "ring_consumer.py: $out"
echo "$out"
# Both lines' words, in one array.
read -r -d '' -a f <<< "$out"
[ "${f[*]:0:4}" = "frames 300 bad 0" ] || fail "consumer: $out"
[ "${f[*]:6:4}" = "flagged 0 protocol-errors 0" ] || fail "consumer: $out"
[[ ${f[10]} = pack_into-protocol-errors && ${f[11]:-0} -gt 0 ]] ||
	fail "no protocol error from struct.pack_into(): $out"

# Every frame produced delivered or dropped, none flagged, at least 300
# delivered; the device's protocol errors are the second ring's.
stats=$("$ACQCTL" -j stats acq0) || fail "stats"
echo "stats: $stats"
echo "$stats" | tr '{' '\n' | awk -F'[:,]' -v pe="${f[11]}" '
/"produced"/ {
	for (i = 1; i < NF; i += 2)
		v[$i] = $(i + 1) + 0
	if (v["\"produced\""] != v["\"delivered\""] + v["\"dropped\""] ||
	    v["\"errors\""] || v["\"protocol_errors\""] != pe)
		bad = 1
	n += v["\"delivered\""]
}
END { exit bad || n < 300 }' || fail "counters: $stats"
# Both rings are gone: the first detached, the second with its handle.
[ "$("$ACQCTL" -j dev show acq0 | json_field ring_attached)" = false ] ||
	fail "a ring left attached: $("$ACQCTL" dev show acq0)"

# The monitor, started with the device's setup, came up meanwhile (its
# start and the consumer's share the guest's CPUs; what it heard of the
# captures is shown, not judged): a change until it is heard, then the
# device's removal.
for _ in $(seq 100); do
	grep -q '^chan-change-ntf ' /tmp/pymon.txt && break
	kill -0 "$mon" 2>/dev/null || fail "monitor.py: $(cat /tmp/pymon.err)"
	"$ACQCTL" chan set acq0 1 line-rate 3200 || fail "chan set"
	sleep 0.1
done
grep -q '^chan-change-ntf {"dev-id": 0, "id": 1, ' /tmp/pymon.txt ||
	fail "monitor.py heard nothing: $(cat /tmp/pymon.txt /tmp/pymon.err)"
"$ACQCTL" sim del 0 || fail "sim del"
for _ in $(seq 100); do
	grep -q '^dev-del-ntf {"id": 0, "name": "acq0", ' /tmp/pymon.txt && break
	sleep 0.1
done
cut -c 1-100 /tmp/pymon.txt
grep -q '^dev-del-ntf {"id": 0, "name": "acq0", ' /tmp/pymon.txt ||
	fail "monitor.py did not hear the removal: $(cat /tmp/pymon.txt)"
reap "$mon"
mon=

memory_idle || fail "ring memory not given back"
exit 0
