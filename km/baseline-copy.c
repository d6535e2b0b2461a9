// SPDX-License-Identifier: GPL-2.0
/*
 * A baseline, kept for comparison only (uapi/linux/acq_baseline.h): the
 * kernel as its ring's consumer, copying each frame out to the caller,
 * for read(2) (baseline-read.c) and the SIGIO design's ioctl
 * (baseline-sigio.c). Not an interface for new code: a system call and a
 * copy per frame are what the mapped ring exists to avoid.
 *
 * It consumes as a user consumer would (uapi/linux/acq_ring.h): it reads
 * the header's consumer index, copies the frame, then stores the next
 * index with release semantics, which the producer's reclaim validates as
 * any other. A process that also consumes the mapped ring races it, and
 * gets protocol errors. The ring's consume_lock makes the readers of one
 * ring take turns, and is held across the copies to user memory: none of
 * our fault handlers takes it.
 */
#include <linux/pagemap.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "baseline.h"
#include "core.h"
#include "ring.h"

/* A ring detached (ENXIO, as when there is none), or its device gone. */
static int acq_ring_gone_err(u32 flags)
{
	return flags & ACQ_RING_F_DEV_GONE ? -ENODEV : -ENXIO;
}

/*
 * Copy @len bytes of the frame of descriptor @idx to @to. Its slot may be
 * freed at any moment (a detach, the device's removal) but under map_lock,
 * which the ring's fault handler takes too: a copy to a buffer in one of
 * our own mappings would fault and wait for us forever. So the copy runs
 * with page faults disabled, under map_lock, and what it could not copy
 * is faulted in with none of our locks held, then copied again, as
 * generic_perform_write() does, rescheduling between the rounds. A
 * buffer that cannot be written (NULL, read-only, unmapped meanwhile, our
 * frames) fails the fault-in: EFAULT.
 */
static int acq_ring_copy_frame(struct acq_ring *ring, u32 idx,
			       char __user *to, u32 len)
{
	unsigned long left = len;
	const void *from;
	u32 done, flags;

	if (!access_ok(to, len))
		return -EFAULT;
	while (left) {
		done = len - left;
		mutex_lock(&ring->map_lock);
		if (ring->frames_gone) {
			mutex_unlock(&ring->map_lock);
			/*
			 * Ours, not the header's, which the process may
			 * write: the detach set them before it freed the
			 * frames.
			 */
			raw_spin_lock_irq(ring->irq_lock);
			flags = ring->flags;
			raw_spin_unlock_irq(ring->irq_lock);
			return acq_ring_gone_err(flags);
		}
		from = ring->slots[ring->slot_of[idx]].vaddr;
		pagefault_disable();
		left = __copy_to_user_inatomic(to + done, from + done, left);
		pagefault_enable();
		mutex_unlock(&ring->map_lock);
		if (!left)
			break;
		done = len - left;
		/*
		 * At the copy's granularity, not a page's: where a page
		 * is writable but a part of it faults (arm64's MTE tags),
		 * a page-wise fault-in succeeds and the copy fails again,
		 * forever.
		 */
		if (fault_in_subpage_writeable(to + done, left) == left)
			return -EFAULT;
		/* A buffer another thread unmaps and maps again, forever. */
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * Copy the next frame to @dst and consume it, under consume_lock.
 * Return: its length; -EAGAIN if none waits, -ESHUTDOWN if none will (the
 * device stopped), -EMSGSIZE (nothing consumed) if it does not fit.
 */
static ssize_t acq_ring_copy_next(struct acq_ring *ring,
				  const struct acq_frame_dst *dst)
{
	struct acq_ring_desc desc;
	u32 cons, prod, flags;
	bool bad;
	int err;

	raw_spin_lock_irq(ring->irq_lock);
	cons = READ_ONCE(ring->hdr->consumer);
	prod = ring->prod;
	flags = ring->flags;
	/* As acq_ring_reclaim() judges it: a process wrote it. */
	bad = !acq_ring_cons_valid(ring, cons);
	if (!bad && cons != prod)
		desc = ring->desc[cons & ring->mask];
	raw_spin_unlock_irq(ring->irq_lock);

	if (flags & ACQ_RING_F_DETACHED)
		return acq_ring_gone_err(flags);
	if (bad)
		return -EPROTO;
	if (cons == prod)
		return flags & ACQ_RING_F_STOPPED ? -ESHUTDOWN : -EAGAIN;
	if (desc.len > dst->frame_size)
		return -EMSGSIZE;
	if (copy_to_user(dst->desc, &desc, sizeof(desc)))
		return -EFAULT;
	err = acq_ring_copy_frame(ring, cons & ring->mask, dst->frame,
				  desc.len);
	if (err)
		return err;
	/*
	 * Release: pairs with the producer's load-acquire of the index in
	 * acq_ring_reclaim(): our reads of the frame happen before the
	 * device writes its slot again.
	 */
	smp_store_release(&ring->hdr->consumer, cons + 1);
	return desc.len;
}

/* Something for a reader: a frame, a stop or a detach. */
static bool acq_ring_readable(struct acq_ring *ring)
{
	bool ready;

	raw_spin_lock_irq(ring->irq_lock);
	ready = (ring->flags & (ACQ_RING_F_STOPPED | ACQ_RING_F_DETACHED)) ||
		acq_ring_waiting(ring);
	raw_spin_unlock_irq(ring->irq_lock);
	return ready;
}

/**
 * acq_frame_copy_next - copy the next frame of @file's ring and consume it
 * @adev: the file's device
 * @file: the file the ring is attached to
 * @dst: where its descriptor and bytes go
 * @block: wait, interruptibly, for a frame, a stop or a detach
 *
 * The wait is on the device's queue, which the ring's wake-ups wake
 * (acq_ring_signal()), so a ring-attach's wake-frames and wake-usecs
 * bound it as they bound a poll().
 *
 * Return: the frame's length, or -EAGAIN (none waits), -ESHUTDOWN (none
 * will: the device is stopped), -EMSGSIZE (nothing consumed), -EFAULT,
 * -EACCES (another file's ring), -ENXIO (no ring, or it was detached),
 * -ENODEV (the device was removed), -EPROTO (a bad consumer index in the
 * header), -ERESTARTSYS.
 */
ssize_t acq_frame_copy_next(struct acq_dev *adev, struct file *file,
			    const struct acq_frame_dst *dst, bool block)
{
	struct acq_ring *ring;
	ssize_t ret;

	ring = acq_chrdev_ring_get(adev, file);
	if (IS_ERR(ring)) {
		/* A hint: the ring of a device being removed goes first. */
		if (PTR_ERR(ring) == -ENXIO && READ_ONCE(adev->dead))
			return -ENODEV;
		return PTR_ERR(ring);
	}
	/* Held while we sleep: its header tells why a wait ended. */
	for (;;) {
		/* -EINTR otherwise: SA_RESTART would not restart a read(). */
		if (mutex_lock_interruptible(&ring->consume_lock)) {
			ret = -ERESTARTSYS;
			break;
		}
		ret = acq_ring_copy_next(ring, dst);
		mutex_unlock(&ring->consume_lock);
		if (ret != -EAGAIN || !block)
			break;
		/*
		 * Nothing to copy, every round: a frame comes before a
		 * signal, but a thread flipping the header's consumer index
		 * can keep the ring readable with nothing to copy, and
		 * wait_event_interruptible() looks at signals only when it
		 * sleeps.
		 */
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		/*
		 * About to sleep: on a ring with need-wakeup, ask for the
		 * signal, as a user consumer would (linux/acq_ring.h). The
		 * full barrier before we look at the ring again is
		 * wait_event()'s set_current_state(); it pairs with the
		 * producer's between its publish and its look at
		 * wake_flags. Left set: a wake-up for every frame is what
		 * the ring without need-wakeup does anyway. Other rings'
		 * wake_flags are the process's own, never read by us.
		 */
		if (ring->wake.need_wakeup)
			WRITE_ONCE(ring->hdr->wake_flags,
				   READ_ONCE(ring->hdr->wake_flags) |
				   ACQ_RING_WAKE_NEEDED);
		ret = wait_event_interruptible(adev->wq,
					       acq_ring_readable(ring));
		if (ret)
			break;
		cond_resched();
	}
	acq_ring_put(ring);
	return ret;
}
