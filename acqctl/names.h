/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	schemas/acq.yaml by schemas/user-tables */

#ifndef _ACQCTL_NAMES_H
#define _ACQCTL_NAMES_H

#include <linux/types.h>

/* The spec's word for each value, or NULL for one it does not have. */
const char *acq_dev_state_str(__u32 value);
const char *acq_stop_reason_str(__u32 value);
const char *acq_window_state_str(__u32 value);
const char *acq_window_policy_str(__u32 value);
const char *acq_op_str(__u32 cmd);
const char *acq_event_str(__u32 cmd);

#endif /* _ACQCTL_NAMES_H */
