// SPDX-License-Identifier: GPL-2.0
/*
 * Write the seed corpus of the libFuzzer targets into DIR/TARGET/NAME:
 * valid inputs of each, as the kernel (or a user) would send them, from
 * which the fuzzer mutates. tests/fuzz/libfuzzer --seeds runs it; the
 * corpus it writes is committed in tests/fuzz/corpus/.
 *
 *	seeds DIR
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/acq.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "fuzz.h"

static const char *top;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void write_seed(const char *target, const char *name,
		       const void *data, size_t size)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", top, target);
	if (mkdir(path, 0755) && errno != EEXIST)
		die(path);
	snprintf(path, sizeof(path), "%s/%s/%s", top, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		die(path);
}

/* The end of a list of words: a pointer, as va_arg() reads it. */
#define END	((const char *)NULL)

/* args: the kind, then the words, each ended by a NUL but the last. */
static void args_seed(const char *name, int kind, ...)
{
	unsigned char buf[512];
	size_t len = 1, n;
	const char *w;
	va_list ap;

	buf[0] = kind;
	va_start(ap, kind);
	while ((w = va_arg(ap, const char *))) {
		n = strlen(w);
		if (len + n + 1 > sizeof(buf))
			die("args seed too long");
		if (len > 1)
			buf[len++] = '\0';
		memcpy(buf + len, w, n);
		len += n;
	}
	va_end(ap);
	write_seed("args", name, buf, len);
}

static struct nl_msg *genl_new(uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 0, FUZZ_FAMILY, 0, flags, cmd,
				 ACQ_FAMILY_VERSION))
		die("genlmsg_put");
	return msg;
}

/* A datagram of messages, each padded as the kernel pads them. */
struct dgram {
	unsigned char buf[8192];
	size_t len;
};

static void dgram_add(struct dgram *d, const void *m, size_t len)
{
	size_t sz = NLMSG_ALIGN(len);

	if (d->len + sz > sizeof(d->buf))
		die("datagram too long");
	memset(d->buf + d->len, 0, sz);
	memcpy(d->buf + d->len, m, len);
	d->len += sz;
}

static void dgram_msg(struct dgram *d, struct nl_msg *msg)
{
	dgram_add(d, nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

static void put_dev(struct nl_msg *msg, uint32_t id)
{
	if (nla_put_u32(msg, ACQ_A_DEV_ID, id) ||
	    nla_put_string(msg, ACQ_A_DEV_NAME, "sim0") ||
	    nla_put_string(msg, ACQ_A_DEV_BACKEND, "acq_sim") ||
	    nla_put_string(msg, ACQ_A_DEV_PARENT, "acq_sim.0") ||
	    nla_put_u32(msg, ACQ_A_DEV_CHANNELS, 4) ||
	    nla_put_u32(msg, ACQ_A_DEV_STATE, ACQ_DEV_STATE_STARTED) ||
	    nla_put_u32(msg, ACQ_A_DEV_STOP_REASON, ACQ_STOP_REASON_NONE) ||
	    nla_put_u8(msg, ACQ_A_DEV_RING_ATTACHED, 1) ||
	    nla_put_u32(msg, ACQ_A_DEV_OWNER_PID, 42) ||
	    nla_put_u32(msg, ACQ_A_DEV_RING_DESC_COUNT, 64) ||
	    nla_put_u32(msg, ACQ_A_DEV_RING_SLOT_SIZE, 65536) ||
	    nla_put(msg, ACQ_A_DEV_PAD, 0, NULL) ||
	    nla_put_u64(msg, ACQ_A_DEV_PRODUCED, 1000) ||
	    nla_put_u64(msg, ACQ_A_DEV_DELIVERED, 990) ||
	    nla_put_u64(msg, ACQ_A_DEV_DROPPED, 10) ||
	    nla_put_u64(msg, ACQ_A_DEV_PROTOCOL_ERRORS, 0))
		die("dev attributes");
}

static void put_chan(struct nl_msg *msg)
{
	if (nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 1) ||
	    nla_put_u32(msg, ACQ_A_CHAN_ID, 2) ||
	    nla_put_u8(msg, ACQ_A_CHAN_ENABLED, 1) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINES, 480) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINE_BYTES, 1280) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINES_PER_CHUNK, 16) ||
	    nla_put_u32(msg, ACQ_A_CHAN_LINE_RATE, 48000) ||
	    nla_put_u32(msg, ACQ_A_CHAN_FRAME_BYTES, 480 * 1280))
		die("chan attributes");
}

static void put_stats(struct nl_msg *msg)
{
	if (nla_put_u32(msg, ACQ_A_STATS_DEV_ID, 1) ||
	    nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, 2) ||
	    nla_put(msg, ACQ_A_STATS_PAD, 0, NULL) ||
	    nla_put_u64(msg, ACQ_A_STATS_PRODUCED, 100) ||
	    nla_put_u64(msg, ACQ_A_STATS_DELIVERED, 90) ||
	    nla_put_u64(msg, ACQ_A_STATS_DROPPED, 10) ||
	    nla_put_u64(msg, ACQ_A_STATS_CHUNKS, 3000) ||
	    nla_put_u64(msg, ACQ_A_STATS_PROTOCOL_ERRORS, 1) ||
	    nla_put_u32(msg, ACQ_A_STATS_LAST_ERROR, EPROTO) ||
	    nla_put_u64(msg, ACQ_A_STATS_ERRORS, 2) ||
	    nla_put_u64(msg, ACQ_A_STATS_CHUNK_ERRORS, 1))
		die("stats attributes");
}

static void put_window(struct nl_msg *msg)
{
	if (nla_put_u32(msg, ACQ_A_WINDOW_DEV_ID, 1) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_ID, 0) ||
	    nla_put(msg, ACQ_A_WINDOW_PAD, 0, NULL) ||
	    nla_put_u64(msg, ACQ_A_WINDOW_OFFSET, 1ULL << 40) ||
	    nla_put_u64(msg, ACQ_A_WINDOW_SIZE, 4096) ||
	    nla_put_u8(msg, ACQ_A_WINDOW_WRITABLE, 1) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_STATE, ACQ_WINDOW_STATE_REVOKED) ||
	    nla_put_u32(msg, ACQ_A_WINDOW_POLICY, ACQ_WINDOW_POLICY_DISCARD) ||
	    nla_put_u64(msg, ACQ_A_WINDOW_REVOKES, 3))
		die("window attributes");
}

static void put_ring(struct nl_msg *msg)
{
	if (nla_put_u32(msg, ACQ_A_RING_DEV_ID, 1) ||
	    nla_put_u32(msg, ACQ_A_RING_DESC_COUNT, 64) ||
	    nla_put_u32(msg, ACQ_A_RING_SLOT_SIZE, 65536) ||
	    nla_put_u64(msg, ACQ_A_RING_MAP_SIZE, 4096 * 2 + 64 * 65536))
		die("ring attributes");
}

static struct nl_msg *obj_msg(uint8_t cmd, int flags,
			      void (*put)(struct nl_msg *))
{
	struct nl_msg *msg = genl_new(cmd, flags);

	put(msg);
	return msg;
}

static void put_dev1(struct nl_msg *msg)
{
	put_dev(msg, 1);
}

/* The end of a dump: NLMSG_DONE with its error, 0. */
static void dgram_done(struct dgram *d)
{
	unsigned char buf[NLMSG_LENGTH(sizeof(int))] = { 0 };
	struct nlmsghdr *h = (void *)buf;

	h->nlmsg_len = sizeof(buf);
	h->nlmsg_type = NLMSG_DONE;
	h->nlmsg_flags = NLM_F_MULTI;
	dgram_add(d, buf, sizeof(buf));
}

/*
 * An NLMSG_ERROR: an ACK (@error 0) or a refusal, with the request
 * capped and, for a refusal, the kernel's extended ACK: a message, the
 * offset of the attribute it blames in the request, or a missing type.
 */
static void dgram_error(struct dgram *d, int error, const char *text,
			int32_t offs, int miss_type)
{
	unsigned char buf[512];
	struct nlmsghdr *h = (void *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	size_t len = NLMSG_SPACE(sizeof(*e));
	struct nlattr *a;
	size_t n;

	memset(buf, 0, sizeof(buf));
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = NLM_F_CAPPED;
	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + 8;
	e->msg.nlmsg_type = FUZZ_FAMILY;
	if (text) {
		n = strlen(text) + 1;
		a = (void *)(buf + len);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = NLA_HDRLEN + n;
		memcpy(a + 1, text, n);
		len += NLA_ALIGN(a->nla_len);
	}
	if (offs >= 0) {
		a = (void *)(buf + len);
		a->nla_type = NLMSGERR_ATTR_OFFS;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy(a + 1, &offs, 4);
		len += NLA_ALIGN(a->nla_len);
	}
	if (miss_type >= 0) {
		a = (void *)(buf + len);
		a->nla_type = NLMSGERR_ATTR_MISS_TYPE;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy(a + 1, &miss_type, 4);
		len += NLA_ALIGN(a->nla_len);
	}
	if (text || offs >= 0 || miss_type >= 0)
		h->nlmsg_flags |= NLM_F_ACK_TLVS;
	h->nlmsg_len = len;
	dgram_add(d, buf, len);
}

/* reply: the kind, then the datagram. */
static void reply_seed(const char *name, int kind, const struct dgram *d)
{
	unsigned char buf[sizeof(d->buf) + 1];

	buf[0] = kind;
	memcpy(buf + 1, d->buf, d->len);
	write_seed("reply", name, buf, d->len + 1);
}

static void event_seed(const char *name, const struct dgram *d)
{
	write_seed("event", name, d->buf, d->len);
}

/* A dev-state event with an attribute of a newer kernel, over a page. */
static struct nl_msg *big_dev_msg(void)
{
	static const char filler[5000];
	struct nl_msg *msg = nlmsg_alloc_size(sizeof(filler) + 1024);

	if (!msg || !genlmsg_put(msg, 0, 0, FUZZ_FAMILY, 0, 0,
				 ACQ_CMD_DEV_STATE_NTF, ACQ_FAMILY_VERSION))
		die("genlmsg_put");
	put_dev(msg, 1);
	if (nla_put(msg, ACQ_A_DEV_MAX + 3, sizeof(filler), filler))
		die("filler");
	return msg;
}

/* monitor: where the callback stops, where a second datagram starts. */
static void monitor_seed(const char *name, uint8_t stop_at, uint8_t split,
			 const struct dgram *d)
{
	unsigned char buf[sizeof(d->buf) + 2];

	buf[0] = stop_at;
	buf[1] = split;
	memcpy(buf + 2, d->buf, d->len);
	write_seed("monitor", name, buf, d->len + 2);
}

static void args_seeds(void)
{
	args_seed("capture-short", FUZZ_ARGS_CAPTURE, "acq0", END);
	args_seed("capture-all", FUZZ_ARGS_CAPTURE, "acq1", "--channel", "0,2",
		  "--frames=100", "--output", "out.bin", "--verify",
		  "--payload=counter", "--ring-size", "64",
		  "--slot-size=65536", "--wake-frames", "8",
		  "--wake-usecs=500", "--need-wakeup", "--quiet", END);
	args_seed("capture-abbrev", FUZZ_ARGS_CAPTURE, "3", "--sec", "0.5",
		  "--busy", "--ch=1", END);
	args_seed("capture-bad", FUZZ_ARGS_CAPTURE, "acq0", "--frames", "1",
		  "--seconds", "2", END);
	args_seed("bench-short", FUZZ_ARGS_BENCH, "acq0", END);
	args_seed("bench-all", FUZZ_ARGS_BENCH, "--mode", "eventfd,epoll",
		  "--runs=3", "--seconds", "1.5", "--channel", "1",
		  "--ring-size=256", "--wake-frames", "4", "--wake-usecs=200",
		  "--touch=verify", "--payload", "counter", "--label", "x",
		  "--plot-data=p.dat", "acq2", END);
	args_seed("bench-bad", FUZZ_ARGS_BENCH, "acq0", "--mode=", "--runs",
		  END);
	args_seed("words-numbers", FUZZ_ARGS_WORDS, "0", "4294967295",
		  "0xfffffffc", "0x100000000", "18446744073709551615", "1.5",
		  "on", "off", "acq7", "cap", END);
	args_seed("words-regs", FUZZ_ARGS_WORDS, "0x1c", "0x20", "4096", "4",
		  END);
}

static void event_seeds(void)
{
	static const struct {
		const char *name;
		uint8_t cmd;
		void (*put)(struct nl_msg *);
	} one[] = {
		{ "dev-add", ACQ_CMD_DEV_ADD_NTF, put_dev1 },
		{ "dev-del", ACQ_CMD_DEV_DEL_NTF, put_dev1 },
		{ "dev-state", ACQ_CMD_DEV_STATE_NTF, put_dev1 },
		{ "chan-change", ACQ_CMD_CHAN_CHANGE_NTF, put_chan },
		{ "overrun", ACQ_CMD_OVERRUN_NTF, put_stats },
		{ "window-revoked", ACQ_CMD_WINDOW_REVOKED_NTF, put_window },
		{ "window-restored", ACQ_CMD_WINDOW_RESTORED_NTF, put_window },
		{ "window-change", ACQ_CMD_WINDOW_CHANGE_NTF, put_window },
	};
	struct dgram d;
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		d.len = 0;
		dgram_msg(&d, obj_msg(one[i].cmd, 0, one[i].put));
		event_seed(one[i].name, &d);
	}
	/* Several in one datagram, one of a command this library lacks. */
	d.len = 0;
	dgram_msg(&d, obj_msg(ACQ_CMD_OVERRUN_NTF, 0, put_stats));
	dgram_msg(&d, obj_msg(ACQ_CMD_MAX + 1, 0, put_stats));
	dgram_msg(&d, obj_msg(ACQ_CMD_CHAN_CHANGE_NTF, 0, put_chan));
	event_seed("burst", &d);
	monitor_seed("burst", 255, 0, &d);
	monitor_seed("burst-stop", 1, 0, &d);
	/* The first message in one datagram, the rest in another. */
	monitor_seed("burst-split", 255,
		     NLMSG_ALIGN(((struct nlmsghdr *)d.buf)->nlmsg_len) /
		     NLMSG_ALIGNTO,
		     &d);
	/* Larger than the page the monitor reads into at first. */
	d.len = 0;
	dgram_msg(&d, big_dev_msg());
	monitor_seed("big", 255, 0, &d);
	/* Another family's message. */
	d.len = 0;
	msg = obj_msg(ACQ_CMD_DEV_ADD_NTF, 0, put_dev1);
	nlmsg_hdr(msg)->nlmsg_type = FUZZ_FAMILY + 1;
	dgram_msg(&d, msg);
	event_seed("other-family", &d);
}

static void reply_seeds(void)
{
	static const struct {
		const char *name;
		int kind;
		uint8_t cmd;
		void (*put)(struct nl_msg *);
	} kinds[] = {
		{ "dev", FUZZ_REPLY_DEV, ACQ_CMD_DEV_GET, put_dev1 },
		{ "chan", FUZZ_REPLY_CHAN, ACQ_CMD_CHAN_GET, put_chan },
		{ "stats", FUZZ_REPLY_STATS, ACQ_CMD_STATS_GET, put_stats },
		{ "window", FUZZ_REPLY_WINDOW, ACQ_CMD_WINDOW_GET, put_window },
		{ "ring", FUZZ_REPLY_RING, ACQ_CMD_RING_ATTACH, put_ring },
	};
	char name[64];
	struct dgram d;
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		/* A do: the reply, then the ACK. */
		d.len = 0;
		dgram_msg(&d, obj_msg(kinds[i].cmd, 0, kinds[i].put));
		dgram_error(&d, 0, NULL, -1, -1);
		snprintf(name, sizeof(name), "%s-do", kinds[i].name);
		reply_seed(name, kinds[i].kind, &d);
		/* A dump of two, then NLMSG_DONE. */
		d.len = 0;
		dgram_msg(&d, obj_msg(kinds[i].cmd, NLM_F_MULTI, kinds[i].put));
		dgram_msg(&d, obj_msg(kinds[i].cmd, NLM_F_MULTI, kinds[i].put));
		dgram_done(&d);
		snprintf(name, sizeof(name), "%s-dump", kinds[i].name);
		reply_seed(name, kinds[i].kind, &d);
	}
	/* Refusals: the kernel's reason, the attribute it blames (the
	 * request's second, past its headers and first u32), or a missing
	 * one.
	 */
	d.len = 0;
	dgram_error(&d, -EINVAL, "lines out of range", NLMSG_HDRLEN +
		    GENL_HDRLEN + 8, -1);
	reply_seed("error-offs", FUZZ_REPLY_ACK, &d);
	d.len = 0;
	dgram_error(&d, -EINVAL, NULL, -1, ACQ_A_CHAN_ID);
	reply_seed("error-missing", FUZZ_REPLY_CHAN, &d);
	d.len = 0;
	dgram_error(&d, -EBUSY, "device busy", -1, -1);
	reply_seed("error-busy", FUZZ_REPLY_RING, &d);
	d.len = 0;
	dgram_error(&d, 0, NULL, -1, -1);
	reply_seed("ack", FUZZ_REPLY_ACK, &d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: seeds DIR\n");
		return 2;
	}
	top = argv[1];
	if (mkdir(top, 0755) && errno != EEXIST)
		die(top);
	args_seeds();
	event_seeds();
	reply_seeds();
	return 0;
}
