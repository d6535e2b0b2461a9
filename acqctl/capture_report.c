// SPDX-License-Identifier: GPL-2.0
/*
 * What acqctl capture tells: a live line on a terminal while it runs, and
 * at the end one report, text or JSON, for the capture and each channel.
 */
#include <stdio.h>

#include "capture.h"
#include "print.h"

double capture_elapsed(const struct capture *cap)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - cap->start.tv_sec) +
	       (now.tv_nsec - cap->start.tv_nsec) / 1e9;
}

static double tv_seconds(const struct timeval *a, const struct timeval *b)
{
	return (b->tv_sec - a->tv_sec) + (b->tv_usec - a->tv_usec) / 1e6;
}

void capture_cpu_stop(struct capture *cap)
{
	struct rusage now;

	getrusage(RUSAGE_SELF, &now);
	cap->cpu_user = tv_seconds(&cap->ru_start.ru_utime, &now.ru_utime);
	cap->cpu_sys = tv_seconds(&cap->ru_start.ru_stime, &now.ru_stime);
}

/* Rates over @seconds; none yet is 0, not a division by zero. */
static double per_second(double v, double seconds)
{
	return seconds > 0 ? v / seconds : 0;
}

/* Rewrite the live line in place. */
void capture_progress(struct capture *cap)
{
	double t = capture_elapsed(cap);
	__u64 dropped = 0;
	__u32 ch;
	int len;

	for (ch = 0; ch < cap->nr_channels; ch++)
		dropped += cap->chan[ch].dropped;
	len = printf("\racq%u: %.1f s, %llu frames, %.1f frames/s, %.2f MB/s, dropped %llu",
		     cap->opts->dev_id, t, (unsigned long long)cap->frames,
		     per_second(cap->frames, t),
		     per_second(cap->bytes / 1e6, t),
		     (unsigned long long)dropped);
	if (cap->opts->verify)
		len += printf(", verify failures %llu",
			      (unsigned long long)cap->failures);
	/* A shorter line than the last leaves none of it behind. */
	if (len > 0 && len < cap->progress_len)
		printf("%*s", cap->progress_len - len, "");
	if (len > cap->progress_len)
		cap->progress_len = len;
	fflush(stdout);
}

void capture_progress_clear(struct capture *cap)
{
	if (!cap->progress_len)
		return;
	printf("\r%*s\r", cap->progress_len, "");
	cap->progress_len = 0;
}

/* In JSON always; in text only when there are some. */
static void report_flagged(__u64 errors, __u64 truncated)
{
	print_uint("errors", errors ? ", flagged error %llu" : NULL, errors);
	print_uint("truncated", truncated ? ", flagged truncated %llu" : NULL,
		   truncated);
}

/* The counters a channel and the whole capture both report. */
static void report_counts(const struct capture *cap, __u64 frames,
			  __u64 bytes, __u64 dropped, __u64 kernel_dropped,
			  __u64 failures)
{
	print_uint("frames", " %llu frames,", frames);
	print_uint("bytes", " %llu bytes", bytes);
	print_float("frames_per_sec", ", %.1f frames/s",
		    per_second(frames, cap->seconds));
	print_float("mb_per_sec", ", %.2f MB/s",
		    per_second(bytes / 1e6, cap->seconds));
	print_uint("dropped", ", dropped %llu", dropped);
	print_uint("kernel_dropped", " (kernel %llu)", kernel_dropped);
	if (cap->opts->verify)
		print_uint("verify_failures", ", verify failures %llu",
			   failures);
}

void capture_report(const struct capture *cap)
{
	const struct capture_chan *c;
	__u64 dropped = 0, kernel_dropped = 0, errors = 0, truncated = 0;
	__u32 ch;

	for (ch = 0; ch < cap->nr_channels; ch++) {
		dropped += cap->chan[ch].dropped;
		kernel_dropped += cap->chan[ch].kernel_dropped;
		errors += cap->chan[ch].errors;
		truncated += cap->chan[ch].truncated;
	}
	print_open_object(NULL);
	print_uint("dev", "acq%llu:", cap->opts->dev_id);
	print_float("seconds", " %.2f s,", cap->seconds);
	report_counts(cap, cap->frames, cap->bytes, dropped, kernel_dropped,
		      cap->failures);
	report_flagged(errors, truncated);
	print_float("cpu_user_sec", ", CPU %.2f s user", cap->cpu_user);
	print_float("cpu_sys_sec", " %.2f s sys", cap->cpu_sys);
	print_nl();
	print_open_array("channels");
	for (ch = 0; ch < cap->nr_channels; ch++) {
		if (!(cap->captured & 1ULL << ch))
			continue;
		c = &cap->chan[ch];
		print_open_object(NULL);
		print_uint("channel", "  channel %llu:", ch);
		report_counts(cap, c->frames, c->bytes, c->dropped,
			      c->kernel_dropped, c->verify.failures);
		report_flagged(c->errors, c->truncated);
		print_close_object();
		print_nl();
	}
	print_close_array();
	print_close_object();
}
