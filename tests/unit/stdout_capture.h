/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What acqctl's printers write, caught in memory: cmocka setup and
 * teardown around a test, and capture_end() for the text it printed.
 */
#ifndef _TESTS_STDOUT_CAPTURE_H
#define _TESTS_STDOUT_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

static char *out;
static size_t out_len;
static FILE *saved_stdout;

static int capture_start(void **state)
{
	(void)state;
	saved_stdout = stdout;
	stdout = open_memstream(&out, &out_len);
	return stdout ? 0 : -1;
}

static const char *capture_end(void)
{
	fclose(stdout);
	stdout = saved_stdout;
	return out;
}

static int capture_free(void **state)
{
	(void)state;
	free(out);
	out = NULL;
	return 0;
}

#endif /* _TESTS_STDOUT_CAPTURE_H */
