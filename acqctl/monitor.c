// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl monitor: the kernel's events, a line each, as they come, until
 * SIGINT or SIGTERM. Those are blocked and read from a signalfd polled
 * beside the monitor's socket, so nothing runs in a signal handler and
 * no signal can fall between a check and the wait.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "acqctl.h"
#include "show.h"

struct monitor {
	struct acq_monitor *mon;
	int out_err;	/* the output failed, not the monitor */
};

static int monitor_event(const struct acq_event *ev, void *arg)
{
	struct monitor *m = arg;

	m->out_err = event_print(ev);
	return m->out_err;
}

/* Print what is queued: 0 to go on, or the exit code. */
static int monitor_dispatch(struct acqctl *a, struct monitor *m)
{
	int err = acq_monitor_dispatch(m->mon);

	/* Events were lost; those after the loss are still to come. */
	if (err == -ENOBUFS)
		err = m->out_err = event_print_lost();
	if (err >= 0)
		return ACQCTL_EXIT_OK;
	if (m->out_err)
		return acqctl_fail(a, m->out_err, "cannot write the output");
	return acqctl_fail(a, err, "cannot read events");
}

/* Wait for events or a signal to end; the exit code. */
static int monitor_loop(struct acqctl *a, struct monitor *m, int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = acq_monitor_fd(m->mon), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	int ret;

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			/* A stop and continue (SIGTSTP, SIGCONT) ends here. */
			if (errno == EINTR)
				continue;
			return acqctl_fail(a, errno, "poll");
		}
		/* POLLERR, which needs no asking, says events were lost. */
		if (pfd[0].revents) {
			ret = monitor_dispatch(a, m);
			if (ret)
				return ret;
		}
		/* Events that came with the signal are printed first. */
		if (pfd[1].revents)
			return ACQCTL_EXIT_OK;
	}
}

int do_monitor(struct acqctl *a, int argc, char **argv)
{
	struct monitor m = { };
	sigset_t sigs;
	int sfd, ret;

	(void)argv;
	if (argc)
		return acqctl_usage_error("monitor takes no arguments");
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &sigs, NULL))
		return acqctl_fail(a, errno, "cannot block SIGINT and SIGTERM");
	sfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sfd < 0)
		return acqctl_fail(a, errno, "signalfd");

	m.mon = acq_monitor_open(monitor_event, &m);
	if (m.mon) {
		ret = monitor_loop(a, &m, sfd);
		acq_monitor_close(m.mon);
	} else {
		ret = acqctl_open_fail(errno, "the monitor socket");
	}
	close(sfd);
	return ret;
}
