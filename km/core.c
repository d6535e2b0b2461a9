// SPDX-License-Identifier: GPL-2.0
/*
 * acq core: the registry of capture devices and module life cycle.
 *
 * Backends (acq_sim) register devices here; user space reaches them
 * through the "acq" generic netlink family (the nl-*.c files) and their
 * /dev/acqN (chardev.c).
 */
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "baseline.h"
#include "core.h"
#include "ring.h"

/*
 * A new channel's configuration: 64 KiB frames in 16-line chunks, a
 * thousand frames a second; disabled until asked for.
 */
static const struct acq_chan_config acq_chan_default = {
	.lines		= 64,
	.line_bytes	= 1024,
	.lines_per_chunk = 16,
	.line_rate	= 64000,
};

/*
 * Device id -> struct acq_dev, under the xarray's own lock (see core.h).
 * A NULL entry is an id reserved for a device being registered or
 * unregistered. Registration and unregistration of different devices
 * share nothing else.
 */
static DEFINE_XARRAY_ALLOC(acq_devices);
static u32 acq_next_id;		/* under the xarray's lock */
static atomic_t acq_devices_gen = ATOMIC_INIT(1);

/* List or unlist @adev (NULL) at @id, and say the registry changed. */
static void acq_dev_list(u32 id, struct acq_dev *adev)
{
	/* The id is reserved: its slot exists, nothing is allocated. */
	xa_store(&acq_devices, id, adev, GFP_KERNEL);
	atomic_inc(&acq_devices_gen);
}

/* Never 0, which a dump takes for "no generation seen yet". */
unsigned int acq_dev_generation(void)
{
	return atomic_read(&acq_devices_gen) ?: 1;
}

/* The device @id, referenced, or NULL; listed, but maybe dead by now. */
struct acq_dev *acq_dev_get(u32 id)
{
	struct acq_dev *adev;

	xa_lock(&acq_devices);
	adev = xa_load(&acq_devices, id);
	if (adev)
		get_device(&adev->dev);
	xa_unlock(&acq_devices);
	return adev;
}

/* Walk the registry in id order: returns the device at *id or after it,
 * referenced, and leaves its id in *id, or NULL at the end.
 */
struct acq_dev *acq_dev_get_next(unsigned long *id)
{
	struct acq_dev *adev;

	xa_lock(&acq_devices);
	adev = xa_find(&acq_devices, id, ULONG_MAX, XA_PRESENT);
	if (adev)
		get_device(&adev->dev);
	xa_unlock(&acq_devices);
	return adev;
}

/*
 * Lock a device found in the registry, if it is still alive: 0, -ENODEV
 * (removed since it was found; not locked), or -EINTR when a fatal signal
 * ends the wait.
 */
int acq_dev_lock_alive(struct acq_dev *adev)
{
	int err;

	err = mutex_lock_killable(&adev->lock);
	if (err)
		return err;
	if (adev->dead) {
		mutex_unlock(&adev->lock);
		return -ENODEV;
	}
	return 0;
}

/* May free the device: never under its lock. */
void acq_dev_put(struct acq_dev *adev)
{
	put_device(&adev->dev);
}

static void acq_dev_release(struct device *dev)
{
	struct acq_dev *adev = container_of(dev, struct acq_dev, dev);

	acq_windows_free(adev);
	acq_chrdev_inode_free(adev);
	kfree(adev);
}

/**
 * acq_dev_register - make a backend's device a capture device
 * @desc: what the device is; copied, so it may live on the stack
 *
 * Allocates the device's id, creates /dev/acqN and lists the device.
 * Return: the device, or an ERR_PTR.
 */
struct acq_dev *acq_dev_register(const struct acq_dev_desc *desc)
{
	struct acq_dev *adev;
	unsigned int i;
	u32 id;
	int err;

	if (!desc->parent || !desc->backend || !desc->ops ||
	    !desc->ops->start || !desc->ops->stop ||
	    !desc->nr_channels || desc->nr_channels > ACQ_MAX_CHANNELS)
		return ERR_PTR(-EINVAL);
	if (strlen(dev_name(desc->parent)) >= ACQ_PARENT_NAME_LEN ||
	    strlen(desc->backend) >= ACQ_DEV_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);

	adev = kzalloc(struct_size(adev, chans, desc->nr_channels), GFP_KERNEL);
	if (!adev)
		return ERR_PTR(-ENOMEM);
	/* Dead until listed: an open racing a failed registration fails. */
	adev->dead = true;
	adev->nr_channels = desc->nr_channels;
	adev->limits = desc->limits;
	if (!adev->limits.max_frame_bytes ||
	    adev->limits.max_frame_bytes > ACQ_MAX_FRAME_BYTES)
		adev->limits.max_frame_bytes = ACQ_MAX_FRAME_BYTES;
	if (!adev->limits.max_line_rate)
		adev->limits.max_line_rate = U32_MAX;
	adev->priv = desc->priv;
	adev->ops = desc->ops;
	adev->dma_dev = desc->parent;
	mutex_init(&adev->lock);
	mutex_init(&adev->attach_lock);
	raw_spin_lock_init(&adev->irq_lock);
	init_waitqueue_head(&adev->wq);
	INIT_WORK(&adev->fail_work, acq_dev_fail_work);
	acq_notify_init(adev);
	for (i = 0; i < adev->nr_channels; i++)
		adev->chans[i].cfg = acq_chan_default;
	strscpy(adev->backend, desc->backend, sizeof(adev->backend));
	strscpy(adev->parent, dev_name(desc->parent), sizeof(adev->parent));
	device_initialize(&adev->dev);
	adev->dev.parent = desc->parent;
	adev->dev.release = acq_dev_release;
	err = acq_windows_init(adev, desc) ?: acq_chrdev_inode_alloc(adev);
	if (err) {
		put_device(&adev->dev);
		return ERR_PTR(err);
	}

	/*
	 * Cyclic: a removed device's name is not handed to the next one at
	 * once, so a script holding "acq3" does not silently reach another
	 * device. The entry stays reserved (NULL) until the device is whole.
	 */
	err = xa_alloc_cyclic(&acq_devices, &id, NULL,
			      XA_LIMIT(0, ACQ_MAX_DEVICES - 1),
			      &acq_next_id, GFP_KERNEL);
	if (err < 0) {
		if (err == -EBUSY)
			err = -ENOSPC;
		goto err_put;
	}
	adev->id = id;
	err = dev_set_name(&adev->dev, "acq%u", id);
	if (err)
		goto err_erase_id;
	adev->wake_worker = acq_ring_wake_worker_create(id);
	if (IS_ERR(adev->wake_worker)) {
		err = PTR_ERR(adev->wake_worker);
		adev->wake_worker = NULL;
		goto err_erase_id;
	}
	/* An open of /dev/acqN fails until the device is alive (not dead). */
	err = acq_chrdev_add(adev);
	if (err)
		goto err_wake_worker;
	/* Its events come after dev-add: they need the lock, alive. */
	mutex_lock(&adev->lock);
	acq_dev_list(id, adev);
	adev->dead = false;
	acq_notify_dev(adev, ACQ_CMD_DEV_ADD_NTF);
	mutex_unlock(&adev->lock);
	return adev;

err_wake_worker:
	acq_ring_wake_worker_destroy(adev->wake_worker);
err_erase_id:
	xa_erase(&acq_devices, id);
err_put:
	put_device(&adev->dev);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_GPL(acq_dev_register);

/**
 * acq_dev_unregister - take a capture device away
 * @adev: the device
 *
 * After this returns, user space can no longer open or control the device,
 * files already open keep only the core's memory, and the core holds
 * nothing of the backend: it may free its device and unload.
 */
void acq_dev_unregister(struct acq_dev *adev)
{
	/* Unlisted at once; the id stays reserved until /dev/acqN is gone,
	 * so that a new device cannot take its name and minor meanwhile.
	 * Dead: whoever found it before sees that under the lock, and acts
	 * no more. The rest is this device's only: no other waits for it.
	 */
	mutex_lock(&adev->lock);
	adev->dead = true;
	acq_dev_list(adev->id, NULL);
	/*
	 * The backend may free its registers once we return: revoked for
	 * good first, said while the ring's header can still show it.
	 */
	acq_windows_gone(adev);
	/* Stops the device and frees the frames while the DMA device is. */
	acq_dev_ring_detach(adev, ACQ_STOP_REASON_REMOVED);
	/* Stopped: no frame helper runs to report an overrun any more. */
	acq_notify_exit(adev);
	/* Nor is a ring attached to be woken. */
	acq_ring_wake_worker_destroy(adev->wake_worker);
	adev->wake_worker = NULL;
	acq_notify_dev(adev, ACQ_CMD_DEV_DEL_NTF);
	adev->priv = NULL;
	adev->ops = NULL;
	adev->dma_dev = NULL;
	mutex_unlock(&adev->lock);
	/* Finds the device dead, if it runs: the backend's ops are gone. */
	cancel_work_sync(&adev->fail_work);
	wake_up_interruptible_poll(&adev->wq, EPOLLHUP);
	/*
	 * An attach allocating its ring outside the lock holds the DMA
	 * device it took before we came: it finds the device dead and
	 * frees its ring before it lets go of attach_lock.
	 */
	mutex_lock(&adev->attach_lock);
	mutex_unlock(&adev->attach_lock);

	/* Drops the parent: adev->dev.parent is not to be used after this. */
	acq_chrdev_del(adev);

	xa_erase(&acq_devices, adev->id);
	put_device(&adev->dev);
}
EXPORT_SYMBOL_GPL(acq_dev_unregister);

void *acq_dev_priv(const struct acq_dev *adev)
{
	return adev->priv;
}
EXPORT_SYMBOL_GPL(acq_dev_priv);

/**
 * acq_chan_get_config - a channel's configuration, for the backend's start op
 * @adev: the device
 * @chan: the channel
 *
 * Constant while the device is started.
 */
const struct acq_chan_config *acq_chan_get_config(const struct acq_dev *adev,
						  unsigned int chan)
{
	return &adev->chans[chan].cfg;
}
EXPORT_SYMBOL_GPL(acq_chan_get_config);

static int __init acq_init(void)
{
	int err;

	err = acq_chrdev_init();
	if (err)
		return err;
	err = acq_nl_init();
	if (err)
		goto err_chrdev_exit;
	acq_debugfs_init();
	return 0;

err_chrdev_exit:
	acq_chrdev_exit();
	return err;
}

static void __exit acq_exit(void)
{
	/* Backends depend on this module: none is left with a device. */
	WARN_ON(!xa_empty(&acq_devices));
	acq_debugfs_exit();
	acq_nl_exit();
	acq_chrdev_exit();
	xa_destroy(&acq_devices);
}

module_init(acq_init);
module_exit(acq_exit);

MODULE_DESCRIPTION("acq data-acquisition core");
MODULE_LICENSE("GPL");
