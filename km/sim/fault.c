// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's fault injection, as debugfs knobs in the device's directory
 * (netdevsim's habit): what a real card does on a bad day, so that the
 * core's error paths and an application's handling of them can be tested.
 *
 *   fail_start	 an errno (say 5, EIO): the next start fails with it,
 *		 and says why to the user who asked; then 0 again
 *   fail_chunks the next N chunks fail: their DMA writes nothing, and
 *		 the backend tells the core -EIO, which delivers their
 *		 frames flagged ACQ_DESC_F_ERROR
 *   fail_device an errno: at the next chunk the device fails for good,
 *		 and the core stops it (acq_dev_fail()); then 0 again
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/netlink.h>

#include "acq_sim.h"

/* A knob's errno: the kernel's own codes (ERESTARTSYS and up) never
 * reach users.
 */
static int acq_sim_fault_errno(u32 err)
{
	return err < ERESTARTSYS ? -(int)err : -EIO;
}

int acq_sim_fault_start(struct acq_sim_dev *sdev,
			struct netlink_ext_ack *extack)
{
	u32 err = xchg(&sdev->fail_start, 0);

	if (!err)
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "start failed by fault injection");
	return acq_sim_fault_errno(err);
}

/* At each chunk, from the interrupt handler: cheap when nothing is set. */
int acq_sim_fault_chunk(struct acq_sim_dev *sdev)
{
	u32 err;

	if (unlikely(READ_ONCE(sdev->fail_device))) {
		err = xchg(&sdev->fail_device, 0);
		if (err)
			acq_dev_fail(sdev->adev, acq_sim_fault_errno(err));
	}
	return atomic_dec_if_positive(&sdev->fail_chunks) >= 0 ? -EIO : 0;
}

void acq_sim_fault_debugfs_add(struct acq_sim_dev *sdev)
{
	debugfs_create_u32("fail_start", 0600, sdev->debugfs,
			   &sdev->fail_start);
	debugfs_create_atomic_t("fail_chunks", 0600, sdev->debugfs,
				&sdev->fail_chunks);
	debugfs_create_u32("fail_device", 0600, sdev->debugfs,
			   &sdev->fail_device);
}
