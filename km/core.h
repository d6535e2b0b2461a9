/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State private to the acq core: devices, the registry, the lock that
 * serializes the control plane. Backends include acq.h, never this file.
 */
#ifndef _ACQ_CORE_H
#define _ACQ_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/netlink.h>
#include <uapi/linux/acq.h>

#include "acq.h"

struct acq_ring;
struct acq_window;
struct seq_file;
struct eventfd_ctx;
struct inode;
struct pid;

/* Device ids are the minor numbers of /dev/acqN. */
#define ACQ_MAX_DEVICES		256

/* A channel: its configuration and its counters since registration. */
struct acq_chan {
	struct acq_chan_config cfg;	/* under acq_lock */
	/* Under the device's irq_lock. */
	u64 produced;
	u64 delivered;
	u64 dropped;
	u64 chunks;
	u64 dropped_notified;	/* by the overrun work, its own */
	u32 last_error;		/* a positive errno; see stats-get */
};

/*
 * One capture device. Its memory lives as long as @dev (the class device
 * behind /dev/acqN): registration holds one reference, every open file
 * another. Unregistering marks it dead under acq_lock, removes /dev/acqN
 * and severs every tie to the backend (device_del() drops the parent, and
 * @priv is cleared), so what user space still holds keeps only this
 * memory, never the backend's.
 *
 * The control state (under acq_lock): @started, @stop_reason, @owner,
 * @owner_pid, @ring. The producer state (under @irq_lock, a raw spinlock
 * since the frame helpers run in hard IRQ context): @running, @ring, the
 * channels' counters and the ring's producer side. @ring changes only
 * under both locks, while the device is stopped.
 */
struct acq_dev {
	struct device dev;
	struct cdev cdev;
	u32 id;
	bool dead;		/* under acq_lock; true until listed */
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

	wait_queue_head_t wq;	/* poll() on /dev/acqN */

	/* Every open file maps through @inode's mapping: see window.c. */
	struct inode *inode;
	struct acq_window *windows;
	unsigned int nr_windows;
	u32 windows_revoked;	/* bit n: window n; under irq_lock */
	u32 windows_seq;	/* revokes and restores; under irq_lock */

	/* Overrun notifications: see notify.c. */
	unsigned long overrun_flags;
	unsigned long overrun_next;	/* jiffies: the next may go then */
	struct irq_work overrun_irq_work;
	struct delayed_work overrun_work;

	struct acq_chan chans[];
};

/*
 * acq_lock serializes every control-plane operation (netlink handlers,
 * device registration) the way rtnl does for netdevs: the control plane is
 * rare, and one lock keeps its state transitions simple to reason about.
 */
extern struct mutex acq_lock;

struct acq_dev *acq_dev_find(u32 id);
struct acq_dev *acq_dev_find_next(unsigned long *id);

int acq_chrdev_init(void);
void acq_chrdev_exit(void);
int acq_chrdev_add(struct acq_dev *adev);
void acq_chrdev_del(struct acq_dev *adev);
struct acq_dev *acq_chrdev_file_dev(const struct file *file);

/* control.c, under acq_lock */
int acq_dev_ring_attach(struct acq_dev *adev, struct file *file,
			struct eventfd_ctx *efd, u32 desc_count, u32 slot_size,
			u32 wake_frames, struct netlink_ext_ack *extack);
void acq_dev_ring_detach(struct acq_dev *adev, enum acq_stop_reason why);
int acq_dev_start(struct acq_dev *adev, struct netlink_ext_ack *extack);
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

int acq_window_status(struct acq_dev *adev, unsigned int n,
		      struct acq_window_status *st);
int acq_windows_init(struct acq_dev *adev, const struct acq_dev_desc *desc);
void acq_windows_gone(struct acq_dev *adev);
void acq_windows_free(struct acq_dev *adev);
int acq_window_mmap(struct acq_dev *adev, struct file *file,
		    struct vm_area_struct *vma);
void acq_window_mem_show(struct seq_file *m);

void acq_debugfs_init(void);
void acq_debugfs_exit(void);
bool acq_debugfs_fail_overrun_report(void);

int acq_nl_init(void);
void acq_nl_exit(void);

/* notify.c: events on the monitor group, sent only when someone listens */
void acq_notify_init(struct acq_dev *adev);
void acq_notify_exit(struct acq_dev *adev);
void acq_notify_dev(struct acq_dev *adev, u8 cmd);
void acq_notify_chan(struct acq_dev *adev, unsigned int chan);
void acq_notify_overrun(struct acq_dev *adev);
void acq_notify_window(struct acq_dev *adev, unsigned int n,
		       const struct acq_window_status *st, u8 cmd);

#endif /* _ACQ_CORE_H */
