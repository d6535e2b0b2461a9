// SPDX-License-Identifier: GPL-2.0
/*
 * What a ring's memory costs: its pages (header, descriptors and frames)
 * are charged to the attaching user's locked memory, RLIMIT_MEMLOCK,
 * unless it has CAP_IPC_LOCK, as io_uring and AF_XDP charge their rings,
 * and to a module-wide ceiling on what all rings hold together. Memory
 * cgroups see the same pages through __GFP_ACCOUNT (ring.c).
 *
 * Both are checked before anything is allocated, so a refused attach
 * costs nothing, and given back as the pages are freed, by whichever
 * process frees them: the user is kept referenced for that.
 */
#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/moduleparam.h>
#include <linux/sched/signal.h>
#include <linux/sched/user.h>
#include <linux/seq_file.h>
#include <net/netlink.h>

#include "ring.h"

/*
 * A ceiling, not a reservation: 1 GiB lets one ring of the largest size
 * (acq_ring_max_bytes()), or four of the tests' 256 MiB, be attached.
 */
static unsigned int max_ring_mb = 1024;
module_param(max_ring_mb, uint, 0644);
MODULE_PARM_DESC(max_ring_mb,
		 "Most memory all rings together may hold, in MiB (default 1024)");

/* Pages charged to the ceiling, by every ring. */
static atomic_long_t acq_ring_charged = ATOMIC_LONG_INIT(0);

void acq_ring_account_show(struct seq_file *m)
{
	seq_printf(m, "charged %lu\n",
		   (unsigned long)atomic_long_read(&acq_ring_charged) <<
		   PAGE_SHIFT);
}

/*
 * Add @pages to @counter unless that takes it over @limit: a compare and
 * exchange loop, so that racing attaches never overshoot together.
 */
static bool acq_charge_pages(atomic_long_t *counter, unsigned long pages,
			     unsigned long limit)
{
	long cur = atomic_long_read(counter);

	do {
		if (pages > limit || (unsigned long)cur > limit - pages)
			return false;
	} while (!atomic_long_try_cmpxchg(counter, &cur, cur + pages));
	return true;
}

/**
 * acq_ring_charge - charge a new ring's pages, in the attaching task
 * @c: the ring's charge, zeroed
 * @pages: the ring's pages: header, descriptors and frames
 * @exempt: the attach may lock memory beyond RLIMIT_MEMLOCK (CAP_IPC_LOCK
 *	of the sender and of the socket's opener: netlink_capable())
 * @extack: for the limit that refused them
 *
 * Return: 0, or -ENOMEM with @extack naming the limit and how to raise it.
 */
int acq_ring_charge(struct acq_ring_account *c, unsigned long pages,
		    bool exempt, struct netlink_ext_ack *extack)
{
	unsigned long ceiling;

	if (!exempt) {
		c->user = get_uid(current_user());
		if (!acq_charge_pages(&c->user->locked_vm, pages,
				      rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT)) {
			NL_SET_ERR_MSG(extack,
				       "ring exceeds RLIMIT_MEMLOCK: raise ulimit -l or grant CAP_IPC_LOCK");
			goto err_user;
		}
	}
	ceiling = (unsigned long)READ_ONCE(max_ring_mb) << (20 - PAGE_SHIFT);
	if (!acq_charge_pages(&acq_ring_charged, pages, ceiling)) {
		NL_SET_ERR_MSG(extack,
			       "ring exceeds the acq memory ceiling: raise acq.max_ring_mb");
		goto err_locked;
	}
	c->pages = pages;
	return 0;

err_locked:
	if (c->user)
		atomic_long_sub(pages, &c->user->locked_vm);
err_user:
	if (c->user)
		free_uid(c->user);
	c->user = NULL;
	return -ENOMEM;
}

/**
 * acq_ring_uncharge - give back pages of a ring as they are freed
 * @c: the ring's charge
 * @pages: those freed, part of what acq_ring_charge() charged; nothing
 *	if it charged nothing (a ring it refused)
 *
 * From any process: the user charged is the one kept in @c. The last
 * page given back lets the user go.
 */
void acq_ring_uncharge(struct acq_ring_account *c, unsigned long pages)
{
	if (!c->pages)
		return;
	if (WARN_ON_ONCE(pages > c->pages))
		pages = c->pages;
	atomic_long_sub(pages, &acq_ring_charged);
	if (c->user)
		atomic_long_sub(pages, &c->user->locked_vm);
	c->pages -= pages;
	if (!c->pages && c->user) {
		free_uid(c->user);
		c->user = NULL;
	}
}
