// SPDX-License-Identifier: GPL-2.0
/*
 * A ring's RLIMIT_MEMLOCK charge follows its memory, whoever frees it.
 * The owner is uid 65534 with a limit of exactly one ring of its size:
 * - a second ring beside the first is refused (ENOMEM, and the message
 *   names the limit);
 * - an administrator's detach frees the frames and gives them back at
 *   once, but the header and descriptors stay while the owner maps them:
 *   the same attach is still refused by those two pages;
 * - the owner's munmap frees them and gives them back: the attach, to the
 *   very limit, succeeds;
 * and debugfs acq/memory follows each step, back to zero at the end.
 */
#include <sys/resource.h>
#include <sys/wait.h>
#include <grp.h>

#include "internal.h"
#include "ring-util.h"

#define DESC	16
#define SLOT	(1U << 20)
#define NOBODY	65534

static int attach(struct acq_ctl *ctl, __u32 dev, int handle,
		  struct acq_ring *ring)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = DESC, .slot_size = SLOT);

	return acq_ring_attach(ctl, dev, handle, &opts, ring);
}

static void refused(struct acq_ctl *ctl, __u32 dev, int handle,
		    const char *what)
{
	struct acq_ring ring;
	int err = attach(ctl, dev, handle, &ring);

	T_ASSERT(err == -ENOMEM, "%s: attach gave %d (%s), want ENOMEM",
		 what, err, strerror(-err));
	T_ASSERT(strstr(acq_ctl_errmsg(ctl), "ring exceeds RLIMIT_MEMLOCK"),
		 "%s: message \"%s\"", what, acq_ctl_errmsg(ctl));
}

static void step(int fd, char c)
{
	T_ASSERT(write(fd, &c, 1) == 1, "pipe: %m");
}

static void await(int fd)
{
	char c;

	T_ASSERT(read(fd, &c, 1) == 1, "the other side is gone");
}

/* The owner, as uid 65534 with RLIMIT_MEMLOCK of one ring. */
static void owner(__u32 dev0, int h0, __u32 dev1, int h1, rlim_t ring_bytes,
		  int in, int out)
{
	struct rlimit rl = { ring_bytes, ring_bytes };
	struct acq_ring ring, again;
	struct acq_ctl *ctl;

	T_ASSERT(setrlimit(RLIMIT_MEMLOCK, &rl) == 0, "setrlimit: %m");
	T_ASSERT(setgroups(0, NULL) == 0, "setgroups: %m");
	T_ASSERT(setresgid(NOBODY, NOBODY, NOBODY) == 0, "setresgid: %m");
	T_ASSERT(setresuid(NOBODY, NOBODY, NOBODY) == 0, "setresuid: %m");
	ctl = acq_ctl_open();
	T_ASSERT(ctl, "acq_ctl_open: %m");

	T_ASSERT(attach(ctl, dev0, h0, &ring) == 0, "attach within the limit: %s",
		 acq_ctl_errmsg(ctl));
	refused(ctl, dev1, h1, "a second ring");
	step(out, 'a');

	await(in);	/* the administrator detached dev0's ring */
	refused(ctl, dev1, h1, "while the header is mapped");
	acq_ring_unmap(&ring);
	T_ASSERT(attach(ctl, dev1, h1, &again) == 0,
		 "attach after the munmap: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_ring_detach(ctl, &again) == 0, "detach: %s",
		 acq_ctl_errmsg(ctl));
	acq_ctl_close(ctl);
	exit(T_PASS);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	/* The frames, a header page and a page of descriptors. */
	long frames = (long)DESC * SLOT, meta = 2 * page;
	int to_owner[2], from_owner[2], h0, h1, status;
	struct acq_ctl *ctl;
	__u32 dev0, dev1;
	pid_t pid;

	ctl = t_acq_sim_open();
	dev0 = t_sim_add(ctl, 0, 1);
	dev1 = t_sim_add(ctl, 1, 1);
	/* Root opens the handles, as a udev rule would let the user. */
	h0 = t_dev_open(dev0);
	h1 = t_dev_open(dev1);
	T_ASSERT(pipe(to_owner) == 0 && pipe(from_owner) == 0, "pipe: %m");

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid)
		owner(dev0, h0, dev1, h1, frames + meta, to_owner[0],
		      from_owner[1]);
	/* An owner that fails ends the wait for it. */
	close(to_owner[0]);
	close(from_owner[1]);

	await(from_owner[0]);
	T_ASSERT(t_acq_memory("charged") == frames + meta,
		 "charged %ld with one ring of %ld", t_acq_memory("charged"),
		 frames + meta);
	/* An administrator's detach: no handle, CAP_NET_ADMIN. */
	T_ASSERT(acq_request_handle(ctl, ACQ_CMD_RING_DETACH, ACQ_A_RING_DEV_ID,
				    dev0, ACQ_A_RING_HANDLE, -1) == 0,
		 "admin detach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(t_acq_memory("rings") == 1 && t_acq_memory("bytes") == meta &&
		 t_acq_memory("charged") == meta,
		 "after the detach, mapped: rings %ld bytes %ld charged %ld",
		 t_acq_memory("rings"), t_acq_memory("bytes"),
		 t_acq_memory("charged"));
	step(to_owner[1], 'd');

	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
		 "the owner failed (status %#x)", status);
	T_ASSERT(t_acq_memory("rings") == 0 && t_acq_memory("bytes") == 0 &&
		 t_acq_memory("charged") == 0,
		 "at the end: rings %ld bytes %ld charged %ld",
		 t_acq_memory("rings"), t_acq_memory("bytes"),
		 t_acq_memory("charged"));

	close(h0);
	close(h1);
	t_sim_del(0);
	t_sim_del(1);
	t_acq_sim_close(ctl);
	return T_PASS;
}
