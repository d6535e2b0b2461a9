// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl capture's command line: DEV and long options, each as --name
 * VALUE or --name=VALUE, abbreviated as long as that stays unambiguous.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "parse.h"

enum capture_flag {
	FLAG_CHANNEL,
	FLAG_FRAMES,
	FLAG_SECONDS,
	FLAG_OUTPUT,
	FLAG_VERIFY,
	FLAG_PAYLOAD,
	FLAG_RING_SIZE,
	FLAG_SLOT_SIZE,
	FLAG_WAKE_FRAMES,
	FLAG_WAKE_USECS,
	FLAG_NEED_WAKEUP,
	FLAG_BUSY_POLL,
	FLAG_QUIET,
};

static const struct {
	const char *name;
	bool has_value;
} capture_flags[] = {
	[FLAG_CHANNEL]		= { "channel", true },
	[FLAG_FRAMES]		= { "frames", true },
	[FLAG_SECONDS]		= { "seconds", true },
	[FLAG_OUTPUT]		= { "output", true },
	[FLAG_VERIFY]		= { "verify", false },
	[FLAG_PAYLOAD]		= { "payload", true },
	[FLAG_RING_SIZE]	= { "ring-size", true },
	[FLAG_SLOT_SIZE]	= { "slot-size", true },
	[FLAG_WAKE_FRAMES]	= { "wake-frames", true },
	[FLAG_WAKE_USECS]	= { "wake-usecs", true },
	[FLAG_NEED_WAKEUP]	= { "need-wakeup", false },
	[FLAG_BUSY_POLL]	= { "busy-poll", false },
	[FLAG_QUIET]		= { "quiet", false },
};

#define NR_FLAGS ((int)(sizeof(capture_flags) / sizeof(capture_flags[0])))

/* The flag @len bytes of @name name, exactly or as the only abbreviation. */
static int capture_flag_find(const char *name, size_t len)
{
	int i, found = -1;

	for (i = 0; i < NR_FLAGS; i++) {
		if (strncmp(name, capture_flags[i].name, len))
			continue;
		if (!capture_flags[i].name[len])
			return i;
		found = found == -1 ? i : -2;
	}
	return found;
}

/* A positive number, as --frames, --ring-size, --slot-size,
 * --wake-frames and --wake-usecs take.
 */
static int parse_count(const char *s, __u64 max, __u64 *v)
{
	return parse_u64(s, v) || !*v || *v > max ? -EINVAL : 0;
}

static int capture_flag_set(struct capture_opts *o, int flag,
			    const char *value)
{
	__u64 n;

	switch (flag) {
	case FLAG_CHANNEL:
		if (parse_u64(value, &n) || n >= ACQ_MAX_CHANNELS)
			return -EINVAL;
		o->channels |= 1ULL << n;
		return 0;
	case FLAG_FRAMES:
		return parse_count(value, ~0ULL, &o->frames);
	case FLAG_SECONDS:
		return parse_seconds(value, &o->seconds);
	case FLAG_OUTPUT:
		o->output = value;
		return *value ? 0 : -EINVAL;
	case FLAG_VERIFY:
		o->verify = true;
		return 0;
	case FLAG_PAYLOAD:
		return acq_verify_payload_parse(value, &o->payload);
	case FLAG_RING_SIZE:
	case FLAG_SLOT_SIZE:
	case FLAG_WAKE_FRAMES:
	case FLAG_WAKE_USECS:
		if (parse_count(value, 0xffffffffULL, &n))
			return -EINVAL;
		*(flag == FLAG_RING_SIZE ? &o->ring_size :
		  flag == FLAG_SLOT_SIZE ? &o->slot_size :
		  flag == FLAG_WAKE_FRAMES ? &o->wake_frames :
		  &o->wake_usecs) = n;
		return 0;
	case FLAG_NEED_WAKEUP:
		o->need_wakeup = true;
		return 0;
	case FLAG_BUSY_POLL:
		o->busy_poll = true;
		return 0;
	case FLAG_QUIET:
		o->quiet = true;
		return 0;
	}
	return -EINVAL;
}

#define WHY(...) (snprintf(why, why_len, __VA_ARGS__), -EINVAL)

int capture_parse(int argc, char **argv, struct capture_opts *o, char *why,
		  size_t why_len)
{
	const char *arg, *value, *eq;
	bool have_dev = false;
	unsigned int given = 0;	/* bits of the flags given */
	int i, flag;
	size_t len;

	memset(o, 0, sizeof(*o));
	o->seconds = CAPTURE_DEFAULT_SECONDS;
	for (i = 0; i < argc; i++) {
		arg = argv[i];
		if (strncmp(arg, "--", 2) || !arg[2]) {
			if (have_dev)
				return WHY("unexpected \"%s\"", arg);
			if (acq_dev_parse_name(arg, &o->dev_id))
				return WHY("\"%s\" is not a device (acqN or N)",
					   arg);
			have_dev = true;
			continue;
		}
		eq = strchr(arg + 2, '=');
		len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		flag = capture_flag_find(arg + 2, len);
		if (flag < 0)
			return WHY("%s option \"%.*s\"", flag == -1 ?
				   "unknown" : "ambiguous", (int)len + 2, arg);
		if (!capture_flags[flag].has_value) {
			if (eq)
				return WHY("--%s takes no value",
					   capture_flags[flag].name);
			value = NULL;
		} else if (eq) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return WHY("--%s needs a value",
				   capture_flags[flag].name);
		}
		if (capture_flag_set(o, flag, value))
			return WHY("bad --%s \"%s\"", capture_flags[flag].name,
				   value);
		given |= 1U << flag;
	}
	if (!have_dev)
		return WHY("capture needs a device");
	if (o->frames && given & 1U << FLAG_SECONDS)
		return WHY("--frames and --seconds exclude each other");
	/* Alone it would be taken for a check that is not made. */
	if (given & 1U << FLAG_PAYLOAD && !o->verify)
		return WHY("--payload is for --verify");
	return 0;
}
