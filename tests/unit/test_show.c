// SPDX-License-Identifier: GPL-2.0
/*
 * How acqctl shows a device (dev show), in text and JSON: the words and
 * the keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "print.h"
#include "show.h"
#include "stdout_capture.h"

static const struct acq_dev_info started = {
	.id = 3, .name = "acq3", .backend = "acq_sim", .nr_channels = 4,
	.parent = "acq_sim7", .state = ACQ_DEV_STATE_STARTED,
	.ring_attached = 1, .owner_pid = 4242, .ring_desc_count = 64,
	.ring_slot_size = 8192, .produced = 105, .delivered = 100,
	.dropped = 5, .protocol_errors = 2,
};

static const struct acq_dev_info stopped = {
	.id = 3, .name = "acq3", .backend = "acq_sim", .nr_channels = 4,
	.parent = "acq_sim7", .state = ACQ_DEV_STATE_STOPPED,
	.stop_reason = ACQ_STOP_REASON_OWNER_GONE, .produced = 7,
	.delivered = 7,
};

static void print_devs(void)
{
	print_open_array(NULL);
	dev_print(&started);
	dev_print(&stopped);
	print_close_array();
	print_end();
}

static void test_dev_text(void **state)
{
	(void)state;
	print_init(false, false);
	print_devs();
	assert_string_equal(capture_end(),
		"3: acq3 backend acq_sim parent acq_sim7 channels 4 state started ring 64x8192 owner-pid 4242\n"
		"    produced 105 delivered 100 dropped 5 protocol-errors 2\n"
		"3: acq3 backend acq_sim parent acq_sim7 channels 4 state stopped reason owner-gone\n"
		"    produced 7 delivered 7 dropped 0 protocol-errors 0\n");
}

static void test_dev_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_devs();
	assert_string_equal(capture_end(),
		"[{\"id\":3,\"name\":\"acq3\",\"backend\":\"acq_sim\","
		"\"parent\":\"acq_sim7\",\"channels\":4,\"state\":\"started\","
		"\"stop_reason\":\"none\",\"ring_attached\":true,"
		"\"ring_desc_count\":64,\"ring_slot_size\":8192,"
		"\"owner_pid\":4242,\"produced\":105,\"delivered\":100,"
		"\"dropped\":5,\"protocol_errors\":2},"
		"{\"id\":3,\"name\":\"acq3\",\"backend\":\"acq_sim\","
		"\"parent\":\"acq_sim7\",\"channels\":4,\"state\":\"stopped\","
		"\"stop_reason\":\"owner-gone\",\"ring_attached\":false,"
		"\"produced\":7,\"delivered\":7,\"dropped\":0,"
		"\"protocol_errors\":0}]\n");
}

/* A value a newer kernel may send has no word here yet. */
static void test_dev_unknown_words(void **state)
{
	struct acq_dev_info d = stopped;

	(void)state;
	d.state = 7;
	d.stop_reason = 99;
	print_init(false, false);
	dev_print(&d);
	print_end();
	assert_string_equal(capture_end(),
		"3: acq3 backend acq_sim parent acq_sim7 channels 4 state unknown reason unknown\n"
		"    produced 7 delivered 7 dropped 0 protocol-errors 0\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dev_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_dev_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_dev_unknown_words, capture_start, capture_free),
	};

	return cmocka_run_group_tests_name("show", tests, NULL, NULL);
}
