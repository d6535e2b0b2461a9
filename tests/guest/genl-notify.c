// SPDX-License-Identifier: GPL-2.0
/*
 * The monitor group's events, as a subscriber sees them through
 * libacqctl's acq_monitor:
 *  - dev-add when a device comes, with its name, backend and channels;
 *  - chan-change for each chan-set that took, with the new values, and
 *    none for one that was refused;
 *  - dev-state when the device starts, and when it stops with the reason:
 *    a dev-stop (request), a ring-detach (detach), the owner's death by
 *    SIGKILL (owner-gone), the device's removal (removed); dev-get then
 *    says the same, and names the owner while it lives (not once it
 *    exited and a child of it keeps the ring);
 *  - overrun when frames are dropped, rate-limited to one per device
 *    every 100 ms, each with consistent and growing counters, and none
 *    for a disabled channel but late ones of its earlier drops;
 *  - dev-del when the device goes;
 *  - and a subscriber in another network namespace that root made hears
 *    them too, while one in the namespace of a user namespace made by an
 *    unprivileged user (unshare -Urn as uid 65534) hears nothing, not a
 *    device's arrival, nor its owner's activity, nor its removal.
 */
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>

#include "names.h"
#include "ring-util.h"

#define MAX_EVENTS	1024
#define WAIT_MS		10000

struct t_event {
	__u32 type;
	__u32 dev_id;
	__u32 chan;
	struct acq_dev_info dev;
	struct acq_chan_info chan_info;
	struct acq_chan_stats stats;
	long long ms;		/* when it was read */
};

struct t_log {
	struct t_event ev[MAX_EVENTS];
	unsigned int n;		/* read */
	unsigned int next;	/* handed to the test */
};

static int log_event(const struct acq_event *ev, void *arg)
{
	struct t_log *log = arg;
	struct t_event *e;

	T_ASSERT(log->n < MAX_EVENTS, "more than %d events", MAX_EVENTS);
	e = &log->ev[log->n++];
	memset(e, 0, sizeof(*e));
	e->type = ev->type;
	e->dev_id = ev->dev_id;
	e->chan = ev->chan;
	e->ms = t_now_ms();
	if (ev->dev)
		e->dev = *ev->dev;
	if (ev->chan_info)
		e->chan_info = *ev->chan_info;
	if (ev->stats)
		e->stats = *ev->stats;
	return 0;
}

static const char *type_name(__u32 type)
{
	return acq_event_str(type) ?: "?";
}

/*
 * The next event of device @dev, overruns aside (they come when the work
 * runs); fails after WAIT_MS without one.
 */
static const struct t_event *next_event(struct acq_monitor *mon,
					struct t_log *log, __u32 dev)
{
	long long end = t_now_ms() + WAIT_MS;
	const struct t_event *e;
	int n;

	for (;;) {
		while (log->next < log->n) {
			e = &log->ev[log->next++];
			/* Overruns and windows have tests of their own. */
			if (e->dev_id == dev && e->type != ACQ_CMD_OVERRUN_NTF &&
			    e->type != ACQ_CMD_WINDOW_REVOKED_NTF &&
			    e->type != ACQ_CMD_WINDOW_RESTORED_NTF &&
			    e->type != ACQ_CMD_WINDOW_CHANGE_NTF)
				return e;
		}
		T_ASSERT(t_now_ms() < end, "no event of acq%u in %d ms", dev,
			 WAIT_MS);
		n = acq_monitor_wait(mon, 200);
		T_ASSERT(n >= 0, "monitor wait: %s", strerror(-n));
	}
}

static const struct t_event *expect(struct acq_monitor *mon,
				    struct t_log *log, __u32 dev, __u32 type)
{
	const struct t_event *e = next_event(mon, log, dev);

	T_ASSERT(e->type == type, "acq%u: got %s, want %s", dev,
		 type_name(e->type), type_name(type));
	return e;
}

static void expect_state(struct acq_monitor *mon, struct t_log *log,
			 struct acq_ctl *ctl, __u32 dev, __u32 state,
			 __u32 reason)
{
	const struct t_event *e = expect(mon, log, dev, ACQ_CMD_DEV_STATE_NTF);
	struct acq_dev_info info;

	T_ASSERT(e->dev.state == state && e->dev.stop_reason == reason,
		 "acq%u: dev-state %u reason %u, want %u reason %u", dev,
		 e->dev.state, e->dev.stop_reason, state, reason);
	/* A stop that takes the ring is told once it is gone. */
	T_ASSERT(e->dev.ring_attached ==
		 (reason == ACQ_STOP_REASON_NONE ||
		  reason == ACQ_STOP_REASON_REQUEST),
		 "dev-state: ring-attached %u with reason %u",
		 e->dev.ring_attached, reason);
	printf("dev-state %s%s%s\n", acq_dev_state_str(state),
	       reason ? " reason " : "",
	       reason ? acq_stop_reason_str(reason) : "");
	/* dev-get agrees, once the device is still there. */
	if (reason == ACQ_STOP_REASON_REMOVED)
		return;
	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0,
		 "dev get: %m");
	T_ASSERT(info.state == state && info.stop_reason == reason,
		 "dev-get: state %u reason %u, want %u reason %u",
		 info.state, info.stop_reason, state, reason);
}

static void attach(struct acq_ctl *ctl, __u32 dev, int handle,
		   struct acq_ring *ring, __u32 desc_count)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = desc_count);
	int err = acq_ring_attach(ctl, dev, handle, &opts, ring);

	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
}

static void start(struct acq_ctl *ctl, __u32 dev, int handle)
{
	int err = acq_dev_start(ctl, dev, handle);

	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
}

/* A ring attached to @dev and started; "started" heard. */
static void attach_start(struct acq_monitor *mon, struct t_log *log,
			 struct acq_ctl *ctl, __u32 dev, int handle,
			 struct acq_ring *ring)
{
	attach(ctl, dev, handle, ring, 16);
	start(ctl, dev, handle);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STARTED,
		     ACQ_STOP_REASON_NONE);
}

/* In a child: own @dev, with a ring of 8 descriptors, started. */
static void own(__u32 dev)
{
	struct acq_ctl *ctl = acq_ctl_open();
	struct acq_ring ring;
	int handle;

	T_ASSERT(ctl, "child: acq_ctl_open: %m");
	handle = t_dev_open(dev);
	attach(ctl, dev, handle, &ring, 8);
	start(ctl, dev, handle);
}

/* The child of the owner-gone case: own the device until killed. */
static void own_until_killed(__u32 dev, int ready)
{
	own(dev);
	T_ASSERT(write(ready, "x", 1) == 1, "child: ready: %m");
	for (;;)
		pause();
}

static void owner_killed(struct acq_monitor *mon, struct t_log *log,
			 struct acq_ctl *ctl, __u32 dev)
{
	struct acq_dev_info info;
	int ready, status;
	pid_t pid;
	char c;

	pid = t_fork_piped(own_until_killed, dev, &ready);
	T_ASSERT(read(ready, &c, 1) == 1, "the child did not start");
	close(ready);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STARTED,
		     ACQ_STOP_REASON_NONE);

	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	T_ASSERT(info.owner_pid == (__u32)pid && info.ring_attached &&
		 info.ring_desc_count == 8,
		 "dev-get: owner %u ring %u x %u, want %d, 8 descriptors",
		 info.owner_pid, info.ring_attached, info.ring_desc_count, pid);

	kill(pid, SIGKILL);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_OWNER_GONE);
	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	T_ASSERT(!info.ring_attached && !info.owner_pid,
		 "the dead owner's ring is still attached");
}

/* The owner of the owner-exited case: says its heir's pid, and exits. */
static void own_then_exit(__u32 dev, int ready)
{
	pid_t heir;

	own(dev);
	heir = fork();
	T_ASSERT(heir >= 0, "child: fork: %m");
	if (!heir) {
		heir = getpid();
		T_ASSERT(write(ready, &heir, sizeof(heir)) == sizeof(heir),
			 "heir: ready: %m");
		for (;;)
			pause();
	}
	_exit(T_PASS);
}

/*
 * The owner forks and exits; its child keeps the handle, and so the ring.
 * dev-get then names no owner (the number could be anyone's by now),
 * and the child's death is the owner's.
 */
static void owner_exited(struct acq_monitor *mon, struct t_log *log,
			 struct acq_ctl *ctl, __u32 dev)
{
	struct acq_dev_info info;
	int ready, status;
	pid_t pid, heir;

	pid = t_fork_piped(own_then_exit, dev, &ready);
	T_ASSERT(read(ready, &heir, sizeof(heir)) == sizeof(heir),
		 "no heir");
	close(ready);
	T_ASSERT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		 WEXITSTATUS(status) == T_PASS, "the owner failed");
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STARTED,
		     ACQ_STOP_REASON_NONE);
	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	T_ASSERT(info.ring_attached && info.state == ACQ_DEV_STATE_STARTED &&
		 !info.owner_pid, "owner %d exited, heir %d: ring %u, owner-pid %u",
		 pid, heir, info.ring_attached, info.owner_pid);
	printf("owner exited, its heir keeps the ring: no owner-pid\n");
	kill(heir, SIGKILL);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_OWNER_GONE);
}

/*
 * A ring of two slots never read, and channel 0 making 2000 frames a
 * second for a second: almost all are dropped.
 */
static void overruns(struct acq_monitor *mon, struct t_log *log,
		     struct acq_ctl *ctl, __u32 dev, int handle)
{
	/* Channel 1 dropped frames before: late reports of those may come. */
	__u64 dropped1 = t_stats(ctl, dev, 1).dropped;
	struct acq_chan_stats st;
	struct acq_ring ring;
	unsigned int first = log->n, n = 0, i;
	long long t0, t1;
	__u64 prev = 0;

	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 32000);
	expect(mon, log, dev, ACQ_CMD_CHAN_CHANGE_NTF);
	attach(ctl, dev, handle, &ring, 2);
	t0 = t_now_ms();
	start(ctl, dev, handle);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STARTED,
		     ACQ_STOP_REASON_NONE);
	while (t_now_ms() < t0 + 1000)
		T_ASSERT(acq_monitor_wait(mon, 100) >= 0, "monitor wait");
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	t1 = t_now_ms();
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_REQUEST);
	/* The last report comes up to an interval after the last drop. */
	while (t_now_ms() < t1 + 500)
		T_ASSERT(acq_monitor_wait(mon, 100) >= 0, "monitor wait");

	st = t_stats(ctl, dev, 0);
	for (i = first; i < log->n; i++) {
		const struct t_event *e = &log->ev[i];

		if (e->type != ACQ_CMD_OVERRUN_NTF || e->dev_id != dev)
			continue;
		if (e->chan == 1) {
			T_ASSERT(e->stats.dropped == dropped1,
				 "overrun of chan 1, disabled: %llu dropped, %llu before",
				 (unsigned long long)e->stats.dropped,
				 (unsigned long long)dropped1);
			continue;
		}
		T_ASSERT(e->chan == 0 && e->stats.chan == 0,
			 "overrun of chan %u", e->chan);
		T_ASSERT(e->stats.produced ==
			 e->stats.delivered + e->stats.dropped,
			 "overrun: produced %llu != %llu + %llu",
			 (unsigned long long)e->stats.produced,
			 (unsigned long long)e->stats.delivered,
			 (unsigned long long)e->stats.dropped);
		T_ASSERT(e->stats.dropped > prev, "overrun: dropped %llu after %llu",
			 (unsigned long long)e->stats.dropped,
			 (unsigned long long)prev);
		prev = e->stats.dropped;
		n++;
	}
	printf("%u overrun events in %lld ms; dropped %llu, last reported %llu\n",
	       n, t1 - t0, (unsigned long long)st.dropped,
	       (unsigned long long)prev);
	T_ASSERT(st.dropped > 0, "no frame dropped");
	T_ASSERT(n >= 1, "no overrun event");
	/* One per 100 ms, and one more at each end. */
	T_ASSERT(n <= (t1 - t0) / 100 + 2, "%u overrun events in %lld ms: "
		 "not rate-limited", n, t1 - t0);
	T_ASSERT(prev == st.dropped, "last overrun says %llu dropped, stats %llu",
		 (unsigned long long)prev, (unsigned long long)st.dropped);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
}

/* A subscriber in a network namespace of its own hears dev-add. */
static pid_t other_netns_listener(int ready)
{
	struct t_log *log;
	struct acq_monitor *mon;
	long long end;
	pid_t pid;

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (pid)
		return pid;
	T_ASSERT(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	log = calloc(1, sizeof(*log));
	mon = acq_monitor_open(log_event, log);
	T_ASSERT(log && mon, "monitor in a new netns: %m");
	T_ASSERT(write(ready, "x", 1) == 1, "ready: %m");
	end = t_now_ms() + WAIT_MS;
	while (t_now_ms() < end) {
		T_ASSERT(acq_monitor_wait(mon, 200) >= 0, "wait");
		for (unsigned int i = 0; i < log->n; i++)
			if (log->ev[i].type == ACQ_CMD_DEV_ADD_NTF)
				exit(T_PASS);
	}
	fprintf(stderr, "no dev-add in the other network namespace\n");
	exit(T_FAIL);
}

/*
 * As unshare -Urn run by uid 65534: a user namespace of its own, whose
 * root it is, with CAP_NET_ADMIN over a network namespace of its own.
 * It listens until @done's writer closes it, a little longer, and says
 * whether it heard anything at all.
 */
static pid_t unprivileged_listener(int ready, const int done[2])
{
	struct pollfd pfd = { .fd = done[0], .events = POLLIN };
	struct t_log *log;
	struct acq_monitor *mon;
	int last = 0;
	pid_t pid;

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (pid)
		return pid;
	close(done[1]);
	T_ASSERT(setgroups(0, NULL) == 0 && setgid(65534) == 0 &&
		 setuid(65534) == 0, "become uid 65534: %m");
	/* As after an exec: its /proc files are its own again. */
	T_ASSERT(prctl(PR_SET_DUMPABLE, 1) == 0, "dumpable: %m");
	T_ASSERT(unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0, "unshare: %m");
	t_sysfs_write("/proc/self/setgroups", "deny");
	t_sysfs_write("/proc/self/uid_map", "0 65534 1");
	t_sysfs_write("/proc/self/gid_map", "0 65534 1");
	log = calloc(1, sizeof(*log));
	mon = acq_monitor_open(log_event, log);
	T_ASSERT(log && mon, "monitor in a user's netns: %m");
	T_ASSERT(write(ready, "x", 1) == 1, "ready: %m");
	while (last < 3) {
		T_ASSERT(acq_monitor_wait(mon, 100) >= 0, "wait");
		if (log->n) {
			fprintf(stderr, "a user's own netns heard %s of acq%u\n",
				type_name(log->ev[0].type), log->ev[0].dev_id);
			exit(T_FAIL);
		}
		/* After @done, three more rounds: late events too. */
		if (last || poll(&pfd, 1, 0) == 1)
			last++;
	}
	exit(T_PASS);
}

int main(void)
{
	ACQ_OPTS(acq_chan_config, bad, .line_bytes = 20);
	ACQ_OPTS(acq_chan_config, off, .enabled = 0);
	struct t_log *log = calloc(1, sizeof(*log));
	const struct t_event *e;
	struct acq_monitor *mon;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	int handle, ready[2], done[2], status;
	char name[ACQ_DEV_NAME_LEN];
	pid_t pid, upid;
	__u32 dev;

	T_ASSERT(log, "calloc");
	/* Line by line: forked children must not print it again. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	ctl = t_acq_sim_open();
	mon = acq_monitor_open(log_event, log);
	T_ASSERT(mon, "acq_monitor_open: %m");

	dev = t_sim_add(ctl, 0, 2);
	e = expect(mon, log, dev, ACQ_CMD_DEV_ADD_NTF);
	snprintf(name, sizeof(name), "acq%u", dev);
	T_ASSERT(!strcmp(e->dev.name, name) && !strcmp(e->dev.backend, "acq_sim") &&
		 e->dev.nr_channels == 2 && e->dev.state == ACQ_DEV_STATE_STOPPED,
		 "dev-add: %s %s %u channels", e->dev.name, e->dev.backend,
		 e->dev.nr_channels);
	printf("dev-add %s\n", e->dev.name);

	/* A refused change says nothing; the next one that takes does. */
	handle = t_dev_open(dev);
	T_ASSERT(acq_chan_set(ctl, dev, 1, handle, &bad) == -EINVAL,
		 "line-bytes 20 accepted");
	t_chan_enable(ctl, dev, 1, handle, 8, 512, 8000);
	e = expect(mon, log, dev, ACQ_CMD_CHAN_CHANGE_NTF);
	T_ASSERT(e->chan == 1 && e->chan_info.enabled && e->chan_info.lines == 8 &&
		 e->chan_info.line_bytes == 512 &&
		 e->chan_info.frame_bytes == 8 * 512,
		 "chan-change: chan %u enabled %u %u x %u", e->chan,
		 e->chan_info.enabled, e->chan_info.lines,
		 e->chan_info.line_bytes);
	printf("chan-change chan %u\n", e->chan);

	attach_start(mon, log, ctl, dev, handle, &ring);
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_REQUEST);
	/* Stopping a stopped device changes no state: no event. */
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop again");
	start(ctl, dev, handle);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STARTED,
		     ACQ_STOP_REASON_NONE);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_DETACH);
	close(handle);

	owner_killed(mon, log, ctl, dev);
	owner_exited(mon, log, ctl, dev);

	/* Only channel 0 is to drop frames. */
	handle = t_dev_open(dev);
	T_ASSERT(acq_chan_set(ctl, dev, 1, handle, &off) == 0, "disable");
	expect(mon, log, dev, ACQ_CMD_CHAN_CHANGE_NTF);
	overruns(mon, log, ctl, dev, handle);

	/* Removed while started: stopped (removed), then gone. */
	attach_start(mon, log, ctl, dev, handle, &ring);
	t_sim_del(0);
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_REMOVED);
	e = expect(mon, log, dev, ACQ_CMD_DEV_DEL_NTF);
	T_ASSERT(!strcmp(e->dev.name, name), "dev-del of %s", e->dev.name);
	printf("dev-del %s\n", e->dev.name);
	acq_ring_unmap(&ring);
	close(handle);

	T_ASSERT(pipe(ready) == 0, "pipe: %m");
	pid = other_netns_listener(ready[1]);
	T_ASSERT(pipe(done) == 0, "pipe: %m");
	upid = unprivileged_listener(ready[1], done);
	close(ready[1]);
	close(done[0]);
	T_ASSERT(read(ready[0], name, 1) == 1, "the other netns' listener died");
	T_ASSERT(read(ready[0], name, 1) == 1, "the user's listener died");
	close(ready[0]);
	dev = t_sim_add(ctl, 1, 1);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
		 "the other network namespace heard no dev-add");
	printf("dev-add heard in another network namespace\n");
	expect(mon, log, dev, ACQ_CMD_DEV_ADD_NTF);
	/* An owner's activity, all heard here. */
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 8, 512, 8000);
	expect(mon, log, dev, ACQ_CMD_CHAN_CHANGE_NTF);
	attach_start(mon, log, ctl, dev, handle, &ring);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	expect_state(mon, log, ctl, dev, ACQ_DEV_STATE_STOPPED,
		     ACQ_STOP_REASON_DETACH);
	close(handle);
	t_sim_del(1);
	expect(mon, log, dev, ACQ_CMD_DEV_DEL_NTF);
	close(done[1]);
	T_ASSERT(waitpid(upid, &status, 0) == upid, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == T_PASS,
		 "a user's own network namespace heard events");
	printf("nothing heard in a user's own network namespace\n");

	acq_monitor_close(mon);
	t_acq_sim_close(ctl);
	free(log);
	return T_PASS;
}
