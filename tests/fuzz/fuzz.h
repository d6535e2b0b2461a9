/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libFuzzer targets (fuzz-*.c) and the seed corpus's writer
 * (seeds.c) agree on: the family id the fake kernel's messages carry,
 * and how a target says that the code under test broke a promise (the
 * fuzzer then keeps the input that did it).
 */
#ifndef _TESTS_FUZZ_H
#define _TESTS_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

/* Any id the kernel could give the family; a message of another is not ours. */
#define FUZZ_FAMILY	0x1234

/* An input selects what it exercises with its first byte. */
enum fuzz_args_kind {
	FUZZ_ARGS_CAPTURE,
	FUZZ_ARGS_BENCH,
	FUZZ_ARGS_WORDS,	/* each word to parse.c's readers */
	FUZZ_ARGS_NR,
};

enum fuzz_reply_kind {
	FUZZ_REPLY_DEV,		/* dev-get, a do or a dump */
	FUZZ_REPLY_CHAN,
	FUZZ_REPLY_STATS,
	FUZZ_REPLY_WINDOW,
	FUZZ_REPLY_RING,	/* ring-attach */
	FUZZ_REPLY_ACK,		/* a request answered by an ACK only */
	FUZZ_REPLY_NR,
};

#define fuzz_assert(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken: %s\n", __FILE__,	\
			__LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif /* _TESTS_FUZZ_H */
