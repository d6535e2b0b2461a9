// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's DMA engine. Each started channel produces lines at its line
 * rate and "transfers" them lines_per_chunk at a time; each transfer ends
 * in an interrupt, whose handler calls the core's frame helpers exactly as
 * a real card's would: begin a frame at its first chunk, chunk done after
 * each, frame done after the last. The core publishes the frame from this
 * hard-IRQ context.
 *
 * The device's clock is a hard hrtimer, which only raises the interrupt:
 * an irq_work. A hard hrtimer's callback runs in a raw context, where the
 * spinlock_t of an eventfd, a wait queue or DMA API debugging must not be
 * taken (they sleep on PREEMPT_RT; lockdep's raw lock nesting check says
 * so). An irq_work runs in hard IRQ context too, but as a request_irq()
 * handler does: force-threadable, so those locks are allowed.
 *
 * Except on PREEMPT_RT, where such an irq_work runs in irq_work's per-CPU
 * thread at SCHED_FIFO 1, not at a threaded handler's SCHED_FIFO 50: any
 * real-time task on the CPU would hold back the device's frames. There the
 * handler runs in hard IRQ context, as one requested with IRQF_NO_THREAD:
 * the frame helpers need nothing but raw spinlocks and irq_work then, and
 * hand the consumer's wake-up to the device's wake worker (see
 * acq_ring_wake()), and our DMA syncs take no lock. Not with DMA API
 * debugging, whose syncs take a spinlock_t: there the handler stays an
 * irq_work's thread (Debian's PREEMPT_RT kernel has none). In hard IRQ
 * context the handler fills up to ACQ_SIM_IRQ_BYTES of payload with
 * preemption off, a latency no real card's handler would add: a
 * simulator's licence.
 */
#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/math64.h>

#include "acq_sim.h"
#include "compat.h"

/* At most this much payload per interrupt, when the timer runs late. */
#define ACQ_SIM_IRQ_BYTES	(256 * 1024)

static u64 acq_sim_lines_ns(const struct acq_sim_chan *ch, u32 lines)
{
	return div_u64((u64)lines * NSEC_PER_SEC, ch->cfg.line_rate);
}

/* One DMA transaction; returns the lines it carried. */
static u32 acq_sim_chunk(struct acq_sim_chan *ch)
{
	const struct acq_chan_config *cfg = &ch->cfg;
	struct acq_dev *adev = ch->sdev->adev;
	u32 n;
	int err;

	/* No slot (-ENOBUFS): the frame is dropped, nothing is written. */
	if (!ch->line) {
		acq_frame_begin(adev, ch->id, &ch->frame);
		ch->tag = acq_sim_frame_tag(ch->sdev, ch->id);
		ch->end = acq_sim_fault_frame_lines(ch->sdev, cfg->lines);
	}
	n = min(cfg->lines_per_chunk, ch->end - ch->line);
	/* A failed chunk writes nothing: its frame holds what was there. */
	err = acq_sim_fault_chunk(ch->sdev);
	if (ch->frame.vaddr && !err)
		acq_sim_payload_fill(ch, ch->line, n);
	acq_chunk_done(adev, ch->id, err);
	ch->line += n;
	/*
	 * Shorter than configured: the core flags it truncated. Not if the
	 * device vanished meanwhile (by another channel's chunk, on another
	 * CPU): a device off the bus publishes nothing more.
	 */
	if (ch->line == ch->end && likely(!READ_ONCE(ch->sdev->gone))) {
		acq_frame_done(adev, ch->id, ch->end * cfg->line_bytes, 0);
		ch->line = 0;
	}
	acq_sim_fault_vanish(ch);
	return n;
}

/* The device's clock: a chunk is due, raise the interrupt. */
static enum hrtimer_restart acq_sim_tick(struct hrtimer *timer)
{
	struct acq_sim_chan *ch = container_of(timer, struct acq_sim_chan,
					       timer);
	struct acq_sim_dev *sdev = ch->sdev;

	if (!READ_ONCE(ch->active) || READ_ONCE(sdev->gone))
		return HRTIMER_NORESTART;
	/*
	 * A lost or late interrupt: the clock goes on, and the handler
	 * runs at the next tick. Only the clock queues the interrupt, and
	 * only once the handler set it again, so the handler never runs
	 * on two CPUs at once.
	 */
	if (unlikely(acq_sim_fault_irq_armed(sdev)) &&
	    acq_sim_fault_irq(sdev, timer,
			      acq_sim_lines_ns(ch, ch->cfg.lines_per_chunk)))
		return HRTIMER_RESTART;
	irq_work_queue(&ch->irq);
	return HRTIMER_NORESTART;
}

/* The interrupt handler: every chunk done by now, then the next due. */
static void acq_sim_irq(struct irq_work *irq)
{
	struct acq_sim_chan *ch = container_of(irq, struct acq_sim_chan, irq);
	struct acq_sim_dev *sdev = ch->sdev;
	ktime_t start = ktime_get(), end, took, next;
	u32 bytes = 0, n;

	/*
	 * In hard IRQ context (or in a CPU's last flush as it goes
	 * offline): as a request_irq() handler, not forced threaded.
	 */
	if (!READ_ONCE(ch->active))
		return;

	/*
	 * A spurious interrupt (raise_spurious), as the status a real
	 * handler reads says: nothing for the core, whose helpers take no
	 * call outside a frame; a chunk due by now waits for the next tick.
	 * Else every chunk due by now, as a device that queued them would:
	 * the interrupts lost or late meanwhile are covered, up to
	 * ACQ_SIM_IRQ_BYTES; past that the schedule slips (below), and what
	 * was due is never made up.
	 */
	if (unlikely(ch->spurious)) {
		ch->spurious = false;
		atomic_inc(&sdev->spurious_irqs);
	} else {
		while (!ktime_after(ch->next, start) &&
		       bytes < ACQ_SIM_IRQ_BYTES && !READ_ONCE(sdev->gone)) {
			n = acq_sim_chunk(ch);
			bytes += n * ch->cfg.line_bytes;
			ch->next = ktime_add_ns(ch->next,
						acq_sim_lines_ns(ch, n));
		}
	}
	/* Vanished: its partial frame stays unpublished, the clock stops. */
	if (unlikely(READ_ONCE(sdev->gone)))
		return;

	/*
	 * A rate the CPU cannot produce must not keep it in interrupt
	 * context: leave at least as long as this interrupt took before the
	 * next, and let the schedule slip.
	 */
	end = ktime_get();
	took = ktime_sub(end, start);
	if (ktime_before(ch->next, ktime_add(end, took)))
		ch->next = ktime_add(end, took);
	/* Before the re-arm: the next handler may run on another CPU. */
	WRITE_ONCE(ch->irq_ns, ch->irq_ns + ktime_to_ns(took));
	next = ch->next;
	if (bytes)
		next = acq_sim_fault_spurious(ch, end, next);
	hrtimer_start(&ch->timer, next, HRTIMER_MODE_ABS_HARD);
}

void acq_sim_dma_init(struct acq_sim_dev *sdev)
{
	struct acq_sim_chan *ch;
	unsigned int i;

	for (i = 0; i < sdev->nr_channels; i++) {
		ch = &sdev->chans[i];
		ch->sdev = sdev;
		ch->id = i;
		acq_hrtimer_setup(&ch->timer, acq_sim_tick, CLOCK_MONOTONIC,
				  HRTIMER_MODE_ABS_HARD);
		if (IS_ENABLED(CONFIG_PREEMPT_RT) &&
		    !IS_ENABLED(CONFIG_DMA_API_DEBUG))
			ch->irq = IRQ_WORK_INIT_HARD(acq_sim_irq);
		else
			init_irq_work(&ch->irq, acq_sim_irq);
	}
}

int acq_sim_dma_start(struct acq_dev *adev, struct netlink_ext_ack *extack)
{
	struct acq_sim_dev *sdev = acq_dev_priv(adev);
	/* Once for all channels: a write meanwhile is for the next start. */
	enum acq_sim_payload payload = READ_ONCE(sdev->payload);
	ktime_t now = ktime_get();
	struct acq_sim_chan *ch;
	unsigned int i;
	int err;

	err = acq_sim_fault_start(sdev, extack);
	if (err)
		return err;

	for (i = 0; i < sdev->nr_channels; i++) {
		ch = &sdev->chans[i];
		ch->cfg = *acq_chan_get_config(adev, i);
		if (!ch->cfg.enabled)
			continue;
		ch->payload = payload;
		ch->line = 0;
		ch->next = ktime_add_ns(now,
					acq_sim_lines_ns(ch, ch->cfg.lines_per_chunk));
		WRITE_ONCE(ch->active, true);
		hrtimer_start(&ch->timer, ch->next, HRTIMER_MODE_ABS_HARD);
	}
	return 0;
}

void acq_sim_dma_stop(struct acq_dev *adev)
{
	struct acq_sim_dev *sdev = acq_dev_priv(adev);
	struct acq_sim_chan *ch;
	unsigned int i;

	for (i = 0; i < sdev->nr_channels; i++) {
		ch = &sdev->chans[i];
		if (!ch->active)
			continue;
		/*
		 * Neither the clock nor the handler starts anything once
		 * they see this. A tick that had not seen it yet may have
		 * raised the interrupt, and a handler that had not may have
		 * set the clock again: cancel, wait for the handler, and
		 * again while either is still pending, which ends once both
		 * see it. After that nothing runs and nothing is due.
		 */
		WRITE_ONCE(ch->active, false);
		do {
			hrtimer_cancel(&ch->timer);
			irq_work_sync(&ch->irq);
		} while (hrtimer_active(&ch->timer) ||
			 irq_work_is_pending(&ch->irq));
	}
}

/*
 * debugfs irq_ns: the time the device's interrupt handlers took, all its
 * channels, since it was made. It is where the device's "DMA" (the
 * payload's fill) and the core's publishing of frames run, in hard IRQ
 * context: a kernel without CONFIG_IRQ_TIME_ACCOUNTING (Debian's) charges
 * that time to whatever the CPU was interrupted in, often idle, so that
 * /proc/stat does not show it.
 */
static int acq_sim_irq_ns_get(void *data, u64 *val)
{
	struct acq_sim_dev *sdev = data;
	unsigned int i;

	*val = 0;
	for (i = 0; i < sdev->nr_channels; i++)
		*val += READ_ONCE(sdev->chans[i].irq_ns);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(acq_sim_irq_ns_fops, acq_sim_irq_ns_get, NULL,
			 "%llu\n");

void acq_sim_dma_debugfs_add(struct acq_sim_dev *sdev)
{
	debugfs_create_file_unsafe("irq_ns", 0400, sdev->debugfs, sdev,
				   &acq_sim_irq_ns_fops);
}
