#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tools that are not ours drive the family from its spec alone: iproute2's
# genl lists every op of schemas/acq.yaml and the monitor group, and the
# kernel's own YNL CLI (linux-source-6.12's tools/net/ynl) dumps devices,
# gets one, and receives an event on --subscribe monitor.
. "$(dirname "$0")/lib.sh"

ynl=${ACQ_CACHE:?}/linux-source-6.12/tree
cli=$ynl/tools/net/ynl/cli.py
spec=$ACQ_TOP/schemas/acq.yaml
[ -f "$cli" ] || skip "no YNL CLI in $ynl (run tests/vm/deps)"
# The debug lane is for the kernel's checkers, and Python under KASAN and
# emulation takes minutes; these paths run in its other tests.
case $(uname -r) in
*-acq-debug) skip "the YNL CLI runs on Debian's kernels, not the debug one" ;;
esac
# Debian's python3 has yaml and jsonschema; another may come first in PATH.
py=/usr/bin/python3

ynl() {
	"$py" "$cli" --spec "$spec" --no-schema --output-json "$@"
}

acq_sim_load
echo "0 3" > /sys/bus/acq_sim/new_device || fail "new acq_sim device"
trap 'echo 0 > /sys/bus/acq_sim/del_device; rmmod acq_sim acq' EXIT

# Every op of the spec, under its number; the notifications are not ops
# the kernel takes, so genl lists them not.
out=$(genl ctrl get name acq) || fail "genl ctrl get name acq"
echo "$out"
"$py" - "$spec" <<'EOF' > /tmp/ops || fail "reading the spec's ops"
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
value = 1
for op in spec["operations"]["list"]:
    value = op.get("value", value)
    if "do" in op or "dump" in op:
        print(op["name"], value)
    value += 1
EOF
[ -s /tmp/ops ] || fail "no ops in the spec"
while read -r name value; do
	echo "$out" | grep -q "ID-0x$(printf %x "$value") " ||
		fail "genl does not list $name ($value)"
done < /tmp/ops
echo "$out" | grep -Eq "ID-0x[0-9a-f]+ +name: monitor" ||
	fail "genl does not list the monitor group"

# The spec is checked against the schema on the host (tests/lint); here
# that check would cost more than the rest of the test under emulation.
dump=$(ynl --dump dev-get) || fail "ynl --dump dev-get"
echo "dump: $dump"
[ "$(echo "$dump" | json_get 'len(j)')" = 1 ] || fail "dump: $dump"
[ "$(echo "$dump" | json_get 'j[0]["name"]')" = acq0 ] || fail "dump: $dump"
[ "$(echo "$dump" | json_get 'j[0]["channels"]')" = 3 ] || fail "dump: $dump"
[ "$(echo "$dump" | json_get 'j[0]["state"]')" = stopped ] || fail "dump: $dump"
# The nested windows, by the spec's subset set, as window-get has them.
[ "$(echo "$dump" | json_get '[(w["id"], w["writable"], w["state"]) for w in j[0]["window"]]')" = \
  "[(0, 1, 'lent'), (1, 0, 'lent')]" ] || fail "dump's windows: $dump"
ynl --do window-revoke --json '{"dev-id": 0, "id": 1}' > /dev/null ||
	fail "ynl --do window-revoke"
win=$(ynl --do window-get --json '{"dev-id": 0, "id": 1}') || fail "ynl --do window-get"
[ "$(echo "$win" | json_get '(j["state"], j["revokes"], j["policy"])')" = \
  "('revoked', 1, 'discard')" ] || fail "window-get: $win"
ynl --do window-restore --json '{"dev-id": 0, "id": 1}' > /dev/null ||
	fail "ynl --do window-restore"

# Subscribed first, the CLI sleeps, then prints the events it got;
# changes are made until it has gone, so its subscribing is not raced.
# (Alone: 6.12's YNL library fails on an event that comes during a dump.)
ynl --subscribe monitor --sleep 3 > /tmp/ntf.json 2> /tmp/ntf.err &
sub=$!
n=0
while kill -0 $sub 2>/dev/null && [ $n -lt 300 ]; do
	"$ACQCTL" chan set acq0 1 lines 32 > /dev/null || fail "chan set"
	sleep 0.1
	n=$((n + 1))
done
wait $sub || fail "ynl --subscribe monitor: $(< /tmp/ntf.err)"
echo "ntf: $(head -c 300 /tmp/ntf.json)"
"$py" - /tmp/ntf.json <<'EOF' || fail "no chan-change-ntf for acq0 chan 1"
import json, sys
ntfs = json.load(open(sys.argv[1]))
ok = [n for n in ntfs if n["name"] == "chan-change-ntf"
      and n["msg"]["dev-id"] == 0 and n["msg"]["id"] == 1
      and n["msg"]["lines"] == 32 and n["msg"]["frame-bytes"] == 32 * 1024]
sys.exit(0 if ok else 1)
EOF

# A do, and a refusal with the kernel's reason, as YNL shows them.
do=$(ynl --do dev-get --json '{"id": 0}') || fail "ynl --do dev-get"
echo "do: $do"
[ "$(echo "$do" | json_get 'j["backend"]')" = acq_sim ] || fail "do: $do"
[ "$(echo "$do" | json_get 'j["parent"]')" = acq_sim0 ] || fail "do: $do"
if err=$(ynl --do dev-get --json '{"id": 200}' 2>&1); then
	fail "dev-get of no device succeeded: $err"
fi
echo "$err" | grep -q "no device with this id" || fail "ynl error: $err"
exit 0
