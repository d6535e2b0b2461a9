// SPDX-License-Identifier: GPL-2.0
/*
 * Events on the family's "monitor" multicast group: devices added and
 * removed, started and stopped, channels changed, frames dropped, register
 * windows revoked and restored.
 *
 * Devices are not confined to a network namespace (every namespace's
 * dev-get lists them all); their events go to the listeners of every
 * namespace of the initial user namespace (acq_notify_heard_in()). A
 * message is built only when there is one.
 *
 * Overruns happen in the interrupt handler, at up to the frame rate; they
 * are reported from process context, at most once per device every
 * ACQ_OVERRUN_INTERVAL, with the counters of each channel that dropped
 * frames since the last report.
 */
#include <linux/jiffies.h>
#include <linux/user_namespace.h>
#include <net/net_namespace.h>

#include "compat.h"
#include "core.h"
#include "netlink.h"

#define ACQ_OVERRUN_INTERVAL	msecs_to_jiffies(100)

/* overrun_flags: the irq_work is queued or the work is yet to read. */
#define ACQ_OVERRUN_PENDING	0

/*
 * Events are heard in the network namespaces of the initial user
 * namespace only: the host's, and those its root made (ip netns add,
 * unshare -n). One made in a user namespace (a container, unshare -Urn)
 * hears none, not even of devices whose /dev node it was given: in it
 * its user holds CAP_NET_ADMIN, so a capability needed to join the group
 * (GENL_MCAST_CAP_NET_ADMIN, checked against the namespace's owner)
 * would not keep it out. README.md's threat model says why.
 */
static bool acq_notify_heard_in(struct net *net)
{
	return net->user_ns == &init_user_ns &&
	       genl_has_listeners(&acq_nl_family, net, ACQ_NLGRP_MONITOR);
}

static bool acq_notify_listened(void)
{
	struct net *net;
	bool ret = false;

	rcu_read_lock();
	for_each_net_rcu(net) {
		if (acq_notify_heard_in(net)) {
			ret = true;
			break;
		}
	}
	rcu_read_unlock();
	return ret;
}

/* A message for the monitor group, or NULL when nobody listens. */
static struct sk_buff *acq_notify_new(void)
{
	if (!acq_notify_listened())
		return NULL;
	return genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
}

/*
 * What a multicast's result says of the message. -ESRCH: nobody heard it
 * there. -ENOBUFS: some listener's queue was full; that listener learns
 * it lost messages from its own socket (ENOBUFS), and the others got it.
 * Neither is a message to send again: a listener that never reads must
 * not make every report be sent anew.
 */
static bool acq_notify_sent(int ret)
{
	return !ret || ret == -ESRCH || ret == -ENOBUFS;
}

/*
 * Takes @msg: it is sent, or freed when it could not be built (@err).
 * 0 once it is sent, or when nobody listened; else why it may not have
 * reached every listener.
 */
static int acq_notify_send(struct sk_buff *msg, int err)
{
	struct net *net, *prev = NULL;
	struct sk_buff *copy;
	int ret;

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	/*
	 * As genlmsg_multicast_allns(), to the namespaces that hear events
	 * only; one that fails does not keep the message from the others.
	 */
	rcu_read_lock();
	for_each_net_rcu(net) {
		if (!acq_notify_heard_in(net))
			continue;
		if (prev) {
			copy = skb_clone(msg, GFP_ATOMIC);
			ret = copy ? genlmsg_multicast_netns(&acq_nl_family,
							     prev, copy, 0,
							     ACQ_NLGRP_MONITOR,
							     GFP_ATOMIC) :
				     -ENOMEM;
			if (!acq_notify_sent(ret))
				err = ret;
		}
		prev = net;
	}
	if (prev) {
		ret = genlmsg_multicast_netns(&acq_nl_family, prev, msg, 0,
					      ACQ_NLGRP_MONITOR, GFP_ATOMIC);
		if (!acq_notify_sent(ret))
			err = ret;
	} else {
		nlmsg_free(msg);
	}
	rcu_read_unlock();
	return err;
}

/*
 * dev-add-ntf, dev-del-ntf, dev-state-ntf; under the device's lock, which
 * keeps the events of one device in order.
 */
void acq_notify_dev(struct acq_dev *adev, u8 cmd)
{
	struct sk_buff *msg;

	lockdep_assert_held(&adev->lock);
	msg = acq_notify_new();
	if (msg)
		acq_notify_send(msg, acq_nl_dev_fill(msg, adev, cmd, 0, 0, 0));
}

/* chan-change-ntf; under the device's lock. */
void acq_notify_chan(struct acq_dev *adev, unsigned int chan)
{
	struct sk_buff *msg;

	lockdep_assert_held(&adev->lock);
	msg = acq_notify_new();
	if (msg)
		acq_notify_send(msg, acq_nl_chan_fill(msg, adev, chan,
						      ACQ_CMD_CHAN_CHANGE_NTF,
						      0, 0, 0));
}

/*
 * window-revoked-ntf, -restored-ntf and -change-ntf; under the window's
 * rwsem, with or without the device's lock: a backend also revokes in
 * its own context.
 */
void acq_notify_window(struct acq_dev *adev, unsigned int n,
		       const struct acq_window_status *st, u8 cmd)
{
	struct sk_buff *msg;

	msg = acq_notify_new();
	if (msg)
		acq_notify_send(msg, acq_nl_window_fill(msg, adev, n, st, cmd,
							0, 0, 0));
}

/*
 * The report of overruns: for each channel that dropped frames since the
 * last one, its counters. Needs no device lock: the device lives until
 * acq_notify_exit() has flushed this work, and the counters are read
 * under irq_lock.
 */
static void acq_notify_overrun_work(struct work_struct *work)
{
	struct acq_dev *adev = container_of(to_delayed_work(work),
					    struct acq_dev, overrun_work);
	struct sk_buff *msg;
	unsigned int i;
	u64 dropped;
	int err;

	WRITE_ONCE(adev->overrun_next, jiffies + ACQ_OVERRUN_INTERVAL);
	/*
	 * Orders the store above before the clear: pairs with the full
	 * barrier of test_and_set_bit() in acq_notify_overrun(), so an
	 * overrun that finds the bit clear schedules the next report after
	 * this one's interval.
	 */
	smp_mb__before_atomic();
	clear_bit(ACQ_OVERRUN_PENDING, &adev->overrun_flags);

	/*
	 * The counters are read after the clear (the irq_lock orders them
	 * after the drop that set the bit): a drop after the read sets the
	 * bit again and gets a report of its own.
	 */
	for (i = 0; i < adev->nr_channels; i++) {
		raw_spin_lock_irq(&adev->irq_lock);
		dropped = adev->chans[i].dropped;
		raw_spin_unlock_irq(&adev->irq_lock);
		if (dropped == adev->chans[i].dropped_notified)
			continue;

		/*
		 * Unheard, drops are not told later: a new listener hears
		 * of new ones only. Unbuilt or unsent, they stay unmarked,
		 * and the next report, at the device's next overrun or at
		 * its removal, tells them.
		 */
		msg = acq_notify_new();
		if (!msg) {
			if (!acq_notify_listened())
				adev->chans[i].dropped_notified = dropped;
			continue;
		}
		/*
		 * Marked told as the message says, once it is sent: drops
		 * since the read above are in it, and must not make the
		 * next report.
		 */
		err = acq_nl_stats_fill_dropped(msg, adev, i,
						ACQ_CMD_OVERRUN_NTF, 0, 0, 0,
						&dropped);
		if (!err && acq_debugfs_fail_overrun_report())
			err = -ENOMEM;
		if (!acq_notify_send(msg, err))
			adev->chans[i].dropped_notified = dropped;
	}
}

/* Schedules the report no sooner than an interval after the last one. */
static void acq_notify_overrun_irq_work(struct irq_work *work)
{
	struct acq_dev *adev = container_of(work, struct acq_dev,
					    overrun_irq_work);
	unsigned long next = READ_ONCE(adev->overrun_next);
	unsigned long now = jiffies, delay = 0;

	/*
	 * Bounded: after a long quiet spell a 32-bit jiffies may wrap past
	 * an old @next, and time_before() would take it for the future.
	 */
	if (time_before(now, next))
		delay = min(next - now, ACQ_OVERRUN_INTERVAL);
	queue_delayed_work(acq_system_wq, &adev->overrun_work, delay);
}

/**
 * acq_notify_overrun - a frame was dropped: report it soon
 * @adev: the device
 *
 * From the frame helpers, in any context. Only the first overrun of an
 * interval queues anything; the work reads the counters of them all.
 * Through an irq_work: the frame helpers then need nothing but raw
 * spinlocks and irq_work, whatever context a backend calls them from,
 * and the workqueue's timers are touched from the irq_work's.
 */
void acq_notify_overrun(struct acq_dev *adev)
{
	if (!test_and_set_bit(ACQ_OVERRUN_PENDING, &adev->overrun_flags))
		irq_work_queue(&adev->overrun_irq_work);
}

void acq_notify_init(struct acq_dev *adev)
{
	init_irq_work(&adev->overrun_irq_work, acq_notify_overrun_irq_work);
	INIT_DELAYED_WORK(&adev->overrun_work, acq_notify_overrun_work);
	adev->overrun_next = jiffies;
}

/*
 * The device is stopped for good: no frame helper runs, so no irq_work
 * is queued after the sync, and none re-queues the work after the flush.
 * The last report goes now, queued or not: it tells what is pending and
 * what a failed report left untold, rather than losing it.
 */
void acq_notify_exit(struct acq_dev *adev)
{
	irq_work_sync(&adev->overrun_irq_work);
	mod_delayed_work(acq_system_wq, &adev->overrun_work, 0);
	flush_delayed_work(&adev->overrun_work);
}
