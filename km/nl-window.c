// SPDX-License-Identifier: GPL-2.0
/*
 * The register windows' requests of the "acq" family: window-get, the
 * policy (window-set), and an administrator's window-revoke and
 * window-restore, which the device carries out (window.c does the rest).
 */
#include <net/genetlink.h>

#include "compat.h"
#include "core.h"
#include "netlink.h"

/* A window's attributes but its device's id. */
static int acq_nl_window_put(struct sk_buff *msg, unsigned int n,
			     const struct acq_window_status *st)
{
	if (nla_put_u32(msg, ACQ_A_WINDOW_ID, n) ||
	    nla_put_u64_64bit(msg, ACQ_A_WINDOW_OFFSET, st->offset,
			      ACQ_A_WINDOW_PAD) ||
	    nla_put_u64_64bit(msg, ACQ_A_WINDOW_SIZE, st->size,
			      ACQ_A_WINDOW_PAD) ||
	    nla_put_u8(msg, ACQ_A_WINDOW_WRITABLE, st->writable) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_STATE, st->state) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_POLICY, st->policy) ||
	    nla_put_u64_64bit(msg, ACQ_A_WINDOW_REVOKES, st->revokes,
			      ACQ_A_WINDOW_PAD))
		return -EMSGSIZE;
	return 0;
}

int acq_nl_window_fill(struct sk_buff *msg, struct acq_dev *adev,
		       unsigned int n, const struct acq_window_status *st,
		       u8 cmd, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &acq_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, ACQ_A_WINDOW_DEV_ID, adev->id) ||
	    acq_nl_window_put(msg, n, st)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/*
 * dev-get's nested windows, as window-get gives them but the device's
 * id; the caller cancels the message when this fails.
 */
int acq_nl_dev_put_windows(struct sk_buff *msg, struct acq_dev *adev)
{
	struct acq_window_status st;
	struct nlattr *nest;
	unsigned int n;

	for (n = 0; n < adev->nr_windows; n++) {
		acq_window_get_status(adev, n, &st);
		nest = nla_nest_start(msg, ACQ_A_DEV_WINDOW);
		if (!nest || acq_nl_window_put(msg, n, &st))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static int acq_nl_window_fill_item(struct sk_buff *msg, struct acq_dev *adev,
				   unsigned int n, u8 cmd, u32 portid,
				   u32 seq, int flags)
{
	struct acq_window_status st;

	acq_window_get_status(adev, n, &st);
	return acq_nl_window_fill(msg, adev, n, &st, cmd, portid, seq, flags);
}

static unsigned int acq_nl_window_count(const struct acq_dev *adev)
{
	return adev->nr_windows;
}

static const struct acq_nl_items acq_nl_windows = {
	.dev_attr	= ACQ_A_WINDOW_DEV_ID,
	.item_attr	= ACQ_A_WINDOW_ID,
	.count		= acq_nl_window_count,
	.missing	= "no such window on this device",
	.fill		= acq_nl_window_fill_item,
};

int acq_nl_window_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return acq_nl_item_reply(info, &acq_nl_windows);
}

int acq_nl_window_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return acq_nl_item_dump(skb, cb, &acq_nl_windows);
}

/* The window the request names, or -EINVAL with extack set. */
static int acq_nl_window_id(struct acq_dev *adev, struct genl_info *info,
			    unsigned int *n)
{
	if (!acq_nl_item_lookup(adev, info, &acq_nl_windows))
		return -EINVAL;
	*n = nla_get_u32(info->attrs[ACQ_A_WINDOW_ID]);
	return 0;
}

static int acq_nl_window_set(struct acq_dev *adev, struct genl_info *info)
{
	u32 policy = nla_get_u32(info->attrs[ACQ_A_WINDOW_POLICY]);
	unsigned int n;

	return acq_nl_window_id(adev, info, &n) ?:
	       acq_window_set_sigbus(adev, n,
				     policy == ACQ_WINDOW_POLICY_SIGBUS);
}

/* The policy is the device's: its handle's (its ring owner's) to choose. */
int acq_nl_window_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_WINDOW_DEV_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_WINDOW_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_WINDOW_POLICY))
		return -EINVAL;
	return acq_nl_dev_change(skb, info, ACQ_A_WINDOW_DEV_ID,
				 ACQ_A_WINDOW_HANDLE, false,
				 acq_nl_window_set);
}

/*
 * Revoking and restoring are the device's acts: the request asks its
 * backend, which alone knows when its registers may be taken or lent.
 */
static int acq_nl_window_request(struct genl_info *info, bool lend)
{
	struct acq_dev *adev;
	unsigned int n;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_WINDOW_DEV_ID) ||
	    GENL_REQ_ATTR_CHECK(info, ACQ_A_WINDOW_ID))
		return -EINVAL;

	/* The device's lock keeps the backend's ops; the zap is its own. */
	adev = acq_nl_dev_lock(info, ACQ_A_WINDOW_DEV_ID);
	if (IS_ERR(adev))
		return PTR_ERR(adev);
	err = acq_nl_window_id(adev, info, &n);
	if (!err) {
		if (adev->ops->window_request) {
			err = adev->ops->window_request(adev, n, lend,
							info->extack);
			if (err)
				NL_SET_ERR_MSG_WEAK(info->extack,
						    "the device refused the request");
		} else {
			NL_SET_ERR_MSG(info->extack,
				       "the device takes no window requests");
			err = -EOPNOTSUPP;
		}
	}
	acq_nl_dev_unlock(adev);
	return err;
}

int acq_nl_window_revoke_doit(struct sk_buff *skb, struct genl_info *info)
{
	return acq_nl_window_request(info, false);
}

int acq_nl_window_restore_doit(struct sk_buff *skb, struct genl_info *info)
{
	return acq_nl_window_request(info, true);
}
