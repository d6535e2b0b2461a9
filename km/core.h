/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State private to the acq core: devices, the registry and their locks.
 * Backends include acq.h, never this file.
 *
 * Locks, outermost first; a lock may be taken while holding only those
 * above it:
 *
 *   a ring's consume_lock	the baselines' (baseline-copy.c): one kernel
 *			consumer at a time; held across copies to user
 *			memory, so every lock below may be taken inside it:
 *			a copy that faults on our ring's mapping takes
 *			mmap_lock, then the fault map_lock
 *   mmap_lock		a process's; mmap() of /dev/acqN takes only
 *			@irq_lock of ours inside it, a ring's fault its
 *			map_lock, a window's fault its rwsem
 *   attach_lock	one device's: serializes its ring attaches, held
 *			while the ring is allocated, with no other lock
 *   lock		one device's: its control state (below), and the
 *			order of its notifications
 *   a window's rwsem	window.c
 *   a ring's map_lock	ring.c
 *   the registry's	the xarray's own spinlock: ids, lookups, the
 *			generation; held only to find a device and take a
 *			reference, never across anything that sleeps
 *   irq_lock		one device's raw spinlock: its producer state
 *
 * On PREEMPT_RT the device's wake worker's raw lock (kthread_queue_work(),
 * acq_ring_wake() and acq_ring_sigio()) is taken by the frame helpers
 * and the wake timer once they dropped irq_lock: outside it, never under
 * it, and it nests none of ours.
 *
 * No lock is shared between devices but the registry's. Allocating or
 * zeroing a ring, zapping mappings and calling a backend's op happen under
 * a device's own locks at most, never the registry's, and never under
 * @lock for an attach's allocation: poll() takes only @irq_lock, mmap()
 * of a ring only a reference to it taken under @irq_lock. Nothing may
 * touch user memory under @lock (mmap_lock is taken outside it by faults
 * and mmap()). Every wait on @attach_lock or @lock a user can cause is
 * killable; release and unregistration wait plainly, and so does a
 * close's ->fasync(), which takes @lock with the VFS's own fasync locks
 * taken inside it (fasync_helper()).
 */
#ifndef _ACQ_CORE_H
#define _ACQ_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <uapi/linux/acq.h>

#include "acq.h"

struct acq_ring;
struct acq_ring_wake;
struct acq_window;
struct seq_file;
struct eventfd_ctx;
struct inode;
struct pid;

/* Device ids are the minor numbers of /dev/acqN. */
#define ACQ_MAX_DEVICES		256

/* A channel: its configuration and its counters since registration. */
struct acq_chan {
	struct acq_chan_config cfg;	/* under the device's lock */
	/* Under the device's irq_lock. */
	u64 produced;
	u64 delivered;
	u64 dropped;
	u64 chunks;
	u64 chunk_errors;	/* chunks the backend said failed */
	u64 errors;		/* delivered flagged error or truncated */
	u64 dropped_notified;	/* by the overrun work, its own */
	u32 last_error;		/* a positive errno; see stats-get */
};

/*
 * One capture device. Its memory lives as long as @dev (the class device
 * behind /dev/acqN): registration holds one reference, every open file
 * another, and so does every lookup in the registry (acq_dev_get()) until
 * acq_dev_put(). Unregistering marks it dead under @lock, removes
 * /dev/acqN and severs every tie to the backend (device_del() drops the
 * parent, and @priv is cleared), so what user space still holds keeps
 * only this memory, never the backend's. Whoever finds a device checks
 * @dead under @lock before acting on it.
 *
 * The control state (under @lock): @dead, @started, @stop_reason, @owner,
 * @owner_pid, @ring, the channels' configurations and the backend's ops.
 * The producer state (under @irq_lock, a raw spinlock since the frame
 * helpers run in hard IRQ context): @running, @ring, @owner, the
 * channels' counters and the ring's producer side. @ring and @owner
 * change only under both locks (the device stopped), so poll() and mmap()
 * read them under @irq_lock alone.
 */
struct acq_dev {
	struct device dev;
	struct cdev cdev;
	u32 id;
	struct mutex lock;		/* the control state: see above */
	struct mutex attach_lock;	/* a ring attach in progress */
	bool dead;		/* true until listed */
	char backend[ACQ_DEV_NAME_LEN];
	char parent[ACQ_PARENT_NAME_LEN];	/* the backend device's name */
	unsigned int nr_channels;
	struct acq_chan_limits limits;	/* the policy's where 0 */
	void *priv;		/* the backend's, while registered */
	const struct acq_backend_ops *ops;	/* while registered */
	struct device *dma_dev;			/* while registered */

	bool started;
	enum acq_stop_reason stop_reason;	/* since the last stop */
	struct file *owner;	/* the file the ring is attached to */
	struct pid *owner_pid;	/* the process that attached it */
	struct acq_ring *ring;

	raw_spinlock_t irq_lock;
	bool running;		/* the frame helpers are accepted */
	u64 protocol_errors;	/* of rings detached before */
	int fail_err;		/* acq_dev_fail()'s, until the next start */
	struct work_struct fail_work;	/* stops a failed device */

	wait_queue_head_t wq;	/* poll() and read() on /dev/acqN */
	/* PREEMPT_RT's wake-ups from hard IRQs: acq_ring_wake(). */
	struct kthread_worker *wake_worker;

	/* Every open file maps through @inode's mapping: see chardev.c. */
	struct inode *inode;
	struct acq_window *windows;
	unsigned int nr_windows;
	u32 windows_revoked;	/* bit n: window n; under irq_lock */
	u32 windows_seq;	/* revokes and restores; under irq_lock */

	/* Overrun notifications: see nl-notify.c. */
	unsigned long overrun_flags;
	unsigned long overrun_next;	/* jiffies: the next may go then */
	struct irq_work overrun_irq_work;
	struct delayed_work overrun_work;

	struct acq_chan chans[];
};

/*
 * The registry. A device found is referenced: acq_dev_put() it. The
 * generation changes whenever a device is listed or unlisted, so a dump
 * can tell that the registry changed between its rounds; never 0.
 */
struct acq_dev *acq_dev_get(u32 id);
struct acq_dev *acq_dev_get_next(unsigned long *id);
void acq_dev_put(struct acq_dev *adev);
int acq_dev_lock_alive(struct acq_dev *adev);
unsigned int acq_dev_generation(void);

/* chardev.c */
int acq_chrdev_init(void);
void acq_chrdev_exit(void);
int acq_chrdev_add(struct acq_dev *adev);
void acq_chrdev_del(struct acq_dev *adev);
struct acq_dev *acq_chrdev_file_dev(const struct file *file);
struct acq_ring *acq_chrdev_ring_get(struct acq_dev *adev, struct file *file);
int acq_chrdev_inode_alloc(struct acq_dev *adev);
void acq_chrdev_inode_free(struct acq_dev *adev);

/* control.c, under the device's lock but where said */
int acq_dev_ring_prepare(struct acq_dev *adev, u32 desc_count,
			 u32 *slot_size, struct netlink_ext_ack *extack);
struct acq_ring *acq_dev_ring_alloc(struct acq_dev *adev,
				    struct device *dma_dev, struct file *file,
				    u32 desc_count, u32 slot_size,
				    const struct acq_ring_wake *wake,
				    bool memlock_exempt,
				    struct netlink_ext_ack *extack);
int acq_dev_ring_attach(struct acq_dev *adev, struct acq_ring *ring,
			struct file *file, struct eventfd_ctx *efd,
			struct netlink_ext_ack *extack);
void acq_dev_ring_detach(struct acq_dev *adev, enum acq_stop_reason why);
int acq_dev_start(struct acq_dev *adev, struct netlink_ext_ack *extack);
void acq_dev_fail_work(struct work_struct *work);
void acq_dev_stop(struct acq_dev *adev, enum acq_stop_reason why);
void acq_dev_file_release(struct acq_dev *adev, struct file *file);
u64 acq_dev_protocol_errors(struct acq_dev *adev);

/* window.c */
/* What netlink tells of a window: one consistent snapshot. */
struct acq_window_status {
	u64 offset;
	u64 size;
	u64 revokes;		/* since the device was registered */
	bool writable;
	u32 state;		/* enum acq_window_state */
	u32 policy;		/* enum acq_window_policy */
};

int acq_window_get_status(struct acq_dev *adev, unsigned int n,
			  struct acq_window_status *st);
int acq_windows_init(struct acq_dev *adev, const struct acq_dev_desc *desc);
void acq_windows_gone(struct acq_dev *adev);
void acq_windows_free(struct acq_dev *adev);
int acq_window_mmap(struct acq_dev *adev, struct file *file,
		    struct vm_area_struct *vma);
void acq_window_mem_show(struct seq_file *m);

/* debugfs.c */
void acq_debugfs_init(void);
void acq_debugfs_exit(void);
bool acq_debugfs_fail_overrun_report(void);
void acq_debugfs_note_reclaim(u32 slots);

/* nl-family.c */
int acq_nl_init(void);
void acq_nl_exit(void);

/* nl-notify.c: events on the monitor group, sent only when someone listens */
void acq_notify_init(struct acq_dev *adev);
void acq_notify_exit(struct acq_dev *adev);
void acq_notify_dev(struct acq_dev *adev, u8 cmd);
void acq_notify_chan(struct acq_dev *adev, unsigned int chan);
void acq_notify_overrun(struct acq_dev *adev);
void acq_notify_window(struct acq_dev *adev, unsigned int n,
		       const struct acq_window_status *st, u8 cmd);

#endif /* _ACQ_CORE_H */
