// SPDX-License-Identifier: GPL-2.0
/*
 * How acqctl shows a device (dev show), a window (window show, peek and
 * poke) and the monitor's events, in text and JSON: the words, the keys,
 * one line (one JSON object) per event; and the policies' words that
 * window set reads.
 */
#include <errno.h>
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

static const struct acq_window_info win0 = {
	.dev_id = 0, .id = 0, .offset = ACQ_WINDOW_OFF(0), .size = 4096,
	.writable = 1, .state = ACQ_WINDOW_STATE_LENT,
	.policy = ACQ_WINDOW_POLICY_DISCARD, .revokes = 3,
};

static const struct acq_window_info win1 = {
	.dev_id = 2, .id = 1, .offset = ACQ_WINDOW_OFF(1), .size = 8192,
	.state = ACQ_WINDOW_STATE_REVOKED,
	.policy = ACQ_WINDOW_POLICY_SIGBUS,
};

static void print_windows(void)
{
	print_open_array(NULL);
	window_print(&win0);
	window_print(&win1);
	print_close_array();
	print_end();
}

static void test_window_text(void **state)
{
	(void)state;
	print_init(false, false);
	print_windows();
	window_reg_print(&win0, 0x104, 7);
	print_end();
	assert_string_equal(capture_end(),
		"acq0 window 0 offset 0x10000000000 size 4096 writable state lent policy discard revokes 3\n"
		"acq2 window 1 offset 0x10100000000 size 8192 read-only state revoked policy sigbus revokes 0\n"
		"acq0 window 0 0x104: 0x00000007\n");
}

static void test_window_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_windows();
	window_reg_print(&win1, 0x1ffc, 0xdeadbeef);
	print_end();
	assert_string_equal(capture_end(),
		"[{\"dev\":0,\"window\":0,\"offset\":1099511627776,"
		"\"size\":4096,\"writable\":true,\"state\":\"lent\","
		"\"policy\":\"discard\",\"revokes\":3},"
		"{\"dev\":2,\"window\":1,\"offset\":1103806595072,"
		"\"size\":8192,\"writable\":false,\"state\":\"revoked\","
		"\"policy\":\"sigbus\",\"revokes\":0}]\n"
		"{\"dev\":2,\"window\":1,\"offset\":8188,"
		"\"value\":3735928559}\n");
}

/* A state or policy a newer kernel may send has no word here yet. */
static void test_window_unknown_words(void **state)
{
	struct acq_window_info w = win0;

	(void)state;
	w.state = 9;
	w.policy = 9;
	print_init(false, false);
	window_print(&w);
	print_end();
	assert_string_equal(capture_end(),
		"acq0 window 0 offset 0x10000000000 size 4096 writable state unknown policy unknown revokes 3\n");
}

static const struct acq_dev_info dev0 = {
	.id = 0, .name = "acq0", .backend = "acq_sim", .nr_channels = 4,
	.parent = "acq_sim0",
};

/* The events of a device's life, each printed as the monitor does. */
static void print_events(void)
{
	struct acq_dev_info up = dev0, down = dev0;
	const struct acq_chan_info chan = {
		.dev_id = 0, .id = 1, .enabled = 1, .lines = 64,
		.line_bytes = 1024, .lines_per_chunk = 16, .line_rate = 64000,
		.frame_bytes = 65536,
	};
	const struct acq_chan_stats st = {
		.dev_id = 0, .chan = 2, .produced = 100, .delivered = 83,
		.dropped = 17, .chunks = 1600,
	};
	struct acq_window_info revoked = win0, restored = win0;
	const struct acq_event evs[] = {
		{ .type = ACQ_CMD_DEV_ADD_NTF, .dev = &dev0 },
		{ .type = ACQ_CMD_CHAN_CHANGE_NTF, .chan = 1,
		  .chan_info = &chan },
		{ .type = ACQ_CMD_DEV_STATE_NTF, .dev = &up },
		{ .type = ACQ_CMD_OVERRUN_NTF, .chan = 2, .stats = &st },
		{ .type = ACQ_CMD_WINDOW_REVOKED_NTF, .window = &revoked },
		{ .type = ACQ_CMD_WINDOW_RESTORED_NTF, .window = &restored },
		{ .type = ACQ_CMD_DEV_STATE_NTF, .dev = &down },
		{ .type = ACQ_CMD_DEV_DEL_NTF, .dev = &dev0 },
	};
	unsigned int i;

	up.state = ACQ_DEV_STATE_STARTED;
	up.ring_attached = 1;
	up.ring_desc_count = 16;
	up.ring_slot_size = 65536;
	down.stop_reason = ACQ_STOP_REASON_OWNER_GONE;
	revoked.state = ACQ_WINDOW_STATE_REVOKED;
	revoked.revokes = 4;
	restored.revokes = 4;
	for (i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
		assert_int_equal(event_print(&evs[i]), 0);
	assert_int_equal(event_print_lost(), 0);
}

static void test_events_text(void **state)
{
	(void)state;
	print_init(false, false);
	print_events();
	assert_string_equal(capture_end(),
		"dev-add acq0 backend acq_sim parent acq_sim0 channels 4\n"
		"chan-change acq0 chan 1 enabled on lines 64 line-bytes 1024 lines-per-chunk 16 line-rate 64000\n"
		"dev-state acq0 started\n"
		"overrun acq0 chan 2 dropped 17 produced 100 delivered 83\n"
		"window-revoked acq0 window 0 state revoked policy discard revokes 4\n"
		"window-restored acq0 window 0 state lent policy discard revokes 4\n"
		"dev-state acq0 stopped reason owner-gone\n"
		"dev-del acq0\n"
		"lost events: the monitor's socket overflowed\n");
}

#define DEV0_JSON \
	"\"id\":0,\"name\":\"acq0\",\"backend\":\"acq_sim\"," \
	"\"parent\":\"acq_sim0\",\"channels\":4,"
#define WIN0_JSON \
	"\"dev\":0,\"window\":0,\"offset\":1099511627776,\"size\":4096," \
	"\"writable\":true,"
#define COUNTERS0_JSON \
	"\"produced\":0,\"delivered\":0,\"dropped\":0,\"protocol_errors\":0"

static void test_events_json(void **state)
{
	(void)state;
	print_init(true, false);
	print_events();
	assert_string_equal(capture_end(),
		"{\"event\":\"dev-add\"," DEV0_JSON
		"\"state\":\"stopped\",\"stop_reason\":\"none\","
		"\"ring_attached\":false," COUNTERS0_JSON "}\n"
		"{\"event\":\"chan-change\",\"dev\":0,\"channel\":1,"
		"\"enabled\":true,\"lines\":64,\"line_bytes\":1024,"
		"\"lines_per_chunk\":16,\"line_rate\":64000,"
		"\"frame_bytes\":65536}\n"
		"{\"event\":\"dev-state\"," DEV0_JSON
		"\"state\":\"started\",\"stop_reason\":\"none\","
		"\"ring_attached\":true,\"ring_desc_count\":16,"
		"\"ring_slot_size\":65536," COUNTERS0_JSON "}\n"
		"{\"event\":\"overrun\",\"dev\":0,\"channel\":2,\"dropped\":17,"
		"\"produced\":100,\"delivered\":83,\"chunks\":1600,"
		"\"errors\":0,\"chunk_errors\":0,\"protocol_errors\":0}\n"
		"{\"event\":\"window-revoked\"," WIN0_JSON
		"\"state\":\"revoked\",\"policy\":\"discard\",\"revokes\":4}\n"
		"{\"event\":\"window-restored\"," WIN0_JSON
		"\"state\":\"lent\",\"policy\":\"discard\",\"revokes\":4}\n"
		"{\"event\":\"dev-state\"," DEV0_JSON
		"\"state\":\"stopped\",\"stop_reason\":\"owner-gone\","
		"\"ring_attached\":false," COUNTERS0_JSON "}\n"
		"{\"event\":\"dev-del\"," DEV0_JSON
		"\"state\":\"stopped\",\"stop_reason\":\"none\","
		"\"ring_attached\":false," COUNTERS0_JSON "}\n"
		"{\"event\":\"lost\"}\n");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dev_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_dev_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_dev_unknown_words, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_window_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_window_json, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_window_unknown_words, capture_start,
						capture_free),
		cmocka_unit_test_setup_teardown(test_events_text, capture_start, capture_free),
		cmocka_unit_test_setup_teardown(test_events_json, capture_start, capture_free),
		cmocka_unit_test(test_window_policies),
	};

	return cmocka_run_group_tests_name("show", tests, NULL, NULL);
}
