// SPDX-License-Identifier: GPL-2.0
/*
 * Every op of the family refuses bad requests with the right errno and an
 * extack message, which libacqctl completes with the spec's name of the
 * attribute the kernel blames, and changes nothing. The requests are raw,
 * built attribute by attribute, for each policy check (missing, unknown,
 * out of range) and each check of the handlers (no such device or
 * channel, bad handle or eventfd, rules between values, the device's
 * state). After them all the device is as it was, and a good request
 * still works.
 */
#include <sys/eventfd.h>
#include <netlink/attr.h>

#include "internal.h"
#include "ring-util.h"

enum kind { END, U8, U32, S32 };

/* Stand-ins for the file descriptors known only at run time. */
enum {
	FD_OWN = -1000,		/* a handle of the device under test */
	FD_OTHER,		/* a handle of another device */
	FD_EVENTFD,		/* an eventfd, where a handle is wanted */
	FD_CLOSED,		/* a number that is no open file */
};

struct t_attr {
	int type;
	enum kind kind;
	long long v;
};

struct t_case {
	const char *what;
	__u8 cmd;
	struct t_attr attrs[8];
	int err;
	const char *msg;
};

#define DEV	0		/* the device under test: acq0, two channels */
#define A(t, k, v) { ACQ_A_##t, k, v }

static const struct t_case cases[] = {
	/* Policy: what the generated tables check before any handler. */
	{ "dev-get without id", ACQ_CMD_DEV_GET, { }, -EINVAL,
	  "missing required attribute id" },
	{ "dev-get, unknown attribute", ACQ_CMD_DEV_GET,
	  { A(DEV_ID, U32, DEV), { ACQ_A_DEV_MAX + 1, U32, 0 } }, -EINVAL,
	  "Unknown attribute type" },
	{ "dev-get, id out of range", ACQ_CMD_DEV_GET,
	  { A(DEV_ID, U32, 0x80000000LL) }, -ERANGE,
	  "integer out of range (id)" },
	{ "dev-start without id", ACQ_CMD_DEV_START, { }, -EINVAL,
	  "missing required attribute" },
	{ "dev-stop, unknown attribute", ACQ_CMD_DEV_STOP,
	  { A(DEV_ID, U32, DEV), { ACQ_A_DEV_MAX + 1, U32, 0 } }, -EINVAL,
	  "Unknown attribute type" },
	{ "chan-get without id", ACQ_CMD_CHAN_GET, { A(CHAN_DEV_ID, U32, DEV) },
	  -EINVAL, "missing required attribute" },
	{ "chan-get, channel out of range", ACQ_CMD_CHAN_GET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 64) }, -ERANGE,
	  "integer out of range" },
	{ "chan-set without dev-id", ACQ_CMD_CHAN_SET, { A(CHAN_ID, U32, 0) },
	  -EINVAL, "missing required attribute dev-id" },
	{ "chan-set, enabled 2", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0), A(CHAN_ENABLED, U8, 2) },
	  -ERANGE, "integer out of range" },
	{ "chan-set, line-bytes below 16", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_LINE_BYTES, U32, 8) }, -ERANGE,
	  "integer out of range (line-bytes)" },
	{ "chan-set, lines 0", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0), A(CHAN_LINES, U32, 0) },
	  -ERANGE, "integer out of range" },
	{ "chan-set, frame-bytes is read only", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_FRAME_BYTES, U32, 4096) }, -EINVAL,
	  "Unsupported attribute (frame-bytes)" },
	{ "ring-attach without handle", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV) }, -EINVAL,
	  "missing required attribute handle" },
	{ "ring-attach, one descriptor", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_DESC_COUNT, U32, 1) }, -ERANGE, "integer out of range" },
	{ "ring-attach, wake-frames 0", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_WAKE_FRAMES, U32, 0) }, -ERANGE,
	  "integer out of range (wake-frames)" },
	{ "ring-attach, slot over 4 MiB", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_SLOT_SIZE, U32, 4194305) }, -ERANGE, "integer out of range" },
	{ "stats-get without chan-id", ACQ_CMD_STATS_GET,
	  { A(STATS_DEV_ID, U32, DEV) }, -EINVAL, "missing required attribute" },
	{ "window-get without id", ACQ_CMD_WINDOW_GET,
	  { A(WINDOW_DEV_ID, U32, DEV) }, -EINVAL,
	  "missing required attribute id" },
	{ "window-get, window 16", ACQ_CMD_WINDOW_GET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 16) }, -ERANGE,
	  "integer out of range (id)" },
	{ "window-set without policy", ACQ_CMD_WINDOW_SET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 0) }, -EINVAL,
	  "missing required attribute policy" },
	{ "window-set, policy 2", ACQ_CMD_WINDOW_SET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 0),
	    A(WINDOW_POLICY, U32, 2) }, -ERANGE,
	  "integer out of range (policy)" },
	{ "window-revoke, state is no request's", ACQ_CMD_WINDOW_REVOKE,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 0),
	    A(WINDOW_STATE, U32, 0) }, -EINVAL, "Unknown attribute type" },

	/* Handlers: what needs the registry, the fd table or the rules. */
	{ "dev-get, no device", ACQ_CMD_DEV_GET, { A(DEV_ID, U32, 200) },
	  -ENODEV, "no device with this id" },
	{ "dev-start, no device", ACQ_CMD_DEV_START, { A(DEV_ID, U32, 200) },
	  -ENODEV, "no device with this id" },
	{ "dev-start, no ring", ACQ_CMD_DEV_START, { A(DEV_ID, U32, DEV) },
	  -ENOLINK, "no ring attached" },
	{ "dev-start, closed handle", ACQ_CMD_DEV_START,
	  { A(DEV_ID, U32, DEV), A(DEV_HANDLE, S32, FD_CLOSED) }, -EBADF,
	  "handle is not an open file" },
	{ "dev-start, eventfd as handle", ACQ_CMD_DEV_START,
	  { A(DEV_ID, U32, DEV), A(DEV_HANDLE, S32, FD_EVENTFD) }, -EINVAL,
	  "handle is not an acq device file" },
	{ "dev-start, another device's handle", ACQ_CMD_DEV_START,
	  { A(DEV_ID, U32, DEV), A(DEV_HANDLE, S32, FD_OTHER) }, -EINVAL,
	  "handle is another device's file" },
	{ "dev-stop, no device", ACQ_CMD_DEV_STOP, { A(DEV_ID, U32, 200) },
	  -ENODEV, "no device with this id" },
	{ "chan-get, no channel", ACQ_CMD_CHAN_GET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 2) }, -EINVAL,
	  "no such channel on this device" },
	{ "chan-set, no channel", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 2),
	    A(CHAN_HANDLE, S32, FD_OWN) }, -EINVAL,
	  "no such channel on this device" },
	{ "chan-set, line-bytes not a multiple of 8", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_HANDLE, S32, FD_OWN), A(CHAN_LINE_BYTES, U32, 20) },
	  -EINVAL, "line-bytes must be a multiple of 8" },
	{ "chan-set, chunks longer than frames", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_HANDLE, S32, FD_OWN), A(CHAN_LINES, U32, 8),
	    A(CHAN_LINES_PER_CHUNK, U32, 16) }, -EINVAL,
	  "more lines per chunk than lines per frame" },
	{ "chan-set, frame over 4 MiB", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_HANDLE, S32, FD_OWN), A(CHAN_LINES, U32, 8192),
	    A(CHAN_LINE_BYTES, U32, 1024) }, -EINVAL,
	  "frame larger than max-frame-bytes" },
	{ "chan-set, line rate above acq_sim's", ACQ_CMD_CHAN_SET,
	  { A(CHAN_DEV_ID, U32, DEV), A(CHAN_ID, U32, 0),
	    A(CHAN_HANDLE, S32, FD_OWN), A(CHAN_LINE_RATE, U32, 60000000) },
	  -ERANGE, "line rate above the device's" },
	{ "ring-attach, no device", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, 200), A(RING_HANDLE, S32, FD_OWN) }, -ENODEV,
	  "no device with this id" },
	{ "ring-attach, another device's handle", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OTHER) }, -EINVAL,
	  "handle is another device's file" },
	{ "ring-attach, handle as eventfd", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_EVENTFD, S32, FD_OWN) }, -EINVAL, "not an eventfd" },
	{ "ring-attach, three descriptors", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_DESC_COUNT, U32, 3) }, -EINVAL,
	  "desc-count must be a power of two" },
	{ "ring-attach, wake-frames over desc-count", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_DESC_COUNT, U32, 4), A(RING_WAKE_FRAMES, U32, 5) }, -EINVAL,
	  "wake-frames larger than desc-count" },
	{ "ring-attach, 256 GiB", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN),
	    A(RING_DESC_COUNT, U32, 65536), A(RING_SLOT_SIZE, U32, 4194304) },
	  -E2BIG, "ring larger than" },
	{ "ring-attach, nothing to size slots by", ACQ_CMD_RING_ATTACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN) }, -EINVAL,
	  "no channel enabled to size the slots by" },
	{ "ring-detach, no ring", ACQ_CMD_RING_DETACH,
	  { A(RING_DEV_ID, U32, DEV), A(RING_HANDLE, S32, FD_OWN) }, -ENOLINK,
	  "no ring attached" },
	{ "stats-get, no channel", ACQ_CMD_STATS_GET,
	  { A(STATS_DEV_ID, U32, DEV), A(STATS_CHAN_ID, U32, 2) }, -EINVAL,
	  "no such channel on this device" },
	{ "stats-get, no device", ACQ_CMD_STATS_GET,
	  { A(STATS_DEV_ID, U32, 200), A(STATS_CHAN_ID, U32, 0) }, -ENODEV,
	  "no device with this id" },
	{ "window-get, no window", ACQ_CMD_WINDOW_GET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 2) }, -EINVAL,
	  "no such window on this device" },
	{ "window-set, no window", ACQ_CMD_WINDOW_SET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 2),
	    A(WINDOW_HANDLE, S32, FD_OWN), A(WINDOW_POLICY, U32, 1) }, -EINVAL,
	  "no such window on this device" },
	{ "window-set, another device's handle", ACQ_CMD_WINDOW_SET,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 0),
	    A(WINDOW_HANDLE, S32, FD_OTHER), A(WINDOW_POLICY, U32, 1) },
	  -EINVAL, "handle is another device's file" },
	{ "window-revoke, no device", ACQ_CMD_WINDOW_REVOKE,
	  { A(WINDOW_DEV_ID, U32, 200), A(WINDOW_ID, U32, 0) }, -ENODEV,
	  "no device with this id" },
	{ "window-restore, no window", ACQ_CMD_WINDOW_RESTORE,
	  { A(WINDOW_DEV_ID, U32, DEV), A(WINDOW_ID, U32, 2) }, -EINVAL,
	  "no such window on this device" },
};

struct t_fds {
	int own, other, efd, closed;
};

static int fd_of(const struct t_fds *fds, long long v)
{
	switch (v) {
	case FD_OWN: return fds->own;
	case FD_OTHER: return fds->other;
	case FD_EVENTFD: return fds->efd;
	case FD_CLOSED: return fds->closed;
	}
	return (int)v;
}

static int send_case(struct acq_ctl *ctl, const struct t_case *c,
		     const struct t_fds *fds)
{
	struct nl_msg *msg = acq_msg_new(ctl, c->cmd, 0);
	const struct t_attr *a;
	int err = 0;

	T_ASSERT(msg, "acq_msg_new");
	for (a = c->attrs; a->kind != END && !err; a++) {
		switch (a->kind) {
		case U8:
			err = nla_put_u8(msg, a->type, a->v);
			break;
		case U32:
			err = nla_put_u32(msg, a->type, a->v);
			break;
		case S32:
			err = nla_put_s32(msg, a->type, fd_of(fds, a->v));
			break;
		case END:
			break;
		}
	}
	T_ASSERT(!err, "%s: building the request", c->what);
	return acq_request(ctl, msg, 0, NULL, NULL, NULL);
}

static void expect(struct acq_ctl *ctl, const char *what, int got, int want,
		   const char *msg)
{
	const char *said = acq_ctl_errmsg(ctl);

	T_ASSERT(got == want, "%s: got %d (%s), want %d (%s) [%s]", what, got,
		 strerror(-got), want, strerror(-want), said);
	T_ASSERT(*said && strstr(said, msg), "%s: extack \"%s\", want \"%s\"",
		 what, said, msg);
	printf("%-44s %s: %s\n", what, strerror(-got), said);
}

static void same_config(const struct acq_chan_info *a,
			const struct acq_chan_info *b)
{
	T_ASSERT(!memcmp(a, b, sizeof(*a)),
		 "a refused request changed the channel: %u x %u at %u",
		 b->lines, b->line_bytes, b->line_rate);
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 4, .slot_size = 4096);
	ACQ_OPTS(acq_chan_config, big,
		 .enabled = -1, .lines = 64, .line_bytes = 1024);
	struct acq_chan_info before, after;
	struct acq_dev_info info;
	struct acq_window_info win;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	struct t_fds fds;
	unsigned int i;
	__u32 dev, other;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 0, 2);
	other = t_sim_add(ctl, 1, 1);
	T_ASSERT(dev == DEV, "the device under test is acq%u", dev);
	fds.own = t_dev_open(dev);
	fds.other = t_dev_open(other);
	fds.efd = eventfd(0, EFD_CLOEXEC);
	T_ASSERT(fds.efd >= 0, "eventfd: %m");
	fds.closed = dup(fds.efd);
	close(fds.closed);
	T_ASSERT(acq_chan_get(ctl, dev, 0, &before, sizeof(before)) == 0,
		 "chan get");

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect(ctl, cases[i].what, send_case(ctl, &cases[i], &fds),
		       cases[i].err, cases[i].msg);

	/* The device's state: a ring of 4 KiB slots, then started. */
	T_ASSERT(acq_ring_attach(ctl, dev, fds.own, &opts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	expect(ctl, "dev-start, no channel enabled",
	       acq_dev_start(ctl, dev, fds.own), -EINVAL, "no channel enabled");
	expect(ctl, "chan-set, frame larger than the slots",
	       acq_chan_set(ctl, dev, 0, fds.own, &(struct acq_chan_config){
			.sz = sizeof(big), .enabled = 1 }),
	       -EMSGSIZE, "larger than the attached ring's slots");
	t_chan_enable(ctl, dev, 1, fds.own, 4, 1024, 4000);
	T_ASSERT(acq_dev_start(ctl, dev, fds.own) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	expect(ctl, "chan-set, device started",
	       acq_chan_set(ctl, dev, 0, fds.own, &big), -EBUSY,
	       "device is started");
	expect(ctl, "ring-attach, a second ring",
	       acq_ring_attach(ctl, dev, fds.own, &opts, &(struct acq_ring){ 0 }),
	       -EBUSY, "device already has a ring");
	T_ASSERT(acq_dev_stop(ctl, dev, fds.own) == 0, "stop");
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");

	/* Nothing refused changed anything; a good request still works. */
	T_ASSERT(acq_chan_get(ctl, dev, 0, &after, sizeof(after)) == 0, "get");
	same_config(&before, &after);
	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	T_ASSERT(info.state == ACQ_DEV_STATE_STOPPED && !info.ring_attached,
		 "acq%u: state %u, ring %u", dev, info.state, info.ring_attached);
	T_ASSERT(acq_window_get(ctl, dev, 0, &win, sizeof(win)) == 0 &&
		 win.state == ACQ_WINDOW_STATE_LENT && !win.revokes &&
		 win.policy == ACQ_WINDOW_POLICY_DISCARD,
		 "window 0: state %u revokes %llu policy %u", win.state,
		 (unsigned long long)win.revokes, win.policy);

	close(fds.own);
	close(fds.other);
	close(fds.efd);
	t_sim_del(0);
	t_sim_del(1);
	t_acq_sim_close(ctl);
	return T_PASS;
}
