// SPDX-License-Identifier: GPL-2.0
/* The payload acq_sim "DMAs": the pattern of uapi/linux/acq_sim.h. */
#include <uapi/linux/acq_sim.h>

#include "acq_sim.h"

void acq_sim_fill_line(void *dst, u32 channel, u32 tag, u32 seq, u32 line,
		       u32 bytes)
{
	u32 words = bytes / sizeof(u32);
	u32 v, i, *w = dst;

	w[0] = seq;
	w[1] = line;
	w[2] = acq_sim_line_id(channel, tag);
	w[3] = acq_sim_checksum_tag(channel, tag, seq, line, words);
	v = acq_sim_seed(channel, seq, line) +
		ACQ_SIM_LINE_HEAD_WORDS * ACQ_SIM_STRIDE;
	for (i = ACQ_SIM_LINE_HEAD_WORDS; i < words; i++, v += ACQ_SIM_STRIDE)
		w[i] = v;
}
