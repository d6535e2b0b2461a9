#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acqctl window, as an administrator and a script use it: show (text and
# JSON), poke and peek reaching acq_sim's registers (its debugfs regs is
# the device's view), revoke and restore with the store of a revoked
# window landing on the scratch page, the SIGBUS policy reported as an
# error, and refusals with their reasons.
. "$(dirname "$0")/lib.sh"

acq_sim_load
trap 'echo 0 > /sys/bus/acq_sim/del_device 2>/dev/null; rmmod acq_sim acq 2>/dev/null' EXIT
echo "0 1" > /sys/bus/acq_sim/new_device || fail "new acq_sim device"
regs=/sys/kernel/debug/acq_sim/acq_sim0/regs

# The device's 32-bit register at byte offset $1, as it holds it.
device_reg() {
	od -An -tu4 -j "$1" -N 4 "$regs" | tr -d ' '
}

out=$("$ACQCTL" window show acq0) || fail "window show"
echo "$out"
[ "$(echo "$out" | head -n 1)" = "acq0 window 0 offset 0x10000000000 size 4096 writable state lent policy discard revokes 0" ] ||
	fail "window 0: $out"
echo "$out" | grep -q "^acq0 window 1 offset 0x10100000000 size 4096 read-only state lent" ||
	fail "window 1: $out"
[ "$("$ACQCTL" -j window show 0 0 | json_field offset)" = 1099511627776 ] ||
	fail "JSON offset: $("$ACQCTL" -j window show 0 0)"

# poke reaches the device; peek reads it back, and the status window.
[ "$("$ACQCTL" window poke acq0 0 0x104 7)" = "acq0 window 0 0x104: 0x00000007" ] ||
	fail "poke"
[ "$(device_reg 260)" = 7 ] || fail "the device holds $(device_reg 260), not 7"
[ "$("$ACQCTL" -j window peek 0 0 0x104 | json_field value)" = 7 ] || fail "peek"
"$ACQCTL" window peek 0 1 0 > /dev/null || fail "peek of the read-only window"
expect_fail "poke of the read-only window" "read-only" \
	"$ACQCTL" window poke 0 1 0 1

# Revoked: a poke lands on the scratch page, and the device keeps 7.
"$ACQCTL" window revoke acq0 0 || fail "revoke"
"$ACQCTL" window show 0 0 | grep -q "state revoked policy discard revokes 1" ||
	fail "state after revoke: $("$ACQCTL" window show 0 0)"
out=$("$ACQCTL" window poke 0 0 0x104 9 2> /tmp/poke.err) || fail "poke while revoked"
grep -q "revoked" /tmp/poke.err || fail "no warning: $(< /tmp/poke.err)"
[ "$out" = "acq0 window 0 0x104: 0x00000009" ] || fail "scratch poke: $out"
[ "$(device_reg 260)" = 7 ] || fail "a revoked poke reached the device: $(device_reg 260)"

# With SIGBUS chosen, a revoked access is an error, not a crash.
"$ACQCTL" window set 0 0 policy sigbus || fail "window set policy"
expect_fail "poke with SIGBUS" "SIGBUS" "$ACQCTL" window poke 0 0 0x104 9
"$ACQCTL" window restore 0 0 || fail "restore"
"$ACQCTL" window show 0 0 | grep -q "state lent policy sigbus revokes 1" ||
	fail "state after restore: $("$ACQCTL" window show 0 0)"
[ "$("$ACQCTL" window peek 0 0 0x104)" = "acq0 window 0 0x104: 0x00000007" ] ||
	fail "after restore the register reads $("$ACQCTL" window peek 0 0 0x104)"
"$ACQCTL" window set 0 0 policy discard || fail "window set policy back"

# Refusals, with the kernel's reason or the tool's.
expect_fail "no such window" "no such window on this device" \
	"$ACQCTL" window show 0 5
expect_fail "unaligned offset" "multiple of 4" "$ACQCTL" window poke 0 0 0x3 1
expect_fail "offset past the window" "past the end" "$ACQCTL" window peek 0 0 0x1000
expect_fail "bad policy" "discard|sigbus" "$ACQCTL" window set 0 0 policy drop
expect_fail "revoke of no device" "acq7" "$ACQCTL" window revoke acq7 0
echo "window show, poke, peek, revoke, restore, set: as expected"
