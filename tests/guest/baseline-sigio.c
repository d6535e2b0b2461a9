// SPDX-License-Identifier: GPL-2.0
/*
 * The SIGIO baseline (linux/acq_baseline.h), the field's original design:
 * a signal for every frame published, then ACQ_IOC_FRAME_COPY copies the
 * next frame, every byte verified. EAGAIN when none waits, EMSGSIZE
 * consumes nothing, a nonzero pad is refused, another file of the device
 * may not copy. Queued as a real-time signal (F_SETSIG), the signals
 * number the frames published; as plain SIGIO they merge, never more.
 * Only the ring's file may ask for signals (EACCES for another), and
 * not beyond its ring: once detached, no signal for the next ring's.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>

#include "baseline-util.h"

#define LINES		16
#define LINE_BYTES	256		/* 4 KiB frames */
#define LINE_RATE	16000		/* 1000 frames/s */
#define WANT_FRAMES	300

static char frame[LINES * LINE_BYTES];

/* Copy every frame that waits; how many. */
static unsigned int drain(struct t_base *b)
{
	struct acq_ring_desc desc;
	unsigned int n = 0;
	int err;

	while ((err = t_base_copy(b->handle, frame, sizeof(frame),
				  &desc)) == 0) {
		t_verify(&b->v, &desc, frame);
		n++;
	}
	T_ASSERT_ERR(err, -EAGAIN);
	return n;
}

static void check_refusals(struct t_base *b)
{
	struct acq_frame_copy c = {
		.buf = (__u64)(unsigned long)frame,
		.buf_size = sizeof(frame),
		.__pad = 1,
	};
	int other = t_dev_open(b->dev);

	T_ASSERT(ioctl(b->handle, ACQ_IOC_FRAME_COPY, &c) == -1 &&
		 errno == EINVAL, "a nonzero pad: %m");
	T_ASSERT(ioctl(b->handle, _IO(ACQ_IOC_MAGIC, 0x7f)) == -1 &&
		 errno == ENOTTY, "an unknown ioctl: %m");
	T_ASSERT_ERR(t_base_copy(other, frame, sizeof(frame), NULL), -EACCES);
	T_ASSERT(fcntl(other, F_SETFL, fcntl(other, F_GETFL) | O_ASYNC) == -1 &&
		 errno == EACCES, "O_ASYNC on another file: %m");
	close(other);
}

/*
 * Capture with @sig (SIGIO, or a real-time signal set by F_SETSIG) sent
 * for every frame; the signals received.
 */
static unsigned long capture(struct t_base *b, int sig)
{
	struct timespec ts = { .tv_sec = 2 };
	unsigned long sigs = 0;
	unsigned int got = 0;
	int tried_small = 0;
	struct pollfd pfd;
	siginfo_t si;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
	T_ASSERT(fcntl(b->handle, F_SETOWN, getpid()) == 0, "F_SETOWN: %m");
	T_ASSERT(fcntl(b->handle, F_SETSIG, sig == SIGIO ? 0 : sig) == 0,
		 "F_SETSIG: %m");
	T_ASSERT(fcntl(b->handle, F_SETFL,
		       fcntl(b->handle, F_GETFL) | O_ASYNC) == 0,
		 "O_ASYNC: %m");

	/* Nothing before the start. */
	T_ASSERT_ERR(t_base_copy(b->handle, frame, sizeof(frame), NULL),
		     -EAGAIN);
	t_base_start(b);
	while (got < WANT_FRAMES) {
		T_ASSERT(sigtimedwait(&set, &si, &ts) == sig,
			 "no signal within 2 s: %m");
		sigs++;
		/*
		 * Too small by a byte: kept for the next copy. The signal
		 * may be for a frame copied already: poll() for one.
		 */
		if (!tried_small && got >= WANT_FRAMES / 2) {
			pfd = (struct pollfd){ .fd = b->handle,
					       .events = POLLIN };
			T_ASSERT(poll(&pfd, 1, 2000) == 1, "no frame in 2 s");
			T_ASSERT_ERR(t_base_copy(b->handle, frame,
						 sizeof(frame) - 1, NULL),
				     -EMSGSIZE);
			tried_small = 1;
		}
		got += drain(b);
	}
	t_base_stop(b);
	drain(b);
	ts.tv_sec = 0;
	while (sigtimedwait(&set, &si, &ts) == sig)
		sigs++;
	fcntl(b->handle, F_SETFL, fcntl(b->handle, F_GETFL) & ~O_ASYNC);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	t_base_check_drained(b);
	return sigs;
}

/*
 * O_ASYNC left set on the ring's file as its ring is detached: the ring
 * another file attaches next signals it nothing.
 */
static void check_detached(struct t_base *b)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	struct timespec ts = { 0 };
	struct acq_ring ring;
	struct pollfd pfd;
	siginfo_t si;
	sigset_t set;
	int other, err;

	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	sigprocmask(SIG_BLOCK, &set, NULL);
	T_ASSERT(fcntl(b->handle, F_SETOWN, getpid()) == 0, "F_SETOWN: %m");
	T_ASSERT(fcntl(b->handle, F_SETSIG, 0) == 0, "F_SETSIG: %m");
	T_ASSERT(fcntl(b->handle, F_SETFL,
		       fcntl(b->handle, F_GETFL) | O_ASYNC) == 0,
		 "O_ASYNC: %m");
	T_ASSERT(acq_ring_detach(b->ctl, &b->ring) == 0, "detach");
	T_ASSERT(!(fcntl(b->handle, F_GETFL) & O_ASYNC),
		 "O_ASYNC still set after the detach");

	other = t_dev_open(b->dev);
	err = acq_ring_attach(b->ctl, b->dev, other, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
	err = acq_dev_start(b->ctl, b->dev, other);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
	pfd = (struct pollfd){ .fd = other, .events = POLLIN };
	T_ASSERT(poll(&pfd, 1, 2000) == 1, "no frame in 2 s");
	usleep(100 * 1000);
	err = acq_dev_stop(b->ctl, b->dev, other);
	T_ASSERT(err == 0, "stop: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(b->ctl));
	T_ASSERT(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN,
		 "SIGIO for another file's ring");
	T_ASSERT(acq_ring_detach(b->ctl, &ring) == 0, "detach");
	close(other);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	struct t_base b = { 0 };
	unsigned long sigs, frames;

	b.ctl = t_acq_sim_open();
	t_base_dev(&b, 1, LINES, LINE_BYTES, LINE_RATE);
	T_ASSERT_ERR(t_base_copy(b.handle, frame, sizeof(frame), NULL),
		     -ENXIO);
	t_base_attach(&b, 16);
	check_refusals(&b);

	/* Queued: one signal per frame published. */
	sigs = capture(&b, SIGRTMIN);
	printf("real-time signal: %lu for %llu frames\n", sigs,
	       (unsigned long long)b.v.frames);
	T_ASSERT(sigs == b.v.frames, "%lu signals for %llu frames", sigs,
		 (unsigned long long)b.v.frames);

	/* Plain SIGIO: pending ones merge. */
	frames = b.v.frames;
	sigs = capture(&b, SIGIO);
	frames = b.v.frames - frames;
	printf("SIGIO: %lu for %lu frames\n", sigs, frames);
	T_ASSERT(sigs >= 1 && sigs <= frames, "%lu SIGIO for %lu frames",
		 sigs, frames);

	check_detached(&b);
	close(b.handle);
	t_sim_del(1);
	t_acq_sim_close(b.ctl);
	return T_PASS;
}
