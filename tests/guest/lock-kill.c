// SPDX-License-Identifier: GPL-2.0
/*
 * A wait on a device that another user's slow request causes can be
 * killed: the waiter dies at once, not when the slow request ends.
 *
 * A process attaches a 256 MiB ring to acq0 (seconds under emulation:
 * the ring is allocated and zeroed). While it does, a second process asks
 * for an attach of its own on acq0; attaches of one device wait for each
 * other, so it blocks in its sendmsg() (or, were the device's lock held,
 * in its open()). Once it is seen blocked there (state D in that system
 * call), it gets SIGKILL. It must be reaped
 * before the first attach returns. A round in which the first attach
 * returned before the kill tells nothing and is not counted; of ROUNDS,
 * at least one must tell.
 *
 * Then the attacher itself is killed a fifth of the way into its
 * allocation: it must die within a quarter of an attach's time, not
 * allocate and zero the rest of the ring first, and leave no ring memory.
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "ring-util.h"

#define ROUNDS		3

/* Attach a big ring, saying when it began and ended; then exit. */
static void attach_big(__u32 dev, int out)
{
	struct acq_ctl *ctl;
	struct acq_ring ring;
	int err = t_attach_big(dev, out, &ctl, &ring);

	T_ASSERT(err == 0, "attacher: attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	acq_ring_detach(ctl, &ring);
	_exit(T_PASS);
}

/* Ask for an attach of a small ring: it waits for the big one. */
static void attach_small(__u32 dev)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = 4, .slot_size = 4096, .no_eventfd = 1);
	struct acq_ctl *ctl = acq_ctl_open();
	struct acq_ring ring;

	T_ASSERT(ctl, "waiter: acq_ctl_open: %m");
	acq_ring_attach(ctl, dev, t_dev_open(dev), &opts, &ring);
	/* Reaching here means it was never killed while it waited. */
	_exit(T_PASS);
}

/*
 * Is @pid asleep uninterruptibly (D, as TASK_KILLABLE shows too) in the
 * open() of the device or the sendmsg() of the attach?
 */
static int blocked_in_kernel(pid_t pid)
{
	char path[64], buf[512], *p;
	long nr = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	p = p ? strrchr(buf, ')') : NULL;
	if (!p || p[1] != ' ' || p[2] != 'D')
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
	return nr == SYS_sendmsg || nr == SYS_sendto || nr == SYS_openat ||
	       nr == SYS_open;
}

/* The shortest big attach the rounds saw, in ns. */
static long long attach_min = -1;

/* 1: the waiter died while the big attach went on; 0: tells nothing. */
static int one_round(__u32 dev, int round)
{
	long long begun, ended, killed = 0, reaped;
	pid_t big, waiter;
	int rd, status, wstatus, i;

	big = t_start_big(attach_big, dev, &rd, &begun);
	/* Let it reach the kernel's allocation. */
	usleep(20 * 1000);

	waiter = fork();
	T_ASSERT(waiter >= 0, "fork: %m");
	if (!waiter)
		attach_small(dev);
	for (i = 0; i < 5000 && !blocked_in_kernel(waiter); i++)
		usleep(200);
	if (blocked_in_kernel(waiter)) {
		killed = t_now_ns();
		kill(waiter, SIGKILL);
	}
	T_ASSERT(waitpid(waiter, &wstatus, 0) == waiter, "waitpid: %m");
	reaped = t_now_ns();

	T_ASSERT(read(rd, &ended, sizeof(ended)) == sizeof(ended),
		 "the attacher failed");
	close(rd);
	T_ASSERT(waitpid(big, &status, 0) == big, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
		 "the attacher failed (status %#x)", status);

	if (attach_min < 0 || ended - begun < attach_min)
		attach_min = ended - begun;
	if (!killed || killed >= ended) {
		printf("round %d: the waiter was not seen waiting before the "
		       "attach (%.1f ms) ended: not counted\n", round,
		       (ended - begun) / 1e6);
		return 0;
	}
	printf("round %d: attach of 256 MiB took %.1f ms; the waiter, killed "
	       "%.1f ms in, was reaped %.1f ms later, %.1f ms before the "
	       "attach returned\n", round, (ended - begun) / 1e6,
	       (killed - begun) / 1e6, (reaped - killed) / 1e6,
	       (ended - reaped) / 1e6);
	T_ASSERT(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL,
		 "the waiter was not killed (status %#x)", wstatus);
	T_ASSERT(reaped < ended,
		 "the killed waiter lived %.1f ms, until the attach it waited for returned",
		 (reaped - killed) / 1e6);
	return 1;
}

/* The attacher killed during its allocation dies promptly. */
static void kill_attacher(__u32 dev)
{
	long long begun, killed, reaped;
	int rd, status;
	pid_t big;

	big = t_start_big(attach_big, dev, &rd, &begun);
	usleep(attach_min / 5000);
	killed = t_now_ns();
	kill(big, SIGKILL);
	T_ASSERT(waitpid(big, &status, 0) == big, "waitpid: %m");
	reaped = t_now_ns();
	close(rd);
	printf("the attacher, killed %.1f ms into its attach (the shortest "
	       "took %.1f ms), was reaped %.1f ms later\n",
	       (killed - begun) / 1e6, attach_min / 1e6,
	       (reaped - killed) / 1e6);
	T_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		 "the attach ended before the kill (status %#x)", status);
	T_ASSERT((reaped - killed) * 4 < attach_min,
		 "the killed attacher lived %.1f ms on: it allocated the ring first",
		 (reaped - killed) / 1e6);
}

int main(void)
{
	struct acq_ctl *ctl;
	int told = 0, i;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	for (i = 0; i < ROUNDS; i++)
		told += one_round(dev, i);
	T_ASSERT(told > 0, "no round saw a waiter blocked during the attach");
	kill_attacher(dev);
	/* Nothing of the killed waiter stays behind. */
	T_ASSERT(t_ring_bytes() == 0, "rings still hold %ld bytes",
		 t_ring_bytes());

	t_sim_del(0);
	t_acq_sim_close(ctl);
	return T_PASS;
}
