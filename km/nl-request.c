// SPDX-License-Identifier: GPL-2.0
/*
 * What the requests of the "acq" family share, whatever object they are
 * about (nl-dev.c, nl-chan.c, nl-ring.c, nl-window.c): the device a
 * request names, the handle that gives the right to change it, the ring's
 * ownership, and the reply and the dump of items a device has several of.
 *
 * Reading is open to everyone. Changing a device needs its handle, a file
 * descriptor of its /dev/acqN opened for writing, resolved here in the
 * sender's own context, or CAP_NET_ADMIN without one; the ring and a
 * start belong to the handle the ring was attached with.
 */
#include <linux/file.h>
#include <net/genetlink.h>

#include "compat.h"
#include "core.h"
#include "netlink.h"

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
struct acq_dev *acq_nl_dev_get(struct genl_info *info, int attr)
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
int acq_nl_dev_lock_live(struct acq_dev *adev, struct genl_info *info,
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
void acq_nl_dump_check(struct netlink_callback *cb, struct sk_buff *skb,
		       int start)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(skb->data + start);

	genl_dump_check_consistent(cb, genlmsg_data(nlmsg_data(nlh)));
}

/*
 * The handle in @attr: a file of some /dev/acqN opened for writing, held
 * until acq_nl_handle_put(); which device it is the caller checks with
 * acq_nl_handle_check(). NULL without the attribute.
 */
struct file *acq_nl_handle_get(struct genl_info *info, int attr)
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
void acq_nl_handle_put(struct file *file)
{
	if (!IS_ERR_OR_NULL(file))
		fput(file);
}

/* May the sender change @adev with @file (NULL: no handle given)? */
int acq_nl_handle_check(struct acq_dev *adev, struct file *file,
			struct sk_buff *skb, struct genl_info *info, int attr)
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
 * Every item of every device, or of the device @items->dev_attr names. A
 * device added or removed between rounds marks the dump interrupted.
 */
int acq_nl_item_dump(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct acq_nl_items *items)
{
	struct nlattr *filter = acq_genl_dump_attrs(cb)[items->dev_attr];
	struct acq_nl_dump_ctx *ctx = acq_nl_dump_ctx_of(cb);
	u8 cmd = genl_dumpit_info(cb)->op.cmd;
	unsigned long id = ctx->id;
	unsigned int item = ctx->item;
	struct acq_dev *adev;
	int err = 0, start;

	if (filter && id < nla_get_u32(filter))
		id = nla_get_u32(filter);

	cb->seq = acq_dev_generation();
	for (; (adev = acq_dev_get_next(&id)); id++, item = 0) {
		/* The device we stopped in went away: start the next one whole. */
		if (id != ctx->id)
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

	ctx->id = id;
	ctx->item = item;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

void acq_nl_get_u32(struct genl_info *info, int attr, u32 *val)
{
	if (info->attrs[attr])
		*val = nla_get_u32(info->attrs[attr]);
}
