// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl capture: the whole life of a ring consumer. Choose the channels,
 * open the device's handle, attach a ring, start, consume frames in this
 * thread (acq_ring_wait() and acq_ring_dispatch_result()) until enough
 * frames or seconds, stop, drain, detach, and report. A device removed or
 * a ring detached meanwhile ends it with exit 1 and still a report, and
 * the file holds the frames read before (capture_frame.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acqctl.h"
#include "capture.h"

/* Longest sleep in the ring: the progress line and the clock need us. */
#define CAPTURE_WAIT_MS		200

/* Ctrl-C ends the capture as its time would, so that it is reported. */
static volatile sig_atomic_t capture_interrupted;

static void capture_on_sigint(int sig)
{
	(void)sig;
	capture_interrupted = 1;
}

/* Catch SIGINT while capturing; @old keeps what to restore after. */
static void capture_catch_sigint(struct sigaction *old)
{
	/* No SA_RESTART: poll() in acq_ring_wait() returns EINTR at once. */
	struct sigaction sa = { .sa_handler = capture_on_sigint };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, old);
}

static int capture_chan_cb(const struct acq_chan_info *info, void *arg)
{
	struct capture *cap = arg;

	if (info->id >= ACQ_MAX_CHANNELS)
		return -EBADMSG;
	cap->chan[info->id].info = *info;
	if (info->id >= cap->nr_channels)
		cap->nr_channels = info->id + 1;
	return 0;
}

/* Read the device's channels into @cap. */
static int capture_read_channels(struct acqctl *a, struct capture *cap)
{
	int err;

	cap->nr_channels = 0;
	err = acq_chan_foreach(a->ctl, cap->opts->dev_id, capture_chan_cb, cap);
	if (err)
		return acqctl_fail(a, err, "acq%u: cannot read its channels",
				   cap->opts->dev_id);
	return ACQCTL_EXIT_OK;
}

/*
 * Enable the channels of --channel and disable the others, through the
 * handle, then read the configuration back.
 */
static int capture_choose_channels(struct acqctl *a, struct capture *cap,
				   int handle)
{
	const struct capture_opts *o = cap->opts;
	ACQ_OPTS(acq_chan_config, cfg);
	__u32 ch;
	int err;

	if (cap->nr_channels < ACQ_MAX_CHANNELS &&
	    o->channels >> cap->nr_channels) {
		fprintf(stderr, "acqctl: acq%u has %u channels\n", o->dev_id,
			cap->nr_channels);
		return ACQCTL_EXIT_FAIL;
	}
	for (ch = 0; ch < cap->nr_channels; ch++) {
		cfg.enabled = !!(o->channels & 1ULL << ch);
		if ((int)cap->chan[ch].info.enabled == cfg.enabled)
			continue;
		err = acq_chan_set(a->ctl, o->dev_id, ch, handle, &cfg);
		if (err)
			return acqctl_fail(a, err, "acq%u channel %u",
					   o->dev_id, ch);
	}
	return capture_read_channels(a, cap);
}

/*
 * What the kernel counts dropped on each captured channel: at the start
 * (@after false) and at the end, the difference being this capture's.
 */
static int capture_kernel_dropped(struct acqctl *a, struct capture *cap,
				  bool after)
{
	struct acq_chan_stats st;
	struct capture_chan *c;
	__u32 ch;
	int err;

	for (ch = 0; ch < cap->nr_channels; ch++) {
		if (!(cap->captured & 1ULL << ch))
			continue;
		err = acq_stats_get(a->ctl, cap->opts->dev_id, ch, &st,
				    sizeof(st));
		if (err)
			return acqctl_fail(a, err, "acq%u channel %u: counters",
					   cap->opts->dev_id, ch);
		c = &cap->chan[ch];
		if (after)
			c->kernel_dropped = st.dropped - c->kernel_dropped;
		else
			c->kernel_dropped = st.dropped;
	}
	return ACQCTL_EXIT_OK;
}

/* Whether the capture has what it came for. */
static bool capture_done(const struct capture *cap, double t)
{
	const struct capture_opts *o = cap->opts;

	if (capture_interrupted)
		return true;
	return o->frames ? cap->frames >= o->frames : t >= o->seconds;
}

/* Consume frames until done; 0 or -errno. */
static int capture_run(struct capture *cap, struct acq_ring *ring,
		       bool progress)
{
	const struct capture_opts *o = cap->opts;
	double t, next_progress = 0;
	__u32 flags;
	__u64 left;
	int n, timeout;

	for (;;) {
		t = capture_elapsed(cap);
		if (capture_done(cap, t))
			return 0;
		/*
		 * The kernel clears STOPPED before it answers our start: set
		 * now, someone else (or the device) stopped it, and no frame
		 * would come.
		 */
		flags = acq_ring_flags(ring);
		if (flags & ACQ_RING_F_DEV_GONE)
			return -ENODEV;
		if (flags & ACQ_RING_F_DETACHED)
			return -ENOLINK;
		if (flags & ACQ_RING_F_STOPPED)
			return -ESHUTDOWN;
		if (progress && t >= next_progress) {
			capture_progress(cap);
			next_progress = t + 0.25;
		}
		timeout = CAPTURE_WAIT_MS;
		if (!o->frames && (o->seconds - t) * 1000 < timeout)
			timeout = (int)((o->seconds - t) * 1000) + 1;
		n = o->busy_poll ? acq_ring_busy_wait(ring, timeout) :
				   acq_ring_wait(ring, timeout);
		if (n == -EINTR)
			continue;
		if (n < 0)
			return n;
		/* With --frames, not one frame more than asked for. */
		left = o->frames ? o->frames - cap->frames : ~0U;
		n = capture_dispatch(cap, ring, true, left < ~0U ? left : ~0U);
		if (n < 0)
			return n;
	}
}

/*
 * After the stop, what the ring still holds: frames of a timed capture
 * belong to it; with --frames they are released unread.
 */
static int capture_drain(struct capture *cap, struct acq_ring *ring)
{
	bool keep = !cap->opts->frames;
	int n;

	do
		n = capture_dispatch(cap, ring, keep, ~0U);
	while (n > 0);
	return n;
}

/* -ENODEV or -ENOLINK once the ring's frames are gone, or 0. */
static int capture_ring_gone(const struct acq_ring *ring)
{
	__u32 flags = acq_ring_flags(ring);

	if (flags & ACQ_RING_F_DEV_GONE)
		return -ENODEV;
	return (flags & ACQ_RING_F_DETACHED) ? -ENOLINK : 0;
}

/*
 * The ring went away under the capture (@err): say so, and which frame
 * it took while it was being read, if one was.
 */
static void capture_say_gone(struct capture *cap, int err)
{
	cap->gone = err;
	if (err == -ENODEV)
		fprintf(stderr, "acqctl: acq%u: device removed during capture",
			cap->opts->dev_id);
	else
		fprintf(stderr, "acqctl: acq%u: ring detached during capture, by an administrator",
			cap->opts->dev_id);
	if (cap->lost)
		fprintf(stderr, "; channel %u seq %u, being read, lost",
			cap->lost_desc.channel, cap->lost_desc.seq);
	fputc('\n', stderr);
}

/* Say why capture_run() ended early; the exit code. */
static int capture_run_failed(struct acqctl *a, struct capture *cap, int err)
{
	__u32 dev = cap->opts->dev_id;

	if (err == cap->out_err)
		return acqctl_fail(a, err, "%s", cap->opts->output);
	if (err == -ENODEV || err == -ENOLINK)
		capture_say_gone(cap, err);
	else if (err == -ESHUTDOWN)
		fprintf(stderr, "acqctl: acq%u stopped during the capture\n",
			dev);
	else
		return acqctl_fail(a, err, "acq%u: capture", dev);
	return ACQCTL_EXIT_FAIL;
}

/* Start, consume, stop and drain the attached @ring. */
static int capture_started(struct acqctl *a, struct capture *cap,
			   struct acq_ring *ring, int handle)
{
	__u32 dev = cap->opts->dev_id;
	bool progress = !cap->opts->quiet && isatty(STDOUT_FILENO);
	int err, ret = ACQCTL_EXIT_OK;
	struct sigaction old;

	/*
	 * Caught before the start: whoever sees the device started may end
	 * the capture with SIGINT, and gets its report.
	 */
	capture_catch_sigint(&old);
	err = acq_dev_start(a->ctl, dev, handle);
	if (err) {
		sigaction(SIGINT, &old, NULL);
		return acqctl_fail(a, err, "acq%u: cannot start", dev);
	}
	clock_gettime(CLOCK_MONOTONIC, &cap->start);
	getrusage(RUSAGE_SELF, &cap->ru_start);
	err = capture_run(cap, ring, progress);
	sigaction(SIGINT, &old, NULL);
	cap->seconds = capture_elapsed(cap);
	capture_cpu_stop(cap);
	capture_progress_clear(cap);
	if (err)
		ret = capture_run_failed(a, cap, err);
	/* Its frames gone, the ring has nothing to stop or drain. */
	if (cap->gone)
		return ret;

	err = acq_dev_stop(a->ctl, dev, handle);
	if (err && !ret && capture_ring_gone(ring))
		return capture_run_failed(a, cap, capture_ring_gone(ring));
	if (err)
		return acqctl_fail(a, err, "acq%u: cannot stop", dev);
	err = capture_drain(cap, ring);
	if (err && !ret && capture_ring_gone(ring) == err)
		ret = capture_run_failed(a, cap, err);
	else if (err && !ret)
		ret = acqctl_fail(a, err, "acq%u: reading the ring", dev);
	return ret;
}

/*
 * The drops of a capture whose ring went away, from the ring itself: its
 * header counts them since the attach, and the device may be no more.
 */
static void capture_ring_dropped(struct capture *cap,
				 const struct acq_ring *ring)
{
	__u32 ch;

	for (ch = 0; ch < cap->nr_channels; ch++)
		if (cap->captured & 1ULL << ch)
			cap->chan[ch].kernel_dropped = ring->hdr->dropped[ch];
}

/* From an open handle on: the ring, the capture, the counters. */
static int capture_with_handle(struct acqctl *a, struct capture *cap,
			       int handle)
{
	const struct capture_opts *o = cap->opts;
	ACQ_OPTS(acq_ring_opts, ropts,
		 .desc_count = o->ring_size, .slot_size = o->slot_size,
		 .wake_frames = o->wake_frames, .wake_usecs = o->wake_usecs,
		 /*
		  * Busy-polled, the ring is never signalled: no eventfd,
		  * and need-wakeup with a consumer that never sleeps.
		  */
		 .need_wakeup = o->need_wakeup || o->busy_poll,
		 .no_eventfd = o->busy_poll);
	struct acq_ring ring;
	int err, ret;

	if (o->channels) {
		ret = capture_choose_channels(a, cap, handle);
		if (ret)
			return ret;
	}
	ret = capture_handlers_init(cap) ?:
	      capture_kernel_dropped(a, cap, false);
	if (ret)
		return ret;
	err = acq_ring_attach(a->ctl, o->dev_id, handle, &ropts, &ring);
	if (err)
		return acqctl_fail(a, err, "acq%u: cannot attach a ring",
				   o->dev_id);
	ret = capture_started(a, cap, &ring, handle);
	if (cap->gone) {
		/* Nothing left to detach, maybe no device to ask. */
		capture_ring_dropped(cap, &ring);
		acq_ring_unmap(&ring);
		return ret;
	}
	if (!ret)
		ret = capture_kernel_dropped(a, cap, true);
	err = acq_ring_detach(a->ctl, &ring);
	if (err && !ret)
		ret = acqctl_fail(a, err, "acq%u: cannot detach the ring",
				  o->dev_id);
	return ret;
}

static int capture_close_output(struct acqctl *a, struct capture *cap)
{
	int err = 0;

	if (!cap->out)
		return ACQCTL_EXIT_OK;
	if (fflush(cap->out) || ferror(cap->out))
		err = -(errno ?: EIO);
	if (fclose(cap->out) && !err)
		err = -(errno ?: EIO);
	cap->out = NULL;
	if (err)
		return acqctl_fail(a, err, "%s", cap->opts->output);
	return ACQCTL_EXIT_OK;
}

static int capture(struct acqctl *a, struct capture *cap)
{
	const struct capture_opts *o = cap->opts;
	int handle, ret, ret2;

	ret = acqctl_connect(a) ?: capture_read_channels(a, cap);
	if (ret)
		return ret;
	if (o->output) {
		cap->out = fopen(o->output, "we");
		if (!cap->out)
			return acqctl_fail(a, -errno, "%s", o->output);
		setvbuf(cap->out, NULL, _IOFBF, 1 << 20);
	}
	handle = acq_dev_open(o->dev_id);
	if (handle < 0) {
		ret = acqctl_fail(a, handle, "cannot open /dev/acq%u",
				  o->dev_id);
	} else {
		ret = capture_with_handle(a, cap, handle);
		close(handle);
	}
	ret2 = capture_close_output(a, cap);
	capture_frames_free(cap);
	/* One that the ring's going ended still tells what it got. */
	if (ret2 || (ret && !cap->gone))
		return ret ?: ret2;
	capture_report(cap);
	ret2 = acqctl_output_done(a);
	if (ret || ret2)
		return ret ?: ret2;
	return cap->failures ? ACQCTL_EXIT_FAIL : ACQCTL_EXIT_OK;
}

int do_capture(struct acqctl *a, int argc, char **argv)
{
	struct capture_opts o;
	struct capture cap = { .opts = &o };
	char why[128];

	if (capture_parse(argc, argv, &o, why, sizeof(why)))
		return acqctl_usage_error("%s", why);
	return capture(a, &cap);
}
