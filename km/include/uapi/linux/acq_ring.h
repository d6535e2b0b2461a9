/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The acq frame ring: the shared-memory ABI between the acq core (the
 * producer, in the kernel) and one consuming process, mapped from /dev/acqN.
 *
 * The mapping has three regions; every offset and size is read from the
 * header, which is mapped first at ACQ_RING_OFF_HEADER:
 *   header       geometry, the two indices, counters (one page); the only
 *                region that may be mapped writable
 *   descriptors  header.desc_count struct acq_ring_desc at header.desc_offset,
 *                mapped read-only
 *   frames       header.desc_count slots of header.slot_size bytes at
 *                header.buf_offset, mapped read-only
 * Mappings are MAP_SHARED, by the file the ring was attached with only, and
 * are not inherited across fork().
 *
 * Protocol: one producer, one consumer, free-running __u32 indices; index i
 * names descriptor i & (desc_count - 1). A descriptor's offset names its
 * frame's slot: frames of several channels are filled at once and complete
 * in any order, so a slot is not tied to a descriptor index.
 *  - The kernel writes a frame into a free slot and fills its descriptor,
 *    then stores producer + 1 with release semantics.
 *  - The consumer loads producer with acquire semantics: descriptors
 *    [consumer, producer) and their frames are then complete and its own.
 *  - Done with them, the consumer stores the new consumer index with
 *    release semantics; the kernel loads it with acquire semantics before it
 *    reuses their slots, and never writes a slot the consumer still owns.
 *  - The kernel trusts nothing it reads here: it keeps its own copy of the
 *    geometry and of both indices, and a consumer index that is behind what
 *    it saw before or ahead of producer counts a protocol error and is
 *    treated as no progress.
 * When no slot is free the kernel drops the new frame rather than overwrite
 * one: it counts it in dropped[channel] and reports the number lost in the
 * channel's next descriptor, whose seq has advanced by as many.
 *
 * Wake-ups: the kernel signals the consumer (the eventfd given at
 * ring-attach, and poll() on the handle) once wake-frames frames wait, or
 * wake-usecs after the first of them, when the device stops, is removed
 * or the ring detached, and at once when it drops a frame because no slot
 * is free while frames wait, whatever the threshold. poll() reports POLLIN
 * while any frame waits, POLLPRI while stopped, POLLHUP without a ring:
 * level-triggered, it needs no reset.
 *
 * Need-wakeup (ring-attach's need-wakeup, as AF_XDP's): the kernel sets
 * ACQ_RING_F_NEED_WAKEUP in flags at attach, and then signals frames only
 * to a consumer that said it is about to sleep, so a consumer that keeps
 * up costs no signal and makes no system call. Stops, removals and
 * detaches still always signal. Each side stores, then loads what the
 * other stores, an order acquire and release do not give: both need a
 * full barrier between the two, or a wake-up is lost.
 *  - Consumer, finding no frame ready: store ACQ_RING_WAKE_NEEDED in
 *    wake_flags; full barrier (C11's atomic_thread_fence(seq_cst));
 *    load flags and producer again; sleep only if still no frame is ready
 *    and the flags allow (not stopped, not gone). Once it has frames, it
 *    clears ACQ_RING_WAKE_NEEDED: busy, it wants no signal.
 *  - Kernel, after the store-release of producer (or when the wake-usecs
 *    timer expires, or a frame is dropped): full barrier (smp_mb()); load
 *    wake_flags; signal only if ACQ_RING_WAKE_NEEDED is set and the
 *    wake-frames and wake-usecs rules say so.
 *  Either the consumer's load sees the new producer index and it does not
 *  sleep, or the kernel's load sees the flag and it signals.
 * wake_flags is the consumer's to write, and the kernel only ever reads
 * its ACQ_RING_WAKE_NEEDED bit: whatever value it holds, it makes the
 * kernel signal this consumer or not, and nothing else (other bits are
 * ignored, reserved for later requests). A consumer that leaves it set
 * while busy costs itself a signal per wake-up; one that leaves it clear
 * while it sleeps is left asleep until its timeout, or a stop.
 *
 * A ring detached or removed under its consumer raises DETACHED (and, for
 * a removal, DEV_GONE) with release semantics before it takes the frames
 * back; from then on the frame region reads as zeros, in every mapping of
 * it, and the header and descriptors stay as they were. A frame read
 * while either flag was raised is not to be trusted: the consumer loads
 * the flags again after reading a frame (the reads ordered before that
 * load, e.g. by an acquire fence) and counts the frame lost if they are
 * raised.
 */
#ifndef _UAPI_LINUX_ACQ_RING_H
#define _UAPI_LINUX_ACQ_RING_H

#include <linux/types.h>

#define ACQ_RING_MAGIC		0x52514341	/* "ACQR" in memory order */
#define ACQ_RING_ABI_VERSION	1

/* mmap offset of the header; the others are in it. */
#define ACQ_RING_OFF_HEADER	0ULL

#define ACQ_RING_MAX_CHANNELS	64

/* struct acq_ring_desc.flags */
#define ACQ_DESC_F_ERROR	(1U << 0)	/* the device flagged the frame */
#define ACQ_DESC_F_TRUNCATED	(1U << 1)	/* shorter than configured */

/* struct acq_ring_header.flags, set by the kernel */
#define ACQ_RING_F_STOPPED	(1U << 0)	/* no more frames until a start */
#define ACQ_RING_F_DEV_GONE	(1U << 1)	/* the device was removed */
#define ACQ_RING_F_DETACHED	(1U << 2)	/* frames gone: read as zeros */
#define ACQ_RING_F_WINDOWS	(1U << 3)	/* windows_revoked is kept */
#define ACQ_RING_F_NEED_WAKEUP	(1U << 4)	/* signals only on wake_flags */

/* struct acq_ring_header.wake_flags, set by the consumer */
#define ACQ_RING_WAKE_NEEDED	(1U << 0)	/* about to sleep: signal me */

struct acq_ring_desc {
	__u64 timestamp_ns;	/* CLOCK_MONOTONIC when the frame completed */
	__u64 offset;		/* of the frame in the frame region */
	__u32 len;		/* bytes of frame data */
	__u32 seq;		/* the channel's frame sequence number */
	__u32 dropped;		/* frames of the channel lost just before */
	__u16 channel;
	__u16 flags;		/* ACQ_DESC_F_* */
};

/*
 * Three groups of fields, each on its own 64-byte cache line so that the
 * producer's and the consumer's stores never share a line.
 */
struct acq_ring_header {
	/* 0x00: geometry, set before the ring can be mapped, then constant */
	__u32 magic;		/* ACQ_RING_MAGIC */
	__u32 abi_version;	/* ACQ_RING_ABI_VERSION */
	__u32 header_size;	/* bytes mapped at ACQ_RING_OFF_HEADER */
	__u32 desc_count;	/* a power of two */
	__u32 desc_size;	/* sizeof(struct acq_ring_desc) */
	__u32 nr_channels;
	__u64 desc_offset;	/* mmap offset of the descriptors */
	__u64 buf_offset;	/* mmap offset of the frame region */
	__u64 buf_size;		/* bytes in the frame region */
	__u64 slot_size;	/* bytes per frame slot */
	__u8 __pad0[8];

	/* 0x40: written by the kernel only */
	__u32 producer;
	__u32 flags;		/* ACQ_RING_F_* */
	__u32 protocol_errors;	/* bad consumer indices seen, saturating */
	/*
	 * The device's register windows (linux/acq_window.h), kept by
	 * kernels that set ACQ_RING_F_WINDOWS: bit n is set while window n
	 * is revoked. windows_seq counts every revoke and restore; the
	 * kernel stores the mask, then the seq with release semantics, so
	 * a mask loaded (acquire) after the seq (acquire) is at least as
	 * new, and equal seqs at two reads mean no change in between. A
	 * hint for the consumer: the mappings themselves are already
	 * zapped when the bit is set.
	 */
	__u32 windows_revoked;
	__u32 windows_seq;
	__u32 __reserved_kernel[11];	/* wake-up control, later */

	/* 0x80: written by the consumer only */
	__u32 consumer;
	__u32 wake_flags;	/* ACQ_RING_WAKE_*, read with NEED_WAKEUP */
	__u32 __reserved_user[14];

	/* 0xc0: frames dropped per channel because the ring was full */
	__u64 dropped[ACQ_RING_MAX_CHANNELS];
};

#endif /* _UAPI_LINUX_ACQ_RING_H */
