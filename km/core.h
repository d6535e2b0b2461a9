/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State private to the acq core: the device registry and the lock that
 * serializes the control plane. Backends never include this file.
 */
#ifndef _ACQ_CORE_H
#define _ACQ_CORE_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <uapi/linux/acq.h>

struct acq_dev {
	u32 id;
	char name[ACQ_DEV_NAME_LEN];
	char backend[ACQ_DEV_NAME_LEN];
};

/*
 * acq_lock serializes every control-plane operation (netlink handlers,
 * device registration) the way rtnl does for netdevs: the control plane is
 * rare, and one lock keeps its state transitions simple to reason about.
 */
extern struct mutex acq_lock;

struct acq_dev *acq_dev_find(u32 id);
struct acq_dev *acq_dev_find_next(unsigned long *id);

int acq_nl_init(void);
void acq_nl_exit(void);

#endif /* _ACQ_CORE_H */
