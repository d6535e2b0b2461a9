#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acq_sim's payload modes (debugfs acq_simN/payload), each captured with
# acqctl capture --verify --payload of the same mode:
# - full, the default: every word of every line;
# - header: each line's head words, and nothing else written: the rest of
#   every line still holds the zeros of a fresh ring; a full verify of
#   those frames fails and says they are header lines;
# - none: nothing written, every frame all zeros; only the descriptors
#   (seq, drops, length) are checked, and a header verify fails;
# - a mode written while a capture runs takes effect at the next start:
#   the capture sees frames of one mode;
# - a word that is no mode is refused and changes nothing;
# - debugfs irq_ns counts the time in the device's interrupt handler.
. "$(dirname "$0")/lib.sh"

pid=
acq_sim_load
trap 'reap "$pid"; rmmod acq_sim acq 2>/dev/null' EXIT
"$ACQCTL" sim add 0 1 || fail "sim add"
dev=$("$ACQCTL" -j dev show | json_get 'j[0]["name"]')
dir=/sys/kernel/debug/acq_sim/acq_sim0
# Frames of 16 lines of 256 bytes (4 KiB), 1000 a second.
"$ACQCTL" chan set "$dev" 0 lines 16 line-bytes 256 lines-per-chunk 4 \
	line-rate 16000 || fail "chan set"

[ "$(< "$dir/payload")" = full ] || fail "default payload: $(< "$dir/payload")"
echo headers > "$dir/payload" 2>/dev/null && fail "payload 'headers' accepted"
[ "$(< "$dir/payload")" = full ] || fail "a refused write changed it"

# capture FRAMES ARGS...: a capture of channel 0, its JSON summary in
# /tmp/cap; fails unless every frame passed and none was flagged.
capture() {
	local frames=$1 f
	shift

	"$ACQCTL" -j capture "$dev" --channel 0 --frames "$frames" --quiet \
		--verify "$@" > /tmp/cap || fail "capture $*: $(< /tmp/cap)"
	for f in frames:"$frames" verify_failures:0 errors:0 truncated:0; do
		[ "$(json_field "${f%:*}" < /tmp/cap)" = "${f#*:}" ] ||
			fail "capture $*: want ${f%:*} ${f#*:}: $(< /tmp/cap)"
	done
}

capture 20
capture 20 --payload full

echo header > "$dir/payload" || fail "payload header"
[ "$(< "$dir/payload")" = header ] || fail "payload reads $(< "$dir/payload")"
capture 40 --payload header --output /tmp/header.bin
expect_fail "full verify of header frames" "word 2: .*a line of payload header" \
	"$ACQCTL" capture "$dev" --channel 0 --frames 5 --verify --quiet

echo none > "$dir/payload" || fail "payload none"
capture 40 --payload none --output /tmp/none.bin
expect_fail "header verify of none frames" "line 0 word" \
	"$ACQCTL" capture "$dev" --channel 0 --frames 5 --verify --payload header \
	--quiet

# What the files hold, frame by frame (a 32-byte struct acq_ring_desc,
# its len at byte 16, then the frame): in header mode, each line's head
# words as the uapi header says and zeros after them; in none mode, zeros.
python3 - /tmp/header.bin /tmp/none.bin <<'EOF' || fail "frame contents"
import struct, sys

LINES, LINE_BYTES, MAGIC, HEAD_ONLY = 16, 256, 0xac51, 0x80


def frames(path):
    data = open(path, "rb").read()
    at = 0
    while at < len(data):
        length, seq = struct.unpack_from("<II", data, at + 16)
        yield seq, data[at + 32:at + 32 + length]
        at += 32 + length


n = 0
for seq, f in frames(sys.argv[1]):
    assert len(f) == LINES * LINE_BYTES, len(f)
    for line in range(LINES):
        at = line * LINE_BYTES
        w = struct.unpack_from("<4I", f, at)
        assert w[:3] == (seq, line, MAGIC << 16 | HEAD_ONLY), (seq, line, w)
        assert sum(w) % 2**32 == 0, (seq, line, w)
        assert f[at + 16:at + LINE_BYTES] == bytes(LINE_BYTES - 16), \
            "seq %u line %u: written past its head" % (seq, line)
    n += 1
assert n == 40, n
n = 0
for seq, f in frames(sys.argv[2]):
    assert f == bytes(LINES * LINE_BYTES), "seq %u written" % seq
    n += 1
assert n == 40, n
EOF

# A write during a capture: the capture keeps its mode to the end. Ended
# by SIGINT, not by time: a capture of a few seconds could be over before
# a slow kernel lets us see it started.
echo header > "$dir/payload" || fail "payload header"
"$ACQCTL" -j capture "$dev" --channel 0 --seconds 120 --verify \
	--payload header --quiet > /tmp/cap &
pid=$!
wait_owned "$dev" "$pid"
echo full > "$dir/payload" || fail "payload full during a capture"
[ "$(< "$dir/payload")" = full ] || fail "payload reads $(< "$dir/payload")"
# A second of frames made after the write, then the end.
sleep 1
kill -INT "$pid"
wait "$pid" || fail "header capture with full written meanwhile: $(< /tmp/cap)"
pid=
[ "$(json_field verify_failures < /tmp/cap)" = 0 ] || fail "$(< /tmp/cap)"
[ "$(json_field frames < /tmp/cap)" -gt 0 ] || fail "no frame: $(< /tmp/cap)"
capture 20
# The time in its interrupt handler, the fill's and the publishing's.
[ "$(< "$dir/irq_ns")" -gt 0 ] || fail "irq_ns: $(< "$dir/irq_ns")"

"$ACQCTL" sim del 0 || fail "sim del"
memory_idle || fail "memory held at the end"
acq_sim_unload
trap - EXIT
