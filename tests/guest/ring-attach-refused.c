// SPDX-License-Identifier: GPL-2.0
/*
 * A ring attached whose mapping the system refuses: an LSM's
 * security_mmap_file() says EACCES before acq's mmap() is reached, the
 * ring still the handle's. Here a seccomp filter gives the same answer to
 * mmap() of the handle alone, in a child. acq_ring_attach() must say
 * EACCES, not that an administrator detached the ring (ENOLINK), and
 * leave nothing attached (acq/ring.h): the device has no ring after it,
 * whether or not the child's handle is still open, and another attach
 * succeeds and captures. A kernel without seccomp filters (the debug
 * lane's trimmed one) skips it.
 */
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "ring-util.h"

static __u32 dev;

/* mmap() of @fd fails with EACCES from now on, in this process. */
static void refuse_mmap(int fd)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 3),
		/* The fd's low 32 bits (little-endian): an int. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[4])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (__u32)fd, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(f) / sizeof(f[0]), .filter = f,
	};

	T_ASSERT(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0,
		 "no_new_privs: %m");
	T_ASSERT(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0,
		 "seccomp: %m");
}

/* Whether this kernel takes seccomp filters: a child tries one. */
static int have_seccomp_filter(void)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = 1, .filter = &allow };
	int status;
	pid_t pid;

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid)
		_exit(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog));
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	return WIFEXITED(status) && !WEXITSTATUS(status);
}

static int ring_attached(struct acq_ctl *ctl)
{
	struct acq_dev_info info;

	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	return info.ring_attached;
}

static void child(unsigned int arg, int wr)
{
	struct acq_ring ring;
	struct acq_ctl *ctl;
	int handle, err;
	char c = 1;

	(void)arg;
	ctl = acq_ctl_open();
	T_ASSERT(ctl, "child: acq_ctl_open: %m");
	handle = t_dev_open(dev);
	refuse_mmap(handle);
	err = acq_ring_attach(ctl, dev, handle, NULL, &ring);
	printf("attach, its mmap() refused: %s (%s)\n", strerror(-err),
	       acq_ctl_errmsg(ctl));
	fflush(stdout);
	T_ASSERT(err == -EACCES, "attach: %s, want EACCES", strerror(-err));
	/* The handle still open: the detach was the library's. */
	T_ASSERT(!ring_attached(ctl), "a ring left attached to the handle");
	T_ASSERT(write(wr, &c, 1) == 1, "child: write: %m");
	_exit(T_PASS);
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	struct acq_ring ring;
	struct acq_ctl *ctl;
	int rd, status, handle, err;
	pid_t pid;
	char c;

	if (!have_seccomp_filter()) {
		printf("no seccomp filters in this kernel: nothing to stand in for an LSM\n");
		return T_SKIP;
	}
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 16000);

	pid = t_fork_piped(child, 0, &rd);
	T_ASSERT(read(rd, &c, 1) == 1, "the child failed");
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 !WEXITSTATUS(status), "child ended %#x", status);
	close(rd);
	T_ASSERT(!ring_attached(ctl), "a ring attached after the child");

	/* Nothing was left behind: the next attach captures. */
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start");
	T_ASSERT(acq_ring_wait(&ring, 2000) > 0, "no frame");
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(handle);
	T_ASSERT(t_acq_memory("rings") == 0, "a ring left");
	t_sim_del(0);
	t_acq_sim_close(ctl);
	printf("a mapping refused by the system: EACCES, no ring left, the next attach captures\n");
	return T_PASS;
}
