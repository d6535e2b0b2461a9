// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/ring_attach.c without a kernel: what a ring-attach request
 * carries, its reply fabricated here parsed with the library's policy,
 * the ring's geometry checked before it is mapped, and what a failed
 * mapping comes to once the detach after it is answered.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "reply_msg.h"

static void test_ring_attach_request(void **state)
{
	ACQ_OPTS(acq_ring_opts, opts);
	struct nl_msg *msg = msg_new(ACQ_CMD_RING_ATTACH);
	struct nlattr *tb[MAXATTR];

	(void)state;
	/* Defaults and no eventfd: the kernel chooses, nothing is sent. */
	assert_int_equal(acq_ring_attach_put(msg, 7, 4, -1, &opts), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_DEV_ID]), 7);
	assert_int_equal(nla_get_s32(tb[ACQ_A_RING_HANDLE]), 4);
	assert_null(tb[ACQ_A_RING_EVENTFD]);
	assert_null(tb[ACQ_A_RING_DESC_COUNT]);
	assert_null(tb[ACQ_A_RING_SLOT_SIZE]);
	assert_null(tb[ACQ_A_RING_NEED_WAKEUP]);
	nlmsg_free(msg);

	opts.desc_count = 64;
	opts.slot_size = 8192;
	opts.need_wakeup = 1;
	msg = msg_new(ACQ_CMD_RING_ATTACH);
	assert_int_equal(acq_ring_attach_put(msg, 7, 4, 9, &opts), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_s32(tb[ACQ_A_RING_EVENTFD]), 9);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_DESC_COUNT]), 64);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_SLOT_SIZE]), 8192);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_NEED_WAKEUP]), 1);
	nlmsg_free(msg);
}

static void test_ring_attach_reply(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_RING_ATTACH);
	struct acq_ring_reply reply;
	struct nlattr *tb[MAXATTR];

	(void)state;
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_DEV_ID, 7), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_DESC_COUNT, 64), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_SLOT_SIZE, 8192), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, acq_ring_reply_policy, tb),
			 0);
	/* The map size is what the mapping is checked against: required. */
	assert_int_equal(acq_ring_reply_parse(tb, &reply), -EBADMSG);
	assert_int_equal(nla_put(msg, ACQ_A_RING_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_RING_MAP_SIZE, 1ULL << 33), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, acq_ring_reply_policy, tb),
			 0);
	assert_int_equal(acq_ring_reply_parse(tb, &reply), 0);
	assert_int_equal(reply.dev_id, 7);
	assert_int_equal(reply.desc_count, 64);
	assert_int_equal(reply.slot_size, 8192);
	assert_true(reply.map_size == 1ULL << 33);
	nlmsg_free(msg);
}

#define PAGE 4096

/* A header as the kernel lays a ring out: header, descriptors, frames. */
static void geometry_init(struct acq_ring_header *h, struct acq_ring_reply *r)
{
	memset(h, 0, sizeof(*h));
	h->header_size = PAGE;
	h->desc_count = 256;
	h->desc_size = sizeof(struct acq_ring_desc);
	h->desc_offset = PAGE;
	h->buf_offset = PAGE + 2 * PAGE;	/* 256 * 32 bytes: 2 pages */
	h->slot_size = 2 * PAGE;
	h->buf_size = 256ULL * 2 * PAGE;
	*r = (struct acq_ring_reply){
		.desc_count = 256, .slot_size = 2 * PAGE,
		.map_size = h->buf_offset + h->buf_size,
	};
}

static void test_ring_geometry(void **state)
{
	struct acq_ring_header h;
	struct acq_ring_reply r;

	(void)state;
	geometry_init(&h, &r);
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), 0);
	h.header_size = PAGE + 1;			/* more than we map */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = 0;				/* over the header */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = PAGE + 64;			/* not mappable */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_offset = 2 * PAGE;		/* over the descriptors */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_size += PAGE;				/* past the map size */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_size = UINT64_MAX - PAGE;			/* wraps */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = UINT64_MAX & ~(__u64)(PAGE - 1);	/* wraps */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	r.desc_count = 128;				/* not what was said */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	r.slot_size = PAGE;
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
}

/*
 * A mapping that failed, then the handle's detach: what the kernel
 * answered the detach decides what the caller is told.
 */
static void test_ring_map_failure(void **state)
{
	(void)state;
	/* The ring was ours (an LSM's EACCES, a bad geometry): as is. */
	assert_int_equal(acq_ring_map_failure(-EACCES, 0), -EACCES);
	assert_int_equal(acq_ring_map_failure(-EPROTO, 0), -EPROTO);
	assert_int_equal(acq_ring_map_failure(-ENOMEM, 0), -ENOMEM);
	/* Detached by an administrator, maybe another handle's since. */
	assert_int_equal(acq_ring_map_failure(-ENXIO, -ENOLINK), -ENOLINK);
	assert_int_equal(acq_ring_map_failure(-EACCES, -EBUSY), -ENOLINK);
	/* The device removed between the attach and the mapping. */
	assert_int_equal(acq_ring_map_failure(-ENXIO, -ENODEV), -ENODEV);
	assert_int_equal(acq_ring_map_failure(-ENODEV, -ENODEV), -ENODEV);
	/* The detach never reached the kernel: the mapping's error. */
	assert_int_equal(acq_ring_map_failure(-EACCES, -ENOBUFS), -EACCES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_attach_request),
		cmocka_unit_test(test_ring_attach_reply),
		cmocka_unit_test(test_ring_geometry),
		cmocka_unit_test(test_ring_map_failure),
	};

	return cmocka_run_group_tests_name("ring_attach", tests, NULL, NULL);
}
