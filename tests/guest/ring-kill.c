// SPDX-License-Identifier: GPL-2.0
/*
 * kill -9 of a capturing process, 50 times. Each time the device stops at
 * once (its counters freeze and add up: produced = delivered + dropped),
 * the ring's memory goes back (acq's debugfs count returns to zero), and
 * the next consumer attaches without EBUSY. After the 50 kills the memory
 * in use is back where it started.
 *
 * The consumer is a forked child that attaches, starts and reads through
 * libacqctl as acqctl capture does; without an exec per round the test
 * stays quick under emulation.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "lifecycle.h"

#define ROUNDS		50
#define NR_CHAN		2

/* The child: capture until killed. */
static void consume(struct acq_ctl *ctl, __u32 dev)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64);
	struct acq_ring ring;
	int handle, n;

	handle = t_dev_open(dev);
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "child: attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "child: start: %s",
		 acq_ctl_errmsg(ctl));
	for (;;) {
		n = acq_ring_wait(&ring, 1000);
		T_ASSERT(n >= 0, "child: wait: %s", strerror(-n));
		acq_ring_dispatch(&ring, NULL, 0, ~0U);
	}
}

static __u64 produced(struct acq_ctl *ctl, __u32 dev)
{
	__u64 sum = 0;

	for (int c = 0; c < NR_CHAN; c++)
		sum += t_stats(ctl, dev, c).produced;
	return sum;
}

/* Memory in use but the page cache, in KiB: lifecycle.h's reading. */
static long mem_used(void)
{
	struct t_baseline b;

	t_meminfo(&b);
	return b.used;
}

static void one_round(struct acq_ctl *ctl, __u32 dev, int round)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	__u64 before = produced(ctl, dev), frozen;
	int status, tries = 0;
	pid_t pid;

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid) {
		/* A socket of its own: the parent's must not be shared. */
		consume(acq_ctl_open(), dev);
		_exit(T_FAIL);
	}
	/* Until frames flow: the ring is attached and the device started. */
	while (t_ring_bytes() == 0 || produced(ctl, dev) == before) {
		T_ASSERT(++tries < 500, "round %d: no capture after 5 s", round);
		T_ASSERT(waitpid(pid, &status, WNOHANG) == 0,
			 "round %d: the consumer died: %#x", round, status);
		nanosleep(&ts, NULL);
	}
	T_ASSERT(kill(pid, SIGKILL) == 0, "kill: %m");
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status),
		 "round %d: status %#x", round, status);

	T_ASSERT(t_ring_bytes() == 0, "round %d: %ld ring bytes left", round,
		 t_ring_bytes());
	frozen = produced(ctl, dev);
	nanosleep(&ts, NULL);
	T_ASSERT(produced(ctl, dev) == frozen,
		 "round %d: the device runs without its owner", round);
	for (int c = 0; c < NR_CHAN; c++)
		t_stats_check(ctl, dev, c);
}

int main(void)
{
	struct acq_ctl *ctl;
	long base, after;
	int handle;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 6, NR_CHAN);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 32, 1024, 64000);
	t_chan_enable(ctl, dev, 1, handle, 64, 512, 64000);
	close(handle);

	/* A first round puts what stays after first use in the baseline. */
	one_round(ctl, dev, 0);
	base = mem_used();
	for (int i = 1; i <= ROUNDS; i++)
		one_round(ctl, dev, i);
	after = mem_used();
	printf("%d captures killed; memory in use %ld KiB before, %ld after\n",
	       ROUNDS, base, after);
	/*
	 * A ring is 64 slots of 32 KiB here: 50 leaked would be 100 MiB, 8
	 * would be 16 MiB; less is the noise of MemAvailable.
	 */
	T_ASSERT(after - base < 16384, "memory not back: %ld KiB more",
		 after - base);

	t_sim_del(6);
	t_acq_sim_close(ctl);
	return T_PASS;
}
