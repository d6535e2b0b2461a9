// SPDX-License-Identifier: GPL-2.0
/*
 * acq_edu: a capture device on QEMU's educational PCI device, "edu"
 * (-device edu; QEMU's docs/specs/edu.rst and hw/misc/edu.c), and the
 * template of a PCI backend of the acq core: one channel, an MSI (or INTx)
 * interrupt, a DMA engine, and BAR0 lent to user space as a register
 * window.
 *
 * The device's DMA engine copies between host memory and a 4 KiB buffer
 * on the device, one transfer at a time, each ending in an interrupt about
 * 100 ms later. A frame is made of chunks, each in two transfers:
 * the chunk's payload (acq_sim's pattern, which acqctl capture --verify
 * checks) from a staging buffer in host memory into the device's buffer,
 * then from there into the chunk's place in the frame's slot, at the bus
 * address the core gave. So every byte the consumer checks came through
 * the device. The completion interrupt starts the next transfer; after
 * the last chunk's, it publishes the frame and begins the next.
 *
 * A watchdog stands in for a completion that never comes: if the engine
 * is done, the chunk goes on but its frame is delivered flagged an error
 * (-ETIMEDOUT); if it is stuck, bus mastering goes and the device with it.
 */
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "acq.h"
#include "compat.h"
#include "pattern.h"

#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8

/* BAR0 registers, 32 bits wide but for the DMA engine's 64 */
#define EDU_REG_ID		0x00	/* 0x010000ed: version 1.0, "ed" */
#define EDU_REG_LIVENESS	0x04	/* reads back the inverse of a write */
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60	/* sets status bits, interrupts */
#define EDU_REG_IRQ_ACK		0x64	/* clears status bits */
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define  EDU_DMA_RUN		BIT(0)	/* start; reads 1 until done */
#define  EDU_DMA_TO_HOST	BIT(1)	/* else host to device */
#define  EDU_DMA_IRQ		BIT(2)	/* interrupt when done */

#define EDU_IRQ_DMA		BIT(8)	/* status: a DMA transfer is done */

/* The device's 4 KiB buffer, at this address on its side of the engine. */
#define EDU_BUF_ADDR		0x40000
/*
 * A frame's chunks, each carried through the buffer's first half: QEMU
 * 7.2 (Debian 12's) takes a transfer that ends at the buffer's end for one
 * out of bounds, and stops the whole machine.
 */
#define EDU_CHUNK_SIZE		2048

/* A transfer takes 100 ms of emulated time; give a slow host ten times. */
#define EDU_DMA_TIMEOUT_MS	1000

/*
 * The engine's address width, QEMU's dma_mask property: the device cannot
 * be asked, so the user says it. QEMU's default mask is 28 bits wide.
 * Without 64-bit MMIO, writeq() is two writes, and the device takes a
 * 4-byte write of an address for the whole of it: 32 bits at most then.
 */
static unsigned int dma_bits = 28;

static int acq_edu_dma_bits_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 12,
				     IS_ENABLED(CONFIG_64BIT) ? 64 : 32);
}

static const struct kernel_param_ops acq_edu_dma_bits_ops = {
	.set	= acq_edu_dma_bits_set,
	.get	= param_get_uint,
};
module_param_cb(dma_bits, &acq_edu_dma_bits_ops, &dma_bits, 0444);
MODULE_PARM_DESC(dma_bits, "DMA address bits of the device (12 to 64)");

struct acq_edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct acq_dev *adev;
	int irq;
	struct acq_window_desc window;	/* BAR0 */
	void *staging;			/* a chunk on its way to the device */
	dma_addr_t staging_dma;
	struct dentry *debugfs;
	u32 spurious;			/* interrupts not of ours */
	u32 lost;			/* completions the watchdog found */
	atomic_t lose_irqs;		/* fault injection: completions to lose */
	struct delayed_work watchdog;	/* a transfer's deadline */

	spinlock_t lock;		/* the status and the capture's state */
	bool running;
	bool broken;			/* the engine did not stop: no DMA again */
	bool quiesced;			/* removed or shut down: no DMA again */
	bool filling;			/* the transfer fills the device's buffer */
	struct acq_frame frame;		/* the frame being assembled */
	u32 frame_bytes;
	u32 line_bytes;
	u32 off;			/* the chunk's offset in the frame */
	int chunk_err;			/* the chunk's error, for the core */
};

static struct dentry *acq_edu_ddir;

static void acq_edu_dma(struct acq_edu *edu, dma_addr_t src, dma_addr_t dst,
			u32 len, u32 cmd)
{
	writeq(src, edu->regs + EDU_REG_DMA_SRC);
	writeq(dst, edu->regs + EDU_REG_DMA_DST);
	writeq(len, edu->regs + EDU_REG_DMA_COUNT);
	writeq(cmd | EDU_DMA_RUN | EDU_DMA_IRQ, edu->regs + EDU_REG_DMA_CMD);
	/* Pushed back by each transfer: it fires only for a stalled one. */
	mod_delayed_work(acq_system_wq, &edu->watchdog,
			 msecs_to_jiffies(EDU_DMA_TIMEOUT_MS));
}

static u32 acq_edu_chunk_len(const struct acq_edu *edu)
{
	return min_t(u32, EDU_CHUNK_SIZE, edu->frame_bytes - edu->off);
}

/* A chunk's first transfer: its payload into the device's buffer. */
static void acq_edu_fill(struct acq_edu *edu)
{
	u32 len = acq_edu_chunk_len(edu);

	acq_pattern_fill(edu->staging, 0, 0, edu->frame.seq, edu->line_bytes,
			 edu->off, len);
	edu->filling = true;
	/* writeq() orders the coherent buffer's stores before the doorbell. */
	acq_edu_dma(edu, edu->staging_dma, EDU_BUF_ADDR, len, 0);
}

/*
 * A frame without a slot (the ring is full) is dropped: the device must not
 * write, but still fills its buffer, which paces the frame.
 */
static void acq_edu_frame_begin(struct acq_edu *edu)
{
	acq_frame_begin(edu->adev, 0, &edu->frame);
	edu->off = 0;
	acq_edu_fill(edu);
}

/*
 * A transfer is done (@err: its completion never came): the next, and a
 * frame when it is whole.
 */
static void acq_edu_dma_done(struct acq_edu *edu, int err)
{
	u32 len = acq_edu_chunk_len(edu);

	if (!edu->chunk_err)
		edu->chunk_err = err;
	if (edu->filling && edu->frame.vaddr) {
		edu->filling = false;
		acq_edu_dma(edu, EDU_BUF_ADDR, edu->frame.dma + edu->off, len,
			    EDU_DMA_TO_HOST);
		return;
	}
	acq_chunk_done(edu->adev, 0, edu->chunk_err);
	edu->chunk_err = 0;
	edu->off += len;
	if (edu->off < edu->frame_bytes) {
		acq_edu_fill(edu);
		return;
	}
	acq_frame_done(edu->adev, 0, edu->frame_bytes, 0);
	acq_edu_frame_begin(edu);
}

/*
 * @val, read from a register, is all ones and so is the ID register,
 * which reads otherwise: the device has gone. (All ones alone in the
 * status may be bits raised by hand.)
 */
static bool acq_edu_gone(const struct acq_edu *edu, u32 val)
{
	return val == ~0U && readl(edu->regs + EDU_REG_ID) == ~0U;
}

/*
 * The engine did not finish a transfer in a whole timeout: no DMA again.
 * Under QEMU, bus mastering off ends the transfer. A real card's engine
 * could still land a posted write in the slot after this: a driver for
 * one resets the engine before it hands the slot back.
 */
static void acq_edu_hung(struct acq_edu *edu)
{
	lockdep_assert_held(&edu->lock);
	dev_err(&edu->pdev->dev, "the DMA engine does not finish\n");
	pci_clear_master(edu->pdev);
	edu->broken = true;
}

static irqreturn_t acq_edu_irq(int irq, void *data)
{
	struct acq_edu *edu = data;
	u32 status;

	/* Read and acknowledged under the lock that start acknowledges in. */
	spin_lock(&edu->lock);
	status = readl(edu->regs + EDU_REG_IRQ_STATUS);
	/* Nothing in the status: another device's, on a shared INTx line. */
	if (!status || acq_edu_gone(edu, status)) {
		spin_unlock(&edu->lock);
		return IRQ_NONE;
	}
	/* Acknowledged first: an INTx line stays asserted until then. */
	writel(status, edu->regs + EDU_REG_IRQ_ACK);
	/*
	 * A completion only while the engine is idle: a DMA bit raised by
	 * hand (debugfs, or a window's writer) while ours runs is not ours.
	 */
	if (!(status & EDU_IRQ_DMA) ||
	    (readl(edu->regs + EDU_REG_DMA_CMD) & EDU_DMA_RUN))
		edu->spurious++;
	/* One fault injection loses is the watchdog's to find. */
	else if (edu->running && atomic_dec_if_positive(&edu->lose_irqs) < 0)
		acq_edu_dma_done(edu, 0);
	spin_unlock(&edu->lock);
	return IRQ_HANDLED;
}

/*
 * No completion for a whole timeout. An idle engine finished, and its
 * interrupt was lost (or is late, and finds nothing): go on, the chunk
 * flagged. A busy one is stuck: no DMA again, and the frame ends short.
 */
static void acq_edu_watchdog(struct work_struct *work)
{
	struct acq_edu *edu = container_of(to_delayed_work(work),
					   struct acq_edu, watchdog);
	u32 cmd;

	spin_lock_irq(&edu->lock);
	/*
	 * Re-armed since it fired (every re-arm is under the lock): a late
	 * completion came meanwhile and started the next transfer.
	 */
	if (delayed_work_pending(&edu->watchdog) || !edu->running) {
		spin_unlock_irq(&edu->lock);
		return;
	}
	cmd = readl(edu->regs + EDU_REG_DMA_CMD);
	/* Off the bus: a removal follows, or nothing will; stop either way. */
	if (acq_edu_gone(edu, cmd)) {
		acq_dev_fail(edu->adev, -ENODEV);
		spin_unlock_irq(&edu->lock);
		return;
	}
	if (!(cmd & EDU_DMA_RUN)) {
		writel(EDU_IRQ_DMA, edu->regs + EDU_REG_IRQ_ACK);
		edu->lost++;
		acq_edu_dma_done(edu, -ETIMEDOUT);
	} else {
		acq_edu_hung(edu);
		edu->running = false;
		acq_chunk_done(edu->adev, 0, -ETIMEDOUT);
		acq_frame_done(edu->adev, 0, edu->off, 0);
		/* The core stops the device, and tells its users why. */
		acq_dev_fail(edu->adev, -ETIMEDOUT);
	}
	spin_unlock_irq(&edu->lock);
}

static int acq_edu_start(struct acq_dev *adev, struct netlink_ext_ack *extack)
{
	const struct acq_chan_config *cfg = acq_chan_get_config(adev, 0);
	struct acq_edu *edu = acq_dev_priv(adev);

	if (!cfg->enabled)
		return 0;
	spin_lock_irq(&edu->lock);
	if (edu->broken || edu->quiesced) {
		spin_unlock_irq(&edu->lock);
		if (edu->broken)
			NL_SET_ERR_MSG_MOD(extack,
					   "the DMA engine hung: unbind and bind the driver");
		return edu->broken ? -EIO : -ESHUTDOWN;
	}
	/*
	 * The completion of the last transfer before a stop may still wait
	 * for its handler: it is not this capture's.
	 */
	writel(EDU_IRQ_DMA, edu->regs + EDU_REG_IRQ_ACK);
	edu->chunk_err = 0;
	edu->frame_bytes = cfg->lines * cfg->line_bytes;
	edu->line_bytes = cfg->line_bytes;
	edu->running = true;
	acq_edu_frame_begin(edu);
	spin_unlock_irq(&edu->lock);
	return 0;
}

/*
 * No transfer, no frame helper, no watchdog after this: for the stop op,
 * and for a removal or a shutdown, when a capture may still run.
 */
static void acq_edu_halt(struct acq_edu *edu)
{
	bool broken;
	u32 cmd;

	spin_lock_irq(&edu->lock);
	edu->running = false;
	broken = edu->broken;
	spin_unlock_irq(&edu->lock);
	/*
	 * The engine cannot be stopped mid-transfer: wait until it is done
	 * with the slot the core is about to take back (or the device is
	 * gone, and DMAs no more). If it never is, bus mastering goes, for
	 * good: the slot is freed when this returns.
	 */
	if (!broken &&
	    readl_poll_timeout(edu->regs + EDU_REG_DMA_CMD, cmd,
			       !(cmd & EDU_DMA_RUN) || acq_edu_gone(edu, cmd),
			       USEC_PER_MSEC, EDU_DMA_TIMEOUT_MS * USEC_PER_MSEC)) {
		spin_lock_irq(&edu->lock);
		acq_edu_hung(edu);
		spin_unlock_irq(&edu->lock);
	}
	synchronize_irq(edu->irq);
	/* No transfer re-arms it now; one that runs sees running false. */
	cancel_delayed_work_sync(&edu->watchdog);
}

static void acq_edu_stop(struct acq_dev *adev)
{
	acq_edu_halt(acq_dev_priv(adev));
}

static int acq_edu_window_request(struct acq_dev *adev, unsigned int win,
				  bool lend, struct netlink_ext_ack *extack)
{
	struct acq_edu *edu = acq_dev_priv(adev);
	int err;

	if (lend)
		return acq_window_restore(adev, win);
	err = acq_window_revoke(adev, win);
	/* A read flushes the writes user space posted before the revoke. */
	readl(edu->regs + EDU_REG_ID);
	return err;
}

static const struct acq_backend_ops acq_edu_ops = {
	.start		= acq_edu_start,
	.stop		= acq_edu_stop,
	.window_request	= acq_edu_window_request,
};

/* debugfs: the liveness register as the kernel reads it */
static int acq_edu_liveness_get(void *data, u64 *val)
{
	struct acq_edu *edu = data;

	*val = readl(edu->regs + EDU_REG_LIVENESS);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(acq_edu_liveness_fops, acq_edu_liveness_get, NULL,
			 "0x%08llx\n");

/* debugfs: raise an interrupt with these status bits */
static int acq_edu_irq_raise_set(void *data, u64 val)
{
	struct acq_edu *edu = data;

	writel(val, edu->regs + EDU_REG_IRQ_RAISE);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(acq_edu_irq_raise_fops, NULL, acq_edu_irq_raise_set,
			 "0x%08llx\n");

static void acq_edu_debugfs_add(struct acq_edu *edu)
{
	edu->debugfs = debugfs_create_dir(pci_name(edu->pdev), acq_edu_ddir);
	debugfs_create_u32("spurious_irqs", 0400, edu->debugfs,
			   &edu->spurious);
	debugfs_create_u32("lost_irqs", 0400, edu->debugfs, &edu->lost);
	debugfs_create_atomic_t("lose_irqs", 0600, edu->debugfs,
				&edu->lose_irqs);
	debugfs_create_file_unsafe("liveness", 0400, edu->debugfs, edu,
				   &acq_edu_liveness_fops);
	debugfs_create_file_unsafe("irq_raise", 0200, edu->debugfs, edu,
				   &acq_edu_irq_raise_fops);
}

static int acq_edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct acq_dev_desc desc = {
		.parent		= &pdev->dev,
		.backend	= KBUILD_MODNAME,
		.ops		= &acq_edu_ops,
		.nr_channels	= 1,
		.nr_windows	= 1,
	};
	struct device *dev = &pdev->dev;
	struct acq_edu *edu;
	int err;

	edu = devm_kzalloc(dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	spin_lock_init(&edu->lock);
	INIT_DELAYED_WORK(&edu->watchdog, acq_edu_watchdog);

	err = pcim_enable_device(pdev);
	if (err)
		return err;
	edu->regs = acq_pcim_iomap_region(pdev, 0, KBUILD_MODNAME);
	if (IS_ERR(edu->regs))
		return PTR_ERR(edu->regs);
	pci_set_master(pdev);

	err = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(dma_bits));
	if (err)
		return err;
	edu->staging = dmam_alloc_coherent(dev, EDU_CHUNK_SIZE, &edu->staging_dma,
					   GFP_KERNEL);
	if (!edu->staging)
		return -ENOMEM;

	err = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (err < 0)
		return err;
	edu->irq = pci_irq_vector(pdev, 0);
	/* An INTx line may be shared. */
	err = devm_request_irq(dev, edu->irq, acq_edu_irq, IRQF_SHARED,
			       KBUILD_MODNAME, edu);
	if (err)
		return err;

	/*
	 * All of BAR0, DMA registers included (they share the first page with
	 * the rest): whoever maps it writable can make the device write
	 * anywhere below its DMA mask, so the core asks for CAP_SYS_RAWIO.
	 */
	edu->window = (struct acq_window_desc) {
		.pfn		= PHYS_PFN(pci_resource_start(pdev, 0)),
		.size		= pci_resource_len(pdev, 0),
		.io		= true,
		.writable	= true,
		.dma		= true,
	};
	desc.windows = &edu->window;
	desc.priv = edu;
	edu->adev = acq_dev_register(&desc);
	if (IS_ERR(edu->adev))
		return PTR_ERR(edu->adev);
	pci_set_drvdata(pdev, edu);
	acq_edu_debugfs_add(edu);
	dev_info(dev, "%s, DMA mask %u bits\n",
		 pdev->msi_enabled ? "MSI" : "INTx", dma_bits);
	return 0;
}

/*
 * Quiet for whatever comes next, another driver or kernel: no DMA, and no
 * status bit (a window's writer may have raised some) that would keep a
 * shared INTx line asserted once our handler is gone.
 */
static void acq_edu_quiesce(struct acq_edu *edu)
{
	/* A start racing a shutdown (user space still runs) starts nothing. */
	spin_lock_irq(&edu->lock);
	edu->quiesced = true;
	spin_unlock_irq(&edu->lock);
	acq_edu_halt(edu);
	writel(~0U, edu->regs + EDU_REG_IRQ_ACK);
	pci_clear_master(edu->pdev);
}

static void acq_edu_remove(struct pci_dev *pdev)
{
	struct acq_edu *edu = pci_get_drvdata(pdev);

	debugfs_remove_recursive(edu->debugfs);
	/* Stops a capture through our stop op: the quiesce finds it done. */
	acq_dev_unregister(edu->adev);
	acq_edu_quiesce(edu);
}

/* Reboot or kexec, maybe in the middle of a capture. */
static void acq_edu_shutdown(struct pci_dev *pdev)
{
	acq_edu_quiesce(pci_get_drvdata(pdev));
}

static const struct pci_device_id acq_edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR_ID, EDU_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, acq_edu_ids);

static struct pci_driver acq_edu_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= acq_edu_ids,
	.probe		= acq_edu_probe,
	.remove		= acq_edu_remove,
	.shutdown	= acq_edu_shutdown,
};

static int __init acq_edu_init(void)
{
	int err;

	acq_edu_ddir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	err = pci_register_driver(&acq_edu_driver);
	if (err)
		debugfs_remove(acq_edu_ddir);
	return err;
}
module_init(acq_edu_init);

static void __exit acq_edu_exit(void)
{
	pci_unregister_driver(&acq_edu_driver);
	debugfs_remove(acq_edu_ddir);
}
module_exit(acq_edu_exit);

MODULE_DESCRIPTION("acq backend for QEMU's edu PCI device");
MODULE_LICENSE("GPL");
