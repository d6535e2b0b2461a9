#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The edu device removed from the PCI bus (sysfs remove) in the middle of a
# capture: no oops, the consumer is told the device went (the ring says
# DEV_GONE), the monitor hears dev-del, the memory goes back (the core's
# count, and on a kernel with DMA API debugging, every DMA mapping and
# allocation of the device: none is left); a rescan brings it back, bound
# to acq_edu again, and it captures.
. "$(dirname "$0")/lib.sh"

edu_load
trap 'reap "${cap:-}" "${mon:-}"; rmmod acq_edu acq 2>/dev/null' EXIT
dev=$(edu_dev)

"$ACQCTL" monitor > /tmp/mon 2>&1 &
mon=$!
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 || fail "chan set"
"$ACQCTL" capture "$dev" --channel 0 --seconds 120 --verify --quiet \
	> /tmp/cap 2>&1 &
cap=$!
wait_owned "$dev" "$cap"
sleep 1
dma_held=$(dma_api_entries "$EDU_PCI")
[ "$dma_held" != 0 ] || fail "DMA API debugging sees no mapping of the capture"
echo 1 > "/sys/bus/pci/devices/$EDU_PCI/remove" || fail "remove"
[ ! -e "/sys/bus/pci/devices/$EDU_PCI" ] || fail "the device is still there"
wait $cap && fail "the capture ended well without its device: $(< /tmp/cap)"
cap=
cat /tmp/cap
grep -q "device removed during capture" /tmp/cap ||
	fail "the capture was not told the device went: $(< /tmp/cap)"
grep -q "verify failures [1-9]" /tmp/cap && fail "a bad frame: $(< /tmp/cap)"
for _ in $(seq 50); do
	grep -q "^dev-del $dev" /tmp/mon && break
	sleep 0.1
done
grep -q "^dev-del $dev" /tmp/mon || fail "no dev-del: $(< /tmp/mon)"
memory_idle || fail "memory held after the removal"
dma_left=$(dma_api_entries "$EDU_PCI")
[ "$dma_left" = 0 ] || [ "$dma_left" = - ] ||
	fail "DMA entries of $EDU_PCI left after the removal: $dma_left"
echo "DMA API entries of $EDU_PCI: $dma_held during the capture, $dma_left after the removal"

echo 1 > /sys/bus/pci/rescan || fail "rescan"
[ -e "/sys/bus/pci/drivers/acq_edu/$EDU_PCI" ] ||
	fail "acq_edu did not bind the rescanned device"
dev=$(edu_dev)
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 || fail "chan set again"
out=$("$ACQCTL" -j capture "$dev" --channel 0 --frames 3 --verify --quiet) ||
	fail "capture after the rescan: $out"
for f in frames:3 verify_failures:0; do
	[ "$(echo "$out" | json_field "${f%:*}")" = "${f#*:}" ] ||
		fail "capture after the rescan: want ${f%:*} ${f#*:}: $out"
done
echo "after the rescan, $dev: $out"

reap "$mon"
mon=
rmmod acq_edu || fail "rmmod acq_edu"
memory_idle || fail "memory held at the end"
acq_unload
trap - EXIT
