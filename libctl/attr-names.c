// SPDX-License-Identifier: LGPL-2.1-or-later
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml by schemas/user-tables */

#include <stddef.h>
#include <linux/acq.h>

#include "internal.h"

static const char *const acq_dev_attr_names[] = {
	[ACQ_A_DEV_ID] = "id",
	[ACQ_A_DEV_NAME] = "name",
	[ACQ_A_DEV_BACKEND] = "backend",
	[ACQ_A_DEV_PARENT] = "parent",
	[ACQ_A_DEV_CHANNELS] = "channels",
	[ACQ_A_DEV_STATE] = "state",
	[ACQ_A_DEV_HANDLE] = "handle",
	[ACQ_A_DEV_RING_ATTACHED] = "ring-attached",
	[ACQ_A_DEV_STOP_REASON] = "stop-reason",
	[ACQ_A_DEV_OWNER_PID] = "owner-pid",
	[ACQ_A_DEV_RING_DESC_COUNT] = "ring-desc-count",
	[ACQ_A_DEV_RING_SLOT_SIZE] = "ring-slot-size",
	[ACQ_A_DEV_PRODUCED] = "produced",
	[ACQ_A_DEV_DELIVERED] = "delivered",
	[ACQ_A_DEV_DROPPED] = "dropped",
	[ACQ_A_DEV_PROTOCOL_ERRORS] = "protocol-errors",
	[ACQ_A_DEV_WINDOW] = "window",
};

static const char *const acq_chan_attr_names[] = {
	[ACQ_A_CHAN_DEV_ID] = "dev-id",
	[ACQ_A_CHAN_ID] = "id",
	[ACQ_A_CHAN_ENABLED] = "enabled",
	[ACQ_A_CHAN_LINES] = "lines",
	[ACQ_A_CHAN_LINE_BYTES] = "line-bytes",
	[ACQ_A_CHAN_LINES_PER_CHUNK] = "lines-per-chunk",
	[ACQ_A_CHAN_LINE_RATE] = "line-rate",
	[ACQ_A_CHAN_FRAME_BYTES] = "frame-bytes",
	[ACQ_A_CHAN_HANDLE] = "handle",
};

static const char *const acq_ring_attr_names[] = {
	[ACQ_A_RING_DEV_ID] = "dev-id",
	[ACQ_A_RING_HANDLE] = "handle",
	[ACQ_A_RING_EVENTFD] = "eventfd",
	[ACQ_A_RING_DESC_COUNT] = "desc-count",
	[ACQ_A_RING_SLOT_SIZE] = "slot-size",
	[ACQ_A_RING_MAP_SIZE] = "map-size",
	[ACQ_A_RING_WAKE_FRAMES] = "wake-frames",
	[ACQ_A_RING_WAKE_USECS] = "wake-usecs",
	[ACQ_A_RING_NEED_WAKEUP] = "need-wakeup",
};

static const char *const acq_stats_attr_names[] = {
	[ACQ_A_STATS_DEV_ID] = "dev-id",
	[ACQ_A_STATS_CHAN_ID] = "chan-id",
	[ACQ_A_STATS_PRODUCED] = "produced",
	[ACQ_A_STATS_DELIVERED] = "delivered",
	[ACQ_A_STATS_DROPPED] = "dropped",
	[ACQ_A_STATS_CHUNKS] = "chunks",
	[ACQ_A_STATS_PROTOCOL_ERRORS] = "protocol-errors",
	[ACQ_A_STATS_LAST_ERROR] = "last-error",
	[ACQ_A_STATS_ERRORS] = "errors",
	[ACQ_A_STATS_CHUNK_ERRORS] = "chunk-errors",
};

static const char *const acq_window_attr_names[] = {
	[ACQ_A_WINDOW_DEV_ID] = "dev-id",
	[ACQ_A_WINDOW_ID] = "id",
	[ACQ_A_WINDOW_OFFSET] = "offset",
	[ACQ_A_WINDOW_SIZE] = "size",
	[ACQ_A_WINDOW_WRITABLE] = "writable",
	[ACQ_A_WINDOW_STATE] = "state",
	[ACQ_A_WINDOW_POLICY] = "policy",
	[ACQ_A_WINDOW_REVOKES] = "revokes",
	[ACQ_A_WINDOW_HANDLE] = "handle",
};

/* The spec's name of attribute @type in a request of @cmd, or NULL. */
const char *acq_attr_name(unsigned int cmd, unsigned int type)
{
	const char *const *names;
	size_t n;

	switch (cmd) {
	case ACQ_CMD_DEV_GET:
	case ACQ_CMD_DEV_START:
	case ACQ_CMD_DEV_STOP:
		names = acq_dev_attr_names;
		n = sizeof(acq_dev_attr_names) / sizeof(acq_dev_attr_names[0]);
		break;
	case ACQ_CMD_CHAN_GET:
	case ACQ_CMD_CHAN_SET:
		names = acq_chan_attr_names;
		n = sizeof(acq_chan_attr_names) / sizeof(acq_chan_attr_names[0]);
		break;
	case ACQ_CMD_RING_ATTACH:
	case ACQ_CMD_RING_DETACH:
		names = acq_ring_attr_names;
		n = sizeof(acq_ring_attr_names) / sizeof(acq_ring_attr_names[0]);
		break;
	case ACQ_CMD_STATS_GET:
		names = acq_stats_attr_names;
		n = sizeof(acq_stats_attr_names) / sizeof(acq_stats_attr_names[0]);
		break;
	case ACQ_CMD_WINDOW_GET:
	case ACQ_CMD_WINDOW_SET:
	case ACQ_CMD_WINDOW_REVOKE:
	case ACQ_CMD_WINDOW_RESTORE:
		names = acq_window_attr_names;
		n = sizeof(acq_window_attr_names) / sizeof(acq_window_attr_names[0]);
		break;
	default:
		return NULL;
	}
	return type < n ? names[type] : NULL;
}
