// SPDX-License-Identifier: GPL-2.0
/* Reading command-line words; see parse.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/*
 * Does @arg abbreviate @word, as iproute2 accepts "sh" for "show"? True
 * when it does: the opposite sense to iproute2's matches(), hence not
 * its name.
 */
bool is_abbrev(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !strncmp(arg, word, len);
}

/*
 * A number up to @max in @base (10, or 16 after a "0x" the caller
 * skipped): digits only, so that strtoull() takes no sign, space or
 * prefix of its own. 0 or -EINVAL.
 */
static int parse_base(const char *s, int base, unsigned long long max,
		      unsigned long long *v)
{
	const char *digits = base == 16 ? "0123456789abcdefABCDEF" :
					  "0123456789";
	char *end;

	if (!*s || s[strspn(s, digits)])
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, base);
	if (errno || *end || *v > max)
		return -EINVAL;
	return 0;
}

/* Decimal, or with @hex also hexadecimal after "0x" (register values). */
static int parse_number(const char *s, bool hex, unsigned long long max,
			unsigned long long *v)
{
	if (hex && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_base(s + 2, 16, max, v);
	return parse_base(s, 10, max, v);
}

static int parse_32(const char *s, bool hex, __u32 *v)
{
	unsigned long long n;
	int err = parse_number(s, hex, 0xffffffffULL, &n);

	if (!err)
		*v = n;
	return err;
}

static int parse_64(const char *s, bool hex, __u64 *v)
{
	unsigned long long n;
	int err = parse_number(s, hex, ~0ULL, &n);

	if (!err)
		*v = n;
	return err;
}

int parse_u32(const char *s, __u32 *v)
{
	return parse_32(s, false, v);
}

int parse_u64(const char *s, __u64 *v)
{
	return parse_64(s, false, v);
}

int parse_u32_num(const char *s, __u32 *v)
{
	return parse_32(s, true, v);
}

int parse_u64_num(const char *s, __u64 *v)
{
	return parse_64(s, true, v);
}

/*
 * Where a 32-bit register may be in a region of @size bytes: 0, -EINVAL
 * for an offset not a multiple of 4, -ERANGE for one past the end.
 */
int reg_offset_check(__u64 off, __u64 size)
{
	if (off % 4)
		return -EINVAL;
	if (size < 4 || off > size - 4)
		return -ERANGE;
	return 0;
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
