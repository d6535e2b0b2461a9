/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading command-line words: keywords, numbers, on/off. Pure functions
 * (no output, no exit): the commands say what was wrong.
 */
#ifndef _ACQCTL_PARSE_H
#define _ACQCTL_PARSE_H

#include <stdbool.h>
#include <linux/types.h>

bool is_abbrev(const char *arg, const char *word);
int parse_u32(const char *s, __u32 *v);
int parse_u64(const char *s, __u64 *v);
/* As parse_u32() and parse_u64(), or hexadecimal after "0x". */
int parse_u32_num(const char *s, __u32 *v);
int parse_u64_num(const char *s, __u64 *v);
/* Is there a 32-bit register at byte @off of @size? 0, -EINVAL, -ERANGE */
int reg_offset_check(__u64 off, __u64 size);
int parse_seconds(const char *s, double *v);
int parse_on_off(const char *s, int *v);

#endif /* _ACQCTL_PARSE_H */
