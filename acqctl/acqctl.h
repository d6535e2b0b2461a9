/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ACQCTL_H
#define _ACQCTL_H

#include <acq/acqctl.h>

#include "parse.h"

/* Exit codes, documented in README.md, doc/acqctl.8 and the usage. */
enum {
	ACQCTL_EXIT_OK = 0,
	ACQCTL_EXIT_FAIL = 1,	/* refused, or the operation failed */
	ACQCTL_EXIT_USAGE = 2,	/* bad command line */
};

struct acqctl {
	struct acq_ctl *ctl;
};

int acqctl_connect(struct acqctl *a);
int acqctl_open_fail(int err, const char *what);
int acqctl_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int acqctl_fail(const struct acqctl *a, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int acqctl_output_done(const struct acqctl *a);
int acqctl_dev_handle(const struct acqctl *a, __u32 dev, int *handle);

/* A show command of a device's numbered items: see show_dev_items(). */
struct show_cmd {
	const char *usage;	/* "chan show DEV [CHAN]" */
	const char *item;	/* what the number after DEV counts: "channel" */
	bool any_dev;		/* DEV may be left out: every device's items */
	int (*one)(struct acqctl *a, __u32 dev, __u32 item);
	int (*all)(struct acqctl *a, __u32 dev);	/* or ACQ_DEV_ALL */
};

int show_dev_items(struct acqctl *a, int argc, char **argv,
		   const struct show_cmd *cmd);

int do_dev(struct acqctl *a, int argc, char **argv);
int do_chan(struct acqctl *a, int argc, char **argv);
int do_stats(struct acqctl *a, int argc, char **argv);
int do_window(struct acqctl *a, int argc, char **argv);
int do_capture(struct acqctl *a, int argc, char **argv);
int do_bench(struct acqctl *a, int argc, char **argv);
int do_monitor(struct acqctl *a, int argc, char **argv);
int do_sim(struct acqctl *a, int argc, char **argv);

#endif /* _ACQCTL_H */
