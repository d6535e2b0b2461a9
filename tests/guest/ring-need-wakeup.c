// SPDX-License-Identifier: GPL-2.0
/*
 * ring-attach's need-wakeup on the real kernel: the header says the mode,
 * and the kernel signals only a consumer that said it sleeps. At 250
 * frames a second the consumer sleeps between frames: every frame is
 * verified, it sleeps about once a frame, and no sleep of it times out
 * while a frame was ready (the kernel's smp_mb() against libacqctl's
 * fence: 0 allowed). At acq_sim's full rate, the consumer busy with the
 * frames of one wake-up finds the next ones without a signal: well below
 * one wake-up per frame, where a ring without need-wakeup takes a signal
 * a frame. A ring attached without need-wakeup says so and leaves
 * wake_flags alone.
 */
#include "ring-util.h"
#include "../unit/poll_count.h"

/* The consumer's timeout: a lost wake-up costs it whole. */
#define WAIT_MS		2000

static int verify_cb(const struct acq_ring_desc *desc, const void *frame,
		     void *arg)
{
	t_verify(arg, desc, frame);
	return 0;
}

struct run {
	unsigned long frames;
	unsigned long waits;
	unsigned long sleeps;
	unsigned long late;	/* woken by the timeout with frames ready */
	__u64 signals;		/* the eventfd's count: the kernel's */
};

/*
 * Capture @frames frames of channel 0 with acq_ring_wait() and a verifying
 * dispatch, in need-wakeup mode or not.
 */
static struct run capture(struct acq_ctl *ctl, __u32 dev, int handle,
			  int need_wakeup, unsigned long frames)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64,
		 .need_wakeup = need_wakeup);
	struct acq_frame_handler h;
	struct acq_verify v;
	struct acq_ring ring;
	struct run run = { 0 };
	unsigned long timeouts;
	long long t0;
	int n;

	acq_verify_init(&v, 0, 16, 1024);
	h = (struct acq_frame_handler){ verify_cb, &v };
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(!!(acq_ring_flags(&ring) & ACQ_RING_F_NEED_WAKEUP) ==
		 need_wakeup, "header flags %#x, need-wakeup %d",
		 acq_ring_flags(&ring), need_wakeup);
	memset(&polls, 0, sizeof(polls));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	while (run.frames < frames) {
		timeouts = polls.timeouts;
		t0 = t_now_ms();
		n = acq_ring_wait(&ring, WAIT_MS);
		T_ASSERT(n > 0, "wait %lu, %lu frames in: %d (%s)", run.waits,
			 run.frames, n, n ? strerror(-n) : "timed out");
		run.waits++;
		if (polls.timeouts != timeouts) {
			run.late++;
			printf("wait %lu: timed out after %lld ms with %d "
			       "frames ready\n", run.waits, t_now_ms() - t0, n);
		}
		n = acq_ring_dispatch(&ring, &h, 1, ~0U);
		T_ASSERT(n > 0, "dispatch: %s", strerror(-n));
		run.frames += n;
		T_ASSERT(!need_wakeup ||
			 !(ring.hdr->wake_flags & ACQ_RING_WAKE_NEEDED),
			 "WAKE_NEEDED left set by a wait that returned");
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	run.sleeps = polls.calls;
	/* Waited on the handle: the eventfd counts the kernel's signals. */
	T_ASSERT(read(acq_ring_eventfd(&ring), &run.signals,
		      sizeof(run.signals)) == sizeof(run.signals),
		 "eventfd: %m");
	T_ASSERT(ring.hdr->wake_flags == 0, "wake_flags %#x",
		 ring.hdr->wake_flags);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	printf("%s, %lu frames verified: %lu waits, %lu sleeps, %llu "
	       "signals (%.2f a frame, the stop's included), %lu timed out "
	       "with frames ready\n",
	       need_wakeup ? "need-wakeup" : "without need-wakeup",
	       run.frames, run.waits, run.sleeps,
	       (unsigned long long)run.signals,
	       (double)run.signals / (double)run.frames, run.late);
	return run;
}

int main(void)
{
	struct run slow, fast, plain;
	struct acq_ctl *ctl;
	__u32 dev;
	int handle;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);

	/* 250 frames a second of 16 KiB: the consumer sleeps between. */
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 4000);
	slow = capture(ctl, dev, handle, 1, 500);
	T_ASSERT(slow.late == 0, "%lu waits timed out with frames ready",
		 slow.late);
	T_ASSERT(slow.sleeps >= slow.waits / 2, "%lu sleeps in %lu waits: "
		 "the consumer did not sleep between frames", slow.sleeps,
		 slow.waits);
	T_ASSERT(slow.signals >= slow.sleeps / 2, "%llu signals for %lu "
		 "sleeps", (unsigned long long)slow.signals, slow.sleeps);

	/* As fast as acq_sim goes: 16 KiB frames at 256 MB/s offered. */
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 16000000);
	fast = capture(ctl, dev, handle, 1, 10000);
	plain = capture(ctl, dev, handle, 0, 10000);
	T_ASSERT(fast.late == 0, "%lu waits timed out with frames ready",
		 fast.late);
	/*
	 * Woken (a sleep that ended) far less than once a frame (0.01 a
	 * frame on 6.12, 0.1 on the debug kernel). The
	 * kernel signals each frame published while the flag is up, until
	 * the woken consumer clears it: more signals than wake-ups, how
	 * many depending on how fast it wakes (0.13 a frame on 6.12, 0.85
	 * on the debug kernel), so not asserted.
	 */
	T_ASSERT(fast.sleeps * 4 < fast.frames, "need-wakeup at full rate: "
		 "%lu wake-ups for %lu frames", fast.sleeps, fast.frames);
	T_ASSERT(plain.signals >= plain.frames, "without need-wakeup: %llu "
		 "signals for %lu frames", (unsigned long long)plain.signals,
		 plain.frames);

	t_stats_check(ctl, dev, 0);
	close(handle);
	t_sim_del(0);
	t_acq_sim_close(ctl);
	return T_PASS;
}
