// SPDX-License-Identifier: GPL-2.0
/*
 * ring-attach's wake-frames: the kernel signals the consumer's eventfd
 * only once that many frames wait, or wake-usecs after the first of them.
 * In one run, the same stream consumed with wake-frames 1 and 8 (and a
 * bound too long to matter): with 1 every published frame is a signal,
 * with 8 there are fewer signals by far, and no frame is lost or late (the
 * stop wakes the consumer for the last ones). A trickle slower than the
 * threshold is still seen by a wait with a timeout, and a consumer that
 * waits on its eventfd alone gets every frame of it within the bound, not
 * after the threshold's worth of frames. A threshold larger
 * than the ring is refused, and so is a start where it is more than can
 * wait with the channels enabled (the bound's values are tried around it,
 * and with more channels enabled than slots). A consumer that waits on the handle
 * alone (no eventfd) is woken by a stop that someone else makes, and one
 * whose ring someone else detaches is told so, not handed lost frames.
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "internal.h"
#include "ring-util.h"

#define FRAMES		400

static void attach(struct acq_ctl *ctl, __u32 dev, int handle,
		   __u32 wake_frames, __u32 wake_usecs, struct acq_ring *ring)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = 64, .wake_frames = wake_frames,
		 .wake_usecs = wake_usecs);
	int err = acq_ring_attach(ctl, dev, handle, &opts, ring);

	T_ASSERT(err == 0, "attach, wake-frames %u: %s (%s)", wake_frames,
		 strerror(-err), acq_ctl_errmsg(ctl));
}

/*
 * Consume FRAMES frames waiting on the eventfd alone, and return how many
 * times the kernel signalled it (an eventfd counts its signals).
 */
static __u64 signals_for(struct acq_ctl *ctl, __u32 dev, int handle,
			 __u32 wake_frames, __u32 wake_usecs)
{
	struct acq_verify v;
	struct acq_ring ring;
	struct pollfd pfd;
	__u64 frames = 0, signals = 0, count;
	const struct acq_ring_desc *desc;
	int n;

	acq_verify_init(&v, 0, 16, 1024);
	attach(ctl, dev, handle, wake_frames, wake_usecs, &ring);
	pfd.fd = acq_ring_eventfd(&ring);
	pfd.events = POLLIN;
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	while (frames < FRAMES) {
		n = poll(&pfd, 1, 5000);
		T_ASSERT(n == 1, "no wake-up in 5 s with %llu of %d read, "
			 "wake-frames %u", (unsigned long long)frames, FRAMES,
			 wake_frames);
		T_ASSERT(read(pfd.fd, &count, sizeof(count)) == sizeof(count),
			 "eventfd read: %m");
		signals += count;
		while (acq_ring_peek(&ring, &desc) == 0) {
			t_verify(&v, desc, acq_ring_frame(&ring, desc));
			acq_ring_release(&ring, 1);
			frames++;
		}
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	printf("wake-frames %u: %llu signals for %llu frames\n", wake_frames,
	       (unsigned long long)signals, (unsigned long long)frames);
	return signals;
}

/* Ten frames a second, a threshold of 8: each 300 ms wait sees a few. */
static void trickle(struct acq_ctl *ctl, __u32 dev, int handle)
{
	struct acq_ring ring;
	long long t0;
	int n, seen = 0, waits = 0;

	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 160);
	attach(ctl, dev, handle, 8, 0, &ring);
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start");
	t0 = t_now_ms();
	while (t_now_ms() < t0 + 1500) {
		n = acq_ring_wait(&ring, 300);
		T_ASSERT(n >= 0, "wait: %s", strerror(-n));
		waits++;
		seen += n;
		n = acq_ring_dispatch(&ring, NULL, 0, ~0U);
		T_ASSERT(n >= 0, "dispatch: %s", strerror(-n));
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	printf("trickle: %d frames seen in %d waits of 300 ms\n", seen, waits);
	T_ASSERT(seen > 0, "a trickle below wake-frames was never seen");
}

/*
 * Ten frames a second, a threshold of 8 and a bound of 5 ms, the consumer
 * blocked on its eventfd: each frame wakes it within the bound, give or
 * take the guest's latency, where without one the first of every eight
 * would wait 700 ms for the seven after it (and the last ones forever,
 * were the device to pause).
 */
static void bounded(struct acq_ctl *ctl, __u32 dev, int handle)
{
	const struct acq_ring_desc *desc;
	long long now, wait, worst = 0;
	struct acq_ring ring;
	struct pollfd pfd;
	int frames = 0;
	__u64 count;

	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 160);
	attach(ctl, dev, handle, 8, 5000, &ring);
	pfd.fd = acq_ring_eventfd(&ring);
	pfd.events = POLLIN;
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start");
	while (frames < 12) {
		T_ASSERT(poll(&pfd, 1, 5000) == 1,
			 "no wake-up in 5 s, %d frames read", frames);
		T_ASSERT(read(pfd.fd, &count, sizeof(count)) == sizeof(count),
			 "eventfd read: %m");
		now = t_now_ns();
		while (acq_ring_peek(&ring, &desc) == 0) {
			wait = now - (long long)desc->timestamp_ns;
			if (wait > worst)
				worst = wait;
			acq_ring_release(&ring, 1);
			frames++;
		}
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	printf("wake-usecs 5000, wake-frames 8, 10 frames/s: %d frames, "
	       "the longest waited %lld us\n", frames, worst / 1000);
	T_ASSERT(worst < 400 * 1000000LL,
		 "a frame waited %lld ms for its wake-up", worst / 1000000);
}

/* Two channels may each hold a slot: 8 of 8 can never wait. */
static void start_refused(struct acq_ctl *ctl, __u32 dev, int handle)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8, .wake_frames = 8);
	struct acq_ring ring;

	t_chan_enable(ctl, dev, 1, handle, 16, 1024, 16000);
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT_ERR(acq_dev_start(ctl, dev, handle), -EINVAL);
	T_ASSERT(strstr(acq_ctl_errmsg(ctl), "wake-frames above what can wait"),
		 "extack: %s", acq_ctl_errmsg(ctl));
	printf("wake-frames 8 of 8, two channels: %s\n", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	T_ASSERT(acq_chan_set(ctl, dev, 1, handle, &(struct acq_chan_config){
		.sz = sizeof(struct acq_chan_config), .enabled = 0 }) == 0,
		"disable");
}

/*
 * The bound at start, on a device of four channels: with every other
 * enabled channel holding a slot in flight, desc_count - enabled + 1
 * frames can wait; with more channels than slots, a wake-up at every
 * frame is still reachable, and nothing more. Below, at and above the
 * bound; a start that is taken must wake its consumer.
 */
static void bound(struct acq_ctl *ctl, __u32 dev, int handle,
		  __u32 desc_count, unsigned int enabled, __u32 wake_frames,
		  int ok)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = desc_count, .wake_frames = wake_frames);
	struct acq_ring ring;
	unsigned int i;
	int n;

	for (i = 0; i < 4; i++) {
		if (i < enabled)
			t_chan_enable(ctl, dev, i, handle, 16, 1024, 16000);
		else
			T_ASSERT(acq_chan_set(ctl, dev, i, handle,
				&(struct acq_chan_config){
					.sz = sizeof(struct acq_chan_config),
					.enabled = 0 }) == 0,
				"disable %u: %s", i, acq_ctl_errmsg(ctl));
	}
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach %u: %s", desc_count, acq_ctl_errmsg(ctl));
	n = acq_dev_start(ctl, dev, handle);
	printf("ring of %u, %u enabled, wake-frames %u: %s\n", desc_count,
	       enabled, wake_frames, n ? acq_ctl_errmsg(ctl) : "started");
	if (ok) {
		T_ASSERT(n == 0, "ring of %u, %u enabled, wake-frames %u "
			 "refused: %s", desc_count, enabled, wake_frames,
			 acq_ctl_errmsg(ctl));
		n = acq_ring_wait(&ring, 5000);
		T_ASSERT(n > 0, "ring of %u, %u enabled, wake-frames %u: "
			 "no wake-up in 5 s (%d)", desc_count, enabled,
			 wake_frames, n);
		T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	} else {
		T_ASSERT(n == -EINVAL, "ring of %u, %u enabled, wake-frames "
			 "%u: start gave %d, not EINVAL", desc_count, enabled,
			 wake_frames, n);
		T_ASSERT(strstr(acq_ctl_errmsg(ctl),
				"wake-frames above what can wait"),
			 "extack: %s", acq_ctl_errmsg(ctl));
	}
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
}

static void bounds(struct acq_ctl *ctl)
{
	__u32 dev = t_sim_add(ctl, 1, 4);
	int handle = t_dev_open(dev);

	bound(ctl, dev, handle, 4, 2, 2, 1);	/* below 4 - 2 + 1 */
	bound(ctl, dev, handle, 4, 2, 3, 1);	/* at */
	bound(ctl, dev, handle, 4, 2, 4, 0);	/* above */
	bound(ctl, dev, handle, 2, 2, 1, 1);	/* at 2 - 2 + 1 */
	bound(ctl, dev, handle, 2, 2, 2, 0);	/* above */
	bound(ctl, dev, handle, 2, 3, 1, 1);	/* more channels than slots */
	bound(ctl, dev, handle, 2, 3, 2, 0);
	bound(ctl, dev, handle, 2, 4, 1, 1);
	bound(ctl, dev, handle, 2, 4, 2, 0);	/* was taken: u32 wrapped */
	close(handle);
	t_sim_del(1);
}

/*
 * A started ring of 8, consumed with no timeout, while 300 ms in an
 * administrator (no handle) sends @cmd naming the device by @id_attr: the
 * error that ends the consumer's wait, where a hang fails the test rather
 * than the run.
 */
static int consume_until_admin(struct acq_ctl *ctl, __u32 dev, int handle,
			       int no_eventfd, __u8 cmd, int id_attr,
			       struct acq_ring *ring)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = 8, .no_eventfd = no_eventfd);
	int n, status;
	pid_t pid;

	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start");
	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid) {
		struct acq_ctl *admin = acq_ctl_open();

		usleep(300000);
		T_ASSERT(admin && acq_request_handle(admin, cmd, id_attr, dev,
						     0, -1) == 0,
			 "admin's request %u: %m", cmd);
		_exit(T_PASS);
	}
	alarm(20);
	do {
		n = acq_ring_wait(ring, -1);
		if (n > 0)
			n = acq_ring_dispatch(ring, NULL, 0, ~0U);
	} while (n > 0);
	alarm(0);
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 WEXITSTATUS(status) == T_PASS, "the admin failed");
	return n;
}

/* Waiting on the handle alone: an admin's stop ends the wait. */
static void stopped_by_another(struct acq_ctl *ctl, __u32 dev, int handle)
{
	struct acq_ring ring;

	T_ASSERT_ERR(consume_until_admin(ctl, dev, handle, 1,
					 ACQ_CMD_DEV_STOP, ACQ_A_DEV_ID, &ring),
		     -ESHUTDOWN);
	printf("a poll-only consumer saw another's stop\n");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
}

/*
 * An admin detaches the ring: the wait and the dispatch say so (ENOLINK)
 * rather than hand out frames that are gone.
 */
static void detached_by_another(struct acq_ctl *ctl, __u32 dev, int handle)
{
	struct acq_ring ring;

	T_ASSERT_ERR(consume_until_admin(ctl, dev, handle, 0,
					 ACQ_CMD_RING_DETACH, ACQ_A_RING_DEV_ID,
					 &ring), -ENOLINK);
	T_ASSERT_ERR(acq_ring_dispatch(&ring, NULL, 0, ~0U), -ENOLINK);
	printf("a consumer whose ring an admin detached: ENOLINK\n");
	acq_ring_unmap(&ring);
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8);
	struct acq_ring ring;
	struct acq_ctl *ctl;
	__u64 one, eight;
	__u32 dev;
	int handle;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 2);
	handle = t_dev_open(dev);

	opts.wake_frames = 9;
	T_ASSERT_ERR(acq_ring_attach(ctl, dev, handle, &opts, &ring), -EINVAL);
	T_ASSERT(strstr(acq_ctl_errmsg(ctl), "wake-frames larger than desc-count"),
		 "extack: %s", acq_ctl_errmsg(ctl));
	printf("wake-frames 9 of 8: %s\n", acq_ctl_errmsg(ctl));

	/*
	 * 250 16 KiB frames a second: with wake-frames 8, the 56 other
	 * slots of the ring give the consumer 224 ms to wake before a frame
	 * is dropped, enough on a debug kernel under emulation (at a
	 * thousand a second, a 56 ms stall there once lost one).
	 */
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 4000);
	one = signals_for(ctl, dev, handle, 1, 0);
	/* 32 ms for 8 frames: a bound of 1 s leaves the threshold to act. */
	eight = signals_for(ctl, dev, handle, 8, 1000000);
	T_ASSERT(one >= FRAMES, "wake-frames 1: %llu signals for %d frames",
		 (unsigned long long)one, FRAMES);
	/* Early wake-ups (a stale consumer index) may add a few. */
	T_ASSERT(eight <= FRAMES / 4, "wake-frames 8: %llu signals for %d "
		 "frames", (unsigned long long)eight, FRAMES);

	trickle(ctl, dev, handle);
	bounded(ctl, dev, handle);
	start_refused(ctl, dev, handle);
	bounds(ctl);
	stopped_by_another(ctl, dev, handle);
	detached_by_another(ctl, dev, handle);
	t_stats_check(ctl, dev, 0);
	T_ASSERT(t_stats(ctl, dev, 0).last_error == 0,
		 "last error %u with no drop", t_stats(ctl, dev, 0).last_error);

	close(handle);
	t_sim_del(0);
	t_acq_sim_close(ctl);
	return T_PASS;
}
