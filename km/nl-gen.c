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

static const struct netlink_range_validation acq_a_chan_dev_id_range = {
	.max	= S32_MAX,
};

static const struct netlink_range_validation acq_a_chan_lines_range = {
	.min	= 1ULL,
	.max	= 65536ULL,
};

static const struct netlink_range_validation acq_a_chan_line_bytes_range = {
	.min	= 16ULL,
	.max	= 65536ULL,
};

static const struct netlink_range_validation acq_a_chan_lines_per_chunk_range = {
	.min	= 1ULL,
	.max	= 65536ULL,
};

static const struct netlink_range_validation acq_a_chan_line_rate_range = {
	.min	= 1ULL,
	.max	= 100000000ULL,
};

static const struct netlink_range_validation acq_a_ring_dev_id_range = {
	.max	= S32_MAX,
};

static const struct netlink_range_validation acq_a_ring_desc_count_range = {
	.min	= 2ULL,
	.max	= 65536ULL,
};

static const struct netlink_range_validation acq_a_ring_slot_size_range = {
	.min	= 1ULL,
	.max	= ACQ_MAX_FRAME_BYTES,
};

static const struct netlink_range_validation acq_a_ring_wake_frames_range = {
	.min	= 1ULL,
	.max	= 65536ULL,
};

static const struct netlink_range_validation acq_a_ring_wake_usecs_range = {
	.min	= 1ULL,
	.max	= 1000000ULL,
};

static const struct netlink_range_validation acq_a_stats_dev_id_range = {
	.max	= S32_MAX,
};

static const struct netlink_range_validation acq_a_window_dev_id_range = {
	.max	= S32_MAX,
};

/* ACQ_CMD_DEV_GET - do */
const struct nla_policy acq_dev_get_nl_policy[ACQ_A_DEV_ID + 1] = {
	[ACQ_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_dev_id_range),
};

/* ACQ_CMD_DEV_START - do */
const struct nla_policy acq_dev_start_nl_policy[ACQ_A_DEV_HANDLE + 1] = {
	[ACQ_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_dev_id_range),
	[ACQ_A_DEV_HANDLE] = { .type = NLA_S32, },
};

/* ACQ_CMD_DEV_STOP - do */
const struct nla_policy acq_dev_stop_nl_policy[ACQ_A_DEV_HANDLE + 1] = {
	[ACQ_A_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_dev_id_range),
	[ACQ_A_DEV_HANDLE] = { .type = NLA_S32, },
};

/* ACQ_CMD_CHAN_GET - do */
const struct nla_policy acq_chan_get_nl_policy[ACQ_A_CHAN_ID + 1] = {
	[ACQ_A_CHAN_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_dev_id_range),
	[ACQ_A_CHAN_ID] = NLA_POLICY_MAX(NLA_U32, 63),
};

/* ACQ_CMD_CHAN_SET - do */
const struct nla_policy acq_chan_set_nl_policy[ACQ_A_CHAN_HANDLE + 1] = {
	[ACQ_A_CHAN_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_dev_id_range),
	[ACQ_A_CHAN_ID] = NLA_POLICY_MAX(NLA_U32, 63),
	[ACQ_A_CHAN_HANDLE] = { .type = NLA_S32, },
	[ACQ_A_CHAN_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[ACQ_A_CHAN_LINES] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_lines_range),
	[ACQ_A_CHAN_LINE_BYTES] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_line_bytes_range),
	[ACQ_A_CHAN_LINES_PER_CHUNK] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_lines_per_chunk_range),
	[ACQ_A_CHAN_LINE_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_chan_line_rate_range),
};

/* ACQ_CMD_RING_ATTACH - do */
const struct nla_policy acq_ring_attach_nl_policy[ACQ_A_RING_NEED_WAKEUP + 1] = {
	[ACQ_A_RING_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_dev_id_range),
	[ACQ_A_RING_HANDLE] = { .type = NLA_S32, },
	[ACQ_A_RING_EVENTFD] = { .type = NLA_S32, },
	[ACQ_A_RING_DESC_COUNT] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_desc_count_range),
	[ACQ_A_RING_SLOT_SIZE] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_slot_size_range),
	[ACQ_A_RING_WAKE_FRAMES] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_wake_frames_range),
	[ACQ_A_RING_WAKE_USECS] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_wake_usecs_range),
	[ACQ_A_RING_NEED_WAKEUP] = NLA_POLICY_RANGE(NLA_U32, 0, 1),
};

/* ACQ_CMD_RING_DETACH - do */
const struct nla_policy acq_ring_detach_nl_policy[ACQ_A_RING_HANDLE + 1] = {
	[ACQ_A_RING_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_ring_dev_id_range),
	[ACQ_A_RING_HANDLE] = { .type = NLA_S32, },
};

/* ACQ_CMD_STATS_GET - do */
const struct nla_policy acq_stats_get_nl_policy[ACQ_A_STATS_CHAN_ID + 1] = {
	[ACQ_A_STATS_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_stats_dev_id_range),
	[ACQ_A_STATS_CHAN_ID] = NLA_POLICY_MAX(NLA_U32, 63),
};

/* ACQ_CMD_WINDOW_GET - do */
const struct nla_policy acq_window_get_nl_policy[ACQ_A_WINDOW_ID + 1] = {
	[ACQ_A_WINDOW_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_window_dev_id_range),
	[ACQ_A_WINDOW_ID] = NLA_POLICY_MAX(NLA_U32, 15),
};

/* ACQ_CMD_WINDOW_SET - do */
const struct nla_policy acq_window_set_nl_policy[ACQ_A_WINDOW_HANDLE + 1] = {
	[ACQ_A_WINDOW_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_window_dev_id_range),
	[ACQ_A_WINDOW_ID] = NLA_POLICY_MAX(NLA_U32, 15),
	[ACQ_A_WINDOW_HANDLE] = { .type = NLA_S32, },
	[ACQ_A_WINDOW_POLICY] = NLA_POLICY_MAX(NLA_U32, 1),
};

/* ACQ_CMD_WINDOW_REVOKE - do */
const struct nla_policy acq_window_revoke_nl_policy[ACQ_A_WINDOW_ID + 1] = {
	[ACQ_A_WINDOW_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_window_dev_id_range),
	[ACQ_A_WINDOW_ID] = NLA_POLICY_MAX(NLA_U32, 15),
};

/* ACQ_CMD_WINDOW_RESTORE - do */
const struct nla_policy acq_window_restore_nl_policy[ACQ_A_WINDOW_ID + 1] = {
	[ACQ_A_WINDOW_DEV_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &acq_a_window_dev_id_range),
	[ACQ_A_WINDOW_ID] = NLA_POLICY_MAX(NLA_U32, 15),
};

/* Ops table for acq */
const struct genl_ops acq_nl_ops[12] = {
	{
		.cmd		= ACQ_CMD_DEV_GET,
		.doit		= acq_nl_dev_get_doit,
		.dumpit		= acq_nl_dev_get_dumpit,
		.policy		= acq_dev_get_nl_policy,
		.maxattr	= ACQ_A_DEV_ID,
	},
	{
		.cmd		= ACQ_CMD_DEV_START,
		.doit		= acq_nl_dev_start_doit,
		.policy		= acq_dev_start_nl_policy,
		.maxattr	= ACQ_A_DEV_HANDLE,
	},
	{
		.cmd		= ACQ_CMD_DEV_STOP,
		.doit		= acq_nl_dev_stop_doit,
		.policy		= acq_dev_stop_nl_policy,
		.maxattr	= ACQ_A_DEV_HANDLE,
	},
	{
		.cmd		= ACQ_CMD_CHAN_GET,
		.doit		= acq_nl_chan_get_doit,
		.dumpit		= acq_nl_chan_get_dumpit,
		.policy		= acq_chan_get_nl_policy,
		.maxattr	= ACQ_A_CHAN_ID,
	},
	{
		.cmd		= ACQ_CMD_CHAN_SET,
		.doit		= acq_nl_chan_set_doit,
		.policy		= acq_chan_set_nl_policy,
		.maxattr	= ACQ_A_CHAN_HANDLE,
	},
	{
		.cmd		= ACQ_CMD_RING_ATTACH,
		.doit		= acq_nl_ring_attach_doit,
		.policy		= acq_ring_attach_nl_policy,
		.maxattr	= ACQ_A_RING_NEED_WAKEUP,
	},
	{
		.cmd		= ACQ_CMD_RING_DETACH,
		.doit		= acq_nl_ring_detach_doit,
		.policy		= acq_ring_detach_nl_policy,
		.maxattr	= ACQ_A_RING_HANDLE,
	},
	{
		.cmd		= ACQ_CMD_STATS_GET,
		.doit		= acq_nl_stats_get_doit,
		.dumpit		= acq_nl_stats_get_dumpit,
		.policy		= acq_stats_get_nl_policy,
		.maxattr	= ACQ_A_STATS_CHAN_ID,
	},
	{
		.cmd		= ACQ_CMD_WINDOW_GET,
		.doit		= acq_nl_window_get_doit,
		.dumpit		= acq_nl_window_get_dumpit,
		.policy		= acq_window_get_nl_policy,
		.maxattr	= ACQ_A_WINDOW_ID,
	},
	{
		.cmd		= ACQ_CMD_WINDOW_SET,
		.doit		= acq_nl_window_set_doit,
		.policy		= acq_window_set_nl_policy,
		.maxattr	= ACQ_A_WINDOW_HANDLE,
	},
	{
		.cmd		= ACQ_CMD_WINDOW_REVOKE,
		.doit		= acq_nl_window_revoke_doit,
		.policy		= acq_window_revoke_nl_policy,
		.maxattr	= ACQ_A_WINDOW_ID,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= ACQ_CMD_WINDOW_RESTORE,
		.doit		= acq_nl_window_restore_doit,
		.policy		= acq_window_restore_nl_policy,
		.maxattr	= ACQ_A_WINDOW_ID,
		.flags		= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group acq_nl_mcgrps[] = {
	[ACQ_NLGRP_MONITOR] = { "monitor", },
};
