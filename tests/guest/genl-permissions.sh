#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Who may do what, as an unprivileged user sees it: reading is open to
# everyone; changing a device needs CAP_NET_ADMIN (of the initial user
# namespace: a container's root has none over devices) or a handle, the
# device's /dev/acqN opened for writing, so its Unix permissions decide.
# A capture belongs to its handle: an administrator may stop it, and the
# device then says why. Every network namespace sees the same devices.
. "$(dirname "$0")/lib.sh"

acq_sim_load
echo "0 2" > /sys/bus/acq_sim/new_device || fail "new acq_sim device"
# shellcheck disable=SC2317 # run by the EXIT trap, which shellcheck 0.9 misses
cleanup() {
	[ -n "${cap:-}" ] && kill "$cap" 2>/dev/null
	wait 2>/dev/null
	echo 0 > /sys/bus/acq_sim/del_device
	rmmod acq_sim acq
}
trap cleanup EXIT

# The build tree may sit in a directory only root can enter: the user runs
# a copy of the tool, which finds its library beside it.
tools=$(user_tools)
user() {
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$tools/bin/acqctl" "$@"
}
refused="needs its handle or CAP_NET_ADMIN"

# Reading needs nothing.
user dev show acq0 | grep -q "acq0" || fail "user cannot list acq0"
[ "$(user -j chan show acq0 | grep -o '"channel":' | wc -l)" = 2 ] ||
	fail "user cannot read channels"
user stats acq0 > /dev/null || fail "user cannot read counters"
user window show acq0 | grep -q "^acq0 window 0 " || fail "user cannot list windows"

# Changing needs a right: /dev/acq0 is root's alone.
chown root:root /dev/acq0
chmod 0600 /dev/acq0
expect_fail "chan set by a user" "Operation not permitted.*$refused" \
	user chan set acq0 0 lines 32
expect_fail "dev stop by a user" "Operation not permitted.*$refused" \
	user dev stop acq0
expect_fail "capture by a user" "Permission denied" \
	user capture acq0 --frames 1
# A window's policy is the device's; revoking is the device's, on an
# administrator's request only.
expect_fail "window set by a user" "Operation not permitted.*$refused" \
	user window set acq0 0 policy sigbus
expect_fail "window revoke by a user" "Operation not permitted" \
	user window revoke acq0 0
expect_fail "window poke by a user" "Permission denied" \
	user window poke acq0 0 0 1

# Root of a user namespace has CAP_NET_ADMIN there, not over devices.
setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	unshare --user --map-root-user true ||
	fail "a user cannot make a user namespace"
expect_fail "chan set by a user namespace's root" \
	"Operation not permitted.*$refused" \
	setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	unshare --user --map-root-user --net \
	"$tools/bin/acqctl" chan set acq0 0 lines 32

# Read access alone is no handle.
chmod 0644 /dev/acq0
expect_fail "chan set with read access" "Operation not permitted.*$refused" \
	user chan set acq0 0 lines 32

# Write access is: the group of the device node, as a udev rule would set.
chgrp 65534 /dev/acq0
chmod 0660 /dev/acq0
usr() {
	setpriv --reuid=65534 --regid=65534 --groups=65534 -- "$tools/bin/acqctl" "$@"
}
usr chan set acq0 0 enabled on lines 32 line-rate 320000 ||
	fail "chan set with write access refused"
[ "$("$ACQCTL" -j chan show acq0 0 | json_field lines)" = 32 ] ||
	fail "chan set with write access did not take"
usr capture acq0 --frames 20 --verify --quiet > /tmp/cap ||
	fail "capture with write access: $(< /tmp/cap)"
cat /tmp/cap

# The user's capture is its own: root stops it, and it ends with an error.
usr capture acq0 --seconds 60 --quiet > /tmp/cap 2>&1 &
cap=$!
for _ in $(seq 100); do
	state=$("$ACQCTL" -j dev show acq0 | json_field state)
	[ "$state" = started ] && break
	sleep 0.1
done
[ "$state" = started ] || fail "the user's capture did not start"
[ "$("$ACQCTL" -j dev show acq0 | json_field owner_pid)" -gt 0 ] ||
	fail "dev show names no owner"
"$ACQCTL" dev stop acq0 || fail "root cannot stop the user's capture"
if wait $cap; then
	fail "capture stopped by root ended with success: $(< /tmp/cap)"
fi
cap=
echo "capture stopped by root: $(tail -1 /tmp/cap)"
reason=$("$ACQCTL" -j dev show acq0 | json_field stop_reason)
[ "$reason" = request ] ||
	fail "stop reason after root's stop: $reason"

# Another network namespace sees the same device; its root, being the
# initial namespace's root, keeps CAP_NET_ADMIN.
unshare --net "$ACQCTL" dev show acq0 | grep -q "acq0" ||
	fail "acq0 not seen from another network namespace"
unshare --net "$ACQCTL" chan set acq0 1 lines 16 ||
	fail "root in another network namespace refused"
exit 0
