// SPDX-License-Identifier: GPL-2.0
/*
 * The device goes away under a capturing consumer: once by del_device,
 * once by unloading acq_sim. Each time the consumer keeps running: its
 * header says the device is gone, the frames it still maps fault with
 * SIGBUS (their memory went back with the device), the header and
 * descriptors stay readable. acq itself cannot be unloaded while a device
 * file is open, and when the consumer lets go every byte comes back.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "ring-util.h"

static sigjmp_buf fault_jmp;

static void on_sigbus(int sig)
{
	siglongjmp(fault_jmp, sig);
}

/* Read one byte; return the signal it raised, or 0. */
static int probe(const volatile unsigned char *p)
{
	int sig = sigsetjmp(fault_jmp, 1);

	if (!sig)
		(void)*p;
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
	struct acq_ring_opts opts = { .sz = sizeof(opts), .desc_count = 16 };
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
	/* Fault frame pages in: the removal must zap live mappings. */
	for (__u64 off = 0; off < c->ring.frames_size; off += 4096)
		T_ASSERT(probe(c->ring.frames + off) == 0, "frame unreadable");
}

static void check_gone(struct acq_ctl *ctl, struct capture *c)
{
	const struct acq_ring_header *h = c->ring.hdr;
	int err;

	T_ASSERT((h->flags & (ACQ_RING_F_DEV_GONE | ACQ_RING_F_STOPPED)) ==
		 (ACQ_RING_F_DEV_GONE | ACQ_RING_F_STOPPED),
		 "header flags %#x", h->flags);
	T_ASSERT(probe(c->ring.frames) == SIGBUS, "frames still mapped");
	T_ASSERT(probe(c->ring.frames + c->ring.frames_size - 1) == SIGBUS,
		 "last frame page still mapped");
	T_ASSERT(probe((const unsigned char *)c->ring.desc) == 0,
		 "descriptors unreadable");
	T_ASSERT(h->magic == ACQ_RING_MAGIC, "header unreadable");
	T_ASSERT(acq_ring_ready(&c->ring) >= 0, "ring inconsistent");
	err = acq_dev_start(ctl, c->dev, c->handle);
	T_ASSERT(err == -ENODEV, "start of a removed device: %d", err);
	T_ASSERT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, c->handle, 0) ==
		 MAP_FAILED, "mapped a removed device's ring");
}

int main(void)
{
	struct capture a, b;
	struct acq_ctl *ctl;

	signal(SIGBUS, on_sigbus);
	ctl = t_acq_sim_open();

	capture_start(ctl, 4, &a);
	capture_start(ctl, 5, &b);

	t_sim_del(4);
	check_gone(ctl, &a);
	printf("del_device under a capture: header kept, frames SIGBUS\n");

	/* acq_sim goes with a device still capturing. */
	t_unload_module("acq_sim");
	check_gone(ctl, &b);
	printf("acq_sim unloaded under a capture: header kept, frames SIGBUS\n");

	T_ASSERT(syscall(SYS_delete_module, "acq", O_NONBLOCK) == -1,
		 "acq unloaded with its files open");
	printf("acq refused to unload while in use: %m\n");

	acq_ring_unmap(&a.ring);
	acq_ring_unmap(&b.ring);
	close(a.handle);
	close(b.handle);
	T_ASSERT(t_ring_bytes() == 0, "%ld ring bytes left", t_ring_bytes());
	acq_ctl_close(ctl);
	t_unload_module("acq");
	return T_PASS;
}
