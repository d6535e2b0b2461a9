/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Messages as the kernel builds them, for the tests of libacqctl's
 * parsers: a genetlink message of a fake family, and the attributes of a
 * reply or notification (acq_nl_*_fill()) from the struct libacqctl
 * reads them into, and their parsing as the library does it. Include
 * after cmocka.h and internal.h.
 */
#ifndef _TESTS_REPLY_MSG_H
#define _TESTS_REPLY_MSG_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

/* Only the family id of a control handle goes into a message. */
static const struct acq_ctl fake_ctl = { .family = 0x1234 };

static inline struct nl_msg *msg_new(uint8_t cmd)
{
	struct nl_msg *msg = acq_msg_new(&fake_ctl, cmd, 0);

	assert_non_null(msg);
	return msg;
}

/* Room for the largest attribute set, dev's. */
#define MAXATTR 32

/* Parse @msg as the receiving side would, with @policy (NULL: none). */
static inline int msg_parse(struct nl_msg *msg, int maxattr,
			    const struct nla_policy *policy, struct nlattr **tb)
{
	assert_true(maxattr < MAXATTR);
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, maxattr, policy);
}

/* The owner's pid only when known, the ring's geometry only while one is
 * attached, and a pad attribute before the counters.
 */
static inline void dev_msg_put(struct nl_msg *msg, const struct acq_dev_info *d)
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

static inline void chan_msg_put(struct nl_msg *msg,
				const struct acq_chan_info *c)
{
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, c->dev_id), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_ID, c->id), 0);
	assert_int_equal(nla_put_u8(msg, ACQ_A_CHAN_ENABLED, c->enabled), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINES, c->lines), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINE_BYTES,
				     c->line_bytes), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINES_PER_CHUNK,
				     c->lines_per_chunk), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINE_RATE, c->line_rate),
			 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_FRAME_BYTES,
				     c->frame_bytes), 0);
}

/* The kernel aligns u64s with empty pad attributes. */
static inline void stats_msg_put(struct nl_msg *msg,
				 const struct acq_chan_stats *st)
{
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DEV_ID, st->dev_id), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, st->chan), 0);
	assert_int_equal(nla_put(msg, ACQ_A_STATS_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_PRODUCED, st->produced),
			 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_DELIVERED,
				     st->delivered), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_DROPPED, st->dropped), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_CHUNKS, st->chunks), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_PROTOCOL_ERRORS,
				     st->protocol_errors), 0);
	if (st->last_error)
		assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_LAST_ERROR,
					     st->last_error), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_ERRORS, st->errors), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_CHUNK_ERRORS,
				     st->chunk_errors), 0);
}

/* A window-get reply or a window's event: the same attributes. */
static inline void window_msg_put(struct nl_msg *msg,
				  const struct acq_window_info *w)
{
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_DEV_ID, w->dev_id), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_ID, w->id), 0);
	assert_int_equal(nla_put(msg, ACQ_A_WINDOW_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_WINDOW_OFFSET, w->offset), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_WINDOW_SIZE, w->size), 0);
	assert_int_equal(nla_put_u8(msg, ACQ_A_WINDOW_WRITABLE, w->writable),
			 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_STATE, w->state), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_POLICY, w->policy), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_WINDOW_REVOKES, w->revokes), 0);
}

#endif /* _TESTS_REPLY_MSG_H */
