// SPDX-License-Identifier: GPL-2.0
/*
 * rmmod acq_sim at a random moment while its device is in use by four
 * processes at once, 5 times (ACQ_RMMODS; 2 on the debug kernel), the
 * moment drawn from the seed (ACQ_SEED=N repeats the draws): one
 * captures (attach, start, consume, stop, detach, again), one writes
 * window 0 and reads window 1 through its mappings, one configures the
 * channels as an administrator, one dumps every device. ring-unplug.c
 * unloads acq_sim once under a consumer that waits; here the unload
 * lands anywhere in the requests of all four.
 *
 * Each request gives success, or what the API says of a device removed
 * under it (ENODEV), of a dump that saw the device list change (EINTR),
 * of a device started by another (EBUSY), or of a ring detached by the
 * removal (ENOLINK); the window user never faults (its accesses land on
 * the scratch page once the device is gone); the capturer learns of the
 * removal and exits. Then every process gone: no ring, no window left
 * (debugfs acq/memory); acq_sim loads again, its device comes back, and
 * after the last round memory is back to the baseline and a capture
 * verifies.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/acq_window.h>

#include "internal.h"
#include "lifecycle.h"

#define SIM_ID		15
#define NR_CHAN		2
#define MAX_DELAY_US	60000
/* A wait of the capturer's lasts 1 s at most: it learns within this. */
#define CHILD_DEADLINE_MS	30000

enum role { CAPTURE, WINDOWS, CONFIGURE, DUMP, NR_ROLES };

static const char *const role_names[NR_ROLES] = {
	"capture", "windows", "configure", "dump",
};

static __u32 dev;

/* 0, or what a request may say of a device removed under it. */
static void gone_ok(int err, const char *what, struct acq_ctl *ctl)
{
	if (err == -ENODEV)
		_exit(T_PASS);
	T_ASSERT(!err, "%s: %s (%s)", what, strerror(-err),
		 acq_ctl_errmsg(ctl));
}

static void capture(struct acq_ctl *ctl, int wr)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	struct acq_ring ring;
	int handle, err;

	handle = acq_dev_open(dev);
	gone_ok(handle < 0 ? handle : 0, "open", ctl);
	t_ready(wr);
	for (;;) {
		/*
		 * A removal between the attach and the library's mmap() is
		 * ENODEV too: nobody here detaches, so ENOLINK would be a
		 * misreport.
		 */
		err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
		gone_ok(err, "attach", ctl);
		gone_ok(acq_dev_start(ctl, dev, handle), "start", ctl);
		for (int i = 0; i < 10; i++) {
			err = acq_ring_wait(&ring, 1000);
			if (err == -ENODEV || err == -ENOLINK)
				_exit(T_PASS);
			T_ASSERT(err >= 0, "wait: %s", strerror(-err));
			err = acq_ring_dispatch(&ring, NULL, 0, ~0U);
			if (err == -ENODEV || err == -ENOLINK)
				_exit(T_PASS);
			T_ASSERT(err >= 0, "dispatch: %s", strerror(-err));
		}
		gone_ok(acq_dev_stop(ctl, dev, handle), "stop", ctl);
		err = acq_ring_detach(ctl, &ring);
		if (err == -ENOLINK)
			_exit(T_PASS);
		gone_ok(err, "detach", ctl);
	}
}

static void windows(struct acq_ctl *ctl, int wr)
{
	struct acq_window_info w0, w1;
	void *p0, *p1;
	int handle;

	handle = acq_dev_open(dev);
	gone_ok(handle < 0 ? handle : 0, "open", ctl);
	gone_ok(acq_window_get(ctl, dev, 0, &w0, sizeof(w0)), "window 0", ctl);
	gone_ok(acq_window_get(ctl, dev, 1, &w1, sizeof(w1)), "window 1", ctl);
	p0 = acq_window_map(handle, &w0, PROT_READ | PROT_WRITE);
	p1 = acq_window_map(handle, &w1, PROT_READ);
	if ((!p0 || !p1) && errno == ENODEV)
		_exit(T_PASS);
	T_ASSERT(p0 && p1, "map the windows: %m");
	t_ready(wr);
	/* Until killed: a fault here kills it by SIGSEGV or SIGBUS. */
	for (__u32 i = 0;; i++) {
		acq_window_write32(p0, 2048, i);
		(void)acq_window_read32(p1, 0);
	}
}

static void configure(struct acq_ctl *ctl, int wr)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = 1, .lines = 8,
		 .line_bytes = 512, .lines_per_chunk = 8, .line_rate = 32000);
	int err;

	t_ready(wr);
	for (__u32 i = 0;; i++) {
		cfg.line_rate = 16000 + (i % 16) * 1000;
		err = acq_chan_set(ctl, dev, i % NR_CHAN, -1, &cfg);
		/* Started by the capturer: no change now. */
		if (err == -EBUSY)
			continue;
		gone_ok(err, "chan set", ctl);
	}
}

static void dump(struct acq_ctl *ctl, int wr)
{
	int n, err;

	t_ready(wr);
	for (;;) {
		n = 0;
		err = acq_dev_foreach(ctl, t_count_dev, &n);
		T_ASSERT(err == 0 || err == -EINTR, "dev dump: %s",
			 strerror(-err));
		err = acq_stats_foreach(ctl, ACQ_DEV_ALL, t_count_stats, &n);
		T_ASSERT(err == 0 || err == -EINTR,
			 "stats dump: %s", strerror(-err));
	}
}

static void child(unsigned int role, int wr)
{
	struct acq_ctl *ctl;

	/* A test that fails leaves no child running. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	ctl = acq_ctl_open();

	T_ASSERT(ctl, "child: acq_ctl_open: %m");
	switch (role) {
	case CAPTURE:
		capture(ctl, wr);
		break;
	case WINDOWS:
		windows(ctl, wr);
		break;
	case CONFIGURE:
		configure(ctl, wr);
		break;
	default:
		dump(ctl, wr);
		break;
	}
	_exit(T_FAIL);
}

static unsigned int busy_retries;

/* Unload acq_sim: O_NONBLOCK, so a reference held a moment is retried. */
static void unload_sim(void)
{
	long long end = t_now_ms() + 10000;

	while (syscall(SYS_delete_module, "acq_sim", O_NONBLOCK)) {
		T_ASSERT(errno == EWOULDBLOCK && t_now_ms() < end,
			 "unload acq_sim: %m");
		busy_retries++;
		t_sleep_us(1000);
	}
}

static void one_round(struct acq_ctl *ctl, unsigned int round,
		      unsigned int *told)
{
	unsigned int delay = t_rand(MAX_DELAY_US);
	pid_t pids[NR_ROLES];
	int rd[NR_ROLES], status;
	char c;

	int handle;

	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 8, 512, 32000);
	close(handle);
	for (int r = 0; r < NR_ROLES; r++) {
		pids[r] = t_fork_piped(child, r, &rd[r]);
		T_ASSERT(read(rd[r], &c, 1) == 1,
			 "round %u: %s died before it began", round,
			 role_names[r]);
	}
	t_sleep_us(delay);
	unload_sim();

	/* The capturer learns of it and exits; the others run on. */
	for (int r = 0; r < NR_ROLES; r++) {
		if (r != CAPTURE)
			kill(pids[r], SIGKILL);
		/* A capturer never told of the removal fails, not hangs. */
		t_waitpid_deadline(pids[r], &status, CHILD_DEADLINE_MS,
				   role_names[r]);
		close(rd[r]);
		if (r == CAPTURE) {
			T_ASSERT(WIFEXITED(status) && !WEXITSTATUS(status),
				 "round %u: capture ended %#x", round, status);
			continue;
		}
		/* Killed, or told of the removal by a request (ENODEV). */
		if (WIFEXITED(status) && !WEXITSTATUS(status)) {
			(*told)++;
			continue;
		}
		T_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
			 "round %u: %s ended %#x, not by the kill", round,
			 role_names[r], status);
	}
	T_ASSERT(t_acq_memory("rings") == 0 && t_acq_memory("windows") == 0,
		 "round %u: %ld rings, %ld windows left", round,
		 t_acq_memory("rings"), t_acq_memory("windows"));
	t_load_module("sim/acq_sim");
}

int main(void)
{
	struct t_baseline base;
	struct acq_ctl *ctl;
	unsigned int rounds, told = 0;
	long long t0;
	int handle;

	t_seed();
	rounds = t_count("ACQ_RMMODS", 5, 2);
	ctl = t_acq_sim_open();
	/* A first round: what stays after first use is baseline. */
	one_round(ctl, 0, &told);
	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	t_baseline_take(&base);
	t_sim_del(SIM_ID);

	t0 = t_now_ms();
	for (unsigned int i = 1; i <= rounds; i++)
		one_round(ctl, i, &told);
	printf("%u unloads of acq_sim under a capture, a window user, a configurer and a dumper in %lld ms (%u retries while a reference was held): every request's result a documented one, no fault, the capturer told each time, the others %u times by a request\n",
	       rounds, t_now_ms() - t0, busy_retries, told);

	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	t_baseline_check(&base, "storm-rmmod");
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 1, handle, 8, 512, 32000);
	close(handle);
	t_capture_verified(ctl, dev, NR_CHAN, 0, 100);
	t_sim_del(SIM_ID);
	t_acq_sim_close(ctl);
	return T_PASS;
}
