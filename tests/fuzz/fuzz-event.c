// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libacqctl's reading of the monitor group's events,
 * the messages of a kernel (or of anyone who can send to the socket)
 * that acq_monitor_dispatch() hands to acq_event_parse() one by one.
 *
 * An input is one datagram as recv() returns it, walked as the dispatch
 * walks it: each whole message, until one is cut short. Beyond not
 * crashing or reading past the datagram (ASan), an event that parses
 * says what it is: its type, its device and channel those of the object
 * it points to, strings terminated within their arrays.
 */
#include <stdint.h>
#include <string.h>
#include <linux/genetlink.h>

#include "internal.h"
#include "fuzz.h"

static void check_str(const char *s, size_t size)
{
	fuzz_assert(memchr(s, '\0', size));
}

static void check_event(const struct acq_event_msg *m)
{
	const struct acq_event *ev = &m->ev;
	int objects = !!ev->dev + !!ev->chan_info + !!ev->stats + !!ev->window;

	fuzz_assert(objects == 1);
	if (ev->dev) {
		fuzz_assert(ev->type == ACQ_CMD_DEV_ADD_NTF ||
			    ev->type == ACQ_CMD_DEV_DEL_NTF ||
			    ev->type == ACQ_CMD_DEV_STATE_NTF);
		fuzz_assert(ev->dev == &m->obj.dev && ev->dev_id == ev->dev->id);
		check_str(ev->dev->name, sizeof(ev->dev->name));
		check_str(ev->dev->backend, sizeof(ev->dev->backend));
		check_str(ev->dev->parent, sizeof(ev->dev->parent));
	} else if (ev->chan_info) {
		fuzz_assert(ev->type == ACQ_CMD_CHAN_CHANGE_NTF);
		fuzz_assert(ev->dev_id == ev->chan_info->dev_id &&
			    ev->chan == ev->chan_info->id);
	} else if (ev->stats) {
		fuzz_assert(ev->type == ACQ_CMD_OVERRUN_NTF);
		fuzz_assert(ev->dev_id == ev->stats->dev_id &&
			    ev->chan == ev->stats->chan);
	} else {
		fuzz_assert(ev->type == ACQ_CMD_WINDOW_REVOKED_NTF ||
			    ev->type == ACQ_CMD_WINDOW_RESTORED_NTF ||
			    ev->type == ACQ_CMD_WINDOW_CHANGE_NTF);
		fuzz_assert(ev->dev_id == ev->window->dev_id);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acq_event_msg m;
	struct nlmsghdr *nlh;
	size_t off = 0;
	unsigned char *buf;
	int err;

	/* A buffer of its own, aligned as the monitor's and no larger. */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	while (off < size) {
		nlh = (struct nlmsghdr *)(buf + off);
		if (!nlmsg_ok(nlh, size - off))
			break;
		off += NLMSG_ALIGN(nlh->nlmsg_len);
		err = acq_event_parse(nlh, FUZZ_FAMILY, &m);
		fuzz_assert(err <= 0);
		if (!err)
			check_event(&m);
	}
	free(buf);
	return 0;
}
