// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Channels: ACQ_CMD_CHAN_GET as a do (one channel) and as a dump of one
 * device's or all, and ACQ_CMD_CHAN_SET.
 */
#include <string.h>
#include <netlink/attr.h>

#include "internal.h"

int acq_chan_info_parse(struct nlattr **tb, void *arg)
{
	struct acq_chan_info *info = arg;

	memset(info, 0, sizeof(*info));
	if (!tb[ACQ_A_CHAN_DEV_ID] || !tb[ACQ_A_CHAN_ID])
		return -EBADMSG;
	info->dev_id = nla_get_u32(tb[ACQ_A_CHAN_DEV_ID]);
	info->id = nla_get_u32(tb[ACQ_A_CHAN_ID]);
	info->enabled = acq_nla_u8(tb[ACQ_A_CHAN_ENABLED]);
	info->lines = acq_nla_u32(tb[ACQ_A_CHAN_LINES]);
	info->line_bytes = acq_nla_u32(tb[ACQ_A_CHAN_LINE_BYTES]);
	info->lines_per_chunk = acq_nla_u32(tb[ACQ_A_CHAN_LINES_PER_CHUNK]);
	info->line_rate = acq_nla_u32(tb[ACQ_A_CHAN_LINE_RATE]);
	info->frame_bytes = acq_nla_u32(tb[ACQ_A_CHAN_FRAME_BYTES]);
	return 0;
}

ACQCTL_API int acq_chan_get(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			    struct acq_chan_info *info, size_t info_sz)
{
	struct nl_msg *msg;

	if (!info || !info_sz)
		return acq_err(-EINVAL);
	msg = acq_msg_ids(ctl, ACQ_CMD_CHAN_GET, 0, ACQ_A_CHAN_DEV_ID, dev_id,
			  ACQ_A_CHAN_ID, chan);
	if (!msg)
		return acq_err(-errno);
	return acq_request_get(ctl, msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy,
			       acq_chan_info_parse, info, info_sz,
			       sizeof(*info));
}

static int acq_chan_dump_call(const struct acq_dump *dump, const void *obj)
{
	return dump->cb.chan(obj, dump->arg);
}

ACQCTL_API int acq_chan_foreach(struct acq_ctl *ctl, __u32 dev_id,
				acq_chan_cb cb, void *arg)
{
	struct acq_dump dump = {
		.dev_id = dev_id, .parse = acq_chan_info_parse,
		.call = acq_chan_dump_call, .cb.chan = cb, .arg = arg,
	};

	if (!cb)
		return acq_err(-EINVAL);
	return acq_request_dump(ctl, ACQ_CMD_CHAN_GET, ACQ_A_CHAN_DEV_ID,
				ACQ_A_CHAN_MAX, acq_chan_reply_policy, &dump);
}

/* Put @v as attribute @type unless it is 0, "keep the value". */
static int acq_put_set_u32(struct nl_msg *msg, int type, __u32 v)
{
	return v ? nla_put_u32(msg, type, v) : 0;
}

/*
 * Fill a chan-set request: the channel, the handle unless it is negative,
 * and each field of @user_cfg that asks for a change. -EINVAL for a
 * config this library cannot read, -EMSGSIZE if the message is full.
 */
int acq_chan_set_put(struct nl_msg *msg, uint32_t dev_id, uint32_t chan,
		     int handle, const struct acq_chan_config *user_cfg)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = -1);
	int err;

	err = acq_opts_load(&cfg, sizeof(cfg), user_cfg);
	if (err)
		return err;
	if (cfg.enabled < -1 || cfg.enabled > 1)
		return -EINVAL;
	if (nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, dev_id) ||
	    nla_put_u32(msg, ACQ_A_CHAN_ID, chan) ||
	    (handle >= 0 && nla_put_s32(msg, ACQ_A_CHAN_HANDLE, handle)) ||
	    (cfg.enabled >= 0 &&
	     nla_put_u8(msg, ACQ_A_CHAN_ENABLED, cfg.enabled)) ||
	    acq_put_set_u32(msg, ACQ_A_CHAN_LINES, cfg.lines) ||
	    acq_put_set_u32(msg, ACQ_A_CHAN_LINE_BYTES, cfg.line_bytes) ||
	    acq_put_set_u32(msg, ACQ_A_CHAN_LINES_PER_CHUNK,
			    cfg.lines_per_chunk) ||
	    acq_put_set_u32(msg, ACQ_A_CHAN_LINE_RATE, cfg.line_rate))
		return -EMSGSIZE;
	return 0;
}

ACQCTL_API int acq_chan_set(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			    int handle, const struct acq_chan_config *cfg)
{
	struct nl_msg *msg;
	int err;

	msg = acq_msg_new(ctl, ACQ_CMD_CHAN_SET, 0);
	if (!msg)
		return acq_err(-ENOMEM);
	err = acq_chan_set_put(msg, dev_id, chan, handle, cfg);
	if (err) {
		nlmsg_free(msg);
		return acq_err(err);
	}
	return acq_request(ctl, msg, 0, NULL, NULL, NULL);
}
