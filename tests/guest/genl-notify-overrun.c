// SPDX-License-Identifier: GPL-2.0
/*
 * Drops are never lost from the overrun reports. With the core's test
 * hook (debugfs acq/fail_overrun_reports) every report of channel 0's
 * drops fails to be built, as a failed allocation would; nothing of
 * channel 0 is heard. Once the hook is off, the next report (here the
 * one that channel 1's drops bring) carries channel 0's drops too, all
 * of them: what its failed reports did not tell.
 */
#include "ring-util.h"

#define HOOK	"/sys/kernel/debug/acq/fail_overrun_reports"
#define MANY	1000000

/* The last overrun heard per channel of the device. */
static __u32 dev;
static int heard[2];
static __u64 dropped[2];

static int on_event(const struct acq_event *ev, void *arg)
{
	(void)arg;
	if (ev->type != ACQ_CMD_OVERRUN_NTF || ev->dev_id != dev ||
	    ev->chan >= 2)
		return 0;
	heard[ev->chan]++;
	dropped[ev->chan] = ev->stats->dropped;
	return 0;
}

static long hook_read(void)
{
	char buf[32] = "";
	int fd = open(HOOK, O_RDONLY | O_CLOEXEC);

	T_ASSERT(fd >= 0, "open %s: %m", HOOK);
	T_ASSERT(read(fd, buf, sizeof(buf) - 1) > 0, "read %s: %m", HOOK);
	close(fd);
	return atol(buf);
}

/* Events for @ms milliseconds. */
static void listen_for(struct acq_monitor *mon, int ms)
{
	for (int i = 0; i < ms / 100; i++)
		T_ASSERT(acq_monitor_wait(mon, 100) >= 0, "monitor wait");
}

static void chan_disable(struct acq_ctl *ctl, __u32 chan, int handle)
{
	ACQ_OPTS(acq_chan_config, cfg, .enabled = 0);

	T_ASSERT(acq_chan_set(ctl, dev, chan, handle, &cfg) == 0,
		 "disable %u: %s", chan, acq_ctl_errmsg(ctl));
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 2);
	struct acq_monitor *mon;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	__u64 d0;
	long left;
	int handle, i;
	char buf[16];

	ctl = t_acq_sim_open();
	mon = acq_monitor_open(on_event, NULL);
	T_ASSERT(mon, "monitor: %m");
	dev = t_sim_add(ctl, 0, 2);
	handle = t_dev_open(dev);
	snprintf(buf, sizeof(buf), "%d", MANY);
	t_sysfs_write(HOOK, buf);

	/* A thousand frames a second into a ring of 2 nobody reads. */
	t_chan_enable(ctl, dev, 0, handle, 16, 1024, 16000);
	T_ASSERT(acq_ring_attach(ctl, dev, handle, &opts, &ring) == 0,
		 "attach: %s", acq_ctl_errmsg(ctl));
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	for (i = 0; i < 100 && t_stats(ctl, dev, 0).dropped < 20; i++)
		listen_for(mon, 100);
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	/* Past the interval of the reports: the last one was tried too. */
	listen_for(mon, 500);
	left = hook_read();
	t_sysfs_write(HOOK, "0");
	d0 = t_stats(ctl, dev, 0).dropped;
	printf("channel 0: %llu dropped, %ld reports failed, %d heard\n",
	       (unsigned long long)d0, MANY - left, heard[0]);
	T_ASSERT(d0 > 0, "channel 0 dropped nothing");
	T_ASSERT(left < MANY, "no overrun report was tried");
	T_ASSERT(!heard[0], "a report failed by the hook was heard");

	/* Channel 1 alone now: the ring is still full, so it drops. */
	chan_disable(ctl, 0, handle);
	t_chan_enable(ctl, dev, 1, handle, 16, 1024, 16000);
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start 1: %s",
		 acq_ctl_errmsg(ctl));
	for (i = 0; i < 50 && !(heard[0] && heard[1]); i++)
		listen_for(mon, 100);
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop 1");
	printf("next report: channel 0 %llu dropped (%d heard), "
	       "channel 1 %llu (%d heard)\n", (unsigned long long)dropped[0],
	       heard[0], (unsigned long long)dropped[1], heard[1]);
	T_ASSERT(heard[1], "channel 1's drops were not reported");
	T_ASSERT(heard[0], "channel 0's drops, whose reports failed, were "
		 "never reported");
	T_ASSERT(dropped[0] == d0, "channel 0 reported %llu dropped, not %llu",
		 (unsigned long long)dropped[0], (unsigned long long)d0);

	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(handle);
	t_sim_del(0);
	acq_monitor_close(mon);
	t_acq_sim_close(ctl);
	return T_PASS;
}
