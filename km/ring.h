/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel side of a frame ring (uapi/linux/acq_ring.h): the ring itself
 * (ring.c), what its memory is charged to (ring-account.c), and its
 * producer, the frame helpers (producer.c).
 */
#ifndef _ACQ_RING_INT_H
#define _ACQ_RING_INT_H

#include <linux/build_bug.h>
#include <linux/eventfd.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/kref.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <net/netlink.h>
#include <uapi/linux/acq.h>
#include <uapi/linux/acq_ring.h>

/* Every channel has its drop counter in the header. */
static_assert(ACQ_MAX_CHANNELS <= ACQ_RING_MAX_CHANNELS);

/* acq_ring_chan.inflight when the channel fills no slot */
#define ACQ_SLOT_IDLE	U32_MAX		/* no frame begun */
#define ACQ_SLOT_DROP	(U32_MAX - 1)	/* a frame begun with no free slot */

struct acq_ring_slot {
	struct page *page;
	void *vaddr;
	dma_addr_t dma;
};

/* What a ring's pages are charged to (ring-account.c). */
struct acq_ring_account {
	struct user_struct *user;	/* RLIMIT_MEMLOCK's; NULL: not charged */
	unsigned long pages;		/* charged and not yet given back */
};

/* A channel's producer state, under the device's irq_lock. */
struct acq_ring_chan {
	u32 inflight;		/* the slot being filled, or ACQ_SLOT_* */
	u32 seq;		/* of the frame being filled */
	u32 lost;		/* frames dropped since the last delivered */
	int chunk_err;		/* the first a chunk of the frame reported */
	u64 dropped;		/* since the ring was attached */
};

/* When the consumer is woken: ring-attach's wake-frames and wake-usecs. */
struct acq_ring_wake {
	u32 frames;	/* once this many wait unread */
	u32 usecs;	/* or this long after the first of them came */
	bool need_wakeup;	/* and only if wake_flags asks for it */
};

/*
 * One device's ring. The attachment holds a reference and so does every
 * mapping: the header and descriptors live until the last is gone. The
 * frames belong to the device's DMA device and are freed when the ring is
 * detached, after every mapping of them is zapped; the mappings then
 * read zeros there (the zero page) until they go.
 */
struct acq_ring {
	struct kref ref;

	/* Geometry: the kernel's own copy, never read back from user space. */
	u32 desc_count;
	u32 mask;
	u32 slot_size;
	u32 nr_channels;
	size_t meta_size;	/* header and descriptors: buf_offset */
	u64 buf_size;
	void *meta;		/* vmalloc'd */
	struct acq_ring_header *hdr;
	struct acq_ring_desc *desc;

	/* Producer state, under the device's irq_lock. */
	u32 prod;		/* our producer index */
	u32 cons;		/* reclaimed up to here: at most cons_seen */
	u32 cons_seen;		/* the last valid consumer index we read */
	u32 flags;		/* ACQ_RING_F_* */
	u64 protocol_errors;
	u32 *slot_of;		/* descriptor index -> its frame's slot */
	u32 *free_slots;	/* a stack of nr_free slot numbers */
	u32 nr_free;

	/* Wake-ups: the consumer's eventfd and the device's poll queue. */
	struct acq_ring_wake wake;	/* when: constant once attached */
	struct eventfd_ctx *efd;
	wait_queue_head_t *wq;
	/* On PREEMPT_RT, where a caller that cannot sleep wakes: see ring.c. */
	struct kthread_worker *wake_worker;	/* the device's */
	struct kthread_work wake_work;
	atomic_t wakes_deferred;	/* asked for, not yet given */
	atomic_t sigios_deferred;	/* the same, for SIGIOs */
	/*
	 * wake.usecs after a frame that woke no one: armed under irq_lock,
	 * at most once at a time (wake_timer_armed), and its callback takes
	 * irq_lock too; cancelled when the device stops and at a detach.
	 */
	struct hrtimer wake_timer;
	bool wake_timer_armed;
	raw_spinlock_t *irq_lock;	/* the device's */

	/*
	 * The frames; map_lock orders faults against their teardown: a
	 * fault maps a slot's pages while !frames_gone, the zero page after.
	 */
	struct mutex map_lock;
	bool frames_gone;
	struct device *dma_dev;
	struct address_space *mapping;	/* the device's: see chardev.c */
	struct acq_ring_slot *slots;

	/* The kernel as the consumer, for the baselines: baseline-copy.c. */
	struct mutex consume_lock;
	/* The SIGIO baseline's: the owner's entry, or none (baseline-sigio.c). */
	struct fasync_struct *fasync;

	struct acq_ring_account account;

	struct acq_ring_chan chan[];
};

struct acq_ring *acq_ring_create(struct device *dma_dev,
				 unsigned int nr_channels, u32 desc_count,
				 u32 slot_size, bool memlock_exempt,
				 struct netlink_ext_ack *extack);
void acq_ring_put(struct acq_ring *ring);
void acq_ring_free_frames(struct acq_ring *ring);
int acq_ring_mmap(struct acq_ring *ring, struct vm_area_struct *vma);
u64 acq_ring_map_size(const struct acq_ring *ring);
u64 acq_ring_max_bytes(void);
void acq_ring_mem_show(struct seq_file *m);

/* ring-account.c */
int acq_ring_charge(struct acq_ring_account *c, unsigned long pages,
		    bool exempt, struct netlink_ext_ack *extack);
void acq_ring_uncharge(struct acq_ring_account *c, unsigned long pages);
void acq_ring_account_show(struct seq_file *m);

/* The caller holds the device's irq_lock. */
void acq_ring_stop(struct acq_ring *ring);
void acq_ring_set_flags(struct acq_ring *ring, u32 set, u32 clear);
void acq_ring_set_windows(struct acq_ring *ring, u32 revoked, u32 seq);

/*
 * Whether @cons, a consumer index read from the header, is one the
 * consumer may have written: between the last valid one we read and our
 * producer index. Under the device's irq_lock.
 */
static inline bool acq_ring_cons_valid(const struct acq_ring *ring, u32 cons)
{
	return cons - ring->cons_seen <= ring->prod - ring->cons_seen;
}

/*
 * How many descriptors wait for the consumer, under the device's
 * irq_lock; a bad index counts as none read. Once, and no slot changes
 * hands on it: a hint for poll() and the wake-up threshold, where a stale
 * index only overstates the count.
 */
static inline u32 acq_ring_waiting(struct acq_ring *ring)
{
	u32 cons = READ_ONCE(ring->hdr->consumer);

	if (!acq_ring_cons_valid(ring, cons))
		cons = ring->cons_seen;
	return ring->prod - cons;
}

/* Without the lock, from any context. */
void acq_ring_wake(struct acq_ring *ring);
/* The same, for the SIGIO baseline: the owner's signal for a frame. */
void acq_ring_sigio(struct acq_ring *ring);
/* In process context: a wake-up acq_ring_wake() deferred is done. */
void acq_ring_wake_sync(struct acq_ring *ring);
struct kthread_worker *acq_ring_wake_worker_create(u32 dev_id);
void acq_ring_wake_worker_destroy(struct kthread_worker *worker);
/*
 * Under the device's irq_lock, a frame just published: whether to wake
 * the consumer now (wake.frames wait and, in need-wakeup mode, it asked
 * to be); if not, the timer may, wake.usecs after the first frame that
 * woke no one.
 */
bool acq_ring_wake_due(struct acq_ring *ring);
/*
 * Under the device's irq_lock, a frame about to be dropped for want of a
 * free slot: whether to wake the consumer now, whatever wake.frames says.
 */
bool acq_ring_wake_full(struct acq_ring *ring);
/* In process context, once the device is stopped. */
void acq_ring_wake_timer_cancel(struct acq_ring *ring);
/* Before the ring is attached: when to wake its consumer. */
void acq_ring_set_wake(struct acq_ring *ring, const struct acq_ring_wake *wake);

#endif /* _ACQ_RING_INT_H */
