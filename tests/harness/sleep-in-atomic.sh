#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Loads a module that sleeps in atomic context: the debug lane must fail it.
. "$(dirname "$0")/../guest/lib.sh"

insmod "$ACQ_BUILD/km/$(uname -r)/tests/harness/acq_selftest_sleep.ko" || fail "insmod"
rmmod acq_selftest_sleep || fail "rmmod"
exit 0
