// SPDX-License-Identifier: GPL-2.0
/* acq_sim: one simulated device as the acq core sees it. */
#include <linux/err.h>

#include "acq_sim.h"

int acq_sim_dev_add(struct acq_sim_dev *sdev)
{
	struct acq_dev_desc desc = {
		.parent		= &sdev->dev,
		.backend	= KBUILD_MODNAME,
		.nr_channels	= sdev->nr_channels,
		.priv		= sdev,
	};

	sdev->adev = acq_dev_register(&desc);
	return PTR_ERR_OR_ZERO(sdev->adev);
}

void acq_sim_dev_del(struct acq_sim_dev *sdev)
{
	acq_dev_unregister(sdev->adev);
}
