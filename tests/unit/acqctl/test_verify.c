// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl's frame verifier against frames made by a generator written from
 * the comment of linux/acq_sim.h (sim_pattern.h), not from the verifier:
 * good frames pass, and a flipped bit in any word, a wrong seq, channel or
 * length, or a gap no descriptor accounts for, fails.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/acq_sim.h>

#include "sim_pattern.h"
#include "verify.h"

static __u32 *frame_new(__u32 ch, __u32 seq, __u32 lines, __u32 line_bytes)
{
	__u32 *f = gen_frame(ch, seq, lines, line_bytes);

	assert_non_null(f);
	return f;
}

static int check(const __u32 *f, __u32 len, __u32 ch, __u32 seq,
		 __u32 lines, __u32 line_bytes)
{
	char why[ACQ_VERIFY_ERR_LEN] = "";
	int err;

	err = acq_verify_pattern(f, len, ch, seq, lines, line_bytes, why,
				 sizeof(why));
	/* A failure always says why. */
	assert_true(err == 0 || (err == -EBADMSG && why[0]));
	return err;
}

static void test_good_frames(void **state)
{
	static const struct { __u32 ch, seq, lines, line_bytes; } g[] = {
		{ 0, 0, 1, 16 },		/* the head words only */
		{ 1, 1, 3, 32 },
		{ 63, 0xffffffffu, 100, 64 },
		{ 7, 123456, 16, 4096 },
	};
	unsigned int i;
	__u32 *f;

	(void)state;
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		f = frame_new(g[i].ch, g[i].seq, g[i].lines, g[i].line_bytes);
		assert_int_equal(check(f, g[i].lines * g[i].line_bytes,
				       g[i].ch, g[i].seq, g[i].lines,
				       g[i].line_bytes), 0);
		free(f);
	}
}

/* The header's own checksum helper agrees with the comment. */
static void test_uapi_checksum(void **state)
{
	__u32 w[64];

	(void)state;
	gen_line(w, 64, 5, 77, 9);
	assert_int_equal(w[3], acq_sim_checksum(5, 77, 9, 64));
	gen_line(w, 4, 0, 0, 0);
	assert_int_equal(w[3], acq_sim_checksum(0, 0, 0, 4));
}

static void test_any_flipped_bit_fails(void **state)
{
	const __u32 lines = 3, line_bytes = 32, len = lines * line_bytes;
	static const unsigned int bits[] = { 0, 1, 15, 16, 31 };
	__u32 *f = frame_new(2, 40, lines, line_bytes);
	unsigned int i, b;

	(void)state;
	for (i = 0; i < len / 4; i++) {
		for (b = 0; b < sizeof(bits) / sizeof(bits[0]); b++) {
			f[i] ^= 1U << bits[b];
			assert_int_equal(check(f, len, 2, 40, lines,
					       line_bytes), -EBADMSG);
			f[i] ^= 1U << bits[b];
		}
	}
	assert_int_equal(check(f, len, 2, 40, lines, line_bytes), 0);
	free(f);
}

/* Retag line @line of @f: word 2 gets @tag, word 3 keeps the sum at 0. */
static void retag_line(__u32 *f, __u32 line_bytes, __u32 line, __u32 tag)
{
	__u32 *w = f + (size_t)line * (line_bytes / 4);
	__u32 old = w[2];

	w[2] = (w[2] & ~(ACQ_SIM_LINE_TAG_MASK << ACQ_SIM_LINE_TAG_SHIFT)) |
	       tag << ACQ_SIM_LINE_TAG_SHIFT;
	w[3] -= w[2] - old;
}

/* Any tag the device read is good, as long as the whole frame has it. */
static void test_tags(void **state)
{
	const __u32 lines = 4, line_bytes = 64, len = lines * line_bytes;
	__u32 *f = frame_new(6, 12, lines, line_bytes);
	__u32 line;

	(void)state;
	assert_non_null(f);
	for (line = 0; line < lines; line++)
		retag_line(f, line_bytes, line, 0xa5);
	assert_int_equal(acq_sim_line_tag(f[2]), 0xa5);
	assert_int_equal(check(f, len, 6, 12, lines, line_bytes), 0);
	/* A frame that changed tag halfway was torn by the register. */
	retag_line(f, line_bytes, 2, 0x5a);
	assert_int_equal(check(f, len, 6, 12, lines, line_bytes), -EBADMSG);
	free(f);
	/* The header's helpers: the tag byte alone moves. */
	assert_int_equal(acq_sim_line_id(3, 0x1ff),
			 3 | 0xff << 8 | ACQ_SIM_LINE_MAGIC << 16);
	assert_int_equal(acq_sim_checksum_tag(3, 0xff, 1, 2, 8) -
			 acq_sim_checksum(3, 1, 2, 8), (__u32)-(0xff << 8));
}

static void test_wrong_seq_channel_len(void **state)
{
	const __u32 lines = 4, line_bytes = 64, len = lines * line_bytes;
	__u32 *f = frame_new(3, 1000, lines, line_bytes);

	(void)state;
	assert_int_equal(check(f, len, 3, 1001, lines, line_bytes), -EBADMSG);
	assert_int_equal(check(f, len, 4, 1000, lines, line_bytes), -EBADMSG);
	assert_int_equal(check(f, len - 4, 3, 1000, lines, line_bytes),
			 -EBADMSG);
	assert_int_equal(check(f, len - line_bytes, 3, 1000, lines,
			       line_bytes), -EBADMSG);
	/* The same bytes read as another geometry. */
	assert_int_equal(check(f, len, 3, 1000, lines * 2, line_bytes / 2),
			 -EBADMSG);
	/* Lines too short for the head words hold no pattern. */
	assert_int_equal(check(f, 12, 3, 1000, 1, 12), -EBADMSG);
	assert_int_equal(check(f, 18, 3, 1000, 1, 18), -EBADMSG);
	free(f);
}

/* Feed a frame of channel @ch with @seq and @dropped to @v. */
static int feed(struct acq_verify *v, __u32 ch, __u32 seq, __u32 dropped)
{
	struct acq_ring_desc d = {
		.len = v->lines * v->line_bytes, .seq = seq,
		.dropped = dropped, .channel = ch,
	};
	__u32 *f = frame_new(ch, seq, v->lines, v->line_bytes);
	int err = acq_verify_frame(v, &d, f);

	free(f);
	return err;
}

static void test_sequence(void **state)
{
	struct acq_verify v;

	(void)state;
	acq_verify_init(&v, 1, 2, 16);
	assert_int_equal(feed(&v, 1, 0, 0), 0);
	assert_int_equal(feed(&v, 1, 1, 0), 0);
	/* Two frames dropped, and the descriptor says so. */
	assert_int_equal(feed(&v, 1, 4, 2), 0);
	/* A gap nothing accounts for fails once, then the count goes on. */
	assert_int_equal(feed(&v, 1, 7, 1), -EBADMSG);
	assert_non_null(strstr(v.last_error, "seq 7"));
	assert_int_equal(feed(&v, 1, 8, 0), 0);
	assert_int_equal(v.frames, 5);
	assert_int_equal(v.failures, 1);
	assert_int_equal(v.dropped, 3);
	assert_int_equal(v.next_seq, 9);
	/* Drops before the first frame are in its descriptor too. */
	acq_verify_init(&v, 0, 1, 16);
	assert_int_equal(feed(&v, 0, 3, 3), 0);
	assert_int_equal(v.next_seq, 4);
}

static void test_sequence_wraps(void **state)
{
	struct acq_verify v;

	(void)state;
	acq_verify_init(&v, 0, 1, 32);
	v.next_seq = 0xfffffffeu;
	assert_int_equal(feed(&v, 0, 0xfffffffeu, 0), 0);
	assert_int_equal(feed(&v, 0, 0xffffffffu, 0), 0);
	assert_int_equal(feed(&v, 0, 1, 1), 0);
	assert_true(v.next_seq == 0x100000002ULL);
	assert_int_equal(v.failures, 0);
}

static void test_frame_checks(void **state)
{
	struct acq_ring_desc d = { .len = 16, .seq = 0, .channel = 0 };
	__u32 *f = frame_new(0, 0, 1, 16);
	struct acq_verify v;

	(void)state;
	acq_verify_init(&v, 0, 1, 16);
	/* Outside the ring: acq_ring_frame() gave no frame. */
	assert_int_equal(acq_verify_frame(&v, &d, NULL), -EBADMSG);
	/* Routed to the wrong channel's verifier. */
	acq_verify_init(&v, 1, 1, 16);
	assert_int_equal(acq_verify_frame(&v, &d, f), -EBADMSG);
	assert_non_null(strstr(v.last_error, "channel 0"));
	acq_verify_init(&v, 0, 1, 16);
	assert_int_equal(acq_verify_frame(&v, &d, f), 0);
	d.seq = 1;
	d.len = 12;
	assert_int_equal(acq_verify_frame(&v, &d, f), -EBADMSG);
	assert_int_equal(v.frames, 2);
	assert_int_equal(v.failures, 1);
	free(f);
}

/*
 * A frame the device flagged is not checked against the pattern (its
 * bytes may be anything) but is counted, and its seq and channel still
 * must be right.
 */
static void test_flagged_frames(void **state)
{
	struct acq_ring_desc d = { .len = 16, .seq = 0, .channel = 0,
				   .flags = ACQ_DESC_F_ERROR };
	__u32 *f = frame_new(0, 0, 1, 16);
	struct acq_verify v;

	(void)state;
	acq_verify_init(&v, 0, 1, 16);
	f[3] ^= 1;
	assert_int_equal(acq_verify_frame(&v, &d, f), 0);
	/* Truncated: shorter than the channel's frames, and flagged so. */
	d.seq = 1;
	d.len = 8;
	d.flags = ACQ_DESC_F_TRUNCATED;
	assert_int_equal(acq_verify_frame(&v, &d, f), 0);
	assert_int_equal(v.flagged, 2);
	assert_int_equal(v.failures, 0);
	/* A gap is a gap, flagged or not. */
	d.seq = 5;
	assert_int_equal(acq_verify_frame(&v, &d, f), -EBADMSG);
	/* Outside the ring is never the device's to admit. */
	d.seq = 6;
	assert_int_equal(acq_verify_frame(&v, &d, NULL), -EBADMSG);
	/* The same bytes unflagged fail. */
	d.seq = 7;
	d.len = 16;
	d.flags = 0;
	assert_int_equal(acq_verify_frame(&v, &d, f), -EBADMSG);
	assert_int_equal(v.flagged, 2);
	assert_int_equal(v.failures, 3);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_frames),
		cmocka_unit_test(test_uapi_checksum),
		cmocka_unit_test(test_any_flipped_bit_fails),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_wrong_seq_channel_len),
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_sequence_wraps),
		cmocka_unit_test(test_frame_checks),
		cmocka_unit_test(test_flagged_frames),
	};

	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
