/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place for differences between the kernels acq supports (Debian
 * 12's 6.1 and 6.12, built and tested; newer ones through the shims below,
 * read against mainline's source: README's "Kernels"). Code elsewhere
 * calls the acq_* names below and never tests LINUX_VERSION_CODE itself.
 */
#ifndef _ACQ_COMPAT_H
#define _ACQ_COMPAT_H

#include <linux/version.h>
#include <linux/eventfd.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* 6.8 dropped eventfd_signal()'s count argument; acq only ever adds one. */
static inline void acq_eventfd_signal(struct eventfd_ctx *ctx)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
	eventfd_signal(ctx);
#else
	eventfd_signal(ctx, 1);
#endif
}

/*
 * Before 6.4 nla_policy's range pointer was not const, while the generated
 * policies (nl-gen.c, which Kbuild builds with this header force-included)
 * declare their ranges const. The kernel only ever reads through it.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

/* 6.2 added the extack message that yields to one already set. */
#ifndef NL_SET_ERR_MSG_WEAK
#define NL_SET_ERR_MSG_WEAK(extack, msg) do {			\
	struct netlink_ext_ack *__ack = (extack);		\
								\
	if (__ack && !__ack->_msg)				\
		NL_SET_ERR_MSG(__ack, msg);			\
} while (0)
#endif

/* 6.8 renamed PCI_IRQ_LEGACY, the INTx of pci_alloc_irq_vectors(). */
#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

/*
 * 6.13 added hrtimer_setup(), which sets the callback with the rest, and
 * 6.15 removed hrtimer_init(); 6.15 also made the callback private, to
 * be set only through hrtimer_setup() or hrtimer_update_function().
 */
static inline void acq_hrtimer_setup(struct hrtimer *timer,
				     enum hrtimer_restart (*fn)(struct hrtimer *),
				     clockid_t clock_id, enum hrtimer_mode mode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	hrtimer_setup(timer, fn, clock_id, mode);
#else
	hrtimer_init(timer, clock_id, mode);
	timer->function = fn;
#endif
}

/*
 * A kthread worker whose thread is started at once. Up to 6.13
 * kthread_create_worker() started it; from 6.14 it leaves it unstarted,
 * as kthread_create() does (the first work queued would start it, the
 * first wake-up paying for it), and kthread_run_worker() starts it.
 * Tested by name, as the macro it is, so that a backport is taken too.
 */
#ifdef kthread_run_worker
#define acq_kthread_run_worker(fmt, ...) \
	kthread_run_worker(0, fmt, ##__VA_ARGS__)
#else
#define acq_kthread_run_worker(fmt, ...) \
	kthread_create_worker(0, fmt, ##__VA_ARGS__)
#endif

/*
 * The system's per-CPU workqueue: 6.17 added system_percpu_wq, and 7.2
 * marks system_wq deprecated (a warning once it is used) on the way to
 * its removal. They are two queues of the same kind, not one: a work item
 * queued on both may run twice at once, and schedule_work() uses either,
 * by the kernel (Debian's 6.12 has the new one backported, and its
 * schedule_*() use it). Every work item of ours goes through this one.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define acq_system_wq system_percpu_wq
#else
#define acq_system_wq system_wq
#endif

/*
 * Request and map one BAR, managed: an address or an ERR_PTR().
 * pcim_iomap_region() is public from 6.12, which deprecated
 * pcim_iomap_regions() for it (pcim_iomap_table() since 6.11).
 */
static inline void __iomem *acq_pcim_iomap_region(struct pci_dev *pdev,
						  int bar, const char *name)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	return pcim_iomap_region(pdev, bar, name);
#else
	int err = pcim_iomap_regions(pdev, BIT(bar), name);

	return err ? IOMEM_ERR_PTR(err) : pcim_iomap_table(pdev)[bar];
#endif
}

/* 6.4 made the bus_type of bus attribute callbacks const. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define acq_bus_attr_type const struct bus_type
#else
#define acq_bus_attr_type struct bus_type
#endif

/* 6.2 put a genl_info into the dump state. */
static inline struct nlattr **acq_genl_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* 6.3 made vm_flags read-only but through these helpers. */
static inline void acq_vm_flags_set(struct vm_area_struct *vma,
				    vm_flags_t flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

static inline void acq_vm_flags_clear(struct vm_area_struct *vma,
				      vm_flags_t flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_clear(vma, flags);
#else
	vma->vm_flags &= ~flags;
#endif
}

/*
 * Whether @pages more would take the calling task's memory cgroup, or one
 * above it, over its memory.max. Asked once an allocation has failed, only
 * to name the limit in the error message: the charge itself enforces it.
 * The debug kernel is built without memory cgroups.
 */
#ifdef CONFIG_MEMCG
static inline bool acq_memcg_over_max(unsigned long pages)
{
	struct mem_cgroup *memcg, *m;
	bool over = false;

	memcg = get_mem_cgroup_from_mm(current->mm);
	/* The child's reference keeps its ancestors. */
	for (m = memcg; m; m = parent_mem_cgroup(m))
		if (page_counter_read(&m->memory) + pages >
		    READ_ONCE(m->memory.max))
			over = true;
	mem_cgroup_put(memcg);
	return over;
}
#else
static inline bool acq_memcg_over_max(unsigned long pages)
{
	return false;
}
#endif

#endif /* _ACQ_COMPAT_H */
