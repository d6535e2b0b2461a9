/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How devices and channel settings look, in text and JSON: shared by
 * the commands that show them, and pure (print.h's output only) so that
 * the unit tests can check them.
 */
#ifndef _ACQCTL_SHOW_H
#define _ACQCTL_SHOW_H

#include <acq/acqctl.h>

/* One device: a line, and a second one for its counters. */
void dev_print(const struct acq_dev_info *info);

/* A channel's settings, named in text as chan set takes them. */
void chan_print_settings(const struct acq_chan_info *info);

#endif /* _ACQCTL_SHOW_H */
