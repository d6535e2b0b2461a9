/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the lifecycle and hostile-memory campaigns (kill-*.c, storm-*.c,
 * shm-*.c) share: the seed and the counts of a run, and the one baseline
 * every campaign compares against once it is over, with a capture that
 * must still verify.
 *
 * The baseline: acq's own counts (debugfs acq/memory: rings alive, the
 * bytes they hold, the bytes charged to the module's ceiling, windows
 * alive) must come back exactly; the machine's memory (/proc/meminfo)
 * within a stated tolerance, since the page cache, the slab caches and
 * per-CPU lists move under any test. acq creates no slab cache of its own
 * (its objects come from kmalloc's), so its slab objects are seen in
 * SUnreclaim, with the rest of the kernel's.
 */
#ifndef _ACQ_GUEST_LIFECYCLE_H
#define _ACQ_GUEST_LIFECYCLE_H

#include <sys/utsname.h>
#include <sys/wait.h>

#include "ring-util.h"

/*
 * Tolerances of the machine's memory after a campaign, in KiB. A ring
 * leaked by the core is caught exactly by the debugfs counts; these catch
 * what they do not count. Memory in use (MemTotal - MemAvailable, caches
 * dropped) moved by -21 to +8 MiB between two quiet moments of these
 * campaigns (per-CPU page lists, memory freed after an RCU grace period
 * or lazily, as vmalloc's): 16 MiB, as ring-kill.c allows, over 200
 * rounds is 80 KiB a round, less than a ring of any campaign here, and a
 * reading over it is taken again a few times before it fails, since a
 * leak stays and noise does not. The slabs grow and shrink by a few
 * hundred KiB under a quiet guest.
 *
 * What these tolerances do not see: a small object leaked per round
 * (512 bytes x 200 kills of kill-storm.c is 100 KiB) stays well under
 * SUnreclaim's 2 MiB. Only kmemleak catches that, on the debug kernel,
 * where tests/guest/run scans for it once the tests are done.
 */
#define T_TOL_USED_KIB		16384
#define T_TOL_SUNRECLAIM_KIB	2048
#define T_TOL_MLOCKED_KIB	64

/* The seed of a campaign: ACQ_SEED, or one from the time and the pid. */
static inline unsigned int t_seed(void)
{
	const char *env = getenv("ACQ_SEED");
	unsigned int seed;

	seed = env ? (unsigned int)strtoul(env, NULL, 0) :
		     (unsigned int)time(NULL) ^ ((unsigned int)getpid() << 16);
	printf("seed %u (ACQ_SEED=%u repeats this run)\n", seed, seed);
	fflush(stdout);
	srandom(seed);
	return seed;
}

/* The debug kernel (KASAN, lockdep, kmemleak), 3 to 5 times slower. */
static inline int t_debug_kernel(void)
{
	struct utsname u;
	size_t n;

	T_ASSERT(uname(&u) == 0, "uname: %m");
	n = strlen(u.release);
	return n > 10 && !strcmp(u.release + n - 10, "-acq-debug");
}

/* A count: @env if set (the long form), else @dflt, or @debug there. */
static inline unsigned int t_count(const char *env, unsigned int dflt,
				   unsigned int debug)
{
	const char *v = getenv(env);

	if (v && *v)
		return (unsigned int)strtoul(v, NULL, 0);
	return t_debug_kernel() ? debug : dflt;
}

/* A random number in [0, n). */
static inline unsigned int t_rand(unsigned int n)
{
	return n ? (unsigned int)random() % n : 0;
}

static inline void t_sleep_us(unsigned int us)
{
	struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* A campaign's child tells its parent the activity begins. */
static inline void t_ready(int wr)
{
	char c = 1;

	T_ASSERT(write(wr, &c, 1) == 1, "child: write: %m");
}

/* Dump callbacks that count what they are given into an int at @arg. */
static inline int t_count_dev(const struct acq_dev_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

static inline int t_count_chan(const struct acq_chan_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

static inline int t_count_stats(const struct acq_chan_stats *st, void *arg)
{
	(void)st;
	++*(int *)arg;
	return 0;
}

static inline int t_count_window(const struct acq_window_info *info,
				 void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

/*
 * waitpid() for @pid, failing the test if it has not ended within @ms
 * (the child @what stuck): a campaign that hangs says nothing.
 */
static inline void t_waitpid_deadline(pid_t pid, int *status,
				      unsigned int ms, const char *what)
{
	long long end = t_now_ms() + ms;
	pid_t ret;

	for (;;) {
		ret = waitpid(pid, status, WNOHANG);
		T_ASSERT(ret >= 0, "waitpid %s: %m", what);
		if (ret == pid)
			return;
		T_ASSERT(t_now_ms() < end, "%s still runs after %u ms", what,
			 ms);
		t_sleep_us(10000);
	}
}

struct t_baseline {
	long rings, bytes, charged, windows;	/* debugfs acq/memory */
	long used, sunreclaim, mlocked;		/* /proc/meminfo, KiB */
};

static inline void t_meminfo(struct t_baseline *b)
{
	long total = -1, avail = -1, v;
	char key[64];
	FILE *f;

	/* The page cache is not ours: drop it on both sides. */
	sync();
	t_sysfs_write("/proc/sys/vm/drop_caches", "3");
	f = fopen("/proc/meminfo", "re");
	T_ASSERT(f, "meminfo: %m");
	b->sunreclaim = b->mlocked = -1;
	while (fscanf(f, "%63s %ld kB ", key, &v) == 2) {
		if (!strcmp(key, "MemTotal:"))
			total = v;
		else if (!strcmp(key, "MemAvailable:"))
			avail = v;
		else if (!strcmp(key, "SUnreclaim:"))
			b->sunreclaim = v;
		else if (!strcmp(key, "Mlocked:"))
			b->mlocked = v;
	}
	fclose(f);
	T_ASSERT(total > 0 && avail >= 0 && b->sunreclaim >= 0 &&
		 b->mlocked >= 0, "meminfo lacks a field");
	b->used = total - avail;
}

static inline void t_baseline_take(struct t_baseline *b)
{
	b->rings = t_acq_memory("rings");
	b->bytes = t_acq_memory("bytes");
	b->charged = t_acq_memory("charged");
	b->windows = t_acq_memory("windows");
	t_meminfo(b);
}

/*
 * After campaign @what: acq's counts as in @b, exactly, and the machine's
 * memory within the tolerances; one line of figures either way.
 */
static inline void t_baseline_check(const struct t_baseline *b,
				    const char *what)
{
	struct t_baseline a;

	for (int tries = 0;; tries++) {
		t_baseline_take(&a);
		if (tries == 4 ||
		    (a.used - b->used <= T_TOL_USED_KIB &&
		     a.sunreclaim - b->sunreclaim <= T_TOL_SUNRECLAIM_KIB))
			break;
		t_sleep_us(500 * 1000);
	}
	printf("%s: acq rings %ld bytes %ld charged %ld windows %ld (baseline %ld %ld %ld %ld); meminfo used %+ld KiB, SUnreclaim %+ld KiB, Mlocked %+ld KiB\n",
	       what, a.rings, a.bytes, a.charged, a.windows, b->rings,
	       b->bytes, b->charged, b->windows, a.used - b->used,
	       a.sunreclaim - b->sunreclaim, a.mlocked - b->mlocked);
	fflush(stdout);
	T_ASSERT(a.rings == b->rings && a.bytes == b->bytes &&
		 a.charged == b->charged && a.windows == b->windows,
		 "%s: acq's memory counts not back to the baseline", what);
	T_ASSERT(a.used - b->used <= T_TOL_USED_KIB,
		 "%s: %ld KiB more memory in use (tolerance %d)", what,
		 a.used - b->used, T_TOL_USED_KIB);
	T_ASSERT(a.sunreclaim - b->sunreclaim <= T_TOL_SUNRECLAIM_KIB,
		 "%s: %ld KiB more unreclaimable slab (tolerance %d)", what,
		 a.sunreclaim - b->sunreclaim, T_TOL_SUNRECLAIM_KIB);
	T_ASSERT(a.mlocked - b->mlocked <= T_TOL_MLOCKED_KIB,
		 "%s: %ld KiB more mlocked (tolerance %d)", what,
		 a.mlocked - b->mlocked, T_TOL_MLOCKED_KIB);
}

/*
 * A capture that must verify, after a campaign: channel @chan of @dev
 * alone enabled, in small frames, @frames of them read and checked byte
 * by byte, the counters adding up, and the ring gone after.
 */
static inline void t_capture_verified(struct acq_ctl *ctl, __u32 dev,
				      __u32 nr_chan, __u32 chan,
				      unsigned int frames)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	ACQ_OPTS(acq_chan_config, off, .enabled = 0);
	const struct acq_ring_desc *desc;
	struct acq_verify v;
	struct acq_ring ring;
	unsigned int good = 0;
	int handle, n, err;

	handle = t_dev_open(dev);
	for (__u32 c = 0; c < nr_chan; c++)
		if (c != chan)
			T_ASSERT(acq_chan_set(ctl, dev, c, handle, &off) == 0,
				 "disable chan %u: %s", c, acq_ctl_errmsg(ctl));
	t_chan_enable(ctl, dev, chan, handle, 16, 1024, 64000);
	acq_verify_init(&v, chan, 16, 1024);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "verified capture: attach: %s (%s)",
		 strerror(-err), acq_ctl_errmsg(ctl));
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "verified capture: start: %s (%s)",
		 strerror(-err), acq_ctl_errmsg(ctl));
	while (good < frames) {
		n = acq_ring_wait(&ring, 5000);
		T_ASSERT(n > 0, "verified capture: wait: %d after %u frames",
			 n, good);
		while (good < frames && acq_ring_peek(&ring, &desc) == 0) {
			T_ASSERT(desc->channel == chan, "a frame of chan %u",
				 desc->channel);
			/*
			 * No fault is injected here: a frame flagged ERROR or
			 * TRUNCATED would pass t_verify() unchecked.
			 */
			T_ASSERT(!desc->flags, "chan %u seq %u: flags %#x",
				 desc->channel, desc->seq, desc->flags);
			t_verify(&v, desc, acq_ring_frame(&ring, desc));
			acq_ring_release(&ring, 1);
			good++;
		}
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "verified capture: stop");
	for (__u32 c = 0; c < nr_chan; c++)
		t_stats_check(ctl, dev, c);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "verified capture: detach");
	close(handle);
	printf("verified capture: %u frames of chan %u checked byte by byte\n",
	       good, chan);
	fflush(stdout);
}

#endif /* _ACQ_GUEST_LIFECYCLE_H */
