/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acqctl capture: its options (capture_args.c), the capture itself
 * (capture.c), what it does with each frame (capture_frame.c) and its
 * report (capture_report.c). All but capture.c need no kernel and are
 * unit-tested.
 */
#ifndef _ACQCTL_CAPTURE_H
#define _ACQCTL_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <acq/acqctl.h>
#include <acq/ring.h>

#include "verify.h"

#define CAPTURE_DEFAULT_SECONDS	3.0

struct capture_opts {
	__u32 dev_id;
	__u64 channels;		/* --channel bits; 0: those enabled now */
	__u64 frames;		/* --frames; 0: stop on time */
	double seconds;		/* --seconds, or the default */
	const char *output;	/* --output FILE, or NULL */
	__u32 ring_size;	/* --ring-size; 0: the kernel's default */
	__u32 slot_size;	/* --slot-size; 0: the kernel's default */
	__u32 wake_frames;	/* --wake-frames; 0: the kernel's default */
	__u32 wake_usecs;	/* --wake-usecs; 0: the kernel's default */
	bool need_wakeup;	/* --need-wakeup */
	bool busy_poll;		/* --busy-poll: spin, no eventfd, no signal */
	bool verify;
	enum acq_verify_payload payload;	/* --payload, for --verify */
	bool quiet;
};

/*
 * Read capture's arguments (the words after "capture") into @o. Returns 0,
 * or -EINVAL with what was wrong in @why.
 */
int capture_parse(int argc, char **argv, struct capture_opts *o, char *why,
		  size_t why_len);

/* One captured channel. */
struct capture_chan {
	struct capture *cap;
	struct acq_chan_info info;
	struct acq_verify verify;
	__u64 frames;
	__u64 bytes;
	__u64 dropped;		/* as the descriptors reported them */
	__u64 errors;		/* flagged ACQ_DESC_F_ERROR */
	__u64 truncated;	/* flagged ACQ_DESC_F_TRUNCATED */
	__u64 kernel_dropped;	/* the kernel's count, over the capture */
};

/*
 * The frame last handed to capture_frame(), counted and verified but not
 * yet trusted: confirmed once the dispatch goes on past it, taken back if
 * it says the frame was lost to a removal.
 */
struct capture_pending {
	struct capture_chan *chan;	/* NULL: none */
	struct acq_ring_desc desc;
	struct acq_verify verify;	/* the channel's, before this frame */
	bool failed;			/* it failed verification */
	unsigned char *copy;		/* its bytes, with --output */
	size_t copy_size;
};

struct capture {
	const struct capture_opts *opts;
	__u32 nr_channels;	/* the device's */
	__u64 captured;		/* bits of the channels captured */
	struct capture_chan chan[ACQ_MAX_CHANNELS];
	struct acq_frame_handler handlers[ACQ_MAX_CHANNELS];
	FILE *out;
	int out_err;		/* why writing it failed, or 0 */
	struct timespec start;
	double seconds;		/* from the start to the stop */
	/* Our CPU time from the start to the stop: what consuming costs. */
	struct rusage ru_start;
	double cpu_user, cpu_sys;
	__u64 frames;
	__u64 bytes;
	__u64 failures;		/* frames that failed verification */
	int progress_len;	/* of the live line on the terminal, or 0 */
	struct capture_pending pending;
	int gone;		/* -ENODEV or -ENOLINK: the ring went away */
	__u64 lost;		/* frames being read when it did: 0 or 1 */
	struct acq_ring_desc lost_desc;
};

/* capture_frame.c */
int capture_frame(const struct acq_ring_desc *desc, const void *frame,
		  void *arg);
int capture_handlers_init(struct capture *cap);
/*
 * The pending frame was read whole: tell its verification failure, write
 * it. 0, or the output's error (also in cap->out_err).
 */
int capture_confirm(struct capture *cap);
/* The pending frame was lost to a removal: as if it never came. */
void capture_lost(struct capture *cap);
/*
 * Up to @max frames of @ring through the handlers (@keep false: released
 * unread), then the last one confirmed or taken back. Returns the
 * frames consumed, or -errno: the dispatch's, or the output's error.
 */
int capture_dispatch(struct capture *cap, struct acq_ring *ring, bool keep,
		     unsigned int max);
void capture_frames_free(struct capture *cap);

/* capture_report.c */
double capture_elapsed(const struct capture *cap);
void capture_progress(struct capture *cap);
void capture_progress_clear(struct capture *cap);
void capture_cpu_stop(struct capture *cap);
void capture_report(const struct capture *cap);

#endif /* _ACQCTL_CAPTURE_H */
