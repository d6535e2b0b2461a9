/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The payload the test backends (acq_sim, acq_edu) put into frames: the
 * pattern of uapi/linux/acq_sim.h, which acqctl capture --verify checks,
 * whole or (acq_sim's payload mode header) its head words only.
 */
#ifndef _ACQ_PATTERN_H
#define _ACQ_PATTERN_H

#include <linux/types.h>
#include <uapi/linux/acq_sim.h>

/*
 * Bytes @off to @off + @len of frame @seq of channel @channel, tagged @tag,
 * in lines of @line_bytes, into @dst: a device fills a frame by pieces
 * that need not start or end at a line. @off and @len are multiples of 4.
 */
static inline void acq_pattern_fill(void *dst, u32 channel, u32 tag, u32 seq,
				    u32 line_bytes, u32 off, u32 len)
{
	u32 words = line_bytes / sizeof(u32);
	u32 line = off / line_bytes, i = off % line_bytes / sizeof(u32);
	u32 *w = dst, *end = w + len / sizeof(u32);
	u32 head[ACQ_SIM_LINE_HEAD_WORDS], v;

	for (; w < end; line++, i = 0) {
		head[0] = seq;
		head[1] = line;
		head[2] = acq_sim_line_id(channel, tag);
		head[3] = acq_sim_checksum_tag(channel, tag, seq, line, words);
		for (; i < ACQ_SIM_LINE_HEAD_WORDS && w < end; i++)
			*w++ = head[i];
		v = acq_sim_seed(channel, seq, line) + i * ACQ_SIM_STRIDE;
		for (; i < words && w < end; i++, v += ACQ_SIM_STRIDE)
			*w++ = v;
	}
}

/*
 * The head words alone of lines @line to @line + @n - 1 of frame @seq of
 * channel @channel, tagged @tag, in lines of @line_bytes, at @frame (the
 * frame's start): acq_sim's payload mode header. Four stores a line,
 * whatever its length: the rest of the line is left as it is.
 */
static inline void acq_pattern_fill_head(void *frame, u32 channel, u32 tag,
					 u32 seq, u32 line_bytes, u32 line,
					 u32 n)
{
	u32 id = acq_sim_head_id(channel, tag);
	u32 *w = frame + (size_t)line * line_bytes;
	u32 end = line + n;

	for (; line < end; line++, w += line_bytes / sizeof(u32)) {
		w[0] = seq;
		w[1] = line;
		w[2] = id;
		w[3] = acq_sim_head_checksum(channel, tag, seq, line);
	}
}

#endif /* _ACQ_PATTERN_H */
