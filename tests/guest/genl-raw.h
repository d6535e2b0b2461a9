/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw generic netlink for guest tests that size their own receive buffer
 * (no libnl but to resolve the family): a socket, a dump request, and the
 * checks every message of a dump must pass.
 */
#ifndef _ACQ_GUEST_GENL_RAW_H
#define _ACQ_GUEST_GENL_RAW_H

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "guest.h"
#include "acq/acqctl.h"

/* The acq family's id, resolved through the generic netlink controller. */
static inline int t_genl_family(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int family;

	T_ASSERT(sk && genl_connect(sk) == 0, "genl socket");
	family = genl_ctrl_resolve(sk, ACQ_FAMILY_NAME);
	nl_socket_free(sk);
	T_ASSERT(family > 0, "resolve acq: %d", family);
	return family;
}

static inline int t_genl_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	T_ASSERT(fd >= 0, "socket: %m");
	return fd;
}

/* Ask for a dump of @cmd, numbered @seq. */
static inline void t_genl_dump(int fd, int family, __u8 cmd, __u32 seq)
{
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr genl;
	} req = { };

	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = family;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nlh.nlmsg_seq = seq;
	req.genl.cmd = cmd;
	req.genl.version = ACQ_FAMILY_VERSION;
	T_ASSERT(send(fd, &req, sizeof(req), 0) == sizeof(req), "send: %m");
}

/*
 * A message of a dump of @family: 1 if it is the end, which must say 0;
 * 0 if it is one of the dump's own.
 */
static inline int t_genl_dump_msg(const struct nlmsghdr *nlh, int family)
{
	if (nlh->nlmsg_type == NLMSG_DONE) {
		T_ASSERT(*(int *)NLMSG_DATA(nlh) == 0, "dump ended with %d",
			 *(int *)NLMSG_DATA(nlh));
		return 1;
	}
	T_ASSERT(nlh->nlmsg_type == family, "message type %u",
		 nlh->nlmsg_type);
	T_ASSERT(nlh->nlmsg_flags & NLM_F_MULTI, "not part of a dump");
	return 0;
}

#endif /* _ACQ_GUEST_GENL_RAW_H */
