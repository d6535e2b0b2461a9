/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The consumer side of the acq frame ring (linux/acq_ring.h), in the manner
 * of liburing: the fast path is inline here (no call, no system call per
 * frame), setup, dispatch and waiting are in the library.
 *
 * A ring has one consumer: its functions must not run concurrently on the
 * same struct acq_ring. The producer is the kernel (or, in tests, a thread).
 */
#ifndef _ACQ_RING_H
#define _ACQ_RING_H

#include <errno.h>
#include <stddef.h>
#ifdef __cplusplus
#include <atomic>
#else
#include <stdatomic.h>
#endif
#include <linux/types.h>
#include <linux/acq_ring.h>

#include "acq/acqctl.h"

#ifdef __cplusplus
extern "C" {
#endif

struct acq_ring {
	struct acq_ring_header *hdr;
	const struct acq_ring_desc *desc;
	const unsigned char *frames;
	__u64 frames_size;
	__u32 mask;		/* desc_count - 1 */
	__u32 consumer;		/* ours; the shared copy is only stored to */
	int efd;		/* eventfd the producer signals, or -1 */
	/*
	 * Set by acq_ring_attach(): the mappings to undo, the handle (-1
	 * after acq_ring_setup() alone) and the device.
	 */
	void *hdr_map;
	size_t hdr_map_size;
	void *data_map;		/* descriptors and frames, read-only */
	size_t data_map_size;
	int handle;
	__u32 dev_id;
};

/*
 * Shared indices are accessed only through these: atomics on the header's
 * plain __u32 fields, as liburing does for its rings. C11's in C; C++ has
 * no _Atomic qualifier, but std::atomic<__u32> has the layout of a __u32
 * (it is lock-free, static_assert'ed below), so the same loads and stores
 * are made through one.
 */
#ifdef __cplusplus
static_assert(std::atomic<__u32>::is_always_lock_free &&
	      sizeof(std::atomic<__u32>) == sizeof(__u32),
	      "a shared __u32 is accessed as a std::atomic<__u32>");

static inline __u32 acq_ring_load_acquire(const __u32 *p)
{
	return std::atomic_load_explicit(
		reinterpret_cast<const std::atomic<__u32> *>(p),
		std::memory_order_acquire);
}

static inline void acq_ring_store_release(__u32 *p, __u32 v)
{
	std::atomic_store_explicit(reinterpret_cast<std::atomic<__u32> *>(p),
				   v, std::memory_order_release);
}
#else
#define acq_ring_load_acquire(p) \
	atomic_load_explicit((_Atomic __u32 *)(p), memory_order_acquire)
#define acq_ring_store_release(p, v) \
	atomic_store_explicit((_Atomic __u32 *)(p), (v), memory_order_release)
#endif

/*
 * Number of descriptors ready to read, or -EPROTO if the producer index is
 * impossible (more than a ring ahead of us).
 */
static inline int acq_ring_ready(const struct acq_ring *r)
{
	/*
	 * Acquire: pairs with the producer's store-release of the index
	 * (acq_ring_publish() in the kernel), which follows its writes of
	 * the frames and descriptors we are about to read.
	 */
	__u32 ready = acq_ring_load_acquire(&r->hdr->producer) - r->consumer;

	if (ready > r->mask + 1)
		return -EPROTO;
	return (int)ready;
}

/*
 * The next ready descriptor, without consuming it: 0 and *descp set, or
 * -EAGAIN when there is none, or -EPROTO.
 */
static inline int acq_ring_peek(const struct acq_ring *r,
				const struct acq_ring_desc **descp)
{
	int ready = acq_ring_ready(r);

	if (ready <= 0)
		return ready ? ready : -EAGAIN;
	*descp = &r->desc[r->consumer & r->mask];
	return 0;
}

/* The frame a descriptor points at, or NULL if it lies outside the ring. */
static inline const void *acq_ring_frame(const struct acq_ring *r,
					 const struct acq_ring_desc *desc)
{
	if (desc->offset > r->frames_size ||
	    desc->len > r->frames_size - desc->offset)
		return NULL;
	return r->frames + desc->offset;
}

/* Hand @n descriptors (and their frames) back to the producer. */
static inline void acq_ring_release(struct acq_ring *r, unsigned int n)
{
	r->consumer += n;
	/*
	 * Release: pairs with the producer's load-acquire of the consumer
	 * index before it reuses a slot (acq_ring_reclaim() in the
	 * kernel): our reads of the released frames happen before it
	 * overwrites them.
	 */
	acq_ring_store_release(&r->hdr->consumer, r->consumer);
}

/*
 * The kernel's ACQ_RING_F_* flags: the device stopped or removed. A hint
 * that orders nothing: frames are read only after acq_ring_ready().
 */
static inline __u32 acq_ring_flags(const struct acq_ring *r)
{
	/*
	 * Acquire: pairs with the kernel's store-release of the flags
	 * (acq_ring_set_flags()): once STOPPED is seen, so is every frame
	 * published before the stop.
	 */
	return acq_ring_load_acquire(&r->hdr->flags);
}

/*
 * The device's register windows that are revoked now, in *@revoked (bit
 * n for window n), and in *@seq (if not NULL) how many revokes and
 * restores the device has made: the same seq at two calls means no
 * window changed in between. 0, or -EOPNOTSUPP from a kernel that keeps
 * no such state (no ACQ_RING_F_WINDOWS). A hint, as the flags are: by
 * the time a bit is set the window's mappings are zapped already.
 */
static inline int acq_ring_windows_revoked(const struct acq_ring *r,
					   __u32 *revoked, __u32 *seq)
{
	__u32 s;

	if (!(acq_ring_flags(r) & ACQ_RING_F_WINDOWS))
		return -EOPNOTSUPP;
	/*
	 * Acquire: pairs with the kernel's store-release of windows_seq
	 * (acq_ring_set_windows()), which follows its store of the mask:
	 * the mask loaded next is at least as new as this seq.
	 */
	s = acq_ring_load_acquire(&r->hdr->windows_seq);
	*revoked = acq_ring_load_acquire(&r->hdr->windows_revoked);
	if (seq)
		*seq = s;
	return 0;
}

/*
 * Attach a consumer to a ring already mapped: the header at @hdr, the
 * descriptor and frame regions at @desc and @frames, mapped with the sizes
 * the header gives. Checks the header (magic, ABI version, geometry) and
 * starts consuming at the shared consumer index. @efd, or -1, is the
 * eventfd the producer signals.
 * Returns 0, -EPROTONOSUPPORT for another ABI, or -EINVAL.
 */
ACQCTL_API int acq_ring_setup(struct acq_ring *r, struct acq_ring_header *hdr,
			      const void *desc, const void *frames, int efd);

/* Options of acq_ring_attach(); zero fields take the kernel's defaults. */
struct acq_ring_opts {
	size_t sz;		/* sizeof(struct acq_ring_opts) */
	__u32 desc_count;	/* descriptors and slots, a power of two */
	__u32 slot_size;	/* bytes per slot; default: the largest frame */
	int no_eventfd;		/* 1: wake-ups by poll() on the handle only */
	/* Up to here LIBACQCTL_0.1's struct, whose padding an old caller
	 * may have left unset: ignored, so that sizeof grows.
	 */
	__u32 __reserved;
	/* Wake once this many frames wait unread (default 1), up to
	 * desc_count: fewer wake-ups at high rates. Waits with a timeout
	 * still see fewer: the ring is checked when the wait ends.
	 */
	__u32 wake_frames;
	/* Since 0.5: with wake_frames above 1, wake at the latest this
	 * many microseconds after the first frame that woke no one
	 * (default 1000, up to 1000000): a device that pauses leaves no
	 * frame unread.
	 */
	__u32 wake_usecs;
	/* Since 0.6: 1 asks for need-wakeup (ACQ_RING_F_NEED_WAKEUP): the
	 * kernel signals only a consumer that said it sleeps, so a consumer
	 * that keeps up makes no system call at all. acq_ring_wait() says
	 * so for its caller; one that sleeps otherwise (its own epoll on
	 * the eventfd) follows the protocol of linux/acq_ring.h itself.
	 * With no_eventfd and acq_ring_busy_wait(), nothing is signalled.
	 */
	__u32 need_wakeup;
};

/*
 * Attach a ring to device @dev_id through @handle (acq_dev_open()): the
 * kernel allocates it, the library creates its eventfd (unless
 * opts->no_eventfd), maps the header read-write and the descriptors and
 * frames read-only, and sets @r up. @opts may be NULL. On failure nothing
 * is left attached, mapped or open: a mapping that fails is followed by
 * the handle's detach, whatever refused it (an LSM too). EBUSY if the
 * device already has a ring; ENOLINK if an administrator detached it
 * before it could be mapped; ENODEV if the device was removed, before the
 * attach or between it and the mapping. Otherwise the mapping's own error
 * (the ring then was ours until the detach).
 */
ACQCTL_API int acq_ring_attach(struct acq_ctl *ctl, __u32 dev_id, int handle,
			       const struct acq_ring_opts *opts,
			       struct acq_ring *r);

/*
 * Detach the ring (stopping the device) and undo acq_ring_attach(): unmap,
 * close the eventfd. The handle stays open. acq_ring_unmap() undoes only
 * the mappings and the eventfd, and does nothing on a ring that
 * acq_ring_attach() did not set up or that is already unmapped; closing
 * the handle after it detaches as well.
 */
ACQCTL_API int acq_ring_detach(struct acq_ctl *ctl, struct acq_ring *r);
ACQCTL_API void acq_ring_unmap(struct acq_ring *r);

/* The eventfd to put in the application's own epoll set, or -1. */
ACQCTL_API int acq_ring_eventfd(const struct acq_ring *r);

/*
 * Wait up to @timeout_ms (-1: forever) until descriptors are ready: one
 * poll() of the handle for a ring acq_ring_attach() set up, or of the
 * eventfd (and a read to reset it) for one acq_ring_setup() alone did.
 * The first leaves the eventfd's count unread: an application that also
 * polls it reads it then, and may be woken once for frames already seen.
 * A ring in need-wakeup mode is told that its consumer sleeps, and that
 * it is busy again once the wait returns.
 * Returns how many (fewer than wake_frames when the timeout ended the
 * wait), 0 on timeout with none ready, or -errno: -ESHUTDOWN when none is
 * ready and the device is stopped (before a start, or stopped by anyone),
 * -ENODEV when it was removed, -ENOLINK when the ring was detached (by an
 * administrator, say): its frames are gone, whatever was ready.
 */
ACQCTL_API int acq_ring_wait(struct acq_ring *r, int timeout_ms);

/*
 * acq_ring_wait() without sleeping: spin on the producer index with the
 * CPU's pause hint, for a consumer that owns a core and wants the shortest
 * wake-up. No system call; the same returns as acq_ring_wait().
 */
ACQCTL_API int acq_ring_busy_wait(struct acq_ring *r, int timeout_ms);

/*
 * Per-channel frame callbacks for acq_ring_dispatch(), called in the
 * caller's thread with a frame that stays mapped until the callback
 * returns, and is the device's unless the dispatch then says it was lost
 * (below). A non-zero return stops the dispatch before that frame is
 * released, and is returned.
 */
typedef int (*acq_frame_cb)(const struct acq_ring_desc *desc,
			    const void *frame, void *arg);

struct acq_frame_handler {
	acq_frame_cb cb;
	void *arg;
};

/*
 * Call @handlers[desc->channel] for up to @max ready frames, in order;
 * frames of channels without a handler (channel >= @nr_handlers or a NULL
 * cb) are passed over uncalled. The frames consumed are released to the
 * producer in one store per quarter of the ring and one for the rest
 * before the call returns, on every path: a batch of small frames costs
 * one store, a long one still hands slots back as it goes (a ring of
 * fewer than 4 descriptors, one store per frame). A callback
 * must not release frames nor dispatch; acq_ring_peek() and
 * acq_ring_ready() in a callback count from the last release, not from
 * the frame it was given.
 * Returns the number of frames consumed, or -errno (-EPROTO for a broken
 * ring, -EBADMSG for a descriptor outside it, or a callback's error).
 *
 * A ring can lose its frames at any moment: its device removed, or the
 * ring detached by an administrator. Its memory then reads as zeros (no
 * signal), so a callback may be reading a frame that turns to zeros under
 * it. The dispatch therefore loads the header's flags again after each
 * callback: raised (DEV_GONE, DETACHED), it returns -ENODEV or -ENOLINK,
 * and the frame that callback was given is lost to the removal: neither
 * good nor corrupt, whatever the callback made of it (a verification
 * failure included), and left unreleased. The same errors come before any
 * callback when the flags are raised already. acq_ring_dispatch_result()
 * tells the two apart; a caller that acts on a frame before the dispatch
 * returns (writes it out, reports it bad) wants it.
 */
ACQCTL_API int acq_ring_dispatch(struct acq_ring *r,
				 const struct acq_frame_handler *handlers,
				 unsigned int nr_handlers, unsigned int max);

/*
 * What acq_ring_dispatch_result() tells beyond its return. A struct that
 * may grow at its end: its size is passed along, as for acq_dev_get().
 */
struct acq_dispatch_result {
	__u32 consumed;		/* frames released by the call, even on error */
	/*
	 * 1 when the call returned -ENODEV or -ENOLINK after a callback
	 * (the flags raised when it returned): that callback's frame is
	 * lost to the removal, and lost_desc is a copy of its descriptor.
	 * 0 otherwise, and lost_desc all zeros.
	 */
	__u32 lost;
	struct acq_ring_desc lost_desc;
};

/*
 * acq_ring_dispatch(), telling in @res (of @res_sz bytes, normally
 * sizeof(*res); may be NULL) how many frames it consumed and whether the
 * last one handed to a callback was lost to a removal or a detach. Every
 * frame whose callback returned before the last one (or before a return
 * of 0 or more) was read whole, while the frames were there.
 */
ACQCTL_API int acq_ring_dispatch_result(struct acq_ring *r,
					const struct acq_frame_handler *handlers,
					unsigned int nr_handlers,
					unsigned int max,
					struct acq_dispatch_result *res,
					size_t res_sz);

#ifdef __cplusplus
}
#endif

#endif /* _ACQ_RING_H */
