// SPDX-License-Identifier: GPL-2.0
/*
 * What acq_sim's DMA writes into a frame: the whole pattern of
 * uapi/linux/acq_sim.h, only each line's head words, or nothing, as
 * debugfs acq_sim/acq_simN/payload says ("full", "header", "none"). A
 * benchmark then tells the ring's own cost per frame apart from the
 * device's fill, which at full payload is most of it.
 *
 * The mode is the device's, and each channel takes it as the device
 * starts: a write while it runs takes effect at the next start, so that
 * no capture sees frames of two modes and the DMA reads no shared state
 * per chunk. The file reads the mode of the next start.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "acq_sim.h"
#include "pattern.h"

static const char *const acq_sim_payload_names[] = {
	[ACQ_SIM_PAYLOAD_FULL]		= "full",
	[ACQ_SIM_PAYLOAD_HEADER]	= "header",
	[ACQ_SIM_PAYLOAD_NONE]		= "none",
};

/* Lines @line to @line + @n - 1 of the channel's frame, in its hard IRQ. */
void acq_sim_payload_fill(struct acq_sim_chan *ch, u32 line, u32 n)
{
	const struct acq_chan_config *cfg = &ch->cfg;
	u32 off = line * cfg->line_bytes;

	switch (ch->payload) {
	case ACQ_SIM_PAYLOAD_FULL:
		acq_pattern_fill(ch->frame.vaddr + off, ch->id, ch->tag,
				 ch->frame.seq, cfg->line_bytes, off,
				 n * cfg->line_bytes);
		break;
	case ACQ_SIM_PAYLOAD_HEADER:
		acq_pattern_fill_head(ch->frame.vaddr, ch->id, ch->tag,
				      ch->frame.seq, cfg->line_bytes, line, n);
		break;
	case ACQ_SIM_PAYLOAD_NONE:
		break;
	}
}

static ssize_t acq_sim_payload_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct acq_sim_dev *sdev = file->private_data;
	const char *name = acq_sim_payload_names[READ_ONCE(sdev->payload)];
	char buf[16];
	int len;

	len = scnprintf(buf, sizeof(buf), "%s\n", name);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t acq_sim_payload_write(struct file *file,
				     const char __user *ubuf, size_t count,
				     loff_t *ppos)
{
	struct acq_sim_dev *sdev = file->private_data;
	char buf[16];
	int mode;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	mode = match_string(acq_sim_payload_names,
			    ARRAY_SIZE(acq_sim_payload_names), strim(buf));
	if (mode < 0)
		return mode;
	/* Read by the next start: acq_sim_dma_start(). */
	WRITE_ONCE(sdev->payload, mode);
	return count;
}

static const struct file_operations acq_sim_payload_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= acq_sim_payload_read,
	.write	= acq_sim_payload_write,
	.llseek	= default_llseek,
};

void acq_sim_payload_debugfs_add(struct acq_sim_dev *sdev)
{
	debugfs_create_file("payload", 0600, sdev->debugfs, sdev,
			    &acq_sim_payload_fops);
}
