// SPDX-License-Identifier: GPL-2.0
/* Reading command-line words; see parse.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* Does @arg abbreviate @word, as iproute2 accepts "sh" for "show"? */
bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !strncmp(arg, word, len);
}

/*
 * A decimal number up to @max: digits only, so that strtoull() takes no
 * sign, space or base prefix. 0 or -EINVAL.
 */
static int parse_decimal(const char *s, unsigned long long max,
			 unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, 10);
	if (errno || *end || *v > max)
		return -EINVAL;
	return 0;
}

int parse_u32(const char *s, __u32 *v)
{
	unsigned long long n;
	int err = parse_decimal(s, 0xffffffffULL, &n);

	if (!err)
		*v = n;
	return err;
}

int parse_u64(const char *s, __u64 *v)
{
	unsigned long long n;
	int err = parse_decimal(s, ~0ULL, &n);

	if (!err)
		*v = n;
	return err;
}

/* A positive, finite number of seconds, at most a year: "2", "0.5". */
int parse_seconds(const char *s, double *v)
{
	char *end;

	if ((*s < '0' || *s > '9') && *s != '.')
		return -EINVAL;
	errno = 0;
	*v = strtod(s, &end);
	if (errno || *end || !isfinite(*v) || *v <= 0 || *v > 366 * 86400.0)
		return -EINVAL;
	return 0;
}

int parse_on_off(const char *s, int *v)
{
	if (!strcmp(s, "on"))
		*v = 1;
	else if (!strcmp(s, "off"))
		*v = 0;
	else
		return -EINVAL;
	return 0;
}
