/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State private to the acq core: devices, the registry, the lock that
 * serializes the control plane. Backends include acq.h, never this file.
 */
#ifndef _ACQ_CORE_H
#define _ACQ_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <uapi/linux/acq.h>

#include "acq.h"

/* Device ids are the minor numbers of /dev/acqN. */
#define ACQ_MAX_DEVICES		256

/*
 * One capture device. Its memory lives as long as @dev (the class device
 * behind /dev/acqN): registration holds one reference, every open file
 * another. Unregistering marks it dead under acq_lock, removes /dev/acqN
 * and severs every tie to the backend (device_del() drops the parent, and
 * @priv is cleared), so what user space still holds keeps only this
 * memory, never the backend's.
 */
struct acq_dev {
	struct device dev;
	struct cdev cdev;
	u32 id;
	bool dead;		/* under acq_lock; true until listed */
	char backend[ACQ_DEV_NAME_LEN];
	char parent[ACQ_PARENT_NAME_LEN];	/* the backend device's name */
	unsigned int nr_channels;
	void *priv;		/* the backend's, while registered */
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

int acq_nl_init(void);
void acq_nl_exit(void);

#endif /* _ACQ_CORE_H */
