#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acq_edu on QEMU's edu PCI device: a capture whose every byte the device's
# DMA engine carried, chunk by chunk, verified; the device's own summary;
# a ring too big for its DMA mask refused with the reason; the interrupt
# MSI, or INTx under pci=nomsi (tests/check's edu-intx lane).
. "$(dirname "$0")/lib.sh"

edu_load
trap 'rmmod acq_edu acq 2>/dev/null' EXIT
dev=$(edu_dev)

# 8 KiB frames: four chunks, each a transfer into the device's buffer and
# one out of it into the frame's slot.
"$ACQCTL" chan set "$dev" 0 lines 32 line-bytes 256 || fail "chan set"
start=$SECONDS
out=$("$ACQCTL" -j capture "$dev" --channel 0 --frames 4 --verify --quiet) ||
	fail "capture: $out"
echo "$out"
echo "4 frames of 8 KiB in $((SECONDS - start)) s"
for f in frames:4 verify_failures:0 dropped:0; do
	[ "$(echo "$out" | json_field "${f%:*}")" = "${f#*:}" ] ||
		fail "capture summary: want ${f%:*} ${f#*:}: $out"
done

stats=$("$ACQCTL" -j stats "$dev" 0) || fail "stats"
echo "$stats"
[ "$(echo "$stats" | json_field chunks)" -ge 16 ] ||
	fail "fewer chunks than 4 frames of 4: $stats"

# With QEMU's 28-bit DMA mask a ring must fit below 256 MiB: one of 256
# MiB cannot, and the kernel says why.
if [ "${ACQ_EDU_DMA_BITS:-28}" = 28 ]; then
	expect_fail "a ring beyond the DMA mask" "within the device's DMA mask" \
		"$ACQCTL" capture "$dev" --channel 0 --frames 1 \
		--ring-size 65536 --slot-size 4096
fi

# The interrupt came by MSI, or by INTx where the kernel was told pci=nomsi.
irq=$(grep acq_edu /proc/interrupts) || fail "no acq_edu in /proc/interrupts"
echo "$irq"
if grep -qw pci=nomsi /proc/cmdline; then
	echo "$irq" | grep -q MSI && fail "MSI despite pci=nomsi"
else
	echo "$irq" | grep -q MSI || fail "no MSI"
fi

rmmod acq_edu || fail "rmmod acq_edu"
memory_idle || fail "memory held after the device went"
acq_unload
trap - EXIT
