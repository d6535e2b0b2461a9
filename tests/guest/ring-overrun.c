// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer too slow for its device: the ring fills, new frames are
 * dropped rather than written over frames the consumer still reads, and
 * every drop is accounted for: in the next descriptor of the channel, in
 * the header's per-channel counters, and in produced = delivered + dropped.
 */
#include <time.h>

#include "ring-util.h"

#define NR_CHAN		2
#define DESCS		4

struct chan_state {
	struct acq_verify v;
	__u64 frames;
};

static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	struct chan_state *cs = arg;

	t_verify(&cs->v, desc, frame);
	cs->frames++;
	/* Slow: hold every frame a while, as a consumer doing real work. */
	usleep(5000);
	return 0;
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = DESCS);
	struct acq_frame_handler handlers[NR_CHAN];
	struct chan_state cs[NR_CHAN] = { 0 };
	struct timespec t0, t;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	int handle, n, err;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 2, NR_CHAN);
	handle = t_dev_open(dev);
	for (int c = 0; c < NR_CHAN; c++) {
		/* 8 KiB frames, 1000 a second: far more than we read. */
		t_chan_enable(ctl, dev, c, handle, 32, 256, 32000);
		acq_verify_init(&cs[c].v, c, 32, 256);
		handlers[c] = (struct acq_frame_handler){ on_frame, &cs[c] };
	}
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));

	/* Not reading at all for a while fills the ring at once. */
	usleep(300 * 1000);
	T_ASSERT(ring.hdr->producer - ring.consumer == DESCS,
		 "ring not full: %u ready", ring.hdr->producer - ring.consumer);
	T_ASSERT(ring.hdr->dropped[0] && ring.hdr->dropped[1],
		 "no drops counted: %llu %llu",
		 (unsigned long long)ring.hdr->dropped[0],
		 (unsigned long long)ring.hdr->dropped[1]);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		n = acq_ring_wait(&ring, 1000);
		T_ASSERT(n > 0, "wait: %d", n);
		n = acq_ring_dispatch(&ring, handlers, NR_CHAN, 1);
		T_ASSERT(n >= 0, "dispatch: %s", strerror(-n));
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < 2);

	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	do
		n = acq_ring_dispatch(&ring, handlers, NR_CHAN, DESCS);
	while (n > 0);

	for (int c = 0; c < NR_CHAN; c++) {
		struct acq_chan_stats st = t_stats_drained(ctl, dev, c, &ring,
							   cs[c].frames);

		/*
		 * Every drop is in a descriptor but those after the last
		 * frame delivered, whose seq tells how many there are.
		 */
		T_ASSERT(cs[c].v.dropped + (st.produced - cs[c].v.next_seq) ==
			 st.dropped,
			 "chan %d: descriptors report %llu of %llu drops, "
			 "the last delivered seq is %llu of %llu", c,
			 (unsigned long long)cs[c].v.dropped,
			 (unsigned long long)st.dropped,
			 (unsigned long long)cs[c].v.next_seq - 1,
			 (unsigned long long)st.produced);
		T_ASSERT(st.dropped > st.delivered,
			 "chan %d: a slow consumer but only %llu dropped", c,
			 (unsigned long long)st.dropped);
		T_ASSERT(st.last_error == ENOBUFS,
			 "chan %d: last error %u after drops, want ENOBUFS",
			 c, st.last_error);
		printf("chan %d: produced %llu = delivered %llu + dropped %llu; "
		       "%llu reported in descriptors\n", c,
		       (unsigned long long)st.produced,
		       (unsigned long long)st.delivered,
		       (unsigned long long)st.dropped,
		       (unsigned long long)cs[c].v.dropped);
	}

	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(handle);
	t_sim_del(2);
	t_acq_sim_close(ctl);
	return T_PASS;
}
