// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl sim: simulated devices of the acq_sim backend, made and removed
 * through its bus files in sysfs. sim add prints the acq device it made,
 * as dev show prints a device.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acqctl.h"
#include "change.h"
#include "show.h"

#define ACQ_SIM_BUS "/sys/bus/acq_sim/"

static int sim_write(const char *file, const char *line)
{
	char path[64];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), ACQ_SIM_BUS "%s", file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			fprintf(stderr, "acqctl: no %s: is the acq_sim module loaded?\n", path);
			return ACQCTL_EXIT_FAIL;
		}
		err = errno;
	} else {
		n = write(fd, line, strlen(line));
		if (n < 0)
			err = errno;
		close(fd);
	}
	if (err) {
		fprintf(stderr, "acqctl: %s \"%.*s\": %s\n", path,
			(int)strcspn(line, "\n"), line, strerror(err));
		return ACQCTL_EXIT_FAIL;
	}
	return ACQCTL_EXIT_OK;
}

/* The acq device of simulated device acq_simID, looked for in a walk. */
struct sim_find {
	char parent[ACQ_PARENT_NAME_LEN];
	struct acq_dev_info info;
};

static int sim_find_cb(const struct acq_dev_info *info, void *arg)
{
	struct sim_find *f = arg;

	if (strcmp(info->backend, "acq_sim") || strcmp(info->parent, f->parent))
		return 0;
	f->info = *info;
	return 1;
}

/*
 * Which acq device is acq_simID's: the one whose parent it is, as the
 * core reports it. The write to new_device returns once acq_sim has
 * registered the device, and acq_sim refuses an ID in use, so one device
 * at most has that parent: not the last one listed, which another
 * process's sim add may have made meanwhile. The dev-add notification
 * would need a monitor socket open before the write, and may be lost to
 * an overflow; the sysfs directory of acq_simID holds its acq device
 * only by the driver core's way of placing a class device under its
 * parent. The walk is tried again when a device came or went during it.
 */
static int sim_find(struct acqctl *a, __u32 id, struct acq_dev_info *info)
{
	struct sim_find f;
	int tries = 5, err;

	snprintf(f.parent, sizeof(f.parent), "acq_sim%u", id);
	do
		err = acq_dev_foreach(a->ctl, sim_find_cb, &f);
	while (err == -EINTR && --tries);
	if (err < 0)
		return acqctl_fail(a, err, "cannot find the acq device of %s",
				   f.parent);
	if (!err) {
		fprintf(stderr, "acqctl: %s has no acq device: removed meanwhile?\n",
			f.parent);
		return ACQCTL_EXIT_FAIL;
	}
	*info = f.info;
	return ACQCTL_EXIT_OK;
}

/* Make acq_simID, and print its acq device as dev show does. */
static int sim_add(struct acqctl *a, __u32 id, __u32 channels)
{
	struct acq_dev_info info;
	char line[32];
	int err;

	snprintf(line, sizeof(line), "%u %u\n", id, channels);
	err = sim_write("new_device", line) ?: acqctl_connect(a) ?:
	      sim_find(a, id, &info);
	if (err)
		return err;
	dev_print(&info);
	return acqctl_output_done(a);
}

static int sim_del(struct acqctl *a, __u32 id)
{
	char line[32];
	int err;

	snprintf(line, sizeof(line), "%u\n", id);
	err = sim_write("del_device", line);
	if (err)
		return err;
	change_print_sim_del(id);
	return acqctl_output_done(a);
}

int do_sim(struct acqctl *a, int argc, char **argv)
{
	__u32 id, channels;

	if (argc >= 1 && is_abbrev(argv[0], "add")) {
		if (argc != 3 || parse_u32(argv[1], &id) || parse_u32(argv[2], &channels))
			return acqctl_usage_error("usage: acqctl sim add ID CHANNELS");
		return sim_add(a, id, channels);
	}
	if (argc >= 1 && is_abbrev(argv[0], "del")) {
		if (argc != 2 || parse_u32(argv[1], &id))
			return acqctl_usage_error("usage: acqctl sim del ID");
		return sim_del(a, id);
	}
	return acqctl_usage_error("unknown sim command \"%s\"", argc ? argv[0] : "");
}
