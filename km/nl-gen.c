// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "nl-gen.h"

#include <uapi/linux/acq.h>

/* Integer value ranges */
static const struct netlink_range_validation acq_a_dev_id_range = {
	.max	= S32_MAX,
};

/* ACQ_CMD_DEV_GET - do */
const struct nla_policy acq_dev_get_nl_policy[ACQ_A_DEV_ID + 1] = {
	[ACQ_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_dev_id_range),
};

/* Ops table for acq */
const struct genl_ops acq_nl_ops[1] = {
	{
		.cmd		= ACQ_CMD_DEV_GET,
		.doit		= acq_nl_dev_get_doit,
		.dumpit		= acq_nl_dev_get_dumpit,
		.policy		= acq_dev_get_nl_policy,
		.maxattr	= ACQ_A_DEV_ID,
	},
};
