// SPDX-License-Identifier: GPL-2.0
/*
 * Start, stop, configure, attach and detach storms on one device from
 * several processes and threads at once: 3 processes of 3 threads, each
 * thread with a netlink socket and a handle of its own, for 2 s
 * (ACQ_STORM_MS), each picking its next request at random (seeded:
 * ACQ_SEED=N repeats the choices, not the interleaving): attach a ring to
 * its handle, detach it, start or stop with its handle or as an
 * administrator (no handle), change a channel with its handle or as an
 * administrator, detach as an administrator, close its handle with its
 * ring still mapped and open another, consume what its ring holds.
 *
 * Every request returns success or an errno the API documents for the
 * state the device may be in at that moment (EBUSY: another handle's ring
 * or a started device; ENOLINK: no ring; EINVAL: no channel enabled);
 * anything else fails the test. Meanwhile a checker dumps the device: a
 * started device has a ring, a device without a ring has no owner.
 * At the end, every process gone: no ring, the device stopped, its
 * counters adding up, memory back to the baseline (lifecycle.h), and a
 * capture that verifies. The figures: each request's count per result.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "internal.h"
#include "lifecycle.h"

#define SIM_ID		12
#define NR_CHAN		2
#define NR_PROC		3
#define NR_THREADS	3
#define SLOT_SIZE	(64 * 1024)

enum op {
	OP_ATTACH, OP_DETACH, OP_DETACH_ADMIN, OP_START, OP_STOP,
	OP_START_ADMIN, OP_STOP_ADMIN, OP_CHAN_SET, OP_CHAN_SET_ADMIN,
	OP_REOPEN, OP_CONSUME, NR_OPS
};

static const char *const op_names[NR_OPS] = {
	"attach", "detach", "detach-admin", "start", "stop", "start-admin",
	"stop-admin", "chan-set", "chan-set-admin", "reopen", "consume",
};

/* The results counted, and which each request may return. */
enum res { RES_OK, RES_EBUSY, RES_ENOLINK, RES_EINVAL, NR_RES };
static const int res_errno[NR_RES] = { 0, EBUSY, ENOLINK, EINVAL };
static const char *const res_names[NR_RES] = {
	"ok", "EBUSY", "ENOLINK", "EINVAL",
};

#define B(r)	(1U << (r))
static const unsigned int allowed[NR_OPS] = {
	/* ENOLINK: an administrator detached it before it was mapped. */
	[OP_ATTACH]		= B(RES_OK) | B(RES_EBUSY) | B(RES_ENOLINK),
	/* Its ring detached by an administrator, another's attached. */
	[OP_DETACH]		= B(RES_OK) | B(RES_ENOLINK) | B(RES_EBUSY),
	[OP_DETACH_ADMIN]	= B(RES_OK) | B(RES_ENOLINK),
	[OP_START]		= B(RES_OK) | B(RES_ENOLINK) | B(RES_EBUSY) |
				  B(RES_EINVAL),
	[OP_STOP]		= B(RES_OK) | B(RES_ENOLINK) | B(RES_EBUSY),
	[OP_START_ADMIN]	= B(RES_OK) | B(RES_ENOLINK) | B(RES_EINVAL),
	[OP_STOP_ADMIN]		= B(RES_OK) | B(RES_ENOLINK),
	[OP_CHAN_SET]		= B(RES_OK) | B(RES_EBUSY),
	[OP_CHAN_SET_ADMIN]	= B(RES_OK) | B(RES_EBUSY),
	[OP_REOPEN]		= B(RES_OK),
	/* A dispatch: frames, or its ring gone (detached). */
	[OP_CONSUME]		= B(RES_OK) | B(RES_ENOLINK),
};

/* Shared by every process: MAP_SHARED | MAP_ANONYMOUS. */
struct shared {
	atomic_ulong count[NR_OPS][NR_RES];
	atomic_ulong frames, checks;
	atomic_int stop;
};

static struct shared *sh;
static __u32 dev;
static unsigned int storm_ms;

struct actor {
	struct acq_ctl *ctl;
	struct acq_ring ring;
	int handle, has_ring;
	unsigned int seed;
	const char *who;
};

static void tally(struct actor *a, enum op op, int err)
{
	for (int r = 0; r < NR_RES; r++)
		if (-err == res_errno[r] && (allowed[op] & B(r))) {
			atomic_fetch_add(&sh->count[op][r], 1);
			return;
		}
	fprintf(stderr, "%s: %s returned %d (%s): %s\n", a->who, op_names[op],
		err, strerror(-err), acq_ctl_errmsg(a->ctl));
	atomic_store(&sh->stop, 1);
	_exit(T_FAIL);
}

/* Its mappings undone by hand: the kernel sees a plain munmap(). */
static void unmap_ring(struct acq_ring *r)
{
	munmap(r->hdr_map, r->hdr_map_size);
	munmap(r->data_map, r->data_map_size);
	if (r->efd >= 0)
		close(r->efd);
}

static void chan_cfg(struct actor *a, struct acq_chan_config *cfg)
{
	static const __u32 lines[] = { 1, 4, 16 };
	static const __u32 bytes[] = { 256, 512, 1024 };

	cfg->enabled = (int)(rand_r(&a->seed) % 4 != 0);
	cfg->lines = lines[rand_r(&a->seed) % 3];
	cfg->line_bytes = bytes[rand_r(&a->seed) % 3];
	cfg->lines_per_chunk = cfg->lines < 4 ? cfg->lines : 4;
	cfg->line_rate = 8000 + rand_r(&a->seed) % 56000;
}

static void step(struct actor *a)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8, .slot_size = SLOT_SIZE);
	ACQ_OPTS(acq_chan_config, cfg);
	/*
	 * Weighted: a ring lives long enough to be started and consumed
	 * between the requests that take it away.
	 */
	static const unsigned char weight[NR_OPS] = {
		[OP_ATTACH] = 3, [OP_DETACH] = 1, [OP_DETACH_ADMIN] = 1,
		[OP_START] = 3, [OP_STOP] = 2, [OP_START_ADMIN] = 1,
		[OP_STOP_ADMIN] = 1, [OP_CHAN_SET] = 2,
		[OP_CHAN_SET_ADMIN] = 1, [OP_REOPEN] = 1, [OP_CONSUME] = 6,
	};
	unsigned int w = rand_r(&a->seed) % 22;
	enum op op = 0;

	while (w >= weight[op])
		w -= weight[op++];
	int err = 0;

	switch (op) {
	case OP_ATTACH:
		if (a->has_ring)
			return;
		err = acq_ring_attach(a->ctl, dev, a->handle, &opts, &a->ring);
		a->has_ring = !err;
		break;
	case OP_DETACH:
		if (!a->has_ring)
			return;
		err = acq_ring_detach(a->ctl, &a->ring);
		a->has_ring = 0;
		break;
	case OP_DETACH_ADMIN:
		err = acq_request_handle(a->ctl, ACQ_CMD_RING_DETACH,
					 ACQ_A_RING_DEV_ID, dev,
					 ACQ_A_RING_HANDLE, -1);
		break;
	case OP_START:
		err = acq_dev_start(a->ctl, dev, a->handle);
		break;
	case OP_STOP:
		err = acq_dev_stop(a->ctl, dev, a->handle);
		break;
	case OP_START_ADMIN:
		err = acq_dev_start(a->ctl, dev, -1);
		break;
	case OP_STOP_ADMIN:
		err = acq_dev_stop(a->ctl, dev, -1);
		break;
	case OP_CHAN_SET:
	case OP_CHAN_SET_ADMIN:
		chan_cfg(a, &cfg);
		err = acq_chan_set(a->ctl, dev, rand_r(&a->seed) % NR_CHAN,
				   op == OP_CHAN_SET ? a->handle : -1, &cfg);
		break;
	case OP_REOPEN:
		/* With its ring mapped: the ring goes at the last munmap. */
		if (a->has_ring)
			unmap_ring(&a->ring);
		a->has_ring = 0;
		close(a->handle);
		a->handle = t_dev_open(dev);
		break;
	case OP_CONSUME:
		if (!a->has_ring)
			return;
		err = acq_ring_dispatch(&a->ring, NULL, 0, 64);
		if (err > 0) {
			atomic_fetch_add(&sh->frames, err);
			err = 0;
		}
		break;
	default:
		return;
	}
	tally(a, op, err);
}

static void *actor_run(void *arg)
{
	struct actor *a = arg;

	a->ctl = acq_ctl_open();
	T_ASSERT(a->ctl, "%s: acq_ctl_open: %m", a->who);
	a->handle = t_dev_open(dev);
	while (!atomic_load(&sh->stop))
		step(a);
	if (a->has_ring)
		unmap_ring(&a->ring);
	close(a->handle);
	acq_ctl_close(a->ctl);
	return NULL;
}

static void process_run(unsigned int id, int wr)
{
	struct actor actors[NR_THREADS];
	pthread_t th[NR_THREADS];
	char who[NR_THREADS][16];

	(void)wr;
	/* A test that fails leaves no process running. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (int i = 0; i < NR_THREADS; i++) {
		snprintf(who[i], sizeof(who[i]), "proc %u thread %d", id, i);
		actors[i] = (struct actor){
			.seed = (unsigned int)random() ^ (id * 7919 + i),
			.who = who[i],
		};
		T_ASSERT(pthread_create(&th[i], NULL, actor_run,
					&actors[i]) == 0, "pthread_create");
	}
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(th[i], NULL);
	_exit(T_PASS);
}

/* The device as one dump shows it must hang together. */
static void *checker(void *arg)
{
	struct acq_ctl *ctl = acq_ctl_open();
	struct acq_dev_info info;
	int err;

	(void)arg;
	T_ASSERT(ctl, "checker: acq_ctl_open: %m");
	while (!atomic_load(&sh->stop)) {
		err = acq_dev_get(ctl, dev, &info, sizeof(info));
		T_ASSERT(err == 0, "checker: dev get: %s", strerror(-err));
		T_ASSERT(info.state != ACQ_DEV_STATE_STARTED ||
			 info.ring_attached, "started without a ring");
		T_ASSERT(info.ring_attached || !info.owner_pid,
			 "no ring, yet owner pid %u", info.owner_pid);
		T_ASSERT(!info.ring_attached ||
			 info.ring_slot_size == SLOT_SIZE,
			 "a ring of slots of %u", info.ring_slot_size);
		atomic_fetch_add(&sh->checks, 1);
	}
	acq_ctl_close(ctl);
	return NULL;
}

int main(void)
{
	pid_t pids[NR_PROC];
	struct acq_dev_info info;
	struct t_baseline base;
	struct acq_ctl *ctl;
	unsigned long total = 0;
	pthread_t check;
	int handle, status, failed = 0;

	t_seed();
	storm_ms = t_count("ACQ_STORM_MS", 2000, 2000);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(sh != MAP_FAILED, "mmap: %m");
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 1, handle, 4, 512, 32000);
	close(handle);
	/* A first capture: what stays after first use is baseline. */
	t_capture_verified(ctl, dev, NR_CHAN, 0, 20);
	t_baseline_take(&base);

	T_ASSERT(pthread_create(&check, NULL, checker, NULL) == 0,
		 "pthread_create");
	for (unsigned int i = 0; i < NR_PROC; i++) {
		int rd;

		pids[i] = t_fork_piped(process_run, i, &rd);
		close(rd);
	}
	t_sleep_us(storm_ms * 1000);
	atomic_store(&sh->stop, 1);
	for (unsigned int i = 0; i < NR_PROC; i++) {
		T_ASSERT(waitpid(pids[i], &status, 0) == pids[i], "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "process %u: status %#x\n", i, status);
			failed = 1;
		}
	}
	pthread_join(check, NULL);
	T_ASSERT(!failed, "a process of the storm failed");

	printf("%d processes x %d threads for %u ms:\n", NR_PROC, NR_THREADS,
	       storm_ms);
	for (int op = 0; op < NR_OPS; op++) {
		unsigned long n = 0;

		printf("  %-15s", op_names[op]);
		for (int r = 0; r < NR_RES; r++) {
			unsigned long c = atomic_load(&sh->count[op][r]);

			n += c;
			if (allowed[op] & B(r))
				printf(" %s %lu", res_names[r], c);
		}
		printf("\n");
		total += n;
	}
	/* The storm did storm: rings came and went, the device ran. */
	T_ASSERT(atomic_load(&sh->count[OP_ATTACH][RES_OK]) > 0,
		 "%s never succeeded", op_names[OP_ATTACH]);
	T_ASSERT(atomic_load(&sh->count[OP_CHAN_SET][RES_OK]) > 0,
		 "%s never succeeded", op_names[OP_CHAN_SET]);
	T_ASSERT(atomic_load(&sh->count[OP_START][RES_OK]) +
		 atomic_load(&sh->count[OP_START_ADMIN][RES_OK]) > 0,
		 "no start succeeded");
	printf("%lu requests, every result a documented one; %lu frames consumed; %lu consistent device dumps\n",
	       total, atomic_load(&sh->frames), atomic_load(&sh->checks));

	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0, "dev get");
	T_ASSERT(info.state == ACQ_DEV_STATE_STOPPED && !info.ring_attached &&
		 !info.owner_pid, "after the storm: state %u, ring %u, owner %u",
		 info.state, info.ring_attached, info.owner_pid);
	for (__u32 c = 0; c < NR_CHAN; c++)
		t_stats_check(ctl, dev, c);
	t_baseline_check(&base, "storm-control");
	t_capture_verified(ctl, dev, NR_CHAN, 0, 100);

	t_sim_del(SIM_ID);
	t_acq_sim_close(ctl);
	return T_PASS;
}
