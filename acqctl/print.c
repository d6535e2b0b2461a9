// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "print.h"

#define PRINT_MAX_DEPTH 16

static struct {
	bool json;
	bool pretty;
	int depth;
	/* Whether the container at each depth already holds a member. */
	bool has_member[PRINT_MAX_DEPTH];
} pr;

void print_init(bool json, bool pretty)
{
	pr.json = json;
	pr.pretty = pretty;
	pr.depth = 0;
	pr.has_member[0] = false;
}

bool print_is_json(void)
{
	return pr.json;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Separator, indentation and key of the next member of the container. */
static void json_member(const char *key)
{
	if (pr.has_member[pr.depth])
		putchar(',');
	pr.has_member[pr.depth] = true;
	if (pr.pretty && pr.depth) {
		putchar('\n');
		printf("%*s", 4 * pr.depth, "");
	}
	if (key) {
		json_string(key);
		fputs(pr.pretty ? ": " : ":", stdout);
	}
}

static void json_open(const char *key, char c)
{
	if (!pr.json)
		return;
	json_member(key);
	putchar(c);
	if (pr.depth < PRINT_MAX_DEPTH - 1)
		pr.depth++;
	pr.has_member[pr.depth] = false;
}

static void json_close(char c)
{
	bool had = pr.has_member[pr.depth];

	if (!pr.json)
		return;
	if (pr.depth)
		pr.depth--;
	if (pr.pretty && had) {
		putchar('\n');
		printf("%*s", 4 * pr.depth, "");
	}
	putchar(c);
}

void print_open_object(const char *key)
{
	json_open(key, '{');
}

void print_close_object(void)
{
	json_close('}');
}

void print_open_array(const char *key)
{
	json_open(key, '[');
}

void print_close_array(void)
{
	json_close(']');
}

void print_uint(const char *key, const char *fmt, unsigned long long v)
{
	if (pr.json) {
		json_member(key);
		printf("%llu", v);
	} else if (fmt) {
		printf(fmt, v);
	}
}

void print_string(const char *key, const char *fmt, const char *s)
{
	if (pr.json) {
		json_member(key);
		json_string(s);
	} else if (fmt) {
		printf(fmt, s);
	}
}

/* JSON true or false; text gets "on" or "off", as acqctl's commands take. */
void print_bool(const char *key, const char *fmt, bool v)
{
	if (pr.json) {
		json_member(key);
		fputs(v ? "true" : "false", stdout);
	} else if (fmt) {
		printf(fmt, v ? "on" : "off");
	}
}

/*
 * JSON true or false; text the word @yes or @no as it is (" writable"),
 * for a property that reads better named than "on" or "off".
 */
void print_flag(const char *key, const char *yes, const char *no, bool v)
{
	if (pr.json) {
		json_member(key);
		fputs(v ? "true" : "false", stdout);
	} else {
		fputs(v ? yes : no, stdout);
	}
}

/* JSON has no infinity or NaN: a rate over no time is null. */
void print_float(const char *key, const char *fmt, double v)
{
	if (pr.json) {
		json_member(key);
		if (isfinite(v))
			printf("%.3f", v);
		else
			fputs("null", stdout);
	} else if (fmt) {
		printf(fmt, v);
	}
}

void print_nl(void)
{
	if (!pr.json)
		putchar('\n');
}

/*
 * Finish the output, or one record of a stream: in JSON another top-level
 * value may follow on the next line (newline-delimited JSON). Flushed;
 * -errno if it could not all be written.
 */
int print_end(void)
{
	if (pr.json)
		putchar('\n');
	pr.has_member[0] = false;
	if (fflush(stdout) || ferror(stdout))
		return -(errno ?: EIO);
	return 0;
}
