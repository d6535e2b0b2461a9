/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A device's attributes as the kernel puts them in a dev-get reply or a
 * device's notification (acq_nl_dev_fill()), from the struct libacqctl
 * reads them into: the owner's pid only when known, the ring's geometry
 * only while one is attached, and a pad attribute before the counters.
 * Include after cmocka.h.
 */
#ifndef _TESTS_DEV_MSG_H
#define _TESTS_DEV_MSG_H

#include <netlink/attr.h>
#include <acq/acqctl.h>

static void dev_msg_put(struct nl_msg *msg, const struct acq_dev_info *d)
{
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, d->id), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_NAME, d->name), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_BACKEND, d->backend), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_PARENT, d->parent), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_CHANNELS, d->nr_channels),
			 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STATE, d->state), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STOP_REASON,
				     d->stop_reason), 0);
	assert_int_equal(nla_put_u8(msg, ACQ_A_DEV_RING_ATTACHED,
				    d->ring_attached), 0);
	if (d->owner_pid)
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_OWNER_PID,
					     d->owner_pid), 0);
	if (d->ring_attached) {
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_RING_DESC_COUNT,
					     d->ring_desc_count), 0);
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_RING_SLOT_SIZE,
					     d->ring_slot_size), 0);
	}
	assert_int_equal(nla_put(msg, ACQ_A_DEV_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_PRODUCED, d->produced), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_DELIVERED, d->delivered),
			 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_DROPPED, d->dropped), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_PROTOCOL_ERRORS,
				     d->protocol_errors), 0);
}

#endif /* _TESTS_DEV_MSG_H */
