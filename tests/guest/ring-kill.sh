#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kill -9 of a capturing process, 50 times: each time the device stops at
# once (its counters freeze and add up: produced = delivered + dropped),
# the ring goes (acq's debugfs memory count returns to zero), the next
# capture attaches without EBUSY, and after the 50 kills the memory the
# system has free is back where it started.
. "$(dirname "$0")/lib.sh"

ROUNDS=50

acq_sim_load
"$ACQCTL" sim add 6 2 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get '[d["name"] for d in j if d["parent"] == "acq_sim6"][0]')
"$ACQCTL" chan set "$dev" 0 lines 32 line-bytes 1024 line-rate 64000 || fail "chan set 0"
"$ACQCTL" chan set "$dev" 1 lines 64 line-bytes 512 line-rate 64000 || fail "chan set 1"

ring_bytes() { awk '$1 == "bytes" { print $2 }' /sys/kernel/debug/acq/memory; }
# Memory in use by everything but the page cache, in KiB.
mem_used() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^MemTotal/ { t = $2 } /^MemAvailable/ { a = $2 } END { print t - a }' /proc/meminfo
}
# "produced delivered dropped" of each channel, on one line (awk, not
# python: this runs a few thousand times under emulation).
counters() {
	"$ACQCTL" stats "$dev" | awk '{
		for (i = 1; i < NF; i++)
			if ($i == "produced" || $i == "delivered" || $i == "dropped")
				printf "%s ", $(i + 1)
	}'
}
# Every channel's produced = delivered + dropped.
counters_add_up() {
	echo "$1" | awk '{
		for (i = 1; i <= NF; i += 3)
			if ($i != $(i + 1) + $(i + 2))
				exit 1
	}'
}

# One capture first, so that what stays allocated after the first use
# (slab caches, libraries' pages) is in the baseline.
"$ACQCTL" capture "$dev" --channel 0 --channel 1 --seconds 0.5 --quiet >/dev/null ||
	fail "first capture"
base=$(mem_used)
cp /proc/meminfo /tmp/meminfo.before
[ "$(ring_bytes)" = 0 ] || fail "ring memory before: $(ring_bytes)"

for i in $(seq $ROUNDS); do
	"$ACQCTL" capture "$dev" --channel 0 --channel 1 --seconds 120 --quiet \
		>/dev/null 2>/tmp/capture.err &
	pid=$!
	# Until frames flow: the ring is attached and the device started.
	before=$(counters)
	for _ in $(seq 100); do
		sleep 0.05
		[ "$(ring_bytes)" != 0 ] || continue
		[ "$(counters)" != "$before" ] && break
	done
	kill -0 $pid 2>/dev/null || fail "round $i: capture ended early: $(cat /tmp/capture.err)"
	[ "$(ring_bytes)" != 0 ] || fail "round $i: no ring attached"
	kill -9 $pid
	wait $pid 2>/dev/null
	[ "$(ring_bytes)" = 0 ] || fail "round $i: ring memory left: $(ring_bytes)"
	a=$(counters)
	sleep 0.1
	[ "$(counters)" = "$a" ] || fail "round $i: device still running: $a -> $(counters)"
	counters_add_up "$a" || fail "round $i: counters do not add up: $a"
done
echo "$ROUNDS captures killed; counters: $(counters)"

after=$(mem_used)
echo "memory in use: $base KiB before, $after KiB after"
# What moved, for the record.
awk 'NR == FNR { b[$1] = $2; next } $2 != b[$1] { printf "#   %s %d -> %d kB\n", $1, b[$1], $2 }' \
	/tmp/meminfo.before /proc/meminfo
# A ring is 64 slots of 32 KiB here: 50 leaked would be 100 MiB, 8 are
# 16 MiB; less than that is the noise of MemAvailable.
[ $((after - base)) -lt 16384 ] || fail "memory not back: $base KiB -> $after KiB"

"$ACQCTL" capture "$dev" --channel 0 --channel 1 --seconds 0.5 --verify ||
	fail "a capture after the kills"
"$ACQCTL" sim del 6 || fail "sim del"
acq_sim_unload
