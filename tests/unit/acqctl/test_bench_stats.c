// SPDX-License-Identifier: GPL-2.0
/* acqctl/bench_stats.c: the latency histogram's buckets and percentiles,
 * and the median and spread over runs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "bench.h"

/* Every value falls in a bucket whose bounds hold it, 1/16 wide at most. */
static void test_hist_buckets(void **state)
{
	static const __u64 values[] = {
		0, 1, 15, 16, 17, 31, 32, 33, 1000, 4095, 4096, 123456789,
		1ULL << 40, (1ULL << 63) + 12345, ~0ULL,
	};
	struct bench_hist *h;
	unsigned int i, b;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		h = calloc(1, sizeof(*h));
		assert_non_null(h);
		bench_hist_add(h, values[i]);
		for (b = 0; b < BENCH_HIST_BUCKETS && !h->bucket[b]; b++)
			;
		assert_true(b < BENCH_HIST_BUCKETS);
		assert_true(bench_hist_low(b) <= values[i]);
		assert_true(bench_hist_high(b) >= values[i]);
		assert_true(bench_hist_high(b) - bench_hist_low(b) <=
			    bench_hist_low(b) / BENCH_HIST_SUB);
		assert_int_equal(h->max, values[i]);
		free(h);
	}
	/* Buckets tile the line: each begins where the last ended. */
	for (b = 1; b < BENCH_HIST_BUCKETS; b++)
		assert_int_equal(bench_hist_low(b), bench_hist_high(b - 1) + 1);
	assert_int_equal(bench_hist_high(BENCH_HIST_BUCKETS - 1), ~0ULL);
}

static void test_hist_quantiles(void **state)
{
	struct bench_hist *h = calloc(1, sizeof(*h)), *h2;
	__u64 v, q;

	(void)state;
	assert_non_null(h);
	assert_int_equal(bench_hist_quantile(h, 0.5), 0);
	/* 1 us to 1 ms, in 1 us steps: exact percentiles are i us. */
	for (v = 1; v <= 1000; v++)
		bench_hist_add(h, v * 1000);
	assert_int_equal(h->count, 1000);
	q = bench_hist_quantile(h, 0.5);
	assert_true(q >= 500000 && q <= 500000 + 500000 / 16);
	q = bench_hist_quantile(h, 0.99);
	assert_true(q >= 990000 && q <= 1000000);
	assert_true(bench_hist_quantile(h, 0.999) >= 999000);
	/* The last sample is the maximum, not its bucket's bound. */
	assert_int_equal(bench_hist_quantile(h, 1.0), 1000000);
	h2 = calloc(1, sizeof(*h2));
	assert_non_null(h2);
	bench_hist_add(h2, 5000000);
	bench_hist_merge(h, h2);
	assert_int_equal(h->count, 1001);
	assert_int_equal(h->max, 5000000);
	assert_int_equal(bench_hist_quantile(h, 1.0), 5000000);
	free(h2);
	free(h);
}

static void test_spread(void **state)
{
	double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };
	struct bench_spread s;

	(void)state;
	bench_spread(odd, 3, &s);
	assert_true(s.median == 3 && s.min == 1 && s.max == 5);
	bench_spread(even, 4, &s);
	assert_true(s.median == 2.5 && s.min == 1 && s.max == 4);
	bench_spread(one, 1, &s);
	assert_true(s.median == 7 && s.min == 7 && s.max == 7);
	bench_spread(NULL, 0, &s);
	assert_true(s.median == 0 && s.min == 0 && s.max == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hist_buckets),
		cmocka_unit_test(test_hist_quantiles),
		cmocka_unit_test(test_spread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
