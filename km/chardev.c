// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/acqN: the character device of each capture device, the handle
 * through which user space reaches it (the rings are mapped from it).
 */
#include <linux/fs.h>
#include <linux/module.h>

#include "core.h"

static dev_t acq_devt;

/* Not const: 6.1's class_register() takes a mutable class. */
static struct class acq_class = {
	.name = "acq",
};

static int acq_chrdev_open(struct inode *inode, struct file *file)
{
	struct acq_dev *adev = container_of(inode->i_cdev, struct acq_dev, cdev);
	int err = 0;

	/* A node made by hand (mknod) may outlive its device. */
	mutex_lock(&acq_lock);
	if (adev->dead)
		err = -ENODEV;
	else
		get_device(&adev->dev);
	mutex_unlock(&acq_lock);
	if (err)
		return err;

	file->private_data = adev;
	return nonseekable_open(inode, file);
}

static int acq_chrdev_release(struct inode *inode, struct file *file)
{
	struct acq_dev *adev = file->private_data;

	put_device(&adev->dev);
	return 0;
}

static const struct file_operations acq_chrdev_fops = {
	.owner		= THIS_MODULE,
	.open		= acq_chrdev_open,
	.release	= acq_chrdev_release,
};

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
