// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The consumer side of the frame ring against a producer written here to
 * the protocol of linux/acq_ring.h: setup checks, index arithmetic across
 * the 2^32 wrap, a hostile producer index, frame bounds, dispatch (also
 * when the frames vanish under a callback), and a producer thread
 * streaming frames with eventfd wake-ups.
 * acq-test: tsan (also built and run under ThreadSanitizer)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <cmocka.h>

#include "acq/ring.h"
#include "fake_ring.h"

/* The layout is ABI: these offsets may never move. */
_Static_assert(sizeof(struct acq_ring_desc) == 32, "descriptor size");
_Static_assert(offsetof(struct acq_ring_header, producer) == 0x40, "producer line");
_Static_assert(offsetof(struct acq_ring_header, consumer) == 0x80, "consumer line");
_Static_assert(offsetof(struct acq_ring_header, dropped) == 0xc0, "drop counters");
_Static_assert(sizeof(struct acq_ring_header) == 0xc0 + 8 * ACQ_RING_MAX_CHANNELS,
	       "header size");
_Static_assert(sizeof(struct acq_ring_header) <= 4096, "header fits a page");
_Static_assert(offsetof(struct acq_ring_header, windows_revoked) == 0x4c &&
	       offsetof(struct acq_ring_header, windows_seq) == 0x50,
	       "window state in the kernel's line");

#define SLOT_SIZE	256
#define NR_CHANNELS	4

static struct fake_ring *ring_new(__u32 count, __u32 start)
{
	return fake_ring_new(count, SLOT_SIZE, NR_CHANNELS, start);
}

/* The frame's bytes say which channel and sequence number it carries. */
static unsigned char pattern(__u32 ch, __u32 seq, __u32 i)
{
	return (unsigned char)(ch * 31 + seq * 7 + i);
}

/* Publish channel @ch's next frame, of pattern(): 0, or -EAGAIN. */
static int fake_publish(struct fake_ring *f, __u32 ch)
{
	unsigned char frame[SLOT_SIZE];
	__u32 i;

	for (i = 0; i < SLOT_SIZE; i++)
		frame[i] = pattern(ch, f->seq[ch], i);
	return fake_ring_publish(f, ch, frame);
}

static void test_setup_checks_header(void **state)
{
	struct fake_ring *f = ring_new(8, 0);
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	assert_int_equal(acq_ring_eventfd(&r), f->efd);

	f->hdr->magic++;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	f->hdr->magic--;
	f->hdr->abi_version++;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EPROTONOSUPPORT);
	f->hdr->abi_version--;
	f->hdr->desc_count = 6;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	f->hdr->desc_count = 0;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	f->hdr->desc_count = 8;
	f->hdr->desc_size = 40;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	f->hdr->desc_size = sizeof(struct acq_ring_desc);
	f->hdr->buf_size = 7 * SLOT_SIZE;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	f->hdr->buf_size = 8 * SLOT_SIZE;
	f->hdr->nr_channels = ACQ_RING_MAX_CHANNELS + 1;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), -EINVAL);
	fake_ring_free(f);
}

static void test_indices_wrap(void **state)
{
	/* Start just below 2^32: the indices wrap while frames flow. */
	struct fake_ring *f = ring_new(8, 0xfffffffbu);
	const struct acq_ring_desc *d = NULL;
	struct acq_ring r;
	int i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	assert_int_equal(acq_ring_peek(&r, &d), -EAGAIN);
	for (i = 0; i < 8; i++)
		assert_int_equal(fake_publish(f, 0), 0);
	assert_int_equal(fake_publish(f, 0), -EAGAIN);	/* full */
	assert_int_equal(acq_ring_ready(&r), 8);
	for (i = 0; i < 8; i++) {
		assert_int_equal(acq_ring_peek(&r, &d), 0);
		assert_int_equal(d->seq, i);
		assert_non_null(acq_ring_frame(&r, d));
		acq_ring_release(&r, 1);
		assert_int_equal(fake_publish(f, 0), 0);	/* a slot came free */
	}
	assert_int_equal(f->hdr->consumer, 0xfffffffbu + 8);
	assert_int_equal(acq_ring_ready(&r), 8);
	fake_ring_free(f);
}

static void test_hostile_producer_index(void **state)
{
	struct fake_ring *f = ring_new(8, 100);
	const struct acq_ring_desc *d = NULL;
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	f->hdr->producer = 100 + 9;		/* more than a ring ahead */
	assert_int_equal(acq_ring_ready(&r), -EPROTO);
	assert_int_equal(acq_ring_peek(&r, &d), -EPROTO);
	assert_int_equal(acq_ring_dispatch(&r, NULL, 0, 16), -EPROTO);
	f->hdr->producer = 99;			/* behind us */
	assert_int_equal(acq_ring_ready(&r), -EPROTO);
	f->hdr->producer = 100 + 8;		/* exactly full is fine */
	assert_int_equal(acq_ring_ready(&r), 8);
	fake_ring_free(f);
}

static void test_frame_bounds(void **state)
{
	struct fake_ring *f = ring_new(8, 0);
	struct acq_ring_desc d = { .offset = 7 * SLOT_SIZE, .len = SLOT_SIZE };
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	assert_ptr_equal(acq_ring_frame(&r, &d), f->frames + 7 * SLOT_SIZE);
	d.len++;
	assert_null(acq_ring_frame(&r, &d));
	d.offset = UINT64_MAX - 8;
	d.len = 16;
	assert_null(acq_ring_frame(&r, &d));
	fake_ring_free(f);
}

/* The windows' state, as the kernel leaves it in the header. */
static void test_windows_revoked(void **state)
{
	struct fake_ring *f = ring_new(8, 0);
	__u32 seq = ~0U, revoked = ~0U;
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	/* An older kernel's header: the fields are reserved zeros. */
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, &seq),
			 -EOPNOTSUPP);
	f->hdr->flags = ACQ_RING_F_STOPPED | ACQ_RING_F_WINDOWS;
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, &seq), 0);
	assert_int_equal(revoked, 0);
	assert_int_equal(seq, 0);
	f->hdr->windows_revoked = 1U << 3 | 1U << 15;
	acq_ring_store_release(&f->hdr->windows_seq, 5);
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, &seq), 0);
	assert_int_equal(revoked, 0x8008);
	assert_int_equal(seq, 5);
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, NULL), 0);
	fake_ring_free(f);
}

struct chan_check {
	__u32 next_seq;
	unsigned int frames;
	int fail_at;		/* return -EIO for this sequence number */
};

static int check_frame(const struct acq_ring_desc *d, const void *frame, void *arg)
{
	struct chan_check *c = arg;
	const unsigned char *p = frame;
	__u32 i;

	if ((int)d->seq == c->fail_at)
		return -EIO;
	if (d->seq != c->next_seq || d->len != SLOT_SIZE)
		return -EBADMSG;
	for (i = 0; i < d->len; i++)
		if (p[i] != pattern(d->channel, d->seq, i))
			return -EBADMSG;
	c->next_seq++;
	c->frames++;
	return 0;
}

static void test_dispatch(void **state)
{
	struct fake_ring *f = ring_new(16, 0);
	struct chan_check c[2] = { { .fail_at = -1 }, { .fail_at = 2 } };
	struct acq_frame_handler h[2] = {
		{ check_frame, &c[0] }, { check_frame, &c[1] },
	};
	struct acq_ring r;
	int i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	/* Channels 0, 1 and 3 (no handler) interleaved: 12 frames. */
	for (i = 0; i < 4; i++) {
		assert_int_equal(fake_publish(f, 0), 0);
		assert_int_equal(fake_publish(f, 1), 0);
		assert_int_equal(fake_publish(f, 3), 0);
	}
	assert_int_equal(acq_ring_dispatch(&r, h, 2, 4), 4);
	/* Channel 1's frame 2 fails: dispatch stops before releasing it. */
	assert_int_equal(acq_ring_dispatch(&r, h, 2, 100), -EIO);
	assert_int_equal(acq_ring_ready(&r), 12 - 7);
	c[1].fail_at = -1;
	assert_int_equal(acq_ring_dispatch(&r, h, 2, 100), 5);
	assert_int_equal(c[0].frames, 4);
	assert_int_equal(c[1].frames, 4);
	assert_int_equal(acq_ring_ready(&r), 0);
	assert_int_equal(f->hdr->consumer, 12);
	fake_ring_free(f);
}

/*
 * A callback during which the kernel takes the frames back, as a removal
 * (or a detach) does: it raises the flags, then the frame reads as zeros.
 * The callback checks the frame as a verifier would, and fails it.
 */
struct vanish {
	struct fake_ring *f;
	__u32 at_seq;		/* of channel 0 */
	__u32 flags;		/* what the "kernel" raises */
	unsigned int calls;
	unsigned int good;
};

static int vanish_frame(const struct acq_ring_desc *d, const void *frame,
			void *arg)
{
	struct vanish *v = arg;
	const unsigned char *p = frame;
	__u32 i;

	v->calls++;
	if (d->channel == 0 && d->seq == v->at_seq) {
		atomic_store_explicit((_Atomic __u32 *)&v->f->hdr->flags,
				      v->flags | ACQ_RING_F_STOPPED,
				      memory_order_release);
		memset(v->f->frames, 0, (size_t)v->f->count * SLOT_SIZE);
	}
	for (i = 0; i < d->len; i++)
		if (p[i] != pattern(d->channel, d->seq, i))
			return -EBADMSG;
	v->good++;
	return 0;
}

static void test_dispatch_removal(void **state)
{
	struct fake_ring *f = ring_new(16, 0);
	struct vanish v = { .f = f, .at_seq = 2, .flags = ACQ_RING_F_DEV_GONE |
			    ACQ_RING_F_DETACHED };
	struct acq_frame_handler h[2] = { { vanish_frame, &v }, { vanish_frame, &v } };
	struct acq_dispatch_result res;
	struct acq_ring r;
	int i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(fake_publish(f, 0), 0);
		assert_int_equal(fake_publish(f, 1), 0);
	}
	/*
	 * Channel 0's frame 2 (the fifth) vanishes while its callback reads
	 * it: the removal, not the callback's -EBADMSG, is the answer, and
	 * the frame is lost, not released; the four before it were good.
	 */
	memset(&res, 0xa5, sizeof(res));
	assert_int_equal(acq_ring_dispatch_result(&r, h, 2, 100, &res,
						  sizeof(res)), -ENODEV);
	assert_int_equal(errno, ENODEV);
	assert_int_equal(res.consumed, 4);
	assert_int_equal(res.lost, 1);
	assert_int_equal(res.lost_desc.channel, 0);
	assert_int_equal(res.lost_desc.seq, 2);
	assert_int_equal(res.lost_desc.len, SLOT_SIZE);
	assert_int_equal(v.calls, 5);
	assert_int_equal(v.good, 4);
	assert_int_equal(f->hdr->consumer, 4);
	assert_int_equal(acq_ring_ready(&r), 4);

	/* Raised before: no callback, nothing lost, nothing consumed. */
	memset(&res, 0xa5, sizeof(res));
	assert_int_equal(acq_ring_dispatch_result(&r, h, 2, 100, &res,
						  sizeof(res)), -ENODEV);
	assert_int_equal(res.consumed, 0);
	assert_int_equal(res.lost, 0);
	assert_int_equal(res.lost_desc.len, 0);
	assert_int_equal(v.calls, 5);
	assert_int_equal(acq_ring_dispatch(&r, h, 2, 100), -ENODEV);
	assert_int_equal(acq_ring_wait(&r, 0), -ENODEV);
	fake_ring_free(f);
}

/*
 * A detach (DETACHED alone) says -ENOLINK, through the first entry point
 * too. A caller built against a shorter struct gets its prefix.
 */
static void test_dispatch_detach(void **state)
{
	struct fake_ring *f = ring_new(8, 0xfffffffeu);
	struct vanish v = { .f = f, .at_seq = 1, .flags = ACQ_RING_F_DETACHED };
	struct acq_frame_handler h[1] = { { vanish_frame, &v } };
	struct acq_dispatch_result res;
	struct acq_ring r;
	int i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(fake_publish(f, 0), 0);
	assert_int_equal(acq_ring_dispatch(&r, h, 1, 100), -ENOLINK);
	assert_int_equal(v.calls, 2);
	assert_int_equal(f->hdr->consumer, 0xffffffffu);

	/* An old caller's struct: consumed alone; nothing written past it. */
	memset(&res, 0xa5, sizeof(res));
	assert_int_equal(acq_ring_dispatch_result(&r, h, 1, 100, &res,
						  sizeof(res.consumed)), -ENOLINK);
	assert_int_equal(res.consumed, 0);
	assert_int_equal(res.lost, 0xa5a5a5a5u);
	assert_int_equal(v.calls, 2);
	assert_int_equal(acq_ring_dispatch_result(&r, h, 1, 100, &res,
						  sizeof(res)), -ENOLINK);
	assert_int_equal(res.lost, 0);
	fake_ring_free(f);
}

#define STREAM_FRAMES 200000

static void *producer_thread(void *arg)
{
	struct fake_ring *f = arg;
	uint64_t one = 1;
	__u32 n = 0;

	while (n < STREAM_FRAMES) {
		if (fake_publish(f, n % NR_CHANNELS)) {
			sched_yield();
			continue;
		}
		n++;
		/* Wake the consumer, as the IRQ handler will. */
		if (write(f->efd, &one, sizeof(one)) != sizeof(one))
			return (void *)1;
	}
	return NULL;
}

static void test_stream_from_producer_thread(void **state)
{
	struct fake_ring *f = ring_new(64, 0xffff0000u);
	struct chan_check c[NR_CHANNELS];
	struct acq_frame_handler h[NR_CHANNELS];
	unsigned int total = 0;
	struct acq_ring r;
	pthread_t t;
	void *ret;
	int i, n;

	(void)state;
	for (i = 0; i < NR_CHANNELS; i++) {
		c[i] = (struct chan_check){ .fail_at = -1 };
		h[i] = (struct acq_frame_handler){ check_frame, &c[i] };
	}
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	assert_int_equal(pthread_create(&t, NULL, producer_thread, f), 0);
	while (total < STREAM_FRAMES) {
		n = acq_ring_wait(&r, 10000);
		assert_true(n > 0);
		n = acq_ring_dispatch(&r, h, NR_CHANNELS, 32);
		assert_true(n > 0);
		total += n;
	}
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_null(ret);
	assert_int_equal(total, STREAM_FRAMES);
	for (i = 0; i < NR_CHANNELS; i++)
		assert_int_equal(c[i].frames, STREAM_FRAMES / NR_CHANNELS);
	assert_int_equal(acq_ring_wait(&r, 0), 0);	/* nothing left: timeout */
	fake_ring_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_checks_header),
		cmocka_unit_test(test_indices_wrap),
		cmocka_unit_test(test_hostile_producer_index),
		cmocka_unit_test(test_frame_bounds),
		cmocka_unit_test(test_windows_revoked),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_dispatch_removal),
		cmocka_unit_test(test_dispatch_detach),
		cmocka_unit_test(test_stream_from_producer_thread),
	};

	return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
