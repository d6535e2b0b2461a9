// SPDX-License-Identifier: GPL-2.0
/* acqctl stats: the counters of a device's channels. */
#include <stdio.h>
#include <string.h>

#include "acqctl.h"
#include "print.h"

static void stats_print(const struct acq_chan_stats *st)
{
	print_open_object(NULL);
	print_uint("dev", "acq%llu", st->dev_id);
	print_uint("channel", " channel %llu:", st->chan);
	print_uint("produced", " produced %llu", st->produced);
	print_uint("delivered", " delivered %llu", st->delivered);
	print_uint("dropped", " dropped %llu", st->dropped);
	print_uint("chunks", " chunks %llu", st->chunks);
	print_uint("errors", " errors %llu", st->errors);
	print_uint("chunk_errors", " chunk-errors %llu", st->chunk_errors);
	print_uint("protocol_errors", " protocol-errors %llu",
		   st->protocol_errors);
	if (st->last_error)
		print_string("last_error", " last-error %s",
			     strerrorname_np(st->last_error) ?: "?");
	print_close_object();
	print_nl();
}

static int stats_print_cb(const struct acq_chan_stats *st, void *arg)
{
	(void)arg;
	stats_print(st);
	return 0;
}

static int stats_show_one(struct acqctl *a, __u32 dev, __u32 chan)
{
	struct acq_chan_stats st;
	int err;

	err = acq_stats_get(a->ctl, dev, chan, &st, sizeof(st));
	if (err)
		return err;
	stats_print(&st);
	return 0;
}

static int stats_show_all(struct acqctl *a, __u32 dev)
{
	return acq_stats_foreach(a->ctl, dev, stats_print_cb, NULL);
}

int do_stats(struct acqctl *a, int argc, char **argv)
{
	static const struct show_cmd cmd = {
		.usage = "stats DEV [CHAN]", .item = "channel",
		.one = stats_show_one, .all = stats_show_all,
	};

	if (argc && is_abbrev(argv[0], "show"))
		argc--, argv++;
	return show_dev_items(a, argc, argv, &cmd);
}
