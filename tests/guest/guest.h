/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for guest test programs. A test exits T_PASS, T_FAIL or T_SKIP
 * (0, 1, 77, as liburing's tests do); T_ASSERT reports where it failed.
 */
#ifndef _ACQ_GUEST_H
#define _ACQ_GUEST_H

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>

#define T_PASS 0
#define T_FAIL 1
#define T_SKIP 77

#define T_ASSERT(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		exit(T_FAIL);						\
	}								\
} while (0)

#define T_ASSERT_ERR(expr, want) do {					\
	int __ret = (expr);						\
	T_ASSERT(__ret == (want), "got %d (%s), want %d (%s)", __ret,	\
		 strerror(-__ret), (want), strerror(-(want)));		\
} while (0)

/* Load build/km/$(uname -r)/km/NAME.ko of the build tree we run from. */
static inline void t_load_module(const char *name)
{
	struct utsname u;
	char path[512];
	int fd;

	if (!getenv("ACQ_GUEST")) {
		fprintf(stderr, "not in a test guest (run through tests/vm/run)\n");
		exit(T_SKIP);
	}
	T_ASSERT(uname(&u) == 0, "uname: %m");
	snprintf(path, sizeof(path), "build/km/%s/km/%s.ko", u.release, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	T_ASSERT(fd >= 0, "open %s: %m", path);
	T_ASSERT(syscall(SYS_finit_module, fd, "", 0) == 0, "load %s: %m", path);
	close(fd);
}

static inline void t_unload_module(const char *name)
{
	T_ASSERT(syscall(SYS_delete_module, name, O_NONBLOCK) == 0,
		 "unload %s: %m", name);
}

/* CLOCK_MONOTONIC, for timing within one run. */
static inline long long t_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline long long t_now_ms(void)
{
	return t_now_ns() / 1000000;
}

/*
 * Fork a child that runs @child(@arg, fd) with fd the write end of a new
 * pipe, and does not return; the parent keeps the read end, in *@rd.
 */
static inline pid_t t_fork_piped(void (*child)(unsigned int arg, int wr),
				 unsigned int arg, int *rd)
{
	int pfd[2];
	pid_t pid;

	T_ASSERT(pipe(pfd) == 0, "pipe: %m");
	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid) {
		close(pfd[0]);
		child(arg, pfd[1]);
		_exit(T_FAIL);
	}
	close(pfd[1]);
	*rd = pfd[0];
	return pid;
}

/* Write @val to a file of sysfs, procfs or debugfs, in one write(). */
static inline void t_sysfs_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	T_ASSERT(fd >= 0, "open %s: %m", path);
	T_ASSERT(write(fd, val, strlen(val)) == (ssize_t)strlen(val),
		 "write %s to %s: %m", val, path);
	close(fd);
}

/* A line "@key N" of acq's debugfs memory: what the core holds now. */
static inline long t_acq_memory(const char *key)
{
	FILE *f = fopen("/sys/kernel/debug/acq/memory", "re");
	char line[64], name[16];
	long v;

	T_ASSERT(f, "open debugfs acq/memory: %m");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%15s %ld", name, &v) == 2 &&
		    !strcmp(name, key)) {
			fclose(f);
			return v;
		}
	fclose(f);
	T_ASSERT(0, "no \"%s\" in debugfs acq/memory", key);
	return -1;
}

/*
 * Faults a test expects: SIGBUS from a revoked window, SIGSEGV from a
 * mapping that is not there. t_catch_faults() sends them to a handler
 * that counts them (t_faults()) and jumps back to the last T_FAULT_POINT()
 * of the thread that took one. A fault where no point is set fails the
 * test: the access would only fault again.
 */
struct t_fault_point {
	sigjmp_buf jmp;
	int set;
};

static inline struct t_fault_point *t_fault_point(void)
{
	static __thread struct t_fault_point point;

	return &point;
}

/* Faults taken so far, by any thread. */
static inline atomic_int *t_faults(void)
{
	static atomic_int faults;

	return &faults;
}

static inline void t_on_fault(int sig)
{
	static const char msg[] = "a fault where none was expected\n";
	struct t_fault_point *point = t_fault_point();

	atomic_fetch_add(t_faults(), 1);
	if (point->set)
		siglongjmp(point->jmp, sig);
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(T_FAIL);
	_exit(T_FAIL);
}

static inline void t_catch_faults(int sig)
{
	struct sigaction sa = { .sa_handler = t_on_fault };

	T_ASSERT(sigemptyset(&sa.sa_mask) == 0 &&
		 sigaction(sig, &sa, NULL) == 0, "sigaction: %m");
}

/*
 * Where the calling thread's faults come back to: 0 when set, the signal
 * when one came back. A macro: sigsetjmp() must be called in the frame
 * it returns to, which must stay live until t_fault_unset().
 */
#define T_FAULT_POINT()							\
	(t_fault_point()->set = 1, sigsetjmp(t_fault_point()->jmp, 1))

static inline void t_fault_unset(void)
{
	t_fault_point()->set = 0;
}

#endif /* _ACQ_GUEST_H */
