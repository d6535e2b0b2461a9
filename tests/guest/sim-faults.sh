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
#   (stop reason device-error); it starts again afterwards;
# - a truncated frame (truncate_lines): delivered flagged
#   ACQ_DESC_F_TRUNCATED with its real length, the lines it holds
#   verified; acqctl capture counts it truncated, not an error nor a
#   verification failure; the channel's stats count it in errors, with
#   last-error ENODATA;
# - the device vanishing in the middle of a frame (vanish), then removed
#   while a verifying capture runs: the partial frame is never published,
#   the capture gets every frame delivered and exits saying the device
#   was removed, the monitor hears dev-del, and the memory comes back.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'reap "${mon:-}" "${cap:-}"; rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 2 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')
dir=/sys/kernel/debug/acq_sim/acq_sim0
# Four chunks a frame, 1000 frames a second.
"$ACQCTL" chan set "$dev" 0 lines 64 line-bytes 256 lines-per-chunk 16 \
	line-rate 64000 || fail "chan set"

# A count takes 0 to INT_MAX and nothing else (EINVAL): a negative one, or
# one past INT_MAX that would wrap negative, would stay armed for ever.
for k in fail_chunks lose_irqs raise_spurious; do
	for bad in -5 2147483648 4294967295; do
		if { echo "$bad" > "$dir/$k"; } 2>/dev/null; then
			fail "$k took $bad"
		fi
		[ "$(< "$dir/$k")" = 0 ] || fail "$k after $bad: $(< "$dir/$k")"
	done
done
echo 2147483647 > "$dir/fail_chunks" || fail "fail_chunks took no INT_MAX"
[ "$(< "$dir/fail_chunks")" = 2147483647 ] || fail "fail_chunks: $(< "$dir/fail_chunks")"
echo 0 > "$dir/fail_chunks" || fail "fail_chunks 0"

# A start that fails: EIO, with the backend's words.
echo 5 > "$dir/fail_start" || fail "fail_start"
expect_fail "start with fail_start" "start failed by fault injection" \
	"$ACQCTL" capture "$dev" --channel 0 --frames 4 --quiet
[ "$(< "$dir/fail_start")" = 0 ] || fail "fail_start not consumed"
state=$("$ACQCTL" -j dev show "$dev" | json_field state)
[ "$state" = stopped ] || fail "state after a failed start: $state"
"$ACQCTL" capture "$dev" --channel 0 --frames 4 --verify --quiet ||
	fail "capture after a failed start"

# Three failed chunks, the first three of the next capture's first frame:
# one frame flagged, none failing verification, none missing. At 100
# frames a second: a loaded guest slow to stop the device after the
# capture's last frame must not drop any (a drop's ENOBUFS would be the
# last error then).
"$ACQCTL" chan set "$dev" 0 line-rate 6400 || fail "chan set"
before=$("$ACQCTL" -j stats "$dev" 0)
echo 3 > "$dir/fail_chunks" || fail "fail_chunks"
"$ACQCTL" -j capture "$dev" --channel 0 --frames 20 --verify --quiet \
	> /tmp/cap || fail "capture with failed chunks: $(< /tmp/cap)"
cat /tmp/cap
for f in frames:20 verify_failures:0 errors:1 truncated:0 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
done
[ "$(< "$dir/fail_chunks")" = 0 ] || fail "fail_chunks not consumed"
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
"$ACQCTL" chan set "$dev" 0 line-rate 64000 || fail "chan set"
# Nothing lost: every frame produced was delivered or dropped.
[ "$(echo "$after" | json_field produced)" = \
  "$(($(echo "$after" | json_field delivered) + $(echo "$after" | json_field dropped)))" ] ||
	fail "produced != delivered + dropped: $after"

# The device fails for good at its next chunk.
"$ACQCTL" -j monitor > /tmp/mon 2>&1 &
mon=$!
monitor_ready "$dev" 0 /tmp/mon || fail "monitor"
echo 5 > "$dir/fail_device" || fail "fail_device"
expect_fail "capture of a failing device" "stopped during the capture" \
	"$ACQCTL" capture "$dev" --channel 0 --seconds 60 --quiet
[ "$(< "$dir/fail_device")" = 0 ] || fail "fail_device not consumed"
show=$("$ACQCTL" -j dev show "$dev")
[ "$(echo "$show" | json_field stop_reason)" = device-error ] ||
	fail "stop reason after the failure: $show"
for _ in $(seq 50); do
	grep -q '"stop_reason":"device-error"' /tmp/mon && break
	sleep 0.1
done
grep -q '"stop_reason":"device-error"' /tmp/mon ||
	fail "the monitor did not hear why: $(< /tmp/mon)"
reap "$mon"
mon=
# -EIO, or -5 on a kernel without symbolic errnos (the debug kernel).
dmesg | grep -q -E "the device failed \((-EIO|-5)\): stopped" ||
	fail "no word of the failure in the kernel log"
"$ACQCTL" capture "$dev" --channel 0 --frames 4 --verify --quiet ||
	fail "capture after the failure"

# The next frame ends after 40 lines, in the middle of its third chunk.
# (Since the stats above, no frame nor chunk failed.)
before=$after
echo 40 > "$dir/truncate_lines" || fail "truncate_lines"
"$ACQCTL" -j capture "$dev" --channel 0 --frames 20 --verify --quiet \
	> /tmp/cap || fail "capture with a truncated frame: $(< /tmp/cap)"
cat /tmp/cap
# Its real length: 19 frames of 64 lines, one of 40.
for f in frames:20 bytes:$((19 * 64 * 256 + 40 * 256)) verify_failures:0 \
	 errors:0 truncated:1 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
done
[ "$(< "$dir/truncate_lines")" = 0 ] || fail "truncate_lines not consumed"
after=$("$ACQCTL" -j stats "$dev" 0)
echo "$after"
[ "$(delta errors)" = 1 ] || fail "errors grew by $(delta errors)"
[ "$(delta chunk_errors)" = 0 ] || fail "chunk_errors grew by $(delta chunk_errors)"
[ "$(echo "$after" | json_field last_error)" = ENODATA ] ||
	fail "last_error: $after"

# The device vanishes between two chunks of a frame, under a verifying
# capture at 100 frames a second, and is removed.
"$ACQCTL" chan set "$dev" 0 line-rate 6400 || fail "chan set"
"$ACQCTL" -j monitor > /tmp/mon 2>&1 &
mon=$!
# The counters with the device stopped: what grows from here is this
# capture's alone (the chunks before it are any number, mod 4).
before=$after
base=$(echo "$before" | json_field delivered)
"$ACQCTL" -j capture "$dev" --channel 0 --seconds 60 --verify --quiet \
	> /tmp/cap 2> /tmp/cap.err &
cap=$!
wait_owned "$dev" "$cap"
echo 1 > "$dir/vanish" || fail "vanish"
for _ in $(seq 50); do
	[ "$(< "$dir/vanish")" = 0 ] && break
	sleep 0.1
done
[ "$(< "$dir/vanish")" = 0 ] || fail "the device did not vanish"
# Gone: the last frame one to three chunks short, and no chunk more (the
# capture's frames, below, are those delivered by now).
# The stats now, judged after the removal: the capture has 60 s, and
# under emulation every process the checks start costs.
after=$("$ACQCTL" -j stats "$dev" 0)
kill -0 "$cap" || fail "the capture ended before the removal: $(< /tmp/cap.err)"

"$ACQCTL" sim del 0 || fail "sim del"
echo "$after"
echo "chunks: $(echo "$before" | json_field chunks) before the capture, $(delta chunks) in it"
delivered=$(echo "$after" | json_field delivered)
[ $(($(delta chunks) % 4)) != 0 ] ||
	fail "$(delta chunks) chunks in the capture: not in the middle of a frame"
[ "$(delta produced)" = "$(($(delta delivered) + $(delta dropped)))" ] ||
	fail "produced grew by $(delta produced), delivered by $(delta delivered), dropped by $(delta dropped)"
[ "$(echo "$after" | json_field produced)" = \
  "$((delivered + $(echo "$after" | json_field dropped)))" ] ||
	fail "produced != delivered + dropped: $after"
rc=0
wait "$cap" || rc=$?
cap=
cat /tmp/cap /tmp/cap.err
[ "$rc" = 1 ] || fail "capture exited $rc, want 1"
grep -q "device removed during capture" /tmp/cap.err ||
	fail "the capture did not say the device went: $(< /tmp/cap.err)"
# Every frame delivered was read, and whole; the partial one never came,
# nor any after it.
for f in frames:$((delivered - base)) verify_failures:0 errors:0 \
	 truncated:0 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
done
[ "$((delivered - base))" -gt 0 ] || fail "no frame before the vanishing"
for _ in $(seq 50); do
	grep -q '"event":"dev-del"' /tmp/mon && break
	sleep 0.1
done
grep -q '"event":"dev-del"' /tmp/mon ||
	fail "the monitor did not hear: $(< /tmp/mon)"
reap "$mon"
mon=
memory_idle || fail "memory held at the end"
acq_sim_unload
trap - EXIT
