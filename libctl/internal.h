/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _ACQCTL_INTERNAL_H
#define _ACQCTL_INTERNAL_H

#include <errno.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "acq/acqctl.h"
#include "acq/ring.h"

#define ACQ_ERRMSG_LEN 256

struct acq_ctl {
	struct nl_sock *sock;
	int family;
	/* A receive failed mid-request: replies of it may still be queued,
	 * so the next request starts on a new socket.
	 */
	int out_of_sync;
	char errmsg[ACQ_ERRMSG_LEN];
};

/* Return -err and set errno, the library's error convention. */
static inline int acq_err(int err)
{
	if (err < 0)
		errno = -err;
	return err;
}

/* opts.c: structs that grow, in and out of the library */
void acq_copy_out(void *dst, size_t dst_sz, const void *src, size_t src_sz);
int acq_opts_load(void *dst, size_t dst_sz, const void *src);

/* Optional attributes of a reply read as 0 when absent. */
static inline uint8_t acq_nla_u8(const struct nlattr *a)
{
	return a ? nla_get_u8(a) : 0;
}

static inline uint32_t acq_nla_u32(const struct nlattr *a)
{
	return a ? nla_get_u32(a) : 0;
}

static inline uint64_t acq_nla_u64(const struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

/* Called for each reply message of a request with its attributes. */
typedef int (*acq_reply_fn)(struct nlattr **tb, void *arg);

struct nl_sock *acq_sock_open(int *family);
struct nl_msg *acq_msg_new(const struct acq_ctl *ctl, uint8_t cmd, int flags);
int acq_request(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		const struct nla_policy *policy, acq_reply_fn fn, void *arg);
struct nl_msg *acq_msg_ids(const struct acq_ctl *ctl, uint8_t cmd, int flags,
			   int type1, uint32_t v1, int type2, uint32_t v2);
int acq_request_get(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		    const struct nla_policy *policy, acq_reply_fn parse,
		    void *out, size_t out_sz, size_t size);
int acq_request_one(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		    const struct nla_policy *policy, acq_reply_fn parse,
		    void *out);
int acq_request_handle(struct acq_ctl *ctl, uint8_t cmd, int dev_attr,
		       uint32_t dev_id, int handle_attr, int handle);

/*
 * A dump of a device's objects (or, with ACQ_DEV_ALL, every device's),
 * for the foreach calls: each reply, parsed with @parse into an object
 * whose first member is its device's id, goes to @call, which hands it to
 * the caller's callback @cb with @arg. @call is each type's own, since a
 * callback must be called through its own type.
 */
struct acq_dump {
	uint32_t dev_id;
	acq_reply_fn parse;
	int (*call)(const struct acq_dump *dump, const void *obj);
	union {
		acq_chan_cb chan;
		acq_stats_cb stats;
		acq_window_cb window;
	} cb;
	void *arg;
};

int acq_request_dump(struct acq_ctl *ctl, uint8_t cmd, int dev_attr,
		     int maxattr, const struct nla_policy *policy,
		     struct acq_dump *dump);

/*
 * policy.c, generated from the spec: what a reply (or a notification) of
 * each attribute set may hold; libnl checks it before we read it.
 */
extern struct nla_policy acq_dev_reply_policy[ACQ_A_DEV_MAX + 1];
extern struct nla_policy acq_chan_reply_policy[ACQ_A_CHAN_MAX + 1];
extern struct nla_policy acq_ring_reply_policy[ACQ_A_RING_MAX + 1];
extern struct nla_policy acq_stats_reply_policy[ACQ_A_STATS_MAX + 1];
extern struct nla_policy acq_window_reply_policy[ACQ_A_WINDOW_MAX + 1];

/* dev.c */
int acq_dev_info_parse(struct nlattr **tb, void *info);

/* chan.c */
int acq_chan_info_parse(struct nlattr **tb, void *info);
int acq_chan_set_put(struct nl_msg *msg, uint32_t dev_id, uint32_t chan,
		     int handle, const struct acq_chan_config *cfg);

/* stats.c */
int acq_chan_stats_parse(struct nlattr **tb, void *stats);

/* window.c */
int acq_window_info_parse(struct nlattr **tb, void *info);
int acq_window_set_put(struct nl_msg *msg, uint32_t dev_id, uint32_t win,
		       int handle, uint32_t policy);

/* ring_attach.c: what the kernel answers to ring-attach. */
struct acq_ring_reply {
	uint32_t dev_id;
	uint32_t desc_count;
	uint32_t slot_size;
	uint64_t map_size;
};

int acq_ring_attach_put(struct nl_msg *msg, uint32_t dev_id, int handle,
			int efd, const struct acq_ring_opts *opts);
int acq_ring_reply_parse(struct nlattr **tb, void *reply);
int acq_ring_geometry_check(const struct acq_ring_header *hdr, size_t page,
			    const struct acq_ring_reply *reply);
int acq_ring_map_failure(int map_err, int detach_err);

/* monitor.c: one event, and the objects its pointers point to. */
struct acq_event_msg {
	struct acq_event ev;
	union {
		struct acq_dev_info dev;
		struct acq_chan_info chan;
		struct acq_chan_stats stats;
		struct acq_window_info window;
	} obj;
};

int acq_event_parse(struct nlmsghdr *nlh, int family, struct acq_event_msg *m);
struct acq_monitor *acq_monitor_new(struct nl_sock *sock, int family,
				    acq_event_cb cb, void *arg);

/* errors.c */
int acq_nle_to_errno(int nle);
int acq_nlerr_parse(const struct nlmsghdr *nlh, size_t len,
		    const struct nlmsghdr *req, char *msg, size_t msg_len);

/* attr-names.c, generated from the spec */
const char *acq_attr_name(unsigned int cmd, unsigned int type);

#endif /* _ACQCTL_INTERNAL_H */
