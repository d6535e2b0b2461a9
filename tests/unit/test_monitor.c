// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The monitor's reading of notifications without a kernel: each of the
 * five, built here as the kernel sends them (a genetlink message of the
 * family's id), becomes a struct acq_event with the right object; other
 * families' messages and unknown types are skipped, malformed ones
 * refused; and, since the host has no acq, acq_monitor_open() says so.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/genl/genl.h>

#include "internal.h"

/* Only the family id of a control handle goes into a message. */
static const struct acq_ctl fake_ctl = { .family = 0x1234 };

static struct nl_msg *ntf_new(uint8_t cmd)
{
	struct nl_msg *msg = acq_msg_new(&fake_ctl, cmd, 0);

	assert_non_null(msg);
	return msg;
}

/* Parse @msg as the monitor would, for family fake_ctl.family. */
static int ntf_parse(struct nl_msg *msg, struct acq_event_msg *m)
{
	return acq_event_parse(nlmsg_hdr(msg), fake_ctl.family, m);
}

/* A device's notification: the dev-get attributes, no owner pid. */
static struct nl_msg *dev_ntf_new(uint8_t cmd, __u32 state, __u32 reason,
				  int ring)
{
	struct nl_msg *msg = ntf_new(cmd);

	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, 2), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_NAME, "acq2"), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_BACKEND, "acq_sim"), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_PARENT, "acq_sim0"), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_CHANNELS, 4), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STATE, state), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STOP_REASON, reason), 0);
	assert_int_equal(nla_put_u8(msg, ACQ_A_DEV_RING_ATTACHED, ring), 0);
	if (ring) {
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_RING_DESC_COUNT,
					     64), 0);
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_RING_SLOT_SIZE,
					     65536), 0);
	}
	assert_int_equal(nla_put(msg, ACQ_A_DEV_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_PRODUCED, 100), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_DELIVERED, 83), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_DROPPED, 17), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_DEV_PROTOCOL_ERRORS, 1), 0);
	return msg;
}

/* What every device event has: the device, and nothing else. */
static void expect_dev_event(const struct acq_event_msg *m, __u32 type)
{
	const struct acq_event *ev = &m->ev;

	assert_int_equal(ev->type, type);
	assert_int_equal(ev->dev_id, 2);
	assert_int_equal(ev->chan, 0);
	assert_ptr_equal(ev->dev, &m->obj.dev);
	assert_null(ev->chan_info);
	assert_null(ev->stats);
	assert_int_equal(ev->dev->id, 2);
	assert_string_equal(ev->dev->name, "acq2");
	assert_string_equal(ev->dev->backend, "acq_sim");
	assert_string_equal(ev->dev->parent, "acq_sim0");
	assert_int_equal(ev->dev->nr_channels, 4);
	/* Notifications name no owner: they have no reader of their own. */
	assert_int_equal(ev->dev->owner_pid, 0);
	assert_true(ev->dev->produced == 100);
	assert_true(ev->dev->delivered == 83);
	assert_true(ev->dev->dropped == 17);
	assert_true(ev->dev->protocol_errors == 1);
}

static void test_dev_add(void **state)
{
	struct nl_msg *msg = dev_ntf_new(ACQ_CMD_DEV_ADD_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_NONE, 0);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_ADD_NTF);
	assert_int_equal(m.ev.dev->state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(m.ev.dev->ring_attached, 0);
	assert_int_equal(m.ev.dev->ring_desc_count, 0);
	nlmsg_free(msg);
}

static void test_dev_del(void **state)
{
	struct nl_msg *msg = dev_ntf_new(ACQ_CMD_DEV_DEL_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_REMOVED, 0);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_DEL_NTF);
	assert_int_equal(m.ev.dev->stop_reason, ACQ_STOP_REASON_REMOVED);
	nlmsg_free(msg);
}

static void test_dev_state(void **state)
{
	struct nl_msg *msg = dev_ntf_new(ACQ_CMD_DEV_STATE_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_OWNER_GONE, 1);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_STATE_NTF);
	assert_int_equal(m.ev.dev->state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(m.ev.dev->stop_reason, ACQ_STOP_REASON_OWNER_GONE);
	assert_int_equal(m.ev.dev->ring_attached, 1);
	assert_int_equal(m.ev.dev->ring_desc_count, 64);
	assert_int_equal(m.ev.dev->ring_slot_size, 65536);
	nlmsg_free(msg);
}

static void test_chan_change(void **state)
{
	struct nl_msg *msg = ntf_new(ACQ_CMD_CHAN_CHANGE_NTF);
	struct acq_event_msg m;
	const struct acq_chan_info *c;

	(void)state;
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 2), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_ID, 1), 0);
	assert_int_equal(nla_put_u8(msg, ACQ_A_CHAN_ENABLED, 1), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINES, 64), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINE_BYTES, 1024), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINES_PER_CHUNK, 16), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_LINE_RATE, 64000), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_FRAME_BYTES, 65536), 0);
	assert_int_equal(ntf_parse(msg, &m), 0);
	assert_int_equal(m.ev.type, ACQ_CMD_CHAN_CHANGE_NTF);
	assert_int_equal(m.ev.dev_id, 2);
	assert_int_equal(m.ev.chan, 1);
	assert_null(m.ev.dev);
	assert_null(m.ev.stats);
	c = m.ev.chan_info;
	assert_ptr_equal(c, &m.obj.chan);
	assert_int_equal(c->dev_id, 2);
	assert_int_equal(c->id, 1);
	assert_int_equal(c->enabled, 1);
	assert_int_equal(c->lines, 64);
	assert_int_equal(c->line_bytes, 1024);
	assert_int_equal(c->lines_per_chunk, 16);
	assert_int_equal(c->line_rate, 64000);
	assert_int_equal(c->frame_bytes, 65536);
	nlmsg_free(msg);
}

static void test_overrun(void **state)
{
	struct nl_msg *msg = ntf_new(ACQ_CMD_OVERRUN_NTF);
	struct acq_event_msg m;
	const struct acq_chan_stats *st;

	(void)state;
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DEV_ID, 2), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, 3), 0);
	assert_int_equal(nla_put(msg, ACQ_A_STATS_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_PRODUCED, 100), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_DELIVERED, 83), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_DROPPED, 17), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_CHUNKS, 1600), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_STATS_PROTOCOL_ERRORS, 0), 0);
	assert_int_equal(ntf_parse(msg, &m), 0);
	assert_int_equal(m.ev.type, ACQ_CMD_OVERRUN_NTF);
	assert_int_equal(m.ev.dev_id, 2);
	assert_int_equal(m.ev.chan, 3);
	assert_null(m.ev.dev);
	assert_null(m.ev.chan_info);
	st = m.ev.stats;
	assert_ptr_equal(st, &m.obj.stats);
	assert_int_equal(st->dev_id, 2);
	assert_int_equal(st->chan, 3);
	assert_true(st->produced == 100);
	assert_true(st->delivered == 83);
	assert_true(st->dropped == 17);
	assert_true(st->chunks == 1600);
	assert_true(st->protocol_errors == 0);
	nlmsg_free(msg);
}

static void test_skipped(void **state)
{
	/* Kept for the windows' notifications; a reply; past the end. */
	static const uint8_t cmds[] = {
		21, ACQ_CMD_DEV_GET, ACQ_CMD_MAX + 1, 255,
	};
	struct acq_event_msg m;
	struct nl_msg *msg;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(cmds); i++) {
		msg = ntf_new(cmds[i]);
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, 2), 0);
		assert_int_equal(ntf_parse(msg, &m), -ENOMSG);
		nlmsg_free(msg);
	}
	/* An event of ours, from another family: not ours after all. */
	msg = dev_ntf_new(ACQ_CMD_DEV_ADD_NTF, 0, 0, 0);
	assert_int_equal(acq_event_parse(nlmsg_hdr(msg), fake_ctl.family + 1,
					 &m), -ENOMSG);
	nlmsg_free(msg);
}

static void test_malformed(void **state)
{
	struct acq_event_msg m;
	struct nl_msg *msg;

	(void)state;
	/* No device id: no device. */
	msg = ntf_new(ACQ_CMD_DEV_STATE_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STATE, 1), 0);
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);

	/* No channel: no channel's event. */
	msg = ntf_new(ACQ_CMD_CHAN_CHANGE_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 2), 0);
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);

	/* A u64 counter sent as a u32: the stats policy stops it. */
	msg = ntf_new(ACQ_CMD_OVERRUN_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DEV_ID, 2), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, 0), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DROPPED, 1), 0);
	assert_true(ntf_parse(msg, &m) < 0);
	assert_int_not_equal(ntf_parse(msg, &m), -ENOMSG);
	nlmsg_free(msg);

	/* Too short for a genetlink header. */
	msg = ntf_new(ACQ_CMD_DEV_ADD_NTF);
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);
}

static int no_cb(const struct acq_event *ev, void *arg)
{
	(void)ev;
	(void)arg;
	return 0;
}

/* The host has generic netlink but no acq: the one case it can show. */
static void test_open_without_acq(void **state)
{
	struct acq_monitor *mon;

	(void)state;
	errno = 0;
	assert_null(acq_monitor_open(NULL, NULL));
	assert_int_equal(errno, EINVAL);
	mon = acq_monitor_open(no_cb, NULL);
	if (mon) {
		acq_monitor_close(mon);
		skip();		/* acq is loaded here */
	}
	if (errno == EAFNOSUPPORT || errno == EPERM || errno == EACCES)
		skip();		/* no netlink socket in this sandbox */
	assert_int_equal(errno, ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_add),
		cmocka_unit_test(test_dev_del),
		cmocka_unit_test(test_dev_state),
		cmocka_unit_test(test_chan_change),
		cmocka_unit_test(test_overrun),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_open_without_acq),
	};

	return cmocka_run_group_tests_name("monitor", tests, NULL, NULL);
}
