/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_ACQ_GEN_H
#define _LINUX_ACQ_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/acq.h>

extern const struct nla_policy acq_dev_get_nl_policy[ACQ_A_DEV_ID + 1];

/* Ops table for acq */
extern const struct genl_ops acq_nl_ops[1];

int acq_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _LINUX_ACQ_GEN_H */
