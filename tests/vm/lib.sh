# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the guest harness scripts; sourced, never run.
# shellcheck shell=bash

ACQ_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# depmod and modprobe live in sbin, which a user's PATH may lack.
PATH=$PATH:/usr/sbin:/sbin
ACQ_BUILD=${ACQ_BUILD:-$ACQ_TOP/build}
# Guest kernels, the kernel source and the debug kernel's build are
# machine-wide, outside any clone: a second clone on the same machine reuses
# them. Each entry is keyed by what it was made from (the Debian version; for
# the debug kernel also the hash of its config), so clones of different
# trees never take each other's.
if [ -z "${ACQ_CACHE:-}" ]; then
	if [ "$(id -u)" = 0 ]; then
		ACQ_CACHE=/var/cache/acq
	else
		ACQ_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/acq
	fi
fi

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# Run apt-get update once per machine when the package lists are missing or
# older than a day: on a fresh machine apt-cache knows nothing until then.
apt_lists_fresh() {
	local stamp=/var/lib/apt/periodic/acq-update-stamp

	if [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n1)" ] ||
	   [ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
		return 0
	fi
	as_root apt-get update -qq || die "apt-get update failed"
	as_root mkdir -p "${stamp%/*}" && as_root touch "$stamp"
}

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

# The Debian package a metapackage points at, e.g. linux-image-6.12-amd64 ->
# linux-image-6.12.117+deb12-amd64. Versions move, so this is asked each time.
apt_resolve_meta() {
	apt-cache depends --important "$1" 2>/dev/null |
		awk -v pfx="$2" '$1 == "Depends:" && index($2, pfx) == 1 { print $2; exit }'
}

apt_candidate() {
	apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" { print $2; exit }'
}

# Series name -> metapackage suffix of Debian 12's kernels. rt is 6.12's
# PREEMPT_RT flavour.
kernel_meta_suffix() {
	case "$1" in
	6.1) echo amd64 ;;
	6.12) echo 6.12-amd64 ;;
	rt) echo 6.12-rt-amd64 ;;
	*) return 1 ;;
	esac
}

# The debug kernel's cache key: the source's Debian version and a hash of
# the config fragment and of the script that builds it.
debug_kernel_key() {
	local version

	version=$(cat "$ACQ_CACHE/linux-source-6.12/stamp" 2>/dev/null) || return 1
	printf '%s-%s\n' "$version" \
		"$(cat "$ACQ_TOP/tests/vm/debug.config" "$ACQ_TOP/tests/vm/build-debug-kernel" |
		   sha256sum | cut -c1-16)"
}

# Where a kernel series lives in the cache, present or not.
kernel_cache_dir() {
	local key

	if [ "$1" = debug ]; then
		key=$(debug_kernel_key) || return 1
		echo "$ACQ_CACHE/kernels/debug-$key"
	else
		echo "$ACQ_CACHE/kernels/$1"
	fi
}

# Directory of an extracted (or built) kernel series; fails if absent.
kernel_dir() {
	local d

	d=$(kernel_cache_dir "$1") || return 1
	[ -s "$d/release" ] || return 1
	echo "$d"
}

# cache_lock NAME: hold an exclusive lock on a cache entry until the script
# exits, so that two clones filling the same entry wait for each other.
cache_lock() {
	mkdir -p "$ACQ_CACHE"
	exec {cache_lock_fd}> "$ACQ_CACHE/$1.lock"
	flock "$cache_lock_fd"
}
