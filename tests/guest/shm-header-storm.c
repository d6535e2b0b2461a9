// SPDX-License-Identifier: GPL-2.0
/*
 * The ring header written at full rate during a capture: 3 threads store
 * random values of random widths (1, 2, 4, 8 bytes, and now and then a
 * whole page) at random offsets of the header page, the only writable
 * part of the mapping, for 1.6 s (ACQ_SCRIBBLE_MS), seeded (ACQ_SEED=N
 * repeats the values, not the interleaving), while the device runs two
 * channels into a ring with need-wakeup and wake-frames 4 (so the kernel
 * reads wake_flags as well as the consumer index), and two more threads
 * make the kernel read the header: one poll()s the handle, one takes
 * frames by read(2), whose copy advances the consumer index itself.
 *
 * ring-hostile.c writes garbage between pauses, by one thread, the device
 * idle in between; here the writes race the producer, its reclaim and its
 * wake-up decisions, and poll() and read(2) on another CPU.
 *
 * Checks: no kernel complaint; poll() says only what it may; read(2) gives
 * a record of a channel the device has, no longer than its frame, or
 * EAGAIN, or EPROTO for a bad index, nothing else; the kernel counted
 * protocol errors; the device kept running (frames produced until the
 * end) and, once stopped, its counters add up; after the detach, memory
 * back to the baseline (lifecycle.h) and a capture that verifies.
 */
#include <poll.h>
#include <pthread.h>

#include "lifecycle.h"

#define SIM_ID		13
#define NR_CHAN		2
#define SCRIBBLERS	3
#define LINES		16
#define LINE_BYTES	1024
#define FRAME_BYTES	(LINES * LINE_BYTES)
#define PHASES		4	/* storms, each followed by a calm */

static struct acq_ring ring;
static int handle;
static long page;
static atomic_int stop, calm;
/* Calms begun, and how many scribblers have seen each (the sum). */
static atomic_uint calm_gen, calm_acks;
static atomic_ulong stores, pages, polls, records, eagain, eproto;

static void *scribbler(void *arg)
{
	unsigned int seed = (unsigned int)(unsigned long)arg;
	unsigned char *h = (unsigned char *)ring.hdr;
	unsigned int acked = 0;
	unsigned long n = 0;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		unsigned int r = rand_r(&seed);
		unsigned int width = 1U << (r % 4);
		size_t off = (rand_r(&seed) % page) & ~(size_t)(width - 1);
		__u64 v = ((__u64)rand_r(&seed) << 32) ^ (__u64)rand_r(&seed);
		int quiet = atomic_load(&calm);

		/*
		 * A calm seen: said once, after this thread's last store
		 * of the storm (the acknowledgement orders it before), so
		 * that the consumer index put back is not overwritten by a
		 * store that was in flight. calm_gen is stored before calm.
		 */
		if (quiet && atomic_load(&calm_gen) != acked) {
			acked = atomic_load(&calm_gen);
			atomic_fetch_add(&calm_acks, 1);
		}
		/* Calm: the kernel's and the consumer's lines are left be. */
		if (quiet && off + width > 0x40 && off < 0xc0)
			continue;

		/* The stores a hostile consumer makes: plain and racy. */
		switch (width) {
		case 1:
			__atomic_store_n(h + off, (__u8)v, __ATOMIC_RELAXED);
			break;
		case 2:
			__atomic_store_n((__u16 *)(h + off), (__u16)v,
					 __ATOMIC_RELAXED);
			break;
		case 4:
			__atomic_store_n((__u32 *)(h + off), (__u32)v,
					 __ATOMIC_RELAXED);
			break;
		default:
			__atomic_store_n((__u64 *)(h + off), v,
					 __ATOMIC_RELAXED);
			break;
		}
		if (r % 4096 == 0 && !quiet) {
			memset(h, (int)v, page);
			atomic_fetch_add(&pages, 1);
		}
		n++;
	}
	atomic_fetch_add(&stores, n);
	return NULL;
}

static void *poller(void *arg)
{
	struct pollfd p = { .fd = handle, .events = POLLIN | POLLPRI };

	(void)arg;
	while (!atomic_load(&stop)) {
		int n = poll(&p, 1, 10);

		T_ASSERT(n >= 0, "poll: %m");
		/* Started, attached: no POLLHUP, no POLLERR, no POLLNVAL. */
		T_ASSERT(!(p.revents & ~(POLLIN | POLLPRI)),
			 "poll says %#x", p.revents);
		atomic_fetch_add(&polls, 1);
	}
	return NULL;
}

static void *reader(void *arg)
{
	static unsigned char buf[sizeof(struct acq_ring_desc) + FRAME_BYTES];
	const struct acq_ring_desc *d = (const void *)buf;

	(void)arg;
	while (!atomic_load(&stop)) {
		ssize_t n = read(handle, buf, sizeof(buf));

		if (n < 0 && errno == EAGAIN) {
			atomic_fetch_add(&eagain, 1);
			usleep(200);
			continue;
		}
		if (n < 0 && errno == EPROTO) {
			atomic_fetch_add(&eproto, 1);
			continue;
		}
		T_ASSERT(n > 0, "read: %zd: %m", n);
		T_ASSERT((size_t)n >= sizeof(*d) && d->channel < NR_CHAN &&
			 d->len <= FRAME_BYTES &&
			 (size_t)n == sizeof(*d) + d->len,
			 "read: a record of %zd bytes, chan %u len %u", n,
			 d->channel, d->len);
		atomic_fetch_add(&records, 1);
	}
	return NULL;
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16, .need_wakeup = 1,
		 .wake_frames = 4, .wake_usecs = 2000);
	pthread_t scrib[SCRIBBLERS], pt, rt;
	struct acq_chan_stats st[NR_CHAN];
	struct acq_dev_info info;
	struct t_baseline base;
	struct acq_ctl *ctl;
	unsigned int ms;
	__u32 dev;
	__u64 before = 0, mid = 0, end = 0, perr;
	unsigned long calm_records = 0;
	__u32 delivered0 = 0;
	int err;

	page = sysconf(_SC_PAGESIZE);
	t_seed();
	ms = t_count("ACQ_SCRIBBLE_MS", 1600, 1600);
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, SIM_ID, NR_CHAN);
	t_capture_verified(ctl, dev, NR_CHAN, 0, 20);
	t_baseline_take(&base);

	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, 64000);
	t_chan_enable(ctl, dev, 1, handle, LINES / 2, LINE_BYTES,
		      32000);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(fcntl(handle, F_SETFL, O_NONBLOCK) == 0, "fcntl: %m");
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s", acq_ctl_errmsg(ctl));
	for (int c = 0; c < NR_CHAN; c++) {
		before += t_stats(ctl, dev, c).produced;
		delivered0 += (__u32)t_stats(ctl, dev, c).delivered;
	}

	for (int i = 0; i < SCRIBBLERS; i++)
		T_ASSERT(pthread_create(&scrib[i], NULL, scribbler,
					(void *)(unsigned long)random())
			 == 0, "pthread_create");
	T_ASSERT(pthread_create(&pt, NULL, poller, NULL) == 0, "poller");
	T_ASSERT(pthread_create(&rt, NULL, reader, NULL) == 0, "reader");

	/*
	 * Storms and calms in turn. A calm puts back a consumer index the
	 * kernel takes, the frames delivered so far (its producer index
	 * then, which it never takes back), and read(2) must work again.
	 */
	for (int phase = 0; phase < 2 * PHASES; phase++) {
		if (phase & 1) {
			/* The device's counters count every ring's frames. */
			__u32 cons = -delivered0;
			unsigned int gen = atomic_fetch_add(&calm_gen, 1) + 1;
			/* A loaded emulator may leave a thread off a CPU
			 * for seconds: a run on 6.1 failed at 5 s.
			 */
			long long deadline = t_now_ms() + 30000;

			atomic_store(&calm, 1);
			while (atomic_load(&calm_acks) < gen * SCRIBBLERS) {
				T_ASSERT(t_now_ms() < deadline,
					 "calm %u: the scribblers did not stop",
					 gen);
				t_sleep_us(100);
			}
			calm_records -= atomic_load(&records);
			for (int c = 0; c < NR_CHAN; c++)
				cons += (__u32)t_stats(ctl, dev, c).delivered;
			__atomic_store_n(&ring.hdr->consumer, cons,
					 __ATOMIC_RELEASE);
		}
		t_sleep_us(ms * 1000 / (2 * PHASES));
		if (phase & 1) {
			calm_records += atomic_load(&records);
			atomic_store(&calm, 0);
		}
		if (phase == PHASES - 1)
			for (int c = 0; c < NR_CHAN; c++)
				mid += t_stats(ctl, dev, c).produced;
	}
	for (int c = 0; c < NR_CHAN; c++)
		end += t_stats(ctl, dev, c).produced;
	atomic_store(&stop, 1);
	for (int i = 0; i < SCRIBBLERS; i++)
		pthread_join(scrib[i], NULL);
	pthread_join(pt, NULL);
	pthread_join(rt, NULL);

	T_ASSERT(acq_dev_get(ctl, dev, &info, sizeof(info)) == 0,
		 "dev get");
	T_ASSERT(info.state == ACQ_DEV_STATE_STARTED &&
		 info.ring_attached, "the device stopped: state %u",
		 info.state);
	T_ASSERT(mid > before, "nothing produced in the first half");
	T_ASSERT(end > mid, "nothing produced in the second half");
	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", acq_ctl_errmsg(ctl));
	for (int c = 0; c < NR_CHAN; c++) {
		t_stats_check(ctl, dev, c);
		st[c] = t_stats(ctl, dev, c);
	}
	/* Every channel's stats carry the device's count. */
	perr = st[0].protocol_errors;
	printf("%u ms: %lu random stores and %lu whole pages into the header; %lu polls; read(2): %lu records, %lu EAGAIN, %lu EPROTO\n",
	       ms, atomic_load(&stores), atomic_load(&pages),
	       atomic_load(&polls), atomic_load(&records),
	       atomic_load(&eagain), atomic_load(&eproto));
	for (int c = 0; c < NR_CHAN; c++)
		printf("chan %d: produced %llu = delivered %llu + dropped %llu\n",
		       c, (unsigned long long)st[c].produced,
		       (unsigned long long)st[c].delivered,
		       (unsigned long long)st[c].dropped);
	printf("protocol errors counted: %llu; produced %llu before, %llu half way, %llu at the end\n",
	       (unsigned long long)perr, (unsigned long long)before,
	       (unsigned long long)mid, (unsigned long long)end);
	printf("read(2) in the calms, the consumer index put back: %lu records\n",
	       calm_records);
	T_ASSERT(perr > 0, "no protocol error counted");
	T_ASSERT(calm_records > 0, "read(2) took no frame in a calm");

	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach: %s",
		 acq_ctl_errmsg(ctl));
	close(handle);
	t_baseline_check(&base, "shm-header-storm");
	t_capture_verified(ctl, dev, NR_CHAN, 0, 100);
	t_sim_del(SIM_ID);
	t_acq_sim_close(ctl);
	return T_PASS;
}
