/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The acq backend API: what a capture-device driver (acq_sim, a real
 * card's) sees of the acq core. A backend describes its device, starts
 * and stops it, and from its interrupt handler asks the core where the next
 * frame goes and tells it when a frame is complete. The core owns
 * everything user space touches: the character device, the netlink family,
 * the channel configuration, the rings.
 */
#ifndef _ACQ_H
#define _ACQ_H

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <uapi/linux/acq.h>
#include <uapi/linux/acq_ring.h>
#include <uapi/linux/acq_window.h>

struct acq_dev;

/* The configuration of one channel, as chan-set left it. */
struct acq_chan_config {
	bool enabled;
	u32 lines;
	u32 line_bytes;
	u32 lines_per_chunk;
	u32 line_rate;		/* lines per second */
};

/**
 * struct acq_chan_limits - what a device's channels can do, within the
 *	family's policy; 0 leaves a limit to the policy
 * @max_frame_bytes: largest frame, lines times line bytes
 * @max_line_rate: fastest line rate, lines per second
 */
struct acq_chan_limits {
	u32 max_frame_bytes;
	u32 max_line_rate;
};

/**
 * struct acq_backend_ops - how the core drives a device
 * @start: start producing frames on the enabled channels (their
 *	configuration is in acq_chan_get_config() and constant until @stop).
 *	Called in process context under the core's control lock. On failure
 *	it returns an errno and may say why in @extack (NL_SET_ERR_MSG()),
 *	which the user who asked reads; without a message the core says
 *	the device failed to start.
 * @stop: stop producing frames. When it returns, no call to the frame
 *	helpers below for this device may be running or come later (a real
 *	device also stops its DMA and synchronize_irq()s). Also called after
 *	@start failed, to undo what it began.
 * @window_request: an administrator asks the device to take register
 *	window @win back (@lend false) or to lend it again (@lend true),
 *	by netlink window-revoke and window-restore. The device does it
 *	through acq_window_revoke() or acq_window_restore() before it
 *	returns, or refuses with an errno, and why in @extack as for
 *	@start. Optional: without it such
 *	requests fail with EOPNOTSUPP. Called in process context under the
 *	core's control lock, which every device's control plane waits
 *	for: it must not wait long, nor for anything that takes that lock
 *	(acq_dev_register() or acq_dev_unregister(), say).
 */
struct acq_backend_ops {
	int (*start)(struct acq_dev *adev, struct netlink_ext_ack *extack);
	void (*stop)(struct acq_dev *adev);
	int (*window_request)(struct acq_dev *adev, unsigned int win,
			      bool lend, struct netlink_ext_ack *extack);
};

/**
 * struct acq_window_desc - registers a device lends to user space
 * @pfn: the first page frame of the registers
 * @size: bytes, a multiple of the page size, up to ACQ_WINDOW_MAX_SIZE
 * @io: the pages are MMIO, mapped uncached; else RAM (acq_sim's)
 * @writable: user space may map it writable
 * @dma: writes to it can program the device's DMA engine, which reaches
 *	any memory its DMA mask (and the IOMMU, if any) allows: only a
 *	mapper with CAP_SYS_RAWIO (the capability vfio's no-IOMMU mode
 *	requires) may map it writable, and only when it maps; a handle alone
 *	gives a read-only mapping
 *
 * The core maps these pages only while the window is lent; from
 * acq_window_revoke() on, and for good once acq_dev_unregister() has
 * returned, no access of user space reaches them. CPU accesses, that is:
 * a write already posted to the device, or another device's DMA through
 * an IOMMU mapping of the MMIO, is for the backend to fence (by reading a
 * register back, say).
 */
struct acq_window_desc {
	unsigned long pfn;
	u64 size;
	bool io;
	bool writable;
	bool dma;
};

/**
 * struct acq_dev_desc - what a backend tells the core about a device
 * @parent: the backend's own device (a PCI function, an acq_sim device);
 *	the frame buffers are allocated with the DMA API for it, so it must
 *	have its DMA mask set
 * @backend: the backend's name, as dev-get reports it
 * @ops: start, stop and the optional window requests
 * @nr_channels: number of channels, 1 to ACQ_MAX_CHANNELS
 * @limits: what every channel can do; chan-set refuses more
 * @windows: its register windows, window n at ACQ_WINDOW_OFF(n)
 * @nr_windows: how many, up to ACQ_MAX_WINDOWS
 * @priv: the backend's data, for acq_dev_priv()
 *
 * The core uses @parent, @ops and @priv only between acq_dev_register()
 * and the return of acq_dev_unregister(): the backend may free them then,
 * and may be unloaded, even while user space still holds the device's
 * files or maps its ring.
 */
struct acq_dev_desc {
	struct device *parent;
	const char *backend;
	const struct acq_backend_ops *ops;
	unsigned int nr_channels;
	struct acq_chan_limits limits;
	const struct acq_window_desc *windows;
	unsigned int nr_windows;
	void *priv;
};

struct acq_dev *acq_dev_register(const struct acq_dev_desc *desc);
void acq_dev_unregister(struct acq_dev *adev);
void *acq_dev_priv(const struct acq_dev *adev);
const struct acq_chan_config *acq_chan_get_config(const struct acq_dev *adev,
						  unsigned int chan);

/**
 * struct acq_frame - where the device puts a frame
 * @vaddr: the slot's kernel address, or NULL when the frame is dropped
 * @dma: the slot's bus address for the device's DMA engine
 * @size: bytes in the slot (at least the channel's frame size)
 * @seq: the frame's sequence number in its channel, counting dropped frames
 */
struct acq_frame {
	void *vaddr;
	dma_addr_t dma;
	u32 size;
	u32 seq;
};

/*
 * The frame helpers, for the backend's interrupt handler: a request_irq()
 * handler, threaded or not, an irq_work, or process context. Not from a
 * raw context (a HRTIMER_MODE_*_HARD callback, an IRQF_NO_THREAD handler,
 * under a raw spinlock): they wake the consumer and sync DMA, which take
 * spinlock_t locks, sleeping locks on PREEMPT_RT. There, from a raw
 * context, the wake-up goes to the device's wake thread (ring.c), so a
 * backend whose DMA syncs take no lock (no DMA API debugging, no bounce
 * buffers) may call them from hard IRQ context: acq_sim does, rather than
 * from irq_work's thread at SCHED_FIFO 1. Per channel the backend
 * calls them in order: begin,
 * chunk done for each DMA transaction, frame done; channels may run on
 * several CPUs at once.
 *
 * acq_frame_begin() returns 0 and a slot to DMA the frame into, or
 * -ENOBUFS when the ring has no free slot: the device must not write, and
 * the frame is counted dropped when it is done. -ESHUTDOWN when the device
 * is not started, -EINVAL when the channel's previous frame is not done.
 *
 * acq_chunk_done(), between a frame's begin and its done, takes 0, or the
 * negative errno of a chunk the device failed: -EIO for an error the
 * device or the bus reported, -ETIMEDOUT for a completion that never
 * came, say. The frame goes on (the backend still ends it with
 * acq_frame_done()) but, if it has a slot, is delivered flagged
 * ACQ_DESC_F_ERROR, never as good. The channel's stats count the chunk in
 * chunk-errors, the frame delivered in errors, and say -@err as its
 * last-error (until a later error says another).
 *
 * acq_frame_done() takes the bytes the device wrote and ACQ_DESC_F_*
 * flags: ACQ_DESC_F_ERROR for a frame the device itself marked bad (an
 * end-of-frame status, say; last-error EIO). A frame shorter than the
 * channel's configuration is flagged ACQ_DESC_F_TRUNCATED and delivered
 * with its real length (ENODATA); one longer than its slot is cut to it
 * and flagged ACQ_DESC_F_TRUNCATED and ACQ_DESC_F_ERROR (EMSGSIZE). Both
 * count in errors.
 */
int acq_frame_begin(struct acq_dev *adev, unsigned int chan,
		    struct acq_frame *frame);
void acq_chunk_done(struct acq_dev *adev, unsigned int chan, int err);
void acq_frame_done(struct acq_dev *adev, unsigned int chan, u32 len,
		    u16 flags);

/*
 * acq_dev_fail() - the device failed and cannot go on (a DMA engine that
 * hung, a fatal bus error): the core stops it soon after, from process
 * context, as a dev-stop would (the backend's stop op included), with
 * stop reason device-error, which the consumer (ACQ_RING_F_STOPPED), dev-get
 * and the monitor group see. From any context the frame helpers may be
 * called from, while the device is started; the first call of a start
 * counts, the others do nothing. The frame helpers still work until the
 * stop op; as they, acq_dev_fail() must not be called once the stop op
 * has returned (the device may be gone). The device may be started again.
 */
void acq_dev_fail(struct acq_dev *adev, int err);

/*
 * Take a window back from user space, or lend it again; in process
 * context (they sleep), and only until acq_dev_unregister() returns.
 * When acq_window_revoke() returns, no process can reach the registers
 * any more: every mapping of them is gone, and later accesses land on the
 * window's scratch page (cleared at each revoke), or raise SIGBUS if
 * acq_window_set_sigbus() asked for it; the ring header's
 * windows_revoked says so, and the monitor group hears window-revoked.
 * Revoking a revoked window, or restoring a lent one, does nothing.
 * -EINVAL for no such window.
 */
int acq_window_revoke(struct acq_dev *adev, unsigned int win);
int acq_window_restore(struct acq_dev *adev, unsigned int win);
int acq_window_set_sigbus(struct acq_dev *adev, unsigned int win, bool sigbus);

#endif /* _ACQ_H */
