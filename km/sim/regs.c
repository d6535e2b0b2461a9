// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's registers (uapi/linux/acq_sim.h): a page of RAM stands for
 * the card's registers, lent to user space as window 0, and another for
 * its status, lent read-only as window 1 (window.c takes them back and
 * lends them again). The device really reads window 0: each channel's tag
 * register goes into the frames it begins, and the status page tells
 * which tag it read. What user space wrote is what reached the "device":
 * debugfs shows it (acq_sim/acq_simN/regs), and regs_at_revoke what it
 * held when the last revoke of window 0 returned, so that a test can
 * prove no write landed after a revoke.
 */
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <uapi/linux/acq_sim.h>

#include "acq_sim.h"

static u32 *acq_sim_page_word(struct page *page, unsigned int off)
{
	return (u32 *)page_address(page) + off / sizeof(u32);
}

/*
 * In the channel's hard IRQ, as its frame begins: the device latches the
 * tag register, and tells what it read in its status page.
 */
u32 acq_sim_frame_tag(struct acq_sim_dev *sdev, unsigned int chan)
{
	u32 tag = READ_ONCE(*acq_sim_page_word(sdev->regs,
					       ACQ_SIM_REG_TAG(chan)));
	u32 *frames = acq_sim_page_word(sdev->status,
					ACQ_SIM_STATUS_FRAMES(chan));

	WRITE_ONCE(*frames, *frames + 1);
	WRITE_ONCE(*acq_sim_page_word(sdev->status, ACQ_SIM_STATUS_TAG(chan)),
		   tag);
	return tag;
}

int acq_sim_regs_init(struct acq_sim_dev *sdev)
{
	sdev->regs = alloc_page(GFP_KERNEL | __GFP_ZERO);
	sdev->status = alloc_page(GFP_KERNEL | __GFP_ZERO);
	sdev->regs_at_revoke = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!sdev->regs || !sdev->status || !sdev->regs_at_revoke) {
		acq_sim_regs_free(sdev);
		return -ENOMEM;
	}
	sdev->windows[0] = (struct acq_window_desc) {
		.pfn		= page_to_pfn(sdev->regs),
		.size		= PAGE_SIZE,
		.writable	= true,
	};
	sdev->windows[1] = (struct acq_window_desc) {
		.pfn		= page_to_pfn(sdev->status),
		.size		= PAGE_SIZE,
	};
	return 0;
}

/* After acq_dev_unregister(): nothing maps the pages any more. */
void acq_sim_regs_free(struct acq_sim_dev *sdev)
{
	kfree(sdev->regs_at_revoke);
	if (sdev->status)
		__free_page(sdev->status);
	if (sdev->regs)
		__free_page(sdev->regs);
}

void acq_sim_regs_debugfs_add(struct acq_sim_dev *sdev)
{
	sdev->regs_blob.data = page_address(sdev->regs);
	sdev->regs_blob.size = PAGE_SIZE;
	debugfs_create_blob("regs", 0400, sdev->debugfs, &sdev->regs_blob);
	sdev->revoke_blob.data = sdev->regs_at_revoke;
	sdev->revoke_blob.size = PAGE_SIZE;
	debugfs_create_blob("regs_at_revoke", 0400, sdev->debugfs,
			    &sdev->revoke_blob);
}
