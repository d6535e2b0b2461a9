// SPDX-License-Identifier: GPL-2.0
/* acqctl/capture_report.c: a capture's report, in text and JSON. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "capture_feed.h"
#include "print.h"

/*
 * The report of a capture of two frames in half a second; @flag one:
 * channel 2's is flagged an error.
 */
static char *report(bool json, bool flag)
{
	struct capture_opts o;
	struct capture cap;
	char *out = NULL;
	size_t len = 0;
	FILE *saved = stdout;

	cap_init(&cap, &o);
	assert_int_equal(capture_handlers_init(&cap), 0);
	assert_int_equal(feed(&cap, 0, 1, 1, false), 0);
	assert_int_equal(feed_flagged(&cap, 2, 0, 0,
				      flag ? ACQ_DESC_F_ERROR : 0, false), 0);
	assert_int_equal(capture_confirm(&cap), 0);
	cap.chan[0].kernel_dropped = 4;
	cap.seconds = 0.5;
	cap.cpu_user = 0.25;
	cap.cpu_sys = 0.125;

	stdout = open_memstream(&out, &len);
	assert_non_null(stdout);
	print_init(json, false);
	capture_report(&cap);
	print_end();
	fclose(stdout);
	stdout = saved;
	return out;
}

static void test_report_text(void **state)
{
	char *out = report(false, false);

	(void)state;
	assert_string_equal(out,
		"acq5: 0.50 s, 2 frames, 128 bytes, 4.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0, "
		"CPU 0.25 s user 0.12 s sys\n"
		"  channel 0: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0\n"
		"  channel 2: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 0 (kernel 0), verify failures 0\n");
	free(out);
	/* Flagged frames only when there are some. */
	out = report(false, true);
	assert_string_equal(out,
		"acq5: 0.50 s, 2 frames, 128 bytes, 4.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0, flagged error 1, "
		"CPU 0.25 s user 0.12 s sys\n"
		"  channel 0: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0\n"
		"  channel 2: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 0 (kernel 0), verify failures 0, flagged error 1\n");
	free(out);
}

static void test_report_json(void **state)
{
	char *out = report(true, true);

	(void)state;
	assert_string_equal(out,
		"{\"dev\":5,\"seconds\":0.500,\"frames\":2,\"bytes\":128,"
		"\"frames_per_sec\":4.000,\"mb_per_sec\":0.000,"
		"\"dropped\":1,\"kernel_dropped\":4,\"verify_failures\":0,"
		"\"errors\":1,\"truncated\":0,"
		"\"cpu_user_sec\":0.250,\"cpu_sys_sec\":0.125,"
		"\"channels\":["
		"{\"channel\":0,\"frames\":1,\"bytes\":64,"
		"\"frames_per_sec\":2.000,\"mb_per_sec\":0.000,"
		"\"dropped\":1,\"kernel_dropped\":4,\"verify_failures\":0,"
		"\"errors\":0,\"truncated\":0},"
		"{\"channel\":2,\"frames\":1,\"bytes\":64,"
		"\"frames_per_sec\":2.000,\"mb_per_sec\":0.000,"
		"\"dropped\":0,\"kernel_dropped\":0,"
		"\"verify_failures\":0,\"errors\":1,\"truncated\":0}]}\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_text),
		cmocka_unit_test(test_report_json),
	};

	return cmocka_run_group_tests_name("capture_report", tests, NULL, NULL);
}
