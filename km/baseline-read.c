// SPDX-License-Identifier: GPL-2.0
/*
 * A baseline, kept for comparison only (uapi/linux/acq_baseline.h): read(2)
 * of whole frames from /dev/acqN, the classic char-driver path, one system
 * call and one copy_to_user per frame. Not an interface for new code,
 * which maps the ring and copies nothing.
 */
#include "baseline.h"
#include "ring.h"

/*
 * One record: the frame's struct acq_ring_desc, then its desc.len bytes.
 * Blocks unless O_NONBLOCK; 0 (end of file) once the device is stopped
 * and nothing waits, as before the first start.
 */
ssize_t acq_baseline_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct acq_frame_dst dst = {
		.desc = buf,
		.frame = buf + sizeof(struct acq_ring_desc),
	};
	ssize_t len;

	if (count < sizeof(struct acq_ring_desc))
		return -EMSGSIZE;
	dst.frame_size = count - sizeof(struct acq_ring_desc);
	len = acq_frame_copy_next(file->private_data, file, &dst,
				  !(file->f_flags & O_NONBLOCK));
	if (len == -ESHUTDOWN)
		return 0;
	if (len < 0)
		return len;
	return sizeof(struct acq_ring_desc) + len;
}
