#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A device's faults, injected through acq_sim's debugfs knobs, reach the
# user and lose nothing silently:
# - a start that fails: acqctl says the backend's own reason (its
#   extack), the device stays stopped, the next start works;
# - failed DMA chunks: their frame is delivered flagged ACQ_DESC_F_ERROR,
#   never as good; acqctl capture counts it apart from verification
#   failures, and the channel's stats count the chunks, the frame and
#   the errno;
# - a device that fails for good in the middle of a capture: the core
#   stops it, the capture says so, dev-get and the monitor say why
#   (stop reason device-error); it starts again afterwards.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'reap "${mon:-}"; rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 2 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')
dir=/sys/kernel/debug/acq_sim/acq_sim0
# Four chunks a frame, 1000 frames a second.
"$ACQCTL" chan set "$dev" 0 lines 64 line-bytes 256 lines-per-chunk 16 \
	line-rate 64000 || fail "chan set"

# A start that fails: EIO, with the backend's words.
echo 5 > "$dir/fail_start" || fail "fail_start"
expect_fail "start with fail_start" "start failed by fault injection" \
	"$ACQCTL" capture "$dev" --channel 0 --frames 4 --quiet
[ "$(cat "$dir/fail_start")" = 0 ] || fail "fail_start not consumed"
state=$("$ACQCTL" -j dev show "$dev" | json_field state)
[ "$state" = stopped ] || fail "state after a failed start: $state"
"$ACQCTL" capture "$dev" --channel 0 --frames 4 --verify --quiet ||
	fail "capture after a failed start"

# Three failed chunks, the first three of the next capture's first frame:
# one frame flagged, none failing verification, none missing.
before=$("$ACQCTL" -j stats "$dev" 0)
echo 3 > "$dir/fail_chunks" || fail "fail_chunks"
"$ACQCTL" -j capture "$dev" --channel 0 --frames 20 --verify --quiet \
	> /tmp/cap || fail "capture with failed chunks: $(cat /tmp/cap)"
cat /tmp/cap
for f in frames:20 verify_failures:0 errors:1 truncated:0 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(cat /tmp/cap)"
done
[ "$(cat "$dir/fail_chunks")" = 0 ] || fail "fail_chunks not consumed"
after=$("$ACQCTL" -j stats "$dev" 0)
echo "$after"
# delta KEY: how much the counter KEY grew over the capture.
delta() {
	echo $(($(echo "$after" | json_field "$1") -
		$(echo "$before" | json_field "$1")))
}
[ "$(delta chunk_errors)" = 3 ] || fail "chunk_errors grew by $(delta chunk_errors)"
[ "$(delta errors)" = 1 ] || fail "errors grew by $(delta errors)"
[ "$(echo "$after" | json_field last_error)" = EIO ] ||
	fail "last_error: $after"
# Nothing lost: every frame produced was delivered or dropped.
[ "$(echo "$after" | json_field produced)" = \
  "$(($(echo "$after" | json_field delivered) + $(echo "$after" | json_field dropped)))" ] ||
	fail "produced != delivered + dropped: $after"

# The device fails for good at its next chunk.
"$ACQCTL" -j monitor > /tmp/mon 2>&1 &
mon=$!
sleep 0.5
echo 5 > "$dir/fail_device" || fail "fail_device"
expect_fail "capture of a failing device" "stopped during the capture" \
	"$ACQCTL" capture "$dev" --channel 0 --seconds 60 --quiet
[ "$(cat "$dir/fail_device")" = 0 ] || fail "fail_device not consumed"
show=$("$ACQCTL" -j dev show "$dev")
[ "$(echo "$show" | json_field stop_reason)" = device-error ] ||
	fail "stop reason after the failure: $show"
for _ in $(seq 50); do
	grep -q '"stop_reason":"device-error"' /tmp/mon && break
	sleep 0.1
done
grep -q '"stop_reason":"device-error"' /tmp/mon ||
	fail "the monitor did not hear why: $(cat /tmp/mon)"
reap "$mon"
mon=
# -EIO, or -5 on a kernel without symbolic errnos (the debug kernel).
dmesg | grep -q -E "the device failed \((-EIO|-5)\): stopped" ||
	fail "no word of the failure in the kernel log"
"$ACQCTL" capture "$dev" --channel 0 --frames 4 --verify --quiet ||
	fail "capture after the failure"

"$ACQCTL" sim del 0 || fail "sim del"
memory_idle || fail "memory held at the end"
acq_sim_unload
trap - EXIT
