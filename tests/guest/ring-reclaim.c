// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer that releases a whole ring at once (a hostile one, or one
 * calling acq_ring_release() itself): the producer takes the slots back a
 * bounded batch per frame, not all of them in one interrupt with
 * interrupts off (debugfs
 * acq/reclaim_max), and still gets every slot back: the ring fills to its
 * last descriptor again, and produced = delivered + dropped. A consumer
 * index behind the one released, stored while the producer is still
 * taking that release back, is a protocol error like any other index
 * going backwards, though the slots behind it are not all taken back yet.
 */
#include <fcntl.h>

#include "ring-util.h"

#define DESCS		4096
#define LINES		16
#define LINE_BYTES	256	/* 4 KiB frames */
#define RECLAIM_PATH	"/sys/kernel/debug/acq/reclaim_max"
/* km/producer.c's ACQ_RECLAIM_BATCH */
#define RECLAIM_BATCH	64
/* 16 lines at this rate: 10 frames a second, a reclaim batch each. */
#define SLOW_LINE_RATE	160

static unsigned long reclaim_max(void)
{
	char buf[32] = "";
	ssize_t n;
	int fd;

	fd = open(RECLAIM_PATH, O_RDONLY | O_CLOEXEC);
	T_ASSERT(fd >= 0, "open %s: %m", RECLAIM_PATH);
	n = read(fd, buf, sizeof(buf) - 1);
	T_ASSERT(n > 0, "read %s: %m", RECLAIM_PATH);
	close(fd);
	return strtoul(buf, NULL, 10);
}

/* Until the ring holds every descriptor, within @ms. */
static void wait_full(const struct acq_ring *ring, int ms)
{
	long long end = t_now_ms() + ms;
	int ready;

	while ((ready = acq_ring_ready(ring)) < DESCS) {
		T_ASSERT(ready >= 0, "ready: %d", ready);
		T_ASSERT(t_now_ms() < end, "ring not full after %d ms: %d ready",
			 ms, ready);
		usleep(10 * 1000);
	}
}

static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	t_verify(arg, desc, frame);
	return 0;
}

/*
 * The ring full and stopped: release all of it at once, let a frame or
 * two begin (a batch taken back each, far from all), then go back behind
 * the release.
 */
static void check_backwards(struct acq_ctl *ctl, __u32 dev, int handle,
			    struct acq_ring *ring)
{
	__u32 released, filled;
	__u64 dropped;
	long long end;
	int err;

	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, SLOW_LINE_RATE);
	acq_ring_release(ring, DESCS);
	released = ring->consumer;
	T_ASSERT(ring->hdr->protocol_errors == 0, "protocol errors before");
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));
	usleep(250 * 1000);
	__atomic_store_n(&ring->hdr->consumer, released - DESCS / 2,
			 __ATOMIC_RELEASE);
	/* The next frame's reclaim judges it: 100 ms, but TCG is slow. */
	end = t_now_ms() + 3000;
	while (!ring->hdr->protocol_errors && t_now_ms() < end)
		usleep(10 * 1000);
	T_ASSERT(ring->hdr->protocol_errors > 0,
		 "an index behind the one released was accepted");

	/*
	 * The bad index left in place, and frames fast: it means no
	 * progress past the index released, whose slots still come back,
	 * a batch a frame. The ring fills (all but a few) before any drop.
	 */
	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, 500000);
	dropped = ring->hdr->dropped[0];
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));
	end = t_now_ms() + 20000;
	while (ring->hdr->dropped[0] == dropped && t_now_ms() < end)
		usleep(10 * 1000);
	T_ASSERT(ring->hdr->dropped[0] > dropped, "no drop in 20 s");
	filled = __atomic_load_n(&ring->hdr->producer, __ATOMIC_ACQUIRE) -
		 released;
	printf("after a bad index, %u of %d released slots reused\n", filled,
	       DESCS);
	T_ASSERT(filled >= DESCS / 2,
		 "a bad index held back released slots: %u of %d reused",
		 filled, DESCS);
	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	__atomic_store_n(&ring->hdr->consumer, released, __ATOMIC_RELEASE);
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = DESCS,
		 .slot_size = LINES * LINE_BYTES, .no_eventfd = 1);
	struct acq_frame_handler handler;
	struct acq_chan_stats st;
	struct acq_verify v;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	unsigned long max;
	__u64 read = 0;
	int handle, n, err;
	long long end;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 3, 1);
	handle = t_dev_open(dev);
	/* 4 KiB frames, about 30000 a second: the ring fills in a blink. */
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, 500000);
	acq_verify_init(&v, 0, LINES, LINE_BYTES);
	handler = (struct acq_frame_handler){ on_frame, &v };
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	t_sysfs_write(RECLAIM_PATH, "0");
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));

	/* Read nothing: the ring fills, then frames are dropped. */
	wait_full(&ring, 20000);

	/* The whole ring read and released with one store. */
	for (n = 0; n < DESCS; n++) {
		const struct acq_ring_desc *desc =
			&ring.desc[(ring.consumer + n) & ring.mask];

		t_verify(&v, desc, acq_ring_frame(&ring, desc));
	}
	acq_ring_release(&ring, DESCS);
	read += DESCS;

	/* Consume a while, a frame at a time, then fill the ring again. */
	end = t_now_ms() + 500;
	while (t_now_ms() < end) {
		n = acq_ring_dispatch(&ring, &handler, 1, 1);
		T_ASSERT(n >= 0, "dispatch: %s", strerror(-n));
		read += n;
	}
	wait_full(&ring, 20000);

	max = reclaim_max();
	printf("largest reclaim: %lu slots (ring of %d)\n", max, DESCS);
	T_ASSERT(max > 0 && max <= RECLAIM_BATCH,
		 "one frame's reclaim took back %lu slots, want 1..%d", max,
		 RECLAIM_BATCH);

	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	do {
		n = acq_ring_dispatch(&ring, &handler, 1, DESCS);
		T_ASSERT(n >= 0, "dispatch: %s", strerror(-n));
		read += n;
	} while (n > 0);
	st = t_stats_drained(ctl, dev, 0, &ring, read);
	T_ASSERT(st.dropped > 0, "the full ring dropped nothing");
	printf("produced %llu = delivered %llu + dropped %llu\n",
	       (unsigned long long)st.produced,
	       (unsigned long long)st.delivered,
	       (unsigned long long)st.dropped);

	/* Full again, stopped, for the index going backwards. */
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));
	wait_full(&ring, 20000);
	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	check_backwards(ctl, dev, handle, &ring);

	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(handle);
	t_sim_del(3);
	t_acq_sim_close(ctl);
	return T_PASS;
}
