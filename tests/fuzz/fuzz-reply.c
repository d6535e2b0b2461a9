// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libacqctl's reading of the kernel's answers to its
 * requests. An input is a kind (its first byte, enum fuzz_reply_kind),
 * which says what request was sent, and the datagram that came back.
 *
 * The datagram is walked as libnl's nl_recvmsgs() walks it for
 * acq_request() (ctl.c), with the library's own callbacks' work: each
 * message that is no status is parsed with the reply's policy and then
 * by the library's parser of that object (the generated policies of
 * policy.c, acq_*_parse()); the status that ends it (NLMSG_ERROR, an
 * error or an ACK, or NLMSG_DONE) by acq_nlerr_parse(), with the request
 * sent, whose attributes the kernel's extended ACK may point into. A
 * ring-attach reply that parses is checked against a ring header made of
 * its own values (acq_ring_geometry_check()).
 *
 * Beyond not crashing or reading past the datagram (ASan), the parsers
 * keep their promises: 0 or -EBADMSG, an error in the errno range, a
 * reason always terminated within its buffer.
 */
#include <stdint.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "fuzz.h"

static const struct acq_ctl fake_ctl = { .family = FUZZ_FAMILY };

struct reply_kind {
	int maxattr;
	const struct nla_policy *policy;
	acq_reply_fn parse;
	struct nl_msg *sent;
};

static struct reply_kind kinds[FUZZ_REPLY_NR];

/* The requests, built once as the library builds them. */
static void kinds_init(void)
{
	ACQ_OPTS(acq_ring_opts, ropts, .desc_count = 64, .wake_frames = 8);
	ACQ_OPTS(acq_chan_config, ccfg, .enabled = 1, .lines = 480);
	struct nl_msg *msg;

	kinds[FUZZ_REPLY_DEV] = (struct reply_kind){
		ACQ_A_DEV_MAX, acq_dev_reply_policy, acq_dev_info_parse,
		acq_msg_ids(&fake_ctl, ACQ_CMD_DEV_GET, 0, ACQ_A_DEV_ID, 1,
			    0, 0),
	};
	kinds[FUZZ_REPLY_CHAN] = (struct reply_kind){
		ACQ_A_CHAN_MAX, acq_chan_reply_policy, acq_chan_info_parse,
		acq_msg_ids(&fake_ctl, ACQ_CMD_CHAN_GET, 0, ACQ_A_CHAN_DEV_ID,
			    1, ACQ_A_CHAN_ID, 2),
	};
	kinds[FUZZ_REPLY_STATS] = (struct reply_kind){
		ACQ_A_STATS_MAX, acq_stats_reply_policy, acq_chan_stats_parse,
		acq_msg_ids(&fake_ctl, ACQ_CMD_STATS_GET, NLM_F_DUMP,
			    ACQ_A_STATS_DEV_ID, 1, 0, 0),
	};
	kinds[FUZZ_REPLY_WINDOW] = (struct reply_kind){
		ACQ_A_WINDOW_MAX, acq_window_reply_policy,
		acq_window_info_parse,
		acq_msg_ids(&fake_ctl, ACQ_CMD_WINDOW_GET, 0,
			    ACQ_A_WINDOW_DEV_ID, 1, ACQ_A_WINDOW_ID, 0),
	};
	msg = acq_msg_new(&fake_ctl, ACQ_CMD_RING_ATTACH, 0);
	fuzz_assert(msg && !acq_ring_attach_put(msg, 1, 3, 4, &ropts));
	kinds[FUZZ_REPLY_RING] = (struct reply_kind){
		ACQ_A_RING_MAX, acq_ring_reply_policy, acq_ring_reply_parse,
		msg,
	};
	msg = acq_msg_new(&fake_ctl, ACQ_CMD_CHAN_SET, 0);
	fuzz_assert(msg && !acq_chan_set_put(msg, 1, 2, 3, &ccfg));
	kinds[FUZZ_REPLY_ACK] = (struct reply_kind){ 0, NULL, NULL, msg };
	for (int i = 0; i < FUZZ_REPLY_NR; i++)
		fuzz_assert(kinds[i].sent);
}

/* A ring header that agrees with @reply: the geometry check's input. */
static void check_ring(const struct acq_ring_reply *reply)
{
	struct acq_ring_header hdr = {
		.header_size = sizeof(hdr),
		.desc_count = reply->desc_count,
		.desc_size = sizeof(struct acq_ring_desc),
		.slot_size = reply->slot_size,
		.desc_offset = 4096,
		.buf_offset = 4096 * 16,
		.buf_size = (__u64)reply->desc_count * reply->slot_size,
	};
	int err = acq_ring_geometry_check(&hdr, 4096, reply);

	fuzz_assert(err == 0 || err == -EPROTO);
}

/* A message that is no status: one reply, or a part of a dump. */
static void parse_reply(const struct reply_kind *k, struct nlmsghdr *nlh,
			int ring)
{
	struct nlattr *tb[k->maxattr + 1];
	union {
		struct acq_dev_info dev;
		struct acq_chan_info chan;
		struct acq_chan_stats stats;
		struct acq_window_info window;
		struct acq_ring_reply ring;
	} obj;
	int err;

	if (genlmsg_parse(nlh, 0, tb, k->maxattr, k->policy) || !k->parse)
		return;
	err = k->parse(tb, &obj);
	fuzz_assert(err == 0 || err == -EBADMSG);
	if (!err && ring)
		check_ring(&obj.ring);
	if (!err && k->parse == acq_dev_info_parse) {
		fuzz_assert(memchr(obj.dev.name, '\0', sizeof(obj.dev.name)));
		fuzz_assert(memchr(obj.dev.backend, '\0',
				   sizeof(obj.dev.backend)));
		fuzz_assert(memchr(obj.dev.parent, '\0',
				   sizeof(obj.dev.parent)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char errmsg[ACQ_ERRMSG_LEN];
	const struct reply_kind *k;
	struct nlmsghdr *nlh;
	unsigned char *buf;
	size_t off = 0;
	int kind, err;

	if (!kinds[0].sent)
		kinds_init();
	if (size < 1)
		return 0;
	kind = data[0] % FUZZ_REPLY_NR;
	k = &kinds[kind];
	data++;
	size--;
	/* A buffer of its own, aligned as libnl's and no larger. */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	while (off < size) {
		nlh = (struct nlmsghdr *)(buf + off);
		if (!nlmsg_ok(nlh, size - off))
			break;
		off += NLMSG_ALIGN(nlh->nlmsg_len);
		if (nlh->nlmsg_type == NLMSG_NOOP)
			continue;
		if (nlh->nlmsg_type == NLMSG_OVERRUN)
			break;
		if (nlh->nlmsg_type != NLMSG_DONE &&
		    nlh->nlmsg_type != NLMSG_ERROR) {
			parse_reply(k, nlh, kind == FUZZ_REPLY_RING);
			continue;
		}
		memset(errmsg, 0x55, sizeof(errmsg));
		err = acq_nlerr_parse(nlh, nlh->nlmsg_len, nlmsg_hdr(k->sent),
				      errmsg, sizeof(errmsg));
		fuzz_assert(err <= 0 && err >= -4095);
		fuzz_assert(memchr(errmsg, '\0', sizeof(errmsg)));
		break;
	}
	free(buf);
	return 0;
}
