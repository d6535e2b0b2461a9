/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libacqctl: the control plane of acq, the Linux data-acquisition driver
 * stack, over its generic netlink family "acq".
 *
 * Conventions (as in libbpf): functions returning int give 0 or a negative
 * errno and also set errno; functions returning a pointer give NULL with
 * errno set. When the kernel refused a request, acq_ctl_errmsg() tells why.
 * There is no global state: every call takes the handle it works on, and a
 * handle must not be used from two threads at once.
 */
#ifndef _ACQ_ACQCTL_H
#define _ACQ_ACQCTL_H

#include <stddef.h>
#include <linux/types.h>
#include <linux/acq.h>
#include <linux/acq_window.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACQCTL_API __attribute__((visibility("default")))

/*
 * Declare @name, an options struct of @type (struct acq_chan_config,
 * struct acq_ring_opts, ...) with its sz set and the fields given, the
 * others zero, as libbpf's LIBBPF_OPTS does:
 *	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64);
 */
#define ACQ_OPTS(type, name, ...)					\
	struct type name = {						\
		.sz = sizeof(struct type),				\
		__VA_ARGS__						\
	}

struct acq_ctl;

/* Open a control handle: a generic netlink socket with the "acq" family
 * resolved. Fails with ENOENT when the acq module is not loaded.
 */
ACQCTL_API struct acq_ctl *acq_ctl_open(void);
ACQCTL_API void acq_ctl_close(struct acq_ctl *ctl);

/* The family id the kernel assigned to "acq" in this network namespace. */
ACQCTL_API int acq_ctl_family_id(const struct acq_ctl *ctl);

/* Why the kernel refused the handle's last failed request: its extack
 * message, or a description of the missing attribute; "" when it said
 * nothing. Valid until the next request on the handle.
 */
ACQCTL_API const char *acq_ctl_errmsg(const struct acq_ctl *ctl);

/* Grows only at its end: acq_dev_get() fills a caller's older prefix. */
struct acq_dev_info {
	__u32 id;
	char name[ACQ_DEV_NAME_LEN];
	char backend[ACQ_DEV_NAME_LEN];
	__u32 nr_channels;
	char parent[ACQ_PARENT_NAME_LEN];	/* the backend's device */
	/* Since 0.2; a kernel that does not send one leaves it 0. */
	__u32 state;			/* enum acq_dev_state */
	__u32 stop_reason;		/* enum acq_stop_reason */
	__u32 ring_attached;
	__u32 owner_pid;		/* the ring's; 0: unknown or none */
	/* The ring's geometry, while one is attached. */
	__u32 ring_desc_count;
	__u32 ring_slot_size;
	__u64 produced;			/* frames, all channels together */
	__u64 delivered;
	__u64 dropped;
	__u64 protocol_errors;
};

/* Fill @info (of @info_sz bytes, normally sizeof(*info); a smaller, older
 * struct gets its prefix) with device @id. ENODEV if there is none.
 */
ACQCTL_API int acq_dev_get(struct acq_ctl *ctl, __u32 id,
			   struct acq_dev_info *info, size_t info_sz);

/* Call @cb for every device in id order. A non-zero return from @cb stops
 * the walk and is returned. -EINTR when a device was added or removed
 * between two of the kernel's replies to the walk (as for every
 * *_foreach()): @cb may have seen a list that never was; walk again. A
 * walk answered in one reply is one snapshot of each device, as any
 * netlink dump.
 */
typedef int (*acq_dev_cb)(const struct acq_dev_info *info, void *arg);
ACQCTL_API int acq_dev_foreach(struct acq_ctl *ctl, acq_dev_cb cb, void *arg);

/*
 * For the foreach calls of objects that belong to a device: every
 * device's, in one dump. No device has this id (they stop at INT32_MAX).
 * Since 0.3.
 */
#define ACQ_DEV_ALL	0xffffffffU

/* Parse "acqN" or "N" into a device id. */
ACQCTL_API int acq_dev_parse_name(const char *name, __u32 *id);

/*
 * A device's handle: /dev/acqN opened read-write and close-on-exec. Passed
 * to the requests below, it is the right to change the device (Unix
 * permissions on /dev/acqN decide who gets one), and the file a ring is
 * attached to and mapped from. Returns the fd, or -errno.
 */
ACQCTL_API int acq_dev_open(__u32 id);

/*
 * Start or stop capturing into the ring attached to the device. With
 * @handle, it must be the one the ring was attached with (another is
 * EBUSY); with -1 (a negative handle is left out of the request) the
 * caller needs CAP_NET_ADMIN (else EPERM), and the frames still go to the
 * ring's owner. Start without a ring attached is ENOLINK; stopping a
 * stopped device succeeds.
 */
ACQCTL_API int acq_dev_start(struct acq_ctl *ctl, __u32 id, int handle);
ACQCTL_API int acq_dev_stop(struct acq_ctl *ctl, __u32 id, int handle);

/* Grows only at its end, as struct acq_dev_info. */
struct acq_chan_info {
	__u32 dev_id;
	__u32 id;
	__u32 enabled;
	__u32 lines;
	__u32 line_bytes;
	__u32 lines_per_chunk;
	__u32 line_rate;		/* lines per second */
	__u32 frame_bytes;		/* lines * line_bytes */
};

ACQCTL_API int acq_chan_get(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			    struct acq_chan_info *info, size_t info_sz);

/* Call @cb for every channel of device @dev_id (ACQ_DEV_ALL: of every
 * device) in order.
 */
typedef int (*acq_chan_cb)(const struct acq_chan_info *info, void *arg);
ACQCTL_API int acq_chan_foreach(struct acq_ctl *ctl, __u32 dev_id,
				acq_chan_cb cb, void *arg);

/*
 * A channel change for acq_chan_set(): fields left 0 (enabled: -1) keep
 * their value. @sz is sizeof(struct acq_chan_config), so the struct can
 * grow, in the manner of libbpf's opts.
 */
struct acq_chan_config {
	size_t sz;
	int enabled;			/* 1, 0, or -1 to keep */
	__u32 lines;
	__u32 line_bytes;
	__u32 lines_per_chunk;
	__u32 line_rate;
};

/* Change a channel of a stopped device, with @handle or, with
 * CAP_NET_ADMIN, -1. @cfg NULL changes nothing; a @cfg larger than this
 * library knows, with non-zero fields it does not, is EINVAL.
 */
ACQCTL_API int acq_chan_set(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			    int handle, const struct acq_chan_config *cfg);

/* A channel's counters; grows only at its end. */
struct acq_chan_stats {
	__u32 dev_id;
	__u32 chan;
	__u64 produced;			/* = delivered + dropped */
	__u64 delivered;
	__u64 dropped;
	__u64 chunks;
	__u64 protocol_errors;		/* the device's */
	/* The last error, a positive errno (0: none): ENOBUFS a frame
	 * dropped, ring full; EMSGSIZE a frame cut to its slot; EIO a
	 * frame the device marked bad; EPROTO a bad consumer index; or
	 * the errno of a chunk the device failed (EIO, ETIMEDOUT...).
	 */
	__u32 last_error;
	/* Since 0.5; an older, shorter stats_sz leaves them out. */
	__u64 errors;			/* delivered flagged error/truncated */
	__u64 chunk_errors;		/* chunks the device failed */
};

ACQCTL_API int acq_stats_get(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			     struct acq_chan_stats *stats, size_t stats_sz);

/* Call @cb with the counters of every channel of device @dev_id
 * (ACQ_DEV_ALL: of every device) in order.
 */
typedef int (*acq_stats_cb)(const struct acq_chan_stats *stats, void *arg);
ACQCTL_API int acq_stats_foreach(struct acq_ctl *ctl, __u32 dev_id,
				 acq_stats_cb cb, void *arg);

/*
 * Register windows: registers a device lends to user space, mapped from
 * its /dev/acqN, and taken back (revoked) by the device at any moment
 * (linux/acq_window.h). Grows only at its end, as struct acq_dev_info.
 */
struct acq_window_info {
	__u32 dev_id;
	__u32 id;			/* 0 to ACQ_MAX_WINDOWS - 1 */
	__u64 offset;			/* mmap offset in /dev/acqN */
	__u64 size;			/* bytes, a multiple of the page size */
	__u32 writable;			/* 1: may be mapped PROT_WRITE */
	__u32 state;			/* enum acq_window_state */
	/* What accesses do while the window is revoked. */
	__u32 policy;			/* enum acq_window_policy */
	__u32 __pad;			/* 0 */
	__u64 revokes;			/* since the device was registered */
};

/* Fill @info (of @info_sz bytes, as acq_dev_get()) with window @win of
 * device @dev_id. ENODEV if there is no such device; EINVAL, with the
 * kernel's reason in acq_ctl_errmsg(), if it has no such window.
 */
ACQCTL_API int acq_window_get(struct acq_ctl *ctl, __u32 dev_id, __u32 win,
			      struct acq_window_info *info, size_t info_sz);

/* Call @cb for every window of device @dev_id (ACQ_DEV_ALL: of every
 * device) in order; a non-zero return from @cb stops the walk.
 */
typedef int (*acq_window_cb)(const struct acq_window_info *info, void *arg);
ACQCTL_API int acq_window_foreach(struct acq_ctl *ctl, __u32 dev_id,
				  acq_window_cb cb, void *arg);

/*
 * What accesses to the window do while it is revoked, for every mapping
 * of it from their next access on: ACQ_WINDOW_POLICY_DISCARD or
 * ACQ_WINDOW_POLICY_SIGBUS. With @handle, or -1 and CAP_NET_ADMIN, as
 * acq_chan_set().
 */
ACQCTL_API int acq_window_set_policy(struct acq_ctl *ctl, __u32 dev_id,
				     __u32 win, int handle, __u32 policy);

/*
 * Ask the device to take window @win back, or to lend it again; once the
 * revoke returns no process reaches the registers. For administrators
 * (CAP_NET_ADMIN, else EPERM); EOPNOTSUPP if the device's backend takes
 * no such requests. A device also revokes on its own, at any moment.
 */
ACQCTL_API int acq_window_revoke(struct acq_ctl *ctl, __u32 dev_id, __u32 win);
ACQCTL_API int acq_window_restore(struct acq_ctl *ctl, __u32 dev_id, __u32 win);

/*
 * Map the whole window @info describes from @handle_fd, its device's
 * /dev/acqN (a handle of acq_dev_open(), or the node opened read-only for
 * @prot PROT_READ), MAP_SHARED. @prot is PROT_READ, or PROT_READ |
 * PROT_WRITE for a writable window and a file open for writing. NULL with
 * errno set on failure.
 *
 * The window is registers, not memory: access it only 32 bits at a time,
 * aligned, through volatile pointers (acq_window_read32() and
 * acq_window_write32() below), never with memcpy() or wider loads. It may
 * be revoked between any two accesses: from then on, accesses land on a
 * scratch page of the window's own (policy discard: writes go nowhere,
 * reads see what the process wrote since) or raise SIGBUS (policy
 * sigbus), until a restore. A child of fork() shares the mapping,
 * revocations included.
 *
 * The offsets are above 4 GiB: the library is built with a 64-bit off_t
 * (_FILE_OFFSET_BITS=64) so that this works on 32-bit systems too.
 */
ACQCTL_API void *acq_window_map(int handle_fd,
				const struct acq_window_info *info, int prot);
/* Unmap what acq_window_map() mapped for @info: 0 or -errno. */
ACQCTL_API int acq_window_unmap(void *addr,
				const struct acq_window_info *info);

/* The register at byte @off (a multiple of 4) of a mapped window. */
static inline __u32 acq_window_read32(const void *win, size_t off)
{
	return *(const volatile __u32 *)((const char *)win + off);
}

static inline void acq_window_write32(void *win, size_t off, __u32 v)
{
	*(volatile __u32 *)((char *)win + off) = v;
}

/*
 * Events: the kernel's notifications on the family's "monitor" multicast
 * group, read on a socket of the monitor's own and handed to a callback
 * in the caller's thread, when the caller asks (no thread, no signal).
 * Only events sent after acq_monitor_open() are seen; a monitor hears
 * nothing more once acq is unloaded.
 */
struct acq_monitor;

/*
 * One event of the monitor group. Grows only at its end; its pointers are
 * valid only during the callback.
 */
struct acq_event {
	__u32 type;			/* ACQ_CMD_*_NTF */
	__u32 dev_id;
	__u32 chan;			/* chan-change and overrun; else 0 */
	/* What the event carries; NULL in the events that do not. */
	const struct acq_dev_info *dev;		/* dev-add, -del, -state */
	const struct acq_chan_info *chan_info;	/* chan-change */
	const struct acq_chan_stats *stats;	/* overrun */
	/* Since 0.3 */
	const struct acq_window_info *window;	/* window-revoked, -restored,
						 * -change */
};

/* A non-zero return stops the dispatch at once and is returned. */
typedef int (*acq_event_cb)(const struct acq_event *ev, void *arg);

/*
 * Subscribe a new socket of its own to "monitor"; @cb will get its events,
 * with @arg. Events of a type this library does not know are skipped.
 * ENOENT when acq is not loaded.
 */
ACQCTL_API struct acq_monitor *acq_monitor_open(acq_event_cb cb, void *arg);
ACQCTL_API void acq_monitor_close(struct acq_monitor *mon);

/* The socket's fd, non-blocking, for the application's own poll/epoll loop. */
ACQCTL_API int acq_monitor_fd(const struct acq_monitor *mon);

/*
 * Handle every event already queued, without blocking: returns how many
 * were handled (>= 0), a callback's non-zero return (it stops at once;
 * the events after it wait for the next call), or -errno: -ENOBUFS when
 * the socket overflowed and events were lost (the subscription stays
 * usable; the caller may re-read state with acq_dev_foreach()), or for
 * a malformed event -EBADMSG or the errno of the attribute check it
 * failed (the event is dropped; the next call goes on).
 */
ACQCTL_API int acq_monitor_dispatch(struct acq_monitor *mon);

/*
 * Wait up to @timeout_ms (-1: forever) for events, then dispatch them, as
 * acq_monitor_dispatch(); 0 on timeout (or when only skipped messages
 * came), -EINTR when a signal interrupted the wait.
 */
ACQCTL_API int acq_monitor_wait(struct acq_monitor *mon, int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* _ACQ_ACQCTL_H */
