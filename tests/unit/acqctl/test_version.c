// SPDX-License-Identifier: GPL-2.0
/* acqctl --version, in text and JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "print.h"
#include "stdout_capture.h"
#include "version.h"

static void test_text(void **state)
{
	(void)state;
	print_init(false, false);
	version_print("1.2.3", "0.4.5");
	print_end();
	assert_string_equal(capture_end(), "acqctl 1.2.3 (libacqctl 0.4.5)\n");
}

static void test_json(void **state)
{
	(void)state;
	print_init(true, false);
	version_print("1.2.3", "0.4.5");
	print_end();
	assert_string_equal(capture_end(),
			    "{\"acqctl\":\"1.2.3\",\"libacqctl\":\"0.4.5\"}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json, capture_start, capture_free),
	};

	return cmocka_run_group_tests_name("version", tests, NULL, NULL);
}
