// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl's requests and replies without a kernel: what chan-set,
 * window-set and ring-attach requests carry, replies fabricated here parsed with the
 * library's policies into its structs, the ring geometry checked before
 * it is mapped, and the opts/struct-size rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "reply_msg.h"

/* Room for the largest attribute set, dev's. */
#define MAXATTR 32

/* Parse @msg as the receiving side would, with @policy (NULL: none). */
static int msg_parse(struct nl_msg *msg, int maxattr,
		     const struct nla_policy *policy, struct nlattr **tb)
{
	assert_true(maxattr < MAXATTR);
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, maxattr, policy);
}

/* Three versions of an options struct; each adds past the last's size. */
struct opts_v1 {
	size_t sz;
	int a;
};

struct opts_v2 {
	struct opts_v1 v1;
	int b;
};

struct opts_v3 {
	struct opts_v2 v2;
	int c;
};

static void test_opts_load(void **state)
{
	struct opts_v2 ours = { .v1 = { .sz = sizeof(ours), .a = 7 }, .b = 8 };
	struct opts_v1 v1 = { .sz = sizeof(v1), .a = 1 };
	struct opts_v3 v3 = {
		.v2 = { .v1 = { .sz = sizeof(v3), .a = 1 }, .b = 2 },
	};
	size_t tiny = sizeof(size_t) - 1;

	(void)state;
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), NULL), 0);
	assert_int_equal(ours.v1.a, 7);
	/* An older struct: what it lacks keeps our default. */
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v1), 0);
	assert_int_equal(ours.v1.a, 1);
	assert_int_equal(ours.b, 8);
	/* A newer one: fine while what we do not know is zero. */
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v3), 0);
	assert_int_equal(ours.b, 2);
	v3.c = 1;
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v3), -EINVAL);
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &tiny), -EINVAL);
}

static void test_copy_out(void **state)
{
	const __u32 src[3] = { 1, 2, 3 };
	__u32 dst[4] = { 9, 9, 9, 9 };

	(void)state;
	acq_copy_out(dst, 2 * sizeof(__u32), src, sizeof(src));
	assert_int_equal(dst[0], 1);
	assert_int_equal(dst[1], 2);
	assert_int_equal(dst[2], 9);	/* an older caller's struct ends here */
	acq_copy_out(dst, sizeof(dst), src, sizeof(src));
	assert_int_equal(dst[2], 3);
	assert_int_equal(dst[3], 0);	/* a newer caller's field we lack */
}

static void test_chan_set_request(void **state)
{
	ACQ_OPTS(acq_chan_config, cfg,
		 .enabled = 0, .lines = 480, .line_rate = 9);
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_SET);

	(void)state;
	assert_int_equal(acq_chan_set_put(msg, 3, 5, 17, &cfg), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_int_equal(genlmsg_hdr(nlmsg_hdr(msg))->cmd, ACQ_CMD_CHAN_SET);
	assert_int_equal(nlmsg_hdr(msg)->nlmsg_type, fake_ctl.family);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_DEV_ID]), 3);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_ID]), 5);
	assert_int_equal(nla_get_s32(tb[ACQ_A_CHAN_HANDLE]), 17);
	/* "Disable" is a change, sent as 0; zero numbers are not. */
	assert_non_null(tb[ACQ_A_CHAN_ENABLED]);
	assert_int_equal(nla_get_u8(tb[ACQ_A_CHAN_ENABLED]), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_LINES]), 480);
	assert_int_equal(nla_get_u32(tb[ACQ_A_CHAN_LINE_RATE]), 9);
	assert_null(tb[ACQ_A_CHAN_LINE_BYTES]);
	assert_null(tb[ACQ_A_CHAN_LINES_PER_CHUNK]);
	nlmsg_free(msg);
}

static void test_chan_set_keeps(void **state)
{
	/* An older caller's struct holds sz and enabled only. */
	struct acq_chan_config old = {
		.sz = offsetof(struct acq_chan_config, lines), .enabled = 1,
		.lines = 99,
	};
	ACQ_OPTS(acq_chan_config, bad, .enabled = 2);
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_SET);

	(void)state;
	/* No config, no handle: the ids alone. */
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, NULL), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_non_null(tb[ACQ_A_CHAN_ID]);
	assert_null(tb[ACQ_A_CHAN_HANDLE]);
	assert_null(tb[ACQ_A_CHAN_ENABLED]);
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_CHAN_SET);
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, &old), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u8(tb[ACQ_A_CHAN_ENABLED]), 1);
	assert_null(tb[ACQ_A_CHAN_LINES]);	/* beyond its sz */
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_CHAN_SET);
	assert_int_equal(acq_chan_set_put(msg, 0, 1, -1, &bad), -EINVAL);
	nlmsg_free(msg);
}

static void test_chan_reply(void **state)
{
	static const struct acq_chan_info sent = {
		.dev_id = 2, .id = 63, .enabled = 1, .lines = 480,
		.line_bytes = 1024, .lines_per_chunk = 16, .line_rate = 48000,
		.frame_bytes = 491520,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_info info;

	(void)state;
	chan_msg_put(msg, &sent);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_info_parse(tb, &info), 0);
	assert_memory_equal(&info, &sent, sizeof(info));
	nlmsg_free(msg);
}

static void test_chan_reply_malformed(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_info info;

	(void)state;
	/* No channel id: not a channel. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 2), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_info_parse(tb, &info), -EBADMSG);
	/* A counter too short for its type: the policy stops it. */
	assert_int_equal(nla_put_u16(msg, ACQ_A_CHAN_LINES, 480), 0);
	assert_true(msg_parse(msg, ACQ_A_CHAN_MAX, acq_chan_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

static void test_stats_reply(void **state)
{
	static const struct acq_chan_stats sent = {
		.dev_id = 1, .chan = 4, .produced = 1ULL << 40,
		.delivered = (1ULL << 40) - 3, .dropped = 3, .chunks = 5,
		.protocol_errors = 6, .last_error = ENOBUFS,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_STATS_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_chan_stats st;

	(void)state;
	stats_msg_put(msg, &sent);
	assert_int_equal(msg_parse(msg, ACQ_A_STATS_MAX, acq_stats_reply_policy, tb),
			 0);
	assert_int_equal(acq_chan_stats_parse(tb, &st), 0);
	assert_memory_equal(&st, &sent, sizeof(st));
	/* A u64 counter sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHUNKS, 5), 0);
	assert_true(msg_parse(msg, ACQ_A_STATS_MAX, acq_stats_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

/* Window 1 of device 2, revoked three times, as window-get tells it. */
static const struct acq_window_info win1 = {
	.dev_id = 2, .id = 1, .offset = ACQ_WINDOW_OFF(1), .size = 8192,
	.writable = 1, .state = ACQ_WINDOW_STATE_REVOKED,
	.policy = ACQ_WINDOW_POLICY_SIGBUS, .revokes = 3,
};

static void test_window_reply(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_WINDOW_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_window_info info;

	(void)state;
	window_msg_put(msg, &win1);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
				   acq_window_reply_policy, tb), 0);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(acq_window_info_parse(tb, &info), 0);
	assert_memory_equal(&info, &win1, sizeof(info));
	/* Offsets are u64: one sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_OFFSET, 0), 0);
	assert_true(msg_parse(msg, ACQ_A_WINDOW_MAX, acq_window_reply_policy,
			      tb) < 0);
	nlmsg_free(msg);
}

static void test_window_reply_malformed(void **state)
{
	/* Each of the attributes a mapping needs, left out in turn. */
	static const int needed[] = {
		ACQ_A_WINDOW_DEV_ID, ACQ_A_WINDOW_ID, ACQ_A_WINDOW_OFFSET,
		ACQ_A_WINDOW_SIZE,
	};
	struct nlattr *tb[MAXATTR];
	struct acq_window_info info;
	struct nl_msg *msg;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
		msg = msg_new(ACQ_CMD_WINDOW_GET);
		window_msg_put(msg, &win1);
		assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
					   acq_window_reply_policy, tb), 0);
		tb[needed[i]] = NULL;
		assert_int_equal(acq_window_info_parse(tb, &info), -EBADMSG);
		nlmsg_free(msg);
	}
	/* The rest is optional: what a kernel does not send reads 0. */
	msg = msg_new(ACQ_CMD_WINDOW_GET);
	window_msg_put(msg, &win1);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX,
				   acq_window_reply_policy, tb), 0);
	tb[ACQ_A_WINDOW_STATE] = NULL;
	tb[ACQ_A_WINDOW_REVOKES] = NULL;
	assert_int_equal(acq_window_info_parse(tb, &info), 0);
	assert_int_equal(info.state, ACQ_WINDOW_STATE_LENT);
	assert_true(info.revokes == 0 && info.size == 8192);
	nlmsg_free(msg);
}

/* The struct is laid out without holes, u64s aligned on every ABI. */
static void test_window_info_layout(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct acq_window_info, offset), 8);
	assert_int_equal(offsetof(struct acq_window_info, size), 16);
	assert_int_equal(offsetof(struct acq_window_info, writable), 24);
	assert_int_equal(offsetof(struct acq_window_info, revokes), 40);
	assert_int_equal(sizeof(struct acq_window_info), 48);
}

static void test_window_set_request(void **state)
{
	struct nlattr *tb[MAXATTR];
	struct nl_msg *msg = msg_new(ACQ_CMD_WINDOW_SET);

	(void)state;
	assert_int_equal(acq_window_set_put(msg, 3, 1, 17,
					    ACQ_WINDOW_POLICY_SIGBUS), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_DEV_ID]), 3);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_ID]), 1);
	assert_int_equal(nla_get_s32(tb[ACQ_A_WINDOW_HANDLE]), 17);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_POLICY]),
			 ACQ_WINDOW_POLICY_SIGBUS);
	nlmsg_free(msg);

	/* No handle: left out, for CAP_NET_ADMIN to decide. */
	msg = msg_new(ACQ_CMD_WINDOW_SET);
	assert_int_equal(acq_window_set_put(msg, 3, 1, -1,
					    ACQ_WINDOW_POLICY_DISCARD), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_WINDOW_MAX, NULL, tb), 0);
	assert_null(tb[ACQ_A_WINDOW_HANDLE]);
	assert_int_equal(nla_get_u32(tb[ACQ_A_WINDOW_POLICY]),
			 ACQ_WINDOW_POLICY_DISCARD);
	nlmsg_free(msg);

	msg = msg_new(ACQ_CMD_WINDOW_SET);
	assert_int_equal(acq_window_set_put(msg, 3, 1, -1, 2), -EINVAL);
	nlmsg_free(msg);
}

/* struct acq_dev_info as libacqctl 0.1 had it: what older callers pass. */
struct dev_info_v01 {
	__u32 id;
	char name[ACQ_DEV_NAME_LEN];
	char backend[ACQ_DEV_NAME_LEN];
	__u32 nr_channels;
	char parent[ACQ_PARENT_NAME_LEN];
};

/* A started device, as a dev-get reply tells it. */
static const struct acq_dev_info dev3 = {
	.id = 3, .name = "acq3", .backend = "acq_sim", .nr_channels = 4,
	.parent = "acq_sim7", .state = ACQ_DEV_STATE_STARTED,
	.stop_reason = ACQ_STOP_REASON_NONE, .ring_attached = 1,
	.owner_pid = 4242, .ring_desc_count = 64, .ring_slot_size = 8192,
	.produced = 1ULL << 40, .delivered = (1ULL << 40) - 5, .dropped = 5,
	.protocol_errors = 2,
};

static struct nl_msg *dev_reply_new(void)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_DEV_GET);

	dev_msg_put(msg, &dev3);
	return msg;
}

static void test_dev_reply(void **state)
{
	struct nl_msg *msg = dev_reply_new();
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;

	(void)state;
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	assert_int_equal(info.id, 3);
	assert_string_equal(info.name, "acq3");
	assert_string_equal(info.backend, "acq_sim");
	assert_string_equal(info.parent, "acq_sim7");
	assert_int_equal(info.nr_channels, 4);
	assert_int_equal(info.state, ACQ_DEV_STATE_STARTED);
	assert_int_equal(info.stop_reason, ACQ_STOP_REASON_NONE);
	assert_int_equal(info.ring_attached, 1);
	assert_int_equal(info.owner_pid, 4242);
	assert_int_equal(info.ring_desc_count, 64);
	assert_int_equal(info.ring_slot_size, 8192);
	assert_true(info.produced == 1ULL << 40);
	assert_true(info.delivered == (1ULL << 40) - 5);
	assert_int_equal(info.dropped, 5);
	assert_int_equal(info.protocol_errors, 2);
	/* A u64 counter sent as a u32 is refused. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_DROPPED, 5), 0);
	assert_true(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb) < 0);
	nlmsg_free(msg);
}

static void test_dev_reply_old_struct(void **state)
{
	struct nl_msg *msg = dev_reply_new();
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;
	union {
		struct dev_info_v01 old;
		unsigned char raw[sizeof(struct acq_dev_info)];
	} out;
	size_t i;

	(void)state;
	/* The new fields start where the old struct ended. */
	assert_int_equal(offsetof(struct acq_dev_info, state),
			 sizeof(struct dev_info_v01));
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	memset(&out, 0xa5, sizeof(out));
	acq_copy_out(&out.old, sizeof(out.old), &info, sizeof(info));
	assert_int_equal(out.old.id, 3);
	assert_string_equal(out.old.name, "acq3");
	assert_string_equal(out.old.backend, "acq_sim");
	assert_string_equal(out.old.parent, "acq_sim7");
	assert_int_equal(out.old.nr_channels, 4);
	/* Not a byte past the caller's struct is written. */
	for (i = sizeof(out.old); i < sizeof(out.raw); i++)
		assert_int_equal(out.raw[i], 0xa5);
	nlmsg_free(msg);
}

static void test_dev_reply_minimal(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_DEV_GET);
	struct nlattr *tb[MAXATTR];
	struct acq_dev_info info;

	(void)state;
	/* An older kernel's reply: what it does not send reads as 0. */
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, 1), 0);
	assert_int_equal(nla_put_string(msg, ACQ_A_DEV_NAME, "acq1"), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_DEV_MAX, acq_dev_reply_policy, tb), 0);
	memset(&info, 0xff, sizeof(info));
	assert_int_equal(acq_dev_info_parse(tb, &info), 0);
	assert_int_equal(info.id, 1);
	assert_string_equal(info.name, "acq1");
	assert_string_equal(info.backend, "");
	assert_int_equal(info.state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(info.ring_attached, 0);
	assert_int_equal(info.owner_pid, 0);
	assert_int_equal(info.ring_desc_count, 0);
	assert_true(info.produced == 0 && info.protocol_errors == 0);
	nlmsg_free(msg);
}

static void test_ring_attach_request(void **state)
{
	ACQ_OPTS(acq_ring_opts, opts);
	struct nl_msg *msg = msg_new(ACQ_CMD_RING_ATTACH);
	struct nlattr *tb[MAXATTR];

	(void)state;
	/* Defaults and no eventfd: the kernel chooses, nothing is sent. */
	assert_int_equal(acq_ring_attach_put(msg, 7, 4, -1, &opts), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_DEV_ID]), 7);
	assert_int_equal(nla_get_s32(tb[ACQ_A_RING_HANDLE]), 4);
	assert_null(tb[ACQ_A_RING_EVENTFD]);
	assert_null(tb[ACQ_A_RING_DESC_COUNT]);
	assert_null(tb[ACQ_A_RING_SLOT_SIZE]);
	nlmsg_free(msg);

	opts.desc_count = 64;
	opts.slot_size = 8192;
	msg = msg_new(ACQ_CMD_RING_ATTACH);
	assert_int_equal(acq_ring_attach_put(msg, 7, 4, 9, &opts), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, NULL, tb), 0);
	assert_int_equal(nla_get_s32(tb[ACQ_A_RING_EVENTFD]), 9);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_DESC_COUNT]), 64);
	assert_int_equal(nla_get_u32(tb[ACQ_A_RING_SLOT_SIZE]), 8192);
	nlmsg_free(msg);
}

static void test_ring_attach_reply(void **state)
{
	struct nl_msg *msg = msg_new(ACQ_CMD_RING_ATTACH);
	struct acq_ring_reply reply;
	struct nlattr *tb[MAXATTR];

	(void)state;
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_DEV_ID, 7), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_DESC_COUNT, 64), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_RING_SLOT_SIZE, 8192), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, acq_ring_reply_policy, tb),
			 0);
	/* The map size is what the mapping is checked against: required. */
	assert_int_equal(acq_ring_reply_parse(tb, &reply), -EBADMSG);
	assert_int_equal(nla_put(msg, ACQ_A_RING_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, ACQ_A_RING_MAP_SIZE, 1ULL << 33), 0);
	assert_int_equal(msg_parse(msg, ACQ_A_RING_MAX, acq_ring_reply_policy, tb),
			 0);
	assert_int_equal(acq_ring_reply_parse(tb, &reply), 0);
	assert_int_equal(reply.dev_id, 7);
	assert_int_equal(reply.desc_count, 64);
	assert_int_equal(reply.slot_size, 8192);
	assert_true(reply.map_size == 1ULL << 33);
	nlmsg_free(msg);
}

#define PAGE 4096

/* A header as the kernel lays a ring out: header, descriptors, frames. */
static void geometry_init(struct acq_ring_header *h, struct acq_ring_reply *r)
{
	memset(h, 0, sizeof(*h));
	h->header_size = PAGE;
	h->desc_count = 256;
	h->desc_size = sizeof(struct acq_ring_desc);
	h->desc_offset = PAGE;
	h->buf_offset = PAGE + 2 * PAGE;	/* 256 * 32 bytes: 2 pages */
	h->slot_size = 2 * PAGE;
	h->buf_size = 256ULL * 2 * PAGE;
	*r = (struct acq_ring_reply){
		.desc_count = 256, .slot_size = 2 * PAGE,
		.map_size = h->buf_offset + h->buf_size,
	};
}

static void test_ring_geometry(void **state)
{
	struct acq_ring_header h;
	struct acq_ring_reply r;

	(void)state;
	geometry_init(&h, &r);
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), 0);
	h.header_size = PAGE + 1;			/* more than we map */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = 0;				/* over the header */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = PAGE + 64;			/* not mappable */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_offset = 2 * PAGE;		/* over the descriptors */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_size += PAGE;				/* past the map size */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.buf_size = UINT64_MAX - PAGE;			/* wraps */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	h.desc_offset = UINT64_MAX & ~(__u64)(PAGE - 1);	/* wraps */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	r.desc_count = 128;				/* not what was said */
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
	geometry_init(&h, &r);
	r.slot_size = PAGE;
	assert_int_equal(acq_ring_geometry_check(&h, PAGE, &r), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_load),
		cmocka_unit_test(test_copy_out),
		cmocka_unit_test(test_chan_set_request),
		cmocka_unit_test(test_chan_set_keeps),
		cmocka_unit_test(test_chan_reply),
		cmocka_unit_test(test_chan_reply_malformed),
		cmocka_unit_test(test_stats_reply),
		cmocka_unit_test(test_window_reply),
		cmocka_unit_test(test_window_reply_malformed),
		cmocka_unit_test(test_window_info_layout),
		cmocka_unit_test(test_window_set_request),
		cmocka_unit_test(test_dev_reply),
		cmocka_unit_test(test_dev_reply_old_struct),
		cmocka_unit_test(test_dev_reply_minimal),
		cmocka_unit_test(test_ring_attach_request),
		cmocka_unit_test(test_ring_attach_reply),
		cmocka_unit_test(test_ring_geometry),
	};

	return cmocka_run_group_tests_name("messages", tests, NULL, NULL);
}
