// SPDX-License-Identifier: GPL-2.0
/*
 * The acq_sim bus: devices are made by writing "ID NCHANNELS" to
 * /sys/bus/acq_sim/new_device and removed by writing "ID" to del_device.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "acq_sim.h"
#include "compat.h"

/* The simulated devices, and whether new ones may still come. */
static DEFINE_MUTEX(acq_sim_lock);
static LIST_HEAD(acq_sim_devs);
static bool acq_sim_enabled;

/* debugfs acq_sim/: a directory for each device (dev.c) */
static struct dentry *acq_sim_ddir;

static struct bus_type acq_sim_bus;

static void acq_sim_dev_release(struct device *dev)
{
	kfree(container_of(dev, struct acq_sim_dev, dev));
}

static struct acq_sim_dev *acq_sim_find(u32 id)
{
	struct acq_sim_dev *sdev;

	lockdep_assert_held(&acq_sim_lock);
	list_for_each_entry(sdev, &acq_sim_devs, list)
		if (sdev->id == id)
			return sdev;
	return NULL;
}

static int acq_sim_new(u32 id, unsigned int nr_channels)
{
	struct acq_sim_dev *sdev;
	int err;

	if (!nr_channels || nr_channels > ACQ_MAX_CHANNELS)
		return -EINVAL;

	mutex_lock(&acq_sim_lock);
	if (!acq_sim_enabled) {
		err = -ENODEV;
		goto err_unlock;
	}
	if (acq_sim_find(id)) {
		err = -EEXIST;
		goto err_unlock;
	}
	sdev = kzalloc(struct_size(sdev, chans, nr_channels), GFP_KERNEL);
	if (!sdev) {
		err = -ENOMEM;
		goto err_unlock;
	}
	sdev->id = id;
	sdev->nr_channels = nr_channels;
	device_initialize(&sdev->dev);
	sdev->dev.bus = &acq_sim_bus;
	sdev->dev.release = acq_sim_dev_release;
	err = dev_set_name(&sdev->dev, "acq_sim%u", id);
	if (err)
		goto err_put_dev;
	err = device_add(&sdev->dev);
	if (err)
		goto err_put_dev;
	err = acq_sim_dev_add(sdev, acq_sim_ddir);
	if (err)
		goto err_del_dev;
	list_add_tail(&sdev->list, &acq_sim_devs);
	mutex_unlock(&acq_sim_lock);
	return 0;

err_del_dev:
	device_del(&sdev->dev);
err_put_dev:
	put_device(&sdev->dev);
err_unlock:
	mutex_unlock(&acq_sim_lock);
	return err;
}

static void acq_sim_del(struct acq_sim_dev *sdev)
{
	lockdep_assert_held(&acq_sim_lock);
	list_del(&sdev->list);
	acq_sim_dev_del(sdev);
	device_unregister(&sdev->dev);
}

/*
 * Parse exactly @n decimal u32 values separated by spaces (a trailing
 * newline allowed); kstrtou32() refuses what does not fit in 32 bits.
 */
static int acq_sim_parse(const char *buf, size_t count, u32 *vals, int n)
{
	char line[32], *p, *word;
	int i = 0, err;

	if (count >= sizeof(line))
		return -EINVAL;
	memcpy(line, buf, count);
	line[count] = '\0';
	p = strim(line);
	while ((word = strsep(&p, " "))) {
		if (!*word)
			continue;	/* runs of spaces */
		if (i == n)
			return -EINVAL;
		err = kstrtou32(word, 10, &vals[i++]);
		if (err)
			return err;
	}
	return i == n ? 0 : -EINVAL;
}

static ssize_t new_device_store(acq_bus_attr_type *bus, const char *buf,
				size_t count)
{
	u32 v[2];	/* ID NCHANNELS */
	int err;

	err = acq_sim_parse(buf, count, v, 2);
	if (!err)
		err = acq_sim_new(v[0], v[1]);
	return err ?: count;
}
static BUS_ATTR_WO(new_device);

static ssize_t del_device_store(acq_bus_attr_type *bus, const char *buf,
				size_t count)
{
	struct acq_sim_dev *sdev;
	u32 id;
	int err;

	err = acq_sim_parse(buf, count, &id, 1);
	if (err)
		return err;

	mutex_lock(&acq_sim_lock);
	sdev = acq_sim_find(id);
	if (sdev)
		acq_sim_del(sdev);
	mutex_unlock(&acq_sim_lock);
	return sdev ? count : -ENOENT;
}
static BUS_ATTR_WO(del_device);

static struct attribute *acq_sim_bus_attrs[] = {
	&bus_attr_new_device.attr,
	&bus_attr_del_device.attr,
	NULL
};
ATTRIBUTE_GROUPS(acq_sim_bus);

static struct bus_type acq_sim_bus = {
	.name		= "acq_sim",
	.dev_name	= "acq_sim",
	.bus_groups	= acq_sim_bus_groups,
};

static int __init acq_sim_init(void)
{
	int err;

	err = bus_register(&acq_sim_bus);
	if (err)
		return err;
	acq_sim_ddir = debugfs_create_dir("acq_sim", NULL);
	mutex_lock(&acq_sim_lock);
	acq_sim_enabled = true;
	mutex_unlock(&acq_sim_lock);
	return 0;
}

static void __exit acq_sim_exit(void)
{
	struct acq_sim_dev *sdev, *tmp;

	mutex_lock(&acq_sim_lock);
	acq_sim_enabled = false;
	list_for_each_entry_safe(sdev, tmp, &acq_sim_devs, list)
		acq_sim_del(sdev);
	mutex_unlock(&acq_sim_lock);
	debugfs_remove_recursive(acq_sim_ddir);
	bus_unregister(&acq_sim_bus);
}

module_init(acq_sim_init);
module_exit(acq_sim_exit);

MODULE_DESCRIPTION("acq simulated capture device");
MODULE_LICENSE("GPL");
