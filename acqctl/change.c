// SPDX-License-Identifier: GPL-2.0
/* What a command that changes something prints; see change.h. */
#include <stdbool.h>
#include <stdio.h>

#include "change.h"
#include "names.h"
#include "print.h"

/* In text none of these print anything: every format is NULL. */

static const char *word(const char *str)
{
	return str ?: "unknown";
}

void change_print_dev(__u32 id, __u32 state)
{
	char name[ACQ_DEV_NAME_LEN];

	/* The core names each device after its id. */
	snprintf(name, sizeof(name), "acq%u", id);
	print_open_object(NULL);
	print_uint("id", NULL, id);
	print_string("name", NULL, name);
	print_string("state", NULL, word(acq_dev_state_str(state)));
	print_close_object();
}

/* Only what @cfg changes: 0, or -1 for enabled, keeps a setting. */
void change_print_chan(__u32 dev, __u32 chan,
		       const struct acq_chan_config *cfg)
{
	print_open_object(NULL);
	print_uint("dev", NULL, dev);
	print_uint("channel", NULL, chan);
	if (cfg->enabled >= 0)
		print_bool("enabled", NULL, cfg->enabled);
	if (cfg->lines)
		print_uint("lines", NULL, cfg->lines);
	if (cfg->line_bytes)
		print_uint("line_bytes", NULL, cfg->line_bytes);
	if (cfg->lines_per_chunk)
		print_uint("lines_per_chunk", NULL, cfg->lines_per_chunk);
	if (cfg->line_rate)
		print_uint("line_rate", NULL, cfg->line_rate);
	print_close_object();
}

static void change_print_window(__u32 dev, __u32 win, const char *key,
				const char *value)
{
	print_open_object(NULL);
	print_uint("dev", NULL, dev);
	print_uint("window", NULL, win);
	print_string(key, NULL, value);
	print_close_object();
}

void change_print_window_policy(__u32 dev, __u32 win, __u32 policy)
{
	change_print_window(dev, win, "policy",
			    word(acq_window_policy_str(policy)));
}

void change_print_window_state(__u32 dev, __u32 win, __u32 state)
{
	change_print_window(dev, win, "state",
			    word(acq_window_state_str(state)));
}

void change_print_sim_del(__u32 id)
{
	print_open_object(NULL);
	print_uint("sim", NULL, id);
	print_bool("removed", NULL, true);
	print_close_object();
}
