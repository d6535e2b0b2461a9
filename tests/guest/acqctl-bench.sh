#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acqctl bench, a short run: one run of a fraction of a second per mode,
# every frame verified. Asserts that every mode ran and consumed frames,
# none failed verification, the JSON is well formed and holds what the
# report and the plot need, and the text report has a row per mode.
# Nothing about speed.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'rm -f /tmp/bench.json /tmp/bench.plot; rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 1 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')
dbg=/sys/kernel/debug/acq_sim/acq_sim0
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 lines-per-chunk 16 \
	line-rate 4000000 || fail "chan set"

# The debug kernel is 3 to 4 times slower: shorter runs keep it near a
# minute there too.
seconds=0.5
[ "${ACQ_KERNEL:-}" = debug ] && seconds=0.2
"$ACQCTL" -j bench "$dev" --runs 1 --seconds "$seconds" --verify \
	--irq-ns-file "$dbg/irq_ns" --plot-data /tmp/bench.plot \
	> /tmp/bench.json || fail "bench: $(< /tmp/bench.json)"
python3 - /tmp/bench.json /tmp/bench.plot <<'PY' || fail "bench JSON: $(< /tmp/bench.json)"
import json, sys

r = json.load(open(sys.argv[1]))
modes = [m["mode"] for m in r["modes"]]
want = ["eventfd", "need-wakeup", "coalesce", "busy-poll", "epoll", "read",
        "sigio"]
assert modes == want, modes
assert r["touch"] == "verify" and r["frame_bytes"] == 4096, r
for m in r["modes"]:
    name = m["mode"]
    assert m["supported"], (name, m.get("error"))
    assert m["runs"] == 1 and len(m["per_run"]) == 1, name
    run = m["per_run"][0]
    assert run["frames"] > 0 and run["loop_frames"] > 0, (name, run)
    assert run["failures"] == 0, (name, run.get("last_error"))
    assert run["offered"] >= run["frames"], (name, run)
    assert m["latency"]["samples"] == run["loop_frames"], name
    assert sum(b[2] for b in m["latency"]["buckets"]) == \
        m["latency"]["samples"], name
    for k in ("offered_fps", "delivered_fps", "cpu_us_per_frame",
              "irq_us_per_frame", "lat_p99_us", "waits_per_frame"):
        assert m["median"][k] is not None, (name, k)
plot = open(sys.argv[2]).read()
for name in want:
    assert '"%s"' % name in plot, name
PY
"$ACQCTL" bench "$dev" --runs 1 --seconds 0.2 --mode eventfd,read > /tmp/bench.json ||
	fail "bench, text: $(< /tmp/bench.json)"
for mode in eventfd read; do
	grep -q "^$mode " /tmp/bench.json || fail "no row for $mode: $(< /tmp/bench.json)"
done
expect_fail "an unknown mode" "bad --mode" "$ACQCTL" bench "$dev" --mode poll
