// SPDX-License-Identifier: GPL-2.0
/*
 * ring-epoll: a whole consumer of an acq ring, woken through the
 * application's own epoll set: capture for a few seconds and count the
 * frames of each channel. Built against an installed libacqctl with
 *	cc -o ring-epoll ring-epoll.c $(pkg-config --cflags --libs libacqctl)
 * it runs as a member of the group acq (or root): ring-epoll acq0 [S]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <acq/ring.h>

static unsigned long long frames[ACQ_MAX_CHANNELS], flagged;

/* Called in our thread, the frame mapped until we return. */
static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	(void)frame, (void)arg;
	frames[desc->channel]++;
	if (desc->flags & (ACQ_DESC_F_ERROR | ACQ_DESC_F_TRUNCATED))
		flagged++;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct acq_frame_handler h[ACQ_MAX_CHANNELS];
	struct epoll_event ev = { .events = EPOLLIN };
	double end = now() + (argc > 2 ? atof(argv[2]) : 3);
	int handle, ep, n = 0, ch;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	uint64_t count;
	__u32 dev;

	if (argc < 2 || acq_dev_parse_name(argv[1], &dev)) {
		fprintf(stderr, "usage: %s acqN [seconds]\n", argv[0]);
		return 2;
	}
	for (ch = 0; ch < ACQ_MAX_CHANNELS; ch++)
		h[ch] = (struct acq_frame_handler){ .cb = on_frame };
	ctl = acq_ctl_open();
	if (!ctl || (handle = acq_dev_open(dev)) < 0) {
		perror("acq");		/* both set errno */
		return 1;
	}
	/* Default options: the eventfd signalled at every frame. */
	n = acq_ring_attach(ctl, dev, handle, NULL, &ring);
	if (n) {
		fprintf(stderr, "ring: %s %s\n", strerror(-n), acq_ctl_errmsg(ctl));
		return 1;
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.data.fd = acq_ring_eventfd(&ring);
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev) ||
	    (n = acq_dev_start(ctl, dev, handle))) {
		fprintf(stderr, "start: %s\n", strerror(n ? -n : errno));
		return 1;
	}
	while (n >= 0 && now() < end) {
		/* Reset the eventfd before looking: a frame after it signals again. */
		if (epoll_wait(ep, &ev, 1, 100) == 1 &&
		    read(ev.data.fd, &count, sizeof(count)) < 0)
			break;
		n = acq_ring_dispatch(&ring, h, ACQ_MAX_CHANNELS, UINT32_MAX);
	}
	if (n < 0)	/* -ENODEV: removed; -ENOLINK: detached by root */
		fprintf(stderr, "capture: %s\n", strerror(-n));
	else if (!acq_dev_stop(ctl, dev, handle))	/* then what is left */
		while (acq_ring_dispatch(&ring, h, ACQ_MAX_CHANNELS, UINT32_MAX) > 0)
			;
	for (ch = 0; ch < ACQ_MAX_CHANNELS; ch++)
		if (frames[ch])
			printf("channel %d: %llu frames\n", ch, frames[ch]);
	printf("%llu flagged\n", flagged);
	if (n == -ENODEV || n == -ENOLINK)
		acq_ring_unmap(&ring);	/* nothing left to detach */
	else
		acq_ring_detach(ctl, &ring);
	close(ep);
	close(handle);
	acq_ctl_close(ctl);
	return n < 0;
}
