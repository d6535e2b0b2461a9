// SPDX-License-Identifier: GPL-2.0
/* acqctl/bench_args.c: bench's device and options, and their errors. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arg_words.h"
#include "bench.h"

/* Parse a NULL-terminated list of words as the command's arguments. */
ARG_WORDS_PARSER(parse, struct bench_opts, bench_parse)

static void test_bench_defaults(void **state)
{
	struct bench_opts o;
	char why[128];

	(void)state;
	assert_int_equal(parse(&o, why, "acq2", NULL), 0);
	assert_int_equal(o.dev_id, 2);
	assert_int_equal(o.channel, 0);
	assert_int_equal(o.modes, (1U << BENCH_NR_MODES) - 1);
	assert_int_equal(o.runs, BENCH_DEFAULT_RUNS);
	assert_true(o.seconds == BENCH_DEFAULT_SECONDS);
	assert_int_equal(o.wake_frames, BENCH_DEFAULT_WAKE_FRAMES);
	assert_int_equal(o.wake_usecs, BENCH_DEFAULT_WAKE_USECS);
	assert_int_equal(o.touch, BENCH_TOUCH_DESC);
	assert_int_equal(o.payload, ACQ_VERIFY_FULL);
	assert_null(o.irq_ns_file);
	assert_null(o.plot_data);
}

static void test_bench_options(void **state)
{
	struct bench_opts o;
	char why[128];

	(void)state;
	assert_int_equal(parse(&o, why, "--runs", "3", "acq1", "--seconds=0.5",
			       "--mode", "read,sigio", "--mode=busy-poll",
			       "--touch", "line", "--payload", "header",
			       "--irq-ns-file", "/x", "--ring-size", "64",
			       "--chan", "2", NULL), 0);
	assert_int_equal(o.dev_id, 1);
	assert_int_equal(o.runs, 3);
	assert_true(o.seconds == 0.5);
	assert_int_equal(o.modes, 1U << BENCH_READ | 1U << BENCH_SIGIO |
			 1U << BENCH_BUSY_POLL);
	assert_int_equal(o.touch, BENCH_TOUCH_LINE);
	assert_int_equal(o.payload, ACQ_VERIFY_HEADER);
	assert_string_equal(o.irq_ns_file, "/x");
	assert_int_equal(o.ring_size, 64);
	assert_int_equal(o.channel, 2);
	assert_int_equal(parse(&o, why, "0", "--verify", NULL), 0);
	assert_int_equal(o.touch, BENCH_TOUCH_VERIFY);
}

static void test_bench_errors(void **state)
{
	struct bench_opts o;
	char why[128];

	(void)state;
	assert_int_equal(parse(&o, why, NULL), -EINVAL);
	assert_string_equal(why, "bench needs a device");
	assert_int_equal(parse(&o, why, "acq0", "acq1", NULL), -EINVAL);
	assert_string_equal(why, "unexpected \"acq1\"");
	assert_int_equal(parse(&o, why, "acq0", "--mode", "poll", NULL),
			 -EINVAL);
	assert_string_equal(why, "bad --mode \"poll\"");
	assert_int_equal(parse(&o, why, "acq0", "--runs=0", NULL), -EINVAL);
	assert_string_equal(why, "bad --runs \"0\"");
	assert_int_equal(parse(&o, why, "acq0", "--touch", "all", NULL),
			 -EINVAL);
	assert_int_equal(parse(&o, why, "acq0", "--channel", "64", NULL),
			 -EINVAL);
	assert_int_equal(parse(&o, why, "acq0", "--seconds", NULL), -EINVAL);
	assert_string_equal(why, "--seconds needs a value");
	assert_int_equal(parse(&o, why, "acq0", "--bogus", NULL), -EINVAL);
	assert_string_equal(why, "unknown or ambiguous option \"--bogus\"");
	assert_int_equal(parse(&o, why, "eth0", NULL), -EINVAL);
}

static void test_bench_names(void **state)
{
	enum bench_mode m;
	int i;

	(void)state;
	for (i = 0; i < BENCH_NR_MODES; i++) {
		assert_int_equal(bench_mode_parse(bench_mode_name(i), &m), 0);
		assert_int_equal(m, i);
	}
	assert_int_equal(bench_mode_parse("", &m), -EINVAL);
	assert_string_equal(bench_touch_name(BENCH_TOUCH_LINE), "line");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bench_defaults),
		cmocka_unit_test(test_bench_options),
		cmocka_unit_test(test_bench_errors),
		cmocka_unit_test(test_bench_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
