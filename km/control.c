// SPDX-License-Identifier: GPL-2.0
/*
 * Device control: attaching and detaching the ring, starting and stopping
 * the device. The netlink handlers, the release of /dev/acqN and
 * unregistration call these under the device's lock, but for the
 * allocation of a ring, which takes none (see acq_dev_ring_alloc()).
 */
#include <linux/eventfd.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/sched.h>

#include "baseline.h"
#include "compat.h"
#include "core.h"
#include "ring.h"

/* Stop a started device, without telling: true if it was started. */
static bool acq_dev_halt(struct acq_dev *adev, enum acq_stop_reason why)
{
	lockdep_assert_held(&adev->lock);
	if (!adev->started)
		return false;
	/* After this no frame helper runs for the device. */
	adev->ops->stop(adev);

	raw_spin_lock_irq(&adev->irq_lock);
	adev->running = false;
	acq_ring_stop(adev->ring);
	raw_spin_unlock_irq(&adev->irq_lock);
	adev->started = false;
	adev->stop_reason = why;
	/*
	 * Whoever stopped it, the consumer learns it: its eventfd, and
	 * poll()'s waiters, for POLLPRI too (an epoll of EPOLLPRI alone is
	 * woken only by a wake-up keyed with it).
	 */
	acq_ring_wake(adev->ring);
	wake_up_interruptible_poll(&adev->wq, EPOLLPRI);
	/* Nor a pending timer or deferred wake-up a detach. */
	acq_ring_wake_timer_cancel(adev->ring);
	acq_ring_wake_sync(adev->ring);
	return true;
}

/**
 * acq_dev_ring_prepare - may a ring be attached, and with which slots?
 * @adev: the device, locked
 * @desc_count: its descriptors
 * @slot_size: in: asked for, 0 for the enabled channels' largest frame;
 *	out: the slot size, page aligned
 * @extack: why not
 */
int acq_dev_ring_prepare(struct acq_dev *adev, u32 desc_count,
			 u32 *slot_size, struct netlink_ext_ack *extack)
{
	u32 size = *slot_size;
	unsigned int i;

	lockdep_assert_held(&adev->lock);
	if (adev->ring) {
		NL_SET_ERR_MSG(extack, "device already has a ring");
		return -EBUSY;
	}
	if (!size) {
		for (i = 0; i < adev->nr_channels; i++)
			if (adev->chans[i].cfg.enabled)
				size = max(size, adev->chans[i].cfg.lines *
						 adev->chans[i].cfg.line_bytes);
		if (!size) {
			NL_SET_ERR_MSG(extack,
				       "no channel enabled to size the slots by: give slot-size");
			return -EINVAL;
		}
	}
	size = PAGE_ALIGN(size);
	/* The default slot size is known only here: check the total again. */
	if ((u64)desc_count * size > acq_ring_max_bytes()) {
		NL_SET_ERR_MSG(extack,
			       "ring larger than 1 GiB or half the memory");
		return -E2BIG;
	}
	*slot_size = size;
	return 0;
}

/**
 * acq_dev_ring_alloc - allocate a ring for the device
 * @adev: the device, whose attach_lock the caller holds, but not its lock
 * @dma_dev: its DMA device, read under its lock
 * @file: the handle it will be attached to
 * @desc_count: descriptors
 * @slot_size: as acq_dev_ring_prepare() gave it
 * @wake: when to wake the consumer
 * @memlock_exempt: not charged to RLIMIT_MEMLOCK (acq_ring_charge())
 * @extack: why not
 *
 * The long part of an attach (up to 1 GiB allocated and zeroed): under no
 * lock that anything but another attach of this device waits for. Held,
 * attach_lock keeps @dma_dev: unregistration waits for it.
 */
struct acq_ring *acq_dev_ring_alloc(struct acq_dev *adev,
				    struct device *dma_dev, struct file *file,
				    u32 desc_count, u32 slot_size,
				    const struct acq_ring_wake *wake,
				    bool memlock_exempt,
				    struct netlink_ext_ack *extack)
{
	struct acq_ring *ring;

	lockdep_assert_held(&adev->attach_lock);
	/* Sets extack: which limit refused it, or that memory is short. */
	ring = acq_ring_create(dma_dev, adev->nr_channels, desc_count,
			       slot_size, memlock_exempt, extack);
	if (IS_ERR(ring))
		return ring;
	ring->mapping = file->f_mapping;
	ring->wq = &adev->wq;
	ring->wake_worker = adev->wake_worker;
	acq_ring_set_wake(ring, wake);
	ring->irq_lock = &adev->irq_lock;
	return ring;
}

/**
 * acq_dev_ring_attach - attach a ring acq_dev_ring_alloc() made
 * @adev: the device, locked again after the allocation
 * @ring: the ring; the device's on success, still the caller's on failure
 * @file: the handle it is attached to
 * @efd: the consumer's eventfd, or NULL; the ring's on success
 * @extack: why not
 */
int acq_dev_ring_attach(struct acq_dev *adev, struct acq_ring *ring,
			struct file *file, struct eventfd_ctx *efd,
			struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&adev->lock);
	/* Attaches wait for each other, but a device may have been removed. */
	if (adev->dead) {
		NL_SET_ERR_MSG(extack, "device removed during the attach");
		return -ENODEV;
	}
	if (adev->ring) {
		NL_SET_ERR_MSG(extack, "device already has a ring");
		return -EBUSY;
	}
	ring->efd = efd;

	/* poll() and mmap() read @ring and @owner under irq_lock alone. */
	raw_spin_lock_irq(&adev->irq_lock);
	adev->ring = ring;
	adev->owner = file;
	acq_ring_set_windows(ring, adev->windows_revoked, adev->windows_seq);
	raw_spin_unlock_irq(&adev->irq_lock);
	adev->owner_pid = get_pid(task_tgid(current));
	return 0;
}

/**
 * acq_dev_ring_detach - stop the device and free its ring
 * @adev: the device
 * @why: why it goes: a removed device's ring says DEV_GONE to whoever
 *	still maps it
 */
void acq_dev_ring_detach(struct acq_dev *adev, enum acq_stop_reason why)
{
	struct acq_ring *ring = adev->ring;
	struct file *owner = adev->owner;
	u32 flags = ACQ_RING_F_DETACHED;
	bool stopped;

	lockdep_assert_held(&adev->lock);
	if (!ring)
		return;
	if (why == ACQ_STOP_REASON_REMOVED)
		flags |= ACQ_RING_F_DEV_GONE;
	/*
	 * Said before the stop, whose wake-up would otherwise show the
	 * consumer a ring merely stopped, whose frames it may still read.
	 */
	raw_spin_lock_irq(&adev->irq_lock);
	acq_ring_set_flags(ring, flags, 0);
	raw_spin_unlock_irq(&adev->irq_lock);
	stopped = acq_dev_halt(adev, why);

	raw_spin_lock_irq(&adev->irq_lock);
	adev->ring = NULL;
	adev->owner = NULL;
	adev->protocol_errors += ring->protocol_errors;
	acq_ring_set_flags(ring, ACQ_RING_F_STOPPED, 0);
	raw_spin_unlock_irq(&adev->irq_lock);
	put_pid(adev->owner_pid);
	adev->owner_pid = NULL;

	/* Frames belong to the DMA device: zapped and freed now. */
	acq_ring_free_frames(ring);
	/* The consumer's poll() now says POLLHUP; its eventfd wakes it. */
	acq_ring_wake(ring);
	/*
	 * Whatever stopped the ring (a halt, a failed start, never a
	 * start): a mapping may keep it past the device's unregistration,
	 * which destroys the wake worker and frees the irq_lock its timer
	 * takes, so neither may be pending once it is dropped.
	 */
	acq_ring_wake_timer_cancel(ring);
	acq_ring_wake_sync(ring);
	/* Nor a signal for the next ring, another file's. */
	acq_baseline_sigio_detach(ring, owner);
	acq_ring_put(ring);
	/* Told once the ring is gone, so the event shows the device bare. */
	if (stopped)
		acq_notify_dev(adev, ACQ_CMD_DEV_STATE_NTF);
}

int acq_dev_start(struct acq_dev *adev, struct netlink_ext_ack *extack)
{
	struct acq_chan_config *cfg;
	unsigned int i, enabled = 0;
	u32 max_wait;
	int err;

	lockdep_assert_held(&adev->lock);
	if (adev->started)
		return 0;
	if (!adev->ring) {
		NL_SET_ERR_MSG(extack, "no ring attached: attach one first");
		return -ENOLINK;
	}
	for (i = 0; i < adev->nr_channels; i++) {
		cfg = &adev->chans[i].cfg;
		if (!cfg->enabled)
			continue;
		if (cfg->lines * cfg->line_bytes > adev->ring->slot_size) {
			NL_SET_ERR_MSG(extack,
				       "an enabled channel's frames exceed the ring's slots");
			return -EMSGSIZE;
		}
		enabled++;
	}
	if (!enabled) {
		NL_SET_ERR_MSG(extack, "no channel enabled");
		return -EINVAL;
	}
	/*
	 * Every other enabled channel may hold a slot for a frame in
	 * flight, for as long as its frame takes: then only desc_count -
	 * (enabled - 1) frames can wait, and a larger threshold would let
	 * the consumer sleep forever. With more channels enabled than
	 * slots, those in flight may hold them all; still, every frame
	 * that is published reaches at least 1, so a wake-up at every
	 * frame is always reachable (the channels left without a slot
	 * drop their frames and say so, as in any overrun).
	 */
	max_wait = enabled <= adev->ring->desc_count ?
		   adev->ring->desc_count - enabled + 1 : 1;
	if (adev->ring->wake.frames > max_wait) {
		NL_SET_ERR_MSG(extack,
			       "wake-frames above what can wait with this many channels enabled");
		return -EINVAL;
	}

	raw_spin_lock_irq(&adev->irq_lock);
	acq_ring_set_flags(adev->ring, 0, ACQ_RING_F_STOPPED);
	adev->running = true;
	adev->fail_err = 0;
	raw_spin_unlock_irq(&adev->irq_lock);

	err = adev->ops->start(adev, extack);
	if (err) {
		/* A partial start is undone by the stop op, as acq.h says. */
		adev->ops->stop(adev);
		raw_spin_lock_irq(&adev->irq_lock);
		adev->running = false;
		acq_ring_stop(adev->ring);
		raw_spin_unlock_irq(&adev->irq_lock);
		/* As acq_dev_halt(): frames the backend gave may have armed them. */
		acq_ring_wake_timer_cancel(adev->ring);
		acq_ring_wake_sync(adev->ring);
		/* The backend's words, if it said why: they are more precise. */
		NL_SET_ERR_MSG_WEAK(extack, "the device failed to start");
		return err;
	}
	adev->started = true;
	adev->stop_reason = ACQ_STOP_REASON_NONE;
	acq_notify_dev(adev, ACQ_CMD_DEV_STATE_NTF);
	return 0;
}

void acq_dev_stop(struct acq_dev *adev, enum acq_stop_reason why)
{
	if (acq_dev_halt(adev, why))
		acq_notify_dev(adev, ACQ_CMD_DEV_STATE_NTF);
}

void acq_dev_fail(struct acq_dev *adev, int err)
{
	unsigned long flags;
	bool first;

	if (WARN_ON_ONCE(err >= 0 || err < -MAX_ERRNO))
		err = -EIO;
	raw_spin_lock_irqsave(&adev->irq_lock, flags);
	first = adev->running && !adev->fail_err;
	if (first)
		adev->fail_err = err;
	raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
	/* Stopping takes the device's lock and calls the stop op: not here. */
	if (first)
		queue_work(acq_system_wq, &adev->fail_work);
}
EXPORT_SYMBOL_GPL(acq_dev_fail);

void acq_dev_fail_work(struct work_struct *work)
{
	struct acq_dev *adev = container_of(work, struct acq_dev, fail_work);
	int err;

	mutex_lock(&adev->lock);
	raw_spin_lock_irq(&adev->irq_lock);
	err = adev->running ? adev->fail_err : 0;
	raw_spin_unlock_irq(&adev->irq_lock);
	/* Stopped meanwhile, or dead (unregistration waits for us). */
	if (err && !adev->dead) {
		dev_err(&adev->dev, "the device failed (%pe): stopped\n",
			ERR_PTR(err));
		acq_dev_stop(adev, ACQ_STOP_REASON_DEVICE_ERROR);
	}
	mutex_unlock(&adev->lock);
}

/* The owner's file is gone, whatever killed it: so is its ring. */
void acq_dev_file_release(struct acq_dev *adev, struct file *file)
{
	lockdep_assert_held(&adev->lock);
	if (adev->owner == file)
		acq_dev_ring_detach(adev, ACQ_STOP_REASON_OWNER_GONE);
}

u64 acq_dev_protocol_errors(struct acq_dev *adev)
{
	u64 n;

	raw_spin_lock_irq(&adev->irq_lock);
	n = adev->protocol_errors;
	if (adev->ring)
		n += adev->ring->protocol_errors;
	raw_spin_unlock_irq(&adev->irq_lock);
	return n;
}
