/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checking captured frames against acq_sim's payload (linux/acq_sim.h):
 * every word of every line, the frame's length, and per channel that no
 * frame is missing without its descriptor saying so. Shared by acqctl
 * capture --verify and the guest tests.
 *
 * acq_sim writes less when its payload mode says so: then only what it
 * wrote is checked, and a frame of another mode fails (a line's word 2
 * says which it is).
 */
#ifndef _ACQCTL_VERIFY_H
#define _ACQCTL_VERIFY_H

#include <stddef.h>
#include <linux/types.h>
#include <linux/acq_ring.h>

#define ACQ_VERIFY_ERR_LEN	128

/* What the frames hold: acq_sim's payload mode (debugfs acq_simN/payload). */
enum acq_verify_payload {
	ACQ_VERIFY_FULL,	/* every word of every line */
	ACQ_VERIFY_HEADER,	/* each line's head words; the rest unchecked */
	ACQ_VERIFY_NONE,	/* nothing: the descriptors alone are checked */
};

/* One channel's verifier: its geometry, its counters, its last failure. */
struct acq_verify {
	__u32 channel;
	__u32 lines;
	__u32 line_bytes;
	enum acq_verify_payload payload;	/* full unless set after init */
	__u64 next_seq;		/* the seq due next, were nothing dropped */
	__u64 frames;		/* frames checked */
	__u64 failures;		/* of them, frames that failed */
	__u64 flagged;		/* of them, flagged error or truncated */
	__u64 dropped;		/* sum of the descriptors' dropped */
	char last_error[ACQ_VERIFY_ERR_LEN];
};

/* Set up @v for frames of @lines x @line_bytes on @channel, from seq 0. */
void acq_verify_init(struct acq_verify *v, __u32 channel, __u32 lines,
		     __u32 line_bytes);

/*
 * Check the next frame of the channel: @desc is its descriptor, @frame its
 * data (NULL when acq_ring_frame() found it outside the ring), its bytes
 * checked as v->payload says. Counts it, its drops and, if it failed, the
 * failure. A frame flagged
 * ACQ_DESC_F_ERROR or ACQ_DESC_F_TRUNCATED is the device's own admission:
 * its seq and channel are checked, and it is counted flagged; the bytes
 * of an error frame are not, a truncated one's whole lines are. Returns
 * 0, or -EBADMSG with the reason in v->last_error.
 */
int acq_verify_frame(struct acq_verify *v, const struct acq_ring_desc *desc,
		     const void *frame);

/*
 * The payload mode named @name ("full", "header", "none") into @payload.
 * Returns 0, or -EINVAL for a name that is none of them.
 */
int acq_verify_payload_parse(const char *name,
			     enum acq_verify_payload *payload);

/*
 * The pattern alone: @len bytes at @frame hold @lines lines of @line_bytes
 * of @channel's frame @seq. Returns 0, or -EBADMSG with the first
 * difference described in @why (of @why_len bytes).
 */
int acq_verify_pattern(const void *frame, __u32 len, __u32 channel,
		       __u32 seq, __u32 lines, __u32 line_bytes,
		       char *why, size_t why_len);

/* The same for payload mode header: each line's head words alone. */
int acq_verify_head(const void *frame, __u32 len, __u32 channel, __u32 seq,
		    __u32 lines, __u32 line_bytes, char *why, size_t why_len);

#endif /* _ACQCTL_VERIFY_H */
