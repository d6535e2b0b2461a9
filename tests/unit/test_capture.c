// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl capture without a kernel: what happens to each frame (counted,
 * verified, written as descriptor then data once confirmed, taken back
 * when lost to a removal, also through a dispatch of a ring whose frames
 * vanish under it), a full output file, and the report's JSON.
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
#include <stdatomic.h>

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
static void test_lost(void **state)
{
	struct capture_opts o;
	struct capture cap;

	(void)state;
	cap_init(&cap, &o);
	cap.out = tmpfile();
	assert_non_null(cap.out);
	assert_int_equal(capture_handlers_init(&cap), 0);
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

/* A ring of @count slots of one frame each, as the kernel maps it. */
struct fake_ring {
	struct acq_ring_header *hdr;
	struct acq_ring_desc *desc;
	unsigned char *frames;
	__u32 count;
};

static void fake_ring_init(struct fake_ring *f, __u32 count)
{
	assert_int_equal(posix_memalign((void **)&f->hdr, 4096, 4096), 0);
	memset(f->hdr, 0, 4096);
	f->desc = calloc(count, sizeof(*f->desc));
	f->frames = calloc(count, FRAME_BYTES);
	assert_non_null(f->desc);
	assert_non_null(f->frames);
	f->count = count;
	f->hdr->magic = ACQ_RING_MAGIC;
	f->hdr->abi_version = ACQ_RING_ABI_VERSION;
	f->hdr->header_size = 4096;
	f->hdr->desc_count = count;
	f->hdr->desc_size = sizeof(struct acq_ring_desc);
	f->hdr->nr_channels = 3;
	f->hdr->buf_size = (__u64)count * FRAME_BYTES;
	f->hdr->slot_size = FRAME_BYTES;
}

/* Publish channel @ch's frame @seq in slot @i, the producer at @i + 1. */
static void fake_publish(struct fake_ring *f, __u32 i, __u32 ch, __u32 seq)
{
	__u32 *frame = gen_frame(ch, seq, LINES, LINE_BYTES);

	assert_non_null(frame);
	memcpy(f->frames + (size_t)i * FRAME_BYTES, frame, FRAME_BYTES);
	free(frame);
	f->desc[i] = (struct acq_ring_desc){
		.offset = (__u64)i * FRAME_BYTES, .len = FRAME_BYTES,
		.seq = seq, .channel = ch,
	};
	atomic_store_explicit((_Atomic __u32 *)&f->hdr->producer, i + 1,
			      memory_order_release);
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
		atomic_store_explicit((_Atomic __u32 *)&f->hdr->flags,
				      ACQ_RING_F_DEV_GONE |
				      ACQ_RING_F_DETACHED |
				      ACQ_RING_F_STOPPED,
				      memory_order_release);
		memset(f->frames, 0, (size_t)f->count * FRAME_BYTES);
	}
	return capture_frame(desc, frame, arg);
}

static void test_dispatch_vanish(void **state)
{
	struct fake_ring f;
	struct capture_opts o;
	struct capture cap;
	struct acq_ring r;

	(void)state;
	fake_ring_init(&f, 8);
	cap_init(&cap, &o);
	cap.out = tmpfile();
	assert_non_null(cap.out);
	assert_int_equal(capture_handlers_init(&cap), 0);
	cap.handlers[2].cb = vanishing_frame;
	vanish_ring = &f;
	vanish_seq = 1;
	assert_int_equal(acq_ring_setup(&r, f.hdr, f.desc, f.frames, -1), 0);

	fake_publish(&f, 0, 0, 0);
	fake_publish(&f, 1, 2, 0);
	assert_int_equal(capture_dispatch(&cap, &r, true, ~0U), 2);
	fake_publish(&f, 2, 0, 1);
	fake_publish(&f, 3, 2, 1);			/* vanishes */
	fake_publish(&f, 4, 0, 2);
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
	free(f.hdr);
	free(f.desc);
	free(f.frames);
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
	assert_int_equal(capture_confirm(&cap), 0);
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
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_dispatch_vanish),
		cmocka_unit_test(test_output_full),
		cmocka_unit_test(test_nothing_enabled),
		cmocka_unit_test(test_report_text),
		cmocka_unit_test(test_report_json),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
