// SPDX-License-Identifier: GPL-2.0
/*
 * The producer side of frame rings: the frame helpers backends call from
 * their interrupt handlers. The ring's producer state is changed only
 * under the device's irq_lock, a raw spinlock, so that channels completing
 * on several CPUs are serialized and the consumer sees one producer; DMA
 * syncs and wake-ups happen outside it. The ring cannot go away under
 * these helpers: it is detached only after the backend's stop op, which
 * waits for them to return.
 */
#include <linux/dma-mapping.h>
#include <linux/ktime.h>

#include "baseline.h"
#include "core.h"
#include "ring.h"

/*
 * At most this many slots are taken back per frame begun. A consumer that
 * releases a whole ring at once (one store per batch) would otherwise have
 * the interrupt walk all of it, up to 65536 descriptors, with interrupts
 * off; taking a bounded batch at a time still takes back far more than the
 * one slot each frame uses.
 */
#define ACQ_RECLAIM_BATCH	64

/*
 * Take back the slots of the descriptors the consumer has released. Its
 * index is hostile: anything but a value between our last valid reading
 * (cons_seen) and our producer index is a protocol error and means no
 * progress, so no value can hand us a slot the consumer still owns. Not
 * our reclaim cursor (cons): a batch at a time, it may lag the index
 * read, and an index behind the one released is going backwards however
 * far we have taken it back. No progress is the index we saw last: the
 * slots released up to it still come back after a bad one.
 */
static bool acq_ring_reclaim(struct acq_ring *ring)
{
	/*
	 * Acquire: pairs with the consumer's store-release of its index
	 * (acq_ring_release() in libacqctl): its reads of the frames it
	 * released happen before the device writes their slots again.
	 */
	u32 cons = smp_load_acquire(&ring->hdr->consumer);
	bool bad = !acq_ring_cons_valid(ring, cons);
	u32 n;

	if (bad) {
		ring->protocol_errors++;
		WRITE_ONCE(ring->hdr->protocol_errors,
			   min_t(u64, ring->protocol_errors, U32_MAX));
		cons = ring->cons_seen;
	}
	ring->cons_seen = cons;
	n = min_t(u32, cons - ring->cons, ACQ_RECLAIM_BATCH);
	acq_debugfs_note_reclaim(n);
	while (n--) {
		ring->free_slots[ring->nr_free++] =
			ring->slot_of[ring->cons & ring->mask];
		ring->cons++;
	}
	return !bad;
}

/*
 * Hand a complete frame to the consumer. A slot in hand means a free
 * descriptor: the slots of [cons, prod) are the consumer's, so with one
 * more in flight prod - cons < desc_count.
 */
static void acq_ring_publish(struct acq_ring *ring, unsigned int chan,
			     u32 slot, u32 len, u16 flags, u64 ts)
{
	struct acq_ring_chan *rc = &ring->chan[chan];
	u32 idx = ring->prod & ring->mask;
	struct acq_ring_desc *desc = &ring->desc[idx];

	desc->timestamp_ns = ts;
	desc->offset = (u64)slot * ring->slot_size;
	desc->len = len;
	desc->seq = rc->seq;
	desc->dropped = rc->lost;
	desc->channel = chan;
	desc->flags = flags;
	ring->slot_of[idx] = slot;
	rc->lost = 0;
	ring->prod++;
	/*
	 * Release: pairs with the consumer's load-acquire of the producer
	 * index (acq_ring_ready() in libacqctl): the frame, synced for the
	 * CPU in acq_frame_done(), and its descriptor are visible before the
	 * index that hands them over.
	 */
	smp_store_release(&ring->hdr->producer, ring->prod);
}

static void acq_ring_drop(struct acq_ring *ring, unsigned int chan)
{
	struct acq_ring_chan *rc = &ring->chan[chan];

	if (rc->lost != U32_MAX)
		rc->lost++;
	rc->dropped++;
	WRITE_ONCE(ring->hdr->dropped[chan], rc->dropped);
}

/* The device, if it is started and @chan one of its channels. */
static struct acq_ring *acq_running_ring(struct acq_dev *adev,
					 unsigned int chan)
{
	lockdep_assert_held(&adev->irq_lock);
	if (!adev->running || WARN_ON_ONCE(chan >= adev->nr_channels))
		return NULL;
	return adev->ring;
}

int acq_frame_begin(struct acq_dev *adev, unsigned int chan,
		    struct acq_frame *frame)
{
	struct acq_ring_chan *rc;
	struct acq_ring *ring;
	unsigned long flags;
	bool wake = false;
	u32 slot;
	int err;

	memset(frame, 0, sizeof(*frame));
	raw_spin_lock_irqsave(&adev->irq_lock, flags);
	ring = acq_running_ring(adev, chan);
	if (!ring) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
		return -ESHUTDOWN;
	}
	rc = &ring->chan[chan];
	/* A frame begun twice: the backend lost track; keep the first. */
	if (WARN_ON_ONCE(rc->inflight != ACQ_SLOT_IDLE)) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
		return -EINVAL;
	}
	if (!acq_ring_reclaim(ring))
		adev->chans[chan].last_error = EPROTO;
	slot = ring->nr_free ? ring->free_slots[--ring->nr_free] :
			       ACQ_SLOT_DROP;
	rc->inflight = slot;
	rc->chunk_err = 0;
	frame->seq = rc->seq;
	frame->size = ring->slot_size;
	err = -ENOBUFS;
	if (slot != ACQ_SLOT_DROP) {
		frame->vaddr = ring->slots[slot].vaddr;
		frame->dma = ring->slots[slot].dma;
		err = 0;
	} else {
		/* A full ring: the consumer, whatever its threshold. */
		wake = acq_ring_wake_full(ring);
	}
	raw_spin_unlock_irqrestore(&adev->irq_lock, flags);

	/* The ring cannot go while the device runs: no lock needed. */
	if (!err)
		dma_sync_single_for_device(ring->dma_dev, frame->dma,
					   ring->slot_size, DMA_FROM_DEVICE);
	if (wake)
		acq_ring_wake(ring);
	return err;
}
EXPORT_SYMBOL_GPL(acq_frame_begin);

void acq_chunk_done(struct acq_dev *adev, unsigned int chan, int err)
{
	struct acq_chan *ch = &adev->chans[chan];
	struct acq_ring_chan *rc;
	struct acq_ring *ring;
	unsigned long flags;

	/* An errno, or the bug of a backend that passed something else. */
	if (WARN_ON_ONCE(err > 0 || err < -MAX_ERRNO))
		err = -EIO;
	raw_spin_lock_irqsave(&adev->irq_lock, flags);
	ring = acq_running_ring(adev, chan);
	if (!ring) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
		return;
	}
	rc = &ring->chan[chan];
	/* A chunk belongs to a frame: one outside any is the backend's bug. */
	if (WARN_ON_ONCE(rc->inflight == ACQ_SLOT_IDLE)) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
		return;
	}
	ch->chunks++;
	if (err) {
		ch->chunk_errors++;
		ch->last_error = -err;
		if (!rc->chunk_err)
			rc->chunk_err = err;
	}
	raw_spin_unlock_irqrestore(&adev->irq_lock, flags);
}
EXPORT_SYMBOL_GPL(acq_chunk_done);

void acq_frame_done(struct acq_dev *adev, unsigned int chan, u32 len,
		    u16 flags)
{
	struct acq_chan *ch = &adev->chans[chan];
	struct acq_ring_chan *rc;
	struct acq_ring *ring;
	unsigned long irqflags;
	u64 ts = ktime_get_ns();
	bool wake = false, cut = false;
	u32 slot;

	raw_spin_lock_irqsave(&adev->irq_lock, irqflags);
	ring = acq_running_ring(adev, chan);
	if (!ring) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, irqflags);
		return;
	}
	rc = &ring->chan[chan];
	slot = rc->inflight;
	if (WARN_ON_ONCE(slot == ACQ_SLOT_IDLE)) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, irqflags);
		return;
	}
	raw_spin_unlock_irqrestore(&adev->irq_lock, irqflags);

	/*
	 * The slot stays ours (inflight) while we sync it, outside the
	 * lock: a sync may be slow (cache maintenance, bounce buffers), and
	 * DMA API debugging takes spinlocks that must not nest in a raw one.
	 */
	if (slot != ACQ_SLOT_DROP) {
		if (len > ring->slot_size) {
			len = ring->slot_size;
			cut = true;
		}
		dma_sync_single_for_cpu(ring->dma_dev, ring->slots[slot].dma,
					len, DMA_FROM_DEVICE);
	}

	raw_spin_lock_irqsave(&adev->irq_lock, irqflags);
	/*
	 * Stopped meanwhile: the backend broke the contract of its stop op,
	 * and the slot went back to the free list. Publishing it would hand
	 * it out twice.
	 */
	if (WARN_ON_ONCE(!adev->running || adev->ring != ring ||
			 rc->inflight != slot)) {
		raw_spin_unlock_irqrestore(&adev->irq_lock, irqflags);
		return;
	}
	rc->inflight = ACQ_SLOT_IDLE;
	ch->produced++;
	if (slot == ACQ_SLOT_DROP) {
		ch->dropped++;
		ch->last_error = ENOBUFS;
		acq_ring_drop(ring, chan);
	} else {
		ch->delivered++;
		if (cut) {
			flags |= ACQ_DESC_F_TRUNCATED | ACQ_DESC_F_ERROR;
			ch->last_error = EMSGSIZE;
		} else if (rc->chunk_err) {
			/* last_error already says the chunk's errno. */
			flags |= ACQ_DESC_F_ERROR;
		} else if (flags & ACQ_DESC_F_ERROR) {
			ch->last_error = EIO;
		}
		/* Constant while the device runs: set only when stopped. */
		if (len < ch->cfg.lines * ch->cfg.line_bytes) {
			flags |= ACQ_DESC_F_TRUNCATED;
			if (!rc->chunk_err && !(flags & ACQ_DESC_F_ERROR))
				ch->last_error = ENODATA;
		}
		if (flags & (ACQ_DESC_F_ERROR | ACQ_DESC_F_TRUNCATED))
			ch->errors++;
		acq_ring_publish(ring, chan, slot, len, flags, ts);
		wake = acq_ring_wake_due(ring);
	}
	rc->seq++;
	raw_spin_unlock_irqrestore(&adev->irq_lock, irqflags);

	if (wake)
		acq_ring_wake(ring);
	else if (slot == ACQ_SLOT_DROP)
		acq_notify_overrun(adev);
	/* The SIGIO baseline: no ring's file but a benchmark's asks. */
	if (unlikely(READ_ONCE(ring->fasync)) && slot != ACQ_SLOT_DROP)
		acq_ring_sigio(ring);
}
EXPORT_SYMBOL_GPL(acq_frame_done);
