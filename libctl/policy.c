// SPDX-License-Identifier: LGPL-2.1-or-later
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml by schemas/user-tables */

#include <linux/acq.h>
#include <netlink/attr.h>

#include "internal.h"

struct nla_policy acq_dev_reply_policy[ACQ_A_DEV_MAX + 1] = {
	[ACQ_A_DEV_ID] = { .type = NLA_U32 },
	[ACQ_A_DEV_NAME] = { .type = NLA_STRING, .maxlen = ACQ_DEV_NAME_LEN },
	[ACQ_A_DEV_BACKEND] = { .type = NLA_STRING, .maxlen = ACQ_DEV_NAME_LEN },
	[ACQ_A_DEV_PARENT] = { .type = NLA_STRING, .maxlen = ACQ_PARENT_NAME_LEN },
	[ACQ_A_DEV_CHANNELS] = { .type = NLA_U32 },
	[ACQ_A_DEV_STATE] = { .type = NLA_U32 },
	[ACQ_A_DEV_RING_ATTACHED] = { .type = NLA_U8 },
	[ACQ_A_DEV_STOP_REASON] = { .type = NLA_U32 },
	[ACQ_A_DEV_OWNER_PID] = { .type = NLA_U32 },
	[ACQ_A_DEV_RING_DESC_COUNT] = { .type = NLA_U32 },
	[ACQ_A_DEV_RING_SLOT_SIZE] = { .type = NLA_U32 },
	[ACQ_A_DEV_PRODUCED] = { .type = NLA_U64 },
	[ACQ_A_DEV_DELIVERED] = { .type = NLA_U64 },
	[ACQ_A_DEV_DROPPED] = { .type = NLA_U64 },
	[ACQ_A_DEV_PROTOCOL_ERRORS] = { .type = NLA_U64 },
};

struct nla_policy acq_chan_reply_policy[ACQ_A_CHAN_MAX + 1] = {
	[ACQ_A_CHAN_DEV_ID] = { .type = NLA_U32 },
	[ACQ_A_CHAN_ID] = { .type = NLA_U32 },
	[ACQ_A_CHAN_ENABLED] = { .type = NLA_U8 },
	[ACQ_A_CHAN_LINES] = { .type = NLA_U32 },
	[ACQ_A_CHAN_LINE_BYTES] = { .type = NLA_U32 },
	[ACQ_A_CHAN_LINES_PER_CHUNK] = { .type = NLA_U32 },
	[ACQ_A_CHAN_LINE_RATE] = { .type = NLA_U32 },
	[ACQ_A_CHAN_FRAME_BYTES] = { .type = NLA_U32 },
};

struct nla_policy acq_ring_reply_policy[ACQ_A_RING_MAX + 1] = {
	[ACQ_A_RING_DEV_ID] = { .type = NLA_U32 },
	[ACQ_A_RING_DESC_COUNT] = { .type = NLA_U32 },
	[ACQ_A_RING_SLOT_SIZE] = { .type = NLA_U32 },
	[ACQ_A_RING_MAP_SIZE] = { .type = NLA_U64 },
};

struct nla_policy acq_stats_reply_policy[ACQ_A_STATS_MAX + 1] = {
	[ACQ_A_STATS_DEV_ID] = { .type = NLA_U32 },
	[ACQ_A_STATS_CHAN_ID] = { .type = NLA_U32 },
	[ACQ_A_STATS_PRODUCED] = { .type = NLA_U64 },
	[ACQ_A_STATS_DELIVERED] = { .type = NLA_U64 },
	[ACQ_A_STATS_DROPPED] = { .type = NLA_U64 },
	[ACQ_A_STATS_CHUNKS] = { .type = NLA_U64 },
	[ACQ_A_STATS_PROTOCOL_ERRORS] = { .type = NLA_U64 },
	[ACQ_A_STATS_LAST_ERROR] = { .type = NLA_U32 },
	[ACQ_A_STATS_ERRORS] = { .type = NLA_U64 },
	[ACQ_A_STATS_CHUNK_ERRORS] = { .type = NLA_U64 },
};

struct nla_policy acq_window_reply_policy[ACQ_A_WINDOW_MAX + 1] = {
	[ACQ_A_WINDOW_DEV_ID] = { .type = NLA_U32 },
	[ACQ_A_WINDOW_ID] = { .type = NLA_U32 },
	[ACQ_A_WINDOW_OFFSET] = { .type = NLA_U64 },
	[ACQ_A_WINDOW_SIZE] = { .type = NLA_U64 },
	[ACQ_A_WINDOW_WRITABLE] = { .type = NLA_U8 },
	[ACQ_A_WINDOW_STATE] = { .type = NLA_U32 },
	[ACQ_A_WINDOW_POLICY] = { .type = NLA_U32 },
	[ACQ_A_WINDOW_REVOKES] = { .type = NLA_U64 },
};
