// SPDX-License-Identifier: GPL-2.0
/*
 * Register windows: a device's registers lent to user space by mmap() of
 * its /dev/acqN, and revoked by the device at any moment (uapi:
 * linux/acq_window.h).
 *
 * Every open file of a device maps through the device's own address_space
 * (chardev.c): a revoke zaps the window's pages in every process at once,
 * whichever device node a file was opened by. Pages are inserted lazily,
 * by the fault handler, which looks at the window's state under the read
 * side of its rwsem; a revoke or a restore changes the state and zaps
 * under the write side, so a fault never inserts a page of the state
 * before. Lock order (core.h):
 * mmap_lock (faults take the rwsem inside it), the device's lock
 * (netlink's requests, the removal), the window's rwsem, then the
 * mapping's own locks, and the device's irq_lock innermost. So nothing
 * may touch user memory under the device's lock. The zap holds no lock
 * another device shares.
 *
 * A change of state is told, under the write side still so that the
 * events of one window go out in the order of its changes, in the ring
 * header (windows_revoked) and on the monitor group.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "compat.h"
#include "core.h"
#include "ring.h"

struct acq_window {
	struct rw_semaphore sem;	/* faults read; state changes write */
	u64 offset;			/* mmap offset: ACQ_WINDOW_OFF(n) */
	struct acq_window_desc desc;
	struct page *scratch;		/* where accesses land once revoked */
	bool revoked;			/* under @sem */
	bool sigbus;			/* revoked accesses fault: under @sem */
	bool gone;			/* the device was removed: under @sem */
	u64 revokes;			/* under @sem */
};

/* Windows alive, each with its scratch page: debugfs acq/memory. */
static atomic_long_t acq_window_count;

void acq_window_mem_show(struct seq_file *m)
{
	seq_printf(m, "windows %ld\n", atomic_long_read(&acq_window_count));
}

static vm_fault_t acq_window_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct acq_window *win = vma->vm_private_data;
	unsigned long page = vmf->pgoff - (win->offset >> PAGE_SHIFT);
	vm_fault_t ret;

	if (page >= win->desc.size >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;
	down_read(&win->sem);
	if (!win->revoked)
		ret = vmf_insert_pfn_prot(vma, vmf->address,
					  win->desc.pfn + page,
					  vma->vm_page_prot);
	else if (win->sigbus)
		ret = VM_FAULT_SIGBUS;
	else	/* RAM: cached, whatever the registers' attributes */
		ret = vmf_insert_pfn_prot(vma, vmf->address,
					  page_to_pfn(win->scratch),
					  vm_get_page_prot(vma->vm_flags));
	up_read(&win->sem);
	return ret;
}

static const struct vm_operations_struct acq_window_vm_ops = {
	.fault = acq_window_fault,
};

/* Every process's pages of @win, under its rwsem's write side. */
static void acq_window_zap(struct acq_dev *adev, struct acq_window *win)
{
	lockdep_assert_held_write(&win->sem);
	unmap_mapping_range(adev->inode->i_mapping, win->offset,
			    win->desc.size, 1);
}

static struct acq_window *acq_window_lookup(struct acq_dev *adev,
					    unsigned int n)
{
	return n < adev->nr_windows ? &adev->windows[n] : NULL;
}

static void acq_window_status_locked(const struct acq_window *win,
				     struct acq_window_status *st)
{
	lockdep_assert_held(&win->sem);
	st->offset = win->offset;
	st->size = win->desc.size;
	st->revokes = win->revokes;
	st->writable = win->desc.writable;
	st->state = win->gone ? ACQ_WINDOW_STATE_GONE :
		    win->revoked ? ACQ_WINDOW_STATE_REVOKED :
		    ACQ_WINDOW_STATE_LENT;
	st->policy = win->sigbus ? ACQ_WINDOW_POLICY_SIGBUS :
		     ACQ_WINDOW_POLICY_DISCARD;
}

/* -EINVAL for no such window. */
int acq_window_get_status(struct acq_dev *adev, unsigned int n,
			  struct acq_window_status *st)
{
	struct acq_window *win = acq_window_lookup(adev, n);

	if (!win)
		return -EINVAL;
	down_read(&win->sem);
	acq_window_status_locked(win, st);
	up_read(&win->sem);
	return 0;
}

/* Window @n changed state: the ring header and the monitor group say so. */
static void acq_window_changed(struct acq_dev *adev, unsigned int n, u8 cmd)
{
	struct acq_window *win = &adev->windows[n];
	struct acq_window_status st;

	lockdep_assert_held_write(&win->sem);
	raw_spin_lock_irq(&adev->irq_lock);
	if (win->revoked)
		adev->windows_revoked |= BIT(n);
	else
		adev->windows_revoked &= ~BIT(n);
	adev->windows_seq++;
	if (adev->ring)
		acq_ring_set_windows(adev->ring, adev->windows_revoked,
				     adev->windows_seq);
	raw_spin_unlock_irq(&adev->irq_lock);

	acq_window_status_locked(win, &st);
	acq_notify_window(adev, n, &st, cmd);
}

/* Take window @n back, unless it is revoked already; under its rwsem. */
static void acq_window_revoke_locked(struct acq_dev *adev, unsigned int n)
{
	struct acq_window *win = &adev->windows[n];

	lockdep_assert_held_write(&win->sem);
	if (win->revoked)
		return;
	win->revoked = true;
	win->revokes++;
	acq_window_zap(adev, win);
	/*
	 * Nothing maps the scratch page while the window is lent (a restore
	 * zaps it) and faults wait for us: cleared now, it shows no process
	 * what another wrote in an earlier revoke.
	 */
	clear_highpage(win->scratch);
	acq_window_changed(adev, n, ACQ_CMD_WINDOW_REVOKED_NTF);
}

int acq_window_revoke(struct acq_dev *adev, unsigned int n)
{
	struct acq_window *win = acq_window_lookup(adev, n);

	might_sleep();
	if (!win)
		return -EINVAL;
	down_write(&win->sem);
	acq_window_revoke_locked(adev, n);
	up_write(&win->sem);
	return 0;
}
EXPORT_SYMBOL_GPL(acq_window_revoke);

int acq_window_restore(struct acq_dev *adev, unsigned int n)
{
	struct acq_window *win = acq_window_lookup(adev, n);

	might_sleep();
	if (!win)
		return -EINVAL;
	down_write(&win->sem);
	if (win->revoked && !win->gone) {
		win->revoked = false;
		/* The scratch page goes: the next access maps the registers. */
		acq_window_zap(adev, win);
		acq_window_changed(adev, n, ACQ_CMD_WINDOW_RESTORED_NTF);
	}
	up_write(&win->sem);
	return 0;
}
EXPORT_SYMBOL_GPL(acq_window_restore);

/* Takes effect at the next fault: a revoked window is zapped again. */
int acq_window_set_sigbus(struct acq_dev *adev, unsigned int n, bool sigbus)
{
	struct acq_window *win = acq_window_lookup(adev, n);

	might_sleep();
	if (!win)
		return -EINVAL;
	down_write(&win->sem);
	if (win->sigbus != sigbus) {
		struct acq_window_status st;

		win->sigbus = sigbus;
		if (win->revoked)
			acq_window_zap(adev, win);
		acq_window_status_locked(win, &st);
		acq_notify_window(adev, n, &st, ACQ_CMD_WINDOW_CHANGE_NTF);
	}
	up_write(&win->sem);
	return 0;
}
EXPORT_SYMBOL_GPL(acq_window_set_sigbus);

/*
 * A window's mapping: MAP_SHARED (the kernel clears VM_SHARED, not
 * VM_MAYSHARE, for a file open read-only), within the window, writable
 * only if the window and the file are (and, for a window that reaches
 * the DMA engine, the mapper has CAP_SYS_RAWIO).
 */
int acq_window_mmap(struct acq_dev *adev, struct file *file,
		    struct vm_area_struct *vma)
{
	u64 off = ((u64)vma->vm_pgoff << PAGE_SHIFT) - ACQ_WINDOW_OFF_BASE;
	u64 len = vma->vm_end - vma->vm_start;
	struct acq_window *win = acq_window_lookup(adev, off >> 32);
	u64 in = off & (ACQ_WINDOW_MAX_SIZE - 1);

	if (!win)
		return -ENXIO;
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (in >= win->desc.size || len > win->desc.size - in)
		return -EINVAL;
	if (!win->desc.writable || !(file->f_mode & FMODE_WRITE)) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		acq_vm_flags_clear(vma, VM_MAYWRITE);
	} else if (win->desc.dma) {
		/*
		 * A write could make the device DMA anywhere (see acq.h): asked
		 * of a writable mapping only, which must be made writable from
		 * the start, so that a reader raises no capability audit.
		 */
		if (!(vma->vm_flags & VM_WRITE))
			acq_vm_flags_clear(vma, VM_MAYWRITE);
		else if (!capable(CAP_SYS_RAWIO))
			return -EPERM;
	}
	/* Registers are not code. */
	if (vma->vm_flags & VM_EXEC)
		return -EACCES;
	acq_vm_flags_clear(vma, VM_MAYEXEC);
	/* Inherited by fork(): a child's pages are revoked with its parent's. */
	acq_vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	/* MMIO is uncached, and never encrypted memory (SME, SEV). */
	if (win->desc.io)
		vma->vm_page_prot =
			pgprot_decrypted(pgprot_noncached(vma->vm_page_prot));
	vma->vm_ops = &acq_window_vm_ops;
	vma->vm_private_data = win;
	return 0;
}

/* The device's windows, as @desc describes them. */
int acq_windows_init(struct acq_dev *adev, const struct acq_dev_desc *desc)
{
	unsigned int i;
	int err;

	if (desc->nr_windows > ACQ_MAX_WINDOWS ||
	    (desc->nr_windows && !desc->windows))
		return -EINVAL;
	for (i = 0; i < desc->nr_windows; i++)
		if (!desc->windows[i].size ||
		    !PAGE_ALIGNED(desc->windows[i].size) ||
		    desc->windows[i].size > ACQ_WINDOW_MAX_SIZE)
			return -EINVAL;

	adev->windows = kcalloc(desc->nr_windows, sizeof(*adev->windows),
				GFP_KERNEL);
	if (desc->nr_windows && !adev->windows) {
		err = -ENOMEM;
		goto err_free;
	}
	for (i = 0; i < desc->nr_windows; i++) {
		struct acq_window *win = &adev->windows[i];

		init_rwsem(&win->sem);
		win->offset = ACQ_WINDOW_OFF(i);
		win->desc = desc->windows[i];
		win->scratch = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!win->scratch) {
			err = -ENOMEM;
			goto err_free;
		}
		atomic_long_inc(&acq_window_count);
		adev->nr_windows++;
	}
	return 0;

err_free:
	acq_windows_free(adev);
	return err;
}

/*
 * The device is removed: every window is revoked for good, and no page
 * of the backend is mapped again, whatever a process still maps.
 */
void acq_windows_gone(struct acq_dev *adev)
{
	struct acq_window *win;
	unsigned int i;

	for (i = 0; i < adev->nr_windows; i++) {
		win = &adev->windows[i];
		down_write(&win->sem);
		/*
		 * Gone first, so that its event says so. A window revoked
		 * already maps nothing of the backend's: only its scratch
		 * page, which lives until the device's release. It is not
		 * zapped again, but it changes state all the same (revoked
		 * to gone, for good): that is told too.
		 */
		win->gone = true;
		if (win->revoked)
			acq_window_changed(adev, i, ACQ_CMD_WINDOW_REVOKED_NTF);
		else
			acq_window_revoke_locked(adev, i);
		up_write(&win->sem);
	}
}

/* At the device's release: no file, so no mapping, is left. */
void acq_windows_free(struct acq_dev *adev)
{
	unsigned int i;

	for (i = 0; i < adev->nr_windows; i++) {
		__free_page(adev->windows[i].scratch);
		atomic_long_dec(&acq_window_count);
	}
	kfree(adev->windows);
	adev->windows = NULL;
	adev->nr_windows = 0;
}
