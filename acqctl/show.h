/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How devices, channel settings and events look, in text and JSON:
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

/*
 * One line per event, in JSON one object with an "event" key; each is
 * flushed at once. 0, or -errno if the output failed.
 */
int event_print(const struct acq_event *ev);
int event_print_lost(void);

#endif /* _ACQCTL_SHOW_H */
