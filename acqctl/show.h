/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How devices, channel settings, windows and events look, in text and JSON:
 * shared by the commands that show them and by the monitor, and pure
 * (print.h's output only) so that the unit tests can check them.
 */
#ifndef _ACQCTL_SHOW_H
#define _ACQCTL_SHOW_H

#include <acq/acqctl.h>

/* One device: a line, and a second one for its counters. */
void dev_print(const struct acq_dev_info *info);

/* A channel's settings, named in text as chan set takes them. */
void chan_print_settings(const struct acq_chan_info *info);

/* One window: where it is, whether it is lent, what a revoke does. */
void window_print(const struct acq_window_info *w);

/* Register @off of window @w holds @v: what window peek and poke print. */
void window_reg_print(const struct acq_window_info *w, __u64 off, __u32 v);

/* Read a policy's word, as window show prints it: 0 or -EINVAL. */
int window_policy_parse(const char *s, __u32 *policy);

/*
 * One line per event, in JSON one object with an "event" key; each is
 * flushed at once. 0, or -errno if the output failed.
 */
int event_print(const struct acq_event *ev);
int event_print_lost(void);

#endif /* _ACQCTL_SHOW_H */
