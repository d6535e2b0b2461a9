// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl's frame verifier against frames made by a generator written from
 * the comment of linux/acq_sim.h (sim_pattern.h), not from the verifier:
 * good frames pass, and a flipped bit in any word, a wrong seq, channel or
 * length, or a gap no descriptor accounts for, fails. The same for acq_sim's
 * payload modes header (the head words alone are checked) and none (the
 * descriptors alone), and a frame of one mode fails the other's check.
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

/*
 * A frame flagged truncated alone holds the lines the device sent: they
 * are checked, a last line cut short is not, and a wrong word in one
 * fails; flagged an error too, its bytes may be anything.
 */
static void test_truncated_lines(void **state)
{
	struct acq_ring_desc d = { .len = 3 * 16, .seq = 0, .channel = 0,
				   .flags = ACQ_DESC_F_TRUNCATED };
	__u32 *f = frame_new(0, 0, 4, 16);
	__u32 *g = frame_new(0, 1, 4, 16);
	__u32 *h = frame_new(0, 2, 4, 16);
	struct acq_verify v;

	(void)state;
	acq_verify_init(&v, 0, 4, 16);
	assert_int_equal(acq_verify_frame(&v, &d, f), 0);
	/* Half of line 2 came, wrong: lines 0 and 1 are checked. */
	d.seq = 1;
	d.len = 2 * 16 + 8;
	g[9] ^= 0x10;		/* line 2's word 1, its number */
	assert_int_equal(acq_verify_frame(&v, &d, g), 0);
	/* A whole line sent wrong fails, flagged or not. */
	d.seq = 2;
	d.len = 3 * 16;
	h[9] ^= 0x10;
	assert_int_equal(acq_verify_frame(&v, &d, h), -EBADMSG);
	assert_non_null(strstr(v.last_error, "line 2"));
	/* Flagged an error too: not checked. */
	d.seq = 3;
	d.flags |= ACQ_DESC_F_ERROR;
	assert_int_equal(acq_verify_frame(&v, &d, h), 0);
	assert_int_equal(v.flagged, 4);
	assert_int_equal(v.failures, 1);
	free(f);
	free(g);
	free(h);
}

static int check_head(const __u32 *f, __u32 len, __u32 ch, __u32 seq,
		      __u32 lines, __u32 line_bytes, char *why)
{
	int err;

	why[0] = '\0';
	err = acq_verify_head(f, len, ch, seq, lines, line_bytes, why,
			      ACQ_VERIFY_ERR_LEN);
	assert_true(err == 0 || (err == -EBADMSG && why[0]));
	return err;
}

/* Header mode: whatever the rest of each line holds, the head passes. */
static void test_head_good_frames(void **state)
{
	static const struct { __u32 ch, seq, lines, line_bytes, fill; } g[] = {
		{ 0, 0, 1, 16, 0 },		/* the head words only */
		{ 1, 1, 3, 32, 0 },
		{ 63, 0xffffffffu, 100, 64, 0xdeadbeef },
		{ 7, 123456, 16, 4096, 0xffffffff },
	};
	char why[ACQ_VERIFY_ERR_LEN];
	unsigned int i;
	__u32 *f;

	(void)state;
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		f = gen_head_frame(g[i].ch, g[i].seq, g[i].lines,
				   g[i].line_bytes, g[i].fill);
		assert_non_null(f);
		assert_int_equal(check_head(f, g[i].lines * g[i].line_bytes,
					    g[i].ch, g[i].seq, g[i].lines,
					    g[i].line_bytes, why), 0);
		free(f);
	}
}

/* The header's helpers for header mode agree with its comment. */
static void test_head_uapi(void **state)
{
	__u32 w[4];

	(void)state;
	gen_head_line(w, 5, 77, 9);
	assert_int_equal(w[2], acq_sim_head_id(5, 0));
	assert_int_equal(w[3], acq_sim_head_checksum(5, 0, 77, 9));
	assert_int_equal(acq_sim_line_tag(acq_sim_head_id(3, 0xa5)), 0xa5);
	assert_int_equal(acq_sim_head_id(3, 0xa5) & 0xff,
			 3 | ACQ_SIM_LINE_HEAD_ONLY);
	assert_int_equal(w[0] + w[1] + w[2] + w[3], 0);
}

/* A flipped bit in a head word fails; one in the rest of a line does not. */
static void test_head_flipped_bits(void **state)
{
	const __u32 lines = 3, line_bytes = 32, words = line_bytes / 4;
	const __u32 len = lines * line_bytes;
	__u32 *f = gen_head_frame(2, 40, lines, line_bytes, 0);
	char why[ACQ_VERIFY_ERR_LEN];
	unsigned int i, b;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < len / 4; i++) {
		for (b = 0; b < 32; b += 5) {
			f[i] ^= 1U << b;
			assert_int_equal(check_head(f, len, 2, 40, lines,
						    line_bytes, why),
					 i % words < ACQ_SIM_LINE_HEAD_WORDS ?
					 -EBADMSG : 0);
			f[i] ^= 1U << b;
		}
	}
	/* Seq, channel, length and geometry as in full mode. */
	assert_int_equal(check_head(f, len, 2, 41, lines, line_bytes, why),
			 -EBADMSG);
	assert_int_equal(check_head(f, len, 3, 40, lines, line_bytes, why),
			 -EBADMSG);
	assert_int_equal(check_head(f, len - 4, 2, 40, lines, line_bytes, why),
			 -EBADMSG);
	assert_int_equal(check_head(f, 12, 2, 40, 1, 12, why), -EBADMSG);
	free(f);
}

static void test_head_tags(void **state)
{
	const __u32 lines = 4, line_bytes = 64, len = lines * line_bytes;
	__u32 *f = gen_head_frame(6, 12, lines, line_bytes, 0);
	char why[ACQ_VERIFY_ERR_LEN];
	__u32 line;

	(void)state;
	assert_non_null(f);
	for (line = 0; line < lines; line++)
		retag_line(f, line_bytes, line, 0xa5);
	assert_int_equal(check_head(f, len, 6, 12, lines, line_bytes, why), 0);
	retag_line(f, line_bytes, 2, 0x5a);
	assert_int_equal(check_head(f, len, 6, 12, lines, line_bytes, why),
			 -EBADMSG);
	free(f);
}

/*
 * A frame of one mode fails the other's check, and says which mode it
 * is: even a header frame over the full pattern of the same frame (a slot
 * that held it before), and one whose lines are the head words alone.
 */
static void test_wrong_mode_fails(void **state)
{
	const __u32 lines = 4, line_bytes = 64, words = line_bytes / 4;
	const __u32 len = lines * line_bytes;
	__u32 *full = frame_new(1, 9, lines, line_bytes);
	__u32 *head = gen_head_frame(1, 9, lines, line_bytes, 0);
	char why[ACQ_VERIFY_ERR_LEN];
	__u32 line;

	(void)state;
	assert_non_null(head);
	assert_int_equal(acq_verify_pattern(head, len, 1, 9, lines,
					    line_bytes, why, sizeof(why)),
			 -EBADMSG);
	assert_non_null(strstr(why, "a line of payload header"));
	assert_int_equal(check_head(full, len, 1, 9, lines, line_bytes, why),
			 -EBADMSG);
	assert_non_null(strstr(why, "a line of payload full"));
	/* The head written over a full frame of the same seq. */
	for (line = 0; line < lines; line++)
		gen_head_line(full + line * words, 1, 9, line);
	assert_int_equal(check(full, len, 1, 9, lines, line_bytes), -EBADMSG);
	assert_int_equal(check_head(full, len, 1, 9, lines, line_bytes, why),
			 0);
	free(full);
	free(head);
	/* Lines of 16 bytes: the head is all there is, the flag tells. */
	full = frame_new(0, 3, 2, 16);
	head = gen_head_frame(0, 3, 2, 16, 0);
	assert_non_null(head);
	assert_int_equal(check(head, 32, 0, 3, 2, 16), -EBADMSG);
	assert_int_equal(check_head(full, 32, 0, 3, 2, 16, why), -EBADMSG);
	free(full);
	free(head);
}

/* Feed @f as the next frame of @v, of channel v->channel. */
static int feed_frame(struct acq_verify *v, __u32 seq, __u32 len,
		      const __u32 *f)
{
	struct acq_ring_desc d = {
		.len = len, .seq = seq, .channel = v->channel,
	};

	return acq_verify_frame(v, &d, f);
}

/* The verifier of a channel checks frames by its payload mode. */
static void test_verify_by_payload(void **state)
{
	const __u32 lines = 2, line_bytes = 32, len = lines * line_bytes;
	__u32 *head = gen_head_frame(4, 0, lines, line_bytes, 0);
	__u32 *full = frame_new(4, 1, lines, line_bytes);
	__u32 *zeros = calloc(lines, line_bytes);
	struct acq_verify v;

	(void)state;
	assert_non_null(head);
	assert_non_null(zeros);
	acq_verify_init(&v, 4, lines, line_bytes);
	assert_int_equal(v.payload, ACQ_VERIFY_FULL);
	v.payload = ACQ_VERIFY_HEADER;
	assert_int_equal(feed_frame(&v, 0, len, head), 0);
	assert_int_equal(feed_frame(&v, 1, len, full), -EBADMSG);
	assert_non_null(strstr(v.last_error, "payload full"));
	/* Payload none: any bytes, but the seq and length still count. */
	acq_verify_init(&v, 4, lines, line_bytes);
	v.payload = ACQ_VERIFY_NONE;
	assert_int_equal(feed_frame(&v, 0, len, zeros), 0);
	assert_int_equal(feed_frame(&v, 1, len, full), 0);
	assert_int_equal(feed_frame(&v, 3, len, zeros), -EBADMSG);
	assert_non_null(strstr(v.last_error, "seq 3"));
	assert_int_equal(feed_frame(&v, 4, len - 8, zeros), -EBADMSG);
	assert_int_equal(feed_frame(&v, 5, len, NULL), -EBADMSG);
	assert_int_equal(v.frames, 5);
	assert_int_equal(v.failures, 3);
	/* A frame of payload none fails the other modes' checks. */
	acq_verify_init(&v, 4, lines, line_bytes);
	assert_int_equal(feed_frame(&v, 0, len, zeros), -EBADMSG);
	v.payload = ACQ_VERIFY_HEADER;
	assert_int_equal(feed_frame(&v, 1, len, zeros), -EBADMSG);
	free(zeros);
	free(full);
	free(head);
}

static void test_payload_names(void **state)
{
	static const char *const bad[] = { "", "Full", "headers", "no" };
	enum acq_verify_payload p = ACQ_VERIFY_NONE;
	unsigned int i;

	(void)state;
	assert_int_equal(acq_verify_payload_parse("full", &p), 0);
	assert_int_equal(p, ACQ_VERIFY_FULL);
	assert_int_equal(acq_verify_payload_parse("header", &p), 0);
	assert_int_equal(p, ACQ_VERIFY_HEADER);
	assert_int_equal(acq_verify_payload_parse("none", &p), 0);
	assert_int_equal(p, ACQ_VERIFY_NONE);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(acq_verify_payload_parse(bad[i], &p),
				 -EINVAL);
	assert_int_equal(p, ACQ_VERIFY_NONE);
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
		cmocka_unit_test(test_truncated_lines),
		cmocka_unit_test(test_head_good_frames),
		cmocka_unit_test(test_head_uapi),
		cmocka_unit_test(test_head_flipped_bits),
		cmocka_unit_test(test_head_tags),
		cmocka_unit_test(test_wrong_mode_fails),
		cmocka_unit_test(test_verify_by_payload),
		cmocka_unit_test(test_payload_names),
	};

	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
