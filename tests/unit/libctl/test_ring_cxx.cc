// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * acq/ring.h compiled as C++: its inline consumer helpers, whose shared
 * indices C++ reaches through std::atomic, driven over a ring built in
 * memory (fake_ring.h): the values they read and store are the C ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
/* cmocka's header declares its functions for C only. */
extern "C" {
#include <cmocka.h>
}

#include "acq/ring.h"
#include "fake_ring.h"

#define SLOT_SIZE	64
#define NR_CHANNELS	2

/* A frame whose every byte is @v. */
static void publish(struct fake_ring *f, __u32 ch, unsigned char v)
{
	unsigned char frame[SLOT_SIZE];

	memset(frame, v, sizeof(frame));
	assert_int_equal(fake_ring_publish(f, ch, frame), 0);
}

static void test_consume(void **state)
{
	struct fake_ring *f = fake_ring_new(4, SLOT_SIZE, NR_CHANNELS,
					    0xfffffffeu);
	const struct acq_ring_desc *d = NULL;
	const unsigned char *p;
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	assert_int_equal(acq_ring_ready(&r), 0);
	assert_int_equal(acq_ring_peek(&r, &d), -EAGAIN);

	/* Across the wrap of the indices. */
	publish(f, 0, 0xa0);
	publish(f, 1, 0xb0);
	publish(f, 0, 0xa1);
	assert_int_equal(acq_ring_ready(&r), 3);
	assert_int_equal(acq_ring_peek(&r, &d), 0);
	assert_int_equal(d->channel, 0);
	assert_int_equal(d->seq, 0);
	p = static_cast<const unsigned char *>(acq_ring_frame(&r, d));
	assert_non_null(p);
	assert_int_equal(p[0], 0xa0);
	assert_int_equal(p[SLOT_SIZE - 1], 0xa0);
	acq_ring_release(&r, 1);
	assert_int_equal(f->hdr->consumer, 0xffffffffu);

	assert_int_equal(acq_ring_peek(&r, &d), 0);
	assert_int_equal(d->channel, 1);
	p = static_cast<const unsigned char *>(acq_ring_frame(&r, d));
	assert_int_equal(p[0], 0xb0);
	acq_ring_release(&r, 2);
	assert_int_equal(f->hdr->consumer, 1);
	assert_int_equal(acq_ring_ready(&r), 0);
	fake_ring_free(f);
}

static void test_hostile(void **state)
{
	struct fake_ring *f = fake_ring_new(4, SLOT_SIZE, NR_CHANNELS, 10);
	struct acq_ring_desc bad = {};
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	f->hdr->producer = 10 + 5;		/* more than a ring ahead */
	assert_int_equal(acq_ring_ready(&r), -EPROTO);
	f->hdr->producer = 10 + 4;		/* exactly full is fine */
	assert_int_equal(acq_ring_ready(&r), 4);
	bad.offset = 3 * SLOT_SIZE + 1;
	bad.len = SLOT_SIZE;
	assert_null(acq_ring_frame(&r, &bad));
	fake_ring_free(f);
}

static void test_flags_and_windows(void **state)
{
	struct fake_ring *f = fake_ring_new(4, SLOT_SIZE, NR_CHANNELS, 0);
	__u32 revoked = 7, seq = 7;
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	assert_int_equal(acq_ring_flags(&r), 0);
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, &seq),
			 -EOPNOTSUPP);
	f->hdr->windows_revoked = 0x5;
	f->hdr->windows_seq = 3;
	acq_ring_store_release(&f->hdr->flags,
			       ACQ_RING_F_STOPPED | ACQ_RING_F_WINDOWS);
	assert_int_equal(acq_ring_flags(&r),
			 ACQ_RING_F_STOPPED | ACQ_RING_F_WINDOWS);
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, &seq), 0);
	assert_int_equal(revoked, 0x5);
	assert_int_equal(seq, 3);
	assert_int_equal(acq_ring_windows_revoked(&r, &revoked, NULL), 0);
	fake_ring_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consume),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_flags_and_windows),
	};

	return cmocka_run_group_tests_name("ring_cxx", tests, NULL, NULL);
}
