// SPDX-License-Identifier: GPL-2.0
/*
 * acqctl window: a device's register windows, shown, their revoke policy
 * set, revoked and restored on request, and one register read or written
 * through a mapping of its own (peek, poke), as an application would.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "acqctl.h"
#include "change.h"
#include "print.h"
#include "show.h"

static int window_print_cb(const struct acq_window_info *info, void *arg)
{
	(void)arg;
	window_print(info);
	return 0;
}

static int window_show_one(struct acqctl *a, __u32 dev, __u32 win)
{
	struct acq_window_info info;
	int err;

	err = acq_window_get(a->ctl, dev, win, &info, sizeof(info));
	if (err)
		return err;
	window_print(&info);
	return 0;
}

static int window_show_all(struct acqctl *a, __u32 dev)
{
	return acq_window_foreach(a->ctl, dev, window_print_cb, NULL);
}

static int window_show(struct acqctl *a, int argc, char **argv)
{
	static const struct show_cmd cmd = {
		.usage = "window show [DEV [WIN]]", .item = "window",
		.any_dev = true, .one = window_show_one,
		.all = window_show_all,
	};

	return show_dev_items(a, argc, argv, &cmd);
}

/* "DEV WIN ...", @nargs words in all, as @usage: 0 or the exit code. */
static int window_ids(int argc, char **argv, int nargs, const char *usage,
		      __u32 *dev, __u32 *win)
{
	if (argc != nargs)
		return acqctl_usage_error("usage: acqctl window %s", usage);
	if (acq_dev_parse_name(argv[0], dev))
		return acqctl_usage_error("\"%s\" is not a device (acqN or N)",
					  argv[0]);
	if (parse_u32(argv[1], win) || *win >= ACQ_MAX_WINDOWS)
		return acqctl_usage_error("\"%s\" is not a window number (0 to %u)",
					  argv[1], ACQ_MAX_WINDOWS - 1);
	return ACQCTL_EXIT_OK;
}

static int window_set(struct acqctl *a, int argc, char **argv)
{
	__u32 dev, win, policy;
	int handle, err;

	err = window_ids(argc, argv, 4, "set DEV WIN policy discard|sigbus",
			 &dev, &win);
	if (err)
		return err;
	if (strcmp(argv[2], "policy"))
		return acqctl_usage_error("window set: unknown setting \"%s\"",
					  argv[2]);
	if (window_policy_parse(argv[3], &policy))
		return acqctl_usage_error("window set: policy discard|sigbus, not \"%s\"",
					  argv[3]);
	err = acqctl_connect(a) ?: acqctl_dev_handle(a, dev, &handle);
	if (err)
		return err;
	err = acq_window_set_policy(a->ctl, dev, win, handle, policy);
	if (handle >= 0)
		close(handle);
	if (err)
		return acqctl_fail(a, err, "acq%u window %u", dev, win);
	change_print_window_policy(dev, win, policy);
	return acqctl_output_done(a);
}

/* An administrator's request: no handle is sent, none would help. */
static int window_revoke_restore(struct acqctl *a, int argc, char **argv,
				 bool revoke)
{
	const char *verb = revoke ? "revoke" : "restore";
	__u32 dev, win;
	int err;

	err = window_ids(argc, argv, 2, revoke ? "revoke DEV WIN" :
			 "restore DEV WIN", &dev, &win) ?: acqctl_connect(a);
	if (err)
		return err;
	err = revoke ? acq_window_revoke(a->ctl, dev, win) :
		       acq_window_restore(a->ctl, dev, win);
	if (err)
		return acqctl_fail(a, err, "cannot %s acq%u window %u", verb,
				   dev, win);
	change_print_window_state(dev, win, revoke ? ACQ_WINDOW_STATE_REVOKED :
				  ACQ_WINDOW_STATE_LENT);
	return acqctl_output_done(a);
}

/* What peek and poke were asked: one register of a window. */
struct window_access {
	__u32 dev;
	__u32 win;
	__u64 off;
	__u32 value;		/* poke's */
	bool write;
};

static int window_access_parse(int argc, char **argv,
			       struct window_access *wa)
{
	int err;

	err = window_ids(argc, argv, wa->write ? 4 : 3,
			 wa->write ? "poke DEV WIN OFFSET VALUE" :
			 "peek DEV WIN OFFSET", &wa->dev, &wa->win);
	if (err)
		return err;
	if (parse_u64_num(argv[2], &wa->off))
		return acqctl_usage_error("\"%s\" is not an offset (0x... or decimal)",
					  argv[2]);
	/* Its end is checked once the window's size is known. */
	if (reg_offset_check(wa->off, ~0ULL) == -EINVAL)
		return acqctl_usage_error("offset %s is not a multiple of 4: registers are 32-bit",
					  argv[2]);
	if (wa->write && parse_u32_num(argv[3], &wa->value))
		return acqctl_usage_error("\"%s\" is not a 32-bit value (0x... or decimal)",
					  argv[3]);
	return ACQCTL_EXIT_OK;
}

static sigjmp_buf window_fault;

static void window_sigbus(int sig)
{
	(void)sig;
	siglongjmp(window_fault, 1);
}

/*
 * Do @wa's access to the window mapped at @map, the value read in @v: 0,
 * or -EFAULT when it raised SIGBUS (the window is revoked, with policy
 * sigbus). The handler is ours only around the access, so that a SIGBUS
 * anywhere else still kills acqctl as it should.
 */
static int window_access(void *map, const struct window_access *wa,
			 __u32 *v)
{
	struct sigaction sa = { .sa_handler = window_sigbus }, old;
	int err = 0;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &old))
		return -errno;
	/* siglongjmp() restores the mask, in which the handler blocked SIGBUS. */
	if (sigsetjmp(window_fault, 1)) {
		err = -EFAULT;
	} else {
		if (wa->write)
			acq_window_write32(map, wa->off, wa->value);
		*v = acq_window_read32(map, wa->off);
	}
	sigaction(SIGBUS, &old, NULL);
	return err;
}

/* Map the window from its /dev/acqN, do the access, unmap: 0 or -errno. */
static int window_map_access(const struct acq_window_info *info,
			     const struct window_access *wa, __u32 *v)
{
	char path[32];
	void *map;
	int fd, err;

	snprintf(path, sizeof(path), "/dev/acq%u", info->dev_id);
	/* peek opens read-only, so that it reads read-only windows too. */
	fd = open(path, (wa->write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	map = acq_window_map(fd, info, wa->write ? PROT_READ | PROT_WRITE :
				       PROT_READ);
	if (!map) {
		err = -errno;
		goto out_close;
	}
	err = window_access(map, wa, v);
	acq_window_unmap(map, info);
out_close:
	close(fd);
	return err;
}

static int window_peek_poke(struct acqctl *a, int argc, char **argv,
			    bool write)
{
	struct window_access wa = { .write = write };
	struct acq_window_info info;
	__u32 v;
	int err;

	err = window_access_parse(argc, argv, &wa) ?: acqctl_connect(a);
	if (err)
		return err;
	err = acq_window_get(a->ctl, wa.dev, wa.win, &info, sizeof(info));
	if (err)
		return acqctl_fail(a, err, "acq%u window %u", wa.dev, wa.win);
	if (reg_offset_check(wa.off, info.size))
		return acqctl_usage_error("offset 0x%llx is past the end of acq%u window %u (%llu bytes)",
					  (unsigned long long)wa.off, wa.dev,
					  wa.win, (unsigned long long)info.size);
	if (write && !info.writable) {
		fprintf(stderr, "acqctl: acq%u window %u is read-only\n",
			wa.dev, wa.win);
		return ACQCTL_EXIT_FAIL;
	}
	/* It may still be revoked, or restored, before the access. */
	if (info.state != ACQ_WINDOW_STATE_LENT &&
	    info.policy == ACQ_WINDOW_POLICY_DISCARD)
		fprintf(stderr, "acqctl: warning: acq%u window %u is revoked: the %s its scratch page, not the device\n",
			wa.dev, wa.win, write ? "store lands on" : "read sees");

	err = window_map_access(&info, &wa, &v);
	if (err == -EFAULT) {
		fprintf(stderr, "acqctl: acq%u window %u: window revoked (SIGBUS)\n",
			wa.dev, wa.win);
		return ACQCTL_EXIT_FAIL;
	}
	if (err)
		return acqctl_fail(a, err, "cannot map acq%u window %u",
				   wa.dev, wa.win);
	window_reg_print(&info, wa.off, v);
	return acqctl_output_done(a);
}

int do_window(struct acqctl *a, int argc, char **argv)
{
	if (argc < 1 || is_abbrev(argv[0], "show") || is_abbrev(argv[0], "list"))
		return window_show(a, argc ? argc - 1 : 0, argv + 1);
	if (is_abbrev(argv[0], "set"))
		return window_set(a, argc - 1, argv + 1);
	/* Whole words only for what changes the device or its registers. */
	if (!strcmp(argv[0], "revoke") || !strcmp(argv[0], "restore"))
		return window_revoke_restore(a, argc - 1, argv + 1,
					     !strcmp(argv[0], "revoke"));
	if (!strcmp(argv[0], "peek") || !strcmp(argv[0], "poke"))
		return window_peek_poke(a, argc - 1, argv + 1,
					!strcmp(argv[0], "poke"));
	return acqctl_usage_error("unknown window command \"%s\"", argv[0]);
}
