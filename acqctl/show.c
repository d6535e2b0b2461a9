// SPDX-License-Identifier: GPL-2.0
/*
 * How devices, channel settings, windows and events look; see show.h.
 * Text shows what a line is about, JSON all there is: a device's event
 * carries in JSON the whole device, with dev show's keys, a window's the
 * whole window with window show's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "names.h"
#include "print.h"
#include "show.h"

/* A value's word, or "unknown" for a value a newer kernel may send. */
static const char *word(const char *str)
{
	return str ?: "unknown";
}

/* Each helper below shows its fields in text only when @text. */
static void dev_print_origin(const struct acq_dev_info *d, bool text)
{
	print_string("backend", text ? " backend %s" : NULL, d->backend);
	print_string("parent", text ? " parent %s" : NULL, d->parent);
	print_uint("channels", text ? " channels %llu" : NULL, d->nr_channels);
}

/* @fmt gives the state in text, NULL leaves it to JSON. */
static void dev_print_state(const struct acq_dev_info *d, const char *fmt)
{
	print_string("state", fmt, word(acq_dev_state_str(d->state)));
	/* Text has a reason only when there is one. */
	print_string("stop_reason",
		     fmt && d->stop_reason != ACQ_STOP_REASON_NONE ?
		     " reason %s" : NULL,
		     word(acq_stop_reason_str(d->stop_reason)));
}

static void dev_print_ring(const struct acq_dev_info *d, bool text)
{
	print_bool("ring_attached", NULL, d->ring_attached);
	if (!d->ring_attached)
		return;
	print_uint("ring_desc_count", text ? " ring %llu" : NULL,
		   d->ring_desc_count);
	print_uint("ring_slot_size", text ? "x%llu" : NULL, d->ring_slot_size);
	if (d->owner_pid)
		print_uint("owner_pid", text ? " owner-pid %llu" : NULL,
			   d->owner_pid);
}

/* In text, a line of their own under the device's. */
static void dev_print_counters(const struct acq_dev_info *d, bool text)
{
	print_uint("produced", text ? "    produced %llu" : NULL, d->produced);
	print_uint("delivered", text ? " delivered %llu" : NULL, d->delivered);
	print_uint("dropped", text ? " dropped %llu" : NULL, d->dropped);
	print_uint("protocol_errors", text ? " protocol-errors %llu" : NULL,
		   d->protocol_errors);
}

void dev_print(const struct acq_dev_info *d)
{
	print_open_object(NULL);
	print_uint("id", "%llu: ", d->id);
	print_string("name", "%s", d->name);
	dev_print_origin(d, true);
	dev_print_state(d, " state %s");
	dev_print_ring(d, true);
	print_nl();
	dev_print_counters(d, true);
	print_close_object();
	print_nl();
}

void chan_print_settings(const struct acq_chan_info *c)
{
	print_bool("enabled", " enabled %s", c->enabled);
	print_uint("lines", " lines %llu", c->lines);
	print_uint("line_bytes", " line-bytes %llu", c->line_bytes);
	print_uint("lines_per_chunk", " lines-per-chunk %llu",
		   c->lines_per_chunk);
	print_uint("line_rate", " line-rate %llu", c->line_rate);
}

/* Window show prints the words that window set reads. */
int window_policy_parse(const char *s, __u32 *policy)
{
	const char *w;
	__u32 i;

	for (i = 0; (w = acq_window_policy_str(i)); i++) {
		if (!strcmp(s, w)) {
			*policy = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* What a window's events show in text too: its state and policy. */
static void window_print_state(const struct acq_window_info *w)
{
	print_string("state", " state %s",
		     word(acq_window_state_str(w->state)));
	print_string("policy", " policy %s",
		     word(acq_window_policy_str(w->policy)));
	print_uint("revokes", " revokes %llu", w->revokes);
}

void window_print(const struct acq_window_info *w)
{
	print_open_object(NULL);
	print_uint("dev", "acq%llu", w->dev_id);
	print_uint("window", " window %llu", w->id);
	print_uint("offset", " offset 0x%llx", w->offset);
	print_uint("size", " size %llu", w->size);
	print_flag("writable", " writable", " read-only", w->writable);
	window_print_state(w);
	print_close_object();
	print_nl();
}

void window_reg_print(const struct acq_window_info *w, __u64 off, __u32 v)
{
	print_open_object(NULL);
	print_uint("dev", "acq%llu", w->dev_id);
	print_uint("window", " window %llu", w->id);
	print_uint("offset", " 0x%llx:", off);
	print_uint("value", " 0x%08llx", v);
	print_close_object();
	print_nl();
}

/* dev-add tells where the device comes from, dev-state what it does. */
static void event_print_dev(__u32 type, const struct acq_dev_info *d)
{
	print_uint("id", NULL, d->id);
	print_string("name", " %s", d->name);
	dev_print_origin(d, type == ACQ_CMD_DEV_ADD_NTF);
	dev_print_state(d, type == ACQ_CMD_DEV_STATE_NTF ? " %s" : NULL);
	dev_print_ring(d, false);
	dev_print_counters(d, false);
}

static void event_print_chan(const struct acq_chan_info *c)
{
	print_uint("dev", " acq%llu", c->dev_id);
	print_uint("channel", " chan %llu", c->id);
	chan_print_settings(c);
	print_uint("frame_bytes", NULL, c->frame_bytes);
}

/* What was lost first, then the counters it is part of. */
static void event_print_overrun(const struct acq_chan_stats *st)
{
	print_uint("dev", " acq%llu", st->dev_id);
	print_uint("channel", " chan %llu", st->chan);
	print_uint("dropped", " dropped %llu", st->dropped);
	print_uint("produced", " produced %llu", st->produced);
	print_uint("delivered", " delivered %llu", st->delivered);
	print_uint("chunks", NULL, st->chunks);
	print_uint("errors", NULL, st->errors);
	print_uint("chunk_errors", NULL, st->chunk_errors);
	print_uint("protocol_errors", NULL, st->protocol_errors);
	if (st->last_error)
		print_string("last_error", NULL,
			     strerrorname_np(st->last_error) ?: "?");
}

/* Where the window is, in JSON only: the event is about its state. */
static void event_print_window(const struct acq_window_info *w)
{
	print_uint("dev", " acq%llu", w->dev_id);
	print_uint("window", " window %llu", w->id);
	print_uint("offset", NULL, w->offset);
	print_uint("size", NULL, w->size);
	print_bool("writable", NULL, w->writable);
	window_print_state(w);
}

int event_print(const struct acq_event *ev)
{
	print_open_object(NULL);
	print_string("event", "%s", word(acq_event_str(ev->type)));
	if (ev->dev)
		event_print_dev(ev->type, ev->dev);
	else if (ev->chan_info)
		event_print_chan(ev->chan_info);
	else if (ev->stats)
		event_print_overrun(ev->stats);
	else if (ev->window)
		event_print_window(ev->window);
	print_close_object();
	print_nl();
	return print_end();
}

int event_print_lost(void)
{
	print_open_object(NULL);
	print_string("event", "%s events: the monitor's socket overflowed",
		     "lost");
	print_close_object();
	print_nl();
	return print_end();
}
