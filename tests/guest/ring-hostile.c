// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile or broken consumer cannot hurt the kernel or get more than the
 * ring's rules allow:
 *  - mmap: nothing before a ring is attached, nothing for another file of
 *    the device, no offset or length outside the ring, no private mapping,
 *    no writable mapping of descriptors or frames, and no mprotect() to
 *    make them writable;
 *  - another process: root reopening the owner's handle through
 *    /proc/PID/fd gets a file of its own, which maps nothing of the
 *    ring; an unprivileged user opens neither the device nor the handle;
 *  - attach and start: one ring per device (EBUSY), a handle must be open
 *    for writing, an eventfd must be one, desc-count a power of two, and
 *    only the ring's handle starts the device or configures its channels;
 *    a channel cannot go beyond the backend's limits; each error with its
 *    extack;
 *  - garbage in the consumer index and in every writable byte of the
 *    header: the kernel counts protocol errors, keeps running, and a
 *    consumer that puts back sane values reads verified frames again.
 */
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/acq_window.h>

#include "ring-util.h"

static long page;

static int try_mmap(int fd, off_t off, size_t len, int prot, int flags)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);

	if (p == MAP_FAILED)
		return -errno;
	munmap(p, len);
	return 0;
}

static void expect_extack(struct acq_ctl *ctl, int got, int want,
			  const char *msg)
{
	T_ASSERT(got == want, "got %d (%s), want %d (%s)", got,
		 strerror(-got), want, strerror(-want));
	T_ASSERT(strstr(acq_ctl_errmsg(ctl), msg), "extack \"%s\", want \"%s\"",
		 acq_ctl_errmsg(ctl), msg);
	printf("%s: %s\n", strerror(-got), acq_ctl_errmsg(ctl));
}

static void check_mmap_rules(int handle, int other, const struct acq_ring *r)
{
	const struct acq_ring_header *h = r->hdr;
	__u64 end = h->buf_offset + h->buf_size;
	void *p;

	T_ASSERT_ERR(try_mmap(other, 0, page, PROT_READ, MAP_SHARED), -EACCES);
	T_ASSERT_ERR(try_mmap(handle, end, page, PROT_READ, MAP_SHARED),
		     -EINVAL);
	T_ASSERT_ERR(try_mmap(handle, end - page, 2 * page, PROT_READ,
			      MAP_SHARED), -EINVAL);
	/* Past the ring, short of the register windows. */
	T_ASSERT_ERR(try_mmap(handle, ACQ_WINDOW_OFF_BASE - page, page,
			      PROT_READ, MAP_SHARED), -EINVAL);
	T_ASSERT_ERR(try_mmap(handle, 0, page, PROT_READ, MAP_PRIVATE),
		     -EINVAL);
	T_ASSERT_ERR(try_mmap(handle, h->desc_offset, page,
			      PROT_READ | PROT_WRITE, MAP_SHARED), -EACCES);
	T_ASSERT_ERR(try_mmap(handle, h->buf_offset, page,
			      PROT_READ | PROT_WRITE, MAP_SHARED), -EACCES);
	/* The header and one frame page in one writable mapping: no. */
	T_ASSERT_ERR(try_mmap(handle, 0, 2 * page, PROT_READ | PROT_WRITE,
			      MAP_SHARED), -EACCES);
	T_ASSERT_ERR(try_mmap(handle, 0, page, PROT_READ | PROT_WRITE,
			      MAP_SHARED), 0);

	p = mmap(NULL, page, PROT_READ, MAP_SHARED, handle, h->buf_offset);
	T_ASSERT(p != MAP_FAILED, "map a frame page: %m");
	T_ASSERT(mprotect(p, page, PROT_READ | PROT_WRITE) == -1 &&
		 errno == EACCES, "frames made writable: %m");
	munmap(p, page);
}

static void check_attach_rules(struct acq_ctl *ctl, __u32 dev, int other)
{
	ACQ_OPTS(acq_ring_opts, opts);
	ACQ_OPTS(acq_chan_config, keep, .enabled = -1);
	struct acq_ring r2;
	char path[32];
	int ro, efd;

	expect_extack(ctl, acq_ring_attach(ctl, dev, other, &opts, &r2),
		      -EBUSY, "already has a ring");
	expect_extack(ctl, acq_dev_start(ctl, dev, other), -EBUSY,
		      "belongs to another handle");
	expect_extack(ctl, acq_chan_set(ctl, dev, 0, other, &keep), -EBUSY,
		      "belongs to another handle");

	snprintf(path, sizeof(path), "/dev/acq%u", dev);
	ro = open(path, O_RDONLY | O_CLOEXEC);
	T_ASSERT(ro >= 0, "open %s read-only: %m", path);
	expect_extack(ctl, acq_dev_stop(ctl, dev, ro), -EACCES,
		      "not open for writing");
	close(ro);

	efd = eventfd(0, EFD_CLOEXEC);
	T_ASSERT(efd >= 0, "eventfd: %m");
	expect_extack(ctl, acq_dev_stop(ctl, dev, efd), -EINVAL,
		      "not an acq device file");
	expect_extack(ctl, acq_dev_stop(ctl, dev, 999), -EBADF,
		      "not an open file");
	close(efd);
}

/* Wait until the kernel has had time to publish many frames. */
/*
 * A second process, which does not own the ring, tries to map it: as
 * root through the owner's own handle reopened by /proc (a new file, as
 * any open is), then as nobody. Exits the child with 0 when all failed
 * as they must.
 */
static void other_process_maps(int handle, __u32 dev)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)getppid(), handle);
	fd = open(path, O_RDWR | O_CLOEXEC);
	T_ASSERT(fd >= 0, "root reopens %s: %m", path);
	T_ASSERT_ERR(try_mmap(fd, 0, page, PROT_READ, MAP_SHARED), -EACCES);
	close(fd);

	T_ASSERT(setresgid(65534, 65534, 65534) == 0 &&
		 setresuid(65534, 65534, 65534) == 0, "become nobody: %m");
	T_ASSERT(open(path, O_RDONLY | O_CLOEXEC) < 0 && errno == EACCES,
		 "nobody reopens the owner's handle: %m");
	snprintf(path, sizeof(path), "/dev/acq%u", dev);
	T_ASSERT(open(path, O_RDONLY | O_CLOEXEC) < 0 && errno == EACCES,
		 "nobody opens %s: %m", path);
	exit(0);
}

static void check_other_process(int handle, __u32 dev)
{
	int status;
	pid_t pid;

	pid = fork();
	T_ASSERT(pid >= 0, "fork: %m");
	if (!pid)
		other_process_maps(handle, dev);
	T_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %m");
	T_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		 "another process's mapping: status %#x", status);
}

static void let_it_run(void)
{
	usleep(200 * 1000);
}

int main(void)
{
	ACQ_OPTS(acq_ring_opts, opts, .desc_count = 8);
	ACQ_OPTS(acq_chan_config, fast, .enabled = -1);
	struct acq_ring_header saved;
	struct acq_chan_stats st;
	struct acq_verify v;
	const struct acq_ring_desc *desc;
	struct acq_ring ring;
	struct acq_ctl *ctl;
	int handle, other, n, err, good = 0;
	__u32 dev;

	page = sysconf(_SC_PAGESIZE);
	ctl = t_acq_sim_open();
	dev = t_sim_add(ctl, 3, 1);
	handle = t_dev_open(dev);
	other = t_dev_open(dev);
	t_chan_enable(ctl, dev, 0, handle, 16, 512, 16000);
	acq_verify_init(&v, 0, 16, 512);
	/* Within the policy but beyond what acq_sim's channels can do. */
	fast.line_rate = 60000000;
	expect_extack(ctl, acq_chan_set(ctl, dev, 0, handle, &fast), -ERANGE,
		      "line rate above the device's");

	T_ASSERT_ERR(try_mmap(handle, 0, page, PROT_READ, MAP_SHARED), -ENXIO);
	opts.desc_count = 3;
	expect_extack(ctl, acq_ring_attach(ctl, dev, handle, &opts, &ring),
		      -EINVAL, "power of two");
	opts.desc_count = 8;
	err = acq_ring_attach(ctl, dev, handle, &opts, &ring);
	T_ASSERT(err == 0, "attach: %s (%s)", strerror(-err),
		 acq_ctl_errmsg(ctl));
	check_mmap_rules(handle, other, &ring);
	check_other_process(handle, dev);
	check_attach_rules(ctl, dev, other);

	err = acq_dev_start(ctl, dev, handle);
	T_ASSERT(err == 0, "start: %s (%s)", strerror(-err), acq_ctl_errmsg(ctl));

	/* A consumer index from nowhere: ahead of the producer. */
	let_it_run();
	__atomic_store_n(&ring.hdr->consumer, ring.hdr->producer + 1000,
			 __ATOMIC_RELEASE);
	let_it_run();
	T_ASSERT(ring.hdr->protocol_errors > 0, "no protocol error counted");
	/* Behind what it released before. */
	__atomic_store_n(&ring.hdr->consumer, ring.consumer - 1,
			 __ATOMIC_RELEASE);
	let_it_run();

	/* Every writable byte of the header. */
	memcpy(&saved, ring.hdr, sizeof(saved));
	for (int pass = 0; pass < 3; pass++) {
		memset(ring.hdr, pass == 1 ? 0 : 0xa5, page);
		let_it_run();
	}
	st = t_stats(ctl, dev, 0);
	T_ASSERT(st.protocol_errors > 0, "stats: no protocol error");
	printf("protocol errors: %llu, dropped meanwhile: %llu\n",
	       (unsigned long long)st.protocol_errors,
	       (unsigned long long)st.dropped);

	/*
	 * Put back a sane header: the kernel saw no progress, so the ring is
	 * full from our last valid index on; its producer field is rewritten
	 * at the next publish, here we restore it for the reader.
	 */
	saved.consumer = ring.consumer;
	saved.producer = ring.consumer + saved.desc_count;
	memcpy(ring.hdr, &saved, sizeof(saved));
	while (good < 50) {
		n = acq_ring_wait(&ring, 2000);
		T_ASSERT(n > 0, "no frame after recovery: %d", n);
		while (acq_ring_peek(&ring, &desc) == 0) {
			t_verify(&v, desc, acq_ring_frame(&ring, desc));
			acq_ring_release(&ring, 1);
			good++;
		}
	}
	printf("%d frames verified after recovery\n", good);

	T_ASSERT(acq_dev_stop(ctl, dev, handle) == 0, "stop");
	t_stats_check(ctl, dev, 0);
	T_ASSERT(acq_ring_detach(ctl, &ring) == 0, "detach");
	close(other);
	close(handle);
	t_sim_del(3);
	t_acq_sim_close(ctl);
	return T_PASS;
}
