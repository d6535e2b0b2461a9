// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/acq: what the core holds, so that tests can prove
 * that killed consumers and removed devices give all of it back; and
 * test hooks, as netdevsim's, for failures a test cannot cause otherwise.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "core.h"
#include "ring.h"

static struct dentry *acq_debugfs;

/*
 * Test hook: while positive, each overrun report that is built fails as
 * a failed allocation would, and counts it down. Debian's kernels have
 * no fault injection; tests/guest/genl-notify-overrun.c uses it.
 */
static atomic_t acq_fail_overrun_reports = ATOMIC_INIT(0);

bool acq_debugfs_fail_overrun_report(void)
{
	return atomic_dec_if_positive(&acq_fail_overrun_reports) >= 0;
}

/*
 * The most slots one frame's reclaim took back since it was last reset
 * (written): how long the producer walks the ring with interrupts off.
 * tests/guest/ring-reclaim.c shows it stays bounded when a consumer
 * releases a whole ring at once.
 */
static u32 acq_reclaim_max;

void acq_debugfs_note_reclaim(u32 slots)
{
	u32 old = READ_ONCE(acq_reclaim_max);

	/* Rarely above the maximum: one load on the fast path. */
	while (slots > old) {
		u32 seen = cmpxchg(&acq_reclaim_max, old, slots);

		if (seen == old)
			break;
		old = seen;
	}
}

static int acq_debugfs_memory_show(struct seq_file *m, void *unused)
{
	acq_ring_mem_show(m);
	acq_window_mem_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(acq_debugfs_memory);

/* Debugfs is a debugging aid: the core works without it. */
void acq_debugfs_init(void)
{
	acq_debugfs = debugfs_create_dir("acq", NULL);
	debugfs_create_file("memory", 0400, acq_debugfs, NULL,
			    &acq_debugfs_memory_fops);
	debugfs_create_atomic_t("fail_overrun_reports", 0600, acq_debugfs,
				&acq_fail_overrun_reports);
	debugfs_create_u32("reclaim_max", 0600, acq_debugfs, &acq_reclaim_max);
}

void acq_debugfs_exit(void)
{
	debugfs_remove_recursive(acq_debugfs);
}
