// SPDX-License-Identifier: LGPL-2.1-or-later
/* The frame ring's slow paths: attaching a consumer, waiting, dispatch. */
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acq/ring.h"
#include "internal.h"

/* Larger rings than this are not a capture ring but a corrupt header. */
#define ACQ_RING_MAX_DESC	(1U << 20)

ACQCTL_API int acq_ring_setup(struct acq_ring *r, struct acq_ring_header *hdr,
			      const void *desc, const void *frames, int efd)
{
	__u32 count;

	if (!r || !hdr || !desc || !frames)
		return acq_err(-EINVAL);
	if (hdr->magic != ACQ_RING_MAGIC)
		return acq_err(-EINVAL);
	if (hdr->abi_version != ACQ_RING_ABI_VERSION)
		return acq_err(-EPROTONOSUPPORT);
	count = hdr->desc_count;
	if (hdr->header_size < sizeof(*hdr) ||
	    hdr->desc_size != sizeof(struct acq_ring_desc) ||
	    !count || count > ACQ_RING_MAX_DESC || (count & (count - 1)) ||
	    !hdr->nr_channels || hdr->nr_channels > ACQ_RING_MAX_CHANNELS ||
	    !hdr->slot_size || hdr->buf_size / hdr->slot_size < count)
		return acq_err(-EINVAL);

	memset(r, 0, sizeof(*r));
	r->hdr = hdr;
	r->desc = desc;
	r->frames = frames;
	r->frames_size = hdr->buf_size;
	r->mask = count - 1;
	/* Pairs with nothing: nobody else stores the consumer index. */
	r->consumer = atomic_load_explicit((_Atomic __u32 *)&hdr->consumer,
					   memory_order_relaxed);
	r->efd = efd;
	r->handle = -1;
	return 0;
}

ACQCTL_API int acq_ring_eventfd(const struct acq_ring *r)
{
	return r->efd;
}

/* What the flags say of the frames: -ENODEV or -ENOLINK once gone, or 0. */
static int acq_ring_gone(__u32 flags)
{
	if (flags & ACQ_RING_F_DEV_GONE)
		return -ENODEV;
	if (flags & ACQ_RING_F_DETACHED)
		return -ENOLINK;
	return 0;
}

ACQCTL_API int acq_ring_wait(struct acq_ring *r, int timeout_ms)
{
	/*
	 * Without an eventfd, the handle's poll() says when frames are in,
	 * and when the device stopped (POLLPRI): a stop with nothing to
	 * read would not end the wait otherwise.
	 */
	struct pollfd pfd = {
		.fd = r->efd >= 0 ? r->efd : r->handle,
		.events = r->efd >= 0 ? POLLIN : POLLIN | POLLPRI,
	};
	uint64_t count;
	__u32 flags;
	int ready, n;

	for (;;) {
		/*
		 * The flags first: their acquire pairs with the kernel's
		 * store-release, which follows its last publish, so a
		 * stopped ring's frames are all seen ready below.
		 */
		flags = acq_ring_flags(r);
		/* Removed or detached: the frames are gone, zeros now. */
		if (acq_ring_gone(flags))
			return acq_err(acq_ring_gone(flags));
		ready = acq_ring_ready(r);
		if (ready)
			return ready < 0 ? acq_err(ready) : ready;
		/* Nothing ready and nothing coming: say why, not wait. */
		if (flags & ACQ_RING_F_STOPPED)
			return acq_err(-ESHUTDOWN);
		if (pfd.fd < 0)
			return acq_err(-EINVAL);
		n = poll(&pfd, 1, timeout_ms);
		if (n < 0)
			return acq_err(-errno);
		/* A closed fd would be reported at once, again and again. */
		if (pfd.revents & POLLNVAL)
			return acq_err(-EBADF);
		/*
		 * Woken at wake_frames, the wait may end with fewer ready:
		 * a last look, so that a trickle is seen at each timeout.
		 */
		if (!n) {
			ready = acq_ring_ready(r);
			return ready < 0 ? acq_err(ready) : ready;
		}
		/*
		 * Reset the eventfd before looking at the ring again: a
		 * frame published after this read signals it anew, so no
		 * wake-up is lost between our check and the next poll.
		 */
		if (pfd.fd == r->efd &&
		    read(r->efd, &count, sizeof(count)) < 0 && errno != EAGAIN)
			return acq_err(-errno);
	}
}

/* The CPU's spin-wait hint: a sibling hyperthread gets the core meanwhile. */
static inline void acq_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

static int64_t acq_now_ms(void)
{
	struct timespec ts;

	/* The vDSO's: no system call. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Spins between two looks at the clock: well under a millisecond. */
#define ACQ_SPINS_PER_CLOCK	1024

ACQCTL_API int acq_ring_busy_wait(struct acq_ring *r, int timeout_ms)
{
	int64_t deadline = timeout_ms >= 0 ? acq_now_ms() + timeout_ms : 0;
	unsigned int spins = 0;
	__u32 flags;
	int ready;

	for (;;) {
		/* In acq_ring_wait()'s order, for the same reasons. */
		flags = acq_ring_flags(r);
		if (acq_ring_gone(flags))
			return acq_err(acq_ring_gone(flags));
		ready = acq_ring_ready(r);
		if (ready)
			return ready < 0 ? acq_err(ready) : ready;
		if (flags & ACQ_RING_F_STOPPED)
			return acq_err(-ESHUTDOWN);
		acq_cpu_relax();
		if (timeout_ms >= 0 && ++spins == ACQ_SPINS_PER_CLOCK) {
			spins = 0;
			if (acq_now_ms() >= deadline)
				return 0;
		}
	}
}

/* acq_ring_dispatch_result() with a whole struct of ours to fill. */
static int acq_ring_dispatch_res(struct acq_ring *r,
				 const struct acq_frame_handler *handlers,
				 unsigned int nr_handlers, unsigned int max,
				 struct acq_dispatch_result *res)
{
	const struct acq_ring_desc *desc;
	const struct acq_frame_handler *h;
	const void *frame;
	int ready, err, gone;

	memset(res, 0, sizeof(*res));
	gone = acq_ring_gone(acq_ring_flags(r));
	if (gone)
		return gone;
	ready = acq_ring_ready(r);
	if (ready < 0)
		return ready;
	if ((unsigned int)ready > max)
		ready = max;

	while (res->consumed < (unsigned int)ready) {
		desc = &r->desc[r->consumer & r->mask];
		h = desc->channel < nr_handlers ? &handlers[desc->channel] : NULL;
		if (h && h->cb) {
			frame = acq_ring_frame(r, desc);
			if (!frame)
				return -EBADMSG;
			err = h->cb(desc, frame, h->arg);
			/*
			 * Were the frames taken back while the callback read
			 * this one? The fence orders its reads of the frame
			 * before our load of the flags. The kernel raises
			 * the flags (store-release, acq_ring_set_flags())
			 * before it zaps the frames for the zero page
			 * (acq_ring_free_frames()): a read that met a zero
			 * page came after that zap, and the flags loaded
			 * after it are raised. A read of the frame's own
			 * page came before the zap and was good, but cannot
			 * be told from the others: the frame is lost to the
			 * removal, whatever the callback made of it.
			 */
			atomic_thread_fence(memory_order_acquire);
			gone = acq_ring_gone(acq_ring_flags(r));
			if (gone) {
				res->lost = 1;
				res->lost_desc = *desc;
				return gone;
			}
			if (err)
				return err;
		}
		/* One store per frame lets the producer reuse slots early. */
		acq_ring_release(r, 1);
		res->consumed++;
	}
	return (int)res->consumed;
}

ACQCTL_API int acq_ring_dispatch_result(struct acq_ring *r,
					const struct acq_frame_handler *handlers,
					unsigned int nr_handlers,
					unsigned int max,
					struct acq_dispatch_result *res,
					size_t res_sz)
{
	struct acq_dispatch_result ours;
	int ret;

	ret = acq_ring_dispatch_res(r, handlers, nr_handlers, max, &ours);
	if (res)
		acq_copy_out(res, res_sz, &ours, sizeof(ours));
	return ret < 0 ? acq_err(ret) : ret;
}

ACQCTL_API int acq_ring_dispatch(struct acq_ring *r,
				 const struct acq_frame_handler *handlers,
				 unsigned int nr_handlers, unsigned int max)
{
	return acq_ring_dispatch_result(r, handlers, nr_handlers, max, NULL, 0);
}
