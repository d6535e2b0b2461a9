/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Baselines, for comparison only: the two ways frames left a char driver
 * before the ring (linux/acq_ring.h), kept so that a benchmark can measure
 * the ring against them in the same kernel. New code consumes the ring.
 *
 * Both work on a ring attached through the same file (ring-attach), which
 * need not be mapped: the kernel itself is then the ring's consumer, copies
 * each frame out and advances the header's consumer index. A process that
 * also consumes the mapped ring races itself and gets protocol errors.
 *
 * (a) read(2) on /dev/acqN: one frame per call, as a struct acq_ring_desc
 *     followed by desc.len bytes of the frame. Blocks until a frame is
 *     ready (EAGAIN with O_NONBLOCK); returns 0 once the device is stopped
 *     and no frame waits; EMSGSIZE, consuming nothing, when the buffer
 *     cannot hold the record.
 * (b) The field's original design: with O_ASYNC set on the file (fcntl
 *     F_SETOWN and F_SETFL), SIGIO for every frame published; then
 *     ACQ_IOC_FRAME_COPY copies the next frame into a user buffer: 0 and
 *     desc filled, EAGAIN when none waits, EMSGSIZE (nothing consumed)
 *     when buf_size is below desc.len. Only the file the ring is
 *     attached to may set O_ASYNC (EACCES for another, ENXIO with no
 *     ring), and only its ring signals it: a detach turns its O_ASYNC
 *     off. F_SETSIG to a real-time signal queues one per frame, where
 *     plain SIGIOs merge; on PREEMPT_RT too, where the signals of frames
 *     published from hard IRQ context are sent by the device's wake
 *     thread, acq-wake/N, as its ring's wake-ups are.
 *
 * Both: a device stopped includes one not yet started (read(2) gives 0).
 * EACCES for a file the ring is not attached to (as mmap), ENXIO with no
 * ring or once it is detached, ENODEV once the device is removed (a
 * blocked read(2) returns with either), EFAULT for a buffer that cannot
 * be written (nothing consumed), EPROTO if the header's consumer index
 * is not one the kernel handed out.
 */
#ifndef _UAPI_LINUX_ACQ_BASELINE_H
#define _UAPI_LINUX_ACQ_BASELINE_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <linux/acq_ring.h>

struct acq_frame_copy {
	__u64 buf;		/* in: where to copy the frame */
	__u32 buf_size;		/* in: bytes at buf */
	__u32 __pad;		/* must be 0 */
	struct acq_ring_desc desc;	/* out: the frame's descriptor */
};

/* Not registered in ioctl-number.rst: a baseline, not an interface. */
#define ACQ_IOC_MAGIC		0xAD
#define ACQ_IOC_FRAME_COPY	_IOWR(ACQ_IOC_MAGIC, 0x01, struct acq_frame_copy)

#endif /* _UAPI_LINUX_ACQ_BASELINE_H */
