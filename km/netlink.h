/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "acq" generic netlink family inside the core, one file an object:
 * the family itself (nl-family.c, with the generated nl-gen.[ch]), what
 * every request shares (nl-request.c), the requests and messages of
 * devices (nl-dev.c), channels and their counters (nl-chan.c), the ring
 * (nl-ring.c) and the register windows (nl-window.c), and the events
 * (nl-notify.c), which carry the same messages.
 */
#ifndef _ACQ_NETLINK_H
#define _ACQ_NETLINK_H

#include <net/genetlink.h>

#include "nl-gen.h"

struct acq_dev;

extern struct genl_family acq_nl_family;

/*
 * Put one device's, channel's or channel counters' message, as @cmd:
 * nl-dev.c and nl-chan.c.
 */
int acq_nl_dev_fill(struct sk_buff *msg, struct acq_dev *adev, u8 cmd,
		    u32 portid, u32 seq, int flags);
int acq_nl_chan_fill(struct sk_buff *msg, struct acq_dev *adev,
		     unsigned int chan, u8 cmd, u32 portid, u32 seq,
		     int flags);
int acq_nl_stats_fill(struct sk_buff *msg, struct acq_dev *adev,
		      unsigned int chan, u8 cmd, u32 portid, u32 seq,
		      int flags);
int acq_nl_stats_fill_dropped(struct sk_buff *msg, struct acq_dev *adev,
			      unsigned int chan, u8 cmd, u32 portid, u32 seq,
			      int flags, u64 *dropped_put);

/* nl-request.c: the request helpers the handlers share */
struct acq_dev *acq_nl_dev_get(struct genl_info *info, int attr);
int acq_nl_dev_lock_live(struct acq_dev *adev, struct genl_info *info,
			 int attr);
struct acq_dev *acq_nl_dev_lock(struct genl_info *info, int attr);
void acq_nl_dev_unlock(struct acq_dev *adev);
struct file *acq_nl_handle_get(struct genl_info *info, int attr);
void acq_nl_handle_put(struct file *file);
int acq_nl_handle_check(struct acq_dev *adev, struct file *file,
			struct sk_buff *skb, struct genl_info *info, int attr);
void acq_nl_get_u32(struct genl_info *info, int attr, u32 *val);
void acq_nl_dump_check(struct netlink_callback *cb, struct sk_buff *skb,
		       int start);

/*
 * Where a dump resumes in its next round: the device, by id, and in it
 * the item (an items' dump only). Kept in the callback's ctx, zeroed
 * before the first round.
 */
struct acq_nl_dump_ctx {
	unsigned long id;
	unsigned int item;
};

static_assert(sizeof(struct acq_nl_dump_ctx) <=
	      sizeof_field(struct netlink_callback, ctx));

static inline struct acq_nl_dump_ctx *
acq_nl_dump_ctx_of(struct netlink_callback *cb)
{
	return (struct acq_nl_dump_ctx *)cb->ctx;
}

/* A request's work on a device its sender may change; under its lock. */
typedef int (*acq_nl_dev_op_t)(struct acq_dev *adev, struct genl_info *info);

int acq_nl_dev_change(struct sk_buff *skb, struct genl_info *info,
		      int id_attr, int handle_attr, bool need_ring,
		      acq_nl_dev_op_t op);

/*
 * Items a device has several of, channels or windows, got one by one or
 * dumped: the attributes naming the device and the item, how many the
 * device has, the extack message for one it lacks, and the reply for
 * one item (made under the device's lock).
 */
struct acq_nl_items {
	int dev_attr;
	int item_attr;
	unsigned int (*count)(const struct acq_dev *adev);
	const char *missing;
	int (*fill)(struct sk_buff *msg, struct acq_dev *adev,
		    unsigned int item, u8 cmd, u32 portid, u32 seq,
		    int flags);
};

bool acq_nl_item_lookup(struct acq_dev *adev, struct genl_info *info,
			const struct acq_nl_items *items);
int acq_nl_item_reply(struct genl_info *info, const struct acq_nl_items *items);
int acq_nl_item_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct acq_nl_items *items);

/* nl-window.c */
struct acq_window_status;

int acq_nl_window_fill(struct sk_buff *msg, struct acq_dev *adev,
		       unsigned int n, const struct acq_window_status *st,
		       u8 cmd, u32 portid, u32 seq, int flags);
int acq_nl_dev_put_windows(struct sk_buff *msg, struct acq_dev *adev);

#endif /* _ACQ_NETLINK_H */
