// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libacqctl's monitor as a whole, on a real socket: the
 * datagrams an input makes are sent to the monitor's socket (a
 * NETLINK_USERSOCK pair, as tests/unit/libctl/test_monitor.c does it),
 * and acq_monitor_dispatch() reads them as it reads the kernel's: peeked
 * for their length, its buffer grown to fit, walked message by message,
 * with a callback that may stop it midway.
 *
 * An input: the index of the event at which the callback stops the
 * dispatch (its first byte; 255: never), where the second datagram
 * starts (its second byte, in units of NLMSG_ALIGNTO, 4 bytes, where
 * messages may start; 0: one datagram), then
 * the bytes sent. Beyond not crashing or reading past a datagram (ASan),
 * the dispatch keeps its promises: each call handles at least one message
 * or says there are none, so repeated calls drain the socket; a stop
 * comes back as the callback's value; nothing is handled twice.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "internal.h"
#include "fuzz.h"

#define STOP_RET	(-EIO)
#define MAX_CALLS	4096

static struct nl_sock *tx;
static struct acq_monitor *mon;

static struct sink {
	int n;
	int stop_at;
} sink;

static int sink_cb(const struct acq_event *ev, void *arg)
{
	struct sink *s = arg;

	fuzz_assert(ev->dev || ev->chan_info || ev->stats || ev->window);
	return s->n++ == s->stop_at ? STOP_RET : 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct nl_sock *rx;

	(void)argc;
	(void)argv;
	tx = nl_socket_alloc();
	rx = nl_socket_alloc();
	fuzz_assert(tx && rx);
	if (nl_connect(tx, NETLINK_USERSOCK) ||
	    nl_connect(rx, NETLINK_USERSOCK) ||
	    nl_socket_set_nonblocking(tx) || nl_socket_set_nonblocking(rx)) {
		fprintf(stderr, "fuzz-monitor: no NETLINK_USERSOCK here: nothing fuzzed\n");
		nl_socket_free(tx);
		nl_socket_free(rx);
		tx = NULL;
		return 0;
	}
	nl_socket_set_peer_port(tx, nl_socket_get_local_port(rx));
	mon = acq_monitor_new(rx, FUZZ_FAMILY, sink_cb, &sink);
	fuzz_assert(mon);
	return 0;
}

static void send_dgram(const uint8_t *data, size_t size)
{
	if (size)
		fuzz_assert(nl_sendto(tx, (void *)data, size) == (int)size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split, msgs = 0, off;
	int calls, n, stops = 0;

	if (!tx || size < 2)
		return 0;
	sink.n = 0;
	sink.stop_at = data[0] == 255 ? -1 : data[0];
	split = (size_t)data[1] * NLMSG_ALIGNTO;
	data += 2;
	size -= 2;
	if (!split || split > size)
		split = size;
	send_dgram(data, split);
	send_dgram(data + split, size - split);
	/* At most one event a message header: what may be handled. */
	for (off = 0; off < size; off += NLMSG_HDRLEN)
		msgs++;

	for (calls = 0; calls < MAX_CALLS; calls++) {
		n = acq_monitor_dispatch(mon);
		if (!n)
			break;
		/* Else the count of events handled, or -errno. */
		if (n == STOP_RET)
			stops++;
		else
			fuzz_assert(n >= -4095);
	}
	/* Drained: every call made progress, none handled a message twice. */
	fuzz_assert(calls < MAX_CALLS);
	fuzz_assert((size_t)sink.n <= msgs);
	fuzz_assert(stops <= 1);
	return 0;
}
