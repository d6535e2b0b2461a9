/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acq_sim's payload for host tests, generated from the comment of
 * linux/acq_sim.h and not from the code that checks it (acqctl/verify.c).
 */
#ifndef _ACQ_TEST_SIM_PATTERN_H
#define _ACQ_TEST_SIM_PATTERN_H

#include <stdlib.h>
#include <linux/acq_sim.h>

/* One line as the header's comment describes it. */
static inline void gen_line(__u32 *w, __u32 words, __u32 ch, __u32 seq,
			    __u32 line)
{
	__u32 i, sum = 0;

	w[0] = seq;
	w[1] = line;
	w[2] = ch | ACQ_SIM_LINE_MAGIC << 16;
	for (i = 4; i < words; i++)
		w[i] = acq_sim_seed(ch, seq, line) + i * ACQ_SIM_STRIDE;
	/* Word 3 makes the line's words sum to zero. */
	for (i = 0; i < words; i++)
		if (i != 3)
			sum += w[i];
	w[3] = -sum;
}

/* A frame of @lines x @line_bytes, malloc()ed; NULL if out of memory. */
static inline __u32 *gen_frame(__u32 ch, __u32 seq, __u32 lines,
			       __u32 line_bytes)
{
	__u32 words = line_bytes / 4, line;
	__u32 *f = malloc((size_t)lines * line_bytes);

	if (!f)
		return NULL;
	for (line = 0; line < lines; line++)
		gen_line(f + (size_t)line * words, words, ch, seq, line);
	return f;
}

/*
 * A line of payload mode header, written over @w: words 0 to 3, with the
 * head-only flag in word 2 and word 3 making the four sum to zero; the
 * rest of the line is left as it was.
 */
static inline void gen_head_line(__u32 *w, __u32 ch, __u32 seq, __u32 line)
{
	w[0] = seq;
	w[1] = line;
	w[2] = ch | ACQ_SIM_LINE_HEAD_ONLY | ACQ_SIM_LINE_MAGIC << 16;
	w[3] = -(w[0] + w[1] + w[2]);
}

/*
 * A frame of payload mode header, malloc()ed, whose lines' other words
 * hold @fill; NULL if out of memory.
 */
static inline __u32 *gen_head_frame(__u32 ch, __u32 seq, __u32 lines,
				    __u32 line_bytes, __u32 fill)
{
	__u32 words = line_bytes / 4, line, i;
	__u32 *f = malloc((size_t)lines * line_bytes);

	if (!f)
		return NULL;
	for (i = 0; i < lines * words; i++)
		f[i] = fill;
	for (line = 0; line < lines; line++)
		gen_head_line(f + (size_t)line * words, ch, seq, line);
	return f;
}

#endif /* _ACQ_TEST_SIM_PATTERN_H */
