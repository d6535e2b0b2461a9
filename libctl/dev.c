// SPDX-License-Identifier: LGPL-2.1-or-later
/* Devices: ACQ_CMD_DEV_GET as a do (one device) and as a dump (all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>

#include "internal.h"

static void acq_copy_str(char *dst, size_t size, const struct nlattr *a)
{
	dst[0] = '\0';
	if (a)
		snprintf(dst, size, "%.*s", nla_len(a), (const char *)nla_data(a));
}

/* Everything but the id is optional: what an older kernel lacks reads 0. */
int acq_dev_info_parse(struct nlattr **tb, void *arg)
{
	struct acq_dev_info *info = arg;

	memset(info, 0, sizeof(*info));
	if (!tb[ACQ_A_DEV_ID])
		return -EBADMSG;
	info->id = nla_get_u32(tb[ACQ_A_DEV_ID]);
	acq_copy_str(info->name, sizeof(info->name), tb[ACQ_A_DEV_NAME]);
	acq_copy_str(info->backend, sizeof(info->backend), tb[ACQ_A_DEV_BACKEND]);
	acq_copy_str(info->parent, sizeof(info->parent), tb[ACQ_A_DEV_PARENT]);
	info->nr_channels = acq_nla_u32(tb[ACQ_A_DEV_CHANNELS]);
	info->state = acq_nla_u32(tb[ACQ_A_DEV_STATE]);
	info->stop_reason = acq_nla_u32(tb[ACQ_A_DEV_STOP_REASON]);
	info->ring_attached = acq_nla_u8(tb[ACQ_A_DEV_RING_ATTACHED]);
	info->owner_pid = acq_nla_u32(tb[ACQ_A_DEV_OWNER_PID]);
	info->ring_desc_count = acq_nla_u32(tb[ACQ_A_DEV_RING_DESC_COUNT]);
	info->ring_slot_size = acq_nla_u32(tb[ACQ_A_DEV_RING_SLOT_SIZE]);
	info->produced = acq_nla_u64(tb[ACQ_A_DEV_PRODUCED]);
	info->delivered = acq_nla_u64(tb[ACQ_A_DEV_DELIVERED]);
	info->dropped = acq_nla_u64(tb[ACQ_A_DEV_DROPPED]);
	info->protocol_errors = acq_nla_u64(tb[ACQ_A_DEV_PROTOCOL_ERRORS]);
	return 0;
}

ACQCTL_API int acq_dev_get(struct acq_ctl *ctl, __u32 id,
			   struct acq_dev_info *info, size_t info_sz)
{
	struct nl_msg *msg;

	if (!info || !info_sz)
		return acq_err(-EINVAL);
	msg = acq_msg_ids(ctl, ACQ_CMD_DEV_GET, 0, ACQ_A_DEV_ID, id, 0, 0);
	if (!msg)
		return acq_err(-errno);
	return acq_request_get(ctl, msg, ACQ_A_DEV_MAX, acq_dev_reply_policy,
			       acq_dev_info_parse, info, info_sz,
			       sizeof(*info));
}

struct acq_dev_walk {
	acq_dev_cb cb;
	void *arg;
};

static int acq_dev_walk_reply(struct nlattr **tb, void *arg)
{
	struct acq_dev_walk *walk = arg;
	struct acq_dev_info info;
	int err;

	err = acq_dev_info_parse(tb, &info);
	if (err)
		return err;
	return walk->cb(&info, walk->arg);
}

ACQCTL_API int acq_dev_foreach(struct acq_ctl *ctl, acq_dev_cb cb, void *arg)
{
	struct acq_dev_walk walk = { .cb = cb, .arg = arg };
	struct nl_msg *msg;

	if (!cb)
		return acq_err(-EINVAL);
	msg = acq_msg_new(ctl, ACQ_CMD_DEV_GET, NLM_F_DUMP);
	if (!msg)
		return acq_err(-ENOMEM);
	return acq_request(ctl, msg, ACQ_A_DEV_MAX, acq_dev_reply_policy,
			   acq_dev_walk_reply, &walk);
}

ACQCTL_API int acq_dev_parse_name(const char *name, __u32 *id)
{
	unsigned long v;
	char *end;

	if (!name || !id)
		return acq_err(-EINVAL);
	if (!strncmp(name, "acq", 3))
		name += 3;
	if (*name < '0' || *name > '9')
		return acq_err(-EINVAL);
	errno = 0;
	v = strtoul(name, &end, 10);
	if (errno || *end || v > 0x7fffffffUL)
		return acq_err(-EINVAL);
	*id = v;
	return 0;
}
