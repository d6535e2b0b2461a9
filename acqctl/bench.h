/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acqctl bench: the ways a consumer can take frames from acq, measured
 * side by side on one channel. Its options (bench_args.c), the statistics
 * (bench_stats.c: latency histogram, medians), what the system says it
 * cost (bench_sys.c: getrusage, /proc/stat, a system call counter, the
 * device's time in IRQ), the consumers of each mode (bench_modes.c), the
 * runs (bench.c) and the report (bench_report.c).
 */
#ifndef _ACQCTL_BENCH_H
#define _ACQCTL_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <acq/acqctl.h>
#include <acq/ring.h>

#include "verify.h"

enum bench_mode {
	BENCH_EVENTFD,		/* ring, eventfd, a wake-up per frame */
	BENCH_NEED_WAKEUP,	/* ring, eventfd signalled only when asked */
	BENCH_COALESCE,		/* ring, eventfd after N frames or T us */
	BENCH_BUSY_POLL,	/* ring, no eventfd: spin on the index */
	BENCH_EPOLL,		/* ring, epoll on the /dev/acqN handle */
	BENCH_READ,		/* baseline (a): read(2) of whole frames */
	BENCH_SIGIO,		/* baseline (b): SIGIO, then ioctl copies */
	BENCH_NR_MODES,
};

/* What the consumer does with each frame. */
enum bench_touch {
	BENCH_TOUCH_DESC,	/* reads the descriptor alone */
	BENCH_TOUCH_LINE,	/* and the head words of the frame's first line */
	BENCH_TOUCH_VERIFY,	/* and checks the frame (acqctl/verify.c) */
};

#define BENCH_DEFAULT_RUNS		5
#define BENCH_DEFAULT_SECONDS		1.0
#define BENCH_DEFAULT_WAKE_FRAMES	16	/* coalesce */
#define BENCH_DEFAULT_WAKE_USECS	200	/* coalesce */

struct bench_opts {
	__u32 dev_id;
	__u32 channel;
	__u32 modes;		/* bits of enum bench_mode; 0: all */
	__u32 runs;
	double seconds;
	__u32 ring_size;	/* 0: the kernel's default */
	__u32 wake_frames;	/* of coalesce */
	__u32 wake_usecs;	/* of coalesce */
	enum bench_touch touch;
	enum acq_verify_payload payload;	/* what the device writes */
	const char *irq_ns_file;	/* the device's time in IRQ, or NULL */
	const char *plot_data;		/* latency CDFs for gnuplot, or NULL */
	const char *label;		/* of the configuration, for reports */
};

const char *bench_mode_name(enum bench_mode m);
const char *bench_touch_name(enum bench_touch t);
/* The mode named @name into *@m: 0, or -EINVAL. */
int bench_mode_parse(const char *name, enum bench_mode *m);

/*
 * Read bench's arguments (the words after "bench") into @o. Returns 0, or
 * -EINVAL with what was wrong in @why.
 */
int bench_parse(int argc, char **argv, struct bench_opts *o, char *why,
		size_t why_len);

/*
 * Wake latency: a log-linear histogram of nanoseconds, BENCH_HIST_SUB
 * buckets per power of two (each bucket's width at most 1/16 of its low
 * bound: percentiles within 6.25%), and the exact maximum.
 */
#define BENCH_HIST_SUB_BITS	4
#define BENCH_HIST_SUB		(1U << BENCH_HIST_SUB_BITS)
#define BENCH_HIST_BUCKETS	((64 - BENCH_HIST_SUB_BITS + 1) * BENCH_HIST_SUB)

struct bench_hist {
	__u64 count;
	__u64 max;
	__u64 bucket[BENCH_HIST_BUCKETS];
};

void bench_hist_add(struct bench_hist *h, __u64 ns);
void bench_hist_merge(struct bench_hist *to, const struct bench_hist *from);
/* The lowest and highest value bucket @i holds. */
__u64 bench_hist_low(unsigned int i);
__u64 bench_hist_high(unsigned int i);
/*
 * The value below which a fraction @q of the samples lie: the high bound
 * of the bucket holding it (the maximum for the last one). 0 when empty.
 */
__u64 bench_hist_quantile(const struct bench_hist *h, double q);

/* The median, least and greatest of @n values (sorted in place). */
struct bench_spread {
	double median, min, max;
};

void bench_spread(double *v, unsigned int n, struct bench_spread *s);

/* What a system counter said over a run; a counter not there is -1. */
struct bench_sys {
	double user_s, sys_s;	/* the consumer's (getrusage) */
	long nvcsw, nivcsw;	/* its sleeps, and its preemptions */
	double sys_user_s, sys_sys_s, sys_irq_s;	/* /proc/stat, all CPUs */
	double syscalls;	/* the consumer thread's (perf), or -1 */
};

/* bench_sys.c: a snapshot of the counters, and the difference of two. */
struct bench_sys_snap {
	double user_s, sys_s;
	long nvcsw, nivcsw;
	unsigned long long stat_user, stat_sys, stat_irq;	/* ticks */
	double syscalls;
};

struct bench_syscall_counter {
	int fd;			/* perf event, or -1: not counted */
	bool clock_excluded;	/* clock_gettime() is not counted */
};

int bench_syscall_counter_open(struct bench_syscall_counter *c);
void bench_syscall_counter_close(struct bench_syscall_counter *c);
/* @end: the snapshot that ends a measured stretch. */
void bench_sys_snap(const struct bench_syscall_counter *c,
		    struct bench_sys_snap *s, bool end);
/* The kernel's clocksource now, or "?", in @buf. */
void bench_clocksource(char *buf, size_t size);
/* The number on the first line of @path (a counter file), or -1. */
double bench_read_counter(const char *path);
void bench_sys_diff(const struct bench_sys_snap *a,
		    const struct bench_sys_snap *b, struct bench_sys *d);

/* One run of one mode. */
struct bench_run {
	double seconds;		/* the device's running time */
	__u64 offered;		/* produced by the device: delivered + dropped */
	__u64 dropped;		/* by the kernel, the ring full */
	__u64 frames;		/* consumed, the drain after the stop too */
	__u64 bytes;
	__u64 loop_frames;	/* consumed while the counters ran */
	__u64 loop_bytes;
	__u64 waits;		/* calls that could sleep */
	__u64 failures;		/* frames that failed the touch's check */
	double irq_ns;		/* the device's time in IRQ, start to stop,
				 * or -1 without --irq-ns-file
				 */
	char last_error[ACQ_VERIFY_ERR_LEN];
	struct bench_sys sys;
	struct bench_hist lat;
};

/* Everything about one mode. */
struct bench_result {
	enum bench_mode mode;
	int unsupported;	/* the kernel's errno if it refused the mode */
	bool need_wakeup;	/* the kernel honoured need-wakeup */
	unsigned int nr_runs;
	struct bench_run *runs;
	struct bench_hist lat;	/* of all runs */
	bool clock_excluded;	/* clock_gettime() not among the syscalls */
	char clocksource[32];	/* the kernel's, after the last run */
};

/* The consumer of one run, handed to bench_modes.c. */
struct bench_ctx {
	const struct bench_opts *o;
	struct acq_chan_info chan;
	struct acq_verify verify;
	struct bench_run *run;
	struct bench_syscall_counter *counter;
	struct bench_sys_snap before;
	__u64 seen_ns;		/* the clock when the consumer saw the frames */
	bool counting;		/* within the counted loop */
};

/* bench_modes.c */
void bench_frame(struct bench_ctx *c, const struct acq_ring_desc *desc,
		 const void *frame);
/*
 * Consume frames of the started device until the time is up, counting
 * the loop's cost (bench_loop_begin() and bench_loop_end()), then, after
 * @stop, what is left. @handle is the device's, @ring attached through
 * it. 0, or -errno: -ENOTTY, -EINVAL, -EOPNOTSUPP mean the kernel has no
 * such mode.
 */
int bench_consume(struct bench_ctx *c, enum bench_mode mode,
		  struct acq_ring *ring, int handle,
		  int (*stop)(void *arg), void *arg);
void bench_loop_begin(struct bench_ctx *c);
void bench_loop_end(struct bench_ctx *c);

/* bench.c */
__u64 bench_now_ns(void);

/* bench_report.c */
void bench_report(const struct bench_opts *o, __u32 frame_bytes,
		  const struct bench_result *res, unsigned int nr);
int bench_plot_data(const char *path, const struct bench_result *res,
		    unsigned int nr);

#endif /* _ACQCTL_BENCH_H */
