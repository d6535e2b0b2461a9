// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/window.c without a kernel: window-get replies fabricated here
 * parsed with the library's policy, what a window-set request carries,
 * and the mapping of a register window, with a memfd in place of
 * /dev/acqN (at offset 0: a window's real offsets are the driver's): the
 * whole window, shared, its registers read and written 32 bits at a time,
 * and what cannot be a mapping refused before mmap() is asked.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "internal.h"
#include "reply_msg.h"

/* Window 1 of device 2, revoked three times, as window-get tells it. */
static const struct acq_window_info win1 = {
	.dev_id = 2, .id = 1, .offset = ACQ_WINDOW_OFF(1), .size = 8192,
	.writable = 1, .state = ACQ_WINDOW_STATE_REVOKED,
	.policy = ACQ_WINDOW_POLICY_SIGBUS, .revokes = 3,
};

static void test_window_reply(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_WINDOW_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_window_info info;

	(void)state;
	window_msg_put(msg, &win1);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
				   acq_window_reply_policy, tb), 0);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(acq_window_info_parse(tb, &info), 0);
	assert_memory_equal(&info, &win1, sizeof(info));
	/* Offsets are u64: one sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_OFFSET, 0), 0);
	assert_true(msg_parse(msg, ACQ_A_WINDOW_MAX, acq_window_reply_policy,
			      tb) < 0);
	nlmsg_free(msg);
}

static void test_window_reply_malformed(void **state)
{
	/* Each of the attributes a mapping needs, left out in turn. */
	static const int needed[] = {
		ACQ_A_WINDOW_DEV_ID, ACQ_A_WINDOW_ID, ACQ_A_WINDOW_OFFSET,
		ACQ_A_WINDOW_SIZE,
	};
	struct nlattr *tb[MAXATTR];
	struct acq_window_info info;
	struct nl_msg *msg;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
		msg = msg_new(ACQ_CMD_WINDOW_GET);
		window_msg_put(msg, &win1);
		assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
					   acq_window_reply_policy, tb), 0);
		tb[needed[i]] = NULL;
		assert_int_equal(acq_window_info_parse(tb, &info), -EBADMSG);
		nlmsg_free(msg);
	}
	/* The rest is optional: what a kernel does not send reads 0. */
	msg = msg_new(ACQ_CMD_WINDOW_GET);
	window_msg_put(msg, &win1);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
				   acq_window_reply_policy, tb), 0);
	tb[ACQ_A_WINDOW_STATE] = NULL;
	tb[ACQ_A_WINDOW_REVOKES] = NULL;
	assert_int_equal(acq_window_info_parse(tb, &info), 0);
	assert_int_equal(info.state, ACQ_WINDOW_STATE_LENT);
	assert_true(info.revokes == 0 && info.size == 8192);
	nlmsg_free(msg);
}

/* The struct is laid out without holes, u64s aligned on every ABI. */
static void test_window_info_layout(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct acq_window_info, offset), 8);
	assert_int_equal(offsetof(struct acq_window_info, size), 16);
	assert_int_equal(offsetof(struct acq_window_info, writable), 24);
	assert_int_equal(offsetof(struct acq_window_info, revokes), 40);
	assert_int_equal(sizeof(struct acq_window_info), 48);
}

static void test_window_set_request(void **state)
{
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_WINDOW_SET);

	(void)state;
	assert_int_equal(acq_window_set_put(msg, 3, 1, 17,
					    ACQ_WINDOW_POLICY_SIGBUS), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_DEV_ID]), 3);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_ID]), 1);
	assert_int_equal(nla_get_s32(tb[ACQ_A_WINDOW_HANDLE]), 17);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_POLICY]),
			 ACQ_WINDOW_POLICY_SIGBUS);
	nlmsg_free(msg);

	/* No handle: left out, for CAP_NET_ADMIN to decide. */
	msg = msg_new(ACQ_CMD_WINDOW_SET);
	assert_int_equal(acq_window_set_put(msg, 3, 1, -1,
					    ACQ_WINDOW_POLICY_DISCARD), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX, NULL, tb), 0);
	assert_null(tb[ACQ_A_WINDOW_HANDLE]);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_POLICY]),
			 ACQ_WINDOW_POLICY_DISCARD);
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_WINDOW_SET);
	assert_int_equal(acq_window_set_put(msg, 3, 1, -1, 2), -EINVAL);
	nlmsg_free(msg);
}

static int memfd_window(struct acq_window_info *info, size_t size)
{
	int fd = memfd_create("acq-window", MFD_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	*info = (struct acq_window_info){ .size = size, .writable = 1 };
	return fd;
}

static void test_map_shared(void **state)
{
	struct acq_window_info info;
	void *rw, *ro;
	int fd;

	(void)state;
	fd = memfd_window(&info, 8192);
	rw = acq_window_map(fd, &info, PROT_READ | PROT_WRITE);
	ro = acq_window_map(fd, &info, PROT_READ);
	assert_non_null(rw);
	assert_non_null(ro);
	/* What one mapping stores, the other sees: it is MAP_SHARED. */
	acq_window_write32(rw, 0x1ffc, 0xdeadbeef);
	acq_window_write32(rw, 0x104, 7);
	assert_int_equal(acq_window_read32(ro, 0x1ffc), 0xdeadbeef);
	assert_int_equal(acq_window_read32(ro, 0x104), 7);
	assert_int_equal(acq_window_read32(ro, 0x100), 0);
	assert_int_equal(acq_window_unmap(ro, &info), 0);
	assert_int_equal(acq_window_unmap(rw, &info), 0);
	close(fd);
}

static void test_map_refused(void **state)
{
	struct acq_window_info info, bad;
	int fd;

	(void)state;
	fd = memfd_window(&info, 4096);
	errno = 0;
	assert_null(acq_window_map(fd, &info, PROT_WRITE));
	assert_int_equal(errno, EINVAL);
	assert_null(acq_window_map(fd, &info, PROT_READ | PROT_EXEC));
	assert_int_equal(errno, EINVAL);
	assert_null(acq_window_map(fd, NULL, PROT_READ));
	assert_int_equal(errno, EINVAL);
	bad = info;
	bad.size = 0;
	assert_null(acq_window_map(fd, &bad, PROT_READ));
	assert_int_equal(errno, EINVAL);
	/* An end past what off_t holds. */
	bad = info;
	bad.offset = INT64_MAX - 4095;
	bad.size = 8192;
	assert_null(acq_window_map(fd, &bad, PROT_READ));
	assert_int_equal(errno, EINVAL);
	/* What mmap() itself refuses comes back as its errno. */
	assert_null(acq_window_map(-1, &info, PROT_READ));
	assert_int_equal(errno, EBADF);
	assert_int_equal(acq_window_unmap(NULL, &info), -EINVAL);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_reply),
		cmocka_unit_test(test_window_reply_malformed),
		cmocka_unit_test(test_window_info_layout),
		cmocka_unit_test(test_window_set_request),
		cmocka_unit_test(test_map_shared),
		cmocka_unit_test(test_map_refused),
	};

	return cmocka_run_group_tests_name("window", tests, NULL, NULL);
}
