// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the debug lane, broken on purpose: allocates a buffer and
 * drops the only pointer to it. kmemleak must report the unreferenced
 * object and the harness must fail the test that loads this.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static noinline void selftest_leak(void)
{
	char *buf = kmalloc(1024, GFP_KERNEL);

	if (buf)
		memset(buf, 0x5a, 1024);
}

static int __init selftest_leak_init(void)
{
	selftest_leak();
	return 0;
}

static void __exit selftest_leak_exit(void)
{
}

module_init(selftest_leak_init);
module_exit(selftest_leak_exit);

MODULE_DESCRIPTION("acq harness self-test: leaked allocation");
MODULE_LICENSE("GPL");
