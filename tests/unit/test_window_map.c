// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl's mapping of a register window, with a memfd in place of
 * /dev/acqN (at offset 0: a window's real offsets are the driver's): the
 * whole window, shared, its registers read and written 32 bits at a time,
 * and what cannot be a mapping refused before mmap() is asked.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <acq/acqctl.h>

static int memfd_window(struct acq_window_info *info, size_t size)
{
	int fd = memfd_create("acq-window", MFD_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	*info = (struct acq_window_info){ .size = size, .writable = 1 };
	return fd;
}

static void test_map_shared(void **state)
{
	struct acq_window_info info;
	void *rw, *ro;
	int fd;

	(void)state;
	fd = memfd_window(&info, 8192);
	rw = acq_window_map(fd, &info, PROT_READ | PROT_WRITE);
	ro = acq_window_map(fd, &info, PROT_READ);
	assert_non_null(rw);
	assert_non_null(ro);
	/* What one mapping stores, the other sees: it is MAP_SHARED. */
	acq_window_write32(rw, 0x1ffc, 0xdeadbeef);
	acq_window_write32(rw, 0x104, 7);
	assert_int_equal(acq_window_read32(ro, 0x1ffc), 0xdeadbeef);
	assert_int_equal(acq_window_read32(ro, 0x104), 7);
	assert_int_equal(acq_window_read32(ro, 0x100), 0);
	assert_int_equal(acq_window_unmap(ro, &info), 0);
	assert_int_equal(acq_window_unmap(rw, &info), 0);
	close(fd);
}

static void test_map_refused(void **state)
{
	struct acq_window_info info, bad;
	int fd;

	(void)state;
	fd = memfd_window(&info, 4096);
	errno = 0;
	assert_null(acq_window_map(fd, &info, PROT_WRITE));
	assert_int_equal(errno, EINVAL);
	assert_null(acq_window_map(fd, &info, PROT_READ | PROT_EXEC));
	assert_int_equal(errno, EINVAL);
	assert_null(acq_window_map(fd, NULL, PROT_READ));
	assert_int_equal(errno, EINVAL);
	bad = info;
	bad.size = 0;
	assert_null(acq_window_map(fd, &bad, PROT_READ));
	assert_int_equal(errno, EINVAL);
	/* An end past what off_t holds. */
	bad = info;
	bad.offset = INT64_MAX - 4095;
	bad.size = 8192;
	assert_null(acq_window_map(fd, &bad, PROT_READ));
	assert_int_equal(errno, EINVAL);
	/* What mmap() itself refuses comes back as its errno. */
	assert_null(acq_window_map(-1, &info, PROT_READ));
	assert_int_equal(errno, EBADF);
	assert_int_equal(acq_window_unmap(NULL, &info), -EINVAL);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_shared),
		cmocka_unit_test(test_map_refused),
	};

	return cmocka_run_group_tests_name("window_map", tests, NULL, NULL);
}
