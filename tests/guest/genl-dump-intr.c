// SPDX-License-Identifier: GPL-2.0
/*
 * A dump that a device added or removed interrupts says so: some message
 * after the change carries NLM_F_DUMP_INTR, for dev-get, chan-get,
 * stats-get and window-get dumps alike; a dump that nothing interrupts
 * carries it nowhere.
 *
 * The kernel fills a dump one skb at a time, the first when the request
 * is sent and each next one when a recv() has drained the socket, so with
 * a 4 KiB receive buffer and 80 devices of 4 channels each dump takes
 * several reads; a device is added or removed after the first. Raw
 * netlink, no libnl, so the buffer size is ours.
 */
#include "genl-raw.h"
#include "names.h"

#define NR_DEVS		80
#define NR_CHAN		4
#define SIM_BASE	2000

static void sim_write(const char *file, unsigned int id, unsigned int nr)
{
	char path[64], line[32];

	snprintf(path, sizeof(path), "/sys/bus/acq_sim/%s", file);
	if (nr)
		snprintf(line, sizeof(line), "%u %u\n", id, nr);
	else
		snprintf(line, sizeof(line), "%u\n", id);
	t_sysfs_write(path, line);
}

struct dump {
	int fd;
	int family;
	int msgs;	/* messages but the final NLMSG_DONE */
	int reads;
	int intr;	/* messages flagged NLM_F_DUMP_INTR, DONE included */
	int first_intr;	/* the read that saw the first, or -1 */
	int done;
};

static void dump_start(struct dump *d, int fd, int family, __u8 cmd)
{
	memset(d, 0, sizeof(*d));
	d->fd = fd;
	d->family = family;
	d->first_intr = -1;
	t_genl_dump(fd, family, cmd, cmd);
}

/* One recv(): one skb of the dump. */
static void dump_read(struct dump *d)
{
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *nlh;
	ssize_t len;

	T_ASSERT(!d->done, "read past the end of the dump");
	len = recv(d->fd, buf, sizeof(buf), 0);
	T_ASSERT(len > 0, "recv: %m");
	for (nlh = (void *)buf; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			if (d->first_intr < 0)
				d->first_intr = d->reads;
			d->intr++;
		}
		if (t_genl_dump_msg(nlh, d->family)) {
			d->done = 1;
			break;
		}
		d->msgs++;
	}
	d->reads++;
}

static void dump_rest(struct dump *d)
{
	while (!d->done)
		dump_read(d);
}

/*
 * A dump of @cmd with @change done after its first read (0: none, 1: a
 * device added, -1: one removed): flagged after the change, never
 * before. @extra is the sim id to add or remove.
 */
static void one_dump(int fd, int family, __u8 cmd, int change,
		     unsigned int extra)
{
	struct dump d;

	dump_start(&d, fd, family, cmd);
	dump_read(&d);
	T_ASSERT(!d.done, "%s: the dump fit in one read", acq_op_str(cmd));
	T_ASSERT(!d.intr, "%s: flagged interrupted before any change",
		 acq_op_str(cmd));
	if (change > 0)
		sim_write("new_device", extra, 1);
	else if (change < 0)
		sim_write("del_device", extra, 0);
	dump_rest(&d);
	printf("%-10s %-8s %3d messages in %d reads, %d flagged, the first in read %d\n",
	       acq_op_str(cmd), change > 0 ? "add" : change < 0 ? "remove" : "nothing",
	       d.msgs, d.reads, d.intr, d.first_intr);
	T_ASSERT(d.reads >= 3, "%s: %d reads: too few to tell", acq_op_str(cmd),
		 d.reads);
	if (!change) {
		T_ASSERT(!d.intr, "%s: flagged interrupted with no change",
			 acq_op_str(cmd));
		return;
	}
	T_ASSERT(d.intr, "%s: a device %s during the dump, and no message says so",
		 acq_op_str(cmd), change > 0 ? "added" : "removed");
	T_ASSERT(d.first_intr >= 1, "%s: flagged in read %d, before the change",
		 acq_op_str(cmd), d.first_intr);
}

int main(void)
{
	static const __u8 cmds[] = {
		ACQ_CMD_DEV_GET, ACQ_CMD_CHAN_GET, ACQ_CMD_STATS_GET,
		ACQ_CMD_WINDOW_GET,
	};
	unsigned int extra = SIM_BASE + NR_DEVS;
	int family, fd, i;

	t_load_module("acq");
	t_load_module("sim/acq_sim");
	for (i = 0; i < NR_DEVS; i++)
		sim_write("new_device", SIM_BASE + i, NR_CHAN);

	fd = t_genl_socket();
	family = t_genl_family();

	for (i = 0; i < (int)(sizeof(cmds) / sizeof(cmds[0])); i++) {
		one_dump(fd, family, cmds[i], 0, 0);
		one_dump(fd, family, cmds[i], 1, extra);
		one_dump(fd, family, cmds[i], -1, extra);
	}

	close(fd);
	for (i = 0; i < NR_DEVS; i++)
		sim_write("del_device", SIM_BASE + i, 0);
	t_unload_module("acq_sim");
	t_unload_module("acq");
	return T_PASS;
}
