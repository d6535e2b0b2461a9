// SPDX-License-Identifier: GPL-2.0
/* acqctl's reading of its command line: keywords, numbers, on/off. */
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
	assert_true(matches("sh", "show"));
	assert_false(matches("", "show"));
	assert_false(matches("shows", "show"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
	};

	return cmocka_run_group_tests_name("cli_args", tests, NULL, NULL);
}
