/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A frame ring in memory, laid out as the kernel maps it, and its
 * producer written here to the protocol of linux/acq_ring.h: for the tests
 * of the ring's consumers. Plain C that C++ compiles too. Include after
 * cmocka.h and acq/ring.h.
 */
#ifndef _TESTS_FAKE_RING_H
#define _TESTS_FAKE_RING_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct fake_ring {
	struct acq_ring_header *hdr;
	struct acq_ring_desc *desc;
	unsigned char *frames;
	__u32 count;
	__u32 slot_size;
	__u32 producer;		/* the producer's own copy */
	__u32 seq[ACQ_RING_MAX_CHANNELS];	/* each channel's next frame */
	int efd;		/* for the producer to signal */
};

/*
 * A ring of @count slots of @slot_size bytes for @nr_channels channels,
 * both indices at @start.
 */
static inline struct fake_ring *fake_ring_new(__u32 count, __u32 slot_size,
					      __u32 nr_channels, __u32 start)
{
	struct fake_ring *f = (struct fake_ring *)calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(posix_memalign((void **)&f->hdr, 4096, 4096), 0);
	memset(f->hdr, 0, 4096);
	f->desc = (struct acq_ring_desc *)calloc(count, sizeof(*f->desc));
	f->frames = (unsigned char *)calloc(count, slot_size);
	assert_non_null(f->desc);
	assert_non_null(f->frames);
	f->count = count;
	f->slot_size = slot_size;
	f->hdr->magic = ACQ_RING_MAGIC;
	f->hdr->abi_version = ACQ_RING_ABI_VERSION;
	f->hdr->header_size = 4096;
	f->hdr->desc_count = count;
	f->hdr->desc_size = sizeof(struct acq_ring_desc);
	f->hdr->nr_channels = nr_channels;
	f->hdr->buf_size = (__u64)count * slot_size;
	f->hdr->slot_size = slot_size;
	f->hdr->producer = f->hdr->consumer = f->producer = start;
	f->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	assert_true(f->efd >= 0);
	return f;
}

static inline void fake_ring_free(struct fake_ring *f)
{
	close(f->efd);
	free(f->hdr);
	free(f->desc);
	free(f->frames);
	free(f);
}

/*
 * Publish channel @ch's next frame, a slot's worth of bytes at @data, if
 * a slot is free: the kernel's side of the protocol. Returns 0, or
 * -EAGAIN when the ring is full.
 */
static inline int fake_ring_publish(struct fake_ring *f, __u32 ch,
				    const void *data)
{
	/* Acquire: pairs with acq_ring_release()'s store-release. */
	__u32 consumer = acq_ring_load_acquire(&f->hdr->consumer);
	__u32 slot = f->producer & (f->count - 1);
	struct acq_ring_desc *d = &f->desc[slot];

	if (f->producer - consumer >= f->count)
		return -EAGAIN;
	memcpy(f->frames + (size_t)slot * f->slot_size, data, f->slot_size);
	d->offset = (__u64)slot * f->slot_size;
	d->len = f->slot_size;
	d->seq = f->seq[ch]++;
	d->channel = ch;
	d->flags = 0;
	d->dropped = 0;
	d->timestamp_ns = d->seq;
	/* Release: pairs with acq_ring_ready()'s load-acquire. */
	acq_ring_store_release(&f->hdr->producer, ++f->producer);
	return 0;
}

#endif /* _TESTS_FAKE_RING_H */
