// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: acqctl's command-line parsers, which turn words a
 * user typed into options: capture's and bench's (capture_args.c,
 * bench_args.c) and the readers of numbers, durations and on/off
 * (parse.c) the other commands use, with libacqctl's device names.
 *
 * An input is a kind (its first byte, enum fuzz_args_kind) and the words,
 * separated by NUL bytes. Beyond not crashing, each parser keeps its
 * promises: 0 or -EINVAL, and a reason on failure, always terminated.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "acq/acqctl.h"
#include "bench.h"
#include "capture.h"
#include "parse.h"
#include "fuzz.h"

#define MAX_WORDS	32
#define WHY_LEN		128

/* Split @data into NUL-terminated words in @buf; how many. */
static int split(const uint8_t *data, size_t size, char *buf, char **argv)
{
	int argc = 0;
	size_t i;

	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = buf;
	for (i = 0; i < size && argc < MAX_WORDS; i++) {
		if (!buf[i])
			argv[argc++] = buf + i + 1;
	}
	/* The last word is the one the NUL added above ends. */
	return argc;
}

/* A parser's verdict: 0, or -EINVAL with a terminated, non-empty reason. */
static void check_verdict(int err, const char *why)
{
	fuzz_assert(err == 0 || err == -EINVAL);
	fuzz_assert(memchr(why, '\0', WHY_LEN));
	if (err)
		fuzz_assert(why[0]);
}

static void fuzz_capture(int argc, char **argv)
{
	struct capture_opts o;
	char why[WHY_LEN];
	int err;

	memset(why, 0x55, sizeof(why));
	why[WHY_LEN - 1] = '\0';
	err = capture_parse(argc, argv, &o, why, sizeof(why));
	check_verdict(err, why);
	if (err)
		return;
	fuzz_assert(o.dev_id <= 0x7fffffff);
	/* --frames and --seconds exclude each other. */
	if (o.frames)
		fuzz_assert(o.seconds == CAPTURE_DEFAULT_SECONDS);
	fuzz_assert(o.seconds > 0);
	/* --output points into the words it came from. */
	if (o.output)
		fuzz_assert(o.output >= argv[0] &&
			    o.output <= argv[argc - 1] + strlen(argv[argc - 1]));
}

static void fuzz_bench(int argc, char **argv)
{
	struct bench_opts o;
	char why[WHY_LEN];
	int err;

	memset(why, 0x55, sizeof(why));
	why[WHY_LEN - 1] = '\0';
	err = bench_parse(argc, argv, &o, why, sizeof(why));
	check_verdict(err, why);
	if (err)
		return;
	fuzz_assert(o.dev_id <= 0x7fffffff);
	fuzz_assert(o.modes && o.modes < 1U << BENCH_NR_MODES);
	fuzz_assert(o.label);
}

static void fuzz_words(int argc, char **argv)
{
	__u32 u32, id;
	__u64 u64, size;
	double d;
	int i, v, err;

	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		err = parse_u32(s, &u32);
		fuzz_assert(err == 0 || err < 0);
		err = parse_u64(s, &u64);
		fuzz_assert(err == 0 || err < 0);
		/* A decimal u32 is a u64 of the same value. */
		if (!parse_u32(s, &u32))
			fuzz_assert(!parse_u64(s, &u64) && u64 == u32);
		if (!parse_u32_num(s, &u32))
			fuzz_assert(!parse_u64_num(s, &u64) && u64 == u32);
		if (!parse_seconds(s, &d))
			fuzz_assert(d > 0 && d <= 366 * 86400.0);
		if (!parse_on_off(s, &v))
			fuzz_assert(v == 0 || v == 1);
		if (!acq_dev_parse_name(s, &id))
			fuzz_assert(id <= 0x7fffffff);
		if (is_abbrev(s, "capture"))
			fuzz_assert(s[0] && !strncmp(s, "capture", strlen(s)));
		/* Two numbers: a register's offset in a window's size. */
		if (i + 1 < argc && !parse_u64_num(s, &u64) &&
		    !parse_u64_num(argv[i + 1], &size) &&
		    !reg_offset_check(u64, size))
			fuzz_assert(u64 % 4 == 0 && size >= 4 &&
				    u64 <= size - 4);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_WORDS];
	char *buf;
	int argc;

	if (size < 1)
		return 0;
	buf = malloc(size);
	if (!buf)
		return 0;
	argc = split(data + 1, size - 1, buf, argv);
	switch (data[0] % FUZZ_ARGS_NR) {
	case FUZZ_ARGS_CAPTURE:
		fuzz_capture(argc, argv);
		break;
	case FUZZ_ARGS_BENCH:
		fuzz_bench(argc, argv);
		break;
	default:
		fuzz_words(argc, argv);
		break;
	}
	free(buf);
	return 0;
}
