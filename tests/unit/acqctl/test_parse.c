// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl/parse.c: the words of acqctl's command line, numbers, on/off,
 * and window's offsets and values.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "parse.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_window_numbers),
		cmocka_unit_test(test_window_offsets),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
