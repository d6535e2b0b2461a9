// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/stats.c without a kernel: a stats-get reply fabricated here,
 * pads and all, parsed with the library's policy.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "reply_msg.h"

static void test_stats_reply(void **state)
{
	static const struct acq_chan_stats sent = {
		.dev_id = 1, .chan = 4, .produced = 1ULL << 40,
		.delivered = (1ULL << 40) - 3, .dropped = 3, .chunks = 5,
		.protocol_errors = 6, .last_error = ETIMEDOUT, .errors = 7,
		.chunk_errors = 8,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_STATS_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_stats st;

	(void)state;
	stats_msg_put(msg, &sent);
	assert_int_equal(msg_parse(msg, ACQ_A_STATS_MAX, acq_stats_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_stats_parse(tb, &st), 0);
	assert_memory_equal(&st, &sent, sizeof(st));
	/* A u64 counter sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHUNKS, 5), 0);
	assert_true(msg_parse(msg, ACQ_A_STATS_MAX, acq_stats_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_reply),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
