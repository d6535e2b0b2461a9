// SPDX-License-Identifier: GPL-2.0
/*
 * What acqctl capture does with each frame, in acq_ring_dispatch()'s
 * callback: count it, verify it (--verify), write it (--output).
 *
 * A frame is the device's only once the dispatch has found, after the
 * callback, that the ring was still there: a removal or a detach turns
 * the frames to zeros under their reader, and acq_ring_dispatch_result()
 * then says the frame was lost. So the callback stages the frame (counts
 * it, verifies it, copies it for the file: what is written is what was
 * verified), and the next callback or the dispatch's return confirms it
 * (its verdict told, its bytes written) or takes it back. The file never
 * holds a frame read while the device went away.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acqctl.h"
#include "capture.h"

/* Verification failures told one by one; the rest are counted. */
#define CAPTURE_FAILURES_SHOWN	10

/*
 * Frames the device flagged are counted apart: not verification failures
 * (the device said they are not good), not good frames either.
 */
static void capture_count_flags(struct capture_chan *c,
				const struct acq_ring_desc *desc, int n)
{
	if (desc->flags & ACQ_DESC_F_ERROR)
		c->errors += n;
	if (desc->flags & ACQ_DESC_F_TRUNCATED)
		c->truncated += n;
}

int capture_frame(const struct acq_ring_desc *desc, const void *frame,
		  void *arg)
{
	struct capture_chan *c = arg;
	struct capture *cap = c->cap;
	struct capture_pending *p = &cap->pending;
	void *copy;
	int err;

	/* Called again by the dispatch: the frame before was read whole. */
	err = capture_confirm(cap);
	if (err)
		return err;
	if (cap->out) {
		if (desc->len > p->copy_size) {
			copy = realloc(p->copy, desc->len);
			if (!copy)
				return -ENOMEM;
			p->copy = copy;
			p->copy_size = desc->len;
		}
		memcpy(p->copy, frame, desc->len);
		frame = p->copy;
	}
	p->chan = c;
	p->desc = *desc;
	p->verify = c->verify;
	c->frames++;
	c->bytes += desc->len;
	c->dropped += desc->dropped;
	capture_count_flags(c, desc, 1);
	cap->frames++;
	cap->bytes += desc->len;
	p->failed = cap->opts->verify &&
		    acq_verify_frame(&c->verify, desc, frame);
	if (p->failed)
		cap->failures++;
	return 0;
}

int capture_confirm(struct capture *cap)
{
	struct capture_pending *p = &cap->pending;
	struct capture_chan *c = p->chan;

	if (!c)
		return 0;
	p->chan = NULL;
	/* cap->failures counts this one last: it is the nth. */
	if (p->failed && cap->failures <= CAPTURE_FAILURES_SHOWN) {
		/* Not in the middle of the live line. */
		capture_progress_clear(cap);
		fprintf(stderr, "acqctl: acq%u channel %u seq %u: %s\n",
			cap->opts->dev_id, p->desc.channel, p->desc.seq,
			c->verify.last_error);
	}
	/* The file format: each frame's descriptor, then its bytes. */
	if (cap->out &&
	    (fwrite(&p->desc, sizeof(p->desc), 1, cap->out) != 1 ||
	     fwrite(p->copy, 1, p->desc.len, cap->out) != p->desc.len)) {
		cap->out_err = errno ? -errno : -EIO;
		return cap->out_err;
	}
	return 0;
}

void capture_lost(struct capture *cap)
{
	struct capture_pending *p = &cap->pending;
	struct capture_chan *c = p->chan;

	if (!c)
		return;
	p->chan = NULL;
	c->frames--;
	c->bytes -= p->desc.len;
	c->dropped -= p->desc.dropped;
	capture_count_flags(c, &p->desc, -1);
	cap->frames--;
	cap->bytes -= p->desc.len;
	if (p->failed)
		cap->failures--;
	/* As if it never came: the verifier's seq and counters too. */
	c->verify = p->verify;
	cap->lost++;
	cap->lost_desc = p->desc;
}

int capture_dispatch(struct capture *cap, struct acq_ring *ring, bool keep,
		     unsigned int max)
{
	struct acq_dispatch_result res;
	int n, err;

	n = acq_ring_dispatch_result(ring, keep ? cap->handlers : NULL,
				     keep ? cap->nr_channels : 0, max, &res,
				     sizeof(res));
	if (res.lost) {
		capture_lost(cap);
		return n;
	}
	/* The last frame is confirmed even when the dispatch failed after it. */
	err = capture_confirm(cap);
	if (n < 0)
		return n;
	return err ? err : n;
}

void capture_frames_free(struct capture *cap)
{
	free(cap->pending.copy);
	cap->pending.copy = NULL;
	cap->pending.copy_size = 0;
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
		c->verify.payload = cap->opts->payload;
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
