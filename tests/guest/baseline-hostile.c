// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile buffers for the baselines' copies (linux/acq_baseline.h): NULL,
 * read-only memory, the ring's own descriptors and frames, a read-only
 * register window, a descriptor that fits and a frame that does not, and
 * for the ioctl an argument in read-only memory: EFAULT, and the frame
 * stays for the next copy. Writable mappings of our own (a fresh mapping
 * of the ring's header, a register window), whose faults take our locks:
 * the copy works. A buffer another thread unmaps and maps again while
 * the kernel copies: EFAULT or a whole record, never a hang. Through it
 * all the ring stays consistent: no protocol error, and every frame the
 * device delivered was taken once.
 */
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <linux/acq_window.h>

#include "baseline-util.h"

#define LINES		16
#define LINE_BYTES	64		/* 1 KiB: a record fits a page */
#define LINE_RATE	16000		/* 1000 frames/s */
#define REC_SIZE	(sizeof(struct acq_ring_desc) + LINES * LINE_BYTES)

static long page;
static char rec[REC_SIZE];
static __u64 raced;	/* records read while their buffer was remapped */

/* A good read now: the frame every refused copy left, verified. */
static void read_good(struct t_base *b, void *buf)
{
	ssize_t n = t_base_read(b->handle, buf, REC_SIZE);

	T_ASSERT(n > 0, "read: %s", strerror(-n));
	t_base_check_record(b, buf, n);
}

static void refused(struct t_base *b, void *buf, const char *what)
{
	struct acq_frame_copy *c;
	struct pollfd pfd;

	T_ASSERT_ERR(t_base_read(b->handle, buf, REC_SIZE), -EFAULT);
	T_ASSERT_ERR(t_base_copy(b->handle, buf, REC_SIZE, NULL), -EFAULT);
	read_good(b, rec);
	printf("%s: EFAULT\n", what);

	/* The ioctl's own argument where it cannot write back. */
	c = mmap(NULL, page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(c != MAP_FAILED, "mmap: %m");
	*c = (struct acq_frame_copy){
		.buf = (__u64)(unsigned long)rec, .buf_size = sizeof(rec),
	};
	mprotect(c, page, PROT_READ);
	/* The ioctl never waits: a frame first. */
	pfd = (struct pollfd){ .fd = b->handle, .events = POLLIN };
	T_ASSERT(poll(&pfd, 1, 2000) == 1, "no frame within 2 s");
	T_ASSERT(ioctl(b->handle, ACQ_IOC_FRAME_COPY, c) == -1 &&
		 errno == EFAULT, "a read-only argument: %m");
	munmap(c, page);
	read_good(b, rec);
}

static void *map_or_die(int fd, off_t off, int prot)
{
	void *p = mmap(NULL, page, prot, MAP_SHARED, fd, off);

	T_ASSERT(p != MAP_FAILED, "mmap at %#llx: %m",
		 (unsigned long long)off);
	return p;
}

static void own_mappings(struct t_base *b)
{
	const struct acq_ring_header *h = b->ring.hdr;
	char *two;
	void *p;

	refused(b, NULL, "NULL");
	p = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	refused(b, p, "read-only memory");
	munmap(p, page);
	refused(b, (void *)b->ring.desc, "the ring's descriptors");
	refused(b, (void *)b->ring.frames, "the ring's frames");
	p = map_or_die(b->handle, h->buf_offset + h->slot_size, PROT_READ);
	refused(b, p, "a frame not faulted in yet");
	munmap(p, page);
	p = map_or_die(b->handle, ACQ_WINDOW_OFF(1), PROT_READ);
	refused(b, p, "a read-only window");
	munmap(p, page);

	/* The descriptor fits, the frame lands in read-only memory. */
	two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(two != MAP_FAILED, "mmap: %m");
	mprotect(two + page, page, PROT_READ);
	refused(b, two + page - sizeof(struct acq_ring_desc) - 8,
		"a frame across into read-only memory");
	munmap(two, 2 * page);

	/* Writable and ours: the window's fault takes its lock. */
	p = map_or_die(b->handle, ACQ_WINDOW_OFF(0), PROT_READ | PROT_WRITE);
	read_good(b, p);
	munmap(p, page);
	printf("a writable window: copied\n");
}

struct remapper {
	char *addr;
	atomic_int stop;
	unsigned long rounds;
};

static void *remap_loop(void *arg)
{
	struct remapper *r = arg;

	while (!atomic_load(&r->stop)) {
		munmap(r->addr, page);
		sched_yield();
		T_ASSERT(mmap(r->addr, page, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
			      0) == r->addr, "mmap fixed: %m");
		r->rounds++;
	}
	return NULL;
}

/*
 * A record that survived the race is whole in length, but its bytes may
 * have been copied partly into a page unmapped since: counted, unchecked.
 */
static void unmapped_meanwhile(struct t_base *b, int secs)
{
	struct remapper r = { 0 };
	unsigned long efault = 0;
	pthread_t thread;
	long long end;
	ssize_t n;

	r.addr = mmap(NULL, page, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(r.addr != MAP_FAILED, "mmap: %m");
	T_ASSERT(pthread_create(&thread, NULL, remap_loop, &r) == 0,
		 "pthread_create");
	end = t_now_ms() + secs * 1000;
	while (t_now_ms() < end) {
		n = t_base_read(b->handle, r.addr, REC_SIZE);
		if (n == -EFAULT) {
			efault++;
			continue;
		}
		T_ASSERT(n == (ssize_t)REC_SIZE, "read: %zd (%s)", n,
			 strerror(n < 0 ? -n : 0));
		raced++;
	}
	atomic_store(&r.stop, 1);
	pthread_join(thread, NULL);
	munmap(r.addr, page);
	printf("unmapped meanwhile: %llu records, %lu EFAULT, %lu remaps\n",
	       (unsigned long long)raced, efault, r.rounds);
}

int main(void)
{
	struct t_base b = { 0 };
	struct acq_chan_stats st;
	const struct acq_ring_desc *desc;
	void *hdr;
	ssize_t n;

	page = sysconf(_SC_PAGESIZE);
	b.ctl = t_acq_sim_open();
	t_base_dev(&b, 1, LINES, LINE_BYTES, LINE_RATE);
	t_base_attach(&b, 16);
	t_base_start(&b);

	own_mappings(&b);
	unmapped_meanwhile(&b, 2);

	/* Up to here no copy touched the header. */
	st = t_stats(b.ctl, b.dev, 0);
	T_ASSERT(st.protocol_errors == 0, "%llu protocol errors",
		 (unsigned long long)st.protocol_errors);

	/*
	 * A fresh writable mapping of the ring's own header, last: the
	 * record lands on the header's fields, which the kernel never
	 * trusts, and the consumer index the kernel stores after it. An
	 * interrupt between the two finds the record's bytes where the
	 * consumer index goes: a protocol error, counted, as any garbage
	 * a consumer writes there (CI saw one).
	 */
	hdr = map_or_die(b.handle, 0, PROT_READ | PROT_WRITE);
	n = t_base_read(b.handle, hdr, REC_SIZE);
	T_ASSERT(n == (ssize_t)REC_SIZE, "read into the header: %zd (%s)", n,
		 strerror(n < 0 ? -n : 0));
	desc = hdr;
	T_ASSERT(desc->len == LINES * LINE_BYTES, "len %u", desc->len);
	raced++;
	munmap(hdr, page);
	printf("the ring's own header: copied\n");

	t_base_stop(&b);
	while ((n = t_base_read(b.handle, rec, REC_SIZE)) > 0)
		raced++;
	T_ASSERT_ERR(n, 0);
	t_stats_check(b.ctl, b.dev, 0);
	st = t_stats(b.ctl, b.dev, 0);
	T_ASSERT(st.delivered == b.v.frames + raced,
		 "delivered %llu, taken %llu",
		 (unsigned long long)st.delivered,
		 (unsigned long long)(b.v.frames + raced));
	printf("protocol errors after the header's copy: %llu\n",
	       (unsigned long long)st.protocol_errors);

	T_ASSERT(acq_ring_detach(b.ctl, &b.ring) == 0, "detach");
	close(b.handle);
	t_sim_del(1);
	t_acq_sim_close(b.ctl);
	return T_PASS;
}
