// SPDX-License-Identifier: GPL-2.0
/*
 * A frame ring: its memory, its mappings into the consumer, the state the
 * core tells it in the header (stopped, detached, the windows revoked),
 * and the consumer's wake-ups. Its producer is producer.c's frame helpers.
 *
 * The header and descriptors are the core's (vmalloc), written by the CPU
 * only. The frames are DMA memory of the backend's device, one physically
 * contiguous buffer per slot so that a device without an IOMMU can DMA a
 * whole frame to one address. Both are mapped by the fault handler, as PFN
 * mappings, a whole slot (or all of the descriptors) at a fault: the
 * frames' pages are not refcounted, so they are freed only after every
 * mapping of them is zapped (acq_ring_free_frames()).
 *
 * A mapping outlives the frames (a detach, the device's removal): from
 * then on every fault in the frame region maps the zero page, read-only
 * as the region always is, so a consumer still reading a frame reads
 * zeros and goes on, never SIGBUS (signal handlers are its process's, not
 * a library's to own). The header, whose DETACHED and DEV_GONE were
 * raised before the frames went, tells it not to trust what it read.
 *
 * A user causes all of it: every allocation is charged to its memory
 * cgroup, and the pages to its RLIMIT_MEMLOCK and the module's ceiling
 * (ring-account.c), given back as the frames and then the header go.
 */
#include <linux/dma-mapping.h>
#include <linux/hardirq.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "baseline.h"
#include "compat.h"
#include "ring.h"

/*
 * Memory a user asks for: charged to its memory cgroup (__GFP_ACCOUNT), and
 * refused rather than paid for by the OOM killer. __GFP_RETRY_MAYFAIL also
 * makes a charge over the cgroup's memory.max fail, after reclaim, instead
 * of killing a task of the cgroup.
 */
#define ACQ_RING_GFP	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/* What rings hold, for tests to see memory come back: debugfs acq/memory. */
static atomic_long_t acq_ring_count = ATOMIC_LONG_INIT(0);
static atomic_long_t acq_ring_bytes = ATOMIC_LONG_INIT(0);

void acq_ring_mem_show(struct seq_file *m)
{
	seq_printf(m, "rings %ld\nbytes %ld\n",
		   atomic_long_read(&acq_ring_count),
		   atomic_long_read(&acq_ring_bytes));
	acq_ring_account_show(m);
}

/* The most a ring may hold: 1 GiB, and never half of the memory. */
u64 acq_ring_max_bytes(void)
{
	return min_t(u64, SZ_1G, (u64)totalram_pages() << (PAGE_SHIFT - 1));
}

u64 acq_ring_map_size(const struct acq_ring *ring)
{
	return ring->meta_size + ring->buf_size;
}

static int acq_ring_alloc_frames(struct acq_ring *ring)
{
	struct acq_ring_slot *slot;
	u32 i;

	ring->slots = kvcalloc(ring->desc_count, sizeof(*ring->slots),
			       ACQ_RING_GFP);
	if (!ring->slots)
		return -ENOMEM;
	for (i = 0; i < ring->desc_count; i++) {
		/*
		 * Up to 1 GiB allocated and zeroed: a killed attacher stops
		 * here (a removal of the device waits for this attach),
		 * and others get the CPU meanwhile.
		 */
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		slot = &ring->slots[i];
		/*
		 * dma-direct and dma-iommu hand the gfp to alloc_pages_node(),
		 * which charges the memory cgroup for __GFP_ACCOUNT; the free
		 * in dma_free_pages() uncharges. Pages taken from a CMA area
		 * or a restricted DMA pool are not charged to the cgroup (no
		 * Debian kernel has either for acq's devices): they still
		 * count under RLIMIT_MEMLOCK and the ceiling.
		 */
		slot->page = dma_alloc_pages(ring->dma_dev, ring->slot_size,
					     &slot->dma, DMA_FROM_DEVICE,
					     ACQ_RING_GFP);
		if (!slot->page)
			return -ENOMEM;
		slot->vaddr = page_address(slot->page);
		/* The consumer may read a slot before any frame is in it. */
		memset(slot->vaddr, 0, ring->slot_size);
		dma_sync_single_for_device(ring->dma_dev, slot->dma,
					   ring->slot_size, DMA_FROM_DEVICE);
		atomic_long_add(ring->slot_size, &acq_ring_bytes);
		/* A stack: slot 0 is taken first. */
		ring->free_slots[ring->desc_count - 1 - i] = i;
	}
	ring->nr_free = ring->desc_count;
	return 0;
}

/**
 * acq_ring_free_frames - take the frames back from user space and free them
 * @ring: the ring, of a stopped device; if mapped, its header says
 *	DETACHED already
 *
 * Later faults on the frame region, in mappings made before or after,
 * map the zero page; the header and the descriptors stay mapped.
 * Idempotent.
 */
void acq_ring_free_frames(struct acq_ring *ring)
{
	struct acq_ring_slot *slot;
	u32 i;

	mutex_lock(&ring->map_lock);
	if (ring->frames_gone) {
		mutex_unlock(&ring->map_lock);
		return;
	}
	ring->frames_gone = true;
	mutex_unlock(&ring->map_lock);

	/*
	 * No fault maps a frame any more: they look at frames_gone under
	 * map_lock, and one that saw it false has inserted its page before
	 * we took the lock. Zap those pages, in every process; a fault after
	 * the zap finds the zero page. The DMA pages go only once no page
	 * table (nor TLB: the zap flushes) points at them.
	 */
	if (ring->mapping)
		unmap_mapping_range(ring->mapping, ring->meta_size,
				    ring->buf_size, 1);

	for (i = 0; ring->slots && i < ring->desc_count; i++) {
		slot = &ring->slots[i];
		if (!slot->page)
			break;
		dma_free_pages(ring->dma_dev, ring->slot_size, slot->page,
			       slot->dma, DMA_FROM_DEVICE);
		atomic_long_sub(ring->slot_size, &acq_ring_bytes);
		cond_resched();
	}
	kvfree(ring->slots);
	ring->slots = NULL;
	/* The producer's tables: no producer comes back to a stopped ring. */
	kvfree(ring->slot_of);
	ring->slot_of = NULL;
	kvfree(ring->free_slots);
	ring->free_slots = NULL;
	ring->dma_dev = NULL;
	acq_ring_uncharge(&ring->account, ring->buf_size >> PAGE_SHIFT);
}

static void acq_ring_release(struct kref *ref)
{
	struct acq_ring *ring = container_of(ref, struct acq_ring, ref);

	acq_ring_free_frames(ring);
	/*
	 * No deferred wake-up is pending: the detach waited for the last
	 * (acq_ring_wake_sync()), and the device's wake worker may be gone.
	 */
	hrtimer_cancel(&ring->wake_timer);
	if (ring->efd)
		eventfd_ctx_put(ring->efd);
	if (ring->meta) {
		vfree(ring->meta);
		atomic_long_sub(ring->meta_size, &acq_ring_bytes);
	}
	acq_ring_uncharge(&ring->account, ring->meta_size >> PAGE_SHIFT);
	kfree(ring);
	atomic_long_dec(&acq_ring_count);
}

void acq_ring_put(struct acq_ring *ring)
{
	kref_put(&ring->ref, acq_ring_release);
}

static void acq_ring_signal(struct acq_ring *ring)
{
	if (ring->efd)
		acq_eventfd_signal(ring->efd);
	/*
	 * No queue lock for a poll() nobody is in: a consumer busy with its
	 * frames, or waiting on its eventfd (libacqctl waits on the handle).
	 * Safe because whatever poll() reports (a frame, a stop, a detach)
	 * changes under irq_lock before this runs, and the poller queues
	 * itself (poll_wait()) before it looks under irq_lock:
	 * a poller that found nothing was queued before our look, by that
	 * lock's ordering. A state poll() reports that changed without
	 * irq_lock would break this.
	 */
	if (wq_has_sleeper(ring->wq))
		wake_up_interruptible_poll(ring->wq, EPOLLIN | EPOLLRDNORM);
}

/*
 * One signal per wake-up asked for, as a wake-up from the caller gives: a
 * consumer may count them (its eventfd's value), and a work queued while
 * pending runs once.
 */
static void acq_ring_wake_work(struct kthread_work *work)
{
	struct acq_ring *ring = container_of(work, struct acq_ring, wake_work);
	int n = atomic_xchg(&ring->wakes_deferred, 0);

	while (n-- > 0)
		acq_ring_signal(ring);
	/* A real-time signal (F_SETSIG) is queued per frame, as unthreaded. */
	n = atomic_xchg(&ring->sigios_deferred, 0);
	while (n-- > 0)
		acq_baseline_sigio_send(ring);
}

/* True if the caller cannot sleep, and the wake worker will count @n. */
static bool acq_ring_defer(struct acq_ring *ring, atomic_t *n)
{
	if (!IS_ENABLED(CONFIG_PREEMPT_RT) || preemptible())
		return false;
	/* Seen by the work: its worker's lock orders the two. */
	atomic_inc(n);
	kthread_queue_work(ring->wake_worker, &ring->wake_work);
	return true;
}

/*
 * Wake the consumer. The eventfd's and the wait queue's locks are
 * spinlock_t, which sleep on PREEMPT_RT: there a caller that cannot sleep
 * (a hard IRQ handler, a hard timer, a raw spinlock's holder) hands the
 * wake-up to its device's wake worker, a kthread at SCHED_FIFO 50 as a
 * threaded interrupt handler is: the consumer is woken at a priority the
 * deployment sets (chrt on "acq-wake/N"), not below every real-time task.
 * Not irq_work: on PREEMPT_RT it runs in a per-CPU thread at SCHED_FIFO 1,
 * where any real-time task on that CPU would hold back the wake-up of a
 * consumer of any priority (an inversion). Nor IRQ_WORK_INIT_HARD: hard
 * IRQ context must not take spinlock_t there. kthread_queue_work() takes
 * only the worker's raw spinlock. Other kernels wake from the caller.
 */
void acq_ring_wake(struct acq_ring *ring)
{
	if (!acq_ring_defer(ring, &ring->wakes_deferred))
		acq_ring_signal(ring);
}

/* kill_fasync()'s rwlocks sleep on PREEMPT_RT too: the same worker. */
void acq_ring_sigio(struct acq_ring *ring)
{
	if (!acq_ring_defer(ring, &ring->sigios_deferred))
		acq_baseline_sigio_send(ring);
}

void acq_ring_wake_sync(struct acq_ring *ring)
{
	kthread_flush_work(&ring->wake_work);
}

/* PREEMPT_RT's only: elsewhere NULL, and no thread. */
struct kthread_worker *acq_ring_wake_worker_create(u32 dev_id)
{
	struct kthread_worker *worker;

	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		return NULL;
	worker = acq_kthread_run_worker("acq-wake/%u", dev_id);
	if (!IS_ERR(worker))
		sched_set_fifo(worker->task);
	return worker;
}

void acq_ring_wake_worker_destroy(struct kthread_worker *worker)
{
	if (worker)
		kthread_destroy_worker(worker);
}

/*
 * Under irq_lock, frames published: whether the consumer wants a signal
 * for them. Always, but for a ring in need-wakeup mode, whose consumer
 * says so in wake_flags (uapi/linux/acq_ring.h): any value of it only
 * makes us signal it or not.
 */
static bool acq_ring_consumer_sleeps(struct acq_ring *ring)
{
	if (!ring->wake.need_wakeup)
		return true;
	/*
	 * Full barrier: orders our store-release of the producer index
	 * (acq_ring_publish(); in the timer's callback, the one irq_lock
	 * hands over) before our load of wake_flags. Pairs with the
	 * consumer's full fence between its store of ACQ_RING_WAKE_NEEDED
	 * and its load of the producer index (acq_ring_wait() in
	 * libacqctl): either it sees our frames and does not sleep, or we
	 * see its flag and signal it. A store then a load on each side:
	 * release and acquire would not order them.
	 */
	smp_mb();
	return READ_ONCE(ring->hdr->wake_flags) & ACQ_RING_WAKE_NEEDED;
}

/*
 * The time bound of a wake-frames threshold: frames that woke no one are
 * woken for wake.usecs after the first of them. A soft timer: its
 * callback wakes through eventfd and wait queue locks, which a hard
 * timer's raw context must not take. Except on PREEMPT_RT, where soft
 * timers expire in ksoftirqd, below every real-time task: there a hard
 * one, whose wake-up acq_ring_wake() hands to the wake worker.
 */
#define ACQ_RING_WAKE_TIMER	(IS_ENABLED(CONFIG_PREEMPT_RT) ?	\
				 HRTIMER_MODE_REL_HARD : HRTIMER_MODE_REL_SOFT)

static enum hrtimer_restart acq_ring_wake_timer_fn(struct hrtimer *timer)
{
	struct acq_ring *ring = container_of(timer, struct acq_ring,
					     wake_timer);
	unsigned long flags;
	bool wake;

	raw_spin_lock_irqsave(ring->irq_lock, flags);
	ring->wake_timer_armed = false;
	wake = acq_ring_waiting(ring) && acq_ring_consumer_sleeps(ring);
	raw_spin_unlock_irqrestore(ring->irq_lock, flags);
	if (wake)
		acq_ring_wake(ring);
	return HRTIMER_NORESTART;
}

bool acq_ring_wake_due(struct acq_ring *ring)
{
	u64 ns = (u64)ring->wake.usecs * NSEC_PER_USEC;

	lockdep_assert_held(ring->irq_lock);
	/* Never late: a stale consumer index only wakes it early. */
	if (acq_ring_waiting(ring) < ring->wake.frames) {
		if (!ring->wake_timer_armed) {
			ring->wake_timer_armed = true;
			hrtimer_start(&ring->wake_timer, ns_to_ktime(ns),
				      ACQ_RING_WAKE_TIMER);
		}
		return false;
	}
	/*
	 * Woken now, for every frame that waits: the bound is met. A
	 * callback already running (-1) disarms itself under our lock.
	 */
	if (ring->wake_timer_armed &&
	    hrtimer_try_to_cancel(&ring->wake_timer) >= 0)
		ring->wake_timer_armed = false;
	return acq_ring_consumer_sleeps(ring);
}

bool acq_ring_wake_full(struct acq_ring *ring)
{
	u32 waiting = acq_ring_waiting(ring);

	lockdep_assert_held(ring->irq_lock);
	/*
	 * Full is no free slot, not desc_count frames waiting: channels
	 * with a frame in flight hold slots too. Only the consumer frees
	 * one, so it is woken now, not at the threshold nor wake.usecs
	 * later. acq_dev_start() bounds wake.frames so that a full ring
	 * has met it at its last publish, which signalled already; this
	 * does not lean on that bound. With none waiting, all are in
	 * flight and their publish decides.
	 */
	if (!waiting || waiting >= ring->wake.frames)
		return false;
	return acq_ring_consumer_sleeps(ring);
}

void acq_ring_set_wake(struct acq_ring *ring, const struct acq_ring_wake *wake)
{
	ring->wake = *wake;
	/* Not attached yet: nobody else sees the ring, no lock needed. */
	if (wake->need_wakeup)
		acq_ring_set_flags(ring, ACQ_RING_F_NEED_WAKEUP, 0);
}

void acq_ring_wake_timer_cancel(struct acq_ring *ring)
{
	hrtimer_cancel(&ring->wake_timer);
	/* No frame helper runs now: armed again only after a start. */
	raw_spin_lock_irq(ring->irq_lock);
	ring->wake_timer_armed = false;
	raw_spin_unlock_irq(ring->irq_lock);
}

static void acq_ring_init_header(struct acq_ring *ring)
{
	struct acq_ring_header *hdr = ring->hdr;

	hdr->magic = ACQ_RING_MAGIC;
	hdr->abi_version = ACQ_RING_ABI_VERSION;
	hdr->header_size = PAGE_SIZE;
	hdr->desc_count = ring->desc_count;
	hdr->desc_size = sizeof(struct acq_ring_desc);
	hdr->nr_channels = ring->nr_channels;
	hdr->desc_offset = PAGE_SIZE;
	hdr->buf_offset = ring->meta_size;
	hdr->buf_size = ring->buf_size;
	hdr->slot_size = ring->slot_size;
	/* Stopped until a start; this kernel tells the windows' state. */
	ring->flags = ACQ_RING_F_STOPPED | ACQ_RING_F_WINDOWS;
	hdr->flags = ring->flags;
}

/**
 * acq_ring_create - allocate a ring
 * @dma_dev: the device that writes the frames
 * @nr_channels: channels whose frames it carries
 * @desc_count: descriptors and slots, a power of two
 * @slot_size: bytes per slot, a multiple of PAGE_SIZE
 * @memlock_exempt: not charged to RLIMIT_MEMLOCK (see acq_ring_charge())
 * @extack: for why it cannot be had
 *
 * In the attaching task, whose user and memory cgroup pay for the ring.
 *
 * Return: the ring with one reference, or an ERR_PTR with @extack set.
 */
struct acq_ring *acq_ring_create(struct device *dma_dev,
				 unsigned int nr_channels, u32 desc_count,
				 u32 slot_size, bool memlock_exempt,
				 struct netlink_ext_ack *extack)
{
	size_t meta_size = PAGE_SIZE +
		PAGE_ALIGN(desc_count * sizeof(struct acq_ring_desc));
	u64 buf_size = (u64)desc_count * slot_size;
	unsigned long pages = (meta_size + buf_size) >> PAGE_SHIFT;
	struct acq_ring *ring;
	unsigned int i;
	int err;

	ring = kzalloc(struct_size(ring, chan, nr_channels), ACQ_RING_GFP);
	if (!ring)
		goto err_nomem;
	atomic_long_inc(&acq_ring_count);
	kref_init(&ring->ref);
	mutex_init(&ring->map_lock);
	mutex_init(&ring->consume_lock);
	kthread_init_work(&ring->wake_work, acq_ring_wake_work);
	acq_hrtimer_setup(&ring->wake_timer, acq_ring_wake_timer_fn,
			  CLOCK_MONOTONIC, ACQ_RING_WAKE_TIMER);
	ring->dma_dev = dma_dev;
	ring->desc_count = desc_count;
	ring->mask = desc_count - 1;
	ring->slot_size = slot_size;
	ring->nr_channels = nr_channels;
	ring->meta_size = meta_size;
	ring->buf_size = buf_size;
	for (i = 0; i < nr_channels; i++)
		ring->chan[i].inflight = ACQ_SLOT_IDLE;

	/* A limit refuses the ring before anything big is allocated. */
	err = acq_ring_charge(&ring->account, pages, memlock_exempt, extack);
	if (err) {
		acq_ring_put(ring);
		return ERR_PTR(err);
	}

	/*
	 * Mapped by the fault handler through vmalloc_to_pfn(), never by
	 * remap_vmalloc_range(): vmalloc_user()'s VM_USERMAP is not needed,
	 * and it takes no gfp to charge the memory cgroup with.
	 */
	ring->meta = __vmalloc(meta_size, ACQ_RING_GFP | __GFP_ZERO);
	if (!ring->meta)
		goto err_put;
	atomic_long_add(meta_size, &acq_ring_bytes);
	ring->hdr = ring->meta;
	ring->desc = ring->meta + PAGE_SIZE;
	ring->slot_of = kvcalloc(desc_count, sizeof(u32), ACQ_RING_GFP);
	ring->free_slots = kvcalloc(desc_count, sizeof(u32), ACQ_RING_GFP);
	if (!ring->slot_of || !ring->free_slots)
		goto err_put;
	err = acq_ring_alloc_frames(ring);
	if (err == -EINTR) {
		/* Killed: nobody reads a message. */
		acq_ring_put(ring);
		return ERR_PTR(err);
	}
	if (err)
		goto err_put;
	acq_ring_init_header(ring);
	return ring;

err_put:
	acq_ring_put(ring);
err_nomem:
	/* Which limit failed it, told once all of it is given back. */
	if (acq_memcg_over_max(pages))
		NL_SET_ERR_MSG(extack,
			       "ring does not fit the memory cgroup's limit: raise its memory.max");
	else if (dma_get_mask(dma_dev) < dma_get_required_mask(dma_dev))
		/* The device reaches only part of memory, which may be full. */
		NL_SET_ERR_MSG(extack,
			       "cannot allocate the ring's memory within the device's DMA mask");
	else
		NL_SET_ERR_MSG(extack, "cannot allocate the ring's memory");
	return ERR_PTR(-ENOMEM);
}

static void acq_ring_vm_open(struct vm_area_struct *vma)
{
	struct acq_ring *ring = vma->vm_private_data;

	kref_get(&ring->ref);
}

static void acq_ring_vm_close(struct vm_area_struct *vma)
{
	acq_ring_put(vma->vm_private_data);
}

/*
 * The page at @off in the ring, which lies in [@start, @end): the header
 * and descriptors (vmalloc), or a frame's slot starting at @start
 * (physically contiguous; only under map_lock, not gone).
 */
static unsigned long acq_ring_pfn(struct acq_ring *ring, u64 start, u64 off)
{
	if (off < ring->meta_size)
		return vmalloc_to_pfn(ring->meta + off);
	return page_to_pfn(ring->slots[div_u64(start - ring->meta_size,
					       ring->slot_size)].page) +
	       ((off - start) >> PAGE_SHIFT);
}

/*
 * Map @vma's pages of the ring's [@start, @end) for one fault: all of the
 * header and descriptors, or all of a frame's slot (under map_lock then,
 * like any page of a frame: a teardown's zap finds them all). One fault
 * per page, microseconds each under emulation and thousands of them in a
 * ring, made a consumer fall behind at the start of a capture, and the
 * device dropped frames. libacqctl reads each slot once at attach, so
 * that the capture takes no fault at all.
 *
 * Not all at mmap() time: a new mapping is not in the device's
 * address_space until mmap() returns, so a detach meanwhile would zap
 * nothing of it and free frames it still maps.
 *
 * The faulting page first, and its result is the fault's; the others
 * only as far as they go (a page table that cannot be allocated ends
 * them, and they fault one by one later).
 *
 * Return: VM_FAULT_NOPAGE, or the faulting page's error.
 */
static vm_fault_t acq_ring_map_range(struct acq_ring *ring,
				     struct vm_fault *vmf, u64 start, u64 end)
{
	struct vm_area_struct *vma = vmf->vma;
	u64 vma_off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 fault_off = (u64)vmf->pgoff << PAGE_SHIFT;
	u64 off, from, to;
	vm_fault_t ret;

	ret = vmf_insert_pfn(vma, vmf->address,
			     acq_ring_pfn(ring, start, fault_off));
	if (ret & VM_FAULT_ERROR)
		return ret;
	from = max(start, vma_off);
	to = min(end, vma_off + (vma->vm_end - vma->vm_start));
	for (off = from; off < to; off += PAGE_SIZE) {
		if (off == fault_off)
			continue;
		if (vmf_insert_pfn(vma, vma->vm_start + (off - vma_off),
				   acq_ring_pfn(ring, start, off)) &
		    VM_FAULT_ERROR)
			break;
		if (IS_ALIGNED(off + PAGE_SIZE, SZ_2M))
			cond_resched();
	}
	return ret;
}

static vm_fault_t acq_ring_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct acq_ring *ring = vma->vm_private_data;
	u64 off = (u64)vmf->pgoff << PAGE_SHIFT;
	vm_fault_t ret;
	u32 in_slot;

	/* The header and descriptors live as long as the ring. */
	if (off < ring->meta_size)
		return acq_ring_map_range(ring, vmf, 0, ring->meta_size);

	/* Past the ring: acq_ring_mmap() and VM_DONTEXPAND rule it out. */
	if (off - ring->meta_size >= ring->buf_size)
		return VM_FAULT_SIGBUS;
	mutex_lock(&ring->map_lock);
	if (ring->frames_gone) {
		/*
		 * The frames went back with the device: zeros, which the
		 * mapping, never writable, cannot change. The zero page is
		 * not refcounted in a PFN mapping and never freed.
		 */
		ret = vmf_insert_pfn(vma, vmf->address,
				     page_to_pfn(ZERO_PAGE(vmf->address)));
	} else {
		div_u64_rem(off - ring->meta_size, ring->slot_size, &in_slot);
		ret = acq_ring_map_range(ring, vmf, off - in_slot,
					 off - in_slot + ring->slot_size);
	}
	mutex_unlock(&ring->map_lock);
	return ret;
}

static const struct vm_operations_struct acq_ring_vm_ops = {
	.open	= acq_ring_vm_open,
	.close	= acq_ring_vm_close,
	.fault	= acq_ring_fault,
};

/**
 * acq_ring_mmap - map part of a ring
 * @ring: the ring
 * @vma: the new mapping, at the ring's offsets (uapi/linux/acq_ring.h)
 *
 * Only the header may be writable: a mapping that reaches the descriptors
 * or frames must be read-only and cannot be made writable later.
 */
int acq_ring_mmap(struct acq_ring *ring, struct vm_area_struct *vma)
{
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;
	u64 size = acq_ring_map_size(ring);

	/* A private copy of memory the kernel keeps writing makes no sense. */
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (off >= size || len > size - off)
		return -EINVAL;
	if (off + len > PAGE_SIZE) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		acq_vm_flags_clear(vma, VM_MAYWRITE);
	}
	/*
	 * One consumer: a child of fork() does not inherit the ring, and
	 * VM_IO keeps madvise(MADV_DOFORK) from changing that.
	 */
	acq_vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND |
			 VM_DONTDUMP | VM_DONTCOPY);
	vma->vm_ops = &acq_ring_vm_ops;
	vma->vm_private_data = ring;
	kref_get(&ring->ref);
	return 0;
}

/* Frames begun and not done are abandoned: their slots are free again. */
void acq_ring_stop(struct acq_ring *ring)
{
	struct acq_ring_chan *rc;
	unsigned int i;

	for (i = 0; i < ring->nr_channels; i++) {
		rc = &ring->chan[i];
		if (rc->inflight < ACQ_SLOT_DROP)
			ring->free_slots[ring->nr_free++] = rc->inflight;
		rc->inflight = ACQ_SLOT_IDLE;
	}
	acq_ring_set_flags(ring, ACQ_RING_F_STOPPED, 0);
}

void acq_ring_set_flags(struct acq_ring *ring, u32 set, u32 clear)
{
	ring->flags = (ring->flags & ~clear) | set;
	/*
	 * Release: pairs with the consumer's load-acquire of the flags
	 * (acq_ring_flags() in libacqctl): a consumer that sees STOPPED also
	 * sees every frame published before it.
	 */
	smp_store_release(&ring->hdr->flags, ring->flags);
}

void acq_ring_set_windows(struct acq_ring *ring, u32 revoked, u32 seq)
{
	WRITE_ONCE(ring->hdr->windows_revoked, revoked);
	/*
	 * Release: pairs with the consumer's load-acquire of windows_seq,
	 * after which it reads the windows_revoked that goes with it.
	 */
	smp_store_release(&ring->hdr->windows_seq, seq);
}
