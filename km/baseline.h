/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The baselines of uapi/linux/acq_baseline.h, kept for comparison only:
 * read(2) of whole frames (baseline-read.c), and SIGIO per frame then an
 * ioctl that copies it (baseline-sigio.c), both on the kernel as the
 * ring's consumer (baseline-copy.c). New code consumes the ring.
 */
#ifndef _ACQ_BASELINE_H
#define _ACQ_BASELINE_H

#include <linux/fs.h>
#include <linux/types.h>

struct acq_dev;
struct acq_ring;

/* Where a frame taken from the ring goes, in the caller's memory. */
struct acq_frame_dst {
	void __user *desc;	/* its struct acq_ring_desc */
	void __user *frame;	/* its bytes */
	u64 frame_size;		/* room at @frame */
};

/* baseline-copy.c */
ssize_t acq_frame_copy_next(struct acq_dev *adev, struct file *file,
			    const struct acq_frame_dst *dst, bool block);

/* baseline-read.c */
ssize_t acq_baseline_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos);

/* baseline-sigio.c */
int acq_baseline_fasync(int fd, struct file *file, int on);
long acq_baseline_ioctl(struct file *file, unsigned int cmd,
			unsigned long arg);
void acq_baseline_sigio_detach(struct acq_ring *ring, struct file *owner);
void acq_baseline_sigio_send(struct acq_ring *ring);

#endif /* _ACQ_BASELINE_H */
