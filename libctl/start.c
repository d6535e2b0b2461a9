// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A device's handle (its /dev/acqN, opened read-write) and what it is the
 * right to: starting and stopping the capture.
 */
#include <fcntl.h>
#include <stdio.h>

#include "internal.h"

ACQCTL_API int acq_dev_open(__u32 id)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/dev/acq%u", id);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return acq_err(-errno);
	return fd;
}

ACQCTL_API int acq_dev_start(struct acq_ctl *ctl, __u32 id, int handle)
{
	return acq_request_handle(ctl, ACQ_CMD_DEV_START, ACQ_A_DEV_ID, id,
				  ACQ_A_DEV_HANDLE, handle);
}

ACQCTL_API int acq_dev_stop(struct acq_ctl *ctl, __u32 id, int handle)
{
	return acq_request_handle(ctl, ACQ_CMD_DEV_STOP, ACQ_A_DEV_ID, id,
				  ACQ_A_DEV_HANDLE, handle);
}
