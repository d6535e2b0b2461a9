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

extern const struct nla_policy acq_dev_start_nl_policy[ACQ_A_DEV_HANDLE + 1];

extern const struct nla_policy acq_dev_stop_nl_policy[ACQ_A_DEV_HANDLE + 1];

extern const struct nla_policy acq_chan_get_nl_policy[ACQ_A_CHAN_ID + 1];

extern const struct nla_policy acq_chan_set_nl_policy[ACQ_A_CHAN_HANDLE + 1];

extern const struct nla_policy acq_ring_attach_nl_policy[ACQ_A_RING_NEED_WAKEUP + 1];

extern const struct nla_policy acq_ring_detach_nl_policy[ACQ_A_RING_HANDLE + 1];

extern const struct nla_policy acq_stats_get_nl_policy[ACQ_A_STATS_CHAN_ID + 1];

extern const struct nla_policy acq_window_get_nl_policy[ACQ_A_WINDOW_ID + 1];

extern const struct nla_policy acq_window_set_nl_policy[ACQ_A_WINDOW_HANDLE + 1];

extern const struct nla_policy acq_window_revoke_nl_policy[ACQ_A_WINDOW_ID + 1];

extern const struct nla_policy acq_window_restore_nl_policy[ACQ_A_WINDOW_ID + 1];

/* Ops table for acq */
extern const struct genl_ops acq_nl_ops[12];

int acq_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int acq_nl_dev_start_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_dev_stop_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_chan_get_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_chan_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int acq_nl_chan_set_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_ring_attach_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_ring_detach_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_stats_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int acq_nl_window_get_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_window_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int acq_nl_window_set_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_window_revoke_doit(struct sk_buff *skb, struct genl_info *info);
int acq_nl_window_restore_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	ACQ_NLGRP_MONITOR,
};

#endif /* _LINUX_ACQ_GEN_H */
