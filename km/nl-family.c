// SPDX-License-Identifier: GPL-2.0
/*
 * The family's registration. ynl-gen-c writes a genl_family only for
 * "genetlink" specs, while acq's is "genetlink-legacy" (its per-op
 * policies give genl_ops, which 6.1 has; split ops came in 6.2), and for
 * those it still emits the multicast groups as a static array. So the
 * generated source is compiled here, as part of this file, and the family
 * is defined next to it; the generated files stay untouched.
 */
#include <linux/module.h>

/* Generated code is never edited: kernel-version shims reach it this way. */
#include "compat.h"
#include "nl-gen.c"

#include "core.h"
#include "netlink.h"

struct genl_family acq_nl_family __ro_after_init = {
	.name		= ACQ_FAMILY_NAME,
	.version	= ACQ_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= acq_nl_ops,
	.n_ops		= ARRAY_SIZE(acq_nl_ops),
	.mcgrps		= acq_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(acq_nl_mcgrps),
};

int __init acq_nl_init(void)
{
	return genl_register_family(&acq_nl_family);
}

void acq_nl_exit(void)
{
	genl_unregister_family(&acq_nl_family);
}

/* Resolving the family by name loads the module. */
MODULE_ALIAS_GENL_FAMILY(ACQ_FAMILY_NAME);
