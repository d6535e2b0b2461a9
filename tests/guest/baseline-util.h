/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the guest tests of the baselines (linux/acq_baseline.h):
 * an acq_sim device with one channel and a ring attached, which the
 * kernel consumes for read() and ACQ_IOC_FRAME_COPY.
 */
#ifndef _ACQ_GUEST_BASELINE_UTIL_H
#define _ACQ_GUEST_BASELINE_UTIL_H

#include <linux/acq_baseline.h>
#include <sys/ioctl.h>

#include "ring-util.h"

struct t_base {
	struct acq_ctl *ctl;
	unsigned int sim_id;
	__u32 dev;
	int handle;		/* the ring's file */
	struct acq_ring ring;	/* mapped, but the kernel consumes it */
	struct acq_verify v;	/* channel 0's frames */
	__u32 frame_bytes;
};

/* acq_sim device @sim_id, channel 0 of @lines x @line_bytes at @line_rate. */
static inline void t_base_dev(struct t_base *b, unsigned int sim_id,
			      __u32 lines, __u32 line_bytes, __u32 line_rate)
{
	b->sim_id = sim_id;
	b->dev = t_sim_add(b->ctl, sim_id, 1);
	b->handle = t_dev_open(b->dev);
	t_chan_enable(b->ctl, b->dev, 0, b->handle, lines, line_bytes,
		      line_rate);
	b->frame_bytes = lines * line_bytes;
	acq_verify_init(&b->v, 0, lines, line_bytes);
}

/* A ring of @desc_count on the device, not started. */
static inline void t_base_attach(struct t_base *b, __u32 desc_count)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = desc_count);
	int err = acq_ring_attach(b->ctl, b->dev, b->handle, &opts, &b->ring);

	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
}

static inline void t_base_start(struct t_base *b)
{
	int err = acq_dev_start(b->ctl, b->dev, b->handle);

	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
}

static inline void t_base_stop(struct t_base *b)
{
	int err = acq_dev_stop(b->ctl, b->dev, b->handle);

	T_ASSERT(err == 0, "stop: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
}

/* read(2) of one record into @buf of @size: its length, or -errno. */
static inline ssize_t t_base_read(int fd, void *buf, size_t size)
{
	ssize_t n = read(fd, buf, size);

	return n < 0 ? -errno : n;
}

/* ACQ_IOC_FRAME_COPY into @buf of @size, the descriptor in *@desc. */
static inline int t_base_copy(int fd, void *buf, __u32 size,
			      struct acq_ring_desc *desc)
{
	struct acq_frame_copy c = {
		.buf = (__u64)(unsigned long)buf,
		.buf_size = size,
	};

	if (ioctl(fd, ACQ_IOC_FRAME_COPY, &c))
		return -errno;
	if (desc)
		*desc = c.desc;
	return 0;
}

/*
 * A record read into @rec (a struct acq_ring_desc, then the frame) of
 * @n bytes: whole, and every byte acq_sim's.
 */
static inline void t_base_check_record(struct t_base *b, const void *rec,
				       ssize_t n)
{
	const struct acq_ring_desc *desc = rec;

	T_ASSERT(n == (ssize_t)(sizeof(*desc) + desc->len),
		 "read %zd for a frame of %u", n, desc->len);
	t_verify(&b->v, desc, (const char *)rec + sizeof(*desc));
}

/*
 * Once stopped and drained: every frame the device delivered was taken,
 * and the kernel's consumer index never broke the protocol.
 */
static inline void t_base_check_drained(struct t_base *b)
{
	t_stats_drained(b->ctl, b->dev, 0, &b->ring, b->v.frames);
	T_ASSERT(b->ring.hdr->protocol_errors == 0, "%u protocol errors",
		 b->ring.hdr->protocol_errors);
	T_ASSERT(b->ring.hdr->consumer == b->ring.hdr->producer,
		 "consumer %u, producer %u", b->ring.hdr->consumer,
		 b->ring.hdr->producer);
}

#endif /* _ACQ_GUEST_BASELINE_UTIL_H */
