#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A ring's memory is charged to the user who attaches it, as io_uring and
# AF_XDP charge theirs: its pages (header, descriptors and frames) count
# against RLIMIT_MEMLOCK unless the attaching task has CAP_IPC_LOCK, and
# against acq.max_ring_mb, the ceiling on what all rings hold together.
# A refusal says which limit and how to raise it, through acqctl. The
# charge comes back however the ring goes (the owner's detach, kill -9,
# the device's removal): the next attach up to the very limit succeeds,
# and debugfs acq/memory's counters go back to zero.
. "$(dirname "$0")/lib.sh"

param=/sys/module/acq/parameters/max_ring_mb
acq_sim_load
echo "0 1" > /sys/bus/acq_sim/new_device || fail "new acq_sim device 0"
echo "1 1" > /sys/bus/acq_sim/new_device || fail "new acq_sim device 1"
# shellcheck disable=SC2317 # run by the EXIT trap, which shellcheck 0.9 misses
cleanup() {
	local p

	reap "${bg:-}" "${anchor:-}"
	for p in 0 1; do
		echo "$p" > /sys/bus/acq_sim/del_device 2>/dev/null
	done
	rmmod acq_sim acq
}
trap cleanup EXIT

# The user runs a copy of the tool (the build tree may be root's alone),
# with write access to the devices as a udev rule would grant it.
tools=$(user_tools)
for d in 0 1; do
	chgrp 65534 /dev/acq$d
	chmod 0660 /dev/acq$d
	"$ACQCTL" chan set acq$d 0 enabled on lines 32 line-rate 320000 ||
		fail "chan set acq$d"
done

# as_user KIB ARGS...: acqctl ARGS as uid 65534 under ulimit -l KIB, one
# process from the start, so that $! of "as_user ... &" is acqctl's.
# shellcheck disable=SC2016 # $1 is the inner shell's
as_user=(bash -c 'ulimit -l "$1" && shift && exec "$@"' -)
user_acqctl=(setpriv --reuid=65534 --regid=65534 --groups=65534 --
	     "$tools/bin/acqctl")
as_user() {
	local kib=$1

	shift
	"${as_user[@]}" "$kib" "${user_acqctl[@]}" "$@"
}

# A ring of 16 slots of 64 KiB: 256 pages of frames, a header page and a
# page of descriptors, 1032 KiB in all.
ring=(--ring-size 16 --slot-size 65536)
ring_kib=1032
memlock_msg="Cannot allocate memory: ring exceeds RLIMIT_MEMLOCK: raise ulimit -l or grant CAP_IPC_LOCK"
ceiling_msg="Cannot allocate memory: ring exceeds the acq memory ceiling: raise acq.max_ring_mb"

# A process of the user lives throughout: its user_struct, where the kernel
# keeps what the user has locked, is never freed and made anew, so a charge
# that was never given back would show.
setpriv --reuid=65534 --regid=65534 --clear-groups -- sleep 3600 &
anchor=$!

# Root has CAP_IPC_LOCK: not charged, whatever its ulimit -l.
bash -c 'ulimit -l 64 && exec "$@"' - "$ACQCTL" capture acq0 "${ring[@]}" \
	--frames 1 --quiet > /dev/null || fail "root under ulimit -l 64 refused"

# The user is, with a message that says what to do.
expect_fail "a user over RLIMIT_MEMLOCK" "$memlock_msg" \
	as_user 64 capture acq0 "${ring[@]}" --frames 1 --quiet
as_user 64 capture acq0 "${ring[@]}" --frames 1 --quiet 2>&1 | tail -1
# The header and descriptors count too: one page short is refused...
expect_fail "a user one page short" "$memlock_msg" \
	as_user $((ring_kib - 4)) capture acq0 "${ring[@]}" --frames 1 --quiet
# ... and the same attach under a limit raised to its size succeeds.
as_user $ring_kib capture acq0 "${ring[@]}" --frames 1 --quiet > /dev/null ||
	fail "a user within RLIMIT_MEMLOCK refused"
memory_idle || fail "memory held after the user's capture"

# The limit is the user's, not the process's: while one capture holds its
# ring, another of the same user on another device does not fit.
"${as_user[@]}" $ring_kib "${user_acqctl[@]}" capture acq0 "${ring[@]}" \
	--seconds 600 --quiet > /tmp/bg 2>&1 &
bg=$!
wait_owned acq0 "$bg"
expect_fail "the user's second ring" "$memlock_msg" \
	as_user $ring_kib capture acq1 "${ring[@]}" --frames 1 --quiet
# kill -9 gives it back: the same attach, to the very limit, succeeds.
kill -9 $bg
wait $bg 2>/dev/null
bg=
memory_idle || fail "memory held after kill -9"
as_user $ring_kib capture acq1 "${ring[@]}" --frames 1 --quiet > /dev/null ||
	fail "the user's limit not given back after kill -9"

# So does the device's removal, whoever owned the ring. (The capture ends
# with an error; --seconds bounds it should it not.)
"${as_user[@]}" $ring_kib "${user_acqctl[@]}" capture acq1 "${ring[@]}" \
	--seconds 60 --quiet > /tmp/bg 2>&1 &
bg=$!
wait_owned acq1 "$bg"
echo 1 > /sys/bus/acq_sim/del_device || fail "del acq_sim1"
wait $bg && fail "a capture of a removed device succeeded"
bg=
echo "capture of a removed device: $(tail -1 /tmp/bg)"
memory_idle || fail "memory held after the device's removal"
as_user $ring_kib capture acq0 "${ring[@]}" --frames 1 --quiet > /dev/null ||
	fail "the user's limit not given back after the device's removal"
echo "1 1" > /sys/bus/acq_sim/new_device || fail "new acq_sim device 1 again"
acq1=$("$ACQCTL" dev show | awk '/ parent acq_sim1 / { print $2 }')
[ -n "$acq1" ] || fail "acq_sim1's device not listed"
chgrp 65534 "/dev/$acq1"
chmod 0660 "/dev/$acq1"
"$ACQCTL" chan set "$acq1" 0 enabled on lines 32 line-rate 320000 ||
	fail "chan set $acq1"

# The module's ceiling holds for everyone, root included.
ring=(--ring-size 16 --slot-size 1048576)
[ -w $param ] || fail "acq has no max_ring_mb parameter"
echo "max_ring_mb: $(< $param) by default"
echo 8 > $param || fail "cannot set max_ring_mb"
expect_fail "a ring over the ceiling" "$ceiling_msg" \
	"$ACQCTL" capture acq0 "${ring[@]}" --frames 1 --quiet
"$ACQCTL" capture acq0 --ring-size 4 --slot-size 1048576 --frames 1 \
	--quiet > /dev/null || fail "a ring under the ceiling refused"
# It counts every ring: 4 MiB and 8 KiB held, 4 MiB more does not fit...
"$ACQCTL" capture acq0 --ring-size 4 --slot-size 1048576 --seconds 600 \
	--quiet > /tmp/bg 2>&1 &
bg=$!
wait_owned acq0 "$bg"
expect_fail "two rings over the ceiling" "$ceiling_msg" \
	"$ACQCTL" capture "$acq1" --ring-size 4 --slot-size 1048576 --frames 1 \
	--quiet
# ... and 2 MiB does.
"$ACQCTL" capture "$acq1" --ring-size 2 --slot-size 1048576 --frames 1 \
	--quiet > /dev/null || fail "two rings under the ceiling refused"
kill -9 $bg
wait $bg 2>/dev/null
bg=
memory_idle || fail "memory held after the ceiling's test"
echo 1024 > $param
exit 0
