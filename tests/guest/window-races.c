// SPDX-License-Identifier: GPL-2.0
/*
 * The races of a register window against its revocation, beyond the
 * plain revoke/restore cycles of window-revoke.c:
 *
 * - mmap, munmap and mremap (moved to a new address) of window 0 in a
 *   loop while another thread revokes and restores it as fast as it can:
 *   both make progress, nothing raises SIGBUS in discard mode, a moved
 *   mapping cannot grow (VM_DONTEXPAND) and is revoked at its new address;
 * - children that map the window and write to it, killed at a random
 *   moment or exiting on their own, while the parent revokes: each dies
 *   only the way it was meant to;
 * - random revokes and restores of both windows by the device
 *   (window_chaos_ms) under a writer of window 0 and a reader of window 1
 *   mapped read-only: writes reach the device again once restored, and
 *   with SIGBUS chosen the writer gets SIGBUS and goes on;
 * - the core's memory (debugfs acq/memory): back to what it was once
 *   every device is removed and every file and mapping is gone, and not
 *   before, for a device removed under a writer of its live mapping,
 *   which goes on writing, on the scratch page.
 *
 * Every phase is bounded by time rather than by a count, so that the test
 * takes about as long on a debug kernel (KASAN, lockdep: several times
 * slower) as on Debian's; it only waits longer, up to a limit, for the
 * least progress it asserts.
 */
#include <pthread.h>
#include <stdarg.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/acq_sim.h>
#include <linux/acq_window.h>

#include "ring-util.h"

#define PAGE		4096
#define PHASE_MS	1500	/* how long a phase lasts at least */
#define SLOW_MS		8000	/* how long it waits for MIN_PROGRESS */
#define MIN_PROGRESS	100
#define CHILDREN	50
#define AT_ONCE		4

/* A register of window 0, by its byte offset. */
#define REG(p, off)	((p)[(off) / sizeof(__u32)])

static int window_fd, regs_fd, chaos_fd;
static atomic_int stop;
static atomic_ulong revoker_cycles, writes, reads;

/*
 * A phase is over after PHASE_MS once both sides made twice the least
 * progress asserted, or after SLOW_MS whatever they made.
 */
static int phase_over(long long start, unsigned long a, unsigned long b)
{
	long long t = t_now_ms() - start;

	return (t >= PHASE_MS && a >= 2 * MIN_PROGRESS &&
		b >= 2 * MIN_PROGRESS) || t >= SLOW_MS;
}

static void __attribute__((format(printf, 3, 4)))
sim_write(int fd, const char *what, const char *fmt, ...)
{
	char buf[32];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* write(): window_chaos_ms is not seekable, so no pwrite(). */
	T_ASSERT(write(fd, buf, n) == n, "%s %s: %m", what, buf);
}

#define window_ctl(...)	sim_write(window_fd, "window", __VA_ARGS__)
#define chaos_ms(...)	sim_write(chaos_fd, "window_chaos_ms", __VA_ARGS__)

/* Register @off as the device holds it (@fd: debugfs regs). */
static __u32 device_reg(int fd, unsigned int off)
{
	__u32 v;

	T_ASSERT(pread(fd, &v, sizeof(v), off) == sizeof(v),
		 "read debugfs regs at %u: %m", off);
	return v;
}

/* Until the device's register @off holds @v, for 5 s at most. */
static void device_sees(unsigned int off, __u32 v, const char *what)
{
	long long start = t_now_ms();

	while (device_reg(regs_fd, off) != v) {
		T_ASSERT(t_now_ms() - start < 5000, "%s: register %#x is %#x, "
			 "not %#x", what, off, device_reg(regs_fd, off), v);
		usleep(1000);
	}
}

static volatile __u32 *map_window(int fd, unsigned int n, int prot)
{
	void *p = mmap(NULL, PAGE, prot, MAP_SHARED, fd, ACQ_WINDOW_OFF(n));

	T_ASSERT(p != MAP_FAILED, "map window %u: %m", n);
	return p;
}

/* Revoke and restore window 0 in a loop, as fast as debugfs lets us. */
static void *revoker(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		window_ctl("revoke 0");
		window_ctl("restore 0");
		atomic_fetch_add(&revoker_cycles, 1);
	}
	return NULL;
}

static void start_revoker(pthread_t *t)
{
	atomic_store(&stop, 0);
	atomic_store(&revoker_cycles, 0);
	T_ASSERT(pthread_create(t, NULL, revoker, NULL) == 0, "pthread_create");
}

static void stop_thread(pthread_t t)
{
	atomic_store(&stop, 1);
	T_ASSERT(pthread_join(t, NULL) == 0, "join");
}

/*
 * A mapping moved by mremap() is the window still, at its new address:
 * what is written through it reaches the device while the window is
 * lent, and not once it is revoked (the zap found the moved VMA).
 */
static void moved_mapping(int handle)
{
	volatile __u32 *p = map_window(handle, 0, PROT_READ | PROT_WRITE);
	void *hole = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	volatile __u32 *q;

	T_ASSERT(hole != MAP_FAILED, "reserve a hole: %m");
	q = mremap((void *)p, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	T_ASSERT(q == hole, "move the window: %m");
	REG(q, ACQ_SIM_REG_SCRATCH(4)) = 0x70ed0001;
	T_ASSERT(device_reg(regs_fd, ACQ_SIM_REG_SCRATCH(4)) == 0x70ed0001,
		 "a write through the moved window did not reach the device");
	window_ctl("revoke 0");
	REG(q, ACQ_SIM_REG_SCRATCH(4)) = 0x70ed0002;
	T_ASSERT(device_reg(regs_fd, ACQ_SIM_REG_SCRATCH(4)) == 0x70ed0001,
		 "a write through the moved window landed after the revoke");
	window_ctl("restore 0");
	REG(q, ACQ_SIM_REG_SCRATCH(4)) = 0x70ed0003;
	T_ASSERT(device_reg(regs_fd, ACQ_SIM_REG_SCRATCH(4)) == 0x70ed0003,
		 "a write through the moved window was lost after a restore");
	munmap((void *)q, PAGE);
}

/*
 * mmap, write, maybe move, munmap, again and again, while the revoker
 * zaps the window's pages: the zap walks the mappings as they come, go
 * and move.
 */
static void churn(int handle)
{
	volatile unsigned long iters = 0, moves = 0;
	unsigned char vec;
	long long start;
	pthread_t t;

	atomic_store(t_faults(), 0);
	start_revoker(&t);
	start = t_now_ms();
	/* A SIGBUS is counted, and the loop goes on. */
	(void)T_FAULT_POINT();
	while (!phase_over(start, iters, atomic_load(&revoker_cycles))) {
		volatile __u32 *p = map_window(handle, 0,
					       PROT_READ | PROT_WRITE);
		void *hole, *q;

		REG(p, ACQ_SIM_REG_SCRATCH(1)) = iters;
		REG(p, ACQ_SIM_REG_SCRATCH(2)) = ~iters;
		(void)REG(p, ACQ_SIM_REG_SCRATCH(3));
		if (iters & 1) {
			hole = mmap(NULL, PAGE, PROT_NONE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			T_ASSERT(hole != MAP_FAILED, "reserve a hole: %m");
			q = mremap((void *)p, PAGE, PAGE,
				   MREMAP_MAYMOVE | MREMAP_FIXED, hole);
			T_ASSERT(q == hole, "move the window: %m");
			T_ASSERT(mincore((void *)p, PAGE, &vec) &&
				 errno == ENOMEM,
				 "the window's old address is mapped still");
			/* VM_DONTEXPAND: neither in place nor elsewhere. */
			T_ASSERT(mremap(q, PAGE, 2 * PAGE, 0) == MAP_FAILED &&
				 errno == EFAULT, "grown in place: %m");
			T_ASSERT(mremap(q, PAGE, 2 * PAGE, MREMAP_MAYMOVE) ==
				 MAP_FAILED && errno == EFAULT,
				 "grown elsewhere: %m");
			p = q;
			REG(p, ACQ_SIM_REG_SCRATCH(3)) = iters;
			moves++;
		}
		T_ASSERT(munmap((void *)p, PAGE) == 0, "munmap: %m");
		iters++;
	}
	t_fault_unset();
	stop_thread(t);
	T_ASSERT(iters > MIN_PROGRESS && atomic_load(&revoker_cycles) >
		 MIN_PROGRESS, "no progress: %lu maps, %lu revokes", iters,
		 atomic_load(&revoker_cycles));
	T_ASSERT(atomic_load(t_faults()) == 0, "%d SIGBUS in discard mode",
		 atomic_load(t_faults()));
	printf("churn: %lu maps (%lu moved) against %lu revokes, no SIGBUS\n",
	       iters, moves, atomic_load(&revoker_cycles));
	moved_mapping(handle);
	printf("a moved mapping is revoked and restored at its new address\n");
}

/*
 * A child: writes through the window inherited from the parent and its
 * own mapping of it, for @iters writes, or until killed if 0 (10 s at
 * most: a missing kill must not hang the test). Only what is safe after
 * a fork() of a threaded process: system calls and _exit().
 */
static void child(volatile __u32 *inherited, int handle, unsigned long iters)
{
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
		       handle, ACQ_WINDOW_OFF(0));
	volatile __u32 *own = p;
	long long deadline = t_now_ms() + 10000;
	unsigned long i;

	if (p == MAP_FAILED)
		_exit(3);
	for (i = 0; !iters || i < iters; i++) {
		REG(inherited, ACQ_SIM_REG_SCRATCH(20)) = i;
		REG(own, ACQ_SIM_REG_SCRATCH(21)) = i;
		if (!iters && !(i & 1023) && t_now_ms() > deadline)
			_exit(2);
	}
	_exit(0);
}

/*
 * Children exit, on their own or killed, while their mappings are
 * being zapped: exit_mmap() against unmap_mapping_range(). The even ones
 * write until killed at a random moment, the odd ones exit on their own
 * after a random number of writes.
 */
static void exits(volatile __u32 *regs, int handle)
{
	unsigned int b, i, killed = 0, exited = 0;
	pid_t pid[AT_ONCE];
	pthread_t t;
	int status;

	start_revoker(&t);
	for (b = 0; b < CHILDREN; b += AT_ONCE) {
		for (i = 0; i < AT_ONCE && b + i < CHILDREN; i++) {
			unsigned long iters = i & 1 ? 1 + rand() % 200000 : 0;

			pid[i] = fork();
			T_ASSERT(pid[i] >= 0, "fork: %m");
			if (!pid[i])
				child(regs, handle, iters);
		}
		for (i = 0; i < AT_ONCE && b + i < CHILDREN; i++)
			if (!(i & 1)) {
				usleep(rand() % 15000);
				T_ASSERT(kill(pid[i], SIGKILL) == 0,
					 "kill: %m");
			}
		for (i = 0; i < AT_ONCE && b + i < CHILDREN; i++) {
			T_ASSERT(waitpid(pid[i], &status, 0) == pid[i],
				 "waitpid: %m");
			if (i & 1) {
				T_ASSERT(WIFEXITED(status) &&
					 !WEXITSTATUS(status), "child %u: "
					 "status %#x, %s", b + i, status,
					 WIFSIGNALED(status) ?
					 strsignal(WTERMSIG(status)) :
					 "exited");
				exited++;
			} else {
				T_ASSERT(WIFSIGNALED(status) &&
					 WTERMSIG(status) == SIGKILL,
					 "child %u: status %#x, %s", b + i,
					 status, WIFSIGNALED(status) ?
					 strsignal(WTERMSIG(status)) :
					 "exited before it was killed");
				killed++;
			}
		}
	}
	stop_thread(t);
	T_ASSERT(atomic_load(&revoker_cycles) > 0, "no revoke meanwhile");
	printf("exits: %u children killed, %u exited, against %lu revokes\n",
	       killed, exited, atomic_load(&revoker_cycles));
}

/* The chaos writer's stores, told apart from the other phases'. */
#define CHAOS_TAG	0xc4000000U
#define CHAOS_MASK	0xff000000U

/* Writes tagged generations to window 0, through SIGBUS if it comes. */
static void *writer(void *arg)
{
	volatile __u32 *w = arg;

	(void)T_FAULT_POINT();
	while (!atomic_load(&stop)) {
		unsigned long g = atomic_fetch_add(&writes, 1) + 1;

		REG(w, ACQ_SIM_REG_SCRATCH(7)) = CHAOS_TAG | (g & ~CHAOS_MASK);
	}
	return NULL;
}

/* Reads the status page, window 1, which may be revoked under it too. */
static void *status_reader(void *arg)
{
	volatile __u32 *st = arg;

	while (!atomic_load(&stop)) {
		(void)st[ACQ_SIM_STATUS_FRAMES(0) / sizeof(__u32)];
		(void)st[ACQ_SIM_STATUS_TAG(0) / sizeof(__u32)];
		atomic_fetch_add(&reads, 1);
	}
	return NULL;
}

/*
 * Writing 0 to window_chaos_ms does not wait for the revoke or restore
 * already queued: it runs once more, within 2 ms and a jiffy of its
 * queueing. Ample time, then both windows lent again.
 */
static void chaos_end(void)
{
	chaos_ms("0");
	usleep(200000);
	window_ctl("restore 0");
	window_ctl("restore 1");
}

static void chaos_phase(const char *policy, int min_sigbus)
{
	unsigned long w0 = atomic_load(&writes), r0 = atomic_load(&reads);
	long long start = t_now_ms();
	unsigned long w, r;

	atomic_store(t_faults(), 0);
	chaos_ms("1");
	for (;;) {
		w = atomic_load(&writes) - w0;
		r = atomic_load(&reads) - r0;
		if (phase_over(start, w, r) &&
		    atomic_load(t_faults()) >= min_sigbus)
			break;
		T_ASSERT(t_now_ms() - start < SLOW_MS, "%s: no SIGBUS after "
			 "%d ms of chaos", policy, SLOW_MS);
		usleep(10000);
	}
	chaos_end();
	T_ASSERT(w > MIN_PROGRESS && r > MIN_PROGRESS, "%s: no progress: "
		 "%lu writes, %lu reads", policy, w, r);
	printf("chaos (%s): %lu writes, %lu reads, %d SIGBUS in %lld ms\n",
	       policy, w, r, atomic_load(t_faults()), t_now_ms() - start);
}

/*
 * Once the device is done revoking at random and lent the windows
 * again, writes reach it: the fresh magic of the main thread, then the
 * writer's next generations (each store differs from the one before).
 */
static void writes_reach(volatile __u32 *regs, const char *what)
{
	__u32 magic = 0x5a000000U | (rand() & 0xffffff);
	long long start = t_now_ms();
	__u32 v;

	REG(regs, ACQ_SIM_REG_SCRATCH(5)) = magic;
	device_sees(ACQ_SIM_REG_SCRATCH(5), magic, what);
	v = device_reg(regs_fd, ACQ_SIM_REG_SCRATCH(7));
	while (device_reg(regs_fd, ACQ_SIM_REG_SCRATCH(7)) == v) {
		T_ASSERT(t_now_ms() - start < 5000, "%s: the writer's stores "
			 "do not reach the device", what);
		usleep(1000);
	}
}

/*
 * Random revokes and restores of both windows: a writer of window 0, a
 * reader of window 1 mapped through a read-only file. Returns window 1's
 * mapping, and the read-only file in *@ro, both kept for the end.
 */
static volatile __u32 *chaos(struct acq_ctl *ctl, volatile __u32 *regs,
			     int handle, __u32 dev, int *ro)
{
	struct acq_window_info before, after;
	volatile __u32 *st;
	pthread_t w, r;
	char path[32];
	void *p;

	snprintf(path, sizeof(path), "/dev/acq%u", dev);
	*ro = open(path, O_RDONLY | O_CLOEXEC);
	T_ASSERT(*ro >= 0, "open %s read-only: %m", path);
	/* Window 1 is read-only whatever the file. */
	T_ASSERT(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, handle,
		      ACQ_WINDOW_OFF(1)) == MAP_FAILED && errno == EACCES,
		 "window 1 mapped writable: %m");
	T_ASSERT(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, *ro,
		      ACQ_WINDOW_OFF(1)) == MAP_FAILED && errno == EACCES,
		 "window 1 mapped writable through a read-only file: %m");
	st = map_window(*ro, 1, PROT_READ);
	p = (void *)st;
	T_ASSERT(mprotect(p, PAGE, PROT_READ | PROT_WRITE) && errno == EACCES,
		 "window 1 made writable: %m");

	atomic_store(&stop, 0);
	T_ASSERT(pthread_create(&w, NULL, writer, (void *)regs) == 0 &&
		 pthread_create(&r, NULL, status_reader, p) == 0,
		 "pthread_create");
	T_ASSERT(acq_window_get(ctl, dev, 0, &before, sizeof(before)) == 0,
		 "window-get: %s", acq_ctl_errmsg(ctl));
	chaos_phase("discard", 0);
	T_ASSERT(atomic_load(t_faults()) == 0, "%d SIGBUS in discard mode",
		 atomic_load(t_faults()));
	/* The chaos revoked window 0 under the writer, at least once. */
	T_ASSERT(acq_window_get(ctl, dev, 0, &after, sizeof(after)) == 0,
		 "window-get: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(after.revokes > before.revokes, "no revoke of window 0 "
		 "under the writer: %llu revokes",
		 (unsigned long long)after.revokes);
	writes_reach(regs, "after the chaos");

	window_ctl("sigbus 0");
	chaos_phase("sigbus", 1);
	window_ctl("discard 0");
	writes_reach(regs, "after the chaos with SIGBUS");
	/* The writer survived its SIGBUS: it stops when told, as the reader. */
	stop_thread(w);
	T_ASSERT(pthread_join(r, NULL) == 0, "join");
	printf("writes reach the device after random revokes, "
	       "the writer survived SIGBUS\n");
	return st;
}

/*
 * The device removed under a writer of its live mapping: the writer
 * goes on, on the scratch page; the windows (and their scratch pages)
 * stay as long as a mapping or a file of the device does, and go with
 * the last of them.
 */
static void removed(volatile __u32 *regs, int handle, volatile __u32 *st,
		    int ro, long base_windows)
{
	unsigned long from;
	pthread_t w;

	T_ASSERT(t_acq_memory("windows") == base_windows + 2,
		 "windows %ld, not %ld", t_acq_memory("windows"),
		 base_windows + 2);
	atomic_store(&stop, 0);
	T_ASSERT(pthread_create(&w, NULL, writer, (void *)regs) == 0,
		 "pthread_create");
	close(regs_fd);
	close(window_fd);
	close(chaos_fd);
	t_sim_del(0);
	t_sim_debugfs_gone(0);

	/* Writes go on, and land in RAM of the process's own. */
	from = atomic_load(&writes);
	while (atomic_load(&writes) - from < 1000)
		sched_yield();
	REG(regs, ACQ_SIM_REG_SCRATCH(9)) = 0xdead0001;
	T_ASSERT(REG(regs, ACQ_SIM_REG_SCRATCH(9)) == 0xdead0001,
		 "the scratch page did not keep a write");
	(void)st[0];
	T_ASSERT(t_acq_memory("windows") == base_windows + 2,
		 "windows freed under live mappings: %ld",
		 t_acq_memory("windows"));

	/* The mappings hold their files, and their files the device. */
	close(handle);
	close(ro);
	from = atomic_load(&writes);
	while (atomic_load(&writes) - from < 1000)
		sched_yield();
	T_ASSERT(t_acq_memory("windows") == base_windows + 2,
		 "windows freed with the files closed, the mappings live: "
		 "%ld", t_acq_memory("windows"));
	stop_thread(w);
	munmap((void *)regs, PAGE);
	T_ASSERT(t_acq_memory("windows") == base_windows + 2,
		 "windows freed with window 1 still mapped: %ld",
		 t_acq_memory("windows"));
	munmap((void *)st, PAGE);
	T_ASSERT(t_acq_memory("windows") == base_windows,
		 "windows %ld once all is gone, %ld before the device",
		 t_acq_memory("windows"), base_windows);
	printf("removed under a writer: %lu writes in all; windows freed "
	       "with the last mapping\n", atomic_load(&writes));
}

int main(void)
{
	long base_windows, base_rings, base_bytes;
	volatile __u32 *regs, *st;
	struct acq_ctl *ctl;
	unsigned int seed;
	int handle, ro;
	__u32 dev;

	seed = getenv("ACQ_SEED") ? strtoul(getenv("ACQ_SEED"), NULL, 0) :
	       (unsigned int)time(NULL) ^ getpid();
	printf("seed %u (ACQ_SEED)\n", seed);
	srand(seed);
	t_catch_faults(SIGBUS);

	ctl = t_acq_sim_open();
	/* Freshly loaded: no device yet, so no window and no ring. */
	base_windows = t_acq_memory("windows");
	base_rings = t_acq_memory("rings");
	base_bytes = t_acq_memory("bytes");
	T_ASSERT(base_windows == 0, "windows %ld before any device",
		 base_windows);
	dev = t_sim_add(ctl, 0, 1);
	T_ASSERT(t_acq_memory("windows") == base_windows + 2,
		 "acq_sim's two windows: windows %ld", t_acq_memory("windows"));
	handle = t_dev_open(dev);
	regs_fd = t_sim_debugfs_open(0, "regs", O_RDONLY);
	window_fd = t_sim_debugfs_open(0, "window", O_WRONLY);
	chaos_fd = t_sim_debugfs_open(0, "window_chaos_ms", O_WRONLY);

	churn(handle);
	regs = map_window(handle, 0, PROT_READ | PROT_WRITE);
	exits(regs, handle);
	st = chaos(ctl, regs, handle, dev, &ro);
	removed(regs, handle, st, ro, base_windows);

	T_ASSERT(t_acq_memory("rings") == base_rings &&
		 t_acq_memory("bytes") == base_bytes, "rings %ld bytes %ld, "
		 "%ld and %ld before", t_acq_memory("rings"),
		 t_acq_memory("bytes"), base_rings, base_bytes);
	t_acq_sim_close(ctl);
	return T_PASS;
}
