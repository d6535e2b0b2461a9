// SPDX-License-Identifier: GPL-2.0
/* Captured frames against acq_sim's payload; see verify.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/acq_sim.h>

#include "verify.h"

/* Frames sit in page-aligned slots, but a caller's buffer may not. */
static __u32 word_at(const unsigned char *p, __u32 i)
{
	__u32 w;

	memcpy(&w, p + (size_t)i * sizeof(w), sizeof(w));
	return w;
}

static int word_differs(__u32 line, __u32 i, __u32 w, __u32 want,
			char *why, size_t why_len)
{
	if (w == want)
		return 0;
	snprintf(why, why_len, "line %u word %u: %#010x, want %#010x", line,
		 i, w, want);
	return -EBADMSG;
}

/*
 * One line: the head words, the pattern words, and their sum; @tag is the
 * frame's, which every line carries.
 */
static int verify_line(const unsigned char *p, __u32 words, __u32 channel,
		       __u32 tag, __u32 seq, __u32 line, char *why,
		       size_t why_len)
{
	const __u32 head[3] = {
		seq, line, acq_sim_line_id(channel, tag),
	};
	__u32 i, w, want, sum = 0;

	for (i = 0; i < 3; i++) {
		w = word_at(p, i);
		sum += w;
		if (word_differs(line, i, w, head[i], why, why_len))
			return -EBADMSG;
	}
	/* Word 3, the checksum, is right when the line sums to 0. */
	sum += word_at(p, 3);
	want = acq_sim_seed(channel, seq, line) +
	       ACQ_SIM_LINE_HEAD_WORDS * ACQ_SIM_STRIDE;
	for (i = ACQ_SIM_LINE_HEAD_WORDS; i < words; i++) {
		w = word_at(p, i);
		sum += w;
		if (word_differs(line, i, w, want, why, why_len))
			return -EBADMSG;
		want += ACQ_SIM_STRIDE;
	}
	if (sum) {
		snprintf(why, why_len, "line %u: words sum to %#010x, not 0",
			 line, sum);
		return -EBADMSG;
	}
	return 0;
}

int acq_verify_pattern(const void *frame, __u32 len, __u32 channel,
		       __u32 seq, __u32 lines, __u32 line_bytes,
		       char *why, size_t why_len)
{
	const unsigned char *p = frame;
	__u32 line, tag;
	int err;

	if (line_bytes < ACQ_SIM_LINE_HEAD_WORDS * sizeof(__u32) ||
	    line_bytes % sizeof(__u32)) {
		snprintf(why, why_len, "lines of %u bytes hold no pattern",
			 line_bytes);
		return -EBADMSG;
	}
	if ((__u64)lines * line_bytes != len) {
		snprintf(why, why_len, "%u bytes, want %u x %u", len, lines,
			 line_bytes);
		return -EBADMSG;
	}
	/* Whatever the channel's tag register held; a whole frame holds one. */
	tag = lines ? acq_sim_line_tag(word_at(p, 2)) : 0;
	for (line = 0; line < lines; line++) {
		err = verify_line(p + (size_t)line * line_bytes,
				  line_bytes / sizeof(__u32), channel, tag,
				  seq, line, why, why_len);
		if (err)
			return err;
	}
	return 0;
}

void acq_verify_init(struct acq_verify *v, __u32 channel, __u32 lines,
		     __u32 line_bytes)
{
	memset(v, 0, sizeof(*v));
	v->channel = channel;
	v->lines = lines;
	v->line_bytes = line_bytes;
}

/*
 * The frame's seq must be the one due after the channel's last frame and
 * the frames its descriptor says were dropped in between. Seqs are 32-bit
 * and wrap; next_seq counts on in 64 bits, so that it stays the number of
 * frames the channel produced up to this one. A mismatch resynchronises
 * it (by the nearer way round), so that one gap is one failure.
 */
static int verify_seq(struct acq_verify *v, const struct acq_ring_desc *desc)
{
	__u32 want = (__u32)(v->next_seq + desc->dropped);

	v->dropped += desc->dropped;
	v->next_seq += (__s64)(__s32)(desc->seq - (__u32)v->next_seq) + 1;
	if (desc->seq == want)
		return 0;
	snprintf(v->last_error, sizeof(v->last_error),
		 "seq %u, want %u (%u dropped before it)", desc->seq, want,
		 desc->dropped);
	return -EBADMSG;
}

int acq_verify_frame(struct acq_verify *v, const struct acq_ring_desc *desc,
		     const void *frame)
{
	int err;

	v->frames++;
	err = verify_seq(v, desc);
	if (err)
		goto fail;
	err = -EBADMSG;
	if (desc->channel != v->channel) {
		snprintf(v->last_error, sizeof(v->last_error),
			 "a frame of channel %u", desc->channel);
		goto fail;
	}
	if (!frame) {
		snprintf(v->last_error, sizeof(v->last_error),
			 "frame at %llu (%u bytes) outside the ring",
			 (unsigned long long)desc->offset, desc->len);
		goto fail;
	}
	if (desc->flags & (ACQ_DESC_F_ERROR | ACQ_DESC_F_TRUNCATED)) {
		v->flagged++;
		return 0;
	}
	err = acq_verify_pattern(frame, desc->len, v->channel, desc->seq,
				 v->lines, v->line_bytes, v->last_error,
				 sizeof(v->last_error));
	if (err)
		goto fail;
	return 0;

fail:
	v->failures++;
	return err;
}
