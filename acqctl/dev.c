// SPDX-License-Identifier: GPL-2.0
/* acqctl dev: capture devices, shown, started and stopped. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "acqctl.h"
#include "change.h"
#include "print.h"
#include "show.h"

static int dev_print_cb(const struct acq_dev_info *info, void *arg)
{
	(void)arg;
	dev_print(info);
	return 0;
}

static int dev_show(struct acqctl *a, int argc, char **argv)
{
	struct acq_dev_info info;
	__u32 id;
	int err;

	if (argc > 1)
		return acqctl_usage_error("dev show takes at most one device");
	if (argc == 1 && acq_dev_parse_name(argv[0], &id))
		return acqctl_usage_error("\"%s\" is not a device (acqN or N)", argv[0]);
	err = acqctl_connect(a);
	if (err)
		return err;

	if (argc == 1) {
		err = acq_dev_get(a->ctl, id, &info, sizeof(info));
		if (err)
			return acqctl_fail(a, err, "acq%u", id);
		if (print_is_json())
			print_open_array(NULL);
		dev_print(&info);
	} else {
		print_open_array(NULL);
		err = acq_dev_foreach(a->ctl, dev_print_cb, NULL);
		if (err) {
			/* What was printed stays well-formed, and the exit
			 * status says it is incomplete.
			 */
			print_close_array();
			print_end();
			return acqctl_fail(a, err, "cannot list devices");
		}
	}
	print_close_array();
	return acqctl_output_done(a);
}

/*
 * Start or stop a device whose ring someone else owns (a capture's). It
 * is sent without a handle: one of ours would not be the owner's, which
 * the kernel refuses (EBUSY); without one, it wants CAP_NET_ADMIN.
 */
static int dev_start_stop(struct acqctl *a, int argc, char **argv,
			  bool start)
{
	const char *verb = start ? "start" : "stop";
	__u32 id;
	int err;

	if (argc != 1)
		return acqctl_usage_error("usage: acqctl dev %s DEV", verb);
	if (acq_dev_parse_name(argv[0], &id))
		return acqctl_usage_error("\"%s\" is not a device (acqN or N)",
					  argv[0]);
	err = acqctl_connect(a);
	if (err)
		return err;
	err = start ? acq_dev_start(a->ctl, id, -1) :
		      acq_dev_stop(a->ctl, id, -1);
	if (err)
		return acqctl_fail(a, err, "cannot %s acq%u", verb, id);
	change_print_dev(id, start ? ACQ_DEV_STATE_STARTED :
			 ACQ_DEV_STATE_STOPPED);
	return acqctl_output_done(a);
}

int do_dev(struct acqctl *a, int argc, char **argv)
{
	if (argc < 1 || is_abbrev(argv[0], "show") || is_abbrev(argv[0], "list"))
		return dev_show(a, argc ? argc - 1 : 0, argv + 1);
	/* Whole words only: "st" could mean either. */
	if (!strcmp(argv[0], "start") || !strcmp(argv[0], "stop"))
		return dev_start_stop(a, argc - 1, argv + 1,
				      !strcmp(argv[0], "start"));
	return acqctl_usage_error("unknown dev command \"%s\"", argv[0]);
}
