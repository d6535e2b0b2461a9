// SPDX-License-Identifier: GPL-2.0
/* acqctl dev: capture devices. */
#include <errno.h>
#include <stdio.h>

#include "acqctl.h"
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

int do_dev(struct acqctl *a, int argc, char **argv)
{
	if (argc < 1 || matches(argv[0], "show") || matches(argv[0], "list"))
		return dev_show(a, argc ? argc - 1 : 0, argv + 1);
	return acqctl_usage_error("unknown dev command \"%s\"", argv[0]);
}
