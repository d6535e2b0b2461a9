// SPDX-License-Identifier: GPL-2.0
/*
 * The "acq" family as libnl and libacqctl see it: genl_ctrl_resolve() finds
 * it while acq.ko is loaded and not after; dev-get answers a dump, and
 * refuses bad requests with the right errno and an extack message: unknown
 * device, missing id, unknown attribute, id of the wrong size, id out of the
 * policy's range.
 */
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "guest.h"
#include "internal.h"

static int count_dev(const struct acq_dev_info *info, void *arg)
{
	(void)info;
	(*(int *)arg)++;
	return 0;
}

/* Send dev-get with one raw attribute of @len bytes; return the errno. */
static int dev_get_raw(struct acq_ctl *ctl, int type, const void *data, int len)
{
	struct nl_msg *msg = acq_msg_new(ctl, ACQ_CMD_DEV_GET, 0);

	T_ASSERT(msg, "acq_msg_new");
	if (type)
		T_ASSERT(nla_put(msg, type, len, data) == 0, "nla_put");
	return acq_request(ctl, msg, ACQ_A_DEV_MAX, NULL, NULL, NULL);
}

static void expect_msg(struct acq_ctl *ctl, const char *want)
{
	const char *got = acq_ctl_errmsg(ctl);

	T_ASSERT(strstr(got, want), "extack \"%s\", want \"%s\"", got, want);
	printf("extack: %s\n", got);
}

int main(void)
{
	struct acq_dev_info info;
	struct nl_sock *sk;
	struct acq_ctl *ctl;
	uint32_t big = 0x80000000u;
	uint8_t small = 1;
	int family, n = 0;

	t_load_module("acq");

	sk = nl_socket_alloc();
	T_ASSERT(sk && genl_connect(sk) == 0, "genl socket");
	family = genl_ctrl_resolve(sk, ACQ_FAMILY_NAME);
	T_ASSERT(family > 0, "genl_ctrl_resolve(acq) = %d", family);

	ctl = acq_ctl_open();
	T_ASSERT(ctl, "acq_ctl_open: %m");
	T_ASSERT(acq_ctl_family_id(ctl) == family, "family id %d != %d",
		 acq_ctl_family_id(ctl), family);

	/* No backend is loaded: the registry is empty. */
	T_ASSERT_ERR(acq_dev_foreach(ctl, count_dev, &n), 0);
	T_ASSERT(n == 0, "%d devices without a backend", n);

	T_ASSERT_ERR(acq_dev_get(ctl, 7, &info, sizeof(info)), -ENODEV);
	T_ASSERT(errno == ENODEV, "errno %d", errno);
	expect_msg(ctl, "no device with this id");

	T_ASSERT_ERR(dev_get_raw(ctl, 0, NULL, 0), -EINVAL);
	expect_msg(ctl, "missing required attribute id");

	T_ASSERT_ERR(dev_get_raw(ctl, ACQ_A_DEV_MAX + 5, &big, sizeof(big)), -EINVAL);
	T_ASSERT(*acq_ctl_errmsg(ctl), "no extack for an unknown attribute");
	printf("extack: %s\n", acq_ctl_errmsg(ctl));

	T_ASSERT_ERR(dev_get_raw(ctl, ACQ_A_DEV_ID, &small, sizeof(small)), -EINVAL);
	T_ASSERT(*acq_ctl_errmsg(ctl), "no extack for a short attribute");
	printf("extack: %s\n", acq_ctl_errmsg(ctl));

	T_ASSERT_ERR(dev_get_raw(ctl, ACQ_A_DEV_ID, &big, sizeof(big)), -ERANGE);
	T_ASSERT(*acq_ctl_errmsg(ctl), "no extack for an id out of range");
	printf("extack: %s\n", acq_ctl_errmsg(ctl));

	/* The handle still works after every refusal. */
	T_ASSERT_ERR(acq_dev_foreach(ctl, count_dev, &n), 0);

	acq_ctl_close(ctl);
	t_unload_module("acq");

	T_ASSERT(genl_ctrl_resolve(sk, ACQ_FAMILY_NAME) < 0,
		 "family still resolves after unload");
	T_ASSERT(!acq_ctl_open() && errno == ENOENT,
		 "acq_ctl_open without the module: %m");
	nl_socket_free(sk);
	return T_PASS;
}
