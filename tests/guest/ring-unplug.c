// SPDX-License-Identifier: GPL-2.0
/*
 * The device goes away under a capturing consumer: once by del_device,
 * once by unloading acq_sim, and once its ring is detached by an
 * administrator. Each time the consumer keeps running: its header says
 * the device is gone (or the ring detached), the frames it still maps
 * read as zeros (their memory went back with the device; no SIGBUS, which
 * a library could not catch for its process), and so do pages it had never
 * touched, through a system call (write(2) from them) as well. The header
 * and descriptors stay readable. The mapping goes on where it is moved
 * to, before the removal (the zap finds it there) or after (a mapping made
 * once the frames are gone), and a child of fork() does not inherit it.
 * acq itself cannot be unloaded while a device file is open, and when the
 * consumer lets go every byte comes back.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "internal.h"
#include "ring-util.h"

/* Read one byte into *@v; return the signal it raised, or 0. */
static int probe(const volatile unsigned char *p, unsigned char *v)
{
	int sig = T_FAULT_POINT();

	if (!sig)
		*v = *p;
	t_fault_unset();
	return sig;
}

struct capture {
	__u32 dev;
	int handle;
	struct acq_ring ring;
};

static void capture_start(struct acq_ctl *ctl, unsigned int sim_id,
			  struct capture *c)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 16);
	unsigned char v;
	int err;

	c->dev = t_sim_add(ctl, sim_id, 2);
	c->handle = t_dev_open(c->dev);
	t_chan_enable(ctl, c->dev, 0, c->handle, 16, 1024, 16000);
	t_chan_enable(ctl, c->dev, 1, c->handle, 16, 1024, 16000);
	err = acq_ring_attach(ctl, c->dev, c->handle, &opts, &c->ring);
	T_ASSERT(err == 0, "attach: %s", strerror(-err));
	err = acq_dev_start(ctl, c->dev, c->handle);
	T_ASSERT(err == 0, "start: %s", strerror(-err));
	T_ASSERT(acq_ring_wait(&c->ring, 2000) > 0, "no frame");
	/*
	 * Fault the first half of the frames in: the removal must zap live
	 * mappings; the second half is first touched after it.
	 */
	for (__u64 off = 0; off < c->ring.frames_size / 2; off += 4096)
		T_ASSERT(probe(c->ring.frames + off, &v) == 0,
			 "frame unreadable");
}

/*
 * Move the descriptors and frames of @c elsewhere (mremap), as one
 * mapping: the ring then reads them there.
 */
static void capture_move(struct capture *c)
{
	struct acq_ring *r = &c->ring;
	void *hole, *p;

	hole = mmap(NULL, r->data_map_size, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	T_ASSERT(hole != MAP_FAILED, "reserve a hole: %m");
	p = mremap(r->data_map, r->data_map_size, r->data_map_size,
		   MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	T_ASSERT(p == hole, "move the frames: %m");
	r->desc = (const void *)((const char *)p +
		  ((const char *)r->desc - (const char *)r->data_map));
	r->frames = (const unsigned char *)p +
		    (r->frames - (const unsigned char *)r->data_map);
	r->data_map = p;
}

/* Every byte of the frame region reads as zero, and nothing faults. */
static void check_zeros(const struct capture *c, const char *where)
{
	unsigned char v;

	for (__u64 off = 0; off < c->ring.frames_size; off++) {
		T_ASSERT(probe(c->ring.frames + off, &v) == 0,
			 "%s: frame byte %llu raised a signal", where,
			 (unsigned long long)off);
		T_ASSERT(v == 0, "%s: frame byte %llu is %#x, not 0", where,
			 (unsigned long long)off, v);
	}
}

/*
 * A system call reads the frames too (write(2) from them): no EFAULT,
 * and it copies zeros.
 */
static void check_syscall_reads(const struct capture *c)
{
	size_t len = c->ring.frames_size;
	unsigned char *back = malloc(len);
	int fd = memfd_create("ring-unplug", MFD_CLOEXEC);

	T_ASSERT(back && fd >= 0, "memfd: %m");
	T_ASSERT(write(fd, c->ring.frames, len) == (ssize_t)len,
		 "write(2) from the frames: %m");
	T_ASSERT(pread(fd, back, len, 0) == (ssize_t)len, "read back: %m");
	for (size_t i = 0; i < len; i++)
		T_ASSERT(!back[i], "byte %zu written as %#x", i, back[i]);
	free(back);
	close(fd);
}

/* A child of fork() has no mapping of the ring's data (VM_DONTCOPY). */
static void check_fork(const struct capture *c)
{
	unsigned char v;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid)
		_exit(probe(c->ring.frames, &v) == SIGSEGV ? 0 : 1);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		 "the child of fork() read the ring's frames (status %#x)",
		 status);
}

static void check_gone(struct acq_ctl *ctl, struct capture *c, __u32 flags,
		       int start_err)
{
	const struct acq_ring_header *h = c->ring.hdr;
	unsigned char v;
	int err;

	flags |= ACQ_RING_F_STOPPED | ACQ_RING_F_DETACHED;
	T_ASSERT((h->flags & (ACQ_RING_F_DEV_GONE | ACQ_RING_F_STOPPED |
			      ACQ_RING_F_DETACHED)) == flags,
		 "header flags %#x, want %#x", h->flags, flags);
	check_zeros(c, "after");
	check_syscall_reads(c);
	T_ASSERT(probe((const unsigned char *)c->ring.desc, &v) == 0,
		 "descriptors unreadable");
	T_ASSERT(h->magic == ACQ_RING_MAGIC, "header unreadable");
	T_ASSERT(acq_ring_ready(&c->ring) >= 0, "ring inconsistent");
	err = acq_dev_start(ctl, c->dev, c->handle);
	T_ASSERT(err == start_err, "start after: %d, want %d", err, start_err);
	T_ASSERT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, c->handle, 0) ==
		 MAP_FAILED, "mapped the ring again");
}

int main(void)
{
	struct capture a, b, c;
	struct acq_ctl *ctl;

	t_catch_faults(SIGBUS);
	t_catch_faults(SIGSEGV);
	ctl = t_acq_sim_open();

	capture_start(ctl, 4, &a);
	capture_start(ctl, 5, &b);
	capture_start(ctl, 6, &c);

	/* Moved while the frames are there: the zap finds it. */
	capture_move(&a);
	t_sim_del(4);
	check_gone(ctl, &a, ACQ_RING_F_DEV_GONE, -ENODEV);
	/* Moved once they are gone: a new mapping reads zeros too. */
	capture_move(&a);
	check_zeros(&a, "moved after");
	check_fork(&a);
	check_zeros(&a, "after fork");
	printf("del_device under a capture: header kept, frames read as zeros, moved or not\n");

	/* An administrator's detach: the device stays, without a ring. */
	T_ASSERT_ERR(acq_request_handle(ctl, ACQ_CMD_RING_DETACH,
					ACQ_A_RING_DEV_ID, c.dev,
					ACQ_A_RING_HANDLE, -1), 0);
	check_gone(ctl, &c, 0, -ENOLINK);
	printf("ring detached by an admin: header kept, frames read as zeros\n");

	/* acq_sim goes with a device still capturing (and c's, bare). */
	t_unload_module("acq_sim");
	check_gone(ctl, &b, ACQ_RING_F_DEV_GONE, -ENODEV);
	printf("acq_sim unloaded under a capture: header kept, frames read as zeros\n");

	T_ASSERT(syscall(SYS_delete_module, "acq", O_NONBLOCK) == -1,
		 "acq unloaded with its files open");
	printf("acq refused to unload while in use: %m\n");

	acq_ring_unmap(&a.ring);
	acq_ring_unmap(&b.ring);
	acq_ring_unmap(&c.ring);
	close(a.handle);
	close(b.handle);
	close(c.handle);
	T_ASSERT(t_ring_bytes() == 0, "%ld ring bytes left", t_ring_bytes());
	acq_ctl_close(ctl);
	t_unload_module("acq");
	return T_PASS;
}
