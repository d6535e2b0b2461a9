/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The payload of acq_sim, the simulated capture device: a pattern a
 * consumer can verify to the last byte, so that a test proves every frame
 * arrived whole, in its place, and unchanged.
 *
 * A frame is lines * line_bytes bytes; every line is line_bytes / 4 __u32
 * words in host byte order:
 *   word 0  the frame's sequence number (struct acq_ring_desc.seq)
 *   word 1  the line number within the frame
 *   word 2  channel | tag << 8 | ACQ_SIM_LINE_MAGIC << 16
 *   word 3  checksum: chosen so that the words of the line sum to zero
 *   word i  acq_sim_seed(channel, seq, line) + i * ACQ_SIM_STRIDE, i >= 4
 * The tag is the low byte of the channel's tag register, which the device
 * reads as each frame begins: the same in every line of a frame.
 *
 * The device writes that whole pattern unless an administrator set its
 * payload mode (debugfs acq_sim/acq_simN/payload) to write less, so that a
 * benchmark can measure the ring apart from the device's fill:
 *   full    every word of every line, as above (the default)
 *   header  only words 0 to 3 of each line; word 2 also holds
 *           ACQ_SIM_LINE_HEAD_ONLY, and word 3 makes those four words sum
 *           to zero (acq_sim_head_checksum()), as if the line ended there.
 *           Words 4 and on hold whatever the slot held before.
 *   none    nothing: each frame's bytes are whatever its slot held before.
 * A mode written while the device is started takes effect at its next
 * start: a capture never sees frames of two modes.
 *
 * Registers: window 0 is one page of __u32 registers that user space
 * writes and the device reads (ACQ_SIM_REG_*); window 1 one page, read
 * only, where the device tells what it read (ACQ_SIM_STATUS_*). Byte
 * offsets into each window.
 */
#ifndef _UAPI_LINUX_ACQ_SIM_H
#define _UAPI_LINUX_ACQ_SIM_H

#include <linux/types.h>

#define ACQ_SIM_LINE_MAGIC	0xac51U
#define ACQ_SIM_LINE_HEAD_WORDS	4
#define ACQ_SIM_STRIDE		0x9e3779b9U
#define ACQ_SIM_LINE_TAG_SHIFT	8
#define ACQ_SIM_LINE_TAG_MASK	0xffU
/* In word 2 of a line of payload mode header: channels are below 64. */
#define ACQ_SIM_LINE_HEAD_ONLY	0x80U

/* Window 0: free for user space, the device keeps what it holds. */
#define ACQ_SIM_REG_SCRATCH(n)	(0x000 + 4 * (n))	/* n < 64 */
/* Window 0: the tag of channel @ch's frames, read at each frame's start. */
#define ACQ_SIM_REG_TAG(ch)	(0x100 + 4 * (ch))	/* ch < 64 */

/*
 * Window 1: channel @ch's frames begun (dropped ones too: the device
 * reads the tag before it learns there is no slot), and the tag the last
 * one read.
 */
#define ACQ_SIM_STATUS_FRAMES(ch)	(0x000 + 8 * (ch))
#define ACQ_SIM_STATUS_TAG(ch)		(0x004 + 8 * (ch))

/* Word 2 of a line of channel @channel's frame tagged @tag. */
static inline __u32 acq_sim_line_id(__u32 channel, __u32 tag)
{
	return channel | ACQ_SIM_LINE_MAGIC << 16 |
	       (tag & ACQ_SIM_LINE_TAG_MASK) << ACQ_SIM_LINE_TAG_SHIFT;
}

/* The tag in word 2 of a line. */
static inline __u32 acq_sim_line_tag(__u32 word2)
{
	return word2 >> ACQ_SIM_LINE_TAG_SHIFT & ACQ_SIM_LINE_TAG_MASK;
}

static inline __u32 acq_sim_seed(__u32 channel, __u32 seq, __u32 line)
{
	return (channel * 0x85ebca77U) ^ (seq * 0xc2b2ae3dU) ^
	       (line * 0x27d4eb2fU) ^ 0x165667b1U;
}

/*
 * Word 3 of a line of @words words of a frame tagged @tag: minus the sum of every other word. The
 * pattern words sum to (n * seed + stride * (4 + ... + words - 1)), n being
 * their number, in __u32 arithmetic.
 */
static inline __u32 acq_sim_checksum_tag(__u32 channel, __u32 tag,
					 __u32 seq, __u32 line, __u32 words)
{
	__u32 n = words - ACQ_SIM_LINE_HEAD_WORDS;
	__u64 idx_sum = (__u64)words * (words - 1) / 2 - (0 + 1 + 2 + 3);
	__u32 sum;

	sum = seq + line + acq_sim_line_id(channel, tag);
	sum += n * acq_sim_seed(channel, seq, line);
	sum += (__u32)idx_sum * ACQ_SIM_STRIDE;
	return -sum;
}

/* The same, for a frame tagged 0: the payload before tags were. */
static inline __u32 acq_sim_checksum(__u32 channel, __u32 seq, __u32 line,
				     __u32 words)
{
	return acq_sim_checksum_tag(channel, 0, seq, line, words);
}

/* Word 2 of a line of payload mode header. */
static inline __u32 acq_sim_head_id(__u32 channel, __u32 tag)
{
	return acq_sim_line_id(channel, tag) | ACQ_SIM_LINE_HEAD_ONLY;
}

/* Word 3 of a line of payload mode header: words 0 to 3 sum to zero. */
static inline __u32 acq_sim_head_checksum(__u32 channel, __u32 tag,
					  __u32 seq, __u32 line)
{
	return -(seq + line + acq_sim_head_id(channel, tag));
}

#endif /* _UAPI_LINUX_ACQ_SIM_H */
