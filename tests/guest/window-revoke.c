// SPDX-License-Identifier: GPL-2.0
/*
 * A register window revoked and restored 1000 times under a writer
 * thread that hammers it. The writer stores an ever-growing generation
 * number; the device's view of its registers is acq_sim's debugfs regs,
 * and regs_at_revoke what it held when its last revoke returned. After
 * each revoke, while the writer goes on, the device holds what it held
 * then (no write landed from the return on) and no generation issued
 * after it; after each restore, writes reach it again. With the
 * default policy the writer never notices (no SIGBUS); with SIGBUS chosen
 * it gets SIGBUS while the window is revoked, and goes on after a
 * restore. The mapping's rules: MAP_SHARED only, within the window,
 * writable only through a file open for writing. A child of fork()
 * shares the window, revocation included. A device removed under the
 * writer takes its window for good: the writer goes on, on the scratch
 * page.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/acq_window.h>

#include "ring-util.h"

#define CYCLES	1000

static volatile __u32 *regs;
static atomic_uint gen;
static atomic_int stop;
static int regs_fd, snap_fd, window_fd;

/* Store generation after generation, through SIGBUS if it comes. */
static void *writer(void *arg)
{
	(void)arg;
	(void)T_FAULT_POINT();
	while (!atomic_load(&stop)) {
		/* The number first: a store of it is issued after this. */
		__u32 g = atomic_fetch_add(&gen, 1) + 1;

		regs[0] = g;
	}
	return NULL;
}

/* What the device's register 0 holds, or held when a revoke returned. */
static __u32 reg0_of(int fd)
{
	__u32 v;

	T_ASSERT(pread(fd, &v, sizeof(v), 0) == sizeof(v),
		 "read debugfs regs: %m");
	return v;
}

static __u32 device_reg0(void)
{
	return reg0_of(regs_fd);
}

/* Until the device holds a generation after @g, for 10 s at most. */
static void lands_after(__u32 g, const char *what)
{
	long long n = 0;

	while (device_reg0() <= g) {
		T_ASSERT(++n < 10000000, "%s: no write reached the device", what);
		sched_yield();
	}
}

static void window_ctl(const char *what)
{
	T_ASSERT(pwrite(window_fd, what, strlen(what), 0) ==
		 (ssize_t)strlen(what), "window %s: %m", what);
}

/* Let the writer issue @n more stores. */
static void writes_pass(unsigned int n)
{
	unsigned int from = atomic_load(&gen);

	while (atomic_load(&gen) - from < n)
		sched_yield();
}

static void cycles(unsigned int n, int expect_sigbus)
{
	unsigned int i, g;
	__u32 v;

	for (i = 0; i < n; i++) {
		window_ctl("revoke");
		g = atomic_load(&gen);
		v = reg0_of(snap_fd);
		T_ASSERT(v <= g, "cycle %u: the device holds %u, issued after "
			 "the revoke returned at %u", i, v, g);
		if (!expect_sigbus)
			writes_pass(64);
		else
			usleep(200);
		T_ASSERT(device_reg0() == v, "cycle %u: a write landed after "
			 "the revoke returned: %u, then %u", i, v, device_reg0());
		window_ctl("restore");
		/* The next writes reach the device again. */
		lands_after(atomic_load(&gen), "after a restore");
	}
}

static void mapping_rules(__u32 dev, int handle)
{
	char path[32];
	void *p;
	int ro;

	T_ASSERT(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, handle,
		      ACQ_WINDOW_OFF(0)) == MAP_FAILED && errno == EINVAL,
		 "MAP_PRIVATE of a window: %m");
	T_ASSERT(mmap(NULL, 8192, PROT_READ, MAP_SHARED, handle,
		      ACQ_WINDOW_OFF(0)) == MAP_FAILED && errno == EINVAL,
		 "a mapping past the window: %m");
	T_ASSERT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, handle,
		      ACQ_WINDOW_OFF(2)) == MAP_FAILED && errno == ENXIO,
		 "window 2, which acq_sim has not: %m");
	snprintf(path, sizeof(path), "/dev/acq%u", dev);
	ro = open(path, O_RDONLY | O_CLOEXEC);
	T_ASSERT(ro >= 0, "open read-only: %m");
	T_ASSERT(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro,
		      ACQ_WINDOW_OFF(0)) == MAP_FAILED && errno == EACCES,
		 "a writable window through a read-only file: %m");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, ACQ_WINDOW_OFF(0));
	T_ASSERT(p != MAP_FAILED, "a read-only window: %m");
	T_ASSERT(mprotect(p, 4096, PROT_READ | PROT_WRITE) && errno == EACCES,
		 "made writable: %m");
	T_ASSERT(mprotect(p, 4096, PROT_READ | PROT_EXEC) && errno == EACCES,
		 "made executable: %m");
	munmap(p, 4096);
	close(ro);
}

/*
 * A child inherits the window with its page mapped (the parent wrote
 * first): its write lands while the window is lent, and not after the
 * parent's device revoked it, though the child's copy of the mapping was
 * made before.
 */
static void forked(void)
{
	int go[2], status;
	__u32 reg1;
	pid_t pid;
	char c;

	regs[1] = 0xc0de0000;
	T_ASSERT(pipe(go) == 0, "pipe: %m");
	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid) {
		regs[1] = 0xc0de0001;
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		regs[1] = 0xc0de0002;
		_exit(0);
	}
	while (pread(regs_fd, &reg1, 4, 4) == 4 && reg1 != 0xc0de0001)
		sched_yield();
	window_ctl("revoke");
	T_ASSERT(write(go[1], "x", 1) == 1, "go: %m");
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 !WEXITSTATUS(status), "the child died: %d", status);
	T_ASSERT(pread(regs_fd, &reg1, 4, 4) == 4 && reg1 == 0xc0de0001,
		 "register 1 is %#x: the child's write %s", reg1,
		 reg1 == 0xc0de0002 ? "landed after the revoke" : "was lost");
	window_ctl("restore");
	close(go[0]);
	close(go[1]);
	printf("fork: the child's window is the parent's, revocation too\n");
}

int main(void)
{
	struct acq_ctl *ctl;
	pthread_t t;
	__u32 dev;
	int handle;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	regs_fd = t_sim_debugfs_open(0, "regs", O_RDONLY);
	snap_fd = t_sim_debugfs_open(0, "regs_at_revoke", O_RDONLY);
	window_fd = t_sim_debugfs_open(0, "window", O_WRONLY);
	mapping_rules(dev, handle);

	regs = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, handle,
		    ACQ_WINDOW_OFF(0));
	T_ASSERT(regs != MAP_FAILED, "map window 0: %m");
	forked();

	t_catch_faults(SIGBUS);
	T_ASSERT(pthread_create(&t, NULL, writer, NULL) == 0, "pthread_create");
	cycles(CYCLES, 0);
	T_ASSERT(atomic_load(t_faults()) == 0, "%d SIGBUS in discard mode",
		 atomic_load(t_faults()));
	printf("%d revokes under a writer: no write landed while revoked, "
	       "no SIGBUS, %u writes\n", CYCLES, atomic_load(&gen));

	window_ctl("sigbus");
	cycles(100, 1);
	T_ASSERT(atomic_load(t_faults()) > 0, "no SIGBUS in sigbus mode");
	printf("100 revokes with SIGBUS chosen: %d SIGBUS\n",
	       atomic_load(t_faults()));
	window_ctl("discard");

	/* Removed under the writer: the window is gone, the writer is not. */
	close(regs_fd);
	close(snap_fd);
	close(window_fd);
	t_sim_del(0);
	writes_pass(1000);
	atomic_store(&stop, 1);
	T_ASSERT(pthread_join(t, NULL) == 0, "join");
	printf("device removed under the writer: %u writes in all\n",
	       atomic_load(&gen));
	t_sim_debugfs_gone(0);

	munmap((void *)regs, 4096);
	close(handle);
	t_acq_sim_close(ctl);
	return T_PASS;
}
