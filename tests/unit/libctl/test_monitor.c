// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The monitor's reading of notifications without a kernel: each of the
 * seven, built here as the kernel sends them (a genetlink message of the
 * family's id), becomes a struct acq_event with the right object; other
 * families' messages and unknown types are skipped, malformed ones
 * refused; and, since the host has no acq, acq_monitor_open() says so.
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

/* Parse @msg as the monitor would, for family fake_ctl.family. */
static int ntf_parse(struct nl_msg *msg, struct acq_event_msg *m)
{
	return acq_event_parse(nlmsg_hdr(msg), fake_ctl.family, m);
}

/* A device's notification: the dev-get attributes, no owner pid. */
static struct nl_msg *dev_msg_new(uint8_t cmd, __u32 state, __u32 reason,
				  int ring)
{
	struct acq_dev_info d = {
		.id = 2, .name = "acq2", .backend = "acq_sim",
		.nr_channels = 4, .parent = "acq_sim0", .state = state,
		.stop_reason = reason, .ring_attached = ring,
		.ring_desc_count = ring ? 64 : 0,
		.ring_slot_size = ring ? 65536 : 0,
		.produced = 100, .delivered = 83, .dropped = 17,
		.protocol_errors = 1,
	};
	struct nl_msg *msg = msg_new(cmd);

	dev_msg_put(msg, &d);
	return msg;
}

/* What every device event has: the device, and nothing else. */
static void expect_dev_event(const struct acq_event_msg *m, __u32 type)
{
	const struct acq_event *ev = &m->ev;

	assert_int_equal(ev->type, type);
	assert_int_equal(ev->dev_id, 2);
	assert_int_equal(ev->chan, 0);
	assert_ptr_equal(ev->dev, &m->obj.dev);
	assert_null(ev->chan_info);
	assert_null(ev->stats);
	assert_null(ev->window);
	assert_int_equal(ev->dev->id, 2);
	assert_string_equal(ev->dev->name, "acq2");
	assert_string_equal(ev->dev->backend, "acq_sim");
	assert_string_equal(ev->dev->parent, "acq_sim0");
	assert_int_equal(ev->dev->nr_channels, 4);
	/* Notifications name no owner: they have no reader of their own. */
	assert_int_equal(ev->dev->owner_pid, 0);
	assert_true(ev->dev->produced == 100);
	assert_true(ev->dev->delivered == 83);
	assert_true(ev->dev->dropped == 17);
	assert_true(ev->dev->protocol_errors == 1);
}

static void test_dev_add(void **state)
{
	struct nl_msg *msg = dev_msg_new(ACQ_CMD_DEV_ADD_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_NONE, 0);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_ADD_NTF);
	assert_int_equal(m.ev.dev->state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(m.ev.dev->ring_attached, 0);
	assert_int_equal(m.ev.dev->ring_desc_count, 0);
	nlmsg_free(msg);
}

static void test_dev_del(void **state)
{
	struct nl_msg *msg = dev_msg_new(ACQ_CMD_DEV_DEL_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_REMOVED, 0);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_DEL_NTF);
	assert_int_equal(m.ev.dev->stop_reason, ACQ_STOP_REASON_REMOVED);
	nlmsg_free(msg);
}

static void test_dev_state(void **state)
{
	struct nl_msg *msg = dev_msg_new(ACQ_CMD_DEV_STATE_NTF,
					 ACQ_DEV_STATE_STOPPED,
					 ACQ_STOP_REASON_OWNER_GONE, 1);
	struct acq_event_msg m;

	(void)state;
	assert_int_equal(ntf_parse(msg, &m), 0);
	expect_dev_event(&m, ACQ_CMD_DEV_STATE_NTF);
	assert_int_equal(m.ev.dev->state, ACQ_DEV_STATE_STOPPED);
	assert_int_equal(m.ev.dev->stop_reason, ACQ_STOP_REASON_OWNER_GONE);
	assert_int_equal(m.ev.dev->ring_attached, 1);
	assert_int_equal(m.ev.dev->ring_desc_count, 64);
	assert_int_equal(m.ev.dev->ring_slot_size, 65536);
	nlmsg_free(msg);
}

/*
 * Parse @msg (freed) as the monitor would: an event of @type about
 * device 2 and channel @chan, with one object, in the event's own
 * storage, the same as the @size bytes of @sent; its other pointers NULL.
 */
static void expect_event(struct nl_msg *msg, __u32 type, __u32 chan,
			 const void *sent, size_t size)
{
	struct acq_event_msg m;
	const void *objs[4];
	unsigned int i, n = 0;

	assert_int_equal(ntf_parse(msg, &m), 0);
	assert_int_equal(m.ev.type, type);
	assert_int_equal(m.ev.dev_id, 2);
	assert_int_equal(m.ev.chan, chan);
	objs[0] = m.ev.dev;
	objs[1] = m.ev.chan_info;
	objs[2] = m.ev.stats;
	objs[3] = m.ev.window;
	for (i = 0; i < 4; i++) {
		if (!objs[i])
			continue;
		n++;
		assert_ptr_equal(objs[i], &m.obj);
		assert_memory_equal(objs[i], sent, size);
	}
	assert_int_equal(n, 1);
	nlmsg_free(msg);
}

static void test_chan_change(void **state)
{
	static const struct acq_chan_info sent = {
		.dev_id = 2, .id = 1, .enabled = 1, .lines = 64,
		.line_bytes = 1024, .lines_per_chunk = 16, .line_rate = 64000,
		.frame_bytes = 65536,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_CHAN_CHANGE_NTF);

	(void)state;
	chan_msg_put(msg, &sent);
	expect_event(msg, ACQ_CMD_CHAN_CHANGE_NTF, 1, &sent, sizeof(sent));
}

static void test_overrun(void **state)
{
	static const struct acq_chan_stats sent = {
		.dev_id = 2, .chan = 3, .produced = 100, .delivered = 83,
		.dropped = 17, .chunks = 1600,
	};
	struct nl_msg *msg = msg_new(ACQ_CMD_OVERRUN_NTF);

	(void)state;
	stats_msg_put(msg, &sent);
	expect_event(msg, ACQ_CMD_OVERRUN_NTF, 3, &sent, sizeof(sent));
}

/* A window's events carry window-get's reply, whole. */
static void test_window_events(void **state)
{
	static const uint8_t cmds[] = {
		ACQ_CMD_WINDOW_REVOKED_NTF, ACQ_CMD_WINDOW_RESTORED_NTF,
		ACQ_CMD_WINDOW_CHANGE_NTF,
	};
	static const struct acq_window_info sent = {
		.dev_id = 2, .id = 1, .offset = ACQ_WINDOW_OFF(1),
		.size = 4096, .writable = 1,
		.state = ACQ_WINDOW_STATE_REVOKED,
		.policy = ACQ_WINDOW_POLICY_SIGBUS, .revokes = 1ULL << 33,
	};
	struct nl_msg *msg;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(cmds); i++) {
		msg = msg_new(cmds[i]);
		window_msg_put(msg, &sent);
		/* A window's event names no channel. */
		expect_event(msg, cmds[i], 0, &sent, sizeof(sent));
	}
}

static void test_skipped(void **state)
{
	/* Kept for requests; a reply; past the end. */
	static const uint8_t cmds[] = {
		13, ACQ_CMD_DEV_GET, ACQ_CMD_MAX + 1, 255,
	};
	struct acq_event_msg m;
	struct nl_msg *msg;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(cmds); i++) {
		msg = msg_new(cmds[i]);
		assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, 2), 0);
		assert_int_equal(ntf_parse(msg, &m), -ENOMSG);
		nlmsg_free(msg);
	}
	/* An event of ours, from another family: not ours after all. */
	msg = dev_msg_new(ACQ_CMD_DEV_ADD_NTF, 0, 0, 0);
	assert_int_equal(acq_event_parse(nlmsg_hdr(msg), fake_ctl.family + 1,
					 &m), -ENOMSG);
	nlmsg_free(msg);
}

static void test_malformed(void **state)
{
	struct acq_event_msg m;
	struct nl_msg *msg;

	(void)state;
	/* No device id: no device. */
	msg = msg_new(ACQ_CMD_DEV_STATE_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_STATE, 1), 0);
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);

	/* No channel: no channel's event. */
	msg = msg_new(ACQ_CMD_CHAN_CHANGE_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_CHAN_DEV_ID, 2), 0);
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);

	/* A window's event that does not say where the window is. */
	msg = msg_new(ACQ_CMD_WINDOW_REVOKED_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_DEV_ID, 2), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_ID, 0), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_WINDOW_STATE, 1), 0);
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);

	/* A u64 counter sent as a u32: the stats policy stops it. */
	msg = msg_new(ACQ_CMD_OVERRUN_NTF);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DEV_ID, 2), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_CHAN_ID, 0), 0);
	assert_int_equal(nla_put_u32(msg, ACQ_A_STATS_DROPPED, 1), 0);
	assert_true(ntf_parse(msg, &m) < 0);
	assert_int_not_equal(ntf_parse(msg, &m), -ENOMSG);
	nlmsg_free(msg);

	/* Too short for a genetlink header. */
	msg = msg_new(ACQ_CMD_DEV_ADD_NTF);
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(ntf_parse(msg, &m), -EBADMSG);
	nlmsg_free(msg);
}

/*
 * The monitor's reading of its socket, with a NETLINK_USERSOCK pair in
 * place of the kernel: @tx sends what the kernel would, to @mon's socket
 * or to group 1, which it may join.
 */
struct sink {
	int n;
	__u32 types[8];
	__u32 ids[8];
	int stop_at;		/* the event to stop on with @stop_ret */
	int stop_ret;
};

struct link {
	struct nl_sock *tx;
	struct nl_sock *rx;	/* the monitor's */
	struct acq_monitor *mon;
	struct sink sink;
};

static int sink_cb(const struct acq_event *ev, void *arg)
{
	struct sink *s = arg;

	assert_true(s->n < 8);
	s->types[s->n] = ev->type;
	s->ids[s->n] = ev->dev_id;
	return s->n++ == s->stop_at ? s->stop_ret : 0;
}

/* Both sockets, or skip where this sandbox has no netlink. */
static void link_open(struct link *l)
{
	memset(l, 0, sizeof(*l));
	l->sink.stop_at = -1;
	l->tx = nl_socket_alloc();
	l->rx = nl_socket_alloc();
	assert_true(l->tx && l->rx);
	if (nl_connect(l->tx, NETLINK_USERSOCK) ||
	    nl_connect(l->rx, NETLINK_USERSOCK)) {
		nl_socket_free(l->tx);
		nl_socket_free(l->rx);
		skip();
	}
	/* A full receiver must fail the send, not block the test. */
	assert_int_equal(nl_socket_set_nonblocking(l->tx), 0);
	assert_int_equal(nl_socket_set_nonblocking(l->rx), 0);
	nl_socket_set_peer_port(l->tx, nl_socket_get_local_port(l->rx));
	l->mon = acq_monitor_new(l->rx, fake_ctl.family, sink_cb, &l->sink);
	assert_non_null(l->mon);
}

static void link_close(struct link *l)
{
	acq_monitor_close(l->mon);
	nl_socket_free(l->tx);
}

/* Send the messages @msgs (freed) in one datagram. */
static void link_send(struct link *l, struct nl_msg **msgs, int n)
{
	unsigned char buf[16384];
	size_t len = 0, sz;
	int i;

	for (i = 0; i < n; i++) {
		sz = NLMSG_ALIGN(nlmsg_hdr(msgs[i])->nlmsg_len);
		assert_true(len + sz <= sizeof(buf));
		memcpy(buf + len, nlmsg_hdr(msgs[i]), sz);
		len += sz;
		nlmsg_free(msgs[i]);
	}
	assert_int_equal(nl_sendto(l->tx, buf, len), (int)len);
}

static void link_send_one(struct link *l, struct nl_msg *msg)
{
	link_send(l, &msg, 1);
}

/* Send @msg (freed) to group 1; no one listens on port 0, so the send
 * itself fails, while the broadcast goes out.
 */
static void link_broadcast(struct link *l, struct nl_msg *msg)
{
	nl_send_auto(l->tx, msg);
	nlmsg_free(msg);
}

static struct nl_msg *dev_event(uint8_t cmd, __u32 id)
{
	struct nl_msg *msg = msg_new(cmd);

	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, id), 0);
	return msg;
}

/* An event larger than the page the monitor reads into at first. */
static struct nl_msg *big_dev_event(__u32 id)
{
	static char filler[3 * 4096];
	struct nl_msg *msg = nlmsg_alloc_size(sizeof(filler) + 1024);

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 0, 0, fake_ctl.family, 0, 0,
				    ACQ_CMD_DEV_STATE_NTF, 1));
	assert_int_equal(nla_put_u32(msg, ACQ_A_DEV_ID, id), 0);
	/* An attribute this library does not know: a newer kernel's. */
	assert_int_equal(nla_put(msg, ACQ_A_DEV_MAX + 3, sizeof(filler),
				 filler), 0);
	return msg;
}

static void test_dispatch(void **state)
{
	struct nl_msg *other;
	struct link l;

	(void)state;
	link_open(&l);
	assert_int_equal(acq_monitor_dispatch(l.mon), 0);
	assert_int_equal(acq_monitor_wait(l.mon, 0), 0);

	link_send_one(&l, dev_event(ACQ_CMD_DEV_ADD_NTF, 4));
	link_send_one(&l, dev_event(ACQ_CMD_MAX + 1, 4));	/* unknown: skipped */
	other = dev_event(ACQ_CMD_DEV_DEL_NTF, 4);
	nlmsg_hdr(other)->nlmsg_type = fake_ctl.family + 1;
	link_send_one(&l, other);			/* not ours */
	link_send_one(&l, big_dev_event(5));
	link_send_one(&l, dev_event(ACQ_CMD_DEV_DEL_NTF, 4));

	assert_int_equal(acq_monitor_wait(l.mon, 1000), 3);
	assert_int_equal(l.sink.n, 3);
	assert_int_equal(l.sink.types[0], ACQ_CMD_DEV_ADD_NTF);
	assert_int_equal(l.sink.types[1], ACQ_CMD_DEV_STATE_NTF);
	assert_int_equal(l.sink.ids[1], 5);
	assert_int_equal(l.sink.types[2], ACQ_CMD_DEV_DEL_NTF);
	assert_int_equal(acq_monitor_dispatch(l.mon), 0);
	link_close(&l);
}

static void test_dispatch_stop(void **state)
{
	struct nl_msg *msgs[3];
	struct link l;

	(void)state;
	link_open(&l);
	msgs[0] = dev_event(ACQ_CMD_DEV_ADD_NTF, 1);
	msgs[1] = dev_event(ACQ_CMD_DEV_ADD_NTF, 2);
	msgs[2] = dev_event(ACQ_CMD_DEV_ADD_NTF, 3);
	link_send(&l, msgs, 3);

	/* A callback's stop comes back at once... */
	l.sink.stop_at = 0;
	l.sink.stop_ret = 7;
	assert_int_equal(acq_monitor_dispatch(l.mon), 7);
	assert_int_equal(l.sink.n, 1);
	/* ...and what it left of the datagram is ready without a wait. */
	l.sink.stop_at = 1;
	l.sink.stop_ret = -EIO;
	errno = 0;
	assert_int_equal(acq_monitor_wait(l.mon, 0), -EIO);
	assert_int_equal(errno, EIO);
	assert_int_equal(acq_monitor_wait(l.mon, 0), 1);
	assert_int_equal(l.sink.n, 3);
	assert_int_equal(l.sink.ids[0], 1);
	assert_int_equal(l.sink.ids[1], 2);
	assert_int_equal(l.sink.ids[2], 3);
	link_close(&l);
}

static void test_dispatch_malformed(void **state)
{
	struct link l;

	(void)state;
	link_open(&l);
	link_send_one(&l, msg_new(ACQ_CMD_DEV_ADD_NTF));	/* no id */
	link_send_one(&l, dev_event(ACQ_CMD_DEV_ADD_NTF, 1));
	assert_int_equal(acq_monitor_dispatch(l.mon), -EBADMSG);
	assert_int_equal(errno, EBADMSG);
	/* Dropped; the next call goes on. */
	assert_int_equal(acq_monitor_dispatch(l.mon), 1);
	link_close(&l);
}

/* A group's messages that find the socket full are lost: ENOBUFS. */
static void test_dispatch_lost(void **state)
{
	struct link l;
	int i, n;

	(void)state;
	link_open(&l);
	/* Joining a group of NETLINK_USERSOCK takes CAP_NET_ADMIN. */
	if (nl_socket_add_membership(l.rx, 1)) {
		link_close(&l);
		skip();
	}
	assert_int_equal(nl_socket_set_buffer_size(l.rx, 1, 0), 0);
	nl_socket_set_peer_port(l.tx, 0);
	nl_socket_set_peer_groups(l.tx, 1);
	for (i = 0; i < 100; i++)
		link_broadcast(&l, dev_event(ACQ_CMD_DEV_ADD_NTF, i));

	/* poll() says POLLERR; the loss is told before what was queued. */
	errno = 0;
	assert_int_equal(acq_monitor_wait(l.mon, 1000), -ENOBUFS);
	assert_int_equal(errno, ENOBUFS);
	n = acq_monitor_dispatch(l.mon);
	assert_true(n > 0 && n < 100);
	assert_int_equal(l.sink.ids[0], 0);
	/* The subscription goes on. */
	l.sink.n = 0;
	link_broadcast(&l, dev_event(ACQ_CMD_DEV_DEL_NTF, 9));
	assert_int_equal(acq_monitor_wait(l.mon, 1000), 1);
	assert_int_equal(l.sink.ids[0], 9);
	link_close(&l);
}

static int no_cb(const struct acq_event *ev, void *arg)
{
	(void)ev;
	(void)arg;
	return 0;
}

/* The host has generic netlink but no acq: the one case it can show. */
static void test_open_without_acq(void **state)
{
	struct acq_monitor *mon;

	(void)state;
	errno = 0;
	assert_null(acq_monitor_open(NULL, NULL));
	assert_int_equal(errno, EINVAL);
	mon = acq_monitor_open(no_cb, NULL);
	if (mon) {
		acq_monitor_close(mon);
		skip();		/* acq is loaded here */
	}
	if (errno == EAFNOSUPPORT || errno == EPERM || errno == EACCES)
		skip();		/* no netlink socket in this sandbox */
	assert_int_equal(errno, ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_add),
		cmocka_unit_test(test_dev_del),
		cmocka_unit_test(test_dev_state),
		cmocka_unit_test(test_chan_change),
		cmocka_unit_test(test_overrun),
		cmocka_unit_test(test_window_events),
		cmocka_unit_test(test_skipped),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_dispatch_stop),
		cmocka_unit_test(test_dispatch_malformed),
		cmocka_unit_test(test_dispatch_lost),
		cmocka_unit_test(test_open_without_acq),
	};

	return cmocka_run_group_tests_name("monitor", tests, NULL, NULL);
}
