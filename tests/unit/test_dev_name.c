// SPDX-License-Identifier: LGPL-2.1-or-later
/* acq_dev_parse_name(): "acqN" and "N", nothing else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "internal.h"

static void test_valid(void **state)
{
	__u32 id = 99;

	(void)state;
	assert_int_equal(acq_dev_parse_name("acq0", &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(acq_dev_parse_name("17", &id), 0);
	assert_int_equal(id, 17);
	assert_int_equal(acq_dev_parse_name("acq2147483647", &id), 0);
	assert_int_equal(id, 2147483647u);
}

static void test_invalid(void **state)
{
	static const char *const bad[] = {
		"", "acq", "acq-1", "-1", "+1", " 1", "1 ", "acq1x", "x1",
		"acq2147483648", "99999999999999999999", "acq 1", "0x10",
	};
	__u32 id = 99;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		assert_int_equal(acq_dev_parse_name(bad[i], &id), -EINVAL);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(id, 99);
	}
	assert_int_equal(acq_dev_parse_name(NULL, &id), -EINVAL);
	assert_int_equal(acq_dev_parse_name("1", NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests_name("dev_name", tests, NULL, NULL);
}
