// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl bench's consumers, one per mode: how each waits for frames and
 * takes them, from the ring (eventfd, need-wakeup, coalesce, busy-poll,
 * epoll) or through the baselines' copies (read, sigio:
 * linux/acq_baseline.h). Each runs until the time is up with the cost
 * counters running (bench_loop_begin() to bench_loop_end()), then stops
 * the device and drains what it left, uncounted.
 *
 * Wake latency is the consumer's CLOCK_MONOTONIC when it sees a frame
 * less the descriptor's timestamp (the device's completion, in its IRQ):
 * read once per wake-up for the ring's modes, for the frames ready then,
 * and after each copy for the baselines, whose frames are seen one by
 * one.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/acq_baseline.h>
#include <linux/acq_sim.h>

#include "bench.h"

void bench_loop_begin(struct bench_ctx *c)
{
	bench_sys_snap(c->counter, &c->before, false);
	c->counting = true;
}

void bench_loop_end(struct bench_ctx *c)
{
	struct bench_sys_snap after;

	c->counting = false;
	bench_sys_snap(c->counter, &after, true);
	bench_sys_diff(&c->before, &after, &c->run->sys);
}

/*
 * The head words of the frame's first line, as acq_sim writes them in
 * its full and header payloads: word 0 the seq, word 2 the magic.
 */
static int bench_touch_line(struct bench_ctx *c,
			    const struct acq_ring_desc *desc,
			    const void *frame)
{
	const volatile __u32 *w = frame;
	__u32 seq, id;

	if (desc->len < ACQ_SIM_LINE_HEAD_WORDS * sizeof(__u32))
		return 0;
	seq = w[0];
	id = w[2];
	if (c->o->payload == ACQ_VERIFY_NONE)
		return 0;
	if (seq == desc->seq && id >> 16 == ACQ_SIM_LINE_MAGIC)
		return 0;
	snprintf(c->run->last_error, sizeof(c->run->last_error),
		 "seq %u: line 0 holds seq %u, word 2 %#x", desc->seq, seq, id);
	return -EBADMSG;
}

void bench_frame(struct bench_ctx *c, const struct acq_ring_desc *desc,
		 const void *frame)
{
	struct bench_run *run = c->run;
	int err = 0;

	run->frames++;
	run->bytes += desc->len;
	if (c->counting) {
		run->loop_frames++;
		run->loop_bytes += desc->len;
		/* After the stop a frame waits on us, not on the wake-up. */
		bench_hist_add(&run->lat, c->seen_ns > desc->timestamp_ns ?
			       c->seen_ns - desc->timestamp_ns : 0);
	}
	if (!frame) {
		snprintf(run->last_error, sizeof(run->last_error),
			 "seq %u: outside the ring", desc->seq);
		err = -EBADMSG;
	} else if (c->o->touch == BENCH_TOUCH_LINE) {
		err = bench_touch_line(c, desc, frame);
	} else if (c->o->touch == BENCH_TOUCH_VERIFY) {
		err = acq_verify_frame(&c->verify, desc, frame);
		if (err)
			memcpy(run->last_error, c->verify.last_error,
			       sizeof(run->last_error));
	}
	if (err)
		run->failures++;
}

static int bench_ring_cb(const struct acq_ring_desc *desc, const void *frame,
			 void *arg)
{
	bench_frame(arg, desc, frame);
	return 0;
}

/* Milliseconds to @deadline, rounded up; 0 once it passed. */
static int bench_ms_left(__u64 deadline)
{
	__u64 now = bench_now_ns();

	return now >= deadline ? 0 : (int)((deadline - now + 999999) / 1000000);
}

/*
 * epoll on the handle, as an application with other files would: POLLIN
 * when frames are ready, POLLPRI when the device stopped. The same
 * returns as acq_ring_wait().
 */
static int bench_epoll_wait(int epfd, struct acq_ring *ring, int timeout_ms)
{
	struct epoll_event ev;
	int n = epoll_wait(epfd, &ev, 1, timeout_ms);

	if (n < 0)
		return -errno;
	n = acq_ring_ready(ring);
	if (!n && acq_ring_flags(ring) & ACQ_RING_F_STOPPED)
		return -ESHUTDOWN;
	return n;
}

static int bench_ring_wait(struct bench_ctx *c, enum bench_mode mode,
			   struct acq_ring *ring, int epfd, int timeout_ms)
{
	c->run->waits++;
	if (mode == BENCH_BUSY_POLL)
		return acq_ring_busy_wait(ring, timeout_ms);
	if (mode == BENCH_EPOLL)
		return bench_epoll_wait(epfd, ring, timeout_ms);
	return acq_ring_wait(ring, timeout_ms);
}

static int bench_ring_dispatch(struct bench_ctx *c, struct acq_ring *ring,
			       unsigned int max)
{
	struct acq_frame_handler h[ACQ_MAX_CHANNELS] = { 0 };
	__u32 ch = c->o->channel;

	h[ch].cb = bench_ring_cb;
	h[ch].arg = c;
	return acq_ring_dispatch(ring, h, ch + 1, max);
}

static int bench_ring(struct bench_ctx *c, enum bench_mode mode,
		      struct acq_ring *ring, int handle, __u64 deadline)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLPRI };
	int epfd = -1, n = 0, timeout;

	if (mode == BENCH_EPOLL) {
		epfd = epoll_create1(EPOLL_CLOEXEC);
		if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, handle, &ev)) {
			n = -errno;
			goto out;
		}
	}
	bench_loop_begin(c);
	while ((timeout = bench_ms_left(deadline))) {
		n = bench_ring_wait(c, mode, ring, epfd, timeout);
		if (n == -EINTR || !n)
			continue;
		if (n < 0)
			break;
		c->seen_ns = bench_now_ns();
		/* Only the frames ready when seen: their latency is known. */
		n = bench_ring_dispatch(c, ring, n);
		if (n < 0)
			break;
	}
	bench_loop_end(c);
out:
	if (epfd >= 0)
		close(epfd);
	return n < 0 ? n : 0;
}

/* What the stop left in the ring: consumed, not timed. */
static int bench_ring_drain(struct bench_ctx *c, struct acq_ring *ring)
{
	int n;

	do
		n = bench_ring_dispatch(c, ring, ~0U);
	while (n > 0);
	return n;
}

/* SIGALRM ends a blocking read(2) when the time is up. */
static volatile sig_atomic_t bench_alarm;

static void bench_on_alarm(int sig)
{
	(void)sig;
	bench_alarm = 1;
}

static void bench_set_alarm(__u64 deadline, struct sigaction *old)
{
	/* No SA_RESTART: the read returns EINTR. */
	struct sigaction sa = { .sa_handler = bench_on_alarm };
	__u64 left = deadline - bench_now_ns();
	struct itimerval it = {
		.it_value = { .tv_sec = left / 1000000000,
			      .tv_usec = left % 1000000000 / 1000 + 1 },
	};

	bench_alarm = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, old);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void bench_clear_alarm(const struct sigaction *old)
{
	struct itimerval off = { 0 };

	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, old, NULL);
}

/* One frame of a baseline's copy in @buf: its descriptor, then its data. */
static void bench_copied(struct bench_ctx *c, const struct acq_ring_desc *desc,
			 const void *data)
{
	c->seen_ns = bench_now_ns();
	bench_frame(c, desc, data);
}

/* Baseline (a): a blocking read(2) per frame. */
static int bench_read(struct bench_ctx *c, int handle, void *buf, size_t size,
		      __u64 deadline)
{
	struct sigaction old;
	ssize_t n;
	int err = 0;

	bench_set_alarm(deadline, &old);
	bench_loop_begin(c);
	while (!bench_alarm) {
		c->run->waits++;
		n = read(handle, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n ? -errno : -ESHUTDOWN;
			break;
		}
		bench_copied(c, buf, (char *)buf + sizeof(struct acq_ring_desc));
	}
	bench_loop_end(c);
	bench_clear_alarm(&old);
	return err;
}

static int bench_read_drain(struct bench_ctx *c, int handle, void *buf,
			    size_t size)
{
	int fl = fcntl(handle, F_GETFL);
	ssize_t n;

	fcntl(handle, F_SETFL, fl | O_NONBLOCK);
	while ((n = read(handle, buf, size)) > 0)
		bench_frame(c, buf, (char *)buf + sizeof(struct acq_ring_desc));
	fcntl(handle, F_SETFL, fl);
	return n < 0 && errno != EAGAIN ? -errno : 0;
}

/*
 * Baseline (b): the frames ACQ_IOC_FRAME_COPY gives, until EAGAIN, or,
 * when @deadline is not 0, until it passed: a producer faster than the
 * copies (1 MiB frames of header-only payload) never lets it say EAGAIN.
 */
static int bench_copy_all(struct bench_ctx *c, int handle, void *buf,
			  size_t size, __u64 deadline)
{
	struct acq_frame_copy fc = {
		.buf = (__u64)(unsigned long)buf,
		.buf_size = size,
	};

	while (!ioctl(handle, ACQ_IOC_FRAME_COPY, &fc)) {
		if (!deadline) {
			bench_frame(c, &fc.desc, buf);
			continue;
		}
		bench_copied(c, &fc.desc, buf);
		if (c->seen_ns >= deadline)
			return 0;
	}
	return errno == EAGAIN ? 0 : -errno;
}

/* Baseline (b): sigtimedwait() for SIGIO, then copies. */
static int bench_sigio(struct bench_ctx *c, int handle, void *buf,
		       size_t size, __u64 deadline)
{
	struct timespec ts;
	sigset_t set;
	__u64 left;
	int err;

	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	bench_loop_begin(c);
	/*
	 * Frames from before the first signal, and the kernel's answer;
	 * the device runs already, maybe faster than the copies: counted.
	 */
	err = bench_copy_all(c, handle, buf, size, deadline);
	while (!err && (left = deadline - bench_now_ns()) < (__u64)1 << 63) {
		ts.tv_sec = left / 1000000000;
		ts.tv_nsec = left % 1000000000;
		c->run->waits++;
		if (sigtimedwait(&set, NULL, &ts) < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		/* One signal may stand for several frames: not queued. */
		err = bench_copy_all(c, handle, buf, size, deadline);
		if (err)
			break;
	}
	bench_loop_end(c);
	return err;
}

/* O_ASYNC on the handle, SIGIO to us, held blocked for sigtimedwait(). */
static int bench_sigio_setup(int handle, sigset_t *old)
{
	sigset_t set;
	int fl;

	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	sigprocmask(SIG_BLOCK, &set, old);
	fl = fcntl(handle, F_GETFL);
	if (fcntl(handle, F_SETOWN, getpid()) ||
	    fcntl(handle, F_SETFL, fl | O_ASYNC))
		return -errno;
	return 0;
}

static void bench_sigio_teardown(int handle, const sigset_t *old)
{
	struct timespec zero = { 0 };
	sigset_t set;

	fcntl(handle, F_SETFL, fcntl(handle, F_GETFL) & ~O_ASYNC);
	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	/* A signal still pending would kill us once unblocked. */
	while (sigtimedwait(&set, NULL, &zero) > 0)
		;
	sigprocmask(SIG_SETMASK, old, NULL);
}

static int bench_copies(struct bench_ctx *c, enum bench_mode mode,
			struct acq_ring *ring, int handle,
			int (*stop)(void *arg), void *arg, __u64 deadline)
{
	size_t size = sizeof(struct acq_ring_desc) + ring->hdr->slot_size;
	void *buf = malloc(size);
	sigset_t old;
	int err, err2;

	if (!buf)
		return -ENOMEM;
	if (mode == BENCH_READ) {
		err = bench_read(c, handle, buf, size, deadline);
		err2 = stop(arg);
		if (!err2)
			err2 = bench_read_drain(c, handle, buf, size);
	} else {
		err = bench_sigio_setup(handle, &old);
		if (!err)
			err = bench_sigio(c, handle, buf, size, deadline);
		err2 = stop(arg);
		if (!err2)
			err2 = bench_copy_all(c, handle, buf, size, 0);
		bench_sigio_teardown(handle, &old);
	}
	free(buf);
	return err ? err : err2;
}

int bench_consume(struct bench_ctx *c, enum bench_mode mode,
		  struct acq_ring *ring, int handle,
		  int (*stop)(void *arg), void *arg)
{
	__u64 deadline = bench_now_ns() + (__u64)(c->o->seconds * 1e9);
	int err, err2;

	if (mode == BENCH_READ || mode == BENCH_SIGIO)
		return bench_copies(c, mode, ring, handle, stop, arg,
				    deadline);
	err = bench_ring(c, mode, ring, handle, deadline);
	err2 = stop(arg);
	if (!err2)
		err2 = bench_ring_drain(c, ring);
	return err ? err : err2;
}
