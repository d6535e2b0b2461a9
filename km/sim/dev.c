// SPDX-License-Identifier: GPL-2.0
/* acq_sim: one simulated device as the acq core sees it. */
#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>

#include "acq_sim.h"

/*
 * The simulated card's clock makes at most 50 million lines a second per
 * channel; the CPU that stands in for its DMA engine sets the real pace.
 */
#define ACQ_SIM_MAX_LINE_RATE	50000000

static const struct acq_backend_ops acq_sim_ops = {
	.start	= acq_sim_dma_start,
	.stop	= acq_sim_dma_stop,
	.window_request	= acq_sim_window_request,
};

/* @ddir: the module's debugfs directory, where the device's goes */
int acq_sim_dev_add(struct acq_sim_dev *sdev, struct dentry *ddir)
{
	struct acq_dev_desc desc = {
		.parent		= &sdev->dev,
		.backend	= KBUILD_MODNAME,
		.ops		= &acq_sim_ops,
		.nr_channels	= sdev->nr_channels,
		.limits		= { .max_line_rate = ACQ_SIM_MAX_LINE_RATE },
		.windows	= sdev->windows,
		.nr_windows	= ARRAY_SIZE(sdev->windows),
		.priv		= sdev,
	};
	int err;

	/* The core allocates the frames with the DMA API for this device. */
	err = dma_coerce_mask_and_coherent(&sdev->dev, DMA_BIT_MASK(64));
	if (err)
		return err;
	err = acq_sim_regs_init(sdev);
	if (err)
		return err;
	acq_sim_window_init(sdev);
	acq_sim_dma_init(sdev);
	sdev->adev = acq_dev_register(&desc);
	if (IS_ERR(sdev->adev)) {
		acq_sim_regs_free(sdev);
		return PTR_ERR(sdev->adev);
	}
	sdev->debugfs = debugfs_create_dir(dev_name(&sdev->dev), ddir);
	acq_sim_regs_debugfs_add(sdev);
	acq_sim_window_debugfs_add(sdev);
	acq_sim_fault_debugfs_add(sdev);
	acq_sim_payload_debugfs_add(sdev);
	acq_sim_dma_debugfs_add(sdev);
	return 0;
}

void acq_sim_dev_del(struct acq_sim_dev *sdev)
{
	debugfs_remove_recursive(sdev->debugfs);
	acq_sim_window_stop(sdev);
	acq_dev_unregister(sdev->adev);
	acq_sim_regs_free(sdev);
}
