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

/* Attach a big ring: exit 0 if it was refused for the removal, 2 if it won. */
static void attach_big(__u32 dev, int out)
{
	struct acq_ctl *ctl;
	struct acq_ring ring;
	int err = t_attach_big(dev, out, &ctl, &ring);

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
	int rd, status, refused = 0, i;
	struct acq_ctl *ctl;
	__u32 dev;
	pid_t pid;

	ctl = t_acq_sim_open();
	for (i = 0; i < ROUNDS; i++) {
		dev = t_sim_add(ctl, 5, 1);
		pid = t_start_big(attach_big, dev, &rd, &begun);
		usleep(50 * 1000);
		t_sim_del(5);
		removed = t_now_ns();
		/* The removal waited for the attach to give back its ring. */
		T_ASSERT(t_ring_bytes() == 0,
			 "the removal returned with rings holding %ld bytes",
			 t_ring_bytes());
		T_ASSERT(read(rd, &ended, sizeof(ended)) == sizeof(ended),
			 "the attacher did not end");
		close(rd);
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
