/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for guest test programs. A test exits T_PASS, T_FAIL or T_SKIP
 * (0, 1, 77, as liburing's tests do); T_ASSERT reports where it failed.
 */
#ifndef _ACQ_GUEST_H
#define _ACQ_GUEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
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

#endif /* _ACQ_GUEST_H */
