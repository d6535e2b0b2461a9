// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/acqN: the character device of each capture device, the handle
 * through which user space reaches it: its register windows and its ring
 * are mapped from it, into the device's own address_space.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/pseudo_fs.h>

#include "baseline.h"
#include "core.h"
#include "ring.h"

#define ACQ_INODE_FS_MAGIC	0x61637177	/* "acqw" */

static dev_t acq_devt;

static struct vfsmount *acq_inode_mnt;
static int acq_inode_mnt_count;

/* Not const: 6.1's class_register() takes a mutable class. */
static struct class acq_class = {
	.name = "acq",
};

static int acq_chrdev_open(struct inode *inode, struct file *file)
{
	struct acq_dev *adev = container_of(inode->i_cdev, struct acq_dev, cdev);
	int err;

	/*
	 * A node made by hand (mknod) may outlive its device. The cdev
	 * keeps the device's memory while we look.
	 */
	err = mutex_lock_killable(&adev->lock);
	if (err)
		return err;
	if (adev->dead)
		err = -ENODEV;
	else
		get_device(&adev->dev);
	mutex_unlock(&adev->lock);
	if (err)
		return err;

	file->private_data = adev;
	/* One mapping for all the device's files: acq_chrdev_inode_alloc(). */
	file->f_mapping = adev->inode->i_mapping;
	return nonseekable_open(inode, file);
}

static int acq_chrdev_release(struct inode *inode, struct file *file)
{
	struct acq_dev *adev = file->private_data;

	/* Not killable: a release must complete, whoever is dying. */
	mutex_lock(&adev->lock);
	acq_dev_file_release(adev, file);
	mutex_unlock(&adev->lock);
	put_device(&adev->dev);
	return 0;
}

/**
 * acq_chrdev_ring_get - the ring attached through @file, referenced
 * @adev: the file's device
 * @file: the ring's owner, or the caller is refused
 *
 * Only irq_lock, under which the ring is published with its owner: a
 * caller under mmap_lock may call it.
 *
 * Return: the ring (acq_ring_put() it), ERR_PTR(-ENXIO) if the device has
 * none, ERR_PTR(-EACCES) if it is another file's.
 */
struct acq_ring *acq_chrdev_ring_get(struct acq_dev *adev, struct file *file)
{
	struct acq_ring *ring;

	raw_spin_lock_irq(&adev->irq_lock);
	ring = adev->ring;
	if (!ring)
		ring = ERR_PTR(-ENXIO);
	else if (adev->owner != file)
		ring = ERR_PTR(-EACCES);
	else
		kref_get(&ring->ref);
	raw_spin_unlock_irq(&adev->irq_lock);
	return ring;
}

/*
 * A register window, by any file of the device, or the ring, by the file
 * it is attached to (window.c and ring.c check the rest).
 *
 * Under the caller's mmap_lock, which every page fault of its threads
 * waits for: no mutex here. The ring is held by a reference taken under
 * irq_lock, which publishes it with its owner; detached meanwhile, it is
 * mapped with DETACHED in its header, as if the detach came just after.
 */
static int acq_chrdev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct acq_dev *adev = file->private_data;
	struct acq_ring *ring;
	int err;

	if ((u64)vma->vm_pgoff << PAGE_SHIFT >= ACQ_WINDOW_OFF_BASE)
		return acq_window_mmap(adev, file, vma);
	ring = acq_chrdev_ring_get(adev, file);
	if (IS_ERR(ring))
		return PTR_ERR(ring);
	err = acq_ring_mmap(ring, vma);
	acq_ring_put(ring);
	return err;
}

/*
 * For the ring's owner: readable while descriptors wait, POLLPRI while the
 * device is stopped. Hung up for a file without a ring (never attached,
 * detached, the device gone, which detaches it): nothing will come.
 *
 * The fast path of a consumer: no mutex, only irq_lock, under which the
 * ring and its owner are published and the producer state changes.
 */
static __poll_t acq_chrdev_poll(struct file *file, poll_table *wait)
{
	struct acq_dev *adev = file->private_data;
	__poll_t mask = EPOLLHUP;

	poll_wait(file, &adev->wq, wait);
	raw_spin_lock_irq(&adev->irq_lock);
	if (adev->ring && adev->owner == file) {
		mask = 0;
		if (acq_ring_waiting(adev->ring))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (adev->ring->flags & ACQ_RING_F_STOPPED)
			mask |= EPOLLPRI;
	}
	raw_spin_unlock_irq(&adev->irq_lock);
	return mask;
}

static const struct file_operations acq_chrdev_fops = {
	.owner		= THIS_MODULE,
	.open		= acq_chrdev_open,
	.release	= acq_chrdev_release,
	.mmap		= acq_chrdev_mmap,
	.poll		= acq_chrdev_poll,
	/* The baselines (baseline-read.c, baseline-sigio.c): not for new code. */
	.read		= acq_baseline_read,
	.fasync		= acq_baseline_fasync,
	.unlocked_ioctl	= acq_baseline_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static int acq_inode_fs_init(struct fs_context *fc)
{
	return init_pseudo(fc, ACQ_INODE_FS_MAGIC) ? 0 : -ENOMEM;
}

static struct file_system_type acq_inode_fs = {
	.name		 = "acq_inode",
	.owner		 = THIS_MODULE,
	.init_fs_context = acq_inode_fs_init,
	.kill_sb	 = kill_anon_super,
};

/*
 * The device's own inode: every open file of the device maps through its
 * address_space (as DRM and VFIO do), whichever device node the file was
 * opened by, so that a window's revoke or a ring's detach zaps its pages
 * in every process at once. It lives as long as the device's memory: a
 * file, and so a mapping, may outlive the device's registration.
 */
int acq_chrdev_inode_alloc(struct acq_dev *adev)
{
	int err;

	err = simple_pin_fs(&acq_inode_fs, &acq_inode_mnt, &acq_inode_mnt_count);
	if (err)
		return err;
	adev->inode = alloc_anon_inode(acq_inode_mnt->mnt_sb);
	if (IS_ERR(adev->inode)) {
		err = PTR_ERR(adev->inode);
		adev->inode = NULL;
		simple_release_fs(&acq_inode_mnt, &acq_inode_mnt_count);
		return err;
	}
	return 0;
}

/* At the device's release: no file, so no mapping, is left. */
void acq_chrdev_inode_free(struct acq_dev *adev)
{
	if (adev->inode) {
		iput(adev->inode);
		adev->inode = NULL;
		simple_release_fs(&acq_inode_mnt, &acq_inode_mnt_count);
	}
}

/* The device behind a file, if it is a /dev/acqN; its lifetime is the file's. */
struct acq_dev *acq_chrdev_file_dev(const struct file *file)
{
	return file->f_op == &acq_chrdev_fops ? file->private_data : NULL;
}

/* Called with the device initialized and named; makes /dev/acqN appear. */
int acq_chrdev_add(struct acq_dev *adev)
{
	adev->dev.class = &acq_class;
	adev->dev.devt = MKDEV(MAJOR(acq_devt), adev->id);
	cdev_init(&adev->cdev, &acq_chrdev_fops);
	adev->cdev.owner = THIS_MODULE;
	return cdev_device_add(&adev->cdev, &adev->dev);
}

void acq_chrdev_del(struct acq_dev *adev)
{
	cdev_device_del(&adev->cdev, &adev->dev);
}

int __init acq_chrdev_init(void)
{
	int err;

	err = alloc_chrdev_region(&acq_devt, 0, ACQ_MAX_DEVICES, "acq");
	if (err)
		return err;
	err = class_register(&acq_class);
	if (err)
		goto err_unregister_region;
	return 0;

err_unregister_region:
	unregister_chrdev_region(acq_devt, ACQ_MAX_DEVICES);
	return err;
}

void acq_chrdev_exit(void)
{
	class_unregister(&acq_class);
	unregister_chrdev_region(acq_devt, ACQ_MAX_DEVICES);
}
