// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer at a high real-time priority is woken in time while a task of
 * lower real-time priority keeps every CPU busy: no priority inversion on
 * the wake path. The consumer runs at SCHED_FIFO 80, a SCHED_FIFO 10 hog
 * spins on each CPU (so on the one where acq_sim's timer and interrupt
 * run) for HOG_MS, and frames come at 25 a second. Each frame's wake-up
 * latency (the consumer's clock after it woke minus the descriptor's
 * timestamp) and the longest gap between two frames' timestamps (frames
 * that waited to be made) must stay far below the hog's time.
 *
 * On PREEMPT_RT a wake-up that went through a thread below the hog
 * (irq_work's at SCHED_FIFO 1, softirqs') came only when the hog ended.
 * There it is checked twice: woken by the frame's interrupt (wake-frames
 * 1), and by the wake-usecs timer (wake-frames 32: 1.28 s of frames, so
 * the timer wakes every frame alone). On
 * other kernels the interrupt wakes the consumer itself: checked the
 * same; the timer's softirq may be left to ksoftirqd, below any real-time
 * task, as it always was there, so it is not checked.
 */
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "ring-util.h"

#define HOG_MS		3000
#define HOG_PRIO	10
#define CONSUMER_PRIO	80

static int realtime_kernel(void)
{
	FILE *f = fopen("/sys/kernel/realtime", "r");
	int rt = 0;

	if (f) {
		if (fscanf(f, "%d", &rt) != 1)
			rt = 0;
		fclose(f);
	}
	return rt == 1;
}

static void set_fifo(int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	T_ASSERT(sched_setscheduler(0, SCHED_FIFO, &sp) == 0,
		 "SCHED_FIFO %d: %m", prio);
}

/* A SCHED_FIFO HOG_PRIO task spinning on @cpu until @end_ns. */
static pid_t hog(int cpu, long long end_ns)
{
	cpu_set_t set;
	pid_t pid = fork();

	T_ASSERT(pid >= 0, "fork: %m");
	if (pid)
		return pid;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		_exit(T_FAIL);
	set_fifo(HOG_PRIO);
	while (t_now_ns() < end_ns)
		;
	_exit(T_PASS);
}

struct wake_stats {
	int frames;		/* stamped while the hogs ran */
	long long worst_ns;	/* wake-up latency, of those */
	long long gap_ns;	/* between two frames' timestamps */
};

/*
 * Wait for a wake-up, then take every frame there is. Only a wake-up: a
 * frame read after a poll() that timed out would hide how late its wake-up
 * was.
 */
static void consume(struct acq_ring *ring, long long from_ns,
		    long long to_ns, long long *last_ts, struct wake_stats *st)
{
	struct pollfd pfd = { .fd = acq_ring_eventfd(ring), .events = POLLIN };
	const struct acq_ring_desc *desc;
	long long now, ts;
	__u64 count;

	if (poll(&pfd, 1, 1000) != 1)
		return;
	T_ASSERT(read(pfd.fd, &count, sizeof(count)) == sizeof(count),
		 "eventfd read: %m");
	now = t_now_ns();
	while (acq_ring_peek(ring, &desc) == 0) {
		ts = (long long)desc->timestamp_ns;
		if (ts >= from_ns && ts < to_ns) {
			st->frames++;
			if (now - ts > st->worst_ns)
				st->worst_ns = now - ts;
		}
		if (ts >= from_ns && *last_ts && ts - *last_ts > st->gap_ns)
			st->gap_ns = ts - *last_ts;
		*last_ts = ts;
		acq_ring_release(ring, 1);
	}
}

static void under_hog(struct acq_ctl *ctl, __u32 dev, int handle,
		      __u32 wake_frames, __u32 wake_usecs, const char *what)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = 64, .wake_frames = wake_frames,
		 .wake_usecs = wake_usecs);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct wake_stats st = { 0 };
	long long start, end, last_ts = 0;
	struct acq_ring ring;
	pid_t hogs[64];
	int err, status;
	long i;

	T_ASSERT(ncpu > 0 && ncpu <= 64, "%ld CPUs", ncpu);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));

	/* Running before the hogs come; then through them and after. */
	start = t_now_ns() + 300 * 1000000LL;
	end = start + HOG_MS * 1000000LL;
	while (t_now_ns() < start)
		consume(&ring, end, end, &last_ts, &st);
	for (i = 0; i < ncpu; i++)
		hogs[i] = hog(i, end);
	while (t_now_ns() < end + 300 * 1000000LL)
		consume(&ring, start, end, &last_ts, &st);
	for (i = 0; i < ncpu; i++) {
		T_ASSERT(waitpid(hogs[i], &status, 0) == hogs[i], "wait: %m");
		T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
			 "hog on CPU %ld failed: %#x", i, status);
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");

	printf("%s, SCHED_FIFO %d hog on %ld CPUs for %d ms: %d frames "
	       "stamped meanwhile, the longest wake-up took %lld us, the "
	       "longest gap between frames %lld us\n", what, HOG_PRIO, ncpu,
	       HOG_MS, st.frames, st.worst_ns / 1000, st.gap_ns / 1000);
	/* 75 frames are due: a quarter of them in time is plenty here. */
	T_ASSERT(st.frames >= 19, "%s: %d frames made while the hog ran",
		 what, st.frames);
	T_ASSERT(st.worst_ns < HOG_MS * 1000000LL / 4,
		 "%s: a wake-up waited %lld ms for the hog", what,
		 st.worst_ns / 1000000);
	T_ASSERT(st.gap_ns < HOG_MS * 1000000LL / 4,
		 "%s: frames waited %lld ms for the hog", what,
		 st.gap_ns / 1000000);
}

int main(void)
{
	struct acq_ctl *ctl;
	__u32 dev;
	int handle, rt = realtime_kernel();

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	/* 16 lines of 1 KiB at 400 lines a second: 25 frames a second. */
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 400);

	T_ASSERT(mlockall(MCL_CURRENT | MCL_FUTURE) == 0, "mlockall: %m");
	set_fifo(CONSUMER_PRIO);
	under_hog(ctl, dev, handle, 1, 0, "woken by the interrupt");
	if (rt)
		under_hog(ctl, dev, handle, 32, 1000, "woken by the timer");
	else
		printf("not PREEMPT_RT: the timer's wake-up is not checked\n");

	close(handle);
	t_sim_del(0);
	t_acq_sim_close(ctl);
	return T_PASS;
}
