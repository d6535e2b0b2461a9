// SPDX-License-Identifier: GPL-2.0
/*
 * The devices' requests of the "acq" family: dev-get, dev-start and
 * dev-stop, and the device's message, which dev-get replies and the
 * device's events carry (nl-notify.c).
 */
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>

#include "core.h"
#include "netlink.h"
#include "ring.h"

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
 * One device locked at a time; one added or removed between rounds marks
 * the dump interrupted.
 */
int acq_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct acq_nl_dump_ctx *ctx = acq_nl_dump_ctx_of(cb);
	unsigned long id = ctx->id;
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

	ctx->id = id;
	/* A full skb ends this round; the dump resumes at the same device. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
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
