// SPDX-License-Identifier: GPL-2.0
/*
 * The read() baseline (linux/acq_baseline.h): whole frames of acq_sim,
 * each a descriptor and its bytes, every byte verified; 0 before the
 * start and once stopped and drained; EAGAIN with O_NONBLOCK; EMSGSIZE
 * consumes nothing; another file of the device is refused; a read blocked
 * for a frame returns when the ring is detached (ENXIO) or the device
 * removed (ENODEV), and asks for no wake-up in wake_flags, the ring not
 * being in need-wakeup mode. The kernel's consumer index leaves the ring
 * consistent: no protocol error, produced = delivered + dropped.
 */
#include <fcntl.h>
#include <pthread.h>

#include "baseline-util.h"

#define LINES		16
#define LINE_BYTES	256		/* 4 KiB frames */
#define LINE_RATE	16000		/* 1000 frames/s */
#define WANT_FRAMES	300
#define REC_SIZE	(sizeof(struct acq_ring_desc) + LINES * LINE_BYTES)

static char rec[REC_SIZE];

static void capture(struct t_base *b)
{
	int other = t_dev_open(b->dev);
	ssize_t n;

	/* Stopped, nothing waiting: end of file, blocking or not. */
	T_ASSERT_ERR(t_base_read(b->handle, rec, sizeof(rec)), 0);
	T_ASSERT_ERR(t_base_read(other, rec, sizeof(rec)), -EACCES);
	t_base_start(b);
	T_ASSERT_ERR(t_base_read(other, rec, sizeof(rec)), -EACCES);
	close(other);

	while (b->v.frames < WANT_FRAMES) {
		/* Too small by one byte, then by the whole frame: kept. */
		if (b->v.frames % 50 == 10) {
			T_ASSERT_ERR(t_base_read(b->handle, rec,
						 sizeof(rec) - 1), -EMSGSIZE);
			T_ASSERT_ERR(t_base_read(b->handle, rec, sizeof(
					struct acq_ring_desc) - 1), -EMSGSIZE);
		}
		n = t_base_read(b->handle, rec, sizeof(rec));
		T_ASSERT(n > 0, "read: %s", strerror(-n));
		t_base_check_record(b, rec, n);
	}

	/* Faster than acq_sim: the ring runs empty, and says so. */
	fcntl(b->handle, F_SETFL, O_NONBLOCK);
	while ((n = t_base_read(b->handle, rec, sizeof(rec))) > 0)
		t_base_check_record(b, rec, n);
	T_ASSERT_ERR(n, -EAGAIN);
	fcntl(b->handle, F_SETFL, 0);

	t_base_stop(b);
	while ((n = t_base_read(b->handle, rec, sizeof(rec))) > 0)
		t_base_check_record(b, rec, n);
	T_ASSERT_ERR(n, 0);
	t_base_check_drained(b);
	printf("read: %llu frames verified, %llu dropped\n",
	       (unsigned long long)b->v.frames,
	       (unsigned long long)b->v.dropped);
}

struct blocked {
	pthread_t thread;
	int fd;
	ssize_t ret;
};

static void *blocked_read(void *arg)
{
	struct blocked *bl = arg;

	bl->ret = t_base_read(bl->fd, rec, sizeof(rec));
	return NULL;
}

/* A read that waits for a frame in 16 s, cut short by @cut: its result. */
static ssize_t read_cut_by(struct t_base *b, void (*cut)(struct t_base *b))
{
	struct blocked bl = { .fd = b->handle, .ret = 1 };

	t_base_start(b);
	T_ASSERT(pthread_create(&bl.thread, NULL, blocked_read, &bl) == 0,
		 "pthread_create");
	usleep(300 * 1000);
	T_ASSERT(bl.ret == 1, "the read did not block: %zd", bl.ret);
	/* Not a need-wakeup ring: its wake_flags are the process's. */
	T_ASSERT(!(b->ring.hdr->wake_flags & ACQ_RING_WAKE_NEEDED),
		 "a blocked read wrote wake_flags");
	cut(b);
	T_ASSERT(pthread_join(bl.thread, NULL) == 0, "pthread_join");
	return bl.ret;
}

static void detach(struct t_base *b)
{
	int err = acq_ring_detach(b->ctl, &b->ring);

	T_ASSERT(err == 0, "detach: %s", strerror(-err));
}

static void remove_dev(struct t_base *b)
{
	t_sim_del(b->sim_id);
}

int main(void)
{
	struct t_base b = { 0 };

	b.ctl = t_acq_sim_open();
	t_base_dev(&b, 1, LINES, LINE_BYTES, LINE_RATE);
	/* No ring: nothing to read. */
	T_ASSERT_ERR(t_base_read(b.handle, rec, sizeof(rec)), -ENXIO);
	t_base_attach(&b, 16);
	capture(&b);
	detach(&b);
	T_ASSERT_ERR(t_base_read(b.handle, rec, sizeof(rec)), -ENXIO);

	/* One frame in 16 s: the read blocks until the ring goes. */
	t_chan_enable(b.ctl, b.dev, 0, b.handle, LINES, LINE_BYTES, 1);
	t_base_attach(&b, 16);
	T_ASSERT_ERR(read_cut_by(&b, detach), -ENXIO);
	t_base_attach(&b, 16);
	T_ASSERT_ERR(read_cut_by(&b, remove_dev), -ENODEV);
	T_ASSERT_ERR(t_base_read(b.handle, rec, sizeof(rec)), -ENODEV);
	acq_ring_unmap(&b.ring);
	close(b.handle);
	T_ASSERT(t_ring_bytes() == 0, "%ld ring bytes left", t_ring_bytes());
	t_acq_sim_close(b.ctl);
	return T_PASS;
}
