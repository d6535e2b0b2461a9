// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl capture without a kernel: what happens to each frame (counted,
 * verified, written as descriptor then data), a full output file, and the
 * report's JSON.
 */
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
#include "print.h"
#include "sim_pattern.h"

#define LINES		2
#define LINE_BYTES	32
#define FRAME_BYTES	(LINES * LINE_BYTES)

/* A device of three channels, 0 and 2 enabled. */
static void cap_init(struct capture *cap, struct capture_opts *o)
{
	__u32 ch;

	memset(o, 0, sizeof(*o));
	o->dev_id = 5;
	o->verify = true;
	memset(cap, 0, sizeof(*cap));
	cap->opts = o;
	cap->nr_channels = 3;
	for (ch = 0; ch < 3; ch++)
		cap->chan[ch].info = (struct acq_chan_info){
			.dev_id = 5, .id = ch, .enabled = ch != 1,
			.lines = LINES, .line_bytes = LINE_BYTES,
		};
}

/* Hand capture_frame() channel @ch's frame @seq; @corrupt flips a bit. */
static int feed(struct capture *cap, __u32 ch, __u32 seq, __u32 dropped,
		bool corrupt)
{
	struct acq_ring_desc d = {
		.timestamp_ns = 1000 + seq, .offset = 4096 * ch,
		.len = FRAME_BYTES, .seq = seq, .dropped = dropped,
		.channel = ch,
	};
	__u32 *f = gen_frame(ch, seq, LINES, LINE_BYTES);
	int err;

	assert_non_null(f);
	if (corrupt)
		f[9] ^= 0x100;
	err = cap->handlers[ch].cb(&d, f, cap->handlers[ch].arg);
	free(f);
	return err;
}

/* Check the next record of @file: channel @ch's frame @seq. */
static void expect_record(FILE *file, __u32 ch, __u32 seq)
{
	unsigned char data[FRAME_BYTES];
	struct acq_ring_desc d;
	__u32 *want = gen_frame(ch, seq, LINES, LINE_BYTES);

	assert_non_null(want);
	assert_int_equal(fread(&d, sizeof(d), 1, file), 1);
	assert_int_equal(d.channel, ch);
	assert_int_equal(d.seq, seq);
	assert_int_equal(d.len, FRAME_BYTES);
	assert_int_equal(fread(data, 1, d.len, file), d.len);
	assert_memory_equal(data, want, FRAME_BYTES);
	free(want);
}

static void test_frames(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_init(&cap, &o);
	cap.out = tmpfile();
	assert_non_null(cap.out);
	assert_int_equal(capture_handlers_init(&cap), 0);
	assert_true(cap.captured == (1 << 0 | 1 << 2));
	assert_null(cap.handlers[1].cb);

	assert_int_equal(feed(&cap, 0, 0, 0, false), 0);
	assert_int_equal(feed(&cap, 2, 0, 0, false), 0);
	assert_int_equal(feed(&cap, 0, 3, 2, false), 0);	/* 2 dropped */
	assert_int_equal(feed(&cap, 2, 1, 0, true), 0);		/* corrupt */
	assert_int_equal(feed(&cap, 2, 5, 0, false), 0);	/* a gap */

	assert_int_equal(cap.frames, 5);
	assert_int_equal(cap.bytes, 5 * FRAME_BYTES);
	assert_int_equal(cap.failures, 2);
	assert_int_equal(cap.chan[0].frames, 2);
	assert_int_equal(cap.chan[0].dropped, 2);
	assert_int_equal(cap.chan[0].verify.failures, 0);
	assert_int_equal(cap.chan[2].frames, 3);
	assert_int_equal(cap.chan[2].verify.failures, 2);

	/* The file: each frame's descriptor, then its data, in order. */
	rewind(cap.out);
	expect_record(cap.out, 0, 0);
	expect_record(cap.out, 2, 0);
	expect_record(cap.out, 0, 3);
	fseek(cap.out, sizeof(struct acq_ring_desc) + FRAME_BYTES, SEEK_CUR);
	expect_record(cap.out, 2, 5);
	assert_int_equal(fgetc(cap.out), EOF);
	fclose(cap.out);
}

static void test_output_full(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_init(&cap, &o);
	cap.out = fopen("/dev/full", "w");
	if (!cap.out)
		skip();
	setvbuf(cap.out, NULL, _IONBF, 0);
	assert_int_equal(capture_handlers_init(&cap), 0);
	assert_int_equal(feed(&cap, 0, 0, 0, false), -ENOSPC);
	assert_int_equal(cap.out_err, -ENOSPC);
	fclose(cap.out);
}

static void test_nothing_enabled(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_init(&cap, &o);
	cap.chan[0].info.enabled = 0;
	cap.chan[2].info.enabled = 0;
	assert_int_not_equal(capture_handlers_init(&cap), 0);
}

/* The report of a capture of two frames in half a second. */
static char *report(bool json)
{
	struct capture_opts o;
	struct capture cap;
	char *out = NULL;
	size_t len = 0;
	FILE *saved = stdout;

	cap_init(&cap, &o);
	assert_int_equal(capture_handlers_init(&cap), 0);
	assert_int_equal(feed(&cap, 0, 1, 1, false), 0);
	assert_int_equal(feed(&cap, 2, 0, 0, false), 0);
	cap.chan[0].kernel_dropped = 4;
	cap.seconds = 0.5;

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
	char *out = report(false);

	(void)state;
	assert_string_equal(out,
		"acq5: 0.50 s, 2 frames, 128 bytes, 4.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0\n"
		"  channel 0: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 1 (kernel 4), verify failures 0\n"
		"  channel 2: 1 frames, 64 bytes, 2.0 frames/s, 0.00 MB/s, "
		"dropped 0 (kernel 0), verify failures 0\n");
	free(out);
}

static void test_report_json(void **state)
{
	char *out = report(true);

	(void)state;
	assert_string_equal(out,
		"{\"dev\":5,\"seconds\":0.500,\"frames\":2,\"bytes\":128,"
		"\"frames_per_sec\":4.000,\"mb_per_sec\":0.000,"
		"\"dropped\":1,\"kernel_dropped\":4,\"verify_failures\":0,"
		"\"channels\":["
		"{\"channel\":0,\"frames\":1,\"bytes\":64,"
		"\"frames_per_sec\":2.000,\"mb_per_sec\":0.000,"
		"\"dropped\":1,\"kernel_dropped\":4,\"verify_failures\":0},"
		"{\"channel\":2,\"frames\":1,\"bytes\":64,"
		"\"frames_per_sec\":2.000,\"mb_per_sec\":0.000,"
		"\"dropped\":0,\"kernel_dropped\":0,"
		"\"verify_failures\":0}]}\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frames),
		cmocka_unit_test(test_output_full),
		cmocka_unit_test(test_nothing_enabled),
		cmocka_unit_test(test_report_text),
		cmocka_unit_test(test_report_json),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
