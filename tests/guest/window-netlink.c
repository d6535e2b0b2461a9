// SPDX-License-Identifier: GPL-2.0
/*
 * Register windows as netlink and the device see them. window-get lists
 * acq_sim's two windows (registers, writable; status, read-only);
 * window-revoke and window-restore, asked of the device by an
 * administrator, change their state before the reply comes, in
 * window-get, in the ring header and on the monitor group, in order.
 *
 * What reaches the device is proven by what it does: it puts the low
 * byte of its channel tag register into every line of the frames it
 * begins, and says which tag it read in its status window. A tag stored
 * while the window is lent shows in the frames; one stored while it is
 * revoked lands on the scratch page and never does, and after the
 * restore the mapping shows the device's registers again. The policy
 * (window-set, told as window-change) turns revoked accesses into
 * SIGBUS. Removal revokes both windows for good, said before the device
 * goes, for a window revoked already as for one still lent.
 */
#include <poll.h>
#include <sys/mman.h>
#include <linux/acq_sim.h>
#include <linux/acq_window.h>

#include "ring-util.h"

#define TAG_A	0x11
#define TAG_B	0x22
#define TAG_C	0x33

/* Window events heard, in order. */
#define MAX_EVENTS	16
static struct acq_window_info events[MAX_EVENTS];
static __u32 event_types[MAX_EVENTS];
static unsigned int nr_events;

static int on_event(const struct acq_event *ev, void *arg)
{
	(void)arg;
	if (!ev->window || nr_events == MAX_EVENTS)
		return 0;
	event_types[nr_events] = ev->type;
	events[nr_events++] = *ev->window;
	return 0;
}

/* The next window event, waited for up to 5 s. */
static const struct acq_window_info *next_event(struct acq_monitor *mon,
						unsigned int *seen,
						__u32 type)
{
	for (int i = 0; i < 50 && *seen == nr_events; i++)
		T_ASSERT(acq_monitor_wait(mon, 100) >= 0, "monitor wait");
	T_ASSERT(*seen < nr_events, "no window event within 5 s");
	T_ASSERT(event_types[*seen] == type, "event %u, want %u",
		 event_types[*seen], type);
	return &events[(*seen)++];
}

static struct acq_window_info window(struct acq_ctl *ctl, __u32 dev,
				     __u32 win)
{
	struct acq_window_info w;
	int err = acq_window_get(ctl, dev, win, &w, sizeof(w));

	T_ASSERT(err == 0, "window-get %u: %s (%s)", win, strerror(-err),
		 acq_ctl_errmsg(ctl));
	return w;
}

static int count_cb(const struct acq_window_info *w, void *arg)
{
	unsigned int *n = arg;

	T_ASSERT(w->id == *n, "window %u where %u was due", w->id, *n);
	(*n)++;
	return 0;
}

/* What window-get and its dump say of a device just added. */
static void listing(struct acq_ctl *ctl, __u32 dev)
{
	struct acq_window_info w0 = window(ctl, dev, 0);
	struct acq_window_info w1 = window(ctl, dev, 1);
	struct acq_window_info w;
	unsigned int n = 0;

	T_ASSERT(w0.dev_id == dev && w0.offset == ACQ_WINDOW_OFF(0) &&
		 w0.size == 4096 && w0.writable && w0.revokes == 0 &&
		 w0.state == ACQ_WINDOW_STATE_LENT &&
		 w0.policy == ACQ_WINDOW_POLICY_DISCARD,
		 "window 0: offset %#llx size %llu writable %u state %u",
		 (unsigned long long)w0.offset, (unsigned long long)w0.size,
		 w0.writable, w0.state);
	T_ASSERT(w1.offset == ACQ_WINDOW_OFF(1) && w1.size == 4096 &&
		 !w1.writable && w1.state == ACQ_WINDOW_STATE_LENT,
		 "window 1: offset %#llx writable %u",
		 (unsigned long long)w1.offset, w1.writable);
	T_ASSERT(acq_window_foreach(ctl, dev, count_cb, &n) >= 0 && n == 2,
		 "dump: %u windows", n);
	T_ASSERT(acq_window_get(ctl, dev, 2, &w, sizeof(w)) < 0 &&
		 strstr(acq_ctl_errmsg(ctl), "no such window"),
		 "window 2: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_window_get(ctl, dev, 16, &w, sizeof(w)) < 0 &&
		 strstr(acq_ctl_errmsg(ctl), "(id)"),
		 "window 16: %s", acq_ctl_errmsg(ctl));
	T_ASSERT_ERR(acq_window_set_policy(ctl, dev, 0, -1, 2), -EINVAL);
	printf("window-get: 2 windows, bad ids and policies refused\n");
}

/* Frames of channel 0 and the tag each carries, seen by a callback. */
struct tags {
	struct acq_verify v;
	__u32 last;
	__u64 frames;
};

static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	struct tags *t = arg;

	t_verify(&t->v, desc, frame);
	t->last = acq_sim_line_tag(((const __u32 *)frame)[2]);
	t->frames++;
	return 0;
}

/* Read frames until @n more came; each frame's tag must be @want. */
static void frames_tagged(struct acq_ring *ring, struct tags *t, int n,
			  __u32 want)
{
	struct acq_frame_handler h = { on_frame, t };
	__u64 end = t->frames + n;

	while (t->frames < end) {
		T_ASSERT(acq_ring_wait(ring, 2000) > 0, "no frame in 2 s");
		T_ASSERT(acq_ring_dispatch(ring, &h, 1, 1) >= 0, "dispatch");
		T_ASSERT(t->last == want, "frame %llu tagged %#x, want %#x",
			 (unsigned long long)t->frames, t->last, want);
	}
}

/* Read frames until one carries @want: frames begun before it are older. */
static void frames_until(struct acq_ring *ring, struct tags *t, __u32 want)
{
	struct acq_frame_handler h = { on_frame, t };

	for (int i = 0; i < 1000 && t->last != want; i++) {
		T_ASSERT(acq_ring_wait(ring, 2000) > 0, "no frame in 2 s");
		T_ASSERT(acq_ring_dispatch(ring, &h, 1, 1) >= 0, "dispatch");
	}
	T_ASSERT(t->last == want, "no frame tagged %#x", want);
}

static __u32 mask_of(const struct acq_ring *ring)
{
	__u32 revoked;

	T_ASSERT(acq_ring_windows_revoked(ring, &revoked, NULL) == 0,
		 "the header keeps no window state: flags %#x",
		 ring->hdr->flags);
	return revoked;
}

static __u32 seq_of(const struct acq_ring *ring)
{
	__u32 revoked, seq;

	T_ASSERT(acq_ring_windows_revoked(ring, &revoked, &seq) == 0,
		 "the header keeps no window state");
	return seq;
}

/* A read of a register that may raise SIGBUS; 1 if it did. */
static int read_faults(const void *regs, size_t off)
{
	int sig = T_FAULT_POINT();

	if (!sig)
		(void)acq_window_read32(regs, off);
	t_fault_unset();
	return sig == SIGBUS;
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8);
	const struct acq_window_info *e;
	struct acq_window_info w0, w1;
	struct acq_monitor *mon;
	struct acq_ring ring;
	unsigned int seen = 0;
	struct acq_ctl *ctl;
	void *regs, *status, *p;
	struct tags t = { .last = ~0U };
	int handle, ro, err;
	__u32 dev, frames, seq;

	ctl = t_acq_sim_open();
	mon = acq_monitor_open(on_event, NULL);
	T_ASSERT(mon, "monitor: %m");
	dev = t_sim_add(ctl, 0, 1);
	handle = t_dev_open(dev);
	listing(ctl, dev);
	w0 = window(ctl, dev, 0);
	w1 = window(ctl, dev, 1);

	/* The status window is read-only, even through a writable file. */
	T_ASSERT(!acq_window_map(handle, &w1, PROT_READ | PROT_WRITE) &&
		 errno == EACCES, "window 1 mapped writable: %m");
	ro = open("/dev/acq0", O_RDONLY | O_CLOEXEC);
	T_ASSERT(ro >= 0, "open read-only: %m");
	status = acq_window_map(ro, &w1, PROT_READ);
	T_ASSERT(status, "map window 1: %m");
	T_ASSERT(mprotect(status, 4096, PROT_READ | PROT_WRITE) &&
		 errno == EACCES, "window 1 made writable: %m");
	regs = acq_window_map(handle, &w0, PROT_READ | PROT_WRITE);
	T_ASSERT(regs, "map window 0: %m");

	t_chan_enable(ctl, dev, 0, handle, 16, 256, 16000);
	acq_verify_init(&t.v, 0, 16, 256);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s", strerror(-err));
	T_ASSERT(mask_of(&ring) == 0 && seq_of(&ring) == 0,
		 "header: windows %#x seq %u", mask_of(&ring),
		 seq_of(&ring));

	/* A lent window reaches the device: its frames carry the tag. */
	acq_window_write32(regs, ACQ_SIM_REG_TAG(0), TAG_A);
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start");
	frames_until(&ring, &t, TAG_A);
	frames_tagged(&ring, &t, 10, TAG_A);
	frames = acq_window_read32(status, ACQ_SIM_STATUS_FRAMES(0));
	T_ASSERT(frames >= 10 &&
		 acq_window_read32(status, ACQ_SIM_STATUS_TAG(0)) == TAG_A,
		 "status: %u frames, tag %#x", frames,
		 acq_window_read32(status, ACQ_SIM_STATUS_TAG(0)));

	/* Revoked: said everywhere by the time the reply came. */
	err = acq_window_revoke(ctl, dev, 0);
	T_ASSERT(err == 0, "revoke: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	w0 = window(ctl, dev, 0);
	T_ASSERT(w0.state == ACQ_WINDOW_STATE_REVOKED && w0.revokes == 1,
		 "after revoke: state %u revokes %llu", w0.state,
		 (unsigned long long)w0.revokes);
	T_ASSERT(seq_of(&ring) == 1 && mask_of(&ring) == 1,
		 "header: windows %#x seq %u", mask_of(&ring),
		 seq_of(&ring));
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	T_ASSERT(e->dev_id == dev && e->id == 0 &&
		 e->state == ACQ_WINDOW_STATE_REVOKED && e->revokes == 1 &&
		 e->offset == ACQ_WINDOW_OFF(0), "event: window %u state %u",
		 e->id, e->state);

	/* A tag stored now lands on the scratch page: the frames keep A. */
	acq_window_write32(regs, ACQ_SIM_REG_TAG(0), TAG_B);
	T_ASSERT(acq_window_read32(regs, ACQ_SIM_REG_TAG(0)) == TAG_B,
		 "the scratch page lost a store");
	frames_tagged(&ring, &t, 10, TAG_A);
	T_ASSERT(acq_window_read32(status, ACQ_SIM_STATUS_TAG(0)) == TAG_A,
		 "the device read tag %#x while revoked",
		 acq_window_read32(status, ACQ_SIM_STATUS_TAG(0)));

	/* Restored: the mapping shows the device's registers again. */
	T_ASSERT(acq_window_restore(ctl, dev, 0) == 0, "restore: %s",
		 acq_ctl_errmsg(ctl));
	T_ASSERT(seq_of(&ring) == 2 && mask_of(&ring) == 0,
		 "header after restore: windows %#x seq %u",
		 mask_of(&ring), seq_of(&ring));
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_RESTORED_NTF);
	T_ASSERT(e->id == 0 && e->state == ACQ_WINDOW_STATE_LENT,
		 "restored event: state %u", e->state);
	T_ASSERT(acq_window_read32(regs, ACQ_SIM_REG_TAG(0)) == TAG_A,
		 "after restore the register reads %#x",
		 acq_window_read32(regs, ACQ_SIM_REG_TAG(0)));
	acq_window_write32(regs, ACQ_SIM_REG_TAG(0), TAG_C);
	frames_until(&ring, &t, TAG_C);
	frames_tagged(&ring, &t, 5, TAG_C);
	printf("tags: lent reached the frames, revoked did not (%llu frames)\n",
	       (unsigned long long)t.frames);

	/* The read-only window is revoked alike: its scratch page reads 0. */
	T_ASSERT(acq_window_revoke(ctl, dev, 1) == 0, "revoke 1");
	T_ASSERT(acq_window_read32(status, ACQ_SIM_STATUS_FRAMES(0)) == 0,
		 "revoked status reads %u",
		 acq_window_read32(status, ACQ_SIM_STATUS_FRAMES(0)));
	T_ASSERT(mask_of(&ring) == 2, "header: %#x",
		 mask_of(&ring));
	T_ASSERT(acq_window_restore(ctl, dev, 1) == 0, "restore 1");
	T_ASSERT(acq_window_read32(status, ACQ_SIM_STATUS_FRAMES(0)) >= frames,
		 "restored status reads %u",
		 acq_window_read32(status, ACQ_SIM_STATUS_FRAMES(0)));
	next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	next_event(mon, &seen, ACQ_CMD_WINDOW_RESTORED_NTF);

	/* SIGBUS chosen by the ring's owner, through its handle. */
	t_catch_faults(SIGBUS);
	T_ASSERT(acq_window_set_policy(ctl, dev, 0, handle,
				       ACQ_WINDOW_POLICY_SIGBUS) == 0,
		 "policy sigbus: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(window(ctl, dev, 0).policy == ACQ_WINDOW_POLICY_SIGBUS,
		 "policy not sigbus");
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_CHANGE_NTF);
	T_ASSERT(e->id == 0 && e->policy == ACQ_WINDOW_POLICY_SIGBUS &&
		 e->state == ACQ_WINDOW_STATE_LENT, "change event: policy %u",
		 e->policy);
	/* The same policy again is no change, and says nothing. */
	T_ASSERT(acq_window_set_policy(ctl, dev, 0, handle,
				       ACQ_WINDOW_POLICY_SIGBUS) == 0,
		 "policy sigbus again: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(!read_faults(regs, 0), "SIGBUS while lent");
	T_ASSERT(acq_window_revoke(ctl, dev, 0) == 0, "revoke");
	T_ASSERT(read_faults(regs, 0), "no SIGBUS while revoked");
	T_ASSERT(acq_window_restore(ctl, dev, 0) == 0, "restore");
	T_ASSERT(!read_faults(regs, 0), "SIGBUS after the restore");
	T_ASSERT(acq_window_set_policy(ctl, dev, 0, -1,
				       ACQ_WINDOW_POLICY_DISCARD) == 0,
		 "policy discard by the administrator: %s",
		 acq_ctl_errmsg(ctl));
	next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	next_event(mon, &seen, ACQ_CMD_WINDOW_RESTORED_NTF);
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_CHANGE_NTF);
	T_ASSERT(e->policy == ACQ_WINDOW_POLICY_DISCARD,
		 "change event: policy %u", e->policy);
	printf("policy sigbus: SIGBUS only while revoked\n");

	/*
	 * Removal: both windows gone for good, said before dev-del, the
	 * one revoked already (window 1) as well as the one still lent:
	 * each is a change of state, on the monitor and in windows_seq.
	 */
	T_ASSERT(acq_window_revoke(ctl, dev, 1) == 0, "revoke 1");
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	T_ASSERT(e->id == 1 && e->state == ACQ_WINDOW_STATE_REVOKED,
		 "revoked event: window %u state %u", e->id, e->state);
	seq = seq_of(&ring);
	t_sim_del(0);
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	T_ASSERT(e->id == 0 && e->state == ACQ_WINDOW_STATE_GONE &&
		 e->revokes == 3, "gone event: window %u state %u revokes %llu",
		 e->id, e->state, (unsigned long long)e->revokes);
	e = next_event(mon, &seen, ACQ_CMD_WINDOW_REVOKED_NTF);
	T_ASSERT(e->id == 1 && e->state == ACQ_WINDOW_STATE_GONE &&
		 e->revokes == 2, "gone event: window %u state %u revokes %llu",
		 e->id, e->state, (unsigned long long)e->revokes);
	T_ASSERT(mask_of(&ring) == 3 &&
		 (ring.hdr->flags & ACQ_RING_F_DEV_GONE),
		 "header at removal: windows %#x flags %#x",
		 mask_of(&ring), ring.hdr->flags);
	T_ASSERT(seq_of(&ring) == seq + 2,
		 "windows_seq went from %u to %u at removal: two changes",
		 seq, seq_of(&ring));
	/* Whatever a process still maps is the scratch page's. */
	acq_window_write32(regs, 0, 1);
	T_ASSERT(acq_window_read32(regs, 0) == 1, "scratch after removal");
	p = regs;
	T_ASSERT(acq_window_unmap(p, &w0) == 0, "unmap 0");
	T_ASSERT(acq_window_unmap(status, &w1) == 0, "unmap 1");
	acq_ring_unmap(&ring);
	close(ro);
	close(handle);
	printf("removal: windows gone, revoked before dev-del\n");

	acq_monitor_close(mon);
	t_acq_sim_close(ctl);
	return T_PASS;
}
