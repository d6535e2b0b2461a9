// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim's registers (uapi/linux/acq_sim.h): a page of RAM stands for
 * the card's registers, lent to user space as window 0, and another for
 * its status, lent read-only as window 1. The device really reads window
 * 0: each channel's tag register goes into the frames it begins, and the
 * status page tells which tag it read. What user space wrote is what
 * reached the "device": debugfs shows it (acq_sim/acq_simN/regs), and
 * regs_at_revoke what it held when the last revoke of window 0 returned,
 * so that a test can prove no write landed after a revoke.
 *
 * The device takes its windows back and lends them again when an
 * administrator asks (netlink window-revoke and window-restore), through
 * acq_sim/acq_simN/window ("revoke", "restore", "sigbus", "discard"; with
 * a window number after the word, 0 without), and at random: writing a
 * mean interval in milliseconds to acq_sim/acq_simN/window_chaos_ms makes
 * it revoke or restore a random window about that often, 0 stops it.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/acq_sim.h>

#include "acq_sim.h"

static struct dentry *acq_sim_debugfs;

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

static int acq_sim_revoke(struct acq_sim_dev *sdev, unsigned int win)
{
	int err = acq_window_revoke(sdev->adev, win);

	/*
	 * What the device holds the moment the revoke returned: a test
	 * compares it with what it holds later.
	 */
	if (!err && win == 0)
		memcpy(sdev->regs_at_revoke, page_address(sdev->regs),
		       PAGE_SIZE);
	return err;
}

/* An administrator's request, from netlink, under the device's lock. */
int acq_sim_window_request(struct acq_dev *adev, unsigned int win, bool lend)
{
	struct acq_sim_dev *sdev = acq_dev_priv(adev);

	return lend ? acq_window_restore(adev, win) : acq_sim_revoke(sdev, win);
}

/*
 * Fault injection: a revoke or a restore of a random window, then the
 * next after a random delay of up to twice the mean.
 */
static void acq_sim_chaos(struct work_struct *work)
{
	struct acq_sim_dev *sdev = container_of(to_delayed_work(work),
						struct acq_sim_dev,
						chaos_work);
	u32 r = get_random_u32();
	unsigned int win = r % ACQ_SIM_NR_WINDOWS;
	u32 ms = READ_ONCE(sdev->chaos_ms);

	/* Not acq_sim_revoke(): the snapshot is a test's, for its revokes. */
	if (r & BIT(31))
		acq_window_revoke(sdev->adev, win);
	else
		acq_window_restore(sdev->adev, win);
	if (ms) {
		ms = get_random_u32_below(2 * ms + 1);
		schedule_delayed_work(&sdev->chaos_work, msecs_to_jiffies(ms));
	}
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
	INIT_DELAYED_WORK(&sdev->chaos_work, acq_sim_chaos);
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

static ssize_t acq_sim_window_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct acq_sim_dev *sdev = file->private_data;
	struct acq_dev *adev = sdev->adev;
	unsigned int win = 0;
	char buf[24], *arg, *cmd;
	int err;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	arg = strim(buf);
	cmd = strsep(&arg, " ");
	if (arg && kstrtouint(arg, 0, &win))
		return -EINVAL;
	if (!strcmp(cmd, "revoke"))
		err = acq_sim_revoke(sdev, win);
	else if (!strcmp(cmd, "restore"))
		err = acq_window_restore(adev, win);
	else if (!strcmp(cmd, "sigbus"))
		err = acq_window_set_sigbus(adev, win, true);
	else if (!strcmp(cmd, "discard"))
		err = acq_window_set_sigbus(adev, win, false);
	else
		err = -EINVAL;
	return err ?: count;
}

static const struct file_operations acq_sim_window_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= acq_sim_window_write,
};

static int acq_sim_chaos_get(void *data, u64 *val)
{
	struct acq_sim_dev *sdev = data;

	*val = READ_ONCE(sdev->chaos_ms);
	return 0;
}

static int acq_sim_chaos_set(void *data, u64 val)
{
	struct acq_sim_dev *sdev = data;

	if (val > 60000)
		return -ERANGE;
	WRITE_ONCE(sdev->chaos_ms, val);
	/* Stopped when the write returns: a script may restore then. */
	if (val)
		mod_delayed_work(system_wq, &sdev->chaos_work, 0);
	else
		cancel_delayed_work_sync(&sdev->chaos_work);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(acq_sim_chaos_fops, acq_sim_chaos_get,
			 acq_sim_chaos_set, "%llu\n");

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
	debugfs_create_file_unsafe("window_chaos_ms", 0600, sdev->debugfs,
				   sdev, &acq_sim_chaos_fops);
}

/*
 * Before the device is unregistered: no revoke comes after, neither
 * from debugfs nor from the chaos, which is stopped for good.
 */
void acq_sim_debugfs_del(struct acq_sim_dev *sdev)
{
	debugfs_remove_recursive(sdev->debugfs);
	WRITE_ONCE(sdev->chaos_ms, 0);
	cancel_delayed_work_sync(&sdev->chaos_work);
}

void acq_sim_debugfs_init(void)
{
	acq_sim_debugfs = debugfs_create_dir("acq_sim", NULL);
}

void acq_sim_debugfs_exit(void)
{
	debugfs_remove_recursive(acq_sim_debugfs);
}
