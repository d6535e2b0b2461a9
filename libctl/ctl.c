// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The control handle: a generic netlink socket bound to the "acq" family,
 * and the one request/reply loop every operation goes through.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/attr.h>

#include "internal.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * A generic netlink socket with the "acq" family resolved into @family:
 * what a control handle and a monitor both start from. NULL with errno
 * set (ENOENT: acq is not loaded).
 */
struct nl_sock *acq_sock_open(int *family)
{
	struct nl_sock *sock;
	int err;

	sock = nl_socket_alloc();
	if (!sock) {
		errno = ENOMEM;
		return NULL;
	}
	err = genl_connect(sock);
	if (err)
		goto err_free_sock;
	*family = genl_ctrl_resolve(sock, ACQ_FAMILY_NAME);
	if (*family < 0) {
		err = *family;
		goto err_free_sock;
	}
	return sock;

err_free_sock:
	nl_socket_free(sock);
	errno = acq_nle_to_errno(err);
	return NULL;
}

/* Open the handle's socket and resolve the family; 0 or -errno. */
static int acq_ctl_connect(struct acq_ctl *ctl)
{
	int one = 1, err;

	ctl->sock = acq_sock_open(&ctl->family);
	if (!ctl->sock)
		return -errno;
	/* Ask for the kernel's reasons, and not for our own request back. */
	if (setsockopt(nl_socket_get_fd(ctl->sock), SOL_NETLINK, NETLINK_EXT_ACK,
		       &one, sizeof(one)) ||
	    setsockopt(nl_socket_get_fd(ctl->sock), SOL_NETLINK, NETLINK_CAP_ACK,
		       &one, sizeof(one))) {
		err = -errno;
		goto err_free_sock;
	}
	ctl->out_of_sync = 0;
	return 0;

err_free_sock:
	nl_socket_free(ctl->sock);
	ctl->sock = NULL;
	return err;
}

ACQCTL_API struct acq_ctl *acq_ctl_open(void)
{
	struct acq_ctl *ctl;
	int err;

	ctl = calloc(1, sizeof(*ctl));
	if (!ctl)
		return NULL;
	err = acq_ctl_connect(ctl);
	if (err) {
		free(ctl);
		errno = -err;
		return NULL;
	}
	return ctl;
}

ACQCTL_API void acq_ctl_close(struct acq_ctl *ctl)
{
	if (!ctl)
		return;
	nl_socket_free(ctl->sock);
	free(ctl);
}

ACQCTL_API int acq_ctl_family_id(const struct acq_ctl *ctl)
{
	return ctl->family;
}

ACQCTL_API const char *acq_ctl_errmsg(const struct acq_ctl *ctl)
{
	return ctl->errmsg;
}

struct nl_msg *acq_msg_new(const struct acq_ctl *ctl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ctl->family, 0,
			 flags, cmd, ACQ_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * A request of @cmd naming an object by one or two u32 attributes: @type1
 * = @v1 and, unless @type2 is 0, @type2 = @v2 (a device, or a device and
 * one of its channels). NULL with errno set on failure.
 */
struct nl_msg *acq_msg_ids(const struct acq_ctl *ctl, uint8_t cmd, int flags,
			   int type1, uint32_t v1, int type2, uint32_t v2)
{
	struct nl_msg *msg = acq_msg_new(ctl, cmd, flags);

	if (!msg) {
		errno = ENOMEM;
		return NULL;
	}
	if (nla_put_u32(msg, type1, v1) ||
	    (type2 && nla_put_u32(msg, type2, v2))) {
		nlmsg_free(msg);
		errno = EMSGSIZE;
		return NULL;
	}
	return msg;
}

struct acq_request {
	struct acq_ctl *ctl;
	const struct nlmsghdr *sent;	/* names the attribute blamed */
	int maxattr;
	const struct nla_policy *policy;
	acq_reply_fn fn;
	void *arg;
	int err;	/* first error: the kernel's, the parser's or fn's */
	int done;
};

static int acq_request_valid(struct nl_msg *msg, void *data)
{
	struct acq_request *req = data;
	struct nlattr *tb[req->maxattr + 1];
	int err;

	/* After a failure the rest of a dump is read and dropped, so that it
	 * cannot be taken for the reply to the handle's next request.
	 */
	if (req->err)
		return NL_SKIP;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, req->maxattr, req->policy);
	if (err)
		req->err = -acq_nle_to_errno(err);
	else if (req->fn)
		req->err = req->fn(tb, req->arg);
	return NL_OK;
}

/* The end of a request: NLMSG_ERROR (an error or an ACK) or NLMSG_DONE. */
static void acq_request_status(struct acq_request *req,
			       const struct nlmsghdr *nlh)
{
	int err;

	err = acq_nlerr_parse(nlh, nlh->nlmsg_len, req->sent, req->ctl->errmsg,
			      sizeof(req->ctl->errmsg));
	if (!req->err)
		req->err = err;
	req->done = 1;
}

static int acq_request_error(struct sockaddr_nl *nla, struct nlmsgerr *e,
			     void *data)
{
	(void)nla;
	acq_request_status(data, (const void *)((char *)e - NLMSG_HDRLEN));
	return NL_STOP;
}

static int acq_request_end(struct nl_msg *msg, void *data)
{
	acq_request_status(data, nlmsg_hdr(msg));
	return NL_STOP;
}

/*
 * Send @msg (consumed) and feed every reply, parsed with @policy, to @fn
 * until the kernel's ACK, error or NLMSG_DONE. Returns 0 or -errno; the
 * kernel's errno is kept as it was, its extack message lands in
 * ctl->errmsg.
 */
int acq_request(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		const struct nla_policy *policy, acq_reply_fn fn, void *arg)
{
	struct acq_request req = {
		.ctl = ctl, .sent = nlmsg_hdr(msg), .maxattr = maxattr,
		.policy = policy, .fn = fn, .arg = arg,
	};
	struct nl_cb *cb;
	int err;

	ctl->errmsg[0] = '\0';
	if (ctl->out_of_sync) {
		nl_socket_free(ctl->sock);
		err = acq_ctl_connect(ctl);
		if (err) {
			ctl->out_of_sync = 1;
			nlmsg_free(msg);
			return acq_err(err);
		}
		/* The family id is per request: a reloaded module has a new one. */
		nlmsg_hdr(msg)->nlmsg_type = ctl->family;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return acq_err(-ENOMEM);
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, acq_request_valid, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, acq_request_end, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, acq_request_end, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, acq_request_error, &req);

	/* Kept until the status: an error may point into it. */
	err = nl_send_auto(ctl->sock, msg);
	if (err < 0) {
		req.err = -acq_nle_to_errno(err);
		goto out;
	}
	while (!req.done) {
		err = nl_recvmsgs(ctl->sock, cb);
		if (err >= 0)
			continue;
		/*
		 * The kernel's verdict, read by acq_request_status(), beats
		 * libnl's coarser code for the same error. An error after
		 * the end is libnl's (an interrupted, inconsistent dump).
		 * One before it (an overrun, a truncated read) leaves the
		 * rest of the replies queued on the socket.
		 */
		if (!req.err)
			req.err = -acq_nle_to_errno(err);
		if (!req.done) {
			ctl->out_of_sync = 1;
			break;
		}
	}
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return acq_err(req.err);
}

struct acq_request_one {
	acq_reply_fn parse;
	void *out;
	int replies;
};

static int acq_request_one_reply(struct nlattr **tb, void *arg)
{
	struct acq_request_one *one = arg;

	if (one->replies++)
		return -EBADMSG;
	return one->parse(tb, one->out);
}

/*
 * A do request: send @msg (consumed) and parse its one reply with @parse
 * into @out. A do answered by no reply, or by several, is -EBADMSG.
 */
int acq_request_one(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		    const struct nla_policy *policy, acq_reply_fn parse,
		    void *out)
{
	struct acq_request_one one = { .parse = parse, .out = out };
	int err;

	err = acq_request(ctl, msg, maxattr, policy, acq_request_one_reply,
			  &one);
	if (err)
		return err;
	return one.replies == 1 ? 0 : acq_err(-EBADMSG);
}

/* Every struct a get or a dump fills, for their own copy. */
union acq_get_obj {
	struct acq_dev_info dev;
	struct acq_chan_info chan;
	struct acq_chan_stats stats;
	struct acq_window_info window;
};

/* What acq_dump_reply() reads first in each object of a dump. */
_Static_assert(offsetof(struct acq_chan_info, dev_id) == 0, "chan dev_id");
_Static_assert(offsetof(struct acq_chan_stats, dev_id) == 0, "stats dev_id");
_Static_assert(offsetof(struct acq_window_info, dev_id) == 0,
	       "window dev_id");

/*
 * A get: as acq_request_one(), then hand the @size bytes @parse filled to
 * the caller's @out of @out_sz bytes, which may be an older, shorter or a
 * newer, longer struct (acq_copy_out()).
 */
int acq_request_get(struct acq_ctl *ctl, struct nl_msg *msg, int maxattr,
		    const struct nla_policy *policy, acq_reply_fn parse,
		    void *out, size_t out_sz, size_t size)
{
	union acq_get_obj got;
	int err;

	if (size > sizeof(got)) {
		nlmsg_free(msg);
		return acq_err(-EINVAL);
	}
	err = acq_request_one(ctl, msg, maxattr, policy, parse, &got);
	if (err)
		return err;
	acq_copy_out(out, out_sz, &got, size);
	return 0;
}

static int acq_dump_reply(struct nlattr **tb, void *arg)
{
	const struct acq_dump *dump = arg;
	union acq_get_obj obj;
	uint32_t dev_id;
	int err;

	err = dump->parse(tb, &obj);
	if (err)
		return err;
	memcpy(&dev_id, &obj, sizeof(dev_id));
	/* A kernel that ignored the filter must not show us other devices. */
	if (dump->dev_id != ACQ_DEV_ALL && dev_id != dump->dev_id)
		return 0;
	return dump->call(dump, &obj);
}

/*
 * Dump @cmd's objects, with @dump->dev_id in @dev_attr as the kernel's
 * filter unless it is ACQ_DEV_ALL, through @dump (see internal.h).
 */
int acq_request_dump(struct acq_ctl *ctl, uint8_t cmd, int dev_attr,
		     int maxattr, const struct nla_policy *policy,
		     struct acq_dump *dump)
{
	struct nl_msg *msg;

	if (dump->dev_id == ACQ_DEV_ALL)
		msg = acq_msg_new(ctl, cmd, NLM_F_DUMP);
	else
		msg = acq_msg_ids(ctl, cmd, NLM_F_DUMP, dev_attr, dump->dev_id,
				  0, 0);
	if (!msg)
		return acq_err(-ENOMEM);
	return acq_request(ctl, msg, maxattr, policy, acq_dump_reply, dump);
}

/*
 * A request naming device @dev_id in @dev_attr and, when @handle is not
 * negative, a handle in @handle_attr; answered by an ACK only. Leaving the
 * handle out, rather than sending -1, lets the kernel tell "no handle"
 * (then CAP_NET_ADMIN decides) from a bad one.
 */
int acq_request_handle(struct acq_ctl *ctl, uint8_t cmd, int dev_attr,
		       uint32_t dev_id, int handle_attr, int handle)
{
	struct nl_msg *msg;

	msg = acq_msg_new(ctl, cmd, 0);
	if (!msg)
		return acq_err(-ENOMEM);
	if (nla_put_u32(msg, dev_attr, dev_id) ||
	    (handle >= 0 && nla_put_s32(msg, handle_attr, handle))) {
		nlmsg_free(msg);
		return acq_err(-EMSGSIZE);
	}
	return acq_request(ctl, msg, 0, NULL, NULL, NULL);
}
