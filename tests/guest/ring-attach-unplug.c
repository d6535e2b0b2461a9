// SPDX-License-Identifier: GPL-2.0
/*
 * A device removed while a ring is being allocated for it: the ring is
 * allocated outside the device's lock, so the removal comes first. The
 * attach then fails with ENODEV and says why, and the removal returns
 * only once the allocation is given back (its DMA device is the
 * backend's). An attach that wins the race is detached by the removal;
 * the memory comes back all the same; of ROUNDS, one must be overtaken.
 */
#include <sys/wait.h>
#include <time.h>

#include "ring-util.h"

#define ROUNDS		3
#define BIG_DESC	256
#define BIG_SLOT	(1024 * 1024)	/* 256 MiB in all */

/* Attach a big ring: exit 0 if it was refused for the removal, 2 if it won. */
static void attach_big(__u32 dev, int out)
{
	ACQ_OPTS(acq_ring_opts, opts,
		 .desc_count = BIG_DESC, .slot_size = BIG_SLOT,
		 .no_eventfd = 1);
	struct acq_ctl *ctl = acq_ctl_open();
	struct acq_ring ring;
	long long t;
	int handle, err;

	T_ASSERT(ctl, "attacher: acq_ctl_open: %m");
	handle = t_dev_open(dev);
	t = t_now_ns();
	T_ASSERT(write(out, &t, sizeof(t)) == sizeof(t), "write: %m");
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	t = t_now_ns();
	T_ASSERT(write(out, &t, sizeof(t)) == sizeof(t), "write: %m");
	if (!err)
		_exit(2);
	T_ASSERT(err == -ENODEV, "attacher: attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(strstr(acq_ctl_errmsg(ctl), "removed"),
		 "attacher: the refusal says \"%s\"", acq_ctl_errmsg(ctl));
	_exit(T_PASS);
}

int main(void)
{
	long long begun, ended, removed;
	int pfd[2], status, refused = 0, i;
	struct acq_ctl *ctl;
	__u32 dev;
	pid_t pid;

	ctl = t_acq_sim_open();
	for (i = 0; i < ROUNDS; i++) {
		dev = t_sim_add(ctl, 5, 1);
		T_ASSERT(pipe(pfd) == 0, "pipe: %m");
		pid = fork();
		T_ASSERT(pid >= 0, "fork: %m");
		if (!pid) {
			close(pfd[0]);
			attach_big(dev, pfd[1]);
		}
		close(pfd[1]);
		T_ASSERT(read(pfd[0], &begun, sizeof(begun)) == sizeof(begun),
			 "the attacher did not begin");
		usleep(50 * 1000);
		t_sim_del(5);
		removed = t_now_ns();
		/* The removal waited for the attach to give back its ring. */
		T_ASSERT(t_ring_bytes() == 0,
			 "the removal returned with rings holding %ld bytes",
			 t_ring_bytes());
		T_ASSERT(read(pfd[0], &ended, sizeof(ended)) == sizeof(ended),
			 "the attacher did not end");
		close(pfd[0]);
		T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
		T_ASSERT(WIFEXITED(status) &&
			 (WEXITSTATUS(status) == T_PASS || WEXITSTATUS(status) == 2),
			 "the attacher failed (status %#x)", status);
		printf("round %d: attach %s after %.1f ms; removal asked at "
		       "50 ms, returned at %.1f ms\n", i,
		       WEXITSTATUS(status) == 2 ? "won" : "refused",
		       (ended - begun) / 1e6, (removed - begun) / 1e6);
		refused += WEXITSTATUS(status) == T_PASS;
	}
	T_ASSERT(refused > 0, "no attach was overtaken by the removal");

	t_acq_sim_close(ctl);
	return T_PASS;
}
