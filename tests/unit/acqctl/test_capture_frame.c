// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl/capture_frame.c without a kernel: what happens to each frame
 * (counted, verified, written as descriptor then data once confirmed,
 * taken back when lost to a removal, also through a dispatch of a ring
 * whose frames vanish under it), a full output file.
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

#include "acq/ring.h"
#include "capture.h"
#include "capture_feed.h"
#include "fake_ring.h"

/* cap_init()'s capture, its handlers ready, writing to a temporary file. */
static void cap_open(struct capture *cap, struct capture_opts *o)
{
	cap_init(cap, o);
	cap->out = tmpfile();
	assert_non_null(cap->out);
	assert_int_equal(capture_handlers_init(cap), 0);
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
	cap_open(&cap, &o);
	assert_true(cap.captured == (1 << 0 | 1 << 2));
	assert_null(cap.handlers[1].cb);

	assert_int_equal(feed(&cap, 0, 0, 0, false), 0);
	assert_int_equal(feed(&cap, 2, 0, 0, false), 0);
	assert_int_equal(feed(&cap, 0, 3, 2, false), 0);	/* 2 dropped */
	assert_int_equal(feed(&cap, 2, 1, 0, true), 0);		/* corrupt */
	assert_int_equal(feed(&cap, 2, 5, 0, false), 0);	/* a gap */
	/* The last one waits for the dispatch to say it was read whole. */
	assert_int_equal(ftell(cap.out),
			 4 * (sizeof(struct acq_ring_desc) + FRAME_BYTES));
	assert_int_equal(capture_confirm(&cap), 0);
	assert_int_equal(capture_confirm(&cap), 0);		/* no more */

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
	capture_frames_free(&cap);
}

/*
 * A frame lost to a removal is as if it never came: not counted, not a
 * failure (the zeros it read are not the device's), not in the file, and
 * the channel's verifier still waits for its seq.
 */
/*
 * Frames the device flagged are counted apart, are not verification
 * failures even when their bytes are wrong, and a lost one is uncounted.
 */
static void test_flagged(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_open(&cap, &o);
	assert_int_equal(feed_flagged(&cap, 0, 0, 0, ACQ_DESC_F_ERROR, true),
			 0);
	assert_int_equal(feed_flagged(&cap, 0, 1, 0, ACQ_DESC_F_TRUNCATED |
				      ACQ_DESC_F_ERROR, false), 0);
	assert_int_equal(feed_flagged(&cap, 2, 0, 0, ACQ_DESC_F_TRUNCATED,
				      false), 0);
	assert_int_equal(capture_confirm(&cap), 0);
	assert_int_equal(cap.failures, 0);
	assert_int_equal(cap.frames, 3);
	assert_int_equal(cap.chan[0].errors, 2);
	assert_int_equal(cap.chan[0].truncated, 1);
	assert_int_equal(cap.chan[2].truncated, 1);
	assert_int_equal(cap.chan[0].verify.flagged, 2);
	assert_int_equal(feed_flagged(&cap, 0, 2, 0, ACQ_DESC_F_ERROR, false),
			 0);
	capture_lost(&cap);
	assert_int_equal(cap.chan[0].errors, 2);
	assert_int_equal(cap.chan[0].verify.flagged, 2);
	fclose(cap.out);
	capture_frames_free(&cap);
}

static void test_lost(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_open(&cap, &o);
	assert_int_equal(feed(&cap, 0, 0, 0, false), 0);
	assert_int_equal(feed(&cap, 0, 1, 0, true), 0);		/* read as zeros */
	assert_int_equal(cap.failures, 1);
	capture_lost(&cap);
	assert_int_equal(cap.frames, 1);
	assert_int_equal(cap.bytes, FRAME_BYTES);
	assert_int_equal(cap.failures, 0);
	assert_int_equal(cap.chan[0].frames, 1);
	assert_int_equal(cap.chan[0].verify.failures, 0);
	assert_int_equal(cap.chan[0].verify.frames, 1);
	assert_int_equal(cap.lost, 1);
	assert_int_equal(cap.lost_desc.seq, 1);
	/* Had it gone on, seq 1 would be next, and whole. */
	assert_int_equal(feed(&cap, 0, 1, 0, false), 0);
	assert_int_equal(capture_confirm(&cap), 0);
	assert_int_equal(cap.failures, 0);

	rewind(cap.out);
	expect_record(cap.out, 0, 0);
	expect_record(cap.out, 0, 1);
	assert_int_equal(fgetc(cap.out), EOF);
	fclose(cap.out);
	capture_frames_free(&cap);
}

/* Publish channel @ch's frame @seq, its next, of acq_sim's payload. */
static void publish(struct fake_ring *f, __u32 ch, __u32 seq)
{
	__u32 *frame = gen_frame(ch, seq, LINES, LINE_BYTES);

	assert_non_null(frame);
	assert_int_equal(f->seq[ch], seq);
	assert_int_equal(fake_ring_publish(f, ch, frame), 0);
	free(frame);
}

static struct fake_ring *vanish_ring;
static __u32 vanish_seq;

/*
 * capture_frame(), except that channel 2's frame vanish_seq vanishes as
 * it is read: the kernel raises DEV_GONE, then the frames read as zeros.
 */
static int vanishing_frame(const struct acq_ring_desc *desc,
			   const void *frame, void *arg)
{
	struct fake_ring *f = vanish_ring;

	if (desc->channel == 2 && desc->seq == vanish_seq) {
		acq_ring_store_release(&f->hdr->flags,
				       ACQ_RING_F_DEV_GONE |
				       ACQ_RING_F_DETACHED |
				       ACQ_RING_F_STOPPED);
		memset(f->frames, 0, (size_t)f->count * FRAME_BYTES);
	}
	return capture_frame(desc, frame, arg);
}

static void test_dispatch_vanish(void **state)
{
	struct fake_ring *f = fake_ring_new(8, FRAME_BYTES, 3, 0);
	struct capture_opts o;
	struct capture cap;
	struct acq_ring r;

	(void)state;
	cap_open(&cap, &o);
	cap.handlers[2].cb = vanishing_frame;
	vanish_ring = f;
	vanish_seq = 1;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);

	publish(f, 0, 0);
	publish(f, 2, 0);
	assert_int_equal(capture_dispatch(&cap, &r, true, ~0U), 2);
	publish(f, 0, 1);
	publish(f, 2, 1);			/* vanishes */
	publish(f, 0, 2);
	assert_int_equal(capture_dispatch(&cap, &r, true, ~0U), -ENODEV);
	assert_int_equal(cap.lost, 1);
	assert_int_equal(cap.lost_desc.channel, 2);
	assert_int_equal(cap.lost_desc.seq, 1);
	assert_int_equal(cap.frames, 3);
	assert_int_equal(cap.failures, 0);
	assert_int_equal(cap.chan[2].frames, 1);
	assert_int_equal(capture_dispatch(&cap, &r, true, ~0U), -ENODEV);
	assert_int_equal(cap.frames, 3);

	/* Only the frames read whole, each whole, are in the file. */
	rewind(cap.out);
	expect_record(cap.out, 0, 0);
	expect_record(cap.out, 2, 0);
	expect_record(cap.out, 0, 1);
	assert_int_equal(fgetc(cap.out), EOF);
	fclose(cap.out);
	capture_frames_free(&cap);
	fake_ring_free(f);
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
	assert_int_equal(feed(&cap, 0, 0, 0, false), 0);
	/* Written once confirmed: by the next frame, or the dispatch. */
	assert_int_equal(feed(&cap, 0, 1, 0, false), -ENOSPC);
	assert_int_equal(cap.out_err, -ENOSPC);
	fclose(cap.out);
	capture_frames_free(&cap);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frames),
		cmocka_unit_test(test_flagged),
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_dispatch_vanish),
		cmocka_unit_test(test_output_full),
		cmocka_unit_test(test_nothing_enabled),
	};

	return cmocka_run_group_tests_name("capture_frame", tests, NULL, NULL);
}
