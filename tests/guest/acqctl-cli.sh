#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acqctl's exit codes and messages: usage errors exit 2, refusals exit 1
# with strerror and the kernel's extack message, text and JSON output;
# --version; sim add naming the device it made; under -j, every command
# that changes something printing one object (acqctl/change.h), and one
# that fails printing nothing on stdout.
. "$(dirname "$0")/lib.sh"

# The Makefile's versions: the release's, and the library's, which the
# library's file name carries.
release=$(sed -n 's/^ACQ_VERSION := //p' "$ACQ_TOP/Makefile")
lib=$(basename "$(ls "$ACQ_BUILD"/lib/libacqctl.so.*.*.*)")
lib=${lib#libacqctl.so.}
[ -n "$release" ] || fail "no ACQ_VERSION in the Makefile"
[ -n "$lib" ] || fail "no libacqctl.so.X.Y.Z in $ACQ_BUILD/lib"
for opt in --version -V; do
	out=$("$ACQCTL" "$opt") || fail "acqctl $opt failed"
	[ "$out" = "acqctl $release (libacqctl $lib)" ] || fail "acqctl $opt said: $out"
done
out=$("$ACQCTL" -V -j) || fail "acqctl -V -j failed"
[ "$out" = "{\"acqctl\":\"$release\",\"libacqctl\":\"$lib\"}" ] ||
	fail "acqctl -V -j said: $out"

expect_fail "without the module" "is the acq module loaded" "$ACQCTL" dev show

acq_load
trap 'rmmod acq 2>/dev/null' EXIT

out=$("$ACQCTL" dev show) || fail "dev show failed"
[ -z "$out" ] || fail "devices listed without a backend: $out"
[ "$("$ACQCTL" -j dev show)" = "[]" ] || fail "JSON of no devices is not []"
[ "$("$ACQCTL" -j -p dev show)" = "[]" ] || fail "pretty JSON of no devices is not []"

"$ACQCTL" dev show acq7 2> /tmp/err
[ $? -eq 1 ] || fail "dev show acq7: exit status is not 1"
grep -q "acq7: No such device: no device with this id" /tmp/err ||
	fail "dev show acq7 said: $(< /tmp/err)"
cat /tmp/err

"$ACQCTL" dev show nonsense 2> /dev/null
[ $? -eq 2 ] || fail "a bad device name is not a usage error"
"$ACQCTL" frobnicate 2> /dev/null
[ $? -eq 2 ] || fail "an unknown object is not a usage error"
"$ACQCTL" -h | grep -q "Usage: acqctl" || fail "no usage from -h"
err=$("$ACQCTL" -j dev show 2>&1 > /dev/full) && fail "output to a full disk succeeded"
echo "$err" | grep -q "cannot write the output: No space left on device" ||
	fail "output to a full disk said: $err"

# sim add prints the device it made, as dev show prints it: the one of
# its acq_sim device, whichever devices were made before.
insmod "$ACQ_KMOD_DIR/sim/acq_sim.ko" || fail "insmod acq_sim.ko"
trap 'reap "$cap"; rmmod acq_sim acq 2>/dev/null' EXIT
cap=
"$ACQCTL" sim add 8 1 > /dev/null || fail "sim add 8 1"
"$ACQCTL" sim add 9 1 > /dev/null || fail "sim add 9 1"
"$ACQCTL" sim del 8 > /dev/null || fail "sim del 8"
out=$("$ACQCTL" sim add 3 2) || fail "sim add 3 2"
echo "$out"
dev=$(echo "$out" | sed -n '1s/^[0-9]*: \(acq[0-9]*\) .*/\1/p')
[ -n "$dev" ] || fail "sim add 3 2 printed no device: $out"
[ "$out" = "$("$ACQCTL" dev show "$dev")" ] ||
	fail "sim add 3 2 printed '$out', not its device as dev show does"
echo "$out" | grep -q " backend acq_sim parent acq_sim3 channels 2 " ||
	fail "sim add 3 2 printed another device: $out"
json=$("$ACQCTL" -j sim add 5 4) || fail "-j sim add 5 4"
echo "$json"
name=$(echo "$json" | json_field name)
[ "$(echo "$json" | json_field parent)" = acq_sim5 ] ||
	fail "-j sim add 5 4 printed another device: $json"
[ "$(echo "$json" | json_field channels)" = 4 ] ||
	fail "-j sim add 5 4 printed another device: $json"
[ "$(echo "$json" | json_field id)" = "${name#acq}" ] ||
	fail "-j sim add 5 4: id and name disagree: $json"
[ "$json" = "$("$ACQCTL" -j dev show "$name" | sed 's/^\[\(.*\)\]$/\1/')" ] ||
	fail "-j sim add printed $json, dev show $("$ACQCTL" -j dev show "$name")"
[ -c "/dev/$name" ] || fail "no /dev/$name"
id=${dev#acq}

# Under -j, a change prints what it changed, named as show names it, and
# what it set; in text, nothing.
expect_json() {
	local want=$1 out
	shift

	out=$("$ACQCTL" -j "$@") || fail "-j $*: exit $?"
	[ "$out" = "$want" ] || fail "-j $* printed '$out', not '$want'"
}
out=$("$ACQCTL" chan set "$dev" 1 lines 16) || fail "chan set"
[ -z "$out" ] || fail "chan set printed text: $out"
expect_json "{\"dev\":$id,\"channel\":1,\"enabled\":true,\"lines\":32,\"line_bytes\":512}" \
	chan set "$dev" 1 enabled on lines 32 line-bytes 512
expect_json "{\"dev\":$id,\"channel\":0,\"line_rate\":2000}" \
	chan set "$id" 0 line-rate 2000
[ "$("$ACQCTL" -j chan show "$dev" 1 | json_field lines)" = 32 ] ||
	fail "chan set did not set: $("$ACQCTL" chan show "$dev" 1)"
expect_json "{\"dev\":$id,\"window\":0,\"policy\":\"sigbus\"}" \
	window set "$dev" 0 policy sigbus
expect_json "{\"dev\":$id,\"window\":0,\"state\":\"revoked\"}" \
	window revoke "$dev" 0
"$ACQCTL" window show "$dev" 0 | grep -q "state revoked policy sigbus revokes 1" ||
	fail "window after revoke: $("$ACQCTL" window show "$dev" 0)"
expect_json "{\"dev\":$id,\"window\":0,\"state\":\"lent\"}" \
	window restore "$dev" 0
expect_json "{\"dev\":$id,\"window\":0,\"offset\":256,\"value\":7}" \
	window poke "$dev" 0 0x100 7

# dev start and stop, of a capture's device (a start of a started device
# does nothing, and succeeds).
"$ACQCTL" capture "$dev" --seconds 60 --quiet > /tmp/cap 2>&1 &
cap=$!
wait_owned "$dev" "$cap"
expect_json "{\"id\":$id,\"name\":\"$dev\",\"state\":\"started\"}" dev start "$dev"
expect_json "{\"id\":$id,\"name\":\"$dev\",\"state\":\"stopped\"}" dev stop "$dev"
wait "$cap" && fail "a capture stopped under it succeeded: $(cat /tmp/cap)"
cap=
[ "$("$ACQCTL" -j dev show "$dev" | json_field state)" = stopped ] ||
	fail "dev stop did not stop: $("$ACQCTL" dev show "$dev")"

# A change that fails prints no object: stdout stays empty.
out=$("$ACQCTL" -j dev start "$dev" 2> /tmp/err) && fail "dev start without a ring succeeded"
[ -z "$out" ] || fail "a failed dev start printed '$out'"
grep -q "no ring attached" /tmp/err || fail "dev start without a ring said: $(cat /tmp/err)"
out=$("$ACQCTL" -j sim add 5 4 2> /dev/null) && fail "a second sim add 5 succeeded"
[ -z "$out" ] || fail "a failed sim add printed '$out'"

expect_json '{"sim":5,"removed":true}' sim del 5
out=$("$ACQCTL" sim del 3) || fail "sim del 3"
[ -z "$out" ] || fail "sim del printed text: $out"
"$ACQCTL" sim del 9 > /dev/null || fail "sim del 9"
[ "$("$ACQCTL" -j dev show)" = "[]" ] || fail "devices left: $("$ACQCTL" dev show)"
exit 0
