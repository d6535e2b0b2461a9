// SPDX-License-Identifier: GPL-2.0
/*
 * The ring's requests of the "acq" family: ring-attach, which allocates
 * the ring with no lock held but the device's attach_lock (control.c
 * does the rest), and ring-detach.
 */
#include <linux/eventfd.h>
#include <net/genetlink.h>

#include "core.h"
#include "netlink.h"
#include "ring.h"

#define ACQ_RING_DEFAULT_DESC	64
/* A frame below the wake-frames threshold waits at most this long. */
#define ACQ_RING_DEFAULT_WAKE_USECS	1000

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
				u32 *slot_size, struct acq_ring_wake *wake)
{
	u32 need_wakeup = 0;

	*desc_count = ACQ_RING_DEFAULT_DESC;
	*slot_size = 0;
	wake->frames = 1;
	wake->usecs = ACQ_RING_DEFAULT_WAKE_USECS;
	acq_nl_get_u32(info, ACQ_A_RING_DESC_COUNT, desc_count);
	acq_nl_get_u32(info, ACQ_A_RING_SLOT_SIZE, slot_size);
	acq_nl_get_u32(info, ACQ_A_RING_WAKE_FRAMES, &wake->frames);
	acq_nl_get_u32(info, ACQ_A_RING_WAKE_USECS, &wake->usecs);
	/* 0 or 1: the policy's range. */
	acq_nl_get_u32(info, ACQ_A_RING_NEED_WAKEUP, &need_wakeup);
	wake->need_wakeup = need_wakeup;
	if (!is_power_of_2(*desc_count)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[ACQ_A_RING_DESC_COUNT],
				    "desc-count must be a power of two");
		return -EINVAL;
	}
	/* More could never wait at once: the consumer would sleep forever. */
	if (wake->frames > *desc_count) {
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
			      u32 desc_count, u32 slot_size,
			      const struct acq_ring_wake *wake)
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
				  wake,
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
	struct acq_ring_wake wake;
	u32 desc_count, slot_size;
	struct file *file;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_RING_DEV_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_RING_HANDLE))
		return -EINVAL;
	err = acq_nl_ring_geometry(info, &desc_count, &slot_size, &wake);
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
				 &wake);
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
