// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl bench's report: every figure of every run, and per mode their
 * median and spread (least, greatest), as two aligned tables or, with -j,
 * one JSON object; the latency histograms as CDFs for gnuplot
 * (--plot-data).
 *
 * "Cost per frame" is the consumer's CPU per frame consumed (user + sys,
 * getrusage) plus the device's time in its interrupt handler per frame
 * produced (--irq-ns-file): what a frame costs the machine, the fill of a
 * simulated device included, since it runs in that handler.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "print.h"

static double per(double v, double n)
{
	return n > 0 && v >= 0 ? v / n : NAN;
}

static double loop_mb(const struct bench_run *r)
{
	return r->loop_bytes / 1e6;
}

static double cpu_s(const struct bench_run *r)
{
	return r->sys.user_s + r->sys.sys_s;
}

static double f_offered(const struct bench_run *r)
{
	return per(r->offered, r->seconds);
}

static double f_delivered(const struct bench_run *r)
{
	return per(r->frames, r->seconds);
}

static double f_mbps(const struct bench_run *r)
{
	return per(r->bytes / 1e6, r->seconds);
}

static double f_dropped(const struct bench_run *r)
{
	return r->dropped;
}

static double f_cpu_frame(const struct bench_run *r)
{
	return per(cpu_s(r) * 1e6, r->loop_frames);
}

static double f_cpu_mb(const struct bench_run *r)
{
	return per(cpu_s(r) * 1e3, loop_mb(r));
}

static double f_sys_user_mb(const struct bench_run *r)
{
	return per(r->sys.sys_user_s * 1e3, loop_mb(r));
}

static double f_sys_sys_mb(const struct bench_run *r)
{
	return per(r->sys.sys_sys_s * 1e3, loop_mb(r));
}

static double f_sys_irq_mb(const struct bench_run *r)
{
	return per(r->sys.sys_irq_s * 1e3, loop_mb(r));
}

static double f_irq_frame(const struct bench_run *r)
{
	return per(r->irq_ns / 1e3, r->offered);
}

static double f_cost_frame(const struct bench_run *r)
{
	return f_cpu_frame(r) + f_irq_frame(r);
}

static double f_syscalls(const struct bench_run *r)
{
	return per(r->sys.syscalls, r->loop_frames);
}

static double f_sleeps(const struct bench_run *r)
{
	return per(r->sys.nvcsw, r->loop_frames);
}

static double f_waits(const struct bench_run *r)
{
	return per(r->waits, r->loop_frames);
}

static double lat_us(const struct bench_run *r, double q)
{
	return r->lat.count ? bench_hist_quantile(&r->lat, q) / 1e3 : NAN;
}

static double f_p50(const struct bench_run *r)
{
	return lat_us(r, 0.5);
}

static double f_p99(const struct bench_run *r)
{
	return lat_us(r, 0.99);
}

static double f_p999(const struct bench_run *r)
{
	return lat_us(r, 0.999);
}

static double f_max(const struct bench_run *r)
{
	return r->lat.count ? r->lat.max / 1e3 : NAN;
}

static double f_failures(const struct bench_run *r)
{
	return r->failures;
}

struct bench_figure {
	const char *key;		/* in JSON */
	const char *head;		/* in the tables */
	double (*get)(const struct bench_run *r);
};

static const struct bench_figure bench_figures[] = {
	{ "offered_fps", "offered/s", f_offered },
	{ "delivered_fps", "deliv/s", f_delivered },
	{ "mb_per_sec", "MB/s", f_mbps },
	{ "dropped", "dropped", f_dropped },
	{ "cpu_us_per_frame", "cpu us/f", f_cpu_frame },
	{ "cpu_ms_per_mb", "cpu ms/MB", f_cpu_mb },
	{ "sys_user_ms_per_mb", "sysU ms/MB", f_sys_user_mb },
	{ "sys_sys_ms_per_mb", "sysS ms/MB", f_sys_sys_mb },
	{ "sys_irq_ms_per_mb", "sysI ms/MB", f_sys_irq_mb },
	{ "irq_us_per_frame", "irq us/f", f_irq_frame },
	{ "cost_us_per_frame", "cost us/f", f_cost_frame },
	{ "syscalls_per_frame", "sysc/f", f_syscalls },
	{ "sleeps_per_frame", "sleep/f", f_sleeps },
	{ "waits_per_frame", "wait/f", f_waits },
	{ "lat_p50_us", "p50 us", f_p50 },
	{ "lat_p99_us", "p99 us", f_p99 },
	{ "lat_p999_us", "p99.9 us", f_p999 },
	{ "lat_max_us", "max us", f_max },
	{ "failures", "failed", f_failures },
};

#define NR_FIGURES (sizeof(bench_figures) / sizeof(bench_figures[0]))

/* Figure @f over the runs of @res; NaN (not counted) runs left out. */
static void bench_figure_spread(const struct bench_result *res,
				const struct bench_figure *f,
				struct bench_spread *s)
{
	double v[res->nr_runs ?: 1];
	unsigned int i, n = 0;

	for (i = 0; i < res->nr_runs; i++)
		if (!isnan(v[n] = f->get(&res->runs[i])))
			n++;
	bench_spread(v, n, s);
	if (!n)
		s->median = s->min = s->max = NAN;
}

static const char *bench_unsupported_why(const struct bench_result *res)
{
	return res->unsupported ? strerror(res->unsupported) : "";
}

static void bench_json_runs(const struct bench_result *res)
{
	const struct bench_run *r;
	unsigned int i, f;

	print_open_array("per_run");
	for (i = 0; i < res->nr_runs; i++) {
		r = &res->runs[i];
		print_open_object(NULL);
		print_float("seconds", NULL, r->seconds);
		print_uint("offered", NULL, r->offered);
		print_uint("frames", NULL, r->frames);
		print_uint("bytes", NULL, r->bytes);
		print_uint("loop_frames", NULL, r->loop_frames);
		print_uint("loop_bytes", NULL, r->loop_bytes);
		print_uint("waits", NULL, r->waits);
		print_float("user_s", NULL, r->sys.user_s);
		print_float("sys_s", NULL, r->sys.sys_s);
		print_uint("nvcsw", NULL, r->sys.nvcsw);
		print_uint("nivcsw", NULL, r->sys.nivcsw);
		print_float("syscalls", NULL, r->sys.syscalls < 0 ? NAN :
			    r->sys.syscalls);
		print_float("irq_ns", NULL, r->irq_ns < 0 ? NAN : r->irq_ns);
		print_uint("latency_samples", NULL, r->lat.count);
		for (f = 0; f < NR_FIGURES; f++)
			print_float(bench_figures[f].key, NULL,
				    bench_figures[f].get(r));
		if (r->failures)
			print_string("last_error", NULL, r->last_error);
		print_close_object();
	}
	print_close_array();
}

/* The non-empty buckets of all runs: [low ns, high ns, count]. */
static void bench_json_hist(const struct bench_hist *h)
{
	unsigned int i;

	print_open_object("latency");
	print_string("histogram_kind", NULL,
		     "log-linear, 16 buckets per power of two (ns)");
	print_uint("samples", NULL, h->count);
	print_float("p50_us", NULL, bench_hist_quantile(h, 0.5) / 1e3);
	print_float("p90_us", NULL, bench_hist_quantile(h, 0.9) / 1e3);
	print_float("p99_us", NULL, bench_hist_quantile(h, 0.99) / 1e3);
	print_float("p999_us", NULL, bench_hist_quantile(h, 0.999) / 1e3);
	print_float("max_us", NULL, h->max / 1e3);
	print_open_array("buckets");
	for (i = 0; i < BENCH_HIST_BUCKETS; i++) {
		if (!h->bucket[i])
			continue;
		print_open_array(NULL);
		print_uint(NULL, NULL, bench_hist_low(i));
		print_uint(NULL, NULL, bench_hist_high(i));
		print_uint(NULL, NULL, h->bucket[i]);
		print_close_array();
	}
	print_close_array();
	print_close_object();
}

static void bench_json_mode(const struct bench_result *res)
{
	static const char *const what[] = { "median", "min", "max" };
	struct bench_spread s[NR_FIGURES];
	unsigned int f, w;

	for (f = 0; f < NR_FIGURES; f++)
		bench_figure_spread(res, &bench_figures[f], &s[f]);
	print_open_object(NULL);
	print_string("mode", NULL, bench_mode_name(res->mode));
	print_bool("supported", NULL, !res->unsupported);
	if (res->unsupported)
		print_string("error", NULL, bench_unsupported_why(res));
	print_bool("need_wakeup", NULL, res->need_wakeup);
	print_bool("syscalls_exclude_clock_gettime", NULL, res->clock_excluded);
	print_string("clocksource", NULL, res->clocksource);
	print_uint("runs", NULL, res->nr_runs);
	for (w = 0; w < 3; w++) {
		print_open_object(what[w]);
		for (f = 0; f < NR_FIGURES; f++)
			print_float(bench_figures[f].key, NULL,
				    w == 0 ? s[f].median :
				    w == 1 ? s[f].min : s[f].max);
		print_close_object();
	}
	bench_json_runs(res);
	bench_json_hist(&res->lat);
	print_close_object();
}

static void bench_json(const struct bench_opts *o, __u32 frame_bytes,
		       const struct bench_result *res, unsigned int nr)
{
	unsigned int i;

	print_open_object(NULL);
	print_uint("dev", NULL, o->dev_id);
	print_uint("channel", NULL, o->channel);
	print_string("label", NULL, o->label);
	print_uint("frame_bytes", NULL, frame_bytes);
	print_string("touch", NULL, bench_touch_name(o->touch));
	print_string("payload", NULL, o->payload == ACQ_VERIFY_FULL ? "full" :
		     o->payload == ACQ_VERIFY_HEADER ? "header" : "none");
	print_float("seconds", NULL, o->seconds);
	print_uint("runs", NULL, o->runs);
	print_uint("ring_size", NULL, o->ring_size);
	print_uint("coalesce_wake_frames", NULL, o->wake_frames);
	print_uint("coalesce_wake_usecs", NULL, o->wake_usecs);
	print_open_array("modes");
	for (i = 0; i < nr; i++)
		bench_json_mode(&res[i]);
	print_close_array();
	print_close_object();
}

/* Columns of each text table, by key. */
static const char *const bench_cols_rate[] = {
	"offered_fps", "delivered_fps", "mb_per_sec", "dropped",
	"cpu_us_per_frame", "cpu_ms_per_mb", "irq_us_per_frame",
	"cost_us_per_frame", "failures",
};
static const char *const bench_cols_wake[] = {
	"sys_user_ms_per_mb", "sys_sys_ms_per_mb", "sys_irq_ms_per_mb",
	"syscalls_per_frame", "sleeps_per_frame", "waits_per_frame",
	"lat_p50_us", "lat_p99_us", "lat_p999_us", "lat_max_us",
};

static const struct bench_figure *bench_figure_find(const char *key)
{
	unsigned int f;

	for (f = 0; f < NR_FIGURES; f++)
		if (!strcmp(bench_figures[f].key, key))
			return &bench_figures[f];
	return NULL;
}

/* A figure in 10 columns, in as many digits as it needs. */
static void bench_cell(double v)
{
	if (isnan(v))
		printf(" %10s", "n/a");
	else if (fabs(v) >= 1000 || v == rint(v))
		printf(" %10.0f", v);
	else if (fabs(v) >= 10)
		printf(" %10.1f", v);
	else
		printf(" %10.3f", v);
}

static void bench_table(const struct bench_result *res, unsigned int nr,
			const char *const *cols, unsigned int nr_cols)
{
	const struct bench_figure *f;
	struct bench_spread s;
	unsigned int i, c;

	printf("%-12s", "mode");
	for (c = 0; c < nr_cols; c++)
		printf(" %10s", bench_figure_find(cols[c])->head);
	putchar('\n');
	for (i = 0; i < nr; i++) {
		printf("%-12s", bench_mode_name(res[i].mode));
		if (res[i].unsupported) {
			printf(" unsupported: %s\n", bench_unsupported_why(&res[i]));
			continue;
		}
		for (c = 0; c < nr_cols; c++) {
			f = bench_figure_find(cols[c]);
			bench_figure_spread(&res[i], f, &s);
			bench_cell(s.median);
		}
		putchar('\n');
		/*
		 * The spread under the median: half the range, in percent
		 * of the median (-j has the least and the greatest).
		 */
		printf("%-12s", "  +-");
		for (c = 0; c < nr_cols; c++) {
			f = bench_figure_find(cols[c]);
			bench_figure_spread(&res[i], f, &s);
			if (isnan(s.min) || !s.median)
				printf(" %10s", "");
			else
				printf(" %9.0f%%",
				       50 * (s.max - s.min) / fabs(s.median));
		}
		putchar('\n');
	}
}

static void bench_text(const struct bench_opts *o, __u32 frame_bytes,
		       const struct bench_result *res, unsigned int nr)
{
	printf("acq%u channel %u, %u-byte frames, %s%spayload %s, touch %s: median of %u runs of %.1f s, +- half their range\n",
	       o->dev_id, o->channel, frame_bytes, o->label,
	       *o->label ? ", " : "",
	       o->payload == ACQ_VERIFY_FULL ? "full" :
	       o->payload == ACQ_VERIFY_HEADER ? "header" : "none",
	       bench_touch_name(o->touch), o->runs, o->seconds);
	bench_table(res, nr, bench_cols_rate,
		    sizeof(bench_cols_rate) / sizeof(*bench_cols_rate));
	putchar('\n');
	bench_table(res, nr, bench_cols_wake,
		    sizeof(bench_cols_wake) / sizeof(*bench_cols_wake));
}

void bench_report(const struct bench_opts *o, __u32 frame_bytes,
		  const struct bench_result *res, unsigned int nr)
{
	if (print_is_json())
		bench_json(o, frame_bytes, res, nr);
	else
		bench_text(o, frame_bytes, res, nr);
}

/*
 * One block per mode (gnuplot's index), two blank lines apart: latency
 * in microseconds (each bucket's high bound) and the fraction of frames
 * woken within it. The mode's name heads its block, for columnheader().
 */
int bench_plot_data(const char *path, const struct bench_result *res,
		    unsigned int nr)
{
	const struct bench_hist *h;
	FILE *f = fopen(path, "we");
	unsigned int i, b;
	__u64 seen;
	int err = 0;

	if (!f)
		return -errno;
	for (i = 0; i < nr; i++) {
		h = &res[i].lat;
		if (res[i].unsupported || !h->count)
			continue;
		fprintf(f, "\"%s\"\n", bench_mode_name(res[i].mode));
		seen = 0;
		for (b = 0; b < BENCH_HIST_BUCKETS; b++) {
			if (!h->bucket[b])
				continue;
			seen += h->bucket[b];
			fprintf(f, "%.3f %.6f\n", bench_hist_high(b) / 1e3,
				(double)seen / h->count);
		}
		fputs("\n\n", f);
	}
	if (ferror(f))
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}
