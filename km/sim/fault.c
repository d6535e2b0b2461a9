// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's fault injection, as debugfs knobs in the device's directory
 * (netdevsim's habit): what a real card does on a bad day, so that the
 * core's error paths and an application's handling of them can be tested.
 * Each knob may be written at any time, racing a capture, a stop or a
 * removal: the DMA path reads each with one load (or an atomic), takes
 * it with xchg() or atomic_dec_if_positive() so that one fault is
 * injected once, and checks nothing more while none is set. A count
 * (fail_chunks, lose_irqs, raise_spurious) is 0 to INT_MAX; a write of
 * anything else fails with EINVAL.
 *
 *   fail_start	 an errno (say 5, EIO): the next start fails with it,
 *		 and says why to the user who asked; then 0 again
 *   fail_chunks the next N chunks fail: their DMA writes nothing, and
 *		 the backend tells the core -EIO, which delivers their
 *		 frames flagged ACQ_DESC_F_ERROR
 *   fail_device an errno: at the next chunk the device fails for good,
 *		 and the core stops it (acq_dev_fail()); then 0 again
 *   lose_irqs	 the next N interrupts are never raised (a chunk's, or a
 *		 spurious one, see raise_spurious). The chunks'
 *		 DMA completes all the same: acq_sim's engine is queued,
 *		 as a descriptor-ring engine is, and goes on without its
 *		 driver, so the next interrupt's handler finds every chunk
 *		 done since, as it does for a timer that ran late, and the
 *		 frames come whole, in order, and late (their timestamps
 *		 show by how much). No error: no data is missing, and a
 *		 frame is never published before its last chunk is. A
 *		 real driver whose engine stops after each transfer needs a
 *		 watchdog instead, which cannot tell what was written:
 *		 acq_edu's, whose frames come flagged ETIMEDOUT. Each
 *		 lost interrupt holds the clock a chunk's time, 10 us at
 *		 least: a shorter chunk's, N times over, would keep the
 *		 CPU in hard-IRQ callbacks back to back.
 *   late_irq_us the next interrupt comes this many microseconds late
 *		 (a CPU that held interrupts off, say); then 0 again. As
 *		 a lost one, the handler then finds every chunk done
 *		 meanwhile: the frames come whole, in order, in a burst.
 *		 Up to ACQ_SIM_IRQ_BYTES of them: past that the rest is
 *		 never made up. The handler's throttle moves the schedule
 *		 on from where it stopped (the device slips, as one that
 *		 cannot keep up), and the chunks go on at their rate.
 *   raise_spurious the next N interrupts of a running channel come
 *		 with nothing done, each between two chunks; the handler
 *		 reads that in the device's status (ch->spurious, set by
 *		 the handler before), does no chunk, calls none of the
 *		 core's helpers and counts it in spurious_irqs (read-only),
 *		 as a real one that reads an empty status would (and
 *		 returns IRQ_NONE). A chunk that came due meanwhile (a
 *		 tick late) waits for the next interrupt. One lost
 *		 (lose_irqs) comes at the next tick; one that a stop cut
 *		 comes at the next start's first tick: each is counted.
 *		 Raised by the device's own clock, never by the writer:
 *		 an interrupt from anywhere else could run the handler on
 *		 two CPUs at once (an irq_work may run again while it
 *		 runs), which a real interrupt line never does.
 *   truncate_lines K: the next frame begun ends after K lines (1 to the
 *		 frame's lines - 1; any other value changes nothing), as
 *		 a device that lost its frame sync would end it. The
 *		 core delivers it flagged ACQ_DESC_F_TRUNCATED with its
 *		 real length, K lines of the pattern; then 0 again
 *   vanish	 1: the device falls off the bus in the middle of its next
 *		 frame, after a chunk that was not the frame's last: no
 *		 DMA and no interrupt again, on any channel, and a start
 *		 fails with ENODEV. As with a surprise removal, the driver
 *		 is not told; its removal (del_device) follows, and the
 *		 partial frames are never published. A frame of one
 *		 chunk has no middle: the knob waits for a frame of more,
 *		 after a later chan set if need be. Only the DMA engine
 *		 vanishes: the windows stay lent, and window_chaos_ms goes
 *		 on revoking and restoring them. Each channel's handler
 *		 reads gone before each chunk and before it publishes a
 *		 frame, not under a lock: a handler of another channel, on
 *		 another CPU, may finish the chunk it began as the device
 *		 vanished, so "no DMA" holds from each channel's next
 *		 chunk.
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/netlink.h>

#include "acq_sim.h"

/* A knob's errno: the kernel's own codes (ERESTARTSYS and up) never
 * reach users.
 */
static int acq_sim_fault_errno(u32 err)
{
	return err < ERESTARTSYS ? -(int)err : -EIO;
}

int acq_sim_fault_start(struct acq_sim_dev *sdev,
			struct netlink_ext_ack *extack)
{
	u32 err;

	if (READ_ONCE(sdev->gone)) {
		NL_SET_ERR_MSG_MOD(extack, "the device vanished: remove it");
		return -ENODEV;
	}
	err = xchg(&sdev->fail_start, 0);
	if (!err)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "start failed by fault injection");
	return acq_sim_fault_errno(err);
}

/* At each chunk, from the interrupt handler: cheap when nothing is set. */
int acq_sim_fault_chunk(struct acq_sim_dev *sdev)
{
	u32 err;

	if (unlikely(READ_ONCE(sdev->fail_device))) {
		err = xchg(&sdev->fail_device, 0);
		if (err)
			acq_dev_fail(sdev->adev, acq_sim_fault_errno(err));
	}
	return atomic_dec_if_positive(&sdev->fail_chunks) >= 0 ? -EIO : 0;
}

/*
 * The shortest a lost interrupt holds the clock: a chunk can be as short
 * as 20 ns, and a clock set again that soon, lose_irqs times over (up to
 * INT_MAX), would run hard-IRQ callbacks back to back; the handler's own
 * throttle is not on this path.
 */
#define ACQ_SIM_LOST_IRQ_MIN_NS	(10 * NSEC_PER_USEC)

/*
 * In the device's clock (a hard hrtimer's callback), when
 * acq_sim_fault_irq_armed(): true if this tick's interrupt is lost or
 * late, and @timer set again for when the next one is raised: the next
 * chunk's completion (@chunk_ns on, 10 us at least), or the late one's
 * time.
 */
bool acq_sim_fault_irq(struct acq_sim_dev *sdev, struct hrtimer *timer,
		       u64 chunk_ns)
{
	u64 us = xchg(&sdev->late_irq_us, 0);

	if (us) {
		hrtimer_forward_now(timer, ns_to_ktime(us * NSEC_PER_USEC));
		return true;
	}
	if (atomic_dec_if_positive(&sdev->lose_irqs) < 0)
		return false;
	hrtimer_forward_now(timer,
			    ns_to_ktime(max_t(u64, chunk_ns,
					      ACQ_SIM_LOST_IRQ_MIN_NS)));
	return true;
}

/*
 * At the end of an interrupt that did a chunk: when the clock raises the
 * next interrupt of @ch, @next, when the next chunk is due, or halfway
 * there for a spurious one, marked so (ch->spurious): however late that
 * tick comes, its handler does nothing but count it, and the chunks due
 * by then wait for the next tick. So each one taken from raise_spurious
 * is counted once, exactly; at most one between two chunks.
 */
ktime_t acq_sim_fault_spurious(struct acq_sim_chan *ch, ktime_t now,
			       ktime_t next)
{
	struct acq_sim_dev *sdev = ch->sdev;

	if (likely(!atomic_read(&sdev->raise_spurious)) ||
	    !ktime_after(next, now) ||
	    atomic_dec_if_positive(&sdev->raise_spurious) < 0)
		return next;
	ch->spurious = true;
	return ktime_add_ns(now, ktime_to_ns(ktime_sub(next, now)) / 2);
}

/* At a frame's first chunk: how many of its @lines the device sends. */
u32 acq_sim_fault_frame_lines(struct acq_sim_dev *sdev, u32 lines)
{
	u32 k;

	if (likely(!READ_ONCE(sdev->truncate_lines)))
		return lines;
	k = xchg(&sdev->truncate_lines, 0);
	return k && k < lines ? k : lines;
}

/* After a chunk of @ch's frame: the device vanishes if asked, mid-frame. */
void acq_sim_fault_vanish(struct acq_sim_chan *ch)
{
	struct acq_sim_dev *sdev = ch->sdev;

	if (likely(!READ_ONCE(sdev->vanish)) || !ch->line ||
	    !xchg(&sdev->vanish, 0))
		return;
	/* Read by every channel's clock and handler: they stop. */
	WRITE_ONCE(sdev->gone, true);
}

/*
 * A count (fail_chunks, lose_irqs, raise_spurious): 0 to INT_MAX, or
 * EINVAL. debugfs's own atomic_t file takes a negative count ("-5"), or
 * one past INT_MAX wrapped negative, which the DMA path never consumes
 * and keeps seeing armed: acq_sim_fault_irq_armed() true at every tick.
 */
static int acq_sim_fault_count_get(void *data, u64 *val)
{
	atomic_t *count = data;

	*val = atomic_read(count);
	return 0;
}

static int acq_sim_fault_count_set(void *data, u64 val)
{
	atomic_t *count = data;

	if (val > INT_MAX)
		return -EINVAL;
	atomic_set(count, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(acq_sim_fault_count_fops, acq_sim_fault_count_get,
			 acq_sim_fault_count_set, "%llu\n");

void acq_sim_fault_debugfs_add(struct acq_sim_dev *sdev)
{
	debugfs_create_u32("fail_start", 0600, sdev->debugfs,
			   &sdev->fail_start);
	debugfs_create_file_unsafe("fail_chunks", 0600, sdev->debugfs,
				   &sdev->fail_chunks,
				   &acq_sim_fault_count_fops);
	debugfs_create_u32("fail_device", 0600, sdev->debugfs,
			   &sdev->fail_device);
	debugfs_create_file_unsafe("lose_irqs", 0600, sdev->debugfs,
				   &sdev->lose_irqs, &acq_sim_fault_count_fops);
	debugfs_create_u32("late_irq_us", 0600, sdev->debugfs,
			   &sdev->late_irq_us);
	debugfs_create_file_unsafe("raise_spurious", 0600, sdev->debugfs,
				   &sdev->raise_spurious,
				   &acq_sim_fault_count_fops);
	debugfs_create_atomic_t("spurious_irqs", 0400, sdev->debugfs,
				&sdev->spurious_irqs);
	debugfs_create_u32("truncate_lines", 0600, sdev->debugfs,
			   &sdev->truncate_lines);
	debugfs_create_u32("vanish", 0600, sdev->debugfs, &sdev->vanish);
}
