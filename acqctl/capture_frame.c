// SPDX-License-Identifier: GPL-2.0
/*
 * What acqctl capture does with each frame, in acq_ring_dispatch()'s
 * callback: count it, verify it (--verify), write it (--output).
 */
#include <errno.h>
#include <stdio.h>

#include "acqctl.h"
#include "capture.h"

/* Verification failures told one by one; the rest are counted. */
#define CAPTURE_FAILURES_SHOWN	10

int capture_frame(const struct acq_ring_desc *desc, const void *frame,
		  void *arg)
{
	struct capture_chan *c = arg;
	struct capture *cap = c->cap;

	c->frames++;
	c->bytes += desc->len;
	c->dropped += desc->dropped;
	cap->frames++;
	cap->bytes += desc->len;
	if (cap->opts->verify && acq_verify_frame(&c->verify, desc, frame)) {
		if (cap->failures++ < CAPTURE_FAILURES_SHOWN) {
			/* Not in the middle of the live line. */
			capture_progress_clear(cap);
			fprintf(stderr, "acqctl: acq%u channel %u seq %u: %s\n",
				cap->opts->dev_id, desc->channel, desc->seq,
				c->verify.last_error);
		}
	}
	/* The file format: each frame's descriptor, then its bytes. */
	if (cap->out &&
	    (fwrite(desc, sizeof(*desc), 1, cap->out) != 1 ||
	     fwrite(frame, 1, desc->len, cap->out) != desc->len)) {
		cap->out_err = -(errno ?: EIO);
		return cap->out_err;
	}
	return 0;
}

/*
 * A handler, with its verifier, for every enabled channel of cap->chan[].
 * Returns the exit code: a failure, with a message, when none is enabled.
 */
int capture_handlers_init(struct capture *cap)
{
	struct capture_chan *c;
	__u32 ch;

	for (ch = 0; ch < cap->nr_channels; ch++) {
		c = &cap->chan[ch];
		if (!c->info.enabled)
			continue;
		c->cap = cap;
		acq_verify_init(&c->verify, ch, c->info.lines,
				c->info.line_bytes);
		cap->handlers[ch].cb = capture_frame;
		cap->handlers[ch].arg = c;
		cap->captured |= 1ULL << ch;
	}
	if (cap->captured)
		return ACQCTL_EXIT_OK;
	fprintf(stderr, "acqctl: acq%u has no channel enabled: use --channel\n",
		cap->opts->dev_id);
	return ACQCTL_EXIT_FAIL;
}
