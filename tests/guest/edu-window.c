// SPDX-License-Identifier: GPL-2.0
/*
 * acq_edu lends the edu device's BAR0 as a register window: real MMIO,
 * mapped uncached. Through the mapping the device answers (its ID, the
 * liveness register's inverse of what was written); the kernel's own
 * reading of the liveness register (acq_edu's debugfs) sees each write.
 * Revoked, with writes going on through the same mapping, the register
 * stops changing and the writes land on the scratch page; restored, they
 * reach it again. With SIGBUS chosen, a write while revoked raises SIGBUS
 * and reaches nothing. The device removed from the bus under the mapping
 * takes the window for good: writes go on, on the scratch page; a rescan
 * brings the device back. The DMA registers are in BAR0 too: a mapper
 * without CAP_SYS_RAWIO gets it read-only.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "ring-util.h"

#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_ID			0x010000edU
#define CYCLES			20

static char liveness_path[128];

/* The liveness register, as acq_edu reads it with ioread32(). */
static __u32 kernel_liveness(void)
{
	char buf[32] = "";
	int fd = open(liveness_path, O_RDONLY | O_CLOEXEC);

	T_ASSERT(fd >= 0, "open %s: %m", liveness_path);
	T_ASSERT(read(fd, buf, sizeof(buf) - 1) > 0, "read %s: %m",
		 liveness_path);
	close(fd);
	return strtoul(buf, NULL, 0);
}

static int find_edu(const struct acq_dev_info *info, void *arg)
{
	struct acq_dev_info *edu = arg;

	if (!strcmp(info->backend, "acq_edu"))
		*edu = *info;
	return 0;
}

/* Write @v, then read the device: it says ~@v, to the kernel too. */
static void reaches(void *regs, __u32 v, const char *when)
{
	acq_window_write32(regs, EDU_REG_LIVENESS, v);
	T_ASSERT(acq_window_read32(regs, EDU_REG_LIVENESS) == ~v,
		 "%s: the mapping reads %#x after %#x", when,
		 acq_window_read32(regs, EDU_REG_LIVENESS), v);
	T_ASSERT(kernel_liveness() == ~v, "%s: the kernel reads %#x after %#x",
		 when, kernel_liveness(), v);
}

static void bar_revoke(struct acq_ctl *ctl, __u32 dev)
{
	int err = acq_window_revoke(ctl, dev, 0);

	T_ASSERT(!err, "revoke: %s", strerror(-err));
}

static void bar_restore(struct acq_ctl *ctl, __u32 dev)
{
	int err = acq_window_restore(ctl, dev, 0);

	T_ASSERT(!err, "restore: %s", strerror(-err));
}

/*
 * The DMA registers share BAR0's first page: a writer could make the device
 * DMA anywhere. A handle without CAP_SYS_RAWIO (here, uid 65534's child
 * with root's handle) maps it read-only, never writable.
 */
static void unprivileged_maps_read_only(int handle,
					const struct acq_window_info *info)
{
	pid_t pid = fork();
	void *regs;
	int status;

	T_ASSERT(pid >= 0, "fork: %m");
	if (pid == 0) {
		T_ASSERT(setresgid(65534, 65534, 65534) == 0 &&
			 setresuid(65534, 65534, 65534) == 0, "setresuid: %m");
		errno = 0;
		regs = acq_window_map(handle, info, PROT_READ | PROT_WRITE);
		T_ASSERT(!regs && errno == EPERM,
			 "uid 65534 mapped BAR0 writable: %m");
		regs = acq_window_map(handle, info, PROT_READ);
		T_ASSERT(regs, "uid 65534 cannot map BAR0 read-only: %m");
		T_ASSERT(acq_window_read32(regs, EDU_REG_ID) == EDU_ID,
			 "read-only, the ID register reads %#x",
			 acq_window_read32(regs, EDU_REG_ID));
		T_ASSERT(mprotect(regs, info->size, PROT_READ | PROT_WRITE) &&
			 errno == EACCES, "mprotect made BAR0 writable: %m");
		_exit(T_PASS);
	}
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 WEXITSTATUS(status) == T_PASS, "the unprivileged mapper failed");
	printf("without CAP_SYS_RAWIO, BAR0 maps read-only\n");
}

int main(void)
{
	struct acq_dev_info edu = { .id = ~0U };
	struct acq_window_info info;
	struct acq_ctl *ctl;
	char path[128];
	void *regs;
	__u32 i, n, v;
	int handle;

	t_load_module("acq");
	t_load_module("edu/acq_edu");
	ctl = acq_ctl_open();
	T_ASSERT(ctl, "acq_ctl_open: %m");
	T_ASSERT(!acq_dev_foreach(ctl, find_edu, &edu), "dev dump: %m");
	if (edu.id == ~0U) {
		acq_ctl_close(ctl);
		t_unload_module("acq_edu");
		t_unload_module("acq");
		fprintf(stderr, "no edu device (tests/vm/run --no-edu?)\n");
		return T_SKIP;
	}
	snprintf(liveness_path, sizeof(liveness_path),
		 "/sys/kernel/debug/acq_edu/%s/liveness", edu.parent);
	handle = t_dev_open(edu.id);
	T_ASSERT(!acq_window_get(ctl, edu.id, 0, &info, sizeof(info)),
		 "window get: %m");
	T_ASSERT(info.size == 1 << 20 && info.writable, "BAR0 is %llu bytes%s",
		 (unsigned long long)info.size,
		 info.writable ? "" : ", read-only");
	unprivileged_maps_read_only(handle, &info);
	regs = acq_window_map(handle, &info, PROT_READ | PROT_WRITE);
	T_ASSERT(regs, "map BAR0: %m");
	T_ASSERT(acq_window_read32(regs, EDU_REG_ID) == EDU_ID,
		 "the ID register reads %#x", acq_window_read32(regs, EDU_REG_ID));

	for (i = 0; i < CYCLES; i++) {
		v = 0x5a000000 | i << 12;
		reaches(regs, v, "lent");
		bar_revoke(ctl, edu.id);
		for (n = 1; n <= 1000; n++)
			acq_window_write32(regs, EDU_REG_LIVENESS, v + n);
		T_ASSERT(kernel_liveness() == ~v, "cycle %u: a write reached "
			 "the revoked register: %#x", i, kernel_liveness());
		/* The scratch page holds the last write, uninverted. */
		T_ASSERT(acq_window_read32(regs, EDU_REG_LIVENESS) == v + 1000,
			 "cycle %u: the scratch page reads %#x", i,
			 acq_window_read32(regs, EDU_REG_LIVENESS));
		bar_restore(ctl, edu.id);
		reaches(regs, v + 2000, "restored");
	}
	printf("%u revokes of BAR0: 1000 writes each reached nothing, the "
	       "next after each restore did\n", CYCLES);

	T_ASSERT(!acq_window_set_policy(ctl, edu.id, 0, handle,
					ACQ_WINDOW_POLICY_SIGBUS),
		 "policy sigbus: %m");
	t_catch_faults(SIGBUS);
	v = kernel_liveness();
	bar_revoke(ctl, edu.id);
	if (!T_FAULT_POINT()) {
		acq_window_write32(regs, EDU_REG_LIVENESS, 1);
		T_ASSERT(0, "no SIGBUS from a write to the revoked window");
	}
	t_fault_unset();
	T_ASSERT(atomic_load(t_faults()) == 1, "%d SIGBUS",
		 atomic_load(t_faults()));
	T_ASSERT(kernel_liveness() == v, "the SIGBUS write reached the device");
	bar_restore(ctl, edu.id);
	reaches(regs, 7, "restored after SIGBUS");
	T_ASSERT(!acq_window_set_policy(ctl, edu.id, 0, handle,
					ACQ_WINDOW_POLICY_DISCARD),
		 "policy discard: %m");
	printf("with SIGBUS chosen: one SIGBUS, the write reached nothing\n");

	/* Removed from the bus under the mapping: it behaves as revoked. */
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/remove",
		 edu.parent);
	t_sysfs_write(path, "1");
	for (n = 1; n <= 1000; n++)
		acq_window_write32(regs, EDU_REG_LIVENESS, n);
	T_ASSERT(acq_window_read32(regs, EDU_REG_LIVENESS) == 1000,
		 "after the removal the window reads %#x",
		 acq_window_read32(regs, EDU_REG_LIVENESS));
	T_ASSERT(!acq_window_unmap(regs, &info), "unmap: %m");
	close(handle);
	t_sysfs_write("/sys/bus/pci/rescan", "1");
	edu.id = ~0U;
	T_ASSERT(!acq_dev_foreach(ctl, find_edu, &edu) && edu.id != ~0U,
		 "acq_edu did not come back after a rescan");
	printf("removed under the mapping: writes went on, on the scratch "
	       "page; rescanned: acq%u\n", edu.id);
	acq_ctl_close(ctl);
	t_unload_module("acq_edu");
	t_unload_module("acq");
	return T_PASS;
}
