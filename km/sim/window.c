// SPDX-License-Identifier: GPL-2.0
/*
 * acq_sim takes its register windows (regs.c) back and lends them again
 * when an administrator asks (netlink window-revoke and window-restore),
 * through acq_sim/acq_simN/window ("revoke", "restore", "sigbus",
 * "discard"; with a window number after the word, 0 without), and at
 * random: writing a mean interval in milliseconds to
 * acq_sim/acq_simN/window_chaos_ms makes it revoke or restore a random
 * window about that often, 0 stops it.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "acq_sim.h"
#include "compat.h"

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
int acq_sim_window_request(struct acq_dev *adev, unsigned int win, bool lend,
			   struct netlink_ext_ack *extack)
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
		queue_delayed_work(acq_system_wq, &sdev->chaos_work,
				   msecs_to_jiffies(ms));
	}
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
		mod_delayed_work(acq_system_wq, &sdev->chaos_work, 0);
	else
		cancel_delayed_work_sync(&sdev->chaos_work);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(acq_sim_chaos_fops, acq_sim_chaos_get,
			 acq_sim_chaos_set, "%llu\n");

void acq_sim_window_init(struct acq_sim_dev *sdev)
{
	INIT_DELAYED_WORK(&sdev->chaos_work, acq_sim_chaos);
}

void acq_sim_window_debugfs_add(struct acq_sim_dev *sdev)
{
	debugfs_create_file("window", 0200, sdev->debugfs, sdev,
			    &acq_sim_window_fops);
	debugfs_create_file_unsafe("window_chaos_ms", 0600, sdev->debugfs,
				   sdev, &acq_sim_chaos_fops);
}

/*
 * Before the device is unregistered, its debugfs files gone: no revoke
 * comes after, neither from debugfs nor from the chaos, which is stopped
 * for good.
 */
void acq_sim_window_stop(struct acq_sim_dev *sdev)
{
	WRITE_ONCE(sdev->chaos_ms, 0);
	cancel_delayed_work_sync(&sdev->chaos_work);
}
