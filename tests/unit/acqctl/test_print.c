// SPDX-License-Identifier: GPL-2.0
/* acqctl's printer: the same calls give text, JSON and pretty JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <cmocka.h>

#include "print.h"
#include "stdout_capture.h"

static void print_two_devices(void)
{
	static const char *const names[] = { "acq0", "acq\"1\"\n" };
	unsigned int i;

	print_open_array(NULL);
	for (i = 0; i < 2; i++) {
		print_open_object(NULL);
		print_uint("id", "%llu: ", i);
		print_string("name", "%s", names[i]);
		print_close_object();
		print_nl();
	}
	print_close_array();
	print_end();
}

static void test_text(void **state)
{
	(void)state;
	print_init(false, false);
	print_two_devices();
	assert_string_equal(capture_end(), "0: acq0\n1: acq\"1\"\n\n");
}

static void test_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_two_devices();
	assert_string_equal(capture_end(),
		"[{\"id\":0,\"name\":\"acq0\"},{\"id\":1,\"name\":\"acq\\\"1\\\"\\u000a\"}]\n");
}

static void test_json_pretty(void **state)
{
	(void)state;
	print_init(true, true);
	print_two_devices();
	assert_string_equal(capture_end(),
		"[\n"
		"    {\n"
		"        \"id\": 0,\n"
		"        \"name\": \"acq0\"\n"
		"    },\n"
		"    {\n"
		"        \"id\": 1,\n"
		"        \"name\": \"acq\\\"1\\\"\\u000a\"\n"
		"    }\n"
		"]\n");
}

static void test_json_empty(void **state)
{
	(void)state;
	print_init(true, true);
	print_open_array(NULL);
	print_close_array();
	print_end();
	assert_string_equal(capture_end(), "[]\n");
}

static void print_rates(void)
{
	print_open_object(NULL);
	print_bool("on", "%s", true);
	print_bool("off", " %s", false);
	print_float("rate", " %.1f/s", 2.0 / 3.0);
	print_float("none", " %.1f", NAN);
	print_close_object();
	print_nl();
	print_end();
}

static void test_bool_float(void **state)
{
	(void)state;
	print_init(false, false);
	print_rates();
	assert_string_equal(capture_end(), "on off 0.7/s nan\n");
}

static void test_bool_float_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_rates();
	assert_string_equal(capture_end(),
		"{\"on\":true,\"off\":false,\"rate\":0.667,\"none\":null}\n");
}

/* Two records of a stream, each ended by print_end(). */
static void print_stream(void)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		print_open_object(NULL);
		print_string("event", "%s", "dev-del");
		print_uint("id", " acq%llu", i);
		print_close_object();
		print_nl();
		assert_int_equal(print_end(), 0);
	}
}

static void test_stream(void **state)
{
	(void)state;
	print_init(false, false);
	print_stream();
	assert_string_equal(capture_end(), "dev-del acq0\ndev-del acq1\n");
}

/* One JSON object per line, none with a separator before it. */
static void test_stream_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_stream();
	assert_string_equal(capture_end(),
		"{\"event\":\"dev-del\",\"id\":0}\n"
		"{\"event\":\"dev-del\",\"id\":1}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json_pretty, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json_empty, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_bool_float, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_bool_float_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_stream, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_stream_json, capture_start, capture_free),
	};

	return cmocka_run_group_tests_name("print", tests, NULL, NULL);
}
