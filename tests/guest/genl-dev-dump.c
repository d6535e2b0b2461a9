// SPDX-License-Identifier: GPL-2.0
/*
 * A dev-get dump that takes several rounds: with a 4 KiB receive buffer the
 * kernel fills skbs of about that size, so 200 devices need several, and
 * the dump must resume where it stopped. Every device arrives once, in id
 * order, and the dump ends with a status of 0. Raw netlink, no libnl, so
 * the buffer size is ours.
 */
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "guest.h"
#include "acq/acqctl.h"

#define NR_DEVS 200

static void sim_write(const char *file, const char *line)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/acq_sim/%s", file);
	f = fopen(path, "w");
	T_ASSERT(f, "open %s: %m", path);
	T_ASSERT(fputs(line, f) >= 0 && fclose(f) == 0, "write %s to %s: %m", line, path);
}

static int resolve_family(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int family;

	T_ASSERT(sk && genl_connect(sk) == 0, "genl socket");
	family = genl_ctrl_resolve(sk, ACQ_FAMILY_NAME);
	nl_socket_free(sk);
	T_ASSERT(family > 0, "resolve acq: %d", family);
	return family;
}

int main(void)
{
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
	} req = { };
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	int seen[NR_DEVS] = { }, last = -1, rounds = 0, done = 0, fd, i;
	char line[32];

	t_load_module("acq");
	t_load_module("sim/acq_sim");
	for (i = 0; i < NR_DEVS; i++) {
		snprintf(line, sizeof(line), "%d %d\n", 1000 + i, i % 64 + 1);
		sim_write("new_device", line);
	}

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	T_ASSERT(fd >= 0, "socket: %m");
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = resolve_family();
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nlh.nlmsg_seq = 1;
	req.genl.cmd = ACQ_CMD_DEV_GET;
	req.genl.version = ACQ_FAMILY_VERSION;
	T_ASSERT(send(fd, &req, sizeof(req), 0) == sizeof(req), "send: %m");

	while (!done) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		T_ASSERT(len > 0, "recv: %m");
		rounds++;
		for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			struct nlattr *a;
			int rem, id = -1;

			if (nlh->nlmsg_type == NLMSG_DONE) {
				T_ASSERT(*(int *)NLMSG_DATA(nlh) == 0, "dump ended with %d",
					 *(int *)NLMSG_DATA(nlh));
				done = 1;
				break;
			}
			T_ASSERT(nlh->nlmsg_type == req.nlh.nlmsg_type,
				 "message type %u", nlh->nlmsg_type);
			T_ASSERT(nlh->nlmsg_flags & NLM_F_MULTI, "not part of a dump");
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
