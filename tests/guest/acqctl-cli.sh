#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# acqctl's exit codes and messages: usage errors exit 2, refusals exit 1
# with strerror and the kernel's extack message, text and JSON output.
. "$(dirname "$0")/lib.sh"

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
exit 0
