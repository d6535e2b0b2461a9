#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Simulated devices come and go at run time: /sys/bus/acq_sim/new_device and
# del_device (through acqctl sim), each a /dev/acqN and a dev-get entry;
# bad requests are refused; a device removed while its /dev/acqN is open
# goes away at once: even a node made by hand cannot open it, its name is
# not reused at once, and its backend can unload while the file is open.
. "$(dirname "$0")/lib.sh"

acq_sim_load
[ -e /sys/bus/acq_sim/new_device ] || fail "no /sys/bus/acq_sim/new_device"

"$ACQCTL" sim add 3 4 || fail "sim add 3 4"
"$ACQCTL" sim add 7 64 || fail "sim add 7 64"
"$ACQCTL" dev show
json=$("$ACQCTL" -j dev show)
[ "$(echo "$json" | json_get 'len(j)')" = 2 ] || fail "two devices expected: $json"
[ "$(echo "$json" | json_get '[(d["parent"], d["channels"], d["backend"]) for d in j]')" = \
  "[('acq_sim3', 4, 'acq_sim'), ('acq_sim7', 64, 'acq_sim')]" ] || fail "unexpected devices: $json"
for name in $(echo "$json" | json_get '" ".join(d["name"] for d in j)'); do
	[ -c "/dev/$name" ] || fail "no /dev/$name"
	[ -d "/sys/class/acq/$name" ] || fail "no /sys/class/acq/$name"
done
one=$("$ACQCTL" -j dev show acq0 | json_get 'j[0]["parent"]')
[ "$one" = acq_sim3 ] || fail "dev show acq0 gave $one"

# Refusals: each leaves the existing devices alone.
expect_fail "duplicate id" "File exists" "$ACQCTL" sim add 3 4
expect_fail "no channels" "Invalid argument" "$ACQCTL" sim add 9 0
expect_fail "too many channels" "Invalid argument" "$ACQCTL" sim add 9 65
expect_fail "unknown device" "No such file" "$ACQCTL" sim del 9
# Numbers beyond 32 bits are refused, not truncated (4294967299 = 2^32 + 3).
for junk in "" "x" "1" "1 2 3" "-1 4" "1 4x" "4294967299 4" "11 4294967297"; do
	if echo "$junk" > /sys/bus/acq_sim/new_device 2>/dev/null; then
		fail "new_device accepted '$junk'"
	fi
done
for junk in "x" "4294967299" "3 7"; do
	if echo "$junk" > /sys/bus/acq_sim/del_device 2>/dev/null; then
		fail "del_device accepted '$junk'"
	fi
done
[ "$("$ACQCTL" -j dev show | json_get 'len(j)')" = 2 ] || fail "a refusal changed the devices"

# Removal while /dev/acqN is open: the device is gone for everyone at
# once, a node made by hand for it cannot open it, its name is not given
# to the next device, and the backend unloads with the file still open.
dev=$("$ACQCTL" -j dev show | json_get '[d["name"] for d in j if d["parent"] == "acq_sim3"][0]')
devnum=$(< "/sys/class/acq/$dev/dev")
mknod /tmp/stale c "${devnum%:*}" "${devnum#*:}" || fail "mknod"
exec 3< "/dev/$dev"
"$ACQCTL" sim del 3 || fail "sim del 3 with /dev/$dev open"
[ ! -e "/dev/$dev" ] || fail "/dev/$dev still there after del"
expect_fail "open of a removed device" "No such device" cat /tmp/stale
expect_fail "dev show of a removed device" "No such device" "$ACQCTL" dev show "$dev"
"$ACQCTL" sim add 5 2 || fail "sim add 5 2"
new=$("$ACQCTL" -j dev show | json_get '[d["name"] for d in j if d["parent"] == "acq_sim5"][0]')
[ "$new" != "$dev" ] || fail "the new device took the removed one's name $dev"
"$ACQCTL" sim del 7 || fail "sim del 7"
"$ACQCTL" sim del 5 || fail "sim del 5"
rmmod acq_sim || fail "acq_sim cannot unload while a removed device's file is open"
exec 3<&-
rm /tmp/stale

# Many devices through acqctl, each listed once (genl-dev-dump tests resuming).
insmod "$ACQ_KMOD_DIR/sim/acq_sim.ko" || fail "insmod acq_sim.ko again"
for i in $(seq 100 219); do
	echo "$i $((i % 64 + 1))" > /sys/bus/acq_sim/new_device || fail "new device $i"
done
json=$("$ACQCTL" -j dev show)
[ "$(echo "$json" | json_get 'len(j)')" = 120 ] || fail "120 devices expected"
[ "$(echo "$json" | json_get 'len(set(d["id"] for d in j))')" = 120 ] || fail "ids not unique"
[ "$(echo "$json" | json_get 'sorted(int(d["parent"][7:]) for d in j) == list(range(100, 220))')" = True ] ||
	fail "not every device listed once"

# The core cannot go while a backend uses it; the backend takes its
# devices with it.
rmmod acq 2>&1 | grep -q "in use" || fail "acq unloaded, or not for being in use, under acq_sim"
rmmod acq_sim || fail "rmmod acq_sim with 120 devices"
[ -z "$(ls /sys/class/acq)" ] || fail "devices left after rmmod acq_sim: $(ls /sys/class/acq)"
acq_unload
exit 0
