// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The wake-up side of libctl/ring.c: acq_ring_wait() in need-wakeup mode
 * (the protocol of linux/acq_ring.h), acq_ring_busy_wait(), and the
 * dispatch's one release per batch. The stress test runs a producer
 * thread doing exactly the kernel's side of need-wakeup against
 * acq_ring_wait() with a short timeout, the consumer going to sleep at
 * almost every frame, and counts lost wake-ups: 0 allowed. A few seconds
 * by default; ACQ_WAKE_STRESS_SLEEPS=N runs until the consumer has slept
 * N times (1000000 for the long run).
 * acq-test: tsan (also built and run under ThreadSanitizer)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "acq/ring.h"
#include "fake_ring.h"
#include "poll_count.h"

#define SLOT_SIZE	64
/* The consumer's timeout: a lost wake-up costs this much. */
#define WAIT_MS		20
/* The short run, in make check-unit. */
#define SHORT_RUN_MS	2500

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000u + (__u64)ts.tv_nsec;
}

/* Its sleeps said so: WAKE_NEEDED was up in each. */
static struct acq_ring_header *polled_hdr;
static unsigned long unflagged;

static void check_flagged(void)
{
	if (polled_hdr &&
	    !(atomic_load_explicit((_Atomic __u32 *)&polled_hdr->wake_flags,
				   memory_order_relaxed) & ACQ_RING_WAKE_NEEDED))
		unflagged++;
}

static struct fake_ring *ring_new(__u32 count, __u32 ring_flags)
{
	struct fake_ring *f = fake_ring_new(count, SLOT_SIZE, 1, 0);

	f->hdr->flags = ring_flags;
	memset(&polls, 0, sizeof(polls));
	unflagged = 0;
	polled_hdr = f->hdr;
	poll_count_hook = check_flagged;
	return f;
}

static __u32 wake_flags(const struct fake_ring *f)
{
	return atomic_load_explicit((_Atomic __u32 *)&f->hdr->wake_flags,
				    memory_order_relaxed);
}

/*
 * The kernel's side (acq_ring_publish(), acq_ring_consumer_sleeps()): the
 * store-release of the producer index, a full fence, the load of
 * wake_flags; signalled only if the consumer asked. True if it was.
 */
static int kernel_publish(struct fake_ring *f, const void *frame)
{
	static const uint64_t one = 1;

	if (fake_ring_publish(f, 0, frame))
		return -1;
	atomic_thread_fence(memory_order_seq_cst);
	if (!(wake_flags(f) & ACQ_RING_WAKE_NEEDED))
		return 0;
	assert_int_equal(write(f->efd, &one, sizeof(one)), sizeof(one));
	return 1;
}

/* Said while asleep, cleared once it returns; never in the other mode. */
static void test_wait_says_it_sleeps(void **state)
{
	struct fake_ring *f = ring_new(8, ACQ_RING_F_NEED_WAKEUP);
	unsigned char frame[SLOT_SIZE] = { 0 };
	struct acq_ring r;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	assert_int_equal(acq_ring_wait(&r, 1), 0);
	assert_int_equal(polls.calls, 1);
	assert_int_equal(polls.timeouts, 1);
	assert_int_equal(unflagged, 0);
	assert_int_equal(wake_flags(f), 0);

	/* A frame before the wait: no sleep, no flag, no signal. */
	assert_int_equal(kernel_publish(f, frame), 0);
	assert_int_equal(acq_ring_wait(&r, 1000), 1);
	assert_int_equal(polls.calls, 1);
	assert_int_equal(wake_flags(f), 0);
	assert_int_equal(acq_ring_dispatch(&r, NULL, 0, ~0U), 1);

	/* Stopped: said at once, the flag left clear. */
	f->hdr->flags |= ACQ_RING_F_STOPPED;
	assert_int_equal(acq_ring_wait(&r, 1000), -ESHUTDOWN);
	assert_int_equal(wake_flags(f), 0);
	assert_int_equal(polls.calls, 1);
	fake_ring_free(f);

	/* Without need-wakeup, wake_flags is not ours to touch. */
	f = ring_new(8, 0);
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	polled_hdr = NULL;
	assert_int_equal(acq_ring_wait(&r, 1), 0);
	assert_int_equal(polls.calls, 1);
	assert_int_equal(wake_flags(f), 0);
	fake_ring_free(f);
}

/* Spins without a system call or the flag; returns as acq_ring_wait(). */
static void test_busy_wait(void **state)
{
	struct fake_ring *f = ring_new(8, ACQ_RING_F_NEED_WAKEUP);
	unsigned char frame[SLOT_SIZE] = { 0 };
	struct acq_ring r;
	__u64 t0;
	int i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	assert_int_equal(acq_ring_busy_wait(&r, 0), 0);
	/* Never shorter than asked, whatever the clock's phase. */
	for (i = 0; i < 20; i++) {
		t0 = now_ns();
		assert_int_equal(acq_ring_busy_wait(&r, 1), 0);
		assert_true(now_ns() - t0 >= 1000000);
	}
	assert_int_equal(kernel_publish(f, frame), 0);
	assert_int_equal(kernel_publish(f, frame), 0);
	assert_int_equal(acq_ring_busy_wait(&r, -1), 2);
	assert_int_equal(polls.calls, 0);
	assert_int_equal(wake_flags(f), 0);
	assert_int_equal(acq_ring_dispatch(&r, NULL, 0, ~0U), 2);
	f->hdr->flags |= ACQ_RING_F_STOPPED;
	assert_int_equal(acq_ring_busy_wait(&r, -1), -ESHUTDOWN);
	f->hdr->flags |= ACQ_RING_F_DETACHED;
	assert_int_equal(acq_ring_busy_wait(&r, -1), -ENOLINK);
	f->hdr->flags |= ACQ_RING_F_DEV_GONE;
	assert_int_equal(acq_ring_busy_wait(&r, -1), -ENODEV);
	fake_ring_free(f);
}

/* The shared consumer index, as each callback sees it. */
static int see_consumer(const struct acq_ring_desc *d, const void *frame,
			void *arg)
{
	struct fake_ring *f = arg;

	(void)frame;
	check_expected(d->seq);
	check_expected(f->hdr->consumer);
	return d->seq == 6 ? -EIO : 0;
}

/*
 * One store for a batch, after it, on the error path too (a ring of 64:
 * these batches are shorter than its quarter).
 */
static void test_dispatch_releases_once(void **state)
{
	struct fake_ring *f = ring_new(64, 0);
	unsigned char frame[SLOT_SIZE] = { 0 };
	struct acq_frame_handler h = { see_consumer, f };
	struct acq_dispatch_result res;
	struct acq_ring r;
	__u32 i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(kernel_publish(f, frame), 0);
	for (i = 0; i < 4; i++) {
		expect_value(see_consumer, d->seq, i);
		expect_value(see_consumer, f->hdr->consumer, 0);
	}
	assert_int_equal(acq_ring_dispatch(&r, &h, 1, 4), 4);
	assert_int_equal(f->hdr->consumer, 4);
	/* Frame 6 fails: 4 and 5 released, 6 the consumer's still. */
	for (i = 4; i < 7; i++) {
		expect_value(see_consumer, d->seq, i);
		expect_value(see_consumer, f->hdr->consumer, 4);
	}
	assert_int_equal(acq_ring_dispatch_result(&r, &h, 1, ~0U, &res,
						  sizeof(res)), -EIO);
	assert_int_equal(res.consumed, 2);
	assert_int_equal(f->hdr->consumer, 6);
	assert_int_equal(acq_ring_ready(&r), 2);
	fake_ring_free(f);
}

/* A batch longer than a quarter of the ring gives slots back as it goes. */
static void test_dispatch_releases_each_quarter(void **state)
{
	struct fake_ring *f = ring_new(16, 0);
	unsigned char frame[SLOT_SIZE] = { 0 };
	struct acq_frame_handler h = { see_consumer, f };
	struct acq_ring r;
	__u32 i;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, -1), 0);
	for (i = 0; i < 14; i++)
		assert_int_equal(kernel_publish(f, frame), 0);
	/* Frame 6 fails: 0..3 released at the quarter, then 4 and 5. */
	for (i = 0; i < 7; i++) {
		expect_value(see_consumer, d->seq, i);
		expect_value(see_consumer, f->hdr->consumer, i < 4 ? 0 : 4);
	}
	assert_int_equal(acq_ring_dispatch(&r, &h, 1, ~0U), -EIO);
	assert_int_equal(f->hdr->consumer, 6);
	fake_ring_free(f);
}

#define SIGNALLED	1024

struct stress {
	struct fake_ring *f;
	_Atomic int stop;
	/*
	 * Whether the producer signalled frame seq, at seq % SIGNALLED:
	 * one frame is outstanding at a time.
	 */
	_Atomic unsigned char signalled[SIGNALLED];
	_Atomic __u32 decided;	/* frames whose signal was decided */
	unsigned long signals;	/* the producer's, read after the join */
};

/* A delay of 0 to ~2000 spins, more often short: publishes land before,
 * during and after the consumer's way to sleep.
 */
static void random_delay(__u32 *seed)
{
	__u32 x = *seed, n, i;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*seed = x;
	n = (x & 3) ? (x >> 2) % 512 : (x >> 2) % 4096;
	for (i = 0; i < n; i++)
		atomic_signal_fence(memory_order_seq_cst);
}

static void *stress_producer(void *arg)
{
	struct stress *s = arg;
	struct fake_ring *f = s->f;
	unsigned char frame[SLOT_SIZE] = { 0 };
	__u32 seed = 2463534242u, spins;
	int sig;

	while (!atomic_load(&s->stop)) {
		/* One frame at a time: the consumer sleeps between them. */
		spins = 0;
		while (acq_ring_load_acquire(&f->hdr->consumer) != f->producer) {
			if (atomic_load(&s->stop))
				return NULL;
			/* Spin: a publish must land at once, in the window. */
			if (++spins % 4096 == 0)
				sched_yield();
		}
		random_delay(&seed);
		sig = kernel_publish(f, frame);
		assert_true(sig >= 0);
		s->signals += sig;
		atomic_store_explicit(&s->signalled[(f->producer - 1) % SIGNALLED], sig,
				      memory_order_relaxed);
		atomic_store_explicit(&s->decided, f->producer,
				      memory_order_release);
	}
	return NULL;
}

static void test_need_wakeup_stress(void **state)
{
	const char *env = getenv("ACQ_WAKE_STRESS_SLEEPS");
	unsigned long target = env ? strtoul(env, NULL, 0) : 0;
	struct fake_ring *f = ring_new(64, ACQ_RING_F_NEED_WAKEUP);
	struct stress s = { .f = f };
	unsigned long waits = 0, frames = 0, lost = 0, timeouts;
	unsigned long calls, slept_timeouts;
	const struct acq_ring_desc *d = NULL;
	__u64 end = now_ns() + SHORT_RUN_MS * 1000000ull, t0 = now_ns();
	struct acq_ring r;
	pthread_t t;
	int n;

	(void)state;
	assert_int_equal(acq_ring_setup(&r, f->hdr, f->desc, f->frames, f->efd), 0);
	assert_int_equal(pthread_create(&t, NULL, stress_producer, &s), 0);
	for (;;) {
		if (target ? polls.calls >= target : now_ns() >= end)
			break;
		calls = polls.calls;
		timeouts = polls.timeouts;
		n = acq_ring_wait(&r, WAIT_MS);
		assert_true(n >= 0);
		waits++;
		if (!n)
			continue;
		assert_int_equal(n, 1);
		assert_int_equal(acq_ring_peek(&r, &d), 0);
		while (atomic_load_explicit(&s.decided, memory_order_acquire) <=
		       d->seq)
			sched_yield();
		/*
		 * A frame the producer did not signal was published before
		 * our WAKE_NEEDED, so our look after the fence must have
		 * seen it: found only after a sleep that timed out, its
		 * wake-up was lost.
		 */
		slept_timeouts = polls.timeouts - timeouts;
		if (polls.calls != calls && slept_timeouts &&
		    !atomic_load_explicit(&s.signalled[d->seq % SIGNALLED],
					  memory_order_relaxed)) {
			lost++;
			if (lost <= 5)
				print_message("lost wake-up: frame %u found "
					      "after %lu timed-out sleeps\n",
					      d->seq, slept_timeouts);
		}
		assert_int_equal(acq_ring_dispatch(&r, NULL, 0, ~0U), 1);
		frames++;
	}
	atomic_store(&s.stop, 1);
	assert_int_equal(pthread_join(t, NULL), 0);
	print_message("need-wakeup stress, %.1f s: %lu waits, %lu sleeps "
		      "(%lu timed out), %lu signals, %lu frames, %lu lost "
		      "wake-ups, %lu sleeps without the flag\n",
		      (double)(now_ns() - t0) / 1e9, waits, polls.calls,
		      polls.timeouts, s.signals, frames, lost,
		      unflagged);
	assert_int_equal(lost, 0);
	assert_int_equal(unflagged, 0);
	/* It did sleep, and was woken, again and again. */
	assert_true(polls.calls > 100);
	assert_true(s.signals > 100);
	fake_ring_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_says_it_sleeps),
		cmocka_unit_test(test_busy_wait),
		cmocka_unit_test(test_dispatch_releases_once),
		cmocka_unit_test(test_dispatch_releases_each_quarter),
		cmocka_unit_test(test_need_wakeup_stress),
	};

	return cmocka_run_group_tests_name("ring_wake", tests, NULL, NULL);
}
