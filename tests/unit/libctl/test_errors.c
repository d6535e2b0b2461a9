// SPDX-License-Identifier: LGPL-2.1-or-later
/* libctl's reading of NLMSG_ERROR and NLMSG_DONE status messages and of
 * libnl's error codes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/genetlink.h>
#include <netlink/errno.h>

#include "internal.h"

/* An NLMSG_ERROR message as the kernel builds it, in aligned storage. */
struct errmsg_buf {
	union {
		struct nlmsghdr nlh;
		unsigned char raw[512];
	};
	size_t len;
};

/* Start an error reply to a request whose payload has @req_payload bytes;
 * @capped leaves the echoed payload out, as NETLINK_CAP_ACK does.
 */
static void errmsg_init(struct errmsg_buf *b, int error, size_t req_payload,
			int capped)
{
	struct nlmsgerr *e;

	memset(b, 0, sizeof(*b));
	b->len = NLMSG_HDRLEN +
		 NLMSG_ALIGN(sizeof(*e) + (capped ? 0 : req_payload));
	b->nlh.nlmsg_type = NLMSG_ERROR;
	b->nlh.nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e = NLMSG_DATA(&b->nlh);
	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN + req_payload;
	/* The echoed payload is arbitrary bytes; make it look like TLVs. */
	if (!capped)
		memset((char *)(e + 1), 0x5a, req_payload);
	b->nlh.nlmsg_len = b->len;
}

static void errmsg_add_tlv(struct errmsg_buf *b, uint16_t type,
			   const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)(b->raw + b->len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	b->len += NLA_ALIGN(a->nla_len);
	b->nlh.nlmsg_len = b->len;
	b->nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
}

static void test_ack(void **state)
{
	struct errmsg_buf b;
	char msg[64] = "stale";

	(void)state;
	errmsg_init(&b, 0, 20, 1);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
}

static void test_plain_error(void **state)
{
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	errmsg_init(&b, -ENODEV, 8, 0);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -ENODEV);
	assert_string_equal(msg, "");
}

static void test_message_after_echoed_request(void **state)
{
	static const char text[] = "no device with this id";
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	/* An odd payload length checks the alignment of the TLVs after it. */
	errmsg_init(&b, -ENODEV, 13, 0);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, text, sizeof(text));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -ENODEV);
	assert_string_equal(msg, text);
}

static void test_message_capped(void **state)
{
	static const char text[] = "integer out of range";
	uint32_t off = 20;
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	errmsg_init(&b, -ERANGE, 24, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_OFFS, &off, sizeof(off));
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, text, sizeof(text));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -ERANGE);
	assert_string_equal(msg, text);
}

static void test_missing_attribute(void **state)
{
	uint32_t type = 1;
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	errmsg_init(&b, -EINVAL, 4, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MISS_TYPE, &type, sizeof(type));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "missing required attribute 1");
}

/* A chan-set request: dev-id 0, id 1, line-bytes 20, as libctl sends it. */
struct chan_set_req {
	union {
		struct nlmsghdr nlh;
		unsigned char raw[128];
	};
	uint32_t line_bytes_off;
};

static void chan_set_req_init(struct chan_set_req *r)
{
	struct genlmsghdr *g;
	struct nlattr *a;
	const uint32_t vals[][2] = {
		{ ACQ_A_CHAN_DEV_ID, 0 }, { ACQ_A_CHAN_ID, 1 },
		{ ACQ_A_CHAN_LINE_BYTES, 20 },
	};
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN;

	memset(r, 0, sizeof(*r));
	g = NLMSG_DATA(&r->nlh);
	g->cmd = ACQ_CMD_CHAN_SET;
	for (size_t i = 0; i < 3; i++) {
		a = (struct nlattr *)(r->raw + len);
		a->nla_type = vals[i][0];
		a->nla_len = NLA_HDRLEN + 4;
		memcpy(a + 1, &vals[i][1], 4);
		if (vals[i][0] == ACQ_A_CHAN_LINE_BYTES)
			r->line_bytes_off = len;
		len += NLA_ALIGN(a->nla_len);
	}
	r->nlh.nlmsg_len = len;
}

/*
 * What libctl makes of the kernel's @text blaming the attribute at @off of
 * request @r, refused with @error.
 */
static const char *blamed(const struct chan_set_req *r, int error,
			  const char *text, uint32_t off)
{
	static char msg[96];
	struct errmsg_buf b;

	errmsg_init(&b, error, r->nlh.nlmsg_len - NLMSG_HDRLEN, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, text, strlen(text) + 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_OFFS, &off, sizeof(off));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, &r->nlh, msg,
					 sizeof(msg)), error);
	return msg;
}

/* The kernel points at an attribute; its text gains the spec's name. */
static void test_blamed_attribute_named(void **state)
{
	static const char named[] = "line-bytes must be a multiple of 8";
	struct chan_set_req r;
	uint32_t id_off = NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + 4;

	(void)state;
	chan_set_req_init(&r);
	assert_string_equal(blamed(&r, -ERANGE, "integer out of range",
				   r.line_bytes_off),
			    "integer out of range (line-bytes)");
	/* "id" in "invalid" is no mention of attribute id. */
	assert_string_equal(blamed(&r, -EINVAL, "invalid attribute length",
				   id_off),
			    "invalid attribute length (id)");
	/* A text that names it already is left as it is. */
	assert_string_equal(blamed(&r, -EINVAL, named, r.line_bytes_off),
			    named);
	/* An offset outside the request, or into its header, names nothing. */
	assert_string_equal(blamed(&r, -ERANGE, "integer out of range",
				   r.nlh.nlmsg_len),
			    "integer out of range");
	assert_string_equal(blamed(&r, -ERANGE, "integer out of range", 4),
			    "integer out of range");
	/* Nor does one between attributes, which start 4-byte aligned
	 * (found by tests/fuzz/fuzz-reply: a misaligned read).
	 */
	assert_string_equal(blamed(&r, -ERANGE, "integer out of range",
				   r.line_bytes_off - 3),
			    "integer out of range");
}

/* A missing attribute is named by the request's op. */
static void test_missing_attribute_named(void **state)
{
	uint32_t type = ACQ_A_CHAN_ID;
	struct chan_set_req r;
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	chan_set_req_init(&r);
	errmsg_init(&b, -EINVAL, r.nlh.nlmsg_len - NLMSG_HDRLEN, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MISS_TYPE, &type, sizeof(type));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, &r.nlh, msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg, "missing required attribute id");
	/* Of an op it does not know, by number. */
	((struct genlmsghdr *)NLMSG_DATA(&r.nlh))->cmd = 200;
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, &r.nlh, msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg, "missing required attribute 2");
}

static void test_message_truncated_to_buffer(void **state)
{
	static const char text[] = "a rather long reason from the kernel";
	struct errmsg_buf b;
	char msg[8];

	(void)state;
	errmsg_init(&b, -EINVAL, 0, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, text, sizeof(text));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "a rathe");
}

static void test_unterminated_message(void **state)
{
	struct errmsg_buf b;
	char msg[64];

	(void)state;
	errmsg_init(&b, -EINVAL, 0, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, "abcd", 4);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "abcd");
}

static void test_malformed(void **state)
{
	struct errmsg_buf b;
	struct nlattr *a;
	char msg[64];

	(void)state;
	/* Shorter than its own header says. */
	errmsg_init(&b, -EINVAL, 0, 1);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len - 1, NULL, msg, sizeof(msg)), -EBADMSG);
	/* Not a status message: a family's own message type. */
	errmsg_init(&b, -EINVAL, 0, 1);
	b.nlh.nlmsg_type = NLMSG_MIN_TYPE + 3;
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EBADMSG);
	/* A positive error is not something the kernel sends. */
	errmsg_init(&b, 5, 0, 1);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EBADMSG);
	/* A TLV running past the message costs the text, not the errno. */
	errmsg_init(&b, -EINVAL, 0, 1);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, "abc", 4);
	a = (struct nlattr *)(b.raw + b.len - NLA_ALIGN(NLA_HDRLEN + 4));
	a->nla_len = 200;
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "");
	/* An echoed request claiming to be longer than the reply. */
	errmsg_init(&b, -EINVAL, 0, 0);
	((struct nlmsgerr *)NLMSG_DATA(&b.nlh))->msg.nlmsg_len = 4;
	b.nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EBADMSG);
}

/* An NLMSG_DONE ending a dump with @error, as the kernel sends it. */
static void done_init(struct errmsg_buf *b, int error)
{
	memset(b, 0, sizeof(*b));
	b->len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));
	b->nlh.nlmsg_type = NLMSG_DONE;
	b->nlh.nlmsg_flags = NLM_F_MULTI;
	memcpy(NLMSG_DATA(&b->nlh), &error, sizeof(error));
	b->nlh.nlmsg_len = b->len;
}

static void test_dump_done(void **state)
{
	static const char text[] = "device went away";
	struct errmsg_buf b;
	char msg[64] = "stale";

	(void)state;
	done_init(&b, 0);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");

	/* A dump that failed part-way says so in its NLMSG_DONE. */
	done_init(&b, -ENODEV);
	errmsg_add_tlv(&b, NLMSGERR_ATTR_MSG, text, sizeof(text));
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -ENODEV);
	assert_string_equal(msg, text);

	/* Kernels before 4.x send no status: success. */
	done_init(&b, 0);
	b.nlh.nlmsg_len = b.len = NLMSG_HDRLEN;
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), 0);

	done_init(&b, 1);
	assert_int_equal(acq_nlerr_parse(&b.nlh, b.len, NULL, msg, sizeof(msg)), -EBADMSG);
}

static void test_nle_to_errno(void **state)
{
	(void)state;
	assert_int_equal(acq_nle_to_errno(0), 0);
	assert_int_equal(acq_nle_to_errno(-NLE_OBJ_NOTFOUND), ENOENT);
	assert_int_equal(acq_nle_to_errno(NLE_OBJ_NOTFOUND), ENOENT);
	assert_int_equal(acq_nle_to_errno(-NLE_PERM), EPERM);
	assert_int_equal(acq_nle_to_errno(-NLE_NOMEM), ENOMEM);
	assert_int_equal(acq_nle_to_errno(-NLE_BUSY), EBUSY);
	assert_int_equal(acq_nle_to_errno(-NLE_NODEV), ENODEV);
	assert_int_equal(acq_nle_to_errno(-NLE_MAX), ERANGE);
	/* Codes a newer libnl may add are I/O errors, not success. */
	assert_int_equal(acq_nle_to_errno(-(NLE_MAX + 1)), EIO);
	assert_int_equal(acq_nle_to_errno(-1000), EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ack),
		cmocka_unit_test(test_plain_error),
		cmocka_unit_test(test_message_after_echoed_request),
		cmocka_unit_test(test_message_capped),
		cmocka_unit_test(test_missing_attribute),
		cmocka_unit_test(test_blamed_attribute_named),
		cmocka_unit_test(test_missing_attribute_named),
		cmocka_unit_test(test_message_truncated_to_buffer),
		cmocka_unit_test(test_unterminated_message),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_dump_done),
		cmocka_unit_test(test_nle_to_errno),
	};

	return cmocka_run_group_tests_name("errors", tests, NULL, NULL);
}
