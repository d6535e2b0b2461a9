// SPDX-License-Identifier: GPL-2.0
/*
 * The "acq" generic netlink family. Policies and the op table are generated
 * from schemas/acq.yaml into nl-gen.[ch]; this file holds the handlers.
 *
 * Reading is open to everyone. Changing a device needs its handle, a file
 * descriptor of its /dev/acqN opened for writing, resolved here in the
 * sender's own context, or CAP_NET_ADMIN without one; the ring and a
 * start belong to the handle the ring was attached with.
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/module.h>
#include <net/genetlink.h>

#include "compat.h"
#include "core.h"
#include "netlink.h"
#include "ring.h"

#define ACQ_RING_DEFAULT_DESC	64

/*
 * NL_SET_ERR_MSG_ATTR() for a message that is not a literal (6.1 has no
 * NL_SET_ERR_MSG_FMT()): @msg must outlive the request, as a literal does.
 */
static void acq_nl_err_attr(struct netlink_ext_ack *extack,
			    const struct nlattr *nla, const char *msg)
{
	do_trace_netlink_extack(msg);
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = nla;
	}
}

/* The device @attr names, referenced, or NULL with extack set. */
static struct acq_dev *acq_nl_dev_get(struct genl_info *info, int attr)
{
	struct acq_dev *adev;

	adev = acq_dev_get(nla_get_u32(info->attrs[attr]));
	if (!adev)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "no device with this id");
	return adev;
}

/*
 * Lock @adev, found by acq_nl_dev_get(), if it is still alive: 0, -ENODEV
 * (extack set from @attr, as if never found) or -EINTR.
 */
static int acq_nl_dev_lock_live(struct acq_dev *adev, struct genl_info *info,
				int attr)
{
	int err = acq_dev_lock_alive(adev);

	if (err == -ENODEV)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "no device with this id");
	return err;
}

/*
 * The device @attr names, referenced and locked, or an ERR_PTR (extack
 * set); acq_nl_dev_unlock() it.
 */
struct acq_dev *acq_nl_dev_lock(struct genl_info *info, int attr)
{
	struct acq_dev *adev;
	int err;

	adev = acq_nl_dev_get(info, attr);
	if (!adev)
		return ERR_PTR(-ENODEV);
	err = acq_nl_dev_lock_live(adev, info, attr);
	if (err) {
		acq_dev_put(adev);
		return ERR_PTR(err);
	}
	return adev;
}

void acq_nl_dev_unlock(struct acq_dev *adev)
{
	mutex_unlock(&adev->lock);
	acq_dev_put(adev);
}

/*
 * A dump's message was put at @start of @skb: flag it (NLM_F_DUMP_INTR)
 * if the registry changed since the dump's first message, as
 * cb->seq, set at the start of each round, tells.
 */
static void acq_nl_dump_check(struct netlink_callback *cb,
			      struct sk_buff *skb, int start)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(skb->data + start);

	genl_dump_check_consistent(cb, genlmsg_data(nlmsg_data(nlh)));
}

/*
 * The handle in @attr: a file of some /dev/acqN opened for writing, held
 * until acq_nl_handle_put(); which device it is the caller checks with
 * acq_nl_handle_check(). NULL without the attribute.
 */
static struct file *acq_nl_handle_get(struct genl_info *info, int attr)
{
	struct nlattr *nla = info->attrs[attr];
	struct file *file;

	if (!nla)
		return NULL;
	file = fget(nla_get_s32(nla));
	if (!file) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "handle is not an open file");
		return ERR_PTR(-EBADF);
	}
	if (!acq_chrdev_file_dev(file)) {
		fput(file);
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "handle is not an acq device file");
		return ERR_PTR(-EINVAL);
	}
	if (!(file->f_mode & FMODE_WRITE)) {
		fput(file);
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "handle is not open for writing");
		return ERR_PTR(-EACCES);
	}
	return file;
}

/* Called with no device locked: the last fput() may release a ring. */
static void acq_nl_handle_put(struct file *file)
{
	if (!IS_ERR_OR_NULL(file))
		fput(file);
}

/* May the sender change @adev with @file (NULL: no handle given)? */
static int acq_nl_handle_check(struct acq_dev *adev, struct file *file,
			       struct sk_buff *skb, struct genl_info *info,
			       int attr)
{
	if (file) {
		if (acq_chrdev_file_dev(file) == adev)
			return 0;
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "handle is another device's file");
		return -EINVAL;
	}
	if (netlink_capable(skb, CAP_NET_ADMIN))
		return 0;
	NL_SET_ERR_MSG(info->extack,
		       "changing a device needs its handle or CAP_NET_ADMIN");
	return -EPERM;
}

/* The ring's owner, or with CAP_NET_ADMIN and no handle anyone, may act. */
static int acq_nl_owner_check(struct acq_dev *adev, struct file *file,
			      struct genl_info *info, int attr)
{
	if (!adev->ring) {
		NL_SET_ERR_MSG(info->extack, "no ring attached");
		return -ENOLINK;
	}
	if (file && adev->owner != file) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "the ring belongs to another handle");
		return -EBUSY;
	}
	return 0;
}

/* Counters of all channels together, in one snapshot. */
static void acq_nl_dev_counters(struct acq_dev *adev, u64 *produced,
				u64 *delivered, u64 *dropped)
{
	unsigned int i;

	*produced = 0;
	*delivered = 0;
	*dropped = 0;
	raw_spin_lock_irq(&adev->irq_lock);
	for (i = 0; i < adev->nr_channels; i++) {
		*produced += adev->chans[i].produced;
		*delivered += adev->chans[i].delivered;
		*dropped += adev->chans[i].dropped;
	}
	raw_spin_unlock_irq(&adev->irq_lock);
}

/*
 * The owner is named only to a reader who can see it: in a reply, in the
 * sender's pid namespace; never in a notification, which has no reader
 * of its own.
 */
static int acq_nl_dev_put_ring(struct sk_buff *msg, struct acq_dev *adev,
			       u8 cmd)
{
	pid_t pid = 0;

	if (!adev->ring)
		return 0;
	/*
	 * A number is not a process: once the owner exited (its child, or
	 * a process it passed the handle to, may keep the ring), the
	 * number may name another.
	 */
	rcu_read_lock();
	if (cmd == ACQ_CMD_DEV_GET && adev->owner_pid &&
	    pid_has_task(adev->owner_pid, PIDTYPE_TGID))
		pid = pid_vnr(adev->owner_pid);
	rcu_read_unlock();
	if (pid && nla_put_u32(msg, ACQ_A_DEV_OWNER_PID, pid))
		return -EMSGSIZE;
	if (nla_put_u32(msg, ACQ_A_DEV_RING_DESC_COUNT,
			adev->ring->desc_count) ||
	    nla_put_u32(msg, ACQ_A_DEV_RING_SLOT_SIZE, adev->ring->slot_size))
		return -EMSGSIZE;
	return 0;
}

/* Under the device's lock. */
int acq_nl_dev_fill(struct sk_buff *msg, struct acq_dev *adev, u8 cmd,
		    u32 portid, u32 seq, int flags)
{
	u64 produced, delivered, dropped;
	void *hdr;

	acq_nl_dev_counters(adev, &produced, &delivered, &dropped);
	hdr = genlmsg_put(msg, portid, seq, &acq_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(msg, ACQ_A_DEV_ID, adev->id) ||
	    nla_put_string(msg, ACQ_A_DEV_NAME, dev_name(&adev->dev)) ||
	    nla_put_string(msg, ACQ_A_DEV_BACKEND, adev->backend) ||
	    nla_put_string(msg, ACQ_A_DEV_PARENT, adev->parent) ||
	    nla_put_u32(msg, ACQ_A_DEV_CHANNELS, adev->nr_channels) ||
	    nla_put_u32(msg, ACQ_A_DEV_STATE, adev->started ?
			ACQ_DEV_STATE_STARTED : ACQ_DEV_STATE_STOPPED) ||
	    nla_put_u32(msg, ACQ_A_DEV_STOP_REASON, adev->stop_reason) ||
	    nla_put_u8(msg, ACQ_A_DEV_RING_ATTACHED, !!adev->ring) ||
	    acq_nl_dev_put_ring(msg, adev, cmd) ||
	    nla_put_u64_64bit(msg, ACQ_A_DEV_PRODUCED, produced,
			      ACQ_A_DEV_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_DEV_DELIVERED, delivered,
			      ACQ_A_DEV_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_DEV_DROPPED, dropped,
			      ACQ_A_DEV_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_DEV_PROTOCOL_ERRORS,
			      acq_dev_protocol_errors(adev), ACQ_A_DEV_PAD) ||
	    acq_nl_dev_put_windows(msg, adev)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int acq_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct acq_dev *adev;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_DEV_ID))
		return -EINVAL;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	adev = acq_nl_dev_lock(info, ACQ_A_DEV_ID);
	if (IS_ERR(adev)) {
		err = PTR_ERR(adev);
	} else {
		err = acq_nl_dev_fill(msg, adev, ACQ_CMD_DEV_GET,
				      info->snd_portid, info->snd_seq, 0);
		acq_nl_dev_unlock(adev);
	}

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * cb->args[0] holds the id to resume the dump from. One device locked at
 * a time; one added or removed between rounds marks the dump interrupted.
 */
int acq_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct acq_dev *adev;
	int err = 0, start;

	cb->seq = acq_dev_generation();
	for (; (adev = acq_dev_get_next(&id)); id++) {
		err = acq_dev_lock_alive(adev);
		if (!err) {
			start = skb->len;
			err = acq_nl_dev_fill(skb, adev, ACQ_CMD_DEV_GET,
					      NETLINK_CB(cb->skb).portid,
					      cb->nlh->nlmsg_seq, NLM_F_MULTI);
			if (!err)
				acq_nl_dump_check(cb, skb, start);
			mutex_unlock(&adev->lock);
		} else if (err == -ENODEV) {
			/* Removed since we found it: as if not found. */
			err = 0;
		}
		acq_dev_put(adev);
		if (err)
			break;
	}

	cb->args[0] = id;
	/* A full skb ends this round; the dump resumes at the same device. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

/*
 * The path every request that changes a device shares, its required
 * attributes checked by the caller: the device @id_attr names, the right
 * to change it (the handle in @handle_attr, or CAP_NET_ADMIN without one),
 * with a ring attached its owner's (or, with @need_ring, the ring must
 * be), then @op.
 */
int acq_nl_dev_change(struct sk_buff *skb, struct genl_info *info,
		      int id_attr, int handle_attr, bool need_ring,
		      acq_nl_dev_op_t op)
{
	struct acq_dev *adev;
	struct file *file;
	int err;

	file = acq_nl_handle_get(info, handle_attr);
	if (IS_ERR(file))
		return PTR_ERR(file);

	adev = acq_nl_dev_lock(info, id_attr);
	if (IS_ERR(adev)) {
		err = PTR_ERR(adev);
	} else {
		err = acq_nl_handle_check(adev, file, skb, info, handle_attr);
		if (!err && (need_ring || adev->ring))
			err = acq_nl_owner_check(adev, file, info, handle_attr);
		if (!err)
			err = op(adev, info);
		acq_nl_dev_unlock(adev);
	}
	acq_nl_handle_put(file);
	return err;
}

static int acq_nl_dev_start(struct acq_dev *adev, struct genl_info *info)
{
	return acq_dev_start(adev, info->extack);
}

/* Into the owner's ring: by the owner, or with CAP_NET_ADMIN by anyone. */
int acq_nl_dev_start_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_DEV_ID))
		return -EINVAL;
	return acq_nl_dev_change(skb, info, ACQ_A_DEV_ID, ACQ_A_DEV_HANDLE,
				 true, acq_nl_dev_start);
}

static int acq_nl_dev_stop(struct acq_dev *adev, struct genl_info *info)
{
	acq_dev_stop(adev, ACQ_STOP_REASON_REQUEST);
	return 0;
}

/* Stopping a device without a ring is no error. */
int acq_nl_dev_stop_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_DEV_ID))
		return -EINVAL;
	return acq_nl_dev_change(skb, info, ACQ_A_DEV_ID, ACQ_A_DEV_HANDLE,
				 false, acq_nl_dev_stop);
}

/* The channel @attr names on @adev, or NULL with extack set. */
static struct acq_chan *acq_nl_chan_lookup(struct acq_dev *adev,
					   struct genl_info *info, int attr)
{
	u32 id = nla_get_u32(info->attrs[attr]);

	if (id < adev->nr_channels)
		return &adev->chans[id];
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
			    "no such channel on this device");
	return NULL;
}

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

/* Whether @adev has the item @items->item_attr names; extack set if not. */
bool acq_nl_item_lookup(struct acq_dev *adev, struct genl_info *info,
			const struct acq_nl_items *items)
{
	struct nlattr *nla = info->attrs[items->item_attr];

	if (nla_get_u32(nla) < items->count(adev))
		return true;
	acq_nl_err_attr(info->extack, nla, items->missing);
	return false;
}

int acq_nl_item_reply(struct genl_info *info, const struct acq_nl_items *items)
{
	u8 cmd = info->genlhdr->cmd;
	struct acq_dev *adev;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, items->dev_attr) ||
	    GENL_REQ_ATTR_CHECK(info, items->item_attr))
		return -EINVAL;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	adev = acq_nl_dev_lock(info, items->dev_attr);
	if (IS_ERR(adev)) {
		err = PTR_ERR(adev);
	} else {
		err = -EINVAL;
		if (acq_nl_item_lookup(adev, info, items))
			err = items->fill(msg, adev,
					  nla_get_u32(info->attrs[items->item_attr]),
					  cmd, info->snd_portid,
					  info->snd_seq, 0);
		acq_nl_dev_unlock(adev);
	}

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Every item of every device, or of the device @items->dev_attr names;
 * cb->args[0] and [1] hold the device id and item to resume from. A
 * device added or removed between rounds marks the dump interrupted.
 */
int acq_nl_item_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct acq_nl_items *items)
{
	struct nlattr *filter = acq_genl_dump_attrs(cb)[items->dev_attr];
	u8 cmd = genl_dumpit_info(cb)->op.cmd;
	unsigned long id = cb->args[0];
	unsigned int item = cb->args[1];
	struct acq_dev *adev;
	int err = 0, start;

	if (filter && id < nla_get_u32(filter))
		id = nla_get_u32(filter);

	cb->seq = acq_dev_generation();
	for (; (adev = acq_dev_get_next(&id)); id++, item = 0) {
		/* The device we stopped in went away: start the next one whole. */
		if (id != cb->args[0])
			item = 0;
		if (filter && id != nla_get_u32(filter)) {
			acq_dev_put(adev);
			break;
		}
		err = acq_dev_lock_alive(adev);
		if (err) {
			acq_dev_put(adev);
			/* Removed since we found it: as if not found. */
			if (err == -ENODEV) {
				err = 0;
				continue;
			}
			break;
		}
		for (; item < items->count(adev); item++) {
			start = skb->len;
			err = items->fill(skb, adev, item, cmd,
					  NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, NLM_F_MULTI);
			if (err)
				break;
			acq_nl_dump_check(cb, skb, start);
		}
		mutex_unlock(&adev->lock);
		acq_dev_put(adev);
		if (err)
			break;
	}

	cb->args[0] = id;
	cb->args[1] = item;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
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

static void acq_nl_get_u32(struct genl_info *info, int attr, u32 *val)
{
	if (info->attrs[attr])
		*val = nla_get_u32(info->attrs[attr]);
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
	struct acq_chan *chan;
	int err;

	chan = acq_nl_chan_lookup(adev, info, ACQ_A_CHAN_ID);
	if (!chan)
		return -EINVAL;

	cfg = chan->cfg;
	if (info->attrs[ACQ_A_CHAN_ENABLED])
		cfg.enabled = nla_get_u8(info->attrs[ACQ_A_CHAN_ENABLED]);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINES, &cfg.lines);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINE_BYTES, &cfg.line_bytes);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINES_PER_CHUNK, &cfg.lines_per_chunk);
	acq_nl_get_u32(info, ACQ_A_CHAN_LINE_RATE, &cfg.line_rate);
	err = acq_nl_chan_check(adev, &cfg, info);
	if (err)
		return err;
	chan->cfg = cfg;
	acq_notify_chan(adev, chan - adev->chans);
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

static int acq_nl_ring_attach_reply(struct genl_info *info,
				    const struct acq_dev *adev)
{
	const struct acq_ring *ring = adev->ring;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &acq_nl_family, 0,
				ACQ_CMD_RING_ATTACH);
	if (!hdr ||
	    nla_put_u32(msg, ACQ_A_RING_DEV_ID, adev->id) ||
	    nla_put_u32(msg, ACQ_A_RING_DESC_COUNT, ring->desc_count) ||
	    nla_put_u32(msg, ACQ_A_RING_SLOT_SIZE, ring->slot_size) ||
	    nla_put_u64_64bit(msg, ACQ_A_RING_MAP_SIZE,
			      acq_ring_map_size(ring), ACQ_A_RING_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The eventfd @attr names in the sender's fd table, or NULL without one. */
static struct eventfd_ctx *acq_nl_eventfd_get(struct genl_info *info,
					      int attr)
{
	struct nlattr *nla = info->attrs[attr];
	struct eventfd_ctx *efd;

	if (!nla)
		return NULL;
	efd = eventfd_ctx_fdget(nla_get_s32(nla));
	if (IS_ERR(efd))
		NL_SET_ERR_MSG_ATTR(info->extack, nla, "not an eventfd");
	return efd;
}

static int acq_nl_ring_geometry(struct genl_info *info, u32 *desc_count,
				u32 *slot_size, u32 *wake_frames)
{
	*desc_count = ACQ_RING_DEFAULT_DESC;
	*slot_size = 0;
	*wake_frames = 1;
	acq_nl_get_u32(info, ACQ_A_RING_DESC_COUNT, desc_count);
	acq_nl_get_u32(info, ACQ_A_RING_SLOT_SIZE, slot_size);
	acq_nl_get_u32(info, ACQ_A_RING_WAKE_FRAMES, wake_frames);
	if (!is_power_of_2(*desc_count)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[ACQ_A_RING_DESC_COUNT],
				    "desc-count must be a power of two");
		return -EINVAL;
	}
	/* More could never wait at once: the consumer would sleep forever. */
	if (*wake_frames > *desc_count) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[ACQ_A_RING_WAKE_FRAMES],
				    "wake-frames larger than desc-count");
		return -EINVAL;
	}
	if ((u64)*desc_count * PAGE_ALIGN(*slot_size) > acq_ring_max_bytes()) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[ACQ_A_RING_SLOT_SIZE],
				    "ring larger than 1 GiB or half the memory");
		return -E2BIG;
	}
	return 0;
}

/*
 * Attaches of one device wait for each other (its attach_lock) and for
 * nothing else while the ring is allocated: the device's lock is held to
 * check, and taken again to attach. *@efd is the ring's (NULL) once
 * attached.
 */
static int acq_nl_ring_attach(struct sk_buff *skb, struct genl_info *info,
			      struct file *file, struct eventfd_ctx **efd,
			      u32 desc_count, u32 slot_size, u32 wake_frames)
{
	struct acq_ring *ring = NULL;
	struct device *dma_dev;
	struct acq_dev *adev;
	int err;

	adev = acq_nl_dev_get(info, ACQ_A_RING_DEV_ID);
	if (!adev)
		return -ENODEV;
	err = mutex_lock_killable(&adev->attach_lock);
	if (err)
		goto out_put;
	err = acq_nl_dev_lock_live(adev, info, ACQ_A_RING_DEV_ID);
	if (err)
		goto out_unlock_attach;
	err = acq_nl_handle_check(adev, file, skb, info, ACQ_A_RING_HANDLE) ?:
	      acq_dev_ring_prepare(adev, desc_count, &slot_size, info->extack);
	dma_dev = adev->dma_dev;
	mutex_unlock(&adev->lock);
	if (err)
		goto out_unlock_attach;

	/*
	 * netlink_capable(): the sender and whoever opened its socket, so
	 * that a privileged program fed an unprivileged user's socket
	 * lends it no exemption.
	 */
	ring = acq_dev_ring_alloc(adev, dma_dev, file, desc_count, slot_size,
				  wake_frames,
				  netlink_capable(skb, CAP_IPC_LOCK),
				  info->extack);
	if (IS_ERR(ring)) {
		err = PTR_ERR(ring);
		ring = NULL;
		goto out_unlock_attach;
	}

	err = mutex_lock_killable(&adev->lock);
	if (err)
		goto out_unlock_attach;
	err = acq_dev_ring_attach(adev, ring, file, *efd, info->extack);
	if (!err) {
		/* The device's now, and the eventfd the ring's. */
		ring = NULL;
		*efd = NULL;
		/* Unanswered, an attach would leave a ring nobody knows of. */
		err = acq_nl_ring_attach_reply(info, adev);
		if (err)
			acq_dev_ring_detach(adev, ACQ_STOP_REASON_DETACH);
	}
	mutex_unlock(&adev->lock);
out_unlock_attach:
	/* Before attach_lock goes: unregistration waits for the DMA device. */
	if (ring)
		acq_ring_put(ring);
	mutex_unlock(&adev->attach_lock);
out_put:
	acq_dev_put(adev);
	return err;
}

int acq_nl_ring_attach_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct eventfd_ctx *efd;
	u32 desc_count, slot_size, wake_frames;
	struct file *file;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_RING_DEV_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_RING_HANDLE))
		return -EINVAL;
	err = acq_nl_ring_geometry(info, &desc_count, &slot_size,
				   &wake_frames);
	if (err)
		return err;
	file = acq_nl_handle_get(info, ACQ_A_RING_HANDLE);
	if (IS_ERR(file))
		return PTR_ERR(file);
	efd = acq_nl_eventfd_get(info, ACQ_A_RING_EVENTFD);
	if (IS_ERR(efd)) {
		acq_nl_handle_put(file);
		return PTR_ERR(efd);
	}

	err = acq_nl_ring_attach(skb, info, file, &efd, desc_count, slot_size,
				 wake_frames);
	if (efd)
		eventfd_ctx_put(efd);
	acq_nl_handle_put(file);
	return err;
}

static int acq_nl_ring_detach(struct acq_dev *adev, struct genl_info *info)
{
	acq_dev_ring_detach(adev, ACQ_STOP_REASON_DETACH);
	return 0;
}

int acq_nl_ring_detach_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_RING_DEV_ID))
		return -EINVAL;
	return acq_nl_dev_change(skb, info, ACQ_A_RING_DEV_ID,
				 ACQ_A_RING_HANDLE, true, acq_nl_ring_detach);
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
	u64 produced, delivered, dropped, chunks, perr;
	const struct acq_chan *ch = &adev->chans[chan];
	u32 last_error;
	void *hdr;

	/* One consistent snapshot: produced = delivered + dropped. */
	raw_spin_lock_irq(&adev->irq_lock);
	produced = ch->produced;
	delivered = ch->delivered;
	dropped = ch->dropped;
	chunks = ch->chunks;
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
	    nla_put_u32(msg, ACQ_A_STATS_LAST_ERROR, last_error)) {
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
