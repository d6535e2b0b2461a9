/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The acq backend API: what a capture-device driver (acq_sim, acq_edu, a
 * real card) sees of the acq core. A backend describes its device and
 * registers it; the core owns everything user space touches: the character
 * device, the netlink family, the rings.
 */
#ifndef _ACQ_H
#define _ACQ_H

#include <linux/device.h>
#include <linux/types.h>

/* Channel numbers fit in the ring's descriptors and the per-channel state
 * in its header stays small.
 */
#define ACQ_MAX_CHANNELS	64

struct acq_dev;

/**
 * struct acq_dev_desc - what a backend tells the core about a device
 * @parent: the backend's own device (a PCI function, an acq_sim device);
 *	it is the DMA device of the frame buffers
 * @backend: the backend's name, as dev-get reports it
 * @nr_channels: number of channels, 1 to ACQ_MAX_CHANNELS
 * @priv: the backend's data, for acq_dev_priv()
 *
 * The core uses @parent and @priv only between acq_dev_register() and the
 * return of acq_dev_unregister(): the backend may free both then, and may
 * be unloaded, even while user space still holds the device's files.
 */
struct acq_dev_desc {
	struct device *parent;
	const char *backend;
	unsigned int nr_channels;
	void *priv;
};

struct acq_dev *acq_dev_register(const struct acq_dev_desc *desc);
void acq_dev_unregister(struct acq_dev *adev);
void *acq_dev_priv(const struct acq_dev *adev);

#endif /* _ACQ_H */
