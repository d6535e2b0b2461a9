/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acq_sim: a simulated capture device, a real driver of the acq core in
 * the manner of netdevsim. Devices are created and removed at run time
 * through /sys/bus/acq_sim/{new,del}_device.
 */
#ifndef _ACQ_SIM_H
#define _ACQ_SIM_H

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/list.h>
#include <linux/workqueue.h>

#include "acq.h"

/* What the DMA writes of the pattern (uapi/linux/acq_sim.h); payload.c. */
enum acq_sim_payload {
	ACQ_SIM_PAYLOAD_FULL,
	ACQ_SIM_PAYLOAD_HEADER,
	ACQ_SIM_PAYLOAD_NONE,
};

/* Window 0, registers user space writes; window 1, status it reads. */
#define ACQ_SIM_NR_WINDOWS	2

/*
 * One channel's DMA engine: a timer in hard-IRQ mode is its clock, which
 * raises the per-chunk interrupt (an irq_work, see dma.c), and the "DMA"
 * is the CPU writing the payload into the slot the core gave.
 */
struct acq_sim_chan {
	struct hrtimer timer;
	struct irq_work irq;
	struct acq_sim_dev *sdev;
	unsigned int id;
	bool active;			/* started: its clock runs */
	struct acq_chan_config cfg;	/* copied at start */
	enum acq_sim_payload payload;	/* the device's, at start */
	ktime_t next;			/* when the next chunk is due */
	bool spurious;			/* the next interrupt: nothing done */
	u32 line;			/* next line of the frame */
	u32 end;			/* its lines: fewer if truncated */
	u32 tag;			/* read from its register at line 0 */
	struct acq_frame frame;		/* the frame being filled */
	u64 irq_ns;			/* its interrupt handler's time */
};

struct acq_sim_dev {
	struct device dev;	/* acq_simN on the acq_sim bus */
	u32 id;
	unsigned int nr_channels;
	struct acq_dev *adev;
	struct list_head list;	/* in acq_sim_devs, under acq_sim_lock */
	struct page *regs;	/* its registers: window 0 */
	struct page *status;	/* what it read of them: window 1 */
	struct acq_window_desc windows[ACQ_SIM_NR_WINDOWS];
	struct dentry *debugfs;
	struct debugfs_blob_wrapper regs_blob;
	void *regs_at_revoke;	/* the registers when a revoke returned */
	struct debugfs_blob_wrapper revoke_blob;
	/* Fault injection: revokes and restores at random, see window.c. */
	struct delayed_work chaos_work;
	u32 chaos_ms;		/* their mean interval; 0: none */
	/* Fault injection: see fault.c. */
	u32 fail_start;		/* errno of the next start; 0: none */
	atomic_t fail_chunks;	/* chunks still to fail */
	u32 fail_device;	/* errno of a failure at the next chunk */
	atomic_t lose_irqs;	/* interrupts still to lose */
	u32 late_irq_us;	/* the next interrupt this late; 0: none */
	/* Spurious interrupts still to raise. */
	atomic_t raise_spurious;
	atomic_t spurious_irqs;	/* interrupts that found nothing done */
	u32 truncate_lines;	/* the next frame ends after these lines */
	u32 vanish;		/* vanish in the middle of the next frame */
	bool gone;		/* vanished: no DMA, no interrupt again */
	enum acq_sim_payload payload;	/* for the next start */
	struct acq_sim_chan chans[];
};

/* dev.c */
int acq_sim_dev_add(struct acq_sim_dev *sdev, struct dentry *ddir);
void acq_sim_dev_del(struct acq_sim_dev *sdev);

/* dma.c */
void acq_sim_dma_init(struct acq_sim_dev *sdev);
int acq_sim_dma_start(struct acq_dev *adev, struct netlink_ext_ack *extack);
void acq_sim_dma_stop(struct acq_dev *adev);
void acq_sim_dma_debugfs_add(struct acq_sim_dev *sdev);

/* regs.c */
int acq_sim_regs_init(struct acq_sim_dev *sdev);
void acq_sim_regs_free(struct acq_sim_dev *sdev);
void acq_sim_regs_debugfs_add(struct acq_sim_dev *sdev);
u32 acq_sim_frame_tag(struct acq_sim_dev *sdev, unsigned int chan);

/* window.c */
void acq_sim_window_init(struct acq_sim_dev *sdev);
void acq_sim_window_debugfs_add(struct acq_sim_dev *sdev);
void acq_sim_window_stop(struct acq_sim_dev *sdev);
int acq_sim_window_request(struct acq_dev *adev, unsigned int win, bool lend,
			   struct netlink_ext_ack *extack);

/* payload.c */
void acq_sim_payload_fill(struct acq_sim_chan *ch, u32 line, u32 n);
void acq_sim_payload_debugfs_add(struct acq_sim_dev *sdev);

/* fault.c */
int acq_sim_fault_start(struct acq_sim_dev *sdev,
			struct netlink_ext_ack *extack);
int acq_sim_fault_chunk(struct acq_sim_dev *sdev);
bool acq_sim_fault_irq(struct acq_sim_dev *sdev, struct hrtimer *timer,
		       u64 chunk_ns);
ktime_t acq_sim_fault_spurious(struct acq_sim_chan *ch, ktime_t now,
			       ktime_t next);
u32 acq_sim_fault_frame_lines(struct acq_sim_dev *sdev, u32 lines);
void acq_sim_fault_vanish(struct acq_sim_chan *ch);

/* A fault armed for the clock (lost or late interrupts); cheap. */
static inline bool acq_sim_fault_irq_armed(struct acq_sim_dev *sdev)
{
	return atomic_read(&sdev->lose_irqs) || READ_ONCE(sdev->late_irq_us);
}

void acq_sim_fault_debugfs_add(struct acq_sim_dev *sdev);

#endif /* _ACQ_SIM_H */
