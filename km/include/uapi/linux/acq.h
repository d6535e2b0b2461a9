/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_ACQ_H
#define _UAPI_LINUX_ACQ_H

#define ACQ_FAMILY_NAME		"acq"
#define ACQ_FAMILY_VERSION	1

#define ACQ_DEV_NAME_LEN	32
#define ACQ_PARENT_NAME_LEN	64
#define ACQ_MAX_CHANNELS	64
#define ACQ_MAX_FRAME_BYTES	4194304

/**
 * enum acq_dev_state - Whether a device is capturing.
 * @ACQ_DEV_STATE_STOPPED: Not capturing; channels may be configured.
 * @ACQ_DEV_STATE_STARTED: Capturing into the ring of its owner.
 */
enum acq_dev_state {
	ACQ_DEV_STATE_STOPPED,
	ACQ_DEV_STATE_STARTED,
};

/**
 * enum acq_stop_reason - Why a device last stopped.
 * @ACQ_STOP_REASON_NONE: The device has not stopped since it was last started,
 *   or never ran.
 * @ACQ_STOP_REASON_REQUEST: A dev-stop request.
 * @ACQ_STOP_REASON_DETACH: Its ring was detached by a ring-detach request.
 * @ACQ_STOP_REASON_OWNER_GONE: The file its ring was attached to was released:
 *   its owner closed it, exited or was killed.
 * @ACQ_STOP_REASON_REMOVED: The device was removed by its backend.
 * @ACQ_STOP_REASON_DEVICE_ERROR: The device failed and could not go on (a DMA
 *   engine that hung, say): its driver stopped it. It may start again once the
 *   cause is gone.
 */
enum acq_stop_reason {
	ACQ_STOP_REASON_NONE,
	ACQ_STOP_REASON_REQUEST,
	ACQ_STOP_REASON_DETACH,
	ACQ_STOP_REASON_OWNER_GONE,
	ACQ_STOP_REASON_REMOVED,
	ACQ_STOP_REASON_DEVICE_ERROR,
};

/**
 * enum acq_window_state - Whether a register window is lent to user space.
 * @ACQ_WINDOW_STATE_LENT: Mappings reach the device's registers.
 * @ACQ_WINDOW_STATE_REVOKED: The device took the window back: accesses land on
 *   the window's scratch page, or raise SIGBUS, by its policy.
 * @ACQ_WINDOW_STATE_GONE: The device was removed; the window is revoked for
 *   good.
 */
enum acq_window_state {
	ACQ_WINDOW_STATE_LENT,
	ACQ_WINDOW_STATE_REVOKED,
	ACQ_WINDOW_STATE_GONE,
};

/**
 * enum acq_window_policy - What an access to a revoked window does.
 * @ACQ_WINDOW_POLICY_DISCARD: It lands on a scratch page of the window's own:
 *   writes are discarded, reads see what the process wrote since the revoke,
 *   and the process goes on.
 * @ACQ_WINDOW_POLICY_SIGBUS: It raises SIGBUS in the process.
 */
enum acq_window_policy {
	ACQ_WINDOW_POLICY_DISCARD,
	ACQ_WINDOW_POLICY_SIGBUS,
};

enum {
	ACQ_A_DEV_ID = 1,
	ACQ_A_DEV_NAME,
	ACQ_A_DEV_BACKEND,
	ACQ_A_DEV_PARENT,
	ACQ_A_DEV_CHANNELS,
	ACQ_A_DEV_STATE,
	ACQ_A_DEV_HANDLE,
	ACQ_A_DEV_RING_ATTACHED,
	ACQ_A_DEV_STOP_REASON,
	ACQ_A_DEV_OWNER_PID,
	ACQ_A_DEV_RING_DESC_COUNT,
	ACQ_A_DEV_RING_SLOT_SIZE,
	ACQ_A_DEV_PRODUCED,
	ACQ_A_DEV_DELIVERED,
	ACQ_A_DEV_DROPPED,
	ACQ_A_DEV_PROTOCOL_ERRORS,
	ACQ_A_DEV_PAD,
	ACQ_A_DEV_WINDOW,

	__ACQ_A_DEV_MAX,
	ACQ_A_DEV_MAX = (__ACQ_A_DEV_MAX - 1)
};

enum {
	ACQ_A_CHAN_DEV_ID = 1,
	ACQ_A_CHAN_ID,
	ACQ_A_CHAN_ENABLED,
	ACQ_A_CHAN_LINES,
	ACQ_A_CHAN_LINE_BYTES,
	ACQ_A_CHAN_LINES_PER_CHUNK,
	ACQ_A_CHAN_LINE_RATE,
	ACQ_A_CHAN_FRAME_BYTES,
	ACQ_A_CHAN_HANDLE,

	__ACQ_A_CHAN_MAX,
	ACQ_A_CHAN_MAX = (__ACQ_A_CHAN_MAX - 1)
};

enum {
	ACQ_A_RING_DEV_ID = 1,
	ACQ_A_RING_HANDLE,
	ACQ_A_RING_EVENTFD,
	ACQ_A_RING_DESC_COUNT,
	ACQ_A_RING_SLOT_SIZE,
	ACQ_A_RING_MAP_SIZE,
	ACQ_A_RING_WAKE_FRAMES,
	ACQ_A_RING_PAD,
	ACQ_A_RING_WAKE_USECS,
	ACQ_A_RING_NEED_WAKEUP,

	__ACQ_A_RING_MAX,
	ACQ_A_RING_MAX = (__ACQ_A_RING_MAX - 1)
};

enum {
	ACQ_A_STATS_DEV_ID = 1,
	ACQ_A_STATS_CHAN_ID,
	ACQ_A_STATS_PRODUCED,
	ACQ_A_STATS_DELIVERED,
	ACQ_A_STATS_DROPPED,
	ACQ_A_STATS_CHUNKS,
	ACQ_A_STATS_PROTOCOL_ERRORS,
	ACQ_A_STATS_PAD,
	ACQ_A_STATS_LAST_ERROR,
	ACQ_A_STATS_ERRORS,
	ACQ_A_STATS_CHUNK_ERRORS,

	__ACQ_A_STATS_MAX,
	ACQ_A_STATS_MAX = (__ACQ_A_STATS_MAX - 1)
};

enum {
	ACQ_A_WINDOW_DEV_ID = 1,
	ACQ_A_WINDOW_ID,
	ACQ_A_WINDOW_OFFSET,
	ACQ_A_WINDOW_SIZE,
	ACQ_A_WINDOW_WRITABLE,
	ACQ_A_WINDOW_STATE,
	ACQ_A_WINDOW_POLICY,
	ACQ_A_WINDOW_REVOKES,
	ACQ_A_WINDOW_HANDLE,
	ACQ_A_WINDOW_PAD,

	__ACQ_A_WINDOW_MAX,
	ACQ_A_WINDOW_MAX = (__ACQ_A_WINDOW_MAX - 1)
};

enum {
	ACQ_CMD_DEV_GET = 1,
	ACQ_CMD_DEV_START,
	ACQ_CMD_DEV_STOP,
	ACQ_CMD_CHAN_GET,
	ACQ_CMD_CHAN_SET,
	ACQ_CMD_RING_ATTACH,
	ACQ_CMD_RING_DETACH,
	ACQ_CMD_STATS_GET,
	ACQ_CMD_WINDOW_GET,
	ACQ_CMD_WINDOW_SET,
	ACQ_CMD_WINDOW_REVOKE,
	ACQ_CMD_WINDOW_RESTORE,
	ACQ_CMD_DEV_ADD_NTF = 16,
	ACQ_CMD_DEV_DEL_NTF,
	ACQ_CMD_DEV_STATE_NTF,
	ACQ_CMD_CHAN_CHANGE_NTF,
	ACQ_CMD_OVERRUN_NTF,
	ACQ_CMD_WINDOW_REVOKED_NTF,
	ACQ_CMD_WINDOW_RESTORED_NTF,
	ACQ_CMD_WINDOW_CHANGE_NTF,

	__ACQ_CMD_MAX,
	ACQ_CMD_MAX = (__ACQ_CMD_MAX - 1)
};

#define ACQ_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_ACQ_H */
