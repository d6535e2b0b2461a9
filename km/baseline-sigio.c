// SPDX-License-Identifier: GPL-2.0
/*
 * A baseline, kept for comparison only (uapi/linux/acq_baseline.h): the
 * field's original design, a SIGIO for every frame published, then
 * ACQ_IOC_FRAME_COPY to copy it into a user buffer. A signal, a system
 * call and a copy per frame: not an interface for new code.
 *
 * Only the ring's own file is signalled, and only for its ring: the
 * fasync list is the ring's, one entry at most, walked for every frame
 * from the frame helpers' context. Any file of the device could open
 * another, and make every frame of the owner's walk a list as long as its
 * RLIMIT_NOFILE, with interrupts off, and learn the frames' timing. The
 * VFS removes the entry at the file's last close (__fput() calls
 * ->fasync(-1, file, 0) for a file with FASYNC set), the detach at the
 * ring's end (acq_baseline_sigio_detach()).
 */
#include <linux/uaccess.h>
#include <uapi/linux/acq_baseline.h>

#include "baseline.h"
#include "core.h"
#include "ring.h"

/*
 * Under the device's lock, which the detach holds too: an entry added to
 * a ring being detached would outlive it on no one's list.
 */
int acq_baseline_fasync(int fd, struct file *file, int on)
{
	struct acq_dev *adev = file->private_data;
	struct acq_ring *ring;
	int err;

	if (fd == -1) {
		/* A close's (__fput()): it must complete, whoever is dying. */
		mutex_lock(&adev->lock);
	} else {
		/* fcntl()'s or FIOASYNC's: a wait a user causes is killable. */
		err = mutex_lock_killable(&adev->lock);
		if (err)
			return err;
	}
	ring = acq_chrdev_ring_get(adev, file);
	if (!IS_ERR(ring)) {
		err = fasync_helper(fd, file, on, &ring->fasync);
		acq_ring_put(ring);
	} else {
		/* Off: the detach took the entry away already. */
		err = on ? PTR_ERR(ring) : 0;
	}
	mutex_unlock(&adev->lock);
	return err;
}

/*
 * The ring's file, @owner, loses its entry, and its O_ASYNC with it.
 * Under the device's lock, once no frame helper and no deferred signal
 * runs for the ring.
 */
void acq_baseline_sigio_detach(struct acq_ring *ring, struct file *owner)
{
	fasync_helper(-1, owner, 0, &ring->fasync);
}

/* Never blocks: the SIGIO said a frame waits. */
long acq_baseline_ioctl(struct file *file, unsigned int cmd,
			unsigned long arg)
{
	struct acq_frame_copy __user *ucopy = (void __user *)arg;
	struct acq_frame_copy copy;
	struct acq_frame_dst dst;
	ssize_t len;

	if (cmd != ACQ_IOC_FRAME_COPY)
		return -ENOTTY;
	if (copy_from_user(&copy, ucopy, offsetof(struct acq_frame_copy, desc)))
		return -EFAULT;
	if (copy.__pad)
		return -EINVAL;
	dst.desc = &ucopy->desc;
	dst.frame = u64_to_user_ptr(copy.buf);
	dst.frame_size = copy.buf_size;
	len = acq_frame_copy_next(file->private_data, file, &dst, false);
	/* Stopped with nothing waiting: none waits, as the uapi says. */
	if (len == -ESHUTDOWN)
		return -EAGAIN;
	return len < 0 ? len : 0;
}

/*
 * A frame was published on a ring whose file asked for signals.
 * kill_fasync() takes rwlocks, which sleep on PREEMPT_RT: there a caller
 * that cannot sleep hands the signal to the device's wake worker, as
 * acq_ring_wake() does, one per frame (acq_ring_sigio()).
 */
void acq_baseline_sigio_send(struct acq_ring *ring)
{
	kill_fasync(&ring->fasync, SIGIO, POLL_IN);
}
