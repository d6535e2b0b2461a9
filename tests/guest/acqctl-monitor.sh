#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acqctl monitor, as a script uses it: one line per event, in text and as
# JSON lines, flushed as they come (into a file here), for a device's
# whole life; SIGTERM ends it with status 0.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'kill $mon $jmon 2>/dev/null; rmmod acq_sim acq 2>/dev/null' EXIT

"$ACQCTL" monitor > /tmp/mon.txt 2> /tmp/mon.err &
mon=$!
"$ACQCTL" -j monitor > /tmp/mon.json 2> /tmp/mon.jerr &
jmon=$!

# Subscribing races with the first events: change a device until both
# monitors have heard of it, then go through its life once.
echo "0 2" > /sys/bus/acq_sim/new_device || fail "new acq_sim device"
for _ in $(seq 100); do
	"$ACQCTL" chan set acq0 1 lines 32 || fail "chan set"
	grep -q "^chan-change acq0 chan 1" /tmp/mon.txt &&
		grep -q '"event":"chan-change"' /tmp/mon.json && break
	sleep 0.1
done
grep -q "^chan-change acq0 chan 1 .*lines 32" /tmp/mon.txt ||
	fail "no chan-change line: $(cat /tmp/mon.txt /tmp/mon.err)"

"$ACQCTL" capture acq0 --channel 0 --frames 5 --quiet > /dev/null ||
	fail "capture"
echo 0 > /sys/bus/acq_sim/del_device || fail "del acq_sim device"
for _ in $(seq 100); do
	grep -q "^dev-del acq0" /tmp/mon.txt && grep -q '"event":"dev-del"' /tmp/mon.json &&
		break
	sleep 0.1
done

kill -TERM $mon $jmon
wait $mon || fail "monitor exited $? on SIGTERM: $(< /tmp/mon.err)"
wait $jmon || fail "monitor -j exited $? on SIGTERM: $(< /tmp/mon.jerr)"
mon='' jmon=''
cat /tmp/mon.txt
grep -q "^window-revoked acq0 window 1 state gone policy discard revokes 1$" /tmp/mon.txt ||
	fail "no window-revoked line for the removal"

# After the chan-changes, in this order: the capture's own chan-change
# (channel 0 on), its start and its end, then the removal.
sed -n '/^chan-change acq0 chan 0/,$p' /tmp/mon.txt | cut -d' ' -f1-5 > /tmp/mon.seq
# The capture stops the device itself (a request), then detaches the
# stopped device, which is no change of state. The removal takes back
# both register windows for good before the device goes.
want=$(printf '%s\n' "chan-change acq0 chan 0 enabled" \
	"dev-state acq0 started" "dev-state acq0 stopped reason request" \
	"window-revoked acq0 window 0 state" "window-revoked acq0 window 1 state" \
	"dev-del acq0")
[ "$(grep -v '^chan-change acq0 chan 1' /tmp/mon.seq)" = "$want" ] ||
	fail "events out of order: $(< /tmp/mon.seq)"

# Every JSON line is one object, and the same events are there.
python3 - /tmp/mon.json <<'EOF' || fail "JSON lines: $(< /tmp/mon.json)"
import json, sys
events = [json.loads(line)["event"] for line in open(sys.argv[1])]
tail = events[events.index("dev-state"):]
want = ["dev-state", "dev-state", "window-revoked", "window-revoked", "dev-del"]
sys.exit(0 if [e for e in tail if e != "chan-change"] == want else 1)
EOF
grep -q '"stop_reason":"request"' /tmp/mon.json || fail "no stop_reason in JSON"
exit 0
