#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acq_edu counts an interrupt whose status shows nothing of its own, and
# ignores it: raised through the edu device's interrupt-raise register
# (acq_edu's debugfs irq_raise), alone and in the middle of a capture,
# which still delivers every frame whole. A forged completion (the DMA
# engine's bit, raised while its transfer runs) is not taken for the
# transfer's: the frames stay whole.
. "$(dirname "$0")/lib.sh"

edu_load
trap 'reap "${cap:-}"; rmmod acq_edu acq 2>/dev/null' EXIT
dev=$(edu_dev)
dir=/sys/kernel/debug/acq_edu/$EDU_PCI

# spurious_reach N: until the counter says N, for 10 s at most.
spurious_reach() {
	for _ in $(seq 100); do
		[ "$(< "$dir/spurious_irqs")" -ge "$1" ] && return 0
		sleep 0.1
	done
	fail "spurious_irqs is $(< "$dir/spurious_irqs"), not $1"
}

[ "$(< "$dir/spurious_irqs")" = 0 ] || fail "spurious interrupts at load"
# Status bit 2: neither the DMA engine's (8) nor the factorial's (0).
echo 4 > "$dir/irq_raise" || fail "raise"
spurious_reach 1

"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 || fail "chan set"
"$ACQCTL" -j capture "$dev" --channel 0 --frames 24 --verify --quiet > /tmp/cap &
cap=$!
wait_owned "$dev" "$cap"
# raise_counted BITS PAUSE N: raise BITS four times, PAUSE seconds apart,
# and wait until at least N of them were counted.
raise_counted() {
	local before

	before=$(< "$dir/spurious_irqs")
	for _ in 1 2 3 4; do
		echo "$1" > "$dir/irq_raise" || fail "raise $1 during the capture"
		sleep "$2"
	done
	spurious_reach $((before + $3))
}
# First, while the capture surely runs (the debug kernel is slow to reach
# the rest), forged completions: most come while a transfer runs, and are
# counted, not taken for its completion (one that comes as a transfer
# ends merges with it).
raise_counted 256 0.2 1
# One that comes as a transfer completes shares its handler's run with the
# completion, and is not counted: of these four, most are.
raise_counted 4 0.3 3
wait $cap || fail "capture: $(< /tmp/cap)"
cap=
cat /tmp/cap
for f in frames:24 verify_failures:0 dropped:0; do
	[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
done
echo "spurious interrupts: $(< "$dir/spurious_irqs")"

rmmod acq_edu || fail "rmmod acq_edu"
acq_unload
trap - EXIT
