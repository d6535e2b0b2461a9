/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "acq" generic netlink family inside the core: the family itself
 * (nl-family.c), the reply builders the handlers and the notifications
 * share (netlink.c), and the notifications (notify.c).
 */
#ifndef _ACQ_NETLINK_H
#define _ACQ_NETLINK_H

#include <net/genetlink.h>

#include "nl-gen.h"

struct acq_dev;

extern struct genl_family acq_nl_family;

/* Put one device's, channel's or channel counters' message, as @cmd. */
int acq_nl_dev_fill(struct sk_buff *msg, struct acq_dev *dev, u8 cmd,
		    u32 portid, u32 seq, int flags);
int acq_nl_chan_fill(struct sk_buff *msg, struct acq_dev *dev,
		     unsigned int chan, u8 cmd, u32 portid, u32 seq,
		     int flags);
int acq_nl_stats_fill(struct sk_buff *msg, struct acq_dev *dev,
		      unsigned int chan, u8 cmd, u32 portid, u32 seq,
		      int flags);
int acq_nl_stats_fill_dropped(struct sk_buff *msg, struct acq_dev *dev,
			      unsigned int chan, u8 cmd, u32 portid, u32 seq,
			      int flags, u64 *dropped_put);

#endif /* _ACQ_NETLINK_H */
