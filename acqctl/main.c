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
#include "version.h"

/*
 * The Makefile's ACQ_VERSION and LIB_VERSION, for --version; a build
 * without them (a static analyser's) says it does not know.
 */
#ifndef ACQ_VERSION
#define ACQ_VERSION "unknown"
#endif
#ifndef ACQ_LIB_VERSION
#define ACQ_LIB_VERSION "unknown"
#endif

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: acqctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"OBJECT := { dev | chan | stats | window | capture | bench | monitor | sim }\n"
		"OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n"
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
		"  acqctl window show [DEV [WIN]]\n"
		"                                register windows: where, lent or revoked\n"
		"  acqctl window set DEV WIN policy { discard | sigbus }\n"
		"                                what accesses do while it is revoked\n"
		"  acqctl window { revoke | restore } DEV WIN\n"
		"                                take it back, lend it again (CAP_NET_ADMIN)\n"
		"  acqctl window peek DEV WIN OFFSET\n"
		"  acqctl window poke DEV WIN OFFSET VALUE\n"
		"                                read, or write and read back, the 32-bit\n"
		"                                register at byte OFFSET (0x... or decimal)\n"
		"  acqctl capture DEV [--channel N]... [--frames N | --seconds S]\n"
		"                  [--output FILE] [--verify [--payload MODE]]\n"
		"                  [--ring-size N] [--slot-size N] [--wake-frames N]\n"
		"                  [--wake-usecs N] [--need-wakeup] [--busy-poll]\n"
		"                  [--quiet]     capture frames through a ring (default 3 s)\n"
		"  acqctl bench DEV [--channel N] [--mode MODE[,MODE]...] [--runs N]\n"
		"                  [--seconds S] [--ring-size N] [--wake-frames N]\n"
		"                  [--wake-usecs N] [--touch desc|line|verify | --verify]\n"
		"                  [--payload MODE] [--irq-ns-file FILE]\n"
		"                  [--plot-data FILE] [--label TEXT]\n"
		"                                compare the ways of taking frames\n"
		"  acqctl monitor                print events, a line each, until Ctrl-C\n"
		"  acqctl sim add ID CHANNELS    make a simulated device (acq_sim), and\n"
		"                                print its acq device as dev show does\n"
		"  acqctl sim del ID             remove it\n"
		"\n"
		"capture --output FILE writes each frame as its 32-byte struct\n"
		"acq_ring_desc (linux/acq_ring.h, host byte order) followed by its\n"
		"desc.len bytes of data, nothing else. --verify checks them against\n"
		"acq_sim's pattern, of which --payload says what acq_sim writes, as its\n"
		"debugfs acq_simN/payload was set: full (default), header or none.\n"
		"\n"
		"Under -j, a command that changes something prints one object: what\n"
		"it changed, named as show names it, and what it set; in text,\n"
		"nothing (but sim add and window poke).\n"
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
 * "OBJECT DEV [ITEM]": print item ITEM of DEV (a channel, a window) with
 * @cmd->one, or every item of DEV with @cmd->all, or, where @cmd->any_dev
 * lets DEV be left out, every device's (ACQ_DEV_ALL); an array in JSON
 * either way.
 */
int show_dev_items(struct acqctl *a, int argc, char **argv,
		   const struct show_cmd *cmd)
{
	__u32 dev = ACQ_DEV_ALL, item;
	int err;

	if (argc > 2 || (argc < 1 && !cmd->any_dev))
		return acqctl_usage_error("usage: acqctl %s", cmd->usage);
	if (argc >= 1 && acq_dev_parse_name(argv[0], &dev))
		return acqctl_usage_error("\"%s\" is not a device (acqN or N)",
					  argv[0]);
	if (argc == 2 && parse_u32(argv[1], &item))
		return acqctl_usage_error("\"%s\" is not a %s number",
					  argv[1], cmd->item);
	err = acqctl_connect(a);
	if (err)
		return err;

	print_open_array(NULL);
	err = argc == 2 ? cmd->one(a, dev, item) : cmd->all(a, dev);
	/* What was printed stays well-formed; the exit status says it is
	 * incomplete.
	 */
	print_close_array();
	if (err) {
		print_end();
		if (argc == 2)
			return acqctl_fail(a, err, "acq%u %s %u", dev,
					   cmd->item, item);
		if (argc == 1)
			return acqctl_fail(a, err, "acq%u", dev);
		return acqctl_fail(a, err, "cannot list %ss", cmd->item);
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

/*
 * The handle to change device @dev with: its /dev/acqN or, where opening
 * it is refused (EACCES, EPERM), a negative one, so that the request goes
 * without and CAP_NET_ADMIN decides. 0 with *handle set, or the exit code.
 */
int acqctl_dev_handle(const struct acqctl *a, __u32 dev, int *handle)
{
	*handle = acq_dev_open(dev);
	if (*handle < 0 && *handle != -EACCES && *handle != -EPERM)
		return acqctl_fail(a, *handle, "cannot open /dev/acq%u", dev);
	return ACQCTL_EXIT_OK;
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
		{ "version", no_argument, NULL, 'V' },
		{ }
	};
	struct acqctl a = { };
	bool json = false, pretty = false, version = false;
	int opt, ret;

	/* A closed pipe is a failed write (exit 1), not a death by signal. */
	signal(SIGPIPE, SIG_IGN);

	while ((opt = getopt_long(argc, argv, "+jphV", opts, NULL)) != -1) {
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
		case 'V':
			version = true;
			break;
		default:
			usage(stderr);
			return ACQCTL_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	/* After the loop, so that -j counts wherever it is: -V -j too. */
	if (version) {
		print_init(json, pretty);
		version_print(ACQ_VERSION, ACQ_LIB_VERSION);
		return acqctl_output_done(&a);
	}
	if (argc < 1) {
		usage(stderr);
		return ACQCTL_EXIT_USAGE;
	}

	print_init(json, pretty);
	if (is_abbrev(argv[0], "help")) {
		usage(stdout);
		return acqctl_output_done(&a);
	} else if (is_abbrev(argv[0], "dev")) {
		ret = do_dev(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "chan")) {
		ret = do_chan(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "stats")) {
		ret = do_stats(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "window")) {
		ret = do_window(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "capture")) {
		ret = do_capture(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "bench")) {
		ret = do_bench(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "monitor")) {
		ret = do_monitor(&a, argc - 1, argv + 1);
	} else if (is_abbrev(argv[0], "sim")) {
		ret = do_sim(&a, argc - 1, argv + 1);
	} else {
		return acqctl_usage_error("unknown object \"%s\"", argv[0]);
	}
	acq_ctl_close(a.ctl);
	return ret;
}
