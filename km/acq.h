/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The acq backend API: what a capture-device driver (acq_sim, acq_edu, a
 * real card) sees of the acq core. A backend describes its device, starts
 * and stops it, and from its interrupt handler asks the core where the next
 * frame goes and tells it when a frame is complete. The core owns
 * everything user space touches: the character device, the netlink family,
 * the channel configuration, the rings.
 */
#ifndef _ACQ_H
#define _ACQ_H

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/types.h>
#include <uapi/linux/acq.h>
#include <uapi/linux/acq_ring.h>

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
 *	configuration is in acq_chan_config() and constant until @stop).
 *	Called in process context under the core's control lock.
 * @stop: stop producing frames. When it returns, no call to the frame
 *	helpers below for this device may be running or come later (a real
 *	device also stops its DMA and synchronize_irq()s). Also called after
 *	@start failed, to undo what it began.
 */
struct acq_backend_ops {
	int (*start)(struct acq_dev *adev);
	void (*stop)(struct acq_dev *adev);
};

/**
 * struct acq_dev_desc - what a backend tells the core about a device
 * @parent: the backend's own device (a PCI function, an acq_sim device);
 *	the frame buffers are allocated with the DMA API for it, so it must
 *	have its DMA mask set
 * @backend: the backend's name, as dev-get reports it
 * @ops: start and stop
 * @nr_channels: number of channels, 1 to ACQ_MAX_CHANNELS
 * @limits: what every channel can do; chan-set refuses more
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
	void *priv;
};

struct acq_dev *acq_dev_register(const struct acq_dev_desc *desc);
void acq_dev_unregister(struct acq_dev *adev);
void *acq_dev_priv(const struct acq_dev *adev);
const struct acq_chan_config *acq_chan_config(const struct acq_dev *adev,
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
 * The frame helpers, for the backend's interrupt handler (any context;
 * hard IRQ is fine). Per channel the backend calls them in order: begin,
 * chunk done for each DMA transaction, frame done; channels may run on
 * several CPUs at once.
 *
 * acq_frame_begin() returns 0 and a slot to DMA the frame into, or
 * -ENOBUFS when the ring has no free slot: the device must not write, and
 * the frame is counted dropped when it is done. -ESHUTDOWN when the device
 * is not started, -EINVAL when the channel's previous frame is not done.
 */
int acq_frame_begin(struct acq_dev *adev, unsigned int chan,
		    struct acq_frame *frame);
void acq_chunk_done(struct acq_dev *adev, unsigned int chan);
void acq_frame_done(struct acq_dev *adev, unsigned int chan, u32 len,
		    u16 flags);

#endif /* _ACQ_H */
