// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Channel counters: ACQ_CMD_STATS_GET as a do (one channel) and as a dump
 * of one device's or all.
 */
#include <string.h>
#include <netlink/attr.h>

#include "internal.h"

int acq_chan_stats_parse(struct nlattr **tb, void *arg)
{
	struct acq_chan_stats *stats = arg;

	memset(stats, 0, sizeof(*stats));
	if (!tb[ACQ_A_STATS_DEV_ID] || !tb[ACQ_A_STATS_CHAN_ID])
		return -EBADMSG;
	stats->dev_id = nla_get_u32(tb[ACQ_A_STATS_DEV_ID]);
	stats->chan = nla_get_u32(tb[ACQ_A_STATS_CHAN_ID]);
	stats->produced = acq_nla_u64(tb[ACQ_A_STATS_PRODUCED]);
	stats->delivered = acq_nla_u64(tb[ACQ_A_STATS_DELIVERED]);
	stats->dropped = acq_nla_u64(tb[ACQ_A_STATS_DROPPED]);
	stats->chunks = acq_nla_u64(tb[ACQ_A_STATS_CHUNKS]);
	stats->protocol_errors = acq_nla_u64(tb[ACQ_A_STATS_PROTOCOL_ERRORS]);
	stats->last_error = acq_nla_u32(tb[ACQ_A_STATS_LAST_ERROR]);
	stats->errors = acq_nla_u64(tb[ACQ_A_STATS_ERRORS]);
	stats->chunk_errors = acq_nla_u64(tb[ACQ_A_STATS_CHUNK_ERRORS]);
	return 0;
}

ACQCTL_API int acq_stats_get(struct acq_ctl *ctl, __u32 dev_id, __u32 chan,
			     struct acq_chan_stats *stats, size_t stats_sz)
{
	struct nl_msg *msg;

	if (!stats || !stats_sz)
		return acq_err(-EINVAL);
	msg = acq_msg_ids(ctl, ACQ_CMD_STATS_GET, 0, ACQ_A_STATS_DEV_ID, dev_id,
			  ACQ_A_STATS_CHAN_ID, chan);
	if (!msg)
		return acq_err(-errno);
	return acq_request_get(ctl, msg, ACQ_A_STATS_MAX, acq_stats_reply_policy,
			       acq_chan_stats_parse, stats, stats_sz,
			       sizeof(*stats));
}

static int acq_stats_dump_call(const struct acq_dump *dump, const void *obj)
{
	return dump->cb.stats(obj, dump->arg);
}

ACQCTL_API int acq_stats_foreach(struct acq_ctl *ctl, __u32 dev_id,
				 acq_stats_cb cb, void *arg)
{
	struct acq_dump dump = {
		.dev_id = dev_id, .parse = acq_chan_stats_parse,
		.call = acq_stats_dump_call, .cb.stats = cb, .arg = arg,
	};

	if (!cb)
		return acq_err(-EINVAL);
	return acq_request_dump(ctl, ACQ_CMD_STATS_GET, ACQ_A_STATS_DEV_ID,
				ACQ_A_STATS_MAX, acq_stats_reply_policy, &dump);
}
