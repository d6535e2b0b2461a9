// SPDX-License-Identifier: GPL-2.0
/*
 * What acqctl's commands that change something print (change.h):
 * nothing in text; under -j one object per command, the keys that name
 * what changed as its show command names them, then what was set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "change.h"
#include "print.h"
#include "stdout_capture.h"

/* Every change, each ended as acqctl ends a command's output. */
static void print_changes(void)
{
	ACQ_OPTS(acq_chan_config, all, .enabled = 0, .lines = 480,
		 .line_bytes = 1024, .lines_per_chunk = 16, .line_rate = 9600);
	ACQ_OPTS(acq_chan_config, one, .enabled = -1, .line_rate = 100);

	change_print_dev(3, ACQ_DEV_STATE_STARTED);
	print_end();
	change_print_dev(12, ACQ_DEV_STATE_STOPPED);
	print_end();
	change_print_chan(3, 1, &all);
	print_end();
	change_print_chan(3, 63, &one);
	print_end();
	change_print_window_policy(0, 1, ACQ_WINDOW_POLICY_SIGBUS);
	print_end();
	change_print_window_state(0, 1, ACQ_WINDOW_STATE_REVOKED);
	print_end();
	change_print_window_state(2, 0, ACQ_WINDOW_STATE_LENT);
	print_end();
	change_print_sim_del(7);
	print_end();
}

/* Text says nothing: the exit status does. */
static void test_text(void **state)
{
	(void)state;
	print_init(false, false);
	print_changes();
	assert_string_equal(capture_end(), "");
}

static void test_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_changes();
	assert_string_equal(capture_end(),
		"{\"id\":3,\"name\":\"acq3\",\"state\":\"started\"}\n"
		"{\"id\":12,\"name\":\"acq12\",\"state\":\"stopped\"}\n"
		"{\"dev\":3,\"channel\":1,\"enabled\":false,\"lines\":480,"
		"\"line_bytes\":1024,\"lines_per_chunk\":16,"
		"\"line_rate\":9600}\n"
		"{\"dev\":3,\"channel\":63,\"line_rate\":100}\n"
		"{\"dev\":0,\"window\":1,\"policy\":\"sigbus\"}\n"
		"{\"dev\":0,\"window\":1,\"state\":\"revoked\"}\n"
		"{\"dev\":2,\"window\":0,\"state\":\"lent\"}\n"
		"{\"sim\":7,\"removed\":true}\n");
}

static void test_json_pretty(void **state)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = 1, .lines = 2);

	(void)state;
	print_init(true, true);
	change_print_chan(0, 2, &cfg);
	print_end();
	assert_string_equal(capture_end(),
		"{\n"
		"    \"dev\": 0,\n"
		"    \"channel\": 2,\n"
		"    \"enabled\": true,\n"
		"    \"lines\": 2\n"
		"}\n");
}

/* A value this acqctl has no word for is printed as show prints it. */
static void test_unknown_words(void **state)
{
	(void)state;
	print_init(true, false);
	change_print_dev(0, 9);
	print_end();
	change_print_window_policy(0, 0, 9);
	print_end();
	assert_string_equal(capture_end(),
		"{\"id\":0,\"name\":\"acq0\",\"state\":\"unknown\"}\n"
		"{\"dev\":0,\"window\":0,\"policy\":\"unknown\"}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_json_pretty, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_unknown_words, capture_start,
						capture_free),
	};

	return cmocka_run_group_tests_name("change", tests, NULL, NULL);
}
