#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A ring's memory is charged to the memory cgroup of the process that
# attaches it (__GFP_ACCOUNT on every allocation, the DMA frames too): the
# cgroup's memory.current rises by the ring's size while it is attached and
# falls back once the owner is killed. A ring that does not fit the
# cgroup's memory.max is refused with an errno and a message naming that
# limit; nothing is OOM-killed, neither in the cgroup nor elsewhere.
. "$(dirname "$0")/lib.sh"

cgroot=/sys/fs/cgroup
grep -qw cgroup2 /proc/filesystems || skip "this kernel has no cgroup2"
mounted=
if ! grep -q "^[^ ]* $cgroot cgroup2 " /proc/mounts; then
	mount -t cgroup2 none $cgroot || fail "mount cgroup2"
	mounted=1
fi
grep -qw memory $cgroot/cgroup.controllers ||
	{ [ -n "$mounted" ] && umount $cgroot; skip "no memory controller"; }
echo +memory > $cgroot/cgroup.subtree_control ||
	fail "cannot enable the memory controller"
cg=$cgroot/acq-ring-memcg
mkdir $cg || fail "mkdir $cg"

acq_sim_load
echo "0 1" > /sys/bus/acq_sim/new_device || fail "new acq_sim device"
# shellcheck disable=SC2317 # run by the EXIT trap, which shellcheck 0.9 misses
cleanup() {
	reap "${bg:-}" "${bystander:-}"
	echo 0 > /sys/bus/acq_sim/del_device
	rmmod acq_sim acq
	rmdir "$cg"
	[ -n "$mounted" ] && umount "$cgroot"
}
trap cleanup EXIT
"$ACQCTL" chan set acq0 0 enabled on lines 32 line-rate 320000 ||
	fail "chan set"

# in_cg CMD...: CMD as a process of the test's cgroup, one process from
# the start, so that $! of "${in_cg[@]} CMD &" is CMD's.
# shellcheck disable=SC2016 # $$ and $1 are the inner shell's
in_cg=(bash -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' - "$cg")

mib=$((1024 * 1024))
# 32 slots of 1 MiB, a header page and a page of descriptors.
ring=(--ring-size 32 --slot-size "$mib")
ring_bytes=$((32 * mib + 2 * 4096))

# A bystander in the cgroup: an OOM kill there would take it.
"${in_cg[@]}" sleep 3600 &
bystander=$!

before=$(< $cg/memory.current)
"${in_cg[@]}" "$ACQCTL" capture acq0 "${ring[@]}" --seconds 600 --quiet \
	> /tmp/bg 2>&1 &
bg=$!
wait_owned acq0 "$bg"
during=$(< $cg/memory.current)
echo "memory.current: $before before, $during with a ring of $ring_bytes bytes"
[ $((during - before)) -ge $ring_bytes ] ||
	fail "the ring raised memory.current by $((during - before)), not $ring_bytes"
# Not charged twice, nor with something else big.
[ $((during - before)) -le $((ring_bytes + 16 * mib)) ] ||
	fail "memory.current rose by $((during - before)) for a ring of $ring_bytes"

kill -9 $bg
wait $bg 2>/dev/null
bg=
after=$(< $cg/memory.current)
echo "memory.current: $after after kill -9"
[ $((during - after)) -ge $ring_bytes ] ||
	fail "memory.current fell by $((during - after)) only, the ring was $ring_bytes"
memory_idle || fail "memory held after kill -9"

# A ring that does not fit memory.max is refused, cleanly.
echo $((16 * mib)) > $cg/memory.max || fail "set memory.max"
expect_fail "a ring over memory.max" \
	"Cannot allocate memory: ring does not fit the memory cgroup's limit" \
	"${in_cg[@]}" "$ACQCTL" capture acq0 "${ring[@]}" --frames 1 --quiet
"${in_cg[@]}" "$ACQCTL" capture acq0 "${ring[@]}" --frames 1 --quiet 2>&1 | tail -1
memory_idle || fail "memory held after a refused attach"
kill -0 $bystander || fail "the cgroup's bystander was killed"
oom_kill=$(awk '$1 == "oom_kill" { print $2 }' $cg/memory.events)
[ "$oom_kill" = 0 ] || fail "memory.events: oom_kill $oom_kill"
grep -q "Out of memory\|oom-kill" <(dmesg) && fail "the OOM killer ran"

# Room for it: the same attach succeeds.
echo $((64 * mib)) > $cg/memory.max || fail "set memory.max"
"${in_cg[@]}" "$ACQCTL" capture acq0 "${ring[@]}" --frames 1 --quiet > /dev/null ||
	fail "a ring within memory.max refused"
memory_idle || fail "memory held after the capture"
exit 0
