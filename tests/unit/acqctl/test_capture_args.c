// SPDX-License-Identifier: GPL-2.0
/* acqctl/capture_args.c: capture's device and options, and their errors. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arg_words.h"
#include "capture.h"

/* Parse a NULL-terminated list of words as the command's arguments. */
ARG_WORDS_PARSER(parse, struct capture_opts, capture_parse)

static void test_capture_defaults(void **state)
{
	struct capture_opts o;
	char why[128];

	(void)state;
	assert_int_equal(parse(&o, why, "acq3", NULL), 0);
	assert_int_equal(o.dev_id, 3);
	assert_true(o.seconds == CAPTURE_DEFAULT_SECONDS);
	assert_true(o.frames == 0 && o.channels == 0);
	assert_null(o.output);
	assert_false(o.verify || o.quiet);
	assert_false(o.need_wakeup || o.busy_poll);
	assert_int_equal(o.ring_size, 0);
	assert_int_equal(o.slot_size, 0);
}

static void test_capture_options(void **state)
{
	struct capture_opts o;
	char why[128];

	(void)state;
	/* Options before and after DEV, "=VALUE", abbreviations. */
	assert_int_equal(parse(&o, why, "--channel", "0", "2",
			       "--channel=63", "--fr", "100", "--out", "f.bin",
			       "--verify", "--ring-size=64", "--slot=8192",
			       "--wake-f", "8", "--wake-u=500", "--q", NULL), 0);
	assert_int_equal(o.dev_id, 2);
	assert_true(o.channels == (1ULL | 1ULL << 63));
	assert_true(o.frames == 100);
	assert_string_equal(o.output, "f.bin");
	assert_true(o.verify && o.quiet);
	assert_int_equal(o.ring_size, 64);
	assert_int_equal(o.slot_size, 8192);
	assert_int_equal(o.wake_frames, 8);
	assert_int_equal(o.wake_usecs, 500);
	assert_int_equal(parse(&o, why, "0", "--seconds", "0.5", NULL), 0);
	assert_true(o.seconds == 0.5);
	assert_int_equal(o.payload, ACQ_VERIFY_FULL);
	/* What acq_sim writes, for --verify. */
	assert_int_equal(parse(&o, why, "0", "--verify", "--payload", "header",
			       NULL), 0);
	assert_true(o.verify && o.payload == ACQ_VERIFY_HEADER);
	assert_int_equal(parse(&o, why, "0", "--pay=none", "--verify", NULL),
			 0);
	assert_true(o.verify && o.payload == ACQ_VERIFY_NONE);
	/* The wake-up modes, flags without a value. */
	assert_int_equal(parse(&o, why, "0", "--need-wakeup", "--busy", NULL),
			 0);
	assert_true(o.need_wakeup && o.busy_poll);
	assert_int_equal(parse(&o, why, "0", "--need-wakeup=1", NULL), -EINVAL);
	assert_string_equal(why, "--need-wakeup takes no value");
}

static void test_capture_errors(void **state)
{
	/* What the message must say, and the words (at most three). */
	static const char *const cases[][4] = {
		{ "needs a device" },
		{ "needs a device", "--verify" },
		{ "not a device", "x" },
		{ "unexpected", "0", "1" },		/* a second DEV */
		{ "bad --channel", "0", "--channel=64" },
		{ "bad --frames", "0", "--frames=0" },
		{ "bad --seconds", "0", "--seconds=0" },
		{ "bad --ring-size", "0", "--ring-size=4294967296" },
		{ "bad --wake-frames", "0", "--wake-frames=0" },
		{ "ambiguous", "0", "--s=1" },		/* seconds, slot-size */
		{ "ambiguous", "0", "--wake=8" },	/* -frames, -usecs */
		{ "bad --wake-usecs", "0", "--wake-usecs=0" },
		{ "unknown", "0", "--color" },
		{ "takes no value", "0", "--verify=yes" },
		{ "needs a value", "0", "--output" },
		{ "exclude", "0", "--seconds=1", "--frames=5" },
		{ "bad --payload", "0", "--verify", "--payload=some" },
		{ "is for --verify", "0", "--payload=header" },
		{ "needs a value", "0", "--verify", "--payload" },
	};
	struct capture_opts o;
	unsigned int i;
	char why[128];
	char **w;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		w = (char **)cases[i];
		assert_int_equal(parse(&o, why, w[1], w[2], w[3], NULL),
				 -EINVAL);
		if (!strstr(why, w[0]))
			fail_msg("case %u: \"%s\", want \"%s\"", i, why, w[0]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture_defaults),
		cmocka_unit_test(test_capture_options),
		cmocka_unit_test(test_capture_errors),
	};

	return cmocka_run_group_tests_name("capture_args", tests, NULL, NULL);
}
