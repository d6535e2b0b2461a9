/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acq_sim: a simulated capture device, a real driver of the acq core in
 * the manner of netdevsim. Devices are created and removed at run time
 * through /sys/bus/acq_sim/{new,del}_device.
 */
#ifndef _ACQ_SIM_H
#define _ACQ_SIM_H

#include <linux/device.h>
#include <linux/list.h>

#include "acq.h"

struct acq_sim_dev {
	struct device dev;	/* acq_simN on the acq_sim bus */
	u32 id;
	unsigned int nr_channels;
	struct acq_dev *adev;
	struct list_head list;	/* in acq_sim_devs, under acq_sim_lock */
};

int acq_sim_dev_add(struct acq_sim_dev *sdev);
void acq_sim_dev_del(struct acq_sim_dev *sdev);

#endif /* _ACQ_SIM_H */
