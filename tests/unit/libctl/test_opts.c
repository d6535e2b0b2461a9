// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libctl/opts.c: structs that grow, in (options a caller of another
 * version passes) and out (info structs of another version's size).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"

/* Three versions of an options struct; each adds past the last's size. */
struct opts_v1 {
	size_t sz;
	int a;
};

struct opts_v2 {
	struct opts_v1 v1;
	int b;
};

struct opts_v3 {
	struct opts_v2 v2;
	int c;
};

static void test_opts_load(void **state)
{
	struct opts_v2 ours = { .v1 = { .sz = sizeof(ours), .a = 7 }, .b = 8 };
	struct opts_v1 v1 = { .sz = sizeof(v1), .a = 1 };
	struct opts_v3 v3 = {
		.v2 = { .v1 = { .sz = sizeof(v3), .a = 1 }, .b = 2 },
	};
	size_t tiny = sizeof(size_t) - 1;

	(void)state;
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), NULL), 0);
	assert_int_equal(ours.v1.a, 7);
	/* An older struct: what it lacks keeps our default. */
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v1), 0);
	assert_int_equal(ours.v1.a, 1);
	assert_int_equal(ours.b, 8);
	/* A newer one: fine while what we do not know is zero. */
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v3), 0);
	assert_int_equal(ours.b, 2);
	v3.c = 1;
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &v3), -EINVAL);
	assert_int_equal(acq_opts_load(&ours, sizeof(ours), &tiny), -EINVAL);
}

static void test_copy_out(void **state)
{
	const __u32 src[3] = { 1, 2, 3 };
	__u32 dst[4] = { 9, 9, 9, 9 };

	(void)state;
	acq_copy_out(dst, 2 * sizeof(__u32), src, sizeof(src));
	assert_int_equal(dst[0], 1);
	assert_int_equal(dst[1], 2);
	assert_int_equal(dst[2], 9);	/* an older caller's struct ends here */
	acq_copy_out(dst, sizeof(dst), src, sizeof(src));
	assert_int_equal(dst[2], 3);
	assert_int_equal(dst[3], 0);	/* a newer caller's field we lack */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_load),
		cmocka_unit_test(test_copy_out),
	};

	return cmocka_run_group_tests_name("opts", tests, NULL, NULL);
}
