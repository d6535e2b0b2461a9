// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's register window: a page of RAM stands for the card's
 * registers, lent to user space as window 0. What user space wrote there
 * is what reached the "device": debugfs shows it (acq_sim/acq_simN/regs),
 * and regs_at_revoke what it held when the last revoke returned, so that
 * a test can prove no write landed after a revoke. The device
 * revokes and restores the window, and chooses its policy, through
 * acq_sim/acq_simN/window: "revoke", "restore", "sigbus", "discard".
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "acq_sim.h"

static struct dentry *acq_sim_debugfs;

int acq_sim_regs_init(struct acq_sim_dev *sdev)
{
	sdev->regs = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!sdev->regs)
		return -ENOMEM;
	sdev->regs_at_revoke = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!sdev->regs_at_revoke) {
		__free_page(sdev->regs);
		return -ENOMEM;
	}
	sdev->window = (struct acq_window_desc) {
		.pfn		= page_to_pfn(sdev->regs),
		.size		= PAGE_SIZE,
		.writable	= true,
	};
	return 0;
}

/* After acq_dev_unregister(): nothing maps the page any more. */
void acq_sim_regs_free(struct acq_sim_dev *sdev)
{
	kfree(sdev->regs_at_revoke);
	__free_page(sdev->regs);
}

static ssize_t acq_sim_window_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct acq_sim_dev *sdev = file->private_data;
	char buf[16], *cmd;
	int err;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	cmd = strim(buf);
	if (!strcmp(cmd, "revoke")) {
		err = acq_window_revoke(sdev->adev, 0);
		/*
		 * What the device holds the moment the revoke returned: a
		 * test compares it with what it holds later.
		 */
		memcpy(sdev->regs_at_revoke, page_address(sdev->regs),
		       PAGE_SIZE);
	} else if (!strcmp(cmd, "restore")) {
		err = acq_window_restore(sdev->adev, 0);
	} else if (!strcmp(cmd, "sigbus")) {
		err = acq_window_set_sigbus(sdev->adev, 0, true);
	} else if (!strcmp(cmd, "discard")) {
		err = acq_window_set_sigbus(sdev->adev, 0, false);
	} else {
		err = -EINVAL;
	}
	return err ?: count;
}

static const struct file_operations acq_sim_window_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= acq_sim_window_write,
};

/* Removed before the device is unregistered: no revoke comes after. */
void acq_sim_debugfs_add(struct acq_sim_dev *sdev)
{
	sdev->debugfs = debugfs_create_dir(dev_name(&sdev->dev),
					   acq_sim_debugfs);
	sdev->regs_blob.data = page_address(sdev->regs);
	sdev->regs_blob.size = PAGE_SIZE;
	debugfs_create_blob("regs", 0400, sdev->debugfs, &sdev->regs_blob);
	sdev->revoke_blob.data = sdev->regs_at_revoke;
	sdev->revoke_blob.size = PAGE_SIZE;
	debugfs_create_blob("regs_at_revoke", 0400, sdev->debugfs,
			    &sdev->revoke_blob);
	debugfs_create_file("window", 0200, sdev->debugfs, sdev,
			    &acq_sim_window_fops);
}

void acq_sim_debugfs_del(struct acq_sim_dev *sdev)
{
	debugfs_remove_recursive(sdev->debugfs);
}

void acq_sim_debugfs_init(void)
{
	acq_sim_debugfs = debugfs_create_dir("acq_sim", NULL);
}

void acq_sim_debugfs_exit(void)
{
	debugfs_remove_recursive(acq_sim_debugfs);
}
