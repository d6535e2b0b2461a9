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
 * Words 0 to 2 of a line, @id its word 2, added to @sum. A word 2 that
 * differs only by ACQ_SIM_LINE_HEAD_ONLY is a line of the other payload
 * mode: said so, since that is what the user has to change.
 */
static int verify_head_words(const unsigned char *p, __u32 id, __u32 seq,
			     __u32 line, __u32 *sum, char *why,
			     size_t why_len)
{
	const __u32 head[3] = { seq, line, id };
	__u32 i, w;

	for (i = 0; i < 3; i++) {
		w = word_at(p, i);
		*sum += w;
		if (i == 2 && (w ^ id) == ACQ_SIM_LINE_HEAD_ONLY) {
			snprintf(why, why_len,
				 "line %u word 2: %#010x, want %#010x: a line of payload %s",
				 line, w, id,
				 w & ACQ_SIM_LINE_HEAD_ONLY ? "header" : "full");
			return -EBADMSG;
		}
		if (word_differs(line, i, w, head[i], why, why_len))
			return -EBADMSG;
	}
	/* Word 3, the checksum, is right when the words sum to 0. */
	*sum += word_at(p, 3);
	return 0;
}

static int sum_differs(__u32 line, __u32 sum, char *why, size_t why_len)
{
	if (!sum)
		return 0;
	snprintf(why, why_len, "line %u: words sum to %#010x, not 0", line,
		 sum);
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
	__u32 i, w, want, sum = 0;

	if (verify_head_words(p, acq_sim_line_id(channel, tag), seq, line,
			      &sum, why, why_len))
		return -EBADMSG;
	want = acq_sim_seed(channel, seq, line) +
	       ACQ_SIM_LINE_HEAD_WORDS * ACQ_SIM_STRIDE;
	for (i = ACQ_SIM_LINE_HEAD_WORDS; i < words; i++) {
		w = word_at(p, i);
		sum += w;
		if (word_differs(line, i, w, want, why, why_len))
			return -EBADMSG;
		want += ACQ_SIM_STRIDE;
	}
	return sum_differs(line, sum, why, why_len);
}

/* One line of payload mode header: its head words, which sum to 0. */
static int verify_head_line(const unsigned char *p, __u32 words,
			    __u32 channel, __u32 tag, __u32 seq, __u32 line,
			    char *why, size_t why_len)
{
	__u32 sum = 0;

	(void)words;
	if (verify_head_words(p, acq_sim_head_id(channel, tag), seq, line,
			      &sum, why, why_len))
		return -EBADMSG;
	return sum_differs(line, sum, why, why_len);
}

/* @len bytes must be @lines lines of @line_bytes that can hold a pattern. */
static int verify_geometry(__u32 len, __u32 lines, __u32 line_bytes,
			   char *why, size_t why_len)
{
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
	return 0;
}

typedef int verify_line_fn(const unsigned char *p, __u32 words,
			   __u32 channel, __u32 tag, __u32 seq, __u32 line,
			   char *why, size_t why_len);

/* Every line of a frame by @verify_one. */
static int verify_lines(verify_line_fn *verify_one, const void *frame,
			__u32 len, __u32 channel, __u32 seq, __u32 lines,
			__u32 line_bytes, char *why, size_t why_len)
{
	const unsigned char *p = frame;
	__u32 line, tag;
	int err;

	err = verify_geometry(len, lines, line_bytes, why, why_len);
	if (err)
		return err;
	/* Whatever the channel's tag register held; a whole frame holds one. */
	tag = lines ? acq_sim_line_tag(word_at(p, 2)) : 0;
	for (line = 0; line < lines; line++) {
		err = verify_one(p + (size_t)line * line_bytes,
				 line_bytes / sizeof(__u32), channel, tag,
				 seq, line, why, why_len);
		if (err)
			return err;
	}
	return 0;
}

int acq_verify_pattern(const void *frame, __u32 len, __u32 channel,
		       __u32 seq, __u32 lines, __u32 line_bytes,
		       char *why, size_t why_len)
{
	return verify_lines(verify_line, frame, len, channel, seq, lines,
			    line_bytes, why, why_len);
}

int acq_verify_head(const void *frame, __u32 len, __u32 channel, __u32 seq,
		    __u32 lines, __u32 line_bytes, char *why, size_t why_len)
{
	return verify_lines(verify_head_line, frame, len, channel, seq, lines,
			    line_bytes, why, why_len);
}

int acq_verify_payload_parse(const char *name,
			     enum acq_verify_payload *payload)
{
	static const char *const names[] = {
		[ACQ_VERIFY_FULL]	= "full",
		[ACQ_VERIFY_HEADER]	= "header",
		[ACQ_VERIFY_NONE]	= "none",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*payload = i;
			return 0;
		}
	}
	return -EINVAL;
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

/* The frame's bytes, as much of them as the device wrote. */
static int verify_payload(struct acq_verify *v,
			  const struct acq_ring_desc *desc, const void *frame)
{
	char *why = v->last_error;
	size_t why_len = sizeof(v->last_error);

	switch (v->payload) {
	case ACQ_VERIFY_FULL:
		return acq_verify_pattern(frame, desc->len, v->channel,
					  desc->seq, v->lines, v->line_bytes,
					  why, why_len);
	case ACQ_VERIFY_HEADER:
		return acq_verify_head(frame, desc->len, v->channel, desc->seq,
				       v->lines, v->line_bytes, why, why_len);
	case ACQ_VERIFY_NONE:
		break;
	}
	return verify_geometry(desc->len, v->lines, v->line_bytes, why,
			       why_len);
}

/*
 * A frame flagged truncated and nothing else is the device's, only
 * shorter than configured: its whole lines are checked as a frame's are
 * (a last line cut short is not: its checksum covers words it lacks).
 * One flagged an error may hold anything.
 */
static int verify_truncated(struct acq_verify *v,
			    const struct acq_ring_desc *desc,
			    const void *frame)
{
	__u32 lines = v->line_bytes ? desc->len / v->line_bytes : 0;
	char *why = v->last_error;
	size_t why_len = sizeof(v->last_error);

	if (desc->flags & ACQ_DESC_F_ERROR)
		return 0;
	if (lines > v->lines)
		lines = v->lines;
	switch (v->payload) {
	case ACQ_VERIFY_FULL:
		return acq_verify_pattern(frame, lines * v->line_bytes,
					  v->channel, desc->seq, lines,
					  v->line_bytes, why, why_len);
	case ACQ_VERIFY_HEADER:
		return acq_verify_head(frame, lines * v->line_bytes,
				       v->channel, desc->seq, lines,
				       v->line_bytes, why, why_len);
	case ACQ_VERIFY_NONE:
		break;
	}
	return 0;
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
		err = verify_truncated(v, desc, frame);
		if (err)
			goto fail;
		return 0;
	}
	err = verify_payload(v, desc, frame);
	if (err)
		goto fail;
	return 0;

fail:
	v->failures++;
	return err;
}
