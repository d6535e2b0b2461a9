// SPDX-License-Identifier: GPL-2.0
/*
 * A baseline, kept for comparison only (uapi/linux/acq_baseline.h): the
 * field's original design, a SIGIO for every frame published, then
 * ACQ_IOC_FRAME_COPY to copy it into a user buffer. A signal, a system
 * call and a copy per frame: not an interface for new code.
 *
 * Any file of the device with O_ASYNC set is signalled; only the ring's
 * own file may copy. The VFS removes a file's entry at its last close
 * (__fput() calls ->fasync(-1, file, 0) for a file with FASYNC set), so
 * release has nothing to add.
 */
#include <linux/irq_work.h>
#include <linux/uaccess.h>
#include <uapi/linux/acq_baseline.h>

#include "baseline.h"
#include "core.h"

int acq_baseline_fasync(int fd, struct file *file, int on)
{
	struct acq_dev *adev = file->private_data;

	return fasync_helper(fd, file, on, &adev->fasync);
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

static void acq_baseline_sigio_send(struct acq_dev *adev)
{
	kill_fasync(&adev->fasync, SIGIO, POLL_IN);
}

static void acq_baseline_sigio_work(struct irq_work *work)
{
	acq_baseline_sigio_send(container_of(work, struct acq_dev,
					     sigio_work));
}

/*
 * A frame was published, and a file asked for signals. kill_fasync()
 * takes rwlocks, which are sleeping locks on PREEMPT_RT: there, signal
 * from irq_work's thread whenever the caller (a hard IRQ) cannot sleep,
 * as acq_ring_wake() does; signals queued meanwhile merge into one, as
 * SIGIO does anyway.
 */
void acq_baseline_sigio(struct acq_dev *adev)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT) && !preemptible())
		irq_work_queue(&adev->sigio_work);
	else
		acq_baseline_sigio_send(adev);
}

void acq_baseline_sigio_init(struct acq_dev *adev)
{
	init_irq_work(&adev->sigio_work, acq_baseline_sigio_work);
}

/* Before the device's memory goes: no signal is pending for it. */
void acq_baseline_sigio_sync(struct acq_dev *adev)
{
	irq_work_sync(&adev->sigio_work);
}
