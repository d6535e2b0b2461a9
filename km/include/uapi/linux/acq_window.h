/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * Register windows of acq devices: a device's registers, lent to user
 * space through mmap() of its /dev/acqN, and taken back by the device at
 * any moment (revoked). Once revoked, a window's pages are unmapped from
 * every process before the device goes on; later accesses fault and, by
 * the window's policy, either land on a scratch page of their own, where
 * writes are discarded and the process goes on (the default), or raise
 * SIGBUS. A restore maps the registers again at the next access.
 *
 * A window is mapped MAP_SHARED, at ACQ_WINDOW_OFF(n) for window n, at
 * most its size; writable only if the window is and the file is open for
 * writing, and, for a window that reaches the device's DMA engine, the
 * mapper has CAP_SYS_RAWIO when it maps (EPERM otherwise; such a window
 * cannot be made writable by mprotect() later). A child of fork() shares
 * the parent's mappings, revocations included.
 */
#ifndef _UAPI_LINUX_ACQ_WINDOW_H
#define _UAPI_LINUX_ACQ_WINDOW_H

#include <linux/types.h>

#define ACQ_MAX_WINDOWS		16

/*
 * mmap offset of window @n: far above any ring (whose map-size is at most
 * a few GiB), 4 GiB apart. User space on 32 bits maps them with a 64-bit
 * off_t (_FILE_OFFSET_BITS=64).
 */
#define ACQ_WINDOW_OFF_BASE	(1ULL << 40)
#define ACQ_WINDOW_OFF(n)	(ACQ_WINDOW_OFF_BASE + ((__u64)(n) << 32))
#define ACQ_WINDOW_MAX_SIZE	(1ULL << 32)

#endif /* _UAPI_LINUX_ACQ_WINDOW_H */
