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

/*
 * What the ring says without waiting: descriptors ready (> 0), or why
 * none will come (< 0), or 0: wait.
 */
static int acq_ring_check(const struct acq_ring *r)
{
	/*
	 * The flags first: their acquire pairs with the kernel's
	 * store-release, which follows its last publish, so a stopped
	 * ring's frames are all seen ready below.
	 */
	__u32 flags = acq_ring_flags(r);
	int ready;

	/* Removed or detached: the frames are gone, zeros now. */
	if (acq_ring_gone(flags))
		return acq_ring_gone(flags);
	ready = acq_ring_ready(r);
	if (ready)
		return ready;
	/* Nothing ready and nothing coming: say why, not wait. */
	if (flags & ACQ_RING_F_STOPPED)
		return -ESHUTDOWN;
	return 0;
}

/*
 * Need-wakeup (linux/acq_ring.h): tell the kernel we sleep, or that we
 * are busy. Only we write wake_flags; a store only when it changes.
 */
static void acq_ring_wake_needed(struct acq_ring *r, __u32 needed)
{
	_Atomic __u32 *wf = (_Atomic __u32 *)&r->hdr->wake_flags;

	/* Relaxed: the fence after the store, if any, orders it. */
	if (atomic_load_explicit(wf, memory_order_relaxed) != needed)
		atomic_store_explicit(wf, needed, memory_order_relaxed);
}

/*
 * One system call per wake-up: a ring acq_ring_attach() set up has its
 * handle, whose poll() is level-triggered on the ring's state (frames
 * waiting, stopped, gone), so a frame published after our last look makes
 * it return at once and nothing needs a reset. The eventfd is
 * edge-triggered in effect: a count that must be read (a second system
 * call) before the look that precedes the next poll(), or a signal of a
 * frame we already saw would wake us again for nothing. It stays for
 * applications that put it in their own epoll set (acq_ring_eventfd()),
 * and for rings set up with acq_ring_setup() alone, which have no handle;
 * the kernel signals both, so either wait is woken.
 */
static int acq_ring_sleep(struct acq_ring *r, int timeout_ms)
{
	struct pollfd pfd = {
		.fd = r->handle >= 0 ? r->handle : r->efd,
		/* POLLPRI: a stop with nothing to read ends the wait. */
		.events = r->handle >= 0 ? POLLIN | POLLPRI : POLLIN,
	};
	uint64_t count;
	int n;

	if (pfd.fd < 0)
		return -EINVAL;
	n = poll(&pfd, 1, timeout_ms);
	if (n < 0)
		return -errno;
	/* A closed fd would be reported at once, again and again. */
	if (pfd.revents & POLLNVAL)
		return -EBADF;
	if (!n)
		return -ETIME;
	/*
	 * Reset the eventfd before looking at the ring again: a frame
	 * published after this read signals it anew, so no wake-up is
	 * lost between our look and the next poll.
	 */
	if (pfd.fd == r->efd &&
	    read(r->efd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		return -errno;
	/*
	 * Hung up: no ring on the handle. Its detach raised the flags
	 * first, so the next look says why; a hang-up it does not
	 * explain is not waited on again and again.
	 */
	if (pfd.revents & POLLHUP)
		return -EPIPE;
	return 0;
}

ACQCTL_API int acq_ring_wait(struct acq_ring *r, int timeout_ms)
{
	/* Set by the kernel at attach, constant: the ring's mode. */
	int need_wakeup = !!(acq_ring_flags(r) & ACQ_RING_F_NEED_WAKEUP);
	int ret, hup = 0;

	for (;;) {
		ret = acq_ring_check(r);
		if (ret)
			break;
		if (need_wakeup) {
			acq_ring_wake_needed(r, ACQ_RING_WAKE_NEEDED);
			/*
			 * Full fence: orders our store of WAKE_NEEDED before
			 * the loads of the flags and the producer index in
			 * the look below. Pairs with the kernel's smp_mb()
			 * between its store-release of the producer index
			 * and its load of wake_flags
			 * (acq_ring_consumer_sleeps()): either we see its
			 * frame, or it sees our flag and signals us. A
			 * store then a load: release and acquire would not
			 * order them.
			 */
			atomic_thread_fence(memory_order_seq_cst);
			ret = acq_ring_check(r);
			if (ret)
				break;
		}
		if (hup) {
			ret = -ENOLINK;
			break;
		}
		ret = acq_ring_sleep(r, timeout_ms);
		/*
		 * Woken at wake_frames, the wait may end with fewer ready:
		 * a last look, so that a trickle is seen at each timeout.
		 */
		if (ret == -ETIME) {
			ret = acq_ring_ready(r);
			break;
		}
		if (ret == -EPIPE)
			hup = 1;
		else if (ret)
			break;
	}
	/* Frames, or not waiting any more: busy, no signal wanted. */
	if (need_wakeup)
		acq_ring_wake_needed(r, 0);
	return ret < 0 ? acq_err(ret) : ret;
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

/*
 * In nanoseconds: a deadline in whole milliseconds would end a wait up
 * to one early, where poll() never ends one early.
 */
static int64_t acq_now_ns(void)
{
	struct timespec ts;

	/* The vDSO's: no system call. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Spins between two looks at the clock: well under a millisecond. */
#define ACQ_SPINS_PER_CLOCK	1024

ACQCTL_API int acq_ring_busy_wait(struct acq_ring *r, int timeout_ms)
{
	int64_t deadline = timeout_ms >= 0 ?
			   acq_now_ns() + (int64_t)timeout_ms * 1000000 : 0;
	unsigned int spins = 0;
	int ret;

	/*
	 * Never sets WAKE_NEEDED: a ring in need-wakeup mode is then never
	 * signalled, and a busy-polled one is best attached without an
	 * eventfd, so that no wake-up costs anything.
	 */
	for (;;) {
		ret = acq_ring_check(r);
		if (ret)
			return ret < 0 ? acq_err(ret) : ret;
		/* The clock at the first look too: a timeout of 0 spins not. */
		if (timeout_ms >= 0 && !(spins++ % ACQ_SPINS_PER_CLOCK) &&
		    acq_now_ns() >= deadline)
			return 0;
		acq_cpu_relax();
	}
}

/*
 * The @i-th of the @n descriptors a dispatch reads. The next ones are
 * asked of the cache meanwhile: the descriptor after the next, and the
 * first line of the next one's frame, whose descriptor was asked for
 * one frame ago. Hints only: a prefetch never faults, and the offset is
 * checked where it is used.
 */
static const struct acq_ring_desc *
acq_ring_dispatch_next(const struct acq_ring *r, unsigned int i, int n)
{
	const struct acq_ring_desc *next;

	if (i + 2 < (unsigned int)n)
		__builtin_prefetch(&r->desc[(r->consumer + i + 2) & r->mask]);
	if (i + 1 < (unsigned int)n) {
		next = &r->desc[(r->consumer + i + 1) & r->mask];
		if (next->offset < r->frames_size)
			__builtin_prefetch(r->frames + next->offset);
	}
	return &r->desc[(r->consumer + i) & r->mask];
}

/* How many frames a dispatch consumes between two releases. */
#define ACQ_RING_RELEASE_EVERY(r)	((r)->mask / 4 + 1)

/* acq_ring_dispatch_result() with a whole struct of ours to fill. */
static int acq_ring_dispatch_res(struct acq_ring *r,
				 const struct acq_frame_handler *handlers,
				 unsigned int nr_handlers, unsigned int max,
				 struct acq_dispatch_result *res)
{
	const struct acq_ring_desc *desc;
	const struct acq_frame_handler *h;
	unsigned int pending = 0;	/* consumed, not yet released */
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

	err = 0;
	while (res->consumed < (unsigned int)ready) {
		desc = acq_ring_dispatch_next(r, pending,
					      pending + ready - res->consumed);
		h = desc->channel < nr_handlers ? &handlers[desc->channel] : NULL;
		if (h && h->cb) {
			frame = acq_ring_frame(r, desc);
			if (!frame) {
				err = -EBADMSG;
				break;
			}
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
				err = gone;
				break;
			}
			if (err)
				break;
		}
		res->consumed++;
		/*
		 * A batch as long as a quarter of the ring gives its slots
		 * back before it goes on: a consumer slow on each frame
		 * (verifying megabytes) would otherwise hold the whole ring
		 * until its batch ends, and the device's next frames, with
		 * no slot, would be dropped.
		 */
		if (++pending == ACQ_RING_RELEASE_EVERY(r)) {
			acq_ring_release(r, pending);
			pending = 0;
		}
	}
	/*
	 * One store for the rest of the batch, on every path: the frames
	 * whose callbacks returned 0 (or that had none), never the one a
	 * callback failed or that was lost to a removal, which stays the
	 * consumer's. Its line is the producer's to read: a store per
	 * frame would bounce it at the frame rate.
	 */
	if (pending)
		acq_ring_release(r, pending);
	return err ? err : (int)res->consumed;
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
