// SPDX-License-Identifier: GPL-2.0
/*
 * The "acq" generic netlink family. Policies and the op table are generated
 * from schemas/acq.yaml into nl-gen.[ch]; this file holds the handlers.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "core.h"
#include "nl-gen.h"

static struct genl_family acq_nl_family;

static int acq_nl_dev_fill(struct sk_buff *msg, const struct acq_dev *dev,
			   u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &acq_nl_family, flags,
			  ACQ_CMD_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_u32(msg, ACQ_A_DEV_ID, dev->id) ||
	    nla_put_string(msg, ACQ_A_DEV_NAME, dev_name(&dev->dev)) ||
	    nla_put_string(msg, ACQ_A_DEV_BACKEND, dev->backend) ||
	    nla_put_string(msg, ACQ_A_DEV_PARENT, dev->parent) ||
	    nla_put_u32(msg, ACQ_A_DEV_CHANNELS, dev->nr_channels)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int acq_nl_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct acq_dev *dev;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, ACQ_A_DEV_ID))
		return -EINVAL;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&acq_lock);
	dev = acq_dev_find(nla_get_u32(info->attrs[ACQ_A_DEV_ID]));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[ACQ_A_DEV_ID],
				    "no device with this id");
		err = -ENODEV;
	} else {
		err = acq_nl_dev_fill(msg, dev, info->snd_portid,
				      info->snd_seq, 0);
	}
	mutex_unlock(&acq_lock);

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0] holds the id to resume the dump from. */
int acq_nl_dev_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct acq_dev *dev;
	int err = 0;

	mutex_lock(&acq_lock);
	for (; (dev = acq_dev_find_next(&id)); id++) {
		err = acq_nl_dev_fill(skb, dev, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
	}
	mutex_unlock(&acq_lock);

	cb->args[0] = id;
	/* A full skb ends this round; the dump resumes at the same device. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

static struct genl_family acq_nl_family __ro_after_init = {
	.name		= ACQ_FAMILY_NAME,
	.version	= ACQ_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= acq_nl_ops,
	.n_ops		= ARRAY_SIZE(acq_nl_ops),
};

int __init acq_nl_init(void)
{
	return genl_register_family(&acq_nl_family);
}

void acq_nl_exit(void)
{
	genl_unregister_family(&acq_nl_family);
}

/* Resolving the family by name loads the module. */
MODULE_ALIAS_GENL_FAMILY(ACQ_FAMILY_NAME);
