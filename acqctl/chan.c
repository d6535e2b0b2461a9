// SPDX-License-Identifier: GPL-2.0
/* acqctl chan: the channels of a device, shown and configured. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acqctl.h"
#include "change.h"
#include "print.h"
#include "show.h"

/* Text names each field as chan set takes it. */
static void chan_print(const struct acq_chan_info *info)
{
	print_open_object(NULL);
	print_uint("dev", "acq%llu", info->dev_id);
	print_uint("channel", " channel %llu:", info->id);
	chan_print_settings(info);
	print_uint("frame_bytes", " frame-bytes %llu", info->frame_bytes);
	print_close_object();
	print_nl();
}

static int chan_print_cb(const struct acq_chan_info *info, void *arg)
{
	(void)arg;
	chan_print(info);
	return 0;
}

static int chan_show_one(struct acqctl *a, __u32 dev, __u32 chan)
{
	struct acq_chan_info info;
	int err;

	err = acq_chan_get(a->ctl, dev, chan, &info, sizeof(info));
	if (err)
		return err;
	chan_print(&info);
	return 0;
}

static int chan_show_all(struct acqctl *a, __u32 dev)
{
	return acq_chan_foreach(a->ctl, dev, chan_print_cb, NULL);
}

static int chan_show(struct acqctl *a, int argc, char **argv)
{
	static const struct show_cmd cmd = {
		.usage = "chan show DEV [CHAN]", .item = "channel",
		.one = chan_show_one, .all = chan_show_all,
	};

	return show_dev_items(a, argc, argv, &cmd);
}

#define CFG_FIELD(word, field) { word, offsetof(struct acq_chan_config, field) }

/* The numeric settings of chan set, by keyword. */
static const struct {
	const char *word;
	size_t offset;
} chan_numbers[] = {
	CFG_FIELD("lines", lines),
	CFG_FIELD("line-bytes", line_bytes),
	CFG_FIELD("lines-per-chunk", lines_per_chunk),
	CFG_FIELD("line-rate", line_rate),
};

#define NR_NUMBERS (sizeof(chan_numbers) / sizeof(chan_numbers[0]))

/* Read one number setting, 1 or more: 0 would mean "keep" to libctl. */
static int chan_set_number(const char *word, const char *value,
			   struct acq_chan_config *cfg)
{
	unsigned int i;
	__u32 v;

	for (i = 0; i < NR_NUMBERS; i++)
		if (!strcmp(word, chan_numbers[i].word))
			break;
	if (i == NR_NUMBERS)
		return acqctl_usage_error("chan set: unknown setting \"%s\"",
					  word);
	if (parse_u32(value, &v) || !v)
		return acqctl_usage_error("chan set: %s takes a number from 1",
					  word);
	memcpy((char *)cfg + chan_numbers[i].offset, &v, sizeof(v));
	return ACQCTL_EXIT_OK;
}

/* Read "SETTING VALUE..." into @cfg; 0 or a usage error's exit code. */
static int chan_set_parse(int argc, char **argv, struct acq_chan_config *cfg)
{
	int n, err;

	if (!argc)
		return acqctl_usage_error("chan set: nothing to set");
	for (n = 0; n < argc; n += 2) {
		if (n + 1 == argc)
			return acqctl_usage_error("chan set: %s needs a value",
						  argv[n]);
		if (strcmp(argv[n], "enabled"))
			err = chan_set_number(argv[n], argv[n + 1], cfg);
		else if (parse_on_off(argv[n + 1], &cfg->enabled))
			err = acqctl_usage_error("chan set: enabled on|off");
		else
			err = ACQCTL_EXIT_OK;
		if (err)
			return err;
	}
	return ACQCTL_EXIT_OK;
}

static int chan_set(struct acqctl *a, int argc, char **argv)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = -1);
	__u32 dev, chan;
	int handle, err;

	if (argc < 2 || acq_dev_parse_name(argv[0], &dev) ||
	    parse_u32(argv[1], &chan))
		return acqctl_usage_error("usage: acqctl chan set DEV CHAN SETTING VALUE...");
	err = chan_set_parse(argc - 2, argv + 2, &cfg) ?: acqctl_connect(a) ?:
	      acqctl_dev_handle(a, dev, &handle);
	if (err)
		return err;
	err = acq_chan_set(a->ctl, dev, chan, handle, &cfg);
	if (handle >= 0)
		close(handle);
	if (err)
		return acqctl_fail(a, err, "acq%u channel %u", dev, chan);
	change_print_chan(dev, chan, &cfg);
	return acqctl_output_done(a);
}

int do_chan(struct acqctl *a, int argc, char **argv)
{
	if (argc < 1 || is_abbrev(argv[0], "show") || is_abbrev(argv[0], "list"))
		return chan_show(a, argc ? argc - 1 : 0, argv + 1);
	if (is_abbrev(argv[0], "set"))
		return chan_set(a, argc - 1, argv + 1);
	return acqctl_usage_error("unknown chan command \"%s\"", argv[0]);
}
