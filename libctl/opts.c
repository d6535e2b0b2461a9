// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Structs that grow at their end, in both directions across the library's
 * boundary: results copied out to a caller's struct of any version, and
 * options structs read in the manner of libbpf's opts, whose first member
 * is their size.
 */
#include <string.h>

#include "internal.h"

/*
 * Hand a result to a caller's struct of @dst_sz bytes: one built against
 * an older, shorter struct gets its prefix, a newer, longer one zeros
 * where we know nothing.
 */
void acq_copy_out(void *dst, size_t dst_sz, const void *src, size_t src_sz)
{
	memset(dst, 0, dst_sz);
	memcpy(dst, src, dst_sz < src_sz ? dst_sz : src_sz);
}

/*
 * Read a caller's options @src over ours at @dst (@dst_sz bytes, holding
 * the defaults). NULL keeps every default. An older, shorter struct leaves
 * our later fields at their defaults; a newer, longer one is refused with
 * -EINVAL unless all we do not know of it is zero, so that an option this
 * library cannot honour is never silently ignored.
 */
int acq_opts_load(void *dst, size_t dst_sz, const void *src)
{
	const unsigned char *p = src;
	size_t sz, i;

	if (!src)
		return 0;
	memcpy(&sz, src, sizeof(sz));
	if (sz < sizeof(sz))
		return -EINVAL;
	for (i = dst_sz; i < sz; i++)
		if (p[i])
			return -EINVAL;
	memcpy(dst, src, sz < dst_sz ? sz : dst_sz);
	return 0;
}
