// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl sim: simulated devices of the acq_sim backend, made and removed
 * through its bus files in sysfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acqctl.h"

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

int do_sim(struct acqctl *a, int argc, char **argv)
{
	__u32 id, channels;
	char line[32];

	(void)a;
	if (argc >= 1 && is_abbrev(argv[0], "add")) {
		if (argc != 3 || parse_u32(argv[1], &id) || parse_u32(argv[2], &channels))
			return acqctl_usage_error("usage: acqctl sim add ID CHANNELS");
		snprintf(line, sizeof(line), "%u %u\n", id, channels);
		return sim_write("new_device", line);
	}
	if (argc >= 1 && is_abbrev(argv[0], "del")) {
		if (argc != 2 || parse_u32(argv[1], &id))
			return acqctl_usage_error("usage: acqctl sim del ID");
		snprintf(line, sizeof(line), "%u\n", id);
		return sim_write("del_device", line);
	}
	return acqctl_usage_error("unknown sim command \"%s\"", argc ? argv[0] : "");
}
