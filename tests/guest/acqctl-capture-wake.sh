#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# acqctl capture's wake-up modes, each a verified capture of every frame:
# --need-wakeup (signalled only when it sleeps), --busy-poll (spinning, no
# eventfd, never signalled), and both with --wake-frames.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 1 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')
# Frames of 16 lines of 1 KiB (16 KiB), 1000 a second.
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 1024 lines-per-chunk 16 \
	line-rate 16000 || fail "chan set"

# capture ARGS...: 100 frames of channel 0, every one read and verified.
capture() {
	local f

	"$ACQCTL" -j capture "$dev" --channel 0 --frames 100 --quiet \
		--verify "$@" > /tmp/cap || fail "capture $*: $(< /tmp/cap)"
	for f in frames:100 verify_failures:0 errors:0 truncated:0; do
		[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
			fail "capture $*: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
	done
	echo "capture $*: ok"
}

capture --need-wakeup
capture --need-wakeup --wake-frames 8 --wake-usecs 2000
capture --busy-poll
capture --busy-poll --need-wakeup
expect_fail "--busy-poll with a value" "takes no value" \
	"$ACQCTL" capture "$dev" --busy-poll=1
exit 0
