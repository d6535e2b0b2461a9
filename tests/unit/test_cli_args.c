// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl's reading of its command line: numbers, on/off, capture's
 * device and options, and window's offsets, values and policies.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "parse.h"
#include "show.h"

static void test_numbers(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "0x10", "1e3", "x",
	};
	unsigned int i;
	double secs;
	__u64 v64;
	__u32 v;
	int on;

	(void)state;
	assert_int_equal(parse_u32("4294967295", &v), 0);
	assert_int_equal(v, 4294967295u);
	assert_int_equal(parse_u32("4294967296", &v), -EINVAL);
	assert_int_equal(parse_u64("18446744073709551615", &v64), 0);
	assert_true(v64 == UINT64_MAX);
	assert_int_equal(parse_u64("18446744073709551616", &v64), -EINVAL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_u32(bad[i], &v), -EINVAL);
		assert_int_equal(parse_u64(bad[i], &v64), -EINVAL);
	}
	assert_int_equal(parse_seconds("0.25", &secs), 0);
	assert_true(secs == 0.25);
	assert_int_equal(parse_seconds(".5", &secs), 0);
	assert_int_equal(parse_seconds("0", &secs), -EINVAL);
	assert_int_equal(parse_seconds("-1", &secs), -EINVAL);
	assert_int_equal(parse_seconds("inf", &secs), -EINVAL);
	assert_int_equal(parse_seconds("1e308", &secs), -EINVAL);
	assert_int_equal(parse_seconds("2s", &secs), -EINVAL);
	assert_int_equal(parse_on_off("on", &on), 0);
	assert_int_equal(on, 1);
	assert_int_equal(parse_on_off("off", &on), 0);
	assert_int_equal(on, 0);
	assert_int_equal(parse_on_off("yes", &on), -EINVAL);
	assert_true(is_abbrev("sh", "show"));
	assert_false(is_abbrev("", "show"));
	assert_false(is_abbrev("shows", "show"));
}

/* window peek and poke: OFFSET and VALUE, decimal or 0x hexadecimal. */
static void test_window_numbers(void **state)
{
	static const char *const bad[] = {
		"", "0x", "0x-1", "-0x4", "0x 4", " 4", "4k", "0x0x4", "0X",
		"x10", "0b100", "0o4", "+4",
	};
	unsigned int i;
	__u64 off;
	__u32 v;

	(void)state;
	assert_int_equal(parse_u64_num("0x104", &off), 0);
	assert_true(off == 0x104);
	assert_int_equal(parse_u64_num("260", &off), 0);
	assert_true(off == 260);
	assert_int_equal(parse_u64_num("0XFFFFFFFFFFFFFFFF", &off), 0);
	assert_true(off == UINT64_MAX);
	assert_int_equal(parse_u64_num("0x10000000000000000", &off), -EINVAL);
	assert_int_equal(parse_u32_num("0xdeadBEEF", &v), 0);
	assert_int_equal(v, 0xdeadbeef);
	assert_int_equal(parse_u32_num("0x100000000", &v), -EINVAL);
	assert_int_equal(parse_u32_num("4294967296", &v), -EINVAL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_u64_num(bad[i], &off) != -EINVAL ||
		    parse_u32_num(bad[i], &v) != -EINVAL)
			fail_msg("\"%s\" taken as a number", bad[i]);
	}
	/* Device and window numbers stay decimal. */
	assert_int_equal(parse_u32("0x1", &v), -EINVAL);
}

static void test_window_offsets(void **state)
{
	(void)state;
	assert_int_equal(reg_offset_check(0, 4096), 0);
	assert_int_equal(reg_offset_check(0xffc, 4096), 0);	/* the last */
	assert_int_equal(reg_offset_check(0x1000, 4096), -ERANGE);
	assert_int_equal(reg_offset_check(0x103, 4096), -EINVAL);
	assert_int_equal(reg_offset_check(2, 4096), -EINVAL);
	assert_int_equal(reg_offset_check(0, 2), -ERANGE);
	assert_int_equal(reg_offset_check(0, 0), -ERANGE);
	/* No wrap near the top; alignment is told before the end. */
	assert_int_equal(reg_offset_check(UINT64_MAX - 7, UINT64_MAX), 0);
	assert_int_equal(reg_offset_check(UINT64_MAX - 3, UINT64_MAX), -ERANGE);
	assert_int_equal(reg_offset_check(UINT64_MAX - 2, UINT64_MAX), -EINVAL);
}

static void test_window_policies(void **state)
{
	static const char *const bad[] = {
		"", "Discard", "disc", "sigbus ", "drop", "1",
	};
	unsigned int i;
	__u32 p = 7;

	(void)state;
	assert_int_equal(window_policy_parse("discard", &p), 0);
	assert_int_equal(p, ACQ_WINDOW_POLICY_DISCARD);
	assert_int_equal(window_policy_parse("sigbus", &p), 0);
	assert_int_equal(p, ACQ_WINDOW_POLICY_SIGBUS);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = 7;
		assert_int_equal(window_policy_parse(bad[i], &p), -EINVAL);
		assert_int_equal(p, 7);
	}
}

/* Parse a NULL-terminated list of words as capture's arguments. */
static int parse(struct capture_opts *o, char *why, ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;

	va_start(ap, why);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	why[0] = '\0';
	return capture_parse(argc, argv, o, why, 128);
}

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
			       "--wake", "8", "--q", NULL), 0);
	assert_int_equal(o.dev_id, 2);
	assert_true(o.channels == (1ULL | 1ULL << 63));
	assert_true(o.frames == 100);
	assert_string_equal(o.output, "f.bin");
	assert_true(o.verify && o.quiet);
	assert_int_equal(o.ring_size, 64);
	assert_int_equal(o.slot_size, 8192);
	assert_int_equal(o.wake_frames, 8);
	assert_int_equal(parse(&o, why, "0", "--seconds", "0.5", NULL), 0);
	assert_true(o.seconds == 0.5);
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
		{ "unknown", "0", "--color" },
		{ "takes no value", "0", "--verify=yes" },
		{ "needs a value", "0", "--output" },
		{ "exclude", "0", "--seconds=1", "--frames=5" },
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
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_window_numbers),
		cmocka_unit_test(test_window_offsets),
		cmocka_unit_test(test_window_policies),
		cmocka_unit_test(test_capture_defaults),
		cmocka_unit_test(test_capture_options),
		cmocka_unit_test(test_capture_errors),
	};

	return cmocka_run_group_tests_name("cli_args", tests, NULL, NULL);
}
