// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer takes no page fault on its ring while it captures: after the
 * attach, reading every page of every slot takes none. A fault costs
 * microseconds under emulation, and a consumer that took one on the first
 * read of each frame page fell behind at the start of a capture and the
 * device dropped frames. The pages mapped at the attach are zapped like
 * any others when the device goes: each read after it faults in the zero
 * page.
 */
#include <sys/resource.h>

#include "ring-util.h"

#define DESC		64
#define LINES		16
#define LINE_BYTES	4096
#define FRAME_BYTES	(LINES * LINE_BYTES)

struct reader {
	struct acq_verify v;
	long faults;
	__u64 frames;
};

static long minor_faults(void)
{
	struct rusage ru;

	T_ASSERT(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage: %m");
	return ru.ru_minflt + ru.ru_majflt;
}

/* Read one byte of each page of @len bytes at @p; the faults it took. */
static long read_pages(const volatile unsigned char *p, size_t len)
{
	long before = minor_faults();
	unsigned int sum = 0;

	for (size_t off = 0; off < len; off += 4096)
		sum += p[off];
	(void)sum;
	return minor_faults() - before;
}

static int on_frame(const struct acq_ring_desc *desc, const void *frame,
		    void *arg)
{
	struct reader *r = arg;

	r->faults += read_pages(frame, desc->len);
	t_verify(&r->v, desc, frame);
	r->frames++;
	return 0;
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = DESC);
	static unsigned char warm[FRAME_BYTES];
	struct reader r = { .faults = 0 };
	struct acq_frame_handler h = { on_frame, &r };
	long faults;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	long long deadline;
	int handle, n, err;
	__u32 dev;

	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 1, 1);
	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, 32000);
	acq_verify_init(&r.v, 0, LINES, LINE_BYTES);

	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	T_ASSERT(ring.hdr->slot_size == FRAME_BYTES, "slot size %llu",
		 (unsigned long long)ring.hdr->slot_size);
	/* Our own first touches (code, stack, this buffer) are not counted. */
	read_pages(warm, sizeof(warm));
	read_pages(warm, sizeof(warm));

	/*
	 * Let the ring fill before reading it: every slot then holds a
	 * frame (a consumer that keeps up reads the same few slots again).
	 */
	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s", strerror(-err));
	deadline = t_now_ms() + 10000;
	while (acq_ring_ready(&ring) < DESC) {
		T_ASSERT(t_now_ms() < deadline, "the ring did not fill: %d",
			 acq_ring_ready(&ring));
		usleep(10000);
	}
	err = acq_dev_stop(ctl, dev, handle);
	T_ASSERT(err == 0, "stop: %s", strerror(-err));
	do
		n = acq_ring_dispatch(&ring, &h, 1, DESC);
	while (n > 0);
	T_ASSERT(n == 0, "dispatch: %s", strerror(-n));
	printf("%llu frames in %u slots read: %ld page faults\n",
	       (unsigned long long)r.frames, DESC, r.faults);
	T_ASSERT(r.frames >= DESC, "%llu frames read",
		 (unsigned long long)r.frames);
	T_ASSERT(r.faults == 0, "%ld page faults reading %llu frames",
		 r.faults, (unsigned long long)r.frames);

	/* The device goes: no page mapped at the attach is left mapped. */
	t_sim_del(1);
	T_ASSERT(acq_ring_flags(&ring) & ACQ_RING_F_DEV_GONE, "not gone");
	faults = read_pages(ring.frames, ring.frames_size);
	printf("after the removal: %ld page faults reading %llu pages\n",
	       faults, (unsigned long long)ring.frames_size / 4096);
	T_ASSERT(faults == (long)(ring.frames_size / 4096),
		 "%ld page faults reading %llu pages after the removal", faults,
		 (unsigned long long)ring.frames_size / 4096);
	for (__u64 off = 0; off < ring.frames_size; off += 4096)
		T_ASSERT(ring.frames[off] == 0, "frame byte %llu not zero",
			 (unsigned long long)off);

	acq_ring_unmap(&ring);
	close(handle);
	T_ASSERT(t_ring_bytes() == 0, "%ld ring bytes left", t_ring_bytes());
	t_acq_sim_close(ctl);
	return T_PASS;
}
