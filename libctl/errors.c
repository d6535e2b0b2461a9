// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Errors at the libnl boundary: libnl's own NLE_* codes become errno values,
 * and the kernel's answer to a refused request (its errno and the extended
 * ack TLVs behind it) is read straight from the NLMSG_ERROR message, because
 * libnl folds the kernel's errno into a coarser NLE_* code and drops the
 * extack message.
 */
#include <stdio.h>
#include <string.h>
#include <netlink/errno.h>

#include "internal.h"

int acq_nle_to_errno(int nle)
{
	static const int map[] = {
		[NLE_SUCCESS]		= 0,
		[NLE_FAILURE]		= EIO,
		[NLE_INTR]		= EINTR,
		[NLE_BAD_SOCK]		= EBADF,
		[NLE_AGAIN]		= EAGAIN,
		[NLE_NOMEM]		= ENOMEM,
		[NLE_EXIST]		= EEXIST,
		[NLE_INVAL]		= EINVAL,
		[NLE_RANGE]		= ERANGE,
		[NLE_MSGSIZE]		= EMSGSIZE,
		[NLE_OPNOTSUPP]		= EOPNOTSUPP,
		[NLE_AF_NOSUPPORT]	= EAFNOSUPPORT,
		[NLE_OBJ_NOTFOUND]	= ENOENT,
		[NLE_NOATTR]		= ENOENT,
		[NLE_MISSING_ATTR]	= EINVAL,
		[NLE_AF_MISMATCH]	= EAFNOSUPPORT,
		[NLE_SEQ_MISMATCH]	= EPROTO,
		[NLE_MSG_OVERFLOW]	= EOVERFLOW,
		[NLE_MSG_TRUNC]		= EMSGSIZE,
		[NLE_NOADDR]		= EADDRNOTAVAIL,
		[NLE_SRCRT_NOSUPPORT]	= EOPNOTSUPP,
		[NLE_MSG_TOOSHORT]	= EBADMSG,
		[NLE_MSGTYPE_NOSUPPORT]	= EOPNOTSUPP,
		[NLE_OBJ_MISMATCH]	= EINVAL,
		[NLE_NOCACHE]		= ENOENT,
		[NLE_BUSY]		= EBUSY,
		[NLE_PROTO_MISMATCH]	= EPROTONOSUPPORT,
		[NLE_NOACCESS]		= EACCES,
		[NLE_PERM]		= EPERM,
		[NLE_PKTLOC_FILE]	= ENOENT,
		[NLE_PARSE_ERR]		= EINVAL,
		[NLE_NODEV]		= ENODEV,
		[NLE_IMMUTABLE]		= EROFS,
		[NLE_DUMP_INTR]		= EINTR,
		[NLE_ATTRSIZE]		= ERANGE,
	};

	if (nle < 0)
		nle = -nle;
	if ((size_t)nle >= sizeof(map) / sizeof(map[0]))
		return EIO;
	return map[nle];
}

/* A character of an attribute's name in the spec: [a-z0-9-]. */
static int acq_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/*
 * The spec's name of the attribute at @off in request @req, as the
 * kernel points at a bad one; NULL if @off is not an attribute of it.
 * Attributes start NLA_ALIGNTO-aligned: an offset between them, which
 * only a malformed or forged answer carries, would read a misaligned
 * header from the middle of one.
 */
static const char *acq_req_attr_name(const struct nlmsghdr *req,
				     uint32_t off)
{
	const struct genlmsghdr *g = NLMSG_DATA(req);
	const struct nlattr *a;

	if (off < NLMSG_HDRLEN + GENL_HDRLEN || off % NLA_ALIGNTO ||
	    req->nlmsg_len < NLA_HDRLEN || off > req->nlmsg_len - NLA_HDRLEN)
		return NULL;
	a = (const void *)((const char *)req + off);
	return acq_attr_name(g->cmd, a->nla_type & NLA_TYPE_MASK);
}

/* Does @text name attribute @name, as a word ("id", not "invalid")? */
static int acq_names(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(text + i, name, n))
			continue;
		if ((!i || !acq_name_char(text[i - 1])) &&
		    (i + n == len || !acq_name_char(text[i + n])))
			return 1;
	}
	return 0;
}

/*
 * Walk the extended-ack TLVs from @off to the end of @nlh and leave the
 * kernel's reason in @msg, with the name of the attribute it blames,
 * looked up in @req (the request, or NULL) when the text lacks it.
 * Malformed TLVs cost only the text.
 */
static void acq_extack_parse(const struct nlmsghdr *nlh, size_t off,
			     const struct nlmsghdr *req, char *msg,
			     size_t msg_len)
{
	const char *text = NULL, *name = NULL;
	size_t text_len = 0;
	int miss_type = -1;
	uint32_t u;

	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		const struct nlattr *a = (const void *)((const char *)nlh + off);
		size_t alen = a->nla_len;

		if (alen < NLA_HDRLEN || off + alen > nlh->nlmsg_len)
			return;
		switch (a->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			text = (const char *)a + NLA_HDRLEN;
			text_len = strnlen(text, alen - NLA_HDRLEN);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (alen >= NLA_HDRLEN + sizeof(uint32_t))
				memcpy(&miss_type, (const char *)a + NLA_HDRLEN,
				       sizeof(uint32_t));
			break;
		case NLMSGERR_ATTR_OFFS:
			if (req && alen >= NLA_HDRLEN + sizeof(u)) {
				memcpy(&u, (const char *)a + NLA_HDRLEN, sizeof(u));
				name = acq_req_attr_name(req, u);
			}
			break;
		}
		off += NLA_ALIGN(alen);
	}

	if (miss_type >= 0 && req && req->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN)
		name = acq_attr_name(((const struct genlmsghdr *)
				      NLMSG_DATA(req))->cmd, miss_type);
	if (text && text_len && name && !acq_names(text, text_len, name))
		snprintf(msg, msg_len, "%.*s (%s)", (int)text_len, text, name);
	else if (text && text_len)
		snprintf(msg, msg_len, "%.*s", (int)text_len, text);
	else if (miss_type >= 0 && name)
		snprintf(msg, msg_len, "missing required attribute %s", name);
	else if (miss_type >= 0)
		snprintf(msg, msg_len, "missing required attribute %d", miss_type);
}

/*
 * Parse the status the kernel ends a request with, of @len bytes: an
 * NLMSG_ERROR message (the answer to a do, or an ACK), or the NLMSG_DONE
 * that ends a dump, which carries the dump's error and extack too.
 * Returns the kernel's error (0 for success, -errno otherwise) or -EBADMSG
 * if the message is malformed, and leaves a human-readable reason in @msg
 * ("" when the kernel gave none), naming the attribute it blames from the
 * request @req (may be NULL).
 */
int acq_nlerr_parse(const struct nlmsghdr *nlh, size_t len,
		    const struct nlmsghdr *req, char *msg, size_t msg_len)
{
	const struct nlmsgerr *e;
	size_t off;
	int error;

	if (msg_len)
		msg[0] = '\0';
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;

	switch (nlh->nlmsg_type) {
	case NLMSG_DONE:
		/* Old kernels end a dump with no status at all. */
		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
			return 0;
		memcpy(&error, NLMSG_DATA(nlh), sizeof(error));
		off = sizeof(int);
		break;
	case NLMSG_ERROR:
		if (nlh->nlmsg_len < NLMSG_SPACE(sizeof(*e)))
			return -EBADMSG;
		e = NLMSG_DATA(nlh);
		error = e->error;
		/* The TLVs follow the echoed request, unless it was capped. */
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN)
				return -EBADMSG;
			off += e->msg.nlmsg_len - NLMSG_HDRLEN;
		}
		break;
	default:
		return -EBADMSG;
	}
	if (error > 0 || error < -4095)
		return -EBADMSG;

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && msg_len)
		acq_extack_parse(nlh, NLMSG_HDRLEN + NLMSG_ALIGN(off), req, msg,
				 msg_len);
	return error;
}
