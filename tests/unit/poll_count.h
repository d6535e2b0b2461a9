/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libacqctl's poll(), seen from a test program: the library is linked
 * into it (the objects, or the static archive), so its calls come to this
 * one. Counts the sleeps of acq_ring_wait() and those that timed out;
 * poll_count_hook, if set, runs before each. Include in one file of the
 * program.
 */
#ifndef _TESTS_POLL_COUNT_H
#define _TESTS_POLL_COUNT_H

#include <poll.h>
#include <signal.h>
#include <time.h>

static struct {
	unsigned long calls;
	unsigned long timeouts;
} polls;

static void (*poll_count_hook)(void);

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	struct timespec ts = {
		.tv_sec = timeout / 1000,
		.tv_nsec = (long)(timeout % 1000) * 1000000,
	};
	int n;

	polls.calls++;
	if (poll_count_hook)
		poll_count_hook();
	n = ppoll(fds, nfds, timeout < 0 ? NULL : &ts, NULL);
	if (!n)
		polls.timeouts++;
	return n;
}

#endif /* _TESTS_POLL_COUNT_H */
