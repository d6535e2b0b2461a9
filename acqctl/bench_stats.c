// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl bench's statistics: the wake-latency histogram and the median
 * and spread of a figure over the runs. Pure: unit-tested.
 *
 * The histogram is log-linear, as HdrHistogram's: values below
 * BENCH_HIST_SUB have a bucket each, and every power of two above is cut
 * into BENCH_HIST_SUB equal buckets. Any number of samples fits in a
 * fixed array, nothing is allocated while frames come in, and a
 * percentile is off by less than 1/16 of its value.
 */
#include <stdlib.h>

#include "bench.h"

static unsigned int bench_hist_index(__u64 v)
{
	unsigned int e;

	if (v < BENCH_HIST_SUB)
		return v;
	e = 63 - __builtin_clzll(v);	/* >= BENCH_HIST_SUB_BITS */
	return (e - BENCH_HIST_SUB_BITS + 1) * BENCH_HIST_SUB +
	       (v >> (e - BENCH_HIST_SUB_BITS) & (BENCH_HIST_SUB - 1));
}

__u64 bench_hist_low(unsigned int i)
{
	unsigned int shift;

	if (i < BENCH_HIST_SUB)
		return i;
	shift = i / BENCH_HIST_SUB - 1;
	return (__u64)(BENCH_HIST_SUB + i % BENCH_HIST_SUB) << shift;
}

__u64 bench_hist_high(unsigned int i)
{
	if (i < BENCH_HIST_SUB)
		return i;
	return bench_hist_low(i) + (1ULL << (i / BENCH_HIST_SUB - 1)) - 1;
}

void bench_hist_add(struct bench_hist *h, __u64 ns)
{
	h->bucket[bench_hist_index(ns)]++;
	h->count++;
	if (ns > h->max)
		h->max = ns;
}

void bench_hist_merge(struct bench_hist *to, const struct bench_hist *from)
{
	unsigned int i;

	for (i = 0; i < BENCH_HIST_BUCKETS; i++)
		to->bucket[i] += from->bucket[i];
	to->count += from->count;
	if (from->max > to->max)
		to->max = from->max;
}

__u64 bench_hist_quantile(const struct bench_hist *h, double q)
{
	__u64 rank, seen = 0, high;
	unsigned int i;

	if (!h->count)
		return 0;
	/* The sample of rank ceil(q * count), counted from 1. */
	rank = (__u64)(q * (double)h->count);
	if ((double)rank < q * (double)h->count || !rank)
		rank++;
	if (rank > h->count)
		rank = h->count;
	for (i = 0; i < BENCH_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen >= rank)
			break;
	}
	high = bench_hist_high(i);
	return high < h->max ? high : h->max;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void bench_spread(double *v, unsigned int n, struct bench_spread *s)
{
	if (!n) {
		s->median = s->min = s->max = 0;
		return;
	}
	qsort(v, n, sizeof(*v), bench_cmp_double);
	s->min = v[0];
	s->max = v[n - 1];
	s->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
