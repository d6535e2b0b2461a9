// SPDX-License-Identifier: GPL-2.0
/*
 * The channels' requests of the "acq" family: chan-get and chan-set, and
 * stats-get, a channel's counters; their messages are also the events
 * chan-change-ntf and overrun-ntf carry (nl-notify.c).
 */
#include <net/genetlink.h>

#include "core.h"
#include "netlink.h"
#include "ring.h"

int acq_nl_chan_fill(struct sk_buff *msg, struct acq_dev *adev,
		     unsigned int chan, u8 cmd, u32 portid, u32 seq, int flags)
{
	const struct acq_chan_config *cfg = &adev->chans[chan].cfg;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &acq_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, adev->id) ||
	    nla_put_u32(msg, ACQ_A_CHAN_ID, chan) ||
	    nla_put_u8(msg, ACQ_A_CHAN_ENABLED, cfg->enabled) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINES, cfg->lines) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINE_BYTES, cfg->line_bytes) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINES_PER_CHUNK,
			cfg->lines_per_chunk) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINE_RATE, cfg->line_rate) ||
	    nla_put_u32(msg, ACQ_A_CHAN_FRAME_BYTES,
			cfg->lines * cfg->line_bytes)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static unsigned int acq_nl_chan_count(const struct acq_dev *adev)
{
	return adev->nr_channels;
}

static const struct acq_nl_items acq_nl_chans = {
	.dev_attr	= ACQ_A_CHAN_DEV_ID,
	.item_attr	= ACQ_A_CHAN_ID,
	.count		= acq_nl_chan_count,
	.missing	= "no such channel on this device",
	.fill		= acq_nl_chan_fill,
};

static const struct acq_nl_items acq_nl_stats = {
	.dev_attr	= ACQ_A_STATS_DEV_ID,
	.item_attr	= ACQ_A_STATS_CHAN_ID,
	.count		= acq_nl_chan_count,
	.missing	= "no such channel on this device",
	.fill		= acq_nl_stats_fill,
};

int acq_nl_chan_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return acq_nl_item_reply(info, &acq_nl_chans);
}

int acq_nl_chan_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return acq_nl_item_dump(skb, cb, &acq_nl_chans);
}

/*
 * A channel's new configuration, whole. The policy bounds each value; the
 * rules between values are checked here.
 */
static int acq_nl_chan_check(const struct acq_dev *adev,
			     const struct acq_chan_config *cfg,
			     struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = info->attrs;

	if (cfg->line_bytes % 8) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ACQ_A_CHAN_LINE_BYTES],
				    "line-bytes must be a multiple of 8");
		return -EINVAL;
	}
	if (cfg->lines_per_chunk > cfg->lines) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[ACQ_A_CHAN_LINES_PER_CHUNK] ?:
				    tb[ACQ_A_CHAN_LINES],
				    "more lines per chunk than lines per frame");
		return -EINVAL;
	}
	if ((u64)cfg->lines * cfg->line_bytes > ACQ_MAX_FRAME_BYTES) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ACQ_A_CHAN_LINES] ?:
				    tb[ACQ_A_CHAN_LINE_BYTES],
				    "frame larger than max-frame-bytes");
		return -EINVAL;
	}
	/* Within the policy, the device may be able to do less. */
	if (cfg->lines * cfg->line_bytes > adev->limits.max_frame_bytes) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ACQ_A_CHAN_LINES] ?:
				    tb[ACQ_A_CHAN_LINE_BYTES],
				    "frame larger than the device can make");
		return -ERANGE;
	}
	if (cfg->line_rate > adev->limits.max_line_rate) {
		NL_SET_ERR_MSG_ATTR(extack, tb[ACQ_A_CHAN_LINE_RATE],
				    "line rate above the device's");
		return -ERANGE;
	}
	if (adev->started) {
		NL_SET_ERR_MSG(extack, "device is started: stop it first");
		return -EBUSY;
	}
	if (adev->ring && cfg->enabled &&
	    cfg->lines * cfg->line_bytes > adev->ring->slot_size) {
		NL_SET_ERR_MSG(extack,
			       "frame larger than the attached ring's slots");
		return -EMSGSIZE;
	}
	return 0;
}

/* With a ring attached, the device is its owner's to configure. */
static int acq_nl_chan_set(struct acq_dev *adev, struct genl_info *info)
{
	struct acq_chan_config cfg;
	struct acq_chan *ch;
	unsigned int n;
	int err;

	if (!acq_nl_item_lookup(adev, info, &acq_nl_chans))
		return -EINVAL;
	n = nla_get_u32(info->attrs[ACQ_A_CHAN_ID]);
	ch = &adev->chans[n];

	cfg = ch->cfg;
	if (info->attrs[ACQ_A_CHAN_ENABLED])
		cfg.enabled = nla_get_u8(info->attrs[ACQ_A_CHAN_ENABLED]);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINES, &cfg.lines);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINE_BYTES, &cfg.line_bytes);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINES_PER_CHUNK, &cfg.lines_per_chunk);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINE_RATE, &cfg.line_rate);
	err = acq_nl_chan_check(adev, &cfg, info);
	if (err)
		return err;
	ch->cfg = cfg;
	acq_notify_chan(adev, n);
	return 0;
}

int acq_nl_chan_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_CHAN_DEV_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_CHAN_ID))
		return -EINVAL;
	return acq_nl_dev_change(skb, info, ACQ_A_CHAN_DEV_ID,
				 ACQ_A_CHAN_HANDLE, false, acq_nl_chan_set);
}

int acq_nl_stats_fill(struct sk_buff *msg, struct acq_dev *adev,
		      unsigned int chan, u8 cmd, u32 portid, u32 seq, int flags)
{
	return acq_nl_stats_fill_dropped(msg, adev, chan, cmd, portid, seq,
					 flags, NULL);
}

/* As acq_nl_stats_fill(), telling the dropped count it put in @dropped_put. */
int acq_nl_stats_fill_dropped(struct sk_buff *msg, struct acq_dev *adev,
			      unsigned int chan, u8 cmd, u32 portid, u32 seq,
			      int flags, u64 *dropped_put)
{
	u64 produced, delivered, dropped, chunks, chunk_errors, errors, perr;
	const struct acq_chan *ch = &adev->chans[chan];
	u32 last_error;
	void *hdr;

	/* One consistent snapshot: produced = delivered + dropped. */
	raw_spin_lock_irq(&adev->irq_lock);
	produced = ch->produced;
	delivered = ch->delivered;
	dropped = ch->dropped;
	chunks = ch->chunks;
	chunk_errors = ch->chunk_errors;
	errors = ch->errors;
	last_error = ch->last_error;
	raw_spin_unlock_irq(&adev->irq_lock);
	perr = acq_dev_protocol_errors(adev);
	if (dropped_put)
		*dropped_put = dropped;

	hdr = genlmsg_put(msg, portid, seq, &acq_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, ACQ_A_STATS_DEV_ID, adev->id) ||
	    nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, chan) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_PRODUCED, produced,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_DELIVERED, delivered,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_DROPPED, dropped,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_CHUNKS, chunks,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_PROTOCOL_ERRORS, perr,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u32(msg, ACQ_A_STATS_LAST_ERROR, last_error) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_ERRORS, errors,
			      ACQ_A_STATS_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_STATS_CHUNK_ERRORS, chunk_errors,
			      ACQ_A_STATS_PAD)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int acq_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return acq_nl_item_reply(info, &acq_nl_stats);
}

int acq_nl_stats_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return acq_nl_item_dump(skb, cb, &acq_nl_stats);
}
