// SPDX-License-Identifier: GPL-2.0
/*
 * A verified capture on four channels of different geometry, through one
 * ring: every byte of every frame matches acq_sim's pattern, every
 * channel's sequence has no gap its descriptors do not account for,
 * timestamps advance, eventfd and poll() both wake the consumer, and when
 * the device stops produced = delivered + dropped holds for each channel.
 * Detaching gives every byte of the ring back.
 */
#include <poll.h>

#include "ring-util.h"

#define NR_CHAN		4
#define WANT_FRAMES	60	/* per channel */

struct chan_state {
	struct acq_verify v;
	__u64 frames;
	__u64 last_ts;
};

static const struct {
	__u32 lines, line_bytes, line_rate;
} geometry[NR_CHAN] = {
	{ 64, 1024, 12800 },	/* 64 KiB, 200 frames/s */
	{ 32, 256, 6400 },	/* 8 KiB */
	{ 100, 64, 20000 },	/* 100 lines: a short last chunk */
	{ 16, 4096, 3200 },	/* one chunk per frame */
};

static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	struct chan_state *cs = arg;
	t_verify(&cs->v, desc, frame);
	T_ASSERT(desc->timestamp_ns >= cs->last_ts, "chan %u: time went back",
		 desc->channel);
	cs->last_ts = desc->timestamp_ns;
	cs->frames++;
	return 0;
}

static int all_done(const struct chan_state *cs)
{
	for (int c = 0; c < NR_CHAN; c++)
		if (cs[c].frames < WANT_FRAMES)
			return 0;
	return 1;
}

int main(void)
{
	struct acq_frame_handler handlers[NR_CHAN];
	struct chan_state cs[NR_CHAN] = { 0 };
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64);
	struct acq_ring ring;
	struct acq_ctl *ctl;
	struct pollfd pfd;
	int handle, n, err, polled = 0;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 1, NR_CHAN);
	handle = t_dev_open(dev);

	for (int c = 0; c < NR_CHAN; c++) {
		t_chan_enable(ctl, dev, c, handle, geometry[c].lines,
			      geometry[c].line_bytes, geometry[c].line_rate);
		acq_verify_init(&cs[c].v, c, geometry[c].lines,
				geometry[c].line_bytes);
		handlers[c] = (struct acq_frame_handler){ on_frame, &cs[c] };
	}

	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(ring.hdr->desc_count == 64 && ring.hdr->nr_channels == NR_CHAN,
		 "geometry: %u descriptors, %u channels",
		 ring.hdr->desc_count, ring.hdr->nr_channels);
	/* Slots fit the largest frame, page-rounded. */
	T_ASSERT(ring.hdr->slot_size == 65536, "slot size %llu",
		 (unsigned long long)ring.hdr->slot_size);
	T_ASSERT(ring.hdr->flags & ACQ_RING_F_STOPPED, "not stopped");
	T_ASSERT(t_ring_bytes() > 64 * 65536, "ring memory not accounted");

	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));
	T_ASSERT(!(ring.hdr->flags & ACQ_RING_F_STOPPED), "stopped flag");

	while (!all_done(cs)) {
		/* Every other round waits on the handle rather than the eventfd. */
		if (polled++ % 2) {
			pfd = (struct pollfd){ .fd = handle, .events = POLLIN };
			n = poll(&pfd, 1, 2000);
			T_ASSERT(n == 1 && (pfd.revents & POLLIN),
				 "poll on the handle: %d, revents %#x", n,
				 pfd.revents);
		} else {
			n = acq_ring_wait(&ring, 2000);
			T_ASSERT(n > 0, "no frame within 2 s: %d", n);
		}
		n = acq_ring_dispatch(&ring, handlers, NR_CHAN, 1000);
		T_ASSERT(n >= 0, "dispatch: %s", strerror(-n));
	}

	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	T_ASSERT(ring.hdr->flags & ACQ_RING_F_STOPPED, "stopped flag");
	/* What was published before the stop is still there to read. */
	do
		n = acq_ring_dispatch(&ring, handlers, NR_CHAN, 1000);
	while (n > 0);
	T_ASSERT(n == 0, "drain: %s", strerror(-n));
	/* Stopped and drained: waiting says so at once, poll() says POLLPRI. */
	T_ASSERT_ERR(acq_ring_wait(&ring, -1), -ESHUTDOWN);
	pfd = (struct pollfd){ .fd = handle, .events = POLLIN | POLLPRI };
	T_ASSERT(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLPRI,
		 "poll on a stopped ring: revents %#x", pfd.revents);

	for (int c = 0; c < NR_CHAN; c++) {
		struct acq_chan_stats st = t_stats_drained(ctl, dev, c, &ring,
							   cs[c].frames);

		T_ASSERT(st.dropped == cs[c].v.dropped,
			 "chan %d: dropped %llu, descriptors %llu", c,
			 (unsigned long long)st.dropped,
			 (unsigned long long)cs[c].v.dropped);
		T_ASSERT(st.chunks >= st.produced *
			 ((geometry[c].lines + 15) / 16),
			 "chan %d: %llu chunks for %llu frames", c,
			 (unsigned long long)st.chunks,
			 (unsigned long long)st.produced);
		printf("chan %d: %llu frames verified, %llu dropped\n", c,
		       (unsigned long long)cs[c].frames,
		       (unsigned long long)st.dropped);
	}

	err = acq_ring_detach(ctl, &ring);
	T_ASSERT(err == 0, "detach: %s", strerror(-err));
	T_ASSERT(t_ring_bytes() == 0, "%ld ring bytes left", t_ring_bytes());
	/* No ring on the handle any more: nothing will come. */
	pfd = (struct pollfd){ .fd = handle, .events = POLLIN };
	T_ASSERT(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP),
		 "poll without a ring: revents %#x", pfd.revents);
	close(handle);
	t_sim_del(1);
	t_acq_sim_close(ctl);
	return T_PASS;
}
