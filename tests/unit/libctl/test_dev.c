// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/dev.c without a kernel: dev-get replies fabricated here parsed
 * with the library's policy, into the struct of this version and of an
 * older one; and acq_dev_parse_name(): "acqN" and "N", nothing else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "reply_msg.h"

/* struct acq_dev_info as libacqctl 0.1 had it: what older callers pass. */
struct dev_info_v01 {
	__u32 id;
	char name[ACQ_DEV_NAME_LEN];
	char backend[ACQ_DEV_NAME_LEN];
	__u32 nr_channels;
	char parent[ACQ_PARENT_NAME_LEN];
};

/* A started device, as a dev-get reply tells it. */
static const struct acq_dev_info dev3 = {
	.id = 3, .name = "acq3", .backend = "acq_sim", .nr_channels = 4,
	.parent = "acq_sim7", .state = ACQ_DEV_STATE_STARTED,
	.stop_reason = ACQ_STOP_REASON_NONE, .ring_attached = 1,
	.owner_pid = 4242, .ring_desc_count = 64, .ring_slot_size = 8192,
	.produced = 1ULL << 40, .delivered = (1ULL << 40) - 5, .dropped = 5,
	.protocol_errors = 2,
};

static struct nl_msg *dev_reply_new(void)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_DEV_GET);

	dev_msg_put(msg, &dev3);
	return msg;
}

static void test_dev_reply(void **state)
{
	struct nl_msg *msg = dev_reply_new();
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;

	(void)state;
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	assert_int_equal(info.id, 3);
	assert_string_equal(info.name, "acq3");
	assert_string_equal(info.backend, "acq_sim");
	assert_string_equal(info.parent, "acq_sim7");
	assert_int_equal(info.nr_channels, 4);
	assert_int_equal(info.state, ACQ_DEV_STATE_STARTED);
	assert_int_equal(info.stop_reason, ACQ_STOP_REASON_NONE);
	assert_int_equal(info.ring_attached, 1);
	assert_int_equal(info.owner_pid, 4242);
	assert_int_equal(info.ring_desc_count, 64);
	assert_int_equal(info.ring_slot_size, 8192);
	assert_true(info.produced == 1ULL << 40);
	assert_true(info.delivered == (1ULL << 40) - 5);
	assert_int_equal(info.dropped, 5);
	assert_int_equal(info.protocol_errors, 2);
	/* A u64 counter sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_DROPPED, 5), 0);
	assert_true(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

static void test_dev_reply_old_struct(void **state)
{
	struct nl_msg *msg = dev_reply_new();
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;
	union {
		struct dev_info_v01 old;
		unsigned char raw[sizeof(struct acq_dev_info)];
	} out;
	size_t i;

	(void)state;
	/* The new fields start where the old struct ended. */
	assert_int_equal(offsetof(struct acq_dev_info, state),
			 sizeof(struct dev_info_v01));
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	memset(&out, 0xa5, sizeof(out));
	acq_copy_out(&out.old, sizeof(out.old), &info, sizeof(info));
	assert_int_equal(out.old.id, 3);
	assert_string_equal(out.old.name, "acq3");
	assert_string_equal(out.old.backend, "acq_sim");
	assert_string_equal(out.old.parent, "acq_sim7");
	assert_int_equal(out.old.nr_channels, 4);
	/* Not a byte past the caller's struct is written. */
	for (i = sizeof(out.old); i < sizeof(out.raw); i++)
		assert_int_equal(out.raw[i], 0xa5);
	nlmsg_free(msg);
}

static void test_dev_reply_minimal(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_DEV_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;

	(void)state;
	/* An older kernel's reply: what it does not send reads as 0. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, 1), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_NAME, "acq1"), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	assert_int_equal(info.id, 1);
	assert_string_equal(info.name, "acq1");
	assert_string_equal(info.backend, "");
	assert_int_equal(info.state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(info.ring_attached, 0);
	assert_int_equal(info.owner_pid, 0);
	assert_int_equal(info.ring_desc_count, 0);
	assert_true(info.produced == 0 && info.protocol_errors == 0);
	nlmsg_free(msg);
}

static void test_parse_name_valid(void **state)
{
	__u32 id = 99;

	(void)state;
	assert_int_equal(acq_dev_parse_name("acq0", &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(acq_dev_parse_name("17", &id), 0);
	assert_int_equal(id, 17);
	assert_int_equal(acq_dev_parse_name("acq2147483647", &id), 0);
	assert_int_equal(id, 2147483647u);
}

static void test_parse_name_invalid(void **state)
{
	static const char *const bad[] = {
		"", "acq", "acq-1", "-1", "+1", " 1", "1 ", "acq1x", "x1",
		"acq2147483648", "99999999999999999999", "acq 1", "0x10",
	};
	__u32 id = 99;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		assert_int_equal(acq_dev_parse_name(bad[i], &id), -EINVAL);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(id, 99);
	}
	assert_int_equal(acq_dev_parse_name(NULL, &id), -EINVAL);
	assert_int_equal(acq_dev_parse_name("1", NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_reply),
		cmocka_unit_test(test_dev_reply_old_struct),
		cmocka_unit_test(test_dev_reply_minimal),
		cmocka_unit_test(test_parse_name_valid),
		cmocka_unit_test(test_parse_name_invalid),
	};

	return cmocka_run_group_tests_name("dev", tests, NULL, NULL);
}
