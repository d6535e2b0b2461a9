#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A DMA completion whose interrupt never comes (acq_edu's debugfs
# lose_irqs drops one) stalls nothing: acq_edu's watchdog finds the
# engine idle, goes on, and reports the chunk to the core as timed out.
# Its frame is delivered flagged ACQ_DESC_F_ERROR, never as good; the
# capture still gets every frame, none failing verification, and the
# stats say ETIMEDOUT.
. "$(dirname "$0")/lib.sh"

edu_load
trap 'rmmod acq_edu acq 2>/dev/null' EXIT
dev=$(edu_dev)
dir=/sys/kernel/debug/acq_edu/$EDU_PCI

# 4 KiB frames: two chunks of two transfers each.
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 || fail "chan set"
echo 1 > "$dir/lose_irqs" || fail "lose_irqs"
"$ACQCTL" -j capture "$dev" --channel 0 --frames 6 --verify --quiet \
	> /tmp/cap || fail "capture: $(< /tmp/cap)"
cat /tmp/cap
for f in frames:6 verify_failures:0 errors:1 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
done
[ "$(< "$dir/lose_irqs")" = 0 ] || fail "no completion was lost"
[ "$(< "$dir/lost_irqs")" = 1 ] || fail "lost_irqs: $(< "$dir/lost_irqs")"
st=$("$ACQCTL" -j stats "$dev" 0)
echo "$st"
for f in chunk_errors:1 errors:1 last_error:ETIMEDOUT; do
	[ "$(echo "$st" | json_field "${f%:*}")" = "${f#*:}" ] ||
		fail "stats: want ${f%:*} ${f#*:}: $st"
done

rmmod acq_edu || fail "rmmod acq_edu"
acq_unload
trap - EXIT
