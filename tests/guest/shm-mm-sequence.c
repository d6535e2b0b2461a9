// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded random sequence (ACQ_SEED=N repeats it) of 400 memory-map
 * operations (ACQ_MM_STEPS; 150 on the debug kernel) on a ring's and two
 * register windows' mappings, in every order: mmap at page-aligned, odd
 * or out-of-range offsets with odd lengths, private or shared, read-only
 * or writable or executable; mprotect; mremap to grow, to shrink, to move
 * and with MREMAP_DONTUNMAP; madvise(MADV_DONTNEED); munmap of the whole
 * or of the first page; fork, with the child touching every mapping.
 *
 * Each step's result is checked against the rules, which are the
 * driver's (acq_ring_mmap(), acq_window_mmap()) and the mm core's for the
 * flags those give every mapping (VM_PFNMAP | VM_IO | VM_DONTEXPAND, and
 * VM_DONTCOPY for the ring): an offset not page-aligned or a private
 * mapping EINVAL; a range outside the ring or the window EINVAL; a
 * writable mapping past the ring's header page, or of the read-only
 * window, EACCES, and mprotect() cannot make one writable later (EACCES),
 * not even once shrunk or cut down to the header page;
 * an executable window EACCES; growing EFAULT (VM_DONTEXPAND);
 * MREMAP_DONTUNMAP EINVAL; MADV_DONTNEED EINVAL (VM_PFNMAP: the driver's
 * pages are not the mm's to drop); shrinking, moving and partial unmaps
 * work. A fork's child has no ring mapping (a read faults: SIGSEGV) and
 * shares the windows.
 *
 * After every step, every live mapping is touched: a readable ring
 * mapping holds what the library's own mapping holds at the same offset
 * (the frames of a capture made before, the device stopped), a store to
 * a writable header is seen through the library's mapping, a window 0
 * store reaches the device's registers (acq_sim's debugfs regs), and a
 * PROT_NONE mapping or an unmapped range faults. At the end the ring is
 * detached under the live mappings (its frames then read as zeros),
 * everything is unmapped, memory is back to the baseline and a capture
 * verifies. ring-hostile.c and ring-unplug.c check single rules; this
 * checks them in sequence, on split, moved and shrunk mappings.
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/acq_window.h>

#include "lifecycle.h"

#define SIM_ID		14
#define MAX_MAPS	8
#define SLOTS		8
#define LINES		16
#define LINE_BYTES	1024

enum kind { RING, WIN0, WIN1 };

struct map {
	int live;
	enum kind kind;
	char *addr;
	size_t len;		/* page-rounded */
	__u64 off;		/* file offset */
	int prot;
	/*
	 * Whether mprotect() may make it writable: decided at mmap() for
	 * its range then (VM_MAYWRITE), kept by shrinks, moves and unmaps.
	 */
	int maywrite;
};

enum step {
	S_MMAP_RING, S_MMAP_WIN, S_MPROTECT, S_GROW, S_SHRINK, S_MOVE,
	S_DONTUNMAP, S_DONTNEED, S_MUNMAP, S_MUNMAP_HEAD, S_FORK, NR_STEPS
};

static const char *const step_names[NR_STEPS] = {
	"mmap-ring", "mmap-window", "mprotect", "mremap-grow",
	"mremap-shrink", "mremap-move", "mremap-dontunmap", "madv-dontneed",
	"munmap", "munmap-head", "fork",
};

static struct map maps[MAX_MAPS];
static struct acq_ring ring;
static int handle, regs_fd;
static size_t page;
static __u64 ring_size;		/* bytes mappable: header to frames' end */
static unsigned long tried[NR_STEPS], worked[NR_STEPS], refused[NR_STEPS];
static unsigned long touches, faults_seen;

static size_t round_up(size_t n)
{
	return (n + page - 1) & ~(page - 1);
}

/* What the library's own mappings hold at ring offset @off. */
static const char *reference(__u64 off)
{
	const struct acq_ring_header *h = ring.hdr;

	if (off < h->desc_offset)
		return (const char *)ring.hdr_map + off;
	return (const char *)ring.data_map + (off - h->desc_offset);
}

/* Read a byte; the signal if it faulted, else 0. */
static int probe(const volatile char *p, char *out)
{
	int sig = T_FAULT_POINT();

	if (!sig)
		*out = *p;
	t_fault_unset();
	return sig;
}

static void check_result(enum step s, int got, int want, const char *what)
{
	tried[s]++;
	T_ASSERT(got == want, "%s (%s): got %d (%s), want %d (%s)",
		 step_names[s], what, got, strerror(-got), want,
		 strerror(-want));
	if (got)
		refused[s]++;
	else
		worked[s]++;
}

static struct map *free_slot(void)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (!maps[i].live)
			return &maps[i];
	return NULL;
}

static struct map *random_live(void)
{
	int n = 0, pick;

	for (int i = 0; i < MAX_MAPS; i++)
		n += maps[i].live;
	if (!n)
		return NULL;
	pick = (int)t_rand(n);
	for (int i = 0; i < MAX_MAPS; i++)
		if (maps[i].live && !pick--)
			return &maps[i];
	return NULL;
}

/* Touch every live mapping as the rules say it must behave. */
static void touch_all(void)
{
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &maps[i];
		char c;
		int sig;

		if (!m->live)
			continue;
		sig = probe(m->addr, &c);
		touches++;
		if (m->prot == PROT_NONE) {
			T_ASSERT(sig == SIGSEGV, "a PROT_NONE mapping read: %d",
				 sig);
			faults_seen++;
			continue;
		}
		T_ASSERT(!sig, "a readable mapping faulted: %d", sig);
		if (m->kind == RING) {
			for (size_t o = 0; o < m->len; o += page)
				T_ASSERT(!memcmp(m->addr + o,
						 reference(m->off + o), page),
					 "ring offset %#llx differs",
					 (unsigned long long)(m->off + o));
			if (m->prot & PROT_WRITE) {
				__u32 v = (__u32)random();
				struct acq_ring_header *h = (void *)m->addr;

				/* Reserved for the consumer: ignored. */
				h->__reserved_user[13] = v;
				T_ASSERT(ring.hdr->__reserved_user[13] == v,
					 "a header store not seen");
			}
		} else if (m->kind == WIN0 && (m->prot & PROT_WRITE)) {
			/* Above the registers acq_sim reads when running. */
			size_t off = 2048 + 4 * t_rand(512);
			__u32 v = (__u32)random(), dev_v = 0;

			acq_window_write32(m->addr, off, v);
			T_ASSERT(pread(regs_fd, &dev_v, 4, (off_t)off) == 4,
				 "read debugfs regs: %m");
			T_ASSERT(dev_v == v && acq_window_read32(m->addr, off) ==
				 v, "register %#zx: wrote %#x, device %#x", off,
				 v, dev_v);
		}
	}
}

static void do_mmap_ring(void)
{
	struct map *m = free_slot();
	size_t pages = ring_size / page;
	__u64 off = t_rand(pages + 2) * page;
	size_t len = (1 + t_rand(3)) * page;
	int prot = t_rand(2) ? PROT_READ : PROT_READ | PROT_WRITE;
	int flags = t_rand(8) ? MAP_SHARED : MAP_PRIVATE;
	int want = 0;
	void *p;

	if (!m)
		return;
	if (t_rand(4) == 0)
		len -= page - 1 - t_rand(page - 1);	/* odd: rounded up */
	if (t_rand(10) == 0)
		off += 1 + t_rand(page - 1);		/* not page-aligned */
	if (off % page)
		want = -EINVAL;
	else if (flags == MAP_PRIVATE)
		want = -EINVAL;
	else if (off >= ring_size || round_up(len) > ring_size - off)
		want = -EINVAL;
	else if ((prot & PROT_WRITE) && off + round_up(len) > page)
		want = -EACCES;
	p = mmap(NULL, len, prot, flags, handle, (off_t)off);
	check_result(S_MMAP_RING, p == MAP_FAILED ? -errno : 0, want, "ring");
	if (p == MAP_FAILED)
		return;
	*m = (struct map){ 1, RING, p, round_up(len), off, prot,
			   off + round_up(len) <= page };
}

static void do_mmap_win(void)
{
	struct map *m = free_slot();
	enum kind kind = t_rand(2) ? WIN0 : WIN1;
	__u64 off = ACQ_WINDOW_OFF(kind == WIN0 ? 0 : 1);
	size_t len = page;
	int prot = PROT_READ, flags = MAP_SHARED, want = 0;
	void *p;

	if (!m)
		return;
	switch (t_rand(8)) {
	case 0:
		len = page + 1;			/* two pages: past it */
		break;
	case 1:
		len = 1 + t_rand(page - 1);	/* odd: one page */
		break;
	case 2:
		off += page;			/* past the window */
		break;
	case 3:
		flags = MAP_PRIVATE;
		break;
	case 4:
		prot |= PROT_EXEC;
		break;
	default:
		break;
	}
	if (t_rand(2))
		prot |= PROT_WRITE;
	if (flags == MAP_PRIVATE)
		want = -EINVAL;
	else if (off != ACQ_WINDOW_OFF(kind == WIN0 ? 0 : 1) ||
		 round_up(len) > page)
		want = -EINVAL;
	else if ((prot & PROT_WRITE) && kind == WIN1)
		want = -EACCES;
	else if (prot & PROT_EXEC)
		want = -EACCES;
	p = mmap(NULL, len, prot, flags, handle, (off_t)off);
	check_result(S_MMAP_WIN, p == MAP_FAILED ? -errno : 0, want,
		     kind == WIN0 ? "window 0" : "window 1");
	if (p == MAP_FAILED)
		return;
	*m = (struct map){ 1, kind, p, round_up(len), off, prot,
			   kind == WIN0 };
}

static void do_mprotect(struct map *m)
{
	static const int prots[] = {
		PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
	};
	int prot = prots[t_rand(3)];
	int want = (prot & PROT_WRITE) && !m->maywrite ? -EACCES : 0;
	int err = mprotect(m->addr, m->len, prot) ? -errno : 0;

	check_result(S_MPROTECT, err, want, m->kind == RING ? "ring" : "window");
	if (!err)
		m->prot = prot;
}

static void do_grow(struct map *m)
{
	void *p = mremap(m->addr, m->len, m->len + page, MREMAP_MAYMOVE);

	check_result(S_GROW, p == MAP_FAILED ? -errno : 0, -EFAULT, "grow");
}

static void do_shrink(struct map *m)
{
	void *p;

	if (m->len < 2 * page)
		return;
	p = mremap(m->addr, m->len, m->len - page, 0);
	check_result(S_SHRINK, p == MAP_FAILED ? -errno : 0, 0, "shrink");
	/* The page cut off is gone. */
	{
		char c;
		int sig = probe(m->addr + m->len - page, &c);

		T_ASSERT(sig == SIGSEGV, "the page shrunk off still maps: %d",
			 sig);
		faults_seen++;
	}
	m->len -= page;
}

static void do_move(struct map *m)
{
	/* A place of the right size, reserved. */
	char *to = mmap(NULL, m->len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	char *old = m->addr;
	void *p;
	char c;

	T_ASSERT(to != MAP_FAILED, "reserve: %m");
	p = mremap(m->addr, m->len, m->len, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	check_result(S_MOVE, p == MAP_FAILED ? -errno : 0, 0, "move");
	T_ASSERT(p == to, "moved to %p, not %p", p, (void *)to);
	m->addr = to;
	T_ASSERT(probe(old, &c) == SIGSEGV, "the old address still maps");
	faults_seen++;
}

static void do_dontunmap(struct map *m)
{
	void *p = mremap(m->addr, m->len, m->len,
			 MREMAP_MAYMOVE | MREMAP_DONTUNMAP);

	check_result(S_DONTUNMAP, p == MAP_FAILED ? -errno : 0, -EINVAL,
		     "dontunmap");
}

static void do_dontneed(struct map *m)
{
	int err = madvise(m->addr, m->len, MADV_DONTNEED) ? -errno : 0;

	check_result(S_DONTNEED, err, -EINVAL, "dontneed");
}

static void do_munmap(struct map *m, int head)
{
	char *addr = m->addr;
	char c;

	if (head && m->len < 2 * page)
		return;
	if (head) {
		/* An odd length: the page it begins is unmapped whole. */
		check_result(S_MUNMAP_HEAD, munmap(m->addr, page - 7) ?
			     -errno : 0, 0, "head");
		m->addr += page;
		m->len -= page;
		m->off += page;
	} else {
		check_result(S_MUNMAP, munmap(m->addr, m->len) ? -errno : 0, 0,
			     "whole");
		m->live = 0;
	}
	T_ASSERT(probe(addr, &c) == SIGSEGV, "an unmapped page still maps");
	faults_seen++;
}

/* The child's view: no ring mapping, the windows shared. */
static void child_touch(unsigned int arg, int wr)
{
	(void)arg;
	(void)wr;
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &maps[i];
		char c;
		int sig;

		if (!m->live)
			continue;
		sig = probe(m->addr, &c);
		if (m->kind == RING || m->prot == PROT_NONE)
			T_ASSERT(sig == SIGSEGV, "child: %s mapping read: %d",
				 m->kind == RING ? "a ring" : "a PROT_NONE",
				 sig);
		else
			T_ASSERT(!sig, "child: a window read faulted: %d", sig);
		if (m->kind == WIN0 && (m->prot & PROT_WRITE))
			acq_window_write32(m->addr, 2044, 0xc41d0000u + i);
	}
	_exit(T_PASS);
}

static void do_fork(void)
{
	int rd, status;
	pid_t pid = t_fork_piped(child_touch, 0, &rd);

	close(rd);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	check_result(S_FORK, WIFEXITED(status) ? -WEXITSTATUS(status) : -999,
		     0, "child");
}

static void one_step(void)
{
	enum step s = t_rand(NR_STEPS);
	struct map *m = random_live();

	if (s == S_MMAP_RING)
		do_mmap_ring();
	else if (s == S_MMAP_WIN)
		do_mmap_win();
	else if (s == S_FORK)
		do_fork();
	else if (!m)
		do_mmap_ring();
	else if (s == S_MPROTECT)
		do_mprotect(m);
	else if (s == S_GROW)
		do_grow(m);
	else if (s == S_SHRINK)
		do_shrink(m);
	else if (s == S_MOVE)
		do_move(m);
	else if (s == S_DONTUNMAP)
		do_dontunmap(m);
	else if (s == S_DONTNEED)
		do_dontneed(m);
	else
		do_munmap(m, s == S_MUNMAP_HEAD);
	touch_all();
}

/* Fill every slot with a frame, then stop: the reference stays put. */
static void capture_some(struct acq_ctl *ctl, __u32 dev)
{
	const struct acq_ring_desc *desc;
	struct acq_verify v;
	unsigned int n = 0;

	acq_verify_init(&v, 0, LINES, LINE_BYTES);
	T_ASSERT(acq_dev_start(ctl, dev, handle) == 0, "start: %s",
		 acq_ctl_errmsg(ctl));
	while (n < 2 * SLOTS) {
		T_ASSERT(acq_ring_wait(&ring, 5000) > 0, "no frame");
		while (acq_ring_peek(&ring, &desc) == 0) {
			t_verify(&v, desc, acq_ring_frame(&ring, desc));
			acq_ring_release(&ring, 1);
			n++;
		}
	}
	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = SLOTS);
	struct t_baseline base;
	struct acq_ctl *ctl;
	unsigned long zeros = 0;
	struct map *whole;
	__u64 buf_offset;
	unsigned int steps;
	__u32 dev;
	int err;

	page = (size_t)sysconf(_SC_PAGESIZE);
	t_seed();
	steps = t_count("ACQ_MM_STEPS", 400, 150);
	t_catch_faults(SIGSEGV);
	t_catch_faults(SIGBUS);
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, SIM_ID, 1);
	t_capture_verified(ctl, dev, 1, 0, 20);
	t_baseline_take(&base);
	regs_fd = t_sim_debugfs_open(SIM_ID, "regs", O_RDONLY);

	handle = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, LINES, LINE_BYTES, 64000);
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s", acq_ctl_errmsg(ctl));
	ring_size = ring.hdr->buf_offset + ring.hdr->buf_size;
	capture_some(ctl, dev);

	for (unsigned int i = 0; i < steps; i++)
		one_step();
	printf("%u steps on a ring of %llu pages and two one-page windows:\n",
	       steps, (unsigned long long)(ring_size / page));
	for (int s = 0; s < NR_STEPS; s++)
		printf("  %-17s %lu tried, %lu worked, %lu refused as the rules say\n",
		       step_names[s], tried[s], worked[s], refused[s]);
	printf("%lu mappings touched after the steps, %lu faults where the rules want one\n",
	       touches, faults_seen);

	/*
	 * Detached under the live mappings, and one more of the whole ring
	 * so that there is always one: frames read as zeros.
	 */
	buf_offset = ring.hdr->buf_offset;
	whole = free_slot();
	if (!whole) {
		whole = random_live();
		T_ASSERT(munmap(whole->addr, whole->len) == 0, "munmap: %m");
	}
	*whole = (struct map){ 1, RING, NULL, ring_size, 0, PROT_READ, 0 };
	whole->addr = mmap(NULL, ring_size, PROT_READ, MAP_SHARED, handle, 0);
	T_ASSERT(whole->addr != MAP_FAILED, "map the whole ring: %m");
	touch_all();
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach: %s",
		 acq_ctl_errmsg(ctl));
	for (int i = 0; i < MAX_MAPS; i++) {
		struct map *m = &maps[i];

		if (!m->live)
			continue;
		for (size_t o = 0; m->kind == RING && m->prot != PROT_NONE &&
		     o < m->len; o++) {
			if (m->off + o < buf_offset)
				continue;
			T_ASSERT(!m->addr[o], "ring offset %#llx reads %#x after the detach",
				 (unsigned long long)(m->off + o), m->addr[o]);
			zeros++;
		}
		T_ASSERT(munmap(m->addr, m->len) == 0, "munmap: %m");
		m->live = 0;
	}
	printf("after the detach: %lu bytes of frames read through live mappings, all zero\n",
	       zeros);
	close(regs_fd);
	close(handle);
	t_baseline_check(&base, "shm-mm-sequence");
	t_capture_verified(ctl, dev, 1, 0, 100);
	t_sim_del(SIM_ID);
	t_acq_sim_close(ctl);
	return T_PASS;
}
