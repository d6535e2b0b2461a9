/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for guest tests of the data plane: a simulated device, its
 * channels, an attached ring, and the counters that must add up.
 */
#ifndef _ACQ_GUEST_RING_UTIL_H
#define _ACQ_GUEST_RING_UTIL_H

#include <acq/acqctl.h>
#include <acq/ring.h>

#include "guest.h"
#include "verify.h"

/* acq and acq_sim loaded, and a control handle on them. */
static inline struct acq_ctl *t_acq_sim_open(void)
{
	struct acq_ctl *ctl;

	t_load_module("acq");
	t_load_module("sim/acq_sim");
	ctl = acq_ctl_open();
	T_ASSERT(ctl, "acq_ctl_open: %m");
	return ctl;
}

/* The reverse of t_acq_sim_open(), once the test's devices are gone. */
static inline void t_acq_sim_close(struct acq_ctl *ctl)
{
	acq_ctl_close(ctl);
	t_unload_module("acq_sim");
	t_unload_module("acq");
}

/* A handle of device @dev: its /dev/acqN opened read-write. */
static inline int t_dev_open(__u32 dev)
{
	int handle = acq_dev_open(dev);

	T_ASSERT(handle >= 0, "open /dev/acq%u: %s", dev, strerror(-handle));
	return handle;
}

/* Every byte of a frame is acq_sim's, and no frame went missing unsaid. */
static inline void t_verify(struct acq_verify *v,
			    const struct acq_ring_desc *desc, const void *frame)
{
	T_ASSERT(acq_verify_frame(v, desc, frame) == 0, "chan %u seq %u: %s",
		 desc->channel, desc->seq, v->last_error);
}

struct t_find {
	char parent[ACQ_PARENT_NAME_LEN];
	__u32 id;
	int found;
};

static int t_find_cb(const struct acq_dev_info *info, void *arg)
{
	struct t_find *f = arg;

	if (strcmp(info->parent, f->parent))
		return 0;
	f->id = info->id;
	f->found = 1;
	return 1;
}

/* Create acq_sim device @sim_id with @nr channels; its acq device id. */
static inline __u32 t_sim_add(struct acq_ctl *ctl, unsigned int sim_id,
			      unsigned int nr)
{
	struct t_find f = { .found = 0 };
	char buf[32];

	snprintf(buf, sizeof(buf), "%u %u", sim_id, nr);
	t_sysfs_write("/sys/bus/acq_sim/new_device", buf);
	snprintf(f.parent, sizeof(f.parent), "acq_sim%u", sim_id);
	T_ASSERT(acq_dev_foreach(ctl, t_find_cb, &f) >= 0, "dev dump: %m");
	T_ASSERT(f.found, "no acq device for %s", f.parent);
	return f.id;
}

static inline void t_sim_del(unsigned int sim_id)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", sim_id);
	t_sysfs_write("/sys/bus/acq_sim/del_device", buf);
}

#define T_SIM_DEBUGFS	"/sys/kernel/debug/acq_sim/acq_sim%u/%s"

/* @file of acq_sim device @sim_id's debugfs, opened with @flags. */
static inline int t_sim_debugfs_open(unsigned int sim_id, const char *file,
				     int flags)
{
	char path[96];
	int fd;

	snprintf(path, sizeof(path), T_SIM_DEBUGFS, sim_id, file);
	fd = open(path, flags | O_CLOEXEC);
	T_ASSERT(fd >= 0, "acq_sim's debugfs: open %s: %m", path);
	return fd;
}

/* acq_sim device @sim_id's debugfs went with the device. */
static inline void t_sim_debugfs_gone(unsigned int sim_id)
{
	char path[96];

	snprintf(path, sizeof(path), T_SIM_DEBUGFS, sim_id, "");
	T_ASSERT(access(path, F_OK) && errno == ENOENT, "debugfs left: %s",
		 path);
}

/* A ring of 256 MiB: seconds to allocate and zero under emulation. */
#define T_BIG_DESC	256
#define T_BIG_SLOT	(1024 * 1024)

/*
 * In a child of t_start_big(): attach a big ring to @dev, saying on @out
 * when the attach began and when it returned (t_now_ns()); its error.
 * *@ctl is the handle it used, for its message.
 */
static inline int t_attach_big(__u32 dev, int out, struct acq_ctl **ctl,
			       struct acq_ring *ring)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = T_BIG_DESC, .slot_size = T_BIG_SLOT,
		 .no_eventfd = 1);
	long long t;
	int handle, err;

	*ctl = acq_ctl_open();
	T_ASSERT(*ctl, "attacher: acq_ctl_open: %m");
	handle = t_dev_open(dev);
	t = t_now_ns();
	T_ASSERT(write(out, &t, sizeof(t)) == sizeof(t), "write: %m");
	err = acq_ring_attach(*ctl, dev, handle, &opts, ring);
	t = t_now_ns();
	T_ASSERT(write(out, &t, sizeof(t)) == sizeof(t), "write: %m");
	return err;
}

/*
 * Fork @attacher, which calls t_attach_big() and exits; its pid once the
 * attach began, when *@begun. *@rd then says when it returned.
 */
static inline pid_t t_start_big(void (*attacher)(__u32 dev, int out),
				__u32 dev, int *rd, long long *begun)
{
	pid_t pid = t_fork_piped(attacher, dev, rd);

	T_ASSERT(read(*rd, begun, sizeof(*begun)) == sizeof(*begun),
		 "the attacher did not begin");
	return pid;
}

/* Enable channel @chan with frames of @lines x @line_bytes. */
static inline void t_chan_enable(struct acq_ctl *ctl, __u32 dev, __u32 chan,
				 int handle, __u32 lines, __u32 line_bytes,
				 __u32 line_rate)
{
	ACQ_OPTS(acq_chan_config, cfg,
		 .enabled = 1, .lines = lines, .line_bytes = line_bytes,
		 .lines_per_chunk = lines < 16 ? lines : 16,
		 .line_rate = line_rate);
	int err = acq_chan_set(ctl, dev, chan, handle, &cfg);

	T_ASSERT(err == 0, "chan set %u: %s (%s)", chan, strerror(-err),
		 acq_ctl_errmsg(ctl));
}

static inline struct acq_chan_stats t_stats(struct acq_ctl *ctl, __u32 dev,
					    __u32 chan)
{
	struct acq_chan_stats st;
	int err = acq_stats_get(ctl, dev, chan, &st, sizeof(st));

	T_ASSERT(err == 0, "stats %u: %s", chan, strerror(-err));
	return st;
}

/* The invariant of every stopped channel. */
static inline void t_stats_check(struct acq_ctl *ctl, __u32 dev, __u32 chan)
{
	struct acq_chan_stats st = t_stats(ctl, dev, chan);

	T_ASSERT(st.produced == st.delivered + st.dropped,
		 "chan %u: produced %llu != delivered %llu + dropped %llu",
		 chan, (unsigned long long)st.produced,
		 (unsigned long long)st.delivered,
		 (unsigned long long)st.dropped);
}

/*
 * A channel's counters once its device is stopped and the ring drained:
 * they add up, every delivered frame was @read, and the header counted
 * the same drops.
 */
static inline struct acq_chan_stats t_stats_drained(struct acq_ctl *ctl,
						    __u32 dev, __u32 chan,
						    const struct acq_ring *ring,
						    __u64 read)
{
	struct acq_chan_stats st = t_stats(ctl, dev, chan);

	t_stats_check(ctl, dev, chan);
	T_ASSERT(st.delivered == read, "chan %u: delivered %llu, read %llu",
		 chan, (unsigned long long)st.delivered,
		 (unsigned long long)read);
	T_ASSERT(st.dropped == ring->hdr->dropped[chan],
		 "chan %u: dropped %llu, header says %llu", chan,
		 (unsigned long long)st.dropped,
		 (unsigned long long)ring->hdr->dropped[chan]);
	return st;
}

/* What the kernel holds in rings now. */
static inline long t_ring_bytes(void)
{
	return t_acq_memory("bytes");
}

#endif /* _ACQ_GUEST_RING_UTIL_H */
