#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# soak: a capture of four channels, every byte verified, for
# ACQ_SOAK_SECONDS (10 in make check; make soak: 600), while register
# windows are revoked and restored at random, by an administrator
# (window-revoke/-restore) and by the device itself (acq_sim's
# window_chaos_ms), and a writer keeps storing channel tags through
# window 0. It must end with:
# - no frame failing verification, none flagged by the device;
# - for each channel, produced = delivered + dropped, exactly, and the
#   capture's own count of frames equal to the kernel's delivered;
# - flat memory: the kernel's unreclaimable slab, page tables, vmalloc
#   and per-CPU memory, sampled ten times through the capture, grow by no
#   more than ACQ_SOAK_SLACK_KB from the median of the first third of the
#   samples to the median of the last third (one sample is noise, a leak
#   moves them all; a growth over it is read again once before it fails),
#   and are back at the baseline once the device is gone; acq's own count
#   back to idle.
# A run of a minute or more first looks for the highest rate the guest
# sustains with verification (the line rates doubled while fewer than 1%
# of the frames are dropped); a short one takes the demo's rates, which
# the guest sustains. The administrator's revokes and the tag writer run
# acqctl once per operation: under the capture's load that is a few a
# second at best, so the figures say how many were made, and the kernel's
# count of revokes (the device's own included) over the soak.
. "$(dirname "$0")/lib.sh"

seconds=${ACQ_SOAK_SECONDS:-10}
slack_kb=${ACQ_SOAK_SLACK_KB:-1024}
seed=${ACQ_SEED:-$(((RANDOM << 15 | RANDOM) ^ $$))}
echo "seed $seed (ACQ_SEED=$seed repeats this run)"
RANDOM=$seed
sim=/sys/kernel/debug/acq_sim/acq_sim0
out=$(mktemp -d)

acq_sim_load
trap 'reap "${churn:-}" "${writer:-}" "${sampler:-}"; rm -rf "$out";
      rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 4 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')

# rates FACTOR: the demo's four channels, each line rate times FACTOR.
rates() {
	local ch c lines bytes rate

	for ch in "0 64 1024 64000" "1 128 2048 32000" "2 32 512 64000" \
		  "3 256 4096 12800"; do
		read -r c lines bytes rate <<< "$ch"
		"$ACQCTL" chan set "$dev" "$c" lines "$lines" line-bytes "$bytes" \
			line-rate $((rate * $1)) ||
			fail "chan set at $1 times the demo's rates"
	done
}

# capture SECONDS FILE: a verified capture of all four channels, its JSON
# summary into FILE.
capture() {
	"$ACQCTL" -j capture "$dev" --channel 0 --channel 1 --channel 2 \
		--channel 3 --seconds "$1" --verify --quiet > "$2"
}

# revokes: the kernel's count of revokes of the device's windows, all
# of them, whoever asked.
revokes() {
	"$ACQCTL" -j window show "$dev" | json_get 'sum(w["revokes"] for w in j)'
}

# median N...: the median of the numbers (the lower of the middle two).
median() {
	printf '%s\n' "$@" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# kernel_kb: the kernel's memory a leak of ours would grow, in KiB.
kernel_kb() {
	awk '/^(SUnreclaim|PageTables|VmallocUsed|Percpu):/ { kb += $2 }
	     END { print kb }' /proc/meminfo
}

factor=1
if [ "$seconds" -ge 60 ]; then
	for f in 2 4 8 16; do
		rates "$f"
		capture 3 "$out/cal" || fail "calibration at ${f}x: $(< "$out/cal")"
		frames=$(json_field frames < "$out/cal")
		dropped=$(json_field dropped < "$out/cal")
		echo "calibration: ${f}x the demo's rates: $frames frames, $dropped dropped"
		[ $((dropped * 100)) -lt "$frames" ] || break
		factor=$f
	done
fi
rates "$factor"
echo "rate: ${factor}x the demo's line rates"

# A first capture warms the caches a capture uses (slabs, the ring's
# pages come and go): the baseline is taken after it.
capture 1 "$out/warm" || fail "warm-up capture: $(< "$out/warm")"
sync
echo 2 > /proc/sys/vm/drop_caches
base_kb=$(kernel_kb)
before=$("$ACQCTL" -j stats "$dev")
revokes0=$(revokes) || fail "window show"

# The administrator: revoke or restore a random window every 0-99 ms.
(
	n=0
	trap 'echo "$n" > "$out/churn"; exit 0' TERM
	while :; do
		win=$((RANDOM % 2))
		if [ $((RANDOM % 2)) = 0 ]; then
			"$ACQCTL" window revoke "$dev" "$win" 2>/dev/null && n=$((n + 1))
		else
			"$ACQCTL" window restore "$dev" "$win" 2>/dev/null && n=$((n + 1))
		fi
		sleep "0.0$((RANDOM % 10))"
	done
) &
churn=$!
# A writer of channel tags through window 0: a whole frame holds one tag,
# which verification checks, whatever it is.
(
	n=0
	trap 'echo "$n" > "$out/writer"; exit 0' TERM
	while :; do
		"$ACQCTL" window poke "$dev" 0 $((0x100 + 4 * (RANDOM % 4))) \
			$((RANDOM % 256)) > /dev/null 2>&1 && n=$((n + 1))
		sleep 0.05
	done
) &
writer=$!
# The device's own revokes and restores, about every 20 ms.
echo 20 > "$sim/window_chaos_ms" || fail "window_chaos_ms"
# Memory, ten times over the capture, the first as it begins (a guest
# under load may start a program only every few seconds: no more of them
# than a sample needs).
interval=$(awk -v s="$seconds" 'BEGIN { print s / 10 }')
(
	while :; do
		kernel_kb >> "$out/samples"
		sleep "$interval"
	done
) &
sampler=$!

capture "$seconds" "$out/soak"
status=$?
echo 0 > "$sim/window_chaos_ms"
kill -TERM "$churn" "$writer" 2>/dev/null
wait "$churn" "$writer"
churn='' writer=''
reap "$sampler"
sampler=''
cat "$out/soak"
[ $status = 0 ] || fail "the capture failed (exit $status)"
after=$("$ACQCTL" -j stats "$dev")
revokes1=$(revokes) || fail "window show"

# The capture: every frame verified, none flagged.
for f in verify_failures errors truncated; do
	[ "$(json_field "$f" < "$out/soak")" = 0 ] ||
		fail "$f: $(< "$out/soak")"
done
frames=$(json_field frames < "$out/soak")
[ "$frames" -gt 0 ] || fail "no frames: $(< "$out/soak")"

# The kernel's counters over the soak: produced = delivered + dropped per
# channel, and what it delivered is what the capture took.
counts=$(BEFORE=$before AFTER=$after python3 -c '
import json, os
b, a = (json.loads(os.environ[k]) for k in ("BEFORE", "AFTER"))
d = lambda c, k: a[c][k] - b[c][k]
out = [sum(d(c, "delivered") for c in range(4))]
for c in range(4):
    out += [d(c, "produced"), d(c, "delivered"), d(c, "dropped")]
print(" ".join(map(str, out)))') || fail "stats: $after"
read -r delivered p0 d0 x0 p1 d1 x1 p2 d2 x2 p3 d3 x3 <<< "$counts"
for c in "$p0 $d0 $x0" "$p1 $d1 $x1" "$p2 $d2 $x2" "$p3 $d3 $x3"; do
	read -r p d x <<< "$c"
	echo "channel: produced $p delivered $d dropped $x"
	[ "$p" = $((d + x)) ] || fail "produced $p != delivered $d + dropped $x"
done
[ "$delivered" = "$frames" ] ||
	fail "the kernel delivered $delivered frames, the capture took $frames"

# Memory through the capture, and once the device is gone.
mapfile -t samples < "$out/samples"
[ ${#samples[@]} -ge 2 ] || fail "only ${#samples[@]} memory samples"
third=$(((${#samples[@]} + 2) / 3))
early=$(median "${samples[@]:0:third}")
late=$(median "${samples[@]: -third}")
echo "kernel memory (KiB): baseline $base_kb, during ${samples[*]}; median of the first $third $early, of the last $third $late"
if [ $((late - early)) -gt "$slack_kb" ]; then
	sleep 1
	again=$(kernel_kb)
	echo "kernel memory (KiB) read again: $again"
	[ $((again - early)) -le "$slack_kb" ] ||
		fail "kernel memory grew by $((late - early)) KiB during the capture, $((again - early)) KiB read again"
fi
echo "windows: $(< "$out/churn") revokes and restores asked by the administrator, $(< "$out/writer") tags stored, in $seconds s; the kernel counted $((revokes1 - revokes0)) revokes (the device's own included)"
"$ACQCTL" sim del 0 || fail "sim del"
memory_idle || fail "acq still holds memory"
sync
echo 2 > /proc/sys/vm/drop_caches
end_kb=$(kernel_kb)
echo "kernel memory (KiB) after: $end_kb"
[ $((end_kb - base_kb)) -le "$slack_kb" ] ||
	fail "kernel memory $((end_kb - base_kb)) KiB above its baseline"
echo "soak: $seconds s, $frames frames verified, $(json_field mb_per_sec < "$out/soak") MB/s"
