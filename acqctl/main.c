// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl: command-line front end of libacqctl, in the manner of iproute2:
 *   acqctl [OPTIONS] OBJECT COMMAND [ARGS]
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "acqctl.h"
#include "print.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: acqctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"OBJECT := { dev | chan | stats | capture | monitor | sim }\n"
		"OPTIONS := { -j[son] | -p[retty] | -h[elp] }\n"
		"\n"
		"  acqctl dev show [DEV]         list devices, or show one (DEV: acqN or N)\n"
		"  acqctl dev { start | stop } DEV\n"
		"                                start or stop capturing into the ring of\n"
		"                                its owner (needs CAP_NET_ADMIN)\n"
		"  acqctl chan show DEV [CHAN]   a device's channels, or one\n"
		"  acqctl chan set DEV CHAN [enabled on|off] [lines N] [line-bytes N]\n"
		"                  [lines-per-chunk N] [line-rate N]\n"
		"                                configure a channel of a stopped device\n"
		"  acqctl stats DEV [CHAN]       the channels' frame counters\n"
		"  acqctl capture DEV [--channel N]... [--frames N | --seconds S]\n"
		"                  [--output FILE] [--verify] [--ring-size N]\n"
		"                  [--slot-size N] [--wake-frames N] [--quiet]\n"
		"                                capture frames through a ring (default 3 s)\n"
		"  acqctl monitor                print events, a line each, until Ctrl-C\n"
		"  acqctl sim add ID CHANNELS    make a simulated device (acq_sim)\n"
		"  acqctl sim del ID             remove it\n"
		"\n"
		"capture --output FILE writes each frame as its 32-byte struct\n"
		"acq_ring_desc (linux/acq_ring.h, host byte order) followed by its\n"
		"desc.len bytes of data, nothing else.\n"
		"\n"
		"Exit status: 0 success, 1 the kernel or the library refused or the\n"
		"operation failed (the message says why), 2 a bad command line.\n");
}

int acqctl_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("acqctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'acqctl -h'.\n", stderr);
	return ACQCTL_EXIT_USAGE;
}

/* Report a failed operation: what failed, strerror, and the kernel's reason. */
int acqctl_fail(const struct acqctl *a, int err, const char *fmt, ...)
{
	const char *why = a->ctl ? acq_ctl_errmsg(a->ctl) : "";
	va_list ap;

	fputs("acqctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s", strerror(err < 0 ? -err : err));
	if (why && *why)
		fprintf(stderr, ": %s", why);
	fputc('\n', stderr);
	return ACQCTL_EXIT_FAIL;
}

/* End a command's output; a write error (a full disk, a closed pipe)
 * fails the command.
 */
int acqctl_output_done(const struct acqctl *a)
{
	int err = print_end();

	if (err)
		return acqctl_fail(a, err, "cannot write the output");
	return ACQCTL_EXIT_OK;
}

/*
 * "OBJECT DEV [CHAN]": print channel CHAN of DEV with @one, or every
 * channel of DEV with @all; an array in JSON either way. @what names the
 * command in the usage message.
 */
int show_dev_chan(struct acqctl *a, int argc, char **argv, const char *what,
		  int (*one)(struct acqctl *a, __u32 dev, __u32 chan),
		  int (*all)(struct acqctl *a, __u32 dev))
{
	__u32 dev, chan;
	int err;

	if (argc < 1 || argc > 2)
		return acqctl_usage_error("usage: acqctl %s DEV [CHAN]", what);
	if (acq_dev_parse_name(argv[0], &dev))
		return acqctl_usage_error("\"%s\" is not a device (acqN or N)",
					  argv[0]);
	if (argc == 2 && parse_u32(argv[1], &chan))
		return acqctl_usage_error("\"%s\" is not a channel number",
					  argv[1]);
	err = acqctl_connect(a);
	if (err)
		return err;

	print_open_array(NULL);
	err = argc == 2 ? one(a, dev, chan) : all(a, dev);
	/* What was printed stays well-formed; the exit status says it is
	 * incomplete.
	 */
	print_close_array();
	if (err) {
		print_end();
		if (argc == 2)
			return acqctl_fail(a, err, "acq%u channel %u", dev,
					   chan);
		return acqctl_fail(a, err, "acq%u", dev);
	}
	return acqctl_output_done(a);
}

/* A socket of the family, @what, could not be opened (errno @err): why. */
int acqctl_open_fail(int err, const char *what)
{
	if (err == ENOENT)
		fprintf(stderr, "acqctl: no \"%s\" netlink family: is the acq module loaded?\n",
			ACQ_FAMILY_NAME);
	else
		fprintf(stderr, "acqctl: cannot open %s: %s\n", what,
			strerror(err));
	return ACQCTL_EXIT_FAIL;
}

/* Open the control handle; on failure say why and return the exit code. */
int acqctl_connect(struct acqctl *a)
{
	a->ctl = acq_ctl_open();
	if (a->ctl)
		return ACQCTL_EXIT_OK;
	return acqctl_open_fail(errno, "the control socket");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct acqctl a = { };
	bool json = false, pretty = false;
	int opt, ret;

	/* A closed pipe is a failed write (exit 1), not a death by signal. */
	signal(SIGPIPE, SIG_IGN);

	while ((opt = getopt_long(argc, argv, "+jph", opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'p':
			pretty = true;
			break;
		case 'h':
			usage(stdout);
			return acqctl_output_done(&a);
		default:
			usage(stderr);
			return ACQCTL_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return ACQCTL_EXIT_USAGE;
	}

	print_init(json, pretty);
	if (matches(argv[0], "help")) {
		usage(stdout);
		return acqctl_output_done(&a);
	} else if (matches(argv[0], "dev")) {
		ret = do_dev(&a, argc - 1, argv + 1);
	} else if (matches(argv[0], "chan")) {
		ret = do_chan(&a, argc - 1, argv + 1);
	} else if (matches(argv[0], "stats")) {
		ret = do_stats(&a, argc - 1, argv + 1);
	} else if (matches(argv[0], "capture")) {
		ret = do_capture(&a, argc - 1, argv + 1);
	} else if (matches(argv[0], "monitor")) {
		ret = do_monitor(&a, argc - 1, argv + 1);
	} else if (matches(argv[0], "sim")) {
		ret = do_sim(&a, argc - 1, argv + 1);
	} else {
		return acqctl_usage_error("unknown object \"%s\"", argv[0]);
	}
	acq_ctl_close(a.ctl);
	return ret;
}
