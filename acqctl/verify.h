/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checking captured frames against acq_sim's payload (linux/acq_sim.h):
 * every word of every line, the frame's length, and per channel that no
 * frame is missing without its descriptor saying so. Shared by acqctl
 * capture --verify and the guest tests.
 */
#ifndef _ACQCTL_VERIFY_H
#define _ACQCTL_VERIFY_H

#include <stddef.h>
#include <linux/types.h>
#include <linux/acq_ring.h>

#define ACQ_VERIFY_ERR_LEN	128

/* One channel's verifier: its geometry, its counters, its last failure. */
struct acq_verify {
	__u32 channel;
	__u32 lines;
	__u32 line_bytes;
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
 * data (NULL when acq_ring_frame() found it outside the ring). Counts it,
 * its drops and, if it failed, the failure. A frame flagged
 * ACQ_DESC_F_ERROR or ACQ_DESC_F_TRUNCATED is the device's own admission:
 * its seq and channel are checked, its bytes are not, and it is counted
 * flagged. Returns 0, or -EBADMSG with the reason in v->last_error.
 */
int acq_verify_frame(struct acq_verify *v, const struct acq_ring_desc *desc,
		     const void *frame);

/*
 * The pattern alone: @len bytes at @frame hold @lines lines of @line_bytes
 * of @channel's frame @seq. Returns 0, or -EBADMSG with the first
 * difference described in @why (of @why_len bytes).
 */
int acq_verify_pattern(const void *frame, __u32 len, __u32 channel,
		       __u32 seq, __u32 lines, __u32 line_bytes,
		       char *why, size_t why_len);

#endif /* _ACQCTL_VERIFY_H */
