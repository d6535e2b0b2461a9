// SPDX-License-Identifier: GPL-2.0
/*
 * What acqctl bench's runs cost, from counters outside the library: the
 * consumer's CPU and context switches (getrusage), the whole system's CPU
 * (/proc/stat), the device's time in its interrupt handler (a counter
 * file such as acq_sim's debugfs irq_ns), and the consumer thread's
 * system calls, counted by the kernel on the raw_syscalls:sys_enter
 * tracepoint through perf_event_open() (root, or perf_event_paranoid
 * allowing it; not counted otherwise). clock_gettime() is left out, by
 * the tracepoint's filter: it is the benchmark's own clock, a vDSO call
 * without a system call on real hardware, but a system call in a guest
 * whose clocksource the vDSO cannot read (a TCG guest whose TSC the
 * kernel found unstable falls back to the HPET, at any time in a run).
 *
 * Debian's kernels lack CONFIG_IRQ_TIME_ACCOUNTING: /proc/stat's irq
 * column stays near zero there, the hard IRQ's time charged to whatever
 * it interrupted. The device's own counter is what tells that time.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

/* Where tracefs may be: mounted on its own, or under debugfs. */
static const char *const bench_tracepoint_ids[] = {
	"/sys/kernel/tracing/events/raw_syscalls/sys_enter/id",
	"/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id",
};

double bench_read_counter(const char *path)
{
	unsigned long long v;
	FILE *f = fopen(path, "re");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%llu", &v);
	fclose(f);
	return n == 1 ? (double)v : -1;
}

int bench_syscall_counter_open(struct bench_syscall_counter *c)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.disabled = 1,
	};
	double id = -1;
	char filter[32];
	unsigned int i;

	c->fd = -1;
	c->clock_excluded = false;
	for (i = 0; i < 2 && id < 0; i++)
		id = bench_read_counter(bench_tracepoint_ids[i]);
	if (id < 0)
		return -ENOENT;
	attr.config = (__u64)id;
	/* This thread (pid 0), on any CPU (-1). */
	c->fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1,
			PERF_FLAG_FD_CLOEXEC);
	if (c->fd < 0) {
		c->fd = -1;
		return -errno;
	}
	snprintf(filter, sizeof(filter), "id != %d", SYS_clock_gettime);
	c->clock_excluded = !ioctl(c->fd, PERF_EVENT_IOC_SET_FILTER, filter);
	return ioctl(c->fd, PERF_EVENT_IOC_ENABLE, 0) ? -errno : 0;
}

void bench_clocksource(char *buf, size_t size)
{
	FILE *f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource",
			"re");

	snprintf(buf, size, "?");
	if (f) {
		if (fgets(buf, size, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

void bench_syscall_counter_close(struct bench_syscall_counter *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* The counter's value, or -1. One read(2): counted by itself. */
static double bench_syscalls(const struct bench_syscall_counter *c)
{
	__u64 v;

	if (c->fd < 0 || read(c->fd, &v, sizeof(v)) != sizeof(v))
		return -1;
	return (double)v;
}

/* The first line of /proc/stat: all CPUs' ticks since boot. */
static void bench_proc_stat(struct bench_sys_snap *s)
{
	unsigned long long user = 0, nice = 0, sys = 0, idle, iowait, irq = 0,
			   softirq = 0;
	FILE *f = fopen("/proc/stat", "re");

	if (f) {
		if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu", &user,
			   &nice, &sys, &idle, &iowait, &irq, &softirq) != 7)
			user = nice = sys = irq = softirq = 0;
		fclose(f);
	}
	s->stat_user = user + nice;
	s->stat_sys = sys;
	s->stat_irq = irq + softirq;
}

static double bench_tv(const struct timeval *tv)
{
	return tv->tv_sec + tv->tv_usec / 1e6;
}

void bench_sys_snap(const struct bench_syscall_counter *c,
		    struct bench_sys_snap *s, bool end)
{
	struct rusage ru;

	/*
	 * The system call counter is read last at the beginning and first
	 * at the end: the snapshots' own calls are left out.
	 */
	if (end)
		s->syscalls = bench_syscalls(c);
	getrusage(RUSAGE_SELF, &ru);
	s->user_s = bench_tv(&ru.ru_utime);
	s->sys_s = bench_tv(&ru.ru_stime);
	s->nvcsw = ru.ru_nvcsw;
	s->nivcsw = ru.ru_nivcsw;
	bench_proc_stat(s);
	if (!end)
		s->syscalls = bench_syscalls(c);
}

void bench_sys_diff(const struct bench_sys_snap *a,
		    const struct bench_sys_snap *b, struct bench_sys *d)
{
	double tick = 1.0 / sysconf(_SC_CLK_TCK);

	d->user_s = b->user_s - a->user_s;
	d->sys_s = b->sys_s - a->sys_s;
	d->nvcsw = b->nvcsw - a->nvcsw;
	d->nivcsw = b->nivcsw - a->nivcsw;
	d->sys_user_s = (b->stat_user - a->stat_user) * tick;
	d->sys_sys_s = (b->stat_sys - a->stat_sys) * tick;
	d->sys_irq_s = (b->stat_irq - a->stat_irq) * tick;
	/*
	 * Less the read(2) of the second snapshot: the tracepoint counts
	 * it as it enters, before it reads the value.
	 */
	d->syscalls = a->syscalls < 0 || b->syscalls < 0 ? -1 :
		      b->syscalls - a->syscalls - 1;
}
