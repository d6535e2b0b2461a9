// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl bench: for each mode asked for, runs of a few seconds on one
 * channel, each with a ring of its own: attach it as the mode wants,
 * start, consume (bench_modes.c), stop, drain, detach; the kernel's
 * counters before and after tell what the device offered. Then one
 * report of every mode (bench_report.c).
 *
 * A mode the kernel refuses (its ring's attach, or a baseline's copy
 * before any frame, fails with EINVAL, ENOTTY or EOPNOTSUPP) is reported
 * unsupported, and the others still run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acqctl.h"
#include "bench.h"
#include "print.h"

__u64 bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The ring each mode consumes. */
static void bench_ring_opts(const struct bench_opts *o, enum bench_mode mode,
			    struct acq_ring_opts *r)
{
	r->desc_count = o->ring_size;
	r->wake_frames = 1;
	switch (mode) {
	case BENCH_NEED_WAKEUP:
		r->need_wakeup = 1;
		break;
	case BENCH_COALESCE:
		r->wake_frames = o->wake_frames;
		r->wake_usecs = o->wake_usecs;
		break;
	case BENCH_BUSY_POLL:
		r->need_wakeup = 1;
		r->no_eventfd = 1;
		break;
	case BENCH_EPOLL:
	case BENCH_READ:
	case BENCH_SIGIO:
		r->no_eventfd = 1;
		break;
	default:
		break;
	}
}

/* What bench_consume() calls to stop the device: the time it stopped. */
struct bench_stopper {
	struct acqctl *a;
	__u32 dev_id;
	int handle;
	__u64 stopped_ns;
};

static int bench_stop(void *arg)
{
	struct bench_stopper *s = arg;
	int err = acq_dev_stop(s->a->ctl, s->dev_id, s->handle);

	s->stopped_ns = bench_now_ns();
	return err;
}

static bool bench_unsupported(int err)
{
	return err == -EINVAL || err == -ENOTTY || err == -EOPNOTSUPP;
}

/* One run of @mode with @ring attached; 0 or -errno. */
static int bench_ring_run(struct acqctl *a, struct bench_ctx *c,
			  enum bench_mode mode, struct acq_ring *ring,
			  int handle)
{
	const struct bench_opts *o = c->o;
	struct bench_stopper stopper = {
		.a = a, .dev_id = o->dev_id, .handle = handle,
	};
	struct bench_run *run = c->run;
	struct acq_chan_stats st0, st1;
	double irq0 = -1, irq1 = -1;
	__u64 start;
	int err;

	err = acq_stats_get(a->ctl, o->dev_id, o->channel, &st0, sizeof(st0));
	if (err)
		return err;
	if (o->irq_ns_file)
		irq0 = bench_read_counter(o->irq_ns_file);
	start = bench_now_ns();
	err = acq_dev_start(a->ctl, o->dev_id, handle);
	if (err)
		return err;
	err = bench_consume(c, mode, ring, handle, bench_stop, &stopper);
	if (!stopper.stopped_ns)
		bench_stop(&stopper);
	if (o->irq_ns_file)
		irq1 = bench_read_counter(o->irq_ns_file);
	run->irq_ns = irq0 < 0 || irq1 < 0 ? -1 : irq1 - irq0;
	run->seconds = (stopper.stopped_ns - start) / 1e9;
	if (!err)
		err = acq_stats_get(a->ctl, o->dev_id, o->channel, &st1,
				    sizeof(st1));
	if (!err) {
		run->offered = st1.produced - st0.produced;
		run->dropped = st1.dropped - st0.dropped;
	}
	return err;
}

static int bench_run(struct acqctl *a, struct bench_ctx *c,
		     struct bench_result *res, int handle)
{
	const struct bench_opts *o = c->o;
	ACQ_OPTS(acq_ring_opts, ropts);
	struct acq_ring ring;
	int err, err2;

	bench_ring_opts(o, res->mode, &ropts);
	err = acq_ring_attach(a->ctl, o->dev_id, handle, &ropts, &ring);
	/* A kernel that knows no need-wakeup, say: the mode's ring. */
	if (err && bench_unsupported(err)) {
		res->unsupported = -err;
		return ACQCTL_EXIT_OK;
	}
	if (err)
		return acqctl_fail(a, err, "acq%u: cannot attach a ring",
				   o->dev_id);
	res->need_wakeup = acq_ring_flags(&ring) & ACQ_RING_F_NEED_WAKEUP;
	acq_verify_init(&c->verify, o->channel, c->chan.lines,
			c->chan.line_bytes);
	c->verify.payload = o->payload;
	err = bench_ring_run(a, c, res->mode, &ring, handle);
	err2 = acq_ring_detach(a->ctl, &ring);
	if (err && bench_unsupported(err) && !c->run->frames) {
		res->unsupported = -err;
		return ACQCTL_EXIT_OK;
	}
	if (err)
		return acqctl_fail(a, err, "acq%u: %s", o->dev_id,
				   bench_mode_name(res->mode));
	if (err2)
		return acqctl_fail(a, err2, "acq%u: cannot detach the ring",
				   o->dev_id);
	return ACQCTL_EXIT_OK;
}

/* Every run of one mode. */
static int bench_mode(struct acqctl *a, struct bench_ctx *c,
		      struct bench_result *res, int handle)
{
	unsigned int i;
	int ret;

	res->runs = calloc(c->o->runs, sizeof(*res->runs));
	if (!res->runs)
		return acqctl_fail(a, -ENOMEM, "bench");
	for (i = 0; i < c->o->runs; i++) {
		c->run = &res->runs[i];
		ret = bench_run(a, c, res, handle);
		if (ret)
			return ret;
		if (res->unsupported)
			return ACQCTL_EXIT_OK;
		res->nr_runs++;
		bench_hist_merge(&res->lat, &c->run->lat);
	}
	/* It may change within a run: the TSC found unstable, say. */
	bench_clocksource(res->clocksource, sizeof(res->clocksource));
	res->clock_excluded = c->counter->clock_excluded;
	return ACQCTL_EXIT_OK;
}

/* The channel enabled, its geometry in @info. */
static int bench_channel(struct acqctl *a, const struct bench_opts *o,
			 int handle, struct acq_chan_info *info)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = 1);
	int err;

	err = acq_chan_get(a->ctl, o->dev_id, o->channel, info, sizeof(*info));
	if (!err && !info->enabled)
		err = acq_chan_set(a->ctl, o->dev_id, o->channel, handle,
				   &cfg) ?:
		      acq_chan_get(a->ctl, o->dev_id, o->channel, info,
				   sizeof(*info));
	if (err)
		return acqctl_fail(a, err, "acq%u channel %u", o->dev_id,
				   o->channel);
	return ACQCTL_EXIT_OK;
}

static int bench(struct acqctl *a, const struct bench_opts *o,
		 struct bench_result *res, unsigned int *nr,
		 __u32 *frame_bytes)
{
	struct bench_syscall_counter counter;
	struct bench_ctx c = { .o = o, .counter = &counter };
	int handle, ret, err;
	enum bench_mode m;

	ret = acqctl_connect(a);
	if (ret)
		return ret;
	handle = acq_dev_open(o->dev_id);
	if (handle < 0)
		return acqctl_fail(a, handle, "cannot open /dev/acq%u",
				   o->dev_id);
	ret = bench_channel(a, o, handle, &c.chan);
	*frame_bytes = c.chan.frame_bytes;
	err = bench_syscall_counter_open(&counter);
	if (err && !ret)
		fprintf(stderr, "acqctl: bench: system calls not counted: %s\n",
			strerror(-err));
	for (m = 0; m < BENCH_NR_MODES && !ret; m++) {
		if (!(o->modes & 1U << m))
			continue;
		res[*nr].mode = m;
		ret = bench_mode(a, &c, &res[(*nr)++], handle);
	}
	bench_syscall_counter_close(&counter);
	close(handle);
	return ret;
}

int do_bench(struct acqctl *a, int argc, char **argv)
{
	struct bench_result res[BENCH_NR_MODES] = { 0 };
	unsigned int nr = 0, i;
	__u32 frame_bytes = 0;
	struct bench_opts o;
	char why[128];
	int ret;

	if (bench_parse(argc, argv, &o, why, sizeof(why)))
		return acqctl_usage_error("%s", why);
	ret = bench(a, &o, res, &nr, &frame_bytes);
	if (!ret) {
		bench_report(&o, frame_bytes, res, nr);
		ret = acqctl_output_done(a);
	}
	if (!ret && o.plot_data && bench_plot_data(o.plot_data, res, nr))
		ret = acqctl_fail(a, -errno, "%s", o.plot_data);
	for (i = 0; i < nr; i++)
		free(res[i].runs);
	return ret;
}
