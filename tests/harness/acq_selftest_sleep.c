// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the debug lane, broken on purpose: allocates with GFP_KERNEL
 * under a spinlock. The allocation rarely really sleeps, so only
 * CONFIG_DEBUG_ATOMIC_SLEEP catches it ("BUG: sleeping function called from
 * invalid context"); the harness must fail the test that loads this.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(selftest_lock);

static int __init selftest_sleep_init(void)
{
	void *p;

	spin_lock(&selftest_lock);
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&selftest_lock);
	kfree(p);
	return 0;
}

static void __exit selftest_sleep_exit(void)
{
}

module_init(selftest_sleep_init);
module_exit(selftest_sleep_exit);

MODULE_DESCRIPTION("acq harness self-test: sleeping call in atomic context");
MODULE_LICENSE("GPL");
