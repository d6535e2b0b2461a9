// SPDX-License-Identifier: GPL-2.0
/*
 * acq_template: the skeleton of an acq backend for a PCI capture card,
 * to copy, rename and fill in where it says TODO. km/acq.h is the API a
 * backend sees; km/edu/acq_edu.c is a whole backend of the same shape, on
 * QEMU's edu device, with what a real card adds (a watchdog for a
 * completion that never comes, a device that vanishes, a shutdown).
 *
 * The shape: probe enables the PCI function, maps its registers, sets its
 * DMA mask, requests its interrupt and registers one acq device, whose
 * /dev/acqN, netlink family and frame ring are the core's. The core calls
 * start and stop in process context; the interrupt handler tells the
 * core where DMA stands: acq_frame_begin() for the slot of the next
 * frame, acq_chunk_done() per DMA chunk, acq_frame_done() when the frame
 * is whole. Remove unregisters first, which stops a capture through the
 * stop op.
 *
 * As it is, it binds no device (vendor 0xffff) and its registers are made
 * up: it builds, and shows where each thing goes.
 */
#include <linux/interrupt.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

#include "acq.h"
#include "compat.h"

/* TODO: the card's IDs. 0xffff is no vendor's: nothing binds. */
#define TMPL_VENDOR_ID		0xffff
#define TMPL_DEVICE_ID		0xffff

/* TODO: the card's registers, in BAR0. */
#define TMPL_REG_IRQ_STATUS	0x00
#define TMPL_REG_IRQ_ACK	0x04	/* write 1s to clear status bits */
#define TMPL_REG_CTRL		0x08
#define  TMPL_CTRL_RUN		BIT(0)
#define  TMPL_CTRL_DISCARD	BIT(1)	/* capture a frame, write nowhere */
#define TMPL_REG_FRAME_BYTES	0x0c
#define TMPL_REG_DMA_ADDR	0x10	/* 64 bits: the frame's slot */

#define TMPL_IRQ_CHUNK		BIT(0)	/* a DMA chunk is done */
#define TMPL_IRQ_FRAME		BIT(1)	/* the frame's last chunk was */
#define TMPL_IRQ_ERROR		BIT(2)	/* the chunk failed */

/* TODO: what the card can do: its channels, its DMA address width. */
#define TMPL_NR_CHANNELS	1
#define TMPL_DMA_BITS		64

struct acq_tmpl {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct acq_dev *adev;
	int irq;
	struct acq_window_desc window;	/* BAR0, lent to user space */

	spinlock_t lock;		/* the capture's state, below */
	bool running;
	struct acq_frame frame;		/* the frame the card fills */
	u32 frame_bytes;
};

/*
 * Point the card at the next frame's slot. A full ring gives none: the
 * frame is dropped (and counted so when it is done), and the card must
 * not write, but still paces the frame.
 */
static void tmpl_frame_begin(struct acq_tmpl *t)
{
	lockdep_assert_held(&t->lock);
	acq_frame_begin(t->adev, 0, &t->frame);
	if (!t->frame.vaddr) {
		writel(TMPL_CTRL_RUN | TMPL_CTRL_DISCARD,
		       t->regs + TMPL_REG_CTRL);
		return;
	}
	writeq(t->frame.dma, t->regs + TMPL_REG_DMA_ADDR);
	writel(TMPL_CTRL_RUN, t->regs + TMPL_REG_CTRL);
}

static irqreturn_t tmpl_irq(int irq, void *data)
{
	struct acq_tmpl *t = data;
	u32 status;

	spin_lock(&t->lock);
	status = readl(t->regs + TMPL_REG_IRQ_STATUS);
	/* Not ours: another device's, on a shared INTx line. */
	if (!status) {
		spin_unlock(&t->lock);
		return IRQ_NONE;
	}
	writel(status, t->regs + TMPL_REG_IRQ_ACK);
	/*
	 * TODO: a card that coalesces interrupts says how many chunks are
	 * done: call acq_chunk_done() once for each.
	 */
	if (t->running && (status & TMPL_IRQ_CHUNK)) {
		acq_chunk_done(t->adev, 0,
			       status & TMPL_IRQ_ERROR ? -EIO : 0);
		if (status & TMPL_IRQ_FRAME) {
			acq_frame_done(t->adev, 0, t->frame_bytes, 0);
			tmpl_frame_begin(t);
		}
	}
	spin_unlock(&t->lock);
	return IRQ_HANDLED;
}

/* Process context, under the core's control lock: see acq.h. */
static int tmpl_start(struct acq_dev *adev, struct netlink_ext_ack *extack)
{
	const struct acq_chan_config *cfg = acq_chan_get_config(adev, 0);
	struct acq_tmpl *t = acq_dev_priv(adev);

	if (!cfg->enabled)
		return 0;
	/*
	 * TODO: program the channel's geometry (cfg->lines, line_bytes,
	 * lines_per_chunk, line_rate); refuse what the card cannot do with
	 * an errno and NL_SET_ERR_MSG_MOD(extack, "why").
	 */
	spin_lock_irq(&t->lock);
	t->frame_bytes = cfg->lines * cfg->line_bytes;
	writel(t->frame_bytes, t->regs + TMPL_REG_FRAME_BYTES);
	t->running = true;
	tmpl_frame_begin(t);
	spin_unlock_irq(&t->lock);
	return 0;
}

/* After this, no frame helper runs or will: the core frees the ring. */
static void tmpl_stop(struct acq_dev *adev)
{
	struct acq_tmpl *t = acq_dev_priv(adev);

	spin_lock_irq(&t->lock);
	t->running = false;
	writel(0, t->regs + TMPL_REG_CTRL);
	spin_unlock_irq(&t->lock);
	/*
	 * TODO: wait until the card's DMA engine is idle (poll a busy bit
	 * with readl_poll_timeout()): the slot it writes is freed once this
	 * returns. acq_edu_halt() shows one that cannot be stopped mid-way.
	 */
	synchronize_irq(t->irq);
}

/* An administrator's window-revoke or window-restore. */
static int tmpl_window_request(struct acq_dev *adev, unsigned int win,
			       bool lend, struct netlink_ext_ack *extack)
{
	struct acq_tmpl *t = acq_dev_priv(adev);
	int err;

	if (lend)
		return acq_window_restore(adev, win);
	err = acq_window_revoke(adev, win);
	/* A read flushes the writes user space posted before the revoke. */
	readl(t->regs + TMPL_REG_IRQ_STATUS);
	return err;
}

static const struct acq_backend_ops tmpl_ops = {
	.start		= tmpl_start,
	.stop		= tmpl_stop,
	.window_request	= tmpl_window_request,
};

static int tmpl_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct acq_dev_desc desc = {
		.parent		= &pdev->dev,
		.backend	= KBUILD_MODNAME,
		.ops		= &tmpl_ops,
		.nr_channels	= TMPL_NR_CHANNELS,
		/* TODO: the card's limits, 0 for the family's. */
		.limits		= { .max_frame_bytes = 0, .max_line_rate = 0 },
		.nr_windows	= 1,
	};
	struct device *dev = &pdev->dev;
	struct acq_tmpl *t;
	int err;

	/* Managed (devm, pcim): undone after remove, or a failed probe. */
	t = devm_kzalloc(dev, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->pdev = pdev;
	spin_lock_init(&t->lock);

	err = pcim_enable_device(pdev);
	if (err)
		return err;
	/* compat.h's: pcim_iomap_regions() is deprecated from 6.12. */
	t->regs = acq_pcim_iomap_region(pdev, 0, KBUILD_MODNAME);
	if (IS_ERR(t->regs))
		return PTR_ERR(t->regs);
	pci_set_master(pdev);
	/* The core allocates the frame slots with the DMA API, for @dev. */
	err = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(TMPL_DMA_BITS));
	if (err)
		return err;

	err = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (err < 0)
		return err;
	t->irq = pci_irq_vector(pdev, 0);
	err = devm_request_irq(dev, t->irq, tmpl_irq, IRQF_SHARED,
			       KBUILD_MODNAME, t);
	if (err)
		return err;

	/*
	 * TODO: the registers user space may map, if any (else no window):
	 * .dma = true if writes to them can program the DMA engine, which
	 * then takes CAP_SYS_RAWIO to map writable.
	 */
	t->window = (struct acq_window_desc) {
		.pfn		= PHYS_PFN(pci_resource_start(pdev, 0)),
		.size		= pci_resource_len(pdev, 0),
		.io		= true,
		.writable	= true,
		.dma		= true,
	};
	desc.windows = &t->window;
	desc.priv = t;
	t->adev = acq_dev_register(&desc);
	if (IS_ERR(t->adev))
		return PTR_ERR(t->adev);
	pci_set_drvdata(pdev, t);
	return 0;
}

static void tmpl_remove(struct pci_dev *pdev)
{
	struct acq_tmpl *t = pci_get_drvdata(pdev);

	/* Stops a capture through tmpl_stop(); user space may keep its files. */
	acq_dev_unregister(t->adev);
	/* TODO: quiet the card: no DMA, no interrupt (acq_edu_quiesce()). */
	pci_clear_master(pdev);
}

static const struct pci_device_id tmpl_ids[] = {
	{ PCI_DEVICE(TMPL_VENDOR_ID, TMPL_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, tmpl_ids);

static struct pci_driver tmpl_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= tmpl_ids,
	.probe		= tmpl_probe,
	.remove		= tmpl_remove,
};
module_pci_driver(tmpl_driver);

MODULE_DESCRIPTION("acq backend template for a PCI capture card");
MODULE_LICENSE("GPL");
