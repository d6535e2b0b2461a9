// SPDX-License-Identifier: GPL-2.0
/*
 * kill -9 at random points of the five things a process does to a
 * device, 200 times (ACQ_KILLS; 60 on the debug kernel), the activity and
 * the delay drawn from the seed (ACQ_SEED=N repeats a run):
 *
 *   attach     open a handle, attach a ring of 8 MiB (allocated and zeroed
 *              under the kill), detach it, or unmap it and close the handle
 *   capture    attach, start, consume, stop and start again
 *   revoke     revoke and restore window 0 (as an administrator), with
 *              the window mapped and written in between
 *   configure  chan-set of random channels with random valid frames
 *   dump       dev, chan, stats and window dumps of every device
 *
 * Each is a forked child that does its activity in a loop and is killed
 * after a random delay from the moment it begins it. ring-kill.c kills
 * capture alone, at a moment frames flow; here the kill lands anywhere,
 * allocation and netlink requests included.
 *
 * After each kill: the child died of the kill (every call it made had
 * succeeded), no ring is left (debugfs acq/memory), the device is stopped
 * with no owner, its counters add up, and its window is lent again after
 * a restore. After the storm: acq's memory counts and the machine's back
 * to the baseline (lifecycle.h) and a capture that verifies. A small
 * object leaked per kill is under the baseline's slab tolerance (512 bytes
 * x 200 kills is 100 KiB of 2 MiB): kmemleak on the debug kernel is what
 * catches it.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lifecycle.h"

#define SIM_ID		11
#define NR_CHAN		2
#define MAX_DELAY_US	20000

enum activity { ATTACH, CAPTURE, REVOKE, CONFIGURE, DUMP, NR_ACTIVITIES };

static const char *const names[NR_ACTIVITIES] = {
	"attach", "capture", "revoke", "configure", "dump",
};

static __u32 dev;

static void do_attach(struct acq_ctl *ctl, int wr)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 64,
		 .slot_size = 128 * 1024);
	struct acq_ring ring;
	int handle, err;

	t_ready(wr);
	for (unsigned int i = 0;; i++) {
		handle = t_dev_open(dev);
		err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
		T_ASSERT(err == 0, "child: attach: %s (%s)", strerror(-err),
			 acq_ctl_errmsg(ctl));
		/* Detached, or let go by unmapping and closing its file. */
		if (i & 1)
			T_ASSERT(acq_ring_detach(ctl, &ring) == 0,
				 "child: detach: %s", acq_ctl_errmsg(ctl));
		else
			acq_ring_unmap(&ring);
		close(handle);
	}
}

static void do_capture(struct acq_ctl *ctl, int wr)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 32);
	struct acq_ring ring;
	int handle, err;

	t_ready(wr);
	handle = t_dev_open(dev);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "child: attach: %s", acq_ctl_errmsg(ctl));
	for (;;) {
		err = acq_dev_start(ctl, dev, handle);
		T_ASSERT(err == 0, "child: start: %s", acq_ctl_errmsg(ctl));
		for (int i = 0; i < 20; i++) {
			err = acq_ring_wait(&ring, 1000);
			T_ASSERT(err >= 0, "child: wait: %s", strerror(-err));
			acq_ring_dispatch(&ring, NULL, 0, ~0U);
		}
		err = acq_dev_stop(ctl, dev, handle);
		T_ASSERT(err == 0, "child: stop: %s", acq_ctl_errmsg(ctl));
	}
}

static void do_revoke(struct acq_ctl *ctl, int wr)
{
	struct acq_window_info info;
	int handle, err;
	void *win;

	handle = t_dev_open(dev);
	err = acq_window_get(ctl, dev, 0, &info, sizeof(info));
	T_ASSERT(err == 0, "child: window get: %s", acq_ctl_errmsg(ctl));
	win = acq_window_map(handle, &info, PROT_READ | PROT_WRITE);
	T_ASSERT(win, "child: map window 0: %m");
	t_ready(wr);
	for (__u32 i = 0;; i++) {
		acq_window_write32(win, 0, i);
		err = acq_window_revoke(ctl, dev, 0);
		T_ASSERT(err == 0, "child: revoke: %s", acq_ctl_errmsg(ctl));
		/* Discard policy: lands on the scratch page. */
		acq_window_write32(win, 0, ~i);
		err = acq_window_restore(ctl, dev, 0);
		T_ASSERT(err == 0, "child: restore: %s", acq_ctl_errmsg(ctl));
	}
}

static void do_configure(struct acq_ctl *ctl, int wr)
{
	static const __u32 lines[] = { 1, 8, 16, 64 };
	static const __u32 bytes[] = { 64, 512, 1024, 4096 };
	ACQ_OPTS(acq_chan_config, cfg);
	int handle, err;

	handle = t_dev_open(dev);
	t_ready(wr);
	for (;;) {
		cfg.enabled = (int)t_rand(2);
		cfg.lines = lines[t_rand(4)];
		cfg.line_bytes = bytes[t_rand(4)];
		cfg.lines_per_chunk = cfg.lines < 8 ? cfg.lines : 8;
		cfg.line_rate = 1000 + t_rand(64000);
		err = acq_chan_set(ctl, dev, t_rand(NR_CHAN), handle, &cfg);
		T_ASSERT(err == 0, "child: chan set: %s (%s)", strerror(-err),
			 acq_ctl_errmsg(ctl));
	}
}

/* A dump interrupted by a device added or removed says -EINTR: none is. */
static void do_dump(struct acq_ctl *ctl, int wr)
{
	int n, err;

	t_ready(wr);
	for (;;) {
		n = 0;
		err = acq_dev_foreach(ctl, t_count_dev, &n);
		T_ASSERT(err == 0 && n >= 1, "child: dev dump: %d, %d", err, n);
		n = 0;
		err = acq_chan_foreach(ctl, ACQ_DEV_ALL, t_count_chan, &n);
		T_ASSERT(err == 0 && n >= NR_CHAN, "child: chan dump: %d", err);
		n = 0;
		err = acq_stats_foreach(ctl, ACQ_DEV_ALL, t_count_stats, &n);
		T_ASSERT(err == 0 && n >= NR_CHAN, "child: stats dump: %d",
			 err);
		n = 0;
		err = acq_window_foreach(ctl, ACQ_DEV_ALL, t_count_window, &n);
		T_ASSERT(err == 0 && n >= 1, "child: window dump: %d", err);
	}
}

static void child(unsigned int what, int wr)
{
	struct acq_ctl *ctl;

	/* A test that fails leaves no child running. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* A socket of its own: the parent's must not be shared. */
	ctl = acq_ctl_open();

	T_ASSERT(ctl, "child: acq_ctl_open: %m");
	switch (what) {
	case ATTACH:
		do_attach(ctl, wr);
		break;
	case CAPTURE:
		do_capture(ctl, wr);
		break;
	case REVOKE:
		do_revoke(ctl, wr);
		break;
	case CONFIGURE:
		do_configure(ctl, wr);
		break;
	default:
		do_dump(ctl, wr);
		break;
	}
}

struct tally {
	unsigned int kills, ring_alive, revoked;
	unsigned long long delay_us;
};

static void one_round(struct acq_ctl *ctl, unsigned int round,
		      enum activity what, struct tally *t)
{
	unsigned int delay = t_rand(MAX_DELAY_US);
	struct acq_window_info win;
	struct acq_dev_info info;
	int rd, status, err;
	pid_t pid;
	char c;

	/* The child's own random numbers follow from the seed too. */
	pid = t_fork_piped(child, what, &rd);
	T_ASSERT(read(rd, &c, 1) == 1,
		 "round %u (%s): the child died before it began", round,
		 names[what]);
	t_sleep_us(delay);
	if (t_ring_bytes())
		t->ring_alive++;
	T_ASSERT(kill(pid, SIGKILL) == 0, "kill: %m");
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	close(rd);
	T_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		 "round %u (%s): the child ended with status %#x, not by the kill",
		 round, names[what], status);
	t->kills++;
	t->delay_us += delay;

	T_ASSERT(t_acq_memory("rings") == 0 && t_ring_bytes() == 0,
		 "round %u (%s): a ring outlived its owner: %ld bytes", round,
		 names[what], t_ring_bytes());
	err = acq_dev_get(ctl, dev, &info, sizeof(info));
	T_ASSERT(err == 0, "round %u: dev get: %s", round, strerror(-err));
	T_ASSERT(info.state == ACQ_DEV_STATE_STOPPED && !info.ring_attached &&
		 !info.owner_pid, "round %u (%s): state %u, ring %u, owner %u",
		 round, names[what], info.state, info.ring_attached,
		 info.owner_pid);
	for (__u32 c2 = 0; c2 < NR_CHAN; c2++)
		t_stats_check(ctl, dev, c2);

	err = acq_window_get(ctl, dev, 0, &win, sizeof(win));
	T_ASSERT(err == 0, "round %u: window get: %s", round, strerror(-err));
	if (win.state == ACQ_WINDOW_STATE_REVOKED) {
		t->revoked++;
		err = acq_window_restore(ctl, dev, 0);
		T_ASSERT(err == 0, "round %u: restore: %s", round,
			 acq_ctl_errmsg(ctl));
		err = acq_window_get(ctl, dev, 0, &win, sizeof(win));
		T_ASSERT(err == 0, "window get: %s", strerror(-err));
	}
	T_ASSERT(win.state == ACQ_WINDOW_STATE_LENT,
		 "round %u (%s): window 0 in state %u", round, names[what],
		 win.state);

	/* A configuration killed half-way leaves a valid one: use it. */
	if (what == CONFIGURE) {
		int handle = t_dev_open(dev);

		t_chan_enable(ctl, dev, 0, handle, 16, 1024, 64000);
		close(handle);
	}
}

int main(void)
{
	struct tally tally[NR_ACTIVITIES] = { 0 };
	unsigned int kills, i;
	struct t_baseline base;
	struct acq_ctl *ctl;
	long long t0;
	int handle;

	t_seed();
	kills = t_count("ACQ_KILLS", 200, 60);
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 64000);
	t_chan_enable(ctl, dev, 1, handle, 8, 512, 32000);
	close(handle);

	/* One round of each first: what stays after first use is baseline. */
	for (i = 0; i < NR_ACTIVITIES; i++) {
		struct tally warm = { 0 };

		one_round(ctl, i, i, &warm);
	}
	t_baseline_take(&base);

	t0 = t_now_ms();
	for (i = 0; i < kills; i++) {
		enum activity what = t_rand(NR_ACTIVITIES);

		one_round(ctl, i, what, &tally[what]);
	}
	printf("%u kills in %lld ms:", kills, t_now_ms() - t0);
	for (i = 0; i < NR_ACTIVITIES; i++)
		printf(" %s %u", names[i], tally[i].kills);
	printf("\n");
	for (i = 0; i < NR_ACTIVITIES; i++)
		printf("%s: %u kills, mean delay %llu us, a ring alive at %u of the kills, window left revoked by %u\n",
		       names[i], tally[i].kills,
		       tally[i].kills ? tally[i].delay_us / tally[i].kills : 0,
		       tally[i].ring_alive, tally[i].revoked);
	printf("after every kill: no ring left, the device stopped with no owner, counters adding up, window 0 lent\n");
	t_baseline_check(&base, "kill-storm");
	t_capture_verified(ctl, dev, NR_CHAN, 0, 100);

	t_sim_del(SIM_ID);
	t_acq_sim_close(ctl);
	return T_PASS;
}
