/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A capture of a device of three channels, fed frames of acq_sim's
 * payload by hand: for the tests of capture_frame.c and
 * capture_report.c. Include after cmocka.h and capture.h.
 */
#ifndef _TESTS_CAPTURE_FEED_H
#define _TESTS_CAPTURE_FEED_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim_pattern.h"

#define LINES		2
#define LINE_BYTES	32
#define FRAME_BYTES	(LINES * LINE_BYTES)

/* A device of three channels, 0 and 2 enabled. */
static inline void cap_init(struct capture *cap, struct capture_opts *o)
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

/*
 * Hand capture_frame() channel @ch's frame @seq, its descriptor flagged
 * @flags (ACQ_DESC_F_*); @corrupt flips a bit.
 */
static inline int feed_flagged(struct capture *cap, __u32 ch, __u32 seq,
			       __u32 dropped, __u16 flags, bool corrupt)
{
	struct acq_ring_desc d = {
		.timestamp_ns = 1000 + seq, .offset = 4096 * ch,
		.len = FRAME_BYTES, .seq = seq, .dropped = dropped,
		.channel = ch, .flags = flags,
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

static inline int feed(struct capture *cap, __u32 ch, __u32 seq,
		       __u32 dropped, bool corrupt)
{
	return feed_flagged(cap, ch, seq, dropped, 0, corrupt);
}

#endif /* _TESTS_CAPTURE_FEED_H */
