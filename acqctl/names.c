// SPDX-License-Identifier: GPL-2.0
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml by schemas/user-tables */

#include <stddef.h>
#include <linux/acq.h>

#include "names.h"

static const char *word(const char *const *words, size_t n, __u32 v)
{
	return v < n ? words[v] : NULL;
}

#define WORD(words, v) word(words, sizeof(words) / sizeof((words)[0]), v)

static const char *const acq_dev_state_words[] = {
	[ACQ_DEV_STATE_STOPPED] = "stopped",
	[ACQ_DEV_STATE_STARTED] = "started",
};

const char *acq_dev_state_str(__u32 value)
{
	return WORD(acq_dev_state_words, value);
}

static const char *const acq_stop_reason_words[] = {
	[ACQ_STOP_REASON_NONE] = "none",
	[ACQ_STOP_REASON_REQUEST] = "request",
	[ACQ_STOP_REASON_DETACH] = "detach",
	[ACQ_STOP_REASON_OWNER_GONE] = "owner-gone",
	[ACQ_STOP_REASON_REMOVED] = "removed",
	[ACQ_STOP_REASON_DEVICE_ERROR] = "device-error",
};

const char *acq_stop_reason_str(__u32 value)
{
	return WORD(acq_stop_reason_words, value);
}

static const char *const acq_window_state_words[] = {
	[ACQ_WINDOW_STATE_LENT] = "lent",
	[ACQ_WINDOW_STATE_REVOKED] = "revoked",
	[ACQ_WINDOW_STATE_GONE] = "gone",
};

const char *acq_window_state_str(__u32 value)
{
	return WORD(acq_window_state_words, value);
}

static const char *const acq_window_policy_words[] = {
	[ACQ_WINDOW_POLICY_DISCARD] = "discard",
	[ACQ_WINDOW_POLICY_SIGBUS] = "sigbus",
};

const char *acq_window_policy_str(__u32 value)
{
	return WORD(acq_window_policy_words, value);
}

static const char *const acq_op_names[] = {
	[ACQ_CMD_DEV_GET] = "dev-get",
	[ACQ_CMD_DEV_START] = "dev-start",
	[ACQ_CMD_DEV_STOP] = "dev-stop",
	[ACQ_CMD_CHAN_GET] = "chan-get",
	[ACQ_CMD_CHAN_SET] = "chan-set",
	[ACQ_CMD_RING_ATTACH] = "ring-attach",
	[ACQ_CMD_RING_DETACH] = "ring-detach",
	[ACQ_CMD_STATS_GET] = "stats-get",
	[ACQ_CMD_WINDOW_GET] = "window-get",
	[ACQ_CMD_WINDOW_SET] = "window-set",
	[ACQ_CMD_WINDOW_REVOKE] = "window-revoke",
	[ACQ_CMD_WINDOW_RESTORE] = "window-restore",
	[ACQ_CMD_DEV_ADD_NTF] = "dev-add-ntf",
	[ACQ_CMD_DEV_DEL_NTF] = "dev-del-ntf",
	[ACQ_CMD_DEV_STATE_NTF] = "dev-state-ntf",
	[ACQ_CMD_CHAN_CHANGE_NTF] = "chan-change-ntf",
	[ACQ_CMD_OVERRUN_NTF] = "overrun-ntf",
	[ACQ_CMD_WINDOW_REVOKED_NTF] = "window-revoked-ntf",
	[ACQ_CMD_WINDOW_RESTORED_NTF] = "window-restored-ntf",
	[ACQ_CMD_WINDOW_CHANGE_NTF] = "window-change-ntf",
};

const char *acq_op_str(__u32 cmd)
{
	return WORD(acq_op_names, cmd);
}

static const char *const acq_event_words[] = {
	[ACQ_CMD_DEV_ADD_NTF] = "dev-add",
	[ACQ_CMD_DEV_DEL_NTF] = "dev-del",
	[ACQ_CMD_DEV_STATE_NTF] = "dev-state",
	[ACQ_CMD_CHAN_CHANGE_NTF] = "chan-change",
	[ACQ_CMD_OVERRUN_NTF] = "overrun",
	[ACQ_CMD_WINDOW_REVOKED_NTF] = "window-revoked",
	[ACQ_CMD_WINDOW_RESTORED_NTF] = "window-restored",
	[ACQ_CMD_WINDOW_CHANGE_NTF] = "window-change",
};

const char *acq_event_str(__u32 cmd)
{
	return WORD(acq_event_words, cmd);
}
