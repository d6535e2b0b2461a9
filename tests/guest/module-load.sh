#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acq.ko loads, registers the "acq" genl family as iproute2 sees it, and
# unloads without a trace, many times over.
. "$(dirname "$0")/lib.sh"

# Each load costs seconds under KASAN: fewer rounds on the debug kernel.
rounds=8
case $(uname -r) in *-acq-debug) rounds=5 ;; esac
for i in $(seq $rounds); do
	acq_load
	[ -d /sys/module/acq ] || fail "no /sys/module/acq after insmod"
	out=$(genl ctrl get name acq) || fail "genl does not see the acq family"
	echo "$out" | grep -q "Name: acq" || fail "unexpected genl output: $out"
	# ACQ_CMD_DEV_GET is command 1.
	echo "$out" | grep -q "ID-0x1 " || fail "dev-get (1) missing: $out"
	acq_unload
	[ ! -d /sys/module/acq ] || fail "acq still loaded after rmmod"
	if genl ctrl get name acq > /dev/null 2>&1; then
		fail "acq family still registered after rmmod"
	fi
	[ "$i" = 1 ] && echo "$out"
done
exit 0
