// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/chan.c without a kernel: what a chan-set request carries, and a
 * chan-get reply fabricated here parsed with the library's policy.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "reply_msg.h"

static void test_chan_set_request(void **state)
{
	ACQ_OPTS(acq_chan_config, cfg,
		 .enabled = 0, .lines = 480, .line_rate = 9);
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_SET);

	(void)state;
	assert_int_equal(acq_chan_set_put(msg, 3, 5, 17, &cfg), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_int_equal(genlmsg_hdr(nlmsg_hdr(msg))->cmd, ACQ_CMD_CHAN_SET);
	assert_int_equal(nlmsg_hdr(msg)->nlmsg_type, fake_ctl.family);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_DEV_ID]), 3);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_ID]), 5);
	assert_int_equal(nla_get_s32(tb[ACQ_A_CHAN_HANDLE]), 17);
	/* "Disable" is a change, sent as 0; zero numbers are not. */
	assert_non_null(tb[ACQ_A_CHAN_ENABLED]);
	assert_int_equal(nla_get_u8(tb[ACQ_A_CHAN_ENABLED]), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_LINES]), 480);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_LINE_RATE]), 9);
	assert_null(tb[ACQ_A_CHAN_LINE_BYTES]);
	assert_null(tb[ACQ_A_CHAN_LINES_PER_CHUNK]);
	nlmsg_free(msg);
}

static void test_chan_set_keeps(void **state)
{
	/* An older caller's struct holds sz and enabled only. */
	struct acq_chan_config old = {
		.sz = offsetof(struct acq_chan_config, lines), .enabled = 1,
		.lines = 99,
	};
	ACQ_OPTS(acq_chan_config, bad, .enabled = 2);
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_SET);

	(void)state;
	/* No config, no handle: the ids alone. */
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, NULL), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_non_null(tb[ACQ_A_CHAN_ID]);
	assert_null(tb[ACQ_A_CHAN_HANDLE]);
	assert_null(tb[ACQ_A_CHAN_ENABLED]);
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_CHAN_SET);
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, &old), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u8(tb[ACQ_A_CHAN_ENABLED]), 1);
	assert_null(tb[ACQ_A_CHAN_LINES]);	/* beyond its sz */
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_CHAN_SET);
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, &bad), -EINVAL);
	nlmsg_free(msg);
}

static void test_chan_reply(void **state)
{
	static const struct acq_chan_info sent = {
		.dev_id = 2, .id = 63, .enabled = 1, .lines = 480,
		.line_bytes = 1024, .lines_per_chunk = 16, .line_rate = 48000,
		.frame_bytes = 491520,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_info info;

	(void)state;
	chan_msg_put(msg, &sent);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_info_parse(tb, &info), 0);
	assert_memory_equal(&info, &sent, sizeof(info));
	nlmsg_free(msg);
}

static void test_chan_reply_malformed(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_info info;

	(void)state;
	/* No channel id: not a channel. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 2), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_info_parse(tb, &info), -EBADMSG);
	/* A counter too short for its type: the policy stops it. */
	assert_int_equal(nla_put_u16(msg, ACQ_A_CHAN_LINES, 480), 0);
	assert_true(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chan_set_request),
		cmocka_unit_test(test_chan_set_keeps),
		cmocka_unit_test(test_chan_reply),
		cmocka_unit_test(test_chan_reply_malformed),
	};

	return cmocka_run_group_tests_name("chan", tests, NULL, NULL);
}
