// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl bench's command line: DEV and long options (getopt_long: --name
 * VALUE, --name=VALUE, unambiguous abbreviations).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "parse.h"

static const char *const bench_mode_names[BENCH_NR_MODES] = {
	[BENCH_EVENTFD]		= "eventfd",
	[BENCH_NEED_WAKEUP]	= "need-wakeup",
	[BENCH_COALESCE]	= "coalesce",
	[BENCH_BUSY_POLL]	= "busy-poll",
	[BENCH_EPOLL]		= "epoll",
	[BENCH_READ]		= "read",
	[BENCH_SIGIO]		= "sigio",
};

static const char *const bench_touch_names[] = {
	[BENCH_TOUCH_DESC]	= "desc",
	[BENCH_TOUCH_LINE]	= "line",
	[BENCH_TOUCH_VERIFY]	= "verify",
};

const char *bench_mode_name(enum bench_mode m)
{
	return bench_mode_names[m];
}

const char *bench_touch_name(enum bench_touch t)
{
	return bench_touch_names[t];
}

int bench_mode_parse(const char *name, enum bench_mode *m)
{
	int i;

	for (i = 0; i < BENCH_NR_MODES; i++) {
		if (!strcmp(name, bench_mode_names[i])) {
			*m = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int bench_touch_parse(const char *name, enum bench_touch *t)
{
	unsigned int i;

	for (i = 0; i < sizeof(bench_touch_names) / sizeof(*bench_touch_names);
	     i++) {
		if (!strcmp(name, bench_touch_names[i])) {
			*t = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* --mode's comma-separated list into o->modes. */
static int bench_modes_parse(const char *list, __u32 *modes)
{
	char buf[256], *save, *word;
	enum bench_mode m;

	if (strlen(list) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, list);
	for (word = strtok_r(buf, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		if (bench_mode_parse(word, &m))
			return -EINVAL;
		*modes |= 1U << m;
	}
	return 0;
}

/* A positive 32-bit number. */
static int parse_positive(const char *s, __u32 *v)
{
	return parse_u32(s, v) || !*v ? -EINVAL : 0;
}

enum {
	OPT_CHANNEL = 256, OPT_MODE, OPT_RUNS, OPT_SECONDS, OPT_RING_SIZE,
	OPT_WAKE_FRAMES, OPT_WAKE_USECS, OPT_TOUCH, OPT_VERIFY, OPT_PAYLOAD,
	OPT_IRQ_NS_FILE, OPT_PLOT_DATA, OPT_LABEL,
};

static const struct option bench_options[] = {
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "runs", required_argument, NULL, OPT_RUNS },
	{ "seconds", required_argument, NULL, OPT_SECONDS },
	{ "ring-size", required_argument, NULL, OPT_RING_SIZE },
	{ "wake-frames", required_argument, NULL, OPT_WAKE_FRAMES },
	{ "wake-usecs", required_argument, NULL, OPT_WAKE_USECS },
	{ "touch", required_argument, NULL, OPT_TOUCH },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "payload", required_argument, NULL, OPT_PAYLOAD },
	{ "irq-ns-file", required_argument, NULL, OPT_IRQ_NS_FILE },
	{ "plot-data", required_argument, NULL, OPT_PLOT_DATA },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ NULL, 0, NULL, 0 },
};

static int bench_opt_set(struct bench_opts *o, int opt, const char *value)
{
	switch (opt) {
	case OPT_CHANNEL:
		return parse_u32(value, &o->channel) ||
		       o->channel >= ACQ_MAX_CHANNELS ? -EINVAL : 0;
	case OPT_MODE:
		return bench_modes_parse(value, &o->modes);
	case OPT_RUNS:
		return parse_positive(value, &o->runs);
	case OPT_SECONDS:
		return parse_seconds(value, &o->seconds) ||
		       o->seconds <= 0 ? -EINVAL : 0;
	case OPT_RING_SIZE:
		return parse_positive(value, &o->ring_size);
	case OPT_WAKE_FRAMES:
		return parse_positive(value, &o->wake_frames);
	case OPT_WAKE_USECS:
		return parse_positive(value, &o->wake_usecs);
	case OPT_TOUCH:
		return bench_touch_parse(value, &o->touch);
	case OPT_VERIFY:
		o->touch = BENCH_TOUCH_VERIFY;
		return 0;
	case OPT_PAYLOAD:
		return acq_verify_payload_parse(value, &o->payload);
	case OPT_IRQ_NS_FILE:
		o->irq_ns_file = value;
		return *value ? 0 : -EINVAL;
	case OPT_PLOT_DATA:
		o->plot_data = value;
		return *value ? 0 : -EINVAL;
	case OPT_LABEL:
		o->label = value;
		return 0;
	}
	return -EINVAL;
}

#define WHY(...) (snprintf(why, why_len, __VA_ARGS__), -EINVAL)

int bench_parse(int argc, char **argv, struct bench_opts *o, char *why,
		size_t why_len)
{
	char *args[argc + 2];
	bool have_dev = false;
	int opt, i, idx;

	memset(o, 0, sizeof(*o));
	o->runs = BENCH_DEFAULT_RUNS;
	o->seconds = BENCH_DEFAULT_SECONDS;
	o->wake_frames = BENCH_DEFAULT_WAKE_FRAMES;
	o->wake_usecs = BENCH_DEFAULT_WAKE_USECS;
	o->label = "";
	/* getopt_long() wants a program name first. */
	args[0] = "bench";
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	args[argc + 1] = NULL;
	optind = 0;	/* glibc: start afresh */
	opterr = 0;
	while ((opt = getopt_long(argc + 1, args, ":", bench_options,
				  &idx)) != -1) {
		if (opt == ':')
			return WHY("%s needs a value", args[optind - 1]);
		if (opt == '?')
			return WHY("unknown or ambiguous option \"%s\"",
				   args[optind - 1]);
		if (bench_opt_set(o, opt, optarg))
			return WHY("bad --%s \"%s\"", bench_options[idx].name,
				   optarg ?: "");
	}
	for (i = optind; i < argc + 1; i++) {
		if (have_dev)
			return WHY("unexpected \"%s\"", args[i]);
		if (acq_dev_parse_name(args[i], &o->dev_id))
			return WHY("\"%s\" is not a device (acqN or N)",
				   args[i]);
		have_dev = true;
	}
	if (!have_dev)
		return WHY("bench needs a device");
	if (!o->modes)
		o->modes = (1U << BENCH_NR_MODES) - 1;
	return 0;
}
