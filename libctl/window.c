// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Register windows: ACQ_CMD_WINDOW_GET as a do (one window) and as a dump
 * of one device's or all, ACQ_CMD_WINDOW_SET, -REVOKE and -RESTORE, and
 * the mapping of a window from its device's /dev/acqN.
 */
/* Window offsets start at 1 TiB: mmap() needs a 64-bit off_t for them. */
#define _FILE_OFFSET_BITS 64

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <netlink/attr.h>

#include "internal.h"

_Static_assert(sizeof(off_t) == 8, "window offsets need a 64-bit off_t");

/* Offset and size are required: a mapping is made from them. */
int acq_window_info_parse(struct nlattr **tb, void *arg)
{
	struct acq_window_info *info = arg;

	memset(info, 0, sizeof(*info));
	if (!tb[ACQ_A_WINDOW_DEV_ID] || !tb[ACQ_A_WINDOW_ID] ||
	    !tb[ACQ_A_WINDOW_OFFSET] || !tb[ACQ_A_WINDOW_SIZE])
		return -EBADMSG;
	info->dev_id = nla_get_u32(tb[ACQ_A_WINDOW_DEV_ID]);
	info->id = nla_get_u32(tb[ACQ_A_WINDOW_ID]);
	info->offset = nla_get_u64(tb[ACQ_A_WINDOW_OFFSET]);
	info->size = nla_get_u64(tb[ACQ_A_WINDOW_SIZE]);
	info->writable = acq_nla_u8(tb[ACQ_A_WINDOW_WRITABLE]);
	info->state = acq_nla_u32(tb[ACQ_A_WINDOW_STATE]);
	info->policy = acq_nla_u32(tb[ACQ_A_WINDOW_POLICY]);
	info->revokes = acq_nla_u64(tb[ACQ_A_WINDOW_REVOKES]);
	return 0;
}

ACQCTL_API int acq_window_get(struct acq_ctl *ctl, __u32 dev_id, __u32 win,
			      struct acq_window_info *info, size_t info_sz)
{
	struct nl_msg *msg;

	if (!info || !info_sz)
		return acq_err(-EINVAL);
	msg = acq_msg_ids(ctl, ACQ_CMD_WINDOW_GET, 0, ACQ_A_WINDOW_DEV_ID,
			  dev_id, ACQ_A_WINDOW_ID, win);
	if (!msg)
		return acq_err(-errno);
	return acq_request_get(ctl, msg, ACQ_A_WINDOW_MAX,
			       acq_window_reply_policy, acq_window_info_parse,
			       info, info_sz, sizeof(*info));
}

static int acq_window_dump_call(const struct acq_dump *dump, const void *obj)
{
	return dump->cb.window(obj, dump->arg);
}

ACQCTL_API int acq_window_foreach(struct acq_ctl *ctl, __u32 dev_id,
				  acq_window_cb cb, void *arg)
{
	struct acq_dump dump = {
		.dev_id = dev_id, .parse = acq_window_info_parse,
		.call = acq_window_dump_call, .cb.window = cb, .arg = arg,
	};

	if (!cb)
		return acq_err(-EINVAL);
	return acq_request_dump(ctl, ACQ_CMD_WINDOW_GET, ACQ_A_WINDOW_DEV_ID,
				ACQ_A_WINDOW_MAX, acq_window_reply_policy,
				&dump);
}

/*
 * Fill a window-set request: the window, the handle unless it is
 * negative, and the policy. -EINVAL for a policy the spec does not have
 * (the kernel would refuse it too, less clearly), -EMSGSIZE if full.
 */
int acq_window_set_put(struct nl_msg *msg, uint32_t dev_id, uint32_t win,
		       int handle, uint32_t policy)
{
	if (policy > ACQ_WINDOW_POLICY_SIGBUS)
		return -EINVAL;
	if (nla_put_u32(msg, ACQ_A_WINDOW_DEV_ID, dev_id) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_ID, win) ||
	    (handle >= 0 && nla_put_s32(msg, ACQ_A_WINDOW_HANDLE, handle)) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_POLICY, policy))
		return -EMSGSIZE;
	return 0;
}

ACQCTL_API int acq_window_set_policy(struct acq_ctl *ctl, __u32 dev_id,
				     __u32 win, int handle, __u32 policy)
{
	struct nl_msg *msg;
	int err;

	msg = acq_msg_new(ctl, ACQ_CMD_WINDOW_SET, 0);
	if (!msg)
		return acq_err(-ENOMEM);
	err = acq_window_set_put(msg, dev_id, win, handle, policy);
	if (err) {
		nlmsg_free(msg);
		/* Refused here: no earlier request's message is left. */
		snprintf(ctl->errmsg, sizeof(ctl->errmsg),
			 err == -EINVAL ? "no window policy %u" :
			 "request too large", policy);
		return acq_err(err);
	}
	return acq_request(ctl, msg, 0, NULL, NULL, NULL);
}

/* A request naming a window, answered by an ACK only. */
static int acq_window_request(struct acq_ctl *ctl, uint8_t cmd,
			      __u32 dev_id, __u32 win)
{
	struct nl_msg *msg;

	msg = acq_msg_ids(ctl, cmd, 0, ACQ_A_WINDOW_DEV_ID, dev_id,
			  ACQ_A_WINDOW_ID, win);
	if (!msg)
		return acq_err(-errno);
	return acq_request(ctl, msg, 0, NULL, NULL, NULL);
}

ACQCTL_API int acq_window_revoke(struct acq_ctl *ctl, __u32 dev_id, __u32 win)
{
	return acq_window_request(ctl, ACQ_CMD_WINDOW_REVOKE, dev_id, win);
}

ACQCTL_API int acq_window_restore(struct acq_ctl *ctl, __u32 dev_id, __u32 win)
{
	return acq_window_request(ctl, ACQ_CMD_WINDOW_RESTORE, dev_id, win);
}

/* Can @info be mapped as one mapping of this process? 0 or -EINVAL. */
static int acq_window_map_check(const struct acq_window_info *info)
{
	if (!info || !info->size || info->size > SIZE_MAX ||
	    info->offset > INT64_MAX || info->size > INT64_MAX - info->offset)
		return -EINVAL;
	return 0;
}

ACQCTL_API void *acq_window_map(int handle_fd,
				const struct acq_window_info *info, int prot)
{
	void *addr;
	int err;

	err = acq_window_map_check(info);
	if (!err && prot != PROT_READ && prot != (PROT_READ | PROT_WRITE))
		err = -EINVAL;
	if (err) {
		errno = -err;
		return NULL;
	}
	addr = mmap(NULL, info->size, prot, MAP_SHARED, handle_fd,
		    (off_t)info->offset);
	if (addr == MAP_FAILED)
		return NULL;
	return addr;
}

ACQCTL_API int acq_window_unmap(void *addr,
				const struct acq_window_info *info)
{
	int err = acq_window_map_check(info);

	if (err || !addr)
		return acq_err(-EINVAL);
	return munmap(addr, info->size) ? acq_err(-errno) : 0;
}
