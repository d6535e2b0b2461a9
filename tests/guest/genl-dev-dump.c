// SPDX-License-Identifier: GPL-2.0
/*
 * A dev-get dump that takes several rounds: with a 4 KiB receive buffer the
 * kernel fills skbs of about that size, so 200 devices need several, and
 * the dump must resume where it stopped. Every device arrives once, in id
 * order, and the dump ends with a status of 0. Raw netlink, no libnl, so
 * the buffer size is ours.
 */
#include "genl-raw.h"

#define NR_DEVS 200

int main(void)
{
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	int seen[NR_DEVS] = { }, last = -1, rounds = 0, done = 0, family, fd;
	int i;
	char line[32];

	t_load_module("acq");
	t_load_module("sim/acq_sim");
	for (i = 0; i < NR_DEVS; i++) {
		snprintf(line, sizeof(line), "%d %d\n", 1000 + i, i % 64 + 1);
		t_sysfs_write("/sys/bus/acq_sim/new_device", line);
	}

	fd = t_genl_socket();
	family = t_genl_family();
	t_genl_dump(fd, family, ACQ_CMD_DEV_GET, 1);

	while (!done) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		T_ASSERT(len > 0, "recv: %m");
		rounds++;
		for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			struct nlattr *a;
			int rem, id = -1;

			if (t_genl_dump_msg(nlh, family)) {
				done = 1;
				break;
			}
			a = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
			rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
			for (; rem >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
			       a->nla_len <= rem;
			     rem -= NLA_ALIGN(a->nla_len),
			     a = (void *)((char *)a + NLA_ALIGN(a->nla_len)))
				if (a->nla_type == ACQ_A_DEV_ID)
					id = *(__u32 *)(a + 1);
			T_ASSERT(id >= 0 && id < NR_DEVS, "device id %d", id);
			T_ASSERT(id > last, "id %d after %d: not in order", id, last);
			T_ASSERT(!seen[id]++, "device %d twice", id);
			last = id;
		}
	}
	for (i = 0; i < NR_DEVS; i++)
		T_ASSERT(seen[i], "device %d missing", i);
	printf("%d devices in %d reads\n", NR_DEVS, rounds);
	T_ASSERT(rounds >= 3, "the dump fit in %d reads: resuming untested", rounds);

	close(fd);
	t_unload_module("acq_sim");
	t_unload_module("acq");
	return T_PASS;
}
