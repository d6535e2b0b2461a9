/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print call per field serves both outputs: in text mode the field is
 * printed with its format, in JSON mode as "key": value. Objects and arrays
 * exist only in JSON; print_nl() ends a line only in text. print_end()
 * ends the output, or in a stream one record of it.
 */
#ifndef _ACQCTL_PRINT_H
#define _ACQCTL_PRINT_H

#include <stdbool.h>

void print_init(bool json, bool pretty);
int print_end(void);
bool print_is_json(void);

void print_open_object(const char *key);
void print_close_object(void);
void print_open_array(const char *key);
void print_close_array(void);

void print_uint(const char *key, const char *fmt, unsigned long long v);
void print_string(const char *key, const char *fmt, const char *s);
void print_bool(const char *key, const char *fmt, bool v);
void print_flag(const char *key, const char *yes, const char *no, bool v);
void print_float(const char *key, const char *fmt, double v);
void print_nl(void);

#endif /* _ACQCTL_PRINT_H */
