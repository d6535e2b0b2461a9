// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Events: a socket of the monitor's own, subscribed to the family's
 * "monitor" group, read without blocking in the caller's thread; each
 * notification is parsed with the policy and parser of the reply it
 * mirrors (dev-get, chan-get, stats-get, window-get) and handed to the
 * callback.
 *
 * The socket is read here rather than by nl_recvmsgs(): libnl reports
 * the kernel's ENOBUFS (the socket overflowed, events were dropped) as
 * NLE_NOMEM, as it does its own allocation failures, and the caller must
 * be able to tell lost events from a lack of memory. Nothing is sent on
 * the socket once it is subscribed, so there are no replies to match
 * and no sequence numbers to check (notifications carry 0).
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "internal.h"

/*
 * Room for a burst: an overrun report is one message per channel that
 * dropped frames, up to 64 per device at once. The kernel caps the size
 * at net.core.rmem_max.
 */
#define ACQ_MONITOR_RCVBUF	(1 << 20)

struct acq_monitor {
	struct nl_sock *sock;
	int family;
	acq_event_cb cb;
	void *arg;
	/*
	 * The last datagram read. Its messages from @off to @len are yet to
	 * be handled: a callback that stops the dispatch leaves them for
	 * the next one.
	 */
	unsigned char *buf;
	size_t size;
	size_t off;
	size_t len;
};

/* Parse @nlh's attributes with @policy, then into @obj with @parse. */
static int acq_event_attrs(struct nlmsghdr *nlh, int maxattr,
			   const struct nla_policy *policy,
			   acq_reply_fn parse, void *obj)
{
	struct nlattr *tb[maxattr + 1];
	int err;

	err = genlmsg_parse(nlh, 0, tb, maxattr, policy);
	if (err)
		return -acq_nle_to_errno(err);
	return parse(tb, obj);
}

/*
 * Read one message of the monitor group into @m: 0 with m->ev ready,
 * -ENOMSG for a message that is no event of ours (another family's, or
 * of a type this library does not know), or the error of a malformed one.
 */
int acq_event_parse(struct nlmsghdr *nlh, int family, struct acq_event_msg *m)
{
	struct acq_event *ev = &m->ev;
	int err;

	if (nlh->nlmsg_type != family)
		return -ENOMSG;
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	memset(ev, 0, sizeof(*ev));
	ev->type = genlmsg_hdr(nlh)->cmd;
	switch (ev->type) {
	case ACQ_CMD_DEV_ADD_NTF:
	case ACQ_CMD_DEV_DEL_NTF:
	case ACQ_CMD_DEV_STATE_NTF:
		err = acq_event_attrs(nlh, ACQ_A_DEV_MAX, acq_dev_reply_policy,
				      acq_dev_info_parse, &m->obj.dev);
		if (err)
			return err;
		ev->dev_id = m->obj.dev.id;
		ev->dev = &m->obj.dev;
		return 0;
	case ACQ_CMD_CHAN_CHANGE_NTF:
		err = acq_event_attrs(nlh, ACQ_A_CHAN_MAX, acq_chan_reply_policy,
				      acq_chan_info_parse, &m->obj.chan);
		if (err)
			return err;
		ev->dev_id = m->obj.chan.dev_id;
		ev->chan = m->obj.chan.id;
		ev->chan_info = &m->obj.chan;
		return 0;
	case ACQ_CMD_OVERRUN_NTF:
		err = acq_event_attrs(nlh, ACQ_A_STATS_MAX, acq_stats_reply_policy,
				      acq_chan_stats_parse, &m->obj.stats);
		if (err)
			return err;
		ev->dev_id = m->obj.stats.dev_id;
		ev->chan = m->obj.stats.chan;
		ev->stats = &m->obj.stats;
		return 0;
	case ACQ_CMD_WINDOW_REVOKED_NTF:
	case ACQ_CMD_WINDOW_RESTORED_NTF:
	case ACQ_CMD_WINDOW_CHANGE_NTF:
		err = acq_event_attrs(nlh, ACQ_A_WINDOW_MAX,
				      acq_window_reply_policy,
				      acq_window_info_parse, &m->obj.window);
		if (err)
			return err;
		ev->dev_id = m->obj.window.dev_id;
		ev->window = &m->obj.window;
		return 0;
	default:
		return -ENOMSG;
	}
}

/*
 * A monitor of @family's events on @sock, non-blocking and subscribed
 * already, which it takes over: acq_monitor_close() frees it, as this
 * does on failure. NULL with errno set.
 */
struct acq_monitor *acq_monitor_new(struct nl_sock *sock, int family,
				    acq_event_cb cb, void *arg)
{
	long page = sysconf(_SC_PAGESIZE);
	struct acq_monitor *mon;

	mon = calloc(1, sizeof(*mon));
	if (!mon)
		goto err_free_sock;
	/* The kernel builds each event in at most a page: one read mostly. */
	mon->size = page > 0 ? page : 4096;
	mon->buf = malloc(mon->size);
	if (!mon->buf)
		goto err_free_mon;
	mon->sock = sock;
	mon->family = family;
	mon->cb = cb;
	mon->arg = arg;
	return mon;

err_free_mon:
	free(mon);
err_free_sock:
	nl_socket_free(sock);
	errno = ENOMEM;
	return NULL;
}

/* Join the monitor group on @sock, and make it ready to be read from. */
static int acq_monitor_subscribe(struct nl_sock *sock)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(sock, ACQ_FAMILY_NAME, ACQ_MCGRP_MONITOR);
	if (grp < 0)
		return -acq_nle_to_errno(grp);
	err = nl_socket_add_membership(sock, grp) ?:
	      nl_socket_set_buffer_size(sock, ACQ_MONITOR_RCVBUF, 0) ?:
	      nl_socket_set_nonblocking(sock);
	return err ? -acq_nle_to_errno(err) : 0;
}

ACQCTL_API struct acq_monitor *acq_monitor_open(acq_event_cb cb, void *arg)
{
	struct nl_sock *sock;
	int family, err;

	if (!cb) {
		errno = EINVAL;
		return NULL;
	}
	sock = acq_sock_open(&family);
	if (!sock)
		return NULL;
	err = acq_monitor_subscribe(sock);
	if (err) {
		nl_socket_free(sock);
		errno = -err;
		return NULL;
	}
	return acq_monitor_new(sock, family, cb, arg);
}

ACQCTL_API void acq_monitor_close(struct acq_monitor *mon)
{
	if (!mon)
		return;
	nl_socket_free(mon->sock);
	free(mon->buf);
	free(mon);
}

ACQCTL_API int acq_monitor_fd(const struct acq_monitor *mon)
{
	return nl_socket_get_fd(mon->sock);
}

/*
 * Read the next datagram whole into mon->buf, grown to fit: its length,
 * 0 when none is queued, or -errno (-ENOBUFS: the socket overflowed, and
 * the datagrams still queued come after the loss).
 */
static ssize_t acq_monitor_recv(struct acq_monitor *mon)
{
	int fd = nl_socket_get_fd(mon->sock);
	ssize_t n;
	void *buf;

	/* A peek tells the datagram's length, so none is cut short. */
	for (;;) {
		n = recv(fd, mon->buf, mon->size, MSG_PEEK | MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ?
			       0 : -errno;
		if ((size_t)n <= mon->size)
			break;
		buf = realloc(mon->buf, n);
		if (!buf)
			return -ENOMEM;
		mon->buf = buf;
		mon->size = n;
	}
	n = recv(fd, mon->buf, mon->size, 0);
	return n < 0 ? -errno : n;
}

ACQCTL_API int acq_monitor_dispatch(struct acq_monitor *mon)
{
	struct acq_event_msg m;
	struct nlmsghdr *nlh;
	int handled = 0, err;
	ssize_t n;

	for (;;) {
		if (mon->off >= mon->len) {
			n = acq_monitor_recv(mon);
			if (n <= 0)
				return n ? acq_err(n) : handled;
			mon->off = 0;
			mon->len = n;
		}
		nlh = (struct nlmsghdr *)(mon->buf + mon->off);
		if (!nlmsg_ok(nlh, mon->len - mon->off)) {
			/* No whole message is left in it: drop the rest. */
			mon->off = mon->len;
			continue;
		}
		mon->off += NLMSG_ALIGN(nlh->nlmsg_len);
		err = acq_event_parse(nlh, mon->family, &m);
		if (err == -ENOMSG)
			continue;
		if (err)
			return acq_err(err);
		err = mon->cb(&m.ev, mon->arg);
		if (err)
			return err < 0 ? acq_err(err) : err;
		handled++;
	}
}

ACQCTL_API int acq_monitor_wait(struct acq_monitor *mon, int timeout_ms)
{
	struct pollfd pfd = {
		.fd = nl_socket_get_fd(mon->sock), .events = POLLIN,
	};
	int n;

	/* Events a callback left in the last datagram wait for no one. */
	if (mon->off >= mon->len) {
		/* POLLERR, never asked for, says the socket overflowed. */
		n = poll(&pfd, 1, timeout_ms);
		if (n < 0)
			return acq_err(-errno);
		if (!n)
			return 0;
	}
	return acq_monitor_dispatch(mon);
}
