#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Loads a module that leaks an allocation: the debug lane must fail it.
. "$(dirname "$0")/../guest/lib.sh"

insmod "$ACQ_BUILD/km/$(uname -r)/tests/harness/acq_selftest_leak.ko" || fail "insmod"
rmmod acq_selftest_leak || fail "rmmod"
exit 0
