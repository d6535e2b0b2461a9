# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts; sourced. Exit codes: 0 pass, 1 fail, 77 skip.
# shellcheck shell=bash

ACQ_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ACQ_BUILD=${ACQ_BUILD:-$ACQ_TOP/build}
ACQ_KMOD_DIR=$ACQ_BUILD/km/$(uname -r)/km
ACQCTL=$ACQ_BUILD/bin/acqctl

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# Must be inside a test guest: these tests load modules into the kernel.
[ -n "${ACQ_GUEST:-}" ] || skip "not in a test guest (run through tests/vm/run)"

acq_load() {
	[ -f "$ACQ_KMOD_DIR/acq.ko" ] || fail "no acq.ko for $(uname -r) in $ACQ_KMOD_DIR"
	insmod "$ACQ_KMOD_DIR/acq.ko" || fail "insmod acq.ko"
}

acq_unload() {
	rmmod acq || fail "rmmod acq"
}

# The core and the simulated backend.
acq_sim_load() {
	acq_load
	insmod "$ACQ_KMOD_DIR/sim/acq_sim.ko" || fail "insmod acq_sim.ko"
}

acq_sim_unload() {
	rmmod acq_sim || fail "rmmod acq_sim"
	acq_unload
}

# edu_pci: the PCI address of QEMU's edu device, which tests/vm/run gives
# every guest; nothing without one.
edu_pci() {
	local d

	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor" "$d/device")" = $'0x1234\n0x11e8' ] &&
			basename "$d" && return 0
	done
	return 0
}

# edu_load: the core and acq_edu, bound to the edu device, whose PCI
# address it puts into EDU_PCI; skip without one. $ACQ_EDU_DMA_BITS is
# the device's DMA address width (QEMU's dma_mask), 28 unless told.
edu_load() {
	EDU_PCI=$(edu_pci)
	[ -n "$EDU_PCI" ] || skip "no edu device (tests/vm/run --no-edu?)"
	acq_load
	insmod "$ACQ_KMOD_DIR/edu/acq_edu.ko" dma_bits="${ACQ_EDU_DMA_BITS:-28}" ||
		fail "insmod acq_edu.ko"
	[ -e "/sys/bus/pci/drivers/acq_edu/$EDU_PCI" ] ||
		fail "acq_edu did not bind $EDU_PCI: $(dmesg | tail -n 5)"
}

# edu_dev: the name (acqN) of acq_edu's device.
edu_dev() {
	local dev

	dev=$("$ACQCTL" -j dev show |
	      json_get '" ".join(d["name"] for d in j if d["backend"] == "acq_edu")')
	[ -n "$dev" ] || fail "no acq device of acq_edu: $("$ACQCTL" dev show)"
	echo "$dev"
}

# user_tools: a copy of acqctl and its library that any user may run (the
# build tree may sit in a directory only root can enter); prints the
# directory, whose bin/acqctl finds its library beside it.
user_tools() {
	local tools

	tools=$(mktemp -d /tmp/acqctl.XXXXXX)
	mkdir "$tools/bin" "$tools/lib"
	cp "$ACQCTL" "$tools/bin/"
	cp -P "$ACQ_BUILD"/lib/libacqctl.so* "$tools/lib/"
	chmod -R a+rX "$tools"
	echo "$tools"
}

# reap PID...: kill -9 each PID given (empty ones are not), and wait for
# every child: what a test's cleanup does with its background processes.
reap() {
	local p

	for p in "$@"; do
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
}

# wait_owned DEV PID: until DEV's ring is attached and started by the
# capture whose process is PID. One that ended first fails at once, and
# one not seen started in 60 s fails: under the debug kernel a look at the
# state (an acqctl run) may take seconds, so the bound is time, not tries.
wait_owned() {
	local deadline=$((SECONDS + 60)) state

	while [ $SECONDS -lt $deadline ]; do
		kill -0 "$2" 2>/dev/null ||
			fail "the capture of $1 ended before it was seen started"
		state=$("$ACQCTL" -j dev show "$1" | json_field state)
		[ "$state" = started ] && return 0
		sleep 0.1
	done
	fail "no capture started on $1 in 60 s"
}

# memory_idle: debugfs acq/memory says no ring holds anything, nor is
# charged for; if not, it says what it does say, on one line.
memory_idle() {
	local m

	m=$(< /sys/kernel/debug/acq/memory)
	echo "$m" | grep -q "^rings 0$" && echo "$m" | grep -q "^bytes 0$" &&
		echo "$m" | grep -q "^charged 0$" && return 0
	echo "debugfs acq/memory: ${m//$'\n'/ }" >&2
	return 1
}

# dma_api_entries DEV: how many DMA mappings and allocations of device DEV
# (its name, a PCI address say) DMA API debugging tracks; "-" on a kernel
# without it. Its dump says each one's driver, then its device.
dma_api_entries() {
	local dump=/sys/kernel/debug/dma-api/dump

	if [ -r $dump ]; then
		awk -v dev="$1" '$2 == dev { n++ } END { print n + 0 }' $dump
	else
		echo -
	fi
}

# json_get EXPR: evaluate a Python expression on the JSON on stdin (as j).
json_get() {
	python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"
}

# json_field KEY: the first value of KEY in acqctl's compact JSON on stdin,
# a number or a string without its quotes. For flat fields only, and with
# no program to start: on the debug kernel each exec costs a third of a
# second, and the tests ask for hundreds of fields.
json_field() {
	local json re="\"$1\":([^,}"$'\n'"]*)"

	IFS= read -r -d '' json
	[[ $json =~ $re ]] || return 0
	json=${BASH_REMATCH[1]}
	echo "${json//\"/}"
}

# expect_fail WHAT PATTERN CMD...: CMD must exit non-zero with PATTERN on stderr.
expect_fail() {
	local what=$1 pattern=$2 err
	shift 2

	if err=$("$@" 2>&1 >/dev/null); then
		fail "$what: succeeded"
	fi
	echo "$err" | grep -q -- "$pattern" || fail "$what: stderr '$err' lacks '$pattern'"
}

# monitor_ready DEV CHAN FILE: a JSON monitor writing into FILE hears DEV's
# events. Subscribing races with the first events (and a loaded guest may
# take seconds to start the monitor): set CHAN's line rate to what it is,
# a change all the same, until its chan-change reaches FILE.
monitor_ready() {
	local rate

	rate=$("$ACQCTL" -j chan show "$1" "$2" | json_field line_rate)
	for _ in $(seq 100); do
		"$ACQCTL" chan set "$1" "$2" line-rate "$rate" || return 1
		grep -q '"event":"chan-change"' "$3" && return 0
		sleep 0.1
	done
	echo "the monitor heard nothing: $(< "$3")" >&2
	return 1
}
