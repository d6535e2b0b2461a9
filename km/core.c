// SPDX-License-Identifier: GPL-2.0
/*
 * acq core: the registry of capture devices and module life cycle.
 *
 * Backends (acq_sim, acq_edu) register devices here; user space reaches them
 * through the "acq" generic netlink family (netlink.c).
 */
#include <linux/module.h>
#include <linux/xarray.h>

#include "core.h"

/* Serializes the control plane; see core.h. */
DEFINE_MUTEX(acq_lock);

/* Device id -> struct acq_dev; ids are allocated here and never reused
 * while the device exists.
 */
static DEFINE_XARRAY_ALLOC(acq_devices);

struct acq_dev *acq_dev_find(u32 id)
{
	lockdep_assert_held(&acq_lock);
	return xa_load(&acq_devices, id);
}

/* Walk the registry in id order: returns the device at *id or after it and
 * leaves its id in *id, or NULL at the end.
 */
struct acq_dev *acq_dev_find_next(unsigned long *id)
{
	lockdep_assert_held(&acq_lock);
	return xa_find(&acq_devices, id, ULONG_MAX, XA_PRESENT);
}

static int __init acq_init(void)
{
	return acq_nl_init();
}

static void __exit acq_exit(void)
{
	acq_nl_exit();
	WARN_ON(!xa_empty(&acq_devices));
	xa_destroy(&acq_devices);
}

module_init(acq_init);
module_exit(acq_exit);

MODULE_DESCRIPTION("acq data-acquisition core");
MODULE_LICENSE("GPL");
