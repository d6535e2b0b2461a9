// SPDX-License-Identifier: LGPL-2.1-or-later
/* The frame ring's slow paths: attaching a consumer, waiting, dispatch. */
#include <poll.h>
#include <stdint.h>
#include <string.h>
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
		/* Removed or detached: the frames are gone, reading faults. */
		if (flags & ACQ_RING_F_DEV_GONE)
			return acq_err(-ENODEV);
		if (flags & ACQ_RING_F_DETACHED)
			return acq_err(-ENOLINK);
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

ACQCTL_API int acq_ring_dispatch(struct acq_ring *r,
				 const struct acq_frame_handler *handlers,
				 unsigned int nr_handlers, unsigned int max)
{
	const struct acq_ring_desc *desc;
	const struct acq_frame_handler *h;
	unsigned int done = 0;
	const void *frame;
	int ready, err;

	if (acq_ring_flags(r) & (ACQ_RING_F_DEV_GONE | ACQ_RING_F_DETACHED))
		return acq_err(acq_ring_flags(r) & ACQ_RING_F_DEV_GONE ?
			       -ENODEV : -ENOLINK);
	ready = acq_ring_ready(r);
	if (ready < 0)
		return acq_err(ready);
	if ((unsigned int)ready > max)
		ready = max;

	while (done < (unsigned int)ready) {
		desc = &r->desc[r->consumer & r->mask];
		h = desc->channel < nr_handlers ? &handlers[desc->channel] : NULL;
		if (h && h->cb) {
			frame = acq_ring_frame(r, desc);
			if (!frame)
				return acq_err(-EBADMSG);
			err = h->cb(desc, frame, h->arg);
			if (err)
				return err < 0 ? acq_err(err) : err;
		}
		/* One store per frame lets the producer reuse slots early. */
		acq_ring_release(r, 1);
		done++;
	}
	return done;
}
