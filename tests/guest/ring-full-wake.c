// SPDX-License-Identifier: GPL-2.0
/*
 * A full ring wakes its consumer, whatever the threshold: wake-frames as
 * large as the ring and a bound of 1 s, 250 frames a second into a ring
 * of 8. The ring fills in 32 ms; the consumer, asleep on the handle (and,
 * in need-wakeup mode, having said so), is woken well before the bound,
 * each time it lets the ring fill again.
 */
#include "ring-util.h"

#define ROUNDS	5

static void fill_wakes(struct acq_ctl *ctl, __u32 dev, int handle,
		       int need_wakeup)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8, .wake_frames = 8,
		 .wake_usecs = 1000000, .need_wakeup = need_wakeup);
	long long t0, took, worst = 0;
	struct acq_ring ring;
	int i, n;

	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	for (i = 0; i < ROUNDS; i++) {
		t0 = t_now_ms();
		n = acq_ring_wait(&ring, 5000);
		took = t_now_ms() - t0;
		T_ASSERT(n > 0, "round %d: no wake-up in 5 s (%d)", i, n);
		if (took > worst)
			worst = took;
		n = acq_ring_dispatch(&ring, NULL, 0, ~0U);
		T_ASSERT(n > 0, "dispatch: %s", strerror(-n));
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	printf("ring of 8, wake-frames 8, bound 1 s%s: the longest wait "
	       "took %lld ms\n", need_wakeup ? ", need-wakeup" : "", worst);
	T_ASSERT(worst < 600, "a full ring waited %lld ms for its wake-up",
		 worst);
}

int main(void)
{
	struct acq_ctl *ctl;
	__u32 dev;
	int handle;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 4000);
	fill_wakes(ctl, dev, handle, 0);
	fill_wakes(ctl, dev, handle, 1);
	t_stats_check(ctl, dev, 0);
	close(handle);
	t_sim_del(0);
	t_acq_sim_close(ctl);
	return T_PASS;
}
